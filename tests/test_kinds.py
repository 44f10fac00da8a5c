"""The kind registry: each kind's declaration names files that exist, and a new kind needs nothing else.

The throwaway-kind test adds a kind ("roles") to a copy of the repository the way CONTRIBUTING's
maintainers would: a registry entry with its model class, a schema, a template and strings. The
copy's site then has its pages, index, search label, changes-page entry, redirect and API file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from macros.kb.kinds import KINDS, kind_of
from macros.kb.model import KnowledgeBase
from macros.paths import REPO_ROOT, SCAFFOLD_DIR, SCHEMA_DIR, STRINGS_DIR, TEMPLATE_DIR
from macros.site.render import load_strings
from tests.htmlread import article_of, is_redirect, read_page
from tests.searchindex import whole_search_index
from tests.sitebuild import refuse_under_make_unit

LANGS = sorted(path.stem for path in STRINGS_DIR.glob("*.yml"))


@pytest.mark.parametrize("folder", list(KINDS))
def test_each_kind_names_files_that_exist(folder: str) -> None:
    kind = KINDS[folder]
    assert (SCHEMA_DIR / f"{kind.schema}.schema.json").is_file()
    assert (SCAFFOLD_DIR / f"{kind.schema}.yml").is_file(), "make new needs a scaffold"
    for template in filter(None, (kind.template, kind.listed_on and kind.listed_on + ".j2")):
        assert (TEMPLATE_DIR / template).is_file()
    for target_kind in (target for _, target in kind.references):
        assert target_kind in KINDS


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("folder", list(KINDS))
def test_each_kind_has_its_strings_in_every_language(folder: str, lang: str) -> None:
    kind, ui = KINDS[folder], load_strings(lang)
    if kind.search_label:
        assert ui.get(kind.search_label), f"search label '{kind.search_label}' missing in {lang}.yml"
    if kind.history:
        assert ui.get(f"kind_{folder}"), f"the changes page names its entities with 'kind_{folder}' ({lang}.yml)"
    if kind.listed_on:
        assert ui.get(kind.listed_on.removesuffix(".md")), "the title of the page listing them"


def test_every_model_class_belongs_to_one_kind(kb: KnowledgeBase) -> None:
    assert len({kind.model for kind in KINDS.values()}) == len(KINDS)
    for folder in KINDS:
        assert all(kind_of(entity).folder == folder for entity in kb.entities(folder).values())


# --- the throwaway kind -------------------------------------------------------------------------

ROLE_MODEL = '''
@dataclass(frozen=True)
class Role:
    """A throwaway kind: a role in an ML team."""

    id: str
    name: Text
    summary: Text
    former_ids: tuple[str, ...] = ()


def build_role(id: str, data: dict[str, Any]) -> Role:
    return Role(id, Text(**data["name"]), Text(**data["summary"]), tuple(data.get("former_ids", [])))

'''
ROLE_KIND = """    Kind("roles", "role", Role, build_role, "role", template="role.md.j2", exported=True, search_label="role",
         search_names=True),
"""
ROLE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Role",
    "description": "A role in an ML team. File: data/roles/<id>.yml",
    "type": "object",
    "properties": {
        "name": {"$ref": "common.schema.json#/$defs/short_text", "description": "Its name"},
        "summary": {"$ref": "common.schema.json#/$defs/text", "description": "What it does"},
        "former_ids": {"$ref": "common.schema.json#/$defs/ids", "description": "Its former ids"},
    },
    "required": ["name", "summary"],
    "additionalProperties": False,
}
ROLE_TEMPLATE = "# {{ entity.name[lang] }}\n\n<p>{{ entity.summary[lang] }}</p>\n"
ROLE_FILE = """\
name:
  en: Platform engineer
  ja: プラットフォーム エンジニア
summary:
  en: Runs the shared ML platform.
  ja: 共有の ML 基盤を運用します。
