"""Tests of helpers.pup.methods: programme plan, analysis settings and the measures table."""

from __future__ import annotations

import pytest

from helpers.pup.instruments import ARGUMENTS, CORE10, CSI4, RISK
from helpers.pup.methods import (
    CLINICIAN_GROUPS,
    N_CLINICIANS,
    PROGRAMME,
    WilcoxonLimits,
    analysis_settings,
    wilcoxon_limits,
    item_range_text,
    measures_frame,
    measures_gt,
    score_range_text,
)
from helpers.scoring import Instrument, Item


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


def test_clinician_groups_are_the_twelve_described_in_the_report():
    # section 1.3: 7 Tavistock Relationships graduates, 4 from AFCS, 1 from Harrow Early Support
    assert list(CLINICIAN_GROUPS.values()) == [7, 4, 1]
    assert sum(CLINICIAN_GROUPS.values()) == N_CLINICIANS == 12


def test_outcomes_text_reads_at_one_and_many():
    import dataclasses

    s = analysis_settings()
    assert dataclasses.replace(s, outcomes=("CORE-10",)).outcomes_text == "CORE-10"
    assert dataclasses.replace(s, outcomes=("CORE-10", "CSI-4")).outcomes_text == \
        "CORE-10 and CSI-4"


def test_scale_directions_are_read_from_the_instruments():
    import dataclasses

    s = analysis_settings()
    assert s.higher_worse == ("CORE-10", "Risk (CORE)", "Arguments")
    assert s.higher_worse_text == "CORE-10, Risk (CORE) and Arguments"
    assert (s.higher_better, s.higher_better_text) == (("CSI-4",), "CSI-4")
    assert dataclasses.replace(s, higher_better=("A", "B")).higher_better_text == "A and B"


def test_wilcoxon_limits_are_the_branches_the_signed_rank_test_takes():
    # scipy's method="auto": exact up to 50 untied changes; with ties, all 2^n sign patterns
    # are enumerated up to 13 changes
    assert wilcoxon_limits() == WilcoxonLimits(exact=50, conditional=13)
    from helpers.stats.paired import paired_comparison

    def branch(n: int, tied: bool) -> str:
        changes = [float(i + 1) for i in range(n)]
        if tied:
            changes[-1] = changes[0]
        return paired_comparison(changes, [0.0] * n).wilcoxon_method

    assert branch(50, tied=False) == "exact" and branch(51, tied=False) == "normal approximation"
    assert branch(13, tied=True).startswith("exact conditional")
    assert branch(14, tied=True) == "normal approximation"
