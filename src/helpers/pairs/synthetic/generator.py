"""Synthetic PAIRS record-level data: ``generate(out_dir)`` writes ``out_dir/pairs/*.csv``.

Seeded and deterministic: the same seed gives byte-identical files (rows sorted by their key, dates
ISO ``YYYY-MM-DD``, every number a whole number, booleans ``true``/``false``, blanks for missing).
The tables have the shape of a service's own exports so that real files of the same shape can be
dropped in (``EVAL_DATA_DIR``); see :mod:`helpers.pairs.data` for the schemas. Calibration targets
are the printed figures in ``data/published/pairs.yaml``; where printed figures contradict each
other the data keep the underlying counts and the contradiction is recorded in
``data/published/pairs.contradictions.yaml``.
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from helpers.pairs import SLUG
from helpers.pairs.synthetic._pip import make_pip
from helpers.pairs.synthetic._qual import make_excerpts
from helpers.pairs.synthetic._tt import make_cosp, make_qualitative, make_tt

__all__ = ["SEED", "SLUG", "generate", "build_tables"]

SEED = 20241101
#: Seed of the interview coding, separate so the other tables do not depend on it.
EXCERPT_SEED = 20241102

#: Sort key of each written table.
_KEYS: dict[str, list[str]] = {
    "referrals": ["referral_id"],
    "pip_clients": ["client_id"],
    "pip_appointments": ["appointment_id"],
    "pip_outcomes": ["outcome_id"],
    "imd_records": ["service", "person_id", "person", "address_sequence"],
    "tt_participants": ["participant_id"],
    "tt_questionnaires": ["participant_id", "timepoint"],
    "tt_goals": ["participant_id", "goal_number"],
    "tt_service_users": ["service_user_id"],
    "cosp_attendees": ["attendee_id"],
    "qualitative_sample": ["participant_code"],
    "interview_excerpts": ["excerpt_id"],
}


def build_tables(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Every PAIRS table as a DataFrame, keyed by file stem (not yet written)."""
    rng = random.Random(seed)
    pip = make_pip(rng)
    tt = make_tt(rng)
    tables = {
        "referrals": pip.referrals,
        "pip_clients": pip.clients,
        "pip_appointments": pip.appointments,
        "pip_outcomes": pip.outcomes,
        "imd_records": pd.concat([pip.imd, tt.imd], ignore_index=True),
        "tt_participants": tt.participants,
        "tt_questionnaires": tt.questionnaires,
        "tt_goals": tt.goals,
        "tt_service_users": tt.service_users,
        "cosp_attendees": make_cosp(rng),
        "qualitative_sample": make_qualitative(rng),
    }
    tables["interview_excerpts"] = make_excerpts(random.Random(EXCERPT_SEED),
                                                 tables["qualitative_sample"])
    return {name: frame.sort_values(_KEYS[name], kind="stable").reset_index(drop=True)
            for name, frame in tables.items()}


def _text(value: object) -> str:
    """One cell as written: blank for missing, true/false, whole numbers without a decimal point."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        raise ValueError(f"unexpected non-whole number {value!r} in synthetic output")
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def _write(frame: pd.DataFrame, path: Path) -> None:
    lines = [",".join(frame.columns)]
    for row in frame.itertuples(index=False):
        cells = []
        for v in row:
            s = _text(v)
            if any(ch in s for ch in ',"\n'):
                s = '"' + s.replace('"', '""') + '"'
            cells.append(s)
        lines.append(",".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def generate(out_dir: Path) -> list[Path]:
    """Write every PAIRS table to ``out_dir / "pairs"`` and return the paths written."""
    folder = Path(out_dir) / SLUG
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in build_tables().items():
        path = folder / f"{name}.csv"
        _write(frame, path)
        written.append(path)
    return written
