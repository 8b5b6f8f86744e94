"""A small therapists' survey with printed figures, shared by the survey tests.

Ten respondents; "safe" and "reason" were answered by eight (T9 and T10 blank). Printed: a count
that agrees (8 heard via A), a tie printed rounded up (5 of 8 = 62.5% as 63%), an impossible
share (16% of 8) and a share that agrees (3 of 8 = 37.5% as 38%).
"""

from __future__ import annotations

import pandas as pd

from helpers.surveys import Question

__all__ = ["PRINTED", "QUESTIONS", "SURVEY"]

SURVEY = pd.DataFrame({
    "id": ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10"],
    "heard": ["a"] * 8 + ["b"] * 2,
    "safe": [False] * 5 + [True] * 3 + [None, None],
    "reason": ["late"] * 3 + ["covid"] * 2 + ["work"] * 2 + ["doubt"] + [None, None],
    "supervision": ["excellent"] * 7 + ["good"] + [None, None],
})
PRINTED = {"q.heard_a": 8, "q.no_safety_pct": 63, "q.reasons_pct.doubt": 16, "q.reasons_pct.late": 38}
QUESTIONS = (
    Question("heard", "Heard via", {"a": "A", "b": "B"}, {"a": "q.heard_a"}),
    Question("safe", "Safety worries", {False: "None", True: "Some"}, {False: "q.no_safety_pct"}),
    Question("reason", "Main reason", {"late": "Late", "covid": "Covid", "work": "Work",
                                       "doubt": "Doubt"},
             {"doubt": "q.reasons_pct.doubt", "late": "q.reasons_pct.late"}),
)


