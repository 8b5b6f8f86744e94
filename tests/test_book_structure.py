"""The book's structure, checked without Quarto: files, labels, references, citations, captions, alt text."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from helpers.book.quarto_book import (
    book_files,
    read_qmd,
    structure_problems,
    prose_problems,
    to_notebook,
    wrangling_problems,
)

ROOT = Path(__file__).resolve().parents[1]

#: .qmd files under chapters/ that are deliberately not part of the book (none at present).
EXCLUDED: set[str] = set()


def test_the_book_has_no_structural_problems():
    assert structure_problems(ROOT, EXCLUDED) == []


def test_no_typed_results_nested_brackets_or_numerals_starting_sentences():
    """Every number in prose is computed; the preface's promise holds for the whole book."""
    assert prose_problems(ROOT) == []


def test_no_chapter_wrangles_data():
    """Chapters are loads, calls of helpers and look-ups; wrangling lives in src/helpers."""
    assert wrangling_problems(ROOT) == []


def test_every_listed_file_exists_and_index_comes_first():
    files = book_files(ROOT)
    assert files[0].name == "index.qmd"
    assert all(f.is_file() for f in files)


# --- the checks themselves catch what they should -------------------------------------------------

def make_book(tmp_path: Path, chapter: str, bib: str = "") -> Path:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "_quarto.yml").write_text(textwrap.dedent("""\
        project:
          type: book
        book:
          chapters:
            - index.qmd
            - chapters/one.qmd
        bibliography: references.bib
        """))
    (tmp_path / "index.qmd").write_text("# Preface\n")
    (tmp_path / "chapters" / "one.qmd").write_text(textwrap.dedent(chapter))
    (tmp_path / "references.bib").write_text(bib)
    return tmp_path


GOOD = textwrap.dedent("""\
    # One {#sec-one}

    See @fig-a, @tbl-b and @tbl-c, as @smith2020 argued; mail me at a@b.org.

    ```{python}
    #| label: fig-a
    #| fig-cap: "A caption"
    #| fig-alt: "Bars rising from left to right."
    plt.plot([1, 2])
    ```

    ```{python}
    #| label: tbl-b
    #| tbl-cap: "Table B"
    table
    ```

    ::: {#tbl-c}

    ```{python}
    show(table)
    ```

    Computed caption with `{python} n` people.
    :::
    """)
BIB = "@article{smith2020,\n  title = {T}\n}\n"


def test_a_sound_toy_book_passes(tmp_path):
    assert structure_problems(make_book(tmp_path, GOOD, BIB)) == []


def test_a_dangling_table_reference_is_reported(tmp_path):
    root = make_book(tmp_path, GOOD.replace("@tbl-b and", "@tbl-missing and"), BIB)
    problems = structure_problems(root)
    assert problems == ["chapters/one.qmd:3: @tbl-missing has no target label"]


def test_a_missing_fig_alt_is_reported(tmp_path):
    chapter = GOOD.replace('#| fig-alt: "Bars rising from left to right."\n', "")
    problems = structure_problems(make_book(tmp_path, chapter, BIB))
    assert problems == ["chapters/one.qmd:5: fig-a has no fig-alt text"]


def test_an_unknown_citation_key_is_reported(tmp_path):
    problems = structure_problems(make_book(tmp_path, GOOD, ""))
    assert problems == ["chapters/one.qmd:3: citation @smith2020 is not in references.bib"]


def test_a_table_div_without_caption_is_reported(tmp_path):
    chapter = GOOD.replace("Computed caption with `{python} n` people.\n", "")
    problems = structure_problems(make_book(tmp_path, chapter, BIB))
    assert problems == ["chapters/one.qmd:18: tbl-c has no caption"]


def test_duplicate_labels_and_unlisted_chapters_are_reported(tmp_path):
    chapter = GOOD + "\n## Again {#sec-one}\n"
    root = make_book(tmp_path, chapter, BIB)
    (root / "chapters" / "stray.qmd").write_text("# Stray\n")
    problems = structure_problems(root)
    assert "chapters/stray.qmd is not listed in _quarto.yml (list it, or exclude it deliberately)" in problems
    assert any(p.startswith("label sec-one is defined 2 times") for p in problems)
    assert structure_problems(root, {"chapters/stray.qmd"}) == [
        p for p in problems if "stray" not in p
    ]


def test_a_figure_drawn_outside_a_labelled_cell_is_reported(tmp_path):
    chapter = GOOD + "\n```{python}\nsns.histplot(x)\n```\n"
    problems = structure_problems(make_book(tmp_path, chapter, BIB))
    assert problems == ["chapters/one.qmd:27: a cell draws a figure without a fig- label, caption and alt text"]


