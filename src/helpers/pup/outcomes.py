"""Quantitative outcomes of Parenting Under Pressure: the report's Table 1 and what it lacked.

The functions take plain frames so that they work on any data source of the same shape:

* ``paired`` — one row per consented parent with both questionnaires; columns ``gender``
  (``"female"``/``"male"``/missing) and ``<key>_pre``, ``<key>_post`` for each outcome key
  (``core10``, ``risk``, ``csi4``, ``arguments``), in score points;
* ``intake`` — one row per consented parent with an intake questionnaire; columns ``core10``,
  ``csi4`` and ``completed`` (True when the parent also has a post questionnaire).

Conventions: differences are pre − post (positive = improvement on CORE-10, risk and arguments;
negative = improvement on CSI-4, where higher is better). "Distressed at intake" means a CORE-10
intake score in the clinical range (11 or more, :data:`helpers.pup.instruments.CORE10`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from helpers.published import published
from helpers.pup.data import load_pup
from helpers.pup.instruments import (
    CORE10,
    CORE10_RELIABLE_CHANGE,
    CSI4,
)
from helpers.pup.sessions import SessionsSummary, sessions_summary
from helpers.stats.change import classify_change
from helpers.stats.multiplicity import adjust_pvalues
from helpers.stats.paired import PairedResult, paired_comparison

__all__ = [
    "OutcomeFrames",
    "outcome_frames",
    "TABLE1_ROWS",
    "table1_group",
    "published_table1",
    "paired_outcomes",
    "core10_change",
    "FamilySignificance",
    "family_significance",
    "ChangeFacts",
    "change_facts",
    "IntakeSummary",
    "intake_summary",
    "completer_comparison",
    "completion_counts",
]

@dataclass(frozen=True)
class OutcomeFrames:
    """The two frames the outcome chapter analyses, and what consent removed.

    ``paired`` and ``intake`` are as described in the module docstring (consented records only);
    ``n_excluded_intake`` / ``n_excluded_post`` count questionnaires set aside for lack of consent.
    """

    paired: pd.DataFrame
    intake: pd.DataFrame
    n_excluded_intake: int
    n_excluded_post: int


def outcome_frames(folder: Path | None = None) -> OutcomeFrames:
    """Load, validate and consent-filter the evaluation's data (see :func:`helpers.pup.data.load_pup`)."""
    analysis = load_pup(folder).analysis()
    return OutcomeFrames(
        paired=analysis.paired(), intake=analysis.intake(),
        n_excluded_intake=analysis.excluded["questionnaires_intake"],
        n_excluded_post=analysis.excluded["questionnaires_post"],
    )


#: Rows of the report's Table 1: (outcome key, group, display label).
TABLE1_ROWS: tuple[tuple[str, str, str], ...] = (
    ("core10", "all", "CORE-10, everyone"),
    ("core10", "distressed", "CORE-10, distressed at intake"),
    ("core10", "male", "CORE-10, fathers"),
    ("core10", "female", "CORE-10, mothers"),
    ("risk", "all", "Risk, everyone"),
    ("csi4", "all", "CSI-4, everyone"),
    ("arguments", "all", "Arguments, everyone"),
)


def published_table1() -> pd.DataFrame:
    """The report's printed Table 1, indexed by (key, group) with the groups named as in
    :data:`TABLE1_ROWS`: columns n, pre_mean, pre_sd, post_mean, post_sd, diff_mean, diff_sd, t,
    df, p. For showing printed values beside reproduced ones; nothing is computed from it.
    """
    names = {"all": "all", "clinically_distressed_at_intake": "distressed", "men": "male",
             "women": "female"}
    rows = []
    for row in published("parenting-under-pressure")["table_1_paired"]:
        rows.append({
            "key": {"argument": "arguments"}.get(row["measure"], row["measure"]), "group": names[row["group"]], "n": row["n"],
            "pre_mean": row["pre"][0], "pre_sd": row["pre"][1], "post_mean": row["post"][0],
            "post_sd": row["post"][1], "diff_mean": row["diff"][0], "diff_sd": row["diff"][1],
            "t": row["t"], "df": row["df"], "p": row["p"],
        })
    return pd.DataFrame(rows).set_index(["key", "group"])


