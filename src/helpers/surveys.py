"""Survey summaries: satisfaction items, closed questions over true denominators, theme tallies.

Three kinds of questionnaire answer appear in the evaluation chapters:

* **Likert-type items** (the 11 service-satisfaction items, coded 1 = certainly true, 2 = partly
  true, 3 = not true): :func:`satisfaction_long` turns one row per respondent into one row per
  answer for :func:`helpers.figures.diverging_stacked_bar`; :func:`satisfaction_summary` counts
  each item's answers and sorts the items by agreement; :func:`satisfaction_claims` gathers what
  a chapter needs to test the published claims.
* **Closed questions** (therapists' and referrers' questionnaires): :func:`question_counts`
  counts one question over its *true* denominator, the people who answered it, never a larger
  base; :func:`multi_response_counts` does the same for a tick-all-that-apply question.
* **Open answers coded into themes**: :func:`theme_tally` counts how many respondents raised each
  theme (a respondent counts once per theme however many times the theme was coded).

A printed percentage is compared with its count by :func:`check_printed_percent`, which also asks
whether the printed value can arise from the denominator at all (e.g. 16% of 8 cannot: 1 of 8 is
12.5% and 2 of 8 is 25%). :func:`percent_note` words the result through
:mod:`helpers.formatting`, the one place numbers become text.

Conventions: percentages are in percent units (0-100) and unrounded until formatted; a missing
answer is never counted in a denominator; an answer outside the allowed codes raises
``ValueError`` naming the row (index label) and column.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from helpers.counts import count_table
from helpers.errors import require_columns
from helpers.formatting import integer, pct, percent
from helpers.scoring import Instrument

if TYPE_CHECKING:
    from great_tables import GT

__all__ = [
    "SATISFACTION_ORDER",
    "satisfaction_long",
    "satisfaction_summary",
    "SatisfactionClaims",
    "satisfaction_claims",
    "question_counts",
    "multi_response_counts",
    "theme_tally",
    "PercentCheck",
    "check_printed_percent",
    "percent_note",
    "Question",
    "question_table",
    "question_gt",
    "discrepancy_notes",
    "discrepancy_paragraph",
    "coded_theme_table",
    "satisfaction_gt",
    "SatisfactionSentences",
    "satisfaction_sentences",
    "THERAPIST_FIRST_QUESTIONS",
    "THERAPIST_LATER_QUESTIONS",
    "THERAPIST_THEMES",
    "REFERRER_QUESTIONS",
    "REFERRER_EVENTS",
    "REFERRER_EVENTS_PRINTED",
    "FIGURE_NAMES",
    "themes_with_printed",
    "events_with_printed",
    "unanimous_themes",
]

#: Response labels of the satisfaction items, most positive first (codes 1, 2, 3).
SATISFACTION_ORDER: tuple[str, ...] = ("certainly true", "partly true", "not true")


def _bad_value(frame: pd.DataFrame, column: str, mask: pd.Series, allowed: Sequence[object],
               who: str) -> ValueError:
    """A ``ValueError`` naming the first offending row (index label) and column."""
    row = mask.index[mask.to_numpy(dtype=bool)][0]
    value = frame.at[row, column]
    value = value.item() if callable(getattr(value, "item", None)) else value  # unwrap numpy
    return ValueError(f"{who}: column {column!r}, row {row!r} has {value!r}, "
                      f"not one of {list(allowed)} (or blank)")




# ------------------------------------------------------------------------------------------------
# Satisfaction items
# ------------------------------------------------------------------------------------------------


def satisfaction_long(
    responses: pd.DataFrame,
    instrument: Instrument,
    *,
    id_col: str,
    labels: Mapping[int, str] | None = None,
) -> pd.DataFrame:
    """One row per respondent and item, with the answer as a label (blank = not answered).

    Parameters
    ----------
    responses : DataFrame
        One row per respondent: ``id_col`` plus one column per item code of ``instrument``,
        holding the raw codes (1-3 for the satisfaction form) or blanks.
    instrument : Instrument
        Supplies the item codes, their order and the short item summaries.
    labels : mapping, optional
        Code -> label; default 1, 2, 3 -> :data:`SATISFACTION_ORDER`.

    Returns
    -------
    DataFrame
        Columns ``respondent``, ``position`` (1-based item order on the form), ``item`` (code),
        ``summary`` and ``response`` (label or ``<NA>``), ordered by respondent then position.

    Raises
    ------
    ValueError
        A code that is not in ``labels`` (row and column named).
    """
    labels = dict(labels) if labels is not None else dict(enumerate(SATISFACTION_ORDER, start=1))
    require_columns(responses, [id_col, *instrument.item_codes], "satisfaction_long")
    parts = []
    for position, item in enumerate(instrument.items, start=1):
        raw = responses[item.code]
        codes = pd.to_numeric(raw, errors="coerce")
        bad = raw.notna() & ~codes.isin(list(labels))
        if bad.any():
            raise _bad_value(responses, item.code, bad, list(labels), "satisfaction_long")
        parts.append(pd.DataFrame({
            "respondent": responses[id_col].to_numpy(),
            "position": position,
            "item": item.code,
            "summary": item.summary,
            "response": pd.array([labels[int(c)] if pd.notna(c) else pd.NA for c in codes],
                                 dtype="string"),
        }))
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["respondent", "position"], kind="stable").reset_index(drop=True)


def satisfaction_summary(long: pd.DataFrame, order: Sequence[str] = SATISFACTION_ORDER
                         ) -> pd.DataFrame:
    """Count each item's answers and sort the items by agreement.

    Parameters
    ----------
    long : DataFrame
        Output of :func:`satisfaction_long`.
    order : sequence of str
        Response labels, most positive first; the first is "agreement".

    Returns
    -------
    DataFrame
        One row per item: ``position``, ``item``, ``summary``, ``n`` (answered), one count
        column per label (spaces as underscores, e.g. ``certainly_true``), ``missing`` and
        ``pct_top`` (share of ``n`` giving the first label, 0-100, unrounded). Sorted by
        ``pct_top`` descending, ties by the share of the last (most negative) label ascending,
        then by position on the form.
    """
    require_columns(long, ["position", "item", "summary", "response"], "satisfaction_summary")
    answered = long["response"].notna()
    bad = answered & ~long["response"].isin(list(order))
    if bad.any():
        raise _bad_value(long, "response", bad, list(order), "satisfaction_summary")
    cols = [label.replace(" ", "_") for label in order]
    counts = (pd.crosstab(long["item"], pd.Categorical(long["response"], categories=list(order)),
                          dropna=False)
              .reindex(columns=list(order), fill_value=0))
    counts.columns = cols
    items = long[["position", "item", "summary"]].drop_duplicates().set_index("item")
    out = items.join(counts).fillna({c: 0 for c in cols})
    out[cols] = out[cols].astype("int64")
    out["n"] = out[cols].sum(axis=1).astype("int64")
    out["missing"] = long.loc[~answered, "item"].value_counts().reindex(out.index, fill_value=0)
    out["missing"] = out["missing"].astype("int64")
    if (out["n"] == 0).any():
        raise ValueError(f"satisfaction_summary: nobody answered item {out.index[out['n'] == 0][0]!r}")
    out["pct_top"] = 100.0 * out[cols[0]] / out["n"]
    out["_neg"] = out[cols[-1]] / out["n"]
    out = out.reset_index().sort_values(["pct_top", "_neg", "position"],
                                        ascending=[False, True, True], kind="stable")
    return out.drop(columns="_neg")[["position", "item", "summary", "n", *cols, "missing",
                                     "pct_top"]].reset_index(drop=True)


@dataclass(frozen=True)
class SatisfactionClaims:
    """What the data say about the report's three satisfaction claims.

    Attributes
    ----------
    respondents : int
        People with at least one answered item.
    lowest_top, lowest_top_n : int
        Count answering the first label ("certainly true") on the lowest-scoring item, of its n.
    lowest_items : tuple[str, ...]
        Summaries of the item(s) with that lowest share.
    not_true_answers : int
        Answers in the last (most negative) category across all items.
    items_with_not_true : int
        Items with at least one such answer.
    top_count, top_n : int
        Count and n of the highest-scoring item(s).
    top_items : tuple[str, ...]
        Summaries of every item sharing that highest share, in form order.
    """

    respondents: int
    lowest_top: int
    lowest_top_n: int
    lowest_items: tuple[str, ...]
    not_true_answers: int
    items_with_not_true: int
    top_count: int
    top_n: int
    top_items: tuple[str, ...]

    def all_items_above(self, threshold_pct: float) -> bool:
        """True when every item's share of the first label is strictly above ``threshold_pct``."""
        return Fraction(self.lowest_top, self.lowest_top_n) * 100 > Fraction(str(threshold_pct))


