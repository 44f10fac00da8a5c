"""Our systems: the rules of their derived plan, gaps, priorities and flags, on generated data and on
whatever data/ holds; and the messages a mistaken system file gets."""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import json
import re
from html import escape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.generate import Sizes, build_dataset, write_dataset, write_synthetic_data
from macros.kb.kinds import KINDS
from macros.kb.load import build_knowledge_base
from macros.kb.model import (
    CELL_STATES,
    GAP_WEIGHT,
    LANGUAGES,
    LEVEL_ORDER,
    STRENGTH_ORDER,
    ChecklistItem,
    KnowledgeBase,
    System,
    Text,
    declared_order,
)
from macros.kb.validation import check_systems
from macros.site.history import list_changes, read_history
from macros.site.portfolio import CELLS, PAGE_ROWS, heatmap_capabilities, render_portfolio
from macros.site.render import contact_href, load_strings, render_entity_pages, src_uri_of
from tests.contributions import bring_into_place, retire_system
from tests.datafixture import copy_data, edit, knowledge_base, set_ring, write_more_systems_than_a_page
from tests.fuzztext import fuzzed
from tests.hostile_git import commit_all, git
from tests.htmlread import parse_html


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """A generated data set with enough characteristics and systems for every kind of plan."""
    data = tmp_path_factory.mktemp("systems") / "data"
    sizes = Sizes(capabilities=14, characteristics=8, case_studies=6, tags=2, sources=1, tools=4, terms=1, systems=40)
    write_dataset(build_dataset(sizes, seed=11), data)
    return knowledge_base(data)


def _ranked_correctly(plan: list[ChecklistItem]) -> list[str]:
    """Where a plan breaks the one rule: strength first, then how many characteristics call for it, then level, then order."""
    broken = []
    for a, b in itertools.pairwise(plan):
        key_a = (STRENGTH_ORDER[a.strength], -len(a.reasons), LEVEL_ORDER[a.level], declared_order(a.capability))
        key_b = (STRENGTH_ORDER[b.strength], -len(b.reasons), LEVEL_ORDER[b.level], declared_order(b.capability))
        if key_a > key_b:
            broken.append(f"{a.capability.id} before {b.capability.id}")
    return broken


@fuzzed(40)
@given(data=st.data())
def test_every_plan_ranks_needed_first_then_by_how_many_call_for_it(
    generated: KnowledgeBase, data: st.DataObject
) -> None:
    ids = data.draw(st.lists(st.sampled_from(sorted(generated.characteristics)), min_size=1, unique=True))
    plan = generated.plan(tuple(ids))
    assert _ranked_correctly(plan) == []
    # A capability is "needed" when any of its reasons says so (the stronger strength wins).
    for item in plan:
        assert item.strength == ("needed" if any(r.strength == "needed" for r in item.reasons) else "helps")


def test_a_helps_capability_called_for_by_more_characteristics_still_follows_a_needed_one(
    generated: KnowledgeBase,
) -> None:
    # The case issue 28 found (a "helps" capability first because more characteristics call for it) exists in
    # the generated data, and the plan puts the needed one first.
    found = 0
    for i in range(len(generated.characteristics)):
        ids = tuple(sorted(generated.characteristics))[i:] + tuple(sorted(generated.characteristics))[:i]
        plan = generated.plan(ids[:3])
        helps_more = [
            h
            for h in plan
            if h.strength == "helps"
            for n in plan
            if n.strength == "needed" and len(h.reasons) > len(n.reasons)
        ]
        if helps_more:
            found += 1
            needed_last = max(i for i, item in enumerate(plan) if item.strength == "needed")
            assert all(plan.index(item) > needed_last for item in helps_more)
    assert found, "the generated data should hold a helps capability called for more often than a needed one"


def _gaps_by_rule(kb: KnowledgeBase, system: System) -> tuple[list[str], list[str]]:
    needed = [item.capability.id for item in kb.plan(system.characteristics)]
    state = {entry.capability: entry.state for entry in system.in_place}
    gaps = [cap for cap in needed if state.get(cap) != "in-place"]
    return gaps, [cap for cap in gaps if state.get(cap) == "partial"]


