"""No id takes the address of a page the site already has: the names come from docs/ as it is."""

from __future__ import annotations

import shutil
from itertools import chain
from pathlib import Path

import pytest

from macros.kb.load import build_knowledge_base
from macros.kb.page_addresses import taken_addresses
from tests.datafixture import FIXTURE_DATA, add_former_id, copy_data
from tests.sitebuild import DATA_DIR

TAKEN = [(folder, name, page) for folder, names in taken_addresses().items() for name, page in names.items()]


def _messages(data: Path) -> list[str]:
    return [str(p) for p in build_knowledge_base(data).problems]


def test_an_id_named_index_is_refused_with_the_page_it_would_replace(tmp_path: Path) -> None:
    # Finding 2: data/case-studies/index.yml passed check and a strict build, and its page
    # silently replaced the hand-written Case studies index.
    data = copy_data(tmp_path, FIXTURE_DATA)
    case = next((data / "case-studies").glob("*.yml"))
    shutil.copy(case, data / "case-studies" / "index.yml")
    assert (
        "data/case-studies/index.yml:1:1: the id 'index' is the address of the site's page "
        "docs/case-studies/index.md (its page would replace that one; rename the file)"
    ) in _messages(data)


@pytest.mark.parametrize(("folder", "name", "page"), TAKEN, ids=[f"{f}/{n}" for f, n, _ in TAKEN])
def test_every_address_the_site_holds_is_refused_as_an_id(tmp_path: Path, folder: str, name: str, page: str) -> None:
    data = copy_data(tmp_path, FIXTURE_DATA)
    # A file of that kind from the fixture, else from the data under test (its references may not resolve here).
    source = next(chain((data / folder).glob("*.yml"), (DATA_DIR / folder).glob("*.yml")))
    (data / folder).mkdir(exist_ok=True)
    shutil.copy(source, data / folder / f"{name}.yml")
    assert any(
        m.startswith(f"data/{folder}/{name}.yml:1:1: the id '{name}' is the address of") for m in _messages(data)
    )


def test_a_former_id_that_is_a_page_address_is_refused_at_its_field(tmp_path: Path) -> None:
    data = copy_data(tmp_path, FIXTURE_DATA)
    capability = next((data / "capabilities").glob("*.yml"))
    add_former_id(capability, "index")
    problems = [m for m in _messages(data) if "former_ids[0]: 'index' is the address" in m]
    assert problems and problems[0].startswith(f"data/capabilities/{capability.name}:")


def test_the_names_come_from_the_docs_folders_of_every_edition(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "tools").mkdir(parents=True)
    (docs / "tools" / "index.md").write_text("# Tools\n", encoding="utf-8")
    (docs / "ja" / "tools" / "compare").mkdir(parents=True)
    (docs / "ja" / "tools" / "notes.md").write_text("# メモ\n", encoding="utf-8")
    taken = taken_addresses(docs)
    assert taken["tools"] == {
        "index": "docs/tools/index.md",
        "compare": "docs/ja/tools/compare",
        "notes": "docs/ja/tools/notes.md",
    }
    assert taken["capabilities"] == {"index": "capabilities/"}  # a folder's own page, with or without a file
