"""Deprivation of the families PAIRS reached: the IMD 2019 decile of the services' postcode records,
as the report's table 2 counts them, and per person.

Everything starts from :func:`helpers.pairs.data.load_pairs` (consented records only); printed
figures come from ``data/published/pairs.yaml`` through :func:`helpers.published.published`.

Conventions
-----------
* IMD deciles (English Indices of Deprivation 2019): 1 = most deprived tenth of small areas in
  England. The report's table 2 counts postcode *records*, not people (see the reading
  ``imd-postcode-records`` in ``pairs.contradictions.yaml``): a psychotherapy client who moved has
  a record for each address, and each Together Time parent and baby has a record of their own.
* Per *person*: each psychotherapy client's latest recorded address and each Together Time
  adult's own record.
* A record without a postcode has no decile (NaN) and stays in every denominator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from helpers.figures import FIGURE_WIDTH, OKABE_ITO, SMALL_PT
from helpers.formatting import DECIMALS, integer, percent, round_half_up
from helpers.pairs.data import PairsData
from helpers.pairs.reach import SERVICE_LABELS
from helpers.published import published
from helpers.words import join_words, plural

__all__ = [
    "SERVICES",
    "imd_by_service",
    "imd_record_deciles",
    "imd_person_deciles",
    "share_at_most",
    "printed_imd_claims",
    "imd_figure",
    "DeprivationFacts",
    "deprivation_facts",
    "lowest_decile_phrase",
]

#: Short service keys and the ``service`` codes of the postcode records.
SERVICES: dict[str, str] = {"pip": "parent_infant_psychotherapy", "tt": "together_time"}

_TOTAL = "Total"
_MISSING = "Missing"


def imd_by_service(data: PairsData, printed: dict | None = None) -> pd.DataFrame:
    """IMD decile of the postcode records of each service, as the report's table 2 counts them.

    Rows: every decile from the lowest to the highest recorded in either service (zero counts
    kept), then Missing (no postcode) and Total. Percentages are of all the service's records,
    missing included.

    Returns
    -------
    DataFrame
        ``code`` (decile number, "missing" or "total"), ``category``, ``pip_n``, ``pip_pct``,
        ``pip_printed``, ``tt_n``, ``tt_pct``, ``tt_printed``.
    """
    if printed is None:
        printed = published("pairs")["imd_decile"]
    imd = data.imd_records
    deciles = imd["imd_decile"].dropna().astype(int)
    if deciles.empty:
        raise ValueError("imd_by_service: no postcode has an IMD decile")
    order: list[Any] = list(range(int(deciles.min()), int(deciles.max()) + 1))
    rows = []
    for code in order + ["missing", "total"]:
        label = {"missing": _MISSING, "total": _TOTAL}.get(code, f"Decile {code}")
        row: dict[str, Any] = {"code": code, "category": label}
        for s, service in SERVICES.items():
            part = imd.loc[imd["service"] == service, "imd_decile"]
            if code == "missing":
                n = int(part.isna().sum())
            elif code == "total":
                n = len(part)
            else:
                n = int((part == code).sum())
            row[f"{s}_n"] = n
            row[f"{s}_pct"] = 100.0 * n / len(part) if len(part) else np.nan
            key = code if code in ("missing",) else f"d{code}"
            p = 100.0 if code == "total" else printed.get(f"{s}_pct", {}).get(key)
            row[f"{s}_printed"] = float(p) if p is not None else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def imd_record_deciles(data: PairsData) -> dict[str, pd.Series]:
    """The IMD decile of every postcode record of each service (``"pip"``, ``"tt"``), babies'
    records and earlier addresses included, as the report's table 2 counts them; NaN = no
    postcode."""
    imd = data.imd_records
    return {s: imd.loc[imd["service"] == service, "imd_decile"].reset_index(drop=True)
            for s, service in SERVICES.items()}


def imd_person_deciles(data: PairsData) -> dict[str, pd.Series]:
    """One IMD decile per *person*: each PIP client's latest recorded address, and each Together
    Time adult's own record (infant records left out). Missing postcodes stay NaN."""
    imd = data.imd_records
    pip = (imd[imd["service"] == SERVICES["pip"]]
           .sort_values(["person_id", "address_sequence"]).groupby("person_id").tail(1))
    tt = imd[(imd["service"] == SERVICES["tt"]) & (imd["person"] == "adult")]
    return {"pip": pip["imd_decile"].reset_index(drop=True),
            "tt": tt["imd_decile"].reset_index(drop=True)}


