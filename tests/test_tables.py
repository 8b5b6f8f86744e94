"""Tests of the table builders and the output-format switch (small hand-made frames)."""

from __future__ import annotations

import html as html_lib
import json
import re

import numpy as np
import pandas as pd
import pytest
from great_tables import GT

from helpers.tables import (
    HtmlTable,
    TypstTable,
    comparison_table,
    count_table_gt,
    format_number,
    format_p,
    output_format,
    paired_table,
    show_table,
)


def _cells(gt: GT) -> list[list[str]]:
    """Body cell texts of a rendered table, row by row (tags stripped)."""
    body = re.search(r"<tbody[^>]*>(.*)</tbody>", gt.as_raw_html(), flags=re.DOTALL).group(1)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.DOTALL)
    return [[html_lib.unescape(re.sub(r"<[^>]+>", "", c)).strip()
             for c in re.findall(r"<td[^>]*>(.*?)</td>", r, flags=re.DOTALL)] for r in rows]


# ---------------------------------------------------------------- output_format / show_table


def _write_info(tmp_path, payload) -> dict[str, str]:
    path = tmp_path / "execute-info.json"
    path.write_text(json.dumps(payload) if not isinstance(payload, str) else payload,
                    encoding="utf-8")
    return {"QUARTO_EXECUTE_INFO": str(path)}


def test_output_format_defaults_to_html_outside_quarto():
    assert output_format({}) == "html"
    assert output_format({"QUARTO_EXECUTE_INFO": ""}) == "html"


def test_output_format_reads_base_format(tmp_path):
    env = _write_info(tmp_path, {
        "document-path": "/x/chapters/pup.qmd",
        "format": {"identifier": {"base-format": "typst", "target-format": "typst"},
                   "pandoc": {"to": "typst"}},
    })
    assert output_format(env) == "typst"


def test_output_format_falls_back_to_pandoc_to(tmp_path):
    env = _write_info(tmp_path, {"format": {"identifier": {}, "pandoc": {"to": "html"}}})
    assert output_format(env) == "html"


def test_output_format_reads_the_real_environment(tmp_path, monkeypatch):
    env = _write_info(tmp_path, {"format": {"identifier": {"base-format": "pdf"}}})
    monkeypatch.setenv("QUARTO_EXECUTE_INFO", env["QUARTO_EXECUTE_INFO"])
    assert output_format() == "pdf"


