"""Tests of helpers.pairs.findings: the key findings read by the summaries at the front of the book.

Values on the shipped synthetic data are checked against the figures the report prints and the
analysis functions the findings gather; the words and sentence helpers are checked on hand-made
values at 0, 1 and many.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.pairs.data import load_pairs
from helpers.pairs.findings import (
    DEPRIVED_DECILES,
    PairsFindings,
    TtChange,
    family_phrase,
    pairs_findings,
)
from helpers.pairs.tt_outcomes import FamilyCounts
from helpers.paths import project_root


@pytest.fixture(scope="module")
def findings() -> PairsFindings:
    return pairs_findings(load_pairs(project_root() / "data" / "synthetic"))


def test_what_the_services_did(findings):
    assert (findings.referred, findings.accepted, findings.antenatal) == (358, 284, 209)
    assert findings.antenatal_word == "most"  # 209 of 284
    assert findings.first_referral == pd.Timestamp("2015-05-06")
    assert findings.last_referral == pd.Timestamp("2024-03-05")
    assert findings.main_sources == ("Midwifery", "Health visiting")
    assert findings.main_sources_n == 141
    assert (findings.appointments, findings.attended, findings.not_attended) == (4171, 3050, 455)
    assert findings.not_attended_pct == pytest.approx(100 * 455 / 4171)
    assert findings.camhs_range == (15.0, 20.0)
    assert findings.camhs_relation == "below"  # 10.9% is below 15-20%


def test_for_whom(findings):
    assert (findings.pip_black, findings.pip_unknown, findings.pip_adults) == (70, 88, 285)
    assert (findings.tt_white, findings.tt_unknown, findings.tt_adults) == (55, 36, 118)
    assert DEPRIVED_DECILES == 3
    assert findings.pip_deprived == (182, 285)
    assert findings.tt_deprived == (67, 114)


def test_what_changed(findings):
    assert findings.warmth.result.n == 59 and findings.goals.result.n == 28
    assert round(findings.warmth.dz, 2) == 0.31 and findings.warmth.size == "small"
    assert findings.goals.size == "large" and findings.goals.range == "a large improvement"
    assert findings.prfq_pm.direction == "worsened"  # interval [-0.57, -0.11]
    assert findings.prfq_total.direction == "improved"
    assert findings.prfq_total_hides_worsening is True
    assert findings.pip_mostly_unpaired is True  # 7 of 125 have both ends
    assert (findings.family.report, findings.family.report_below_alpha,
            findings.family.report_below_alpha_holm) == (4, 4, 4)
    assert (findings.pip_clients, findings.pip_initial_and_closing,
            findings.pip_initial_and_later) == (125, 7, 23)
    assert findings.tt_paired == (59, 114)


def test_what_participants_said(findings):
    assert (findings.parents, findings.parent_top, findings.parent_top_n) == (
        15, ("A closer bond with the baby",), 13)
    assert (findings.parent_top_text, findings.parent_top_noun) == (
        "a closer bond with the baby", "theme")
    assert (findings.stakeholders, findings.reflective, findings.keep_service) == (10, 10, 7)


def test_tt_change_words_by_hand():
    def change(low, mid, high):
        return TtChange("m", None, mid, low, high)  # type: ignore[arg-type]

    assert (change(0.1, 0.3, 0.6).size, change(0.1, 0.3, 0.6).direction) == ("small", "improved")
    assert change(-0.2, 0.2, 0.6).direction == "changed unclearly"
    assert change(-0.2, 0.2, 0.6).range == (
        "anything from a small worsening to a medium improvement")
    assert change(-0.9, -0.5, -0.3).direction == "worsened"


def test_family_phrase_reads_at_zero_one_and_many():
    assert family_phrase(FamilyCounts(4, 0, 0, 3, 0.05)) == (
        "*p* was below .05 for none of the four tests the report ran before Holm's adjustment "
        "for testing several at once, and for none of the four tests after it")
    assert family_phrase(FamilyCounts(4, 1, 1, 3, 0.05)).endswith(
        "for one of the four tests after it")
    assert family_phrase(FamilyCounts(1, 1, 1, 0, 0.05)).startswith(
        "*p* was below .05 for the one test the report ran")
