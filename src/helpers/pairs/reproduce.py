"""Every published figure of the PAIRS report recomputed from the record-level data.

:func:`reproduced_figures` returns one row per leaf of ``data/published/pairs.yaml`` that is a number
or a boolean, plus the dates and texts the data hold (data windows, window and group labels,
reasons, the appointment trend, the direction of the MORS-SF concern change). Every value comes from
:func:`helpers.pairs.data.load_pairs` (consented records only) through the derived frames chapters
use and :func:`helpers.stats.paired.paired_comparison`.

Rules (column ``rule``): ``exact``; ``round:<d>`` (half up to d decimals); ``pct:<d>`` (a percentage,
half up to d decimals; d = 0 where the report prints a whole percentage); ``below:<x>`` (a p value
printed as "< x"); ``date`` (ISO date), ``month`` (``YYYY-MM``), ``season`` (``YYYY-season``);
``held`` (a text the data hold, matched exactly). Figures the record-level data cannot give (an
external benchmark, a measure not supplied) have ``reproduced`` = None and are recorded in
``data/published/pairs.contradictions.yaml`` as ``not_held``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.pairs import SLUG
from helpers.pairs.data import (
    ETHNICITY_LABELS,
    NON_ACCEPTANCE_LABELS,
    OTHER_REFERRER_CATEGORIES,
    REFERRER_GROUPS,
    WINDOW_LABELS,
    PairsData,
    load_pairs,
    referrer_group,
)
from helpers.pairs.derived import (
    appointments_by_year,
    pip_outcomes_scored,
    programme_weeks,
    tt_goal_scores,
    tt_mors_concern,
    tt_paired,
    tt_scored,
)
from helpers.pairs.instruments import (
    GOAL_MAX,
    GOAL_MIN,
    MORS_INVASION_COMMUNITY_MEAN,
    MORS_INVASION_CONCERN_ABOVE,
    MORS_WARMTH_COMMUNITY_MEAN,
    MORS_WARMTH_CONCERN_BELOW,
    PAI,
    PAI_BANDS,
)
from helpers.published import published
from helpers.reproduce import (
    FigureCollector,
    figure_table,
    load_contradictions,
    matches,
    round_half_up,
)
from helpers.stats.paired import paired_comparison

__all__ = ["SLUG", "round_half_up", "contradictions", "reproduced_figures", "matches"]



def contradictions() -> tuple[dict[str, Any], ...]:
    """Entries of this evaluation's contradictions file (see that file's header for the fields)."""
    return load_contradictions(SLUG)


class _Figures(FigureCollector):
    """:class:`FigureCollector` with the shapes PAIRS prints (mean (SD), percentages, paired tests)."""

    def mean_sd(self, prefix: str, values: pd.Series) -> None:
        v = values.astype("float64")
        self.add(f"{prefix}.0", float(v.mean()), "round:2")
        self.add(f"{prefix}.1", float(v.std(ddof=1)), "round:2")

    def pct(self, path: str, count: float, denominator: float, printed: Any) -> None:
        decimals = _pct_decimals(path, printed)
        self.add(path, 100.0 * count / denominator, f"pct:{decimals}")

    def paired(self, prefix: str, pre: pd.Series, post: pd.Series, printed: dict) -> None:
        r = paired_comparison(pre.to_numpy(float), post.to_numpy(float), label=prefix)
        self.add(f"{prefix}.n", r.n)
        self.add(f"{prefix}.pre.0", r.pre_mean, "round:2")
        self.add(f"{prefix}.pre.1", r.pre_sd, "round:2")
        self.add(f"{prefix}.post.0", r.post_mean, "round:2")
        self.add(f"{prefix}.post.1", r.post_sd, "round:2")
        self.add(f"{prefix}.t", r.t, "round:2")
        self.add(f"{prefix}.df", r.df)
        bound = str(printed["p_printed"]).replace("<", "").strip()
        self.add(f"{prefix}.p_printed", r.p, f"below:{float(bound)}")


#: Percentages the report prints with a fixed number of decimals, by figure-path prefix.
_PCT_DECIMALS = {
    "pip_demographics.role_pct": 2, "pip_demographics.single_parent_pct": 2,
    "pip_demographics.referral_timing_pct": 2, "ethnicity": 1, "imd_decile": 1,
    "referrals.by_category": 1, "referrals.midwifery_pct": 1, "together_time.with_data_pct": 2,
    "pip_outcomes.loaf_caregiving_pct": 2, "tt_outcomes.loaf": 2,
}


def _pct_decimals(path: str, printed: Any) -> int:
    """Decimals of a printed percentage: the section's rule, 0 where a whole number is printed."""
    if isinstance(printed, (int, float)) and float(printed).is_integer():
        return 0
    for prefix, d in _PCT_DECIMALS.items():
        if path.startswith(prefix):
            return d
    return 0


