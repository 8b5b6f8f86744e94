"""PAIRS loader: corrupted copies name file, row and column; consent exclusion; determinism; the
cross-table rules (helpers.pairs.rules) and the derived frames (helpers.pairs.derived)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.datastore import schema_dictionary
from helpers.errors import DataValidationError
from helpers.pairs.data import TABLES, load_pairs
from helpers.pairs.derived import (
    appointments_by_year,
    attended_ordinals,
    pip_outcomes_scored,
    programme_weeks,
    tt_mors_concern,
    tt_paired,
    tt_with_data,
)
from helpers.pairs.rules import cross_table_violations
from helpers.pairs.synthetic.generator import generate
from helpers.paths import project_root

SHIPPED = project_root() / "data" / "synthetic"


@pytest.fixture(scope="module")
def data():
    return load_pairs(SHIPPED)


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    shutil.copytree(SHIPPED / "pairs", tmp_path / "pairs")
    return tmp_path


def _edit(folder: Path, table: str, edit) -> None:
    path = folder / "pairs" / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = edit(frame)
    frame.to_csv(path, index=False)


def _violations(folder: Path):
    with pytest.raises(DataValidationError) as info:
        load_pairs(folder)
    return info.value.violations


def _one(violations, file_end: str, column: str):
    hits = [v for v in violations if v.file.endswith(file_end) and v.column == column]
    assert hits, f"no violation for {file_end}/{column} in {violations}"
    return hits


def test_shipped_data_load_with_exact_row_counts(data):
    assert len(data.referrals) == 358
    assert len(data.pip_clients) == 285
    assert len(data.pip_appointments) == 4171
    assert len(data.tt_participants) == 118
    assert len(data.cosp_attendees) == 113
    assert appointments_by_year(data).loc[["2015/16", "2023/24"]].tolist() == [97, 777]


def test_non_consented_records_are_excluded_centrally(data):
    assert data.excluded_no_consent["tt_participants"] == 2
    assert data.excluded_no_consent["tt_questionnaires"] == 2
    assert data.tt_participants["data_consent"].all()
    kept = set(data.tt_participants["participant_id"])
    assert set(data.tt_questionnaires["participant_id"]) <= kept
    assert set(tt_paired(data, "warmth")["participant_id"]) <= kept


def test_out_of_range_item_names_file_row_and_column(copy):
    def edit(f):
        f.loc[1, "mors_03"] = "9"
        return f
    _edit(copy, "pip_outcomes", edit)
    hit = _one(_violations(copy), "pip_outcomes.csv", "mors_03")
    assert hit[0].row == 3  # header is line 1, index 1 is line 3
    assert "value 9 is outside the allowed range 0–5" in hit[0].rule


def test_missing_column_is_reported(copy):
    _edit(copy, "pip_appointments", lambda f: f.drop(columns=["attendance"]))
    hit = _one(_violations(copy), "pip_appointments.csv", "attendance")
    assert hit[0].row is None and "missing" in hit[0].rule


def test_duplicate_id_is_reported(copy):
    def edit(f):
        f.loc[5, "client_id"] = f.loc[4, "client_id"]
        return f
    _edit(copy, "pip_clients", edit)
    hit = _one(_violations(copy), "pip_clients.csv", "client_id")
    assert hit[0].row == 7 and "duplicate" in hit[0].rule


def test_appointment_without_client_is_reported(copy):
    def edit(f):
        f.loc[10, "client_id"] = "C999"
        return f
    _edit(copy, "pip_appointments", edit)
    hit = _one(_violations(copy), "pip_appointments.csv", "client_id")
    assert hit[0].row == 12 and hit[0].value == "C999"
    assert "belongs to a client" in hit[0].rule


def test_unparseable_date_is_reported(copy):
    def edit(f):
        f.loc[0, "referral_date"] = "2020-13-01"
        return f
    _edit(copy, "referrals", edit)
    hit = _one(_violations(copy), "referrals.csv", "referral_date")
    assert hit[0].row == 2 and "YYYY-MM-DD" in hit[0].rule


def test_end_questionnaire_without_start_and_all_problems_in_one_error(copy):
    q = pd.read_csv(copy / "pairs" / "tt_questionnaires.csv", dtype=str, keep_default_na=False)
    ended = q.loc[q["timepoint"] == "end", "participant_id"].iloc[0]
    _edit(copy, "tt_questionnaires",
          lambda f: f[~((f["participant_id"] == ended) & (f["timepoint"] == "start"))])

    def wrong_year(f):
        f.loc[3, "financial_year"] = "2001/02"
        return f
    _edit(copy, "pip_appointments", wrong_year)
    found = _violations(copy)
    end_hit = _one(found, "tt_questionnaires.csv", "participant_id")
    assert end_hit[0].value == ended and "has its start" in end_hit[0].rule
    year_hit = _one(found, "pip_appointments.csv", "financial_year")
    assert year_hit[0].row == 5


def test_outcome_at_unattended_appointment_is_reported(copy, data):
    ap = data.pip_appointments
    missed = ap[ap["attendance"] == "cancelled"].iloc[0]

    def edit(f):
        f.loc[0, "client_id"] = missed["client_id"]
        f.loc[0, "appointment_id"] = missed["appointment_id"]
        return f
    _edit(copy, "pip_outcomes", edit)
    hit = _one(_violations(copy), "pip_outcomes.csv", "appointment_id")
    assert hit[0].row == 2 and "attended" in hit[0].rule


def test_every_column_has_a_description():
    for spec in TABLES.values():
        dictionary = schema_dictionary(spec)
        assert (dictionary["description"].str.len() > 0).all(), spec.name


def test_generation_is_deterministic_and_matches_shipped_files(tmp_path: Path):
    written = generate(tmp_path)
    assert len(written) == len(TABLES)
    for path in written:
        shipped = SHIPPED / "pairs" / path.name
        assert path.read_bytes() == shipped.read_bytes(), path.name


def test_derived_frames_follow_the_conventions(data):
    att = attended_ordinals(data)
    first = att[att["ordinal"] == 1]
    assert first["client_id"].is_unique
    assert not att.loc[att["closing"], "ordinal"].eq(1).any()
    scored = pip_outcomes_scored(data)
    assert scored["window"].notna().all()  # every outcome record sits on an attended appointment
    assert set(scored["pai_band"].dropna()) <= {"low", "medium", "high"}
    concern = tt_mors_concern(data)
    assert len(concern) == 59
    assert concern["concern_post"].sum() < concern["concern_pre"].sum()


def test_cross_table_rules_hold_on_the_records_and_name_a_broken_row(data):
    tables = {name: getattr(data, name) for name in TABLES}
    files = {name: f"{name}.csv" for name in TABLES}
    assert cross_table_violations(tables, files) == []
    ref = data.referrals.copy()
    first_accepted = int(ref.index[ref["accepted"].eq(True)][0])
    ref.loc[first_accepted, "accepted"] = False  # not accepted, but no reason given
    found = cross_table_violations(dict(tables, referrals=ref), files)
    hits = [v for v in found if v.column == "reason_not_accepted"]
    assert [(v.file, v.row) for v in hits] == [("referrals.csv", first_accepted + 2)]


def test_tt_with_data_needs_a_questionnaire_or_a_goal(data):
    assert len(tt_with_data(data)) == 114
    tp = pd.DataFrame({"participant_id": ["T1", "T2", "T3"], "age": [20, 30, 40]})
    toy = dataclasses.replace(data, tt_participants=tp,
                              tt_questionnaires=pd.DataFrame({"participant_id": ["T1"]}),
                              tt_goals=pd.DataFrame({"participant_id": ["T3", "T3"]}))
    assert tt_with_data(toy)["participant_id"].tolist() == ["T1", "T3"]
    none = dataclasses.replace(toy, tt_questionnaires=toy.tt_questionnaires.iloc[:0],
                               tt_goals=toy.tt_goals.iloc[:0])
    assert tt_with_data(none).empty


def test_programme_weeks_is_the_most_common_length(data):
    assert programme_weeks(tt_with_data(data)) == 6
    runs = pd.DataFrame({"start_date": pd.to_datetime(["2020-01-06", "2020-03-02", "2020-05-04"]),
                         "end_date": pd.to_datetime(["2020-02-10", "2020-04-06", "2020-05-25"])})
    assert programme_weeks(runs) == 6  # 35 days -> 6 weekly sessions (twice), 21 days -> 4
    assert programme_weeks(runs.iloc[2:]) == 4
    with pytest.raises(ValueError, match="no participants"):
        programme_weeks(runs.iloc[:0])


def test_missing_table_raises_table_missing(copy):
    from helpers.errors import TableMissingError

    (copy / "pairs" / "cosp_attendees.csv").unlink()
    with pytest.raises(TableMissingError, match="cosp_attendees"):
        load_pairs(copy)


# --- interview_excerpts: coded passages of the interviews ----------------------------------------

def test_excerpts_load_and_every_text_is_marked_illustrative(data):
    ex = data.interview_excerpts
    assert ex["excerpt_id"].is_unique
    with_text = ex[ex["text"].notna()]
    assert len(with_text) == 32
    assert (with_text["text_source"] == "illustrative_synthetic").all()
    assert ex.loc[ex["text"].isna(), "text_source"].isna().all()
    # the report: every stakeholder discussed reflective supervision and consultation
    refl = ex[(ex["theme"] == "reflective_space") & (ex["group"] == "stakeholder")]
    assert refl["participant_code"].nunique() == 10


def test_excerpt_speaker_must_be_in_the_sample_with_the_same_group(copy):
    def edit(frame):
        frame.loc[0, "participant_code"] = "Q99"   # line 2: unknown speaker
        frame.loc[1, "group"] = "stakeholder"      # line 3: Q-code exists, but as a parent
        return frame

    _edit(copy, "interview_excerpts", edit)
    hits = _one(_violations(copy), "interview_excerpts.csv", "participant_code, group")
    assert sorted(v.row for v in hits) == [2, 3]


def test_excerpt_text_and_source_go_together(copy):
    def edit(frame):
        frame.loc[0, "text"] = "Some words"          # line 2: text without a source
        first_text = frame.index[frame["text"] != ""][1]
        frame.loc[first_text, "text"] = ""            # a source without text
        return frame

    _edit(copy, "interview_excerpts", edit)
    violations = _violations(copy)
    assert [v.row for v in _one(violations, "interview_excerpts.csv", "text_source")] == [2]
    assert len(_one(violations, "interview_excerpts.csv", "text")) == 1


def test_excerpts_of_people_without_consent_are_removed(copy):
    def withdraw(frame):
        frame.loc[frame["participant_code"] == "Q17", "consent"] = "not_given"
        return frame

    _edit(copy, "qualitative_sample", withdraw)
    shipped = load_pairs(SHIPPED).interview_excerpts
    expected = int((shipped["participant_code"] == "Q17").sum())
    data = load_pairs(copy)
    assert expected > 0
    assert data.excluded_no_consent["interview_excerpts"] == expected
    assert "Q17" not in set(data.interview_excerpts["participant_code"])
    assert "Q17" not in set(data.qualitative_sample["participant_code"])
