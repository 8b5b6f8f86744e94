"""Keep Quarto's freezer honest about data and code: ``python -m helpers.book.render_guard``.

``execute: freeze: auto`` re-executes a chapter only when its ``.qmd`` changes. The book's numbers
also depend on the data folder and on the helpers' code, so a frozen chapter could show results
from other data (synthetic numbers in a report rendered on real records) or from older code.
This module fingerprints the data folder, the published figures and ``src/helpers`` (paths and
every file's bytes) and, when the fingerprint differs from the one saved at the last render,
deletes ``_freeze/`` so every chapter executes again.

It runs before every render, however the render is started: ``_quarto.yml`` registers it as the
project's ``pre-render`` command (through ``tools/pre-render.sh``), so ``quarto render`` run
directly is guarded as well as ``make book``. Quarto freezes each output format's results
separately (``_freeze/<chapter>/execute-results/<format>.json``), so the HTML and the Typst PDF
each keep the table form they were executed for.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

from helpers.paths import data_dir, project_root, published_dir

__all__ = ["data_fingerprint", "refresh_freezer"]

FINGERPRINT_FILE = ".data-fingerprint"


def data_fingerprint(folders: list[Path]) -> str:
    """SHA-256 over each folder's resolved path and the relative path and bytes of every file."""
    digest = hashlib.sha256()
    for folder in folders:
        digest.update(str(folder.resolve()).encode())
        for path in sorted(p for p in folder.rglob("*")
                           if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def refresh_freezer(freeze_dir: Path, fingerprint: str) -> bool:
    """Delete ``freeze_dir`` when its saved fingerprint differs from ``fingerprint``.

    Returns True when the freezer was cleared. The new fingerprint is saved either way.
    """
    saved = freeze_dir / FINGERPRINT_FILE
    cleared = False
    if freeze_dir.exists() and (not saved.is_file() or saved.read_text().strip() != fingerprint):
        shutil.rmtree(freeze_dir)
        cleared = True
    freeze_dir.mkdir(parents=True, exist_ok=True)
    saved.write_text(fingerprint + "\n")
    return cleared


def main() -> int:
    root = project_root()
    code = root / "src" / "helpers"
    folders = [data_dir(), published_dir()] + ([code] if code.is_dir() else [])
    fingerprint = data_fingerprint(folders)
    if refresh_freezer(root / "_freeze", fingerprint):
        print("The data or the helpers changed since the last render: _freeze/ cleared, every "
              "chapter will execute.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
