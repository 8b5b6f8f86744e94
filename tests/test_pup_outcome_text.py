"""Sentences of the PuP outcomes chapter: hand-made results at 0, 1 and many, and the shipped data."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.pup.outcome_text import (
    HIGHER_IS,
    change_caption,
    couples_intro,
    deterioration_sentence,
    difference_phrase,
    direction_summary,
    effect_sentence,
    excluded_sentence,
    family_reading,
    family_sentence,
    holm_list,
    improved_outcomes,
    intake_reading,
    interval_includes_zero,
    outcome_sentence,
    recovery_sentence,
    score_change,
    subgroup_comparison,
)
from helpers.pup.outcomes import (
    ChangeFacts,
    FamilySignificance,
    IntakeSummary,
    change_facts,
    completion_counts,
    family_significance,
    outcome_frames,
    paired_outcomes,
)
from helpers.pup.sessions import sessions_summary
from helpers.stats.paired import paired_comparison


@pytest.fixture(scope="module")
def shipped():
    frames = outcome_frames()
    return frames, paired_outcomes(frames.paired)


def _family_frame(changes: dict[str, tuple[list[float], list[float]]]) -> pd.DataFrame:
    keys = list(changes)
    return pd.DataFrame({"key": keys, "group": ["all"] * len(keys),
                         "result": [paired_comparison(*changes[k]) for k in keys]})


def test_directions_come_from_the_instruments():
    assert HIGHER_IS == {"core10": "worse", "risk": "worse", "csi4": "better",
                         "arguments": "worse"}


def test_excluded_sentence_zero_one_and_many():
    assert excluded_sentence(0, 0) == "no questionnaire had to be set aside for that reason"
    assert excluded_sentence(0, 1) == ("no intake questionnaires and one post-therapy "
                                       "questionnaire were set aside for that reason")
    assert excluded_sentence(12, 3) == ("12 intake questionnaires and three post-therapy "
                                        "questionnaires were set aside for that reason")


def test_intake_reading_uses_the_share_rule():
    # 3 of 4 is most, 4 of 4 all, 1 of 3 fewer than half
    assert intake_reading(IntakeSummary(4, 15.0, 2.0, 3, 3, 9.0, 1.0, 1)) == (
        "In other words, most of the parents came in distressed, and fewer than half were "
        "unhappy in their relationship.")
    assert intake_reading(IntakeSummary(4, 15.0, 2.0, 4, 4, 9.0, 1.0, 4)).count("all") == 2


def test_score_change_rounds_before_choosing_a_word():
    assert score_change(paired_comparison([10, 10], [6, 7])) == "fell by 3.5 points on average"
    assert score_change(paired_comparison([6, 7], [10, 10])) == "rose by 3.5 points on average"
    # a mean change of 0.04 prints as 0.0: no direction is claimed
    assert score_change(paired_comparison([1.04, 2.0], [1.0, 1.96])) == "did not change on average"
    assert score_change(paired_comparison([2, 3], [1, 2])) == "fell by 1.0 point on average"


def test_outcome_sentence_names_the_direction_by_the_scale():
    worse = paired_comparison([10, 12, 9], [6, 9, 8])  # fell on a higher-is-worse scale
    assert outcome_sentence(worse, "Risk", "worse").startswith(
        "Risk scores fell by 2.7 points on average, an improvement (t(2) = ")
    assert ", a deterioration (" in outcome_sentence(worse, "CSI-4", "better")
    assert "improvement" not in outcome_sentence(worse, "Risk", "worse", direction=False)
    flat = paired_comparison([1, 2], [2, 1])
    assert outcome_sentence(flat, "Risk", "worse").startswith(
        "Risk scores did not change on average (")


def test_difference_phrase_and_interval_includes_zero():
    clear = paired_comparison([10, 12, 9, 11], [6, 9, 6, 7])
    assert not interval_includes_zero(clear)
    assert difference_phrase(clear).endswith("an interval that excludes no change")
    unclear = paired_comparison([8, 9, 10, 9], [10, 12, 11, 8])
    assert interval_includes_zero(unclear)
    assert difference_phrase(unclear).endswith("an interval that includes no change")


def test_effect_sentence_on_the_shipped_data(shipped):
    _, outcomes = shipped
    core = outcomes.set_index("measure").loc["CORE-10, everyone", "result"]
    assert effect_sentence(core, "CORE-10", "worse") == (
        "The effect size for CORE-10, *d*~z~ = 0.68 (95% CI [0.14, 1.20]), is medium by Cohen's "
        "conventional benchmarks; the data are compatible with anything from a negligible to a "
        "large average improvement.")
    csi = outcomes.set_index("measure").loc["CSI-4, everyone", "result"]
    # an interval across zero allows either direction
    assert "worsening to a" in effect_sentence(csi, "CSI-4", "better")


def test_effect_sentence_reads_a_deterioration_and_a_missing_effect():
    worse = paired_comparison([1, 2, 3, 4, 5, 6], [9, 9, 11, 12, 12, 15])  # large rise
    text = effect_sentence(worse, "CORE-10", "worse")
    assert "is large" in text and text.endswith("a large average worsening.")
    assert effect_sentence(paired_comparison([1, 2], [2, 3]), "X", "worse") == \
        "No effect size can be computed for X."


def test_holm_list_and_family_sentence_on_the_shipped_data(shipped):
    _, outcomes = shipped
    assert holm_list(outcomes) == ("p = .051 for CORE-10, p = .057 for risk, p = .127 for CSI-4 "
                                   "and p = .073 for arguments")
    family = family_significance(outcomes)
    assert family_sentence(family) == ("of the four outcomes, three have p below .05 before "
                                       "adjustment and none after it")
    assert family_reading(outcomes, family).startswith("The evidence is therefore best described "
                                                       "as a consistent pattern of improvement")


def test_family_sentence_and_reading_zero_one_and_many():
    assert family_sentence(FamilySignificance(4, 0, 0, 0.05)) == (
        "of the four outcomes, none has p below .05 before adjustment and none after it")
    assert family_sentence(FamilySignificance(4, 1, 1, 0.05)) == (
        "of the four outcomes, one has p below .05 before adjustment and one after it")
    frame = _family_frame({"core10": ([9, 8, 7], [5, 5, 5]), "csi4": ([9, 8, 7], [5, 5, 5])})
    assert family_reading(frame, FamilySignificance(2, 1, 1, 0.05)) == \
        "One outcome keeps p below .05 after the adjustment."
    assert family_reading(frame, FamilySignificance(2, 2, 2, 0.05)) == \
        "Two outcomes keep p below .05 after the adjustment."
    # CORE-10 fell (better), CSI-4 fell (worse): not a consistent pattern
    assert family_reading(frame, FamilySignificance(2, 1, 0, 0.05)).startswith(
        "No outcome keeps p below the level")
    assert family_reading(frame, FamilySignificance(2, 0, 0, 0.05)) == \
        "No outcome, taken on its own, gives clear evidence of change."


def test_improved_outcomes_and_direction_summary():
    frame = _family_frame({"core10": ([9, 8, 7], [5, 5, 5]), "csi4": ([9, 8, 7], [5, 5, 5]),
                           "risk": ([1, 2, 3], [1, 2, 3])})
    assert improved_outcomes(frame) == ["CORE-10"]  # CSI-4 fell (worse), risk did not change
    assert direction_summary(frame) == ("one of the three outcomes (CORE-10) moved in the "
                                        "direction of improvement")
    none = _family_frame({"risk": ([1, 2, 3], [1, 2, 3])})
    assert direction_summary(none) == "no outcome moved in the direction of improvement"


def test_direction_summary_on_the_shipped_data(shipped):
    _, outcomes = shipped
    assert direction_summary(outcomes) == "all four outcomes moved in the direction of improvement"


def test_subgroup_comparison_judged_as_printed():
    everyone = paired_comparison([10, 12, 9, 11], [6, 9, 6, 7])  # fell by 3.5
    bigger = paired_comparison([20, 22], [10, 14])  # fell by 9.0
    assert subgroup_comparison(bigger, everyone) == "a larger fall than across everyone"
    assert subgroup_comparison(everyone, everyone) == "the same fall as across everyone"
    assert subgroup_comparison(paired_comparison([1, 2], [2, 4]), everyone) == \
        "whereas across everyone scores fell by 3.5 points on average"


def test_recovery_sentence_one_recovered_and_the_same_sessions():
    one = ChangeFacts(3, 1, 0, sessions_summary(pd.Series([7])))
    assert recovery_sentence(one) == (
        "Of the three parents who began in the clinical range, 1 of 3 (33%) ended below it after "
        "a reliable fall, the published definition of recovery. This parent had attended 7 "
        "sessions, assessment included.")
    same = ChangeFacts(2, 2, 0, sessions_summary(pd.Series([6, 6])))
    assert recovery_sentence(same).endswith("Each had attended 6 sessions, assessment included.")
    nobody = ChangeFacts(4, 0, 0, None)
    assert recovery_sentence(nobody) == (
        "Of the four parents who began in the clinical range, none ended below it after a "
        "reliable fall, the published definition of recovery.")


def test_recovery_sentence_on_the_shipped_data(shipped):
    frames, _ = shipped
    assert recovery_sentence(change_facts(frames.paired)) == (
        "Of the nine parents who began in the clinical range, 5 of 9 (56%) ended below it after "
        "a reliable fall, the published definition of recovery. These parents had attended "
        "between 4 and 12 sessions, assessment included (median 5.0).")


def test_deterioration_and_couples_sentences_zero_one_and_many():
    assert deterioration_sentence(12) == "Twelve parents' scores rose by a reliable amount."
    assert couples_intro(2, 1, 1) == ("The two parents with both questionnaires come from one "
                                      "couple; in one of them both partners answered.")


def test_deterioration_sentence_in_the_public_edition(monkeypatch):
    monkeypatch.setenv("EVAL_EDITION", "public")
    assert deterioration_sentence(0) == "No parent's score rose by a reliable amount."
    assert deterioration_sentence(1) == "Fewer than 8 parents' scores rose by a reliable amount."
    assert deterioration_sentence(7) == "Fewer than 8 parents' scores rose by a reliable amount."
    assert deterioration_sentence(12) == "Ten parents' scores rose by a reliable amount."


def test_change_caption_counts_falls_rises_and_no_change():
    text = change_caption(pd.Series([20, 14, 8, 9]), pd.Series([9, 5, 8, 3]), 11, 6)
    assert "(four parents)" in text and "cut-off of 11" in text and "fewer than 6 points" in text
    assert text.endswith("three parents' scores fell, none rose and one stayed the same.")
    assert change_caption(pd.Series([5.0]), pd.Series([7.0]), 13.5, 6).endswith(
        "no parents' scores fell, one rose and none stayed the same.")
    with pytest.raises(ValueError, match="length"):
        change_caption(pd.Series([1, 2]), pd.Series([1]), 11, 6)


def test_completion_counts_zero_one_and_many(shipped):
    frames, _ = shipped
    assert completion_counts(frames.intake) == (17, 38)
    assert completion_counts(pd.DataFrame({"completed": [False]})) == (0, 1)
    assert completion_counts(pd.DataFrame({"completed": [True]})) == (1, 1)
