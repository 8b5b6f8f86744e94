"""Can the Parenting Under Pressure records support a chapter? The ``enough`` checkers.

Each checker takes what a chapter's load cell loads (:class:`helpers.pup.data.PupData`, or
:class:`helpers.pup.outcomes.OutcomeFrames` for the outcomes chapter) and returns ``None`` when
the records can support the chapter, else one sentence saying what is missing and why, for
:func:`helpers.book.chapter.load_or_skip`'s ``enough``. The problems are looked for in a fixed
order, so the sentence names the first that stops the chapter: nobody consented before no complete
pairs, before a group too small. Everything is read from the consent-filtered analysis view.

Thresholds: a paired comparison needs :data:`MIN_PAIRS` parents in every group the chapter reports
(everyone, distressed at intake, fathers and mothers), so that change has a spread and a
confidence interval; the comparison of those who did and did not return the end-of-therapy
questionnaire needs :data:`MIN_PAIRS` in each; the analyses of couples need two couples.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from helpers.pup.analysis import PupAnalysis
from helpers.pup.outcomes import TABLE1_ROWS, table1_group
from helpers.words import count_phrase, join_words, number_word

if TYPE_CHECKING:  # pragma: no cover - annotations only
    from helpers.pup.data import PupData
    from helpers.pup.outcomes import OutcomeFrames

__all__ = ["MIN_PAIRS", "outcome_problem", "outcomes_enough", "participants_enough",
           "satisfaction_enough", "voices_enough", "practitioners_enough", "lessons_enough",
           "findings_enough"]

#: Fewest parents with both questionnaires a paired comparison (and each group of it) needs.
MIN_PAIRS = 2

#: How the report's Table 1 groups read in a sentence.
_GROUP_WORDS = {"all": "all consenting parents", "distressed": "parents distressed at intake",
                "male": "fathers", "female": "mothers"}


def outcome_problem(paired: pd.DataFrame, intake: pd.DataFrame, declined_intake: int) -> str | None:
    """What stops the before-and-after analyses, or None.

    ``paired`` and ``intake`` are :meth:`PupAnalysis.paired` and :meth:`PupAnalysis.intake`;
    ``declined_intake`` counts intake questionnaires set aside for lack of research consent.

    >>> empty = pd.DataFrame({"completed": pd.Series([], dtype=bool)})
    >>> outcome_problem(pd.DataFrame(), empty, 3)[:52]
    'None of the three parents who returned an intake que'
    """
    if intake.empty:
        if declined_intake:
            return (f"None of the {count_phrase(declined_intake, 'parent')} who returned an intake "
                    "questionnaire agreed to the use of their answers in the evaluation (research "
                    "consent), so there are no answers to analyse.")
        return "No parent returned an intake questionnaire, so there are no answers to analyse."
    if paired.empty:
        return ("No consenting parent completed both the intake and the end-of-therapy "
                "questionnaire, so change during therapy cannot be measured.")
    short = [group for _, group, _ in TABLE1_ROWS[:4]
             if len(table1_group(paired, group)) < MIN_PAIRS]
    if short:
        words = join_words([_GROUP_WORDS[g] for g in short])
        return (f"Fewer than {number_word(MIN_PAIRS)} of the consenting parents with both "
                f"questionnaires are among {words}, and each group the chapter reports needs at "
                "least that many for a spread of change and a confidence interval.")
    done = intake["completed"].astype(bool)
    if min(int(done.sum()), int((~done).sum())) < MIN_PAIRS:
        return (f"Fewer than {number_word(MIN_PAIRS)} consenting parents did not return the "
                "end-of-therapy questionnaire, so their intake scores cannot be compared with "
                "those of the parents who did.")
    if paired["couple_id"].nunique() < 2:
        return ("Every consenting parent with both questionnaires belongs to the same couple, so "
                "the analyses that count each couple once cannot be made.")
    return None


def _view_outcome_problem(view: PupAnalysis) -> str | None:
    return outcome_problem(view.paired(), view.intake(), view.excluded["questionnaires_intake"])


def outcomes_enough(frames: OutcomeFrames) -> str | None:
    """Checker of the outcomes chapter (see :func:`outcome_problem`)."""
    return outcome_problem(frames.paired, frames.intake, frames.n_excluded_intake)


def participants_enough(data: PupData) -> str | None:
    """Checker of the participants chapter: somebody entered and returned an intake questionnaire.

    The chapter describes service records, which need no research consent, so it still renders
    when nobody consented; its sentences about the questionnaires then say so.
    """
    view = data.analysis()
    if view.couples.empty:
        return "No couple was referred, so there is no flow of referrals or parents to describe."
    if view.entered().empty:
        return ("No parent of an offered couple entered the intervention, so there is nobody whose "
                "sessions or characteristics could be described.")
    if not (view.forms["form"] == "intake").any():
        return ("No parent who entered the intervention returned an intake questionnaire, which "
                "held the questions on who the parents were, so the chapter's description of "
                "sessions and characteristics by questionnaire cannot be made.")
    return None


def _satisfaction_problem(view: PupAnalysis) -> str | None:
    if not view.satisfaction.empty:
        return None
    declined = view.excluded["satisfaction"]
    if declined:
        return (f"None of the {count_phrase(declined, 'parent')} who returned the satisfaction form "
                "agreed to the use of their answers in the evaluation (research consent), so there "
                "are no answers to report.")
    return "No parent returned the satisfaction form, so there are no answers to report."


def satisfaction_enough(data: PupData) -> str | None:
    """Checker of the satisfaction chapter: at least one consented satisfaction form."""
    return _satisfaction_problem(data.analysis())


def _voices_problem(view: PupAnalysis) -> str | None:
    if view.interviews.empty:
        return ("No parent was interviewed after therapy (the interviews table has no rows), so "
                "there are no accounts to report.")
    return None


def voices_enough(data: PupData) -> str | None:
    """Checker of the interview chapter: at least one interview. Excerpts may be absent (nobody
    agreed to be quoted); the chapter then says so."""
    return _voices_problem(data.analysis())


def _practitioners_problem(view: PupAnalysis) -> str | None:
    missing = [who for who, frame in (("therapists", view.therapist_survey),
                                      ("referrers", view.referrer_survey)) if frame.empty]
    if missing:
        return (f"No survey answers from {join_words(missing)} are in the records, and the chapter "
                "sets the two groups' views side by side.")
    return None


def practitioners_enough(data: PupData) -> str | None:
    """Checker of the practitioners chapter: answers from both therapists and referrers."""
    return _practitioners_problem(data.analysis())


def lessons_enough(data: PupData) -> str | None:
    """Checker of the lessons chapter, which plans the next evaluation from the spread of change
    and reads the therapists' survey: the outcome and practitioner checks."""
    view = data.analysis()
    return _view_outcome_problem(view) or _practitioners_problem(view)


def findings_enough(data: PupData) -> str | None:
    """Checker of the key-findings page and the summary, which draw on every chapter."""
    view = data.analysis()
    return (_view_outcome_problem(view) or _satisfaction_problem(view) or _voices_problem(view)
            or _practitioners_problem(view))
