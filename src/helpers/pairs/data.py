"""PAIRS record-level tables: schemas, validated loading and consent exclusion.

Twelve tables, one per entity, live in ``<data folder>/pairs/`` (see :data:`TABLES`). Each has a
pandera schema (types, allowed values, ranges) and a key; :func:`load_pairs` reads them all, checks
the cross-table rules (every appointment belongs to a client, every questionnaire to a client and an
attended appointment, every end questionnaire has its start, ...) and raises **one**
:class:`~helpers.errors.DataValidationError` listing every violation in every file.

Consent
-------
What consent covers is decided per table (:data:`helpers.pairs.consent.CONSENT`; each table's
description in the data dictionary says which applies) and applied once, in :func:`load_pairs`:

* **Service records** -- referrals, the psychotherapy clients' records and appointments, their
  postcodes, and the Together Time and Circle of Security registers -- are kept for everyone.
  They are what the trust keeps to run the service; evaluating the service with them,
  pseudonymised, falls under the trust's own governance (a service evaluation, not research
  that needs each person's agreement). They carry no consent answer, and the book reports them
  only as counts, shares and summaries, as a service would to its commissioners.
* **Evaluation records** are used only for people who agreed. Outcome measures and interviews say
  something about a person's relationship and experience and are analysed person by person
  (before and after, quoted by theme), which goes beyond running the service; so the
  psychotherapy outcome measures need the client's ``outcomes_consent``. Together Time's user
  records were gathered by the programme together with its questionnaires and goals, on the form
  that asked ``data_consent``, so that answer covers the whole record: a parent who said no is
  left out of the user records, questionnaires, goals and postcodes (not of the register, which
  cannot be linked to them). Interviewees without recorded ``consent`` are left out with every
  passage coded from what they said.

The rows removed per table are counted in :attr:`PairsData.excluded_no_consent` and the people who
said no in :attr:`PairsData.declined`; chapters report these and nothing downstream filters again.

The cross-table rules are in :mod:`helpers.pairs.rules`; frames derived from the tables (scored
questionnaires, outcome windows, appointments per year) are in :mod:`helpers.pairs.derived`.

Conventions
-----------
* Ethnicity "Unknown/missing" in the report = ``not_stated`` or blank here.
* Percentages are ``100 * count / denominator`` and are rounded only where they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers.datastore import TableSpec, raise_if_any, read_table, table_path
from helpers.errors import DataValidationError, Violation
from helpers.pairs import SLUG
from helpers.pairs.consent import CONSENT, apply_consent
from helpers.pairs.rules import cross_table_violations
from helpers.paths import relative_to_root

__all__ = [
    "SLUG",
    "REFERRER_GROUPS",
    "ETHNICITY_LABELS",
    "WINDOW_LABELS",
    "NON_ACCEPTANCE_LABELS",
    "OTHER_REFERRER_CATEGORIES",
    "INTERVIEW_THEMES",
    "TEXT_SOURCES",
    "TABLES",
    "PairsData",
    "load_pairs",
    "referrer_group",
]


#: The 15 referrer groups the report names (appendix 4); every other category is grouped as "Other".
REFERRER_GROUPS: tuple[str, ...] = (
    "LEAP midwifery continuity of carer team",
    "Health visiting",
    "Children's Centres (Better Start worker)",
    "Self-referral",
    "GP",
    "Adult mental health",
    "LEAP Domestic Abuse Enhanced Casework",
    "CAMHS",
    "Midwife or midwifery service",
    "Family Nurse Partnership",
    "Paediatric services",
    "Baby Steps",
    "PAIRS",
    "Early Help services",
    "Children's social care",
)
#: The 14 detailed categories the report groups as "Other" (29 categories in all).
OTHER_REFERRER_CATEGORIES: tuple[str, ...] = (
    "Breastfeeding support",
    "Ekaya housing",
    "HomeStart Lambeth",
    "Key worker",
    "LEAP community engagement",
    "LEAP Community Activity and Nutrition",
    "Nursery SENCO",
    "Other (not specified)",
    "Parenting worker",
    "Speech and language therapy",
    "St Michael's Fellowship",
    "Support worker",
    "Unknown",
    "Youth parent practitioner",
)
_REFERRER_DETAILS = ("Early intervention health visiting", "Together Time",
                     "Circle of Security Parenting", "PAIRS other")
_ETHNICITY = ("asian", "black", "mixed", "white", "other", "not_stated")

#: Display label of each ethnic group code (ONS 2021 top-level groups, as the report's table 1);
#: ``not_stated`` and blank are shown together as "Unknown/missing".
ETHNICITY_LABELS: dict[str, str] = {
    "asian": "Asian, Asian British or Asian Welsh",
    "black": "Black, Black British, Black Welsh, Caribbean or African",
    "mixed": "Mixed or Multiple ethnic groups",
    "white": "White",
    "other": "Other ethnic group",
    "unknown": "Unknown/missing",
}

#: Display label of each outcome window (see the module conventions).
WINDOW_LABELS: dict[str, str] = {
    "initial": "initial appointment",
    "10th-15th": "10th-15th appointment",
    "20th-65th": "20th-65th appointment",
    "closing": "closing appointment",
}

#: Display text of each reason a referral was not accepted.
NON_ACCEPTANCE_LABELS: dict[str, str] = {
    "outside_catchment": "outside the LEAP catchment area",
    "child_too_old": "child too old for the service",
}


#: Codes of the themes coded in the interviews and focus groups (see
#: :data:`helpers.pairs.coding_frame.THEMES` for their wording). Written for this book from the
#: themes the report describes; the codes are the coding frame, not the report's headings.
INTERVIEW_THEMES: tuple[str, ...] = (
    "closer_bond", "less_alone", "parenting_confidence", "heard_and_coping", "ripple_to_family",
    "group_belonging", "not_what_expected", "flexible_therapy", "warm_first_contact",
    "pregnancy_start", "onward_support", "questionnaires_burden", "keep_the_service",
    "reflective_space", "baby_in_view", "more_training", "multiple_disadvantage", "joint_working",
    "referral_pathways", "lasting_impact", "local_offer_changed", "borough_wide",
    "funding_uncertainty",
)
#: Where an excerpt's text comes from: written for this book (no one said it) or a transcript.
TEXT_SOURCES: tuple[str, ...] = ("illustrative_synthetic", "transcript")


def _id(pattern: str, description: str, nullable: bool = False) -> pa.Column:
    return pa.Column(str, pa.Check.str_matches(pattern), nullable=nullable, description=description)


def _cat(values: tuple, description: str, nullable: bool = False) -> pa.Column:
    return pa.Column(str, pa.Check.isin(list(values)), nullable=nullable, description=description)


def _int(lo: int, hi: int, description: str, nullable: bool = False) -> pa.Column:
    return pa.Column("Int64", pa.Check.in_range(lo, hi), nullable=nullable, description=description)


def _date(lo: str, hi: str, description: str, nullable: bool = False) -> pa.Column:
    return pa.Column("datetime64[ns]", pa.Check.in_range(pd.Timestamp(lo), pd.Timestamp(hi)),
                     nullable=nullable, description=description)


def _items(prefix: str, n: int, lo: int, hi: int, what: str) -> dict[str, pa.Column]:
    return {f"{prefix}_{k:02d}": _int(lo, hi, f"{what} item {k}, raw response {lo}-{hi}; blank = "
                                               "not answered", nullable=True)
            for k in range(1, n + 1)}


def _schema(columns: dict[str, pa.Column]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(columns, strict=True, coerce=True)


def _spec(name: str, schema: pa.DataFrameSchema, description: str, key: tuple[str, ...],
          optional: bool = False) -> TableSpec:
    """A PAIRS table whose description ends with what consent covers (:data:`CONSENT`)."""
    return TableSpec(SLUG, name, schema, f"{description} {CONSENT[name].statement}", key, optional)


_MORS_COLS = _items("mors", 14, 0, 5, "MORS-SF")
_LOAF = _int(1, 4, "DC:0-5 LOAF caregiving level (1 well adapted ... 4 disordered); blank = not rated",
             nullable=True)

TABLES: dict[str, TableSpec] = {
    "referrals": _spec("referrals", _schema({
        "referral_id": _id(r"^R\d{3,}$", "Referral identifier"),
        "referral_date": _date("2015-04-01", "2024-03-31", "Date the referral was received"),
        "accepted": pa.Column("boolean", description="Whether the service accepted the referral"),
        "pregnancy_status": _cat(("antenatal", "postnatal"), "Referred during pregnancy "
                                 "(antenatal) or after the birth; blank = not recorded", True),
        "reason_not_accepted": _cat(("outside_catchment", "child_too_old"),
                                    "Why a referral was not accepted; blank when accepted", True),
        "referrer_category": _cat(REFERRER_GROUPS + OTHER_REFERRER_CATEGORIES,
                                  "Referring service (29 categories)"),
        "referrer_detail": _cat(_REFERRER_DETAILS, "Team within the referring service, where "
                                "recorded", True),
    }), "One row per referral of a parent-infant dyad to parent-infant psychotherapy.",
        ("referral_id",)),
    "pip_clients": _spec("pip_clients", _schema({
        "client_id": _id(r"^C\d{3,}$", "Adult client identifier"),
        "referral_id": _id(r"^R\d{3,}$", "Accepted referral the client came through"),
        "dyad_id": _id(r"^D\d{3,}$", "Parent-infant dyad (two adults of one baby share it)"),
        "role": _cat(("mother", "father", "foster_carer", "other_primary_carer"),
                     "Relationship to the infant, from the demographic record"),
        "role_in_outcome_record": _cat(("mother", "father", "unknown"), "Parent as recorded in the "
                                       "clinical outcome system; blank = not in that extract", True),
        "age_at_referral": _int(12, 70, "Age in whole years at referral", True),
        "ethnicity_group": _cat(_ETHNICITY, "Ethnic group (ONS 2021 top level); blank = missing",
                                True),
        "single_parent": _cat(("yes", "no", "unknown"), "Single parent; blank = missing", True),
        "home_language": pa.Column(str, nullable=True, description="Main language at home"),
        "child_sex": _cat(("female", "male", "unknown"), "Sex of the infant; blank = missing",
                          True),
        "case_status": _cat(("active", "closed", "unknown"), "Case status at the end of the data "
                            "window; blank = not in the engagement extract", True),
        "outcomes_consent": pa.Column("boolean", description="Agreed to the use of their outcome "
                                      "measures for evaluation; false = their outcome records are "
                                      "left out (their service records are still counted)"),
    }), "One row per adult accepted into parent-infant psychotherapy.", ("client_id",)),
    "pip_appointments": _spec("pip_appointments", _schema({
        "appointment_id": _id(r"^A\d{4,}$", "Appointment identifier"),
        "client_id": _id(r"^C\d{3,}$", "Client the appointment was for"),
        "appointment_date": _date("2015-04-01", "2030-12-31", "Date of the appointment"),
        "financial_year": pa.Column(str, pa.Check.str_matches(r"^\d{4}/\d{2}$"),
                                    description="UK financial year (April-March), e.g. 2019/20"),
        "modality": _cat(("face_to_face", "video", "telephone", "email_or_text"),
                         "How the appointment was held"),
        "practitioner_role": pa.Column(str, nullable=True, description="Role of the practitioner"),
        "attendance": _cat(("attended", "cancelled", "not_attended", "still_to_attend"),
                           "Attendance status"),
    }), "One row per parent-infant psychotherapy appointment.", ("appointment_id",)),
    "pip_outcomes": _spec("pip_outcomes", _schema({
        "outcome_id": _id(r"^O\d{3,}$", "Outcome record identifier"),
        "client_id": _id(r"^C\d{3,}$", "Client"),
        "appointment_id": _id(r"^A\d{4,}$", "Appointment at which the measures were taken"),
        **_MORS_COLS,
        **_items("pai", 21, 1, 4, "PAI"),
        "loaf_level": _LOAF,
    }), "One row per appointment at which outcome measures (MORS-SF, PAI, LOAF) were recorded.",
        ("outcome_id",)),
    "imd_records": _spec("imd_records", _schema({
        "service": _cat(("parent_infant_psychotherapy", "together_time"), "Service"),
        "person_id": _id(r"^[CT]\d{3,}$", "Client (C...) or Together Time participant (T...)"),
        "person": _cat(("adult", "infant"), "Whose postcode record it is"),
        "address_sequence": _int(1, 50, "1 = first address recorded, 2 = next, ..."),
        "imd_decile": _int(1, 10, "IMD 2019 decile of the postcode (1 = most deprived); blank = "
                           "postcode missing", True),
    }), "One row per postcode record with its Index of Multiple Deprivation decile.",
        ("service", "person_id", "person", "address_sequence")),
    "tt_participants": _spec("tt_participants", _schema({
        "participant_id": _id(r"^T\d{3,}$", "Together Time participant (adult) identifier"),
        "presentation": _int(1, 200, "Run of the six-week programme (1 = first)"),
        "start_date": _date("2018-01-01", "2030-12-31", "First session of the presentation"),
        "end_date": _date("2018-01-01", "2030-12-31", "Last session of the presentation"),
        "role": _cat(("mother", "father", "other_carer"), "Relationship to the infant"),
        "ethnicity_group": _cat(_ETHNICITY, "Ethnic group; blank = missing", True),
        "age": _int(14, 70, "Age in whole years", True),
        "data_consent": pa.Column("boolean", description="Agreed to the use of their records for "
                                  "evaluation; false = their user record, questionnaires, goals "
                                  "and postcodes are left out"),
    }), "One row per adult in the Together Time user records.", ("participant_id",)),
    "tt_questionnaires": _spec("tt_questionnaires", _schema({
        "participant_id": _id(r"^T\d{3,}$", "Participant"),
        "timepoint": _cat(("start", "end"), "Start or end of the programme"),
        "completed_date": _date("2018-01-01", "2030-12-31", "Date completed", True),
        **_MORS_COLS,
        **_items("prfq", 18, 1, 7, "PRFQ"),
        "loaf_level": _LOAF,
    }), "One row per participant and time point: MORS-SF and PRFQ items and the LOAF level.",
        ("participant_id", "timepoint")),
    "tt_goals": _spec("tt_goals", _schema({
        "participant_id": _id(r"^T\d{3,}$", "Participant"),
        "goal_number": _int(1, 5, "Goal number"),
        "theme": _cat(("understand_child", "child_development", "enjoy_time_together",
                       "meet_other_parents", "feel_less_anxious"), "Coded theme of the goal"),
        "start_rating": _int(0, 10, "Rating at the first session (0 never ... 10 always achieved)"),
        "end_rating": _int(0, 10, "Rating at the end; blank = not rated", True),
    }), "One row per goal set by a Together Time participant.", ("participant_id", "goal_number")),
    "tt_service_users": _spec("tt_service_users", _schema({
        "service_user_id": _id(r"^U\d{3,}$", "Service user identifier"),
        "family_id": _id(r"^F\d{3,}$", "Family (adult and infant share it)"),
        "presentation": _int(1, 200, "Run of the programme"),
        "user_type": _cat(("infant", "mother", "father", "other_carer"), "Who the user is"),
        "first_session_date": _date("2018-01-01", "2030-12-31", "First session of the run"),
        "sessions_attended": _int(0, 6, "Sessions attended out of six"),
    }), "One row per Together Time service user in the engagement register (adults and infants).",
        ("service_user_id",)),
    "cosp_attendees": _spec("cosp_attendees", _schema({
        "attendee_id": _id(r"^S\d{3,}$", "Attendee identifier"),
        "group_id": _id(r"^G\d{2,}$", "Group"),
        "group_start_date": _date("2018-01-01", "2030-12-31", "First session of the group"),
        "delivery": _cat(("in_person", "online"), "How the group was held"),
        "role": _cat(("mother", "father", "other"), "Relationship to the child; blank = unknown",
                     True),
        "sessions_attended": _int(0, 10, "Sessions attended"),
        "completed": pa.Column("boolean", description="Completed the course, as recorded"),
    }), "One row per adult in a Circle of Security Parenting group run by PAIRS.",
        ("attendee_id",)),
    "qualitative_sample": _spec("qualitative_sample", _schema({
        "participant_code": _id(r"^Q\d{2,}$", "Pseudonymous code"),
        "group": _cat(("parent", "pairs_team", "stakeholder"), "Participant group"),
        "session_id": pa.Column(str, description="Interview or focus group session"),
        "method": _cat(("online_interview", "focus_group", "face_to_face_interview"), "Method"),
        "service": _cat(("pip", "together_time", "both"), "Service used (parents only)", True),
        "gender": _cat(("woman", "man", "other"), "Gender (parents only)", True),
        "session_minutes": _int(1, 300, "Length of the session in minutes"),
        "voucher_gbp": _int(0, 100, "Thank-you voucher in pounds (parents)", True),
        "consent": _cat(("verbal", "written", "not_given"), "Consent to take part; not_given = "
                        "the person and every passage they spoke are left out"),
    }), "One row per person in an interview or focus group (no quotes or transcripts are held).",
        ("participant_code",)),
    "interview_excerpts": _spec("interview_excerpts", _schema({
        "excerpt_id": _id(r"^E\d{3,}$", "Coded passage identifier"),
        "participant_code": _id(r"^Q\d{2,}$", "Speaker, a participant in qualitative_sample.csv"),
        "group": _cat(("parent", "pairs_team", "stakeholder"), "Speaker's group (as in "
                      "qualitative_sample.csv)"),
        "theme": _cat(INTERVIEW_THEMES, "Theme the passage was coded to (one row per passage "
                      "and theme)"),
        "text": pa.Column(str, nullable=True, description="Text of the passage; blank = coded "
                          "but no text held"),
        "text_source": _cat(TEXT_SOURCES, "Where the text comes from: illustrative_synthetic = "
                            "written for this book, said by no one; transcript = verbatim; blank "
                            "when there is no text", True),
    }), "One row per coded passage of an interview or focus group: speaker, theme and (for "
        "passages shown in the book) the text.", ("excerpt_id",), optional=True),
}


@dataclass(frozen=True)
class PairsData:
    """Every validated PAIRS table, consent exclusions applied.

    Attributes are the tables of :data:`TABLES` by name; ``excluded_no_consent`` maps each table
    consent covers to the number of its rows removed, and ``declined`` each consent question of
    :data:`helpers.pairs.consent.ANSWERS` to the number of people who said no.
    """

    referrals: pd.DataFrame
    pip_clients: pd.DataFrame
    pip_appointments: pd.DataFrame
    pip_outcomes: pd.DataFrame
    imd_records: pd.DataFrame
    tt_participants: pd.DataFrame
    tt_questionnaires: pd.DataFrame
    tt_goals: pd.DataFrame
    tt_service_users: pd.DataFrame
    cosp_attendees: pd.DataFrame
    qualitative_sample: pd.DataFrame
    interview_excerpts: pd.DataFrame
    excluded_no_consent: dict[str, int] = field(default_factory=dict)
    declined: dict[str, int] = field(default_factory=dict)


def referrer_group(category: pd.Series) -> pd.Series:
    """Published referrer group of each detailed category ("Other" for the 14 grouped ones)."""
    return category.where(category.isin(REFERRER_GROUPS), "Other").rename("referrer_group")


def load_pairs(folder: Path | None = None) -> PairsData:
    """Read, validate and consent-filter every PAIRS table.

    Parameters
    ----------
    folder : Path, optional
        Data folder holding ``pairs/`` (default :func:`helpers.paths.data_dir`).

    Raises
    ------
    TableMissingError
        If a table's file is absent.
    DataValidationError
        One error listing every schema and cross-table violation in every file.
    """
    tables: dict[str, pd.DataFrame] = {}
    violations: list[Violation] = []
    files = {name: relative_to_root(table_path(spec, folder)) for name, spec in TABLES.items()}
    for name, spec in TABLES.items():
        try:
            tables[name] = read_table(spec, folder)
        except DataValidationError as exc:
            violations += exc.violations
    if violations:  # cross-table rules need typed tables; report what was found so far
        raise DataValidationError(violations)
    raise_if_any(cross_table_violations(tables, files))
    kept, removed, declined = apply_consent(tables)
    return PairsData(**kept, excluded_no_consent=removed, declined=declined)
