"""Logic behind the Parenting Under Pressure chapters "Introduction and methods" and "Who took part".

Chapters stay thin: they call the functions here and format the results with
:mod:`helpers.formatting`. Three groups of functions:

* **Programme design** - :data:`PROGRAMME` (planned numbers from the project plan) and
  :func:`measures_frame` / :func:`measures_gt` (the measures table, computed from the
  :class:`~helpers.scoring.Instrument` objects, never typed).

Sources: planned numbers and the measures are described in Hewison & Zhong (2020), sections 1.1,
1.2 and 2.3; scoring rules are cited in :mod:`helpers.pup.instruments`.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from great_tables import GT, loc, style

from helpers.counts import MISSING as MISSING_ROW
from helpers.counts import TOTAL as TOTAL_ROW
from helpers.counts import count_table
from helpers.datastore import TableSpec
from helpers.flow import FlowStep
from helpers.formatting import number, pct
from helpers.pup.data import COUPLES, ETHNIC_GROUPS, PARENTS, PupAnalysis
from helpers.pup.instruments import (
    CORE10,
    CORE10_RELIABLE_CHANGE,
    CSI4,
    OUTCOME_MEASURES,
    SATISFACTION,
)
from helpers.scoring import Instrument
from helpers.stats.multiplicity import adjust_pvalues
from helpers.stats.paired import paired_comparison
from helpers.printed_checks import check_printed_percent, percent_note
from helpers.tables import mark_total_and_missing

__all__ = [
    "ProgrammePlan",
    "PROGRAMME",
    "CLINICIAN_GROUPS",
    "AnalysisSettings",
    "analysis_settings",
    "item_range_text",
    "score_range_text",
    "measures_frame",
    "measures_gt",
    "SessionsSummary",
    "sessions_summary",
    "sessions_gt",
    "Grouping",
    "grouped_count_table",
    "grouped_count_gt",
    "FlowCounts",
    "flow_steps",
    "LABELS",
    "DEMOGRAPHIC_VARIABLES",
    "flow_counts",
    "flow_reasons",
    "flow_steps_from_data",
    "SessionGroups",
    "session_groups",
    "sessions_summaries",
    "planned_dose_count",
    "demographic_base",
    "demographic_table",
    "ETHNICITY",
    "ethnicity_table",
    "demographics_stacked",
    "ethnicity_bar_frame",
    "PrintedAgreement",
    "printed_agreement",
    "printed_agreement_text",
    "ethnicity_percent_checks",
]

EN_DASH = "\u2013"


# --------------------------------------------------------------------------------------------
# Programme design
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammePlan:
    """Numbers the project *planned* (targets, not results), from the project plan.

    Source: Hewison & Zhong (2020), section 1.1 (aims 2 and 3) and section 1.2 (therapy length).

    Attributes
    ----------
    couples : int
        Parental couples the project aimed to work with.
    parents : int
        Parents in those couples (two per couple).
    practitioners_trained : int
        Practitioners to be trained in the mentalization-based approach.
    practitioners_camhs : int
        Of those, practitioners from local child and adolescent mental health services.
    sessions_min, sessions_max : int
        Planned number of therapy sessions after assessment (inclusive range).
    months : int
        Length of the grant-funded project in months.
    """

    couples: int = 40
    parents: int = 80
    practitioners_trained: int = 80
    practitioners_camhs: int = 20
    sessions_min: int = 6
    sessions_max: int = 10
    months: int = 12

    @property
    def sessions_text(self) -> str:
        """Planned sessions as a range, e.g. ``"6–10"``."""
        return f"{self.sessions_min}{EN_DASH}{self.sessions_max}"


#: The plan of the Harrow project.
PROGRAMME = ProgrammePlan()

#: Therapists who delivered the intervention, by the organisation they came from
#: (Hewison & Zhong 2020, section 1.3). A description of the service, not a result.
CLINICIAN_GROUPS: dict[str, int] = {
    "Tavistock Relationships (graduates experienced in couple work)": 7,
    "Asian Family Counselling Service": 4,
    "Harrow Early Support Service": 1,
}


@dataclass(frozen=True)
class AnalysisSettings:
    """Settings of the pre-specified analysis, read from the code that applies them.

    Attributes
    ----------
    confidence : float
        Level of every interval (proportion; 0.95 = 95%), the default of
        :func:`helpers.stats.paired.paired_comparison`.
    adjustment : str
        p-value adjustment across the family of outcomes (``"holm"``, Holm 1979), the default of
        :func:`helpers.stats.multiplicity.adjust_pvalues`.
    outcomes : tuple[str, ...]
        Display names of the outcome family, in the order of the report's Table 1.
    core10_cutoff : float
        CORE-10 clinical cut-off in score points (scores at or above it are in the clinical range).
    core10_reliable_change : int
        CORE-10 reliable-change threshold in score points.
    csi4_cutoff : float
        CSI-4 score below which a relationship counts as dissatisfied.
    """

    confidence: float
    adjustment: str
    outcomes: tuple[str, ...]
    core10_cutoff: float
    core10_reliable_change: int
    csi4_cutoff: float

    @property
    def outcomes_text(self) -> str:
        """The outcome names as an English list: ``"A, B, C and D"``."""
        names = list(self.outcomes)
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def analysis_settings() -> AnalysisSettings:
    """The analysis settings in force (see :class:`AnalysisSettings`), so prose cannot drift from code."""
    confidence = inspect.signature(paired_comparison).parameters["confidence"].default
    adjustment = inspect.signature(adjust_pvalues).parameters["method"].default
    if CSI4.cutoff is None or CORE10.cutoff is None:  # pragma: no cover - fixed definitions
        raise ValueError("CORE-10 and CSI-4 must define a cut-off")
    return AnalysisSettings(
        confidence=float(confidence),
        adjustment=str(adjustment),
        outcomes=tuple(m.name for m in OUTCOME_MEASURES),
        core10_cutoff=float(CORE10.cutoff),
        core10_reliable_change=int(CORE10_RELIABLE_CHANGE),
        csi4_cutoff=float(CSI4.cutoff),
    )


# --------------------------------------------------------------------------------------------
# Measures table
# --------------------------------------------------------------------------------------------


def _fmt(x: float) -> str:
    """A score bound without needless decimals: 0 -> "0", 13.5 -> "13.5", 1.0 -> "1"."""
    return number(x, 0) if float(x).is_integer() else number(x, 1)


def item_range_text(instrument: Instrument) -> str:
    """Response range of the items, e.g. ``"0–4"``; where items differ, each run of items is named.

    Examples
    --------
    CSI-4 has one item scored 0-6 and three scored 0-5: ``"0–6 (item 1); 0–5 (items 2–4)"``.
    """
    runs: list[tuple[tuple[int, int], list[int]]] = []
    for position, item in enumerate(instrument.items, start=1):
        span = (item.minimum, item.maximum)
        if runs and runs[-1][0] == span:
            runs[-1][1].append(position)
        else:
            runs.append((span, [position]))
    if len(runs) == 1:
        (lo, hi), _ = runs[0]
        return f"{lo}{EN_DASH}{hi}"
    parts = []
    for (lo, hi), positions in runs:
        which = (f"item {positions[0]}" if len(positions) == 1
                 else f"items {positions[0]}{EN_DASH}{positions[-1]}")
        parts.append(f"{lo}{EN_DASH}{hi} ({which})")
    return "; ".join(parts)


def score_range_text(instrument: Instrument) -> str:
    """Range of the score and how it is formed, e.g. ``"0–40 (sum)"`` or ``"0–3 (item mean)"``."""
    lo, hi = instrument.score_range
    how = "sum" if instrument.combine == "sum" else "item mean"
    return f"{_fmt(lo)}{EN_DASH}{_fmt(hi)} ({how})"


def _cutoff_text(instrument: Instrument) -> str:
    if instrument.cutoff is None:
        return EN_DASH
    text = instrument.cutoff_rule or f"cut-off {_fmt(instrument.cutoff)}"
    if instrument is CORE10:
        text += f"; reliable change = a fall of {CORE10_RELIABLE_CHANGE} points or more"
    return text


def _missing_text(instrument: Instrument) -> str:
    if instrument.max_missing == 0:
        return "none (any missing item: no score)"
    return f"up to {instrument.max_missing} (score prorated)"


def measures_frame(
    instruments: Sequence[Instrument] = (*OUTCOME_MEASURES, SATISFACTION),
) -> pd.DataFrame:
    """One row per instrument, every cell derived from the :class:`Instrument` definition.

    Parameters
    ----------
    instruments : sequence of Instrument
        Default: the four pre/post outcome measures in the order of the report's Table 1, then the
        service-satisfaction questionnaire.

    Returns
    -------
    DataFrame
        Columns ``instrument``, ``items`` (int), ``item_range``, ``score_range``, ``higher_is``
        (``"worse"`` / ``"better"``), ``cutoff``, ``missing_items`` (prorating rule),
        ``reference``. Ranges are in raw response units.
    """
    if not instruments:
        raise ValueError("measures_frame: no instruments given")
    rows = [
        {
            "instrument": instr.name,
            "items": len(instr.items),
            "item_range": item_range_text(instr),
            "score_range": score_range_text(instr),
            "higher_is": instr.higher_is,
            "cutoff": _cutoff_text(instr),
            "missing_items": _missing_text(instr),
            "reference": instr.reference or EN_DASH,
        }
        for instr in instruments
    ]
    return pd.DataFrame(rows).astype({"items": "int64"})


def measures_gt(frame: pd.DataFrame | None = None) -> GT:
    """The measures table for the methods chapter (great_tables; caption comes from Quarto).

    Parameters
    ----------
    frame : DataFrame, optional
        Output of :func:`measures_frame` (default: computed for the default instruments).
    """
    data = measures_frame() if frame is None else frame.copy()
    data["higher_is"] = "higher = " + data["higher_is"]
    return (
        GT(data)
        .cols_label(cases={
            "instrument": "Measure", "items": "Items", "item_range": "Item responses",
            "score_range": "Score range", "higher_is": "Direction", "cutoff": "Cut-off",
            "missing_items": "Missing items allowed", "reference": "Source",
        })
        .cols_align(align="right", columns="items")
        .tab_source_note(
            "Ranges are in raw response units. Prorated sum = mean of the answered items "
            "× number of items. Service-satisfaction items are reported "
            "one by one (1 = certainly true, 3 = not true)."
        )
    )


# --------------------------------------------------------------------------------------------
# Sessions attended
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionsSummary:
    """Number of sessions attended by one group of parents.

    Attributes
    ----------
    label : str
        Who the group is, e.g. ``"parents with an intake questionnaire, assessment included"``.
    n : int
        Parents in the group.
    minimum, maximum : int
        Fewest and most sessions (count of sessions).
    mean, sd : float
        Mean and sample SD (``ddof=1``; NaN when n = 1) of the session counts, unrounded.
    """

    label: str
    n: int
    minimum: int
    maximum: int
    mean: float
    sd: float


def sessions_summary(sessions: pd.Series, label: str = "") -> SessionsSummary:
    """Summarise session counts (one value per parent).

    Parameters
    ----------
    sessions : Series
        Whole numbers ≥ 0, one per parent; the index identifies the parent in error messages.
    label : str
        Carried into the result.

    Raises
    ------
    ValueError
        A missing, negative or fractional count (naming its index), or an empty series: a parent
        without a count is never dropped silently.
    """
    if len(sessions) == 0:
        raise ValueError(f"sessions_summary({label!r}): no parents to summarise")
    values = pd.to_numeric(sessions, errors="coerce")
    bad = values.isna() | (values < 0) | (values % 1 != 0)
    if bad.any():
        where = sessions.index[bad.to_numpy()][0]
        raise ValueError(f"sessions_summary({label!r}): session count {sessions.loc[where]!r} at "
                         f"index {where!r} is missing or not a whole number ≥ 0 "
                         f"({int(bad.sum())} such value(s))")
    values = values.astype("float64")
    n = int(len(values))
    return SessionsSummary(
        label=label,
        n=n,
        minimum=int(values.min()),
        maximum=int(values.max()),
        mean=float(values.mean()),
        sd=float(values.std(ddof=1)) if n > 1 else float("nan"),
    )


def sessions_gt(summaries: Sequence[SessionsSummary], source_note: str | None = None) -> GT:
    """Table of :class:`SessionsSummary` rows: group, n, range, mean (SD) to two decimals."""
    if not summaries:
        raise ValueError("sessions_gt: no summaries")
    data = pd.DataFrame({
        "group": [s.label for s in summaries],
        "n": [s.n for s in summaries],
        "range": [f"{s.minimum}{EN_DASH}{s.maximum}" for s in summaries],
        "mean": [s.mean for s in summaries],
        "sd": [s.sd for s in summaries],
    })
    gt = (
        GT(data)
        .fmt_integer(columns="n")
        .fmt_number(columns=["mean", "sd"], decimals=2)
        .sub_missing(columns="sd", missing_text=EN_DASH)
        .cols_merge(columns=["mean", "sd"], pattern="{0} ({1})")
        .cols_label(cases={"group": "Parents", "n": "n", "range": "Range",
                           "mean": "Mean (SD)"})
        .cols_align(align="right", columns=["n", "range", "mean"])
        .tab_source_note("Sessions are counts of sessions attended; SD = sample standard deviation.")
    )
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt


# --------------------------------------------------------------------------------------------
# Demographic tables
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grouping:
    """Broad groups made of finer categories (e.g. ethnic groups and their sub-groups).

    Attributes
    ----------
    groups : tuple of (str, tuple of str)
        Broad group label and the codes of its sub-groups, in display order. Every allowed code
        appears in exactly one group.
    labels : dict
        Display label of each sub-group code.
    """

    groups: tuple[tuple[str, tuple[str, ...]], ...]
    labels: dict[str, str]

    def __post_init__(self) -> None:
        codes = [c for _, members in self.groups for c in members]
        if len(set(codes)) != len(codes):
            raise ValueError(f"Grouping: a code belongs to more than one group: {codes}")
        unlabelled = [c for c in codes if c not in self.labels]
        if unlabelled:
            raise ValueError(f"Grouping: codes without a label: {unlabelled}")

    @property
    def codes(self) -> list[str]:
        """Every sub-group code in display order."""
        return [c for _, members in self.groups for c in members]

    def group_of(self, code: str) -> str:
        """The broad group a code belongs to."""
        for name, members in self.groups:
            if code in members:
                return name
        raise KeyError(code)


def grouped_count_table(series: pd.Series, grouping: Grouping) -> pd.DataFrame:
    """Counts of sub-groups and of their broad groups, with Missing and Total rows.

    Percentages are of the parents who answered (the valid responses), as in
    :func:`helpers.counts.count_table`; Missing and Total have none.

    Parameters
    ----------
    series : Series
        One code per parent (missing = no answer). A code not in ``grouping`` raises
        ``ValueError`` naming it (via :func:`helpers.counts.count_table`).

    Returns
    -------
    DataFrame
        Columns ``level`` (``"group"``, ``"sub-group"``, ``"missing"``, ``"total"``), ``group``,
        ``category`` (display label), ``code`` (sub-group code; None for other rows), ``n``,
        ``percent`` (0-100, unrounded), ``denominator``. ``attrs["denominator"]`` states the base.
    """
    counts = count_table(series, order=grouping.codes, denominator="valid")
    by_code = dict(zip(grouping.codes, counts["n"].iloc[: len(grouping.codes)], strict=True))
    answered = int(sum(by_code.values()))
    missing = int(counts.loc[counts["category"] == MISSING_ROW, "n"].iloc[0])

    def share(k: int) -> float:
        return 100.0 * k / answered if answered else float("nan")

    rows = []
    for name, members in grouping.groups:
        k = sum(by_code[c] for c in members)
        rows.append(("group", name, name, None, k, share(k), answered))
        for code in members:
            rows.append(("sub-group", name, grouping.labels[code], code, by_code[code],
                         share(by_code[code]), answered))
    rows.append(("missing", None, MISSING_ROW, None, missing, float("nan"), pd.NA))
    rows.append(("total", None, TOTAL_ROW, None, answered + missing, float("nan"), pd.NA))
    frame = pd.DataFrame(rows, columns=["level", "group", "category", "code", "n", "percent",
                                        "denominator"])
    frame = frame.astype({"n": "int64", "percent": "float64", "denominator": "Int64"})
    frame.attrs["denominator"] = counts.attrs["denominator"]
    return frame


def grouped_count_gt(frame: pd.DataFrame, *, category_label: str = "Category",
                     population: str = "parents", source_note: str | None = None) -> GT:
    """Render :func:`grouped_count_table`: broad groups in bold, sub-groups indented beneath.

    ``population`` names whom the percentages describe in the note.
    """
    data = frame[["category", "n", "percent"]].copy()
    levels = frame["level"].tolist()
    group_rows = [i for i, lv in enumerate(levels) if lv == "group"]
    sub_rows = [i for i, lv in enumerate(levels) if lv == "sub-group"]
    total_rows = [i for i, lv in enumerate(levels) if lv == "total"]
    missing_rows = [i for i, lv in enumerate(levels) if lv == "missing"]
    answered = int(frame.loc[frame["level"] == "sub-group", "n"].sum())
    missing = int(frame.loc[frame["level"] == "missing", "n"].sum())
    note = (f"Percentages are of the {answered} {population} who answered; "
            f"{missing} of {answered + missing} gave no answer. Sub-group rows are indented "
            "under their group.")
    gt = (
        GT(data, rowname_col="category")
        .tab_stubhead(label=category_label)
        .fmt_integer(columns="n")
        .fmt_number(columns="percent", decimals=1)
        .sub_missing(columns="percent", missing_text=EN_DASH)
        .cols_label(cases={"n": "n", "percent": "%"})
        .cols_align(align="right", columns=["n", "percent"])
        .tab_stub_indent(rows=sub_rows, indent=3)
        .tab_style(style=style.text(weight="bold"), locations=loc.stub(rows=group_rows))
        .tab_style(style=style.text(weight="bold"), locations=loc.body(rows=group_rows))
        .pipe(mark_total_and_missing, total_rows, missing_rows)
        .tab_source_note(note)
    )
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt


# --------------------------------------------------------------------------------------------
# Participant flow
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FlowCounts:
    """Counts at each stage of the participant flow, all computed from the records.

    Couples are the unit up to the offer; parents from then on (two per offered couple).

    Attributes
    ----------
    couples_referred, couples_not_suitable, couples_offered : int
        Couples referred, turned down at screening, and offered the intervention.
    parents_offered : int
        Parents in the offered couples.
    parents_assessed : int
        Parents with at least one individual assessment session.
    parents_entered : int
        Parents who went on to therapy after assessment.
    parents_intake : int
        Parents who entered and completed a usable intake questionnaire.
    parents_intake_consented : int
        Of those, parents who allowed research use of their answers.
    parents_post : int
        Parents with an intake questionnaire who completed the end-of-therapy questionnaire.
    parents_post_consented : int
        Of those, parents who allowed research use (the pre/post analysis sample).
    """

    couples_referred: int
    couples_not_suitable: int
    couples_offered: int
    parents_offered: int
    parents_assessed: int
    parents_entered: int
    parents_intake: int
    parents_intake_consented: int
    parents_post: int
    parents_post_consented: int

    def problems(self) -> list[str]:
        """Stages that do not nest inside the stage before (empty when the counts are coherent)."""
        out = []
        if self.couples_referred - self.couples_not_suitable != self.couples_offered:
            out.append(f"{self.couples_referred} couples referred minus "
                       f"{self.couples_not_suitable} not suitable is not "
                       f"{self.couples_offered} offered")
        chain = [("parents offered", self.parents_offered),
                 ("parents assessed", self.parents_assessed),
                 ("parents entered", self.parents_entered),
                 ("parents with an intake questionnaire", self.parents_intake),
                 ("parents with an end-of-therapy questionnaire", self.parents_post),
                 ("consenting parents with both questionnaires", self.parents_post_consented)]
        for (a, na), (b, nb) in zip(chain, chain[1:]):
            if nb > na:
                out.append(f"{nb} {b} is more than {na} {a}")
        if self.parents_intake_consented > self.parents_intake:
            out.append("more consenting parents at intake than intake questionnaires")
        if self.parents_post_consented > self.parents_intake_consented:
            out.append("more consenting parents with both questionnaires than consenting at intake")
        return out


def flow_steps(counts: FlowCounts) -> list[FlowStep]:
    """The CONSORT-style stages of :func:`helpers.flow.flow_diagram` for these counts.

    Side boxes give the people lost after each stage (differences of the counts, so they add up by
    construction); between the couple and the parent stages the unit changes, which the labels
    say.
    """
    c = counts
    return [
        FlowStep("Couples referred", c.couples_referred,
                 [("Not suitable: met an exclusion criterion", c.couples_not_suitable)]),
        FlowStep("Couples offered the intervention", c.couples_offered),
        FlowStep("Parents in those couples (two per couple)", c.parents_offered,
                 [("Did not take up an individual assessment",
                   c.parents_offered - c.parents_assessed)]),
        FlowStep("Parents with at least one individual assessment", c.parents_assessed,
                 [("Did not start: excluded because of risk, or chose not to begin",
                   c.parents_assessed - c.parents_entered)]),
        FlowStep("Parents who entered the intervention", c.parents_entered,
                 [("No usable intake questionnaire", c.parents_entered - c.parents_intake)]),
        FlowStep("Parents with a usable intake questionnaire", c.parents_intake,
                 [("No end-of-therapy questionnaire", c.parents_intake - c.parents_post)]),
        FlowStep("Parents with an end-of-therapy questionnaire", c.parents_post,
                 [("Refused research use of their answers",
                   c.parents_post - c.parents_post_consented)]),
        FlowStep("Consenting parents with both questionnaires (pre/post analysis)",
                 c.parents_post_consented),
    ]


# --------------------------------------------------------------------------------------------
# From the records: flow, sessions, demographics
# --------------------------------------------------------------------------------------------

#: Display labels of the coded values in the couples and parents tables (codes: helpers.pup.data).
LABELS: dict[str, dict[str, str]] = {
    "screening_reason": {
        "domestic_violence_or_coercive_control": "domestic violence or coercive control",
        "severe_mental_illness": "severe mental illness",
        "substance_misuse": "unmanaged drug or alcohol misuse",
        "court_proceedings": "active court proceedings",
        "trauma_too_severe": "family trauma too severe",
        "denied_problem": "couple did not see a problem to work on",
    },
    "not_entered_reason": {
        "declined_offer": "did not take up the offer of an assessment",
        "excluded_after_assessment": "excluded after assessment because of risk",
        "chose_not_to_begin": "chose not to begin therapy",
    },
    "gender": {"female": "Women", "male": "Men"},
    "ethnicity": {
        "asian_indian": "Indian", "asian_pakistani": "Pakistani",
        "asian_bangladeshi": "Bangladeshi", "asian_other": "Any other Asian background",
        "white_british": "British", "white_irish": "Irish",
        "white_other": "Any other White background", "black_caribbean": "Caribbean",
        "black_other": "Any other Black background", "mixed": "Mixed or multiple groups",
        "other": "Any other ethnic group",
    },
    "ethnic_group": {"asian": "Asian or Asian British", "white": "White",
                     "black": "Black or Black British", "mixed": "Mixed or multiple",
                     "other": "Other ethnic group"},
    "marital_status": {
        "married": "Married", "civil_partnership": "Civil partnership", "cohabiting": "Cohabiting",
        "non_cohabiting_partners": "Partners, not living together",
        "separated_divorced": "Separated or divorced",
    },
    "relationship_length_years": {
        "0-1": "Under 1 year", "1-5": "1–5 years", "6-10": "6–10 years", "11-15": "11–15 years",
        "16-20": "16–20 years", "21-25": "21–25 years", "26+": "26 years or more",
    },
    "qualification": {
        "postgraduate": "Postgraduate degree", "undergraduate": "Undergraduate degree",
        "a_levels": "A levels", "professional": "Professional qualification", "gcse": "GCSEs",
        "nvq": "NVQ or equivalent", "none": "No formal qualification", "other": "Other",
    },
    "employment": {
        "full_time": "Working full time", "part_time": "Working part time",
        "homemaker_or_carer": "Full-time homemaker or carer", "unemployed": "Unemployed",
        "student": "Full-time student", "other": "Other",
    },
    "sexual_orientation": {
        "heterosexual": "Heterosexual", "gay_or_lesbian": "Gay or lesbian",
        "bisexual": "Bisexual", "other": "Other", "prefer_not_to_say": "Prefer not to say",
    },
}

#: Demographic columns of the parents table summarised one by one, with their display names.
DEMOGRAPHIC_VARIABLES: dict[str, str] = {
    "gender": "Gender (service record)",
    "marital_status": "Marital status",
    "relationship_length_years": "Length of relationship",
    "qualification": "Highest qualification",
    "employment": "Employment",
    "sexual_orientation": "Sexual orientation",
}


def _allowed(column: str, spec: TableSpec = PARENTS) -> list[str]:
    """Allowed codes of a column, in schema order (the schema is the one source of the codes)."""
    for check in spec.schema.columns[column].checks:
        values = (check.statistics or {}).get("allowed_values")
        if values is not None:
            return list(values)
    raise KeyError(f"{spec.name}.{column} has no list of allowed values")


def _label(column: str, code: str) -> str:
    return LABELS.get(column, {}).get(code, code.replace("_", " ").capitalize())


def _reasons(series: pd.Series, column: str, allowed: Sequence[str]) -> list[tuple[str, int]]:
    """(label, count) of each reason present, largest first (ties in ``allowed`` order)."""
    order = {c: i for i, c in enumerate(allowed)}
    counts = series.dropna().value_counts()
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], order.get(kv[0], len(order))))
    return [(_label(column, code), int(k)) for code, k in ranked]


def flow_counts(view: PupAnalysis) -> FlowCounts:
    """Count every stage of the participant flow from the records (see :class:`FlowCounts`).

    Forms are counted from ``view.forms``, which lists every questionnaire that exists and whether
    its parent consented, without the answers, so refusals are counted but never analysed.
    """
    couples, parents, forms = view.couples, view.parents, view.forms
    entered = set(parents.loc[parents["entered"].astype(bool), "parent_id"])

    def n_forms(form: str, consented: bool | None = None) -> int:
        rows = forms[(forms["form"] == form) & forms["parent_id"].isin(entered)]
        if consented is not None:
            rows = rows[rows["consented"] == consented]
        return int(rows["parent_id"].nunique())

    return FlowCounts(
        couples_referred=int(len(couples)),
        couples_not_suitable=int((couples["screening_outcome"] == "not_suitable").sum()),
        couples_offered=int((couples["screening_outcome"] == "offered").sum()),
        parents_offered=int(len(parents)),
        parents_assessed=int(parents["assessed"].astype(bool).sum()),
        parents_entered=len(entered),
        parents_intake=n_forms("intake"),
        parents_intake_consented=n_forms("intake", True),
        parents_post=n_forms("post"),
        parents_post_consented=n_forms("post", True),
    )


def flow_reasons(view: PupAnalysis) -> dict[str, list[tuple[str, int]]]:
    """Reasons for leaving the flow, from the records, as ``(label, n)`` lists.

    Keys: ``not_suitable`` (couples' screening reasons), ``not_assessed`` and ``not_entered``
    (parents' reasons before and after assessment).
    """
    p = view.parents
    assessed = p["assessed"].astype(bool)
    entered = p["entered"].astype(bool)
    return {
        "not_suitable": _reasons(view.couples["screening_reason"], "screening_reason",
                                 _allowed("screening_reason", COUPLES)),
        "not_assessed": _reasons(p.loc[~assessed, "not_entered_reason"], "not_entered_reason",
                                 _allowed("not_entered_reason")),
        "not_entered": _reasons(p.loc[assessed & ~entered, "not_entered_reason"],
                                "not_entered_reason", _allowed("not_entered_reason")),
    }


def flow_steps_from_data(view: PupAnalysis) -> list[FlowStep]:
    """:func:`flow_steps` with the recorded reasons in the side boxes where the records have them.

    Raises
    ------
    ValueError
        When the reasons recorded do not add up to the people lost at that stage.
    """
    steps = flow_steps(flow_counts(view))
    reasons = flow_reasons(view)
    where = {0: "not_suitable", 2: "not_assessed", 3: "not_entered"}
    out = []
    for i, step in enumerate(steps):
        if i in where:
            listed = reasons[where[i]]
            if sum(k for _, k in listed) != step.excluded:
                raise ValueError(f"flow: reasons recorded for {where[i]} add up to "
                                 f"{sum(k for _, k in listed)}, but {step.excluded} left at "
                                 f"stage {step.label!r}")
            # the side box heads a list of several reasons with "Excluded (n = ...)" itself
            step = FlowStep(step.label, step.n, [(r[0].upper() + r[1:], k) for r, k in listed]
                            if len(listed) > 1 else step.exclusions)
        out.append(step)
    return out


@dataclass(frozen=True)
class SessionGroups:
    """Who the session summaries describe (parent ids), computed from the records."""

    intake: pd.DataFrame
    post: pd.DataFrame
    pre_post_consented: pd.DataFrame


def session_groups(view: PupAnalysis) -> SessionGroups:
    """Parents (rows of ``view.parents``) with an intake form, with a post form, and consenting
    parents with both forms (the pre/post analysis sample)."""
    p = view.parents
    entered = p[p["entered"].astype(bool)]
    forms = view.forms
    has = {f: set(forms.loc[forms["form"] == f, "parent_id"]) for f in ("intake", "post")}
    consented = set(forms.loc[forms["consented"], "parent_id"])
    intake = entered[entered["parent_id"].isin(has["intake"])].reset_index(drop=True)
    post = intake[intake["parent_id"].isin(has["post"])].reset_index(drop=True)
    both = post[post["parent_id"].isin(consented)].reset_index(drop=True)
    return SessionGroups(intake=intake, post=post, pre_post_consented=both)


def sessions_summaries(view: PupAnalysis) -> dict[str, SessionsSummary]:
    """Session summaries the report printed (intake group with and without assessment, post
    group with assessment), plus the post group without assessment.

    Keys: ``intake_including``, ``intake_excluding``, ``post_including``, ``post_excluding``.
    """
    g = session_groups(view)
    incl, excl = "sessions_including_assessment", "sessions_excluding_assessment"
    return {
        "intake_including": sessions_summary(
            g.intake.set_index("parent_id")[incl],
            "Intake questionnaire, assessment sessions included"),
        "intake_excluding": sessions_summary(
            g.intake.set_index("parent_id")[excl],
            "Intake questionnaire, therapy sessions only"),
        "post_including": sessions_summary(
            g.post.set_index("parent_id")[incl],
            "End-of-therapy questionnaire, assessment sessions included"),
        "post_excluding": sessions_summary(
            g.post.set_index("parent_id")[excl],
            "End-of-therapy questionnaire, therapy sessions only"),
    }


def planned_dose_count(view: PupAnalysis, plan: ProgrammePlan = PROGRAMME) -> tuple[int, int]:
    """How many consenting pre/post parents had the planned number of therapy sessions.

    Returns
    -------
    (count, denominator)
        Parents whose sessions after assessment lie in ``plan.sessions_min``–``plan.sessions_max``
        (inclusive), and the number of consenting parents with both questionnaires.
    """
    both = session_groups(view).pre_post_consented
    s = both["sessions_excluding_assessment"].astype("float64")
    if s.isna().any():
        raise ValueError("planned_dose_count: a pre/post parent has no session count")
    return int(s.between(plan.sessions_min, plan.sessions_max).sum()), int(len(both))


def demographic_base(view: PupAnalysis) -> pd.DataFrame:
    """Parents who entered the intervention: the base of every demographic table.

    Demographic fields are service-monitoring records reported in aggregate for everyone who
    entered, as in the report (reading ``demographics-include-non-consented`` in the published
    contradictions file); no questionnaire answer is used.
    """
    return view.entered()


def demographic_table(base: pd.DataFrame, column: str) -> pd.DataFrame:
    """:func:`helpers.counts.count_table` of one demographic column over ``base``.

    Categories are every allowed code in schema order (zero counts shown) with readable labels;
    percentages are of those who answered; Missing and Total rows follow.
    """
    return count_table(base[column], order=_allowed(column),
                       labels={c: _label(column, c) for c in _allowed(column)},
                       denominator="valid")


ETHNICITY = Grouping(
    groups=tuple(
        (LABELS["ethnic_group"][group], tuple(c for c in ETHNIC_GROUPS if ETHNIC_GROUPS[c] == group))
        for group in dict.fromkeys(ETHNIC_GROUPS.values())
    ),
    labels=LABELS["ethnicity"],
)


def ethnicity_table(base: pd.DataFrame) -> pd.DataFrame:
    """Ethnic groups and sub-groups of ``base`` (:func:`grouped_count_table` with the census-style
    grouping of :data:`helpers.pup.data.ETHNIC_GROUPS`)."""
    return grouped_count_table(base["ethnicity"], ETHNICITY)


def demographics_stacked(base: pd.DataFrame,
                         variables: dict[str, str] = DEMOGRAPHIC_VARIABLES) -> pd.DataFrame:
    """:func:`demographic_table` of each variable, stacked with a ``group`` column for
    :func:`helpers.tables.count_table_gt` (one row group per variable).

    Each group's label states its own denominator, e.g. ``"Marital status (39 answered,
    7 missing)"``; percentages are of those who answered that question.
    """
    parts = []
    for column, name in variables.items():
        table = demographic_table(base, column)
        missing = int(table.loc[table["category"] == MISSING_ROW, "n"].iloc[0])
        total = int(table.loc[table["category"] == TOTAL_ROW, "n"].iloc[0])
        table.insert(0, "group", f"{name} ({total - missing} answered, {missing} missing)")
        parts.append(table)
    out = pd.concat(parts, ignore_index=True)
    out.attrs["denominator"] = ("within each characteristic, percentages of the parents who "
                                "answered that question (missing answers not included)")
    return out


def ethnicity_bar_frame(table: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Sub-group rows of :func:`ethnicity_table` labelled ``"Group: sub-group"`` for
    :func:`helpers.figures.category_bar`, and the denominator (parents who answered)."""
    sub = table[table["level"] == "sub-group"]
    short = {name: name.split(" or ")[0] for name in sub["group"].unique()}
    size = sub["group"].value_counts()
    frame = pd.DataFrame({
        "category": [c if size[g] == 1 else f"{short[g]}: {c}"
                     for g, c in zip(sub["group"], sub["category"], strict=True)],
        "n": sub["n"].to_numpy(),
    })
    return frame, int(sub["n"].sum())


@dataclass(frozen=True)
class PrintedAgreement:
    """How many printed figures the records reproduce.

    Attributes
    ----------
    total, matched : int
        Printed figures compared, and those reproduced at the printed precision.
    mismatches : DataFrame
        Rows of :func:`helpers.pup.reproduce.reproduced_figures` that do not match.
    readings : tuple[str, ...]
        Ids of entries in the contradictions file that these figures refer to.
    """

    total: int
    matched: int
    mismatches: pd.DataFrame
    readings: tuple[str, ...]


def printed_agreement(figures: pd.DataFrame, prefixes: Sequence[str]) -> PrintedAgreement:
    """Agreement of the printed figures whose path starts with one of ``prefixes``.

    Parameters
    ----------
    figures : DataFrame
        Output of :func:`helpers.pup.reproduce.reproduced_figures` (columns ``path``, ``printed``,
        ``reproduced``, ``matches``, ``note``).
    prefixes : sequence of str
        Path prefixes, e.g. ``("flow.", "sessions.")``.
    """
    rows = figures[figures["path"].str.startswith(tuple(prefixes))]
    if rows.empty:
        raise ValueError(f"printed_agreement: no printed figure under {list(prefixes)}")
    ok = rows["matches"].astype(bool)
    notes = tuple(dict.fromkeys(n for n in rows["note"] if isinstance(n, str) and n))
    return PrintedAgreement(total=int(len(rows)), matched=int(ok.sum()),
                            mismatches=rows[~ok].reset_index(drop=True), readings=notes)


def printed_agreement_text(agreement: PrintedAgreement, what: str) -> str:
    """One sentence for the prose: how many printed figures on ``what`` the records reproduce,
    naming each one that differs (printed value, then the records' value)."""
    a = agreement
    if a.matched == a.total:
        return (f"All {a.total} figures the report printed on {what} are reproduced from the "
                "records at the precision printed.")
    listed = "; ".join(f"{r.path} (printed {r.printed}, records {_plain(r.reproduced)})"
                       for r in a.mismatches.itertuples())
    return (f"{a.matched} of the {a.total} figures the report printed on {what} are reproduced "
            f"from the records; the others differ: {listed}.")


def _plain(value: object) -> str:
    if isinstance(value, float):
        return number(value, 2)
    return str(value)


def ethnicity_percent_checks(table: pd.DataFrame, printed: dict[str, float]) -> pd.DataFrame:
    """Printed ethnicity percentages beside the records' counts (for
    :func:`helpers.tables.comparison_table`).

    Parameters
    ----------
    table : DataFrame
        Output of :func:`ethnicity_table`.
    printed : dict
        Printed percentages by sub-group code (``asian_indian``) or broad group key (``asian``),
        as in ``demographics.ethnicity.printed_pct`` of the published figures.

    Returns
    -------
    DataFrame
        Columns ``figure`` (label), ``printed`` (percent), ``reproduced`` (count of denominator,
        as text), ``matches`` (the count rounds to the printed percentage, either rounding rule
        for exact halves; :func:`helpers.surveys.check_printed_percent`) and ``note``.
    """
    answered = int(table.loc[table["level"] == "sub-group", "n"].sum())
    by_code = table.dropna(subset=["code"]).set_index("code")["n"]
    group_keys = {key: LABELS["ethnic_group"][key] for key in dict.fromkeys(ETHNIC_GROUPS.values())}
    groups = table[table["level"] == "group"].set_index("category")["n"]
    rows = []
    for key, value in printed.items():
        if key in by_code.index:
            group = ETHNICITY.group_of(key)
            single = len(dict(ETHNICITY.groups)[group]) == 1
            k = int(by_code[key])
            label = LABELS["ethnicity"][key] if single else f"{group}: {LABELS['ethnicity'][key]}"
        elif key in group_keys:
            k, label = int(groups[group_keys[key]]), f"{group_keys[key]} (all)"
        else:
            raise KeyError(f"ethnicity_percent_checks: printed key {key!r} is neither a sub-group "
                           "code nor a group")
        check = check_printed_percent(value, k, answered)
        rows.append({"figure": label, "printed": value, "reproduced": pct(k, answered),
                     "matches": check.consistent,
                     "note": "" if check.consistent else percent_note(check, label)})
    return pd.DataFrame(rows)
