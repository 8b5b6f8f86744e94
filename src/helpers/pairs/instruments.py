"""Questionnaires and ratings of the PAIRS evaluation (LEAP parent-infant relationship service, Lambeth).

Each questionnaire is an :class:`~helpers.scoring.Instrument` scored by
:func:`helpers.scoring.score`:

- :data:`MORS_WARMTH`, :data:`MORS_INVASION` - the two 7-item subscales of the Mothers' Object
  Relations Scales short form (MORS-SF), items 0-5, subscale totals 0-35.
- :data:`PRFQ_PM`, :data:`PRFQ_CMS`, :data:`PRFQ_IC` - the three 6-item subscales of the Parental
  Reflective Functioning Questionnaire (items 1-7, subscale = item mean 1-7), as its authors score it;
  :data:`PRFQ_TOTAL` - the "total PRFQ score" the report analyses (sum of the 18 keyed items, 18-126).
- :data:`PAI` - Prenatal Attachment Inventory, 21 items 1-4, total 21-84.

Two clinician or parent ratings are not multi-item questionnaires and have their own helpers:
goal ratings (0-10 per goal, :func:`goal_score`) and the DC:0-5 Levels of Adaptive Functioning
caregiving level (1-4, :data:`LOAF_LEVELS`).

Item summaries are short paraphrases written for this book, not the instruments' wording. Raw
responses are stored as answered; reverse keying happens only in scoring. Where a scoring key could
not be checked against the form the service used, the module says so and the key is a parameter.
"""

from __future__ import annotations

import pandas as pd

from helpers.scoring import Instrument, Item

__all__ = [
    "MORS_ITEMS",
    "MORS_WARMTH_ITEMS",
    "MORS_INVASION_ITEMS",
    "MORS_REFERENCE",
    "make_mors",
    "MORS_WARMTH",
    "MORS_INVASION",
    "mors_concern",
    "PRFQ_SUBSCALE_ITEMS",
    "PRFQ_REVERSE_ITEMS",
    "make_prfq_subscale",
    "make_prfq_total",
    "PRFQ_PM",
    "PRFQ_CMS",
    "PRFQ_IC",
    "PRFQ_TOTAL",
    "PAI",
    "PAI_BANDS",
    "pai_band",
    "GOAL_MIN",
    "GOAL_MAX",
    "goal_score",
    "LOAF_LEVELS",
    "INSTRUMENTS",
]

# --- MORS-SF --------------------------------------------------------------------------------------
# Oates J, Gervai J (2019) "Mothers' perceptions of their infants", J Prenatal & Perinatal Psychology
# and Health 33(4):282-300 (derivation of the 14-item short form); Oates J, Gervai J, Danis I,
# Lakatos K, Davies J (2018) "Validation of the MORS-SF", same journal 33(1):38-50. Items are rated
# 0 (never) to 5 (always); each subscale is the plain sum of its 7 items (0-35); no item is
# reverse-keyed. The subscale of items 1-12 is as listed item by item in Bhopal SS et al.
# (2022) Wellcome Open Research, doi:10.12688/wellcomeopenres.16591.2 (table of the 14 items with
# W/I labels). Items 13 and 14 (one warmth, one invasion) could not be checked against a public
# copy: which is which is a parameter of
# :func:`make_mors`. Prorating (mean of answered items x 7 with at most one missing item per
# subscale) is this book's rule, not the authors': no published prorating rule was found.

#: Paraphrase of each MORS-SF item, by item number (not the published wording).
_MORS_SUMMARIES = {
    1: "baby shows pleasure when looking at me",
    2: "baby gets on my nerves",
    3: "baby enjoys being close and held",
    4: "baby makes sounds to communicate with me",
    5: "baby's behaviour grates on me",
    6: "baby seems fond of me",
    7: "baby asks for more attention than I can give",
    8: "baby shows delight",
    9: "baby's mood swings",
    10: "baby seems to be in control of me",
    11: "baby tries to make me happy",
    12: "baby cries without an obvious cause",
    13: "baby seems affectionate (illustrative: item-to-subscale unverified)",
    14: "baby is demanding (illustrative: item-to-subscale unverified)",
}

#: Item numbers of the two subscales (see the note above on items 13 and 14).
MORS_WARMTH_ITEMS: tuple[int, ...] = (1, 3, 4, 6, 8, 11, 13)
MORS_INVASION_ITEMS: tuple[int, ...] = (2, 5, 7, 9, 10, 12, 14)

