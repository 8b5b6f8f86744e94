"""Execute one chapter's cells without Quarto and print what each inline expression gives.

Usage: .venv/bin/python tools/run_chapter.py chapters/pup/outcomes.qmd [--save build/out.ipynb]

Runs the chapter exactly as the test suite does (same converter, a fresh kernel started in the
project root), stops at the first failing cell and prints its traceback; otherwise prints each
inline expression's value so an author can read the numbers the prose will show.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from helpers.paths import project_root
from helpers.book.quarto_book import to_notebook


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chapter", type=Path)
    parser.add_argument("--save", type=Path, default=None, help="write the executed notebook here")
    args = parser.parse_args()
    root = project_root()
    if not args.chapter.is_file():
        print(f"{args.chapter}: no such chapter file (give a path such as chapters/pup/outcomes.qmd)",
              file=sys.stderr)
        return 2
    os.environ.setdefault("QUARTO_PROJECT_DIR", str(root))
    nb = to_notebook(args.chapter.resolve())
    for cell in nb.cells:  # show every inline value, not only the last of each cell
        if cell.cell_type == "code" and cell.metadata.get("inline_expressions"):
            lines = cell.source.splitlines()[1:]
            cell.source = "\n".join(
                line if line.startswith("__claim_location__") else  # where a claim is, for errors
                f"print({line[4:-1]!r}, '->', {line})" for line in lines)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(root)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        print(f"{args.chapter}: a cell failed\n{exc}", file=sys.stderr)
        return 1
    finally:
        if args.save:
            args.save.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, args.save)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.metadata.get("inline_expressions"):
            for out in cell.outputs:
                if out.get("output_type") == "stream":
                    print(out["text"], end="")
    print(f"{args.chapter}: all cells ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
