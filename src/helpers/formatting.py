"""The one place where numbers become text (APA 7th edition style).

Every function formats through :mod:`great_tables.vals` (``fmt_number``, ``fmt_percent``), the
same code that formats the book's table cells, so a number reads the same in a table and in
the prose.

Rounding
--------
great_tables rounds with Python's float formatting: **round-half-to-even applied to the exact
binary value of the float**. In practice a value that is exactly halfway in decimal is usually
not exactly halfway in binary (2.675 is stored as 2.67499999…, so it becomes "2.67"); true ties
such as 0.125 or 2.5 go to the even digit ("0.12", "2"). Statistical software that rounds half
up (e.g. SPSS output) can therefore differ in the last digit on exact ties; compare published
figures to unrounded values with a tolerance of half a unit in the last printed place.

Other conventions
-----------------
* Negative numbers use the typographic minus sign U+2212 ("−1.71"), as great_tables does; a
  value that rounds to zero is printed without a sign ("0.00").
* Thousands are separated with commas ("1,234").
* Statistics that cannot exceed 1 (p-values) have no leading zero (".013"), per APA.
* Missing or infinite values raise ``ValueError``: a chapter never prints "nan" by accident.
  Functions that take a whole result (:func:`apa_t`, :func:`prose_paired`) say in words when a
  test could not be computed.
"""

from __future__ import annotations

import math
from numbers import Real

from great_tables import vals

from helpers.stats.paired import PairedResult

__all__ = [
    "MINUS",
    "number",
    "integer",
    "apa_p",
    "apa_t",
    "mean_sd",
    "ci",
    "pct",
    "pct_row",
    "percent",
    "prose_paired",
    "join_words",
]

MINUS = "\u2212"


def _finite(x: object, what: str) -> float:
    if isinstance(x, bool) or not isinstance(x, Real):
        raise ValueError(f"{what} must be a number, got {x!r}")
    value = float(x)
    if not math.isfinite(value):
        raise ValueError(f"{what} is {value}; there is no number to print")
    return value


def number(x: float, decimals: int = 2, *, leading_zero: bool = True) -> str:
    """``x`` with ``decimals`` places, e.g. ``number(14.1765) == "14.18"``.

    Parameters
    ----------
    x : float
        Finite number.
    decimals : int
        Places after the decimal point (0 for whole numbers).
    leading_zero : bool
        False drops the zero before the point (APA, for values bounded by 1: ".68").
    """
    value = _finite(x, "value")
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more, got {decimals}")
    text = vals.fmt_number([value], decimals=decimals)[0]
    if not leading_zero:
        for sign in ("", MINUS):
            if text.startswith(sign + "0."):
                text = sign + text[len(sign) + 1:]
    return text


def integer(x: int) -> str:
    """A whole number with thousands separators ("1,234"); rejects non-whole values."""
    value = _finite(x, "count")
    if value != int(value):
        raise ValueError(f"count must be a whole number, got {x!r}")
    return number(value, 0)


def apa_p(p: float, decimals: int = 3, *, threshold: float = 0.05) -> str:
    """APA p-value: ``"p = .013"``, ``"p < .001"`` below 0.001, ``"p > .999"`` when it rounds to 1.

    Near ``threshold`` (the significance level, 0.05) more places are shown whenever rounding would
    put the printed value on, or across, the threshold, so a reader can tell which side p falls:
    0.0497 prints as ``"p = .0497"``, not ``"p = .050"`` (up to 6 places).
    Raises ``ValueError`` for a missing p or one outside [0, 1].

    >>> apa_p(0.0132), apa_p(0.0004), apa_p(0.0497), apa_p(0.0504), apa_p(0.0512)
    ('p = .013', 'p < .001', 'p = .0497', 'p = .0504', 'p = .051')
    """
    value = _finite(p, "p")
    if not 0 <= value <= 1:
        raise ValueError(f"p must be in [0, 1], got {p!r}")
    smallest = 10.0 ** -decimals
    if value < smallest:
        return "p < " + number(smallest, decimals, leading_zero=False)
    places = decimals
    while places < 6 and value != threshold:
        shown = round(value, places)
        if shown != threshold and (shown < threshold) == (value < threshold):
            break
        places += 1
    text = number(value, places, leading_zero=False)
    if text.startswith("1"):
        return "p > " + number(1 - smallest, decimals, leading_zero=False)
    return "p = " + text


def apa_t(result: PairedResult, decimals: int = 2) -> str:
    """``"t(16) = 2.80, p = .013"`` from a paired result.

    When the t test is undefined (n = 1, or all differences identical) it says so in words
    instead of raising, e.g. ``"t test not computable (fewer than two pairs)"``.
    """
    if math.isnan(result.t):
        reason = "fewer than two pairs" if result.n < 2 else "all differences are equal"
        return f"t test not computable ({reason})"
    return f"t({result.df}) = {number(result.t, decimals)}, {apa_p(result.p)}"


