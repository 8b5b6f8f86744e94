"""PAIRS consent model (helpers.pairs.consent): one rule per table, applied once when loading,
stated the same way in the data dictionary, the caveats appendix and the README; withdrawing one
person's consent removes exactly that person's covered records and changes nothing else."""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest

from helpers.datastore import read_table
from helpers.pairs.consent import (
    ANSWERS,
    CONSENT,
    SERVICE_RECORD,
    SERVICE_RECORD_WORDS,
    apply_consent,
    consent_model_sentence,
    declined_clause,
)
from helpers.pairs.data import TABLES, PairsData, load_pairs
from helpers.pairs.derived import (
    attended_ordinals,
    pip_outcomes_scored,
    tt_goal_scores,
    tt_scored,
    tt_with_data,
)
from helpers.paths import project_root

ROOT = project_root()
SHIPPED = ROOT / "data" / "synthetic"


@pytest.fixture(scope="module")
def raw() -> dict[str, pd.DataFrame]:
    """Every validated table before consent is applied."""
    return {name: read_table(spec, SHIPPED) for name, spec in TABLES.items()}


def _data(tables: dict[str, pd.DataFrame]) -> PairsData:
    kept, removed, declined = apply_consent(tables)
    return PairsData(**kept, excluded_no_consent=removed, declined=declined)


def _withdraw(raw: dict[str, pd.DataFrame], answer: str, person: str) -> dict[str, pd.DataFrame]:
    a = ANSWERS[answer]
    frame = raw[a.table].copy()
    refusal = "not_given" if a.column == "consent" else False
    frame.loc[frame[a.id_column] == person, a.column] = refusal
    return {**raw, a.table: frame}


#: Frames derived from the records, with the column naming the person each row belongs to.
DERIVED = {
    "tt_scored": (tt_scored, "participant_id"),
    "tt_goal_scores": (tt_goal_scores, "participant_id"),
    "tt_with_data": (tt_with_data, "participant_id"),
    "pip_outcomes_scored": (pip_outcomes_scored, "client_id"),
    "attended_ordinals": (attended_ordinals, "client_id"),
}


def _without(frame: pd.DataFrame, column: str | None, person: str,
             where: tuple[str, str] | None = None) -> pd.DataFrame:
    if column is None:
        return frame
    drop = frame[column] == person
    if where is not None:
        drop &= frame[where[0]] == where[1]
    return frame[~drop].reset_index(drop=True)


def _people(raw, answer: str, k: int, seed: int) -> list[str]:
    """``k`` people who agreed and have rows in every table their answer covers (seeded)."""
    a = ANSWERS[answer]
    ids = set(raw[a.table].loc[~a.declined(raw[a.table]), a.id_column])
    for name, rule in CONSENT.items():
        if rule.answer == answer and name != "imd_records":
            ids &= set(raw[name][rule.link])
    return random.Random(seed).sample(sorted(ids), k)


SAMPLES = [("together_time", 4), ("psychotherapy_outcomes", 4), ("interviews", 3)]


@pytest.mark.parametrize("answer,k", SAMPLES)
def test_withdrawing_one_persons_consent_removes_only_their_records(raw, answer, k):
    before = _data(raw)
    derived_before = {name: f(before) for name, (f, _) in DERIVED.items()}
    for person in _people(raw, answer, k, seed=len(answer)):
        after = _data(_withdraw(raw, answer, person))
        assert after.declined[answer] == before.declined[answer] + 1
        for name, rule in CONSENT.items():
            covered = rule.answer == answer
            expected = _without(getattr(before, name), rule.link if covered else None, person,
                                rule.where)
            got = getattr(after, name)
            if covered:
                assert len(expected) < len(getattr(before, name)) or name == "imd_records"
                gone = len(getattr(before, name)) - len(expected)
                assert after.excluded_no_consent[name] == before.excluded_no_consent[name] + gone
            else:  # the answer's own table keeps the person's row when it is a service record
                expected = expected.drop(columns=[ANSWERS[answer].column], errors="ignore")
                got = got.drop(columns=[ANSWERS[answer].column], errors="ignore")
            pd.testing.assert_frame_equal(got, expected, check_dtype=True, obj=name)
        for name, (f, column) in DERIVED.items():
            keep = _without(derived_before[name], column, person)
            got = f(after)
            if answer == "psychotherapy_outcomes" and name == "attended_ordinals":
                keep = derived_before[name]  # appointments are service records
            pd.testing.assert_frame_equal(got, keep, obj=name)


