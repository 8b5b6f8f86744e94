"""Parent–infant psychotherapy appointments per financial year: which years the records cover
whole, growth and trend over the whole years, and the figure.

Conventions
-----------
* Financial years run April to March (``"2019/20"``).
* A year is *whole* when the appointment records cover it from 1 April to 31 March: their first
  date is on or before its 1 April and their last date on or after its 31 March. Any other year
  with appointments is a *part year*; its count is shown, marked as such, but growth and trends
  are worked out on whole years only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from helpers.figures import SMALL_PT, yearly_counts
from helpers.formatting import integer, number
from helpers.pairs.data import PairsData
from helpers.pairs.derived import yearly_appointments
from helpers.pairs.printed import long_date
from helpers.words import compare_word, count_phrase, join_words, trend_word, verb

__all__ = [
    "PANDEMIC_YEARS",
    "financial_year_span",
    "AppointmentYears",
    "appointment_years",
    "part_years_sentence",
    "part_years_caption",
    "growth_sentence",
    "trend_sentence",
    "appointments_figure",
]

#: Financial years of the first COVID-19 lockdowns in England (the first began in March 2020, so
#: 2019/20 ends in it; restrictions lasted through 2020/21), named in the text and shaded in the
#: figure.
PANDEMIC_YEARS: tuple[str, ...] = ("2019/20", "2020/21")


def financial_year_span(year: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of a financial year written ``"2019/20"``.

    >>> [str(d.date()) for d in financial_year_span("2019/20")]
    ['2019-04-01', '2020-03-31']
    """
    text = str(year)
    start = int(text[:4])
    if text != f"{start}/{(start + 1) % 100:02d}":
        raise ValueError(f"financial_year_span: {year!r} is not a financial year like '2019/20'")
    return pd.Timestamp(start, 4, 1), pd.Timestamp(start + 1, 3, 31)


@dataclass(frozen=True)
class AppointmentYears:
    """Appointments per financial year, and which years the records cover whole.

    Attributes
    ----------
    counts : Series
        Appointments per consecutive financial year (:func:`helpers.pairs.derived.yearly_appointments`).
    first, last : Timestamp
        Dates of the first and the last appointment in the records.
    """

    counts: pd.Series
    first: pd.Timestamp
    last: pd.Timestamp

    def is_whole(self, year: str) -> bool:
        """Whether the records cover ``year`` from 1 April to 31 March (see the conventions)."""
        start, end = financial_year_span(year)
        return bool(self.first <= start and self.last >= end)

    @property
    def whole(self) -> tuple[str, ...]:
        """The whole years, in order."""
        return tuple(str(y) for y in self.counts.index if self.is_whole(str(y)))

    @property
    def part(self) -> tuple[str, ...]:
        """The part years (the records cover only part of them), in order."""
        return tuple(str(y) for y in self.counts.index if not self.is_whole(str(y)))

    @property
    def whole_counts(self) -> pd.Series:
        """Appointments in the whole years only."""
        return self.counts.loc[list(self.whole)]

    @property
    def growth(self) -> float:
        """Appointments in the last whole year over those in the first (NaN with fewer than two
        whole years or none in the first)."""
        whole = self.whole_counts
        if len(whole) < 2 or whole.iloc[0] == 0:
            return float("nan")
        return float(whole.iloc[-1] / whole.iloc[0])

    def trend_outside(self, years: Sequence[str]) -> str:
        """:func:`helpers.words.trend_word` of the whole years other than ``years``."""
        kept = self.whole_counts.drop([y for y in years if y in self.whole])
        return trend_word(kept.to_list())

    def dipped_in(self, years: Sequence[str]) -> bool:
        """Whether every one of ``years`` had fewer appointments than the year before the first of
        them (False if that year is not in the records)."""
        labels = [str(y) for y in self.counts.index]
        if not years or any(y not in labels for y in years) or labels.index(years[0]) == 0:
            return False
        before = int(self.counts.iloc[labels.index(years[0]) - 1])
        return all(int(self.counts[y]) < before for y in years)


def appointment_years(data: PairsData) -> AppointmentYears:
    """The :class:`AppointmentYears` of the records (raises ``ValueError`` if there are none)."""
    ap = data.pip_appointments
    return AppointmentYears(counts=yearly_appointments(data), first=ap["appointment_date"].min(),
                            last=ap["appointment_date"].max())


def _part_year_cover(years: AppointmentYears, year: str) -> str:
    start, end = financial_year_span(year)
    starts, ends = years.first > start, years.last < end
    if starts and ends:
        return f"{year} (records from {long_date(years.first)} to {long_date(years.last)})"
    if starts:
        return f"{year} (records from {long_date(years.first)})"
    return f"{year} (records to {long_date(years.last)})"


def part_years_sentence(years: AppointmentYears) -> str:
    """Which years are part years and why, in one sentence (or that every year is whole).

    >>> s = pd.Series([5, 8, 2], index=["2015/16", "2016/17", "2017/18"])
    >>> part_years_sentence(AppointmentYears(s, pd.Timestamp("2015-06-23"), pd.Timestamp("2017-12-28")))
    'The records start on 23 June 2015 and end on 28 December 2017, so 2015/16 and 2017/18 are part years; growth is measured on whole years only.'
    >>> part_years_sentence(AppointmentYears(s[1:2], pd.Timestamp("2016-04-01"), pd.Timestamp("2017-03-31")))
    'The records cover every financial year from 2016/17 to 2016/17 in full.'
    """
    part = years.part
    if not part:
        return (f"The records cover every financial year from {years.counts.index[0]} to "
                f"{years.counts.index[-1]} in full.")
    kind = "a part year" if len(part) == 1 else "part years"
    return (f"The records start on {long_date(years.first)} and end on {long_date(years.last)}, "
            f"so {join_words(list(part))} {verb('is', len(part))} {kind}; growth is measured on "
            "whole years only.")


