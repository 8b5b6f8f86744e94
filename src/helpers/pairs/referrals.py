"""Referrals to PAIRS parent–infant psychotherapy: who referred them. Which referrals were
accepted, and when they were made, is in :mod:`helpers.pairs.acceptance`.

Everything starts from :func:`helpers.pairs.data.load_pairs` (consented records only); printed
figures come from ``data/published/pairs.yaml`` through :func:`helpers.published.published`.

Conventions
-----------
* Referrals are counted per referral of a parent-infant dyad (358); the report's table 3 counts
  adults (285 adults came through 284 accepted referrals).
* Percentages are ``100 * count / denominator`` in percent units, unrounded; a printed percentage
  agrees with the records as :func:`helpers.pairs.printed.agrees` decides.
* *Sources* rank the report's groups by referrals, largest first, with the two midwifery groups
  joined as :data:`MIDWIFERY` and "Other" (a mix of small referrers) left out.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from great_tables import GT

from helpers.formatting import DECIMALS, integer, round_half_up
from helpers.pairs.data import (
    OTHER_REFERRER_CATEGORIES,
    REFERRER_GROUPS,
    PairsData,
    referrer_group,
)
from helpers.pairs.printed import agrees, printed_decimals
from helpers.published import published
from helpers.tables import mark_total_and_missing
from helpers.words import count_phrase, number_word

__all__ = [
    "REPORT_GROUPS",
    "MIDWIFERY_GROUPS",
    "MIDWIFERY",
    "referrer_table",
    "referrer_gt",
    "referrer_source_note",
    "referral_differences",
    "other_referrers",
    "other_referrers_gt",
    "other_sources_clause",
    "ReferralFacts",
    "referral_facts",
]

#: Referrer groups in the order of the report's appendix 4 (15 named groups, then "Other").
REPORT_GROUPS: tuple[str, ...] = (*REFERRER_GROUPS, "Other")
#: The two referrer groups that are midwifery services.
MIDWIFERY_GROUPS: tuple[str, ...] = ("LEAP midwifery continuity of carer team",
                                     "Midwife or midwifery service")
#: The name of the two midwifery groups joined, as a source (see the conventions).
MIDWIFERY = "Midwifery"

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


def _whole_percent(values: pd.Series | list[float]) -> list[float]:
    """Percentages rounded half up to the book's places, so tables round as prose does."""
    return [round_half_up(float(v), DECIMALS["percent"]) for v in values]


def referrer_gt(table: pd.DataFrame, *, source_note: str | None = None) -> GT:
    """Table of :func:`referrer_table`: n and % of all referrals per group, with a Total row.

    The printed figures are checked in the calibration appendix, not here.
    """
    total_n = int(table["n"].sum())
    denominator = int(table["denominator"].iloc[0])
    if total_n != denominator:
        raise ValueError(f"referrer_gt: groups add to {total_n}, not to the {denominator} referrals")
    out = pd.DataFrame({
        "group": list(table["group"]) + [_TOTAL],
        "n": list(table["n"]) + [total_n],
        "percent": _whole_percent(list(table["percent"]) + [100.0]),
    })
    gt = (
        GT(out)
        .fmt_integer(columns="n")
        .fmt_number(columns="percent", decimals=DECIMALS["percent"])
        .cols_label(cases={"group": "Referrer group", "n": "n", "percent": "%"})
        .cols_align(align="right", columns=["n", "percent"])
        .pipe(mark_total_and_missing, [len(out) - 1])
        .tab_source_note(f"Percentages are of all {integer(denominator)} referrals.")
    )
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt


def referrer_source_note(facts: ReferralFacts) -> str:
    """The note under the referrer table: what Health visiting, PAIRS and Other include.

    >>> import dataclasses, pandas as pd
    >>> f = ReferralFacts(358, pd.NaT, pd.NaT, 29, 16, {}, 79, 3, 1, 0, 37, 7.4, 37, 97.1, 14, 5, {})
    >>> referrer_source_note(f)
    "Health visiting includes three referrals from the early intervention health visiting team; PAIRS includes one from Together Time and none from Circle of Security Parenting. 'Other' joins the smaller referrers listed in the next table."
    """
    def some(n: int) -> str:
        return number_word(n) if n else "none"

    return (f"Health visiting includes {count_phrase(facts.early_intervention_hv, 'referral')} "
            "from the early intervention health visiting team; PAIRS includes "
            f"{some(facts.from_together_time)} from Together Time and {some(facts.from_cosp)} "
            "from Circle of Security Parenting. 'Other' joins the smaller referrers listed in the "
            "next table.")


