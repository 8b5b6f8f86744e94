"""The book's Quarto profiles, checked without Quarto: each rendering lists a valid set of
chapters, profiles merge as Quarto merges them, and the Quarto version is stated in one place."""

from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml

from helpers.book.project import (
    active_profiles,
    merge_config,
    profile_names,
    profile_table,
    quarto_config,
    quarto_version,
)
from helpers.book.quarto_book import book_files, read_qmd

ROOT = Path(__file__).resolve().parents[1]
EVALUATIONS = {"pup": "chapters/pup/", "pairs": "chapters/pairs/"}


# --- the merge, on hand-made configurations -------------------------------------------------------

def test_merge_appends_lists_replaces_values_and_merges_mappings():
    base = {"book": {"title": "A", "appendices": ["x.qmd"]}, "lang": "en-GB"}
    overlay = {"book": {"title": "B", "chapters": ["index.qmd"], "appendices": ["x.qmd", "y.qmd"]}}
    assert merge_config(base, overlay) == {
        "book": {"title": "B", "appendices": ["x.qmd", "y.qmd"], "chapters": ["index.qmd"]},
        "lang": "en-GB"}
    assert merge_config([{"part": "p.qmd"}], [{"part": "p.qmd"}, "z.qmd"]) == [{"part": "p.qmd"}, "z.qmd"]


def test_active_profiles_follow_quartos_rules():
    group = {"profile": {"group": [["book", "pup", "pairs"]]}}
    assert active_profiles(group) == ["book"]
    assert active_profiles(group, "pairs") == ["pairs"]
    assert active_profiles(group, "pup,ua") == ["pup", "ua"]
    assert active_profiles(group, ["ua"]) == ["ua", "book"]
    assert active_profiles({"profile": {"group": ["a", "b"]}}) == ["a"]
    assert active_profiles({"profile": {"default": ["b"], "group": [["a", "b"]]}}) == ["b"]
    assert active_profiles({}) == []


def test_the_first_named_profile_wins(tmp_path):
    (tmp_path / "_quarto.yml").write_text("book:\n  title: Base\n")
    (tmp_path / "_quarto-a.yml").write_text("book:\n  title: A\n  chapters: [index.qmd]\n")
    (tmp_path / "_quarto-b.yml").write_text("book:\n  title: B\n  chapters: [index.qmd, b.qmd]\n")
    config = quarto_config(tmp_path, "a,b")
    assert config["book"]["title"] == "A"
    assert config["book"]["chapters"] == ["index.qmd", "b.qmd"]
    assert profile_names(tmp_path) == ["a", "b"]
    with pytest.raises(FileNotFoundError, match="_quarto-c.yml"):
        quarto_config(tmp_path, "c")


def test_a_book_without_profiles_reads_its_chapters_from_quarto_yml(tmp_path):
    (tmp_path / "_quarto.yml").write_text("book:\n  chapters: [index.qmd, one.qmd]\n")
    assert [f.name for f in book_files(tmp_path)] == ["index.qmd", "one.qmd"]


def test_the_quarto_version_is_read_from_quarto_required(tmp_path):
    (tmp_path / "_quarto.yml").write_text('quarto-required: ">= 2.1.7"\n')
    assert quarto_version(tmp_path) == "2.1.7"
    (tmp_path / "_quarto.yml").write_text("project:\n  type: book\n")
    with pytest.raises(ValueError, match="quarto-required"):
        quarto_version(tmp_path)


# --- the book's own profiles ----------------------------------------------------------------------

_DIV = re.compile(r'^(:{3,})\s*\{\.content-(visible|hidden)\s+(when|unless)-profile="([^"]+)"\}\s*$')


def visible_text(text: str, active: list[str]) -> str:
    """``text`` without the profile-conditional divs that ``active`` profiles do not show."""
    out, hiding = [], []  # hiding: stack of (fence, hidden?)
    for line in text.splitlines():
        m = _DIV.match(line.strip())
        if m:
            shown = (m.group(3) == "when") == bool(set(m.group(4).split(",")) & set(active))
            shown = shown if m.group(2) == "visible" else not shown
            hiding.append((m.group(1), not shown))
            continue
        if hiding and line.strip() == hiding[-1][0]:
            hiding.pop()
            continue
        if not any(hidden for _, hidden in hiding):
            out.append(line)
    return "\n".join(out) + "\n"


