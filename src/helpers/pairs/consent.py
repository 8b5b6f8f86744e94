"""What consent covers in each PAIRS table, and the one function that applies it.

Why the tables are treated differently is explained in :mod:`helpers.pairs.data`. In short:
*service records* (referrals, the psychotherapy client and appointment records, the psychotherapy
clients' postcodes and the two group registers) are used for everyone, under the service's own
governance, and reported only as summaries; *evaluation records* (outcome measures, the Together
Time user records with their questionnaires, goals and postcodes, and the interviews) are used only
for people who agreed. Each person's answer is held once (:data:`ANSWERS`); :data:`CONSENT` says,
table by table, which answer covers its rows; :func:`apply_consent` removes the covered rows of
everyone who said no, when the data are loaded, and nothing downstream filters again.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.words import count_phrase, join_words, number_word, verb

__all__ = ["ConsentAnswer", "TableConsent", "ANSWERS", "CONSENT", "SERVICE_RECORD",
           "SERVICE_RECORD_WORDS", "apply_consent", "declined_ids", "consent_model_sentence",
           "declined_clause", "interview_consent_sentence"]


@dataclass(frozen=True)
class ConsentAnswer:
    """Where a person's answer about the use of their records is held.

    ``table`` is the file stem, ``id_column`` the person's identifier there, ``column`` the answer,
    ``agreed`` the values that mean yes (any other value, or a blank, means no) and ``covers``
    what the answer covers, in running text.
    """

    table: str
    id_column: str
    column: str
    agreed: tuple[object, ...]
    covers: str

    def declined(self, frame: pd.DataFrame) -> pd.Series:
        """Boolean mask of the rows of ``frame`` (this answer's table) whose person said no."""
        return ~frame[self.column].isin(self.agreed).fillna(False).astype(bool)


@dataclass(frozen=True)
class TableConsent:
    """What consent covers for one table.

    ``answer`` is the key of :data:`ANSWERS` that covers the table's rows (``None`` = a service
    record, used for everyone); ``link`` is the column naming the person; ``where`` limits the rule
    to rows whose column has a value (e.g. only Together Time postcodes).
    """

    statement: str
    answer: str | None = None
    link: str | None = None
    where: tuple[str, str] | None = None


#: Each consent question the records hold, by key.
ANSWERS: dict[str, ConsentAnswer] = {
    "psychotherapy_outcomes": ConsentAnswer(
        "pip_clients", "client_id", "outcomes_consent", (True,),
        "psychotherapy outcome measures"),
    "together_time": ConsentAnswer(
        "tt_participants", "participant_id", "data_consent", (True,),
        "Together Time user records (with their questionnaires, goals and postcodes)"),
    "interviews": ConsentAnswer(
        "qualitative_sample", "participant_code", "consent", ("verbal", "written"),
        "interviews (with the passages coded from them)"),
}

#: Running-text name of each service record (the tables, or parts, that no answer covers).
SERVICE_RECORD_WORDS: dict[str, str] = {
    "referrals": "referrals",
    "pip_clients": "the psychotherapy clients' details",
    "pip_appointments": "their appointments",
    "imd_records": "their postcodes",
    "tt_service_users": "the Together Time register",
    "cosp_attendees": "the Circle of Security register",
}

#: Data-dictionary wording of a service record.
SERVICE_RECORD = ("Consent: a service record, used for everyone under the service's own governance "
                  "and reported only as summaries.")


def _covered(answer: str, link: str, where: tuple[str, str] | None = None) -> TableConsent:
    a = ANSWERS[answer]
    rows = f"rows with {where[0]} {where[1]}" if where else "rows"
    rest = "; the other rows are a service record, used for everyone" if where else ""
    return TableConsent(f"Consent: {rows} of anyone who did not agree ({a.column} in "
                        f"{a.table}.csv) are removed when the data are loaded{rest}.",
                        answer, link, where)


#: What consent covers, for every table of :data:`helpers.pairs.data.TABLES`.
CONSENT: dict[str, TableConsent] = {
    "referrals": TableConsent(SERVICE_RECORD),
    "pip_clients": TableConsent(SERVICE_RECORD),
    "pip_appointments": TableConsent(SERVICE_RECORD),
    "pip_outcomes": _covered("psychotherapy_outcomes", "client_id"),
    "imd_records": _covered("together_time", "person_id", ("service", "together_time")),
    "tt_participants": _covered("together_time", "participant_id"),
    "tt_questionnaires": _covered("together_time", "participant_id"),
    "tt_goals": _covered("together_time", "participant_id"),
    "tt_service_users": TableConsent(SERVICE_RECORD),
    "cosp_attendees": TableConsent(SERVICE_RECORD),
    "qualitative_sample": _covered("interviews", "participant_code"),
    "interview_excerpts": _covered("interviews", "participant_code"),
}


def declined_ids(tables: dict[str, pd.DataFrame], answer: str) -> set[str]:
    """Identifiers of the people who did not agree, for one key of :data:`ANSWERS`."""
    a = ANSWERS[answer]
    frame = tables[a.table]
    return set(frame.loc[a.declined(frame), a.id_column])


def apply_consent(tables: dict[str, pd.DataFrame]
                  ) -> tuple[dict[str, pd.DataFrame], dict[str, int], dict[str, int]]:
    """Remove every row that consent does not cover (see :data:`CONSENT`).

    Parameters
    ----------
    tables : dict of str to DataFrame
        Every validated PAIRS table by name.

    Returns
    -------
    tables, removed, declined
        The tables without those rows (index reset; service records untouched), the number of
        rows removed per covered table, and the number of people who said no per key of
        :data:`ANSWERS`.

    >>> t = {"tt_participants": pd.DataFrame({"participant_id": ["T1", "T2"],
    ...                                       "data_consent": [True, False]}),
    ...      "tt_goals": pd.DataFrame({"participant_id": ["T1", "T2", "T2"]})}
    >>> out, removed, declined = apply_consent(t)
    >>> list(out["tt_goals"]["participant_id"]), removed, declined
    (['T1'], {'tt_participants': 1, 'tt_goals': 2}, {'together_time': 1})
    """
    refused = {key: declined_ids(tables, key) for key in ANSWERS if ANSWERS[key].table in tables}
    out = dict(tables)
    removed: dict[str, int] = {}
    for name, frame in tables.items():
        rule = CONSENT[name]
        if rule.answer is None or rule.answer not in refused:
            continue
        drop = frame[rule.link].isin(refused[rule.answer])
        if rule.where is not None:
            drop &= frame[rule.where[0]].eq(rule.where[1])
        removed[name] = int(drop.sum())
        out[name] = frame[~drop].reset_index(drop=True)
    return out, removed, {key: len(ids) for key, ids in refused.items()}


def consent_model_sentence() -> str:
    """Two sentences saying which records are used for everyone and which only with consent,
    built from :data:`SERVICE_RECORD_WORDS` and :data:`ANSWERS`."""
    service = join_words(list(SERVICE_RECORD_WORDS.values()))
    covered = join_words([a.covers for a in ANSWERS.values()])
    kinds = number_word(len(ANSWERS), start=True, count=False)  # kinds of record, not people
    return (f"The service's own records ({service}) are used for everyone, as the service itself "
            f"uses them, and shown only as counts and summaries. {kinds} kinds of record are "
            f"analysed person by person and used only for people who agreed: {covered}.")


def declined_clause(declined: int, removed: int, person: str, record: str) -> str:
    """How many people said no and how many of their records that removed, as a clause.

    >>> declined_clause(0, 0, "client", "outcome record"), declined_clause(0, 0, "person", "passage")
    ('no client in the records declined', 'nobody in the records declined')
    >>> declined_clause(2, 3, "parent", "questionnaire")
    'two parents declined, and their three questionnaires are left out'
    >>> declined_clause(1, 1, "person", "coded passage")
    'one person declined, and their one coded passage is left out'
    >>> declined_clause(1, 0, "client", "outcome record")
    'one client declined but had no outcome records'
    """
    if declined == 0:
        return f"{'nobody' if person == 'person' else f'no {person}'} in the records declined"
    who = count_phrase(declined, person)
    if removed == 0:
        return f"{who} declined but had {count_phrase(0, record)}"
    return f"{who} declined, and their {count_phrase(removed, record)} {verb('is', removed)} left out"


def interview_consent_sentence(sample: pd.DataFrame) -> str:
    """How the people in the (consented) qualitative sample gave consent, in one sentence.

    >>> frame = pd.DataFrame({"consent": ["verbal", "verbal", "written"]})
    >>> interview_consent_sentence(frame.iloc[:2]), interview_consent_sentence(frame)
    ('Everyone included gave verbal consent.', 'Two people gave verbal consent and one written consent.')
    >>> interview_consent_sentence(frame.iloc[2:]), interview_consent_sentence(frame.iloc[:0])
    ('Everyone included gave written consent.', 'No one with recorded consent is included.')
    """
    counts = sample["consent"].value_counts()
    verbal, written = int(counts.get("verbal", 0)), int(counts.get("written", 0))
    if verbal + written == 0:
        return "No one with recorded consent is included."
    if verbal == 0 or written == 0:
        return f"Everyone included gave {'written' if verbal == 0 else 'verbal'} consent."
    return (f"{count_phrase(verbal, 'person', start=True)} gave verbal consent and "
            f"{number_word(written)} written consent.")
