"""PuP interview excerpts from a REFI-QDA project: the shipped project reads back to the CSV's rows,
and the loader uses it when the CSV is absent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from helpers.pup.data import load_pup
from helpers.pup.qda import CODE_MAP_NAME, QDPX_NAME, excerpts_from_qdpx

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "data" / "synthetic" / "parenting-under-pressure"


def test_the_shipped_project_reads_back_to_the_csv_rows():
    csv = pd.read_csv(FOLDER / "interview_excerpts.csv", dtype=str, keep_default_na=False)
    from_project = excerpts_from_qdpx(FOLDER)
    key = ["parent_id", "theme", "text"]
    assert (from_project[key + ["provenance"]].sort_values(key).reset_index(drop=True)
            .equals(csv[key + ["provenance"]].sort_values(key).reset_index(drop=True)))
    assert from_project["excerpt_id"].is_unique


def test_without_the_csv_the_loader_reads_the_project(tmp_path):
    shutil.copytree(ROOT / "data" / "synthetic", tmp_path, dirs_exist_ok=True)
    (tmp_path / "parenting-under-pressure" / "interview_excerpts.csv").unlink()
    assert (tmp_path / "parenting-under-pressure" / QDPX_NAME).is_file()
    assert (tmp_path / "parenting-under-pressure" / CODE_MAP_NAME).is_file()
    from_project = load_pup(tmp_path)
    shipped = load_pup()
    key = ["parent_id", "theme", "text"]
    assert (from_project.interview_excerpts[key].sort_values(key).reset_index(drop=True)
            .equals(shipped.interview_excerpts[key].sort_values(key).reset_index(drop=True)))
    # consent still applies in the analysis view, whichever file the excerpts came from
    assert len(from_project.analysis().interview_excerpts) == len(shipped.analysis().interview_excerpts)
