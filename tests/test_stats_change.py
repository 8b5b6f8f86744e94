"""Tests of helpers.stats.change (Jacobson & Truax reliable and clinically significant change)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.published import published
from helpers.stats.change import (
    CHANGE_CATEGORIES,
    change_summary,
    classify_change,
    in_clinical_range,
    reliable_change_index,
    reliable_change_threshold,
)

CORE10 = published("parenting-under-pressure")["measures"]["core10"]


def test_threshold_and_rci_hand_computed() -> None:
    # SD 10, r = .80: SE = 10·√.2 = 4.4721, S_diff = √2·SE = 6.3246, threshold 1.96·S_diff = 12.3961
    assert reliable_change_threshold(10, 0.8) == pytest.approx(12.39613, abs=1e-5)
    rci = reliable_change_index([30, 30], [20, 43], sd=10, reliability=0.8)
    assert rci.tolist() == pytest.approx([-10 / 6.324555, 13 / 6.324555], rel=1e-6)
    assert reliable_change_threshold(10, 0.8, z=1.0) == pytest.approx(6.324555, rel=1e-6)


def test_threshold_rejects_impossible_inputs() -> None:
    with pytest.raises(ValueError, match="reliability"):
        reliable_change_threshold(5, 1.0)
    with pytest.raises(ValueError, match="sd"):
        reliable_change_threshold(0, 0.9)


@pytest.mark.parametrize(
    ("pre", "post", "expected"),
    [
        (20, 10, "recovered"),              # fell 10, 20 (clinical) -> 10 (not)
        (16, 10, "recovered"),              # fell exactly 6: the threshold counts as reliable
        (11, 5, "recovered"),               # 11 is the cut-off and is in the clinical range
        (20, 14, "reliably improved"),      # fell 6 but still at or above 11
        (17, 11, "reliably improved"),      # ended exactly at the cut-off: still clinical
        (10, 4, "reliably improved"),       # started outside the clinical range
        (16, 11, "no reliable change"),     # fell 5
        (12, 8, "no reliable change"),      # crossed the cut-off but fell only 4
        (5, 11, "reliably deteriorated"),   # rose exactly 6
        (25, 35, "reliably deteriorated"),
    ],
)
def test_core10_rules(pre: int, post: int, expected: str) -> None:
    result = classify_change([pre], [post], cutoff=CORE10["clinical_cutoff"],
                             reliable_change=CORE10["reliable_change_points"])
    assert result.iloc[0] == expected


def test_strictly_above_rule_changes_cutoff_cases() -> None:
    r = classify_change([11, 17], [5, 11], cutoff=11, reliable_change=6, clinical_if="above")
    # 11 at intake is not clinical under "above"; 11 at the end is not clinical either
    assert r.tolist() == ["reliably improved", "recovered"]


def test_higher_is_better_measure() -> None:
    # CSI-4: below 13.5 = dissatisfied (clinical); improvement is a rise
    r = classify_change([8, 8, 15, 20], [16, 12, 9, 21], cutoff=13.5, reliable_change=4,
                        higher_is="better", clinical_if="below")
    assert r.tolist() == ["recovered", "reliably improved", "reliably deteriorated",
                          "no reliable change"]


def test_threshold_from_sd_and_reliability() -> None:
    # threshold 12.396 points: a fall of 12 is not reliable, 12.4 is
    r = classify_change([30, 30.0], [18, 17.6], cutoff=20, sd=10, reliability=0.8)
    assert r.tolist() == ["no reliable change", "recovered"]
    with pytest.raises(ValueError, match="either reliable_change"):
        classify_change([1], [2], cutoff=1, reliable_change=6, sd=10, reliability=0.8)
    with pytest.raises(ValueError, match="either reliable_change"):
        classify_change([1], [2], cutoff=1)
    with pytest.raises(ValueError, match="both sd and reliability"):
        classify_change([1], [2], cutoff=1, sd=10)


def test_result_is_ordered_categorical_with_index() -> None:
    pre = pd.Series([20, 5], index=["p1", "p2"])
    post = pd.Series([9, 5], index=["p1", "p2"])
    r = classify_change(pre, post, cutoff=11, reliable_change=6)
    assert list(r.index) == ["p1", "p2"]
    assert list(r.cat.categories) == list(CHANGE_CATEGORIES) and r.cat.ordered
    # ordered by category (best first), not alphabetically
    assert r.sort_values().index.tolist() == ["p1", "p2"]


def test_missing_and_misaligned_inputs_raise() -> None:
    with pytest.raises(ValueError, match=r"1 of 3 pairs .* \(index 2\)"):
        classify_change([20, 15, None], [5, 5, 5], cutoff=11, reliable_change=6)
    with pytest.raises(ValueError, match="different indexes"):
        classify_change(pd.Series([1, 2]), pd.Series([1, 2], index=[3, 4]), cutoff=1,
                        reliable_change=6)
    with pytest.raises(ValueError, match="not finite numbers"):
        classify_change(["20"], [5], cutoff=11, reliable_change=6)
    with pytest.raises(ValueError, match="higher_is"):
        classify_change([1], [2], cutoff=1, reliable_change=6, higher_is="lower")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="clinical_if"):
        in_clinical_range([1], 1, "over")  # type: ignore[arg-type]


def test_summary_matches_published_shape() -> None:
    # The report's 5 of 9 distressed parents reaching reliable and clinically significant change
    pre = [20, 18, 25, 14, 30, 12, 22, 16, 19]
    post = [8, 10, 10, 6, 20, 9, 21, 13, 4]
    r = classify_change(pre, post, cutoff=11, reliable_change=6)
    s = change_summary(r)
    assert list(s["category"]) == [*CHANGE_CATEGORIES, "Missing", "Total"]
    recovered = s.set_index("category").loc["recovered"]
    assert recovered["n"] == 5 and round(recovered["percent"]) == 56
    assert recovered["denominator"] == 9
    assert s.set_index("category").loc["reliably improved", "n"] == 1  # 30 -> 20
    assert s.set_index("category").loc["reliably deteriorated", "n"] == 0
    assert math.isnan(s.set_index("category").loc["Total", "percent"])
