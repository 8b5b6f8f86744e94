"""Rules that span rows or tables of the PAIRS records, checked by
:func:`helpers.pairs.data.load_pairs`.

Within a table: a referral that was not accepted gives its reason and an accepted one gives none; an
appointment's financial year matches its date; a programme does not end before it starts; a coded
passage's text and its source go together. Across tables: every client comes through an accepted
referral, every appointment and outcome record belongs to a known client, outcome measures sit on
an attended appointment of that client, every postcode record and questionnaire belongs to a known
person, every end questionnaire has its start, and every passage's speaker is in the qualitative
sample with the same group.
"""

from __future__ import annotations

import pandas as pd

from helpers.datastore import CSV_LINE_OFFSET, foreign_key_violations
from helpers.errors import Violation
from helpers.periods import financial_year

__all__ = ["cross_table_violations"]


def _row_rule(frame: pd.DataFrame, mask: pd.Series, file: str, column: str, rule: str
              ) -> list[Violation]:
    return [Violation(file, int(i) + CSV_LINE_OFFSET, column, rule, frame.at[i, column])
            for i in frame.index[mask.fillna(False).astype(bool)]]


def cross_table_violations(t: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Violation]:
    """Every violation of the within-table and cross-table rules of the typed PAIRS tables.

    Parameters
    ----------
    t : dict of str to DataFrame
        Every table of :data:`helpers.pairs.data.TABLES` by name, schema-validated and typed.
    files : dict of str to str
        The file each table was read from, as violations name it.

    Returns
    -------
    list of Violation
        Empty when every rule holds; rows are CSV line numbers (header = line 1).
    """
    v: list[Violation] = []
    ref, cl, ap = t["referrals"], t["pip_clients"], t["pip_appointments"]
    out, tq, tp = t["pip_outcomes"], t["tt_questionnaires"], t["tt_participants"]
    # within-table rules
    v += _row_rule(ref, ref["accepted"].eq(False) & ref["reason_not_accepted"].isna(),
                   files["referrals"], "reason_not_accepted",
                   "a referral not accepted must give the reason")
    v += _row_rule(ref, ref["accepted"].eq(True) & ref["reason_not_accepted"].notna(),
                   files["referrals"], "reason_not_accepted",
                   "an accepted referral has no reason for non-acceptance")
    v += _row_rule(ap, ap["financial_year"] != financial_year(ap["appointment_date"]),
                   files["pip_appointments"], "financial_year",
                   "financial year does not match the appointment date")
    v += _row_rule(tp, tp["end_date"] < tp["start_date"], files["tt_participants"], "end_date",
                   "programme end is before its start")
    v += _excerpt_rules(t["interview_excerpts"], t["qualitative_sample"], files)
    # foreign keys
    v += foreign_key_violations(cl, files["pip_clients"], ["referral_id"], ref, ["referral_id"],
                                "every client comes through a referral in referrals.csv")
    accepted = ref[ref["accepted"].eq(True)]
    known = cl["referral_id"].isin(ref["referral_id"])
    v += _row_rule(cl, known & ~cl["referral_id"].isin(accepted["referral_id"]),
                   files["pip_clients"], "referral_id", "a client's referral must be accepted")
    v += foreign_key_violations(ap, files["pip_appointments"], ["client_id"], cl, ["client_id"],
                                "every appointment belongs to a client in pip_clients.csv")
    v += foreign_key_violations(out, files["pip_outcomes"], ["client_id"], cl, ["client_id"],
                                "every outcome record belongs to a client in pip_clients.csv")
    v += foreign_key_violations(out, files["pip_outcomes"], ["client_id", "appointment_id"], ap,
                                ["client_id", "appointment_id"],
                                "every outcome record belongs to an appointment of that client")
    attended = ap[ap["attendance"] == "attended"]
    in_ap = out.set_index(["client_id", "appointment_id"]).index.isin(
        ap.set_index(["client_id", "appointment_id"]).index)
    at_att = out["appointment_id"].isin(attended["appointment_id"])
    v += _row_rule(out, pd.Series(in_ap, index=out.index) & ~at_att, files["pip_outcomes"],
                   "appointment_id", "outcome measures can only be taken at an attended appointment")
    imd = t["imd_records"]
    for service, parent, key in (("parent_infant_psychotherapy", cl, "client_id"),
                                 ("together_time", tp, "participant_id")):
        part = imd[imd["service"] == service]
        v += foreign_key_violations(part, files["imd_records"], ["person_id"],
                                    parent.rename(columns={key: "person_id"}), ["person_id"],
                                    f"every {service} postcode record belongs to a known person")
    for name in ("tt_questionnaires", "tt_goals"):
        v += foreign_key_violations(t[name], files[name], ["participant_id"], tp,
                                    ["participant_id"],
                                    "every record belongs to a participant in tt_participants.csv")
    starts = tq.loc[tq["timepoint"] == "start", ["participant_id"]]
    ends = tq[tq["timepoint"] == "end"]
    v += foreign_key_violations(ends, files["tt_questionnaires"], ["participant_id"], starts,
                                ["participant_id"], "every end questionnaire has its start")
    return v


def _excerpt_rules(ex: pd.DataFrame, qs: pd.DataFrame, files: dict[str, str]) -> list[Violation]:
    """Every passage's speaker is in the qualitative sample with the same group; a text has a
    source and a source has a text."""
    v = foreign_key_violations(ex, files["interview_excerpts"], ["participant_code", "group"], qs,
                               ["participant_code", "group"], "every passage's speaker is in "
                               "qualitative_sample.csv, with the same group")
    v += _row_rule(ex, ex["text"].notna() & ex["text_source"].isna(), files["interview_excerpts"],
                   "text_source", "a passage with text must say where the text comes from")
    v += _row_rule(ex, ex["text"].isna() & ex["text_source"].notna(), files["interview_excerpts"],
                   "text", "a text source is given but the text is blank")
    return v