def share_at_most(deciles: pd.Series, top: int) -> tuple[int, int]:
    """(records in deciles 1..``top``, all records including those with no decile).

    >>> share_at_most(pd.Series([2, 3, 4, None]), 3)
    (2, 4)
    """
    values = pd.to_numeric(deciles, errors="raise")
    return int((values <= top).sum()), len(values)


def printed_imd_claims(summary: str | None = None) -> dict[str, Any]:
    """The numbers in the report's IMD summary text (``imd_decile.summary`` of the YAML).

    Returns ``{"about_pct": 60, "about_area_pct": 30, "about_deciles": 3, "range_pct": (35, 40),
    "range_area_pct": 20, "range_deciles": 2}`` for the printed summary: "about 60% in the 30% most
    deprived areas ... (deciles 1-3); 35-40% in the 20% most deprived" (``*_area_pct``: the share of
    England's areas, ``*_deciles``: the deciles it spans from decile 1).
    """
    if summary is None:
        summary = published("pairs")["imd_decile"]["summary"]
    about = re.search(r"about (\d+)% in the (\d+)% most deprived", summary)
    span = re.search(r"(\d+)-(\d+)% in the (\d+)% most deprived", summary)
    if about is None or span is None:
        raise ValueError(f"printed_imd_claims: cannot read the IMD summary {summary!r}")
    return {"about_pct": int(about.group(1)), "about_area_pct": int(about.group(2)),
            "about_deciles": int(about.group(2)) // 10,
            "range_pct": (int(span.group(1)), int(span.group(2))),
            "range_area_pct": int(span.group(3)), "range_deciles": int(span.group(3)) // 10}


def imd_figure(table: pd.DataFrame) -> Figure:
    """Paired horizontal bars of :func:`imd_by_service` percentages (Total row left out).

    Parent–infant psychotherapy bars are solid blue, Together Time bars orange and hatched, and
    every bar carries its percentage and count, so neither colour nor hatching alone carries the
    meaning. The most deprived decile in the table is at the top; percentages are shown to the
    book's places (whole numbers, half up).
    """
    data = table[table["category"] != _TOTAL].reset_index(drop=True)
    fig = Figure(figsize=(FIGURE_WIDTH, 1.1 + 0.62 * len(data)), layout="constrained")
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    y = np.arange(len(data))[::-1].astype(float)
    h = 0.38
    styles = {"pip": {"color": OKABE_ITO["blue"], "hatch": ""},
              "tt": {"color": OKABE_ITO["orange"], "hatch": "///"}}
    top = float(np.nanmax(data[["pip_pct", "tt_pct"]].to_numpy(float)))
    for offset, (s, name) in zip((h / 2, -h / 2), SERVICE_LABELS.items(), strict=True):
        n_total = int(table.loc[table["category"] == _TOTAL, f"{s}_n"].iloc[0])
        bars = ax.barh(y + offset, data[f"{s}_pct"], height=h, color=styles[s]["color"],
                       hatch=styles[s]["hatch"], edgecolor="black", linewidth=0.5,
                       label=f"{name} ({integer(n_total)} records)")
        for bar, p, n in zip(bars, data[f"{s}_pct"], data[f"{s}_n"], strict=True):
            ax.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2,
                    f"{percent(p, DECIMALS['percent'])} ({integer(n)})", va="center", fontsize=SMALL_PT)
    ax.set_yticks(y, data["category"].astype(str))
    ax.set_xlim(0, top * 1.3)
    ax.set_xlabel("Share of the service's postcode records (%)")
    ax.set_ylabel("IMD 2019 decile (1 = most deprived)")
    ax.legend(loc="lower right", fontsize=SMALL_PT, frameon=True)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.5)
    ax.set_axisbelow(True)
    return fig


