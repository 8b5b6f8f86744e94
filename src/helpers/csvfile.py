"""Read a CSV export into text columns, reporting every file-level problem in plain words.

Exports from case-management systems and spreadsheets break in predictable ways. Each is reported
as a :class:`~helpers.errors.Violation` naming the file, the **physical line** of the file (after
blank lines and quoted multi-line fields, the line a text editor shows), the column and the rule —
all problems at once, never a raw traceback:

* a 0-byte file, or a file with no header line;
* text that is not UTF-8 (the byte and its place are named; re-save as "CSV UTF-8");
* a repeated or blank column name in the header;
* a row with more or fewer fields than the header.

Accepted as they are: a UTF-8 byte-order mark (Excel's "CSV UTF-8" writes one), Windows line
endings, quoted fields containing commas or line breaks, and blank lines (they hold no record and
are skipped; line numbers still count them). A header-only file is an empty table, not an error.

Why hand-written: :func:`pandas.read_csv` reports a ragged row as a ``ParserError`` without the
column context, numbers records rather than physical lines after multi-line fields, and silently
renames a repeated header (``age``, ``age.1``); the standard library's :mod:`csv` reader exposes
the physical line of every record, which is what an author fixing a file needs.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.errors import Violation, raise_violations

__all__ = ["read_csv_text", "LINES_ATTR", "Lines"]

#: ``frame.attrs`` key holding the physical line number of each row (header = line 1).
LINES_ATTR = "csv_lines"


class Lines(tuple):
    """Physical line numbers of a frame's rows; immutable, so pandas' copies of ``attrs`` (a deep
    copy on every operation) share it instead of copying thousands of numbers each time."""

    __slots__ = ()

    def __deepcopy__(self, memo: dict) -> "Lines":
        return self

    def __copy__(self) -> "Lines":
        return self


def read_csv_text(path: Path, file: str) -> pd.DataFrame:
    """All cells of ``path`` as text (blank = missing), with each row's physical line.

    ``file`` names the file in messages. Returns a frame with a default RangeIndex whose
    ``attrs[LINES_ATTR]`` lists the physical line of each row. Raises
    :class:`~helpers.errors.DataValidationError` listing every file-level problem.
    """
    data = Path(path).read_bytes()
    if not data.strip():
        raise_violations([Violation(file, None, None, "the file is empty: the first line must "
                                    "name the columns")])
    text = _decode(data, file)
    simple = _simple_frame(text, file)
    if simple is not None:
        return simple
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    problems: list[Violation] = []
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    previous_end = 0
    for record in reader:
        start, previous_end = previous_end + 1, reader.line_num
        if not record or (len(record) == 1 and not record[0].strip()):
            continue  # a blank line holds no record
        if header is None:
            header = [cell.strip() for cell in record]
            problems += _header_problems(header, file, start)
            continue
        if len(record) != len(header):
            problems.append(Violation(file, start, None,
                                      f"this row has {len(record)} fields but the header has "
                                      f"{len(header)} (a missing or extra comma, or an unquoted "
                                      "comma inside a value)"))
            continue
        rows.append(record)
        lines.append(start)
    if header is None:
        problems.append(Violation(file, None, None, "the file has no header line naming the columns"))
    raise_violations(problems)
    frame = pd.DataFrame(rows, columns=header, dtype=str)
    if len(frame):
        frame = frame.replace("", np.nan)  # a blank cell is a missing value
    frame.attrs[LINES_ATTR] = Lines(lines)
    return frame


def _simple_frame(text: str, file: str) -> pd.DataFrame | None:
    """The fast path for the common, plain export: no quotes, no blank lines, every line with the
    header's number of fields. Then physical lines are record numbers + 1 and pandas' C parser
    reads the file; anything else (or a header problem) returns None for the careful path."""
    if '"' in text:
        return None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return None
    commas = lines[0].count(",")
    if any(not line.strip("\r") or line.count(",") != commas for line in lines):
        return None
    header = [cell.strip() for cell in lines[0].rstrip("\r").split(",")]
    if not all(header) or len(set(header)) != len(header):
        return None
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""],
                        skip_blank_lines=False)
    frame.columns = header
    frame.attrs[LINES_ATTR] = Lines(range(2, len(frame) + 2))
    return frame


def _decode(data: bytes, file: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        position = exc.start - (before.rfind(b"\n") + 1) + 1
        raise_violations([Violation(
            file, line, None,
            f"the file is not UTF-8 text: byte 0x{data[exc.start]:02X} at position {position} of "
            "this line cannot be read (save it as UTF-8; in Excel, 'CSV UTF-8')")])
    raise AssertionError("unreachable")  # pragma: no cover


def _header_problems(header: list[str], file: str, line: int) -> list[Violation]:
    problems = []
    seen: dict[str, int] = {}
    for i, name in enumerate(header, start=1):
        if not name:
            problems.append(Violation(file, line, None, f"column {i} of the header has no name"))
            continue
        if name in seen:
            problems.append(Violation(file, line, name, f"column '{name}' appears twice in the "
                                      f"header (columns {seen[name]} and {i})"))
        else:
            seen[name] = i
    return problems
