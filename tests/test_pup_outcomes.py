"""Outcome helpers of Parenting Under Pressure, on small frames whose answers are known."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers.pup.outcomes import (
    TABLE1_ROWS,
    FamilySignificance,
    change_facts,
    completer_comparison,
    core10_change,
    family_significance,
    intake_summary,
    outcome_frames,
    paired_outcomes,
)


@pytest.fixture
def paired() -> pd.DataFrame:
    return pd.DataFrame({
        "gender": ["female", "male", "female", "male", None, "female"],
        "core10_pre": [20, 14, 8, 25, 12, 30],
        "core10_post": [9, 13, 8, 12, 5, 28],
        "risk_pre": [4, 0, 1, 6, 2, 8],
        "risk_post": [1, 0, 1, 2, 0, 5],
        "csi4_pre": [8, 12, 15, 5, 10, 3],
        "csi4_post": [10, 12, 16, 9, 9, 6],
        "arguments_pre": [1.0, 2 / 3, 1 / 3, 4 / 3, 1.0, 2.0],
        "arguments_post": [2 / 3, 2 / 3, 1 / 3, 1.0, 1 / 3, 5 / 3],
    })


def test_table1_rows_use_the_right_people(paired):
    out = paired_outcomes(paired)
    assert list(out["measure"]) == [label for _, _, label in TABLE1_ROWS]
    n = dict(zip(out["measure"], out["n"]))
    assert n["CORE-10, everyone"] == 6
    assert n["CORE-10, distressed at intake"] == 5  # pre of 11 or more: 20, 14, 25, 12, 30
    assert n["CORE-10, mothers"] == 3 and n["CORE-10, fathers"] == 2


def test_table1_core10_matches_a_hand_computation(paired):
    row = paired_outcomes(paired).iloc[0]
    d = np.array([11, 1, 0, 13, 7, 2], dtype=float)
    assert row["diff_mean"] == pytest.approx(34 / 6)
    assert row["diff_sd"] == pytest.approx(d.std(ddof=1))
    assert row["t"] == pytest.approx(d.mean() / (d.std(ddof=1) / math.sqrt(6)))


def test_holm_adjustment_covers_only_the_four_whole_sample_outcomes(paired):
    out = paired_outcomes(paired)
    family = out[out["group"] == "all"]
    assert family["p_holm"].notna().all() and out.loc[out["group"] != "all", "p_holm"].isna().all()
    p = np.sort(family["p"].to_numpy())
    # Holm by hand: multiply the k-th smallest by (4 - k + 1), keep monotone, cap at 1
    expected = np.minimum(1, np.maximum.accumulate(p * np.array([4, 3, 2, 1])))
    assert np.sort(family["p_holm"].to_numpy()) == pytest.approx(expected)


def test_core10_change_categories(paired):
    got = list(core10_change(paired))
    # 20->9 recovered; 14->13 none; 8->8 none; 25->12 reliably improved (still >= 11);
    # 12->5 recovered; 30->28 none
    assert got == ["recovered", "no reliable change", "no reliable change", "reliably improved",
                   "recovered", "no reliable change"]


def test_intake_summary_counts_cutoffs_inclusively():
    intake = pd.DataFrame({"core10": [11, 10, 20, 4], "csi4": [13, 14, 13.5, 2], "completed": [1, 0, 1, 0]})
    s = intake_summary(intake)
    assert (s.n, s.core10_clinical, s.csi4_dissatisfied) == (4, 2, 2)
    assert s.core10_mean == pytest.approx(11.25)


def test_intake_summary_refuses_missing_scores():
    with pytest.raises(ValueError, match="1 missing csi4"):
        intake_summary(pd.DataFrame({"core10": [1, 2], "csi4": [3, None]}))


def test_completer_comparison_is_welch():
    intake = pd.DataFrame({
        "core10": [10, 12, 14, 20, 22, 30, 8],
        "csi4": [5, 6, 7, 8, 9, 10, 20],
        "completed": [True, True, True, False, False, False, False],
    })
    out = completer_comparison(intake).set_index("measure")
    ref = stats.ttest_ind([10, 12, 14], [20, 22, 30, 8], equal_var=False)
    assert out.loc["CORE-10", "difference"] == pytest.approx(12 - 20)
    assert out.loc["CORE-10", "p"] == pytest.approx(ref.pvalue)
    assert out.loc["CORE-10", "n_completed"] == 3 and out.loc["CORE-10", "n_not_completed"] == 4
    pooled = math.sqrt((2 * 4 + 3 * np.var([20, 22, 30, 8], ddof=1)) / 5)
    assert out.loc["CORE-10", "hedges_g"] == pytest.approx(-8 / pooled * (1 - 3 / 19))


def test_published_table1_is_indexed_like_the_computed_rows():
    from helpers.pup.outcomes import published_table1

    printed = published_table1()
    assert set(printed.index) == {(k, g) for k, g, _ in TABLE1_ROWS}
    assert printed.loc[("core10", "all"), "post_sd"] == 6.46
    assert printed.loc[("core10", "female"), "p"] == 0.169


def test_the_shipped_data_reproduce_table1_within_its_rounding():
    """A second derivation of the chapter's numbers: straight from scipy on the loader's frame."""
    from helpers.pup.outcomes import outcome_frames, published_table1

    frames = outcome_frames()
    printed = published_table1()
    for (key, group), row in printed.iterrows():
        p = frames.paired
        if group == "distressed":
            p = p[p["core10_pre"] >= 11]
        elif group in {"male", "female"}:
            p = p[p["gender"] == group]
        d = p[f"{key}_pre"] - p[f"{key}_post"]
        t = stats.ttest_rel(p[f"{key}_pre"], p[f"{key}_post"])
        assert len(p) == row["n"]
        assert round(d.mean(), 2) == pytest.approx(row["diff_mean"], abs=0.0051)
        assert round(t.statistic, 2) == pytest.approx(row["t"], abs=0.0051)


# --- facts the chapter reads ----------------------------------------------------------------------


def test_family_significance_counts_only_the_whole_sample_rows():
    outcomes = pd.DataFrame({"group": ["all", "all", "all", "all", "male"],
                             "p": [0.01, 0.049, 0.05, 0.2, 0.001],
                             "p_holm": [0.04, 0.098, 0.1, 0.2, np.nan]})
    # .05 itself is not below .05; the subgroup's p of .001 is not counted
    assert family_significance(outcomes) == FamilySignificance(4, 2, 1, 0.05)
    assert family_significance(outcomes, alpha=0.1) == FamilySignificance(4, 3, 2, 0.1)
    assert family_significance(outcomes.iloc[4:]) == FamilySignificance(0, 0, 0, 0.05)


def test_family_significance_on_the_shipped_data():
    facts = family_significance(paired_outcomes(outcome_frames().paired))
    assert (facts.n_outcomes, facts.n_raw, facts.n_holm) == (4, 3, 0)


def test_change_facts_by_hand(paired):
    # CORE-10 pre 20 14 8 25 12 30, post 9 13 8 12 5 28: distressed (11 or more) are 5 parents;
    # recovered (below 11 after a fall of 6 or more) are the 1st and 5th; nobody rose by 6
    facts = change_facts(paired.assign(sessions_including_assessment=[5, 3, 2, 8, 4, 10]))
    assert (facts.n_distressed, facts.n_recovered, facts.n_deteriorated) == (5, 2, 0)
    s = facts.recovered_sessions
    assert (s.n, s.minimum, s.maximum, s.mean) == (2, 4, 5, 4.5)


def test_change_facts_when_nobody_recovers_and_one_deteriorates():
    frame = pd.DataFrame({"core10_pre": [5, 20], "core10_post": [12, 18],
                          "sessions_including_assessment": [3, 4]})
    facts = change_facts(frame)
    assert (facts.n_distressed, facts.n_recovered, facts.n_deteriorated) == (1, 0, 1)
    assert facts.recovered_sessions is None


def test_change_facts_on_the_shipped_data():
    facts = change_facts(outcome_frames().paired)
    assert (facts.n_distressed, facts.n_recovered, facts.n_deteriorated) == (9, 5, 1)
    s = facts.recovered_sessions
    assert (s.n, s.minimum, s.maximum) == (5, 4, 12)
    assert (round(s.mean, 2), round(s.sd, 2)) == (7.2, 3.96)
