"""helpers.pup.satisfaction_text: the satisfaction chapter's sentences, facts and table."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.pup.data import load_pup
from helpers.pup.satisfaction_text import (
    excluded_forms_sentence,
    illustrative_sentence,
    satisfaction_findings,
    satisfaction_table,
)
from helpers.pup.surveys import satisfaction_results
from helpers.satisfaction import satisfaction_claims, satisfaction_long, satisfaction_summary
from helpers.scoring import Instrument, Item

TOY = Instrument(
    "toy", "Toy form",
    (Item("q1", "felt listened to", 1, 3), Item("q2", "seen quickly", 1, 3),
     Item("q3", "venue suited me", 1, 3)),
    combine="mean",
)
PRINTED = {"every_item_certainly_true_pct_over": 60, "no_item_answered_not_true": True,
           "top_items_certainly_true_pct": 88.9, "top_items": ["listened", "venue"]}
ITEM_OF = {"listened": "q1", "venue": "q3"}


def _findings(frame: pd.DataFrame, printed=PRINTED, item_of=ITEM_OF):
    long = satisfaction_long(frame, TOY, id_col="id")
    summary, claims = satisfaction_summary(long), satisfaction_claims(long)
    return summary, satisfaction_findings(summary, claims, printed, item_of)


def test_findings_when_the_records_agree_with_the_report():
    # 16 of 18 on q1 and q3, 11 of 18 on q2; nobody answered "not true"
    frame = pd.DataFrame({"id": range(18), "q1": [1] * 16 + [2] * 2,
                          "q2": [1] * 11 + [2] * 7, "q3": [1] * 16 + [2, 2]})
    _, f = _findings(frame)
    assert f.range_sentence == (
        "The share answering “certainly true” ranged from 11 of 18 (61%), for “seen quickly”, to "
        "16 of 18 (89%), reached by two statements: “felt listened to” and “venue suited me”.")
    assert f.not_true_sentence == "No parent answered “not true” to any statement."
    assert f.report_differences == ""
    assert f.broadly_positive and f.options == 3
    assert f.one_parent_points == pytest.approx(100 / 18)


def test_findings_name_each_claim_the_records_contradict():
    # q1: 3 of 5 (60%, not above 60); one "not true"; top share 5 of 5 on q2 and q3
    frame = pd.DataFrame({"id": range(5), "q1": [1, 1, 1, 2, 3], "q2": [1] * 5, "q3": [1] * 5})
    _, f = _findings(frame)
    assert f.report_differences == (
        "The report says every statement was answered “certainly true” by more than 60% of "
        "parents; in these records the lowest share is 3 of 5 (60%). The report says no parent "
        "answered “not true”; these records hold one such answer. The report names two "
        "statements with the highest share, 88.9%; these records give “seen quickly” and “venue "
        "suited me” at 5 of 5 (100.0%). @sec-calibration-check sets the printed figures beside "
        "the records.")
    assert f.not_true_sentence == "There was one “not true” answer, across one statement."
    assert not f.broadly_positive
    with pytest.raises(KeyError, match="venue"):
        _findings(frame, item_of={"listened": "q1"})


def test_findings_when_every_statement_has_the_same_share():
    frame = pd.DataFrame({"id": range(2), "q1": [1, 2], "q2": [1, 2], "q3": [2, 1]})
    _, f = _findings(frame)
    assert f.range_sentence == ("Every statement was answered “certainly true” by 1 of 2 (50%) "
                                "of the parents who answered it.")
    assert not f.broadly_positive  # half is not more than half


def test_excluded_and_illustrative_sentences_zero_one_and_many():
    assert excluded_forms_sentence(1) == (
        "A further form came from a parent who did not give that consent; it was removed when the "
        "data were loaded and is not counted anywhere in this chapter.")
    assert excluded_forms_sentence(0) == "No form came from a parent without that consent."
    assert excluded_forms_sentence(12).startswith("A further 12 forms came from parents")
    assert illustrative_sentence(0) == "The published report describes every one of them."
    assert illustrative_sentence(1).endswith("one statement; its paraphrase is marked as "
                                             "illustrative.")


def test_satisfaction_table_leaves_out_an_answer_nobody_gave():
    frame = pd.DataFrame({"id": range(4), "q1": [1, 1, 1, 2], "q2": [1, 2, 2, 2],
                          "q3": [1, 1, 1, 1]})
    summary, _ = _findings(frame)
    html = satisfaction_table(summary).as_raw_html()
    assert "3 of 4 (75%)" in html and "Not true" not in html
    assert "No parent answered “not true”, so that column is left out." in html
    assert "no blank answers in all" in html
    with_all = pd.DataFrame({"id": range(3), "q1": [1, 2, 3], "q2": [1, 1, 1], "q3": [1, 1, 1]})
    html = satisfaction_table(_findings(with_all)[0]).as_raw_html()
    assert "Not true" in html and "left out" not in html


def test_the_shipped_forms():
    r = satisfaction_results(load_pup().analysis())
    f = r.findings
    assert f.report_differences == ""
    assert f.broadly_positive
    assert f.range_sentence.startswith("The share answering “certainly true” ranged from 11 of 18 "
                                       "(61%)")
    assert "reached by six statements" in f.range_sentence
