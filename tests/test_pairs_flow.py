"""Tests of helpers.pairs.flow: the three PAIRS routes counted from the records, their diagram
steps, the diagram and its words. Values come from the shipped synthetic records (checked against
the published report where it prints the same count) and from small hand-made copies."""

from __future__ import annotations

import dataclasses

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.figures import MIN_PRINT_PT, smallest_print_text  # noqa: E402
from helpers.flow import flow_problems  # noqa: E402
from helpers.pairs.data import PairsData, load_pairs  # noqa: E402
from helpers.pairs.derived import tt_paired  # noqa: E402
from helpers.pairs.flow import (  # noqa: E402
    FlowCounts,
    FlowRoute,
    flow_adds_up,
    flow_caption,
    flow_counts,
    flow_figure,
    flow_routes,
    flow_sentence,
    route_problems,
)
from helpers.published import published  # noqa: E402

#: The shipped records' counts, stage by stage (hand-checked against the records' tables).
SHIPPED = FlowCounts(
    referred=358, accepted=284,
    not_accepted=(("outside the LEAP catchment area", 52), ("child too old for the service", 22)),
    adults=285, referrals_with_adults=284, shared=1, adults_seen=284, seen_declined=0,
    with_outcomes=197, tt_records=120, tt_consented=118, tt_with_data=114, tt_paired=59,
    cosp_attendees=113, cosp_completed=62)


@pytest.fixture(scope="module")
def data() -> PairsData:
    return load_pairs()


# ------------------------------------------------------------------ the shipped records

def test_counts_of_the_shipped_records(data):
    assert flow_counts(data) == SHIPPED


def test_counts_agree_with_the_report_where_it_prints_them(data):
    c, p = flow_counts(data), published("pairs")
    assert c.referred == p["referrals"]["dyads_referred"]
    assert c.accepted == p["pip_demographics"]["referral_timing"]["n"]
    assert round(100 * c.accepted / c.referred) == p["referrals"]["accepted_pct"]
    assert [r for r, _ in c.not_accepted] == p["referrals"]["non_acceptance_reasons"]
    assert c.adults == sum(p["pip_demographics"]["referral_timing"][k]
                           for k in ("antenatal", "postnatal", "missing"))
    assert c.tt_with_data == p["together_time"]["participants_with_data"]
    assert c.tt_paired == p["tt_outcomes"]["mors_paired"][0]["n"]
    assert (c.cosp_attendees, c.cosp_completed) == (p["cosp"]["adults"], p["cosp"]["completed"])


def test_routes_of_the_shipped_records():
    pip, tt, cosp = flow_routes(SHIPPED)
    assert [r.name for r in (pip, tt, cosp)] == [
        "Parent–infant psychotherapy", "Together Time", "Circle of Security Parenting"]
    assert [s.n for s in pip.steps] == [358, 284, 285, 284, 197]
    assert [s.exclusions for s in pip.steps] == [
        [("Outside the LEAP catchment area", 52), ("Child too old for the service", 22)], [],
        [("Still waiting for a first appointment", 1)], [("No outcome measure recorded", 87)], []]
    assert [s.n for s in tt.steps] == [120, 114, 59]
    assert [s.exclusions for s in tt.steps] == [
        [("Did not agree to the use of their records", 2), ("No questionnaire and no goal", 4)],
        [("No complete MORS-SF at both the start and the end", 55)], []]
    assert [s.n for s in cosp.steps] == [113, 62]
    assert [s.excluded for s in cosp.steps] == [51, 0]
    assert pip.steps[0].label.startswith("Parent–infant psychotherapy")
    assert tt.steps[0].label.startswith("Together Time")
    assert cosp.steps[0].label.startswith("Circle of Security Parenting")


def test_the_routes_add_up_except_at_the_change_of_unit():
    routes = flow_routes(SHIPPED)
    assert [route_problems(r) for r in routes] == [[], [], []]
    assert flow_adds_up(routes)
    # across the change of unit the count grows by the second adult of one referral
    assert flow_problems(list(routes[0].steps)) == [
        "'Referrals accepted' (284) minus 0 excluded is 284, but "
        "'Adults these referrals brought (both parents in some)' has 285."]


