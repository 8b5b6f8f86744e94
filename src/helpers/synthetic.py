"""Regenerate every synthetic table: ``python -m helpers.synthetic [--out FOLDER]``.

Each evaluation package (see :mod:`helpers.evaluations`) has a ``synthetic`` module exposing
``generate(out_dir: Path) -> list[Path]``, which writes its CSV files under ``out_dir / <slug>``.
Output is byte-identical between runs (fixed seeds, sorted rows, fixed float formatting).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from helpers.evaluations import evaluations
from helpers.paths import project_root


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help="folder (default data/synthetic)")
    args = parser.parse_args(argv)
    out = args.out or project_root() / "data" / "synthetic"
    for entry in evaluations():
        start = time.perf_counter()
        written = entry.module("synthetic").generate(out)
        print(f"{entry.package}.synthetic: {len(written)} file(s) in "
              f"{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
