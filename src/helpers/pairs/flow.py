"""Participant flow of PAIRS: three routes counted from the records, drawn by :mod:`helpers.flow`.

The records hold three routes that share no identifier, so they cannot be joined into one chain:

* **parent–infant psychotherapy**: referrals, those accepted, the adults they brought, the adults
  seen at least once and those with an outcome record;
* **Together Time**: parents in the user records, those who may be counted (consent) and
  returned a questionnaire or set a goal, and those with MORS-SF at both ends;
* **Circle of Security Parenting**: adults in the groups and those recorded as completing.

:func:`flow_counts` counts every stage, :func:`flow_routes` turns the counts into
:class:`FlowRoute` objects (the steps of :func:`helpers.flow.flow_diagram`, whose side boxes are
differences of the counts), :func:`flow_figure` draws the routes one under another in a single
diagram, and :func:`flow_adds_up`, :func:`flow_sentence` and :func:`flow_caption` say in words what
the diagram shows. In the psychotherapy route the unit changes once, from referrals to the adults
they brought (a referral is of a parent and baby; sometimes both parents were accepted).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure

from helpers.flow import FlowStep, flow_diagram, flow_problems
from helpers.formatting import pct
from helpers.pairs.acceptance import acceptance
from helpers.pairs.consent import ANSWERS
from helpers.pairs.data import PairsData
from helpers.pairs.derived import tt_paired, tt_with_data
from helpers.pairs.engagement import engagement_facts
from helpers.words import count_phrase, join_words, number_word, verb

__all__ = [
    "FlowCounts",
    "FlowRoute",
    "flow_counts",
    "flow_routes",
    "route_problems",
    "flow_adds_up",
    "flow_figure",
    "flow_sentence",
    "flow_caption",
]


@dataclass(frozen=True)
class FlowCounts:
    """Counts at each stage of the three PAIRS routes, all from the consented records.

    Attributes
    ----------
    referred, accepted : int
        Referrals to parent–infant psychotherapy, and those accepted.
    not_accepted : tuple of (str, int)
        Referrals not accepted, by recorded reason (display text, largest first; a blank reason
        is listed as "No reason recorded").
    adults : int
        Adults accepted into psychotherapy (the clients the accepted referrals brought).
    referrals_with_adults, shared : int
        Accepted referrals that brought at least one adult, and those that brought more than one.
    adults_seen : int
        Adults with at least one appointment.
    seen_declined : int
        Adults seen who did not agree to the use of their outcome measures.
    with_outcomes : int
        Adults with at least one outcome record (MORS-SF, PAI or LOAF).
    tt_records, tt_consented, tt_with_data, tt_paired : int
        Together Time parents in the user records (before consent), those whose records may be
        used, those with a questionnaire or a goal, and those with complete MORS-SF at the start
        and the end.
    cosp_attendees, cosp_completed : int
        Adults in Circle of Security Parenting groups, and those recorded as completing.
    """

    referred: int
    accepted: int
    not_accepted: tuple[tuple[str, int], ...]
    adults: int
    referrals_with_adults: int
    shared: int
    adults_seen: int
    seen_declined: int
    with_outcomes: int
    tt_records: int
    tt_consented: int
    tt_with_data: int
    tt_paired: int
    cosp_attendees: int
    cosp_completed: int

    @property
    def referrals_without_adults(self) -> int:
        """Accepted referrals with no adult in the client records."""
        return self.accepted - self.referrals_with_adults


@dataclass(frozen=True)
class FlowRoute:
    """One route of the flow: its ``name``, its ``steps`` in order, and ``unit_change``, the index
    of the step after which the unit changes (the next count is not the one before minus those
    who left; ``None`` when the unit never changes)."""

    name: str
    steps: tuple[FlowStep, ...]
    unit_change: int | None = None


def flow_counts(data: PairsData) -> FlowCounts:
    """The :class:`FlowCounts` of the records (:func:`helpers.pairs.data.load_pairs`)."""
    acc = acceptance(data)
    reasons = sorted(acc.reasons.items(), key=lambda kv: -kv[1])
    unrecorded = acc.not_accepted - sum(acc.reasons.values())
    if unrecorded:
        reasons.append(("no reason recorded", unrecorded))
    engagement = engagement_facts(data)
    clients = data.pip_clients
    seen = clients["client_id"].isin(data.pip_appointments["client_id"])
    declined = ANSWERS["psychotherapy_outcomes"].declined(clients)  # the consent module's rule
    accepted_ids = data.referrals.loc[data.referrals["accepted"].eq(True), "referral_id"]
    removed = int(data.excluded_no_consent.get("tt_participants", 0))
    cosp = data.cosp_attendees
    return FlowCounts(
        referred=acc.referred, accepted=acc.accepted,
        not_accepted=tuple((str(r), int(k)) for r, k in reasons),
        adults=acc.clients,
        referrals_with_adults=int(accepted_ids.isin(clients["referral_id"]).sum()),
        shared=acc.shared,
        adults_seen=engagement.adults_seen, seen_declined=int((seen & declined).sum()),
        with_outcomes=int(data.pip_outcomes["client_id"].nunique()),
        tt_records=len(data.tt_participants) + removed, tt_consented=len(data.tt_participants),
        tt_with_data=len(tt_with_data(data)), tt_paired=len(tt_paired(data, "warmth")),
        cosp_attendees=len(cosp), cosp_completed=int(cosp["completed"].fillna(False).sum()),
    )


#: How each route is named where the diagram and the text introduce it.
ROUTE_NAMES = ("Parent–infant psychotherapy", "Together Time", "Circle of Security Parenting")


def _listed(reasons: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Reasons with people in them, each starting with a capital letter."""
    return [(r[:1].upper() + r[1:], k) for r, k in reasons if k > 0]


