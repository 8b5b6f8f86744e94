"""Tests of helpers.pup.participants: grouped counts, demographics and ethnicity."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.describe import age_summary
from helpers.published import published
from helpers.pup.data import load_pup
from helpers.pup.labels import LABELS
from helpers.pup.participants import (
    ETHNICITY,
    Grouping,
    demographic_base,
    demographic_share,
    demographic_table,
    demographics_stacked,
    ethnicity_bar_frame,
    ethnicity_percent_checks,
    ethnicity_table,
    grouped_answered,
    grouped_count_gt,
    grouped_count_table,
    printed_group_sum,
)
from helpers.tables import count_table_gt

# --- grouped counts ---------------------------------------------------------------------------

TOY = Grouping(groups=(("Asian", ("ai", "ap")), ("White", ("wb",))),
               labels={"ai": "Indian", "ap": "Pakistani", "wb": "British"})


def test_grouped_count_table_sums_sub_groups_into_groups_over_the_answered():
    t = grouped_count_table(pd.Series(["ai", "ai", "ap", "wb", None]), TOY)
    assert t["category"].tolist() == ["Asian", "Indian", "Pakistani", "White", "British",
                                      "Missing", "Total"]
    assert t["n"].tolist() == [3, 2, 1, 1, 1, 1, 5]
    assert t["percent"].iloc[:5].tolist() == [75.0, 50.0, 25.0, 25.0, 25.0]
    assert t["percent"].iloc[5:].isna().all()
    assert "4 valid responses (1 missing" in t.attrs["denominator"]


def test_grouped_count_table_keeps_empty_sub_groups_and_rejects_unknown_codes():
    t = grouped_count_table(pd.Series(["wb"]), TOY)
    assert t.set_index("category").loc["Pakistani", "n"] == 0
    with pytest.raises(ValueError, match="'xx'"):
        grouped_count_table(pd.Series(["wb", "xx"]), TOY)


def test_grouping_rejects_a_code_in_two_groups_or_without_label():
    with pytest.raises(ValueError, match="more than one group"):
        Grouping(groups=(("A", ("a",)), ("B", ("a",))), labels={"a": "A"})
    with pytest.raises(ValueError, match="without a label"):
        Grouping(groups=(("A", ("a",)),), labels={})


def test_grouped_count_gt_states_the_denominator():
    html = grouped_count_gt(grouped_count_table(pd.Series(["ai", "wb", None]), TOY)).as_raw_html()
    assert "Percentages are of the 2 parents who answered; 1 of 3 gave no answer." in html


def test_a_printed_percentage_no_count_can_give_is_flagged():
    table = grouped_count_table(pd.Series(["asian_indian"] * 3 + ["white_irish"] * 5), ETHNICITY)
    checks = ethnicity_percent_checks(table, {"asian_indian": 40, "white": 62})
    assert checks["matches"].tolist() == [False, True]  # 3 of 8 = 37.5%; 5 of 8 = 62.5%
    assert "a share no whole number of 8 respondents can give" in checks["note"].iloc[0]
    with pytest.raises(KeyError, match="neither"):
        ethnicity_percent_checks(table, {"martian": 1})


# --- from the records (synthetic data calibrated to the report) ------------------------------


@pytest.fixture(scope="module")
def view():
    return load_pup().analysis()


def test_demographic_tables_reproduce_the_published_counts_with_their_own_denominators(view):
    demo = published("parenting-under-pressure")["demographics"]
    base = demographic_base(view)
    assert len(base) == demo["gender"]["n"] == 46
    for column in ("marital_status", "relationship_length_years", "qualification", "employment",
                   "sexual_orientation"):
        table = demographic_table(base, column)
        answered = int(table["n"].iloc[:-2].sum())
        assert answered == demo[column]["n"], column
        assert table.set_index("category").loc["Total", "n"] == 46
        labels = {c: LABELS[column].get(c, c) for c in demo[column] if c != "n"}
        for code, label in labels.items():
            assert table.set_index("category").loc[label, "n"] == demo[column][code], (column, code)
    age = age_summary(base["age"])
    assert (age.n, age.missing, age.minimum, age.maximum) == (25, 21, 20, 55)
    assert round(age.mean, 1) == 39.8 and round(age.sd, 2) == 7.98


def test_demographics_stacked_names_each_denominator(view):
    stacked = demographics_stacked(demographic_base(view))
    groups = list(dict.fromkeys(stacked["group"]))
    assert groups[0] == "Gender (service record) (46 answered, 0 missing)"
    assert "Sexual orientation (34 answered, 12 missing)" in groups
    html = count_table_gt(stacked).as_raw_html()
    assert "percentages of the parents who answered that question" in html


def test_ethnicity_table_and_printed_percentages(view):
    demo = published("parenting-under-pressure")["demographics"]["ethnicity"]
    table = ethnicity_table(demographic_base(view)).set_index("category")
    assert table.loc["Asian or Asian British", "n"] == 26
    assert table.loc["White", "n"] == 8 and table.loc["Black or Black British", "n"] == 3
    assert table.loc["Missing", "n"] == 7
    checks = ethnicity_percent_checks(ethnicity_table(demographic_base(view)), demo["printed_pct"])
    assert len(checks) == 14 and checks["matches"].all()
    assert checks.set_index("figure").loc["Asian or Asian British (all)", "reproduced"] == \
        "26 of 39 (67%)"


def test_ethnicity_bar_frame_drops_the_group_name_for_single_member_groups(view):
    frame, total = ethnicity_bar_frame(ethnicity_table(demographic_base(view)))
    assert total == 39 and int(frame["n"].sum()) == 39
    assert frame["category"].iloc[0] == "Asian: Indian"
    assert "Mixed or multiple groups" in frame["category"].tolist()


# --- facts the chapter reads ------------------------------------------------------------------


def test_grouped_answered_zero_one_and_many():
    assert grouped_answered(grouped_count_table(pd.Series([None, None], dtype=object), TOY)) == 0
    assert grouped_answered(grouped_count_table(pd.Series(["wb", None]), TOY)) == 1
    assert grouped_answered(grouped_count_table(pd.Series(["ai", "ai", "ap", "wb", None]),
                                                TOY)) == 4


def test_demographic_share_by_hand():
    base = pd.DataFrame({"marital_status": ["married", "cohabiting", None, "married"],
                         "qualification": [None, None, None, None]})
    assert demographic_share(base, "marital_status", ["married"]) == (2, 3)
    assert demographic_share(base, "marital_status", ["married", "cohabiting"]) == (3, 3)
    assert demographic_share(base, "marital_status", ["civil_partnership"]) == (0, 3)
    assert demographic_share(base, "qualification", ["none"]) == (0, 0)
    with pytest.raises(ValueError, match="Married"):
        demographic_share(base, "marital_status", ["Married"])  # a label, not a code
    with pytest.raises(ValueError, match="need codes"):
        demographic_share(base, "marital_status", [])


def test_demographic_share_on_the_shipped_data_matches_the_tables(view):
    base = demographic_base(view)
    assert demographic_share(base, "gender", ["female"]) == (24, 46)
    assert demographic_share(base, "gender", ["male"]) == (22, 46)
    assert demographic_share(base, "marital_status", ["married"]) == (33, 39)
    assert demographic_share(base, "qualification", ["postgraduate", "undergraduate"]) == (23, 39)
    assert demographic_share(base, "employment", ["full_time", "part_time"]) == (33, 39)
    table = demographic_table(base, "marital_status").set_index("category")
    assert int(table.loc["Married", "n"]) == 33 and int(table.loc["Married", "denominator"]) == 39


def test_grouped_answered_on_the_shipped_ethnicity(view):
    table = ethnicity_table(demographic_base(view))
    assert grouped_answered(table) == 39
    assert ethnicity_bar_frame(table)[1] == 39


def test_printed_group_sum():
    printed = published("parenting-under-pressure")["demographics"]["ethnicity"]["printed_pct"]
    assert printed_group_sum(printed, "asian") == 66  # 38 + 8 + 10 + 10, printed total 67
    assert printed_group_sum({"mixed": 5}, "mixed") == 5  # a group of one sub-group
    with pytest.raises(KeyError, match="asian_other"):
        printed_group_sum({"asian_indian": 1, "asian_pakistani": 1, "asian_bangladeshi": 1},
                          "asian")
    with pytest.raises(KeyError, match="martian"):
        printed_group_sum(printed, "martian")
