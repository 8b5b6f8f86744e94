"""Tests of helpers.pup.participants: measures table, analysis settings, flow, sessions, demographics."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from helpers.scoring import Instrument, Item
from helpers.pup.data import load_pup
from helpers.flow import flow_problems
from helpers.published import published
from helpers.tables import count_table_gt
from helpers.pup.instruments import ARGUMENTS, CORE10, CSI4, RISK
from helpers.describe import age_summary
from helpers.pup.participants import (
    ETHNICITY,
    LABELS,
    PROGRAMME,
    demographic_base,
    demographic_table,
    demographics_stacked,
    ethnicity_bar_frame,
    ethnicity_percent_checks,
    ethnicity_table,
    flow_counts,
    flow_reasons,
    flow_steps_from_data,
    planned_dose_count,
    printed_agreement,
    printed_agreement_text,
    sessions_summaries,
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


# --- from the records (synthetic data calibrated to the report) ------------------------------


@pytest.fixture(scope="module")
def view():
    return load_pup().analysis()


def test_flow_counts_from_the_records_are_the_published_flow(view):
    flow = published("parenting-under-pressure")["flow"]
    c = flow_counts(view)
    assert (c.couples_referred, c.couples_not_suitable, c.couples_offered) == (
        flow["couples_referred"], flow["couples_not_suitable_exclusion"], flow["couples_offered"])
    assert (c.parents_offered, c.parents_assessed, c.parents_entered) == (
        flow["parents_offered"], flow["parents_individual_assessment"],
        flow["parents_entered_intervention"])
    assert c.parents_intake == flow["parents_usable_intake_questionnaire"] == 44
    assert c.parents_intake_consented == flow["parents_consented_intake_for_analysis"] == 38
    assert c.parents_post == flow["parents_post_questionnaire"] == 21
    assert c.parents_post - c.parents_post_consented == flow["parents_post_refused_consent"] == 4
    assert c.problems() == []


def test_flow_reasons_add_up_to_the_people_lost(view):
    r = flow_reasons(view)
    assert sum(k for _, k in r["not_suitable"]) == 31
    assert sum(k for _, k in r["not_assessed"]) == 80 - 51
    assert sum(k for _, k in r["not_entered"]) == 51 - 46
    counts = [k for _, k in r["not_suitable"]]
    assert counts == sorted(counts, reverse=True)
    steps = flow_steps_from_data(view)
    assert [s.excluded for s in steps] == [31, 0, 29, 5, 2, 23, 4, 0]


def test_flow_steps_from_data_reject_reasons_that_do_not_add_up(view):
    parents = view.parents.copy()
    chose = parents.index[parents["not_entered_reason"] == "chose_not_to_begin"][0]
    parents.loc[chose, "not_entered_reason"] = None  # a parent who did not start, reason lost
    broken = dataclasses.replace(view, parents=parents)
    with pytest.raises(ValueError, match="not_entered"):
        flow_steps_from_data(broken)


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


def test_demographic_tables_reproduce_the_published_counts_with_their_own_denominators(view):
    demo = published("parenting-under-pressure")["demographics"]
    base = demographic_base(view)
    assert len(base) == demo["gender"]["n"] == 46
    for column in ("marital_status", "relationship_length_years", "qualification", "employment",
                   "sexual_orientation"):
        table = demographic_table(base, column)
        answered = int(table["n"].iloc[:-2].sum())
        assert answered == demo[column]["n"], column
        assert table.set_index("category").loc["Total", "n"] == 46
        labels = {c: LABELS[column].get(c, c) for c in demo[column] if c != "n"}
        for code, label in labels.items():
            assert table.set_index("category").loc[label, "n"] == demo[column][code], (column, code)
    age = age_summary(base["age"])
    assert (age.n, age.missing, age.minimum, age.maximum) == (25, 21, 20, 55)
    assert round(age.mean, 1) == 39.8 and round(age.sd, 2) == 7.98


def test_demographics_stacked_names_each_denominator(view):
    stacked = demographics_stacked(demographic_base(view))
    groups = list(dict.fromkeys(stacked["group"]))
    assert groups[0] == "Gender (service record) (46 answered, 0 missing)"
    assert "Sexual orientation (34 answered, 12 missing)" in groups
    html = count_table_gt(stacked).as_raw_html()
    assert "percentages of the parents who answered that question" in html


def test_ethnicity_table_and_printed_percentages(view):
    demo = published("parenting-under-pressure")["demographics"]["ethnicity"]
    table = ethnicity_table(demographic_base(view)).set_index("category")
    assert table.loc["Asian or Asian British", "n"] == 26
    assert table.loc["White", "n"] == 8 and table.loc["Black or Black British", "n"] == 3
    assert table.loc["Missing", "n"] == 7
    checks = ethnicity_percent_checks(ethnicity_table(demographic_base(view)), demo["printed_pct"])
    assert len(checks) == 14 and checks["matches"].all()
    assert checks.set_index("figure").loc["Asian or Asian British (all)", "reproduced"] == \
        "26 of 39 (67%)"


def test_a_printed_percentage_no_count_can_give_is_flagged():
    table = grouped_count_table(pd.Series(["asian_indian"] * 3 + ["white_irish"] * 5), ETHNICITY)
    checks = ethnicity_percent_checks(table, {"asian_indian": 40, "white": 62})
    assert checks["matches"].tolist() == [False, True]  # 3 of 8 = 37.5%; 5 of 8 = 62.5%
    assert "a share no whole number of 8 respondents can give" in checks["note"].iloc[0]
    with pytest.raises(KeyError, match="neither"):
        ethnicity_percent_checks(table, {"martian": 1})


def test_ethnicity_bar_frame_drops_the_group_name_for_single_member_groups(view):
    frame, total = ethnicity_bar_frame(ethnicity_table(demographic_base(view)))
    assert total == 39 and int(frame["n"].sum()) == 39
    assert frame["category"].iloc[0] == "Asian: Indian"
    assert "Mixed or multiple groups" in frame["category"].tolist()


def test_printed_agreement_counts_matches_and_names_mismatches():
    figures = pd.DataFrame({"path": ["flow.a", "flow.b", "other.c"], "printed": [1, 2.5, 3],
                            "reproduced": [1, 2.0, 3], "matches": [True, False, True],
                            "note": ["", "a-reading", ""]})
    agreement = printed_agreement(figures, ["flow."])
    assert (agreement.total, agreement.matched, agreement.readings) == (2, 1, ("a-reading",))
    text = printed_agreement_text(agreement, "the flow")
    assert text == ("1 of the 2 figures the report printed on the flow are reproduced from the "
                    "records; the others differ: flow.b (printed 2.5, records 2.00).")
    with pytest.raises(ValueError, match="no printed figure"):
        printed_agreement(figures, ["nothing."])