def satisfaction_claims(long: pd.DataFrame, order: Sequence[str] = SATISFACTION_ORDER
                        ) -> SatisfactionClaims:
    """Gather the facts behind the published satisfaction claims from :func:`satisfaction_long`.

    Shares are compared as exact fractions, so two items with 16 of 18 tie exactly.
    """
    summary = satisfaction_summary(long, order)
    top_col, neg_col = order[0].replace(" ", "_"), order[-1].replace(" ", "_")
    share = [Fraction(int(k), int(n)) for k, n in zip(summary[top_col], summary["n"], strict=True)]
    best, worst = max(share), min(share)
    by_form = summary.sort_values("position")
    form_share = [Fraction(int(k), int(n)) for k, n in zip(by_form[top_col], by_form["n"],
                                                           strict=True)]
    top_rows = by_form[[s == best for s in form_share]]
    low_rows = by_form[[s == worst for s in form_share]]
    answered = long.loc[long["response"].notna(), "respondent"]
    return SatisfactionClaims(
        respondents=int(answered.nunique()),
        lowest_top=int(low_rows[top_col].iloc[0]),
        lowest_top_n=int(low_rows["n"].iloc[0]),
        lowest_items=tuple(low_rows["summary"]),
        not_true_answers=int(summary[neg_col].sum()),
        items_with_not_true=int((summary[neg_col] > 0).sum()),
        top_count=int(top_rows[top_col].iloc[0]),
        top_n=int(top_rows["n"].iloc[0]),
        top_items=tuple(top_rows["summary"]),
    )


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
            raise _bad_value(ticks, col, bad, [True, False], "multi_response_counts")
    if answered is None:
        answered = ticks[list(options)].notna().all(axis=1)
    base = int(answered.sum())
    if base == 0:
        raise ValueError("multi_response_counts: nobody answered the question")
    rows = []
    for col, label in options.items():
        k = int((ticks.loc[answered, col] == True).sum())  # noqa: E712 - nullable booleans
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
        raise _bad_value(coded, theme_col, bad, list(themes), "theme_tally")
    stranger = ~coded[respondent_col].isin(everyone)
    if stranger.any():
        raise _bad_value(coded, respondent_col, stranger, list(everyone), "theme_tally")
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
# Printed percentages against their counts
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PercentCheck:
    """A printed percentage compared with the count and denominator in the data.

    Attributes
    ----------
    printed : float
        The percentage as printed (percent units).
    decimals : int
        Decimals shown in the printed value.
    count, denominator : int
        What the data give.
    possible_counts : tuple[int, ...]
        Every count k in 0..denominator whose exact share rounds to the printed value (a tie may
        round either way, so both half-up and half-to-even printing are allowed).
    """

    printed: float
    decimals: int
    count: int
    denominator: int
    possible_counts: tuple[int, ...]

    @property
    def exact(self) -> float:
        """The share the data give, 0-100, unrounded."""
        return 100.0 * self.count / self.denominator

    @property
    def consistent(self) -> bool:
        """True when the data's count rounds to the printed percentage."""
        return self.count in self.possible_counts

    @property
    def attainable(self) -> bool:
        """True when some count of this denominator rounds to the printed percentage."""
        return bool(self.possible_counts)


