"""Fixtures shared by every test: the real data and the real site, built once per run.

A test that builds a site is marked `site`: by the fixture it asks for (SITE_FIXTURES), or by
hand when it builds one itself (`make unit` fails it otherwise, see tests/sitebuild.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.kb.load import LoadResult, build_knowledge_base
from macros.kb.model import KnowledgeBase
from tests.history_repo import History
from tests.sitebuild import BUILT_SITE_DIR, DATA_DIR, ROOT, build_editions, build_site  # noqa: F401  (DATA_DIR: re-exported)

# The session fixtures that build a site: a test that asks for one is marked `site`.
SITE_FIXTURES = frozenset({"site_dir", "site_dir_ja", "editions_dir", "history_site", "hostile_site"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)


def pytest_report_header() -> str:
    from tests.fuzztext import fuzz_header

    return fuzz_header()


@pytest.fixture(scope="session")
def load_result() -> LoadResult:
    return build_knowledge_base(DATA_DIR)


@pytest.fixture(scope="session")
def kb(load_result: LoadResult) -> KnowledgeBase:
    assert load_result.knowledge_base is not None, "\n".join(map(str, load_result.problems))
    return load_result.knowledge_base


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built from the real data into a temporary folder (or, with KB_SITE_DIR, the
    English edition already built from KB_DATA_DIR: the contribution drill's, not built twice)."""
    if BUILT_SITE_DIR is not None:
        return BUILT_SITE_DIR
    site = tmp_path_factory.mktemp("site")
    result = build_site(site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[History, Path]:
    """(a temporary git repository of the data with a known history, the site built from it with a repository set)."""
    from tests.history_repo import REPO_URL, build_history_repo

    history = build_history_repo(tmp_path_factory.mktemp("repo"))
    site = tmp_path_factory.mktemp("history-site")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KB_REPO_URL", REPO_URL)
        result = build_site(site, data_dir=history.data)
    assert result.returncode == 0, result.stderr
    return history, site


@pytest.fixture(scope="session")
def editions_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both editions as published: English at the root, Japanese in ja/ (as `make build` does)."""
    site = tmp_path_factory.mktemp("editions")
    result = build_editions(site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def site_dir_ja(editions_dir: Path) -> Path:
    """The Japanese edition's built HTML."""
    return editions_dir / "ja"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, KnowledgeBase]:
    """A site whose every text field holds scripts, outside links, raw HTML and Jinja (tests/hostile.py)."""
    from tests.hostile import write_hostile_data

    root = tmp_path_factory.mktemp("hostile")
    data = write_hostile_data(root / "data")
    result = build_site(root / "site", data_dir=data)
    assert result.returncode == 0, result.stderr
    kb = build_knowledge_base(data).knowledge_base
    assert kb is not None
    return root / "site", kb
