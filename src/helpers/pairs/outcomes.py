"""Outcomes of PAIRS (Lambeth): parent-infant psychotherapy (PIP) and Together Time (TT).

Helper logic for the chapter "Did parent–infant relationships change?". Everything starts from
:func:`helpers.pairs.data.load_pairs` (consented records only) and the derived frames of
:mod:`helpers.pairs.data`; scoring rules are those of :mod:`helpers.pairs.instruments`.

Conventions
-----------
* Scores are in instrument points: MORS-SF subscales 0-35 (sum of 7 items), PRFQ total 18-126 (sum),
  PRFQ subscales 1-7 (item mean), PAI 21-84, goal score 0-10 (mean of a parent's goal ratings),
  LOAF caregiving level 1-4 (higher = more impaired).
* Paired differences are **pre − post** (:mod:`helpers.stats.paired`). ``improvement_dz`` turns d_z
  into "positive = improvement" using the instrument's direction (``higher_is``).
* PIP outcome windows (initial, 10th-15th, 20th-65th, closing) hold *different* clients: a window's
  mean is a cross-section, not a within-person change.
* "At a concern level" on MORS-SF = warmth below 20 or invasion above 12
  (:func:`helpers.pairs.instruments.mors_concern`, Oates & Gervai 2019 as quoted by the report).
* Holm's method (Holm 1979) is applied within a stated family of tests (:data:`TT_FAMILIES`).

Proposed move: :func:`pip_mors_by_window`, :func:`pip_window_overlap` and :func:`tt_loaf_levels`
are generic accessors and could live in :mod:`helpers.pairs.data`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from great_tables import GT
from matplotlib.figure import Figure
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar

from helpers.figures import OKABE_ITO
from helpers.formatting import apa_p, number
from helpers.pairs.data import (
    WINDOW_LABELS,
    PairsData,
    tt_goal_scores,
    tt_paired,
    tt_scored,
)
from helpers.pairs.instruments import (
    GOAL_MAX,
    GOAL_MIN,
    LOAF_LEVELS,
    MORS_INVASION,
    MORS_INVASION_COMMUNITY_MEAN,
    MORS_INVASION_CONCERN_ABOVE,
    MORS_WARMTH,
    MORS_WARMTH_COMMUNITY_MEAN,
    MORS_WARMTH_CONCERN_BELOW,
    PAI,
    PAI_BANDS,
    PRFQ_CMS,
    PRFQ_IC,
    PRFQ_PM,
    PRFQ_TOTAL,
    mors_concern,
)
from helpers.scoring import Instrument
from helpers.stats.multiplicity import adjust_pvalues
from helpers.stats.paired import PairedResult, paired_comparison

__all__ = [
    "loaf_at_or_worse",
    "WINDOWS",
    "TT_MEASURES",
    "TT_FAMILIES",
    "measures_frame",
    "measures_gt",
    "pip_mors_by_window",
    "pip_mors_gt",
    "pip_window_overlap",
    "pip_mors_figure",
    "PaiSummary",
    "pai_summary",
    "loaf_counts",
    "pip_loaf_by_window",
    "tt_paired_outcomes",
    "improvement_dz",
    "tt_effects_figure",
    "ConcernChange",
    "tt_concern_change",
    "concern_transition_table",
    "tt_loaf_levels",
    "LoafChange",
    "tt_loaf_change",
    "prfq_total_decomposition",
    "tt_attrition",
    "figure_label",
    "chapter_figures",
    "printed_p_sentence",
    "evidence_words",
    "relation_word",
    "subscale_verdict",
    "figures_agreeing",
]

#: PIP outcome windows in display order (codes of :func:`helpers.pairs.data.outcome_window`).
WINDOWS: tuple[str, ...] = ("initial", "10th-15th", "20th-65th", "closing")

#: Together Time paired measures: (row label, score column, instrument or None for goals, family).
TT_MEASURES: tuple[tuple[str, str, Instrument | None, str], ...] = (
    ("MORS-SF warmth", "warmth", MORS_WARMTH, "report"),
    ("MORS-SF invasion", "invasion", MORS_INVASION, "report"),
    ("PRFQ total (report's score)", "prfq_total", PRFQ_TOTAL, "report"),
    ("Goal score (0-10)", "goals", None, "report"),
    ("PRFQ pre-mentalizing", "prfq_pm", PRFQ_PM, "subscales"),
    ("PRFQ certainty about mental states", "prfq_cms", PRFQ_CMS, "subscales"),
    ("PRFQ interest and curiosity", "prfq_ic", PRFQ_IC, "subscales"),
)

#: Families for Holm's adjustment: the four tests the report ran, and the authors' three PRFQ
#: subscales (a second look at the same questionnaire, adjusted among themselves).
TT_FAMILIES: dict[str, str] = {
    "report": "the four tests the report ran (warmth, invasion, PRFQ total, goals)",
    "subscales": "the three PRFQ subscales as its authors score them",
}


# --------------------------------------------------------------------------------------------
# The measures
# --------------------------------------------------------------------------------------------

def _range_text(lo: float, hi: float) -> str:
    decimals = 0 if float(lo).is_integer() and float(hi).is_integer() else 1
    return f"{number(lo, decimals)}–{number(hi, decimals)}"


def measures_frame() -> pd.DataFrame:
    """One row per outcome measure, built from :mod:`helpers.pairs.instruments`.

    Columns: ``measure``, ``service`` (where it was used), ``items`` (number, or a description),
    ``range`` (possible scores), ``direction`` (what a higher score means), ``reference_values``
    (the values the chapter reads scores against) and ``source``.
    """
    rows = []

    def add(inst: Instrument, service: str, reference: str) -> None:
        lo, hi = inst.score_range
        how = "sum" if inst.combine == "sum" else "item mean"
        rows.append({
            "measure": inst.name, "service": service,
            "items": f"{len(inst.items)} ({how})",
            "range": _range_text(lo, hi),
            "direction": f"higher is {inst.higher_is}",
            "reference_values": reference, "source": inst.reference,
        })

    add(MORS_WARMTH, "PIP, TT",
        f"community mean about {MORS_WARMTH_COMMUNITY_MEAN}; concern below "
        f"{MORS_WARMTH_CONCERN_BELOW}")
    add(MORS_INVASION, "PIP, TT",
        f"community mean about {MORS_INVASION_COMMUNITY_MEAN}; concern above "
        f"{MORS_INVASION_CONCERN_ABOVE}")
    add(PRFQ_TOTAL, "TT", PRFQ_TOTAL.cutoff_rule)
    for inst in (PRFQ_PM, PRFQ_CMS, PRFQ_IC):
        add(inst, "TT", inst.cutoff_rule)
    bands = "; ".join(f"{lo}–{hi} {band}" for band, (lo, hi) in PAI_BANDS.items())
    add(PAI, "PIP (pregnancy)", f"no norms; bands {bands}")
    rows.append({
        "measure": "Goal score", "service": "TT", "items": "1 or more goals (mean rating)",
        "range": _range_text(GOAL_MIN, GOAL_MAX), "direction": "higher is better",
        "reference_values": "none; rated against the parent's own goal",
        "source": "Goal-based outcomes (Law & Jacob 2015)",
    })
    levels = "; ".join(f"{k} {v}" for k, v in LOAF_LEVELS.items())
    rows.append({
        "measure": "DC:0-5 LOAF caregiving", "service": "PIP, TT",
        "items": "1 clinician rating", "range": _range_text(min(LOAF_LEVELS), max(LOAF_LEVELS)),
        "direction": "higher is worse", "reference_values": levels,
        "source": "ZERO TO THREE (2016), DC:0-5",
    })
    return pd.DataFrame(rows)


def measures_gt(frame: pd.DataFrame) -> GT:
    """:func:`measures_frame` as a table (no caption: the chapter's cell supplies it)."""
    return (
        GT(frame)
        .cols_label(cases={"measure": "Measure", "service": "Used in", "items": "Items",
                           "range": "Range", "direction": "Direction",
                           "reference_values": "Reference values", "source": "Source"})
        .cols_width(cases={"reference_values": "26%", "source": "22%"})
        .tab_source_note("PIP = parent-infant psychotherapy; TT = Together Time. MORS-SF "
                         "subscales are prorated when one item is missing (this book's rule).")
    )


# --------------------------------------------------------------------------------------------
# Parent-infant psychotherapy
# --------------------------------------------------------------------------------------------

def _mean_ci(values: pd.Series, confidence: float = 0.95) -> tuple[float, float, float, float]:
    """Mean, SD (ddof 1) and the t-based interval of the mean; NaN where n < 2."""
    v = values.dropna().astype("float64")
    n = len(v)
    if n < 2:
        mean = float(v.mean()) if n else math.nan
        return mean, math.nan, math.nan, math.nan
    mean, sd = float(v.mean()), float(v.std(ddof=1))
    half = float(stats.t.ppf(0.5 + confidence / 2, n - 1)) * sd / math.sqrt(n)
    return mean, sd, mean - half, mean + half


def pip_mors_by_window(scored: pd.DataFrame) -> pd.DataFrame:
    """MORS-SF warmth and invasion per PIP outcome window.

    Parameters
    ----------
    scored : DataFrame
        :func:`helpers.pairs.data.pip_outcomes_scored` (columns ``window``, ``client_id``,
        ``warmth``, ``invasion``). Only records with both subscales count (the report's n).

    Returns
    -------
    DataFrame indexed by window code in :data:`WINDOWS` order, columns ``label``, ``n``,
    ``clients``, ``warmth_mean``, ``warmth_sd``, ``warmth_ci_low``, ``warmth_ci_high`` (and the
    same for ``invasion``), ``concern`` (records at a MORS-SF concern level) and
    ``warmth_below`` / ``invasion_above`` (records beyond each threshold).
    """
    both = scored.dropna(subset=["warmth", "invasion"])
    rows = []
    for code in WINDOWS:
        part = both[both["window"] == code]
        row: dict[str, object] = {"window": code, "label": WINDOW_LABELS[code], "n": len(part),
                                  "clients": int(part["client_id"].nunique())}
        for col in ("warmth", "invasion"):
            m, s, lo, hi = _mean_ci(part[col])
            row.update({f"{col}_mean": m, f"{col}_sd": s, f"{col}_ci_low": lo,
                        f"{col}_ci_high": hi})
        row["concern"] = int(mors_concern(part["warmth"], part["invasion"]).sum())
        row["warmth_below"] = int((part["warmth"] < MORS_WARMTH_CONCERN_BELOW).sum())
        row["invasion_above"] = int((part["invasion"] > MORS_INVASION_CONCERN_ABOVE).sum())
        rows.append(row)
    return pd.DataFrame(rows).set_index("window")


def pip_mors_gt(by_window: pd.DataFrame) -> GT:
    """:func:`pip_mors_by_window` as a table: n, mean (SD) and 95% CI of each subscale, and the
    records at a concern level as "k of n (p%)"."""
    from helpers.formatting import ci, mean_sd, pct

    rows = []
    for code, r in by_window.iterrows():
        row = {"window": r["label"], "n": int(r["n"])}
        for col in ("warmth", "invasion"):
            ok = not math.isnan(r[f"{col}_sd"])
            row[f"{col}_msd"] = mean_sd(r[f"{col}_mean"], r[f"{col}_sd"]) if ok else "–"
            row[f"{col}_ci"] = (ci(r[f"{col}_ci_low"], r[f"{col}_ci_high"])
                                .removeprefix("95% CI ") if ok else "–")
        row["concern"] = pct(int(r["concern"]), int(r["n"])) if r["n"] else "–"
        rows.append(row)
    once = ("One record per client in each window; the windows hold largely different clients."
            if (by_window["clients"] == by_window["n"]).all() else
            "Some clients have more than one record in a window; n counts records.")
    return (
        GT(pd.DataFrame(rows))
        .cols_label(cases={"window": "Window", "n": "n", "warmth_msd": "Mean (SD)",
                           "warmth_ci": "95% CI", "invasion_msd": "Mean (SD)",
                           "invasion_ci": "95% CI", "concern": "At a concern level"})
        .tab_spanner(label="Warmth", columns=["warmth_msd", "warmth_ci"])
        .tab_spanner(label="Invasion", columns=["invasion_msd", "invasion_ci"])
        .cols_align(align="right", columns=["n", "warmth_msd", "warmth_ci", "invasion_msd",
                                            "invasion_ci", "concern"])
        .tab_source_note(f"{once} Reference values: warmth community "
                         f"mean about {MORS_WARMTH_COMMUNITY_MEAN}, concern below "
                         f"{MORS_WARMTH_CONCERN_BELOW}; invasion community mean about "
                         f"{MORS_INVASION_COMMUNITY_MEAN}, concern above "
                         f"{MORS_INVASION_CONCERN_ABOVE}. Concern level: either threshold crossed.")
    )


def pip_window_overlap(scored: pd.DataFrame) -> dict[str, int]:
    """How far the PIP windows share clients (why they are not paired comparisons).

    Returns a dict: ``clients`` (with MORS-SF in any of the four windows), ``one_window`` (clients
    in exactly one window), ``initial_and_closing`` (clients with both an initial and a closing
    record), ``initial_and_later`` (initial plus any later window).
    """
    both = scored.dropna(subset=["warmth", "invasion"])
    both = both[both["window"].isin(WINDOWS)]
    per_client = both.groupby("client_id")["window"].agg(set)
    later = set(WINDOWS[1:])
    return {
        "clients": int(len(per_client)),
        "one_window": int((per_client.map(len) == 1).sum()),
        "initial_and_closing": int(per_client.map(lambda s: {"initial", "closing"} <= s).sum()),
        "initial_and_later": int(per_client.map(lambda s: "initial" in s and bool(s & later)).sum()),
    }


def pip_mors_figure(scored: pd.DataFrame, by_window: pd.DataFrame, *, seed: int = 1) -> Figure:
    """Two panels (warmth, invasion): every record as a grey dot, the window mean with its 95% CI,
    the community mean (dashed) and the concern threshold (dotted), labelled in words.

    The horizontal jitter of the dots is random with a fixed ``seed`` (display only).
    """
    both = scored.dropna(subset=["warmth", "invasion"])
    rng = np.random.default_rng(seed)
    fig = Figure(figsize=(8.2, 4.4), layout="constrained")
    axes = fig.subplots(1, 2, sharey=False)
    specs = (
        ("warmth", "Warmth (0–35, higher = warmer)", MORS_WARMTH_COMMUNITY_MEAN,
         MORS_WARMTH_CONCERN_BELOW, "concern below"),
        ("invasion", "Invasion (0–35, higher = more intrusive)", MORS_INVASION_COMMUNITY_MEAN,
         MORS_INVASION_CONCERN_ABOVE, "concern above"),
    )
    ticks = [f"{code}\nn = {by_window.at[code, 'n']}" for code in WINDOWS]
    for ax, (col, title, community, threshold, words) in zip(axes, specs, strict=True):
        for i, code in enumerate(WINDOWS):
            y = both.loc[both["window"] == code, col].to_numpy(float)
            ax.scatter(i + rng.uniform(-0.18, 0.18, len(y)), y, s=10, color=OKABE_ITO["grey"],
                       alpha=0.6, linewidths=0, zorder=1)
        m = by_window[f"{col}_mean"].to_numpy(float)
        lo = m - by_window[f"{col}_ci_low"].to_numpy(float)
        hi = by_window[f"{col}_ci_high"].to_numpy(float) - m
        ax.errorbar(np.arange(len(WINDOWS)), m, yerr=[lo, hi], fmt="D", color="black",
                    markersize=6, capsize=4, zorder=3, label="mean, 95% CI")
        ax.axhline(community, color=OKABE_ITO["blue"], linestyle="--", linewidth=1.2, zorder=2)
        ax.axhline(threshold, color=OKABE_ITO["vermillion"], linestyle=":", linewidth=1.5,
                   zorder=2)
        box = {"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1}
        community_above = col == "warmth"  # keep the two labels apart on the invasion panel
        ax.text(len(WINDOWS) - 0.52, community + (0.4 if community_above else -0.4),
                f"community mean {community} (dashed)", fontsize=8,
                va="bottom" if community_above else "top", ha="right",
                color=OKABE_ITO["blue"], bbox=box, zorder=4)
        ax.text(len(WINDOWS) - 0.52, threshold + (-0.4 if col == "warmth" else 0.4),
                f"{words} {threshold} (dotted)", fontsize=8,
                va="top" if col == "warmth" else "bottom", ha="right",
                color=OKABE_ITO["vermillion"], bbox=box, zorder=4)
        ax.set_xticks(range(len(WINDOWS)), ticks, fontsize=8)
        ax.set_xlim(-0.5, len(WINDOWS) - 0.5)
        ax.set_ylim(-0.8, 35.8)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("Appointment window (different clients in each)", fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
    axes[0].set_ylabel("MORS-SF score")
    axes[0].legend(loc="lower left", fontsize=8, frameon=False)
    return fig


@dataclass(frozen=True)
class PaiSummary:
    """PAI totals of the records that have one (one per client, taken in pregnancy).

    ``bands`` is a :func:`helpers.counts.count_table` of the Karaca et al. (2022) bands.
    """

    n: int
    mean: float
    sd: float
    minimum: float
    maximum: float
    bands: pd.DataFrame


def pai_summary(scored: pd.DataFrame) -> PaiSummary:
    """Summary of the PAI totals in :func:`helpers.pairs.data.pip_outcomes_scored`.

    Raises ``ValueError`` if a client has more than one PAI total (the chapter assumes one each).
    """
    from helpers.counts import count_table

    pai = scored.dropna(subset=["pai"])
    repeated = pai["client_id"].duplicated()
    if repeated.any():
        raise ValueError(f"PAI: client {pai.loc[repeated, 'client_id'].iloc[0]} has more than "
                         "one total; decide which one counts before summarising")
    labels = {band: f"{band} ({lo}–{hi})" for band, (lo, hi) in PAI_BANDS.items()}
    bands = count_table(pai["pai_band"].astype(object), order=list(PAI_BANDS), labels=labels)
    v = pai["pai"].astype("float64")
    return PaiSummary(n=len(v), mean=float(v.mean()), sd=float(v.std(ddof=1)),
                      minimum=float(v.min()), maximum=float(v.max()), bands=bands)


def loaf_at_or_worse(counts: pd.Series, level: int = 2) -> int:
    """How many LOAF ratings are at ``level`` or worse (higher level = worse).

    ``counts`` is indexed by category labels that start with the level number ("2 strained ...");
    other rows (such as "Total") are ignored.

    >>> loaf_at_or_worse(pd.Series({"1 good": 5, "2 strained": 3, "4 disordered": 1, "Total": 9}))
    4
    """
    levels = pd.Series({c: int(str(c)[0]) for c in counts.index if str(c)[:1].isdigit()})
    return int(counts[levels.index[levels >= level]].sum())


def loaf_counts(levels: pd.Series) -> pd.DataFrame:
    """:func:`helpers.counts.count_table` of LOAF levels 1-4 with their names; missing kept."""
    from helpers.counts import count_table

    labels = {k: f"{k} {v}" for k, v in LOAF_LEVELS.items()}
    values = levels.astype("Int64").astype(object).where(levels.notna(), None)
    return count_table(values, order=list(LOAF_LEVELS), labels=labels)


def pip_loaf_by_window(scored: pd.DataFrame) -> pd.DataFrame:
    """LOAF level counts for every PIP rating, and at the initial and the closing appointment.

    Returns a long frame (columns ``group``, ``category``, ``n``, ``percent``, ``denominator``)
    with groups ``"all ratings"``, ``"initial appointment"`` and ``"closing appointment"``;
    percentages are of the rated records in each group (missing ratings are not records here).
    """
    rated = scored.dropna(subset=["loaf_level"])
    parts = []
    for name, part in (("all ratings", rated),
                       ("initial appointment", rated[rated["window"] == "initial"]),
                       ("closing appointment", rated[rated["window"] == "closing"])):
        table = loaf_counts(part["loaf_level"])
        table = table[table["category"] != "Missing"].copy()  # rated records only: always 0
        table.insert(0, "group", name)
        parts.append(table)
    out = pd.concat(parts, ignore_index=True)
    out.attrs["denominator"] = "percentages of the rated records in each group"
    return out


# --------------------------------------------------------------------------------------------
# Together Time
# --------------------------------------------------------------------------------------------

def _pairs_for(data: PairsData, column: str) -> pd.DataFrame:
    if column == "goals":
        g = tt_goal_scores(data).dropna(subset=["start", "end"])
        return g.rename(columns={"start": "pre", "end": "post"})[["participant_id", "pre", "post"]]
    return tt_paired(data, column)


def improvement_dz(result: PairedResult, higher_is: str) -> tuple[float, float, float]:
    """d_z and its interval signed so that positive = improvement.

    With differences pre − post, a fall is an improvement when higher is worse (keep the sign);
    when higher is better the sign is flipped (and the interval limits swap).
    """
    if higher_is == "worse":
        return result.dz, result.dz_ci_low, result.dz_ci_high
    if higher_is == "better":
        return -result.dz, -result.dz_ci_high, -result.dz_ci_low
    raise ValueError(f"higher_is must be 'worse' or 'better', got {higher_is!r}")


def tt_paired_outcomes(data: PairsData) -> pd.DataFrame:
    """Every Together Time paired comparison, one row per :data:`TT_MEASURES` entry.

    Columns: all of :meth:`PairedResult.to_frame` plus ``measure`` (label), ``column``,
    ``family`` (key of :data:`TT_FAMILIES`), ``higher_is``, ``result`` (the PairedResult),
    ``p_holm`` (Holm-adjusted within the row's family), ``improvement_dz`` with
    ``improvement_dz_low`` / ``improvement_dz_high`` (positive = improvement).
    """
    rows = []
    for label, column, inst, family in TT_MEASURES:
        pairs = _pairs_for(data, column)
        result = paired_comparison(pairs["pre"], pairs["post"], label=label)
        higher = inst.higher_is if inst is not None else "better"
        dz, lo, hi = improvement_dz(result, higher)
        frame = result.to_frame()
        frame["measure"], frame["column"], frame["family"] = label, column, family
        frame["higher_is"], frame["result"] = higher, [result]
        frame["improvement_dz"], frame["improvement_dz_low"], frame["improvement_dz_high"] = \
            dz, lo, hi
        rows.append(frame)
    out = pd.concat(rows, ignore_index=True)
    out["p_holm"] = np.nan
    for family in TT_FAMILIES:
        mask = out["family"] == family
        out.loc[mask, "p_holm"] = adjust_pvalues(out.loc[mask, "p"].to_numpy(float), "holm")
    return out


def tt_effects_figure(outcomes: pd.DataFrame) -> Figure:
    """Forest plot of :func:`tt_paired_outcomes`: d_z with its 95% CI, positive = improvement.

    Circles mark the report's four tests, squares the PRFQ subscales; each row is labelled with
    its n of pairs.
    """
    data = outcomes.iloc[::-1].reset_index(drop=True)
    fig = Figure(figsize=(7.6, 0.9 + 0.45 * len(data)), layout="constrained")
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    y = np.arange(len(data))
    for family, marker, colour in (("report", "o", OKABE_ITO["blue"]),
                                   ("subscales", "s", OKABE_ITO["orange"])):
        mask = (data["family"] == family).to_numpy()
        d = data[mask]
        ax.errorbar(d["improvement_dz"], y[mask],
                    xerr=[d["improvement_dz"] - d["improvement_dz_low"],
                          d["improvement_dz_high"] - d["improvement_dz"]],
                    fmt=marker, color=colour, capsize=3, markersize=6,
                    label=("report's tests" if family == "report" else "PRFQ subscales"))
    ax.axvline(0, color="black", linewidth=1)
    labels = [f"{m} (n = {n})" for m, n in zip(data["measure"], data["n"], strict=True)]
    ax.set_yticks(y, labels, fontsize=9)
    ax.set_xlabel("Standardised change d_z with 95% CI (right of 0 = improvement)")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=8, frameon=True)
    return fig


@dataclass(frozen=True)
class ConcernChange:
    """MORS-SF concern before and after, among parents with both subscales at both time points.

    ``stayed``, ``entered`` (not at concern before, at concern after), ``left`` (the reverse),
    ``neither``; ``mcnemar_p`` is the exact McNemar test on the discordant pairs (binomial,
    two-sided; statsmodels ``mcnemar(exact=True)``).
    """

    n: int
    before: int
    after: int
    stayed: int
    entered: int
    left: int
    neither: int
    mcnemar_p: float


def tt_concern_change(concern: pd.DataFrame) -> ConcernChange:
    """Summarise :func:`helpers.pairs.data.tt_mors_concern` (columns concern_pre, concern_post).

    Raises ``ValueError`` if a flag is missing (the frame should hold complete pairs only).
    """
    pre, post = concern["concern_pre"], concern["concern_post"]
    if pre.isna().any() or post.isna().any():
        raise ValueError("tt_concern_change: a concern flag is missing; pass complete pairs only")
    pre, post = pre.astype(bool), post.astype(bool)
    stayed, entered = int((pre & post).sum()), int((~pre & post).sum())
    left, neither = int((pre & ~post).sum()), int((~pre & ~post).sum())
    p = (float(mcnemar([[stayed, left], [entered, neither]], exact=True).pvalue)
         if left + entered else 1.0)
    return ConcernChange(n=len(concern), before=int(pre.sum()), after=int(post.sum()),
                         stayed=stayed, entered=entered, left=left, neither=neither, mcnemar_p=p)


def concern_transition_table(change: ConcernChange) -> GT:
    """2 × 2 table: at a MORS-SF concern level at the start (rows) by at the end (columns)."""
    frame = pd.DataFrame({
        "start": ["At concern level", "Not at concern level", "Total"],
        "end_yes": [change.stayed, change.entered, change.after],
        "end_no": [change.left, change.neither, change.n - change.after],
        "total": [change.before, change.n - change.before, change.n],
    })
    return (
        GT(frame)
        .cols_label(cases={"start": "At the start", "end_yes": "At concern level",
                           "end_no": "Not at concern level", "total": "Total"})
        .tab_spanner(label="At the end", columns=["end_yes", "end_no"])
        .fmt_integer(columns=["end_yes", "end_no", "total"])
        .cols_align(align="right", columns=["end_yes", "end_no", "total"])
        .tab_source_note(f"Concern level: warmth below {MORS_WARMTH_CONCERN_BELOW} or invasion "
                         f"above {MORS_INVASION_CONCERN_ABOVE}. Exact McNemar test on the "
                         f"parents who changed group: {apa_p(change.mcnemar_p)}.")
    )


def tt_loaf_levels(scored: pd.DataFrame) -> pd.DataFrame:
    """LOAF level counts at the start and at the end of Together Time (long frame with groups
    ``"start"`` and ``"end"``; percentages of the children rated at that time point)."""
    parts = []
    for tp in ("start", "end"):
        levels = scored.loc[scored["timepoint"] == tp, "loaf_level"].dropna()
        table = loaf_counts(levels)
        table = table[table["category"] != "Missing"].copy()
        table.insert(0, "group", tp)
        parts.append(table)
    out = pd.concat(parts, ignore_index=True)
    out.attrs["denominator"] = "percentages of the children rated at each time point"
    return out


@dataclass(frozen=True)
class LoafChange:
    """LOAF level of children rated at both time points: how many moved to a lower (better),
    the same or a higher (worse) level; ``wilcoxon_p`` is the signed-rank test of the change
    (zero differences discarded, as in :mod:`helpers.stats.paired`); NaN if nobody moved."""

    n: int
    better: int
    same: int
    worse: int
    wilcoxon_p: float
    start_level_3_or_4: int
    end_level_3_or_4: int


def tt_loaf_change(scored: pd.DataFrame) -> LoafChange:
    """Within-child LOAF change in :func:`helpers.pairs.data.tt_scored`; also counts levels 3-4 at
    each time point over everyone rated then."""
    wide = scored.pivot(index="participant_id", columns="timepoint", values="loaf_level")
    both = wide.dropna(subset=["start", "end"]).astype("float64")
    diff = both["end"] - both["start"]
    p = math.nan
    if (diff != 0).any():
        p = float(stats.wilcoxon(both["start"], both["end"], zero_method="wilcox").pvalue)
    rated = scored.dropna(subset=["loaf_level"])
    high = rated[rated["loaf_level"] >= 3].groupby("timepoint").size()
    return LoafChange(n=len(both), better=int((diff < 0).sum()), same=int((diff == 0).sum()),
                      worse=int((diff > 0).sum()), wilcoxon_p=p,
                      start_level_3_or_4=int(high.get("start", 0)),
                      end_level_3_or_4=int(high.get("end", 0)))


def prfq_total_decomposition(data: PairsData) -> dict[str, float]:
    """Split the mean change in the report's PRFQ total into its three subscales.

    The total is the sum of the 18 keyed items and each subscale the mean of 6 of them, so for a
    parent with all items ``total = 6 × (PM + CMS + IC)`` and the mean change (post − pre) of the
    total is 6 × the sum of the subscale changes. Returns ``total``, ``pm``, ``cms``, ``ic``
    (mean post − pre, in total points, over parents with the total at both time points) and
    ``pm_share`` (PM's part of the total change, a proportion).
    """
    q = tt_scored(data)
    cols = ["prfq_total", "prfq_pm", "prfq_cms", "prfq_ic"]
    wide = q.pivot(index="participant_id", columns="timepoint", values=cols)
    wide = wide.dropna()
    change = {c: float((wide[(c, "end")] - wide[(c, "start")]).mean()) for c in cols}
    out = {"total": change["prfq_total"], "pm": 6 * change["prfq_pm"],
           "cms": 6 * change["prfq_cms"], "ic": 6 * change["prfq_ic"]}
    if not math.isclose(out["total"], out["pm"] + out["cms"] + out["ic"], abs_tol=1e-9):
        raise ValueError("PRFQ total is not 6 x the sum of its subscales; check the scoring keys")
    out["pm_share"] = out["pm"] / out["total"] if out["total"] else math.nan
    return out


def tt_attrition(data: PairsData) -> pd.DataFrame:
    """Start scores of parents who did and did not also give an end score, per measure.

    Columns: ``measure``, ``n_start``, ``n_end``, ``n_paired``, ``mean_paired``,
    ``mean_start_only`` (start means of the two groups), ``difference`` (paired − start only),
    ``p`` (Welch's t test, scipy ``ttest_ind(equal_var=False)``).
    """
    q = tt_scored(data)
    goals = tt_goal_scores(data)
    rows = []
    for label, column, _inst, family in TT_MEASURES:
        if family != "report":
            continue
        if column == "goals":
            wide = goals.set_index("participant_id")
        else:
            qq = q[q["mors_complete"]] if column in ("warmth", "invasion") else q
            wide = qq.pivot(index="participant_id", columns="timepoint", values=column)
        start = wide["start"].dropna()
        end = wide["end"].dropna()
        has_end = end.reindex(start.index).notna()
        a, b = start[has_end], start[~has_end]
        p = (float(stats.ttest_ind(a, b, equal_var=False).pvalue)
             if len(a) > 1 and len(b) > 1 else math.nan)
        rows.append({"measure": label, "n_start": len(start), "n_end": len(end),
                     "n_paired": len(a), "mean_paired": float(a.mean()),
                     "mean_start_only": float(b.mean()) if len(b) else math.nan,
                     "difference": float(a.mean() - b.mean()) if len(b) else math.nan, "p": p})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Printed figures beside the data
# --------------------------------------------------------------------------------------------

_SECTIONS = {"pip_outcomes": "PIP", "tt_outcomes": "TT"}
_PAIR_INDEX = {"0": "mean", "1": "SD"}
_RANGE_INDEX = {"0": "lowest", "1": "highest"}
_WORDS = {"mors": "MORS", "prfq": "PRFQ", "loaf": "LOAF", "pai": "PAI", "sd": "SD", "pct": "%"}


def figure_label(path: str) -> str:
    """Readable name of a figure path of ``pairs.yaml`` for a table row.

    ``"tt_outcomes.mors_paired.0.pre.1"`` -> ``"TT · MORS paired · warmth · pre · SD"``: list
    positions become the window or subscale they stand for (from the published file's order),
    ``[mean, SD]`` pairs become "mean"/"SD" and ``[low, high]`` ranges "lowest"/"highest".
    """
    parts = path.split(".")
    words: list[str] = []
    for i, part in enumerate(parts):
        before = parts[i - 1] if i else ""
        if part.isdigit():
            if before == "mors_by_appointment_window":
                words.append(WINDOW_LABELS[WINDOWS[int(part)]])
            elif before == "mors_paired":
                words.append(("warmth", "invasion")[int(part)])
            elif before in ("range", "low", "medium", "high"):
                words.append(_RANGE_INDEX.get(part, part))
            else:
                words.append(_PAIR_INDEX.get(part, part))
        elif i == 0:
            words.append(_SECTIONS.get(part, part))
        else:
            words.append(" ".join(_WORDS.get(w, w) for w in part.split("_")))
    return " · ".join(words)


def chapter_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`helpers.pairs.reproduce.reproduced_figures` this chapter reports.

    Keeps the numeric figures under ``pip_outcomes`` and ``tt_outcomes`` that the data hold, and
    formats p values the way they are printed ("p = .022"), so the comparison table reads well.
    Columns: ``figure`` (readable label, :func:`figure_label`), ``printed``, ``reproduced``,
    ``matches``, ``note``.
    """
    keep = figures["path"].str.startswith(("pip_outcomes.", "tt_outcomes."))
    rows = figures[keep & figures["reproduced"].notna()].copy()
    rows = rows[rows["rule"] != "held"]
    is_p = rows["rule"].str.startswith("below:")
    rows.loc[is_p, "reproduced"] = rows.loc[is_p, "reproduced"].map(lambda p: apa_p(float(p)))
    rows.loc[is_p, "printed"] = rows.loc[is_p, "printed"].map(lambda s: f"p {s}")
    return pd.DataFrame({
        "figure": rows["path"].map(figure_label),
        "printed": rows["printed"], "reproduced": rows["reproduced"],
        "matches": rows["matches"].astype(bool), "note": rows["note"].fillna(""),
    }).reset_index(drop=True)


def printed_p_sentence(result: PairedResult, measure: str, printed: str) -> str:
    """Sentence comparing a printed p bound ("< .01") with the data's p.

    Says whether the printed bound holds; when it does not, names the smallest conventional bound
    (.001, .01, .05) that does, or says that none does.
    """
    bound_text = printed.replace("<", "").replace("=", "").strip()
    bound = float(bound_text)
    data_p = apa_p(result.p)
    if result.p < bound:
        return (f"For {measure} the report prints p < {bound_text}; the data give {data_p}, "
                "so the printed bound holds.")
    holds = [b for b in (0.001, 0.01, 0.05) if result.p < b]
    tail = (f"p < {number(holds[0], 3 if holds[0] < 0.01 else 2, leading_zero=False)} holds "
            "instead") if holds else "no conventional threshold of .05 or lower is met"
    return (f"For {measure} the report prints p < {bound_text}, but the data give {data_p}, "
            f"so that bound does not hold; {tail}.")


# --------------------------------------------------------------------------------------------
# Words that depend on the numbers (so the prose follows the data)
# --------------------------------------------------------------------------------------------

def evidence_words(p: float, alpha: float = 0.05) -> str:
    """"clear evidence of a change" when ``p < alpha``, else "no clear evidence of a change".

    A convenience for prose; the p-value itself is always printed next to it.
    """
    if math.isnan(p):
        raise ValueError("evidence_words: p is missing")
    return ("clear evidence of a change" if p < alpha
            else "no clear evidence of a change")


def relation_word(value: float, reference: float, decimals: int = 2) -> str:
    """"below", "above" or "equal to" ``reference``, comparing ``value`` at the precision shown
    (``decimals`` places), so the word never contradicts the printed number."""
    shown = round(value, decimals)
    if shown < reference:
        return "below"
    if shown > reference:
        return "above"
    return "equal to"


def subscale_verdict(outcomes: pd.DataFrame) -> str:
    """One sentence on the PRFQ subscales of :func:`tt_paired_outcomes`: how many improved, how
    many worsened, judged by whether the 95% interval of the improvement-signed d_z excludes 0."""
    sub = outcomes[outcomes["family"] == "subscales"]
    better = sub.loc[sub["improvement_dz_low"] > 0, "measure"].tolist()
    worse = sub.loc[sub["improvement_dz_high"] < 0, "measure"].tolist()
    n = len(sub)
    if not better and not worse:
        return f"none of the {n} subscales changed clearly in either direction"
    parts = []
    if better:
        parts.append(f"{len(better)} of the {n} subscales improved clearly ({', '.join(better)})")
    else:
        parts.append(f"none of the {n} subscales improved clearly")
    if worse:
        parts.append(f"{len(worse)} moved clearly in the unfavourable direction "
                     f"({', '.join(worse)})")
    return " and ".join(parts)


def figures_agreeing(figures: pd.DataFrame, prefix: str, exclude: str = "") -> tuple[int, int]:
    """(agreeing, checked): rows of :func:`chapter_figures` whose ``figure`` starts with
    ``prefix`` (and does not end with ``exclude``, when given) and how many of them match."""
    rows = figures[figures["figure"].str.startswith(prefix)]
    if exclude:
        rows = rows[~rows["figure"].str.endswith(exclude)]
    return int(rows["matches"].sum()), len(rows)
