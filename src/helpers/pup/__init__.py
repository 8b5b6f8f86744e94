"""Parenting Under Pressure (Harrow, 2019–20): everything specific to this evaluation.

Modules: ``data`` (table schemas and the loader), ``instruments`` (CORE-10, CSI-4, arguments,
satisfaction), ``synthetic`` (the seeded generator), ``reproduce`` (the published figures
recomputed), and one module per chapter topic (``participants``, ``outcomes``, ``surveys``,
``voices``). The engine finds this package through ``EVALUATION`` (see
:mod:`helpers.evaluations`); nothing in the engine imports it by name.
"""

from helpers.evaluations import Evaluation

#: Folder under the data folder and stem of the published-figure files.
SLUG = "parenting-under-pressure"

EVALUATION = Evaluation(slug=SLUG, title="Parenting Under Pressure (Harrow, 2019–20)",
                        package=__name__)

__all__ = ["EVALUATION", "SLUG"]