@pytest.mark.parametrize("source", ["generated", "data"])
def test_gaps_are_the_plan_minus_what_is_in_place(source: str, generated: KnowledgeBase, kb: KnowledgeBase) -> None:
    base = generated if source == "generated" else kb
    for system in base.systems.values():
        plan = base.system_plan(system)
        gaps, partial = _gaps_by_rule(base, system)
        assert list(plan.gap_ids) == gaps, system.id
        assert [gap.capability.id for gap in plan.gaps if gap.partial] == partial, system.id
        assert _ranked_correctly(list(plan.needed)) == []


def test_every_cell_of_the_portfolio_has_one_state(generated: KnowledgeBase) -> None:
    for system in generated.systems.values():
        plan = generated.system_plan(system)
        for cap in generated.capabilities:
            has, item = system.having(cap), next((i for i in plan.needed if i.capability.id == cap), None)
            expected = (
                has.state
                if has
                else (
                    "not-needed" if item is None else "missing-needed" if item.strength == "needed" else "missing-helps"
                )
            )
            assert plan.state(cap) == expected, (system.id, cap)


def test_platform_priorities_count_the_systems_in_use_by_the_weight_of_their_gaps(generated: KnowledgeBase) -> None:
    active = [s for s in generated.systems.values() if s.status != "retired"]
    assert len(active) < len(generated.systems), "the generated data should hold a retired system"
    priorities = generated.platform_priorities()
    assert {p.capability.id for p in priorities} == set(generated.capabilities)
    for p in priorities:
        lacking = [s for s in active if p.capability.id in generated.system_plan(s).gap_ids]
        assert {s.id for s in p.lacking} == {s.id for s in lacking}
        assert p.weight == sum(
            GAP_WEIGHT[
                next(g for g in generated.system_plan(s).gaps if g.capability.id == p.capability.id).item.strength
            ]
            for s in lacking
        )
    weights = [(-p.weight, -len(p.lacking)) for p in priorities]
    assert weights == sorted(weights)


def test_a_system_using_a_tool_on_hold_is_flagged_and_tools_in_practice_say_so(tmp_path: Path) -> None:
    data = write_synthetic_data(tmp_path / "data", tools=2, systems=3)
    kb = knowledge_base(data)
    user = next(s for s in kb.systems.values() if any(e.tools for e in s.in_place) and s.status != "retired")
    tool_id = next(t for e in user.in_place for t in e.tools)
    set_ring(data / "tools" / f"{tool_id}.yml", "hold")
    kb = knowledge_base(data)
    assert [t.id for t in kb.tools_on_hold(kb.systems[user.id])] == [tool_id]
    entry = next(e for e in kb.tools_in_practice() if e.tool.id == tool_id)
    assert entry.mismatch == "hold-used" and user.id in {s.id for s in entry.users}
    assert kb.tools_in_practice()[0].mismatch is not None, "mismatches come first"
    # Its page says so in a sentence of its own, between the count and the link (it read
    # "… use it. on hold, still in use See the portfolio", and 保留だが使用中ポートフォリオを見る).
    for lang in LANGUAGES:
        ui = load_strings(lang)
        page = next(p for p in render_entity_pages(kb, lang) if p.src_uri == src_uri_of(kb.tools[tool_id]))
        said = ui["tool_hold_used"]
        paragraph = parse_html(next(line for line in page.markdown.splitlines() if "kb-on-hold" in line))
        count = paragraph.one("span", "kb-system-counts").text()
        assert said.endswith(ui["full_stop"]) and paragraph.text().startswith(count + ui["sentence_separator"] + said)


def test_a_review_older_than_six_months_is_overdue() -> None:
    system = System("x", *(None,) * 3, "in-production", (), (), "2026-01-01")  # type: ignore[arg-type]
    assert system.review_overdue(datetime.date(2026, 7, 10))
    assert not system.review_overdue(datetime.date(2026, 6, 1))


def test_a_contact_is_a_link_either_way() -> None:
    assert contact_href("https://wiki.example.org/team") == "https://wiki.example.org/team"
    assert contact_href("team@example.org") == "mailto:team@example.org"


SYSTEM = "data/systems/{id}.yml"


def _problems(data: Path) -> list[str]:
    return [str(p) for p in build_knowledge_base(data).problems if p.severity == "error"]


