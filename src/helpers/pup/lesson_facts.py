"""Parenting Under Pressure: every fact the lessons chapter reads, gathered from the analyses.

:func:`lesson_facts` collects, from the evaluation's own analysis functions, the counts each
recommendation rests on (referral timing and sources, screening, therapists' answers, the losses
from the evaluation, the precision of the CORE-10 change and the sample a future study needs) as
one frozen :class:`LessonFacts`; :func:`screening_sentence` and :func:`losses_sentence` word two
of them so that they read correctly at 0, 1 and many. Shares are ``(count, denominator)`` pairs
for :func:`helpers.formatting.pct`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.formatting import pct, percent
from helpers.pup.analysis import PupAnalysis
from helpers.pup.data import PERIOD_END, PERIOD_START
from helpers.pup.flow import flow_counts, flow_reasons, reason_count
from helpers.pup.lessons import (
    PUP_REFERRAL_SOURCES,
    ReferralFacts,
    ReferralTimeline,
    SamplePlan,
    late_referrals_text,
    referral_facts,
    referral_sources,
    referral_timeline,
    sample_plan,
    sources_sentence,
)
from helpers.pup.outcomes import paired_outcomes
from helpers.pup.sessions import planned_dose_count
from helpers.pup.surveys import THERAPIST_THEMES, practitioner_results
from helpers.pup.voices import interview_sample
from helpers.stats.paired import PairedResult
from helpers.surveys import answer_count
from helpers.words import (
    count_of,
    count_phrase,
    join_words,
    number_word,
    trend_word,
    verb,
)

__all__ = ["Share", "LessonFacts", "lesson_facts", "screening_sentence", "losses_sentence",
           "top_reasons"]

#: A count and its denominator, for :func:`helpers.formatting.pct`.
Share = tuple[int, int]


def top_reasons(reasons: Sequence[tuple[str, int]]) -> tuple[list[str], int]:
    """The most common reasons of a :func:`helpers.pup.flow.flow_reasons` list (all those tied at
    the top) and their count; ``([], 0)`` for an empty list.

    >>> top_reasons([("risk", 4), ("distance", 4), ("other", 1)])
    (['risk', 'distance'], 4)
    """
    if not reasons:
        return [], 0
    most = max(k for _, k in reasons)
    return [label for label, k in reasons if k == most], most


def screening_sentence(turned_down: int, referred: int, reasons: Sequence[tuple[str, int]]) -> str:
    """Couples turned down at screening and the most common recorded reason.

    >>> screening_sentence(31, 71, [("violence", 11), ("no conflict", 8)])
    'At screening, 31 of the 71 referred couples (44%) were turned down because they met an exclusion criterion; the most common was violence (11 of 31, 35%).'
    >>> screening_sentence(1, 9, [("violence", 1)])
    'At screening, one of the nine referred couples (11%) was turned down because it met an exclusion criterion, namely violence.'
    >>> screening_sentence(0, 9, [])
    'At screening, no referred couple was turned down.'
    """
    if referred <= 0 or not 0 <= turned_down <= referred:
        raise ValueError(f"screening_sentence: {turned_down} turned down of {referred} referred")
    if turned_down == 0:
        return "At screening, no referred couple was turned down."
    labels, most = top_reasons(reasons)
    they = "it" if turned_down == 1 else "they"
    text = (f"At screening, {count_of(turned_down, referred, 'referred couple')} "
            f"({percent(100 * turned_down / referred)}) {verb('was', turned_down)} turned down "
            f"because {they} met an exclusion criterion")
    if not labels:
        return text + "."
    if most == turned_down:
        return f"{text}, {'namely' if turned_down == 1 else 'in every case'} {labels[0]}."
    if len(labels) == 1:
        return f"{text}; the most common was {labels[0]} ({pct(most, turned_down, nested=True)})."
    return (f"{text}; the most common were {join_words(labels)} "
            f"({number_word(most)} {'couple' if most == 1 else 'couples'} each).")


def losses_sentence(offered: int, entered: int, pairs: int) -> str:
    """Where parents were lost to the before-and-after comparison: before therapy began
    (``offered - entered``) or after (``entered - pairs``), and which was larger.

    >>> losses_sentence(80, 46, 17)
    'Of the 80 parents offered a place, 34 did not begin therapy and 29 of the 46 who began gave no pair of questionnaires that could be analysed: more were lost before therapy began than after.'
    >>> losses_sentence(10, 10, 4)
    'Of the 10 parents offered a place, every one began therapy and six of the 10 who began gave no pair of questionnaires that could be analysed: every loss came after therapy began.'
    >>> losses_sentence(4, 4, 4)
    'Every parent offered a place began therapy and gave a pair of questionnaires that could be analysed.'
    """
    if not 0 <= pairs <= entered <= offered:
        raise ValueError(f"losses_sentence: need pairs <= entered <= offered, got {pairs}, "
                         f"{entered}, {offered}")
    before, after = offered - entered, entered - pairs
    if before == after == 0:
        return ("Every parent offered a place began therapy and gave a pair of questionnaires "
                "that could be analysed.")
    began = "every one began therapy" if before == 0 else f"{number_word(before)} did not begin therapy"
    if after == 0:
        lost = "every one of them gave a pair of questionnaires that could be analysed"
    else:
        who = ("the one parent" if entered == 1 else f"all {number_word(entered)}" if after == entered
               else f"{number_word(after)} of the {number_word(entered)}")
        lost = f"{who} who began gave no pair of questionnaires that could be analysed"
    if before == 0 or after == 0:
        which = f"every loss came {'after' if before == 0 else 'before'} therapy began"
    elif before == after:
        which = "as many were lost before therapy began as after"
    else:
        which = f"more were lost {'before' if before > after else 'after'} therapy began than " \
                f"{'after' if before > after else 'before'}"
    return f"Of the {count_phrase(offered, 'parent')} offered a place, {began} and {lost}: {which}."


@dataclass(frozen=True)
class LessonFacts:
    """The named facts of the lessons chapter (counts of couples or parents as named; shares are
    (count, denominator) pairs).

    Attributes
    ----------
    timeline, sources, referrals : ReferralTimeline, DataFrame, ReferralFacts
        Referral timing and sources (:mod:`helpers.pup.lessons`).
    couples_referred : int
        Couples referred over the funded year.
    referral_trend : str
        :func:`helpers.words.trend_word` of the referrals per quarter.
    late_text, sources_text, screening_text, losses_text : str
        Sentences of :func:`helpers.pup.lessons.late_referrals_text`,
        :func:`helpers.pup.lessons.sources_sentence`, :func:`screening_sentence` and
        :func:`losses_sentence`.
    dose : Share
        Pre/post parents with the planned number of sessions.
    near_end, appropriate, little_contact, review_meetings, safety_concerns, supervision, \
