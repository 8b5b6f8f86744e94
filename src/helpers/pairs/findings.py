"""Key findings of PAIRS: the facts the summaries at the front of the book read.

:func:`pairs_findings` gathers, from the evaluation's own analysis functions, what a commissioner
reads first: what the services did and for whom, what changed (with its uncertainty), what
participants said, and what to do next. The summaries (the book's executive summary and the
part's key findings) only look fields up and format them; every interpretive word comes from
:mod:`helpers.words` (or :func:`helpers.pairs.printed.relation_to_range`) through a property or
sentence helper here, by the rules stated there.

Together Time changes are improvement-signed: a positive standardised change (d_z) is an
improvement whichever direction the measure runs (see
:func:`helpers.pairs.tt_outcomes.improvement_dz`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.formatting import number
from helpers.pairs.data import PairsData
from helpers.pairs.deprivation import imd_person_deciles, share_at_most
from helpers.pairs.derived import pip_outcomes_scored, tt_paired, tt_with_data
from helpers.pairs.engagement import engagement_facts
from helpers.pairs.lessons import referral_concentration
from helpers.pairs.pip_outcomes import pip_window_overlap
from helpers.pairs.printed import relation_to_range
from helpers.pairs.reach import reach_facts
from helpers.pairs.acceptance import acceptance
from helpers.pairs.referrals import referral_facts, referrer_table
from helpers.pairs.tt_outcomes import FamilyCounts, tt_family_counts, tt_paired_outcomes
from helpers.pairs.voices import most_raised, raised_by, theme_counts
from helpers.published import published
from helpers.stats.paired import PairedResult
from helpers.words import (
    count_of,
    effect_range_phrase,
    effect_size_word,
    interval_word,
    join_words,
    plural,
    share_word,
)

__all__ = ["DEPRIVED_DECILES", "TtChange", "PairsFindings", "pairs_findings", "family_phrase"]

#: The most deprived tenths of areas the summary counts (deciles 1 to this one).
DEPRIVED_DECILES = 3


@dataclass(frozen=True)
class TtChange:
    """One Together Time before-and-after comparison, improvement-signed.

    Attributes
    ----------
    label : str
        The measure as the chapter names it.
    result : PairedResult
        The paired comparison (differences start − end).
    dz, dz_low, dz_high : float
        d_z and its 95% interval, signed so that positive is an improvement.
    """

    label: str
    result: PairedResult
    dz: float
    dz_low: float
    dz_high: float

    @property
    def size(self) -> str:
        """Cohen's word for the change ("small", "large")."""
        return effect_size_word(self.dz)

    @property
    def range(self) -> str:
        """What the interval is consistent with ("a large improvement")."""
        return effect_range_phrase(self.dz_low, self.dz_high)

    @property
    def direction(self) -> str:
        """"improved" or "worsened" when the interval excludes zero, else "changed unclearly"."""
        return interval_word(self.dz_low, self.dz_high, above="improved", below="worsened",
                             across="changed unclearly")


@dataclass(frozen=True)
class PairsFindings:
    """The named facts behind the PAIRS summaries (counts of referrals, appointments or people
    as named; each ``(k, n)`` pair is a count and its denominator).

    Attributes
    ----------
    referred, accepted, antenatal : int
        Referrals to parent–infant psychotherapy, those accepted, and accepted ones made in
        pregnancy.
    first_referral, last_referral : Timestamp
        Dates of the first and last referral.
    main_sources : tuple of str
        The two largest sources of referrals (both midwifery groups count as one).
    main_sources_n : int
        Referrals from them together.
    appointments, attended, not_attended : int
        Psychotherapy appointments in the records, attended ones, and ones missed without notice.
    camhs_range : tuple of float
        The national CAMHS range of missed appointments the report quotes (percent).
    pip_black, pip_unknown, pip_adults : int
        Psychotherapy adults recorded as Black, Black British, Caribbean or African; with
        ethnicity not stated or blank; and all accepted adults.
    tt_white, tt_unknown, tt_adults : int
        The same for Together Time (White; unknown; all consented adults).
    pip_deprived, tt_deprived : tuple of int
        People living in the :data:`DEPRIVED_DECILES` most deprived tenths of areas in England,
        of people with a postcode record (one record per person).
    warmth, invasion, goals, prfq_total, prfq_pm : TtChange
        Together Time comparisons: MORS-SF warmth and invasion, goal ratings, the report's PRFQ
        total and the pre-mentalizing subscale scored as its authors intend.
    family : FamilyCounts
        The report's tests below ``alpha`` before and after Holm's adjustment.
    pip_clients, pip_initial_and_closing, pip_initial_and_later : int
        Psychotherapy clients with any MORS-SF record; with an initial and a closing record;
        with an initial and any later record.
    tt_paired : tuple of int
        Together Time parents with MORS-SF at both ends, of those with any data.
    parents, parent_top_n : int
        Parents interviewed or in the focus group, and how many raised the most raised theme.
    parent_top : tuple of str
        The theme(s) parents raised most (ties kept).
    stakeholders, reflective : int
        Stakeholders interviewed, and how many raised reflective supervision and consultation.
    keep_service : int
        Parents who said they wanted the service to continue.
    """

    referred: int
    accepted: int
    antenatal: int
    first_referral: pd.Timestamp
    last_referral: pd.Timestamp
    main_sources: tuple[str, ...]
    main_sources_n: int
    appointments: int
    attended: int
    not_attended: int
    camhs_range: tuple[float, float]
    pip_black: int
    pip_unknown: int
    pip_adults: int
    tt_white: int
    tt_unknown: int
    tt_adults: int
    pip_deprived: tuple[int, int]
    tt_deprived: tuple[int, int]
    warmth: TtChange
    invasion: TtChange
    goals: TtChange
    prfq_total: TtChange
    prfq_pm: TtChange
    family: FamilyCounts
    pip_clients: int
    pip_initial_and_closing: int
    pip_initial_and_later: int
    tt_paired: tuple[int, int]
    parents: int
    parent_top: tuple[str, ...]
    parent_top_n: int
    stakeholders: int
    reflective: int
    keep_service: int

    @property
    def antenatal_word(self) -> str:
        """Share word for accepted referrals made in pregnancy ("most")."""
        return share_word(self.antenatal, self.accepted)

    @property
    def prfq_total_hides_worsening(self) -> bool:
        """True when the report's PRFQ total improved while the pre-mentalizing subscale, scored
        as its authors intend, worsened (both judged by whether the interval excludes zero)."""
        return self.prfq_total.direction == "improved" and self.prfq_pm.direction == "worsened"

    @property
    def pip_mostly_unpaired(self) -> bool:
        """True when fewer than half the psychotherapy clients with a MORS-SF record have one at
        both the initial and the closing appointment."""
        return 2 * self.pip_initial_and_closing < self.pip_clients

    @property
    def parent_top_text(self) -> str:
        """The theme(s) parents raised most, as running text ("a closer bond with the baby")."""
        return join_words(list(self.parent_top), lower=True)

    @property
    def parent_top_noun(self) -> str:
        """"theme" or "themes", agreeing with :attr:`parent_top`."""
        return plural("theme", len(self.parent_top))

    @property
    def not_attended_pct(self) -> float:
        """Appointments missed without notice, percent of all appointments."""
        return 100 * self.not_attended / self.appointments

    @property
    def camhs_relation(self) -> str:
        """"below", "within" or "above" the national CAMHS range."""
        return relation_to_range(self.not_attended_pct, *self.camhs_range)


