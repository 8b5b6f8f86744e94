"""Every published figure of the Parenting Under Pressure report recomputed from the record-level data.

:func:`reproduced_figures` returns one row per leaf of ``data/published/parenting-under-pressure.yaml``
that is a number or a boolean, plus the text leaves the data hold (Table 1 labels, instrument
directions and response labels, satisfaction items, interview themes, exclusion criteria). Each
value is computed from :func:`helpers.pup.data.load_pup` through the analysis view the chapters
use - consented questionnaire records only - and the shared statistics helpers.

Rounding rules (column ``rule``): ``exact`` (counts and constants), ``round:<d>`` (half up to d
decimals), ``pct`` (percentage of a count, whole number, half up), ``round:1`` for the one printed
88.9%, ``over`` (the data's minimum exceeds the printed bound), ``nearest:10`` (an approximate
count), ``held`` (a text the data hold, matched by meaning, see ``note``).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.published import published
from helpers.pup import SLUG
from helpers.pup.analysis import PupAnalysis
from helpers.pup.data import ETHNIC_GROUPS, load_pup
from helpers.pup.instruments import (
    ARGUMENTS,
    CORE10,
    CORE10_RELIABLE_CHANGE,
    CSI4,
    INSTRUMENTS,
    RISK,
    SATISFACTION,
    SATISFACTION_LABELS,
)
from helpers.reproduce import (
    FigureCollector,
    figure_table,
    load_contradictions,
    round_half_up,
)
from helpers.stats.paired import paired_comparison

__all__ = ["SLUG", "round_half_up", "contradictions", "reproduced_figures",
           "SATISFACTION_ITEM_OF", "THEME_COLUMN_OF"]


#: The report's names of satisfaction items (as transcribed) -> item codes of the form.
SATISFACTION_ITEM_OF: dict[str, str] = {
    "the people who saw me listened to me": "sat_01",
    "treated well by the people who saw me": "sat_02",
    "my views and worries were taken seriously": "sat_03",
    "how quickly I was seen": "sat_06",
    "time of the appointment": "sat_07",
    "convenience of the venue": "sat_08",
    "would recommend to a friend": "sat_11",
}

#: Position of each interview theme in the published list -> column of the interviews table.
THEME_COLUMN_OF: dict[int, str] = {
    0: "living_arrangements", 1: "understanding_self_and_partner",
    2: "change_in_expression_and_communication", 3: "family_and_friends_noticed",
    4: "relationship_improved", 5: "children_happier", 6: "therapy_helped_communication",
    8: "nothing_worse", 9: "would_recommend", 10: "in_line_with_social_work_plan",
    11: "better_future_self", 12: "better_future_children", 13: "vignette_advice_calm_and_talk",
}

_SCREENING_REASON_OF = {
    "ongoing domestic violence or coercive control": "domestic_violence_or_coercive_control",
    "severe mental illness": "severe_mental_illness",
    "unmanaged current substance misuse": "substance_misuse",
    "(added later) active court proceedings": "court_proceedings",
}

_MEASURE_KEY = {"core10": "core10", "risk": "risk", "csi4": "csi4", "argument": "arguments"}
_GROUP_FILTER = {
    "all": lambda p: p.index == p.index,
    "clinically_distressed_at_intake": lambda p: p["distressed_at_intake"].astype(bool),
    "men": lambda p: p["gender_reported"] == "male",
    "women": lambda p: p["gender_reported"] == "female",
}




def contradictions() -> tuple[dict[str, Any], ...]:
    """Entries of this evaluation's contradictions file (see that file's header for the fields)."""
    return load_contradictions(SLUG)


def _pct(k: float, n: float) -> float | None:
    """``k`` as a percentage of ``n``; None (a figure the data cannot give) when ``n`` is 0."""
    return 100.0 * k / n if n else None




def _describe(f: FigureCollector, prefix: str, values: pd.Series, mean_dp: int = 2, sd_dp: int = 2) -> None:
    v = values.astype(float)
    f.add(f"{prefix}.n", int(v.count()))
    f.add(f"{prefix}.min", float(v.min()))
    f.add(f"{prefix}.max", float(v.max()))
    f.add(f"{prefix}.mean", float(v.mean()), f"round:{mean_dp}")
    f.add(f"{prefix}.sd", float(v.std(ddof=1)), f"round:{sd_dp}")


def _satisfaction_shares(f: FigureCollector, sat: pd.DataFrame, pub: dict[str, Any]) -> None:
    """Figures of the satisfaction answers (at least one form)."""
    certainly = {code: _pct((sat[code] == 1).sum(), len(sat)) for code in SATISFACTION.item_codes}
    f.add("service_satisfaction.every_item_certainly_true_pct_over", min(certainly.values()), "over")
    f.add("service_satisfaction.no_item_answered_not_true",
          bool(not (sat[SATISFACTION.item_codes] == 3).any().any()))
    top = max(certainly.values())
    f.add("service_satisfaction.top_items_certainly_true_pct", top, "round:1")
    top_codes = {c for c, v in certainly.items() if math.isclose(v, top)}
    for i, label in enumerate(pub["service_satisfaction"]["top_items"]):
        code = SATISFACTION_ITEM_OF.get(label)
        f.add(f"service_satisfaction.top_items.{i}", label if code in top_codes else None, "held")
    other = pub["service_satisfaction"]["other_named_item"]
    f.add("service_satisfaction.other_named_item",
          other if SATISFACTION_ITEM_OF.get(other) in certainly else None, "held")


def _compute(a: PupAnalysis, pub: dict[str, Any]) -> FigureCollector:
    f = FigureCollector()
    couples, parents = a.couples, a.parents
    forms = a.forms
    entered = a.entered()

    # ---- flow ------------------------------------------------------------------------------
    offered = couples["screening_outcome"] == "offered"
    intake_ids = set(forms.loc[forms["form"] == "intake", "parent_id"])
    post_ids = set(forms.loc[forms["form"] == "post", "parent_id"])
    paired = a.paired()
    scores = a.scores()
    f.add("flow.couples_referred", len(couples))
    f.add("flow.couples_not_suitable_exclusion", int((~offered).sum()))
    f.add("flow.couples_offered", int(offered.sum()))
    f.add("flow.parents_offered", len(parents))
    f.add("flow.parents_individual_assessment", int(parents["assessed"].sum()))
    f.add("flow.parents_entered_intervention", int(parents["entered"].sum()))
    f.add("flow.parents_usable_intake_questionnaire", len(intake_ids))
    f.add("flow.parents_post_questionnaire", len(post_ids))
    f.add("flow.parents_post_refused_consent", a.excluded["questionnaires_post"])
    f.add("flow.parents_pre_post_consented", len(paired))
    in_target = paired["sessions_excluding_assessment"].between(6, 10)
    f.add("flow.parents_pre_post_with_6_to_10_sessions_post_assessment", int(in_target.sum()))
    f.add("flow.parents_consented_intake_for_analysis", int((scores["timepoint"] == "intake").sum()))
    f.add("flow.manager_view.cases_referred_approx", len(couples), "nearest:10")
    f.add("flow.manager_view.accepted", int(parents["entered"].sum()))

    # ---- sessions (service records of the form completers) ----------------------------------
    info = parents.set_index("parent_id")
    incl = info["sessions_including_assessment"]
    excl = info["sessions_excluding_assessment"]
    intake_sorted, post_sorted = sorted(intake_ids), sorted(post_ids)
    _describe(f, "sessions.intake_44_including_assessment", incl.loc[intake_sorted])
    _describe(f, "sessions.intake_44_excluding_assessment", excl.loc[intake_sorted])
    _describe(f, "sessions.post_21_including_assessment", incl.loc[post_sorted])
    _describe(f, "sessions.reliable_change_5",
              paired.loc[paired["reliable_change"], "sessions_including_assessment"])

    # ---- demographics (parents who entered) --------------------------------------------------
    g = entered["gender"].value_counts()
    f.add("demographics.gender.n", int(entered["gender"].notna().sum()))
    f.add("demographics.gender.female", int(g.get("female", 0)))
    f.add("demographics.gender.male", int(g.get("male", 0)))
    _describe(f, "demographics.age", entered["age"].dropna(), mean_dp=1)
    for field in ("ethnicity", "marital_status", "relationship_length_years", "qualification",
                  "employment", "sexual_orientation"):
        col = entered[field].dropna()
        counts = col.value_counts()
        f.add(f"demographics.{field}.n", len(col))
        for key in pub["demographics"][field]:
            if key not in ("n", "printed_pct"):
                f.add(f"demographics.{field}.{key}", int(counts.get(key, 0)))
    eth = entered["ethnicity"].dropna()
    for key in pub["demographics"]["ethnicity"]["printed_pct"]:
        k = int((eth == key).sum()) if key in ETHNIC_GROUPS else int(
            (eth.map(ETHNIC_GROUPS) == key).sum())
        f.add(f"demographics.ethnicity.printed_pct.{key}", _pct(k, len(eth)), "pct")

    # ---- measures (instrument definitions) --------------------------------------------------
    for name, inst in (("core10", CORE10), ("risk", RISK), ("csi4", CSI4), ("argument", ARGUMENTS),
                       ("service_satisfaction", SATISFACTION)):
        f.add(f"measures.{name}.items", len(inst.items))
        if name != "service_satisfaction":
            f.add(f"measures.{name}.higher_is", inst.higher_is, "held")
        lo = min(i.minimum for i in inst.items)
        hi = max(i.maximum for i in inst.items)
        if name in ("core10", "risk", "argument"):
            f.add(f"measures.{name}.item_range.0", lo)
            f.add(f"measures.{name}.item_range.1", hi)
        if name in ("core10", "csi4"):
            f.add(f"measures.{name}.total_range.0", inst.score_range[0])
            f.add(f"measures.{name}.total_range.1", inst.score_range[1])
    f.add("measures.core10.clinical_cutoff", CORE10.cutoff)
    f.add("measures.core10.reliable_change_points", CORE10_RELIABLE_CHANGE)
    f.add("measures.csi4.dissatisfaction_below", CSI4.cutoff)
    for code, label in SATISFACTION_LABELS.items():
        f.add(f"measures.service_satisfaction.responses.{code}", label, "held")

    # ---- intake (consented) ------------------------------------------------------------------
    intake = scores[scores["timepoint"] == "intake"]
    for key, col in (("core10", intake["core10"]), ("csi4", intake["csi4"])):
        c = col.astype(float)
        f.add(f"intake.{key}.n", int(c.count()))
        f.add(f"intake.{key}.mean", float(c.mean()), "round:2")
        f.add(f"intake.{key}.sd", float(c.std(ddof=1)), "round:2")
    c = intake["core10"].astype(float)
    f.add("intake.core10.above_cutoff_pct", _pct((c >= CORE10.cutoff).sum(), c.count()), "pct")
    s = intake["csi4"].astype(float)
    f.add("intake.csi4.below_13_5_pct", _pct((s < CSI4.cutoff).sum(), s.count()), "pct")

    # ---- Table 1 ------------------------------------------------------------------------------
    for i, row in enumerate(pub["table_1_paired"]):
        key = _MEASURE_KEY[row["measure"]]
        sub = paired[_GROUP_FILTER[row["group"]](paired)]
        if sub.empty:  # no consenting parent in the group: its figures cannot be reproduced
            continue
        res = paired_comparison(sub[f"{key}_pre"].astype(float), sub[f"{key}_post"].astype(float),
                                label=f"{row['measure']} {row['group']}")
        base = f"table_1_paired.{i}"
        f.add(f"{base}.measure", row["measure"] if key in INSTRUMENTS else None, "held")
        f.add(f"{base}.group", row["group"] if row["group"] in _GROUP_FILTER else None, "held")
        f.add(f"{base}.n", res.n)
        for name, mean, sd_ in (("pre", res.pre_mean, res.pre_sd), ("post", res.post_mean, res.post_sd),
                                ("diff", res.diff_mean, res.diff_sd)):
            f.add(f"{base}.{name}.0", mean, "round:2")
            f.add(f"{base}.{name}.1", sd_, "round:2")
        f.add(f"{base}.t", res.t, "round:2")
        f.add(f"{base}.df", res.df)
        f.add(f"{base}.p", res.p, "round:3")

    # ---- reliable change ----------------------------------------------------------------------
    f.add("reliable_change.distressed_at_intake", int(paired["distressed_at_intake"].sum()))
    f.add("reliable_change.reliable_and_clinically_significant", int(paired["reliable_change"].sum()))

    # ---- service satisfaction -----------------------------------------------------------------
    sat = a.satisfaction
    n_sat = len(sat)
    f.add("service_satisfaction.n", n_sat)
    if n_sat:
        _satisfaction_shares(f, sat, pub)

    # ---- interviews ------------------------------------------------------------------------------
    iv = a.interviews_detail()
    f.add("parent_interviews.parents", len(iv))
    f.add("parent_interviews.mothers", int((iv["role"] == "mother").sum()))
    f.add("parent_interviews.fathers", int((iv["role"] == "father").sum()))
    f.add("parent_interviews.families", int(iv["couple_id"].nunique()))
    f.add("parent_interviews.couples_both_parents", int((iv["couple_id"].value_counts() == 2).sum()))
    f.add("parent_interviews.interpreted_by_partner", int(iv["interpreted_by_partner"].sum()))
    for i, theme in enumerate(pub["parent_interviews"]["themes"]):
        col = THEME_COLUMN_OF.get(i)
        base = f"parent_interviews.themes.{i}"
        if col is not None:
            held = iv[col].eq("improved") if col == "living_arrangements" else iv[col].fillna(False)
            f.add(f"{base}.theme", theme["theme"] if bool(held.astype(bool).any()) else None, "held")
        if "count" in theme:
            f.add(f"{base}.count", int(iv[col].astype(bool).sum()))
    f.add("parent_interviews.themes.3.interviewed_over_four_sessions",
          int((iv["sessions_including_assessment"] > 4).sum()))
    f.add("parent_interviews.themes.4.did_not_improve", int((~iv["relationship_improved"]).sum()))
    f.add("parent_interviews.themes.7.specific_suggestions", int(iv["specific_suggestion"].sum()))
    f.add("parent_interviews.themes.7.minor_personal_wishes", int(iv["personal_wish"].sum()))

    # ---- therapists -------------------------------------------------------------------------------
    th = a.therapist_survey
    later = th[th["referrals_appropriate"].notna()]
    n_later = len(later)
    tq = "therapist_questionnaire"
    f.add(f"{tq}.respondents_first_two_questions", int(th["heard_via"].notna().sum()))
    f.add(f"{tq}.respondents_remaining_twelve", n_later)
    f.add(f"{tq}.heard_about_it.tavistock_relationships", int((th["heard_via"] == "tavistock_relationships").sum()))
    f.add(f"{tq}.heard_about_it.asian_family_counselling_service",
          int((th["heard_via"] == "asian_family_counselling_service").sum()))
    f.add(f"{tq}.preparation.four_day_training", int((th["preparation"] == "four_day_training").sum()))
    f.add(f"{tq}.preparation.previously_trained_mbt", int((th["preparation"] == "previous_mbt_training").sum()))
    f.add(f"{tq}.appropriate_referrals_most_of_time_pct",
          _pct((later["referrals_appropriate"] == "most_of_the_time").sum(), n_later), "pct")
    f.add(f"{tq}.couples_understood_intervention_pct", _pct(later["couples_understood"].sum(), n_later), "pct")
    f.add(f"{tq}.no_safety_concerns_pct", _pct((~later["safety_concerns"].astype(bool)).sum(), n_later), "pct")
    f.add(f"{tq}.valued_co_therapist", int(later["valued_co_therapist"].sum()))
    f.add(f"{tq}.supervision_excellent", int((later["supervision_rating"] == "excellent").sum()))
    f.add(f"{tq}.little_contact_with_childrens_services_pct",
          _pct((later["childrens_services_contact"] == "little_or_none").sum(), n_later), "pct")
    f.add(f"{tq}.review_meetings_with_social_workers", int(later["review_meeting_with_social_worker"].sum()))
    f.add(f"{tq}.saw_positive_change_in_couples", int(later["saw_positive_change_in_couples"].sum()))
    f.add(f"{tq}.conflict_reduced_or_more_manageable", int(later["conflict_reduced_or_manageable"].sum()))
    f.add(f"{tq}.positive_change_in_children", int(later["positive_change_in_children"].sum()))
    reasons = later["main_non_completion_reason"].value_counts()
    for key, code in (("referred_near_end", "referred_near_end"), ("covid_19", "covid_19"),
                      ("other_commitments", "other_commitments"),
                      ("ambivalent_about_fit", "ambivalent_about_fit")):
        f.add(f"{tq}.non_completion_reasons_pct.{key}", _pct(reasons.get(code, 0), n_later), "pct")

    # ---- referrers -----------------------------------------------------------------------------
    rf = a.referrer_survey
    n_rf = len(rf)
    rq = "referrer_questionnaire"
    f.add(f"{rq}.respondents", n_rf)
    f.add(f"{rq}.couple_changed_relating_to_each_other_pct",
          _pct((rf["couple_relating_changed"] == "yes").sum(), n_rf), "pct")
    f.add(f"{rq}.couple_changed_relating_to_children_pct",
          _pct((rf["children_relating_changed"] == "yes").sum(), n_rf), "pct")
    f.add(f"{rq}.no_incident_of_concern_pct", _pct((rf["incident_of_concern"] == "no").sum(), n_rf), "pct")
    f.add(f"{rq}.incident_of_concern", int((rf["incident_of_concern"] == "yes").sum()))
    f.add(f"{rq}.work_situation_changed", int(rf["work_situation_changed"].sum()))
    f.add(f"{rq}.social_work_plan_changed", int(rf["social_work_plan_changed"].sum()))
    f.add(f"{rq}.significant_life_events", int(rf["significant_life_event"].sum()))
    f.add(f"{rq}.therapy_helpful_pct", _pct((rf["therapy_helpful"] == "yes").sum(), n_rf), "pct")
    f.add(f"{rq}.could_not_comment_on_helpfulness", int((rf["therapy_helpful"] == "cannot_comment").sum()))

    # ---- exclusion criteria held as screening reasons -------------------------------------------
    reasons_seen = set(couples["screening_reason"].dropna())
    for i, text in enumerate(pub["exclusion_criteria"]):
        code = _SCREENING_REASON_OF.get(text)
        f.add(f"exclusion_criteria.{i}", text if code in reasons_seen else None, "held")
    return f




def reproduced_figures(folder: Path | None = None) -> pd.DataFrame:
    """One row per published figure: path, section, figure, printed, reproduced, rule, matches,
    note (``section`` and ``figure`` say where the report prints it, see
    :func:`helpers.reproduce.figure_labels`).

    ``reproduced`` is unrounded; ``matches`` applies ``rule`` to it. ``note`` names the entry of the
    contradictions file that concerns the figure, if any. Leaves that are numbers or booleans are
    always listed (a figure the data cannot give has ``reproduced`` = None); text leaves only where
    the data hold them.
    """
    pub = published(SLUG)
    computed = _compute(load_pup(folder).analysis(), pub).values
    return figure_table(SLUG, pub, computed)
