"""Reporting periods."""

from __future__ import annotations

import pandas as pd

__all__ = ["financial_year"]


def financial_year(dates: pd.Series) -> pd.Series:
    """UK financial year (1 April – 31 March) of each date, as ``"2019/20"``.

    Accepts datetimes, dates or ISO strings; missing dates stay missing (pandas ``NA``) and the
    caller decides how to report them.

    >>> years = financial_year(pd.Series(["2019-03-31", "2019-04-01", None]))
    >>> years.tolist()[:2], bool(years.isna().iloc[2])
    (['2018/19', '2019/20'], True)
    """
    d = pd.to_datetime(dates, errors="raise")
    start = d.dt.year.where(d.dt.month >= 4, d.dt.year - 1)
    out = start.astype("Int64").astype(str) + "/" + ((start + 1) % 100).astype("Int64") \
        .astype(str).str.zfill(2)
    return out.where(d.notna(), pd.NA)
