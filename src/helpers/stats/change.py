"""Reliable and clinically significant change (Jacobson & Truax 1991).

Definitions
-----------
* Standard error of measurement ``SE = SD · √(1 − r)``, where ``SD`` is the standard deviation
  of the measure in a reference (usually pre-treatment) sample and ``r`` its reliability
  (e.g. Cronbach's α or test–retest r).
* Standard error of the difference ``S_diff = √2 · SE``.
* Reliable change index ``RCI = (post − pre) / S_diff`` — Jacobson & Truax's sign convention
  (post minus pre), so for a "higher is worse" measure a *negative* RCI is improvement. Note this
  is the opposite sign of the paired difference in :mod:`helpers.stats.paired` (pre − post).
* Reliable-change threshold in points ``1.96 · S_diff = 1.96 · SD · √2 · √(1 − r)``, or a
  published threshold in points (CORE-10: 6 points, Barkham et al. 2013).

Conventions (documented choices)
--------------------------------
* A change **exactly equal to the threshold counts as reliable** ("6 points or more"); a tolerance
  of 1e-9 points absorbs floating-point noise from prorated scores.
* The clinical range is set by ``clinical_if``: ``"at_or_above"`` (default; CORE-10 scores of
  11 or more are in the clinical range, Barkham et al. 2013), ``"above"``, ``"at_or_below"`` or
  ``"below"`` (e.g. CSI-4 below 13.5 = dissatisfied, Funk & Rogge 2007, with
  ``higher_is="better"``). A score exactly at the cut-off is clinical only with the ``at_or_*``
  rules.
* Categories (ordered, best first):

  - ``"recovered"``: reliable improvement **and** pre in the clinical range **and** post not;
  - ``"reliably improved"``: reliable improvement without that crossing (including people who
    started outside the clinical range, or who improved but are still in it);
  - ``"no reliable change"``;
  - ``"reliably deteriorated"``: reliable change in the worse direction (whatever the range).
* A missing pre or post score raises ``ValueError`` naming the positions: select complete pairs
  explicitly before classifying.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from helpers.counts import count_table
from helpers.stats.paired import _as_pairs, on_grid

__all__ = [
    "CHANGE_CATEGORIES",
    "reliable_change_threshold",
    "reliable_change_index",
    "in_clinical_range",
    "classify_change",
    "change_summary",
    "change_sensitivity",
]

CHANGE_CATEGORIES: tuple[str, ...] = (
    "recovered",
    "reliably improved",
    "no reliable change",
    "reliably deteriorated",
)
CHANGE_DTYPE = pd.CategoricalDtype(list(CHANGE_CATEGORIES), ordered=True)
#: Points of slack when comparing a change with the threshold (floating-point noise only).
TOLERANCE = 1e-9
Z_95 = 1.96

ClinicalRule = Literal["at_or_above", "above", "at_or_below", "below"]
ArrayLike = pd.Series | np.ndarray | Sequence[float]


def _check_sd_r(sd: float, reliability: float) -> None:
    if not sd > 0:
        raise ValueError(f"sd must be positive, got {sd!r}")
    if not 0 <= reliability < 1:
        raise ValueError(f"reliability must be in [0, 1), got {reliability!r}")


def reliable_change_threshold(sd: float, reliability: float, *, z: float = Z_95) -> float:
    """Smallest reliable change in score points: ``z · SD · √2 · √(1 − r)`` (Jacobson & Truax 1991).

    Parameters
    ----------
    sd : float
        SD of the measure in the reference sample, in score points.
    reliability : float
        Reliability coefficient, 0 ≤ r < 1.
    z : float
        Critical value; 1.96 for 95% two-sided.
    """
    _check_sd_r(sd, reliability)
    return z * sd * math.sqrt(2) * math.sqrt(1 - reliability)


def reliable_change_index(
    pre: ArrayLike, post: ArrayLike, sd: float, reliability: float
) -> pd.Series:
    """Jacobson–Truax RCI ``(post − pre) / (√2 · SD · √(1 − r))`` per person (unitless).

    |RCI| > 1.96 marks reliable change at the 95% level. ``pre`` and ``post`` are paired by
    position; a missing value raises ``ValueError``.
    """
    _check_sd_r(sd, reliability)
    x, y = _pairs(pre, post)
    return ((y - x) / (math.sqrt(2) * sd * math.sqrt(1 - reliability))).rename("rci")


def in_clinical_range(scores: ArrayLike, cutoff: float,
                      clinical_if: ClinicalRule = "at_or_above") -> pd.Series:
    """Boolean Series: is each score in the clinical range under ``clinical_if`` (see module)?

    Scores are compared on the tie grid of :func:`helpers.stats.paired.on_grid` (9 decimals), so
    a prorated or mean score equal to the cut-off in arithmetic is treated as equal to it.

    >>> in_clinical_range([10.999999999999998, 11.0, 10.9], 11).tolist()
    [True, True, False]
    """
    s = scores if isinstance(scores, pd.Series) else pd.Series(scores, dtype="float64")
    s = pd.Series(on_grid(s.astype("float64").to_numpy()), index=s.index)
    rules = {"at_or_above": s >= cutoff, "above": s > cutoff,
             "at_or_below": s <= cutoff, "below": s < cutoff}
    if clinical_if not in rules:
        raise ValueError(f"clinical_if must be one of {list(rules)}, got {clinical_if!r}")
    return rules[clinical_if]


def classify_change(
    pre: ArrayLike,
    post: ArrayLike,
    *,
    cutoff: float,
    reliable_change: float | None = None,
    sd: float | None = None,
    reliability: float | None = None,
    higher_is: Literal["worse", "better"] = "worse",
    clinical_if: ClinicalRule = "at_or_above",
) -> pd.Series:
    """Classify each person's change into the four ordered categories (see module notes).

    Parameters
    ----------
    pre, post : array-like of numbers
        Paired scores in score points (paired by position; Series must share the index).
    cutoff : float
        Clinical cut-off in score points (CORE-10: 11).
    reliable_change : float, optional
        Reliable-change threshold in points (CORE-10: 6). Give this **or** ``sd`` and
        ``reliability`` (threshold = 1.96 · SD · √2 · √(1 − r)).
    higher_is : {"worse", "better"}
        Direction of the measure; improvement is a fall for "worse", a rise for "better".
    clinical_if : {"at_or_above", "above", "at_or_below", "below"}
        Which side of the cut-off is the clinical range.

    Returns
    -------
    Series
        Ordered categorical with categories :data:`CHANGE_CATEGORIES`, same index as ``pre``.
    """
    threshold = _threshold(reliable_change, sd, reliability)
    if higher_is not in ("worse", "better"):
        raise ValueError(f"higher_is must be 'worse' or 'better', got {higher_is!r}")
    x, y = _pairs(pre, post)
    improvement = (x - y) if higher_is == "worse" else (y - x)  # points, positive = better
    improved = improvement >= threshold - TOLERANCE
    deteriorated = improvement <= -threshold + TOLERANCE
    crossed = in_clinical_range(x, cutoff, clinical_if) & ~in_clinical_range(y, cutoff, clinical_if)
    labels = np.select(
        [improved & crossed, improved, deteriorated],
        list(CHANGE_CATEGORIES[:2]) + [CHANGE_CATEGORIES[3]],
        default=CHANGE_CATEGORIES[2],
    )
    return pd.Series(pd.Categorical(labels, dtype=CHANGE_DTYPE), index=x.index, name="change")


def change_summary(categories: pd.Series) -> pd.DataFrame:
    """Counts and percentages of each change category, with the denominator stated.

    Percentages are of the classified people (valid responses); every category appears, zero
    counts included, followed by ``Missing`` and ``Total`` rows (see :func:`helpers.counts.count_table`).
    """
    return count_table(categories, order=list(CHANGE_CATEGORIES), denominator="valid")


def _threshold(reliable_change: float | None, sd: float | None,
               reliability: float | None) -> float:
    given_points = reliable_change is not None
    given_sd = sd is not None or reliability is not None
    if given_points == given_sd:
        raise ValueError("give either reliable_change (points) or both sd and reliability")
    if given_points:
        if not reliable_change > 0:  # type: ignore[operator]
            raise ValueError(f"reliable_change must be a positive number of points, got {reliable_change!r}")
        return float(reliable_change)  # type: ignore[arg-type]
    if sd is None or reliability is None:
        raise ValueError("deriving the threshold needs both sd and reliability")
    return reliable_change_threshold(sd, reliability)


def _pairs(pre: ArrayLike, post: ArrayLike) -> tuple[pd.Series, pd.Series]:
    """Paired float Series (shared checks with :mod:`.paired`); a missing score raises."""
    x, y = _as_pairs(pre, post, label="")
    missing = x.isna() | y.isna()
    if missing.any():
        where = ", ".join(map(str, x.index[missing][:20]))
        raise ValueError(f"{int(missing.sum())} of {len(x)} pairs have a missing pre or post "
                         f"score (index {where}); select complete pairs first")
    return x, y


def change_sensitivity(
    pre: ArrayLike,
    post: ArrayLike,
    criteria: dict[str, float],
    *,
    cutoff: float,
    higher_is: Literal["worse", "better"] = "worse",
    clinical_if: ClinicalRule = "at_or_above",
) -> pd.DataFrame:
    """Category counts under each reliable-change criterion, one row per criterion.

    Parameters
    ----------
    criteria : dict
        Name of the criterion -> threshold in score points (e.g. ``{"the report's 6 points": 6,
        "Jacobson–Truax, intake SD, α = .90": reliable_change_threshold(sd, 0.90)}``), in the
        order the rows should appear.
    cutoff, higher_is, clinical_if
        As in :func:`classify_change`.

    Returns
    -------
    DataFrame
        Columns ``criterion``, ``threshold`` (points), one column per category of
        :data:`CHANGE_CATEGORIES` (counts of people) and ``n`` (people classified).

    Examples
    --------
    >>> change_sensitivity([20, 20, 12], [14, 15, 10], {"6 points": 6, "4.5 points": 4.5},
    ...                    cutoff=15).iloc[:, :5].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'criterion': '6 points', 'threshold': 6.0, 'recovered': 1, 'reliably improved': 0,
      'no reliable change': 2},
     {'criterion': '4.5 points', 'threshold': 4.5, 'recovered': 1, 'reliably improved': 1,
      'no reliable change': 1}]
    """
    if not criteria:
        raise ValueError("change_sensitivity: give at least one criterion")
    rows = []
    for name, threshold in criteria.items():
        cats = classify_change(pre, post, cutoff=cutoff, reliable_change=threshold,
                               higher_is=higher_is, clinical_if=clinical_if)
        counts = cats.value_counts().reindex(list(CHANGE_CATEGORIES), fill_value=0)
        rows.append({"criterion": name, "threshold": float(threshold),
                     **{c: int(counts[c]) for c in CHANGE_CATEGORIES}, "n": int(len(cats))})
    return pd.DataFrame(rows)
