"""Sessions attended by the parents of Parenting Under Pressure (chapter "Who took part").

Who the summaries describe (:func:`session_groups`), the summaries themselves
(:func:`sessions_summary`, :func:`sessions_summaries`), their table (:func:`sessions_gt`) and how
many parents had the planned number of sessions (:func:`planned_dose_count`); the chapter's
sentences in :func:`sessions_facts`.

Conventions: sessions are counts of sessions attended, with or without the assessment sessions;
SDs are sample SDs (``ddof=1``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from great_tables import GT

from helpers.formatting import DECIMALS, integer, number, round_half_up
from helpers.pup.analysis import PupAnalysis
from helpers.pup.methods import EN_DASH, PROGRAMME, ProgrammePlan
from helpers.words import compare_word, count_phrase

__all__ = [
    "SessionsSummary",
    "sessions_summary",
    "sessions_gt",
    "sessions_phrase",
    "sessions_comparison",
    "SessionGroups",
    "session_groups",
    "sessions_summaries",
    "planned_dose_count",
    "SessionsFacts",
    "sessions_facts",
]


@dataclass(frozen=True)
class SessionsSummary:
    """Number of sessions attended by one group of parents.

    Attributes
    ----------
    label : str
        Who the group is, e.g. ``"parents with an intake questionnaire, assessment included"``.
    n : int
        Parents in the group.
    minimum, maximum : int
        Fewest and most sessions (count of sessions).
    mean, sd : float
        Mean and sample SD (``ddof=1``; NaN when n = 1) of the session counts, unrounded.
    median, q1, q3 : float
        Median and quartiles (linear interpolation between order statistics, R's default type
        7); the interquartile range (IQR) runs from ``q1`` to ``q3``. Session counts are skewed,
        so the median and IQR describe them better than the mean and SD.
    """

    label: str
    n: int
    minimum: int
    maximum: int
    mean: float
    sd: float
    median: float
    q1: float
    q3: float


def sessions_summary(sessions: pd.Series, label: str = "") -> SessionsSummary:
    """Summarise session counts (one value per parent).

    Parameters
    ----------
    sessions : Series
        Whole numbers ≥ 0, one per parent; the index identifies the parent in error messages.
    label : str
        Carried into the result.

    Raises
    ------
    ValueError
        A missing, negative or fractional count (naming its index), or an empty series: a parent
        without a count is never dropped silently.
    """
    if len(sessions) == 0:
        raise ValueError(f"sessions_summary({label!r}): no parents to summarise")
    values = pd.to_numeric(sessions, errors="coerce")
    bad = values.isna() | (values < 0) | (values % 1 != 0)
    if bad.any():
        where = sessions.index[bad.to_numpy()][0]
        raise ValueError(f"sessions_summary({label!r}): session count {sessions.loc[where]!r} at "
                         f"index {where!r} is missing or not a whole number ≥ 0 "
                         f"({int(bad.sum())} such value(s))")
    values = values.astype("float64")
    n = int(len(values))
    return SessionsSummary(
        label=label,
        n=n,
        minimum=int(values.min()),
        maximum=int(values.max()),
        mean=float(values.mean()),
        sd=float(values.std(ddof=1)) if n > 1 else float("nan"),
        median=float(values.median()),
        q1=float(values.quantile(0.25)),
        q3=float(values.quantile(0.75)),
    )


def sessions_gt(summaries: Sequence[SessionsSummary], source_note: str | None = None) -> GT:
    """Table of :class:`SessionsSummary` rows: group, n, range, median (IQR) and mean (SD).

    Medians, quartiles, means and SDs have the decimals of a mean in the display policy
    (:data:`helpers.formatting.DECIMALS`), rounded half up; an SD that cannot be computed (one
    parent) shows the table's dash.
    """
    if not summaries:
        raise ValueError("sessions_gt: no summaries")
    m = DECIMALS["mean"]
    data = pd.DataFrame({
        "group": [s.label for s in summaries],
        "n": [integer(s.n) for s in summaries],
        "range": [f"{s.minimum}{EN_DASH}{s.maximum}" for s in summaries],
        "median": [f"{number(s.median, m)} ({number(s.q1, m)}{EN_DASH}{number(s.q3, m)})"
                   for s in summaries],
        "mean": [f"{number(s.mean, m)} ({EN_DASH if math.isnan(s.sd) else number(s.sd, m)})"
                 for s in summaries],
    })
    gt = (
        GT(data)
        .cols_label(cases={"group": "Parents", "n": "n", "range": "Range",
                           "median": "Median (IQR)", "mean": "Mean (SD)"})
        .cols_align(align="right", columns=["n", "range", "median", "mean"])
        .tab_source_note("Sessions are counts of sessions attended. IQR = interquartile range, "
                         "the middle half of the parents; SD = sample standard deviation.")
    )
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt


def sessions_phrase(summary: SessionsSummary) -> str:
    """How many sessions a group attended, as a predicate: range, median and IQR.

    Numbers follow the display policy (median and quartiles to one decimal).

    >>> sessions_phrase(sessions_summary(pd.Series([1, 4, 4, 7])))
    'ranged from 1 to 7, with a median of 4.0 (IQR 3.3 to 4.8)'
    >>> sessions_phrase(sessions_summary(pd.Series([5, 5])))
    'was 5 for every parent'
    >>> sessions_phrase(sessions_summary(pd.Series([3])))
    'was 3'
    """
    s, m = summary, DECIMALS["mean"]
    if s.n == 1:
        return f"was {integer(s.minimum)}"
    if s.minimum == s.maximum:
        return f"was {integer(s.minimum)} for every parent"
    return (f"ranged from {integer(s.minimum)} to {integer(s.maximum)}, with a median of "
            f"{number(s.median, m)} (IQR {number(s.q1, m)} to {number(s.q3, m)})")


def sessions_comparison(group: SessionsSummary, reference: SessionsSummary) -> str:
    """"more", "fewer" or "as many": ``group``'s median sessions against ``reference``'s, judged
    at the printed precision (:func:`helpers.words.compare_word`).

    >>> a, b = sessions_summary(pd.Series([8, 9])), sessions_summary(pd.Series([2, 5]))
    >>> sessions_comparison(a, b), sessions_comparison(b, a), sessions_comparison(a, a)
    ('more', 'fewer', 'as many')
    """
    return compare_word(round_half_up(group.median, DECIMALS["mean"]),
                        round_half_up(reference.median, DECIMALS["mean"]), decimals=DECIMALS["mean"], more="more",
                        less="fewer", same="as many")


@dataclass(frozen=True)
class SessionGroups:
    """Who the session summaries describe (parent ids), computed from the records."""

    intake: pd.DataFrame
    post: pd.DataFrame
    pre_post_consented: pd.DataFrame


def session_groups(view: PupAnalysis) -> SessionGroups:
    """Parents (rows of ``view.parents``) with an intake form, with a post form, and consenting
    parents with both forms (the pre/post analysis sample: those whose post questionnaire is in
    the consent-filtered ``view.questionnaires``)."""
    p = view.parents
    entered = p[p["entered"].astype(bool)]
    forms = view.forms
    has = {f: set(forms.loc[forms["form"] == f, "parent_id"]) for f in ("intake", "post")}
    q = view.questionnaires
    analysed = set(q.loc[q["timepoint"] == "post", "parent_id"])
    intake = entered[entered["parent_id"].isin(has["intake"])].reset_index(drop=True)
    post = intake[intake["parent_id"].isin(has["post"])].reset_index(drop=True)
    both = post[post["parent_id"].isin(analysed)].reset_index(drop=True)
    return SessionGroups(intake=intake, post=post, pre_post_consented=both)


def sessions_summaries(view: PupAnalysis) -> dict[str, SessionsSummary]:
    """Session summaries the report printed (intake group with and without assessment, post
    group with assessment), plus the post group without assessment.

    Keys: ``intake_including``, ``intake_excluding``, ``post_including``, ``post_excluding``; a
    group without parents (e.g. nobody returned the end-of-therapy questionnaire) is left out.
    """
    g = session_groups(view)
    incl, excl = "sessions_including_assessment", "sessions_excluding_assessment"
    groups = {
        "intake_including": (g.intake, incl, "Intake questionnaire, assessment sessions included"),
        "intake_excluding": (g.intake, excl, "Intake questionnaire, therapy sessions only"),
        "post_including": (g.post, incl,
                           "End-of-therapy questionnaire, assessment sessions included"),
        "post_excluding": (g.post, excl, "End-of-therapy questionnaire, therapy sessions only"),
    }
    return {key: sessions_summary(frame.set_index("parent_id")[col], label)
            for key, (frame, col, label) in groups.items() if len(frame)}


def planned_dose_count(view: PupAnalysis, plan: ProgrammePlan = PROGRAMME) -> tuple[int, int]:
    """How many consenting pre/post parents had the planned number of therapy sessions.

    Returns
    -------
    (count, denominator)
        Parents whose sessions after assessment lie in ``plan.sessions_min``–``plan.sessions_max``
        (inclusive), and the number of consenting parents with both questionnaires.
    """
    both = session_groups(view).pre_post_consented
    s = both["sessions_excluding_assessment"].astype("float64")
    if s.isna().any():
        raise ValueError("planned_dose_count: a pre/post parent has no session count")
    return int(s.between(plan.sessions_min, plan.sessions_max).sum()), int(len(both))



@dataclass(frozen=True)
class SessionsFacts:
    """What the chapter says about sessions attended, as sentences that read at 0, 1 and many.

    Attributes
    ----------
    summaries : tuple of SessionsSummary
        Rows of the sessions table (:func:`sessions_summaries`, groups with parents only).
    intake, post, dose : str
        Sessions of the parents with an intake questionnaire; of those who also returned the
        end-of-therapy one (against the intake group's median); and how many consenting parents
        with both questionnaires had the planned number of therapy sessions.
    """

    summaries: tuple[SessionsSummary, ...]
    intake: str
    post: str
    dose: str


def sessions_facts(view: PupAnalysis, plan: ProgrammePlan = PROGRAMME) -> SessionsFacts:
    """:class:`SessionsFacts` of ``view``. Needs at least one parent with an intake questionnaire
    (:func:`helpers.pup.adequacy.participants_enough` checks this)."""
    from helpers.pup.participants import share_clause

    s = sessions_summaries(view)
    s_in, s_ex = s["intake_including"], s["intake_excluding"]
    who = ("For the one parent" if s_in.n == 1
           else f"Among the {count_phrase(s_in.n, 'parent')}")
    intake = (f"{who} with an intake questionnaire, the number of sessions including assessment "
              f"{sessions_phrase(s_in)}; counting therapy sessions only, it "
              f"{sessions_phrase(s_ex)}.")
    s_post = s.get("post_including")
    if s_post is None:
        post = "No parent returned the end-of-therapy questionnaire."
    else:
        who = ("The one parent" if s_post.n == 1 else "Parents")
        post = (f"{who} who completed the end-of-therapy questionnaire had attended "
                f"{sessions_comparison(s_post, s_in)}: the number of sessions including assessment "
                f"{sessions_phrase(s_post)}.")
    k, n = planned_dose_count(view, plan)
    planned = f"The project planned {plan.sessions_text} therapy sessions after assessment"
    dose = (f"{planned}; of the consenting parents with both questionnaires, "
            f"{share_clause(k, n, 'received', 'a number of sessions in that range')}." if n else
            f"{planned}; no consenting parent returned both questionnaires, so nobody can be "
            "counted against that plan.")
    return SessionsFacts(summaries=tuple(s.values()), intake=intake, post=post, dose=dose)
