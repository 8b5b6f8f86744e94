"""Claims: interpretive prose that fails the chapter when the data stop supporting it.

Where a word cannot simply be chosen from the numbers (see :mod:`helpers.words`), the chapter
states it with :func:`claim`, which returns the text when ``holds`` is true and otherwise raises
:class:`ClaimError` naming the claim and where it is in the book::

    Referrals `{python} claim(timeline.fell, "slowed towards the end of the year")`.

The test suite converts chapters with :func:`helpers.book.quarto_book.to_notebook`, which puts
the ``.qmd`` file and line of each inline expression and code cell into the variable
``__claim_location__``; the error message then starts with that location. Under a plain Quarto
render the claim still fails the render, with its text.
"""

from __future__ import annotations

import sys

__all__ = ["ClaimError", "claim", "LOCATION_VARIABLE"]

#: Name of the variable the chapter converter sets to "chapters/<file>.qmd:<line>".
LOCATION_VARIABLE = "__claim_location__"


class ClaimError(AssertionError):
    """A sentence of the book is no longer true of the data it describes."""


def claim(holds: bool, text: str) -> str:
    """Return ``text`` if ``holds``; otherwise raise :class:`ClaimError` naming it and its place.

    >>> claim(3 > 2, "more than two")
    'more than two'
    >>> claim(1 > 2, "more than two")
    Traceback (most recent call last):
    helpers.claims.ClaimError: claim no longer supported by the data: 'more than two'
    """
    if not isinstance(holds, bool):
        try:
            holds = bool(holds.item())  # numpy bool
        except AttributeError as exc:
            raise TypeError(f"claim: the condition must be a bool, got {holds!r}") from exc
    if holds:
        return text
    where = sys._getframe(1).f_globals.get(LOCATION_VARIABLE, "")
    prefix = f"{where}: " if where else ""
    raise ClaimError(f"{prefix}claim no longer supported by the data: {text!r}")
