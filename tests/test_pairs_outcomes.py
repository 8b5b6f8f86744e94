"""PAIRS outcomes helpers: published figures reproduced, hand-computed cases, edge cases."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers.pairs.data import load_pairs, pip_outcomes_scored, tt_mors_concern, tt_scored
from helpers.pairs.outcomes import (
    WINDOWS,
    chapter_figures,
    concern_transition_table,
    evidence_words,
    figure_label,
    figures_agreeing,
    improvement_dz,
    measures_frame,
    pai_summary,
    pip_loaf_by_window,
    pip_mors_by_window,
    pip_mors_figure,
    pip_mors_gt,
    pip_window_overlap,
    printed_p_sentence,
    prfq_total_decomposition,
    relation_word,
    subscale_verdict,
    tt_attrition,
    tt_concern_change,
    tt_effects_figure,
    tt_loaf_change,
    tt_loaf_levels,
    tt_paired_outcomes,
)
from helpers.published import published
from helpers.stats.paired import paired_comparison


@pytest.fixture(scope="module")
def pairs():
    return load_pairs()


@pytest.fixture(scope="module")
def pip(pairs):
    return pip_outcomes_scored(pairs)


@pytest.fixture(scope="module")
def tt_out(pairs):
    return tt_paired_outcomes(pairs)


@pytest.fixture(scope="module")
def printed():
    return published("pairs")


# --- the measures table --------------------------------------------------------------------------

def test_measures_frame_ranges_and_directions():
    m = measures_frame().set_index("measure")
    assert m.loc["MORS-SF warmth", "range"] == "0–35"
    assert m.loc["MORS-SF invasion", "direction"] == "higher is worse"
    assert m.loc["PRFQ total (report's score)", "range"] == "18–126"
    assert m.loc["PRFQ pre-mentalizing", "range"] == "1–7"
    assert m.loc["PRFQ pre-mentalizing", "items"] == "6 (item mean)"
    assert m.loc["PRFQ pre-mentalizing", "direction"] == "higher is worse"
    assert m.loc["PAI", "range"] == "21–84"
    assert m.loc["Goal score", "range"] == "0–10"
    assert m.loc["DC:0-5 LOAF caregiving", "range"] == "1–4"
    assert "concern below 20" in m.loc["MORS-SF warmth", "reference_values"]
    assert "concern above 12" in m.loc["MORS-SF invasion", "reference_values"]
    assert len(m) == 9


# --- parent-infant psychotherapy ----------------------------------------------------------------

def test_mors_windows_reproduce_the_published_table(pip, printed):
    by = pip_mors_by_window(pip)
    assert list(by.index) == list(WINDOWS)
    for code, row in zip(WINDOWS, printed["pip_outcomes"]["mors_by_appointment_window"]):
        got = by.loc[code]
        assert got["n"] == row["n"]
        assert got["warmth_mean"] == pytest.approx(row["warmth"][0], abs=0.005)
        assert got["warmth_sd"] == pytest.approx(row["warmth"][1], abs=0.005)
        assert got["invasion_mean"] == pytest.approx(row["invasion"][0], abs=0.005)
        assert got["invasion_sd"] == pytest.approx(row["invasion"][1], abs=0.005)


def _toy_pip() -> pd.DataFrame:
    return pd.DataFrame({
        "client_id": ["A", "B", "C", "A", "C", "D", "E"],
        "window": ["initial", "initial", "initial", "closing", "10th-15th", "20th-65th", "initial"],
        "warmth": [20.0, 22.0, 30.0, 19.0, 25.0, 24.0, 18.0],
        "invasion": [10.0, 14.0, 12.0, 8.0, 9.0, 13.0, np.nan],  # E lacks invasion: left out
    })


def test_mors_windows_hand_computed():
    by = pip_mors_by_window(_toy_pip())
    init = by.loc["initial"]
    assert init["n"] == 3 and init["clients"] == 3
    assert init["warmth_mean"] == pytest.approx(24.0)
    assert init["warmth_sd"] == pytest.approx(math.sqrt(28.0))
    half = stats.t.ppf(0.975, 2) * math.sqrt(28.0) / math.sqrt(3)
    assert init["warmth_ci_low"] == pytest.approx(24.0 - half)
    assert init["warmth_ci_high"] == pytest.approx(24.0 + half)
    # concern: invasion 14 > 12 (B) only; warmth 20 is not below 20
    assert init["concern"] == 1 and init["warmth_below"] == 0 and init["invasion_above"] == 1
    closing = by.loc["closing"]  # a single record: mean but no SD or interval
    assert closing["n"] == 1 and closing["warmth_mean"] == 19.0
    assert math.isnan(closing["warmth_sd"]) and math.isnan(closing["warmth_ci_low"])
    assert closing["concern"] == 1  # warmth 19 < 20


def test_empty_window_has_zero_n_and_table_shows_dashes():
    toy = _toy_pip()
    by = pip_mors_by_window(toy[toy["window"] != "closing"])
    assert by.loc["closing", "n"] == 0
    html = pip_mors_gt(by).as_raw_html()
    assert "1 of 3 (33%)" in html  # initial: 1 of 3 at a concern level


def test_window_overlap_hand_computed():
    got = pip_window_overlap(_toy_pip())
    # A: initial + closing; B: initial; C: initial + 10th-15th; D: 20th-65th; E has no invasion
    assert got == {"clients": 4, "one_window": 2, "initial_and_closing": 1,
                   "initial_and_later": 2}


def test_window_overlap_in_the_data(pip):
    got = pip_window_overlap(pip)
    # the synthetic records: 125 clients over the four windows, 97 of them in one window only
    assert got == {"clients": 125, "one_window": 97, "initial_and_closing": 7,
                   "initial_and_later": 23}
    by = pip_mors_by_window(pip)
    assert got["clients"] <= int(by["clients"].sum())  # a client counts once, not per window


def test_pai_reproduces_published_summary(pip, printed):
    s = pai_summary(pip)
    pub = printed["pip_outcomes"]["pai"]
    assert s.n == pub["n"] == 31
    assert s.mean == pytest.approx(pub["mean"], abs=0.005)
    assert s.sd == pytest.approx(pub["sd"], abs=0.005)
    bands = s.bands.set_index("category")["n"]
    assert bands["Total"] == 31 and bands["Missing"] == 0
    assert int(bands.iloc[:3].sum()) == 31
    assert 21 <= s.minimum <= s.maximum <= 84


def test_pai_summary_refuses_two_totals_for_one_client():
    frame = pd.DataFrame({"client_id": ["A", "A"], "pai": [40.0, 50.0],
                          "pai_band": ["low", "medium"]})
    with pytest.raises(ValueError, match="client A has more than one"):
        pai_summary(frame)


def test_pip_loaf_reproduces_published_counts(pip, printed):
    loaf = pip_loaf_by_window(pip)
    pub = printed["pip_outcomes"]
    all_r = loaf[loaf["group"] == "all ratings"].set_index("category")["n"]
    assert all_r["Total"] == pub["loaf_caregiving_all_timepoints"]["n"] == 162
    assert all_r.iloc[:4].tolist() == [pub["loaf_caregiving_all_timepoints"][f"level_{k}"]
                                       for k in (1, 2, 3, 4)]
    totals = loaf[loaf["category"] == "Total"].set_index("group")["n"]
    assert totals["initial appointment"] == pub["loaf_initial_n"] == 75
    assert totals["closing appointment"] == pub["loaf_closing_n"] == 17
    pcts = loaf[loaf["group"] == "all ratings"]["percent"].iloc[:4]
    assert pcts.round(2).tolist() == [22.84, 42.59, 32.72, 1.85]


# --- Together Time ------------------------------------------------------------------------------

def test_tt_paired_reproduce_the_published_tests(tt_out, printed):
    by = tt_out.set_index("column")
    pub = printed["tt_outcomes"]
    cases = [("warmth", pub["mors_paired"][0]), ("invasion", pub["mors_paired"][1]),
             ("prfq_total", pub["prfq_paired"]), ("goals", pub["goals_paired"])]
    for column, row in cases:
        r = by.loc[column]
        assert r["n"] == row["n"] and r["df"] == row["df"]
        assert r["pre_mean"] == pytest.approx(row["pre"][0], abs=0.005)
        assert r["pre_sd"] == pytest.approx(row["pre"][1], abs=0.005)
        assert r["post_mean"] == pytest.approx(row["post"][0], abs=0.005)
        assert r["post_sd"] == pytest.approx(row["post"][1], abs=0.005)
        assert r["t"] == pytest.approx(row["t"], abs=0.005)


def test_printed_p_bounds_hold_except_warmth(tt_out):
    p = tt_out.set_index("column")["p"]
    assert p["invasion"] < 0.05 and p["prfq_total"] < 0.001 and p["goals"] < 0.001
    assert 0.01 < p["warmth"] < 0.05  # the report's "< .01" cannot hold (contradiction tt-warmth-p)
    assert p["warmth"] == pytest.approx(0.022, abs=0.0005)


def test_holm_is_applied_within_each_family(tt_out):
    for family, size in (("report", 4), ("subscales", 3)):
        part = tt_out[tt_out["family"] == family]
        assert len(part) == size
        p = part["p"].to_numpy()
        order = np.argsort(p)
        expected = np.empty(size)
        running = 0.0
        for rank, i in enumerate(order):  # Holm step-down by hand
            running = max(running, min(1.0, (size - rank) * p[i]))
            expected[i] = running
        assert part["p_holm"].to_numpy() == pytest.approx(expected)


def test_improvement_dz_signs(tt_out):
    by = tt_out.set_index("column")
    # warmth rose (higher is better): improvement positive although d_z (pre − post) is negative
    assert by.loc["warmth", "dz"] < 0 < by.loc["warmth", "improvement_dz"]
    assert by.loc["invasion", "improvement_dz"] == pytest.approx(by.loc["invasion", "dz"])
    # pre-mentalizing rose and higher is worse: an unfavourable change
    assert by.loc["prfq_pm", "improvement_dz"] < 0
    r = paired_comparison([1.0, 2.0, 4.0], [2.0, 4.0, 5.0])
    dz, lo, hi = improvement_dz(r, "better")
    assert (dz, lo, hi) == (-r.dz, -r.dz_ci_high, -r.dz_ci_low) and lo < dz < hi
    with pytest.raises(ValueError, match="higher_is"):
        improvement_dz(r, "up")


def test_prfq_total_splits_into_subscales(pairs, printed):
    d = prfq_total_decomposition(pairs)
    assert d["total"] == pytest.approx(d["pm"] + d["cms"] + d["ic"])
    pub = printed["tt_outcomes"]["prfq_paired"]
    assert d["total"] == pytest.approx(pub["post"][0] - pub["pre"][0], abs=0.01)
    assert d["pm_share"] == pytest.approx(d["pm"] / d["total"])


def test_concern_change_hand_computed():
    flags = pd.DataFrame({"concern_pre": [True] * 6 + [False] * 4,
                          "concern_post": [True, False, False, False, False, False,
                                           False, False, False, False]})
    c = tt_concern_change(flags)
    assert (c.n, c.before, c.after, c.stayed, c.left, c.entered, c.neither) == \
        (10, 6, 1, 1, 5, 0, 4)
    assert c.mcnemar_p == pytest.approx(2 * 0.5 ** 5)  # exact binomial, 5 vs 0 discordant
    html = concern_transition_table(c).as_raw_html()
    assert "p = .062" in html


def test_concern_change_without_movers_and_with_missing():
    same = pd.DataFrame({"concern_pre": [True, False], "concern_post": [True, False]})
    assert tt_concern_change(same).mcnemar_p == 1.0
    gap = pd.DataFrame({"concern_pre": pd.array([True, pd.NA], dtype="boolean"),
                        "concern_post": pd.array([True, False], dtype="boolean")})
    with pytest.raises(ValueError, match="missing"):
        tt_concern_change(gap)


def test_concern_change_in_the_data_is_a_net_fall(pairs):
    c = tt_concern_change(tt_mors_concern(pairs))
    assert c.n == 59 and c.after < c.before  # the report: fewer parents at a concern level
    assert c.before - c.after == c.left - c.entered


def test_tt_loaf_reproduces_published_figures(pairs, printed):
    scored = tt_scored(pairs)
    levels = tt_loaf_levels(scored)
    totals = levels[levels["category"] == "Total"].set_index("group")["n"]
    assert totals["start"] == printed["tt_outcomes"]["loaf"]["children"] == 85
    assert totals["end"] == 84  # reading tt-loaf-after-84
    lvl1 = levels[levels["category"].str.startswith("1 ")].set_index("group")["percent"]
    assert round(lvl1["end"], 2) == printed["tt_outcomes"]["loaf"]["level_1_pct_after"]
    assert round(lvl1["start"], 2) == 54.12  # printed 54.11 is a truncation
    move = tt_loaf_change(scored)
    assert move.end_level_3_or_4 - move.start_level_3_or_4 == \
        printed["tt_outcomes"]["loaf"]["change_in_level_3_or_4_after"]
    assert move.better + move.same + move.worse == move.n == 84


def test_tt_loaf_change_hand_computed():
    scored = pd.DataFrame({
        "participant_id": ["a", "a", "b", "b", "c", "c", "d"],
        "timepoint": ["start", "end"] * 3 + ["start"],
        "loaf_level": pd.array([3, 1, 2, 2, 1, 2, 4], dtype="Int64"),
    })
    m = tt_loaf_change(scored)
    assert (m.n, m.better, m.same, m.worse) == (3, 1, 1, 1)
    assert (m.start_level_3_or_4, m.end_level_3_or_4) == (2, 0)
    assert 0 < m.wilcoxon_p <= 1
    unchanged = scored[scored["participant_id"] == "b"]
    assert math.isnan(tt_loaf_change(unchanged).wilcoxon_p)


def test_attrition_counts(pairs):
    a = tt_attrition(pairs).set_index("measure")
    assert a.loc["MORS-SF warmth", ["n_start", "n_end", "n_paired"]].tolist() == [95, 62, 59]
    assert a.loc["PRFQ total (report's score)", ["n_start", "n_end", "n_paired"]].tolist() == \
        [92, 78, 76]
    assert a.loc["Goal score (0-10)", ["n_start", "n_end", "n_paired"]].tolist() == [99, 28, 28]
    w = a.loc["MORS-SF warmth"]
    assert w["difference"] == pytest.approx(w["mean_paired"] - w["mean_start_only"])
    assert w["mean_paired"] == pytest.approx(25.73, abs=0.005)  # the paired pre mean


# --- printed figures beside the data ------------------------------------------------------------

def test_chapter_figures_flag_exactly_the_recorded_contradictions():
    from helpers.pairs.reproduce import reproduced_figures

    figs = chapter_figures(reproduced_figures())
    bad = figs[~figs["matches"]]
    assert sorted(bad["note"]) == ["tt-loaf-level1-before-truncated", "tt-prfq-end-sd",
                                   "tt-warmth-p"]
    p_row = bad[bad["note"] == "tt-warmth-p"].iloc[0]
    assert (p_row["printed"], p_row["reproduced"]) == ("p < .01", "p = .022")
    assert not figs["figure"].str.contains("asq").any()  # not held: left out
    assert p_row["figure"] == "TT · MORS paired · warmth · p printed"
    agree, checked = figures_agreeing(figs, "TT · MORS paired · warmth · ", exclude="p printed")
    assert (agree, checked) == (7, 7)  # n, pre and post mean and SD, t, df


def test_figure_label():
    assert figure_label("tt_outcomes.mors_paired.0.pre.1") == "TT · MORS paired · warmth · pre · SD"
    assert figure_label("pip_outcomes.mors_by_appointment_window.3.n") == \
        "PIP · MORS by appointment window · closing appointment · n"
    assert figure_label("pip_outcomes.pai.bands.low.1") == "PIP · PAI · bands · low · highest"
    assert figure_label("tt_outcomes.loaf.level_1_pct_before") == "TT · LOAF · level 1 % before"


def test_figures_agreeing_toy():
    toy = pd.DataFrame({"figure": ["a.x", "a.y", "a.p printed", "b.x"],
                        "matches": [True, False, False, True]})
    assert figures_agreeing(toy, "a.") == (1, 3)
    assert figures_agreeing(toy, "a.", exclude="p printed") == (1, 2)


def test_printed_p_sentence():
    r = paired_comparison([1.0, 2.0, 4.0, 3.0], [2.0, 4.0, 5.0, 3.5])
    held = printed_p_sentence(dataclasses.replace(r, p=0.004), "warmth", "< .01")
    assert held == ("For warmth the report prints p < .01; the data give p = .004, so the "
                    "printed bound holds.")
    broken = printed_p_sentence(dataclasses.replace(r, p=0.022), "warmth", "< .01")
    assert broken.endswith("so that bound does not hold; p < .05 holds instead.")
    assert "the data give p = .022" in broken
    none = printed_p_sentence(dataclasses.replace(r, p=0.2), "goals", "< .001")
    assert none.endswith("no conventional threshold of .05 or lower is met.")


def test_prose_words():
    assert evidence_words(0.049) == "clear evidence of a change"
    assert evidence_words(0.05) == "no clear evidence of a change"
    with pytest.raises(ValueError):
        evidence_words(float("nan"))
    assert relation_word(28.996, 29) == "equal to"  # prints as 29.00
    assert relation_word(26.86, 29) == "below" and relation_word(11.97, 10) == "above"


def test_subscale_verdict(tt_out):
    assert subscale_verdict(tt_out) == ("none of the 3 subscales improved clearly and 1 moved "
                                        "clearly in the unfavourable direction "
                                        "(PRFQ pre-mentalizing)")
    toy = pd.DataFrame({"family": ["subscales"] * 2, "measure": ["A", "B"],
                        "improvement_dz_low": [-0.1, 0.2], "improvement_dz_high": [0.3, 0.9]})
    assert subscale_verdict(toy) == "1 of the 2 subscales improved clearly (B)"
    toy["improvement_dz_low"] = -0.1
    assert subscale_verdict(toy) == "none of the 2 subscales changed clearly in either direction"


# --- figures ------------------------------------------------------------------------------------

def test_figures_draw_what_they_should(pip, tt_out):
    by = pip_mors_by_window(pip)
    fig = pip_mors_figure(pip, by)
    axes = fig.get_axes()
    assert len(axes) == 2
    ticks = [t.get_text() for t in axes[0].get_xticklabels()]
    assert ticks[0] == "initial\nn = 88" and ticks[-1] == "closing\nn = 16"
    forest = tt_effects_figure(tt_out)
    labels = [t.get_text() for t in forest.get_axes()[0].get_yticklabels()]
    assert labels[-1] == "MORS-SF warmth (n = 59)" and len(labels) == 7
