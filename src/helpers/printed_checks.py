"""A report's printed figures set beside the counts in the data, and worded when they differ.

:func:`check_printed_percent` compares a printed percentage with a count and its denominator and
also asks whether the printed value can arise from that denominator at all (16% of 8 cannot:
1 of 8 is 12.5% and 2 of 8 is 25%). :func:`compare_printed` does the same for any published
figure, a percentage or a count, given its path in the published-figure file.
:func:`percent_note` words one check; :func:`discrepancy_notes` and :func:`discrepancy_paragraph`
word every printed percentage of a question table (:func:`helpers.surveys.question_table`) that
the book does not show identically; :func:`disagreeing_figures` and
:func:`contradiction_sentence` name, in one short sentence, the printed figures the data cannot
give; and :func:`question_gt` shows such a table with the printed figure and the verdict beside
each answer. Text comes from :mod:`helpers.formatting`.

Conventions: percentages are in percent units (0-100) and compared as exact fractions; a path
with any part ending in ``_pct`` names a percentage, any other path a count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from helpers.formatting import pct, percent
from helpers.words import join_words

if TYPE_CHECKING:
    from great_tables import GT

__all__ = [
    "PercentCheck",
    "check_printed_percent",
    "percent_note",
    "is_percent_path",
    "compare_printed",
    "discrepancy_notes",
    "discrepancy_paragraph",
    "disagreeing_figures",
    "contradiction_sentence",
    "question_gt",
]


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
        way = "down" if check.printed < check.exact else "up"
        return (f"The data give {data_text} {what}; the exact share, {exact_text}, lies halfway "
                f"between two printed values, and the report rounded it {way} to {printed_text} "
                "while this book rounds halves up.")
    if not check.attainable:
        return (f"The report printed {printed_text} for {what}, a share no whole number of "
                f"{check.denominator} respondents can give; the data give {data_text}.")
    options = " or ".join(pct(k, check.denominator) for k in check.possible_counts)
    return (f"The report printed {printed_text} for {what}, which would need {options}; "
            f"the data give {data_text}.")


def is_percent_path(path: str) -> bool:
    """True when a published-figure path names a percentage (a part ends in ``_pct``).

    >>> is_percent_path("survey.reasons_pct.covid"), is_percent_path("survey.reviews")
    (True, False)
    """
    return any(part.endswith("_pct") for part in path.split("."))


def compare_printed(path: str | None, value: object, count: int, denominator: int
                    ) -> dict[str, Any]:
    """The printed figure at ``path`` beside ``count`` of ``denominator``, as table columns.

    Returns
    -------
    dict
        ``printed_path``, ``printed`` (``value``), ``printed_kind`` ("percent", "count" or None
        when nothing was printed), ``check`` (:class:`PercentCheck` for a percentage, else None)
        and ``agrees``: a printed count agrees when equal, a printed percentage when the count
        rounds to it; None when nothing was printed.
    """
    kind = check = agrees = None
    if value is not None and path:
        if is_percent_path(path):
            kind, check = "percent", check_printed_percent(float(value), count, denominator)
            agrees = check.consistent
        else:
            kind, agrees = "count", int(value) == int(count)
    return {"printed_path": path, "printed": value, "printed_kind": kind, "check": check,
            "agrees": agrees}


def discrepancy_notes(table: pd.DataFrame, what: Mapping[str, str] | None = None) -> list[str]:
    """Sentences for every printed percentage the book does not show identically.

    ``table`` has the columns of :func:`helpers.surveys.question_table`. ``what`` maps a
    ``printed_path`` to the words naming the figure in a sentence (default: the answer label and
    question). Rows whose printed percentage equals the book's display are left out; both
    rounding ties and impossible or disagreeing percentages are worded by :func:`percent_note`.
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


def disagreeing_figures(tables: Sequence[pd.DataFrame],
                        what: Mapping[str, str] | None = None) -> list[str]:
    """Names of the printed figures the data do not give (``agrees`` is False), in table order.

    ``tables`` have the columns of :func:`helpers.surveys.question_table`; ``what`` maps a
    ``printed_path`` to the words naming the figure (default: answer and question, lowered).
    A rounding tie the report resolved the other way agrees, so it is not named.
    """
    names = []
    for table in tables:
        for _, row in table.iterrows():
            if row["agrees"] is None or pd.isna(row["agrees"]) or row["agrees"]:
                continue
            names.append((what or {}).get(row["printed_path"],
                                          f"{row['answer'].lower()} ({row['question'].lower()})"))
    return names


def contradiction_sentence(names: Sequence[str], *, reference: str = "") -> str:
    """One short sentence saying which printed figures the data do not give, or "" if none.

    ``names`` come from :func:`disagreeing_figures`; ``reference`` (e.g. a cross-reference to
    the appendix that explains each case) is added in brackets.

    >>> contradiction_sentence([])
    ''
    >>> contradiction_sentence(["therapists who felt safe"], reference="@sec-x")
    'For therapists who felt safe, the report printed a figure these answers cannot give; the book shows what the answers give (see @sec-x).'
    >>> contradiction_sentence(["a", "b"])
    'For a and b, the report printed figures these answers cannot give; the book shows what the answers give.'
    """
    if not names:
        return ""
    figures = "a figure" if len(names) == 1 else "figures"
    see = f" (see {reference})" if reference else ""
    return (f"For {join_words(list(names))}, the report printed {figures} these answers cannot "
            f"give; the book shows what the answers give{see}.")


def question_gt(table: pd.DataFrame | Sequence[pd.DataFrame], *,
                respondents: str = "respondents") -> GT:
    """A great_tables table of :func:`helpers.surveys.question_table`: one row group per question.

    Columns: answer, "k of n (p%)" (formatted by :func:`helpers.formatting.pct`), the printed
    figure as printed, and whether they agree ("✓ yes", "✗ no", or "rounding" when the exact
    share is a tie the report rounded down and the book rounds up). A source note states that
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