def test_output_format_rejects_missing_or_broken_file(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        output_format({"QUARTO_EXECUTE_INFO": str(tmp_path / "nope.json")})
    with pytest.raises(ValueError, match="not valid JSON"):
        output_format(_write_info(tmp_path, "{not json"))
    with pytest.raises(ValueError, match="no format"):
        output_format(_write_info(tmp_path, {"format": {}}))


def test_show_table_html_is_accessible_and_typst_moves_notes_out():
    gt = GT(pd.DataFrame({"a": [1.5]})).fmt_number("a", decimals=1).tab_source_note("Note A.")
    html_table = show_table(gt, "html")
    assert isinstance(html_table, HtmlTable) and isinstance(html_table.gt, GT)
    assert "1.5" in html_table._repr_html_()
    shown = show_table(gt, "typst")
    assert isinstance(shown, TypstTable)
    md = shown._repr_markdown_()
    assert md.startswith("```{=html}\n<table")
    assert "1.5" in md
    table_part, after = md.split("</table>")
    assert "Note A." not in table_part and "<tfoot" not in table_part
    assert after.strip().endswith("Note A.")
    assert "<style" not in md


def _ids(markup: str) -> list[str]:
    return re.findall(r'\bid="([^"]+)"', markup)


def test_every_table_gets_its_own_stable_id_so_header_ids_never_repeat():
    frame = pd.DataFrame({"measure": ["A"], "n": [3]})
    first = show_table(GT(frame), "html")._repr_html_()
    second = show_table(GT(frame.assign(n=[4])), "html")._repr_html_()
    again = show_table(GT(frame), "html")._repr_html_()  # same content shown twice
    ids = _ids(first) + _ids(second) + _ids(again)
    assert len(ids) == len(set(ids)) and len(ids) == 9  # div, two headers each
    assert re.fullmatch(r"gt-[0-9a-f]{10}", _ids(first)[0])
    assert _ids(again)[0] == _ids(first)[0] + "-2"
    assert "gt-" in _ids(first)[1] and _ids(first)[1].endswith("-measure")
    # an id the builder chose is kept
    own = show_table(GT(frame, id="tbl-own"), "html")._repr_html_()
    assert _ids(own)[:2] == ["tbl-own", "tbl-own-measure"]


def test_the_scroll_container_is_focusable_and_named():
    frame = pd.DataFrame({"measure": ["A"], "n": [3]})
    markup = show_table(GT(frame).cols_label(measure="Focus test"), "html")._repr_html_()
    opening = re.match(r"\s*<div[^>]*>", markup).group(0)
    assert 'tabindex="0"' in opening and 'role="region"' in opening
    assert 'aria-label="Table: Focus test, n"' in opening
    named = show_table(GT(frame), "html", name="Scores & more")._repr_html_()
    assert 'aria-label="Scores &amp; more"' in named
    again = show_table(GT(frame), "html", name="Scores & more")._repr_html_()
    assert 'aria-label="Scores &amp; more (2)"' in again  # names of one page stay distinct


def test_empty_header_cells_get_a_hidden_label():
    frame = pd.DataFrame({"row": ["A", "B"], "mark": ["x", "y"], "n": [1, 2]})
    markup = show_table(GT(frame, rowname_col="row").cols_label(mark=""), "html",
                        stub_label="Measure")._repr_html_()
    headers = re.findall(r"<th\b[^>]*scope=\"col\"[^>]*>(.*?)</th>", markup, flags=re.DOTALL)
    texts = [re.sub(r"<[^>]+>", "", h).strip() for h in headers]
    assert texts == ["Measure", "Mark", "n"]
    assert "position:absolute" in headers[0] and "position:absolute" in headers[1]


def test_house_style_dash_for_missing_nowrap_numbers_and_styled_groups():
    from helpers.tables._accessible import numeric_columns

    frame = pd.DataFrame({"group": ["G1", "G1", "G2"], "label": ["a", "b", "c"],
                          "value": [1.5, np.nan, 2.0], "interval": ["1.1 to 7.6", None, "—"],
                          "words": ["long text here", "more", "x"]})
    gt = show_table(GT(frame, groupname_col="group"), "html").gt
    assert numeric_columns(gt) == ["value", "interval"]
    markup = show_table(GT(frame, groupname_col="group"), "html")._repr_html_()
    rows = re.findall(r"<tr>(.*?)</tr>", markup, flags=re.DOTALL)
    cells = [re.findall(r"<td([^>]*)>(.*?)</td>", r, flags=re.DOTALL) for r in rows]
    assert [c[1] for c in cells[1]] == ["b", "–", "–", "more"]  # NaN, None: the en dash
    assert cells[2][2][1] == "–"  # a typed em dash is shown as the en dash too
    nowrap = [["nowrap" in attrs for attrs, _ in row] for row in cells]
    assert nowrap[0] == [False, True, True, False]
    headings = re.findall(r'<th class="gt_group_heading"[^>]*>', markup)
    assert len(headings) == 2 and all("font-weight: bold" in h for h in headings)


def test_a_numeric_stub_does_not_wrap_either():
    frame = pd.DataFrame({"year": ["2019/20", "2020/21"], "n": [1, None]})
    markup = show_table(GT(frame, rowname_col="year"), "html")._repr_html_()
    stub_cells = re.findall(r'<th [^>]*scope="row"[^>]*>', markup)
    assert len(stub_cells) == 2 and all("nowrap" in c for c in stub_cells)
    assert re.findall(r"<td[^>]*>(.*?)</td>", markup)[1] == "–"


def test_typst_notes_keep_italics_and_subscripts():
    from great_tables import html

    gt = GT(pd.DataFrame({"a": [1]})).tab_source_note(html("<i>d</i><sub>z</sub> = x_1 *"))
    md = show_table(gt, "typst")._repr_markdown_()
    assert md.rstrip().endswith("*d*~z~ = x\\_1 \\*")


# ---------------------------------------------------------------- number formats


def test_format_number_and_p():
    assert format_number(-1.234) == "−1.23"
    assert format_number(1234.5, 1) == "1,234.5"
    assert format_number(-0.004) == "0.00"
    assert format_number(np.nan) == "–"
    assert format_p(0.0004) == "<.001"
    assert format_p(0.0015) == ".002"
    assert format_p(0.04321) == ".043"
    assert format_p(0.9999) == ">.999"
    assert format_p(None) == "–"
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        format_p(1.2)


# ---------------------------------------------------------------- paired_table


def _paired_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "measure": ["CORE-10", "CSI-4"], "n": [17, 17],
        "pre_mean": [14.2149, 10.5], "pre_sd": [7.2051, 4.1], "post_mean": [9.1, 12.0],
        "post_sd": [6.0, 4.4], "diff_mean": [5.1149, -1.5], "diff_sd": [5.5, 3.0],
        "diff_ci_low": [2.27, -3.04], "diff_ci_high": [7.93, 0.04], "t": [3.8234, -2.06],
        "df": [16.0, 16.0], "p": [0.0004, 0.056], "dz": [0.93, -0.5], "dz_ci_low": [0.35, -1.0],
        "dz_ci_high": [1.49, 0.01], "wilcoxon_stat": [10.0, 30.0], "wilcoxon_p": [0.003, 0.07],
    })


