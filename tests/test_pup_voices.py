"""Tests of the facts helpers.pup.voices gives the interview chapter: theme counts, home
arrangements and the sentence on themes without an excerpt."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.paths import project_root
from helpers.published import flatten, published
from helpers.pup.data import load_pup
from helpers.pup.voices import (
    PUP_INTERVIEW_THEMES,
    HomeFacts,
    ThemeFacts,
    excerpt_gaps_sentence,
    home_facts,
    pup_theme_table,
    theme_facts,
)
from helpers.qualitative import themes_without_excerpts


@pytest.fixture(scope="module")
def view():
    return load_pup(project_root() / "data" / "synthetic").analysis()


def test_theme_facts_by_hand():
    themes = pd.DataFrame({"n": [3, 2, 0, 0], "denominator": [3, 4, 0, 5],
                           "agrees": [True, None, None, False]})
    # a theme recorded for nobody (0 of 0) is not "raised by everyone"
    assert theme_facts(themes) == ThemeFacts(n_themes=4, n_universal=1, n_checked=2)
    assert theme_facts(themes.iloc[:0]) == ThemeFacts(0, 0, 0)
    with pytest.raises(KeyError, match="agrees"):
        theme_facts(themes.drop(columns="agrees"))


def test_theme_facts_on_the_shipped_data(view):
    themes = pup_theme_table(view.interviews, flatten(published("parenting-under-pressure")))
    assert theme_facts(themes) == ThemeFacts(n_themes=15, n_universal=5, n_checked=7)


def test_home_facts_zero_one_and_many():
    def detail(arrangements, roles):
        return pd.DataFrame({"living_arrangements": arrangements, "role": roles})

    assert home_facts(detail(["unchanged", "worse"], ["mother", "father"])) == \
        HomeFacts(improved=0, worse=1, improved_roles="nobody")
    assert home_facts(detail(["improved", "unchanged"], ["mother", "father"])) == \
        HomeFacts(improved=1, worse=0, improved_roles="mother")
    assert home_facts(detail(["improved"] * 3, ["mother", "father", "mother"])) == \
        HomeFacts(improved=3, worse=0, improved_roles="father and mother")


def test_home_facts_on_the_shipped_data(view):
    assert home_facts(view.interviews_detail()) == HomeFacts(improved=1, worse=0,
                                                             improved_roles="father")


def test_excerpt_gaps_sentence_zero_one_and_many():
    assert excerpt_gaps_sentence([]) == "Every theme has at least one excerpt."
    assert excerpt_gaps_sentence(["Nothing had got worse"]) == \
        "No excerpt is held for: nothing had got worse."
    assert excerpt_gaps_sentence(["Spoke up, argued less", "Would recommend it"]) == \
        "No excerpt is held for: spoke up, argued less; would recommend it."


def test_excerpt_gaps_sentence_on_the_shipped_data(view):
    missing = themes_without_excerpts(view.interview_excerpts, PUP_INTERVIEW_THEMES)
    assert excerpt_gaps_sentence(missing) == "Every theme has at least one excerpt."
