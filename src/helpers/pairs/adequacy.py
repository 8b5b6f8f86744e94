"""Whether the PAIRS records can support each chapter: the ``enough`` checkers of
:func:`helpers.book.chapter.load_or_skip`.

Each checker takes the loaded :class:`~helpers.pairs.data.PairsData` (consent already applied)
and returns ``None`` when the chapter's analyses can be made, otherwise one sentence saying what
is missing and why; the chapter then shows that sentence instead of its analyses. The checks run
in the order a reader meets the analyses, so the first problem named is the first the chapter
would hit.

Conventions
-----------
* :data:`MIN_GROUP` is the fewest records or people the book describes with shares, means, a
  trend or a test. Below it a share moves in steps of more than ten percentage points, a mean or
  standard deviation rests on a handful of values, and the words the chapters attach to the
  numbers (largest source, a rise, a concern level) would mean little, so the chapter says so
  rather than printing them. Interviews are not counted against it: the voices chapter needs one
  person in each group it describes.
* When nobody agreed to the use of a kind of record, the sentence says so (rather than "no
  records"), with the number who declined.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from helpers.pairs.data import PairsData
from helpers.pairs.derived import pip_outcomes_scored, tt_scored, tt_with_data
from helpers.pairs.outcome_measures import loaf_ratings
from helpers.pairs.pip_outcomes import WINDOWS, pip_mors_by_window, window_words
from helpers.pairs.tt_levels import tt_loaf_change
from helpers.pairs.tt_outcomes import TT_MEASURES, paired_counts
from helpers.words import count_phrase, number_word, plural

__all__ = [
    "MIN_GROUP",
    "Check",
    "too_few",
    "nobody_agreed",
    "first_problem",
    "service_enough",
    "outcomes_enough",
    "voices_enough",
    "findings_enough",
]

#: The fewest records or people the book analyses as a group (see the module conventions).
MIN_GROUP = 10

#: A check: ``None`` when the data can support one analysis, else the sentence saying why not.
Check = Callable[[PairsData], "str | None"]

_GROUPS = {"parent": "parent", "pairs_team": "member of the PAIRS team",
           "stakeholder": "stakeholder"}


def too_few(n: int, noun: str, purpose: str, *, detail: str = "", minimum: int = MIN_GROUP
            ) -> str | None:
    """``None`` when ``n >= minimum``, else a sentence: how many there are (``n`` of ``noun``,
    then ``detail``) and what needs more.

    >>> too_few(12, "referral", "describing where referrals came from") is None
    True
    >>> too_few(1, "referral", "describing where referrals came from")
    'The records hold one referral; describing where referrals came from needs at least 10.'
    >>> too_few(0, "psychotherapy appointment", "describing engagement")
    'The records hold no psychotherapy appointments; describing engagement needs at least 10.'
    >>> too_few(3, "parent", "describing them", detail=" with an age")
    'The records hold three parents with an age; describing them needs at least 10.'
    """
    if n >= minimum:
        return None
    return f"The records hold {count_phrase(n, noun)}{detail}; {purpose} needs at least {minimum}."


def nobody_agreed(declined: int, noun: str, what: str, use: str = "their records") -> str:
    """The sentence for records that exist but that nobody agreed to have used (``use``: what
    they were asked about).

    >>> nobody_agreed(120, "Together Time parent", "there is nothing about Together Time to report")
    'None of the 120 Together Time parents in the records agreed to the use of their records for the evaluation, so there is nothing about Together Time to report.'
    >>> nobody_agreed(1, "interviewee", "no interview can be reported")
    'The one interviewee in the records did not agree to the use of their records for the evaluation, so no interview can be reported.'
    """
    if declined == 1:
        return (f"The one {noun} in the records did not agree to the use of {use} for the "
                f"evaluation, so {what}.")
    return (f"None of the {count_phrase(declined, noun)} in the records agreed to the use of {use} "
            f"for the evaluation, so {what}.")


def first_problem(data: PairsData, checks: Sequence[Check]) -> str | None:
    """The sentence of the first check that fails, or ``None`` when all pass."""
    for check in checks:
        problem = check(data)
        if problem:
            return problem
    return None


# --- the service ----------------------------------------------------------------------------------

def _referrals(d: PairsData) -> str | None:
    return too_few(len(d.referrals), "referral",
                   "describing where referrals came from and which were accepted")


def _appointments(d: PairsData) -> str | None:
    return too_few(len(d.pip_appointments), "psychotherapy appointment",
                   "describing how families used psychotherapy")


def _clients(d: PairsData) -> str | None:
    ages = int(d.pip_clients["age_at_referral"].notna().sum())
    return (too_few(len(d.pip_clients), "psychotherapy client", "describing who was reached")
            or too_few(ages, "psychotherapy client", "describing their ages",
                       detail=" with a recorded age"))


def _together_time(d: PairsData) -> str | None:
    kept, declined = len(d.tt_participants), d.declined.get("together_time", 0)
    if kept == 0 and declined:
        return nobody_agreed(declined, "Together Time parent",
                             "there is nothing about Together Time to report")
    if kept == 0:
        return ("The Together Time user records (tt_participants.csv) hold no parents, so there "
                "is nothing about Together Time to report.")
    with_data = tt_with_data(d)
    return (too_few(kept, "Together Time parent", "describing who Together Time reached",
                    detail=" who agreed to the use of their records")
            or too_few(int(with_data["age"].notna().sum()), "Together Time parent",
                       "describing their ages",
                       detail=" with a recorded age and a questionnaire or goal"))


def _postcodes(d: PairsData) -> str | None:
    imd = d.imd_records
    for code, service in (("parent_infant_psychotherapy", "psychotherapy"),
                          ("together_time", "Together Time")):
        problem = too_few(int((imd["service"] == code).sum()), f"{service} postcode record",
                          "describing deprivation")
        if problem:
            return problem
    return None


SERVICE_CHECKS: tuple[Check, ...] = (_referrals, _appointments, _clients, _together_time,
                                     _postcodes)


def service_enough(data: PairsData) -> str | None:
    """Checker of the service chapter: referrals, appointments, clients, consented Together Time
    parents with ages, and both services' postcodes (an empty register or Circle of Security
    table is said in the chapter's own sentences)."""
    return first_problem(data, SERVICE_CHECKS)


