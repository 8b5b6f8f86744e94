"""Figures for the book: plain data in, a matplotlib ``Figure`` out.

Conventions
-----------
* Colours come from the Okabe–Ito palette (safe for the common colour-vision deficiencies), and
  colour is never the only carrier: categories also differ by marker shape or hatching, and
  values are written on the bars.
* Figures are built with :class:`matplotlib.figure.Figure`, not ``pyplot``: a returned figure is
  then displayed exactly once by Jupyter/Quarto (no second copy from the pyplot inline backend)
  and nothing needs closing.
* Captions and alt text belong to the Quarto cell (``fig-cap``, ``fig-alt``); figures set axis
  labels, legends and direct labels only.

The public names below are the whole interface; the modules behind them are private and split by
responsibility: ``_palette`` (colours, markers, hatches), ``_canvas`` (the blank figure and its
display), ``_change`` (the Jacobson–Truax scatter), ``_likert`` (diverging stacked bars) and
``_counts`` (counts by category and by financial year).
"""

from helpers.figures._change import pre_post_scatter
from helpers.figures._counts import category_bar, yearly_counts
from helpers.figures._likert import diverging_stacked_bar
from helpers.figures._palette import CHANGE_STYLE, OKABE_ITO
from helpers.periods import financial_year  # re-exported for chapters

__all__ = [
    "OKABE_ITO",
    "CHANGE_STYLE",
    "pre_post_scatter",
    "diverging_stacked_bar",
    "category_bar",
    "financial_year",
    "yearly_counts",
]
