"""How old a tool's facts are, and what became of the project: in the data, in `make check`, on the pages."""

from __future__ import annotations

import datetime
import posixpath
from pathlib import Path

import pytest

from macros.kb.load import LoadResult, build_knowledge_base
from macros.kb.model import KnowledgeBase, Tool
from macros.kb.problems import did_you_mean
from macros.kb.validation import STALE_AFTER_DAYS
from tests.conftest import DATA_DIR
from tests.datafixture import copy_data, set_field, set_ring
from tests.htmlread import article_of
from tests.sitebuild import build_site


def _line_of(path: Path, field: str) -> int:
    return next(
        i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(f"{field}:")
    )


def test_every_tool_records_its_check_date_and_status(kb: KnowledgeBase) -> None:
    for tool in kb.tools.values():
        assert datetime.date.fromisoformat(tool.checked) <= datetime.date.today(), tool.id
        assert tool.status in {"maintained", "deprecated", "archived", "renamed"}, tool.id
        assert (tool.status == "renamed") <= (tool.successor in kb.tools), tool.id


def test_a_stale_check_date_warns_and_builds(tmp_path: Path, kb: KnowledgeBase) -> None:
    data = copy_data(tmp_path)
    tool_id = sorted(kb.tools)[0]
    path = data / "tools" / f"{tool_id}.yml"
    stale = datetime.date.today() - datetime.timedelta(days=STALE_AFTER_DAYS + 1)
    set_field(path, "checked", f"'{stale.isoformat()}'")
    result = build_knowledge_base(data)
    assert result.ok
    warnings = [str(p) for p in result.problems if p.severity == "warning" and p.path.endswith(f"/{tool_id}.yml")]
    assert warnings == [
        f"data/tools/{tool_id}.yml:{_line_of(path, 'checked')}:10: warning: checked: facts last checked on "
        f"{stale.isoformat()}, more than 12 months ago (check them against the tool's own documentation, "
        "update what changed and set checked to that day's date)"
    ]


def test_a_recent_check_date_does_not_warn(load_result: LoadResult) -> None:
    assert [p for p in load_result.problems if "checked" in p.message] == []


def test_an_unknown_successor_is_refused_with_a_hint(tmp_path: Path, kb: KnowledgeBase) -> None:
    data = copy_data(tmp_path)
    tool_id, other = sorted(kb.tools)[:2]
    path = data / "tools" / f"{tool_id}.yml"
    set_field(path, "status", f"renamed\nsuccessor: {other}x")
    result = build_knowledge_base(data)
    assert not result.ok
    errors = [str(p) for p in result.problems if p.severity == "error"]
    assert errors == [
        f"data/tools/{tool_id}.yml:{_line_of(path, 'successor')}:12: successor: unknown tool '{other}x' "
        f"({did_you_mean(other + 'x', kb.tools)})"
    ]
    assert f"'{other}'" in errors[0]


def test_a_renamed_tool_must_name_its_successor(tmp_path: Path, kb: KnowledgeBase) -> None:
    data = copy_data(tmp_path)
    tool_id = sorted(kb.tools)[0]
    path = data / "tools" / f"{tool_id}.yml"
    set_field(path, "status", "renamed")
    errors = [str(p) for p in build_knowledge_base(data).problems if p.severity == "error"]
    assert errors == [
        f"data/tools/{tool_id}.yml:{_line_of(path, 'name')}:1: missing field 'successor' (a renamed tool names the tool that takes "
        "its place, e.g. successor: kubeflow-pipelines)"
    ]


def test_successors_that_go_round_in_a_loop_are_refused(tmp_path: Path, kb: KnowledgeBase) -> None:
    data = copy_data(tmp_path)
    first, second = sorted(kb.tools)[:2]
    set_field(data / "tools" / f"{first}.yml", "status", f"renamed\nsuccessor: {second}")
    set_field(data / "tools" / f"{second}.yml", "status", f"renamed\nsuccessor: {first}")
    path = data / "tools" / f"{first}.yml"
    errors = [str(p) for p in build_knowledge_base(data).problems if p.severity == "error"]
    assert errors == [
        f"data/tools/{first}.yml:{_line_of(path, 'successor')}:12: successor: successors go round in a loop: "
        f"{first} -> {second} -> {first} (the last tool of a chain is the one carried on: give it no successor)"
    ]


def test_a_maintained_tool_has_no_successor(tmp_path: Path, kb: KnowledgeBase) -> None:
    data = copy_data(tmp_path)
    tool_id, other = sorted(kb.tools)[:2]
    path = data / "tools" / f"{tool_id}.yml"
    set_field(path, "status", f"maintained\nsuccessor: {other}")
    errors = [str(p) for p in build_knowledge_base(data).problems if p.severity == "error"]
    assert errors == [
        f"data/tools/{tool_id}.yml:{_line_of(path, 'successor')}:1: successor: field 'successor' is not allowed here "
        "(a maintained tool has no successor; remove it, or set status to deprecated, archived or renamed)"
    ]


