"""Sentences of the Parenting Under Pressure outcomes chapter, worded from the numbers.

Every interpretive word here (fell/rose, larger/smaller, an improvement, effect-size words,
"includes no change", counts in words) is chosen from the results by the rules of
:mod:`helpers.words`, and every sentence reads correctly at 0, 1 and many. Numbers follow the
display policy of :mod:`helpers.formatting`.

Conventions as in :mod:`helpers.pup.outcomes`: differences are pre − post in score points, so on a
measure where higher is worse a positive difference is an improvement.
"""

from __future__ import annotations

import math
from typing import Literal

import pandas as pd

from helpers.formatting import (
    DECIMALS,
    DZ,
    MINUS,
    apa_p,
    apa_t,
    ci,
    integer,
    number,
    pct,
    round_half_up,
)
from helpers.pup.instruments import OUTCOME_MEASURES
from helpers.pup.outcomes import ChangeFacts, FamilySignificance, IntakeSummary
from helpers.stats.paired import PairedResult
from helpers.words import (
    compare_word,
    count_of,
    count_phrase,
    effect_range_phrase,
    effect_size_word,
    interval_word,
    join_words,
    number_word,
    plural,
    share_word,
    verb,
)

__all__ = [
    "PROSE_NAMES",
    "HIGHER_IS",
    "excluded_sentence",
    "intake_reading",
    "score_change",
    "outcome_sentence",
    "difference_phrase",
    "interval_includes_zero",
    "effect_sentence",
    "holm_list",
    "family_sentence",
    "improved_outcomes",
    "family_reading",
    "direction_summary",
    "subgroup_comparison",
    "recovery_sentence",
    "deterioration_sentence",
    "couples_intro",
    "change_caption",
]

HigherIs = Literal["worse", "better"]

#: How each outcome of the report's Table 1 is named inside a sentence, by its key.
PROSE_NAMES: dict[str, str] = {"core10": "CORE-10", "risk": "risk", "csi4": "CSI-4",
                               "arguments": "arguments"}
#: Direction of each outcome's scale, from the instrument definitions.
HIGHER_IS: dict[str, HigherIs] = {m.key: m.higher_is for m in OUTCOME_MEASURES}


def excluded_sentence(intake: int, post: int) -> str:
    """How many questionnaires consent removed, at intake and after therapy.

    >>> excluded_sentence(6, 4)
    'six intake questionnaires and four post-therapy questionnaires were set aside for that reason'
    >>> excluded_sentence(1, 0)
    'one intake questionnaire and no post-therapy questionnaires were set aside for that reason'
    >>> excluded_sentence(0, 0)
    'no questionnaire had to be set aside for that reason'
    """
    if intake == 0 and post == 0:
        return "no questionnaire had to be set aside for that reason"
    return (f"{count_phrase(intake, 'intake questionnaire')} and "
            f"{count_phrase(post, 'post-therapy questionnaire')} were set aside for that reason")


def intake_reading(start: IntakeSummary) -> str:
    """The intake shares in words (:func:`helpers.words.share_word`), as a sentence.

    >>> s = IntakeSummary(38, 14.2, 7.2, 24, 38, 9.2, 5.4, 30)
    >>> intake_reading(s)
    'In other words, most of the parents came in distressed, and most were unhappy in their relationship.'
    >>> intake_reading(IntakeSummary(4, 9.0, 2.0, 0, 4, 15.0, 2.0, 2))
    'In other words, none of the parents came in distressed, and half were unhappy in their relationship.'
    """
    return (f"In other words, {share_word(start.core10_clinical, start.n)} of the parents came in "
            f"distressed, and {share_word(start.csi4_dissatisfied, start.csi4_n)} were unhappy in "
            "their relationship.")


def score_change(result: PairedResult, unit: str = "point") -> str:
    """How the mean score moved, judged at the printed precision of a difference.

    >>> from helpers.stats.paired import paired_comparison
    >>> score_change(paired_comparison([10, 12, 9], [6, 9, 8]))
    'fell by 2.7 points on average'
    >>> score_change(paired_comparison([1, 2], [2, 3])), score_change(paired_comparison([1, 2], [2, 1]))
    ('rose by 1.0 point on average', 'did not change on average')
    """
    d = DECIMALS["difference"]
    size = number(abs(result.diff_mean), d)
    if size == number(0, d):
        return "did not change on average"
    direction = "fell" if result.diff_mean > 0 else "rose"
    return f"{direction} by {size} {unit if size == number(1, d) else unit + 's'} on average"


