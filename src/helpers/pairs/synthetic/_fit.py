"""Score vectors whose summaries round to printed PAIRS figures (seeded local search), and item splits.

The synthetic PAIRS data must reproduce printed means, SDs and paired t statistics to their printed
decimals. Scores live on a grid (whole numbers for item sums; halves for a mean of two goals; a few
prorated MORS totals, multiples of 7/6), so the search works on grid indices: a seeded annealing walk
changes one value, moves one step between two values (sum kept), or swaps two post values (pre and
post summaries kept, only the paired differences change) until every printed figure is hit.

Why hand-written: scipy's optimisers work on continuous variables; this is a small constraint
problem over a discrete grid with rounding intervals, for which a short annealing loop is simpler
and deterministic under a fixed seed. Sums and sums of squares are updated incrementally, so a
search of ~10^5 steps takes well under a second.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "Printed",
    "rounds_to",
    "Summary",
    "fit_vector",
    "fit_paired",
    "split_total",
    "SearchFailed",
]

_EPS = 1e-9


class SearchFailed(RuntimeError):
    """No vector met every target within the iteration budget."""


@dataclass(frozen=True)
class Printed:
    """A printed figure and its number of decimals (``Printed(26.53, 2)``)."""

    value: float
    decimals: int

    @property
    def half(self) -> float:
        return 0.5 * 10.0 ** (-self.decimals)

    def miss(self, x: float) -> float:
        """0 when ``x`` rounds to the printed value (strictly inside the interval), else how far
        outside it lies, in units of the half-width."""
        gap = abs(x - self.value) - (self.half - _EPS)
        return max(0.0, gap) / self.half


def rounds_to(x: float, printed: float, decimals: int) -> bool:
    """True when ``x`` rounds (half away from the boundary, strictly inside) to ``printed``."""
    return Printed(printed, decimals).miss(x) == 0.0


def _mean_sd(n: int, s: float, q: float) -> tuple[float, float]:
    mean = s / n
    var = (q - s * s / n) / (n - 1) if n > 1 else float("nan")
    return mean, math.sqrt(max(var, 0.0))


@dataclass(frozen=True)
class Summary:
    """Printed mean and SD of a set of values; ``extra`` = fixed values the set also contains."""

    mean: Printed
    sd: Printed | None = None
    extra: tuple[float, ...] = ()
    sd_weight: float = 1.0

    def miss(self, n: int, s: float, q: float) -> float:
        en = n + len(self.extra)
        es = s + sum(self.extra)
        eq = q + sum(v * v for v in self.extra)
        mean, sd = _mean_sd(en, es, eq)
        out = 4.0 * self.mean.miss(mean)
        if self.sd is not None:
            out += self.sd_weight * self.sd.miss(sd)
        return out


def _start(rng: random.Random, grid: Sequence[float], n: int, mean: float, sd: float) -> list[int]:
    idx = []
    for _ in range(n):
        x = rng.gauss(mean, sd)
        j = min(range(len(grid)), key=lambda k: abs(grid[k] - x))
        idx.append(j)
    return idx


def fit_vector(
    rng: random.Random,
    n: int,
    grid: Sequence[float],
    targets: Sequence[Summary],
    start_sd: float | None = None,
    max_steps: int = 200_000,
    strict: bool = True,
) -> list[float]:
    """Values on ``grid`` (sorted) whose summaries meet every target.

    Parameters
    ----------
    targets : sequence of Summary
        Each is checked on this vector plus that target's ``extra`` values.
    strict : bool
        If False, return the best vector found instead of raising :class:`SearchFailed` (used for
        printed sets that are infeasible by arithmetic; the caller records the contradiction).
    """
    first = targets[0]
    sd0 = start_sd if start_sd is not None else (first.sd.value if first.sd else 1.0)
    idx = _start(rng, grid, n, first.mean.value, sd0)
    s = sum(grid[j] for j in idx)
    q = sum(grid[j] ** 2 for j in idx)

    def penalty(s_: float, q_: float) -> float:
        return sum(t.miss(n, s_, q_) for t in targets)

    cur = penalty(s, q)
    best, best_idx = cur, list(idx)
    top = len(grid) - 1
    for step in range(max_steps):
        if cur == 0.0:
            break
        temp = 0.3 * (1.0 - step / max_steps) + 1e-3
        i = rng.randrange(n)
        if rng.random() < 0.5:  # one value up or down
            d = rng.choice((-1, 1))
            ni = idx[i] + d
            if not 0 <= ni <= top:
                continue
            ns = s - grid[idx[i]] + grid[ni]
            nq = q - grid[idx[i]] ** 2 + grid[ni] ** 2
            changes = ((i, ni),)
        else:  # one step from i to j: sum nearly kept, spread changes
            j = rng.randrange(n)
            if i == j:
                continue
            ni, nj = idx[i] + 1, idx[j] - 1
            if ni > top or nj < 0:
                continue
            ns = s - grid[idx[i]] - grid[idx[j]] + grid[ni] + grid[nj]
            nq = q - grid[idx[i]] ** 2 - grid[idx[j]] ** 2 + grid[ni] ** 2 + grid[nj] ** 2
            changes = ((i, ni), (j, nj))
        new = penalty(ns, nq)
        if new <= cur or rng.random() < math.exp(-(new - cur) / temp):
            for k, v in changes:
                idx[k] = v
            s, q, cur = ns, nq, new
            if cur < best:
                best, best_idx = cur, list(idx)
    if best > 0.0 and strict:
        raise SearchFailed(f"no vector of {n} met the targets (best miss {best:.3f})")
    return [grid[j] for j in best_idx]


def fit_paired(
    rng: random.Random,
    n: int,
    grid: Sequence[float],
    pre: Summary,
    post: Summary,
    t: Printed,
    max_steps: int = 400_000,
) -> tuple[list[float], list[float]]:
    """Pre and post values on ``grid`` meeting the printed pre/post mean and SD and paired t.

    ``t`` is the printed paired t statistic of the differences **pre − post** (scipy's
    ``ttest_rel(pre, post)`` convention, which the report's signs follow).
    """
    a = _start(rng, grid, n, pre.mean.value, pre.sd.value if pre.sd else 1.0)
    # start post correlated with pre (rank order), so the differences have a moderate spread
    b_vals = sorted(_start(rng, grid, n, post.mean.value, post.sd.value if post.sd else 1.0))
    order = sorted(range(n), key=lambda k: (grid[a[k]] + rng.gauss(0, 2.0)))
    b = [0] * n
    for rank, k in enumerate(order):
        b[k] = b_vals[rank]
    g = grid
    sa, qa = sum(g[j] for j in a), sum(g[j] ** 2 for j in a)
    sb, qb = sum(g[j] for j in b), sum(g[j] ** 2 for j in b)
    sd_ = sum(g[x] - g[y] for x, y in zip(a, b))
    qd = sum((g[x] - g[y]) ** 2 for x, y in zip(a, b))

    def t_of(s_d: float, q_d: float) -> float:
        mean, sd = _mean_sd(n, s_d, q_d)
        return mean / (sd / math.sqrt(n)) if sd > 0 else float("inf")

    def penalty(sa_, qa_, sb_, qb_, sd__, qd__) -> float:
        tv = t_of(sd__, qd__)
        tm = t.miss(tv) if math.isfinite(tv) else 1e6
        return pre.miss(n, sa_, qa_) + post.miss(n, sb_, qb_) + tm

    cur = penalty(sa, qa, sb, qb, sd_, qd)
    top = len(g) - 1
    for step in range(max_steps):
        if cur == 0.0:
            return [g[j] for j in a], [g[j] for j in b]
        temp = 0.3 * (1.0 - step / max_steps) + 1e-3
        i = rng.randrange(n)
        kind = rng.random()
        j = rng.randrange(n)
        if kind < 0.15:  # one pre value up or down
            v = a[i] + rng.choice((-1, 1))
            if not 0 <= v <= top:
                continue
            moves = ((i, v, b[i]),)
        elif kind < 0.3:  # one post value up or down
            v = b[i] + rng.choice((-1, 1))
            if not 0 <= v <= top:
                continue
            moves = ((i, a[i], v),)
        elif i == j:
            continue
        elif kind < 0.5:  # one step between two pre values (pre sum kept)
            if a[i] >= top or a[j] <= 0:
                continue
            moves = ((i, a[i] + 1, b[i]), (j, a[j] - 1, b[j]))
        elif kind < 0.7:  # one step between two post values (post sum kept)
            if b[i] >= top or b[j] <= 0:
                continue
            moves = ((i, a[i], b[i] + 1), (j, a[j], b[j] - 1))
        else:  # swap two post values: only the differences change
            moves = ((i, a[i], b[j]), (j, a[j], b[i]))
        nsa, nqa, nsb, nqb, nsd, nqd = sa, qa, sb, qb, sd_, qd
        for k, va, vb in moves:
            nsa += g[va] - g[a[k]]
            nqa += g[va] ** 2 - g[a[k]] ** 2
            nsb += g[vb] - g[b[k]]
            nqb += g[vb] ** 2 - g[b[k]] ** 2
            old_d, new_d = g[a[k]] - g[b[k]], g[va] - g[vb]
            nsd += new_d - old_d
            nqd += new_d**2 - old_d**2
        new = penalty(nsa, nqa, nsb, nqb, nsd, nqd)
        if new <= cur or rng.random() < math.exp(-(new - cur) / temp):
            for k, va, vb in moves:
                a[k], b[k] = va, vb
            sa, qa, sb, qb, sd_, qd, cur = nsa, nqa, nsb, nqb, nsd, nqd, new
    raise SearchFailed(f"no paired vectors of {n} met the targets (miss {cur:.3f})")


def split_total(rng: random.Random, total: int, n_items: int, lo: int, hi: int) -> list[int]:
    """Split a whole-number ``total`` into ``n_items`` whole items each within ``lo``..``hi``.

    Starts from the most even split and makes random one-point transfers, so item patterns vary
    while the sum stays exact.
    """
    if not n_items * lo <= total <= n_items * hi:
        raise ValueError(f"total {total} cannot be split into {n_items} items of {lo}-{hi}")
    base, rem = divmod(total - n_items * lo, n_items)
    items = [lo + base + (1 if k < rem else 0) for k in range(n_items)]
    rng.shuffle(items)
    for _ in range(3 * n_items):
        i, j = rng.randrange(n_items), rng.randrange(n_items)
        if i != j and items[i] < hi and items[j] > lo:
            items[i] += 1
            items[j] -= 1
    return items
