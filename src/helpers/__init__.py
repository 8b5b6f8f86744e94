"""Helpers behind the literate evaluation report.

Chapters import from here (``from helpers import ...``); the modules behind are small and each has
one responsibility: ``paths`` (where files are), ``errors`` (the input-error type), ``datastore``
(validated reading), ``instruments`` (questionnaires and scoring), and the evaluation-specific
loaders, statistics, tables and figures.
"""

from helpers.errors import DataValidationError, TableMissingError, Violation
from helpers.paths import data_dir, data_is_synthetic, project_root, published_dir

__all__ = [
    "DataValidationError",
    "TableMissingError",
    "Violation",
    "data_dir",
    "data_is_synthetic",
    "project_root",
    "published_dir",
]
