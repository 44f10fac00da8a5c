"""The contribution drill: every change CONTRIBUTING.md describes, applied to a copy of the real data
(tests/contributions.py), must leave `make check` clean, both editions building strictly and every
site-wide invariant holding, checked by the same functions as the real site (tests/siteinvariants.py).

One copy takes all the contributions and is built once (a shared build), to keep the drill's cost to
one site's; a second copy holds the other everyday state, no tool rated and a capability renamed.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from macros.kb.kinds import KINDS
from macros.kb.model import KnowledgeBase
from macros.site.render import load_strings
from tests import siteinvariants as site
from tests.contributions import (
    ANNOUNCEMENT,
    DECIDED_RINGS,
    UNRATED_AND_RENAMED,
    apply_every_contribution,
    load,
    write_unrated_and_renamed,
)
from tests.datafixture import copy_data
from tests.htmlread import article_of, read_page
from tests.samplepages import CAPABILITY_ID
from tests.sitebuild import DATA_DIR, ROOT, DataWriter, SharedBuilds
from tests.sourcefacts import current

# The kinds whose files keep their former ids: the drill renames one entity of each.
RENAMABLE_KINDS = [kind.folder for kind in KINDS.values() if kind.renamable]
pytestmark = pytest.mark.site

EDITIONS = ("", "ja/")


@dataclass(frozen=True)
class Drilled:
    """The data after the drill, what was done to it, and both editions built from it."""

    data: Path
    done: dict[str, Any]  # what was done, by name (the renamed capabilities: each old id -> its new one)
    kb: KnowledgeBase
    editions: Path


def write_drilled(folder: Path) -> Path:
    """The shared build's data: a copy of the data with every contribution done (what was done in done.json)."""
    data = copy_data(folder)
    (folder / "done.json").write_text(json.dumps(apply_every_contribution(data)), encoding="utf-8")
    return data


def _check(data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "macros.commands.check", str(data)], cwd=ROOT, capture_output=True, text=True
    )


def _drill(shared_builds: SharedBuilds, variant: str, write: DataWriter) -> Drilled:
    built = shared_builds.site(variant, write, editions=True)
    check = _check(built.data)
    assert check.returncode == 0, check.stdout + check.stderr
    done = json.loads((built.data.parent / "done.json").read_text(encoding="utf-8"))
    return Drilled(built.data, done, load(built.data), built.site)


@pytest.fixture(scope="module")
def drilled(shared_builds: SharedBuilds) -> Drilled:
    return _drill(shared_builds, "contribution-drill", write_drilled)


@pytest.fixture(scope="module")
def unrated(shared_builds: SharedBuilds) -> Drilled:
    return _drill(shared_builds, UNRATED_AND_RENAMED, write_unrated_and_renamed)


def test_make_check_is_clean_after_every_contribution(drilled: Drilled) -> None:
    result = _check(drilled.data)
    assert result.returncode == 0
    assert result.stdout.strip().splitlines() == [result.stdout.strip().splitlines()[-1]], "no warning either"
    assert result.stdout.strip().startswith("0 errors in ")


def test_the_drill_did_what_it_says(drilled: Drilled) -> None:
    kb, done = drilled.kb, drilled.done
    kinds: list[tuple[str, Mapping[str, object]]] = [
        ("source", kb.sources),
        ("tag", kb.tags),
        ("capability", kb.capabilities),
        ("tool", kb.tools),
        ("case study", kb.case_studies),
        ("characteristic", kb.characteristics),
    ]
    for kind, entities in kinds:
        assert done[kind] in entities, kind
    assert done["removed case study"] not in kb.case_studies
    assert done["capability"] in {
        r.capability for c in kb.characteristics.values() if c.id != done["characteristic"] for r in c.recommendations
    }
    assert kb.characteristics[done["characteristic"]].example == done["case study"]
    system_id, capability = done["brought into place"].split(": ")
    system = next(s for s in kb.systems.values() if system_id in (s.id, *s.former_ids))
    assert system.having(capability) is not None or any(
        capability in c.former_ids and system.having(c.id) for c in kb.capabilities.values()
    )
    assert capability not in kb.system_plan(system).gap_ids
    if "retired system" in done:
        retired = done["retired system"]
        assert any(s.retired for s in kb.systems.values() if s.id == retired or retired in s.former_ids)
    for folder in RENAMABLE_KINDS:
        old, new = done[f"renamed {folder}"].split(" -> ")
        entities = kb.entities(folder)
        assert old not in entities and new in entities, folder
    assert done["term"] in kb.terms
    assert (
        kb.capabilities[current(kb.capabilities, done["function edited"])]
        .functions[0]
        .description.en.startswith("In other words,")
    )
    for ring in DECIDED_RINGS:
        rated = [kb.tools[current(kb.tools, tool)] for tool in done[f"rated {ring}"].split(", ")]
        assert len(rated) == 3 and {tool.ring.status for tool in rated} == {ring}, ring
    # A tool's lifecycle as CONTRIBUTING.md gives it: the makers' reason and announcement, checked that day.
    renamed, successor = done["tool carried on"].split(" -> ")
    for tool, status in ((kb.tools[done["deprecated tool"]], "deprecated"), (kb.tools[renamed], "renamed")):
        assert (tool.status, tool.checked) == (status, datetime.date.today().isoformat()), tool.id
        assert tool.status_reason is not None and ANNOUNCEMENT in tool.sources, tool.id
    assert kb.tools[renamed].successor == current(kb.tools, successor)
    # Its makers renamed one: the new name, the old one among its aliases.
    old, new = done["renamed tools"].split(" -> ")
    before = load(DATA_DIR).tools[old]
    assert kb.tools[new].name != before.name
    for lang in ("en", "ja"):
        assert before.name[lang] in kb.tools[new].aliases[lang], lang