def test_a_mistaken_system_file_is_told_every_mistake_at_its_place(tmp_path: Path, kb: KnowledgeBase) -> None:
    data = copy_data(tmp_path)
    system = next(iter(kb.systems.values()), None)
    if system is None:
        pytest.skip("no system in the data")
    path = data / "systems" / f"{system.id}.yml"
    text = path.read_text(encoding="utf-8")
    first_char, first_cap = system.characteristics[0], system.in_place[0].capability
    edit(path, f"{first_char}", f"{first_char}x")
    edit(path, f"capability: {first_cap}", f"capability: {first_cap}x")
    problems = _problems(data)
    where = SYSTEM.format(id=system.id)
    assert any(
        p.startswith(where) and f"unknown characteristic '{first_char}x' (did you mean '{first_char}'" in p
        for p in problems
    ), problems
    assert any(
        p.startswith(where)
        and f"in_place[0].capability: unknown capability '{first_cap}x' (did you mean '{first_cap}'" in p
        for p in problems
    ), problems
    path.write_text(text, encoding="utf-8")
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    edit(path, f'reviewed: "{system.reviewed}"', f'reviewed: "{tomorrow}"')
    assert any("reviewed: " in p and "is in the future" in p for p in _problems(data))


@pytest.mark.parametrize("kind", ["systems", "tools"])
def test_a_day_that_is_no_calendar_date_is_told_with_the_files_other_mistakes(tmp_path: Path, kind: str) -> None:
    # An impossible day in a file that also breaks its schema (a status and a field it cannot have): every
    # mistake in the one run, the day's included, not one more after each fix.
    data = copy_data(tmp_path)
    path = next(
        p
        for p in sorted((data / kind).glob("*.yml"))
        if re.search(r"^(reviewed|checked): [\"']", p.read_text(encoding="utf-8"), re.M)
    )
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^(reviewed|checked): .*$", r'\1: "2026-02-30"', text, count=1, flags=re.M)
    text = re.sub(r"^(status): .*$", r"\1: no-such-status", text, count=1, flags=re.M)
    path.write_text(text + "no_such_field: 1\n", encoding="utf-8")
    problems = [p for p in _problems(data) if p.startswith(f"data/{kind}/{path.name}:")]
    assert any(
        re.search(r":\d+:\d+: (reviewed|checked): '2026-02-30' is not a calendar date \(write it as YYYY-MM-DD\)$", p)
        for p in problems
    ), problems
    assert any(": status: 'no-such-status' is not allowed" in p for p in problems), problems
    assert any(": unknown field 'no_such_field'" in p for p in problems), problems


def test_a_capability_listed_twice_in_place_is_reported_at_the_second(kb: KnowledgeBase) -> None:
    system = next((s for s in kb.systems.values() if s.in_place), None)
    if system is None:
        pytest.skip("no system with a capability in place")

    class Doc:
        def problem(self, trail: object, message: str, **_: object) -> str:
            return f"{trail}: {message}"

    twice = System(**{**system.__dict__, "in_place": (system.in_place[0], system.in_place[0])})
    view = KnowledgeBase({"systems": {twice.id: twice}})
    found = [str(p) for p in check_systems(view, {("systems", twice.id): Doc()}, datetime.date(2026, 12, 1))]  # type: ignore[dict-item]
    assert (
        f"('in_place', 1, 'capability'): '{system.in_place[0].capability}' is already listed in in_place[0] (merge the two)"
        in found
    )


