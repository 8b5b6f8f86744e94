"""Tests of helpers.pup.analysis: the consent filter, on hand-made tables."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from helpers.pup.analysis import PupAnalysis, analysis_view
from helpers.pup.data import load_pup


def _data(consent: list[object]) -> SimpleNamespace:
    """Tables of parents P1.. with the given research consent; each has an intake form, P1 and P2
    a post form, P1 a satisfaction form."""
    ids = [f"P{i + 1}" for i in range(len(consent))]
    empty = pd.DataFrame()
    return SimpleNamespace(
        couples=empty, therapist_survey=empty, referrer_survey=empty, interviews=empty,
        interview_excerpts=empty,
        parents=pd.DataFrame({"parent_id": ids,
                              "research_consent": pd.array(consent, dtype="boolean")}),
        questionnaires=pd.DataFrame({"parent_id": ids + ids[:2],
                                     "timepoint": ["intake"] * len(ids) + ["post"] * len(ids[:2])}),
        satisfaction=pd.DataFrame({"parent_id": ids[:1]}),
    )


def test_only_consenting_parents_answers_are_kept_and_the_rest_counted():
    view = analysis_view(_data([True, False, None]))
    assert isinstance(view, PupAnalysis)
    assert view.questionnaires["parent_id"].tolist() == ["P1", "P1"]
    assert view.satisfaction["parent_id"].tolist() == ["P1"]
    assert view.excluded == {"questionnaires": 3, "questionnaires_intake": 2,
                             "questionnaires_post": 1, "satisfaction": 0}
    # every form that exists is listed, answers left out, with its consent
    assert view.forms[["parent_id", "form", "consented"]].values.tolist() == [
        ["P1", "intake", True], ["P2", "intake", False], ["P3", "intake", False],
        ["P1", "post", True], ["P2", "post", False], ["P1", "satisfaction", True]]


def test_everyone_consenting_drops_nothing_and_nobody_consenting_drops_everything():
    assert set(analysis_view(_data([True, True])).excluded.values()) == {0}
    view = analysis_view(_data([False]))
    assert view.questionnaires.empty and view.satisfaction.empty
    assert view.excluded == {"questionnaires": 2, "questionnaires_intake": 1,
                             "questionnaires_post": 1, "satisfaction": 1}


def test_the_loaders_analysis_is_this_view():
    data = load_pup()
    a, b = data.analysis(), analysis_view(data)
    assert a.excluded == b.excluded and a.questionnaires.equals(b.questionnaires)
