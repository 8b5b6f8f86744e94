"""Every published figure has a label saying where the report prints it (helpers.reproduce).

The appendices name figures by report location, never by their path in the figures file: each
leaf of ``data/published/<evaluation>.yaml`` must match exactly one pattern of
``<evaluation>.labels.yaml``, and the words must not leak a path or a code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.published import flatten, published
from helpers.reproduce import (
    FigureLabel,
    FigureLabels,
    figure_labels,
    labels_from_file,
    load_contradictions,
)

EVALUATIONS = ("parenting-under-pressure", "pairs")


@pytest.mark.parametrize("evaluation", EVALUATIONS)
def test_every_published_figure_has_exactly_one_label(evaluation: str) -> None:
    labels = figure_labels(evaluation)
    leaves = list(flatten(published(evaluation)))
    problems = {p: len(labels.candidates(p)) for p in leaves if len(labels.candidates(p)) != 1}
    assert problems == {}
    assert len(leaves) > 250


@pytest.mark.parametrize("evaluation", EVALUATIONS)
def test_no_label_shows_a_path_or_a_list(evaluation: str) -> None:
    labels = figure_labels(evaluation)
    for path in flatten(published(evaluation)):
        label = labels.label(path)
        words = f"{label.section} {label.figure}"
        assert "." not in path or path not in words
        assert not re.search(r"\w_\w|\[|\]|\{|\}", words), (path, words)
        assert label.section == labels.sections[label.order]


@pytest.mark.parametrize("evaluation", EVALUATIONS)
def test_sections_are_report_places_in_reading_order(evaluation: str) -> None:
    sections = figure_labels(evaluation).sections
    assert len(sections) == len(set(sections)) >= 10
    places = [s for s in sections if s.startswith(("Section", "Table", "Appendix"))]
    assert len(places) >= len(sections) - 2  # the summary and the transcription notes


@pytest.mark.parametrize("evaluation", EVALUATIONS)
def test_every_recorded_case_has_a_title_and_labelled_figures(evaluation: str) -> None:
    labels = figure_labels(evaluation)
    for entry in load_contradictions(evaluation):
        assert entry["title"].strip() and not entry["title"].endswith(".")
        for path in entry["figures"]:
            labels.label(path)


def test_the_examples_of_the_brief_read_as_report_locations() -> None:
    pup = figure_labels("parenting-under-pressure")
    assert pup.label("table_1_paired.0.pre.0") == FigureLabel(
        "Table 1 (section 2.4): scores before and after therapy", "CORE-10, everyone: pre-therapy mean", 5)
    assert pup.label("table_1_paired.3.p").figure == "CORE-10, women: p"
    pairs = figure_labels("pairs")
    assert pairs.label("tt_outcomes.mors_paired.1.post.1").figure == "MORS invasion, paired t-test: SD after"
    assert pairs.label("referrals.by_category.15.pct").section == "Appendix 4: referrer categories"
    assert pairs.label("pip_demographics.single_parent.True").figure == "Single parent: yes (n)"
    assert pup.value_words("core10") == "CORE-10" and pup.value_words("women") == "women"


# ---------------------------------------------------------------- the matching rules

_LABELS = FigureLabels(
    sections=("Table 1", "Section 2"),
    patterns=((0, "rows.{row}.{part}.{stat}", "{row}: {part} {stat}"),
              (0, "rows.{row}.n", "{row}: n"),
              (1, "items.{item}", "item {item}"),
              (1, "counts.{group}", "count of {group}"),
              (1, "twice.{a}", "first"), (1, "twice.{b}", "second")),
    names={"row": ["everyone", "men"], "part": {"pre": "before", "post": "after"},
           "stat": ["mean", "SD"], "group": {"True": "yes", "d2": "decile 2"}})


def test_placeholders_read_lists_by_position_and_mappings_by_key() -> None:
    assert _LABELS.label("rows.1.post.0") == FigureLabel("Table 1", "men: after mean", 0)
    assert _LABELS.label("rows.0.n").figure == "everyone: n"
    assert _LABELS.label("counts.True").figure == "count of yes"
    assert _LABELS.label("counts.d2") == FigureLabel("Section 2", "count of decile 2", 1)


def test_a_placeholder_without_names_counts_list_positions_from_one() -> None:
    assert [_LABELS.label(f"items.{i}").figure for i in range(3)] == ["item 1", "item 2", "item 3"]
    assert _LABELS.candidates("items.first") == []


def test_a_path_with_no_label_or_two_labels_is_an_error_naming_it() -> None:
    for path in ("rows.2.n", "rows.0.diff.0", "counts.d3", "other", "rows.0.pre"):
        assert _LABELS.candidates(path) == []
        with pytest.raises(LookupError, match=re.escape(repr(path)) + " has no label"):
            _LABELS.label(path)
    with pytest.raises(LookupError, match="'twice.0' has 2 labels"):
        _LABELS.label("twice.0")


def test_labels_file_is_read_and_checked(tmp_path: Path) -> None:
    good = tmp_path / "x.labels.yaml"
    good.write_text("sections: {t1: 'Table 1'}\nfigures:\n  t1:\n    a.{i}: 'row {i}'\n"
                    "names: {i: [first, second]}\nvalues: {core10: CORE-10}\n", encoding="utf-8")
    labels = labels_from_file(good)
    assert labels.label("a.1") == FigureLabel("Table 1", "row second", 0)
    assert labels.value_words("core10") == "CORE-10"
    bad_section = tmp_path / "y.labels.yaml"
    bad_section.write_text("sections: {t1: 'Table 1'}\nfigures:\n  t2:\n    a: 'x'\n", encoding="utf-8")
    with pytest.raises(ValueError, match="figures under 't2', which sections does not list"):
        labels_from_file(bad_section)
    bad_words = tmp_path / "z.labels.yaml"
    bad_words.write_text("sections: {t1: 'Table 1'}\nfigures:\n  t1:\n    a.b: 'row {i}'\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"use \['i'\]"):
        labels_from_file(bad_words)


def test_an_evaluation_without_a_labels_file_is_told_how_to_fix_it() -> None:
    with pytest.raises(FileNotFoundError, match="no nope.labels.yaml"):
        figure_labels("nope")
