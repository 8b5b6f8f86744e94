"""Which referrals to PAIRS parent–infant psychotherapy were accepted, why others were not, and
when in the perinatal period they were made; the adults the accepted referrals brought.

Conventions
-----------
* Counted per referral of a parent-infant dyad unless named otherwise; the report's table of
  parents counts adults (285 adults came through 284 accepted referrals) over the accepted
  referrals, and :func:`acceptance_differences` checks it that way.
* Timing: ``antenatal`` (referred in pregnancy), ``postnatal`` (after the birth) or missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.formatting import integer
from helpers.pairs.data import NON_ACCEPTANCE_LABELS, PairsData
from helpers.pairs.printed import agrees, printed_decimals
from helpers.published import published
from helpers.words import count_phrase, join_words, number_word

__all__ = [
    "Acceptance",
    "acceptance",
    "acceptance_differences",
    "reasons_text",
    "not_accepted_sentence",
    "timing_missing_clause",
    "clients_sentence",
]


@dataclass(frozen=True)
class Acceptance:
    """Referral outcomes, counted per referral.

    ``reasons`` maps the display text of each reason for non-acceptance to its count (largest
    first); ``antenatal``/``postnatal``/``timing_missing`` count the *accepted* referrals by the
    time of referral; ``clients`` is the number of adults who came through accepted referrals and
    ``shared`` the number of accepted referrals that brought more than one adult;
    ``clients_by_timing`` counts those adults by the timing of their referral (antenatal,
    postnatal, missing) and ``not_accepted_postnatal`` the referrals not accepted that were made
    after the birth.
    """

    referred: int
    accepted: int
    not_accepted: int
    reasons: dict[str, int]
    antenatal: int
    postnatal: int
    timing_missing: int
    clients: int
    shared: int
    clients_by_timing: dict[str, int]
    not_accepted_postnatal: int

    @property
    def postnatal_declined_more(self) -> bool:
        """Whether referrals made after the birth are a larger share of those not accepted than of
        those accepted (False when either group is empty)."""
        if self.not_accepted == 0 or self.accepted == 0:
            return False
        return self.not_accepted_postnatal * self.accepted > self.postnatal * self.not_accepted


def acceptance(data: PairsData) -> Acceptance:
    """Acceptance of referrals, reasons for non-acceptance and antenatal/postnatal timing."""
    ref = data.referrals
    acc = ref[ref["accepted"].eq(True)]
    reasons = (ref.loc[ref["accepted"].eq(False), "reason_not_accepted"]
               .map(NON_ACCEPTANCE_LABELS).value_counts())
    timing = acc["pregnancy_status"]
    per_referral = data.pip_clients.groupby("referral_id").size()
    client_timing = (data.pip_clients["referral_id"]
                     .map(ref.set_index("referral_id")["pregnancy_status"])
                     .fillna("missing").value_counts())
    return Acceptance(
        referred=len(ref), accepted=len(acc), not_accepted=int(ref["accepted"].eq(False).sum()),
        reasons={str(k): int(v) for k, v in reasons.items()},
        antenatal=int((timing == "antenatal").sum()), postnatal=int((timing == "postnatal").sum()),
        timing_missing=int(timing.isna().sum()), clients=len(data.pip_clients),
        shared=int((per_referral > 1).sum()),
        clients_by_timing={k: int(client_timing.get(k, 0))
                           for k in ("antenatal", "postnatal", "missing")},
        not_accepted_postnatal=int((ref["accepted"].eq(False)
                                    & ref["pregnancy_status"].eq("postnatal")).sum()),
    )


#: What each printed timing percentage of the report's table of parents describes.
_TIMING_NAMES = {"antenatal": "antenatal adults", "postnatal": "postnatal adults",
                 "missing": "adults with no recorded timing"}


def acceptance_differences(acc: Acceptance, printed: dict | None = None) -> list[str]:
    """What each printed acceptance or timing percentage the records contradict describes (for
    :func:`helpers.pairs.printed.contradiction_note`). The table of parents counts adults by the
    timing of their referral over the accepted referrals, as the report does. Empty when all
    agree."""
    if printed is None:
        printed = published("pairs")
    ref = printed["referrals"]
    checks = [("accepted referrals", ref["accepted_pct"], acc.accepted, acc.referred, 0),
              ("antenatal referrals", ref["accepted_antenatal_pct"], acc.antenatal, acc.accepted, 0)]
    for key, p in printed["pip_demographics"]["referral_timing_pct"].items():
        checks.append((_TIMING_NAMES[key], p, acc.clients_by_timing[key], acc.accepted, 2))
    return [name for name, p, k, n, places in checks
            if n == 0 or not agrees(p, 100.0 * k / n, printed_decimals(p, places))]


#: How each reason for non-acceptance reads after "because".
_REASON_PHRASES = {
    "outside the LEAP catchment area": "the family lived outside the LEAP catchment area",
    "child too old for the service": "the child was too old for the service",
}


def reasons_text(reasons: dict[str, int]) -> str:
    """The reasons for non-acceptance as a phrase, largest first.

    >>> reasons_text({"outside the LEAP catchment area": 52, "child too old for the service": 22})
    '52 because the family lived outside the LEAP catchment area and 22 because the child was too old for the service'
    """
    if not reasons:
        raise ValueError("reasons_text: no reasons recorded")
    parts = [f"{integer(k)} because {_REASON_PHRASES.get(r, 'of: ' + r)}"
             for r, k in sorted(reasons.items(), key=lambda item: -item[1])]
    return join_words(parts)


def not_accepted_sentence(acc: Acceptance) -> str:
    """The referrals not accepted and why, in one sentence.

    >>> a = Acceptance(358, 284, 74, {"outside the LEAP catchment area": 52,
    ...                "child too old for the service": 22}, 209, 74, 1, 285, 1, {}, 50)
    >>> not_accepted_sentence(a)
    'It did not accept 74 referrals: 52 because the family lived outside the LEAP catchment area and 22 because the child was too old for the service.'
    >>> import dataclasses
    >>> not_accepted_sentence(dataclasses.replace(a, accepted=358, not_accepted=0, reasons={}))
    'It accepted every referral.'
    >>> not_accepted_sentence(dataclasses.replace(a, not_accepted=1, reasons={}))
    'It did not accept one referral; no reason was recorded.'
    """
    n = acc.not_accepted
    if n == 0:
        return "It accepted every referral."
    head = f"It did not accept {count_phrase(n, 'referral')}"
    if not acc.reasons:
        return f"{head}; no reason was recorded."
    return f"{head}: {reasons_text(acc.reasons)}."


def timing_missing_clause(acc: Acceptance) -> str:
    """``"; for one the timing was not recorded"`` (accepted referrals), or ``""`` for none.

    >>> a = Acceptance(3, 3, 0, {}, 1, 0, 2, 3, 0, {}, 0)
    >>> timing_missing_clause(a)
    '; for two the timing was not recorded'
    """
    k = acc.timing_missing
    return f"; for {number_word(k)} the timing was not recorded" if k else ""


def clients_sentence(acc: Acceptance) -> str:
    """How many adults the accepted referrals brought into psychotherapy, and why not one each.

    >>> a = Acceptance(358, 284, 74, {}, 209, 74, 1, 285, 1, {}, 50)
    >>> clients_sentence(a)
    'The accepted referrals brought 285 adults into psychotherapy, because in one accepted referral both parents became clients.'
    >>> import dataclasses
    >>> clients_sentence(dataclasses.replace(a, clients=284, shared=0))
    'The accepted referrals brought 284 adults into psychotherapy, one for each referral.'
    """
    head = f"The accepted referrals brought {count_phrase(acc.clients, 'adult')} into psychotherapy"
    if acc.shared == 0:
        return f"{head}, one for each referral."
    return (f"{head}, because in {count_phrase(acc.shared, 'accepted referral')} both parents "
            f"became clients.")