def part_years_caption(years: AppointmentYears) -> str:
    """The caption's words for the part years (``""`` when every year is whole).

    >>> s = pd.Series([5, 8], index=["2015/16", "2016/17"])
    >>> part_years_caption(AppointmentYears(s, pd.Timestamp("2015-06-23"), pd.Timestamp("2017-03-31")))
    'The open hatched bar marks a part year, which the records cover only in part: 2015/16 (records from 23 June 2015).'
    """
    part = years.part
    if not part:
        return ""
    head = ("The open hatched bar marks a part year" if len(part) == 1
            else "Open hatched bars mark part years")
    return (f"{head}, which the records cover only in part: "
            f"{join_words([_part_year_cover(years, y) for y in part])}.")


def growth_sentence(years: AppointmentYears) -> str:
    """How appointments changed from the first whole year to the last, in one sentence.

    The direction is judged on the counts (:func:`helpers.words.compare_word`); "times as many"
    is the ratio of the two, to one decimal, and is given only for a rise from a non-zero start.

    >>> s = pd.Series([97, 250, 667, 777], index=["2015/16", "2016/17", "2017/18", "2018/19"])
    >>> growth_sentence(AppointmentYears(s, pd.Timestamp("2015-06-23"), pd.Timestamp("2018-12-28")))
    'Over the whole years, appointments rose from 250 in 2016/17 to 667 in 2017/18, about 2.7 times as many.'
    """
    whole = years.whole_counts
    if len(whole) < 2:
        return (f"The records cover {count_phrase(len(whole), 'whole year')}, too few to measure "
                "growth.")
    (y1, a), (y2, b) = (str(whole.index[0]), int(whole.iloc[0])), (str(whole.index[-1]),
                                                                   int(whole.iloc[-1]))
    direction = compare_word(b, a, decimals=0, more="rose", less="fell", same="same")
    if direction == "same":
        return f"Over the whole years, appointments numbered {integer(a)} in both {y1} and {y2}."
    text = f"Over the whole years, appointments {direction} from {integer(a)} in {y1} to {integer(b)} in {y2}"
    if direction == "rose" and a > 0:
        text += f", about {number(b / a, 1)} times as many"
    return text + "."


def trend_sentence(by_year: pd.Series, pandemic_years: Sequence[str] = PANDEMIC_YEARS) -> str:
    """Describe a yearly series in words: where it rose, where it fell, when it recovered.

    Parameters
    ----------
    by_year : Series
        Counts indexed by consecutive financial years, in order.
    pandemic_years : sequence of str
        Years to name as the first years of the COVID-19 pandemic when the falls are exactly
        those years (UK lockdowns began in March 2020, so 2019/20 ends in the first one).

    Examples
    --------
    >>> s = pd.Series([1, 3, 5, 4, 4, 6], index=["2015/16", "2016/17", "2017/18", "2018/19",
    ...                                          "2019/20", "2020/21"])
    >>> trend_sentence(s, ("2018/19", "2019/20"))
    'Appointments rose every year from 2015/16 to 2017/18, fell below that level in 2018/19 and 2019/20, the first years of the COVID-19 pandemic, and in 2020/21 passed the 2017/18 level again.'
    """
    years = [str(y) for y in by_year.index]
    values = by_year.to_numpy(int)
    if len(values) < 2:
        raise ValueError("trend_sentence: need at least two years")
    first_fall = next((i for i in range(1, len(values)) if values[i] < values[i - 1]), None)
    if first_fall is None:
        return f"Appointments did not fall in any year from {years[0]} to {years[-1]}."
    peak_i = first_fall - 1
    peak = values[peak_i]
    below = []
    i = first_fall
    while i < len(values) and values[i] <= peak:
        below.append(years[i])
        i += 1
    rise = (f"rose every year from {years[0]} to {years[peak_i]}" if peak_i > 0
            else f"started at {integer(values[0])} in {years[0]}")
    named = ", the first years of the COVID-19 pandemic" if tuple(below) == tuple(pandemic_years) \
        else ""
    span = join_words(below) if len(below) <= 2 else f"{below[0]} to {below[-1]}"
    text = f"Appointments {rise}, fell below that level in {span}{named}"
    if i < len(values):
        text += f", and in {years[i]} passed the {years[peak_i]} level again"
        later = values[i:]
        if len(later) > 1 and bool(np.all(np.diff(later) > 0)):
            text += f", rising every year to {years[-1]}"
    else:
        text += f", and had not regained the {years[peak_i]} level by {years[-1]}"
    return text + "."


def appointments_figure(years: AppointmentYears, shaded: Sequence[str] = PANDEMIC_YEARS,
                        shade_label: str = "COVID-19") -> Figure:
    """:func:`helpers.figures.yearly_counts` bars with the part years marked (open hatched bars,
    worded tick labels and a legend entry) and the ``shaded`` years marked by a light grey band
    with dashed edges and a text label (so neither relies on colour)."""
    by_year = years.counts
    fig = yearly_counts(by_year, kind="bar", ylabel="Appointments", part_years=years.part)
    ax = fig.axes[0]
    labels = [str(y) for y in by_year.index]
    where = [labels.index(y) for y in shaded if y in labels]
    if where:
        lo, hi = min(where) - 0.5, max(where) + 0.5
        ax.axvspan(lo, hi, facecolor="#EEEEEE", edgecolor="#767676", zorder=0, linewidth=0.8,
                   linestyle="--")
        ax.text((lo + hi) / 2, ax.get_ylim()[1] * 0.97, shade_label, ha="center", va="top",
                fontsize=SMALL_PT)
    return fig
