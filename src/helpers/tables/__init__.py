"""Tables for the book: great_tables builders and a renderer that suits the output format.

Every chapter ends a table cell with ``show_table(<builder>(...))``. The builders set column
labels, spanners and source notes, never a caption: Quarto supplies the caption from the cell's
``tbl-cap`` (or a cross-reference div), so numbering and the list of tables stay Quarto's.

Number conventions (shared with prose, which uses :mod:`helpers.formatting`):
fixed decimals (2 for means, SDs, t and d; 1 for percentages), thousands separator ``,``, the
typographic minus ``−`` (U+2212, what ``GT.fmt_number`` prints in HTML), APA p-values
(``.013``, ``<.001``) as :func:`helpers.formatting.apa_p` writes them in prose, and an en dash
``–`` for a value that is not available.

The public names below are the whole interface; the modules behind them are private and split by
responsibility: ``_output`` (format and display), ``_cells`` (cell formatters), ``_counts``
(count tables and the Total/Missing style), ``_differences`` (paired and two-group mean
differences) and ``_published`` (comparisons with a published report).
"""

from helpers.tables._cells import format_number, format_p
from helpers.tables._counts import count_table_gt, mark_total_and_missing
from helpers.tables._differences import completer_table, paired_table
from helpers.tables._output import (
    EXECUTE_INFO_VARIABLE,
    HTML_FORMATS,
    TypstTable,
    output_format,
    show_table,
)
from helpers.tables._published import comparison_table, contradictions_table

__all__ = [
    "EXECUTE_INFO_VARIABLE",
    "HTML_FORMATS",
    "output_format",
    "show_table",
    "mark_total_and_missing",
    "TypstTable",
    "format_number",
    "format_p",
    "paired_table",
    "count_table_gt",
    "comparison_table",
    "completer_table",
    "contradictions_table",
]
