"""Words chosen from the numbers: counts, plurals, lists, shares, sizes and directions.

An interpretive word in the book ("most", "large", "rose") is either chosen here from the numbers
it describes, by a rule stated once below, or asserted with :func:`helpers.claims.claim`. Plurals,
number words and lists come from the maintained ``inflect`` library rather than hand-written
string logic, and every function reads correctly at 0, 1 and many.

Rules (stated once, used everywhere)
------------------------------------
* **Shares** (:func:`share_word`): 0 of n is "none", n of n "all", more than half "most", exactly
  half "half", otherwise "fewer than half". A share is never called "most" unless it is over half.
* **Effect sizes** (:func:`effect_size_word`): Cohen's (1988) benchmarks on the absolute
  standardised difference: below 0.2 "negligible", below 0.5 "small", below 0.8 "medium", else
  "large". Applied to d_z as a convention only (Lakens 2013 notes d_z runs larger than d for the
  same change); an interval is described by the words of its two ends (:func:`effect_range_words`).
* **Direction of a series** (:func:`trend_word`): "rose" or "fell" only when every step is in that
  direction (ties allowed) and the last differs from the first; "stayed level" when all are equal;
  otherwise "varied".
* **Comparisons** (:func:`compare_word`): compare the values at the precision they are printed,
  so the word never contradicts the number beside it.
* Sentences never start with a numeral: use :func:`count_phrase` with ``start=True``.
* **Public edition** (:mod:`helpers.disclosure`): counts of people follow the edition's rule,
  a suppressed count reading "fewer than 8" (plural) and others rounded to the nearest 5.
  :func:`count_phrase`, :func:`count_of` and :func:`plural` judge by the noun: nouns in
  :data:`NOT_PEOPLE` (outcomes, tests, themes, weeks...) are counted as they are, every other
  noun is taken as a count of people or records. :func:`number_word` and :func:`verb` have no
  noun: they apply the rule unless ``count=False``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

from helpers import disclosure

__all__ = [
    "count_phrase",
    "plural",
    "verb",
    "number_word",
    "join_words",
    "share_word",
    "effect_size_word",
    "effect_range_words",
    "trend_word",
    "compare_word",
    "NOT_PEOPLE",
]

#: Nouns whose counts are not counts of people or records: the public edition leaves them as
#: they are (compared in the singular, lower case).
NOT_PEOPLE = frozenset({
    "outcome", "test", "theme", "week", "month", "year", "item", "subscale", "measure", "level",
    "window", "question", "statement", "criterion", "excerpt", "short excerpt", "passage",
    "area", "category", "decile", "instrument", "focus group", "table", "column", "file",
    "figure", "step", "section", "family of outcomes", "point", "score", "time point", "case",
    "contradiction", "reading", "rule", "check",
})


def _rule_for(n: int, noun: str | None = None, count: bool = True) -> disclosure.Rule | None:
    """The public edition's rule when it applies to ``n`` things called ``noun``, else None."""
    if not count or (noun is not None and noun.strip().lower() in NOT_PEOPLE):
        return None
    return disclosure.active_rule()


@cache
def _engine():
    """inflect's engine, imported without typeguard's run-time type checks.

    inflect decorates its methods with ``typeguard.typechecked``, which rewrites each function at
    import: about a second per kernel, paid by every chapter (and every test that executes one).
    The book passes inflect only strings and whole numbers it has checked itself, so the
    decorator is replaced by a pass-through for the duration of the import and restored after.
    """
    import sys

    if "inflect" not in sys.modules:
        import typeguard

        original = typeguard.typechecked

        def passthrough(target=None, **_):
            return target if target is not None else (lambda function: function)

        typeguard.typechecked = passthrough
        try:
            import inflect  # noqa: F401
        finally:
            typeguard.typechecked = original
    import inflect

    return inflect.engine()


def _whole(n: int, what: str = "count") -> int:
    if isinstance(n, bool) or int(n) != n or n < 0:
        raise ValueError(f"{what} must be a whole number of 0 or more, got {n!r}")
    return int(n)


