"""The audit's rules: each checks one kind of printed statement against the rest of it.

Every printed number stands for an interval: the printed value ± half a unit in its last place
(:class:`~helpers.audit.register.Printed`). A statement is *consistent* when some unrounded values
inside those intervals satisfy the arithmetic it implies; the rules never name a figure, only
kinds of statement. Conventions, each stated once:

* **p from the statistic** (test): the p-value range implied by the printed statistic's interval
  (two-sided unless ``tails: 1``; chi2 and F upper tail) must meet the printed p — its rounding
  interval for ``=``, the inequality for ``<`` and ``>``. An inconsistency whose printed p and
  implied p fall on different sides of .05 is *decision-changing* (as statcheck classifies).
* **Percentages**: ``100 · count / denominator`` must round to the printed value; a value that
  only truncation gives is *minor*; without a count, some count of the denominator must give it.
* **Totals**: exact counts must add up exactly; rounded parts (``rounded: true``) within the sum
  of their rounding intervals.
* **GRIM / GRIMMER** (mean_sd): a mean of n whole-number scores (or of scores that are means of
  ``items`` whole-number items) must be a multiple of 1/(n·items); an SD must come from a whole
  sum of squares of the same parity as the sum; mean and SD must fit the score's range.
* **Subgroups**: sizes add up exactly; the weighted mean of the parts and the SD rebuilt from
  their sums of squares must meet the whole's printed mean and SD.
* **Ratios**: numerator / denominator (× scale) must round to the printed value; whole-number
  parts are taken as exact.
* **Paired t**: mean difference / (SD / √n) must meet the printed t. When the differences are
  whole numbers (``items`` given), GRIM and GRIMMER fix the possible sums and sums of squares, so
  t (and p, when printed) are computed exactly from them.
* **Repeated figures**: every place must admit a common value (intervals that only touch, like
  34.1 and 34.2, do not).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import numpy as np

from helpers.audit.findings import Finding
from helpers.audit.register import Printed, Register, Statement

__all__ = ["audit", "RULES", "ALPHA"]

#: The significance level used to decide whether an inconsistency changes the decision.
ALPHA = 0.05
_EPS = 1e-9


def audit(register: Register) -> list[Finding]:
    """Apply the rule for each statement's kind; findings in register order."""
    out: list[Finding] = []
    for statement in register.statements:
        out.extend(RULES[statement.kind](statement))
    return out


def _finding(s: Statement, rule: str, printed: str, implied: str, severity: str) -> Finding:
    return Finding(s.id, s.where, rule, printed, implied, severity)


def _fmt(x: float, decimals: int = 3) -> str:
    return f"{x:.{decimals}f}".replace("-", "−")


# --- test results ---------------------------------------------------------------------------

def _p_of(test: str, stat: float, df, tails: int) -> float:
    from scipy import stats

    s = abs(stat)
    if test == "t":
        p = stats.t.sf(s, df) * tails
    elif test == "z":
        p = stats.norm.sf(s) * tails
    elif test == "chi2":
        p = stats.chi2.sf(stat, df)
    elif test == "F":
        p = stats.f.sf(stat, df[0], df[1])
    else:  # r, df = n - 2
        if s >= 1:
            return 0.0
        p = stats.t.sf(s * math.sqrt(df / (1 - s * s)), df) * tails
    return float(min(p, 1.0))


def p_range(test: str, statistic: Printed, df, tails: int = 2) -> tuple[float, float]:
    """Smallest and largest p the printed statistic allows (its rounding interval).

    >>> lo, hi = p_range("t", Printed(2.80, 2), 16.0)
    >>> round(lo, 4), round(hi, 4)
    (0.0127, 0.013)
    """
    if test in ("chi2", "F"):
        low_stat, high_stat = max(statistic.low, 0.0), statistic.high
    else:
        v = abs(statistic.value)
        low_stat, high_stat = max(v - statistic.half, 0.0), v + statistic.half
        if test == "r":
            high_stat = min(high_stat, 1.0)
    return _p_of(test, high_stat, df, tails), _p_of(test, low_stat, df, tails)


