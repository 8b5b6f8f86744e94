"""Tests of helpers.coverage: the maps of which report sections the book covers (the data files
``data/published/<slug>.coverage.yaml``), the book's section labels they cite, and the table and
sentence the appendix shows. Hand-made maps and a toy book test the engine; the shipped maps are
checked against the book itself."""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import pytest

from helpers.coverage import (
    STATUS_LABELS,
    STATUSES,
    CoverageEntry,
    CoverageMap,
    book_sections,
    coverage_frame,
    coverage_gt,
    coverage_path,
    coverage_problems,
    coverage_sentence,
    load_coverage,
    parse_coverage,
)

ROOT = Path(__file__).resolve().parents[1]
#: Each report's slug and the profile that renders its evaluation on its own.
REPORTS = {"parenting-under-pressure": "pup", "pairs": "pairs"}


def _entry(section: str = "1", status: str = "covered", book: tuple[str, ...] = ("sec-a",)
           ) -> CoverageEntry:
    return CoverageEntry(section, f"Heading {section}", status, book, "A note.")


def _raw(**changes) -> dict:
    item = {"section": "1.1", "heading": "Intro", "status": "covered", "book": ["sec-a"],
            "note": "Shown."}
    item.update(changes)
    return {"report": "r", "sections": [item]}


# ------------------------------------------------------------------ the shipped maps

@pytest.fixture(scope="module")
def sections() -> dict[str, str]:
    return book_sections(ROOT)


@pytest.mark.parametrize("report", REPORTS)
def test_every_cited_label_is_a_section_of_the_book(report, sections):
    cmap = load_coverage(report)
    assert cmap.report == report
    assert coverage_problems(cmap, sections) == []


@pytest.mark.parametrize(("report", "profile"), REPORTS.items())
def test_every_cited_label_is_also_in_the_evaluations_own_rendering(report, profile):
    assert coverage_problems(load_coverage(report), book_sections(ROOT, profile)) == []


@pytest.mark.parametrize("report", REPORTS)
def test_statuses_are_valid_and_covered_sections_say_where(report):
    for e in load_coverage(report).entries:
        assert e.status in STATUSES, e
        assert e.book or e.status == "not covered", e
        assert e.heading and e.note.endswith("."), e


@pytest.mark.parametrize("report", REPORTS)
def test_headings_and_notes_hold_no_typed_numbers(report):
    for e in load_coverage(report).entries:
        assert not re.search(r"\d", e.heading + e.note), e


@pytest.mark.parametrize("report", REPORTS)
def test_sections_are_in_the_reports_reading_order(report):
    numbered = [tuple(int(p) for p in e.section.split("."))
                for e in load_coverage(report).entries if re.fullmatch(r"\d+(\.\d+)*", e.section)]
    assert numbered == sorted(numbered) and len(numbered) == len(set(numbered))


def test_counts_per_status_of_the_shipped_maps():
    pup, pairs = load_coverage("parenting-under-pressure"), load_coverage("pairs")
    assert pup.counts() == {"covered": 23, "partly": 8, "not covered": 3}
    assert pairs.counts() == {"covered": 35, "partly": 17, "not covered": 5}
    for cmap in (pup, pairs):
        assert sum(cmap.counts().values()) == len(cmap.entries)
    assert coverage_sentence("The PAIRS report", pairs) == (
        "The PAIRS report has 57 sections in the map: the book covers 35, 17 in part, and five "
        "are not covered.")


def test_the_gaps_the_appendix_names_are_gaps():
    pup, pairs = load_coverage("parenting-under-pressure"), load_coverage("pairs")
    assert pup.none_fully_covered(["4.1", "4.2", "4.3", "4.4", "7.1"])
    assert pairs.none_fully_covered(["Case studies", "Appendix 1", "3.3.2", "3.7.1"])
    assert not pairs.none_fully_covered(["3.2.2"])


def test_the_table_of_a_shipped_map(sections):
    frame = coverage_frame(load_coverage("pairs"), sections)
    assert list(frame.columns) == ["section", "heading", "status", "where", "note"]
    first = frame.iloc[0]
    assert (first["section"], first["heading"]) == ("Summary", "Executive summary")
    assert first["where"] == "PAIRS (Lambeth, 2015–24): Key findings"
    deprivation = frame.set_index("section").loc["3.2.3"]
    assert deprivation["heading"] == "Deprivation"
    assert deprivation["status"] == "Covered"
    assert deprivation["where"] == "The PAIRS service and who it reached: Who the services reached"
    assert frame.set_index("section").loc["Appendix 3", "where"] == "–"


