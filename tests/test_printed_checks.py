"""helpers.printed_checks: printed figures against counts, their wording, the comparison table."""

from __future__ import annotations

import pytest
from survey_examples import PRINTED, QUESTIONS, SURVEY

from helpers.printed_checks import (
    check_printed_percent,
    compare_printed,
    contradiction_sentence,
    disagreeing_figures,
    discrepancy_paragraph,
    is_percent_path,
    percent_note,
    question_gt,
)
from helpers.surveys import question_table


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
        "can give; the data give 1 of 8 (13%).")
    assert percent_note(check_printed_percent(63, 5, 8), "with no safety concerns") == (
        "The data give 5 of 8 (63%) with no safety concerns, as printed.")  # half up, as printed
    assert percent_note(check_printed_percent(62, 5, 8), "with no safety concerns") == (
        "The data give 5 of 8 (63%) with no safety concerns; the exact share, 62.5%, lies "
        "halfway between two printed values, and the report rounded it down to 62% while this "
        "book rounds halves up.")
    assert percent_note(check_printed_percent(50, 3, 8), "x") == (
        "The report printed 50% for x, which would need 4 of 8 (50%); the data give 3 of 8 (38%).")


def test_discrepancy_paragraph_words_only_the_impossible_share():
    t = question_table(SURVEY, QUESTIONS, PRINTED)
    text = discrepancy_paragraph([t], {"q.no_safety_pct": "with no worries",
                                       "q.reasons_pct.doubt": "doubt"})
    assert text == (  # 5 of 8 printed as 63% agrees now that halves round up
        "The report printed 16% for doubt, a share no whole number of 8 "
        "respondents can give; the data give 1 of 8 (13%).")
    clean = question_table(SURVEY, QUESTIONS[:1], PRINTED)
    assert discrepancy_paragraph([clean]) == \
        "Every printed percentage is what the counts give, rounded the same way."


def test_disagreeing_figures_name_only_figures_the_answers_cannot_give():
    t = question_table(SURVEY, QUESTIONS, PRINTED)
    assert disagreeing_figures([t], {"q.reasons_pct.doubt": "doubt"}) == ["doubt"]
    named = disagreeing_figures([t])
    assert len(named) == 1 and named[0].endswith(")")  # answer (question), lowered
    assert disagreeing_figures([question_table(SURVEY, QUESTIONS[:1], PRINTED)]) == []
    assert disagreeing_figures([]) == []


def test_contradiction_sentence_zero_one_and_many():
    assert contradiction_sentence([]) == ""
    assert contradiction_sentence(["doubt"], reference="@sec-caveats-contradictions") == (
        "For doubt, the report printed a figure these answers cannot give; the book shows what "
        "the answers give (see @sec-caveats-contradictions).")
    assert contradiction_sentence(["a", "b", "c"]) == (
        "For a, b and c, the report printed figures these answers cannot give; the book shows "
        "what the answers give.")


def test_question_gt_shows_counts_with_denominators_and_marks_disagreement():
    html = question_gt(question_table(SURVEY, QUESTIONS, PRINTED)).as_raw_html()
    assert "5 of 8 (63%)" in html and "8 of 10 (80%)" in html
    assert "✗ no" in html and "✓ yes" in html and "(rounding)" not in html  # 5 of 8 agrees now




def test_a_path_names_a_percentage_when_any_part_ends_in_pct():
    assert is_percent_path("q.no_safety_pct")
    assert is_percent_path("q.reasons_pct.doubt")
    assert not is_percent_path("q.heard_a")
    assert not is_percent_path("q.pct_of_people")


def test_compare_printed_checks_counts_by_equality_and_percentages_by_rounding():
    count = compare_printed("q.heard_a", 8, 8, 10)
    assert (count["printed_kind"], count["agrees"], count["check"]) == ("count", True, None)
    assert compare_printed("q.heard_a", 7, 8, 10)["agrees"] is False
    share = compare_printed("q.no_safety_pct", 63, 5, 8)               # 62.5% printed as 63%
    assert (share["printed_kind"], share["agrees"]) == ("percent", True)
    assert share["check"].possible_counts == (5,)
    assert compare_printed("q.reasons_pct.doubt", 16, 1, 8)["agrees"] is False
    nothing = compare_printed("q.heard_b", None, 2, 10)
    assert nothing == {"printed_path": "q.heard_b", "printed": None, "printed_kind": None,
                       "check": None, "agrees": None}
    assert compare_printed(None, None, 2, 10)["printed_path"] is None
