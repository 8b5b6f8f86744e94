"""Descriptive summaries shared by both evaluations."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["AgeSummary", "age_summary"]


@dataclass(frozen=True)
class AgeSummary:
    """Age in whole years: n with an age, n missing, minimum, maximum, mean and SD (ddof 1).

    ``mean`` and ``sd`` are unrounded years; ``sd`` is NaN when only one age is known.
    """

    n: int
    missing: int
    minimum: int
    maximum: int
    mean: float
    sd: float


def age_summary(ages: pd.Series) -> AgeSummary:
    """Summarise ages in years; missing ages are counted, not dropped silently.

    Raises ``ValueError`` when no age is recorded at all.

    >>> age_summary(pd.Series([20, 30, None], dtype="Int64"))
    AgeSummary(n=2, missing=1, minimum=20, maximum=30, mean=25.0, sd=7.0710678118654755)
    """
    values = pd.to_numeric(ages, errors="raise").astype("float64")
    known = values.dropna()
    if known.empty:
        raise ValueError("age_summary: no age is recorded")
    return AgeSummary(n=len(known), missing=int(values.isna().sum()), minimum=int(known.min()),
                      maximum=int(known.max()), mean=float(known.mean()),
                      sd=float(known.std(ddof=1)) if len(known) > 1 else float("nan"))