#: Raw response columns of the 14 items, ``mors_01`` ... ``mors_14``.
MORS_ITEMS: tuple[str, ...] = tuple(f"mors_{i:02d}" for i in range(1, 15))

MORS_REFERENCE = (
    "Oates & Gervai (2019), J Prenatal & Perinatal Psychology and Health 33(4):282-300; "
    "Oates et al. (2018), same journal 33(1):38-50"
)

#: Reference values the report quotes (Oates & Gervai 2019): community means and concern thresholds.
MORS_WARMTH_COMMUNITY_MEAN = 29
MORS_WARMTH_CONCERN_BELOW = 20
MORS_INVASION_COMMUNITY_MEAN = 10
MORS_INVASION_CONCERN_ABOVE = 12


def make_mors(
    subscale: str,
    warmth_items: tuple[int, ...] = MORS_WARMTH_ITEMS,
    invasion_items: tuple[int, ...] = MORS_INVASION_ITEMS,
    max_missing: int = 1,
) -> Instrument:
    """Build one MORS-SF subscale (``"warmth"`` or ``"invasion"``) as a 7-item sum, 0-35.

    Parameters
    ----------
    subscale : {"warmth", "invasion"}
    warmth_items, invasion_items : tuple of int
        Item numbers (1-14) of each subscale; together they must be 1-14 exactly once.
    max_missing : int
        Missing items allowed before the subscale is missing; with 1 missing item the total is
        prorated (mean of the 6 answered items x 7). A book rule, see the module notes.
    """
    if sorted(warmth_items + invasion_items) != list(range(1, 15)):
        raise ValueError("MORS-SF: warmth and invasion items must be 1-14, each exactly once")
    if subscale == "warmth":
        numbers, higher, cutoff, rule = (
            warmth_items, "better", MORS_WARMTH_CONCERN_BELOW,
            f"below {MORS_WARMTH_CONCERN_BELOW} = concern; community mean about "
            f"{MORS_WARMTH_COMMUNITY_MEAN}",
        )
    elif subscale == "invasion":
        numbers, higher, cutoff, rule = (
            invasion_items, "worse", MORS_INVASION_CONCERN_ABOVE,
            f"above {MORS_INVASION_CONCERN_ABOVE} = concern; community mean about "
            f"{MORS_INVASION_COMMUNITY_MEAN}",
        )
    else:
        raise ValueError(f"MORS-SF subscale must be 'warmth' or 'invasion', not {subscale!r}")
    return Instrument(
        key=f"mors_{subscale}",
        name=f"MORS-SF {subscale}",
        items=tuple(Item(f"mors_{n:02d}", _MORS_SUMMARIES[n], 0, 5) for n in sorted(numbers)),
        combine="sum",
        max_missing=max_missing,
        higher_is=higher,
        cutoff=float(cutoff),
        cutoff_rule=rule,
        reference=MORS_REFERENCE,
    )


MORS_WARMTH = make_mors("warmth")
MORS_INVASION = make_mors("invasion")


def mors_concern(warmth: pd.Series, invasion: pd.Series) -> pd.Series:
    """True where a MORS-SF pair of totals is at a concern level, missing where either is missing.

    The rule is the one the report quotes from Oates & Gervai (2019): warmth below 20 **or**
    invasion above 12. (The authors also describe combined bands; the report does not give them, so
    they are not used.)
    """
    # totals are whole numbers; rounding guards a prorated total against floating-point noise
    concern = ((warmth.round(9) < MORS_WARMTH_CONCERN_BELOW)
               | (invasion.round(9) > MORS_INVASION_CONCERN_ABOVE))
    out = concern.astype("boolean")
    out[warmth.isna() | invasion.isna()] = pd.NA
    return out.rename("mors_concern")


# --- PRFQ -----------------------------------------------------------------------------------------
# Luyten P, Mayes LC, Nijssens L, Fonagy P (2017) "The parental reflective functioning questionnaire:
# Development and preliminary validation", PLOS ONE 12(5):e0176218. 18 items rated 1 (strongly
# disagree) to 7 (strongly agree); three subscales of six items, each scored as the item mean:
# pre-mentalizing modes (PM, higher = more difficulty), certainty about mental states (CMS) and interest
# and curiosity (IC). Items 11 and 18 are reverse-coded (confirmed by the Portuguese validation's
# description, Moreira & Fonseca 2022). The item-to-subscale key below (PM = 1, 4, 7, 10, 13, 16;
# CMS = 2, 5, 8, 11, 14, 17; IC = 3, 6, 9, 12, 15, 18) is the authors' published scoring key as
# recalled for this book; it could not be re-checked against the form used in Lambeth, so it is a
# parameter of the builders. The authors give no prorating rule: none is used.

