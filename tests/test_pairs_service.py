"""Helpers of the chapter 'The PAIRS service and who it reached': printed figures against the
records (helpers.pairs.printed), referrals (helpers.pairs.referrals) and engagement
(helpers.pairs.engagement). Reach and deprivation are tested in test_pairs_reach.py.

Values come from the published PAIRS report (data/published/pairs.yaml) as reproduced by the
synthetic records, from its recorded contradictions (pairs.contradictions.yaml), and from small
hand-made cases.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from helpers.pairs.data import load_pairs
from helpers.pairs.derived import yearly_appointments
from helpers.pairs.engagement import (
    EngagementFacts,
    appointment_mix,
    appointments_figure,
    cosp_summary,
    engagement_clauses,
    engagement_facts,
    not_attended,
    trend_sentence,
    tt_register,
    tt_summary,
)
from helpers.pairs.printed import (
    agrees,
    differences_sentence,
    figure_difference,
    long_date,
    month_year,
    pct_difference,
    printed_decimals,
    relation_to_range,
)
from helpers.pairs.referrals import (
    REPORT_GROUPS,
    acceptance,
    other_referrers,
    other_referrers_gt,
    reasons_text,
    referral_facts,
    referrer_clauses,
    referrer_gt,
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
    clauses = [c for c in referrer_clauses(table) if c]
    assert clauses == ["for the Adult mental health group the report prints 4.8%, but 17 of 358 is 4.7%",
                       "for the Other group the report prints 7.4%, but 37 of 358 is 10.3%"]


def test_referrer_table_refuses_a_printed_list_in_another_order(data, pub):
    printed = list(pub["referrals"]["by_category"])
    printed[0], printed[1] = printed[1], printed[0]
    with pytest.raises(ValueError, match="must follow REPORT_GROUPS"):
        referrer_table(data, printed)
    with pytest.raises(ValueError, match="15 printed groups"):
        referrer_table(data, printed[:-1])


def test_referrer_table_renders_with_marks_and_a_total(data):
    html = referrer_gt(referrer_table(data)).as_raw_html()
    assert html.count("✗ differs") == 2 and html.count("✓ agrees") == 14
    assert "Percentages are of all 358 referrals" in html
    assert "97.1" in html  # the printed column adds to 97.1 with the printed 7.4


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


def test_reasons_text():
    assert reasons_text({"child too old for the service": 2, "outside the LEAP catchment area": 5}) == (
        "5 because the family lived outside the LEAP catchment area and 2 because the child was "
        "too old for the service")
    assert reasons_text({"moved away": 1}) == "1 because of: moved away"
    with pytest.raises(ValueError):
        reasons_text({})


# --- engagement ----------------------------------------------------------------------------------------

def test_yearly_appointments_reproduce_the_printed_years(data, pub):
    by_year = yearly_appointments(data)
    assert list(by_year.index) == [f"{y}/{(y + 1) % 100:02d}" for y in range(2015, 2024)]
    assert by_year.sum() == 4171
    for fy, n in pub["pip_engagement"]["appointments_by_financial_year"].items():
        assert by_year[fy] == n


def test_yearly_appointments_fill_a_year_without_appointments(data):
    ap = data.pip_appointments
    toy = ap[ap["financial_year"].isin(["2015/16", "2017/18"])]
    by_year = yearly_appointments(dataclasses.replace(data, pip_appointments=toy))
    assert by_year.to_dict() == {"2015/16": 97, "2016/17": 0, "2017/18": 390}


def test_trend_sentence_on_the_records(data):
    assert trend_sentence(yearly_appointments(data)) == (
        "Appointments rose every year from 2015/16 to 2018/19, fell below that level in 2019/20 "
        "and 2020/21, the first years of the COVID-19 pandemic, and in 2021/22 passed the 2018/19 "
        "level again, rising every year to 2023/24.")


def test_trend_sentence_edge_cases():
    years = ["2015/16", "2016/17", "2017/18", "2018/19"]
    assert trend_sentence(pd.Series([1, 2, 2, 3], index=years)) == (
        "Appointments did not fall in any year from 2015/16 to 2018/19.")
    no_recovery = trend_sentence(pd.Series([5, 3, 4, 5], index=years))
    assert no_recovery == ("Appointments started at 5 in 2015/16, fell below that level in "
                           "2016/17 to 2018/19, and had not regained the 2015/16 level by 2018/19.")
    assert "pandemic" not in trend_sentence(pd.Series([1, 3, 2, 4], index=years))
    with pytest.raises(ValueError):
        trend_sentence(pd.Series([1], index=years[:1]))


def test_appointments_figure_marks_the_pandemic_years_in_words(data):
    fig = appointments_figure(yearly_appointments(data))
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "COVID-19" in texts


def test_appointment_mix_reproduces_the_printed_shares(data, pub):
    mix = appointment_mix(data).set_index(["group", "category"])
    assert mix.loc[("Attendance", "Attended"), "n"] == 3050
    assert mix.loc[("Attendance", "Total"), "n"] == 4171
    assert mix.loc[("How it was held", "Total"), "n"] == 4171
    assert mix.loc[("How it was held", "Missing"), "n"] == 0
    printed = pub["pip_engagement"]
    assert round(mix.loc[("Attendance", "Not attended"), "percent"]) == \
        printed["attendance_pct"]["not_attended"]
    assert round(mix.loc[("How it was held", "Face to face"), "percent"]) == \
        printed["modality_pct"]["face_to_face"]


def test_engagement_clauses_agree_and_catch_a_wrong_printed_value(data, pub):
    years, shares = engagement_clauses(data)
    assert years == [None, None] and shares == [None] * 8
    wrong = dict(pub["pip_engagement"], appointments_by_financial_year={"2015/16": 98},
                 attendance_pct=dict(pub["pip_engagement"]["attendance_pct"], cancelled=15))
    years, shares = engagement_clauses(data, wrong)
    assert years == ["for appointments in 2015/16 the report prints 98, the records give 97"]
    assert [s for s in shares if s] == [
        "for cancelled appointments the report prints 15%, but 584 of 4,171 is 14%"]


def test_engagement_facts_on_the_records(data):
    eng = engagement_facts(data)
    assert (eng.appointments, eng.adults) == (4171, 285)
    assert (eng.adults_seen, eng.adults_not_seen) == (284, 1)
    assert (eng.first, eng.last) == (pd.Timestamp("2015-06-23"), pd.Timestamp("2023-12-28"))
    # the report's 282 "engaged adults" are pairs: two pairs brought both parents
    assert (eng.dyads_seen, eng.two_parent_dyads) == (282, 2)
    assert eng.cases == {"active": 88, "closed": 195, "unknown": 1}
    assert eng.attendance == {"attended": 3050, "cancelled": 584, "not_attended": 455,
                              "still_to_attend": 82}
    assert eng.modality == {"face_to_face": 2586, "video": 751, "telephone": 626,
                            "email_or_text": 208}


def test_engagement_facts_on_hand_made_records(data):
    clients = pd.DataFrame({"client_id": ["C1", "C2", "C3", "C4"],
                            "dyad_id": ["D1", "D1", "D2", "D3"],
                            "case_status": ["closed", None, "active", "unknown"]})
    appointments = pd.DataFrame({
        "client_id": ["C1", "C1", "C2", "C3"],
        "appointment_date": pd.to_datetime(["2020-01-02", "2020-03-04", "2020-02-01",
                                            "2021-05-06"]),
        "attendance": ["attended", "cancelled", "attended", "not_attended"],
        "modality": ["video", "video", "face_to_face", "telephone"]})
    eng = engagement_facts(dataclasses.replace(data, pip_clients=clients,
                                               pip_appointments=appointments))
    assert (eng.adults, eng.adults_seen, eng.adults_not_seen) == (4, 3, 1)
    assert (eng.dyads_seen, eng.two_parent_dyads) == (2, 1)
    assert eng.cases == {"active": 1, "closed": 1, "unknown": 0}  # C4 was not seen; C2 blank
    assert eng.attendance == {"attended": 2, "cancelled": 1, "not_attended": 1,
                              "still_to_attend": 0}
    assert eng.modality["video"] == 2 and eng.modality["email_or_text"] == 0
    assert (eng.first, eng.last) == (pd.Timestamp("2020-01-02"), pd.Timestamp("2021-05-06"))
    none = engagement_facts(dataclasses.replace(data, pip_clients=clients,
                                                pip_appointments=appointments.iloc[:0]))
    assert isinstance(none, EngagementFacts)
    assert (none.appointments, none.adults_seen) == (0, 0)
    assert (none.dyads_seen, none.two_parent_dyads) == (0, 0)
    assert none.adults_not_seen == 4 and pd.isna(none.first)


def test_not_attended_bases(data):
    assert not_attended(data) == (455, 4171)
    assert not_attended(data, exclude_pending=True) == (455, 4171 - 82)
    k, n = not_attended(data, ["2019/20", "2020/21"])
    assert n == 470 + 440 and 0 < k < n
    with pytest.raises(ValueError, match="2030/31"):
        not_attended(data, ["2030/31"])


def test_relation_to_range_closed_interval():
    assert [relation_to_range(v, 15, 20) for v in (14.99, 15, 20, 20.01)] == [
        "below", "within", "within", "above"]
    with pytest.raises(ValueError):
        relation_to_range(1, 20, 15)


# --- the group programmes -------------------------------------------------------------------------

def test_group_programmes_in_brief(data, pub):
    tt = tt_summary(data)
    assert (tt.adults, tt.runs, tt.weeks) == (114, 19, 6.0)
    assert tt.first == pd.Timestamp("2018-10-11") and tt.last == pd.Timestamp("2023-07-14")
    cosp = cosp_summary(data)
    assert (cosp.adults, cosp.completed) == (pub["cosp"]["adults"], pub["cosp"]["completed"])
    assert month_year(cosp.first) == "September 2018"


def test_other_referrers_table_has_a_total_and_no_missing_row(data):
    html = other_referrers_gt(other_referrers(data)).as_raw_html()
    assert "Missing" not in html and "Percentages are of the 37 referrals" in html


def test_tt_register_on_the_records(data):
    reg = tt_register(data)
    assert (reg.users, reg.infants, reg.adults, reg.runs) == (198, 99, 99, 20)
    assert (month_year(reg.first), month_year(reg.last)) == ("October 2018", "January 2024")


def test_tt_register_on_hand_made_registers(data):
    su = pd.DataFrame({"user_type": ["infant", "mother", "father", "infant"],
                       "presentation": [1, 1, 2, 2],
                       "first_session_date": pd.to_datetime(["2019-01-07", "2019-01-07",
                                                             "2019-03-04", "2019-03-04"])})
    reg = tt_register(dataclasses.replace(data, tt_service_users=su))
    assert (reg.users, reg.infants, reg.adults, reg.runs) == (4, 2, 2, 2)
    assert (reg.first, reg.last) == (pd.Timestamp("2019-01-07"), pd.Timestamp("2019-03-04"))
    one = tt_register(dataclasses.replace(data, tt_service_users=su.iloc[1:2]))
    assert (one.users, one.infants, one.adults, one.runs) == (1, 0, 1, 1)
    empty = tt_register(dataclasses.replace(data, tt_service_users=su.iloc[:0]))
    assert (empty.users, empty.infants, empty.adults, empty.runs) == (0, 0, 0, 0)
    assert pd.isna(empty.first) and pd.isna(empty.last)
