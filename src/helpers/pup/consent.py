"""What consent covers in each Parenting Under Pressure table, and the one function applying it.

Why each table is treated as it is, is explained in :mod:`helpers.pup.data`. In short: the
*service records* (couples, parents) and the practitioners' surveys are used for everyone and
reported only as counts and summaries; a parent's *outcome answers* (questionnaires and the
satisfaction form) need their research consent (``research_consent`` in ``parents.csv``); the
interviews were each agreed to, so the themes an interviewee raised are counted for all of them,
but their *own words* are shown only if they agreed to be quoted (``quotes_consent`` in
``interviews.csv``). :data:`ANSWERS` holds where each answer is, :data:`CONSENT` which answer
covers each table, and :func:`apply_consent` removes every row an answer does not cover. It is
called once, by :func:`helpers.pup.analysis.analysis_view`; nothing downstream filters again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

__all__ = ["ConsentAnswer", "TableConsent", "ANSWERS", "CONSENT", "SERVICE_RECORD", "SURVEY",
           "INTERVIEW", "agreed_ids", "apply_consent", "consent_model_sentence"]


@dataclass(frozen=True)
class ConsentAnswer:
    """Where a parent's answer to one consent question is held.

    ``table`` is the file stem, ``column`` the answer (``true`` means yes; ``false`` or a blank
    means no) and ``covers`` what the answer allows, in words. Every table it covers links to the
    parent through ``parent_id``.
    """

    table: str
    column: str
    covers: str


@dataclass(frozen=True)
class TableConsent:
    """What consent covers for one table: ``statement`` (for the data dictionary) and ``answer``,
    the key of :data:`ANSWERS` whose *yes* a row needs (``None``: no consent answer applies)."""

    statement: str
    answer: str | None = None


#: Each consent question the records hold, by key.
ANSWERS: dict[str, ConsentAnswer] = {
    "research": ConsentAnswer("parents", "research_consent",
                              "the use of their outcome answers in the evaluation"),
    "quotes": ConsentAnswer("interviews", "quotes_consent",
                            "having their own words from the interview quoted"),
}

#: Data-dictionary wording of a service record.
SERVICE_RECORD = ("Consent: a service record, used for everyone under the information-sharing "
                  "agreement every couple signed, and reported only as counts and summaries.")
#: Data-dictionary wording of a practitioners' survey.
SURVEY = ("Consent: a voluntary survey of practitioners, not of parents; answering it was the "
          "agreement, so every response is used, reported only as counts.")
#: Data-dictionary wording of the interviews table.
INTERVIEW = ("Consent: a row is a parent who agreed to be interviewed and recorded, so the themes "
             "are counted for everyone interviewed; quotes_consent governs quoting their words.")


def _covered(answer: str) -> TableConsent:
    a = ANSWERS[answer]
    return TableConsent(f"Consent: only rows of parents who agreed to {a.covers} are used "
                        f"({a.column} in {a.table}.csv is true); the others are removed before "
                        "any analysis.", answer)


#: What consent covers, for every table of :data:`helpers.pup.data.TABLES`.
CONSENT: dict[str, TableConsent] = {
    "couples": TableConsent(SERVICE_RECORD),
    "parents": TableConsent(SERVICE_RECORD[:-1] + "; research_consent governs the parent's "
                            "questionnaires and satisfaction form."),
    "questionnaires": _covered("research"),
    "satisfaction": _covered("research"),
    "therapist_survey": TableConsent(SURVEY),
    "referrer_survey": TableConsent(SURVEY),
    "interviews": TableConsent(INTERVIEW),
    "interview_excerpts": _covered("quotes"),
}


def agreed_ids(tables: Mapping[str, pd.DataFrame], answer: str) -> set[str]:
    """Parents (``parent_id``) whose answer to ``answer`` (a key of :data:`ANSWERS`) is yes.

    >>> t = {"parents": pd.DataFrame({"parent_id": ["P1", "P2", "P3"],
    ...      "research_consent": pd.array([True, False, None], dtype="boolean")})}
    >>> sorted(agreed_ids(t, "research"))
    ['P1']
    """
    a = ANSWERS[answer]
    frame = tables[a.table]
    yes = frame[a.column].astype("boolean").fillna(False).astype(bool)
    return set(frame.loc[yes, "parent_id"])


def apply_consent(tables: Mapping[str, pd.DataFrame]
                  ) -> tuple[dict[str, pd.DataFrame], dict[str, int]]:
    """Every table with the rows its consent answer does not cover removed.

    Returns the kept tables (same keys; a table no answer covers is passed through unchanged) and,
    for each table an answer covers, the number of rows removed.

    >>> t = {"parents": pd.DataFrame({"parent_id": ["P1", "P2"],
    ...      "research_consent": pd.array([True, None], dtype="boolean")}),
    ...      "satisfaction": pd.DataFrame({"parent_id": ["P1", "P2", "P9"]})}
    >>> kept, removed = apply_consent(t)
    >>> kept["satisfaction"]["parent_id"].tolist(), removed
    (['P1'], {'satisfaction': 2})
    """
    kept, removed = dict(tables), {}
    agreed = {key: agreed_ids(tables, key) for key, a in ANSWERS.items() if a.table in tables}
    for name, frame in tables.items():
        rule = CONSENT.get(name)
        if rule is None or rule.answer is None:
            continue
        ok = frame["parent_id"].isin(agreed[rule.answer])
        kept[name] = frame[ok].reset_index(drop=True)
        removed[name] = int((~ok).sum())
    return kept, removed



def consent_model_sentence() -> str:
    """What consent covers in Parenting Under Pressure, in two sentences for the caveats appendix
    (the consent columns named from :data:`ANSWERS`; the tables each covers are those of
    :data:`CONSENT`, which the tests hold to this wording).

    >>> consent_model_sentence().startswith("Service records (referrals and screening;")
    True
    """
    research, quotes = ANSWERS["research"], ANSWERS["quotes"]
    return ("Service records (referrals and screening; each parent's progress through the "
            "programme, sessions attended and answers to the monitoring questions on who they "
            "were) and the practitioners' surveys are used for everyone and shown only as counts "
            "and summaries; so are the themes of the interviews, since every interviewee agreed "
            "to be interviewed and recorded. The outcome questionnaires and satisfaction forms are "
            f"used only for parents who agreed to {research.covers} (`{research.column}`), and "
            "an interviewee's words are shown only if they agreed to having them quoted "
            f"(`{quotes.column}`).")
