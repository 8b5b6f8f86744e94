"""Loader of the Parenting Under Pressure tables: validation errors name file, row and column;
the analysis view drops non-consented records; the generator is deterministic."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.pup.data import SLUG, TABLES, load_pup
from helpers.datastore import schema_dictionary
from helpers.errors import DataValidationError, TableMissingError
from helpers.paths import project_root
from helpers.pup.synthetic.generator import generate

SHIPPED = project_root() / "data" / "synthetic"


@pytest.fixture(scope="module")
def data():
    return load_pup(SHIPPED)


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    shutil.copytree(SHIPPED / SLUG, tmp_path / SLUG)
    return tmp_path


def _edit(folder: Path, table: str, edit) -> None:
    path = folder / SLUG / f"{table}.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    rows = edit(rows)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _set(rows, line: int, column: str, value: str):
    rows[line - 1][rows[0].index(column)] = value
    return rows


def _violations(folder: Path):
    with pytest.raises(DataValidationError) as exc:
        load_pup(folder)
    return exc.value.violations


def test_shipped_data_load_with_expected_sizes(data):
    assert len(data.couples) == 71
    assert len(data.parents) == 80
    assert len(data.therapist_survey) == 10
    assert len(data.referrer_survey) == 5
    assert len(data.interviews) == 11
    assert set(data.questionnaires["timepoint"]) == {"intake", "post"}


def test_analysis_view_excludes_non_consented(data):
    a = data.analysis()
    consent = data.parents.set_index("parent_id")["research_consent"]
    assert a.questionnaires["parent_id"].map(consent).all()
    assert a.satisfaction["parent_id"].map(consent).all()
    dropped_q = (~data.questionnaires["parent_id"].map(consent).astype(bool)).sum()
    assert a.excluded == {"questionnaires": int(dropped_q), "questionnaires_intake": 6,
                          "questionnaires_post": 4, "satisfaction": 4, "interview_excerpts": 9,
                          "interviewees_not_quoted": 3}
    assert a.excluded["questionnaires"] == 10  # 6 intake + 4 post forms without consent


def test_paired_frame_has_17_consented_completers(data):
    paired = data.analysis().paired()
    assert len(paired) == 17
    assert paired["reliable_change"].sum() == 5
    row = paired.iloc[0]
    assert row["core10_diff"] == row["core10_pre"] - row["core10_post"]


@pytest.mark.parametrize(
    ("table", "line", "column", "value", "rule_part"),
    [
        ("questionnaires", 2, "core10_04", "7", "outside the allowed range 0–4"),
        ("questionnaires", 3, "csi4_1", "x", "whole number"),
        ("questionnaires", 4, "completed_date", "2020-13-01", "YYYY-MM-DD"),
        ("parents", 5, "gender", "unknown", "is not one of the allowed values"),
        ("satisfaction", 2, "sat_03", "4", "outside the allowed range 1–3"),
        ("couples", 6, "referral_date", "2018-01-01", "outside the allowed range"),
    ],
)
def test_bad_cell_is_named(copy, table, line, column, value, rule_part):
    _edit(copy, table, lambda rows: _set(rows, line, column, value))
    found = _violations(copy)
    hits = [v for v in found if v.row == line and v.column == column]
    assert hits, found
    assert hits[0].file.endswith(f"{SLUG}/{table}.csv")
    assert rule_part in hits[0].rule
    assert str(hits[0].value).startswith(value)


def test_missing_column_is_named(copy):
    def drop(rows):
        k = rows[0].index("arg_2")
        return [r[:k] + r[k + 1:] for r in rows]

    _edit(copy, "questionnaires", drop)
    found = _violations(copy)
    assert any(v.column == "arg_2" and v.row is None and "missing" in v.rule for v in found)


def test_duplicate_id_is_named(copy):
    _edit(copy, "parents", lambda rows: rows + [rows[3]])
    found = _violations(copy)
    last = 80 + 2  # 80 records, header on line 1, appended copy on line 82
    assert any(v.row == last and v.column == "parent_id" and "duplicate" in v.rule for v in found)


def test_post_without_intake_is_named(copy):
    def remove_one_intake(rows):
        header = rows[0]
        pid, tp = header.index("parent_id"), header.index("timepoint")
        posts = {r[pid] for r in rows[1:] if r[tp] == "post"}
        victim = sorted(posts)[0]
        return [r for r in rows if not (r[pid] == victim and r[tp] == "intake")]

    _edit(copy, "questionnaires", remove_one_intake)
    found = _violations(copy)
    hit = [v for v in found if "intake questionnaire" in v.rule and v.column == "parent_id"]
    assert len(hit) == 1
    assert hit[0].file.endswith("questionnaires.csv") and hit[0].row >= 2


def test_unknown_couple_and_missing_consent_are_named(copy):
    _edit(copy, "parents", lambda rows: _set(_set(rows, 2, "couple_id", "C999"), 3, "research_consent", ""))
    found = _violations(copy)
    assert any(v.row == 2 and v.column == "couple_id" and "couple" in v.rule for v in found)
    consent = [v for v in found if "consent" in v.rule]
    assert consent and all(v.file.endswith(("questionnaires.csv", "satisfaction.csv")) for v in consent)


def test_an_offered_couple_without_exactly_two_parents_is_named(copy):
    # move the first parent (couple C001) to C002: C001 keeps one parent and C002 has three
    _edit(copy, "parents", lambda rows: _set(rows, 2, "couple_id", "C002"))
    found = [v for v in _violations(copy) if "two parents" in v.rule]
    assert [(Path(v.file).name, v.row, v.column, v.value) for v in found] == [
        ("couples.csv", 2, "couple_id", "C001"), ("couples.csv", 3, "couple_id", "C002")]


def test_all_problems_reported_at_once(copy):
    _edit(copy, "questionnaires", lambda rows: _set(_set(rows, 2, "core10_01", "9"), 5, "arg_1", "-1"))
    _edit(copy, "parents", lambda rows: _set(rows, 4, "age", "200"))
    found = _violations(copy)
    places = {(Path(v.file).name, v.row, v.column) for v in found}
    assert {("questionnaires.csv", 2, "core10_01"), ("questionnaires.csv", 5, "arg_1"),
            ("parents.csv", 4, "age")} <= places


def test_missing_table_raises_table_missing(copy):
    (copy / SLUG / "interviews.csv").unlink()
    with pytest.raises(TableMissingError):
        load_pup(copy)


def test_every_column_documented():
    for spec in TABLES.values():
        dictionary = schema_dictionary(spec)
        assert (dictionary["description"].str.len() > 5).all(), spec.name


def test_generator_is_deterministic_and_matches_shipped(tmp_path):
    first = generate(tmp_path / "a")
    second = generate(tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
        assert a.read_bytes() == (SHIPPED / SLUG / a.name).read_bytes(), a.name


def test_generated_data_load(tmp_path):
    generate(tmp_path)
    data = load_pup(tmp_path)
    assert isinstance(data.parents, pd.DataFrame) and len(data.parents) == 80


def test_intake_frame_and_paired_gender(data):
    a = data.analysis()
    intake = a.intake()
    assert len(intake) == 38 and intake["completed"].sum() == 17
    paired = a.paired()
    assert paired["gender"].value_counts().to_dict() == {"female": 10, "male": 6}
    assert paired["gender"].isna().sum() == 1
    assert paired["gender_record"].notna().all()


def test_prorated_core10_in_shipped_data(data):
    """One consented intake form skips a CORE-10 item; its score is prorated (mean x 10)."""
    from helpers.pup.instruments import CORE10

    q = data.analysis().questionnaires
    skipped = q[q[CORE10.item_codes].isna().sum(axis=1) == 1]
    assert len(skipped) == 1
    scores = data.analysis().scores().set_index(["parent_id", "timepoint"])["core10"]
    row = skipped.iloc[0]
    keyed = [(i.maximum - row[i.code]) if i.reverse else row[i.code]
             for i in CORE10.items if not pd.isna(row[i.code])]
    assert scores[(row["parent_id"], row["timepoint"])] == pytest.approx(sum(keyed) / 9 * 10)


# ---- interview excerpts ------------------------------------------------------------------------

def test_excerpts_are_illustrative_and_tied_to_raised_themes(data):
    from helpers.pup.data import INTERVIEW_THEME_COLUMNS

    ex = data.interview_excerpts
    assert len(ex) == 2 * len(INTERVIEW_THEME_COLUMNS) == 30
    assert set(ex["provenance"]) == {"illustrative_synthetic"}
    assert ex["theme"].value_counts().eq(2).all()
    assert set(ex["parent_id"]) <= set(data.interviews["parent_id"])
    # the first living-arrangements excerpt belongs to the one parent whose arrangements improved
    improved = data.interviews.loc[data.interviews["living_arrangements"] == "improved", "parent_id"]
    assert ex.loc[ex["theme"] == "living_arrangements", "parent_id"].iloc[0] == improved.iloc[0]
    # only excerpts of interviewees who agreed to be quoted reach the analysis view
    quoted = data.interviews.loc[data.interviews["quotes_consent"], "parent_id"]
    kept = data.analysis().interview_excerpts
    assert kept.equals(ex[ex["parent_id"].isin(quoted)].reset_index(drop=True))
    assert (len(kept), len(quoted)) == (21, 8)


def test_excerpt_of_a_parent_not_interviewed_is_named(copy):
    _edit(copy, "interview_excerpts", lambda rows: _set(rows, 3, "parent_id", "P001"))
    found = _violations(copy)
    hit = [v for v in found if v.file.endswith("interview_excerpts.csv")]
    assert [(v.row, v.column) for v in hit] == [(3, "parent_id")]
    assert "interviewed" in hit[0].rule


def test_excerpt_for_a_theme_the_parent_did_not_raise_is_named(copy):
    # P013 (line 3 of interviews.csv, second parent) did not say the relationship improved
    def point_at_p013(rows):
        theme = rows[0].index("theme")
        rows[2][rows[0].index("parent_id")] = "P013"
        rows[2][theme] = "relationship_improved"
        return rows

    _edit(copy, "interview_excerpts", point_at_p013)
    found = _violations(copy)
    hit = [v for v in found if v.file.endswith("interview_excerpts.csv")]
    assert [(v.row, v.column, v.value) for v in hit] == [(3, "theme", "relationship_improved")]
    assert "raised" in hit[0].rule


def test_excerpt_schema_rules_are_named(copy):
    _edit(copy, "interview_excerpts",
          lambda rows: _set(_set(rows, 2, "text", "short"), 4, "provenance", "made_up"))
    found = _violations(copy)
    places = {(v.row, v.column) for v in found}
    assert {(2, "text"), (4, "provenance")} <= places


def test_absent_excerpts_table_loads_as_empty(copy):
    (copy / SLUG / "interview_excerpts.csv").unlink()
    (copy / SLUG / "interview_excerpts.qdpx").unlink()  # nor the same excerpts as a QDA project
    data = load_pup(copy)
    assert len(data.interview_excerpts) == 0
    assert list(data.interview_excerpts.columns) == list(TABLES["interview_excerpts"].schema.columns)
    assert len(data.interviews) == 11
