"""Parenting Under Pressure: how far the outcome conclusions depend on the analysis choices.

Two questions a statistician asks of the report's Table 1 (see :mod:`helpers.pup.outcomes`):

* **Which reliable-change criterion?** The report counts a fall of 6 CORE-10 points as reliable
  (:data:`~helpers.pup.instruments.CORE10_RELIABLE_CHANGE`). :func:`reliable_change_criteria`
  sets beside it the Jacobson–Truax threshold computed from this sample's intake SD and the
  CORE-10's published reliability (:data:`~helpers.pup.instruments.CORE10_RELIABILITY`), and
  counts the change categories under each.
* **Partners are not independent.** Both parents of a couple answer about the same relationship.
  :func:`couple_sensitivity` reruns each whole-sample comparison over couple means and with a
  couple-clustered standard error (:func:`helpers.stats.clustered.clustered_change`) and says
  whether its conclusion at the 5% level holds.

Conventions as in :mod:`helpers.pup.outcomes`: differences are pre − post in score points.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from helpers.formatting import DECIMALS, apa_p, ci, integer, number, round_half_up
from helpers.pup.instruments import CORE10, CORE10_RELIABILITY, CORE10_RELIABLE_CHANGE
from helpers.pup.outcomes import TABLE1_ROWS
from helpers.stats.change import (
    CHANGE_CATEGORIES,
    change_sensitivity,
    reliable_change_threshold,
)
from helpers.stats.clustered import clustered_change
from helpers.words import compare_word, join_words, number_word

if TYPE_CHECKING:  # pragma: no cover
    from great_tables import GT

__all__ = ["ReliableChangeCriteria", "reliable_change_criteria", "criteria_gt",
           "criteria_sentence", "CoupleSensitivity", "couple_sensitivity", "couple_gt",
           "couple_sentence", "regression_sentence", "REPORT_CRITERION", "JT_CRITERION"]

#: Row names of the criteria table.
REPORT_CRITERION = f"The report's rule: a change of {CORE10_RELIABLE_CHANGE} points or more"
JT_CRITERION = ("Jacobson–Truax: intake SD, reliability "
                f"{number(CORE10_RELIABILITY, 2, leading_zero=False)}")


@dataclass(frozen=True)
class ReliableChangeCriteria:
    """CORE-10 change categories under the report's criterion and under Jacobson–Truax.

    Attributes
    ----------
    table : DataFrame
        :func:`helpers.stats.change.change_sensitivity` output, one row per criterion
        (``criterion``, ``threshold`` in points, one count column per category, ``n``).
    report_threshold, jt_threshold : float
        Thresholds in CORE-10 points.
    intake_sd : float
        SD of CORE-10 at intake (consented parents; the reference sample of the JT threshold).
    reliability : float
        Reliability used (Cronbach's alpha).
    n_at_report_threshold : int
        Parents whose score changed by exactly the report's threshold (either direction): the
        ones whose category depends on the criterion when the JT threshold is above it.
    """

    table: pd.DataFrame
    report_threshold: float
    jt_threshold: float
    intake_sd: float
    reliability: float
    n_at_report_threshold: int

    def count(self, criterion: str, category: str) -> int:
        """People in ``category`` (one of CHANGE_CATEGORIES) under ``criterion`` (a row name)."""
        if category not in CHANGE_CATEGORIES:
            raise KeyError(f"unknown category {category!r}; expected one of {CHANGE_CATEGORIES}")
        return int(self.table.set_index("criterion").loc[criterion, category])


def reliable_change_criteria(paired: pd.DataFrame, intake: pd.DataFrame) -> ReliableChangeCriteria:
    """Count CORE-10 change categories under each criterion (see the module docstring).

    ``paired`` needs ``core10_pre`` and ``core10_post``; ``intake`` needs ``core10`` (one row per
    consented parent at intake, the reference sample for the SD).
    """
    intake_sd = float(intake["core10"].astype(float).std(ddof=1))
    jt = reliable_change_threshold(intake_sd, CORE10_RELIABILITY)
    table = change_sensitivity(
        paired["core10_pre"], paired["core10_post"],
        {REPORT_CRITERION: float(CORE10_RELIABLE_CHANGE), JT_CRITERION: jt},
        cutoff=CORE10.cutoff, higher_is="worse", clinical_if="at_or_above")
    change = (paired["core10_pre"] - paired["core10_post"]).abs()
    return ReliableChangeCriteria(
        table=table, report_threshold=float(CORE10_RELIABLE_CHANGE), jt_threshold=jt,
        intake_sd=intake_sd, reliability=CORE10_RELIABILITY,
        n_at_report_threshold=int((change.round(9) == CORE10_RELIABLE_CHANGE).sum()))


@dataclass(frozen=True)
class CoupleSensitivity:
    """Each whole-sample outcome analysed three ways (see :func:`~helpers.stats.clustered.clustered_change`).

    Attributes
    ----------
    table : DataFrame
        One row per (outcome, analysis): ``measure``, ``analysis``, ``units``, ``clusters``,
        ``diff_mean``, ``ci_low``, ``ci_high``, ``t``, ``df``, ``p``, ``note``, and
        ``significant`` (p below ``alpha``).
    parents, couples, couples_both : int
        Parents analysed, their couples, and couples in which both partners answered.
    changed : list of str
        Measures whose conclusion at ``alpha`` differs between the analyses (empty if none).
    alpha : float
        Significance level (two-sided).
    """

    table: pd.DataFrame
    parents: int
    couples: int
    couples_both: int
    changed: list[str]
    alpha: float


def couple_sensitivity(paired: pd.DataFrame, alpha: float = 0.05) -> CoupleSensitivity:
    """Rerun the four whole-sample comparisons over couples (see the module docstring).

    ``paired`` needs ``couple_id`` and ``<key>_pre``/``<key>_post`` for each outcome of
    :data:`helpers.pup.outcomes.TABLE1_ROWS` measured on everyone.
    """
    frames = []
    for key, group, label in TABLE1_ROWS:
        if group != "all":
            continue
        out = clustered_change(paired[f"{key}_pre"], paired[f"{key}_post"], paired["couple_id"])
        out.insert(0, "measure", label.split(",")[0])
        frames.append(out)
    table = pd.concat(frames, ignore_index=True)
    table["significant"] = table["p"] < alpha
    per_measure = table.groupby("measure", sort=False)["significant"].nunique()
    sizes = paired["couple_id"].value_counts()
    return CoupleSensitivity(
        table=table, parents=int(len(paired)), couples=int(len(sizes)),
        couples_both=int((sizes > 1).sum()), changed=per_measure[per_measure > 1].index.tolist(),
        alpha=alpha)


def criteria_gt(criteria: ReliableChangeCriteria) -> "GT":
    """The criteria table: threshold in points and the count in each category, per criterion.

    The number of parents, the same under every criterion, is stated in the note rather than as
    a column of identical values.
    """
    from great_tables import GT

    shown = criteria.table.drop(columns="n").copy()
    shown["threshold"] = [number(v) for v in shown["threshold"]]
    labels = {"criterion": "Criterion", "threshold": "Threshold (points)"}
    labels.update({c: c[:1].upper() + c[1:] for c in CHANGE_CATEGORIES})
    parents = int(criteria.table["n"].iloc[0])
    return (GT(shown).cols_label(cases=labels)
            .cols_align(align="right", columns=["threshold", *CHANGE_CATEGORIES])
            .tab_source_note(
                f"Counts of parents ({integer(parents)} under each criterion). Jacobson–Truax "
                f"threshold = 1.96 × SD × √2 × √(1 − r), with SD "
                f"{number(criteria.intake_sd, DECIMALS['sd'])} (CORE-10 at intake) and r = "
                f"{number(criteria.reliability)}. A change exactly equal to a threshold counts as "
                "reliable."))


def couple_gt(sensitivity: CoupleSensitivity) -> "GT":
    """Each outcome's mean change three ways, with its 95% interval and p (differences and their
    intervals to the decimals of a difference in the display policy)."""
    from great_tables import GT

    t = sensitivity.table
    shown = pd.DataFrame({
        "measure": t["measure"], "analysis": t["analysis"].map(_ANALYSIS_LABELS),
        "units": [integer(v) for v in t["units"]],
        "difference": [number(v, DECIMALS["difference"]) for v in t["diff_mean"]],
        "interval": [ci(lo, hi, DECIMALS["difference"]).removeprefix("95% CI ")
                     for lo, hi in zip(t["ci_low"], t["ci_high"])],
        "p": [apa_p(v).removeprefix("p ").removeprefix("= ") for v in t["p"]],
    })
    return (GT(shown, groupname_col="measure")
            .cols_label(cases={"analysis": "Analysis", "units": "Units", "difference":
                               "Difference (pre − post)", "interval": "95% CI", "p": "p"})
            .cols_align(align="right", columns=["units", "difference", "interval", "p"])
            .tab_source_note("Units are parents, or couples for the couple means. The "
                             "cluster-robust row keeps every parent but lets partners' answers "
                             "be correlated (t with one fewer degree of freedom than couples)."))


_ANALYSIS_LABELS = {"every person": "Every parent (as in the main table)",
                    "cluster means": "One row per couple (partners averaged)",
                    "cluster-robust": "Every parent, couple-clustered standard error"}


def criteria_sentence(criteria: ReliableChangeCriteria) -> str:
    """How the counts move when the Jacobson–Truax threshold replaces the report's, in words.

    The comparative ("higher", "lower") and the verbs come from the numbers; a parent count of
    one reads in the singular.
    """
    report, jt = criteria.report_threshold, criteria.jt_threshold
    r_rec = criteria.count(REPORT_CRITERION, "recovered")
    j_rec = criteria.count(JT_CRITERION, "recovered")
    r_det = criteria.count(REPORT_CRITERION, "reliably deteriorated")
    j_det = criteria.count(JT_CRITERION, "reliably deteriorated")
    if round(jt, 9) == report:
        return "The two thresholds coincide, so the categories are the same under both."
    counts = (f"recovered {integer(r_rec)} under the report's rule and {integer(j_rec)} under "
              f"Jacobson–Truax; reliably deteriorated {integer(r_det)} and {integer(j_det)}")
    if jt > report:
        at = criteria.n_at_report_threshold
        if at == 0:
            middle = f"no parent changed by exactly {integer(report)} points, so none counts"
        elif at == 1:
            middle = (f"the one parent whose score changed by exactly {integer(report)} points "
                      "counts")
        else:
            middle = (f"the {number_word(at)} parents whose score changed by exactly "
                      f"{integer(report)} points count")
        middle += " as reliably changed only under the report's rule"
    else:
        middle = (f"changes of {number(jt)} points or more but under {integer(report)} count as "
                  "reliable only under Jacobson–Truax")
    side = "above" if jt > report else "below"
    return (f"The Jacobson–Truax threshold is {number(jt)} points, {side} the report's "
            f"{integer(report)}: {middle}. Counts: {counts}.")


def couple_sentence(sensitivity: CoupleSensitivity) -> str:
    """Whether the conclusions at the 5% level survive the couple analyses, in words (0/1/many).

    >>> s = CoupleSensitivity(pd.DataFrame(), 17, 15, 2, [], 0.05)
    >>> couple_sentence(s)
    'Every outcome keeps its conclusion at the 5% level under all three analyses.'
    >>> couple_sentence(CoupleSensitivity(pd.DataFrame(), 17, 15, 2, ["Arguments"], 0.05))
    'Arguments is the one outcome whose conclusion at the 5% level depends on the analysis.'
    >>> couple_sentence(CoupleSensitivity(pd.DataFrame(), 17, 15, 2, ["Risk", "Arguments"], 0.05))
    'Risk and Arguments are the two outcomes whose conclusion at the 5% level depends on the analysis.'
    """
    level = f"{number(100 * sensitivity.alpha, 0)}% level"
    changed = sensitivity.changed
    if not changed:
        return f"Every outcome keeps its conclusion at the {level} under all three analyses."
    if len(changed) == 1:
        return (f"{changed[0]} is the one outcome whose conclusion at the {level} depends on "
                "the analysis.")
    return (f"{join_words(changed)} are the {number_word(len(changed))} outcomes whose "
            f"conclusion at the {level} depends on the analysis.")


def regression_sentence(distressed_fall: float, everyone_fall: float) -> str:
    """A caution about regression to the mean, worded from the two mean falls (points).

    The comparison is made at the printed precision of a difference
    (:func:`helpers.words.compare_word`); the sentence follows one that reports the two falls.

    >>> regression_sentence(7.67, 4.35).startswith("Part of that difference")
    True
    >>> regression_sentence(4.31, 4.35).startswith("Regression to the mean alone")
    True
    """
    word = compare_word(round_half_up(distressed_fall, DECIMALS["difference"]),
                        round_half_up(everyone_fall, DECIMALS["difference"]),
                        decimals=DECIMALS["difference"],
                        more="larger", less="smaller", same="same")
    if word == "larger":
        return ("Part of that difference is expected without any therapy: people picked out "
                "because they scored high on one occasion tend to score nearer the average on "
                "the next (regression to the mean), so the subgroup's larger change may overstate "
                "what the therapy did for them.")
    return ("Regression to the mean alone would make the fall of parents picked out for high "
            "scores larger, so this subgroup gives no sign of a bigger benefit for the more "
            "distressed.")