def _rule_test(s: Statement) -> list[Finding]:
    f = s.fields
    lo, hi = p_range(f["test"], f["statistic"], f["df"], f["tails"])
    p = f["p"]
    v = p.printed
    if p.comparator == "=":
        consistent = lo <= v.high + _EPS and hi >= v.low - _EPS
        printed_significant = v.value < ALPHA
    elif p.comparator == "<":
        consistent = lo < v.value + _EPS
        printed_significant = v.value <= ALPHA
    else:
        consistent = hi > v.value - _EPS
        printed_significant = not v.value >= ALPHA
    df_text = "/".join(_fmt(d, 0) for d in f["df"]) if isinstance(f["df"], list) else (
        "" if f["df"] is None or f["test"] == "z" else _fmt(f["df"], 0))
    label = f"{f['test']}({df_text}) = {f['statistic']}" if df_text else f"{f['test']} = {f['statistic']}"
    implied = f"p between {_fmt(lo, 4)} and {_fmt(hi, 4)} (from {label})"
    if consistent:
        severity = "consistent"
    else:
        implied_significant = hi < ALPHA
        implied_not = lo >= ALPHA
        changes = (printed_significant and implied_not) or (not printed_significant and implied_significant)
        severity = "decision-changing" if changes else "inconsistent"
    return [_finding(s, "p from statistic", str(p), implied, severity)]


# --- percentages ----------------------------------------------------------------------------

def _rule_percentage(s: Statement) -> list[Finding]:
    f = s.fields
    printed, n, k = f["printed"], f["denominator"], f["count"]
    if n == 0:
        return [_finding(s, "percentage", f"{printed}%", "a denominator of 0", "inconsistent")]
    possible = [j for j in range(n + 1) if printed.low - _EPS <= 100 * j / n <= printed.high + _EPS]
    scale = 10 ** printed.decimals
    if k is None:
        if possible:
            return [_finding(s, "percentage attainable", f"{printed}% of {n}",
                             " or ".join(f"{j} of {n}" for j in possible), "consistent")]
        near = _nearest_counts(printed.value, n)
        truncating = [j for j in range(n + 1)
                      if abs(math.floor(100 * j / n * scale + _EPS) / scale - printed.value) < _EPS]
        if truncating:
            return [_finding(s, "percentage attainable", f"{printed}% of {n}",
                             f"{truncating[0]} of {n} truncated, not rounded (nearest: {near})",
                             "minor")]
        return [_finding(s, "percentage attainable", f"{printed}% of {n}",
                         f"no count of {n} gives it (nearest: {near})", "inconsistent")]
    exact = 100 * k / n
    implied = f"{k} of {n} = {_fmt(exact, printed.decimals + 2)}%"
    if k in possible:
        return [_finding(s, "percentage", f"{printed}%", implied, "consistent")]
    truncated = math.floor(exact * scale + _EPS) / scale
    if abs(truncated - printed.value) < _EPS:
        return [_finding(s, "percentage", f"{printed}%", implied + " (truncated, not rounded)",
                         "minor")]
    if not possible:
        implied += f"; no count of {n} gives {printed}%"
    return [_finding(s, "percentage", f"{printed}%", implied, "inconsistent")]


def _nearest_counts(percent: float, n: int) -> str:
    below = math.floor(percent * n / 100)
    return " or ".join(f"{j} of {n} = {_fmt(100 * j / n, 1)}%" for j in (below, below + 1)
                       if 0 <= j <= n)


# --- totals ---------------------------------------------------------------------------------

