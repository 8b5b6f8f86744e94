"""Coded interviews from qualitative-analysis software, through the REFI-QDA exchange format.

NVivo, ATLAS.ti, MAXQDA, QualCoder and Taguette exchange projects as REFI-QDA ``.qdpx`` files: a
zip holding one XML project (``project.qde``) with the code book, the cases (speakers, with
their attributes as variables), the text sources and the coded selections of each source.

:func:`read_qdpx` turns a project into one row per coded segment — the case (speaker), the code,
the segment's text and the case's attributes — and maps the software's code names to the book's
theme codes through a small mapping file (:func:`load_code_map`). Consent is applied here, once:
segments of cases whose consent attribute is not true are left out and counted. The result has
the shape of an evaluation's ``interview_excerpts`` table, so the existing theme counts and
excerpt selection (:mod:`helpers.qualitative`) take it as they take the CSV.

:func:`write_qdpx` writes such a project (deterministically: identifiers derived from names, fixed
zip timestamps), which is how the book ships its synthetic coded interviews as ``.qdpx`` too.

Why pyrefiqda: it is generated from the official REFI-QDA XML schema (xsdata + pydantic), reads
and writes projects, and is maintained; portableQDA (the other Python package) is an alpha that
pins lxml < 5 and depends on the abandoned ``nose``.

Mapping file (YAML)::

    codes:                      # code name in the QDA project -> the book's theme code
      "Relationship better": relationship_improved
    ignore: ["Memo", "To check"]  # codes in the project that the book does not use
    speaker_variable: null      # case attribute naming the speaker id (default: the case name)
    consent_variable: research_consent   # case attribute that must be true (omit: no filter)
"""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from helpers.errors import Violation, raise_violations

__all__ = ["CodeMap", "load_code_map", "CodedSegments", "read_qdpx", "write_qdpx"]

#: A fixed namespace so that the same names always give the same REFI-QDA GUIDs.
_NAMESPACE = uuid.UUID("6d1f5b7e-3f3a-4f4e-9a4d-2b7d1c0e9a55")
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class CodeMap:
    """How a QDA project's codes and cases map onto the book's themes and speakers."""

    codes: dict[str, str]
    ignore: tuple[str, ...] = ()
    speaker_variable: str | None = None
    consent_variable: str | None = None


