"""The coding frame of the PAIRS interviews: every theme's wording and area.

The theme codes are those of :data:`helpers.pairs.data.INTERVIEW_THEMES` (the coded table
``interview_excerpts``); the labels and descriptions were written for this book, not taken from
the report's headings. Counts of who raised a theme are in :mod:`helpers.pairs.voices`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from helpers.pairs.data import INTERVIEW_THEMES

__all__ = ["AREAS", "FAMILIES", "WORKFORCE", "Theme", "THEMES", "CodingFrameSize",
           "coding_frame_size"]


@dataclass(frozen=True)
class Theme:
    """One theme of the coding frame: a short label, what it covers, and its area."""

    label: str
    covers: str
    area: str  # one of AREAS


#: Areas of the coding frame, in display order.
FAMILIES, WORKFORCE = "Families", "Workforce and service"
AREAS: tuple[str, ...] = (FAMILIES, WORKFORCE)
_F, _W = FAMILIES, WORKFORCE

#: Wording of every theme code, written for this book (not the report's headings).
THEMES: dict[str, Theme] = {
    "closer_bond": Theme("A closer bond with the baby",
                         "enjoying the baby more, reading cues, feeling connected", _F),
    "less_alone": Theme("Feeling less alone",
                        "finding that other parents struggle too; less isolation", _F),
    "parenting_confidence": Theme("Confidence as a parent",
                                  "trusting one's own decisions about care and routines", _F),
    "heard_and_coping": Theme("Being heard, thinking again, coping",
                              "a space to talk without judgement, new ways of seeing "
                              "worries, practical strategies", _F),
    "ripple_to_family": Theme("Effects on the wider family",
                              "changes felt by partners, older children, grandparents", _F),
    "group_belonging": Theme("A steady group (Together Time)",
                             "the same small group each week; trust to share", _F),
    "not_what_expected": Theme("Not what the advert suggested (Together Time)",
                               "expecting play activities, finding a group about the parent "
                               "and baby", _F),
    "flexible_therapy": Theme("Therapy fitted to the family",
                              "video, phone or in person; spacing and length agreed", _F),
    "warm_first_contact": Theme("A warm first contact",
                                "the first call and assessment made it easier to say yes", _F),
    "pregnancy_start": Theme("Starting in pregnancy",
                             "support before the birth and its effect afterwards", _F),
    "onward_support": Theme("Going on to other support",
                            "further therapy or other local groups afterwards", _F),
    "questionnaires_burden": Theme("Questionnaires out of place",
                                   "outcome forms felt unrelated to the sessions or badly "
                                   "timed", _F),
    "keep_the_service": Theme("Keep the service going",
                              "wanting PAIRS to continue and grow", _F),
    "reflective_space": Theme("Reflective supervision and consultation",
                              "time to think about families and about the practitioner's "
                              "own load", _W),
    "baby_in_view": Theme("Keeping the baby in view",
                          "the baby's experience kept on the agenda of busy services", _W),
    "more_training": Theme("More training wanted",
                           "sessions for midwives, primary care, CAMHS and others", _W),
    "multiple_disadvantage": Theme("Families under several pressures",
                                   "poverty, housing, migration, isolation, trauma; wariness "
                                   "of services and stigma", _W),
    "joint_working": Theme("Working jointly with other services",
                           "sharing information, agreeing roles, building a team around the "
                           "family", _W),
    "referral_pathways": Theme("Referrals resting on a few people",
                               "reliance on a small number of referrers; need for set "
                               "pathways", _W),
    "lasting_impact": Theme("Effects expected to last",
                            "benefits for the child's later mental health and for "
                            "parenting", _W),
    "local_offer_changed": Theme("A changed local offer",
                                 "parenting programmes reshaped; a gap if PAIRS stopped", _W),
    "borough_wide": Theme("Going borough-wide",
                          "a clearer offer for referrers; more referrals to absorb", _W),
    "funding_uncertainty": Theme("Funding uncertainty",
                                 "short-term funding makes planning hard; where funding "
                                 "should come from", _W),
}
if tuple(THEMES) != INTERVIEW_THEMES:  # pragma: no cover - guards an edit in one place only
    raise ImportError("THEMES must list the codes of helpers.pairs.data.INTERVIEW_THEMES in order")


@dataclass(frozen=True)
class CodingFrameSize:
    """How many themes the coding frame has: in all, about families, about the workforce and
    service."""

    themes: int
    families: int
    workforce: int


def coding_frame_size(themes: Mapping[str, Theme] = THEMES) -> CodingFrameSize:
    """Count the themes of ``themes`` (default: :data:`THEMES`) in all and per area.

    Raises ``ValueError`` for a theme whose area is not one of :data:`AREAS`.

    >>> coding_frame_size({"a": Theme("A", "a", FAMILIES), "b": Theme("B", "b", WORKFORCE),
    ...                    "c": Theme("C", "c", WORKFORCE)})
    CodingFrameSize(themes=3, families=1, workforce=2)
    """
    areas = [t.area for t in themes.values()]
    unknown = sorted(set(areas) - set(AREAS))
    if unknown:
        raise ValueError(f"unknown theme area(s): {', '.join(unknown)}; expected one of {AREAS}")
    return CodingFrameSize(themes=len(areas), families=areas.count(FAMILIES),
                           workforce=areas.count(WORKFORCE))
