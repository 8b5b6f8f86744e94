"""Disclosure control for the public edition: one named rule, applied where numbers become text.

Editions
--------
The book has two editions. The **internal** edition (the default) shows every number. The
**public** edition applies a suppression rule (:data:`NHS_DIGITAL` unless
:data:`RULE_VARIABLE` names another) to every count the engine writes: in prose
(:mod:`helpers.formatting`, :mod:`helpers.words`), in tables (:func:`helpers.tables.show_table`
and the table builders) and in figures (the figure builders, and a display hook that checks the
text of every figure shown). The switch is the environment variable :data:`EDITION_VARIABLE`
(``EVAL_EDITION=public``), which Quarto sets for the Jupyter kernel from ``_environment-public``
when the ``public`` profile is active; a ``QUARTO_PROFILE`` naming ``public`` also selects it.

The rule (NHS Digital's small-number rule)
------------------------------------------
* **Primary suppression**: a count from 1 to 7 is shown as ``*``; 0 is shown as 0.
* **Rounding**: every other count is rounded to the nearest 5 (half up: 8 → 10, 12 → 10).
* **Statistics of a suppressed group are withheld**: its percentage, mean, SD, interval, test.
* **Secondary suppression** (:func:`suppress_lines`): wherever cells add up to a total (a table's
  Total row or column, or a count and its denominator), a suppressed cell must not be recoverable
  by subtraction. Every such line holds no suppressed cell, or at least two whose sum is above 7
  (the smallest other non-zero cells are suppressed until it does); a suppressed total needs a
  suppressed cell beside it. Shown counts are treated as exact (percentages computed from the
  unrounded counts can undo the rounding), so the rounding is not relied on.
* In prose a suppressed count reads "fewer than 8"; ``*`` (written as the HTML entity
  :data:`MARKDOWN_MARK`, so Markdown never takes it for emphasis) where a numeral stands.

Why the rule is written here and not taken from a library
---------------------------------------------------------
``acro`` (SACRO's checker of research outputs) checks tables that it builds itself from record
level data with its own ``crosstab``/``pivot_table`` calls, and flags rather than rewrites what
the book prints; it also pins ``pandas<=2.3.3`` while this project runs pandas 3.1. Tau-Argus
(``pytauargus``, which bundles the Tau-Argus engine with the HiGHS solver) finds optimal secondary
suppression from record-level data and batch files written to a working directory; the book's
tables are small one- and two-way tables already aggregated by the evaluation packages, for which
the line rule above is deterministic, fast, dependency-free and easy to state. Either tool fits a
real deployment that checks outputs at the trusted research environment's door.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "EDITION_VARIABLE",
    "RULE_VARIABLE",
    "EDITIONS",
    "MARK",
    "MARKDOWN_MARK",
    "Rule",
    "NHS_DIGITAL",
    "RULES",
    "edition",
    "active_rule",
    "suppress_lines",
    "count_pair",
    "redact_text",
    "plain_text",
    "record",
    "record_text",
    "texts",
    "ledger",
    "clear_ledger",
    "small_counts",
]

#: Environment variable that selects the edition ("internal" or "public").
EDITION_VARIABLE = "EVAL_EDITION"
#: Environment variable naming the rule of the public edition (a key of :data:`RULES`).
RULE_VARIABLE = "EVAL_DISCLOSURE_RULE"
EDITIONS = ("internal", "public")
#: What a suppressed count shows in tables and figures.
MARK = "*"
#: The same mark in text that may be read as Markdown (prose): the HTML entity for ``*``, which
#: Pandoc prints as a literal asterisk, never as the start of emphasis.
MARKDOWN_MARK = "&#42;"


@dataclass(frozen=True)
class Rule:
    """A small-number rule: counts ``smallest``–``largest`` suppressed, others rounded to ``base``.

    >>> rule = Rule("example")
    >>> [rule.shown(n) for n in (0, 1, 7, 8, 12, 13, 102)]
    [0, None, None, 10, 10, 15, 100]
    >>> rule.text(3), rule.text(1234), rule.words(5), rule.words(17)
    ('*', '1,235', 'fewer than 8', '15')
    """

    name: str
    smallest: int = 1
    largest: int = 7
    base: int = 5

    def suppressed(self, n: int) -> bool:
        """Whether the count ``n`` is suppressed (primary suppression)."""
        return self.smallest <= _whole(n) <= self.largest

    def rounded(self, n: int) -> int:
        """``n`` rounded half up to the nearest multiple of :attr:`base`."""
        step = Decimal(self.base)
        return int((Decimal(_whole(n)) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)

    def shown(self, n: int) -> int | None:
        """The count as published: None when suppressed, else rounded."""
        return None if self.suppressed(n) else self.rounded(n)

    def text(self, n: int, mark: str = MARK) -> str:
        """The count as a table shows it: ``mark`` or the rounded count with separators."""
        shown = self.shown(n)
        return mark if shown is None else f"{shown:,}"

    def words(self, n: int) -> str:
        """The count as prose says it: "fewer than 8" when suppressed, else the rounded count."""
        return f"fewer than {self.largest + 1}" if self.suppressed(n) else self.text(n)

    @property
    def note(self) -> str:
        """One sentence stating the rule, for the note under a table."""
        return (f"Public edition ({self.name}): counts of {self.smallest} to {self.largest} are "
                f"shown as {MARK}, other counts are rounded to the nearest {self.base}, statistics "
                f"of a suppressed group are withheld ({MARK}), and further cells are suppressed "
                "where a total would reveal a suppressed one.")


#: The default rule: NHS Digital's small-number rule (1–7 suppressed, others to the nearest 5).
NHS_DIGITAL = Rule("NHS Digital small-number rule")
#: Rules the public edition can apply, by the name :data:`RULE_VARIABLE` takes.
RULES: dict[str, Rule] = {"nhs-digital": NHS_DIGITAL}


def _whole(n: object) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, float)) and not hasattr(n, "__index__"):
        raise ValueError(f"a count must be a whole number, got {n!r}")
    value = float(n)  # type: ignore[arg-type]
    if not math.isfinite(value) or value != int(value) or value < 0:
        raise ValueError(f"a count must be a whole number of 0 or more, got {n!r}")
    return int(value)


def edition(environ: Mapping[str, str] | None = None) -> str:
    """The edition being produced: ``"public"`` or ``"internal"`` (the default).

    Read from :data:`EDITION_VARIABLE`; when that is unset, a ``QUARTO_PROFILE`` that lists
    ``public`` selects the public edition. An unknown value is an error, never a silent default.

    >>> edition({}), edition({"EVAL_EDITION": "public"}), edition({"QUARTO_PROFILE": "pup,public"})
    ('internal', 'public', 'public')
    """
    env = os.environ if environ is None else environ
    value = env.get(EDITION_VARIABLE, "").strip().lower()
    if not value:
        profiles = [p.strip() for p in env.get("QUARTO_PROFILE", "").split(",")]
        return "public" if "public" in profiles else "internal"
    if value not in EDITIONS:
        raise ValueError(f"{EDITION_VARIABLE}={value!r}: the edition must be one of {EDITIONS}")
    return value


def active_rule(environ: Mapping[str, str] | None = None) -> Rule | None:
    """The rule the current edition applies: None in the internal edition.

    >>> active_rule({}) is None, active_rule({"EVAL_EDITION": "public"}).name
    (True, 'NHS Digital small-number rule')
    """
    env = os.environ if environ is None else environ
    if edition(env) != "public":
        return None
    name = env.get(RULE_VARIABLE, "").strip().lower() or "nhs-digital"
    if name not in RULES:
        raise ValueError(f"{RULE_VARIABLE}={name!r}: known rules are {sorted(RULES)}")
    return RULES[name]


Line = tuple[Sequence[Hashable], Hashable | None]


def suppress_lines(values: Mapping[Hashable, int], lines: Sequence[Line],
                   rule: Rule = NHS_DIGITAL) -> set[Hashable]:
    """The cells to suppress: primary suppression, then secondary suppression along ``lines``.

    ``values`` maps each cell to its count. Each line is ``(cells, total)``: cells that add up to
    ``total`` (a cell key, or None when the total is not a cell of the table but is known, e.g.
    a denominator stated elsewhere). Along every line, the suppressed cells must be none, or at
    least two adding up to more than ``rule.largest``; otherwise the smallest other non-zero cell
    (first in line order on a tie) is suppressed too, and when no cell is left the total is. A
    suppressed total needs a suppressed cell beside it. Repeated until every line holds.

    >>> suppress_lines({"a": 3, "b": 20, "c": 12, "t": 35}, [(["a", "b", "c"], "t")]) == {"a", "c"}
    True
    >>> sorted(suppress_lines({"a": 3, "b": 0, "t": 3}, [(["a", "b"], "t")]))
    ['a', 't']
    >>> suppress_lines({"a": 9, "b": 20}, [(["a", "b"], None)])
    set()
    """
    hidden = {key for key, n in values.items() if rule.suppressed(n)}
    changed = True
    while changed:
        changed = False
        for cells, total in lines:
            cells = list(cells)
            hidden_cells = [c for c in cells if c in hidden]
            total_hidden = total is not None and total in hidden
            if not hidden_cells and not total_hidden:
                continue
            if total_hidden and hidden_cells:
                continue  # two unknowns in the line: nothing recoverable from it alone
            if not total_hidden and len(hidden_cells) >= 2 and \
                    sum(values[c] for c in hidden_cells) > rule.largest:
                continue
            spare = sorted((values[c], i) for i, c in enumerate(cells)
                           if c not in hidden and values[c] > 0)
            if spare:
                hidden.add(cells[spare[0][1]])
                changed = True
            elif total is not None and not total_hidden:
                hidden.add(total)
                changed = True
    return hidden


def count_pair(k: int, n: int, rule: Rule = NHS_DIGITAL) -> tuple[int | None, int | None]:
    """A count ``k`` of ``n`` as published: each rounded, or None when suppressed.

    ``k`` is suppressed when it or the rest (``n − k``) is 1–7, since ``n`` would reveal the one
    from the other; ``n`` when it is 1–7 itself.

    >>> count_pair(5, 8), count_pair(38, 44), count_pair(0, 5), count_pair(51, 80)
    ((None, 10), (None, 45), (0, None), (50, 80))
    """
    k, n = _whole(k), _whole(n)
    if k > n:
        raise ValueError(f"count_pair: {k} of {n} is more than all")
    hidden = suppress_lines({"k": k, "rest": n - k, "n": n}, [(["k", "rest"], "n")], rule)
    return (None if "k" in hidden else rule.rounded(k), None if "n" in hidden else rule.rounded(n))


_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
_K_OF_N = re.compile(rf"(?<![\w.,\-−–/])(?:({_NUMBER})(\s+))?of(\s+)({_NUMBER})(?![\w.,%])"
                     rf"(\s*\(\d+(?:\.\d+)?%\))?")
_N_EQUALS = re.compile(rf"(?<![\w.])([nN])(\s*=\s*)({_NUMBER})(?![\w.,])")
_N_PERCENT = re.compile(rf"(?<![\w.,\-−–/(])({_NUMBER})(\s+)\((\d+(?:\.\d+)?%)\)")


def _value(text: str) -> int:
    return int(text.replace(",", ""))


def redact_text(text: str, rule: Rule = NHS_DIGITAL, mark: str = MARK) -> str:
    """Primary suppression in free text that did not pass through the engine's formatters.

    Only forms that are unambiguously counts are touched: "k of n" (and a percentage after it),
    "n = k", and "k (p%)". A count of 1–7 in them becomes ``mark`` and the percentage beside a
    suppressed count is dropped. Counts are not rounded here (text from the formatters is
    rounded already), so the function can run twice without changing its result.

    >>> redact_text("6 of 8 (75%) and 16 of 18 (89%); (n = 3); 5 (63%); CORE-10 (10%)")
    '* of 8 and 16 of 18 (89%); (n = *); *; CORE-10 (10%)'
    >>> redact_text("Parents (of 6)"), redact_text("0 of 5 (0%)")
    ('Parents (of *)', '0 of *')
    """
    def k_of_n(m: re.Match[str]) -> str:
        k, gap, gap2, n, share = m.groups()
        small_k = k is not None and rule.suppressed(_value(k))
        small_n = rule.suppressed(_value(n))
        head = "" if k is None else (mark if small_k else k) + gap
        out = f"{head}of{gap2}{mark if small_n else n}"
        return out if (small_k or small_n) else out + (share or "")

    def n_equals(m: re.Match[str]) -> str:
        n = m.group(3)
        return m.group(1) + m.group(2) + (mark if rule.suppressed(_value(n)) else n)

    def n_percent(m: re.Match[str]) -> str:
        return mark if rule.suppressed(_value(m.group(1))) else m.group(0)

    text = _K_OF_N.sub(k_of_n, text)
    text = _N_EQUALS.sub(n_equals, text)
    return _N_PERCENT.sub(n_percent, text)


def plain_text(text: str) -> str:
    """``text`` with the Markdown-safe mark turned back into ``*`` (for tables and figures).

    >>> plain_text("&#42; of 10")
    '* of 10'
    """
    return text.replace(MARKDOWN_MARK, MARK)


# --- the ledger: every count the engine writes in the public edition ------------------------------

_LEDGER: list[tuple[str, int, str]] = []


def record(kind: str, value: int, shown: str) -> str:
    """Note that a count ``value`` was written as ``shown`` by ``kind`` (e.g. "integer");
    returns ``shown``. Kept only in the public edition, for the checks of
    ``tests/test_public_edition.py``."""
    _LEDGER.append((kind, int(value), shown))
    return shown


_TEXTS: list[tuple[str, str]] = []


def record_text(where: str, text: str) -> None:
    """Note a text shown in the public edition (e.g. every text of a displayed figure)."""
    _TEXTS.append((where, text))


def texts() -> list[tuple[str, str]]:
    """Every ``(where, text)`` noted by :func:`record_text` since :func:`clear_ledger`."""
    return list(_TEXTS)


def ledger() -> list[tuple[str, int, str]]:
    """Every ``(kind, value, shown)`` noted by :func:`record` since :func:`clear_ledger`."""
    return list(_LEDGER)


def clear_ledger() -> None:
    """Forget what :func:`record` and :func:`record_text` noted."""
    _LEDGER.clear()
    _TEXTS.clear()


_SMALL = re.compile(r"(?<![\d.,])[1-7](?![\d.,]?\d)")


def small_counts(entries: Sequence[tuple[str, int, str]], rule: Rule = NHS_DIGITAL
                 ) -> list[tuple[str, int, str]]:
    """Ledger entries that wrote a suppressible count as a numeral or number word.

    >>> small_counts([("integer", 3, "&#42;"), ("integer", 3, "3"), ("words", 12, "10")])
    [('integer', 3, '3')]
    """
    return [e for e in entries if rule.suppressed(e[1]) and
            (_SMALL.search(e[2]) or re.search(r"\b(one|two|three|four|five|six|seven)\b",
                                              e[2], re.IGNORECASE))]
