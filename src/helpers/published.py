"""The figures printed in the published reports, as transcribed in ``data/published/*.yaml``.

These are targets to reproduce and to show beside the book's own results; nothing in a chapter is
computed from them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from helpers.paths import published_dir

__all__ = ["published", "flatten"]


@cache
def published(evaluation: str) -> dict[str, Any]:
    """The published figures of ``evaluation`` (a slug, see :mod:`helpers.evaluations`) as nested dicts."""
    path = published_dir() / f"{evaluation}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in published_dir().glob("*.yaml") if "." not in p.stem)
        raise KeyError(f"unknown evaluation {evaluation!r}: no {path.name} in {published_dir()}; "
                       f"published figures exist for {known}")
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def flatten(tree: Any, prefix: str = "") -> dict[str, Any]:
    """Flatten nested dicts/lists to ``{"a.b.0.c": value}`` paths (list positions are numbers).

    >>> flatten({"a": {"b": 1, "c": [2, {"d": 3}]}})
    {'a.b': 1, 'a.c.0': 2, 'a.c.1.d': 3}
    """
    out: dict[str, Any] = {}
    if isinstance(tree, dict):
        for key, value in tree.items():
            out.update(flatten(value, f"{prefix}{key}."))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            out.update(flatten(value, f"{prefix}{i}."))
    else:
        out[prefix.rstrip(".")] = tree
    return out
