"""Tests of helpers.stats.paired against hand-computed values, published figures and independent maths."""

from __future__ import annotations

import math
from dataclasses import FrozenInstanceError

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, optimize, stats

from helpers.published import published
from helpers.stats.paired import PairedResult, paired_comparison, paired_table

# Hand example: differences pre − post = [2, 1, 0, 4, 1]
PRE = [10, 12, 9, 14, 8]
POST = [8, 11, 9, 10, 7]


def test_hand_computed_example() -> None:
    r = paired_comparison(PRE, POST, label="hand")
    # mean d = 8/5; squared deviations .16+.36+2.56+5.76+.36 = 9.2, variance 9.2/4 = 2.3
    assert r.n == 5 and r.df == 4 and r.label == "hand"
    assert r.pre_mean == pytest.approx(10.6)
    assert r.post_mean == pytest.approx(9.0)
    assert r.pre_sd == pytest.approx(math.sqrt(23.2 / 4))  # squared deviations sum to 23.2
    assert r.post_sd == pytest.approx(math.sqrt(10 / 4))
    assert r.diff_mean == pytest.approx(1.6)
    assert r.diff_sd == pytest.approx(math.sqrt(2.3))
    assert r.t == pytest.approx(1.6 / math.sqrt(2.3 / 5))
    assert r.t == pytest.approx(2.35907, abs=1e-5)
    # two-sided p from the t distribution with 4 df
    assert r.p == pytest.approx(2 * stats.t.sf(1.6 / math.sqrt(2.3 / 5), 4))
    # 95% CI: 1.6 ± 2.776445 (t table, 4 df) × √(2.3/5)
    half = 2.776445 * math.sqrt(2.3 / 5)
    assert r.diff_ci_low == pytest.approx(1.6 - half, abs=1e-5)
    assert r.diff_ci_high == pytest.approx(1.6 + half, abs=1e-5)
    assert r.dz == pytest.approx(1.6 / math.sqrt(2.3))


def test_wilcoxon_hand_computed_with_zero_and_ties() -> None:
    # differences [1, 2, 0, -1, 3, 3]: the zero is discarded; |d| ranks 1.5, 3, 1.5, 4.5, 4.5.
    # Negative rank sum 1.5, positive 12 -> statistic 1.5. Of 2^5 = 32 equally likely sign
    # patterns, 3 give a negative sum <= 1.5 and 3 a positive sum <= 1.5 -> p = 6/32.
    r = paired_comparison([1, 2, 0, -1, 3, 3], [0, 0, 0, 0, 0, 0])
    assert r.n_zero == 1
    assert r.wilcoxon_stat == 1.5
    assert r.wilcoxon_p == pytest.approx(6 / 32)


def test_wilcoxon_all_positive_no_ties() -> None:
    # five distinct positive differences: statistic 0, exact p = 2 / 2^5
    r = paired_comparison([5, 4, 3, 2, 1], [0, 0, 0, 0, 0])
    assert r.wilcoxon_stat == 0 and r.wilcoxon_p == pytest.approx(2 / 32)


def test_difference_direction_is_pre_minus_post() -> None:
    r = paired_comparison([20, 18, 15, 22], [10, 12, 14, 9])
    assert r.diff_mean > 0 and r.t > 0 and r.dz > 0
    reverse = paired_comparison([10, 12, 14, 9], [20, 18, 15, 22])
    assert reverse.t == pytest.approx(-r.t)
    assert reverse.dz_ci_low == pytest.approx(-r.dz_ci_high)


def _differences_with(mean: float, sd: float, n: int) -> np.ndarray:
    """n differences with exactly the given mean and SD (ddof=1)."""
    z = np.linspace(-1, 1, n) ** 3
    z = (z - z.mean()) / z.std(ddof=1)
    return mean + sd * z


