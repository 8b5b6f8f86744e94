"""Validated reading of one CSV table: every problem named by file, line, column and rule."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pandera.pandas as pa
import pytest

from helpers.datastore import TableSpec, empty_frame, foreign_key_violations, read_table, schema_dictionary
from helpers.errors import DataValidationError, TableMissingError

SCHEMA = pa.DataFrameSchema(
    {
        "person_id": pa.Column(str, pa.Check.str_matches(r"^P\d{3}$"), description="Person"),
        "score": pa.Column("Int64", pa.Check.in_range(0, 4), nullable=True, description="Item"),
        "seen": pa.Column("datetime64[ns]", description="Date seen"),
        "role": pa.Column(str, pa.Check.isin(["mother", "father"]), description="Role"),
    },
    strict=True,
)
SPEC = TableSpec("demo", "people", SCHEMA, "One row per person.", key=("person_id",))


def write(tmp_path, text: str):
    (tmp_path / "demo").mkdir(exist_ok=True)
    (tmp_path / "demo" / "people.csv").write_text(text)
    return tmp_path


def problems(tmp_path, text: str) -> list[tuple]:
    with pytest.raises(DataValidationError) as info:
        read_table(SPEC, write(tmp_path, text))
    return [(v.row, v.column, v.rule, v.value) for v in info.value.violations]


def test_a_clean_file_is_typed(tmp_path):
    frame = read_table(SPEC, write(tmp_path, "person_id,score,seen,role\nP001,3,2020-01-31,mother\nP002,,2020-02-01,father\n"))
    assert str(frame["score"].dtype) == "Int64" and frame["score"].isna().tolist() == [False, True]
    assert frame["seen"].iloc[0] == pd.Timestamp("2020-01-31")


def test_every_bad_cell_is_reported_once_with_its_line_and_column(tmp_path):
    found = problems(tmp_path, (
        "person_id,score,seen,role\n"
        "P001,1,2020-01-01,mother\n"
        "P001,7,2020-13-01,father\n"
        "P003,x,,dad\n"
    ))
    assert found == [
        (3, "person_id", "duplicate identifier: already used on line 2", "P001"),
        (3, "score", "value 7 is outside the allowed range 0–4", 7),
        (3, "seen", "cannot be read as a date in the form YYYY-MM-DD", "2020-13-01"),
        (4, "role", "value 'dad' is not one of the allowed values (mother, father)", "dad"),
        (4, "score", "cannot be read as a whole number", "x"),
        (4, "seen", "missing value where one is required", None),
    ]


def test_the_message_names_the_file(tmp_path):
    with pytest.raises(DataValidationError, match=r"demo/people.csv, line 2, column 'score'"):
        read_table(SPEC, write(tmp_path, "person_id,score,seen,role\nP001,2.5,2020-01-01,mother\n"))


def test_missing_and_unknown_columns_are_reported(tmp_path):
    found = problems(tmp_path, "person_id,seen,role,extra\nP001,2020-01-01,mother,1\n")
    assert (None, "score", "required column is missing", None) in found
    assert (None, "extra", "column is not in the schema", None) in found


def test_an_absent_table_raises_unless_it_is_optional(tmp_path):
    with pytest.raises(TableMissingError, match="people"):
        read_table(SPEC, tmp_path)
    optional = dataclasses.replace(SPEC, optional=True)
    frame = read_table(optional, tmp_path)
    assert frame.empty and list(frame.columns) == list(SCHEMA.columns)
    assert frame.equals(empty_frame(optional))


def test_foreign_keys_name_the_child_row():
    parent = pd.DataFrame({"person_id": ["P001"]})
    child = pd.DataFrame({"person_id": ["P001", "P009", None]})
    found = foreign_key_violations(child, "visits.csv", ["person_id"], parent, ["person_id"], "visit has a person")
    assert [(v.file, v.row, v.column, v.value) for v in found] == [("visits.csv", 3, "person_id", "P009")]


def test_the_dictionary_is_the_schema():
    d = schema_dictionary(SPEC).set_index("column")
    assert d.loc["score", "rules"] == "between 0 and 4"
    assert d.loc["role", "rules"] == "one of: mother, father"
    assert d.loc["score", "required"] == "no (may be blank)" and d.loc["seen", "required"] == "yes"


def test_the_dictionary_says_types_in_words():
    d = schema_dictionary(SPEC).set_index("column")
    assert d["type"].to_dict() == {"person_id": "text", "score": "whole number", "seen": "date",
                                   "role": "category"}


def test_type_words_for_every_kind_and_unknown_types():
    from helpers.datastore import NO_RULE, type_in_words
    from helpers.tables._cells import MISSING_TEXT

    assert [type_in_words(t) for t in ("str", "object", "int64", "UInt8", "Float64", "bool",
                                        "datetime64[ns, UTC]", "category", "complex128")] == [
        "text", "text", "whole number", "whole number", "decimal number", "yes/no", "date",
        "category", "complex128"]
    assert type_in_words("int64", [pa.Check.isin([1, 2])]) == "whole number"
    assert NO_RULE == MISSING_TEXT  # one dash for "nothing here" in every table
    spec = TableSpec("demo", "plain", pa.DataFrameSchema({"note": pa.Column(str)}), "Notes.")
    assert schema_dictionary(spec)["rules"].tolist() == [NO_RULE]
