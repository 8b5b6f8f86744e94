"""The PAIRS outcome measures: the table of instruments, and LOAF levels counted.

Built from :mod:`helpers.pairs.instruments`, so the table and the scoring never disagree.

Conventions
-----------
* Scores are in instrument points: MORS-SF subscales 0-35 (sum of 7 items), PRFQ total 18-126
  (sum), PRFQ subscales 1-7 (item mean), PAI 21-84, goal score 0-10 (mean of a parent's goal
  ratings), LOAF caregiving level 1-4 (higher = more impaired).
* "At a concern level" on MORS-SF = warmth below 20 or invasion above 12
  (:func:`helpers.pairs.instruments.mors_concern`, Oates & Gervai 2019 as quoted by the report).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
from great_tables import GT

from helpers.counts import count_table
from helpers.formatting import number, pct
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
)
from helpers.scoring import Instrument
from helpers.words import join_words

__all__ = [
    "LOAF_BEST",
    "measures_frame",
    "measures_gt",
    "loaf_level_words",
    "loaf_levels_words",
    "loaf_counts",
    "LoafRatings",
    "loaf_ratings",
    "loaf_shares_phrase",
]

#: The best (least impaired) LOAF caregiving level, from the instrument definition.
LOAF_BEST: int = min(LOAF_LEVELS)


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
        .tab_source_note("PIP = parent-infant psychotherapy; TT = Together Time. A MORS-SF "
                         "subscale with one item missing is prorated (this book's rule): the "
                         "missing item counts as the mean of the answered ones.")
    )


def loaf_level_words(level: int) -> str:
    """A LOAF caregiving level with its name from the instrument definition.

    >>> loaf_level_words(1)
    'level 1 (well adapted to good enough)'
    """
    if level not in LOAF_LEVELS:
        raise ValueError(f"LOAF has levels {min(LOAF_LEVELS)}-{max(LOAF_LEVELS)}, not {level!r}")
    return f"level {level} ({LOAF_LEVELS[level]})"


def loaf_levels_words(levels: tuple[int, ...]) -> str:
    """Several LOAF levels with their names ("levels 3 (…) and 4 (…)"); one level as
    :func:`loaf_level_words`.

    >>> loaf_levels_words((3, 4))
    'levels 3 (compromised to disturbed) and 4 (disordered to dangerous)'
    >>> loaf_levels_words((2,))
    'level 2 (strained to concerning)'
    """
    if len(levels) == 1:
        return loaf_level_words(levels[0])
    named = [loaf_level_words(lvl).removeprefix("level ") for lvl in sorted(levels)]
    return f"levels {join_words(named)}"


def loaf_counts(levels: pd.Series) -> pd.DataFrame:
    """:func:`helpers.counts.count_table` of LOAF levels 1-4 with their names; missing kept."""
    labels = {k: f"{k} {v}" for k, v in LOAF_LEVELS.items()}
    values = levels.astype("Int64").astype(object).where(levels.notna(), None)
    return count_table(values, order=list(LOAF_LEVELS), labels=labels)


@dataclass(frozen=True)
class LoafRatings:
    """LOAF caregiving ratings: how many were given, to how many people, and per level.

    ``by_level`` maps every level of :data:`~helpers.pairs.instruments.LOAF_LEVELS` (1-4) to its
    number of ratings (0 where none); a person rated twice counts twice.
    """

    ratings: int
    people: int
    by_level: Mapping[int, int]

    def at_or_worse(self, level: int) -> int:
        """Ratings at ``level`` or a higher (worse) level.

        >>> LoafRatings(9, 7, {1: 5, 2: 3, 3: 0, 4: 1}).at_or_worse(2)
        4
        """
        return sum(n for lvl, n in self.by_level.items() if lvl >= level)

    @property
    def below_best(self) -> int:
        """Ratings worse than :data:`LOAF_BEST` (every level but the best).

        >>> LoafRatings(9, 7, {1: 5, 2: 3, 3: 0, 4: 1}).below_best
        4
        """
        return sum(n for lvl, n in self.by_level.items() if lvl > LOAF_BEST)

    @property
    def some_rated_more_than_once(self) -> bool:
        """Whether there are more ratings than people rated.

        >>> LoafRatings(9, 7, {1: 9, 2: 0, 3: 0, 4: 0}).some_rated_more_than_once
        True
        """
        return self.ratings > self.people


def loaf_ratings(frame: pd.DataFrame, person: str) -> LoafRatings:
    """:class:`LoafRatings` of the rated rows of ``frame`` (column ``loaf_level``); ``person`` is
    the column naming who was rated (``client_id`` for PIP, ``participant_id`` for TT).

    >>> f = pd.DataFrame({"client_id": ["A", "A", "B", "C"], "loaf_level": [1, 2, 2, None]})
    >>> r = loaf_ratings(f, "client_id")
    >>> r.ratings, r.people, dict(r.by_level)
    (3, 2, {1: 1, 2: 2, 3: 0, 4: 0})
    """
    rated = frame.dropna(subset=["loaf_level"])
    levels = rated["loaf_level"].astype("int64")
    return LoafRatings(ratings=len(rated), people=int(rated[person].nunique()),
                       by_level={lvl: int((levels == lvl).sum()) for lvl in LOAF_LEVELS})


def loaf_shares_phrase(ratings: LoafRatings) -> str:
    """Every LOAF level with its count and share of the ratings, as one clause.

    Reads "level 1 (…) accounted for 5 of 9 (56%), level 2 (…) for 3 of 9 (33%), …"; levels
    with no ratings are named with "none". Raises ``ValueError`` when there are no ratings.

    >>> loaf_shares_phrase(LoafRatings(4, 3, {1: 1, 2: 3, 3: 0, 4: 0}))
    'level 1 (well adapted to good enough) accounted for 1 of 4 (25%), level 2 (strained to concerning) for 3 of 4 (75%), level 3 (compromised to disturbed) for none and level 4 (disordered to dangerous) for none'
    """
    if ratings.ratings == 0:
        raise ValueError("loaf_shares_phrase: there are no ratings to describe")
    parts = []
    for i, (level, n) in enumerate(ratings.by_level.items()):
        share = pct(n, ratings.ratings) if n else "none"
        verb = "accounted for " if i == 0 else "for "
        parts.append(f"{loaf_level_words(level)} {verb}{share}")
    return join_words(parts)
