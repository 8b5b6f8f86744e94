"""The project's own input-error type.

Every problem found in an input file is reported as a :class:`Violation` naming the file, the
1-based line of the CSV file (the header is line 1, so the first record is line 2), the column and
the rule that failed. All violations of a file are collected before anything is raised, so one run
shows every problem at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Violation", "DataValidationError", "TableMissingError", "require_columns",
           "raise_violations"]


@dataclass(frozen=True)
class Violation:
    """One failed rule in one place of one input file.

    Attributes
    ----------
    file : str
        Path of the file, relative to the project root where possible.
    row : int | None
        Line of the file (header = 1, first record = 2); ``None`` when the rule concerns the whole
        column or table (e.g. a missing column).
    column : str | None
        Column name; ``None`` when the rule concerns a whole row or table.
    rule : str
        The rule that failed, in words.
    value : object
        The offending value, where there is one.
    """

    file: str
    row: int | None
    column: str | None
    rule: str
    value: object = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"line {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = ", ".join(where) + f": {self.rule}"
        if self.value is not None:
            text += f" (value: {_shown(self.value)})"
        return text


def _shown(value: object) -> str:
    """A value as the file holds it: dates as YYYY-MM-DD, numbers plainly, text quoted."""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")  # type: ignore[union-attr]
    if hasattr(value, "item"):
        value = value.item()  # type: ignore[union-attr]
    return repr(value) if isinstance(value, str) else str(value)


class DataValidationError(ValueError):
    """Raised when an input table breaks its schema or a cross-table rule.

    The message lists every violation, one per line; ``violations`` holds them as data.
    """

    def __init__(self, violations: list[Violation], max_listed: int = 50) -> None:
        self.violations = list(violations)
        files = sorted({v.file for v in self.violations})
        lines = [str(v) for v in self.violations[:max_listed]]
        if len(self.violations) > max_listed:
            lines.append(f"... and {len(self.violations) - max_listed} more")
        count = len(self.violations)
        header = f"{count} problem{'' if count == 1 else 's'} in {', '.join(files)}:"
        super().__init__("\n".join([header, *lines]))

    def _render_traceback_(self) -> list[str]:
        """IPython shows this instead of a traceback: the problems, one per line."""
        return str(self).splitlines()


class TableMissingError(FileNotFoundError):
    """Raised when a table the book needs is not in the data folder.

    Chapters catch it and print :attr:`message` instead of failing, so a real-data folder that
    holds only some tables still renders.
    """

    def __init__(self, path: Path, table: str) -> None:
        self.path = Path(path)
        self.table = table
        self.message = (
            f"The table '{table}' is not available: no file at {self.path}. "
            "This part of the report is left out until the file is supplied."
        )
        super().__init__(self.message)


def require_columns(frame: Any, columns: Sequence[str], who: str) -> None:
    """Raise :class:`KeyError` naming ``who`` and the absent columns if ``frame`` lacks any of ``columns``.

    This guards a helper's *argument* (a programming error), not an input file: files are checked
    by their schemas in :mod:`helpers.datastore`.

    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"a": [1]}), ["a", "b"], "my_helper")
    Traceback (most recent call last):
    KeyError: "my_helper: column(s) missing from the frame: 'b'; it has 'a'"
    """
    absent = [c for c in columns if c not in frame.columns]
    if absent:
        raise KeyError(f"{who}: column(s) missing from the frame: {', '.join(map(repr, absent))}; "
                       f"it has {', '.join(map(repr, frame.columns))}")


def raise_violations(violations: Sequence[Violation]) -> None:
    """Raise :class:`DataValidationError` when ``violations`` is not empty."""
    if violations:
        raise DataValidationError(list(violations))