def family_phrase(family: FamilyCounts) -> str:
    """How many of the report's tests fall below the significance level before and after Holm's
    adjustment, as a clause that reads at 0, 1 and many.

    >>> family_phrase(FamilyCounts(4, 4, 4, 3, 0.05))
    "*p* was below .05 for all four tests the report ran before Holm's adjustment for testing several at once, and for all four tests after it"
    >>> family_phrase(FamilyCounts(4, 2, 0, 3, 0.05)).split(", and ")[1]
    'for none of the four tests after it'
    >>> family_phrase(FamilyCounts(2, 1, 0, 3, 0.05)).split(", and ")
    ["*p* was below .05 for one of the two tests the report ran before Holm's adjustment for testing several at once", 'for neither test after it']
    """
    level = number(family.alpha, 2, leading_zero=False)
    n = family.report
    return (f"*p* was below {level} for {count_of(family.report_below_alpha, n, 'test')} the "
            f"report ran before Holm's adjustment for testing several at once, and for "
            f"{count_of(family.report_below_alpha_holm, n, 'test')} after it")


def _change(outcomes: pd.DataFrame, column: str) -> TtChange:
    row = outcomes.loc[column]
    return TtChange(label=str(row["measure"]), result=row["result"],
                    dz=float(row["improvement_dz"]), dz_low=float(row["improvement_dz_low"]),
                    dz_high=float(row["improvement_dz_high"]))


def pairs_findings(data: PairsData) -> PairsFindings:
    """Compute :class:`PairsFindings` from the consented records (:func:`load_pairs`)."""
    acc = acceptance(data)
    referrals = referral_facts(data)
    sources, sources_n, _ = referral_concentration(referrer_table(data), 2)
    engagement = engagement_facts(data)
    reach = reach_facts(data)
    people = imd_person_deciles(data)
    outcomes = tt_paired_outcomes(data).set_index("column")
    overlap = pip_window_overlap(pip_outcomes_scored(data))
    themes = theme_counts(data)
    top, top_n = most_raised(themes, "parent")
    reflective, stakeholders = raised_by(themes, "reflective_space", "stakeholder")
    keep, parents = raised_by(themes, "keep_the_service", "parent")
    low, high = published("pairs")["pip_engagement"]["national_camhs_dna_pct_range"]
    return PairsFindings(
        referred=acc.referred, accepted=acc.accepted, antenatal=acc.antenatal,
        first_referral=referrals.first, last_referral=referrals.last,
        main_sources=tuple(sources), main_sources_n=sources_n,
        appointments=engagement.appointments, attended=engagement.attendance["attended"],
        not_attended=engagement.attendance["not_attended"],
        camhs_range=(float(low), float(high)),
        pip_black=reach.ethnicity["pip"]["black"], pip_unknown=reach.ethnicity["pip"]["unknown"],
        pip_adults=reach.adults["pip"],
        tt_white=reach.ethnicity["tt"]["white"], tt_unknown=reach.ethnicity["tt"]["unknown"],
        tt_adults=reach.adults["tt"],
        pip_deprived=share_at_most(people["pip"], DEPRIVED_DECILES),
        tt_deprived=share_at_most(people["tt"], DEPRIVED_DECILES),
        warmth=_change(outcomes, "warmth"), invasion=_change(outcomes, "invasion"),
        goals=_change(outcomes, "goals"), prfq_total=_change(outcomes, "prfq_total"),
        prfq_pm=_change(outcomes, "prfq_pm"),
        family=tt_family_counts(outcomes.reset_index()),
        pip_clients=overlap["clients"], pip_initial_and_closing=overlap["initial_and_closing"],
        pip_initial_and_later=overlap["initial_and_later"],
        tt_paired=(len(tt_paired(data, "warmth")), len(tt_with_data(data))),
        parents=parents, parent_top=tuple(top), parent_top_n=top_n,
        stakeholders=stakeholders, reflective=reflective, keep_service=keep,
    )
