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
    age_sentence,
    answered_sentence,
    ethnicity_bar_frame,
    ethnicity_sentence,
    ethnicity_table,
    gender_reading_clause,
    grouped_answered,
    grouped_count_gt,
    grouped_count_table,
    largest_subgroup_sentence,
    share_clause,
)
from helpers.describe import AgeSummary
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


def test_demographics_stacked_labels_are_names_alone_in_the_public_edition(view, monkeypatch):
    monkeypatch.setenv("EVAL_EDITION", "public")
    groups = list(dict.fromkeys(demographics_stacked(demographic_base(view))["group"]))
    assert groups[0] == "Gender (service record)" and "Sexual orientation" in groups


def test_demographics_stacked_names_each_denominator(view):
    stacked = demographics_stacked(demographic_base(view))
    groups = list(dict.fromkeys(stacked["group"]))
    assert groups[0] == "Gender (service record) (46 answered, 0 missing)"
    assert "Sexual orientation (34 answered, 12 missing)" in groups
    html = count_table_gt(stacked).as_raw_html()
    assert "percentages of the parents who answered that question" in html


def test_ethnicity_table_on_the_shipped_data(view):
    table = ethnicity_table(demographic_base(view)).set_index("category")
    assert table.loc["Asian or Asian British", "n"] == 26
    assert table.loc["White", "n"] == 8 and table.loc["Black or Black British", "n"] == 3
    assert table.loc["Missing", "n"] == 7


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


def test_grouped_count_gt_shows_whole_percentages_rounded_half_up():
    # 1 of 8 is 12.5%: shown as 13%, not 12% (half to even) or 12.5
    series = pd.Series(["ai"] + ["wb"] * 7)
    html = grouped_count_gt(grouped_count_table(series, TOY)).as_raw_html()
    assert "13%" in html and "88%" in html and "12.5" not in html


def test_answered_sentence_zero_one_and_many():
    assert answered_sentence(0, 3, "their age") == "No parents gave their age (three did not)."
    assert answered_sentence(1, 0, "their age") == "One parent gave their age."
    assert answered_sentence(39, 7, "their ethnic group") == \
        "Thirty-nine parents gave their ethnic group (seven did not)."


def test_ethnicity_sentence_zero_one_and_many_groups():
    none = grouped_count_table(pd.Series([None, None], dtype=object), ETHNICITY)
    assert ethnicity_sentence(none) == "No parent gave their ethnic group."
    one = grouped_count_table(pd.Series(["white_irish"]), ETHNICITY)
    assert ethnicity_sentence(one) == ("Of those who answered, 1 of 1 (100%) described themselves "
                                       "as White, all of them Irish (1 of 1, 100% of all who "
                                       "answered).")
    many = grouped_count_table(pd.Series(["asian_indian", "asian_pakistani", "white_irish",
                                          "mixed"]), ETHNICITY)
    assert ethnicity_sentence(many) == (
        "Of those who answered, 2 of 4 (50%) described themselves as Asian or Asian British, "
        "half of them Indian (1 of 4, 25% of all who answered). The other groups were White "
        "(1 of 4, 25%) and Mixed or multiple (1 of 4, 25%).")


def test_ethnicity_sentence_on_the_shipped_data(view):
    text = ethnicity_sentence(ethnicity_table(demographic_base(view)))
    assert text.startswith("Of those who answered, 26 of 39 (67%) described themselves as Asian "
                           "or Asian British, most of them Indian (15 of 39, 38% of all who "
                           "answered). The other groups were White (8 of 39, 21%);")


def test_largest_subgroup_sentence_one_and_tied():
    assert largest_subgroup_sentence(grouped_count_table(pd.Series([None], dtype=object),
                                                         ETHNICITY)) == \
        "No parent gave their ethnic group."
    one = grouped_count_table(pd.Series(["asian_indian", "asian_indian", "mixed"]), ETHNICITY)
    assert largest_subgroup_sentence(one) == "The largest sub-group is Indian (2 of 3, 67%)."


def test_share_clause_agrees_with_its_count():
    assert share_clause(0, 5, "was", "married") == "0 of 5 (0%) were married"
    assert share_clause(1, 5, "was", "married") == "1 of 5 (20%) was married"
    assert share_clause(4, 5, "held", "a degree") == "4 of 5 (80%) held a degree"


def test_age_sentence_one_many_and_missing():
    assert age_sentence(AgeSummary(1, 0, 30, 30, 30.0, float("nan")), 1) == \
        "One parent gave their age, 30 years."
    full = age_sentence(AgeSummary(3, 0, 20, 40, 30.0, 10.0), 3)
    assert full == ("Three parents gave their age; they were between 20 and 40 years old, with a "
                    "mean of 30.0 (10.0) years (mean and SD).")
    with pytest.raises(ValueError, match="not 5"):
        age_sentence(AgeSummary(3, 0, 20, 40, 30.0, 10.0), 5)


def test_age_sentence_on_the_shipped_data(view):
    base = demographic_base(view)
    text = age_sentence(age_summary(base["age"]), len(base))
    assert text == ("Twenty-five parents gave their age (21 did not); they were between 20 and 55 "
                    "years old, with a mean of 39.8 (8.0) years (mean and SD). With 21 of 46 "
                    "(46%) ages missing, the mean may not describe the whole group.")


def test_gender_reading_clause_zero_one_and_many(view):
    assert gender_reading_clause(pd.DataFrame({"gender": ["female", "male"]})) == \
        "recorded it for every parent with both questionnaires"
    assert gender_reading_clause(pd.DataFrame({"gender": [None, None]})) == \
        "left it blank for both parents with both questionnaires"
    assert gender_reading_clause(view.paired()) == \
        "left it blank for one of the 17 parents with both questionnaires"


def test_percent_for_display_rounds_half_up_and_keeps_the_denominator_note():
    from helpers.pup.participants import percent_for_display

    table = grouped_count_table(pd.Series(["ai"] + ["wb"] * 7), TOY)  # 12.5% and 87.5%
    shown = percent_for_display(table)
    assert shown["percent"].iloc[:5].tolist() == [13.0, 13.0, 0.0, 88.0, 88.0]
    assert shown["percent"].iloc[5:].isna().all()
    assert shown.attrs["denominator"] == table.attrs["denominator"]
    assert table["percent"].iloc[0] == 12.5  # the input is not changed
    html = count_table_gt(percent_for_display(demographics_stacked(
        pd.DataFrame({c: [None] for c in ("gender", "marital_status", "relationship_length_years",
                                          "qualification", "employment",
                                          "sexual_orientation")}))), decimals=0).as_raw_html()
    assert "0 answered, 1 missing" in html
