"""api/v1/: the published JSON files validate against their schemas and say what data/ says."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from macros.kb.load import build_capability, build_case_study, build_characteristic, build_tool
from macros.kb.documents import iter_data_files, load_document
from macros.site.api import EXPORTED, MATRIX_COLUMNS, csv_cell
from macros.kb.model import KnowledgeBase
from tests.conftest import DATA_DIR
from tests.siteinvariants import profiler_data_problems

BUILDERS = {"capabilities": build_capability, "characteristics": build_characteristic, "case-studies": build_case_study, "tools": build_tool}


def read_api(site_dir: Path, name: str) -> dict:
    return json.loads((site_dir / "api/v1" / name).read_text(encoding="utf-8"))


def entities_of(kb: KnowledgeBase, kind: str) -> Mapping[str, Any]:
    by_kind: dict[str, Mapping[str, Any]] = {
        "capabilities": kb.capabilities, "characteristics": kb.characteristics, "case-studies": kb.case_studies, "tools": kb.tools}
    return by_kind[kind]


@pytest.mark.parametrize("kind", EXPORTED)
def test_json_file_validates_against_its_published_schema(site_dir: Path, kind: str) -> None:
    schema = read_api(site_dir, f"schemas/{kind}.schema.json")
    Draft202012Validator.check_schema(schema)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in Draft202012Validator(schema).iter_errors(read_api(site_dir, f"{kind}.json"))]
    assert errors == []


@pytest.mark.parametrize("kind", EXPORTED)
def test_json_file_round_trips_to_the_model_built_from_data(site_dir: Path, kb: KnowledgeBase, kind: str) -> None:
    entries = read_api(site_dir, f"{kind}.json")[kind]
    # The JSON holds the YAML fields, so the loader's own builders read it back into the same entities.
    rebuilt = {entry["id"]: BUILDERS[kind](entry["id"], entry) for entry in entries}
    assert rebuilt == entities_of(kb, kind)


@pytest.mark.parametrize("kind", EXPORTED)
def test_json_entries_hold_the_fields_of_the_yaml_files(site_dir: Path, kind: str) -> None:
    entries = {e.pop("id"): e for e in read_api(site_dir, f"{kind}.json")[kind]}
    files = [path for path in iter_data_files(DATA_DIR) if path.parent.name == kind]
    assert sorted(entries) == sorted(path.stem for path in files)
    for path in files:
        yaml_fields = load_document(path, DATA_DIR)[0].data
        json_fields = {k: v for k, v in entries[path.stem].items() if k != "url"}
        # Optional fields a file leaves out are published empty.
        expected = {"former_ids": [], **yaml_fields}
        if kind == "tools":
            expected = {"aliases": {"en": [], "ja": []}, "licence": "", "successor": "", "notes": {"en": "", "ja": ""}, **expected}
        elif kind == "characteristics":
            expected = {"aliases": {"en": [], "ja": []}, "notes": [], **expected}
        elif kind == "capabilities":  # a key function's basis, when left out, is the guide's list
            expected = {**expected, "functions": [{"basis": "key-functions", **f} for f in yaml_fields["functions"]]}
        assert json_fields == expected, path.name


@pytest.mark.parametrize("kind", EXPORTED)
def test_every_entry_links_to_its_page(site_dir: Path, kind: str) -> None:
    missing = [e["url"] for e in read_api(site_dir, f"{kind}.json")[kind] if not (site_dir / e["url"] / "index.html").is_file()]
    assert missing == []


def test_a_schema_rejects_an_entry_without_japanese(site_dir: Path) -> None:
    document = read_api(site_dir, "capabilities.json")
    del document["capabilities"][0]["summary"]["ja"]
    validator = Draft202012Validator(read_api(site_dir, "schemas/capabilities.schema.json"))
    assert [e.message for e in validator.iter_errors(document)] == ["'ja' is a required property"]


def test_tools_schema_keeps_the_licence_rules(site_dir: Path) -> None:
    validator = Draft202012Validator(read_api(site_dir, "schemas/tools.schema.json"))
    tools = read_api(site_dir, "tools.json")["tools"]
    open_source = next(t for t in tools if t["kind"] == "open-source")
    managed = next(t for t in tools if t["kind"] == "managed-service")
    assert list(validator.iter_errors({"tools": [{**open_source, "licence": ""}]})) != []
    assert list(validator.iter_errors({"tools": [{**managed, "licence": "Apache-2.0"}]})) != []
    assert list(validator.iter_errors({"tools": [{**managed, "notes": {"en": "", "ja": ""}}]})) == []


def test_matrix_csv_has_one_row_per_recommendation(site_dir: Path, kb: KnowledgeBase) -> None:
    text = (site_dir / "api/v1/matrix.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == MATRIX_COLUMNS
    expected = [
        (r.characteristic, r.capability, r.level, csv_cell(r.condition.en if r.condition else ""), csv_cell(r.why.en), csv_cell(r.why.ja), r.origin)
        for char in kb.characteristics.values() for r in char.recommendations
    ]
    found = [(r["characteristic"], r["capability"], r["level"], r["condition_en"], r["why_en"], r["why_ja"], r["source"]) for r in rows]
    assert found == expected


def test_home_page_links_the_data(site_dir: Path) -> None:
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    for name in ["capabilities.json", "characteristics.json", "case-studies.json", "tools.json", "renamed.json", "matrix.csv",
                 "schemas/capabilities.schema.json", "schemas/characteristics.schema.json", "schemas/case-studies.schema.json",
                 "schemas/tools.schema.json"]:
        assert f'href="api/v1/{name}"' in html, name


def test_the_profilers_data_and_links_follow_the_data(site_dir: Path, kb: KnowledgeBase) -> None:
    # The JSON files round-trip (above, per kind); each case study and characteristic opens the profiler.
    assert profiler_data_problems(site_dir, kb) == []
