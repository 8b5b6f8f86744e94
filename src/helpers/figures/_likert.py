"""Diverging stacked bars of Likert answers, one bar per item.

Holds :func:`diverging_stacked_bar`. Conventions: percentages are of the people who answered
each item (blank responses are not answers) and the item's ``n`` is printed in its label; levels
before the neutral one extend right of zero, later levels left; each level has its own hatch.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from helpers import disclosure
from helpers.figures._canvas import new_figure, show_value
from helpers.figures._palette import HATCHES, likert_colours
from helpers.figures._style import FIGURE_WIDTH, SMALL_PT, text_colour_on
from helpers.formatting import DECIMALS, number

#: Item labels are wrapped to lines of at most this many characters.
_LABEL_CHARS = 28


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
        each segment is hatched by level and labelled with its percentage where the label fits
        inside it; item labels are wrapped.

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
                         f"{show_value(data.at[row, response_col])}, not one of {order}")
    if count_col:
        counts = pd.to_numeric(data[count_col], errors="coerce")
        badc = counts.isna() | (counts < 0) | (counts % 1 != 0)
        if badc.any():
            row = int(np.flatnonzero(badc.to_numpy())[0])
            raise ValueError(f"diverging_stacked_bar: column {count_col!r} row {row} has "
                             f"{show_value(data.at[row, count_col])}, not a whole number ≥ 0")
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

    rule = disclosure.active_rule()  # public edition: no share of 1-7 answers is labelled
    colours = likert_colours(len(order), neutral is not None)
    height = size or (FIGURE_WIDTH, 1.3 + 0.5 * len(pct))
    fig, ax = new_figure(*height)
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
    drawn = []
    for level, lefts, widths in segments:
        i = order.index(level)
        bars = ax.barh(ypos, widths.to_numpy(), left=lefts.to_numpy(), color=colours[i],
                       hatch=HATCHES[i % len(HATCHES)], edgecolor="white", linewidth=0.8,
                       label=level)
        small = [rule is not None and rule.suppressed(int(table.at[item, level]))
                 for item in widths.index]
        drawn += [(bar, float(w), colours[i], hide) for bar, w, hide in
                  zip(bars, widths.to_numpy(), small, strict=True)]
    ax.axvline(0, color="black", linewidth=0.8)
    # "(n = 12)" with no-break spaces, so wrapping never splits it
    ax.set_yticks(ypos, [textwrap.fill(f"{item} (n\u00a0=\u00a0{_n_text(int(n[item]), rule)})",
                                       _LABEL_CHARS) for item in pct.index])
    lim = max(5.0, float((pct[positive].sum(axis=1) + half).max()),
              float((pct[negative].sum(axis=1) + half).max()))
    step = 50 if lim > 50 else (25 if lim > 20 else 10)
    lim = min(100.0, float(np.ceil(lim / step) * step))
    ticks = np.arange(-lim, lim + 1, step)
    ax.set_xticks(ticks, [f"{abs(t):.0f}" for t in ticks])
    ax.set(xlim=(-lim, lim), xlabel=xlabel)
    ax.grid(axis="y", visible=False)
    # A segment carries its percentage only where the label fits inside it once laid out.
    fig.draw_without_rendering()
    inches_per_point = ax.get_window_extent().width / fig.dpi / (2 * lim)
    for bar, w, colour, hide in drawn:
        label = f"{number(w, DECIMALS['percent'])}%"
        if not hide and w > 0 and w * inches_per_point >= 0.09 + len(label) * 0.6 * SMALL_PT / 72:
            ax.text(bar.get_x() + w / 2, bar.get_y() + bar.get_height() / 2, label,
                    ha="center", va="center", fontsize=SMALL_PT, color=text_colour_on(colour),
                    bbox={"boxstyle": "round,pad=0.1", "fc": colour, "ec": "none"})
    handles = [Patch(facecolor=colours[i], hatch=HATCHES[i % len(HATCHES)], edgecolor="white",
                     label=level) for i, level in enumerate(order)]
    ncol = min(len(order), 3)
    rows = -(-len(handles) // ncol)
    # matplotlib fills legend columns first; reorder so the levels read across, row by row
    by_row = [handles[r * ncol + c] for c in range(ncol) for r in range(rows)
              if r * ncol + c < len(handles)]
    ax.legend(handles=by_row, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=ncol,
              frameon=False)
    return fig


def _n_text(n: int, rule: disclosure.Rule | None) -> str:
    """An item's number of answers as the edition shows it."""
    return str(n) if rule is None else disclosure.record("figure", n, rule.text(n))
