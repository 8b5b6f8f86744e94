"""Paired (pre/post) comparison of one measure: means, t test, d_z with its interval, signed-rank test.

Conventions
-----------
* **Difference = pre − post.** For a measure where a higher score is worse (CORE-10, risk, argument
  scale) a *positive* difference is an improvement; for a measure where higher is better (CSI-4) a
  *negative* difference is an improvement. This matches the published tables ("difference
  (pre − post)").
* **Standard deviations** are sample SDs (``ddof=1``).
* **t test**: two-sided paired t test, :func:`scipy.stats.ttest_rel` (``t = mean_d / (sd_d/√n)``,
  ``df = n − 1``). The interval for the mean difference is the t-based interval
  ``mean_d ± t_{1−α/2, n−1} · sd_d/√n``, taken from the scipy result.
* **Effect size d_z** = mean difference / SD of the differences (Cohen 1988, §2.3.5; Lakens 2013).
  It is *not* pingouin's paired ``cohen-d``, which divides by the average of the pre and post SDs.
  Its interval is the exact noncentral-t interval (Steiger & Fouladi 1997; Kelley 2007, MBESS
  ``ci.sm``): find the noncentrality parameters for which the observed t is the upper and lower
  α/2 quantile and divide them by √n. The inversion uses :func:`scipy.special.nctdtrinc`.
* **Wilcoxon signed-rank test**: :func:`scipy.stats.wilcoxon` on the differences, two-sided,
  ``zero_method="wilcox"`` (pairs with a zero difference are *discarded* before ranking, Wilcoxon
  1945, as R's ``wilcox.test`` and SPSS do), tied absolute differences get average ranks, and
  **no continuity correction**. The p-value is exact where it can be: the exact null distribution
  when there are at most 50 non-zero differences and no ties; with ties or zeros, the exact
  *conditional* distribution of the observed ranks by exhaustive permutation for up to 13
  non-zero differences (as R's ``coin::wilcoxsign_test(distribution = "exact")``); above that,
  the normal approximation with the tie-corrected variance (SPSS's asymptotic p). This is scipy's
  ``method="auto"``; ``wilcoxon_method`` records which branch was used. The statistic is the
  smaller of the positive and negative rank sums. ``n_zero`` records how many zero differences
  were discarded.
* **Ties are judged on a grid.** Scores formed as means of items, or as prorated sums, carry
  floating-point noise: two differences that are equal in arithmetic (e.g. 2/3 and 2/3) can
  differ in the 16th digit and would be ranked as different. Differences are therefore put on a
  grid before ranking and before zeros are counted: multiples of ``resolution`` when it is given
  (an instrument's smallest step, :attr:`helpers.scoring.Instrument.resolution`), otherwise
  rounded to :data:`TIE_DECIMALS` decimal places (the idea of R's ``digits.rank``). The t test and
  d_z use the differences as computed.
* **Essentially constant differences.** When the standard error of the mean difference is below
  ``10 · machine epsilon · |mean difference|`` (R's ``t.test`` rule), the differences are treated
  as constant: t, p, d_z and its interval are ``NaN`` and ``note`` says why, instead of returning
  a t of 10^16.
* **d_z interval at large |t|.** For |t| ≤ :data:`EXACT_T_LIMIT` the noncentral-t inversion above
  is used; beyond it (where scipy's inversion loses accuracy and, above about 10^6, does not
  return) the limits use the large-noncentrality form ``λ = t · √(χ²_{df, q} / df)``, accurate
  to better than 1e-5 relative there (checked against numerical integration of the noncentral t).

Degenerate cases (never raised, always ``NaN`` with the reason in ``note``):

* ``n == 1``: SDs, interval, t, p and d_z are ``NaN`` (no variance can be estimated).
* every difference identical, or essentially so (see above): t, p, d_z and its interval are
  ``NaN``; the interval of the mean difference collapses to that value.
* no non-zero difference: the signed-rank statistic and p are ``NaN``.

Missing values are never dropped silently: a pair with a missing value on either side raises a
``ValueError`` naming how many and where, unless ``dropna=True`` is passed, in which case the
result records ``n_dropped``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from numbers import Real

import numpy as np
import pandas as pd

__all__ = ["PairedResult", "paired_comparison", "paired_table", "TIE_DECIMALS", "EXACT_T_LIMIT",
           "EXACT_MAX_N", "PERMUTATION_MAX_N", "CONFIDENCE", "on_grid", "dz_interval"]

#: The confidence level of every interval unless a caller asks for another (0.95 = 95%).
CONFIDENCE = 0.95
#: Decimal places to which differences are rounded before ranking when no resolution is given.
TIE_DECIMALS = 9
#: Signed-rank p-value branches (scipy's method="auto"): exact null distribution up to this many
#: non-zero differences without ties or zeros ...
EXACT_MAX_N = 50
#: ... and, with ties or zeros, exact conditional (all sign patterns) up to this many.
PERMUTATION_MAX_N = 13
#: Largest |t| for which the d_z interval inverts the noncentral t numerically.
EXACT_T_LIMIT = 300.0
#: R's t.test rule: the data are "essentially constant" when SE < this × machine eps × |mean|.
_CONSTANT_FACTOR = 10.0

ArrayLike = pd.Series | np.ndarray | Sequence[float]


@dataclass(frozen=True)
class PairedResult:
    """Result of :func:`paired_comparison`; every value is unrounded.

    Attributes
    ----------
    label : str
        Free label (e.g. ``"CORE-10, all"``), carried into :meth:`to_frame`.
    n : int
        Number of complete pairs analysed.
    n_dropped : int
        Pairs left out because a value was missing (only non-zero with ``dropna=True``).
    pre_mean, pre_sd, post_mean, post_sd : float
        Mean and sample SD (ddof = 1) of each occasion, in the measure's units.
    diff_mean, diff_sd : float
        Mean and SD of the differences **pre − post**, in the measure's units.
    diff_ci_low, diff_ci_high : float
        t-based confidence interval of ``diff_mean`` at ``confidence``.
    t, df, p : float
        Two-sided paired t test (``df = n − 1``).
    dz, dz_ci_low, dz_ci_high : float
        d_z = diff_mean / diff_sd and its exact noncentral-t interval.
    wilcoxon_stat, wilcoxon_p : float
        Two-sided signed-rank test, zero differences discarded (see module notes).
    n_zero : int
        Pairs with a zero difference (discarded by the signed-rank test only).
    confidence : float
        Confidence level of both intervals (0.95 = 95%).
    wilcoxon_method : str
        ``"exact"``, ``"exact conditional (permutation)"``, ``"normal approximation"`` or ``""``
        (no test: no non-zero difference).
    note : str
        Why some values are ``NaN`` (empty when none are), in words a table or sentence can show.
    """

    label: str
    n: int
    pre_mean: float
    pre_sd: float
    post_mean: float
    post_sd: float
    diff_mean: float
    diff_sd: float
    diff_ci_low: float
    diff_ci_high: float
    t: float
    df: int
    p: float
    dz: float
    dz_ci_low: float
    dz_ci_high: float
    wilcoxon_stat: float
    wilcoxon_p: float
    n_zero: int = 0
    n_dropped: int = 0
    confidence: float = CONFIDENCE
    wilcoxon_method: str = ""
    note: str = ""

    def to_frame(self) -> pd.DataFrame:
        """One-row DataFrame whose columns are the attributes above, in that order, unrounded.

        Round only when displaying (see :mod:`helpers.formatting`).
        """
        return pd.DataFrame([asdict(self)], columns=[f.name for f in fields(self)])


def paired_comparison(
    pre: ArrayLike,
    post: ArrayLike,
    *,
    label: str = "",
    confidence: float = CONFIDENCE,
    dropna: bool = False,
    resolution: float | None = None,
) -> PairedResult:
    """Compare paired scores of one measure before (``pre``) and after (``post``).

    Parameters
    ----------
    pre, post : array-like of numbers
        Scores of the same people in the same order (paired by position; two Series must share
        the same index). Units are those of the measure.
    label : str
        Carried into the result.
    confidence : float
        Level of the intervals, strictly between 0 and 1.
    dropna : bool
        If False (default) a pair with a missing value raises ``ValueError``; if True such pairs
        are left out and counted in ``n_dropped``.
    resolution : float, optional
        Smallest step of the score (1 for integer sums, 1/k for the mean of k integer items):
        differences are compared on this grid before ranking. A difference off the grid by more
        than a millionth of a step raises ``ValueError``. Default: round to ``TIE_DECIMALS``.

    Returns
    -------
    PairedResult
        Difference convention: pre − post (positive = lower score after).

    Raises
    ------
    ValueError
        Different lengths or indexes, non-numeric or infinite values, missing values without
        ``dropna=True``, no complete pair, or ``confidence`` outside (0, 1).
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence!r}")
    pre_s, post_s = _as_pairs(pre, post, label)
    missing = pre_s.isna() | post_s.isna()
    n_dropped = int(missing.sum())
    if n_dropped and not dropna:
        where = ", ".join(map(str, pre_s.index[missing][:20]))
        more = " ..." if n_dropped > 20 else ""
        raise ValueError(
            f"{_name(label)}{n_dropped} of {len(pre_s)} pairs have a missing pre or post value "
            f"(at index {where}{more}); pass dropna=True to analyse complete pairs only"
        )
    x = pre_s[~missing].to_numpy(dtype=float)
    y = post_s[~missing].to_numpy(dtype=float)
    n = len(x)
    if n == 0:
        raise ValueError(f"{_name(label)}no complete pair to compare")
    d = x - y
    df = n - 1
    nan = float("nan")
    sd = (lambda a: float(np.std(a, ddof=1))) if n > 1 else (lambda a: nan)
    diff_mean, diff_sd = float(d.mean()), sd(d)
    notes: list[str] = []

    t = p = dz = dz_lo = dz_hi = ci_lo = ci_hi = nan
    if n == 1:
        notes.append("one pair: no standard deviation, test or effect size")
    elif _essentially_constant(diff_mean, diff_sd, n):
        ci_lo = ci_hi = diff_mean  # every difference (essentially) identical
        notes.append("every difference is the same: t, p and d_z are undefined")
    else:
        from scipy import stats  # imported when first needed: chapters that only load data skip it

        test = stats.ttest_rel(x, y)
        t, p = float(test.statistic), float(test.pvalue)
        ci = test.confidence_interval(confidence_level=confidence)
        ci_lo, ci_hi = float(ci.low), float(ci.high)
        dz = diff_mean / diff_sd
        dz_lo, dz_hi = dz_interval(t, n, confidence)

    ranked = on_grid(d, resolution, label)
    nonzero = ranked[ranked != 0]
    n_zero = n - len(nonzero)
    w_stat = w_p = nan
    w_method = ""
    if len(nonzero):
        from scipy import stats

        w = stats.wilcoxon(nonzero, zero_method="wilcox", alternative="two-sided", method="auto")
        w_stat, w_p = float(w.statistic), float(w.pvalue)
        tied = len(np.unique(np.abs(nonzero))) < len(nonzero)
        if len(nonzero) <= EXACT_MAX_N and not tied and n_zero == 0:
            w_method = "exact"
        elif (tied or n_zero) and len(nonzero) <= PERMUTATION_MAX_N:
            w_method = "exact conditional (permutation)"
        else:
            w_method = "normal approximation"
    else:
        notes.append("no non-zero difference: no signed-rank test")

    return PairedResult(
        label=label, n=n,
        pre_mean=float(x.mean()), pre_sd=sd(x), post_mean=float(y.mean()), post_sd=sd(y),
        diff_mean=diff_mean, diff_sd=diff_sd, diff_ci_low=ci_lo, diff_ci_high=ci_hi,
        t=t, df=df, p=p, dz=dz, dz_ci_low=dz_lo, dz_ci_high=dz_hi,
        wilcoxon_stat=w_stat, wilcoxon_p=w_p, n_zero=n_zero, n_dropped=n_dropped,
        confidence=confidence, wilcoxon_method=w_method, note="; ".join(notes),
    )