def test_visible_text_drops_what_a_profile_does_not_show():
    text = textwrap.dedent("""\
        A
        ::: {.content-visible when-profile="book"}
        B
        :::
        ::: {.content-visible unless-profile="book"}
        C
        :::
        """)
    assert visible_text(text, ["book"]) == "A\nB\n"
    assert visible_text(text, ["pup"]) == "A\nC\n"


@pytest.mark.parametrize("profile", profile_names(ROOT))
def test_each_profile_lists_a_valid_book(profile, tmp_path):
    active = active_profiles(yaml.safe_load((ROOT / "_quarto.yml").read_text()), profile)
    files = book_files(ROOT, profile)
    rel = [f.relative_to(ROOT).as_posix() for f in files]
    assert rel[0] == "index.qmd"
    assert all(f.is_file() for f in files), [r for r, f in zip(rel, files) if not f.is_file()]
    assert len(set(rel)) == len(rel), "a chapter is listed twice"
    labels: set[str] = set()
    refs: list[tuple[str, str]] = []
    for path, name in zip(files, rel):
        copy = tmp_path / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(visible_text(path.read_text(encoding="utf-8"), active), encoding="utf-8")
        doc = read_qmd(copy)
        labels |= {label for label, _ in doc.labels}
        refs += [(name, ref) for ref, _ in doc.xrefs]
    dangling = [f"{name}: @{ref}" for name, ref in refs if ref not in labels]
    assert dangling == []


def test_the_default_profile_is_the_whole_book():
    everything = {p.relative_to(ROOT).as_posix() for p in (ROOT / "chapters").rglob("*.qmd")}
    listed = {f.relative_to(ROOT).as_posix() for f in book_files(ROOT)}
    assert everything <= listed
    assert book_files(ROOT) == book_files(ROOT, "book")


@pytest.mark.parametrize("evaluation", sorted(EVALUATIONS))
def test_an_evaluation_profile_holds_its_own_chapters_and_no_other(evaluation):
    rel = [f.relative_to(ROOT).as_posix() for f in book_files(ROOT, evaluation)]
    own = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / EVALUATIONS[evaluation]).glob("*.qmd"))
    assert sorted(r for r in rel if r.startswith(EVALUATIONS[evaluation])) == own
    others = [r for r in rel for e, prefix in EVALUATIONS.items() if e != evaluation and r.startswith(prefix)]
    assert others == []
    assert "chapters/summary.qmd" not in rel  # the executive summary covers both evaluations


def test_each_rendering_has_its_own_title_and_output_folder():
    table = profile_table(ROOT).set_index("profile")
    renderings = table.loc[["book", "pup", "pairs"]]
    assert renderings["title"].is_unique and renderings["output_dir"].is_unique
    assert table.loc["book", "command"] == "make book"
    assert table.loc["pup", "command"] == "make book PROFILE=pup"
    assert table.loc["ua", "pdf_standard"] == "ua-1"
    assert table.loc["book", "pdf_standard"] == "none"


# --- one Quarto version, read by everything that needs it ------------------------------------------

def test_the_makefile_reads_the_version_from_quarto_yml():
    result = subprocess.run(["make", "-s", "quarto-version"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.strip() == quarto_version(ROOT)


def test_the_version_is_stated_nowhere_else():
    version = quarto_version(ROOT)
    places = ["Makefile", "tools/render.sh", "requirements-render.txt", "README.md",
              ".github/workflows/book.yml", "index.qmd"]
    assert [p for p in places if version in (ROOT / p).read_text(encoding="utf-8")] == []


def test_the_hosted_workflow_installs_that_version_and_builds_the_book():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    by_use = {s.get("uses", "").split("@")[0]: s for s in steps}
    read = next(s for s in steps if s.get("id") == "quarto")
    assert "make -s quarto-version" in read["run"]
    setup = by_use["quarto-dev/quarto-actions/setup"]
    assert setup["with"]["version"] == "${{ steps.quarto.outputs.version }}"
    runs = [s.get("run", "") for s in steps]
    assert "make test" in runs and "make book" in runs
    assert by_use["actions/upload-artifact"]["with"]["path"] == "_book/"
    deploy = workflow["jobs"]["publish"]["steps"][0]
    assert deploy["uses"].startswith("actions/deploy-pages@")
