"""How one table cell is written: numbers and p-values as prose writes them, ``–`` when missing.

Holds the cell formatters every builder of :mod:`helpers.tables` shares. Conventions: fixed
decimals, thousands separator ``,``, the typographic minus ``−`` (U+2212) as
:func:`helpers.formatting.number` writes it, APA p-values without the leading zero, and the en
dash :data:`MISSING_TEXT` for a value that is not available (None or NaN).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.formatting import apa_p, number

#: What a cell shows for a value that is not available.
MISSING_TEXT = "–"


def format_number(value: float | None, decimals: int = 2) -> str:
    """:func:`helpers.formatting.number` for a table cell: a missing value gives ``–``.

    Examples
    --------
    >>> format_number(-1.234), format_number(1234.5, 1), format_number(-0.001), format_number(None)
    ('−1.23', '1,234.5', '0.00', '–')
    """
    if value is None or is_missing(value):
        return MISSING_TEXT
    return number(float(value), decimals)


def format_p(p: float | None) -> str:
    """A p-value for a table cell, APA style as in :func:`helpers.formatting.apa_p` without
    the ``"p = "``: ``".013"``, ``"<.001"``, ``">.999"``; ``–`` when missing.

    Raises
    ------
    ValueError
        If ``p`` is outside [0, 1].

    Examples
    --------
    >>> format_p(0.04321), format_p(0.0004), format_p(1.0)
    ('.043', '<.001', '>.999')
    """
    if p is None or is_missing(p):
        return MISSING_TEXT
    return apa_p(float(p)).removeprefix("p ").removeprefix("= ").replace(" ", "")


def is_missing(value: Any) -> bool:
    """True for None and NaN-like values; False for anything ``pd.isna`` cannot judge.

    Examples
    --------
    >>> is_missing(None), is_missing(float("nan")), is_missing("x"), is_missing([1, 2])
    (True, True, False, False)
    """
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
