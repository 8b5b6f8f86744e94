"""Parenting Under Pressure: the sentences of the interview chapter, worded from the counts.

Each function takes counts (of interviewees, couples or themes) and returns one sentence that
reads correctly at 0, 1 and many, with numbers in words where running text wants them
(:mod:`helpers.words`) and shares in the book's display policy (:mod:`helpers.formatting`).
The counts themselves come from :mod:`helpers.pup.voices`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from helpers.words import count_of, count_phrase, join_words, number_word, verb

__all__ = [
    "couples_sentence",
    "interpreted_sentence",
    "universal_sentence",
    "noticed_sentence",
    "relationship_sentence",
    "home_sentence",
    "social_work_sentence",
    "excerpt_gaps_sentence",
    "quotes_withheld_sentence",
]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def couples_sentence(parents: int, couples_both: int) -> str:
    """Whether interviewees took part with or without their partner.

    >>> couples_sentence(11, 3)
    'In three couples both parents took part; the other five parents were interviewed without their partner.'
    >>> couples_sentence(2, 1), couples_sentence(4, 0)
    ('In one couple both parents took part.', 'Every interviewee was interviewed without their partner.')
    """
    alone = parents - 2 * couples_both
    if alone < 0:
        raise ValueError(f"couples_sentence: {couples_both} couples need more than {parents} parents")
    if couples_both == 0:
        return "Every interviewee was interviewed without their partner."
    both = f"In {count_phrase(couples_both, 'couple')} both parents took part"
    if alone == 0:
        return both + "."
    other = "the other parent was" if alone == 1 else f"the other {number_word(alone)} parents were"
    return f"{both}; {other} interviewed without their partner."


def interpreted_sentence(interpreted: int) -> str:
    """Interviews in which a partner interpreted for a parent who did not speak English.

    >>> interpreted_sentence(0)
    'No interview needed a partner to interpret.'
    >>> interpreted_sentence(1)
    'In one interview a parent who did not speak English answered through their partner, who interpreted.'
    >>> interpreted_sentence(3)
    'In three interviews a parent who did not speak English answered through their partner, who interpreted.'
    """
    if interpreted == 0:
        return "No interview needed a partner to interpret."
    return (f"In {count_phrase(interpreted, 'interview')} a parent who did not speak English "
            "answered through their partner, who interpreted.")


def universal_sentence(n_universal: int) -> str:
    """Themes raised by every interviewee for whom they were recorded.

    >>> universal_sentence(0), universal_sentence(1)
    ('No theme was raised by every interviewee for whom it was recorded.', 'One theme was raised by every interviewee for whom it was recorded.')
    >>> universal_sentence(5)
    'Five themes were raised by every interviewee for whom they were recorded.'
    """
    if n_universal == 0:
        return "No theme was raised by every interviewee for whom it was recorded."
    pronoun = "it was" if n_universal == 1 else "they were"
    return (f"{count_phrase(n_universal, 'theme', start=True)} {verb('was', n_universal)} raised "
            f"by every interviewee for whom {pronoun} recorded.")


def noticed_sentence(pattern: Mapping[str, tuple[int, int]], threshold: int) -> str:
    """Relatives or friends noticing a change, by sessions attended, and whether the report's
    reading (section 3.5: only parents with more than ``threshold`` sessions) holds.

    ``pattern`` is :func:`helpers.pup.voices.sessions_pattern` output.

    >>> noticed_sentence({"more": (4, 4), "fewer": (0, 7)}, 4)
    'Relatives or friends had noticed a change for all four interviewees who attended more than four sessions and for none of the seven interviewees who attended four or fewer, as the report observed.'
    >>> noticed_sentence({"more": (1, 2), "fewer": (1, 1)}, 4)
    'Relatives or friends had noticed a change for one of the two interviewees who attended more than four sessions and for the one interviewee who attended four or fewer, so change was not seen only after more sessions, as the report had it.'
    >>> noticed_sentence({"more": (0, 0), "fewer": (1, 7)}, 4)
    'Every interviewee attended four or fewer sessions, so whether more sessions came first cannot be told.'
    """
    (k_more, n_more), (k_fewer, n_fewer) = pattern["more"], pattern["fewer"]
    t = number_word(threshold)
    if n_more == 0 or n_fewer == 0:
        side = f"more than {t}" if n_fewer == 0 else f"{t} or fewer"
        return (f"Every interviewee attended {side} sessions, so whether more sessions came first "
                "cannot be told.")
    text = (f"Relatives or friends had noticed a change for {count_of(k_more, n_more, 'interviewee')}"
            f" who attended more than {t} sessions and for "
            f"{count_of(k_fewer, n_fewer, 'interviewee')} who attended {t} or fewer")
    if k_fewer == 0 and k_more > 0:
        return text + ", as the report observed."
    return text + ", so change was not seen only after more sessions, as the report had it."


def relationship_sentence(not_improved: int, still_changed: int) -> str:
    """Interviewees who did not feel their relationship had improved, and how many of them still
    reported another change (``still_changed`` of ``not_improved``).

    >>> relationship_sentence(0, 0)
    'Every interviewee asked felt their relationship had improved.'
    >>> relationship_sentence(2, 2)
    'Two interviewees did not feel their relationship had improved, though both reported other changes.'
    >>> relationship_sentence(1, 0)
    'One interviewee did not feel their relationship had improved, nor reported other changes.'
    """
    if not 0 <= still_changed <= not_improved:
        raise ValueError(f"relationship_sentence: {still_changed} of {not_improved}")
    if not_improved == 0:
        return "Every interviewee asked felt their relationship had improved."
    start = (f"{count_phrase(not_improved, 'interviewee', start=True)} did not feel their "
             "relationship had improved")
    if still_changed == 0:
        nor = "nor reported" if not_improved == 1 else "and none of them reported"
        return f"{start}, {nor} other changes."
    if still_changed == not_improved:
        who = {1: "they", 2: "both"}.get(not_improved, "all of them")
    else:
        who = f"{number_word(still_changed)} of them"
    return f"{start}, though {who} reported other changes."


def home_sentence(improved: int, worse: int, unchanged: int, improved_roles: str,
                  recorded: int) -> str:
    """How interviewees' living arrangements changed (counts of the ``recorded`` interviewees).

    ``improved_roles`` words who improved ("a father", "two mothers and a father").

    >>> home_sentence(1, 0, 10, "a father", 11)
    'Living arrangements had improved for one interviewee (a father), got worse for nobody and stayed the same for the other 10.'
    >>> home_sentence(0, 0, 4, "", 4)
    'Living arrangements stayed the same for every interviewee.'
    """
    if improved + worse + unchanged != recorded:
        raise ValueError("home_sentence: improved, worse and unchanged must add up to recorded")
    if unchanged == recorded:
        return "Living arrangements stayed the same for every interviewee."
    better = "nobody" if improved == 0 else f"{count_phrase(improved, 'interviewee')} ({improved_roles})"
    worse_text = "nobody" if worse == 0 else count_phrase(worse, "interviewee")
    same = ("nobody else" if unchanged == 0 else
            "the other one" if unchanged == 1 else f"the other {number_word(unchanged)}")
    return (f"Living arrangements had improved for {better}, got worse for {worse_text} and "
            f"stayed the same for {same}.")


def social_work_sentence(fitted: int, with_social_worker: int) -> str:
    """Interviewees with a social worker, and how many said the therapy fitted the plan.

    >>> social_work_sentence(4, 4)
    'Four interviewees had a social worker involved, and all four said the therapy fitted the social work plan.'
    >>> social_work_sentence(0, 1), social_work_sentence(0, 0)
    ('One interviewee had a social worker involved, and did not say the therapy fitted the social work plan.', 'No interviewee had a social worker involved.')
    """
    n = with_social_worker
    if n == 0:
        return "No interviewee had a social worker involved."
    start = f"{count_phrase(n, 'interviewee', start=True)} had a social worker involved, and"
    if n == 1:
        return f"{start} {'said' if fitted else 'did not say'} the therapy fitted the social work plan."
    who = count_of(fitted, n, "interviewee").removesuffix(" interviewees")
    return f"{start} {who} said the therapy fitted the social work plan."


def excerpt_gaps_sentence(missing: Sequence[str]) -> str:
    """One sentence naming the themes without an excerpt
    (:func:`helpers.qualitative.themes_without_excerpts`), in quotation marks because theme labels
    may contain commas; first letters are lowered as in running text.

    >>> excerpt_gaps_sentence([])
    'Every theme has at least one excerpt.'
    >>> excerpt_gaps_sentence(["Relatives noticed", "Spoke up, argued less"])
    'Two themes have no excerpt: “relatives noticed” and “spoke up, argued less”.'
    """
    if not missing:
        return "Every theme has at least one excerpt."
    names = [f"“{m[:1].lower() + m[1:]}”" for m in missing]
    return (f"{count_phrase(len(names), 'theme', start=True)} {verb('has', len(names))} no "
            f"excerpt: {join_words(names)}.")


def quotes_withheld_sentence(not_quoted: int, withheld: int) -> str:
    """Interviewees who did not agree to be quoted, and the excerpts left out for that reason.

    >>> quotes_withheld_sentence(0, 0)
    'Every interviewee agreed to short excerpts of their words being shown.'
    >>> quotes_withheld_sentence(3, 9)
    'Three interviewees did not agree to their words being quoted, so the nine excerpts filed under them are not shown; the themes they raised are still counted above.'
    >>> quotes_withheld_sentence(1, 1)
    'One interviewee did not agree to their words being quoted, so the one excerpt filed under them is not shown; the themes they raised are still counted above.'
    >>> quotes_withheld_sentence(2, 0)
    'Two interviewees did not agree to their words being quoted; no excerpt was filed under them, and the themes they raised are still counted above.'
    """
    if not_quoted == 0:
        return "Every interviewee agreed to short excerpts of their words being shown."
    who = (f"{count_phrase(not_quoted, 'interviewee', start=True)} did not agree to their words "
           "being quoted")
    if withheld == 0:
        return f"{who}; no excerpt was filed under them, and the themes they raised are still counted above."
    excerpts = f"the {number_word(withheld)} {'excerpt' if withheld == 1 else 'excerpts'}"
    return (f"{who}, so {excerpts} filed under them {verb('is', withheld)} not shown; the themes "
            "they raised are still counted above.")
