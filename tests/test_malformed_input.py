"""Malformed or unusual exports: every one gets one clear error naming file, line, column and
rule in plain words — never a raw traceback — or is accepted because it is harmless.

Each case is a small file for one table (``demo/people.csv``) with a key, a whole-number item,
a decimal number, a date inside an evaluation period, a category and a yes/no column.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest

from helpers.datastore import TableSpec, foreign_key_violations, read_table
from helpers.errors import DataValidationError

SCHEMA = pa.DataFrameSchema(
    {
        "person_id": pa.Column(str, pa.Check.str_matches(r"^P\d{3}$"), description="Person"),
        "score": pa.Column("Int64", pa.Check.in_range(0, 4), nullable=True, description="Item 0-4"),
        "weight": pa.Column("float64", pa.Check.in_range(0, 200), nullable=True, description="kg"),
        "seen": pa.Column("datetime64[ns]",
                          pa.Check.in_range(pd.Timestamp("2019-04-01"), pd.Timestamp("2020-03-31")),
                          description="Date seen, inside the evaluation period"),
        "role": pa.Column(str, pa.Check.isin(["mother", "father"]), description="Role"),
        "consent": pa.Column("boolean", description="Research consent"),
    },
    strict=True,
)
SPEC = TableSpec("demo", "people", SCHEMA, "One row per person.", key=("person_id",))
HEADER = "person_id,score,weight,seen,role,consent"
GOOD = "P001,1,70.5,2019-05-01,mother,true"


def _write(tmp_path: Path, content: bytes) -> Path:
    (tmp_path / "demo").mkdir(exist_ok=True)
    (tmp_path / "demo" / "people.csv").write_bytes(content)
    return tmp_path


def _lines(*rows: str, header: str = HEADER, end: str = "\n") -> bytes:
    return (end.join([header, *rows]) + end).encode("utf-8")


#: (case, file content, expected (line, column, words in the rule)) — one problem each.
REJECTED = [
    ("empty file", b"", (None, None, "the file is empty")),
    ("only blank lines", b"\n\n  \n", (None, None, "the file is empty")),
    ("latin-1 text", (HEADER + "\n" + GOOD + "\nP002,2,61.0,2019-06-01,m\xe8re,true\n").encode("latin-1"),
     (3, None, "not UTF-8 text: byte 0xE8 at position 25")),
    ("one field too many", _lines(GOOD, "P002,2,61.0,2019-06-01,father,true,extra"),
     (3, None, "this row has 7 fields but the header has 6")),
    ("one field too few", _lines(GOOD, "P002,2,61.0,2019-06-01,father"),
     (3, None, "this row has 5 fields but the header has 6")),
    ("repeated header column", _lines(GOOD + ",1", header=HEADER + ",score"),
     (1, "score", "column 'score' appears twice in the header (columns 2 and 7)")),
    ("blank header name", _lines("P001,1,70.5,2019-05-01,mother,true,x", header=HEADER + ","),
     (1, None, "column 7 of the header has no name")),
    ("decimal comma", _lines('P001,1,"70,5",2019-05-01,mother,true'),
     (2, "weight", "cannot be read as a number (a decimal comma? write 70.5)")),
    ("Excel date serial", _lines("P001,1,70.5,43600,mother,true"),
     (2, "seen", "Excel date serial number, 2019-05-15")),
    ("day/month/year date", _lines("P001,1,70.5,14/05/2019,mother,true"),
     (2, "seen", "write dates as YYYY-MM-DD")),
    ("impossible date", _lines("P001,1,70.5,2019-13-01,mother,true"),
     (2, "seen", "cannot be read as a date in the form YYYY-MM-DD")),
    ("date outside the evaluation period", _lines("P001,1,70.5,2018-05-01,mother,true"),
     (2, "seen", "value 2018-05-01 is outside the allowed range 2019-04-01–2020-03-31")),
    ("unknown category label", _lines("P001,1,70.5,2019-05-01,mum,true"),
     (2, "role", "value 'mum' is not one of the allowed values (mother, father)")),
    ("out-of-range item", _lines("P001,5,70.5,2019-05-01,mother,true"),
     (2, "score", "value 5 is outside the allowed range 0–4")),
    ("negative item", _lines("P001,-1,70.5,2019-05-01,mother,true"),
     (2, "score", "value -1 is outside the allowed range 0–4")),
    ("impossible value", _lines("P001,1,700,2019-05-01,mother,true"),
     (2, "weight", "value 700 is outside the allowed range 0–200")),
    ("fraction in a whole-number column", _lines("P001,2.5,70.5,2019-05-01,mother,true"),
     (2, "score", "cannot be read as a whole number")),
    ("text in a number column", _lines("P001,two,70.5,2019-05-01,mother,true"),
     (2, "score", "cannot be read as a whole number")),
    ("yes/no typo", _lines("P001,1,70.5,2019-05-01,mother,maybe"),
     (2, "consent", "cannot be read as true or false")),
    ("missing required value", _lines("P001,1,70.5,,mother,true"),
     (2, "seen", "missing value where one is required")),
    ("malformed identifier", _lines("X1,1,70.5,2019-05-01,mother,true"),
     (2, "person_id", "does not have the expected form")),
    ("duplicate id", _lines(GOOD, "P001,2,61.0,2019-06-01,father,true"),
     (3, "person_id", "duplicate identifier: already used on line 2")),
    ("missing column", _lines("P001,1,70.5,2019-05-01,mother", header="person_id,score,weight,seen,role"),
     (None, "consent", "required column is missing")),
    ("unknown column", _lines(GOOD + ",x", header=HEADER + ",colour"),
     (None, "colour", "column is not in the schema")),
    ("error after a blank line counts the blank line", _lines(GOOD, "", "P002,9,61.0,2019-06-01,father,true"),
     (4, "score", "outside the allowed range")),
    ("error after a quoted multi-line field", _lines('P001,1,70.5,2019-05-01,"mother",true',
                                                      'P002,1,61.0,2019-06-01,"fa\nther",true'),
     (3, "role", "is not one of the allowed values")),
]


@pytest.mark.parametrize("content, expected", [c[1:] for c in REJECTED], ids=[c[0] for c in REJECTED])
def test_a_malformed_file_gets_one_clear_error(tmp_path, content, expected):
    with pytest.raises(DataValidationError) as info:
        read_table(SPEC, _write(tmp_path, content))
    line, column, words = expected
    hits = [v for v in info.value.violations if v.row == line and v.column == column]
    assert hits, [str(v) for v in info.value.violations]
    assert any(words in v.rule for v in hits), [v.rule for v in hits]
    message = str(info.value)
    assert "demo/people.csv" in message and "Traceback" not in message
    if line is not None:
        assert f"line {line}" in message


ACCEPTED = [
    ("UTF-8 byte-order mark (Excel's CSV UTF-8)", b"\xef\xbb\xbf" + _lines(GOOD), 1),
    ("Windows line endings", _lines(GOOD, "P002,2,61.0,2019-06-01,father,false", end="\r\n"), 2),
    ("header only: an empty table", _lines(), 0),
    ("blank line at the end", _lines(GOOD) + b"\n\n", 1),
    ("spaces around numbers", _lines("P001, 1 , 70.5 ,2019-05-01,mother,true"), 1),
    ("yes/no written as yes", _lines("P001,1,70.5,2019-05-01,mother,Yes"), 1),
    ("quoted comma inside a value", _lines('P001,1,70.5,2019-05-01,"mother",true'), 1),
]


@pytest.mark.parametrize("content, rows", [c[1:] for c in ACCEPTED], ids=[c[0] for c in ACCEPTED])
def test_a_harmless_variation_is_accepted(tmp_path, content, rows):
    frame = read_table(SPEC, _write(tmp_path, content))
    assert len(frame) == rows
    assert list(frame.columns) == list(SCHEMA.columns)
    if rows:
        assert frame["score"].iloc[0] == 1 and frame["seen"].iloc[0] == pd.Timestamp("2019-05-01")


def test_every_problem_is_listed_at_once_in_file_order(tmp_path):
    content = _lines("P001,9,70.5,2019-05-01,mum,true", GOOD, "X2,1,70.5,2019-13-01,father,true")
    with pytest.raises(DataValidationError) as info:
        read_table(SPEC, _write(tmp_path, content))
    assert [(v.row, v.column) for v in info.value.violations] == [
        (2, "role"), (2, "score"), (3, "person_id"), (4, "person_id"), (4, "seen")]
    assert str(info.value).startswith("5 problems in ")


def test_an_orphan_across_tables_names_the_child_line(tmp_path):
    people = read_table(SPEC, _write(tmp_path, _lines(GOOD, "P002,2,61.0,2019-06-01,father,true")))
    visits = pd.DataFrame({"person_id": ["P001", "P009"]})
    visits.attrs["csv_lines"] = (2, 5)  # a blank line and a multi-line field before the orphan
    found = foreign_key_violations(visits, "demo/visits.csv", ["person_id"], people, ["person_id"],
                                   "every visit belongs to a person in people.csv")
    assert [(v.row, v.column, v.rule, v.value) for v in found] == [
        (5, "person_id", "every visit belongs to a person in people.csv", "P009")]


def test_the_number_of_kinds_covered():
    assert len(REJECTED) + len(ACCEPTED) >= 25


def test_in_a_chapter_broken_data_show_a_short_callout_not_a_traceback(tmp_path):
    """A chapter whose data fail validation shows the problems as a callout and stops with the same
    short lines (no ANSI traceback)."""
    import shutil

    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from helpers.book.quarto_book import to_notebook

    root = Path(__file__).resolve().parents[1]
    data = tmp_path / "data"
    shutil.copytree(root / "data" / "synthetic", data)
    path = data / "parenting-under-pressure" / "parents.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[3].split(",")
    cells[header.index("gender")] = "unknown"
    lines[3] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "chapters").mkdir()
    chapter = tmp_path / "chapters" / "one.qmd"
    chapter.write_text("# One\n\n```{python}\nfrom helpers.book.chapter import load_or_skip\n"
                       "from helpers.pup.data import load_pup\npup = load_or_skip(load_pup)\n```\n")
    (tmp_path / "_quarto.yml").write_text("project:\n  type: book\n")
    nb = to_notebook(chapter)
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(root)}})
    import os
    os.environ["EVAL_DATA_DIR"] = str(data)
    try:
        with pytest.raises(CellExecutionError):
            client.execute()
    finally:
        del os.environ["EVAL_DATA_DIR"]
    outputs = nb.cells[1].outputs
    callout = "".join(o.get("data", {}).get("text/markdown", "") for o in outputs)
    assert "The data did not pass their checks (1 problem)" in callout
    assert "parents.csv, line 4, column 'gender': value 'unknown' is not one of the allowed values" in callout
    error = next(o for o in outputs if o.get("output_type") == "error")
    assert error["ename"] == "DataValidationError"
    assert len(error["traceback"]) == 2 and "\x1b[" not in "".join(error["traceback"])


def test_the_fast_path_reads_plain_exports_exactly_as_the_careful_path(monkeypatch):
    """Plain exports (no quotes, no blank lines) go through pandas' C parser; every shipped table
    must come out identical, line numbers included, to the csv-module path."""
    import helpers.csvfile as csvfile

    root = Path(__file__).resolve().parents[1] / "data" / "synthetic"
    paths = sorted(root.rglob("*.csv"))
    fast = {p: csvfile.read_csv_text(p, str(p)) for p in paths}
    monkeypatch.setattr(csvfile, "_simple_frame", lambda text, file: None)
    for path in paths:
        careful = csvfile.read_csv_text(path, str(path))
        pd.testing.assert_frame_equal(fast[path], careful, check_dtype=False)
        assert list(fast[path].attrs["csv_lines"]) == list(careful.attrs["csv_lines"])
    assert any(len(f) > 1000 for f in fast.values())  # the large tables took the fast path too
