"""Regenerate every synthetic table: ``python -m helpers.synthetic [--out FOLDER]``.

Each evaluation module exposes ``generate(out_dir: Path) -> list[Path]`` and writes its CSV files
under ``out_dir / <evaluation>``. Output is byte-identical between runs (fixed seeds, sorted rows,
fixed float formatting).
"""

from __future__ import annotations

import argparse
import importlib
import time
from pathlib import Path

from ..paths import project_root

GENERATORS = ("helpers.synthetic.pup", "helpers.synthetic.pairs")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help="folder (default data/synthetic)")
    args = parser.parse_args(argv)
    out = args.out or project_root() / "data" / "synthetic"
    for name in GENERATORS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                print(f"{name}: not written yet, skipped")
                continue
            raise
        start = time.perf_counter()
        written = module.generate(out)
        print(f"{name}: {len(written)} file(s) in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
