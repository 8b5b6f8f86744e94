"""The register of a report's printed statements: its YAML format, loaded into typed statements.

Format
------
A register is a YAML mapping with ``report`` (a title) and ``statements`` (a list). Every statement
has ``id`` (unique), ``where`` (where a reader finds it in the report: section, table, row) and
``kind``; the other fields depend on the kind. **Printed numbers are written as quoted strings
exactly as printed** (``"6.40"``, ``".013"``), because YAML would drop trailing zeros and the
rules need the printed decimals; whole counts may be plain integers.

``test`` — a test result
    ``test``: ``t``, ``z``, ``chi2``, ``F`` or ``r``; ``statistic`` (printed); ``df`` (a number;
    for F a list ``[df1, df2]``; for r the df is n − 2); ``p``: as printed with its comparator
    (``"= .013"``, ``"< .01"``, ``"> .05"``, ``"ns"``; a bare ``".013"`` means ``=``); ``tails``
    1 or 2 (default 2; ignored for chi2 and F).
``percentage`` — a percentage of a count
    ``printed`` (the percentage, no % sign), ``denominator``, and ``count`` when the report gives it.
``total`` — parts that should add up to a total
    ``parts`` (list of printed numbers) and ``total`` (printed); ``rounded: true`` when the parts
    are rounded figures (e.g. percentages), otherwise they are exact counts and must add up exactly.
``mean_sd`` — the mean (and SD) of whole-number scores
    ``n``, ``mean``, optional ``sd``; ``items`` (default 1): the score is the mean of this many
    whole-number items (1 for a sum score); optional ``min`` and ``max`` of the score.
``subgroups`` — groups that partition a whole
    ``whole`` and ``parts``, each a mapping with ``n``, ``mean`` and optional ``sd`` (printed).
``ratio`` — a ratio or average printed beside its parts
    ``numerator``, ``denominator`` and ``printed``; optional ``scale`` (100 for a percentage).
``paired_t`` — a paired t statistic beside the mean and SD of the differences
    ``n``, ``mean_diff``, ``sd_diff``, ``t`` (all printed); optional ``p`` (printed, with its
    comparator) and ``items``: give ``items`` when each difference is a whole number (1) or a mean
    of that many whole-number items, so the sums GRIM and GRIMMER allow are used exactly.
``repeated`` — the same figure printed in several places
    ``values``: a list of mappings with ``where`` and ``printed``.

Any other field is an error, so a typo cannot silently switch a check off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Printed", "PValue", "Statement", "Register", "RegisterError", "load_register",
           "parse_printed", "parse_p", "KINDS"]

#: Fields each kind takes: (required, optional).
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "test": (("test", "statistic", "df", "p"), ("tails",)),
    "percentage": (("printed", "denominator"), ("count",)),
    "total": (("parts", "total"), ("rounded",)),
    "mean_sd": (("n", "mean"), ("sd", "items", "min", "max")),
    "subgroups": (("whole", "parts"), ()),
    "ratio": (("numerator", "denominator", "printed"), ("scale",)),
    "paired_t": (("n", "mean_diff", "sd_diff", "t"), ("items", "p")),
    "repeated": (("values",), ()),
}
_COMMON = ("id", "where", "kind", "note")
_NUMBER = re.compile(r"^[-−]?(\d+)?(?:\.(\d+))?$")


class RegisterError(ValueError):
    """A register that cannot be read: names the file, the statement and the field."""


@dataclass(frozen=True)
class Printed:
    """A number as printed: its value and how many decimals were shown.

    ``low``/``high`` bound the unrounded value: ± half a unit in the last printed place.
    """

    value: float
    decimals: int

    @property
    def half(self) -> float:
        return 0.5 * 10.0 ** -self.decimals

    @property
    def low(self) -> float:
        return self.value - self.half

    @property
    def high(self) -> float:
        return self.value + self.half

    def __str__(self) -> str:
        text = f"{self.value:.{self.decimals}f}"
        return text.replace("-", "−")


@dataclass(frozen=True)
class PValue:
    """A printed p: comparator ``=``, ``<`` or ``>`` and the printed number (``ns`` is ``> .05``)."""

    comparator: str
    printed: Printed

    def __str__(self) -> str:
        text = str(self.printed)
        text = text[1:] if text.startswith("0.") else text
        return f"p {self.comparator} {text}"


@dataclass(frozen=True)
class Statement:
    """One printed statement: its id, place, kind and the kind's fields (parsed)."""

    id: str
    where: str
    kind: str
    fields: dict[str, Any] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class Register:
    """A loaded register: the report's title, its statements and the file it came from."""

    report: str
    statements: tuple[Statement, ...]
    path: str = ""


