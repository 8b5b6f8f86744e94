"""What the appendices show, gathered per evaluation: data dictionary, calibration, contradictions.

Each evaluation has a data module (:mod:`helpers.data.pup`, :mod:`helpers.data.pairs`) holding
its :class:`~helpers.datastore.TableSpec` objects, a reproduction module
(:mod:`helpers.reproduce.pup`, ...) with ``reproduced_figures()``, and a list of the published
figures that contradict each other (``data/published/<evaluation>.contradictions.yaml``). This
module finds them by evaluation slug so that the appendix chapters stay one call each.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

import pandas as pd
import yaml

from .datastore import TableSpec, schema_dictionary
from .published import EVALUATIONS
from .reproduce._common import load_contradictions

__all__ = ["MODULES", "table_specs", "data_dictionary", "contradictions", "reproduced_figures"]

#: Module name (under helpers.data and helpers.reproduce) of each evaluation slug.
MODULES = {"parenting-under-pressure": "pup", "pairs": "pairs"}


def _module(package: str, evaluation: str) -> ModuleType:
    if evaluation not in EVALUATIONS:
        raise KeyError(f"unknown evaluation {evaluation!r}; expected one of {EVALUATIONS}")
    return importlib.import_module(f"helpers.{package}.{MODULES[evaluation]}")


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

    for value in vars(_module("data", evaluation)).values():
        add(value)
    return found


def data_dictionary(evaluation: str) -> pd.DataFrame:
    """One row per column of every table of ``evaluation`` (see :func:`helpers.datastore.schema_dictionary`)."""
    frames = [schema_dictionary(spec) for spec in table_specs(evaluation)]
    if not frames:
        raise LookupError(f"helpers.data.{MODULES[evaluation]} defines no TableSpec")
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
    return _module("reproduce", evaluation).reproduced_figures()
