"""`make serve` (`mkdocs serve --dirty`) rebuilds only what an edit touched, and the site it serves
then equals a clean build of the same data, after each kind of edit a contributor makes.

The rebuilds run in this process, as `mkdocs serve` runs them (one MkDocs, its plugins and our hook
kept from one build to the next); the clean build is `mkdocs build` in a process of its own.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.contributions import add_entity, load, real_ids, remove_case_study, rename
from tests.sitebuild import DATA_DIR, ROOT, build_site
from tests.sitecompare import differences_but_policy

# The rebuilds and the clean build it compares them with are whole sites.
pytestmark = pytest.mark.site


class Server:
    """The builds `mkdocs serve --dirty` makes, into one folder, in this process."""

    def __init__(self, site: Path) -> None:
        self.site = site
        config = self._config()
        config.plugins.on_startup(command="serve", dirty=True)

    def _config(self):
        return load_config(str(ROOT / "mkdocs.yml"), site_dir=str(self.site))

    def rebuild(self) -> None:
        build(self._config(), serve_url="http://127.0.0.1:8600/", dirty=True)

    def written(self) -> dict[str, int]:
        """Each file of the site with the time it was last written."""
        return {str(p.relative_to(self.site)): p.stat().st_mtime_ns for p in self.site.rglob("*") if p.is_file()}


@pytest.fixture
def data(tmp_path: Path) -> Iterator[Path]:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KB_DATA_DIR", str(copy))
        yield copy
    # MkDocs keeps the site's plugin for the whole process: what follows builds as `mkdocs build`.
    load_config(str(ROOT / "mkdocs.yml")).plugins.on_startup(command="build", dirty=False)


def _edit_summary(path: Path, words: str) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    old = document["summary"]["en"]
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, f"{old} {words}", 1), encoding="utf-8")


def test_rebuilds_after_add_change_rename_and_delete_equal_a_clean_build(data: Path, tmp_path: Path) -> None:
    server = Server(tmp_path / "served")
    server.rebuild()
    kb = load(data)
    ids = real_ids(kb)

    # Change: a case study's summary, which tool pages never show.
    case = next(iter(kb.case_studies.values()))
    before = server.written()
    _edit_summary(data / "case-studies" / f"{case.id}.yml", "Edited while serving.")
    server.rebuild()
    after = server.written()
    tool_pages = [
        name
        for name in before
        if name.startswith("tools/") and name.endswith("/index.html") and name != "tools/index.html"
    ]
    assert tool_pages and all(after[name] == before[name] for name in tool_pages), "a tool page was rebuilt"
    # Hand-written pages are rebuilt when what their macros read changed: the index lists summaries, the matrix not.
    assert after["case-studies/index.html"] != before["case-studies/index.html"]
    assert after["matrix/index.html"] == before["matrix/index.html"], "the matrix was rebuilt"
    assert after[f"case-studies/{case.id}/index.html"] != before[f"case-studies/{case.id}/index.html"]
    assert "Edited while serving" in (server.site / "case-studies" / case.id / "index.html").read_text(encoding="utf-8")
    assert_serves_a_clean_build(server, data, tmp_path / "clean-after-summary")

    # Change: a capability's name, which the matrix, the indexes and many pages print.
    capability = next(iter(kb.capabilities.values()))
    path = data / "capabilities" / f"{capability.id}.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(capability.name.en, f"{capability.name.en} Edited", 1),
        encoding="utf-8",
    )
    server.rebuild()
    assert_serves_a_clean_build(server, data, tmp_path / "clean-after-name")

    # Add, rename, delete; then the site equals a clean build of the data as it then is.
    added = add_entity(data, "case-study", "served-case", ids)
    server.rebuild()
    renamed = rename(data, "capabilities", next(iter(kb.capabilities)))
    server.rebuild()
    removed = remove_case_study(data, load(data), keep={added}, fallback=added)
    server.rebuild()
    assert (server.site / "case-studies" / added / "index.html").is_file()
    assert not (server.site / "case-studies" / removed).exists()
    assert renamed
    assert_serves_a_clean_build(server, data, tmp_path / "clean")


def assert_serves_a_clean_build(server: Server, data: Path, clean: Path) -> None:
    """The site served equals `mkdocs build` of the data as it is now, but for the policy only a build adds."""
    result = build_site(clean, data_dir=data)
    assert result.returncode == 0, result.stderr
    assert differences_but_policy(clean, server.site) == []


def test_invalid_data_shows_its_report_and_fixing_it_serves_what_a_clean_build_makes(
    data: Path, tmp_path: Path
) -> None:
    server = Server(tmp_path / "served")
    server.rebuild()
    case = next(iter(sorted((data / "case-studies").glob("*.yml"))))
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("summary:", "summary: [half an edit\nsummary_:", 1), encoding="utf-8")
    server.rebuild()
    page = html.unescape((server.site / "index.html").read_text(encoding="utf-8"))
    assert re.search(rf"data/case-studies/{re.escape(case.name)}:\d+:\d+: ", page), "the report is not on the page"
    _edit_summary(
        data / "case-studies" / next(p.name for p in sorted(data.glob("case-studies/*.yml")) if p != case),
        "Edited while broken.",
    )
    case.write_text(text, encoding="utf-8")  # fixed: the last good file again
    server.rebuild()
    assert_serves_a_clean_build(server, data, tmp_path / "clean")
