"""Which output format Quarto is rendering, and how a great_tables table is shown in it.

Holds :func:`output_format` (read from Quarto's execute-info file), :func:`show_table` (what a
chapter cell ends with) and :class:`TypstTable` (the Markdown-wrapped HTML used by every format
that is not HTML). Convention: outside Quarto the format is ``"html"``; a broken render
environment raises instead of falling back silently.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from great_tables import GT

from helpers import disclosure
from helpers.tables._accessible import HtmlTable, house_style, table_id
from helpers.tables._public import public_table

#: Environment variable through which Quarto (>= 1.8) names a JSON file describing the render.
EXECUTE_INFO_VARIABLE = "QUARTO_EXECUTE_INFO"
#: Base formats that display a great_tables object natively.
HTML_FORMATS = frozenset({"html", "revealjs", "dashboard", "html4", "html5"})


def output_format(environ: dict[str, str] | None = None) -> str:
    """The base format Quarto is rendering to (``"html"``, ``"typst"``, ``"pdf"``, ...).

    Quarto 1.8+ writes a JSON file for each execution and names it in ``QUARTO_EXECUTE_INFO``; the
    format is under ``format.identifier["base-format"]`` (fallbacks: ``format.pandoc.to``, then
    ``format.identifier["target-format"]``). Outside Quarto (tests, Jupyter) the variable is unset
    and the answer is ``"html"``.

    Parameters
    ----------
    environ : dict, optional
        Environment to read (default ``os.environ``); tests pass their own.

    Raises
    ------
    ValueError
        If the variable is set but the file is missing, is not JSON, or names no format: a broken
        render environment should stop the render, not silently fall back to HTML.
    """
    env = os.environ if environ is None else environ
    value = env.get(EXECUTE_INFO_VARIABLE, "")
    if not value:
        return "html"
    path = Path(value)
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ValueError(f"{EXECUTE_INFO_VARIABLE} names {path}, which does not exist") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{EXECUTE_INFO_VARIABLE} file {path} is not valid JSON (line {exc.lineno}: {exc.msg})"
        ) from exc
    fmt = info.get("format", {}) if isinstance(info, dict) else {}
    identifier = fmt.get("identifier", {}) if isinstance(fmt, dict) else {}
    pandoc = fmt.get("pandoc", {}) if isinstance(fmt, dict) else {}
    for candidate in (identifier.get("base-format"), pandoc.get("to"),
                      identifier.get("target-format")):
        if isinstance(candidate, str) and candidate.strip():
            return candidate.strip().lower()
    raise ValueError(
        f"{EXECUTE_INFO_VARIABLE} file {path} has no format.identifier.base-format, "
        "format.pandoc.to or format.identifier.target-format"
    )


class TypstTable:
    """A great_tables table prepared for a non-HTML Quarto format (Typst, LaTeX, Word).

    Displays as Markdown (Quarto prefers ``text/markdown`` over every other representation for
    non-HTML formats) holding the table's ``<table>`` element in a raw HTML block, followed by the
    source notes as an ordinary paragraph.

    Why this representation: great_tables writes only HTML (its ``as_latex`` refuses stubs and
    styles and there is no Typst writer in 1.1). Quarto parses raw HTML tables into native Pandoc
    tables for non-HTML formats and keeps spanners (``colspan``) and inline CSS, which is what the
    Quarto documentation recommends for great_tables with Typst. Quarto issue #11610 shows that a
    long source note kept inside ``<tfoot>`` stretches the Typst table to the note's width, so the
    notes are moved out of the table into a paragraph underneath. A plain Markdown table would
    lose the spanners; a PNG screenshot would lose text search and accessibility.
    """

    def __init__(self, gt: GT) -> None:
        self.gt = gt
        notes = list(gt._source_notes)  # noqa: SLF001 - pinned great-tables 1.1 attribute
        self.notes: list[str] = [_note_text(n) for n in notes]
        self.table_html = _table_element(gt._replace(_source_notes=[]).as_raw_html())

    def _repr_markdown_(self) -> str:
        parts = ["```{=html}", self.table_html, "```"]
        if self.notes:
            parts += ["", " ".join(_escape_markdown(n) for n in self.notes)]
        return "\n".join(parts) + "\n"


def show_table(gt: GT, fmt: str | None = None, *, name: str | None = None,
               stub_label: str = "Row") -> HtmlTable | TypstTable:
    """What a chapter cell should end with to display ``gt`` in the current output format.

    In the public edition (:mod:`helpers.disclosure`) the edition's rule is applied as well
    (:func:`helpers.tables._public.public_table`). Every table gets the house style (:func:`helpers.tables._accessible.house_style`: one dash
    for missing values, numbers that never wrap, row groups styled as groups) and its own
    stable id (:func:`~helpers.tables._accessible.table_id`), so header ids are never repeated
    on a page.

    Parameters
    ----------
    gt : great_tables.GT
    fmt : str, optional
        Base format; default :func:`output_format`.
    name : str, optional
        Accessible name of the table's scroll container in HTML (e.g. its caption); default
        "Table:" and its first column labels.
    stub_label : str
        Visually hidden label of an empty stub header cell in HTML.

    Returns
    -------
    An :class:`~helpers.tables._accessible.HtmlTable` for HTML formats (keyboard-focusable,
    named scroll container; no empty header cell); a :class:`TypstTable` for every other format.
    Both keep the styled table as ``.gt``.
    """
    fmt = output_format() if fmt is None else fmt
    gt = house_style(gt)
    rule = disclosure.active_rule()
    if rule is not None:  # after the house style, so that its dash does not cover a withheld cell
        gt = public_table(gt, rule)
    gt = gt.with_id(table_id(gt))
    if fmt in HTML_FORMATS:
        return HtmlTable(gt, name=name, stub_label=stub_label)
    return TypstTable(gt)


def _table_element(raw_html: str) -> str:
    match = re.search(r"<table\b.*</table>", raw_html, flags=re.DOTALL | re.IGNORECASE)
    if match is None:  # pragma: no cover - great_tables always writes a table element
        raise ValueError("great_tables output contains no <table> element")
    return match.group(0)


def _note_text(note: object) -> str:
    text = getattr(note, "text", note)
    return str(text)


_INLINE_TAGS = {"i": "*", "em": "*", "b": "**", "strong": "**", "sub": "~", "sup": "^"}


def _escape_markdown(text: str) -> str:
    """Escape a note for Markdown, keeping ``<i>``, ``<b>``, ``<sub>`` and ``<sup>`` as
    Pandoc's emphasis, strong, subscript and superscript (``<i>d</i><sub>z</sub>`` →
    ``*d*~z~``)."""
    parts = re.split(r"(</?(?:i|em|b|strong|sub|sup)>)", text)
    out = []
    for part in parts:
        tag = re.fullmatch(r"</?(i|em|b|strong|sub|sup)>", part)
        out.append(_INLINE_TAGS[tag.group(1)] if tag
                   else re.sub(r"([\\`*_\[\]<>#|~^])", r"\\\1", part))
    return "".join(out)
