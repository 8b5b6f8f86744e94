"""The PAIRS report's outcome figures beside the data, and the words the outcome prose chooses
from the numbers.

:func:`chapter_figures` keeps the outcome rows of
:func:`helpers.pairs.reproduce.reproduced_figures`; the rest summarise that table or phrase a
comparison (a printed p bound, a mean against a reference value) so the prose follows the data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from helpers.formatting import apa_p, number
from helpers.pairs.data import WINDOW_LABELS
from helpers.pairs.pip_outcomes import WINDOWS
from helpers.stats.paired import PairedResult

__all__ = [
    "figure_label",
    "chapter_figures",
    "FigureAgreement",
    "figure_agreement",
    "figures_agreeing",
    "printed_mors_p",
    "printed_p_sentence",
    "evidence_words",
    "relation_word",
]

_SECTIONS = {"pip_outcomes": "PIP", "tt_outcomes": "TT"}
_PAIR_INDEX = {"0": "mean", "1": "SD"}
_RANGE_INDEX = {"0": "lowest", "1": "highest"}
_WORDS = {"mors": "MORS", "prfq": "PRFQ", "loaf": "LOAF", "pai": "PAI", "sd": "SD", "pct": "%"}


def figure_label(path: str) -> str:
    """Readable name of a figure path of ``pairs.yaml`` for a table row.

    ``"tt_outcomes.mors_paired.0.pre.1"`` -> ``"TT · MORS paired · warmth · pre · SD"``: list
    positions become the window or subscale they stand for (from the published file's order),
    ``[mean, SD]`` pairs become "mean"/"SD" and ``[low, high]`` ranges "lowest"/"highest".
    """
    parts = path.split(".")
    words: list[str] = []
    for i, part in enumerate(parts):
        before = parts[i - 1] if i else ""
        if part.isdigit():
            if before == "mors_by_appointment_window":
                words.append(WINDOW_LABELS[WINDOWS[int(part)]])
            elif before == "mors_paired":
                words.append(("warmth", "invasion")[int(part)])
            elif before in ("range", "low", "medium", "high"):
                words.append(_RANGE_INDEX.get(part, part))
            else:
                words.append(_PAIR_INDEX.get(part, part))
        elif i == 0:
            words.append(_SECTIONS.get(part, part))
        else:
            words.append(" ".join(_WORDS.get(w, w) for w in part.split("_")))
    return " · ".join(words)


def chapter_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`helpers.pairs.reproduce.reproduced_figures` this chapter reports.

    Keeps the numeric figures under ``pip_outcomes`` and ``tt_outcomes`` that the data hold, and
    formats p values the way they are printed ("p = .022"), so the comparison table reads well.
    Columns: ``figure`` (readable label, :func:`figure_label`), ``printed``, ``reproduced``,
    ``matches``, ``note``.
    """
    keep = figures["path"].str.startswith(("pip_outcomes.", "tt_outcomes."))
    rows = figures[keep & figures["reproduced"].notna()].copy()
    rows = rows[rows["rule"] != "held"]
    is_p = rows["rule"].str.startswith("below:")
    rows.loc[is_p, "reproduced"] = rows.loc[is_p, "reproduced"].map(lambda p: apa_p(float(p)))
    rows.loc[is_p, "printed"] = rows.loc[is_p, "printed"].map(lambda s: f"p {s}")
    return pd.DataFrame({
        "figure": rows["path"].map(figure_label),
        "printed": rows["printed"], "reproduced": rows["reproduced"],
        "matches": rows["matches"].astype(bool), "note": rows["note"].fillna(""),
    }).reset_index(drop=True)


def printed_p_sentence(result: PairedResult, measure: str, printed: str) -> str:
    """Sentence comparing a printed p bound ("< .01") with the data's p.

    Says whether the printed bound holds; when it does not, names the smallest conventional bound
    (.001, .01, .05) that does, or says that none does.
    """
    bound_text = printed.replace("<", "").replace("=", "").strip()
    bound = float(bound_text)
    data_p = apa_p(result.p)
    if result.p < bound:
        return (f"For {measure} the report prints p < {bound_text}; the data give {data_p}, "
                "so the printed bound holds.")
    holds = [b for b in (0.001, 0.01, 0.05) if result.p < b]
    tail = (f"p < {number(holds[0], 3 if holds[0] < 0.01 else 2, leading_zero=False)} holds "
            "instead") if holds else "no conventional threshold of .05 or lower is met"
    return (f"For {measure} the report prints p < {bound_text}, but the data give {data_p}, "
            f"so that bound does not hold; {tail}.")


@dataclass(frozen=True)
class FigureAgreement:
    """How many rows of :func:`chapter_figures` were checked, how many match, and how many
    differ apart from the ones the chapter discusses on their own (``discussed`` notes)."""

    checked: int
    matching: int
    other_differences: int


def figure_agreement(figures: pd.DataFrame, discussed: tuple[str, ...] = ("tt-warmth-p",)
                     ) -> FigureAgreement:
    """:class:`FigureAgreement` of :func:`chapter_figures` (columns ``matches``, ``note``).

    >>> f = pd.DataFrame({"matches": [True, False, False], "note": ["", "tt-warmth-p", "x"]})
    >>> figure_agreement(f)
    FigureAgreement(checked=3, matching=1, other_differences=1)
    """
    matches = figures["matches"].astype(bool)
    other = ~matches & ~figures["note"].isin(discussed)
    return FigureAgreement(checked=len(figures), matching=int(matches.sum()),
                           other_differences=int(other.sum()))


def printed_mors_p(printed_tt: dict) -> dict[str, str]:
    """The printed p bound of each MORS-SF paired test, by subscale, from the ``tt_outcomes``
    section of ``pairs.yaml`` (:func:`helpers.published.published`).

    >>> printed_mors_p({"mors_paired": [{"subscale": "warmth", "p_printed": "< .01"}]})
    {'warmth': '< .01'}
    """
    return {row["subscale"]: row["p_printed"] for row in printed_tt["mors_paired"]}


def figures_agreeing(figures: pd.DataFrame, prefix: str, exclude: str = "") -> tuple[int, int]:
    """(agreeing, checked): rows of :func:`chapter_figures` whose ``figure`` starts with
    ``prefix`` (and does not end with ``exclude``, when given) and how many of them match."""
    rows = figures[figures["figure"].str.startswith(prefix)]
    if exclude:
        rows = rows[~rows["figure"].str.endswith(exclude)]
    return int(rows["matches"].sum()), len(rows)


# --------------------------------------------------------------------------------------------
# Words that depend on the numbers (so the prose follows the data)
# --------------------------------------------------------------------------------------------

def evidence_words(p: float, alpha: float = 0.05) -> str:
    """"clear evidence of a change" when ``p < alpha``, else "no clear evidence of a change".

    A convenience for prose; the p-value itself is always printed next to it.
    """
    if math.isnan(p):
        raise ValueError("evidence_words: p is missing")
    return ("clear evidence of a change" if p < alpha
            else "no clear evidence of a change")


def relation_word(value: float, reference: float, decimals: int = 2) -> str:
    """"below", "above" or "equal to" ``reference``, comparing ``value`` at the precision shown
    (``decimals`` places), so the word never contradicts the printed number."""
    shown = round(value, decimals)
    if shown < reference:
        return "below"
    if shown > reference:
        return "above"
    return "equal to"
