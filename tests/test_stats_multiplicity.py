"""Tests of helpers.stats.multiplicity against hand-computed Holm and Benjamini-Hochberg values."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.published import published
from helpers.stats.multiplicity import add_adjusted_p, adjust_pvalues
from helpers.stats.paired import paired_comparison


def test_holm_hand_computed() -> None:
    # sorted: .005×4 = .02, .01×3 = .03, .03×2 = .06, .04×1 = .04 -> running max .06
    assert adjust_pvalues([0.01, 0.04, 0.03, 0.005]).tolist() == pytest.approx([0.03, 0.06, 0.06, 0.02])


def test_bh_hand_computed() -> None:
    # sorted: .005×4/1 = .02, .01×4/2 = .02, .03×4/3 = .04, .04×4/4 = .04
    assert adjust_pvalues([0.01, 0.04, 0.03, 0.005], "bh").tolist() == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert adjust_pvalues([0.01, 0.04], "bonferroni").tolist() == pytest.approx([0.02, 0.08])


def test_holm_on_published_family_of_outcomes() -> None:
    rows = [r for r in published("parenting-under-pressure")["table_1_paired"] if r["group"] == "all"]
    p = [r["p"] for r in rows]  # CORE-10 .013, risk .019, CSI-4 .127, arguments .037
    adjusted = dict(zip([r["measure"] for r in rows], adjust_pvalues(p)))
    assert adjusted["core10"] == pytest.approx(0.052)
    assert adjusted["risk"] == pytest.approx(0.057)
    assert adjusted["argument"] == pytest.approx(0.074)
    assert adjusted["csi4"] == pytest.approx(0.127)


def test_caps_at_one_and_edge_cases() -> None:
    assert adjust_pvalues([0.6, 0.7]).tolist() == pytest.approx([1.0, 1.0])
    assert adjust_pvalues([0.02]).tolist() == [0.02]
    assert adjust_pvalues([]).size == 0


def test_rejects_missing_or_invalid() -> None:
    with pytest.raises(ValueError, match=r"position 1: nan"):
        adjust_pvalues([0.01, np.nan])
    with pytest.raises(ValueError, match="position 0: 1.2"):
        adjust_pvalues([1.2])
    with pytest.raises(ValueError, match="method"):
        adjust_pvalues([0.1], "sidak")  # type: ignore[arg-type]


def test_add_adjusted_p_to_paired_results() -> None:
    a = paired_comparison([10, 12, 9, 14, 8], [8, 11, 9, 10, 7], label="a")
    b = paired_comparison([1, 5, 2, 8], [2, 3, 2, 5], label="b")
    table = add_adjusted_p([a, b])
    expected = adjust_pvalues([a.p, b.p])
    assert table["p_adjusted"].tolist() == pytest.approx(expected.tolist())
    # Holm with two tests: the smaller p doubles; the larger becomes max(itself, doubled smaller)
    small, large = sorted([a.p, b.p])
    by_hand = {small: min(1.0, 2 * small), large: min(1.0, max(large, 2 * small))}
    assert table["p_adjusted"].tolist() == pytest.approx([by_hand[a.p], by_hand[b.p]])
    assert set(table["p_adjustment"]) == {"holm"}
    assert list(table["label"]) == ["a", "b"]
    single = paired_comparison([3], [1], label="n=1")
    with pytest.raises(ValueError, match=r"rows \(labels\): \['a', 'n=1'\]"):
        add_adjusted_p([a, single])
