"""The public edition's disclosure rule on hand-made tables, sentences and figures, and its switch.

Expected values are worked by hand from NHS Digital's small-number rule: counts 1-7 shown as *,
others rounded to the nearest 5, statistics of a suppressed group withheld, and secondary
suppression wherever a total (or a count's denominator) would reveal a suppressed cell.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from great_tables import GT

from helpers import disclosure
from helpers.book.project import quarto_config
from helpers.disclosure import NHS_DIGITAL as RULE

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def public(monkeypatch):
    monkeypatch.setenv(disclosure.EDITION_VARIABLE, "public")
    disclosure.clear_ledger()
    yield
    disclosure.clear_ledger()


@pytest.fixture
def internal(monkeypatch):
    monkeypatch.delenv(disclosure.EDITION_VARIABLE, raising=False)
    monkeypatch.delenv("QUARTO_PROFILE", raising=False)


def _cells(shown) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", shown._repr_html_())


# --- the switch --------------------------------------------------------------------------------

def test_the_edition_is_internal_unless_switched():
    assert disclosure.edition({}) == "internal"
    assert disclosure.edition({"EVAL_EDITION": "Public "}) == "public"
    assert disclosure.edition({"QUARTO_PROFILE": "public,book"}) == "public"
    assert disclosure.edition({"EVAL_EDITION": "internal", "QUARTO_PROFILE": "public"}) == "internal"
    with pytest.raises(ValueError, match="EVAL_EDITION='draft'"):
        disclosure.edition({"EVAL_EDITION": "draft"})
    with pytest.raises(ValueError, match="known rules"):
        disclosure.active_rule({"EVAL_EDITION": "public", "EVAL_DISCLOSURE_RULE": "nope"})


def test_the_public_profile_sets_the_switch_for_the_kernel():
    env = dict(line.split("=", 1) for line in
               (ROOT / "_environment-public").read_text().splitlines()
               if line.strip() and not line.startswith("#"))
    assert disclosure.edition(env) == "public"
    config = quarto_config(ROOT, "public")
    assert config["execute"]["freeze"] is False  # nothing frozen by the internal edition reused
    assert config["project"]["output-dir"] == "_book-public"
    assert config["book"]["chapters"] == quarto_config(ROOT)["book"]["chapters"]


# --- the rule on single counts -----------------------------------------------------------------

def test_primary_suppression_and_rounding():
    assert [RULE.text(n) for n in (0, 1, 7, 8, 10, 12, 13, 17, 18, 1002)] == \
        ["0", "*", "*", "10", "10", "10", "15", "15", "20", "1,000"]
    assert RULE.words(3) == "fewer than 8" and RULE.words(23) == "25"
    with pytest.raises(ValueError, match="whole number"):
        RULE.text(2.5)


def test_a_count_and_its_denominator():
    # the count small; the rest small (the denominator would reveal it); the denominator small
    assert disclosure.count_pair(3, 40) == (None, 40)
    assert disclosure.count_pair(36, 40) == (None, 40)
    assert disclosure.count_pair(0, 4) == (0, None)
    assert disclosure.count_pair(4, 4) == (None, None)
    assert disclosure.count_pair(20, 40) == (20, 40)


# --- secondary suppression on hand-made tables ---------------------------------------------------

def test_a_total_would_reveal_a_single_suppressed_cell():
    # 3 + 20 + 12 = 35: with 3 hidden, 35 - 20 - 12 gives it back, so 12 goes too (sum 15 > 7)
    values = {"a": 3, "b": 20, "c": 12, "total": 35}
    assert disclosure.suppress_lines(values, [(["a", "b", "c"], "total")]) == {"a", "c"}


def test_two_small_cells_are_not_enough_when_their_sum_is_small():
    # 2 and 3 hidden together still give 5 = 40 - 35; the next smallest (15) is hidden too
    values = {"a": 2, "b": 3, "c": 15, "d": 20, "t": 40}
    assert disclosure.suppress_lines(values, [(["a", "b", "c", "d"], "t")]) == {"a", "b", "c"}


def test_zero_cells_are_never_used_to_protect_and_a_small_total_is_hidden():
    assert disclosure.suppress_lines({"a": 0, "b": 4, "t": 4}, [(["a", "b"], "t")]) == {"b", "t"}
    # only one non-zero cell: nothing else to hide, so the total goes
    assert disclosure.suppress_lines({"a": 0, "b": 5, "c": 0, "t": 5},
                                     [(["a", "b", "c"], "t")]) == {"b", "t"}
    assert disclosure.suppress_lines({"a": 9, "b": 0, "t": 9}, [(["a", "b"], "t")]) == set()


def test_a_two_way_table_with_margins():
    # McNemar-style 2 x 2 with totals: the 6 forces its row and column partners, which force
    # the fourth interior cell; the margins stay
    v = {(0, 0): 10, (0, 1): 9, (0, 2): 19, (1, 0): 6, (1, 1): 34, (1, 2): 40,
         (2, 0): 16, (2, 1): 43, (2, 2): 59}
    lines = [([(r, 0), (r, 1)], (r, 2)) for r in range(3)] + \
            [([(0, c), (1, c)], (2, c)) for c in range(3)]
    assert disclosure.suppress_lines(v, lines) == {(0, 0), (0, 1), (1, 0), (1, 1)}


def test_show_table_applies_the_rule_and_withholds_percentages(public):
    from helpers.tables import count_table_gt, show_table

    frame = pd.DataFrame({"category": ["A", "B", "C", "Missing"], "n": [3, 20, 12, 0]})
    shown = show_table(count_table_gt(frame, population="parents"))
    data = shown.gt._tbl_data
    assert data["n"].tolist() == ["*", "20", "*", "0", "35"]
    assert data["percent"].tolist() == ["*", "57", "*", "0", "100"]
    assert shown.gt._source_notes[-1] == RULE.note


def test_count_notes_leave_the_counts_to_the_missing_and_total_rows(public):
    from helpers.counts import count_table
    from helpers.tables import count_table_gt

    frame = pd.DataFrame({"category": ["A", "B", "Missing"], "n": [3, 20, 9]})
    assert count_table_gt(frame, population="parents")._source_notes == [
        "Percentages are of all parents, including those with no answer (Missing)."]
    assert count_table_gt(frame, population="parents", percent_of="answered")._source_notes == [
        "Percentages are of the parents who answered (Total less Missing)."]
    values = ["a"] * 3 + [None] * 9
    assert count_table(values, order=["a"]).attrs["denominator"] == (
        "percentages of the valid responses (Missing not included)")
    assert count_table(values, order=["a"], denominator="all").attrs["denominator"] == (
        "percentages of all records, Missing included")


def test_show_table_withholds_the_statistics_of_a_small_group(public):
    from helpers.tables import show_table

    frame = pd.DataFrame({"measure": ["All", "Fathers"], "n": [17, 6],
                          "mean": ["14.2 (7.6)", "13.2 (6.3)"], "p": [0.013, 0.029]})
    cells = _cells(show_table(GT(frame).fmt_number(columns="p", decimals=3)))
    assert cells[:8] == ["All", "15", "14.2 (7.6)", "0.013", "Fathers", "*", "*", "*"]


def test_show_table_keeps_counts_of_other_things(public):
    from helpers.tables import show_table

    frame = pd.DataFrame({"measure": ["CSI-4"], "items": [4], "n": [5]})
    assert _cells(show_table(GT(frame).cols_label(items="Items")))[:3] == ["CSI-4", "4", "*"]


def test_text_composed_outside_the_engine_gets_primary_suppression():
    assert disclosure.redact_text("Yes: 6 of 8 (75%); No: 2 of 8 (25%)") == "Yes: * of 8; No: * of 8"
    assert disclosure.redact_text("Refused (n = 4); kept (n = 17)") == "Refused (n = *); kept (n = 17)"
    assert disclosure.redact_text("95% CI [1.1, 7.6], t(16) = 2.80, CORE-10 (10%)") == \
        "95% CI [1.1, 7.6], t(16) = 2.80, CORE-10 (10%)"


# --- prose at 0, 1 and many ------------------------------------------------------------------------

def test_words_at_zero_one_and_many(public):
    from helpers.words import count_of, count_phrase, number_word, plural, verb

    assert [count_phrase(n, "parent") for n in (0, 1, 17)] == \
        ["no parents", "fewer than 8 parents", "15 parents"]
    assert count_phrase(1, "parent", start=True) == "Fewer than 8 parents"
    assert [count_phrase(n, "outcome") for n in (0, 1, 4)] == \
        ["no outcomes", "one outcome", "four outcomes"]  # not people: as they are
    assert (plural("parent", 1), verb("was", 1), verb("was", 1, count=False)) == \
        ("parents", "were", "was")
    assert (number_word(3), number_word(3, count=False), number_word(12, start=True)) == \
        ("fewer than 8", "three", "Ten")
    assert [count_of(k, 44, "parent") for k in (0, 1, 38, 20)] == [
        "none of the 45 parents", "fewer than 8 of the 45 parents",
        "all but fewer than 8 of the 45 parents", "20 of the 45 parents"]
    assert count_of(1, 4, "outcome") == "one of the four outcomes"


def test_formatting_in_the_public_edition(public):
    from helpers.formatting import integer, pct

    assert [integer(n) for n in (0, 3, 17, 1234)] == ["0", "&#42;", "15", "1,235"]
    assert integer(6, count=False) == "6"
    assert [pct(k, 44) for k in (0, 3, 38, 20)] == \
        ["0 of 45 (0%)", "&#42; of 45", "&#42; of 45", "20 of 45 (45%)"]
    assert pct(2, 5) == "&#42; of &#42;"
    assert pct(5, 8, people=False) == "5 of 8 (63%)"  # a worked example, not people
    assert disclosure.small_counts(disclosure.ledger()) == []


def test_results_of_a_small_group_are_withheld(public):
    from helpers.formatting import apa_t, prose_paired
    from helpers.stats.paired import paired_comparison as paired_test

    small = paired_test(np.array([10.0, 12, 9, 14, 11]), np.array([8.0, 9, 9, 10, 7]))
    assert apa_t(small) == "t test withheld (fewer than 8 pairs)"
    assert prose_paired(small, "CORE-10") == \
        "CORE-10 scores are withheld: the group has fewer than 8 pairs"
    large = paired_test(np.arange(20.0) + 5, np.arange(20.0) % 7)
    assert prose_paired(large, "CORE-10").endswith("(20 pairs)")


def test_the_internal_edition_is_unchanged(internal):
    from helpers.formatting import integer, pct
    from helpers.qualitative import speaker_labels
    from helpers.words import count_phrase

    assert (integer(3), pct(3, 44), count_phrase(1, "parent")) == ("3", "3 of 44 (7%)", "one parent")
    labels = speaker_labels(pd.DataFrame({"id": ["P1"], "role": ["father"], "family": [3]}),
                            id_col="id", role_col="role", group_col="family")
    assert labels.tolist() == ["Father, family 3"]


# --- identifiers and figures ------------------------------------------------------------------------

def test_excerpt_attributions_are_generalised(public):
    from helpers.qualitative import excerpt_gt, generalise_speaker, speaker_labels

    labels = speaker_labels(pd.DataFrame({"id": ["P1", "P2"], "role": ["father", "mother"],
                                          "family": [3, 3]}),
                            id_col="id", role_col="role", group_col="family")
    assert labels.tolist() == ["Father", "Mother"]
    assert generalise_speaker("Mother, couple 12") == "Mother"
    table = pd.DataFrame({"theme": ["T"], "excerpt": ["x"], "speaker": ["Father, family 3"]})
    assert excerpt_gt(table, note="n").\
        _tbl_data["speaker"].tolist() == ["Father"]


def test_figures_show_no_small_count(public):
    from matplotlib.text import Text

    from helpers.figures import category_bar
    from helpers.figures._canvas import public_figure

    fig = category_bar(pd.DataFrame({"category": ["A", "B"], "n": [3, 17]}))
    texts = [t.get_text() for t in public_figure(fig).findobj(Text) if t.get_text()]
    assert "*" in texts and "15 (85%)" in texts and "Percentages are of 20" in texts
    bars = sorted(p.get_width() for p in fig.axes[0].patches)
    assert bars == [0, 15]  # no bar tells the length the label withholds
    assert ("figure", "*") in disclosure.texts()