def test_paired_table_formats_and_merges_cells():
    gt = paired_table(_paired_frame(), source_note="Consented parents with both questionnaires.")
    rows = _cells(gt)
    # display policy: means, SDs, differences and their CIs 1 decimal, t and d_z 2, half up
    assert rows[0] == ["CORE-10", "17", "14.2 (7.2)", "9.1 (6.0)", "5.1 (5.5)",
                       "[2.3, 7.9]", "3.82", "16", "<.001", "0.93 [0.35, 1.49]", ".003"]
    assert rows[1][4] == "−1.5 (3.0)" and rows[1][5] == "[−3.0, 0.0]" and rows[1][8] == ".056"
    html = gt.as_raw_html()
    for label in ("Pre", "Post", "Difference (pre − post)", "Paired t-test",
                  "<i>d</i><sub>z</sub> [95% CI]", "Wilcoxon p",
                  "Consented parents with both questionnaires."):
        assert label in html
    assert "d_z" not in html and "Holm" not in html  # no p_holm column in the frame


def test_paired_table_rounds_half_up():
    frame = _paired_frame().assign(pre_mean=[2.25, 0.05], t=[2.675, 1.0])
    rows = _cells(paired_table(frame))
    assert rows[0][2].startswith("2.3 (") and rows[0][6] == "2.68"
    assert rows[1][2].startswith("0.1 (")


def test_paired_table_without_wilcoxon_and_fractional_df():
    frame = _paired_frame().drop(columns=["wilcoxon_p"]).assign(df=[15.4, 16.0])
    rows = _cells(paired_table(frame, wilcoxon=False, decimals=2))
    assert len(rows[0]) == 10
    assert rows[0][2] == "14.21 (7.21)" and rows[0][7] == "15.4" and rows[1][7] == "16.0"


def _holm_frame() -> pd.DataFrame:
    base = _paired_frame()
    frame = pd.concat([base, base.iloc[[0]]], ignore_index=True)
    frame["measure"] = ["CORE-10, everyone", "CSI-4, everyone", "CORE-10, mothers"]
    frame["p_holm"] = [0.0008, 0.056, np.nan]
    return frame


def test_paired_table_adds_holm_p_and_sets_unadjusted_rows_apart():
    frame = _holm_frame()
    frame = frame.iloc[[0, 2, 1]]  # the subgroup row between the family's rows
    gt = paired_table(frame)
    html = gt.as_raw_html()
    rows = [r for r in _cells(gt) if r]  # group heading rows hold no <td>
    # family rows first under their heading, the unadjusted row after, under its own
    assert [r[0] for r in rows] == ["CORE-10, everyone", "CSI-4, everyone", "CORE-10, mothers"]
    assert [r[9] for r in rows] == ["<.001", ".056", "–"]  # Holm p after p
    headings = re.findall(r'class="gt_group_heading"[^>]*>(.*?)</th>', html)
    assert headings == ["Outcomes adjusted together (Holm)", "Exploratory comparisons (not adjusted)"]
    italic = [bool(re.search(r"font-style: italic", r))
              for r in re.findall(r"<tr>(.*?)</tr>", html, flags=re.DOTALL)]
    assert italic == [False, False, True]
    assert "Holm p: p adjusted" in html and "Rows in italics are exploratory" in html
    # holm=False drops the column and the grouping
    plain = paired_table(frame, holm=False)
    assert len(_cells(plain)[0]) == 11 and 'class="gt_group_heading"' not in plain.as_raw_html()


def test_paired_table_groups_by_a_column_with_labels():
    frame = _holm_frame().assign(p_holm=[0.001, 0.1, 0.2],
                                 family=["report", "report", "subscales"])
    gt = paired_table(frame, group_col="family",
                      group_labels={"report": "The report's tests", "subscales": "Subscales"},
                      exploratory=["subscales"])
    html = gt.as_raw_html()
    headings = re.findall(r'class="gt_group_heading"[^>]*>(.*?)</th>', html)
    assert headings == ["The report&#x27;s tests", "Subscales"]
    italic = [bool(re.search(r"font-style: italic", r))
              for r in re.findall(r"<tr>(.*?)</tr>", html, flags=re.DOTALL)]
    assert italic == [False, False, True]
    # every row has a Holm p, no exploratory groups named: no grouping and no italics
    assert 'class="gt_group_heading"' not in paired_table(frame.drop(columns="family")).as_raw_html()


