"""PAIRS (Lambeth, 2015–24): everything specific to this evaluation.

Modules: ``data`` (table schemas and the loader), ``instruments`` (MORS, PRFQ, LOAF, PAI),
``synthetic`` (the seeded generator), ``reproduce`` (the published figures recomputed), and one
module per chapter topic (``service``, ``outcomes``, ``voices``). The engine finds this package
through ``EVALUATION`` (see :mod:`helpers.evaluations`); nothing in the engine imports it by name.
"""

from helpers.evaluations import Evaluation

#: Folder under the data folder and stem of the published-figure files.
SLUG = "pairs"

EVALUATION = Evaluation(slug=SLUG, title="PAIRS (Lambeth, 2015–24)", package=__name__)

__all__ = ["EVALUATION", "SLUG"]