def on_grid(values: np.ndarray, resolution: float | None = None, label: str = "") -> np.ndarray:
    """``values`` put on the grid ties are judged on (see module notes), in the same units.

    >>> on_grid(np.array([2 / 3, 1 - 1 / 3, 0.1 + 0.2])).tolist()
    [0.666666667, 0.666666667, 0.3]
    >>> on_grid(np.array([1 / 3 * 2, 2 / 3]), resolution=1 / 3).tolist()
    [0.6666666666666666, 0.6666666666666666]
    """
    values = np.asarray(values, dtype=float)
    if resolution is None:
        return np.round(values, TIE_DECIMALS)
    if not (math.isfinite(resolution) and resolution > 0):
        raise ValueError(f"{_name(label)}resolution must be a positive number, got {resolution!r}")
    steps = values / resolution
    whole = np.round(steps)
    off = np.abs(steps - whole) > 1e-6
    if off.any():
        raise ValueError(f"{_name(label)}{int(off.sum())} difference(s) are not multiples of the "
                         f"resolution {resolution!r} (first: {values[off][0]!r})")
    return whole * resolution


def _essentially_constant(mean: float, sd: float, n: int) -> bool:
    """R's ``t.test`` rule: SE of the mean below 10 · eps · |mean| (or exactly zero)."""
    se = sd / math.sqrt(n)
    return se == 0 or se < _CONSTANT_FACTOR * np.finfo(float).eps * abs(mean)


