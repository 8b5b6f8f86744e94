"""Frames derived from the loaded PAIRS tables: appointment ordinals and outcome windows, scored
questionnaires, paired scores, appointments per year and the Together Time participants with data.

The functions take the :class:`~helpers.pairs.data.PairsData` of
:func:`helpers.pairs.data.load_pairs` (consented records only; :func:`programme_weeks` takes the
participants' frame) and return new frames.

Conventions
-----------
* Appointment **ordinal** = position of an *attended* appointment among the client's attended
  appointments in date order (1 = first attended). Outcome windows follow the report: ``initial``
  (ordinal 1), ``10th-15th``, ``20th-65th`` and ``closing`` (the last attended appointment of a
  closed case, ordinal > 1); the closing window takes precedence over the ordinal windows; any other
  ordinal is ``other``.
* Scores are those of :func:`helpers.scoring.score` with the instruments of
  :mod:`helpers.pairs.instruments` (missing items handled there).
* Together Time participants *with data* returned at least one questionnaire or set a goal (the
  report's 114).
"""

from __future__ import annotations

import pandas as pd

from helpers.pairs.data import PairsData
from helpers.pairs.instruments import (
    MORS_INVASION,
    MORS_WARMTH,
    PAI,
    PRFQ_CMS,
    PRFQ_IC,
    PRFQ_PM,
    PRFQ_TOTAL,
    mors_concern,
    pai_band,
)
from helpers.scoring import score

__all__ = [
    "attended_ordinals",
    "outcome_window",
    "pip_outcomes_scored",
    "tt_scored",
    "tt_paired",
    "tt_mors_concern",
    "tt_goal_scores",
    "tt_with_data",
    "programme_weeks",
    "appointments_by_year",
    "yearly_appointments",
]


def attended_ordinals(data: PairsData) -> pd.DataFrame:
    """Attended appointments with ``ordinal`` (1 = first attended), ``n_attended`` and ``closing``
    (last attended appointment of a closed case, ordinal > 1)."""
    ap = data.pip_appointments
    att = ap[ap["attendance"] == "attended"].sort_values(["client_id", "appointment_date",
                                                          "appointment_id"]).copy()
    att["ordinal"] = att.groupby("client_id").cumcount() + 1
    att["n_attended"] = att.groupby("client_id")["ordinal"].transform("max")
    status = data.pip_clients.set_index("client_id")["case_status"]
    att["closing"] = ((att["ordinal"] == att["n_attended"]) & (att["ordinal"] > 1)
                      & att["client_id"].map(status).eq("closed"))
    return att.reset_index(drop=True)


def outcome_window(ordinal: pd.Series, closing: pd.Series) -> pd.Series:
    """Outcome window of each attended appointment (see the module conventions)."""
    out = pd.Series("other", index=ordinal.index, dtype="string", name="window")
    out[ordinal.between(10, 15)] = "10th-15th"
    out[ordinal.between(20, 65)] = "20th-65th"
    out[closing.astype(bool)] = "closing"
    out[ordinal == 1] = "initial"
    return out


def pip_outcomes_scored(data: PairsData) -> pd.DataFrame:
    """PIP outcome records with window, MORS-SF warmth/invasion, PAI total and band, LOAF level."""
    att = attended_ordinals(data)
    att["window"] = outcome_window(att["ordinal"], att["closing"])
    out = data.pip_outcomes.merge(att[["appointment_id", "appointment_date", "ordinal", "window"]],
                                  on="appointment_id", how="left", validate="one_to_one")
    out["warmth"] = score(MORS_WARMTH, out)
    out["invasion"] = score(MORS_INVASION, out)
    out["pai"] = score(PAI, out)
    out["pai_band"] = pai_band(out["pai"])
    return out


def tt_scored(data: PairsData) -> pd.DataFrame:
    """Together Time questionnaires with MORS-SF, PRFQ (total and subscales) scores and LOAF."""
    q = data.tt_questionnaires.copy()
    for inst, col in ((MORS_WARMTH, "warmth"), (MORS_INVASION, "invasion"),
                      (PRFQ_TOTAL, "prfq_total"), (PRFQ_PM, "prfq_pm"), (PRFQ_CMS, "prfq_cms"),
                      (PRFQ_IC, "prfq_ic")):
        q[col] = score(inst, q)
    q["mors_complete"] = q["warmth"].notna() & q["invasion"].notna()
    return q


