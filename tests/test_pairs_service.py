"""Helpers of the chapter 'The PAIRS service and who it reached' (helpers.pairs.service).

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
from helpers.pairs.service import (
    REPORT_GROUPS,
    acceptance,
    age_summary,
    agrees,
    appointment_mix,
    appointments_figure,
    cosp_summary,
    differences_sentence,
    engagement_clauses,
    ethnicity_by_service,
    figure_difference,
    imd_by_service,
    imd_figure,
    imd_person_deciles,
    long_date,
    month_year,
    not_attended,
    other_referrers,
    other_referrers_gt,
    pct_difference,
    pip_profile,
    printed_decimals,
    printed_imd_claims,
    profile_clauses,
    profile_gt,
    reasons_text,
    referrer_clauses,
    referrer_gt,
    referrer_table,
    relation_to_range,
    service_clauses,
    service_gt,
    share_at_most,
    trend_sentence,
    tt_summary,
    tt_with_data,
    yearly_appointments,
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


# --- who was reached -----------------------------------------------------------------------------------

def test_ethnicity_side_by_side_reproduces_table_1(data, pub):
    eth = ethnicity_by_service(data).set_index("code")
    for s in ("pip", "tt"):
        for code, n in pub["ethnicity"][s].items():
            assert eth.loc["Total" if code == "n" else code, f"{s}_n"] == n
    assert np.isnan(eth.loc["asian", "pip_printed"])  # printed as a bare 0
    assert eth.loc["Total", "pip_pct"] == 100


def test_ethnicity_clauses_are_the_recorded_truncations(data):
    clauses = [c for c in service_clauses(ethnicity_by_service(data)) if c]
    assert clauses == [
        "for Black (parent–infant psychotherapy) the report prints 24.5%, but 70 of 285 is 24.6%",
        "for White (parent–infant psychotherapy) the report prints 23.1%, but 66 of 285 is 23.2%",
        "for Black (Together Time) the report prints 15.2%, but 18 of 118 is 15.3%",
    ]


def test_imd_table_reproduces_table_2(data, pub):
    imd = imd_by_service(data).set_index("code")
    assert [c for c in imd.index if isinstance(c, int)] == list(range(2, 9))
    for s in ("pip", "tt"):
        for key, n in pub["imd_decile"][s].items():
            code = {"n": "total", "missing": "missing"}.get(key, int(key[1:]) if key[0] == "d" else key)
            assert imd.loc[code, f"{s}_n"] == n
    assert all(c is None for c in service_clauses(imd_by_service(data)))


def test_imd_shares_match_the_recorded_reading(data):
    rec = data.imd_records
    pip = rec.loc[rec["service"] == "parent_infant_psychotherapy", "imd_decile"]
    tt = rec.loc[rec["service"] == "together_time", "imd_decile"]
    # imd-postcode-records: "about 60% in deciles 1-3" is 64.5% (PIP) and 58.8% (TT) of records
    k, n = share_at_most(pip, 3)
    assert (k, n) == (236, 366) and round(100 * k / n, 1) == 64.5
    k, n = share_at_most(tt, 3)
    assert round(100 * k / n, 1) == 58.8
    assert share_at_most(pd.Series([1.0, np.nan, 10.0]), 1) == (1, 3)


def test_imd_per_person_takes_the_latest_address_and_adults_only(data):
    people = imd_person_deciles(data)
    assert len(people["pip"]) == 285 and len(people["tt"]) == 114
    toy = pd.DataFrame({
        "service": ["parent_infant_psychotherapy"] * 3 + ["together_time"] * 2,
        "person_id": ["C1", "C1", "C2", "T1", "T1"],
        "person": ["adult", "adult", "adult", "adult", "infant"],
        "address_sequence": [1, 2, 1, 1, 1],
        "imd_decile": [2, 5, np.nan, 3, 4],
    })
    out = imd_person_deciles(dataclasses.replace(data, imd_records=toy))
    assert out["pip"].tolist()[0] == 5 and np.isnan(out["pip"].tolist()[1])
    assert out["tt"].tolist() == [3]


def test_printed_imd_claims_are_read_from_the_summary():
    assert printed_imd_claims() == {"about_pct": 60, "about_deciles": 3, "range_pct": (35, 40),
                                    "range_deciles": 2}
    with pytest.raises(ValueError, match="cannot read"):
        printed_imd_claims("most people were poor")


def test_side_by_side_tables_and_the_imd_figure_build(data):
    html = service_gt(imd_by_service(data), category_label="IMD decile").as_raw_html()
    assert "Parent–infant psychotherapy" in html and "Together Time" in html
    fig = imd_figure(imd_by_service(data))
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert "34.2% (125)" in labels and "39.5% (90)" in labels


def test_profile_reproduces_table_3(data, pub):
    prof = pip_profile(data)
    rows = prof.set_index(["group", "category"])["n"]
    role = pub["pip_demographics"]["role"]
    assert rows[("Relationship to the infant", "Mother")] == role["mother"]
    assert rows[("Relationship to the infant", "Father")] == role["father"]
    assert ("Relationship to the infant", "Missing") not in rows.index  # no blank roles
    single = pub["pip_demographics"]["single_parent"]
    assert rows[("Single parent", "Yes")] == single[True]
    assert rows[("Single parent", "Missing")] == single["missing"]
    assert rows[("Single parent", "Total")] == 285
    clauses = [c for c in profile_clauses(prof) if c]
    assert clauses == ["for mother (relationship to the infant) the report prints 96.50%, but "
                       "275 of 285 is 96.49%"]
    assert profile_gt(prof).as_raw_html().count("✗ differs") == 1


def test_age_summary_by_hand_and_on_the_records(data, pub):
    s = age_summary(pd.Series([20, 30, 40, None], dtype="Int64"))
    assert (s.n, s.missing, s.minimum, s.maximum, s.mean, s.sd) == (3, 1, 20, 40, 30.0, 10.0)
    assert np.isnan(age_summary(pd.Series([25])).sd)
    with pytest.raises(ValueError):
        age_summary(pd.Series([None, None], dtype="Int64"))
    pip = age_summary(data.pip_clients["age_at_referral"])
    printed = pub["pip_demographics"]["age"]
    assert (pip.minimum, pip.maximum, round(pip.mean)) == (printed["min"], printed["max"],
                                                           printed["mean"])
    tt = age_summary(tt_with_data(data)["age"])
    assert round(tt.mean, 2) == pub["together_time"]["age"]["mean"]


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