def _improvement(result: PairedResult, higher_is: HigherIs) -> str:
    d = DECIMALS["difference"]
    if number(abs(result.diff_mean), d) == number(0, d):
        return ""
    better = (result.diff_mean > 0) == (higher_is == "worse")
    return "an improvement" if better else "a deterioration"


def outcome_sentence(result: PairedResult, name: str, higher_is: HigherIs, *,
                     direction: bool = True) -> str:
    """``"Risk scores fell by 2.2 points on average, an improvement (t(16) = 2.61, p = .019)"``.

    ``direction=False`` leaves out "an improvement" / "a deterioration" (for a paragraph that has
    already said which way each scale runs).

    >>> from helpers.stats.paired import paired_comparison
    >>> outcome_sentence(paired_comparison([8, 9, 10], [10, 12, 11]), "CSI-4", "better")
    'CSI-4 scores rose by 2.0 points on average, an improvement (t(2) = −3.46, p = .074)'
    >>> outcome_sentence(paired_comparison([8, 9, 10], [10, 12, 11]), "Risk", "worse", direction=False)
    'Risk scores rose by 2.0 points on average (t(2) = −3.46, p = .074)'
    """
    word = _improvement(result, higher_is) if direction else ""
    return (f"{name} scores {score_change(result)}{', ' + word if word else ''} "
            f"({apa_t(result)})")


def difference_phrase(result: PairedResult) -> str:
    """The mean difference with its interval and whether the interval includes no change.

    >>> from helpers.stats.paired import paired_comparison
    >>> difference_phrase(paired_comparison([8, 9, 10, 9], [10, 12, 11, 8]))
    'the mean difference (pre − post) was −1.3, 95% CI [−4.0, 1.5], an interval that includes no change'
    """
    d = DECIMALS["difference"]
    where = interval_word(result.diff_ci_low, result.diff_ci_high, above="excludes no change",
                          below="excludes no change", across="includes no change")
    return (f"the mean difference (pre {MINUS} post) was {number(result.diff_mean, d)}, "
            f"{ci(result.diff_ci_low, result.diff_ci_high, d, confidence=result.confidence)}, "
            f"an interval that {where}")


def interval_includes_zero(result: PairedResult) -> bool:
    """True when the interval of the mean difference includes no change (an end at 0 counts)."""
    return bool(result.diff_ci_low <= 0 <= result.diff_ci_high)


def effect_sentence(result: PairedResult, name: str, higher_is: HigherIs) -> str:
    """The effect size d_z with its interval, its Cohen word and what the interval allows.

    The interval is read with improvements positive (pre − post when higher is worse, post − pre
    when higher is better) by :func:`helpers.words.effect_range_phrase`; the size word is
    :func:`helpers.words.effect_size_word` of d_z.
    """
    if math.isnan(result.dz):
        return f"No effect size can be computed for {name}."
    e = DECIMALS["effect"]
    sign = 1 if higher_is == "worse" else -1
    low, high = sorted((sign * result.dz_ci_low, sign * result.dz_ci_high))
    allows = effect_range_phrase(low, high, better="average improvement",
                                 worse="average worsening")
    lead = "anything " if allows.startswith("from") else ""
    return (f"The effect size for {name}, {DZ} = {number(result.dz, e)} "
            f"({ci(result.dz_ci_low, result.dz_ci_high, e, confidence=result.confidence)}), is "
            f"{effect_size_word(result.dz)} by Cohen's conventional benchmarks; the data are "
            f"compatible with {lead}{allows}.")


def holm_list(outcomes: pd.DataFrame) -> str:
    """Holm-adjusted p of each outcome of the family, in Table 1 order: ``"p = .051 for CORE-10,
    ..."``. ``outcomes`` is :func:`helpers.pup.outcomes.paired_outcomes`."""
    family = outcomes[outcomes["group"] == "all"]
    if family.empty:
        raise ValueError("holm_list: no outcome measured on everyone")
    return join_words([f"{apa_p(p)} for {PROSE_NAMES[k]}"
                       for k, p in zip(family["key"], family["p_holm"], strict=True)])


def family_sentence(family: FamilySignificance) -> str:
    """How many outcomes fall below the level before and after adjustment (0, 1 and many).

    >>> family_sentence(FamilySignificance(4, 3, 0, 0.05))
    'of the four outcomes, three have p below .05 before adjustment and none after it'
    >>> family_sentence(FamilySignificance(4, 1, 1, 0.05))
    'of the four outcomes, one has p below .05 before adjustment and one after it'
    """
    level = number(family.alpha, 2, leading_zero=False)
    raw = number_word(family.n_raw) if family.n_raw else "none"
    have = verb("has", family.n_raw) if family.n_raw else "has"
    holm = number_word(family.n_holm) if family.n_holm else "none"
    return (f"of the {number_word(family.n_outcomes)} outcomes, {raw} {have} p below {level} "
            f"before adjustment and {holm} after it")


