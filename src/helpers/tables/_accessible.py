"""The house style and accessible HTML every table gets from :func:`helpers.tables.show_table`.

Holds :func:`house_style` (one dash for missing, numbers that never wrap, row groups styled as
groups), :func:`table_id` (a unique, stable id per table, so the ids great_tables writes on
header cells are never repeated on a page) and :class:`HtmlTable`, whose HTML makes the scroll
container keyboard-focusable with an accessible name and gives every empty header cell a
visually hidden label (WCAG 2.2: 1.3.1, 2.1.1, 4.1.2).

Conventions: a column is "numeric" when its values are numbers, or text made only of numbers
and the punctuation of intervals, counts and p-values ("12.3 (4.5)", "1.1 to 7.6",
"5 of 8 (63%)", "<.001"); ids are ``"gt-"`` and ten hex digits of the table's content, with
``-2``, ``-3``... when the same content is shown again in one session.
"""

from __future__ import annotations

import hashlib
import html
import re

import pandas as pd
from great_tables import GT, loc, style

from helpers.tables._cells import MISSING_TEXT

#: CSS that hides text on screen but keeps it for screen readers (Bootstrap's visually-hidden).
VISUALLY_HIDDEN = ("position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
                   "clip:rect(0,0,0,0);white-space:nowrap;border:0")
#: Fill of row-group heading rows (contrast with black text 18:1).
GROUP_FILL = "#EDEDED"

_NUMBER_WORDS = re.compile(r"\b(?:to|of|n|p|CI)\b")
_NUMBER_TEXT = re.compile(r"^[\d\s.,%()\[\]<>=≤≥+\-−–~×/:;*]+$")
_ISSUED: dict[str, int] = {}
_NAMES: dict[str, int] = {}