def paired_table(results: Sequence[PairedResult]) -> pd.DataFrame:
    """Stack several results into one tidy DataFrame (one row per result, unrounded)."""
    if not results:
        raise ValueError("no results to tabulate")
    return pd.concat([r.to_frame() for r in results], ignore_index=True)


def dz_interval(t: float, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Interval of d_z from the paired t statistic by inverting the noncentral t.

    The lower limit is λ_L / √n with P(T ≥ t | λ_L) = α/2 and the upper λ_U / √n with
    P(T ≤ t | λ_U) = α/2 (Steiger & Fouladi 1997), T noncentral t with ``n − 1`` df. For
    |t| ≤ :data:`EXACT_T_LIMIT`, ``scipy.special.nctdtrinc`` inverts the CDF; above, the
    large-noncentrality form λ = |t| · √(χ²_{df, q} / df) is used (and the sign restored),
    because the numerical inversion loses accuracy there and stops returning near |t| = 10^6.

    >>> [round(v, 4) for v in dz_interval(3.0, 17)]
    [0.1816, 1.2559]
    >>> lo, hi = dz_interval(1e8, 17); lo < 1e8 / 17 ** 0.5 < hi
    True
    """
    if not math.isfinite(t) or n < 2:
        return float("nan"), float("nan")
    from scipy import special, stats
    alpha = 1 - confidence
    df = n - 1
    root_n = math.sqrt(n)
    if abs(t) <= EXACT_T_LIMIT:
        lam_lo, lam_hi = special.nctdtrinc(df, [1 - alpha / 2, alpha / 2], t)
        return float(lam_lo) / root_n, float(lam_hi) / root_n
    q_lo, q_hi = stats.chi2.ppf([alpha / 2, 1 - alpha / 2], df)
    lo, hi = abs(t) * math.sqrt(q_lo / df), abs(t) * math.sqrt(q_hi / df)
    if t < 0:
        lo, hi = -hi, -lo
    return lo / root_n, hi / root_n


def _as_pairs(pre: ArrayLike, post: ArrayLike, label: str) -> tuple[pd.Series, pd.Series]:
    """Numeric Series of equal length and shared index; rejects text and infinite values."""
    pre_s, post_s = _numeric(pre, "pre", label), _numeric(post, "post", label)
    if len(pre_s) != len(post_s):
        raise ValueError(f"{_name(label)}pre has {len(pre_s)} values but post has {len(post_s)}")
    if isinstance(pre, pd.Series) and isinstance(post, pd.Series):
        if not pre_s.index.equals(post_s.index):
            raise ValueError(f"{_name(label)}pre and post Series have different indexes; "
                             "align them (same people, same order) before comparing")
    else:
        post_s.index = pre_s.index
    return pre_s, post_s


def _numeric(values: ArrayLike, side: str, label: str) -> pd.Series:
    """Float Series of ``values``; text (even "12"), booleans and infinities are rejected, not coerced."""
    s = values.copy() if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    obj = s.astype(object).where(pd.notna(s), None)
    is_number = obj.map(lambda v: v is None or (isinstance(v, Real) and not isinstance(v, bool)))
    converted = pd.to_numeric(obj.where(is_number, None), errors="coerce").astype("float64")
    bad = ~is_number | (obj.notna() & ~np.isfinite(converted.fillna(0.0)))
    if bad.any():
        where = ", ".join(f"{i}: {obj[i]!r}" for i in obj.index[bad][:10])
        raise ValueError(f"{_name(label)}{side} values that are not finite numbers ({where})")
    return converted


def _name(label: str) -> str:
    return f"{label}: " if label else ""
