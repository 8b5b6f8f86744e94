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
from great_tables import GT

from helpers.counts import count_table
from helpers.describe import AgeSummary, age_summary
from helpers.formatting import DECIMALS, integer, pct, round_half_up
from helpers.pairs.data import ETHNICITY_LABELS, PairsData
from helpers.pairs.derived import tt_with_data
from helpers.pairs.printed import agrees, printed_decimals
from helpers.published import published
from helpers.tables import mark_total_and_missing
from helpers.words import count_phrase, plural

__all__ = [
    "SERVICE_LABELS",
    "ethnicity_by_service",
    "service_gt",
    "service_differences",
    "pip_profile",
    "profile_gt",
    "profile_differences",
    "ReachFacts",
    "reach_facts",
    "age_differences",
    "tt_coverage_sentence",
    "recorded_for",
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


def _whole_percent(values: pd.Series) -> list[float]:
    """Percentages rounded half up to the book's places, so tables round as prose does."""
    return [float("nan") if pd.isna(v) else round_half_up(float(v), DECIMALS["percent"])
            for v in values]


def service_gt(table: pd.DataFrame, *, category_label: str,
               source_note: str | None = None) -> GT:
    """Side-by-side counts of the two services (``pip_n``, ``pip_pct``, ``tt_n``, ``tt_pct``):
    one spanner per service, n and % of the service's records. Printed figures are checked in
    the calibration appendix, not here."""
    out = pd.DataFrame({"category": table["category"].astype(str)})
    for s in SERVICE_LABELS:
        out[f"{s}_n"] = table[f"{s}_n"].astype(int)
        out[f"{s}_pct"] = _whole_percent(table[f"{s}_pct"])
    total_rows = [int(i) for i in np.flatnonzero(out["category"].eq(_TOTAL))]
    missing_rows = [int(i) for i in np.flatnonzero(out["category"].isin([_MISSING,
                                                                         "Unknown/missing"]))]
    labels = {"category": category_label}
    gt = GT(out).fmt_integer(columns=[f"{s}_n" for s in SERVICE_LABELS]) \
        .fmt_number(columns=[f"{s}_pct" for s in SERVICE_LABELS], decimals=DECIMALS["percent"])
    for s, name in SERVICE_LABELS.items():
        labels.update({f"{s}_n": "n", f"{s}_pct": "%"})
        gt = gt.tab_spanner(label=name, columns=[f"{s}_n", f"{s}_pct"])
    gt = (gt.cols_label(cases=labels)
          .cols_align(align="right", columns=[c for c in out.columns if c != "category"])
          .pipe(mark_total_and_missing, total_rows, missing_rows))
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt


def service_differences(table: pd.DataFrame, noun: str = "parents",
                        section_decimals: int = 1) -> list[str]:
    """What each printed percentage of :func:`ethnicity_by_service` or
    :func:`helpers.pairs.deprivation.imd_by_service` the records contradict describes, e.g.
    "Black parents in parent–infant psychotherapy" (for
    :func:`helpers.pairs.printed.contradiction_note`). Total rows and rows without a printed
    value are skipped; empty when all agree."""
    out: list[str] = []
    for s, name in _IN_TEXT.items():
        total = int(table.loc[table["category"] == _TOTAL, f"{s}_n"].iloc[0])
        for r in table[table["category"] != _TOTAL].itertuples():
            p = getattr(r, f"{s}_printed")
            if pd.isna(p):
                continue
            if total == 0 or not agrees(p, 100.0 * int(getattr(r, f"{s}_n")) / total,
                                        printed_decimals(p, section_decimals)):
                out.append(f"{str(r.category).split(',')[0]} {noun} in {name}")
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
    """Table of :func:`pip_profile`: n and % of all accepted adults, one row group each.

    Printed figures are checked in the calibration appendix, not here.
    """
    out = pd.DataFrame({
        "group": profile["group"].astype(str),
        "category": profile["category"].astype(str),
        "n": profile["n"].astype(int),
        "percent": _whole_percent(profile["percent"]),
    })
    total_rows = [int(i) for i in np.flatnonzero(out["category"].eq(_TOTAL))]
    missing_rows = [int(i) for i in np.flatnonzero(out["category"].eq(_MISSING))]
    gt = (
        GT(out, groupname_col="group")
        .fmt_integer(columns="n")
        .fmt_number(columns="percent", decimals=DECIMALS["percent"])
        .cols_label(cases={"category": "Recorded as", "n": "n", "percent": "%"})
        .cols_align(align="right", columns=["n", "percent"])
        .pipe(mark_total_and_missing, total_rows, missing_rows)
    )
    gt = gt.tab_source_note(f"Percentages are of all {integer(int(out.loc[total_rows[0], 'n']))} "
                            "adults accepted into parent–infant psychotherapy, blanks included.")
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt


#: What each row of :func:`pip_profile` describes, as a name in running text.
_PROFILE_NAMES = {"Mother": "mothers", "Father": "fathers", "Foster carer": "foster carers",
                  "Other primary carer": "other primary carers", "Yes": "single parents",
                  "No": "parents who were not single parents",
                  "Unknown (recorded as not known)": "single-parent status recorded as not known"}


def profile_differences(profile: pd.DataFrame) -> list[str]:
    """What each printed percentage of :func:`pip_profile` the records contradict describes (for
    :func:`helpers.pairs.printed.contradiction_note`); empty when all agree."""
    rows = profile[profile["printed"].notna() & profile["agrees"].eq(False)]
    return [_PROFILE_NAMES.get(r.category, f"{r.category.lower()} ({r.group.lower()})")
            for r in rows.itertuples()]


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
    def largest_known(self) -> dict[str, str]:
        """Per service, the ethnic group code with the most adults among those known (ties in
        code order; ``""`` when nobody's group is known)."""
        out = {}
        for s, groups in self.ethnicity.items():
            known = {c: n for c, n in groups.items() if c != "unknown" and n > 0}
            out[s] = min(known, key=lambda c: (-known[c], c)) if known else ""
        return out

    @property
    def mixes_differ(self) -> bool:
        """Whether the two services' largest known ethnic groups differ (both known)."""
        pip, tt = self.largest_known["pip"], self.largest_known["tt"]
        return bool(pip and tt and pip != tt)

    @property
    def known(self) -> dict[str, int]:
        """Adults per service whose ethnic group is known."""
        return {s: n - self.ethnicity[s]["unknown"] for s, n in self.adults.items()}

    @property
    def tt_without_data(self) -> int:
        """Together Time adults who returned no questionnaire and set no goal."""
        return self.adults["tt"] - self.tt_with_data

    @property
    def single_parent_answered(self) -> int:
        """Psychotherapy adults recorded as single parents or not (a yes or no answer)."""
        return self.single_parent["yes"] + self.single_parent["no"]

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


def age_differences(facts: ReachFacts, printed: dict | None = None) -> list[str]:
    """What each printed age figure (youngest, oldest, mean) the records contradict describes,
    for both services (for :func:`helpers.pairs.printed.contradiction_note`); empty when all
    agree. The report prints psychotherapy ages in whole years and the Together Time mean to two
    decimals."""
    if printed is None:
        printed = published("pairs")
    checks = []
    for key, summary, where, mean_places in (
            ("pip_demographics", facts.pip_age, "in psychotherapy", 0),
            ("together_time", facts.tt_age, "in Together Time", 2)):
        age = printed[key]["age"]
        checks += [(f"the youngest parent {where}", age["min"], summary.minimum, 0),
                   (f"the oldest parent {where}", age["max"], summary.maximum, 0),
                   (f"the mean age {where}", age["mean"], summary.mean, mean_places)]
    return [name for name, p, value, places in checks if not agrees(p, value, places)]


def tt_coverage_sentence(facts: ReachFacts) -> str:
    """Which Together Time parents the counts include, in one or two sentences.

    >>> import dataclasses
    >>> f = ReachFacts({"pip": 0, "tt": 118}, 114, 2, {}, {}, {}, 0, 0, {}, None, None)
    >>> tt_coverage_sentence(f)
    'The Together Time count includes four parents who returned no questionnaire and set no goal; two further parents did not consent to the use of their records, so their user records, questionnaires and goals are left out.'
    >>> tt_coverage_sentence(dataclasses.replace(f, tt_with_data=118, tt_refused=1))
    'Every Together Time parent counted returned a questionnaire or set a goal; one further parent did not consent to the use of their records, so their user record, questionnaires and goals are left out.'
    >>> tt_coverage_sentence(dataclasses.replace(f, tt_with_data=117, tt_refused=0))
    'The Together Time count includes one parent who returned no questionnaire and set no goal.'
    """
    n = facts.tt_without_data
    head = ("Every Together Time parent counted returned a questionnaire or set a goal" if n == 0
            else f"The Together Time count includes {count_phrase(n, 'parent')} who returned no "
                 "questionnaire and set no goal")
    k = facts.tt_refused
    if k == 0:
        return head + "."
    return (f"{head}; {count_phrase(k, 'further parent')} did not consent to the use of their "
            f"records, so their {plural('user record', k)}, questionnaires and goals are left out.")


def recorded_for(count: int, denominator: int, noun: str) -> str:
    """For how many of ``denominator`` something is recorded: "all 285 clients", "none of the
    285 clients", else :func:`helpers.formatting.pct` followed by the noun.

    >>> recorded_for(285, 285, "client"), recorded_for(0, 3, "client"), recorded_for(1, 1, "client")
    ('all 285 clients', 'none of the three clients', 'the one client')
    >>> recorded_for(280, 285, "client")
    '280 of 285 (98%) clients'
    """
    if denominator <= 0 or not 0 <= count <= denominator:
        raise ValueError(f"recorded_for: need 0 <= count <= denominator > 0, got {count} of "
                         f"{denominator}")
    if count == denominator:
        return f"the one {noun}" if count == 1 else f"all {count_phrase(count, noun)}"
    if count == 0:
        return f"none of the {count_phrase(denominator, noun)}"
    return f"{pct(count, denominator)} {plural(noun, denominator)}"
