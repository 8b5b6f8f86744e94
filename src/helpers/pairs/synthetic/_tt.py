"""Synthetic Together Time, Circle of Security Parenting and qualitative-sample records (PAIRS).

Counts and summaries are the printed PAIRS figures (data/published/pairs.yaml); where they cannot all
hold, the relaxation is the one recorded in data/published/pairs.contradictions.yaml. Nothing here
is real data, and no free text is generated (goal themes are coded categories).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import pandas as pd

from helpers.pairs.instruments import PRFQ_REVERSE_ITEMS
from helpers.pairs.synthetic._fit import (
    Printed,
    Summary,
    fit_paired,
    fit_vector,
    split_total,
)
from helpers.pairs.synthetic._pip import _PRORATED, _exact, mors_row

__all__ = ["TtTables", "make_tt", "make_cosp", "make_qualitative", "GOAL_THEMES"]

#: Coded goal themes (categories written for this book from the report's summary of what parents
#: wanted from Together Time); no goal wording is stored.
GOAL_THEMES = ("understand_child", "child_development", "enjoy_time_together", "meet_other_parents",
               "feel_less_anxious")

_FIRST_START = dt.date(2018, 10, 11)
_LAST_END = dt.date(2023, 7, 14)
_PROGRAMME_DAYS = 35  # six weekly sessions: first to last session


@dataclass
class TtTables:
    """Together Time tables as generated."""

    participants: pd.DataFrame
    questionnaires: pd.DataFrame
    goals: pd.DataFrame
    service_users: pd.DataFrame
    imd: pd.DataFrame


def _presentation_starts(rng: random.Random) -> list[dt.date]:
    """Start dates of the 19 presentations with outcome data: 6 before the March 2020 lockdown and
    13 from June 2021, evenly spread with a few days' jitter, first and last on the window edges."""
    last_start = _LAST_END - dt.timedelta(days=_PROGRAMME_DAYS)
    periods = ((_FIRST_START, dt.date(2020, 1, 20), 6), (dt.date(2021, 6, 3), last_start, 13))
    starts: list[dt.date] = []
    for lo, hi, n in periods:
        step = (hi - lo).days / (n - 1)
        for k in range(n):
            jitter = 0 if k in (0, n - 1) else rng.randint(-6, 6)
            starts.append(lo + dt.timedelta(days=round(k * step) + jitter))
    starts[0], starts[-1] = _FIRST_START, last_start
    return starts


def _with_extra_prorated(rng: random.Random, n: int, target: Summary) -> tuple[list[float], int]:
    """A few (``n`` <= 3) MORS totals meeting ``target``, found by enumeration.

    Whole totals are tried first, then combinations with one, then two prorated totals (multiples
    of 7/6, one item missing). Returns the values and how many are prorated.
    """
    import itertools

    whole = list(range(36))
    for k in range(n + 1):
        found = []
        for combo in itertools.combinations_with_replacement(whole, n - k):
            for pro in itertools.combinations_with_replacement(_PRORATED, k):
                vals = [*combo, *pro]
                if target.miss(n, sum(vals), sum(v * v for v in vals)) == 0.0:
                    found.append(vals)
        if found:
            vals = list(rng.choice(found))
            rng.shuffle(vals)
            return vals, k
    raise RuntimeError("MORS set infeasible even with prorated totals")


def _prfq_items(rng: random.Random, total: int) -> dict[str, int]:
    keyed = split_total(rng, total, 18, 1, 7)
    return {f"prfq_{k + 1:02d}": (8 - v if (k + 1) in PRFQ_REVERSE_ITEMS else v)
            for k, v in enumerate(keyed)}


