"""Read record-level tables from CSV, validate them against their schema, report every problem.

A table is described by a :class:`TableSpec` (evaluation, file stem, pandera schema, description).
:func:`read_table` reads the file as text, lets the schema convert each column to its declared type
(``coerce=True``: a value that cannot be converted is a *violation*, never a silent ``NaN``), runs
every check lazily and raises one :class:`~helpers.errors.DataValidationError` naming file, line,
column and rule for every failure. Cross-table rules (foreign keys, "every post has its pre") are
checked with :func:`foreign_key_violations` by the evaluation's own loader module.

Why pandera: the schemas are Python objects next to the code that uses them, so the data dictionary
appendix is rendered from the very objects that validate the data; lazy validation returns every
failure case with its row index, which is what an author fixing a file needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from helpers.csvfile import LINES_ATTR, Lines, read_csv_text
from helpers.errors import DataValidationError, TableMissingError, Violation
from helpers.paths import data_dir, relative_to_root

__all__ = [
    "TableSpec",
    "table_path",
    "read_table",
    "empty_frame",
    "validate_frame",
    "foreign_key_violations",
    "raise_if_any",
    "schema_dictionary",
    "type_in_words",
    "line_of",
]

#: Offset from a DataFrame's 0-based index to the CSV line number (header is line 1), used when a
#: frame carries no physical line numbers (:data:`helpers.csvfile.LINES_ATTR`).
CSV_LINE_OFFSET = 2


def line_of(frame: pd.DataFrame, index: object) -> int:
    """The file line of row ``index`` of a frame read by :func:`read_table`.

    Uses the physical lines the reader recorded (so blank lines and multi-line quoted fields are
    counted as a text editor counts them); otherwise index + 2 (header on line 1).
    """
    lines = frame.attrs.get(LINES_ATTR)
    position = int(index)
    if lines is not None and 0 <= position < len(lines):
        return int(lines[position])
    return position + CSV_LINE_OFFSET


@dataclass(frozen=True)
class TableSpec:
    """One record-level table: where it lives and what it must look like.

    Attributes
    ----------
    evaluation : str
        Folder under the data folder, e.g. ``"parenting-under-pressure"``.
    name : str
        File stem; the file is ``<data folder>/<evaluation>/<name>.csv``.
    schema : pandera.DataFrameSchema
        Column types, allowed values and keys. Build it with ``coerce=True`` and ``strict=True``.
    description : str
        One sentence for the data dictionary.
    key : tuple[str, ...]
        Columns that identify a row (also checked for uniqueness).
    optional : bool
        An optional table may be absent: :func:`read_table` then returns an empty frame with the
        schema's columns, and only the chapters that need it (see
        :func:`helpers.book.chapter.load_or_skip`'s ``needs``) leave themselves out.
    """

    evaluation: str
    name: str
    schema: pa.DataFrameSchema
    description: str
    key: tuple[str, ...] = field(default_factory=tuple)
    optional: bool = False


def table_path(spec: TableSpec, folder: Path | None = None) -> Path:
    """Path of the CSV file for ``spec`` under ``folder`` (default: :func:`helpers.paths.data_dir`)."""
    return (folder if folder is not None else data_dir()) / spec.evaluation / f"{spec.name}.csv"


def read_table(spec: TableSpec, folder: Path | None = None) -> pd.DataFrame:
    """Read and validate one table.

    Raises
    ------
    TableMissingError
        If the file does not exist.
    DataValidationError
        Listing every schema violation (file, line, column, rule, value).
    """
    path = table_path(spec, folder)
    if not path.is_file():
        if spec.optional:
            return empty_frame(spec)
        raise TableMissingError(path, spec.name)
    file = relative_to_root(path)
    raw = read_csv_text(path, file)
    return validate_frame(raw, spec, file)


def empty_frame(spec: TableSpec) -> pd.DataFrame:
    """A frame with no rows and the schema's columns and types (an absent optional table)."""
    columns = {}
    for name, column in spec.schema.columns.items():
        dtype = getattr(column.dtype, "type", None) or str(column.dtype)
        columns[name] = pd.Series([], dtype=dtype)
    return pd.DataFrame(columns)