# --- outcomes -------------------------------------------------------------------------------------

def _pip_outcomes(d: PairsData) -> str | None:
    if d.pip_outcomes.empty and d.declined.get("psychotherapy_outcomes", 0):
        return nobody_agreed(d.declined["psychotherapy_outcomes"], "psychotherapy client",
                             "there are no psychotherapy outcomes to report",
                             use="their outcome measures")
    scored = pip_outcomes_scored(d)
    by_window = pip_mors_by_window(scored)
    for code in WINDOWS:
        problem = too_few(int(by_window.at[code, "n"]), "complete MORS-SF record",
                          "describing a window", detail=f" in the {window_words(code)} window")
        if problem:
            return problem
    return (too_few(int(scored["pai"].notna().sum()), "PAI total", "describing the PAI")
            or too_few(loaf_ratings(scored, "client_id").ratings, "psychotherapy LOAF rating",
                       "describing the LOAF ratings"))


def _tt_pairs(d: PairsData) -> str | None:
    counts = paired_counts(d)
    for label, column, _, _ in TT_MEASURES:
        n = counts[column]
        if n < MIN_GROUP:
            who = "No Together Time parent has" if n == 0 else (
                f"Only {count_phrase(n, 'Together Time parent')} {'has' if n == 1 else 'have'}")
            return (f"{who} a {label} score at both the start and the end; a before-and-after "
                    f"comparison needs at least {MIN_GROUP}.")
    loaf = tt_loaf_change(tt_scored(d))
    return too_few(loaf.n, "Together Time child", "comparing the ratings",
                   detail=" rated on the LOAF at both the start and the end")


OUTCOMES_CHECKS: tuple[Check, ...] = (_pip_outcomes, _together_time, _tt_pairs)


def outcomes_enough(data: PairsData) -> str | None:
    """Checker of the outcomes chapter: psychotherapy records in every window, PAI and LOAF
    ratings, then consented Together Time parents with pairs for every comparison."""
    return first_problem(data, OUTCOMES_CHECKS)


# --- voices ---------------------------------------------------------------------------------------

def _interviews(d: PairsData) -> str | None:
    qs = d.qualitative_sample
    if qs.empty and d.declined.get("interviews", 0):
        return nobody_agreed(d.declined["interviews"], "interviewee",
                             "no interview can be reported")
    if qs.empty:
        return ("The records hold no interviews (qualitative_sample.csv is empty), so there is "
                "nothing people said to report.")
    missing = [plural(noun, 2) for code, noun in _GROUPS.items() if not (qs["group"] == code).any()]
    if missing:
        return (f"No {missing[0]} took part in the interviews held in the records; the chapter "
                f"sets the views of all {number_word(len(_GROUPS))} groups side by side.")
    parents = qs[qs["group"] == "parent"]
    if not (parents["method"] == "focus_group").any() or (parents["method"] == "focus_group").all():
        return ("The parents in the records were not seen both in interviews and in a focus "
                "group, and the chapter describes both.")
    if d.interview_excerpts.empty:
        return ("The records hold no coded passages (interview_excerpts.csv is empty), so no "
                "theme can be counted.")
    return None


VOICES_CHECKS: tuple[Check, ...] = (_interviews,)


def voices_enough(data: PairsData) -> str | None:
    """Checker of the voices chapter: someone agreed, every group took part, parents in both an
    interview and a focus group, and coded passages."""
    return first_problem(data, VOICES_CHECKS)


def findings_enough(data: PairsData) -> str | None:
    """Checker of the chapters that draw on all the others (key findings, lessons, the summary):
    every check of the service, outcomes and voices chapters."""
    return first_problem(data, SERVICE_CHECKS + OUTCOMES_CHECKS + VOICES_CHECKS)