def is_number_like(value: object) -> bool:
    """Whether a cell holds a number or text made only of numbers (must not wrap).

    Examples
    --------
    >>> [is_number_like(v) for v in (3, 1.5, "12.3 (4.5)", "1.1 to 7.6", "5 of 8 (63%)", "<.001")]
    [True, True, True, True, True, True]
    >>> [is_number_like(v) for v in (True, "P001", "✓ yes", "", "–", None)]
    [False, False, False, False, False, False]
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    if not isinstance(value, str):
        return False
    text = _NUMBER_WORDS.sub(" ", value)
    return bool(re.search(r"\d", text)) and bool(_NUMBER_TEXT.match(text))


def numeric_columns(gt: GT, kind: str = "default") -> list[str]:
    """Columns of ``gt`` of ``kind`` (``"default"``: body columns; ``"stub"``: the stub) whose
    every shown value is a number or number-like text."""
    data = gt._tbl_data  # noqa: SLF001 - pinned great-tables 1.1 attribute
    if not isinstance(data, pd.DataFrame):  # pragma: no cover - the book uses pandas only
        return []
    out = []
    for info in gt._boxhead:  # noqa: SLF001
        if info.type.name != kind:
            continue
        values = data[info.var]
        if pd.api.types.is_bool_dtype(values):
            continue
        if pd.api.types.is_numeric_dtype(values):
            out.append(info.var)
            continue
        shown = [v for v in values if not _missing(v) and v not in (MISSING_TEXT, "—", "")]
        if shown and all(is_number_like(v) for v in shown):
            out.append(info.var)
    return out


def house_style(gt: GT) -> GT:
    """The style every table shares: :data:`MISSING_TEXT` for missing values in every column,
    ``white-space: nowrap`` on numeric columns, and row-group headings in bold on a grey band
    with a rule above, so groups read as groups (the heading's words carry the meaning)."""
    gt = gt.sub_missing(missing_text=MISSING_TEXT)
    numeric = numeric_columns(gt)
    if numeric:
        gt = gt.tab_style(style=style.css("white-space: nowrap"), locations=loc.body(columns=numeric))
    if numeric_columns(gt, "stub"):
        gt = gt.tab_style(style=style.css("white-space: nowrap"), locations=loc.stub())
    if any(info.type.name == "row_group" for info in gt._boxhead):  # noqa: SLF001
        gt = gt.tab_style(style=[style.text(weight="bold"), style.fill(color=GROUP_FILL),
                                 style.borders(sides="top", color="#000000", weight="1px")],
                          locations=loc.row_groups())
    return gt


def table_id(gt: GT) -> str:
    """The table's own id if it has one, else ``"gt-"`` + a digest of its content.

    Stable (the same table gets the same id on every render) and unique within a session: the
    same content shown again gets ``-2``, ``-3``, ...
    """
    own = gt._options.table_id.value  # noqa: SLF001
    if own:
        return str(own)
    labels = [str(info.column_label) for info in gt._boxhead]  # noqa: SLF001
    content = repr(labels) + gt._tbl_data.to_csv()  # noqa: SLF001
    base = "gt-" + hashlib.sha1(content.encode("utf-8")).hexdigest()[:10]
    _ISSUED[base] = _ISSUED.get(base, 0) + 1
    return base if _ISSUED[base] == 1 else f"{base}-{_ISSUED[base]}"


def accessible_name(gt: GT) -> str:
    """A name for the table's scroll container: its first column labels.

    Examples
    --------
    >>> accessible_name(GT(pd.DataFrame({"measure": [1], "n": [2]})).cols_label(measure="Measure"))
    'Table: Measure, n'
    """
    labels = [re.sub(r"<[^>]+>", "", str(info.column_label)).strip()
              for info in gt._boxhead if info.type.name == "default"]  # noqa: SLF001
    labels = [label for label in labels if label]
    shown = ", ".join(labels[:4]) + (", …" if len(labels) > 4 else "")
    return f"Table: {shown}" if shown else "Table"


class HtmlTable:
    """A great_tables table displayed as accessible HTML (what :func:`show_table` returns for
    HTML formats).

    The scroll container great_tables wraps around the table gets ``tabindex="0"``,
    ``role="region"`` and ``aria-label`` (so keyboard users can scroll it), every empty header
    cell gets a visually hidden label (the column's name, or ``stub_label`` for the stub
    header), and a cell holding only an em dash shows the book's en dash.
    """

    def __init__(self, gt: GT, name: str | None = None, stub_label: str = "Row") -> None:
        self.gt = gt
        self.name = _unique_name(name or accessible_name(gt))
        self.stub_label = stub_label

    def _repr_html_(self) -> str:
        return accessible_html(self.gt._repr_html_(), name=self.name,
                               table_id=str(self.gt._options.table_id.value or ""),
                               stub_label=self.stub_label)


def accessible_html(raw: str, *, name: str, table_id: str = "", stub_label: str = "Row") -> str:
    """great_tables HTML made accessible as :class:`HtmlTable` describes.

    Examples
    --------
    >>> accessible_html('<div id="t1" style="overflow-x:auto;"><table><tr><th id="t1-n"></th>'
    ...                 '<th scope="col"></th><td> — </td></tr></table></div>', name="Counts",
    ...                 table_id="t1")  # doctest: +ELLIPSIS
    '<div id="t1" tabindex="0" role="region" aria-label="Counts" style="overflow-x:auto;"><table><tr><th id="t1-n"><span style="...">N</span></th><th scope="col"><span style="...">Row</span></th><td>–</td></tr></table></div>'
    """
    out = re.sub(r'^(\s*<div id="[^"]*")', lambda m: (
        f'{m.group(1)} tabindex="0" role="region" aria-label="{html.escape(name, quote=True)}"'),
        raw, count=1)

    def label(match: re.Match[str]) -> str:
        found = re.search(r'\bid="([^"]*)"', match.group(1))
        text = stub_label
        if found:
            var = found.group(1).removeprefix(f"{table_id}-") if table_id else found.group(1)
            text = var.replace("_", " ").strip().capitalize() or stub_label
        return f'{match.group(1)}<span style="{VISUALLY_HIDDEN}">{html.escape(text)}</span></th>'

    out = re.sub(r"(<th\b[^>]*>)\s*</th>", label, out)
    return re.sub(r"(<td\b[^>]*>)\s*—\s*(</td>)", rf"\g<1>{MISSING_TEXT}\g<2>", out)


def _unique_name(name: str) -> str:
    """``name``, or ``name (2)``, ``name (3)``... when a table of this session already has it
    (landmarks on one page need distinct names)."""
    _NAMES[name] = _NAMES.get(name, 0) + 1
    return name if _NAMES[name] == 1 else f"{name} ({_NAMES[name]})"


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