def _season(date: dt.date) -> str:
    names = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
             6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}
    return f"{date.year}-{names[date.month]}"


def _compute(d: PairsData, pub: dict[str, Any]) -> _Figures:  # noqa: C901 - one figure per line
    f = _Figures()
    # ---- qualitative sample ------------------------------------------------------------------
    qs = d.qualitative_sample
    parents = qs[qs["group"] == "parent"]
    q = "qualitative_sample"
    f.add(f"{q}.parents", len(parents))
    f.add(f"{q}.parents_interview", int((parents["method"] != "focus_group").sum()))
    f.add(f"{q}.parents_focus_group", int((parents["method"] == "focus_group").sum()))
    f.add(f"{q}.parents_pip_only", int((parents["service"] == "pip").sum()))
    f.add(f"{q}.parents_tt_only", int((parents["service"] == "together_time").sum()))
    f.add(f"{q}.parents_both", int((parents["service"] == "both").sum()))
    f.add(f"{q}.parents_women", int((parents["gender"] == "woman").sum()))
    f.add(f"{q}.parents_men", int((parents["gender"] == "man").sum()))
    f.add(f"{q}.pairs_team", int((qs["group"] == "pairs_team").sum()))
    f.add(f"{q}.stakeholders", int((qs["group"] == "stakeholder").sum()))
    pint = parents.loc[parents["method"] != "focus_group", "session_minutes"]
    f.add(f"{q}.parent_interview_minutes.0", int(pint.min()))
    f.add(f"{q}.parent_interview_minutes.1", int(pint.max()))
    fg = parents.loc[parents["method"] == "focus_group"].drop_duplicates("session_id")
    f.add(f"{q}.focus_group_minutes", int(fg["session_minutes"].iloc[0]) if len(fg) == 1 else None)
    staff = qs.loc[qs["group"] != "parent", "session_minutes"]
    f.add(f"{q}.stakeholder_interview_minutes.0", int(staff.min()))
    f.add(f"{q}.stakeholder_interview_minutes.1", int(staff.max()))
    vouchers = parents["voucher_gbp"].dropna().unique()
    f.add(f"{q}.voucher_gbp", int(vouchers[0]) if len(vouchers) == 1 else None)

    # ---- PIP engagement ----------------------------------------------------------------------
    ap, cl = d.pip_appointments, d.pip_clients
    e = "pip_engagement"
    f.add(f"{e}.data_window.start", ap["appointment_date"].min().date(), "date")
    f.add(f"{e}.data_window.end", ap["appointment_date"].max().date(), "date")
    engaged = cl[cl["client_id"].isin(ap["client_id"])]
    f.add(f"{e}.adults_with_engagement_data", int(engaged["dyad_id"].nunique()))
    f.add(f"{e}.appointments", len(ap))
    f.add(f"{e}.clients", len(engaged))
    cases = engaged["case_status"].value_counts()
    for k in ("active", "closed", "unknown"):
        f.add(f"{e}.cases.{k}", int(cases.get(k, 0)))
    by_year = appointments_by_year(d)
    for fy in pub[e]["appointments_by_financial_year"]:
        f.add(f"{e}.appointments_by_financial_year.{fy}", int(by_year.get(fy, 0)))
    f.add(f"{e}.appointments_trend", pub[e]["appointments_trend"] if _trend_holds(by_year)
          else None, "held")
    att = ap["attendance"].value_counts()
    for k in ("attended", "cancelled", "not_attended", "still_to_attend"):
        f.pct(f"{e}.attendance_pct.{k}", att.get(k, 0), len(ap), pub[e]["attendance_pct"][k])
    mod = ap["modality"].value_counts()
    for k in ("face_to_face", "video", "telephone", "email_or_text"):
        f.pct(f"{e}.modality_pct.{k}", mod.get(k, 0), len(ap), pub[e]["modality_pct"][k])

    # ---- PIP outcome-data clients (the outcome system's own records) --------------------------
    o = "pip_outcome_data_clients"
    extract = cl[cl["role_in_outcome_record"].notna()]
    f.add(f"{o}.total", len(extract))
    roles = extract["role_in_outcome_record"].value_counts()
    f.add(f"{o}.mothers", int(roles.get("mother", 0)))
    f.add(f"{o}.fathers", int(roles.get("father", 0)))
    f.add(f"{o}.unknown", int(roles.get("unknown", 0)))
    sex = extract["child_sex"].fillna("unknown").value_counts()
    for k in ("female", "male", "unknown"):
        f.add(f"{o}.children.{k}", int(sex.get(k, 0)))
    scored = pip_outcomes_scored(d)
    f.add(f"{o}.data_window.start", scored["appointment_date"].min().strftime("%Y-%m"), "month")
    f.add(f"{o}.data_window.end", scored["appointment_date"].max().strftime("%Y-%m"), "month")

    # ---- PIP demographics (table 3) -----------------------------------------------------------
    g = "pip_demographics"
    n = len(cl)
    f.add(f"{g}.n", n)
    rc = cl["role"].value_counts()
    for k in ("mother", "father", "foster_carer", "other_primary_carer"):
        f.add(f"{g}.role.{k}", int(rc.get(k, 0)))
        f.pct(f"{g}.role_pct.{k}", rc.get(k, 0), n, pub[g]["role_pct"][k])
    sp = cl["single_parent"].fillna("missing").value_counts()
    for key, code in ((True, "yes"), (False, "no"), ("unknown", "unknown"), ("missing", "missing")):
        f.add(f"{g}.single_parent.{key}", int(sp.get(code, 0)))
        f.pct(f"{g}.single_parent_pct.{key}", sp.get(code, 0), n, pub[g]["single_parent_pct"][key])
    ref = d.referrals
    accepted = ref[ref["accepted"].eq(True)]
    timing = cl["referral_id"].map(ref.set_index("referral_id")["pregnancy_status"])
    tc = timing.fillna("missing").value_counts()
    f.add(f"{g}.referral_timing.n", len(accepted))
    for k in ("antenatal", "postnatal", "missing"):
        f.add(f"{g}.referral_timing.{k}", int(tc.get(k, 0)))
        f.pct(f"{g}.referral_timing_pct.{k}", tc.get(k, 0), len(accepted),
              pub[g]["referral_timing_pct"][k])
    f.pct(f"{g}.english_home_language_pct", (cl["home_language"] == "English").sum(), n,
          pub[g]["english_home_language_pct"])
    f.add(f"{g}.age.min", int(cl["age_at_referral"].min()))
    f.add(f"{g}.age.max", int(cl["age_at_referral"].max()))
    f.add(f"{g}.age.mean", float(cl["age_at_referral"].astype(float).mean()), "round:0")

    # ---- ethnicity (table 1) -------------------------------------------------------------------
    tp = d.tt_participants
    for svc, frame in (("pip", cl), ("tt", tp)):
        groups = frame["ethnicity_group"].replace({"not_stated": "unknown"}).fillna("unknown")
        counts = groups.value_counts()
        f.add(f"ethnicity.{svc}.n", len(frame))
        for k in ("asian", "black", "mixed", "white", "other", "unknown"):
            f.add(f"ethnicity.{svc}.{k}", int(counts.get(k, 0)))
        for k, printed in pub["ethnicity"][f"{svc}_pct"].items():
            f.pct(f"ethnicity.{svc}_pct.{k}", counts.get(k, 0), len(frame), printed)
    for k in pub["ethnicity"]["labels"]:
        f.add(f"ethnicity.labels.{k}", ETHNICITY_LABELS.get(k), "held")

    # ---- IMD deciles (table 2): postcode records, not people -----------------------------------
    imd = d.imd_records
    for svc, code in (("pip", "parent_infant_psychotherapy"), ("tt", "together_time")):
        part = imd[imd["service"] == code]
        dec = part["imd_decile"]
        f.add(f"imd_decile.{svc}.n", len(part))
        for k in pub["imd_decile"][svc]:
            if k == "n":
                continue
            count = int(dec.isna().sum()) if k == "missing" else int((dec == int(k[1:])).sum())
            f.add(f"imd_decile.{svc}.{k}", count)
        for k, printed in pub["imd_decile"][f"{svc}_pct"].items():
            count = int(dec.isna().sum()) if k == "missing" else int((dec == int(k[1:])).sum())
            f.pct(f"imd_decile.{svc}_pct.{k}", count, len(part), printed)

    # ---- referrals (appendix 4) ------------------------------------------------------------------
    r = "referrals"
    f.add(f"{r}.dyads_referred", len(ref))
    f.add(f"{r}.referrer_categories", int(ref["referrer_category"].nunique()))
    f.pct(f"{r}.accepted_pct", len(accepted), len(ref), pub[r]["accepted_pct"])
    f.pct(f"{r}.accepted_antenatal_pct", (accepted["pregnancy_status"] == "antenatal").sum(),
          len(accepted), pub[r]["accepted_antenatal_pct"])
    reasons = set(ref["reason_not_accepted"].dropna())
    for i, text in enumerate(pub[r]["non_acceptance_reasons"]):
        held = [NON_ACCEPTANCE_LABELS[c] for c in sorted(reasons)]
        f.add(f"{r}.non_acceptance_reasons.{i}", text if text in held else None, "held")
    midwifery = ref["referrer_category"].isin(["LEAP midwifery continuity of carer team",
                                               "Midwife or midwifery service"]).sum()
    f.pct(f"{r}.midwifery_pct", midwifery, len(ref), pub[r]["midwifery_pct"])
    groups = referrer_group(ref["referrer_category"]).value_counts()
    for i, (entry, group) in enumerate(zip(pub[r]["by_category"], (*REFERRER_GROUPS, "Other"))):
        f.add(f"{r}.by_category.{i}.n", int(groups.get(group, 0)))
        f.pct(f"{r}.by_category.{i}.pct", groups.get(group, 0), len(ref), entry["pct"])
    detail = ref["referrer_category"].value_counts()
    lookup = {c.lower(): c for c in OTHER_REFERRER_CATEGORIES}
    lookup.update({"other": "Other (not specified)"})
    for name in pub[r]["other_breakdown"]:
        f.add(f"{r}.other_breakdown.{name}", int(detail.get(lookup.get(name.lower(), name), 0)))
    f.add(f"{r}.tt_and_cosp_referred_to_pip_2015_2024",
          int(ref["referrer_detail"].isin(["Together Time", "Circle of Security Parenting"]).sum()))

    # ---- Together Time ----------------------------------------------------------------------------
    t = "together_time"
    su = d.tt_service_users
    f.add(f"{t}.service_users", len(su))
    ut = su["user_type"].value_counts()
    f.add(f"{t}.infants", int(ut.get("infant", 0)))
    f.add(f"{t}.mothers", int(ut.get("mother", 0)))
    f.add(f"{t}.fathers", int(ut.get("father", 0)))
    f.add(f"{t}.window.start", su["first_session_date"].min().strftime("%Y-%m"), "month")
    f.add(f"{t}.window.end", su["first_session_date"].max().strftime("%Y-%m"), "month")
    with_data_ids = set(d.tt_questionnaires["participant_id"]) | set(d.tt_goals["participant_id"])
    wd = tp[tp["participant_id"].isin(with_data_ids)]
    f.add(f"{t}.participants_with_data", len(wd))
    f.add(f"{t}.data_window.start", wd["start_date"].min().date(), "date")
    f.add(f"{t}.data_window.end", wd["end_date"].max().date(), "date")
    n_pres = int(wd["presentation"].nunique())
    f.add(f"{t}.presentations", n_pres)
    f.add(f"{t}.participants_per_programme_printed", len(wd) / n_pres, "round:2")
    wr = wd["role"].value_counts()
    f.add(f"{t}.with_data_mothers", int(wr.get("mother", 0)))
    f.add(f"{t}.with_data_fathers", int(wr.get("father", 0)))
    f.pct(f"{t}.with_data_pct.mothers", wr.get("mother", 0), len(wd), pub[t]["with_data_pct"]["mothers"])
    f.pct(f"{t}.with_data_pct.fathers", wr.get("father", 0), len(wd), pub[t]["with_data_pct"]["fathers"])
    f.add(f"{t}.age.min", int(wd["age"].min()))
    f.add(f"{t}.age.max", int(wd["age"].max()))
    f.add(f"{t}.age.mean", float(wd["age"].astype(float).mean()), "round:2")
    f.add(f"{t}.weeks", programme_weeks(wd))

    # ---- COSP ------------------------------------------------------------------------------------------
    cs = d.cosp_attendees
    f.add("cosp.window.start", _season(cs["group_start_date"].min().date()), "season")
    f.add("cosp.window.end", _season(cs["group_start_date"].max().date()), "season")
    f.add("cosp.adults", len(cs))
    cr = cs["role"].fillna("unknown").value_counts()
    for key, code in (("mothers", "mother"), ("fathers", "father"), ("other", "other"),
                      ("unknown", "unknown")):
        f.add(f"cosp.{key}", int(cr.get(code, 0)))
    f.add("cosp.completed", int(cs["completed"].sum()))

    # ---- PIP outcomes ------------------------------------------------------------------------------
    po = "pip_outcomes"
    pai = scored["pai"].dropna()
    f.add(f"{po}.pai.n", len(pai))
    f.add(f"{po}.pai.mean", float(pai.mean()), "round:2")
    f.add(f"{po}.pai.sd", float(pai.std(ddof=1)), "round:2")
    f.add(f"{po}.pai.range.0", PAI.score_range[0])
    f.add(f"{po}.pai.range.1", PAI.score_range[1])
    for band, (lo, hi) in PAI_BANDS.items():
        f.add(f"{po}.pai.bands.{band}.0", lo)
        f.add(f"{po}.pai.bands.{band}.1", hi)
    mors = scored.dropna(subset=["warmth", "invasion"])
    for i, (code, label) in enumerate(WINDOW_LABELS.items()):
        part = mors[mors["window"] == code]
        f.add(f"{po}.mors_by_appointment_window.{i}.window", label, "held")
        f.add(f"{po}.mors_by_appointment_window.{i}.n", len(part))
        f.mean_sd(f"{po}.mors_by_appointment_window.{i}.warmth", part["warmth"])
        f.mean_sd(f"{po}.mors_by_appointment_window.{i}.invasion", part["invasion"])
    ref_vals = {"warmth_community_mean": MORS_WARMTH_COMMUNITY_MEAN,
                "warmth_concern_below": MORS_WARMTH_CONCERN_BELOW,
                "invasion_community_mean": MORS_INVASION_COMMUNITY_MEAN,
                "invasion_concern_above": MORS_INVASION_CONCERN_ABOVE}
    for k, v in ref_vals.items():
        f.add(f"{po}.mors_reference.{k}", v)
    loaf = scored.dropna(subset=["loaf_level"])
    lc = loaf["loaf_level"].value_counts()
    f.add(f"{po}.loaf_caregiving_all_timepoints.n", len(loaf))
    for lvl in (1, 2, 3, 4):
        f.add(f"{po}.loaf_caregiving_all_timepoints.level_{lvl}", int(lc.get(lvl, 0)))
        f.pct(f"{po}.loaf_caregiving_pct.level_{lvl}", lc.get(lvl, 0), len(loaf),
              pub[po]["loaf_caregiving_pct"][f"level_{lvl}"])
    f.add(f"{po}.loaf_initial_n", int((loaf["window"] == "initial").sum()))
    f.add(f"{po}.loaf_closing_n", int((loaf["window"] == "closing").sum()))
    f.add(f"{po}.asq_se2_n_approx", None)

    # ---- Together Time outcomes ----------------------------------------------------------------------
    to = "tt_outcomes"
    ts = tt_scored(d)
    for tp_name, key in (("start", "entry"), ("end", "end")):
        part = ts[(ts["timepoint"] == tp_name) & ts["mors_complete"]]
        f.add(f"{to}.mors_all.{key}.n", len(part))
        f.mean_sd(f"{to}.mors_all.{key}.warmth", part["warmth"])
        f.mean_sd(f"{to}.mors_all.{key}.invasion", part["invasion"])
        prfq = ts.loc[ts["timepoint"] == tp_name, "prfq_total"].dropna()
        f.add(f"{to}.prfq_all.{key}.n", len(prfq))
        f.add(f"{to}.prfq_all.{key}.mean", float(prfq.mean()), "round:2")
        f.add(f"{to}.prfq_all.{key}.sd", float(prfq.std(ddof=1)), "round:2")
    for i, entry in enumerate(pub[to]["mors_paired"]):
        pair = tt_paired(d, entry["subscale"])
        f.add(f"{to}.mors_paired.{i}.subscale", entry["subscale"] if len(pair) else None, "held")
        f.paired(f"{to}.mors_paired.{i}", pair["pre"], pair["post"], entry)
    concern = tt_mors_concern(d)
    before, after = int(concern["concern_pre"].sum()), int(concern["concern_post"].sum())
    f.add(f"{to}.mors_concern_levels", pub[to]["mors_concern_levels"] if after < before else None,
          "held")
    pr = tt_paired(d, "prfq_total")
    f.paired(f"{to}.prfq_paired", pr["pre"], pr["post"], pub[to]["prfq_paired"])
    goals = tt_goal_scores(d)
    f.add(f"{to}.goals_all.first_session_n", int(goals["start"].notna().sum()))
    f.add(f"{to}.goals_all.end_n", int(goals["end"].notna().sum()))
    gp = goals.dropna(subset=["start_matched", "end"])  # both means over the same goals
    f.paired(f"{to}.goals_paired", gp["start_matched"], gp["end"], pub[to]["goals_paired"])
    f.add(f"{to}.goals_paired.range.0", GOAL_MIN)
    f.add(f"{to}.goals_paired.range.1", GOAL_MAX)
    lv = ts.dropna(subset=["loaf_level"])
    start_l = lv.loc[lv["timepoint"] == "start", "loaf_level"]
    end_l = lv.loc[lv["timepoint"] == "end", "loaf_level"]
    f.add(f"{to}.loaf.children", len(start_l))
    f.pct(f"{to}.loaf.level_1_pct_before", (start_l == 1).sum(), len(start_l),
          pub[to]["loaf"]["level_1_pct_before"])
    f.pct(f"{to}.loaf.level_1_pct_after", (end_l == 1).sum(), len(end_l),
          pub[to]["loaf"]["level_1_pct_after"])
    f.add(f"{to}.loaf.change_in_level_3_or_4_after", int((end_l >= 3).sum() - (start_l >= 3).sum()))

    f.add("pip_engagement.national_camhs_dna_pct_range.0", None)
    f.add("pip_engagement.national_camhs_dna_pct_range.1", None)
    return f


