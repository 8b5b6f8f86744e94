"""Referrals to PAIRS parent–infant psychotherapy: who referred, which referrals were accepted
and when.

Everything starts from :func:`helpers.pairs.data.load_pairs` (consented records only); printed
figures come from ``data/published/pairs.yaml`` through :func:`helpers.published.published`.

Conventions
-----------
* Referrals are counted per referral of a parent-infant dyad (358); the report's table 3 counts
  adults (285 adults came through 284 accepted referrals).
* Percentages are ``100 * count / denominator`` in percent units, unrounded; a printed percentage
  agrees with the records as :func:`helpers.pairs.printed.agrees` decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from great_tables import GT, loc, style

from helpers.formatting import integer, number
from helpers.pairs.data import (
    NON_ACCEPTANCE_LABELS,
    OTHER_REFERRER_CATEGORIES,
    REFERRER_GROUPS,
    PairsData,
    referrer_group,
)
from helpers.pairs.printed import agrees, pct_difference, printed_decimals
from helpers.published import published
from helpers.tables import mark_total_and_missing
from helpers.words import join_words

__all__ = [
    "REPORT_GROUPS",
    "MIDWIFERY_GROUPS",
    "referrer_table",
    "referrer_gt",
    "referrer_clauses",
    "other_referrers",
    "other_referrers_gt",
    "ReferralFacts",
    "referral_facts",
    "Acceptance",
    "acceptance",
    "reasons_text",
]

#: Referrer groups in the order of the report's appendix 4 (15 named groups, then "Other").
REPORT_GROUPS: tuple[str, ...] = (*REFERRER_GROUPS, "Other")
#: The two referrer groups that are midwifery services.
MIDWIFERY_GROUPS: tuple[str, ...] = ("LEAP midwifery continuity of carer team",
                                     "Midwife or midwifery service")

_TOTAL = "Total"


def referrer_table(data: PairsData, printed: Sequence[dict] | None = None) -> pd.DataFrame:
    """Referrals by the report's referrer group, over all referrals, beside the printed figures.

    Parameters
    ----------
    data : PairsData
    printed : sequence of dict, optional
        ``referrals.by_category`` of the published figures (default: read from the YAML); entries
        in the report's order, each with ``category``, ``n`` and ``pct``.

    Returns
    -------
    DataFrame
        One row per group in :data:`REPORT_GROUPS` order: ``group``, ``n``, ``percent`` (of all
        referrals), ``denominator``, ``printed_n``, ``printed_pct``, ``agrees`` (the printed
        percentage follows from the count at its printed precision).

    Raises
    ------
    ValueError
        If the printed list does not name the groups in the order of :data:`REPORT_GROUPS`.
    """
    if printed is None:
        printed = published("pairs")["referrals"]["by_category"]
    if len(printed) != len(REPORT_GROUPS):
        raise ValueError(f"referrer_table: {len(printed)} printed groups, expected "
                         f"{len(REPORT_GROUPS)}")
    for entry, group in zip(printed, REPORT_GROUPS, strict=True):
        if not str(entry["category"]).lower().startswith(group.lower()):
            raise ValueError(f"referrer_table: printed group {entry['category']!r} is not "
                             f"{group!r}; the printed list must follow REPORT_GROUPS")
    ref = data.referrals
    counts = referrer_group(ref["referrer_category"]).value_counts()
    total = len(ref)
    rows = []
    for entry, group in zip(printed, REPORT_GROUPS, strict=True):
        n = int(counts.get(group, 0))
        value = 100.0 * n / total
        rows.append({"group": group, "n": n, "percent": value, "denominator": total,
                     "printed_n": int(entry["n"]), "printed_pct": float(entry["pct"]),
                     "agrees": agrees(entry["pct"], value, printed_decimals(entry["pct"], 1))})
    return pd.DataFrame(rows)


def referrer_gt(table: pd.DataFrame, *, source_note: str | None = None) -> GT:
    """Table of :func:`referrer_table`: n and % of all referrals beside the printed %, a Total row.

    A printed percentage that does not follow from its count is marked "✗ differs" in words and
    in bold (colour is not used as the only cue).
    """
    total_n = int(table["n"].sum())
    denominator = int(table["denominator"].iloc[0])
    if total_n != denominator:
        raise ValueError(f"referrer_gt: groups add to {total_n}, not to the {denominator} referrals")
    out = pd.DataFrame({
        "group": list(table["group"]) + [_TOTAL],
        "n": list(table["n"]) + [total_n],
        "percent": list(table["percent"]) + [100.0],
        "printed": [number(p, printed_decimals(p, 1)) for p in table["printed_pct"]]
        + [number(table["printed_pct"].sum(), 1)],
        "check": ["✓ agrees" if a else "✗ differs" for a in table["agrees"]] + [""],
    })
    bad = [int(i) for i in np.flatnonzero(~table["agrees"].to_numpy(bool))]
    gt = (
        GT(out)
        .fmt_integer(columns="n")
        .fmt_number(columns="percent", decimals=1)
        .cols_label(cases={"group": "Referrer group", "n": "n", "percent": "% (records)",
                           "printed": "% (printed)", "check": "Printed %"})
        .cols_align(align="right", columns=["n", "percent", "printed"])
        .pipe(mark_total_and_missing, [len(out) - 1])
        .tab_source_note(f"Percentages are of all {integer(denominator)} referrals. The printed "
                         "Total is the sum of the printed percentages.")
    )
    if bad:
        gt = gt.tab_style(style=style.text(weight="bold"), locations=loc.body(columns="check",
                                                                             rows=bad))
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt


def referrer_clauses(table: pd.DataFrame) -> list[str | None]:
    """One :func:`helpers.pairs.printed.pct_difference` clause per row of :func:`referrer_table`
    (None = agrees)."""
    return [pct_difference(f"the {r.group} group" if r.group != "Other" else "the Other group",
                           r.printed_pct, int(r.n), int(r.denominator),
                           printed_decimals(r.printed_pct, 1))
            for r in table.itertuples()]


def other_referrers(data: PairsData) -> pd.DataFrame:
    """The detailed referrer categories the report groups as "Other", largest first.

    Returns
    -------
    DataFrame
        ``category``, ``n``, ``percent`` (of the "Other" referrals), with every one of the 14
        categories (zero counts kept), ties in alphabetical order.
    """
    cat = data.referrals["referrer_category"]
    other = cat[cat.isin(OTHER_REFERRER_CATEGORIES)]
    counts = other.value_counts().reindex(list(OTHER_REFERRER_CATEGORIES), fill_value=0)
    frame = pd.DataFrame({"category": counts.index.astype(str), "n": counts.to_numpy(int)})
    frame = frame.sort_values(["n", "category"], ascending=[False, True], kind="stable")
    total = int(frame["n"].sum())
    frame["percent"] = 100.0 * frame["n"] / total if total else np.nan
    return frame.reset_index(drop=True)


def other_referrers_gt(others: pd.DataFrame) -> GT:
    """Table of :func:`other_referrers`: referrer, n and % of the Other group, with a Total row.

    Written here rather than with :func:`helpers.tables.count_table_gt` because every referral
    has a referrer (the records' own "Unknown" is a category), so a Missing row would mislead.
    """
    total = int(others["n"].sum())
    out = pd.DataFrame({"category": list(others["category"]) + [_TOTAL],
                        "n": list(others["n"].astype(int)) + [total],
                        "percent": list(others["percent"].astype(float)) + [100.0]})
    return (
        GT(out)
        .fmt_integer(columns="n")
        .fmt_number(columns="percent", decimals=1)
        .cols_label(cases={"category": "Referrer", "n": "n", "percent": "%"})
        .cols_align(align="right", columns=["n", "percent"])
        .pipe(mark_total_and_missing, [len(out) - 1])
        .tab_source_note(f"Percentages are of the {integer(total)} referrals in the Other group. "
                         "'Unknown' and 'Other (not specified)' are categories in the records.")
    )


@dataclass(frozen=True)
class ReferralFacts:
    """Referrals in numbers, as the chapter states them (counts of referrals unless named).

    Attributes
    ----------
    referred : int
        All referrals.
    first, last : Timestamp
        Dates of the first and the last referral.
    categories : int
        Detailed referrer categories with at least one referral.
    groups : int
        Rows of :func:`referrer_table` (the report's named groups and "Other").
    by_group : dict of str to int
        Referrals per group of :data:`REPORT_GROUPS`.
    midwifery : int
        Referrals from the two :data:`MIDWIFERY_GROUPS`.
    early_intervention_hv, from_together_time, from_cosp : int
        Referrals from the early intervention health visiting team, from Together Time and from
        Circle of Security Parenting (the recorded ``referrer_detail``).
    other : int
        Referrals in the "Other" group.
    other_printed_pct : float
        The percentage the report printed for "Other".
    other_left_by_printed : int
        Referrals the report's printed counts of the named groups leave for "Other".
    printed_pct_sum : float
        Sum of the printed percentages of every group.
    other_sources : int
        Detailed "Other" categories with at least one referral.
    largest_other : int
        Referrals from the largest of those categories (0 if none).
    """

    referred: int
    first: pd.Timestamp
    last: pd.Timestamp
    categories: int
    groups: int
    by_group: dict[str, int]
    midwifery: int
    early_intervention_hv: int
    from_together_time: int
    from_cosp: int
    other: int
    other_printed_pct: float
    other_left_by_printed: int
    printed_pct_sum: float
    other_sources: int
    largest_other: int

    @property
    def from_groups(self) -> int:
        """Referrals from PAIRS's own groups (Together Time and Circle of Security Parenting)."""
        return self.from_together_time + self.from_cosp

    @property
    def other_implied(self) -> float:
        """Referrals the printed "Other" percentage stands for (unrounded)."""
        return self.other_printed_pct * self.referred / 100.0


def referral_facts(data: PairsData, printed: Sequence[dict] | None = None) -> ReferralFacts:
    """The :class:`ReferralFacts` of the records; ``printed`` as in :func:`referrer_table`.

    Raises
    ------
    ValueError
        If there are no referrals.
    """
    ref = data.referrals
    if ref.empty:
        raise ValueError("referral_facts: there are no referrals")
    table = referrer_table(data, printed)
    by_group = {str(g): int(n) for g, n in zip(table["group"], table["n"], strict=True)}
    named = table["group"] != "Other"
    detail = ref["referrer_detail"].value_counts()
    others = other_referrers(data)
    return ReferralFacts(
        referred=len(ref), first=ref["referral_date"].min(), last=ref["referral_date"].max(),
        categories=int(ref["referrer_category"].nunique()), groups=len(table),
        by_group=by_group, midwifery=sum(by_group[g] for g in MIDWIFERY_GROUPS),
        early_intervention_hv=int(detail.get("Early intervention health visiting", 0)),
        from_together_time=int(detail.get("Together Time", 0)),
        from_cosp=int(detail.get("Circle of Security Parenting", 0)),
        other=by_group["Other"],
        other_printed_pct=float(table.loc[~named, "printed_pct"].iloc[0]),
        other_left_by_printed=len(ref) - int(table.loc[named, "printed_n"].sum()),
        printed_pct_sum=float(table["printed_pct"].sum()),
        other_sources=int((others["n"] > 0).sum()),
        largest_other=int(others["n"].max()) if len(others) else 0,
    )


@dataclass(frozen=True)
class Acceptance:
    """Referral outcomes, counted per referral.

    ``reasons`` maps the display text of each reason for non-acceptance to its count (largest
    first); ``antenatal``/``postnatal``/``timing_missing`` count the *accepted* referrals by the
    time of referral; ``clients`` is the number of adults who came through accepted referrals and
    ``shared`` the number of accepted referrals that brought more than one adult;
    ``clients_by_timing`` counts those adults by the timing of their referral (antenatal,
    postnatal, missing) and ``not_accepted_postnatal`` the referrals not accepted that were made
    after the birth.
    """

    referred: int
    accepted: int
    not_accepted: int
    reasons: dict[str, int]
    antenatal: int
    postnatal: int
    timing_missing: int
    clients: int
    shared: int
    clients_by_timing: dict[str, int]
    not_accepted_postnatal: int


def acceptance(data: PairsData) -> Acceptance:
    """Acceptance of referrals, reasons for non-acceptance and antenatal/postnatal timing."""
    ref = data.referrals
    acc = ref[ref["accepted"].eq(True)]
    reasons = (ref.loc[ref["accepted"].eq(False), "reason_not_accepted"]
               .map(NON_ACCEPTANCE_LABELS).value_counts())
    timing = acc["pregnancy_status"]
    per_referral = data.pip_clients.groupby("referral_id").size()
    client_timing = (data.pip_clients["referral_id"]
                     .map(ref.set_index("referral_id")["pregnancy_status"])
                     .fillna("missing").value_counts())
    return Acceptance(
        referred=len(ref), accepted=len(acc), not_accepted=int(ref["accepted"].eq(False).sum()),
        reasons={str(k): int(v) for k, v in reasons.items()},
        antenatal=int((timing == "antenatal").sum()), postnatal=int((timing == "postnatal").sum()),
        timing_missing=int(timing.isna().sum()), clients=len(data.pip_clients),
        shared=int((per_referral > 1).sum()),
        clients_by_timing={k: int(client_timing.get(k, 0))
                           for k in ("antenatal", "postnatal", "missing")},
        not_accepted_postnatal=int((ref["accepted"].eq(False)
                                    & ref["pregnancy_status"].eq("postnatal")).sum()),
    )


#: How each reason for non-acceptance reads after "because".
_REASON_PHRASES = {
    "outside the LEAP catchment area": "the family lived outside the LEAP catchment area",
    "child too old for the service": "the child was too old for the service",
}


def reasons_text(reasons: dict[str, int]) -> str:
    """The reasons for non-acceptance as a phrase, largest first.

    >>> reasons_text({"outside the LEAP catchment area": 52, "child too old for the service": 22})
    '52 because the family lived outside the LEAP catchment area and 22 because the child was too old for the service'
    """
    if not reasons:
        raise ValueError("reasons_text: no reasons recorded")
    parts = [f"{integer(k)} because {_REASON_PHRASES.get(r, 'of: ' + r)}"
             for r, k in sorted(reasons.items(), key=lambda item: -item[1])]
    return join_words(parts)
