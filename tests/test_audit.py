"""The audit of printed statistics: a clean register passes; each rule catches a planted error;
bad registers get a clear error; the p rule agrees with R's statcheck."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers.audit import RegisterError, audit, load_register
from helpers.audit.findings import is_problem
from helpers.audit.register import Register, Statement, parse_p, parse_printed

REFERENCE = Path(__file__).parent / "reference"
CLEAN = REFERENCE / "audit_clean.register.yaml"


def _register(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "planted.register.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _clean() -> dict:
    return yaml.safe_load(CLEAN.read_text(encoding="utf-8"))


def test_the_clean_register_gives_no_false_alarm():
    findings = audit(load_register(CLEAN))
    assert findings and all(f.severity == "consistent" for f in findings)
    kinds = {s.kind for s in load_register(CLEAN).statements}
    assert kinds == {"test", "percentage", "total", "mean_sd", "subgroups", "ratio", "paired_t",
                     "repeated"}


#: (statement id, field path, planted value, rule that must fire, severity)
PLANTED = [
    ("t-paired", ["p"], "= .13", "p from statistic", "decision-changing"),
    ("t-paired", ["p"], "= .015", "p from statistic", "inconsistent"),
    ("t-less-than", ["p"], "< .005", "p from statistic", "inconsistent"),
    ("t-ns", ["p"], "< .05", "p from statistic", "decision-changing"),
    ("f-test", ["p"], "= .029", "p from statistic", "inconsistent"),
    ("pct-exact", ["printed"], "70", "percentage", "inconsistent"),
    ("pct-one-decimal", ["printed"], "34.0", "percentage", "minor"),  # truncated
    ("pct-no-count", ["printed"], "16", "percentage attainable", "inconsistent"),
    ("counts-total", ["total"], 72, "parts and total", "inconsistent"),
    ("pct-total", ["total"], "110", "parts and total", "inconsistent"),
    ("mean-sum-score", ["mean"], "14.36", "GRIM", "inconsistent"),
    ("mean-item-mean", ["sd"], "0.62", "GRIMMER", "inconsistent"),
    ("mean-sum-score", ["mean"], "41.00", "range", "inconsistent"),
    ("mean-sum-score", ["sd"], "25.00", "largest possible SD", "inconsistent"),
    ("split-by-gender", ["whole", "n"], 13, "subgroup sizes", "inconsistent"),
    ("split-by-gender", ["whole", "mean"], "10.70", "subgroup means", "inconsistent"),
    ("split-by-gender", ["whole", "sd"], "3.30", "subgroup SDs", "inconsistent"),
    ("per-group", ["printed"], "5.85", "ratio", "inconsistent"),
    ("t-from-summary", ["t"], "2.90", "t from mean and SD", "inconsistent"),
    ("repeated-share", ["values", 0, "printed"], "34.2", "same figure twice", "inconsistent"),
    # the printed t and p allow p = .169, but whole-number differences with mean 3.3 and SD 6.99
    # fix t = 1.4923 and p = .1698 (prints .170): only the exact rule sees it
    ("t-whole-differences", ["p"], "= .169", "p from whole-number differences", "inconsistent"),
    ("t-whole-differences", ["mean_diff"], "3.35", "t from whole-number differences", "inconsistent"),
    ("t-negative-whole", ["t"], "-1.62", "t from whole-number differences", "inconsistent"),
    ("pct-truncated-no-count", ["printed"], "37.4", "percentage attainable", "inconsistent"),
    ("pct-sixths", ["printed"], "16", "percentage attainable", "minor"),  # 1 of 6 = 16.67 truncated
]


@pytest.mark.parametrize("sid, path, value, rule, severity", PLANTED,
                         ids=[f"{p[0]}-{p[3]}-{p[2]}" for p in PLANTED])
def test_a_planted_error_is_caught(tmp_path, sid, path, value, rule, severity):
    data = _clean()
    statement = next(s for s in data["statements"] if s["id"] == sid)
    target = statement
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    findings = audit(load_register(_register(tmp_path, data)))
    flagged = [f for f in findings if f.severity != "consistent"]
    assert [(f.statement, f.rule, f.severity) for f in flagged] == [(sid, rule, severity)]


def test_repeated_figures_that_touch_are_different_but_a_rounding_of_another_is_not():
    values = [{"where": "text", "printed": parse_printed("34.1")},
              {"where": "table", "printed": parse_printed("34.2")}]
    reg = Register("r", (Statement("x", "p. 3", "repeated", {"values": values}),))
    assert audit(reg)[0].severity == "inconsistent"
    values[1] = {"where": "table", "printed": parse_printed("34")}
    assert audit(reg)[0].severity == "consistent"


@pytest.mark.parametrize("change, message", [
    ({"kind": "regression"}, "unknown kind 'regression'"),
    ({"statistic": 2.8}, "write a printed decimal as a quoted string"),
    ({"tails": 3}, "tails: expected 1 or 2"),
    ({"colour": "red"}, "does not take ['colour']"),
    ({"where": ""}, "field 'where' is missing"),
])
def test_a_bad_register_names_file_statement_and_field(tmp_path, change, message):
    data = _clean()
    data["statements"][0].update(change)
    path = _register(tmp_path, data)
    with pytest.raises(RegisterError) as err:
        load_register(path)
    assert str(path) in str(err.value) and "statement 1 (t-paired)" in str(err.value)
    assert message in str(err.value)


def test_a_repeated_id_is_an_error(tmp_path):
    data = _clean()
    data["statements"][1]["id"] = "t-paired"
    with pytest.raises(RegisterError, match="id 't-paired' is used twice"):
        load_register(_register(tmp_path, data))


def test_the_command_line_exit_codes(tmp_path):
    run = lambda *a: subprocess.run([sys.executable, "-m", "helpers.audit", *map(str, a)],  # noqa: E731
                                    capture_output=True, text=True)
    clean = run(CLEAN)
    assert clean.returncode == 0 and "0 inconsistent, 0 decision-changing" in clean.stdout
    data = _clean()
    data["statements"][0]["p"] = "= .13"
    planted = run(_register(tmp_path, data))
    assert planted.returncode == 1
    assert ("Table 1, row 1 [t-paired] p from statistic: printed p = .13; the rest implies p "
            "between 0.0127 and 0.0130 (from t(16) = 2.80) — decision-changing") in planted.stdout
    broken = tmp_path / "broken.yaml"
    broken.write_text("statements: 3\n")
    assert run(broken).returncode == 2


STATCHECK = json.loads((REFERENCE / "stats_reference.json").read_text())["statcheck"]


@pytest.mark.parametrize("row", STATCHECK, ids=[r["text"] for r in STATCHECK])
def test_the_p_rule_agrees_with_statcheck(row):
    """statcheck (R, 1.4.0) classifies the same printed results. It does not read "chi2" written
    in ASCII (it expects the Greek letter), so that row has no statcheck verdict; there is no
    other disagreement."""
    test = row["test"]
    df = [row["df1"], row["df2"]] if test == "F" else float(row["df1"])
    fields = {"test": test, "statistic": parse_printed(row["statistic"]), "df": df,
              "p": parse_p(row["p"]), "tails": 2}
    finding = audit(Register("r", (Statement("s", "x", "test", fields),)))[0]
    if not isinstance(row.get("statcheck_error"), bool):
        assert test == "chi2"  # the one statement statcheck did not parse
        return
    assert is_problem(finding) == row["statcheck_error"], finding
    assert (finding.severity == "decision-changing") == row["statcheck_decision_error"], finding
