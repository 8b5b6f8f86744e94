"""PAIRS outcomes: the measures table, LOAF levels in words, parent-infant psychotherapy and
the printed outcome figures the chapter mentions (published figures reproduced, hand-computed
cases, edge cases)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers.pairs.data import load_pairs
from helpers.pairs.derived import pip_outcomes_scored
from helpers.pairs.outcome_measures import (
    LOAF_BEST,
    LoafRatings,
    loaf_level_words,
    loaf_levels_words,
    loaf_ratings,
    loaf_shares_phrase,
    measures_frame,
)
from helpers.pairs.pip_outcomes import (
    WINDOWS,
    is_highest_window,
    pai_summary,
    pip_loaf_by_window,
    pip_mors_by_window,
    pip_mors_figure,
    pip_mors_gt,
    pip_window_overlap,
    window_words,
    windows_phrase,
)
from helpers.pairs.printed_outcomes import (
    evidence_words,
    printed_bound_holds,
    printed_mors_p,
    relation_word,
)
from helpers.published import published


@pytest.fixture(scope="module")
def pairs():
    return load_pairs()


@pytest.fixture(scope="module")
def pip(pairs):
    return pip_outcomes_scored(pairs)


@pytest.fixture(scope="module")
def printed():
    return published("pairs")


# --- the measures table --------------------------------------------------------------------------

def test_measures_frame_ranges_and_directions():
    m = measures_frame().set_index("measure")
    assert m.loc["MORS-SF warmth", "range"] == "0–35"
    assert m.loc["MORS-SF invasion", "direction"] == "higher is worse"
    assert m.loc["PRFQ total (report's score)", "range"] == "18–126"
    assert m.loc["PRFQ pre-mentalizing", "range"] == "1–7"
    assert m.loc["PRFQ pre-mentalizing", "items"] == "6 (item mean)"
    assert m.loc["PRFQ pre-mentalizing", "direction"] == "higher is worse"
    assert m.loc["PAI", "range"] == "21–84"
    assert m.loc["Goal score", "range"] == "0–10"
    assert m.loc["DC:0-5 LOAF caregiving", "range"] == "1–4"
    assert "concern below 20" in m.loc["MORS-SF warmth", "reference_values"]
    assert "concern above 12" in m.loc["MORS-SF invasion", "reference_values"]
    assert len(m) == 9


# --- parent-infant psychotherapy ----------------------------------------------------------------

def test_mors_windows_reproduce_the_published_table(pip, printed):
    by = pip_mors_by_window(pip)
    assert list(by.index) == list(WINDOWS)
    for code, row in zip(WINDOWS, printed["pip_outcomes"]["mors_by_appointment_window"]):
        got = by.loc[code]
        assert got["n"] == row["n"]
        assert got["warmth_mean"] == pytest.approx(row["warmth"][0], abs=0.005)
        assert got["warmth_sd"] == pytest.approx(row["warmth"][1], abs=0.005)
        assert got["invasion_mean"] == pytest.approx(row["invasion"][0], abs=0.005)
        assert got["invasion_sd"] == pytest.approx(row["invasion"][1], abs=0.005)


def _toy_pip() -> pd.DataFrame:
    return pd.DataFrame({
        "client_id": ["A", "B", "C", "A", "C", "D", "E"],
        "window": ["initial", "initial", "initial", "closing", "10th-15th", "20th-65th", "initial"],
        "warmth": [20.0, 22.0, 30.0, 19.0, 25.0, 24.0, 18.0],
        "invasion": [10.0, 14.0, 12.0, 8.0, 9.0, 13.0, np.nan],  # E lacks invasion: left out
    })


def test_mors_windows_hand_computed():
    by = pip_mors_by_window(_toy_pip())
    init = by.loc["initial"]
    assert init["n"] == 3 and init["clients"] == 3
    assert init["warmth_mean"] == pytest.approx(24.0)
    assert init["warmth_sd"] == pytest.approx(math.sqrt(28.0))
    half = stats.t.ppf(0.975, 2) * math.sqrt(28.0) / math.sqrt(3)
    assert init["warmth_ci_low"] == pytest.approx(24.0 - half)
    assert init["warmth_ci_high"] == pytest.approx(24.0 + half)
    # concern: invasion 14 > 12 (B) only; warmth 20 is not below 20
    assert init["concern"] == 1 and init["warmth_below"] == 0 and init["invasion_above"] == 1
    closing = by.loc["closing"]  # a single record: mean but no SD or interval
    assert closing["n"] == 1 and closing["warmth_mean"] == 19.0
    assert math.isnan(closing["warmth_sd"]) and math.isnan(closing["warmth_ci_low"])
    assert closing["concern"] == 1  # warmth 19 < 20


def test_empty_window_has_zero_n_and_table_shows_dashes():
    toy = _toy_pip()
    by = pip_mors_by_window(toy[toy["window"] != "closing"])
    assert by.loc["closing", "n"] == 0
    html = pip_mors_gt(by).as_raw_html()
    assert "1 of 3 (33%)" in html  # initial: 1 of 3 at a concern level


def test_window_overlap_hand_computed():
    got = pip_window_overlap(_toy_pip())
    # A: initial + closing; B: initial; C: initial + 10th-15th; D: 20th-65th; E has no invasion
    assert got == {"clients": 4, "one_window": 2, "initial_and_closing": 1,
                   "initial_and_later": 2}


def test_window_overlap_in_the_data(pip):
    got = pip_window_overlap(pip)
    # the synthetic records: 125 clients over the four windows, 97 of them in one window only
    assert got == {"clients": 125, "one_window": 97, "initial_and_closing": 7,
                   "initial_and_later": 23}
    by = pip_mors_by_window(pip)
    assert got["clients"] <= int(by["clients"].sum())  # a client counts once, not per window


def test_pai_reproduces_published_summary(pip, printed):
    s = pai_summary(pip)
    pub = printed["pip_outcomes"]["pai"]
    assert s.n == pub["n"] == 31
    assert s.mean == pytest.approx(pub["mean"], abs=0.005)
    assert s.sd == pytest.approx(pub["sd"], abs=0.005)
    bands = s.bands.set_index("category")["n"]
    assert bands["Total"] == 31 and bands["Missing"] == 0
    assert int(bands.iloc[:3].sum()) == 31
    assert 21 <= s.minimum <= s.maximum <= 84


def test_pai_band_counts_follow_the_bands_table(pip):
    s = pai_summary(pip)
    assert dict(s.band_counts) == {"low": 8, "medium": 20, "high": 3}  # the chapter's 26/65/10%
    table = s.bands.set_index("category")["n"]
    assert list(s.band_counts.values()) == table.iloc[:3].tolist()


def test_pai_band_counts_zero_one_many():
    frame = pd.DataFrame({"client_id": ["A", "B", "C"], "pai": [30.0, 35.0, 70.0],
                          "pai_band": ["low", "low", "high"]})
    assert dict(pai_summary(frame).band_counts) == {"low": 2, "medium": 0, "high": 1}


def test_pai_summary_refuses_two_totals_for_one_client():
    frame = pd.DataFrame({"client_id": ["A", "A"], "pai": [40.0, 50.0],
                          "pai_band": ["low", "medium"]})
    with pytest.raises(ValueError, match="client A has more than one"):
        pai_summary(frame)


def test_pip_loaf_reproduces_published_counts(pip, printed):
    loaf = pip_loaf_by_window(pip)
    pub = printed["pip_outcomes"]
    all_r = loaf[loaf["group"] == "all ratings"].set_index("category")["n"]
    assert all_r["Total"] == pub["loaf_caregiving_all_timepoints"]["n"] == 162
    assert all_r.iloc[:4].tolist() == [pub["loaf_caregiving_all_timepoints"][f"level_{k}"]
                                       for k in (1, 2, 3, 4)]
    totals = loaf[loaf["category"] == "Total"].set_index("group")["n"]
    assert totals["initial appointment"] == pub["loaf_initial_n"] == 75
    assert totals["closing appointment"] == pub["loaf_closing_n"] == 17
    pcts = loaf[loaf["group"] == "all ratings"]["percent"].iloc[:4]
    assert pcts.round(2).tolist() == [22.84, 42.59, 32.72, 1.85]


def test_loaf_ratings_in_the_data_match_the_table(pip):
    r = loaf_ratings(pip, "client_id")
    assert (r.ratings, r.people) == (162, 130)  # ratings, not children: some clients rated twice
    assert dict(r.by_level) == {1: 37, 2: 69, 3: 53, 4: 3}
    assert r.at_or_worse(2) == 125 and r.at_or_worse(1) == 162 and r.at_or_worse(5) == 0
    loaf = pip_loaf_by_window(pip)
    table = loaf[loaf["group"] == "all ratings"].set_index("category")["n"]
    assert table["Total"] == r.ratings
    assert table.iloc[:4].tolist() == list(r.by_level.values())


def test_loaf_ratings_zero_one_many():
    none = loaf_ratings(pd.DataFrame({"client_id": ["A"], "loaf_level": [np.nan]}), "client_id")
    assert none == LoafRatings(ratings=0, people=0, by_level={1: 0, 2: 0, 3: 0, 4: 0})
    assert none.at_or_worse(1) == 0
    one = loaf_ratings(pd.DataFrame({"participant_id": ["p"], "loaf_level": [3]}),
                       "participant_id")
    assert (one.ratings, one.people, one.at_or_worse(2), one.at_or_worse(4)) == (1, 1, 1, 0)
    many = loaf_ratings(pd.DataFrame({"client_id": ["A", "A", "B", "C"],
                                      "loaf_level": pd.array([1, 4, 4, 2], dtype="Int64")}),
                        "client_id")
    assert (many.ratings, many.people) == (4, 3)
    assert dict(many.by_level) == {1: 1, 2: 1, 3: 0, 4: 2} and many.at_or_worse(2) == 3


# --- LOAF levels in words -----------------------------------------------------------------------

def test_loaf_level_words_come_from_the_instrument():
    assert LOAF_BEST == 1
    assert loaf_level_words(LOAF_BEST) == "level 1 (well adapted to good enough)"
    assert loaf_levels_words((3, 4)) == ("levels 3 (compromised to disturbed) and "
                                         "4 (disordered to dangerous)")
    assert loaf_levels_words((4,)) == "level 4 (disordered to dangerous)"
    with pytest.raises(ValueError, match="not 5"):
        loaf_level_words(5)


def test_loaf_shares_phrase_zero_one_many(pip):
    with pytest.raises(ValueError):
        loaf_shares_phrase(LoafRatings(0, 0, {1: 0, 2: 0, 3: 0, 4: 0}))
    one = loaf_shares_phrase(LoafRatings(1, 1, {1: 0, 2: 1, 3: 0, 4: 0}))
    assert one == ("level 1 (well adapted to good enough) accounted for none, level 2 (strained "
                   "to concerning) for 1 of 1 (100%), level 3 (compromised to disturbed) for "
                   "none and level 4 (disordered to dangerous) for none")
    shipped = loaf_shares_phrase(loaf_ratings(pip, "client_id"))
    assert shipped.startswith("level 1 (well adapted to good enough) accounted for 37 of 162 "
                              "(23%), level 2")
    assert shipped.endswith("and level 4 (disordered to dangerous) for 3 of 162 (2%)")


def test_loaf_ratings_below_best_and_repeats(pip):
    r = loaf_ratings(pip, "client_id")
    assert r.below_best == 125 and r.some_rated_more_than_once  # 162 ratings of 130 clients
    once = LoafRatings(2, 2, {1: 1, 2: 0, 3: 1, 4: 0})
    assert once.below_best == 1 and not once.some_rated_more_than_once


# --- windows in words ---------------------------------------------------------------------------

def test_window_words():
    assert window_words("initial") == "initial appointment"
    assert window_words("20th-65th") == "20th–65th appointment"
    assert windows_phrase() == ("the initial, the 10th–15th, the 20th–65th and the closing "
                                "appointment")
    assert windows_phrase(("closing",)) == "the closing appointment"


def test_is_highest_window(pip):
    by = pip_mors_by_window(pip)
    assert is_highest_window(by, "20th-65th", "invasion")  # 13.8, the chapter's claim
    assert not is_highest_window(by, "initial", "invasion")
    assert is_highest_window(by, "10th-15th", "warmth")  # 28.5
    tie = pd.DataFrame({"warmth_mean": [5.0, 5.0, np.nan]}, index=["a", "b", "c"])
    assert is_highest_window(tie, "a", "warmth") and is_highest_window(tie, "b", "warmth")
    assert not is_highest_window(tie, "c", "warmth")  # an empty window is never highest


# --- printed figures the chapter mentions --------------------------------------------------------

def test_printed_mors_p(printed):
    assert printed_mors_p(printed["tt_outcomes"]) == {"warmth": "< .01", "invasion": "< .05"}
    assert printed_mors_p({"mors_paired": []}) == {}


def test_printed_bound_holds(printed):
    bounds = printed_mors_p(printed["tt_outcomes"])
    assert not printed_bound_holds(0.022, bounds["warmth"])  # tt-warmth-p: the chapter's claim
    assert printed_bound_holds(0.010, bounds["invasion"])
    assert not printed_bound_holds(0.01, "< .01")  # strictly below
    with pytest.raises(ValueError):
        printed_bound_holds(0.01, "= .01")


def test_prose_words():
    assert evidence_words(0.049) == "clear evidence of a change"
    assert evidence_words(0.05) == "no clear evidence of a change"
    with pytest.raises(ValueError):
        evidence_words(float("nan"))
    assert relation_word(28.96, 29) == "equal to"  # prints as 29.0 (means have one decimal)
    assert relation_word(28.96, 29, decimals=2) == "below"
    assert relation_word(26.86, 29) == "below" and relation_word(11.97, 10) == "above"


# --- figures ------------------------------------------------------------------------------------

def test_pip_figure_draws_every_window(pip):
    by = pip_mors_by_window(pip)
    fig = pip_mors_figure(pip, by)
    axes = fig.get_axes()
    assert len(axes) == 2
    ticks = [t.get_text() for t in axes[0].get_xticklabels()]
    assert ticks[0] == "initial\nn = 88" and ticks[-1] == "closing\nn = 16"
    # the reference values are in the titles, not written over the data
    assert [ax.get_title() for ax in axes] == [
        "Warmth (higher = warmer)\ncommunity mean 29; concern below 20",
        "Invasion (higher = more intrusive)\ncommunity mean 10; concern above 12"]
    assert all(not ax.texts for ax in axes)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["one record", "community mean (dashed)", "concern threshold (dotted)",
                      "window mean with 95% CI"]
