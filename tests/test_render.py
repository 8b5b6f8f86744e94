"""Render the whole book with Quarto where Quarto exists (elsewhere skip and say why); without
Quarto, `make book` must explain how to get it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.book.project import quarto_version
from helpers.book.quarto_book import book_files

ROOT = Path(__file__).resolve().parents[1]
QUARTO = shutil.which("quarto")

NO_QUARTO = (
    "quarto is not on PATH, so the book is not rendered here (install Quarto, see the README, to "
    "run this test); the chapters are still executed by the nbval items and the structure checks"
)


def render(fmt: str, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [QUARTO, "render", "--to", fmt, "--output-dir", str(out), "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, timeout=1500,
    )


@pytest.mark.render
@pytest.mark.skipif(QUARTO is None, reason=NO_QUARTO)
def test_book_renders_to_html_with_a_page_per_chapter(tmp_path):
    result = render("html", tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    for qmd in book_files(ROOT):
        page = tmp_path / qmd.relative_to(ROOT).with_suffix(".html")
        assert page.is_file(), f"no page for {qmd.name}"


@pytest.mark.render
@pytest.mark.skipif(QUARTO is None, reason=NO_QUARTO)
def test_book_renders_to_typst_pdf(tmp_path):
    result = render("typst", tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert list(tmp_path.glob("*.pdf")), "no PDF written"


@pytest.mark.skipif(QUARTO is not None, reason="quarto is installed here, so the message is not shown")
def test_make_book_without_quarto_says_how_to_get_it():
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PATH"}
    env.update(PATH="/usr/bin:/bin", PY=sys.executable, QUARTO_NO_INSTALL="1")
    result = subprocess.run(["sh", "tools/render.sh"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 3
    assert f"needs Quarto (version {quarto_version(ROOT)} or newer)" in result.stderr
    assert "https://quarto.org/docs/get-started/" in result.stderr
    assert "Traceback" not in result.stderr