def test_paired_table_names_missing_and_bad_columns():
    with pytest.raises(KeyError, match="'dz'"):
        paired_table(_paired_frame().drop(columns=["dz"]))
    bad = _paired_frame().astype({"t": object})
    bad.loc[1, "t"] = "n/a"
    with pytest.raises(ValueError, match="column 't' row 1 is 'n/a'"):
        paired_table(bad)


# ---------------------------------------------------------------- count_table_gt


def test_count_table_all_records_denominator():
    frame = pd.DataFrame({"category": ["Female", "Male", "Missing"], "n": [24, 20, 2]})
    gt = count_table_gt(frame, population="parents", category_label="Gender")
    assert _cells(gt) == [["Female", "24", "52"], ["Male", "20", "43"],
                          ["Missing", "2", "4"], ["Total", "46", "100"]]
    one_decimal = count_table_gt(frame, population="parents", decimals=1)
    assert [r[2] for r in _cells(one_decimal)] == ["52.2", "43.5", "4.3", "100.0"]
    assert "Percentages are of all 46 parents, including 2 with no answer." in gt.as_raw_html()


def test_count_table_rounds_percentages_half_up():
    # 5 of 8 is 62.5%: readers expect 63, not the 62 of round-half-even
    gt = count_table_gt(pd.DataFrame({"category": ["a", "b"], "n": [5, 3]}))
    assert [r[2] for r in _cells(gt)] == ["63", "38", "0", "100"]


def test_count_table_answered_denominator_matches_published_percentages():
    # PUP marital status: 33 of 39 respondents married = 84.6%; 7 of 46 did not answer.
    frame = pd.DataFrame({"category": ["Married", "Other"], "n": [33, 6]})
    gt = count_table_gt(frame, missing=7, percent_of="answered", population="parents")
    rows = _cells(gt)
    assert rows[0] == ["Married", "33", "85"]
    assert rows[2] == ["Missing", "7", "–"] and rows[3] == ["Total", "46", "–"]
    assert "the 39 parents who answered; 7 of 46 gave no answer" in gt.as_raw_html()


@pytest.mark.parametrize(
    ("frame", "kwargs", "message"),
    [
        (pd.DataFrame({"category": ["a", "b"], "n": [3, -1]}), {}, r"row 1, category 'b'"),
        (pd.DataFrame({"category": ["a", "b"], "n": [3, 1.5]}), {}, "not a whole number"),
        (pd.DataFrame({"category": ["a", "b"], "n": [3, None]}), {}, "missing or not a number"),
        (pd.DataFrame({"category": ["a", "a"], "n": [3, 1]}), {}, "appears twice"),
        (pd.DataFrame({"category": ["a", "Total"], "n": [3, 3]}), {}, "'percent'"),
        (pd.DataFrame({"category": ["a", "Missing"], "n": [3, 2]}), {"missing": 1}, "says 2"),
        (pd.DataFrame({"group": ["a"], "n": [3]}), {}, "'category'"),
    ],
)
def test_count_table_rejects_bad_counts(frame, kwargs, message):
    with pytest.raises((ValueError, KeyError), match=message):
        count_table_gt(frame, **kwargs)


def test_count_table_renders_counts_module_output():
    from helpers.counts import count_crosstab, count_table

    answers = pd.Series(["Yes", "No", "Yes", None, "Yes"])
    table = count_table(answers, order=["Yes", "No"], denominator="valid")
    gt = count_table_gt(table, category_label="Single parent")
    assert _cells(gt) == [["Yes", "3", "75"], ["No", "1", "25"], ["Missing", "1", "–"],
                          ["Total", "5", "–"]]
    assert "Percentages of the 4 valid responses (1 missing not included)." in gt.as_raw_html()

    groups = pd.Series(["PIP", "PIP", "TT", "TT", "TT"])
    html = count_table_gt(count_crosstab(answers, groups, order=["Yes", "No"])).as_raw_html()
    assert "gt_group_heading" in html and ">PIP<" in html and ">TT<" in html


def test_count_table_checks_given_total():
    frame = pd.DataFrame({"category": ["a", "Missing", "Total"], "n": [3, 1, 5],
                          "percent": [100.0, np.nan, np.nan]})
    with pytest.raises(ValueError, match="'Total' row 2 .* is 5 but the rows above sum to 4"):
        count_table_gt(frame)


