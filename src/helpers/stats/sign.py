"""Exact sign test for counts of changes in each direction (and McNemar's test, which is the same).

Used where the data are a handful of ±1 steps (a level that went up or down one step, a parent
who moved into or out of a group): a rank test's normal approximation has nothing to rank there,
so the p-value comes from the binomial distribution of the number of changes in one direction,
given the number of changes, under p = ½ (two-sided, :func:`scipy.stats.binomtest`; R's
``binom.test``). No change at all gives ``NaN`` with the reason in ``note``, never 1.0.

McNemar's exact test on a 2×2 table of paired yes/no answers is this test applied to the two
discordant cells (those who changed), so :func:`exact_sign_test` serves both.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

__all__ = ["SignTest", "exact_sign_test"]


@dataclass(frozen=True)
class SignTest:
    """Result of :func:`exact_sign_test`.

    Attributes
    ----------
    up, down : int
        Changes in each direction (e.g. better / worse, or entered / left).
    n : int
        ``up + down``: the changes the test uses (no-change pairs are left out).
    p : float
        Two-sided exact binomial p-value under p = ½; ``NaN`` when ``n == 0``.
    note : str
        Why ``p`` is ``NaN`` (empty otherwise).
    """

    up: int
    down: int
    n: int
    p: float
    note: str = ""

    def to_frame(self) -> pd.DataFrame:
        """One-row DataFrame of the attributes, unrounded."""
        return pd.DataFrame([asdict(self)])


def exact_sign_test(up: int, down: int) -> SignTest:
    """Two-sided exact sign test of ``up`` changes one way against ``down`` the other way.

    >>> round(exact_sign_test(13, 11).p, 4)
    0.8388
    >>> exact_sign_test(0, 0).note
    'no change in either direction: nothing to test'
    """
    from scipy.stats import binomtest

    for name, value in (("up", up), ("down", down)):
        if isinstance(value, bool) or int(value) != value or value < 0:
            raise ValueError(f"exact_sign_test: {name} must be a count (whole number ≥ 0), got {value!r}")
    up, down = int(up), int(down)
    n = up + down
    if n == 0:
        return SignTest(up, down, 0, float("nan"), "no change in either direction: nothing to test")
    return SignTest(up, down, n, float(binomtest(up, n, 0.5, alternative="two-sided").pvalue))