PRFQ_SUBSCALE_ITEMS: dict[str, tuple[int, ...]] = {
    "pm": (1, 4, 7, 10, 13, 16),
    "cms": (2, 5, 8, 11, 14, 17),
    "ic": (3, 6, 9, 12, 15, 18),
}
PRFQ_REVERSE_ITEMS: tuple[int, ...] = (11, 18)

_PRFQ_NAMES = {
    "pm": "PRFQ pre-mentalizing",
    "cms": "PRFQ certainty about mental states",
    "ic": "PRFQ interest and curiosity",
}
_PRFQ_SUMMARIES = {
    1: "child's behaviour is hard to make sense of",
    2: "knows what the child wants",
    3: "wonders what the child is thinking",
    4: "child acts up to get at me",
    5: "can tell why the child is upset",
    6: "curious about the child's inner world",
    7: "child's mind is a closed book to me",
    8: "always understands the child's reasons",
    9: "thinks about why the child reacts as it does",
    10: "child is difficult on purpose",
    11: "unsure of the child's feelings at times (reverse)",
    12: "enjoys guessing what the child feels",
    13: "child's feelings make no sense to me",
    14: "can read the child like a book",
    15: "interested in how the child sees things",
    16: "child cries to manipulate me",
    17: "certain what the child feels",
    18: "rarely thinks about the child's feelings (reverse)",
}
_PRFQ_REF = "Luyten et al. (2017), PLOS ONE 12(5):e0176218"


def _prfq_item(n: int, reverse_items: tuple[int, ...]) -> Item:
    return Item(f"prfq_{n:02d}", _PRFQ_SUMMARIES[n], 1, 7, reverse=n in reverse_items)


def make_prfq_subscale(
    key: str,
    subscale_items: dict[str, tuple[int, ...]] = PRFQ_SUBSCALE_ITEMS,
    reverse_items: tuple[int, ...] = PRFQ_REVERSE_ITEMS,
) -> Instrument:
    """One PRFQ subscale (``"pm"``, ``"cms"`` or ``"ic"``): mean of its six keyed items, 1-7."""
    numbers = subscale_items[key]
    return Instrument(
        key=f"prfq_{key}",
        name=_PRFQ_NAMES[key],
        items=tuple(_prfq_item(n, reverse_items) for n in numbers),
        combine="mean",
        max_missing=0,
        higher_is="worse" if key == "pm" else "better",
        cutoff_rule="no established cut-offs (Luyten et al. 2017)",
        reference=_PRFQ_REF,
    )


def make_prfq_total(reverse_items: tuple[int, ...] = PRFQ_REVERSE_ITEMS) -> Instrument:
    """The report's "total PRFQ score": sum of the 18 items, 18-126, after reverse keying.

    The report does not say how its total was formed; the authors do not define one. This book
    takes the plain sum of the 18 items with the authors' reverse keying of ``reverse_items``
    (default items 11 and 18). That is an assumption and a parameter. Note that higher
    pre-mentalizing is *worse*, so the total mixes directions; it is reproduced because the report
    analyses it, and the three subscales are reported beside it.
    """
    return Instrument(
        key="prfq_total",
        name="PRFQ total (report's score)",
        items=tuple(_prfq_item(n, reverse_items) for n in range(1, 19)),
        combine="sum",
        max_missing=0,
        higher_is="better",
        cutoff_rule="no established cut-offs",
        reference=_PRFQ_REF + "; total as analysed in the PAIRS evaluation report (2024)",
    )


PRFQ_PM = make_prfq_subscale("pm")
PRFQ_CMS = make_prfq_subscale("cms")
PRFQ_IC = make_prfq_subscale("ic")
PRFQ_TOTAL = make_prfq_total()

