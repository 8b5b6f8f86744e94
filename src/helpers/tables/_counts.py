"""Count tables: category, n and percent with a Missing and a Total row, and the house style.

Holds :func:`count_table_gt` and :func:`mark_total_and_missing`, which every count table in the
book (here and in the evaluation packages) uses for its summary rows. Conventions: the row labels
are :data:`MISSING` and :data:`TOTAL` as in :mod:`helpers.counts`; the denominator of the
percentages is always worded in a source note; a count that is missing, negative or fractional
is an error naming its column, row and category.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from great_tables import GT, loc, style

from helpers import disclosure
from helpers.errors import require_columns
from helpers.formatting import DECIMALS
from helpers.tables._cells import MISSING_TEXT, format_number

MISSING = "Missing"  # same labels as helpers.counts
TOTAL = "Total"


def mark_total_and_missing(gt: GT, total_rows: Sequence[int] = (),
                           missing_rows: Sequence[int] = ()) -> GT:
    """The house style for summary rows: Total in bold under a rule, Missing in italics.

    Use with ``GT.pipe``: ``gt.pipe(mark_total_and_missing, total_rows, missing_rows)``. The
    wording of the rows carries the meaning; the styling only helps the eye.
    """
    if len(total_rows):
        gt = gt.tab_style(style=[style.text(weight="bold"), style.borders(sides="top", weight="2px")],
                          locations=loc.body(rows=list(total_rows)))
    if len(missing_rows):
        gt = gt.tab_style(style=style.text(style="italic"), locations=loc.body(rows=list(missing_rows)))
    return gt


def count_table_gt(
    frame: pd.DataFrame,
    *,
    category_col: str = "category",
    n_col: str = "n",
    group_col: str = "group",
    missing: int | None = None,
    missing_label: str = MISSING,
    total_label: str = TOTAL,
    percent_of: Literal["all", "answered"] = "all",
    population: str = "participants",
    category_label: str = "Category",
    decimals: int = DECIMALS["percent"],
    source_note: str | None = None,
) -> GT:
    """A category / n / percent table with a Missing and a Total row, denominator in a note.

    Two kinds of input:

    * the output of :func:`helpers.counts.count_table` (or ``count_crosstab``, whose ``group``
      column becomes row groups): it already has Missing and Total rows, ``percent`` and
      ``attrs["denominator"]``, which are shown as they are (the Total row is checked against
      the sum of the other rows);
    * plain counts, one row per category (a ``missing_label`` row optional): Missing and Total
      rows and the percentages are added here, with ``percent_of`` as denominator — every
      record (``"all"``: Missing gets a share, Total is 100%) or only those who answered
      (``"answered"``: Missing and Total show ``–``). ``population`` names the records in the
      note (e.g. ``"parents who entered the intervention"``).

    Parameters
    ----------
    decimals : int
        Decimals of the percentages (default the display policy's, whole numbers), rounded
        half up as readers expect (5 of 8 is 63%).
    source_note : str, optional
        An extra note under the denominator note.

    Raises
    ------
    ValueError
        Naming the column and row of a missing, negative or fractional count, a duplicate
        category, a Total row that is not the sum of the rows above it, or a ``missing`` that
        contradicts a Missing row.
    """
    require_columns(frame, [category_col, n_col], "count_table_gt")
    has_total = frame[category_col].astype(str).eq(total_label).any()
    if has_total:
        table, note = _checked_count_table(frame, category_col, n_col, group_col, total_label)
    else:
        table, note = _counts_with_totals(frame, category_col, n_col, missing, missing_label,
                                          total_label, percent_of, population)
    grouped = group_col in table.columns
    table = table.reset_index(drop=True)
    total_rows = [int(i) for i in np.flatnonzero(table[category_col].eq(total_label))]
    missing_rows = [int(i) for i in np.flatnonzero(table[category_col].eq(missing_label))]
    table["percent"] = [format_number(v, decimals) for v in table["percent"]]
    gt = GT(table[[c for c in (group_col, category_col, n_col, "percent") if c in table.columns]],
            groupname_col=group_col if grouped else None)
    gt = (
        gt.fmt_integer(columns=n_col)
        .sub_missing(columns="percent", missing_text=MISSING_TEXT)
        .cols_label(cases={category_col: category_label, n_col: "n", "percent": "%"})
        .cols_align(align="right", columns=[n_col, "percent"])
        .pipe(mark_total_and_missing, total_rows, missing_rows)
        .tab_source_note(note)
    )
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt


def _checked_count_table(frame: pd.DataFrame, category_col: str, n_col: str, group_col: str,
                         total_label: str) -> tuple[pd.DataFrame, str]:
    """Validate a ``count_table``-shaped frame and word its denominator."""
    require_columns(frame, ["percent"], "count_table_gt")
    table = frame.reset_index(drop=True).copy()
    table[n_col] = _count_column(table[n_col], n_col, table[category_col])
    groups = table.groupby(group_col, sort=False) if group_col in table.columns else [("", table)]
    for name, part in groups:
        is_total = part[category_col].astype(str).eq(total_label)
        if int(is_total.sum()) != 1:
            raise ValueError(f"count_table_gt: {int(is_total.sum())} {total_label!r} rows"
                             + (f" in group {name!r}" if name != "" else "") + "; expected one")
        total = int(part.loc[is_total, n_col].iloc[0])
        rest = int(part.loc[~is_total, n_col].sum())
        if total != rest:
            row = int(part.index[is_total][0])
            raise ValueError(f"count_table_gt: {total_label!r} row {row} (column {n_col!r}) is "
                             f"{total} but the rows above sum to {rest}")
    words = str(frame.attrs.get("denominator", "")).strip()
    note = ((words[0].upper() + words[1:] + ".") if words
            else "Percentages are of the total shown in each Total row.")
    return table, note


def _counts_with_totals(frame: pd.DataFrame, category_col: str, n_col: str, missing: int | None,
                        missing_label: str, total_label: str, percent_of: str,
                        population: str) -> tuple[pd.DataFrame, str]:
    """Add Missing and Total rows and percentages to plain counts; word the denominator."""
    if percent_of not in ("all", "answered"):
        raise ValueError(f"count_table_gt: percent_of must be 'all' or 'answered', not {percent_of!r}")
    data = frame[[category_col, n_col]].reset_index(drop=True).copy()
    data[category_col] = data[category_col].astype(str)
    data[n_col] = _count_column(data[n_col], n_col, data[category_col])
    duplicated = data[category_col].duplicated()
    if duplicated.any():
        row = int(np.flatnonzero(duplicated)[0])
        raise ValueError(f"count_table_gt: category {data.at[row, category_col]!r} appears twice "
                         f"(column {category_col!r}, row {row})")
    is_missing_row = data[category_col] == missing_label
    if is_missing_row.any():
        in_frame = int(data.loc[is_missing_row, n_col].iloc[0])
        if missing is not None and missing != in_frame:
            raise ValueError(f"count_table_gt: missing={missing} but the {missing_label!r} row "
                             f"says {in_frame}")
        missing = in_frame
        data = data.loc[~is_missing_row].reset_index(drop=True)
    missing = 0 if missing is None else int(missing)
    if missing < 0:
        raise ValueError(f"count_table_gt: missing must not be negative, got {missing}")
    answered = int(data[n_col].sum())
    total = answered + missing
    denominator = total if percent_of == "all" else answered
    if denominator == 0:
        raise ValueError("count_table_gt: every count is zero; there is nothing to tabulate")
    data["percent"] = data[n_col] / denominator * 100
    extra = pd.DataFrame({
        category_col: [missing_label, total_label],
        n_col: [missing, total],
        "percent": [missing / denominator * 100, 100.0] if percent_of == "all" else [np.nan, np.nan],
    })
    table = pd.concat([data, extra], ignore_index=True)
    table[n_col] = table[n_col].astype("int64")
    if disclosure.active_rule() is not None:  # the counts are the Missing and Total rows
        note = (f"Percentages are of all {population}, including those with no answer (Missing)."
                if percent_of == "all" else
                f"Percentages are of the {population} who answered (Total less Missing).")
    elif percent_of == "all":
        note = f"Percentages are of all {total} {population}, including {missing} with no answer."
    else:
        note = (f"Percentages are of the {answered} {population} who answered; "
                f"{missing} of {total} gave no answer.")
    return table, note


def _count_column(values: pd.Series, column: str, labels: pd.Series) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce")
    for i, (raw, num) in enumerate(zip(values, numbers, strict=True)):
        where = f"(column {column!r}, row {i}, category {labels.iloc[i]!r})"
        if pd.isna(num):
            raise ValueError(f"count_table_gt: count {raw!r} is missing or not a number {where}")
        if num < 0 or num != math.floor(num):
            raise ValueError(f"count_table_gt: count {raw!r} is not a whole number ≥ 0 {where}")
    return numbers.astype("int64")
