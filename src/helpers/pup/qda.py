"""Parenting Under Pressure's interview excerpts as a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA…).

An evaluation team that codes its interviews in a qualitative-analysis tool exports the project
as ``interview_excerpts.qdpx`` and writes ``qda-codes.yaml`` (which code means which of the book's
themes; see :mod:`helpers.qda`) in the data folder. When ``interview_excerpts.csv`` is absent and
those two files are present, :func:`helpers.pup.data.load_pup` reads the excerpts from the
project instead: one row per coded passage, the speaker's id as ``parent_id``, the mapped theme,
the passage's text and its provenance (a case attribute). The rows then pass the same schema and
cross-table rules as the CSV. The shipped synthetic data hold both forms, written from the same
rows (:func:`write_excerpts_qdpx`), and a test reads the project back to the CSV's rows.

Consent: consent to be quoted is recorded in the interviews table and applied, as for the CSV,
in the analysis view (:mod:`helpers.pup.consent`); the project's cases need no consent attribute.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from helpers.qda import CodeMap, load_code_map, read_qdpx, write_qdpx

__all__ = ["QDPX_NAME", "CODE_MAP_NAME", "excerpts_from_qdpx", "write_excerpts_qdpx"]

QDPX_NAME = "interview_excerpts.qdpx"
CODE_MAP_NAME = "qda-codes.yaml"


def excerpts_from_qdpx(folder: Path) -> pd.DataFrame:
    """The excerpts table (columns ``excerpt_id``, ``parent_id``, ``theme``, ``provenance``,
    ``text``, as text) read from ``folder``'s project and code map; ids numbered in order."""
    segments = read_qdpx(folder / QDPX_NAME, load_code_map(folder / CODE_MAP_NAME)).segments
    width = max(2, len(str(len(segments))))
    return pd.DataFrame({
        "excerpt_id": [f"E{i:0{width}d}" for i in range(1, len(segments) + 1)],
        "parent_id": segments["speaker"].astype(str).to_numpy(),
        "theme": segments["theme"].astype(str).to_numpy(),
        "provenance": segments["provenance"].astype(str).to_numpy(),
        "text": segments["text"].astype(str).to_numpy(),
    })


def write_excerpts_qdpx(excerpts: pd.DataFrame, folder: Path, labels: dict[str, str]) -> list[Path]:
    """Write ``excerpts`` (the CSV's columns) as ``interview_excerpts.qdpx`` with its code map.

    Each theme becomes a code named by ``labels`` (the book's theme wording); each parent a case
    with their excerpts' provenance as an attribute. Byte-identical for the same rows.
    """
    folder = Path(folder)
    ordered = excerpts.sort_values(["parent_id", "excerpt_id"], kind="stable")
    cases = (ordered.groupby("parent_id", sort=True)["provenance"].first()
             .rename_axis("speaker").reset_index())
    segments = ordered.rename(columns={"parent_id": "speaker"})[["speaker", "theme", "text"]]
    project = write_qdpx(folder / QDPX_NAME, segments, cases,
                         project_name="Parenting Under Pressure interviews (synthetic)",
                         code_labels=labels)
    used = list(dict.fromkeys(segments["theme"]))
    code_map = folder / CODE_MAP_NAME
    code_map.write_text(
        "# Which code of interview_excerpts.qdpx means which theme of the book (helpers.qda).\n"
        + yaml.safe_dump({"codes": {labels.get(t, t): t for t in used}}, sort_keys=True,
                         allow_unicode=True), encoding="utf-8")
    return [project, code_map]


def code_map_for(labels: dict[str, str], themes: list[str]) -> CodeMap:
    """The code map :func:`write_excerpts_qdpx` writes, as an object (for tests)."""
    return CodeMap({labels.get(t, t): t for t in themes})
