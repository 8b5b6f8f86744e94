"""Tables for the book: great_tables builders and a renderer that suits the output format.

Every chapter ends a table cell with ``show_table(<builder>(...))``. The builders set column
labels, spanners and source notes, never a caption: Quarto supplies the caption from the cell's
``tbl-cap`` (or a cross-reference div), so numbering and the list of tables stay Quarto's.

Number conventions are the display policy of :mod:`helpers.formatting` (shared with prose):
decimals by quantity (:data:`helpers.formatting.DECIMALS`: percentages whole, means, SDs and
differences 1, t and effect sizes 2), rounded half up, thousands separator ``,``, the typographic
minus ``−`` (U+2212), intervals as "[low, high]", APA p-values (``.013``, ``<.001``), and the en
dash :data:`MISSING_TEXT` for a value that is not available, in every table.

Accessibility: :func:`show_table` gives every table its house style (numbers never wrap, row
groups styled as groups, one dash for missing) and its own id, and in HTML a keyboard-focusable,
named scroll container and no empty header cell (module ``_accessible``).

The public names below are the whole interface; the modules behind them are private and split by
responsibility: ``_output`` (format and display), ``_accessible`` (house style, ids, accessible
HTML), ``_cells`` (cell formatters), ``_counts``
(count tables and the Total/Missing style), ``_differences`` (paired and two-group mean
differences) and ``_published`` (comparisons with a published report).
"""

from helpers.tables._accessible import HtmlTable
from helpers.tables._cells import MISSING_TEXT, format_number, format_p
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
    "MISSING_TEXT",
    "HtmlTable",
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
