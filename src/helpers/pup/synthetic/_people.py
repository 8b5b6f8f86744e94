"""Synthetic PuP people: therapy sessions excluding assessment, and demographics.

Both fill in the parents' table built by :func:`helpers.pup.synthetic.generator.build_tables`;
the sessions reproduce the report's mean and SD exactly (GRIM-pinned sums), the demographics its
category counts, with both members of a couple sharing a category where the counts allow.
"""

from __future__ import annotations

import random
from typing import Any

from helpers.pup.synthetic._scores import ages
from helpers.pup.synthetic._search import SearchFailed, grim_sums, ss_range, vector_with

__all__ = ["sessions_excluding", "assign_demographics"]


def _assign_shared(counts: dict[str, int], units: list[list[str]],
                   rng: random.Random) -> dict[str, str]:
    """Give each person a category, both members of a couple the same one where counts allow."""
    left = dict(counts)
    out: dict[str, str] = {}
    pairs = [u for u in units if len(u) == 2]
    singles = [p for u in units if len(u) == 1 for p in u]
    for u in pairs:
        options = [c for c, k in left.items() if k >= 2]
        if options:
            c = rng.choices(options, weights=[left[o] for o in options])[0]
            out[u[0]] = out[u[1]] = c
            left[c] -= 2
        else:
            singles.extend(u)
    pool = [c for c, k in left.items() for _ in range(k)]
    rng.shuffle(pool)
    if len(pool) != len(singles):
        raise SearchFailed("category counts do not match the number of people")
    out.update(dict(zip(singles, pool)))
    return out


def sessions_excluding(incl: dict[str, int], intake_people: list[str], completers: list[str],
                       pub: dict[str, Any], rng: random.Random) -> dict[str, int]:
    """Therapy sessions excluding assessment: mostly two assessment sessions fewer."""
    spec = pub["sessions"]["intake_44_excluding_assessment"]
    n = int(spec["n"])
    lo, hi = int(spec["min"]), int(spec["max"])
    target_in_range = pub["flow"]["parents_pre_post_with_6_to_10_sessions_post_assessment"]
    people = sorted(intake_people, key=lambda p: (-incl[p], p))
    in_range = set(sorted(completers, key=lambda p: (-incl[p], p))[:target_in_range])
    allowed = []
    top = people[0]
    for p in people:
        vals = [incl[p] - a for a in (2, 1, 3, 0) if lo <= incl[p] - a <= hi]
        if incl[p] == lo:
            vals = [lo]
        if p == top:
            vals = [hi]
        if p in completers:
            vals = [v for v in vals if (6 <= v <= 10) == (p in in_range)]
        if not vals:
            raise SearchFailed(f"no excluding-assessment count possible for {p}")
        allowed.append(sorted(vals))
    sums = grim_sums(n, spec["mean"], 2)
    squares = sorted({q for s in sums for q in ss_range(n, s, spec["sd"], 2)})
    values = vector_with(allowed, sums, squares, rng)
    return dict(zip(people, values))


def assign_demographics(parents: dict[str, dict[str, Any]], intake_people: list[str],
                        demo: dict[str, Any], rng: random.Random, seed: int) -> None:
    """Set each parent's demographic fields (blank unless they reported them), in place."""
    fields = ("ethnicity", "marital_status", "relationship_length_years", "qualification",
              "employment", "sexual_orientation", "age")
    for p in parents.values():
        for f in fields:
            p[f] = None
    n39 = demo["ethnicity"]["n"]
    reporters = sorted(rng.sample(sorted(intake_people), n39))

    def units(people: list[str]) -> list[list[str]]:
        by_couple: dict[str, list[str]] = {}
        for p in sorted(people):
            by_couple.setdefault(parents[p]["couple_id"], []).append(p)
        return list(by_couple.values())

    for field, key in (("ethnicity", "ethnicity"), ("marital_status", "marital_status"),
                       ("relationship_length_years", "relationship_length_years"),
                       ("qualification", "qualification"), ("employment", "employment")):
        counts = {k: v for k, v in demo[key].items() if k not in ("n", "printed_pct")}
        shared = field != "qualification" and field != "employment"
        if shared:
            got = _assign_shared(counts, units(reporters), rng)
        else:
            pool = [c for c, k in counts.items() for _ in range(k)]
            rng.shuffle(pool)
            got = dict(zip(reporters, pool))
        for p, v in got.items():
            parents[p][field] = v
    so = demo["sexual_orientation"]
    so_people = sorted(rng.sample(reporters, so["n"]))
    pool = [c for c, k in so.items() if c != "n" for _ in range(k)]
    rng.shuffle(pool)
    for p, v in zip(so_people, pool):
        parents[p]["sexual_orientation"] = v
    age_people = sorted(rng.sample(reporters, demo["age"]["n"]))
    for p, v in zip(age_people, ages(demo["age"], seed + 3)):
        parents[p]["age"] = v
