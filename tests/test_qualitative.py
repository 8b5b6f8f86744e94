"""Interview themes and excerpts (generic), the PUP interview sample against the published figures,
and the sample size behind the recommendations."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.paths import project_root
from helpers.published import flatten, published
from helpers.pup.data import load_pup
from helpers.pup.voices import (
    PUP_INTERVIEW_THEMES,
    interview_sample,
    pup_theme_table,
    sessions_pattern,
)
from helpers.pup.voices_sentences import noticed_sentence
from helpers.qualitative import (
    Theme,
    excerpt_table,
    provenance_sentence,
    speaker_labels,
    theme_counts,
    theme_gt,
    themes_without_excerpts,
)
from helpers.stats.power import entrants_needed, paired_sample_size

PRINTED = flatten(published("parenting-under-pressure"))


@pytest.fixture(scope="module")
def view():
    return load_pup(project_root() / "data" / "synthetic").analysis()


# ---- generic: theme counts ---------------------------------------------------------------------

def _toy() -> pd.DataFrame:
    return pd.DataFrame({
        "id": ["a", "b", "c", "d"],
        "calmer": pd.array([True, True, False, True], dtype="boolean"),
        "home": ["same", "better", "worse", "same"],
        "plan": pd.array([True, None, None, False], dtype="boolean"),
    })


def test_theme_counts_by_hand():
    themes = [Theme("calmer", "Calmer", "calmer"),
              Theme("home", "Home same or better", "home", ("same", "better")),
              Theme("plan", "Fitted the plan", "plan")]
    out = theme_counts(_toy(), themes, id_col="id")
    assert out[["code", "n", "denominator"]].values.tolist() == [
        ["calmer", 3, 4], ["home", 3, 4], ["plan", 1, 2]]  # blanks leave the denominator
    assert out["percent"].tolist() == [75.0, 75.0, 50.0]


def test_theme_counts_column_nobody_recorded_gives_zero_of_zero():
    frame = _toy().assign(plan=pd.array([None] * 4, dtype="boolean"))
    out = theme_counts(frame, [Theme("plan", "Plan", "plan")], id_col="id")
    assert (out.at[0, "n"], out.at[0, "denominator"]) == (0, 0)
    assert pd.isna(out.at[0, "percent"])


def test_theme_counts_rejects_bad_input():
    with pytest.raises(KeyError, match="nope"):
        theme_counts(_toy(), [Theme("x", "X", "nope")], id_col="id")
    with pytest.raises(ValueError, match="repeat"):
        theme_counts(_toy(), [Theme("c", "C", "calmer"), Theme("c", "D", "calmer")], id_col="id")
    with pytest.raises(ValueError, match="twice"):  # duplicate interviewee, from theme_tally
        theme_counts(pd.concat([_toy(), _toy().head(1)]), [Theme("c", "C", "calmer")], id_col="id")


# ---- generic: excerpts -------------------------------------------------------------------------

def _excerpts() -> pd.DataFrame:
    return pd.DataFrame({
        "excerpt_id": ["E3", "E1", "E2", "E4"],
        "parent_id": ["a", "b", "a", "d"],
        "theme": ["calmer", "calmer", "calmer", "home"],
        "provenance": ["illustrative_synthetic", "transcript", "illustrative_synthetic",
                       "illustrative_synthetic"],
        "text": ["three", "one", "two", "four"],
    })


THEMES = [Theme("home", "Home", "home"), Theme("calmer", "Calmer", "calmer"),
          Theme("plan", "Plan", "plan")]
SPEAKERS = pd.Series({"a": "Mother, family 1", "b": "Father, family 1", "d": "Mother, family 2"})


def test_excerpt_table_orders_by_theme_then_key_and_caps_per_theme():
    out = excerpt_table(_excerpts(), THEMES, speaker=SPEAKERS, per_theme=2)
    assert out[["code", "excerpt", "speaker"]].values.tolist() == [
        ["home", "four", "Mother, family 2"],
        ["calmer", "one", "Father, family 1"],
        ["calmer", "two", "Mother, family 1"],
    ]
    one = excerpt_table(_excerpts(), THEMES, speaker=SPEAKERS, per_theme=1)
    assert one["excerpt"].tolist() == ["four", "one"]
    assert themes_without_excerpts(_excerpts(), THEMES) == ["Plan"]


def test_excerpt_table_rejects_unknown_theme_missing_speaker_and_zero_cap():
    with pytest.raises(ValueError, match="not in the list"):
        excerpt_table(_excerpts(), THEMES[:1], speaker=SPEAKERS)
    with pytest.raises(ValueError, match="no speaker label"):
        excerpt_table(_excerpts(), THEMES, speaker=SPEAKERS.drop("d"))
    with pytest.raises(ValueError, match="at least 1"):
        excerpt_table(_excerpts(), THEMES, speaker=SPEAKERS, per_theme=0)


def test_provenance_sentence_says_what_the_excerpts_are():
    ex = _excerpts()
    assert provenance_sentence(ex) == (
        "Three of the four excerpts are illustrative synthetic text, newly written for this "
        "edition; the other is taken from an interview transcript.")
    assert provenance_sentence(ex.assign(provenance="transcript")) == \
        "All four excerpts are taken from interview transcripts."
    assert provenance_sentence(ex.assign(provenance="transcript").head(1)) == \
        "The one excerpt is taken from an interview transcript."
    assert provenance_sentence(ex.head(1)) == ("The one excerpt is illustrative synthetic text, "
                                               "newly written for this edition: nobody said "
                                               "these words.")
    assert provenance_sentence(ex.assign(provenance=["transcript"] * 3 + ["illustrative_synthetic"])) \
        == ("One of the four excerpts is illustrative synthetic text, newly written for this "
            "edition; the others are taken from interview transcripts.")
    assert provenance_sentence(ex.head(0)) == "No interview excerpts are held."


def test_speaker_labels():
    frame = pd.DataFrame({"pid": ["P1", "P2"], "role": ["mother", "father"], "family": [3, 1]})
    labels = speaker_labels(frame, id_col="pid", role_col="role", group_col="family")
    assert labels.to_dict() == {"P1": "Mother, family 3", "P2": "Father, family 1"}
    with pytest.raises(ValueError, match="P2"):
        speaker_labels(frame.assign(role=["mother", None]), id_col="pid", role_col="role",
                       group_col="family")


# ---- Parenting Under Pressure: interviews against the report -------------------------------------

def test_interview_sample_reproduces_the_published_counts(view):
    s = interview_sample(view.interviews_detail())
    pub = published("parenting-under-pressure")["parent_interviews"]
    assert (s.parents, s.mothers, s.fathers, s.families, s.couples_both, s.interpreted) == (
        pub["parents"], pub["mothers"], pub["fathers"], pub["families"],
        pub["couples_both_parents"], pub["interpreted_by_partner"]) == (11, 7, 4, 8, 3, 1)
    assert s.more_sessions == pub["themes"][3]["interviewed_over_four_sessions"] == 4


def test_pup_theme_table_agrees_with_every_printed_theme_figure(view):
    table = pup_theme_table(view.interviews, PRINTED).set_index("code")
    assert list(table.index) == [t.code for t in PUP_INTERVIEW_THEMES]
    assert len(table) == 15
    checked = table[table["agrees"].notna()]
    assert len(checked) == 7 and checked["agrees"].all()
    assert table.loc["relationship_improved", ["n", "denominator"]].tolist() == [9, 11]
    assert table.loc["relationship_improved", "printed_text"] == "all but 2"
    assert table.loc["would_recommend", ["n", "printed_text"]].tolist() == [11, "11"]
    # blank = no social worker: the plan theme is a share of those with one
    assert table.loc["in_line_with_social_work_plan", "denominator"] == \
        int(view.interviews["in_line_with_social_work_plan"].notna().sum()) == 4
    assert table.loc["children_happier", "printed_text"] == "–"
    assert table.loc["family_and_friends_noticed", "printed_text"] == \
        "4 (those with more than four sessions)"


def test_pup_theme_table_flags_a_wrong_printed_figure(view):
    wrong = dict(PRINTED, **{"parent_interviews.themes.9.count": 10,
                             "parent_interviews.themes.4.did_not_improve": 3})
    table = pup_theme_table(view.interviews, wrong).set_index("code")
    assert table.loc["would_recommend", "agrees"] == False  # noqa: E712 - object column
    assert table.loc["relationship_improved", "agrees"] == False  # noqa: E712


def test_sessions_pattern_by_hand_and_in_the_data(view):
    toy = pd.DataFrame({"sessions_including_assessment": [2, 5, 7, 4],
                        "noticed": pd.array([True, True, False, None], dtype="boolean")})
    assert sessions_pattern(toy, "noticed") == {"more": (1, 2), "fewer": (1, 2)}
    data = sessions_pattern(view.interviews_detail(), "family_and_friends_noticed")
    assert data == {"more": (4, 4), "fewer": (0, 7)}  # the report's reading holds in the records


def test_every_excerpt_theme_is_a_published_theme(view):
    # both excerpts of "nothing had got worse" belong to interviewees who declined to be quoted
    assert themes_without_excerpts(view.interview_excerpts, PUP_INTERVIEW_THEMES) == [
        "Nothing had got worse"]
    detail = view.interviews_detail()
    labels = speaker_labels(detail, id_col="parent_id", role_col="role", group_col="family")
    table = excerpt_table(view.interview_excerpts, PUP_INTERVIEW_THEMES, speaker=labels)
    assert len(table) == 21 and table.groupby("code").size().isin([1, 2]).all()
    assert set(table["code"]) <= {t.code for t in PUP_INTERVIEW_THEMES}


# ---- recommendations: sample size (referral timing and sources: test_pup_lessons.py) ---------


def test_paired_sample_size_matches_known_values():
    # Cohen's tables for the paired / one-sample t test, two-sided alpha .05, power .80
    assert paired_sample_size(0.5) == 34
    assert paired_sample_size(-0.5) == 34
    assert paired_sample_size(0.8) == 15
    assert paired_sample_size(0.2) == 199
    with pytest.raises(ValueError):
        paired_sample_size(0.0)


def test_entrants_needed():
    assert entrants_needed(34, 17, 46) == 92  # 34 * 46 / 17 = 92 exactly
    assert entrants_needed(35, 17, 46) == 95  # 94.7 rounded up
    with pytest.raises(ValueError):
        entrants_needed(10, 0, 46)


def test_noticed_sentence_zero_one_and_many():
    assert noticed_sentence({"more": (3, 4), "fewer": (0, 7)}, 4) == (
        "Relatives or friends had noticed a change for three of the four interviewees who "
        "attended more than four sessions and for none of the seven interviewees who attended "
        "four or fewer, as the report observed.")
    assert noticed_sentence({"more": (1, 1), "fewer": (0, 1)}, 4) == (
        "Relatives or friends had noticed a change for the one interviewee who attended more "
        "than four sessions and for no interviewee who attended four or fewer, as the report "
        "observed.")
    assert noticed_sentence({"more": (3, 4), "fewer": (1, 7)}, 4).endswith(
        "for one of the seven interviewees who attended four or fewer, so change was not seen "
        "only after more sessions, as the report had it.")
    assert noticed_sentence({"more": (0, 0), "fewer": (1, 7)}, 4) == (
        "Every interviewee attended four or fewer sessions, so whether more sessions came first "
        "cannot be told.")
    assert noticed_sentence({"more": (2, 5), "fewer": (0, 0)}, 3).startswith(
        "Every interviewee attended more than three sessions")


def test_theme_gt_shows_counts_and_only_shows_printed_figures_when_given(view):
    from helpers.pup.voices import interview_themes

    plain = theme_gt(interview_themes(view.interviews)).as_raw_html()
    assert "11 of 11 (100%)" in plain and "Agrees" not in plain and "In the report" not in plain
    checked = theme_gt(pup_theme_table(view.interviews, PRINTED)).as_raw_html()
    assert "Agrees" in checked and "all but 2" in checked
