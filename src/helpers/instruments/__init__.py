"""Questionnaire definitions and scoring.

Raw item responses are stored as answered; each :class:`Instrument` knows its items, their ranges,
which are reverse-keyed, how the total is formed and its rule for missing items. Evaluation-specific
instruments live in their own modules (``pup`` for Parenting Under Pressure, ``pairs`` for PAIRS).
"""

from ._base import Instrument, Item, score

__all__ = ["Instrument", "Item", "score"]