# "women" is left out: from its printed (rounded) mean and SD of the differences, p = .170, while
# the report prints .169 (from unrounded data) -- a rounding difference, not a method difference.
@pytest.mark.parametrize("group", ["all", "men"])
def test_reproduces_published_core10_tests(group: str) -> None:
    row = next(r for r in published("parenting-under-pressure")["table_1_paired"]
               if r["measure"] == "core10" and r["group"] == group)
    d = _differences_with(row["diff"][0], row["diff"][1], row["n"])
    post = np.full(row["n"], 10.0)
    r = paired_comparison(post + d, post)
    assert r.df == row["df"]
    assert round(r.t, 2) == pytest.approx(row["t"])
    assert round(r.p, 3) == pytest.approx(row["p"])


def _nct_cdf_by_quadrature(t: float, df: int, nc: float) -> float:
    """P(T <= t) for noncentral t, from its definition T = (Z + nc) / sqrt(V/df)."""
    def integrand(v: float) -> float:
        return stats.norm.cdf(t * math.sqrt(v / df) - nc) * stats.chi2.pdf(v, df)
    return integrate.quad(integrand, 0, np.inf, limit=200)[0]


def test_dz_interval_matches_independent_noncentral_t_inversion() -> None:
    rng = np.random.default_rng(7)
    pre = rng.normal(20, 5, 12)
    post = pre - rng.normal(2, 3, 12)
    r = paired_comparison(pre, post)
    n = r.n
    lo = optimize.brentq(lambda nc: 1 - _nct_cdf_by_quadrature(r.t, n - 1, nc) - 0.025, -20, 20)
    hi = optimize.brentq(lambda nc: _nct_cdf_by_quadrature(r.t, n - 1, nc) - 0.025, -20, 20)
    assert r.dz_ci_low == pytest.approx(lo / math.sqrt(n), abs=1e-6)
    assert r.dz_ci_high == pytest.approx(hi / math.sqrt(n), abs=1e-6)
    assert r.dz_ci_low < r.dz < r.dz_ci_high


def test_dz_interval_close_to_normal_approximation_for_large_n() -> None:
    # Hedges & Olkin-type large-sample SE of d_z: sqrt(1/n + dz^2 / (2n))
    d = _differences_with(0.5, 1.0, 400)
    r = paired_comparison(d, np.zeros(400))
    se = math.sqrt(1 / 400 + 0.5**2 / 800)
    assert r.dz == pytest.approx(0.5)
    assert r.dz_ci_low == pytest.approx(0.5 - 1.959964 * se, abs=0.005)
    assert r.dz_ci_high == pytest.approx(0.5 + 1.959964 * se, abs=0.005)


def test_confidence_level_changes_intervals() -> None:
    r95 = paired_comparison(PRE, POST)
    r90 = paired_comparison(PRE, POST, confidence=0.90)
    half90 = stats.t.ppf(0.95, 4) * math.sqrt(2.3 / 5)
    assert r90.diff_ci_high == pytest.approx(1.6 + half90)
    assert r90.confidence == 0.90
    assert r95.dz_ci_low < r90.dz_ci_low < r90.dz_ci_high < r95.dz_ci_high
    with pytest.raises(ValueError, match="confidence"):
        paired_comparison(PRE, POST, confidence=95)


def test_single_pair_gives_nan_inference() -> None:
    r = paired_comparison([7], [3])
    assert r.n == 1 and r.df == 0 and r.diff_mean == 4
    for name in ("pre_sd", "diff_sd", "diff_ci_low", "t", "p", "dz", "dz_ci_high"):
        assert math.isnan(getattr(r, name)), name
    assert r.wilcoxon_p == 1.0  # one non-zero difference: both sign patterns are as extreme


def test_identical_nonzero_differences() -> None:
    r = paired_comparison([5, 6, 7], [3, 4, 5])
    assert r.diff_mean == 2 and r.diff_sd == 0
    assert math.isnan(r.t) and math.isnan(r.p) and math.isnan(r.dz) and math.isnan(r.dz_ci_low)
    assert r.diff_ci_low == r.diff_ci_high == 2
    assert r.wilcoxon_stat == 0 and r.wilcoxon_p == pytest.approx(2 / 8)


def test_all_differences_zero() -> None:
    r = paired_comparison([5, 6, 7], [5, 6, 7])
    assert r.diff_mean == 0 and r.n_zero == 3
    assert math.isnan(r.t) and math.isnan(r.wilcoxon_stat) and math.isnan(r.wilcoxon_p)


