"""Key findings of Parenting Under Pressure: the facts the summaries at the front of the book read.

:func:`pup_findings` gathers, from the evaluation's own analysis functions, what a commissioner
reads first: what the service did and for whom, what changed (with its uncertainty), what
participants said, and what to do next. The summaries (the book's executive summary and the
part's key findings) only look fields up and format them; every interpretive word comes from
:mod:`helpers.words` through a property or sentence helper here, by the rules stated there.

Conventions are those of :mod:`helpers.pup.outcomes`: differences are pre − post, so a positive
CORE-10 difference is a fall in distress (an improvement) and a negative CSI-4 difference a rise
in relationship satisfaction (an improvement).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from helpers.formatting import DECIMALS, number
from helpers.pup.analysis import PupAnalysis
from helpers.pup.data import PERIOD_END, PERIOD_START
from helpers.pup.flow import FlowCounts, flow_counts
from helpers.pup.lessons import SamplePlan, referral_timeline, sample_plan
from helpers.pup.methods import PROGRAMME
from helpers.pup.outcomes import (
    ChangeFacts,
    FamilySignificance,
    IntakeSummary,
    change_facts,
    family_significance,
    intake_summary,
    paired_outcomes,
)
from helpers.pup.participants import demographic_base, ethnicity_table
from helpers.pup.sensitivity import couple_sensitivity
from helpers.pup.sessions import planned_dose_count
from helpers.pup.surveys import practitioner_results, satisfaction_results
from helpers.pup.voices import interview_sample
from helpers.satisfaction import SatisfactionClaims
from helpers.stats.paired import PairedResult
from helpers.words import (
    compare_word,
    count_of,
    count_phrase,
    effect_range_phrase,
    effect_size_word,
    interval_word,
    join_words,
    share_word,
)

__all__ = ["PupFindings", "pup_findings", "family_phrase", "couple_phrase"]


@dataclass(frozen=True)
class PupFindings:
    """The named facts behind the Parenting Under Pressure summaries (counts of people unless
    stated; scores in points).

    Attributes
    ----------
    flow : FlowCounts
        Couples and parents at each step, from referral to both questionnaires.
    planned_sessions : str
        Therapy sessions planned after assessment, as a range ("6–10").
    dose, dose_of : int
        Consenting parents with both questionnaires whose therapy sessions fell in the planned
        range, and those parents.
    main_group : str
        The broad ethnic group with the most parents among those who gave one.
    main_group_n, ethnicity_answered : int
        Parents in that group, and parents who gave their ethnic group.
    intake : IntakeSummary
        CORE-10 and CSI-4 at intake, with cut-off counts.
    core10, csi4 : PairedResult
        The before-and-after comparisons of everyone with both questionnaires.
    family : FamilySignificance
        The four outcomes measured on everyone, below ``alpha`` before and after Holm.
    change : ChangeFacts
        Person-by-person CORE-10 change (distressed, recovered, deteriorated).
    couple_changed : tuple of str
        Outcomes whose conclusion depends on counting couples rather than parents.
    satisfaction : SatisfactionClaims
        The satisfaction forms: respondents, statements, lowest and highest "certainly true".
    interviewed : int
        Parents interviewed after therapy.
    recommend, relationship_better : int
        Interviewees who would recommend the programme, and who felt their relationship had
        improved.
    near_end, reasons_answered : int
        Therapists naming a referral too close to the end of the project as the main reason
        couples stopped early, and therapists who named a main reason.
    weeks_left : int
        Whole weeks of funding left when the last couple was referred.
    plan : SamplePlan
        Parents needed for a future study of CORE-10 change (see :func:`sample_plan`).
    """

    flow: FlowCounts
    planned_sessions: str
    dose: int
    dose_of: int
    main_group: str
    main_group_n: int
    ethnicity_answered: int
    intake: IntakeSummary
    core10: PairedResult
    csi4: PairedResult
    family: FamilySignificance
    change: ChangeFacts
    couple_changed: tuple[str, ...]
    satisfaction: SatisfactionClaims
    interviewed: int
    recommend: int
    relationship_better: int
    near_end: int
    reasons_answered: int
    weeks_left: int
    plan: SamplePlan

    # --- words chosen from the numbers (rules in helpers.words) ---------------------------------

    @property
    def main_group_word(self) -> str:
        """Share word for the main ethnic group ("most", "fewer than half", ...)."""
        return share_word(self.main_group_n, self.ethnicity_answered)

    @property
    def core10_direction(self) -> str:
        """"fell", "rose" or "did not change": mean CORE-10 after against before, as printed."""
        return compare_word(self.core10.post_mean, self.core10.pre_mean,
                            decimals=DECIMALS["mean"], more="rose", less="fell",
                            same="did not change")

    @property
    def core10_change_points(self) -> float:
        """Size of the mean CORE-10 change in points, whichever its direction."""
        return abs(self.core10.diff_mean)

    @property
    def core10_size(self) -> str:
        """Cohen's word for the CORE-10 d_z ("medium")."""
        return effect_size_word(self.core10.dz)

    @property
    def core10_range(self) -> str:
        """What the d_z interval is consistent with, improvement-signed ("anything from a
        negligible to a large improvement")."""
        return effect_range_phrase(self.core10.dz_ci_low, self.core10.dz_ci_high)

    @property
    def csi4_direction(self) -> str:
        """"rose", "fell" or "did not change": mean CSI-4 after against before, as printed."""
        return compare_word(self.csi4.post_mean, self.csi4.pre_mean, decimals=DECIMALS["mean"],
                            more="rose", less="fell", same="did not change")

    @property
    def csi4_interval(self) -> str:
        """Whether the CSI-4 interval of the difference rules out no change, in words."""
        return interval_word(self.csi4.diff_ci_low, self.csi4.diff_ci_high,
                             above="rules out no change", below="rules out no change",
                             across="includes no change")

    @property
    def satisfaction_low_pct(self) -> float:
        """Lowest share answering "certainly true" to a statement (percent of those answering)."""
        return 100 * self.satisfaction.lowest_top / self.satisfaction.lowest_top_n

    @property
    def power_pct(self) -> float:
        """Planning power of :attr:`plan` in percent (80 for 0.8)."""
        return 100 * self.plan.power

    @property
    def satisfaction_high_pct(self) -> float:
        """Highest share answering "certainly true" to a statement (percent)."""
        return 100 * self.satisfaction.top_count / self.satisfaction.top_n


