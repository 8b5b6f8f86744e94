"""Engagement with PAIRS: parent–infant psychotherapy appointments (attendance, how they were
held, non-attendance beside a benchmark, parents and dyads seen, case status) and the two group
programmes in brief (Together Time, Circle of Security Parenting).

Everything starts from :func:`helpers.pairs.data.load_pairs` (consented records only); printed
figures come from ``data/published/pairs.yaml`` through :func:`helpers.published.published`.

Conventions
-----------
* Appointments are counted whatever their attendance status; percentages are of all appointments
  (percent units, unrounded).
* A parent *seen* has at least one appointment in the records; a *two-parent dyad* is a
  parent-infant pair of which more than one adult was seen.
* Financial years run April to March (``"2019/20"``); appointments per year, part years and
  growth are in :mod:`helpers.pairs.appointment_years`.
* Shares are compared with a benchmark range at the precision the book prints them
  (:func:`helpers.pairs.printed.share_relation`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.counts import count_table
from helpers.formatting import integer, pct
from helpers.pairs.appointment_years import PANDEMIC_YEARS
from helpers.pairs.data import PairsData
from helpers.pairs.derived import tt_with_data, yearly_appointments
from helpers.pairs.printed import agrees, month_year, printed_decimals, share_relation
from helpers.published import published
from helpers.words import count_phrase, number_word, verb

__all__ = [
    "ATTENDANCE_LABELS",
    "MODALITY_LABELS",
    "CASE_STATUSES",
    "appointment_mix",
    "not_attended",
    "engagement_differences",
    "NonAttendance",
    "non_attendance",
    "EngagementFacts",
    "engagement_facts",
    "not_seen_clause",
    "dyads_phrase",
    "case_status_clause",
    "GroupSummary",
    "tt_summary",
    "cosp_summary",
    "RegisterSummary",
    "tt_register",
    "register_sentence",
    "cosp_clause",
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


def engagement_differences(data: PairsData, printed: dict | None = None) -> list[str]:
    """What each printed engagement figure the records contradict describes (for
    :func:`helpers.pairs.printed.contradiction_note`): appointments per printed financial year,
    and attendance and modality percentages of all appointments. Empty when all agree."""
    if printed is None:
        printed = published("pairs")["pip_engagement"]
    by_year = yearly_appointments(data)
    names = [f"appointments in {fy}" for fy, n in printed["appointments_by_financial_year"].items()
             if not agrees(n, int(by_year.get(fy, 0)), 0)]
    ap = data.pip_appointments
    for column, labels, key in (("attendance", ATTENDANCE_LABELS, "attendance_pct"),
                                ("modality", MODALITY_LABELS, "modality_pct")):
        counts = ap[column].value_counts()
        names += [f"{labels[code].lower()} appointments" for code, p in printed[key].items()
                  if not agrees(p, 100.0 * int(counts.get(code, 0)) / len(ap),
                                printed_decimals(p, 0))]
    return names


@dataclass(frozen=True)
class NonAttendance:
    """Appointments not attended without notice, beside a benchmark range (percent units).

    Attributes
    ----------
    missed, appointments : int
        Over the whole period, every appointment in the base.
    missed_past, appointments_past : int
        The same without appointments still to take place (they cannot yet have been missed).
    missed_in_years, appointments_in_years : int
        Within ``years`` only (like for like in time with the benchmark).
    years : tuple of str
        Financial years of the benchmark.
    benchmark : tuple of float
        Low and high end of the benchmark range, in percent.
    """

    missed: int
    appointments: int
    missed_past: int
    appointments_past: int
    missed_in_years: int
    appointments_in_years: int
    years: tuple[str, ...]
    benchmark: tuple[float, float]

    @property
    def relation(self) -> str:
        """"below", "within" or "above" the benchmark, over the whole period."""
        return share_relation(self.missed, self.appointments, *self.benchmark)

    @property
    def relation_in_years(self) -> str:
        """The same, within the benchmark's years."""
        return share_relation(self.missed_in_years, self.appointments_in_years, *self.benchmark)

    @property
    def below(self) -> bool:
        """Whether the rate is below the benchmark both over the whole period and in its years."""
        return self.relation == "below" and self.relation_in_years == "below"


def non_attendance(data: PairsData, benchmark: Sequence[float] | None = None,
                   years: Sequence[str] = PANDEMIC_YEARS) -> NonAttendance:
    """The :class:`NonAttendance` of the records; ``benchmark`` defaults to the national CAMHS
    range the report quotes (``pip_engagement.national_camhs_dna_pct_range``)."""
    if benchmark is None:
        benchmark = published("pairs")["pip_engagement"]["national_camhs_dna_pct_range"]
    low, high = (float(b) for b in benchmark)
    k, n = not_attended(data)
    k_past, n_past = not_attended(data, exclude_pending=True)
    k_years, n_years = not_attended(data, years)
    return NonAttendance(missed=k, appointments=n, missed_past=k_past, appointments_past=n_past,
                         missed_in_years=k_years, appointments_in_years=n_years,
                         years=tuple(years), benchmark=(low, high))


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

    def counts_dyads(self, printed: int) -> bool:
        """Whether a printed count of "engaged adults" equals the pairs seen rather than the
        adults seen (the reading ``engagement-282-dyads``)."""
        return printed == self.dyads_seen and printed != self.adults_seen

    def dyad_reading(self, printed: int) -> str:
        """What the report's count of engaged adults corresponds to in these records, in words
        chosen by the comparison (so the sentence stays true on other data).

        >>> f = EngagementFacts.__new__(EngagementFacts)
        >>> object.__setattr__(f, "dyads_seen", 282); object.__setattr__(f, "adults_seen", 284)
        >>> f.dyad_reading(282)
        "the report's count of adults with engagement data matches the number of pairs, not of adults"
        >>> f.dyad_reading(284)
        "the report's count of adults with engagement data matches the adults in these records"
        """
        what = "the report's count of adults with engagement data"
        if self.counts_dyads(printed):
            return f"{what} matches the number of pairs, not of adults"
        if printed == self.adults_seen:
            return f"{what} matches the adults in these records"
        return (f"{what} ({integer(printed, count=False)}) matches neither the adults nor the "
                "pairs in these records")


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


