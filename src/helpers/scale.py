"""Make a larger copy of an evaluation's tables, to measure the book at routine-data scale.

:func:`scale_tables` repeats every row ``factor`` times. Identifier columns — text columns whose
schema requires a letter followed by digits (``^C\\d{3,}$``) — are rewritten in every copy so
that keys stay unique and every cross-table link stays inside its copy: copy *c* of ``C141`` is
``C`` + *c* + ``141`` (the original digits keep their width, so copies never collide with each
other or with the originals). Everything else (dates, scores, categories) is kept, so the larger
tables pass the same schemas and rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from helpers.datastore import TableSpec

__all__ = ["identifier_columns", "scale_tables", "scale_folder"]

#: A letter (or a class of letters) followed by digits: ^C\d{3,}$, ^[CT]\d{3,}$, ^[A-Z][0-9]+$.
_ID_PATTERN = re.compile(r"^\^(\[[A-Z-]+\]|[A-Z])(?:\\d\{\d+,?\d*\}|\[0-9\]\+|\\d\+)\$$")


def identifier_columns(spec: TableSpec) -> dict[str, str]:
    """Identifier columns of ``spec`` and their letter(s), read from their ``str_matches`` checks.

    >>> import pandera.pandas as pa
    >>> spec = TableSpec("x", "t", pa.DataFrameSchema({
    ...     "client_id": pa.Column(str, pa.Check.str_matches(r"^C\\d{3,}$")),
    ...     "role": pa.Column(str)}), "demo")
    >>> identifier_columns(spec)
    {'client_id': 'C'}
    """
    out = {}
    for name, column in spec.schema.columns.items():
        for check in column.checks:
            pattern = (check.statistics or {}).get("pattern")
            m = _ID_PATTERN.match(str(pattern)) if pattern is not None else None
            if m:
                out[name] = m.group(1)
    return out


def scale_tables(tables: Mapping[str, pd.DataFrame], specs: Mapping[str, TableSpec],
                 factor: int) -> dict[str, pd.DataFrame]:
    """Every table repeated ``factor`` times with identifiers rewritten per copy (see module).

    ``tables`` are the text frames as written to CSV, keyed like ``specs``; a factor of 1 returns
    them unchanged.
    """
    if isinstance(factor, bool) or not isinstance(factor, int) or factor < 1:
        raise ValueError(f"scale_tables: factor must be a whole number of 1 or more, got {factor!r}")
    out = {}
    for name, frame in tables.items():
        ids = identifier_columns(specs[name])
        copies = []
        for c in range(factor):
            part = frame.copy()
            if c:
                for column, letter in ids.items():
                    part[column] = part[column].map(
                        lambda v, c=c: v if pd.isna(v) or v == "" else f"{str(v)[0]}{c}{str(v)[1:]}")
            copies.append(part)
        out[name] = pd.concat(copies, ignore_index=True)
    return out


def scale_folder(folder: Path, specs: Sequence[TableSpec], factor: int) -> list[Path]:
    """Rewrite the CSV files of ``specs`` under ``folder`` at ``factor`` times their size, in place.

    Files are read and written as text (no value is reinterpreted); absent optional tables are
    skipped. Returns the paths rewritten.
    """
    frames, by_name, paths = {}, {}, {}
    for spec in specs:
        path = Path(folder) / spec.evaluation / f"{spec.name}.csv"
        if not path.is_file():
            continue
        frames[spec.name] = pd.read_csv(path, dtype=str, keep_default_na=False)
        by_name[spec.name], paths[spec.name] = spec, path
    scaled = scale_tables(frames, by_name, factor)
    for name, frame in scaled.items():
        frame.to_csv(paths[name], index=False, lineterminator="\n")
    return list(paths.values())
