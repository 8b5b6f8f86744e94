"""The freezer is cleared when, and only when, the data change."""

from __future__ import annotations

from helpers.book.render_guard import data_fingerprint, refresh_freezer


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
