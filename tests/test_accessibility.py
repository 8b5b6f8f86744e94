"""The book's HTML has no serious or critical accessibility violation, as axe-core judges it.

axe-core (npm) runs in headless Chromium (the Debian package ``chromium``), driven by
playwright-core (npm), on the pages of :data:`CHAPTERS`: ``pairs/service`` (the most tables and
figures of the PAIRS part), ``pup/outcomes`` (paired tables, the Jacobson–Truax scatter) and
``appendices/data`` (the long grouped data-dictionary tables). That subset keeps the run to about
a minute while covering every kind of table and figure the book builds. Each page is checked at a
desktop and a phone width (:data:`WIDTHS`), so wide tables that scroll on a phone are checked for
keyboard access too. Besides every serious or critical violation, the rules of
:data:`ALWAYS_FAILING` (repeated ids, empty header cells) fail whatever impact axe gives them.

Which HTML: Quarto's page under ``_book/`` where it exists (after ``make book``); otherwise the
chapter is executed here (converted with :func:`helpers.book.quarto_book.to_notebook`, run with
nbclient in a fresh kernel, as the nbval items run it) and its outputs assembled into a page the
way Quarto lays them out: markdown rendered with markdown-it-py (a dependency of jupytext, so
present wherever the tests run; nbconvert is not among the test requirements), inline
expressions replaced by their values, tables and figures inside ``<figure>`` with their caption
and alt text.

The npm packages are installed, at the versions pinned in :data:`NPM_PACKAGES`, into
``build/a11y/node_modules`` (``build/`` is git-ignored). The test skips, saying why, where
Chromium, node or npm is absent or npm cannot install the packages (no network).
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.book.quarto_book import INLINE_PATTERN, _cell_options, to_notebook

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "a11y"
CHAPTERS = ("chapters/pairs/service.qmd", "chapters/pup/outcomes.qmd",
            "chapters/appendices/data.qmd")
NPM_PACKAGES = ("axe-core@4.14.1", "playwright-core@1.65.1")
#: Impacts that fail the test (axe's scale: minor, moderate, serious, critical).
FAILING_IMPACTS = frozenset({"serious", "critical"})
#: Rules that fail the test whatever impact axe gives them: ids repeated across the page's tables
#: break the header associations of screen readers (axe keeps these rules but no longer runs
#: them by default, so they are switched on), and an empty header cell names nothing.
ALWAYS_FAILING = ("duplicate-id", "duplicate-id-active", "duplicate-id-aria",
                  "empty-table-header")
#: Viewport widths (CSS pixels): a desktop, and a phone, where wide tables must scroll and so
#: must be reachable by keyboard.
WIDTHS = (1280, 360)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]

RUNNER = r"""
const path = require('path');
const modules = path.join(process.argv[2], 'node_modules');
const { chromium } = require(path.join(modules, 'playwright-core'));
const axePath = path.join(modules, 'axe-core', 'axe.min.js');
const pages = JSON.parse(process.argv[3]);
const widths = JSON.parse(process.argv[6]);
const options = { resultTypes: ['violations'],
                  rules: Object.fromEntries(JSON.parse(process.argv[7]).map(
                    id => [id, { enabled: true }])) };
