"""Loaders for each evaluation's record-level tables: ``pup`` and ``pairs``."""
