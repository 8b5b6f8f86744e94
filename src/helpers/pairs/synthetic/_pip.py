"""Synthetic parent-infant psychotherapy (PIP) records: referrals, clients, appointments, outcomes.

Every count below is a printed PAIRS figure (data/published/pairs.yaml) or follows from one by the
arithmetic recorded in data/published/pairs.contradictions.yaml. Nothing here is real data.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import pandas as pd

from helpers.pairs.instruments import MORS_INVASION_ITEMS, MORS_WARMTH_ITEMS
from helpers.pairs.synthetic._fit import Printed, Summary, fit_vector, split_total
from helpers.periods import financial_year

__all__ = ["PipTables", "make_pip", "REFERRER_COUNTS", "OTHER_REFERRERS"]

WINDOW_START = dt.date(2015, 6, 23)
WINDOW_END = dt.date(2023, 12, 28)
OUTCOME_START = dt.date(2017, 7, 1)

#: Published referrer groups with their counts (appendix 4), in the report's order.
REFERRER_COUNTS: dict[str, int] = {
    "LEAP midwifery continuity of carer team": 67,
    "Health visiting": 62,
    "Children's Centres (Better Start worker)": 40,
    "Self-referral": 24,
    "GP": 20,
    "Adult mental health": 17,
    "LEAP Domestic Abuse Enhanced Casework": 15,
    "CAMHS": 13,
    "Midwife or midwifery service": 12,
    "Family Nurse Partnership": 11,
    "Paediatric services": 10,
    "Baby Steps": 10,
    "PAIRS": 8,
    "Early Help services": 6,
    "Children's social care": 6,
}
#: The fourteen detailed categories the report groups as "Other", with their counts.
OTHER_REFERRERS: dict[str, int] = {
    "Breastfeeding support": 2,
    "Ekaya housing": 4,
    "HomeStart Lambeth": 1,
    "Key worker": 1,
    "LEAP community engagement": 2,
    "LEAP Community Activity and Nutrition": 5,
    "Nursery SENCO": 1,
    "Other (not specified)": 3,
    "Parenting worker": 5,
    "Speech and language therapy": 5,
    "St Michael's Fellowship": 3,
    "Support worker": 1,
    "Unknown": 3,
    "Youth parent practitioner": 1,
}

_FY_COUNTS = {  # appointments per financial year; end years printed, the rest a rising trend + dip
    2015: 97, 2016: 250, 2017: 390, 2018: 520, 2019: 470, 2020: 440, 2021: 560, 2022: 667, 2023: 777,
}
_ATTENDANCE = {"attended": 3050, "cancelled": 584, "not_attended": 455, "still_to_attend": 82}
_MODALITY = {"face_to_face": 2586, "video": 751, "telephone": 626, "email_or_text": 208}
_PRACTITIONERS = ("parent-infant psychotherapist", "art psychotherapist", "trainee psychotherapist",
                  "infant mental health practitioner")
_LANGUAGES = ("Portuguese", "Spanish", "French", "Polish", "Somali", "Yoruba", "Twi", "Arabic",
              "Tigrinya", "Bengali", "Italian", "Lithuanian")


@dataclass
class PipTables:
    """The generated PIP tables (plain DataFrames, values as they will be written)."""

    referrals: pd.DataFrame
    clients: pd.DataFrame
    appointments: pd.DataFrame
    outcomes: pd.DataFrame
    imd: pd.DataFrame


def _weekdays(start: dt.date, end: dt.date) -> list[dt.date]:
    days = (end - start).days + 1
    out = [start + dt.timedelta(k) for k in range(days)]
    return [d for d in out if d.weekday() < 5]


def _exact(rng: random.Random, counts: dict, n: int | None = None) -> list:
    values = [k for k, c in counts.items() for _ in range(c)]
    if n is not None and len(values) != n:
        raise ValueError(f"counts add to {len(values)}, expected {n}")
    rng.shuffle(values)
    return values


def _appointment_dates(rng: random.Random) -> list[dt.date]:
    """4,171 sorted dates with the exact count per financial year, first and last on the window edges."""
    out: list[dt.date] = []
    for year, count in _FY_COUNTS.items():
        lo = max(dt.date(year, 4, 1), WINDOW_START)
        hi = min(dt.date(year + 1, 3, 31), WINDOW_END)
        pool = _weekdays(lo, hi)
        picks = sorted(rng.choice(pool) for _ in range(count))
        out += picks
    out[0], out[-1] = WINDOW_START, WINDOW_END
    return out


def _client_counts(rng: random.Random, n: int, total: int) -> list[int]:
    """Appointments per client: a long-tailed mix (short, medium, long episodes) adding to ``total``."""
    counts = []
    for k in range(n):
        u = k / n
        if u < 0.30:
            counts.append(rng.randint(1, 5))
        elif u < 0.70:
            counts.append(rng.randint(6, 18))
        else:
            counts.append(rng.randint(19, 60))
    rng.shuffle(counts)
    while sum(counts) != total:
        i = rng.randrange(n)
        step = 1 if sum(counts) < total else -1
        if 1 <= counts[i] + step <= 90:
            counts[i] += step
    return counts


def _schedule(rng: random.Random, counts: list[int]) -> list[tuple[int, dt.date]]:
    """(client index, date) for every appointment: raw episodes mapped monotonically onto the dates."""
    raw: list[tuple[float, int, int]] = []
    n = len(counts)
    # raw episodes on a 0-3000 day scale; each ends by day ~3150 so that the end of the window
    # mixes many clients (the tail would otherwise belong to a few long episodes)
    order = sorted(range(n), key=lambda i: rng.random())
    for rank, i in enumerate(order):
        k = counts[i]
        gap = rng.choice((7.0, 7.0, 14.0, 21.0))
        steps = [gap * rng.uniform(0.7, 1.6) for _ in range(k)]
        latest = max(0.0, 3150.0 - sum(steps[:-1]))
        t = min((rank + rng.random()) / n * 3000.0, latest)
        for j in range(k):
            raw.append((t, i, j))
            t += steps[j]
    raw.sort()
    dates = _appointment_dates(rng)
    pairs = [(c, d) for (_, c, _), d in zip(raw, dates)]
    # no client has two appointments on one day: swap the date with a nearby appointment of
    # another client (the multiset of dates, hence every yearly count, is unchanged)
    from collections import Counter

    used = Counter(pairs)
    for pos in range(len(pairs)):
        c, d = pairs[pos]
        if used[(c, d)] < 2:
            continue
        for off in sorted(range(-200, 201), key=abs):
            q = pos + off
            if off == 0 or not 0 <= q < len(pairs):
                continue
            c2, d2 = pairs[q]
            if c2 != c and d2 != d and used[(c, d2)] == 0 and used[(c2, d)] == 0:
                used.subtract([(c, d), (c2, d2)])
                pairs[pos], pairs[q] = (c, d2), (c2, d)
                used.update([(c, d2), (c2, d)])
                break
        else:
            raise RuntimeError(f"could not separate same-day appointments at {pos}: {pairs[pos]}")
    return pairs


def _mors_items(rng: random.Random, total: float) -> dict[int, int | None]:
    """Seven item responses giving ``total``; a non-whole total is a prorated one (one item blank)."""
    if abs(total - round(total)) < 1e-9:
        return dict(enumerate(split_total(rng, int(round(total)), 7, 0, 5)))
    s = round(total * 6 / 7)
    items: list[int | None] = list(split_total(rng, s, 6, 0, 5))
    items.insert(rng.randrange(7), None)
    return dict(enumerate(items))


def mors_row(rng: random.Random, warmth: float, invasion: float) -> dict[str, int | None]:
    """Raw MORS-SF columns for one questionnaire with the given subscale totals."""
    out: dict[str, int | None] = {}
    for numbers, total in ((MORS_WARMTH_ITEMS, warmth), (MORS_INVASION_ITEMS, invasion)):
        vals = _mors_items(rng, total)
        for k, num in enumerate(sorted(numbers)):
            out[f"mors_{num:02d}"] = vals[k]
    return out


_MORS_WINDOWS = {  # window: (n, warmth mean, sd, invasion mean, sd, prorated invasion values)
    "initial": (88, 26.53, 6.06, 11.97, 5.37, 0),
    "10-15": (36, 28.47, 4.30, 9.65, 4.54, 1),
    "20-65": (20, 27.10, 5.41, 13.80, 7.21, 0),
    "closing": (16, 27.94, 3.13, 11.06, 4.11, 0),
}
_PRORATED = [7 * s / 6 for s in range(31) if s % 6]  # MORS totals with one of 7 items missing


def _fit_with_prorated(rng: random.Random, n: int, mean: float, sd: float, k: int) -> list[float]:
    """``n`` subscale totals on 0-35; ``k`` of them prorated (needed where GRIM rules out whole sums)."""
    grid = list(range(36))
    if k == 0:
        return fit_vector(rng, n, grid, [Summary(Printed(mean, 2), Printed(sd, 2))])
    for p in rng.sample(_PRORATED, len(_PRORATED)):
        try:
            rest = fit_vector(rng, n - k, grid, [Summary(Printed(mean, 2), Printed(sd, 2),
                                                         extra=(p,))], max_steps=60_000)
        except RuntimeError:
            continue
        return [*rest, p]
    raise RuntimeError("no prorated MORS value makes the window feasible")


def make_pip(rng: random.Random) -> PipTables:
    """Generate every PIP table (see module docstring)."""
    n_engaged = 284
    counts = _client_counts(rng, n_engaged, 4171)
    sched = _schedule(rng, counts)

    # ---- appointments ---------------------------------------------------------------------------
    appt = pd.DataFrame(sched, columns=["client_idx", "date"])
    appt = appt.sort_values(["date", "client_idx"], kind="stable").reset_index(drop=True)
    appt["appointment_id"] = [f"A{k + 1:05d}" for k in range(len(appt))]
    # "still to attend" = no outcome recorded yet: 82 of the latest 300 appointments
    n_late = 300
    late_status = ["still_to_attend"] * _ATTENDANCE["still_to_attend"] + [None] * (
        n_late - _ATTENDANCE["still_to_attend"])
    rng.shuffle(late_status)
    rest = _exact(rng, {k: v for k, v in _ATTENDANCE.items() if k != "still_to_attend"})
    status = rest[: len(appt) - n_late] + late_status
    fill = iter(rest[len(appt) - n_late:])
    appt["attendance"] = [s if s is not None else next(fill) for s in status]
    covid = appt["date"].map(lambda d: dt.date(2020, 3, 23) <= d <= dt.date(2021, 7, 19))
    prio = [rng.random() + (0.6 if c else 0.0) for c in covid]
    remote_order = sorted(range(len(appt)), key=lambda k: -prio[k])
    n_remote = _MODALITY["video"] + _MODALITY["telephone"] + _MODALITY["email_or_text"]
    remote = remote_order[:n_remote]
    remote_kinds = _exact(rng, {k: _MODALITY[k] for k in ("video", "telephone", "email_or_text")})
    modality = ["face_to_face"] * len(appt)
    for k, kind in zip(remote, remote_kinds):
        modality[k] = kind
    appt["modality"] = modality
    appt["practitioner_role"] = [
        rng.choice(_PRACTITIONERS if d >= dt.date(2022, 4, 1) else _PRACTITIONERS[:3])
        for d in appt["date"]
    ]

    # ---- case status: the 88 with the latest last appointment are open ---------------------------
    last = appt.groupby("client_idx")["date"].max()
    order = sorted(last.index, key=lambda c: (last[c], c), reverse=True)
    case = {c: "closed" for c in last.index}
    for c in order[:88]:
        case[c] = "active"
    case[rng.choice(order[88:])] = "unknown"

    # ---- attended ordinals and outcome windows ----------------------------------------------------
    att = appt[appt["attendance"] == "attended"].copy()
    att["ordinal"] = att.groupby("client_idx").cumcount() + 1
    att["n_att"] = att.groupby("client_idx")["ordinal"].transform("max")
    att["closing"] = (att["ordinal"] == att["n_att"]) & att["client_idx"].map(
        lambda c: case[c] == "closed") & (att["ordinal"] > 1)
    ok = att["date"] >= OUTCOME_START
    slots = {
        "initial": att[ok & (att["ordinal"] == 1)],
        "10-15": att[ok & att["ordinal"].between(10, 15) & ~att["closing"]],
        "20-65": att[ok & att["ordinal"].between(20, 65) & ~att["closing"]],
        "closing": att[ok & att["closing"]],
        "other": att[ok & (att["ordinal"] > 1) & ~att["closing"]],
    }

    def pick(window: str, n: int, exclude: set[int] = frozenset()) -> list[int]:
        frame = slots[window][~slots[window]["client_idx"].isin(exclude)]
        by_client = frame.groupby("client_idx").apply(lambda g: list(g.index), include_groups=False)
        chosen = rng.sample(sorted(by_client.index), n)
        return [rng.choice(by_client[c]) for c in chosen]

    # ---- clients (engaged 0..283 plus one accepted client never seen, 284) -----------------------
    n_clients = 285
    roles = (["father"] * 7 + ["foster_carer"] + ["other_primary_carer"] * 2
             + ["mother"] * 275)
    # client 284 (no appointments) is a mother; fathers 0 and 1 share dyads with mothers 2 and 3
    role = ["mother"] * n_clients
    order_c = list(range(n_engaged))
    rng.shuffle(order_c)
    fathers = order_c[:7]
    role_special = order_c[7:10]
    for c in fathers:
        role[c] = "father"
    role[role_special[0]] = "foster_carer"
    role[role_special[1]] = role[role_special[2]] = "other_primary_carer"
    assert sorted(role) == sorted(roles)
    partner_of = {fathers[0]: order_c[10], fathers[1]: order_c[11]}  # father -> mother, same dyad
    outcome_role = {}
    for c in range(n_engaged):
        outcome_role[c] = "mother"
    outcome_role[fathers[0]] = outcome_role[fathers[1]] = outcome_role[fathers[2]] = "father"
    outcome_role[fathers[3]] = outcome_role[fathers[4]] = "unknown"
    # fathers[5] and fathers[6] are recorded as mothers in the outcome system (see contradictions)

    dyad = {}
    next_dyad = 1
    for c in range(n_clients):
        if c in partner_of:
            continue
        dyad[c] = f"D{next_dyad:03d}"
        next_dyad += 1
    for f, m in partner_of.items():
        dyad[f] = dyad[m]

    # timing: 209 antenatal, 75 postnatal, 1 missing over clients; the shared referral is postnatal
    timing_pool = ["antenatal"] * 209 + ["postnatal"] * 73 + [None]
    rng.shuffle(timing_pool)
    timing: dict[int, str | None] = {}
    solo = [c for c in range(n_clients) if c not in (fathers[0], partner_of[fathers[0]])]
    # fathers[0] and his partner share one postnatal referral; everyone else has their own
    timing[fathers[0]] = timing[partner_of[fathers[0]]] = "postnatal"
    for c, t in zip(solo, timing_pool):
        timing[c] = t

    first_date = appt.groupby("client_idx")["date"].min()
    ethnicity = _exact(rng, {"black": 70, "white": 66, "other": 61, "not_stated": 50, None: 38}, 285)
    single = _exact(rng, {"yes": 48, "no": 86, "unknown": 26, None: 125}, 285)
    english = _exact(rng, {True: 231, False: 54}, 285)
    ages = _ages(rng, 285)
    child_sex_pool = _exact(rng, {"female": 141, "male": 118, "unknown": 15, None: 10}, 284)
    child_sex: dict[int, str | None] = {}
    k = 0
    for c in range(n_engaged):  # partners get the same child; extra values fill the 284 slots
        child_sex[c] = child_sex_pool[k]
        k += 1
    partners = set(partner_of) | set(partner_of.values())
    for f, m in partner_of.items():  # make each shared dyad's two rows agree, counts kept
        if child_sex[f] != child_sex[m]:
            x = next(c for c in range(n_engaged)
                     if c not in partners and child_sex[c] == child_sex[m])
            child_sex[x], child_sex[f] = child_sex[f], child_sex[x]
    client_rows = []
    for c in range(n_clients):
        client_rows.append({
            "client_id": f"C{c + 1:03d}",
            "dyad_id": dyad[c],
            "role": role[c],
            "role_in_outcome_record": outcome_role.get(c),
            "age_at_referral": ages[c],
            "ethnicity_group": ethnicity[c],
            "single_parent": single[c],
            "home_language": "English" if english[c] else rng.choice(_LANGUAGES),
            "child_sex": child_sex.get(c),
            "case_status": case.get(c),
            "outcomes_consent": True,  # the report's outcomes cover every client with a record
        })
    clients = pd.DataFrame(client_rows)

    # ---- referrals -----------------------------------------------------------------------------
    details = [g for g, n in REFERRER_COUNTS.items() for _ in range(n)]
    details += [g for g, n in OTHER_REFERRERS.items() for _ in range(n)]
    rng.shuffle(details)
    ref_rows = []
    shared_ref_client = partner_of[fathers[0]]
    accepted_clients = [c for c in range(n_clients) if c != fathers[0]]
    n_ref = 358
    rejected = n_ref - len(accepted_clients)
    reasons = _exact(rng, {"outside_catchment": 52, "child_too_old": rejected - 52})
    ref_of_client: dict[int, int] = {}
    for r in range(n_ref):
        if r < len(accepted_clients):
            c = accepted_clients[r]
            ref_of_client[c] = r
            if c in first_date.index:
                date = first_date[c] - dt.timedelta(days=rng.randint(10, 60))
                date = max(date, dt.date(2015, 4, 1))
            else:  # accepted in December 2023, not yet seen
                date = dt.date(2023, 12, 4)
            ref_rows.append({"referral_date": date, "accepted": True,
                             "pregnancy_status": timing[c], "reason_not_accepted": None})
        else:
            reason = reasons[r - len(accepted_clients)]
            date = dt.date(2015, 4, 1) + dt.timedelta(days=rng.randint(0, 3286))
            status = "postnatal" if reason == "child_too_old" else rng.choice(("antenatal",
                                                                              "postnatal"))
            ref_rows.append({"referral_date": date, "accepted": False,
                             "pregnancy_status": status, "reason_not_accepted": reason})
    ref_of_client[fathers[0]] = ref_of_client[shared_ref_client]
    # referrer categories: PAIRS referrals (Together Time / COSP started autumn 2018) go late
    ref_rows_sorted = sorted(range(n_ref), key=lambda r: ref_rows[r]["referral_date"])
    late = [r for r in ref_rows_sorted if ref_rows[r]["referral_date"] >= dt.date(2018, 11, 1)]
    pairs_slots = set(rng.sample(late, REFERRER_COUNTS["PAIRS"]))
    non_pairs = [d for d in details if d != "PAIRS"]
    pairs_detail = ["Together Time"] * 4 + ["Circle of Security Parenting"] * 3 + ["PAIRS other"]
    rng.shuffle(pairs_detail)
    hv_detail = 0
    for r in range(n_ref):
        if r in pairs_slots:
            cat, det = "PAIRS", pairs_detail.pop()
        else:
            cat, det = non_pairs.pop(), None
            if cat == "Health visiting" and hv_detail < 3 and ref_rows[r]["referral_date"] >= \
                    dt.date(2021, 4, 1):
                det, hv_detail = "Early intervention health visiting", hv_detail + 1
        ref_rows[r]["referrer_category"] = cat
        ref_rows[r]["referrer_detail"] = det
    if hv_detail != 3:
        raise RuntimeError("could not place the three early intervention health visiting referrals")
    referrals = pd.DataFrame(ref_rows)
    ids = {r: f"R{k + 1:03d}" for k, r in enumerate(ref_rows_sorted)}
    referrals.insert(0, "referral_id", [ids[r] for r in range(n_ref)])
    clients.insert(1, "referral_id", [ids[ref_of_client[c]] for c in range(n_clients)])

    # ---- outcomes --------------------------------------------------------------------------------
    rows: dict[int, dict] = {}  # appointment row index -> outcome columns

    def row(ix: int) -> dict:
        return rows.setdefault(ix, {})

    antenatal = {c for c in range(n_engaged) if timing[c] == "antenatal"}
    for window, (n, wm, ws, im, isd, k_pr) in _MORS_WINDOWS.items():
        chosen = pick(window, n)
        warm = _fit_with_prorated(rng, n, wm, ws, 0)
        inv = _fit_with_prorated(rng, n, im, isd, k_pr)
        rng.shuffle(warm)
        for ix, w, v in zip(chosen, warm, inv):
            row(ix).update(mors_row(rng, w, v))
    mors_initial = {appt.at[ix, "client_idx"] for ix in rows}
    pai_ix = pick("initial", 31, exclude=(set(range(n_engaged)) - antenatal) | mors_initial)
    pai = fit_vector(rng, 31, list(range(21, 85)), [Summary(Printed(49.84, 2), Printed(10.60, 2))])
    for ix, total in zip(pai_ix, pai):
        row(ix).update({f"pai_{k + 1:02d}": v
                        for k, v in enumerate(split_total(rng, int(total), 21, 1, 4))})
    loaf_levels = _exact(rng, {1: 37, 2: 69, 3: 53, 4: 3}, 162)
    # the outcome extract runs from July 2017 to December 2023: one rating in each edge month
    edges = []
    for year, month in ((2017, 7), (2023, 12)):
        frame = slots["other"]
        frame = frame[frame["date"].map(lambda x, y=year, m=month: (x.year, x.month) == (y, m))
                      & ~frame["client_idx"].isin([appt.at[i, "client_idx"] for i in edges])]
        edges.append(rng.choice(sorted(frame.index)))
    edge_clients = {appt.at[i, "client_idx"] for i in edges}
    loaf_ix = (pick("initial", 75) + pick("closing", 17) + edges
               + pick("other", 68, exclude=edge_clients))
    if len(set(loaf_ix)) != 162:  # 'other' may repeat a client's appointment only by chance
        raise RuntimeError("LOAF appointments collide")
    for ix, level in zip(loaf_ix, loaf_levels):
        row(ix)["loaf_level"] = level
    out_rows = []
    for ix, cols in rows.items():
        out_rows.append({"client_idx": appt.at[ix, "client_idx"],
                         "appointment_id": appt.at[ix, "appointment_id"], **cols})
    outcomes = pd.DataFrame(out_rows)
    item_cols = ([f"mors_{k:02d}" for k in range(1, 15)] + [f"pai_{k:02d}" for k in range(1, 22)]
                 + ["loaf_level"])
    for col in item_cols:
        if col not in outcomes:
            outcomes[col] = None
    outcomes = outcomes.sort_values("appointment_id").reset_index(drop=True)
    outcomes.insert(0, "outcome_id", [f"O{k + 1:04d}" for k in range(len(outcomes))])
    outcomes.insert(1, "client_id", outcomes.pop("client_idx").map(lambda c: f"C{c + 1:03d}"))
    outcomes = outcomes[["outcome_id", "client_id", "appointment_id", *item_cols]]

    appt["client_id"] = appt["client_idx"].map(lambda c: f"C{c + 1:03d}")
    appt["financial_year"] = financial_year(appt["date"])
    appointments = appt.rename(columns={"date": "appointment_date"})[
        ["appointment_id", "client_id", "appointment_date", "financial_year", "modality",
         "practitioner_role", "attendance"]]

    # ---- IMD postcode records: one per client, plus earlier addresses of 81 clients who moved --
    deciles = _exact(rng, {2: 125, 3: 111, 4: 66, 5: 30, 6: 9, 7: 4, 8: 2, None: 19}, 366)
    owners = list(range(n_clients)) + sorted(rng.sample(range(n_clients), 81))
    imd = pd.DataFrame({
        "service": "parent_infant_psychotherapy",
        "person_id": [f"C{c + 1:03d}" for c in owners],
        "person": "adult",
        "address_sequence": 0,
        "imd_decile": deciles,
    })
    imd["address_sequence"] = imd.groupby("person_id").cumcount() + 1
    return PipTables(referrals, clients, appointments, outcomes, imd)


def _ages(rng: random.Random, n: int) -> list[int]:
    """Whole ages 16-57 with mean rounding to 32 (the printed range and mean)."""
    while True:
        ages = [min(50, max(17, round(rng.gauss(32, 6)))) for _ in range(n)]
        ages[rng.randrange(n)] = 16
        ages[rng.randrange(n)] = 57
        if min(ages) == 16 and max(ages) == 57 and round(sum(ages) / n) == 32:
            return ages
