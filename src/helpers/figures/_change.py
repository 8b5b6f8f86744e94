"""The Jacobson–Truax scatter: each person's score after against before.

Holds :func:`pre_post_scatter`. Conventions: scores are in the questionnaire's units, complete
pairs only (a missing value is an error naming its position); change categories and the reliable
change threshold are read as :func:`helpers.stats.change.classify_change` reads them; identical
pairs are drawn once with a count, never jittered.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from helpers.figures._canvas import new_figure, show_value
from helpers.figures._palette import CHANGE_STYLE, OKABE_ITO
from helpers.figures._style import FIGURE_WIDTH, INK, SMALL_PT
from helpers.stats.change import CHANGE_CATEGORIES, ClinicalRule, classify_change

#: The band of changes too small to be reliable: a light fill, hatched, edged in dark grey
#: (the edges, 5.1:1 on white, carry the band's limits).
_BAND_FILL, _BAND_EDGE = "#F2F2F2", "#6E6E6E"


def _as_float_array(values: Sequence[float] | pd.Series | np.ndarray, name: str) -> np.ndarray:
    series = pd.Series(values).reset_index(drop=True)
    numbers = pd.to_numeric(series, errors="coerce").astype("float64")
    bad = numbers.isna()
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(f"{name}: value {show_value(series.iloc[pos])} at position {pos} is "
                         "missing or not a number; pass complete pairs only")
    return numbers.to_numpy()


def pre_post_scatter(
    pre: Sequence[float] | pd.Series | np.ndarray,
    post: Sequence[float] | pd.Series | np.ndarray,
    *,
    cutoff: float,
    reliable_change: float,
    higher_is: Literal["worse", "better"] = "worse",
    clinical_if: ClinicalRule | None = None,
    categories: Sequence[str] | pd.Series | None = None,
    score_range: tuple[float, float] | None = None,
    xlabel: str = "Score before",
    ylabel: str = "Score after",
    cutoff_label: str = "Clinical cut-off",
    size: tuple[float, float] = (FIGURE_WIDTH, 6.6),
) -> Figure:
    """Jacobson–Truax plot: each person's score after against before.

    Draws the line of no change (identity), the band of changes smaller than
    ``reliable_change`` around it (hatched, with dark edges at ± ``reliable_change``), the
    cut-off as a vertical and a horizontal dashed line, and one marker shape and colour per
    change category (black outlines), with counts in the legend under the plot.
    Identical pairs are drawn once with their count written beside the marker (no jitter, which
    would move points across the cut-off).

    Parameters
    ----------
    pre, post : array-like of float
        Complete pairs in score units; a missing value is an error.
    cutoff, reliable_change : float
        In score units, read as in :func:`helpers.stats.change.classify_change` (a change of
        exactly ``reliable_change`` points is reliable).
    higher_is : {"worse", "better"}
    clinical_if : str, optional
        Side of the cut-off that is clinical; default ``"at_or_above"`` when higher is worse,
        ``"below"`` when higher is better.
    categories : sequence of str, optional
        Category of each pair (values of ``helpers.stats.change.CHANGE_CATEGORIES``); default
        computed with :func:`~helpers.stats.change.classify_change`.
    score_range : (float, float), optional
        Possible range of the score (axis limits); default the data range.

    Returns
    -------
    matplotlib.figure.Figure
        The axes carry gids ``"identity"``, ``"reliable-band"``, ``"cutoff-pre"`` and
        ``"cutoff-post"`` on the corresponding artists (used by tests).
    """
    x = _as_float_array(pre, "pre")
    y = _as_float_array(post, "post")
    if len(x) != len(y):
        raise ValueError(f"pre has {len(x)} values but post has {len(y)}")
    if clinical_if is None:
        clinical_if = "at_or_above" if higher_is == "worse" else "below"
    if categories is None:
        cats = classify_change(x, y, cutoff=cutoff, reliable_change=reliable_change,
                               higher_is=higher_is, clinical_if=clinical_if).astype(str).to_numpy()
    else:
        cats = np.asarray([str(c) for c in categories], dtype=object)
        if len(cats) != len(x):
            raise ValueError(f"categories has {len(cats)} values but there are {len(x)} pairs")
        unknown = sorted(set(cats) - set(CHANGE_CATEGORIES))
        if unknown:
            raise ValueError(f"unknown change categories {unknown}; use {list(CHANGE_CATEGORIES)}")

    if score_range is None:
        lo, hi = float(min(x.min(), y.min(), cutoff)), float(max(x.max(), y.max(), cutoff))
    else:
        lo, hi = map(float, score_range)
    pad = 0.04 * (hi - lo or 1.0)
    lims = (lo - pad, hi + pad)

    fig, ax = new_figure(*size)
    grid = np.array(lims)
    band = ax.fill_between(grid, grid - reliable_change, grid + reliable_change,
                           facecolor=_BAND_FILL, edgecolor=_BAND_EDGE, hatch="//", linewidth=0.8,
                           zorder=0, label=f"Change smaller than {reliable_change:g} points")
    band.set_gid("reliable-band")
    (identity,) = ax.plot(grid, grid, color=INK, linewidth=1, zorder=1,
                          label="No change")
    identity.set_gid("identity")
    v = ax.axvline(cutoff, color=OKABE_ITO["black"], linestyle="--", linewidth=1, zorder=1)
    h = ax.axhline(cutoff, color=OKABE_ITO["black"], linestyle="--", linewidth=1, zorder=1)
    v.set_gid("cutoff-pre")
    h.set_gid("cutoff-post")
    ax.annotate(f"{cutoff_label} ({cutoff:g})", xy=(lims[0], cutoff), xytext=(3, 3),
                textcoords="offset points", ha="left", va="bottom", fontsize=SMALL_PT)

    handles: list[object] = []
    for name, spec in CHANGE_STYLE.items():
        mask = cats == name
        count = int(mask.sum())
        if not count:
            continue
        pairs = pd.DataFrame({"x": x[mask], "y": y[mask]}).value_counts().reset_index()
        ax.scatter(pairs["x"], pairs["y"], s=36 + 14 * (pairs["count"] - 1), c=spec["color"],
                   marker=spec["marker"], edgecolors="black", linewidths=0.6, zorder=3,
                   label=f"{name.capitalize()} (n = {count})", gid=f"points-{name}")
        for _, row in pairs[pairs["count"] > 1].iterrows():
            ax.annotate(f"×{int(row['count'])}", (row["x"], row["y"]), xytext=(5, 4),
                        textcoords="offset points", fontsize=SMALL_PT)
        handles.append(Line2D([], [], linestyle="", marker=spec["marker"], color=spec["color"],
                              markeredgecolor="black", markersize=7,
                              label=f"{name.capitalize()} (n = {count})"))
    handles += [Line2D([], [], color=INK, linewidth=1, label="No change"),
                Patch(facecolor=_BAND_FILL, edgecolor=_BAND_EDGE, hatch="//", linewidth=0.8,
                      label=f"Change smaller than {reliable_change:g} points"),
                Line2D([], [], color="black", linestyle="--", linewidth=1,
                       label=f"{cutoff_label} ({cutoff:g})")]
    better = "lower" if higher_is == "worse" else "higher"
    # Direct labels for the two sides of the band, so the reading does not rest on the legend.
    below, above = (("improved", "worse") if higher_is == "worse" else ("worse", "improved"))
    ax.text(0.98, 0.02, f"below the band: reliably {below}", transform=ax.transAxes,
            ha="right", va="bottom", fontsize=SMALL_PT, style="italic")
    ax.text(0.02, 0.98, f"above the band: reliably {above}", transform=ax.transAxes,
            ha="left", va="top", fontsize=SMALL_PT, style="italic", gid="label-above")
    ax.set(xlim=lims, ylim=lims, xlabel=xlabel, ylabel=ylabel, aspect="equal")
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2,
              frameon=False, title=f"{better.capitalize()} scores are better")
    return fig
