"""What parents, the PAIRS team and partners said: the qualitative sample, themes and excerpts.

Helper logic for the chapter "What parents, staff and partners said" of Part II (the lessons
chapter reads its theme counts too). The coding frame (theme wording and areas) is
:mod:`helpers.pairs.coding_frame`. Everything starts from :func:`helpers.pairs.data.load_pairs`
(consented records only): ``qualitative_sample`` (who took part, how, for how long) and
``interview_excerpts`` (one row per coded passage: speaker, theme, and for a few passages a text).

Conventions
-----------
* A participant *raised* a theme when at least one passage of theirs is coded to it; counts are
  of distinct participants, never of passages.
* Denominators are the participants of each group in ``qualitative_sample`` (parents, PAIRS team,
  stakeholders), whether or not they raised anything.
* Session lengths are in whole minutes; a focus group has one length shared by everyone in it.
* Texts marked ``illustrative_synthetic`` were written for this book and were said by no one;
  :func:`source_sentence` says so in words and changes by itself when transcripts are supplied.

No generic theme-table helper (``helpers.qualitative``) existed when this was written, so the
table and excerpt builders here are PAIRS-specific.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from great_tables import GT, loc, style
from matplotlib.figure import Figure

from helpers.figures import OKABE_ITO
from helpers.formatting import integer
from helpers.pairs.coding_frame import THEMES
from helpers.pairs.data import PairsData
from helpers.pairs.printed import figure_difference
from helpers.qualitative import provenance_sentence
from helpers.tables import mark_total_and_missing

__all__ = [
    "GROUPS",
    "GROUP_LABELS",
    "SampleSummary",
    "sample_summary",
    "sample_clauses",
    "sample_table",
    "sample_gt",
    "theme_counts",
    "themes_gt",
    "most_raised",
    "raised_by",
    "themes_figure",
    "speaker_label",
    "excerpt_table",
    "excerpts_gt",
    "source_sentence",
    "range_text",
]

#: Participant groups in display order and their labels.
GROUPS: tuple[str, ...] = ("parent", "pairs_team", "stakeholder")
GROUP_LABELS: dict[str, str] = {"parent": "Parents", "pairs_team": "PAIRS team",
                                "stakeholder": "Stakeholders"}
_SINGULAR = {"parent": "Parent", "pairs_team": "PAIRS team member", "stakeholder": "Stakeholder"}
_SERVICE = {"pip": "parent–infant psychotherapy", "together_time": "Together Time",
            "both": "both services"}
_METHOD = {"online_interview": "Online interview", "focus_group": "Focus group",
           "face_to_face_interview": "Face-to-face interview"}


# --------------------------------------------------------------------------------------------
# The sample
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SampleSummary:
    """Who took part in the qualitative strand, from ``qualitative_sample``.

    Counts are of people; ``*_minutes`` are (shortest, longest) session lengths in minutes;
    ``vouchers_gbp`` lists the distinct voucher values offered to parents, in pounds.
    """

    parents: int
    parents_interview: int
    parents_focus_group: int
    parent_interview_sessions: int
    focus_groups: int
    parents_pip_only: int
    parents_tt_only: int
    parents_both: int
    parents_women: int
    parents_men: int
    pairs_team: int
    stakeholders: int
    parent_interview_minutes: tuple[int, int]
    focus_group_minutes: tuple[int, int]
    staff_minutes: tuple[int, int]
    vouchers_gbp: tuple[int, ...]

    @property
    def pip_users(self) -> int:
        """Parents who had parent-infant psychotherapy (alone or with Together Time)."""
        return self.parents_pip_only + self.parents_both

    @property
    def tt_users(self) -> int:
        """Parents who came to Together Time (alone or with psychotherapy)."""
        return self.parents_tt_only + self.parents_both

    @property
    def total(self) -> int:
        return self.parents + self.pairs_team + self.stakeholders


def _minutes(frame: pd.DataFrame) -> tuple[int, int]:
    if frame.empty:
        raise ValueError("no sessions of this kind in qualitative_sample")
    return int(frame["session_minutes"].min()), int(frame["session_minutes"].max())


def sample_summary(data: PairsData) -> SampleSummary:
    """Summarise ``qualitative_sample`` (see :class:`SampleSummary`)."""
    qs = data.qualitative_sample
    par = qs[qs["group"] == "parent"]
    staff = qs[qs["group"] != "parent"]
    interview = par[par["method"] != "focus_group"]
    focus = par[par["method"] == "focus_group"]
    service = par["service"].value_counts()
    gender = par["gender"].value_counts()
    return SampleSummary(
        parents=len(par), parents_interview=len(interview), parents_focus_group=len(focus),
        parent_interview_sessions=int(interview["session_id"].nunique()),
        focus_groups=int(focus["session_id"].nunique()),
        parents_pip_only=int(service.get("pip", 0)),
        parents_tt_only=int(service.get("together_time", 0)),
        parents_both=int(service.get("both", 0)),
        parents_women=int(gender.get("woman", 0)), parents_men=int(gender.get("man", 0)),
        pairs_team=int((qs["group"] == "pairs_team").sum()),
        stakeholders=int((qs["group"] == "stakeholder").sum()),
        parent_interview_minutes=_minutes(interview), focus_group_minutes=_minutes(focus),
        staff_minutes=_minutes(staff),
        vouchers_gbp=tuple(sorted(int(v) for v in par["voucher_gbp"].dropna().unique())),
    )


def sample_clauses(summary: SampleSummary, printed: dict) -> list[str | None]:
    """Each printed figure of ``qualitative_sample`` (pairs.yaml) against the records: a clause
    from :func:`helpers.pairs.printed.figure_difference`, None where it agrees.

    The report gives one range for the team and stakeholder interviews together; it is checked
    against all staff sessions.
    """
    s = summary
    counts = {
        "parents": s.parents, "parents_interview": s.parents_interview,
        "parents_focus_group": s.parents_focus_group, "parents_pip_only": s.parents_pip_only,
        "parents_tt_only": s.parents_tt_only, "parents_both": s.parents_both,
        "parents_women": s.parents_women, "parents_men": s.parents_men,
        "pairs_team": s.pairs_team, "stakeholders": s.stakeholders,
    }
    words = {"parents": "parents", "parents_interview": "parents interviewed",
             "parents_focus_group": "parents in the focus group",
             "parents_pip_only": "parents of psychotherapy only",
             "parents_tt_only": "parents of Together Time only",
             "parents_both": "parents of both services", "parents_women": "women",
             "parents_men": "men", "pairs_team": "PAIRS team members",
             "stakeholders": "stakeholders"}
    out: list[str | None] = [figure_difference(words[k], printed[k], v, 0)
                             for k, v in counts.items()]
    ranges = {"parent_interview_minutes": ("the parent interviews' range", s.parent_interview_minutes),
              "stakeholder_interview_minutes": ("the staff interviews' range", s.staff_minutes)}
    for key, (what, (lo, hi)) in ranges.items():
        out.append(figure_difference(f"the shortest of {what}", printed[key][0], lo, 0, " minutes"))
        out.append(figure_difference(f"the longest of {what}", printed[key][1], hi, 0, " minutes"))
    fg = s.focus_group_minutes
    out.append(figure_difference("the focus group", printed["focus_group_minutes"], fg[1], 0,
                                 " minutes") if fg[0] == fg[1] else
               f"the focus group sessions lasted {fg[0]}-{fg[1]} minutes, not one length")
    vouchers = s.vouchers_gbp
    out.append(None if vouchers == (int(printed["voucher_gbp"]),) else
               f"the report gives a £{printed['voucher_gbp']} voucher, the records "
               f"{', '.join('£' + str(v) for v in vouchers) or 'none'}")
    return out


def range_text(bounds: tuple[int, int], unit: str = "minutes") -> str:
    """``(23, 56) -> "23 to 56 minutes"``; one value when both ends are equal.

    >>> range_text((23, 56)), range_text((27, 27))
    ('23 to 56 minutes', '27 minutes')
    """
    lo, hi = bounds
    return f"{integer(lo)} {unit}" if lo == hi else f"{integer(lo)} to {integer(hi)} {unit}"


def sample_table(data: PairsData) -> pd.DataFrame:
    """People, sessions and session lengths by group and method.

    Returns
    -------
    DataFrame
        ``group``, ``method`` (display labels), ``people``, ``sessions``, ``minutes`` (range
        text), in the order parents, PAIRS team, stakeholders; then a Total row.
    """
    qs = data.qualitative_sample
    rows = []
    for group in GROUPS:
        part = qs[qs["group"] == group]
        for method in _METHOD:
            sub = part[part["method"] == method]
            if sub.empty:
                continue
            rows.append({"group": GROUP_LABELS[group], "method": _METHOD[method],
                         "people": len(sub), "sessions": int(sub["session_id"].nunique()),
                         "minutes": range_text(_minutes(sub), "")
                         .strip()})
    rows.append({"group": "Total", "method": "", "people": len(qs),
                 "sessions": int(qs["session_id"].nunique()),
                 "minutes": range_text(_minutes(qs), "").strip()})
    return pd.DataFrame(rows)


def sample_gt(table: pd.DataFrame) -> GT:
    """Great Tables view of :func:`sample_table`."""
    total = [int(i) for i in np.flatnonzero(table["group"].eq("Total"))]
    return (GT(table)
            .cols_label(group="Group", method="How", people="People", sessions="Sessions",
                        minutes="Length (minutes)")
            .cols_align(align="right", columns=["people", "sessions", "minutes"])
            .pipe(mark_total_and_missing, total))


# --------------------------------------------------------------------------------------------
# Themes
# --------------------------------------------------------------------------------------------

def theme_counts(data: PairsData) -> pd.DataFrame:
    """How many participants of each group raised each theme (distinct people).

    Returns
    -------
    DataFrame
        One row per theme of :data:`THEMES` in its order (themes nobody raised included, with
        zeros): ``code``, ``area``, ``label``, ``covers``, one count column per group of
        :data:`GROUPS` and ``total``. ``attrs["denominators"]`` maps each group to its number of
        participants.
    """
    ex = data.interview_excerpts
    raised = (ex.drop_duplicates(["participant_code", "theme"])
              .groupby(["theme", "group"]).size().unstack(fill_value=0))
    raised = raised.reindex(index=list(THEMES), columns=list(GROUPS), fill_value=0)
    out = pd.DataFrame({"code": list(THEMES),
                        "area": [t.area for t in THEMES.values()],
                        "label": [t.label for t in THEMES.values()],
                        "covers": [t.covers for t in THEMES.values()]})
    for g in GROUPS:
        out[g] = raised[g].to_numpy(dtype=int)
    out["total"] = out[list(GROUPS)].sum(axis=1)
    sizes = data.qualitative_sample["group"].value_counts()
    out.attrs["denominators"] = {g: int(sizes.get(g, 0)) for g in GROUPS}
    return out


def most_raised(counts: pd.DataFrame, group: str) -> tuple[list[str], int]:
    """Labels of the theme(s) raised by most people of ``group`` and that number (ties kept,
    in :data:`THEMES` order).

    >>> c = pd.DataFrame({"label": ["A", "B", "C"], "parent": [3, 5, 5]})
    >>> most_raised(c, "parent")
    (['B', 'C'], 5)
    """
    top = int(counts[group].max())
    return counts.loc[counts[group] == top, "label"].tolist(), top


def raised_by(counts: pd.DataFrame, code: str, group: str) -> tuple[int, int]:
    """(people of ``group`` who raised theme ``code``, people in ``group``) from
    :func:`theme_counts`, ready for :func:`helpers.formatting.pct`.

    >>> c = pd.DataFrame({"code": ["a", "b"], "parent": [3, 0]})
    >>> c.attrs["denominators"] = {"parent": 4}
    >>> raised_by(c, "a", "parent"), raised_by(c, "b", "parent")
    ((3, 4), (0, 4))
    """
    row = counts.index[counts["code"] == code]
    if len(row) != 1:
        raise KeyError(f"theme {code!r} appears {len(row)} times in the counts")
    return int(counts.at[row[0], group]), int(counts.attrs["denominators"][group])


def _count_cell(n: int, of: int) -> str:
    return "–" if n == 0 else f"{integer(n)} of {integer(of)}"


def themes_gt(counts: pd.DataFrame) -> GT:
    """Themes grouped by area, with "n of N" participants per group (– for none)."""
    den = counts.attrs["denominators"]
    shown = pd.DataFrame({"area": counts["area"], "theme": counts["label"],
                          "covers": counts["covers"]})
    for g in GROUPS:
        shown[g] = [_count_cell(int(n), den[g]) for n in counts[g]]
    return (GT(shown, groupname_col="area")
            .cols_label(theme="Theme", covers="What it covers",
                        **{g: f"{GROUP_LABELS[g]} (of {den[g]})" for g in GROUPS})
            .cols_align(align="right", columns=list(GROUPS))
            .tab_spanner(label="Participants who raised it", columns=list(GROUPS)))


_MARKERS = {"parent": ("o", OKABE_ITO["blue"]), "pairs_team": ("s", OKABE_ITO["orange"]),
            "stakeholder": ("^", OKABE_ITO["bluish_green"])}


def themes_figure(counts: pd.DataFrame) -> Figure:
    """Dot chart: for each theme, the share of each group who raised it (0-100%).

    Groups differ by marker shape as well as colour and sit on their own row offset within a
    theme, so equal shares do not hide each other; themes a group did not raise show no marker
    for it. Themes are listed top to bottom in :data:`THEMES` order.
    """
    den = counts.attrs["denominators"]
    fig = Figure(figsize=(7.6, 0.3 * len(counts) + 1.4), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(counts))[::-1].astype(float)
    offsets = dict(zip(GROUPS, (0.22, 0.0, -0.22)))
    for g in GROUPS:
        share = 100.0 * counts[g].to_numpy(float) / den[g] if den[g] else np.zeros(len(counts))
        keep = counts[g].to_numpy() > 0
        marker, colour = _MARKERS[g]
        ax.scatter(share[keep], y[keep] + offsets[g], marker=marker, s=46, color=colour, zorder=3,
                   edgecolor="black", linewidth=0.5, label=f"{GROUP_LABELS[g]} (n = {den[g]})")
    ax.set_yticks(y, counts["label"])
    ax.set_xlim(-3, 103)
    ax.set_xlabel("Participants in the group who raised the theme (%)")
    ax.grid(axis="x", color="#dddddd", zorder=0)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    ax.set_ylim(-0.6, len(counts) - 0.4)
    fig.legend(loc="outside lower center", ncols=3, frameon=False, fontsize="small")
    return fig


# --------------------------------------------------------------------------------------------
# Excerpts
# --------------------------------------------------------------------------------------------

def speaker_label(group: str, service: str | None) -> str:
    """How a speaker is named beside an excerpt: role only, plus the service for parents.

    >>> speaker_label("parent", "together_time"), speaker_label("stakeholder", None)
    ('Parent (Together Time)', 'Stakeholder')
    """
    if group == "parent" and isinstance(service, str) and service in _SERVICE:
        return f"Parent ({_SERVICE[service]})"
    return _SINGULAR[group]


def excerpt_table(data: PairsData, per_theme: int = 2) -> pd.DataFrame:
    """Up to ``per_theme`` passages with text for each theme, in theme order then excerpt id.

    Returns
    -------
    DataFrame
        ``theme`` (label), ``speaker`` (:func:`speaker_label`), ``text``, ``text_source``,
        ``excerpt_id``.
    """
    if per_theme < 1:
        raise ValueError("per_theme must be at least 1")
    ex = data.interview_excerpts.dropna(subset=["text"])
    service = data.qualitative_sample.set_index("participant_code")["service"]
    ex = ex.assign(order=ex["theme"].map({c: k for k, c in enumerate(THEMES)}))
    ex = ex.sort_values(["order", "excerpt_id"]).groupby("theme", sort=False).head(per_theme)
    return pd.DataFrame({
        "theme": ex["theme"].map(lambda c: THEMES[c].label),
        "speaker": [speaker_label(g, service.get(p)) for g, p in
                    zip(ex["group"], ex["participant_code"])],
        "text": ex["text"], "text_source": ex["text_source"], "excerpt_id": ex["excerpt_id"],
    }).reset_index(drop=True)


def excerpts_gt(table: pd.DataFrame) -> GT:
    """Excerpts under their theme; illustrative synthetic texts are flagged in words."""
    flag = {"illustrative_synthetic": "illustrative, synthetic", "transcript": "transcript"}
    shown = pd.DataFrame({"theme": table["theme"], "speaker": table["speaker"],
                          "text": "“" + table["text"] + "”",
                          "source": table["text_source"].map(flag)})
    return (GT(shown, groupname_col="theme")
            .cols_label(speaker="Speaker", text="Excerpt", source="Text")
            .tab_style(style=style.text(style="italic"), locations=loc.body(columns="text")))


def source_sentence(table: pd.DataFrame) -> str:
    """One sentence on where the shown excerpts come from, read from ``text_source``
    (:func:`helpers.qualitative.provenance_sentence` on this table's column).

    >>> source_sentence(pd.DataFrame({"text_source": ["illustrative_synthetic"] * 3}))
    'All 3 excerpts are illustrative synthetic text, newly written for this edition: nobody said these words.'
    """
    return provenance_sentence(table, column="text_source")
