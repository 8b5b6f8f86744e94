"""A real-data folder without one of the tables: the chapter renders a note instead of failing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from nbclient import NotebookClient

from helpers.chapter import NOT_AVAILABLE
from helpers.quarto_book import to_notebook

ROOT = Path(__file__).resolve().parents[1]


DATA_CHAPTERS = ["pup-participants", "pup-outcomes", "pup-satisfaction", "pup-practitioners",
                 "appendix-calibration"]


@pytest.mark.parametrize("chapter", DATA_CHAPTERS)
def test_a_chapter_says_which_table_is_missing(chapter, tmp_path, monkeypatch):
    source = ROOT / "data" / "synthetic" / "parenting-under-pressure"
    target = tmp_path / "parenting-under-pressure"
    shutil.copytree(source, target)
    (target / "questionnaires.csv").unlink()
    monkeypatch.setenv("EVAL_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("QUARTO_PROJECT_DIR", str(ROOT))
    nb = to_notebook(ROOT / "chapters" / f"{chapter}.qmd")
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    note = "".join(o.get("data", {}).get("text/markdown", "") for o in code[0].outputs)
    assert "questionnaire" in note and "questionnaires.csv" in note and "Supply" in note
    later = [o for c in code[1:] for o in c.outputs]
    assert later, "later cells should still show something"
    assert all(o.get("output_type") != "error" for o in later)
    assert all(NOT_AVAILABLE in o.get("data", {}).get("text/plain", "") for o in later
               if o.get("output_type") == "execute_result")
