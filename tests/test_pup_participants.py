"""Tests of helpers.pup_participants: measures table, analysis settings, flow, sessions, demographics."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from helpers.instruments import Instrument, Item
from helpers.flow import flow_problems
from helpers.instruments.pup import ARGUMENTS, CORE10, CSI4, RISK
from helpers.pup_participants import (
    PROGRAMME,
    FlowCounts,
    Grouping,
    flow_steps,
    grouped_count_gt,
    grouped_count_table,
    sessions_gt,
    sessions_summary,
    analysis_settings,
    item_range_text,
    measures_frame,
    measures_gt,
    score_range_text,
)

# --- measures table ---------------------------------------------------------------------------


def test_measures_frame_matches_the_published_description_of_each_measure():
    frame = measures_frame().set_index("instrument")
    # published: CORE-10 10 items 0-4, total 0-40, higher worse, cut-off 11, reliable change 6
    assert frame.loc["CORE-10", "items"] == 10
    assert frame.loc["CORE-10", "item_range"] == "0–4"
    assert frame.loc["CORE-10", "score_range"] == "0–40 (sum)"
    assert frame.loc["CORE-10", "higher_is"] == "worse"
    assert frame.loc["CORE-10", "cutoff"].startswith("11 or more")
    assert "6 points" in frame.loc["CORE-10", "cutoff"]
    # risk: 5 items 0-4 (4 CORE-OM + the CORE-10 risk item)
    assert frame.loc["Risk (CORE)", "items"] == 5
    assert frame.loc["Risk (CORE)", "score_range"] == "0–20 (sum)"
    # CSI-4: total 0-21, higher better, dissatisfied below 13.5
    assert frame.loc["CSI-4", "score_range"] == "0–21 (sum)"
    assert frame.loc["CSI-4", "higher_is"] == "better"
    assert "13.5" in frame.loc["CSI-4", "cutoff"]
    # arguments: 3 items 0-3, mean of items
    assert frame.loc["Arguments", "score_range"] == "0–3 (item mean)"
    assert frame.loc["Service satisfaction", "items"] == 11
    assert frame.loc["Service satisfaction", "item_range"] == "1–3"
    assert list(frame.index) == ["CORE-10", "Risk (CORE)", "CSI-4", "Arguments",
                                 "Service satisfaction"]


def test_missing_item_rule_is_read_from_the_instrument():
    frame = measures_frame([CORE10, CSI4]).set_index("instrument")
    assert frame.loc["CORE-10", "missing_items"] == "up to 1 (score prorated)"
    assert frame.loc["CSI-4", "missing_items"].startswith("none")


def test_item_ranges_that_differ_are_named_by_item_position():
    assert item_range_text(CSI4) == "0–6 (item 1); 0–5 (items 2–4)"
    mixed = Instrument("m", "Mixed", (Item("a", "", 0, 3), Item("b", "", 1, 5), Item("c", "", 1, 5),
                                      Item("d", "", 0, 3)))
    assert item_range_text(mixed) == "0–3 (item 1); 1–5 (items 2–3); 0–3 (item 4)"


def test_score_range_of_a_mean_keeps_fractional_bounds():
    half = Instrument("h", "Half", (Item("a", "", 0, 1), Item("b", "", 0, 2)), combine="mean")
    assert score_range_text(half) == "0–1.5 (item mean)"
    assert score_range_text(ARGUMENTS) == "0–3 (item mean)"
    assert score_range_text(RISK) == "0–20 (sum)"


def test_measures_frame_rejects_an_empty_list():
    with pytest.raises(ValueError, match="no instruments"):
        measures_frame([])


def test_measures_gt_labels_direction_and_keeps_every_row():
    html = measures_gt().as_raw_html()
    assert html.count("higher = worse") == 4 and html.count("higher = better") == 1
    assert "Funk &amp; Rogge (2007)" in html


def test_analysis_settings_come_from_the_code_that_applies_them():
    s = analysis_settings()
    assert s.confidence == 0.95
    assert s.adjustment == "holm"
    assert s.outcomes == ("CORE-10", "Risk (CORE)", "CSI-4", "Arguments")
    assert s.outcomes_text == "CORE-10, Risk (CORE), CSI-4 and Arguments"
    assert (s.core10_cutoff, s.core10_reliable_change, s.csi4_cutoff) == (11.0, 6, 13.5)


def test_programme_plan_is_the_published_plan():
    # section 1.1: 40 couples (80 parents), 80 practitioners of whom 20 from CAMHS; 6-10 sessions
    assert (PROGRAMME.couples, PROGRAMME.parents) == (40, 80)
    assert PROGRAMME.parents == 2 * PROGRAMME.couples
    assert (PROGRAMME.practitioners_trained, PROGRAMME.practitioners_camhs) == (80, 20)
    assert PROGRAMME.sessions_text == "6–10"


# --- sessions ---------------------------------------------------------------------------------


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


# --- grouped counts ---------------------------------------------------------------------------

TOY = Grouping(groups=(("Asian", ("ai", "ap")), ("White", ("wb",))),
               labels={"ai": "Indian", "ap": "Pakistani", "wb": "British"})


def test_grouped_count_table_sums_sub_groups_into_groups_over_the_answered():
    t = grouped_count_table(pd.Series(["ai", "ai", "ap", "wb", None]), TOY)
    assert t["category"].tolist() == ["Asian", "Indian", "Pakistani", "White", "British",
                                      "Missing", "Total"]
    assert t["n"].tolist() == [3, 2, 1, 1, 1, 1, 5]
    assert t["percent"].iloc[:5].tolist() == [75.0, 50.0, 25.0, 25.0, 25.0]
    assert t["percent"].iloc[5:].isna().all()
    assert "4 valid responses (1 missing" in t.attrs["denominator"]


def test_grouped_count_table_keeps_empty_sub_groups_and_rejects_unknown_codes():
    t = grouped_count_table(pd.Series(["wb"]), TOY)
    assert t.set_index("category").loc["Pakistani", "n"] == 0
    with pytest.raises(ValueError, match="'xx'"):
        grouped_count_table(pd.Series(["wb", "xx"]), TOY)


def test_grouping_rejects_a_code_in_two_groups_or_without_label():
    with pytest.raises(ValueError, match="more than one group"):
        Grouping(groups=(("A", ("a",)), ("B", ("a",))), labels={"a": "A"})
    with pytest.raises(ValueError, match="without a label"):
        Grouping(groups=(("A", ("a",)),), labels={})


def test_grouped_count_gt_states_the_denominator():
    html = grouped_count_gt(grouped_count_table(pd.Series(["ai", "wb", None]), TOY)).as_raw_html()
    assert "Percentages are of the 2 parents who answered; 1 of 3 gave no answer." in html


# --- flow -------------------------------------------------------------------------------------

PUBLISHED_FLOW = FlowCounts(couples_referred=71, couples_not_suitable=31, couples_offered=40,
                            parents_offered=80, parents_assessed=51, parents_entered=46,
                            parents_intake=44, parents_intake_consented=38, parents_post=21,
                            parents_post_consented=17)


def test_flow_steps_of_the_published_counts_lose_the_published_numbers():
    steps = flow_steps(PUBLISHED_FLOW)
    assert [s.n for s in steps] == [71, 40, 80, 51, 46, 44, 21, 17]
    assert [s.excluded for s in steps] == [31, 0, 29, 5, 2, 23, 4, 0]
    # the only step that does not follow by subtraction is the change of unit, couples -> parents
    assert flow_problems(steps) == [
        "'Couples offered the intervention' (40) minus 0 excluded is 40, but "
        "'Parents in those couples (two per couple)' has 80."]
    assert PUBLISHED_FLOW.problems() == []


def test_flow_counts_report_stages_that_do_not_nest():
    broken = dataclasses.replace(PUBLISHED_FLOW, parents_post=50, couples_offered=41)
    problems = broken.problems()
    assert "71 couples referred minus 31 not suitable is not 41 offered" in problems
    assert "50 parents with an end-of-therapy questionnaire is more than 44 parents with an " \
           "intake questionnaire" in problems
