"""Fixtures shared by every test: the real data and the real site, built once per run.

Every site a fixture here gives is built once per session by `shared_builds` (tests/sitebuild.py),
which any test can ask for a site of its own data variant, built once however many tests ask.
A test that builds a site is marked `site`: by the fixture it asks for (SITE_FIXTURES), or by
hand when it builds one itself (`make unit` fails it otherwise, see tests/sitebuild.py).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from xdist import is_xdist_worker

from macros.kb.load import LoadResult, build_knowledge_base
from macros.kb.model import KnowledgeBase
from tests.history_repo import History
from tests.sitebuild import BUILT_SITE_DIR, DATA_DIR, ROOT, SharedBuilds  # noqa: F401  (DATA_DIR: re-exported)

# The session fixtures that build a site: a test that asks for one is marked `site`.
SITE_FIXTURES = frozenset({"shared_builds", "site_dir", "site_dir_ja", "editions_dir", "history_site", "hostile_site"})


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
def shared_builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> SharedBuilds:
    """Each data variant's site, built once per session: `shared_builds.site("variant", write_data)`.

    Under pytest-xdist (`make test`) once for all the workers: in the folder of the run that holds theirs
    (asked of the run, not of the environment, which a pytest a test starts inherits)."""
    if is_xdist_worker(request):
        return SharedBuilds(tmp_path_factory.getbasetemp().parent / "shared-builds")
    return SharedBuilds(tmp_path_factory.mktemp("shared-builds"))


@pytest.fixture(scope="session")
def site_dir(shared_builds: SharedBuilds) -> Path:
    """The real site, built from the real data into a temporary folder (or, with KB_SITE_DIR, the
    English edition already built from KB_DATA_DIR: the contribution drill's, not built twice)."""
    if BUILT_SITE_DIR is not None:
        return BUILT_SITE_DIR
    return shared_builds.site("real").site


@pytest.fixture(scope="session")
def history_site(shared_builds: SharedBuilds) -> tuple[History, Path]:
    """(a temporary git repository of the data with a known history, the site built from it with a repository set)."""
    from tests.history_repo import REPO_URL, build_history_repo

    def write_history(folder: Path) -> Path:
        # What the history did is kept beside it, for the workers that find it already built.
        history = build_history_repo(folder / "repo")
        (folder / "history.json").write_text(json.dumps(dataclasses.asdict(history), default=str), encoding="utf-8")
        return history.data

    built = shared_builds.site("history", write_history, env={"KB_REPO_URL": REPO_URL})
    history = json.loads((built.data.parent.parent / "history.json").read_text(encoding="utf-8"))
    return History(**{**history, "data": Path(history["data"])}), built.site


@pytest.fixture(scope="session")
def editions_dir(shared_builds: SharedBuilds) -> Path:
    """Both editions as published: English at the root, Japanese in ja/ (as `make build` does); with
    KB_SITE_DIR, the contribution drill's, which it built so."""
    if BUILT_SITE_DIR is not None:
        return BUILT_SITE_DIR
    return shared_builds.site("real", editions=True).site


@pytest.fixture(scope="session")
def site_dir_ja(editions_dir: Path) -> Path:
    """The Japanese edition's built HTML."""
    return editions_dir / "ja"


@pytest.fixture(scope="session")
def hostile_site(shared_builds: SharedBuilds) -> tuple[Path, KnowledgeBase]:
    """A site whose every text field holds scripts, outside links, raw HTML and Jinja (tests/hostile.py)."""
    from tests.hostile import write_hostile_data

    built = shared_builds.site("hostile", lambda folder: write_hostile_data(folder / "data"))
    kb = build_knowledge_base(built.data).knowledge_base
    assert kb is not None
    return built.site, kb
