"""Hand-computed scores for the PAIRS instruments (MORS-SF, PRFQ, PAI, goals, LOAF)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.scoring import score
from helpers.pairs.instruments import (
    INSTRUMENTS,
    LOAF_LEVELS,
    MORS_INVASION,
    MORS_WARMTH,
    PAI,
    PRFQ_CMS,
    PRFQ_IC,
    PRFQ_PM,
    PRFQ_TOTAL,
    goal_score,
    make_mors,
    make_prfq_total,
    mors_concern,
    pai_band,
)


def _mors(values: list[float | None]) -> pd.DataFrame:
    return pd.DataFrame([{f"mors_{k + 1:02d}": v for k, v in enumerate(values)}])


def test_mors_subscales_split_items_and_sum():
    # warmth = items 1,3,4,6,8,11,13 ; invasion = 2,5,7,9,10,12,14
    row = _mors([5, 0, 4, 3, 1, 5, 2, 4, 0, 1, 5, 3, 2, 4])
    assert score(MORS_WARMTH, row).iloc[0] == 5 + 4 + 3 + 5 + 4 + 5 + 2  # 28
    assert score(MORS_INVASION, row).iloc[0] == 0 + 1 + 2 + 0 + 1 + 3 + 4  # 11
    assert MORS_WARMTH.score_range == (0.0, 35.0)


def test_mors_prorates_one_missing_item_and_not_two():
    one = _mors([5, 0, 4, 3, 1, 5, 2, 4, 0, 1, None, 3, 2, 4])  # warmth item 11 missing
    assert score(MORS_WARMTH, one).iloc[0] == pytest.approx((5 + 4 + 3 + 5 + 4 + 2) / 6 * 7)
    two = _mors([None, 0, 4, 3, 1, 5, 2, 4, 0, 1, None, 3, 2, 4])
    assert math.isnan(score(MORS_WARMTH, two).iloc[0])
    assert score(MORS_INVASION, two).iloc[0] == 11


def test_mors_rejects_out_of_range_and_bad_keys():
    with pytest.raises(ValueError, match="outside 0–5"):
        score(MORS_WARMTH, _mors([6] + [0] * 13))
    with pytest.raises(ValueError, match="exactly once"):
        make_mors("warmth", warmth_items=(1, 2, 3, 4, 5, 6, 7), invasion_items=(7, 8, 9, 10, 11,
                                                                                 12, 13))


def test_mors_concern_rule():
    w = pd.Series([19.0, 20.0, 25.0, None])
    i = pd.Series([5.0, 12.0, 13.0, 5.0])
    assert mors_concern(w, i).tolist()[:3] == [True, False, True]
    assert pd.isna(mors_concern(w, i).iloc[3])


def _prfq(values: list[int]) -> pd.DataFrame:
    return pd.DataFrame([{f"prfq_{k + 1:02d}": v for k, v in enumerate(values)}])


def test_prfq_subscales_are_item_means_with_items_11_and_18_reversed():
    raw = list(range(1, 8)) + list(range(1, 8)) + [1, 2, 3, 4]  # items 1..18
    row = _prfq(raw)
    # PM items 1,4,7,10,13,16 -> raw 1,4,7,3,6,2
    assert score(PRFQ_PM, row).iloc[0] == pytest.approx((1 + 4 + 7 + 3 + 6 + 2) / 6)
    # CMS items 2,5,8,11,14,17 -> raw 2,5,1,4(rev 4),7,3 ; item 11 raw 4 -> 8-4 = 4
    assert score(PRFQ_CMS, row).iloc[0] == pytest.approx((2 + 5 + 1 + 4 + 7 + 3) / 6)
    # IC items 3,6,9,12,15,18 -> raw 3,6,2,5,1,4 ; item 18 raw 4 -> 4
    assert score(PRFQ_IC, row).iloc[0] == pytest.approx((3 + 6 + 2 + 5 + 1 + 4) / 6)
    skew = _prfq([7] * 18)
    assert score(PRFQ_CMS, skew).iloc[0] == pytest.approx((7 * 5 + 1) / 6)
    assert score(PRFQ_TOTAL, skew).iloc[0] == 7 * 16 + 1 + 1  # 114
    assert PRFQ_TOTAL.score_range == (18.0, 126.0)


def test_prfq_total_keying_is_a_parameter():
    plain = make_prfq_total(reverse_items=())
    assert score(plain, _prfq([7] * 18)).iloc[0] == 126


def test_pai_total_and_bands():
    row = pd.DataFrame([{f"pai_{k:02d}": (2 if k <= 10 else 3) for k in range(1, 22)}])
    total = score(PAI, row)
    assert total.iloc[0] == 10 * 2 + 11 * 3  # 53
    bands = pai_band(pd.Series([21.0, 42.0, 43.0, 63.0, 64.0, 84.0, None]))
    assert bands.tolist()[:6] == ["low", "low", "medium", "medium", "high", "high"]
    assert pd.isna(bands.iloc[6])
    assert PAI.score_range == (21.0, 84.0)


def test_goal_score_is_mean_of_rated_goals():
    g = pd.DataFrame({"participant_id": ["a", "a", "b", "c"], "rating": [4, 7, 10, None]})
    out = goal_score(g)
    assert out.to_dict() == {"a": 5.5, "b": 10.0}
    with pytest.raises(ValueError, match="outside 0-10"):
        goal_score(pd.DataFrame({"participant_id": ["a"], "rating": [11]}))


def test_registry_and_loaf_levels():
    assert set(INSTRUMENTS) == {"mors_warmth", "mors_invasion", "prfq_pm", "prfq_cms", "prfq_ic",
                                "prfq_total", "pai"}
    assert sorted(LOAF_LEVELS) == [1, 2, 3, 4]
