"""Synthetic coding of the PAIRS interviews: which participant raised which theme, plus a few
short excerpts that are **illustrative synthetic text** written for this book.

No transcript exists here. The coding frame (:data:`helpers.pairs.data.INTERVIEW_THEMES`) was
written for this book from the themes the report describes; how many people in each group raised
each theme (:data:`CODING`) follows what the report says where it says it (e.g. reflective
supervision and consultation were discussed by every stakeholder; one parent found the
questionnaires out of place; two parents of parent-infant psychotherapy went on to further
therapy; two Together Time parents described effects on their family) and is otherwise chosen
to match the report's words ("several", "many", "most"). The excerpt texts (:data:`EXCERPTS`)
are new sentences, not the report's quotes or paraphrases of them; every one is marked
``illustrative_synthetic`` in the data. Real coded transcripts replace this table row for row.
"""

from __future__ import annotations

import random

import pandas as pd

__all__ = ["CODING", "EXCERPTS", "make_excerpts"]

#: Participants who raised each theme: parents by service used (pip only, Together Time only,
#: both), then PAIRS team members and stakeholders. Pools hold 6, 8, 1, 6 and 10 people.
CODING: dict[str, tuple[int, int, int, int, int]] = {
    #                        pip  tt  both team stake
    "closer_bond":           (5,  7,  1,   4,   4),
    "less_alone":            (2,  7,  1,   3,   3),
    "parenting_confidence":  (4,  5,  1,   4,   3),
    "heard_and_coping":      (5,  3,  1,   5,   1),
    "ripple_to_family":      (3,  2,  0,   2,   0),
    "group_belonging":       (0,  7,  1,   2,   2),
    "not_what_expected":     (0,  4,  0,   2,   1),
    "flexible_therapy":      (4,  0,  1,   5,   2),
    "warm_first_contact":    (3,  0,  1,   0,   0),
    "pregnancy_start":       (2,  0,  0,   3,   1),
    "onward_support":        (2,  5,  0,   3,   2),
    "questionnaires_burden": (1,  0,  0,   3,   0),
    "keep_the_service":      (4,  2,  1,   6,   8),
    "reflective_space":      (0,  0,  0,   5,  10),
    "baby_in_view":          (0,  0,  0,   4,   5),
    "more_training":         (0,  0,  0,   2,   4),
    "multiple_disadvantage": (0,  0,  0,   6,   7),
    "joint_working":         (0,  0,  0,   6,   8),
    "referral_pathways":     (0,  0,  0,   4,   3),
    "lasting_impact":        (0,  0,  0,   5,   5),
    "local_offer_changed":   (0,  0,  0,   4,   6),
    "borough_wide":          (0,  0,  0,   5,   6),
    "funding_uncertainty":   (0,  0,  0,   4,   5),
}

