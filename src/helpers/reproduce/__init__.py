"""Each published figure recomputed from the record-level data, beside its printed value."""
