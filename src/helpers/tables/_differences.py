"""Tables of mean differences: paired pre/post comparisons and completers beside the others.

Holds :func:`paired_table` (rows of ``PairedResult.to_frame()``) and :func:`completer_table`
(two independent groups, Welch). Conventions: a difference is written first-named minus
second-named (pre − post; completers − others) and said so in a source note; means, SDs, CIs, t
and effect sizes share one number of decimals, p-values are APA style.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from great_tables import GT

from helpers.errors import require_columns
from helpers.formatting import MINUS
from helpers.tables._cells import MISSING_TEXT, format_number, format_p

#: Columns of ``PairedResult.to_frame()`` that :func:`paired_table` needs.
PAIRED_COLUMNS = (
    "n", "pre_mean", "pre_sd", "post_mean", "post_sd", "diff_mean", "diff_sd",
    "diff_ci_low", "diff_ci_high", "t", "df", "p", "dz", "dz_ci_low", "dz_ci_high",
)


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


def _numeric_column(values: pd.Series, column: str, who: str) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    bad = values.notna() & numbers.isna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(f"{who}: column {column!r} row {row} is {values.iloc[row]!r}, "
                         "not a number")
    return numbers


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
