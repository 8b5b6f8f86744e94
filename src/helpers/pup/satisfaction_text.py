"""What the Parenting Under Pressure satisfaction forms show, in words and in a table.

:func:`satisfaction_findings` turns the counts of :mod:`helpers.satisfaction` into the sentences
and named facts the satisfaction chapter reads: the range of "certainly true" shares, the "not
true" answers, where the records contradict the report (one short sentence, the detail being in
the calibration appendix), and the condition behind the chapter's one interpretive claim.
:func:`satisfaction_table` shows the counts without a column in which nobody answered.

Conventions: shares are of the parents who answered each statement; counts are people.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import pandas as pd

from helpers.formatting import pct, percent
from helpers.satisfaction import SATISFACTION_ORDER, SatisfactionClaims
from helpers.words import count_phrase, join_words, number_word, verb

if TYPE_CHECKING:  # pragma: no cover
    from great_tables import GT

__all__ = [
    "SatisfactionFindings",
    "satisfaction_findings",
    "excluded_forms_sentence",
    "illustrative_sentence",
    "satisfaction_table",
]


def _quoted(names: Sequence[str]) -> str:
    return join_words([f"“{n}”" for n in names])


@dataclass(frozen=True)
class SatisfactionFindings:
    """Sentences and facts of the satisfaction chapter (see the module docstring).

    Attributes
    ----------
    range_sentence : str
        Lowest and highest share answering the first label, with their statements.
    not_true_sentence : str
        Whether anyone gave the last (most negative) answer, and how often.
    report_differences : str
        One sentence per claim of the report that the records contradict ("" when none).
    broadly_positive : bool
        Nobody gave the most negative answer and every statement had more than half of its
        answers in the first label: the condition of the chapter's claim "with few
        reservations, positive".
    one_parent_points : float
        Percentage points one parent moves a share of all respondents (100 / respondents).
    options : int
        Answer options on the form.
    """

    range_sentence: str
    not_true_sentence: str
    report_differences: str
    broadly_positive: bool
    one_parent_points: float
    options: int


def _range_sentence(c: SatisfactionClaims, top: str) -> str:
    high, low = pct(c.top_count, c.top_n), pct(c.lowest_top, c.lowest_top_n)
    if Fraction(c.top_count, c.top_n) == Fraction(c.lowest_top, c.lowest_top_n):
        return f"Every statement was answered “{top}” by {high} of the parents who answered it."
    statements = count_phrase(len(c.top_items), "statement")
    return (f"The share answering “{top}” ranged from {low}, for {_quoted(c.lowest_items)}, to "
            f"{high}, reached by {statements}: {_quoted(c.top_items)}.")


def _not_true_sentence(c: SatisfactionClaims, negative: str) -> str:
    if c.not_true_answers == 0:
        return f"No parent answered “{negative}” to any statement."
    answers = count_phrase(c.not_true_answers, f"“{negative}” answer")
    return (f"There {verb('was', c.not_true_answers)} {answers}, across "
            f"{count_phrase(c.items_with_not_true, 'statement')}.")


def _report_differences(summary: pd.DataFrame, c: SatisfactionClaims,
                        printed: Mapping[str, object], item_of: Mapping[str, str],
                        order: Sequence[str]) -> str:
    top, negative = order[0], order[-1]
    threshold = float(printed["every_item_certainly_true_pct_over"])
    out = []
    if not c.all_items_above(threshold):
        out.append(f"The report says every statement was answered “{top}” by more than "
                   f"{percent(threshold)} of parents; in these records the lowest share is "
                   f"{pct(c.lowest_top, c.lowest_top_n)}.")
    if printed.get("no_item_answered_not_true") and c.not_true_answers:
        out.append(f"The report says no parent answered “{negative}”; these records hold "
                   f"{count_phrase(c.not_true_answers, 'such answer')}.")
    named = [str(x) for x in printed["top_items"]]
    unmapped = [n for n in named if n not in item_of]
    if unmapped:
        raise KeyError(f"satisfaction_findings: no item code for the printed item(s) {unmapped}")
    codes = summary.set_index("summary")["item"]
    data_top = {codes[s] for s in c.top_items}
    printed_top = float(printed["top_items_certainly_true_pct"])
    same_share = percent(100 * c.top_count / c.top_n, 1) == percent(printed_top, 1)
    if not same_share or {item_of[n] for n in named} != data_top:
        out.append(f"The report names {count_phrase(len(named), 'statement')} with the highest "
                   f"share, {percent(printed_top, 1)}; these records give {_quoted(c.top_items)} "
                   f"at {pct(c.top_count, c.top_n, 1)}.")
    if not out:
        return ""
    return " ".join(out) + " @sec-calibration-check sets the printed figures beside the records."


def satisfaction_findings(summary: pd.DataFrame, claims: SatisfactionClaims,
                          printed: Mapping[str, object], item_of: Mapping[str, str],
                          order: Sequence[str] = SATISFACTION_ORDER) -> SatisfactionFindings:
    """The chapter's sentences and facts from :func:`helpers.satisfaction.satisfaction_summary`
    and :func:`~helpers.satisfaction.satisfaction_claims`.

    ``printed`` is the report's ``service_satisfaction`` section (keys
    ``every_item_certainly_true_pct_over``, ``no_item_answered_not_true``,
    ``top_items_certainly_true_pct``, ``top_items``); ``item_of`` maps the report's names of
    statements to item codes.
    """
    positive = (claims.not_true_answers == 0
                and 2 * claims.lowest_top > claims.lowest_top_n)
    return SatisfactionFindings(
        range_sentence=_range_sentence(claims, order[0]),
        not_true_sentence=_not_true_sentence(claims, order[-1]),
        report_differences=_report_differences(summary, claims, printed, item_of, order),
        broadly_positive=positive,
        one_parent_points=100 / claims.respondents,
        options=len(order),
    )


def excluded_forms_sentence(n: int) -> str:
    """Forms set aside for lack of research consent, as a sentence (0, 1 and many).

    >>> excluded_forms_sentence(4)
    'A further four forms came from parents who did not give that consent; they were removed when the data were loaded and are not counted anywhere in this chapter.'
    >>> excluded_forms_sentence(1).split(";")[0]
    'A further form came from a parent who did not give that consent'
    >>> excluded_forms_sentence(0)
    'No form came from a parent without that consent.'
    """
    if n == 0:
        return "No form came from a parent without that consent."
    tail = ("removed when the data were loaded and {is_} not counted anywhere in this chapter.")
    if n == 1:
        return ("A further form came from a parent who did not give that consent; it was "
                + tail.format(is_="is"))
    return (f"A further {number_word(n)} forms came from parents who did not give that consent; "
            "they were " + tail.format(is_="are"))


def illustrative_sentence(n: int) -> str:
    """Statements the report does not describe, whose paraphrases are marked illustrative.

    >>> illustrative_sentence(0)
    'The published report describes every one of them.'
    >>> illustrative_sentence(1)
    'The published report does not describe one statement; its paraphrase is marked as illustrative.'
    >>> illustrative_sentence(4)
    'The published report does not describe four statements; their paraphrases are marked as illustrative.'
    """
    if n == 0:
        return "The published report describes every one of them."
    whose = "its paraphrase is" if n == 1 else "their paraphrases are"
    return (f"The published report does not describe {count_phrase(n, 'statement')}; {whose} "
            "marked as illustrative.")


def satisfaction_table(summary: pd.DataFrame, order: Sequence[str] = SATISFACTION_ORDER, *,
                       who: str = "parent") -> "GT":
    """Each statement's answers as "k of n (p%)", most agreed first; an answer nobody gave is
    left out and named in a note instead of a column of identical zeros.

    ``summary`` is :func:`helpers.satisfaction.satisfaction_summary`; ``who`` names one respondent.
    """
    from great_tables import GT

    cols = [label.replace(" ", "_") for label in order]
    shown = pd.DataFrame({"item": summary["summary"].str.capitalize()})
    unused = [label for label, col in zip(order, cols, strict=True) if summary[col].sum() == 0]
    kept = [(label, col) for label, col in zip(order, cols, strict=True) if label not in unused]
    for _, col in kept:
        shown[col] = [pct(int(k), int(n)) for k, n in zip(summary[col], summary["n"], strict=True)]
    missing = int(summary["missing"].sum())
    note = (f"Statements are sorted by the share answering “{order[0]}”; each share is of the "
            f"{who}s who answered that statement ({count_phrase(missing, 'blank answer')} in "
            "all). Statements are paraphrased, not the form's wording.")
    if unused:
        note += f" No {who} answered {_quoted(unused)}, so {'that column is' if len(unused) == 1 else 'those columns are'} left out."
    return (GT(shown)
            .cols_label(cases={"item": "Statement (paraphrased)",
                               **{col: label.capitalize() for label, col in kept}})
            .cols_align(align="right", columns=[col for _, col in kept])
            .tab_source_note(note))