def plural(noun: str, n: int) -> str:
    """``noun`` in the form that goes with ``n`` (``plural("parent", 1) == "parent"``).

    >>> plural("parent", 0), plural("parent", 1), plural("child", 2), plural("couple", 3)
    ('parents', 'parent', 'children', 'couples')
    """
    n = _whole(n)
    rule = _rule_for(n, noun)
    if rule is not None and rule.suppressed(n):
        n = 2  # "fewer than 8 parents"
    return _engine().plural(noun, n)


def verb(singular: str, n: int, *, count: bool = True) -> str:
    """The verb that agrees with ``n`` things: ``verb("was", 1) == "was"``, else "were".

    In the public edition a suppressed count reads "fewer than 8", so its verb is plural
    (``count=False`` when ``n`` does not count people).

    >>> verb("was", 1), verb("was", 2), verb("has", 0), verb("rose", 3)
    ('was', 'were', 'have', 'rose')
    """
    n = _whole(n)
    rule = _rule_for(n, count=count)
    if rule is not None and rule.suppressed(n):
        n = 2
    return singular if n == 1 else _engine().plural_verb(singular, n)


def number_word(n: int, *, start: bool = False, count: bool = True) -> str:
    """``n`` as readers expect in running text: words up to nine, numerals from 10 (with
    thousands separators); at the start of a sentence always words, capitalised.

    In the public edition a ``count`` follows the edition's rule ("fewer than 8", or rounded to
    the nearest 5); pass ``count=False`` for a number that does not count people.

    >>> number_word(3), number_word(12), number_word(1234), number_word(12, start=True)
    ('three', '12', '1,234', 'Twelve')
    """
    n = _whole(n)
    rule = _rule_for(n, count=count)
    if rule is not None:
        return disclosure.record("number_word", n, _public_words(n, rule, start))
    if start:
        text = _engine().number_to_words(n, andword="and")
        return text[:1].upper() + text[1:]
    return _engine().number_to_words(n) if n < 10 else f"{n:,}"


def _public_words(n: int, rule: disclosure.Rule, start: bool) -> str:
    """``n`` in words as the public edition prints it ("fewer than 8", or rounded)."""
    if rule.suppressed(n):
        text = rule.words(n)
        return text[:1].upper() + text[1:] if start else text
    return number_word(rule.rounded(n), start=start, count=False)


def count_phrase(n: int, noun: str, *, start: bool = False, zero: str = "no") -> str:
    """``"3 parents"``, ``"1 parent"``, ``"no parents"``; capitalised words at a sentence start.

    Numbers follow :func:`number_word` except that counts of 10 or more stay numerals inside a
    sentence. ``zero`` replaces the count when it is 0.

    >>> count_phrase(0, "parent"), count_phrase(1, "parent"), count_phrase(17, "parent")
    ('no parents', 'one parent', '17 parents')
    >>> count_phrase(17, "parent", start=True), count_phrase(0, "parent", start=True)
    ('Seventeen parents', 'No parents')
    """
    n = _whole(n)
    rule = _rule_for(n, noun)
    if rule is not None and n > 0:
        text = disclosure.record("count_phrase", n, _public_words(n, rule, start))
        return f"{text} {plural(noun, n)}"
    word = zero if n == 0 else number_word(n, start=start, count=False)
    if start and n == 0:
        word = word[:1].upper() + word[1:]
    return f"{word} {plural(noun, n)}"


def join_words(words: Sequence[str], *, lower: bool = False, conjunction: str = "and") -> str:
    """A list in running text, without the serial comma: ``"a, b and c"``.

    ``lower`` lowers each item's first letter (for labels written as headings). An empty list is
    an error: the caller says what "none" means in its own sentence.

    >>> join_words(["CORE-10"]), join_words(["risk", "arguments"]), join_words(["a", "b", "c"])
    ('CORE-10', 'risk and arguments', 'a, b and c')
    >>> join_words(["Funding", "Going borough-wide"], lower=True)
    'funding and going borough-wide'
    """
    if not words:
        raise ValueError("join_words: nothing to join")
    items = [w[:1].lower() + w[1:] if lower else w for w in words]
    return _engine().join(items, final_sep="", conj=conjunction)


