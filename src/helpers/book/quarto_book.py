"""Read the book's own sources without Quarto: chapter list, cells, labels, captions, references.

Used by the test suite to execute every chapter (via nbval) and to check the book's structure, so
both work on a machine where Quarto is not installed. Conventions checked here:

* a figure is a code cell with ``#| label: fig-...``, ``#| fig-cap:`` and ``#| fig-alt:``, or a
  cross-reference div ``::: {#fig-...}`` whose last paragraph is the (computed) caption and whose
  code cell has ``#| fig-alt:``;
* a table is a code cell with ``#| label: tbl-...`` and ``#| tbl-cap:``, or a div ``::: {#tbl-...}``
  whose last paragraph is the caption;
* sections are labelled ``{#sec-...}`` on their heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import nbformat
import yaml

from helpers.book.project import quarto_config
from helpers.claims import LOCATION_VARIABLE

__all__ = [
    "Float",
    "QmdDocument",
    "book_files",
    "read_qmd",
    "to_notebook",
    "INLINE_PATTERN",
    "WRANGLING",
    "wrangling_problems",
    "PROSE_ALLOWED_NUMBERS",
    "prose_problems",
]

#: Inline code evaluated by Quarto's Jupyter engine: `{python} expr`
INLINE_PATTERN = re.compile(r"`\{python\}\s+([^`]+?)`")
_CELL_OPTION = re.compile(r"^#\|\s*([\w-]+)\s*:\s*(.*)$")
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_DIV_OPEN = re.compile(r"^(:{3,})\s*\{([^}]*)\}\s*$")
_DIV_CLOSE = re.compile(r"^(:{3,})\s*$")
_ID = re.compile(r"#((?:fig|tbl|sec|lst|eq)-[\w-]+)")
_HEADING_ID = re.compile(r"^#{1,6}\s.*\{[^}]*#(sec-[\w-]+)[^}]*\}\s*$")
_XREF = re.compile(r"(?<![\w.])@((?:fig|tbl|sec|lst|eq)-[\w-]*[\w])")
_CITE = re.compile(r"(?<![\w.@])@([A-Za-z][\w]*(?:[:.#$%&\-+?<>~/][\w]+)*)")


def book_files(root: Path, profile: str | None = None) -> list[Path]:
    """Every ``.qmd`` the book lists (chapters, parts' chapters, appendices), in order.

    The list is read from ``_quarto.yml`` with the profile merged over it as Quarto merges it
    (:func:`helpers.book.project.quarto_config`; default: the default profile, the combined
    book). A part entry that is itself a file (``part: file.qmd``) is included too.
    """
    config = quarto_config(root, profile)
    book = config.get("book", {})
    out: list[str] = []

    def walk(entries: list) -> None:
        for entry in entries or []:
            if isinstance(entry, str):
                out.append(entry)
            elif isinstance(entry, dict):
                part = entry.get("part")
                if isinstance(part, str) and part.endswith((".qmd", ".md")):
                    out.append(part)
                walk(entry.get("chapters", []))

    walk(book.get("chapters", []))
    walk(book.get("appendices", []))
    return [root / f for f in out]


@dataclass
class Float:
    """A figure or table: its label, where it is declared, and what it has."""

    label: str
    kind: str  # "fig" | "tbl"
    line: int
    caption: str = ""
    alt: str = ""
    form: str = "cell"  # "cell" | "div"


@dataclass
class QmdDocument:
    """What the structure checks need from one ``.qmd`` file."""

    path: Path
    labels: list[tuple[str, int]] = field(default_factory=list)
    xrefs: list[tuple[str, int]] = field(default_factory=list)
    citations: list[tuple[str, int]] = field(default_factory=list)
    floats: list[Float] = field(default_factory=list)
    figure_cells_without_label: list[int] = field(default_factory=list)


def _cell_options(lines: list[str]) -> dict[str, str]:
    opts: dict[str, str] = {}
    for line in lines:
        m = _CELL_OPTION.match(line.strip())
        if not m:
            if line.strip() and not line.strip().startswith("#|"):
                break
            continue
        value = m.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        opts[m.group(1)] = value
    return opts


def read_qmd(path: Path) -> QmdDocument:
    """Parse labels, cross-references, citations and figure/table floats from a ``.qmd`` file.

    Code (fenced blocks and inline code) is ignored when looking for references and citations;
    YAML front matter is skipped.
    """
    doc = QmdDocument(path=path)
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    if lines and lines[0].strip() == "---":
        i = 1
        while i < len(lines) and lines[i].strip() != "---":
            i += 1
        i += 1
    div_stack: list[dict] = []  # open divs: {"id", "kind", "line", "paragraphs", "alt"}
    paragraph: list[str] = []

    def close_paragraph() -> None:
        if paragraph and div_stack:
            div_stack[-1]["paragraphs"].append(" ".join(paragraph).strip())
        paragraph.clear()

    while i < len(lines):
        line = lines[i]
        lineno = i + 1
        fence = _FENCE.match(line.strip())
        if fence:
            close_paragraph()
            marker = fence.group(1)
            is_code = line.strip()[len(marker):].lstrip().startswith("{python")
            body: list[str] = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(marker):
                body.append(lines[i])
                i += 1
            i += 1
            if is_code:
                opts = _cell_options(body)
                label = opts.get("label", "")
                in_div = div_stack[-1] if div_stack else None
                if label.startswith(("fig-", "tbl-")):
                    kind = label[:3]
                    doc.labels.append((label, lineno))
                    doc.floats.append(Float(label, kind, lineno, opts.get(f"{kind}-cap", ""),
                                            opts.get("fig-alt", ""), "cell"))
                elif label.startswith(("sec-", "lst-", "eq-")):
                    doc.labels.append((label, lineno))
                if in_div is not None and "fig-alt" in opts:
                    in_div["alt"] = opts["fig-alt"]
                if (in_div is None or in_div["kind"] != "fig") and not label.startswith("fig-") \
                        and "fig-alt" not in opts and _looks_like_figure(body):
                    doc.figure_cells_without_label.append(lineno)
            paragraph.clear()
            continue
        opened = _DIV_OPEN.match(line.strip())
        if opened:
            close_paragraph()
            ids = _ID.findall(opened.group(2))
            entry = {"id": ids[0] if ids else "", "line": lineno, "paragraphs": [], "alt": ""}
            entry["kind"] = entry["id"][:3] if entry["id"][:4] in {"fig-", "tbl-"} else ""
            alt = re.search(r'fig-alt="([^"]*)"', opened.group(2))
            if alt:
                entry["alt"] = alt.group(1)
            div_stack.append(entry)
            if entry["id"]:
                doc.labels.append((entry["id"], lineno))
            i += 1
            continue
        if _DIV_CLOSE.match(line.strip()) and div_stack:
            close_paragraph()
            entry = div_stack.pop()
            if entry["kind"]:
                caption = entry["paragraphs"][-1] if entry["paragraphs"] else ""
                doc.floats.append(Float(entry["id"], entry["kind"], entry["line"], caption,
                                        entry["alt"], "div"))
            elif div_stack:
                div_stack[-1]["paragraphs"].extend(entry["paragraphs"])
            i += 1
            continue
        heading = _HEADING_ID.match(line.strip())
        if heading:
            doc.labels.append((heading.group(1), lineno))
        text = re.sub(r"`[^`]*`", "", line)
        text = re.sub(r"<!--.*?-->", "", text)
        text = re.sub(r"\{[^}]*\}", "", text) if heading else text
        text = re.sub(r"https?://\S+|\S+@\S+\.\w+", "", text)
        for ref in _XREF.findall(text):
            doc.xrefs.append((ref, lineno))
        for key in _CITE.findall(text):
            if not key.startswith(("fig-", "tbl-", "sec-", "lst-", "eq-")):
                doc.citations.append((key, lineno))
        if line.strip():
            paragraph.append(line.strip())
        else:
            close_paragraph()
        i += 1
    return doc


def _looks_like_figure(body: list[str]) -> bool:
    code = "\n".join(body)
    return bool(re.search(r"\b(plt\.|sns\.|_figure\(|_plot\(|_bar\(|_scatter\(|flow_diagram\()", code))


def to_notebook(path: Path) -> nbformat.NotebookNode:
    """Convert a ``.qmd`` chapter to a notebook that executes like Quarto would.

    * code cells keep their ``#|`` options (harmless comments when executed);
    * cells with ``#| eval: false`` become raw cells and are not executed;
    * each markdown cell's inline expressions `` `{python} expr` `` become a code cell right after
      it, evaluating ``str(expr)`` for each, so an inline expression that fails fails the test;
    * before each inline expression, and after the options of each code cell, the variable
      ``__claim_location__`` is set to ``"<file>:<line>"`` (file relative to the book's root), so
      a failed :func:`helpers.claims.claim` names where it is.
    """
    text = path.read_text(encoding="utf-8")
    where = _book_relative(path)
    fence_lines = [i for i, line in enumerate(text.splitlines(), start=1)
                   if re.match(r"^\s*`{3,}\s*\{python[^}]*\}", line)]
    inline_lines = [text.count("\n", 0, m.start()) + 1 for m in INLINE_PATTERN.finditer(text)
                    if not text[max(m.start() - 1, 0):m.start()] == "`"]  # not a code fence
    nb = jupytext.reads(text, fmt="Rmd")
    cells = []
    n_code = n_inline = 0
    for cell in nb.cells:
        if cell.cell_type == "code":
            line = fence_lines[n_code] if n_code < len(fence_lines) else 0
            n_code += 1
            opts = _cell_options(cell.source.splitlines())
            if opts.get("eval", "").lower() == "false":
                cells.append(nbformat.v4.new_raw_cell(cell.source))
                continue
            lines = cell.source.splitlines()
            k = 0
            while k < len(lines) and lines[k].strip().startswith("#|"):
                k += 1
            lines.insert(k, f'{LOCATION_VARIABLE} = "{where}:{line}"')
            cell.source = "\n".join(lines)
            cells.append(cell)
        elif cell.cell_type == "markdown":
            cells.append(cell)
            expressions = INLINE_PATTERN.findall(cell.source)
            if expressions:
                code = ["# inline expressions of the markdown cell above"]
                for expr in expressions:
                    line = inline_lines[n_inline] if n_inline < len(inline_lines) else 0
                    n_inline += 1
                    code += [f'{LOCATION_VARIABLE} = "{where}:{line}"', f"str({expr.strip()})"]
                inline = nbformat.v4.new_code_cell("\n".join(code))
                inline.metadata["inline_expressions"] = True
                cells.append(inline)
        else:
            cells.append(cell)
    nb.cells = cells
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def _book_relative(path: Path) -> str:
    """``path`` relative to the nearest folder above it holding ``_quarto.yml`` (else its name)."""
    path = path.resolve()
    for folder in path.parents:
        if (folder / "_quarto.yml").is_file():
            return path.relative_to(folder).as_posix()
    return path.name


def bib_keys(bib_path: Path) -> set[str]:
    """Citation keys defined in a BibTeX file."""
    text = bib_path.read_text(encoding="utf-8") if bib_path.is_file() else ""
    return set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", text))


def structure_problems(root: Path, excluded: set[str] | None = None) -> list[str]:
    """Every structural problem of the book at ``root``, one sentence each (empty list = sound).

    Checks: listed files exist; every ``.qmd`` under ``chapters/`` is listed unless its path
    (relative to ``root``) is in ``excluded``; labels are unique across the book; every
    ``@fig-``/``@tbl-``/``@sec-`` reference has exactly one target; every citation key is in the
    bibliography named in ``_quarto.yml``; every figure has a caption and alt text and every table a
    caption; no cell draws a figure outside a labelled, captioned figure.
    """
    problems: list[str] = []
    excluded = excluded or set()
    files = book_files(root)
    for f in files:
        if not f.is_file():
            problems.append(f"_quarto.yml lists {f.relative_to(root)}, which does not exist")
    listed = {f.resolve() for f in files}
    for qmd in sorted((root / "chapters").rglob("*.qmd")):
        rel = str(qmd.relative_to(root))
        if qmd.resolve() not in listed and rel not in excluded and not qmd.name.startswith("_"):
            problems.append(f"{rel} is not listed in _quarto.yml (list it, or exclude it deliberately)")
    docs = [read_qmd(f) for f in files if f.is_file()]
    where: dict[str, list[str]] = {}
    for doc in docs:
        for label, line in doc.labels:
            where.setdefault(label, []).append(f"{doc.path.relative_to(root)}:{line}")
    for label, places in sorted(where.items()):
        if len(places) > 1:
            problems.append(f"label {label} is defined {len(places)} times: {', '.join(places)}")
    config = yaml.safe_load((root / "_quarto.yml").read_text(encoding="utf-8"))
    bib = config.get("bibliography")
    keys = bib_keys(root / bib) if isinstance(bib, str) else set()
    for doc in docs:
        rel = doc.path.relative_to(root)
        for ref, line in doc.xrefs:
            if ref not in where:
                problems.append(f"{rel}:{line}: @{ref} has no target label")
        for key, line in doc.citations:
            if key not in keys:
                problems.append(f"{rel}:{line}: citation @{key} is not in {bib or 'a bibliography'}")
        for fl in doc.floats:
            if not fl.caption.strip():
                problems.append(f"{rel}:{fl.line}: {fl.label} has no caption")
            if fl.kind == "fig" and not fl.alt.strip():
                problems.append(f"{rel}:{fl.line}: {fl.label} has no fig-alt text")
        for line in doc.figure_cells_without_label:
            problems.append(f"{rel}:{line}: a cell draws a figure without a fig- label, caption and alt text")
    return problems


#: Pandas/numpy operations that filter, group, join, reshape or aggregate data. A chapter's cells
#: are loads, calls of its evaluation package, and look-ups in what those return (``.loc``,
#: attribute access); anything matching one of these belongs in the package, where it is tested.
WRANGLING: dict[str, re.Pattern[str]] = {
    "grouping": re.compile(r"\.(groupby|pivot|pivot_table|crosstab|resample)\("),
    "joining tables": re.compile(r"(?<![\"'])\.(merge|join)\(|\bpd\.(concat|merge)\("),
    "building a list in words (use a helper, read at 0, 1 and many)": re.compile(
        r"[\"']\s*\.join\("),
    "counting": re.compile(r"\.(value_counts|nunique|unique)\("),
    "aggregating": re.compile(r"\.(sum|mean|median|std|var|min|max|count|agg|aggregate)\(\)?"),
    "filtering": re.compile(
        r"\.(query|isin|dropna|drop_duplicates|between|notna|isna|fillna|filter|where|mask)\("
        r"|\[\s*~?\(?\w+\[[\"'][^\"']+[\"']\]\s*(==|!=|<=|>=|<|>)"
        r"|\.str\.(contains|startswith|endswith|match)\("),
    "constructing data": re.compile(r"\bpd\.(DataFrame|Series|Timestamp|to_datetime)\(|\bnp\.\w+\("),
}


def wrangling_problems(root: Path) -> list[str]:
    """Lines of the book's Python cells that wrangle data, one sentence each (empty = none).

    Comments and ``#|`` options are ignored; inline expressions are not checked here (keep them
    to simple look-ups). The rule: filtering, grouping, joining, counting and aggregating happen
    in ``helpers``, never in a chapter.
    """
    problems: list[str] = []
    for qmd in book_files(root):
        if not qmd.is_file():
            continue
        in_python = False
        for number, line in enumerate(qmd.read_text(encoding="utf-8").splitlines(), start=1):
            stripped = line.strip()
            if not in_python:
                in_python = bool(re.match(r"^`{3,}\s*\{python[^}]*\}", stripped))
                continue
            if _FENCE.match(stripped):
                in_python = False
                continue
            code = stripped.split("#", 1)[0] if not stripped.startswith("#") else ""
            for kind, pattern in WRANGLING.items():
                match = pattern.search(code)
                if match:
                    problems.append(f"{qmd.relative_to(root)}:{number}: {kind} in a chapter "
                                    f"({match.group(0).strip()}): move it into the evaluation package")
                    break
    return problems


#: Numbers that may be typed in prose because they are names or conventions, not results:
#: instrument names (CORE-10, CSI-4, DC:0-5), years and year ranges, the 95% of "95% CI",
#: ordinal section words, and numbers inside link targets or attributes.
PROSE_ALLOWED_NUMBERS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b[A-Z][A-Za-z]*[-:]\d+(?:[-:]\d+)?\b"),  # CORE-10, CSI-4, DC:0-5, COVID-19
    re.compile(r"\b(?:19|20)\d\d(?:[–/-]\d{2,4})?\b"),  # 2019, 2019–20, 2015/16
    re.compile(r"\b95% (?:CI|confidence)"),
    re.compile(r"\[[^\]]*\]\([^)]*\)"),  # links
    re.compile(r"\{[^}]*\}"),  # attributes {#sec-x}
    re.compile(r"@[\w:-]+"),  # cross-references and citations
)
_TYPED_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*%?(?![\w])")
_PCT_IN_BRACKETS = re.compile(r"\(\s*`\{python\}\s+pct(?:_row)?\((?![^`]*nested=True)[^`]*`\s*\)")
_NUMBER_EXPRESSION = r"`\{python\}\s+(?:integer|number|pct|pct_row|percent)\("
_SENTENCE_START_NUMBER = re.compile(r"[.!?]\s+" + _NUMBER_EXPRESSION)
_LINE_START_NUMBER = re.compile(r"^\s*(?:[-*+]\s+)?" + _NUMBER_EXPRESSION)


def prose_problems(root: Path) -> list[str]:
    """Problems in the book's prose (markdown outside code), one sentence each (empty = none).

    * a number typed by hand (results come from inline expressions; see
      :data:`PROSE_ALLOWED_NUMBERS` for what may be typed);
    * ``pct(...)`` written inside brackets without ``nested=True`` ("(3 of 9 (33%))");
    * a sentence that starts with a numeral from an inline expression (start with words:
      :func:`helpers.words.count_phrase` with ``start=True``).
    """
    problems: list[str] = []
    for qmd in book_files(root):
        if not qmd.is_file():
            continue
        rel = qmd.relative_to(root)
        in_code = False
        in_front = False
        previous = ""  # the previous line of prose ("" after a blank line: a paragraph starts)
        for number, line in enumerate(qmd.read_text(encoding="utf-8").splitlines(), start=1):
            stripped = line.strip()
            if number == 1 and stripped == "---":
                in_front = True
                continue
            if in_front:
                in_front = stripped != "---"
                continue
            if _FENCE.match(stripped):
                in_code = not in_code
                continue
            if in_code or stripped.startswith(("#|", "<!--", ":::")):
                continue
            prose = INLINE_PATTERN.sub(" ", line)
            prose = re.sub(r"`[^`]*`", " ", prose)  # other inline code
            for allowed in PROSE_ALLOWED_NUMBERS:
                prose = allowed.sub(" ", prose)
            for m in _TYPED_NUMBER.finditer(prose):
                problems.append(f"{rel}:{number}: typed number {m.group(0)!r} in prose: compute it "
                                "in a cell and write it as an inline expression")
            if _PCT_IN_BRACKETS.search(line):
                problems.append(f"{rel}:{number}: pct() inside brackets nests them; "
                                "use pct(..., nested=True)")
            starts = (_SENTENCE_START_NUMBER.search(line) or (
                _LINE_START_NUMBER.search(line)
                and (not previous or previous.rstrip().endswith((".", "!", "?")))))
            if starts:
                problems.append(f"{rel}:{number}: a sentence starts with a numeral; start with "
                                "words (helpers.words.count_phrase(..., start=True))")
            previous = stripped
    return problems