def validate_frame(frame: pd.DataFrame, spec: TableSpec, file: str) -> pd.DataFrame:
    """Validate ``frame`` (read as text) against ``spec`` and return the typed frame.

    Each column is first converted to its declared type here, cell by cell, so a value that cannot
    be read (``"x"`` in an integer column, ``"2020-13-01"`` as a date) is reported as such rather
    than turned into a missing value; then the schema's checks run on the typed frame. ``file`` is
    only used in messages. The frame must have a default RangeIndex so rows map to CSV lines.
    Identify rows with ``TableSpec.key`` rather than ``unique=True`` so duplicates are reported once.
    """
    violations: list[Violation] = []
    lines = frame.attrs.get(LINES_ATTR)
    violations += _duplicate_key_violations(frame, spec, file)
    typed, unreadable = _convert_columns(frame, spec.schema, file)
    violations += unreadable
    bad_cells = {(v.row, v.column) for v in unreadable}
    try:
        typed = spec.schema.validate(typed, lazy=True)
    except SchemaErrors as exc:
        found = _pandera_violations(exc.failure_cases, file, frame)
        violations += [v for v in found if (v.row, v.column) not in bad_cells]
    except SchemaError as exc:  # raised for non-lazy problems such as a broken schema
        violations.append(Violation(file, None, None, str(exc)))
    violations.sort(key=lambda v: (v.row if v.row is not None else -1, v.column or ""))
    raise_if_any(violations)
    if lines is not None:
        typed.attrs[LINES_ATTR] = Lines(lines)
    return typed


def _convert_columns(
    frame: pd.DataFrame, schema: pa.DataFrameSchema, file: str
) -> tuple[pd.DataFrame, list[Violation]]:
    """Convert text columns to the schema's types; report each cell that cannot be converted.

    Integers must be whole numbers; dates must be ISO ``YYYY-MM-DD``; blank cells are missing values
    (whether they are allowed is the schema's ``nullable``). Unknown dtypes are left to pandera.
    """
    out = frame.copy()
    problems: list[Violation] = []
    for name, column in schema.columns.items():
        if name not in out.columns:
            continue
        text = out[name]
        dtype = str(column.dtype)
        blank = text.isna()
        if dtype.lower().startswith(("int", "uint", "float", "datetime", "bool")):
            # spaces around a value, or a cell of spaces, are harmless: strip only the cells
            # that need it (a vectorised strip of every cell is the slowest step at scale)
            padded = ~blank & (text.str.len() != text.str.strip().str.len()) \
                if text.str.contains(" ", regex=False).any() else blank & False
            if padded.any():
                text = text.where(~padded, text[padded].str.strip())
                blank = blank | (text == "")
                text = text.where(~blank)
        if dtype.lower().startswith(("int", "uint")):
            numbers = pd.to_numeric(text, errors="coerce")
            bad = ~blank & (numbers.isna() | (numbers % 1 != 0))
            converted = numbers.where(~bad).astype("Int64")
            wanted = "a whole number"
        elif dtype.startswith("float"):
            converted = pd.to_numeric(text, errors="coerce").astype("float64")
            bad = ~blank & converted.isna()
            wanted = "a number"
        elif dtype.startswith("datetime"):
            converted = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
            bad = ~blank & converted.isna()
            wanted = "a date in the form YYYY-MM-DD"
        elif dtype in {"bool", "boolean"}:
            lowered = text.str.lower()
            mapping = {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False}
            converted = lowered.map(mapping).astype("boolean")
            bad = ~blank & converted.isna()
            wanted = "true or false"
        else:
            continue
        for idx in out.index[bad]:
            problems.append(Violation(file, line_of(frame, idx), name,
                                      f"cannot be read as {wanted}{_hint(text.at[idx], wanted)}",
                                      text.at[idx]))
        out[name] = converted
    return out, problems


def _duplicate_key_violations(frame: pd.DataFrame, spec: TableSpec, file: str) -> list[Violation]:
    key = [c for c in spec.key if c in frame.columns]
    if not key or len(key) != len(spec.key):
        return []
    dup = frame.duplicated(subset=key, keep="first")
    if not dup.any():
        return []
    positions = pd.Series(range(len(frame)), index=frame.index)
    first = positions.groupby([frame[c].astype(str) for c in key]).transform("min")
    out = []
    for idx in frame.index[dup]:  # only the duplicates: linear in the table
        value = ", ".join(str(frame.at[idx, c]) for c in key)
        out.append(
            Violation(file, line_of(frame, idx), ", ".join(key),
                      f"duplicate identifier: already used on line "
                      f"{line_of(frame, frame.index[int(first.at[idx])])}", value)
        )
    return out


