"""Tests of the facts helpers.pup.voices gives the interview chapter: theme counts, home
arrangements and the sentence on themes without an excerpt."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.paths import project_root
from helpers.published import flatten, published
from helpers.pup.data import load_pup
from helpers.pup.voices import (
    CHANGE_THEMES,
    PUP_INTERVIEW_THEMES,
    HomeFacts,
    ThemeFacts,
    home_facts,
    interview_themes,
    pup_theme_table,
    relationship_facts,
    theme_facts,
    voices_facts,
)
from helpers.pup.voices_sentences import (
    couples_sentence,
    excerpt_gaps_sentence,
    quotes_withheld_sentence,
    home_sentence,
    interpreted_sentence,
    relationship_sentence,
    social_work_sentence,
    universal_sentence,
)
from helpers.qualitative import themes_without_excerpts


@pytest.fixture(scope="module")
def view():
    return load_pup(project_root() / "data" / "synthetic").analysis()


def test_theme_facts_by_hand():
    themes = pd.DataFrame({"n": [3, 2, 0, 0], "denominator": [3, 4, 0, 5]})
    # a theme recorded for nobody (0 of 0) is not "raised by everyone"
    assert theme_facts(themes) == ThemeFacts(n_themes=4, n_universal=1)
    assert theme_facts(themes.iloc[:0]) == ThemeFacts(0, 0)
    with pytest.raises(KeyError, match="denominator"):
        theme_facts(themes.drop(columns="denominator"))


def test_theme_facts_on_the_shipped_data(view):
    assert theme_facts(interview_themes(view.interviews)) == ThemeFacts(n_themes=15, n_universal=5)
    # the printed-figure columns do not change the counts
    themes = pup_theme_table(view.interviews, flatten(published("parenting-under-pressure")))
    assert theme_facts(themes) == ThemeFacts(n_themes=15, n_universal=5)


def test_home_facts_zero_one_and_many():
    def detail(arrangements, roles):
        return pd.DataFrame({"living_arrangements": arrangements, "role": roles})

    assert home_facts(detail(["unchanged", "worse"], ["mother", "father"])) == \
        HomeFacts(improved=0, worse=1, unchanged=1, recorded=2, improved_roles="")
    assert home_facts(detail(["improved", None], ["mother", "father"])) == \
        HomeFacts(improved=1, worse=0, unchanged=0, recorded=1, improved_roles="a mother")
    assert home_facts(detail(["improved"] * 3, ["mother", "father", "mother"])) == \
        HomeFacts(improved=3, worse=0, unchanged=0, recorded=3,
                  improved_roles="a father and two mothers")


def test_home_facts_and_sentence_on_the_shipped_data(view):
    home = home_facts(view.interviews_detail())
    assert home == HomeFacts(improved=1, worse=0, unchanged=10, recorded=11,
                             improved_roles="a father")
    assert home.sentence == ("Living arrangements had improved for one interviewee (a father), "
                             "got worse for nobody and stayed the same for the other 10.")


def test_home_sentence_zero_one_and_many():
    assert home_sentence(0, 0, 3, "", 3) == "Living arrangements stayed the same for every interviewee."
    assert home_sentence(0, 1, 2, "", 3) == ("Living arrangements had improved for nobody, got "
                                             "worse for one interviewee and stayed the same for "
                                             "the other two.")
    assert home_sentence(2, 0, 1, "a father and a mother", 3) == (
        "Living arrangements had improved for two interviewees (a father and a mother), got "
        "worse for nobody and stayed the same for the other one.")
    assert home_sentence(2, 1, 0, "two mothers", 3).endswith("stayed the same for nobody else.")
    with pytest.raises(ValueError, match="add up"):
        home_sentence(1, 1, 1, "a father", 4)


def test_couples_and_interpreted_sentences_zero_one_and_many():
    assert couples_sentence(5, 0) == "Every interviewee was interviewed without their partner."
    assert couples_sentence(3, 1) == ("In one couple both parents took part; the other parent "
                                      "was interviewed without their partner.")
    assert couples_sentence(4, 2) == "In two couples both parents took part."
    assert couples_sentence(11, 3) == ("In three couples both parents took part; the other five "
                                       "parents were interviewed without their partner.")
    with pytest.raises(ValueError):
        couples_sentence(3, 2)
    assert interpreted_sentence(0) == "No interview needed a partner to interpret."
    assert interpreted_sentence(1).startswith("In one interview a parent who did not speak")
    assert interpreted_sentence(12).startswith("In 12 interviews a parent")


def test_universal_sentence_zero_one_and_many():
    assert universal_sentence(0) == "No theme was raised by every interviewee for whom it was recorded."
    assert universal_sentence(1) == "One theme was raised by every interviewee for whom it was recorded."
    assert universal_sentence(12) == ("Twelve themes were raised by every interviewee for whom "
                                      "they were recorded.")


def test_relationship_facts_and_sentence():
    detail = pd.DataFrame({"relationship_improved": [True, False, False, None, False],
                           **{c: [True, False, False, True, False] for c in CHANGE_THEMES}})
    detail.loc[2, "children_happier"] = True
    assert relationship_facts(detail) == (3, 1)
    assert relationship_sentence(3, 1) == ("Three interviewees did not feel their relationship "
                                           "had improved, though one of them reported other "
                                           "changes.")
    assert relationship_sentence(0, 0) == "Every interviewee asked felt their relationship had improved."
    assert relationship_sentence(1, 1) == ("One interviewee did not feel their relationship had "
                                           "improved, though they reported other changes.")
    assert relationship_sentence(3, 3).endswith("though all of them reported other changes.")
    assert relationship_sentence(3, 0).endswith(", and none of them reported other changes.")
    with pytest.raises(ValueError):
        relationship_sentence(1, 2)


def test_social_work_sentence_zero_one_and_many():
    assert social_work_sentence(0, 0) == "No interviewee had a social worker involved."
    assert social_work_sentence(1, 1) == ("One interviewee had a social worker involved, and said "
                                          "the therapy fitted the social work plan.")
    assert social_work_sentence(0, 4) == ("Four interviewees had a social worker involved, and "
                                          "none of the four said the therapy fitted the social "
                                          "work plan.")
    assert social_work_sentence(3, 4).startswith("Four interviewees had a social worker involved, "
                                                 "and three of the four said")
    assert social_work_sentence(2, 2).endswith("and both said the therapy fitted the social work plan.")


def test_excerpt_gaps_sentence_zero_one_and_many():
    assert excerpt_gaps_sentence([]) == "Every theme has at least one excerpt."
    assert excerpt_gaps_sentence(["Nothing had got worse"]) == \
        "One theme has no excerpt: “nothing had got worse”."
    assert excerpt_gaps_sentence(["Spoke up, argued less", "Would recommend it"]) == \
        "Two themes have no excerpt: “spoke up, argued less” and “would recommend it”."


def test_quotes_withheld_sentence_zero_one_and_many():
    assert quotes_withheld_sentence(0, 0) == ("Every interviewee agreed to short excerpts of their "
                                              "words being shown.")
    assert quotes_withheld_sentence(1, 1).startswith(
        "One interviewee did not agree to their words being quoted, so the one excerpt filed "
        "under them is not shown;")
    assert quotes_withheld_sentence(2, 12).startswith(
        "Two interviewees did not agree to their words being quoted, so the 12 excerpts filed "
        "under them are not shown;")
    assert "no excerpt was filed under them" in quotes_withheld_sentence(1, 0)


def test_excerpt_gaps_sentence_on_the_shipped_data(view):
    missing = themes_without_excerpts(view.interview_excerpts, PUP_INTERVIEW_THEMES)
    assert excerpt_gaps_sentence(missing) == "One theme has no excerpt: “nothing had got worse”."


def test_voices_facts_on_the_shipped_data(view):
    f = voices_facts(view)
    assert (f.sample.parents, f.entered, f.n_themes, f.n_excerpts) == (11, 46, 15, 21)
    assert f.quotes_withheld.startswith("Three interviewees did not agree to their words being "
                                        "quoted, so the nine excerpts filed under them are not")
    assert (f.future_self, f.future_children) == ((6, 11), (9, 11))
    assert f.accounts_agree is True
    assert f.relationship == ("Two interviewees did not feel their relationship had improved, "
                              "though both reported other changes.")
    assert f.social_work == ("Four interviewees had a social worker involved, and all four said "
                             "the therapy fitted the social work plan.")
    assert f.noticed.endswith("and for none of the seven interviewees who attended four or fewer, "
                              "as the report observed.")
    assert f.universal == "Five themes were raised by every interviewee for whom they were recorded."
    assert f.interpreted.startswith("In one interview")
    assert f.excerpt_note.startswith("All 21 excerpts are illustrative synthetic text")


def test_voices_facts_claim_fails_when_most_interviewees_no_longer_describe_change(view):
    """Perturb a copy of the interviews so that fewer than half describe happier children: the
    chapter's claim "Most interviewees described ..." must then fail."""
    from dataclasses import replace

    from helpers.claims import ClaimError, claim

    interviews = view.interviews.copy()
    interviews["children_happier"] = interviews["children_happier"].astype("boolean")
    interviews.loc[interviews.index[:8], "children_happier"] = False
    perturbed = replace(view, interviews=interviews) if hasattr(view, "__dataclass_fields__") \
        else None
    if perturbed is None:
        pytest.skip("the analysis view is not a dataclass")
    assert voices_facts(perturbed).accounts_agree is False
    with pytest.raises(ClaimError, match="Most interviewees described"):
        claim(voices_facts(perturbed).accounts_agree, "Most interviewees described")
