"""Who took part in Parenting Under Pressure: demographics and ethnicity (chapter "Who took part").

Demographic fields are service-monitoring records, summarised for every parent who entered
(:func:`demographic_base`). Each characteristic has its own denominator: the parents who answered
it. Ethnicity is shown as census-style groups and sub-groups (:func:`grouped_count_table`) and
compared with the percentages the report printed (:func:`ethnicity_percent_checks`).

The flow, sessions and the methods-chapter facts live in :mod:`helpers.pup.flow`,
:mod:`helpers.pup.sessions` and :mod:`helpers.pup.methods`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from great_tables import GT, loc, style

from helpers.counts import MISSING as MISSING_ROW
from helpers.counts import TOTAL as TOTAL_ROW
from helpers.counts import count_table
from helpers.formatting import pct
from helpers.printed_checks import check_printed_percent, percent_note
from helpers.pup.analysis import PupAnalysis
from helpers.pup.data import ETHNIC_GROUPS
from helpers.pup.labels import LABELS, allowed_codes, code_label
from helpers.pup.methods import EN_DASH
from helpers.tables import mark_total_and_missing

__all__ = [
    "Grouping",
    "grouped_count_table",
    "grouped_count_gt",
    "grouped_answered",
    "DEMOGRAPHIC_VARIABLES",
    "demographic_base",
    "demographic_table",
    "demographic_share",
    "ETHNICITY",
    "ethnicity_table",
    "demographics_stacked",
    "ethnicity_bar_frame",
    "ethnicity_percent_checks",
    "printed_group_sum",
]


@dataclass(frozen=True)
class Grouping:
    """Broad groups made of finer categories (e.g. ethnic groups and their sub-groups).

    Attributes
    ----------
    groups : tuple of (str, tuple of str)
        Broad group label and the codes of its sub-groups, in display order. Every allowed code
        appears in exactly one group.
    labels : dict
        Display label of each sub-group code.
    """

    groups: tuple[tuple[str, tuple[str, ...]], ...]
    labels: dict[str, str]

    def __post_init__(self) -> None:
        codes = [c for _, members in self.groups for c in members]
        if len(set(codes)) != len(codes):
            raise ValueError(f"Grouping: a code belongs to more than one group: {codes}")
        unlabelled = [c for c in codes if c not in self.labels]
        if unlabelled:
            raise ValueError(f"Grouping: codes without a label: {unlabelled}")

    @property
    def codes(self) -> list[str]:
        """Every sub-group code in display order."""
        return [c for _, members in self.groups for c in members]

    def group_of(self, code: str) -> str:
        """The broad group a code belongs to."""
        for name, members in self.groups:
            if code in members:
                return name
        raise KeyError(code)


def grouped_count_table(series: pd.Series, grouping: Grouping) -> pd.DataFrame:
    """Counts of sub-groups and of their broad groups, with Missing and Total rows.

    Percentages are of the parents who answered (the valid responses), as in
    :func:`helpers.counts.count_table`; Missing and Total have none.

    Parameters
    ----------
    series : Series
        One code per parent (missing = no answer). A code not in ``grouping`` raises
        ``ValueError`` naming it (via :func:`helpers.counts.count_table`).

    Returns
    -------
    DataFrame
        Columns ``level`` (``"group"``, ``"sub-group"``, ``"missing"``, ``"total"``), ``group``,
        ``category`` (display label), ``code`` (sub-group code; None for other rows), ``n``,
        ``percent`` (0-100, unrounded), ``denominator``. ``attrs["denominator"]`` states the base.
    """
    counts = count_table(series, order=grouping.codes, denominator="valid")
    by_code = dict(zip(grouping.codes, counts["n"].iloc[: len(grouping.codes)], strict=True))
    answered = int(sum(by_code.values()))
    missing = int(counts.loc[counts["category"] == MISSING_ROW, "n"].iloc[0])

    def share(k: int) -> float:
        return 100.0 * k / answered if answered else float("nan")

    rows = []
    for name, members in grouping.groups:
        k = sum(by_code[c] for c in members)
        rows.append(("group", name, name, None, k, share(k), answered))
        for code in members:
            rows.append(("sub-group", name, grouping.labels[code], code, by_code[code],
                         share(by_code[code]), answered))
    rows.append(("missing", None, MISSING_ROW, None, missing, float("nan"), pd.NA))
    rows.append(("total", None, TOTAL_ROW, None, answered + missing, float("nan"), pd.NA))
    frame = pd.DataFrame(rows, columns=["level", "group", "category", "code", "n", "percent",
                                        "denominator"])
    frame = frame.astype({"n": "int64", "percent": "float64", "denominator": "Int64"})
    frame.attrs["denominator"] = counts.attrs["denominator"]
    return frame


def grouped_count_gt(frame: pd.DataFrame, *, category_label: str = "Category",
                     population: str = "parents", source_note: str | None = None) -> GT:
    """Render :func:`grouped_count_table`: broad groups in bold, sub-groups indented beneath.

    ``population`` names whom the percentages describe in the note.
    """
    data = frame[["category", "n", "percent"]].copy()
    levels = frame["level"].tolist()
    group_rows = [i for i, lv in enumerate(levels) if lv == "group"]
    sub_rows = [i for i, lv in enumerate(levels) if lv == "sub-group"]
    total_rows = [i for i, lv in enumerate(levels) if lv == "total"]
    missing_rows = [i for i, lv in enumerate(levels) if lv == "missing"]
    answered = grouped_answered(frame)
    missing = int(frame.loc[frame["level"] == "missing", "n"].sum())
    note = (f"Percentages are of the {answered} {population} who answered; "
            f"{missing} of {answered + missing} gave no answer. Sub-group rows are indented "
            "under their group.")
    gt = (
        GT(data, rowname_col="category")
        .tab_stubhead(label=category_label)
        .fmt_integer(columns="n")
        .fmt_number(columns="percent", decimals=1)
        .sub_missing(columns="percent", missing_text=EN_DASH)
        .cols_label(cases={"n": "n", "percent": "%"})
        .cols_align(align="right", columns=["n", "percent"])
        .tab_stub_indent(rows=sub_rows, indent=3)
        .tab_style(style=style.text(weight="bold"), locations=loc.stub(rows=group_rows))
        .tab_style(style=style.text(weight="bold"), locations=loc.body(rows=group_rows))
        .pipe(mark_total_and_missing, total_rows, missing_rows)
        .tab_source_note(note)
    )
    if source_note:
        gt = gt.tab_source_note(source_note)
    return gt


def grouped_answered(table: pd.DataFrame) -> int:
    """People who answered: the sum of the sub-group counts of :func:`grouped_count_table`
    (the denominator of its percentages; missing answers not included)."""
    return int(table.loc[table["level"] == "sub-group", "n"].sum())


#: Demographic columns of the parents table summarised one by one, with their display names.
DEMOGRAPHIC_VARIABLES: dict[str, str] = {
    "gender": "Gender (service record)",
    "marital_status": "Marital status",
    "relationship_length_years": "Length of relationship",
    "qualification": "Highest qualification",
    "employment": "Employment",
    "sexual_orientation": "Sexual orientation",
}


def demographic_base(view: PupAnalysis) -> pd.DataFrame:
    """Parents who entered the intervention: the base of every demographic table.

    Demographic fields are service-monitoring records reported in aggregate for everyone who
    entered, as in the report (reading ``demographics-include-non-consented`` in the published
    contradictions file); no questionnaire answer is used.
    """
    return view.entered()


def demographic_table(base: pd.DataFrame, column: str) -> pd.DataFrame:
    """:func:`helpers.counts.count_table` of one demographic column over ``base``.

    Categories are every allowed code in schema order (zero counts shown) with readable labels;
    percentages are of those who answered; Missing and Total rows follow.
    """
    return count_table(base[column], order=allowed_codes(column),
                       labels={c: code_label(column, c) for c in allowed_codes(column)},
                       denominator="valid")


def demographic_share(base: pd.DataFrame, column: str, codes: Sequence[str]) -> tuple[int, int]:
    """Parents of ``base`` whose ``column`` is one of ``codes``, and those who answered ``column``.

    Returns ``(count, answered)`` for :func:`helpers.formatting.pct`; the denominator is the one
    :func:`demographic_table` uses (missing answers left out). Codes are those of the parents
    schema; an empty or unknown code raises ``ValueError``.

    >>> base = pd.DataFrame({"employment": ["full_time", "part_time", "student", None]})
    >>> demographic_share(base, "employment", ["full_time", "part_time"])
    (2, 3)
    """
    allowed = allowed_codes(column)
    unknown = [c for c in codes if c not in allowed]
    if not codes or unknown:
        raise ValueError(f"demographic_share: need codes of {column} among {allowed}; got "
                         f"{list(codes)}")
    values = base[column]
    return int(values.isin(list(codes)).sum()), int(values.notna().sum())


ETHNICITY = Grouping(
    groups=tuple(
        (LABELS["ethnic_group"][group], tuple(c for c in ETHNIC_GROUPS if ETHNIC_GROUPS[c] == group))
        for group in dict.fromkeys(ETHNIC_GROUPS.values())
    ),
    labels=LABELS["ethnicity"],
)


def ethnicity_table(base: pd.DataFrame) -> pd.DataFrame:
    """Ethnic groups and sub-groups of ``base`` (:func:`grouped_count_table` with the census-style
    grouping of :data:`helpers.pup.data.ETHNIC_GROUPS`)."""
    return grouped_count_table(base["ethnicity"], ETHNICITY)


def demographics_stacked(base: pd.DataFrame,
                         variables: dict[str, str] = DEMOGRAPHIC_VARIABLES) -> pd.DataFrame:
    """:func:`demographic_table` of each variable, stacked with a ``group`` column for
    :func:`helpers.tables.count_table_gt` (one row group per variable).

    Each group's label states its own denominator, e.g. ``"Marital status (39 answered,
    7 missing)"``; percentages are of those who answered that question.
    """
    parts = []
    for column, name in variables.items():
        table = demographic_table(base, column)
        missing = int(table.loc[table["category"] == MISSING_ROW, "n"].iloc[0])
        total = int(table.loc[table["category"] == TOTAL_ROW, "n"].iloc[0])
        table.insert(0, "group", f"{name} ({total - missing} answered, {missing} missing)")
        parts.append(table)
    out = pd.concat(parts, ignore_index=True)
    out.attrs["denominator"] = ("within each characteristic, percentages of the parents who "
                                "answered that question (missing answers not included)")
    return out


def ethnicity_bar_frame(table: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Sub-group rows of :func:`ethnicity_table` labelled ``"Group: sub-group"`` for
    :func:`helpers.figures.category_bar`, and the denominator (parents who answered)."""
    sub = table[table["level"] == "sub-group"]
    short = {name: name.split(" or ")[0] for name in sub["group"].unique()}
    size = sub["group"].value_counts()
    frame = pd.DataFrame({
        "category": [c if size[g] == 1 else f"{short[g]}: {c}"
                     for g, c in zip(sub["group"], sub["category"], strict=True)],
        "n": sub["n"].to_numpy(),
    })
    return frame, grouped_answered(table)


