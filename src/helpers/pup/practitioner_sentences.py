"""Parenting Under Pressure: the sentences of the therapists' and referrers' chapter.

Each function takes counts of people and returns a sentence that reads correctly at 0, 1 and many
(numbers in words where running text wants them, :mod:`helpers.words`). The counts come from
:func:`helpers.pup.surveys.practitioner_results`.
"""

from __future__ import annotations

from helpers.words import count_of, count_phrase, number_word

__all__ = ["answered_sentence", "helpful_sentence"]


def answered_sentence(returned: int, first_answered: int, first_questions: int,
                      later_answered: int, who: str = "therapist") -> str:
    """Who returned the questionnaire, and how many answered its first part and the rest.

    >>> answered_sentence(10, 10, 2, 8)
    'Ten therapists returned the questionnaire. All 10 therapists answered the first two questions, about how they came to the programme, and eight of the 10 answered the rest.'
    >>> answered_sentence(1, 1, 1, 0)
    'One therapist returned the questionnaire. The one therapist answered the first question, about how they came to the programme, and no therapist answered the rest.'
    >>> answered_sentence(0, 0, 2, 0)
    'No therapists returned the questionnaire.'
    """
    if not 0 <= later_answered <= returned or not 0 <= first_answered <= returned:
        raise ValueError("answered_sentence: more people answered than returned the questionnaire")
    text = f"{count_phrase(returned, who, start=True)} returned the questionnaire."
    if returned == 0:
        return text
    first = count_of(first_answered, returned, who)
    questions = ("the first question" if first_questions == 1
                 else f"the first {count_phrase(first_questions, 'question')}")
    later = (f"{number_word(later_answered)} of the {number_word(returned)}"
             if 0 < later_answered < returned else count_of(later_answered, returned, who))
    return (f"{text} {first[:1].upper() + first[1:]} answered {questions}, about how they came to "
            f"the programme, and {later} answered the rest.")


def helpful_sentence(yes: int, no: int, cannot_say: int, who: str = "referrer") -> str:
    """Whether the therapy was helpful, as the referrers who answered saw it.

    >>> helpful_sentence(3, 0, 2)
    'Of the five referrers who answered, three found the therapy helpful, none said it was not and two could not say, not having seen the couple through therapy.'
    >>> helpful_sentence(1, 0, 0)
    'The one referrer who answered found the therapy helpful.'
    >>> helpful_sentence(0, 0, 0)
    'No referrer answered whether the therapy was helpful.'
    """
    n = yes + no + cannot_say
    if min(yes, no, cannot_say) < 0:
        raise ValueError("helpful_sentence: counts must be 0 or more")
    if n == 0:
        return f"No {who} answered whether the therapy was helpful."
    if n == 1:
        answer = ("found the therapy helpful" if yes else "did not find the therapy helpful" if no
                  else "could not say whether the therapy helped")
        return f"The one {who} who answered {answer}."

    def many(k: int) -> str:
        return "none" if k == 0 else number_word(k)

    tail = f" and {many(cannot_say)} could not say" + (
        ", not having seen the couple through therapy" if cannot_say else "")
    return (f"Of the {count_phrase(n, who)} who answered, {many(yes)} found the therapy helpful, "
            f"{many(no)} said it was not{tail}.")
