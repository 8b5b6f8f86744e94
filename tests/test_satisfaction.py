"""helpers.satisfaction: Likert items as labels, counts per item, the claims and their wording."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.satisfaction import (
    SATISFACTION_ORDER,
    satisfaction_bar,
    satisfaction_claims,
    satisfaction_gt,
    satisfaction_long,
    satisfaction_sentences,
    satisfaction_summary,
)
from helpers.scoring import Instrument, Item

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


def test_satisfaction_table_and_sentences():
    frame = pd.DataFrame({"id": range(18), "q1": [1] * 16 + [2] * 2,
                          "q2": [1] * 11 + [2] * 7, "q3": [1] * 16 + [2, 2]})
    long = satisfaction_long(frame, TOY, id_col="id")
    summary, claims = satisfaction_summary(long), satisfaction_claims(long)
    html = satisfaction_gt(summary).as_raw_html()
    assert "16 of 18 (89%)" in html and "11 of 18 (61%)" in html and "0 of 18 (0%)" in html
    assert "each share is of the respondents who answered that item (0 blank answers" in html
    assert "of the parents who answered" in satisfaction_gt(summary, who="parent").as_raw_html()
    printed = {"every_item_certainly_true_pct_over": 60, "no_item_answered_not_true": True,
               "top_items_certainly_true_pct": 88.9, "top_items": ["listened", "venue"]}
    text = satisfaction_sentences(summary, claims, printed, {"listened": "q1", "venue": "q3"},
                                  who="parent")
    assert text.above_threshold.startswith("Every statement was answered “certainly true” by more "
                                           "than 60%")
    assert "11 of 18 (61%), for “seen quickly”" in text.above_threshold
    assert text.no_not_true == "No parent answered “not true” to any statement, which matches the report."
    assert text.top_items.endswith("They are the same 2 items the report names (in its own words) "
                                   "at 88.9%.")
    other = satisfaction_sentences(summary, claims, printed, {"listened": "q1", "venue": "q2"})
    assert other.top_items.endswith("The report names 2 items at 88.9%; 1 of them is among the "
                                    "statements with the highest share in the data.")
    with pytest.raises(KeyError, match="venue"):
        satisfaction_sentences(summary, claims, printed, {"listened": "q1"})
    default = satisfaction_sentences(summary, claims, printed, {"listened": "q1", "venue": "q3"})
    assert default.no_not_true.startswith("No respondent answered")
    assert "of the respondents who answered it" in default.above_threshold


def test_claims_count_items_and_blank_answers():
    claims = satisfaction_claims(long_toy())
    assert (claims.items, claims.blank_answers, claims.respondents) == (3, 1, 4)


def test_one_item_below_the_threshold_is_worded_as_a_disagreement():
    frame = pd.DataFrame({"id": range(5), "q1": [1, 1, 1, 2, 3], "q2": [1] * 5, "q3": [1] * 5})
    long = satisfaction_long(frame, TOY, id_col="id")
    summary, claims = satisfaction_summary(long), satisfaction_claims(long)
    printed = {"every_item_certainly_true_pct_over": 60, "top_items_certainly_true_pct": 100,
               "top_items": ["seen", "venue"]}
    text = satisfaction_sentences(summary, claims, printed, {"seen": "q2", "venue": "q3"})
    assert text.above_threshold == (
        "The report says every statement was answered “certainly true” by more than 60% of "
        "respondents, but the lowest share in the data is 3 of 5 (60%), for “felt listened to”.")
    assert text.no_not_true == ("The report says no respondent answered “not true”, but the data "
                                "hold 1 such answer across 1 statement.")
    assert text.top_items == (
        "The highest share, 5 of 5 (100.0%), was reached by 2 statements: “seen quickly” and "
        "“venue suited me”. They are the same 2 items the report names (in its own words) at "
        "100.0%.")


def test_satisfaction_bar_draws_one_bar_per_statement():
    import matplotlib.pyplot as plt

    fig = satisfaction_bar(long_toy(), xlabel="Share of respondents")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 3 and all(label[:1].isupper() for label in labels)
    assert ax.get_xlabel() == "Share of respondents"
    plt.close(fig)
