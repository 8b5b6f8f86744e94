"""Record-level tables of the Parenting Under Pressure evaluation: schemas, loading, analysis views.

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

:func:`load_pup` validates every table and the cross-table rules and returns a frozen
:class:`PupData`. Chapters use :meth:`PupData.analysis`, which drops questionnaire and
satisfaction records without research consent *once, here*, and says how many were dropped.

Consent scope: the report asked parents for consent to analyse their *questionnaire data* (section
1.4 and 2.1). Service records - flow, sessions, and the demographic questions summarised for all
who entered - are reported in aggregate for everyone, as in the report; see the contradictions
file for the one place where this matters (n = 39 demographics against 38 consented).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers.datastore import (
    TableSpec,
    foreign_key_violations,
    raise_if_any,
    read_table,
    table_path,
)
from helpers.errors import Violation
from helpers.paths import relative_to_root
from helpers.pup import SLUG
from helpers.pup.instruments import ARGUMENTS, CORE10, CSI4, RISK, SATISFACTION
from helpers.scoring import score

__all__ = [
    "SLUG",
    "TABLES",
    "PupData",
    "PupAnalysis",
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


#: First and last day of the funded project (the evaluation period).
PERIOD_START, PERIOD_END = pd.Timestamp("2019-04-01"), pd.Timestamp("2020-03-31")
_IN_PERIOD = pa.Check.in_range(PERIOD_START, PERIOD_END)

COUPLES = TableSpec(
    SLUG, "couples",
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

PARENTS = TableSpec(
    SLUG, "parents",
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
        "research_consent": _flag("Consent for questionnaire data to be analysed; blank when no "
                                  "questionnaire was completed.", nullable=True),
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

QUESTIONNAIRES = TableSpec(
    SLUG, "questionnaires", _schema(_Q_COLUMNS),
    "Raw item responses of the outcome questionnaires, one row per parent per timepoint.",
    key=("parent_id", "timepoint"),
)

_S_COLUMNS: dict[str, pa.Column] = {
    "parent_id": _col(str, "Parent (see parents).", pa.Check.str_matches(_ID)),
    "completed_date": _col("datetime64[ns]", "Date the form was completed.", _IN_PERIOD),
}
_S_COLUMNS.update(_item_columns(SATISFACTION, "Satisfaction (1 certainly, 2 partly, 3 not true)"))

SATISFACTION_TABLE = TableSpec(
    SLUG, "satisfaction", _schema(_S_COLUMNS),
    "Service-satisfaction form after therapy, one row per parent.",
    key=("parent_id",),
)

THERAPIST_SURVEY = TableSpec(
    SLUG, "therapist_survey",
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
REFERRER_SURVEY = TableSpec(
    SLUG, "referrer_survey",
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

INTERVIEWS = TableSpec(
    SLUG, "interviews",
    _schema({
        "parent_id": _col(str, "Interviewed parent (see parents).", pa.Check.str_matches(_ID)),
        "family": _col("Int64", "Family number used when reporting (1-8).", pa.Check.in_range(1, 99)),
        "interpreted_by_partner": _flag("The partner interpreted the interview."),
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

INTERVIEW_EXCERPTS = TableSpec(
    SLUG, "interview_excerpts",
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


# ----------------------------------------------------------------------------------------------
# cross-table rules
# ----------------------------------------------------------------------------------------------

def _file(spec: TableSpec, folder: Path | None) -> str:
    return relative_to_root(table_path(spec, folder))


def _row_violations(frame: pd.DataFrame, mask: pd.Series, file: str, column: str, rule: str,
                    values: pd.Series | None = None) -> list[Violation]:
    out = []
    for idx in frame.index[mask.fillna(False).astype(bool)]:
        value = None if values is None else values.at[idx]
        out.append(Violation(file, int(idx) + 2, column, rule,
                             None if pd.isna(value) else value))
    return out


def cross_table_violations(t: dict[str, pd.DataFrame], folder: Path | None = None) -> list[Violation]:
    """Every broken rule between tables (foreign keys, flow logic, consent recorded)."""
    f = {name: _file(spec, folder) for name, spec in TABLES.items()}
    v: list[Violation] = []
    couples, parents, q, sat = t["couples"], t["parents"], t["questionnaires"], t["satisfaction"]
    v += foreign_key_violations(parents, f["parents"], ["couple_id"], couples, ["couple_id"],
                                "every parent's couple is in couples")
    offered = set(couples.loc[couples["screening_outcome"] == "offered", "couple_id"])
    v += _row_violations(parents, ~parents["couple_id"].isin(offered) & parents["couple_id"].isin(
        couples["couple_id"]), f["parents"], "couple_id",
        "parents are listed only for couples that were offered the intervention", parents["couple_id"])
    reason = couples["screening_reason"]
    v += _row_violations(couples, (couples["screening_outcome"] == "offered") & reason.notna(),
                         f["couples"], "screening_reason", "an offered couple has no screening reason",
                         reason)
    v += _row_violations(parents, parents["entered"] & ~parents["assessed"], f["parents"], "entered",
                         "a parent who entered must have been assessed")
    v += _row_violations(parents, parents["entered"] & parents["not_entered_reason"].notna(),
                         f["parents"], "not_entered_reason", "blank when the parent entered",
                         parents["not_entered_reason"])
    v += _row_violations(parents, ~parents["entered"] & parents["not_entered_reason"].isna(),
                         f["parents"], "not_entered_reason", "required when the parent did not enter")
    v += _row_violations(parents, parents["sessions_excluding_assessment"]
                         > parents["sessions_including_assessment"], f["parents"],
                         "sessions_excluding_assessment",
                         "cannot exceed sessions including assessment",
                         parents["sessions_excluding_assessment"])
    v += _excerpt_violations(t["interviews"], t["interview_excerpts"], f["interview_excerpts"])
    for name, frame in (("questionnaires", q), ("satisfaction", sat), ("interviews", t["interviews"])):
        v += foreign_key_violations(frame, f[name], ["parent_id"], parents, ["parent_id"],
                                    f"every {name} row's parent is in parents")
    intake = q.loc[q["timepoint"] == "intake", ["parent_id"]]
    post = q[q["timepoint"] == "post"]
    v += foreign_key_violations(post, f["questionnaires"], ["parent_id"], intake, ["parent_id"],
                                "every post-therapy questionnaire has an intake questionnaire")
    intake_date = q[q["timepoint"] == "intake"].drop_duplicates("parent_id").set_index(
        "parent_id")["completed_date"]
    too_early = (q["timepoint"] == "post") & (q["completed_date"] <= q["parent_id"].map(intake_date))
    v += _row_violations(q, too_early, f["questionnaires"], "completed_date",
                         "a post questionnaire is dated after its intake questionnaire",
                         q["completed_date"].dt.strftime("%Y-%m-%d"))
    consent = parents.set_index("parent_id")["research_consent"]
    entered = parents.set_index("parent_id")["entered"]
    for name, frame in (("questionnaires", q), ("satisfaction", sat)):
        known = frame["parent_id"].isin(consent.index)
        missing = known & frame["parent_id"].map(consent).isna()
        v += _row_violations(frame, missing, f[name], "parent_id",
                             "research consent must be recorded (true/false) in parents for every "
                             "parent with a form", frame["parent_id"])
        not_entered = known & ~frame["parent_id"].map(entered).fillna(False).astype(bool)
        v += _row_violations(frame, not_entered, f[name], "parent_id",
                             "forms are completed only by parents who entered", frame["parent_id"])
    return v


def _excerpt_violations(interviews: pd.DataFrame, excerpts: pd.DataFrame, file: str
                        ) -> list[Violation]:
    """Every excerpt belongs to an interviewee who raised the excerpt's theme."""
    v = foreign_key_violations(excerpts, file, ["parent_id"], interviews, ["parent_id"],
                               "every excerpt's parent was interviewed (is in interviews)")
    themes = interviews.set_index("parent_id")
    known = excerpts["parent_id"].isin(themes.index)
    raised = pd.Series(False, index=excerpts.index)
    for idx in excerpts.index[known]:
        theme = excerpts.at[idx, "theme"]
        value = themes.at[excerpts.at[idx, "parent_id"], theme]
        raised.at[idx] = (not pd.isna(value)) and value in THEME_RAISED_VALUES.get(theme, (True,))
    v += _row_violations(excerpts, known & ~raised, file, "theme",
                         "an excerpt's parent must have raised its theme (see interviews)",
                         excerpts["theme"])
    return v


