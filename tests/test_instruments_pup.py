"""Scoring rules of the Parenting Under Pressure instruments, checked on hand-computed cases."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.scoring import score
from helpers.pup.instruments import (
    ARGUMENTS,
    CORE10,
    CSI4,
    INSTRUMENTS,
    RISK,
    SATISFACTION,
    make_risk,
)


def _frame(instrument, *rows):
    return pd.DataFrame([dict(zip(instrument.item_codes, r)) for r in rows])


def test_core10_reverse_keys_items_2_and_3():
    assert [i.reverse for i in CORE10.items] == [False, True, True] + [False] * 7
    # all 0 answers: items 2 and 3 score 4 each -> 8
    assert score(CORE10, _frame(CORE10, [0] * 10)).tolist() == [8.0]
    # 1,4,4,1,...: reverse items give 0; eight other items of 1 -> 8
    assert score(CORE10, _frame(CORE10, [1, 4, 4, 1, 1, 1, 1, 1, 1, 1])).tolist() == [8.0]
    # worst possible: 4 everywhere except 0 on the positive items -> 40
    assert score(CORE10, _frame(CORE10, [4, 0, 0, 4, 4, 4, 4, 4, 4, 4])).tolist() == [40.0]


def test_core10_prorates_one_missing_item_only():
    one_missing = [2, 2, 2, 2, 2, 2, 2, 2, 2, None]  # nine answered, keyed sum 18 -> 18 / 9 * 10
    two_missing = [2, 2, 2, 2, 2, 2, 2, 2, None, None]
    got = score(CORE10, _frame(CORE10, one_missing, two_missing)).tolist()
    assert got[0] == pytest.approx(20.0)
    assert math.isnan(got[1])
    # with a reversed item missing: answered keyed 3+1+0+... = 3 + (4-3) + 0*7 = 4 -> 4/9*10
    got = score(CORE10, _frame(CORE10, [3, 3, None, 0, 0, 0, 0, 0, 0, 0])).tolist()
    assert got[0] == pytest.approx(40 / 9)


def test_core10_cutoff_and_range():
    assert CORE10.cutoff == 11 and "11 or more" in CORE10.cutoff_rule
    assert CORE10.score_range == (0.0, 40.0)


def test_risk_includes_core10_item_6_and_is_not_prorated():
    assert RISK.item_codes == ["core10_06", "coreom_06", "coreom_09", "coreom_24", "coreom_34"]
    assert RISK.score_range == (0.0, 20.0)
    got = score(RISK, _frame(RISK, [1, 0, 2, 0, 3], [4, 4, 4, 4, 4], [1, None, 0, 0, 0])).tolist()
    assert got[:2] == [6.0, 20.0]
    assert math.isnan(got[2])


def test_risk_items_are_a_parameter():
    other = make_risk((9, 22))
    assert other.item_codes == ["core10_06", "coreom_09", "coreom_22"]
    assert other.score_range == (0.0, 12.0)


def test_csi4_unequal_ranges_sum_and_no_prorating():
    assert [(i.minimum, i.maximum) for i in CSI4.items] == [(0, 6), (0, 5), (0, 5), (0, 5)]
    assert CSI4.score_range == (0.0, 21.0)
    got = score(CSI4, _frame(CSI4, [6, 5, 5, 5], [3, 2, 4, 1], [6, 5, 5, None])).tolist()
    assert got[:2] == [21.0, 10.0]
    assert math.isnan(got[2])
    assert CSI4.higher_is == "better" and CSI4.cutoff == 13.5
    with pytest.raises(ValueError, match="outside"):
        score(CSI4, _frame(CSI4, [3, 6, 0, 0]))  # item 2 only goes to 5


def test_arguments_is_the_item_mean():
    got = score(ARGUMENTS, _frame(ARGUMENTS, [1, 2, 0], [3, 3, 3], [2, None, 1])).tolist()
    assert got[0] == pytest.approx(1.0)
    assert got[1] == pytest.approx(3.0)
    assert math.isnan(got[2])
    assert ARGUMENTS.score_range == (0.0, 3.0)


def test_satisfaction_items_and_codes():
    assert len(SATISFACTION.items) == 11
    assert all((i.minimum, i.maximum) == (1, 3) for i in SATISFACTION.items)
    with pytest.raises(ValueError):
        score(SATISFACTION, _frame(SATISFACTION, [0] + [1] * 10))


def test_every_item_has_a_summary_and_unique_code():
    for inst in INSTRUMENTS.values():
        codes = inst.item_codes
        assert len(codes) == len(set(codes))
        assert all(i.summary for i in inst.items)
        assert inst.reference
