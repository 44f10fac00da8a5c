"""The built site's tool pages, landscape, radar and the tools shown on capability and case-study pages."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.kb.model import TOOL_KINDS, KnowledgeBase
from macros.site.render import BACKLINK_LIMIT, escape_text, load_strings
from tests.conftest import DATA_DIR

TOOL_IDS = sorted(p.stem for p in (DATA_DIR / "tools").glob("*.yml"))


class Elements(HTMLParser):
    """Every start tag of a page with its attributes and the capability section (data-capability) it sits in."""

    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.open: list[tuple[str, dict[str, str]]] = []

    def _record(self, tag: str, attrs: list[tuple[str, str | None]]) -> dict[str, str]:
        values = {k: v or "" for k, v in attrs}
        values["_within"] = " ".join(a["data-capability"] for _, a in self.open if "data-capability" in a)
        self.tags.append((tag, values))
        return values

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = self._record(tag, attrs)
        if tag not in self.VOID:
            self.open.append((tag, values))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching open tag; HTML lets some end tags be implied.
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                return

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [
            a
            for t, a in self.tags
            if t == tag and all(a.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
        ]


def parse(path: Path) -> Elements:
    page = Elements()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def landscape(site_dir: Path) -> Elements:
    return parse(site_dir / "tools" / "index.html")


@pytest.mark.parametrize("tool_id", TOOL_IDS)
def test_every_tool_has_a_page_linking_each_function_it_provides(
    site_dir: Path, kb: KnowledgeBase, tool_id: str
) -> None:
    tool = kb.tools[tool_id]
    page = parse(site_dir / "tools" / tool_id / "index.html")
    hrefs = {a["href"] for a in page.find("a") if "href" in a}  # an <a> in a <template> has none yet
    for provision in tool.provides:
        for function_id in provision.functions:
            assert f"../../capabilities/{provision.capability}/#function-{function_id}" in hrefs
    assert tool.homepage in hrefs


def test_function_anchors_the_tool_pages_use_exist_on_capability_pages(site_dir: Path, kb: KnowledgeBase) -> None:
    missing = []
    for tool in kb.tools.values():
        for provision in tool.provides:
            ids = {a.get("id") for _, a in parse(site_dir / "capabilities" / provision.capability / "index.html").tags}
            missing += [
                f"{tool.id}: {provision.capability}#function-{f}"
                for f in provision.functions
                if f"function-{f}" not in ids
            ]
    assert missing == []


def test_the_landscape_lists_every_tool_once_per_capability_it_provides(landscape: Elements, kb: KnowledgeBase) -> None:
    cards = Counter((a["_within"], a["href"].strip("/")) for a in landscape.find("a", class_="kb-card__name"))
    expected = Counter((p.capability, t.id) for t in kb.tools.values() for p in t.provides)
    assert cards == expected
    sections = [a["data-capability"] for a in landscape.find("ul", class_="kb-cards")]
    assert sorted(sections) == sorted(kb.capabilities)


def test_the_landscape_filters_ship_hidden_so_the_page_is_a_plain_list_without_javascript(landscape: Elements) -> None:
    (form,) = landscape.find("form", class_="kb-filters")
    assert "hidden" in form
    assert all("hidden" not in li for li in landscape.find("li", class_="kb-card"))


def test_the_landscape_offers_a_filter_for_every_kind_and_each_card_has_one(landscape: Elements) -> None:
    offered = [a["value"] for a in landscape.find("input", name="kind")]
    assert offered == list(TOOL_KINDS)
    assert {a["data-kind"] for a in landscape.find("li", class_="kb-card")} <= set(offered)


def test_the_radar_has_one_blip_and_one_legend_entry_per_rated_tool(landscape: Elements, kb: KnowledgeBase) -> None:
    rated = [t for t in kb.tools.values() if t.ring.rated]
    blips = [a for a in landscape.find("a") if "kb-radar__blip" in a.get("class", "").split()]
    legend = [a for a in landscape.find("li") if "value" in a]
    assert len(blips) == len(legend) == len(rated)
    assert sorted(int(a["value"]) for a in legend) == list(range(1, len(rated) + 1))


def test_capability_pages_list_their_tools_by_ring(site_dir: Path, kb: KnowledgeBase) -> None:
    for cap_id in kb.capabilities:
        page = parse(site_dir / "capabilities" / cap_id / "index.html")
        hrefs = [a["href"] for a in page.find("a") if "href" in a]
        listed = {
            h.removeprefix("../../tools/").strip("/")
            for h in hrefs
            if h.startswith("../../tools/") and h.count("/") == 4
        }
        assert listed == {t.id for t in kb.tools_for(cap_id)[:BACKLINK_LIMIT]}, cap_id
        assert f"../../tools/#{cap_id}" in hrefs


def test_case_study_checklists_say_which_tools_to_use_for_each_capability(site_dir: Path, kb: KnowledgeBase) -> None:
    for case in kb.case_studies.values():
        html = (site_dir / "case-studies" / case.id / "index.html").read_text(encoding="utf-8")
        items = kb.checklist(case)
        decided = [item for item in items if item.capability.id in kb.decided_capabilities()]
        assert html.count('class="kb-tools-to-use"') == len(decided), case.id
        # The capabilities without a tool to use are counted once, not a line each.
        undecided = len(items) - len(decided)
        ui = load_strings("en")
        # "All" reads as all: when none has a tool, the line says so rather than counting them.
        every = undecided == len(items)
        line = escape_text(
            ui["checklist_tools_not_rated_all"] if every else ui["checklist_tools_not_rated"].format(count=undecided)
        )
        assert (line in html) == bool(undecided), case.id