def test_every_table_has_one_consent_rule_and_the_dictionary_states_it():
    assert set(CONSENT) == set(TABLES)
    service = {name for name, rule in CONSENT.items() if rule.answer is None}
    assert service | {"imd_records"} == set(SERVICE_RECORD_WORDS)  # imd: psychotherapy part
    for name, spec in TABLES.items():
        rule = CONSENT[name]
        assert spec.description.endswith(rule.statement)
        if rule.answer is None:
            assert rule.statement == SERVICE_RECORD
        else:
            a = ANSWERS[rule.answer]
            assert a.column in rule.statement and f"{a.table}.csv" in rule.statement
            assert a.column in TABLES[a.table].schema.columns
            assert rule.link in spec.schema.columns


def test_only_the_consent_module_reads_the_consent_answers():
    """Nothing downstream filters again: the answers' columns are read in one place."""
    package = ROOT / "src" / "helpers" / "pairs"
    columns = {a.column for a in ANSWERS.values()}
    pattern = re.compile("|".join(rf"[\"']{c}[\"']" for c in columns))
    readers = sorted(p.relative_to(package).as_posix() for p in package.rglob("*.py")
                     if pattern.search(p.read_text(encoding="utf-8")))
    assert [p for p in readers if not p.startswith("synthetic/")] == ["consent.py", "data.py"]


def test_the_shipped_data_exclude_the_refusers(raw):
    data = load_pairs(SHIPPED)
    assert data.declined == {"psychotherapy_outcomes": 0, "together_time": 2, "interviews": 0}
    assert data.excluded_no_consent == {
        "pip_outcomes": 0, "imd_records": 0, "tt_participants": 2, "tt_questionnaires": 2,
        "tt_goals": 0, "qualitative_sample": 0, "interview_excerpts": 0}
    assert len(data.pip_clients) == len(raw["pip_clients"])  # a service record: kept


def test_a_refuser_keeps_service_records_but_loses_outcomes(raw):
    clients = raw["pip_clients"].copy()
    clients["outcomes_consent"] = False
    data = _data({**raw, "pip_clients": clients})
    assert data.pip_outcomes.empty and data.declined["psychotherapy_outcomes"] == len(clients)
    assert len(data.pip_clients) == len(clients)
    assert len(data.pip_appointments) == len(raw["pip_appointments"])


def test_the_model_is_described_the_same_way_everywhere():
    sentence = consent_model_sentence()
    assert sentence == (
        "The service's own records (referrals, the psychotherapy clients' details, their "
        "appointments, their postcodes, the Together Time register and the Circle of Security "
        "register) are used for everyone, as the service itself uses them, and shown only as "
        "counts and summaries. Three kinds of record are analysed person by person and used only "
        "for people who agreed: psychotherapy outcome measures; Together Time user records (with "
        "their questionnaires, goals and postcodes) and interviews (with the passages coded from "
        "them).")
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    caveats = (ROOT / "chapters" / "appendices" / "caveats.qmd").read_text(encoding="utf-8")
    assert "consent_model_sentence()" in caveats
    service_qmd = (ROOT / "chapters" / "pairs" / "service.qmd").read_text(encoding="utf-8")
    assert "consent_model_sentence()" in service_qmd
    for a in ANSWERS.values():
        assert f"`{a.column}` in `{a.table}.csv`" in readme


@pytest.mark.parametrize("declined,removed,expected", [
    (0, 0, "no client in the records declined"),
    (1, 0, "one client declined but had no outcome records"),
    (1, 2, "one client declined, and their two outcome records are left out"),
    (12, 1, "12 clients declined, and their one outcome record is left out"),
])
def test_declined_clause_reads_at_zero_one_and_many(declined, removed, expected):
    assert declined_clause(declined, removed, "client", "outcome record") == expected


def test_a_blank_or_unknown_answer_counts_as_no():
    a = ANSWERS["interviews"]
    frame = pd.DataFrame({"consent": ["verbal", "written", "not_given", None]})
    assert a.declined(frame).tolist() == [False, False, True, True]
    b = ANSWERS["together_time"]
    flags = pd.DataFrame({"data_consent": pd.array([True, False, None], dtype="boolean")})
    assert b.declined(flags).tolist() == [False, True, True]