def check_printed_percent(printed: float, count: int, denominator: int, decimals: int = 0
                          ) -> PercentCheck:
    """Compare a printed percentage with ``count`` of ``denominator`` (exact arithmetic).

    Examples
    --------
    >>> check_printed_percent(16, 1, 8).possible_counts   # 12.5% or 25%: 16% cannot arise
    ()
    >>> check_printed_percent(38, 3, 8).consistent        # 37.5% printed rounded up
    True
    """
    if denominator <= 0 or not 0 <= count <= denominator:
        raise ValueError(f"need 0 <= count <= denominator and denominator > 0; "
                         f"got {count} of {denominator}")
    half = Fraction(1, 2) / 10 ** decimals
    target = Fraction(str(printed))
    possible = tuple(k for k in range(denominator + 1)
                     if target - half <= Fraction(100 * k, denominator) <= target + half)
    return PercentCheck(float(printed), decimals, int(count), int(denominator), possible)


def percent_note(check: PercentCheck, what: str) -> str:
    """One sentence comparing a printed percentage with the data, for a chapter's prose.

    ``what`` names the figure ("therapists who had no safety concerns"). The sentence states the
    count and denominator, and when they do not give the printed value, whether any count of that
    denominator could.
    """
    data_text = pct(check.count, check.denominator, decimals=max(check.decimals, 0))
    printed_text = percent(check.printed, check.decimals)
    exact_text = percent(check.exact, 1)
    if check.consistent:
        if percent(check.exact, check.decimals) == printed_text:
            return f"The data give {data_text} {what}, as printed."
        return (f"The data give {data_text} {what}; the exact share, {exact_text}, lies halfway "
                f"between two whole percentages, and the report rounded it to {printed_text} "
                "while this book rounds halves to the even figure.")
    if not check.attainable:
        return (f"The report printed {printed_text} for {what}, a share no whole number of "
                f"{check.denominator} respondents can give; the data give {data_text}.")
    options = " or ".join(pct(k, check.denominator) for k in check.possible_counts)
    return (f"The report printed {printed_text} for {what}, which would need {options}; "
            f"the data give {data_text}.")


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