# ----------------------------------------------------------------------------------------------
# data classes
# ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PupAnalysis:
    """What chapters analyse: consented questionnaire and satisfaction records only.

    Attributes
    ----------
    parents, couples, therapist_survey, referrer_survey, interviews : DataFrame
        Service records and surveys (no research-consent restriction; see the module docstring).
    interview_excerpts : DataFrame
        Excerpts of the interviews (parents consented to be interviewed and recorded); the
        ``provenance`` column says whether each is transcript or illustrative synthetic text.
    questionnaires, satisfaction : DataFrame
        Rows of parents with ``research_consent`` true.
    forms : DataFrame
        Which forms exist - parent_id, form (``intake``, ``post``, ``satisfaction``) and
        ``consented`` - without any answers: the flow counts (44 intake forms, 21 post forms) include
        parents who refused consent, whose answers are never used.
    excluded : dict[str, int]
        How many rows were dropped for lack of consent: ``questionnaires`` (of which
        ``questionnaires_intake`` and ``questionnaires_post``) and ``satisfaction``.
    """

    couples: pd.DataFrame
    parents: pd.DataFrame
    questionnaires: pd.DataFrame
    satisfaction: pd.DataFrame
    therapist_survey: pd.DataFrame
    referrer_survey: pd.DataFrame
    interviews: pd.DataFrame
    interview_excerpts: pd.DataFrame
    forms: pd.DataFrame
    excluded: dict[str, int]

    def scores(self) -> pd.DataFrame:
        """One row per questionnaire with each measure's score and the parent's attributes.

        Columns: parent_id, timepoint, completed_date, core10 (0-40, prorated with one item
        missing), risk (0-20), csi4 (0-21), arguments (mean 0-3), gender_reported,
        distressed_at_intake (intake CORE-10 at or above the cut-off of 11), has_post, and
        sessions including / excluding assessment.
        """
        q = self.questionnaires
        out = q[["parent_id", "timepoint", "completed_date"]].copy()
        for inst in (CORE10, RISK, CSI4, ARGUMENTS):
            out[inst.key] = score(inst, q[inst.item_codes])
        info = self.parents.set_index("parent_id")
        for col in ("gender", "gender_reported", "sessions_including_assessment",
                    "sessions_excluding_assessment"):
            out[col] = out["parent_id"].map(info[col])
        intake_core = out.loc[out["timepoint"] == "intake"].set_index("parent_id")["core10"]
        out["distressed_at_intake"] = out["parent_id"].map(intake_core >= CORE10.cutoff)
        posts = set(out.loc[out["timepoint"] == "post", "parent_id"])
        out["has_post"] = out["parent_id"].isin(posts)
        return out.sort_values(["parent_id", "timepoint"]).reset_index(drop=True)

    def paired(self) -> pd.DataFrame:
        """Consented parents with both an intake and a post questionnaire, one row each.

        Columns ``<measure>_pre``, ``<measure>_post`` and ``<measure>_diff`` (pre - post) for
        core10, risk, csi4 and arguments, plus ``gender`` (as answered on the questionnaire - the
        split of the report's Table 1; missing for one parent), ``gender_record`` (service
        record), distressed_at_intake, reliable_change (CORE-10 from 11 or more to below 11 *and*
        down by at least 6 points, Barkham et al. 2013) and the session counts.
        """
        s = self.scores()
        keep = ["parent_id", "gender_reported", "distressed_at_intake",
                "sessions_including_assessment", "sessions_excluding_assessment"]
        pre = s[(s["timepoint"] == "intake") & s["has_post"]].set_index("parent_id")
        post = s[s["timepoint"] == "post"].set_index("parent_id")
        out = pre[[c for c in keep if c != "parent_id"]].copy()
        for inst in (CORE10, RISK, CSI4, ARGUMENTS):
            out[f"{inst.key}_pre"] = pre[inst.key]
            out[f"{inst.key}_post"] = post[inst.key].reindex(pre.index)
            out[f"{inst.key}_diff"] = out[f"{inst.key}_pre"] - out[f"{inst.key}_post"]
        from helpers.pup.instruments import CORE10_RELIABLE_CHANGE

        out["reliable_change"] = (out["core10_pre"] >= CORE10.cutoff) & (
            out["core10_post"] < CORE10.cutoff) & (out["core10_diff"] >= CORE10_RELIABLE_CHANGE)
        out["gender"] = out["gender_reported"]
        out["gender_record"] = pre["gender"]
        return out.reset_index().sort_values("parent_id").reset_index(drop=True)

    def intake(self) -> pd.DataFrame:
        """Consented intake questionnaires, one row per parent: parent_id, core10, risk, csi4,
        arguments (scores as in :meth:`scores`), ``gender`` (questionnaire answer) and
        ``completed`` (True when the parent also has a consented post questionnaire)."""
        s = self.scores()
        out = s[s["timepoint"] == "intake"][["parent_id", "core10", "risk", "csi4", "arguments",
                                             "gender_reported", "has_post"]]
        return out.rename(columns={"gender_reported": "gender", "has_post": "completed"}).reset_index(
            drop=True)

    def satisfaction_long(self) -> pd.DataFrame:
        """Satisfaction answers long: parent_id, item, summary, response (1-3), label."""
        s = self.satisfaction
        long = s.melt(id_vars=["parent_id"], value_vars=SATISFACTION.item_codes,
                      var_name="item", value_name="response")
        summaries = {i.code: i.summary for i in SATISFACTION.items}
        long["summary"] = long["item"].map(summaries)
        from helpers.pup.instruments import SATISFACTION_LABELS

        long["label"] = long["response"].map(SATISFACTION_LABELS)
        return long

    def entered(self) -> pd.DataFrame:
        """Parents who entered the intervention (the report's demographic base)."""
        return self.parents[self.parents["entered"]].reset_index(drop=True)

    def interviews_detail(self) -> pd.DataFrame:
        """Interviews with role (mother/father from the service record) and sessions attended."""
        info = self.parents.set_index("parent_id")
        out = self.interviews.copy()
        out["role"] = out["parent_id"].map(info["gender"]).map({"female": "mother", "male": "father"})
        out["sessions_including_assessment"] = out["parent_id"].map(
            info["sessions_including_assessment"])
        out["couple_id"] = out["parent_id"].map(info["couple_id"])
        return out


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
        """The analysis view: questionnaire and satisfaction rows of consenting parents only."""
        consent = self.parents.set_index("parent_id")["research_consent"]

        def consented(frame: pd.DataFrame) -> pd.DataFrame:
            ok = frame["parent_id"].map(consent).fillna(False).astype(bool)
            return frame[ok].reset_index(drop=True)

        q, s = consented(self.questionnaires), consented(self.satisfaction)
        forms = pd.concat([
            self.questionnaires[["parent_id", "timepoint"]].rename(columns={"timepoint": "form"}),
            self.satisfaction[["parent_id"]].assign(form="satisfaction"),
        ], ignore_index=True)
        forms["consented"] = forms["parent_id"].map(consent).fillna(False).astype(bool)
        dropped = forms[~forms["consented"]]
        return PupAnalysis(
            couples=self.couples, parents=self.parents, questionnaires=q, satisfaction=s,
            therapist_survey=self.therapist_survey, referrer_survey=self.referrer_survey,
            interviews=self.interviews, interview_excerpts=self.interview_excerpts, forms=forms,
            excluded={"questionnaires": len(self.questionnaires) - len(q),
                      "questionnaires_intake": int((dropped["form"] == "intake").sum()),
                      "questionnaires_post": int((dropped["form"] == "post").sum()),
                      "satisfaction": len(self.satisfaction) - len(s)},
        )


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
    from helpers.errors import DataValidationError

    tables: dict[str, pd.DataFrame] = {}
    problems: list[Violation] = []
    for name, spec in TABLES.items():
        try:
            tables[name] = read_table(spec, folder)
        except DataValidationError as exc:
            problems += exc.violations
    raise_if_any(problems)
    raise_if_any(cross_table_violations(tables, folder))
    return PupData(**tables)
