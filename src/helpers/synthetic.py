"""Regenerate every synthetic table: ``python -m helpers.synthetic [--out FOLDER] [--scale N]``.

``--scale N`` writes N times as many records (every row repeated with its identifiers rewritten,
see :mod:`helpers.scale`) to measure the book at routine-data scale; it needs an ``--out`` folder
other than the shipped ``data/synthetic``.

Each evaluation package (see :mod:`helpers.evaluations`) has a ``synthetic`` module exposing
``generate(out_dir: Path) -> list[Path]``, which writes its CSV files under ``out_dir / <slug>``.
Output is byte-identical between runs (fixed seeds, sorted rows, fixed float formatting).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from helpers.appendix import table_specs
from helpers.evaluations import evaluations
from helpers.paths import project_root
from helpers.scale import scale_folder


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help="folder (default data/synthetic)")
    parser.add_argument("--scale", type=int, default=1,
                        help="write N times as many records (needs --out; default 1)")
    args = parser.parse_args(argv)
    shipped = project_root() / "data" / "synthetic"
    out = args.out or shipped
    if args.scale < 1:
        parser.error("--scale must be 1 or more")
    if args.scale > 1 and out.resolve() == shipped.resolve():
        parser.error("--scale writes larger copies for measurement: give an --out folder other "
                     "than data/synthetic, which holds the shipped tables")
    for entry in evaluations():
        start = time.perf_counter()
        written = entry.module("synthetic").generate(out)
        if args.scale > 1:
            scale_folder(out, table_specs(entry.slug), args.scale)
        print(f"{entry.package}.synthetic: {len(written)} file(s) in "
              f"{time.perf_counter() - start:.1f} s" + (f", x{args.scale}" if args.scale > 1 else ""))


if __name__ == "__main__":
    main()
