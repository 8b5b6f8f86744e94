"""Parenting Under Pressure: what parents said in the interviews after therapy.

The interview sample (:func:`interview_sample`), the published themes
(:data:`PUP_INTERVIEW_THEMES`, report section 3, Hewison & Zhong 2020) counted from the records
(:func:`interview_themes`; beside the figures the report printed, for the tests and appendix:
:func:`pup_theme_table`), and the facts the chapter reads (:func:`voices_facts`, built from
:func:`theme_facts`, :func:`home_facts`, :func:`relationship_facts`, :func:`sessions_pattern` and
the sentences of :mod:`helpers.pup.voices_sentences`). Generic theme counting and excerpt selection
live in :mod:`helpers.qualitative`.

Conventions: counts are people (interviewees, couples or parents); percentages are 0-100 of the
stated denominator.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from helpers.errors import require_columns
from helpers.formatting import integer
from helpers.pup import voices_sentences as say
from helpers.pup.analysis import PupAnalysis
from helpers.pup.flow import flow_counts
from helpers.qualitative import (
    Theme,
    excerpt_table,
    provenance_sentence,
    speaker_labels,
    theme_counts,
    themes_without_excerpts,
)
from helpers.words import count_phrase, join_words

__all__ = [
    "InterviewSample",
    "interview_sample",
    "PUP_INTERVIEW_THEMES",
    "PUP_THEME_PRINTED",
    "interview_themes",
    "pup_theme_table",
    "sessions_pattern",
    "ThemeFacts",
    "theme_facts",
    "HomeFacts",
    "home_facts",
    "relationship_facts",
    "CHANGE_THEMES",
    "EXCERPTS_PER_THEME",
    "VoicesFacts",
    "voices_facts",
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


def interview_themes(interviews: pd.DataFrame) -> pd.DataFrame:
    """:func:`helpers.qualitative.theme_counts` of :data:`PUP_INTERVIEW_THEMES` (one row per
    theme, in the report's order; ``n`` of ``denominator`` interviewees for whom it was recorded)."""
    return theme_counts(interviews, PUP_INTERVIEW_THEMES, id_col="parent_id")


def pup_theme_table(interviews: pd.DataFrame, printed: Mapping[str, object]) -> pd.DataFrame:
    """:func:`interview_themes` plus the report's figure and agreement (tests, appendix).

    ``printed`` is :func:`helpers.published.flatten` of the evaluation's YAML. Adds
    ``printed`` (number or None), ``printed_text`` ("11", "all but 2", "–") and ``agrees``
    (bool, or None where the report printed no number).
    """
    out = interview_themes(interviews)
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


@dataclass(frozen=True)
class ThemeFacts:
    """Counts of themes (not of people) in :func:`interview_themes`.

    Attributes
    ----------
    n_themes : int
        Themes in the table.
    n_universal : int
        Themes raised by every interviewee for whom they were recorded (``n == denominator``,
        with at least one recorded).
    """

    n_themes: int
    n_universal: int


def theme_facts(themes: pd.DataFrame) -> ThemeFacts:
    """Count the themes of :func:`interview_themes` output (columns ``n``, ``denominator``);
    see :class:`ThemeFacts`."""
    require_columns(themes, ["n", "denominator"], "theme_facts")
    universal = (themes["n"] == themes["denominator"]) & (themes["denominator"] > 0)
    return ThemeFacts(n_themes=int(len(themes)), n_universal=int(universal.sum()))


@dataclass(frozen=True)
class HomeFacts:
    """How interviewees' living arrangements changed after therapy (counts of people).

    Attributes
    ----------
    improved, worse, unchanged : int
        Interviewees whose arrangements improved, got worse, and stayed the same.
    recorded : int
        Interviewees with an answer recorded (the three counts add up to it).
    improved_roles : str
        Roles of those who improved, counted, alphabetical ("a father", "a father and two
        mothers"); "" when nobody improved.
    """

    improved: int
    worse: int
    unchanged: int
    recorded: int
    improved_roles: str

    @property
    def sentence(self) -> str:
        """:func:`helpers.pup.voices_sentences.home_sentence` of these counts."""
        return say.home_sentence(self.improved, self.worse, self.unchanged, self.improved_roles,
                                 self.recorded)


def _counted(n: int, noun: str) -> str:
    return f"a {noun}" if n == 1 else count_phrase(n, noun)


def home_facts(detail: pd.DataFrame) -> HomeFacts:
    """Read :class:`HomeFacts` off :meth:`helpers.pup.analysis.PupAnalysis.interviews_detail`
    (columns ``living_arrangements``: improved / unchanged / worse or blank, and ``role``).

    >>> home_facts(pd.DataFrame({"living_arrangements": ["improved", "unchanged", "improved"],
    ...                          "role": ["mother", "father", "mother"]}))
    HomeFacts(improved=2, worse=0, unchanged=1, recorded=3, improved_roles='two mothers')
    """
    require_columns(detail, ["living_arrangements", "role"], "home_facts")
    arrangements = detail["living_arrangements"]
    improved = arrangements == "improved"
    roles = detail.loc[improved, "role"].value_counts().sort_index()
    return HomeFacts(improved=int(improved.sum()), worse=int((arrangements == "worse").sum()),
                     unchanged=int((arrangements == "unchanged").sum()),
                     recorded=int(arrangements.notna().sum()),
                     improved_roles=join_words([_counted(int(k), str(r)) for r, k in roles.items()])
                     if len(roles) else "")


#: Themes that record a change in the parent, the couple or the children (other than the
#: relationship itself), used to say whether those whose relationship did not improve still
#: reported change.
CHANGE_THEMES: tuple[str, ...] = ("understanding_self_and_partner",
                                  "change_in_expression_and_communication",
                                  "family_and_friends_noticed", "children_happier")


def relationship_facts(detail: pd.DataFrame) -> tuple[int, int]:
    """``(not_improved, still_changed)``: interviewees recorded as not feeling their relationship
    improved, and of them those who raised at least one of :data:`CHANGE_THEMES`.

    >>> relationship_facts(pd.DataFrame({"relationship_improved": [True, False, False, None],
    ...     **{c: [False, True, False, True] for c in CHANGE_THEMES}}))
    (2, 1)
    """
    require_columns(detail, ["relationship_improved", *CHANGE_THEMES], "relationship_facts")
    recorded = detail["relationship_improved"].notna()
    not_improved = recorded & ~detail["relationship_improved"].fillna(False).astype(bool)
    changed = detail[list(CHANGE_THEMES)].fillna(False).astype(bool).any(axis=1)
    return int(not_improved.sum()), int((not_improved & changed).sum())


#: Excerpts shown per theme in the chapter's table.
EXCERPTS_PER_THEME = 2

#: Themes behind the chapter's reading that the interviews describe the changes the
#: questionnaires measure: calmer arguments, better understanding, happier children.
_READING_THEMES = ("change_in_expression_and_communication", "understanding_self_and_partner",
                   "children_happier")


@dataclass(frozen=True)
class VoicesFacts:
    """Everything the interview chapter shows (counts are interviewees unless stated).

    Attributes
    ----------
    sample : InterviewSample
        Who was interviewed.
    entered : int
        Parents who entered therapy (the base of the interview share).
    themes : DataFrame
        :func:`interview_themes`.
    n_themes : int
        Themes in ``themes``.
    couples, interpreted, universal, noticed, relationship, home, social_work : str
        Sentences of :mod:`helpers.pup.voices_sentences` on the shipped counts.
    future_self, future_children : tuple of int
        (raised, recorded) for a better year ahead for themselves and for their children.
    accounts_agree : bool
        Each of calmer arguments, better understanding and happier children was raised by more
        than half of those recorded (the claim of the chapter's closing reading).
    excerpts : DataFrame
        :func:`helpers.qualitative.excerpt_table`, at most :data:`EXCERPTS_PER_THEME` per theme.
    n_excerpts : int
        Excerpts in ``excerpts``.
    excerpt_note, excerpt_gaps : str
        Provenance of the excerpts, and the themes without one.
    quotes_withheld : str
        Interviewees who did not agree to be quoted and the excerpts left out for that reason
        (:func:`helpers.pup.voices_sentences.quotes_withheld_sentence`).
    """

    sample: InterviewSample
    entered: int
    themes: pd.DataFrame
    n_themes: int
    couples: str
    interpreted: str
    universal: str
    noticed: str
    relationship: str
    home: str
    social_work: str
    future_self: tuple[int, int]
    future_children: tuple[int, int]
    accounts_agree: bool
    excerpts: pd.DataFrame
    n_excerpts: int
    excerpt_note: str
    excerpt_gaps: str
    quotes_withheld: str


def voices_facts(view: PupAnalysis) -> VoicesFacts:
    """Compute :class:`VoicesFacts` from the consent-filtered analysis view."""
    detail = view.interviews_detail()
    sample = interview_sample(detail)
    themes = interview_themes(view.interviews)
    by_code = themes.set_index("code")

    def raised(code: str) -> tuple[int, int]:
        return int(by_code.at[code, "n"]), int(by_code.at[code, "denominator"])

    speakers = speaker_labels(detail, id_col="parent_id", role_col="role", group_col="family")
    excerpts = view.interview_excerpts
    shown = excerpt_table(excerpts, PUP_INTERVIEW_THEMES, speaker=speakers,
                          per_theme=EXCERPTS_PER_THEME)
    return VoicesFacts(
        sample=sample, entered=flow_counts(view).parents_entered, themes=themes,
        n_themes=theme_facts(themes).n_themes,
        couples=say.couples_sentence(sample.parents, sample.couples_both),
        interpreted=say.interpreted_sentence(sample.interpreted),
        universal=say.universal_sentence(theme_facts(themes).n_universal),
        noticed=say.noticed_sentence(
            sessions_pattern(detail, "family_and_friends_noticed",
                             threshold=sample.session_threshold), sample.session_threshold),
        relationship=say.relationship_sentence(*relationship_facts(detail)),
        home=home_facts(detail).sentence,
        social_work=say.social_work_sentence(*raised("in_line_with_social_work_plan")),
        future_self=raised("better_future_self"),
        future_children=raised("better_future_children"),
        accounts_agree=all(2 * raised(c)[0] > raised(c)[1] for c in _READING_THEMES),
        excerpts=shown, n_excerpts=len(shown),
        excerpt_note=provenance_sentence(excerpts),
        excerpt_gaps=say.excerpt_gaps_sentence(
            themes_without_excerpts(excerpts, PUP_INTERVIEW_THEMES)),
        quotes_withheld=say.quotes_withheld_sentence(view.excluded["interviewees_not_quoted"],
                                                     view.excluded["interview_excerpts"]),
    )
