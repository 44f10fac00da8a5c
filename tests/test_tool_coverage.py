"""The tools landscape covers every key function: a rule over whatever the data holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.kb.load import LoadResult
from macros.kb.model import KnowledgeBase
from tests.conftest import DATA_DIR
from tests.datafixture import copy_data


def _key_functions(kb: KnowledgeBase) -> list[tuple[str, str]]:
    return [(cap.id, function.id) for cap in kb.capabilities.values() for function in cap.functions]


def test_every_key_function_of_every_capability_names_a_tool(kb: KnowledgeBase) -> None:
    provided = {(p.capability, f) for tool in kb.tools.values() for p in tool.provides for f in p.functions}
    assert [key for key in _key_functions(kb) if key not in provided] == []


def test_make_check_has_no_coverage_warning_on_the_real_data(load_result: LoadResult) -> None:
    assert [str(p) for p in load_result.problems if "no tool provides" in p.message] == []


def test_a_key_function_without_a_tool_is_a_warning(tmp_path: Path, kb: KnowledgeBase) -> None:
    from macros.kb.load import build_knowledge_base

    data = copy_data(tmp_path, DATA_DIR)
    cap = next(iter(kb.capabilities.values()))
    path = data / "capabilities" / f"{cap.id}.yml"
    text = path.read_text(encoding="utf-8")
    marker = "functions:\n"
    assert marker in text
    planted = (
        "  - id: planted-function\n    name: {en: Planted, ja: 植えた働き}\n"
        "    description: {en: Planted for a test., ja: テスト用。}\n"
    )
    path.write_text(text.replace(marker, marker + planted, 1), encoding="utf-8")
    result = build_knowledge_base(data)
    assert result.ok
    line = text[: text.index(marker)].count("\n") + 2
    assert [str(p) for p in result.problems if "no tool provides" in p.message] == [
        f"data/capabilities/{cap.id}.yml:{line}:9: warning: functions[0].id: no tool provides the key function "
        "'planted-function' (name it in a tool's provides, or add a tool: readers look for at least one option per function)"
    ]


@pytest.mark.parametrize("kind", ["managed-service", "open-source"])
def test_the_landscape_has_tools_of_each_main_kind(kb: KnowledgeBase, kind: str) -> None:
    # Managed services beside open-source options: both kinds are on the map.
    assert any(tool.kind == kind for tool in kb.tools.values())
