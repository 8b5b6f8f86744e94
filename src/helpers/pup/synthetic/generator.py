"""Synthetic record-level data for the Parenting Under Pressure evaluation.

``generate(out_dir)`` writes one CSV per table under ``out_dir / "parenting-under-pressure"``:
couples, parents, questionnaires, satisfaction, therapist_survey, referrer_survey, interviews,
interview_excerpts.
The data are invented. They are calibrated so that, read through :mod:`helpers.pup.data` and
scored with :mod:`helpers.pup.instruments`, they reproduce the report's counts exactly and its
means, SDs, t and p values and percentages to their printed rounding - except where the printed
figures contradict each other (see ``data/published/parenting-under-pressure.contradictions.yaml``).

Output is byte-identical between runs: fixed seeds, rows sorted by key, no floats written.

The tables are built in :func:`build_tables` from private modules, one per kind of record:
``_people`` (sessions, demographics), ``_questionnaires`` (questionnaires, satisfaction forms),
``_practitioners`` (therapists, referrers) and ``_interviews`` (interviews, excerpts); the
calibrated totals come from ``_scores`` and ``_search``. One random generator is passed through
them in a fixed order, so changing the order of the calls changes the data.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path
from typing import Any

from helpers.published import published
from helpers.pup import SLUG
from helpers.pup.synthetic._calendar import START
from helpers.pup.synthetic._interviews import excerpt_rows, interview_rows
from helpers.pup.synthetic._people import assign_demographics, sessions_excluding
from helpers.pup.synthetic._practitioners import referrer_rows, therapist_rows
from helpers.pup.synthetic._questionnaires import questionnaire_rows, satisfaction_rows
from helpers.pup.synthetic._scores import (
    CUTOFF_HIGH,
    CUTOFF_LOW,
    core10_paired,
    sessions,
)

__all__ = ["SLUG", "SEED", "generate", "build_tables"]


SEED = 20200331


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
    excl = sessions_excluding(incl, intake_people, completers, pub, rng)
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
    assign_demographics(parents, intake_people, demo, rng, seed)

    # ---- questionnaires -----------------------------------------------------------------------
    questionnaires, dates = questionnaire_rows(pub, core, completers, consented_intake_only,
                                               refused_post, refused_intake, parents, referral,
                                               incl, excl, rng, seed)

    # ---- satisfaction -------------------------------------------------------------------------
    extra_sat = sorted(consented_intake_only)[0]
    satisfaction = satisfaction_rows(pub, completers, extra_sat, refused_post, dates, rng)

    interviews = interview_rows(parents, incl, mother, father, both_entered, mother_only, rng)
    return {
        "couples": couples,
        "parents": list(parents.values()),
        "questionnaires": questionnaires,
        "satisfaction": satisfaction,
        "therapist_survey": therapist_rows(rng),
        "referrer_survey": referrer_rows(),
        "interviews": interviews,
        "interview_excerpts": excerpt_rows(interviews),
    }


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
    # the same excerpts as a REFI-QDA project, as a qualitative-analysis tool would export them
    from helpers.pup.data import THEME_LABELS
    from helpers.pup.qda import write_excerpts_qdpx

    import pandas as pd

    excerpts = pd.read_csv(folder / "interview_excerpts.csv", dtype=str, keep_default_na=False)
    written += write_excerpts_qdpx(excerpts, folder, THEME_LABELS)
    return written
