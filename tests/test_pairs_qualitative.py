"""PAIRS qualitative helpers: the sample, theme counts of distinct people and the sentences
built from them, excerpt selection and labelling, and the evidence used by the lessons
chapter."""

from __future__ import annotations

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
from helpers.pairs.excerpts import (
    all_illustrative,
    excerpt_table,
    excerpts_gt,
    per_theme_words,
    source_sentence,
    speaker_label,
)
from helpers.pairs.lessons import (
    lessons_evidence,
    main_sources,
    referral_concentration,
    unknown_ethnicity,
)
from helpers.pairs.referrals import referrer_table
from helpers.pairs.voices import (
    SampleSummary,
    anyone_raised,
    most_raised,
    raised_by,
    raised_phrase,
    sample_summary,
    sample_table,
    theme_counts,
    themes_figure,
    themes_gt,
    top_themes_sentence,
)
from helpers.paths import project_root
from helpers.qualitative import provenance_sentence


@pytest.fixture(scope="module")
def data():
    return load_pairs(project_root() / "data" / "synthetic")


def test_sample_summary_in_the_data(data):
    s = sample_summary(data)
    assert (s.parents, s.parents_interview, s.parents_focus_group) == (15, 9, 6)
    assert (s.parents_pip_only, s.parents_tt_only, s.parents_both) == (6, 8, 1)
    assert (s.pip_users, s.tt_users) == (7, 9)  # the report's "seven parents ... psychotherapy"
    assert (s.parents_women, s.parents_men, s.pairs_team, s.stakeholders) == (14, 1, 6, 10)
    assert s.parent_interview_minutes == (23, 56) and s.focus_group_minutes == (27, 27)
    assert s.staff_minutes == (17, 71) and s.vouchers_gbp == (15,)
    assert (s.parent_interview_sessions, s.focus_groups, s.total) == (8, 1, 31)
    assert s.smallest_group == 6 and s.one_person_pct == pytest.approx(100 / 6)


def test_smallest_group_ignores_empty_groups(data):
    s = sample_summary(data)
    fields = {f: getattr(s, f) for f in SampleSummary.__dataclass_fields__}
    no_team = SampleSummary(**{**fields, "pairs_team": 0})
    assert no_team.smallest_group == 10  # the stakeholders; nobody from the team
    with pytest.raises(ValueError):
        SampleSummary(**{**fields, "parents": 0, "pairs_team": 0, "stakeholders": 0}).smallest_group


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


def test_raised_phrase_zero_one_many():
    assert raised_phrase(0, 15, "parent") == "none of the 15 parents"
    assert raised_phrase(1, 15, "parent") == "1 of 15 (7%) parents"
    assert raised_phrase(1, 15, "parent", nested=True) == "1 of 15 parents, 7%"
    assert raised_phrase(6, 6, "team member") == "all six team members"
    assert raised_phrase(2, 2, "stakeholder") == "both stakeholders"
    assert raised_phrase(1, 1, "parent") == "the one parent"


def test_top_themes_sentence_zero_one_many(data):
    counts = theme_counts(data)
    assert top_themes_sentence(counts, "parent") == (
        "Among parents, the theme raised most often was a closer bond with the baby "
        "(13 of 15, 87%).")
    assert top_themes_sentence(counts, "pairs_team") == (
        "Among the PAIRS team, three themes were raised equally often: keep the service going, "
        "families under several pressures and working jointly with other services (each by all "
        "six team members).")
    assert top_themes_sentence(counts, "stakeholder") == (
        "Among stakeholders, the theme raised most often was reflective supervision and "
        "consultation (all 10 stakeholders).")
    nobody = theme_counts(_toy())
    assert top_themes_sentence(nobody, "stakeholder") == "Among stakeholders, no theme came up."


def test_anyone_raised(data):
    counts = theme_counts(data)
    assert anyone_raised(counts, "questionnaires_burden", "parent")  # one parent: the claim
    assert not anyone_raised(counts, "reflective_space", "parent")


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
    assert source_sentence(table) == ("Two of the three excerpts are illustrative synthetic "
                                      "text, newly written for this edition; the other is taken "
                                      "from an interview transcript.")
    assert source_sentence(table.iloc[[1]]) == "The one excerpt is taken from an interview transcript."
    assert source_sentence(table.iloc[[]]) == "No interview excerpts are held."
    for rows in (table, table.iloc[[1]], table.iloc[[]]):  # one wording for both evaluations
        assert source_sentence(rows) == provenance_sentence(rows, column="text_source")
    assert not all_illustrative(table) and not all_illustrative(table.iloc[[]])
    assert all_illustrative(table.iloc[[0, 2]])


def test_per_theme_words():
    table = excerpt_table(_toy(), per_theme=3)  # closer bond: 3 excerpts, less alone: none
    assert per_theme_words(table, ["A closer bond with the baby"]) == "three per theme"
    assert per_theme_words(table) == "up to three per theme"
    two = pd.DataFrame({"theme": ["A", "B", "B"]})
    assert per_theme_words(two, ["A", "B"]) == "one or two per theme"
    assert per_theme_words(pd.DataFrame({"theme": ["A", "B", "B", "B"]}), ["A", "B"]) == \
        "one to three per theme"
    with pytest.raises(ValueError):
        per_theme_words(two.iloc[:0], ["A"])


def test_shipped_excerpts_are_all_illustrative_and_cover_every_theme(data):
    table = excerpt_table(data)
    assert len(table) == 32 and table["theme"].nunique() == len(THEMES)
    assert source_sentence(table).startswith("All 32 excerpts are illustrative synthetic")
    assert all_illustrative(table)  # the chapter's claim that no transcript is held
    assert per_theme_words(table) == "one or two per theme"
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
    # people in the report's "30%" (deciles 1-3) and "20%" (deciles 1-2) most deprived areas
    assert (ev["pip_imd_wide"], ev["tt_imd_wide"]) == ((182, 285), (67, 114))
    assert (ev["pip_imd_narrow"], ev["tt_imd_narrow"]) == ((91, 285), (45, 114))
    assert ev["pip_one_window"] == (97, 125)
    assert main_sources(data) == (["Midwifery", "Health visiting"], 141, 358)
    assert main_sources(data, 1) == (["Midwifery"], 79, 358)
