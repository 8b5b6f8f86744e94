"""Larger copies of the tables for measuring the book at routine-data scale."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers.appendix import table_specs
from helpers.pairs.data import load_pairs
from helpers.pup.data import load_pup
from helpers.scale import identifier_columns

ROOT = Path(__file__).resolve().parents[1]


def test_a_scaled_copy_passes_every_schema_and_rule(tmp_path):
    result = subprocess.run([sys.executable, "-m", "helpers.synthetic", "--out", str(tmp_path),
                             "--scale", "3"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    shipped, scaled = load_pairs(), load_pairs(tmp_path)
    for name in ("referrals", "pip_clients", "pip_appointments", "imd_records", "tt_goals"):
        assert len(getattr(scaled, name)) == 3 * len(getattr(shipped, name)), name
    ids = scaled.pip_appointments["appointment_id"]
    assert ids.is_unique and {"A00001", "A100001", "A200001"} <= set(ids)
    assert len(load_pup(tmp_path).parents) == 3 * len(load_pup().parents)


def test_every_identifier_column_is_recognised():
    """A table's key and link columns must all be rewritten, or copies would collide."""
    for slug in ("pairs", "parenting-under-pressure"):
        for spec in table_specs(slug):
            ids = identifier_columns(spec)
            assert set(spec.key) - {"service", "person", "address_sequence", "timepoint",
                                    "goal_number", "question", "theme"} <= set(ids), spec.name


def test_scaling_refuses_to_overwrite_the_shipped_data():
    result = subprocess.run([sys.executable, "-m", "helpers.synthetic", "--scale", "2"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and "other than data/synthetic" in result.stderr


def test_factor_must_be_a_whole_number():
    from helpers.scale import scale_tables

    with pytest.raises(ValueError, match="factor must be a whole number"):
        scale_tables({}, {}, 0)
