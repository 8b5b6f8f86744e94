"""Counts as labelled bars: by category (:func:`category_bar`) and by financial year.

Holds :func:`category_bar` and :func:`yearly_counts` (bars or a line). Conventions: counts are
whole numbers ≥ 0 (anything else is an error naming the row); every bar carries its value as a
label; a Missing category is hatched grey and kept last; financial years are ``"YYYY/YY"``
strings and must be consecutive; a part year (records cover only part of it) is hatched or
open, labelled in words and named in a legend, never told apart by colour alone.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from helpers import disclosure
from helpers.figures._canvas import new_figure, show_value
from helpers.figures._palette import MISSING_FILL, OKABE_ITO
from helpers.figures._style import FIGURE_WIDTH, SMALL_PT
from helpers.formatting import DECIMALS, integer, number

#: Category labels are wrapped to lines of at most this many characters, so that long labels
#: do not push the figure past the printed width.
_LABEL_CHARS = 30


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
        Labels longer than 30 characters are wrapped.
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
                         f"({data.at[row, category_col]!r}) has {show_value(data.at[row, n_col])}, "
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
    labels = [_bar_label(int(n), denominator) for n in data[n_col]]
    data[n_col] = _published(data[n_col])
    fig, ax = new_figure(*(size or (FIGURE_WIDTH, 0.9 + 0.4 * len(data))))
    missing = (data[category_col] == missing_label).to_numpy()
    colours = np.where(missing, MISSING_FILL, OKABE_ITO["blue"])
    bars = ax.barh(np.arange(len(data)), data[n_col], color=colours, edgecolor="black",
                   linewidth=0.8)
    for bar, is_missing in zip(bars, missing, strict=True):
        if is_missing:
            bar.set_hatch("///")
    top = max(1, int(data[n_col].max()))
    for bar, label in zip(bars, labels, strict=True):
        ax.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2, label,
                va="center", ha="left", fontsize=SMALL_PT)
    ax.set_yticks(np.arange(len(data)),
                  [textwrap.fill(str(c), _LABEL_CHARS) for c in data[category_col]])
    ax.set(xlim=(0, top * 1.22), xlabel=xlabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", visible=False)
    ax.set_title(f"Percentages are of {disclosure.plain_text(integer(denominator))}", loc="right",
                 fontsize=SMALL_PT)
    _fit_labels_in_axes(fig, ax)
    return fig


def _bar_label(n: int, denominator: int) -> str:
    """``"n (p%)"``; in the public edition the count as published and no share for a
    suppressed count."""
    rule = disclosure.active_rule()
    if rule is not None and rule.suppressed(n):
        return disclosure.record("figure", n, disclosure.MARK)
    share = number(n / denominator * 100, DECIMALS["percent"])
    return f"{disclosure.plain_text(integer(n))} ({share}%)"


def _published(values: pd.Series | np.ndarray) -> np.ndarray:
    """Bar lengths as the edition shows the counts: unchanged in the internal edition; in the
    public edition rounded, and 0 (no bar) for a suppressed count, so that no length tells what
    the label withholds."""
    array = np.asarray(values).astype(int)
    rule = disclosure.active_rule()
    if rule is None:
        return array
    return np.array([rule.shown(int(v)) or 0 for v in array], dtype=int)


def _fit_labels_in_axes(fig: Figure, ax: object, rounds: int = 4) -> None:
    """Wrap an axis label wider than the figure, and widen the x-axis until every text label
    on the axes ends inside it (so labels never push the saved image past the figure's
    width)."""
    for _ in range(rounds):
        fig.draw_without_rendering()
        changed = False
        label, width = ax.xaxis.label, fig.bbox.width
        extent = label.get_window_extent()
        if extent.x0 < 0 or extent.x1 > width:
            centre = (extent.x0 + extent.x1) / 2  # the label is centred on the axes
            room = 2 * min(centre, width - centre)
            chars = max(10, int(len(label.get_text()) * 0.9 * room / extent.width))
            label.set_text(textwrap.fill(label.get_text().replace("\n", " "), chars))
            changed = True
        right = max(t.get_window_extent().x1 for t in ax.texts)
        box = ax.get_window_extent()
        if right > box.x1:
            lo, hi = ax.get_xlim()
            # the axes keeps its width: the data range grows until the labels fit
            ax.set_xlim(lo, lo + (hi - lo) * (right - box.x0) / (box.x1 - box.x0) * 1.02)
            changed = True
        if not changed:
            return


_FY = re.compile(r"^(\d{4})/(\d{2})$")


def yearly_counts(
    counts: pd.Series,
    *,
    kind: Literal["bar", "line"] = "bar",
    ylabel: str = "Number",
    xlabel: str = "Financial year (April to March)",
    size: tuple[float, float] = (FIGURE_WIDTH, 3.6),
    part_years: Sequence[str] = (),
    part_year_label: str = "part year",
) -> Figure:
    """Counts per financial year as labelled bars or a line with markers.

    Parameters
    ----------
    counts : Series
        Index: financial years ``"YYYY/YY"``; values: whole numbers ≥ 0. Years must be
        consecutive — a year with no records must be given as 0, not left out.
    part_years : sequence of str
        Years the records cover only in part (the caller decides which). They are marked
        three ways, never by colour alone: a hatched open bar (an open square marker on a
        line), ``part_year_label`` in brackets under the year's tick label, and a legend
        entry above the axes.
    part_year_label : str
        Words for a part year, used in the tick labels and the legend.
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
        raise ValueError(f"yearly_counts: {labels[pos]} has {show_value(counts.iloc[pos])}, "
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
    unknown = [str(y) for y in part_years if str(y) not in labels]
    if unknown:
        raise ValueError(f"yearly_counts: part year(s) {', '.join(unknown)} not among the "
                         f"years {labels}")
    part = np.array([label in {str(y) for y in part_years} for label in labels])
    if kind not in ("bar", "line"):
        raise ValueError(f"kind must be 'bar' or 'line', not {kind!r}")
    fig, ax = new_figure(*size)
    xpos = np.arange(len(labels))
    colour = OKABE_ITO["blue"]
    labels_shown = [disclosure.plain_text(integer(int(v))) for v in values]
    values = _published(values)
    if kind == "bar":
        bars = ax.bar(xpos, values, color=colour, edgecolor="black", linewidth=0.8)
        for bar, is_part in zip(bars, part, strict=True):
            if is_part:
                bar.set(facecolor="white", edgecolor=colour, hatch="///", linewidth=1.2,
                        gid="part-year")
        ax.bar_label(bars, labels=labels_shown, fontsize=SMALL_PT, padding=2)
    else:
        ax.plot(xpos, values, color=colour, zorder=2)
        ax.plot(xpos[~part], values[~part], linestyle="", marker="o", color=colour,
                markeredgecolor="black", zorder=3)
        if part.any():
            ax.plot(xpos[part], values[part], linestyle="", marker="s", markerfacecolor="white",
                    markeredgecolor=colour, markeredgewidth=1.5, zorder=3, gid="part-year")
        for xp, v, shown in zip(xpos, values, labels_shown, strict=True):
            ax.annotate(shown, (xp, v), xytext=(0, 6), textcoords="offset points",
                        ha="center", fontsize=SMALL_PT)
    ticks = [f"{label}\n({part_year_label})" if is_part else label
             for label, is_part in zip(labels, part, strict=True)]
    ax.set_xticks(xpos, ticks, rotation=45 if len(labels) > 6 else 0,
                  ha="right" if len(labels) > 6 else "center")
    if part.any():
        whole, partial = _part_year_handles(kind, colour, part_year_label)
        ax.legend(handles=[whole, partial], loc="lower center", bbox_to_anchor=(0.5, 1.0),
                  ncol=2, frameon=False)
    ax.set(ylim=(0, max(1, values.max()) * 1.15), xlabel=xlabel, ylabel=ylabel)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", visible=False)
    return fig


def _part_year_handles(kind: str, colour: str, part_year_label: str) -> tuple[object, object]:
    """Legend entries for a whole year and a part year, drawn as in the plot."""
    words = f"{part_year_label[:1].upper()}{part_year_label[1:]} (records cover only part of it)"
    if kind == "bar":
        return (Patch(facecolor=colour, edgecolor="black", linewidth=0.8, label="Whole year"),
                Patch(facecolor="white", edgecolor=colour, hatch="///", linewidth=1.2,
                      label=words))
    return (Line2D([], [], color=colour, marker="o", markeredgecolor="black",
                   label="Whole year"),
            Line2D([], [], color=colour, marker="s", markerfacecolor="white",
                   markeredgecolor=colour, markeredgewidth=1.5, label=words))
