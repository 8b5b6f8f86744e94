"""PAIRS chapters when the records cannot support them (helpers.pairs.adequacy): each checker
names what is missing and why (nobody consented, no complete pairs, a service or a group missing,
no interviews, too few records), and every PAIRS chapter, the summary included, executes without
an error against a copy where nobody consented and a minimal copy (one record per table that
passes every schema and cross-table rule), showing the checker's sentence as its note."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pandas as pd
import pytest
from nbclient import NotebookClient

from helpers.book.quarto_book import to_notebook
from helpers.pairs.adequacy import (
    MIN_GROUP,
    findings_enough,
    outcomes_enough,
    service_enough,
    voices_enough,
)
from helpers.pairs.consent import ANSWERS
from helpers.pairs.data import TABLES, load_pairs
from helpers.pairs.derived import pip_outcomes_scored, tt_paired
from helpers.paths import project_root

ROOT = project_root()
SHIPPED = ROOT / "data" / "synthetic"

#: Every chapter that reads the PAIRS records, with the checker its load cell uses.
CHAPTERS = {
    "pairs/service": service_enough,
    "pairs/outcomes": outcomes_enough,
    "pairs/voices": voices_enough,
    "pairs/lessons": findings_enough,
    "pairs/key-findings": findings_enough,
    "summary": findings_enough,
}


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / "pairs" / f"{name}.csv", dtype=str, keep_default_na=False)


def _write(folder: Path, name: str, frame: pd.DataFrame) -> None:
    frame.to_csv(folder / "pairs" / f"{name}.csv", index=False)


def withheld_copy(folder: Path) -> Path:
    """The shipped data with every consent answer set to no."""
    shutil.copytree(SHIPPED, folder)
    for a in ANSWERS.values():
        frame = _read(folder, a.table)
        frame[a.column] = "not_given" if a.column == "consent" else "false"
        _write(folder, a.table, frame)
    return folder


def minimal_copy(folder: Path) -> Path:
    """One linked record per table: a client with an accepted referral, an attended appointment
    with its outcome record and a postcode; a consenting Together Time parent with a start
    questionnaire and a goal; one register row, one Circle of Security attendee, one
    interviewee and one of their passages."""
    shutil.copytree(SHIPPED, folder)
    t = {name: _read(folder, name) for name in TABLES}
    out = t["pip_outcomes"].iloc[:1]
    client = t["pip_clients"][t["pip_clients"]["client_id"] == out["client_id"].iloc[0]]
    tp, tq, goals = t["tt_participants"], t["tt_questionnaires"], t["tt_goals"]
    starts = tq[tq["timepoint"] == "start"]
    pid = min(set(tp.loc[tp["data_consent"] == "true", "participant_id"])
              & set(goals["participant_id"]) & set(starts["participant_id"]))
    excerpt = t["interview_excerpts"].iloc[:1]
    imd = t["imd_records"]
    one = {
        "referrals": t["referrals"][t["referrals"]["referral_id"] == client["referral_id"].iloc[0]],
        "pip_clients": client,
        "pip_appointments": t["pip_appointments"][
            t["pip_appointments"]["appointment_id"] == out["appointment_id"].iloc[0]],
        "pip_outcomes": out,
        "imd_records": imd[imd["person_id"] == client["client_id"].iloc[0]].iloc[:1],
        "tt_participants": tp[tp["participant_id"] == pid],
        "tt_questionnaires": starts[starts["participant_id"] == pid],
        "tt_goals": goals[goals["participant_id"] == pid].iloc[:1],
        "tt_service_users": t["tt_service_users"].iloc[:1],
        "cosp_attendees": t["cosp_attendees"].iloc[:1],
        "qualitative_sample": t["qualitative_sample"][
            t["qualitative_sample"]["participant_code"] == excerpt["participant_code"].iloc[0]],
        "interview_excerpts": excerpt,
    }
    for name, frame in one.items():
        assert len(frame) == 1, name
        _write(folder, name, frame)
    return folder


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("pairs-degrade")
    return {"withheld": withheld_copy(base / "withheld"), "minimal": minimal_copy(base / "minimal")}


@pytest.fixture(scope="module")
def data():
    return load_pairs(SHIPPED)


# --- the checkers, on copies held in memory ------------------------------------------------------

def test_the_shipped_data_support_every_chapter(data):
    assert {name: check(data) for name, check in CHAPTERS.items()} == dict.fromkeys(CHAPTERS)


def test_the_copies_pass_every_rule_and_say_why_they_cannot_be_analysed(copies):
    withheld, minimal = load_pairs(copies["withheld"]), load_pairs(copies["minimal"])
    assert {name: len(getattr(minimal, name)) for name in TABLES} == dict.fromkeys(TABLES, 1)
    assert service_enough(withheld) == (
        "None of the 120 Together Time parents in the records agreed to the use of their records "
        "for the evaluation, so there is nothing about Together Time to report.")
    assert outcomes_enough(withheld) == (
        "None of the 285 psychotherapy clients in the records agreed to the use of their outcome "
        "measures for the evaluation, so there are no psychotherapy outcomes to report.")
    assert voices_enough(withheld) == (
        "None of the 31 interviewees in the records agreed to the use of their records for the "
        "evaluation, so no interview can be reported.")
    assert service_enough(minimal) == (
        "The records hold one referral; describing where referrals came from and which were "
        "accepted needs at least 10.")
    assert outcomes_enough(minimal) == (
        "The records hold no complete MORS-SF records in the initial appointment window; "
        "describing a window needs at least 10.")
    assert voices_enough(minimal) == (
        "No members of the PAIRS team took part in the interviews held in the records; the "
        "chapter sets the views of all three groups side by side.")


def _empty(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.iloc[:0]


def test_no_together_time_data(data):
    imd = data.imd_records
    none = dataclasses.replace(data, tt_participants=_empty(data.tt_participants),
                               tt_questionnaires=_empty(data.tt_questionnaires),
                               tt_goals=_empty(data.tt_goals),
                               imd_records=imd[imd["service"] != "together_time"],
                               declined={**data.declined, "together_time": 0})
    expected = ("The Together Time user records (tt_participants.csv) hold no parents, so there "
                "is nothing about Together Time to report.")
    assert service_enough(none) == outcomes_enough(none) == findings_enough(none) == expected
    assert voices_enough(none) is None


def test_no_complete_pairs(data):
    tq = data.tt_questionnaires
    starts = dataclasses.replace(data, tt_questionnaires=tq[tq["timepoint"] == "start"])
    assert service_enough(starts) is None
    assert outcomes_enough(starts) == findings_enough(starts) == (
        "No Together Time parent has a MORS-SF warmth score at both the start and the end; a "
        "before-and-after comparison needs at least 10.")
    keep = set(tt_paired(data, "warmth")["participant_id"][:MIN_GROUP - 1])
    few = dataclasses.replace(data, tt_questionnaires=tq[(tq["timepoint"] == "start")
                                                         | tq["participant_id"].isin(keep)])
    assert outcomes_enough(few).startswith("Only nine Together Time parents have a MORS-SF")


def test_no_circle_of_security_or_register_is_said_in_the_chapter_not_skipped(data):
    none = dataclasses.replace(data, cosp_attendees=_empty(data.cosp_attendees),
                               tt_service_users=_empty(data.tt_service_users))
    assert service_enough(none) is None and findings_enough(none) is None


def test_no_interviews_or_a_group_missing(data):
    qs, ex = data.qualitative_sample, data.interview_excerpts
    none = dataclasses.replace(data, qualitative_sample=_empty(qs), interview_excerpts=_empty(ex))
    assert voices_enough(none) == findings_enough(none) == (
        "The records hold no interviews (qualitative_sample.csv is empty), so there is nothing "
        "people said to report.")
    assert service_enough(none) is None and outcomes_enough(none) is None
    no_staff = dataclasses.replace(data, qualitative_sample=qs[qs["group"] != "stakeholder"])
    assert voices_enough(no_staff) == (
        "No stakeholders took part in the interviews held in the records; the chapter sets the "
        "views of all three groups side by side.")
    no_passages = dataclasses.replace(data, interview_excerpts=_empty(ex))
    assert voices_enough(no_passages).startswith("The records hold no coded passages")


def test_one_psychotherapy_window_too_small(data):
    out = data.pip_outcomes
    scored = pip_outcomes_scored(data)
    closing = set(scored.loc[scored["window"] == "closing", "outcome_id"])
    fewer = dataclasses.replace(data, pip_outcomes=out[~out["outcome_id"].isin(closing)])
    assert outcomes_enough(fewer) == (
        "The records hold no complete MORS-SF records in the closing appointment window; "
        "describing a window needs at least 10.")


def test_each_chapter_loads_with_its_checker():
    for chapter, check in CHAPTERS.items():
        text = (ROOT / "chapters" / f"{chapter}.qmd").read_text(encoding="utf-8")
        load = next(cell for cell in text.split("```{python}")[1:] if "load_pairs" in cell)
        assert f"import {check.__name__}" in load and "enough=" in load, chapter


# --- the chapters, executed against the copies ----------------------------------------------------

def _executes_with_the_reason_as_its_note(chapter: str, folder: Path, monkeypatch) -> str:
    reason = CHAPTERS[chapter](load_pairs(folder))
    assert reason, "the copy should be too little for the chapter"
    monkeypatch.setenv("EVAL_DATA_DIR", str(folder))
    monkeypatch.setenv("QUARTO_PROJECT_DIR", str(ROOT))
    nb = to_notebook(ROOT / "chapters" / f"{chapter}.qmd")
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    notes = [o["data"]["text/markdown"] for o in outputs if "text/markdown" in o.get("data", {})
             and "Too little data for this chapter" in o["data"]["text/markdown"]]
    assert len(notes) == 1 and reason in notes[0]
    return reason


# One class per copy, so that pytest-xdist's loadscope can run the two on different workers.
class TestChaptersWhenNobodyConsented:
    @pytest.mark.parametrize("chapter", list(CHAPTERS))
    def test_the_note_says_nobody_agreed(self, chapter, copies, monkeypatch):
        reason = _executes_with_the_reason_as_its_note(chapter, copies["withheld"], monkeypatch)
        assert "agree" in reason


class TestChaptersOnAMinimalCopy:
    @pytest.mark.parametrize("chapter", list(CHAPTERS))
    def test_the_note_says_what_is_missing(self, chapter, copies, monkeypatch):
        _executes_with_the_reason_as_its_note(chapter, copies["minimal"], monkeypatch)
