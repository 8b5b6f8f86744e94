"""Tests of helpers.pup.lessons: referral timing and sources against the funded year, and the
facts the lessons chapter reads off them."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.paths import project_root
from helpers.pup.data import PERIOD_END, PERIOD_START, load_pup
from helpers.pup.lessons import (
    PUP_REFERRAL_SOURCES,
    ReferralFacts,
    ReferralTimeline,
    referral_facts,
    referral_gt,
    referral_sources,
    referral_timeline,
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
