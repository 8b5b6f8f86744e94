"""The service year the synthetic Parenting Under Pressure records fall in."""

from __future__ import annotations

import datetime as dt

__all__ = ["START", "END"]

#: First and last day of the evaluated service year (dates of referral, forms and sessions).
START = dt.date(2019, 4, 1)
END = dt.date(2020, 3, 31)
