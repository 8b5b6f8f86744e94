"""The analysis view of the Parenting Under Pressure records: what the chapters analyse.

:func:`analysis_view` applies consent *once, here* (:func:`helpers.pup.consent.apply_consent`:
questionnaires and satisfaction forms need research consent, interview excerpts consent to be
quoted) and says how many rows were removed; :class:`PupAnalysis` holds the result and derives
the frames the chapters use (scores, pre/post pairs, intake scores, satisfaction answers long,
parents who entered, interviews with the parents' attributes). Reach it through
:meth:`helpers.pup.data.PupData.analysis`.

Consent scope and why: see :mod:`helpers.pup.data` (service records, practitioners' surveys and
interview themes are reported for everyone, as in the report; outcome answers only with research
consent; excerpts only of interviewees who agreed to be quoted). Nothing downstream filters again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from helpers.pup.consent import CONSENT, agreed_ids, apply_consent
from helpers.pup.instruments import (
    ARGUMENTS,
    CORE10,
    CORE10_RELIABLE_CHANGE,
    CSI4,
    RISK,
    SATISFACTION,
    SATISFACTION_LABELS,
)
from helpers.scoring import score
from helpers.stats.change import classify_change

if TYPE_CHECKING:  # pragma: no cover - for the annotation only
    from helpers.pup.data import PupData

__all__ = ["PupAnalysis", "analysis_view"]


@dataclass(frozen=True)
class PupAnalysis:
    """What chapters analyse: every table with consent applied (:mod:`helpers.pup.consent`).

    Attributes
    ----------
    parents, couples, therapist_survey, referrer_survey, interviews : DataFrame
        Service records, practitioners' surveys and the interviews' themes, for everyone (see the
        module docstring).
    interview_excerpts : DataFrame
        Excerpts of interviewees who agreed to be quoted (``quotes_consent``); the
        ``provenance`` column says whether each is transcript or illustrative synthetic text.
    questionnaires, satisfaction : DataFrame
        Rows of parents with ``research_consent`` true.
    forms : DataFrame
        Which forms exist - parent_id, form (``intake``, ``post``, ``satisfaction``) and
        ``consented`` - without any answers: the flow counts (44 intake forms, 21 post forms) include
        parents who refused consent, whose answers are never used.
    excluded : dict[str, int]
        How many rows were dropped for lack of consent: ``questionnaires`` (of which
        ``questionnaires_intake`` and ``questionnaires_post``), ``satisfaction`` and
        ``interview_excerpts``, and ``interviewees_not_quoted``, the interviewees who did not
        agree to be quoted.
    """

    couples: pd.DataFrame
    parents: pd.DataFrame
    questionnaires: pd.DataFrame
    satisfaction: pd.DataFrame
    therapist_survey: pd.DataFrame
    referrer_survey: pd.DataFrame
    interviews: pd.DataFrame
    interview_excerpts: pd.DataFrame
    forms: pd.DataFrame
    excluded: dict[str, int]

    def scores(self) -> pd.DataFrame:
        """One row per questionnaire with each measure's score and the parent's attributes.

        Columns: parent_id, timepoint, completed_date, core10 (0-40, prorated with one item
        missing), risk (0-20), csi4 (0-21), arguments (mean 0-3), gender_reported,
        distressed_at_intake (intake CORE-10 at or above the cut-off of 11), has_post, and
        sessions including / excluding assessment.
        """
        q = self.questionnaires
        out = q[["parent_id", "timepoint", "completed_date"]].copy()
        for inst in (CORE10, RISK, CSI4, ARGUMENTS):
            out[inst.key] = score(inst, q[inst.item_codes])
        info = self.parents.set_index("parent_id")
        for col in ("couple_id", "gender", "gender_reported", "sessions_including_assessment",
                    "sessions_excluding_assessment"):
            out[col] = out["parent_id"].map(info[col])
        intake_core = out.loc[out["timepoint"] == "intake"].set_index("parent_id")["core10"]
        out["distressed_at_intake"] = out["parent_id"].map(intake_core >= CORE10.cutoff)
        posts = set(out.loc[out["timepoint"] == "post", "parent_id"])
        out["has_post"] = out["parent_id"].isin(posts)
        return out.sort_values(["parent_id", "timepoint"]).reset_index(drop=True)

    def paired(self) -> pd.DataFrame:
        """Consented parents with both an intake and a post questionnaire, one row each.

        Columns ``couple_id``, ``<measure>_pre``, ``<measure>_post`` and ``<measure>_diff``
        (pre - post) for core10, risk, csi4 and arguments, plus ``gender`` (as answered on the questionnaire - the
        split of the report's Table 1; missing for one parent), ``gender_record`` (service
        record), distressed_at_intake, reliable_change (CORE-10 from 11 or more to below 11 *and*
        down by at least 6 points, Barkham et al. 2013) and the session counts.
        """
        s = self.scores()
        keep = ["parent_id", "couple_id", "gender_reported", "distressed_at_intake",
                "sessions_including_assessment", "sessions_excluding_assessment"]
        pre = s[(s["timepoint"] == "intake") & s["has_post"]].set_index("parent_id")
        post = s[s["timepoint"] == "post"].set_index("parent_id")
        out = pre[[c for c in keep if c != "parent_id"]].copy()
        for inst in (CORE10, RISK, CSI4, ARGUMENTS):
            out[f"{inst.key}_pre"] = pre[inst.key]
            out[f"{inst.key}_post"] = post[inst.key].reindex(pre.index)
            out[f"{inst.key}_diff"] = out[f"{inst.key}_pre"] - out[f"{inst.key}_post"]
        # the one implementation of the rule: helpers.stats.change.classify_change
        out["reliable_change"] = classify_change(
            out["core10_pre"], out["core10_post"], cutoff=CORE10.cutoff,
            reliable_change=CORE10_RELIABLE_CHANGE, higher_is="worse",
            clinical_if="at_or_above") == "recovered"
        out["gender"] = out["gender_reported"]
        out["gender_record"] = pre["gender"]
        return out.reset_index().sort_values("parent_id").reset_index(drop=True)

    def intake(self) -> pd.DataFrame:
        """Consented intake questionnaires, one row per parent: parent_id, core10, risk, csi4,
        arguments (scores as in :meth:`scores`), ``gender`` (questionnaire answer) and
        ``completed`` (True when the parent also has a consented post questionnaire)."""
        s = self.scores()
        out = s[s["timepoint"] == "intake"][["parent_id", "core10", "risk", "csi4", "arguments",
                                             "gender_reported", "has_post"]]
        return out.rename(columns={"gender_reported": "gender", "has_post": "completed"}).reset_index(
            drop=True)

    def satisfaction_long(self) -> pd.DataFrame:
        """Satisfaction answers long: parent_id, item, summary, response (1-3), label."""
        s = self.satisfaction
        long = s.melt(id_vars=["parent_id"], value_vars=SATISFACTION.item_codes,
                      var_name="item", value_name="response")
        summaries = {i.code: i.summary for i in SATISFACTION.items}
        long["summary"] = long["item"].map(summaries)
        long["label"] = long["response"].map(SATISFACTION_LABELS)
        return long

    def entered(self) -> pd.DataFrame:
        """Parents who entered the intervention (the report's demographic base)."""
        return self.parents[self.parents["entered"]].reset_index(drop=True)

    def interviews_detail(self) -> pd.DataFrame:
        """Interviews with role (mother/father from the service record) and sessions attended."""
        info = self.parents.set_index("parent_id")
        out = self.interviews.copy()
        out["role"] = out["parent_id"].map(info["gender"]).map({"female": "mother", "male": "father"})
        out["sessions_including_assessment"] = out["parent_id"].map(
            info["sessions_including_assessment"])
        out["couple_id"] = out["parent_id"].map(info["couple_id"])
        return out


def analysis_view(data: PupData) -> PupAnalysis:
    """The analysis view of ``data``: every table with consent applied.

    Parents whose ``research_consent`` is false or blank lose their questionnaire and
    satisfaction rows, and interviewees whose ``quotes_consent`` is false lose their excerpts
    (:func:`helpers.pup.consent.apply_consent`); ``forms`` keeps one row per form that exists
    (answers left out) with a ``consented`` flag, and ``excluded`` counts what was dropped.
    """
    tables = {name: getattr(data, name) for name in CONSENT}
    kept, removed = apply_consent(tables)
    research = agreed_ids(tables, "research")
    forms = pd.concat([
        data.questionnaires[["parent_id", "timepoint"]].rename(columns={"timepoint": "form"}),
        data.satisfaction[["parent_id"]].assign(form="satisfaction"),
    ], ignore_index=True)
    forms["consented"] = forms["parent_id"].isin(research)
    dropped = forms[~forms["consented"]]
    quoted = agreed_ids(tables, "quotes")
    return PupAnalysis(
        **kept, forms=forms,
        excluded={"questionnaires": removed["questionnaires"],
                  "questionnaires_intake": int((dropped["form"] == "intake").sum()),
                  "questionnaires_post": int((dropped["form"] == "post").sum()),
                  "satisfaction": removed["satisfaction"],
                  "interview_excerpts": removed["interview_excerpts"],
                  "interviewees_not_quoted": int((~data.interviews["parent_id"].isin(quoted)).sum())},
    )
