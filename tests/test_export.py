"""api/v1/: the published JSON files validate against their schemas and say what data/ says.

The files come from the API builder called on the loaded knowledge base (no site build); the
tests marked `site` check that the build publishes exactly those files and that their links land.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from macros.kb.documents import iter_data_files, load_document
from macros.kb.kinds import KINDS, folder_of
from macros.kb.model import KnowledgeBase, System
from macros.site.api import (
    API_DIR,
    EXPORTED,
    MATRIX_COLUMNS,
    SYSTEM_PLAN_FIELDS,
    build_api_files,
    csv_cell,
    edition_api_folder,
)
from macros.site.render import src_uri_of
from tests.conftest import DATA_DIR
from tests.siteinvariants import profiler_data_problems


def page_url(entity: object) -> str:
    """The directory URL MkDocs gives an entity's page: capabilities/x.md -> capabilities/x/."""
    return src_uri_of(entity).removesuffix(".md") + "/"


@pytest.fixture(scope="module")
def api(kb: KnowledgeBase) -> dict[str, str]:
    """Every file of api/v1/ by its path, as the build writes them."""
    return build_api_files(kb, page_url)


def read_api(api: dict[str, str], name: str) -> dict:
    return json.loads(api[f"{API_DIR}/{name}"])


def test_the_build_publishes_what_the_api_builder_makes(site_dir: Path, api: dict[str, str]) -> None:
    published = {path: (site_dir / path).read_bytes().decode("utf-8") for path in api}  # matrix.csv ends lines in CRLF
    assert published == api


def entities_of(kb: KnowledgeBase, kind: str) -> Mapping[str, Any]:
    entities: Mapping[str, Any] = kb.entities(kind)
    return entities


@pytest.mark.parametrize("kind", EXPORTED)
def test_json_file_validates_against_its_published_schema(api: dict[str, str], kind: str) -> None:
    schema = read_api(api, f"schemas/{kind}.schema.json")
    Draft202012Validator.check_schema(schema)
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in Draft202012Validator(schema).iter_errors(read_api(api, f"{kind}.json"))
    ]
    assert errors == []


@pytest.mark.parametrize("kind", EXPORTED)
def test_json_file_round_trips_to_the_model_built_from_data(api: dict[str, str], kb: KnowledgeBase, kind: str) -> None:
    entries = read_api(api, f"{kind}.json")[kind]
    # The JSON holds the YAML fields, so the loader's own builders read it back into the same entities.
    rebuilt = {entry["id"]: KINDS[kind].build(entry["id"], entry) for entry in entries}
    assert rebuilt == entities_of(kb, kind)


@pytest.mark.parametrize("kind", EXPORTED)
def test_json_entries_hold_the_fields_of_the_yaml_files(api: dict[str, str], kind: str) -> None:
    entries = {e.pop("id"): e for e in read_api(api, f"{kind}.json")[kind]}
    files = [path for path in iter_data_files(DATA_DIR) if path.parent.name == kind]
    assert sorted(entries) == sorted(path.stem for path in files)
    for path in files:
        yaml_fields = load_document(path, DATA_DIR)[0].data
        json_fields = {k: v for k, v in entries[path.stem].items() if k != "url"}
        # Optional fields a file leaves out are published empty.
        expected = {"former_ids": [], **yaml_fields}
        if kind == "tools":
            expected = {
                "aliases": {"en": [], "ja": []},
                "licence": "",
                "successor": "",
                "status_reason": {"en": "", "ja": ""},
                "notes": {"en": "", "ja": ""},
                **expected,
            }
        elif kind == "characteristics":
            expected = {"aliases": {"en": [], "ja": []}, "notes": [], **expected}
        elif kind == folder_of(System):  # and the plan derived from it, checked on its own below
            expected = {"contact": "", "like": "", "sample": "", **expected}
            json_fields = {k: v for k, v in json_fields.items() if k not in SYSTEM_PLAN_FIELDS}
        elif kind == "capabilities":  # a key function's basis, when left out, is the guide's list
            expected = {**expected, "functions": [{"basis": "key-functions", **f} for f in yaml_fields["functions"]]}
        assert json_fields == expected, path.name


@pytest.mark.parametrize("kind", EXPORTED)
def test_every_entry_links_to_its_page(site_dir: Path, api: dict[str, str], kind: str) -> None:
    missing = [
        e["url"] for e in read_api(api, f"{kind}.json")[kind] if not (site_dir / e["url"] / "index.html").is_file()
    ]
    assert missing == []


def test_a_schema_rejects_an_entry_without_japanese(api: dict[str, str]) -> None:
    document = read_api(api, "capabilities.json")
    del document["capabilities"][0]["summary"]["ja"]
    validator = Draft202012Validator(read_api(api, "schemas/capabilities.schema.json"))
    assert [e.message for e in validator.iter_errors(document)] == ["'ja' is a required property"]