def test_a_count_that_does_not_follow_is_found():
    pip = flow_routes(SHIPPED)[0]
    steps = list(pip.steps)
    steps[3] = dataclasses.replace(steps[3], n=283)
    broken = FlowRoute(pip.name, tuple(steps), pip.unit_change)
    assert route_problems(broken) == [
        "'Adults these referrals brought (both parents in some)' (285) minus 1 excluded is 284, "
        "but 'Adults seen at least once' has 283.",
        "'Adults seen at least once' (283) minus 87 excluded is 196, but "
        "'Adults with an outcome record (MORS-SF, PAI or LOAF)' has 197."]
    assert not flow_adds_up([broken])


def test_words_of_the_shipped_records():
    assert flow_sentence(SHIPPED) == (
        "Of 358 referrals to parent–infant psychotherapy, 284 were accepted and brought 285 "
        "adults; 284 were seen at least once and 197 have an outcome record. In Together Time, "
        "118 of 120 (98%) parents in the user records allowed their records to be used, 114 "
        "returned a questionnaire or set a goal and 59 completed the MORS-SF at both ends; in "
        "Circle of Security Parenting, 62 of 113 (55%) adults were recorded as completing the "
        "course.")
    assert flow_caption(SHIPPED) == ("Each accepted referral brought a single adult, except one "
                                     "that brought more than one.")


# ------------------------------------------------------------------ the diagram

def test_the_figure_draws_every_step_and_no_arrow_between_routes():
    routes = flow_routes(SHIPPED)
    ax = flow_figure(routes).axes[0]
    gids = {p.get_gid() for p in ax.patches}
    assert {f"step-{i}" for i in range(10)} <= gids and "step-10" not in gids
    # steps 0-4 psychotherapy, 5-7 Together Time, 8-9 Circle of Security
    main_arrows = {g for g in gids if g.startswith("arrow-") and not g.startswith("arrow-excl")}
    assert main_arrows == {f"arrow-{i}" for i in (0, 1, 2, 3, 5, 6, 8)}
    assert {g for g in gids if g.startswith("exclusion-")} == {
        f"exclusion-{i}" for i in (0, 2, 3, 5, 6, 8)}
    texts = {t.get_gid(): t.get_text() for t in ax.texts}
    assert texts["step-5-text"].startswith("Together Time")
    assert texts["step-9-count"].replace("\u00a0", " ") == "(n = 62)"


def test_the_figure_prints_its_text_at_the_books_minimum_size():
    assert smallest_print_text(flow_figure(flow_routes(SHIPPED))) >= MIN_PRINT_PT


def test_one_route_keeps_all_its_arrows_and_no_routes_is_an_error():
    cosp = flow_routes(SHIPPED)[2]
    gids = {p.get_gid() for p in flow_figure([cosp]).axes[0].patches}
    assert "arrow-0" in gids
    with pytest.raises(ValueError, match="no routes"):
        flow_figure([])


# ------------------------------------------------------------------ small hand-made records

def _tiny(data: PairsData) -> PairsData:
    """Three referrals: R170 accepted with two adults (C140 seen, with an outcome record; C263
    seen, did not agree to the use of outcome measures), R357 accepted with one adult (C285, no
    appointment yet), and one not accepted with no reason recorded. Together Time: five parents
    in the user records, one of whom declined (removed at loading), one with MORS-SF at both ends,
    one with a start questionnaire only, one with a goal only, one with nothing. Circle of
    Security: three adults, one completing."""
    ref = data.referrals
    refused = ref[ref["accepted"].eq(False)].iloc[[0]].assign(reason_not_accepted=pd.NA)
    referrals = pd.concat([ref[ref["referral_id"].isin(["R170", "R357"])], refused])
    clients = data.pip_clients[data.pip_clients["client_id"].isin(["C140", "C263", "C285"])]
    clients = clients.assign(outcomes_consent=clients["client_id"].ne("C263").astype("boolean"))
    appointments = data.pip_appointments[data.pip_appointments["client_id"].isin(["C140", "C263"])]
    outcomes = data.pip_outcomes.iloc[[0, 1]].assign(client_id="C140")  # two records, one adult
    paired_id = tt_paired(data, "warmth")["participant_id"].iloc[0]
    tq = data.tt_questionnaires
    start_only = tq[(tq["timepoint"] == "start") & (tq["participant_id"] != paired_id)].iloc[[0]]
    questionnaires = pd.concat([tq[tq["participant_id"] == paired_id], start_only])
    goal_only = data.tt_goals[~data.tt_goals["participant_id"].isin(
        set(questionnaires["participant_id"]))].iloc[[0]]
    with_data = set(questionnaires["participant_id"]) | set(goal_only["participant_id"])
    tp = data.tt_participants
    nothing = tp[~tp["participant_id"].isin(with_data)].iloc[[0]]
    participants = pd.concat([tp[tp["participant_id"].isin(with_data)], nothing])
    cosp = data.cosp_attendees.iloc[:3].assign(
        completed=pd.array([True, False, False], dtype="boolean"))
    return dataclasses.replace(
        data, referrals=referrals, pip_clients=clients, pip_appointments=appointments,
        pip_outcomes=outcomes, tt_participants=participants, tt_questionnaires=questionnaires,
        tt_goals=goal_only, cosp_attendees=cosp,
        excluded_no_consent={**data.excluded_no_consent, "tt_participants": 1})