#: (theme, speaker pool, text): pools are "pip", "tt", "both" (parents by service), "pairs_team"
#: and "stakeholder". Every text is illustrative synthetic text, newly written for this book.
EXCERPTS: tuple[tuple[str, str, str], ...] = (
    ("closer_bond", "pip", "I look at her now and I actually enjoy her. Before, I was mostly "
                           "scared of getting it wrong."),
    ("closer_bond", "stakeholder", "By the end the mum was chatting away to the baby on my "
                                   "visits, which I had never seen before."),
    ("less_alone", "tt", "Hearing the others made me see that my bad weeks were normal, not a "
                         "sign that I was failing."),
    ("parenting_confidence", "tt", "I trust my own judgement more now, with feeds and with "
                                   "bedtime."),
    ("parenting_confidence", "pairs_team", "Over the weeks parents stop asking permission and "
                                           "start making their own decisions."),
    ("heard_and_coping", "pip", "She let me get all of it out, and then we worked out what I "
                                "could try the next time it happened."),
    ("ripple_to_family", "pip", "My older boy gets a calmer version of me too, and my partner "
                                "noticed that before I did."),
    ("group_belonging", "tt", "Seeing the same faces each week meant that by week three we were "
                              "talking about real things."),
    ("not_what_expected", "tt", "From the listing I expected songs and toys; it turned out to be "
                                "about me and him, which was what I needed."),
    ("flexible_therapy", "pip", "On days I could not face leaving the house we met on video, and "
                                "that kept me going."),
    ("flexible_therapy", "pairs_team", "We change how often and where we meet, rather than ask "
                                       "families to fit our timetable."),
    ("warm_first_contact", "pip", "The first phone call was kind and unhurried, and that is why "
                                  "I said yes."),
    ("pregnancy_start", "pip", "Starting before the birth meant I met my daughter already "
                               "feeling steadier."),
    ("pregnancy_start", "pairs_team", "Working in pregnancy lets us reach the relationship "
                                      "before problems settle in."),
    ("onward_support", "tt", "After the group finished I signed up for two more things at the "
                             "same centre."),
    ("questionnaires_burden", "pip", "Some of the forms asked about things that had nothing to "
                                     "do with what we talked about."),
    ("questionnaires_burden", "pairs_team", "Handing over a questionnaire at the end of a hard "
                                            "session can feel wrong."),
    ("keep_the_service", "pip", "Please keep it going; other mums round here need exactly "
                                "this."),
    ("keep_the_service", "stakeholder", "If this team went, we would have nowhere to take our "
                                        "worries about the youngest children."),
    ("reflective_space", "stakeholder", "Our monthly session is where I get to think a case "
                                        "through instead of just reacting to it."),
    ("reflective_space", "stakeholder", "They ask how we are holding up as well, which hardly "
                                        "happens anywhere else."),
    ("baby_in_view", "pairs_team", "Older children and adults make the most noise; we keep "
                                   "asking what the baby needs."),
    ("more_training", "stakeholder", "A short session for midwives on bonding would reach a lot "
                                     "of families."),
    ("multiple_disadvantage", "pairs_team", "Housing, money and isolation often all arrive "
                                            "together with the referral."),
    ("multiple_disadvantage", "stakeholder", "Some families are wary of anything that sounds "
                                             "like mental health, so trust has to come first."),
    ("joint_working", "stakeholder", "We agree who does what with a family, so they are not "
                                     "telling their story twice."),
    ("referral_pathways", "pairs_team", "A handful of people send us most of our referrals; if "
                                        "they moved on, we would feel it."),
    ("lasting_impact", "pairs_team", "Getting things right in the first year could spare that "
                                     "child a lot of trouble at school age."),
    ("local_offer_changed", "stakeholder", "The way our parenting programmes talk about "
                                           "relationships has changed because of them."),
    ("borough_wide", "stakeholder", "Being able to refer anyone in the borough ends the "
                                    "guessing about addresses."),
    ("borough_wide", "pairs_team", "More referrals will come, and we will need shorter ways of "
                                   "working to meet them."),
    ("funding_uncertainty", "pairs_team", "Planning beyond next spring is hard when we do not "
                                          "know who will fund us."),
)

_POOLS = ("pip", "tt", "both", "pairs_team", "stakeholder")


def _pools(sample: pd.DataFrame) -> dict[str, list[str]]:
    """Participant codes of each speaker pool, sorted."""
    parent_service = {"pip": "pip", "tt": "together_time", "both": "both"}
    pools = {}
    for pool in _POOLS:
        if pool in parent_service:
            rows = (sample["group"] == "parent") & (sample["service"] == parent_service[pool])
        else:
            rows = sample["group"] == pool
        pools[pool] = sorted(sample.loc[rows, "participant_code"])
    return pools


def make_excerpts(rng: random.Random, sample: pd.DataFrame) -> pd.DataFrame:
    """One row per coded passage: 1-3 passages for each participant and theme they raised.

    Parameters
    ----------
    rng : random.Random
        Its own generator, so the other tables do not change when this one does.
    sample : DataFrame
        The generated ``qualitative_sample`` (participant_code, group, service).
    """
    pools = _pools(sample)
    group_of = dict(zip(sample["participant_code"], sample["group"]))
    rows: list[dict] = []
    for theme, counts in CODING.items():
        for pool, n in zip(_POOLS, counts):
            if n > len(pools[pool]):
                raise ValueError(f"{theme}: {n} speakers wanted from {len(pools[pool])} in {pool}")
            for code in sorted(rng.sample(pools[pool], n)):
                for _ in range(rng.randint(1, 3)):
                    rows.append({"participant_code": code, "group": group_of[code],
                                 "theme": theme, "pool": pool, "text": None,
                                 "text_source": None})
    frame = pd.DataFrame(rows)
    for theme, pool, text in EXCERPTS:
        free = frame.index[(frame["theme"] == theme) & (frame["pool"] == pool)
                           & frame["text"].isna()]
        if free.empty:
            raise ValueError(f"no coded passage left for an excerpt on {theme} from {pool}")
        at = rng.choice(list(free))
        frame.loc[at, ["text", "text_source"]] = [text, "illustrative_synthetic"]
    frame.insert(0, "excerpt_id", [f"E{k + 1:03d}" for k in range(len(frame))])
    return frame.drop(columns="pool")