def table1_group(paired: pd.DataFrame, group: str) -> pd.DataFrame:
    """Rows of ``paired`` in one group of :data:`TABLE1_ROWS`: ``all``, ``distressed`` (CORE-10 at
    intake of 11 or more), ``female`` or ``male`` (gender as answered on the questionnaire)."""
    if group == "all":
        return paired
    if group == "distressed":
        return paired[paired["core10_pre"] >= CORE10.cutoff]
    if group in {"female", "male"}:
        return paired[paired["gender"] == group]
    raise KeyError(f"unknown group {group!r}")


def paired_outcomes(paired: pd.DataFrame) -> pd.DataFrame:
    """One row per Table 1 comparison, with every column of :meth:`PairedResult.to_frame`.

    Extra columns: ``measure`` (display label), ``key``, ``group``, ``result`` (the PairedResult)
    and ``p_holm`` — Holm-adjusted p across the family of the four outcomes measured on everyone
    (CORE-10, risk, CSI-4, arguments); subgroup rows are exploratory and get no adjusted p (NaN).
    """
    rows = []
    results: list[PairedResult] = []
    for key, group, label in TABLE1_ROWS:
        subset = table1_group(paired, group)
        result = paired_comparison(subset[f"{key}_pre"], subset[f"{key}_post"], label=label)
        results.append(result)
        frame = result.to_frame()
        frame.insert(0, "measure", label)
        frame["key"], frame["group"] = key, group
        rows.append(frame)
    out = pd.concat(rows, ignore_index=True)
    out["result"] = results
    family = out["group"].eq("all")
    out["p_holm"] = np.nan
    out.loc[family, "p_holm"] = adjust_pvalues(out.loc[family, "p"].to_numpy(), method="holm")
    return out


def core10_change(paired: pd.DataFrame) -> pd.Series:
    """Jacobson–Truax category of each parent's CORE-10 change (cut-off 11, reliable change 6 points)."""
    return classify_change(
        paired["core10_pre"], paired["core10_post"], cutoff=CORE10.cutoff,
        reliable_change=CORE10_RELIABLE_CHANGE, higher_is="worse", clinical_if="at_or_above",
    )


@dataclass(frozen=True)
class FamilySignificance:
    """How many outcomes of the family (the four measured on everyone) fall below ``alpha``.

    Attributes
    ----------
    n_outcomes : int
        Outcomes in the family (rows of :func:`paired_outcomes` with group ``"all"``).
    n_raw, n_holm : int
        Outcomes with p below ``alpha`` before and after Holm's adjustment.
    alpha : float
        The significance level (proportion, two-sided).
    """

    n_outcomes: int
    n_raw: int
    n_holm: int
    alpha: float


def family_significance(outcomes: pd.DataFrame, alpha: float = 0.05) -> FamilySignificance:
    """Count the family's outcomes significant at ``alpha`` before and after Holm's adjustment.

    ``outcomes`` is :func:`paired_outcomes` (columns ``group``, ``p``, ``p_holm``); subgroup rows
    are exploratory and not counted. A p equal to ``alpha`` does not count as below it.
    """
    family = outcomes[outcomes["group"] == "all"]
    return FamilySignificance(n_outcomes=int(len(family)),
                              n_raw=int((family["p"] < alpha).sum()),
                              n_holm=int((family["p_holm"] < alpha).sum()), alpha=alpha)


@dataclass(frozen=True)
class ChangeFacts:
    """CORE-10 change person by person, as counts of parents.

    Attributes
    ----------
    n_distressed : int
        Parents whose CORE-10 before therapy was in the clinical range (11 or more).
    n_recovered : int
        Of those, parents classed ``"recovered"`` by :func:`core10_change`.
    n_deteriorated : int
        Parents classed ``"reliably deteriorated"`` (whatever their starting score).
    recovered_sessions : SessionsSummary or None
        Sessions attended (assessment included) by the recovered parents; None when none
        recovered.
    """

    n_distressed: int
    n_recovered: int
    n_deteriorated: int
    recovered_sessions: SessionsSummary | None


