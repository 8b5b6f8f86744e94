"""Tests of helpers.pup.agreement: how many printed figures the records reproduce."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.pup.agreement import matches_count, printed_agreement, printed_agreement_text


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


def test_matches_count_zero_one_and_many():
    assert matches_count(pd.DataFrame({"matches": [False, False]})) == (0, 2)
    assert matches_count(pd.DataFrame({"matches": [True]})) == (1, 1)
    assert matches_count(pd.DataFrame({"matches": [True, False, True]})) == (2, 3)
    assert matches_count(pd.DataFrame({"ok": [True, False]}), column="ok") == (1, 2)
    with pytest.raises(ValueError, match="no rows"):
        matches_count(pd.DataFrame({"matches": []}))


def test_matches_count_of_the_shipped_ethnicity_checks():
    from helpers.published import published
    from helpers.pup.data import load_pup
    from helpers.pup.participants import demographic_base, ethnicity_percent_checks, ethnicity_table

    table = ethnicity_table(demographic_base(load_pup().analysis()))
    printed = published("parenting-under-pressure")["demographics"]["ethnicity"]["printed_pct"]
    assert matches_count(ethnicity_percent_checks(table, printed)) == (14, 14)
