"""Figures for the book: plain data in, a matplotlib ``Figure`` out.

Conventions
-----------
* Colours come from the Okabe–Ito palette (safe for the common colour-vision deficiencies), and
  colour is never the only carrier: categories also differ by marker shape or hatching, and
  values are written on the bars.
* Figures are built with :class:`matplotlib.figure.Figure`, not ``pyplot``: a returned figure is
  then displayed exactly once by Jupyter/Quarto (no second copy from the pyplot inline backend)
  and nothing needs closing.
* Captions and alt text belong to the Quarto cell (``fig-cap``, ``fig-alt``); figures set axis
  labels, legends and direct labels only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from helpers.periods import financial_year  # re-exported for chapters
from helpers.stats.change import CHANGE_CATEGORIES, ClinicalRule, classify_change

__all__ = [
    "OKABE_ITO",
    "CHANGE_STYLE",
    "pre_post_scatter",
    "diverging_stacked_bar",
    "category_bar",
    "financial_year",
    "yearly_counts",
]

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7", "grey": "#999999",
    "black": "#000000",
}

#: Colour and marker of each change category of :func:`helpers.stats.change.classify_change`.
CHANGE_STYLE: dict[str, dict[str, str]] = {
    "recovered": {"color": OKABE_ITO["blue"], "marker": "o"},
    "reliably improved": {"color": OKABE_ITO["sky_blue"], "marker": "^"},
    "no reliable change": {"color": OKABE_ITO["grey"], "marker": "s"},
    "reliably deteriorated": {"color": OKABE_ITO["vermillion"], "marker": "X"},
}
assert tuple(CHANGE_STYLE) == CHANGE_CATEGORIES

def _ensure_figures_display() -> None:
    """Make a returned :class:`Figure` display as an image in Jupyter, Quarto and nbval.

    Figures built without pyplot only show as images once matplotlib's inline backend has
    registered its display formatters (Quarto's set-up does this; a plain kernel started with another
    backend does not). When running under IPython and no image formatter for ``Figure`` exists
    yet, register a PNG one; an existing registration (e.g. Quarto's chosen format) is left alone.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the kernel
        return
    shell = get_ipython()
    if shell is None:
        return
    formatters = shell.display_formatter.formatters
    for mime in ("image/png", "image/svg+xml", "application/pdf", "image/jpeg"):
        if Figure in formatters[mime].type_printers:
            return
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("png")


_ensure_figures_display()

_HATCHES = ["", "///", "...", "xxx", "\\\\\\", "ooo", "---", "+++"]
_STYLE = {"axes.spines.top": False, "axes.spines.right": False, "font.size": 10}


def _show(value: object) -> str:
    """``repr`` of a cell value for error messages, without numpy's type wrapper."""
    item = getattr(value, "item", None)
    return repr(item() if callable(item) else value)


def _new_figure(width: float, height: float) -> tuple[Figure, object]:
    fig = Figure(figsize=(width, height), layout="constrained")
    with sns.axes_style("whitegrid", _STYLE):
        ax = fig.add_subplot()
    return fig, ax


# --------------------------------------------------------------------------------------------
# Jacobson–Truax scatter
# --------------------------------------------------------------------------------------------


def _as_float_array(values: Sequence[float] | pd.Series | np.ndarray, name: str) -> np.ndarray:
    series = pd.Series(values).reset_index(drop=True)
    numbers = pd.to_numeric(series, errors="coerce").astype("float64")
    bad = numbers.isna()
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(f"{name}: value {_show(series.iloc[pos])} at position {pos} is missing or not "
                         "a number; pass complete pairs only")
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
    size: tuple[float, float] = (7.4, 4.8),
) -> Figure:
    """Jacobson–Truax plot: each person's score after against before.

    Draws the line of no change (identity), the band of changes smaller than
    ``reliable_change`` around it (hatched), the cut-off as a vertical and a horizontal dashed
    line, and one marker shape and colour per change category, with counts in the legend.
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

    fig, ax = _new_figure(*size)
    grid = np.array(lims)
    band = ax.fill_between(grid, grid - reliable_change, grid + reliable_change,
                           facecolor="#EEEEEE", edgecolor="#BBBBBB", hatch="//", linewidth=0,
                           zorder=0, label=f"Change smaller than {reliable_change:g} points")
    band.set_gid("reliable-band")
    (identity,) = ax.plot(grid, grid, color="#555555", linewidth=1, zorder=1,
                          label="No change")
    identity.set_gid("identity")
    v = ax.axvline(cutoff, color=OKABE_ITO["black"], linestyle="--", linewidth=1, zorder=1)
    h = ax.axhline(cutoff, color=OKABE_ITO["black"], linestyle="--", linewidth=1, zorder=1)
    v.set_gid("cutoff-pre")
    h.set_gid("cutoff-post")
    ax.annotate(f"{cutoff_label} ({cutoff:g})", xy=(lims[0], cutoff), xytext=(3, 3),
                textcoords="offset points", ha="left", va="bottom", fontsize=8)

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
                        textcoords="offset points", fontsize=7)
        handles.append(Line2D([], [], linestyle="", marker=spec["marker"], color=spec["color"],
                              markeredgecolor="black", markersize=7,
                              label=f"{name.capitalize()} (n = {count})"))
    handles += [Line2D([], [], color="#555555", linewidth=1, label="No change"),
                Patch(facecolor="#EEEEEE", edgecolor="#BBBBBB", hatch="//",
                      label=f"Change smaller than {reliable_change:g} points"),
                Line2D([], [], color="black", linestyle="--", linewidth=1,
                       label=f"{cutoff_label} ({cutoff:g})")]
    better = "lower" if higher_is == "worse" else "higher"
    # Direct labels for the two sides of the band, so the reading does not rest on the legend.
    below, above = (("improved", "worse") if higher_is == "worse" else ("worse", "improved"))
    ax.text(0.98, 0.02, f"below the band: reliably {below}", transform=ax.transAxes,
            ha="right", va="bottom", fontsize=8, style="italic")
    ax.text(0.02, 0.98, f"above the band: reliably {above}", transform=ax.transAxes,
            ha="left", va="top", fontsize=8, style="italic", gid="label-above")
    ax.set(xlim=lims, ylim=lims, xlabel=xlabel, ylabel=ylabel, aspect="equal")
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1), frameon=False,
              fontsize=8, title=f"{better.capitalize()} scores are better", title_fontsize=8)
    return fig


# --------------------------------------------------------------------------------------------
# Likert items
# --------------------------------------------------------------------------------------------


def diverging_stacked_bar(
    frame: pd.DataFrame,
    item_col: str,
    response_col: str,
    order: Sequence[str],
    *,
    count_col: str | None = None,
    neutral: str | None = None,
    xlabel: str = "Percentage of answers",
    size: tuple[float, float] | None = None,
) -> Figure:
    """Diverging stacked bars of Likert answers, one bar per item, sorted by agreement.

    Parameters
    ----------
    frame : DataFrame
        Long format: one row per answer, or one row per (item, response) with ``count_col``.
        Blank responses are not answers: each item's percentages and its ``n`` (printed in the
        item label) are of the people who answered it.
    item_col, response_col : str
    order : sequence of str
        Response levels from most positive to most negative, e.g.
        ``["Certainly true", "Partly true", "Not true"]``.
    neutral : str, optional
        Level split half either side of zero; default the middle level when ``order`` has an odd
        number of levels. Levels before it extend right, levels after it extend left.

    Returns
    -------
    matplotlib.figure.Figure
        Items ordered from most to least agreement (share of the levels before ``neutral``);
        each segment is hatched by level and labelled with its percentage when wide enough.

    Raises
    ------
    ValueError
        Naming row and column of a response not in ``order`` or a bad count.
    """
    order = list(order)
    for col in [item_col, response_col] + ([count_col] if count_col else []):
        if col not in frame.columns:
            raise KeyError(f"diverging_stacked_bar: column {col!r} missing; frame has "
                           f"{list(frame.columns)}")
    data = frame.reset_index(drop=True)
    answered = data[response_col].notna()
    bad = answered & ~data[response_col].isin(order)
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(f"diverging_stacked_bar: column {response_col!r} row {row} has "
                         f"{_show(data.at[row, response_col])}, not one of {order}")
    if count_col:
        counts = pd.to_numeric(data[count_col], errors="coerce")
        badc = counts.isna() | (counts < 0) | (counts % 1 != 0)
        if badc.any():
            row = int(np.flatnonzero(badc.to_numpy())[0])
            raise ValueError(f"diverging_stacked_bar: column {count_col!r} row {row} has "
                             f"{_show(data.at[row, count_col])}, not a whole number ≥ 0")
    else:
        counts = pd.Series(1, index=data.index)
    table = (pd.DataFrame({"item": data[item_col], "response": data[response_col], "n": counts})
             [answered].pivot_table(index="item", columns="response", values="n", aggfunc="sum",
                                    fill_value=0, observed=False)
             .reindex(columns=order, fill_value=0))
    n = table.sum(axis=1)
    if (n == 0).any():
        raise ValueError(f"diverging_stacked_bar: no answers for item {n[n == 0].index[0]!r}")
    pct = table.div(n, axis=0) * 100
    if neutral is None and len(order) % 2 == 1:
        neutral = order[len(order) // 2]
    if neutral is not None and neutral not in order:
        raise ValueError(f"neutral level {neutral!r} is not in order {order}")
    k = order.index(neutral) if neutral is not None else len(order) // 2
    positive, negative = order[:k], order[k + (1 if neutral is not None else 0):]
    agreement = pct[positive].sum(axis=1)
    pct = pct.loc[agreement.sort_values(ascending=True, kind="stable").index]
    n = n.loc[pct.index]

    colours = _likert_colours(len(order), neutral is not None)
    height = size or (7.5, 0.9 + 0.45 * len(pct))
    fig, ax = _new_figure(*height)
    ypos = np.arange(len(pct))
    half = pct[neutral] / 2 if neutral is not None else pd.Series(0.0, index=pct.index)
    # Right of zero: half the neutral, then positive levels from the weakest outwards;
    # left of zero: the other half, then negative levels outwards.
    segments: list[tuple[str, pd.Series, pd.Series]] = []
    if neutral is not None:
        segments.append((neutral, -half, pct[neutral]))
    start = half.copy()
    for level in reversed(positive):
        segments.append((level, start.copy(), pct[level]))
        start = start + pct[level]
    start = -half
    for level in negative:
        segments.append((level, start - pct[level], pct[level]))
        start = start - pct[level]
    for level, lefts, widths in segments:
        i = order.index(level)
        bars = ax.barh(ypos, widths.to_numpy(), left=lefts.to_numpy(), color=colours[i],
                       hatch=_HATCHES[i % len(_HATCHES)], edgecolor="white", linewidth=0.8,
                       label=level)
        for bar, w in zip(bars, widths.to_numpy(), strict=True):
            if w >= 8:
                ax.text(bar.get_x() + w / 2, bar.get_y() + bar.get_height() / 2, f"{w:.0f}%",
                        ha="center", va="center", fontsize=8,
                        color="white" if _is_dark(colours[i]) else "black",
                        bbox={"boxstyle": "round,pad=0.1", "fc": colours[i], "ec": "none"})
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(ypos, [f"{item} (n = {int(n[item])})" for item in pct.index])
    lim = max(5.0, float((pct[positive].sum(axis=1) + half).max()),
              float((pct[negative].sum(axis=1) + half).max()))
    step = 20 if lim > 50 else 10
    lim = min(100.0, float(np.ceil(lim / step) * step))
    ticks = np.arange(-lim, lim + 1, step)
    ax.set_xticks(ticks, [f"{abs(t):.0f}" for t in ticks])
    ax.set(xlim=(-lim, lim), xlabel=xlabel)
    ax.grid(axis="y", visible=False)
    handles = [Patch(facecolor=colours[i], hatch=_HATCHES[i % len(_HATCHES)], edgecolor="white",
                     label=level) for i, level in enumerate(order)]
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(order),
              frameon=False, fontsize=8)
    return fig


def _likert_colours(levels: int, has_neutral: bool) -> list[str]:
    """Positive levels in blues, neutral grey, negative in oranges (Okabe–Ito based)."""
    if levels < 2:
        raise ValueError("a Likert scale needs at least two levels")
    k = levels // 2
    pos = [OKABE_ITO["blue"], OKABE_ITO["sky_blue"], "#A6D8F2"][:k] if k <= 3 else \
        sns.light_palette(OKABE_ITO["blue"], k + 1, reverse=True).as_hex()[:k]
    neg = [OKABE_ITO["vermillion"], OKABE_ITO["orange"], "#F5CF80"][:k][::-1] if k <= 3 else \
        sns.light_palette(OKABE_ITO["vermillion"], k + 1).as_hex()[1:]
    return pos + (["#BBBBBB"] if has_neutral else []) + neg


def _is_dark(hex_colour: str) -> bool:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5


# --------------------------------------------------------------------------------------------
# Counts by category
# --------------------------------------------------------------------------------------------


def category_bar(
    count_frame: pd.DataFrame,
    *,
    category_col: str = "category",
    n_col: str = "n",
    total: int | None = None,
    missing_label: str = "Missing",
    sort: bool = False,
    xlabel: str = "Number of people",
    size: tuple[float, float] | None = None,
) -> Figure:
    """Horizontal bars of counts, each labelled ``n (p%)``; the Missing row is hatched grey.

    Parameters
    ----------
    count_frame : DataFrame
        One row per category with its count, in display order (top to bottom).
    total : int, optional
        Denominator of the percentages; default the sum of the counts (Missing included).
    sort : bool
        Order by count (largest on top) instead of the given order; Missing stays last.
    """
    for col in (category_col, n_col):
        if col not in count_frame.columns:
            raise KeyError(f"category_bar: column {col!r} missing; frame has "
                           f"{list(count_frame.columns)}")
    data = count_frame[[category_col, n_col]].reset_index(drop=True).copy()
    counts = pd.to_numeric(data[n_col], errors="coerce")
    bad = counts.isna() | (counts < 0) | (counts % 1 != 0)
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(f"category_bar: column {n_col!r} row {row} "
                         f"({data.at[row, category_col]!r}) has {_show(data.at[row, n_col])}, "
                         "not a whole number ≥ 0")
    data[n_col] = counts.astype(int)
    denominator = int(data[n_col].sum()) if total is None else int(total)
    if denominator <= 0 or denominator < int(data[n_col].sum()):
        raise ValueError(f"category_bar: total {denominator} is smaller than the counts' sum "
                         f"{int(data[n_col].sum())} or not positive")
    if sort:
        is_missing = data[category_col] == missing_label
        data = pd.concat([data[~is_missing].sort_values(n_col, ascending=False, kind="stable"),
                          data[is_missing]])
    data = data.iloc[::-1]  # barh draws bottom-up; keep the first category on top
    fig, ax = _new_figure(*(size or (6.5, 0.8 + 0.38 * len(data))))
    missing = (data[category_col] == missing_label).to_numpy()
    colours = np.where(missing, "#DDDDDD", OKABE_ITO["blue"])
    bars = ax.barh(np.arange(len(data)), data[n_col], color=colours, edgecolor="black",
                   linewidth=0.5)
    for bar, is_missing in zip(bars, missing, strict=True):
        if is_missing:
            bar.set_hatch("///")
    top = max(1, int(data[n_col].max()))
    for bar, n in zip(bars, data[n_col], strict=True):
        ax.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2,
                f"{n} ({n / denominator * 100:.0f}%)", va="center", ha="left", fontsize=8)
    ax.set_yticks(np.arange(len(data)), data[category_col].astype(str))
    ax.set(xlim=(0, top * 1.22), xlabel=xlabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", visible=False)
    ax.set_title(f"Percentages are of {denominator}", loc="right", fontsize=8)
    return fig


# --------------------------------------------------------------------------------------------
# Financial years
# --------------------------------------------------------------------------------------------

_FY = re.compile(r"^(\d{4})/(\d{2})$")


def yearly_counts(
    counts: pd.Series,
    *,
    kind: Literal["bar", "line"] = "bar",
    ylabel: str = "Number",
    xlabel: str = "Financial year (April to March)",
    size: tuple[float, float] = (7.0, 3.6),
) -> Figure:
    """Counts per financial year as labelled bars or a line with markers.

    Parameters
    ----------
    counts : Series
        Index: financial years ``"YYYY/YY"``; values: whole numbers ≥ 0. Years must be
        consecutive — a year with no records must be given as 0, not left out.
    """
    labels = [str(i) for i in counts.index]
    starts = []
    for label in labels:
        m = _FY.match(label)
        if m is None or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
            raise ValueError(f"yearly_counts: {label!r} is not a financial year like '2019/20'")
        starts.append(int(m.group(1)))
    values = pd.to_numeric(pd.Series(counts.to_numpy()), errors="coerce")
    bad = values.isna() | (values < 0) | (values % 1 != 0)
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(f"yearly_counts: {labels[pos]} has {_show(counts.iloc[pos])}, "
                         "not a whole number ≥ 0")
    order = np.argsort(starts)
    starts = list(np.array(starts)[order])
    labels = [labels[i] for i in order]
    values = values.to_numpy()[order].astype(int)
    gaps = [f"{s}/{(s + 1) % 100:02d}" for s in range(starts[0], starts[-1] + 1)
            if s not in starts]
    if gaps:
        raise ValueError(f"yearly_counts: financial year(s) {', '.join(gaps)} missing; "
                         "give years without records as 0")
    if len(set(starts)) != len(starts):
        raise ValueError("yearly_counts: a financial year appears twice")
    fig, ax = _new_figure(*size)
    xpos = np.arange(len(labels))
    if kind == "bar":
        bars = ax.bar(xpos, values, color=OKABE_ITO["blue"], edgecolor="black", linewidth=0.5)
        ax.bar_label(bars, labels=[f"{v:,}" for v in values], fontsize=8, padding=2)
    elif kind == "line":
        ax.plot(xpos, values, color=OKABE_ITO["blue"], marker="o", markeredgecolor="black")
        for xp, v in zip(xpos, values, strict=True):
            ax.annotate(f"{v:,}", (xp, v), xytext=(0, 6), textcoords="offset points",
                        ha="center", fontsize=8)
    else:
        raise ValueError(f"kind must be 'bar' or 'line', not {kind!r}")
    ax.set_xticks(xpos, labels, rotation=45 if len(labels) > 6 else 0,
                  ha="right" if len(labels) > 6 else "center")
    ax.set(ylim=(0, max(1, values.max()) * 1.15), xlabel=xlabel, ylabel=ylabel)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", visible=False)
    return fig
