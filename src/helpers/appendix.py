"""What the appendices show, gathered per evaluation: data dictionary and calibration check.

Each evaluation package (see :mod:`helpers.evaluations`) has a ``data`` module holding its
:class:`~helpers.datastore.TableSpec` objects, a ``reproduce`` module with
``reproduced_figures()``, and a list of the published figures that contradict each other
(``data/published/<evaluation>.contradictions.yaml``). This module finds them by evaluation slug
so that the appendix chapters stay one call each.

Conventions of the calibration check (:func:`calibration_table`): a figure is named by where the
report prints it (:func:`helpers.reproduce.figure_labels`), never by its path; the printed value
and the value from the records are shown at the precision the report prints; whether they agree
is said in words with a symbol (:data:`AGREES`, :data:`DIFFERS`, :data:`NOT_HELD`), never by
colour alone. Recorded cases (contradictions, readings, figures not in the records) are numbered
from 1 in the order of the contradictions file; the table's ``case`` column and
:mod:`helpers.recorded_cases` use the same numbers.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd
from great_tables import GT, loc, style

from helpers.datastore import TableSpec, schema_dictionary
from helpers.evaluations import evaluation as evaluation_named
from helpers.formatting import apa_p, integer, number, percent
from helpers.reproduce import FigureLabels, figure_labels, load_contradictions
from helpers.words import count_phrase, join_words, plural, verb

__all__ = ["table_specs", "data_dictionary", "table_descriptions", "data_tables_table",
           "data_columns_table", "size_words", "dictionary_size_words", "reproduced_figures",
           "AGREES", "DIFFERS", "NOT_HELD", "shown_value", "calibration_rows", "calibration_table",
           "CalibrationSummary", "calibration_summary", "calibration_sentence"]

#: Whether a printed figure and the records agree, in words with a symbol (never colour alone).
AGREES, DIFFERS, NOT_HELD = "✓ agrees", "✗ differs", "○ not in the records"
#: A value that is not available: the en dash the book's tables use (``helpers.tables``).
NOT_GIVEN = "–"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def table_specs(evaluation: str) -> list[TableSpec]:
    """Every TableSpec the evaluation's data module defines, in definition order, without repeats."""
    found: list[TableSpec] = []

    def add(value: Any) -> None:
        if isinstance(value, TableSpec) and value not in found:
            found.append(value)
        elif isinstance(value, (list, tuple)):
            for v in value:
                add(v)
        elif isinstance(value, dict):
            for v in value.values():
                add(v)

    for value in vars(evaluation_named(evaluation).module("data")).values():
        add(value)
    return found


def data_dictionary(evaluation: str) -> pd.DataFrame:
    """One row per column of every table of ``evaluation`` (see :func:`helpers.datastore.schema_dictionary`)."""
    frames = [schema_dictionary(spec) for spec in table_specs(evaluation)]
    if not frames:
        raise LookupError(f"{evaluation_named(evaluation).package}.data defines no TableSpec")
    return pd.concat(frames, ignore_index=True)


def table_descriptions(evaluation: str) -> pd.DataFrame:
    """One row per table: file name, key columns, number of columns, description."""
    return pd.DataFrame(
        [
            {"table": f"{s.name}.csv", "key": ", ".join(s.key) or "–",
             "columns": len(s.schema.columns), "description": s.description}
            for s in table_specs(evaluation)
        ]
    )


def data_tables_table(evaluation: str) -> GT:
    """The tables of ``evaluation`` (:func:`table_descriptions`) as a table for the data appendix:
    file, key columns, number of columns (right-aligned) and what one row records."""
    return (GT(table_descriptions(evaluation), id=f"data-tables-{evaluation}")
            .cols_label(cases={"table": "File", "key": "Key", "columns": "Columns",
                               "description": "One row is"})
            .cols_align(align="right", columns="columns"))


def data_columns_table(evaluation: str) -> GT:
    """Every column of ``evaluation`` (:func:`data_dictionary`), grouped by file: its type, whether
    it may be blank, the rules its values must meet and what it means."""
    return (GT(data_dictionary(evaluation), groupname_col="table", id=f"data-columns-{evaluation}")
            .cols_label(cases={"column": "Column", "type": "Type", "required": "Required",
                               "rules": "Allowed values", "description": "Meaning"})
            .tab_style(style=style.text(weight="bold"), locations=loc.row_groups()))


def size_words(n_tables: int, n_columns: int) -> str:
    """How many tables and columns, as a phrase that reads right at 0, 1 and many.

    >>> size_words(8, 104), size_words(1, 1), size_words(0, 0)
    ('eight tables with 104 columns in all', 'one table with one column', 'no tables')
    """
    if n_tables == 0:
        return "no tables"
    in_all = " in all" if n_tables > 1 else ""
    return f"{count_phrase(n_tables, 'table')} with {count_phrase(n_columns, 'column')}{in_all}"