def test_knowledge_of_our_own_is_shown_as_ours_in_both_editions(drilled: Drilled) -> None:
    """ "Adding knowledge of our own": the characteristic says so on its page and in the matrix, its
    recommendation carries the mark, the rationale and the date; the term is defined by the platform team."""
    kb = drilled.kb
    char = kb.characteristics[current(kb.characteristics, drilled.done["characteristic of our own"])]
    term = kb.terms[drilled.done["term of ours"]]
    assert kb.said_by(char.provenance) == kb.said_by(term.provenance) == "platform-team"
    [rec] = char.recommendations
    assert rec.provenance.ours and rec.provenance.rationale and rec.provenance.decided
    for edition, lang in zip(EDITIONS, ("en", "ja"), strict=True):
        ui = load_strings(lang)
        page = article_of(drilled.editions / edition / "characteristics" / char.id / "index.html")
        assert [p.text() for p in page.find_all("p", "kb-said-by-note")] == [ui["said_by_platform-team"] + "‡"]
        matrix = article_of(drilled.editions / edition / "matrix" / "index.html")
        row = next(th for th in matrix.find_all("th") if th.attrs.get("id") == f"char-{char.id}")
        assert [s.attrs["data-said-by"] for s in row.find_all("sup", "kb-mark-said-by")] == ["platform-team"]
        cell = next(
            td
            for td in matrix.find_all("td")
            for a in td.find_all("a")[:1]
            if a.attrs["href"].endswith(f"/{char.id}/#why-{rec.capability}")
        )
        assert cell.attrs["data-said-by"] == "platform-team"
        assert rec.provenance.rationale[lang] in cell.text() and ui["matrix_legend_platform-team"] in matrix.text()
        glossary = read_page(drilled.editions / edition / "glossary" / "index.html")
        entry = next(e for e in glossary.find_all("div", "kb-glossary__entry") if e.attrs["id"] == term.id)
        assert ui["term_defined_by_platform-team"] in entry.text() and not entry.find("dd", "kb-glossary__source")


def _run_the_datas_own_tests(drilled: Drilled, modules: list[str]) -> None:
    """Run these test modules on a drilled copy's data and site, as a pull request runs them on data/."""
    env = {**os.environ, "KB_DATA_DIR": str(drilled.data), "KB_SITE_DIR": str(drilled.editions)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *modules],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_datas_own_tests_pass_on_the_changed_data(drilled: Drilled) -> None:
    # The tests a contributor's pull request runs on data/, run on the drilled copy instead.
    modules = [
        "tests/test_data.py",
        "tests/test_tools.py",
        "tests/test_tools_site.py",
        "tests/test_tags.py",
        "tests/test_scaffold.py",
        "tests/test_contributor_mistakes.py",
        "tests/test_faithful.py",
        "tests/test_glossary_data.py",
        "tests/test_ring_history.py",
        "tests/test_site.py",
        "tests/test_japanese_edition.py",
    ]
    _run_the_datas_own_tests(drilled, modules)


def test_links_resolve_and_every_page_is_reachable(drilled: Drilled) -> None:
    assert site.broken_links(drilled.editions) == []
    assert site.unreachable_pages(drilled.editions, drilled.kb, EDITIONS) == []


def test_former_addresses_forward_to_the_renamed_pages(drilled: Drilled) -> None:
    assert site.expected_redirects(drilled.kb), "the drill renamed entities that keep their former ids"
    assert site.redirect_problems(drilled.editions, drilled.kb, EDITIONS) == []