def flow_routes(counts: FlowCounts) -> tuple[FlowRoute, ...]:
    """The three routes as steps of :func:`helpers.flow.flow_diagram`.

    Side boxes are differences of the counts (so they add up by construction), listing only
    reasons that apply to someone; the first label of each route names the route. The
    psychotherapy route changes unit after its second step (referrals to adults).
    """
    c = counts
    pip = (
        FlowStep(f"{ROUTE_NAMES[0]}: referrals", c.referred, _listed(c.not_accepted)),
        FlowStep("Referrals accepted", c.accepted),
        FlowStep("Adults these referrals brought (both parents in some)", c.adults,
                 _listed([("still waiting for a first appointment", c.adults - c.adults_seen)])),
        FlowStep("Adults seen at least once", c.adults_seen, _listed([
            ("did not agree to the use of their outcome measures", c.seen_declined),
            ("no outcome measure recorded", c.adults_seen - c.seen_declined - c.with_outcomes)])),
        FlowStep("Adults with an outcome record (MORS-SF, PAI or LOAF)", c.with_outcomes),
    )
    tt = (
        FlowStep(f"{ROUTE_NAMES[1]}: parents in the user records", c.tt_records,
                 _listed([("did not agree to the use of their records",
                           c.tt_records - c.tt_consented),
                          ("no questionnaire and no goal", c.tt_consented - c.tt_with_data)])),
        FlowStep("Parents with a questionnaire or a goal", c.tt_with_data,
                 _listed([("no complete MORS-SF at both the start and the end",
                           c.tt_with_data - c.tt_paired)])),
        FlowStep("Parents with MORS-SF at the start and the end", c.tt_paired),
    )
    cosp = (
        FlowStep(f"{ROUTE_NAMES[2]}: adults in the groups", c.cosp_attendees,
                 _listed([("not recorded as completing the course",
                           c.cosp_attendees - c.cosp_completed)])),
        FlowStep("Adults recorded as completing the course", c.cosp_completed),
    )
    return (FlowRoute(ROUTE_NAMES[0], pip, unit_change=1), FlowRoute(ROUTE_NAMES[1], tt),
            FlowRoute(ROUTE_NAMES[2], cosp))


def route_problems(route: FlowRoute) -> list[str]:
    """:func:`helpers.flow.flow_problems` of each part of ``route`` on either side of its change
    of unit (empty when every count is the one before it minus those who left)."""
    steps = list(route.steps)
    if route.unit_change is None:
        return flow_problems(steps)
    k = route.unit_change + 1
    return flow_problems(steps[:k]) + flow_problems(steps[k:])


def flow_adds_up(routes: Sequence[FlowRoute]) -> bool:
    """True when no route has a :func:`route_problems` mismatch.

    >>> flow_adds_up(flow_routes(FlowCounts(10, 8, (("outside", 2),), 9, 8, 1, 9, 0, 5,
    ...                                     6, 6, 5, 3, 4, 2)))
    True
    """
    return all(not route_problems(r) for r in routes)


def flow_figure(routes: Sequence[FlowRoute]) -> Figure:
    """The routes drawn one under another by :func:`helpers.flow.flow_diagram`.

    The diagram is drawn as one chain of every route's steps; the arrow that would join the last
    box of one route to the first box of the next is then removed (its gid ``arrow-<i>``), so each
    route stands on its own and no arrow suggests that people pass from one route to another.
    """
    steps = [s for r in routes for s in r.steps]
    if not steps:
        raise ValueError("flow_figure: no routes to draw")
    fig = flow_diagram(steps)
    ends, i = set(), -1
    for route in list(routes)[:-1]:
        i += len(route.steps)
        ends.add(f"arrow-{i}")
    for patch in list(fig.axes[0].patches):
        if patch.get_gid() in ends:
            patch.remove()
    return fig