def test_tools_schema_keeps_the_licence_rules(api: dict[str, str]) -> None:
    validator = Draft202012Validator(read_api(api, "schemas/tools.schema.json"))
    tools = read_api(api, "tools.json")["tools"]
    open_source = next(t for t in tools if t["kind"] == "open-source")
    managed = next(t for t in tools if t["kind"] == "managed-service")
    assert list(validator.iter_errors({"tools": [{**open_source, "licence": ""}]})) != []
    assert list(validator.iter_errors({"tools": [{**open_source, "kind": "source-available", "licence": ""}]})) != []
    assert list(validator.iter_errors({"tools": [{**open_source, "kind": "source-available"}]})) == []
    assert list(validator.iter_errors({"tools": [{**managed, "licence": "Apache-2.0"}]})) != []
    assert list(validator.iter_errors({"tools": [{**managed, "notes": {"en": "", "ja": ""}}]})) == []


def test_matrix_csv_has_one_row_per_recommendation(api: dict[str, str], kb: KnowledgeBase) -> None:
    text = api[f"{API_DIR}/matrix.csv"]
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == MATRIX_COLUMNS
    expected = [
        (
            r.characteristic,
            r.capability,
            r.level,
            csv_cell(r.condition.en if r.condition else ""),
            csv_cell(r.why.en),
            csv_cell(r.why.ja),
            r.origin,
            # As first written, where a stronger statement gives the level to use: nothing of it is lost.
            r.stated_level,
            csv_cell(r.stated_condition.ja if r.stated_condition else ""),
        )
        for char in kb.characteristics.values()
        for r in char.recommendations
    ]
    found = [
        (
            r["characteristic"],
            r["capability"],
            r["level"],
            r["condition_en"],
            r["why_en"],
            r["why_ja"],
            r["source"],
            r["stated_level"],
            r["stated_condition_ja"],
        )
        for r in rows
    ]
    assert found == expected


def test_home_page_links_the_data(site_dir: Path) -> None:
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    for name in [
        "capabilities.json",
        "characteristics.json",
        "case-studies.json",
        "tools.json",
        "renamed.json",
        "matrix.csv",
        "schemas/capabilities.schema.json",
        "schemas/characteristics.schema.json",
        "schemas/case-studies.schema.json",
        "schemas/tools.schema.json",
    ]:
        assert f'href="api/v1/{name}"' in html, name


@pytest.mark.parametrize(
    ("edition_dir", "own_copy", "folder"),
    [("", False, "api/v1"), ("ja/", False, "../api/v1"), ("ja/", True, "api/v1"), ("a/b/", False, "../../api/v1")],
)
def test_another_edition_reads_the_base_editions_api_unless_it_serves_its_own(
    edition_dir: str, own_copy: bool, folder: str
) -> None:
    assert edition_api_folder(edition_dir, own_copy=own_copy) == folder


def test_api_v1_is_written_once_and_every_edition_reads_it(editions_dir: Path) -> None:
    # The same bytes in every edition, so the published site holds them once, in the base edition.
    assert (editions_dir / API_DIR / "plan.json").is_file()
    assert not (editions_dir / "ja" / "api").exists()
    # The Japanese pages that read or link api/v1/ point at the base edition's (test_site_links
    # follows the links; the profiler's and the matrix's data-api is no link, so it is read here).
    for page in ("profiler", "matrix"):
        html = (editions_dir / "ja" / page / "index.html").read_text(encoding="utf-8")
        api = re.search(r'data-api="([^"]+)"', html)
        assert api and (editions_dir / "ja" / page / api.group(1) / "plan.json").resolve().is_file(), page
    home = (editions_dir / "ja" / "index.html").read_text(encoding="utf-8")
    assert 'href="../api/v1/capabilities.json"' in home


def test_the_profilers_data_and_links_follow_the_data(site_dir: Path, kb: KnowledgeBase) -> None:
    # The JSON files round-trip (above, per kind); each case study and characteristic opens the profiler.
    assert profiler_data_problems(site_dir, kb) == []


def test_each_systems_gaps_are_its_needed_capabilities_not_wholly_in_place(api: dict[str, str]) -> None:
    # The rule, on whatever systems the data holds: gaps = needed minus in place, partial ones kept
    # (and listed as partial), in the order of needed.
    for entry in read_api(api, f"{folder_of(System)}.json")[folder_of(System)]:
        states = {e["capability"]: e["state"] for e in entry["in_place"]}
        expected = [cap for cap in entry["needed"] if states.get(cap) != "in-place"]
        assert entry["gaps"] == expected, entry["id"]
        assert entry["partial"] == [cap for cap in expected if states.get(cap) == "partial"], entry["id"]
