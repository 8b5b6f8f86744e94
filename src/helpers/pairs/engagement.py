"""Engagement with PAIRS: parent–infant psychotherapy appointments (per year, attendance, how they
were held, parents and dyads seen, case status) and the two group programmes in brief (Together
Time, Circle of Security Parenting).

Everything starts from :func:`helpers.pairs.data.load_pairs` (consented records only); printed
figures come from ``data/published/pairs.yaml`` through :func:`helpers.published.published`.

Conventions
-----------
* Appointments are counted whatever their attendance status; percentages are of all appointments
  (percent units, unrounded).
* A parent *seen* has at least one appointment in the records; a *two-parent dyad* is a
  parent-infant pair of which more than one adult was seen.
* Financial years run April to March (``"2019/20"``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from helpers.counts import count_table
from helpers.figures import yearly_counts
from helpers.formatting import integer
from helpers.pairs.data import PairsData
from helpers.pairs.derived import tt_with_data, yearly_appointments
from helpers.pairs.printed import figure_difference, pct_difference, printed_decimals
from helpers.published import published

__all__ = [
    "ATTENDANCE_LABELS",
    "MODALITY_LABELS",
    "CASE_STATUSES",
    "trend_sentence",
    "appointments_figure",
    "appointment_mix",
    "not_attended",
    "engagement_clauses",
    "EngagementFacts",
    "engagement_facts",
    "GroupSummary",
    "tt_summary",
    "cosp_summary",
    "RegisterSummary",
    "tt_register",
]

#: Display labels of the attendance status and modality of a PIP appointment.
ATTENDANCE_LABELS: dict[str, str] = {
    "attended": "Attended", "cancelled": "Cancelled", "not_attended": "Not attended",
    "still_to_attend": "Still to take place",
}
MODALITY_LABELS: dict[str, str] = {
    "face_to_face": "Face to face", "video": "Video", "telephone": "Telephone",
    "email_or_text": "Email or text message",
}
#: Case statuses recorded at the end of the data window (blank = not in the engagement extract).
CASE_STATUSES: tuple[str, ...] = ("active", "closed", "unknown")


def trend_sentence(by_year: pd.Series, pandemic_years: Sequence[str] = ("2019/20", "2020/21")
                   ) -> str:
    """Describe a yearly series in words: where it rose, where it fell, when it recovered.

    Parameters
    ----------
    by_year : Series
        Counts indexed by consecutive financial years, in order.
    pandemic_years : sequence of str
        Years to name as the first years of the COVID-19 pandemic when the falls are exactly
        those years (UK lockdowns began in March 2020, so 2019/20 ends in the first one).

    Examples
    --------
    >>> s = pd.Series([1, 3, 5, 4, 4, 6], index=["2015/16", "2016/17", "2017/18", "2018/19",
    ...                                          "2019/20", "2020/21"])
    >>> trend_sentence(s, ("2018/19", "2019/20"))
    'Appointments rose every year from 2015/16 to 2017/18, fell below that level in 2018/19 and 2019/20, the first years of the COVID-19 pandemic, and in 2020/21 passed the 2017/18 level again.'
    """
    years = [str(y) for y in by_year.index]
    values = by_year.to_numpy(int)
    if len(values) < 2:
        raise ValueError("trend_sentence: need at least two years")
    first_fall = next((i for i in range(1, len(values)) if values[i] < values[i - 1]), None)
    if first_fall is None:
        return f"Appointments did not fall in any year from {years[0]} to {years[-1]}."
    peak_i = first_fall - 1
    peak = values[peak_i]
    below = []
    i = first_fall
    while i < len(values) and values[i] <= peak:
        below.append(years[i])
        i += 1
    rise = (f"rose every year from {years[0]} to {years[peak_i]}" if peak_i > 0
            else f"started at {integer(values[0])} in {years[0]}")
    named = ", the first years of the COVID-19 pandemic" if tuple(below) == tuple(pandemic_years) \
        else ""
    span = " and ".join(below) if len(below) <= 2 else f"{below[0]} to {below[-1]}"
    text = f"Appointments {rise}, fell below that level in {span}{named}"
    if i < len(values):
        text += f", and in {years[i]} passed the {years[peak_i]} level again"
        later = values[i:]
        if len(later) > 1 and bool(np.all(np.diff(later) > 0)):
            text += f", rising every year to {years[-1]}"
    else:
        text += f", and had not regained the {years[peak_i]} level by {years[-1]}"
    return text + "."


def appointments_figure(by_year: pd.Series, shaded: Sequence[str] = ("2019/20", "2020/21"),
                        shade_label: str = "COVID-19") -> Figure:
    """:func:`helpers.figures.yearly_counts` bars with the ``shaded`` years marked by a hatched
    grey band and a text label (so the band does not rely on colour)."""
    fig = yearly_counts(by_year, kind="bar", ylabel="Appointments")
    ax = fig.axes[0]
    years = [str(y) for y in by_year.index]
    where = [years.index(y) for y in shaded if y in years]
    if where:
        lo, hi = min(where) - 0.5, max(where) + 0.5
        ax.axvspan(lo, hi, facecolor="#EEEEEE", edgecolor="#999999", hatch="..", zorder=0,
                   linewidth=0.5)
        ax.text((lo + hi) / 2, ax.get_ylim()[1] * 0.97, shade_label, ha="center", va="top",
                fontsize=8)
    return fig


def appointment_mix(data: PairsData) -> pd.DataFrame:
    """Attendance status and modality of every PIP appointment, as stacked count tables.

    Returns
    -------
    DataFrame
        :func:`helpers.counts.count_table` (``denominator="all"``) for attendance and for
        modality, with a ``group`` column ("Attendance", "How it was held"); percentages of all
        appointments.
    """
    ap = data.pip_appointments
    parts = []
    for group, column, labels in (("Attendance", "attendance", ATTENDANCE_LABELS),
                                  ("How it was held", "modality", MODALITY_LABELS)):
        part = count_table(ap[column], order=list(labels), labels=labels, denominator="all")
        part.insert(0, "group", group)
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out.attrs["denominator"] = (f"percentages of all {integer(len(ap))} appointments in each "
                                "group, missing included")
    return out


def not_attended(data: PairsData, years: Sequence[str] | None = None,
                 exclude_pending: bool = False) -> tuple[int, int]:
    """(appointments not attended, base) for the given financial years (default all).

    ``exclude_pending`` leaves appointments still to take place out of the base, since they can
    not yet have been missed.
    """
    ap = data.pip_appointments
    if years is not None:
        unknown = sorted(set(years) - set(ap["financial_year"]))
        if unknown:
            raise ValueError(f"not_attended: no appointments in financial year(s) {unknown}")
        ap = ap[ap["financial_year"].isin(list(years))]
    if exclude_pending:
        ap = ap[ap["attendance"] != "still_to_attend"]
    return int((ap["attendance"] == "not_attended").sum()), len(ap)


def engagement_clauses(data: PairsData, printed: dict | None = None
                       ) -> tuple[list[str | None], list[str | None]]:
    """Clauses for the printed engagement figures: (appointments per printed financial year,
    attendance and modality percentages of all appointments)."""
    if printed is None:
        printed = published("pairs")["pip_engagement"]
    by_year = yearly_appointments(data)
    years = [figure_difference(f"appointments in {fy}", n, int(by_year.get(fy, 0)), 0)
             for fy, n in printed["appointments_by_financial_year"].items()]
    ap = data.pip_appointments
    shares = []
    for column, labels, key in (("attendance", ATTENDANCE_LABELS, "attendance_pct"),
                                ("modality", MODALITY_LABELS, "modality_pct")):
        counts = ap[column].value_counts()
        for code, p in printed[key].items():
            shares.append(pct_difference(f"{labels[code].lower()} appointments", p,
                                         int(counts.get(code, 0)), len(ap),
                                         printed_decimals(p, 0)))
    return years, shares


@dataclass(frozen=True)
class EngagementFacts:
    """Parent–infant psychotherapy appointments and the parents seen, in numbers.

    Attributes
    ----------
    appointments : int
        Appointments in the records (every attendance status).
    first, last : Timestamp
        Dates of the first and the last appointment.
    adults : int
        Adults accepted into psychotherapy.
    adults_seen : int
        Accepted adults with at least one appointment.
    dyads_seen : int
        Parent-infant pairs of the adults seen.
    two_parent_dyads : int
        Pairs of which more than one adult was seen.
    cases : dict of str to int
        Adults seen by case status (keys :data:`CASE_STATUSES`; blanks are not counted).
    attendance, modality : dict of str to int
        Appointments by attendance status and by how they were held (keys of
        :data:`ATTENDANCE_LABELS` and :data:`MODALITY_LABELS`, zeros kept).
    """

    appointments: int
    first: pd.Timestamp
    last: pd.Timestamp
    adults: int
    adults_seen: int
    dyads_seen: int
    two_parent_dyads: int
    cases: dict[str, int]
    attendance: dict[str, int]
    modality: dict[str, int]

    @property
    def adults_not_seen(self) -> int:
        """Accepted adults with no appointment yet."""
        return self.adults - self.adults_seen


def engagement_facts(data: PairsData) -> EngagementFacts:
    """The :class:`EngagementFacts` of the records (dates are NaT when there is no appointment)."""
    ap, cl = data.pip_appointments, data.pip_clients
    seen = cl[cl["client_id"].isin(ap["client_id"])]
    per_dyad = seen.groupby("dyad_id").size()
    cases = seen["case_status"].value_counts()
    attendance = ap["attendance"].value_counts()
    modality = ap["modality"].value_counts()
    return EngagementFacts(
        appointments=len(ap), first=ap["appointment_date"].min(),
        last=ap["appointment_date"].max(), adults=len(cl), adults_seen=len(seen),
        dyads_seen=int(seen["dyad_id"].nunique()), two_parent_dyads=int((per_dyad > 1).sum()),
        cases={k: int(cases.get(k, 0)) for k in CASE_STATUSES},
        attendance={k: int(attendance.get(k, 0)) for k in ATTENDANCE_LABELS},
        modality={k: int(modality.get(k, 0)) for k in MODALITY_LABELS},
    )


@dataclass(frozen=True)
class GroupSummary:
    """A group programme in brief: ``adults`` in the records, ``runs`` (presentations or groups),
    ``first``/``last`` start dates of a run, ``weeks`` (typical length, whole weeks; NaN if not
    recorded) and ``completed`` (adults recorded as completing; -1 if not recorded)."""

    adults: int
    runs: int
    first: pd.Timestamp
    last: pd.Timestamp
    weeks: float
    completed: int


def tt_summary(data: PairsData) -> GroupSummary:
    """Together Time participants with data (:func:`helpers.pairs.derived.tt_with_data`): runs, dates and length.

    Length = days from the first to the last session // 7 + 1 (a run from day 0 to day 35 spans
    six weekly sessions); the most common length is reported.
    """
    wd = tt_with_data(data)
    weeks = ((wd["end_date"] - wd["start_date"]).dt.days // 7 + 1).mode()
    return GroupSummary(adults=len(wd), runs=int(wd["presentation"].nunique()),
                        first=wd["start_date"].min(), last=wd["end_date"].max(),
                        weeks=float(weeks.iloc[0]), completed=-1)


def cosp_summary(data: PairsData) -> GroupSummary:
    """Circle of Security Parenting groups run by PAIRS: adults, groups, dates, completions."""
    cs = data.cosp_attendees
    return GroupSummary(adults=len(cs), runs=int(cs["group_id"].nunique()),
                        first=cs["group_start_date"].min(), last=cs["group_start_date"].max(),
                        weeks=float("nan"), completed=int(cs["completed"].sum()))


@dataclass(frozen=True)
class RegisterSummary:
    """The Together Time engagement register in brief: ``users`` (adults and infants),
    ``infants``, ``adults``, ``runs`` (presentations) and ``first``/``last`` first-session dates
    of a run (NaT for an empty register)."""

    users: int
    infants: int
    adults: int
    runs: int
    first: pd.Timestamp
    last: pd.Timestamp


def tt_register(data: PairsData) -> RegisterSummary:
    """Service users in the Together Time engagement register (it cannot be linked to the
    questionnaire records): everyone listed, babies, adults (everyone else), runs and dates."""
    su = data.tt_service_users
    infants = int(su["user_type"].eq("infant").sum())
    return RegisterSummary(users=len(su), infants=infants, adults=len(su) - infants,
                           runs=int(su["presentation"].nunique()),
                           first=su["first_session_date"].min(),
                           last=su["first_session_date"].max())
