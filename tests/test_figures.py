"""Tests of the figure functions: what is drawn where, on small hand-made data."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from helpers.figures import (  # noqa: E402
    category_bar,
    diverging_stacked_bar,
    financial_year,
    pre_post_scatter,
    yearly_counts,
)


def _by_gid(ax, gid):
    found = [a for a in ax.get_children() if a.get_gid() == gid]
    assert len(found) == 1, f"expected one artist with gid {gid!r}, found {len(found)}"
    return found[0]


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


# ---------------------------------------------------------------- change categories / scatter

PRE = [20, 20, 14, 12, 8, 25, 30]
POST = [8, 8, 9, 2, 8, 30, 24]
# higher is worse, cut-off 11 (clinical = 11 or more), reliable change 6 points:
# 20->8 recovered (x2), 14->9 change 5 not reliable, 12->2 recovered, 8->8 none,
# 25->30 change -5 none, 30->24 change exactly 6 improved but still clinical.


def _legend(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_pre_post_scatter_higher_is_better_uses_the_lower_side_as_clinical():
    # CSI-4 style (clinical below 13.5): 10->17 recovered, 18->11 deteriorated, 12->16 no change.
    ax = pre_post_scatter([10, 18, 12], [17, 11, 16], cutoff=13.5, reliable_change=5,
                          higher_is="better").axes[0]
    assert _legend(ax)[:3] == ["Recovered (n = 1)", "No reliable change (n = 1)",
                               "Reliably deteriorated (n = 1)"]
    assert ax.get_legend().get_title().get_text() == "Higher scores are better"


def test_pre_post_scatter_rejects_missing_values():
    with pytest.raises(ValueError, match="position 1"):
        pre_post_scatter([1, None], [1, 2], cutoff=11, reliable_change=6)


def test_pre_post_scatter_draws_cutoffs_band_and_categories():
    fig = pre_post_scatter(PRE, POST, cutoff=11, reliable_change=6, score_range=(0, 40))
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert _by_gid(ax, "cutoff-pre").get_xdata()[0] == 11
    assert _by_gid(ax, "cutoff-post").get_ydata()[0] == 11
    identity = _by_gid(ax, "identity")
    assert np.allclose(identity.get_xdata(), identity.get_ydata())
    band = _by_gid(ax, "reliable-band").get_paths()[0].vertices
    # The band's vertical half-width is the reliable-change threshold everywhere.
    left = band[np.isclose(band[:, 0], band[:, 0].min())][:, 1]
    assert np.isclose(left.max() - left.min(), 12)
    legend = _legend(ax)
    assert legend[:3] == ["Recovered (n = 3)", "Reliably improved (n = 1)",
                          "No reliable change (n = 3)"]
    assert "Clinical cut-off (11)" in legend
    # The two identical 20 -> 8 pairs are one marker with a count beside it.
    recovered = _by_gid(ax, "points-recovered")
    assert len(recovered.get_offsets()) == 2
    assert "×2" in _texts(ax)
    markers = {c.get_gid(): c.get_paths()[0].vertices.shape for c in ax.collections
               if (c.get_gid() or "").startswith("points-")}
    assert len(set(markers.values())) == len(markers)  # a different shape per category
    assert ax.get_xlim() == ax.get_ylim()


def test_pre_post_scatter_checks_given_categories():
    with pytest.raises(ValueError, match="unknown change categories"):
        pre_post_scatter([1, 2], [1, 2], cutoff=11, reliable_change=6,
                         categories=["recovered", "better"])
    with pytest.raises(ValueError, match="2 values but there are 3"):
        pre_post_scatter([1, 2, 3], [1, 2, 3], cutoff=11, reliable_change=6,
                         categories=["recovered", "reliably improved"])


# ---------------------------------------------------------------- Likert bars

LEVELS = ["Certainly true", "Partly true", "Not true"]


def _likert_frame() -> pd.DataFrame:
    rows = ([("A", "Certainly true")] * 3 + [("A", "Not true")] * 1
            + [("B", "Certainly true")] * 1 + [("B", "Partly true")] * 1 + [("B", None)]
            + [("C", "Certainly true")] * 4)
    return pd.DataFrame(rows, columns=["item", "response"])


def test_diverging_bar_sorts_by_agreement_and_shows_n():
    ax = diverging_stacked_bar(_likert_frame(), "item", "response", LEVELS).axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # bottom to top: least to most agreement; B's blank answer is not counted in n.
    assert labels == ["B (n\u00a0=\u00a02)", "A (n\u00a0=\u00a04)", "C (n\u00a0=\u00a04)"]
    assert {"75%", "25%", "100%", "50%"} <= set(_texts(ax))
    # Item A (y = 1): "Not true" 25% lies left of zero, "Certainly true" 75% right of zero.
    spans = {(round(p.get_x(), 6), round(p.get_width(), 6)) for p in ax.patches
             if np.isclose(p.get_y() + p.get_height() / 2, 1)}
    assert (0.0, 75.0) in spans and (-25.0, 25.0) in spans
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == LEVELS
    hatches = {p.get_hatch() for p in ax.get_legend().get_patches()}
    assert len(hatches) == 3


def test_diverging_bar_with_counts_and_bad_response():
    counts = pd.DataFrame({"item": ["A", "A", "A"], "response": LEVELS, "k": [2, 2, 0]})
    ax = diverging_stacked_bar(counts, "item", "response", LEVELS, count_col="k").axes[0]
    # Neutral "Partly true" (50%) is split half either side of zero.
    spans = {(round(p.get_x(), 6), round(p.get_width(), 6)) for p in ax.patches
             if p.get_width() > 0}
    assert (-25.0, 50.0) in spans and (25.0, 50.0) in spans
    bad = _likert_frame()
    bad.loc[2, "response"] = "Mostly true"
    with pytest.raises(ValueError, match="column 'response' row 2 has 'Mostly true'"):
        diverging_stacked_bar(bad, "item", "response", LEVELS)


# ---------------------------------------------------------------- category bars


def test_category_bar_labels_counts_and_percentages():
    frame = pd.DataFrame({"category": ["Female", "Male", "Missing"], "n": [24, 20, 2]})
    ax = category_bar(frame).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Missing", "Male", "Female"]
    assert _texts(ax) == ["2 (4%)", "20 (43%)", "24 (52%)"]
    hatched = [p.get_hatch() for p in ax.patches]
    assert hatched == ["///", None, None]
    assert ax.get_title(loc="right") == "Percentages are of 46"


def test_category_bar_sort_and_errors():
    frame = pd.DataFrame({"category": ["a", "Missing", "b"], "n": [1, 5, 3]})
    ax = category_bar(frame, sort=True).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Missing", "a", "b"]
    with pytest.raises(ValueError, match=r"row 1 \('Missing'\) has -5"):
        category_bar(frame.assign(n=[1, -5, 3]))
    with pytest.raises(ValueError, match="smaller than"):
        category_bar(frame, total=4)


# ---------------------------------------------------------------- financial years


def test_financial_year_boundaries():
    dates = pd.Series(pd.to_datetime(["2019-03-31", "2019-04-01", "2020-01-15", None]))
    assert financial_year(dates).tolist()[:3] == ["2018/19", "2019/20", "2019/20"]
    assert pd.isna(financial_year(dates).iloc[3])


def test_yearly_counts_bar_and_line():
    counts = pd.Series([97, 0, 777], index=["2015/16", "2016/17", "2017/18"])
    ax = yearly_counts(counts).axes[0]
    assert [p.get_height() for p in ax.patches] == [97, 0, 777]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2015/16", "2016/17", "2017/18"]
    assert [t.get_text() for t in ax.texts] == ["97", "0", "777"]
    line_ax = yearly_counts(counts.iloc[::-1], kind="line").axes[0]
    assert list(line_ax.lines[0].get_ydata()) == [97, 0, 777]


def test_yearly_counts_marks_part_years_by_pattern_label_and_legend():
    counts = pd.Series([97, 300, 40], index=["2015/16", "2016/17", "2017/18"])
    ax = yearly_counts(counts, part_years=["2015/16", "2017/18"]).axes[0]
    assert [p.get_height() for p in ax.patches] == [97, 300, 40]
    assert [p.get_hatch() for p in ax.patches] == ["///", None, "///"]
    assert [p.get_gid() for p in ax.patches] == ["part-year", None, "part-year"]
    # the part-year bars are open (white), so the pattern and the words carry the meaning
    assert ax.patches[0].get_facecolor()[:3] == (1.0, 1.0, 1.0)
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "2015/16\n(part year)", "2016/17", "2017/18\n(part year)"]
    assert _legend(ax) == ["Whole year", "Part year (records cover only part of it)"]
    line_ax = yearly_counts(counts, kind="line", part_years=["2017/18"],
                            part_year_label="partial year").axes[0]
    part_line = [line for line in line_ax.lines if line.get_gid() == "part-year"]
    assert len(part_line) == 1 and list(part_line[0].get_ydata()) == [40]
    assert part_line[0].get_marker() == "s" and part_line[0].get_markerfacecolor() == "white"
    assert line_ax.get_xticklabels()[2].get_text() == "2017/18\n(partial year)"
    assert _legend(line_ax)[1] == "Partial year (records cover only part of it)"
    # none given: no legend, plain tick labels
    assert yearly_counts(counts).axes[0].get_legend() is None
    with pytest.raises(ValueError, match="2014/15 not among"):
        yearly_counts(counts, part_years=["2014/15"])


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        (pd.Series([1, 2], index=["2015/16", "2017/18"]), "2016/17 missing"),
        (pd.Series([1], index=["2015-16"]), "not a financial year"),
        (pd.Series([1], index=["2015/17"]), "not a financial year"),
        (pd.Series([1.5], index=["2015/16"]), "not a whole number"),
    ],
)
def test_yearly_counts_rejects_bad_input(counts, message):
    with pytest.raises(ValueError, match=message):
        yearly_counts(counts)


def test_the_package_exports_its_interface_from_small_private_modules():
    import importlib
    from pathlib import Path

    import helpers.figures as figures_module

    assert sorted(figures_module.__all__) == sorted([
        "CHANGE_STYLE", "OKABE_ITO", "OKABE_ITO_ORIGINAL", "MISSING_FILL", "BOOK_STYLE", "INK",
        "PRINT_WIDTH", "FIGURE_WIDTH", "MIN_PRINT_PT", "TEXT_PT", "SMALL_PT", "apply_style",
        "new_figure", "contrast_ratio", "text_colour_on", "low_contrast_marks",
        "print_text_sizes", "smallest_print_text", "category_bar", "diverging_stacked_bar",
        "financial_year", "pre_post_scatter", "yearly_counts",
    ])
    functions = {figures_module.pre_post_scatter.__module__,
                 figures_module.diverging_stacked_bar.__module__,
                 figures_module.category_bar.__module__, figures_module.yearly_counts.__module__}
    assert functions == {"helpers.figures._change", "helpers.figures._likert",
                         "helpers.figures._counts"}
    assert figures_module.financial_year.__module__ == "helpers.periods"
    for home in [*functions, "helpers.figures._palette", "helpers.figures._canvas",
                 "helpers.figures._style"]:
        module = importlib.import_module(home)
        assert module.__doc__ and len(Path(module.__file__).read_text().splitlines()) <= 450


# ---------------------------------------------------------------- one style, print size, contrast


def _every_engine_figure() -> dict[str, Figure]:
    counts = pd.Series([97, 800, 1200, 400], index=["2015/16", "2016/17", "2017/18", "2018/19"])
    long_items = pd.DataFrame({
        "item": ["A statement long enough to need wrapping onto two lines"] * 3 + ["Short"] * 3,
        "response": LEVELS * 2, "k": [30, 5, 1, 2, 2, 2]})
    five = ["Strongly agree", "Agree", "Neutral", "Disagree", "Strongly disagree"]
    return {
        "scatter": pre_post_scatter(PRE, POST, cutoff=11, reliable_change=6,
                                    score_range=(0, 40)),
        "scatter-better": pre_post_scatter([10, 18, 12], [17, 11, 16], cutoff=13.5,
                                           reliable_change=5, higher_is="better"),
        "category": category_bar(pd.DataFrame({"category": ["Female", "Missing"], "n": [3, 1]})),
        "category-long": category_bar(pd.DataFrame({
            "category": ["A reason long enough to need two or even three lines of label text",
                         "Short"], "n": [12, 1]}),
            xlabel="Number of therapists naming it as the main reason for ending early"),
        "yearly-bar": yearly_counts(counts, part_years=["2015/16", "2018/19"]),
        "yearly-line": yearly_counts(counts, kind="line", part_years=["2018/19"]),
        "likert-3": diverging_stacked_bar(long_items, "item", "response", LEVELS, count_col="k"),
        "likert-5": diverging_stacked_bar(
            pd.DataFrame({"item": ["x"] * 5, "response": five, "k": [3, 3, 3, 3, 3]}),
            "item", "response", five, count_col="k"),
    }


def test_every_engine_figure_prints_text_of_at_least_9_points_and_is_drawn_at_print_width():
    from helpers.figures import FIGURE_WIDTH, MIN_PRINT_PT, smallest_print_text

    for name, fig in _every_engine_figure().items():
        assert fig.get_figwidth() == pytest.approx(FIGURE_WIDTH), name
        assert smallest_print_text(fig) >= MIN_PRINT_PT - 1e-9, name


def test_every_engine_figure_has_marks_of_at_least_3_to_1_and_readable_labels():
    from helpers.figures import low_contrast_marks

    for name, fig in _every_engine_figure().items():
        assert low_contrast_marks(fig) == [], name


def test_every_palette_colour_used_for_marks_reaches_3_to_1_on_white():
    from helpers.figures import (
        CHANGE_STYLE,
        OKABE_ITO,
        OKABE_ITO_ORIGINAL,
        contrast_ratio,
    )
    from helpers.figures._palette import likert_colours

    used = {**{f"okabe-ito {k}": v for k, v in OKABE_ITO.items()},
            **{f"change {k}": v["color"] for k, v in CHANGE_STYLE.items()},
            **{f"likert {n}/{i}": c for n in range(2, 10) for neutral in (True, False)
               for i, c in enumerate(likert_colours(n, neutral))}}
    low = {name: round(contrast_ratio(colour), 2) for name, colour in used.items()
           if contrast_ratio(colour) < 3.0}
    assert low == {}
    # the published palette fails for exactly the colours the book darkens
    failing = {k for k, v in OKABE_ITO_ORIGINAL.items() if contrast_ratio(v) < 3.0}
    assert failing == {"orange", "sky_blue", "yellow", "grey"}
    changed = {k for k in OKABE_ITO if OKABE_ITO[k] != OKABE_ITO_ORIGINAL[k]}
    assert failing <= changed


def test_contrast_ratio_and_text_colour_follow_wcag():
    from helpers.figures import contrast_ratio, text_colour_on

    assert contrast_ratio("black") == pytest.approx(21.0)
    assert contrast_ratio("white") == pytest.approx(1.0)
    # WCAG's reference grey #767676 is 4.54:1 on white; the order of the colours does not matter
    assert contrast_ratio("#767676") == pytest.approx(4.54, abs=0.005)
    assert contrast_ratio("white", "#767676") == contrast_ratio("#767676", "white")
    assert text_colour_on("#000000") == "white" and text_colour_on("#FFFFFF") == "black"


def test_low_contrast_marks_finds_pale_marks_unless_outlined():
    from helpers.figures import new_figure
    from helpers.figures._style import low_contrast_marks

    fig, ax = new_figure(4, 3)
    ax.bar([0], [1], color="#56B4E9", linewidth=0, gid="pale-bar")  # 2.3:1, no outline
    ax.bar([1], [1], color="#56B4E9", edgecolor="black", linewidth=0.8)  # outlined: passes
    ax.plot([0, 1], [0, 1], color="#BBBBBB", gid="pale-line")
    ax.scatter([0], [0], c="#999999", linewidths=0, gid="pale-points")
    ax.scatter([1], [1], c="#999999", edgecolors="black", linewidths=0.6)  # outlined
    ax.text(0, 0, "faint", color="#AAAAAA")
    problems = low_contrast_marks(fig)
    assert [p.split(":")[0] for p in problems] == [
        "line pale-line", "patch pale-bar", "collection pale-points", "text 'faint'"]


def test_print_size_shrinks_wide_figures_and_new_figure_uses_the_style():
    import matplotlib as mpl

    from helpers.figures import (
        BOOK_STYLE,
        new_figure,
        print_text_sizes,
        smallest_print_text,
    )

    fig, ax = new_figure(11.3, 3)  # saved 11.5 in wide: printed at half size
    ax.set_xlabel("x", fontsize=10)
    assert dict(print_text_sizes(fig))["x"] == pytest.approx(5.0, abs=0.1)
    narrow, ax2 = new_figure(4, 3)
    ax2.set_xlabel("y", fontsize=10)
    assert dict(print_text_sizes(narrow))["y"] == 10.0
    assert smallest_print_text(new_figure(3, 2)[0]) >= 9.0  # tick labels at the style's size
    assert all(mpl.rcParams[k] == v for k, v in BOOK_STYLE.items() if not isinstance(v, str))
    _, grid = new_figure(4, 3, nrows=1, ncols=2)
    assert grid.shape == (2,)