def _rule_total(s: Statement) -> list[Finding]:
    f = s.fields
    parts, total = f["parts"], f["total"]
    if f["rounded"]:
        low, high = sum(p.low for p in parts), sum(p.high for p in parts)
        ok = low <= total.high + _EPS and high >= total.low - _EPS
        implied = f"parts add up to between {_fmt(low, 2)} and {_fmt(high, 2)}"
    else:
        sum_exact = sum(p.value for p in parts)
        ok = abs(sum_exact - total.value) < _EPS
        implied = f"parts add up to {_fmt(sum_exact, max(p.decimals for p in parts))}"
    return [_finding(s, "parts and total", str(total), implied, "consistent" if ok else "inconsistent")]


# --- means and SDs of whole-number scores ----------------------------------------------------

def grim_sums(mean: Printed, n: int, items: int = 1) -> list[int]:
    """Whole item totals K (sum over people of their item sums) that the printed mean allows.

    >>> grim_sums(Printed(3.48, 2), 25), grim_sums(Printed(3.49, 2), 13)
    ([87], [])
    """
    scale = n * items
    low, high = math.ceil(mean.low * scale - _EPS), math.floor(mean.high * scale + _EPS)
    return list(range(low, high + 1))


def grimmer_ok(mean: Printed, sd: Printed, n: int, items: int = 1) -> bool:
    """True if some whole sum K (GRIM) and whole sum of squares Q of the same parity give the SD."""
    if n < 2:
        return sd.low <= 0 + _EPS
    for k in grim_sums(mean, n, items):
        base = k * k / n
        lo = (n - 1) * (max(sd.low, 0.0) * items) ** 2 + base
        hi = (n - 1) * (sd.high * items) ** 2 + base
        q = math.ceil(lo - _EPS)
        if q % 2 != k % 2:
            q += 1
        if q <= hi + _EPS:
            return True
    return False


def _rule_mean_sd(s: Statement) -> list[Finding]:
    f = s.fields
    n, mean, sd, items = f["n"], f["mean"], f["sd"], f["items"]
    out = []
    sums = grim_sums(mean, n, items)
    unit = "scores" if items == 1 else f"means of {items} whole-number items"
    out.append(_finding(
        s, "GRIM", f"mean {mean} (n = {n})",
        (f"a whole total of {sums[0]} fits" if sums else
         f"no whole total of {n} {unit} gives a mean that rounds to {mean}"),
        "consistent" if sums else "inconsistent"))
    if sd is not None and sums:
        ok = grimmer_ok(mean, sd, n, items)
        out.append(_finding(s, "GRIMMER", f"SD {sd}",
                            "a whole sum of squares fits" if ok else
                            f"no whole sum of squares of {n} {unit} with this mean gives it",
                            "consistent" if ok else "inconsistent"))
    lo_b, hi_b = f["min"], f["max"]
    if lo_b is not None and hi_b is not None:
        inside = mean.high >= lo_b - _EPS and mean.low <= hi_b + _EPS
        out.append(_finding(s, "range", f"mean {mean}", f"scores run from {lo_b:g} to {hi_b:g}",
                            "consistent" if inside else "inconsistent"))
        if sd is not None and n > 1 and inside:
            m = min(max(mean.value, lo_b), hi_b)
            biggest = math.sqrt(max((m - lo_b) * (hi_b - m), 0.0) * n / (n - 1))
            ok = sd.low <= biggest + mean.half * 2 + _EPS
            out.append(_finding(s, "largest possible SD", f"SD {sd}",
                                f"at most {_fmt(biggest, 2)} for this mean and range",
                                "consistent" if ok else "inconsistent"))
    return out


# --- subgroups ------------------------------------------------------------------------------