def parse_printed(value: Any, what: str = "value") -> Printed:
    """A printed number from the register: a quoted string keeps its decimals; an int has none.

    >>> parse_printed("6.40"), parse_printed(17), parse_printed(".013").decimals
    (Printed(value=6.4, decimals=2), Printed(value=17.0, decimals=0), 3)
    """
    if isinstance(value, bool):
        raise ValueError(f"{what}: expected a number, got {value!r}")
    if isinstance(value, int):
        return Printed(float(value), 0)
    if isinstance(value, float):
        raise ValueError(f"{what}: write a printed decimal as a quoted string exactly as printed "
                         f"(e.g. \"{value}\"), so its decimals are kept")
    text = str(value).strip().replace("−", "-")
    if not _NUMBER.match(text.replace("-", "", 1)) or text in ("", "-", "."):
        raise ValueError(f"{what}: {value!r} is not a number as printed")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return Printed(float(text), decimals)


def parse_p(value: Any, what: str = "p") -> PValue:
    """A printed p with its comparator.

    >>> str(parse_p("< .01")), str(parse_p(".013")), str(parse_p("ns"))
    ('p < .01', 'p = .013', 'p > .05')
    """
    if isinstance(value, str) and value.strip().lower() in ("ns", "n.s."):
        return PValue(">", Printed(0.05, 2))
    text = str(value).strip() if isinstance(value, str) else value
    if isinstance(text, str):
        m = re.match(r"^(<=|>=|=|<|>)?\s*(.+)$", text)
        comparator = (m.group(1) or "=") if m else "="
        comparator = {"<=": "<", ">=": ">"}.get(comparator, comparator)
        return PValue(comparator, parse_printed(m.group(2) if m else text, what))
    return PValue("=", parse_printed(text, what))


