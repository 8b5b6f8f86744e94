"""The public edition of a table: the disclosure rule applied to a built great_tables table.

:func:`public_table` is what :func:`helpers.tables.show_table` applies in the public edition
(:mod:`helpers.disclosure`), so every table of the book passes through it whoever built it.

Conventions
-----------
* **Count columns** are integer columns, and text columns labelled "n" whose cells are whole
  numbers, unless the label names something that is not a count of people
  (:data:`NOT_COUNT_WORDS`: items, columns, thresholds, years, df...).
* **Lines** for secondary suppression: each count column within a row group (or the whole
  table) that has a row labelled "Total", and each row when a count column is labelled "Total".
  Integer counts get primary and secondary suppression (:func:`helpers.disclosure.suppress_lines`)
  and rounding; text counts (already written by :func:`helpers.formatting.integer`) are re-read,
  which leaves them unchanged.
* **Withheld statistics**: in a row with a suppressed count, the cells right of that count up to
  the next count column show ``*``; cells right of the last count column are withheld for any
  suppressed count of the row, except a "%" column, which belongs to the count before it.
* All text (cells, row-group labels, column labels, notes) gets
  :func:`helpers.disclosure.redact_text` and the mark in plain form; the rule's note is added.
"""

from __future__ import annotations

import re
from collections.abc import Hashable

import pandas as pd
from great_tables import GT
from great_tables._gt_data import FormatInfo

from helpers import disclosure
from helpers.tables._cells import MISSING_TEXT, is_missing

#: Words in a column label that mark an integer column as something other than a count.
NOT_COUNT_WORDS = frozenset({"items", "item", "columns", "column", "threshold", "year", "years",
                             "decile", "df", "points", "point", "score", "range", "key", "minutes",
                             "week", "weeks", "age", "level", "rank", "number of items"})
_COUNT_LABELS = {"n", "units", "number", "count", "people", "total"}
_WHOLE = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")


def _label(info: object) -> str:
    text = str(getattr(info, "column_label", "") or getattr(info, "var", ""))
    return re.sub(r"<[^>]+>", "", text).strip()


def _text(value: object, rule: disclosure.Rule) -> object:
    if isinstance(value, str):
        return disclosure.redact_text(disclosure.plain_text(value), rule)
    return value


def public_table(gt: GT, rule: disclosure.Rule) -> GT:
    """``gt`` with ``rule`` applied to its counts, statistics and text (see module notes)."""
    data = gt._tbl_data.copy()  # noqa: SLF001 - pinned great-tables 1.1 attribute
    boxhead = list(gt._boxhead)  # noqa: SLF001
    labels = {info.var: _label(info) for info in boxhead}
    group_col = next((i.var for i in boxhead if i.type.name == "row_group"), None)
    shown = [i.var for i in boxhead if i.type.name in ("default", "stub")]
    for col in data.columns:
        if not pd.api.types.is_numeric_dtype(data[col]):
            data[col] = [_text(v, rule) for v in data[col]]
    int_counts = [c for c in shown if _is_int_count(data[c], labels[c])]
    text_counts = [c for c in shown if c not in int_counts and _is_text_count(data[c], labels[c])]
    counts = [c for c in shown if c in int_counts or c in text_counts]
    hidden = _suppressed_cells(data, int_counts, shown, labels, group_col, rule)
    for col in int_counts:
        values = data[col].tolist()
        data[col] = [MISSING_TEXT if is_missing(v) else
                     disclosure.record("table", int(v), disclosure.MARK if (i, col) in hidden
                                       else f"{rule.rounded(int(v)):,}")
                     for i, v in enumerate(values)]
    for col in text_counts:
        data[col] = [_text_count(v, rule) for v in data[col]]
    blanked: dict[str, list[int]] = {}  # numeric cells withheld: shown as the mark by GT
    for col in shown:
        if col in counts:
            continue
        values = data[col].tolist()
        numeric = pd.api.types.is_numeric_dtype(data[col])
        changed = False
        for i, value in enumerate(values):
            small = [c for c in counts if data[c].iloc[i] == disclosure.MARK]
            if col not in _withheld(small, counts, shown, labels) or is_missing(value) \
                    or str(value).strip() in ("", MISSING_TEXT, "—"):
                continue
            values[i] = float("nan") if numeric else disclosure.MARK
            changed = True
            if numeric:
                blanked.setdefault(col, []).append(i)
        if changed:
            data[col] = pd.Series(values, index=data.index, dtype="float64" if numeric else object)
    gt = gt._replace(_tbl_data=data, _formats=_without(gt._formats, set(int_counts)))  # noqa: SLF001
    for col, rows in blanked.items():
        gt = gt.sub_missing(columns=[col], rows=rows, missing_text=disclosure.MARK)
    renamed = {i.var: _text(i.column_label, rule) for i in boxhead
               if isinstance(i.column_label, str) and _text(i.column_label, rule) != i.column_label}
    if renamed:
        gt = gt.cols_label(cases=renamed)
    notes = [_text(n, rule) for n in gt._source_notes]  # noqa: SLF001
    return gt._replace(_source_notes=notes + [rule.note])  # noqa: SLF001


