"""How many of the figures the Parenting Under Pressure report printed the records reproduce.

Reads the output of :func:`helpers.pup.reproduce.reproduced_figures` (one row per printed figure)
and states the agreement in a sentence (:func:`printed_agreement_text`, for the appendix and
checks) or, for the main text, says only where the records differ
(:func:`printed_differences_sentence`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.formatting import number
from helpers.words import number_word, verb

__all__ = ["PrintedAgreement", "printed_agreement", "printed_agreement_text",
           "printed_differences_sentence"]


@dataclass(frozen=True)
class PrintedAgreement:
    """How many printed figures the records reproduce.

    Attributes
    ----------
    total, matched : int
        Printed figures compared, and those reproduced at the printed precision.
    mismatches : DataFrame
        Rows of :func:`helpers.pup.reproduce.reproduced_figures` that do not match.
    readings : tuple[str, ...]
        Ids of entries in the contradictions file that these figures refer to.
    """

    total: int
    matched: int
    mismatches: pd.DataFrame
    readings: tuple[str, ...]


def printed_agreement(figures: pd.DataFrame, prefixes: Sequence[str]) -> PrintedAgreement:
    """Agreement of the printed figures whose path starts with one of ``prefixes``.

    Parameters
    ----------
    figures : DataFrame
        Output of :func:`helpers.pup.reproduce.reproduced_figures` (columns ``path``, ``printed``,
        ``reproduced``, ``matches``, ``note``).
    prefixes : sequence of str
        Path prefixes, e.g. ``("flow.", "sessions.")``.
    """
    rows = figures[figures["path"].str.startswith(tuple(prefixes))]
    if rows.empty:
        raise ValueError(f"printed_agreement: no printed figure under {list(prefixes)}")
    ok = rows["matches"].astype(bool)
    notes = tuple(dict.fromkeys(n for n in rows["note"] if isinstance(n, str) and n))
    return PrintedAgreement(total=int(len(rows)), matched=int(ok.sum()),
                            mismatches=rows[~ok].reset_index(drop=True), readings=notes)


def printed_agreement_text(agreement: PrintedAgreement, what: str) -> str:
    """One sentence for the prose: how many printed figures on ``what`` the records reproduce,
    naming each one that differs (printed value, then the records' value)."""
    a = agreement
    if a.matched == a.total:
        return (f"All {a.total} figures the report printed on {what} are reproduced from the "
                "records at the precision printed.")
    listed = "; ".join(f"{r.path} (printed {r.printed}, records {_plain(r.reproduced)})"
                       for r in a.mismatches.itertuples())
    return (f"{a.matched} of the {a.total} figures the report printed on {what} are reproduced "
            f"from the records; the others differ: {listed}.")


def _plain(value: object) -> str:
    if isinstance(value, float):
        return number(value, 2)
    return str(value)


def printed_differences_sentence(agreement: PrintedAgreement, what: str) -> str:
    """For a chapter's main text: nothing when every printed figure on ``what`` is reproduced,
    otherwise one short sentence pointing to the appendix that sets them side by side.

    >>> ok = PrintedAgreement(3, 3, pd.DataFrame(), ())
    >>> printed_differences_sentence(ok, "sessions")
    ''
    >>> printed_differences_sentence(PrintedAgreement(3, 2, pd.DataFrame(), ()), "sessions")
    'One of the three figures the report printed on sessions differs from the records (@sec-calibration-check).'
    >>> printed_differences_sentence(PrintedAgreement(14, 11, pd.DataFrame(), ()), "the flow")
    'Three of the 14 figures the report printed on the flow differ from the records (@sec-calibration-check).'
    """
    differ = agreement.total - agreement.matched
    if differ == 0:
        return ""
    total = agreement.total
    if total == 1:
        which = "The one figure"
    elif differ == total:
        which = f"All {number_word(total)} figures"
    else:
        which = f"{number_word(differ, start=True)} of the {number_word(total)} figures"
    return (f"{which} the report printed on {what} {verb('differs', differ)} from the records "
            "(@sec-calibration-check).")