def tt_paired(data: PairsData, measure: str) -> pd.DataFrame:
    """Participants with ``measure`` at start **and** end: columns participant_id, pre, post.

    ``measure`` is a score column of :func:`tt_scored` (``warmth``, ``invasion``, ``prfq_total``,
    ...). For MORS-SF scores a pair needs both subscales at both time points (the report's
    "complete data").
    """
    q = tt_scored(data)
    if measure in ("warmth", "invasion"):
        q = q[q["mors_complete"]]
    wide = q.pivot(index="participant_id", columns="timepoint", values=measure)
    wide = wide.reindex(columns=["start", "end"]).dropna()  # no end at all: no pairs
    return (wide.rename(columns={"start": "pre", "end": "post"}).reset_index()
            [["participant_id", "pre", "post"]])


def tt_mors_concern(data: PairsData) -> pd.DataFrame:
    """Paired MORS-SF participants with their concern flag before and after (columns
    participant_id, concern_pre, concern_post); the rule is :func:`~helpers.pairs.instruments.mors_concern`.
    """
    w, v = tt_paired(data, "warmth"), tt_paired(data, "invasion")
    both = w.merge(v, on="participant_id", suffixes=("_w", "_i"), validate="one_to_one")
    return pd.DataFrame({
        "participant_id": both["participant_id"],
        "concern_pre": mors_concern(both["pre_w"], both["pre_i"]),
        "concern_post": mors_concern(both["post_w"], both["post_i"]),
    })


def tt_goal_scores(data: PairsData) -> pd.DataFrame:
    """Goal scores (mean rating over a person's goals, 0-10), one row per person.

    Columns: ``start`` (mean over every goal set, the start description), ``end`` (mean over the
    goals rated again at the end; NaN if none) and ``start_matched`` (the start mean over those
    same goals). Before/after comparisons use ``start_matched`` and ``end``, so both means are over
    the same goals even when only some were rated at the end.
    """
    g = data.tt_goals
    start = g.groupby("participant_id")["start_rating"].mean().astype("float64")
    rated = g.dropna(subset=["end_rating"]).groupby("participant_id")
    return pd.DataFrame({
        "start": start,
        "end": rated["end_rating"].mean().astype("float64"),
        "start_matched": rated["start_rating"].mean().astype("float64"),
    }).reset_index()


def appointments_by_year(data: PairsData) -> pd.Series:
    """Number of PIP appointments per financial year, in year order."""
    return data.pip_appointments.groupby("financial_year").size().sort_index().rename("n")


def yearly_appointments(data: PairsData) -> pd.Series:
    """PIP appointments per financial year, every year from the first to the last (0 if none).

    Wraps :func:`appointments_by_year`, which lists only years with records;
    :func:`helpers.figures.yearly_counts` needs consecutive years.
    """
    by_year = appointments_by_year(data)
    if by_year.empty:
        raise ValueError("yearly_appointments: there are no appointments")
    starts = [int(str(y)[:4]) for y in by_year.index]
    years = [f"{s}/{(s + 1) % 100:02d}" for s in range(min(starts), max(starts) + 1)]
    return by_year.reindex(years, fill_value=0).astype(int).rename("n")


def programme_weeks(participants: pd.DataFrame) -> int:
    """Length of a Together Time presentation in weeks, first to last session inclusive.

    The most common length across ``participants`` (rows with ``start_date`` and ``end_date``):
    whole weeks between the dates, plus one for the first week.
    """
    weeks = (participants["end_date"] - participants["start_date"]).dt.days // 7 + 1
    if weeks.empty:
        raise ValueError("programme_weeks: no participants with dates")
    return int(weeks.mode().iloc[0])


def tt_with_data(data: PairsData) -> pd.DataFrame:
    """Together Time participants who returned a questionnaire or set a goal (the report's 114)."""
    ids = set(data.tt_questionnaires["participant_id"]) | set(data.tt_goals["participant_id"])
    tp = data.tt_participants
    return tp[tp["participant_id"].isin(ids)].reset_index(drop=True)
