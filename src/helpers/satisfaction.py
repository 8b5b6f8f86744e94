"""Likert-type satisfaction items: answers as labels, counts per item, the claims they support.

A service-satisfaction form asks each respondent the same short statements, each answered on a
few ordered labels (e.g. 1 = certainly true, 2 = partly true, 3 = not true).
:func:`satisfaction_long` turns one row per respondent into one row per answer;
:func:`satisfaction_summary` counts each item's answers and sorts the items by agreement;
:func:`satisfaction_claims` gathers the facts a chapter needs to test a report's claims, and
:func:`satisfaction_sentences` words them. :func:`satisfaction_gt` and :func:`satisfaction_bar`
show the answers.

Conventions: the first label is the most positive ("agreement"); shares are in percent units
(0-100) of the people who answered the item and are compared as exact fractions; a blank answer
is never counted in a denominator; a code outside the labels raises ``ValueError`` naming the row
(index label) and column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import pandas as pd

from helpers.errors import require_columns
from helpers.figures import diverging_stacked_bar
from helpers.formatting import integer, pct, percent
from helpers.scoring import Instrument
from helpers.surveys import invalid_answer
from helpers.words import join_words

if TYPE_CHECKING:
    from great_tables import GT
    from matplotlib.figure import Figure

__all__ = [
    "SATISFACTION_ORDER",
    "satisfaction_long",
    "satisfaction_summary",
    "SatisfactionClaims",
    "satisfaction_claims",
    "SatisfactionSentences",
    "satisfaction_sentences",
    "satisfaction_gt",
    "satisfaction_bar",
]

#: Response labels of the satisfaction items, most positive first (codes 1, 2, 3).
SATISFACTION_ORDER: tuple[str, ...] = ("certainly true", "partly true", "not true")


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
            raise invalid_answer(responses, item.code, bad, list(labels), "satisfaction_long")
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
        raise invalid_answer(long, "response", bad, list(order), "satisfaction_summary")
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
    items : int
        Items on the form.
    blank_answers : int
        Items left blank, summed over respondents.
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
    items: int
    blank_answers: int
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
        items=len(summary),
        blank_answers=int(summary["missing"].sum()),
        lowest_top=int(low_rows[top_col].iloc[0]),
        lowest_top_n=int(low_rows["n"].iloc[0]),
        lowest_items=tuple(low_rows["summary"]),
        not_true_answers=int(summary[neg_col].sum()),
        items_with_not_true=int((summary[neg_col] > 0).sum()),
        top_count=int(top_rows[top_col].iloc[0]),
        top_n=int(top_rows["n"].iloc[0]),
        top_items=tuple(top_rows["summary"]),
    )


def satisfaction_gt(summary: pd.DataFrame, order: Sequence[str] = SATISFACTION_ORDER, *,
                    who: str = "respondent") -> GT:
    """Table of :func:`satisfaction_summary`: each item's answers as "k of n (p%)", most agreed first.

    ``who`` names one respondent ("parent") in the source note; the plural adds an "s".
    """
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
                             f"\"{order[0]}\"; each share is of the {who}s who answered that item "
                             f"({missing} blank answers in all). Statements are paraphrased, not "
                             "the form's wording."))


def _counted(count: int, noun: str) -> str:
    """``(1, "item") -> "1 item"``, ``(2, "item") -> "2 items"``."""
    return f"{integer(count)} {noun}{'' if count == 1 else 's'}"


def _quoted_list(names: Sequence[str]) -> str:
    """``["a", "b"] -> '“a” and “b”'`` through :func:`helpers.words.join_words`."""
    return join_words([f"“{n}”" for n in names])


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
    *,
    who: str = "respondent",
) -> SatisfactionSentences:
    """Word whether each printed satisfaction claim holds in the data.

    Parameters
    ----------
    summary, claims
        From :func:`satisfaction_summary` and :func:`satisfaction_claims`.
    printed : mapping
        The report's satisfaction figures, keys ``every_item_certainly_true_pct_over`` (a
        threshold, percent), ``top_items_certainly_true_pct`` (percent, one decimal) and
        ``top_items`` (the report's names of the items with that share).
    item_of : mapping
        The report's name of an item -> item code on the form.
    who : str
        One respondent in words ("parent"); the plural adds an "s".
    """
    top, neg = order[0], order[-1]
    threshold = float(printed["every_item_certainly_true_pct_over"])
    low = pct(claims.lowest_top, claims.lowest_top_n)
    low_items = _quoted_list(claims.lowest_items)
    if claims.all_items_above(threshold):
        above = (f"Every statement was answered “{top}” by more than {percent(threshold)} of the "
                 f"{who}s who answered it, as the report says; the lowest share was {low}, "
                 f"for {low_items}.")
    else:
        above = (f"The report says every statement was answered “{top}” by more than "
                 f"{percent(threshold)} of {who}s, but the lowest share in the data is {low}, "
                 f"for {low_items}.")
    if claims.not_true_answers == 0:
        none = f"No {who} answered “{neg}” to any statement, which matches the report."
    else:
        none = (f"The report says no {who} answered “{neg}”, but the data hold "
                f"{_counted(claims.not_true_answers, 'such answer')} across "
                f"{_counted(claims.items_with_not_true, 'statement')}.")
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
    lead = (f"The highest share, {share}, was reached by "
            f"{_counted(len(claims.top_items), 'statement')}: {_quoted_list(claims.top_items)}.")
    if agrees and len(named_in_top) == len(named) == len(claims.top_items):
        tail = (f" They are the same {_counted(len(named), 'item')} the report names (in its own "
                f"words) at {percent(printed_top, 1)}.")
    else:
        verb = "is" if len(named_in_top) == 1 else "are"
        tail = (f" The report names {_counted(len(named), 'item')} at {percent(printed_top, 1)}; "
                f"{integer(len(named_in_top))} of them {verb} among the statements with the "
                "highest share in the data.")
    return SatisfactionSentences(above, none, lead + tail)


def satisfaction_bar(long: pd.DataFrame, order: Sequence[str] = SATISFACTION_ORDER, *,
                     xlabel: str) -> Figure:
    """Diverging stacked bars of :func:`satisfaction_long`, statements and answers capitalised.

    One bar per statement, sorted by agreement, drawn by
    :func:`helpers.figures.diverging_stacked_bar`; shares are of the people who answered.
    """
    require_columns(long, ["summary", "response"], "satisfaction_bar")
    shown = long.assign(statement=long["summary"].str.capitalize(),
                        answer=long["response"].str.capitalize())
    return diverging_stacked_bar(shown, "statement", "answer",
                                 [label.capitalize() for label in order], xlabel=xlabel)