def make_tt(rng: random.Random) -> TtTables:
    """Generate the Together Time tables."""
    starts = _presentation_starts(rng)
    n_data, n_nodata, n_noconsent = 114, 4, 2
    n_all = n_data + n_nodata + n_noconsent
    # presentation of each participant: every presentation has at least three
    pres = [k % 19 for k in range(n_all)]
    rng.shuffle(pres)
    roles_data = ["father"] * 6 + ["mother"] * 108
    rng.shuffle(roles_data)
    roles = roles_data + ["mother"] * (n_nodata + n_noconsent)
    eth = _exact(rng, {"asian": 4, "black": 18, "mixed": 5, "white": 55, "not_stated": 20,
                       None: 16}, 118) + ["white", None]
    ages = _tt_ages(rng, n_data) + [rng.randint(20, 45) for _ in range(n_nodata + n_noconsent)]
    consent = [True] * (n_data + n_nodata) + [False] * n_noconsent
    pid = [f"T{k + 1:03d}" for k in range(n_all)]
    participants = pd.DataFrame({
        "participant_id": pid,
        "presentation": [p + 1 for p in pres],
        "start_date": [starts[p] for p in pres],
        "end_date": [starts[p] + dt.timedelta(_PROGRAMME_DAYS) for p in pres],
        "role": roles,
        "ethnicity_group": eth,
        "age": ages,
        "data_consent": consent,
    })

    # ---- who has which measure (indices into the 114 with data) -------------------------------
    idx = list(range(n_data))
    rng.shuffle(idx)
    mors_pair, mors_start_only, mors_end_only = idx[:59], idx[59:95], idx[95:98]
    mors_start = set(idx[:95])
    prfq_pool = rng.sample(idx[:104], 104)
    prfq_pair = prfq_pool[:76]
    prfq_start_only = prfq_pool[76:92]
    prfq_end_only = [i for i in idx[:95] if i not in set(prfq_pool[:92])][:2]
    if len(prfq_end_only) != 2:
        raise RuntimeError("too few MORS starters outside the PRFQ starters")
    loaf_pool = list(mors_end_only) + [i for i in rng.sample(idx, n_data) if i not in mors_end_only]
    loaf_pair, loaf_start_only = loaf_pool[:84], loaf_pool[84:85]
    start_rows = mors_start | set(prfq_pair) | set(prfq_start_only) | set(loaf_pool[:85])
    uncovered = [i for i in idx if i not in start_rows]
    goal_people = uncovered + [i for i in rng.sample(idx, n_data) if i not in set(uncovered)]
    goal_people = goal_people[:99]
    goal_pair = rng.sample(goal_people, 28)

    # ---- scores ------------------------------------------------------------------------------
    scores: dict[tuple[int, str], dict] = {}

    def put(i: int, tp: str, **kw) -> None:
        scores.setdefault((i, tp), {}).update(kw)

    grid = list(range(36))
    w_pre, w_post = fit_paired(rng, 59, grid, Summary(Printed(25.73, 2), Printed(3.12, 2)),
                               # post SD aimed at 3.229 (inside the printed 3.23): of the sums
                               # of squares that round to 3.23 only this one leaves the three
                               # end-only totals a solution (two of them prorated)
                               Summary(Printed(26.86, 2), Printed(3.229, 3)), Printed(-2.35, 2))
    i_pre, i_post = fit_paired(rng, 59, grid, Summary(Printed(10.80, 2), Printed(4.06, 2)),
                               Summary(Printed(9.41, 2), Printed(4.32, 2)), Printed(2.65, 2))
    w_start_only = fit_vector(rng, 36, grid, [Summary(Printed(26.56, 2), Printed(4.67, 2),
                                                      extra=tuple(w_pre))], start_sd=6.0)
    i_start_only = fit_vector(rng, 36, grid, [Summary(Printed(10.72, 2), Printed(4.82, 2),
                                                      extra=tuple(i_pre))], start_sd=6.0)
    w_end_only, _ = _with_extra_prorated(rng, 3, Summary(Printed(26.63, 2), Printed(4.06, 2),
                                                      extra=tuple(w_post)))
    i_end_only, _ = _with_extra_prorated(rng, 3, Summary(Printed(9.50, 2), Printed(4.39, 2),
                                                      extra=tuple(i_post)))
    for k, i in enumerate(mors_pair):
        put(i, "start", mors=(w_pre[k], i_pre[k]))
        put(i, "end", mors=(w_post[k], i_post[k]))
    for k, i in enumerate(mors_start_only):
        put(i, "start", mors=(w_start_only[k], i_start_only[k]))
    for k, i in enumerate(mors_end_only):
        put(i, "end", mors=(w_end_only[k], i_end_only[k]))

    pgrid = list(range(18, 127))
    p_pre, p_post = fit_paired(rng, 76, pgrid, Summary(Printed(69.20, 2), Printed(9.22, 2)),
                               Summary(Printed(71.80, 2), Printed(10.00, 2)), Printed(-3.99, 2))
    p_start_only = fit_vector(rng, 16, pgrid, [Summary(Printed(68.99, 2), Printed(9.66, 2),
                                                       extra=tuple(p_pre))], start_sd=11.0)
    # infeasible by arithmetic (contradiction prfq-end-sd): keep the mean, get the SD as close as
    # the two values allow
    p_end_only = fit_vector(rng, 2, pgrid, [Summary(Printed(72.14, 2), Printed(10.02, 2),
                                                    extra=tuple(p_post), sd_weight=0.01)],
                            strict=False)
    for k, i in enumerate(prfq_pair):
        put(i, "start", prfq=p_pre[k])
        put(i, "end", prfq=p_post[k])
    for k, i in enumerate(prfq_start_only):
        put(i, "start", prfq=p_start_only[k])
    for k, i in enumerate(prfq_end_only):
        put(i, "end", prfq=p_end_only[k])

    start_levels = [1] * 46 + [2] * 24 + [3] * 11 + [4] * 3   # paired children, before
    end_levels = [1] * 45 + [2] * 27 + [3] * 10 + [4] * 2     # paired children, after
    noisy = sorted(range(84), key=lambda k: start_levels[k] + rng.gauss(0, 0.6))
    rng.shuffle(loaf_pair)
    for rank, k in enumerate(noisy):
        put(loaf_pair[k], "start", loaf=start_levels[k])
        put(loaf_pair[k], "end", loaf=end_levels[rank])
    put(loaf_start_only[0], "start", loaf=2)

    q_rows = []
    for (i, tp), s in sorted(scores.items()):
        pres_i = pres[i]
        date = starts[pres_i] + (dt.timedelta(_PROGRAMME_DAYS) if tp == "end" else dt.timedelta(0))
        rec: dict = {"participant_id": pid[i], "timepoint": tp, "completed_date": date}
        if "mors" in s:
            rec.update(mors_row(rng, *s["mors"]))
        if "prfq" in s:
            rec.update(_prfq_items(rng, int(s["prfq"])))
        rec["loaf_level"] = s.get("loaf")
        q_rows.append(rec)
    # the two non-consented participants also returned questionnaires (they must be excluded)
    for i in range(n_data + n_nodata, n_all):
        rec = {"participant_id": pid[i], "timepoint": "start", "completed_date": starts[pres[i]]}
        rec.update(mors_row(rng, 20.0, 18.0))
        rec["loaf_level"] = 3
        q_rows.append(rec)
    questionnaires = pd.DataFrame(q_rows)
    cols = (["participant_id", "timepoint", "completed_date"]
            + [f"mors_{k:02d}" for k in range(1, 15)] + [f"prfq_{k:02d}" for k in range(1, 19)]
            + ["loaf_level"])
    for c in cols:
        if c not in questionnaires:
            questionnaires[c] = None
    questionnaires = questionnaires[cols]

    # ---- goals: paired parents have two goals (score = mean of two, on a half-point grid) --------
    half = [k / 2 for k in range(21)]
    g_pre, g_post = fit_paired(rng, 28, half, Summary(Printed(5.18, 2), Printed(2.04, 2)),
                               Summary(Printed(7.73, 2), Printed(1.42, 2)), Printed(-8.41, 2))
    g_rows = []
    pair_pos = {i: k for k, i in enumerate(goal_pair)}
    for i in sorted(goal_people):
        if i in pair_pos:
            k = pair_pos[i]
            starts_r = _split_two(rng, g_pre[k])
            ends_r = _split_two(rng, g_post[k])
        else:
            n_goals = rng.choice((1, 1, 2, 2, 3))
            starts_r = [rng.randint(1, 8) for _ in range(n_goals)]
            ends_r = [None] * n_goals
        themes = rng.sample(GOAL_THEMES, len(starts_r))
        for g, (a, b) in enumerate(zip(starts_r, ends_r), start=1):
            g_rows.append({"participant_id": pid[i], "goal_number": g, "theme": themes[g - 1],
                           "start_rating": a, "end_rating": b})
    goals = pd.DataFrame(g_rows)

    # ---- engagement register: 198 service users (99 adult-infant pairs), 21 presentations ------
    reg_starts = starts + [dt.date(2023, 9, 14), dt.date(2024, 1, 11)]
    adults = ["mother"] * 95 + ["father"] * 4
    rng.shuffle(adults)
    fam_pres = sorted(rng.choice(range(len(reg_starts))) for _ in range(99))
    su_rows = []
    for f in range(99):
        sessions = rng.choice((2, 3, 4, 5, 5, 6, 6, 6))
        for who in (adults[f], "infant"):
            su_rows.append({"service_user_id": f"U{len(su_rows) + 1:03d}", "family_id": f"F{f + 1:03d}",
                            "presentation": fam_pres[f] + 1, "user_type": who,
                            "first_session_date": reg_starts[fam_pres[f]],
                            "sessions_attended": sessions})
    service_users = pd.DataFrame(su_rows)

    # ---- IMD: adult and infant record for each participant with data (same postcode) ----------
    adult_dec = _exact(rng, {2: 45, 3: 22, 4: 22, 5: 7, 6: 9, 7: 2, None: 7}, 114)
    imd_rows = []
    data_people = sorted(set(range(n_data)))
    for k, i in enumerate(data_people):
        for person in ("adult", "infant"):
            imd_rows.append({"service": "together_time", "person_id": pid[i], "person": person,
                             "address_sequence": 1, "imd_decile": adult_dec[k]})
    imd = pd.DataFrame(imd_rows)
    return TtTables(participants, questionnaires, goals, service_users, imd)