def _needed_tool(kb: KnowledgeBase) -> Tool:
    """A tool that provides a capability some case study's checklist holds."""
    return next(
        tool
        for tool in sorted(kb.tools.values(), key=lambda t: t.id)
        if any(kb.case_studies_needing(p.capability) for p in tool.provides)
    )


def _renamed_pair(kb: KnowledgeBase, deprecated: Tool) -> tuple[str, str]:
    """(a tool to mark renamed, the tool that carries it on), both other than the deprecated one."""
    renamed, successor = sorted(t for t in kb.tools if t != deprecated.id)[:2]
    return renamed, successor


@pytest.fixture(scope="module")
def deprecated_site(tmp_path_factory: pytest.TempPathFactory, kb: KnowledgeBase) -> tuple[Path, Tool]:
    """The site built from a copy of the data in which one tool is deprecated but still in ring adopt,
    and another renamed to a third."""
    tmp = tmp_path_factory.mktemp("deprecated")
    data = copy_data(tmp, DATA_DIR)
    tool = _needed_tool(kb)
    path = data / "tools" / f"{tool.id}.yml"
    set_field(path, "status", "deprecated")
    set_ring(path, "adopt")
    renamed, successor = _renamed_pair(kb, tool)
    set_field(data / "tools" / f"{renamed}.yml", "status", f"renamed\nsuccessor: {successor}")
    result = build_site(tmp / "site", data_dir=data)
    assert result.returncode == 0, result.stderr
    return tmp / "site", tool


def _marked_links(site: Path, html_path: Path, tool_id: str) -> list[bool]:
    """For each link to the tool's page: is a deprecation mark right after it (in the same item)?"""
    page_dir = html_path.parent.relative_to(site).as_posix()
    marks = []
    for item in article_of(html_path).find_all():
        for link in item.children:
            if isinstance(link, str) or link.tag != "a":
                continue
            if (
                posixpath.normpath(posixpath.join(page_dir, link.attrs.get("href", "").split("#")[0]))
                != f"tools/{tool_id}"
            ):
                continue
            # A blip on the radar carries its mark itself; a name in a list, beside it.
            where = link if item.tag == "svg" else item
            marks.append(any("kb-status--deprecated" in e.classes for e in where.iter()))
    return marks


@pytest.mark.site
def test_a_deprecated_tool_is_marked_wherever_it_is_named(
    deprecated_site: tuple[Path, Tool], kb: KnowledgeBase
) -> None:
    site, tool = deprecated_site
    page = article_of(site / "tools" / tool.id / "index.html")
    assert page.find(cls="kb-status--deprecated") is not None
    checked = page.find("time", "kb-checked")
    assert checked is not None and checked.attrs["datetime"] == tool.checked
    pages = [
        site / "tools" / "index.html",
        *(site / "capabilities" / p.capability / "index.html" for p in tool.provides),
        *(
            site / "case-studies" / case.id / "index.html"
            for p in tool.provides
            for case in kb.case_studies_needing(p.capability)
        ),
    ]
    for path in pages:
        marks = _marked_links(site, path, tool.id)
        assert marks and all(marks), path.relative_to(site).as_posix()


@pytest.mark.site
def test_a_renamed_tool_page_links_to_its_successor(deprecated_site: tuple[Path, Tool], kb: KnowledgeBase) -> None:
    site, tool = deprecated_site
    renamed, successor = _renamed_pair(kb, tool)
    page = article_of(site / "tools" / renamed / "index.html")
    assert page.find(cls="kb-status--renamed") is not None
    hrefs = [a.attrs.get("href", "") for a in page.find_all("a")]
    assert f"../{successor}/" in hrefs


def test_a_maintained_tool_has_no_status_reason(tmp_path: Path, kb: KnowledgeBase) -> None:
    data = copy_data(tmp_path)
    tool_id = sorted(kb.tools)[0]
    path = data / "tools" / f"{tool_id}.yml"
    set_field(path, "status", "maintained\nstatus_reason:\n  en: Still going.\n  ja: 継続中。")
    errors = [str(p) for p in build_knowledge_base(data).problems if p.severity == "error"]
    assert errors == [
        f"data/tools/{tool_id}.yml:{_line_of(path, 'status_reason')}:1: status_reason: field 'status_reason' is not "
        "allowed here (a maintained tool has no status_reason; remove it, or set status to deprecated, archived or "
        "renamed as its makers say)"
    ]
