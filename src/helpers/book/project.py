"""The Quarto project configuration read without Quarto: profiles, their merge, the Quarto version.

The book keeps its chapter lists in project profiles (``_quarto-<name>.yml``), one per thing it
can render: the combined book and each evaluation as a report of its own. Quarto merges the
active profile's file over ``_quarto.yml``; :func:`quarto_config` does the same, so that the
test suite and the structure checks see exactly the chapters a render would, on machines without
Quarto. The merge follows Quarto's rule for project metadata: mappings merge key by key, lists are
concatenated with repeated items dropped (a profile *adds* to a list of ``_quarto.yml``, it cannot
replace it), and any other value of the profile wins.

Which profiles are active: those named, else ``profile.default`` of ``_quarto.yml``; then the
first profile of each ``profile.group`` none of whose members is active (Quarto's rule). The
environment variable ``QUARTO_PROFILE`` is deliberately not read, so that tests do not depend on
the shell they run in.

The Quarto version the book needs is stated once, in ``quarto-required`` of ``_quarto.yml``
(``">= 1.9.38"``); :func:`quarto_version` reads it for the colophon, the Makefile and CI.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

__all__ = [
    "CONFIG_FILE",
    "merge_config",
    "profile_names",
    "active_profiles",
    "quarto_config",
    "quarto_version",
    "profile_table",
]

#: The project file every profile extends.
CONFIG_FILE = "_quarto.yml"
_PROFILE_FILE = re.compile(r"^_quarto-([A-Za-z0-9_-]+)\.yml$")
_VERSION = re.compile(r"(\d+(?:\.\d+)+)")


def _read(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    return data if isinstance(data, dict) else {}


def merge_config(base: Any, overlay: Any) -> Any:
    """``overlay`` merged over ``base`` as Quarto merges project metadata (see module docstring).

    >>> merge_config({"book": {"title": "A", "chapters": ["index.qmd"]}},
    ...              {"book": {"title": "B", "chapters": ["index.qmd", "x.qmd"]}})
    {'book': {'title': 'B', 'chapters': ['index.qmd', 'x.qmd']}}
    >>> merge_config({"a": [1, 2]}, {"a": [2, 3], "b": None})
    {'a': [1, 2, 3], 'b': None}
    """
    if isinstance(base, dict) and isinstance(overlay, dict):
        out = dict(base)
        for key, value in overlay.items():
            out[key] = merge_config(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(overlay, list):
        seen = {json.dumps(item, sort_keys=True) for item in base}
        out_list = list(base)
        for item in overlay:
            key = json.dumps(item, sort_keys=True)
            if key not in seen:
                seen.add(key)
                out_list.append(item)
        return out_list
    return overlay


def profile_names(root: Path) -> list[str]:
    """Names of the profiles defined at ``root`` (one per ``_quarto-<name>.yml``), sorted."""
    return sorted(m.group(1) for p in root.glob("_quarto-*.yml")
                  if (m := _PROFILE_FILE.match(p.name)))


def active_profiles(config: dict[str, Any], named: str | Sequence[str] | None = None
                    ) -> list[str]:
    """The profiles Quarto activates, from a ``_quarto.yml`` mapping, as Quarto decides them.

    ``named`` profiles ("pup", "pup,ua" or a list) come first; without them, ``profile.default``.
    Then, for each ``profile.group`` none of whose members is active, its first member is added.

    >>> config = {"profile": {"group": [["book", "pup", "pairs"]]}}
    >>> active_profiles(config), active_profiles(config, "pup"), active_profiles(config, "ua")
    (['book'], ['pup'], ['ua', 'book'])
    >>> active_profiles({"profile": {"default": "pup,extra"}}), active_profiles({})
    (['pup', 'extra'], [])
    """
    profile = config.get("profile") or {}
    chosen = named if named is not None else profile.get("default")
    if chosen is None:
        active: list[str] = []
    elif isinstance(chosen, str):
        active = [p.strip() for p in chosen.split(",") if p.strip()]
    else:
        active = [str(p).strip() for p in chosen if str(p).strip()]
    groups = profile.get("group") or []
    if groups and all(isinstance(g, str) for g in groups):  # one group written as a flat list
        groups = [groups]
    for group in groups:
        if group and not any(name in active for name in group):
            active.append(str(group[0]))
    return active


def quarto_config(root: Path, profile: str | Sequence[str] | None = None) -> dict[str, Any]:
    """``_quarto.yml`` at ``root`` with the active profiles merged over it.

    ``profile`` names the profile(s) ("pup", "book,extra" or a list); None lets
    :func:`active_profiles` choose as Quarto does. The first active profile wins where two set the
    same value, as in Quarto. An active profile without a file is an error here (Quarto would
    silently ignore it, which hides a misspelt name).
    """
    config = _read(root / CONFIG_FILE)
    for name in reversed(active_profiles(config, profile)):
        path = root / f"_quarto-{name}.yml"
        if not path.is_file():
            raise FileNotFoundError(f"profile {name!r} has no file {path.name} in {root}")
        config = merge_config(config, _read(path))
    return config


def quarto_version(root: Path) -> str:
    """The Quarto version the book needs, read from ``quarto-required`` (``">= 1.9.38"`` gives
    ``"1.9.38"``); the one place the version is stated. Raises ``ValueError`` when absent."""
    required = _read(root / CONFIG_FILE).get("quarto-required")
    match = _VERSION.search(str(required or ""))
    if not match:
        raise ValueError(f"{CONFIG_FILE} states no quarto-required version (got {required!r})")
    return match.group(1)


def profile_table(root: Path) -> pd.DataFrame:
    """One row per profile at ``root``, as each renders: ``profile``, ``command`` (the make
    command), ``title`` (the book title), ``output_dir`` and ``pdf_standard`` (the PDF standard
    Typst is asked to enforce, "none" when none), all read from the merged configuration."""
    rows = []
    default = active_profiles(_read(root / CONFIG_FILE))[:1]
    for name in profile_names(root):
        config = quarto_config(root, name)
        typst = ((config.get("format") or {}).get("typst") or {})
        standard = typst.get("pdf-standard") or "none"
        rows.append({
            "profile": name,
            "command": "make book" + ("" if [name] == default else f" PROFILE={name}"),
            "title": str((config.get("book") or {}).get("title", "")),
            "output_dir": str((config.get("project") or {}).get("output-dir", "")),
            "pdf_standard": ", ".join(standard) if isinstance(standard, list) else str(standard),
        })
    return pd.DataFrame(rows, columns=["profile", "command", "title", "output_dir", "pdf_standard"])
