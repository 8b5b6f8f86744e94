"""Synthetic record-level data for the Parenting Under Pressure evaluation.

``generate(out_dir)`` writes one CSV per table under ``out_dir / "parenting-under-pressure"``:
couples, parents, questionnaires, satisfaction, therapist_survey, referrer_survey, interviews,
interview_excerpts.
The data are invented. They are calibrated so that, read through :mod:`helpers.pup.data` and
scored with :mod:`helpers.pup.instruments`, they reproduce the report's counts exactly and its
means, SDs, t and p values and percentages to their printed rounding - except where the printed
figures contradict each other (see ``data/published/parenting-under-pressure.contradictions.yaml``).

Output is byte-identical between runs: fixed seeds, rows sorted by key, no floats written.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from helpers.published import published
from helpers.pup import SLUG
from helpers.pup.instruments import (
    ARGUMENTS,
    CORE10,
    CORE10_RISK_ITEM,
    CSI4,
    RISK,
    SATISFACTION,
)
from helpers.pup.synthetic._scores import (
    CUTOFF_HIGH,
    CUTOFF_LOW,
    ages,
    core10_paired,
    intake_only,
    paired_measure,
    sessions,
)
from helpers.pup.synthetic._search import SearchFailed, grim_sums, ss_range, vector_with

__all__ = ["SLUG", "SEED", "generate", "build_tables"]


SEED = 20200331
START = dt.date(2019, 4, 1)
END = dt.date(2020, 3, 31)


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


# ----------------------------------------------------------------------------------------------
# people and flow
# ----------------------------------------------------------------------------------------------

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


def build_tables(seed: int = SEED) -> dict[str, list[dict[str, Any]]]:
    """All tables as lists of row dicts (unsorted, values as Python objects)."""
    pub = published(SLUG)
    rng = random.Random(seed)
    flow, demo = pub["flow"], pub["demographics"]

    # ---- couples ------------------------------------------------------------------------------
    n_couples = flow["couples_referred"]
    days = sorted(rng.sample(range(7, (dt.date(2020, 2, 14) - START).days), n_couples))
    couple_ids = [f"C{i:03d}" for i in range(1, n_couples + 1)]
    referral = {c: START + dt.timedelta(days=d) for c, d in zip(couple_ids, days)}
    # offered couples: spread over the year, with the earliest ones more often offered
    offered = sorted(rng.sample(couple_ids[:60], flow["couples_offered"] - 4) +
                     rng.sample(couple_ids[60:], 4))
    reasons = ["domestic_violence_or_coercive_control"] * 11 + ["severe_mental_illness"] * 6 + \
        ["substance_misuse"] * 3 + ["court_proceedings"] * 3 + ["trauma_too_severe"] * 4 + \
        ["denied_problem"] * 4
    rng.shuffle(reasons)
    sources = ["social_worker", "early_support", "camhs", "school"]
    couples: list[dict[str, Any]] = []
    reason_iter = iter(reasons)
    for c in couple_ids:
        ok = c in offered
        couples.append({
            "couple_id": c,
            "referral_date": referral[c],
            "referral_source": rng.choices(sources, weights=[6, 3, 2, 1])[0],
            "screening_outcome": "offered" if ok else "not_suitable",
            "screening_reason": None if ok else next(reason_iter),
        })

    # ---- parents: flow ------------------------------------------------------------------------
    parents: dict[str, dict[str, Any]] = {}
    mother, father = {}, {}
    for k, c in enumerate(offered):
        for j, (gender, book) in enumerate((("female", mother), ("male", father))):
            pid = f"P{2 * k + j + 1:03d}"
            book[c] = pid
            parents[pid] = {"parent_id": pid, "couple_id": c, "gender": gender,
                            "assessed": False, "entered": False, "not_entered_reason": None}
    order = list(offered)
    rng.shuffle(order)
    both_entered = order[:22]                       # 44 parents
    mother_only = order[22:24]                      # 2 mothers; fathers assessed, did not begin
    excluded_couple = order[24:25]                  # both assessed, excluded on risk
    mother_assessed = order[25:26]                  # mother assessed, chose not to begin
    for c in both_entered:
        for pid in (mother[c], father[c]):
            parents[pid].update(assessed=True, entered=True)
    for c in mother_only:
        parents[mother[c]].update(assessed=True, entered=True)
        parents[father[c]].update(assessed=True, not_entered_reason="chose_not_to_begin")
    for c in excluded_couple:
        for pid in (mother[c], father[c]):
            parents[pid].update(assessed=True, not_entered_reason="excluded_after_assessment")
    for c in mother_assessed:
        parents[mother[c]].update(assessed=True, not_entered_reason="chose_not_to_begin")
    for p in parents.values():
        if not p["assessed"]:
            p["not_entered_reason"] = "declined_offer"

    entered = sorted(p for p, r in parents.items() if r["entered"])
    entered_f = [p for p in entered if parents[p]["gender"] == "female"]
    entered_m = [p for p in entered if parents[p]["gender"] == "male"]
    # the 17 pre/post completers: 6 fathers, 10 mothers and 1 mother who left gender blank
    core = core10_paired(pub["table_1_paired"], pub["reliable_change"]["reliable_and_clinically_significant"],
                         pub["measures"]["core10"]["reliable_change_points"], seed + 1)
    completers_m = rng.sample(entered_m, 6)
    completers_f = rng.sample(entered_f, 11)
    completers = completers_m + completers_f[:10] + completers_f[10:]
    gender_reported = dict(zip(completers, core.gender_reported))
    rest = [p for p in entered if p not in completers]
    rng.shuffle(rest)
    refused_post = rest[:4]                          # completed post but refused consent
    refused_intake = rest[4:6]                       # intake only, refused consent
    no_intake = rest[6:8]                            # entered, no usable intake questionnaire
    consented_intake_only = rest[8:]                 # 21 people
    assert len(consented_intake_only) == flow["parents_consented_intake_for_analysis"] - 17
    intake_people = completers + refused_post + refused_intake + consented_intake_only
    post_people = completers + refused_post
    for p in entered:
        parents[p]["gender_reported"] = gender_reported.get(p, parents[p]["gender"])
        if p in no_intake:
            parents[p]["gender_reported"] = None
    for p in parents.values():
        p.setdefault("gender_reported", None)
        p["research_consent"] = (True if p["parent_id"] in completers + consented_intake_only
                                 else False if p["parent_id"] in refused_post + refused_intake
                                 else None)

    # ---- sessions -----------------------------------------------------------------------------
    sess = sessions(pub["sessions"], len(intake_people), seed + 2)
    reliable_idx = [i for i in range(17) if core.pre[i] >= CUTOFF_HIGH and core.post[i] <= CUTOFF_LOW
                    and core.pre[i] - core.post[i] >= pub["measures"]["core10"]["reliable_change_points"]]
    reliable_people = [completers[i] for i in reliable_idx]
    other_post = [p for p in post_people if p not in reliable_people]
    rng.shuffle(other_post)
    incl: dict[str, int] = dict(zip(reliable_people, sess["reliable"]))
    incl.update(zip(other_post, sess["post_rest"]))
    other_intake = refused_intake + consented_intake_only
    rng.shuffle(other_intake)
    incl.update(zip(other_intake, sess["intake_rest"]))
    excl = _sessions_excluding(incl, intake_people, completers, pub, rng)
    for p in parents:
        if p in incl:
            parents[p]["sessions_including_assessment"] = incl[p]
            parents[p]["sessions_excluding_assessment"] = excl[p]
        elif parents[p]["entered"]:
            a = rng.choice((1, 2))
            parents[p]["sessions_including_assessment"] = a + rng.randint(1, 3)
            parents[p]["sessions_excluding_assessment"] = parents[p]["sessions_including_assessment"] - a
        elif parents[p]["assessed"]:
            parents[p]["sessions_including_assessment"] = rng.choice((1, 2))
            parents[p]["sessions_excluding_assessment"] = 0
        else:
            parents[p]["sessions_including_assessment"] = 0
            parents[p]["sessions_excluding_assessment"] = 0

    # ---- demographics (entered parents who completed the intake questionnaire) ---------------
    _demographics(parents, intake_people, demo, rng, seed)

    # ---- questionnaires -----------------------------------------------------------------------
    questionnaires, dates = _questionnaires(pub, core, completers, consented_intake_only,
                                            refused_post, refused_intake, parents, referral,
                                            incl, excl, rng, seed)

    # ---- satisfaction -------------------------------------------------------------------------
    extra_sat = sorted(consented_intake_only)[0]
    satisfaction = _satisfaction(pub, completers, extra_sat, refused_post, dates, rng)

    interviews = _interviews(parents, incl, mother, father, both_entered, mother_only, rng)
    return {
        "couples": couples,
        "parents": list(parents.values()),
        "questionnaires": questionnaires,
        "satisfaction": satisfaction,
        "therapist_survey": _therapists(pub, rng),
        "referrer_survey": _referrers(),
        "interviews": interviews,
        "interview_excerpts": _interview_excerpts(interviews),
    }


def _sessions_excluding(incl: dict[str, int], intake_people: list[str], completers: list[str],
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


def _demographics(parents: dict[str, dict[str, Any]], intake_people: list[str],
                  demo: dict[str, Any], rng: random.Random, seed: int) -> None:
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


def _date_between(a: dt.date, b: dt.date, rng: random.Random) -> dt.date:
    if b <= a:
        return a
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def _questionnaires(pub, core, completers, consented_only, refused_post, refused_intake, parents,
                    referral, incl, excl, rng, seed):
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


def _satisfaction(pub, completers, extra, refused_post, dates, rng):
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


def _therapists(pub, rng) -> list[dict[str, Any]]:
    rows = []
    reasons = ["referred_near_end"] * 3 + ["covid_19"] * 2 + ["other_commitments"] * 2 + \
        ["ambivalent_about_fit"]
    referrals = ["most_of_the_time"] * 6 + ["not_appropriate", "about_half"]
    understood = [True] * 7 + [False]
    no_concern = [True] * 5 + [False] * 3
    contact = ["little_or_none"] * 4 + ["good_working_relationship"] * 4
    for lst in (reasons, referrals, understood, no_concern, contact):
        rng.shuffle(lst)
    for k in range(10):
        full = k < 8
        row = {
            "therapist_id": f"T{k + 1:02d}",
            "heard_via": "tavistock_relationships" if k not in (3, 7) else "asian_family_counselling_service",
            "preparation": "four_day_training" if k % 2 == 0 else "previous_mbt_training",
            "referrals_appropriate": referrals[k] if full else None,
            "couples_understood": understood[k] if full else None,
            "safety_concerns": (not no_concern[k]) if full else None,
            "valued_co_therapist": True if full else None,
            "supervision_rating": "excellent" if full else None,
            "childrens_services_contact": contact[k] if full else None,
            "review_meeting_with_social_worker": False if full else None,
            "saw_positive_change_in_couples": True if full else None,
            "conflict_reduced_or_manageable": True if full else None,
            "positive_change_in_children": True if full else None,
            "main_non_completion_reason": reasons[k] if full else None,
        }
        rows.append(row)
    return rows


def _referrers() -> list[dict[str, Any]]:
    cc = "cannot_comment"
    table = [
        # relating to each other, to children, incident, work, plan, life event, helpful
        ("yes", "yes", "no", False, True, False, "yes"),
        ("no", cc, cc, False, False, False, cc),
        ("yes", cc, "no", False, False, True, "yes"),
        ("no", cc, cc, False, False, False, cc),
        ("yes", "yes", "yes", True, True, True, "yes"),
    ]
    keys = ("couple_relating_changed", "children_relating_changed", "incident_of_concern",
            "work_situation_changed", "social_work_plan_changed", "significant_life_event",
            "therapy_helpful")
    return [{"referrer_id": f"R{k + 1}", **dict(zip(keys, vals))} for k, vals in enumerate(table)]


def _interviews(parents, incl, mother, father, both_entered, mother_only, rng):
    """Eleven interviewed parents from eight families; which (illustrative) themes each endorsed."""
    both = sorted(both_entered, key=lambda c: rng.random())
    long_ = [c for c in both if incl.get(mother[c], 0) > 4 and incl.get(father[c], 0) > 4]
    short = [c for c in both if incl.get(mother[c], 99) <= 4 and incl.get(father[c], 99) <= 4]
    mixed = [c for c in both if c not in long_ and c not in short]
    chosen: list[str] = []
    # two couples with both parents over four sessions, one couple with both at four or fewer
    pair_couples = long_[:1] + short[:1] + mixed[:1]
    for c in pair_couples:
        chosen += [mother[c], father[c]]
    over = sum(incl.get(p, 0) > 4 for p in chosen)
    singles_pool = [mother[c] for c in both if c not in pair_couples]
    singles_pool += [father[c] for c in both if c not in pair_couples]
    fathers_needed = 1
    mothers_needed = 4
    target_over = 4
    for p in sorted(singles_pool, key=lambda x: rng.random()):
        if parents[p]["couple_id"] in {parents[q]["couple_id"] for q in chosen}:
            continue
        is_f = parents[p]["gender"] == "female"
        if (is_f and mothers_needed == 0) or (not is_f and fathers_needed == 0):
            continue
        over_if = over + (incl.get(p, 0) > 4)
        remaining = mothers_needed + fathers_needed - 1
        if over_if > target_over or over_if + remaining < target_over:
            continue
        chosen.append(p)
        over = over_if
        if is_f:
            mothers_needed -= 1
        else:
            fathers_needed -= 1
        if mothers_needed + fathers_needed == 0:
            break
    if len(chosen) != 11 or over != target_over:
        raise SearchFailed("could not choose eleven interviewees with four over four sessions")
    families = sorted({parents[p]["couple_id"] for p in chosen})
    family_no = {c: k + 1 for k, c in enumerate(sorted(families, key=lambda c: rng.random()))}
    fathers = sorted(p for p in chosen if parents[p]["gender"] == "male")
    paired_fathers = [p for p in fathers if parents[p]["couple_id"] in pair_couples]
    interpreted = paired_fathers[0]
    improved_living = fathers[-1]
    not_improved = sorted(p for p in chosen if parents[p]["gender"] == "female")[:2]
    suggestions = sorted(chosen)[:2]
    wishes = sorted(chosen)[2:5]
    rows = []
    for p in sorted(chosen):
        rows.append({
            "parent_id": p,
            "family": family_no[parents[p]["couple_id"]],
            "interpreted_by_partner": p == interpreted,
            "living_arrangements": "improved" if p == improved_living else "unchanged",
            "understanding_self_and_partner": True,
            "change_in_expression_and_communication": rng.random() < 0.7,
            "family_and_friends_noticed": incl.get(p, 0) > 4,
            "relationship_improved": p not in not_improved,
            "children_happier": rng.random() < 0.5,
            "therapy_helped_communication": rng.random() < 0.8,
            "specific_suggestion": p in suggestions,
            "personal_wish": p in wishes,
            "nothing_worse": True,
            "would_recommend": True,
            "in_line_with_social_work_plan": (True if rng.random() < 0.4 else None),
            "better_future_self": rng.random() < 0.8,
            "better_future_children": rng.random() < 0.7,
            "vignette_advice_calm_and_talk": rng.random() < 0.8,
        })
    return rows


#: Newly written, illustrative excerpts per interview theme (two each). Nobody said these words:
#: they stand in for transcript text, reflect the theme only in general terms, are gender-neutral
#: so that any interviewee can carry them, and are marked ``illustrative_synthetic`` in the data.
ILLUSTRATIVE_EXCERPTS: dict[str, tuple[str, str]] = {
    "living_arrangements": (
        "We live in the same place as before. What has changed is how the evenings feel at home.",
        "Nothing moved about who lives where. We just share the space more easily now.",
    ),
    "understanding_self_and_partner": (
        "I began to notice that some of my reactions go back to the way my own family argued.",
        "I used to read my partner's silence as not caring. I now see it was worry.",
    ),
    "change_in_expression_and_communication": (
        "I say what I need early on, rather than holding it in until it bursts out.",
        "I feel braver about bringing things up. Before, I would go quiet for days.",
    ),
    "family_and_friends_noticed": (
        "A cousin asked what had happened to us, because we seemed so much easier together.",
        "My friends say I don't ring them upset late at night any more.",
    ),
    "relationship_improved": (
        "We are kinder to each other. A disagreement is a conversation now, not a fight.",
        "It isn't perfect, but the tension has gone out of the house and we laugh again.",
    ),
    "children_happier": (
        "Our youngest used to go to his room when voices were raised. Now he stays with us.",
        "The children seem lighter. They are not watching our faces all the time.",
    ),
    "therapy_helped_communication": (
        "The therapists made us slow down and take turns. We still do that at home.",
        "Having someone in the room to stop us talking over each other was what helped most.",
    ),
    "specific_suggestion": (
        "Evening appointments would suit parents who work in the day.",
        "A catch-up session a few months later would help couples keep going.",
    ),
    "personal_wish": (
        "I would have liked one more session on my own before the joint ones.",
        "I wish the venue had been a bit nearer to where we live.",
    ),
    "nothing_worse": (
        "I can't name anything that got worse. At the least, things stayed as they were.",
        "No, nothing went backwards for us.",
    ),
    "would_recommend": (
        "I'd tell a friend to try it, especially if they keep having the same row.",
        "Yes, I would recommend it. Starting is hard but it pays off.",
    ),
    "better_future_self": (
        "Next year I hope to be back at college. I've started to think about my own plans.",
        "I feel more hopeful about myself than I have for a long time.",
    ),
    "better_future_children": (
        "I think they'll be more settled and do better at school because home is calmer.",
        "I want them to grow up seeing parents who sort things out by talking.",
    ),
    "vignette_advice_calm_and_talk": (
        "Step away, cool down, and then talk about the money when you are both calm.",
        "Keep the children out of it, take a breath, and ask for help if talking alone fails.",
    ),
    "in_line_with_social_work_plan": (
        "Our social worker knew about the sessions and said they fitted what we were working on.",
        "The social worker and the therapists were pulling in the same direction.",
    ),
}


def _interview_excerpts(interviews: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Two illustrative excerpts per theme, each given to a different interviewee who raised it.

    No random numbers are drawn (the other tables' draws are untouched): speakers rotate through
    the theme's raisers in parent order, starting at a different place for each theme.
    """
    from helpers.pup.data import INTERVIEW_THEME_COLUMNS, THEME_RAISED_VALUES

    rows: list[dict[str, Any]] = []
    by_id = sorted(interviews, key=lambda r: r["parent_id"])
    for t, theme in enumerate(INTERVIEW_THEME_COLUMNS):
        raised = THEME_RAISED_VALUES.get(theme, (True,))
        speakers = [r["parent_id"] for r in by_id if r[theme] in raised]
        if theme == "living_arrangements":  # the one parent whose arrangements improved first
            speakers.sort(key=lambda p: next(r[theme] for r in by_id if r["parent_id"] == p)
                          != "improved")
        else:
            speakers = speakers[t % len(speakers):] + speakers[:t % len(speakers)]
        for k, text in enumerate(ILLUSTRATIVE_EXCERPTS[theme]):
            rows.append({"excerpt_id": f"E{len(rows) + 1:02d}",
                         "parent_id": speakers[k % len(speakers)], "theme": theme,
                         "provenance": "illustrative_synthetic", "text": text})
    return rows


# ----------------------------------------------------------------------------------------------
# writing
# ----------------------------------------------------------------------------------------------

def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        raise TypeError("no floats are written; store counts and codes")
    return str(value)


def _write(path: Path, rows: list[dict[str, Any]], columns: list[str], key: list[str]) -> None:
    rows = sorted(rows, key=lambda r: tuple(str(r[k]) for k in key))
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow([_cell(r.get(c)) for c in columns])


def generate(out_dir: Path) -> list[Path]:
    """Write the synthetic tables under ``out_dir / "parenting-under-pressure"``; return the paths.

    Column order and keys come from the table specifications in :mod:`helpers.pup.data`, so the
    files always match what the loader expects.
    """
    from helpers.pup.data import TABLES

    tables = build_tables(SEED)
    folder = Path(out_dir) / SLUG
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, spec in TABLES.items():
        path = folder / f"{spec.name}.csv"
        _write(path, tables[name], list(spec.schema.columns), list(spec.key))
        written.append(path)
    return written
