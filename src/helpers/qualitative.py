"""Interview themes and excerpts, for any evaluation.

A :class:`Theme` names a coded column of an interview table and the values that mean "raised";
:func:`theme_counts` counts how many interviewees raised each theme over those for whom the column
is recorded (blank = not asked or not applicable, left out of the denominator);
:func:`excerpt_table` picks at most a few excerpts per theme and :func:`provenance_sentence` says,
from the data, whether they are transcript or illustrative text.

Conventions: counts are people (interviewees, couples or parents); percentages are 0-100 of the
stated denominator.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from helpers import disclosure
from helpers.errors import require_columns
from helpers.formatting import pct
from helpers.surveys import theme_tally
from helpers.words import number_word, verb

__all__ = [
    "Theme",
    "theme_counts",
    "excerpt_table",
    "themes_without_excerpts",
    "provenance_sentence",
    "speaker_labels",
    "generalise_speaker",
    "theme_gt",
    "excerpt_gt",
]


# ------------------------------------------------------------------------------------------------
# Generic: themes and excerpts
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    """One coded theme of an interview table.

    Attributes
    ----------
    code : str
        Identifier used by excerpts (normally the column name).
    label : str
        Newly written short wording for tables.
    column : str
        Column of the interview table the theme is coded in.
    raised : tuple
        Values of ``column`` that mean the interviewee raised the theme (default ``(True,)``).
    """

    code: str
    label: str
    column: str
    raised: tuple[object, ...] = (True,)


def theme_counts(frame: pd.DataFrame, themes: Sequence[Theme], *, id_col: str) -> pd.DataFrame:
    """How many interviewees raised each theme, in the order of ``themes``.

    Parameters
    ----------
    frame : DataFrame
        One row per interviewee; a blank in a theme column means the theme did not apply to that
        person (e.g. no social worker involved) and removes them from that theme's denominator.
    themes : sequence of Theme
        Themes to count; codes must be unique.
    id_col : str
        Interviewee identifier (must be unique; checked by :func:`helpers.surveys.theme_tally`).

    Returns
    -------
    DataFrame
        Columns ``code``, ``label``, ``column``, ``n`` (raised), ``denominator`` (recorded),
        ``percent`` (0-100; NaN when nobody is recorded).

    Examples
    --------
    >>> f = pd.DataFrame({"id": [1, 2, 3], "calm": [True, False, True],
    ...                   "sw": [True, None, None]})
    >>> t = theme_counts(f, [Theme("calm", "Calmer", "calm"), Theme("sw", "Plan", "sw")], id_col="id")
    >>> t[["code", "n", "denominator"]].values.tolist()
    [['calm', 2, 3], ['sw', 1, 1]]
    """
    codes = [t.code for t in themes]
    if len(set(codes)) != len(codes):
        raise ValueError(f"theme_counts: theme codes repeat: {codes}")
    require_columns(frame, [id_col, *dict.fromkeys(t.column for t in themes)], "theme_counts")
    rows = []
    for theme in themes:
        recorded = frame[frame[theme.column].notna()]
        said = recorded[recorded[theme.column].isin(list(theme.raised))]
        n, denominator, share = 0, 0, float("nan")
        if len(recorded):
            tally = theme_tally(pd.DataFrame({"respondent": said[id_col], "theme": theme.code}),
                                {theme.code: theme.label}, respondents=list(recorded[id_col]))
            n, denominator = int(tally.at[0, "n"]), int(tally.at[0, "denominator"])
            share = float(tally.at[0, "percent"])
        rows.append({"code": theme.code, "label": theme.label, "column": theme.column, "n": n,
                     "denominator": denominator, "percent": share})
    return pd.DataFrame(rows)


def excerpt_table(
    excerpts: pd.DataFrame,
    themes: Sequence[Theme],
    *,
    speaker: Mapping[Hashable, str] | pd.Series,
    per_theme: int = 2,
    id_col: str = "parent_id",
    key_col: str = "excerpt_id",
) -> pd.DataFrame:
    """At most ``per_theme`` excerpts per theme, themes in the given order, excerpts by key.

    ``excerpts`` needs ``key_col``, ``id_col``, ``theme``, ``provenance`` and ``text``. Every
    excerpt's theme must be one of ``themes`` and every speaker must have a label in ``speaker``.

    Returns
    -------
    DataFrame
        Columns ``theme`` (label), ``code``, ``excerpt``, ``speaker``, ``provenance``.
    """
    if per_theme < 1:
        raise ValueError(f"excerpt_table: per_theme must be at least 1, got {per_theme}")
    require_columns(excerpts, [key_col, id_col, "theme", "provenance", "text"], "excerpt_table")
    order = {t.code: i for i, t in enumerate(themes)}
    unknown = sorted(set(excerpts["theme"]) - set(order))
    if unknown:
        raise ValueError(f"excerpt_table: excerpts for themes not in the list: {unknown}")
    labels = pd.Series(speaker) if not isinstance(speaker, pd.Series) else speaker
    nameless = sorted(set(excerpts[id_col]) - set(labels.index))
    if nameless:
        raise ValueError(f"excerpt_table: no speaker label for {nameless}")
    ranked = excerpts.assign(_order=excerpts["theme"].map(order)).sort_values(["_order", key_col])
    kept = ranked.groupby("theme", sort=False).head(per_theme)
    label_of = {t.code: t.label for t in themes}
    return pd.DataFrame({
        "theme": kept["theme"].map(label_of).to_numpy(),
        "code": kept["theme"].to_numpy(),
        "excerpt": kept["text"].to_numpy(),
        "speaker": kept[id_col].map(labels).to_numpy(),
        "provenance": kept["provenance"].to_numpy(),
    })


def themes_without_excerpts(excerpts: pd.DataFrame, themes: Sequence[Theme]) -> list[str]:
    """Labels of the themes no excerpt illustrates, in the order of ``themes``."""
    present = set(excerpts["theme"])
    return [t.label for t in themes if t.code not in present]


def provenance_sentence(excerpts: pd.DataFrame, *, illustrative: str = "illustrative_synthetic",
                        column: str = "provenance") -> str:
    """One sentence stating, from the data, what the excerpts are.

    ``column`` holds each excerpt's provenance code; ``illustrative`` is the code of newly written
    synthetic text (anything else is taken to come from a transcript).

    Examples
    --------
    >>> provenance_sentence(pd.DataFrame({"provenance": ["illustrative_synthetic"] * 3}))
    'All three excerpts are illustrative synthetic text, newly written for this edition: nobody said these words.'
    >>> provenance_sentence(pd.DataFrame({"provenance": ["illustrative_synthetic", "transcript"]}))
    'One of the two excerpts is illustrative synthetic text, newly written for this edition; the other is taken from an interview transcript.'
    """
    n = len(excerpts)
    if n == 0:
        return "No interview excerpts are held."
    k = int((excerpts[column] == illustrative).sum())
    if k == n:
        held = "The one excerpt is" if n == 1 else f"All {number_word(n, count=False)} excerpts are"
        return (f"{held} illustrative synthetic text, newly written for this edition: nobody "
                "said these words.")
    if k == 0:
        return ("The one excerpt is taken from an interview transcript." if n == 1
                else f"All {number_word(n, count=False)} excerpts are taken from interview "
                "transcripts.")
    rest = ("the other is taken from an interview transcript" if n - k == 1
            else "the others are taken from interview transcripts")
    return (f"{number_word(k, start=True, count=False)} of the {number_word(n, count=False)} "
            f"excerpts {verb('is', k, count=False)} "
            f"illustrative synthetic text, newly written for this edition; {rest}.")


def speaker_labels(frame: pd.DataFrame, *, id_col: str, role_col: str, group_col: str,
                   group_word: str = "family") -> pd.Series:
    """``"Mother, family 3"``-style labels by interviewee id (role capitalised).

    In the public edition (:mod:`helpers.disclosure`) the label is generalised to the role alone
    (``"Mother"``): naming the family would let a reader join a person's excerpts together.
    """
    require_columns(frame, [id_col, role_col, group_col], "speaker_labels")
    if frame[role_col].isna().any() or frame[group_col].isna().any():
        bad = frame.loc[frame[role_col].isna() | frame[group_col].isna(), id_col].tolist()
        raise ValueError(f"speaker_labels: no role or {group_word} recorded for {bad}")
    public = disclosure.active_rule() is not None
    text = [str(r).capitalize() if public else f"{str(r).capitalize()}, {group_word} {g}"
            for r, g in zip(frame[role_col], frame[group_col], strict=True)]
    return pd.Series(text, index=frame[id_col].to_numpy(), name="speaker")


_NARROWING = re.compile(r",\s*(?:family|couple|household|group|case|client|parent|interviewee)"
                        r"\s+[\w-]+\s*$", re.IGNORECASE)


def generalise_speaker(label: str) -> str:
    """A speaker label without the part that narrows it to one family or person.

    >>> generalise_speaker("Father, family 3"), generalise_speaker("Parent (Together Time)")
    ('Father', 'Parent (Together Time)')
    """
    return _NARROWING.sub("", str(label)).strip()


def theme_gt(table: pd.DataFrame, *, respondents: str = "interviewees"):
    """great_tables table of :func:`theme_counts` output (theme and "k of n (p%)").

    A table that also carries ``printed_text`` and ``agrees`` (a report's figure beside each
    theme, e.g. for an appendix) gets those two columns as well.
    """
    from great_tables import GT

    shown = pd.DataFrame({
        "label": table["label"],
        "data": [pct(int(k), int(n)) if n else "–" for k, n in
                 zip(table["n"], table["denominator"], strict=True)],
    })
    labels = {"label": "Theme", "data": f"{respondents.capitalize()} who raised it"}
    note = (f"Each percentage is of the {respondents} for whom the theme was recorded; a theme "
            "that did not apply to someone leaves them out of its denominator.")
    if "printed_text" in table.columns:
        shown["printed"] = table["printed_text"].to_numpy()
        shown["agrees"] = ["–" if a is None else ("✓ yes" if a else "✗ no")
                           for a in table["agrees"]]
        labels.update({"printed": "In the report", "agrees": "Agrees"})
        note += " – : the report gave no number."
    return (GT(shown).cols_label(cases=labels)
            .cols_align(align="right", columns=["data"])
            .tab_source_note(note))


def excerpt_gt(table: pd.DataFrame, *, note: str):
    """great_tables table of :func:`excerpt_table` output, grouped by theme, with ``note`` below.

    In the public edition a speaker label that names a family or another numbered group
    (``"Father, family 3"``) is generalised to the role before it (``"Father"``).
    """
    from great_tables import GT

    shown = table[["theme", "excerpt", "speaker"]]
    if disclosure.active_rule() is not None:
        shown = shown.assign(speaker=[generalise_speaker(s) for s in shown["speaker"]])
    return (GT(shown, groupname_col="theme")
            .cols_label(cases={"excerpt": "Excerpt", "speaker": "Speaker"})
            .tab_source_note(note))
