"""Parenting Under Pressure: the numbers the lessons chapter rests on.

When couples were referred against the funded year (:func:`referral_timeline`), who referred them
(:func:`referral_sources`, :data:`PUP_REFERRAL_SOURCES`), both in one table (:func:`referral_gt`),
the few facts the prose reads from them (:func:`referral_facts`) and their sentences
(:func:`late_referrals_text`, :func:`sources_sentence`); the sample a future study would need to
detect a fall in CORE-10 chosen in advance (:func:`sample_plan`). The chapter's other facts are
gathered in :mod:`helpers.pup.lesson_facts`.

Conventions: counts are couples; percentages are 0-100 of the stated denominator; dates are
calendar dates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.errors import require_columns
from helpers.formatting import pct, percent
from helpers.pup.instruments import CORE10_RELIABLE_CHANGE
from helpers.stats.power import (
    PLANNING_ALPHA,
    PLANNING_POWER,
    entrants_needed,
    pairs_for_difference,
)
from helpers.words import count_of, count_phrase, join_words, number_word

__all__ = [
    "ReferralTimeline",
    "referral_timeline",
    "referral_sources",
    "PUP_REFERRAL_SOURCES",
    "PUP_REFERRED_BY",
    "referral_gt",
    "ReferralFacts",
    "referral_facts",
    "late_referrals_text",
    "sources_sentence",
    "PLANNED_DIFFERENCES",
    "SamplePlan",
    "sample_plan",
]


@dataclass(frozen=True)
class ReferralTimeline:
    """When couples were referred, against the funded period.

    Attributes
    ----------
    start, end : Timestamp
        First and last day of the funded period.
    first_referral, last_referral : Timestamp
        Dates of the first and last referral received.
    by_quarter : DataFrame
        ``quarter`` (1-4, quarters of the funded period counted from ``start``), ``referred``,
        ``offered`` (couples).
    weeks_left_after_last : int
        Whole weeks from the last referral to ``end``.
    """

    start: pd.Timestamp
    end: pd.Timestamp
    first_referral: pd.Timestamp
    last_referral: pd.Timestamp
    by_quarter: pd.DataFrame
    weeks_left_after_last: int

    @property
    def days_to_first(self) -> int:
        """Days from the start of the funded period to the first referral."""
        return int((self.first_referral - self.start).days)


def referral_timeline(couples: pd.DataFrame, start: str | pd.Timestamp, end: str | pd.Timestamp
                      ) -> ReferralTimeline:
    """Referrals and offers per quarter of the funded period (``couples`` table of the loader).

    Quarters are three-month blocks counted from ``start`` (quarter 1 = its first three months).
    A referral outside [start, end] is an error, not silently dropped.
    """
    require_columns(couples, ["couple_id", "referral_date", "screening_outcome"], "referral_timeline")
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    dates = couples["referral_date"]
    outside = (dates < start) | (dates > end)
    if outside.any():
        raise ValueError(f"referral_timeline: referrals outside {start.date()}–{end.date()}: "
                         f"{couples.loc[outside, 'couple_id'].tolist()}")
    months = (dates.dt.year - start.year) * 12 + (dates.dt.month - start.month)
    quarter = months // 3 + 1
    n_quarters = int(((end.year - start.year) * 12 + end.month - start.month) // 3 + 1)
    offered = couples["screening_outcome"].eq("offered")
    by_quarter = pd.DataFrame({
        "quarter": range(1, n_quarters + 1),
        "referred": quarter.value_counts().reindex(range(1, n_quarters + 1), fill_value=0)
        .to_numpy(),
        "offered": quarter[offered].value_counts().reindex(range(1, n_quarters + 1),
                                                           fill_value=0).to_numpy(),
    })
    last = dates.max()
    return ReferralTimeline(start=start, end=end, first_referral=dates.min(), last_referral=last,
                            by_quarter=by_quarter, weeks_left_after_last=int((end - last).days // 7))


def referral_sources(couples: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """Couples referred and offered a place, by referral source, most referrals first.

    Returns columns ``source`` (code), ``label``, ``referred``, ``offered``, ``percent`` (offered
    as 0-100 of referred). Sources in ``labels`` with no referral are kept with zeros (percent
    NaN); a source not in ``labels`` is an error.
    """
    require_columns(couples, ["referral_source", "screening_outcome"], "referral_sources")
    unknown = sorted(set(couples["referral_source"].dropna()) - set(labels))
    if unknown:
        raise ValueError(f"referral_sources: sources without a label: {unknown}")
    referred = couples["referral_source"].value_counts().reindex(list(labels), fill_value=0)
    offered = couples.loc[couples["screening_outcome"] == "offered", "referral_source"] \
        .value_counts().reindex(list(labels), fill_value=0)
    out = pd.DataFrame({"source": list(labels), "label": list(labels.values()),
                        "referred": referred.to_numpy().astype("int64"),
                        "offered": offered.to_numpy().astype("int64")})
    out["percent"] = np.where(out["referred"] > 0,
                              100.0 * out["offered"] / out["referred"].where(out["referred"] > 0),
                              np.nan)
    out["_order"] = range(len(out))
    out = out.sort_values(["referred", "_order"], ascending=[False, True], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


#: Display labels of the couples table's referral sources (codes: helpers.pup.data.COUPLES).
PUP_REFERRAL_SOURCES: dict[str, str] = {
    "social_worker": "Children's Services social worker",
    "early_support": "Early support worker",
    "camhs": "Child and adolescent mental health service",
    "school": "School",
    "other": "Other",
}

#: How prose names each referral source after "came from" (codes as above).
PUP_REFERRED_BY: dict[str, str] = {
    "social_worker": "a Children's Services social worker",
    "early_support": "an early support worker",
    "camhs": "a child and adolescent mental health service",
    "school": "a school",
    "other": "another route",
}


def referral_gt(timeline: ReferralTimeline, sources: pd.DataFrame):
    """Two-part great_tables table: couples referred and offered by quarter, then by source."""
    from great_tables import GT

    quarters = timeline.by_quarter
    start = timeline.start
    names = [f"Quarter {q} ({(start + pd.DateOffset(months=3 * (q - 1))).strftime('%b %Y')}"
             f"–{(start + pd.DateOffset(months=3 * q - 1)).strftime('%b %Y')})"
             for q in quarters["quarter"]]
    rows = pd.concat([
        pd.DataFrame({"group": "When the couple was referred", "category": names,
                      "referred": quarters["referred"], "offered": quarters["offered"]}),
        pd.DataFrame({"group": "Who referred the couple", "category": sources["label"],
                      "referred": sources["referred"], "offered": sources["offered"]}),
    ], ignore_index=True)
    rows = rows[rows["referred"] > 0].reset_index(drop=True)
    rows["offered_text"] = [pct(int(k), int(n)) for k, n in
                            zip(rows["offered"], rows["referred"], strict=True)]
    return (GT(rows[["group", "category", "referred", "offered_text"]], groupname_col="group")
            .cols_label(cases={"category": "", "referred": "Couples referred",
                               "offered_text": "Offered a place"})
            .cols_align(align="right", columns=["referred", "offered_text"])
            .tab_source_note("Offered a place: couples the screening panel offered the "
                             "intervention, of those referred in that row. Quarters are counted "
                             "from the start of the funded year."))


@dataclass(frozen=True)
class ReferralFacts:
    """What the recommendation on set-up time and on referral routes reads (counts of couples).

    Attributes
    ----------
    referred : int
        Couples referred over the whole funded period.
    last_quarter_referred, last_quarter_offered : int
        Couples referred in the final quarter, and of them those offered a place.
    n_sources : int
        Kinds of referrer that referred at least one couple.
    main_source : str
        Label of the source with the most referrals (first in :func:`referral_sources` order).
    main_source_referred : int
        Couples that source referred.
    """

    referred: int
    last_quarter_referred: int
    last_quarter_offered: int
    n_sources: int
    main_source: str
    main_source_referred: int


def referral_facts(timeline: ReferralTimeline, sources: pd.DataFrame) -> ReferralFacts:
    """Read :class:`ReferralFacts` off :func:`referral_timeline` and :func:`referral_sources`.

    Raises ``ValueError`` when the two disagree on the number of couples referred (they must
    describe the same couples) or when nobody was referred.
    """
    quarters = timeline.by_quarter
    referred = int(quarters["referred"].sum())
    if referred != int(sources["referred"].sum()):
        raise ValueError(f"referral_facts: {referred} couples by quarter but "
                         f"{int(sources['referred'].sum())} by source")
    if referred == 0:
        raise ValueError("referral_facts: no couple was referred")
    last, main = quarters.iloc[-1], sources.iloc[0]
    return ReferralFacts(
        referred=referred,
        last_quarter_referred=int(last["referred"]),
        last_quarter_offered=int(last["offered"]),
        n_sources=int((sources["referred"] > 0).sum()),
        main_source=str(main["label"]),
        main_source_referred=int(main["referred"]),
    )


#: Falls in CORE-10 (points) a future study should be able to detect, decided before looking at
#: the results: the reliable-change threshold for one person, and half of it. No minimal important
#: difference for a group's mean CORE-10 is published in the sources, so these are planning
#: assumptions, stated as such in the chapter and the caveats.
PLANNED_DIFFERENCES: tuple[float, ...] = (CORE10_RELIABLE_CHANGE / 2, float(CORE10_RELIABLE_CHANGE))


@dataclass(frozen=True)
class SamplePlan:
    """Parents needed for a future pre/post study of CORE-10.

    Attributes
    ----------
    sd_differences : float
        SD of the observed pre − post CORE-10 differences (points), the planning SD.
    differences : tuple of float
        The falls to detect, in points (:data:`PLANNED_DIFFERENCES`).
    pairs : tuple of int
        Parents with both questionnaires needed for each difference (paired t, two-sided).
    entrants : tuple of int
        Parents who would have to enter therapy for that many pairs, at the observed yield.
    power, alpha : float
        Planning power and two-sided significance level (proportions).
    """

    sd_differences: float
    differences: tuple[float, ...]
    pairs: tuple[int, ...]
    entrants: tuple[int, ...]
    power: float
    alpha: float


def sample_plan(sd_differences: float, pairs_observed: int, entered_observed: int,
                differences: tuple[float, ...] = PLANNED_DIFFERENCES) -> SamplePlan:
    """Pairs and entrants needed to detect each planned fall (see :class:`SamplePlan`).

    >>> plan = sample_plan(6.0, 17, 40, differences=(3.0,))
    >>> plan.pairs, plan.entrants
    ((34,), (80,))
    """
    pairs = tuple(pairs_for_difference(d, sd_differences) for d in differences)
    entrants = tuple(entrants_needed(n, pairs_observed, entered_observed) for n in pairs)
    return SamplePlan(sd_differences=float(sd_differences), differences=tuple(differences),
                      pairs=pairs, entrants=entrants, power=PLANNING_POWER, alpha=PLANNING_ALPHA)


def late_referrals_text(facts: ReferralFacts, weeks_left: int) -> str:
    """Referrals in the final quarter and the funding left after the last (a clause, no capital).

    >>> f = ReferralFacts(71, 8, 3, 4, "Social worker", 32)
    >>> late_referrals_text(f, 7)
    'eight of the 71 referrals (11%) came in the final quarter, three of them offered a place, and the last arrived with seven weeks of funding left'
    >>> late_referrals_text(ReferralFacts(10, 0, 0, 1, "School", 10), 1)
    'no couple was referred in the final quarter, and the last referral arrived with one week of funding left'
    >>> late_referrals_text(ReferralFacts(10, 1, 1, 1, "School", 10), 2).split(", and")[0]
    'one of the 10 referrals (10%) came in the final quarter, offered a place'
    """
    k, offered, total = facts.last_quarter_referred, facts.last_quarter_offered, facts.referred
    weeks = f"{count_phrase(weeks_left, 'week')} of funding left"
    if k == 0:
        return f"no couple was referred in the final quarter, and the last referral arrived with {weeks}"
    if k == 1:
        fate = "offered a place" if offered else "not offered a place"
    elif offered == k:
        fate = "all of them offered a place"
    else:
        fate = f"{'none' if offered == 0 else number_word(offered)} of them offered a place"
    return (f"{count_of(k, total, 'referral')} ({percent(100 * k / total)}) came in the final "
            f"quarter, {fate}, and the last arrived with {weeks}")


def sources_sentence(sources: pd.DataFrame, by: Mapping[str, str] = PUP_REFERRED_BY) -> str:
    """Kinds of referrer that referred couples, and which referred the most.

    ``sources`` is :func:`referral_sources` output (``source``, ``referred``); ``by`` names each
    source after "came from".

    >>> s = pd.DataFrame({"source": ["school", "other", "camhs"], "referred": [5, 2, 0]})
    >>> sources_sentence(s)
    'Referrals came from two kinds of referrer; the largest share, 5 of 7 (71%), came from a school.'
    >>> sources_sentence(s.assign(referred=[3, 3, 0]))
    'Referrals came from two kinds of referrer; the largest shares, 3 of 6 (50%) each, came from a school and from another route.'
    >>> sources_sentence(s.assign(referred=[4, 0, 0]))
    'Every referral came from a school.'
    """
    used = sources[sources["referred"] > 0]
    if used.empty:
        raise ValueError("sources_sentence: no couple was referred")
    if len(used) == 1:
        return f"Every referral came from {by[used['source'].iloc[0]]}."
    total, most = int(used["referred"].sum()), int(used["referred"].max())
    top = [by[code] for code in used.loc[used["referred"] == most, "source"]]
    kinds = f"Referrals came from {count_phrase(len(used), 'kind of referrer')}"
    if len(top) == 1:
        return f"{kinds}; the largest share, {pct(most, total)}, came from {top[0]}."
    return (f"{kinds}; the largest shares, {pct(most, total)} each, came from "
            f"{join_words(top, conjunction='and from')}.")
