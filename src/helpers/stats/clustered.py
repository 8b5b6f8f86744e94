"""Paired change when people come in clusters (both parents of a couple): is the answer the same?

Two partners' scores are not independent, so a paired t test over every parent overstates the
information. :func:`clustered_change` reruns the comparison three ways and returns them side by
side, so a chapter can say whether the conclusion survives:

``every person``
    the paired t test over all people, as in the main analysis (:func:`~helpers.stats.paired.paired_comparison`);
``cluster means``
    one row per cluster: each cluster's mean pre and mean post score, then the paired t test over
    clusters (a couple counts once, whether one or both partners answered);
``cluster-robust``
    the mean difference over all people with a cluster-robust (CR1) standard error and a t
    reference distribution with G − 1 degrees of freedom, G = number of clusters
    (statsmodels OLS of the difference on a constant, ``cov_type="cluster"``).

Conventions: difference = pre − post (as in :mod:`helpers.stats.paired`); intervals are 95% unless
``confidence`` says otherwise; p is two-sided. Fewer than two clusters gives ``NaN`` with a note.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers.stats.paired import paired_comparison

__all__ = ["CLUSTER_ANALYSES", "clustered_change"]

#: The three analyses, in the order of the rows :func:`clustered_change` returns.
CLUSTER_ANALYSES: tuple[str, ...] = ("every person", "cluster means", "cluster-robust")


def clustered_change(
    pre: Sequence[float] | pd.Series,
    post: Sequence[float] | pd.Series,
    clusters: Sequence[object] | pd.Series,
    *,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Mean change (pre − post) three ways: over people, over cluster means, cluster-robust.

    Parameters
    ----------
    pre, post : array-like of numbers
        Paired complete scores, one per person (a missing value raises, as in the main analysis).
    clusters : array-like
        Cluster of each person (e.g. couple id), same length.

    Returns
    -------
    DataFrame
        One row per analysis of :data:`CLUSTER_ANALYSES`, columns ``analysis``, ``units`` (people
        or clusters analysed), ``clusters``, ``diff_mean``, ``ci_low``, ``ci_high``, ``t``, ``df``,
        ``p`` and ``note``; unrounded.

    Examples
    --------
    >>> out = clustered_change([10, 12, 9, 15], [7, 10, 8, 9], ["a", "a", "b", "c"])
    >>> out[["analysis", "units", "clusters", "diff_mean"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'analysis': 'every person', 'units': 4, 'clusters': 3, 'diff_mean': 3.0},
     {'analysis': 'cluster means', 'units': 3, 'clusters': 3, 'diff_mean': 3.1666666666666665},
     {'analysis': 'cluster-robust', 'units': 4, 'clusters': 3, 'diff_mean': 3.0}]
    """
    frame = pd.DataFrame({"pre": np.asarray(pre, dtype=float), "post": np.asarray(post, dtype=float),
                          "cluster": list(clusters)})
    if frame[["pre", "post"]].isna().any().any():
        raise ValueError("clustered_change: a pre or post score is missing; pass complete pairs")
    if frame["cluster"].isna().any():
        raise ValueError("clustered_change: a person has no cluster")
    g = int(frame["cluster"].nunique())
    people = paired_comparison(frame["pre"], frame["post"], confidence=confidence)
    rows = [_row("every person", people.n, g, people.diff_mean, people.diff_ci_low,
                 people.diff_ci_high, people.t, people.df, people.p, people.note)]

    means = frame.groupby("cluster", sort=True)[["pre", "post"]].mean()
    if len(means) >= 2:
        by_cluster = paired_comparison(means["pre"], means["post"], confidence=confidence)
        rows.append(_row("cluster means", by_cluster.n, g, by_cluster.diff_mean,
                         by_cluster.diff_ci_low, by_cluster.diff_ci_high, by_cluster.t,
                         by_cluster.df, by_cluster.p, by_cluster.note))
    else:
        rows.append(_nan_row("cluster means", len(means), g))

    rows.append(_robust(frame, g, confidence))
    return pd.DataFrame(rows)


def _robust(frame: pd.DataFrame, g: int, confidence: float) -> dict:
    d = (frame["pre"] - frame["post"]).to_numpy()
    if g < 2 or len(d) < 2:
        return _nan_row("cluster-robust", len(d), g)
    import statsmodels.api as sm
    from scipy import stats

    codes = pd.factorize(frame["cluster"])[0]
    fit = sm.OLS(d, np.ones((len(d), 1))).fit(cov_type="cluster", cov_kwds={"groups": codes},
                                               use_t=True)
    est, se = float(fit.params[0]), float(fit.bse[0])
    if not se > 0:
        row = _nan_row("cluster-robust", len(d), g)
        row.update(diff_mean=est, note="every difference is the same: no robust standard error")
        return row
    df = g - 1
    t = est / se
    half = float(stats.t.ppf(1 - (1 - confidence) / 2, df)) * se
    p = float(2 * stats.t.sf(abs(t), df))
    return _row("cluster-robust", len(d), g, est, est - half, est + half, t, df, p, "")


def _row(analysis: str, units: int, clusters: int, diff_mean: float, lo: float, hi: float,
         t: float, df: int, p: float, note: str) -> dict:
    return {"analysis": analysis, "units": int(units), "clusters": int(clusters),
            "diff_mean": float(diff_mean), "ci_low": float(lo), "ci_high": float(hi),
            "t": float(t), "df": int(df), "p": float(p), "note": note}


def _nan_row(analysis: str, units: int, clusters: int) -> dict:
    nan = math.nan
    return _row(analysis, units, clusters, nan, nan, nan, nan, max(units - 1, 0), nan,
                "fewer than two clusters: nothing to compare")