def test_what_changed_lists_systems_added_and_retired_and_capabilities_brought_into_place(tmp_path: Path) -> None:
    # A system recorded, then in a later commit retired and with a capability of its gaps brought wholly into place.
    data = write_synthetic_data(tmp_path / "repo" / "data", systems=2)
    git(data.parent, "init", "-q", "-b", "main")
    commit_all(data.parent, "import", "2026-01-02T03:04:05+00:00")
    kb = knowledge_base(data)
    system = next(s for s in kb.systems.values() if not s.retired and kb.system_plan(s).gaps)
    gap = kb.system_plan(system).gap_ids[0]
    retire_system(data, system.id)
    bring_into_place(data, system.id, gap)
    commit_all(data.parent, "retired, and one more in place", "2026-02-02T03:04:05+00:00")
    changes = [(c.action, c.id, c.capability) for c in list_changes(read_history(data), 100)]
    assert ("added", system.id, None) in changes
    assert ("system-retired", system.id, None) in changes
    assert ("in-place-added", system.id, gap) in changes
    # A capability no longer wholly in place (partial now) is listed as gone: bring_into_place put it first.
    edit(data / "systems" / f"{system.id}.yml", "state: in-place", "state: partial")
    commit_all(data.parent, "only part of it after all", "2026-03-02T03:04:05+00:00")
    assert ("in-place-removed", system.id, gap) in [
        (c.action, c.id, c.capability) for c in list_changes(read_history(data), 100)
    ]


@pytest.fixture(scope="module")
def many_systems(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """More systems than a page of the heatmap shows, and more capabilities than its first columns."""
    return write_more_systems_than_a_page(tmp_path_factory.mktemp("many-systems") / "data")


def test_the_portfolio_shows_its_first_page_as_html_and_holds_every_cell_as_data(many_systems: KnowledgeBase) -> None:
    kb = many_systems
    html = render_portfolio(kb, "en", "portfolio.md")
    by_name = sorted(kb.systems.values(), key=lambda s: (s.name.en.casefold(), s.id))
    # Without JavaScript: the first page of rows, by name, and a line saying how many of all these are.
    assert re.findall(r'<tr data-name="([^"]*)"', html) == [escape(s.name.en) for s in by_name[:PAGE_ROWS]]
    assert f"The first {PAGE_ROWS} of {len(kb.systems)} systems" in html
    # As data: every system and every capability, each cell the state the model derives.
    data = json.loads(html.partition('class="kb-heatmap-data">')[2].partition("</script>")[0])
    capabilities = sorted(kb.capabilities.values(), key=declared_order)
    assert [column[0] for column in data["columns"]] == [c.id for c in capabilities]
    assert [data["columns"][place][0] for place in data["shown"]] == [c.id for c in heatmap_capabilities(kb)]
    assert len(data["rows"]) == len(kb.systems)
    for row, system in zip(data["rows"], by_name, strict=True):
        plan = kb.system_plan(system)
        assert row[0] == system.name.en and row[4] == len(plan.gaps)
        assert [CELL_STATES[int(digit)] for digit in row[7]] == [plan.state(c.id) for c in capabilities]
    # Every capability is in one of the column choices (the first columns, or a run in the matrix's order).
    runs = re.findall(r'<option value="(\d+)">(\d+) to (\d+) of (\d+)', html)
    assert runs and {n for _, first, last, _ in runs for n in range(int(first), int(last) + 1)} == set(
        range(1, len(capabilities) + 1)
    )


@pytest.mark.parametrize("owner", ["Payments\trisk", "Payments  risk", "Payments\nrisk "])
def test_the_owner_filter_offers_the_owners_the_heatmaps_rows_hold(generated: KnowledgeBase, owner: str) -> None:
    # portfolio.js compares the filter's choice (printed in the page, whitespace folded) with each row's
    # owner (the page's JSON): an owner written with a tab or two spaces must still find its systems.
    system = next(iter(generated.systems.values()))
    entities = {kind: dict(generated.entities(kind)) for kind in KINDS}
    entities["systems"][system.id] = dataclasses.replace(system, owner=Text(owner, owner))
    kb = KnowledgeBase(entities)
    page = parse_html(render_portfolio(kb, "en", "portfolio.md"))
    choices = {o.attrs["value"] for o in page.one("select").find_all("option")} - {""}
    data = json.loads("".join(c for c in page.one("script", "kb-heatmap-data").children if isinstance(c, str)))
    assert {row[2] for row in data["rows"]} == choices
    assert re.sub(r"\s+", " ", owner) in choices


def test_the_legend_shows_each_state_as_its_cells_show_it(generated: KnowledgeBase) -> None:
    page = parse_html(render_portfolio(generated, "en", "portfolio.md"))
    legend = [span.text() for span in page.find_all("span", "kb-cell")]
    assert legend == [CELLS[state].striptags() for state in CELL_STATES]
