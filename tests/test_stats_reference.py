"""The statistics against values computed independently in R (tests/reference/stats_reference.R).

The fixture ``tests/reference/stats_reference.json`` holds each case's inputs and R's results
(``t.test``, ``wilcox.test``, ``coin::wilcoxsign_test``, ``binom.test``, a d_z interval from a
noncentral-t CDF integrated numerically, and Jacobson–Truax reliable change). R is not needed to
run these tests; rerun the script only to regenerate the fixture.
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import numpy as np
import pytest

from helpers.stats.change import (
    change_sensitivity,
    reliable_change_index,
    reliable_change_threshold,
)
from helpers.stats.clustered import clustered_change
from helpers.stats.paired import dz_interval, paired_comparison
from helpers.stats.sign import exact_sign_test

REFERENCE = json.loads((Path(__file__).parent / "reference" / "stats_reference.json")
                       .read_text(encoding="utf-8"))
PAIRED = {case["name"]: case for case in REFERENCE["paired"]}
#: The R script's name for each branch of the signed-rank convention -> PairedResult.wilcoxon_method
METHODS = {"exact": "exact", "coin": "exact conditional (permutation)",
           "normal": "normal approximation"}


@pytest.mark.parametrize("name", PAIRED)
def test_paired_comparison_agrees_with_r(name):
    case = PAIRED[name]
    r = paired_comparison(case["pre"], case["post"])
    assert r.n == case["n"] and r.df == case["df"] and r.n_zero == case["n_zero"]
    assert r.t == pytest.approx(case["t"], rel=1e-9)
    assert r.p == pytest.approx(case["p"], rel=1e-7)
    assert [r.diff_ci_low, r.diff_ci_high] == pytest.approx(case["diff_ci"], rel=1e-9)
    assert r.dz == pytest.approx(case["dz"], rel=1e-9)
    assert [r.dz_ci_low, r.dz_ci_high] == pytest.approx(case["dz_ci"], rel=1e-6)
    assert r.wilcoxon_stat == pytest.approx(case["wilcoxon_stat"], rel=1e-12)
    assert r.wilcoxon_p == pytest.approx(case["wilcoxon_p"], rel=1e-9)
    assert r.wilcoxon_method == METHODS[case["wilcoxon_method"]]


def test_a_continuity_correction_would_be_caught():
    """The convention is no continuity correction: R's corrected p differs from ours, visibly."""
    case = PAIRED["integer sums, ties, n = 20"]
    r = paired_comparison(case["pre"], case["post"])
    assert r.wilcoxon_method == "normal approximation"
    assert r.wilcoxon_p != pytest.approx(case["wilcoxon_with_continuity"], rel=1e-3)


@pytest.mark.parametrize("name", ["means of 3 items, n = 16", "means of 3 items, n = 30"])
def test_ties_in_mean_scored_data_are_restored(name):
    """Means of three items: float noise must not break ties (R ranks the exact sums)."""
    case = PAIRED[name]
    d = np.array(case["pre"]) - np.array(case["post"])
    exact = np.round(d * 3)
    assert len(np.unique(np.abs(exact[exact != 0]))) < len(exact[exact != 0])  # the case has ties
    for resolution in (None, 1 / 3):
        r = paired_comparison(case["pre"], case["post"], resolution=resolution)
        assert r.wilcoxon_p == pytest.approx(case["wilcoxon_p"], rel=1e-9)


def test_float_noise_alone_no_longer_changes_the_signed_rank_p():
    """Equal differences built two ways (2/3 as a mean and as 1 - 1/3) rank as ties."""
    pre = [2 / 3 + k for k in range(8)] + [1.0 + k for k in range(6)]
    post = [0.0 + k for k in range(8)] + [1 / 3 + k for k in range(6)]
    noisy = paired_comparison(pre, post)
    clean = paired_comparison([round(3 * v) for v in pre], [round(3 * v) for v in post])
    assert noisy.wilcoxon_p == pytest.approx(clean.wilcoxon_p, rel=1e-12)


def test_off_grid_differences_are_an_error():
    with pytest.raises(ValueError, match="not multiples of the resolution 0.5"):
        paired_comparison([1.0, 2.0, 3.3], [0.0, 0.5, 1.0], resolution=0.5)


def test_exact_conditional_branch_is_used_and_named_for_small_tied_samples():
    r = paired_comparison(PAIRED["ties and a zero, n = 12"]["pre"],
                          PAIRED["ties and a zero, n = 12"]["post"])
    assert r.wilcoxon_method == "exact conditional (permutation)"
    r = paired_comparison(PAIRED["distinct differences, n = 10"]["pre"],
                          PAIRED["distinct differences, n = 10"]["post"])
    assert r.wilcoxon_method == "exact"


