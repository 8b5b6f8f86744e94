"""The chapter-execution plugin itself: a broken cell fails the run and the failure names its chapter."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def run_pytest_on_book(tmp_path: Path, chapter_source: str) -> subprocess.CompletedProcess:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "_quarto.yml").write_text(
        "project:\n  type: book\nbook:\n  chapters:\n    - index.qmd\n    - chapters/demo.qmd\n"
    )
    (tmp_path / "index.qmd").write_text("# Preface\n")
    (tmp_path / "chapters" / "demo.qmd").write_text(textwrap.dedent(chapter_source))
    env = dict(os.environ, PYTHONPATH=str(TESTS))
    env.pop("QUARTO_PROJECT_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "nbval_chapters", "--nbval-lax",
         "--nbval-current-env", "-p", "no:cacheprovider", "_quarto.yml"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )


def test_a_broken_cell_fails_and_names_its_chapter(tmp_path):
    result = run_pytest_on_book(tmp_path, """\
        # Demo

        ```{python}
        #| label: fine
        x = 1
        ```

        ```{python}
        #| label: broken
        x / 0
        ```
        """)
    assert result.returncode == 1, result.stdout
    assert "1 failed, 1 passed" in result.stdout
    assert "chapters/demo.qmd::cell 01 [broken]" in result.stdout
    assert "ZeroDivisionError" in result.stdout


def test_a_broken_inline_expression_fails(tmp_path):
    result = run_pytest_on_book(tmp_path, """\
        # Demo

        ```{python}
        x = 1
        ```

        The value is `{python} y`.
        """)
    assert result.returncode == 1, result.stdout
    assert "chapters/demo.qmd::cell 01 [inline expressions]" in result.stdout
    assert "NameError" in result.stdout


def test_cells_run_with_the_project_root_known(tmp_path):
    result = run_pytest_on_book(tmp_path, """\
        # Demo

        ```{python}
        from helpers import project_root
        from pathlib import Path
        assert project_root() == Path(r"%s"), project_root()
        ```
        """ % tmp_path.resolve())
    assert result.returncode == 0, result.stdout