def improved_outcomes(outcomes: pd.DataFrame) -> list[str]:
    """Prose names of the family's outcomes whose mean moved in the direction of improvement,
    judged at the printed precision of a difference (Table 1 order)."""
    d = DECIMALS["difference"]
    names = []
    for key, result in zip(outcomes["key"], outcomes["result"], strict=True):
        if key not in HIGHER_IS or number(abs(result.diff_mean), d) == number(0, d):
            continue
        if (result.diff_mean > 0) == (HIGHER_IS[key] == "worse"):
            names.append(PROSE_NAMES[key])
    return names


def family_reading(outcomes: pd.DataFrame, family: FamilySignificance) -> str:
    """What the family of outcomes supports after Holm's adjustment, chosen from the counts.

    ``outcomes`` is :func:`helpers.pup.outcomes.paired_outcomes`; ``family`` its
    :func:`~helpers.pup.outcomes.family_significance`.
    """
    everyone = outcomes[outcomes["group"] == "all"]
    improved = len(improved_outcomes(everyone))
    level = number(family.alpha, 2, leading_zero=False)
    if family.n_holm:
        return (f"{count_phrase(family.n_holm, 'outcome', start=True)} "
                f"{verb('keeps', family.n_holm)} p below {level} after the adjustment.")
    if family.n_raw and improved == family.n_outcomes:
        return ("The evidence is therefore best described as a consistent pattern of improvement "
                "rather than as several independent findings.")
    if family.n_raw:
        return ("No outcome keeps p below the level after the adjustment, and the outcomes do "
                "not all move in the direction of improvement.")
    return "No outcome, taken on its own, gives clear evidence of change."


def direction_summary(outcomes: pd.DataFrame) -> str:
    """Which of the family's outcomes moved in the direction of improvement, as a clause.

    ``outcomes`` is :func:`helpers.pup.outcomes.paired_outcomes` (only its rows measured on
    everyone count) or any frame with ``key`` and ``result`` columns.

    >>> from helpers.stats.paired import paired_comparison
    >>> up, down = paired_comparison([5, 6], [3, 3]), paired_comparison([3, 3], [5, 6])
    >>> frame = pd.DataFrame({"key": ["core10", "risk"], "result": [up, down]})
    >>> direction_summary(frame)
    'one of the two outcomes (CORE-10) moved in the direction of improvement'
    """
    if "group" in outcomes.columns:
        outcomes = outcomes[outcomes["group"] == "all"]
    names = improved_outcomes(outcomes)
    n = len(outcomes)
    which = f" ({join_words(names)})" if names and len(names) < n else ""
    return f"{count_of(len(names), n, 'outcome')}{which} moved in the direction of improvement"


def subgroup_comparison(subgroup: PairedResult, everyone: PairedResult) -> str:
    """The subgroup's mean change set against everyone's, judged at the printed precision of a
    difference: "a larger fall than across everyone" when both fell, otherwise the two changes
    side by side.

    >>> from helpers.stats.paired import paired_comparison
    >>> big, small = paired_comparison([20, 22], [10, 14]), paired_comparison([10, 12], [8, 10])
    >>> subgroup_comparison(big, small), subgroup_comparison(small, big)
    ('a larger fall than across everyone', 'a smaller fall than across everyone')
    >>> subgroup_comparison(paired_comparison([1, 2], [2, 3]), small)
    'whereas across everyone scores fell by 2.0 points on average'
    """
    d = DECIMALS["difference"]
    fell = [round_half_up(r.diff_mean, d) > 0 for r in (subgroup, everyone)]
    if not all(fell):
        return f"whereas across everyone scores {score_change(everyone)}"
    word = compare_word(round_half_up(subgroup.diff_mean, d), round_half_up(everyone.diff_mean, d),
                        decimals=d, more="a larger",
                        less="a smaller", same="the same")
    return f"{word} fall {'as' if word == 'the same' else 'than'} across everyone"