def test_counts_of_hand_made_records(data):
    c = flow_counts(_tiny(data))
    assert c == FlowCounts(referred=3, accepted=2, not_accepted=(("no reason recorded", 1),),
                           adults=3, referrals_with_adults=2, shared=1, adults_seen=2,
                           seen_declined=1, with_outcomes=1, tt_records=5, tt_consented=4,
                           tt_with_data=3, tt_paired=1, cosp_attendees=3, cosp_completed=1)
    pip, tt, cosp = flow_routes(c)
    assert [s.n for s in pip.steps] == [3, 2, 3, 2, 1]
    assert pip.steps[0].exclusions == [("No reason recorded", 1)]
    assert pip.steps[3].exclusions == [("Did not agree to the use of their outcome measures", 1)]
    assert [s.n for s in tt.steps] == [5, 3, 1] and tt.steps[0].excluded == 2
    assert [s.n for s in cosp.steps] == [3, 1]
    assert flow_adds_up((pip, tt, cosp))


def test_an_accepted_referral_without_an_adult(data):
    tiny = _tiny(data)
    c = flow_counts(dataclasses.replace(
        tiny, pip_clients=tiny.pip_clients[tiny.pip_clients["client_id"] != "C285"]))
    assert (c.accepted, c.adults, c.referrals_with_adults, c.referrals_without_adults) == (2, 2, 1, 1)
    assert flow_caption(c) == ("Each accepted referral brought a single adult, except one that "
                               "brought more than one and one that brought none.")


_ZERO = FlowCounts(0, 0, (), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)


@pytest.mark.parametrize(("counts", "expected"), [
    (_ZERO, "The records hold no referrals to parent–infant psychotherapy. Together Time has no "
            "parents in its user records; the Circle of Security Parenting records hold no "
            "attendees."),
    (dataclasses.replace(_ZERO, referred=1, not_accepted=(("a", 1),)),
     "The one referral to parent–infant psychotherapy in the records was not accepted."),
    (dataclasses.replace(_ZERO, referred=12, not_accepted=(("a", 12),)),
     "None of the 12 referrals to parent–infant psychotherapy was accepted."),
    (dataclasses.replace(_ZERO, referred=2, accepted=1, not_accepted=(("a", 1),)),
     "Of two referrals to parent–infant psychotherapy, one was accepted and no adult is recorded "
     "as a client."),
    (dataclasses.replace(_ZERO, referred=3, accepted=2, adults=2, referrals_with_adults=2,
                         tt_records=4, tt_consented=4, tt_with_data=1),
     "Of three referrals to parent–infant psychotherapy, two were accepted and brought two "
     "adults; none were seen at least once and none have an outcome record. In Together Time, 4 "
     "of 4 (100%) parents in the user records allowed their records to be used, one returned a "
     "questionnaire or set a goal and none completed the MORS-SF at both ends;"),
    (dataclasses.replace(_ZERO, referred=1, accepted=1, adults=1, referrals_with_adults=1,
                         adults_seen=1, with_outcomes=1, cosp_attendees=1, cosp_completed=1),
     "Of one referral to parent–infant psychotherapy, one was accepted and brought one adult; one "
     "was seen at least once and one has an outcome record."),
])
def test_words_at_zero_one_and_many(counts, expected):
    assert flow_sentence(counts).startswith(expected)


def test_the_caption_at_zero_and_one_accepted():
    assert flow_caption(_ZERO) == "No referral was accepted."
    one = dataclasses.replace(_ZERO, referred=1, accepted=1, adults=2, referrals_with_adults=1,
                              shared=1)
    assert flow_caption(one) == "The one accepted referral brought two adults."