@dataclass(frozen=True)
class DeprivationFacts:
    """Deprivation of the postcode records in numbers.

    Attributes
    ----------
    lowest_decile : int
        The most deprived decile among all records of both services.
    moved : int
        Psychotherapy records of an address after a client's first (records beyond one per
        person).
    tt_infant_records : int
        Together Time records that are a baby's.
    records, people : dict of str to Series
        IMD deciles per service (``"pip"``, ``"tt"``): one per postcode record
        (:func:`imd_record_deciles`) and one per person (:func:`imd_person_deciles`); use with
        :func:`share_at_most`.
    """

    lowest_decile: int
    moved: int
    tt_infant_records: int
    records: dict[str, pd.Series]
    people: dict[str, pd.Series]

    def share(self, service: str, top: int, per: str = "records") -> tuple[int, int]:
        """(in deciles 1..``top``, all) for ``service`` ("pip", "tt"), per "records" or
        "people" (:func:`share_at_most`)."""
        if per not in ("records", "people"):
            raise ValueError(f"share: per must be 'records' or 'people', not {per!r}")
        return share_at_most(getattr(self, per)[service], top)

    def people_match_records(self, top: int) -> bool:
        """Whether counting people gives the same share in deciles 1..``top`` as counting
        records, for every service, at the precision the book prints percentages."""
        def shown(k: int, n: int) -> float:
            return round_half_up(100.0 * k / n, DECIMALS["percent"]) if n else float("nan")
        return all(shown(*self.share(s, top)) == shown(*self.share(s, top, "people"))
                   for s in self.records)

    def most_within(self, top: int) -> bool:
        """Whether more than half of every service's records lie in deciles 1..``top``."""
        return all(2 * k > n for k, n in (self.share(s, top) for s in self.records))


def deprivation_facts(data: PairsData) -> DeprivationFacts:
    """The :class:`DeprivationFacts` of the records.

    Raises
    ------
    ValueError
        If no postcode record has a decile.
    """
    imd = data.imd_records
    deciles = imd["imd_decile"].dropna()
    if deciles.empty:
        raise ValueError("deprivation_facts: no postcode has an IMD decile")
    pip = imd["service"] == SERVICES["pip"]
    return DeprivationFacts(
        lowest_decile=int(deciles.min()),
        moved=int((pip & (imd["address_sequence"] > 1)).sum()),
        tt_infant_records=int(((imd["service"] == SERVICES["tt"])
                               & (imd["person"] == "infant")).sum()),
        records=imd_record_deciles(data), people=imd_person_deciles(data),
    )


def lowest_decile_phrase(lowest: int) -> str:
    """The most deprived decile present, and the deciles with no record, as a phrase.

    >>> lowest_decile_phrase(1)
    'decile 1, the most deprived tenth of small areas in England'
    >>> lowest_decile_phrase(2), lowest_decile_phrase(4)
    ('decile 2; no record lies in decile 1', 'decile 4; no record lies in deciles 1, 2 or 3')
    """
    if not 1 <= lowest <= 10:
        raise ValueError(f"lowest_decile_phrase: a decile runs from 1 to 10, got {lowest!r}")
    if lowest == 1:
        return "decile 1, the most deprived tenth of small areas in England"
    empty = [str(d) for d in range(1, lowest)]
    return (f"decile {lowest}; no record lies in {plural('decile', len(empty))} "
            f"{join_words(empty, conjunction='or')}")