def share_word(k: int, n: int) -> str:
    """The word for ``k`` of ``n`` under the share rule in the module docstring.

    >>> [share_word(k, 4) for k in range(5)]
    ['none', 'fewer than half', 'half', 'most', 'all']
    """
    k, n = _whole(k), _whole(n, "denominator")
    if n == 0 or k > n:
        raise ValueError(f"share_word: need 0 <= k <= n and n > 0, got {k} of {n}")
    if k == 0:
        return "none"
    if k == n:
        return "all"
    if 2 * k > n:
        return "most"
    return "half" if 2 * k == n else "fewer than half"


_EFFECT_BANDS = ((0.2, "negligible"), (0.5, "small"), (0.8, "medium"), (math.inf, "large"))


def effect_size_word(d: float) -> str:
    """Cohen's label for a standardised difference (sign ignored; see the module rule).

    >>> [effect_size_word(d) for d in (0.1, -0.3, 0.5, 0.79, 1.2)]
    ['negligible', 'small', 'medium', 'medium', 'large']
    """
    if not math.isfinite(d):
        raise ValueError(f"effect_size_word: d must be finite, got {d!r}")
    return next(word for limit, word in _EFFECT_BANDS if abs(d) < limit)


def effect_range_words(low: float, high: float) -> str:
    """What an interval of standardised differences allows, in words.

    Both ends on the same side of zero: "from a small to a large" (or "a large" when both ends
    share a label); an interval that includes zero: "anything from a <word> worsening to a <word>
    improvement" is left to the caller — here it reads "both directions".

    >>> effect_range_words(0.14, 1.20), effect_range_words(0.9, 1.4), effect_range_words(-0.2, 0.6)
    ('from a negligible to a large', 'a large', 'both directions')
    """
    if not (math.isfinite(low) and math.isfinite(high)) or low > high:
        raise ValueError(f"effect_range_words: need finite low <= high, got {low!r}, {high!r}")
    if low < 0 < high:
        return "both directions"
    a, b = sorted((abs(low), abs(high)))
    first, second = effect_size_word(a), effect_size_word(b)
    return f"a {first}" if first == second else f"from a {first} to a {second}"


def trend_word(values: Sequence[float]) -> str:
    """"rose", "fell", "stayed level" or "varied" for a series (see the module rule).

    >>> trend_word([26, 19, 18, 8]), trend_word([1, 2, 2, 5]), trend_word([3, 3]), trend_word([5, 4, 6])
    ('fell', 'rose', 'stayed level', 'varied')
    """
    xs = [float(v) for v in values]
    if len(xs) < 2:
        raise ValueError("trend_word: need at least two values")
    steps = [b - a for a, b in zip(xs, xs[1:])]
    if all(s == 0 for s in steps):
        return "stayed level"
    if all(s >= 0 for s in steps):
        return "rose"
    if all(s <= 0 for s in steps):
        return "fell"
    return "varied"


def compare_word(a: float, b: float, *, decimals: int = 2, more: str = "higher",
                 less: str = "lower", same: str = "the same as") -> str:
    """``more`` / ``less`` / ``same`` for ``a`` against ``b``, judged at ``decimals`` places.

    >>> compare_word(4.354, 4.35), compare_word(6.9, 4.4, more="larger", less="smaller")
    ('the same as', 'larger')
    """
    from helpers.formatting import round_half_up  # the display policy's rounding

    x, y = round_half_up(a, decimals), round_half_up(b, decimals)
    return more if x > y else less if x < y else same


