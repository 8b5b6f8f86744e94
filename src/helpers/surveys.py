"""Closed questions over true denominators, tick-all-that-apply questions and coded themes.

Three kinds of questionnaire answer (the Likert-type satisfaction items are in
:mod:`helpers.satisfaction`):

* **Closed questions**: :func:`question_counts` counts one question over its *true* denominator,
  the people who answered it, never a larger base; :func:`question_table` does it for a list of
  :class:`Question` and sets each answer beside the figure a report printed for it
  (:func:`helpers.printed_checks.compare_printed`); :func:`answers_gt` shows the answers and
  :func:`helpers.printed_checks.question_gt` the answers beside the printed figures.
* **Tick-all-that-apply questions**: :func:`multi_response_counts`, and
  :func:`options_with_printed` beside printed counts.
* **Open answers coded into themes**: :func:`theme_tally` counts how many respondents raised each
  theme (a respondent counts once per theme however many times the theme was coded);
  :func:`coded_theme_table` tallies themes coded as columns of a survey table and
  :func:`themes_with_printed` adds the printed figures.

Conventions: percentages are in percent units (0-100) and unrounded until formatted; a missing
answer is never counted in a denominator; an answer outside the allowed codes raises
``ValueError`` naming the row (index label) and column (:func:`invalid_answer`).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from helpers.counts import count_table
from helpers.errors import require_columns
from helpers.formatting import pct
from helpers.printed_checks import compare_printed
from helpers.words import join_words, number_word, verb

if TYPE_CHECKING:
    from great_tables import GT

__all__ = [
    "invalid_answer",
    "question_counts",
    "multi_response_counts",
    "theme_tally",
    "Question",
    "question_table",
    "answer_count",
    "question_rows",
    "options_with_printed",
    "coded_theme_table",
    "themes_with_printed",
    "unanimous_themes",
    "answers_gt",
]


def invalid_answer(frame: pd.DataFrame, column: str, mask: pd.Series, allowed: Sequence[object],
                   who: str) -> ValueError:
    """A ``ValueError`` naming the first row (index label) of ``frame`` flagged by ``mask``.

    ``who`` names the calling function; the message lists the ``allowed`` values.
    """
    row = mask.index[mask.to_numpy(dtype=bool)][0]
    value = frame.at[row, column]
    value = value.item() if callable(getattr(value, "item", None)) else value  # unwrap numpy
    return ValueError(f"{who}: column {column!r}, row {row!r} has {value!r}, "
                      f"not one of {list(allowed)} (or blank)")


# ------------------------------------------------------------------------------------------------
# Closed questions
# ------------------------------------------------------------------------------------------------


def question_counts(
    answers: pd.Series,
    order: Sequence[Hashable],
    labels: Mapping[Hashable, str] | None = None,
) -> pd.DataFrame:
    """Count one closed question over the people who answered it (its true denominator).

    A thin wrapper of :func:`helpers.counts.count_table` with ``denominator="valid"``: blanks
    (people not asked, or who skipped the question) are shown in the ``Missing`` row and are not
    in the base. ``attrs["denominator"]`` words the base; ``attrs["answered"]`` is its size.

    Raises
    ------
    ValueError
        An answer outside ``order`` (from ``count_table``, naming the value and its index).
    """
    table = count_table(answers, order=order, labels=labels, denominator="valid")
    table.attrs["answered"] = int(answers.notna().sum())
    return table


def multi_response_counts(
    ticks: pd.DataFrame,
    options: Mapping[str, str],
    *,
    answered: pd.Series | None = None,
) -> pd.DataFrame:
    """Count a tick-all-that-apply question: how many respondents ticked each option.

    Parameters
    ----------
    ticks : DataFrame
        One row per respondent, one boolean column per option (True = ticked, False = not
        ticked, blank = question not answered).
    options : mapping
        Column -> display label, in display order.
    answered : Series of bool, optional
        Who answered the question; default: respondents with no blank in the option columns.

    Returns
    -------
    DataFrame
        Columns ``option``, ``label``, ``n`` (respondents ticking it), ``denominator`` (who
        answered) and ``percent`` (0-100). The percentages may add to more than 100 because a
        respondent can tick several options; ``attrs["responses"]`` is the total number of ticks.

    Raises
    ------
    ValueError
        A value other than True/False/blank (row and column named), or nobody answered.
    """
    require_columns(ticks, list(options), "multi_response_counts")
    for col in options:
        values = ticks[col]
        bad = values.notna() & ~values.isin([True, False])
        if bad.any():
            raise invalid_answer(ticks, col, bad, [True, False], "multi_response_counts")
    if answered is None:
        answered = ticks[list(options)].notna().all(axis=1)
    base = int(answered.sum())
    if base == 0:
        raise ValueError("multi_response_counts: nobody answered the question")
    rows = []
    for col, label in options.items():
        k = int((ticks.loc[answered, col] == True).sum())  # nullable booleans: == True, not `is`
        rows.append((col, label, k, base, 100.0 * k / base))
    out = pd.DataFrame(rows, columns=["option", "label", "n", "denominator", "percent"])
    out.attrs["responses"] = int(out["n"].sum())
    out.attrs["answered"] = base
    return out


# ------------------------------------------------------------------------------------------------
# Themes of open answers
# ------------------------------------------------------------------------------------------------


def theme_tally(
    coded: pd.DataFrame,
    themes: Mapping[str, str],
    *,
    respondents: Sequence[Hashable],
    respondent_col: str = "respondent",
    theme_col: str = "theme",
) -> pd.DataFrame:
    """How many respondents raised each theme, of everyone who was asked.

    Parameters
    ----------
    coded : DataFrame
        One row per (respondent, theme) coding; a theme coded twice for one respondent counts once.
    themes : mapping
        Theme code -> description (newly written wording), in display order; themes nobody
        raised are kept with a count of 0.
    respondents : sequence
        Everyone who answered the open question (the denominator); a coding for anyone else is
        an error, as is a theme code not in ``themes``.

    Returns
    -------
    DataFrame
        Columns ``theme``, ``description``, ``n`` (respondents), ``denominator``, ``percent``
        (0-100); sorted by ``n`` descending, ties in the order of ``themes``.
    """
    require_columns(coded, [respondent_col, theme_col], "theme_tally")
    everyone = pd.Index(list(respondents))
    if everyone.has_duplicates:
        raise ValueError(f"theme_tally: respondents listed twice: {list(everyone[everyone.duplicated()])}")
    if len(everyone) == 0:
        raise ValueError("theme_tally: no respondents")
    bad = ~coded[theme_col].isin(list(themes))
    if bad.any():
        raise invalid_answer(coded, theme_col, bad, list(themes), "theme_tally")
    stranger = ~coded[respondent_col].isin(everyone)
    if stranger.any():
        raise invalid_answer(coded, respondent_col, stranger, list(everyone), "theme_tally")
    distinct = coded[[respondent_col, theme_col]].drop_duplicates()
    n = distinct[theme_col].value_counts().reindex(list(themes), fill_value=0)
    out = pd.DataFrame({
        "theme": list(themes),
        "description": list(themes.values()),
        "n": n.to_numpy().astype("int64"),
        "denominator": len(everyone),
    })
    out["percent"] = 100.0 * out["n"] / out["denominator"]
    out["_order"] = np.arange(len(out))
    out = out.sort_values(["n", "_order"], ascending=[False, True], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


# ------------------------------------------------------------------------------------------------
# Questions with printed figures beside them
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """One coded question of a practitioners' questionnaire.

    Attributes
    ----------
    column : str
        Column of the survey table holding the coded answer (blank = not answered).
    text : str
        The question in a few newly written words.
    answers : mapping
        Code -> display label, in display order; every code in the data must be listed.
    printed : mapping
        Code -> path of the published figure for that answer (see :func:`helpers.published.flatten`);
        a path ending in ``_pct`` (or inside a ``..._pct`` group) is a percentage, otherwise a count.
    """

    column: str
    text: str
    answers: Mapping[Hashable, str]
    printed: Mapping[Hashable, str] = None  # type: ignore[assignment]

    def printed_paths(self) -> Mapping[Hashable, str]:
        return self.printed or {}


def question_table(
    survey: pd.DataFrame,
    questions: Sequence[Question],
    published_flat: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """Every answer of every question, counted over the question's true denominator.

    Parameters
    ----------
    survey : DataFrame
        One row per respondent.
    questions : sequence of Question
    published_flat : mapping, optional
        ``flatten(published(...))``; when given, the printed figure of each answer is attached.

    Returns
    -------
    DataFrame
        One row per (question, answer): ``question``, ``answer``, ``n``, ``denominator`` (people
        who answered this question), ``percent`` (0-100), ``printed_path``, ``printed`` (value as
        in the YAML, or None), ``printed_kind`` ("percent"/"count"/None), ``check``
        (:class:`helpers.printed_checks.PercentCheck` for printed percentages, else None) and ``agrees`` (bool or None):
        a printed count agrees when equal, a printed percentage when the count rounds to it.
    """
    rows = []
    for q in questions:
        require_columns(survey, [q.column], "question_table")
        table = question_counts(survey[q.column], order=list(q.answers), labels=dict(q.answers))
        base = table.attrs["answered"]
        if base == 0:
            raise ValueError(f"question_table: nobody answered {q.column!r}")
        for code, label in q.answers.items():
            k = int(table.loc[table["category"] == str(label), "n"].iloc[0])
            path = q.printed_paths().get(code)
            value = published_flat.get(path) if (published_flat is not None and path) else None
            if path and published_flat is not None and path not in published_flat:
                raise KeyError(f"question_table: no published figure at {path!r}")
            rows.append({"question": q.text, "column": q.column, "code": code, "answer": label,
                         "n": k, "denominator": base, "percent": 100.0 * k / base,
                         **compare_printed(path, value, k, base)})
    return pd.DataFrame(rows)


def answer_count(table: pd.DataFrame, column: str, code: Hashable) -> tuple[int, int]:
    """Count and denominator of one answer in a :func:`question_table`.

    Raises
    ------
    KeyError
        ``(column, code)`` is not a row of the table.
    """
    row = table[(table["column"] == column) & (table["code"] == code)]
    if len(row) != 1:
        raise KeyError(f"answer_count: no answer {code!r} to {column!r}")
    return int(row["n"].iloc[0]), int(row["denominator"].iloc[0])


def question_rows(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """The rows of one question (by survey ``column``) of a :func:`question_table`, in order.

    Raises
    ------
    KeyError
        No row of the table is for ``column``.
    """
    rows = table[table["column"] == column].reset_index(drop=True)
    if rows.empty:
        raise KeyError(f"question_rows: no question {column!r}")
    return rows


def options_with_printed(
    survey: pd.DataFrame,
    options: Mapping[str, str],
    printed_paths: Mapping[str, str],
    published_flat: Mapping[str, object],
    *,
    question: str,
) -> pd.DataFrame:
    """A tick-all-that-apply question (:func:`multi_response_counts`) beside its printed figures.

    ``printed_paths`` maps each option column to the path of its published figure. The result
    has the columns of :func:`question_table` (``code`` is True: the option was ticked), so
    :func:`helpers.printed_checks.question_gt` and ``discrepancy_notes`` can show it.
    """
    counts = multi_response_counts(survey, options)
    rows = []
    for _, row in counts.iterrows():
        path = printed_paths[row["option"]]
        rows.append({"question": question, "column": row["option"], "code": True,
                     "answer": row["label"], "n": int(row["n"]),
                     "denominator": int(row["denominator"]), "percent": row["percent"],
                     **compare_printed(path, published_flat[path], int(row["n"]),
                                       int(row["denominator"]))})
    return pd.DataFrame(rows)


def coded_theme_table(
    survey: pd.DataFrame,
    themes: Mapping[str, tuple[str, str, object]],
    *,
    id_col: str,
) -> pd.DataFrame:
    """Tally themes coded from open answers, each over the people who answered its question.

    Parameters
    ----------
    survey : DataFrame
        One row per respondent with one coded column per open question.
    themes : mapping
        Theme code -> (newly written description, source column, value meaning "raised").
    id_col : str
        Respondent identifier.

    Returns
    -------
    DataFrame
        :func:`theme_tally` output for every source question, concatenated and sorted by ``n``
        (descending, ties in the order of ``themes``), plus the ``column`` the theme was coded from.
    """
    parts = []
    for column in dict.fromkeys(src for _, src, _ in themes.values()):
        require_columns(survey, [id_col, column], "coded_theme_table")
        group = {code: desc for code, (desc, src, _) in themes.items() if src == column}
        answered = survey[survey[column].notna()]
        coded = pd.DataFrame(
            [(rid, code) for code in group
             for rid, value in zip(answered[id_col], answered[column], strict=True)
             if value == themes[code][2]],
            columns=["respondent", "theme"])
        part = theme_tally(coded, group, respondents=list(answered[id_col]))
        part["column"] = column
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    order = {code: i for i, code in enumerate(themes)}
    out["_order"] = out["theme"].map(order)
    out = out.sort_values(["n", "_order"], ascending=[False, True], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


def themes_with_printed(
    survey: pd.DataFrame,
    themes: Mapping[str, tuple[str, str, object, str | None]],
    published_flat: Mapping[str, object],
    *,
    id_col: str,
) -> pd.DataFrame:
    """:func:`coded_theme_table` beside the printed figure of each theme.

    ``themes`` maps a theme code to (description, source column, value meaning "raised", path of
    the printed figure or None). The result has the columns of :func:`question_table`, so
    :func:`helpers.printed_checks.question_gt` and ``discrepancy_notes`` can show it.
    """
    table = coded_theme_table(survey, {k: v[:3] for k, v in themes.items()}, id_col=id_col)
    rows = []
    for _, row in table.iterrows():
        path = themes[row["theme"]][3]
        value = published_flat.get(path) if path else None
        rows.append({"question": "Themes in the open answers", "column": row["column"],
                     "code": row["theme"], "answer": row["description"], "n": int(row["n"]),
                     "denominator": int(row["denominator"]), "percent": row["percent"],
                     **compare_printed(path, value, int(row["n"]), int(row["denominator"]))})
    return pd.DataFrame(rows)


def unanimous_themes(themes: pd.DataFrame, who: str = "respondent") -> str:
    """A sentence naming the themes raised by every ``who`` who answered their question.

    ``themes`` is :func:`coded_theme_table` or :func:`themes_with_printed` output (columns
    ``answer``/``description``, ``n``, ``denominator``). Reads correctly whether none, one, some
    or all of the themes were raised by everyone ("Two of the three themes were raised by every
    therapist who answered the question behind them: “calmer” and “kinder”."); an empty table
    is an error.
    """
    if themes.empty:
        raise ValueError("unanimous_themes: no themes")
    label = "answer" if "answer" in themes.columns else "description"
    everyone = themes[themes["n"] == themes["denominator"]]
    k, total = len(everyone), len(themes)
    names = [f"“{str(s)[:1].lower() + str(s)[1:]}”" for s in everyone[label]]
    if total == 1:
        return (f"The one theme, {names[0]}, was raised by every {who} who answered its question."
                if k else f"The one theme was not raised by every {who} who answered its question.")
    if k == 0:
        return (f"None of the {number_word(total)} themes was raised by every {who} who answered "
                "its question.")
    if k == total:
        start = "Both themes" if total == 2 else f"All {number_word(total)} themes"
        return f"{start} were raised by every {who} who answered the question behind them."
    behind = "it" if k == 1 else "them"
    return (f"{number_word(k, start=True)} of the {number_word(total)} themes {verb('was', k)} "
            f"raised by every {who} who answered the question behind {behind}: "
            f"{join_words(names)}.")


def answers_gt(table: pd.DataFrame | Sequence[pd.DataFrame], *,
               respondents: str = "respondents") -> GT:
    """A great_tables table of :func:`question_table` rows, one row group per question: the answer
    and "k of n (p%)" over the ``respondents`` who answered it (no printed figures; the appendix
    compares those)."""
    from great_tables import GT

    if not isinstance(table, pd.DataFrame):
        table = pd.concat(list(table), ignore_index=True)
    shown = pd.DataFrame({
        "question": table["question"],
        "answer": table["answer"],
        "data": [pct(int(k), int(n)) for k, n in zip(table["n"], table["denominator"],
                                                     strict=True)],
    })
    return (GT(shown, groupname_col="question")
            .cols_label(cases={"answer": "Answer", "data": respondents.capitalize()})
            .cols_align(align="right", columns=["data"])
            .tab_source_note(f"Each percentage is of the {respondents} who answered that "
                             "question; blank answers are left out of the denominator."))
