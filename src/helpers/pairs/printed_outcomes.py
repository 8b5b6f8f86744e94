"""What the PAIRS report printed about its outcome tests, and the words the outcome prose
chooses from the numbers.

The chapter reports findings; the printed figures are checked figure by figure in the
calibration appendix (:func:`helpers.pairs.reproduce.reproduced_figures`). What remains here is
what the chapter needs to mention a contradiction once (:func:`printed_mors_p`,
:func:`printed_bound_holds`) and the words that must follow the data (:func:`evidence_words`,
:func:`relation_word`).
"""

from __future__ import annotations

import math

from helpers.formatting import DECIMALS
from helpers.words import compare_word

__all__ = [
    "printed_mors_p",
    "printed_bound_holds",
    "evidence_words",
    "relation_word",
]


def printed_mors_p(printed_tt: dict) -> dict[str, str]:
    """The printed p bound of each MORS-SF paired test, by subscale, from the ``tt_outcomes``
    section of ``pairs.yaml`` (:func:`helpers.published.published`).

    >>> printed_mors_p({"mors_paired": [{"subscale": "warmth", "p_printed": "< .01"}]})
    {'warmth': '< .01'}
    """
    return {row["subscale"]: row["p_printed"] for row in printed_tt["mors_paired"]}


def printed_bound_holds(p: float, printed: str) -> bool:
    """Whether a p-value satisfies a printed bound such as ``"< .01"`` (strictly below it).

    >>> printed_bound_holds(0.004, "< .01"), printed_bound_holds(0.022, "< .01")
    (True, False)
    """
    text = printed.strip()
    if not text.startswith("<"):
        raise ValueError(f"printed_bound_holds: expected a bound like '< .01', got {printed!r}")
    if math.isnan(p):
        raise ValueError("printed_bound_holds: p is missing")
    return p < float(text.removeprefix("<").strip())


def evidence_words(p: float, alpha: float = 0.05) -> str:
    """"clear evidence of a change" when ``p < alpha``, else "no clear evidence of a change".

    A convenience for prose; the p-value itself is always printed next to it.

    >>> evidence_words(0.049), evidence_words(0.05)
    ('clear evidence of a change', 'no clear evidence of a change')
    """
    if math.isnan(p):
        raise ValueError("evidence_words: p is missing")
    return ("clear evidence of a change" if p < alpha
            else "no clear evidence of a change")


def relation_word(value: float, reference: float, decimals: int = DECIMALS["mean"]) -> str:
    """"below", "above" or "equal to" ``reference``, comparing ``value`` at the precision shown
    (``decimals`` places, one for means by the display policy), so the word never contradicts
    the printed number (:func:`helpers.words.compare_word`).

    >>> relation_word(28.96, 29), relation_word(26.86, 29), relation_word(11.97, 10)
    ('equal to', 'below', 'above')
    """
    return compare_word(value, reference, decimals=decimals, more="above", less="below",
                        same="equal to")
