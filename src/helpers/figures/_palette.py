"""Colours, markers and hatches of the book's figures, all from the Okabe–Ito palette.

Holds :data:`OKABE_ITO`, :data:`CHANGE_STYLE` (one colour and marker per change category of
:func:`helpers.stats.change.classify_change`), the hatch cycle and the Likert colour ramp.
Convention: colour is never the only carrier, so every colour here comes with a second cue
(marker shape or hatch) where it is used.
"""

from __future__ import annotations

import seaborn as sns

from helpers.stats.change import CHANGE_CATEGORIES

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7", "grey": "#999999",
    "black": "#000000",
}

#: Colour and marker of each change category of :func:`helpers.stats.change.classify_change`.
CHANGE_STYLE: dict[str, dict[str, str]] = {
    "recovered": {"color": OKABE_ITO["blue"], "marker": "o"},
    "reliably improved": {"color": OKABE_ITO["sky_blue"], "marker": "^"},
    "no reliable change": {"color": OKABE_ITO["grey"], "marker": "s"},
    "reliably deteriorated": {"color": OKABE_ITO["vermillion"], "marker": "X"},
}
assert tuple(CHANGE_STYLE) == CHANGE_CATEGORIES

#: Hatch of each Likert level, by position in the scale (cycled beyond eight levels).
HATCHES = ["", "///", "...", "xxx", "\\\\\\", "ooo", "---", "+++"]


def likert_colours(levels: int, has_neutral: bool) -> list[str]:
    """Colours of a Likert scale's levels, most positive first: blues, neutral grey, oranges.

    Examples
    --------
    >>> likert_colours(3, True)
    ['#0072B2', '#BBBBBB', '#D55E00']
    """
    if levels < 2:
        raise ValueError("a Likert scale needs at least two levels")
    k = levels // 2
    pos = [OKABE_ITO["blue"], OKABE_ITO["sky_blue"], "#A6D8F2"][:k] if k <= 3 else \
        sns.light_palette(OKABE_ITO["blue"], k + 1, reverse=True).as_hex()[:k]
    neg = [OKABE_ITO["vermillion"], OKABE_ITO["orange"], "#F5CF80"][:k][::-1] if k <= 3 else \
        sns.light_palette(OKABE_ITO["vermillion"], k + 1).as_hex()[1:]
    return pos + (["#BBBBBB"] if has_neutral else []) + neg


def is_dark(hex_colour: str) -> bool:
    """Whether white text reads better than black on ``hex_colour`` (relative luminance < 0.5).

    Examples
    --------
    >>> is_dark(OKABE_ITO["blue"]), is_dark(OKABE_ITO["yellow"])
    (True, False)
    """
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5
