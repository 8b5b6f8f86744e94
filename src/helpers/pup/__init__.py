"""Parenting Under Pressure (Harrow, 2019–20): everything specific to this evaluation.

What the engine calls: ``data`` (table schemas, the loader; cross-table ``rules``; the consented
``analysis`` view), ``synthetic`` (the seeded generator) and ``reproduce`` (the published figures
recomputed). Also ``instruments`` (CORE-10, risk, CSI-4, arguments, satisfaction) and ``labels``
(code labels). Behind each chapter: ``methods``; ``participants``, ``flow``, ``sessions`` and
``agreement`` (printed figures beside the records); ``outcomes``; ``surveys`` (satisfaction,
therapists and referrers); ``voices`` (interviews); ``lessons``. The engine finds this package
through ``EVALUATION`` (see :mod:`helpers.evaluations`); nothing in the engine imports it by name.
"""

from helpers.evaluations import Evaluation

#: Folder under the data folder and stem of the published-figure files.
SLUG = "parenting-under-pressure"

EVALUATION = Evaluation(slug=SLUG, title="Parenting Under Pressure (Harrow, 2019–20)",
                        package=__name__)

__all__ = ["EVALUATION", "SLUG"]
