"""REFI-QDA (.qdpx) projects: written deterministically, read back exactly, mapped and consented."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest

from helpers.errors import DataValidationError
from helpers.qda import CodeMap, load_code_map, read_qdpx, write_qdpx

SEGMENTS = pd.DataFrame({
    "speaker": ["P1", "P1", "P2", "P3"],
    "theme": ["talking", "children", "talking", "children"],
    "text": ["We talk more now, and calmly.", "The children seem calmer.", "Less shouting.",
             "Evenings are quieter — “much” quieter."],
})
CASES = pd.DataFrame({"speaker": ["P1", "P2", "P3"], "role": ["mother", "father", "mother"],
                      "research_consent": [True, True, False]})
LABELS = {"talking": "Talking to each other", "children": "Children calmer"}
MAP = CodeMap({"Talking to each other": "talking", "Children calmer": "children"},
              consent_variable="research_consent")


@pytest.fixture
def project(tmp_path):
    return write_qdpx(tmp_path / "interviews.qdpx", SEGMENTS, CASES, project_name="Demo",
                      code_labels=LABELS)


def test_a_project_round_trips_its_segments_and_attributes(project):
    read = read_qdpx(project, CodeMap(MAP.codes))  # no consent filter
    assert read.segments[["speaker", "theme", "text"]].to_dict("records") == \
        SEGMENTS.to_dict("records")
    assert read.segments["role"].tolist() == ["mother", "mother", "father", "mother"]
    assert read.cases.set_index("speaker")["research_consent"].to_dict() == \
        {"P1": True, "P2": True, "P3": False}
    assert read.excluded == 0


def test_writing_is_byte_identical(tmp_path, project):
    again = write_qdpx(tmp_path / "again.qdpx", SEGMENTS, CASES, project_name="Demo",
                       code_labels=LABELS)
    assert again.read_bytes() == project.read_bytes()
    with zipfile.ZipFile(project) as archive:
        assert archive.namelist() == ["project.qde"]
        assert b'xmlns="urn:QDA-XML:project:1.0"' in archive.read("project.qde")


def test_consent_is_applied_once_and_counted(project):
    read = read_qdpx(project, MAP)
    assert read.segments["speaker"].tolist() == ["P1", "P1", "P2"]
    assert read.excluded == 1


def test_a_code_neither_mapped_nor_ignored_is_an_error(project):
    with pytest.raises(DataValidationError, match="neither mapped nor ignored: Children calmer"):
        read_qdpx(project, CodeMap({"Talking to each other": "talking"}))
    ignored = read_qdpx(project, CodeMap({"Talking to each other": "talking"},
                                         ignore=("Children calmer",)))
    assert set(ignored.segments["theme"]) == {"talking"}


def test_not_a_project_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.qdpx"
    bad.write_text("hello")
    with pytest.raises(DataValidationError, match="not a .qdpx file"):
        read_qdpx(bad, MAP)


def test_the_mapping_file_is_checked(tmp_path):
    good = tmp_path / "codes.yaml"
    good.write_text('codes:\n  "Talking to each other": talking\nconsent_variable: research_consent\n')
    assert load_code_map(good) == CodeMap({"Talking to each other": "talking"},
                                          consent_variable="research_consent")
    bad = tmp_path / "bad.yaml"
    bad.write_text("codez: {}\n")
    with pytest.raises(DataValidationError, match="needs a mapping of code names"):
        load_code_map(bad)