def _rule_subgroups(s: Statement) -> list[Finding]:
    f = s.fields
    whole, parts = f["whole"], f["parts"]
    out = []
    n_sum = sum(p["n"] for p in parts)
    out.append(_finding(s, "subgroup sizes", f"n = {whole['n']}", f"groups add up to {n_sum}",
                        "consistent" if n_sum == whole["n"] else "inconsistent"))
    if n_sum != whole["n"] or n_sum == 0:
        return out
    n = np.array([p["n"] for p in parts], dtype=float)
    low = sum(p["n"] * p["mean"].low for p in parts) / n_sum
    high = sum(p["n"] * p["mean"].high for p in parts) / n_sum
    m = whole["mean"]
    ok = low <= m.high + _EPS and high >= m.low - _EPS
    out.append(_finding(s, "subgroup means", f"mean {m}",
                        f"the groups give between {_fmt(low, 3)} and {_fmt(high, 3)}",
                        "consistent" if ok else "inconsistent"))
    if whole["sd"] is not None and all(p["sd"] is not None for p in parts) and n_sum > 1:
        lo_sd, hi_sd = _whole_sd_range(parts, m)
        sd = whole["sd"]
        ok = lo_sd <= sd.high + _EPS and hi_sd >= sd.low - _EPS
        out.append(_finding(s, "subgroup SDs", f"SD {sd}",
                            f"the groups' sums of squares give between {_fmt(lo_sd, 3)} and "
                            f"{_fmt(hi_sd, 3)}", "consistent" if ok else "inconsistent"))
    return out


def _whole_sd_range(parts: list[dict], whole_mean: Printed) -> tuple[float, float]:
    """Range of the whole's SD over the rounding intervals of the parts' means and SDs.

    Evaluated on a grid of each interval's ends and middle (3 points each); the pooled SD is
    smooth in these, so the grid's extremes bound it to well within a rounding unit.
    """
    n = np.array([p["n"] for p in parts], dtype=float)
    total = n.sum()
    grids = []
    for p in parts:
        grids.append((p["mean"].low, p["mean"].value, p["mean"].high))
        grids.append((max(p["sd"].low, 0.0), p["sd"].value, p["sd"].high))
    combos = np.array(list(itertools.product(*grids)))
    means, sds = combos[:, 0::2], combos[:, 1::2]
    grand = (means * n).sum(axis=1) / total
    ss = ((n - 1) * sds ** 2 + n * (means - grand[:, None]) ** 2).sum(axis=1)
    sd = np.sqrt(ss / (total - 1))
    return float(sd.min()), float(sd.max())


# --- ratios, paired t, repeated figures -----------------------------------------------------

def _bounds(p: Printed) -> tuple[float, float]:
    """Whole numbers are exact counts here; decimals are rounded figures."""
    return (p.value, p.value) if p.decimals == 0 else (p.low, p.high)


def _rule_ratio(s: Statement) -> list[Finding]:
    f = s.fields
    (a_lo, a_hi), (b_lo, b_hi), scale = _bounds(f["numerator"]), _bounds(f["denominator"]), f["scale"]
    if b_lo <= 0:
        return [_finding(s, "ratio", str(f["printed"]), "a denominator of 0", "inconsistent")]
    low, high = a_lo / b_hi * scale, a_hi / b_lo * scale
    printed = f["printed"]
    ok = low <= printed.high + _EPS and high >= printed.low - _EPS
    implied = (f"{f['numerator']} / {f['denominator']}" + (f" × {scale:g}" if scale != 1 else "")
               + f" = {_fmt(low, printed.decimals + 2)}" + ("" if low == high else
                                                           f" to {_fmt(high, printed.decimals + 2)}"))
    return [_finding(s, "ratio", str(printed), implied, "consistent" if ok else "inconsistent")]


def _rule_paired_t(s: Statement) -> list[Finding]:
    f = s.fields
    n, md, sd, t = f["n"], f["mean_diff"], f["sd_diff"], f["t"]
    if n < 2 or sd.high <= 0:
        return [_finding(s, "t from mean and SD", f"t = {t}", "too few pairs", "inconsistent")]
    if f["items"] is not None:
        return _paired_t_exact(s)
    root = math.sqrt(n)
    a = (abs(md.value) - md.half, abs(md.value) + md.half)
    low = max(a[0], 0.0) / (sd.high / root)
    high = a[1] / (max(sd.low, 1e-12) / root)
    tv = abs(t.value)
    ok = low <= tv + t.half + _EPS and high >= tv - t.half - _EPS
    return [_finding(s, "t from mean and SD", f"t = {t}",
                     f"|t| between {_fmt(low, 3)} and {_fmt(high, 3)}",
                     "consistent" if ok else "inconsistent")]