def _is_int_count(values: pd.Series, label: str) -> bool:
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_integer_dtype(values):
        return False
    words = set(re.findall(r"[a-z]+", label.lower()))
    return not (words & NOT_COUNT_WORDS) and bool(len(values)) and bool((values.dropna() >= 0).all())


def _is_text_count(values: pd.Series, label: str) -> bool:
    if label.lower() not in _COUNT_LABELS:
        return False
    cells = [str(v).strip() for v in values if not is_missing(v)]
    cells = [c for c in cells if c not in ("", MISSING_TEXT, "—")]
    return bool(cells) and all(c == disclosure.MARK or _WHOLE.match(c) for c in cells)


def _text_count(value: object, rule: disclosure.Rule) -> object:
    text = str(value).strip() if not is_missing(value) else ""
    if not _WHOLE.match(text):
        return value
    n = int(text.replace(",", ""))
    return disclosure.record("table", n, rule.text(n))


def _suppressed_cells(data: pd.DataFrame, counts: list[str], shown: list[str],
                      labels: dict[str, str], group_col: str | None,
                      rule: disclosure.Rule) -> set[tuple[int, str]]:
    """Primary and secondary suppression of the integer count cells, by position and column."""
    values: dict[Hashable, int] = {}
    for col in counts:
        for i, v in enumerate(data[col]):
            if not is_missing(v):
                values[(i, col)] = int(v)
    words = [c for c in shown if c not in counts and not pd.api.types.is_numeric_dtype(data[c])]
    total_rows = {i for i in range(len(data))
                  if any(str(data[c].iloc[i]).strip().lower() == "total" for c in words)}
    groups = (data[group_col].astype(str).tolist() if group_col else [""] * len(data))
    lines: list[disclosure.Line] = []
    for group in dict.fromkeys(groups):
        rows = [i for i, g in enumerate(groups) if g == group]
        totals = [i for i in rows if i in total_rows]
        if len(totals) == 1:
            for col in counts:
                cells = [(i, col) for i in rows if i != totals[0] and (i, col) in values]
                if (totals[0], col) in values:
                    lines.append((cells, (totals[0], col)))
    total_cols = [c for c in counts if labels[c].lower() == "total" or c.lower() == "total"]
    if len(total_cols) == 1:
        for i in range(len(data)):
            cells = [(i, c) for c in counts if c != total_cols[0] and (i, c) in values]
            if (i, total_cols[0]) in values:
                lines.append((cells, (i, total_cols[0])))
    return {key for key in disclosure.suppress_lines(values, lines, rule)}  # type: ignore[misc]


def _withheld(small: list[str], counts: list[str], shown: list[str],
              labels: dict[str, str]) -> set[str]:
    """Columns of one row whose statistics belong to a suppressed count of that row."""
    if not small:
        return set()
    out: set[str] = set()
    positions = [shown.index(c) for c in counts]
    for col in small:
        start = shown.index(col)
        later = [p for p in positions if p > start]
        out.update(shown[start + 1:later[0] if later else len(shown)])
    last = max(positions)
    out.update(c for c in shown[last + 1:] if labels[c] != "%")
    return out - set(counts)


def _without(formats: list[FormatInfo], columns: set[str]) -> list[FormatInfo]:
    """Formats with ``columns`` taken out (their cells are now text)."""
    out = []
    for fmt in formats:
        cols = [c for c in fmt.cells.cols if c not in columns]  # type: ignore[attr-defined]
        if cols == list(fmt.cells.cols):  # type: ignore[attr-defined]
            out.append(fmt)
        elif cols:
            out.append(FormatInfo(fmt.func, cols, list(fmt.cells.rows)))  # type: ignore[attr-defined]
    return out
