"""Statistics: paired comparisons, effect sizes, reliable change, multiplicity."""
