"""Tests of helpers.pup.adequacy: each chapter's ``enough`` checker on the shipped records (None)
and on copies that lack what the chapter needs (one sentence naming what is missing and why)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from helpers.pup.adequacy import (
    MIN_PAIRS,
    findings_enough,
    lessons_enough,
    outcome_problem,
    outcomes_enough,
    participants_enough,
    practitioners_enough,
    satisfaction_enough,
    voices_enough,
)
from helpers.pup.data import load_pup
from helpers.pup.outcomes import OutcomeFrames

CHECKERS = (participants_enough, satisfaction_enough, voices_enough, practitioners_enough,
            lessons_enough, findings_enough)


@pytest.fixture(scope="module")
def data():
    return load_pup()


def _nobody_consents(data):
    parents = data.parents.copy()
    parents["research_consent"] = pd.array([False] * len(parents), dtype="boolean")
    return replace(data, parents=parents)


def _frames(data) -> OutcomeFrames:
    view = data.analysis()
    return OutcomeFrames(view.paired(), view.intake(), view.excluded["questionnaires_intake"],
                         view.excluded["questionnaires_post"])


def test_the_shipped_records_support_every_chapter(data):
    assert outcomes_enough(_frames(data)) is None
    assert [check(data) for check in CHECKERS] == [None] * len(CHECKERS)


def test_nobody_consenting_stops_the_chapters_on_answers_but_not_the_service_records(data):
    nobody = _nobody_consents(data)
    sentence = ("None of the 44 parents who returned an intake questionnaire agreed to the use of "
                "their answers in the evaluation (research consent), so there are no answers to "
                "analyse.")
    assert outcomes_enough(_frames(nobody)) == sentence
    assert lessons_enough(nobody) == findings_enough(nobody) == sentence
    assert satisfaction_enough(nobody).startswith("None of the 22 parents who returned the "
                                                  "satisfaction form agreed")
    # service records, surveys and interview themes need no research consent
    assert participants_enough(nobody) is None
    assert practitioners_enough(nobody) is None
    assert voices_enough(nobody) is None


def test_outcome_problems_in_order_by_hand():
    def intake(done: list[bool]) -> pd.DataFrame:
        return pd.DataFrame({"completed": done})

    def paired(genders: list[str], pre: list[int], couples: list[str]) -> pd.DataFrame:
        return pd.DataFrame({"gender": genders, "core10_pre": pre, "couple_id": couples})

    none = intake([])
    assert outcome_problem(pd.DataFrame(), none, 0) == (
        "No parent returned an intake questionnaire, so there are no answers to analyse.")
    assert outcome_problem(pd.DataFrame(), none, 1).startswith("None of the one parent")
    assert outcome_problem(pd.DataFrame(), intake([False]), 0).startswith(
        "No consenting parent completed both the intake and the end-of-therapy questionnaire")
    mothers_only = paired(["female", "female"], [20, 20], ["C1", "C2"])
    assert outcome_problem(mothers_only, intake([True, True, False, False]), 0) == (
        "Fewer than two of the consenting parents with both questionnaires are among fathers, and "
        "each group the chapter reports needs at least that many for a spread of change and a "
        "confidence interval.")
    calm = paired(["female", "female", "male", "male"], [5, 5, 5, 5], ["C1", "C1", "C2", "C2"])
    assert "parents distressed at intake" in outcome_problem(calm, intake([True] * 4), 0)
    four = paired(["female", "female", "male", "male"], [20] * 4, ["C1", "C1", "C2", "C2"])
    assert outcome_problem(four, intake([True] * 4 + [False]), 0).startswith(
        "Fewer than two consenting parents did not return the end-of-therapy questionnaire")
    one_couple = paired(["female", "female", "male", "male"], [20] * 4, ["C1"] * 4)
    assert "same couple" in outcome_problem(one_couple, intake([True] * 4 + [False] * 2), 0)
    assert outcome_problem(four, intake([True] * 4 + [False] * 2), 0) is None
    assert MIN_PAIRS == 2


def test_one_group_missing_names_the_group(data):
    paired = data.analysis().paired()
    fathers = set(paired.loc[paired["gender"] == "male", "parent_id"])
    parents = data.parents.copy()
    parents.loc[parents["parent_id"].isin(fathers), "research_consent"] = False
    problem = outcomes_enough(_frames(replace(data, parents=parents)))
    assert problem.startswith("Fewer than two of the consenting parents with both questionnaires "
                              "are among fathers,")


def test_service_record_chapters_need_someone_who_entered_with_an_intake_form(data):
    nobody_entered = replace(data, parents=data.parents.assign(
        entered=False, not_entered_reason="declined_offer"), questionnaires=data.questionnaires[:0],
        satisfaction=data.satisfaction[:0])
    assert participants_enough(nobody_entered).startswith("No parent of an offered couple entered")
    no_forms = replace(data, questionnaires=data.questionnaires[:0],
                       satisfaction=data.satisfaction[:0])
    assert participants_enough(no_forms).startswith("No parent who entered the intervention "
                                                    "returned an intake questionnaire")
    assert satisfaction_enough(no_forms) == ("No parent returned the satisfaction form, so there "
                                             "are no answers to report.")
    assert participants_enough(replace(data, couples=data.couples[:0])).startswith(
        "No couple was referred")


def test_no_interviews_and_no_survey_answers(data):
    silent = replace(data, interviews=data.interviews[:0],
                     interview_excerpts=data.interview_excerpts[:0])
    assert voices_enough(silent) == ("No parent was interviewed after therapy (the interviews "
                                     "table has no rows), so there are no accounts to report.")
    assert findings_enough(silent) == voices_enough(silent)
    assert lessons_enough(silent) is None  # the lessons do not read the interviews
    no_referrers = replace(data, referrer_survey=data.referrer_survey[:0])
    assert practitioners_enough(no_referrers) == (
        "No survey answers from referrers are in the records, and the chapter sets the two groups' "
        "views side by side.")
    assert lessons_enough(no_referrers) == practitioners_enough(no_referrers)
    nobody = replace(no_referrers, therapist_survey=data.therapist_survey[:0])
    assert "from therapists and referrers" in practitioners_enough(nobody)
