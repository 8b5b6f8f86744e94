"""The :class:`Instrument` type and the one scoring routine every questionnaire uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

__all__ = ["Item", "Instrument", "score"]


@dataclass(frozen=True)
class Item:
    """One questionnaire item.

    Attributes
    ----------
    code : str
        Column name of the raw response, e.g. ``"core10_01"``.
    summary : str
        A short paraphrase of what the item asks (not the copyrighted wording).
    minimum, maximum : int
        Range of the raw response.
    reverse : bool
        True when the item is positively worded and scored as ``minimum + maximum - raw``.
    """

    code: str
    summary: str
    minimum: int
    maximum: int
    reverse: bool = False


@dataclass(frozen=True)
class Instrument:
    """A questionnaire: items, how they combine, and how to read the score.

    Attributes
    ----------
    key : str
        Short identifier used in column names and tables (``"core10"``).
    name : str
        Display name (``"CORE-10"``).
    items : tuple[Item, ...]
    combine : {"sum", "mean"}
        Total is the sum of (keyed) items, or their mean.
    max_missing : int
        Largest number of missing items for which a score is still given. With ``combine="sum"``
        and some items missing, the total is prorated: mean of answered items × number of items.
        Above ``max_missing`` the score is missing.
    higher_is : {"worse", "better"}
        Direction of the score.
    cutoff : float | None
        Clinical or screening threshold on the total, if any; see ``cutoff_rule``.
    cutoff_rule : str
        How the cut-off is read, in words (e.g. "11 or more = clinical range").
    reference : str
        Source of the items and scoring rules.
    """

    key: str
    name: str
    items: tuple[Item, ...]
    combine: Literal["sum", "mean"] = "sum"
    max_missing: int = 0
    higher_is: Literal["worse", "better"] = "worse"
    cutoff: float | None = None
    cutoff_rule: str = ""
    reference: str = ""

    @property
    def item_codes(self) -> list[str]:
        return [i.code for i in self.items]

    @property
    def resolution(self) -> float:
        """Smallest step between two complete-form totals, in score points.

        1 for a sum of integer items, 1/k for the mean of k integer items. Prorated totals (some
        items missing) fall off this grid; see :func:`score`.
        """
        return 1.0 if self.combine == "sum" else 1.0 / len(self.items)

    @property
    def score_range(self) -> tuple[float, float]:
        """Smallest and largest possible total."""
        lo = sum(i.minimum for i in self.items)
        hi = sum(i.maximum for i in self.items)
        if self.combine == "mean":
            return lo / len(self.items), hi / len(self.items)
        return float(lo), float(hi)


def score(instrument: Instrument, responses: pd.DataFrame) -> pd.Series:
    """Score each row of ``responses`` (one column per item, raw values) with ``instrument``'s rules.

    Reverse-keyed items are flipped, the items are summed or averaged, and rows with more than
    ``instrument.max_missing`` missing items get a missing score. A prorated sum (some items
    missing, at most ``max_missing``) is the mean of the answered keyed items × the number of items.

    Complete forms are scored exactly: a sum is the integer sum of the items, and a mean is that
    sum divided by the number of items (one rounding), so two people with the same item total get
    bit-identical scores and ties between scores and their differences are real ties.

    Returns
    -------
    pandas.Series of float, named ``instrument.key``, aligned with ``responses``.

    Examples
    --------
    >>> import pandas as pd
    >>> toy = Instrument("toy", "Toy", (Item("a", "", 0, 4), Item("b", "", 0, 4, reverse=True)),
    ...                  max_missing=1)
    >>> score(toy, pd.DataFrame({"a": [1, 2, None], "b": [0, None, None]})).tolist()
    [5.0, 4.0, nan]
    """
    missing_cols = [c for c in instrument.item_codes if c not in responses.columns]
    if missing_cols:
        raise KeyError(f"{instrument.name}: item column(s) missing: {', '.join(missing_cols)}")
    keyed = pd.DataFrame(index=responses.index)
    for item in instrument.items:
        raw = pd.to_numeric(responses[item.code], errors="raise").astype("float64")
        out_of_range = raw.notna() & ((raw < item.minimum) | (raw > item.maximum))
        if out_of_range.any():
            first = raw.index[out_of_range][0]
            raise ValueError(
                f"{instrument.name}: item {item.code} has {raw[first]} at index {first}, "
                f"outside {item.minimum}–{item.maximum}"
            )
        keyed[item.code] = (item.minimum + item.maximum - raw) if item.reverse else raw
    n_missing = keyed.isna().sum(axis=1)
    k = len(instrument.items)
    answered = k - n_missing
    item_sum = keyed.sum(axis=1, skipna=True)
    complete = n_missing == 0
    if instrument.combine == "sum":
        total = item_sum.where(complete, item_sum / answered.where(answered > 0) * k)
    else:
        total = item_sum / answered.where(answered > 0)
    total = total.where(n_missing <= instrument.max_missing, np.nan)
    return total.rename(instrument.key)
