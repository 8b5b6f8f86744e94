"""Parenting Under Pressure: what parents said in the interviews after therapy.

The interview sample (:func:`interview_sample`), the published themes
(:data:`PUP_INTERVIEW_THEMES`, report section 3, Hewison & Zhong 2020) with the figures the report
printed (:func:`pup_theme_table`), and the facts the chapter's prose reads off them
(:func:`theme_facts`, :func:`home_facts`, :func:`sessions_pattern`, :func:`excerpt_gaps_sentence`).
Generic theme counting and excerpt selection live in :mod:`helpers.qualitative`; the referral
numbers of the lessons chapter in :mod:`helpers.pup.lessons`.

Conventions: counts are people (interviewees, couples or parents); percentages are 0-100 of the
stated denominator.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.errors import require_columns
from helpers.formatting import integer, pct
from helpers.qualitative import Theme, theme_counts
from helpers.words import join_words

__all__ = [
    "InterviewSample",
    "interview_sample",
    "PUP_INTERVIEW_THEMES",
    "PUP_THEME_PRINTED",
    "pup_theme_table",
    "sessions_pattern",
    "noticed_sentence",
    "ThemeFacts",
    "theme_facts",
    "HomeFacts",
    "home_facts",
    "excerpt_gaps_sentence",
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


@dataclass(frozen=True)
class ThemeFacts:
    """Counts of themes (not of people) in :func:`pup_theme_table`.

    Attributes
    ----------
    n_themes : int
        Themes in the table.
    n_universal : int
        Themes raised by every interviewee for whom they were recorded (``n == denominator``,
        with at least one recorded).
    n_checked : int
        Themes for which the report printed a number to compare (``agrees`` not missing).
    """

    n_themes: int
    n_universal: int
    n_checked: int


def theme_facts(themes: pd.DataFrame) -> ThemeFacts:
    """Count the themes of :func:`pup_theme_table` output (columns ``n``, ``denominator``,
    ``agrees``); see :class:`ThemeFacts`."""
    require_columns(themes, ["n", "denominator", "agrees"], "theme_facts")
    universal = (themes["n"] == themes["denominator"]) & (themes["denominator"] > 0)
    return ThemeFacts(n_themes=int(len(themes)), n_universal=int(universal.sum()),
                      n_checked=int(themes["agrees"].notna().sum()))


@dataclass(frozen=True)
class HomeFacts:
    """Interviewees whose living arrangements changed after therapy (counts of people).

    Attributes
    ----------
    improved, worse : int
        Interviewees whose arrangements improved, and got worse.
    improved_roles : str
        Roles of those who improved in words, alphabetical (``"father"``, ``"father and
        mother"``); ``"nobody"`` when none improved.
    """

    improved: int
    worse: int
    improved_roles: str


def home_facts(detail: pd.DataFrame) -> HomeFacts:
    """Read :class:`HomeFacts` off :meth:`helpers.pup.analysis.PupAnalysis.interviews_detail`
    (columns ``living_arrangements`` and ``role``).

    >>> home_facts(pd.DataFrame({"living_arrangements": ["improved", "unchanged", "improved"],
    ...                          "role": ["mother", "father", "father"]}))
    HomeFacts(improved=2, worse=0, improved_roles='father and mother')
    """
    require_columns(detail, ["living_arrangements", "role"], "home_facts")
    improved = detail["living_arrangements"] == "improved"
    roles = sorted(set(detail.loc[improved, "role"]))
    return HomeFacts(improved=int(improved.sum()),
                     worse=int((detail["living_arrangements"] == "worse").sum()),
                     improved_roles=join_words(roles, lower=True) if roles else "nobody")


def excerpt_gaps_sentence(missing: Sequence[str]) -> str:
    """One sentence naming the themes without an excerpt
    (:func:`helpers.qualitative.themes_without_excerpts`).

    Theme labels may contain commas, so they are separated by semicolons; first letters are
    lowered as in running text.

    >>> excerpt_gaps_sentence([])
    'Every theme has at least one excerpt.'
    >>> excerpt_gaps_sentence(["Relatives noticed", "Spoke up, argued less"])
    'No excerpt is held for: relatives noticed; spoke up, argued less.'
    """
    if not missing:
        return "Every theme has at least one excerpt."
    return "No excerpt is held for: " + "; ".join(m[:1].lower() + m[1:] for m in missing) + "."
