"""Synthetic PuP interviews: who was interviewed, the themes each raised, illustrative excerpts.

The excerpts are newly written stand-ins for transcript text (see :data:`ILLUSTRATIVE_EXCERPTS`).
"""

from __future__ import annotations

import random
from typing import Any

from helpers.pup.synthetic._search import SearchFailed

__all__ = ["interview_rows", "excerpt_rows", "ILLUSTRATIVE_EXCERPTS"]


def interview_rows(parents: dict[str, dict[str, Any]], incl: dict[str, int],
                   mother: dict[str, str], father: dict[str, str], both_entered: list[str],
                   mother_only: list[str], rng: random.Random) -> list[dict[str, Any]]:
    """Eleven interviewed parents from eight families; which (illustrative) themes each endorsed."""
    both = sorted(both_entered, key=lambda c: rng.random())
    long_ = [c for c in both if incl.get(mother[c], 0) > 4 and incl.get(father[c], 0) > 4]
    short = [c for c in both if incl.get(mother[c], 99) <= 4 and incl.get(father[c], 99) <= 4]
    mixed = [c for c in both if c not in long_ and c not in short]
    chosen: list[str] = []
    # two couples with both parents over four sessions, one couple with both at four or fewer
    pair_couples = long_[:1] + short[:1] + mixed[:1]
    for c in pair_couples:
        chosen += [mother[c], father[c]]
    over = sum(incl.get(p, 0) > 4 for p in chosen)
    singles_pool = [mother[c] for c in both if c not in pair_couples]
    singles_pool += [father[c] for c in both if c not in pair_couples]
    fathers_needed = 1
    mothers_needed = 4
    target_over = 4
    for p in sorted(singles_pool, key=lambda x: rng.random()):
        if parents[p]["couple_id"] in {parents[q]["couple_id"] for q in chosen}:
            continue
        is_f = parents[p]["gender"] == "female"
        if (is_f and mothers_needed == 0) or (not is_f and fathers_needed == 0):
            continue
        over_if = over + (incl.get(p, 0) > 4)
        remaining = mothers_needed + fathers_needed - 1
        if over_if > target_over or over_if + remaining < target_over:
            continue
        chosen.append(p)
        over = over_if
        if is_f:
            mothers_needed -= 1
        else:
            fathers_needed -= 1
        if mothers_needed + fathers_needed == 0:
            break
    if len(chosen) != 11 or over != target_over:
        raise SearchFailed("could not choose eleven interviewees with four over four sessions")
    families = sorted({parents[p]["couple_id"] for p in chosen})
    family_no = {c: k + 1 for k, c in enumerate(sorted(families, key=lambda c: rng.random()))}
    fathers = sorted(p for p in chosen if parents[p]["gender"] == "male")
    paired_fathers = [p for p in fathers if parents[p]["couple_id"] in pair_couples]
    interpreted = paired_fathers[0]
    improved_living = fathers[-1]
    not_improved = sorted(p for p in chosen if parents[p]["gender"] == "female")[:2]
    suggestions = sorted(chosen)[:2]
    wishes = sorted(chosen)[2:5]
    rows = []
    for p in sorted(chosen):
        rows.append({
            "parent_id": p,
            "family": family_no[parents[p]["couple_id"]],
            "interpreted_by_partner": p == interpreted,
            # who may be quoted: here, those who also agreed to the use of their questionnaires
            "quotes_consent": parents[p].get("research_consent") is True,
            "living_arrangements": "improved" if p == improved_living else "unchanged",
            "understanding_self_and_partner": True,
            "change_in_expression_and_communication": rng.random() < 0.7,
            "family_and_friends_noticed": incl.get(p, 0) > 4,
            "relationship_improved": p not in not_improved,
            "children_happier": rng.random() < 0.5,
            "therapy_helped_communication": rng.random() < 0.8,
            "specific_suggestion": p in suggestions,
            "personal_wish": p in wishes,
            "nothing_worse": True,
            "would_recommend": True,
            "in_line_with_social_work_plan": (True if rng.random() < 0.4 else None),
            "better_future_self": rng.random() < 0.8,
            "better_future_children": rng.random() < 0.7,
            "vignette_advice_calm_and_talk": rng.random() < 0.8,
        })
    return rows


