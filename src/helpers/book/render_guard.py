"""Keep Quarto's freezer honest about data: ``python -m helpers.book.render_guard``.

``execute: freeze: auto`` re-executes a chapter only when its ``.qmd`` changes. The book's numbers
also depend on the data folder, so a frozen chapter could show results from other data (for
example synthetic numbers in a report rendered on real records). Before each full render,
``make book`` runs this module: it fingerprints the data folder (its path and every file's bytes)
and, when the fingerprint differs from the one saved at the last render, deletes ``_freeze/`` so
every chapter executes again.
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
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
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
    fingerprint = data_fingerprint([data_dir(), published_dir()])
    if refresh_freezer(root / "_freeze", fingerprint):
        print("The data changed since the last render: _freeze/ cleared, every chapter will execute.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