def _pandera_violations(cases: pd.DataFrame, file: str,
                        frame: pd.DataFrame | None = None) -> list[Violation]:
    out: list[Violation] = []
    for case in cases.itertuples(index=False):
        check = str(case.check)
        column = None if pd.isna(case.column) else str(case.column)
        value = None if _isna(case.failure_case) else case.failure_case
        if check == "column_in_dataframe":
            out.append(Violation(file, None, str(case.failure_case), "required column is missing"))
            continue
        if check == "column_in_schema":
            out.append(Violation(file, None, str(case.failure_case), "column is not in the schema"))
            continue
        if _isna(case.index):
            row = None
        else:
            row = line_of(frame, case.index) if frame is not None else int(case.index) + CSV_LINE_OFFSET
        out.append(Violation(file, row, column, _describe_check(check, value), value))
    return out


def _plain(value: object) -> str:
    """A value as a reader writes it: 5, 'abc', 2020-01-31."""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return repr(value) if isinstance(value, str) else str(value)


def _describe_check(check: str, value: object = None) -> str:
    """A pandera check name in plain words, naming the value where there is one."""
    import re

    shown = "" if value is None else f"{_plain(value)} "
    if check.startswith("coerce_dtype"):
        wanted = check.removeprefix("coerce_dtype(").rstrip(")").strip("'")
        return f"cannot be read as {wanted}"
    if check == "not_nullable":
        return "missing value where one is required"
    if check == "field_uniqueness":
        return "duplicate value where each must be unique"
    m = re.fullmatch(r"in_range\((.+), (.+)\)", check)
    if m:
        return f"value {shown}is outside the allowed range {_num(m.group(1))}–{_num(m.group(2))}"
    m = re.fullmatch(r"isin\((.*)\)", check, flags=re.S)
    if m:
        allowed = m.group(1).strip("[]{}()").replace("'", "")
        return f"value {shown}is not one of the allowed values ({allowed})"
    m = re.fullmatch(r"(greater_than_or_equal_to|ge)\((.+)\)", check)
    if m:
        return f"value {shown}is below the minimum {_num(m.group(2))}"
    m = re.fullmatch(r"(less_than_or_equal_to|le)\((.+)\)", check)
    if m:
        return f"value {shown}is above the maximum {_num(m.group(2))}"
    m = re.fullmatch(r"greater_than\((.+)\)", check)
    if m:
        return f"value {shown}must be more than {_num(m.group(1))}"
    m = re.fullmatch(r"less_than\((.+)\)", check)
    if m:
        return f"value {shown}must be less than {_num(m.group(1))}"
    m = re.fullmatch(r"str_matches\((.+)\)", check)
    if m:
        return f"value {shown}does not have the expected form (pattern {m.group(1)})"
    return f"breaks the rule: {check}"


def _num(text: str) -> str:
    text = text.strip().strip("'").removesuffix(" 00:00:00")
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() else text


def _hint(value: object, wanted: str) -> str:
    """A likely cause for a value that cannot be read, when the value shows one."""
    import re

    text = str(value).strip()
    if "number" in wanted and re.fullmatch(r"-?\d+,\d+", text):
        return f" (a decimal comma? write {text.replace(',', '.')})"
    if "date" in wanted and re.fullmatch(r"\d{5}(\.\d+)?", text):
        day = pd.Timestamp("1899-12-30") + pd.Timedelta(days=float(text))
        return (f" (it looks like an Excel date serial number, {day:%Y-%m-%d}; export dates as "
                "YYYY-MM-DD text)")
    if "date" in wanted and re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2,4}", text):
        return " (write dates as YYYY-MM-DD, e.g. 2020-01-31, so day and month cannot be swapped)"
    return ""


