"""helpers.surveys: satisfaction summaries, true denominators, theme tallies, printed-percent checks."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.scoring import Instrument, Item
from helpers.surveys import (
    SATISFACTION_ORDER,
    check_printed_percent,
    multi_response_counts,
    percent_note,
    question_counts,
    satisfaction_claims,
    satisfaction_long,
    satisfaction_summary,
    theme_tally,
)

TOY = Instrument(
    "toy", "Toy form",
    (Item("q1", "felt listened to", 1, 3), Item("q2", "seen quickly", 1, 3),
     Item("q3", "venue suited me", 1, 3)),
    combine="mean",
)

# Four respondents. q1: 1,1,1,2 -> 3 of 4 certainly; q2: 1,2,3,<blank> -> 1 of 3;
# q3: 1,1,1,1 -> 4 of 4.
RESPONSES = pd.DataFrame({
    "parent_id": ["P4", "P1", "P2", "P3"],
    "q1": [2, 1, 1, 1],
    "q2": [None, 1, 2, 3],
    "q3": [1, 1, 1, 1],
})


def long_toy() -> pd.DataFrame:
    return satisfaction_long(RESPONSES, TOY, id_col="parent_id")


# --- satisfaction ---------------------------------------------------------------------------------

def test_long_format_has_one_row_per_respondent_and_item_with_labels():
    long = long_toy()
    assert len(long) == 12
    assert list(long.columns) == ["respondent", "position", "item", "summary", "response"]
    p4 = long[long["respondent"] == "P4"]
    assert p4["response"].tolist()[0] == "partly true"
    assert pd.isna(p4["response"].tolist()[1])          # blank stays blank, never a code
    assert long.loc[long["respondent"] == "P3", "response"].tolist() == [
        "certainly true", "not true", "certainly true"]
    assert long["respondent"].tolist()[:3] == ["P1", "P1", "P1"]   # sorted by respondent


def test_an_unknown_code_names_row_and_column():
    bad = RESPONSES.copy()
    bad.loc[2, "q2"] = 4
    with pytest.raises(ValueError, match=r"column 'q2', row 2 has 4\.0.*\[1, 2, 3\]"):
        satisfaction_long(bad, TOY, id_col="parent_id")


def test_a_missing_item_column_is_named():
    with pytest.raises(KeyError, match="q3"):
        satisfaction_long(RESPONSES.drop(columns="q3"), TOY, id_col="parent_id")


def test_summary_counts_each_item_over_those_who_answered_and_sorts_by_agreement():
    s = satisfaction_summary(long_toy())
    assert s["item"].tolist() == ["q3", "q1", "q2"]              # 100%, 75%, 33%
    q2 = s.set_index("item").loc["q2"]
    assert (q2["n"], q2["certainly_true"], q2["partly_true"], q2["not_true"], q2["missing"]) == \
        (3, 1, 1, 1, 1)
    assert q2["pct_top"] == pytest.approx(100 / 3)
    assert s.set_index("item").loc["q1", "pct_top"] == 75.0


def test_ties_in_agreement_go_to_the_item_with_fewer_negative_answers_then_form_order():
    frame = pd.DataFrame({"id": [1, 2, 3], "q1": [1, 3, 3], "q2": [1, 2, 3], "q3": [1, 2, 2]})
    s = satisfaction_summary(satisfaction_long(frame, TOY, id_col="id"))
    assert s["item"].tolist() == ["q3", "q2", "q1"]   # all 1 of 3; not true 0, 1, 2


def test_claims_find_the_lowest_and_the_tied_top_items():
    frame = pd.DataFrame({"id": range(18),
                          "q1": [1] * 16 + [2] * 2,
                          "q2": [1] * 11 + [2] * 7,
                          "q3": [1] * 16 + [2, 2]})
    claims = satisfaction_claims(satisfaction_long(frame, TOY, id_col="id"))
    assert claims.respondents == 18
    assert (claims.top_count, claims.top_n) == (16, 18)
    assert claims.top_items == ("felt listened to", "venue suited me")
    assert (claims.lowest_top, claims.lowest_top_n) == (11, 18)
    assert claims.lowest_items == ("seen quickly",)
    assert claims.not_true_answers == 0 and claims.items_with_not_true == 0
    assert claims.all_items_above(60)          # 11 of 18 = 61.1%
    assert not claims.all_items_above(61.2)


def test_exactly_sixty_percent_is_not_above_sixty():
    frame = pd.DataFrame({"id": range(5), "q1": [1, 1, 1, 2, 3], "q2": [1] * 5, "q3": [1] * 5})
    claims = satisfaction_claims(satisfaction_long(frame, TOY, id_col="id"))
    assert (claims.lowest_top, claims.lowest_top_n) == (3, 5)
    assert not claims.all_items_above(60)
    assert claims.not_true_answers == 1 and claims.items_with_not_true == 1


def test_default_order_is_certainly_partly_not():
    assert SATISFACTION_ORDER == ("certainly true", "partly true", "not true")


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


# --- printed percentages --------------------------------------------------------------------------

@pytest.mark.parametrize(("printed", "n", "possible"), [
    (16, 8, ()),            # 1 of 8 = 12.5%, 2 of 8 = 25%
    (38, 8, (3,)),          # 37.5% rounded up
    (63, 8, (5,)),          # 62.5% rounded up
    (88, 8, (7,)),          # 87.5%
    (75, 8, (6,)),
    (60, 5, (3,)),
    (80, 10, (8,)),
    (33, 3, (1,)),
])
def test_possible_counts_for_printed_percentages(printed, n, possible):
    assert check_printed_percent(printed, 0, n).possible_counts == possible


def test_one_decimal_printed_percentage():
    assert check_printed_percent(88.9, 16, 18, decimals=1).consistent
    assert not check_printed_percent(88.9, 15, 18, decimals=1).consistent


def test_check_rejects_impossible_counts():
    with pytest.raises(ValueError, match="9 of 8"):
        check_printed_percent(50, 9, 8)


def test_notes_word_each_case():
    assert percent_note(check_printed_percent(75, 6, 8), "felt referrals were suitable") == \
        "The data give 6 of 8 (75%) felt referrals were suitable, as printed."
    assert percent_note(check_printed_percent(16, 1, 8), "ambivalence") == (
        "The report printed 16% for ambivalence, a share no whole number of 8 respondents "
        "can give; the data give 1 of 8 (12%).")
    assert percent_note(check_printed_percent(63, 5, 8), "with no safety concerns") == (
        "The data give 5 of 8 (62%) with no safety concerns; the exact share, 62.5%, lies "
        "halfway between two whole percentages, and the report rounded it to 63% while this "
        "book rounds halves to the even figure.")
    assert percent_note(check_printed_percent(50, 3, 8), "x") == (
        "The report printed 50% for x, which would need 4 of 8 (50%); the data give 3 of 8 (38%).")


# --- question tables with printed figures ---------------------------------------------------------

from helpers.surveys import (  # noqa: E402
    Question,
    coded_theme_table,
    discrepancy_paragraph,
    events_with_printed,
    question_gt,
    question_table,
    satisfaction_gt,
    satisfaction_sentences,
    unanimous_themes,
)

SURVEY = pd.DataFrame({
    "id": ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10"],
    "heard": ["a"] * 8 + ["b"] * 2,
    "safe": [False] * 5 + [True] * 3 + [None, None],
    "reason": ["late"] * 3 + ["covid"] * 2 + ["work"] * 2 + ["doubt"] + [None, None],
    "supervision": ["excellent"] * 7 + ["good"] + [None, None],
})
PRINTED = {"q.heard_a": 8, "q.no_safety_pct": 63, "q.reasons_pct.doubt": 16, "q.reasons_pct.late": 38}
QUESTIONS = (
    Question("heard", "Heard via", {"a": "A", "b": "B"}, {"a": "q.heard_a"}),
    Question("safe", "Safety worries", {False: "None", True: "Some"}, {False: "q.no_safety_pct"}),
    Question("reason", "Main reason", {"late": "Late", "covid": "Covid", "work": "Work",
                                       "doubt": "Doubt"},
             {"doubt": "q.reasons_pct.doubt", "late": "q.reasons_pct.late"}),
)


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


def test_discrepancy_paragraph_words_the_tie_and_the_impossible_share_only():
    t = question_table(SURVEY, QUESTIONS, PRINTED)
    text = discrepancy_paragraph([t], {"q.no_safety_pct": "with no worries",
                                       "q.reasons_pct.doubt": "doubt"})
    assert text == (
        "The data give 5 of 8 (62%) with no worries; the exact share, 62.5%, lies halfway between "
        "two whole percentages, and the report rounded it to 63% while this book rounds halves to "
        "the even figure. The report printed 16% for doubt, a share no whole number of 8 "
        "respondents can give; the data give 1 of 8 (12%).")
    clean = question_table(SURVEY, QUESTIONS[:1], PRINTED)
    assert discrepancy_paragraph([clean]) == \
        "Every printed percentage is what the counts give, rounded the same way."


def test_question_gt_shows_counts_with_denominators_and_marks_disagreement():
    html = question_gt(question_table(SURVEY, QUESTIONS, PRINTED)).as_raw_html()
    assert "5 of 8 (62%)" in html and "8 of 10 (80%)" in html
    assert "✗ no" in html and "✓ yes (rounding)" in html


def test_coded_themes_count_respondents_over_those_who_answered():
    themes = {"sup": ("Supervision excellent", "supervision", "excellent"),
              "safe": ("Had safety worries", "safe", True)}
    t = coded_theme_table(SURVEY, themes, id_col="id")
    assert t[["theme", "n", "denominator"]].values.tolist() == [["sup", 7, 8], ["safe", 3, 8]]
    assert unanimous_themes(t) == "None of the 2 themes was raised by everyone who answered its question."
    everyone = coded_theme_table(SURVEY, {"a": ("Heard via A", "heard", "a"),
                                          "b": ("Heard via B", "heard", "b"),
                                          "x": ("Prepared", "id", "T1")}, id_col="id")
    assert everyone["n"].tolist() == [8, 2, 1]
    assert unanimous_themes(everyone.assign(n=[10, 2, 1])) == (
        "1 of the 3 themes were raised by every therapist who answered the question behind them: "
        "“heard via A”.")


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


def test_satisfaction_table_and_sentences():
    frame = pd.DataFrame({"id": range(18), "q1": [1] * 16 + [2] * 2,
                          "q2": [1] * 11 + [2] * 7, "q3": [1] * 16 + [2, 2]})
    long = satisfaction_long(frame, TOY, id_col="id")
    summary, claims = satisfaction_summary(long), satisfaction_claims(long)
    html = satisfaction_gt(summary).as_raw_html()
    assert "16 of 18 (89%)" in html and "11 of 18 (61%)" in html and "0 of 18 (0%)" in html
    printed = {"every_item_certainly_true_pct_over": 60, "no_item_answered_not_true": True,
               "top_items_certainly_true_pct": 88.9, "top_items": ["listened", "venue"]}
    text = satisfaction_sentences(summary, claims, printed, {"listened": "q1", "venue": "q3"})
    assert text.above_threshold.startswith("Every statement was answered “certainly true” by more "
                                           "than 60%")
    assert "11 of 18 (61%), for “seen quickly”" in text.above_threshold
    assert text.no_not_true == "No parent answered “not true” to any statement, which matches the report."
    assert text.top_items.endswith("They are the same 2 items the report names (in its own words) "
                                   "at 88.9%.")
    other = satisfaction_sentences(summary, claims, printed, {"listened": "q1", "venue": "q2"})
    assert other.top_items.endswith("The report names 2 items at 88.9%; 1 of them are among the "
                                    "statements with the highest share in the data.")
    with pytest.raises(KeyError, match="venue"):
        satisfaction_sentences(summary, claims, printed, {"listened": "q1"})
