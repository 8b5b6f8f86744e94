"""Determinism: executing the PAIRS service chapter twice on the same data gives the same outputs
(text, tables, figures), after normalising the one volatile part: Python's memory addresses in the
plain-text repr of an object (``<... at 0x7f...>``), which no reader sees."""

from __future__ import annotations

import json
import re

from nbclient import NotebookClient

from helpers.book.quarto_book import to_notebook
from helpers.paths import project_root

ROOT = project_root()
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def _normalised(outputs: list) -> str:
    return _ADDRESS.sub("", json.dumps(outputs, sort_keys=True))


def _outputs(chapter: str) -> list[str]:
    nb = to_notebook(ROOT / "chapters" / f"{chapter}.qmd")
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    return [_normalised(c.outputs) for c in nb.cells if c.cell_type == "code"]


def test_the_service_chapter_executed_twice_gives_identical_outputs(monkeypatch):
    monkeypatch.setenv("QUARTO_PROJECT_DIR", str(ROOT))
    first, second = _outputs("pairs/service"), _outputs("pairs/service")
    assert len(first) == len(second) > 10
    differing = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    assert differing == [], f"code cells {differing} of pairs/service differ between two runs"
    assert sum("image/png" in cell or "image/svg+xml" in cell for cell in first) >= 2  # figures
    assert sum("<table" in cell for cell in first) >= 4  # tables
    assert not any("Too little data" in cell for cell in first)  # the whole chapter ran
