"""The public edition: every chapter executed under the public switch shows no count of 1–7.

Each chapter runs once, in its own kernel, with ``EVAL_EDITION=public`` (what the ``public``
Quarto profile sets through ``_environment-public``). The check does not trust the engine: it
reads what a reader would see — the text of every inline expression (prose), every table cell,
label and note in the HTML the tables display, and every text drawn on the figures shown — and
looks for counts of 1 to 7 in the forms counts take ("3 of 17", "n = 3", "3 (18%)", "three
parents", a small number in a table's "n" or "Total" column) and for family identifiers in
excerpt attributions. A second check reads the engine's ledger: every count the formatters
wrote must follow the rule.

Text that has a count's form but is not a count of people (a worked example, a legend entry), and
any output the engine cannot yet reach, is listed in :data:`KNOWN_LEAKS` with the reason or the
module that writes it; a leak not listed fails, and so does a listed one that no longer occurs,
so the list only shrinks as modules move to the engine's formatters.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from helpers import disclosure
from helpers.book.quarto_book import book_files, to_notebook

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = [p.relative_to(ROOT).as_posix() for p in book_files(ROOT)]

_WORDS = "one|two|three|four|five|six|seven"
_SMALL = rf"(?:[1-7]|{_WORDS})"
_PEOPLE = (r"(?:parents?|couples?|clients?|child(?:ren)?|people|person|fathers?|mothers?|"
           r"famil(?:y|ies)|interviewees?|therapists?|referrers?|participants?|records?|"
           r"referrals?|women|men|stakeholders?|members?|carers?|adults?|infants?|babies|"
           r"respondents?|consenting parents?|dyads?)")
#: Forms a count takes in text, with a count of 1–7 in them.
PATTERNS = {
    "k of n": re.compile(rf"(?<![\w.,\-−–/])(?:[1-7]\s+of\s+\d|\d+\s+of\s+[1-7](?![\d.,]))",
                         re.IGNORECASE),
    "n = k": re.compile(r"(?<![\w.])n\s*=\s*[1-7](?![\d.,])"),
    "k (p%)": re.compile(r"(?<![\w.,\-−–/(])[1-7]\s+\(\d+(?:\.\d+)?%\)"),
    "k people": re.compile(rf"(?<![\w.,\-−–/])\b{_SMALL}\s+(?:of\s+the\s+)?{_PEOPLE}\b"
                           r"(?!\s+(?:per|of\s+one)\b)", re.IGNORECASE),
    "listed count": re.compile(r"(?<=[,:])\s*[1-7](?=\s*[;)(])"),
    "family id": re.compile(r"\b(?:family|couple)\s+\d+\b", re.IGNORECASE),
}
_TAG = "@inline@"
_COUNT_HEADERS = {"n", "total", "people", "couples referred"}

#: Output the engine does not reach, by chapter: (pattern name, the text found) -> who writes it.
KNOWN_LEAKS: dict[str, dict[tuple[str, str], str]] = {
    "index.qmd": {
        ("k of n", "5 of 8"): "not a count: the worked example of how the book writes a share "
        "(pct(..., people=False))",
    },
    "chapters/pup/participants.qmd": {
        ("k people", "two parents"): "not a count: the claim that each couple becomes two parents",
    },
    "chapters/pairs/outcomes.qmd": {
        ("k people", "one record"): "not a count: the legend entry for the marker of one record "
        "(helpers/pairs/pip_outcomes.py)",
    },
}


def leaks_in(text: str) -> list[tuple[str, str]]:
    """Every small count or identifier in ``text``, as (pattern name, the matched text).

    >>> leaks_in("Of these, 3 of 17 (18%) and five parents; n = 12; * of 15; family 3")
    [('k of n', '3 of 1'), ('k people', 'five parents'), ('family id', 'family 3')]
    >>> leaks_in("CORE-10 (10%), 95% CI [1.1, 7.6], t(16) = 2.80, fewer than 8 parents")
    []
    """
    return [(name, m.group(0)) for name, pattern in PATTERNS.items()
            for m in pattern.finditer(text)]


def table_texts(raw: str) -> tuple[list[str], list[str]]:
    """From a table's HTML: every cell's text, and the texts of cells in a count column."""
    labels = {m.group(1): _plain(m.group(2)) for m in
              re.finditer(r'<th[^>]*\bid="(?:[^"]*-)?([^"]+)"[^>]*>(.*?)</th>', raw, re.DOTALL)}
    cells, counts = [], []
    for m in re.finditer(r"<(td|th)\b([^>]*)>(.*?)</\1>", raw, re.DOTALL):
        text = _plain(m.group(3))
        cells.append(text)
        header = re.search(r'\bheaders="(?:[^"]*-)?([^"\s]+)"', m.group(2))
        if header and labels.get(header.group(1), "").lower() in _COUNT_HEADERS:
            counts.append(text)
    return cells, counts


def _plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment)).strip()


def test_the_detector_finds_counts_in_a_table():
    raw = ('<table><tr><th id="t-n">n</th><th id="t-c">Category</th></tr>'
           '<tr><td headers="t-n">3</td><td headers="t-c">Some, 6 of 9 (67%)</td></tr></table>')
    cells, counts = table_texts(raw)
    assert counts == ["3"]
    assert leaks_in(" ".join(cells)) == [("k of n", "6 of 9")]


def test_numbers_that_do_not_count_people_are_shown_as_they_are(monkeypatch):
    import dataclasses

    import pandas as pd

    from helpers.appendix import CalibrationSummary, calibration_sentence
    from helpers.pairs.consent import consent_model_sentence
    from helpers.pairs.excerpts import per_theme_words
    from helpers.pairs.referrals import ReferralFacts, other_sources_clause
    from helpers.pairs.tt_outcomes import FamilyCounts, holm_phrase, subscale_verdict
    from helpers.pairs.voices import range_text, top_themes_sentence

    monkeypatch.setenv(disclosure.EDITION_VARIABLE, "public")
    subscales = pd.DataFrame({"family": ["subscales"] * 3, "measure": ["A", "B", "C"],
                              "improvement_dz_low": [-0.6, -0.1, -0.2],
                              "improvement_dz_high": [-0.1, 0.4, 0.2]})
    assert subscale_verdict(subscales).endswith("and one (A) moved clearly in the unfavourable "
                                                "direction")
    assert holm_phrase(FamilyCounts(4, 3, 1, 3, 0.05)).endswith("and one after")
    assert per_theme_words(pd.DataFrame({"theme": ["A", "A", "B"]}), ["A", "B"]) == \
        "one or two per theme"
    assert range_text((23, 56)) == "23 to 56 minutes"
    assert consent_model_sentence().count("Three kinds of record") == 1
    facts = ReferralFacts(358, pd.NaT, pd.NaT, 29, 16, {}, 79, 3, 4, 3, 37, 7.4, 37, 97.1, 14, 5,
                          {})
    assert other_sources_clause(facts) == (  # referrals rounded, sources as they are
        "its 35 referrals came from 14 sources, the largest of which made fewer than 8")
    assert other_sources_clause(dataclasses.replace(facts, other_sources=3)).startswith(
        "its 35 referrals came from three sources")
    counts = pd.DataFrame({"label": ["A bond", "Funding"], "stakeholder": [12, 12]})
    counts.attrs["denominators"] = {"stakeholder": 12}
    assert top_themes_sentence(counts, "stakeholder").startswith(
        "Among stakeholders, two themes were raised equally often")
    assert calibration_sentence("X", CalibrationSummary(17, 3, 14, 0, 0, 0)) == (
        "For X, 3 of 17 printed figures (18%) agree with the records; 14 figures differ.")


def _run(chapter: str, monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    monkeypatch.setenv(disclosure.EDITION_VARIABLE, "public")
    monkeypatch.setenv("QUARTO_PROJECT_DIR", str(ROOT))
    nb = to_notebook(ROOT / chapter)
    for cell in nb.cells:  # print every inline value (a cell shows only its last expression)
        if cell.cell_type == "code" and cell.metadata.get("inline_expressions"):
            cell.source = "import json as _json\n" + "\n".join(
                f"print({_TAG!r} + _json.dumps({line}))" if line.startswith("str(") else line
                for line in cell.source.splitlines())
    nb.cells.append(nbformat.v4.new_code_cell(
        "import json as _json, helpers.disclosure as _d\n"
        "print(_json.dumps({'ledger': _d.ledger(), 'texts': _d.texts()}))"))
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    return nb


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_small_count_reaches_a_reader_of_the_public_edition(chapter, monkeypatch):
    nb = _run(chapter, monkeypatch)
    code = [c for c in nb.cells if c.cell_type == "code"]
    found: list[tuple[str, str, str]] = []  # (where, pattern, text)
    for cell in code[:-1]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if cell.metadata.get("inline_expressions") and out.get("output_type") == "stream":
                for line in out["text"].splitlines():
                    if line.startswith(_TAG):
                        prose = html.unescape(json.loads(line[len(_TAG):]))
                        found += [("prose", *leak) for leak in leaks_in(prose)]
            if "text/html" in data:
                cells, counts = table_texts(data["text/html"])
                found += [("table", *leak) for leak in leaks_in(" | ".join(cells))]
                found += [("table", "count column", c) for c in counts
                          if re.fullmatch(r"[1-7]", c)]
    dump = json.loads(code[-1].outputs[-1]["text"])
    for _, text in dump["texts"]:
        found += [("figure", *leak) for leak in leaks_in(text)]
    known = KNOWN_LEAKS.get(chapter, {})
    unexpected = sorted({f for f in found if (f[1], f[2]) not in known})
    assert unexpected == [], f"{chapter}: small counts or identifiers shown: {unexpected}"
    gone = sorted(set(known) - {(f[1], f[2]) for f in found})
    assert gone == [], f"{chapter}: listed leaks no longer occur, remove them: {gone}"
    assert disclosure.small_counts([tuple(e) for e in dump["ledger"]]) == []
