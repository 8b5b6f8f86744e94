"""A real-data folder without one of the tables: the chapter renders a note instead of failing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from nbclient import NotebookClient

from helpers.book.chapter import NOT_AVAILABLE
from helpers.book.quarto_book import to_notebook

ROOT = Path(__file__).resolve().parents[1]


#: Chapters that read data, with the table removed to test each (evaluation, file).
DATA_CHAPTERS = {
    "pup/participants": ("parenting-under-pressure", "questionnaires.csv"),
    "pup/outcomes": ("parenting-under-pressure", "questionnaires.csv"),
    "pup/satisfaction": ("parenting-under-pressure", "questionnaires.csv"),
    "pup/practitioners": ("parenting-under-pressure", "questionnaires.csv"),
    "pairs/service": ("pairs", "pip_appointments.csv"),
    "pairs/outcomes": ("pairs", "pip_outcomes.csv"),
    "pup/voices": ("parenting-under-pressure", "interviews.csv"),
    "pup/lessons": ("parenting-under-pressure", "couples.csv"),
    "pairs/voices": ("pairs", "interview_excerpts.csv"),
    "pairs/lessons": ("pairs", "qualitative_sample.csv"),
    "appendices/calibration": ("pairs", "referrals.csv"),
    "summary": ("parenting-under-pressure", "couples.csv"),
    "pup/key-findings": ("parenting-under-pressure", "questionnaires.csv"),
    "pairs/key-findings": ("pairs", "pip_outcomes.csv"),
    "synthesis": ("pairs", "tt_questionnaires.csv"),
}


#: Chapters executed without a table: one of each kind of load cell (a required PuP table, a
#: required PAIRS table, an optional table a chapter needs, two load cells, two loads in one
#: cell). The note comes from one mechanism (load_or_skip), which the static test below checks is
#: the first cell of every chapter in DATA_CHAPTERS; executing each of them again would add a
#: minute to the suite for no new path.
EXECUTED = ("pup/outcomes", "pairs/service", "pairs/voices", "summary", "synthesis")


@pytest.mark.parametrize("chapter", EXECUTED)
def test_a_chapter_says_which_table_is_missing(chapter, tmp_path, monkeypatch):
    evaluation, missing = DATA_CHAPTERS[chapter]
    shutil.copytree(ROOT / "data" / "synthetic", tmp_path, dirs_exist_ok=True)
    (tmp_path / evaluation / missing).unlink()
    monkeypatch.setenv("EVAL_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("QUARTO_PROJECT_DIR", str(ROOT))
    nb = to_notebook(ROOT / "chapters" / f"{chapter}.qmd")
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    note = "".join(o.get("data", {}).get("text/markdown", "") for o in code[0].outputs)
    assert missing in note and "Supply" in note
    later = [o for c in code[1:] for o in c.outputs]
    assert later, "later cells should still show something"
    assert all(o.get("output_type") != "error" for o in later)
    assert all(NOT_AVAILABLE in o.get("data", {}).get("text/plain", "") for o in later
               if o.get("output_type") == "execute_result")


def test_every_chapter_that_loads_data_is_covered_and_loads_first():
    from helpers.book.quarto_book import book_files

    loading = []
    for qmd in book_files(ROOT):
        text = qmd.read_text(encoding="utf-8")
        if "load_or_skip" in text:
            loading.append(qmd.relative_to(ROOT / "chapters").with_suffix("").as_posix())
            first_cell = text.split("```{python}", 1)[1].split("```", 1)[0]
            assert "load_or_skip(" in first_cell, f"{qmd.name}: the load is not the first cell"
        else:
            assert "load_pup(" not in text and "load_pairs(" not in text, \
                f"{qmd.name} loads data without load_or_skip"
    assert sorted(loading) == sorted(DATA_CHAPTERS)


def test_optional_excerpt_tables_do_not_block_the_loaders(tmp_path):
    from helpers.pairs.data import load_pairs
    from helpers.pup.data import load_pup

    shutil.copytree(ROOT / "data" / "synthetic", tmp_path, dirs_exist_ok=True)
    (tmp_path / "pairs" / "interview_excerpts.csv").unlink()
    (tmp_path / "parenting-under-pressure" / "interview_excerpts.csv").unlink()
    (tmp_path / "parenting-under-pressure" / "interview_excerpts.qdpx").unlink()
    assert load_pairs(tmp_path).interview_excerpts.empty
    assert load_pup(tmp_path).interview_excerpts.empty
    assert len(load_pairs(tmp_path).pip_appointments) == 4171


def test_too_little_data_skips_the_rest_with_the_reason(tmp_path):
    """load_or_skip(enough=...) leaves a chapter with a note saying what is missing and why."""
    import textwrap

    chapter = tmp_path / "c.qmd"
    chapter.write_text(textwrap.dedent("""\
        # C

        ```{python}
        from helpers.book.chapter import load_or_skip
        data = load_or_skip(lambda: [], enough=lambda d: None if d else "Nobody consented.")
        ```

        ```{python}
        1 / 0
        ```
        """))
    nb = to_notebook(chapter)
    NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    note = "".join(o.get("data", {}).get("text/markdown", "") for o in code[0].outputs)
    assert "Too little data for this chapter" in note and "Nobody consented." in note
    assert NOT_AVAILABLE in code[1].outputs[0]["data"]["text/plain"]
