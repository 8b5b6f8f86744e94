"""Participant flow of Parenting Under Pressure: counts, recorded reasons and diagram steps.

:func:`flow_counts` counts every stage from the records (couples up to the offer, parents from
then on), :func:`flow_reasons` lists the recorded reasons for leaving, and
:func:`flow_steps_from_data` turns both into the steps of :func:`helpers.flow.flow_diagram`;
:func:`not_started_sentence` words the parents lost between assessment and therapy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.datastore import TableSpec
from helpers.flow import FlowStep
from helpers.formatting import pct
from helpers.pup.analysis import PupAnalysis
from helpers.pup.data import COUPLES, PARENTS
from helpers.pup.labels import allowed_codes, code_label
from helpers.words import count_phrase, join_words, number_word, verb

__all__ = [
    "FlowCounts",
    "flow_steps",
    "flow_counts",
    "flow_reasons",
    "flow_steps_from_data",
    "not_started_sentence",
    "screening_sentence",
    "post_consent_sentence",
    "pairs_basis_sentence",
    "UNIT_CHANGE",
    "flow_adds_up",
    "reason_count",
]


@dataclass(frozen=True)
class FlowCounts:
    """Counts at each stage of the participant flow, all computed from the records.

    Couples are the unit up to the offer; parents from then on (two per offered couple).

    Attributes
    ----------
    couples_referred, couples_not_suitable, couples_offered : int
        Couples referred, turned down at screening, and offered the intervention.
    parents_offered : int
        Parents in the offered couples.
    parents_assessed : int
        Parents with at least one individual assessment session.
    parents_entered : int
        Parents who went on to therapy after assessment.
    parents_intake : int
        Parents who entered and completed a usable intake questionnaire.
    parents_intake_consented : int
        Of those, parents who allowed research use of their answers.
    parents_post : int
        Parents with an intake questionnaire who completed the end-of-therapy questionnaire.
    parents_post_consented : int
        Of those, parents who allowed research use (the pre/post analysis sample).
    """

    couples_referred: int
    couples_not_suitable: int
    couples_offered: int
    parents_offered: int
    parents_assessed: int
    parents_entered: int
    parents_intake: int
    parents_intake_consented: int
    parents_post: int
    parents_post_consented: int

    def problems(self) -> list[str]:
        """Stages that do not nest inside the stage before (empty when the counts are coherent)."""
        out = []
        if self.couples_referred - self.couples_not_suitable != self.couples_offered:
            out.append(f"{self.couples_referred} couples referred minus "
                       f"{self.couples_not_suitable} not suitable is not "
                       f"{self.couples_offered} offered")
        chain = [("parents offered", self.parents_offered),
                 ("parents assessed", self.parents_assessed),
                 ("parents entered", self.parents_entered),
                 ("parents with an intake questionnaire", self.parents_intake),
                 ("parents with an end-of-therapy questionnaire", self.parents_post),
                 ("consenting parents with both questionnaires", self.parents_post_consented)]
        for (a, na), (b, nb) in zip(chain, chain[1:]):
            if nb > na:
                out.append(f"{nb} {b} is more than {na} {a}")
        if self.parents_intake_consented > self.parents_intake:
            out.append("more consenting parents at intake than intake questionnaires")
        if self.parents_post_consented > self.parents_intake_consented:
            out.append("more consenting parents with both questionnaires than consenting at intake")
        return out


def flow_steps(counts: FlowCounts) -> list[FlowStep]:
    """The CONSORT-style stages of :func:`helpers.flow.flow_diagram` for these counts.

    Side boxes give the people lost after each stage (differences of the counts, so they add up by
    construction); between the couple and the parent stages the unit changes, which the labels
    say.
    """
    c = counts
    return [
        FlowStep("Couples referred", c.couples_referred,
                 [("Not suitable: met an exclusion criterion", c.couples_not_suitable)]),
        FlowStep("Couples offered the intervention", c.couples_offered),
        FlowStep("Parents in those couples (two per couple)", c.parents_offered,
                 [("Did not take up an individual assessment",
                   c.parents_offered - c.parents_assessed)]),
        FlowStep("Parents with at least one individual assessment", c.parents_assessed,
                 [("Did not start: excluded because of risk, or chose not to begin",
                   c.parents_assessed - c.parents_entered)]),
        FlowStep("Parents who entered the intervention", c.parents_entered,
                 [("No usable intake questionnaire", c.parents_entered - c.parents_intake)]),
        FlowStep("Parents with a usable intake questionnaire", c.parents_intake,
                 [("No end-of-therapy questionnaire", c.parents_intake - c.parents_post)]),
        FlowStep("Parents with an end-of-therapy questionnaire", c.parents_post,
                 [("Refused research use of their answers",
                   c.parents_post - c.parents_post_consented)]),
        FlowStep("Consenting parents with both questionnaires (pre/post analysis)",
                 c.parents_post_consented),
    ]


def _reasons(series: pd.Series, column: str, allowed: Sequence[str]) -> list[tuple[str, int]]:
    """(label, count) of each reason present, largest first (ties in ``allowed`` order)."""
    order = {c: i for i, c in enumerate(allowed)}
    counts = series.dropna().value_counts()
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], order.get(kv[0], len(order))))
    return [(code_label(column, code), int(k)) for code, k in ranked]


def flow_counts(view: PupAnalysis) -> FlowCounts:
    """Count every stage of the participant flow from the records (see :class:`FlowCounts`).

    Forms are counted from ``view.forms``, which lists every questionnaire that exists and whether
    its parent consented, without the answers, so refusals are counted but never analysed.
    """
    couples, parents, forms = view.couples, view.parents, view.forms
    entered = set(parents.loc[parents["entered"].astype(bool), "parent_id"])

    def n_forms(form: str, consented: bool | None = None) -> int:
        rows = forms[(forms["form"] == form) & forms["parent_id"].isin(entered)]
        if consented is not None:
            rows = rows[rows["consented"] == consented]
        return int(rows["parent_id"].nunique())

    return FlowCounts(
        couples_referred=int(len(couples)),
        couples_not_suitable=int((couples["screening_outcome"] == "not_suitable").sum()),
        couples_offered=int((couples["screening_outcome"] == "offered").sum()),
        parents_offered=int(len(parents)),
        parents_assessed=int(parents["assessed"].astype(bool).sum()),
        parents_entered=len(entered),
        parents_intake=n_forms("intake"),
        parents_intake_consented=n_forms("intake", True),
        parents_post=n_forms("post"),
        parents_post_consented=n_forms("post", True),
    )


def flow_reasons(view: PupAnalysis) -> dict[str, list[tuple[str, int]]]:
    """Reasons for leaving the flow, from the records, as ``(label, n)`` lists.

    Keys: ``not_suitable`` (couples' screening reasons), ``not_assessed`` and ``not_entered``
    (parents' reasons before and after assessment).
    """
    p = view.parents
    assessed = p["assessed"].astype(bool)
    entered = p["entered"].astype(bool)
    return {
        "not_suitable": _reasons(view.couples["screening_reason"], "screening_reason",
                                 allowed_codes("screening_reason", COUPLES)),
        "not_assessed": _reasons(p.loc[~assessed, "not_entered_reason"], "not_entered_reason",
                                 allowed_codes("not_entered_reason")),
        "not_entered": _reasons(p.loc[assessed & ~entered, "not_entered_reason"],
                                "not_entered_reason", allowed_codes("not_entered_reason")),
    }


def flow_steps_from_data(view: PupAnalysis) -> list[FlowStep]:
    """:func:`flow_steps` with the recorded reasons in the side boxes where the records have them.

    Raises
    ------
    ValueError
        When the reasons recorded do not add up to the people lost at that stage.
    """
    steps = flow_steps(flow_counts(view))
    reasons = flow_reasons(view)
    where = {0: "not_suitable", 2: "not_assessed", 3: "not_entered"}
    out = []
    for i, step in enumerate(steps):
        if i in where:
            listed = reasons[where[i]]
            if sum(k for _, k in listed) != step.excluded:
                raise ValueError(f"flow: reasons recorded for {where[i]} add up to "
                                 f"{sum(k for _, k in listed)}, but {step.excluded} left at "
                                 f"stage {step.label!r}")
            # the side box heads a list of several reasons with "Excluded (n = ...)" itself
            step = FlowStep(step.label, step.n, [(r[0].upper() + r[1:], k) for r, k in listed]
                            if len(listed) > 1 else step.exclusions)
        out.append(step)
    return out


def not_started_sentence(counts: FlowCounts, reasons: Sequence[tuple[str, int]]) -> str:
    """One sentence on the parents assessed who did not start therapy, with their recorded reasons.

    Reads correctly at 0, 1 and many parents and reasons; verbs agree with each count.

    Parameters
    ----------
    counts : FlowCounts
        The flow (people lost = ``parents_assessed - parents_entered``).
    reasons : sequence of (label, n)
        ``flow_reasons(view)["not_entered"]``: reasons of those lost, largest first, labelled by
        :data:`helpers.pup.labels.LABELS` (``not_entered_reason``).

    Raises
    ------
    ValueError
        When the reasons do not add up to the parents lost, or a label is not a known reason.

    Examples
    --------
    >>> c = FlowCounts(10, 2, 8, 16, 12, 9, 9, 8, 5, 4)
    >>> not_started_sentence(c, [("chose not to begin therapy", 2),
    ...                          ("excluded after assessment because of risk", 1)])
    'Of the three parents who were assessed but did not start, two chose not to begin therapy and one was excluded after assessment because of risk.'
    >>> not_started_sentence(FlowCounts(10, 2, 8, 16, 12, 12, 9, 8, 5, 4), [])
    'Everyone who was assessed went on to start therapy.'
    """
    lost = counts.parents_assessed - counts.parents_entered
    listed = sum(k for _, k in reasons)
    if listed != lost:
        raise ValueError(f"not_started_sentence: reasons add up to {listed}, but {lost} parents "
                         "were assessed and did not start")
    if lost == 0:
        return "Everyone who was assessed went on to start therapy."
    if lost == 1:
        return (f"The one parent who was assessed but did not start "
                f"{_reason_predicate(reasons[0][0], 1)}.")
    parts = [f"{'all ' if k == lost else ''}{number_word(k)} {_reason_predicate(label, k)}"
             for label, k in reasons]
    return (f"Of the {number_word(lost)} parents who were assessed but did not start, "
            f"{join_words(parts)}.")


#: How each reason for not starting reads after a count ("two chose ...", "one was ...").
_REASON_PREDICATES: dict[str, str] = {
    "declined_offer": "did not take up the offer of an assessment",
    "excluded_after_assessment": "{was} excluded after assessment because of risk",
    "chose_not_to_begin": "chose not to begin therapy",
}


def _reason_predicate(label: str, n: int) -> str:
    by_label = {code_label("not_entered_reason", c): c for c in _REASON_PREDICATES}
    if label not in by_label:
        raise ValueError(f"not_started_sentence: {label!r} is not a reason for not starting")
    return _REASON_PREDICATES[by_label[label]].format(was=verb("was", n))


def screening_sentence(counts: FlowCounts, reasons: Sequence[tuple[str, int]]) -> str:
    """The couples referred and those turned down at screening, with the most common reason.

    ``reasons`` is ``flow_reasons(view)["not_suitable"]`` (largest first). Reads correctly at
    0, 1 and many couples, and names every reason tied for most common.

    >>> c = FlowCounts(10, 3, 7, 14, 12, 9, 9, 8, 5, 4)
    >>> screening_sentence(c, [("severe mental illness", 2), ("active court proceedings", 1)])
    'Over the year, 10 couples were referred. Of these, 3 of 10 (30%) were judged not suitable at screening because they met an exclusion criterion; the most common recorded reason was severe mental illness (2 of 3, 67%).'
    >>> screening_sentence(FlowCounts(1, 1, 0, 0, 0, 0, 0, 0, 0, 0), [("a", 1)])
    'Over the year, one couple was referred. It was judged not suitable at screening because it met an exclusion criterion; the recorded reason was a.'
    >>> screening_sentence(FlowCounts(4, 0, 4, 8, 8, 8, 8, 8, 8, 8), [])
    'Over the year, four couples were referred. None was judged unsuitable at screening.'
    """
    referred, k = counts.couples_referred, counts.couples_not_suitable
    listed = sum(n for _, n in reasons)
    if listed != k:
        raise ValueError(f"screening_sentence: reasons add up to {listed}, but {k} couples were "
                         "not suitable")
    text = f"Over the year, {count_phrase(referred, 'couple')} {verb('was', referred)} referred."
    if k == 0:
        return text + " None was judged unsuitable at screening."
    if referred == 1:
        text += " It was judged not suitable at screening because it met an exclusion criterion"
    else:
        text += (f" Of these, {pct(k, referred)} {verb('was', k)} judged not suitable at "
                 f"screening because {'it' if k == 1 else 'they'} met an exclusion criterion")
    top = reasons[0][1]
    tied = [label for label, n in reasons if n == top]
    if len(reasons) == 1:
        return text + f"; the recorded reason was {tied[0]}."
    if len(tied) == 1:
        return text + f"; the most common recorded reason was {tied[0]} ({pct(top, k, nested=True)})."
    return (text + f"; the most common recorded reasons were {join_words(tied)}, "
            f"{pct(top, k, nested=True)} each.")


def post_consent_sentence(counts: FlowCounts) -> str:
    """Parents with an end-of-therapy questionnaire who withheld research use, and who is left.

    >>> post_consent_sentence(FlowCounts(71, 31, 40, 80, 51, 46, 44, 38, 21, 17))
    'Of these, four did not allow their answers to be analysed, which leaves 17 parents with usable answers before and after therapy'
    >>> post_consent_sentence(FlowCounts(71, 31, 40, 80, 51, 46, 44, 38, 1, 1))
    'This parent allowed their answers to be analysed, which leaves one parent with usable answers before and after therapy'
    >>> post_consent_sentence(FlowCounts(71, 31, 40, 80, 51, 46, 44, 38, 0, 0))
    'No parent is therefore left with usable answers before and after therapy'
    >>> post_consent_sentence(FlowCounts(71, 31, 40, 80, 51, 46, 44, 38, 3, 0))
    'None of them allowed their answers to be analysed, which leaves no parents with usable answers before and after therapy'
    """
    post, kept = counts.parents_post, counts.parents_post_consented
    if post == 0:
        return "No parent is therefore left with usable answers before and after therapy"
    left = f"which leaves {count_phrase(kept, 'parent')} with usable answers before and after therapy"
    refused = post - kept
    if post == 1:
        allowed = "did not allow" if refused else "allowed"
        return f"This parent {allowed} their answers to be analysed, {left}"
    if refused == 0:
        return f"All of them allowed their answers to be analysed, {left}"
    if refused == post:
        return f"None of them allowed their answers to be analysed, {left}"
    return f"Of these, {number_word(refused)} did not allow their answers to be analysed, {left}"


def pairs_basis_sentence(n_pairs: int) -> str:
    """Who the comparisons of change rest on (consenting parents with both questionnaires), and
    who they leave out; at 0, that there is no comparison.

    >>> pairs_basis_sentence(17)[:95]
    'The comparisons of change therefore rest on the 17 parents who returned the end-of-therapy ques'
    >>> pairs_basis_sentence(1)[:60]
    'The comparisons of change therefore rest on the one parent w'
    >>> pairs_basis_sentence(0)
    'No parent both returned the end-of-therapy questionnaire and allowed their answers to be used, so the book has no comparison of change to report.'
    """
    if n_pairs == 0:
        return ("No parent both returned the end-of-therapy questionnaire and allowed their answers "
                "to be used, so the book has no comparison of change to report.")
    return (f"The comparisons of change therefore rest on the {count_phrase(n_pairs, 'parent')} "
            "who returned the end-of-therapy questionnaire and allowed their answers to be used, a "
            "self-selected group. Parents who left early, for example because "
            "they joined late in the year or because the COVID-19 lockdown cut therapy short, are "
            "not represented in them; the outcomes chapter compares completers with non-completers "
            "at intake for this reason.")


#: Index in :func:`flow_steps` of the last couple stage; the next stage counts the same couples'
#: parents, so its count is not the one before minus those who left.
UNIT_CHANGE = 1


def flow_adds_up(steps: Sequence[FlowStep]) -> bool:
    """True when every stage of :func:`flow_steps` is the one before minus those who left it,
    except the change of unit from couples to parents (two parents per couple).

    >>> flow_adds_up(flow_steps(FlowCounts(71, 31, 40, 80, 51, 46, 44, 38, 21, 17)))
    True
    >>> flow_adds_up(flow_steps(FlowCounts(71, 31, 40, 79, 51, 46, 44, 38, 21, 17)))
    False
    """
    for i, (a, b) in enumerate(zip(steps, steps[1:])):
        expected = 2 * a.n if i == UNIT_CHANGE else a.n - a.excluded
        if b.n != expected:
            return False
    return True


def reason_count(reasons: Sequence[tuple[str, int]], column: str, code: str,
                 spec: TableSpec = PARENTS) -> int:
    """People with one recorded reason in a :func:`flow_reasons` list (0 when nobody gave it).

    The reason is named by its ``code`` in ``column`` of ``spec`` (default: the parents table),
    so a reworded label cannot silently give 0; an unknown code raises ``ValueError``.

    >>> reason_count([("chose not to begin therapy", 3)], "not_entered_reason", "chose_not_to_begin")
    3
    >>> reason_count([], "not_entered_reason", "excluded_after_assessment")
    0
    """
    if code not in allowed_codes(column, spec):
        raise ValueError(f"reason_count: {code!r} is not a code of {spec.name}.{column}")
    return dict(reasons).get(code_label(column, code), 0)