def _isna(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def foreign_key_violations(
    child: pd.DataFrame,
    child_file: str,
    child_columns: Sequence[str],
    parent: pd.DataFrame,
    parent_columns: Sequence[str],
    rule: str,
) -> list[Violation]:
    """Rows of ``child`` whose key is absent from ``parent``.

    Parameters
    ----------
    child, parent : DataFrame
        Typed tables with default RangeIndex (``child``'s index gives the CSV line).
    child_columns, parent_columns : sequence of str
        Matching key columns; rows of ``child`` with a missing key are not checked here (the schema
        decides whether a missing key is allowed).
    rule : str
        The rule in words, e.g. ``"every post-therapy questionnaire has an intake questionnaire"``.
    """
    child_keys = child[list(child_columns)]
    complete = child_keys.notna().all(axis=1)
    as_text = child_keys.astype(str)
    parent_index = pd.MultiIndex.from_frame(parent[list(parent_columns)].astype(str))
    found = pd.MultiIndex.from_frame(as_text).isin(parent_index)
    orphans = child.index[complete.to_numpy() & ~found]  # vectorised: linear in the rows
    return [Violation(child_file, line_of(child, idx), ", ".join(child_columns), rule,
                      ", ".join(as_text.loc[idx])) for idx in orphans]


def raise_if_any(violations: Iterable[Violation]) -> None:
    """Raise :class:`DataValidationError` when ``violations`` is not empty."""
    violations = list(violations)
    if violations:
        raise DataValidationError(violations)


def schema_dictionary(spec: TableSpec) -> pd.DataFrame:
    """One row per column of ``spec``: name, type, required, allowed values/range, description.

    This is what the data-dictionary appendix renders, so the dictionary cannot drift from the
    rules that validate the data.
    """
    rows = []
    for name, col in spec.schema.columns.items():
        rules = [_check_text(c) for c in col.checks]
        if col.unique:
            rules.append("unique")
        rows.append(
            {
                "table": spec.name,
                "column": name,
                "type": type_in_words(col.dtype, col.checks),
                "required": "yes" if not col.nullable else "no (may be blank)",
                "rules": "; ".join(r for r in rules if r) or NO_RULE,
                "description": col.description or "",
            }
        )
    return pd.DataFrame(rows)


#: What the dictionary shows where a column has no rule: the en dash tables use for "nothing
#: here" (the same character as ``helpers.tables.MISSING_TEXT``).
NO_RULE = "–"


def type_in_words(dtype: object, checks: Sequence[pa.Check] = ()) -> str:
    """A column's type as a reader says it: "text", "category", "whole number", "decimal number",
    "date", "yes/no".

    Text limited to a list of values (an ``isin`` check) or a pandas categorical is a
    "category"; any other text is "text". A date with a time of day is still a "date" (the
    tables hold dates only). An unknown type is named as pandas names it.

    Examples
    --------
    >>> type_in_words("string[python]"), type_in_words("Int64"), type_in_words("float64")
    ('text', 'whole number', 'decimal number')
    >>> type_in_words("datetime64[ns]"), type_in_words("boolean"), type_in_words("category")
    ('date', 'yes/no', 'category')
    >>> type_in_words("string[python]", [pa.Check.isin(["a", "b"])])
    'category'
    """
    name = str(dtype).lower()
    if name == "category" or ((name.startswith("str") or name == "object")
                              and any(c.name == "isin" for c in checks)):
        return "category"
    if name.startswith("str") or name == "object":
        return "text"
    if name.startswith(("int", "uint")):
        return "whole number"
    if name.startswith("float"):
        return "decimal number"
    if name.startswith("date"):  # date, datetime64[...]
        return "date"
    if name.startswith("bool"):
        return "yes/no"
    return str(dtype)


def _check_text(check: pa.Check) -> str:
    stats = dict(check.statistics or {})
    name = check.name
    if name == "in_range":
        return f"between {stats.get('min_value')} and {stats.get('max_value')}"
    if name == "isin":
        values = stats.get("allowed_values")
        return "one of: " + ", ".join(map(str, values))
    if name == "greater_than_or_equal_to":
        return f"≥ {stats.get('min_value')}"
    if name == "less_than_or_equal_to":
        return f"≤ {stats.get('max_value')}"
    if name == "str_matches":
        return f"matches {stats.get('pattern')}"
    return check.error or name or ""