def _how_many(k: int) -> str:
    """A count standing for people in running text: "none" at 0, else :func:`number_word`."""
    return "none" if k == 0 else number_word(k)


def _pip_sentence(c: FlowCounts) -> str:
    route = "to parent–infant psychotherapy"
    if c.referred == 0:
        return f"The records hold no referrals {route}."
    if c.accepted == 0:
        if c.referred == 1:
            return f"The one referral {route} in the records was not accepted."
        return f"None of the {count_phrase(c.referred, 'referral')} {route} was accepted."
    text = (f"Of {count_phrase(c.referred, 'referral')} {route}, "
            f"{_how_many(c.accepted)} {verb('was', c.accepted)} accepted")
    if c.adults == 0:
        return text + " and no adult is recorded as a client."
    return (f"{text} and brought {count_phrase(c.adults, 'adult')}; "
            f"{_how_many(c.adults_seen)} {verb('was', c.adults_seen)} seen at least once "
            f"and {_how_many(c.with_outcomes)} {verb('has', c.with_outcomes)} an outcome "
            "record.")


def _groups_sentence(c: FlowCounts) -> str:
    if c.tt_records == 0:
        tt = "Together Time has no parents in its user records"
    else:
        tt = (f"In Together Time, {pct(c.tt_consented, c.tt_records)} parents in the user records "
              f"allowed their records to be used, {_how_many(c.tt_with_data)} returned a "
              f"questionnaire or set a goal and {_how_many(c.tt_paired)} completed the MORS-SF at "
              "both ends")
    if c.cosp_attendees == 0:
        cosp = "the Circle of Security Parenting records hold no attendees"
    else:
        cosp = (f"in Circle of Security Parenting, {pct(c.cosp_completed, c.cosp_attendees)} "
                "adults were recorded as completing the course")
    return f"{tt}; {cosp}."


def flow_sentence(counts: FlowCounts) -> str:
    """The diagram's main counts in two sentences (psychotherapy; the two groups), for readers who
    cannot see it. Reads correctly at 0, 1 and many.

    >>> c = FlowCounts(12, 10, (("outside the area", 2),), 11, 10, 1, 11, 0, 6, 9, 8, 8, 5,
    ...                0, 0)
    >>> flow_sentence(c)[:100]
    'Of 12 referrals to parent–infant psychotherapy, 10 were accepted and brought 11 adults; 11 were seen'
    >>> flow_sentence(c).split(". ")[1]
    'In Together Time, 8 of 9 (89%) parents in the user records allowed their records to be used, eight returned a questionnaire or set a goal and five completed the MORS-SF at both ends; the Circle of Security Parenting records hold no attendees.'
    """
    return f"{_pip_sentence(counts)} {_groups_sentence(counts)}"


def flow_caption(counts: FlowCounts) -> str:
    """The sentence of the figure caption on the change of unit in the psychotherapy route, from
    referrals to the adults they brought; reads correctly at 0, 1 and many.

    >>> c = FlowCounts(3, 2, (), 3, 2, 1, 3, 0, 1, 0, 0, 0, 0, 0, 0)
    >>> flow_caption(c)
    'Each accepted referral brought a single adult, except one that brought more than one.'
    >>> import dataclasses
    >>> flow_caption(dataclasses.replace(c, adults=2, shared=0))
    'Each accepted referral brought a single adult.'
    >>> flow_caption(dataclasses.replace(c, referrals_with_adults=1))
    'Each accepted referral brought a single adult, except one that brought more than one and one that brought none.'
    >>> flow_caption(dataclasses.replace(c, accepted=1, referrals_with_adults=1, adults=2))
    'The one accepted referral brought two adults.'
    >>> flow_caption(dataclasses.replace(c, accepted=0, adults=0))
    'No referral was accepted.'
    """
    c = counts
    if c.accepted == 0:
        return "No referral was accepted."
    if c.accepted == 1:
        return f"The one accepted referral brought {count_phrase(c.adults, 'adult')}."
    exceptions = []
    if c.shared:
        exceptions.append(f"{number_word(c.shared)} that brought more than one")
    if c.referrals_without_adults:
        exceptions.append(f"{number_word(c.referrals_without_adults)} that brought none")
    if not exceptions:
        return "Each accepted referral brought a single adult."
    return f"Each accepted referral brought a single adult, except {join_words(exceptions)}."
