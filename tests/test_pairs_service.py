"""Helpers of the chapter 'The PAIRS service and who it reached': printed figures against the
records (helpers.pairs.printed), referrals (helpers.pairs.referrals) and their acceptance
(helpers.pairs.acceptance). Engagement and appointments per year are tested in
test_pairs_engagement.py, reach and deprivation in test_pairs_reach.py.

Values come from the published PAIRS report (data/published/pairs.yaml) as reproduced by the
synthetic records, from its recorded contradictions (pairs.contradictions.yaml), and from small
hand-made cases.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from helpers.pairs.acceptance import (
    Acceptance,
    acceptance,
    acceptance_differences,
    clients_sentence,
    not_accepted_sentence,
    reasons_text,
    timing_missing_clause,
)
from helpers.pairs.data import load_pairs
from helpers.pairs.printed import (
    agrees,
    contradiction_note,
    differences_sentence,
    figure_difference,
    long_date,
    month_year,
    pct_difference,
    percent_range,
    printed_decimals,
    share_relation,
)
from helpers.pairs.referrals import (
    MIDWIFERY,
    REPORT_GROUPS,
    other_referrers,
    other_referrers_gt,
    other_sources_clause,
    referral_differences,
    referral_facts,
    referrer_gt,
    referrer_source_note,
    referrer_table,
)
from helpers.published import published


@pytest.fixture(scope="module")
def data():
    return load_pairs()


@pytest.fixture(scope="module")
def pub():
    return published("pairs")


# --- printed figures against the records ----------------------------------------------------------

def test_printed_decimals_follow_the_report_rule():
    assert [printed_decimals(p, 2) for p in (18, 3.0, 96.5, 0.35)] == [0, 0, 2, 2]
    with pytest.raises(ValueError):
        printed_decimals(True, 1)


def test_agreement_rounds_half_up_like_the_report():
    assert agrees(4.7, 100 * 17 / 358, 1) and not agrees(4.8, 100 * 17 / 358, 1)
    assert agrees(0.35, 0.345, 2)          # half up, not half to even
    assert agrees(74, 100 * 209 / 284, 0)  # 73.59 -> 74


def test_difference_clauses_name_printed_and_records_values():
    assert pct_difference("GPs", 5.6, 20, 358, 1) is None
    assert pct_difference("the missing row", 0.01, 1, 284, 2) == (
        "for the missing row the report prints 0.01%, but 1 of 284 is 0.35%")
    assert figure_difference("the mean age", 33.54, 33.5438, 2) is None
    assert figure_difference("appointments", 97, 98, 0) == (
        "for appointments the report prints 97, the records give 98")


def test_differences_sentence_counts_and_wording():
    clause = "for X the report prints 5%, but 1 of 10 is 10%"
    assert differences_sentence([None], 1, "X") == "The printed percentage on X follows from the records."
    assert differences_sentence([None] * 5, 5, "X", "figures") == (
        "All 5 printed figures on X follow from the records.")
    assert differences_sentence([clause, clause], 2, "X") == (
        f"Both printed percentages on X differ from the records: {clause}; {clause}.")
    assert differences_sentence([clause, None, clause], 3, "X").startswith(
        "Two of the 3 printed percentages on X differ")
    with pytest.raises(ValueError):
        differences_sentence([], 0, "X")
    with pytest.raises(ValueError):
        differences_sentence([clause, clause], 1, "X")


def test_dates_read_as_words():
    assert long_date(pd.Timestamp("2023-12-28")) == "28 December 2023"
    assert month_year(pd.Timestamp("2024-04")) == "April 2024"


# --- referrals -------------------------------------------------------------------------------------

def test_referrer_groups_reproduce_appendix_4_counts(data, pub):
    table = referrer_table(data)
    printed = pub["referrals"]["by_category"]
    assert list(table["group"]) == list(REPORT_GROUPS)
    assert list(table["n"]) == [e["n"] for e in printed]
    assert table["n"].sum() == 358 and set(table["denominator"]) == {358}
    other = table.set_index("group").loc["Other"]
    assert other["n"] == 37 and round(other["percent"], 1) == 10.3


def test_referrer_groups_flag_exactly_the_recorded_contradictions(data):
    table = referrer_table(data)
    flagged = set(table.loc[~table["agrees"], "group"])
    # referrals-adult-mental-health-pct (4.8 vs 4.7) and referrals-other-pct (7.4 vs 10.3);
    # Family Nurse Partnership printed "3%" (11/358 = 3.07) agrees at the printed precision.
    assert flagged == {"Adult mental health", "Other"}
    # the midwifery share (22.1) and the 7 referrals from the groups agree
    assert referral_differences(table, referral_facts(data)) == [
        "the Adult mental health group", "the Other group"]


def test_referral_differences_catch_wrong_totals(data, pub):
    table, rf = referrer_table(data), referral_facts(data)
    wrong = dict(pub["referrals"], midwifery_pct=22.2, tt_and_cosp_referred_to_pip_2015_2024=8)
    assert referral_differences(table, rf, wrong)[2:] == [
        "midwifery as a whole", "referrals from Together Time and Circle of Security Parenting"]


def test_referrer_table_refuses_a_printed_list_in_another_order(data, pub):
    printed = list(pub["referrals"]["by_category"])
    printed[0], printed[1] = printed[1], printed[0]
    with pytest.raises(ValueError, match="must follow REPORT_GROUPS"):
        referrer_table(data, printed)
    with pytest.raises(ValueError, match="15 printed groups"):
        referrer_table(data, printed[:-1])


def test_referrer_table_shows_the_records_only_in_whole_percentages(data):
    html = referrer_gt(referrer_table(data), source_note="A note.").as_raw_html()
    assert "differs" not in html and "agrees" not in html and "printed" not in html
    assert "Percentages are of all 358 referrals" in html and "A note." in html
    # 67/358 = 18.7% shows as 19; 37/358 = 10.3% as 10; the Total row as 100
    assert ">19<" in html and ">10<" in html and ">100<" in html and "18.7" not in html


def test_referrer_source_note_reads_at_zero_one_and_many(data):
    rf = referral_facts(data)
    assert referrer_source_note(rf) == (
        "Health visiting includes three referrals from the early intervention health visiting "
        "team; PAIRS includes four from Together Time and three from Circle of Security "
        "Parenting. 'Other' joins the smaller referrers listed in the next table.")
    one = dataclasses.replace(rf, early_intervention_hv=1, from_together_time=0, from_cosp=12)
    assert referrer_source_note(one).startswith(
        "Health visiting includes one referral from the early intervention health visiting "
        "team; PAIRS includes none from Together Time and 12 from Circle")
    none = dataclasses.replace(rf, early_intervention_hv=0)
    assert referrer_source_note(none).startswith("Health visiting includes no referrals")


def test_sources_rank_midwifery_joined_and_other_left_out(data):
    rf = referral_facts(data)
    assert list(rf.sources.items())[:4] == [(MIDWIFERY, 79), ("Health visiting", 62),
                                            ("Children's Centres (Better Start worker)", 40),
                                            ("Self-referral", 24)]
    assert "Other" not in rf.sources and sum(rf.sources.values()) == 358 - 37
    assert rf.leads([MIDWIFERY])
    assert rf.leads([MIDWIFERY, "Health visiting", "Children's Centres (Better Start worker)"])
    assert not rf.leads(["Health visiting"]) and not rf.leads([])
    # a tie makes the order a matter of naming, so neither of two equal sources leads
    tied = dataclasses.replace(rf, sources={"A": 5, "B": 5, "C": 1})
    assert not tied.leads(["A"]) and not tied.leads(["A", "B"])
    assert dataclasses.replace(rf, sources={"A": 6, "B": 5, "C": 1}).leads(["A", "B", "C"])
    assert not tied.leads(["A", "B", "C", "D"])


def test_other_referrers_match_the_printed_breakdown(data, pub):
    others = other_referrers(data)
    assert len(others) == 14 and others["n"].sum() == 37
    by_name = {c.lower(): n for c, n in zip(others["category"], others["n"])}
    by_name["other"] = by_name.pop("other (not specified)")
    assert by_name == {k.lower(): v for k, v in pub["referrals"]["other_breakdown"].items()}
    assert list(others["n"]) == sorted(others["n"], reverse=True)
    assert np.isclose(others["percent"].sum(), 100)


def test_other_referrers_keep_categories_with_no_referral(data):
    ref = data.referrals[data.referrals["referrer_category"] != "Key worker"]
    others = other_referrers(dataclasses.replace(data, referrals=ref))
    assert len(others) == 14
    assert others.set_index("category").loc["Key worker", "n"] == 0


def test_acceptance_counts_per_referral_and_per_adult(data):
    acc = acceptance(data)
    assert (acc.referred, acc.accepted, acc.not_accepted) == (358, 284, 74)
    assert acc.reasons == {"outside the LEAP catchment area": 52,
                           "child too old for the service": 22}
    assert (acc.antenatal, acc.postnatal, acc.timing_missing) == (209, 74, 1)
    # reading accepted-referrals-284: 285 adults through 284 referrals, one referral shared
    assert (acc.clients, acc.shared) == (285, 1)
    assert acc.clients_by_timing == {"antenatal": 209, "postnatal": 75, "missing": 1}
    assert acc.not_accepted_postnatal == 50


def test_referral_facts_on_the_records(data):
    rf = referral_facts(data)
    assert (rf.referred, rf.categories, rf.groups) == (358, 29, 16)
    assert (rf.first, rf.last) == (pd.Timestamp("2015-05-06"), pd.Timestamp("2024-03-05"))
    assert rf.by_group["LEAP midwifery continuity of carer team"] == 67
    assert rf.by_group["Health visiting"] == 62 and sum(rf.by_group.values()) == 358
    assert rf.midwifery == 67 + 12
    assert (rf.early_intervention_hv, rf.from_together_time, rf.from_cosp) == (3, 4, 3)
    assert rf.from_groups == 7
    # the printed named groups add to 321, leaving 37 for Other, where the report prints 7.4%
    assert (rf.other, rf.other_left_by_printed, rf.other_printed_pct) == (37, 37, 7.4)
    assert rf.other_implied == pytest.approx(26.492)
    assert rf.printed_pct_sum == pytest.approx(97.1)
    assert (rf.other_sources, rf.largest_other) == (14, 5)


def _referrals(rows):
    """Referrals frame from (category, detail) pairs, one a day from 1 May 2020, all accepted."""
    return pd.DataFrame({
        "referral_id": [f"R{k:03d}" for k in range(1, len(rows) + 1)],
        "referral_date": pd.date_range("2020-05-01", periods=len(rows), freq="D"),
        "accepted": True, "pregnancy_status": "antenatal", "reason_not_accepted": None,
        "referrer_category": [c for c, _ in rows], "referrer_detail": [d for _, d in rows],
    })


def test_referral_facts_on_hand_made_referrals(data):
    one = referral_facts(dataclasses.replace(data, referrals=_referrals([("GP", None)])))
    assert (one.referred, one.categories, one.by_group["GP"], one.other) == (1, 1, 1, 0)
    assert one.first == one.last == pd.Timestamp("2020-05-01")
    assert (one.other_sources, one.largest_other, one.from_groups) == (0, 0, 0)
    assert one.other_left_by_printed == 1 - 321
    many = referral_facts(dataclasses.replace(data, referrals=_referrals([
        ("Key worker", None), ("Key worker", None), ("Unknown", None),
        ("Midwife or midwifery service", None), ("PAIRS", "Together Time"),
        ("Health visiting", "Early intervention health visiting")])))
    assert (many.referred, many.categories, many.other, many.midwifery) == (6, 5, 3, 1)
    assert (many.other_sources, many.largest_other) == (2, 2)
    assert (many.from_together_time, many.from_cosp, many.early_intervention_hv) == (1, 0, 1)
    assert many.last == pd.Timestamp("2020-05-06")
    with pytest.raises(ValueError, match="no referrals"):
        referral_facts(dataclasses.replace(data, referrals=_referrals([]).iloc[:0]))


def test_other_sources_clause_on_the_records(data):
    assert other_sources_clause(referral_facts(data)) == (
        "its 37 referrals came from 14 sources, the largest of which made five")


def test_reasons_text():
    assert reasons_text({"child too old for the service": 2, "outside the LEAP catchment area": 5}) == (
        "5 because the family lived outside the LEAP catchment area and 2 because the child was "
        "too old for the service")
    assert reasons_text({"moved away": 1}) == "1 because of: moved away"
    with pytest.raises(ValueError):
        reasons_text({})


def test_other_referrers_table_has_a_total_and_no_missing_row(data):
    html = other_referrers_gt(other_referrers(data)).as_raw_html()
    assert "Missing" not in html and "Percentages are of the 37 referrals" in html


# --- acceptance ------------------------------------------------------------------------------------

def test_acceptance_differences_are_the_recorded_timing_contradictions(data, pub):
    acc = acceptance(data)
    # referral-timing-percentages: 26.40 (of 284) should be 26.41, and 0.01 should be 0.35
    assert acceptance_differences(acc) == ["postnatal adults", "adults with no recorded timing"]
    fixed = dict(pub, pip_demographics=dict(
        pub["pip_demographics"], referral_timing_pct={"antenatal": 73.59, "postnatal": 26.41,
                                                      "missing": 0.35}))
    assert acceptance_differences(acc, fixed) == []
    fixed["referrals"] = dict(pub["referrals"], accepted_pct=80)
    assert acceptance_differences(acc, fixed) == ["accepted referrals"]


def _acceptance(**changes) -> Acceptance:
    base = Acceptance(referred=10, accepted=8, not_accepted=2, reasons={"moved away": 2},
                      antenatal=6, postnatal=2, timing_missing=0, clients=8, shared=0,
                      clients_by_timing={"antenatal": 6, "postnatal": 2, "missing": 0},
                      not_accepted_postnatal=1)
    return dataclasses.replace(base, **changes)


def test_acceptance_sentences_at_zero_one_and_many(data):
    acc = acceptance(data)
    assert clients_sentence(acc) == (
        "The accepted referrals brought 285 adults into psychotherapy, because in one accepted "
        "referral both parents became clients.")
    assert clients_sentence(_acceptance(clients=10, shared=2)).endswith(
        "because in two accepted referrals both parents became clients.")
    assert clients_sentence(_acceptance()) == (
        "The accepted referrals brought eight adults into psychotherapy, one for each referral.")
    assert timing_missing_clause(acc) == "; for one the timing was not recorded"
    assert timing_missing_clause(_acceptance()) == ""
    assert timing_missing_clause(_acceptance(timing_missing=12)) == (
        "; for 12 the timing was not recorded")
    assert not_accepted_sentence(_acceptance()) == (
        "It did not accept two referrals: 2 because of: moved away.")
    assert not_accepted_sentence(_acceptance(not_accepted=0, reasons={})) == (
        "It accepted every referral.")


def test_postnatal_referrals_are_declined_more_often(data):
    # 50 of 74 not accepted were postnatal (68%) against 74 of 284 accepted (26%)
    assert acceptance(data).postnatal_declined_more
    assert _acceptance().postnatal_declined_more  # 1 of 2 (50%) against 2 of 8 (25%)
    assert not _acceptance(not_accepted_postnatal=0).postnatal_declined_more
    assert not _acceptance(not_accepted=4, not_accepted_postnatal=1).postnatal_declined_more  # 25% each
    assert not _acceptance(not_accepted=0, not_accepted_postnatal=0).postnatal_declined_more


# --- printed figures in one sentence ---------------------------------------------------------------

def test_contradiction_note_at_zero_one_and_many():
    assert contradiction_note([]) == ""
    assert contradiction_note(["mothers"]) == (
        "The report's percentage for mothers does not match the records "
        "(see @sec-caveats-contradictions).")
    assert contradiction_note(["a", "b"], "figure", where="@sec-calibration-check") == (
        "The report's figures for a and b do not match the records (see @sec-calibration-check).")


def test_share_relation_judges_at_the_printed_precision():
    assert share_relation(125, 366, 35, 40) == "below"   # 34.2% shows as 34%
    assert share_relation(90, 228, 35, 40) == "within"   # 39.5% shows as 39% (39.47)
    assert share_relation(349, 1000, 35, 40) == "within"  # 34.9% shows as 35%
    assert share_relation(405, 1000, 35, 40) == "above"  # 40.5% shows as 41%
    with pytest.raises(ValueError):
        share_relation(1, 0, 35, 40)
    assert percent_range(15, 20) == "15–20%"
    with pytest.raises(ValueError):
        percent_range(20, 15)
