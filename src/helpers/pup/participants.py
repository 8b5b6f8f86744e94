"""Who took part in Parenting Under Pressure: demographics and ethnicity (chapter "Who took part").

Demographic fields are service-monitoring records, summarised for every parent who entered
(:func:`demographic_base`). Each characteristic has its own denominator: the parents who answered
it. Ethnicity is shown as census-style groups and sub-groups (:func:`grouped_count_table`).
Sentences for the prose (:func:`ethnicity_sentence`, :func:`age_sentence`, ...) read correctly
at 0, 1 and many; interpretive words come from :mod:`helpers.words`.

The flow, sessions and the methods-chapter facts live in :mod:`helpers.pup.flow`,
:mod:`helpers.pup.sessions` and :mod:`helpers.pup.methods`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from great_tables import GT, loc, style

from helpers import disclosure
from helpers.counts import MISSING as MISSING_ROW
from helpers.counts import TOTAL as TOTAL_ROW
from helpers.counts import count_table
from helpers.describe import AgeSummary
from helpers.formatting import DECIMALS, mean_sd, pct, percent, round_half_up
from helpers.pup.analysis import PupAnalysis
from helpers.pup.data import ETHNIC_GROUPS
from helpers.pup.labels import LABELS, allowed_codes, code_label
from helpers.pup.methods import EN_DASH
from helpers.tables import mark_total_and_missing
from helpers.words import count_of, count_phrase, join_words, number_word, share_word, verb

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
    "answered_sentence",
    "ethnicity_sentence",
    "largest_subgroup_sentence",
    "share_clause",
    "age_sentence",
    "gender_reading_clause",
    "percent_for_display",
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

    ``population`` names whom the percentages describe in the note. Percentages follow the
    display policy (whole numbers, rounded half up, with a % sign).
    """
    data = frame[["category", "n", "percent"]].copy()
    data["percent"] = [None if pd.isna(v) else percent(v, DECIMALS["percent"])
                       for v in data["percent"]]
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
    7 missing)"``; percentages are of those who answered that question. In the public edition
    (:mod:`helpers.disclosure`) the label is the name alone: the counts are the group's Missing
    and Total rows, which the table's suppression covers.
    """
    parts = []
    public = disclosure.active_rule() is not None
    for column, name in variables.items():
        table = demographic_table(base, column)
        missing = int(table.loc[table["category"] == MISSING_ROW, "n"].iloc[0])
        total = int(table.loc[table["category"] == TOTAL_ROW, "n"].iloc[0])
        label = name if public else f"{name} ({total - missing} answered, {missing} missing)"
        table.insert(0, "group", label)
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


def answered_sentence(answered: int, missing: int, what: str) -> str:
    """How many parents answered a question and how many did not, as a sentence.

    >>> answered_sentence(39, 7, "their ethnic group")
    'Thirty-nine parents gave their ethnic group (seven did not).'
    >>> answered_sentence(1, 0, "their age"), answered_sentence(0, 2, "their age")
    ('One parent gave their age.', 'No parents gave their age (two did not).')
    """
    text = f"{count_phrase(answered, 'parent', start=True)} gave {what}"
    return text + (f" ({number_word(missing)} did not)." if missing else ".")


def _groups(table: pd.DataFrame) -> pd.DataFrame:
    groups = table[table["level"] == "group"]
    return groups[groups["n"] > 0].sort_values("n", ascending=False, kind="stable")


def ethnicity_sentence(table: pd.DataFrame) -> str:
    """The ethnic groups of :func:`ethnicity_table` in words, largest first.

    The largest group is named with its largest sub-group (the share of the group it makes up
    is worded by :func:`helpers.words.share_word`); the other groups follow with their shares.
    Percentages are of those who answered.

    >>> t = grouped_count_table(pd.Series(["asian_indian"] * 3 + ["asian_other", "white_irish"]),
    ...                         ETHNICITY)
    >>> ethnicity_sentence(t)
    'Of those who answered, 4 of 5 (80%) described themselves as Asian or Asian British, most of them Indian (3 of 5, 60% of all who answered). The other group was White (1 of 5, 20%).'
    """
    answered = grouped_answered(table)
    if answered == 0:
        return "No parent gave their ethnic group."
    groups = _groups(table)
    first = groups.iloc[0]
    text = f"Of those who answered, {pct(int(first['n']), answered)} described themselves as " \
           f"{first['category']}"
    subs = table[(table["level"] == "sub-group") & (table["group"] == first["category"])]
    if len(subs) > 1:
        top = subs.sort_values("n", ascending=False, kind="stable").iloc[0]
        text += (f", {share_word(int(top['n']), int(first['n']))} of them {top['category']} "
                 f"({pct(int(top['n']), answered, nested=True)} of all who answered)")
    others = [f"{g['category']} ({pct(int(g['n']), answered, nested=True)})"
              for _, g in groups.iloc[1:].iterrows()]
    if others:
        text += (f". The other {'group was' if len(others) == 1 else 'groups were'} "
                 f"{join_words(others)}")
    return text + "."


def largest_subgroup_sentence(table: pd.DataFrame) -> str:
    """The largest ethnic sub-group(s) of :func:`ethnicity_table`, ties named together.

    >>> t = grouped_count_table(pd.Series(["asian_indian", "white_irish", "mixed"]), ETHNICITY)
    >>> largest_subgroup_sentence(t)
    'The largest sub-groups are Indian, Irish and Mixed or multiple groups (1 of 3, 33% each).'
    >>> largest_subgroup_sentence(grouped_count_table(pd.Series(["mixed", "mixed"]), ETHNICITY))
    'The largest sub-group is Mixed or multiple groups (2 of 2, 100%).'
    """
    answered = grouped_answered(table)
    if answered == 0:
        return "No parent gave their ethnic group."
    subs = table[table["level"] == "sub-group"]
    top = int(subs["n"].max())
    names = subs.loc[subs["n"] == top, "category"].tolist()
    share = pct(top, answered, nested=True)
    if len(names) == 1:
        return f"The largest sub-group is {names[0]} ({share})."
    return f"The largest sub-groups are {join_words(names)} ({share} each)."


def share_clause(count: int, answered: int, verb_singular: str, rest: str) -> str:
    """``"33 of 39 (85%) were married"``: a share with a verb that agrees with its count.

    >>> share_clause(33, 39, "was", "married"), share_clause(1, 39, "was", "married")
    ('33 of 39 (85%) were married', '1 of 39 (3%) was married')
    """
    return f"{pct(count, answered)} {verb(verb_singular, count)} {rest}"


def age_sentence(age: AgeSummary, total: int) -> str:
    """Who gave an age, the range and mean (SD) in years, and a caution when ages are missing.

    ``total`` is the number of parents asked (those with and without an age).

    >>> age_sentence(AgeSummary(25, 21, 20, 55, 39.84, 7.98), 46)
    'Twenty-five parents gave their age (21 did not); they were between 20 and 55 years old, with a mean of 39.8 (8.0) years (mean and SD). With 21 of 46 (46%) ages missing, the mean may not describe the whole group.'
    >>> age_sentence(AgeSummary(1, 0, 30, 30, 30.0, float("nan")), 1)
    'One parent gave their age, 30 years.'
    """
    if age.n + age.missing != total:
        raise ValueError(f"age_sentence: {age.n} ages and {age.missing} missing are not {total}")
    head = answered_sentence(age.n, age.missing, "their age")[:-1]
    if age.n == 1:
        return f"{head}, {age.minimum} years."
    text = (f"{head}; they were between {age.minimum} and {age.maximum} years old, with a mean of "
            f"{mean_sd(age.mean, age.sd)} years (mean and SD).")
    if age.missing:
        text += (f" With {pct(age.missing, total)} ages missing, the mean may not describe the "
                 "whole group.")
    return text


def gender_reading_clause(paired: pd.DataFrame) -> str:
    """Whether the intake questionnaire (which splits the outcomes by gender) recorded gender for
    every parent with both questionnaires, as a clause (0, 1 and many blanks).

    ``paired`` is :meth:`helpers.pup.analysis.PupAnalysis.paired` (column ``gender``: the
    questionnaire's answer, blank when not given).

    >>> gender_reading_clause(pd.DataFrame({"gender": ["female", None, "male"]}))
    'left it blank for one of the three parents with both questionnaires'
    >>> gender_reading_clause(pd.DataFrame({"gender": ["female", "male"]}))
    'recorded it for every parent with both questionnaires'
    >>> gender_reading_clause(pd.DataFrame({"gender": []}))
    'has nobody to split, since no consenting parent has both questionnaires'
    """
    if paired.empty:
        return "has nobody to split, since no consenting parent has both questionnaires"
    blank = int(paired["gender"].isna().sum())
    if blank == 0:
        return "recorded it for every parent with both questionnaires"
    return f"left it blank for {count_of(blank, len(paired), 'parent')} with both questionnaires"


def percent_for_display(table: pd.DataFrame, column: str = "percent") -> pd.DataFrame:
    """A copy of a count table with ``column`` rounded half up to the display policy's places
    (:data:`helpers.formatting.DECIMALS`), so a table builder that rounds half to even
    (great_tables) shows 13% for 12.5%, as the prose does. Missing values stay missing.

    >>> percent_for_display(pd.DataFrame({"percent": [12.5, 62.5, None]}))["percent"].tolist()
    [13.0, 63.0, nan]
    """
    out = table.copy()
    out[column] = [v if pd.isna(v) else round_half_up(v, DECIMALS["percent"])
                   for v in out[column]]
    out.attrs = dict(table.attrs)
    return out
