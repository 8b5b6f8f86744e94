"""Benchmark the book: execute every chapter as Quarto does and report where the time goes.

Usage: .venv/bin/python tools/bench.py [--repeats 3] [--scale 10 100] [--chapters PATTERN]

For each chapter listed in ``_quarto.yml`` a fresh Jupyter kernel executes the chapter's cells
(the same converter the test suite uses). Reported per chapter, as the median of ``--repeats``:
kernel start, the load cell (imports and data load with validation), the other cells (analysis
and output), and the total. The *floor* is measured in the same run: a fresh kernel that imports
pandas, numpy and matplotlib once, as every chapter must. The book's total is reported as a
ratio to (floor × number of chapters).

``--scale N`` also generates N-times data (``python -m helpers.synthetic --scale N``) into a
temporary folder and times loading each evaluation and executing the PAIRS service chapter on it.
This is a measurement, not a test: nothing fails on time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from jupyter_client.manager import start_new_kernel
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from helpers.book.quarto_book import book_files, to_notebook
from helpers.paths import project_root

FLOOR_CODE = "import pandas, numpy, matplotlib.pyplot"


def _seconds(cell, start: str, end: str) -> float:
    timing = cell.metadata.get("execution", {})
    a, b = timing.get(start), timing.get(end)
    if not (a and b):
        return 0.0
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))  # noqa: E731
    return (parse(b) - parse(a)).total_seconds()


def run_chapter(qmd: Path, root: Path) -> dict[str, float]:
    """Execute one chapter in a fresh kernel; seconds for kernel start, load cell, the rest."""
    nb = to_notebook(qmd)
    start = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(root))
    kernel = time.perf_counter() - start
    try:
        client = NotebookClient(nb, km=km, kc=kc, timeout=900, resources={"metadata": {"path": str(root)}})
        client.km, client.kc = km, kc
        t0 = time.perf_counter()
        with client.setup_kernel():
            client.execute()
        total = time.perf_counter() - t0
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    code = [c for c in nb.cells if c.cell_type == "code"]
    load = _seconds(code[0], "iopub.execute_input", "shell.execute_reply") if code else 0.0
    return {"kernel": kernel, "load": load, "rest": max(total - load, 0.0), "total": kernel + total}


def floor_once(root: Path) -> float:
    start = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(root))
    try:
        kc.execute_interactive(FLOOR_CODE, timeout=300)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--scale", type=int, nargs="*", default=[])
    parser.add_argument("--chapters", default="", help="only chapters whose path contains this")
    args = parser.parse_args()
    root = project_root()
    os.environ.setdefault("QUARTO_PROJECT_DIR", str(root))
    chapters = [q for q in book_files(root) if args.chapters in str(q)]
    floor = statistics.median(floor_once(root) for _ in range(args.repeats))
    print(f"floor (fresh kernel + pandas, numpy, matplotlib): {floor:.2f} s\n")
    print(f"{'chapter':45} {'kernel':>7} {'load':>7} {'rest':>7} {'total':>7}")
    book = 0.0
    for qmd in chapters:
        runs = [run_chapter(qmd, root) for _ in range(args.repeats)]
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        book += med["total"]
        print(f"{str(qmd.relative_to(root)):45} {med['kernel']:7.2f} {med['load']:7.2f} "
              f"{med['rest']:7.2f} {med['total']:7.2f}")
    ratio = book / (floor * len(chapters)) if chapters else float("nan")
    print(f"\nbook: {book:.1f} s for {len(chapters)} chapters; floor × chapters "
          f"{floor * len(chapters):.1f} s; ratio {ratio:.2f} (target ≤ 1.5)")
    for factor in args.scale:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, "-m", "helpers.synthetic", "--out", tmp,
                            "--scale", str(factor)], check=True, capture_output=True)
            for slug, loader in (("pairs", "helpers.pairs.data:load_pairs"),
                                 ("parenting-under-pressure", "helpers.pup.data:load_pup")):
                module, name = loader.split(":")
                code = (f"import time; from pathlib import Path; from {module} import {name}; "
                        f"s = time.perf_counter(); {name}(Path({tmp!r})); "
                        "print(time.perf_counter() - s)")
                out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                     check=True).stdout.strip()
                print(f"x{factor} {slug}: load and validate {float(out):.2f} s")
            os.environ["EVAL_DATA_DIR"] = tmp
            try:
                service = root / "chapters" / "pairs" / "service.qmd"
                start = time.perf_counter()
                try:
                    seconds = f"{run_chapter(service, root)['total']:.2f} s"
                except CellExecutionError as exc:  # e.g. a claim that this data do not support
                    last = [line for line in str(exc).splitlines() if line.strip()][-1]
                    seconds = f"stopped after {time.perf_counter() - start:.2f} s: {last[:160]}"
                print(f"x{factor} pairs/service chapter: {seconds}")
            finally:
                del os.environ["EVAL_DATA_DIR"]
    return 0


if __name__ == "__main__":
    sys.exit(main())
