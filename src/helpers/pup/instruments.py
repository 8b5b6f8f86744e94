"""Questionnaires of the Parenting Under Pressure evaluation (Harrow, 2019-20).

Five instruments, each an :class:`~helpers.scoring.Instrument` scored by
:func:`helpers.scoring.score`:

- :data:`CORE10` - psychological distress, 10 items 0-4, total 0-40, higher = worse.
- :data:`RISK` - the CORE-10 risk item plus four further CORE-OM risk items, total 0-20.
- :data:`CSI4` - relationship satisfaction, total 0-21, higher = better.
- :data:`ARGUMENTS` - three questions on arguing, score = item mean 0-3, higher = worse.
- :data:`SATISFACTION` - 11 service-satisfaction items, 1 = certainly true ... 3 = not true.

Item summaries are short paraphrases written for this book; they are not the instruments' wording
(CORE-10 and CORE-OM are copyright CORE System Trust, CSI-4 Funk & Rogge). Raw responses are
stored as answered; reverse keying happens only in scoring.
"""

from __future__ import annotations

from helpers.scoring import Instrument, Item

__all__ = [
    "CORE10",
    "CORE10_RISK_ITEM",
    "CORE10_RELIABLE_CHANGE",
    "CORE10_RELIABILITY",
    "RISK_EXTRA_COREOM_ITEMS",
    "make_risk",
    "RISK",
    "CSI4",
    "ARGUMENTS",
    "SATISFACTION",
    "SATISFACTION_LABELS",
    "INSTRUMENTS",
    "OUTCOME_MEASURES",
]

# --- CORE-10 --------------------------------------------------------------------------------------
# Item order, keying and cut-off follow Barkham M, Bewick B, Mullin T, et al. (2013), the CORE-10
# development paper, Counselling and Psychotherapy Research 13(1):3-13 (online 2012),
# doi:10.1080/14733145.2012.729069.
# Items 2 and 3 are the two positively worded items and are reverse-keyed. Prorating with at most
# one missing item (mean of the answered items x 10) is the CORE convention for the short forms.
_CORE10_SUMMARIES = (
    "felt on edge or anxious",
    "had a person to lean on (positive)",
    "managed when things went badly (positive)",
    "found talking with others overwhelming",
    "had episodes of panic",
    "made plans to take own life (risk item)",
    "had trouble falling asleep",
    "felt without hope",
    "felt low or unhappy",
    "was upset by intrusive images or memories",
)

#: Points a CORE-10 total must fall to count as reliable change (Barkham et al. 2013, as used in the
#: report: a fall of six points or more).
CORE10_RELIABLE_CHANGE: int = 6

#: Internal consistency (Cronbach's alpha) of the CORE-10 in its clinical validation sample
#: (Barkham et al. 2013), used for the Jacobson-Truax threshold the book sets beside the report's.
CORE10_RELIABILITY: float = 0.90

CORE10 = Instrument(
    key="core10",
    name="CORE-10",
    items=tuple(
        Item(f"core10_{i:02d}", text, 0, 4, reverse=i in (2, 3))
        for i, text in enumerate(_CORE10_SUMMARIES, start=1)
    ),
    combine="sum",
    max_missing=1,
    higher_is="worse",
    cutoff=11,
    cutoff_rule="11 or more = clinical range",
    reference="Barkham et al. (2013), Counselling and Psychotherapy Research 13(1):3-13",
)

#: Column of the CORE-10 item that also belongs to the risk score (CORE-10 item 6).
CORE10_RISK_ITEM: str = "core10_06"

# --- Risk -----------------------------------------------------------------------------------------
#: CORE-OM item numbers of the four extra risk items. The report names them by content (better off
#: dead, thoughts of self-harm, self-harm or risk-taking, violence to others). The CORE-OM risk items
#: are 6, 9, 16, 22, 24 and 34 (Evans et al. 2000, J Mental Health 9:247-255); matched by content,
#: the four named ones are 6 (violence to others), 9 (thoughts of self-harm), 24 (better off dead)
#: and 34 (self-harm or risk-taking); item 16 is the one the CORE-10 shares. The numbering was checked
#: against a public copy of the CORE-OM form, not against the form used in Harrow, so it is a
#: parameter of :func:`make_risk`.
RISK_EXTRA_COREOM_ITEMS: tuple[int, ...] = (6, 9, 24, 34)

_COREOM_RISK_SUMMARIES = {
    6: "used physical force against others",
    9: "thought about harming self",
    16: "made plans to take own life",
    22: "threatened or frightened someone",
    24: "thought being dead would be better",
    34: "harmed self or took serious health risks",
}