def _is_percent_path(path: str) -> bool:
    return any(part.endswith("_pct") for part in path.split("."))


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
        (:class:`PercentCheck` for printed percentages, else None) and ``agrees`` (bool or None):
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
            kind = check = agrees = None
            if value is not None:
                if _is_percent_path(path):
                    kind = "percent"
                    check = check_printed_percent(float(value), k, base)
                    agrees = check.consistent
                else:
                    kind, agrees = "count", int(value) == k
            rows.append({"question": q.text, "column": q.column, "code": code, "answer": label,
                         "n": k, "denominator": base, "percent": 100.0 * k / base,
                         "printed_path": path, "printed": value, "printed_kind": kind,
                         "check": check, "agrees": agrees})
    return pd.DataFrame(rows)


def question_gt(table: pd.DataFrame | Sequence[pd.DataFrame], *,
                respondents: str = "respondents") -> "GT":
    """A great_tables table of :func:`question_table`: one row group per question.

    Columns: answer, "k of n (p%)" (formatted by :func:`helpers.formatting.pct`), the printed
    figure as printed, and whether they agree ("✓ yes", "✗ no", or "rounding" when the exact
    share is a tie the report rounded up and the book rounds to even). A source note states that
    each denominator is the number of ``respondents`` who answered that question.
    """
    from great_tables import GT, loc, style

    if not isinstance(table, pd.DataFrame):
        table = pd.concat(list(table), ignore_index=True)

    def printed_text(row: pd.Series) -> str:
        if row["printed"] is None or (isinstance(row["printed"], float) and np.isnan(row["printed"])):
            return "–"
        if row["printed_kind"] == "percent":
            return percent(float(row["printed"]))
        return str(int(row["printed"]))

    def agree_text(row: pd.Series) -> str:
        if row["agrees"] is None or pd.isna(row["agrees"]):
            return "–"
        if not row["agrees"]:
            return "✗ no"
        check = row["check"]
        if check is not None and percent(check.exact) != percent(check.printed):
            return "✓ yes (rounding)"
        return "✓ yes"

    shown = pd.DataFrame({
        "question": table["question"],
        "answer": table["answer"],
        "data": [pct(int(k), int(n)) for k, n in zip(table["n"], table["denominator"], strict=True)],
        "printed": [printed_text(r) for _, r in table.iterrows()],
        "agrees": [agree_text(r) for _, r in table.iterrows()],
    })
    bad = [i for i, a in enumerate(shown["agrees"]) if a.startswith("✗")]
    gt = (GT(shown, groupname_col="question")
          .cols_label(cases={"answer": "Answer", "data": "In the data", "printed": "Printed",
                             "agrees": "Agrees"})
          .cols_align(align="right", columns=["data", "printed"])
          .tab_source_note(f"Each percentage is of the {respondents} who answered that question; "
                           "blank answers are left out of the denominator. Printed: the figure "
                           "in the published report (– where it printed none)."))
    if bad:
        gt = gt.tab_style(style=[style.fill(color="#FBE3CC"), style.text(weight="bold")],
                          locations=loc.body(columns="agrees", rows=bad))
    return gt