def count_of(k: int, n: int, noun: str) -> str:
    """``k`` of ``n`` things as a phrase that needs no verb agreement from the caller.

    Reads correctly at 0, 1 and many, including the special cases of one and two in all:
    "none of the four outcomes", "one of the four outcomes", "all four outcomes", "both
    outcomes", "neither outcome", "the one outcome", "no outcome" (0 of 1).

    >>> count_of(0, 4, "outcome"), count_of(1, 4, "outcome"), count_of(4, 4, "outcome")
    ('none of the four outcomes', 'one of the four outcomes', 'all four outcomes')
    >>> count_of(0, 2, "test"), count_of(2, 2, "test"), count_of(1, 1, "test"), count_of(0, 1, "test")
    ('neither test', 'both tests', 'the one test', 'no test')
    >>> count_of(3, 17, "parent")
    'three of the 17 parents'
    """
    k, n = _whole(k), _whole(n, "denominator")
    if n == 0 or k > n:
        raise ValueError(f"count_of: need 0 <= k <= n and n > 0, got {k} of {n}")
    rule = _rule_for(n, noun)
    if rule is not None:
        disclosure.record("count_of", n, "")
        return disclosure.record("count_of", k, _public_count_of(k, n, noun, rule))
    if n == 1:
        return f"the one {noun}" if k == 1 else f"no {noun}"
    if n == 2 and k in (0, 2):
        return f"neither {noun}" if k == 0 else f"both {plural(noun, 2)}"
    if k == n:
        return f"all {number_word(n, count=False)} {plural(noun, n)}"
    first = "none" if k == 0 else number_word(k, count=False)
    return f"{first} of the {number_word(n, count=False)} {plural(noun, n)}"


def _public_count_of(k: int, n: int, noun: str, rule: disclosure.Rule) -> str:
    """:func:`count_of` in the public edition: counts as published, small ones in words."""
    shown_k, shown_n = disclosure.count_pair(k, n, rule)
    nouns = plural(noun, 2)
    if shown_n is None:
        first = "none" if k == 0 else "all" if k == n else "some"
        return f"{first} of {rule.words(n)} {nouns}"
    if shown_k is None:
        first = rule.words(k) if rule.suppressed(k) else f"all but {rule.words(n - k)}"
    else:
        first = "none" if k == 0 else number_word(shown_k, count=False)
    return f"{first} of the {number_word(shown_n, count=False)} {nouns}"


def interval_word(low: float, high: float, *, above: str = "above zero",
                  below: str = "below zero", across: str = "includes zero") -> str:
    """Where an interval lies against zero: ``above``, ``below`` or ``across`` it.

    An interval with an end exactly at zero counts as including it.

    >>> interval_word(1.1, 7.6), interval_word(-3.9, -0.2), interval_word(-1.7, 8.3)
    ('above zero', 'below zero', 'includes zero')
    >>> interval_word(0.0, 2.0)
    'includes zero'
    """
    if not (math.isfinite(low) and math.isfinite(high)) or low > high:
        raise ValueError(f"interval_word: need finite low <= high, got {low!r}, {high!r}")
    return above if low > 0 else below if high < 0 else across



def effect_range_phrase(low: float, high: float, *, better: str = "improvement",
                        worse: str = "worsening") -> str:
    """What an interval of improvement-signed standardised differences is consistent with.

    Positive values are improvements; each end is worded by :func:`effect_size_word`. Both ends
    with one word on one side of zero: "a large improvement"; different words on one side:
    "anything from a negligible to a large improvement"; an interval that includes zero:
    "anything from a small worsening to a medium improvement". The phrase fits after
    "consistent with".

    >>> effect_range_phrase(0.14, 1.20), effect_range_phrase(1.0, 2.1)
    ('anything from a negligible to a large improvement', 'a large improvement')
    >>> effect_range_phrase(-0.57, -0.11)
    'anything from a negligible to a medium worsening'
    >>> effect_range_phrase(-0.2, 0.6)
    'anything from a small worsening to a medium improvement'
    """
    if not (math.isfinite(low) and math.isfinite(high)) or low > high:
        raise ValueError(f"effect_range_phrase: need finite low <= high, got {low!r}, {high!r}")
    first, second = effect_size_word(low), effect_size_word(high)
    if low < 0 < high:
        return f"anything from a {first} {worse} to a {second} {better}"
    noun = better if high > 0 else worse
    if first == second:
        return f"a {first} {noun}"
    if high <= 0:  # worsenings: the smaller worsening first, as for improvements
        first, second = second, first
    return f"anything from a {first} to a {second} {noun}"

__all__ += ["count_of", "interval_word", "effect_range_phrase"]

#: The lower limits of Cohen's "small", "medium" and "large" (the rule of :func:`effect_size_word`).
EFFECT_BENCHMARKS: tuple[float, ...] = tuple(limit for limit, _ in _EFFECT_BANDS[:-1])

__all__ += ["EFFECT_BENCHMARKS"]
