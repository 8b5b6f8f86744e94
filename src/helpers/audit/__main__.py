"""``python -m helpers.audit PATH [PATH ...]``: audit registers of printed statements.

Prints one line per finding that is not consistent (where, statement, rule, what is printed, what
the rest implies, severity) and a count per severity; exits 1 when any finding is an
inconsistency, 2 when a register cannot be read, 0 otherwise. ``--all`` prints consistent
findings too.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from helpers.audit.findings import SEVERITIES, is_problem
from helpers.audit.register import RegisterError, load_register
from helpers.audit.rules import audit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.audit", description=__doc__)
    parser.add_argument("paths", nargs="+", help="register files (YAML)")
    parser.add_argument("--all", action="store_true", help="print consistent findings too")
    args = parser.parse_args(argv)
    problems = 0
    for path in args.paths:
        try:
            register = load_register(path)
        except RegisterError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        findings = audit(register)
        counts = Counter(f.severity for f in findings)
        print(f"# {register.report} ({path}): {len(register.statements)} statements, "
              + ", ".join(f"{counts.get(s, 0)} {s}" for s in SEVERITIES))
        for f in findings:
            if args.all or f.severity != "consistent":
                print(f.line())
        problems += sum(is_problem(f) for f in findings)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
