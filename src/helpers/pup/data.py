"""Record-level tables of the Parenting Under Pressure evaluation: schemas and the loader.

Eight tables, one per entity, under ``<data folder>/parenting-under-pressure/``:

==================  =========================================================================
couples             every referred couple, with the screening outcome
parents             every parent of an offered couple: flow, consent, demographics, sessions
questionnaires      one row per parent per timepoint (intake / post) with raw item responses
satisfaction        service-satisfaction form (11 items) per parent
therapist_survey    one row per responding therapist
referrer_survey     one row per responding referrer (social worker, early support)
interviews          one row per interviewed parent, with the themes they raised (no quotes)
interview_excerpts  short excerpts tied to an interviewee and a theme they raised; each row says
                    whether it is transcript text or illustrative synthetic text
==================  =========================================================================

:func:`load_pup` validates every table and the cross-table rules (:mod:`helpers.pup.rules`) and
returns a frozen :class:`PupData`. Chapters use :meth:`PupData.analysis`
(:mod:`helpers.pup.analysis`), which applies consent *once* (:func:`helpers.pup.consent.apply_consent`)
and says how many rows were removed.

Consent, table by table (each table's data-dictionary description ends with its rule,
:data:`helpers.pup.consent.CONSENT`):

* **Service records** - ``couples`` and ``parents`` (referral, screening, assessment, entry,
  sessions attended, and the monitoring questions on age, ethnicity and household asked of everyone
  who began) - are used for everyone. Every couple agreed to information about them being shared
  between Harrow and Tavistock Relationships for running the project, and the report asked for
  research consent for parents' *outcome information* only (its section 1.4); a service reports
  who it saw and what it gave them to its funder as counts and summaries, which is how the book
  uses these records and how the report did (n = 39 demographics against 38 consented; see the
  contradictions file).
* **Outcome answers** - ``questionnaires`` and ``satisfaction`` - are what research consent is
  about: rows of parents whose ``research_consent`` is not true are removed. The forms are still
  counted as having been returned (the flow), their answers never.
* **Practitioners' surveys** - ``therapist_survey`` and ``referrer_survey`` - are voluntary
  answers of professionals about their work, not records of parents; answering was the agreement.
* **Interviews** - each of the eleven parents agreed to a telephone interview and to its recording
  for the evaluation, so the themes they raised are counted for all of them (a count discloses no
  one's words). Quoting a parent's *own words* is the most identifying use and a separate
  question on a standard interview consent form, so ``interview_excerpts`` keeps only excerpts of
  interviewees whose ``quotes_consent`` is true. In the shipped synthetic records the interviewees
  who declined research consent also declined quotation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers.datastore import TableSpec, raise_if_any, read_table, table_path, validate_frame
from helpers.errors import DataValidationError, Violation
from helpers.paths import relative_to_root
from helpers.pup import SLUG
from helpers.pup.analysis import PupAnalysis, analysis_view
from helpers.pup.consent import CONSENT
from helpers.pup.instruments import ARGUMENTS, CORE10, CSI4, RISK, SATISFACTION

__all__ = [
    "SLUG",
    "TABLES",
    "PupData",
    "load_pup",
    "ETHNIC_GROUPS",
]


_ID = r"^[A-Z][0-9]+$"


def _col(dtype, description: str, *checks: pa.Check, nullable: bool = False) -> pa.Column:
    return pa.Column(dtype, checks=list(checks), nullable=nullable, description=description)


def _flag(description: str, nullable: bool = False) -> pa.Column:
    return pa.Column("boolean", nullable=nullable, description=description)


def _choice(values: list[str], description: str, nullable: bool = False) -> pa.Column:
    return pa.Column(str, checks=[pa.Check.isin(values)], nullable=nullable, description=description)


def _schema(columns: dict[str, pa.Column]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(columns, strict=True, coerce=True)


def _spec(name: str, schema: pa.DataFrameSchema, description: str, **kwargs) -> TableSpec:
    """A PuP table whose description ends with what consent covers (:data:`CONSENT`)."""
    return TableSpec(SLUG, name, schema, f"{description} {CONSENT[name].statement}", **kwargs)


#: First and last day of the funded project (the evaluation period).
PERIOD_START, PERIOD_END = pd.Timestamp("2019-04-01"), pd.Timestamp("2020-03-31")
_IN_PERIOD = pa.Check.in_range(PERIOD_START, PERIOD_END)

COUPLES = _spec(
    "couples",
    _schema({
        "couple_id": _col(str, "Couple identifier (C + number).", pa.Check.str_matches(_ID)),
        "referral_date": _col("datetime64[ns]", "Date the referral was received (2019-04 to 2020-03).",
                              _IN_PERIOD),
        "referral_source": _choice(["social_worker", "early_support", "camhs", "school", "other"],
                                   "Who referred the couple."),
        "screening_outcome": _choice(["offered", "not_suitable"],
                                     "Screening panel decision: offered the intervention or not."),
        "screening_reason": _choice(
            ["domestic_violence_or_coercive_control", "severe_mental_illness", "substance_misuse",
             "court_proceedings", "trauma_too_severe", "denied_problem"],
            "Main reason a couple was not suitable (blank when offered).", nullable=True),
    }),
    "Every couple referred to the programme, with the screening outcome.",
    key=("couple_id",),
)

ETHNIC_GROUPS: dict[str, str] = {
    "asian_indian": "asian", "asian_pakistani": "asian", "asian_bangladeshi": "asian",
    "asian_other": "asian", "white_british": "white", "white_irish": "white",
    "white_other": "white", "black_caribbean": "black", "black_other": "black",
    "mixed": "mixed", "other": "other",
}

_SESSIONS = pa.Check.in_range(0, 30)

PARENTS = _spec(
    "parents",
    _schema({
        "parent_id": _col(str, "Parent identifier (P + number).", pa.Check.str_matches(_ID)),
        "couple_id": _col(str, "The parent's couple (see couples).", pa.Check.str_matches(_ID)),
        "gender": _choice(["female", "male"], "Gender in the service record."),
        "assessed": _flag("Had at least an individual assessment."),
        "entered": _flag("Entered the intervention (began therapy after assessment)."),
        "not_entered_reason": _choice(
            ["declined_offer", "excluded_after_assessment", "chose_not_to_begin"],
            "Why a parent did not enter (blank when entered).", nullable=True),
        "gender_reported": _choice(["female", "male", "other"],
                                   "Gender as answered on the intake questionnaire (blank = not "
                                   "answered); Table 1 splits by this.", nullable=True),
        "research_consent": _flag("Agreed to the use of their outcome answers (questionnaires and "
                                  "satisfaction form) in the evaluation; blank when no "
                                  "questionnaire was completed (a blank means no).", nullable=True),
        "age": _col("Int64", "Age in years at intake (blank = not given).",
                    pa.Check.in_range(16, 90), nullable=True),
        "ethnicity": _choice(list(ETHNIC_GROUPS), "Ethnic group (census-style sub-group).",
                             nullable=True),
        "marital_status": _choice(["married", "civil_partnership", "cohabiting",
                                   "non_cohabiting_partners", "separated_divorced"],
                                  "Marital status at intake.", nullable=True),
        "relationship_length_years": _choice(["0-1", "1-5", "6-10", "11-15", "16-20", "21-25", "26+"],
                                             "Length of the relationship, band in years.",
                                             nullable=True),
        "qualification": _choice(["postgraduate", "undergraduate", "a_levels", "professional",
                                  "gcse", "nvq", "none", "other"],
                                 "Highest qualification.", nullable=True),
        "employment": _choice(["full_time", "part_time", "homemaker_or_carer", "unemployed",
                               "student", "other"], "Employment at intake.", nullable=True),
        "sexual_orientation": _choice(["heterosexual", "gay_or_lesbian", "bisexual", "other",
                                       "prefer_not_to_say"], "Sexual orientation.", nullable=True),
        "sessions_including_assessment": _col("Int64", "Sessions attended, assessment included.",
                                              _SESSIONS),
        "sessions_excluding_assessment": _col("Int64", "Therapy sessions after assessment.",
                                              _SESSIONS),
    }),
    "Every parent of an offered couple: flow through the programme, consent, demographics, sessions.",
    key=("parent_id",),
)


def _item_columns(instrument, label: str) -> dict[str, pa.Column]:
    return {
        i.code: _col("Int64", f"{label}: {i.summary} ({i.minimum}-{i.maximum}"
                     f"{', reverse-keyed' if i.reverse else ''}); blank = not answered.",
                     pa.Check.in_range(i.minimum, i.maximum), nullable=True)
        for i in instrument.items
    }


_Q_COLUMNS: dict[str, pa.Column] = {
    "parent_id": _col(str, "Parent (see parents).", pa.Check.str_matches(_ID)),
    "timepoint": _choice(["intake", "post"], "intake = before therapy; post = after therapy."),
    "completed_date": _col("datetime64[ns]", "Date the questionnaire was completed.", _IN_PERIOD),
}
_Q_COLUMNS.update(_item_columns(CORE10, "CORE-10"))
_Q_COLUMNS.update({k: v for k, v in _item_columns(RISK, "CORE-OM risk").items()
                   if k not in _Q_COLUMNS})
_Q_COLUMNS.update(_item_columns(CSI4, "CSI-4"))
_Q_COLUMNS.update(_item_columns(ARGUMENTS, "Arguments"))

QUESTIONNAIRES = _spec(
    "questionnaires", _schema(_Q_COLUMNS),
    "Raw item responses of the outcome questionnaires, one row per parent per timepoint.",
    key=("parent_id", "timepoint"),
)

_S_COLUMNS: dict[str, pa.Column] = {
    "parent_id": _col(str, "Parent (see parents).", pa.Check.str_matches(_ID)),
    "completed_date": _col("datetime64[ns]", "Date the form was completed.", _IN_PERIOD),
}
_S_COLUMNS.update(_item_columns(SATISFACTION, "Satisfaction (1 certainly, 2 partly, 3 not true)"))

SATISFACTION_TABLE = _spec(
    "satisfaction", _schema(_S_COLUMNS),
    "Service-satisfaction form after therapy, one row per parent.",
    key=("parent_id",),
)

THERAPIST_SURVEY = _spec(
    "therapist_survey",
    _schema({
        "therapist_id": _col(str, "Respondent (T + number).", pa.Check.str_matches(_ID)),
        "heard_via": _choice(["tavistock_relationships", "asian_family_counselling_service", "other"],
                             "How the therapist heard about the programme."),
        "preparation": _choice(["four_day_training", "previous_mbt_training"],
                               "How the therapist was prepared."),
        "referrals_appropriate": _choice(["most_of_the_time", "about_half", "not_appropriate"],
                                         "Were referrals appropriate (blank = not answered).",
                                         nullable=True),
        "couples_understood": _flag("Couples understood the intervention.", nullable=True),
        "safety_concerns": _flag("Had concerns about couples engaging safely.", nullable=True),
        "valued_co_therapist": _flag("Valued working with a co-therapist.", nullable=True),
        "supervision_rating": _choice(["excellent", "good", "fair", "poor"],
                                      "Rating of supervision.", nullable=True),
        "childrens_services_contact": _choice(["little_or_none", "good_working_relationship"],
                                              "Contact with Children's Services.", nullable=True),
        "review_meeting_with_social_worker": _flag("Had a review meeting with a social worker.",
                                                   nullable=True),
        "saw_positive_change_in_couples": _flag("Saw positive change in couples.", nullable=True),
        "conflict_reduced_or_manageable": _flag("Conflict reduced or became more manageable.",
                                                nullable=True),
        "positive_change_in_children": _flag("Heard of positive change in children.",
                                             nullable=True),
        "main_non_completion_reason": _choice(
            ["referred_near_end", "covid_19", "other_commitments", "ambivalent_about_fit"],
            "Main reason couples did not complete.", nullable=True),
    }),
    "Therapists' questionnaire about delivering the programme, one row per respondent.",
    key=("therapist_id",),
)

_YNC = ["yes", "no", "cannot_comment"]
REFERRER_SURVEY = _spec(
    "referrer_survey",
    _schema({
        "referrer_id": _col(str, "Respondent (R + number).", pa.Check.str_matches(_ID)),
        "couple_relating_changed": _choice(_YNC, "Parents changed how they relate to each other."),
        "children_relating_changed": _choice(_YNC, "Parents changed how they relate to children."),
        "incident_of_concern": _choice(_YNC, "An incident of concern during therapy."),
        "work_situation_changed": _flag("The couple's work situation changed."),
        "social_work_plan_changed": _flag("The social work plan changed."),
        "significant_life_event": _flag("A significant life event happened."),
        "therapy_helpful": _choice(_YNC, "The therapy was helpful to the parents."),
    }),
    "Online questionnaire of referrers (social workers, early support), one row per respondent.",
    key=("referrer_id",),
)

_THEMES = {
    "understanding_self_and_partner": "Said they understood themselves and their partner better.",
    "change_in_expression_and_communication": "Described changes in speaking up, arguing, "
                                              "confidence or communication.",
    "family_and_friends_noticed": "Said family or friends noticed a change.",
    "relationship_improved": "Said the relationship between the parents improved.",
    "children_happier": "Said the children were happier as arguments fell.",
    "therapy_helped_communication": "Named help with communicating as what was useful.",
    "specific_suggestion": "Made a specific suggestion for improving the programme.",
    "personal_wish": "Voiced a minor personal wish for the programme.",
    "nothing_worse": "Said nothing had become worse.",
    "would_recommend": "Would recommend the programme to a friend.",
    "better_future_self": "Expected a better future for themselves.",
    "better_future_children": "Expected a better future for their children.",
    "vignette_advice_calm_and_talk": "Advised the vignette couple to calm down and talk.",
}

INTERVIEWS = _spec(
    "interviews",
    _schema({
        "parent_id": _col(str, "Interviewed parent (see parents).", pa.Check.str_matches(_ID)),
        "family": _col("Int64", "Family number used when reporting (1-8).", pa.Check.in_range(1, 99)),
        "interpreted_by_partner": _flag("The partner interpreted the interview."),
        "quotes_consent": _flag("Agreed that short excerpts of their words may be shown, "
                                "attributed by role and family number only."),
        "living_arrangements": _choice(["unchanged", "improved", "worse"],
                                       "Living arrangements after therapy."),
        **{k: _flag(v) for k, v in _THEMES.items()},
        "in_line_with_social_work_plan": _flag("Therapy fitted the social work plan (blank = no "
                                               "social worker involved).", nullable=True),
    }),
    "Telephone interviews with parents after therapy: who, and which themes they raised.",
    key=("parent_id",),
)

#: Theme columns of the interviews table that an excerpt may illustrate, in the report's order.
INTERVIEW_THEME_COLUMNS: tuple[str, ...] = ("living_arrangements", *_THEMES,
                                            "in_line_with_social_work_plan")

#: Values of a theme column that count as the parent raising the theme (default: ``True``).
#: Living arrangements is a theme when they stayed the same or improved (report section 3.2).
THEME_RAISED_VALUES: dict[str, tuple[object, ...]] = {"living_arrangements": ("unchanged", "improved")}

#: Provenance of an excerpt: newly written stand-in text, or text from a real transcript.
EXCERPT_PROVENANCE: dict[str, str] = {
    "illustrative_synthetic": "Newly written illustrative text; nobody said it.",
    "transcript": "Taken from a real interview transcript (with consent).",
}

INTERVIEW_EXCERPTS = _spec(
    "interview_excerpts",
    _schema({
        "excerpt_id": _col(str, "Excerpt identifier (E + number).", pa.Check.str_matches(_ID)),
        "parent_id": _col(str, "Interviewed parent the excerpt belongs to (see interviews).",
                          pa.Check.str_matches(_ID)),
        "theme": _choice(list(INTERVIEW_THEME_COLUMNS),
                         "Theme the excerpt illustrates: a theme column of interviews, which the "
                         "parent must have raised."),
        "provenance": _choice(list(EXCERPT_PROVENANCE),
                              "illustrative_synthetic = newly written text standing in for a "
                              "transcript; transcript = words from a real interview."),
        "text": _col(str, "The excerpt itself, 10 to 300 characters.",
                     pa.Check.str_length(10, 300)),
    }),
    "Short interview excerpts, one row per excerpt, each tied to an interviewee and a theme "
    "they raised.",
    key=("excerpt_id",),
    optional=True,  # a data folder without excerpts still loads; the chapter says none are held
)

#: Every table of the evaluation by short name, in the order the data dictionary lists them.
TABLES: dict[str, TableSpec] = {
    "couples": COUPLES,
    "parents": PARENTS,
    "questionnaires": QUESTIONNAIRES,
    "satisfaction": SATISFACTION_TABLE,
    "therapist_survey": THERAPIST_SURVEY,
    "referrer_survey": REFERRER_SURVEY,
    "interviews": INTERVIEWS,
    "interview_excerpts": INTERVIEW_EXCERPTS,
}

#: Labels of the interview theme columns (for tables and the reproduction of theme lists).
THEME_LABELS: dict[str, str] = dict(_THEMES)


@dataclass(frozen=True)
class PupData:
    """All validated tables of the evaluation, exactly as read (non-consented rows included).

    Use :meth:`analysis` for anything that is reported.
    """

    couples: pd.DataFrame
    parents: pd.DataFrame
    questionnaires: pd.DataFrame
    satisfaction: pd.DataFrame
    therapist_survey: pd.DataFrame
    referrer_survey: pd.DataFrame
    interviews: pd.DataFrame
    interview_excerpts: pd.DataFrame

    def analysis(self) -> PupAnalysis:
        """The analysis view: questionnaire and satisfaction rows of consenting parents only
        (see :func:`helpers.pup.analysis.analysis_view`)."""
        return analysis_view(self)


def load_pup(folder: Path | None = None) -> PupData:
    """Read and validate every table, then the cross-table rules.

    Parameters
    ----------
    folder : Path, optional
        Data folder holding ``parenting-under-pressure/`` (default :func:`helpers.paths.data_dir`).

    Raises
    ------
    DataValidationError
        Listing every problem in every table (file, CSV line, column, rule).
    TableMissingError
        When a table's file is absent.
    """
    from helpers.pup.rules import (
        cross_table_violations,  # the rules read this module's TABLES
    )

    from helpers.pup.qda import QDPX_NAME, excerpts_from_qdpx

    tables: dict[str, pd.DataFrame] = {}
    problems: list[Violation] = []
    for name, spec in TABLES.items():
        try:
            path = table_path(spec, folder)
            project = path.with_name(QDPX_NAME)
            if name == "interview_excerpts" and not path.is_file() and project.is_file():
                # coded in a qualitative-analysis tool: read the REFI-QDA export instead
                tables[name] = validate_frame(excerpts_from_qdpx(project.parent), spec,
                                              relative_to_root(project))
            else:
                tables[name] = read_table(spec, folder)
        except DataValidationError as exc:
            problems += exc.violations
    raise_if_any(problems)
    raise_if_any(cross_table_violations(tables, folder))
    return PupData(**tables)