def _split_two(rng: random.Random, mean: float) -> list[int]:
    total = int(round(2 * mean))
    a = rng.randint(max(0, total - 10), min(10, total))
    return [a, total - a]


def _tt_ages(rng: random.Random, n: int) -> list[int]:
    """Whole ages 18-54 whose mean rounds to 33.54 (printed range and mean)."""
    while True:
        ages = [min(50, max(20, round(rng.gauss(33.5, 5)))) for _ in range(n)]
        ages[0], ages[1] = 18, 54
        target = 3823 + rng.randint(0, 1)
        for _ in range(10_000):
            diff = target - sum(ages)
            if diff == 0:
                break
            k = rng.randrange(2, n)
            step = 1 if diff > 0 else -1
            if 19 <= ages[k] + step <= 53:
                ages[k] += step
        if sum(ages) == target:
            rng.shuffle(ages)
            return ages


def make_cosp(rng: random.Random) -> pd.DataFrame:
    """113 Circle of Security Parenting attendees, autumn 2018 - summer 2021; 62 completed."""
    group_starts = [dt.date(2018, 9, 17), dt.date(2019, 1, 14), dt.date(2019, 4, 29),
                    dt.date(2019, 9, 16), dt.date(2020, 1, 13), dt.date(2020, 6, 8),
                    dt.date(2020, 9, 14), dt.date(2021, 1, 11), dt.date(2021, 4, 26),
                    dt.date(2021, 6, 7)]
    groups = sorted(k % len(group_starts) for k in range(113))
    roles = _exact(rng, {"mother": 96, "father": 6, "other": 4, None: 7}, 113)
    done = _exact(rng, {True: 62, False: 51}, 113)
    rows = []
    for k in range(113):
        g = groups[k]
        start = group_starts[g]
        rows.append({
            "attendee_id": f"S{k + 1:03d}",
            "group_id": f"G{g + 1:02d}",
            "group_start_date": start,
            "delivery": "online" if dt.date(2020, 3, 23) <= start <= dt.date(2021, 6, 30)
            else "in_person",
            "role": roles[k],
            "sessions_attended": rng.randint(6, 8) if done[k] else rng.randint(1, 5),
            "completed": done[k],
        })
    return pd.DataFrame(rows)


