"""Audit a report's printed statistics against each other, with no data needed.

A *register* (YAML) lists a report's printed statements by type — test results, percentages,
parts and totals, means and SDs of whole-number scores, subgroups that partition a group, ratios,
and the same figure printed in several places. :func:`audit` checks each statement with the rules
of :mod:`helpers.audit.rules` (none of which names a particular figure) and returns one
:class:`~helpers.audit.findings.Finding` per check. ``python -m helpers.audit PATH`` prints the
findings that are not consistent and exits 1 when any is an inconsistency.

The register format is documented in :mod:`helpers.audit.register` and in the README.
"""

from helpers.audit.findings import SEVERITIES, Finding, findings_frame
from helpers.audit.register import Register, RegisterError, load_register
from helpers.audit.rules import audit

__all__ = ["audit", "load_register", "Register", "RegisterError", "Finding", "SEVERITIES",
           "findings_frame"]
