"""Where the book's files are: project root, data folder (with the real-data switch), published figures.

Paths never depend on the current working directory: Quarto may run a chapter from its own folder
and nbval starts each kernel in the notebook's folder. The project root is, in order:

1. ``QUARTO_PROJECT_DIR`` (set by Quarto while it renders);
2. the nearest folder, from the current directory upwards, that holds ``_quarto.yml``;
3. the nearest folder above this package that holds ``_quarto.yml`` (editable installs).

The data folder is ``data/synthetic`` unless the environment variable ``EVAL_DATA_DIR`` names
another folder (absolute, or relative to the project root) laid out the same way:
``<folder>/<evaluation>/<table>.csv``.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "DATA_DIR_VARIABLE",
    "project_root",
    "data_dir",
    "data_is_synthetic",
    "published_dir",
    "relative_to_root",
]

DATA_DIR_VARIABLE = "EVAL_DATA_DIR"
_MARKER = "_quarto.yml"


def _search_upwards(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        if (folder / _MARKER).is_file():
            return folder
    return None


def project_root() -> Path:
    """Return the folder that holds ``_quarto.yml``.

    Raises
    ------
    FileNotFoundError
        If no such folder can be found by any of the three rules in the module docstring.
    """
    env = os.environ.get("QUARTO_PROJECT_DIR")
    if env and (Path(env) / _MARKER).is_file():
        return Path(env).resolve()
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        found = _search_upwards(start.resolve())
        if found is not None:
            return found
    raise FileNotFoundError(
        f"Cannot find the project root: no {_MARKER} above {Path.cwd()} or {Path(__file__).parent}, "
        "and QUARTO_PROJECT_DIR is not set."
    )


def data_dir() -> Path:
    """Return the folder the book reads its record-level tables from.

    ``data/synthetic`` by default; the folder named by ``EVAL_DATA_DIR`` when that is set.
    """
    chosen = os.environ.get(DATA_DIR_VARIABLE)
    if not chosen:
        return project_root() / "data" / "synthetic"
    path = Path(chosen).expanduser()
    if not path.is_absolute():
        path = project_root() / path
    if not path.is_dir():
        raise FileNotFoundError(f"{DATA_DIR_VARIABLE}={chosen!r} is not a folder ({path}).")
    return path.resolve()


def data_is_synthetic() -> bool:
    """True when the book reads the shipped synthetic data (no ``EVAL_DATA_DIR`` set)."""
    return not os.environ.get(DATA_DIR_VARIABLE)


def published_dir() -> Path:
    """Folder holding the published figures, one YAML file per evaluation."""
    return project_root() / "data" / "published"


def relative_to_root(path: Path) -> str:
    """``path`` relative to the project root when it lies inside it, else as given (for messages)."""
    try:
        return str(Path(path).resolve().relative_to(project_root()))
    except (ValueError, FileNotFoundError):
        return str(path)