def exact_paired_t(mean_diff: Printed, sd_diff: Printed, n: int, items: int = 1) -> list[float]:
    """Every |t| that whole-number differences with this printed mean and SD can give.

    GRIM gives the whole sums K of the differences (in item units), GRIMMER the whole sums of
    squares Q of the same parity; each (K, Q) fixes the mean and SD exactly, hence t.

    >>> [round(t, 4) for t in exact_paired_t(Printed(3.3, 1), Printed(6.99, 2), 10)]
    [1.4923]
    """
    values = []
    for k in grim_sums(mean_diff, n, items):
        base = k * k / n
        lo = (n - 1) * (max(sd_diff.low, 0.0) * items) ** 2 + base
        hi = (n - 1) * (sd_diff.high * items) ** 2 + base
        q = math.ceil(lo - _EPS)
        if q % 2 != abs(k) % 2:
            q += 1
        while q <= hi + _EPS:
            var = (q - base) / (n - 1)
            if var > 0:
                values.append(abs(k / n) / math.sqrt(var / n))
            q += 2
    return values


def _paired_t_exact(s: Statement) -> list[Finding]:
    from scipy import stats

    f = s.fields
    n, t, p = f["n"], f["t"], f["p"]
    ts = exact_paired_t(f["mean_diff"], f["sd_diff"], n, f["items"])
    if not ts:
        return [_finding(s, "t from whole-number differences", f"t = {t}",
                         "no whole-number differences give this mean and SD", "inconsistent")]
    size = abs(t.value)
    fits = [x for x in ts if size - t.half - _EPS <= x <= size + t.half + _EPS]
    shown = ", ".join(_fmt(x, 4) for x in sorted(set(round(x, 6) for x in ts))[:4])
    out = [_finding(s, "t from whole-number differences", f"t = {t}", f"|t| = {shown}",
                    "consistent" if fits else "inconsistent")]
    if p is not None:
        candidates = fits or ts
        ps = sorted(float(2 * stats.t.sf(x, n - 1)) for x in candidates)
        v = p.printed
        if p.comparator == "=":
            ok = any(v.low - _EPS <= q <= v.high + _EPS for q in ps)
        elif p.comparator == "<":
            ok = any(q < v.value + _EPS for q in ps)
        else:
            ok = any(q > v.value - _EPS for q in ps)
        severity = "consistent"
        if not ok:
            printed_sig = v.value < ALPHA if p.comparator == "=" else (
                v.value <= ALPHA if p.comparator == "<" else False)
            implied_sig = all(q < ALPHA for q in ps)
            implied_not = all(q >= ALPHA for q in ps)
            changes = (printed_sig and implied_not) or (not printed_sig and implied_sig)
            severity = "decision-changing" if changes else "inconsistent"
        out.append(_finding(s, "p from whole-number differences", str(p),
                            "p = " + ", ".join(_fmt(q, 4) for q in ps[:4]), severity))
    return out


def _rule_repeated(s: Statement) -> list[Finding]:
    values = s.fields["values"]
    low = max(v["printed"].low for v in values)
    high = min(v["printed"].high for v in values)
    ok = low < high - _EPS or all(v["printed"].value == values[0]["printed"].value for v in values)
    printed = "; ".join(f"{v['printed']} ({v['where']})" for v in values)
    return [_finding(s, "same figure twice", printed,
                     "one value fits every place" if ok else "no single value rounds to all of them",
                     "consistent" if ok else "inconsistent")]


RULES: dict[str, Callable[[Statement], list[Finding]]] = {
    "test": _rule_test,
    "percentage": _rule_percentage,
    "total": _rule_total,
    "mean_sd": _rule_mean_sd,
    "subgroups": _rule_subgroups,
    "ratio": _rule_ratio,
    "paired_t": _rule_paired_t,
    "repeated": _rule_repeated,
}