def test_floats_are_read_with_their_captions(tmp_path):
    doc = read_qmd(make_book(tmp_path, GOOD, BIB) / "chapters" / "one.qmd")
    assert [(f.label, f.form, f.caption) for f in doc.floats] == [
        ("fig-a", "cell", "A caption"),
        ("tbl-b", "cell", "Table B"),
        ("tbl-c", "div", "Computed caption with `{python} n` people."),
    ]


# --- the converter that lets nbval execute chapters ---------------------------------------------

def test_converter_runs_inline_expressions_and_honours_eval_false(tmp_path):
    qmd = tmp_path / "c.qmd"
    qmd.write_text(textwrap.dedent("""\
        ---
        title: T
        ---

        ```{python}
        x = 2
        ```

        Twice x is `{python} 2 * x` and x is `{python} x`.

        ```{python}
        #| eval: false
        this_would_fail()
        ```
        """))
    nb = to_notebook(qmd)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert code == [
        '__claim_location__ = "c.qmd:5"\nx = 2',
        "# inline expressions of the markdown cell above\n"
        '__claim_location__ = "c.qmd:9"\nstr(2 * x)\n__claim_location__ = "c.qmd:9"\nstr(x)',
    ]
    assert any(c.cell_type == "raw" and "this_would_fail" in c.source for c in nb.cells)


# --- chapters stay thin: no data wrangling in a chapter's cells ---------------------------------

@pytest.mark.parametrize("line, kind", [
    ('seen = cl[cl["client_id"].isin(ap["client_id"])]', "filtering"),
    ('family = outcomes[outcomes["group"] == "all"]', "filtering"),
    ('known = themes["agrees"].notna()', "filtering"),
    ('by = seen.groupby("dyad_id").size()', "grouping"),
    ('types = su["user_type"].value_counts()', "counting"),
    ('total = int(reasons["percent"].sum())', "aggregating"),
    ('both = a.merge(b, on="id")', "joining tables"),
    ('when = pd.Timestamp(period["start"])', "constructing data"),
    ('text = " and ".join(names)', "building a list in words"),
])
def test_wrangling_in_a_chapter_is_reported_with_file_and_line(tmp_path, line, kind):
    chapter = f"# One\n\n```{{python}}\nx = 1  # a comment: .groupby( is fine here\n{line}\n```\n"
    problems = wrangling_problems(make_book(tmp_path, chapter))
    assert len(problems) == 1 and problems[0].startswith(f"chapters/one.qmd:5: {kind}")


def test_look_ups_and_calls_are_not_wrangling(tmp_path):
    chapter = textwrap.dedent("""\
        # One

        ```{python}
        #| label: tbl-x
        facts = pairs_service_facts(pairs)
        row = table.loc["Total", "n"]
        first = by_year.iloc[0]
        show_table(referrer_table(pairs))
        ```

        Text with `{python} facts.total` people (inline look-ups are not checked).
        """)
    assert wrangling_problems(make_book(tmp_path, chapter)) == []


def test_a_failed_claim_names_its_file_and_line(tmp_path):
    """A claim in prose that the data contradict fails the chapter, naming file, line and text."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    chapter = textwrap.dedent("""\
        # One

        ```{python}
        from helpers.claims import claim
        before, after = 34, 29
        ```

        Most losses came `{python} claim(after > before, "after therapy began")`.
        """)
    root = make_book(tmp_path, chapter)
    nb = to_notebook(root / "chapters" / "one.qmd")
    with pytest.raises(CellExecutionError) as failure:
        NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    message = str(failure.value)
    assert "chapters/one.qmd:8: claim no longer supported by the data: 'after therapy began'" in message


# --- prose: no typed results, no nested brackets, no sentence starting with a numeral ----------

@pytest.mark.parametrize("prose, expected", [
    ("Of the parents, 17 finished.", "typed number '17'"),
    ("A score of 13.5 or more.", "typed number '13.5'"),
    ("Shares (`{python} pct(3, 9)`) vary.", "pct() inside brackets"),
    ("It ended. `{python} integer(n)` parents stayed.", "a sentence starts with a numeral"),
    ("`{python} integer(n)` parents stayed.", "a sentence starts with a numeral"),
])
def test_prose_problems_are_found_with_file_and_line(tmp_path, prose, expected):
    problems = prose_problems(make_book(tmp_path, f"# One\n\n{prose}\n"))
    assert len(problems) == 1 and problems[0].startswith("chapters/one.qmd:3: " + expected)


def test_names_years_and_conventions_are_not_typed_results(tmp_path):
    prose = ("CORE-10 and CSI-4 in 2019–20 and 2015/16, with 95% CI; see @sec-x and "
             "[a link](https://example.org/2) {#sec-y}. Shares (`{python} pct(3, 9, nested=True)`)"
             " and `{python} integer(n)` parents after a comma.")
    assert prose_problems(make_book(tmp_path, f"# One\n\n{prose}\n")) == []
