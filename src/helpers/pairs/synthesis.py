"""PAIRS's contribution to the cross-evaluation synthesis.

:func:`pairs_effects` gives the Together Time before-and-after effects of the report's four
measures in the shape of :data:`helpers.synthesis.EFFECT_COLUMNS` (d_z signed so that positive =
improvement). Parent–infant psychotherapy has no before-and-after pairs on a common footing
(its measures were taken at different points of therapy), so it contributes none.
:func:`pairs_stages` gives how many people reached each stage.
"""

from __future__ import annotations

import pandas as pd

from helpers.pairs.data import PairsData
from helpers.pairs.findings import pairs_findings
from helpers.pairs.tt_outcomes import tt_paired_outcomes
from helpers.synthesis import EFFECT_COLUMNS

__all__ = ["EVALUATION_NAME", "pairs_effects", "pairs_stages"]

#: How the synthesis names this evaluation.
EVALUATION_NAME = "PAIRS (Together Time)"


def pairs_effects(data: PairsData) -> pd.DataFrame:
    """The report's four Together Time measures as effects rows (see the module docstring)."""
    outcomes = tt_paired_outcomes(data)
    report = outcomes[outcomes["family"] == "report"]
    return pd.DataFrame({
        "evaluation": EVALUATION_NAME, "measure": report["measure"].to_numpy(),
        "n": report["n"].astype(int).to_numpy(), "dz": report["improvement_dz"].to_numpy(),
        "dz_low": report["improvement_dz_low"].to_numpy(),
        "dz_high": report["improvement_dz_high"].to_numpy(),
    }, columns=list(EFFECT_COLUMNS))


def pairs_stages(data: PairsData) -> pd.DataFrame:
    """People at each stage of the psychotherapy and Together Time routes."""
    f = pairs_findings(data)
    paired, with_data = f.tt_paired
    rows = [
        ("Referred to parent–infant psychotherapy", f.referred, "referrals"),
        ("Accepted", f.accepted, "referrals"),
        ("Psychotherapy clients with any outcome record", f.pip_clients, "adults"),
        ("Together Time parents with any data", with_data, "adults"),
        ("Together Time parents with MORS-SF before and after", paired, "adults"),
        ("Parents interviewed or in the focus group", f.parents, "parents"),
    ]
    return pd.DataFrame([("PAIRS", s, int(n), u) for s, n, u in rows],
                        columns=["evaluation", "stage", "n", "unit"])
