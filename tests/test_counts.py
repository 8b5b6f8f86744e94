"""Tests of helpers.counts: explicit Missing/Total rows, stated denominators, no silent drops."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.counts import count_crosstab, count_table


def test_valid_denominator_hand_computed() -> None:
    t = count_table(["a", "b", None, "a", np.nan], order=["a", "b", "c"], labels={"a": "Alpha"})
    assert list(t["category"]) == ["Alpha", "b", "c", "Missing", "Total"]
    assert list(t["n"]) == [2, 1, 0, 2, 5]
    assert t["percent"].iloc[:3].tolist() == pytest.approx([200 / 3, 100 / 3, 0.0])
    assert math.isnan(t["percent"].iloc[3]) and math.isnan(t["percent"].iloc[4])
    assert t["denominator"].iloc[0] == 3 and pd.isna(t["denominator"].iloc[3])
    assert t.attrs["denominator"] == "percentages of the 3 valid responses (2 missing not included)"


def test_all_denominator_hand_computed() -> None:
    t = count_table(["a", "b", None, "a", np.nan], order=["a", "b", "c"], denominator="all")
    assert t["percent"].tolist() == pytest.approx([40.0, 20.0, 0.0, 40.0, 100.0])
    assert set(t["denominator"]) == {5}
    assert "all 5 records" in t.attrs["denominator"]


def test_published_style_percentages() -> None:
    # 24 of 38 above the cut-off is printed as 63%
    t = count_table(["above"] * 24 + ["below"] * 14, order=["above", "below"])
    assert t.loc[t.category == "above", "percent"].item() == pytest.approx(63.157894736842)
    assert round(t.loc[t.category == "above", "percent"].item()) == 63


def test_value_outside_order_is_named() -> None:
    with pytest.raises(ValueError, match=r"'x' \(2 record\(s\), first at index 1\)"):
        count_table(["a", "x", "x"], order=["a"])


def test_default_order_categorical_and_numbers() -> None:
    cat = pd.Series(pd.Categorical(["hi", "lo"], categories=["lo", "mid", "hi"]))
    assert list(count_table(cat)["category"]) == ["lo", "mid", "hi", "Missing", "Total"]
    nums = pd.Series([10, 2, 2, pd.NA], dtype="Int64")
    t = count_table(nums)
    assert list(t["category"]) == ["2", "10", "Missing", "Total"]
    assert list(t["n"]) == [2, 1, 1, 4]


def test_empty_and_all_missing() -> None:
    t = count_table([None, None], order=["a"])
    assert list(t["n"]) == [0, 2, 2]
    assert math.isnan(t["percent"].iloc[0])  # no valid responses: no percentage


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="denominator"):
        count_table(["a"], denominator="valid responses")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="more than once"):
        count_table(["a"], order=["a", "a"])
    with pytest.raises(ValueError, match="distinct"):
        count_table(["a"], order=["a", "b"], labels={"a": "same", "b": "same"})
    with pytest.raises(ValueError, match="distinct"):
        count_table(["a"], order=["a"], labels={"a": "Missing"})


def test_crosstab_within_group_percentages() -> None:
    s = pd.Series(["a", "b", "a", "b", None])
    g = pd.Series(["m", "f", "f", "m", "m"])
    t = count_crosstab(s, g, order=["a", "b"], group_order=["m", "f"])
    m = t[t.group == "m"]
    assert list(m["n"]) == [1, 1, 1, 3]
    assert m["percent"].iloc[:2].tolist() == [50.0, 50.0]
    f = t[t.group == "f"]
    assert list(f["category"]) == ["a", "b", "Missing", "Total"] and list(f["n"]) == [1, 1, 0, 2]
    assert t.attrs["denominator"].startswith("within each group")


def test_crosstab_rejects_missing_or_unknown_groups() -> None:
    s = pd.Series(["a", "b"])
    with pytest.raises(ValueError, match=r"1 record\(s\) have no group \(index 1\)"):
        count_crosstab(s, pd.Series(["m", None]))
    with pytest.raises(ValueError, match="not among the allowed groups"):
        count_crosstab(s, pd.Series(["m", "x"]), group_order=["m"])
    with pytest.raises(ValueError, match="same index"):
        count_crosstab(s, pd.Series(["m", "f"], index=[5, 6]))
