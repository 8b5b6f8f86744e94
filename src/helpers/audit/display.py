"""The audit in the book: each report's register audited, in a table and a sentence.

:func:`audit_report` runs the audit on ``data/published/<slug>.register.yaml`` (see
:func:`helpers.paths.published_dir`); :func:`audit_sentence` says what it found in words;
:func:`findings_gt` shows the findings that are not consistent, in report order, with what is
printed, what the rest of the report implies and how serious it is (in words, never colour alone).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from helpers.audit.findings import SEVERITIES, Finding, findings_frame, is_problem
from helpers.audit.register import load_register
from helpers.audit.rules import audit
from helpers.paths import published_dir
from helpers.words import count_phrase, join_words, number_word, verb

if TYPE_CHECKING:  # pragma: no cover
    from great_tables import GT

__all__ = ["AuditReport", "audit_report", "audit_sentence", "findings_gt", "SEVERITY_WORDS"]

#: How each severity reads in the table.
SEVERITY_WORDS = {
    "consistent": "consistent",
    "minor": "minor (truncated, not rounded)",
    "inconsistent": "inconsistent",
    "decision-changing": "inconsistent, and on the other side of .05",
}


@dataclass(frozen=True)
class AuditReport:
    """One report's register audited: its title, statements, findings and counts by severity."""

    report: str
    statements: int
    findings: tuple[Finding, ...]
    counts: dict[str, int]

    @property
    def problems(self) -> int:
        """Findings that are inconsistencies (minor ones excluded)."""
        return sum(is_problem(f) for f in self.findings)


def audit_report(slug: str) -> AuditReport:
    """Audit ``data/published/<slug>.register.yaml`` (the published-figures folder)."""
    register = load_register(published_dir() / f"{slug}.register.yaml")
    findings = tuple(audit(register))
    counts = Counter(f.severity for f in findings)
    return AuditReport(register.report, len(register.statements), findings,
                       {s: int(counts.get(s, 0)) for s in SEVERITIES})


def audit_sentence(name: str, result: AuditReport) -> str:
    """What the audit found, in one or two sentences that read right at 0, 1 and many.

    >>> r = AuditReport("R", 12, (), {"consistent": 20, "minor": 0, "inconsistent": 0,
    ...                               "decision-changing": 0})
    >>> audit_sentence("The report", r)
    'The report: 12 printed statements give 20 checks, and every check is consistent.'
    >>> audit_sentence("R", AuditReport("R", 1, (), {"consistent": 1, "minor": 1,
    ...                                              "inconsistent": 2, "decision-changing": 0}))
    'R: one printed statement gives four checks, of which one is minor (truncated, not rounded) and two are inconsistent.'
    """
    checks = sum(result.counts.values())
    head = (f"{name}: {count_phrase(result.statements, 'printed statement')} "
            f"{verb('gives', result.statements)} {count_phrase(checks, 'check')}")
    flagged = {s: n for s, n in result.counts.items() if s != "consistent" and n}
    if not flagged:
        return head + ", and every check is consistent."
    parts = [f"{number_word(n)} {verb('is', n)} {SEVERITY_WORDS[s]}" for s, n in flagged.items()]
    return head + f", of which {join_words(parts)}."


def findings_gt(result: AuditReport) -> "GT":
    """The findings that are not consistent: where, what is printed, what the rest implies."""
    from great_tables import GT

    frame = findings_frame([f for f in result.findings if f.severity != "consistent"])
    shown = frame.assign(severity=frame["severity"].map(SEVERITY_WORDS))[
        ["where", "rule", "printed", "implied", "severity"]]
    return (GT(shown)
            .cols_label(where="Where in the report", rule="Check", printed="Printed",
                        implied="What the rest of the report implies", severity="Finding")
            .tab_source_note("Checks of the printed figures against each other only; no "
                             "record-level data are used. Each printed number stands for the "
                             "interval its rounding allows."))