def recovery_sentence(facts: ChangeFacts) -> str:
    """Who began in the clinical range, who recovered, and the sessions the recovered attended.

    >>> from helpers.pup.sessions import sessions_summary
    >>> s = sessions_summary(pd.Series([4, 5, 12, 6, 9]))
    >>> recovery_sentence(ChangeFacts(9, 5, 1, s))
    'Of the nine parents who began in the clinical range, 5 of 9 (56%) ended below it after a reliable fall, the published definition of recovery. These parents had attended between 4 and 12 sessions, assessment included (median 6.0).'
    >>> recovery_sentence(ChangeFacts(1, 0, 0, None))
    'The one parent who began in the clinical range did not end below it after a reliable fall, the published definition of recovery.'
    >>> recovery_sentence(ChangeFacts(0, 0, 0, None))
    'No parent began in the clinical range, so none could recover in the published sense.'
    """
    n, k, s = facts.n_distressed, facts.n_recovered, facts.recovered_sessions
    if n == 0:
        return "No parent began in the clinical range, so none could recover in the published sense."
    definition = "after a reliable fall, the published definition of recovery."
    if n == 1:
        ended = "ended" if k else "did not end"
        text = f"The one parent who began in the clinical range {ended} below it {definition}"
    else:
        who = pct(k, n) if k else "none"
        text = (f"Of the {number_word(n)} parents who began in the clinical range, {who} ended "
                f"below it {definition}")
    if not k or s is None:
        return text
    if s.n == 1:
        return text + f" This parent had attended {integer(s.minimum)} sessions, assessment included."
    if s.minimum == s.maximum:
        return text + f" Each had attended {integer(s.minimum)} sessions, assessment included."
    return (text + f" These parents had attended between {integer(s.minimum)} and "
            f"{integer(s.maximum)} sessions, assessment included (median "
            f"{number(s.median, DECIMALS['mean'])}).")


def deterioration_sentence(n: int) -> str:
    """Parents whose CORE-10 rose by a reliable amount, as a sentence.

    >>> deterioration_sentence(0), deterioration_sentence(1)
    ("No parent's score rose by a reliable amount.", "One parent's score rose by a reliable amount.")
    >>> deterioration_sentence(3)
    "Three parents' scores rose by a reliable amount."

    In the public edition a count of 1–7 reads "Fewer than 8 parents' scores rose ...".
    """
    if n == 0:
        return "No parent's score rose by a reliable amount."
    who = count_phrase(n, "parent", start=True)  # the public edition's rule applies
    if plural("parent", n) == "parent":
        return f"{who}'s score rose by a reliable amount."
    return f"{who}' scores rose by a reliable amount."


def couples_intro(parents: int, couples: int, both: int) -> str:
    """How the analysed parents sit in couples (0, 1 and many couples with both partners).

    >>> couples_intro(17, 15, 2)
    'The 17 parents with both questionnaires come from 15 couples; in two of them both partners answered.'
    >>> couples_intro(3, 3, 0)
    'The three parents with both questionnaires come from three couples; in none of them did both partners answer.'
    """
    head = (f"The {number_word(parents)} parents with both questionnaires come from "
            f"{count_phrase(couples, 'couple')}")
    if both == 0:
        return head + "; in none of them did both partners answer."
    return head + f"; in {number_word(both)} of them both partners answered."


def change_caption(pre: pd.Series, post: pd.Series, cutoff: float, reliable_change: float) -> str:
    """Caption of the CORE-10 before-and-after plot, with the counts it shows (score points).

    >>> print(change_caption(pd.Series([20, 14, 8]), pd.Series([9, 15, 8]), 11, 6))
    CORE-10 after therapy against before, one marker per parent (three parents). Dashed lines mark the clinical cut-off of 11; the hatched band around the diagonal of no change covers changes of fewer than 6 points. Marker shape and colour show the change category, with its count in the legend. Markers below the diagonal are falls in distress: one parent's score fell, one rose and one stayed the same.
    """
    if len(pre) != len(post):
        raise ValueError("change_caption: pre and post differ in length")
    diff = (pd.Series(pre, dtype="float64").to_numpy() - pd.Series(post, dtype="float64").to_numpy())
    fell, rose = int((diff > 0).sum()), int((diff < 0).sum())
    same = len(diff) - fell - rose
    cut = number(cutoff, 0) if float(cutoff).is_integer() else number(cutoff, 1)
    head = (f"CORE-10 after therapy against before, one marker per parent "
            f"({count_phrase(len(diff), 'parent')}). Dashed lines mark the clinical cut-off of "
            f"{cut}; the hatched band around the diagonal of no change covers changes of fewer "
            f"than {integer(reliable_change)} points. Marker shape and colour show the change "
            "category, with its count in the legend.")
    first = (f"{count_phrase(fell, 'parent')}'s score fell" if fell == 1
             else f"{count_phrase(fell, 'parent')}' scores fell")
    return (head + f" Markers below the diagonal are falls in distress: {first}, "
            f"{number_word(rose) if rose else 'none'} rose and "
            f"{number_word(same) if same else 'none'} stayed the same.")
