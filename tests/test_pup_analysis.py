"""Tests of helpers.pup.analysis: the consent filter, on hand-made tables."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from helpers.pup.analysis import PupAnalysis, analysis_view
from helpers.pup.data import load_pup


def _data(consent: list[object], quotes: list[bool] = ()) -> SimpleNamespace:
    """Tables of parents P1.. with the given research consent; each has an intake form, P1 and P2
    a post form, P1 a satisfaction form; the first ``len(quotes)`` were interviewed, with that
    answer to being quoted, and each has two excerpts."""
    ids = [f"P{i + 1}" for i in range(len(consent))]
    empty = pd.DataFrame()
    heard = ids[:len(quotes)]
    return SimpleNamespace(
        couples=empty, therapist_survey=empty, referrer_survey=empty,
        interviews=pd.DataFrame({"parent_id": heard,
                                 "quotes_consent": pd.array(list(quotes), dtype="boolean")}),
        interview_excerpts=pd.DataFrame({"excerpt_id": [f"E{i}" for i in range(2 * len(heard))],
                                         "parent_id": heard * 2}),
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
                             "questionnaires_post": 1, "satisfaction": 0,
                             "interview_excerpts": 0, "interviewees_not_quoted": 0}
    # every form that exists is listed, answers left out, with its consent
    assert view.forms[["parent_id", "form", "consented"]].values.tolist() == [
        ["P1", "intake", True], ["P2", "intake", False], ["P3", "intake", False],
        ["P1", "post", True], ["P2", "post", False], ["P1", "satisfaction", True]]


def test_everyone_consenting_drops_nothing_and_nobody_consenting_drops_everything():
    assert set(analysis_view(_data([True, True])).excluded.values()) == {0}
    view = analysis_view(_data([False]))
    assert view.questionnaires.empty and view.satisfaction.empty
    assert view.excluded == {"questionnaires": 2, "questionnaires_intake": 1,
                             "questionnaires_post": 1, "satisfaction": 1,
                             "interview_excerpts": 0, "interviewees_not_quoted": 0}


def test_excerpts_need_consent_to_quote_not_research_consent():
    # P1 declined research use but agreed to be quoted; P2 consented to research, not to quotes
    view = analysis_view(_data([False, True, True], quotes=[True, False, True]))
    assert view.interview_excerpts["parent_id"].tolist() == ["P1", "P3", "P1", "P3"]
    assert view.interviews["parent_id"].tolist() == ["P1", "P2", "P3"]  # themes count everyone
    assert (view.excluded["interview_excerpts"], view.excluded["interviewees_not_quoted"]) == (2, 1)
    assert view.questionnaires["parent_id"].tolist() == ["P2", "P3", "P2"]


def test_the_loaders_analysis_is_this_view():
    data = load_pup()
    a, b = data.analysis(), analysis_view(data)
    assert a.excluded == b.excluded and a.questionnaires.equals(b.questionnaires)
