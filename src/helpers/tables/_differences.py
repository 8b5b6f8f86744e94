"""Tables of mean differences: paired pre/post comparisons and completers beside the others.

Holds :func:`paired_table` (rows of ``PairedResult.to_frame()``) and :func:`completer_table`
(two independent groups, Welch). Conventions: a difference is written first-named minus
second-named (pre − post; completers − others) and said so in a source note; decimals follow
the display policy of :data:`helpers.formatting.DECIMALS` (means, SDs, differences and their
intervals 1, t and effect sizes 2, rounded half up), intervals are written "[low, high]", p-values
APA style; d_z is headed "d<sub>z</sub>"; rows outside a Holm family are set apart as exploratory.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from great_tables import GT, html, loc, style

from helpers.errors import require_columns
from helpers.formatting import DECIMALS, MINUS, integer
from helpers.tables._cells import MISSING_TEXT, format_number, format_p

#: Columns of ``PairedResult.to_frame()`` that :func:`paired_table` needs.
PAIRED_COLUMNS = (
    "n", "pre_mean", "pre_sd", "post_mean", "post_sd", "diff_mean", "diff_sd",
    "diff_ci_low", "diff_ci_high", "t", "df", "p", "dz", "dz_ci_low", "dz_ci_high",
)


#: Heading of the rows adjusted together, and of the rows left out of the adjustment, when
#: :func:`paired_table` sets exploratory rows apart by their missing Holm p.
ADJUSTED_GROUP = "Outcomes adjusted together (Holm)"
EXPLORATORY_GROUP = "Exploratory comparisons (not adjusted)"
#: Column label of d_z in HTML (italic d, subscript z; Quarto's Typst path keeps both).
DZ_LABEL = "<i>d</i><sub>z</sub>"


def paired_table(
    frame: pd.DataFrame,
    *,
    measure_col: str = "measure",
    pre_label: str = "Pre",
    post_label: str = "Post",
    decimals: int | None = None,
    wilcoxon: bool = True,
    source_note: str | None = None,
    holm: bool | None = None,
    group_col: str | None = None,
    group_labels: Mapping[str, str] | None = None,
    exploratory: Sequence[str] = (),
) -> GT:
    """A table of paired pre/post comparisons, one row per measure.

    Parameters
    ----------
    frame : DataFrame
        Rows of ``PairedResult.to_frame()`` concatenated, plus ``measure_col`` naming each row
        (a column ``label`` is used when ``measure_col`` is absent). Needs the columns in
        :data:`PAIRED_COLUMNS`; ``wilcoxon_p`` too when ``wilcoxon`` is true, ``p_holm`` when
        ``holm`` is true.
    pre_label, post_label : str
        Spanner labels of the two occasions.
    decimals : int, optional
        One number of decimals for means, SDs, differences, CIs, t and d_z. Default: the display
        policy of :data:`helpers.formatting.DECIMALS` (means, SDs and differences 1, t and d_z 2),
        rounded half up.
    wilcoxon : bool
        Add the Wilcoxon signed-rank p-value as a robustness column.
    source_note : str, optional
        Extra note (e.g. who is included); a note on the difference's sign is always added.
    holm : bool, optional
        Add a "Holm p" column (``p_holm``: p adjusted for the family of outcomes, Holm's method);
        default when the frame has ``p_holm``. A row without a Holm p shows ``–``.
    group_col : str, optional
        Column naming each row's group; rows are shown under a heading per group, in order of
        first appearance, headed by ``group_labels[value]`` (default the value itself). Without
        it, when a Holm column is shown and some rows (not all) have no Holm p, those rows are
        set apart under :data:`EXPLORATORY_GROUP` below the others (:data:`ADJUSTED_GROUP`).
    exploratory : sequence of str
        Groups (values of ``group_col``) to set apart as exploratory: their rows are in italics
        and a note says they are exploratory.

    Returns
    -------
    great_tables.GT
        Columns: measure, n, pre mean (SD), post mean (SD), difference mean (SD), its 95% CI,
        t, df, p, [Holm p], d_z [95% CI] and optionally Wilcoxon p. Difference = pre − post, so
        with "higher is worse" scores a positive difference is an improvement.
    """
    data = frame.copy()
    if measure_col not in data.columns and "label" in data.columns:
        data = data.rename(columns={"label": measure_col})
    holm = "p_holm" in data.columns if holm is None else holm
    needed = ([measure_col, *PAIRED_COLUMNS] + (["p_holm"] if holm else [])
              + (["wilcoxon_p"] if wilcoxon else []))
    require_columns(data, needed + ([group_col] if group_col else []), "paired_table")
    groups = (data[group_col].astype(str).map(lambda g: (group_labels or {}).get(g, g))
              if group_col else None)
    data = data[needed].reset_index(drop=True)
    for col in needed[1:]:
        data[col] = _numeric_column(data[col], col, "paired_table")
    exploratory_labels = {(group_labels or {}).get(g, g) for g in exploratory}
    if groups is None and holm and data["p_holm"].isna().any() and data["p_holm"].notna().any():
        groups = data["p_holm"].isna().map({False: ADJUSTED_GROUP, True: EXPLORATORY_GROUP})
        exploratory_labels = {EXPLORATORY_GROUP}
    out = _paired_cells(data, measure_col, _paired_decimals(decimals), holm, wilcoxon)
    if groups is not None:
        out.insert(0, "group", groups.reset_index(drop=True).to_numpy())
        order = {g: i for i, g in enumerate(dict.fromkeys(out["group"]))}
        out = out.sort_values("group", key=lambda c: c.map(order), kind="stable")
        out = out.reset_index(drop=True)
    value_cols = [c for c in out.columns if c not in (measure_col, "group")]
    gt = (
        GT(out, groupname_col="group" if groups is not None else None)
        .cols_label(cases={k: v for k, v in {
            measure_col: "Measure", "n": "n", "pre": "Mean (SD)", "post": "Mean (SD)",
            "diff": "Mean (SD)", "diff_ci": "95% CI", "t": "t", "df": "df", "p": "p",
            "p_holm": "Holm p", "dz": html(f"{DZ_LABEL} [95% CI]"), "wilcoxon_p": "Wilcoxon p",
        }.items() if k in out.columns})
        .tab_spanner(label=pre_label, columns="pre")
        .tab_spanner(label=post_label, columns="post")
        .tab_spanner(label=f"Difference ({pre_label.lower()} {MINUS} {post_label.lower()})",
                     columns=["diff", "diff_ci"])
        .tab_spanner(label="Paired t-test", columns=["t", "df", "p"] + (["p_holm"] if holm else []))
        .cols_align(align="right", columns=value_cols)
        .cols_align(align="left", columns=measure_col)
    )
    if groups is not None and exploratory_labels:
        rows = [i for i, g in enumerate(out["group"]) if g in exploratory_labels]
        if rows:
            gt = gt.tab_style(style=style.text(style="italic"), locations=loc.body(rows=rows))
    note = (f"Difference = {pre_label.lower()} {MINUS} {post_label.lower()}; "
            f"{DZ_LABEL} = mean difference / SD of differences; CI = confidence interval.")
    if holm:
        note += (" Holm p: p adjusted for the number of outcomes tested together (Holm's "
                 f"method); {MISSING_TEXT} where a row is not part of that family.")
    if wilcoxon:
        note += " Wilcoxon p: signed-rank test on the same pairs."
    if groups is not None and exploratory_labels & set(out["group"]):
        note += " Rows in italics are exploratory: read them as leads, not findings."
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt.tab_source_note(html(note))


def _paired_decimals(decimals: int | None) -> dict[str, int]:
    if decimals is not None:
        return dict.fromkeys(("mean", "difference", "statistic", "effect"), decimals)
    return {k: DECIMALS[k] for k in ("mean", "difference", "statistic", "effect")}


def _paired_cells(data: pd.DataFrame, measure_col: str, dec: dict[str, int], holm: bool,
                  wilcoxon: bool) -> pd.DataFrame:
    """The display text of every cell of :func:`paired_table` (half-up rounding)."""
    def msd(mean: float, sd: float, d: int) -> str:
        if pd.isna(mean):
            return MISSING_TEXT
        return f"{format_number(mean, d)} ({format_number(sd, d)})"

    def interval(lo: float, hi: float, d: int) -> str:
        if pd.isna(lo) and pd.isna(hi):
            return MISSING_TEXT
        return f"[{format_number(lo, d)}, {format_number(hi, d)}]"

    whole_df = _all_whole(data["df"])
    out = pd.DataFrame({
        measure_col: data[measure_col].astype(str),
        "n": [MISSING_TEXT if pd.isna(n) else integer(int(n)) for n in data["n"]],
        "pre": [msd(m, s, dec["mean"]) for m, s in zip(data["pre_mean"], data["pre_sd"])],
        "post": [msd(m, s, dec["mean"]) for m, s in zip(data["post_mean"], data["post_sd"])],
        "diff": [msd(m, s, dec["difference"])
                 for m, s in zip(data["diff_mean"], data["diff_sd"])],
        "diff_ci": [interval(lo, hi, dec["difference"])
                    for lo, hi in zip(data["diff_ci_low"], data["diff_ci_high"])],
        "t": [format_number(t, dec["statistic"]) for t in data["t"]],
        "df": [format_number(d, 0 if whole_df else 1) for d in data["df"]],
        "p": [format_p(p) for p in data["p"]],
    })
    if holm:
        out["p_holm"] = [format_p(p) for p in data["p_holm"]]
    out["dz"] = [MISSING_TEXT if pd.isna(d) else
                 f"{format_number(d, dec['effect'])} {interval(lo, hi, dec['effect'])}"
                 for d, lo, hi in zip(data["dz"], data["dz_ci_low"], data["dz_ci_high"])]
    if wilcoxon:
        out["wilcoxon_p"] = [format_p(p) for p in data["wilcoxon_p"]]
    return out


def _all_whole(values: pd.Series) -> bool:
    finite = values.dropna().astype(float)
    return bool(np.all(np.isclose(finite, np.round(finite))))


def _numeric_column(values: pd.Series, column: str, who: str) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    bad = values.notna() & numbers.isna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(f"{who}: column {column!r} row {row} is {values.iloc[row]!r}, "
                         "not a number")
    return numbers


def completer_table(frame: pd.DataFrame, *, decimals: int | None = None) -> GT:
    """Intake scores of completers beside non-completers (rows of
    :func:`helpers.pup.outcomes.completer_comparison`).

    Columns: measure; n and mean (SD) of each group; difference (completers − others) with its
    Welch 95% CI; Welch p; Hedges' g. ``decimals`` (default the display policy: means and
    differences 1, g 2) applies to every number but p.
    """
    need = ["measure", "n_completed", "mean_completed", "sd_completed", "n_not_completed",
            "mean_not_completed", "sd_not_completed", "difference", "ci_low", "ci_high", "p",
            "hedges_g"]
    require_columns(frame, need, "completer_table")
    dec = _paired_decimals(decimals)
    dm, dd, de = dec["mean"], dec["difference"], dec["effect"]
    out = pd.DataFrame({
        "measure": frame["measure"].astype(str),
        "n1": frame["n_completed"].astype(int),
        "m1": [f"{format_number(m, dm)} ({format_number(s, dm)})"
               for m, s in zip(frame["mean_completed"], frame["sd_completed"], strict=True)],
        "n2": frame["n_not_completed"].astype(int),
        "m2": [f"{format_number(m, dm)} ({format_number(s, dm)})"
               for m, s in zip(frame["mean_not_completed"], frame["sd_not_completed"], strict=True)],
        "diff": [format_number(d, dd) for d in frame["difference"]],
        "ci": [f"[{format_number(lo, dd)}, {format_number(hi, dd)}]"
               for lo, hi in zip(frame["ci_low"], frame["ci_high"], strict=True)],
        "p": [format_p(p) for p in frame["p"]],
        "g": [format_number(g, de) for g in frame["hedges_g"]],
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
