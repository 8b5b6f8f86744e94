"""CONSORT-style participant-flow diagrams drawn from counts, with matching alt text.

Why drawn by hand with matplotlib: the maintained Python options need something a fresh machine
lacks — graphviz/pydot need the ``dot`` binary, and consort-yaml writes Mermaid that needs a
headless browser (mermaid-cli) to become an image for the PDF. A vertical chain of boxes with
side boxes for exclusions is a few rectangles and arrows, so matplotlib (already used for every
figure) draws it with no new dependency, identically in HTML and Typst/PDF.

Layout: one box per :class:`FlowStep` down the left column, arrows between them, and a side box
to the right of each arrow that loses people, listing the exclusions with their counts
(Schulz, Altman & Moher 2010, CONSORT 2010 flow diagram).

Every count, in the diagram and in :func:`flow_alt_text`, is written by
:func:`helpers.formatting.integer`, so the public edition (:mod:`helpers.disclosure`) shows the
diagram and its text alike: ``*`` for 1–7, other counts to the nearest 5. As in the prose, which
states the same counts one by one, no further cells are suppressed along the flow.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from helpers import disclosure
from helpers.figures import FIGURE_WIDTH, OKABE_ITO
from helpers.formatting import integer

__all__ = ["FlowStep", "flow_problems", "flow_diagram", "flow_alt_text"]


@dataclass(frozen=True)
class FlowStep:
    """One stage of the participant flow.

    Attributes
    ----------
    label : str
        What the box counts, e.g. ``"Parents offered the intervention"``.
    n : int
        Number at this stage (whole number ≥ 0).
    exclusions : list of (str, int)
        People lost between this stage and the next, by reason, e.g.
        ``[("Not suitable", 31)]``; shown in a side box beside the following arrow.
    """

    label: str
    n: int
    exclusions: list[tuple[str, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not str(self.label).strip():
            raise ValueError("FlowStep: label is empty")
        _check_count(self.n, f"FlowStep {self.label!r}: n")
        for i, pair in enumerate(self.exclusions):
            if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
                raise ValueError(f"FlowStep {self.label!r}: exclusion {i} is {pair!r}, "
                                 "not a (reason, n) pair")
            _check_count(pair[1], f"FlowStep {self.label!r}: exclusion {i} ({pair[0]!r}) n")

    @property
    def excluded(self) -> int:
        """Total excluded after this stage."""
        return sum(int(k) for _, k in self.exclusions)


def _check_count(value: object, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) and not (
            hasattr(value, "is_integer") and float(value).is_integer()):  # type: ignore[arg-type]
        raise ValueError(f"{what} is {value!r}, not a whole number")
    if int(value) < 0:  # type: ignore[call-overload]
        raise ValueError(f"{what} is {value!r}, which is negative")


def flow_problems(steps: Sequence[FlowStep]) -> list[str]:
    """Stages whose count does not follow from the previous one minus its exclusions.

    A mismatch is not always an error (the unit may change, e.g. couples to parents, or the
    source may not report every loss), so it is listed for the text to explain, not raised.

    Returns
    -------
    list of str
        One sentence per mismatch, e.g. ``"'A' (100) minus 10 excluded is 90, but 'B' has 85."``
    """
    problems = []
    for before, after in zip(steps, steps[1:]):
        expected = int(before.n) - before.excluded
        if expected != int(after.n):
            problems.append(f"{before.label!r} ({before.n}) minus {before.excluded} excluded is "
                            f"{expected}, but {after.label!r} has {after.n}.")
    return problems


# Layout constants, in inches (the axes use 1 data unit = 1 inch). The width is the book's figure
# width, so the 9-point text prints at 9 points (helpers.figures.MIN_PRINT_PT) without shrinking.
_WIDTH = FIGURE_WIDTH
_MAIN_X, _MAIN_W = 0.05, 2.6
_SIDE_X, _SIDE_W = 3.0, 2.5
_LINE_H = 0.165
NBSP = "\u00a0"  # keeps "(n = 31)" on one line when wrapping
_PAD = 0.14
_GAP_MIN = 0.45
_WRAP_MAIN, _WRAP_SIDE = 31, 29


def _main_text(step: FlowStep) -> str:
    return "\n".join(textwrap.wrap(step.label, _WRAP_MAIN)) + "\n" + _n(step.n)


def _n(k: int) -> str:
    return f"(n{NBSP}={NBSP}{disclosure.plain_text(integer(int(k)))})"


def _side_text(step: FlowStep) -> str:
    if len(step.exclusions) == 1:
        reason, k = step.exclusions[0]
        return "\n".join(textwrap.wrap(f"{reason} {_n(k)}", _WRAP_SIDE))
    lines = [f"Excluded {_n(step.excluded)}"]
    for reason, k in step.exclusions:
        wrapped = textwrap.wrap(f"{reason} {_n(k)}", _WRAP_SIDE - 2)
        lines += ["• " + wrapped[0]] + ["  " + w for w in wrapped[1:]]
    return "\n".join(lines)


def _height(text: str) -> float:
    return text.count("\n") * _LINE_H + _LINE_H + 2 * _PAD


def flow_diagram(steps: Sequence[FlowStep], *, strict: bool = False) -> Figure:
    """Draw the participant flow: main boxes top to bottom, exclusions in side boxes.

    Parameters
    ----------
    steps : sequence of FlowStep
        In order; the last step's exclusions (if any) get a side box below it.
    strict : bool
        Raise ``ValueError`` when :func:`flow_problems` finds a mismatch (default: draw anyway).

    Returns
    -------
    matplotlib.figure.Figure
        Box patches have gids ``"step-<i>"`` and ``"exclusion-<i>"``, their texts the same gid
        with ``"-text"``; arrows ``"arrow-<i>"`` (main) and ``"arrow-exclusion-<i>"``.
    """
    steps = list(steps)
    if not steps:
        raise ValueError("flow_diagram: no steps to draw")
    if strict:
        problems = flow_problems(steps)
        if problems:
            raise ValueError("flow_diagram: counts do not add up: " + " ".join(problems))

    # Vertical layout, top (y = 0) downwards; gaps are tall enough for the side box.
    main_h = [_height(_main_text(s)) for s in steps]
    side_h = [_height(_side_text(s)) if s.exclusions else 0.0 for s in steps]
    tops, y = [], 0.0
    for i in range(len(steps)):
        tops.append(y)
        gap = max(_GAP_MIN, side_h[i] + 0.3) if (steps[i].exclusions or i < len(steps) - 1) else 0
        y += main_h[i] + gap
    total_h = y + 0.05

    fig = Figure(figsize=(_WIDTH, total_h + 0.1))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, _WIDTH)
    ax.set_ylim(total_h, -0.05)
    ax.axis("off")
    trunk_x = _MAIN_X + _MAIN_W / 2

    for i, step in enumerate(steps):
        _box(ax, _MAIN_X, tops[i], _MAIN_W, main_h[i], _main_text(step), f"step-{i}",
             face="#FFFFFF", edge=OKABE_ITO["black"], weight="bold")
        bottom = tops[i] + main_h[i]
        if i < len(steps) - 1:
            _arrow(ax, (trunk_x, bottom), (trunk_x, tops[i + 1]), f"arrow-{i}")
        if step.exclusions:
            gap_end = tops[i + 1] if i < len(steps) - 1 else bottom + side_h[i] + 0.3
            mid = (bottom + gap_end) / 2
            side_top = mid - side_h[i] / 2
            _box(ax, _SIDE_X, side_top, _SIDE_W, side_h[i], _side_text(step), f"exclusion-{i}",
                 face="#F2F2F2", edge="#555555", weight="normal", dashed=True)
            if i == len(steps) - 1:  # last step: a stub down to the side box's level
                ax.plot([trunk_x, trunk_x], [bottom, mid], color="black", linewidth=1)
            _arrow(ax, (trunk_x, mid), (_SIDE_X, mid), f"arrow-exclusion-{i}")
    return fig


def _box(ax, x: float, top: float, w: float, h: float, text: str, gid: str, *, face: str,
         edge: str, weight: str, dashed: bool = False) -> None:
    patch = FancyBboxPatch((x, top), w, h, boxstyle="round,pad=0,rounding_size=0.06",
                           facecolor=face, edgecolor=edge, linewidth=1.0,
                           linestyle="--" if dashed else "-", gid=gid)
    ax.add_patch(patch)
    lines = text.split("\n")
    # The count line is bold in main boxes, so the numbers are easy to scan down the trunk.
    body = "\n".join(lines[:-1]) if weight == "bold" and len(lines) > 1 else text
    ax.text(x + (w / 2 if weight == "bold" else _PAD), top + _PAD, body,
            ha="center" if weight == "bold" else "left", va="top", fontsize=9, linespacing=1.25,
            gid=f"{gid}-text")
    if weight == "bold" and len(lines) > 1:
        ax.text(x + w / 2, top + h - _PAD, lines[-1], ha="center", va="bottom", fontsize=9,
                fontweight="bold", gid=f"{gid}-count")


def _arrow(ax, start: tuple[float, float], end: tuple[float, float], gid: str) -> None:
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12,
                                 color="black", linewidth=1, shrinkA=0, shrinkB=0, gid=gid))


def flow_alt_text(steps: Sequence[FlowStep]) -> str:
    """Describe every box of :func:`flow_diagram` in words, for ``fig-alt``.

    Examples
    --------
    Counts are written by :func:`helpers.formatting.integer` (the public edition's rule applies).

    >>> flow_alt_text([FlowStep("Couples referred", 71, [("Not suitable", 31)]),
    ...                FlowStep("Couples offered the intervention", 40)])
    'Participant flow diagram in 2 stages, top to bottom. Stage 1: Couples referred, n = 71. \
Leaving after stage 1: 31 (Not suitable, 31). Stage 2: Couples offered the intervention, n = 40.'
    """
    steps = list(steps)
    if not steps:
        raise ValueError("flow_alt_text: no steps")
    parts = [f"Participant flow diagram in {len(steps)} stage{'s' if len(steps) != 1 else ''}, "
             "top to bottom."]
    for i, step in enumerate(steps, start=1):
        parts.append(f"Stage {i}: {step.label}, n = {integer(int(step.n))}.")
        if step.exclusions:
            reasons = "; ".join(f"{reason}, {integer(int(k))}" for reason, k in step.exclusions)
            parts.append(f"Leaving after stage {i}: {integer(step.excluded)} ({reasons}).")
    return " ".join(parts)