def make_risk(coreom_items: tuple[int, ...] = RISK_EXTRA_COREOM_ITEMS) -> Instrument:
    """Build the risk score from the CORE-10 risk item plus the given CORE-OM items.

    Parameters
    ----------
    coreom_items : tuple of int
        CORE-OM item numbers of the extra risk items; their raw responses are stored in columns
        ``coreom_NN``. Each item is 0-4; the total (0-4 x number of items) is a plain sum and is
        **not** prorated: a missing item gives a missing score.
    """
    extra = tuple(
        Item(f"coreom_{n:02d}", _COREOM_RISK_SUMMARIES.get(n, f"CORE-OM item {n}"), 0, 4)
        for n in coreom_items
    )
    risk_item = next(i for i in CORE10.items if i.code == CORE10_RISK_ITEM)
    return Instrument(
        key="risk",
        name="Risk (CORE)",
        items=(risk_item, *extra),
        combine="sum",
        max_missing=0,
        higher_is="worse",
        reference="Evans et al. (2002) Br J Psychiatry 180:51-60 (CORE-OM risk items)",
    )


RISK = make_risk()

# --- CSI-4 ----------------------------------------------------------------------------------------
# Funk JL, Rogge RD (2007) "Testing the ruler with item response theory", J Family Psychology
# 21(4):572-583: item 1 (overall happiness) is scored 0-6, items 2-4 0-5, total 0-21; totals below
# 13.5 indicate notable relationship dissatisfaction. No prorating rule is published, so none is used.
CSI4 = Instrument(
    key="csi4",
    name="CSI-4",
    items=(
        Item("csi4_1", "overall happiness with the relationship", 0, 6),
        Item("csi4_2", "warmth and comfort in the relationship", 0, 5),
        Item("csi4_3", "relationship feels rewarding", 0, 5),
        Item("csi4_4", "satisfaction with the relationship overall", 0, 5),
    ),
    combine="sum",
    max_missing=0,
    higher_is="better",
    cutoff=13.5,
    cutoff_rule="below 13.5 = relationship dissatisfaction",
    reference="Funk & Rogge (2007), J Family Psychology 21(4):572-583",
)

# --- Arguments ------------------------------------------------------------------------------------
# Three questions written for the programme (source: the evaluation report, section 2.3); each
# 0 = never ... 3 = very often; the score is the mean of the three. No missing item is allowed
# because the report gives no rule for it.
ARGUMENTS = Instrument(
    key="arguments",
    name="Arguments",
    items=(
        Item("arg_1", "how often the couple row", 0, 3),
        Item("arg_2", "raises voice at partner when angry", 0, 3),
        Item("arg_3", "uses physical force on partner when angry", 0, 3),
    ),
    combine="mean",
    max_missing=0,
    higher_is="worse",
    reference="Parenting Under Pressure evaluation report (2020), section 2.3",
)

# --- Service satisfaction -------------------------------------------------------------------------
#: Response codes of the satisfaction items.
SATISFACTION_LABELS: dict[int, str] = {1: "certainly true", 2: "partly true", 3: "not true"}

# The report names seven of the eleven items by content; items 4, 5, 9 and 10 are not named there and
# their summaries are illustrative assumptions (a typical experience-of-service form).
_SATISFACTION_SUMMARIES = (
    "felt heard by staff",
    "was treated with respect and care",
    "own concerns and opinions were taken seriously",
    "staff seemed to know how to help (illustrative)",
    "the help on offer was explained well (illustrative)",
    "did not wait long to be seen",
    "appointment times suited me",
    "the venue was easy to get to",
    "the rooms were comfortable (illustrative)",
    "overall the help was good (illustrative)",
    "would suggest the service to a friend",
)

SATISFACTION = Instrument(
    key="satisfaction",
    name="Service satisfaction",
    items=tuple(
        Item(f"sat_{i:02d}", text, 1, 3) for i, text in enumerate(_SATISFACTION_SUMMARIES, start=1)
    ),
    combine="mean",
    max_missing=0,
    higher_is="worse",
    cutoff_rule="1 = certainly true, 2 = partly true, 3 = not true; items are reported one by one",
    reference="Parenting Under Pressure evaluation report (2020), section 2.3",
)

#: Every instrument of the evaluation, by key.
INSTRUMENTS: dict[str, Instrument] = {
    i.key: i for i in (CORE10, RISK, CSI4, ARGUMENTS, SATISFACTION)
}

#: The four pre/post outcome measures, in the order of the report's Table 1.
OUTCOME_MEASURES: tuple[Instrument, ...] = (CORE10, RISK, CSI4, ARGUMENTS)
