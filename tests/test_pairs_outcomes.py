"""PAIRS outcomes: the measures table, parent-infant psychotherapy and the printed figures
beside the data (published figures reproduced, hand-computed cases, edge cases)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers.pairs.data import load_pairs
from helpers.pairs.derived import pip_outcomes_scored
from helpers.pairs.outcome_measures import LoafRatings, loaf_ratings, measures_frame
from helpers.pairs.pip_outcomes import (
    WINDOWS,
    pai_summary,
    pip_loaf_by_window,
    pip_mors_by_window,
    pip_mors_figure,
    pip_mors_gt,
    pip_window_overlap,
)
from helpers.pairs.printed_outcomes import (
    FigureAgreement,
    chapter_figures,
    evidence_words,
    figure_agreement,
    figure_label,
    figures_agreeing,
    printed_mors_p,
    printed_p_sentence,
    relation_word,
)
from helpers.published import published
from helpers.stats.paired import paired_comparison


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


# --- printed figures beside the data ------------------------------------------------------------

def test_chapter_figures_flag_exactly_the_recorded_contradictions():
    from helpers.pairs.reproduce import reproduced_figures

    figs = chapter_figures(reproduced_figures())
    bad = figs[~figs["matches"]]
    assert sorted(bad["note"]) == ["tt-loaf-level1-before-truncated", "tt-prfq-end-sd",
                                   "tt-warmth-p"]
    p_row = bad[bad["note"] == "tt-warmth-p"].iloc[0]
    assert (p_row["printed"], p_row["reproduced"]) == ("p < .01", "p = .022")
    assert not figs["figure"].str.contains("asq").any()  # not held: left out
    assert p_row["figure"] == "TT · MORS paired · warmth · p printed"
    agree, checked = figures_agreeing(figs, "TT · MORS paired · warmth · ", exclude="p printed")
    assert (agree, checked) == (7, 7)  # n, pre and post mean and SD, t, df


def test_figure_label():
    assert figure_label("tt_outcomes.mors_paired.0.pre.1") == "TT · MORS paired · warmth · pre · SD"
    assert figure_label("pip_outcomes.mors_by_appointment_window.3.n") == \
        "PIP · MORS by appointment window · closing appointment · n"
    assert figure_label("pip_outcomes.pai.bands.low.1") == "PIP · PAI · bands · low · highest"
    assert figure_label("tt_outcomes.loaf.level_1_pct_before") == "TT · LOAF · level 1 % before"


def test_figure_agreement_in_the_data():
    from helpers.pairs.reproduce import reproduced_figures

    got = figure_agreement(chapter_figures(reproduced_figures()))
    # three differ: the warmth p bound (discussed on its own), the PRFQ end SD and the LOAF share
    assert got == FigureAgreement(checked=102, matching=99, other_differences=2)


def test_figure_agreement_zero_one_many():
    empty = pd.DataFrame({"matches": pd.Series([], dtype=bool), "note": pd.Series([], dtype=str)})
    assert figure_agreement(empty) == FigureAgreement(0, 0, 0)
    one = pd.DataFrame({"matches": [False], "note": ["tt-warmth-p"]})
    assert figure_agreement(one) == FigureAgreement(1, 0, 0)
    many = pd.DataFrame({"matches": [True, False, False, True], "note": ["", "a", "b", ""]})
    assert figure_agreement(many) == FigureAgreement(4, 2, 2)
    assert figure_agreement(many, discussed=("a",)) == FigureAgreement(4, 2, 1)


def test_printed_mors_p(printed):
    assert printed_mors_p(printed["tt_outcomes"]) == {"warmth": "< .01", "invasion": "< .05"}
    assert printed_mors_p({"mors_paired": []}) == {}


def test_figures_agreeing_toy():
    toy = pd.DataFrame({"figure": ["a.x", "a.y", "a.p printed", "b.x"],
                        "matches": [True, False, False, True]})
    assert figures_agreeing(toy, "a.") == (1, 3)
    assert figures_agreeing(toy, "a.", exclude="p printed") == (1, 2)


def test_printed_p_sentence():
    r = paired_comparison([1.0, 2.0, 4.0, 3.0], [2.0, 4.0, 5.0, 3.5])
    held = printed_p_sentence(dataclasses.replace(r, p=0.004), "warmth", "< .01")
    assert held == ("For warmth the report prints p < .01; the data give p = .004, so the "
                    "printed bound holds.")
    broken = printed_p_sentence(dataclasses.replace(r, p=0.022), "warmth", "< .01")
    assert broken.endswith("so that bound does not hold; p < .05 holds instead.")
    assert "the data give p = .022" in broken
    none = printed_p_sentence(dataclasses.replace(r, p=0.2), "goals", "< .001")
    assert none.endswith("no conventional threshold of .05 or lower is met.")


def test_prose_words():
    assert evidence_words(0.049) == "clear evidence of a change"
    assert evidence_words(0.05) == "no clear evidence of a change"
    with pytest.raises(ValueError):
        evidence_words(float("nan"))
    assert relation_word(28.996, 29) == "equal to"  # prints as 29.00
    assert relation_word(26.86, 29) == "below" and relation_word(11.97, 10) == "above"


# --- figures ------------------------------------------------------------------------------------

def test_pip_figure_draws_every_window(pip):
    by = pip_mors_by_window(pip)
    fig = pip_mors_figure(pip, by)
    axes = fig.get_axes()
    assert len(axes) == 2
    ticks = [t.get_text() for t in axes[0].get_xticklabels()]
    assert ticks[0] == "initial\nn = 88" and ticks[-1] == "closing\nn = 16"
