"""Determinism: executing a Parenting Under Pressure chapter twice on the same data gives the same
outputs (text, tables, figures), after normalising the one volatile part found: Python's memory
addresses in the plain-text repr of a table object (``<... at 0x7f...>``), which no reader sees.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from nbclient import NotebookClient

from helpers.book.quarto_book import to_notebook

ROOT = Path(__file__).resolve().parents[1]
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def normalised(outputs: list) -> str:
    """The outputs of one cell as canonical JSON, memory addresses removed.

    >>> normalised([{"data": {"text/plain": "<Table at 0x7f30>"}}])
    '[{"data": {"text/plain": "<Table>"}}]'
    """
    return _ADDRESS.sub("", json.dumps(outputs, sort_keys=True))


def executed_outputs(chapter: str) -> list[str]:
    nb = to_notebook(ROOT / "chapters" / f"{chapter}.qmd")
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    return [normalised(c.outputs) for c in nb.cells if c.cell_type == "code"]


def test_normalising_removes_only_addresses():
    assert normalised([{"text": "p at 0x1f and 0xff"}]) == '[{"text": "p and 0xff"}]'


@pytest.mark.parametrize("chapter", ["pup/outcomes"])
def test_a_chapter_executed_twice_gives_identical_outputs(chapter, monkeypatch):
    monkeypatch.setenv("QUARTO_PROJECT_DIR", str(ROOT))
    first, second = executed_outputs(chapter), executed_outputs(chapter)
    assert len(first) == len(second) > 10
    differing = [i for i, (a, b) in enumerate(zip(first, second)) if a != b]
    assert differing == [], f"code cells {differing} of {chapter} differ between two runs"
    assert any("image/png" in cell or "image/svg+xml" in cell for cell in first)  # figures compared
    assert any("<table" in cell for cell in first)  # tables compared
