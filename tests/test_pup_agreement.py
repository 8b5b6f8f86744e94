"""Tests of helpers.pup.agreement: how many printed figures the records reproduce."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.pup.agreement import (
    PrintedAgreement,
    printed_agreement,
    printed_agreement_text,
    printed_differences_sentence,
)
from helpers.pup.reproduce import reproduced_figures


def test_printed_agreement_counts_matches_and_names_mismatches():
    figures = pd.DataFrame({"path": ["flow.a", "flow.b", "other.c"], "printed": [1, 2.5, 3],
                            "reproduced": [1, 2.0, 3], "matches": [True, False, True],
                            "note": ["", "a-reading", ""]})
    agreement = printed_agreement(figures, ["flow."])
    assert (agreement.total, agreement.matched, agreement.readings) == (2, 1, ("a-reading",))
    text = printed_agreement_text(agreement, "the flow")
    assert text == ("1 of the 2 figures the report printed on the flow are reproduced from the "
                    "records; the others differ: flow.b (printed 2.5, records 2.00).")
    with pytest.raises(ValueError, match="no printed figure"):
        printed_agreement(figures, ["nothing."])


def test_printed_differences_sentence_zero_one_and_many():
    def agreement(total: int, matched: int) -> PrintedAgreement:
        return PrintedAgreement(total, matched, pd.DataFrame(), ())

    assert printed_differences_sentence(agreement(5, 5), "the flow") == ""
    assert printed_differences_sentence(agreement(5, 4), "the flow") == (
        "One of the five figures the report printed on the flow differs from the records "
        "(@sec-calibration-check).")
    assert printed_differences_sentence(agreement(12, 0), "sessions") == (
        "All 12 figures the report printed on sessions differ from the records "
        "(@sec-calibration-check).")
    assert printed_differences_sentence(agreement(1, 0), "age") == (
        "The one figure the report printed on age differs from the records "
        "(@sec-calibration-check).")


def test_the_participants_chapter_has_no_printed_difference_to_report():
    figures = reproduced_figures()
    for prefixes in (["flow."], ["sessions.intake", "sessions.post"], ["demographics."]):
        assert printed_differences_sentence(printed_agreement(figures, prefixes), "x") == ""
