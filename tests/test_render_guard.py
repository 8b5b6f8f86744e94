"""The freezer is cleared when, and only when, the data change."""

from __future__ import annotations

from helpers.book.render_guard import data_fingerprint, refresh_freezer
from pathlib import Path


def test_fingerprint_changes_with_a_byte_or_a_folder(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text("x\n1\n")
    first = data_fingerprint([data])
    assert data_fingerprint([data]) == first
    (data / "a.csv").write_text("x\n2\n")
    assert data_fingerprint([data]) != first
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.csv").write_text("x\n2\n")
    assert data_fingerprint([other]) != data_fingerprint([data])


def test_freezer_cleared_only_when_the_fingerprint_differs(tmp_path):
    freeze = tmp_path / "_freeze"
    (freeze / "chapters").mkdir(parents=True)
    (freeze / "chapters" / "old.json").write_text("{}")
    assert refresh_freezer(freeze, "abc") is True  # no fingerprint saved yet: unknown data
    assert not (freeze / "chapters").exists()
    (freeze / "chapters").mkdir()
    assert refresh_freezer(freeze, "abc") is False
    assert (freeze / "chapters").exists()
    assert refresh_freezer(freeze, "def") is True
    assert (freeze / ".data-fingerprint").read_text().strip() == "def"


def test_quarto_runs_the_guard_before_every_render():
    """Registered as the project's pre-render command, so `quarto render` run directly is guarded."""
    import yaml

    root = Path(__file__).resolve().parents[1]
    config = yaml.safe_load((root / "_quarto.yml").read_text(encoding="utf-8"))
    assert config["project"]["pre-render"] == "sh tools/pre-render.sh"
    assert "helpers.book.render_guard" in (root / "tools" / "pre-render.sh").read_text()


def test_a_change_to_the_helpers_changes_the_fingerprint(tmp_path):
    code = tmp_path / "helpers"
    code.mkdir()
    (code / "formatting.py").write_text("DECIMALS = 1\n")
    before = data_fingerprint([code])
    (code / "formatting.py").write_text("DECIMALS = 2\n")
    assert data_fingerprint([code]) != before
