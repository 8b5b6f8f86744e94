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
    flow_adds_up,
    flow_steps_from_data,
    not_started_sentence,
    post_consent_sentence,
    reason_count,
    screening_sentence,
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
        "Of the five parents who were assessed but did not start, three chose not to begin "
        "therapy and two were excluded after assessment because of risk.")


# --- words for the prose: zero, one and many reasons -----------------------------------------


def _lost(n: int) -> FlowCounts:
    """The published flow with ``n`` parents assessed who did not start."""
    return dataclasses.replace(PUBLISHED_FLOW, parents_entered=PUBLISHED_FLOW.parents_assessed - n)


CHOSE = "chose not to begin therapy"
EXCLUDED = "excluded after assessment because of risk"
DECLINED = "did not take up the offer of an assessment"


def test_not_started_sentence_zero_one_and_many():
    assert not_started_sentence(_lost(0), []) == \
        "Everyone who was assessed went on to start therapy."
    assert not_started_sentence(_lost(1), [(EXCLUDED, 1)]) == \
        "The one parent who was assessed but did not start was excluded after assessment " \
        "because of risk."
    assert not_started_sentence(_lost(4), [(CHOSE, 4)]) == \
        "Of the four parents who were assessed but did not start, all four chose not to begin " \
        "therapy."
    assert not_started_sentence(_lost(6), [(CHOSE, 3), (EXCLUDED, 2), (DECLINED, 1)]) == \
        "Of the six parents who were assessed but did not start, three chose not to begin " \
        "therapy, two were excluded after assessment because of risk and one did not take up " \
        "the offer of an assessment."
    with pytest.raises(ValueError, match="not a reason"):
        not_started_sentence(_lost(2), [("moved away", 2)])


def test_screening_sentence_zero_one_many_and_ties():
    one = dataclasses.replace(PUBLISHED_FLOW, couples_referred=1, couples_not_suitable=1,
                              couples_offered=0)
    assert screening_sentence(one, [("severe mental illness", 1)]) == (
        "Over the year, one couple was referred. It was judged not suitable at screening because "
        "it met an exclusion criterion; the recorded reason was severe mental illness.")
    none = dataclasses.replace(PUBLISHED_FLOW, couples_not_suitable=0, couples_offered=71)
    assert screening_sentence(none, []) == (
        "Over the year, 71 couples were referred. None was judged unsuitable at screening.")
    single = dataclasses.replace(PUBLISHED_FLOW, couples_not_suitable=1, couples_offered=70)
    assert screening_sentence(single, [("a", 1)]) == (
        "Over the year, 71 couples were referred. Of these, 1 of 71 (1%) was judged not suitable "
        "at screening because it met an exclusion criterion; the recorded reason was a.")
    tied = dataclasses.replace(PUBLISHED_FLOW, couples_not_suitable=5, couples_offered=66)
    assert screening_sentence(tied, [("a", 2), ("b", 2), ("c", 1)]).endswith(
        "the most common recorded reasons were a and b, 2 of 5, 40% each.")
    with pytest.raises(ValueError, match="add up to 2, but 5"):
        screening_sentence(tied, [("a", 2)])


def test_screening_sentence_on_the_shipped_data(view):
    assert screening_sentence(flow_counts(view), flow_reasons(view)["not_suitable"]) == (
        "Over the year, 71 couples were referred. Of these, 31 of 71 (44%) were judged not "
        "suitable at screening because they met an exclusion criterion; the most common recorded "
        "reason was domestic violence or coercive control (11 of 31, 35%).")


def test_post_consent_sentence_zero_one_and_many_refusals():
    assert post_consent_sentence(PUBLISHED_FLOW) == (
        "Of these, four did not allow their answers to be analysed, which leaves 17 parents with "
        "usable answers before and after therapy")
    every = dataclasses.replace(PUBLISHED_FLOW, parents_post_consented=21)
    assert post_consent_sentence(every).startswith("All of them allowed their answers")
    nobody = dataclasses.replace(PUBLISHED_FLOW, parents_post_consented=0)
    assert post_consent_sentence(nobody) == (
        "None of them allowed their answers to be analysed, which leaves no parents "
        "with usable answers before and after therapy")
    one = dataclasses.replace(PUBLISHED_FLOW, parents_post=1, parents_post_consented=0)
    assert post_consent_sentence(one).startswith("This parent did not allow")
    none_returned = dataclasses.replace(PUBLISHED_FLOW, parents_post=0, parents_post_consented=0)
    assert post_consent_sentence(none_returned) == (
        "No parent is therefore left with usable answers before and after therapy")


def test_pairs_basis_sentence_zero_one_and_many():
    from helpers.pup.flow import pairs_basis_sentence

    many = pairs_basis_sentence(17)
    assert many.startswith("The comparisons of change therefore rest on the 17 parents who "
                           "returned the end-of-therapy questionnaire")
    assert many.endswith("compares completers with non-completers at intake for this reason.")
    assert pairs_basis_sentence(1).startswith("The comparisons of change therefore rest on the "
                                              "one parent who returned")
    assert pairs_basis_sentence(0) == (
        "No parent both returned the end-of-therapy questionnaire and allowed their answers to "
        "be used, so the book has no comparison of change to report.")


def test_flow_adds_up_except_at_the_change_of_unit(view):
    assert flow_adds_up(flow_steps(PUBLISHED_FLOW))
    assert flow_adds_up(flow_steps_from_data(view))
    odd = dataclasses.replace(PUBLISHED_FLOW, parents_offered=81)  # not two per couple
    assert not flow_adds_up(flow_steps(odd))
    steps = flow_steps(PUBLISHED_FLOW)
    steps[4] = dataclasses.replace(steps[4], exclusions=[("Lost", 1)])  # side box says 1, not 2
    assert not flow_adds_up(steps)


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
