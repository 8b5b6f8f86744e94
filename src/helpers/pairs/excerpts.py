"""Illustrative excerpts of the PAIRS interviews: which passages are shown, how speakers are
named, and where the texts come from.

Helper logic for the last section of the chapter "What parents, staff and partners said". The
passages are rows of ``interview_excerpts`` with a text; theme wording is
:mod:`helpers.pairs.coding_frame`, theme counts :mod:`helpers.pairs.voices`.

Conventions
-----------
* Texts marked ``illustrative_synthetic`` were written for this book and were said by no one;
  :func:`source_sentence` says so in words and changes by itself when transcripts are supplied.
* A speaker is named by role only (and, for a parent, the service used), never by code.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from great_tables import GT, loc, style

from helpers.pairs.coding_frame import THEMES
from helpers.pairs.data import PairsData
from helpers.qualitative import provenance_sentence
from helpers.words import number_word

__all__ = [
    "speaker_label",
    "excerpt_table",
    "excerpts_gt",
    "source_sentence",
    "all_illustrative",
    "per_theme_words",
]

_SINGULAR = {"parent": "Parent", "pairs_team": "PAIRS team member", "stakeholder": "Stakeholder"}
_SERVICE = {"pip": "parent–infant psychotherapy", "together_time": "Together Time",
            "both": "both services"}


def speaker_label(group: str, service: str | None) -> str:
    """How a speaker is named beside an excerpt: role only, plus the service for parents.

    >>> speaker_label("parent", "together_time"), speaker_label("stakeholder", None)
    ('Parent (Together Time)', 'Stakeholder')
    """
    if group == "parent" and isinstance(service, str) and service in _SERVICE:
        return f"Parent ({_SERVICE[service]})"
    return _SINGULAR[group]


def excerpt_table(data: PairsData, per_theme: int = 2) -> pd.DataFrame:
    """Up to ``per_theme`` passages with text for each theme, in theme order then excerpt id.

    Returns
    -------
    DataFrame
        ``theme`` (label), ``speaker`` (:func:`speaker_label`), ``text``, ``text_source``,
        ``excerpt_id``.
    """
    if per_theme < 1:
        raise ValueError("per_theme must be at least 1")
    ex = data.interview_excerpts.dropna(subset=["text"])
    service = data.qualitative_sample.set_index("participant_code")["service"]
    ex = ex.assign(order=ex["theme"].map({c: k for k, c in enumerate(THEMES)}))
    ex = ex.sort_values(["order", "excerpt_id"]).groupby("theme", sort=False).head(per_theme)
    return pd.DataFrame({
        "theme": ex["theme"].map(lambda c: THEMES[c].label),
        "speaker": [speaker_label(g, service.get(p)) for g, p in
                    zip(ex["group"], ex["participant_code"])],
        "text": ex["text"], "text_source": ex["text_source"], "excerpt_id": ex["excerpt_id"],
    }).reset_index(drop=True)


def excerpts_gt(table: pd.DataFrame) -> GT:
    """Excerpts under their theme; illustrative synthetic texts are flagged in words."""
    flag = {"illustrative_synthetic": "illustrative, synthetic", "transcript": "transcript"}
    shown = pd.DataFrame({"theme": table["theme"], "speaker": table["speaker"],
                          "text": "“" + table["text"] + "”",
                          "source": table["text_source"].map(flag)})
    return (GT(shown, groupname_col="theme")
            .cols_label(speaker="Speaker", text="Excerpt", source="Text")
            .tab_style(style=style.text(style="italic"), locations=loc.body(columns="text")))


def source_sentence(table: pd.DataFrame) -> str:
    """One sentence on where the shown excerpts come from, read from ``text_source``
    (:func:`helpers.qualitative.provenance_sentence` on this table's column).

    >>> source_sentence(pd.DataFrame({"text_source": ["illustrative_synthetic"] * 12}))
    'All 12 excerpts are illustrative synthetic text, newly written for this edition: nobody said these words.'
    """
    return provenance_sentence(table, column="text_source")


def all_illustrative(table: pd.DataFrame) -> bool:
    """Whether every excerpt of :func:`excerpt_table` is illustrative synthetic text (False for
    an empty table).

    >>> all_illustrative(pd.DataFrame({"text_source": ["illustrative_synthetic", "transcript"]}))
    False
    """
    return bool(len(table)) and bool((table["text_source"] == "illustrative_synthetic").all())


def per_theme_words(table: pd.DataFrame, themes: Sequence[str] | None = None) -> str:
    """How many excerpts of :func:`excerpt_table` each theme has, in words: "two per theme",
    "one or two per theme", "up to two per theme" (some themes have none).

    ``themes`` are the theme labels to count over (default every theme of :data:`THEMES`).

    >>> t = pd.DataFrame({"theme": ["A", "A", "B"]})
    >>> per_theme_words(t, ["A", "B"]), per_theme_words(t, ["A"]), per_theme_words(t, ["A", "B", "C"])
    ('one or two per theme', 'two per theme', 'up to two per theme')
    """
    labels = list(themes) if themes is not None else [t.label for t in THEMES.values()]
    per = table["theme"].value_counts().reindex(labels, fill_value=0)
    if per.empty or per.max() == 0:
        raise ValueError("per_theme_words: no excerpts")
    lo, hi = int(per.min()), int(per.max())
    if lo == hi:
        return f"{_word(hi)} per theme"
    if lo == 0:
        return f"up to {_word(hi)} per theme"
    joiner = " or " if hi - lo == 1 else " to "
    return f"{_word(lo)}{joiner}{_word(hi)} per theme"


def _word(n: int) -> str:
    """A number of excerpts in words (not a count of people: no disclosure rule)."""
    return number_word(n, count=False)
