"""helpers.surveys: closed questions over true denominators, tick-all-that-apply, coded themes."""

from __future__ import annotations

import pandas as pd
import pytest
from survey_examples import PRINTED, QUESTIONS, SURVEY

from helpers.surveys import (
    Question,
    answer_count,
    answers_gt,
    coded_theme_table,
    invalid_answer,
    multi_response_counts,
    options_with_printed,
    question_counts,
    question_rows,
    question_table,
    theme_tally,
    themes_with_printed,
    unanimous_themes,
)

# --- closed questions -----------------------------------------------------------------------------

def test_question_counts_use_the_people_who_answered_as_denominator():
    answers = pd.Series(["yes"] * 7 + ["no"] + [None, None])     # 10 asked, 8 answered
    t = question_counts(answers, order=["yes", "no"], labels={"yes": "Yes", "no": "No"})
    assert t.attrs["answered"] == 8
    assert t["category"].tolist() == ["Yes", "No", "Missing", "Total"]
    assert t["n"].tolist() == [7, 1, 2, 10]
    assert t["percent"].tolist()[:2] == [87.5, 12.5]
    assert t["denominator"].tolist()[:2] == [8, 8]


def test_question_counts_reject_an_answer_outside_the_order():
    with pytest.raises(ValueError, match="'maybe'"):
        question_counts(pd.Series(["yes", "maybe"]), order=["yes", "no"])


def test_multi_response_percentages_are_of_respondents_and_may_exceed_100_in_total():
    ticks = pd.DataFrame({
        "late": [True, True, True, False, False, False, False, False, None],
        "covid": [True, False, False, True, False, False, False, False, None],
        "work": [False, True, False, False, True, False, False, False, None],
    })
    t = multi_response_counts(ticks, {"late": "Referred late", "covid": "COVID-19",
                                      "work": "Other commitments"})
    assert t["n"].tolist() == [3, 2, 2]
    assert t["denominator"].tolist() == [8, 8, 8]
    assert t["percent"].tolist() == [37.5, 25.0, 25.0]
    assert t.attrs["responses"] == 7 and t.attrs["answered"] == 8


def test_multi_response_rejects_a_value_that_is_not_a_tick():
    ticks = pd.DataFrame({"a": [True, "yes"]})
    with pytest.raises(ValueError, match=r"column 'a', row 1 has 'yes'"):
        multi_response_counts(ticks, {"a": "A"})


# --- themes ---------------------------------------------------------------------------------------

THEMES = {"time": "Wanted a longer programme", "admin": "Good administration mattered",
          "criteria": "Clearer referral criteria"}


def test_theme_tally_counts_each_respondent_once_and_keeps_unraised_themes():
    coded = pd.DataFrame({"respondent": ["T1", "T1", "T2", "T3", "T3"],
                          "theme": ["time", "time", "time", "admin", "time"]})
    t = theme_tally(coded, THEMES, respondents=["T1", "T2", "T3", "T4"])
    assert t["theme"].tolist() == ["time", "admin", "criteria"]
    assert t["n"].tolist() == [3, 1, 0]
    assert t["denominator"].tolist() == [4, 4, 4]
    assert t["percent"].tolist() == [75.0, 25.0, 0.0]


def test_theme_tally_rejects_unknown_theme_and_unknown_respondent():
    coded = pd.DataFrame({"respondent": ["T1", "T9"], "theme": ["time", "time"]})
    with pytest.raises(ValueError, match=r"column 'respondent', row 1 has 'T9'"):
        theme_tally(coded, THEMES, respondents=["T1", "T2"])
    coded = pd.DataFrame({"respondent": ["T1"], "theme": ["money"]})
    with pytest.raises(ValueError, match=r"column 'theme', row 0 has 'money'"):
        theme_tally(coded, THEMES, respondents=["T1"])


# --- question tables with printed figures ---------------------------------------------------------

def test_question_table_uses_each_questions_own_denominator_and_checks_printed_figures():
    t = question_table(SURVEY, QUESTIONS, PRINTED).set_index(["column", "code"])
    assert (t.loc[("heard", "a"), "n"], t.loc[("heard", "a"), "denominator"]) == (8, 10)
    assert t.loc[("heard", "a"), "printed_kind"] == "count" and t.loc[("heard", "a"), "agrees"]
    assert (t.loc[("safe", False), "n"], t.loc[("safe", False), "denominator"]) == (5, 8)
    assert t.loc[("safe", False), "agrees"]                   # 62.5% printed as 63%
    assert not t.loc[("reason", "doubt"), "agrees"]           # 16% of 8 is impossible
    assert t.loc[("reason", "late"), "agrees"]
    assert pd.isna(t.loc[("heard", "b"), "printed"])          # nothing printed for this answer


def test_question_table_rejects_a_path_missing_from_the_published_figures():
    bad = (Question("heard", "Heard via", {"a": "A", "b": "B"}, {"a": "q.nowhere"}),)
    with pytest.raises(KeyError, match="q.nowhere"):
        question_table(SURVEY, bad, PRINTED)


