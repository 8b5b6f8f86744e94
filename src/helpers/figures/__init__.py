"""Figures for the book: plain data in, a matplotlib ``Figure`` out, all in one style.

Conventions
-----------
* One style for every figure (:data:`BOOK_STYLE`), applied to matplotlib when this package is
  imported, so an evaluation package's own figures share it; build new figures with
  :func:`new_figure`. Figures are :data:`FIGURE_WIDTH` wide (the printed text block less the
  saved image's padding), so text of
  :data:`SMALL_PT` or more is at least 9 pt on paper (:func:`smallest_print_text` checks it).
* Colours are Okabe–Ito hues, the light ones darkened so that every mark reaches 3:1 against
  white (:data:`OKABE_ITO`; :func:`low_contrast_marks` checks a figure), and colour is never
  the only carrier: categories also differ by marker shape or hatching, and values are written
  on the bars.
* Figures are built with :class:`matplotlib.figure.Figure`, not ``pyplot``: a returned figure is
  then displayed exactly once by Jupyter/Quarto (no second copy from the pyplot inline backend)
  and nothing needs closing. HTML gets retina PNGs (Quarto's default for HTML, and this
  package's choice where no format was set); Typst gets PNG (``_quarto.yml``).
* Captions and alt text belong to the Quarto cell (``fig-cap``, ``fig-alt``); figures set axis
  labels, legends and direct labels only.

The public names below are the whole interface; the modules behind them are private and split by
responsibility: ``_style`` (the style, print sizes and contrast), ``_palette`` (colours, markers,
hatches), ``_canvas`` (the blank figure and its display), ``_change`` (the Jacobson–Truax
scatter), ``_likert`` (diverging stacked bars) and ``_counts`` (counts by category and by
financial year).
"""

from helpers.figures._canvas import new_figure
from helpers.figures._change import pre_post_scatter
from helpers.figures._counts import category_bar, yearly_counts
from helpers.figures._likert import diverging_stacked_bar
from helpers.figures._palette import (
    CHANGE_STYLE,
    MISSING_FILL,
    OKABE_ITO,
    OKABE_ITO_ORIGINAL,
)
from helpers.figures._style import (
    BOOK_STYLE,
    FIGURE_WIDTH,
    INK,
    MIN_PRINT_PT,
    PRINT_WIDTH,
    SMALL_PT,
    TEXT_PT,
    apply_style,
    contrast_ratio,
    low_contrast_marks,
    print_text_sizes,
    smallest_print_text,
    text_colour_on,
)
from helpers.periods import financial_year  # re-exported for chapters

__all__ = [
    "OKABE_ITO",
    "OKABE_ITO_ORIGINAL",
    "CHANGE_STYLE",
    "MISSING_FILL",
    "BOOK_STYLE",
    "INK",
    "PRINT_WIDTH",
    "FIGURE_WIDTH",
    "MIN_PRINT_PT",
    "TEXT_PT",
    "SMALL_PT",
    "apply_style",
    "new_figure",
    "contrast_ratio",
    "text_colour_on",
    "low_contrast_marks",
    "print_text_sizes",
    "smallest_print_text",
    "pre_post_scatter",
    "diverging_stacked_bar",
    "category_bar",
    "financial_year",
    "yearly_counts",
]
