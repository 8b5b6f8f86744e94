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

Labels (:func:`figure_labels`): a reader finds a figure by where the report prints it, not by its
path in ``data/published/<evaluation>.yaml``. ``data/published/<evaluation>.labels.yaml`` holds

* ``sections``: the report's places in reading order, a key each and the words naming the place
  ("Table 1 (section 2.4): scores before and after therapy");
* ``figures``: under each section key, path patterns and the words naming the figure there. A
  segment written ``{name}`` matches one segment of a path; in the words it becomes the entry of
  ``names.<name>`` for that segment (a list read by list position, or a mapping read by key). A
  placeholder that ``names`` does not define matches a list position and reads as its number
  counted from 1. Every path matches exactly one pattern;
* ``names``: the words for the placeholders;
* ``values`` (optional): words for printed texts the figures file writes as codes (``core10``
  for "CORE-10"), used wherever a printed text is shown to a reader.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from helpers.paths import published_dir
from helpers.published import flatten

__all__ = ["round_half_up", "load_contradictions", "matches", "figure_table", "FigureCollector",
           "FigureLabel", "FigureLabels", "figure_labels", "labels_from_file"]

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
    """One row per published figure: path, section, figure, printed, reproduced, rule, matches,
    note.

    Every number or boolean leaf of ``pub`` is listed (``reproduced`` None where the data cannot
    give it); text and date leaves only where ``computed`` holds them. ``section`` and ``figure``
    say where the report prints the figure and what it is (:func:`figure_labels`); ``note`` is the
    id of the first contradictions entry that names the figure.
    """
    labels = figure_labels(evaluation)
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
        label = labels.label(path)
        rows.append({"path": path, "section": label.section, "figure": label.figure,
                     "printed": printed, "reproduced": value, "rule": rule,
                     "matches": matches(printed, value, rule), "note": notes.get(path, "")})
    return pd.DataFrame(rows, columns=["path", "section", "figure", "printed", "reproduced", "rule",
                                       "matches", "note"])


@dataclass(frozen=True)
class FigureLabel:
    """Where the report prints a figure and what it is, in words.

    ``section`` names the place ("Table 1 (section 2.4): scores before and after therapy"),
    ``figure`` the figure there ("CORE-10, everyone: pre-therapy mean"), ``order`` is the place's
    position in the report (0 first).
    """

    section: str
    figure: str
    order: int


_PLACEHOLDER = re.compile(r"^\{(\w+)\}$")


@dataclass(frozen=True)
class FigureLabels:
    """The labels of one evaluation's published figures (see the module docstring for the file).

    ``sections`` are the places in reading order; ``patterns`` are ``(section index, pattern,
    words)`` in file order; ``names`` maps each placeholder to its words; ``values`` maps coded
    printed texts to words; ``source`` names the file in messages.
    """

    sections: tuple[str, ...]
    patterns: tuple[tuple[int, str, str], ...]
    names: Mapping[str, Any]
    values: Mapping[str, str] = field(default_factory=dict)
    source: str = "labels"

    def value_words(self, text: str) -> str:
        """The words for a printed text written as a code, or the text itself.

        >>> FigureLabels((), (), {}, {"core10": "CORE-10"}).value_words("core10")
        'CORE-10'
        """
        return self.values.get(text, text)

    def candidates(self, path: str) -> list[FigureLabel]:
        """Every label whose pattern matches ``path`` (exactly one when the file is sound)."""
        found = []
        for order, pattern, words in self.patterns:
            filled = self._fill(pattern, words, path)
            if filled is not None:
                found.append(FigureLabel(self.sections[order], filled, order))
        return found

    def label(self, path: str) -> FigureLabel:
        """The one label of ``path``; ``LookupError`` naming the path when there is none or more.

        >>> labels = FigureLabels(("Table 1",), ((0, "rows.{row}.n", "{row}: n"),),
        ...                       {"row": ["everyone", "men"]})
        >>> labels.label("rows.1.n")
        FigureLabel(section='Table 1', figure='men: n', order=0)
        """
        found = self.candidates(path)
        if len(found) != 1:
            what = "no label" if not found else f"{len(found)} labels"
            raise LookupError(f"published figure {path!r} has {what} in {self.source}: give it "
                              "exactly one pattern (see helpers.reproduce)")
        return found[0]

    def _fill(self, pattern: str, words: str, path: str) -> str | None:
        parts, segments = pattern.split("."), path.split(".")
        if len(parts) != len(segments):
            return None
        values: dict[str, str] = {}
        for part, segment in zip(parts, segments, strict=True):
            placeholder = _PLACEHOLDER.match(part)
            if placeholder is None:
                if part != segment:
                    return None
                continue
            word = self._word(placeholder.group(1), segment)
            if word is None:
                return None
            values[placeholder.group(1)] = word
        return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], words)

    def _word(self, name: str, segment: str) -> str | None:
        known = self.names.get(name)
        if known is None:
            return str(int(segment) + 1) if segment.isdigit() else None
        if isinstance(known, Mapping):
            return known.get(segment)
        if segment.isdigit() and int(segment) < len(known):
            return str(known[int(segment)])
        return None


@cache
def figure_labels(evaluation: str) -> FigureLabels:
    """The labels of ``evaluation``'s published figures, from ``<evaluation>.labels.yaml``
    (see :func:`labels_from_file`)."""
    path = published_dir() / f"{evaluation}.labels.yaml"
    if not path.is_file():
        raise FileNotFoundError(f"no {path.name} in {published_dir()}: every published figure needs "
                                "a label saying where the report prints it (see helpers.reproduce)")
    return labels_from_file(path)


def labels_from_file(path: Path) -> FigureLabels:
    """:class:`FigureLabels` read from a labels file (format in the module docstring).

    Raises ``ValueError`` when the file puts figures under a section it does not list, or uses a
    placeholder in the words that the pattern lacks.
    """
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    keys = list(raw.get("sections") or {})
    patterns = []
    for key, entries in (raw.get("figures") or {}).items():
        if key not in keys:
            raise ValueError(f"{path.name}: figures under {key!r}, which sections does not list")
        for pattern, words in ((str(p), str(w)) for p, w in entries.items()):
            missing = set(re.findall(r"\{(\w+)\}", words)) - set(re.findall(r"\{(\w+)\}", pattern))
            if missing:
                raise ValueError(f"{path.name}: the words for {pattern!r} use {sorted(missing)}, "
                                 "which the pattern does not have")
            patterns.append((keys.index(key), pattern, words))
    names = {name: ({str(k): str(v) for k, v in words.items()} if isinstance(words, Mapping)
                    else [str(w) for w in words])
             for name, words in (raw.get("names") or {}).items()}
    values = {str(k): str(v) for k, v in (raw.get("values") or {}).items()}
    return FigureLabels(tuple(str(raw["sections"][k]) for k in keys), tuple(patterns), names,
                        values, path.name)
