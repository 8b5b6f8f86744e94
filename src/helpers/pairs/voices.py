"""What parents, the PAIRS team and partners said: the qualitative sample and the themes.

Helper logic for the chapter "What parents, staff and partners said" of Part II (the lessons
chapter reads its theme counts too). The coding frame (theme wording and areas) is
:mod:`helpers.pairs.coding_frame`, the illustrative excerpts :mod:`helpers.pairs.excerpts`.
Everything starts from :func:`helpers.pairs.data.load_pairs`
(consented records only): ``qualitative_sample`` (who took part, how, for how long) and
``interview_excerpts`` (one row per coded passage: speaker, theme, and for a few passages a text).

Conventions
-----------
* A participant *raised* a theme when at least one passage of theirs is coded to it; counts are
  of distinct participants, never of passages.
* Denominators are the participants of each group in ``qualitative_sample`` (parents, PAIRS team,
  stakeholders), whether or not they raised anything.
* Session lengths are in whole minutes; a focus group has one length shared by everyone in it.
* Sentences about who raised a theme name the count in words when it is none or all of a group
  (:func:`raised_phrase`), so they read correctly at 0, 1 and many.

No generic theme-table helper (``helpers.qualitative``) existed when this was written, so the
table builders here are PAIRS-specific.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from great_tables import GT
from matplotlib.figure import Figure

from helpers.figures import FIGURE_WIDTH, OKABE_ITO
from helpers.formatting import integer, pct, percent
from helpers.pairs.coding_frame import THEMES
from helpers.pairs.data import PairsData
from helpers.tables import MISSING_TEXT, mark_total_and_missing
from helpers.words import count_of, join_words, number_word, plural

__all__ = [
    "GROUPS",
    "GROUP_LABELS",
    "PERSON",
    "SampleSummary",
    "sample_summary",
    "sample_table",
    "sample_gt",
    "theme_counts",
    "themes_gt",
    "most_raised",
    "raised_by",
    "anyone_raised",
    "raised_phrase",
    "who_raised",
    "top_themes_sentence",
    "themes_figure",
    "range_text",
]

#: Participant groups in display order and their labels.
GROUPS: tuple[str, ...] = ("parent", "pairs_team", "stakeholder")
GROUP_LABELS: dict[str, str] = {"parent": "Parents", "pairs_team": "PAIRS team",
                                "stakeholder": "Stakeholders"}
#: One member of each group in running text, and the group after "Among".
PERSON: dict[str, str] = {"parent": "parent", "pairs_team": "team member",
                          "stakeholder": "stakeholder"}
_AMONG = {"parent": "parents", "pairs_team": "the PAIRS team", "stakeholder": "stakeholders"}
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

    @property
    def smallest_group(self) -> int:
        """People in the smallest of the three groups that has anyone in it."""
        sizes = [n for n in (self.parents, self.pairs_team, self.stakeholders) if n > 0]
        if not sizes:
            raise ValueError("smallest_group: nobody took part")
        return min(sizes)

    @property
    def one_person_pct(self) -> float:
        """The share one person is of the smallest group, in percent (0-100)."""
        return 100.0 / self.smallest_group


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


def range_text(bounds: tuple[int, int], unit: str = "minutes") -> str:
    """``(23, 56) -> "23 to 56 minutes"``; one value when both ends are equal.

    >>> range_text((23, 56)), range_text((27, 27))
    ('23 to 56 minutes', '27 minutes')
    """
    lo, hi = bounds
    lo_text, hi_text = integer(lo, count=False), integer(hi, count=False)  # lengths, not people
    return f"{lo_text} {unit}" if lo == hi else f"{lo_text} to {hi_text} {unit}"


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


def anyone_raised(counts: pd.DataFrame, code: str, group: str) -> bool:
    """Whether at least one person of ``group`` raised theme ``code`` (:func:`raised_by`).

    >>> c = pd.DataFrame({"code": ["a", "b"], "parent": [3, 0]})
    >>> c.attrs["denominators"] = {"parent": 4}
    >>> anyone_raised(c, "a", "parent"), anyone_raised(c, "b", "parent")
    (True, False)
    """
    return raised_by(counts, code, group)[0] > 0


def raised_phrase(k: int, n: int, noun: str, *, nested: bool = False) -> str:
    """``k`` of ``n`` people as a noun phrase: "4 of 10 (40%) stakeholders", or in words when it
    is none or all of them ("all ten stakeholders", :func:`helpers.words.count_of`).

    ``nested=True`` writes the share for use inside brackets ("4 of 10 stakeholders, 40%").

    >>> raised_phrase(4, 10, "stakeholder"), raised_phrase(4, 10, "stakeholder", nested=True)
    ('4 of 10 (40%) stakeholders', '4 of 10 stakeholders, 40%')
    >>> raised_phrase(10, 10, "stakeholder"), raised_phrase(0, 6, "team member")
    ('all 10 stakeholders', 'none of the six team members')
    >>> raised_phrase(1, 1, "parent"), raised_phrase(1, 15, "parent")
    ('the one parent', '1 of 15 (7%) parents')
    """
    if k in (0, n):
        return count_of(k, n, noun)
    if nested:
        return f"{integer(k)} of {integer(n)} {plural(noun, n)}, {percent(100 * k / n)}"
    return f"{pct(k, n)} {plural(noun, n)}"


def who_raised(counts: pd.DataFrame, code: str, group: str, *, nested: bool = False) -> str:
    """:func:`raised_phrase` for the people of ``group`` who raised theme ``code``
    (:func:`raised_by`), named as :data:`PERSON` does ("4 of 6 (67%) team members").

    >>> c = pd.DataFrame({"code": ["a"], "pairs_team": [4]})
    >>> c.attrs["denominators"] = {"pairs_team": 6}
    >>> who_raised(c, "a", "pairs_team"), who_raised(c, "a", "pairs_team", nested=True)
    ('4 of 6 (67%) team members', '4 of 6 team members, 67%')
    """
    k, n = raised_by(counts, code, group)
    return raised_phrase(k, n, PERSON[group], nested=nested)


def top_themes_sentence(counts: pd.DataFrame, group: str) -> str:
    """One sentence naming the theme(s) raised by most people of ``group`` in
    :func:`theme_counts`, with how many raised them (ties named together, in theme order).

    >>> c = pd.DataFrame({"label": ["A bond", "Funding"], "parent": [3, 5], "stakeholder": [2, 2]})
    >>> c.attrs["denominators"] = {"parent": 6, "stakeholder": 2}
    >>> top_themes_sentence(c, "parent")
    'Among parents, the theme raised most often was funding (5 of 6, 83%).'
    >>> top_themes_sentence(c, "stakeholder")
    'Among stakeholders, two themes were raised equally often: a bond and funding (each by both stakeholders).'
    """
    labels, top = most_raised(counts, group)
    den = int(counts.attrs["denominators"][group])
    among = f"Among {_AMONG[group]}"
    if top == 0:
        return f"{among}, no theme came up."
    who = count_of(top, den, PERSON[group]) if top == den else pct(top, den, nested=True)
    if len(labels) == 1:
        return f"{among}, the theme raised most often was {join_words(labels, lower=True)} ({who})."
    return (f"{among}, {number_word(len(labels), count=False)} themes were raised equally often: "
            f"{join_words(labels, lower=True)} (each by {who}).")


def _count_cell(n: int, of: int) -> str:
    return MISSING_TEXT if n == 0 else f"{integer(n)} of {integer(of)}"


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


_MARKERS = {"parent": ("o", OKABE_ITO["blue"]), "pairs_team": ("s", OKABE_ITO["vermillion"]),
            "stakeholder": ("^", OKABE_ITO["bluish_green"])}


def themes_figure(counts: pd.DataFrame) -> Figure:
    """Dot chart: for each theme, the share of each group who raised it (0-100%).

    Groups differ by marker shape as well as colour and sit on their own row offset within a
    theme, so equal shares do not hide each other; themes a group did not raise show no marker
    for it. Themes are listed top to bottom in :data:`THEMES` order.
    """
    den = counts.attrs["denominators"]
    fig = Figure(figsize=(FIGURE_WIDTH, 0.32 * len(counts) + 1.8), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(counts))[::-1].astype(float)
    offsets = dict(zip(GROUPS, (0.22, 0.0, -0.22)))
    for g in GROUPS:
        share = 100.0 * counts[g].to_numpy(float) / den[g] if den[g] else np.zeros(len(counts))
        keep = counts[g].to_numpy() > 0
        marker, colour = _MARKERS[g]
        ax.scatter(share[keep], y[keep] + offsets[g], marker=marker, s=46, color=colour, zorder=3,
                   edgecolor="black", linewidth=0.5, label=f"{GROUP_LABELS[g]} (n = {den[g]})")
    ax.set_yticks(y, counts["label"], fontsize=9)
    ax.tick_params(axis="x", labelsize=9)
    ax.set_xlim(-3, 103)
    ax.set_xlabel("Participants in the group\nwho raised the theme (%)", fontsize=9)
    ax.grid(axis="x", color="#dddddd", zorder=0)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    ax.set_ylim(-0.6, len(counts) - 0.4)
    fig.legend(loc="outside lower center", ncols=1, frameon=False, fontsize=9)
    return fig