def referral_differences(table: pd.DataFrame, facts: ReferralFacts,
                         printed: dict | None = None) -> list[str]:
    """What each printed referral figure the records contradict describes (for
    :func:`helpers.pairs.printed.contradiction_note`): the groups of :func:`referrer_table`, the
    midwifery share and the referrals from PAIRS's own groups. Empty when all agree."""
    if printed is None:
        printed = published("pairs")["referrals"]
    names = [f"the {r.group} group" for r in table.itertuples() if not r.agrees]
    mid = printed["midwifery_pct"]
    if not agrees(mid, 100.0 * facts.midwifery / facts.referred, printed_decimals(mid, 1)):
        names.append("midwifery as a whole")
    if not agrees(printed["tt_and_cosp_referred_to_pip_2015_2024"], facts.from_groups, 0):
        names.append("referrals from Together Time and Circle of Security Parenting")
    return names


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
                        "percent": _whole_percent(list(others["percent"].astype(float)) + [100.0])})
    return (
        GT(out)
        .fmt_integer(columns="n")
        .fmt_number(columns="percent", decimals=DECIMALS["percent"])
        .cols_label(cases={"category": "Referrer", "n": "n", "percent": "%"})
        .cols_align(align="right", columns=["n", "percent"])
        .pipe(mark_total_and_missing, [len(out) - 1])
        .tab_source_note(f"Percentages are of the {integer(total)} referrals in the Other group. "
                         "'Unknown' and 'Other (not specified)' are categories in the records.")
    )


def other_sources_clause(facts: ReferralFacts) -> str:
    """Where the Other group's referrals came from, as a clause.

    >>> import dataclasses, pandas as pd
    >>> f = ReferralFacts(358, pd.NaT, pd.NaT, 29, 16, {}, 79, 3, 4, 3, 37, 7.4, 37, 97.1, 14, 5, {})
    >>> other_sources_clause(f)
    'its 37 referrals came from 14 sources, the largest of which made five'
    >>> other_sources_clause(dataclasses.replace(f, other_sources=1, largest_other=37))
    'its 37 referrals all came from one source'
    >>> other_sources_clause(dataclasses.replace(f, other=0, other_sources=0, largest_other=0))
    'it holds no referrals'
    """
    if facts.other == 0:
        return "it holds no referrals"
    head = f"its {count_phrase(facts.other, 'referral')}"
    if facts.other_sources == 1:
        return f"{head} all came from one source"
    sources = f"{number_word(facts.other_sources, count=False)} sources"  # kinds, not people
    largest = number_word(facts.largest_other)
    return f"{head} came from {sources}, the largest of which made {largest}"


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
    sources : dict of str to int
        Referrals per source, largest first (see the conventions; ties in name order).
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
    sources: dict[str, int]

    def leads(self, names: Sequence[str]) -> bool:
        """Whether ``names`` are the largest sources, in this order, each strictly larger than
        the next source (so no tie makes the order a matter of naming)."""
        ranked = list(self.sources.items())
        k = len(names)
        if k == 0 or k > len(ranked) or [name for name, _ in ranked[:k]] != list(names):
            return False
        counts = [n for _, n in ranked[:k + 1]]
        return all(a > b for a, b in itertools.pairwise(counts))

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
        sources=_sources(by_group),
    )


def _sources(by_group: dict[str, int]) -> dict[str, int]:
    joined = {MIDWIFERY: sum(by_group.get(g, 0) for g in MIDWIFERY_GROUPS)}
    joined.update({g: n for g, n in by_group.items() if g not in MIDWIFERY_GROUPS and g != "Other"})
    return dict(sorted(joined.items(), key=lambda item: (-item[1], item[0])))
