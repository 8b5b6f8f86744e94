"""What both reproduction modules share: report-style rounding, the matching rules, the
contradictions files and the assembly of the printed-vs-reproduced table.

Matching rules (the ``rule`` of a figure):

===============  ==============================================================================
``exact``        equal (counts, degrees of freedom)
``round:d``      the value rounded half up to ``d`` decimals equals the printed number
``pct:d``        the same, for percentages (``pct`` alone means ``pct:0``)
``below:x``      the value is below ``x`` (a p printed as "< .05")
``over``         the value is above the printed number ("over 60%")
``nearest:10``   the value rounded half up to the nearest ten equals the printed number
``held``         the data hold the printed text or value as it is (also ``month``, ``season``,
                 ``date``)
===============  ==============================================================================
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

import pandas as pd
import yaml

from helpers.paths import published_dir
from helpers.published import flatten

__all__ = ["round_half_up", "load_contradictions", "matches", "figure_table", "FigureCollector"]

_EQUAL_RULES = ("held", "month", "season", "date")


def round_half_up(value: float, decimals: int = 0) -> float:
    """Round half away from zero (62.5 -> 63, 73.585 -> 73.59), as printed reports do."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return float("nan")
    q = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(q, rounding=ROUND_HALF_UP))


@cache
def load_contradictions(evaluation: str) -> tuple[dict[str, Any], ...]:
    """Entries of ``data/published/<evaluation>.contradictions.yaml`` (empty when absent)."""
    path = published_dir() / f"{evaluation}.contradictions.yaml"
    if not path.is_file():
        return ()
    with open(path, encoding="utf-8") as fh:
        return tuple(yaml.safe_load(fh) or ())


def matches(printed: Any, value: Any, rule: str) -> bool:
    """Whether ``value`` reproduces ``printed`` under ``rule`` (see the module docstring)."""
    if value is None:
        return False
    if rule in _EQUAL_RULES:
        return value == printed
    if isinstance(printed, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(printed, bool) and value == printed
    if isinstance(value, float) and math.isnan(value):
        return False
    if rule == "exact":
        return math.isclose(float(value), float(printed), abs_tol=1e-9)
    if rule == "pct":
        rule = "pct:0"
    if rule.startswith(("round:", "pct:")):
        decimals = int(rule.split(":")[1])
        return math.isclose(round_half_up(value, decimals), float(printed), abs_tol=1e-9)
    if rule.startswith("below:"):
        return float(value) < float(rule.split(":")[1])
    if rule == "over":
        return float(value) > float(printed)
    if rule == "nearest:10":
        return round_half_up(float(value) / 10) * 10 == float(printed)
    raise ValueError(f"unknown rule {rule!r}")


class FigureCollector:
    """Collects computed figures as ``{path: (value, rule)}`` for :func:`figure_table`.

    Numpy scalars are stored as plain Python numbers so that tables and YAML compare cleanly.
    """

    def __init__(self) -> None:
        self.values: dict[str, tuple[Any, str]] = {}

    def add(self, path: str, value: Any, rule: str = "exact") -> None:
        if hasattr(value, "item"):
            value = value.item()
        self.values[path] = (value, rule)


def figure_table(evaluation: str, pub: dict[str, Any],
                 computed: dict[str, tuple[Any, str]]) -> pd.DataFrame:
    """One row per published figure: path, printed, reproduced, rule, matches, note.

    Every number or boolean leaf of ``pub`` is listed (``reproduced`` None where the data cannot
    give it); text and date leaves only where ``computed`` holds them. ``note`` is the id of the
    first contradictions entry that names the figure.
    """
    notes: dict[str, str] = {}
    for entry in load_contradictions(evaluation):
        for path in entry["figures"]:
            notes.setdefault(path, entry["id"])
    rows = []
    for path, printed in flatten(pub).items():
        is_number = isinstance(printed, (int, float, bool))
        if not is_number and path not in computed:
            continue
        value, rule = computed.get(path, (None, "exact"))
        rows.append({"path": path, "printed": printed, "reproduced": value, "rule": rule,
                     "matches": matches(printed, value, rule), "note": notes.get(path, "")})
    return pd.DataFrame(rows, columns=["path", "printed", "reproduced", "rule", "matches", "note"])
