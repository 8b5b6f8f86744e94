"""Tests of helpers.pup.lessons: referral timing and sources against the funded year, and the
facts the lessons chapter reads off them."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.paths import project_root
from helpers.pup.data import PERIOD_END, PERIOD_START, load_pup
from helpers.pup.lesson_facts import (
    LessonFacts,
    lesson_facts,
    losses_sentence,
    screening_sentence,
    top_reasons,
)
from helpers.pup.lessons import (
    PUP_REFERRAL_SOURCES,
    ReferralFacts,
    ReferralTimeline,
    late_referrals_text,
    referral_facts,
    referral_gt,
    referral_sources,
    referral_timeline,
    sources_sentence,
)


@pytest.fixture(scope="module")
def view():
    return load_pup(project_root() / "data" / "synthetic").analysis()


def test_referral_timeline_by_hand():
    couples = pd.DataFrame({
        "couple_id": ["C1", "C2", "C3", "C4"],
        "referral_date": pd.to_datetime(["2019-04-10", "2019-06-30", "2019-07-01", "2020-03-03"]),
        "screening_outcome": ["offered", "not_suitable", "offered", "offered"],
    })
    t = referral_timeline(couples, "2019-04-01", "2020-03-31")
    assert t.by_quarter.values.tolist() == [[1, 2, 1], [2, 1, 1], [3, 0, 0], [4, 1, 1]]
    assert t.days_to_first == 9
    assert t.weeks_left_after_last == 4  # 28 days to 31 March
    with pytest.raises(ValueError, match="C9"):
        referral_timeline(couples.assign(couple_id=["C1", "C2", "C3", "C9"],
                                         referral_date=couples["referral_date"].where(
                                             couples.index < 3, pd.Timestamp("2020-05-01"))),
                          "2019-04-01", "2020-03-31")


def test_referral_timeline_in_the_data(view):
    t = referral_timeline(view.couples, "2019-04-01", "2020-03-31")
    assert t.by_quarter["referred"].sum() == 71 and t.by_quarter["offered"].sum() == 40


def test_referral_sources_by_hand():
    couples = pd.DataFrame({"referral_source": ["sw", "sw", "es", "sw"],
                            "screening_outcome": ["offered", "not_suitable", "offered", "offered"]})
    out = referral_sources(couples, {"es": "Early support", "sw": "Social worker",
                                     "school": "School"})
    assert out[["source", "referred", "offered"]].values.tolist() == [
        ["sw", 3, 2], ["es", 1, 1], ["school", 0, 0]]
    assert out["percent"].iloc[:2].round(2).tolist() == [66.67, 100.0]
    assert pd.isna(out["percent"].iloc[2])
    with pytest.raises(ValueError, match="sw"):
        referral_sources(couples, {"es": "Early support"})


def test_referral_sources_and_table_in_the_data(view):
    sources = referral_sources(view.couples, PUP_REFERRAL_SOURCES)
    assert sources["referred"].sum() == 71 and sources["offered"].sum() == 40
    assert sources["referred"].is_monotonic_decreasing
    timeline = referral_timeline(view.couples, "2019-04-01", "2020-03-31")
    html = referral_gt(timeline, sources).as_raw_html()
    assert "Quarter 1 (Apr 2019–Jun 2019)" in html and "Quarter 4 (Jan 2020–Mar 2020)" in html
    assert "Other" not in html  # a source nobody used is not shown


# --- facts the chapter reads ----------------------------------------------------------------------


def _timeline(referred: list[int], offered: list[int]):
    """A ReferralTimeline with the given per-quarter counts (dates do not matter here)."""
    couples = pd.DataFrame({
        "couple_id": [f"C{i}" for i in range(sum(referred))],
        "referral_date": [pd.Timestamp(f"2019-{3 * q + 4:02d}-15") if q < 3
                          else pd.Timestamp("2020-02-15")
                          for q, k in enumerate(referred) for _ in range(k)],
        "screening_outcome": [("offered" if j < offered[q] else "not_suitable")
                              for q, k in enumerate(referred) for j in range(k)],
    })
    return referral_timeline(couples, "2019-04-01", "2020-03-31")


def test_referral_facts_by_hand():
    timeline = _timeline([2, 1, 0, 3], [1, 1, 0, 2])
    sources = pd.DataFrame({"label": ["Social worker", "School"], "referred": [5, 1],
                            "offered": [3, 1]})
    assert referral_facts(timeline, sources) == ReferralFacts(
        referred=6, last_quarter_referred=3, last_quarter_offered=2, n_sources=2,
        main_source="Social worker", main_source_referred=5)


def test_referral_facts_counts_only_sources_that_referred():
    timeline = _timeline([1, 0, 0, 0], [1, 0, 0, 0])
    sources = pd.DataFrame({"label": ["School", "Other"], "referred": [1, 0], "offered": [1, 0]})
    facts = referral_facts(timeline, sources)
    assert (facts.n_sources, facts.main_source, facts.last_quarter_referred) == (1, "School", 0)


def test_referral_facts_refuses_inconsistent_or_empty_inputs():
    timeline = _timeline([2, 1, 0, 3], [1, 1, 0, 2])
    with pytest.raises(ValueError, match="6 couples by quarter but 5 by source"):
        referral_facts(timeline, pd.DataFrame({"label": ["A"], "referred": [5], "offered": [1]}))
    day = pd.Timestamp("2019-04-01")
    empty = ReferralTimeline(start=day, end=day, first_referral=day, last_referral=day,
                             by_quarter=pd.DataFrame({"quarter": [1], "referred": [0],
                                                      "offered": [0]}),
                             weeks_left_after_last=0)
    with pytest.raises(ValueError, match="no couple"):
        referral_facts(empty, pd.DataFrame({"label": ["A"], "referred": [0], "offered": [0]}))


def test_referral_facts_on_the_shipped_data(view):
    timeline = referral_timeline(view.couples, PERIOD_START, PERIOD_END)
    facts = referral_facts(timeline, referral_sources(view.couples, PUP_REFERRAL_SOURCES))
    assert facts == ReferralFacts(referred=71, last_quarter_referred=8, last_quarter_offered=3,
                                  n_sources=4, main_source="Children's Services social worker",
                                  main_source_referred=32)


def test_sample_plan_rests_on_planned_differences_not_the_observed_effect():
    from helpers.pup.lessons import PLANNED_DIFFERENCES, sample_plan
    from helpers.stats.power import paired_sample_size

    assert PLANNED_DIFFERENCES == (3.0, 6.0)
    plan = sample_plan(6.41, 17, 46)
    # by hand: d_z = 3 / 6.41 and 6 / 6.41, then the paired-t sample size
    assert plan.pairs == (paired_sample_size(3 / 6.41), paired_sample_size(6 / 6.41))
    assert plan.pairs == (38, 12)
    assert plan.entrants == (103, 33)  # ceil(38 * 46 / 17), ceil(12 * 46 / 17)
    with pytest.raises(ValueError, match="SD must be positive"):
        sample_plan(0.0, 17, 46)


# --- sentences and the chapter's facts ------------------------------------------------------------


def test_late_referrals_text_zero_one_and_many():
    facts = ReferralFacts(referred=71, last_quarter_referred=8, last_quarter_offered=3,
                          n_sources=4, main_source="x", main_source_referred=32)
    assert late_referrals_text(facts, 7) == (
        "eight of the 71 referrals (11%) came in the final quarter, three of them offered a "
        "place, and the last arrived with seven weeks of funding left")
    none_offered = ReferralFacts(10, 4, 0, 1, "x", 10)
    assert "four of the 10 referrals (40%) came in the final quarter, none of them offered" in \
        late_referrals_text(none_offered, 2)
    all_offered = ReferralFacts(10, 4, 4, 1, "x", 10)
    assert ", all of them offered a place," in late_referrals_text(all_offered, 2)
    one = ReferralFacts(10, 1, 0, 1, "x", 10)
    assert late_referrals_text(one, 1) == (
        "one of the 10 referrals (10%) came in the final quarter, not offered a place, and the "
        "last arrived with one week of funding left")
    assert late_referrals_text(ReferralFacts(10, 0, 0, 1, "x", 10), 0).startswith(
        "no couple was referred in the final quarter")


def test_sources_sentence_one_many_and_ties():
    sources = pd.DataFrame({"source": ["social_worker", "school", "camhs"],
                            "referred": [5, 1, 0]})
    assert sources_sentence(sources) == (
        "Referrals came from two kinds of referrer; the largest share, 5 of 6 (83%), came from a "
        "Children's Services social worker.")
    assert sources_sentence(sources.assign(referred=[0, 3, 0])) == \
        "Every referral came from a school."
    assert sources_sentence(sources.assign(referred=[2, 2, 1])) == (
        "Referrals came from three kinds of referrer; the largest shares, 2 of 5 (40%) each, came "
        "from a Children's Services social worker and from a school.")
    with pytest.raises(ValueError, match="no couple"):
        sources_sentence(sources.assign(referred=[0, 0, 0]))


def test_screening_sentence_zero_one_many_and_ties():
    assert screening_sentence(0, 10, []) == "At screening, no referred couple was turned down."
    assert screening_sentence(1, 1, [("risk", 1)]) == (
        "At screening, the one referred couple (100%) was turned down because it met an exclusion "
        "criterion, namely risk.")
    assert screening_sentence(3, 10, [("risk", 3)]) == (
        "At screening, three of the 10 referred couples (30%) were turned down because they met "
        "an exclusion criterion, in every case risk.")
    assert screening_sentence(5, 10, [("risk", 2), ("distance", 2), ("other", 1)]).endswith(
        "; the most common were risk and distance (two couples each).")
    assert screening_sentence(5, 10, [("risk", 3), ("other", 2)]).endswith(
        "; the most common was risk (3 of 5, 60%).")
    with pytest.raises(ValueError):
        screening_sentence(11, 10, [])
    assert top_reasons([]) == ([], 0)


def test_losses_sentence_chooses_before_or_after_from_the_counts():
    # the shipped data: 80 offered, 46 entered, 17 pairs: 34 lost before, 29 after
    assert losses_sentence(80, 46, 17) == (
        "Of the 80 parents offered a place, 34 did not begin therapy and 29 of the 46 who began "
        "gave no pair of questionnaires that could be analysed: more were lost before therapy "
        "began than after.")
    assert losses_sentence(80, 60, 17).endswith("more were lost after therapy began than before.")
    assert losses_sentence(10, 8, 6).endswith("as many were lost before therapy began as after.")
    assert losses_sentence(10, 6, 6) == (
        "Of the 10 parents offered a place, four did not begin therapy and every one of them gave "
        "a pair of questionnaires that could be analysed: every loss came before therapy began.")
    assert losses_sentence(3, 1, 0).startswith(
        "Of the three parents offered a place, two did not begin therapy and the one parent who "
        "began gave no pair")
    assert losses_sentence(2, 2, 2).startswith("Every parent offered a place began therapy")
    with pytest.raises(ValueError):
        losses_sentence(10, 12, 4)


def test_lesson_facts_on_the_shipped_data(view):
    f = lesson_facts(view)
    assert isinstance(f, LessonFacts)
    assert f.timeline.by_quarter["referred"].tolist() == [26, 19, 18, 8]
    assert f.referral_trend == "fell"  # not "kept arriving until late"
    assert (f.couples_referred, f.dose, f.near_end, f.appropriate) == (71, (9, 17), (3, 8), (6, 8))
    assert (f.little_contact, f.review_meetings, f.safety_concerns) == ((4, 8), (0, 8), (3, 8))
    assert (f.supervision, f.co_therapist, f.excluded_after) == ((8, 8), (8, 8), 2)
    assert (f.refused_intake, f.refused_post, f.post, f.pairs) == ((6, 44), (4, 21), (21, 44),
                                                                    (17, 46))
    assert f.top_reason == "domestic violence or coercive control" and f.any_turned_down
    assert f.core_fell and f.core.n == 17
    assert f.interviewed == (11, 46) and f.interviews_partial
    assert f.plan.pairs == (38, 12)
    assert f.losses_text.endswith("more were lost before therapy began than after.")
    assert f.screening_text.endswith("the most common was domestic violence or coercive control "
                                     "(11 of 31, 35%).")
