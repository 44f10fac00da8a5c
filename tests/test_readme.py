"""The README stays what a newcomer reads in five minutes, and the documents it sends them to name
files that exist."""

from __future__ import annotations

import re

import pytest

from tests.sitebuild import ROOT

README = ROOT / "README.md"
README_LIMIT = 10_000  # characters: what it is, the picture, the commands, where to read more
DOCUMENTS = ["README.md", "ARCHITECTURE.md", "CONTRIBUTING.md"]
# A Markdown link or image to a file of the repository: [text](path) or ![alt](path).
_LOCAL_LINK = re.compile(r"\]\((?!https?:|mailto:|#)([^)\s#]+)")
# A path of the repository in code quotes: `macros/site/api.py`, `tests/browser/`.
_REPOSITORY_PATH = re.compile(r"`((?:macros|tests|overrides|benchmarks|docs|data)/[\w./-]*)`")
# An entity's file in its kind's folder: data/capabilities/model-registry.yml.
_ENTITY_FILE = re.compile(r"^(data/[\w-]+/)[\w.-]+\.yml$")


def test_the_readme_stays_under_its_limit() -> None:
    length = len(README.read_text(encoding="utf-8"))
    assert length <= README_LIMIT, (
        f"README.md is {length} characters (at most {README_LIMIT}): move design notes to ARCHITECTURE.md, "
        "contributors' how-tos to CONTRIBUTING.md"
    )


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_link_and_picture_leads_to_a_file(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    missing = [target for target in _LOCAL_LINK.findall(text) if not (ROOT / target).exists()]
    assert missing == []


@pytest.mark.parametrize("name", ["README.md", "ARCHITECTURE.md"])
def test_every_path_named_exists(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    # Placeholders (<id>, <code>) and globs name no one file; an entity's data file is an example a
    # contributor may rename or remove (CONTRIBUTING.md), so only its folder must exist.
    named = {_ENTITY_FILE.sub(r"\1", path) for path in _REPOSITORY_PATH.findall(text) if not re.search(r"[<*]", path)}
    assert sorted(path for path in named if not (ROOT / path).exists()) == []
