"""What the appendices show, gathered per evaluation: data dictionary, calibration, contradictions.

Each evaluation package (see :mod:`helpers.evaluations`) has a ``data`` module holding its
:class:`~helpers.datastore.TableSpec` objects, a ``reproduce`` module with
``reproduced_figures()``, and a list of the published figures that contradict each other
(``data/published/<evaluation>.contradictions.yaml``). This module finds them by evaluation slug
so that the appendix chapters stay one call each.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import yaml

from helpers.datastore import TableSpec, schema_dictionary
from helpers.evaluations import evaluation as evaluation_named
from helpers.reproduce import load_contradictions

__all__ = ["table_specs", "data_dictionary", "table_descriptions", "contradictions",
           "reproduced_figures", "matching_count"]


def table_specs(evaluation: str) -> list[TableSpec]:
    """Every TableSpec the evaluation's data module defines, in definition order, without repeats."""
    found: list[TableSpec] = []

    def add(value: Any) -> None:
        if isinstance(value, TableSpec) and value not in found:
            found.append(value)
        elif isinstance(value, (list, tuple)):
            for v in value:
                add(v)
        elif isinstance(value, dict):
            for v in value.values():
                add(v)

    for value in vars(evaluation_named(evaluation).module("data")).values():
        add(value)
    return found


def data_dictionary(evaluation: str) -> pd.DataFrame:
    """One row per column of every table of ``evaluation`` (see :func:`helpers.datastore.schema_dictionary`)."""
    frames = [schema_dictionary(spec) for spec in table_specs(evaluation)]
    if not frames:
        raise LookupError(f"{evaluation_named(evaluation).package}.data defines no TableSpec")
    return pd.concat(frames, ignore_index=True)


def table_descriptions(evaluation: str) -> pd.DataFrame:
    """One row per table: file name, key columns, number of columns, description."""
    return pd.DataFrame(
        [
            {"table": f"{s.name}.csv", "key": ", ".join(s.key) or "–",
             "columns": len(s.schema.columns), "description": s.description}
            for s in table_specs(evaluation)
        ]
    )


def contradictions(evaluation: str) -> pd.DataFrame:
    """The recorded contradictions between published figures, one row each.

    Reads ``data/published/<evaluation>.contradictions.yaml`` (a list of mappings). Nested values
    are written out as YAML text so that every field can be shown in a table. An absent file means
    none were recorded (empty frame).
    """
    entries = load_contradictions(evaluation)
    rows = []
    for entry in entries:
        rows.append({
            k: (v if isinstance(v, (str, int, float, bool)) or v is None
                else yaml.safe_dump(v, default_flow_style=True, sort_keys=False).strip())
            for k, v in entry.items()
        })
    return pd.DataFrame(rows)


def reproduced_figures(evaluation: str) -> pd.DataFrame:
    """Every published figure of ``evaluation`` beside its value recomputed from the data."""
    return evaluation_named(evaluation).module("reproduce").reproduced_figures()


def matching_count(figures: pd.DataFrame) -> int:
    """How many rows of a :func:`reproduced_figures` table match their printed value.

    >>> matching_count(pd.DataFrame({"matches": [True, False, True]}))
    2
    """
    return int(figures["matches"].astype(bool).sum())
