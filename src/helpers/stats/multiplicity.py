"""Adjusting p-values for a family of tests (statsmodels ``multipletests``).

Holm's step-down method (Holm 1979) is the default for a family of outcome measures: it controls
the family-wise error rate without assuming independence and is uniformly more powerful than
Bonferroni. Benjamini–Hochberg (1995) controls the false discovery rate instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from helpers.stats.paired import PairedResult, paired_table

__all__ = ["METHODS", "adjust_pvalues", "add_adjusted_p"]

#: Our method names -> statsmodels' names.
METHODS: dict[str, str] = {"holm": "holm", "bh": "fdr_bh", "fdr_bh": "fdr_bh",
                           "bonferroni": "bonferroni"}
Method = Literal["holm", "bh", "fdr_bh", "bonferroni"]


def adjust_pvalues(pvalues: Sequence[float] | np.ndarray | pd.Series,
                   method: Method = "holm") -> np.ndarray:
    """Adjusted p-values in the input order.

    Parameters
    ----------
    pvalues : sequence of float
        Unadjusted p-values of one family, each in [0, 1].
    method : {"holm", "bh" (= "fdr_bh"), "bonferroni"}
        Holm step-down (default), Benjamini–Hochberg step-up, or Bonferroni.

    Raises
    ------
    ValueError
        Unknown method, or a p-value that is missing or outside [0, 1] (its position is named:
        a family with a missing test must be defined explicitly, not shrunk silently).
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {sorted(METHODS)}, got {method!r}")
    p = np.asarray(pvalues, dtype=float)
    if p.ndim != 1:
        raise ValueError("pvalues must be one-dimensional")
    if p.size == 0:
        return p.copy()
    bad = np.flatnonzero(~((p >= 0) & (p <= 1)))
    if bad.size:
        listed = ", ".join(f"position {i}: {p[i]}" for i in bad[:10])
        raise ValueError(f"p-values must be numbers in [0, 1] ({listed})")
    from statsmodels.stats.multitest import multipletests  # heavy: imported when first used

    return multipletests(p, method=METHODS[method])[1]


def add_adjusted_p(
    results: Sequence[PairedResult] | pd.DataFrame,
    *,
    method: Method = "holm",
    p_column: str = "p",
) -> pd.DataFrame:
    """Table of paired results with an adjusted-p column for the whole table as one family.

    Parameters
    ----------
    results : sequence of PairedResult, or DataFrame from :func:`helpers.stats.paired.paired_table`
        Every row is one test of the family.
    method : str
        See :func:`adjust_pvalues`.

    Returns
    -------
    DataFrame
        A copy with ``p_adjusted`` (float) and ``p_adjustment`` (method name) appended.
    """
    table = (results.copy() if isinstance(results, pd.DataFrame)
             else paired_table(list(results)))
    if p_column not in table.columns:
        raise ValueError(f"the table has no column {p_column!r}")
    try:
        adjusted = adjust_pvalues(table[p_column].to_numpy(dtype=float), method=method)
    except ValueError as exc:
        labels = table["label"].tolist() if "label" in table.columns else None
        raise ValueError(f"{exc}; rows (labels): {labels}") from exc
    table["p_adjusted"] = adjusted
    table["p_adjustment"] = method
    return table
