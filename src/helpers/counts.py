"""Frequency tables with explicit missing values and a stated denominator.

Every table has one row per allowed category (in the given order, zero counts included), then a
``"Missing"`` row and a ``"Total"`` row. Percentages are unrounded (round only for display, see
:mod:`helpers.formatting`) and in percent units (0-100).

Denominators
------------
``denominator="valid"`` (default)
    Percentages are of the non-missing responses. The ``Missing`` and ``Total`` rows have no
    percentage (``NaN``): they are outside the base.
``denominator="all"``
    Percentages are of all records, missing included; ``Missing`` has its share and ``Total``
    is 100.

The column ``denominator`` repeats the base of each percentage (``<NA>`` where there is none) and
``frame.attrs["denominator"]`` says it in words, so a caption can state it. In the public edition
(:mod:`helpers.disclosure`) the words leave the counts to the table's Missing and Total rows, which
the table's own suppression covers (a count repeated in a note could undo it).

A value that is not in ``order`` raises a ``ValueError`` naming it: categories are never dropped
or merged silently.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from helpers import disclosure

__all__ = ["count_table", "count_crosstab", "MISSING", "TOTAL"]

MISSING = "Missing"
TOTAL = "Total"
Denominator = Literal["valid", "all"]


def count_table(
    series: pd.Series | Sequence[Hashable],
    *,
    order: Sequence[Hashable] | None = None,
    labels: Mapping[Hashable, str] | None = None,
    denominator: Denominator = "valid",
) -> pd.DataFrame:
    """Count each category of ``series``, with explicit Missing and Total rows.

    Parameters
    ----------
    series : Series or sequence
        One value per record; ``None``/``NaN``/``pd.NA`` are missing.
    order : sequence, optional
        Allowed categories in display order. Default: the categories of a categorical Series,
        otherwise the sorted distinct non-missing values.
    labels : mapping, optional
        Display label for a category (default ``str(value)``); labels must be distinct.
    denominator : {"valid", "all"}
        Base of the percentages (see module notes).

    Returns
    -------
    DataFrame
        Columns ``category`` (str), ``n`` (int), ``percent`` (float, 0-100),
        ``denominator`` (Int64). ``attrs["denominator"]`` describes the base in words.

    Raises
    ------
    ValueError
        A value not in ``order``, duplicate categories or labels, or an unknown ``denominator``.
    """
    if denominator not in ("valid", "all"):
        raise ValueError(f"denominator must be 'valid' or 'all', got {denominator!r}")
    s = series if isinstance(series, pd.Series) else pd.Series(list(series), dtype=object)
    missing = s.isna()
    values = s[~missing]
    if order is None:
        if isinstance(s.dtype, pd.CategoricalDtype):
            order = list(s.cat.categories)
        else:
            order = sorted(pd.unique(values.astype(object)), key=_sort_key)
    order = list(order)
    if len(set(order)) != len(order):
        raise ValueError(f"order lists a category more than once: {order}")
    unknown = values[~values.isin(order)]
    if len(unknown):
        found = pd.Series(unknown.astype(object)).value_counts(sort=False)
        listed = ", ".join(f"{v!r} ({k} record(s), first at index {unknown.index[unknown == v][0]})"
                           for v, k in found.items())
        raise ValueError(f"value(s) not among the allowed categories {order}: {listed}")
    shown = [str(labels.get(c, c)) if labels else str(c) for c in order]
    if len(set(shown)) != len(shown) or {MISSING, TOTAL} & set(shown):
        raise ValueError(f"category labels must be distinct and not '{MISSING}'/'{TOTAL}': {shown}")

    counts = [int((values == c).sum()) for c in order]
    n_valid, n_missing = int(len(values)), int(missing.sum())
    n_all = n_valid + n_missing
    base = n_valid if denominator == "valid" else n_all

    def share(k: int) -> float:
        return 100.0 * k / base if base else float("nan")

    rows = [(label, k, share(k), base) for label, k in zip(shown, counts)]
    public = disclosure.active_rule() is not None  # counts left to the Missing and Total rows
    if denominator == "valid":
        rows += [(MISSING, n_missing, np.nan, pd.NA), (TOTAL, n_all, np.nan, pd.NA)]
        text = ("percentages of the valid responses (Missing not included)" if public else
                f"percentages of the {n_valid} valid responses ({n_missing} missing not included)")
    else:
        rows += [(MISSING, n_missing, share(n_missing), base), (TOTAL, n_all, share(n_all), base)]
        text = ("percentages of all records, Missing included" if public else
                f"percentages of all {n_all} records, {n_missing} missing included")
    frame = pd.DataFrame(rows, columns=["category", "n", "percent", "denominator"])
    frame = frame.astype({"category": str, "n": "int64", "percent": "float64",
                          "denominator": "Int64"})
    frame.attrs["denominator"] = text
    return frame


def count_crosstab(
    series: pd.Series,
    groups: pd.Series,
    *,
    order: Sequence[Hashable] | None = None,
    labels: Mapping[Hashable, str] | None = None,
    group_order: Sequence[Hashable] | None = None,
    denominator: Denominator = "valid",
) -> pd.DataFrame:
    """:func:`count_table` within each group, stacked (long format).

    Percentages are within the group (column percentages). ``series`` and ``groups`` must share
    their index. A missing group raises ``ValueError`` (say which group such records belong to
    first); a group not in ``group_order`` raises too.

    Returns
    -------
    DataFrame
        Columns ``group``, ``category``, ``n``, ``percent``, ``denominator``; every group has
        every category, Missing and Total.
    """
    if not series.index.equals(groups.index):
        raise ValueError("series and groups must have the same index (one group per record)")
    if groups.isna().any():
        where = ", ".join(map(str, groups.index[groups.isna()][:20]))
        raise ValueError(f"{int(groups.isna().sum())} record(s) have no group (index {where})")
    if order is None:
        order = (list(series.cat.categories) if isinstance(series.dtype, pd.CategoricalDtype)
                 else sorted(pd.unique(series.dropna().astype(object)), key=_sort_key))
    if group_order is None:
        group_order = (list(groups.cat.categories) if isinstance(groups.dtype, pd.CategoricalDtype)
                       else sorted(pd.unique(groups.astype(object)), key=_sort_key))
    stray = sorted(set(groups.astype(object)) - set(group_order), key=_sort_key)
    if stray:
        raise ValueError(f"group value(s) not among the allowed groups {list(group_order)}: {stray}")
    parts = []
    for g in group_order:
        part = count_table(series[groups == g], order=order, labels=labels,
                           denominator=denominator)
        part.insert(0, "group", str(g))
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out.attrs["denominator"] = f"within each group: {_words(denominator)}"
    return out


def _words(denominator: Denominator) -> str:
    return ("percentages of the group's valid responses (missing not included)"
            if denominator == "valid" else "percentages of all the group's records, missing included")


def _sort_key(value: Hashable) -> tuple[int, object]:
    """Numbers before text, each in natural order, so mixed types still sort deterministically."""
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return (0, float(value))
    return (1, str(value))