def discrepancy_notes(table: pd.DataFrame, what: Mapping[str, str] | None = None) -> list[str]:
    """Sentences for every printed percentage the book does not show identically.

    ``what`` maps a ``printed_path`` to the words naming the figure in a sentence (default: the
    answer label and question). Rows whose printed percentage equals the book's display are left
    out; both rounding ties and impossible or disagreeing percentages are worded by
    :func:`percent_note`.
    """
    notes = []
    for _, row in table.iterrows():
        check = row["check"]
        if check is None or (check.consistent and percent(check.exact) == percent(check.printed)):
            continue
        name = (what or {}).get(row["printed_path"],
                                f"{row['answer'].lower()} ({row['question'].lower()})")
        notes.append(percent_note(check, name))
    return notes


def discrepancy_paragraph(tables: Sequence[pd.DataFrame],
                          what: Mapping[str, str] | None = None) -> str:
    """:func:`discrepancy_notes` of several tables as one paragraph, or a sentence saying that
    every printed percentage is shown unchanged."""
    notes = [n for t in tables for n in discrepancy_notes(t, what)]
    if notes:
        return " ".join(notes)
    return "Every printed percentage is what the counts give, rounded the same way."


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


def satisfaction_gt(summary: pd.DataFrame, order: Sequence[str] = SATISFACTION_ORDER) -> "GT":
    """Table of :func:`satisfaction_summary`: each item's answers as "k of n (p%)", most agreed first."""
    from great_tables import GT

    cols = [label.replace(" ", "_") for label in order]
    shown = pd.DataFrame({"item": summary["summary"].str.capitalize()})
    for col in cols:
        shown[col] = [pct(int(k), int(n)) for k, n in zip(summary[col], summary["n"], strict=True)]
    missing = int(summary["missing"].sum())
    return (GT(shown)
            .cols_label(cases={"item": "Statement (paraphrased)",
                               **{c: label.capitalize() for c, label in zip(cols, order, strict=True)}})
            .cols_align(align="right", columns=cols)
            .tab_source_note("Items are sorted by the share answering "
                             f"\"{order[0]}\"; each share is of the parents who answered that item "
                             f"({missing} blank answers in all). Statements are paraphrased, not "
                             "the form's wording."))


# ------------------------------------------------------------------------------------------------
# Parenting Under Pressure: the practitioners' questionnaires as coded in the data
# ------------------------------------------------------------------------------------------------
# Question wording below is newly written shorthand; the published figures each answer is compared
# with are paths into data/published/parenting-under-pressure.yaml. Source: Hewison & Zhong (2020),
# sections 5.1 (therapists) and 6.1 (referrers).

_TQ = "therapist_questionnaire"
_RQ = "referrer_questionnaire"
_YES_NO = {True: "Yes", False: "No"}
_YNC = {"yes": "Yes", "no": "No", "cannot_comment": "Could not say"}

#: The two questions all therapist respondents answered.
THERAPIST_FIRST_QUESTIONS: tuple[Question, ...] = (
    Question("heard_via", "How they first heard of the programme",
             {"tavistock_relationships": "Tavistock Relationships",
              "asian_family_counselling_service": "Asian Family Counselling Service",
              "other": "Elsewhere"},
             {"tavistock_relationships": f"{_TQ}.heard_about_it.tavistock_relationships",
              "asian_family_counselling_service":
                  f"{_TQ}.heard_about_it.asian_family_counselling_service"}),
    Question("preparation", "How they were prepared",
             {"four_day_training": "The four-day training course",
              "previous_mbt_training": "Earlier training in mentalization-based therapy"},
             {"four_day_training": f"{_TQ}.preparation.four_day_training",
              "previous_mbt_training": f"{_TQ}.preparation.previously_trained_mbt"}),
)

