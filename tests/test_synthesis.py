"""The two evaluations side by side: effects in one shape, words at 0, 1 and many, a readable plot."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.figures import MIN_PRINT_PT, smallest_print_text
from helpers.pairs.data import load_pairs
from helpers.pairs.synthesis import pairs_effects, pairs_stages
from helpers.pup.data import load_pup
from helpers.pup.synthesis import pup_effects, pup_stages
from helpers.synthesis import (
    EFFECT_COLUMNS, combine_effects, combine_stages, effects_forest, effects_sentence,
)


@pytest.fixture(scope="module")
def effects():
    view = load_pup().analysis()
    return combine_effects([pup_effects(view.paired()), pairs_effects(load_pairs())])


def test_effects_on_the_shipped_data_are_signed_as_improvements(effects):
    pup = effects[effects["evaluation"] == "Parenting Under Pressure"].set_index("measure")
    assert list(pup.index) == ["CORE-10", "Risk (CORE)", "CSI-4", "Arguments"]
    assert pup.loc["CORE-10", "dz"] == pytest.approx(0.679, abs=0.001)  # fell: positive
    assert pup.loc["CSI-4", "dz"] == pytest.approx(0.390, abs=0.001)  # rose: positive too
    assert (pup["n"] == 17).all()
    tt = effects[effects["evaluation"] == "PAIRS (Together Time)"]
    assert tt["n"].tolist() == [59, 59, 76, 28]
    assert (effects["dz_low"] <= effects["dz"]).all() and (effects["dz"] <= effects["dz_high"]).all()


def test_the_sentence_reads_at_zero_one_and_many():
    rows = [["A", "x", 17, 0.7, 0.1, 1.2], ["A", "y", 17, 0.8, 0.2, 1.3],
            ["B", "z", 9, 0.1, -0.3, 0.5], ["C", "w", 9, 0.3, 0.05, 0.5]]
    text = effects_sentence(pd.DataFrame(rows, columns=EFFECT_COLUMNS))
    assert text == ("A: both outcomes improved with a 95% interval wholly above zero "
                    "(estimates medium to large). B: its one outcome did not improve with a 95% "
                    "interval wholly above zero (estimate negligible). C: the one outcome "
                    "improved with a 95% interval wholly above zero (estimate small).")
    none = effects_sentence(pd.DataFrame([["A", "x", 5, 0.1, -0.2, 0.4], ["A", "y", 5, 0.1, -0.2, 0.4]],
                                         columns=EFFECT_COLUMNS))
    assert none.startswith("A: neither outcome improved")


def test_a_frame_without_the_columns_or_with_a_broken_interval_is_refused():
    with pytest.raises(KeyError, match="lacks"):
        combine_effects([pd.DataFrame({"evaluation": ["A"]})])
    bad = pd.DataFrame([["A", "x", 5, 0.9, 0.1, 0.5]], columns=EFFECT_COLUMNS)
    with pytest.raises(ValueError, match="excludes its estimate"):
        combine_effects([bad])


def test_the_forest_plot_prints_no_text_below_the_minimum(effects):
    fig = effects_forest(effects)
    assert smallest_print_text(fig) >= MIN_PRINT_PT
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0] == "Parenting Under Pressure" and "CORE-10 (n = 17)" in labels


def test_stages_on_the_shipped_data():
    stages = combine_stages([pup_stages(load_pup().analysis()), pairs_stages(load_pairs())])
    got = dict(zip(stages["stage"], stages["n"]))
    assert got["Referred"] == 71 and got["Outcome data before and after (consented)"] == 17
    assert got["Referred to parent–infant psychotherapy"] == 358
    assert got["Together Time parents with MORS-SF before and after"] == 59
