"""The one style of every figure in the book, and the two checks a figure must pass.

Holds :data:`BOOK_STYLE` and :func:`apply_style` (matplotlib settings applied when
:mod:`helpers.figures` is imported, so figures built anywhere, by the engine's builders or an
evaluation package's own, share them), the print-size rule (:data:`PRINT_WIDTH`,
:data:`MIN_PRINT_PT`, :func:`print_text_sizes`, :func:`smallest_print_text`) and the contrast rule
(:func:`contrast_ratio`, :func:`text_colour_on`, :func:`low_contrast_marks`).

Conventions
-----------
* Print size: a figure is printed at its own width or, when wider than the text block of an A4
  page with Quarto's Typst margins (:data:`PRINT_WIDTH`, 5.75 in), shrunk to it; every text must
  then be at least :data:`MIN_PRINT_PT` (9 pt). The book's figures are drawn
  :data:`FIGURE_WIDTH` wide, with text of :data:`TEXT_PT` and :data:`SMALL_PT`, so nothing
  shrinks.
* Contrast (WCAG 2.2, 1.4.11): every mark (bar, point, line, band) differs from the white
  background by at least 3:1, by its fill or by an outline; text by at least 4.5:1 against what
  is behind it. Ratios use WCAG's relative luminance.
"""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib as mpl
import numpy as np
from matplotlib.artist import Artist
from matplotlib.collections import Collection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text

#: Width of the text block (inches): A4 (8.27 in) less Quarto's Typst margins of 1.25 in a side.
PRINT_WIDTH = 5.75
#: Width the book's figures are drawn at: the text block less the 0.1 in of padding Jupyter adds
#: on each side when it saves a figure, so the saved image prints at its own size.
FIGURE_WIDTH = PRINT_WIDTH - 0.2
#: Smallest text size allowed at print size (points).
MIN_PRINT_PT = 9.0
#: Text sizes of the book's figures (points): axis labels and titles, and everything else.
TEXT_PT = 10.0
SMALL_PT = 9.0
#: Least contrast of a mark against the background, and of text against what is behind it.
MARK_CONTRAST = 3.0
TEXT_CONTRAST = 4.5
#: Dark grey of axes, lines that carry meaning and outlines (7.5:1 on white).
INK = "#4D4D4D"

#: The matplotlib settings every figure shares.
BOOK_STYLE: dict[str, object] = {
    "font.size": TEXT_PT, "axes.labelsize": TEXT_PT, "axes.titlesize": TEXT_PT,
    "xtick.labelsize": SMALL_PT, "ytick.labelsize": SMALL_PT, "legend.fontsize": SMALL_PT,
    "legend.title_fontsize": SMALL_PT, "figure.titlesize": TEXT_PT,
    "text.color": "#262626", "axes.labelcolor": "#262626", "xtick.color": "#262626",
    "ytick.color": "#262626", "axes.edgecolor": INK, "axes.linewidth": 0.8,
    "axes.facecolor": "white", "figure.facecolor": "white", "axes.spines.top": False,
    "axes.spines.right": False, "axes.grid": True, "axes.axisbelow": True,
    "grid.color": "#E3E3E3", "grid.linewidth": 0.8, "legend.frameon": False,
    "hatch.linewidth": 0.7, "lines.linewidth": 1.5, "patch.linewidth": 0.8,
}


def apply_style() -> None:
    """Set :data:`BOOK_STYLE` as matplotlib's defaults (idempotent; figure size and resolution
    are left to Quarto's ``fig-*`` options)."""
    mpl.rcParams.update(BOOK_STYLE)


def _srgb_to_linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: object) -> float:
    """WCAG relative luminance of a matplotlib colour (0 black to 1 white), ignoring alpha.

    Examples
    --------
    >>> relative_luminance("white"), relative_luminance("#000000")
    (1.0, 0.0)
    """
    r, g, b, _ = to_rgba(colour)
    return 0.2126 * _srgb_to_linear(r) + 0.7152 * _srgb_to_linear(g) + 0.0722 * _srgb_to_linear(b)