@pytest.mark.parametrize("case", REFERENCE["sign_test"], ids=lambda c: f"{c['better']}-{c['worse']}")
def test_exact_sign_test_agrees_with_r_binom_test(case):
    assert exact_sign_test(case["better"], case["worse"]).p == pytest.approx(case["p"], rel=1e-12)


def test_loaf_type_steps_use_the_exact_sign_test_not_the_normal_approximation():
    exact = exact_sign_test(13, 11).p
    assert exact == pytest.approx(0.838819742202759, rel=1e-9)
    assert exact != pytest.approx(REFERENCE["loaf_normal_p"], abs=0.1)  # the printed .683


def test_mcnemar_without_discordant_pairs_is_nan_with_a_reason():
    result = exact_sign_test(0, 0)
    assert math.isnan(result.p) and "no change" in result.note


@pytest.mark.parametrize("case", REFERENCE["dz_large_t"], ids=lambda c: f"t={c['t']:g}")
def test_dz_interval_at_large_t_agrees_with_r_integration(case):
    start = time.perf_counter()
    lo, hi = dz_interval(case["t"], case["n"])
    assert time.perf_counter() - start < 1.0
    assert [lo, hi] == pytest.approx(case["ci"], rel=2e-5)
    assert lo < case["t"] / math.sqrt(case["n"]) < hi


@pytest.mark.parametrize("scale", [1e-17, 1e-12, 1e-9])
def test_near_constant_differences_are_nan_with_a_reason_and_return_fast(scale):
    rng = np.random.default_rng(1)
    post = rng.integers(0, 10, size=20).astype(float)
    pre = post + 1 / 3 + rng.normal(0, scale, size=20)
    start = time.perf_counter()
    r = paired_comparison(pre, post)
    assert time.perf_counter() - start < 1.0
    if scale < 1e-14:  # indistinguishable from constant in double precision (R's rule)
        assert math.isnan(r.t) and math.isnan(r.dz) and math.isnan(r.dz_ci_low)
        assert "every difference is the same" in r.note
        assert r.diff_ci_low == r.diff_ci_high == pytest.approx(1 / 3)
    else:  # tiny but real spread: huge t, and an interval that still contains its estimate
        assert r.note == ""
        assert r.dz_ci_low < r.dz < r.dz_ci_high


def test_reliable_change_criteria_agree_with_r():
    ref = REFERENCE["reliable_change"]
    sd = float(np.std(ref["pre"], ddof=1))
    assert sd == pytest.approx(ref["intake_sd"], rel=1e-12)
    jt = reliable_change_threshold(sd, ref["reliability"])
    assert jt == pytest.approx(ref["jt_threshold"], rel=1e-12)
    rci = reliable_change_index(ref["pre"], ref["post"], sd, ref["reliability"])
    assert rci.tolist() == pytest.approx(ref["rci"], rel=1e-12)
    table = change_sensitivity(ref["pre"], ref["post"], {"6 points": 6.0, "JT": jt},
                               cutoff=ref["cutoff"]).set_index("criterion")
    for name, key in (("6 points", "counts_fixed_6"), ("JT", "counts_jt")):
        assert table.loc[name, list(ref[key])].tolist() == list(ref[key].values())
        assert table.loc[name, "n"] == len(ref["pre"])


def test_couple_level_sensitivity_agrees_with_r_sandwich():
    ref = REFERENCE["clustered"]
    out = clustered_change(ref["pre"], ref["post"], ref["couple"]).set_index("analysis")
    robust, means = out.loc["cluster-robust"], out.loc["cluster means"]
    assert robust["diff_mean"] == pytest.approx(ref["robust_mean"], rel=1e-12)
    assert robust["t"] == pytest.approx(ref["robust_t"], rel=1e-9)
    assert robust["df"] == ref["robust_df"]
    assert robust["p"] == pytest.approx(ref["robust_p"], rel=1e-8)
    assert [robust["ci_low"], robust["ci_high"]] == pytest.approx(ref["robust_ci"], rel=1e-9)
    assert means["t"] == pytest.approx(ref["means_t"], rel=1e-9)
    assert means["p"] == pytest.approx(ref["means_p"], rel=1e-8)
    assert [means["ci_low"], means["ci_high"]] == pytest.approx(ref["means_ci"], rel=1e-9)
    assert means["units"] == means["clusters"] == len(set(ref["couple"]))


def test_couple_level_sensitivity_with_one_cluster_says_why():
    out = clustered_change([3, 4], [1, 1], ["a", "a"]).set_index("analysis")
    assert math.isnan(out.loc["cluster means", "p"]) and math.isnan(out.loc["cluster-robust", "p"])
    assert out.loc["cluster-robust", "note"] == "fewer than two clusters: nothing to compare"
