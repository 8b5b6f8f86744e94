"""Printed figures of the PAIRS report set beside the records, in words; dates in words.

Conventions
-----------
* Percentages are ``100 * count / denominator`` in percent units (0-100), unrounded; they are
  rounded only for display (:mod:`helpers.formatting`).
* A printed figure *agrees* with the records when the records' value, rounded half up to the
  decimals the report prints (as printed reports do, :func:`helpers.reproduce.round_half_up`),
  equals it.
* A clause is ``None`` where the printed figure agrees; :func:`differences_sentence` turns a list
  of clauses into one sentence that reads correctly for none, one or several differences.
* The chapters report findings; a printed figure the records contradict gets one short sentence
  there (:func:`contradiction_note`) pointing to the appendix that explains it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from helpers.formatting import DECIMALS, integer, number, percent
from helpers.reproduce import round_half_up
from helpers.words import join_words, plural, verb

__all__ = [
    "printed_decimals",
    "agrees",
    "pct_difference",
    "figure_difference",
    "differences_sentence",
    "contradiction_note",
    "relation_to_range",
    "share_relation",
    "percent_range",
    "long_date",
    "month_year",
]

_WORDS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine")


def printed_decimals(printed: Any, section_decimals: int) -> int:
    """Decimals of a printed percentage: 0 when the report printed a whole number ("18%", "3%"),
    else the decimals the report uses in that table (trailing zeros are lost in the YAML, so
    96.50 reads as 96.5 and the section's rule is needed). Same rule as
    :mod:`helpers.pairs.reproduce`.

    >>> printed_decimals(18, 1), printed_decimals(3.0, 1), printed_decimals(18.7, 1), printed_decimals(96.5, 2)
    (0, 0, 1, 2)
    """
    if isinstance(printed, bool) or not isinstance(printed, (int, float)):
        raise ValueError(f"printed percentage must be a number, got {printed!r}")
    return 0 if float(printed).is_integer() else section_decimals


def agrees(printed: float, value: float, decimals: int) -> bool:
    """Whether ``value`` rounded half up to ``decimals`` equals ``printed``.

    >>> agrees(4.8, 100 * 17 / 358, 1), agrees(4.7, 100 * 17 / 358, 1)
    (False, True)
    """
    return math.isclose(round_half_up(float(value), decimals), float(printed), abs_tol=1e-9)


def pct_difference(what: str, printed: float, count: int, denominator: int,
                   decimals: int) -> str | None:
    """A clause stating how a printed percentage differs from the records, or None if it agrees.

    Parameters
    ----------
    what : str
        What the percentage describes ("the Other group").
    printed : float
        The printed percentage (percent units).
    count, denominator : int
        The records' count and its base.
    decimals : int
        Decimals the report printed (see :func:`printed_decimals`).

    >>> pct_difference("the Other group", 7.4, 37, 358, 1)
    'for the Other group the report prints 7.4%, but 37 of 358 is 10.3%'
    >>> pct_difference("GPs", 5.6, 20, 358, 1) is None
    True
    """
    value = 100.0 * count / denominator
    if agrees(printed, value, decimals):
        return None
    return (f"for {what} the report prints {number(printed, decimals)}%, but "
            f"{integer(count)} of {integer(denominator)} is "
            f"{number(round_half_up(value, decimals), decimals)}%")


def figure_difference(what: str, printed: float, value: float, decimals: int,
                      unit: str = "") -> str | None:
    """A clause stating how a printed figure (a count, mean or age) differs from the records'
    value at the printed precision, or None if it agrees.

    >>> figure_difference("the mean age", 32, 31.8, 0, " years") is None
    True
    >>> figure_difference("appointments in 2015/16", 97, 95, 0)
    'for appointments in 2015/16 the report prints 97, the records give 95'
    """
    if agrees(printed, value, decimals):
        return None
    return (f"for {what} the report prints {number(printed, decimals)}{unit}, the records give "
            f"{number(round_half_up(float(value), decimals), decimals)}{unit}")


def differences_sentence(clauses: Iterable[str | None], checked: int, subject: str,
                         noun: str = "percentages") -> str:
    """One sentence: all ``checked`` printed ``noun`` on ``subject`` agree, or which differ.

    Parameters
    ----------
    clauses : iterable of str or None
        Output of :func:`pct_difference` / :func:`figure_difference`, one per printed figure
        checked (None = agrees).
    checked : int
        How many printed figures were checked.
    noun : str
        Plural noun for the figures ("percentages", "figures"); the singular drops the final s.

    >>> differences_sentence([None, None], 2, "attendance")
    'Both printed percentages on attendance follow from the records.'
    >>> differences_sentence([None, "for X the report prints 5%, but 1 of 10 is 10%"], 2, "X")
    'One of the 2 printed percentages on X differs from the records: for X the report prints 5%, but 1 of 10 is 10%.'
    """
    found = [c for c in clauses if c]
    if checked < 1:
        raise ValueError("differences_sentence: nothing was checked")
    if len(found) > checked:
        raise ValueError(f"differences_sentence: {len(found)} differences among {checked} figures")
    singular = noun.removesuffix("s")
    if not found:
        if checked == 1:
            return f"The printed {singular} on {subject} follows from the records."
        every = "Both" if checked == 2 else f"All {integer(checked)}"
        return f"{every} printed {noun} on {subject} follow from the records."
    k = len(found)
    verb = "differs" if k == 1 else "differ"
    if k == checked:
        head = ("The printed " + singular if k == 1 else
                "Both printed " + noun if k == 2 else f"All {integer(k)} printed {noun}")
        return f"{head} on {subject} {verb} from the records: {'; '.join(found)}."
    head = _WORDS[k] if k < len(_WORDS) else integer(k)
    return (f"{head} of the {integer(checked)} printed {noun} on {subject} {verb} from the "
            f"records: {'; '.join(found)}.")


def contradiction_note(names: Sequence[str], noun: str = "percentage", *,
                       where: str = "@sec-caveats-contradictions") -> str:
    """One short sentence naming the printed figures the records contradict, with a
    cross-reference to where the book explains them; ``""`` when there are none.

    Parameters
    ----------
    names : sequence of str
        What each contradicted figure describes, as it reads after "for" ("the Other group").
    noun : str
        The kind of figure, singular ("percentage", "figure").
    where : str
        The cross-reference (a Quarto ``@sec-`` label).

    >>> contradiction_note([])
    ''
    >>> contradiction_note(["the Other group"])
    "The report's percentage for the Other group does not match the records (see @sec-caveats-contradictions)."
    >>> contradiction_note(["mothers", "fathers", "carers"], "figure", where="@sec-x")
    "The report's figures for mothers, fathers and carers do not match the records (see @sec-x)."
    """
    if not names:
        return ""
    n = len(names)
    return (f"The report's {plural(noun, n)} for {join_words(list(names))} {verb('does', n)} not "
            f"match the records (see {where}).")


def percent_range(low: float, high: float) -> str:
    """A range of whole percentages with an en dash: ``"15–20%"``.

    >>> percent_range(15, 20)
    '15–20%'
    """
    if low > high:
        raise ValueError(f"percent_range: low {low} is above high {high}")
    return f"{number(low, DECIMALS['percent'])}–{percent(high, DECIMALS['percent'])}"


def share_relation(count: int, denominator: int, low: float, high: float) -> str:
    """:func:`relation_to_range` of ``count`` of ``denominator`` as a percentage, judged at the
    precision the book prints percentages (whole numbers, half up), so the word never contradicts
    the number beside it.

    >>> share_relation(125, 366, 35, 40), share_relation(90, 228, 35, 40)
    ('below', 'within')
    >>> share_relation(349, 1000, 35, 40)  # 34.9% prints as 35%
    'within'
    """
    if denominator <= 0 or not 0 <= count <= denominator:
        raise ValueError(f"share_relation: need 0 <= count <= denominator > 0, got {count} of "
                         f"{denominator}")
    shown = round_half_up(100.0 * count / denominator, DECIMALS["percent"])
    return relation_to_range(shown, low, high)


def long_date(value: pd.Timestamp) -> str:
    """A date as ``"23 June 2015"`` (day without a leading zero).

    >>> long_date(pd.Timestamp("2015-06-03"))
    '3 June 2015'
    """
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts.strftime('%B %Y')}"


def relation_to_range(value: float, low: float, high: float) -> str:
    """``"below"``, ``"within"`` or ``"above"`` the closed range [low, high] (same units).

    >>> relation_to_range(10.9, 15, 20), relation_to_range(15, 15, 20), relation_to_range(21, 15, 20)
    ('below', 'within', 'above')
    """
    if low > high:
        raise ValueError(f"relation_to_range: low {low} is above high {high}")
    if value < low:
        return "below"
    if value > high:
        return "above"
    return "within"


def month_year(value: pd.Timestamp) -> str:
    """``"September 2018"``.

    >>> month_year(pd.Timestamp("2018-09-17"))
    'September 2018'
    """
    return pd.Timestamp(value).strftime("%B %Y")