# ---------------------------------------------------------------- comparison_table


def test_comparison_table_marks_matches_at_printed_precision():
    frame = pd.DataFrame({
        "figure": ["intake.core10.mean", "intake.core10.sd", "flow.parents_offered", "trend"],
        "printed": [14.21, 7.21, 80, "rising"],
        "reproduced": [14.2149, 7.3, 80, "rising"],
    })
    gt = comparison_table(frame, source_note="Synthetic data.")
    assert _cells(gt) == [
        ["intake.core10.mean", "14.21", "14.21", "✓ yes"],
        ["intake.core10.sd", "7.21", "7.30", "✗ no"],
        ["flow.parents_offered", "80", "80", "✓ yes"],
        ["trend", "rising", "rising", "✓ yes"],
    ]
    html = gt.as_raw_html()
    assert "3 of 4 printed figures reproduced" in html and "Synthetic data." in html


def test_comparison_table_uses_given_matches_and_notes():
    frame = pd.DataFrame({"figure": ["a"], "printed": [0.01], "reproduced": [0.0],
                          "matches": [False], "why": ["printed % do not sum to 100"]})
    rows = _cells(comparison_table(frame, note_col="why"))
    assert rows == [["a", "0.01", "0.00", "✗ no", "printed % do not sum to 100"]]
    frame["matches"] = ["yes"]
    with pytest.raises(ValueError, match="not true/false"):
        comparison_table(frame)


def test_module_examples():
    import doctest

    import helpers.tables._cells as cells_module

    result = doctest.testmod(cells_module)
    assert result.attempted >= 2 and result.failed == 0


def test_completer_table_shows_both_groups_and_the_welch_interval():
    from helpers.tables import completer_table

    frame = pd.DataFrame([{
        "measure": "CORE-10", "n_completed": 17, "mean_completed": 14.176, "sd_completed": 7.55,
        "n_not_completed": 21, "mean_not_completed": 14.24, "sd_not_completed": 7.0,
        "difference": -0.064, "ci_low": -4.9, "ci_high": 4.77, "p": 0.979, "hedges_g": -0.0088,
    }])
    html = completer_table(frame).as_raw_html()
    for text in ["14.2 (7.6)", "14.2 (7.0)", "−0.1", "[−4.9, 4.8]", ".979", "−0.01", "Hedges"]:
        assert text in html


def test_contradictions_table_labels_columns_and_shows_blanks_as_dashes():
    from helpers.tables import contradictions_table

    frame = pd.DataFrame([{"id": "x", "kind": "reading", "figures": "[a.b]", "printed": 16,
                           "data": None, "explanation": "because", "extra": 1}])
    html = contradictions_table(frame).as_raw_html()
    assert "Data give" in html and "Published figure(s)" in html and "extra" not in html
    assert "–" in html and ">16<" in html


def test_mark_total_and_missing_styles_only_the_named_rows():
    from helpers.tables import mark_total_and_missing

    frame = pd.DataFrame({"category": ["a", "Missing", "Total"], "n": [1, 2, 3]})
    html = GT(frame).pipe(mark_total_and_missing, [2], [1]).as_raw_html()
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    body = [r for r in rows if "gt_row" in r]
    assert "font-style: italic" not in body[0] and "font-weight: bold" not in body[0]
    assert "font-style: italic" in body[1]
    assert "font-weight: bold" in body[2] and "border-top" in body[2]
    plain = mark_total_and_missing(GT(frame)).as_raw_html()
    assert 'style="font-style: italic;"' not in plain and "border-top: 2px solid" not in plain


def test_the_package_exports_its_interface_from_small_private_modules():
    import importlib
    from pathlib import Path

    import helpers.tables as tables_module

    assert sorted(tables_module.__all__) == sorted([
        "EXECUTE_INFO_VARIABLE", "HTML_FORMATS", "HtmlTable", "MISSING_TEXT", "TypstTable",
        "comparison_table", "completer_table", "contradictions_table", "count_table_gt", "format_number", "format_p",
        "mark_total_and_missing", "output_format", "paired_table", "show_table",
    ])
    homes = {getattr(getattr(tables_module, name), "__module__", None)
             for name in tables_module.__all__} - {None, "builtins"}
    assert homes == {"helpers.tables._accessible", "helpers.tables._cells", "helpers.tables._counts",
                     "helpers.tables._differences", "helpers.tables._output",
                     "helpers.tables._published"}
    for home in homes:
        module = importlib.import_module(home)
        assert module.__doc__ and len(Path(module.__file__).read_text().splitlines()) <= 450