def change_facts(paired: pd.DataFrame) -> ChangeFacts:
    """The counts behind the person-by-person paragraph (see :class:`ChangeFacts`).

    ``paired`` needs ``core10_pre``, ``core10_post`` and ``sessions_including_assessment``.
    """
    change = core10_change(paired)
    distressed = paired["core10_pre"] >= CORE10.cutoff
    recovered = change == "recovered"
    sessions = paired.loc[recovered, "sessions_including_assessment"]
    return ChangeFacts(
        n_distressed=int(distressed.sum()),
        n_recovered=int((recovered & distressed).sum()),
        n_deteriorated=int((change == "reliably deteriorated").sum()),
        recovered_sessions=sessions_summary(sessions, "recovered parents") if len(sessions)
        else None,
    )


@dataclass(frozen=True)
class IntakeSummary:
    """Distress and relationship satisfaction at intake (unrounded)."""

    n: int
    core10_mean: float
    core10_sd: float
    core10_clinical: int  # CORE-10 of 11 or more
    csi4_n: int
    csi4_mean: float
    csi4_sd: float
    csi4_dissatisfied: int  # CSI-4 below 13.5


def intake_summary(intake: pd.DataFrame) -> IntakeSummary:
    """Means, SDs and cut-off counts of CORE-10 and CSI-4 at intake.

    Missing scores are not allowed here (they would change the denominator silently): a missing
    value raises ``ValueError``.
    """
    for col in ("core10", "csi4"):
        if intake[col].isna().any():
            raise ValueError(f"intake has {int(intake[col].isna().sum())} missing {col} score(s)")
    core, csi = intake["core10"].astype(float), intake["csi4"].astype(float)
    return IntakeSummary(
        n=len(core), core10_mean=core.mean(), core10_sd=core.std(ddof=1),
        core10_clinical=int((core >= CORE10.cutoff).sum()),
        csi4_n=len(csi), csi4_mean=csi.mean(), csi4_sd=csi.std(ddof=1),
        csi4_dissatisfied=int((csi < CSI4.cutoff).sum()),
    )


def completer_comparison(intake: pd.DataFrame) -> pd.DataFrame:
    """Intake scores of parents who did and did not return a post questionnaire.

    One row per measure (CORE-10, CSI-4) with n, mean and SD of each group, the difference
    completers − non-completers, its Welch 95% CI, Welch's t, df and two-sided p
    (:func:`scipy.stats.ttest_ind` with ``equal_var=False``), and Hedges' g (pooled SD, small-
    sample corrected) as a standardised size of the difference.
    """
    done = intake["completed"].astype(bool)
    rows = []
    for instrument in (CORE10, CSI4):
        a = intake.loc[done, instrument.key].astype(float).to_numpy()
        b = intake.loc[~done, instrument.key].astype(float).to_numpy()
        test = stats.ttest_ind(a, b, equal_var=False)
        low, high = test.confidence_interval(0.95)
        n1, n2 = len(a), len(b)
        pooled = np.sqrt(((n1 - 1) * a.var(ddof=1) + (n2 - 1) * b.var(ddof=1)) / (n1 + n2 - 2))
        correction = 1 - 3 / (4 * (n1 + n2) - 9)  # Hedges (1981) small-sample factor
        rows.append({
            "measure": instrument.name, "n_completed": n1, "mean_completed": a.mean(),
            "sd_completed": a.std(ddof=1), "n_not_completed": n2, "mean_not_completed": b.mean(),
            "sd_not_completed": b.std(ddof=1), "difference": a.mean() - b.mean(),
            "ci_low": low, "ci_high": high, "t": test.statistic, "df": test.df, "p": test.pvalue,
            "hedges_g": (a.mean() - b.mean()) / pooled * correction,
        })
    return pd.DataFrame(rows)


def completion_counts(intake: pd.DataFrame) -> tuple[int, int]:
    """``(completed, at_intake)``: consenting parents at intake who also returned a post-therapy
    questionnaire, and all consenting parents at intake (for :func:`helpers.formatting.pct`).

    >>> completion_counts(pd.DataFrame({"completed": [True, False, True]}))
    (2, 3)
    """
    done = intake["completed"].astype(bool)
    return int(done.sum()), int(len(done))
