"""PAIRS qualitative helpers: the sample against the report, theme counts of distinct people,
excerpt selection and labelling, and the evidence used by the lessons chapter."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pandas as pd
import pytest

from helpers.pairs.coding_frame import (
    FAMILIES,
    THEMES,
    WORKFORCE,
    CodingFrameSize,
    Theme,
    coding_frame_size,
)
from helpers.pairs.data import load_pairs
from helpers.pairs.lessons import (
    lessons_evidence,
    referral_concentration,
    unknown_ethnicity,
)
from helpers.pairs.printed import differences_sentence
from helpers.pairs.referrals import referrer_table
from helpers.pairs.voices import (
    excerpt_table,
    excerpts_gt,
    most_raised,
    raised_by,
    sample_clauses,
    sample_summary,
    sample_table,
    source_sentence,
    speaker_label,
    theme_counts,
    themes_figure,
    themes_gt,
)
from helpers.paths import project_root
from helpers.published import published


@pytest.fixture(scope="module")
def data():
    return load_pairs(project_root() / "data" / "synthetic")


@pytest.fixture(scope="module")
def printed():
    return published("pairs")["qualitative_sample"]


def test_sample_reproduces_every_printed_figure(data, printed):
    s = sample_summary(data)
    assert (s.parents, s.parents_interview, s.parents_focus_group) == (15, 9, 6)
    assert (s.parents_pip_only, s.parents_tt_only, s.parents_both) == (6, 8, 1)
    assert (s.pip_users, s.tt_users) == (7, 9)  # the report's "seven parents ... psychotherapy"
    assert (s.parents_women, s.parents_men, s.pairs_team, s.stakeholders) == (14, 1, 6, 10)
    assert s.parent_interview_minutes == (23, 56) and s.focus_group_minutes == (27, 27)
    assert s.staff_minutes == (17, 71) and s.vouchers_gbp == (15,)
    assert (s.parent_interview_sessions, s.focus_groups, s.total) == (8, 1, 31)
    clauses = sample_clauses(s, printed)
    assert clauses == [None] * 16
    assert differences_sentence(clauses, len(clauses), "the sample", "figures") == \
        "All 16 printed figures on the sample follow from the records."


def test_a_changed_sample_is_reported_in_words(data, printed):
    s = dataclasses.replace(sample_summary(data), parents_men=2, staff_minutes=(15, 71),
                            vouchers_gbp=(10, 15))
    found = [c for c in sample_clauses(s, printed) if c]
    assert found == [
        "for men the report prints 1, the records give 2",
        "for the shortest of the staff interviews' range the report prints 17 minutes, the "
        "records give 15 minutes",
        "the report gives a £15 voucher, the records £10, £15",
    ]


def test_sample_table_counts_people_and_sessions(data):
    table = sample_table(data)
    assert table["people"].tolist() == [9, 6, 6, 10, 31]
    assert table["sessions"].tolist() == [8, 1, 6, 10, 25]
    assert table["minutes"].tolist() == ["23 to 56", "27", "26 to 60", "17 to 71", "17 to 71"]


def _toy() -> SimpleNamespace:
    sample = pd.DataFrame({
        "participant_code": ["Q01", "Q02", "Q03", "Q04"],
        "group": ["parent", "parent", "pairs_team", "stakeholder"],
        "service": ["together_time", "pip", None, None],
    })
    ex = pd.DataFrame({
        "excerpt_id": ["E001", "E002", "E003", "E004", "E005", "E006"],
        "participant_code": ["Q01", "Q01", "Q02", "Q03", "Q01", "Q02"],
        "group": ["parent", "parent", "parent", "pairs_team", "parent", "parent"],
        "theme": ["closer_bond", "closer_bond", "closer_bond", "closer_bond", "less_alone",
                  "closer_bond"],
        "text": [None, "First words.", "Second words.", "Third words.", None, "Fourth words."],
        "text_source": [None, "illustrative_synthetic", "transcript", "illustrative_synthetic",
                        None, "illustrative_synthetic"],
    })
    return SimpleNamespace(qualitative_sample=sample, interview_excerpts=ex)


def test_theme_counts_are_distinct_people_with_group_denominators():
    counts = theme_counts(_toy()).set_index("code")
    # Q01 has two passages on closer_bond but counts once; Q02 twice, once
    assert counts.loc["closer_bond", ["parent", "pairs_team", "stakeholder", "total"]].tolist() \
        == [2, 1, 0, 3]
    assert counts.loc["less_alone", ["parent", "total"]].tolist() == [1, 1]
    assert counts.loc["funding_uncertainty", "total"] == 0  # themes nobody raised are kept
    assert len(counts) == len(THEMES)
    assert counts.attrs["denominators"] == {"parent": 2, "pairs_team": 1, "stakeholder": 1}


def test_shipped_theme_counts_match_what_the_report_says(data):
    counts = theme_counts(data).set_index("code")
    assert counts.loc["reflective_space", "stakeholder"] == 10     # every stakeholder
    assert counts.loc["questionnaires_burden", "parent"] == 1      # one parent
    assert counts.loc["closer_bond", "parent"] == 13               # parents consistently
    ex = data.interview_excerpts.merge(data.qualitative_sample[["participant_code", "service"]])
    onward = ex[ex["theme"] == "onward_support"].drop_duplicates("participant_code")
    assert (onward["service"].isin(["pip", "both"])).sum() == 2    # two went on to therapy
    family = ex[ex["theme"] == "ripple_to_family"].drop_duplicates("participant_code")
    assert (family["service"] == "together_time").sum() == 2       # two Together Time parents
    group = ex[ex["theme"] == "group_belonging"].drop_duplicates("participant_code")
    assert set(group.loc[group["group"] == "parent", "service"]) <= {"together_time", "both"}


def test_raised_by_reads_one_theme_for_one_group():
    counts = theme_counts(_toy())
    assert raised_by(counts, "closer_bond", "parent") == (2, 2)       # many passages, 2 people
    assert raised_by(counts, "closer_bond", "pairs_team") == (1, 1)   # one person
    assert raised_by(counts, "funding_uncertainty", "stakeholder") == (0, 1)  # nobody
    with pytest.raises(KeyError):
        raised_by(counts, "no_such_theme", "parent")


def test_shipped_theme_shares_the_chapters_print(data):
    counts = theme_counts(data)
    assert raised_by(counts, "less_alone", "parent") == (10, 15)
    assert raised_by(counts, "closer_bond", "stakeholder") == (4, 10)
    assert raised_by(counts, "keep_the_service", "parent") == (7, 15)
    assert raised_by(counts, "questionnaires_burden", "parent") == (1, 15)
    assert raised_by(counts, "questionnaires_burden", "pairs_team") == (3, 6)
    assert raised_by(counts, "reflective_space", "stakeholder") == (10, 10)
    assert raised_by(counts, "referral_pathways", "pairs_team") == (4, 6)
    assert raised_by(counts, "funding_uncertainty", "pairs_team") == (4, 6)
    assert raised_by(counts, "funding_uncertainty", "stakeholder") == (5, 10)
    assert most_raised(counts, "parent") == (["A closer bond with the baby"], 13)
    assert most_raised(counts, "pairs_team") == (
        ["Keep the service going", "Families under several pressures",
         "Working jointly with other services"], 6)
    assert most_raised(counts, "stakeholder") == (["Reflective supervision and consultation"], 10)


def test_coding_frame_size_counts_themes_per_area():
    assert coding_frame_size() == CodingFrameSize(themes=23, families=13, workforce=10)
    assert coding_frame_size({}) == CodingFrameSize(themes=0, families=0, workforce=0)
    one = {"a": Theme("A", "covers a", WORKFORCE)}
    assert coding_frame_size(one) == CodingFrameSize(themes=1, families=0, workforce=1)
    many = {c: Theme(c, c, FAMILIES) for c in "abc"}
    assert coding_frame_size(many) == CodingFrameSize(themes=3, families=3, workforce=0)
    with pytest.raises(ValueError, match="unknown theme area"):
        coding_frame_size({"a": Theme("A", "a", "Elsewhere")})


def test_excerpt_table_limits_per_theme_and_names_speakers():
    table = excerpt_table(_toy(), per_theme=2)
    assert table["excerpt_id"].tolist() == ["E002", "E003"]  # theme order, then id; 2 per theme
    assert table["speaker"].tolist() == ["Parent (Together Time)",
                                         "Parent (parent–infant psychotherapy)"]
    assert excerpt_table(_toy(), per_theme=3)["excerpt_id"].tolist() == ["E002", "E003", "E004",
                                                                         "E006"][:3]
    with pytest.raises(ValueError):
        excerpt_table(_toy(), per_theme=0)
    assert speaker_label("pairs_team", None) == "PAIRS team member"


def test_source_sentence_follows_the_data():
    table = excerpt_table(_toy(), per_theme=3)
    assert source_sentence(table) == ("2 of 3 (67%) excerpts are illustrative synthetic text, "
                                      "newly written for this edition; the others are taken "
                                      "from interview transcripts.")
    assert source_sentence(table.iloc[[1]]) == "All 1 excerpts are taken from interview transcripts."
    assert source_sentence(table.iloc[[]]) == "No interview excerpts are held."


def test_shipped_excerpts_are_all_illustrative_and_cover_every_theme(data):
    table = excerpt_table(data)
    assert len(table) == 32 and table["theme"].nunique() == len(THEMES)
    assert source_sentence(table).startswith("All 32 excerpts are illustrative synthetic")
    html = excerpts_gt(table).as_raw_html()
    assert "illustrative, synthetic" in html


def test_tables_and_figure_build(data):
    counts = theme_counts(data)
    html = themes_gt(counts).as_raw_html()
    assert "13 of 15" in html and "10 of 10" in html
    fig = themes_figure(counts)
    assert len(fig.axes[0].get_yticklabels()) == len(THEMES)


def test_referral_concentration_merges_midwifery():
    referrers = pd.DataFrame({
        "group": ["LEAP midwifery continuity of carer team", "Health visiting",
                  "Midwife or midwifery service", "GP", "Other"],
        "n": [10, 12, 5, 3, 40], "denominator": [70] * 5,
    })
    assert referral_concentration(referrers, 2) == (["Midwifery", "Health visiting"], 27, 70)
    assert referral_concentration(referrers, 1) == (["Midwifery"], 15, 70)


def test_shipped_referral_sources_and_unknown_ethnicity(data):
    names, n, total = referral_concentration(referrer_table(data), 2)
    assert names == ["Midwifery", "Health visiting"] and total == 358
    assert n == 141  # 79 + 62: the report's 22.1% and 17.3% of 358
    assert unknown_ethnicity(data) == {"pip": (88, 285), "tt": (36, 118)}  # table 1


def test_lessons_evidence_reproduces_the_report_where_it_can(data):
    ev = lessons_evidence(data)
    assert ev["accepted"] == (284, 358)            # 79% accepted
    assert ev["antenatal"] == (209, 284)           # 73.59% antenatal
    assert ev["pip_black"] == (70, 285) and ev["tt_white"] == (55, 118)   # table 1
    assert ev["attended"][1] == ev["not_attended"][1] == 4171
    assert round(100 * ev["attended"][0] / 4171) == 73
    assert round(100 * ev["not_attended"][0] / 4171) == 11
    assert ev["main_sources"] == (141, 358)
    assert ev["pip_initial_and_later"][0] <= ev["pip_initial_and_later"][1]
    assert ev["tt_warmth_paired"] == (59, 114)     # 59 complete MORS-SF pairs of 114 with data