def mean_sd(mean: float, sd: float, decimals: int = 2) -> str:
    """``"14.18 (7.55)"``: mean with its SD in brackets, same number of places."""
    return f"{number(mean, decimals)} ({number(sd, decimals)})"


def ci(low: float, high: float, decimals: int = 2, *, confidence: float = 0.95) -> str:
    """``"95% CI [1.05, 7.65]"``. ``confidence`` is a proportion (0.95 = 95%)."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be a proportion in (0, 1), got {confidence!r}")
    if _finite(low, "lower limit") > _finite(high, "upper limit"):
        raise ValueError(f"lower limit {low} is above upper limit {high}")
    level = 100 * confidence
    level_text = number(level, 0) if abs(level - round(level)) < 1e-9 else number(level, 1)
    return f"{level_text}% CI [{number(low, decimals)}, {number(high, decimals)}]"


def pct(count: int, denominator: int, decimals: int = 0) -> str:
    """``"24 of 38 (63%)"``: a count, its denominator and the percentage.

    Raises ``ValueError`` for a zero denominator, a negative count or a count above the
    denominator.
    """
    k, n = _finite(count, "count"), _finite(denominator, "denominator")
    if n <= 0 or k < 0 or k > n:
        raise ValueError(f"need 0 <= count <= denominator and denominator > 0; got {count} of {denominator}")
    share = vals.fmt_percent([k / n], decimals=decimals)[0]
    return f"{integer(k)} of {integer(n)} ({share})"


def pct_row(row: "pd.Series | dict", count: str = "n", denominator: str = "denominator",
            decimals: int = 0) -> str:
    """:func:`pct` of one table row that carries its count and its denominator.

    >>> pct_row({"n": 5, "denominator": 8})
    '5 of 8 (62%)'
    """
    return pct(int(row[count]), int(row[denominator]), decimals)


def percent(value: float, decimals: int = 0) -> str:
    """A percentage already in 0-100 units (e.g. ``count_table``'s column): ``63.16 -> "63%"``."""
    return vals.fmt_percent([_finite(value, "percentage") / 100], decimals=decimals)[0]


def prose_paired(
    result: PairedResult,
    measure_name: str,
    *,
    decimals: int = 2,
    higher_is: str | None = None,
) -> str:
    """Sentence fragment for a chapter describing one paired comparison.

    Example: ``"CORE-10 scores fell from 14.18 (SD 7.55) to 9.82 (SD 6.46), a mean difference
    (pre − post) of 4.35, 95% CI [1.05, 7.65]; t(16) = 2.80, p = .013; d_z = 0.68, 95% CI [0.14,
    1.20] (n = 17 pairs)"``. With ``higher_is="worse"``/``"better"`` the direction of change is
    named ("in the direction of improvement"); whether it is reliable is left to the p-value and
    intervals printed alongside.
    """
    if higher_is not in (None, "worse", "better"):
        raise ValueError(f"higher_is must be None, 'worse' or 'better', got {higher_is!r}")
    fmt = lambda x: number(x, decimals)  # noqa: E731
    if result.diff_mean > 0:
        verb = "fell"
    elif result.diff_mean < 0:
        verb = "rose"
    else:
        verb = "did not change on average"
    start = f"{measure_name} scores {verb}"
    if result.n < 2:
        text = f"{start} from {fmt(result.pre_mean)} to {fmt(result.post_mean)}"
    else:
        text = (f"{start} from {fmt(result.pre_mean)} (SD {fmt(result.pre_sd)}) "
                f"to {fmt(result.post_mean)} (SD {fmt(result.post_sd)})")
    if higher_is is not None and result.diff_mean != 0:
        better = (result.diff_mean > 0) == (higher_is == "worse")
        text += f", in the direction of {'improvement' if better else 'deterioration'}"
    level = result.confidence
    text += f", a mean difference (pre {MINUS} post) of {fmt(result.diff_mean)}"
    if not math.isnan(result.diff_ci_low):
        text += f", {ci(result.diff_ci_low, result.diff_ci_high, decimals, confidence=level)}"
    text += f"; {apa_t(result, decimals)}"
    if not math.isnan(result.dz):
        text += (f"; d_z = {fmt(result.dz)}, "
                 f"{ci(result.dz_ci_low, result.dz_ci_high, decimals, confidence=level)}")
    return text + f" (n = {result.n} {'pair' if result.n == 1 else 'pairs'})"


def join_words(words: list[str], lower: bool = True) -> str:
    """``["A", "B", "C"] -> "a, b and c"`` (first letters lowered unless ``lower`` is False).

    The one way a list becomes words in prose. An empty list is an error: the caller says what
    "none" means in its own sentence.

    >>> join_words(["A closer bond"]), join_words(["Funding", "Going borough-wide", "X"])
    ('a closer bond', 'funding, going borough-wide and x')
    """
    if not words:
        raise ValueError("join_words: nothing to join")
    items = [w[:1].lower() + w[1:] if lower else w for w in words]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