def ethnicity_percent_checks(table: pd.DataFrame, printed: dict[str, float]) -> pd.DataFrame:
    """Printed ethnicity percentages beside the records' counts (for
    :func:`helpers.tables.comparison_table`).

    Parameters
    ----------
    table : DataFrame
        Output of :func:`ethnicity_table`.
    printed : dict
        Printed percentages by sub-group code (``asian_indian``) or broad group key (``asian``),
        as in ``demographics.ethnicity.printed_pct`` of the published figures.

    Returns
    -------
    DataFrame
        Columns ``figure`` (label), ``printed`` (percent), ``reproduced`` (count of denominator,
        as text), ``matches`` (the count rounds to the printed percentage, either rounding rule
        for exact halves; :func:`helpers.surveys.check_printed_percent`) and ``note``.
    """
    answered = grouped_answered(table)
    by_code = table.dropna(subset=["code"]).set_index("code")["n"]
    group_keys = {key: LABELS["ethnic_group"][key] for key in dict.fromkeys(ETHNIC_GROUPS.values())}
    groups = table[table["level"] == "group"].set_index("category")["n"]
    rows = []
    for key, value in printed.items():
        if key in by_code.index:
            group = ETHNICITY.group_of(key)
            single = len(dict(ETHNICITY.groups)[group]) == 1
            k = int(by_code[key])
            label = LABELS["ethnicity"][key] if single else f"{group}: {LABELS['ethnicity'][key]}"
        elif key in group_keys:
            k, label = int(groups[group_keys[key]]), f"{group_keys[key]} (all)"
        else:
            raise KeyError(f"ethnicity_percent_checks: printed key {key!r} is neither a sub-group "
                           "code nor a group")
        check = check_printed_percent(value, k, answered)
        rows.append({"figure": label, "printed": value, "reproduced": pct(k, answered),
                     "matches": check.consistent,
                     "note": "" if check.consistent else percent_note(check, label)})
    return pd.DataFrame(rows)


def printed_group_sum(printed: Mapping[str, float], group: str) -> float:
    """Sum of the printed percentages of the sub-groups of one broad ethnic group.

    ``group`` is a group key of :data:`helpers.pup.data.ETHNIC_GROUPS` (e.g. ``"asian"``);
    ``printed`` maps sub-group codes to printed percentages (0-100), as in
    ``demographics.ethnicity.printed_pct``. A sub-group without a printed value raises
    ``KeyError``: the sum is only meaningful over the whole group.

    >>> printed_group_sum({"white_british": 10, "white_irish": 3, "white_other": 8}, "white")
    21
    """
    codes = [code for code, g in ETHNIC_GROUPS.items() if g == group]
    if not codes:
        raise KeyError(f"printed_group_sum: no ethnic group {group!r}")
    missing = [c for c in codes if c not in printed]
    if missing:
        raise KeyError(f"printed_group_sum: no printed percentage for {missing}")
    return sum(printed[c] for c in codes)
