"""Together Time (TT) levels before and after: MORS-SF concern levels and LOAF caregiving
ratings, with who moved in which direction.

Helper logic for the chapter "Did parent–infant relationships change?". Inputs are the frames of
:mod:`helpers.pairs.derived` (``tt_mors_concern``, ``tt_scored``).

Conventions
-----------
* "At a concern level" on MORS-SF = warmth below 20 or invasion above 12
  (:func:`helpers.pairs.instruments.mors_concern`); only parents with complete MORS-SF at both
  time points are compared.
* LOAF caregiving level 1-4, higher = more impaired; a move to a lower level is "better".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
from great_tables import GT

from helpers.formatting import apa_p
from helpers.pairs.instruments import (
    MORS_INVASION_CONCERN_ABOVE,
    MORS_WARMTH_CONCERN_BELOW,
)
from helpers.pairs.outcome_measures import LOAF_BEST, loaf_counts
from helpers.stats.sign import exact_sign_test

#: The LOAF levels the report counts together as the most impaired ("level 3-4").
LOAF_IMPAIRED_LEVELS: tuple[int, ...] = (3, 4)

__all__ = [
    "LOAF_IMPAIRED_LEVELS",
    "ConcernChange",
    "tt_concern_change",
    "concern_transition_table",
    "tt_loaf_levels",
    "LoafChange",
    "tt_loaf_change",
]


@dataclass(frozen=True)
class ConcernChange:
    """MORS-SF concern before and after, among parents with both subscales at both time points.

    ``stayed``, ``entered`` (not at concern before, at concern after), ``left`` (the reverse),
    ``neither``; ``mcnemar_p`` is the exact McNemar test, i.e. the exact sign test of ``left``
    against ``entered`` (:func:`helpers.stats.sign.exact_sign_test`, two-sided); NaN when nobody
    changed group, with the reason in ``note``.
    """

    n: int
    before: int
    after: int
    stayed: int
    entered: int
    left: int
    neither: int
    mcnemar_p: float
    note: str = ""


def tt_concern_change(concern: pd.DataFrame) -> ConcernChange:
    """Summarise :func:`helpers.pairs.derived.tt_mors_concern` (columns concern_pre, concern_post).

    Raises ``ValueError`` if a flag is missing (the frame should hold complete pairs only).
    """
    pre, post = concern["concern_pre"], concern["concern_post"]
    if pre.isna().any() or post.isna().any():
        raise ValueError("tt_concern_change: a concern flag is missing; pass complete pairs only")
    pre, post = pre.astype(bool), post.astype(bool)
    stayed, entered = int((pre & post).sum()), int((~pre & post).sum())
    left, neither = int((pre & ~post).sum()), int((~pre & ~post).sum())
    test = exact_sign_test(left, entered)
    return ConcernChange(n=len(concern), before=int(pre.sum()), after=int(post.sum()),
                         stayed=stayed, entered=entered, left=left, neither=neither,
                         mcnemar_p=test.p, note=test.note)


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
                         f"parents who changed group: {_p_text(change.mcnemar_p, change.note)}.")
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
    """LOAF ratings of Together Time at the start and the end.

    ``n`` children were rated at both time points; ``better``, ``same`` and ``worse`` count
    those who moved to a lower (better), the same or a higher (worse) level; ``sign_p`` is the
    exact sign test of ``better`` against ``worse`` (:func:`helpers.stats.sign.exact_sign_test`):
    with four broad levels the changes are a handful of one-level steps, which a rank test's
    normal approximation handles badly. NaN if nobody moved, with the reason in ``note``.
    ``largest_move`` is the largest number of levels any child moved (0 if nobody moved). The
    other fields count everyone rated at that time point: ``*_rated`` children, ``*_level_1`` at
    level 1 and ``*_level_3_or_4`` at :data:`LOAF_IMPAIRED_LEVELS`.
    """

    n: int
    better: int
    same: int
    worse: int
    sign_p: float
    start_level_3_or_4: int
    end_level_3_or_4: int
    start_rated: int
    end_rated: int
    start_level_1: int
    end_level_1: int
    largest_move: int = 0
    note: str = ""

    @property
    def single_steps(self) -> bool:
        """Whether every child who moved moved by one level (False if nobody moved)."""
        return self.largest_move == 1


def tt_loaf_change(scored: pd.DataFrame) -> LoafChange:
    """:class:`LoafChange` of :func:`helpers.pairs.derived.tt_scored` (columns
    ``participant_id``, ``timepoint``, ``loaf_level``)."""
    wide = scored.pivot(index="participant_id", columns="timepoint", values="loaf_level")
    both = wide.dropna(subset=["start", "end"]).astype("float64")
    diff = both["end"] - both["start"]
    test = exact_sign_test(int((diff < 0).sum()), int((diff > 0).sum()))
    rated = scored.dropna(subset=["loaf_level"])

    def per_timepoint(rows: pd.DataFrame) -> pd.Series:
        return rows.groupby("timepoint").size().reindex(["start", "end"], fill_value=0)

    everyone = per_timepoint(rated)
    level_1 = per_timepoint(rated[rated["loaf_level"] == LOAF_BEST])
    high = per_timepoint(rated[rated["loaf_level"].isin(LOAF_IMPAIRED_LEVELS)])
    return LoafChange(n=len(both), better=int((diff < 0).sum()), same=int((diff == 0).sum()),
                      worse=int((diff > 0).sum()), sign_p=test.p, note=test.note,
                      start_level_3_or_4=int(high["start"]), end_level_3_or_4=int(high["end"]),
                      start_rated=int(everyone["start"]), end_rated=int(everyone["end"]),
                      start_level_1=int(level_1["start"]), end_level_1=int(level_1["end"]),
                      largest_move=int(diff.abs().max()) if len(diff) else 0)


def _p_text(p: float, note: str) -> str:
    return note if math.isnan(p) else apa_p(p)
