"""Every published figure of the Parenting Under Pressure report, recomputed from the shipped data.

One test per figure (id = its path in the published YAML). A figure recorded as a contradiction is
asserted to be *that* contradiction: the printed value is as recorded and the data give the
recorded value instead - not skipped.
"""

from __future__ import annotations

import pytest

from helpers.published import flatten, published
from helpers.pup.reproduce import contradictions, reproduced_figures, round_half_up

EVAL = "parenting-under-pressure"
_TABLE = reproduced_figures()
_ROWS = {row["path"]: row for row in _TABLE.to_dict("records")}
_CONTRADICTED = {p: e for e in contradictions() if e["kind"] == "contradiction" for p in e["figures"]}


def _decimals(rule: str) -> int:
    return int(rule.split(":")[1]) if rule.startswith("round:") else 0


@pytest.mark.parametrize("path", list(_ROWS), ids=list(_ROWS))
def test_published_figure(path: str) -> None:
    row = _ROWS[path]
    assert row["reproduced"] is not None, f"{path}: not computed from the data"
    entry = _CONTRADICTED.get(path)
    if entry is None:
        assert row["matches"], f"{path}: printed {row['printed']!r}, data give {row['reproduced']!r}"
        return
    assert not row["matches"], f"{path} is recorded as a contradiction but now matches"
    assert row["printed"] == entry["printed"]
    got = round_half_up(row["reproduced"], _decimals(row["rule"]))
    assert got == pytest.approx(float(entry["data"])), f"{path}: data give {got}, recorded {entry['data']}"
    assert row["note"] == entry["id"]


def test_every_numeric_leaf_is_listed() -> None:
    numeric = {p for p, v in flatten(published(EVAL)).items() if isinstance(v, (int, float, bool))}
    assert numeric <= set(_ROWS)


def test_contradiction_paths_exist() -> None:
    leaves = set(flatten(published(EVAL)))
    for entry in contradictions():
        assert set(entry["figures"]) <= leaves, entry["id"]
        assert entry["kind"] in {"contradiction", "reading"}
        assert entry["explanation"].strip()


def test_round_half_up() -> None:
    assert round_half_up(62.5) == 63
    assert round_half_up(37.5) == 38
    assert round_half_up(0.1698, 3) == 0.170
    assert round_half_up(-1.705, 2) == -1.71


def test_core10_post_sd_contradiction_by_arithmetic() -> None:
    """The recorded contradiction follows from GRIM-style arithmetic on the printed figures alone."""
    from helpers.pup.synthetic._search import grim_sums, ss_range

    assert grim_sums(17, 9.82, 2) == [167] and grim_sums(6, 6.33, 2) == [38]
    assert grim_sums(10, 10.4, 2) == [104]
    men, women = ss_range(6, 38, 2.50, 2), ss_range(10, 104, 5.85, 2)
    everyone = ss_range(17, 167, 6.46, 2)
    unknown = (167 - 38 - 104) ** 2  # the 17th person's post score is 25
    assert (men, women, everyone) == ([272], [1390], [2309])
    assert men[0] + women[0] + unknown == 2287 != everyone[0]