def _trend_holds(by_year: pd.Series) -> bool:
    """Rising each year except a dip across 2019/20-2020/21, with recovery from 2021/22."""
    y = by_year.to_dict()
    years = sorted(y)
    try:
        i19 = years.index("2019/20")
    except ValueError:
        return False
    before = all(y[a] < y[b] for a, b in zip(years[:i19], years[1:i19 + 1]) if b != "2019/20")
    dip = y["2019/20"] < y["2018/19"] and y.get("2020/21", 0) < y["2018/19"]
    after = all(y[a] < y[b] for a, b in zip(years[i19 + 2:], years[i19 + 3:]))
    recovery = y.get("2021/22", 0) > y["2018/19"]
    return before and dip and after and recovery




def reproduced_figures(folder: Path | None = None) -> pd.DataFrame:
    """One row per published figure: path, section, figure, printed, reproduced, rule, matches,
    note (``section`` and ``figure`` say where the report prints it, see
    :func:`helpers.reproduce.figure_labels`).

    ``reproduced`` is unrounded; ``matches`` applies ``rule``; ``note`` is the id of the entry of
    ``pairs.contradictions.yaml`` that concerns the figure, if any. Every number or boolean leaf of
    the YAML is listed (``reproduced`` None where the data cannot give it); text and date leaves only
    where the data hold them.
    """
    pub = published(SLUG)
    computed = _compute(load_pairs(folder), pub).values
    return figure_table(SLUG, pub, computed)