#: Closed questions of the later part of the therapists' questionnaire.
THERAPIST_LATER_QUESTIONS: tuple[Question, ...] = (
    Question("referrals_appropriate", "Were the referrals suitable?",
             {"most_of_the_time": "Most of the time", "about_half": "About half of them",
              "not_appropriate": "Not suitable"},
             {"most_of_the_time": f"{_TQ}.appropriate_referrals_most_of_time_pct"}),
    Question("couples_understood", "Did couples understand what the work involved?", _YES_NO,
             {True: f"{_TQ}.couples_understood_intervention_pct"}),
    Question("safety_concerns", "Any worry about couples taking part safely?",
             {False: "No worries", True: "Some worries"},
             {False: f"{_TQ}.no_safety_concerns_pct"}),
    Question("review_meeting_with_social_worker", "Held a review meeting with a social worker?",
             _YES_NO, {True: f"{_TQ}.review_meetings_with_social_workers"}),
    Question("main_non_completion_reason", "Main reason some couples stopped early",
             {"referred_near_end": "Referred close to the end of the project",
              "covid_19": "The COVID-19 outbreak",
              "other_commitments": "Other commitments",
              "ambivalent_about_fit": "Unsure the therapy suited them"},
             {code: f"{_TQ}.non_completion_reasons_pct.{code}"
              for code in ("referred_near_end", "covid_19", "other_commitments",
                           "ambivalent_about_fit")}),
)

#: Themes coded from the therapists' open answers: code -> (description, column, value, printed).
THERAPIST_THEMES: dict[str, tuple[str, str, object, str | None]] = {
    "co_therapist": ("Found a second therapist in the room valuable", "valued_co_therapist",
                     True, f"{_TQ}.valued_co_therapist"),
    "supervision": ("Rated the group supervision as excellent", "supervision_rating",
                    "excellent", f"{_TQ}.supervision_excellent"),
    "couples_changed": ("Saw couples change for the better", "saw_positive_change_in_couples",
                        True, f"{_TQ}.saw_positive_change_in_couples"),
    "conflict_eased": ("Saw conflict lessen or become easier to handle",
                       "conflict_reduced_or_manageable", True,
                       f"{_TQ}.conflict_reduced_or_more_manageable"),
    "children_changed": ("Heard of good changes in the children", "positive_change_in_children",
                         True, f"{_TQ}.positive_change_in_children"),
    "little_contact": ("Had little or no contact with Children's Services",
                       "childrens_services_contact", "little_or_none",
                       f"{_TQ}.little_contact_with_childrens_services_pct"),
    "good_contact": ("Found Children's Services staff helpful when in touch",
                     "childrens_services_contact", "good_working_relationship", None),
}

#: The referrers' closed questions.
REFERRER_QUESTIONS: tuple[Question, ...] = (
    Question("couple_relating_changed", "Had the parents changed in how they treat each other?",
             _YNC, {"yes": f"{_RQ}.couple_changed_relating_to_each_other_pct"}),
    Question("children_relating_changed",
             "Had the parents changed in how they treat their children?",
             _YNC, {"yes": f"{_RQ}.couple_changed_relating_to_children_pct"}),
    Question("incident_of_concern", "Was there an incident of concern during therapy?", _YNC,
             {"no": f"{_RQ}.no_incident_of_concern_pct", "yes": f"{_RQ}.incident_of_concern"}),
    Question("therapy_helpful", "Was the therapy helpful to the parents?", _YNC,
             {"yes": f"{_RQ}.therapy_helpful_pct",
              "cannot_comment": f"{_RQ}.could_not_comment_on_helpfulness"}),
)

#: Tick-all-that-apply: what else happened while the couple was in therapy.
REFERRER_EVENTS: dict[str, str] = {
    "work_situation_changed": "The couple's work situation changed",
    "social_work_plan_changed": "The social work plan changed",
    "significant_life_event": "Another significant life event",
}
#: Published count for each referrer event column.
REFERRER_EVENTS_PRINTED: dict[str, str] = {
    "work_situation_changed": f"{_RQ}.work_situation_changed",
    "social_work_plan_changed": f"{_RQ}.social_work_plan_changed",
    "significant_life_event": f"{_RQ}.significant_life_events",
}