def make_qualitative(rng: random.Random) -> pd.DataFrame:
    """Who took part in the qualitative strand, how and for how long (no quotes, no transcripts)."""
    rows = []

    def add(group: str, session: str, method: str, minutes: int, service=None, gender=None):
        rows.append({"participant_code": f"Q{len(rows) + 1:02d}", "group": group,
                     "session_id": session, "method": method, "service": service,
                     "gender": gender, "session_minutes": minutes,
                     "voucher_gbp": 15 if group == "parent" else None, "consent": "verbal"})

    parent_minutes = [23, 56] + [rng.randint(24, 55) for _ in range(6)]
    rng.shuffle(parent_minutes)
    # eight online interview sessions with nine parents: one couple (both PIP) together
    services = ["pip", "pip", "pip", "pip", "both", "together_time", "together_time"]
    rng.shuffle(services)
    add("parent", "P01", "online_interview", parent_minutes[0], "pip", "woman")
    add("parent", "P01", "online_interview", parent_minutes[0], "pip", "man")
    for k, svc in enumerate(services, start=2):
        add("parent", f"P{k:02d}", "online_interview", parent_minutes[k - 1], svc, "woman")
    for _ in range(6):
        add("parent", "FG1", "focus_group", 27, "together_time", "woman")
    staff_minutes = [17, 71] + [rng.randint(18, 70) for _ in range(14)]
    rng.shuffle(staff_minutes)
    for k in range(16):
        group = "pairs_team" if k < 6 else "stakeholder"
        add(group, f"S{k + 1:02d}", "online_interview", staff_minutes[k])
    return pd.DataFrame(rows)
