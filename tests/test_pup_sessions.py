"""Tests of helpers.pup.sessions: session summaries, who they describe, the planned dose."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.published import published
from helpers.pup.data import load_pup
from helpers.pup.sessions import (
    planned_dose_count,
    session_groups,
    sessions_comparison,
    sessions_gt,
    sessions_phrase,
    sessions_summaries,
    sessions_summary,
)

# --- hand-made cases ----------------------------------------------------------------------------


def test_sessions_summary_hand_computed():
    s = sessions_summary(pd.Series([1, 4, 4, 7], index=["P1", "P2", "P3", "P4"]), "toy")
    assert (s.n, s.minimum, s.maximum) == (4, 1, 7)
    assert s.mean == pytest.approx(4.0)
    assert s.sd == pytest.approx(6 ** 0.5)  # squared deviations 9+0+0+9 = 18, / 3 = 6
    # linear quartiles (R type 7): positions 1 + 0.25 * 3 = 1.75 and 1 + 0.75 * 3 = 3.25
    assert (s.median, s.q1, s.q3) == (4.0, 3.25, 4.75)


def test_sessions_summary_of_one_parent_has_no_sd():
    s = sessions_summary(pd.Series([5]))
    assert (s.n, s.mean) == (1, 5.0) and math.isnan(s.sd)


@pytest.mark.parametrize("bad", [None, -1, 2.5, "x"])
def test_sessions_summary_rejects_a_bad_count_and_names_the_parent(bad):
    with pytest.raises(ValueError, match="P2"):
        sessions_summary(pd.Series([3, bad], index=["P1", "P2"], dtype=object), "toy")


def test_sessions_summary_rejects_an_empty_group():
    with pytest.raises(ValueError, match="no parents"):
        sessions_summary(pd.Series([], dtype="float64"))


def test_sessions_gt_shows_range_median_iqr_and_mean_sd_to_one_decimal():
    html = sessions_gt([sessions_summary(pd.Series([1, 4, 4, 7]), "toy")]).as_raw_html()
    # quartiles 3.25 and 4.75 round half up; SD sqrt(6) = 2.449
    assert "1–7" in html and "4.0 (3.3–4.8)" in html and "4.0 (2.4)" in html
    one = sessions_gt([sessions_summary(pd.Series([5]), "one")]).as_raw_html()
    assert "5.0 (–)" in one


def test_sessions_phrase_one_same_and_many():
    assert sessions_phrase(sessions_summary(pd.Series([3]))) == "was 3"
    assert sessions_phrase(sessions_summary(pd.Series([5, 5, 5]))) == "was 5 for every parent"
    assert sessions_phrase(sessions_summary(pd.Series([1, 4, 4, 7]))) == \
        "ranged from 1 to 7, with a median of 4.0 (IQR 3.3 to 4.8)"


def test_sessions_comparison_at_the_printed_precision():
    low, high = sessions_summary(pd.Series([2, 4])), sessions_summary(pd.Series([8, 9]))
    assert (sessions_comparison(high, low), sessions_comparison(low, high)) == ("more", "fewer")
    # equal medians (3.0 and 3.0): neither is "more"
    assert sessions_comparison(low, sessions_summary(pd.Series([3.0, 3.0, 3.0]))) == "as many"


# --- from the records (synthetic data calibrated to the report) ------------------------------


@pytest.fixture(scope="module")
def view():
    return load_pup().analysis()


def test_sessions_summaries_reproduce_the_printed_sessions(view):
    printed = published("parenting-under-pressure")["sessions"]
    s = sessions_summaries(view)
    for key, pub in (("intake_including", printed["intake_44_including_assessment"]),
                     ("intake_excluding", printed["intake_44_excluding_assessment"]),
                     ("post_including", printed["post_21_including_assessment"])):
        got = s[key]
        assert (got.n, got.minimum, got.maximum) == (pub["n"], pub["min"], pub["max"])
        assert round(got.mean, 2) == pytest.approx(pub["mean"])
        assert round(got.sd, 2) == pytest.approx(pub["sd"])


def test_sessions_on_the_shipped_data_in_words(view):
    s = sessions_summaries(view)
    assert sessions_phrase(s["intake_including"]) == \
        "ranged from 1 to 12, with a median of 4.5 (IQR 3.0 to 9.0)"
    assert sessions_comparison(s["post_including"], s["intake_including"]) == "more"


def test_planned_dose_count_is_the_published_nine_of_seventeen(view):
    assert planned_dose_count(view) == (9, 17)


def test_session_groups_nest_and_are_the_published_sizes(view):
    g = session_groups(view)
    assert (len(g.intake), len(g.post), len(g.pre_post_consented)) == (44, 21, 17)
    assert set(g.post["parent_id"]) <= set(g.intake["parent_id"])
    assert set(g.pre_post_consented["parent_id"]) <= set(g.post["parent_id"])


# --- the chapter's sentences at 0, 1 and many -----------------------------------------------------


def _variant(data, *, consent=None, keep_post=True, only=None):
    """An analysis view of a copy of ``data``: research consent set for everyone (``consent``),
    post questionnaires dropped (``keep_post=False``), or only the parents in ``only`` kept."""
    from dataclasses import replace

    parents, q = data.parents.copy(), data.questionnaires
    if consent is not None:
        parents["research_consent"] = pd.array([consent] * len(parents), dtype="boolean")
    if not keep_post:
        q = q[q["timepoint"] != "post"]
    if only is not None:
        parents = parents[parents["parent_id"].isin(only)]
        q = q[q["parent_id"].isin(only)]
    return replace(data, parents=parents, questionnaires=q).analysis()


def test_sessions_facts_on_the_shipped_data(view):
    from helpers.pup.sessions import sessions_facts

    f = sessions_facts(view)
    assert len(f.summaries) == 4
    assert f.intake.startswith("Among the 44 parents with an intake questionnaire, the number of "
                               "sessions including assessment ranged from 1 to 12")
    assert f.post.startswith("Parents who completed the end-of-therapy questionnaire had attended "
                             "more: the number of sessions including assessment ranged from 3 to 12")
    assert f.dose == ("The project planned 6–10 therapy sessions after assessment; of the "
                      "consenting parents with both questionnaires, 9 of 17 (53%) received a "
                      "number of sessions in that range.")


def test_sessions_facts_when_nobody_consented_or_returned_the_post_form():
    from helpers.pup.sessions import sessions_facts

    data = load_pup()
    nobody = sessions_facts(_variant(data, consent=False))
    assert nobody.dose.endswith("no consenting parent returned both questionnaires, so nobody can "
                                "be counted against that plan.")
    assert nobody.post.startswith("Parents who completed")  # service records: no consent needed
    no_post = sessions_facts(_variant(data, keep_post=False))
    assert no_post.post == "No parent returned the end-of-therapy questionnaire."
    assert len(no_post.summaries) == 2
    first = data.questionnaires["parent_id"].iloc[0]
    one = sessions_facts(_variant(data, keep_post=False, only=[first]))
    assert one.intake.startswith("For the one parent with an intake questionnaire, the number of "
                                 "sessions including assessment was ")
    assert len(sessions_summaries(_variant(data, keep_post=False))) == 2