def dictionary_size_words(evaluation: str) -> str:
    """:func:`size_words` for the tables and columns of ``evaluation``."""
    return size_words(len(table_specs(evaluation)), len(data_dictionary(evaluation)))


def reproduced_figures(evaluation: str) -> pd.DataFrame:
    """Every published figure of ``evaluation`` beside its value recomputed from the data."""
    return evaluation_named(evaluation).module("reproduce").reproduced_figures()


# ------------------------------------------------------------------ showing a value


def shown_value(value: Any, rule: str, printed: Any = None) -> str:
    """``value`` as the calibration table shows it, at the precision ``rule`` compares it.

    ``round:d`` and ``pct:d`` show ``d`` decimals; ``exact`` as many as ``printed`` shows; a
    ``below:x`` number is a p value ("p = .022"); dates, months (``2023-12``) and seasons
    (``2018-autumn``) read as words; yes/no for booleans; text as it is; the en dash for nothing.

    >>> shown_value(6.3636, "round:2"), shown_value(62.5, "pct:0"), shown_value(4171, "exact", 4171)
    ('6.36', '63', '4,171')
    >>> shown_value(dt.date(2015, 6, 23), "date"), shown_value("2017-07", "month")
    ('23 June 2015', 'July 2017')
    >>> shown_value("2018-autumn", "season"), shown_value(0.0222, "below:0.01"), shown_value(None, "exact")
    ('autumn 2018', 'p = .022', '–')
    """
    if _missing(value):
        return NOT_GIVEN
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    if rule == "month" and isinstance(value, str):
        year, month = value.split("-")
        return f"{_MONTHS[int(month) - 1]} {year}"
    if rule == "season" and isinstance(value, str):
        year, season = value.split("-")
        return f"{season} {year}"
    if isinstance(value, str):
        return value
    if rule.startswith("below:"):
        return apa_p(float(value))
    return number(float(value), _decimals(rule, printed))


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _decimals(rule: str, printed: Any) -> int:
    if rule.startswith(("round:", "pct:")):
        return int(rule.split(":")[1])
    if isinstance(printed, float) and not float(printed).is_integer():
        return len(repr(printed).split(".")[1])
    return 0


def _printed_text(printed: Any, rule: str, labels: FigureLabels) -> str:
    if rule.startswith("below:"):
        return f"p {printed}"
    text = shown_value(printed, rule, printed)
    if isinstance(printed, str):
        text = labels.value_words(text)
    if rule == "over":
        return f"over {text}"
    if rule == "nearest:10":
        return f"about {text}"
    return text


def _records_text(row: pd.Series) -> str:
    if row["rule"] == "held":
        return "held" if row["matches"] else NOT_GIVEN
    return shown_value(row["reproduced"], row["rule"], row["printed"])


# ------------------------------------------------------------------ calibration check


def _case_numbers(evaluation: str) -> dict[str, list[int]]:
    """Published figure path -> numbers of the recorded cases naming it."""
    numbers: dict[str, list[int]] = {}
    for number_, entry in enumerate(load_contradictions(evaluation), start=1):
        for path in entry["figures"]:
            numbers.setdefault(path, []).append(number_)
    return numbers


def _case_words(numbers: list[int]) -> str:
    if not numbers:
        return ""
    return f"{plural('case', len(numbers))} {join_words([str(n) for n in numbers])}"


