"""The blank figure every plotting function starts from, and its display in notebooks.

Holds :func:`new_figure` (a constrained-layout :class:`~matplotlib.figure.Figure` in the book's
style, :data:`~helpers.figures._style.FIGURE_WIDTH` wide unless asked otherwise, built without
pyplot so it displays exactly once and needs no closing) and :func:`show_value` for error
messages. Importing this module applies the book's style and makes sure a returned figure
displays as an image under IPython (a retina PNG where no format was chosen; Quarto chooses
retina PNG for HTML and PNG for Typst). In the public edition (:mod:`helpers.disclosure`) it also
wraps the display of every figure in :func:`public_figure`, so the rule reaches figures drawn by
any module.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from helpers import disclosure
from helpers.figures._style import FIGURE_WIDTH, apply_style


def _ensure_figures_display() -> None:
    """Make a returned :class:`Figure` display as an image in Jupyter, Quarto and nbval.

    Figures built without pyplot only show as images once matplotlib's inline backend has
    registered its display formatters (Quarto's set-up does this; a plain kernel started with another
    backend does not). When running under IPython and no image formatter for ``Figure`` exists
    yet, register a retina PNG one (sharp on high-density screens); an existing registration
    (e.g. Quarto's chosen format) is left alone.
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

    set_matplotlib_formats("retina")


def public_figure(fig: Figure, rule: disclosure.Rule | None = None) -> Figure:
    """``fig`` with the public edition's rule applied to every text on it, in place.

    Each text (titles, labels, ticks, legends, annotations) gets the mark in plain form and
    :func:`helpers.disclosure.redact_text` (counts of 1–7 in "k of n", "n = k" and "k (p%)"
    become ``*``) and is recorded with :func:`helpers.disclosure.record_text`. Without a rule
    (the internal edition) the figure is returned untouched.
    """
    rule = disclosure.active_rule() if rule is None else rule
    if rule is None:
        return fig
    for text in fig.findobj(Text):
        old = text.get_text()
        new = disclosure.redact_text(disclosure.plain_text(old), rule)
        if new != old:
            text.set_text(new)
        if new.strip():
            disclosure.record_text("figure", new)
    return fig


def _install_public_display() -> None:
    """In the public edition, pass every figure through :func:`public_figure` before it is
    drawn for display (each image printer for ``Figure`` is wrapped once; checked again before
    every cell, in case a printer is registered later)."""
    if disclosure.active_rule() is None:
        return
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    shell = get_ipython()
    if shell is None:
        return

    def wrap(*_: object) -> None:
        for formatter in shell.display_formatter.formatters.values():
            printer = formatter.type_printers.get(Figure)
            if printer is None or getattr(printer, "public_edition", False):
                continue

            def wrapped(fig: Figure, *args: object, _printer=printer, **kwargs: object) -> object:
                return _printer(public_figure(fig), *args, **kwargs)

            wrapped.public_edition = True  # type: ignore[attr-defined]
            formatter.type_printers[Figure] = wrapped

    wrap()
    if not getattr(shell, "_public_edition_hook", False):
        shell.events.register("pre_run_cell", wrap)
        shell._public_edition_hook = True  # noqa: SLF001


apply_style()
_ensure_figures_display()
_install_public_display()


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


def new_figure(width: float = FIGURE_WIDTH, height: float = 3.6, *, nrows: int = 1,
               ncols: int = 1, **subplot_kw: object) -> tuple[Figure, Axes | object]:
    """A figure of ``width`` × ``height`` inches in the book's style, with one axes (or an
    array of ``nrows`` × ``ncols`` axes, as :meth:`Figure.subplots` returns them).

    Figures no wider than :data:`~helpers.figures._style.FIGURE_WIDTH` print at their own size,
    so the style's text sizes are the printed sizes.
    """
    apply_style()
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(nrows, ncols, **subplot_kw)
    return fig, axes
