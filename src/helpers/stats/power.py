"""Planning a future paired evaluation: pairs needed for a given power, and entrants needed.

Conventions: effect sizes are d_z (mean of the paired differences / their SD, Lakens 2013; sign
ignored); power and alpha are proportions; alpha is two-sided.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["PLANNING_POWER", "PLANNING_ALPHA", "paired_sample_size", "pairs_for_difference",
           "entrants_needed"]


#: Power and two-sided significance level assumed when planning a paired comparison.
PLANNING_POWER, PLANNING_ALPHA = 0.8, 0.05


def paired_sample_size(dz: float, *, power: float = PLANNING_POWER, alpha: float = PLANNING_ALPHA
                       ) -> int:
    """Pairs needed for a two-sided paired t test to detect ``dz`` with the given power.

    Uses :class:`statsmodels.stats.power.TTestPower` (one-sample / paired t, noncentral t), rounded
    up to whole people. ``dz`` is the standardised mean difference of the pairs (sign ignored).

    Examples
    --------
    >>> paired_sample_size(0.5)
    34
    """
    from statsmodels.stats.power import TTestPower

    if not math.isfinite(dz) or dz == 0:
        raise ValueError(f"paired_sample_size: effect size must be finite and non-zero, got {dz!r}")
    n = TTestPower().solve_power(effect_size=abs(dz), alpha=alpha, power=power,
                                 alternative="two-sided")
    return int(math.ceil(float(np.asarray(n).item()) - 1e-9))


def entrants_needed(pairs_needed: int, pairs_observed: int, entered_observed: int) -> int:
    """Parents who would have to enter therapy to yield ``pairs_needed`` usable pre/post pairs,
    if the share with usable pairs stayed at ``pairs_observed`` of ``entered_observed``."""
    if pairs_observed <= 0 or entered_observed < pairs_observed:
        raise ValueError("entrants_needed: need 0 < pairs_observed <= entered_observed")
    return int(math.ceil(pairs_needed * entered_observed / pairs_observed - 1e-9))


def pairs_for_difference(difference: float, sd_of_differences: float, *,
                         power: float = PLANNING_POWER, alpha: float = PLANNING_ALPHA) -> int:
    """Pairs needed to detect a change of ``difference`` points (e.g. a minimal important
    difference) when the paired differences have SD ``sd_of_differences`` points.

    Planning on a difference that matters, rather than on the effect a small study happened to
    observe, avoids building its sampling error into the next study. d_z = difference / SD.

    >>> pairs_for_difference(3.0, 6.0)  # d_z = 0.5
    34
    """
    if not (math.isfinite(sd_of_differences) and sd_of_differences > 0):
        raise ValueError(f"pairs_for_difference: SD must be positive, got {sd_of_differences!r}")
    return paired_sample_size(difference / sd_of_differences, power=power, alpha=alpha)
