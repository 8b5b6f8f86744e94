"""The one place where numbers become text: one display policy for prose, tables and figures.

Display policy (APA 7th edition style)
--------------------------------------
* **Decimals by quantity** (:data:`DECIMALS`): percentages of these small groups as whole numbers;
  means, SDs, mean differences and their intervals to one decimal; test statistics (t) and
  standardised effects (d_z, g) to two; p-values to three (more near .05, see :func:`apa_p`).
  Counts are whole numbers with thousands separators.
* **Rounding as readers expect**: half up on the decimal value as written (5 of 8 is 62.5%, shown
  as 63%; 2.675 shows as 2.68), not Python's round-half-even on the binary float. Compare
  published figures with the unrounded values, allowing half a unit in the last printed place.
* **One interval style**: "95% CI [1.1, 7.6]".
* **A count with its share**: "33 of 39 (85%)"; inside brackets write ``pct(k, n, nested=True)``,
  "33 of 39, 85%", so brackets never nest.
* Negative numbers use the typographic minus sign U+2212 ("−1.7"); a value that rounds to zero is
  printed without a sign ("0.0"). Statistics that cannot exceed 1 (p-values) have no leading zero.
* d_z is written :data:`DZ` (``*d*~z~``: italic d, subscript z, in both HTML and PDF).
* Missing or infinite values raise ``ValueError``: a chapter never prints "nan" by accident; tables
  show the en dash of :data:`helpers.tables.MISSING_TEXT`. Functions that take a whole result
  (:func:`apa_t`, :func:`prose_paired`) say in words when a test could not be computed.
* **Public edition** (:mod:`helpers.disclosure`): :func:`integer` and :func:`pct` treat their
  values as counts of people and apply the edition's rule (``*`` for 1–7, written
  :data:`helpers.disclosure.MARKDOWN_MARK`; others to the nearest 5; a percentage only beside
  counts that are shown); ``integer(x, count=False)`` is for whole numbers that are not counts
  (scale points, numbers of items), and ``pct(k, n, people=False)`` for a share of things that
  are not people (a worked example). :func:`apa_t` and :func:`prose_paired` withhold the results
  of a group whose size is suppressed. The internal edition is unchanged.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from numbers import Real
from typing import TYPE_CHECKING

from great_tables import vals

from helpers import disclosure
from helpers.stats.paired import PairedResult

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "MINUS",
    "DZ",
    "DECIMALS",
    "round_half_up",
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
]

MINUS = "\u2212"
#: d_z as prose writes it (Pandoc markdown: italic d, subscript z), in HTML and PDF alike.
DZ = "*d*~z~"
#: Decimal places by quantity (the display policy above).
DECIMALS: dict[str, int] = {"percent": 0, "mean": 1, "sd": 1, "difference": 1, "statistic": 2,
                            "effect": 2, "p": 3}


def round_half_up(x: float, decimals: int) -> float:
    """``x`` rounded half up on its decimal value as written (``repr``), as readers round.

    >>> round_half_up(62.5, 0), round_half_up(2.675, 2), round_half_up(-1.25, 1)
    (63.0, 2.68, -1.3)
    """
    step = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(x))).quantize(step, rounding=ROUND_HALF_UP))


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
    text = vals.fmt_number([round_half_up(value, decimals)], decimals=decimals)[0]
    if not leading_zero:
        for sign in ("", MINUS):
            if text.startswith(sign + "0."):
                text = sign + text[len(sign) + 1:]
    return text


def integer(x: int, *, count: bool = True) -> str:
    """A whole number with thousands separators ("1,234"); rejects non-whole values.

    In the public edition a ``count`` follows the edition's rule (``&#42;`` for 1–7, others to
    the nearest 5); pass ``count=False`` for a whole number that is not a count of people.
    """
    value = _finite(x, "count")
    if value != int(value):
        raise ValueError(f"count must be a whole number, got {x!r}")
    rule = disclosure.active_rule() if count and value >= 0 else None
    if rule is None:
        return number(value, 0)
    return disclosure.record("integer", int(value),
                             rule.text(int(value), disclosure.MARKDOWN_MARK))


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


def apa_t(result: PairedResult, decimals: int = DECIMALS["statistic"]) -> str:
    """``"t(16) = 2.80, p = .013"`` from a paired result.

    When the t test is undefined (n = 1, or all differences identical) it says so in words
    instead of raising, e.g. ``"t test not computable (fewer than two pairs)"``.
    """
    rule = disclosure.active_rule()
    if rule is not None and rule.suppressed(result.n):
        return disclosure.record("apa_t", result.n,
                                 f"t test withheld ({rule.words(result.n)} pairs)")
    if math.isnan(result.t):
        reason = "fewer than two pairs" if result.n < 2 else "every difference is the same"
        return f"t test not computable ({reason})"
    return f"t({result.df}) = {number(result.t, decimals)}, {apa_p(result.p)}"


def mean_sd(mean: float, sd: float, decimals: int = DECIMALS["mean"]) -> str:
    """``"14.2 (7.6)"``: mean with its SD in brackets, same number of places."""
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


def pct(count: int, denominator: int, decimals: int = DECIMALS["percent"], *,
        nested: bool = False, people: bool = True) -> str:
    """``"24 of 38 (63%)"``: a count, its denominator and the percentage (half up: 5 of 8 is 63%).

    ``nested=True`` gives ``"24 of 38, 63%"`` for use inside brackets. In the public edition the
    counts follow the edition's rule unless ``people=False`` (a share of things, not people).
    Raises ``ValueError`` for a zero denominator, a negative count or a count above the
    denominator.

    >>> pct(5, 8), pct(5, 8, nested=True), pct(1, 3, 1)
    ('5 of 8 (63%)', '5 of 8, 63%', '1 of 3 (33.3%)')
    """
    k, n = _finite(count, "count"), _finite(denominator, "denominator")
    if n <= 0 or k < 0 or k > n:
        raise ValueError(f"need 0 <= count <= denominator and denominator > 0; got {count} of {denominator}")
    rule = disclosure.active_rule() if people else None
    if rule is not None:
        text = _public_pct(int(k), int(n), decimals, nested, rule)
        disclosure.record("pct", int(n), text)
        return disclosure.record("pct", int(k), text)
    share = percent(100 * k / n, decimals)
    head = f"{integer(k, count=False)} of {integer(n, count=False)}"  # no rule applies here
    return f"{head}, {share}" if nested else f"{head} ({share})"


def _public_pct(k: int, n: int, decimals: int, nested: bool, rule: disclosure.Rule) -> str:
    """:func:`pct` in the public edition: each count as published, the share only beside both."""
    shown_k, shown_n = disclosure.count_pair(k, n, rule)
    mark = disclosure.MARKDOWN_MARK
    text = (f"{mark if shown_k is None else number(shown_k, 0)} of "
            f"{mark if shown_n is None else number(shown_n, 0)}")
    if shown_k is None or shown_n is None:
        return text
    share = percent(100 * k / n, decimals)
    return f"{text}, {share}" if nested else f"{text} ({share})"


def pct_row(row: "pd.Series | dict", count: str = "n", denominator: str = "denominator",
            decimals: int = 0) -> str:
    """:func:`pct` of one table row that carries its count and its denominator.

    >>> pct_row({"n": 5, "denominator": 8})
    '5 of 8 (63%)'
    """
    return pct(int(row[count]), int(row[denominator]), decimals)


def percent(value: float, decimals: int = 0) -> str:
    """A percentage already in 0-100 units (e.g. ``count_table``'s column): ``63.16 -> "63%"``.

    >>> percent(62.5), percent(12.345, 1)
    ('63%', '12.3%')
    """
    return number(_finite(value, "percentage"), decimals) + "%"


def prose_paired(
    result: PairedResult,
    measure_name: str,
    *,
    higher_is: str | None = None,
) -> str:
    """Sentence fragment for a chapter describing one paired comparison, in the display policy.

    Example: ``"CORE-10 scores fell from 14.2 (SD 7.6) to 9.8 (SD 6.5), an improvement; mean
    difference (pre − post) 4.4, 95% CI [1.1, 7.6]; t(16) = 2.80, p = .013; *d*~z~ = 0.68, 95% CI
    [0.14, 1.20] (17 pairs)"``. With ``higher_is="worse"``/``"better"`` the direction is named
    ("an improvement" / "a deterioration"); whether it is reliable is left to the p-value and
    intervals printed alongside.
    """
    if higher_is not in (None, "worse", "better"):
        raise ValueError(f"higher_is must be None, 'worse' or 'better', got {higher_is!r}")
    m, d, e = DECIMALS["mean"], DECIMALS["difference"], DECIMALS["effect"]
    if result.diff_mean > 0:
        verb = "fell"
    elif result.diff_mean < 0:
        verb = "rose"
    else:
        verb = "did not change on average"
    start = f"{measure_name} scores {verb}"
    rule = disclosure.active_rule()
    if rule is not None and rule.suppressed(result.n):
        return disclosure.record("prose_paired", result.n,
                                 f"{measure_name} scores are withheld: the group has "
                                 f"{rule.words(result.n)} pairs")
    if result.n < 2:
        text = f"{start} from {number(result.pre_mean, m)} to {number(result.post_mean, m)}"
    else:
        text = (f"{start} from {number(result.pre_mean, m)} (SD {number(result.pre_sd, m)}) "
                f"to {number(result.post_mean, m)} (SD {number(result.post_sd, m)})")
    if higher_is is not None and result.diff_mean != 0:
        better = (result.diff_mean > 0) == (higher_is == "worse")
        text += f", {'an improvement' if better else 'a deterioration'}"
    level = result.confidence
    text += f"; mean difference (pre {MINUS} post) {number(result.diff_mean, d)}"
    if not math.isnan(result.diff_ci_low):
        text += f", {ci(result.diff_ci_low, result.diff_ci_high, d, confidence=level)}"
    text += f"; {apa_t(result, DECIMALS['statistic'])}"
    if not math.isnan(result.dz):
        text += (f"; {DZ} = {number(result.dz, e)}, "
                 f"{ci(result.dz_ci_low, result.dz_ci_high, e, confidence=level)}")
    if rule is not None:
        return text + f" ({disclosure.record('prose_paired', result.n, rule.text(result.n))} pairs)"
    return text + f" ({result.n} {'pair' if result.n == 1 else 'pairs'})"
