"""The evaluations this book holds, found by convention: the engine never names one.

An *evaluation package* is a subpackage of :mod:`helpers` (today ``helpers.pup`` and
``helpers.pairs``) whose ``__init__`` defines ``EVALUATION``, an :class:`Evaluation`, and which
holds at least these modules, the only ones the engine calls:

``data``
    a :class:`~helpers.datastore.TableSpec` for every table, and the loader chapters call;
``reproduce``
    ``reproduced_figures() -> pandas.DataFrame``: each published figure beside its value
    recomputed from the records (see :mod:`helpers.reproduce`);
``synthetic``
    ``generate(out_dir: Path) -> list[Path]``: writes the seeded synthetic tables under
    ``out_dir / <slug>`` and returns the paths written.

:func:`evaluations` lists them (sorted by package name, so output order is stable). Adding an
evaluation is adding a package; nothing in the engine changes. Keep an evaluation package's
``__init__`` light (no pandas): discovery imports it.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

__all__ = ["Evaluation", "REQUIRED_MODULES", "evaluations", "evaluation", "slugs"]

#: Modules every evaluation package must have (the engine's only entry points into it).
REQUIRED_MODULES = ("data", "reproduce", "synthetic")


@dataclass(frozen=True)
class Evaluation:
    """One evaluation: its slug, its title as the book prints it, and its package.

    ``slug`` names the folder under the data folder (``data/synthetic/<slug>/``) and the stem of
    its published-figure files (``data/published/<slug>.yaml``, ``<slug>.contradictions.yaml``).
    """

    slug: str
    title: str
    package: str

    def module(self, name: str) -> ModuleType:
        """Import and return ``<package>.<name>`` (e.g. ``"data"`` gives ``helpers.pup.data``)."""
        return importlib.import_module(f"{self.package}.{name}")


def _is_evaluation_package(path: Path) -> bool:
    found = {info.name for info in pkgutil.iter_modules([str(path)])}
    return all(name in found for name in REQUIRED_MODULES)


@cache
def evaluations() -> tuple[Evaluation, ...]:
    """Every evaluation package under :mod:`helpers`, sorted by package name.

    A subpackage counts as an evaluation when it has all of :data:`REQUIRED_MODULES`; one that
    has them but no ``EVALUATION`` in its ``__init__`` is an error, not silently skipped.
    """
    import helpers

    found = []
    for info in sorted(pkgutil.iter_modules(helpers.__path__), key=lambda i: i.name):
        if not info.ispkg:
            continue
        path = Path(helpers.__path__[0]) / info.name
        if not _is_evaluation_package(path):
            continue
        package = importlib.import_module(f"helpers.{info.name}")
        entry = getattr(package, "EVALUATION", None)
        if not isinstance(entry, Evaluation):
            raise TypeError(
                f"helpers.{info.name} has the modules of an evaluation package "
                f"({', '.join(REQUIRED_MODULES)}) but its __init__ defines no EVALUATION"
            )
        found.append(entry)
    slugs_seen = [e.slug for e in found]
    if len(set(slugs_seen)) != len(slugs_seen):
        raise ValueError(f"two evaluation packages share a slug: {slugs_seen}")
    return tuple(found)


def slugs() -> tuple[str, ...]:
    """The slugs of :func:`evaluations`, in the same order."""
    return tuple(e.slug for e in evaluations())


def evaluation(slug: str) -> Evaluation:
    """The evaluation whose slug is ``slug``; a :class:`KeyError` lists the known slugs."""
    for entry in evaluations():
        if entry.slug == slug:
            return entry
    raise KeyError(f"unknown evaluation {slug!r}; expected one of {slugs()}")