#: Newly written, illustrative excerpts per interview theme (two each). Nobody said these words:
#: they stand in for transcript text, reflect the theme only in general terms, are gender-neutral
#: so that any interviewee can carry them, and are marked ``illustrative_synthetic`` in the data.
ILLUSTRATIVE_EXCERPTS: dict[str, tuple[str, str]] = {
    "living_arrangements": (
        "We live in the same place as before. What has changed is how the evenings feel at home.",
        "Nothing moved about who lives where. We just share the space more easily now.",
    ),
    "understanding_self_and_partner": (
        "I began to notice that some of my reactions go back to the way my own family argued.",
        "I used to read my partner's silence as not caring. I now see it was worry.",
    ),
    "change_in_expression_and_communication": (
        "I say what I need early on, rather than holding it in until it bursts out.",
        "I feel braver about bringing things up. Before, I would go quiet for days.",
    ),
    "family_and_friends_noticed": (
        "A cousin asked what had happened to us, because we seemed so much easier together.",
        "My friends say I don't ring them upset late at night any more.",
    ),
    "relationship_improved": (
        "We are kinder to each other. A disagreement is a conversation now, not a fight.",
        "It isn't perfect, but the tension has gone out of the house and we laugh again.",
    ),
    "children_happier": (
        "Our youngest used to go to his room when voices were raised. Now he stays with us.",
        "The children seem lighter. They are not watching our faces all the time.",
    ),
    "therapy_helped_communication": (
        "The therapists made us slow down and take turns. We still do that at home.",
        "Having someone in the room to stop us talking over each other was what helped most.",
    ),
    "specific_suggestion": (
        "Evening appointments would suit parents who work in the day.",
        "A catch-up session a few months later would help couples keep going.",
    ),
    "personal_wish": (
        "I would have liked one more session on my own before the joint ones.",
        "I wish the venue had been a bit nearer to where we live.",
    ),
    "nothing_worse": (
        "I can't name anything that got worse. At the least, things stayed as they were.",
        "No, nothing went backwards for us.",
    ),
    "would_recommend": (
        "I'd tell a friend to try it, especially if they keep having the same row.",
        "Yes, I would recommend it. Starting is hard but it pays off.",
    ),
    "better_future_self": (
        "Next year I hope to be back at college. I've started to think about my own plans.",
        "I feel more hopeful about myself than I have for a long time.",
    ),
    "better_future_children": (
        "I think they'll be more settled and do better at school because home is calmer.",
        "I want them to grow up seeing parents who sort things out by talking.",
    ),
    "vignette_advice_calm_and_talk": (
        "Step away, cool down, and then talk about the money when you are both calm.",
        "Keep the children out of it, take a breath, and ask for help if talking alone fails.",
    ),
    "in_line_with_social_work_plan": (
        "Our social worker knew about the sessions and said they fitted what we were working on.",
        "The social worker and the therapists were pulling in the same direction.",
    ),
}


def excerpt_rows(interviews: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Two illustrative excerpts per theme, each given to a different interviewee who raised it.

    No random numbers are drawn (the other tables' draws are untouched): speakers rotate through
    the theme's raisers in parent order, starting at a different place for each theme.
    """
    from helpers.pup.data import INTERVIEW_THEME_COLUMNS, THEME_RAISED_VALUES

    rows: list[dict[str, Any]] = []
    by_id = sorted(interviews, key=lambda r: r["parent_id"])
    for t, theme in enumerate(INTERVIEW_THEME_COLUMNS):
        raised = THEME_RAISED_VALUES.get(theme, (True,))
        speakers = [r["parent_id"] for r in by_id if r[theme] in raised]
        if theme == "living_arrangements":  # the one parent whose arrangements improved first
            speakers.sort(key=lambda p: next(r[theme] for r in by_id if r["parent_id"] == p)
                          != "improved")
        else:
            speakers = speakers[t % len(speakers):] + speakers[:t % len(speakers)]
        for k, text in enumerate(ILLUSTRATIVE_EXCERPTS[theme]):
            rows.append({"excerpt_id": f"E{len(rows) + 1:02d}",
                         "parent_id": speakers[k % len(speakers)], "theme": theme,
                         "provenance": "illustrative_synthetic", "text": text})
    return rows
