"""A chapter's words are held to the data: perturb a copy of the data so that a claim in the
prose becomes false, and the chapter fails naming the claim, its file and its line."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from helpers.book.quarto_book import to_notebook

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "pup" / "voices.qmd"
CLAIM = "Most interviewees described"


def _claim_line() -> int:
    for number, line in enumerate(CHAPTER.read_text(encoding="utf-8").splitlines(), start=1):
        if f'claim(voices.accounts_agree, "{CLAIM}")' in line:
            return number
    raise AssertionError(f"the claim {CLAIM!r} is no longer in {CHAPTER}")


def _write(path: Path, rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _run(data: Path, monkeypatch) -> None:
    monkeypatch.setenv("EVAL_DATA_DIR", str(data))
    monkeypatch.setenv("QUARTO_PROJECT_DIR", str(ROOT))
    NotebookClient(to_notebook(CHAPTER), timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT)}}).execute()


def test_a_claim_that_the_data_contradict_fails_the_chapter_naming_it(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "synthetic", data)
    path = data / "parenting-under-pressure" / "interviews.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:  # nobody now says their children are happier
        row["children_happier"] = "false" if row["children_happier"] else ""
    _write(path, rows)
    excerpts = data / "parenting-under-pressure" / "interview_excerpts.csv"
    with open(excerpts, newline="", encoding="utf-8") as fh:
        kept = [r for r in csv.DictReader(fh) if r["theme"] != "children_happier"]
    _write(excerpts, kept)  # an excerpt may only illustrate a theme its speaker raised
    with pytest.raises(CellExecutionError) as failure:
        _run(data, monkeypatch)
    assert (f"chapters/pup/voices.qmd:{_claim_line()}: claim no longer supported by the data: "
            f"'{CLAIM}'") in str(failure.value)


def test_the_same_chapter_runs_on_the_shipped_data(monkeypatch):
    _run(ROOT / "data" / "synthetic", monkeypatch)
