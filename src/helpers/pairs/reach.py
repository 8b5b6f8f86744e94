"""Who PAIRS reached: ethnicity of the two services' parents side by side, and the psychotherapy
parents' relationship to the infant, single parenthood, home language and age.

Everything starts from :func:`helpers.pairs.data.load_pairs` (consented records only); printed
figures come from ``data/published/pairs.yaml`` through :func:`helpers.published.published`.
Deprivation is in :mod:`helpers.pairs.deprivation`.

Conventions
-----------
* Percentages are ``100 * count / denominator`` in percent units, unrounded, of everyone in the
  service (unknown and blank included) unless named otherwise.
* Ethnicity "Unknown/missing" joins ``not_stated`` and blank, as the report's table 1 does.
* Together Time counts every consented adult in the user records (118), as table 1 does; ages
  are those of the participants with data (:func:`helpers.pairs.derived.tt_with_data`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from great_tables import GT, loc, style

from helpers.counts import count_table
from helpers.describe import AgeSummary, age_summary
from helpers.formatting import integer, number
from helpers.pairs.data import ETHNICITY_LABELS, PairsData
from helpers.pairs.derived import tt_with_data
from helpers.pairs.printed import agrees, pct_difference, printed_decimals
from helpers.published import published
from helpers.tables import mark_total_and_missing

__all__ = [
    "SERVICE_LABELS",
    "ethnicity_by_service",
    "service_gt",
    "service_clauses",
    "pip_profile",
    "profile_gt",
    "profile_clauses",
    "ReachFacts",
    "reach_facts",
]

#: The two services side by side, as table headings.
SERVICE_LABELS: dict[str, str] = {"pip": "Parent–infant psychotherapy", "tt": "Together Time"}

_TOTAL = "Total"
_MISSING = "Missing"
#: Service names inside a sentence.
_IN_TEXT = {"pip": "parent–infant psychotherapy", "tt": "Together Time"}


def _ethnicity_codes(values: pd.Series) -> pd.Series:
    return values.replace({"not_stated": "unknown"}).fillna("unknown")


def ethnicity_by_service(data: PairsData, printed: dict | None = None) -> pd.DataFrame:
    """Ethnic group of PIP clients and Together Time participants side by side.

    "Unknown/missing" joins "not stated" and blank, as the report's table 1 does. Percentages are
    of everyone in the service (unknown included). Together Time counts every consented adult in
    the user records (118), as table 1 does.

    Returns
    -------
    DataFrame
        One row per group of :data:`helpers.pairs.data.ETHNICITY_LABELS` and a Total row:
        ``code``, ``category``, and for each service ``s`` in (pip, tt): ``s_n``, ``s_pct``,
        ``s_printed`` (printed percentage, NaN where the report printed a bare 0 or none).
    """
    if printed is None:
        printed = published("pairs")["ethnicity"]
    frames = {"pip": data.pip_clients, "tt": data.tt_participants}
    rows: list[dict[str, Any]] = []
    codes = list(ETHNICITY_LABELS)
    counts = {s: _ethnicity_codes(f["ethnicity_group"]).value_counts() for s, f in frames.items()}
    for code in codes + [_TOTAL]:
        row: dict[str, Any] = {"code": code,
                               "category": ETHNICITY_LABELS.get(code, _TOTAL)}
        for s, frame in frames.items():
            n = len(frame) if code == _TOTAL else int(counts[s].get(code, 0))
            row[f"{s}_n"] = n
            row[f"{s}_pct"] = 100.0 * n / len(frame) if len(frame) else np.nan
            p = printed.get(f"{s}_pct", {}).get(code) if code != _TOTAL else 100.0
            row[f"{s}_printed"] = float(p) if p is not None else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def service_gt(table: pd.DataFrame, *, category_label: str, decimals: int = 1,
               source_note: str | None = None) -> GT:
    """Side-by-side counts of the two services (``pip_n``, ``pip_pct``, ``tt_n``, ``tt_pct``,
    optional ``*_printed``): one spanner per service, n (%) of the records and the printed %."""
    out = pd.DataFrame({"category": table["category"].astype(str)})
    has_printed = all(f"{s}_printed" in table for s in SERVICE_LABELS)
    for s in SERVICE_LABELS:
        out[f"{s}_n"] = table[f"{s}_n"].astype(int)
        out[f"{s}_pct"] = table[f"{s}_pct"].astype(float)
        if has_printed:
            out[f"{s}_printed"] = [("–" if pd.isna(p) else
                                    number(p, printed_decimals(p, decimals)))
                                   for p in table[f"{s}_printed"]]
    total_rows = [int(i) for i in np.flatnonzero(out["category"].eq(_TOTAL))]
    missing_rows = [int(i) for i in np.flatnonzero(out["category"].isin([_MISSING,
                                                                         "Unknown/missing"]))]
    labels = {"category": category_label}
    gt = GT(out).fmt_integer(columns=[f"{s}_n" for s in SERVICE_LABELS]) \
        .fmt_number(columns=[f"{s}_pct" for s in SERVICE_LABELS], decimals=decimals)
    for s, name in SERVICE_LABELS.items():
        cols = [f"{s}_n", f"{s}_pct"] + ([f"{s}_printed"] if has_printed else [])
        labels.update({f"{s}_n": "n", f"{s}_pct": "%", f"{s}_printed": "printed %"})
        gt = gt.tab_spanner(label=name, columns=cols)
    gt = (gt.cols_label(cases={k: v for k, v in labels.items() if k in out.columns})
          .cols_align(align="right", columns=[c for c in out.columns if c != "category"])
          .pipe(mark_total_and_missing, total_rows, missing_rows))
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt


def service_clauses(table: pd.DataFrame, section_decimals: int = 1) -> list[str | None]:
    """Clauses for every printed percentage of :func:`ethnicity_by_service` or
    :func:`helpers.pairs.deprivation.imd_by_service` (Total rows and rows without a printed value
    are skipped)."""
    out: list[str | None] = []
    for s, name in _IN_TEXT.items():
        total = int(table.loc[table["category"] == _TOTAL, f"{s}_n"].iloc[0])
        for r in table[table["category"] != _TOTAL].itertuples():
            p = getattr(r, f"{s}_printed")
            if pd.isna(p):
                continue
            short = str(r.category).split(",")[0]
            out.append(pct_difference(f"{short} ({name})", p, int(getattr(r, f"{s}_n")),
                                      total, printed_decimals(p, section_decimals)))
    return out


_ROLE_LABELS = {"mother": "Mother", "father": "Father", "foster_carer": "Foster carer",
                "other_primary_carer": "Other primary carer"}
_SINGLE_LABELS = {"yes": "Yes", "no": "No", "unknown": "Unknown (recorded as not known)"}


def pip_profile(data: PairsData, printed: dict | None = None) -> pd.DataFrame:
    """Role and single-parent status of the adults accepted into PIP (the report's table 3).

    Percentages are of all accepted adults (blank single-parent status is its own "Missing" row),
    as the report's table 3 does.

    Returns
    -------
    DataFrame
        ``group``, ``category``, ``n``, ``percent``, ``denominator``, ``printed`` (printed
        percentage; NaN for Total rows), ``agrees``.
    """
    if printed is None:
        printed = published("pairs")["pip_demographics"]
    cl = data.pip_clients
    parts = []
    specs = (("Relationship to the infant", "role", _ROLE_LABELS, printed["role_pct"]),
             ("Single parent", "single_parent", _SINGLE_LABELS,
              {"yes": printed["single_parent_pct"][True], "no": printed["single_parent_pct"][False],
               "unknown": printed["single_parent_pct"]["unknown"],
               "missing": printed["single_parent_pct"]["missing"]}))
    for group, column, labels, pr in specs:
        part = count_table(cl[column], order=list(labels), labels=labels, denominator="all")
        codes = list(labels) + ["missing", "total"]
        part["printed"] = [float(pr[c]) if c in pr else np.nan for c in codes]
        part["agrees"] = [agrees(p, v, 2) if not np.isnan(p) else pd.NA
                          for p, v in zip(part["printed"], part["percent"], strict=True)]
        part.insert(0, "group", group)
        if column == "role" and part.loc[part["category"] == _MISSING, "n"].iloc[0] == 0:
            part = part[part["category"] != _MISSING]
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def profile_gt(profile: pd.DataFrame, *, source_note: str | None = None) -> GT:
    """Table of :func:`pip_profile`: n, % of the records and the printed %, one row group each.

    A printed percentage that does not follow from its count is marked "✗ differs" (in words).
    """
    out = pd.DataFrame({
        "group": profile["group"].astype(str),
        "category": profile["category"].astype(str),
        "n": profile["n"].astype(int),
        "percent": profile["percent"].astype(float),
        "printed": ["–" if pd.isna(p) else number(p, 2) for p in profile["printed"]],
        "check": ["" if pd.isna(a) else ("✓ agrees" if a else "✗ differs")
                  for a in profile["agrees"]],
    })
    total_rows = [int(i) for i in np.flatnonzero(out["category"].eq(_TOTAL))]
    missing_rows = [int(i) for i in np.flatnonzero(out["category"].eq(_MISSING))]
    bad_rows = [int(i) for i in np.flatnonzero(out["check"].eq("✗ differs"))]
    gt = (
        GT(out, groupname_col="group")
        .fmt_integer(columns="n")
        .fmt_number(columns="percent", decimals=2)
        .cols_label(cases={"category": "", "n": "n", "percent": "% (records)",
                           "printed": "% (printed)", "check": "Printed %"})
        .cols_align(align="right", columns=["n", "percent", "printed"])
        .pipe(mark_total_and_missing, total_rows, missing_rows)
    )
    if bad_rows:
        gt = gt.tab_style(style=style.text(weight="bold"),
                          locations=loc.body(columns="check", rows=bad_rows))
    gt = gt.tab_source_note(f"Percentages are of all {integer(int(out.loc[total_rows[0], 'n']))} "
                            "adults accepted into parent–infant psychotherapy, blanks included, "
                            "to two decimals as the report prints them.")
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt


def profile_clauses(profile: pd.DataFrame) -> list[str | None]:
    """Clauses for every printed percentage of :func:`pip_profile` (two decimals)."""
    rows = profile[profile["printed"].notna()]
    return [pct_difference(f"{r.category.split(' (')[0].lower()} ({r.group.lower()})", r.printed,
                           int(r.n), int(r.denominator), 2) for r in rows.itertuples()]


@dataclass(frozen=True)
class ReachFacts:
    """Who the services reached, in numbers; dicts by service are keyed ``"pip"`` and ``"tt"``.

    Attributes
    ----------
    adults : dict of str to int
        Adults in each service's records (psychotherapy: accepted adults; Together Time: every
        consented adult in the user records).
    tt_with_data : int
        Together Time adults who returned a questionnaire or set a goal.
    tt_refused : int
        Together Time adults left out because they did not consent.
    ethnicity : dict of str to dict of str to int
        Adults per ethnic group code of :data:`~helpers.pairs.data.ETHNICITY_LABELS`, per service
        (``unknown`` = not stated or blank).
    not_stated, blank : dict of str to int
        The two parts of ``unknown``.
    english : int
        Psychotherapy adults whose main language at home is English.
    mothers : int
        Psychotherapy adults who are the infant's mother.
    single_parent : dict of str to int
        Psychotherapy adults by single-parent status: ``yes``, ``no``, ``unknown`` (recorded as
        not known), ``missing`` (blank).
    pip_age, tt_age : AgeSummary
        Age at referral of the psychotherapy adults; age of the Together Time adults with data.
    """

    adults: dict[str, int]
    tt_with_data: int
    tt_refused: int
    ethnicity: dict[str, dict[str, int]]
    not_stated: dict[str, int]
    blank: dict[str, int]
    english: int
    mothers: int
    single_parent: dict[str, int]
    pip_age: AgeSummary
    tt_age: AgeSummary

    @property
    def known(self) -> dict[str, int]:
        """Adults per service whose ethnic group is known."""
        return {s: n - self.ethnicity[s]["unknown"] for s, n in self.adults.items()}

    @property
    def tt_without_data(self) -> int:
        """Together Time adults who returned no questionnaire and set no goal."""
        return self.adults["tt"] - self.tt_with_data

    @property
    def single_parent_unanswered(self) -> int:
        """Psychotherapy adults with no yes or no answer on single parenthood."""
        return self.single_parent["unknown"] + self.single_parent["missing"]


def reach_facts(data: PairsData) -> ReachFacts:
    """The :class:`ReachFacts` of the records.

    Raises
    ------
    ValueError
        If no age is recorded in a service (from :func:`helpers.describe.age_summary`).
    """
    frames = {"pip": data.pip_clients, "tt": data.tt_participants}
    with_data = tt_with_data(data)
    cl = data.pip_clients
    single = cl["single_parent"].fillna("missing").value_counts()
    return ReachFacts(
        adults={s: len(f) for s, f in frames.items()},
        tt_with_data=len(with_data),
        tt_refused=int(data.excluded_no_consent.get("tt_participants", 0)),
        ethnicity={s: {c: int(n) for c, n in _ethnicity_codes(f["ethnicity_group"]).value_counts()
                       .reindex(list(ETHNICITY_LABELS), fill_value=0).items()}
                   for s, f in frames.items()},
        not_stated={s: int(f["ethnicity_group"].eq("not_stated").sum()) for s, f in frames.items()},
        blank={s: int(f["ethnicity_group"].isna().sum()) for s, f in frames.items()},
        english=int(cl["home_language"].eq("English").sum()),
        mothers=int(cl["role"].eq("mother").sum()),
        single_parent={k: int(single.get(k, 0)) for k in ("yes", "no", "unknown", "missing")},
        pip_age=age_summary(cl["age_at_referral"]),
        tt_age=age_summary(with_data["age"]),
    )
