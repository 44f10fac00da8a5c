"""Kinds and languages are declared once: the registry (macros/kb/kinds.py) and the language
declaration (macros/kb/model.py) are the only code that names a data folder or a language code.

Everything else derives from them, so adding a kind or a language never means finding copies
with grep. These tests are that grep, and the checks that hold the schemas, the strings, the
configurations and the typed text fields to the declaration.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from macros.kb.kinds import KINDS
from macros.kb.model import BASE_LANGUAGE, LANGUAGE_DETAILS, LANGUAGES, Aliases, Dates, Text
from macros.paths import PACKAGE_DIR, REPO_ROOT, SCHEMA_DIR, STRINGS_DIR, TEMPLATE_DIR

# Where the declarations are: the only code allowed to name folders, or language codes.
REGISTRY = PACKAGE_DIR / "kb" / "kinds.py"
DECLARATION = PACKAGE_DIR / "kb" / "model.py"
# The few literals that only look like a folder name, each with why.
NOT_A_FOLDER = {
    ("site/profiler_page.py", "tools"): "a strings key (the label 'Tools'), not the data folder",
    ("kb/builders.py", "tools"): "a field of a system's in_place entry (the tools it uses), not the data folder",
}
CODE = sorted(p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)
TEMPLATES = sorted(TEMPLATE_DIR.glob("*.j2"))


def _literals(path: Path) -> Iterator[tuple[int, str, bool]]:
    """(line, text, whether the text is a whole string) of each string in the code, docstrings and a file's field names left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        # A docstring is documentation; data["tags"] reads a file's field, whose name may be a folder's.
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            skipped.add(id(body[0].value))
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "data":
            skipped.add(id(node.slice))
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(part) for part in node.values)
            for part in node.values:
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    yield part.lineno, part.value, False
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            yield node.lineno, node.value, True


def _template_literals(path: Path) -> Iterator[tuple[int, str, bool]]:
    """(line, text, True) of each quoted string in a template's code, comments left out."""
    text = re.sub(r"\{#.*?#\}", lambda m: "\n" * m[0].count("\n"), path.read_text(encoding="utf-8"), flags=re.DOTALL)
    for number, line in enumerate(text.splitlines(), 1):
        for match in re.finditer(r"\{[{%].*?[%}]\}", line):
            for quoted in re.finditer(r"([\"'])(.*?)\1", match[0]):
                yield number, quoted[2], True


def _named(path: Path, names: set[str], allowed: dict[tuple[str, str], str]) -> list[str]:
    """Where a file's code names one of `names`: as a whole string, or as data/<name>/ inside one."""
    relative = path.relative_to(PACKAGE_DIR).as_posix()
    literals = _template_literals(path) if path.suffix == ".j2" else _literals(path)
    found = []
    for line, text, whole in literals:
        hits = {text} & names if whole else {n for n in names if f"data/{n}/" in text}
        found += [f"macros/{relative}:{line}: {hit!r}" for hit in hits if (relative, hit) not in allowed]
    return found


def test_only_the_registry_names_a_data_folder() -> None:
    folders = set(KINDS)
    found = [hit for path in [*CODE, *TEMPLATES] if path != REGISTRY for hit in _named(path, folders, NOT_A_FOLDER)]
    assert found == [], "name kinds through macros.kb.kinds (KINDS, folder_of) instead"


def test_only_the_declaration_names_a_language() -> None:
    codes = set(LANGUAGES)
    found = [hit for path in [*CODE, *TEMPLATES] if path != DECLARATION for hit in _named(path, codes, {})]
    # Attribute access (text.en) names a language too.
    attribute = re.compile(rf"\.(?:{'|'.join(map(re.escape, LANGUAGES))})\b(?!\w)")
    for path in [*CODE, *TEMPLATES]:
        if path == DECLARATION:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0] if path.suffix == ".py" else line
            found += [
                f"macros/{path.relative_to(PACKAGE_DIR).as_posix()}:{number}: {m[0]!r}"
                for m in attribute.finditer(code)
            ]
    assert found == [], "name languages through LANGUAGES and BASE_LANGUAGE (macros.kb.model) instead"


def test_the_grep_finds_what_it_looks_for(tmp_path: Path) -> None:
    # The two checks above pass on an empty result: show they see each way a name can be written.
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""Docstring naming "tools" and data/tools/."""\n'
        'A = "tools"\nB = f"see data/tools/{x}.yml"\nC = data["tools"]\nD = name.ja\n',
        encoding="utf-8",
    )
    template = tmp_path / "sample.j2"
    template.write_text('{# "tools" #}\n{{ named("tools", x) }} tools\n', encoding="utf-8")
    literals = [
        (line, text)
        for line, text, whole in _literals(sample)
        if (whole and text == "tools") or (not whole and "data/tools/" in text)
    ]
    assert [line for line, _ in literals] == [2, 3]
    assert [(line, text) for line, text, _ in _template_literals(template)] == [(2, "tools")]


def test_text_fields_are_keyed_by_the_declared_languages() -> None:
    for shape in (Text, Aliases, Dates):
        assert tuple(f.name for f in fields(shape)) == LANGUAGES, shape.__name__
    assert LANGUAGES[0] == BASE_LANGUAGE


def test_every_language_has_its_strings_docs_and_configuration() -> None:
    assert sorted(p.stem for p in STRINGS_DIR.glob("*.yml")) == sorted(LANGUAGES)
    assert re.search(rf"^\s+language: {BASE_LANGUAGE}$", (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    for lang in LANGUAGES[1:]:
        config = (REPO_ROOT / f"mkdocs.{lang}.yml").read_text(encoding="utf-8")
        assert re.search(rf"^\s+language: {lang}$", config, re.M), f"mkdocs.{lang}.yml sets theme.language"
        assert (REPO_ROOT / "docs" / lang / "index.md").is_file(), f"docs/{lang}/ holds the {lang} edition's pages"


def _objects(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


SCHEMAS = sorted(SCHEMA_DIR.glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schemas_key_text_by_the_declared_languages(path: Path) -> None:
    # A mapping with any language's field is a text (or list of names) in every language: a language
    # added to the declaration, or left out of a schema, fails here until the schemas name it.
    schema = json.loads(path.read_text(encoding="utf-8"))
    for node in _objects(schema):
        if set(node["properties"]) & set(LANGUAGE_DETAILS):
            assert list(node["properties"]) == list(LANGUAGES), (path.name, list(node["properties"]))
            # Every language required, or only the base one (a term the Japanese post does not use), or none.
            assert node.get("required", []) in ([], [BASE_LANGUAGE], list(LANGUAGES)), (path.name, node.get("required"))


def test_the_shared_texts_require_every_language() -> None:
    definitions = json.loads((SCHEMA_DIR / "common.schema.json").read_text(encoding="utf-8"))["$defs"]
    for name in ("text", "short_text", "aliases"):
        assert definitions[name]["required"] == list(LANGUAGES), name
