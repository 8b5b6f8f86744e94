"""PAIRS (Lambeth, 2015–24): everything specific to this evaluation.

What the engine calls: ``data`` (table schemas, the loader; what ``consent`` covers per table and
its one filter; cross-table ``rules``; ``derived`` frames such as scored outcomes and paired
forms), ``synthetic`` (the seeded generator) and ``reproduce`` (the published figures
recomputed). Also ``instruments`` (MORS-SF, PRFQ, LOAF, PAI), ``printed`` (printed figures beside
the records) and ``adequacy`` (whether the records can support each chapter). Behind each
chapter: the service (``referrals``, ``acceptance``, ``engagement``, ``appointment_years``,
``reach``, ``deprivation``); outcomes (``outcome_measures``, ``pip_outcomes``, ``tt_outcomes``,
``tt_levels``, ``printed_outcomes``); voices (``coding_frame``, ``voices``); ``lessons``. The
engine finds this package through ``EVALUATION`` (see :mod:`helpers.evaluations`); nothing in the
engine imports it by name.
"""

from helpers.evaluations import Evaluation

#: Folder under the data folder and stem of the published-figure files.
SLUG = "pairs"

EVALUATION = Evaluation(slug=SLUG, title="PAIRS (Lambeth, 2015–24)", package=__name__)

__all__ = ["EVALUATION", "SLUG"]
