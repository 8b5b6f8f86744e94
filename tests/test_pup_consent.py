"""One consent model for Parenting Under Pressure, applied in one place (helpers.pup.consent via
the analysis view) and described the same way wherever it is described.

The central test withdraws (or gives) consent for one person at a time, in memory, rebuilds the
analysis view and checks every frame the chapters derive their tables and figures from: frames
that consent governs equal the original minus that person's rows, every other frame is unchanged,
and only the exclusion counts move. Static checks make sure nothing downstream reads the raw
tables or the consent columns, so the frames checked here are the only way in.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from helpers.pup.analysis import PupAnalysis
from helpers.pup.consent import ANSWERS, CONSENT, consent_model_sentence
from helpers.pup.data import TABLES, load_pup

ROOT = Path(__file__).resolve().parents[1]

#: Frames of the view that consent governs, by the answer that governs them.
GOVERNED = {
    "research": ("questionnaires", "satisfaction", "scores", "paired", "intake",
                 "satisfaction_long"),
    "quotes": ("interview_excerpts",),
}
CONSENT_COLUMNS = [a.column for a in ANSWERS.values()]


def derived(view: PupAnalysis) -> dict[str, pd.DataFrame]:
    """Every frame a PuP chapter builds its tables and figures from, consent columns dropped."""
    frames = {
        "couples": view.couples, "parents": view.parents, "entered": view.entered(),
        "questionnaires": view.questionnaires, "satisfaction": view.satisfaction,
        "therapist_survey": view.therapist_survey, "referrer_survey": view.referrer_survey,
        "interviews": view.interviews, "interviews_detail": view.interviews_detail(),
        "interview_excerpts": view.interview_excerpts, "scores": view.scores(),
        "paired": view.paired(), "intake": view.intake(),
        "satisfaction_long": view.satisfaction_long(),
        "forms": view.forms.drop(columns="consented"),
    }
    return {name: f.drop(columns=[c for c in CONSENT_COLUMNS if c in f.columns])
            for name, f in frames.items()}


def _with_answer(data, answer: str, parent: str, value: bool):
    a = ANSWERS[answer]
    table = getattr(data, a.table).copy()
    table[a.column] = table[a.column].mask(table["parent_id"] == parent, value)
    return replace(data, **{a.table: table})


def _without(frame: pd.DataFrame, parent: str) -> pd.DataFrame:
    return frame[frame["parent_id"] != parent].reset_index(drop=True)


@pytest.fixture(scope="module")
def data():
    return load_pup()


@pytest.fixture(scope="module")
def original(data):
    view = data.analysis()
    return view, derived(view)


def _sample(data) -> list[tuple[str, str]]:
    """(answer, parent) pairs covering each kind of record a withdrawal can touch."""
    view = data.analysis()
    paired = set(view.paired()["parent_id"])
    intake_only = set(view.intake().loc[~view.intake()["completed"], "parent_id"])
    with_form = set(view.satisfaction["parent_id"])
    quoted = view.interview_excerpts["parent_id"]
    no_forms = set(data.parents["parent_id"]) - set(view.forms["parent_id"])
    return [("research", min(paired & with_form)), ("research", max(paired)),
            ("research", min(intake_only)), ("research", min(with_form - paired)),
            ("research", min(no_forms)), ("quotes", quoted.iloc[0]), ("quotes", quoted.iloc[-1])]


SAMPLE = _sample(load_pup())


@pytest.mark.parametrize("answer,parent", SAMPLE, ids=[f"{a}-{p}" for a, p in SAMPLE])
def test_withdrawing_consent_removes_only_that_persons_governed_rows(data, original, answer,
                                                                      parent):
    before_view, before = original
    after_view = _with_answer(data, answer, parent, False).analysis()
    after = derived(after_view)
    for name, frame in before.items():
        expected = _without(frame, parent) if name in GOVERNED[answer] else frame
        pd.testing.assert_frame_equal(after[name], expected, obj=name)
    # only the exclusion counts move, by that person's rows
    lost = {name: len(before[name]) - len(after[name]) for name in CONSENT if name in before}
    moved = {k: after_view.excluded[k] - before_view.excluded[k] for k in before_view.excluded}
    if answer == "research":
        assert moved["questionnaires"] == lost["questionnaires"]
        assert moved["satisfaction"] == lost["satisfaction"]
        assert moved["interview_excerpts"] == moved["interviewees_not_quoted"] == 0
    else:
        assert moved["interview_excerpts"] == lost["interview_excerpts"] > 0
        assert moved["interviewees_not_quoted"] == 1
        assert moved["questionnaires"] == moved["satisfaction"] == 0


def test_giving_consent_adds_only_that_persons_rows(data, original):
    _, before = original
    declined = data.parents.loc[data.parents["research_consent"].eq(False), "parent_id"]
    parent = declined.iloc[0]
    after = derived(_with_answer(data, "research", parent, True).analysis())
    for name, frame in before.items():
        if name in GOVERNED["research"]:
            assert set(after[name]["parent_id"]) - set(frame["parent_id"]) == {parent}, name
            pd.testing.assert_frame_equal(_without(after[name], parent), frame, obj=name)
        else:
            pd.testing.assert_frame_equal(after[name], frame, obj=name)


def test_the_sample_covers_every_kind_of_governed_record():
    touched = {(a, k) for a, p in SAMPLE for k in GOVERNED[a]}
    assert {k for _, k in touched} == set(GOVERNED["research"]) | set(GOVERNED["quotes"])
    assert len(SAMPLE) == 7


def test_every_table_says_what_consent_covers_in_the_data_dictionary():
    assert set(CONSENT) == set(TABLES)
    for name, spec in TABLES.items():
        assert spec.description.endswith(CONSENT[name].statement), name
        assert "Consent:" in spec.description
    for answer in ANSWERS.values():
        assert answer.column in TABLES[answer.table].schema.columns
    governed = {a: {n for n, c in CONSENT.items() if c.answer == a} for a in ANSWERS}
    assert governed == {"research": {"questionnaires", "satisfaction"},
                        "quotes": {"interview_excerpts"}}


def test_the_consent_sentence_names_the_columns_and_matches_the_rule():
    sentence = consent_model_sentence()
    assert "`research_consent`" in sentence and "`quotes_consent`" in sentence
    assert "questionnaires and satisfaction forms are used only for parents who agreed" in sentence
    assert "themes of the interviews" in sentence


def test_nothing_downstream_reads_the_raw_tables_or_the_consent_columns():
    allowed = {"consent.py", "data.py", "rules.py", "analysis.py"}
    for path in (ROOT / "src" / "helpers" / "pup").glob("*.py"):
        if path.name in allowed:
            continue
        text = path.read_text(encoding="utf-8")
        for column in CONSENT_COLUMNS:
            assert column not in text, f"{path.name} reads {column}"
        assert re.findall(r"load_pup\([^)]*\)(?!\.analysis\(\))", text) == [], path.name
    for qmd in [*(ROOT / "chapters" / "pup").glob("*.qmd"), ROOT / "chapters" / "summary.qmd"]:
        text = qmd.read_text(encoding="utf-8")
        assert re.findall(r"(?<![\w.])pup\.(?!analysis\(\))\w+", text) == [], qmd.name


def test_the_descriptions_say_the_same():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    caveats = (ROOT / "chapters" / "appendices" / "caveats.qmd").read_text(encoding="utf-8")
    voices = (ROOT / "chapters" / "pup" / "voices.qmd").read_text(encoding="utf-8")
    methods = (ROOT / "chapters" / "pup" / "methods.qmd").read_text(encoding="utf-8")
    flat = {name: " ".join(text.split()) for name, text in
            (("readme", readme), ("caveats", caveats), ("voices", voices), ("methods", methods))}
    assert "`research_consent` in `parents.csv` is true" in flat["readme"]
    assert "`quotes_consent` in `interviews.csv` is true" in flat["readme"]
    assert "pup_consent_sentence()" in flat["caveats"]
    assert "excerpts need that second agreement" in flat["caveats"]
    assert "a parent's own words are shown only if they agreed to be quoted" in flat["voices"]
    assert "the excerpts of interviewees who did not agree to be quoted" in flat["methods"]
    # the old contradiction: the README said every record without research consent is removed
    assert "Records without research consent are removed" not in flat["readme"]
