"""What the audit says about one statement: a :class:`Finding` per check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import pandas as pd

__all__ = ["SEVERITIES", "Finding", "findings_frame", "is_problem"]

#: Severities, least to most serious. "minor": explained by truncation rather than rounding;
#: "inconsistent": the printed figures cannot all be true; "decision-changing": inconsistent,
#: and the printed p lies on the other side of .05 from what the rest implies (statcheck's
#: "decision inconsistency").
SEVERITIES: tuple[str, ...] = ("consistent", "minor", "inconsistent", "decision-changing")


@dataclass(frozen=True)
class Finding:
    """One rule applied to one statement of a register.

    Attributes
    ----------
    statement : str
        The statement's ``id`` in the register.
    where : str
        Where the statement is in the report (section, table, row), as the register says.
    rule : str
        The rule applied (e.g. ``"p from statistic"``, ``"GRIM"``).
    printed : str
        What the report prints, as text.
    implied : str
        What the other printed figures imply, as text.
    severity : str
        One of :data:`SEVERITIES`.
    """

    statement: str
    where: str
    rule: str
    printed: str
    implied: str
    severity: str

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, got {self.severity!r}")

    def line(self) -> str:
        """One line for the command line: place, rule, printed, implied, severity."""
        return (f"{self.where} [{self.statement}] {self.rule}: printed {self.printed}; "
                f"the rest implies {self.implied} — {self.severity}")


def is_problem(finding: Finding) -> bool:
    """True for inconsistencies (the command exits 1 on these); minor findings are reported only."""
    return finding.severity in ("inconsistent", "decision-changing")


def findings_frame(findings: Sequence[Finding]) -> pd.DataFrame:
    """One row per finding (columns as the :class:`Finding` attributes), in register order."""
    return pd.DataFrame([asdict(f) for f in findings],
                        columns=["statement", "where", "rule", "printed", "implied", "severity"])