def family_phrase(family: FamilySignificance) -> str:
    """How many of the family's outcomes fall below the significance level before and after
    Holm's adjustment, as a clause that reads at 0, 1 and many.

    >>> family_phrase(FamilySignificance(4, 3, 0, 0.05))
    "*p* was below .05 for three of the four outcomes before Holm's adjustment for testing several at once, and for none of the four outcomes after it"
    >>> family_phrase(FamilySignificance(4, 4, 1, 0.05)).split(", and ")[1]
    'for one of the four outcomes after it'
    >>> family_phrase(FamilySignificance(2, 2, 2, 0.05)).split(", and ")[1]
    'for both outcomes after it'
    """
    level = number(family.alpha, 2, leading_zero=False)
    n = family.n_outcomes
    return (f"*p* was below {level} for {count_of(family.n_raw, n, 'outcome')} before Holm's "
            f"adjustment for testing several at once, and for "
            f"{count_of(family.n_holm, n, 'outcome')} after it")


def couple_phrase(changed: Sequence[str]) -> str:
    """Whether counting couples instead of parents changes any conclusion (0, 1 or many).

    >>> couple_phrase([])
    'leaves every conclusion as it was'
    >>> couple_phrase(["Arguments"])
    'changes the conclusion for one outcome, Arguments'
    >>> couple_phrase(["Risk", "Arguments"])
    'changes the conclusions for two outcomes, Risk and Arguments'
    """
    if not changed:
        return "leaves every conclusion as it was"
    n = len(changed)
    what = "conclusion" if n == 1 else "conclusions"
    return f"changes the {what} for {count_phrase(n, 'outcome')}, {join_words(list(changed))}"


def _main_group(view: PupAnalysis) -> tuple[str, int, int]:
    table = ethnicity_table(demographic_base(view))
    groups = table[table["level"] == "group"]
    top = groups.loc[groups["n"].idxmax()]
    return str(top["group"]), int(top["n"]), int(top["denominator"])


def _theme_count(detail, column: str) -> int:
    return int(detail[column].fillna(False).astype(bool).sum())


def pup_findings(view: PupAnalysis) -> PupFindings:
    """Compute :class:`PupFindings` from the consent-filtered analysis view of the records."""
    flow = flow_counts(view)
    paired, intake = view.paired(), view.intake()
    outcomes = paired_outcomes(paired).set_index("measure")
    core10 = outcomes.loc["CORE-10, everyone", "result"]
    dose, dose_of = planned_dose_count(view)
    group, group_n, answered = _main_group(view)
    detail = view.interviews_detail()
    reasons = practitioner_results(view).reasons.set_index("code")
    timeline = referral_timeline(view.couples, PERIOD_START, PERIOD_END)
    return PupFindings(
        flow=flow, planned_sessions=PROGRAMME.sessions_text, dose=dose, dose_of=dose_of,
        main_group=group, main_group_n=group_n, ethnicity_answered=answered,
        intake=intake_summary(intake), core10=core10,
        csi4=outcomes.loc["CSI-4, everyone", "result"],
        family=family_significance(outcomes.reset_index()), change=change_facts(paired),
        couple_changed=tuple(couple_sensitivity(paired).changed),
        satisfaction=satisfaction_results(view).claims,
        interviewed=interview_sample(detail).parents,
        recommend=_theme_count(detail, "would_recommend"),
        relationship_better=_theme_count(detail, "relationship_improved"),
        near_end=int(reasons.loc["referred_near_end", "n"]),
        reasons_answered=int(reasons.loc["referred_near_end", "denominator"]),
        weeks_left=timeline.weeks_left_after_last,
        plan=sample_plan(core10.diff_sd, flow.parents_post_consented, flow.parents_entered),
    )