def not_seen_clause(facts: EngagementFacts) -> str:
    """What became of the accepted adults without an appointment, as a clause.

    >>> import dataclasses
    >>> f = EngagementFacts(0, pd.NaT, pd.NaT, 5, 4, 4, 0, {}, {}, {})
    >>> not_seen_clause(f)
    'one other accepted adult was still waiting for a first appointment when the records were taken'
    >>> not_seen_clause(dataclasses.replace(f, adults_seen=5))
    'every accepted adult had at least one appointment'
    """
    n = facts.adults_not_seen
    if n == 0:
        return "every accepted adult had at least one appointment"
    return (f"{count_phrase(n, 'other accepted adult')} {verb('was', n)} still waiting for a "
            "first appointment when the records were taken")


def dyads_phrase(facts: EngagementFacts) -> str:
    """The parent-infant pairs of the adults seen, and why there are fewer pairs than adults.

    >>> import dataclasses
    >>> f = EngagementFacts(0, pd.NaT, pd.NaT, 5, 4, 3, 1, {}, {}, {})
    >>> dyads_phrase(f)
    'three parent–infant pairs, because in one pair both parents were seen'
    >>> dyads_phrase(dataclasses.replace(f, dyads_seen=4, two_parent_dyads=0))
    'four parent–infant pairs, one for each adult'
    """
    pairs = count_phrase(facts.dyads_seen, "parent–infant pair")
    k = facts.two_parent_dyads
    if k == 0:
        return f"{pairs}, one for each adult"
    return f"{pairs}, because in {count_phrase(k, 'pair')} both parents were seen"


def case_status_clause(cases: dict[str, int]) -> str:
    """Case status at the end of the records as a clause (keys :data:`CASE_STATUSES`).

    >>> case_status_clause({"active": 88, "closed": 195, "unknown": 1})
    '88 cases were open, 195 closed and one had no recorded status'
    >>> case_status_clause({"active": 1, "closed": 0, "unknown": 0})
    'one case was open and none closed'
    """
    open_, closed, unknown = (int(cases.get(k, 0)) for k in CASE_STATUSES)
    head = f"{count_phrase(open_, 'case')} {verb('was', open_)} open"
    closed_text = f"{number_word(closed) if closed else 'none'} closed"
    if unknown:
        return f"{head}, {closed_text} and {number_word(unknown)} had no recorded status"
    return f"{head} and {closed_text}"


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


def _between(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """``"between October 2018 and January 2024"``, or ``"in May 2019"`` for one month."""
    a, b = month_year(first), month_year(last)
    return f"in {a}" if a == b else f"between {a} and {b}"


def register_sentence(register: RegisterSummary) -> str:
    """What the Together Time engagement register holds, in one sentence (an empty register says so).

    >>> r = RegisterSummary(198, 99, 99, 20, pd.Timestamp("2018-10-11"), pd.Timestamp("2024-01-08"))
    >>> register_sentence(r)[:109]
    'The engagement register lists 198 service users (99 babies and 99 adults) in 20 runs starting between October'
    >>> register_sentence(RegisterSummary(0, 0, 0, 0, pd.NaT, pd.NaT))
    'The engagement register supplied lists no service users; the questionnaire records describe the parents.'
    """
    if register.users == 0:
        return ("The engagement register supplied lists no service users; the questionnaire "
                "records describe the parents.")
    return (f"The engagement register lists {count_phrase(register.users, 'service user')} "
            f"({count_phrase(register.infants, 'baby')} and {count_phrase(register.adults, 'adult')}) "
            f"in {count_phrase(register.runs, 'run')} starting "
            f"{_between(register.first, register.last)}; it cannot be linked to the questionnaire "
            "records, which the report and this book use to describe the parents.")


def cosp_clause(cosp: GroupSummary) -> str:
    """The Circle of Security Parenting records in brief, continuing "a programme on secure
    attachment" (so it starts with a comma); no attendees says so.

    >>> g = GroupSummary(113, 10, pd.Timestamp("2018-09-17"), pd.Timestamp("2021-06-01"), 0.0, 62)
    >>> cosp_clause(g)
    ', which PAIRS ran in Lambeth from September 2018 to June 2021. Its records hold 113 adults in 10 groups; 62 of 113 (55%) were recorded as completing the course.'
    >>> cosp_clause(GroupSummary(0, 0, pd.NaT, pd.NaT, 0.0, 0))
    ', which PAIRS also ran in Lambeth; the records supplied hold no attendees, so it is not described further.'
    """
    if cosp.adults == 0:
        return (", which PAIRS also ran in Lambeth; the records supplied hold no attendees, so it "
                "is not described further.")
    a, b = month_year(cosp.first), month_year(cosp.last)
    when = f"in {a}" if a == b else f"from {a} to {b}"
    return (f", which PAIRS ran in Lambeth {when}. Its records hold "
            f"{count_phrase(cosp.adults, 'adult')} in {count_phrase(cosp.runs, 'group')}; "
            f"{pct(cosp.completed, cosp.adults)} {'was' if cosp.adults == 1 else 'were'} recorded "
            "as completing the course.")
