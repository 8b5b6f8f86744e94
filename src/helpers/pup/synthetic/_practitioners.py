"""Synthetic PuP practitioner questionnaires: one row per therapist and per referrer.

The answers reproduce the counts behind the report's percentages (see
:mod:`helpers.pup.surveys` for the questions and the printed figures they are compared with).
"""

from __future__ import annotations

import random
from typing import Any

__all__ = ["therapist_rows", "referrer_rows"]


def therapist_rows(rng: random.Random) -> list[dict[str, Any]]:
    """Ten therapists: all answered the first two questions, eight the rest."""
    rows = []
    reasons = ["referred_near_end"] * 3 + ["covid_19"] * 2 + ["other_commitments"] * 2 + \
        ["ambivalent_about_fit"]
    referrals = ["most_of_the_time"] * 6 + ["not_appropriate", "about_half"]
    understood = [True] * 7 + [False]
    no_concern = [True] * 5 + [False] * 3
    contact = ["little_or_none"] * 4 + ["good_working_relationship"] * 4
    for lst in (reasons, referrals, understood, no_concern, contact):
        rng.shuffle(lst)
    for k in range(10):
        full = k < 8
        row = {
            "therapist_id": f"T{k + 1:02d}",
            "heard_via": "tavistock_relationships" if k not in (3, 7) else "asian_family_counselling_service",
            "preparation": "four_day_training" if k % 2 == 0 else "previous_mbt_training",
            "referrals_appropriate": referrals[k] if full else None,
            "couples_understood": understood[k] if full else None,
            "safety_concerns": (not no_concern[k]) if full else None,
            "valued_co_therapist": True if full else None,
            "supervision_rating": "excellent" if full else None,
            "childrens_services_contact": contact[k] if full else None,
            "review_meeting_with_social_worker": False if full else None,
            "saw_positive_change_in_couples": True if full else None,
            "conflict_reduced_or_manageable": True if full else None,
            "positive_change_in_children": True if full else None,
            "main_non_completion_reason": reasons[k] if full else None,
        }
        rows.append(row)
    return rows


def referrer_rows() -> list[dict[str, Any]]:
    """Five referrers' answers, fixed (no random draws)."""
    cc = "cannot_comment"
    table = [
        # relating to each other, to children, incident, work, plan, life event, helpful
        ("yes", "yes", "no", False, True, False, "yes"),
        ("no", cc, cc, False, False, False, cc),
        ("yes", cc, "no", False, False, True, "yes"),
        ("no", cc, cc, False, False, False, cc),
        ("yes", "yes", "yes", True, True, True, "yes"),
    ]
    keys = ("couple_relating_changed", "children_relating_changed", "incident_of_concern",
            "work_situation_changed", "social_work_plan_changed", "significant_life_event",
            "therapy_helpful")
    return [{"referrer_id": f"R{k + 1}", **dict(zip(keys, vals))} for k, vals in enumerate(table)]
