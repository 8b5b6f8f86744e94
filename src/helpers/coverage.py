"""Which sections of a published report the book covers, and how, from a map stored as data.

Each report has ``data/published/<slug>.coverage.yaml``: the report's sections in its order, each
with how the book covers it and where. :func:`load_coverage` reads and checks a map,
:func:`book_sections` collects the section labels of the book (with their chapter and section
titles) from the ``.qmd`` files, :func:`coverage_problems` lists cited labels the book lacks, and
:func:`coverage_gt` and :func:`coverage_sentence` show a map in a table and a sentence.

File format
-----------
::

    report: pairs                 # the slug, as in data/published/<slug>.yaml
    sections:
      - section: "3.3.1"          # the number as printed ("Summary", "Appendix 2" when unnumbered)
        heading: Relying on a few referrers   # the heading, shortened in the book's words if long
        status: covered           # one of STATUSES
        book: [sec-pairs-referrals]           # labels of the book's sections (empty: none)
        note: Referrals by referrer group ... # how, in the book's own words

A section that is covered or partly covered cites at least one label; a section not covered may
cite the place where the book says why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml
from great_tables import GT

from helpers.book.quarto_book import book_files, read_qmd
from helpers.paths import published_dir
from helpers.words import count_phrase, join_words, number_word

__all__ = [
    "STATUSES",
    "STATUS_LABELS",
    "CoverageEntry",
    "CoverageMap",
    "coverage_path",
    "parse_coverage",
    "load_coverage",
    "book_sections",
    "coverage_problems",
    "coverage_frame",
    "coverage_gt",
    "coverage_sentence",
]

#: How a report section can be covered, from most to least.
STATUSES: tuple[str, ...] = ("covered", "partly", "not covered")
#: How each status is shown in the table.
STATUS_LABELS: dict[str, str] = {"covered": "Covered", "partly": "In part",
                                 "not covered": "Not covered"}
_LABEL = re.compile(r"^sec-[\w-]+$")
_FIELDS = ("section", "heading", "status", "book", "note")


@dataclass(frozen=True)
class CoverageEntry:
    """One section of a report: ``section`` (number as printed), ``heading``, ``status`` (one of
    :data:`STATUSES`), ``book`` (labels of the book's sections, without ``@``) and ``note``."""

    section: str
    heading: str
    status: str
    book: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class CoverageMap:
    """Every section of one report (``report`` is its slug), in the report's order."""

    report: str
    entries: tuple[CoverageEntry, ...]

    def counts(self) -> dict[str, int]:
        """Sections per status, in :data:`STATUSES` order, zeros kept.

        >>> m = CoverageMap("r", (CoverageEntry("1", "A", "covered", ("sec-a",), "n"),))
        >>> m.counts()
        {'covered': 1, 'partly': 0, 'not covered': 0}
        """
        return {s: sum(e.status == s for e in self.entries) for s in STATUSES}

    def none_fully_covered(self, sections: Iterable[str]) -> bool:
        """True when the book covers none of the named ``sections`` (numbers as in the map)
        fully; an unknown section number raises ``KeyError``.

        >>> m = CoverageMap("r", (CoverageEntry("1", "A", "covered", ("sec-a",), "n"),
        ...                       CoverageEntry("2", "B", "partly", ("sec-b",), "n")))
        >>> m.none_fully_covered(["2"]), m.none_fully_covered(["1", "2"])
        (True, False)
        """
        status = {e.section: e.status for e in self.entries}
        unknown = [s for s in sections if s not in status]
        if unknown:
            raise KeyError(f"{self.report}: no section {join_words(unknown)} in the map")
        return all(status[s] != "covered" for s in sections)

    def labels(self) -> set[str]:
        """Every book label the map cites."""
        return {label for e in self.entries for label in e.book}


def coverage_path(report: str, folder: Path | None = None) -> Path:
    """Where the map of ``report`` lives (default folder :func:`helpers.paths.published_dir`)."""
    return (published_dir() if folder is None else folder) / f"{report}.coverage.yaml"


def parse_coverage(raw: Mapping, where: str = "coverage map") -> CoverageMap:
    """A :class:`CoverageMap` from the parsed YAML ``raw``; every problem is raised at once.

    Raises
    ------
    ValueError
        Naming ``where`` and each entry with a missing or empty field, an unknown status, a
        label that is not ``sec-...``, a covered or partly covered section citing no label, or a
        section number given twice.

    >>> parse_coverage({"report": "r", "sections": [{"section": "1", "heading": "A",
    ...     "status": "covered", "book": ["sec-a"], "note": "Shown."}]}).counts()["covered"]
    1
    """
    problems: list[str] = []
    report = raw.get("report") if isinstance(raw, Mapping) else None
    sections = raw.get("sections") if isinstance(raw, Mapping) else None
    if not isinstance(report, str) or not report.strip():
        problems.append("no report slug")
    if not isinstance(sections, list) or not sections:
        raise ValueError(f"{where}: {'; '.join(problems + ['no sections listed'])}")
    entries, seen = [], set()
    for i, item in enumerate(sections, start=1):
        name = f"entry {i}"
        if not isinstance(item, Mapping):
            problems.append(f"{name} is not a mapping")
            continue
        name = f"entry {i} (section {item.get('section')!r})"
        missing = [f for f in _FIELDS if f not in item or (f != "book" and not str(
            item[f] or "").strip())]
        unknown = sorted(set(item) - set(_FIELDS))
        if missing or unknown:
            problems.append(f"{name}: " + "; ".join(
                ([f"missing {join_words(missing)}"] if missing else [])
                + ([f"unknown field {join_words(unknown)}"] if unknown else [])))
            continue
        book = item["book"] or []
        book = [book] if isinstance(book, str) else list(book)
        status = str(item["status"]).strip()
        if status not in STATUSES:
            problems.append(f"{name}: status {status!r} is not one of {join_words(list(STATUSES), conjunction='or')}")
        bad = [b for b in book if not isinstance(b, str) or not _LABEL.match(b)]
        if bad:
            problems.append(f"{name}: {bad!r} is not a section label (sec-...)")
        if status in STATUSES[:2] and not book:
            problems.append(f"{name}: a section the book covers must cite where")
        section = str(item["section"]).strip()
        if section in seen:
            problems.append(f"{name}: section {section!r} is listed twice")
        seen.add(section)
        entries.append(CoverageEntry(section, str(item["heading"]).strip(), status,
                                     tuple(str(b) for b in book), str(item["note"]).strip()))
    if problems:
        raise ValueError(f"{where}: " + "; ".join(problems))
    return CoverageMap(str(report), tuple(entries))


def load_coverage(report: str, folder: Path | None = None) -> CoverageMap:
    """Read and check the map of ``report`` (see :func:`parse_coverage`).

    Raises
    ------
    FileNotFoundError
        When there is no map for ``report``.
    ValueError
        When the map is malformed, or names another report.
    """
    path = coverage_path(report, folder)
    if not path.is_file():
        raise FileNotFoundError(f"no coverage map for {report!r}: {path} does not exist")
    cmap = parse_coverage(yaml.safe_load(path.read_text(encoding="utf-8")) or {}, path.name)
    if cmap.report != report:
        raise ValueError(f"{path.name}: names report {cmap.report!r}, not {report!r}")
    return cmap


def _heading_text(line: str) -> str:
    """``"## Referrals {#sec-x}"`` -> ``"Referrals"``."""
    return re.sub(r"\s*\{[^}]*\}\s*$", "", line.lstrip("#").strip()).strip()


def book_sections(root: Path, profile: str | None = None) -> dict[str, str]:
    """Every section label of the book at ``root`` with where it is, in words.

    A chapter's own label maps to its title; a section's label to ``"<chapter>: <section>"``.
    Files are those the book lists (:func:`helpers.book.quarto_book.book_files`).
    """
    out: dict[str, str] = {}
    for path in book_files(root, profile):
        if not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        chapter = next((_heading_text(x) for x in lines if x.startswith("# ")), path.stem)
        for label, line in read_qmd(path).labels:
            if not label.startswith("sec-"):
                continue
            text = lines[line - 1]
            title = _heading_text(text) if text.lstrip().startswith("#") else label
            out[label] = title if text.startswith("# ") else _joined(chapter, title)
    return out


def _joined(chapter: str, section: str) -> str:
    """``"Chapter: Section"``, or ``"Chapter? Section"`` when the title ends a sentence.

    >>> _joined("Who took part", "Sessions attended"), _joined("Did it change?", "Before and after")
    ('Who took part: Sessions attended', 'Did it change? Before and after')
    """
    return f"{chapter} {section}" if chapter.endswith(("?", "!", ".")) else f"{chapter}: {section}"


def coverage_problems(cmap: CoverageMap, labels: Iterable[str]) -> list[str]:
    """One sentence per label the map cites that is not among ``labels`` (empty = all found).

    >>> m = CoverageMap("r", (CoverageEntry("2.1", "A", "covered", ("sec-a", "sec-b"), "n"),))
    >>> coverage_problems(m, {"sec-a"})
    ['r, section 2.1: @sec-b is not a section of the book']
    """
    known = set(labels)
    return [f"{cmap.report}, section {e.section}: @{b} is not a section of the book"
            for e in cmap.entries for b in e.book if b not in known]


def coverage_frame(cmap: CoverageMap, sections: Mapping[str, str]) -> pd.DataFrame:
    """The map as a table: ``section`` (number as printed), ``heading``, ``status`` (as shown),
    ``where`` (the book's sections in words, joined by "; "; a dash when none) and ``note``.

    Raises
    ------
    KeyError
        When a cited label is not in ``sections`` (see :func:`coverage_problems`).
    """
    problems = coverage_problems(cmap, sections)
    if problems:
        raise KeyError("; ".join(problems))
    return pd.DataFrame({
        "section": [e.section for e in cmap.entries],
        "heading": [e.heading for e in cmap.entries],
        "status": [STATUS_LABELS[e.status] for e in cmap.entries],
        "where": ["; ".join(sections[b] for b in e.book) or "–" for e in cmap.entries],
        "note": [e.note for e in cmap.entries],
    })


def coverage_gt(cmap: CoverageMap, sections: Mapping[str, str]) -> GT:
    """:func:`coverage_frame` as a great_tables table, one row per report section."""
    return GT(coverage_frame(cmap, sections)).cols_label(
        section="Section", heading="Heading in the report", status="Coverage",
        where="Where in this book", note="How")


def coverage_sentence(report_name: str, cmap: CoverageMap) -> str:
    """How many of the report's sections the book covers, in part or not at all, in one sentence
    that reads correctly at 0, 1 and many.

    >>> e = CoverageEntry("1", "A", "covered", ("sec-a",), "n")
    >>> coverage_sentence("The X report", CoverageMap("x", (e, e, e)))
    'The X report has three sections in the map, and the book covers all three.'
    >>> f = CoverageEntry("2", "B", "not covered", (), "n")
    >>> coverage_sentence("The X report", CoverageMap("x", (e, f, f)))
    'The X report has three sections in the map: the book covers one, and two are not covered.'
    >>> g = CoverageEntry("3", "C", "partly", ("sec-c",), "n")
    >>> coverage_sentence("The X report", CoverageMap("x", (g,)))
    'The X report has one section in the map: the book covers it in part.'
    """
    counts = cmap.counts()
    total = len(cmap.entries)
    head = f"{report_name} has {count_phrase(total, 'section')} in the map"
    if total == 0:
        return head + "."
    if counts["covered"] == total:
        every = {1: "it", 2: "both"}.get(total, f"all {number_word(total, count=False)}")
        return f"{head}, and the book covers {every}."
    if total == 1:
        status = next(s for s in STATUSES if counts[s])
        return f"{head}: " + ("the book covers it in part." if status == "partly"
                              else "the book does not cover it.")
    covered, partly, missing = (counts[s] for s in STATUSES)
    if covered == partly == 0:
        return f"{head}: the book covers none of them."
    parts = []
    if covered:
        parts.append(f"the book covers {number_word(covered, count=False)}")
    if partly:
        parts.append(f"{'' if covered else 'the book covers '}"
                     f"{number_word(partly, count=False)} in part")
    if missing:
        parts.append(f"{number_word(missing, count=False)} {'is' if missing == 1 else 'are'} "
                     "not covered")
    return f"{head}: {_and(parts)}."


def _and(parts: list[str]) -> str:
    """Clauses joined with commas and a final ", and" (each clause has its own verb).

    >>> _and(["a"]), _and(["a", "b"]), _and(["a", "b", "c"])
    ('a', 'a, and b', 'a, b, and c')
    """
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", and " + parts[-1]
