"""Statistics: paired comparisons, effect sizes, reliable change, multiplicity."""

from .paired import PairedResult, paired_comparison, paired_table

__all__ = ["PairedResult", "paired_comparison", "paired_table"]
