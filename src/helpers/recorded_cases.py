"""The recorded cases of an evaluation's published figures, in words, for the caveats appendix.

``data/published/<evaluation>.contradictions.yaml`` lists the cases where the printed figures
cannot all be true, hold only under a stated reading, or are not figures of the service's records.
Cases are numbered from 1 in file order (the calibration table of :mod:`helpers.appendix` points
to the same numbers); figures are named by where the report prints them
(:func:`helpers.reproduce.figure_labels`), values are shown as text, explanations are Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from IPython.display import Markdown

from helpers.appendix import shown_value
from helpers.formatting import number
from helpers.reproduce import FigureLabel, figure_labels, load_contradictions
from helpers.words import count_phrase, join_words, verb

__all__ = ["KIND_WORDS", "ContradictionCase", "contradiction_cases", "contradictions",
           "recorded_cases_sentence", "contradiction_notes"]

#: What a recorded case is, in words, by the ``kind`` of the contradictions file.
KIND_WORDS = {"contradiction": "The printed figures cannot all be true.",
              "reading": "The figures hold under the reading stated here.",
              "not_held": "The figure is not one the service's records hold."}


@dataclass(frozen=True)
class ContradictionCase:
    """One recorded case of the contradictions file, in words.

    ``number`` counts from 1 in file order; ``kind`` is contradiction, reading or not_held and
    ``kind_words`` says it in a sentence (:data:`KIND_WORDS`); ``figures`` are the labels of the
    figures concerned; ``printed`` and ``records`` are what the report prints and what the records
    give, as text; ``explanation`` is Markdown prose.
    """

    number: int
    id: str
    title: str
    kind: str
    kind_words: str
    figures: tuple[FigureLabel, ...]
    printed: str
    records: str
    explanation: str

    @property
    def where(self) -> str:
        """The figures concerned grouped by report section: "Table 1 (…) — a; b. Section 2.2 — c"."""
        sections: dict[str, list[str]] = {}
        for label in sorted(self.figures, key=lambda f: f.order):
            sections.setdefault(label.section, []).append(label.figure)
        return ". ".join(f"{section} — {'; '.join(figs)}" for section, figs in sections.items())


def _case_values(printed: Any, data: Any) -> tuple[str, str]:
    """The printed value and the records' value of a case as text; two numbers get the same
    number of decimals (the more of the two), so 0.169 stands beside 0.170, not 0.17."""
    def places(v: Any) -> int:
        text = repr(v)
        return len(text.split(".")[1]) if isinstance(v, float) and "." in text and not v.is_integer() else 0

    numbers = [v for v in (printed, data) if isinstance(v, (int, float)) and not isinstance(v, bool)]
    decimals = max((places(v) for v in numbers), default=0)

    def text(v: Any) -> str:
        if v is None:
            return "not held"
        if v in numbers:
            return number(float(v), decimals)
        return shown_value(v, "held")

    return text(printed), text(data)


def contradiction_cases(evaluation: str) -> tuple[ContradictionCase, ...]:
    """The recorded cases of ``evaluation`` in file order (empty when none were recorded)."""
    labels = figure_labels(evaluation)
    return tuple(
        ContradictionCase(
            number=i, id=e["id"], title=e["title"], kind=e["kind"], kind_words=KIND_WORDS[e["kind"]],
            figures=tuple(labels.label(p) for p in e["figures"]),
            printed=_case_values(e["printed"], e["data"])[0],
            records=_case_values(e["printed"], e["data"])[1],
            explanation=" ".join(str(e["explanation"]).split()))
        for i, e in enumerate(load_contradictions(evaluation), start=1))


def contradictions(evaluation: str) -> pd.DataFrame:
    """The recorded cases as a frame, one row each: case, title, kind, where, printed, records,
    explanation (empty frame with these columns when none were recorded)."""
    columns = ["case", "title", "kind", "where", "printed", "records", "explanation"]
    return pd.DataFrame([{"case": c.number, "title": c.title, "kind": c.kind, "where": c.where,
                          "printed": c.printed, "records": c.records, "explanation": c.explanation}
                         for c in contradiction_cases(evaluation)], columns=columns)


def recorded_cases_sentence(evaluation: str, name: str,
                            cases: tuple[ContradictionCase, ...] | None = None) -> str:
    """How many cases are recorded for the evaluation called ``name``, by kind, in one sentence.

    ``cases`` defaults to :func:`contradiction_cases` of ``evaluation``. Reads right at 0, 1 and
    many: "Ten cases are recorded for X: three cases where the printed figures cannot all be true
    and seven readings under which the figures hold."
    """
    found = contradiction_cases(evaluation) if cases is None else cases
    if not found:
        return f"No cases are recorded for {name}."
    kinds = [c.kind for c in found]
    parts = [f"{count_phrase(kinds.count(kind), noun)} {words}" for kind, noun, words in (
        ("contradiction", "case", "where the printed figures cannot all be true"),
        ("reading", "reading", "under which the figures hold"),
        ("not_held", "figure", "that the service's records do not hold")) if kind in kinds]
    n = len(found)
    return (f"{count_phrase(n, 'case', start=True)} {verb('is', n)} recorded for {name}: "
            f"{join_words(parts)}.")


def contradiction_notes(evaluation: str) -> Markdown:
    """The recorded cases as Markdown prose, one block per case: number and title, what kind of
    case it is, where the report prints the figures, printed against records, and why."""
    blocks = []
    for c in contradiction_cases(evaluation):
        blocks.append(f"**Case {c.number}. {c.title}.** {c.kind_words}\n\n"
                      f"- *Where:* {c.where}.\n- *Printed:* {c.printed}. "
                      f"*From the records:* {c.records}.\n\n{c.explanation}\n")
    return Markdown("\n".join(blocks) if blocks else "No cases were recorded.\n")
