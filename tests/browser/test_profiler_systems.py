"""The profiler and our systems in Chromium: "we already have this" turns the plan into a gap list,
kept in the address and across the language switch; "Save as a system file" writes a file that
`make check` accepts as written, whatever the reader types (fuzzed with the whole of Unicode)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from playwright.sync_api import Page

from macros.kb.kinds import folder_of
from macros.kb.load import build_knowledge_base
from macros.kb.model import KnowledgeBase, System
from tests.datafixture import copy_data
from tests.fuzztext import FUZZ_EXAMPLES, fuzzed, texts

EDITIONS = {"en": "", "ja": "ja/"}
GAPS = "() => [...document.querySelectorAll('.kb-profiler__needed > li > .kb-profiler__item-head > a')].map(a => a.getAttribute('href').split('/').filter(Boolean).pop())"
HAD = "() => [...document.querySelectorAll('.kb-profiler__had li.kb-profiler__item > .kb-profiler__item-head > a')].map(a => a.getAttribute('href').split('/').filter(Boolean).pop())"


def _two_characteristics(kb: KnowledgeBase) -> list[str]:
    return sorted(kb.characteristics, key=lambda c: -len(kb.characteristics[c].recommendations))[:2]


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-kb-profiler][data-ready]")


@pytest.mark.parametrize("edition", EDITIONS)
def test_we_already_have_this_turns_the_plan_into_a_gap_list(
    page: Page, editions_url: str, kb: KnowledgeBase, edition: str
) -> None:
    ids = _two_characteristics(kb)
    plan = [item.capability.id for item in kb.plan(tuple(ids))]
    _open(page, f"{editions_url}{EDITIONS[edition]}profiler/#{'+'.join(ids)}")
    assert page.evaluate(GAPS) == plan and page.evaluate(HAD) == []
    for cap in plan[:2]:
        page.locator(f".kb-profiler__needed input[data-have][value={cap}]").click()
    assert page.evaluate(GAPS) == plan[2:]
    assert page.evaluate(HAD) == plan[:2]
    assert page.evaluate("location.hash") == f"#{'+'.join(ids)}&have={'+'.join(plan[:2])}"
    # Unticked again, the capability is a gap again, in its place.
    page.locator(f".kb-profiler__had input[data-have][value={plan[0]}]").click()
    assert page.evaluate(GAPS) == [plan[0], *plan[2:]]
    assert page.evaluate("location.hash").endswith(f"&have={plan[1]}")


def test_the_language_switch_keeps_what_we_have(page: Page, editions_url: str, kb: KnowledgeBase) -> None:
    ids = _two_characteristics(kb)
    plan = [item.capability.id for item in kb.plan(tuple(ids))]
    _open(page, f"{editions_url}profiler/#{'+'.join(ids)}&have={plan[1]}")
    page.locator("a.md-select__link[hreflang=ja]").first.evaluate("a => a.click()")
    page.wait_for_url("**/ja/profiler/**")
    page.wait_for_selector("[data-kb-profiler][data-ready]")
    assert page.evaluate(HAD) == [plan[1]]
    assert page.evaluate(GAPS) == [plan[0], *plan[2:]]


def test_each_system_page_opens_the_profiler_with_its_gaps(page: Page, editions_url: str, kb: KnowledgeBase) -> None:
    for system in kb.systems.values():
        page.goto(f"{editions_url}systems/{system.id}/")
        page.locator(".kb-open-profiler a").click()
        page.wait_for_selector("[data-kb-profiler][data-ready]")
        assert page.evaluate(GAPS) == list(kb.system_plan(system).gap_ids), system.id


def _save(page: Page, name: str, owner: str, summary: str, contact: str = "") -> tuple[str, str] | str:
    """Fill the save form, download the file: (file name, content), or the message that refused it."""
    page.fill("#kb-save-name", name)
    page.fill("#kb-save-id", "")
    page.fill("#kb-save-owner", owner)
    page.fill("#kb-save-summary", summary)
    page.fill("#kb-save-contact", contact)
    page.evaluate("document.querySelector('.kb-profiler__save-notice').textContent = ''")
    try:
        with page.expect_download(timeout=1500) as download:
            page.locator("[data-action=download-system]").click()
    except Exception:
        return page.locator(".kb-profiler__save-notice").inner_text()
    path = download.value.path()
    return download.value.suggested_filename, Path(path).read_text(encoding="utf-8")


def _check(data: Path, file_name: str, content: str) -> list[str]:
    target = data / folder_of(System) / file_name
    target.write_text(content, encoding="utf-8")
    try:
        return [str(p) for p in build_knowledge_base(data).problems if p.severity == "error"]
    finally:
        target.unlink()


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_data(tmp_path_factory.mktemp("save"))


def test_the_saved_file_is_a_valid_system_with_what_was_ticked(
    page: Page, editions_url: str, kb: KnowledgeBase, data_copy: Path
) -> None:
    ids = _two_characteristics(kb)
    plan = [item.capability.id for item in kb.plan(tuple(ids))]
    _open(page, f"{editions_url}profiler/#{'+'.join(ids)}&have={plan[0]}")
    page.locator(".kb-profiler__save summary").click()
    saved = _save(page, "Churn scoring", "Growth team", "Scores churn risk.", "growth@example.org")
    assert isinstance(saved, tuple), saved
    name, content = saved
    assert name == "churn-scoring.yml"
    assert _check(data_copy, name, content) == []
    (data_copy / folder_of(System) / name).write_text(content, encoding="utf-8")
    result = build_knowledge_base(data_copy)
    (data_copy / folder_of(System) / name).unlink()
    assert result.knowledge_base is not None
    system = result.knowledge_base.systems["churn-scoring"]
    assert list(system.characteristics) == ids
    assert [(e.capability, e.state) for e in system.in_place] == [(plan[0], "in-place")]
    assert system.name.en == "Churn scoring" and system.contact == "growth@example.org"
    assert list(result.knowledge_base.system_plan(system).gap_ids) == plan[1:]
    # Left empty, a field is asked for, and no file is written.
    refused = _save(page, "", "Growth team", "Scores churn risk.")
    assert isinstance(refused, str) and refused


def test_the_new_file_link_is_there_only_with_a_repository(page: Page, editions_url: str) -> None:
    _open(page, f"{editions_url}profiler/")
    # The shared build sets no repository: the button is left out, and nothing points outside the site.
    assert page.locator("[data-action=new-file]").count() == 0


@pytest.mark.parametrize("edition", ["en"])
def test_whatever_the_reader_types_the_file_passes_make_check_or_is_refused(
    page: Page, editions_url: str, kb: KnowledgeBase, data_copy: Path, edition: str
) -> None:
    ids = _two_characteristics(kb)
    _open(page, f"{editions_url}profiler/#{'+'.join(ids)}")
    page.locator(".kb-profiler__save summary").click()
    failures: list[tuple[str, ...]] = []
    accepted: list[str] = []

    @fuzzed(max(5, FUZZ_EXAMPLES // 4))
    @given(
        name=texts(),
        owner=texts(),
        summary=texts(),
        contact=st.sampled_from(["", "a@b.example", "https://x.example/?q=\"'<>"]),
    )
    def attempt(name: str, owner: str, summary: str, contact: str) -> None:
        saved = _save(page, name, owner, summary, contact)
        if isinstance(saved, str):
            assert saved, "a refusal says what to fix"
            return
        accepted.append(saved[0])
        problems = _check(data_copy, *saved)
        if problems:
            failures.append((name, owner, summary, contact, *problems))

    attempt()
    assert failures == []
    assert accepted, "some fuzzed texts are kept (cleaned), not all refused"


def test_a_contact_copied_with_an_invisible_character_is_saved_without_it(
    page: Page, editions_url: str, kb: KnowledgeBase, data_copy: Path
) -> None:
    """A mail address pasted from a chat can carry a zero-width space, which `make check` refuses in a
    contact (and an id): the profiler drops such format characters, so the file passes as written."""
    _open(page, f"{editions_url}profiler/#{'+'.join(_two_characteristics(kb))}")
    page.locator(".kb-profiler__save summary").click()
    page.fill("#kb-save-id", "")
    saved = _save(page, "Churn scoring", "Retention team", "Scores churn.", "retention\u200b-team@example.org\u2060")
    assert not isinstance(saved, str), saved
    assert 'contact: "retention-team@example.org"' in saved[1].splitlines()
    assert _check(data_copy, *saved) == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_profiler_ranks_needed_before_helps_then_by_how_many_call_for_it(
    page: Page, editions_url: str, kb: KnowledgeBase, edition: str
) -> None:
    # Every characteristic ticked: the plan's order is the model's (plan_rank), strength first.
    ids = sorted(kb.characteristics)
    _open(page, f"{editions_url}{EDITIONS[edition]}profiler/#{'+'.join(ids)}")
    shown = page.evaluate(
        "() => [...document.querySelectorAll('.kb-profiler__needed > li')].map(li => li.dataset.strength)"
    )
    assert page.evaluate(GAPS) == [item.capability.id for item in kb.plan(tuple(ids))]
    assert shown == sorted(shown, key=["needed", "helps"].index)
