"""Tables for the book: great_tables builders and a renderer that suits the output format.

Every chapter ends a table cell with ``show_table(<builder>(...))``. The builders set column
labels, spanners and source notes, never a caption: Quarto supplies the caption from the cell's
``tbl-cap`` (or a cross-reference div), so numbering and the list of tables stay Quarto's.

Number conventions (shared with prose, which uses :mod:`helpers.formatting`):
fixed decimals (2 for means, SDs, t and d; 1 for percentages), thousands separator ``,``, the
typographic minus ``−`` (U+2212, what ``GT.fmt_number`` prints in HTML), APA p-values
(``.013``, ``<.001``) as :func:`helpers.formatting.apa_p` writes them in prose, and an en dash
``–`` for a value that is not available.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from great_tables import GT, loc, style

from helpers.errors import require_columns
from helpers.formatting import MINUS, apa_p, number

__all__ = [
    "EXECUTE_INFO_VARIABLE",
    "HTML_FORMATS",
    "output_format",
    "show_table",
    "mark_total_and_missing",
    "TypstTable",
    "format_number",
    "format_p",
    "paired_table",
    "count_table_gt",
    "comparison_table",
    "completer_table",
    "contradictions_table",
]

#: Environment variable through which Quarto (>= 1.8) names a JSON file describing the render.
EXECUTE_INFO_VARIABLE = "QUARTO_EXECUTE_INFO"
#: Base formats that display a great_tables object natively.
HTML_FORMATS = frozenset({"html", "revealjs", "dashboard", "html4", "html5"})

MISSING_TEXT = "–"
MISSING = "Missing"  # same labels as helpers.counts
TOTAL = "Total"
CHECK_MARK = "✓ yes"
CROSS_MARK = "✗ no"


# --------------------------------------------------------------------------------------------
# Output format and display
# --------------------------------------------------------------------------------------------


def output_format(environ: dict[str, str] | None = None) -> str:
    """The base format Quarto is rendering to (``"html"``, ``"typst"``, ``"pdf"``, ...).

    Quarto 1.8+ writes a JSON file for each execution and names it in ``QUARTO_EXECUTE_INFO``; the
    format is under ``format.identifier["base-format"]`` (fallbacks: ``format.pandoc.to``, then
    ``format.identifier["target-format"]``). Outside Quarto (tests, Jupyter) the variable is unset
    and the answer is ``"html"``.

    Parameters
    ----------
    environ : dict, optional
        Environment to read (default ``os.environ``); tests pass their own.

    Raises
    ------
    ValueError
        If the variable is set but the file is missing, is not JSON, or names no format: a broken
        render environment should stop the render, not silently fall back to HTML.
    """
    env = os.environ if environ is None else environ
    value = env.get(EXECUTE_INFO_VARIABLE, "")
    if not value:
        return "html"
    path = Path(value)
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ValueError(f"{EXECUTE_INFO_VARIABLE} names {path}, which does not exist") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{EXECUTE_INFO_VARIABLE} file {path} is not valid JSON (line {exc.lineno}: {exc.msg})"
        ) from exc
    fmt = info.get("format", {}) if isinstance(info, dict) else {}
    identifier = fmt.get("identifier", {}) if isinstance(fmt, dict) else {}
    pandoc = fmt.get("pandoc", {}) if isinstance(fmt, dict) else {}
    for candidate in (identifier.get("base-format"), pandoc.get("to"),
                      identifier.get("target-format")):
        if isinstance(candidate, str) and candidate.strip():
            return candidate.strip().lower()
    raise ValueError(
        f"{EXECUTE_INFO_VARIABLE} file {path} has no format.identifier.base-format, "
        "format.pandoc.to or format.identifier.target-format"
    )


class TypstTable:
    """A great_tables table prepared for a non-HTML Quarto format (Typst, LaTeX, Word).

    Displays as Markdown (Quarto prefers ``text/markdown`` over every other representation for
    non-HTML formats) holding the table's ``<table>`` element in a raw HTML block, followed by the
    source notes as an ordinary paragraph.

    Why this representation: great_tables writes only HTML (its ``as_latex`` refuses stubs and
    styles and there is no Typst writer in 1.1). Quarto parses raw HTML tables into native Pandoc
    tables for non-HTML formats and keeps spanners (``colspan``) and inline CSS, which is what the
    Quarto documentation recommends for great_tables with Typst. Quarto issue #11610 shows that a
    long source note kept inside ``<tfoot>`` stretches the Typst table to the note's width, so the
    notes are moved out of the table into a paragraph underneath. A plain Markdown table would
    lose the spanners; a PNG screenshot would lose text search and accessibility.
    """

    def __init__(self, gt: GT) -> None:
        self.gt = gt
        notes = list(gt._source_notes)  # noqa: SLF001 - pinned great-tables 1.1 attribute
        self.notes: list[str] = [_note_text(n) for n in notes]
        self.table_html = _table_element(gt._replace(_source_notes=[]).as_raw_html())

    def _repr_markdown_(self) -> str:
        parts = ["```{=html}", self.table_html, "```"]
        if self.notes:
            parts += ["", " ".join(_escape_markdown(n) for n in self.notes)]
        return "\n".join(parts) + "\n"


def show_table(gt: GT, fmt: str | None = None) -> GT | TypstTable:
    """What a chapter cell should end with to display ``gt`` in the current output format.

    Parameters
    ----------
    gt : great_tables.GT
    fmt : str, optional
        Base format; default :func:`output_format`.

    Returns
    -------
    The GT object itself for HTML formats; a :class:`TypstTable` for every other format.
    """
    fmt = output_format() if fmt is None else fmt
    if fmt in HTML_FORMATS:
        return gt
    return TypstTable(gt)


def _table_element(raw_html: str) -> str:
    match = re.search(r"<table\b.*</table>", raw_html, flags=re.DOTALL | re.IGNORECASE)
    if match is None:  # pragma: no cover - great_tables always writes a table element
        raise ValueError("great_tables output contains no <table> element")
    return match.group(0)


def _note_text(note: object) -> str:
    text = getattr(note, "text", note)
    return str(text)


def _escape_markdown(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


# --------------------------------------------------------------------------------------------
# Number formatting shared with prose
# --------------------------------------------------------------------------------------------


def format_number(value: float | None, decimals: int = 2) -> str:
    """:func:`helpers.formatting.number` for a table cell: a missing value gives ``–``.

    Examples
    --------
    >>> format_number(-1.234), format_number(1234.5, 1), format_number(-0.001), format_number(None)
    ('−1.23', '1,234.5', '0.00', '–')
    """
    if value is None or _isnan(value):
        return MISSING_TEXT
    return number(float(value), decimals)


def format_p(p: float | None) -> str:
    """A p-value for a table cell, APA style as in :func:`helpers.formatting.apa_p` without
    the ``"p = "``: ``".013"``, ``"<.001"``, ``">.999"``; ``–`` when missing.

    Raises
    ------
    ValueError
        If ``p`` is outside [0, 1].

    Examples
    --------
    >>> format_p(0.04321), format_p(0.0004), format_p(1.0)
    ('.043', '<.001', '>.999')
    """
    if p is None or _isnan(p):
        return MISSING_TEXT
    return apa_p(float(p)).removeprefix("p ").removeprefix("= ").replace(" ", "")


def _isnan(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# --------------------------------------------------------------------------------------------
# Paired results
# --------------------------------------------------------------------------------------------

#: Columns of ``PairedResult.to_frame()`` that :func:`paired_table` needs.
PAIRED_COLUMNS = (
    "n", "pre_mean", "pre_sd", "post_mean", "post_sd", "diff_mean", "diff_sd",
    "diff_ci_low", "diff_ci_high", "t", "df", "p", "dz", "dz_ci_low", "dz_ci_high",
)


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


def paired_table(
    frame: pd.DataFrame,
    *,
    measure_col: str = "measure",
    pre_label: str = "Pre",
    post_label: str = "Post",
    decimals: int = 2,
    wilcoxon: bool = True,
    source_note: str | None = None,
) -> GT:
    """A table of paired pre/post comparisons, one row per measure.

    Parameters
    ----------
    frame : DataFrame
        Rows of ``PairedResult.to_frame()`` concatenated, plus ``measure_col`` naming each row
        (a column ``label`` is used when ``measure_col`` is absent). Needs the columns in
        :data:`PAIRED_COLUMNS`; ``wilcoxon_p`` too when ``wilcoxon`` is true.
    pre_label, post_label : str
        Spanner labels of the two occasions.
    decimals : int
        Decimals of means, SDs, differences, CIs, t and d_z (p always has three).
    wilcoxon : bool
        Add the Wilcoxon signed-rank p-value as a robustness column.
    source_note : str, optional
        Extra note (e.g. who is included); a note on the difference's sign is always added.

    Returns
    -------
    great_tables.GT
        Columns: measure, n, pre mean (SD), post mean (SD), difference mean (SD), its 95% CI,
        t, df, p, d_z [95% CI] and optionally Wilcoxon p. Difference = pre − post, so with
        "higher is worse" scores a positive difference is an improvement.
    """
    data = frame.copy()
    if measure_col not in data.columns and "label" in data.columns:
        data = data.rename(columns={"label": measure_col})
    needed = [measure_col, *PAIRED_COLUMNS] + (["wilcoxon_p"] if wilcoxon else [])
    require_columns(data, needed, "paired_table")
    data = data[needed].reset_index(drop=True)
    for col in needed[1:]:
        data[col] = _numeric_column(data[col], col, "paired_table")
    data["p"] = data["p"].map(format_p)
    if wilcoxon:
        data["wilcoxon_p"] = data["wilcoxon_p"].map(format_p)

    gt = GT(data).fmt_integer(columns="n")
    if _all_whole(data["df"]):
        gt = gt.fmt_integer(columns="df")
    else:  # adjusted (non-integer) df: one decimal
        gt = gt.fmt_number(columns="df", decimals=1)
    number_cols = ["pre_mean", "pre_sd", "post_mean", "post_sd", "diff_mean", "diff_sd",
                   "diff_ci_low", "diff_ci_high", "t", "dz", "dz_ci_low", "dz_ci_high"]
    gt = gt.fmt_number(columns=number_cols, decimals=decimals)
    gt = (
        gt.cols_merge(columns=["pre_mean", "pre_sd"], pattern="{0} ({1})")
        .cols_merge(columns=["post_mean", "post_sd"], pattern="{0} ({1})")
        .cols_merge(columns=["diff_mean", "diff_sd"], pattern="{0} ({1})")
        .cols_merge(columns=["diff_ci_low", "diff_ci_high"], pattern="{0} to {1}")
        .cols_merge(columns=["dz", "dz_ci_low", "dz_ci_high"], pattern="{0} [{1}, {2}]")
        .sub_missing(missing_text=MISSING_TEXT)
        .cols_label(
            cases={
                measure_col: "Measure", "n": "n", "pre_mean": "Mean (SD)",
                "post_mean": "Mean (SD)", "diff_mean": "Mean (SD)", "diff_ci_low": "95% CI",
                "t": "t", "df": "df", "p": "p", "dz": "d_z [95% CI]",
                **({"wilcoxon_p": "Wilcoxon p"} if wilcoxon else {}),
            }
        )
        .tab_spanner(label=pre_label, columns="pre_mean")
        .tab_spanner(label=post_label, columns="post_mean")
        .tab_spanner(label=f"Difference ({pre_label.lower()} {MINUS} {post_label.lower()})",
                     columns=["diff_mean", "diff_ci_low"])
        .tab_spanner(label="Paired t-test", columns=["t", "df", "p"])
        .cols_align(align="right", columns=[c for c in needed[1:] if c in data.columns])
        .cols_align(align="left", columns=measure_col)
    )
    note = (f"Difference = {pre_label.lower()} {MINUS} {post_label.lower()}; "
            "d_z = mean difference / SD of differences; CI = confidence interval.")
    if wilcoxon:
        note += " Wilcoxon p: signed-rank test on the same pairs."
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt.tab_source_note(note)


def _all_whole(values: pd.Series) -> bool:
    finite = values.dropna().astype(float)
    return bool(np.all(np.isclose(finite, np.round(finite))))


# --------------------------------------------------------------------------------------------
# Counts
# --------------------------------------------------------------------------------------------


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
    decimals: int = 1,
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
        Decimals of the percentages.
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
    gt = GT(table[[c for c in (group_col, category_col, n_col, "percent") if c in table.columns]],
            groupname_col=group_col if grouped else None)
    gt = (
        gt.fmt_integer(columns=n_col)
        .fmt_number(columns="percent", decimals=decimals)
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
    note = (words[0].upper() + words[1:] + ".") if words else         "Percentages are of the total shown in each Total row."
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
    if percent_of == "all":
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


# --------------------------------------------------------------------------------------------
# Printed vs reproduced
# --------------------------------------------------------------------------------------------


def comparison_table(
    frame: pd.DataFrame,
    *,
    figure_col: str = "figure",
    printed_col: str = "printed",
    reproduced_col: str = "reproduced",
    matches_col: str = "matches",
    note_col: str | None = None,
    source_note: str | None = None,
) -> GT:
    """Printed figures beside the values the book reproduces, with a ✓/✗ text mark.

    Parameters
    ----------
    frame : DataFrame
        One row per published figure: its name, the printed value and the reproduced value.
        When ``matches_col`` is absent, a number matches when the reproduced value, rounded to
        as many decimals as the printed value shows, equals it (text values must be equal).
    note_col : str, optional
        Column with a short explanation (e.g. why a printed figure cannot be met).
    source_note : str, optional
        Added under the table after the count of matches.

    Returns
    -------
    great_tables.GT
        Columns figure, printed, reproduced (at the printed precision), matches ("✓ yes" /
        "✗ no", with a tinted cell as a second cue) and the optional note. Colour is never
        the only carrier: the mark and the word say it.
    """
    cols = [figure_col, printed_col, reproduced_col] + ([note_col] if note_col else [])
    require_columns(frame, cols, "comparison_table")
    data = frame.reset_index(drop=True).copy()
    decimals = [_printed_decimals(v) for v in data[printed_col]]
    if matches_col in data.columns:
        matches = data[matches_col]
        bad = [i for i, m in enumerate(matches) if not isinstance(m, (bool, np.bool_))]
        if bad:
            raise ValueError(f"comparison_table: column {matches_col!r} row {bad[0]} is "
                             f"{matches.iloc[bad[0]]!r}, not true/false")
        matches = matches.astype(bool)
    else:
        matches = pd.Series([_matches(p, r, d) for p, r, d in
                             zip(data[printed_col], data[reproduced_col], decimals, strict=True)])
    out = pd.DataFrame({
        "figure": data[figure_col].astype(str),
        "printed": [_show_value(v, d) for v, d in zip(data[printed_col], decimals, strict=True)],
        "reproduced": [_show_value(v, d) for v, d in
                       zip(data[reproduced_col], decimals, strict=True)],
        "matches": [CHECK_MARK if m else CROSS_MARK for m in matches],
    })
    if note_col:
        out["note"] = data[note_col].fillna("").astype(str)
    ok_rows = [i for i, m in enumerate(matches) if m]
    bad_rows = [i for i, m in enumerate(matches) if not m]
    gt = (
        GT(out)
        .cols_label(cases={"figure": "Figure", "printed": "Printed", "reproduced": "Reproduced",
                           "matches": "Matches", **({"note": "Note"} if note_col else {})})
        .cols_align(align="right", columns=["printed", "reproduced"])
        .tab_spanner(label="Value", columns=["printed", "reproduced"])
    )
    # Okabe–Ito-derived light tints: a second cue next to the mark, legible in greyscale.
    if ok_rows:
        gt = gt.tab_style(style=style.fill(color="#D9EEF7"),
                          locations=loc.body(columns="matches", rows=ok_rows))
    if bad_rows:
        gt = gt.tab_style(style=[style.fill(color="#FBE3CC"), style.text(weight="bold")],
                          locations=loc.body(columns="matches", rows=bad_rows))
    gt = gt.tab_source_note(f"{len(ok_rows)} of {len(out)} printed figures reproduced "
                            "at the precision printed.")
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt


def completer_table(frame: pd.DataFrame, *, decimals: int = 2) -> GT:
    """Intake scores of completers beside non-completers (rows of
    :func:`helpers.pup.outcomes.completer_comparison`).

    Columns: measure; n and mean (SD) of each group; difference (completers − others) with its
    Welch 95% CI; Welch p; Hedges' g.
    """
    need = ["measure", "n_completed", "mean_completed", "sd_completed", "n_not_completed",
            "mean_not_completed", "sd_not_completed", "difference", "ci_low", "ci_high", "p",
            "hedges_g"]
    require_columns(frame, need, "completer_table")
    out = pd.DataFrame({
        "measure": frame["measure"].astype(str),
        "n1": frame["n_completed"].astype(int),
        "m1": [f"{format_number(m, decimals)} ({format_number(s, decimals)})"
               for m, s in zip(frame["mean_completed"], frame["sd_completed"], strict=True)],
        "n2": frame["n_not_completed"].astype(int),
        "m2": [f"{format_number(m, decimals)} ({format_number(s, decimals)})"
               for m, s in zip(frame["mean_not_completed"], frame["sd_not_completed"], strict=True)],
        "diff": [format_number(d, decimals) for d in frame["difference"]],
        "ci": [f"[{format_number(lo, decimals)}, {format_number(hi, decimals)}]"
               for lo, hi in zip(frame["ci_low"], frame["ci_high"], strict=True)],
        "p": [format_p(p) for p in frame["p"]],
        "g": [format_number(g, decimals) for g in frame["hedges_g"]],
    })
    return (
        GT(out)
        .cols_label(cases={"measure": "Measure", "n1": "n", "m1": "Mean (SD)", "n2": "n",
                           "m2": "Mean (SD)", "diff": "Difference", "ci": "95% CI", "p": "p",
                           "g": "Hedges' g"})
        .tab_spanner(label="Completed post questionnaire", columns=["n1", "m1"])
        .tab_spanner(label="Did not", columns=["n2", "m2"])
        .cols_align(align="right", columns=["n1", "m1", "n2", "m2", "diff", "ci", "p", "g"])
        .tab_source_note("Difference = completers − others, intake scores; Welch's t test.")
    )


def contradictions_table(frame: pd.DataFrame) -> GT:
    """The recorded contradictions of an evaluation (:func:`helpers.appendix.contradictions`).

    Columns: identifier, kind (contradiction or reading), the published figures concerned, the
    printed value, what the data give, and the explanation.
    """
    cols = ["id", "kind", "figures", "printed", "data", "explanation"]
    require_columns(frame, cols, "contradictions_table")
    out = frame[cols].copy()
    for col in cols:
        out[col] = out[col].map(lambda v: MISSING_TEXT if _isnan(v) else str(v))
    return (
        GT(out)
        .cols_label(cases={"id": "Case", "kind": "Kind", "figures": "Published figure(s)",
                           "printed": "Printed", "data": "Data give", "explanation": "Why"})
        .cols_width(cases={"explanation": "45%"})
    )


def _printed_decimals(value: object) -> int | None:
    """Decimals shown by a printed value (``6.05`` → 2, ``71`` → 0); None for text."""
    if isinstance(value, (bool, np.bool_)) or value is None or _isnan(value):
        return None
    if isinstance(value, (int, np.integer)):
        return 0
    if isinstance(value, (float, np.floating)):
        text = repr(float(value))
        if "e" in text or "E" in text:
            return None
        return len(text.split(".")[1].rstrip("0")) if "." in text else 0
    return None


def _matches(printed: object, reproduced: object, decimals: int | None) -> bool:
    if decimals is None:
        return str(printed) == str(reproduced)
    if reproduced is None or _isnan(reproduced):
        return False
    try:
        value = float(reproduced)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    # Compare formatted strings so the rounding is the one the reader sees.
    return f"{value:.{decimals}f}" == f"{float(printed):.{decimals}f}"  # type: ignore[arg-type]


def _show_value(value: object, decimals: int | None) -> str:
    if value is None or _isnan(value):
        return MISSING_TEXT
    if decimals is not None and isinstance(value, (int, float, np.integer, np.floating)) \
            and not isinstance(value, (bool, np.bool_)):
        return format_number(float(value), decimals)
    return html.escape(str(value))


# --------------------------------------------------------------------------------------------
# Shared checks
# --------------------------------------------------------------------------------------------




def _numeric_column(values: pd.Series, column: str, who: str) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    bad = values.notna() & numbers.isna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(f"{who}: column {column!r} row {row} is {values.iloc[row]!r}, "
                         "not a number")
    return numbers