def test_the_engine_imports_no_evaluation_package():
    tree = ast.parse((ROOT / "src" / "helpers" / "coverage.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not any(m.startswith(("helpers.pup", "helpers.pairs")) for m in imported if m)


# ------------------------------------------------------------------ reading and checking a map

def test_a_well_formed_map_is_read():
    cmap = parse_coverage(_raw(book="sec-a"))
    assert cmap == CoverageMap("r", (CoverageEntry("1.1", "Intro", "covered", ("sec-a",),
                                                   "Shown."),))


@pytest.mark.parametrize(("raw", "message"), [
    (_raw(status="mostly"), "status 'mostly' is not one of covered, partly or not covered"),
    (_raw(book=["fig-a"]), "is not a section label"),
    (_raw(book=["@sec-a"]), "is not a section label"),
    (_raw(status="partly", book=[]), "must cite where"),
    (_raw(note=""), "missing note"),
    (_raw(colour="red"), "unknown field colour"),
    ({"report": "r", "sections": []}, "no sections listed"),
    ({"sections": [_raw()["sections"][0]]}, "no report slug"),
])
def test_a_malformed_map_is_refused(raw, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_coverage(raw, "m.yaml")


def test_every_problem_is_reported_at_once():
    raw = _raw(status="mostly")
    raw["sections"].append(dict(raw["sections"][0], status="covered", book=[]))
    with pytest.raises(ValueError) as info:
        parse_coverage(raw, "m.yaml")
    text = str(info.value)
    assert text.startswith("m.yaml: ")
    assert "status 'mostly'" in text and "must cite where" in text and "listed twice" in text


def test_a_section_not_covered_may_cite_nothing_or_a_place():
    assert parse_coverage(_raw(status="not covered", book=[])).counts()["not covered"] == 1
    assert parse_coverage(_raw(status="not covered", book=None)).entries[0].book == ()


def test_loading_names_the_file_and_the_report(tmp_path):
    with pytest.raises(FileNotFoundError, match="no coverage map for 'nope'"):
        load_coverage("nope", tmp_path)
    coverage_path("other", tmp_path).write_text(
        "report: r\nsections:\n  - {section: '1', heading: A, status: covered, book: [sec-a], "
        "note: N.}\n")
    with pytest.raises(ValueError, match="names report 'r', not 'other'"):
        load_coverage("other", tmp_path)
    coverage_path("r", tmp_path).write_text(coverage_path("other", tmp_path).read_text())
    assert load_coverage("r", tmp_path).counts() == {"covered": 1, "partly": 0, "not covered": 0}


def test_none_fully_covered_refuses_an_unknown_section():
    with pytest.raises(KeyError, match="no section 9"):
        CoverageMap("r", (_entry(),)).none_fully_covered(["9"])


# ------------------------------------------------------------------ the book's sections

def _toy_book(tmp_path: Path) -> Path:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "_quarto.yml").write_text(textwrap.dedent("""\
        project:
          type: book
        book:
          chapters:
            - index.qmd
            - chapters/one.qmd
          appendices:
            - chapters/two.qmd
        """))
    (tmp_path / "index.qmd").write_text("# Preface {.unnumbered}\n\n## Why {#sec-why}\n")
    (tmp_path / "chapters" / "one.qmd").write_text(textwrap.dedent("""\
        # Did it change? {#sec-one}

        ```{python}
        #| label: fig-a
        #| fig-cap: "A"
        #| fig-alt: "B"
        draw()
        ```

        ## Before and after {#sec-one-change .unnumbered}
        """))
    (tmp_path / "chapters" / "two.qmd").write_text("# Caveats {#sec-two}\n\n### Data {#sec-two-data}\n")
    return tmp_path


def test_book_sections_name_chapter_and_section(tmp_path):
    assert book_sections(_toy_book(tmp_path)) == {
        "sec-why": "Preface: Why",
        "sec-one": "Did it change?",
        "sec-one-change": "Did it change? Before and after",
        "sec-two": "Caveats",
        "sec-two-data": "Caveats: Data",
    }


def test_a_missing_label_is_found_and_the_table_refuses_it(tmp_path):
    secs = book_sections(_toy_book(tmp_path))
    cmap = CoverageMap("r", (_entry("1", book=("sec-one", "sec-gone")),
                             _entry("2", status="not covered", book=())))
    assert coverage_problems(cmap, secs) == ["r, section 1: @sec-gone is not a section of the book"]
    with pytest.raises(KeyError, match="sec-gone"):
        coverage_frame(cmap, secs)


def test_the_table_shows_sections_in_words(tmp_path):
    secs = book_sections(_toy_book(tmp_path))
    cmap = CoverageMap("r", (_entry("1", book=("sec-one", "sec-two-data")),
                             _entry("2", status="partly", book=("sec-why",)),
                             _entry("3", status="not covered", book=())))
    frame = coverage_frame(cmap, secs)
    assert frame.to_dict("list") == {
        "section": ["1", "2", "3"],
        "heading": ["Heading 1", "Heading 2", "Heading 3"],
        "status": ["Covered", "In part", "Not covered"],
        "where": ["Did it change?; Caveats: Data", "Preface: Why", "–"],
        "note": ["A note.", "A note.", "A note."],
    }
    html = coverage_gt(cmap, secs).as_raw_html()
    for label in ("Section", "Heading in the report", "Coverage", "Where in this book", "How"):
        assert label in html
    assert list(STATUS_LABELS) == list(STATUSES)


# ------------------------------------------------------------------ the sentence at 0, 1 and many

@pytest.mark.parametrize(("statuses", "expected"), [
    ((), "R has no sections in the map."),
    (("covered",), "R has one section in the map, and the book covers it."),
    (("not covered",), "R has one section in the map: the book does not cover it."),
    (("covered", "covered"), "R has two sections in the map, and the book covers both."),
    (("not covered", "not covered"), "R has two sections in the map: the book covers none of them."),
    (("partly", "not covered"),
     "R has two sections in the map: the book covers one in part, and one is not covered."),
    (("covered", "covered", "partly", "not covered", "not covered"),
     "R has five sections in the map: the book covers two, one in part, and two are not covered."),
])
def test_the_sentence_reads_at_zero_one_and_many(statuses, expected):
    cmap = CoverageMap("r", tuple(_entry(str(i), s, ("sec-a",) if s != "not covered" else ())
                                  for i, s in enumerate(statuses)))
    assert coverage_sentence("R", cmap) == expected
