"""Tests of helpers.pup.flow: flow counts, recorded reasons, diagram steps and their words."""

from __future__ import annotations

import dataclasses

import pytest

from helpers.flow import flow_problems
from helpers.published import published
from helpers.pup.data import load_pup
from helpers.pup.flow import (
    FlowCounts,
    flow_counts,
    flow_reasons,
    flow_steps,
    flow_steps_from_data,
    not_started_sentence,
    reason_count,
)

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


def test_not_started_sentence_on_the_shipped_data(view):
    counts, reasons = flow_counts(view), flow_reasons(view)
    assert not_started_sentence(counts, reasons["not_entered"]) == (
        "The 5 who were assessed but did not start comprise 3 chose not to begin therapy and "
        "2 excluded after assessment because of risk.")


# --- words for the prose: zero, one and many reasons -----------------------------------------


def _lost(n: int) -> FlowCounts:
    """The published flow with ``n`` parents assessed who did not start."""
    return dataclasses.replace(PUBLISHED_FLOW, parents_entered=PUBLISHED_FLOW.parents_assessed - n)


def test_not_started_sentence_zero_one_and_many():
    assert not_started_sentence(_lost(0), []) == \
        "Everyone who was assessed went on to start therapy."
    assert not_started_sentence(_lost(1), [("chose not to begin", 1)]) == \
        "The 1 who were assessed but did not start comprise 1 chose not to begin."
    assert not_started_sentence(_lost(6), [("a", 3), ("b", 2), ("c", 1)]) == \
        "The 6 who were assessed but did not start comprise 3 a, 2 b and 1 c."


def test_not_started_sentence_refuses_reasons_that_do_not_add_up():
    with pytest.raises(ValueError, match="add up to 4, but 5"):
        not_started_sentence(_lost(5), [("a", 4)])


def test_reason_count_by_code(view):
    reasons = flow_reasons(view)["not_entered"]
    assert reason_count(reasons, "not_entered_reason", "excluded_after_assessment") == 2
    assert reason_count(reasons, "not_entered_reason", "chose_not_to_begin") == 3
    assert reason_count(reasons, "not_entered_reason", "declined_offer") == 0  # not at this stage
    assert reason_count([], "not_entered_reason", "declined_offer") == 0
    with pytest.raises(ValueError, match="not a code"):
        reason_count(reasons, "not_entered_reason", "excluded after assessment because of risk")