former_ids: [platform-owner]
"""
ROLE_INDEX = '---\nrender_macros: true\n---\n\n# Roles\n\n{{ entity_index("roles") }}\n'


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def role_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English site of a copy of the repository with the throwaway kind added in its own commit."""
    refuse_under_make_unit()
    copy = tmp_path_factory.mktemp("with-roles") / "repo"
    ignore = shutil.ignore_patterns("__pycache__")
    for folder in ("macros", "data", "docs", "overrides"):
        shutil.copytree(REPO_ROOT / folder, copy / folder, ignore=ignore)
    shutil.copy(REPO_ROOT / "mkdocs.yml", copy)
    _git(copy, "init", "-q")
    _git(copy, "add", ".")
    _git(copy, "commit", "-q", "-m", "the repository as it is")
    # One registry entry (with its model class), a schema, a template, strings: nothing else of the code.
    kinds = copy / "macros" / "kb" / "kinds.py"
    source = kinds.read_text(encoding="utf-8")
    assert source.count("\n_KINDS = (\n") == 1
    source = source.replace("\n_KINDS = (\n", "\n" + ROLE_MODEL + "\n_KINDS = (\n" + ROLE_KIND)
    source = source.replace("from macros.kb.model import ", "from macros.kb.model import Text, ")
    kinds.write_text(source, encoding="utf-8")
    (copy / "macros" / "schemas" / "role.schema.json").write_text(json.dumps(ROLE_SCHEMA, indent=2), encoding="utf-8")
    (copy / "macros" / "site" / "templates" / "role.md.j2").write_text(ROLE_TEMPLATE, encoding="utf-8")
    for lang, (label, noun) in {"en": ("Role", "role"), "ja": ("役割", "役割")}.items():
        with (copy / "macros" / "site" / "strings" / f"{lang}.yml").open("a", encoding="utf-8") as strings:
            strings.write(f"role: {label}\nkind_roles: {noun}\n")
    (copy / "data" / "roles").mkdir()
    (copy / "data" / "roles" / "platform-engineer.yml").write_text(ROLE_FILE, encoding="utf-8")
    (copy / "docs" / "roles").mkdir()
    (copy / "docs" / "roles" / "index.md").write_text(ROLE_INDEX, encoding="utf-8")
    _git(copy, "add", ".")
    _git(copy, "commit", "-q", "-m", "A kind of entity: roles")
    site = copy.parent / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.site
def test_a_new_kind_gets_a_page_per_entity(role_site: Path) -> None:
    article = article_of(role_site / "roles" / "platform-engineer" / "index.html")
    assert article.one("h1").text() == "Platform engineer"
    assert "Runs the shared ML platform." in article.text()


@pytest.mark.site
def test_a_new_kind_gets_its_index(role_site: Path) -> None:
    index = (role_site / "roles" / "index.html").read_text(encoding="utf-8")
    assert 'href="platform-engineer/"' in index


@pytest.mark.site
def test_a_new_kind_gets_its_search_label_and_names(role_site: Path) -> None:
    docs = whole_search_index(role_site)["docs"]
    entry = next(doc for doc in docs if doc["location"] == "roles/platform-engineer/")
    assert entry["kind"] == "Role"
    assert entry["names"] == ["Platform engineer"]


@pytest.mark.site
def test_a_new_kind_is_listed_on_the_changes_page(role_site: Path) -> None:
    changes = (role_site / "changes" / "index.html").read_text(encoding="utf-8")
    first = changes.partition("<li>")[2].partition("</li>")[0]
    assert "Added" in first and "role" in first and "../roles/platform-engineer/" in first, first


@pytest.mark.site
def test_a_new_kind_redirects_its_former_ids(role_site: Path) -> None:
    redirect = role_site / "roles" / "platform-owner" / "index.html"
    assert is_redirect(redirect)
    assert read_page(redirect).one("a").attrs["href"] == "../platform-engineer/"


@pytest.mark.site
def test_a_new_kind_is_exported_with_its_schema(role_site: Path) -> None:
    api = role_site / "api" / "v1"
    document = json.loads((api / "roles.json").read_text(encoding="utf-8"))
    schema = json.loads((api / "schemas" / "roles.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(document)) == []
    assert document["roles"] == [
        {
            "id": "platform-engineer",
            "url": "roles/platform-engineer/",
            "name": {"en": "Platform engineer", "ja": "プラットフォーム エンジニア"},
            "summary": {"en": "Runs the shared ML platform.", "ja": "共有の ML 基盤を運用します。"},
            "former_ids": ["platform-owner"],
        }
    ]
    renamed = json.loads((api / "renamed.json").read_text(encoding="utf-8"))
    assert renamed["roles"] == {"platform-owner": "platform-engineer"}
    assert (role_site / "schemas" / "role.schema.json").is_file(), "the data schema is published for editors"
