"""helpers.pup.surveys: the PuP questionnaires as coded, and the facts the survey chapters show."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.printed_checks import is_percent_path
from helpers.published import flatten, published
from helpers.pup import SLUG
from helpers.pup.data import load_pup
from helpers.pup.surveys import (
    FIGURE_NAMES,
    REFERRER_EVENTS,
    REFERRER_EVENTS_PRINTED,
    REFERRER_QUESTIONS,
    THERAPIST_FIRST_QUESTIONS,
    THERAPIST_LATER_QUESTIONS,
    THERAPIST_THEMES,
    events_with_printed,
    practitioner_results,
    satisfaction_results,
)

QUESTIONS = (*THERAPIST_FIRST_QUESTIONS, *THERAPIST_LATER_QUESTIONS, *REFERRER_QUESTIONS)


@pytest.fixture(scope="module")
def analysis():
    return load_pup().analysis()


def test_every_printed_path_is_in_the_published_figures():
    printed = flatten(published(SLUG))
    paths = [p for q in QUESTIONS for p in q.printed_paths().values()]
    paths += [t[3] for t in THERAPIST_THEMES.values() if t[3]]
    paths += list(REFERRER_EVENTS_PRINTED.values())
    assert [p for p in paths if p not in printed] == []
    assert set(REFERRER_EVENTS_PRINTED) == set(REFERRER_EVENTS)


def test_every_named_figure_is_a_printed_percentage_of_a_question_or_theme():
    paths = {p for q in QUESTIONS for p in q.printed_paths().values()}
    paths |= {t[3] for t in THERAPIST_THEMES.values() if t[3]}
    assert set(FIGURE_NAMES) <= paths
    assert all(is_percent_path(p) for p in FIGURE_NAMES)


def test_referrer_events_are_counted_over_referrers_with_printed_counts():
    survey = pd.DataFrame({"work_situation_changed": [True, False, False, False, False],
                           "social_work_plan_changed": [True, True, False, False, False],
                           "significant_life_event": [False, True, True, False, False]})
    printed = {"referrer_questionnaire.work_situation_changed": 1,
               "referrer_questionnaire.social_work_plan_changed": 2,
               "referrer_questionnaire.significant_life_events": 3}
    t = events_with_printed(survey, printed)
    assert t["n"].tolist() == [1, 2, 2] and t["denominator"].tolist() == [5, 5, 5]
    assert t["agrees"].tolist() == [True, True, False]
    assert t["printed_kind"].tolist() == ["count"] * 3


def test_satisfaction_results_on_the_shipped_data(analysis):
    r = satisfaction_results(analysis)
    c = r.claims
    assert (c.respondents, c.items, c.blank_answers) == (18, 11, 0)
    assert (r.excluded, r.illustrative_items) == (4, 4)
    assert (c.top_count, c.top_n, len(c.top_items)) == (16, 18, 6)
    assert (c.lowest_top, c.lowest_top_n) == (11, 18)
    assert len(r.summary) == 11 and len(r.answers) == 18 * 11
    assert r.findings.not_true_sentence == "No parent answered “not true” to any statement."
    assert r.findings.report_differences == ""  # the report's three claims hold in the records


def test_practitioner_results_on_the_shipped_data(analysis):
    r = practitioner_results(analysis)
    assert (r.therapists, r.first_answered, r.later_answered, r.first_questions) == (10, 10, 8, 2)
    assert (r.referrers, r.helpful, r.helpful_of) == (5, 3, 5)
    assert r.reasons["code"].tolist() == ["referred_near_end", "covid_19", "other_commitments",
                                          "ambivalent_about_fit"]
    assert r.reasons["n"].tolist() == [3, 2, 2, 1] and r.reasons_answered == 8
    assert r.one_referrer_points == 20.0 and r.small_groups is True
    assert r.answered == ("Ten therapists returned the questionnaire. All 10 therapists answered "
                          "the first two questions, about how they came to the programme, and "
                          "eight of the 10 answered the rest.")
    assert r.unanimous_themes.startswith("Five of the seven themes were raised by every therapist")
    assert r.helpful_text == ("Of the five referrers who answered, three found the therapy "
                              "helpful, none said it was not and two could not say, not having "
                              "seen the couple through therapy.")
    # 5 of 8 printed as 63% agrees (halves round up); the impossible 16% of 8 is named once
    assert r.referrer_contradictions == ""
    assert r.therapist_contradictions == (
        "For therapists whose main reason for early endings was couples' doubt that the therapy "
        "suited them, the report printed a figure these answers cannot give; the book shows what "
        "the answers give (see @sec-caveats-contradictions).")
    assert len(r.first) == 5 and len(r.themes) == 7 and len(r.referrer_events) == 3


def test_practitioner_results_use_the_given_printed_figures(analysis):
    printed = flatten(published(SLUG))
    printed["therapist_questionnaire.non_completion_reasons_pct.covid_19"] = 26
    printed["referrer_questionnaire.therapy_helpful_pct"] = 40
    r = practitioner_results(analysis, printed)
    assert r.therapist_contradictions.startswith(
        "For therapists whose main reason for early endings was the COVID-19 outbreak and "
        "therapists whose main reason for early endings was couples' doubt")
    assert "printed figures these answers cannot give" in r.therapist_contradictions
    assert r.referrer_contradictions.startswith(
        "For referrers who found the therapy helpful, the report printed a figure")