def test_every_kind_keeps_its_former_ids_and_every_old_link_lands(drilled: Drilled) -> None:
    # A rename of any kind leaves the old id with the entity, in api/v1/renamed.json, and where a
    # page had the old id in its address or anchor, the old link still lands on the entity.
    renamed = json.loads((drilled.editions / "api" / "v1" / "renamed.json").read_text(encoding="utf-8"))
    for folder in RENAMABLE_KINDS:
        old, new = drilled.done[f"renamed {folder}"].split(" -> ")
        assert old in drilled.kb.entities(folder)[new].former_ids, folder
        assert renamed[folder][old] == new, folder
    old_tag = drilled.done["renamed tags"].split(" -> ")[0]
    for edition in EDITIONS:
        page = read_page(drilled.editions / edition / "tags" / "index.html")
        assert old_tag in {e.attrs.get("id") for e in page.iter()}, edition


def test_every_field_reads_back_from_the_pages(drilled: Drilled) -> None:
    assert site.readback_differences(drilled.editions, drilled.kb) == []


def test_relations_are_linked_both_ways(drilled: Drilled) -> None:
    assert site.cross_link_problems(drilled.editions, drilled.kb) == []


def test_search_knows_every_entity_page(drilled: Drilled) -> None:
    assert site.search_entry_problems(drilled.editions, drilled.kb) == []


def test_the_profilers_data_follows_the_data(drilled: Drilled) -> None:
    assert site.profiler_data_problems(drilled.editions, drilled.kb) == []


def test_every_page_is_valid_html(drilled: Drilled) -> None:
    assert site.our_html_errors(site.check_html(drilled.editions)) == []


# The same invariants with no tool rated and the capability most tests name renamed: `make test`
# passes whatever the platform team has decided and whichever capability a contributor renames.
def test_with_no_tool_rated_and_every_capability_renamed_check_and_build_hold(unrated: Drilled) -> None:
    renamed: dict[str, str] = unrated.done["renamed capabilities"]
    assert CAPABILITY_ID in renamed and len(renamed) == len(unrated.kb.capabilities)
    for old, new in renamed.items():
        assert old in unrated.kb.capabilities[new].former_ids
    assert not any(tool.ring.rated for tool in unrated.kb.tools.values())
    assert site.broken_links(unrated.editions) == []
    assert site.unreachable_pages(unrated.editions, unrated.kb, EDITIONS) == []
    assert site.redirect_problems(unrated.editions, unrated.kb, EDITIONS) == []
    assert site.readback_differences(unrated.editions, unrated.kb) == []
    assert site.profiler_data_problems(unrated.editions, unrated.kb) == []


def test_the_datas_own_tests_pass_with_no_tool_rated_and_every_capability_renamed(unrated: Drilled) -> None:
    modules = [
        "tests/test_data.py",
        "tests/test_tools.py",
        "tests/test_tools_site.py",
        "tests/test_faithful.py",
        "tests/test_ring_history.py",
        "tests/test_site.py",
        "tests/test_japanese_edition.py",
    ]
    _run_the_datas_own_tests(unrated, modules)


def test_a_tool_carried_on_is_listed_with_its_successor_and_a_deprecation_with_its_reason(drilled: Drilled) -> None:
    kb = drilled.kb
    renamed, _ = drilled.done["tool carried on"].split(" -> ")
    tool = kb.tools[renamed]
    assert tool.successor is not None
    successor = kb.tools[tool.successor]
    for edition, lang in zip(EDITIONS, ("en", "ja"), strict=True):
        ui = load_strings(lang)
        # Wherever it is listed: each capability page it is listed on, and the landscape.
        pages = [f"capabilities/{p.capability}/" for p in tool.provides] + ["tools/"]
        for path in pages:
            # Its own entries: the list items whose first link is to its page (a relative address).
            items = [
                li
                for li in article_of(drilled.editions / edition / path / "index.html").find_all("li")
                if (links := li.find_all("a")) and links[0].attrs.get("href", "").rstrip("/").split("/")[-1] == renamed
            ]
            assert items, (edition, path)
            for li in items:
                marks = [s.text() for s in li.find_all("span", "kb-successor")]
                assert marks and ui["tool_carried_on_as"].format(name=successor.name[lang]) in marks[0], (edition, path)
        deprecated = kb.tools[drilled.done["deprecated tool"]]
        assert deprecated.status_reason is not None
        page = article_of(drilled.editions / edition / "tools" / deprecated.id / "index.html")
        assert [s.text() for s in page.find_all("span", "kb-status-reason")] == [deprecated.status_reason[lang]]
