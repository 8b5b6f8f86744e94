"""Parenting Under Pressure's contribution to the cross-evaluation synthesis.

:func:`pup_effects` gives the before-and-after effects of the four outcomes measured on everyone
in the shape of :data:`helpers.synthesis.EFFECT_COLUMNS` (d_z signed so that positive = improvement:
CORE-10, risk and arguments fall when parents improve; the CSI-4 rises). :func:`pup_stages`
gives how many people reached each stage, from referral to outcome data and interview.
"""

from __future__ import annotations

import pandas as pd

from helpers.pup.analysis import PupAnalysis
from helpers.pup.flow import flow_counts
from helpers.pup.instruments import ARGUMENTS, CORE10, CSI4, RISK
from helpers.pup.outcomes import paired_outcomes
from helpers.pup.voices import interview_sample
from helpers.synthesis import EFFECT_COLUMNS

__all__ = ["EVALUATION_NAME", "pup_effects", "pup_stages"]

#: How the synthesis names this evaluation.
EVALUATION_NAME = "Parenting Under Pressure"
_INSTRUMENTS = {i.key: i for i in (CORE10, RISK, CSI4, ARGUMENTS)}


def pup_effects(paired: pd.DataFrame) -> pd.DataFrame:
    """The four whole-sample outcomes as effects rows (see the module docstring)."""
    outcomes = paired_outcomes(paired)
    rows = []
    for row in outcomes[outcomes["group"] == "all"].itertuples(index=False):
        result, instrument = row.result, _INSTRUMENTS[row.key]
        sign = 1 if instrument.higher_is == "worse" else -1  # differences are pre - post
        low, high = sorted((sign * result.dz_ci_low, sign * result.dz_ci_high))
        rows.append([EVALUATION_NAME, instrument.name, int(result.n), sign * result.dz, low, high])
    return pd.DataFrame(rows, columns=list(EFFECT_COLUMNS))


def pup_stages(view: PupAnalysis) -> pd.DataFrame:
    """People at each stage: ``evaluation``, ``stage``, ``n``, ``unit`` (couples or parents)."""
    flow = flow_counts(view)
    interviewed = interview_sample(view.interviews_detail()).parents
    rows = [
        ("Referred", flow.couples_referred, "couples"),
        ("Began the intervention", flow.parents_entered, "parents"),
        ("Outcome data before and after (consented)", flow.parents_post_consented, "parents"),
        ("Interviewed afterwards", interviewed, "parents"),
    ]
    return pd.DataFrame([(EVALUATION_NAME, s, int(n), u) for s, n, u in rows],
                        columns=["evaluation", "stage", "n", "unit"])
