"""The evidence behind the PAIRS lessons chapter: counts gathered from the other chapters.

Each value is (count, denominator) so the chapter can print it with
:func:`helpers.formatting.pct`. Everything starts from :func:`helpers.pairs.data.load_pairs`
(consented records only). Deprivation is counted over the same deciles the report's summary
names (:func:`helpers.pairs.deprivation.printed_imd_claims`), as the service chapter does.
"""

from __future__ import annotations

import pandas as pd

from helpers.pairs.acceptance import acceptance
from helpers.pairs.data import PairsData
from helpers.pairs.deprivation import (
    imd_person_deciles,
    printed_imd_claims,
    share_at_most,
)
from helpers.pairs.derived import pip_outcomes_scored, tt_paired, tt_with_data
from helpers.pairs.engagement import not_attended
from helpers.pairs.pip_outcomes import pip_window_overlap
from helpers.pairs.reach import ethnicity_by_service
from helpers.pairs.referrals import referrer_table

__all__ = ["SOURCE_OF_GROUP", "MAIN_SOURCES", "referral_concentration", "main_sources",
           "unknown_ethnicity", "lessons_evidence"]

#: How many of the largest referral sources the lessons chapter names together.
MAIN_SOURCES = 2


#: Referrer groups counted together as one source, as the report's text does ("midwifery").
SOURCE_OF_GROUP: dict[str, str] = {"LEAP midwifery continuity of carer team": "Midwifery",
                                   "Midwife or midwifery service": "Midwifery"}


def referral_concentration(referrers: pd.DataFrame, k: int = 2) -> tuple[list[str], int, int]:
    """The ``k`` largest referral sources, their referrals together and all referrals.

    ``referrers`` is :func:`helpers.pairs.referrals.referrer_table`. Both midwifery groups count
    as one source (:data:`SOURCE_OF_GROUP`); "Other" (a mix of 14 small sources) is never
    counted as one source. Ties keep the report's order.
    """
    source = referrers["group"].map(lambda g: SOURCE_OF_GROUP.get(g, g))
    named = (referrers.assign(source=source)[source != "Other"]
             .groupby("source", sort=False)["n"].sum().sort_values(ascending=False,
                                                                   kind="stable"))
    top = named.head(k)
    return list(top.index), int(top.sum()), int(referrers["denominator"].iloc[0])


def main_sources(data: PairsData, k: int = MAIN_SOURCES) -> tuple[list[str], int, int]:
    """:func:`referral_concentration` of the records' referrer table: the ``k`` largest sources,
    their referrals together and all referrals."""
    return referral_concentration(referrer_table(data), k)


def unknown_ethnicity(data: PairsData) -> dict[str, tuple[int, int]]:
    """(ethnicity not stated or blank, people) for PIP clients and Together Time participants
    (every consented adult of each service, as the report's table 1 counts them)."""
    out = {}
    for key, frame in (("pip", data.pip_clients), ("tt", data.tt_participants)):
        col = frame["ethnicity_group"]
        out[key] = (int((col.isna() | (col == "not_stated")).sum()), len(frame))
    return out


def lessons_evidence(data: PairsData) -> dict[str, tuple[int, int]]:
    """The counts behind the lessons chapter, each as (count, denominator).

    Keys: ``main_sources`` (referrals from the two largest sources, of all referrals),
    ``accepted`` (of referrals), ``antenatal`` (of accepted referrals), ``pip_black`` and
    ``tt_white`` (of each service's adults), ``pip_imd_wide``/``tt_imd_wide`` and
    ``pip_imd_narrow``/``tt_imd_narrow`` (people in the deciles of the report's two summary
    figures, deciles 1-3 and 1-2 as printed, one record per person, of people), ``attended`` and
    ``not_attended`` (of all PIP appointments), ``pip_unknown_ethnicity``/
    ``tt_unknown_ethnicity``, ``pip_initial_and_later`` (clients with an initial and a later
    MORS-SF record, of clients with any), ``pip_one_window`` (clients with MORS-SF records in one
    window only, of clients with any), ``tt_warmth_paired`` (participants with start and end
    MORS-SF, of Together Time participants with data).
    """
    _, main_n, total = main_sources(data)
    claims = printed_imd_claims()
    wide, narrow = claims["about_deciles"], claims["range_deciles"]
    acc = acceptance(data)
    eth = ethnicity_by_service(data).set_index("code")
    deciles = imd_person_deciles(data)
    ap = data.pip_appointments
    unknown = unknown_ethnicity(data)
    overlap = pip_window_overlap(pip_outcomes_scored(data))
    return {
        "main_sources": (main_n, total),
        "accepted": (acc.accepted, acc.referred),
        "antenatal": (acc.antenatal, acc.accepted),
        "pip_black": (int(eth.loc["black", "pip_n"]), int(eth.loc["Total", "pip_n"])),
        "tt_white": (int(eth.loc["white", "tt_n"]), int(eth.loc["Total", "tt_n"])),
        "pip_imd_wide": share_at_most(deciles["pip"], wide),
        "tt_imd_wide": share_at_most(deciles["tt"], wide),
        "pip_imd_narrow": share_at_most(deciles["pip"], narrow),
        "tt_imd_narrow": share_at_most(deciles["tt"], narrow),
        "attended": (int((ap["attendance"] == "attended").sum()), len(ap)),
        "not_attended": not_attended(data),
        "pip_unknown_ethnicity": unknown["pip"], "tt_unknown_ethnicity": unknown["tt"],
        "pip_initial_and_later": (overlap["initial_and_later"], overlap["clients"]),
        "pip_one_window": (overlap["one_window"], overlap["clients"]),
        "tt_warmth_paired": (len(tt_paired(data, "warmth")), len(tt_with_data(data))),
    }
