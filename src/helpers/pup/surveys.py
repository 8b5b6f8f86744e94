"""The Parenting Under Pressure surveys: parents' satisfaction form, therapists' and referrers'
questionnaires, as coded in the data and set beside the report's printed figures.

The questionnaire definitions (:data:`THERAPIST_FIRST_QUESTIONS`, :data:`THERAPIST_LATER_QUESTIONS`,
:data:`THERAPIST_THEMES`, :data:`REFERRER_QUESTIONS`, :data:`REFERRER_EVENTS`) feed the generic
:mod:`helpers.surveys`; :func:`satisfaction_results` and :func:`practitioner_results` compute
everything the two chapters show as frozen dataclasses of named facts, so the chapters only look
fields up and format them.

Conventions: counts are people; percentages are in percent units (0-100), unrounded; every share
is of the people who answered that question (its true denominator).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from helpers.printed_checks import contradiction_sentence, disagreeing_figures
from helpers.published import flatten, published
from helpers.pup import SLUG
from helpers.pup.instruments import SATISFACTION
from helpers.pup.practitioner_sentences import answered_sentence, helpful_sentence
from helpers.pup.reproduce import SATISFACTION_ITEM_OF
from helpers.pup.satisfaction_text import SatisfactionFindings, satisfaction_findings
from helpers.satisfaction import (
    SatisfactionClaims,
    satisfaction_claims,
    satisfaction_long,
    satisfaction_summary,
)
from helpers.surveys import (
    Question,
    answer_count,
    options_with_printed,
    question_rows,
    question_table,
    themes_with_printed,
    unanimous_themes,
)

if TYPE_CHECKING:
    from helpers.pup.analysis import PupAnalysis

__all__ = [
    "THERAPIST_FIRST_QUESTIONS",
    "THERAPIST_LATER_QUESTIONS",
    "THERAPIST_THEMES",
    "REFERRER_QUESTIONS",
    "REFERRER_EVENTS",
    "REFERRER_EVENTS_PRINTED",
    "FIGURE_NAMES",
    "ILLUSTRATIVE_MARK",
    "events_with_printed",
    "SatisfactionResults",
    "satisfaction_results",
    "SMALL_GROUP",
    "CONTRADICTIONS_REFERENCE",
    "PractitionerResults",
    "practitioner_results",
]

# ------------------------------------------------------------------------------------------------
# The practitioners' questionnaires as coded in the data
# ------------------------------------------------------------------------------------------------
# Question wording below is newly written shorthand; the published figures each answer is compared
# with are paths into data/published/parenting-under-pressure.yaml. Source: Hewison & Zhong (2020),
# sections 5.1 (therapists) and 6.1 (referrers).

_TQ = "therapist_questionnaire"
_RQ = "referrer_questionnaire"
_YES_NO = {True: "Yes", False: "No"}
_YNC = {"yes": "Yes", "no": "No", "cannot_comment": "Could not say"}

#: The two questions all therapist respondents answered.
THERAPIST_FIRST_QUESTIONS: tuple[Question, ...] = (
    Question("heard_via", "How they first heard of the programme",
             {"tavistock_relationships": "Tavistock Relationships",
              "asian_family_counselling_service": "Asian Family Counselling Service",
              "other": "Elsewhere"},
             {"tavistock_relationships": f"{_TQ}.heard_about_it.tavistock_relationships",
              "asian_family_counselling_service":
                  f"{_TQ}.heard_about_it.asian_family_counselling_service"}),
    Question("preparation", "How they were prepared",
             {"four_day_training": "The four-day training course",
              "previous_mbt_training": "Earlier training in mentalization-based therapy"},
             {"four_day_training": f"{_TQ}.preparation.four_day_training",
              "previous_mbt_training": f"{_TQ}.preparation.previously_trained_mbt"}),
)

#: Closed questions of the later part of the therapists' questionnaire.
THERAPIST_LATER_QUESTIONS: tuple[Question, ...] = (
    Question("referrals_appropriate", "Were the referrals suitable?",
             {"most_of_the_time": "Most of the time", "about_half": "About half of them",
              "not_appropriate": "Not suitable"},
             {"most_of_the_time": f"{_TQ}.appropriate_referrals_most_of_time_pct"}),
    Question("couples_understood", "Did couples understand what the work involved?", _YES_NO,
             {True: f"{_TQ}.couples_understood_intervention_pct"}),
    Question("safety_concerns", "Any worry about couples taking part safely?",
             {False: "No worries", True: "Some worries"},
             {False: f"{_TQ}.no_safety_concerns_pct"}),
    Question("review_meeting_with_social_worker", "Held a review meeting with a social worker?",
             _YES_NO, {True: f"{_TQ}.review_meetings_with_social_workers"}),
    Question("main_non_completion_reason", "Main reason some couples stopped early",
             {"referred_near_end": "Referred close to the end of the project",
              "covid_19": "The COVID-19 outbreak",
              "other_commitments": "Other commitments",
              "ambivalent_about_fit": "Unsure the therapy suited them"},
             {code: f"{_TQ}.non_completion_reasons_pct.{code}"
              for code in ("referred_near_end", "covid_19", "other_commitments",
                           "ambivalent_about_fit")}),
)

#: Themes coded from the therapists' open answers: code -> (description, column, value, printed).
THERAPIST_THEMES: dict[str, tuple[str, str, object, str | None]] = {
    "co_therapist": ("Found a second therapist in the room valuable", "valued_co_therapist",
                     True, f"{_TQ}.valued_co_therapist"),
    "supervision": ("Rated the group supervision as excellent", "supervision_rating",
                    "excellent", f"{_TQ}.supervision_excellent"),
    "couples_changed": ("Saw couples change for the better", "saw_positive_change_in_couples",
                        True, f"{_TQ}.saw_positive_change_in_couples"),
    "conflict_eased": ("Saw conflict lessen or become easier to handle",
                       "conflict_reduced_or_manageable", True,
                       f"{_TQ}.conflict_reduced_or_more_manageable"),
    "children_changed": ("Heard of good changes in the children", "positive_change_in_children",
                         True, f"{_TQ}.positive_change_in_children"),
    "little_contact": ("Had little or no contact with Children's Services",
                       "childrens_services_contact", "little_or_none",
                       f"{_TQ}.little_contact_with_childrens_services_pct"),
    "good_contact": ("Found Children's Services staff helpful when in touch",
                     "childrens_services_contact", "good_working_relationship", None),
}

#: The referrers' closed questions.
REFERRER_QUESTIONS: tuple[Question, ...] = (
    Question("couple_relating_changed", "Had the parents changed in how they treat each other?",
             _YNC, {"yes": f"{_RQ}.couple_changed_relating_to_each_other_pct"}),
    Question("children_relating_changed",
             "Had the parents changed in how they treat their children?",
             _YNC, {"yes": f"{_RQ}.couple_changed_relating_to_children_pct"}),
    Question("incident_of_concern", "Was there an incident of concern during therapy?", _YNC,
             {"no": f"{_RQ}.no_incident_of_concern_pct", "yes": f"{_RQ}.incident_of_concern"}),
    Question("therapy_helpful", "Was the therapy helpful to the parents?", _YNC,
             {"yes": f"{_RQ}.therapy_helpful_pct",
              "cannot_comment": f"{_RQ}.could_not_comment_on_helpfulness"}),
)

#: Tick-all-that-apply: what else happened while the couple was in therapy.
REFERRER_EVENTS: dict[str, str] = {
    "work_situation_changed": "The couple's work situation changed",
    "social_work_plan_changed": "The social work plan changed",
    "significant_life_event": "Another significant life event",
}
#: Published count for each referrer event column.
REFERRER_EVENTS_PRINTED: dict[str, str] = {
    "work_situation_changed": f"{_RQ}.work_situation_changed",
    "social_work_plan_changed": f"{_RQ}.social_work_plan_changed",
    "significant_life_event": f"{_RQ}.significant_life_events",
}


#: The question the referrers' events answer, as shown in tables.
_EVENTS_QUESTION = "Other things that happened during therapy (any that apply)"


def events_with_printed(survey: pd.DataFrame, published_flat: Mapping[str, object]) -> pd.DataFrame:
    """The referrers' tick-all-that-apply events beside their printed counts.

    :func:`helpers.surveys.options_with_printed` of :data:`REFERRER_EVENTS`; one row per event.
    """
    return options_with_printed(survey, REFERRER_EVENTS, REFERRER_EVENTS_PRINTED, published_flat,
                                question=_EVENTS_QUESTION)


#: How each printed percentage of the practitioners' questionnaires is named in a sentence.
FIGURE_NAMES: dict[str, str] = {
    f"{_TQ}.appropriate_referrals_most_of_time_pct": "therapists who found referrals suitable most "
                                                    "of the time",
    f"{_TQ}.couples_understood_intervention_pct": "therapists who said couples understood the work",
    f"{_TQ}.no_safety_concerns_pct": "therapists with no worries about couples taking part safely",
    f"{_TQ}.little_contact_with_childrens_services_pct": "therapists with little or no contact with "
                                                        "Children's Services",
    f"{_TQ}.non_completion_reasons_pct.referred_near_end": "therapists whose main reason for early "
                                                          "endings was a late referral",
    f"{_TQ}.non_completion_reasons_pct.covid_19": "therapists whose main reason for early endings "
                                                 "was the COVID-19 outbreak",
    f"{_TQ}.non_completion_reasons_pct.other_commitments": "therapists whose main reason for early "
                                                         "endings was other commitments",
    f"{_TQ}.non_completion_reasons_pct.ambivalent_about_fit": "therapists whose main reason for "
                                                             "early endings was couples' doubt "
                                                             "that the therapy suited them",
    f"{_RQ}.couple_changed_relating_to_each_other_pct": "referrers who saw the parents relate "
                                                       "differently to each other",
    f"{_RQ}.couple_changed_relating_to_children_pct": "referrers who saw the parents relate "
                                                     "differently to their children",
    f"{_RQ}.no_incident_of_concern_pct": "referrers who knew of no incident of concern",
    f"{_RQ}.therapy_helpful_pct": "referrers who found the therapy helpful",
}


#: Marks the satisfaction items the report does not describe, whose summaries are assumptions.
ILLUSTRATIVE_MARK = "(illustrative)"


@dataclass(frozen=True)
class SatisfactionResults:
    """What the parents' satisfaction forms show (consented forms only).

    Attributes
    ----------
    answers : DataFrame
        :func:`helpers.satisfaction.satisfaction_long` of the forms, one row per answer.
    summary : DataFrame
        :func:`helpers.satisfaction.satisfaction_summary`: counts per item, most agreed first.
    claims : SatisfactionClaims
        Respondents, items, blank answers and the facts behind the report's claims.
    findings : SatisfactionFindings
        Sentences and named facts for the chapter (:mod:`helpers.pup.satisfaction_text`),
        including where the records contradict the report's claims.
    excluded : int
        Forms dropped for lack of research consent (never counted).
    illustrative_items : int
        Items whose summaries carry :data:`ILLUSTRATIVE_MARK`.
    """

    answers: pd.DataFrame
    summary: pd.DataFrame
    claims: SatisfactionClaims
    findings: SatisfactionFindings
    excluded: int
    illustrative_items: int


def satisfaction_results(analysis: PupAnalysis,
                         printed: Mapping[str, object] | None = None) -> SatisfactionResults:
    """Count, sort and check the satisfaction answers of ``analysis`` (a PuP analysis view).

    ``printed`` is the report's ``service_satisfaction`` section (default: from the published
    figures of this evaluation).
    """
    if printed is None:
        printed = published(SLUG)["service_satisfaction"]
    answers = satisfaction_long(analysis.satisfaction, SATISFACTION, id_col="parent_id")
    summary = satisfaction_summary(answers)
    claims = satisfaction_claims(answers)
    return SatisfactionResults(
        answers=answers,
        summary=summary,
        claims=claims,
        findings=satisfaction_findings(summary, claims, printed, SATISFACTION_ITEM_OF),
        excluded=int(analysis.excluded["satisfaction"]),
        illustrative_items=sum(ILLUSTRATIVE_MARK in item.summary for item in SATISFACTION.items),
    )


#: A group of fewer people than this is called small: one person then moves a share by more than
#: five percentage points, so counts matter more than rates.
SMALL_GROUP = 20

#: Where the book explains each printed figure the records contradict.
CONTRADICTIONS_REFERENCE = "@sec-caveats-contradictions"


@dataclass(frozen=True)
class PractitionerResults:
    """What the therapists' and referrers' questionnaires show (counts of people).

    Attributes
    ----------
    first, later : DataFrame
        :func:`helpers.surveys.question_table` of :data:`THERAPIST_FIRST_QUESTIONS` and
        :data:`THERAPIST_LATER_QUESTIONS` (with the printed figures, for the checks).
    themes : DataFrame
        :func:`helpers.surveys.themes_with_printed` of :data:`THERAPIST_THEMES`.
    referrer_answers, referrer_events : DataFrame
        :data:`REFERRER_QUESTIONS` (question table) and :func:`events_with_printed`.
    therapists, referrers : int
        Questionnaires returned.
    first_questions : int
        Questions in the first part of the therapists' questionnaire.
    first_answered, later_answered : int
        The largest number of therapists answering a question of each part.
    answered : str
        :func:`helpers.pup.practitioner_sentences.answered_sentence` for the therapists.
    therapist_contradictions, referrer_contradictions : str
        :func:`helpers.printed_checks.contradiction_sentence` of each group's tables ("" when the
        report's figures all follow from the answers).
    unanimous_themes : str
        Sentence naming the themes every answering therapist raised.
    reasons : DataFrame
        The rows of ``later`` for the main reason couples stopped early, in form order.
    reasons_answered : int
        Therapists who gave a main reason.
    helpful, helpful_of : int
        Referrers who found the therapy helpful, of those who answered.
    helpful_text : str
        :func:`helpers.pup.practitioner_sentences.helpful_sentence` of the referrers' answers.
    one_referrer_points : float
        Percentage points one referrer moves a share of all referrers.
    small_groups : bool
        Both groups have fewer than :data:`SMALL_GROUP` people.
    """

    first: pd.DataFrame
    later: pd.DataFrame
    themes: pd.DataFrame
    referrer_answers: pd.DataFrame
    referrer_events: pd.DataFrame
    therapists: int
    referrers: int
    first_questions: int
    first_answered: int
    later_answered: int
    answered: str
    therapist_contradictions: str
    referrer_contradictions: str
    unanimous_themes: str
    reasons: pd.DataFrame
    reasons_answered: int
    helpful: int
    helpful_of: int
    helpful_text: str
    one_referrer_points: float
    small_groups: bool


def practitioner_results(analysis: PupAnalysis,
                         published_flat: Mapping[str, object] | None = None
                         ) -> PractitionerResults:
    """Tabulate both practitioner questionnaires of ``analysis`` (and check the printed figures).

    ``published_flat`` is :func:`helpers.published.flatten` of the published figures (default:
    this evaluation's).
    """
    printed = flatten(published(SLUG)) if published_flat is None else published_flat
    therapists, referrers = analysis.therapist_survey, analysis.referrer_survey
    first = question_table(therapists, THERAPIST_FIRST_QUESTIONS, printed)
    later = question_table(therapists, THERAPIST_LATER_QUESTIONS, printed)
    themes = themes_with_printed(therapists, THERAPIST_THEMES, printed, id_col="therapist_id")
    referrer_answers = question_table(referrers, REFERRER_QUESTIONS, printed)
    referrer_events = events_with_printed(referrers, printed)
    reasons = question_rows(later, "main_non_completion_reason")
    helpful, helpful_of = answer_count(referrer_answers, "therapy_helpful", "yes")
    first_answered = int(first["denominator"].max())
    later_answered = int(later["denominator"].max())

    def contradictions(tables: list[pd.DataFrame]) -> str:
        return contradiction_sentence(disagreeing_figures(tables, FIGURE_NAMES),
                                      reference=CONTRADICTIONS_REFERENCE)

    return PractitionerResults(
        first=first, later=later, themes=themes, referrer_answers=referrer_answers,
        referrer_events=referrer_events,
        therapists=len(therapists),
        referrers=len(referrers),
        first_questions=len(THERAPIST_FIRST_QUESTIONS),
        first_answered=first_answered,
        later_answered=later_answered,
        answered=answered_sentence(len(therapists), first_answered,
                                   len(THERAPIST_FIRST_QUESTIONS), later_answered),
        therapist_contradictions=contradictions([first, later, themes]),
        referrer_contradictions=contradictions([referrer_answers, referrer_events]),
        unanimous_themes=unanimous_themes(themes, who="therapist"),
        reasons=reasons,
        reasons_answered=int(reasons["denominator"].iloc[0]),
        helpful=helpful,
        helpful_of=helpful_of,
        helpful_text=helpful_sentence(
            helpful, answer_count(referrer_answers, "therapy_helpful", "no")[0],
            answer_count(referrer_answers, "therapy_helpful", "cannot_comment")[0]),
        one_referrer_points=100 / len(referrers),
        small_groups=max(len(therapists), len(referrers)) < SMALL_GROUP,
    )
