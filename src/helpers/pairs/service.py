"""The PAIRS service and who it reached: referrals, engagement and reach (Lambeth, 2015-2024).

Helper logic for the chapter "The PAIRS service and who it reached". Everything starts from
:func:`helpers.pairs.data.load_pairs` (consented records only); printed figures come from
``data/published/pairs.yaml`` through :func:`helpers.published.published`.

Conventions
-----------
* Percentages are ``100 * count / denominator`` in percent units (0-100), unrounded; they are
  rounded only for display (:mod:`helpers.formatting`).
* A printed percentage *agrees* with the records when the records' percentage, rounded half up to
  the decimals the report prints (as printed reports do, :func:`helpers.reproduce.
  round_half_up`), equals it.
* Referrals are counted per referral of a parent-infant dyad (358); the report's table 3 counts
  adults (285 adults came through 284 accepted referrals).
* IMD deciles (English Indices of Deprivation 2019): 1 = most deprived tenth of small areas in
  England. The report's table 2 counts postcode *records*, not people (see the reading
  ``imd-postcode-records`` in ``pairs.contradictions.yaml``).
* Together Time participants "with data" returned at least one questionnaire or set a goal.

Proposed move: :func:`tt_with_data`, :func:`yearly_appointments` and :func:`imd_person_deciles` are
generic accessors and could live in :mod:`helpers.pairs.data`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from great_tables import GT, loc, style
from matplotlib.figure import Figure

from helpers.counts import count_table
from helpers.describe import AgeSummary, age_summary  # re-exported for the chapter
from helpers.figures import OKABE_ITO, yearly_counts
from helpers.formatting import integer, number
from helpers.pairs.data import (
    ETHNICITY_LABELS,
    NON_ACCEPTANCE_LABELS,
    OTHER_REFERRER_CATEGORIES,
    REFERRER_GROUPS,
    PairsData,
    appointments_by_year,
    referrer_group,
)
from helpers.published import published
from helpers.reproduce import round_half_up
from helpers.tables import mark_total_and_missing

__all__ = [
    "REPORT_GROUPS",
    "ATTENDANCE_LABELS",
    "MODALITY_LABELS",
    "SERVICE_LABELS",
    "printed_decimals",
    "agrees",
    "pct_difference",
    "figure_difference",
    "differences_sentence",
    "long_date",
    "referrer_table",
    "referrer_gt",
    "other_referrers",
    "other_referrers_gt",
    "Acceptance",
    "acceptance",
    "yearly_appointments",
    "trend_sentence",
    "appointments_figure",
    "appointment_mix",
    "relation_to_range",
    "not_attended",
    "ethnicity_by_service",
    "service_gt",
    "imd_by_service",
    "imd_person_deciles",
    "share_at_most",
    "printed_imd_claims",
    "imd_figure",
    "tt_with_data",
    "AgeSummary",
    "age_summary",
    "pip_profile",
    "profile_gt",
    "referrer_clauses",
    "service_clauses",
    "profile_clauses",
    "engagement_clauses",
    "GroupSummary",
    "tt_summary",
    "cosp_summary",
    "month_year",
    "reasons_text",
]

#: Referrer groups in the order of the report's appendix 4 (15 named groups, then "Other").
REPORT_GROUPS: tuple[str, ...] = (*REFERRER_GROUPS, "Other")

#: Display labels of the attendance status and modality of a PIP appointment.
ATTENDANCE_LABELS: dict[str, str] = {
    "attended": "Attended", "cancelled": "Cancelled", "not_attended": "Not attended",
    "still_to_attend": "Still to take place",
}
MODALITY_LABELS: dict[str, str] = {
    "face_to_face": "Face to face", "video": "Video", "telephone": "Telephone",
    "email_or_text": "Email or text message",
}
SERVICE_LABELS: dict[str, str] = {"pip": "Parent–infant psychotherapy", "tt": "Together Time"}

_TOTAL = "Total"
_MISSING = "Missing"
_WORDS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine")
#: Service names inside a sentence.
_IN_TEXT = {"pip": "parent–infant psychotherapy", "tt": "Together Time"}


# --------------------------------------------------------------------------------------------
# Printed figures against the records
# --------------------------------------------------------------------------------------------


def printed_decimals(printed: Any, section_decimals: int) -> int:
    """Decimals of a printed percentage: 0 when the report printed a whole number ("18%", "3%"),
    else the decimals the report uses in that table (trailing zeros are lost in the YAML, so
    96.50 reads as 96.5 and the section's rule is needed). Same rule as
    :mod:`helpers.pairs.reproduce`.

    >>> printed_decimals(18, 1), printed_decimals(3.0, 1), printed_decimals(18.7, 1), printed_decimals(96.5, 2)
    (0, 0, 1, 2)
    """
    if isinstance(printed, bool) or not isinstance(printed, (int, float)):
        raise ValueError(f"printed percentage must be a number, got {printed!r}")
    return 0 if float(printed).is_integer() else section_decimals


def agrees(printed: float, value: float, decimals: int) -> bool:
    """Whether ``value`` rounded half up to ``decimals`` equals ``printed``.

    >>> agrees(4.8, 100 * 17 / 358, 1), agrees(4.7, 100 * 17 / 358, 1)
    (False, True)
    """
    return math.isclose(round_half_up(float(value), decimals), float(printed), abs_tol=1e-9)


def pct_difference(what: str, printed: float, count: int, denominator: int,
                   decimals: int) -> str | None:
    """A clause stating how a printed percentage differs from the records, or None if it agrees.

    Parameters
    ----------
    what : str
        What the percentage describes ("the Other group").
    printed : float
        The printed percentage (percent units).
    count, denominator : int
        The records' count and its base.
    decimals : int
        Decimals the report printed (see :func:`printed_decimals`).

    >>> pct_difference("the Other group", 7.4, 37, 358, 1)
    'for the Other group the report prints 7.4%, but 37 of 358 is 10.3%'
    >>> pct_difference("GPs", 5.6, 20, 358, 1) is None
    True
    """
    value = 100.0 * count / denominator
    if agrees(printed, value, decimals):
        return None
    return (f"for {what} the report prints {number(printed, decimals)}%, but "
            f"{integer(count)} of {integer(denominator)} is "
            f"{number(round_half_up(value, decimals), decimals)}%")


def figure_difference(what: str, printed: float, value: float, decimals: int,
                      unit: str = "") -> str | None:
    """A clause stating how a printed figure (a count, mean or age) differs from the records'
    value at the printed precision, or None if it agrees.

    >>> figure_difference("the mean age", 32, 31.8, 0, " years") is None
    True
    >>> figure_difference("appointments in 2015/16", 97, 95, 0)
    'for appointments in 2015/16 the report prints 97, the records give 95'
    """
    if agrees(printed, value, decimals):
        return None
    return (f"for {what} the report prints {number(printed, decimals)}{unit}, the records give "
            f"{number(round_half_up(float(value), decimals), decimals)}{unit}")


def differences_sentence(clauses: Iterable[str | None], checked: int, subject: str,
                         noun: str = "percentages") -> str:
    """One sentence: all ``checked`` printed ``noun`` on ``subject`` agree, or which differ.

    Parameters
    ----------
    clauses : iterable of str or None
        Output of :func:`pct_difference` / :func:`figure_difference`, one per printed figure
        checked (None = agrees).
    checked : int
        How many printed figures were checked.
    noun : str
        Plural noun for the figures ("percentages", "figures"); the singular drops the final s.

    >>> differences_sentence([None, None], 2, "attendance")
    'Both printed percentages on attendance follow from the records.'
    >>> differences_sentence([None, "for X the report prints 5%, but 1 of 10 is 10%"], 2, "X")
    'One of the 2 printed percentages on X differs from the records: for X the report prints 5%, but 1 of 10 is 10%.'
    """
    found = [c for c in clauses if c]
    if checked < 1:
        raise ValueError("differences_sentence: nothing was checked")
    if len(found) > checked:
        raise ValueError(f"differences_sentence: {len(found)} differences among {checked} figures")
    singular = noun[:-1] if noun.endswith("s") else noun
    if not found:
        if checked == 1:
            return f"The printed {singular} on {subject} follows from the records."
        every = "Both" if checked == 2 else f"All {integer(checked)}"
        return f"{every} printed {noun} on {subject} follow from the records."
    k = len(found)
    verb = "differs" if k == 1 else "differ"
    if k == checked:
        head = ("The printed " + singular if k == 1 else
                "Both printed " + noun if k == 2 else f"All {integer(k)} printed {noun}")
        return f"{head} on {subject} {verb} from the records: {'; '.join(found)}."
    head = _WORDS[k] if k < len(_WORDS) else integer(k)
    return (f"{head} of the {integer(checked)} printed {noun} on {subject} {verb} from the "
            f"records: {'; '.join(found)}.")


def long_date(value: pd.Timestamp) -> str:
    """A date as ``"23 June 2015"`` (day without a leading zero).

    >>> long_date(pd.Timestamp("2015-06-03"))
    '3 June 2015'
    """
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts.strftime('%B %Y')}"


# --------------------------------------------------------------------------------------------
# Referrals
# --------------------------------------------------------------------------------------------


def referrer_table(data: PairsData, printed: Sequence[dict] | None = None) -> pd.DataFrame:
    """Referrals by the report's referrer group, over all referrals, beside the printed figures.

    Parameters
    ----------
    data : PairsData
    printed : sequence of dict, optional
        ``referrals.by_category`` of the published figures (default: read from the YAML); entries
        in the report's order, each with ``category``, ``n`` and ``pct``.

    Returns
    -------
    DataFrame
        One row per group in :data:`REPORT_GROUPS` order: ``group``, ``n``, ``percent`` (of all
        referrals), ``denominator``, ``printed_n``, ``printed_pct``, ``agrees`` (the printed
        percentage follows from the count at its printed precision).

    Raises
    ------
    ValueError
        If the printed list does not name the groups in the order of :data:`REPORT_GROUPS`.
    """
    if printed is None:
        printed = published("pairs")["referrals"]["by_category"]
    if len(printed) != len(REPORT_GROUPS):
        raise ValueError(f"referrer_table: {len(printed)} printed groups, expected "
                         f"{len(REPORT_GROUPS)}")
    for entry, group in zip(printed, REPORT_GROUPS, strict=True):
        if not str(entry["category"]).lower().startswith(group.lower()):
            raise ValueError(f"referrer_table: printed group {entry['category']!r} is not "
                             f"{group!r}; the printed list must follow REPORT_GROUPS")
    ref = data.referrals
    counts = referrer_group(ref["referrer_category"]).value_counts()
    total = len(ref)
    rows = []
    for entry, group in zip(printed, REPORT_GROUPS, strict=True):
        n = int(counts.get(group, 0))
        value = 100.0 * n / total
        rows.append({"group": group, "n": n, "percent": value, "denominator": total,
                     "printed_n": int(entry["n"]), "printed_pct": float(entry["pct"]),
                     "agrees": agrees(entry["pct"], value, printed_decimals(entry["pct"], 1))})
    return pd.DataFrame(rows)


def referrer_gt(table: pd.DataFrame, *, source_note: str | None = None) -> GT:
    """Table of :func:`referrer_table`: n and % of all referrals beside the printed %, a Total row.

    A printed percentage that does not follow from its count is marked "✗ differs" in words and
    in bold (colour is not used as the only cue).
    """
    total_n = int(table["n"].sum())
    denominator = int(table["denominator"].iloc[0])
    if total_n != denominator:
        raise ValueError(f"referrer_gt: groups add to {total_n}, not to the {denominator} referrals")
    out = pd.DataFrame({
        "group": list(table["group"]) + [_TOTAL],
        "n": list(table["n"]) + [total_n],
        "percent": list(table["percent"]) + [100.0],
        "printed": [number(p, printed_decimals(p, 1)) for p in table["printed_pct"]]
        + [number(table["printed_pct"].sum(), 1)],
        "check": ["✓ agrees" if a else "✗ differs" for a in table["agrees"]] + [""],
    })
    bad = [int(i) for i in np.flatnonzero(~table["agrees"].to_numpy(bool))]
    gt = (
        GT(out)
        .fmt_integer(columns="n")
        .fmt_number(columns="percent", decimals=1)
        .cols_label(cases={"group": "Referrer group", "n": "n", "percent": "% (records)",
                           "printed": "% (printed)", "check": "Printed %"})
        .cols_align(align="right", columns=["n", "percent", "printed"])
        .pipe(mark_total_and_missing, [len(out) - 1])
        .tab_source_note(f"Percentages are of all {integer(denominator)} referrals. The printed "
                         "Total is the sum of the printed percentages.")
    )
    if bad:
        gt = gt.tab_style(style=style.text(weight="bold"), locations=loc.body(columns="check",
                                                                             rows=bad))
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt


def other_referrers(data: PairsData) -> pd.DataFrame:
    """The detailed referrer categories the report groups as "Other", largest first.

    Returns
    -------
    DataFrame
        ``category``, ``n``, ``percent`` (of the "Other" referrals), with every one of the 14
        categories (zero counts kept), ties in alphabetical order.
    """
    cat = data.referrals["referrer_category"]
    other = cat[cat.isin(OTHER_REFERRER_CATEGORIES)]
    counts = other.value_counts().reindex(list(OTHER_REFERRER_CATEGORIES), fill_value=0)
    frame = pd.DataFrame({"category": counts.index.astype(str), "n": counts.to_numpy(int)})
    frame = frame.sort_values(["n", "category"], ascending=[False, True], kind="stable")
    total = int(frame["n"].sum())
    frame["percent"] = 100.0 * frame["n"] / total if total else np.nan
    return frame.reset_index(drop=True)


def other_referrers_gt(others: pd.DataFrame) -> GT:
    """Table of :func:`other_referrers`: referrer, n and % of the Other group, with a Total row.

    Written here rather than with :func:`helpers.tables.count_table_gt` because every referral
    has a referrer (the records' own "Unknown" is a category), so a Missing row would mislead.
    """
    total = int(others["n"].sum())
    out = pd.DataFrame({"category": list(others["category"]) + [_TOTAL],
                        "n": list(others["n"].astype(int)) + [total],
                        "percent": list(others["percent"].astype(float)) + [100.0]})
    return (
        GT(out)
        .fmt_integer(columns="n")
        .fmt_number(columns="percent", decimals=1)
        .cols_label(cases={"category": "Referrer", "n": "n", "percent": "%"})
        .cols_align(align="right", columns=["n", "percent"])
        .pipe(mark_total_and_missing, [len(out) - 1])
        .tab_source_note(f"Percentages are of the {integer(total)} referrals in the Other group. "
                         "'Unknown' and 'Other (not specified)' are categories in the records.")
    )


@dataclass(frozen=True)
class Acceptance:
    """Referral outcomes, counted per referral.

    ``reasons`` maps the display text of each reason for non-acceptance to its count (largest
    first); ``antenatal``/``postnatal``/``timing_missing`` count the *accepted* referrals by the
    time of referral; ``clients`` is the number of adults who came through accepted referrals and
    ``shared`` the number of accepted referrals that brought more than one adult.
    """

    referred: int
    accepted: int
    not_accepted: int
    reasons: dict[str, int]
    antenatal: int
    postnatal: int
    timing_missing: int
    clients: int
    shared: int
    clients_by_timing: dict[str, int]


def acceptance(data: PairsData) -> Acceptance:
    """Acceptance of referrals, reasons for non-acceptance and antenatal/postnatal timing."""
    ref = data.referrals
    acc = ref[ref["accepted"].eq(True)]
    reasons = (ref.loc[ref["accepted"].eq(False), "reason_not_accepted"]
               .map(NON_ACCEPTANCE_LABELS).value_counts())
    timing = acc["pregnancy_status"]
    per_referral = data.pip_clients.groupby("referral_id").size()
    client_timing = (data.pip_clients["referral_id"]
                     .map(ref.set_index("referral_id")["pregnancy_status"])
                     .fillna(_MISSING.lower()).value_counts())
    return Acceptance(
        referred=len(ref), accepted=len(acc), not_accepted=int(ref["accepted"].eq(False).sum()),
        reasons={str(k): int(v) for k, v in reasons.items()},
        antenatal=int((timing == "antenatal").sum()), postnatal=int((timing == "postnatal").sum()),
        timing_missing=int(timing.isna().sum()), clients=len(data.pip_clients),
        shared=int((per_referral > 1).sum()),
        clients_by_timing={k: int(client_timing.get(k, 0))
                           for k in ("antenatal", "postnatal", "missing")},
    )


# --------------------------------------------------------------------------------------------
# Engagement with parent-infant psychotherapy
# --------------------------------------------------------------------------------------------


def yearly_appointments(data: PairsData) -> pd.Series:
    """PIP appointments per financial year, every year from the first to the last (0 if none).

    Wraps :func:`helpers.pairs.data.appointments_by_year`, which lists only years with records;
    :func:`helpers.figures.yearly_counts` needs consecutive years.
    """
    by_year = appointments_by_year(data)
    if by_year.empty:
        raise ValueError("yearly_appointments: there are no appointments")
    starts = [int(str(y)[:4]) for y in by_year.index]
    years = [f"{s}/{(s + 1) % 100:02d}" for s in range(min(starts), max(starts) + 1)]
    return by_year.reindex(years, fill_value=0).astype(int).rename("n")


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


def relation_to_range(value: float, low: float, high: float) -> str:
    """``"below"``, ``"within"`` or ``"above"`` the closed range [low, high] (same units).

    >>> relation_to_range(10.9, 15, 20), relation_to_range(15, 15, 20), relation_to_range(21, 15, 20)
    ('below', 'within', 'above')
    """
    if low > high:
        raise ValueError(f"relation_to_range: low {low} is above high {high}")
    if value < low:
        return "below"
    if value > high:
        return "above"
    return "within"


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


# --------------------------------------------------------------------------------------------
# Who was reached
# --------------------------------------------------------------------------------------------


def tt_with_data(data: PairsData) -> pd.DataFrame:
    """Together Time participants who returned a questionnaire or set a goal (the report's 114)."""
    ids = set(data.tt_questionnaires["participant_id"]) | set(data.tt_goals["participant_id"])
    tp = data.tt_participants
    return tp[tp["participant_id"].isin(ids)].reset_index(drop=True)


def _ethnicity_codes(values: pd.Series) -> pd.Series:
    return values.replace({"not_stated": "unknown"}).fillna("unknown")


def ethnicity_by_service(data: PairsData, printed: dict | None = None) -> pd.DataFrame:
    """Ethnic group of PIP clients and Together Time participants side by side.

    "Unknown/missing" joins "not stated" and blank, as the report's table 1 does. Percentages are
    of everyone in the service (unknown included). Together Time counts every consented adult in
    the user records (118), as table 1 does.

    Returns
    -------
    DataFrame
        One row per group of :data:`helpers.pairs.data.ETHNICITY_LABELS` and a Total row:
        ``code``, ``category``, and for each service ``s`` in (pip, tt): ``s_n``, ``s_pct``,
        ``s_printed`` (printed percentage, NaN where the report printed a bare 0 or none).
    """
    if printed is None:
        printed = published("pairs")["ethnicity"]
    frames = {"pip": data.pip_clients, "tt": data.tt_participants}
    rows: list[dict[str, Any]] = []
    codes = list(ETHNICITY_LABELS)
    counts = {s: _ethnicity_codes(f["ethnicity_group"]).value_counts() for s, f in frames.items()}
    for code in codes + [_TOTAL]:
        row: dict[str, Any] = {"code": code,
                               "category": ETHNICITY_LABELS.get(code, _TOTAL)}
        for s, frame in frames.items():
            n = len(frame) if code == _TOTAL else int(counts[s].get(code, 0))
            row[f"{s}_n"] = n
            row[f"{s}_pct"] = 100.0 * n / len(frame) if len(frame) else np.nan
            p = printed.get(f"{s}_pct", {}).get(code) if code != _TOTAL else 100.0
            row[f"{s}_printed"] = float(p) if p is not None else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def service_gt(table: pd.DataFrame, *, category_label: str, decimals: int = 1,
               source_note: str | None = None) -> GT:
    """Side-by-side counts of the two services (``pip_n``, ``pip_pct``, ``tt_n``, ``tt_pct``,
    optional ``*_printed``): one spanner per service, n (%) of the records and the printed %."""
    out = pd.DataFrame({"category": table["category"].astype(str)})
    has_printed = all(f"{s}_printed" in table for s in SERVICE_LABELS)
    for s in SERVICE_LABELS:
        out[f"{s}_n"] = table[f"{s}_n"].astype(int)
        out[f"{s}_pct"] = table[f"{s}_pct"].astype(float)
        if has_printed:
            out[f"{s}_printed"] = [("–" if pd.isna(p) else
                                    number(p, printed_decimals(p, decimals)))
                                   for p in table[f"{s}_printed"]]
    total_rows = [int(i) for i in np.flatnonzero(out["category"].eq(_TOTAL))]
    missing_rows = [int(i) for i in np.flatnonzero(out["category"].isin([_MISSING,
                                                                         "Unknown/missing"]))]
    labels = {"category": category_label}
    gt = GT(out).fmt_integer(columns=[f"{s}_n" for s in SERVICE_LABELS]) \
        .fmt_number(columns=[f"{s}_pct" for s in SERVICE_LABELS], decimals=decimals)
    for s, name in SERVICE_LABELS.items():
        cols = [f"{s}_n", f"{s}_pct"] + ([f"{s}_printed"] if has_printed else [])
        labels.update({f"{s}_n": "n", f"{s}_pct": "%", f"{s}_printed": "printed %"})
        gt = gt.tab_spanner(label=name, columns=cols)
    gt = (gt.cols_label(cases={k: v for k, v in labels.items() if k in out.columns})
          .cols_align(align="right", columns=[c for c in out.columns if c != "category"])
          .pipe(mark_total_and_missing, total_rows, missing_rows))
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt


def imd_by_service(data: PairsData, printed: dict | None = None) -> pd.DataFrame:
    """IMD decile of the postcode records of each service, as the report's table 2 counts them.

    Rows: every decile from the lowest to the highest recorded in either service (zero counts
    kept), then Missing (no postcode) and Total. Percentages are of all the service's records,
    missing included.

    Returns
    -------
    DataFrame
        ``code`` (decile number, "missing" or "total"), ``category``, ``pip_n``, ``pip_pct``,
        ``pip_printed``, ``tt_n``, ``tt_pct``, ``tt_printed``.
    """
    if printed is None:
        printed = published("pairs")["imd_decile"]
    imd = data.imd_records
    services = {"pip": "parent_infant_psychotherapy", "tt": "together_time"}
    deciles = imd["imd_decile"].dropna().astype(int)
    if deciles.empty:
        raise ValueError("imd_by_service: no postcode has an IMD decile")
    order: list[Any] = list(range(int(deciles.min()), int(deciles.max()) + 1))
    rows = []
    for code in order + ["missing", "total"]:
        label = {"missing": _MISSING, "total": _TOTAL}.get(code, f"Decile {code}")
        row: dict[str, Any] = {"code": code, "category": label}
        for s, service in services.items():
            part = imd.loc[imd["service"] == service, "imd_decile"]
            if code == "missing":
                n = int(part.isna().sum())
            elif code == "total":
                n = len(part)
            else:
                n = int((part == code).sum())
            row[f"{s}_n"] = n
            row[f"{s}_pct"] = 100.0 * n / len(part) if len(part) else np.nan
            key = code if code in ("missing",) else f"d{code}"
            p = 100.0 if code == "total" else printed.get(f"{s}_pct", {}).get(key)
            row[f"{s}_printed"] = float(p) if p is not None else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def imd_person_deciles(data: PairsData) -> dict[str, pd.Series]:
    """One IMD decile per *person*: each PIP client's latest recorded address, and each Together
    Time adult's own record (infant records left out). Missing postcodes stay NaN."""
    imd = data.imd_records
    pip = (imd[imd["service"] == "parent_infant_psychotherapy"]
           .sort_values(["person_id", "address_sequence"]).groupby("person_id").tail(1))
    tt = imd[(imd["service"] == "together_time") & (imd["person"] == "adult")]
    return {"pip": pip["imd_decile"].reset_index(drop=True),
            "tt": tt["imd_decile"].reset_index(drop=True)}


def share_at_most(deciles: pd.Series, top: int) -> tuple[int, int]:
    """(records in deciles 1..``top``, all records including those with no decile).

    >>> share_at_most(pd.Series([2, 3, 4, None]), 3)
    (2, 4)
    """
    values = pd.to_numeric(deciles, errors="raise")
    return int((values <= top).sum()), len(values)


def printed_imd_claims(summary: str | None = None) -> dict[str, Any]:
    """The numbers in the report's IMD summary text (``imd_decile.summary`` of the YAML).

    Returns ``{"about_pct": 60, "about_deciles": 3, "range_pct": (35, 40), "range_deciles": 2}``
    for the printed summary: "about 60% in the 30% most deprived areas ... (deciles 1-3); 35-40% in
    the 20% most deprived".
    """
    if summary is None:
        summary = published("pairs")["imd_decile"]["summary"]
    about = re.search(r"about (\d+)% in the (\d+)% most deprived", summary)
    span = re.search(r"(\d+)-(\d+)% in the (\d+)% most deprived", summary)
    if about is None or span is None:
        raise ValueError(f"printed_imd_claims: cannot read the IMD summary {summary!r}")
    return {"about_pct": int(about.group(1)), "about_deciles": int(about.group(2)) // 10,
            "range_pct": (int(span.group(1)), int(span.group(2))),
            "range_deciles": int(span.group(3)) // 10}


def imd_figure(table: pd.DataFrame) -> Figure:
    """Paired horizontal bars of :func:`imd_by_service` percentages (Total row left out).

    Parent–infant psychotherapy bars are solid blue, Together Time bars orange and hatched, and
    every bar carries its percentage and count, so neither colour nor hatching alone carries the
    meaning. Decile 2 (more deprived) is at the top.
    """
    data = table[table["category"] != _TOTAL].reset_index(drop=True)
    fig = Figure(figsize=(7.0, 0.9 + 0.62 * len(data)), layout="constrained")
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    y = np.arange(len(data))[::-1].astype(float)
    h = 0.38
    styles = {"pip": {"color": OKABE_ITO["blue"], "hatch": ""},
              "tt": {"color": OKABE_ITO["orange"], "hatch": "///"}}
    top = float(np.nanmax(data[["pip_pct", "tt_pct"]].to_numpy(float)))
    for offset, (s, name) in zip((h / 2, -h / 2), SERVICE_LABELS.items(), strict=True):
        n_total = int(table.loc[table["category"] == _TOTAL, f"{s}_n"].iloc[0])
        bars = ax.barh(y + offset, data[f"{s}_pct"], height=h, color=styles[s]["color"],
                       hatch=styles[s]["hatch"], edgecolor="black", linewidth=0.5,
                       label=f"{name} ({integer(n_total)} records)")
        for bar, p, n in zip(bars, data[f"{s}_pct"], data[f"{s}_n"], strict=True):
            ax.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2,
                    f"{number(p, 1)}% ({integer(n)})", va="center", fontsize=7.5)
    ax.set_yticks(y, data["category"].astype(str))
    ax.set_xlim(0, top * 1.3)
    ax.set_xlabel("Share of the service's postcode records (%)")
    ax.set_ylabel("IMD 2019 decile (1 = most deprived)")
    ax.legend(loc="lower right", fontsize=8, frameon=True)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.5)
    ax.set_axisbelow(True)
    return fig


_ROLE_LABELS = {"mother": "Mother", "father": "Father", "foster_carer": "Foster carer",
                "other_primary_carer": "Other primary carer"}
_SINGLE_LABELS = {"yes": "Yes", "no": "No", "unknown": "Unknown (recorded as not known)"}


def pip_profile(data: PairsData, printed: dict | None = None) -> pd.DataFrame:
    """Role and single-parent status of the adults accepted into PIP (the report's table 3).

    Percentages are of all accepted adults (blank single-parent status is its own "Missing" row),
    as the report's table 3 does.

    Returns
    -------
    DataFrame
        ``group``, ``category``, ``n``, ``percent``, ``denominator``, ``printed`` (printed
        percentage; NaN for Total rows), ``agrees``.
    """
    if printed is None:
        printed = published("pairs")["pip_demographics"]
    cl = data.pip_clients
    parts = []
    specs = (("Relationship to the infant", "role", _ROLE_LABELS, printed["role_pct"]),
             ("Single parent", "single_parent", _SINGLE_LABELS,
              {"yes": printed["single_parent_pct"][True], "no": printed["single_parent_pct"][False],
               "unknown": printed["single_parent_pct"]["unknown"],
               "missing": printed["single_parent_pct"]["missing"]}))
    for group, column, labels, pr in specs:
        part = count_table(cl[column], order=list(labels), labels=labels, denominator="all")
        codes = list(labels) + ["missing", "total"]
        part["printed"] = [float(pr[c]) if c in pr else np.nan for c in codes]
        part["agrees"] = [agrees(p, v, 2) if not np.isnan(p) else pd.NA
                          for p, v in zip(part["printed"], part["percent"], strict=True)]
        part.insert(0, "group", group)
        if column == "role" and part.loc[part["category"] == _MISSING, "n"].iloc[0] == 0:
            part = part[part["category"] != _MISSING]
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def profile_gt(profile: pd.DataFrame, *, source_note: str | None = None) -> GT:
    """Table of :func:`pip_profile`: n, % of the records and the printed %, one row group each.

    A printed percentage that does not follow from its count is marked "✗ differs" (in words).
    """
    out = pd.DataFrame({
        "group": profile["group"].astype(str),
        "category": profile["category"].astype(str),
        "n": profile["n"].astype(int),
        "percent": profile["percent"].astype(float),
        "printed": ["–" if pd.isna(p) else number(p, 2) for p in profile["printed"]],
        "check": ["" if pd.isna(a) else ("✓ agrees" if a else "✗ differs")
                  for a in profile["agrees"]],
    })
    total_rows = [int(i) for i in np.flatnonzero(out["category"].eq(_TOTAL))]
    missing_rows = [int(i) for i in np.flatnonzero(out["category"].eq(_MISSING))]
    bad_rows = [int(i) for i in np.flatnonzero(out["check"].eq("✗ differs"))]
    gt = (
        GT(out, groupname_col="group")
        .fmt_integer(columns="n")
        .fmt_number(columns="percent", decimals=2)
        .cols_label(cases={"category": "", "n": "n", "percent": "% (records)",
                           "printed": "% (printed)", "check": "Printed %"})
        .cols_align(align="right", columns=["n", "percent", "printed"])
        .pipe(mark_total_and_missing, total_rows, missing_rows)
    )
    if bad_rows:
        gt = gt.tab_style(style=style.text(weight="bold"),
                          locations=loc.body(columns="check", rows=bad_rows))
    gt = gt.tab_source_note(f"Percentages are of all {integer(int(out.loc[total_rows[0], 'n']))} "
                            "adults accepted into parent–infant psychotherapy, blanks included, "
                            "to two decimals as the report prints them.")
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt


# --------------------------------------------------------------------------------------------
# Printed-vs-records clauses for whole tables (input to differences_sentence)
# --------------------------------------------------------------------------------------------


def referrer_clauses(table: pd.DataFrame) -> list[str | None]:
    """One :func:`pct_difference` clause per row of :func:`referrer_table` (None = agrees)."""
    return [pct_difference(f"the {r.group} group" if r.group != "Other" else "the Other group",
                           r.printed_pct, int(r.n), int(r.denominator),
                           printed_decimals(r.printed_pct, 1))
            for r in table.itertuples()]


def service_clauses(table: pd.DataFrame, section_decimals: int = 1) -> list[str | None]:
    """Clauses for every printed percentage of :func:`ethnicity_by_service` or
    :func:`imd_by_service` (Total rows and rows without a printed value are skipped)."""
    out: list[str | None] = []
    for s, name in _IN_TEXT.items():
        total = int(table.loc[table["category"] == _TOTAL, f"{s}_n"].iloc[0])
        for r in table[table["category"] != _TOTAL].itertuples():
            p = getattr(r, f"{s}_printed")
            if pd.isna(p):
                continue
            short = str(r.category).split(",")[0]
            out.append(pct_difference(f"{short} ({name})", p, int(getattr(r, f"{s}_n")),
                                      total, printed_decimals(p, section_decimals)))
    return out


def profile_clauses(profile: pd.DataFrame) -> list[str | None]:
    """Clauses for every printed percentage of :func:`pip_profile` (two decimals)."""
    rows = profile[profile["printed"].notna()]
    return [pct_difference(f"{r.category.split(' (')[0].lower()} ({r.group.lower()})", r.printed,
                           int(r.n), int(r.denominator), 2) for r in rows.itertuples()]


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


# --------------------------------------------------------------------------------------------
# The three family services in brief
# --------------------------------------------------------------------------------------------


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
    """Together Time participants with data (:func:`tt_with_data`): runs, dates and length.

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


def month_year(value: pd.Timestamp) -> str:
    """``"September 2018"``.

    >>> month_year(pd.Timestamp("2018-09-17"))
    'September 2018'
    """
    return pd.Timestamp(value).strftime("%B %Y")


#: How each reason for non-acceptance reads after "because".
_REASON_PHRASES = {
    "outside the LEAP catchment area": "the family lived outside the LEAP catchment area",
    "child too old for the service": "the child was too old for the service",
}


def reasons_text(reasons: dict[str, int]) -> str:
    """The reasons for non-acceptance as a phrase, largest first.

    >>> reasons_text({"outside the LEAP catchment area": 52, "child too old for the service": 22})
    '52 because the family lived outside the LEAP catchment area and 22 because the child was too old for the service'
    """
    if not reasons:
        raise ValueError("reasons_text: no reasons recorded")
    parts = [f"{integer(k)} because {_REASON_PHRASES.get(r, 'of: ' + r)}"
             for r, k in sorted(reasons.items(), key=lambda item: -item[1])]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
