"""Engagement with PAIRS parent–infant psychotherapy (helpers.pairs.engagement) and appointments
per financial year (helpers.pairs.appointment_years): attendance, non-attendance beside the
national range, parents and pairs seen, whole and part years, growth and trend; the group
programmes in brief.

Values come from the published PAIRS report (data/published/pairs.yaml) as reproduced by the
synthetic records, and from small hand-made cases.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from helpers.pairs.appointment_years import (
    PANDEMIC_YEARS,
    AppointmentYears,
    appointment_years,
    appointments_figure,
    financial_year_span,
    growth_sentence,
    part_years_caption,
    part_years_sentence,
    trend_sentence,
)
from helpers.pairs.data import load_pairs
from helpers.pairs.derived import yearly_appointments
from helpers.pairs.engagement import (
    EngagementFacts,
    appointment_mix,
    case_status_clause,
    cosp_summary,
    dyads_phrase,
    engagement_differences,
    engagement_facts,
    non_attendance,
    not_attended,
    not_seen_clause,
    tt_register,
    tt_summary,
)
from helpers.pairs.printed import month_year, relation_to_range
from helpers.published import published


@pytest.fixture(scope="module")
def data():
    return load_pairs()


@pytest.fixture(scope="module")
def pub():
    return published("pairs")


# --- appointments per year and engagement ----------------------------------------------------------------------------------------

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


def test_trend_sentence_on_the_whole_years_of_the_records(data):
    assert trend_sentence(appointment_years(data).whole_counts) == (
        "Appointments rose every year from 2016/17 to 2018/19, fell below that level in 2019/20 "
        "and 2020/21, the first years of the COVID-19 pandemic, and in 2021/22 passed the 2018/19 "
        "level again, rising every year to 2022/23.")


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


def test_appointments_figure_marks_pandemic_and_part_years_in_words(data):
    ax = appointments_figure(appointment_years(data)).axes[0]
    assert "COVID-19" in [t.get_text() for t in ax.texts]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0] == "2015/16\n(part year)" and ticks[-1] == "2023/24\n(part year)"
    assert sum("part year" in t for t in ticks) == 2
    assert sum(p.get_gid() == "part-year" for p in ax.patches) == 2
    whole = appointments_figure(AppointmentYears(
        pd.Series([3, 4], index=["2016/17", "2017/18"]), pd.Timestamp("2016-04-01"),
        pd.Timestamp("2018-03-31"))).axes[0]
    assert not any("part year" in t.get_text() for t in whole.get_xticklabels())


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


def test_engagement_differences_agree_and_catch_a_wrong_printed_value(data, pub):
    assert engagement_differences(data) == []
    wrong = dict(pub["pip_engagement"], appointments_by_financial_year={"2015/16": 98},
                 attendance_pct=dict(pub["pip_engagement"]["attendance_pct"], cancelled=15))
    assert engagement_differences(data, wrong) == ["appointments in 2015/16",
                                                   "cancelled appointments"]


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

# --- whole and part years ----------------------------------------------------------------------

def test_financial_year_span():
    assert financial_year_span("2023/24") == (pd.Timestamp("2023-04-01"), pd.Timestamp("2024-03-31"))
    with pytest.raises(ValueError):
        financial_year_span("2023/25")


def test_part_years_come_from_the_first_and_last_dates(data):
    years = appointment_years(data)
    # records from 23 June 2015 to 28 December 2023: the first and last years are part years
    assert years.part == ("2015/16", "2023/24")
    assert years.whole == tuple(f"{y}/{(y + 1) % 100:02d}" for y in range(2016, 2023))
    assert years.whole_counts.to_list() == [250, 390, 520, 470, 440, 560, 667]
    assert years.growth == pytest.approx(667 / 250)
    assert years.trend_outside(PANDEMIC_YEARS) == "rose"   # 250, 390, 520, 560, 667
    assert years.trend_outside(()) == "varied"
    assert years.dipped_in(PANDEMIC_YEARS)                 # 470 and 440 below 520
    assert not years.dipped_in(["2015/16"]) and not years.dipped_in(["2030/31"])


def _years(counts, first, last):
    index = [f"{y}/{(y + 1) % 100:02d}" for y in range(2015, 2015 + len(counts))]
    return AppointmentYears(pd.Series(counts, index=index), pd.Timestamp(first), pd.Timestamp(last))


def test_whole_years_on_the_boundaries():
    exact = _years([5, 6], "2015-04-01", "2017-03-31")
    assert exact.part == () and exact.whole == ("2015/16", "2016/17")
    late = _years([5, 6], "2015-04-02", "2017-03-30")
    assert late.part == ("2015/16", "2016/17") and late.whole == ()
    assert pd.isna(late.growth)


def test_part_year_sentences_at_zero_one_and_many(data):
    years = appointment_years(data)
    assert part_years_sentence(years) == (
        "The records start on 23 June 2015 and end on 28 December 2023, so 2015/16 and 2023/24 "
        "are part years; growth is measured on whole years only.")
    assert part_years_caption(years) == (
        "Open hatched bars mark part years, which the records cover only in part: 2015/16 "
        "(records from 23 June 2015) and 2023/24 (records to 28 December 2023).")
    one = _years([5, 6], "2015-04-01", "2016-12-01")
    assert part_years_sentence(one).endswith("so 2016/17 is a part year; growth is measured on "
                                             "whole years only.")
    assert part_years_caption(one) == ("The open hatched bar marks a part year, which the records "
                                       "cover only in part: 2016/17 (records to 1 December 2016).")
    inside = _years([5], "2015-05-01", "2015-12-01")
    assert part_years_caption(inside).endswith(
        "2015/16 (records from 1 May 2015 to 1 December 2015).")
    none = _years([5, 6], "2015-04-01", "2017-03-31")
    assert part_years_caption(none) == ""
    assert part_years_sentence(none) == (
        "The records cover every financial year from 2015/16 to 2016/17 in full.")


def test_growth_sentence_rises_falls_and_stays(data):
    assert growth_sentence(appointment_years(data)) == (
        "Over the whole years, appointments rose from 250 in 2016/17 to 667 in 2022/23, about 2.7 "
        "times as many.")
    # the part year 2015/16 (9) is left out; 7 / 4 = 1.75 shows as 1.8 (half up)
    assert growth_sentence(_years([9, 4, 2, 7], "2015-06-01", "2019-03-31")) == (
        "Over the whole years, appointments rose from 4 in 2016/17 to 7 in 2018/19, about 1.8 "
        "times as many.")
    assert growth_sentence(_years([8, 3], "2015-04-01", "2017-03-31")) == (
        "Over the whole years, appointments fell from 8 in 2015/16 to 3 in 2016/17.")
    assert growth_sentence(_years([4, 4], "2015-04-01", "2017-03-31")) == (
        "Over the whole years, appointments numbered 4 in both 2015/16 and 2016/17.")
    assert growth_sentence(_years([0, 4], "2015-04-01", "2017-03-31")) == (
        "Over the whole years, appointments rose from 0 in 2015/16 to 4 in 2016/17.")
    assert growth_sentence(_years([4, 5], "2015-04-01", "2016-12-31")) == (
        "The records cover one whole year, too few to measure growth.")
    assert growth_sentence(_years([4, 5], "2015-05-01", "2016-12-31")) == (
        "The records cover no whole years, too few to measure growth.")


# --- non-attendance beside the national range ------------------------------------------------

def test_non_attendance_on_the_records(data):
    missed = non_attendance(data)
    assert (missed.missed, missed.appointments) == (455, 4171)
    assert (missed.missed_past, missed.appointments_past) == (455, 4171 - 82)
    assert missed.appointments_in_years == 470 + 440 and missed.missed_in_years == 95
    assert missed.benchmark == (15.0, 20.0) and missed.years == PANDEMIC_YEARS
    assert (missed.relation, missed.relation_in_years) == ("below", "below") and missed.below


def test_non_attendance_against_other_benchmarks(data):
    assert non_attendance(data, (5, 10)).relation == "above"       # 10.9% shows as 11%
    assert non_attendance(data, (5, 11)).relation == "within"
    assert not non_attendance(data, (5, 10)).below
    mixed = non_attendance(data, (10.5, 20))                       # 11% overall, 10% in the years
    assert (mixed.relation, mixed.relation_in_years) == ("within", "below") and not mixed.below


# --- parents, pairs and cases in words -------------------------------------------------------

def test_engagement_clauses_on_the_records(data, pub):
    eng = engagement_facts(data)
    assert not_seen_clause(eng) == ("one other accepted adult was still waiting for a first "
                                    "appointment when the records were taken")
    assert dyads_phrase(eng) == ("282 parent–infant pairs, because in two pairs both parents "
                                 "were seen")
    assert case_status_clause(eng.cases) == ("88 cases were open, 195 closed and one had no "
                                             "recorded status")
    # reading engagement-282-dyads: the printed 282 "adults" are the pairs
    assert eng.counts_dyads(pub["pip_engagement"]["adults_with_engagement_data"])
    assert not eng.counts_dyads(284)


def test_engagement_clauses_at_zero_one_and_many():
    facts = EngagementFacts(0, pd.NaT, pd.NaT, 12, 2, 2, 0, {}, {}, {})
    assert not_seen_clause(facts).startswith("10 other accepted adults were still waiting")
    assert not_seen_clause(dataclasses.replace(facts, adults_seen=12)) == (
        "every accepted adult had at least one appointment")
    assert dyads_phrase(facts) == "two parent–infant pairs, one for each adult"
    assert dyads_phrase(dataclasses.replace(facts, dyads_seen=1, two_parent_dyads=1)) == (
        "one parent–infant pair, because in one pair both parents were seen")
    assert case_status_clause({"active": 0, "closed": 2, "unknown": 0}) == (
        "no cases were open and two closed")
    assert case_status_clause({"active": 2, "closed": 1, "unknown": 3}) == (
        "two cases were open, one closed and three had no recorded status")
