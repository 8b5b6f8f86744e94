"""Synthetic PuP forms: the parents' questionnaires (item-level) and satisfaction forms.

Each calibrated total (from :mod:`helpers.pup.synthetic._scores`) is spread over the items of its
instrument so that scoring with :mod:`helpers.pup.instruments` gives the total back; the
satisfaction answers reproduce the report's item shares.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from helpers.pup.instruments import (
    ARGUMENTS,
    CORE10,
    CORE10_RISK_ITEM,
    CSI4,
    RISK,
    SATISFACTION,
)
from helpers.pup.synthetic._calendar import END
from helpers.pup.synthetic._scores import (
    CUTOFF_HIGH,
    CUTOFF_LOW,
    PairedTotals,
    intake_only,
    paired_measure,
)
from helpers.pup.synthetic._search import SearchFailed

__all__ = ["questionnaire_rows", "satisfaction_rows"]


def _pct_count(pct: float, n: int) -> int:
    """The one count k of n whose percentage rounds (half up) to the printed whole ``pct``."""
    ks = [k for k in range(n + 1) if int(100 * k / n + 0.5) == round(pct)]
    if len(ks) != 1:
        raise SearchFailed(f"{pct}% of {n}: {len(ks)} possible counts")
    return ks[0]


# ----------------------------------------------------------------------------------------------
# splitting totals into items
# ----------------------------------------------------------------------------------------------

def _split(total: int, maxima: Sequence[int], rng: random.Random,
           weights: Sequence[float] | None = None) -> list[int]:
    """Spread an integer total over items (each 0..max) roughly in proportion to ``weights``."""
    if not 0 <= total <= sum(maxima):
        raise ValueError(f"total {total} outside 0..{sum(maxima)}")
    w = list(weights) if weights is not None else [float(m) for m in maxima]
    wsum = sum(w)
    vals = [min(m, int(total * wi / wsum)) for m, wi in zip(maxima, w)]
    while sum(vals) < total:
        room = [i for i, m in enumerate(maxima) if vals[i] < m]
        i = rng.choices(room, weights=[w[j] + 0.2 for j in room])[0]
        vals[i] += 1
    for _ in range(len(vals)):  # some item-level noise, keeping the total
        i, j = rng.randrange(len(vals)), rng.randrange(len(vals))
        if i != j and vals[i] > 0 and vals[j] < maxima[j] and rng.random() < 0.5:
            vals[i] -= 1
            vals[j] += 1
    return vals


def _core_and_risk_items(core: int, risk: int, rng: random.Random) -> dict[str, int | None]:
    """Raw CORE-10 and extra risk items for one questionnaire with given CORE-10 and risk totals."""
    lo6 = max(0, core - 36, risk - 16)
    hi6 = min(4, core, risk)
    if lo6 > hi6:
        raise ValueError(f"CORE-10 {core} and risk {risk} cannot share item 6")
    r6 = min(hi6, max(lo6, round(risk / 5 + rng.uniform(-0.6, 0.6))))
    out: dict[str, int | None] = {}
    others = [i for i in CORE10.items if i.code != CORE10_RISK_ITEM]
    keyed = _split(core - r6, [4] * len(others), rng)
    for item, k in zip(others, keyed):
        out[item.code] = item.maximum - k if item.reverse else k
    out[CORE10_RISK_ITEM] = r6
    extra = [i for i in RISK.items if i.code != CORE10_RISK_ITEM]
    weights = {"coreom_06": 0.6, "coreom_09": 1.0, "coreom_24": 1.0, "coreom_34": 0.6}
    for item, k in zip(extra, _split(risk - r6, [4] * len(extra), rng,
                                     [weights.get(i.code, 1.0) for i in extra])):
        out[item.code] = k
    return out


def _csi_items(total: int, rng: random.Random) -> dict[str, int | None]:
    return {i.code: v for i, v in zip(CSI4.items, _split(total, [i.maximum for i in CSI4.items], rng))}


def _arg_items(total: int, rng: random.Random) -> dict[str, int | None]:
    return {i.code: v for i, v in zip(ARGUMENTS.items, _split(total, [3, 3, 3], rng, [1.2, 1.0, 0.3]))}


def _date_between(a: dt.date, b: dt.date, rng: random.Random) -> dt.date:
    if b <= a:
        return a
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def questionnaire_rows(
    pub: dict[str, Any], core: PairedTotals, completers: list[str], consented_only: list[str],
    refused_post: list[str], refused_intake: list[str], parents: dict[str, dict[str, Any]],
    referral: dict[str, dt.date], incl: dict[str, int], excl: dict[str, int],
    rng: random.Random, seed: int,
) -> tuple[list[dict[str, Any]], dict[tuple[str, str], dt.date]]:
    """Item-level intake and post questionnaires, and the date of each (parent, timepoint)."""
    rows: list[dict[str, Any]] = []
    t1 = {r["measure"]: r for r in pub["table_1_paired"] if r["group"] == "all"}
    risk_pre, risk_post = paired_measure(t1["risk"], 20, seed + 4)
    csi_pre, csi_post = paired_measure(t1["csi4"], 21, seed + 5)
    arg_pre, arg_post = paired_measure(t1["argument"], 9, seed + 6, scale=3)

    def by_rank(pre: list[int], post: list[int], reverse: bool = False) -> list[tuple[int, int]]:
        """Give the higher-distress people the higher (or, reversed, lower) values, with noise."""
        order = sorted(range(17), key=lambda i: core.pre[i] + rng.uniform(-6, 6))
        pairs = sorted(zip(pre, post), reverse=reverse)
        out: list[tuple[int, int]] = [(0, 0)] * 17
        for rank, i in enumerate(order):
            out[i] = pairs[rank]
        return out

    risk = by_rank(risk_pre, risk_post)
    csi = by_rank(csi_pre, csi_post, reverse=True)
    arg = by_rank(arg_pre, arg_post)
    intake = pub["intake"]
    n38 = intake["core10"]["n"]
    core_rest = intake_only(list(core.pre), n38, intake["core10"]["mean"], intake["core10"]["sd"],
                            _pct_count(intake["core10"]["above_cutoff_pct"], n38),
                            list(range(CUTOFF_HIGH, 37)), list(range(0, CUTOFF_LOW + 1)), seed + 7)
    csi_rest = intake_only([c[0] for c in csi], n38, intake["csi4"]["mean"], intake["csi4"]["sd"],
                           _pct_count(intake["csi4"]["below_13_5_pct"], n38),
                           list(range(0, 14)), list(range(14, 22)), seed + 8)
    scores: dict[tuple[str, str], tuple[int, int, int, int]] = {}
    for i, p in enumerate(completers):
        scores[(p, "intake")] = (core.pre[i], risk[i][0], csi[i][0], arg[i][0])
        scores[(p, "post")] = (core.post[i], risk[i][1], csi[i][1], arg[i][1])
    for k, p in enumerate(sorted(consented_only)):
        c = core_rest[k]
        scores[(p, "intake")] = (c, min(c // 4, rng.choice((0, 0, 0, 1, 2, 4))),
                                 csi_rest[k], min(9, max(0, round(c / 5) + rng.randint(-1, 1))))
    for p in refused_post + refused_intake:  # values never analysed; plausible, not calibrated
        c = rng.randint(4, 30)
        scores[(p, "intake")] = (c, rng.choice((0, 0, 1, 3)), rng.randint(2, 18), rng.randint(1, 6))
        if p in refused_post:
            c2 = max(0, c - rng.randint(-2, 9))
            scores[(p, "post")] = (c2, 0, rng.randint(4, 19), rng.randint(0, 5))
    dates: dict[tuple[str, str], dt.date] = {}
    prorated_done = False
    for (p, tp), (c, r, s, a) in sorted(scores.items()):
        ref = referral[parents[p]["couple_id"]]
        if tp == "intake":
            d = _date_between(ref + dt.timedelta(days=14), ref + dt.timedelta(days=35), rng)
            d = min(d, dt.date(2020, 3, 10))
        else:
            start = dates[(p, "intake")]
            d = start + dt.timedelta(days=7 * (excl[p] + 1) + rng.randint(0, 10))
            d = min(d, END)
            if d <= start:
                raise SearchFailed(f"{p}: no room for a post date after {start}")
        dates[(p, tp)] = d
        row: dict[str, Any] = {"parent_id": p, "timepoint": tp, "completed_date": d}
        row.update(_core_and_risk_items(c, r, rng))
        row.update(_csi_items(s, rng))
        row.update(_arg_items(a, rng))
        # one consented intake form with a skipped CORE-10 item, chosen so prorating gives the total
        if (not prorated_done and tp == "intake" and p in consented_only and c in (10, 20, 30)):
            for item in CORE10.items:
                keyed = row[item.code] if not item.reverse else item.maximum - row[item.code]
                if item.code != CORE10_RISK_ITEM and keyed == c // 10:
                    row[item.code] = None
                    prorated_done = True
                    break
        rows.append(row)
    return rows, dates


def satisfaction_rows(pub: dict[str, Any], completers: list[str], extra: str,
                      refused_post: list[str], dates: dict[tuple[str, str], dt.date],
                      rng: random.Random) -> list[dict[str, Any]]:
    """Satisfaction forms of the completers plus ``extra``, and of parents who refused consent."""
    spec = pub["service_satisfaction"]
    n = spec["n"]
    people = sorted(completers) + [extra]
    assert len(people) == n
    top_count = round(spec["top_items_certainly_true_pct"] / 100 * n)
    top = {"sat_01", "sat_02", "sat_06", "sat_07", "sat_08", "sat_11"}
    floor = int(spec["every_item_certainly_true_pct_over"] / 100 * n) + 1
    other_counts = iter([top_count - 3, top_count - 1, floor + 1, top_count - 2, floor])
    critical = sorted(people, key=lambda p: rng.random())  # who answers "partly true" first
    rows = []
    per_item: dict[str, set[str]] = {}
    for item in SATISFACTION.items:
        k = top_count if item.code in top else next(other_counts)
        pool = critical[: n - k + 3]
        per_item[item.code] = set(rng.sample(pool, n - k))
    for p in people:
        d = dates.get((p, "post"))
        if d is None:
            d = min(END, dates[(p, "intake")] + dt.timedelta(days=60))
        row = {"parent_id": p, "completed_date": d}
        row.update({code: 2 if p in per_item[code] else 1 for code in per_item})
        rows.append(row)
    for k, p in enumerate(sorted(refused_post)):  # not analysed; one says "not true"
        row = {"parent_id": p, "completed_date": dates[(p, "post")]}
        row.update({i.code: rng.choice((1, 1, 2)) for i in SATISFACTION.items})
        if k == 0:
            row["sat_07"] = 3
        rows.append(row)
    return rows