def contrast_ratio(colour: object, background: object = "white") -> float:
    """WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white).

    Examples
    --------
    >>> round(contrast_ratio("#767676"), 2), round(contrast_ratio("#E69F00"), 2)
    (4.54, 2.25)
    """
    a, b = sorted((relative_luminance(colour), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_colour_on(fill: object) -> str:
    """Black or white, whichever contrasts more with ``fill`` (for labels on bars).

    Examples
    --------
    >>> text_colour_on("#0072B2"), text_colour_on("#D55E00"), text_colour_on("#F0E442")
    ('white', 'black', 'black')
    """
    return "white" if contrast_ratio("white", fill) > contrast_ratio("black", fill) else "black"


def _saved_width(fig: Figure) -> float:
    """Width in inches of the image as Jupyter saves it (tight bounding box, 0.1 in padding)."""
    fig.draw_without_rendering()
    return float(fig.get_tightbbox().width) + 0.2


def print_text_sizes(fig: Figure, print_width: float = PRINT_WIDTH) -> list[tuple[str, float]]:
    """Every visible, non-empty text of ``fig`` with its size in points once printed (shrunk
    to ``print_width`` inches when the saved image is wider)."""
    scale = min(1.0, print_width / _saved_width(fig))
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return [(t.get_text(), float(t.get_fontsize()) * scale) for t in texts]


def smallest_print_text(fig: Figure, print_width: float = PRINT_WIDTH) -> float:
    """The smallest printed text size of ``fig`` in points (``inf`` for a figure without text)."""
    return min((size for _, size in print_text_sizes(fig, print_width)), default=float("inf"))


def _visible_colours(colours: object) -> list[tuple[float, ...]]:
    array = np.atleast_2d(np.asarray(colours if len(np.shape(colours)) else [], dtype=float))
    return [tuple(c) for c in array if len(c) == 4 and c[3] > 0]


def _passes(colours: Iterable[tuple[float, ...]], background: object, minimum: float) -> bool:
    found = list(colours)
    return bool(found) and all(contrast_ratio(c, background) >= minimum for c in found)


def low_contrast_marks(fig: Figure, background: object = "white",
                       minimum: float = MARK_CONTRAST) -> list[str]:
    """The marks of ``fig`` that do not reach ``minimum`` contrast with ``background`` by their
    fill or their outline, and texts below :data:`TEXT_CONTRAST` against what is behind them.

    Marks are the lines, patches (bars, spans) and collections (points, bands) drawn on each
    axes; axes frames, grid lines and legends are not marks. Each problem is described as
    ``"<kind> <gid or label>: <colour> <ratio>:1"``; an empty list means the figure passes.
    """
    problems: list[str] = []

    def name(artist: Artist) -> str:
        return str(artist.get_gid() or artist.get_label() or "")

    for ax in fig.axes:
        for line in ax.lines:
            if not line.get_visible():
                continue
            drawn = line.get_linestyle() not in ("None", " ", "", "none")
            marker = line.get_marker() not in (None, "None", "none", "", " ")
            ok_line = not drawn or _passes([to_rgba(line.get_color())], background, minimum)
            ok_marker = not marker or _passes(
                [c for c in [to_rgba(line.get_markerfacecolor())] if c[3] > 0], background,
                minimum) or (line.get_markeredgewidth() > 0 and _passes(
                    [to_rgba(line.get_markeredgecolor())], background, minimum))
            if not (ok_line and ok_marker):
                problems.append(f"line {name(line)}: {line.get_color()} "
                                f"{contrast_ratio(line.get_color(), background):.2f}:1")
        for patch in ax.patches:
            if patch.get_visible() and not _mark_passes(patch, background, minimum):
                problems.append(f"patch {name(patch)}: {patch.get_facecolor()} "
                                f"{contrast_ratio(patch.get_facecolor(), background):.2f}:1")
        for coll in ax.collections:
            if coll.get_visible() and not _mark_passes(coll, background, minimum):
                faces = _visible_colours(coll.get_facecolor())
                shown = faces[0] if faces else "none"
                problems.append(f"collection {name(coll)}: {shown}")
        for text in ax.texts:
            behind = text.get_bbox_patch().get_facecolor() if text.get_bbox_patch() else background
            if text.get_visible() and text.get_text().strip() and \
                    contrast_ratio(text.get_color(), behind) < TEXT_CONTRAST:
                problems.append(f"text {text.get_text()!r}: {text.get_color()} "
                                f"{contrast_ratio(text.get_color(), behind):.2f}:1")
    return problems


def _mark_passes(artist: Patch | Collection, background: object, minimum: float) -> bool:
    """A patch or collection passes by its fill, or by an outline at least 0.5 pt wide."""
    if isinstance(artist, Patch):
        faces = [c for c in [to_rgba(artist.get_facecolor())] if c[3] > 0 and artist.get_fill()]
        edges = [to_rgba(artist.get_edgecolor())] if artist.get_linewidth() >= 0.5 else []
    else:
        faces = _visible_colours(artist.get_facecolor())
        widths = np.atleast_1d(artist.get_linewidth())
        edges = _visible_colours(artist.get_edgecolor()) if widths.size and widths.min() >= 0.5 \
            else []
    return _passes(faces, background, minimum) or \
        _passes([c for c in edges if c[3] > 0], background, minimum)


__all__ = [
    "PRINT_WIDTH", "FIGURE_WIDTH", "MIN_PRINT_PT", "TEXT_PT", "SMALL_PT", "MARK_CONTRAST", "TEXT_CONTRAST", "INK",
    "BOOK_STYLE", "apply_style", "relative_luminance", "contrast_ratio", "text_colour_on",
    "print_text_sizes", "smallest_print_text", "low_contrast_marks",
]
