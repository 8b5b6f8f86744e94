"""Together Time (TT) outcomes: the paired start-end comparisons, Holm's families, the PRFQ
total split into its subscales, and who is missing from the pairs.

Helper logic for the Together Time half of the chapter "Did parent–infant relationships
change?". Everything starts from :func:`helpers.pairs.data.load_pairs` and the frames of
:mod:`helpers.pairs.derived` (units in :mod:`helpers.pairs.outcome_measures`). Concern levels and
LOAF ratings are in :mod:`helpers.pairs.tt_levels`, the table and figure in
:mod:`helpers.pairs.tt_display`.

Conventions
-----------
* Paired differences are **pre − post** (:mod:`helpers.stats.paired`). ``improvement_dz`` turns
  d_z into "positive = improvement" using the instrument's direction (``higher_is``).
* Holm's method (Holm 1979) is applied within a stated family of tests (:data:`TT_FAMILIES`).
* A MORS-SF score counts only where both subscales are complete (``mors_complete``), as in the
  report's "complete data".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from helpers.formatting import number
from helpers.pairs.data import PairsData
from helpers.pairs.derived import tt_goal_scores, tt_paired, tt_scored
from helpers.pairs.instruments import (
    MORS_INVASION,
    MORS_WARMTH,
    PRFQ_CMS,
    PRFQ_IC,
    PRFQ_PM,
    PRFQ_TOTAL,
)
from helpers.scoring import Instrument
from helpers.stats.multiplicity import adjust_pvalues
from helpers.stats.paired import PairedResult, paired_comparison
from helpers.words import count_of, effect_size_word, join_words, number_word, verb

__all__ = [
    "TT_MEASURES",
    "TT_FAMILIES",
    "tt_paired_outcomes",
    "paired_counts",
    "improvement_dz",
    "improved",
    "t_and_signed_rank_agree",
    "effect_sizes_phrase",
    "FamilyCounts",
    "tt_family_counts",
    "holm_phrase",
    "subscale_verdict",
    "prfq_total_decomposition",
    "tt_attrition",
    "TtCompletion",
    "tt_completion",
]

#: Together Time paired measures: (row label, score column, instrument or None for goals, family).
TT_MEASURES: tuple[tuple[str, str, Instrument | None, str], ...] = (
    ("MORS-SF warmth", "warmth", MORS_WARMTH, "report"),
    ("MORS-SF invasion", "invasion", MORS_INVASION, "report"),
    ("PRFQ total (report's score)", "prfq_total", PRFQ_TOTAL, "report"),
    ("Goal score (0-10)", "goals", None, "report"),
    ("PRFQ pre-mentalizing", "prfq_pm", PRFQ_PM, "subscales"),
    ("PRFQ certainty about mental states", "prfq_cms", PRFQ_CMS, "subscales"),
    ("PRFQ interest and curiosity", "prfq_ic", PRFQ_IC, "subscales"),
)

#: Families for Holm's adjustment: the four tests the report ran, and the authors' three PRFQ
#: subscales (a second look at the same questionnaire, adjusted among themselves).
TT_FAMILIES: dict[str, str] = {
    "report": "The report's tests",
    "subscales": "PRFQ subscales as the questionnaire's authors score them (added by this book)",
}


def _pairs_for(data: PairsData, column: str) -> pd.DataFrame:
    if column == "goals":
        g = tt_goal_scores(data).dropna(subset=["start_matched", "end"])  # the same goals
        return g.rename(columns={"start_matched": "pre", "end": "post"})[
            ["participant_id", "pre", "post"]]
    return tt_paired(data, column)


def paired_counts(data: PairsData) -> dict[str, int]:
    """Parents with a score at both the start and the end, per :data:`TT_MEASURES` column (the n
    of each comparison in :func:`tt_paired_outcomes`; goals over the same goals)."""
    return {column: len(_pairs_for(data, column)) for _, column, _, _ in TT_MEASURES}


def improvement_dz(result: PairedResult, higher_is: str) -> tuple[float, float, float]:
    """d_z and its interval signed so that positive = improvement.

    With differences pre − post, a fall is an improvement when higher is worse (keep the sign);
    when higher is better the sign is flipped (and the interval limits swap).
    """
    if higher_is == "worse":
        return result.dz, result.dz_ci_low, result.dz_ci_high
    if higher_is == "better":
        return -result.dz, -result.dz_ci_high, -result.dz_ci_low
    raise ValueError(f"higher_is must be 'worse' or 'better', got {higher_is!r}")


def tt_paired_outcomes(data: PairsData) -> pd.DataFrame:
    """Every Together Time paired comparison, one row per :data:`TT_MEASURES` entry.

    Columns: all of :meth:`PairedResult.to_frame` plus ``measure`` (label), ``column``,
    ``family`` (key of :data:`TT_FAMILIES`), ``higher_is``, ``result`` (the PairedResult),
    ``p_holm`` (Holm-adjusted within the row's family), ``improvement_dz`` with
    ``improvement_dz_low`` / ``improvement_dz_high`` (positive = improvement).
    """
    rows = []
    for label, column, inst, family in TT_MEASURES:
        pairs = _pairs_for(data, column)
        result = paired_comparison(pairs["pre"], pairs["post"], label=label)
        higher = inst.higher_is if inst is not None else "better"
        dz, lo, hi = improvement_dz(result, higher)
        frame = result.to_frame()
        frame["measure"], frame["column"], frame["family"] = label, column, family
        frame["higher_is"], frame["result"] = higher, [result]
        frame["improvement_dz"], frame["improvement_dz_low"], frame["improvement_dz_high"] = \
            dz, lo, hi
        rows.append(frame)
    out = pd.concat(rows, ignore_index=True)
    out["p_holm"] = np.nan
    for family in TT_FAMILIES:
        mask = out["family"] == family
        out.loc[mask, "p_holm"] = adjust_pvalues(out.loc[mask, "p"].to_numpy(float), "holm")
    return out


def improved(outcomes: pd.DataFrame, column: str) -> bool:
    """Whether the mean change of ``column`` in :func:`tt_paired_outcomes` is an improvement
    (improvement-signed d_z above 0).

    >>> improved(pd.DataFrame({"column": ["a", "b"], "improvement_dz": [0.3, -0.1]}), "a")
    True
    """
    return bool(outcomes.set_index("column").at[column, "improvement_dz"] > 0)


def t_and_signed_rank_agree(outcomes: pd.DataFrame, alpha: float = 0.05) -> bool:
    """Whether the t test and the Wilcoxon signed-rank test fall on the same side of ``alpha``
    for every row of :func:`tt_paired_outcomes` (columns ``p``, ``wilcoxon_p``).

    >>> t_and_signed_rank_agree(pd.DataFrame({"p": [0.02, 0.3], "wilcoxon_p": [0.03, 0.2]}))
    True
    >>> t_and_signed_rank_agree(pd.DataFrame({"p": [0.04], "wilcoxon_p": [0.06]}))
    False
    """
    return bool(((outcomes["p"] < alpha) == (outcomes["wilcoxon_p"] < alpha)).all())


def effect_sizes_phrase(outcomes: pd.DataFrame, columns: list[str]) -> str:
    """How large the changes of ``columns`` are, in Cohen's words
    (:func:`helpers.words.effect_size_word` of each d_z); one word when they share it.

    >>> f = pd.DataFrame({"column": ["w", "i"], "measure": ["warmth", "invasion"],
    ...                   "dz": [-0.31, 0.35]})
    >>> effect_sizes_phrase(f, ["w", "i"]), effect_sizes_phrase(f, ["w"])
    ('both changes are small', 'the change is small')
    >>> f.loc[1, "dz"] = 0.6
    >>> effect_sizes_phrase(f, ["w", "i"])
    'the change in warmth is small and the change in invasion is medium'
    """
    rows = outcomes.set_index("column").loc[columns]
    words = [effect_size_word(float(d)) for d in rows["dz"]]
    n = len(words)
    if n == 0:
        raise ValueError("effect_sizes_phrase: no columns given")
    if len(set(words)) == 1:
        subject = ("the change is" if n == 1 else "both changes are" if n == 2
                   else f"all {number_word(n)} changes are")
        return f"{subject} {words[0]}"
    return join_words([f"the change in {m} is {w}" for m, w in zip(rows["measure"], words,
                                                                    strict=True)])


@dataclass(frozen=True)
class FamilyCounts:
    """How many tests each Holm family of :func:`tt_paired_outcomes` holds, and how many of the
    report's tests fall below ``alpha`` before and after Holm's adjustment."""

    report: int
    report_below_alpha: int
    report_below_alpha_holm: int
    subscales: int
    alpha: float

    @property
    def report_all_below_alpha_holm(self) -> bool:
        """Whether every one of the report's tests stays below ``alpha`` after Holm's adjustment
        (False when there are none)."""
        return 0 < self.report == self.report_below_alpha_holm


def tt_family_counts(outcomes: pd.DataFrame, alpha: float = 0.05) -> FamilyCounts:
    """Count the tests of :func:`tt_paired_outcomes` per family (columns ``family``, ``p``,
    ``p_holm``); "below" is strictly below ``alpha``.

    >>> f = pd.DataFrame({"family": ["report", "report", "subscales"],
    ...                   "p": [0.01, 0.04, 0.2], "p_holm": [0.02, 0.08, 0.2]})
    >>> tt_family_counts(f)
    FamilyCounts(report=2, report_below_alpha=2, report_below_alpha_holm=1, subscales=1, alpha=0.05)
    """
    report = outcomes[outcomes["family"] == "report"]
    return FamilyCounts(report=len(report),
                        report_below_alpha=int((report["p"] < alpha).sum()),
                        report_below_alpha_holm=int((report["p_holm"] < alpha).sum()),
                        subscales=int((outcomes["family"] == "subscales").sum()), alpha=alpha)


def holm_phrase(counts: FamilyCounts) -> str:
    """How many of the report's tests fall below alpha before and after Holm's adjustment.

    >>> holm_phrase(FamilyCounts(4, 4, 4, 3, 0.05))
    'all four tests fall below .05 both before and after adjustment'
    >>> holm_phrase(FamilyCounts(4, 3, 1, 3, 0.05))
    'three of the four tests fall below .05 before adjustment and one after'
    >>> holm_phrase(FamilyCounts(1, 1, 0, 0, 0.05))
    'the one test falls below .05 before adjustment and none after'
    """
    n, before, after = counts.report, counts.report_below_alpha, counts.report_below_alpha_holm
    if n == 0:
        raise ValueError("holm_phrase: the report's family holds no tests")
    alpha = number(counts.alpha, 2, leading_zero=False)
    falls = verb("falls", 1 if before < 2 else before)
    head = f"{count_of(before, n, 'test')} {falls} below {alpha}"
    if before == after:
        return f"{head} both before and after adjustment"
    later = number_word(after, count=False) if after else "none"
    return f"{head} before adjustment and {later} after"


def _how_many(k: int, n: int) -> str:
    if k == n:
        return "the one" if n == 1 else "both" if n == 2 else f"all {number_word(n, count=False)}"
    return number_word(k, count=False)


def subscale_verdict(outcomes: pd.DataFrame) -> str:
    """One clause on the PRFQ subscales of :func:`tt_paired_outcomes`: how many improved and how
    many worsened *clearly*, meaning the 95% interval of the improvement-signed d_z excludes 0.

    >>> f = pd.DataFrame({"family": ["subscales"] * 3, "measure": ["A", "B", "C"],
    ...                   "improvement_dz_low": [-0.6, -0.1, -0.2],
    ...                   "improvement_dz_high": [-0.1, 0.4, 0.2]})
    >>> subscale_verdict(f)
    'none of the three subscales improved clearly and one (A) moved clearly in the unfavourable direction'
    """
    sub = outcomes[outcomes["family"] == "subscales"]
    n = len(sub)
    if n == 0:
        raise ValueError("subscale_verdict: there are no subscale rows")
    better = sub.loc[sub["improvement_dz_low"] > 0, "measure"].tolist()
    worse = sub.loc[sub["improvement_dz_high"] < 0, "measure"].tolist()
    if not better and not worse:
        return f"{count_of(0, n, 'subscale')} changed clearly in either direction"
    head = (f"{count_of(len(better), n, 'subscale')} improved clearly ({join_words(better)})"
            if better else f"{count_of(0, n, 'subscale')} improved clearly")
    if not worse:
        return head
    return (f"{head} and {_how_many(len(worse), n)} ({join_words(worse)}) moved clearly in the "
            "unfavourable direction")


def prfq_total_decomposition(data: PairsData) -> dict[str, float]:
    """Split the mean change in the report's PRFQ total into its three subscales.

    The total is the sum of the 18 keyed items and each subscale the mean of 6 of them, so for a
    parent with all items ``total = 6 × (PM + CMS + IC)`` and the mean change (post − pre) of the
    total is 6 × the sum of the subscale changes. Returns ``total``, ``pm``, ``cms``, ``ic``
    (mean post − pre, in total points, over parents with the total at both time points) and
    ``pm_share`` (PM's part of the total change, a proportion).
    """
    q = tt_scored(data)
    cols = ["prfq_total", "prfq_pm", "prfq_cms", "prfq_ic"]
    wide = q.pivot(index="participant_id", columns="timepoint", values=cols)
    wide = wide.dropna()
    change = {c: float((wide[(c, "end")] - wide[(c, "start")]).mean()) for c in cols}
    out = {"total": change["prfq_total"], "pm": 6 * change["prfq_pm"],
           "cms": 6 * change["prfq_cms"], "ic": 6 * change["prfq_ic"]}
    if not math.isclose(out["total"], out["pm"] + out["cms"] + out["ic"], abs_tol=1e-9):
        raise ValueError("PRFQ total is not 6 x the sum of its subscales; check the scoring keys")
    out["pm_share"] = out["pm"] / out["total"] if out["total"] else math.nan
    return out


def tt_attrition(data: PairsData) -> pd.DataFrame:
    """Start scores of parents who did and did not also give an end score, per measure.

    Columns: ``measure``, ``n_start``, ``n_end``, ``n_paired``, ``mean_paired``,
    ``mean_start_only`` (start means of the two groups), ``difference`` (paired − start only),
    ``p`` (Welch's t test, scipy ``ttest_ind(equal_var=False)``) and ``share_paired``
    (``n_paired / n_start``, a proportion; NaN with no start scores).
    """
    q = tt_scored(data)
    goals = tt_goal_scores(data)
    rows = []
    for label, column, _inst, family in TT_MEASURES:
        if family != "report":
            continue
        if column == "goals":
            wide = goals.set_index("participant_id")
        else:
            qq = q[q["mors_complete"]] if column in ("warmth", "invasion") else q
            wide = qq.pivot(index="participant_id", columns="timepoint", values=column)
        start = wide["start"].dropna()
        end = wide["end"].dropna()
        has_end = end.reindex(start.index).notna()
        a, b = start[has_end], start[~has_end]
        p = (float(stats.ttest_ind(a, b, equal_var=False).pvalue)
             if len(a) > 1 and len(b) > 1 else math.nan)
        rows.append({"measure": label, "n_start": len(start), "n_end": len(end),
                     "n_paired": len(a), "mean_paired": float(a.mean()),
                     "mean_start_only": float(b.mean()) if len(b) else math.nan,
                     "difference": float(a.mean() - b.mean()) if len(b) else math.nan, "p": p,
                     "share_paired": len(a) / len(start) if len(start) else math.nan})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class TtCompletion:
    """Questionnaires returned at each time point: complete MORS-SF (both subscales) and PRFQ
    totals at the start and the end, PRFQ totals at both (``prfq_paired``), and the SD
    (ddof 1, PRFQ points) of all end totals, paired or not."""

    mors_start: int
    mors_end: int
    prfq_start: int
    prfq_end: int
    prfq_paired: int
    prfq_end_sd: float

    @property
    def prfq_end_only(self) -> int:
        """End PRFQ totals of parents without a start total."""
        return self.prfq_end - self.prfq_paired


def tt_completion(scored: pd.DataFrame) -> TtCompletion:
    """:class:`TtCompletion` of :func:`helpers.pairs.derived.tt_scored` (one row per participant
    and time point: ``participant_id``, ``timepoint``, ``mors_complete``, ``prfq_total``).
    ``prfq_end_sd`` is NaN with fewer than two end totals."""
    start = scored[scored["timepoint"] == "start"]
    end = scored[scored["timepoint"] == "end"]
    prfq_start = start.dropna(subset=["prfq_total"])
    prfq_end = end.dropna(subset=["prfq_total"])
    paired = prfq_end["participant_id"].isin(prfq_start["participant_id"])
    return TtCompletion(mors_start=int(start["mors_complete"].sum()),
                        mors_end=int(end["mors_complete"].sum()),
                        prfq_start=len(prfq_start), prfq_end=len(prfq_end),
                        prfq_paired=int(paired.sum()),
                        prfq_end_sd=float(prfq_end["prfq_total"].std(ddof=1)))
