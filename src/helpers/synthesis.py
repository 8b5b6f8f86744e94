"""Evaluations side by side: standardised effects from any number of evaluations, in one shape.

Each evaluation package supplies its pre/post effects as a frame with :data:`EFFECT_COLUMNS`
(its own ``synthesis`` module); this module stacks them, checks them, draws them in one forest
plot and words what they show. It names no evaluation (the engine never does); the chapter passes
the frames in.

Conventions: ``dz`` is the standardised paired change d_z (mean change / SD of the changes) with
its 95% interval, **signed so that a positive value is an improvement** whichever way the
measure runs; ``n`` is the number of people with both measurements. Comparisons across
evaluations are descriptive: the designs, instruments and populations differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from helpers.words import count_of, effect_size_word

if TYPE_CHECKING:  # pragma: no cover
    from great_tables import GT
    from matplotlib.figure import Figure

__all__ = ["EFFECT_COLUMNS", "combine_effects", "effects_forest", "effects_sentence",
           "combine_stages", "stages_gt", "raised_in_all"]

#: Columns every evaluation's effects frame has, in this order.
EFFECT_COLUMNS: tuple[str, ...] = ("evaluation", "measure", "n", "dz", "dz_low", "dz_high")


def combine_effects(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Stack evaluations' effects frames (each with :data:`EFFECT_COLUMNS`), in the order given.

    >>> a = pd.DataFrame([["A", "Distress", 17, 0.68, 0.14, 1.20]], columns=EFFECT_COLUMNS)
    >>> combine_effects([a, a.assign(evaluation="B")])["evaluation"].tolist()
    ['A', 'B']
    """
    if not frames:
        raise ValueError("combine_effects: no effects to combine")
    for i, frame in enumerate(frames):
        missing = [c for c in EFFECT_COLUMNS if c not in frame.columns]
        if missing:
            raise KeyError(f"combine_effects: frame {i} lacks {missing}")
        if ((frame["dz_low"] > frame["dz"]) | (frame["dz"] > frame["dz_high"])).any():
            raise ValueError(f"combine_effects: frame {i} has an interval that excludes its estimate")
    return pd.concat([f[list(EFFECT_COLUMNS)] for f in frames], ignore_index=True)


def effects_sentence(effects: pd.DataFrame) -> str:
    """Per evaluation: how many outcomes improved with a 95% interval wholly above zero, and the
    size words (Cohen's benchmarks, :func:`helpers.words.effect_size_word`) of the estimates.

    >>> e = pd.DataFrame([["A", "x", 17, 0.68, 0.14, 1.2], ["A", "y", 17, 0.3, -0.1, 0.7],
    ...                   ["B", "z", 60, 0.1, -0.2, 0.4]], columns=EFFECT_COLUMNS)
    >>> effects_sentence(e)
    'A: one of the two outcomes improved with a 95% interval wholly above zero (estimates small to medium). B: its one outcome did not improve with a 95% interval wholly above zero (estimate negligible).'
    """
    parts = []
    for evaluation, rows in effects.groupby("evaluation", sort=False):
        clear, total = int((rows["dz_low"] > 0).sum()), len(rows)
        words = sorted({effect_size_word(d) for d in rows["dz"]},
                       key=["negligible", "small", "medium", "large"].index)
        size = (f"estimate {words[0]}" if total == 1 else f"estimates {words[0]}"
                if len(words) == 1 else f"estimates {words[0]} to {words[-1]}")
        head = (f"{count_of(clear, total, 'outcome')} improved with a 95% interval wholly above "
                "zero")
        if total == 1 and not clear:
            head = "its one outcome did not improve with a 95% interval wholly above zero"
        parts.append(f"{evaluation}: {head} ({size}).")
    return " ".join(parts)


def effects_forest(effects: pd.DataFrame, *,
                   xlabel: str = "Standardised change d$_z$\n(positive = improvement)") -> "Figure":
    """One row per outcome: d_z and its interval, evaluations set apart by marker shape, colour
    and a heading; ``n`` printed beside each label; a line at zero (no change)."""
    from helpers.figures import OKABE_ITO, new_figure

    markers = ["o", "s", "D", "^"]
    colours = [OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["bluish_green"], OKABE_ITO["black"]]
    rows = effects.reset_index(drop=True)
    fig, ax = new_figure(height=0.9 + 0.32 * (len(rows) + rows["evaluation"].nunique()))
    labels, y = [], 0
    for k, (evaluation, group) in enumerate(rows.groupby("evaluation", sort=False)):
        labels.append((y, evaluation, True))
        y += 1
        for row in group.itertuples(index=False):
            ax.errorbar(row.dz, y, xerr=[[row.dz - row.dz_low], [row.dz_high - row.dz]],
                        fmt=markers[k % 4], color=colours[k % 4], markersize=6, capsize=3,
                        linewidth=1.4)
            labels.append((y, f"{row.measure} (n = {row.n})", False))
            y += 1
    ax.axvline(0, color="#555555", linewidth=1, linestyle="--")
    ax.set_yticks([p for p, _, _ in labels], [text for _, text, _ in labels])
    for tick, (_, _, heading) in zip(ax.get_yticklabels(), labels):
        if heading:
            tick.set_fontweight("bold")
    ax.set_ylim(y - 0.5, -0.7)
    ax.set_xlabel(xlabel)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    return fig


def combine_stages(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Stack evaluations' stage counts (columns ``evaluation``, ``stage``, ``n``, ``unit``)."""
    columns = ["evaluation", "stage", "n", "unit"]
    for i, frame in enumerate(frames):
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise KeyError(f"combine_stages: frame {i} lacks {missing}")
    return pd.concat([f[columns] for f in frames], ignore_index=True)


def stages_gt(stages: pd.DataFrame) -> "GT":
    """How many people (or referrals) reached each stage, grouped by evaluation."""
    from great_tables import GT

    from helpers.formatting import integer

    shown = stages.assign(n=[integer(v) for v in stages["n"]])
    return (GT(shown, groupname_col="evaluation")
            .cols_label(stage="Stage", n="Number", unit="Counted as")
            .cols_align(align="right", columns=["n"])
            .tab_source_note("Counts as each evaluation's records define them; the units differ "
                             "(couples, parents, adults or referrals), so the stages are not "
                             "comparable row by row."))


def raised_in_all(*counts: int) -> bool:
    """True when a point was raised by someone in every evaluation (each count above zero).

    >>> raised_in_all(3, 10), raised_in_all(3, 0)
    (True, False)
    """
    return bool(counts) and all(int(c) > 0 for c in counts)
