"""Tests of helpers.pup.sessions: session summaries, who they describe, the planned dose."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.published import published
from helpers.pup.data import load_pup
from helpers.pup.sessions import (
    planned_dose_count,
    session_groups,
    sessions_gt,
    sessions_summaries,
    sessions_summary,
)

# --- hand-made cases ----------------------------------------------------------------------------


def test_sessions_summary_hand_computed():
    s = sessions_summary(pd.Series([1, 4, 4, 7], index=["P1", "P2", "P3", "P4"]), "toy")
    assert (s.n, s.minimum, s.maximum) == (4, 1, 7)
    assert s.mean == pytest.approx(4.0)
    assert s.sd == pytest.approx(6 ** 0.5)  # squared deviations 9+0+0+9 = 18, / 3 = 6


def test_sessions_summary_of_one_parent_has_no_sd():
    s = sessions_summary(pd.Series([5]))
    assert (s.n, s.mean) == (1, 5.0) and math.isnan(s.sd)


@pytest.mark.parametrize("bad", [None, -1, 2.5, "x"])
def test_sessions_summary_rejects_a_bad_count_and_names_the_parent(bad):
    with pytest.raises(ValueError, match="P2"):
        sessions_summary(pd.Series([3, bad], index=["P1", "P2"], dtype=object), "toy")


def test_sessions_summary_rejects_an_empty_group():
    with pytest.raises(ValueError, match="no parents"):
        sessions_summary(pd.Series([], dtype="float64"))


def test_sessions_gt_shows_range_and_mean_sd():
    html = sessions_gt([sessions_summary(pd.Series([1, 4, 4, 7]), "toy")]).as_raw_html()
    assert "1–7" in html and "4.00 (2.45)" in html


# --- from the records (synthetic data calibrated to the report) ------------------------------


@pytest.fixture(scope="module")
def view():
    return load_pup().analysis()


def test_sessions_summaries_reproduce_the_printed_sessions(view):
    printed = published("parenting-under-pressure")["sessions"]
    s = sessions_summaries(view)
    for key, pub in (("intake_including", printed["intake_44_including_assessment"]),
                     ("intake_excluding", printed["intake_44_excluding_assessment"]),
                     ("post_including", printed["post_21_including_assessment"])):
        got = s[key]
        assert (got.n, got.minimum, got.maximum) == (pub["n"], pub["min"], pub["max"])
        assert round(got.mean, 2) == pytest.approx(pub["mean"])
        assert round(got.sd, 2) == pytest.approx(pub["sd"])


def test_planned_dose_count_is_the_published_nine_of_seventeen(view):
    assert planned_dose_count(view) == (9, 17)


def test_session_groups_nest_and_are_the_published_sizes(view):
    g = session_groups(view)
    assert (len(g.intake), len(g.post), len(g.pre_post_consented)) == (44, 21, 17)
    assert set(g.post["parent_id"]) <= set(g.intake["parent_id"])
    assert set(g.pre_post_consented["parent_id"]) <= set(g.post["parent_id"])