def load_code_map(path: str | Path) -> CodeMap:
    """Read a mapping file (see the module docstring); problems name the file and the key."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise_violations([Violation(str(path), None, None, f"cannot read the mapping: {exc}")])
    problems = []
    codes = data.get("codes")
    if not isinstance(codes, dict) or not codes:
        problems.append(Violation(str(path), None, "codes", "needs a mapping of code names to "
                                  "the book's theme codes"))
    extra = sorted(set(data) - {"codes", "ignore", "speaker_variable", "consent_variable"})
    if extra:
        problems.append(Violation(str(path), None, ", ".join(extra), "unknown keys in the mapping"))
    raise_violations(problems)
    return CodeMap({str(k): str(v) for k, v in codes.items()},
                   tuple(str(c) for c in data.get("ignore") or ()),
                   data.get("speaker_variable"), data.get("consent_variable"))


@dataclass(frozen=True)
class CodedSegments:
    """Coded segments read from a project, after mapping and consent.

    Attributes
    ----------
    segments : DataFrame
        One row per (segment, code): ``speaker``, ``theme`` (the book's code), ``code`` (the
        project's code name), ``source``, ``start``, ``end`` (character positions) and ``text``,
        then one column per case attribute.
    excluded : int
        Segments left out because their case has not consented.
    cases : DataFrame
        One row per case: ``speaker`` and its attributes (consented or not).
    """

    segments: pd.DataFrame
    excluded: int
    cases: pd.DataFrame = field(default_factory=pd.DataFrame)


def _value(v: Any) -> Any:
    for name in ("boolean_value", "integer_value", "float_value", "date_value", "text_value"):
        got = getattr(v, name, None)
        if got is not None:
            return got
    return None


def read_qdpx(path: str | Path, code_map: CodeMap) -> CodedSegments:
    """Read a ``.qdpx`` project into coded segments (see :class:`CodedSegments`).

    Every code used in the project must be mapped or ignored; a coded selection whose source has
    no text, or whose positions fall outside it, is an error. All problems are listed at once.
    """
    from pyrefiqda.models import Project
    from xsdata_pydantic.bindings import XmlParser

    path = Path(path)
    file = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.endswith(".qde")]
            if not names:
                raise_violations([Violation(file, None, None, "no project.qde inside the .qdpx")])
            xml = archive.read(names[0])
            texts = {n: archive.read(n).decode("utf-8") for n in archive.namelist()
                     if n.startswith("sources/") and n.endswith(".txt")}
    except zipfile.BadZipFile:
        raise_violations([Violation(file, None, None, "not a .qdpx file (not a zip archive)")])
    project = XmlParser().from_bytes(xml, Project)

    code_names = {c.guid: c.name for c in _all_codes(project)}
    variables = {v.guid: v.name for v in (project.variables.variable if project.variables else [])}
    cases, source_case = [], {}
    for case in (project.cases.case if project.cases else []):
        attrs = {variables.get(vv.variable_ref.target_guid if vv.variable_ref else "", "?"): _value(vv)
                 for vv in case.variable_value}
        speaker = attrs.get(code_map.speaker_variable) if code_map.speaker_variable else case.name
        cases.append({"speaker": str(speaker), **attrs})
        for ref in case.source_ref:
            source_case[ref.target_guid] = len(cases) - 1
    case_frame = pd.DataFrame(cases)

    problems: list[Violation] = []
    rows = []
    for source in (project.sources.text_source if project.sources else []):
        text = source.plain_text_content
        if text is None and source.plain_text_path:
            text = texts.get("sources/" + source.plain_text_path.removeprefix("internal://"))
        if source.guid not in source_case:
            problems.append(Violation(file, None, source.name, "a text source with no case (speaker)"))
            continue
        case = cases[source_case[source.guid]]
        for sel in source.plain_text_selection:
            start, end = int(sel.start_position), int(sel.end_position)
            if text is None or not 0 <= start < end <= len(text):
                problems.append(Violation(file, None, source.name,
                                          f"selection {sel.name or sel.guid} at {start}-{end} "
                                          "falls outside the source's text"))
                continue
            for coding in sel.coding:
                name = code_names.get(coding.code_ref.target_guid, "?")
                rows.append({"speaker": case["speaker"], "code": name, "source": source.name,
                             "start": start, "end": end, "text": text[start:end],
                             **{k: v for k, v in case.items() if k != "speaker"}})
    used = {r["code"] for r in rows}
    unmapped = sorted(used - set(code_map.codes) - set(code_map.ignore))
    if unmapped:
        problems.append(Violation(file, None, "codes", "codes used in the project but neither "
                                  f"mapped nor ignored: {', '.join(unmapped)}"))
    raise_violations(problems)
    frame = pd.DataFrame(rows, columns=["speaker", "code", "source", "start", "end", "text",
                                        *[c for c in case_frame.columns if c != "speaker"]])
    frame = frame[frame["code"].isin(list(code_map.codes))].copy()
    frame.insert(1, "theme", frame["code"].map(code_map.codes))
    excluded = 0
    if code_map.consent_variable:
        if code_map.consent_variable not in frame.columns and len(frame):
            raise_violations([Violation(file, None, code_map.consent_variable,
                                        "the consent attribute named in the mapping is not a case "
                                        "variable of the project")])
        consented = frame[code_map.consent_variable].map(lambda v: v is True or
                                                         str(v).lower() in ("true", "yes"))
        excluded = int((~consented).sum())
        frame = frame[consented]
    return CodedSegments(frame.reset_index(drop=True), excluded, case_frame)


def _all_codes(project: Any) -> list[Any]:
    out, stack = [], list(project.code_book.codes.code) if project.code_book else []
    while stack:
        code = stack.pop()
        out.append(code)
        stack.extend(getattr(code, "code", []) or [])
    return out


def _guid(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def write_qdpx(path: str | Path, segments: pd.DataFrame, cases: pd.DataFrame, *,
               project_name: str, code_labels: dict[str, str] | None = None) -> Path:
    """Write coded segments as a REFI-QDA project, one text source per speaker.

    ``segments`` needs ``speaker``, ``theme`` and ``text`` (one row per coded passage, in the
    order they should appear); ``cases`` needs ``speaker`` plus any attributes (text, yes/no or
    whole-number columns), written as case variables. ``code_labels`` names each theme code in the
    project's code book (default: the code itself). The output is byte-identical for the same input.
    """
    from pyrefiqda.models import (
        CaseType, CasesType, CodeRefType, CodingType, PlainTextSelectionType, Project,
        ProjectCodeBookType, ProjectCodesType, ProjectCodeType, SourceRefType, SourcesType,
        TextSourceType, UsersType, UserType, VariableRefType, VariablesType, VariableType,
        VariableValueType,
    )
    from xsdata.formats.dataclass.serializers.config import SerializerConfig
    from xsdata_pydantic.bindings import XmlSerializer

    labels = code_labels or {}
    user = UserType(guid=_guid("user"), name="evaluation-report")
    themes = list(dict.fromkeys(segments["theme"]))
    codes = {t: ProjectCodeType(guid=_guid("code", t), name=labels.get(t, t), is_codable=True)
             for t in themes}
    attributes = [c for c in cases.columns if c != "speaker"]
    variables = {a: VariableType(guid=_guid("variable", a), name=a,
                                 type_of_variable=_variable_type(cases[a]))
                 for a in attributes}
    sources, case_items = [], []
    for _, case in cases.iterrows():
        speaker = str(case["speaker"])
        mine = segments[segments["speaker"].astype(str) == speaker]
        text, selections, position = "", [], 0
        for i, row in enumerate(mine.itertuples(index=False)):
            passage = str(row.text)
            start = position
            text += passage + "\n\n"
            position = len(text)
            selections.append(PlainTextSelectionType(
                guid=_guid("selection", speaker, str(i)), name=f"{speaker} passage {i + 1}",
                start_position=start, end_position=start + len(passage),
                creating_user=user.guid,
                coding=[CodingType(guid=_guid("coding", speaker, str(i)), creating_user=user.guid,
                                   code_ref=CodeRefType(target_guid=codes[row.theme].guid))]))
        source_guid = _guid("source", speaker)
        if len(mine):
            sources.append(TextSourceType(guid=source_guid, name=f"Interview {speaker}",
                                          plain_text_content=text, plain_text_selection=selections))
        case_items.append(CaseType(
            guid=_guid("case", speaker), name=speaker,
            variable_value=[_variable_value(VariableValueType, VariableRefType, variables[a],
                                            case[a]) for a in attributes if not pd.isna(case[a])],
            source_ref=[SourceRefType(target_guid=source_guid)] if len(mine) else []))
    project = Project(
        name=project_name, users=UsersType(user=[user]),
        code_book=ProjectCodeBookType(codes=ProjectCodesType(code=list(codes.values()))),
        variables=VariablesType(variable=list(variables.values())) if variables else None,
        cases=CasesType(case=case_items), sources=SourcesType(text_source=sources))
    xml = XmlSerializer(config=SerializerConfig(xml_declaration=True, encoding="UTF-8",
                                                indent="  ")).render(
        project, ns_map={None: "urn:QDA-XML:project:1.0"})
    path = Path(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("project.qde", date_time=_ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, xml.encode("utf-8"))
    path.write_bytes(buffer.getvalue())
    return path


def _variable_type(values: pd.Series) -> Any:
    from pyrefiqda.models import TypeOfVariableType

    kind = str(values.dtype).lower()
    if kind.startswith("bool"):
        return TypeOfVariableType.BOOLEAN
    if kind.startswith(("int", "uint")):
        return TypeOfVariableType.INTEGER
    return TypeOfVariableType.TEXT


def _variable_value(value_type: Any, ref_type: Any, variable: Any, value: Any) -> Any:
    ref = ref_type(target_guid=variable.guid)
    if isinstance(value, (bool,)) or str(type(value)).endswith("bool_'>"):
        return value_type(variable_ref=ref, boolean_value=bool(value))
    if isinstance(value, int) or hasattr(value, "is_integer") and float(value).is_integer() \
            and str(variable.type_of_variable).endswith("INTEGER"):
        return value_type(variable_ref=ref, integer_value=int(value))
    return value_type(variable_ref=ref, text_value=str(value))
