"""Every generated page says where it comes from: its data file's edit, view and history links and
its last commit date, from the real git history of a temporary repository."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.kb.kinds import KINDS
from macros.kb.model import KnowledgeBase
from macros.site.history import entity_path, list_changes, read_history
from macros.site.provenance import CHANGES_LIMIT, CHANGES_PAGES
from macros.site.render import format_date, load_strings
from tests.history_repo import EDIT_DATE, IMPORT_DATE, RENAME_DATE, REPO_URL, git
from tests.htmlread import read_page
from tests.sitebuild import ROOT, build_site


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def edit_links(page: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" title="Edit this page"', page)


def provenance(page: str) -> str:
    match = re.search(r'<p class="kb-provenance">(.*?)</p>', page, re.S)
    return re.sub(r"<[^>]+>", "", html.unescape(match[1])) if match else ""


def test_edit_link_of_a_capability_page_opens_its_data_file(history_site) -> None:
    history, site = history_site
    capability, case = history.edited_capability, history.new_case
    assert edit_links(read(site, f"capabilities/{capability}")) == [
        f"{REPO_URL}/edit/main/data/capabilities/{capability}.yml"
    ]
    assert edit_links(read(site, f"case-studies/{case}")) == [f"{REPO_URL}/edit/main/data/case-studies/{case}.yml"]


def test_hand_written_pages_keep_their_own_edit_link(history_site) -> None:
    site = history_site[1]
    assert edit_links(read(site, "about")) == [f"{REPO_URL}/edit/main/docs/about.md"]


def test_view_source_and_history_links_point_to_the_data_file(history_site) -> None:
    history, site = history_site
    capability = history.edited_capability
    line = read(site, f"capabilities/{capability}")
    hrefs = [html.unescape(h) for h in re.findall(r'<a href="([^"]+)" class="kb-(?:view-source|history)"', line)]
    assert hrefs == [
        f"{REPO_URL}/blob/main/data/capabilities/{capability}.yml",
        f"{REPO_URL}/commits/main/data/capabilities/{capability}.yml",
    ]


def _touched_and_untouched_files(history) -> list[str]:
    """A file of each commit of the history, and one that only the import touched."""
    untouched = next(p for p in sorted(history.data.glob("capabilities/*.yml")) if p.stem != history.edited_capability)
    return [
        f"capabilities/{history.edited_capability}.yml",
        f"capabilities/{untouched.name}",
        f"case-studies/{history.new_case}.yml",
        f"characteristics/{history.withdrawn_from}.yml",
    ]


@pytest.mark.parametrize("which", range(4))
def test_last_updated_is_the_last_commit_of_the_data_file(history_site, which: int) -> None:
    history, site = history_site
    data, data_file = history.data, _touched_and_untouched_files(history)[which]
    committed = git(data.parent, "log", "-1", "--format=%cI", "--", f"data/{data_file}").strip()
    page = read(site, data_file.removesuffix(".yml"))
    assert provenance(page).startswith("Last updated: ") and provenance(page).endswith(" · View source · History")
    assert f'datetime="{committed}"' in html.unescape(page)  # the date shown is in the edition's own format


def test_no_repository_means_no_edit_button_and_no_repository_link(site_dir: Path, kb: KnowledgeBase) -> None:
    page = read(site_dir, f"capabilities/{next(iter(kb.capabilities))}")
    assert edit_links(page) == []
    assert "md-source" not in page and "kb-view-source" not in page


@pytest.mark.site
def test_without_git_history_the_line_is_left_out(tmp_path: Path, kb: KnowledgeBase) -> None:
    data = tmp_path / "tarball" / "data"
    shutil.copytree(ROOT / "data", data)
    site = tmp_path / "site"
    result = build_site(site, data_dir=data)
    assert result.returncode == 0, result.stderr
    assert "kb-provenance" not in read(site, f"capabilities/{next(iter(kb.capabilities))}")
    assert "No history is available" in read(site, "changes")


def test_a_shallow_clone_reports_no_dates_rather_than_wrong_ones(history_site, tmp_path: Path) -> None:
    data = history_site[0].data
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{data.parent}", str(clone)], check=True)
    history = read_history(clone / "data")
    assert history.last_updated == {} and history.facts == ()
    assert history.unavailable is not None and "shallow" in history.unavailable


def _changes_by_day(site: Path, address: str = "changes") -> dict[str, list[str]]:
    """Each day's heading on a changes page, newest first, with its entries' text (the commit's short hash left out)."""
    page = read_page(site / address / "index.html")
    article = page.one("article")
    days: dict[str, list[str]] = {}
    for element in article.iter():
        if element.tag == "h2":
            days[element.text().strip()] = []
        elif element.tag == "li" and days:
            days[list(days)[-1]].append(re.sub(r" \([0-9a-f]{7}\)$", "", " ".join(element.text().split())))
    return days


def test_changes_page_lists_the_latest_changes_by_day_newest_first(history_site) -> None:
    history, site = history_site
    days = _changes_by_day(site)
    ui = load_strings("en")
    edited, renamed, imported_on = (format_date(day[:10], ui) for day in (EDIT_DATE, RENAME_DATE, IMPORT_DATE))
    assert list(days) == [edited, renamed, imported_on]
    assert days[edited] == [
        f"Recommendation withdrawn: {history.withdrawn_from_name} → capability {history.withdrawn_name}"
    ]
    assert days[renamed] == [f"Renamed: {history.old_case} → {history.case_title}"]
    # Then the import: one line per entity file it added, as many as the page's bound leaves room for.
    imported = git(history.data.parent, "show", "--name-only", "--format=", "HEAD~2", "--", "data").split()
    entity_files = [f for f in imported if entity_path(f.removeprefix("data/"))]
    assert days[imported_on] and all(item.startswith("Added: ") for item in days[imported_on])
    assert sum(len(items) for items in days.values()) == min(CHANGES_LIMIT, 2 + len(entity_files))


def test_changes_of_a_day_are_grouped_by_kind_and_ordered_by_name(history_site) -> None:
    site = history_site[1]
    page = read_page(site / "changes" / "index.html")
    ui = load_strings("en")
    kinds = [p.text().strip() for p in page.find_all("p", "kb-changes__kind")]
    labels = [ui[f"kind_{kind}"].capitalize() for kind in KINDS if f"kind_{kind}" in ui]
    # Each day's kinds in the registry's order: a day's headings never go back in that order.
    day_kinds: list[list[str]] = [[]]
    for element in page.one("article").iter():
        if element.tag == "h2":
            day_kinds.append([])
        elif element.tag == "p" and "kb-changes__kind" in element.classes:
            day_kinds[-1].append(element.text().strip())
    assert kinds
    for group in day_kinds:
        assert group == sorted(group, key=labels.index), group
    # Within a kind, the entries follow their names.
    for ul in page.one("article").find_all("ul"):
        names = [" ".join(li.text().split()).partition(": ")[2].casefold() for li in ul.find_all("li")]
        assert names == sorted(names), names


def test_older_changes_are_on_the_next_pages(history_site) -> None:
    history, site = history_site
    changes = list_changes(read_history(history.data), CHANGES_LIMIT * CHANGES_PAGES)
    pages = -(-len(changes) // CHANGES_LIMIT)
    shown = sum(len(items) for items in _changes_by_day(site).values())
    for number in range(2, pages + 1):
        shown += sum(len(items) for items in _changes_by_day(site, f"changes/{number}").values())
    assert shown == len(changes)
    if pages > 1:
        assert 'href="2/"' in read(site, "changes"), "the first page links the next"
    assert not (site / "changes" / str(pages + 1)).exists()


def test_changes_link_each_date_to_its_commit(history_site) -> None:
    data = history_site[0].data
    site = history_site[1]
    newest = git(data.parent, "log", "-1", "--format=%H").strip()
    assert f"{REPO_URL}/commit/{newest}" in html.unescape(read(site, "changes"))


def test_former_address_has_a_redirect_page(history_site) -> None:
    history, site = history_site
    page = (site / "case-studies" / history.old_case / "index.html").read_text(encoding="utf-8")
    assert f"url=../{history.new_case}/" in html.unescape(page)


def test_changes_are_bounded_however_long_the_history(history_site) -> None:
    data = history_site[0].data
    assert [c.action for c in list_changes(read_history(data), 2)] == ["recommendation-removed", "renamed"]
