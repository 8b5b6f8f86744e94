"""Every Parenting Under Pressure chapter (and the summary's PuP part) on data that cannot support
it: a copy in which nobody gave consent, and a minimal copy holding the fewest records that pass
every schema and cross-table rule (one couple, its two parents, and one row in every other
table). Each chapter must execute without an error; where it leaves itself out, its note must name
the reason. One kernel per chapter and copy; the two copies are two classes, so pytest-xdist's
``loadscope`` can run them on different workers.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from nbclient import NotebookClient

from helpers.book.chapter import NOT_AVAILABLE
from helpers.book.quarto_book import to_notebook
from helpers.pup import SLUG

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "synthetic"
TOO_LITTLE = "Too little data for this chapter"

#: Reason each chapter gives on the copy where nobody consented (None: the chapter renders, since
#: it reads service records, surveys or interview themes, which need no research consent).
NO_CONSENT = {
    "pup/key-findings": "None of the 44 parents who returned an intake questionnaire agreed",
    "pup/lessons": "None of the 44 parents who returned an intake questionnaire agreed",
    "pup/outcomes": "None of the 44 parents who returned an intake questionnaire agreed",
    "pup/participants": None,
    "pup/practitioners": None,
    "pup/satisfaction": "None of the 22 parents who returned the satisfaction form agreed",
    "pup/voices": None,
    "summary": "None of the 44 parents who returned an intake questionnaire agreed",
    "appendices/calibration": "None of the 44 parents who returned an intake questionnaire agreed",
    "synthesis": "None of the 44 parents who returned an intake questionnaire agreed",
}
#: Reason each chapter gives on the minimal copy (one intake questionnaire, no post one).
MINIMAL = {
    "pup/key-findings": "No consenting parent completed both the intake and the end-of-therapy",
    "pup/lessons": "No consenting parent completed both the intake and the end-of-therapy",
    "pup/outcomes": "No consenting parent completed both the intake and the end-of-therapy",
    "pup/participants": None,
    "pup/practitioners": None,
    "pup/satisfaction": None,
    "pup/voices": None,
    "summary": "No consenting parent completed both the intake and the end-of-therapy",
    "appendices/calibration": "No consenting parent completed both the intake and the end-of-therapy",
    "synthesis": "No consenting parent completed both the intake and the end-of-therapy",
}


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _write(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _columns(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as fh:
        return next(csv.reader(fh))


def no_consent_copy(folder: Path) -> Path:
    """The shipped data with every consent answer turned to no."""
    shutil.copytree(SHIPPED, folder, dirs_exist_ok=True)
    for table, column in (("parents", "research_consent"), ("interviews", "quotes_consent")):
        path = folder / SLUG / f"{table}.csv"
        rows = _read(path)
        for row in rows:
            row[column] = "false" if row[column] else ""
        _write(path, rows, _columns(path))
    return folder


def minimal_copy(folder: Path) -> Path:
    """The fewest records that pass every rule: the couple of the first interviewee who agreed to
    be quoted, its two parents, and that parent's first row in every table that has one (plus the
    first row of each survey)."""
    shutil.copytree(SHIPPED, folder, dirs_exist_ok=True)
    d = folder / SLUG
    interviews = _read(d / "interviews.csv")
    parent = next(r["parent_id"] for r in interviews if r["quotes_consent"] == "true")
    parents = _read(d / "parents.csv")
    couple = next(r["couple_id"] for r in parents if r["parent_id"] == parent)
    keep = {"parents": [r for r in parents if r["couple_id"] == couple],
            "couples": [r for r in _read(d / "couples.csv") if r["couple_id"] == couple]}
    for table in ("questionnaires", "satisfaction", "interviews", "interview_excerpts"):
        keep[table] = [r for r in _read(d / f"{table}.csv") if r["parent_id"] == parent][:1]
    for table in ("therapist_survey", "referrer_survey"):
        keep[table] = _read(d / f"{table}.csv")[:1]
    for table, rows in keep.items():
        _write(d / f"{table}.csv", rows, _columns(d / f"{table}.csv"))
    return folder


def run_chapter(chapter: str, folder: Path, monkeypatch) -> list:
    """Execute ``chapters/<chapter>.qmd`` on ``folder`` in a fresh kernel; its code cells."""
    monkeypatch.setenv("EVAL_DATA_DIR", str(folder))
    monkeypatch.setenv("QUARTO_PROJECT_DIR", str(ROOT))
    nb = to_notebook(ROOT / "chapters" / f"{chapter}.qmd")
    NotebookClient(nb, timeout=180, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    return [c for c in nb.cells if c.cell_type == "code"]


def check(cells: list, reason: str | None) -> None:
    """No cell failed or wrote to stderr; a skipped chapter's note names ``reason``."""
    errors = [(i, o.get("ename"), o.get("evalue")) for i, c in enumerate(cells)
              for o in c.outputs if o.get("output_type") == "error"]
    assert errors == []
    stderr = [o["text"] for c in cells for o in c.outputs
              if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    assert stderr == []
    note = "".join(o.get("data", {}).get("text/markdown", "") for o in cells[0].outputs)
    later = [o for c in cells[1:] for o in c.outputs if o.get("output_type") == "execute_result"]
    if reason is None:
        assert TOO_LITTLE not in note
        assert not any(NOT_AVAILABLE in o["data"].get("text/plain", "") for o in later)
    else:
        assert TOO_LITTLE in note and reason in note
        assert later and all(NOT_AVAILABLE in o["data"].get("text/plain", "") for o in later)


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> dict[str, Path]:
    return {"none": no_consent_copy(tmp_path_factory.mktemp("no-consent")),
            "minimal": minimal_copy(tmp_path_factory.mktemp("minimal"))}


def test_the_copies_load_and_are_what_they_say(copies):
    from helpers.pup.data import load_pup

    none = load_pup(copies["none"]).analysis()
    assert none.questionnaires.empty and none.satisfaction.empty and none.interview_excerpts.empty
    assert (len(none.parents), len(none.interviews)) == (80, 11)
    minimal = load_pup(copies["minimal"])
    sizes = {name: len(getattr(minimal, name)) for name in
             ("couples", "parents", "questionnaires", "satisfaction", "therapist_survey",
              "referrer_survey", "interviews", "interview_excerpts")}
    assert sizes == {"couples": 1, "parents": 2, "questionnaires": 1, "satisfaction": 1,
                     "therapist_survey": 1, "referrer_survey": 1, "interviews": 1,
                     "interview_excerpts": 1}
    assert len(minimal.analysis().interview_excerpts) == 1


def test_published_figures_are_left_blank_not_raised_when_the_data_cannot_give_them(copies):
    from helpers.pup.reproduce import reproduced_figures

    table = reproduced_figures(copies["none"]).set_index("path")
    assert table.loc["table_1_paired.0.n", "reproduced"] is None
    assert table.loc["flow.couples_referred", "reproduced"] == 71
    assert table.loc["service_satisfaction.n", "reproduced"] == 0


class TestNobodyConsented:
    @pytest.mark.parametrize("chapter", NO_CONSENT)
    def test_chapter(self, chapter, copies, monkeypatch):
        check(run_chapter(chapter, copies["none"], monkeypatch), NO_CONSENT[chapter])


class TestMinimalRecords:
    @pytest.mark.parametrize("chapter", MINIMAL)
    def test_chapter(self, chapter, copies, monkeypatch):
        check(run_chapter(chapter, copies["minimal"], monkeypatch), MINIMAL[chapter])
