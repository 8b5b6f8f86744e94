"""PAIRS Together Time outcomes: the paired tests, Holm's families, concern levels, LOAF
ratings and attrition (published figures reproduced, hand-computed cases, edge cases)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

from helpers.pairs.data import load_pairs
from helpers.pairs.derived import tt_mors_concern, tt_scored
from helpers.pairs.tt_display import improvement_direction_note, tt_effects_figure
from helpers.pairs.tt_levels import (
    LOAF_IMPAIRED_LEVELS,
    LoafChange,
    concern_transition_table,
    tt_concern_change,
    tt_loaf_change,
    tt_loaf_levels,
)
from helpers.pairs.tt_outcomes import (
    FamilyCounts,
    TtCompletion,
    effect_sizes_phrase,
    holm_phrase,
    improved,
    improvement_dz,
    paired_counts,
    prfq_total_decomposition,
    subscale_verdict,
    t_and_signed_rank_agree,
    tt_attrition,
    tt_completion,
    tt_family_counts,
    tt_paired_outcomes,
)
from helpers.published import published
from helpers.stats.paired import paired_comparison


@pytest.fixture(scope="module")
def pairs():
    return load_pairs()


@pytest.fixture(scope="module")
def tt_out(pairs):
    return tt_paired_outcomes(pairs)


@pytest.fixture(scope="module")
def printed():
    return published("pairs")


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
    assert "p = .063" in html  # 2 × 0.5^5 = .0625, half up


def test_concern_change_without_movers_and_with_missing():
    same = pd.DataFrame({"concern_pre": [True, False], "concern_post": [True, False]})
    nobody_moved = tt_concern_change(same)
    assert math.isnan(nobody_moved.mcnemar_p)  # not 1.0: there is nothing to test
    assert nobody_moved.note == "no change in either direction: nothing to test"
    assert "no change in either direction" in concern_transition_table(nobody_moved).as_raw_html()
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
    from scipy.stats import binomtest
    assert move.sign_p == pytest.approx(binomtest(move.better, move.better + move.worse).pvalue)
    assert (move.start_rated, move.end_rated) == (totals["start"], totals["end"])
    counts = levels[levels["category"].str.startswith("1 ")].set_index("group")["n"]
    assert (move.start_level_1, move.end_level_1) == (counts["start"], counts["end"]) == (46, 45)


def test_tt_loaf_change_hand_computed():
    scored = pd.DataFrame({
        "participant_id": ["a", "a", "b", "b", "c", "c", "d"],
        "timepoint": ["start", "end"] * 3 + ["start"],
        "loaf_level": pd.array([3, 1, 2, 2, 1, 2, 4], dtype="Int64"),
    })
    m = tt_loaf_change(scored)
    assert (m.n, m.better, m.same, m.worse) == (3, 1, 1, 1)
    assert (m.start_level_3_or_4, m.end_level_3_or_4) == (2, 0)
    assert (m.start_rated, m.end_rated, m.start_level_1, m.end_level_1) == (4, 3, 1, 1)
    assert m.sign_p == 1.0  # one better, one worse: binomial(1 of 2), two-sided
    assert m.largest_move == 2 and not m.single_steps  # a moved from 3 to 1
    unchanged = scored[scored["participant_id"] == "b"]
    assert math.isnan(tt_loaf_change(unchanged).sign_p)
    assert tt_loaf_change(unchanged).note.startswith("no change")
    only_b = tt_loaf_change(unchanged)
    assert (only_b.start_level_1, only_b.end_level_1, only_b.start_rated) == (0, 0, 1)
    assert only_b.largest_move == 0 and not only_b.single_steps  # nobody moved
    c_only = tt_loaf_change(scored[scored["participant_id"] == "c"])
    assert c_only.largest_move == 1 and c_only.single_steps


def test_tt_loaf_moves_are_single_steps_in_the_data(pairs):
    move = tt_loaf_change(tt_scored(pairs))
    assert move.largest_move == 1 and move.single_steps  # the chapter's claim
    assert LOAF_IMPAIRED_LEVELS == (3, 4)
    assert isinstance(move, LoafChange)


def test_family_counts_in_the_data(tt_out):
    # all four of the report's tests fall below .05, before and after Holm's adjustment
    assert tt_family_counts(tt_out) == FamilyCounts(report=4, report_below_alpha=4,
                                                    report_below_alpha_holm=4, subscales=3,
                                                    alpha=0.05)


def test_family_counts_zero_one_many():
    empty = pd.DataFrame({"family": pd.Series([], dtype=str), "p": pd.Series([], dtype=float),
                          "p_holm": pd.Series([], dtype=float)})
    assert tt_family_counts(empty) == FamilyCounts(0, 0, 0, 0, 0.05)
    one = pd.DataFrame({"family": ["report"], "p": [0.03], "p_holm": [0.03]})
    assert tt_family_counts(one) == FamilyCounts(1, 1, 1, 0, 0.05)
    many = pd.DataFrame({"family": ["report", "report", "report", "subscales", "subscales"],
                         "p": [0.01, 0.04, 0.05, 0.001, 0.2],
                         "p_holm": [0.03, 0.08, 0.08, 0.002, 0.2]})
    assert tt_family_counts(many) == FamilyCounts(3, 2, 1, 2, 0.05)  # .05 is not below .05
    assert tt_family_counts(many, alpha=0.1) == FamilyCounts(3, 3, 3, 2, 0.1)


def test_completion_in_the_data(pairs, tt_out):
    c = tt_completion(tt_scored(pairs))
    assert (c.mors_start, c.mors_end, c.prfq_start, c.prfq_end) == (95, 62, 92, 78)
    paired_n = int(tt_out.set_index("column").loc["prfq_total", "n"])
    assert c.prfq_paired == paired_n == 76 and c.prfq_end_only == 2
    assert c.prfq_end_sd == pytest.approx(10.09, abs=0.005)  # printed 10.02 (tt-prfq-end-sd)


def test_completion_hand_computed():
    scored = pd.DataFrame({
        "participant_id": ["a", "a", "b", "b", "c"],
        "timepoint": ["start", "end", "start", "end", "end"],
        "mors_complete": [True, True, True, False, True],
        "prfq_total": [60.0, 70.0, np.nan, 80.0, 90.0],
    })
    c = tt_completion(scored)
    assert c == TtCompletion(mors_start=2, mors_end=2, prfq_start=1, prfq_end=3,
                             prfq_paired=1, prfq_end_sd=10.0)
    assert c.prfq_end_only == 2
    one = tt_completion(scored[scored["participant_id"] == "c"])
    assert (one.mors_start, one.prfq_end, one.prfq_paired) == (0, 1, 0)
    assert math.isnan(one.prfq_end_sd)  # one total: no SD


def test_attrition_counts(pairs):
    a = tt_attrition(pairs).set_index("measure")
    assert a.loc["MORS-SF warmth", ["n_start", "n_end", "n_paired"]].tolist() == [95, 62, 59]
    assert a.loc["PRFQ total (report's score)", ["n_start", "n_end", "n_paired"]].tolist() == \
        [92, 78, 76]
    assert a.loc["Goal score (0-10)", ["n_start", "n_end", "n_paired"]].tolist() == [99, 28, 28]
    w = a.loc["MORS-SF warmth"]
    assert w["difference"] == pytest.approx(w["mean_paired"] - w["mean_start_only"])
    assert w["mean_paired"] == pytest.approx(25.73, abs=0.005)  # the paired pre mean
    assert w["share_paired"] == pytest.approx(59 / 95)
    assert a.loc["Goal score (0-10)", "share_paired"] == pytest.approx(28 / 99)


def test_subscale_verdict(tt_out):
    assert subscale_verdict(tt_out) == ("none of the three subscales improved clearly and one "
                                        "(PRFQ pre-mentalizing) moved clearly in the "
                                        "unfavourable direction")
    toy = pd.DataFrame({"family": ["subscales"] * 2, "measure": ["A", "B"],
                        "improvement_dz_low": [-0.1, 0.2], "improvement_dz_high": [0.3, 0.9]})
    assert subscale_verdict(toy) == "one of the two subscales improved clearly (B)"
    toy["improvement_dz_low"] = -0.1
    assert subscale_verdict(toy) == "neither subscale changed clearly in either direction"
    toy["improvement_dz_high"] = -0.05
    assert subscale_verdict(toy) == ("neither subscale improved clearly and both (A and B) moved "
                                     "clearly in the unfavourable direction")
    one = toy.iloc[:1].assign(improvement_dz_low=0.1, improvement_dz_high=0.5)
    assert subscale_verdict(one) == "the one subscale improved clearly (A)"
    with pytest.raises(ValueError):
        subscale_verdict(toy.iloc[:0])


def test_holm_phrase(tt_out):
    assert holm_phrase(tt_family_counts(tt_out)) == ("all four tests fall below .05 both before "
                                                     "and after adjustment")
    assert holm_phrase(FamilyCounts(4, 0, 0, 3, 0.05)) == ("none of the four tests falls below "
                                                           ".05 both before and after adjustment")
    assert holm_phrase(FamilyCounts(2, 2, 1, 0, 0.05)) == ("both tests fall below .05 before "
                                                           "adjustment and one after")
    assert holm_phrase(FamilyCounts(5, 3, 0, 0, 0.1)) == ("three of the five tests fall below .10 "
                                                          "before adjustment and none after")
    with pytest.raises(ValueError):
        holm_phrase(FamilyCounts(0, 0, 0, 3, 0.05))


def test_all_report_tests_below_alpha_after_holm(tt_out):
    assert tt_family_counts(tt_out).report_all_below_alpha_holm  # the chapter's claim
    assert not FamilyCounts(4, 4, 3, 3, 0.05).report_all_below_alpha_holm
    assert not FamilyCounts(0, 0, 0, 3, 0.05).report_all_below_alpha_holm


def test_effect_size_words(tt_out):
    assert effect_sizes_phrase(tt_out, ["warmth", "invasion"]) == "both changes are small"
    assert effect_sizes_phrase(tt_out, ["goals"]) == "the change is large"
    assert effect_sizes_phrase(tt_out, ["warmth", "invasion", "prfq_total"]) == \
        "all three changes are small"  # d_z 0.31, 0.35, 0.46
    assert effect_sizes_phrase(tt_out, ["warmth", "goals"]) == (
        "the change in MORS-SF warmth is small and the change in Goal score (0-10) is large")
    with pytest.raises(ValueError):
        effect_sizes_phrase(tt_out, [])


def test_improved_and_agreement_of_the_two_tests(tt_out):
    assert improved(tt_out, "warmth") and improved(tt_out, "invasion")
    assert improved(tt_out, "goals") and not improved(tt_out, "prfq_pm")
    assert t_and_signed_rank_agree(tt_out)  # the chapter's claim about the signed-rank tests
    # a row where the two tests fall on either side of .05 breaks the agreement
    split = tt_out.assign(wilcoxon_p=tt_out["wilcoxon_p"].where(tt_out["column"] != "prfq_cms",
                                                                0.04))
    assert not t_and_signed_rank_agree(split)


def test_improvement_direction_note(tt_out):
    assert improvement_direction_note(tt_out) == (
        "A difference that is an improvement is negative (a higher score at the end) for "
        "MORS-SF warmth, PRFQ total (report's score), Goal score (0-10), PRFQ certainty about "
        "mental states and PRFQ interest and curiosity; positive for MORS-SF invasion and PRFQ "
        "pre-mentalizing.")
    with pytest.raises(ValueError):
        improvement_direction_note(tt_out.iloc[:0])


def test_effects_figure_has_a_row_per_test(tt_out):
    forest = tt_effects_figure(tt_out)
    labels = [t.get_text() for t in forest.get_axes()[0].get_yticklabels()]
    assert labels[-1] == "MORS-SF warmth (n = 59)" and len(labels) == 7
    legend = [t.get_text() for t in forest.legends[0].get_texts()]
    assert legend == ["The report's tests", "PRFQ subscales as the questionnaire's authors score them"]
    assert not forest.get_axes()[0].get_legend()  # the legend is off the data, below the plot


def test_goal_means_before_and_after_are_over_the_same_goals():
    """A person rates two goals at the start and only one again at the end: the paired start
    mean uses that one goal only, while the start description keeps both."""
    from types import SimpleNamespace

    from helpers.pairs.derived import tt_goal_scores

    goals = pd.DataFrame({"participant_id": ["T1", "T1", "T2"], "goal_number": [1, 2, 1],
                          "start_rating": [2, 8, 5], "end_rating": [6, None, None]})
    out = tt_goal_scores(SimpleNamespace(tt_goals=goals)).set_index("participant_id")
    assert out.loc["T1", "start"] == 5.0  # (2 + 8) / 2: every goal set
    assert out.loc["T1", "start_matched"] == 2.0  # only the goal rated at the end
    assert out.loc["T1", "end"] == 6.0
    assert pd.isna(out.loc["T2", "end"]) and pd.isna(out.loc["T2", "start_matched"])


def test_paired_counts_are_the_n_of_each_comparison_and_zero_without_end_forms():
    data = load_pairs()
    counts = paired_counts(data)
    assert counts == {"warmth": 59, "invasion": 59, "prfq_total": 76, "goals": 28,
                      "prfq_pm": 76, "prfq_cms": 76, "prfq_ic": 76}
    assert counts == dict(zip(tt_paired_outcomes(data)["column"], tt_paired_outcomes(data)["n"]))
    tq = data.tt_questionnaires
    starts = dataclasses.replace(data, tt_questionnaires=tq[tq["timepoint"] == "start"])
    assert {k: v for k, v in paired_counts(starts).items() if k != "goals"} == dict.fromkeys(
        ["warmth", "invasion", "prfq_total", "prfq_pm", "prfq_cms", "prfq_ic"], 0)
    none = dataclasses.replace(data, tt_questionnaires=tq.iloc[:0], tt_goals=data.tt_goals.iloc[:0])
    assert set(paired_counts(none).values()) == {0}
