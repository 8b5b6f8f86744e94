"""Together Time paired outcomes shown: the forest plot of effect sizes and the paired table's
note on direction, both built from :func:`helpers.pairs.tt_outcomes.tt_paired_outcomes` (the
table itself is :func:`helpers.tables.paired_table`).

Conventions
-----------
* Differences are start − end (:mod:`helpers.stats.paired`); the figure's d_z is signed so that
  positive is an improvement (``improvement_dz``).
* The report's tests and the PRFQ subscales (added by this book) are set apart as two groups,
  each with its own Holm adjustment (:data:`helpers.pairs.tt_outcomes.TT_FAMILIES`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from helpers.figures import FIGURE_WIDTH, OKABE_ITO
from helpers.pairs.tt_outcomes import TT_FAMILIES
from helpers.words import join_words

__all__ = ["improvement_direction_note", "tt_effects_figure"]


def improvement_direction_note(outcomes: pd.DataFrame) -> str:
    """A table note saying, measure by measure, which sign of the difference (start − end) of
    :func:`~helpers.pairs.tt_outcomes.tt_paired_outcomes` is an improvement (column
    ``higher_is``).

    >>> improvement_direction_note(pd.DataFrame({"measure": ["A", "B", "C"],
    ...                                          "higher_is": ["better", "worse", "better"]}))
    'A difference that is an improvement is negative (a higher score at the end) for A and C; positive for B.'
    """
    names = outcomes.groupby("higher_is", sort=False)["measure"].agg(list).to_dict()
    if not names:
        raise ValueError("improvement_direction_note: no measures")
    sides = {"better": "negative (a higher score at the end)", "worse": "positive"}
    parts = [f"{sides[side]} for {join_words(names[side])}" for side in sides if side in names]
    return f"A difference that is an improvement is {'; '.join(parts)}."


def tt_effects_figure(outcomes: pd.DataFrame) -> Figure:
    """Forest plot of :func:`~helpers.pairs.tt_outcomes.tt_paired_outcomes`: d_z with its 95% CI, positive = improvement.

    Circles mark the report's tests, squares the PRFQ subscales (a dotted rule sets the two groups
    apart); each row is labelled with its n of pairs and the legend sits below the plot, off the
    data.
    """
    data = outcomes.iloc[::-1].reset_index(drop=True)
    fig = Figure(figsize=(FIGURE_WIDTH, 1.8 + 0.45 * len(data)), layout="constrained")
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    y = np.arange(len(data))
    for family, marker, colour in (("report", "o", OKABE_ITO["blue"]),
                                   ("subscales", "s", OKABE_ITO["vermillion"])):
        mask = (data["family"] == family).to_numpy()
        d = data[mask]
        ax.errorbar(d["improvement_dz"], y[mask],
                    xerr=[d["improvement_dz"] - d["improvement_dz_low"],
                          d["improvement_dz_high"] - d["improvement_dz"]],
                    fmt=marker, color=colour, capsize=3, markersize=6,
                    label=TT_FAMILIES[family].split(" (")[0])
    subscale_rows = y[(data["family"] == "subscales").to_numpy()]
    if 0 < len(subscale_rows) < len(data):
        ax.axhline(subscale_rows.max() + 0.5, color="#6E6E6E", linestyle=":", linewidth=1)
    ax.axvline(0, color="black", linewidth=1)
    labels = [f"{m} (n = {n})" for m, n in zip(data["measure"], data["n"], strict=True)]
    ax.set_yticks(y, labels, fontsize=9)
    ax.tick_params(axis="x", labelsize=9)
    ax.set_xlabel("Standardised change $d_z$ with 95% CI\n(right of 0 = improvement)", fontsize=9)
    ax.grid(axis="y", visible=False)
    fig.legend(loc="outside lower center", ncols=1, fontsize=9, frameon=False)
    return fig
