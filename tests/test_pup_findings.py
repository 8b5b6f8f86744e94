"""Tests of helpers.pup.findings: the key findings read by the summaries at the front of the book.

Values on the shipped synthetic data are checked against the published figures they reproduce
(referrals, the paired comparison, the satisfaction forms) and against the analysis functions the
findings gather; the sentence helpers are checked at 0, 1 and many.
"""

from __future__ import annotations

import pytest

from helpers.paths import project_root
from helpers.pup.data import load_pup
from helpers.pup.findings import PupFindings, couple_phrase, family_phrase, pup_findings
from helpers.pup.outcomes import FamilySignificance


@pytest.fixture(scope="module")
def findings() -> PupFindings:
    return pup_findings(load_pup(project_root() / "data" / "synthetic").analysis())


def test_what_the_service_did_and_for_whom(findings):
    # the report: 71 couples referred, 40 offered a place, 46 parents entered therapy
    assert (findings.flow.couples_referred, findings.flow.couples_offered,
            findings.flow.parents_entered) == (71, 40, 46)
    assert findings.planned_sessions == "6\u201310"
    assert (findings.dose, findings.dose_of) == (9, 17)
    assert (findings.main_group, findings.main_group_n, findings.ethnicity_answered) == (
        "Asian or Asian British", 26, 39)
    assert findings.main_group_word == "most"  # 26 of 39 is over half
    assert (findings.intake.n, findings.intake.core10_clinical) == (38, 24)


def test_what_changed(findings):
    core = findings.core10
    assert core.n == 17 and round(core.diff_mean, 2) == 4.35 and round(core.dz, 2) == 0.68
    assert findings.core10_direction == "fell"
    assert findings.core10_change_points == pytest.approx(abs(core.diff_mean))
    assert findings.core10_size == "medium"  # 0.68 lies in [0.5, 0.8)
    assert findings.core10_range == "anything from a negligible to a large improvement"  # [0.14, 1.20]
    assert (findings.csi4_direction, findings.csi4_interval) == ("rose", "includes no change")
    assert (findings.family.n_outcomes, findings.family.n_raw, findings.family.n_holm) == (4, 3, 0)
    assert (findings.change.n_recovered, findings.change.n_distressed,
            findings.change.n_deteriorated) == (5, 9, 1)
    assert findings.couple_changed == ("Arguments",)


def test_what_participants_said_and_what_next(findings):
    s = findings.satisfaction
    assert (s.respondents, s.items, s.not_true_answers) == (18, 11, 0)
    assert findings.satisfaction_low_pct == pytest.approx(100 * 11 / 18)
    assert findings.satisfaction_high_pct == pytest.approx(100 * 16 / 18)
    assert (findings.interviewed, findings.recommend, findings.relationship_better) == (11, 11, 9)
    assert (findings.near_end, findings.reasons_answered) == (3, 8)
    assert findings.weeks_left == 7
    assert findings.plan.differences == (3.0, 6.0)
    assert findings.plan.pairs == (38, 12)
    assert findings.power_pct == pytest.approx(80)


def test_family_phrase_reads_at_zero_one_and_many():
    assert family_phrase(FamilySignificance(4, 0, 0, 0.05)) == (
        "*p* was below .05 for none of the four outcomes before Holm's adjustment for testing "
        "several at once, and for none of the four outcomes after it")
    assert family_phrase(FamilySignificance(4, 1, 1, 0.05)).endswith(
        "for one of the four outcomes after it")
    assert family_phrase(FamilySignificance(4, 4, 4, 0.05)).startswith(
        "*p* was below .05 for all four outcomes before")
    assert family_phrase(FamilySignificance(1, 1, 0, 0.01)) == (
        "*p* was below .01 for the one outcome before Holm's adjustment for testing several at "
        "once, and for no outcome after it")


def test_couple_phrase_reads_at_zero_one_and_many():
    assert couple_phrase([]) == "leaves every conclusion as it was"
    assert couple_phrase(["Risk"]) == "changes the conclusion for one outcome, Risk"
    assert couple_phrase(["Risk", "CSI-4", "Arguments"]) == (
        "changes the conclusions for three outcomes, Risk, CSI-4 and Arguments")
