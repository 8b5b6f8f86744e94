"""Calibrated integer totals for the Parenting Under Pressure questionnaires and session counts.

Targets are read from the published figures (``data/published/parenting-under-pressure.yaml``);
the figures each search relaxes are the ones recorded as contradictions in
``data/published/parenting-under-pressure.contradictions.yaml`` (CORE-10 post-therapy SD of all 17,
the women's p value). Everything else is met exactly: sums and sums of squares are pinned by GRIM
arithmetic before any search, so a returned vector reproduces the printed mean and SD by
construction.

Units: CORE-10 totals 0-40, risk totals 0-20, CSI-4 totals 0-21, arguments as the *sum* of the three
items 0-9 (the score is that sum / 3), sessions as counts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from helpers.pup.synthetic._search import (
    SearchFailed,
    grim_sums,
    multisets,
    pair_up,
    pair_with_cross,
    ss_range,
    vector_with,
)

__all__ = ["PairedTotals", "core10_paired", "paired_measure", "intake_only", "sessions",
           "ages", "CUTOFF_HIGH", "CUTOFF_LOW", "exact_target"]

#: CORE-10 totals used for "above the cut-off" avoid the boundary value 11 (the report says both
#: "above 11" and "11 or more"): clinical totals are 12 or more, non-clinical 10 or less.
CUTOFF_HIGH = 12
CUTOFF_LOW = 10
_CORE_VALUES = [v for v in range(41) if v != 11]


def exact_target(n: int, mean: float, sd: float, decimals: int = 2,
                 scale: int = 1, first: bool = False) -> tuple[int, int]:
    """The integer (sum, sum of squares) pair giving a printed mean and SD.

    With ``first=True`` the smallest of several candidates is taken.

    Raises
    ------
    SearchFailed
        If none exists, or several do and ``first`` is False.
    """
    sums = grim_sums(n, mean, decimals, scale)
    pairs = [(s, q) for s in sums for q in ss_range(n, s, sd, decimals, scale)]
    if not pairs or (len(pairs) > 1 and not first):
        raise SearchFailed(f"mean {mean}, SD {sd}, n {n}: {len(pairs)} integer solutions")
    return pairs[0]


@dataclass(frozen=True)
class PairedTotals:
    """Pre/post CORE-10 totals of the 17 pre/post completers with their reported gender."""

    pre: tuple[int, ...]
    post: tuple[int, ...]
    gender_reported: tuple[str | None, ...]


def _targets(row: dict[str, Any], scale: int = 1) -> dict[str, tuple[int, int]]:
    n = row["n"]
    return {series: exact_target(n, *row[series], scale=scale) for series in ("pre", "post", "diff")}


def _cell_stats(pairs: list[tuple[int, int]]) -> dict[str, tuple[int, int]]:
    pre = [p for p, _ in pairs]
    post = [q for _, q in pairs]
    diff = [p - q for p, q in pairs]
    return {k: (sum(v), sum(x * x for x in v)) for k, v in (("pre", pre), ("post", post), ("diff", diff))}


def _cross(t: dict[str, tuple[int, int]]) -> int | None:
    twice = t["pre"][1] + t["post"][1] - t["diff"][1]
    return None if twice % 2 else twice // 2


def _reliable(pair: tuple[int, int], points: int) -> bool:
    pre, post = pair
    return pre >= CUTOFF_HIGH and post <= CUTOFF_LOW and pre - post >= points


def core10_paired(table1: list[dict[str, Any]], reliable_target: int, reliable_points: int,
                  seed: int) -> PairedTotals:
    """CORE-10 totals for the 17 that reproduce Table 1's CORE-10 rows and the reliable changes.

    Men and women rows fix each gender's (sum, sum of squares) of pre, post and difference; the
    17th person (no reported gender) is what is left of the "all" sums. The clinically distressed
    row fixes the same for the people with a pre total of 12 or more. Men's solutions are enumerated
    exhaustively (6 people); for each, the women's distressed and non-distressed cells are then
    fully determined and solved by enumeration too. The "all" post SD is not imposed: it cannot hold
    together with the men's and women's post SDs (see the contradictions file).
    """
    rows = {r["group"]: r for r in table1 if r["measure"] == "core10"}
    men, women, dis, all_ = (_targets(rows[g]) for g in
                             ("men", "women", "clinically_distressed_at_intake", "all"))
    # the person without reported gender: all minus men minus women
    u_pre = all_["pre"][0] - men["pre"][0] - women["pre"][0]
    u_post = all_["post"][0] - men["post"][0] - women["post"][0]
    if u_pre < CUTOFF_HIGH:
        raise SearchFailed("the 17th person would not be distressed; the search assumes it is")
    dis_rest = {k: (dis[k][0] - d, dis[k][1] - d * d)
                for k, d in (("pre", u_pre), ("post", u_post), ("diff", u_pre - u_post))}
    rng = random.Random(seed)
    men_pairs = _men_solutions(men)
    rng.shuffle(men_pairs)
    high = [v for v in _CORE_VALUES if v >= CUTOFF_HIGH]
    low = [v for v in _CORE_VALUES if v <= CUTOFF_LOW]
    for sol in men_pairs:
        md = [p for p in sol if p[0] >= CUTOFF_HIGH]
        rm = sum(_reliable(p, reliable_points) for p in md)
        x = _cell_stats(md) if md else {"pre": (0, 0), "post": (0, 0), "diff": (0, 0)}
        wd = {k: (dis_rest[k][0] - x[k][0], dis_rest[k][1] - x[k][1]) for k in x}
        wn = {k: (women[k][0] - wd[k][0], women[k][1] - wd[k][1]) for k in x}
        k_wd = rows["clinically_distressed_at_intake"]["n"] - 1 - len(md)
        k_wn = rows["women"]["n"] - k_wd
        if k_wd < 0 or k_wn < 0 or rm > reliable_target:
            continue
        c_wd, c_wn = _cross(wd), _cross(wn)
        if c_wd is None or c_wn is None or min(v[1] for v in (*wd.values(), *wn.values())) < 0:
            continue
        cands = [multisets(k_wd, high, *wd["pre"]), multisets(k_wd, _CORE_VALUES, *wd["post"]),
                 multisets(k_wn, low, *wn["pre"]), multisets(k_wn, _CORE_VALUES, *wn["post"])]
        if not all(cands):
            continue
        need = reliable_target - rm
        wd_pairs = pair_up(cands[0], cands[1], c_wd,
                           lambda ps: sum(_reliable(p, reliable_points) for p in ps) == need,
                           rng, limit=300)
        if wd_pairs is None:
            continue
        wn_pairs = pair_up(cands[2], cands[3], c_wn, lambda ps: True, rng, limit=300)
        if wn_pairs is None:
            continue
        people = ([(p, "male") for p in sol] + [(p, "female") for p in wd_pairs + wn_pairs]
                  + [((u_pre, u_post), None)])
        return PairedTotals(tuple(p[0][0] for p in people), tuple(p[0][1] for p in people),
                            tuple(p[1] for p in people))
    raise SearchFailed("no CORE-10 solution for Table 1")


def _men_solutions(men: dict[str, tuple[int, int]]) -> list[tuple[tuple[int, int], ...]]:
    from itertools import permutations

    cross = _cross(men)
    out = set()
    for a in multisets(6, _CORE_VALUES, *men["pre"]):
        for b in multisets(6, _CORE_VALUES, *men["post"]):
            for perm in set(permutations(b)):
                if sum(x * y for x, y in zip(a, perm)) == cross:
                    out.add(tuple(sorted(zip(a, perm))))
    return sorted(out)


def paired_measure(row: dict[str, Any], maximum: int, seed: int,
                   scale: int = 1) -> tuple[list[int], list[int]]:
    """Pre and post totals (integers, ``scale`` x the score) reproducing one Table 1 row exactly."""
    t = _targets(row, scale)
    n = row["n"]
    rng = random.Random(seed)
    values = [list(range(maximum + 1))] * n
    pre = vector_with(values, [t["pre"][0]], [t["pre"][1]], rng)
    post = vector_with(values, [t["post"][0]], [t["post"][1]], rng)
    cross = _cross(t)
    if cross is None:
        raise SearchFailed(f"{row['measure']}: sums of squares have the wrong parity")
    return pre, pair_with_cross(pre, post, cross, rng)


def intake_only(known: list[int], n_total: int, mean: float, sd: float, n_flagged: int,
                flagged: list[int], unflagged: list[int], seed: int) -> list[int]:
    """Totals for the rest of an intake sample so that all ``n_total`` give the printed mean/SD.

    ``known`` are the totals already fixed (the pre/post completers). ``n_flagged`` of the whole
    sample must lie in ``flagged`` values (e.g. above the cut-off), the rest in ``unflagged``.
    """
    rng = random.Random(seed)
    k = n_total - len(known)
    sums = [s - sum(known) for s in grim_sums(n_total, mean, 2)]
    q_known = sum(v * v for v in known)
    squares = sorted({q - q_known for s in grim_sums(n_total, mean, 2)
                      for q in ss_range(n_total, s, sd, 2)})
    already = sum(v in set(flagged) for v in known)
    need = n_flagged - already
    if not 0 <= need <= k:
        raise SearchFailed(f"{need} more flagged values needed among {k}")
    allowed = [flagged] * need + [unflagged] * (k - need)
    return vector_with(allowed, sums, squares, rng)


def sessions(spec: dict[str, dict[str, float]], n_total: int, seed: int) -> dict[str, list[int]]:
    """Session counts (including assessment) for nested groups: reliable 5 within the 21 within the 44.

    Returns lists ``reliable`` (5), ``post_rest`` (the other 16 of the 21) and ``intake_rest``
    (the other 23 of the 44), each meeting its group's printed n, min, max, mean and SD.
    """
    rng = random.Random(seed)
    rel, post, intake = (spec[k] for k in ("reliable_change_5", "post_21_including_assessment",
                                           "intake_44_including_assessment"))

    def target(g: dict[str, float]) -> tuple[int, int]:
        return exact_target(int(g["n"]), g["mean"], g["sd"], first=True)

    s5, q5 = target(rel)
    five = sorted(multisets(5, range(int(rel["min"]), int(rel["max"]) + 1), s5, q5))
    five = [m for m in five if m[0] == rel["min"] and m[-1] == rel["max"]]
    if not five:
        raise SearchFailed("no five session counts fit the reliable-change group")
    reliable = list(five[rng.randrange(len(five))])
    s21, q21 = target(post)
    rng_vals = list(range(int(post["min"]), int(post["max"]) + 1))
    allowed = [[int(post["min"])]] + [rng_vals] * (int(post["n"]) - 5 - 1)
    post_rest = vector_with(allowed, [s21 - s5], [q21 - q5], rng)
    s44, q44 = target(intake)
    vals = list(range(int(intake["min"]), int(intake["max"]) + 1))
    allowed = [[int(intake["min"])]] + [vals] * (n_total - int(post["n"]) - 1)
    intake_rest = vector_with(allowed, [s44 - s21], [q44 - q21], rng)
    return {"reliable": reliable, "post_rest": post_rest, "intake_rest": intake_rest}


def ages(spec: dict[str, float], seed: int) -> list[int]:
    """Ages in years meeting the printed n, min, max, mean (1 decimal) and SD (2 decimals)."""
    rng = random.Random(seed)
    n, lo, hi = int(spec["n"]), int(spec["min"]), int(spec["max"])
    sums = grim_sums(n, spec["mean"], 1)
    total = sums[len(sums) // 2]  # the sum nearest the printed mean
    squares = ss_range(n, total, spec["sd"], 2)
    allowed = [[lo], [hi]] + [list(range(lo, hi + 1))] * (n - 2)
    return vector_with(allowed, [total], squares, rng)
