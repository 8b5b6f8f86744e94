"""Every published figure of the PAIRS report, recomputed from the shipped synthetic data.

One test per figure (id = its path in ``data/published/pairs.yaml``). A figure recorded as a
contradiction is asserted to be *that* contradiction (printed value as recorded, the data giving the
recorded value instead); a figure recorded as not held is asserted to be absent from the data. None
is skipped.
"""

from __future__ import annotations

import math

import pytest
from scipy import stats

from helpers.published import flatten, published
from helpers.pairs.reproduce import contradictions, matches, reproduced_figures, round_half_up

EVAL = "pairs"
_TABLE = reproduced_figures()
_ROWS = {row["path"]: row for row in _TABLE.to_dict("records")}
_ENTRY = {}
for _e in contradictions():
    for _p in _e["figures"]:
        _ENTRY.setdefault(_p, _e)


def _decimals(rule: str) -> int:
    if rule.startswith(("round:", "pct:")):
        return int(rule.split(":")[1])
    return 3  # p values (below:x) are recorded to three decimals


@pytest.mark.parametrize("path", list(_ROWS), ids=list(_ROWS))
def test_published_figure(path: str) -> None:
    row = _ROWS[path]
    entry = _ENTRY.get(path)
    kind = entry["kind"] if entry else None
    if kind == "not_held":
        assert row["reproduced"] is None and not row["matches"]
        assert row["note"] == entry["id"]
        return
    assert row["reproduced"] is not None, f"{path}: not computed from the data"
    if kind != "contradiction":
        assert row["matches"], f"{path}: printed {row['printed']!r}, data give {row['reproduced']!r}"
        if entry:
            assert row["note"] == entry["id"]
        return
    assert not row["matches"], f"{path} is recorded as a contradiction but now matches"
    assert row["note"] == entry["id"]
    expected = entry.get("data_by_figure", {}).get(path, entry["data"])
    got = round_half_up(row["reproduced"], _decimals(row["rule"]))
    assert got == pytest.approx(float(expected)), f"{path}: data give {got}, recorded {expected}"
    if not isinstance(entry["printed"], str):
        assert row["printed"] == entry["printed"]


def test_every_numeric_leaf_is_listed() -> None:
    numeric = {p for p, v in flatten(published(EVAL)).items()
               if isinstance(v, (int, float, bool))}
    assert numeric <= set(_ROWS)


def test_contradiction_entries_are_well_formed() -> None:
    leaves = set(flatten(published(EVAL)))
    ids = [e["id"] for e in contradictions()]
    assert len(ids) == len(set(ids))
    for entry in contradictions():
        assert set(entry["figures"]) <= leaves, entry["id"]
        assert entry["kind"] in {"contradiction", "reading", "not_held"}
        assert entry["explanation"].strip()


def test_rules_on_hand_computed_cases() -> None:
    assert round_half_up(73.585, 2) == 73.59
    assert round_half_up(-2.345, 2) == -2.35
    assert matches(74, 73.59, "pct:0")
    assert not matches(96.5, 275 / 285 * 100, "pct:2")
    assert matches("< .001", 0.0002, "below:0.001") and not matches("< .01", 0.022, "below:0.01")
    assert not matches(8, None, "exact")


def test_recorded_arithmetic_of_key_contradictions() -> None:
    """The contradictions follow from the printed figures alone, not from the synthetic data."""
    # warmth: t(58) = -2.35 cannot give p < .01
    assert 2 * stats.t.sf(2.35, 58) == pytest.approx(0.0222, abs=5e-4)
    assert stats.t.isf(0.005, 58) > 2.66
    # PRFQ end SD: two extra totals summing to 170 beside 76 with mean 5457/76, SD >= 9.995
    between = 76 * 2 / 78 * (85 - 5457 / 76) ** 2
    assert math.sqrt((75 * 9.995**2 + between) / 77) > 10.08
    # GRIM: 9.65 with n = 36 and 7.73 with n = 28 have no whole-number sum
    assert all(round_half_up(s / 36, 2) != 9.65 for s in range(300, 400))
    assert all(round_half_up(s / 28, 2) != 7.73 for s in range(150, 280))
    assert round_half_up(347 / 36 + (7 * 8 / 6 - 9) / 36, 2) == 9.65  # one total prorated
    # referral "Other": 37 of 358
    assert round_half_up(100 * 37 / 358, 1) == 10.3
