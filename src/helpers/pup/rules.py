"""Rules between the Parenting Under Pressure tables, checked by :func:`helpers.pup.data.load_pup`.

Foreign keys, the logic of the flow (an offered couple has two parents and no screening reason,
a parent who entered was assessed, ...), post questionnaires after intake ones, consent recorded for every
form, and every interview excerpt filed under a theme its parent raised. Each broken rule is one
:class:`~helpers.errors.Violation` naming the file, CSV line, column and rule.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.datastore import TableSpec, foreign_key_violations, table_path
from helpers.errors import Violation
from helpers.paths import relative_to_root
from helpers.pup.data import TABLES, THEME_RAISED_VALUES

__all__ = ["cross_table_violations"]


def _file(spec: TableSpec, folder: Path | None) -> str:
    return relative_to_root(table_path(spec, folder))


def _row_violations(frame: pd.DataFrame, mask: pd.Series, file: str, column: str, rule: str,
                    values: pd.Series | None = None) -> list[Violation]:
    out = []
    for idx in frame.index[mask.fillna(False).astype(bool)]:
        value = None if values is None else values.at[idx]
        out.append(Violation(file, int(idx) + 2, column, rule,
                             None if pd.isna(value) else value))
    return out


def cross_table_violations(t: dict[str, pd.DataFrame], folder: Path | None = None) -> list[Violation]:
    """Every broken rule between tables (foreign keys, flow logic, consent recorded)."""
    f = {name: _file(spec, folder) for name, spec in TABLES.items()}
    v: list[Violation] = []
    couples, parents, q, sat = t["couples"], t["parents"], t["questionnaires"], t["satisfaction"]
    v += foreign_key_violations(parents, f["parents"], ["couple_id"], couples, ["couple_id"],
                                "every parent's couple is in couples")
    offered = set(couples.loc[couples["screening_outcome"] == "offered", "couple_id"])
    v += _row_violations(parents, ~parents["couple_id"].isin(offered) & parents["couple_id"].isin(
        couples["couple_id"]), f["parents"], "couple_id",
        "parents are listed only for couples that were offered the intervention", parents["couple_id"])
    per_couple = couples["couple_id"].map(parents["couple_id"].value_counts()).fillna(0)
    v += _row_violations(couples, (couples["screening_outcome"] == "offered") & (per_couple != 2),
                         f["couples"], "couple_id",
                         "an offered couple has exactly two parents in parents.csv",
                         couples["couple_id"])
    reason = couples["screening_reason"]
    v += _row_violations(couples, (couples["screening_outcome"] == "offered") & reason.notna(),
                         f["couples"], "screening_reason", "an offered couple has no screening reason",
                         reason)
    v += _row_violations(parents, parents["entered"] & ~parents["assessed"], f["parents"], "entered",
                         "a parent who entered must have been assessed")
    v += _row_violations(parents, parents["entered"] & parents["not_entered_reason"].notna(),
                         f["parents"], "not_entered_reason", "blank when the parent entered",
                         parents["not_entered_reason"])
    v += _row_violations(parents, ~parents["entered"] & parents["not_entered_reason"].isna(),
                         f["parents"], "not_entered_reason", "required when the parent did not enter")
    v += _row_violations(parents, parents["sessions_excluding_assessment"]
                         > parents["sessions_including_assessment"], f["parents"],
                         "sessions_excluding_assessment",
                         "cannot exceed sessions including assessment",
                         parents["sessions_excluding_assessment"])
    v += _excerpt_violations(t["interviews"], t["interview_excerpts"], f["interview_excerpts"])
    for name, frame in (("questionnaires", q), ("satisfaction", sat), ("interviews", t["interviews"])):
        v += foreign_key_violations(frame, f[name], ["parent_id"], parents, ["parent_id"],
                                    f"every {name} row's parent is in parents")
    intake = q.loc[q["timepoint"] == "intake", ["parent_id"]]
    post = q[q["timepoint"] == "post"]
    v += foreign_key_violations(post, f["questionnaires"], ["parent_id"], intake, ["parent_id"],
                                "every post-therapy questionnaire has an intake questionnaire")
    intake_date = q[q["timepoint"] == "intake"].drop_duplicates("parent_id").set_index(
        "parent_id")["completed_date"]
    too_early = (q["timepoint"] == "post") & (q["completed_date"] <= q["parent_id"].map(intake_date))
    v += _row_violations(q, too_early, f["questionnaires"], "completed_date",
                         "a post questionnaire is dated after its intake questionnaire",
                         q["completed_date"].dt.strftime("%Y-%m-%d"))
    consent = parents.set_index("parent_id")["research_consent"]
    entered = parents.set_index("parent_id")["entered"]
    for name, frame in (("questionnaires", q), ("satisfaction", sat)):
        known = frame["parent_id"].isin(consent.index)
        missing = known & frame["parent_id"].map(consent).isna()
        v += _row_violations(frame, missing, f[name], "parent_id",
                             "research consent must be recorded (true/false) in parents for every "
                             "parent with a form", frame["parent_id"])
        not_entered = known & ~frame["parent_id"].map(entered).fillna(False).astype(bool)
        v += _row_violations(frame, not_entered, f[name], "parent_id",
                             "forms are completed only by parents who entered", frame["parent_id"])
    return v


def _excerpt_violations(interviews: pd.DataFrame, excerpts: pd.DataFrame, file: str
                        ) -> list[Violation]:
    """Every excerpt belongs to an interviewee who raised the excerpt's theme."""
    v = foreign_key_violations(excerpts, file, ["parent_id"], interviews, ["parent_id"],
                               "every excerpt's parent was interviewed (is in interviews)")
    themes = interviews.set_index("parent_id")
    known = excerpts["parent_id"].isin(themes.index)
    raised = pd.Series(False, index=excerpts.index)
    for idx in excerpts.index[known]:
        theme = excerpts.at[idx, "theme"]
        value = themes.at[excerpts.at[idx, "parent_id"], theme]
        raised.at[idx] = (not pd.isna(value)) and value in THEME_RAISED_VALUES.get(theme, (True,))
    v += _row_violations(excerpts, known & ~raised, file, "theme",
                         "an excerpt's parent must have raised its theme (see interviews)",
                         excerpts["theme"])
    return v
