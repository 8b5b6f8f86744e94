"""Statistics: paired comparisons, effect sizes, reliable change, multiplicity, planning.

``from helpers.stats import paired_comparison, classify_change, adjust_pvalues`` — the modules
behind are :mod:`.paired` (t test, d_z, signed-rank), :mod:`.sign` (exact sign / McNemar test),
:mod:`.change` (reliable and clinically significant change, criteria compared),
:mod:`.clustered` (the same change over people, cluster means and cluster-robust),
:mod:`.multiplicity` (Holm) and :mod:`.power` (sample size for a future study). Every one is
checked against R in ``tests/test_stats_reference.py``.
"""

import importlib

#: Where each exported name lives; imported on first use (PEP 562), so importing one module of
#: the package does not load the others (and scipy) for a chapter that does not need them.
_WHERE = {
    "CHANGE_CATEGORIES": "change", "change_summary": "change", "classify_change": "change",
    "in_clinical_range": "change", "reliable_change_index": "change",
    "reliable_change_threshold": "change", "add_adjusted_p": "multiplicity",
    "adjust_pvalues": "multiplicity", "PairedResult": "paired", "paired_comparison": "paired",
    "paired_table": "paired",
}


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(importlib.import_module(f"helpers.stats.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'helpers.stats' has no attribute {name!r}")


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
