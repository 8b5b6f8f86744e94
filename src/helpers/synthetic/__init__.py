"""Seeded, deterministic generators of the synthetic record-level data (``python -m helpers.synthetic``)."""
