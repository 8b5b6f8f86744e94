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

import numpy as np
import pandas as pd

from .counts import count_table
from .formatting import pct, percent
from .instruments._base import Instrument

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


def _require(frame: pd.DataFrame, columns: Sequence[str], who: str) -> None:
    absent = [c for c in columns if c not in frame.columns]
    if absent:
        raise KeyError(f"{who}: column(s) {absent} missing; the frame has {list(frame.columns)}")


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
    _require(responses, [id_col, *instrument.item_codes], "satisfaction_long")
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
    _require(long, ["position", "item", "summary", "response"], "satisfaction_summary")
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
    _require(ticks, list(options), "multi_response_counts")
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
    _require(coded, [respondent_col, theme_col], "theme_tally")
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