def themes_with_printed(
    survey: pd.DataFrame,
    themes: Mapping[str, tuple[str, str, object, str | None]],
    published_flat: Mapping[str, object],
    *,
    id_col: str,
) -> pd.DataFrame:
    """:func:`coded_theme_table` plus the printed figure of each theme and whether it agrees.

    Adds ``printed_path``, ``printed``, ``printed_kind``, ``check`` and ``agrees`` as in
    :func:`question_table`, so :func:`question_gt` and :func:`discrepancy_notes` can show it.
    """
    table = coded_theme_table(survey, {k: v[:3] for k, v in themes.items()}, id_col=id_col)
    rows = []
    for _, row in table.iterrows():
        path = themes[row["theme"]][3]
        value = published_flat.get(path) if path else None
        kind = check = agrees = None
        if value is not None:
            if _is_percent_path(path):
                kind, check = "percent", check_printed_percent(float(value), int(row["n"]),
                                                               int(row["denominator"]))
                agrees = check.consistent
            else:
                kind, agrees = "count", int(value) == int(row["n"])
        rows.append({"question": "Themes in the open answers", "column": row["column"],
                     "code": row["theme"], "answer": row["description"], "n": int(row["n"]),
                     "denominator": int(row["denominator"]), "percent": row["percent"],
                     "printed_path": path, "printed": value, "printed_kind": kind,
                     "check": check, "agrees": agrees})
    return pd.DataFrame(rows)


def events_with_printed(survey: pd.DataFrame, published_flat: Mapping[str, object]) -> pd.DataFrame:
    """The referrers' tick-all-that-apply events (:func:`multi_response_counts`) with printed counts."""
    counts = multi_response_counts(survey, REFERRER_EVENTS)
    rows = []
    for _, row in counts.iterrows():
        path = REFERRER_EVENTS_PRINTED[row["option"]]
        value = published_flat[path]
        rows.append({"question": "Other things that happened during therapy (any that apply)",
                     "column": row["option"], "code": True, "answer": row["label"],
                     "n": int(row["n"]), "denominator": int(row["denominator"]),
                     "percent": row["percent"], "printed_path": path, "printed": value,
                     "printed_kind": "count", "check": None, "agrees": int(value) == int(row["n"])})
    return pd.DataFrame(rows)


#: How each printed percentage of the practitioners' questionnaires is named in a sentence.
FIGURE_NAMES: dict[str, str] = {
    f"{_TQ}.appropriate_referrals_most_of_time_pct": "therapists who found referrals suitable most "
                                                    "of the time",
    f"{_TQ}.couples_understood_intervention_pct": "therapists who said couples understood the work",
    f"{_TQ}.no_safety_concerns_pct": "therapists with no worries about couples taking part safely",
    f"{_TQ}.little_contact_with_childrens_services_pct": "therapists with little or no contact with "
                                                        "Children's Services",
    f"{_TQ}.non_completion_reasons_pct.referred_near_end": "therapists whose main reason for early "
                                                          "endings was a late referral",
    f"{_TQ}.non_completion_reasons_pct.covid_19": "therapists whose main reason for early endings "
                                                 "was the COVID-19 outbreak",
    f"{_TQ}.non_completion_reasons_pct.other_commitments": "therapists whose main reason for early "
                                                         "endings was other commitments",
    f"{_TQ}.non_completion_reasons_pct.ambivalent_about_fit": "therapists whose main reason for "
                                                             "early endings was couples' doubt "
                                                             "that the therapy suited them",
    f"{_RQ}.couple_changed_relating_to_each_other_pct": "referrers who saw the parents relate "
                                                       "differently to each other",
    f"{_RQ}.couple_changed_relating_to_children_pct": "referrers who saw the parents relate "
                                                     "differently to their children",
    f"{_RQ}.no_incident_of_concern_pct": "referrers who knew of no incident of concern",
    f"{_RQ}.therapy_helpful_pct": "referrers who found the therapy helpful",
}


