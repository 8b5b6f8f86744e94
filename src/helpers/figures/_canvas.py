"""The blank figure every plotting function starts from, and its display in notebooks.

Holds :func:`new_figure` (a constrained-layout :class:`~matplotlib.figure.Figure` with one axes
in the book's seaborn style, built without pyplot so it displays exactly once and needs no
closing) and :func:`show_value` for error messages. Importing this module makes sure a returned
figure displays as an image under IPython.
"""

from __future__ import annotations

import seaborn as sns
from matplotlib.figure import Figure

_STYLE = {"axes.spines.top": False, "axes.spines.right": False, "font.size": 10}


def _ensure_figures_display() -> None:
    """Make a returned :class:`Figure` display as an image in Jupyter, Quarto and nbval.

    Figures built without pyplot only show as images once matplotlib's inline backend has
    registered its display formatters (Quarto's set-up does this; a plain kernel started with another
    backend does not). When running under IPython and no image formatter for ``Figure`` exists
    yet, register a PNG one; an existing registration (e.g. Quarto's chosen format) is left alone.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the kernel
        return
    shell = get_ipython()
    if shell is None:
        return
    formatters = shell.display_formatter.formatters
    for mime in ("image/png", "image/svg+xml", "application/pdf", "image/jpeg"):
        if Figure in formatters[mime].type_printers:
            return
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("png")


_ensure_figures_display()


def show_value(value: object) -> str:
    """``repr`` of a cell value for error messages, without numpy's type wrapper.

    Examples
    --------
    >>> import numpy as np
    >>> show_value(np.int64(3)), show_value("a"), show_value(None)
    ('3', "'a'", 'None')
    """
    item = getattr(value, "item", None)
    return repr(item() if callable(item) else value)


def new_figure(width: float, height: float) -> tuple[Figure, object]:
    """A figure of ``width`` × ``height`` inches with one axes in the book's style."""
    fig = Figure(figsize=(width, height), layout="constrained")
    with sns.axes_style("whitegrid", _STYLE):
        ax = fig.add_subplot()
    return fig, ax
