"""Integer score vectors whose summaries round to printed figures (feasibility checks and search).

The synthetic Parenting Under Pressure data must reproduce printed means, SDs and t-statistics to
their printed decimals. Totals are integer sums of integer items, so the search works on integer
vectors: first the arithmetic is checked (which integer sums round to a printed mean - the GRIM
test - and which integer sums of squares give a printed SD), then small cells are solved by
exhaustive enumeration (:func:`multisets`, :func:`pair_up`) and larger vectors by a seeded
hill-climb (:func:`vector_with`, :func:`pair_with_cross`).

Why hand-written: scipy's optimisers work on continuous variables; the problem here is a small
integer constraint-satisfaction problem with exact integer targets, for which a few dozen lines of
enumeration and seeded search are simpler and fully deterministic.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from scipy import stats

__all__ = [
    "Interval",
    "printed",
    "grim_sums",
    "ss_range",
    "t_interval",
    "SearchFailed",
    "multisets",
    "pair_up",
    "vector_with",
    "pair_with_cross",
    "sd",
]


class SearchFailed(RuntimeError):
    """No vector satisfying every constraint was found within the iteration budget."""


@dataclass(frozen=True)
class Interval:
    """Half-open interval ``[lo, hi)`` of real values that round to one printed figure."""

    lo: float
    hi: float

    def distance(self, x: float) -> float:
        """0 inside the interval (with a tiny safety margin), else the distance to it."""
        eps = 1e-9
        if x < self.lo + eps:
            return self.lo + eps - x
        if x > self.hi - eps:
            return x - self.hi + eps
        return 0.0

    def __contains__(self, x: float) -> bool:
        return self.distance(x) == 0.0


def printed(value: float, decimals: int) -> Interval:
    """Values that round (half up) to ``value`` at ``decimals`` decimal places."""
    half = 0.5 * 10.0 ** (-decimals)
    return Interval(value - half, value + half)


def grim_sums(n: int, mean: float, decimals: int, scale: int = 1) -> list[int]:
    """Integer sums ``s`` with ``s / (n * scale)`` rounding to ``mean`` (GRIM test).

    ``scale`` is the number of integer items averaged per person (e.g. 3 for a mean of 3 items),
    so scores are multiples of ``1 / scale``.
    """
    iv = printed(mean, decimals)
    m = n * scale
    return [s for s in range(math.floor(iv.lo * m) - 1, math.ceil(iv.hi * m) + 2)
            if s / m in iv]


def ss_range(n: int, total: int, sd: float, decimals: int, scale: int = 1) -> list[int]:
    """Integer sums of squares ``q`` (of integer scores) giving an SD that rounds to ``sd``.

    With ``scale`` > 1 the scores are integers / scale and ``q`` is the sum of squared integers.
    Parity is used too: sum of squares and sum of integers have the same parity.
    """
    iv = printed(sd, decimals)
    out = []
    base = total * total / n
    lo_q = math.floor(base + (n - 1) * (iv.lo * scale) ** 2) - 1
    hi_q = math.ceil(base + (n - 1) * (iv.hi * scale) ** 2) + 1
    for q in range(max(lo_q, 0), hi_q + 1):
        if (q - total) % 2:
            continue
        var = (q - base) / (n - 1)
        if var >= 0 and math.sqrt(var) / scale in iv:
            out.append(q)
    return out


def t_interval(t: float, t_decimals: int, p: float | None, p_decimals: int, df: int) -> Interval:
    """Values of a t statistic that round to the printed ``t`` and give a two-sided p rounding to ``p``."""
    iv = printed(t, t_decimals)
    if p is None:
        return iv
    piv = printed(p, p_decimals)
    # two-sided p = 2 * sf(|t|) decreases in |t|
    t_for_p_hi = stats.t.isf(piv.hi / 2, df)
    t_for_p_lo = stats.t.isf(max(piv.lo, 1e-300) / 2, df)
    lo, hi = sorted((t_for_p_hi, t_for_p_lo))
    if t < 0:
        lo, hi = -hi, -lo
    return Interval(max(iv.lo, lo), min(iv.hi, hi))


def _distance_to_set(x: float, allowed: Sequence[int]) -> float:
    return min(abs(x - a) for a in allowed)


def _nearest(allowed: Sequence[int], value: int) -> int:
    return min(allowed, key=lambda a: (abs(a - value), a))


def sd(values: Sequence[float]) -> float:
    """Sample standard deviation (n - 1 denominator)."""
    n = len(values)
    m = sum(values) / n
    return math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1))


def multisets(k: int, values: Sequence[int], total: int, squares: int) -> list[tuple[int, ...]]:
    """Every non-decreasing ``k``-tuple drawn from ``values`` with the given sum and sum of squares.

    Exhaustive depth-first enumeration with pruning on the remaining sum; used for cells of a
    handful of people, where it is fast and finds every solution (so failure means infeasible).
    """
    vals = sorted(set(values))
    out: list[tuple[int, ...]] = []

    def rec(start: int, left: int, s: int, q: int, acc: list[int]) -> None:
        if left == 0:
            if s == 0 and q == 0:
                out.append(tuple(acc))
            return
        for idx in range(start, len(vals)):
            v = vals[idx]
            if v * left > s:  # values only grow from here
                break
            if vals[-1] * left < s:
                return
            if v * v * left > q:
                break
            # the remaining left-1 values are >= v: their squares are at least (s - v)^2 / (left - 1)
            rest_s, rest_q = s - v, q - v * v
            if left > 1 and rest_s * rest_s > rest_q * (left - 1):
                continue
            acc.append(v)
            rec(idx, left - 1, rest_s, rest_q, acc)
            acc.pop()

    rec(0, k, total, squares, [])
    return out


def pair_up(pres: Sequence[tuple[int, ...]], posts: Sequence[tuple[int, ...]], cross: int,
            accept: Callable[[list[tuple[int, int]]], bool], rng: random.Random,
            limit: int = 20_000) -> list[tuple[int, int]] | None:
    """Pair a pre multiset with a post multiset so that sum(pre * post) == ``cross``.

    ``accept(pairs)`` can reject pairings (e.g. the wrong number of reliable changes). Tries the
    candidates in a seeded random order; returns the ``(pre, post)`` pairs or ``None``.
    """
    from itertools import permutations

    combos = [(a, b) for a in pres for b in posts]
    rng.shuffle(combos)
    for a, b in combos[:limit]:
        seen = set()
        for perm in permutations(b):
            if perm in seen:
                continue
            seen.add(perm)
            if sum(x * y for x, y in zip(a, perm)) != cross:
                continue
            pairs = list(zip(a, perm))
            if accept(pairs):
                return pairs
    return None


def vector_with(allowed: Sequence[Sequence[int]], sums: Sequence[int], squares: Sequence[int],
                rng: random.Random, iterations: int = 50_000, restarts: int = 8) -> list[int]:
    """An integer vector, position ``i`` drawn from ``allowed[i]``, with sum in ``sums`` and sum of
    squares in ``squares``.

    Seeded hill-climbing with occasional random kicks: moves shift one unit between two positions
    (keeping the sum) or change one position. Raises :class:`SearchFailed` when the budget runs out.
    """
    sums, squares = sorted(sums), sorted(squares)

    def cost(v: list[int]) -> float:
        return 8 * _distance_to_set(sum(v), sums) + _distance_to_set(sum(e * e for e in v), squares)

    c = math.inf
    for _ in range(restarts):
        x = [rng.choice(list(a)) for a in allowed]
        x, c = _climb(x, allowed, cost, rng, iterations)
        if c == 0:
            return x
    raise SearchFailed(f"no vector found (best cost {c})")


def _climb(x: list[int], allowed: Sequence[Sequence[int]], cost: Callable[[list[int]], float],
           rng: random.Random, iterations: int) -> tuple[list[int], float]:
    c = cost(x)
    n = len(x)
    for step in range(iterations):
        if c == 0:
            return x, c
        i, j = rng.randrange(n), rng.randrange(n)
        old_i, old_j = x[i], x[j]
        d = rng.choice((-2, -1, 1, 2))
        x[i] = _nearest(allowed[i], old_i + d)
        if i != j and rng.random() < 0.7:
            x[j] = _nearest(allowed[j], old_j - (x[i] - old_i))
        new = cost(x)
        if new <= c or rng.random() < 0.02:
            c = new
        else:
            x[i], x[j] = old_i, old_j
    return x, c


def pair_with_cross(pre: Sequence[int], post: Sequence[int], cross: int, rng: random.Random,
                    accept: Callable[[list[int]], bool] = lambda perm: True,
                    iterations: int = 200_000) -> list[int]:
    """Reorder ``post`` so that ``sum(pre[i] * post[i]) == cross`` (sets the SD of the differences).

    Seeded random swaps, accepted when they do not move away from the target. Returns the
    reordered post values; raises :class:`SearchFailed` when none is found.
    """
    y = list(post)
    rng.shuffle(y)
    n = len(y)
    c = abs(sum(a * b for a, b in zip(pre, y)) - cross)
    for step in range(iterations):
        if c == 0 and accept(y):
            return y
        i, j = rng.randrange(n), rng.randrange(n)
        delta = (pre[i] - pre[j]) * (y[j] - y[i])
        new = abs(sum(a * b for a, b in zip(pre, y)) + delta - cross)
        if new <= c or rng.random() < 0.01:
            y[i], y[j] = y[j], y[i]
            c = new
    raise SearchFailed(f"no pairing found (gap {c})")
