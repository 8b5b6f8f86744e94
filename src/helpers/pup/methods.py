"""Logic behind the Parenting Under Pressure chapter "Introduction and methods".

* :data:`PROGRAMME` - the planned numbers of the project plan (targets, not results) - and
  :data:`CLINICIAN_GROUPS`, who delivered the therapy;
* :func:`analysis_settings` - the settings of the pre-specified analysis, read from the code that
  applies them;
* :func:`measures_frame` / :func:`measures_gt` - the measures table, computed from the
  :class:`~helpers.scoring.Instrument` objects, never typed.

Sources: planned numbers and the measures are described in Hewison & Zhong (2020), sections 1.1,
1.2 and 2.3; scoring rules are cited in :mod:`helpers.pup.instruments`.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from great_tables import GT

from helpers.formatting import number
from helpers.pup.instruments import (
    CORE10,
    CORE10_RELIABLE_CHANGE,
    CSI4,
    OUTCOME_MEASURES,
    SATISFACTION,
)
from helpers.scoring import Instrument
from helpers.stats.multiplicity import adjust_pvalues
from helpers.stats.paired import EXACT_MAX_N, PERMUTATION_MAX_N, paired_comparison
from helpers.words import join_words

__all__ = [
    "EN_DASH",
    "ProgrammePlan",
    "PROGRAMME",
    "CLINICIAN_GROUPS",
    "N_CLINICIANS",
    "AnalysisSettings",
    "analysis_settings",
    "WilcoxonLimits",
    "wilcoxon_limits",
    "item_range_text",
    "score_range_text",
    "measures_frame",
    "measures_gt",
]

#: The dash of ranges ("6–10").
EN_DASH = "\u2013"

# --------------------------------------------------------------------------------------------
# Programme design
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammePlan:
    """Numbers the project *planned* (targets, not results), from the project plan.

    Source: Hewison & Zhong (2020), section 1.1 (aims 2 and 3) and section 1.2 (therapy length).

    Attributes
    ----------
    couples : int
        Parental couples the project aimed to work with.
    parents : int
        Parents in those couples (two per couple).
    practitioners_trained : int
        Practitioners to be trained in the mentalization-based approach.
    practitioners_camhs : int
        Of those, practitioners from local child and adolescent mental health services.
    sessions_min, sessions_max : int
        Planned number of therapy sessions after assessment (inclusive range).
    months : int
        Length of the grant-funded project in months.
    """

    couples: int = 40
    parents: int = 80
    practitioners_trained: int = 80
    practitioners_camhs: int = 20
    sessions_min: int = 6
    sessions_max: int = 10
    months: int = 12

    @property
    def sessions_text(self) -> str:
        """Planned sessions as a range, e.g. ``"6–10"``."""
        return f"{self.sessions_min}{EN_DASH}{self.sessions_max}"


#: The plan of the Harrow project.
PROGRAMME = ProgrammePlan()

#: Therapists who delivered the intervention, by the organisation they came from
#: (Hewison & Zhong 2020, section 1.3). A description of the service, not a result.
CLINICIAN_GROUPS: dict[str, int] = {
    "Tavistock Relationships (graduates experienced in couple work)": 7,
    "Asian Family Counselling Service": 4,
    "Harrow Early Support Service": 1,
}
#: Therapists in all.
N_CLINICIANS: int = sum(CLINICIAN_GROUPS.values())


@dataclass(frozen=True)
class AnalysisSettings:
    """Settings of the pre-specified analysis, read from the code that applies them.

    Attributes
    ----------
    confidence : float
        Level of every interval (proportion; 0.95 = 95%), the default of
        :func:`helpers.stats.paired.paired_comparison`.
    adjustment : str
        p-value adjustment across the family of outcomes (``"holm"``, Holm 1979), the default of
        :func:`helpers.stats.multiplicity.adjust_pvalues`.
    outcomes : tuple[str, ...]
        Display names of the outcome family, in the order of the report's Table 1.
    core10_cutoff : float
        CORE-10 clinical cut-off in score points (scores at or above it are in the clinical range).
    core10_reliable_change : int
        CORE-10 reliable-change threshold in score points.
    csi4_cutoff : float
        CSI-4 score below which a relationship counts as dissatisfied.
    higher_worse, higher_better : tuple[str, ...]
        Display names of the outcomes on which a higher score is worse / better.
    """

    confidence: float
    adjustment: str
    outcomes: tuple[str, ...]
    core10_cutoff: float
    core10_reliable_change: int
    csi4_cutoff: float

    higher_worse: tuple[str, ...] = ()
    higher_better: tuple[str, ...] = ()

    @property
    def outcomes_text(self) -> str:
        """The outcome names as an English list: ``"A, B, C and D"``."""
        return join_words(list(self.outcomes))

    @property
    def higher_worse_text(self) -> str:
        """Outcomes on which a higher score is worse, as a list (``higher_worse``)."""
        return join_words(list(self.higher_worse))

    @property
    def higher_better_text(self) -> str:
        """Outcomes on which a higher score is better, as a list (``higher_better``)."""
        return join_words(list(self.higher_better))


def analysis_settings() -> AnalysisSettings:
    """The analysis settings in force (see :class:`AnalysisSettings`), so prose cannot drift from code."""
    confidence = inspect.signature(paired_comparison).parameters["confidence"].default
    adjustment = inspect.signature(adjust_pvalues).parameters["method"].default
    if CSI4.cutoff is None or CORE10.cutoff is None:  # pragma: no cover - fixed definitions
        raise ValueError("CORE-10 and CSI-4 must define a cut-off")
    return AnalysisSettings(
        confidence=float(confidence),
        adjustment=str(adjustment),
        outcomes=tuple(m.name for m in OUTCOME_MEASURES),
        core10_cutoff=float(CORE10.cutoff),
        core10_reliable_change=int(CORE10_RELIABLE_CHANGE),
        csi4_cutoff=float(CSI4.cutoff),
        higher_worse=tuple(m.name for m in OUTCOME_MEASURES if m.higher_is == "worse"),
        higher_better=tuple(m.name for m in OUTCOME_MEASURES if m.higher_is == "better"),
    )


@dataclass(frozen=True)
class WilcoxonLimits:
    """Largest numbers of non-zero changes for which the signed-rank p-value is exact.

    Attributes
    ----------
    exact : int
        Without ties or zero changes: the exact null distribution up to this many changes.
    conditional : int
        With ties or zero changes: the exact distribution given the observed ranks (every sign
        pattern enumerated) up to this many changes; above either limit, the normal
        approximation.
    """

    exact: int
    conditional: int


def wilcoxon_limits() -> WilcoxonLimits:
    """The limits of :class:`WilcoxonLimits`, the constants
    :func:`helpers.stats.paired.paired_comparison` branches on, so the methods text cannot drift
    from the code."""
    return WilcoxonLimits(exact=EXACT_MAX_N, conditional=PERMUTATION_MAX_N)


# --------------------------------------------------------------------------------------------
# Measures table
# --------------------------------------------------------------------------------------------


def _fmt(x: float) -> str:
    """A score bound without needless decimals: 0 -> "0", 13.5 -> "13.5", 1.0 -> "1"."""
    return number(x, 0) if float(x).is_integer() else number(x, 1)


def item_range_text(instrument: Instrument) -> str:
    """Response range of the items, e.g. ``"0–4"``; where items differ, each run of items is named.

    Examples
    --------
    CSI-4 has one item scored 0-6 and three scored 0-5: ``"0–6 (item 1); 0–5 (items 2–4)"``.
    """
    runs: list[tuple[tuple[int, int], list[int]]] = []
    for position, item in enumerate(instrument.items, start=1):
        span = (item.minimum, item.maximum)
        if runs and runs[-1][0] == span:
            runs[-1][1].append(position)
        else:
            runs.append((span, [position]))
    if len(runs) == 1:
        (lo, hi), _ = runs[0]
        return f"{lo}{EN_DASH}{hi}"
    parts = []
    for (lo, hi), positions in runs:
        which = (f"item {positions[0]}" if len(positions) == 1
                 else f"items {positions[0]}{EN_DASH}{positions[-1]}")
        parts.append(f"{lo}{EN_DASH}{hi} ({which})")
    return "; ".join(parts)


def score_range_text(instrument: Instrument) -> str:
    """Range of the score and how it is formed, e.g. ``"0–40 (sum)"`` or ``"0–3 (item mean)"``."""
    lo, hi = instrument.score_range
    how = "sum" if instrument.combine == "sum" else "item mean"
    return f"{_fmt(lo)}{EN_DASH}{_fmt(hi)} ({how})"


def _cutoff_text(instrument: Instrument) -> str:
    if instrument.cutoff is None:
        return EN_DASH
    text = instrument.cutoff_rule or f"cut-off {_fmt(instrument.cutoff)}"
    if instrument is CORE10:
        text += f"; reliable change = a fall of {CORE10_RELIABLE_CHANGE} points or more"
    return text


def _missing_text(instrument: Instrument) -> str:
    if instrument.max_missing == 0:
        return "none (any missing item: no score)"
    return f"up to {instrument.max_missing} (score prorated)"


def measures_frame(
    instruments: Sequence[Instrument] = (*OUTCOME_MEASURES, SATISFACTION),
) -> pd.DataFrame:
    """One row per instrument, every cell derived from the :class:`Instrument` definition.

    Parameters
    ----------
    instruments : sequence of Instrument
        Default: the four pre/post outcome measures in the order of the report's Table 1, then the
        service-satisfaction questionnaire.

    Returns
    -------
    DataFrame
        Columns ``instrument``, ``items`` (int), ``item_range``, ``score_range``, ``higher_is``
        (``"worse"`` / ``"better"``), ``cutoff``, ``missing_items`` (prorating rule),
        ``reference``. Ranges are in raw response units.
    """
    if not instruments:
        raise ValueError("measures_frame: no instruments given")
    rows = [
        {
            "instrument": instr.name,
            "items": len(instr.items),
            "item_range": item_range_text(instr),
            "score_range": score_range_text(instr),
            "higher_is": instr.higher_is,
            "cutoff": _cutoff_text(instr),
            "missing_items": _missing_text(instr),
            "reference": instr.reference or EN_DASH,
        }
        for instr in instruments
    ]
    return pd.DataFrame(rows).astype({"items": "int64"})


def measures_gt(frame: pd.DataFrame | None = None) -> GT:
    """The measures table for the methods chapter (great_tables; caption comes from Quarto).

    Parameters
    ----------
    frame : DataFrame, optional
        Output of :func:`measures_frame` (default: computed for the default instruments).
    """
    data = measures_frame() if frame is None else frame.copy()
    data["higher_is"] = "higher = " + data["higher_is"]
    return (
        GT(data)
        .cols_label(cases={
            "instrument": "Measure", "items": "Items", "item_range": "Item responses",
            "score_range": "Score range", "higher_is": "Direction", "cutoff": "Cut-off",
            "missing_items": "Missing items allowed", "reference": "Source",
        })
        .cols_align(align="right", columns="items")
        .tab_source_note(
            "Ranges are in raw response units. Prorated sum = mean of the answered items "
            "× number of items. Service-satisfaction items are reported "
            "one by one (1 = certainly true, 3 = not true)."
        )
    )

