"""Tables beside a published report: printed vs reproduced figures and recorded contradictions.

Holds :func:`comparison_table` and :func:`contradictions_table`. Conventions: a reproduced value
is shown, and judged, at the precision the printed value shows; a match is marked in words
(:data:`CHECK_MARK` / :data:`CROSS_MARK`) with a tint only as a second cue; text is HTML-escaped.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
from great_tables import GT, loc, style

from helpers.errors import require_columns
from helpers.tables._cells import MISSING_TEXT, format_number, is_missing

CHECK_MARK = "✓ yes"
CROSS_MARK = "✗ no"


def comparison_table(
    frame: pd.DataFrame,
    *,
    figure_col: str = "figure",
    printed_col: str = "printed",
    reproduced_col: str = "reproduced",
    matches_col: str = "matches",
    note_col: str | None = None,
    source_note: str | None = None,
) -> GT:
    """Printed figures beside the values the book reproduces, with a ✓/✗ text mark.

    Parameters
    ----------
    frame : DataFrame
        One row per published figure: its name, the printed value and the reproduced value.
        When ``matches_col`` is absent, a number matches when the reproduced value, rounded to
        as many decimals as the printed value shows, equals it (text values must be equal).
    note_col : str, optional
        Column with a short explanation (e.g. why a printed figure cannot be met).
    source_note : str, optional
        Added under the table after the count of matches.

    Returns
    -------
    great_tables.GT
        Columns figure, printed, reproduced (at the printed precision), matches ("✓ yes" /
        "✗ no", with a tinted cell as a second cue) and the optional note. Colour is never
        the only carrier: the mark and the word say it.
    """
    cols = [figure_col, printed_col, reproduced_col] + ([note_col] if note_col else [])
    require_columns(frame, cols, "comparison_table")
    data = frame.reset_index(drop=True).copy()
    decimals = [_printed_decimals(v) for v in data[printed_col]]
    if matches_col in data.columns:
        matches = data[matches_col]
        bad = [i for i, m in enumerate(matches) if not isinstance(m, (bool, np.bool_))]
        if bad:
            raise ValueError(f"comparison_table: column {matches_col!r} row {bad[0]} is "
                             f"{matches.iloc[bad[0]]!r}, not true/false")
        matches = matches.astype(bool)
    else:
        matches = pd.Series([_matches(p, r, d) for p, r, d in
                             zip(data[printed_col], data[reproduced_col], decimals, strict=True)])
    out = pd.DataFrame({
        "figure": data[figure_col].astype(str),
        "printed": [_show_value(v, d) for v, d in zip(data[printed_col], decimals, strict=True)],
        "reproduced": [_show_value(v, d) for v, d in
                       zip(data[reproduced_col], decimals, strict=True)],
        "matches": [CHECK_MARK if m else CROSS_MARK for m in matches],
    })
    if note_col:
        out["note"] = data[note_col].fillna("").astype(str)
    ok_rows = [i for i, m in enumerate(matches) if m]
    bad_rows = [i for i, m in enumerate(matches) if not m]
    gt = (
        GT(out)
        .cols_label(cases={"figure": "Figure", "printed": "Printed", "reproduced": "Reproduced",
                           "matches": "Matches", **({"note": "Note"} if note_col else {})})
        .cols_align(align="right", columns=["printed", "reproduced"])
        .tab_spanner(label="Value", columns=["printed", "reproduced"])
    )
    # Okabe–Ito-derived light tints: a second cue next to the mark, legible in greyscale.
    if ok_rows:
        gt = gt.tab_style(style=style.fill(color="#D9EEF7"),
                          locations=loc.body(columns="matches", rows=ok_rows))
    if bad_rows:
        gt = gt.tab_style(style=[style.fill(color="#FBE3CC"), style.text(weight="bold")],
                          locations=loc.body(columns="matches", rows=bad_rows))
    gt = gt.tab_source_note(f"{len(ok_rows)} of {len(out)} printed figures reproduced "
                            "at the precision printed.")
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt


def contradictions_table(frame: pd.DataFrame) -> GT:
    """The recorded contradictions of an evaluation (:func:`helpers.appendix.contradictions`).

    Columns: identifier, kind (contradiction or reading), the published figures concerned, the
    printed value, what the data give, and the explanation.
    """
    cols = ["id", "kind", "figures", "printed", "data", "explanation"]
    require_columns(frame, cols, "contradictions_table")
    out = frame[cols].copy()
    for col in cols:
        out[col] = out[col].map(lambda v: MISSING_TEXT if is_missing(v) else str(v))
    return (
        GT(out)
        .cols_label(cases={"id": "Case", "kind": "Kind", "figures": "Published figure(s)",
                           "printed": "Printed", "data": "Data give", "explanation": "Why"})
        .cols_width(cases={"explanation": "45%"})
    )


def _printed_decimals(value: object) -> int | None:
    """Decimals shown by a printed value (``6.05`` → 2, ``71`` → 0); None for text."""
    if isinstance(value, (bool, np.bool_)) or value is None or is_missing(value):
        return None
    if isinstance(value, (int, np.integer)):
        return 0
    if isinstance(value, (float, np.floating)):
        text = repr(float(value))
        if "e" in text or "E" in text:
            return None
        return len(text.split(".")[1].rstrip("0")) if "." in text else 0
    return None


def _matches(printed: object, reproduced: object, decimals: int | None) -> bool:
    if decimals is None:
        return str(printed) == str(reproduced)
    if reproduced is None or is_missing(reproduced):
        return False
    try:
        value = float(reproduced)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    # Compare formatted strings so the rounding is the one the reader sees.
    return f"{value:.{decimals}f}" == f"{float(printed):.{decimals}f}"  # type: ignore[arg-type]


def _show_value(value: object, decimals: int | None) -> str:
    if value is None or is_missing(value):
        return MISSING_TEXT
    if decimals is not None and isinstance(value, (int, float, np.integer, np.floating)) \
            and not isinstance(value, (bool, np.bool_)):
        return format_number(float(value), decimals)
    return html.escape(str(value))
