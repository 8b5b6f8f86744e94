"""Colours, markers and hatches of the book's figures: Okabe–Ito hues that reach 3:1 on white.

Holds :data:`OKABE_ITO` (the book's palette), :data:`OKABE_ITO_ORIGINAL` (the published values),
:data:`CHANGE_STYLE` (one colour and marker per change category of
:func:`helpers.stats.change.classify_change`), :data:`MISSING_FILL`, the hatch cycle and the
Likert colour ramp. Conventions: the Okabe–Ito hues stay (they remain distinguishable with the
common colour-vision deficiencies), but the orange, sky blue, yellow, grey and reddish purple
are darkened in lightness only until they reach at least 3.3:1 against white (WCAG 1.4.11 asks
3:1 for graphics); colour is never the only carrier, so every colour here comes with a second
cue (marker shape, hatch or a text label) where it is used.
"""

from __future__ import annotations

import colorsys

from matplotlib.colors import to_hex, to_rgb

from helpers.stats.change import CHANGE_CATEGORIES

#: Okabe & Ito (2008) colour-blind-safe palette, as published.
OKABE_ITO_ORIGINAL = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7", "grey": "#999999",
    "black": "#000000",
}
#: The book's palette: the same hues, the light ones darkened to at least 3.3:1 on white.
OKABE_ITO = {
    **OKABE_ITO_ORIGINAL,
    "orange": "#BC8200", "sky_blue": "#1C95D9", "yellow": "#998F0C", "grey": "#8D8D8D",
    "reddish_purple": "#C970A1",
}
#: Fill of a "missing" bar (light on purpose: it is always hatched and outlined in black).
MISSING_FILL = "#DDDDDD"

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

#: Darkest and lightest colour of each side of a Likert scale (all at least 3.3:1 on white).
_POSITIVE = ("#005D91", OKABE_ITO["sky_blue"])
_NEGATIVE = ("#934100", OKABE_ITO["orange"])


def _ramp(dark: str, light: str, k: int) -> list[str]:
    """``k`` colours from ``dark`` to ``light``, evenly spaced in lightness and hue."""
    if k == 1:
        return [dark]
    a, b = (colorsys.rgb_to_hls(*to_rgb(c)) for c in (dark, light))
    return [to_hex(colorsys.hls_to_rgb(*(x + (y - x) * i / (k - 1) for x, y in zip(a, b)))).upper()
            for i in range(k)]


def likert_colours(levels: int, has_neutral: bool) -> list[str]:
    """Colours of a Likert scale's levels, most positive first: blues, neutral grey, oranges.

    Every colour reaches 3:1 against white; levels further from the middle are darker.

    Examples
    --------
    >>> likert_colours(3, True)
    ['#0072B2', '#8D8D8D', '#D55E00']
    >>> likert_colours(5, True)
    ['#0072B2', '#1C95D9', '#8D8D8D', '#BC8200', '#D55E00']
    """
    if levels < 2:
        raise ValueError("a Likert scale needs at least two levels")
    k = levels // 2
    if k <= 2:
        pos = [OKABE_ITO["blue"], OKABE_ITO["sky_blue"]][:k]
        neg = [OKABE_ITO["vermillion"], OKABE_ITO["orange"]][:k][::-1]
    else:
        pos = _ramp(*_POSITIVE, k)
        neg = _ramp(*_NEGATIVE, k)[::-1]
    return pos + ([OKABE_ITO["grey"]] if has_neutral else []) + neg


def is_dark(hex_colour: str) -> bool:
    """Whether white text contrasts more than black on ``hex_colour`` (WCAG ratios).

    Examples
    --------
    >>> is_dark(OKABE_ITO["blue"]), is_dark(OKABE_ITO["yellow"])
    (True, False)
    """
    from helpers.figures._style import text_colour_on

    return text_colour_on(hex_colour) == "white"