# --- PAI ------------------------------------------------------------------------------------------
# Muller ME (1993) "Development of the Prenatal Attachment Inventory", Western J Nursing Research
# 15(2):199-215: 21 items rated 1 (almost never) to 4 (almost always), summed, 21-84, higher = more
# attachment; all items are worded in the same direction (no reverse keying). No prorating rule is
# published, so none is used. Bands: Karaca, Genc Koyucu & Cubukcu Aksu (2022), Archives of
# Psychiatric Nursing 36:78-84, as quoted by the report (not norms).
_PAI_SUMMARIES = (
    "imagines what the baby looks like",
    "feels love for the baby",
    "enjoys the baby's movements",
    "thinks about holding the baby",
    "talks to the baby",
    "plans for after the birth",
    "wonders what the baby is doing",
    "feels close to the baby",
    "shares news of the baby with others",
    "imagines caring for the baby",
    "pictures the baby's personality",
    "touches the bump to feel the baby",
    "dreams about the baby",
    "knows when the baby is asleep",
    "can tell the baby's routine",
    "buys or makes things for the baby",
    "feels the baby is part of the family",
    "calls the baby by a name",
    "thinks the baby knows her",
    "looks forward to meeting the baby",
    "feels the pregnancy is worth it",
)

PAI = Instrument(
    key="pai",
    name="PAI",
    items=tuple(Item(f"pai_{i:02d}", s, 1, 4) for i, s in enumerate(_PAI_SUMMARIES, start=1)),
    combine="sum",
    max_missing=0,
    higher_is="better",
    cutoff_rule="no cut-offs or norms; 21-42 low, 43-63 medium, 64-84 high (Karaca et al. 2022)",
    reference="Muller (1993), Western J Nursing Research 15(2):199-215",
)

#: Bands quoted by the report (Karaca et al. 2022): inclusive total ranges.
PAI_BANDS: dict[str, tuple[int, int]] = {"low": (21, 42), "medium": (43, 63), "high": (64, 84)}


def pai_band(total: pd.Series) -> pd.Series:
    """Band of each PAI total (``"low"``/``"medium"``/``"high"``); missing for a missing total.

    Prorated totals are not produced by :data:`PAI` (no missing item allowed), so every total is a
    whole number and falls in exactly one band.
    """
    out = pd.Series(pd.NA, index=total.index, dtype="string", name="pai_band")
    for band, (lo, hi) in PAI_BANDS.items():
        out[(total >= lo) & (total <= hi)] = band
    return out


# --- Goals ----------------------------------------------------------------------------------------
# Goal-based outcomes (Law D, Jacob J 2015, "Goals and Goal Based Outcomes (GBOs)", CAMHS Press):
# the parent names a goal and rates progress 0 (not achieved at all) to 10 (fully achieved). The
# report: goals set at the first Together Time session and rated again at the end.
GOAL_MIN = 0
GOAL_MAX = 10


def goal_score(ratings: pd.DataFrame, by: str = "participant_id", rating: str = "rating") -> pd.Series:
    """Mean goal rating (0-10) per ``by`` value over that person's rated goals.

    Rows with a missing ``rating`` are ignored (a goal not rated at that time point); a person with
    no rated goal gets no score. Raises ``ValueError`` for a rating outside 0-10.
    """
    values = pd.to_numeric(ratings[rating], errors="raise").astype("float64")
    bad = values.notna() & ((values < GOAL_MIN) | (values > GOAL_MAX))
    if bad.any():
        first = values.index[bad][0]
        raise ValueError(f"goal rating {values[first]} at index {first} is outside 0-10")
    rated = ratings.assign(_r=values).dropna(subset=["_r"])
    return rated.groupby(by)["_r"].mean().rename("goal_score")


# --- LOAF -----------------------------------------------------------------------------------------
#: DC:0-5 Levels of Adaptive Functioning, caregiving dimensions (ZERO TO THREE 2016, DC:0-5
#: Diagnostic Classification, Axis II): one clinician rating 1-4, higher = more impaired.
LOAF_LEVELS: dict[int, str] = {
    1: "well adapted to good enough",
    2: "strained to concerning",
    3: "compromised to disturbed",
    4: "disordered to dangerous",
}

#: Every questionnaire of the evaluation, by key.
INSTRUMENTS: dict[str, Instrument] = {
    i.key: i
    for i in (MORS_WARMTH, MORS_INVASION, PRFQ_PM, PRFQ_CMS, PRFQ_IC, PRFQ_TOTAL, PAI)
}