co_therapist : Share
        Therapists' answers: main reason for early endings was a late referral; referrals suitable
        most of the time; little or no contact with Children's Services; a review meeting with a
        social worker; some worry about safety; supervision excellent; valued a co-therapist.
    top_reason : str
        The most common screening reason(s), joined; "" when nobody was turned down.
    any_turned_down : bool
        At least one couple was turned down at screening.
    excluded_after : int
        Parents excluded after assessment because of risk.
    refused_intake, refused_post, post, pairs : Share
        Intake questionnaires without consent; end-of-therapy questionnaires without consent;
        intake parents who completed the end-of-therapy questionnaire; consenting pairs of all who
        entered.
    core : PairedResult
        CORE-10, everyone (pre − post; positive is a fall).
    core_fell : bool
        The mean CORE-10 score fell.
    plan : SamplePlan
        Parents a future study needs (:func:`helpers.pup.lessons.sample_plan`).
    interviewed : Share
        Parents interviewed, of those who entered.
    interviews_partial : bool
        Some parents who entered were not interviewed.
    """

    timeline: ReferralTimeline
    sources: pd.DataFrame
    referrals: ReferralFacts
    couples_referred: int
    referral_trend: str
    late_text: str
    sources_text: str
    screening_text: str
    losses_text: str
    dose: Share
    near_end: Share
    appropriate: Share
    little_contact: Share
    review_meetings: Share
    safety_concerns: Share
    supervision: Share
    co_therapist: Share
    top_reason: str
    any_turned_down: bool
    excluded_after: int
    refused_intake: Share
    refused_post: Share
    post: Share
    pairs: Share
    core: PairedResult
    core_fell: bool
    plan: SamplePlan
    interviewed: Share
    interviews_partial: bool


def lesson_facts(view: PupAnalysis) -> LessonFacts:
    """Compute :class:`LessonFacts` from the consent-filtered analysis view of the records."""
    counts, reasons = flow_counts(view), flow_reasons(view)
    timeline = referral_timeline(view.couples, PERIOD_START, PERIOD_END)
    sources = referral_sources(view.couples, PUP_REFERRAL_SOURCES)
    referrals = referral_facts(timeline, sources)
    survey = practitioner_results(view)

    def answer(column: str, code: object) -> Share:
        return answer_count(survey.later, column, code)

    def theme(code: str) -> Share:
        return answer_count(survey.themes, THERAPIST_THEMES[code][1], code)

    core = paired_outcomes(view.paired()).set_index("measure").at["CORE-10, everyone", "result"]
    labels, _ = top_reasons(reasons["not_suitable"])
    entered = counts.parents_entered
    interviewed = interview_sample(view.interviews_detail()).parents
    return LessonFacts(
        timeline=timeline, sources=sources, referrals=referrals,
        couples_referred=counts.couples_referred,
        referral_trend=trend_word(timeline.by_quarter["referred"].tolist()),
        late_text=late_referrals_text(referrals, timeline.weeks_left_after_last),
        sources_text=sources_sentence(sources),
        screening_text=screening_sentence(counts.couples_not_suitable, counts.couples_referred,
                                          reasons["not_suitable"]),
        losses_text=losses_sentence(counts.parents_offered, entered,
                                    counts.parents_post_consented),
        dose=planned_dose_count(view),
        near_end=answer("main_non_completion_reason", "referred_near_end"),
        appropriate=answer("referrals_appropriate", "most_of_the_time"),
        little_contact=theme("little_contact"),
        review_meetings=answer("review_meeting_with_social_worker", True),
        safety_concerns=answer("safety_concerns", True),
        supervision=theme("supervision"),
        co_therapist=theme("co_therapist"),
        top_reason=join_words(labels) if labels else "",
        any_turned_down=counts.couples_not_suitable > 0,
        excluded_after=reason_count(reasons["not_entered"], "not_entered_reason",
                                    "excluded_after_assessment"),
        refused_intake=(counts.parents_intake - counts.parents_intake_consented,
                        counts.parents_intake),
        refused_post=(counts.parents_post - counts.parents_post_consented, counts.parents_post),
        post=(counts.parents_post, counts.parents_intake),
        pairs=(counts.parents_post_consented, entered),
        core=core,
        core_fell=bool(core.diff_mean > 0),
        plan=sample_plan(core.diff_sd, counts.parents_post_consented, entered),
        interviewed=(interviewed, entered),
        interviews_partial=interviewed < entered,
    )

