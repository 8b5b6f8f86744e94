"""The layout the README promises: a generic engine that never imports an evaluation package.

Imports flow one way: chapters -> evaluation packages (``helpers.pup``, ``helpers.pairs``) ->
engine (every other module of :mod:`helpers`). The engine finds evaluations only through
:mod:`helpers.evaluations`; one evaluation never imports another.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers.evaluations import REQUIRED_MODULES, Evaluation, evaluation, evaluations, slugs

HELPERS = Path(__file__).resolve().parents[1] / "src" / "helpers"
EVALUATION_PACKAGES = {e.package for e in evaluations()}


def _module_name(path: Path, root: Path = HELPERS) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, root: Path = HELPERS) -> set[str]:
    """Absolute names of every module ``path`` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module_name(path, root).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _owner(module: str) -> str | None:
    """The evaluation package ``module`` belongs to, or None for the engine."""
    return next((p for p in EVALUATION_PACKAGES if module == p or module.startswith(p + ".")), None)


def test_both_evaluations_are_discovered():
    assert slugs() == ("pairs", "parenting-under-pressure")
    assert EVALUATION_PACKAGES == {"helpers.pairs", "helpers.pup"}
    assert evaluation("pairs").module("data").__name__ == "helpers.pairs.data"
    with pytest.raises(KeyError, match="unknown evaluation 'nope'.*'pairs'"):
        evaluation("nope")


def test_every_evaluation_package_has_the_modules_the_engine_calls():
    for entry in evaluations():
        assert isinstance(entry, Evaluation)
        for name in REQUIRED_MODULES:
            assert entry.module(name).__name__ == f"{entry.package}.{name}"
        assert callable(entry.module("synthetic").generate)
        assert callable(entry.module("reproduce").reproduced_figures)


def engine_offenders(root: Path) -> list[str]:
    """Engine modules under ``root`` that import, or name in a string, an evaluation package."""
    offenders = []
    for path in sorted(root.rglob("*.py")):
        if _owner(_module_name(path, root)):
            continue
        bad = sorted(m for m in _imports(path, root) if _owner(m))
        text = path.read_text(encoding="utf-8")
        named = [p for p in EVALUATION_PACKAGES if f'"{p}' in text or f"'{p}" in text]
        if bad or named:
            offenders.append(f"{path.relative_to(root.parent)}: {bad or named}")
    return offenders


def test_the_engine_never_imports_an_evaluation_package():
    assert engine_offenders(HELPERS) == []


def test_no_evaluation_imports_another():
    offenders = []
    for path in sorted(HELPERS.rglob("*.py")):
        own = _owner(_module_name(path))
        if own is None:
            continue
        bad = sorted(m for m in _imports(path) if _owner(m) not in (None, own))
        if bad:
            offenders.append(f"{path.relative_to(HELPERS.parent)}: {bad}")
    assert offenders == []


@pytest.mark.parametrize("line", [
    "from helpers.pup.data import load_pup",
    "import helpers.pairs.service",
    "from ..pup import SLUG",
    "from .. import pairs",
    "importlib.import_module('helpers.pup.outcomes')",
])
def test_the_import_check_catches_a_planted_import(tmp_path, line):
    """The checker itself works: a copy of the engine with one planted import is flagged."""
    import shutil

    copy = tmp_path / "helpers"
    shutil.copytree(HELPERS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert engine_offenders(copy) == []
    (copy / "stats" / "planted.py").write_text(line + "\n", encoding="utf-8")
    assert [o.split(":")[0] for o in engine_offenders(copy)] == ["helpers/stats/planted.py"]


def test_no_module_is_over_500_lines():
    """Small modules: a module that grows past 500 lines is split along its seams."""
    long = {str(p.relative_to(HELPERS.parent)): n for p in HELPERS.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert long == {}