def load_register(path: str | Path) -> Register:
    """Read and check a register file; every problem raises :class:`RegisterError` naming the
    file, the statement (by position and id) and the field."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RegisterError(f"{path}: cannot read the register: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("statements"), list):
        raise RegisterError(f"{path}: a register is a mapping with a 'statements' list")
    seen: set[str] = set()
    statements = []
    for i, raw in enumerate(data["statements"], start=1):
        where = f"{path}: statement {i}"
        if not isinstance(raw, dict):
            raise RegisterError(f"{where}: expected a mapping, got {raw!r}")
        sid = str(raw.get("id", ""))
        where = f"{path}: statement {i} ({sid or 'no id'})"
        for key in ("id", "where", "kind"):
            if not raw.get(key):
                raise RegisterError(f"{where}: field '{key}' is missing")
        if sid in seen:
            raise RegisterError(f"{where}: id '{sid}' is used twice")
        seen.add(sid)
        kind = raw["kind"]
        if kind not in KINDS:
            raise RegisterError(f"{where}: unknown kind '{kind}'; expected one of {sorted(KINDS)}")
        required, optional = KINDS[kind]
        extra = sorted(set(raw) - set(required) - set(optional) - set(_COMMON))
        missing = [k for k in required if k not in raw]
        if missing or extra:
            raise RegisterError(f"{where}: kind '{kind}' "
                                + (f"needs {missing}" if missing else "")
                                + ("; " if missing and extra else "")
                                + (f"does not take {extra}" if extra else ""))
        try:
            parsed = _parse_fields(kind, raw)
        except (TypeError, ValueError) as exc:
            raise RegisterError(f"{where}: {exc}") from exc
        statements.append(Statement(sid, str(raw["where"]), kind, parsed, str(raw.get("note", ""))))
    return Register(str(data.get("report", path.stem)), tuple(statements), str(path))


def _group(raw: Any, what: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or "n" not in raw or "mean" not in raw:
        raise ValueError(f"{what}: expected a mapping with n, mean and optional sd")
    extra = sorted(set(raw) - {"n", "mean", "sd", "where"})
    if extra:
        raise ValueError(f"{what}: does not take {extra}")
    return {"n": _count(raw["n"], f"{what}.n"), "mean": parse_printed(raw["mean"], f"{what}.mean"),
            "sd": parse_printed(raw["sd"], f"{what}.sd") if raw.get("sd") is not None else None,
            "where": str(raw.get("where", ""))}


def _count(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{what}: expected a whole count, got {value!r}")
    return value


def _parse_fields(kind: str, raw: dict[str, Any]) -> dict[str, Any]:
    if kind == "test":
        test = raw["test"]
        if test not in ("t", "z", "chi2", "F", "r"):
            raise ValueError(f"test: expected t, z, chi2, F or r, got {test!r}")
        df = raw["df"]
        if test == "F":
            if not (isinstance(df, list) and len(df) == 2):
                raise ValueError("df: an F test needs [df1, df2]")
            df = [float(d) for d in df]
        elif test != "z":
            df = float(df)
        tails = raw.get("tails", 2)
        if tails not in (1, 2):
            raise ValueError(f"tails: expected 1 or 2, got {tails!r}")
        return {"test": test, "statistic": parse_printed(raw["statistic"], "statistic"), "df": df,
                "p": parse_p(raw["p"]), "tails": tails}
    if kind == "percentage":
        return {"printed": parse_printed(raw["printed"], "printed"),
                "denominator": _count(raw["denominator"], "denominator"),
                "count": _count(raw["count"], "count") if raw.get("count") is not None else None}
    if kind == "total":
        if not isinstance(raw["parts"], list) or not raw["parts"]:
            raise ValueError("parts: expected a non-empty list")
        return {"parts": [parse_printed(v, "parts") for v in raw["parts"]],
                "total": parse_printed(raw["total"], "total"),
                "rounded": bool(raw.get("rounded", False))}
    if kind == "mean_sd":
        items = raw.get("items", 1)
        if isinstance(items, bool) or not isinstance(items, int) or items < 1:
            raise ValueError(f"items: expected a whole number of 1 or more, got {items!r}")
        return {"n": _count(raw["n"], "n"), "mean": parse_printed(raw["mean"], "mean"),
                "sd": parse_printed(raw["sd"], "sd") if raw.get("sd") is not None else None,
                "items": items,
                "min": float(raw["min"]) if raw.get("min") is not None else None,
                "max": float(raw["max"]) if raw.get("max") is not None else None}
    if kind == "subgroups":
        if not isinstance(raw["parts"], list) or len(raw["parts"]) < 2:
            raise ValueError("parts: expected a list of at least two groups")
        return {"whole": _group(raw["whole"], "whole"),
                "parts": [_group(p, f"parts[{i}]") for i, p in enumerate(raw["parts"])]}
    if kind == "ratio":
        return {"numerator": parse_printed(raw["numerator"], "numerator"),
                "denominator": parse_printed(raw["denominator"], "denominator"),
                "printed": parse_printed(raw["printed"], "printed"),
                "scale": float(raw.get("scale", 1))}
    if kind == "paired_t":
        items = raw.get("items")
        if items is not None and (isinstance(items, bool) or not isinstance(items, int) or items < 1):
            raise ValueError(f"items: expected a whole number of 1 or more, got {items!r}")
        return {"n": _count(raw["n"], "n"), "mean_diff": parse_printed(raw["mean_diff"], "mean_diff"),
                "sd_diff": parse_printed(raw["sd_diff"], "sd_diff"), "t": parse_printed(raw["t"], "t"),
                "items": items, "p": parse_p(raw["p"]) if raw.get("p") is not None else None}
    # repeated
    values = raw["values"]
    if not isinstance(values, list) or len(values) < 2:
        raise ValueError("values: expected a list of at least two places")
    out = []
    for i, v in enumerate(values):
        if not isinstance(v, dict) or "where" not in v or "printed" not in v:
            raise ValueError(f"values[{i}]: expected a mapping with where and printed")
        out.append({"where": str(v["where"]), "printed": parse_printed(v["printed"], f"values[{i}]")})
    return {"values": out}
