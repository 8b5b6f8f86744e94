"""Tests of helpers.formatting: APA strings, rounding convention, agreement with great_tables cells."""

from __future__ import annotations

import numpy as np
import pytest
from great_tables import vals

from helpers.formatting import (
    MINUS,
    apa_p,
    apa_t,
    ci,
    integer,
    mean_sd,
    number,
    pct,
    percent,
    prose_paired,
)
from helpers.published import published
from helpers.stats.paired import paired_comparison


@pytest.mark.parametrize(
    ("p", "text"),
    [(0.0129, "p = .013"), (0.013, "p = .013"), (0.05, "p = .050"), (0.001, "p = .001"),
     (0.00099, "p < .001"), (0.0, "p < .001"), (0.127, "p = .127"), (0.9996, "p > .999"),
     (1.0, "p > .999"), (np.float64(0.169), "p = .169")],
)
def test_apa_p(p: float, text: str) -> None:
    assert apa_p(p) == text


def test_apa_p_rejects_impossible_values() -> None:
    for bad in (float("nan"), -0.1, 1.5, None, "0.05"):
        with pytest.raises(ValueError):
            apa_p(bad)  # type: ignore[arg-type]
    assert apa_p(0.0123, decimals=2) == "p = .01"
    assert apa_p(0.004, decimals=2) == "p < .01"


def _published_core10_result():
    row = published("parenting-under-pressure")["table_1_paired"][0]
    n, (mean, sd) = row["n"], row["diff"]
    z = np.linspace(-1, 1, n) ** 3
    d = mean + sd * (z - z.mean()) / z.std(ddof=1)
    return paired_comparison(d + 10, np.full(n, 10.0))


def test_apa_t_reproduces_published_string() -> None:
    # Table 1, CORE-10, all: t(16) = 2.80, p = .013 (from the printed mean and SD of differences)
    assert apa_t(_published_core10_result()) == "t(16) = 2.80, p = .013"


def test_apa_t_negative_and_degenerate() -> None:
    r = paired_comparison([1, 2, 3, 4], [2, 4, 3, 6])
    assert apa_t(r).startswith(f"t(3) = {MINUS}")
    assert apa_t(paired_comparison([3], [1])) == "t test not computable (fewer than two pairs)"
    assert apa_t(paired_comparison([3, 4], [1, 2])) == "t test not computable (every difference is the same)"


def test_mean_sd_ci_pct_examples() -> None:
    assert mean_sd(14.1765, 7.5523) == "14.2 (7.6)"  # means and SDs: one decimal
    assert mean_sd(14.1765, 7.5523, decimals=2) == "14.18 (7.55)"
    assert mean_sd(0.8571, 0.3712, decimals=1) == "0.9 (0.4)"
    assert ci(1.0512, 7.6488) == "95% CI [1.05, 7.65]"
    assert ci(-1.2, 0.5, 1, confidence=0.9) == f"90% CI [{MINUS}1.2, 0.5]"
    assert ci(1, 2, confidence=0.975) == "97.5% CI [1.00, 2.00]"
    assert pct(24, 38) == "24 of 38 (63%)"
    assert pct(5, 9) == "5 of 9 (56%)"
    assert pct(16, 18, decimals=1) == "16 of 18 (88.9%)"
    assert pct(0, 4) == "0 of 4 (0%)"
    assert pct(5, 8) == "5 of 8 (63%)"  # half up, as readers round (62.5%)
    assert pct(33, 39, nested=True) == "33 of 39, 85%"  # for use inside brackets
    assert percent(63.157894) == "63%" and percent(88.888, 1) == "88.9%"
    assert integer(4171) == "4,171"


def test_bad_inputs_raise() -> None:
    with pytest.raises(ValueError, match="denominator"):
        pct(1, 0)
    with pytest.raises(ValueError):
        pct(5, 4)
    with pytest.raises(ValueError, match="above upper"):
        ci(2, 1)
    with pytest.raises(ValueError, match="no number"):
        number(float("nan"))
    with pytest.raises(ValueError, match="whole"):
        integer(2.5)
    with pytest.raises(ValueError, match="proportion"):
        ci(1, 2, confidence=95)


def test_rounding_is_half_up_on_the_decimal_value() -> None:
    assert number(0.125) == "0.13"      # a tie as written rounds up
    assert number(0.375) == "0.38"
    assert number(2.675) == "2.68"      # readers see 2.675, not the binary 2.67499999...
    assert number(2.5, 0) == "3" and number(3.5, 0) == "4"
    assert number(-2.5, 0) == f"{MINUS}3"  # half away from zero, symmetric
    assert number(-0.004) == "0.00"     # no signed zero
    assert number(-1.714) == f"{MINUS}1.71"
    assert number(0.68, leading_zero=False) == ".68"
    assert number(-0.5, 1, leading_zero=False) == f"{MINUS}.5"
    assert number(1234.5678, 1) == "1,234.6"


def test_prose_numbers_equal_table_cells() -> None:
    from helpers.tables import format_number

    rng = np.random.default_rng(3)
    values = np.concatenate([rng.normal(0, 50, 300), np.arange(-2, 2, 0.125)])
    for decimals in (0, 1, 2, 3):
        assert [number(v, decimals) for v in values] == [format_number(v, decimals)
                                                           for v in values]
        # and both agree with decimal half-up rounding of the value as written
        from decimal import ROUND_HALF_UP, Decimal
        expected = [f"{Decimal(repr(float(v))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP):,f}"
                    .replace("-", MINUS) for v in values]
        expected = [e[1:] if e.startswith(MINUS) and set(e[1:]) <= set("0.,") else e
                    for e in expected]
        assert [number(v, decimals) for v in values] == expected


def test_prose_paired_sentence() -> None:
    text = prose_paired(_published_core10_result(), "CORE-10", higher_is="worse")
    assert text.startswith("CORE-10 scores fell from 14.4 (SD ")  # means to one decimal
    assert ", an improvement;" in text
    assert f"; mean difference (pre {MINUS} post) 4.4, 95% CI [1.1, 7.6]" in text
    assert "; t(16) = 2.80, p = .013; *d*~z~ = 0.68, 95% CI [0.14, 1.20]" in text
    assert text.endswith("(17 pairs)")
    rose = prose_paired(paired_comparison([8, 9, 5], [12, 10, 9]), "CSI-4", higher_is="better")
    assert "CSI-4 scores rose" in rose and ", an improvement;" in rose
    worse = prose_paired(paired_comparison([8, 9, 5], [12, 10, 9]), "CORE-10", higher_is="worse")
    assert ", a deterioration;" in worse
    single = prose_paired(paired_comparison([3], [5]), "CSI-4")
    assert single == (f"CSI-4 scores rose from 3.0 to 5.0; mean difference (pre {MINUS} post) "
                      f"{MINUS}2.0; t test not computable (fewer than two pairs) (1 pair)")