def test_missing_values_raise_with_count_and_position() -> None:
    with pytest.raises(ValueError, match=r"CORE-10: 2 of 4 pairs .* index 1, 3"):
        paired_comparison([1, None, 3, 4], [1, 2, 3, np.nan], label="CORE-10")


def test_missing_values_dropped_only_on_request() -> None:
    pre = pd.Series([10, None, 12, 9, 14, 8], dtype="Float64", index=list("abcdef"))
    post = pd.Series([8, 5, 11, 9, 10, 7], dtype="Int64", index=list("abcdef"))
    with pytest.raises(ValueError, match="index b"):
        paired_comparison(pre, post)
    r = paired_comparison(pre, post, dropna=True)
    assert r.n == 5 and r.n_dropped == 1
    assert r.t == pytest.approx(paired_comparison(PRE, POST).t)


def test_bad_input_rejected() -> None:
    with pytest.raises(ValueError, match="pre has 3 values but post has 2"):
        paired_comparison([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match=r"post values that are not finite numbers \(1: 'x'\)"):
        paired_comparison([1, 2], [1, "x"])
    with pytest.raises(ValueError, match="not finite"):
        paired_comparison([1, np.inf], [1, 2])
    with pytest.raises(ValueError, match=r"pre values that are not finite numbers \(0: '12'\)"):
        paired_comparison(pd.Series(["12", 3], dtype=object), [1, 2])  # text is not coerced
    with pytest.raises(ValueError, match="True"):
        paired_comparison([True, 3], [1, 2])
    with pytest.raises(ValueError, match="different indexes"):
        paired_comparison(pd.Series([1, 2], index=[0, 1]), pd.Series([1, 2], index=[1, 0]))
    with pytest.raises(ValueError, match="no complete pair"):
        paired_comparison([None], [1], dropna=True)


def test_dz_is_not_pingouins_paired_cohen_d() -> None:
    pg = pytest.importorskip("pingouin")
    r = paired_comparison(PRE, POST)
    # pingouin divides by the average of the pre and post SDs (d_av), not the SD of differences
    d_av = 1.6 / math.sqrt((r.pre_sd**2 + r.post_sd**2) / 2)
    assert pg.compute_effsize(PRE, POST, paired=True, eftype="cohen") == pytest.approx(d_av)
    assert r.dz == pytest.approx(1.6 / math.sqrt(2.3)) and abs(r.dz - d_av) > 0.1


def test_wilcoxon_agrees_with_pingouin() -> None:
    pg = pytest.importorskip("pingouin")
    pre = [14, 20, 9, 31, 17, 22, 8, 12, 25, 19]
    post = [10, 15, 9, 20, 18, 11, 6, 12, 14, 13]
    r = paired_comparison(pre, post)
    # by hand: two zeros dropped; |d| ranks 1 (the only negative, -1), 2, 3, 4, 5, 7, 7, 7 ->
    # statistic 1; of 2^8 sign patterns, 4 have a rank sum <= 1 on either side -> p = 4/256
    assert r.wilcoxon_stat == 1 and r.wilcoxon_p == pytest.approx(4 / 256) and r.n_zero == 2
    ref = pg.wilcoxon(pre, post)
    assert r.wilcoxon_stat == ref["W_val"].item()
    assert r.wilcoxon_p == pytest.approx(ref["p_val"].item())


def test_result_is_frozen_and_to_frame_is_tidy_and_unrounded() -> None:
    r = paired_comparison(PRE, POST, label="hand")
    with pytest.raises(FrozenInstanceError):
        r.t = 0  # type: ignore[misc]
    frame = r.to_frame()
    assert frame.shape == (1, 23)
    assert list(frame.columns[:3]) == ["label", "n", "pre_mean"]
    assert frame.at[0, "diff_sd"] == r.diff_sd == pytest.approx(math.sqrt(2.3), rel=1e-12)
    assert frame.at[0, "label"] == "hand"
    table = paired_table([r, paired_comparison([5, 6, 8], [3, 4, 5], label="other")])
    assert list(table["label"]) == ["hand", "other"]
    assert isinstance(r, PairedResult)
    with pytest.raises(ValueError):
        paired_table([])
