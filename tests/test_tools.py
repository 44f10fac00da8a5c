"""The tools data: every capability has options of each kind, every tool maps to key functions."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from macros.kb.builders import build_tool
from macros.kb.kinds import folder_of
from macros.kb.model import LANGUAGES, TOOL_KINDS, Capability, KnowledgeBase, Tool
from macros.kb.schemas import load_schema
from macros.site.api import render_json
from macros.site.plan import TOOLS_SHOWN, build_plan_document
from macros.site.render import _environment, escape_text, load_strings
from tests.conftest import DATA_DIR
from tests.sourcefacts import CAPABILITIES, current

TOOL_IDS = sorted(p.stem for p in (DATA_DIR / "tools").glob("*.yml"))


# The landscape's promise for the whitepaper's capabilities; a capability a contributor adds may start with none.
@pytest.mark.parametrize("first_id", CAPABILITIES)
def test_every_capability_of_the_whitepaper_has_a_managed_and_two_open_source_tools(
    kb: KnowledgeBase, first_id: str
) -> None:
    capability_id = current(kb.capabilities, first_id)
    kinds = [tool.kind for tool in kb.tools_for(capability_id)]
    assert kinds.count("managed-service") >= 1, f"{capability_id}: no managed service"
    assert kinds.count("open-source") >= 2, f"{capability_id}: fewer than two open-source tools"


@pytest.mark.parametrize("tool_id", TOOL_IDS)
def test_every_tool_maps_to_capability_functions(kb: KnowledgeBase, tool_id: str) -> None:
    tool = kb.tools[tool_id]
    assert tool.provides
    for provision in tool.provides:
        known = {f.id for f in kb.capabilities[provision.capability].functions}
        assert provision.functions and set(provision.functions) <= known


def test_the_models_tool_kinds_are_the_schemas_and_each_edition_names_them() -> None:
    # The kinds are written twice (the schema validates, the model orders the landscape's filters):
    # a kind added to one must be added to the other, and named in every edition's strings.
    schema = load_schema("tool")  # the code's own schema: the data under test may be a copy elsewhere
    assert sorted(TOOL_KINDS) == sorted(schema["properties"]["kind"]["enum"])
    for lang in LANGUAGES:
        strings = load_strings(lang)
        assert [kind for kind in TOOL_KINDS if not strings.get(f"kind_{kind}")] == [], lang


@pytest.mark.parametrize("tool_id", TOOL_IDS)
def test_tools_whose_source_is_published_name_their_licence(kb: KnowledgeBase, tool_id: str) -> None:
    tool = kb.tools[tool_id]
    # The kinds whose source anyone may read name its licence; a service or a product bought does not.
    assert (tool.licence is not None) == (tool.kind in ("open-source", "source-available"))
    assert tool.homepage.startswith("https://")
    assert tool.sources, "list the documentation pages the mapping was checked against"


def _tool(id: str, status: str, name: str | None = None) -> Tool:
    return build_tool(
        id,
        {
            "name": {"en": name or id, "ja": name or id},
            "kind": "open-source",
            "provider": "P",
            "homepage": "https://example.org/",
            "licence": "MIT",
            "status": "maintained",
            "checked": "2026-01-01",
            "provides": [{"capability": "model-serving", "functions": ["serving-runtimes"]}],
            "ring": {"status": status, "reason": {"en": "r", "ja": "r"}, "date": "2026-01-01"},
            "sources": ["https://example.org/docs/"],
        },
    )


def _kb(*tools: object) -> KnowledgeBase:
    return KnowledgeBase({folder_of(Tool): {t.id: t for t in tools}})  # type: ignore[attr-defined]


def test_tools_for_lists_adopted_first_then_by_name() -> None:
    kb = _kb(_tool("b", "hold"), _tool("c", "assess"), _tool("z", "adopt"), _tool("a", "adopt"), _tool("t", "trial"))
    assert [t.id for t in kb.tools_for("model-serving")] == ["a", "z", "t", "c", "b"]
    assert kb.tools_for("model-training") == []


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (("adopt", "trial", "assess"), ("adopt", ["t0"])),
        (("hold", "trial", "trial"), ("trial", ["t1", "t2"])),
        (("assess", "hold"), (None, [])),
    ],
)
def test_tools_to_use_prefers_adopted_then_trial(statuses: tuple[str, ...], expected: tuple) -> None:
    kb = _kb(*(_tool(f"t{i}", status) for i, status in enumerate(statuses)))
    status, tools = kb.tools_to_use("model-serving")
    assert (status, [t.id for t in tools]) == expected


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (("adopt", "trial"), "<strong>Tools:</strong> adopted: [t0](../tools/t0.md)"),
        (
            ("hold", "trial", "trial"),
            "<strong>Tools:</strong> none adopted yet; on trial: [t1](../tools/t1.md), [t2](../tools/t2.md)",
        ),
        (("assess",), "<strong>Tools:</strong> none adopted yet ([see the options](../tools/index.md#model-serving))"),
    ],
)
def test_checklists_name_the_tools_to_use(statuses: tuple[str, ...], expected: str) -> None:
    # A case-study checklist's line for one capability, from the macro its page uses.
    kb = _kb(*(_tool(f"t{i}", status) for i, status in enumerate(statuses)))
    context = {"kb": kb, "lang": "en", "ui": load_strings("en"), "page_src": "case-studies/x.md", "markdown": True}
    tools = _environment().get_template("_tools.j2").make_module(context)
    assert str(tools.tools_to_use(SimpleNamespace(id="model-serving"), "../tools/index.md")) == expected  # type: ignore[attr-defined]


def test_a_checklist_line_names_as_many_tools_as_the_plan_shows_and_counts_the_rest() -> None:
    kb = _kb(*(_tool(f"t{i:02}", "adopt") for i in range(TOOLS_SHOWN + 1)))
    context = {"kb": kb, "lang": "en", "ui": load_strings("en"), "page_src": "case-studies/x.md", "markdown": True}
    tools = _environment().get_template("_tools.j2").make_module(context)
    named = ", ".join(f"[t{i:02}](../tools/t{i:02}.md)" for i in range(TOOLS_SHOWN))
    more = f"([{escape_text(f'Showing {TOOLS_SHOWN} of {TOOLS_SHOWN + 1}.')}](../tools/index.md#model-serving))"
    assert (
        str(tools.tools_to_use(SimpleNamespace(id="model-serving"), "../tools/index.md"))  # type: ignore[attr-defined]
        == f"<strong>Tools:</strong> adopted: {named} {more}"
    )


def test_the_published_plan_holds_each_capability_s_tools_line() -> None:
    # What the profiler reads (api/v1/plan.json) is what the checklists print: the same tools, in order, as many named.
    tools = [_tool(f"t{i:02}", "trial" if i % 2 else "adopt") for i in range(2 * TOOLS_SHOWN + 1)]
    # A Capability with only what the plan reads (the knowledge base files entities by their class).
    capability = Capability.__new__(Capability)
    object.__setattr__(capability, "id", "model-serving")
    object.__setattr__(capability, "order", None)
    kb = KnowledgeBase({folder_of(Tool): {t.id: t for t in tools}, folder_of(Capability): {capability.id: capability}})
    entry = build_plan_document(kb)["tools_to_use"]["model-serving"]
    adopted = [f"t{i:02}" for i in range(0, 2 * TOOLS_SHOWN + 1, 2)]
    assert entry == {"ring": "adopt", "tools": adopted, "shown": TOOLS_SHOWN}
    assert json.loads(render_json(build_plan_document(kb)))["levels"] == ["core", "situational"]
