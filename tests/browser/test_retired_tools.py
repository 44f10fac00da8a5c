"""A deprecated tool that is still adopted is marked in the profiler's plan, on screen and in its exports."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from macros.model import KnowledgeBase
from macros.render import load_strings
from tests.browser.conftest import serve
from tests.datafixture import copy_data, set_field, set_ring
from tests.sitebuild import build_site


@pytest.fixture(scope="module")
def deprecated(tmp_path_factory: pytest.TempPathFactory, kb: KnowledgeBase) -> Iterator[tuple[str, str, str]]:
    """(site URL, tool id, a characteristic whose plan needs a capability the tool provides)."""
    tmp = tmp_path_factory.mktemp("retired")
    data = copy_data(tmp)
    tool, characteristic = next(
        (tool, char) for tool in sorted(kb.tools.values(), key=lambda t: t.id) for char in kb.characteristics.values()
        if {p.capability for p in tool.provides} & {r.capability for r in char.recommendations})
    path = data / "tools" / f"{tool.id}.yml"
    set_field(path, "status", "deprecated")
    set_ring(path, "adopt")
    result = build_site(tmp / "site", data_dir=data)
    assert result.returncode == 0, result.stderr
    server, url = serve(tmp / "site")
    yield url, tool.id, characteristic.id
    server.shutdown()


def test_the_plan_marks_a_deprecated_tool_beside_its_name(page, deprecated) -> None:
    url, tool_id, characteristic_id = deprecated
    page.goto(f"{url}profiler/#{characteristic_id}")
    line = page.locator(".kb-profiler__tools", has=page.locator(f"a[href$='tools/{tool_id}/']")).first
    line.wait_for()
    assert line.locator(".kb-status--deprecated").inner_text() == load_strings("en")["tool_status_deprecated"]
