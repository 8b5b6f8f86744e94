"""Every figure the PAIRS chapters draw prints its text at the book's minimum size or more."""

from __future__ import annotations

import pytest

from helpers.figures import MIN_PRINT_PT, smallest_print_text
from helpers.pairs.appointment_years import appointment_years, appointments_figure
from helpers.pairs.data import load_pairs
from helpers.pairs.deprivation import imd_by_service, imd_figure
from helpers.pairs.derived import pip_outcomes_scored
from helpers.pairs.pip_outcomes import pip_mors_by_window, pip_mors_figure
from helpers.pairs.tt_display import tt_effects_figure
from helpers.pairs.tt_outcomes import tt_paired_outcomes
from helpers.pairs.voices import theme_counts, themes_figure


@pytest.fixture(scope="module")
def data():
    return load_pairs()


BUILDERS = {
    "appointments": lambda d: appointments_figure(appointment_years(d)),
    "deprivation": lambda d: imd_figure(imd_by_service(d)),
    "mors": lambda d: pip_mors_figure(pip_outcomes_scored(d),
                                      pip_mors_by_window(pip_outcomes_scored(d))),
    "effects": lambda d: tt_effects_figure(tt_paired_outcomes(d)),
    "themes": lambda d: themes_figure(theme_counts(d)),
}


@pytest.mark.parametrize("name", BUILDERS)
def test_no_text_prints_below_the_minimum(data, name):
    assert smallest_print_text(BUILDERS[name](data)) >= MIN_PRINT_PT - 1e-9
