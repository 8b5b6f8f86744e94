"""Outcomes of PAIRS parent-infant psychotherapy (PIP): MORS-SF by appointment window, the
Prenatal Attachment Inventory and the clinicians' LOAF ratings.

Helper logic for the first half of the chapter "Did parent–infant relationships change?".
Everything starts from :func:`helpers.pairs.derived.pip_outcomes_scored` (consented records,
scored with :mod:`helpers.pairs.instruments`; units in :mod:`helpers.pairs.outcome_measures`).

Conventions
-----------
* PIP outcome windows (initial, 10th-15th, 20th-65th, closing) hold *different* clients: a
  window's mean is a cross-section, not a within-person change (:func:`pip_window_overlap`).
* A window's n counts records with both MORS-SF subscales (the report's n).
* "At a concern level" on MORS-SF = warmth below 20 or invasion above 12
  (:func:`helpers.pairs.instruments.mors_concern`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from great_tables import GT
from matplotlib.figure import Figure
from scipy import stats

from helpers.counts import count_table
from helpers.figures import FIGURE_WIDTH, OKABE_ITO
from helpers.formatting import DECIMALS, ci, mean_sd, pct
from helpers.pairs.data import WINDOW_LABELS
from helpers.pairs.instruments import (
    MORS_INVASION_COMMUNITY_MEAN,
    MORS_INVASION_CONCERN_ABOVE,
    MORS_WARMTH_COMMUNITY_MEAN,
    MORS_WARMTH_CONCERN_BELOW,
    PAI_BANDS,
    mors_concern,
)
from helpers.pairs.outcome_measures import loaf_counts
from helpers.tables import MISSING_TEXT
from helpers.words import join_words

__all__ = [
    "WINDOWS",
    "window_words",
    "windows_phrase",
    "pip_mors_by_window",
    "is_highest_window",
    "pip_mors_gt",
    "pip_window_overlap",
    "pip_mors_figure",
    "PaiSummary",
    "pai_summary",
    "pip_loaf_by_window",
]

#: PIP outcome windows in display order (codes of :func:`helpers.pairs.derived.outcome_window`).
WINDOWS: tuple[str, ...] = ("initial", "10th-15th", "20th-65th", "closing")


def window_words(code: str) -> str:
    """A window in running text, from :data:`helpers.pairs.data.WINDOW_LABELS`, with an en dash
    between appointment numbers.

    >>> window_words("10th-15th"), window_words("closing")
    ('10th–15th appointment', 'closing appointment')
    """
    return WINDOW_LABELS[code].replace("-", "–")


def windows_phrase(codes: tuple[str, ...] = WINDOWS) -> str:
    """The windows as one list: "the initial, the 10th–15th, … and the closing appointment".

    >>> windows_phrase(("initial", "closing"))
    'the initial and the closing appointment'
    """
    words = [f"the {window_words(c).removesuffix(' appointment')}" for c in codes]
    return f"{join_words(words)} appointment"


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
        :func:`helpers.pairs.derived.pip_outcomes_scored` (columns ``window``, ``client_id``,
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


def is_highest_window(by_window: pd.DataFrame, code: str, column: str) -> bool:
    """Whether window ``code`` has the highest mean ``column`` ("warmth" or "invasion") of all
    windows of :func:`pip_mors_by_window` with records (ties count as highest).

    >>> f = pd.DataFrame({"invasion_mean": [12.0, 9.7, 13.8]}, index=["a", "b", "c"])
    >>> is_highest_window(f, "c", "invasion"), is_highest_window(f, "a", "invasion")
    (True, False)
    """
    means = by_window[f"{column}_mean"].dropna()
    return bool(code in means.index and means[code] >= means.max())


def pip_mors_gt(by_window: pd.DataFrame) -> GT:
    """:func:`pip_mors_by_window` as a table: n, mean (SD) and 95% CI of each subscale, and the
    records at a concern level as "k of n (p%)"."""
    rows = []
    for code, r in by_window.iterrows():
        row = {"window": r["label"], "n": int(r["n"])}
        for col in ("warmth", "invasion"):
            ok = not math.isnan(r[f"{col}_sd"])
            row[f"{col}_msd"] = (mean_sd(r[f"{col}_mean"], r[f"{col}_sd"]) if ok
                                 else MISSING_TEXT)
            row[f"{col}_ci"] = (ci(r[f"{col}_ci_low"], r[f"{col}_ci_high"], DECIMALS["mean"])
                                .removeprefix("95% CI ") if ok else MISSING_TEXT)
        row["concern"] = pct(int(r["concern"]), int(r["n"])) if r["n"] else MISSING_TEXT
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
        "clients": len(per_client),
        "one_window": int((per_client.map(len) == 1).sum()),
        "initial_and_closing": int(per_client.map(lambda s: {"initial", "closing"} <= s).sum()),
        "initial_and_later": int(per_client.map(lambda s: "initial" in s and bool(s & later)).sum()),
    }


#: Colours of the MORS-SF figure, each at least 3:1 against white (WCAG 2.2 non-text contrast).
_RECORD_GREY, _COMMUNITY_BLUE, _THRESHOLD_RED = "#6E6E6E", OKABE_ITO["blue"], OKABE_ITO["vermillion"]


def pip_mors_figure(scored: pd.DataFrame, by_window: pd.DataFrame, *, seed: int = 1) -> Figure:
    """Two panels (warmth, invasion): every record as a grey ring, the window mean with its 95% CI
    as a black diamond, the community mean (dashed) and the concern threshold (dotted).

    Nothing is written over the data: each panel's title gives its two reference values and one
    legend below both panels explains the marks, which differ by shape and line style as well as
    colour. The horizontal jitter of the rings is random with a fixed ``seed`` (display only).
    """
    both = scored.dropna(subset=["warmth", "invasion"])
    rng = np.random.default_rng(seed)
    fig = Figure(figsize=(FIGURE_WIDTH, 8.4), layout="constrained")
    axes = fig.subplots(2, 1, sharey=False)  # one above the other: the book's width, 9-pt text
    specs = (
        ("warmth", "Warmth (higher = warmer)", MORS_WARMTH_COMMUNITY_MEAN,
         MORS_WARMTH_CONCERN_BELOW, "concern below"),
        ("invasion", "Invasion (higher = more intrusive)", MORS_INVASION_COMMUNITY_MEAN,
         MORS_INVASION_CONCERN_ABOVE, "concern above"),
    )
    ticks = [f"{code}\nn = {by_window.at[code, 'n']}" for code in WINDOWS]
    for ax, (col, title, community, threshold, words) in zip(axes, specs, strict=True):
        for i, code in enumerate(WINDOWS):
            y = both.loc[both["window"] == code, col].to_numpy(float)
            ax.scatter(i + rng.uniform(-0.18, 0.18, len(y)), y, s=14, facecolors="none",
                       edgecolors=_RECORD_GREY, linewidths=0.7, zorder=1, label="one record")
        m = by_window[f"{col}_mean"].to_numpy(float)
        lo = m - by_window[f"{col}_ci_low"].to_numpy(float)
        hi = by_window[f"{col}_ci_high"].to_numpy(float) - m
        ax.errorbar(np.arange(len(WINDOWS)), m, yerr=[lo, hi], fmt="D", color="black",
                    markersize=6, capsize=4, zorder=3, label="window mean with 95% CI")
        ax.axhline(community, color=_COMMUNITY_BLUE, linestyle="--", linewidth=1.4, zorder=2,
                   label="community mean (dashed)")
        ax.axhline(threshold, color=_THRESHOLD_RED, linestyle=":", linewidth=1.8, zorder=2,
                   label="concern threshold (dotted)")
        ax.set_xticks(range(len(WINDOWS)), ticks, fontsize=9)
        ax.tick_params(axis="y", labelsize=9)
        ax.set_xlim(-0.5, len(WINDOWS) - 0.5)
        ax.set_ylim(-0.8, 35.8)
        ax.set_title(f"{title}\ncommunity mean {community}; {words} {threshold}", fontsize=10)
        ax.set_xlabel("Appointment window (different clients in each)", fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in axes:
        ax.set_ylabel("MORS-SF score (0–35)", fontsize=9)
    handles, labels = axes[0].get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))  # one "one record" entry, not one per window
    fig.legend(unique.values(), unique.keys(), loc="outside lower center", ncols=2, fontsize=9,
               frameon=False)
    return fig


@dataclass(frozen=True)
class PaiSummary:
    """PAI totals of the records that have one (one per client, taken in pregnancy).

    ``bands`` is a :func:`helpers.counts.count_table` of the Karaca et al. (2022) bands;
    ``band_counts`` maps each band of :data:`~helpers.pairs.instruments.PAI_BANDS` to its number
    of clients (0 where none).
    """

    n: int
    mean: float
    sd: float
    minimum: float
    maximum: float
    bands: pd.DataFrame
    band_counts: Mapping[str, int]


def pai_summary(scored: pd.DataFrame) -> PaiSummary:
    """Summary of the PAI totals in :func:`helpers.pairs.derived.pip_outcomes_scored`.

    Raises ``ValueError`` if a client has more than one PAI total (the chapter assumes one each).
    """
    pai = scored.dropna(subset=["pai"])
    repeated = pai["client_id"].duplicated()
    if repeated.any():
        raise ValueError(f"PAI: client {pai.loc[repeated, 'client_id'].iloc[0]} has more than "
                         "one total; decide which one counts before summarising")
    labels = {band: f"{band} ({lo}–{hi})" for band, (lo, hi) in PAI_BANDS.items()}
    bands = count_table(pai["pai_band"].astype(object), order=list(PAI_BANDS), labels=labels)
    v = pai["pai"].astype("float64")
    return PaiSummary(n=len(v), mean=float(v.mean()), sd=float(v.std(ddof=1)),
                      minimum=float(v.min()), maximum=float(v.max()), bands=bands,
                      band_counts={b: int((pai["pai_band"] == b).sum()) for b in PAI_BANDS})


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