def calibration_rows(evaluation: str, figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per published figure, as the calibration table shows it, in the report's order.

    Parameters
    ----------
    evaluation : str
        Evaluation slug.
    figures : DataFrame, optional
        Output of the evaluation's ``reproduced_figures()`` (computed when omitted).

    Returns
    -------
    DataFrame
        Columns ``section`` (where the report prints the figure), ``figure`` (what it is),
        ``printed`` and ``records`` (text at the printed precision; "held" for a text the records
        hold), ``verdict`` (:data:`AGREES`, :data:`DIFFERS` or :data:`NOT_HELD`), ``case``
        ("case 3", "cases 2 and 5" or "") and ``numeric`` (whether the values are numbers).
    """
    rows = reproduced_figures(evaluation) if figures is None else figures
    labels = figure_labels(evaluation)
    order = {s: i for i, s in enumerate(labels.sections)}
    cases = _case_numbers(evaluation)
    out = pd.DataFrame({
        "section": rows["section"],
        "figure": rows["figure"],
        "printed": [_printed_text(p, r, labels) for p, r in zip(rows["printed"], rows["rule"], strict=True)],
        "records": [_records_text(r) for _, r in rows.iterrows()],
        "verdict": [AGREES if m else NOT_HELD if _missing(v) else DIFFERS
                    for m, v in zip(rows["matches"], rows["reproduced"], strict=True)],
        "case": [_case_words(cases.get(p, [])) for p in rows["path"]],
        "numeric": [not isinstance(p, (str, dt.date)) and r not in ("held", "month", "season")
                    for p, r in zip(rows["printed"], rows["rule"], strict=True)],
        "_order": rows["section"].map(order),
    })
    return (out.reset_index(names="_position").sort_values(["_order", "_position"], kind="stable")
            .drop(columns=["_order", "_position"]).reset_index(drop=True))


def calibration_table(evaluation: str, figures: pd.DataFrame | None = None) -> GT:
    """The calibration check of ``evaluation`` as a table grouped by report section.

    Columns: figure, printed, from the records, agree? (words and a symbol, the ones that do not
    agree in bold) and case (the numbered explanation in the caveats appendix). Numbers are
    right-aligned and never wrap; the table has its own HTML id (``calibration-<evaluation>``).
    """
    rows = calibration_rows(evaluation, figures)
    numeric = [i for i, n in enumerate(rows["numeric"]) if n]
    differ = [i for i, v in enumerate(rows["verdict"]) if v != AGREES]
    summary = _summary(evaluation, rows)
    gt = (
        GT(rows.drop(columns="numeric"), groupname_col="section", id=f"calibration-{evaluation}")
        .cols_label(cases={"figure": "Figure", "printed": "Printed", "records": "From the records",
                           "verdict": "Agree?", "case": "Case"})
        .cols_width(cases={"figure": "42%", "printed": "17%", "records": "17%", "verdict": "14%",
                           "case": "10%"})
        .tab_style(style=style.text(weight="bold"), locations=loc.row_groups())
        .tab_style(style=style.text(whitespace="nowrap"), locations=loc.body(columns="case"))
        .tab_source_note(f"{summary.agree} of {summary.figures} printed figures agree with the "
                         "records at the precision printed; a case number points to its "
                         "explanation in the appendix on assumptions and caveats.")
    )
    if numeric:
        gt = gt.tab_style(style=style.text(align="right", whitespace="nowrap"),
                          locations=loc.body(columns=["printed", "records"], rows=numeric))
    if differ:
        gt = gt.tab_style(style=style.text(weight="bold"), locations=loc.body(columns="verdict", rows=differ))
    return gt


@dataclass(frozen=True)
class CalibrationSummary:
    """Counts of the calibration check of one evaluation.

    ``figures`` compared, of which ``agree`` agree, ``differ`` differ and ``not_held`` are not in
    the records; ``unexplained`` is how many of those that do not agree no recorded case names
    (0 when the check is complete); ``cases`` is the number of recorded cases.
    """

    figures: int
    agree: int
    differ: int
    not_held: int
    unexplained: int
    cases: int

    @property
    def all_explained(self) -> bool:
        """Whether every figure that does not agree is named by a recorded case."""
        return self.unexplained == 0


def _summary(evaluation: str, rows: pd.DataFrame) -> CalibrationSummary:
    verdicts = rows["verdict"]
    not_agreeing = rows[verdicts != AGREES]
    return CalibrationSummary(
        figures=len(rows), agree=int((verdicts == AGREES).sum()),
        differ=int((verdicts == DIFFERS).sum()), not_held=int((verdicts == NOT_HELD).sum()),
        unexplained=int((not_agreeing["case"] == "").sum()),
        cases=len(load_contradictions(evaluation)))


def calibration_summary(evaluation: str, figures: pd.DataFrame | None = None) -> CalibrationSummary:
    """:class:`CalibrationSummary` of ``evaluation`` (``figures`` as in :func:`calibration_rows`)."""
    return _summary(evaluation, calibration_rows(evaluation, figures))


def calibration_sentence(name: str, summary: CalibrationSummary) -> str:
    """One sentence on the check of the evaluation called ``name``, reading right at 0, 1 and many.

    >>> calibration_sentence("PAIRS", CalibrationSummary(327, 312, 12, 3, 0, 23))
    "For PAIRS, 312 of 327 printed figures (95%) agree with the records; 12 figures differ and three figures are not in the service's records."
    >>> calibration_sentence("X", CalibrationSummary(1, 1, 0, 0, 0, 0))
    'For X, 1 of 1 printed figure (100%) agrees with the records; none differs.'
    """
    s = summary
    if s.figures == 0:
        return f"For {name}, no printed figures were compared."
    # counts of the report's printed figures, not of people: no disclosure rule (count=False)
    agree = (f"{integer(s.agree, count=False)} of {integer(s.figures, count=False)} printed "
             f"{plural('figure', s.figures)} ({percent(100 * s.agree / s.figures)}) "
             f"{verb('agrees', s.agree, count=False)} with the records")
    others = [f"{count_phrase(n, 'figure')} {words}" for n, words in (
        (s.differ, verb("differs", s.differ, count=False)),
        (s.not_held, f"{verb('is', s.not_held, count=False)} not in the service's records")) if n]
    return f"For {name}, {agree}; {join_words(others) if others else 'none differs'}."
