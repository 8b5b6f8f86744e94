"""Statistics: paired comparisons, effect sizes, reliable change, multiplicity, planning.

``from helpers.stats import paired_comparison, classify_change, adjust_pvalues`` — the modules
behind are :mod:`.paired` (t test, d_z, signed-rank), :mod:`.sign` (exact sign / McNemar test),
:mod:`.change` (reliable and clinically significant change, criteria compared),
:mod:`.clustered` (the same change over people, cluster means and cluster-robust),
:mod:`.multiplicity` (Holm) and :mod:`.power` (sample size for a future study). Every one is
checked against R in ``tests/test_stats_reference.py``.
"""

from helpers.stats.change import (
    CHANGE_CATEGORIES,
    change_summary,
    classify_change,
    in_clinical_range,
    reliable_change_index,
    reliable_change_threshold,
)
from helpers.stats.multiplicity import add_adjusted_p, adjust_pvalues
from helpers.stats.paired import PairedResult, paired_comparison, paired_table

__all__ = [
    "CHANGE_CATEGORIES",
    "PairedResult",
    "add_adjusted_p",
    "adjust_pvalues",
    "change_summary",
    "classify_change",
    "in_clinical_range",
    "paired_comparison",
    "paired_table",
    "reliable_change_index",
    "reliable_change_threshold",
]
