"""pytest plugin (loaded by ``-p nbval_chapters`` in pyproject):  execute every chapter of the book as a notebook with nbval.

``pyproject.toml`` lists ``_quarto.yml`` among the test paths. When pytest collects it, this plugin
reads the book's chapter list, converts each listed ``.qmd`` to a notebook under ``build/notebooks``
(git-ignored) with :func:`helpers.book.quarto_book.to_notebook`, and hands each notebook to nbval, which
runs it in a fresh kernel from the current environment (``--nbval-lax --nbval-current-env``
are in pyproject's ``addopts``). Every
code cell is one test item named ``<chapter>.qmd::cell NN <label>``; inline expressions become cells
of their own, so a broken inline expression fails too.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

import nbformat
import pytest
from nbval.plugin import IPyNbCell, IPyNbFile, find_comment_markers

from helpers.book.quarto_book import _cell_options, book_files, to_notebook




def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    if file_path.name == "_quarto.yml":
        return BookFile.from_parent(parent, path=file_path)
    return None


class BookFile(pytest.File):
    """Collects one notebook per chapter listed in ``_quarto.yml``."""

    def collect(self):
        root = self.path.parent
        for qmd in book_files(root):
            relative = qmd.relative_to(root)
            target = root / "build" / "notebooks" / relative.with_suffix(".ipynb")
            target.parent.mkdir(parents=True, exist_ok=True)
            # write to a private file and rename: with pytest-xdist every worker collects the
            # book, and a reader must never see a half-written notebook
            partial = target.with_name(f".{target.name}.{os.getpid()}")
            nbformat.write(to_notebook(qmd), partial)
            os.replace(partial, target)
            # Kernels inherit the environment: name the project root, as Quarto does when rendering.
            os.environ["QUARTO_PROJECT_DIR"] = str(root)
            yield ChapterNotebook.from_parent(self, path=target, chapter=str(relative))


class ChapterNotebook(IPyNbFile):
    """nbval's notebook collector, with items named by chapter, cell number and cell label."""

    def __init__(self, *args, chapter: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.chapter = chapter

    @classmethod
    def from_parent(cls, parent, *, path, chapter, **kwargs):  # type: ignore[override]
        node = super().from_parent(parent, path=path, **kwargs)
        node.chapter = chapter
        return node

    def _getobj(self):  # pragma: no cover - nbval has none; keeps pytest's File API happy
        return None

    def reportinfo(self):
        return self.path, 0, self.chapter

    def collect(self):
        self.nb = nbformat.read(str(self.path), as_version=4)
        number = 0
        for cell in self.nb.cells:
            if cell.cell_type != "code":
                continue
            options = defaultdict(bool, find_comment_markers(cell.source))
            options.setdefault("check", False)
            label = _cell_options(cell.source.splitlines()).get("label", "")
            if cell.metadata.get("inline_expressions"):
                label = "inline expressions"
            name = f"{self.chapter}::cell {number:02d}" + (f" [{label}]" if label else "")
            yield IPyNbCell.from_parent(self, name=name, cell_num=number, cell=cell,
                                        options=options)
            number += 1
