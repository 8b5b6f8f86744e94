"""PuP sensitivity analyses: reliable-change criteria and couples, on the shipped data and by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.pup.outcomes import outcome_frames
from helpers.pup.sensitivity import (
    JT_CRITERION,
    REPORT_CRITERION,
    CoupleSensitivity,
    ReliableChangeCriteria,
    couple_gt,
    couple_sensitivity,
    couple_sentence,
    criteria_gt,
    criteria_sentence,
    regression_sentence,
    reliable_change_criteria,
)
from helpers.stats.change import CHANGE_CATEGORIES


@pytest.fixture(scope="module")
def frames():
    return outcome_frames()


def test_criteria_on_the_shipped_data(frames):
    c = reliable_change_criteria(frames.paired, frames.intake)
    sd = frames.intake["core10"].std(ddof=1)
    assert c.intake_sd == pytest.approx(sd)
    assert c.jt_threshold == pytest.approx(1.96 * sd * math.sqrt(2) * math.sqrt(0.1))
    assert c.n_at_report_threshold == 4
    report = [c.count(REPORT_CRITERION, k) for k in CHANGE_CATEGORIES]
    jt = [c.count(JT_CRITERION, k) for k in CHANGE_CATEGORIES]
    assert report == [5, 2, 9, 1]  # the report's categories (5 recovered, as printed)
    assert jt == [3, 1, 13, 0]
    assert "6.32 points, above the report's 6" in criteria_sentence(c)
    assert "the four parents whose score changed by exactly 6 points" in criteria_sentence(c)
    html = criteria_gt(c).as_raw_html()
    assert "Counts of parents (17 under each criterion)" in html and ">Parents<" not in html
    assert REPORT_CRITERION == "The report's rule: a change of 6 points or more"
    assert JT_CRITERION == "Jacobson–Truax: intake SD, reliability .90"


def _criteria(jt: float, at: int) -> ReliableChangeCriteria:
    table = pd.DataFrame([
        {"criterion": REPORT_CRITERION, "threshold": 6.0, "recovered": 2, "reliably improved": 0,
         "no reliable change": 1, "reliably deteriorated": 0, "n": 3},
        {"criterion": JT_CRITERION, "threshold": jt, "recovered": 2, "reliably improved": 1,
         "no reliable change": 0, "reliably deteriorated": 0, "n": 3},
    ])
    return ReliableChangeCriteria(table, 6.0, jt, 5.0, 0.9, at)


def test_criteria_sentence_reads_right_whichever_threshold_is_higher():
    assert "below the report's 6: changes of 4.50 points or more but under 6" in criteria_sentence(
        _criteria(4.5, 2))
    assert "the one parent whose score changed by exactly 6 points counts" in criteria_sentence(
        _criteria(7.0, 1))
    assert "no parent changed by exactly 6 points, so none counts" in criteria_sentence(
        _criteria(7.0, 0))
    assert criteria_sentence(_criteria(6.0, 3)).startswith("The two thresholds coincide")


def test_couples_on_the_shipped_data(frames):
    s = couple_sensitivity(frames.paired)
    assert (s.parents, s.couples, s.couples_both) == (17, 15, 2)
    assert s.changed == ["Arguments"]
    assert len(s.table) == 4 * 3
    per_parent = s.table[s.table["analysis"] == "every person"].set_index("measure")
    assert per_parent.loc["CORE-10", "p"] == pytest.approx(0.01290, abs=5e-5)
    means = s.table[s.table["analysis"] == "cluster means"]
    assert set(means["units"]) == {15}


def test_couples_when_every_parent_is_in_a_different_couple():
    paired = pd.DataFrame({"couple_id": ["C1", "C2", "C3"]})
    for key in ("core10", "risk", "csi4", "arguments"):
        paired[f"{key}_pre"] = [10.0, 12.0, 15.0]
        paired[f"{key}_post"] = [7.0, 10.0, 8.0]
    s = couple_sensitivity(paired)
    assert (s.couples, s.couples_both) == (3, 0)
    assert s.changed == []  # over couples = over parents when nobody shares a couple


def test_couple_and_regression_sentences():
    none = CoupleSensitivity(pd.DataFrame(), 3, 3, 0, [], 0.05)
    assert couple_sentence(none).startswith("Every outcome keeps its conclusion at the 5% level")
    one = CoupleSensitivity(pd.DataFrame(), 3, 3, 0, ["Risk"], 0.05)
    assert couple_sentence(one) == ("Risk is the one outcome whose conclusion at the 5% level "
                                    "depends on the analysis.")
    many = CoupleSensitivity(pd.DataFrame(), 3, 3, 0, ["Risk", "CSI-4", "Arguments"], 0.05)
    assert couple_sentence(many).startswith("Risk, CSI-4 and Arguments are the three outcomes")
    assert regression_sentence(7.0, 4.0).startswith("Part of that difference is expected")
    assert regression_sentence(3.0, 4.0).startswith("Regression to the mean alone")
    # 4.36 and 4.35 both print as 4.4 (half up): not "larger", so no caveat about a larger fall
    assert regression_sentence(4.36, 4.35).startswith("Regression to the mean alone")


def test_couple_gt_shows_differences_to_one_decimal(frames):
    html = couple_gt(couple_sensitivity(frames.paired)).as_raw_html()
    assert "4.4" in html and "[1.1, 7.6]" in html and "4.35" not in html
