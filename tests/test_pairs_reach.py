"""Who PAIRS reached: ethnicity, family circumstances and age (helpers.pairs.reach) and
deprivation (helpers.pairs.deprivation).

Values come from the published PAIRS report (data/published/pairs.yaml) as reproduced by the
synthetic records, from its recorded contradictions (pairs.contradictions.yaml), and from small
hand-made cases.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from helpers.describe import age_summary
from helpers.pairs.data import load_pairs
from helpers.pairs.deprivation import (
    deprivation_facts,
    imd_by_service,
    imd_figure,
    imd_person_deciles,
    imd_record_deciles,
    lowest_decile_phrase,
    printed_imd_claims,
    share_at_most,
)
from helpers.pairs.derived import tt_with_data
from helpers.pairs.reach import (
    age_differences,
    ethnicity_by_service,
    pip_profile,
    profile_differences,
    profile_gt,
    reach_facts,
    recorded_for,
    service_differences,
    service_gt,
    tt_coverage_sentence,
)
from helpers.published import published


@pytest.fixture(scope="module")
def data():
    return load_pairs()


@pytest.fixture(scope="module")
def pub():
    return published("pairs")


# --- ethnicity and deprivation, beside the report's tables 1 and 2 --------------------------------

def test_ethnicity_side_by_side_reproduces_table_1(data, pub):
    eth = ethnicity_by_service(data).set_index("code")
    for s in ("pip", "tt"):
        for code, n in pub["ethnicity"][s].items():
            assert eth.loc["Total" if code == "n" else code, f"{s}_n"] == n
    assert np.isnan(eth.loc["asian", "pip_printed"])  # printed as a bare 0
    assert eth.loc["Total", "pip_pct"] == 100


def test_ethnicity_differences_are_the_recorded_truncations(data):
    # ethnicity-pip-truncated (24.5 and 23.1) and ethnicity-tt-black-truncated (15.2)
    assert service_differences(ethnicity_by_service(data)) == [
        "Black parents in parent–infant psychotherapy",
        "White parents in parent–infant psychotherapy",
        "Black parents in Together Time",
    ]


def test_imd_table_reproduces_table_2(data, pub):
    imd = imd_by_service(data).set_index("code")
    assert [c for c in imd.index if isinstance(c, int)] == list(range(2, 9))
    for s in ("pip", "tt"):
        for key, n in pub["imd_decile"][s].items():
            code = {"n": "total", "missing": "missing"}.get(key, int(key[1:]) if key[0] == "d" else key)
            assert imd.loc[code, f"{s}_n"] == n
    assert service_differences(imd_by_service(data), "records") == []
    wrong = imd_by_service(data, {"pip_pct": {"d2": 30.0}, "tt_pct": {}})
    assert service_differences(wrong, "records") == ["Decile 2 records in parent–infant psychotherapy"]


def test_imd_shares_match_the_recorded_reading(data):
    rec = data.imd_records
    pip = rec.loc[rec["service"] == "parent_infant_psychotherapy", "imd_decile"]
    tt = rec.loc[rec["service"] == "together_time", "imd_decile"]
    # imd-postcode-records: "about 60% in deciles 1-3" is 64.5% (PIP) and 58.8% (TT) of records
    k, n = share_at_most(pip, 3)
    assert (k, n) == (236, 366) and round(100 * k / n, 1) == 64.5
    k, n = share_at_most(tt, 3)
    assert round(100 * k / n, 1) == 58.8
    assert share_at_most(pd.Series([1.0, np.nan, 10.0]), 1) == (1, 3)


def test_imd_per_person_takes_the_latest_address_and_adults_only(data):
    people = imd_person_deciles(data)
    assert len(people["pip"]) == 285 and len(people["tt"]) == 114
    toy = pd.DataFrame({
        "service": ["parent_infant_psychotherapy"] * 3 + ["together_time"] * 2,
        "person_id": ["C1", "C1", "C2", "T1", "T1"],
        "person": ["adult", "adult", "adult", "adult", "infant"],
        "address_sequence": [1, 2, 1, 1, 1],
        "imd_decile": [2, 5, np.nan, 3, 4],
    })
    out = imd_person_deciles(dataclasses.replace(data, imd_records=toy))
    assert out["pip"].tolist()[0] == 5 and np.isnan(out["pip"].tolist()[1])
    assert out["tt"].tolist() == [3]


def test_printed_imd_claims_are_read_from_the_summary():
    assert printed_imd_claims() == {"about_pct": 60, "about_area_pct": 30, "about_deciles": 3,
                                    "range_pct": (35, 40), "range_area_pct": 20,
                                    "range_deciles": 2}
    with pytest.raises(ValueError, match="cannot read"):
        printed_imd_claims("most people were poor")


def test_side_by_side_tables_and_the_imd_figure_build(data):
    html = service_gt(imd_by_service(data), category_label="IMD decile").as_raw_html()
    assert "Parent–infant psychotherapy" in html and "Together Time" in html
    assert "printed" not in html and "34.2" not in html  # whole percentages, records only
    fig = imd_figure(imd_by_service(data))
    labels = [t.get_text() for t in fig.axes[0].texts]
    # 125/366 = 34.15% and 90/228 = 39.47%, whole numbers half up
    assert "34% (125)" in labels and "39% (90)" in labels
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()][0] == "Decile 2"


def test_profile_reproduces_table_3(data, pub):
    prof = pip_profile(data)
    rows = prof.set_index(["group", "category"])["n"]
    role = pub["pip_demographics"]["role"]
    assert rows[("Relationship to the infant", "Mother")] == role["mother"]
    assert rows[("Relationship to the infant", "Father")] == role["father"]
    assert ("Relationship to the infant", "Missing") not in rows.index  # no blank roles
    single = pub["pip_demographics"]["single_parent"]
    assert rows[("Single parent", "Yes")] == single[True]
    assert rows[("Single parent", "Missing")] == single["missing"]
    assert rows[("Single parent", "Total")] == 285
    # role-pct-mother: 275/285 = 96.49%, printed 96.50
    assert profile_differences(prof) == ["mothers"]
    html = profile_gt(prof).as_raw_html()
    assert "differs" not in html and "printed" not in html and "Recorded as" in html
    assert ">96<" in html and "96.49" not in html


def test_age_summary_by_hand_and_on_the_records(data, pub):
    s = age_summary(pd.Series([20, 30, 40, None], dtype="Int64"))
    assert (s.n, s.missing, s.minimum, s.maximum, s.mean, s.sd) == (3, 1, 20, 40, 30.0, 10.0)
    assert np.isnan(age_summary(pd.Series([25])).sd)
    with pytest.raises(ValueError):
        age_summary(pd.Series([None, None], dtype="Int64"))
    pip = age_summary(data.pip_clients["age_at_referral"])
    printed = pub["pip_demographics"]["age"]
    assert (pip.minimum, pip.maximum, round(pip.mean)) == (printed["min"], printed["max"],
                                                           printed["mean"])
    tt = age_summary(tt_with_data(data)["age"])
    assert round(tt.mean, 2) == pub["together_time"]["age"]["mean"]


# --- named facts of the chapter -----------------------------------------------------------------

def test_reach_facts_on_the_records(data):
    r = reach_facts(data)
    assert r.adults == {"pip": 285, "tt": 118}
    assert (r.tt_with_data, r.tt_without_data, r.tt_refused) == (114, 4, 2)
    assert r.ethnicity["pip"] == {"asian": 0, "black": 70, "mixed": 0, "white": 66, "other": 61,
                                  "unknown": 88}
    assert r.ethnicity["tt"] == {"asian": 4, "black": 18, "mixed": 5, "white": 55, "other": 0,
                                 "unknown": 36}
    assert (r.not_stated, r.blank) == ({"pip": 50, "tt": 20}, {"pip": 38, "tt": 16})
    assert r.known == {"pip": 197, "tt": 82}
    assert (r.english, r.mothers) == (231, 275)
    assert r.single_parent == {"yes": 48, "no": 86, "unknown": 26, "missing": 125}
    assert r.single_parent_unanswered == 151
    assert (r.pip_age.n, r.pip_age.minimum, r.pip_age.maximum) == (285, 16, 57)
    assert (r.tt_age.n, r.tt_age.minimum, r.tt_age.maximum) == (114, 18, 54)
    assert round(r.tt_age.mean, 2) == 33.54


def _reach_data(data, pip_rows, tt_rows, with_data):
    """``data`` with hand-made PIP clients (ethnicity, language, role, single parent, age) and
    Together Time participants (id, ethnicity, age); ``with_data`` returned a questionnaire."""
    cl = pd.DataFrame(pip_rows, columns=["ethnicity_group", "home_language", "role",
                                         "single_parent", "age_at_referral"])
    tp = pd.DataFrame(tt_rows, columns=["participant_id", "ethnicity_group", "age"])
    return dataclasses.replace(
        data, pip_clients=cl, tt_participants=tp,
        tt_questionnaires=pd.DataFrame({"participant_id": list(with_data)}),
        tt_goals=pd.DataFrame({"participant_id": pd.Series([], dtype=str)}),
        excluded_no_consent={"tt_participants": 0})


def test_reach_facts_on_hand_made_records(data):
    one = reach_facts(_reach_data(data, [("black", "English", "mother", None, 30)],
                                  [("T1", None, 25)], ["T1"]))
    assert one.adults == {"pip": 1, "tt": 1} and one.tt_refused == 0
    assert one.ethnicity["pip"]["black"] == 1 and sum(one.ethnicity["pip"].values()) == 1
    assert one.ethnicity["tt"]["unknown"] == 1 and one.known == {"pip": 1, "tt": 0}
    assert (one.blank, one.not_stated) == ({"pip": 0, "tt": 1}, {"pip": 0, "tt": 0})
    assert one.single_parent == {"yes": 0, "no": 0, "unknown": 0, "missing": 1}
    assert (one.english, one.mothers, one.tt_without_data) == (1, 1, 0)
    many = reach_facts(_reach_data(
        data,
        [("white", "English", "mother", "yes", 20), ("not_stated", "Spanish", "father", "no", 40),
         (None, None, "mother", "unknown", None)],
        [("T1", "white", 30), ("T2", "white", None), ("T3", "asian", 50)], ["T1", "T3"]))
    assert many.ethnicity["pip"] == {"asian": 0, "black": 0, "mixed": 0, "white": 1, "other": 0,
                                     "unknown": 2}
    assert (many.not_stated["pip"], many.blank["pip"], many.known["pip"]) == (1, 1, 1)
    assert many.ethnicity["tt"]["white"] == 2 and many.known["tt"] == 3
    assert many.single_parent == {"yes": 1, "no": 1, "unknown": 1, "missing": 0}
    assert many.single_parent_unanswered == 1
    assert (many.english, many.mothers) == (1, 2)
    assert (many.pip_age.n, many.pip_age.missing, many.pip_age.mean) == (2, 1, 30.0)
    assert (many.tt_with_data, many.tt_without_data, many.tt_age.mean) == (2, 1, 40.0)
    with pytest.raises(ValueError, match="no age"):
        reach_facts(_reach_data(data, [("white", "English", "mother", "yes", None)],
                                [("T1", "white", 30)], ["T1"]))


def test_deprivation_facts_on_the_records(data):
    dep = deprivation_facts(data)
    assert (dep.lowest_decile, dep.moved, dep.tt_infant_records) == (2, 81, 114)
    assert {s: len(v) for s, v in dep.records.items()} == {"pip": 366, "tt": 228}
    assert {s: len(v) for s, v in dep.people.items()} == {"pip": 285, "tt": 114}
    assert share_at_most(dep.records["pip"], 2) == (125, 366)
    assert share_at_most(dep.records["tt"], 2) == (90, 228)
    assert share_at_most(dep.records["tt"], 3) == (134, 228)
    assert share_at_most(dep.people["pip"], 3) == (182, 285)
    assert share_at_most(dep.people["tt"], 3) == (67, 114)


def test_deprivation_facts_on_hand_made_records(data):
    toy = pd.DataFrame({
        "service": ["parent_infant_psychotherapy"] * 4 + ["together_time"] * 3,
        "person_id": ["C1", "C1", "C1", "C2", "T1", "T1", "T2"],
        "person": ["adult"] * 4 + ["adult", "infant", "adult"],
        "address_sequence": [1, 2, 3, 1, 1, 1, 1],
        "imd_decile": [4, 3, np.nan, 6, 5, 5, np.nan],
    })
    dep = deprivation_facts(dataclasses.replace(data, imd_records=toy))
    assert (dep.lowest_decile, dep.moved, dep.tt_infant_records) == (3, 2, 1)
    assert share_at_most(dep.records["pip"], 4) == (2, 4)
    assert share_at_most(dep.records["tt"], 5) == (2, 3)
    records = imd_record_deciles(dataclasses.replace(data, imd_records=toy))
    assert records["tt"].tolist()[:2] == [5, 5] and np.isnan(records["tt"].iloc[2])
    one = deprivation_facts(dataclasses.replace(data, imd_records=toy.iloc[3:4]))
    assert (one.lowest_decile, one.moved, one.tt_infant_records) == (6, 0, 0)
    assert len(one.records["tt"]) == 0
    with pytest.raises(ValueError, match="no postcode"):
        deprivation_facts(dataclasses.replace(data, imd_records=toy.iloc[2:3]))


def test_ethnic_mixes_differ_between_the_services(data):
    r = reach_facts(data)
    assert r.largest_known == {"pip": "black", "tt": "white"} and r.mixes_differ
    same = dataclasses.replace(r, ethnicity={"pip": {"white": 3, "black": 1, "unknown": 9},
                                             "tt": {"white": 2, "black": 2, "unknown": 0}})
    # Together Time ties black and white at 2: the tie goes to the earlier code ("black")
    assert same.largest_known == {"pip": "white", "tt": "black"} and same.mixes_differ
    same = dataclasses.replace(r, ethnicity={"pip": {"white": 3, "unknown": 0},
                                             "tt": {"white": 1, "unknown": 5}})
    assert not same.mixes_differ
    unknown = dataclasses.replace(r, ethnicity={"pip": {"white": 0, "unknown": 3},
                                                "tt": {"white": 1, "unknown": 0}})
    assert unknown.largest_known["pip"] == "" and not unknown.mixes_differ
    assert r.single_parent_answered == 48 + 86


def test_age_differences_agree_and_catch_a_wrong_printed_value(data, pub):
    r = reach_facts(data)
    assert age_differences(r) == []
    wrong = dict(pub, together_time=dict(pub["together_time"],
                                         age=dict(pub["together_time"]["age"], mean=33.55)))
    wrong["pip_demographics"] = dict(pub["pip_demographics"],
                                     age=dict(pub["pip_demographics"]["age"], min=17))
    assert age_differences(r, wrong) == ["the youngest parent in psychotherapy",
                                         "the mean age in Together Time"]


def test_tt_coverage_sentence_on_the_records(data):
    assert tt_coverage_sentence(reach_facts(data)) == (
        "The Together Time count includes four parents who returned no questionnaire and set no "
        "goal; two further parents did not consent to the use of their records, so their user "
        "records, questionnaires and goals are left out.")


def test_recorded_for_at_zero_one_and_many():
    assert recorded_for(285, 285, "client") == "all 285 clients"
    assert recorded_for(1, 1, "client") == "the one client"
    assert recorded_for(0, 12, "client") == "none of the 12 clients"
    assert recorded_for(5, 8, "client") == "5 of 8 (63%) clients"
    with pytest.raises(ValueError):
        recorded_for(3, 2, "client")


def test_deprivation_shares_and_words_on_the_records(data):
    dep = deprivation_facts(data)
    assert dep.share("pip", 3) == (236, 366) and dep.share("tt", 3, "people") == (67, 114)
    with pytest.raises(ValueError):
        dep.share("pip", 3, "households")
    # 64.5% of records and 63.9% of people both show as 64%; Together Time 58.8% both times
    assert dep.people_match_records(3)
    assert dep.most_within(3) and not dep.most_within(2)   # 34% and 39% in deciles 1-2
    assert lowest_decile_phrase(dep.lowest_decile) == "decile 2; no record lies in decile 1"


def test_deprivation_words_on_hand_made_records(data):
    toy = pd.DataFrame({
        "service": ["parent_infant_psychotherapy"] * 3 + ["together_time"] * 2,
        "person_id": ["C1", "C1", "C2", "T1", "T2"],
        "person": ["adult"] * 5,
        "address_sequence": [1, 2, 1, 1, 1],
        "imd_decile": [2, 7, 3, 1, 9],
    })
    dep = deprivation_facts(dataclasses.replace(data, imd_records=toy))
    # records: PIP 2 of 3 in deciles 1-3 (67%), people 1 of 2 (50%): not the same share
    assert dep.share("pip", 3) == (2, 3) and dep.share("pip", 3, "people") == (1, 2)
    assert not dep.people_match_records(3)
    assert not dep.most_within(3)          # Together Time: 1 of 2 is half, not most
    assert dep.most_within(9)
    assert lowest_decile_phrase(dep.lowest_decile) == (
        "decile 1, the most deprived tenth of small areas in England")
    assert lowest_decile_phrase(3) == "decile 3; no record lies in deciles 1 or 2"
    with pytest.raises(ValueError):
        lowest_decile_phrase(11)