def _quoted_list(names: Sequence[str]) -> str:
    quoted = [f"“{n}”" for n in names]
    if len(quoted) <= 2:
        return " and ".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


@dataclass(frozen=True)
class SatisfactionSentences:
    """Computed sentences testing the report's three satisfaction claims."""

    above_threshold: str
    no_not_true: str
    top_items: str


def satisfaction_sentences(
    summary: pd.DataFrame,
    claims: SatisfactionClaims,
    printed: Mapping[str, object],
    item_of: Mapping[str, str],
    order: Sequence[str] = SATISFACTION_ORDER,
) -> SatisfactionSentences:
    """Word whether each printed satisfaction claim holds in the data.

    Parameters
    ----------
    summary, claims
        From :func:`satisfaction_summary` and :func:`satisfaction_claims`.
    printed : mapping
        The ``service_satisfaction`` section of the published YAML (keys
        ``every_item_certainly_true_pct_over``, ``no_item_answered_not_true``,
        ``top_items_certainly_true_pct``, ``top_items``).
    item_of : mapping
        The report's name of an item -> item code (e.g.
        ``helpers.pup.reproduce.SATISFACTION_ITEM_OF``).
    """
    top, neg = order[0], order[-1]
    threshold = float(printed["every_item_certainly_true_pct_over"])
    low = pct(claims.lowest_top, claims.lowest_top_n)
    low_items = _quoted_list(claims.lowest_items)
    if claims.all_items_above(threshold):
        above = (f"Every statement was answered “{top}” by more than {percent(threshold)} of the "
                 f"parents who answered it, as the report says; the lowest share was {low}, "
                 f"for {low_items}.")
    else:
        above = (f"The report says every statement was answered “{top}” by more than "
                 f"{percent(threshold)} of parents, but the lowest share in the data is {low}, "
                 f"for {low_items}.")
    if claims.not_true_answers == 0:
        none = f"No parent answered “{neg}” to any statement, which matches the report."
    else:
        none = (f"The report says no parent answered “{neg}”, but the data hold "
                f"{claims.not_true_answers} such answers across {claims.items_with_not_true} "
                "statements.")
    printed_top = float(printed["top_items_certainly_true_pct"])
    named = [str(x) for x in printed["top_items"]]
    codes = summary.set_index("summary")["item"]
    data_top_codes = {codes[s] for s in claims.top_items}
    unmapped = [n for n in named if n not in item_of]
    if unmapped:
        raise KeyError(f"satisfaction_sentences: no item code for the printed item(s) {unmapped}")
    named_in_top = [n for n in named if item_of[n] in data_top_codes]
    share = pct(claims.top_count, claims.top_n, decimals=1)
    agrees = percent(100 * claims.top_count / claims.top_n, 1) == percent(printed_top, 1)
    lead = (f"The highest share, {share}, was reached by {len(claims.top_items)} statements: "
            f"{_quoted_list(claims.top_items)}.")
    if agrees and len(named_in_top) == len(named) == len(claims.top_items):
        tail = (f" They are the same {len(named)} items the report names (in its own words) at "
                f"{percent(printed_top, 1)}.")
    else:
        tail = (f" The report names {len(named)} items at {percent(printed_top, 1)}; "
                f"{len(named_in_top)} of them are among the statements with the highest share in "
                "the data.")
    return SatisfactionSentences(above, none, lead + tail)


def unanimous_themes(themes: pd.DataFrame) -> str:
    """A sentence naming the themes raised by every respondent who answered their question.

    ``themes`` is :func:`coded_theme_table` or :func:`themes_with_printed` output (columns
    ``answer``/``description``, ``n``, ``denominator``).
    """
    label = "answer" if "answer" in themes.columns else "description"
    everyone = themes[themes["n"] == themes["denominator"]]
    total = len(themes)
    if everyone.empty:
        return (f"None of the {integer(total)} themes was raised by everyone who answered its "
                "question.")
    names = [str(s)[0].lower() + str(s)[1:] for s in everyone[label]]
    return (f"{integer(len(everyone))} of the {integer(total)} themes were raised by every therapist who answered "
            f"the question behind them: {_quoted_list(names)}.")
