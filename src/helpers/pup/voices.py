"""Parenting Under Pressure: the interviews and the numbers behind the recommendations.

The interview sample (:func:`interview_sample`), the published themes
(:data:`PUP_INTERVIEW_THEMES`, report section 3, Hewison & Zhong 2020) with the figures the report
printed (:func:`pup_theme_table`), and the referral timing and sources the recommendations chapter
rests on. Generic theme counting and excerpt selection live in :mod:`helpers.qualitative`.

Conventions: counts are people (interviewees, couples or parents); percentages are 0-100 of the
stated denominator; dates are calendar dates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.errors import require_columns
from helpers.formatting import integer, pct
from helpers.qualitative import Theme, theme_counts

__all__ = [
    "InterviewSample",
    "interview_sample",
    "PUP_INTERVIEW_THEMES",
    "PUP_THEME_PRINTED",
    "pup_theme_table",
    "sessions_pattern",
    "noticed_sentence",
    "ReferralTimeline",
    "referral_timeline",
    "referral_sources",
    "PUP_REFERRAL_SOURCES",
    "referral_gt",
]


# ------------------------------------------------------------------------------------------------
# Parenting Under Pressure: the interviews
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InterviewSample:
    """Who was interviewed (counts of people, couples or families).

    Attributes
    ----------
    parents, mothers, fathers : int
        Interviewees, by role in the service record.
    families : int
        Distinct couples (families) the interviewees came from.
    couples_both : int
        Couples in which both parents were interviewed.
    interpreted : int
        Interviews interpreted by the partner.
    more_sessions : int
        Interviewees who attended more than ``session_threshold`` sessions (assessment included).
    session_threshold : int
        The threshold used (the report's "more than four sessions").
    """

    parents: int
    mothers: int
    fathers: int
    families: int
    couples_both: int
    interpreted: int
    more_sessions: int
    session_threshold: int


def interview_sample(detail: pd.DataFrame, *, session_threshold: int = 4) -> InterviewSample:
    """Count the interviewees of :meth:`helpers.pup.data.PupAnalysis.interviews_detail`.

    ``detail`` needs ``parent_id``, ``role`` (mother/father), ``couple_id``,
    ``interpreted_by_partner`` and ``sessions_including_assessment``.
    """
    require_columns(detail, ["parent_id", "role", "couple_id", "interpreted_by_partner",
                      "sessions_including_assessment"], "interview_sample")
    per_couple = detail["couple_id"].value_counts()
    return InterviewSample(
        parents=int(detail["parent_id"].nunique()),
        mothers=int((detail["role"] == "mother").sum()),
        fathers=int((detail["role"] == "father").sum()),
        families=int(detail["couple_id"].nunique()),
        couples_both=int((per_couple == 2).sum()),
        interpreted=int(detail["interpreted_by_partner"].astype(bool).sum()),
        more_sessions=int((detail["sessions_including_assessment"] > session_threshold).sum()),
        session_threshold=session_threshold,
    )


#: The report's interview themes (section 3.2-3.15, in its order), worded afresh. Satisfaction
#: with the programme (section 3.9) is coded in the data as its two countable parts.
PUP_INTERVIEW_THEMES: tuple[Theme, ...] = (
    Theme("living_arrangements", "Home arrangements stayed the same or got better",
          "living_arrangements", ("unchanged", "improved")),
    Theme("understanding_self_and_partner", "Understood themselves and their partner better",
          "understanding_self_and_partner"),
    Theme("change_in_expression_and_communication",
          "Spoke up, argued less, felt more confident or communicated better",
          "change_in_expression_and_communication"),
    Theme("family_and_friends_noticed", "Relatives or friends noticed a change",
          "family_and_friends_noticed"),
    Theme("relationship_improved", "The couple's relationship improved", "relationship_improved"),
    Theme("children_happier", "Children happier with fewer arguments", "children_happier"),
    Theme("therapy_helped_communication", "Help with talking to each other was the useful part",
          "therapy_helped_communication"),
    Theme("specific_suggestion", "Content overall, with a concrete suggestion",
          "specific_suggestion"),
    Theme("personal_wish", "Content overall, with a small personal wish", "personal_wish"),
    Theme("nothing_worse", "Nothing had got worse", "nothing_worse"),
    Theme("would_recommend", "Would recommend it to a friend", "would_recommend"),
    Theme("in_line_with_social_work_plan", "Fitted the social work plan (where there was one)",
          "in_line_with_social_work_plan"),
    Theme("better_future_self", "Expected a better future for themselves", "better_future_self"),
    Theme("better_future_children", "Expected a better future for their children",
          "better_future_children"),
    Theme("vignette_advice_calm_and_talk", "Told the vignette couple to calm down and talk",
          "vignette_advice_calm_and_talk"),
)

#: Figures the report printed per theme: code -> (path in the flattened YAML, kind, note). Kinds:
#: ``count`` (interviewees who raised it), ``all_but`` (interviewees who did *not* raise it).
#: A note says what the printed number counted when the report framed it differently.
PUP_THEME_PRINTED: dict[str, tuple[str, str, str]] = {
    "understanding_self_and_partner": ("parent_interviews.themes.1.count", "count", ""),
    "family_and_friends_noticed": ("parent_interviews.themes.3.interviewed_over_four_sessions",
                                   "count", "those with more than four sessions"),
    "relationship_improved": ("parent_interviews.themes.4.did_not_improve", "all_but", ""),
    "specific_suggestion": ("parent_interviews.themes.7.specific_suggestions", "count", ""),
    "personal_wish": ("parent_interviews.themes.7.minor_personal_wishes", "count", ""),
    "nothing_worse": ("parent_interviews.themes.8.count", "count", ""),
    "would_recommend": ("parent_interviews.themes.9.count", "count", ""),
}


def pup_theme_table(interviews: pd.DataFrame, printed: Mapping[str, object]) -> pd.DataFrame:
    """:func:`theme_counts` of the published themes plus the report's figure and agreement.

    ``printed`` is :func:`helpers.published.flatten` of the evaluation's YAML. Adds
    ``printed`` (number or None), ``printed_text`` ("11", "all but 2", "–") and ``agrees``
    (bool, or None where the report printed no number).
    """
    out = theme_counts(interviews, PUP_INTERVIEW_THEMES, id_col="parent_id")
    values, texts, agree = [], [], []
    for _, row in out.iterrows():
        path, kind, note = PUP_THEME_PRINTED.get(row["code"], (None, None, ""))
        value = printed.get(path) if path else None
        if value is None:
            values.append(None), texts.append("–"), agree.append(None)
            continue
        value = int(value)
        values.append(value)
        if kind == "all_but":
            texts.append(f"all but {integer(value)}")
            agree.append(int(row["denominator"]) - int(row["n"]) == value)
        else:
            texts.append(integer(value) + (f" ({note})" if note else ""))
            agree.append(int(row["n"]) == value)
    out["printed"], out["printed_text"], out["agrees"] = values, texts, agree
    return out


def sessions_pattern(detail: pd.DataFrame, theme_column: str, *, threshold: int = 4
                     ) -> dict[str, tuple[int, int]]:
    """Raisers of a theme among interviewees above / at or below a sessions threshold.

    Returns ``{"more": (k, n), "fewer": (k, n)}``: k raised the theme of the n interviewees with
    more than ``threshold`` sessions (assessment included), and of those with ``threshold`` or
    fewer. Used to check the report's reading that only parents with more sessions had changes
    noticed by others.
    """
    require_columns(detail, [theme_column, "sessions_including_assessment"], "sessions_pattern")
    more = detail["sessions_including_assessment"] > threshold
    said = detail[theme_column].fillna(False).astype(bool)
    return {"more": (int((said & more).sum()), int(more.sum())),
            "fewer": (int((said & ~more).sum()), int((~more).sum()))}


def noticed_sentence(pattern: Mapping[str, tuple[int, int]], threshold: int) -> str:
    """Whether :func:`sessions_pattern` output bears out the report's reading (section 3.5) that
    only parents with more than ``threshold`` sessions had changes noticed by others.

    Examples
    --------
    >>> noticed_sentence({"more": (4, 4), "fewer": (0, 7)}, 4)
    "The records bear out the report's reading that outsiders noticed change only among parents with more than 4 sessions."
    """
    (k_more, n_more), (k_fewer, n_fewer) = pattern["more"], pattern["fewer"]
    if n_more == 0 or n_fewer == 0:
        return (f"Every interviewee falls on one side of {integer(threshold)} sessions, so the "
                "records cannot test the report's reading that more sessions came first.")
    if k_fewer == 0 and k_more > 0:
        return ("The records bear out the report's reading that outsiders noticed change only "
                f"among parents with more than {integer(threshold)} sessions.")
    return ("The records do not bear out the report's reading that outsiders noticed change only "
            f"among parents with more than {integer(threshold)} sessions: "
            f"{pct(k_fewer, n_fewer)} with fewer sessions also said so.")


# ------------------------------------------------------------------------------------------------
# Parenting Under Pressure: evidence for the recommendations
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralTimeline:
    """When couples were referred, against the funded period.

    Attributes
    ----------
    start, end : Timestamp
        First and last day of the funded period.
    first_referral, last_referral : Timestamp
        Dates of the first and last referral received.
    by_quarter : DataFrame
        ``quarter`` (1-4, quarters of the funded period counted from ``start``), ``referred``,
        ``offered`` (couples).
    weeks_left_after_last : int
        Whole weeks from the last referral to ``end``.
    """

    start: pd.Timestamp
    end: pd.Timestamp
    first_referral: pd.Timestamp
    last_referral: pd.Timestamp
    by_quarter: pd.DataFrame
    weeks_left_after_last: int

    @property
    def days_to_first(self) -> int:
        """Days from the start of the funded period to the first referral."""
        return int((self.first_referral - self.start).days)


def referral_timeline(couples: pd.DataFrame, start: str | pd.Timestamp, end: str | pd.Timestamp
                      ) -> ReferralTimeline:
    """Referrals and offers per quarter of the funded period (``couples`` table of the loader).

    Quarters are three-month blocks counted from ``start`` (quarter 1 = its first three months).
    A referral outside [start, end] is an error, not silently dropped.
    """
    require_columns(couples, ["couple_id", "referral_date", "screening_outcome"], "referral_timeline")
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    dates = couples["referral_date"]
    outside = (dates < start) | (dates > end)
    if outside.any():
        raise ValueError(f"referral_timeline: referrals outside {start.date()}–{end.date()}: "
                         f"{couples.loc[outside, 'couple_id'].tolist()}")
    months = (dates.dt.year - start.year) * 12 + (dates.dt.month - start.month)
    quarter = months // 3 + 1
    n_quarters = int(((end.year - start.year) * 12 + end.month - start.month) // 3 + 1)
    offered = couples["screening_outcome"].eq("offered")
    by_quarter = pd.DataFrame({
        "quarter": range(1, n_quarters + 1),
        "referred": quarter.value_counts().reindex(range(1, n_quarters + 1), fill_value=0)
        .to_numpy(),
        "offered": quarter[offered].value_counts().reindex(range(1, n_quarters + 1),
                                                           fill_value=0).to_numpy(),
    })
    last = dates.max()
    return ReferralTimeline(start=start, end=end, first_referral=dates.min(), last_referral=last,
                            by_quarter=by_quarter, weeks_left_after_last=int((end - last).days // 7))


def referral_sources(couples: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """Couples referred and offered a place, by referral source, most referrals first.

    Returns columns ``source`` (code), ``label``, ``referred``, ``offered``, ``percent`` (offered
    as 0-100 of referred). Sources in ``labels`` with no referral are kept with zeros (percent
    NaN); a source not in ``labels`` is an error.
    """
    require_columns(couples, ["referral_source", "screening_outcome"], "referral_sources")
    unknown = sorted(set(couples["referral_source"].dropna()) - set(labels))
    if unknown:
        raise ValueError(f"referral_sources: sources without a label: {unknown}")
    referred = couples["referral_source"].value_counts().reindex(list(labels), fill_value=0)
    offered = couples.loc[couples["screening_outcome"] == "offered", "referral_source"] \
        .value_counts().reindex(list(labels), fill_value=0)
    out = pd.DataFrame({"source": list(labels), "label": list(labels.values()),
                        "referred": referred.to_numpy().astype("int64"),
                        "offered": offered.to_numpy().astype("int64")})
    out["percent"] = np.where(out["referred"] > 0,
                              100.0 * out["offered"] / out["referred"].where(out["referred"] > 0),
                              np.nan)
    out["_order"] = range(len(out))
    out = out.sort_values(["referred", "_order"], ascending=[False, True], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


#: Display labels of the couples table's referral sources (codes: helpers.pup.data.COUPLES).
PUP_REFERRAL_SOURCES: dict[str, str] = {
    "social_worker": "Children's Services social worker",
    "early_support": "Early support worker",
    "camhs": "Child and adolescent mental health service",
    "school": "School",
    "other": "Other",
}


def referral_gt(timeline: ReferralTimeline, sources: pd.DataFrame):
    """Two-part great_tables table: couples referred and offered by quarter, then by source."""
    from great_tables import GT

    quarters = timeline.by_quarter
    start = timeline.start
    names = [f"Quarter {q} ({(start + pd.DateOffset(months=3 * (q - 1))).strftime('%b %Y')}"
             f"–{(start + pd.DateOffset(months=3 * q - 1)).strftime('%b %Y')})"
             for q in quarters["quarter"]]
    rows = pd.concat([
        pd.DataFrame({"group": "When the couple was referred", "category": names,
                      "referred": quarters["referred"], "offered": quarters["offered"]}),
        pd.DataFrame({"group": "Who referred the couple", "category": sources["label"],
                      "referred": sources["referred"], "offered": sources["offered"]}),
    ], ignore_index=True)
    rows = rows[rows["referred"] > 0].reset_index(drop=True)
    rows["offered_text"] = [pct(int(k), int(n)) for k, n in
                            zip(rows["offered"], rows["referred"], strict=True)]
    return (GT(rows[["group", "category", "referred", "offered_text"]], groupname_col="group")
            .cols_label(cases={"category": "", "referred": "Couples referred",
                               "offered_text": "Offered a place"})
            .cols_align(align="right", columns=["referred", "offered_text"])
            .tab_source_note("Offered a place: couples the screening panel offered the "
                             "intervention, of those referred in that row. Quarters are counted "
                             "from the start of the funded year."))
