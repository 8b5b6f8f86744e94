"""The appendices' calibration check and data dictionary (helpers.appendix) and the recorded
cases of the caveats appendix (helpers.recorded_cases).

Values are checked on the shipped synthetic data (the counts of the calibration check, single
rows a reader can find in the report) and on hand-made frames and cases at 0, 1 and many.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from helpers.appendix import (
    AGREES,
    DIFFERS,
    NOT_HELD,
    CalibrationSummary,
    calibration_rows,
    calibration_sentence,
    calibration_summary,
    calibration_table,
    data_columns_table,
    data_tables_table,
    dictionary_size_words,
    reproduced_figures,
    shown_value,
    size_words,
)
from helpers.recorded_cases import (
    KIND_WORDS,
    ContradictionCase,
    contradiction_cases,
    contradiction_notes,
    contradictions,
    recorded_cases_sentence,
)
from helpers.reproduce import FigureLabel, figure_labels

PUP, PAIRS = "parenting-under-pressure", "pairs"
_FIGURES = {PUP: reproduced_figures(PUP), PAIRS: reproduced_figures(PAIRS)}


def _rows(evaluation: str) -> pd.DataFrame:
    return calibration_rows(evaluation, _FIGURES[evaluation])


def _row(evaluation: str, section_start: str, figure: str) -> dict:
    rows = _rows(evaluation)
    hit = rows[rows["section"].str.startswith(section_start) & (rows["figure"] == figure)]
    assert len(hit) == 1, (section_start, figure)
    return hit.iloc[0].to_dict()


# ---------------------------------------------------------------- showing values


def test_values_are_shown_at_the_precision_compared_and_in_words() -> None:
    assert shown_value(13.5, "exact", 13.5) == "13.5"
    assert shown_value(20.0, "round:2", 20.0) == "20.00"
    assert shown_value(-1.7059, "round:2") == "\u22121.71"
    assert shown_value(96.491, "pct:2") == "96.49"
    assert shown_value(True, "exact") == "yes" and shown_value(False, "exact") == "no"
    assert shown_value(dt.date(2023, 12, 28), "date") == "28 December 2023"
    assert shown_value("2021-summer", "season") == "summer 2021"
    assert shown_value(0.00002, "below:0.001") == "p < .001"
    assert shown_value(float("nan"), "round:2") == "–"
    assert shown_value("certainly true", "held") == "certainly true"


# ---------------------------------------------------------------- the calibration check


def test_the_check_counts_on_the_shipped_data() -> None:
    assert calibration_summary(PUP, _FIGURES[PUP]) == CalibrationSummary(288, 285, 3, 0, 0, 10)
    assert calibration_summary(PAIRS, _FIGURES[PAIRS]) == CalibrationSummary(327, 312, 12, 3, 0, 23)
    assert calibration_summary(PAIRS, _FIGURES[PAIRS]).all_explained


@pytest.mark.parametrize("evaluation", [PUP, PAIRS])
def test_rows_name_figures_by_report_place_in_the_report_order(evaluation: str) -> None:
    rows = _rows(evaluation)
    assert len(rows) == len(_FIGURES[evaluation])
    assert list(rows.columns) == ["section", "figure", "printed", "records", "verdict", "case", "numeric"]
    order = figure_labels(evaluation).sections
    positions = [order.index(s) for s in rows["section"]]
    assert positions == sorted(positions)
    for path in _FIGURES[evaluation]["path"]:
        assert not rows["figure"].str.contains(path, regex=False).any()
    assert set(rows["verdict"]) <= {AGREES, DIFFERS, NOT_HELD}
    assert not rows[rows["verdict"] != AGREES]["case"].eq("").any()


def test_rows_a_reader_can_find_in_the_parenting_under_pressure_report() -> None:
    sd = _row(PUP, "Table 1", "CORE-10, everyone: post-therapy SD")
    assert (sd["printed"], sd["records"], sd["verdict"], sd["case"]) == ("6.46", "6.36", DIFFERS, "case 1")
    assert _row(PUP, "Table 1", "CORE-10, distressed at intake: pre-therapy mean")["printed"] == "20.00"
    measure = _row(PUP, "Table 1", "CORE-10, everyone: measure named")
    assert (measure["printed"], measure["records"], measure["numeric"]) == ("CORE-10", "held", False)
    manager = _row(PUP, "Section 4.1", "Cases referred, in the manager's round number")
    assert (manager["printed"], manager["records"], manager["verdict"]) == ("about 70", "71", AGREES)
    assert _row(PUP, "Section 2.4", 'Service satisfaction: share answering "certainly true", lowest item (%)')[
        "printed"] == "over 60"
    gender = _row(PUP, "Section 2.2", "Gender: women")
    assert (gender["verdict"], gender["case"]) == (AGREES, "case 3")


def test_rows_a_reader_can_find_in_the_pairs_report() -> None:
    p = _row(PAIRS, "Section 3.6.2", "MORS warmth, paired t-test: p")
    assert (p["printed"], p["records"], p["verdict"], p["case"]) == ("p < .01", "p = .022", DIFFERS, "case 9")
    asq = _row(PAIRS, "Section 2.2.2", "ASQ:SE-2 records (approximate number)")
    assert (asq["records"], asq["verdict"], asq["case"]) == ("–", NOT_HELD, "case 23")
    assert _row(PAIRS, "Section 3.4.1", "Psychotherapy appointments")["printed"] == "4,171"
    start = _row(PAIRS, "Section 2.2.1", "Psychotherapy engagement data: first appointment date")
    assert start["printed"] == start["records"] == "23 June 2015"
    assert _row(PAIRS, "Section 3.4.3", "Groups run by PAIRS: first season")["records"] == "autumn 2018"
    mothers = _row(PAIRS, "Table 3", "Role: mother (n)")
    assert (mothers["verdict"], mothers["case"]) == (AGREES, "case 13")


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["path", "section", "figure", "printed", "reproduced", "rule",
                                       "matches", "note"])


def test_hand_made_checks_at_zero_one_and_many() -> None:
    section = figure_labels(PUP).sections[1]
    empty = calibration_summary(PUP, _frame([]))
    assert empty == CalibrationSummary(0, 0, 0, 0, 0, 10)
    one = _frame([("x.y", section, "A count", 4, 4, "exact", True, "")])
    assert calibration_summary(PUP, one) == CalibrationSummary(1, 1, 0, 0, 0, 10)
    many = _frame([("x.y", section, "A count", 4, 5, "exact", False, ""),
                   ("x.z", section, "A mean", 1.25, 1.254, "round:2", True, ""),
                   ("table_1_paired.0.post.1", section, "An SD", 6.46, 6.36, "round:2", False, "")])
    check = calibration_summary(PUP, many)
    assert check == CalibrationSummary(3, 1, 2, 0, 1, 10) and not check.all_explained
    assert list(calibration_rows(PUP, many)["case"]) == ["", "", "case 1"]


def test_a_figure_named_by_two_cases_lists_both(monkeypatch: pytest.MonkeyPatch) -> None:
    entries = ({"id": "a", "figures": ["x.y"]}, {"id": "b", "figures": ["x.z"]},
               {"id": "c", "figures": ["x.y", "x.z"]})
    monkeypatch.setattr("helpers.appendix.load_contradictions", lambda evaluation: entries)
    section = figure_labels(PUP).sections[0]
    frame = _frame([("x.y", section, "A", 1, 1, "exact", True, "a"),
                    ("x.z", section, "B", 1, 2, "exact", False, "b")])
    assert list(calibration_rows(PUP, frame)["case"]) == ["cases 1 and 3", "cases 2 and 3"]


def test_the_table_groups_by_section_and_says_agreement_in_words() -> None:
    html = calibration_table(PUP, _FIGURES[PUP]).as_raw_html()
    assert 'id="calibration-parenting-under-pressure"' in html
    assert html.index("Section 1.5") < html.index("Section 2.1") < html.index("Table 1 (section 2.4)")
    assert "✗ differs" in html and "From the records" in html
    assert "table_1_paired" not in html and "intake_44" not in html
    assert "285 of 288 printed figures agree" in html


def test_the_sentence_reads_right_at_zero_one_and_many() -> None:
    assert calibration_sentence("X", CalibrationSummary(0, 0, 0, 0, 0, 0)) == (
        "For X, no printed figures were compared.")
    assert calibration_sentence("X", CalibrationSummary(2, 1, 1, 0, 0, 1)) == (
        "For X, 1 of 2 printed figures (50%) agrees with the records; one figure differs.")
    assert calibration_sentence("X", CalibrationSummary(5, 3, 1, 1, 0, 2)) == (
        "For X, 3 of 5 printed figures (60%) agree with the records; one figure differs and one "
        "figure is not in the service's records.")


# ---------------------------------------------------------------- recorded cases


def test_cases_are_numbered_in_file_order_with_readable_values() -> None:
    cases = contradiction_cases(PUP)
    assert [c.number for c in cases] == list(range(1, 11))
    first = cases[0]
    assert (first.id, first.kind_words, first.printed, first.records) == (
        "core10-post-sd-all", KIND_WORDS["contradiction"], "6.46", "6.36")
    assert first.where == ("Table 1 (section 2.4): scores before and after therapy — "
                           "CORE-10, everyone: post-therapy SD")
    assert (cases[1].printed, cases[1].records) == ("0.169", "0.170")
    pairs = contradiction_cases(PAIRS)
    assert (pairs[6].printed, pairs[6].records) == ("5.84", "6.00")
    assert pairs[20].records == "28 December 2023" and pairs[22].records == "not held"
    frame = contradictions(PAIRS)
    assert list(frame.columns) == ["case", "title", "kind", "where", "printed", "records", "explanation"]
    assert frame["kind"].value_counts().to_dict() == {"reading": 11, "contradiction": 10, "not_held": 2}


def test_where_groups_figures_by_section_in_report_order() -> None:
    case = ContradictionCase(1, "x", "A title", "reading", KIND_WORDS["reading"],
                             (FigureLabel("Table 1", "b", 2), FigureLabel("Section 2", "a", 1),
                              FigureLabel("Table 1", "c", 2)), "1", "2", "Why.")
    assert case.where == "Section 2 — a. Table 1 — b; c"


def _case(kind: str) -> ContradictionCase:
    return ContradictionCase(1, kind, "t", kind, KIND_WORDS[kind], (), "", "", "")


def test_the_count_of_cases_reads_right_at_zero_one_and_many() -> None:
    assert recorded_cases_sentence(PUP, "X", ()) == "No cases are recorded for X."
    assert recorded_cases_sentence(PUP, "X", (_case("reading"),)) == (
        "One case is recorded for X: one reading under which the figures hold.")
    three = (_case("contradiction"), _case("not_held"), _case("not_held"))
    assert recorded_cases_sentence(PUP, "X", three) == (
        "Three cases are recorded for X: one case where the printed figures cannot all be true "
        "and two figures that the service's records do not hold.")
    assert recorded_cases_sentence(PUP, "PuP") == (
        "Ten cases are recorded for PuP: three cases where the printed figures cannot all be true "
        "and seven readings under which the figures hold.")


def test_notes_are_prose_not_yaml() -> None:
    text = contradiction_notes(PAIRS).data
    assert text.startswith("**Case 1. The mothers' percentage in Table 3.** The printed figures cannot")
    assert text.count("**Case ") == 23
    for raw in ("{", "[", "pip_demographics", "data_by_figure", "not_held", ">-"):
        assert raw not in text


# ---------------------------------------------------------------- data dictionary


def test_dictionary_tables_and_sizes() -> None:
    assert dictionary_size_words(PUP) == "eight tables with 105 columns in all"
    assert (size_words(0, 0), size_words(1, 3), size_words(12, 146)) == (
        "no tables", "one table with three columns", "12 tables with 146 columns in all")
    tables = data_tables_table(PAIRS).as_raw_html()
    assert 'id="data-tables-pairs"' in tables and "One row is" in tables and "referrals.csv" in tables
    columns = data_columns_table(PUP).as_raw_html()
    assert 'id="data-columns-parenting-under-pressure"' in columns and "Allowed values" in columns