(async () => {
  const browser = await chromium.launch({ executablePath: process.argv[4], headless: true,
                                          args: JSON.parse(process.argv[5]) });
  const results = {};
  try {
    for (const file of pages) {
      results[file] = [];
      for (const width of widths) {
        const page = await browser.newPage({ viewport: { width: width, height: 900 } });
        await page.goto('file://' + file, { waitUntil: 'load' });
        await page.addScriptTag({ path: axePath });
        const r = await page.evaluate(async (o) => await axe.run(document, o), options);
        for (const v of r.violations) {
          results[file].push({ id: v.id, impact: v.impact, help: v.help, width: width,
            nodes: v.nodes.map(n => ({ target: n.target, html: n.html.slice(0, 200) })) });
        }
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results));
})().catch(e => { console.error(e); process.exit(1); });
"""

def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _tools() -> tuple[str, str]:
    """Paths of chromium and node, with the npm packages installed; skip, saying why, if not."""
    chromium, node, npm = _chromium(), shutil.which("node"), shutil.which("npm")
    missing = [name for name, path in (("chromium", chromium), ("node", node), ("npm", npm))
               if path is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not on PATH: install the Debian packages chromium "
                    "and npm to run axe-core on the book's HTML")
    modules = WORK / "node_modules"
    wanted = {spec.rsplit("@", 1)[0]: spec.rsplit("@", 1)[1] for spec in NPM_PACKAGES}
    installed = {name: json.loads((modules / name / "package.json").read_text())["version"]
                 for name in wanted if (modules / name / "package.json").is_file()}
    if installed != wanted:
        WORK.mkdir(parents=True, exist_ok=True)
        if not (WORK / "package.json").is_file():
            (WORK / "package.json").write_text('{"name": "a11y-check", "private": true}\n')
        done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(WORK),
                               *NPM_PACKAGES], capture_output=True, text=True, timeout=300, check=False)
        if done.returncode != 0:
            pytest.skip(f"npm could not install {' '.join(NPM_PACKAGES)} (offline?): "
                        f"{done.stderr.strip()[-300:]}")
    return chromium, node  # type: ignore[return-value]


# ------------------------------------------------------------------ the page of one chapter


def _execute(qmd: Path):
    """The chapter executed as the nbval items execute it; inline cells collect their values."""
    from nbclient import NotebookClient

    nb = to_notebook(qmd)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.metadata.get("inline_expressions"):
            lines = ["__a11y_values__ = []"]
            for line in cell.source.splitlines():
                lines.append(f"__a11y_values__.append({line})" if line.startswith("str(")
                             else line)
            lines += ["import json as __a11y_json", "print(__a11y_json.dumps(__a11y_values__))"]
            cell.source = "\n".join(lines)
    os.environ.setdefault("QUARTO_PROJECT_DIR", str(ROOT))
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    return nb


def _markdown(text: str) -> str:
    """Quarto markdown as HTML: heading ids, fenced divs, and citations left as text."""
    MarkdownIt = pytest.importorskip("markdown_it", reason="markdown-it-py (from jupytext) "
                                     "is needed to assemble a chapter's page").MarkdownIt

    lines = []
    for line in text.splitlines():
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*\{[^}]*#([\w-]+)[^}]*\}\s*$", line)
        div_open = re.match(r"^:{3,}\s*\{([^}]*)\}\s*$", line)
        if heading:
            level = len(heading.group(1))
            lines.append(f'<h{level} id="{heading.group(3)}">{html.escape(heading.group(2))}'
                         f"</h{level}>\n")
        elif div_open:
            found = re.search(r"#([\w-]+)", div_open.group(1))
            lines.append(f'<div id="{found.group(1)}">\n' if found else "<div>\n")
        elif re.match(r"^:{3,}\s*$", line):
            lines.append("\n</div>\n")
        else:
            lines.append(line)
    return MarkdownIt("commonmark", {"html": True}).enable("table").render("\n".join(lines))


def _outputs(cell) -> str:
    """A code cell's outputs as Quarto shows them (echo off): tables, figures, text."""
    options = _cell_options(cell.source.splitlines())
    label = options.get("label", "")
    parts = []
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if "text/html" in data:
            parts.append(data["text/html"])
        elif "image/png" in data:
            alt = html.escape(options.get("fig-alt", "").strip("\"'"))
            png = data["image/png"]
            png = png if isinstance(png, str) else base64.b64encode(png).decode()
            parts.append(f'<img src="data:image/png;base64,{png.strip()}" alt="{alt}" '
                         'style="max-width: 100%; height: auto">')
        elif "text/markdown" in data:
            parts.append(_markdown(data["text/markdown"]))
    if not parts:
        return ""
    caption = options.get("tbl-cap") or options.get("fig-cap")
    if not caption:
        return "\n".join(parts)
    caption_id = f"{label or 'float'}-caption"
    body = "\n".join(parts)
    return (f'<div id="{label}"><figure><figcaption id="{caption_id}">'
            f"{html.escape(caption.strip(chr(34) + chr(39)))}</figcaption>"
            f'<div aria-describedby="{caption_id}">{body}</div></figure></div>')


def chapter_page(qmd: Path) -> str:
    """The executed chapter as one HTML page laid out as Quarto lays it out."""
    nb = _execute(qmd)
    parts: list[str] = []
    pending = ""
    title = qmd.stem
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            if pending:
                parts.append(_markdown(pending))
            pending = cell.source
            first = re.match(r"^#\s+(.*?)(\s*\{.*\})?\s*$", cell.source.splitlines()[0]
                             if cell.source else "")
            if first and title == qmd.stem:
                title = first.group(1)
            continue
        if cell.cell_type != "code":
            continue
        if cell.metadata.get("inline_expressions"):
            values = iter(json.loads("".join(o.get("text", "") for o in cell.outputs
                                             if o.get("output_type") == "stream")))
            pending = INLINE_PATTERN.sub(lambda _m, found=values: next(found), pending)
            continue
        if pending:
            parts.append(_markdown(pending))
            pending = ""
        parts.append(_outputs(cell))
    if pending:
        parts.append(_markdown(pending))
    return ('<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n</head>\n<body>\n<main>\n"
            + "\n".join(parts) + "\n</main>\n</body>\n</html>\n")


def _page_for(chapter: str) -> Path:
    built = ROOT / "_book" / Path(chapter).with_suffix(".html")
    if built.is_file():
        return built
    target = WORK / "pages" / Path(chapter).with_suffix(".html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(chapter_page(ROOT / chapter), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def browser_tools() -> tuple[str, str]:
    tools = _tools()
    (WORK / "run_axe.js").write_text(RUNNER)
    return tools


def axe_violations(page: Path, chromium: str, node: str) -> list[dict]:
    """axe-core's violations on ``page`` at each of :data:`WIDTHS`: every rule axe runs by
    default and those of :data:`ALWAYS_FAILING`, as dictionaries (``id``, ``impact``, ``help``,
    ``width``, ``nodes``)."""
    done = subprocess.run([node, str(WORK / "run_axe.js"), str(WORK), json.dumps([str(page)]),
                           chromium, json.dumps(CHROMIUM_FLAGS), json.dumps(WIDTHS),
                           json.dumps(ALWAYS_FAILING)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, f"axe run failed: {done.stderr[-2000:]}"
    return json.loads(done.stdout)[str(page)]


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        where = "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        lines.append(f"{v['impact']} {v['id']} ({v['help']}) at {v['width']} px, "
                     f"{len(v['nodes'])} element(s): {where}")
    return "\n".join(lines)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_serious_or_critical_axe_violation(browser_tools, chapter):
    violations = axe_violations(_page_for(chapter), *browser_tools)
    failing = [v for v in violations
               if v["impact"] in FAILING_IMPACTS or v["id"] in ALWAYS_FAILING]
    assert not failing, f"{chapter}:\n{_describe(failing)}"


PLANTED = """<!DOCTYPE html><html lang="en-GB"><head><title>Planted</title></head><body><main>
<h1>Planted problems</h1>
<div id="t" style="overflow-x:auto;width:100px"><table><thead><tr><th id="x"></th>
<th id="x">B</th></tr></thead><tbody><tr><td>1</td><td>{wide}</td></tr></tbody></table></div>
</main></body></html>"""


def test_the_check_finds_planted_problems(browser_tools, tmp_path):
    """The harness itself works: a page with a repeated id, an empty header cell and a
    scroll container no keyboard can reach fails with those rules named."""
    page = tmp_path / "planted.html"
    page.write_text(PLANTED.format(wide="x" * 400), encoding="utf-8")
    found = {v["id"] for v in axe_violations(page, *browser_tools)}
    assert {"duplicate-id", "empty-table-header", "scrollable-region-focusable"} <= found
