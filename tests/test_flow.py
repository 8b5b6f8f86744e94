"""Tests of the participant-flow diagram and its alt text."""

from __future__ import annotations

import doctest

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import helpers.flow as flow_module  # noqa: E402
from helpers.flow import FlowStep, flow_alt_text, flow_diagram, flow_problems  # noqa: E402

NBSP = "\u00a0"

STEPS = [
    FlowStep("Couples referred", 71, [("Not suitable", 31)]),
    FlowStep("Couples offered the intervention", 40),
    FlowStep("Parents who entered the intervention", 46,
             [("No post questionnaire", 25), ("Refused consent", 4)]),
    FlowStep("Parents with consented pre and post questionnaires", 17),
]


def _by_gid(ax, prefix: str) -> dict[str, object]:
    return {a.get_gid(): a for a in ax.get_children() if (a.get_gid() or "").startswith(prefix)}


def _text(ax, gid: str) -> str:
    return next(t.get_text() for t in ax.texts if t.get_gid() == gid).replace(NBSP, " ")


def test_flow_diagram_boxes_texts_and_arrows():
    fig = flow_diagram(STEPS)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    patches = {p.get_gid() for p in ax.patches}
    assert {f"step-{i}" for i in range(4)} <= patches
    assert {"exclusion-0", "exclusion-2"} == {g for g in patches if g.startswith("exclusion-")}
    assert {"arrow-0", "arrow-1", "arrow-2", "arrow-exclusion-0", "arrow-exclusion-2"} == {
        g for g in patches if g.startswith("arrow")}
    assert _text(ax, "step-0-text") == "Couples referred"
    assert _text(ax, "step-0-count") == "(n = 71)"
    assert _text(ax, "step-3-count") == "(n = 17)"
    assert _text(ax, "exclusion-0-text") == "Not suitable (n = 31)"
    assert _text(ax, "exclusion-2-text") == ("Excluded (n = 29)\n• No post questionnaire\n"
                                             "  (n = 25)\n• Refused consent (n = 4)")


def test_flow_diagram_stacks_boxes_downwards_and_side_boxes_sit_between():
    ax = flow_diagram(STEPS).axes[0]
    boxes = {p.get_gid(): p for p in ax.patches}
    tops = [boxes[f"step-{i}"].get_y() for i in range(4)]
    assert tops == sorted(tops)  # y grows downwards (inverted axis)
    side = boxes["exclusion-0"]
    first_bottom = boxes["step-0"].get_y() + boxes["step-0"].get_height()
    assert first_bottom < side.get_y()
    assert side.get_y() + side.get_height() < boxes["step-1"].get_y()
    assert side.get_x() > boxes["step-0"].get_x() + boxes["step-0"].get_width()


def test_long_labels_wrap_but_counts_stay_whole():
    step = FlowStep("Parents who completed a post-intervention questionnaire and consented", 21,
                    [("Declined to have their post-intervention answers analysed", 4)])
    ax = flow_diagram([step]).axes[0]
    assert "\n" in _text(ax, "step-0-text")
    side = _text(ax, "exclusion-0-text")
    assert "\n" in side and "(n = 4)" in side.splitlines()[-1]


def test_flow_problems_and_strict_mode():
    problems = flow_problems(STEPS)
    assert problems == [
        "'Couples offered the intervention' (40) minus 0 excluded is 40, but "
        "'Parents who entered the intervention' has 46."
    ]
    with pytest.raises(ValueError, match="do not add up"):
        flow_diagram(STEPS, strict=True)
    consistent = [FlowStep("A", 10, [("x", 3)]), FlowStep("B", 7)]
    assert flow_problems(consistent) == []
    flow_diagram(consistent, strict=True)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"label": "A", "n": -1}, "negative"),
        ({"label": "A", "n": 2.5}, "not a whole number"),
        ({"label": " ", "n": 2}, "label is empty"),
        ({"label": "A", "n": 2, "exclusions": [("x", -3)]}, r"exclusion 0 \('x'\) n .* negative"),
        ({"label": "A", "n": 2, "exclusions": [("x",)]}, "not a \\(reason, n\\) pair"),
    ],
)
def test_flow_step_rejects_bad_counts(kwargs, message):
    with pytest.raises(ValueError, match=message):
        FlowStep(**kwargs)


def test_flow_diagram_needs_steps():
    with pytest.raises(ValueError, match="no steps"):
        flow_diagram([])


def test_alt_text_describes_every_box():
    text = flow_alt_text(STEPS)
    assert text.startswith("Participant flow diagram in 4 stages, top to bottom.")
    for piece in ("Stage 1: Couples referred, n = 71.",
                  "Leaving after stage 1: 31 (Not suitable, 31).",
                  "Stage 2: Couples offered the intervention, n = 40.",
                  "Leaving after stage 3: 29 (No post questionnaire, 25; Refused consent, 4).",
                  "Stage 4: Parents with consented pre and post questionnaires, n = 17."):
        assert piece in text
    assert text.count("Stage ") == 4


def test_module_examples():
    result = doctest.testmod(flow_module)
    assert result.attempted >= 1 and result.failed == 0


def test_the_diagram_prints_no_text_below_the_book_minimum():
    from helpers.figures import FIGURE_WIDTH, MIN_PRINT_PT, smallest_print_text
    from helpers.flow import FlowStep, flow_diagram

    fig = flow_diagram([FlowStep("Couples referred to the service by any route", 71,
                                 [("Not suitable for a reason given at screening", 31)]),
                        FlowStep("Couples offered the intervention", 40)])
    assert fig.get_size_inches()[0] == FIGURE_WIDTH
    assert smallest_print_text(fig) >= MIN_PRINT_PT


def test_public_edition_counts_follow_the_rule_in_the_alt_text_and_the_diagram(monkeypatch):
    monkeypatch.setenv("EVAL_EDITION", "public")
    text = flow_alt_text(STEPS)
    for piece in ("Stage 1: Couples referred, n = 70.",  # 71 to the nearest 5
                  "Leaving after stage 1: 30 (Not suitable, 30).",
                  "Leaving after stage 3: 30 (No post questionnaire, 25; Refused consent, &#42;).",
                  "Stage 4: Parents with consented pre and post questionnaires, n = 15."):
        assert piece in text
    assert "Stage 3: Parents who entered the intervention, n = 45." in text  # 46 rounded
    ax = flow_diagram(STEPS).axes[0]
    assert _text(ax, "step-0-count") == "(n = 70)"
    assert _text(ax, "exclusion-2-text") == ("Excluded (n = 30)\n• No post questionnaire\n"
                                             "  (n = 25)\n• Refused consent (n = *)")


def test_internal_edition_counts_are_exact(monkeypatch):
    monkeypatch.delenv("EVAL_EDITION", raising=False)
    monkeypatch.delenv("QUARTO_PROFILE", raising=False)
    assert "Refused consent, 4)." in flow_alt_text(STEPS)
    assert _text(flow_diagram(STEPS).axes[0], "step-0-count") == "(n = 71)"