def test_coded_themes_count_respondents_over_those_who_answered():
    themes = {"sup": ("Supervision excellent", "supervision", "excellent"),
              "safe": ("Had safety worries", "safe", True)}
    t = coded_theme_table(SURVEY, themes, id_col="id")
    assert t[["theme", "n", "denominator"]].values.tolist() == [["sup", 7, 8], ["safe", 3, 8]]
    assert unanimous_themes(t) == ("None of the two themes was raised by every respondent who "
                                   "answered its question.")
    everyone = coded_theme_table(SURVEY, {"a": ("Heard via A", "heard", "a"),
                                          "b": ("Heard via B", "heard", "b"),
                                          "x": ("Prepared", "id", "T1")}, id_col="id")
    assert everyone["n"].tolist() == [8, 2, 1]
    assert unanimous_themes(everyone.assign(n=[10, 2, 1]), who="therapist") == (
        "One of the three themes was raised by every therapist who answered the question behind "
        "it: “heard via A”.")
    assert unanimous_themes(everyone.assign(n=[10, 10, 1])) == (
        "Two of the three themes were raised by every respondent who answered the question behind "
        "them: “heard via A” and “heard via B”.")
    assert unanimous_themes(everyone.assign(n=[10, 10, 10])) == (
        "All three themes were raised by every respondent who answered the question behind them.")
    assert unanimous_themes(everyone.head(2).assign(n=[10, 10])) == (
        "Both themes were raised by every respondent who answered the question behind them.")
    assert unanimous_themes(everyone.head(1).assign(n=[10])) == (
        "The one theme, “heard via A”, was raised by every respondent who answered its question.")
    assert unanimous_themes(everyone.head(1).assign(n=[3])) == (
        "The one theme was not raised by every respondent who answered its question.")
    with pytest.raises(ValueError, match="no themes"):
        unanimous_themes(everyone.head(0))


def test_answers_gt_shows_each_answer_over_those_who_answered_without_printed_figures():
    html = answers_gt(question_table(SURVEY, QUESTIONS, PRINTED), respondents="therapists").as_raw_html()
    assert "5 of 8 (63%)" in html and "8 of 10 (80%)" in html
    assert "Printed" not in html and "Agrees" not in html and "✗" not in html
    assert "Each percentage is of the therapists who answered that question" in html
    split = answers_gt([question_table(SURVEY, QUESTIONS[:1], PRINTED),
                        question_table(SURVEY, QUESTIONS[1:], PRINTED)]).as_raw_html()
    assert "5 of 8 (63%)" in split and "Respondents" in split


def test_themes_with_printed_compare_counts_and_percentages_over_those_who_answered():
    themes = {"sup": ("Supervision excellent", "supervision", "excellent", "q.sup"),
              "safe": ("Had safety worries", "safe", True, "q.worries_pct"),
              "late": ("Late referral", "reason", "late", None)}
    printed = {"q.sup": 7, "q.worries_pct": 40}          # 3 of 8 = 37.5%, so 40% disagrees
    t = themes_with_printed(SURVEY, themes, printed, id_col="id").set_index("code")
    assert t.loc["sup", ["n", "denominator", "printed_kind", "agrees"]].tolist() == \
        [7, 8, "count", True]
    assert t.loc["safe", ["n", "denominator", "printed_kind", "agrees"]].tolist() == \
        [3, 8, "percent", False]
    assert pd.isna(t.loc["late", "printed"]) and t.loc["late", "agrees"] is None
    assert set(t["question"]) == {"Themes in the open answers"}


def test_options_with_printed_count_ticks_over_those_who_answered():
    survey = pd.DataFrame({"moved": [True, False, False, False, None],
                           "job": [True, True, False, False, None]})
    t = options_with_printed(survey, {"moved": "Moved house", "job": "New job"},
                             {"moved": "r.moved", "job": "r.job"}, {"r.moved": 1, "r.job": 3},
                             question="Events")
    assert t["n"].tolist() == [1, 2] and t["denominator"].tolist() == [4, 4]
    assert t["agrees"].tolist() == [True, False]
    assert t["code"].tolist() == [True, True] and t["question"].tolist() == ["Events", "Events"]


def test_answer_count_and_question_rows_look_up_one_answer_and_one_question():
    t = question_table(SURVEY, QUESTIONS, PRINTED)
    assert answer_count(t, "safe", False) == (5, 8)
    assert answer_count(t, "heard", "b") == (2, 10)
    with pytest.raises(KeyError, match="'maybe' to 'heard'"):
        answer_count(t, "heard", "maybe")
    reasons = question_rows(t, "reason")
    assert reasons["code"].tolist() == ["late", "covid", "work", "doubt"]
    assert reasons["n"].tolist() == [3, 2, 2, 1] and reasons.index.tolist() == [0, 1, 2, 3]
    with pytest.raises(KeyError, match="nowhere"):
        question_rows(t, "nowhere")


def test_invalid_answer_names_the_first_bad_row_by_its_label():
    frame = pd.DataFrame({"q": [1, 9, 8]}, index=["a", "b", "c"])
    error = invalid_answer(frame, "q", frame["q"] > 3, [1, 2, 3], "caller")
    assert str(error) == "caller: column 'q', row 'b' has 9, not one of [1, 2, 3] (or blank)"


