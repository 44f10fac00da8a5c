"""What changed, read from the facts of the history: a rename is one entry however many files name the
renamed entity, and a tool's status change is listed with its makers' reason and its successor.

The facts are made from the real data's entities (as the history layer reads each past version), so
these tests hold whatever the data holds.
"""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path

from macros.kb.kinds import KINDS
from macros.kb.model import LANGUAGES, KnowledgeBase, Text
from macros.site.history import DataHistory, Fact, list_changes, read_history
from macros.site.provenance import render_changes_pages
from macros.site.render import src_uri_of
from tests.contributions import load, rename, set_tool_status
from tests.datafixture import copy_data
from tests.history_repo import git


def _fact(kind: str, id: str, action: str, before: object, after: object, old_id: str | None = None) -> Fact:
    return Fact("c0ffee", "2026-12-01T12:00:00+00:00", kind, id, action, before, after, old_id)  # type: ignore[arg-type]


def test_a_capability_rename_is_one_entry_not_withdrawn_and_new_recommendations(kb: KnowledgeBase) -> None:
    # The capability the most characteristics recommend, renamed with every reference (as make rename does).
    capability = max(kb.capabilities.values(), key=lambda c: len(kb.recommendations_for(c.id)))
    naming = [c for c in kb.characteristics.values() if any(r.capability == capability.id for r in c.recommendations)]
    assert naming
    new = dataclasses.replace(capability, id="renamed-capability", former_ids=(*capability.former_ids, capability.id))
    facts = [_fact("capabilities", new.id, "renamed", capability, new, old_id=capability.id)]
    for char in naming:
        after = dataclasses.replace(
            char,
            recommendations=tuple(
                dataclasses.replace(r, capability=new.id) if r.capability == capability.id else r
                for r in char.recommendations
            ),
        )
        facts.append(_fact("characteristics", char.id, "changed", char, after))
    changes = list_changes(DataHistory(tuple(facts)), 100)
    assert [(c.action, c.kind, c.old_id, c.id) for c in changes] == [("renamed", "capabilities", capability.id, new.id)]


def test_a_recommendation_really_withdrawn_is_still_listed(kb: KnowledgeBase) -> None:
    char = next(c for c in kb.characteristics.values() if len(c.recommendations) > 1)
    after = dataclasses.replace(char, recommendations=char.recommendations[1:])
    changes = list_changes(DataHistory((_fact("characteristics", char.id, "changed", char, after),)), 100)
    assert [(c.action, c.capability) for c in changes] == [
        ("recommendation-removed", char.recommendations[0].capability)
    ]


def test_a_tool_status_change_is_listed_with_its_reason_and_successor(kb: KnowledgeBase) -> None:
    # Both maintained before, whatever the data says of them today.
    tool, other = (
        dataclasses.replace(t, status="maintained", successor=None, status_reason=None)
        for t in list(kb.tools.values())[:2]
    )
    reason = Text(en="Its makers moved it into another product.", ja="開発元が別の製品に統合した。")
    renamed = dataclasses.replace(tool, status="renamed", successor=other.id, status_reason=reason)
    deprecated = dataclasses.replace(other, status="deprecated", status_reason=reason)
    facts = (
        _fact("tools", tool.id, "changed", tool, renamed),
        _fact("tools", other.id, "changed", other, deprecated),
    )
    changes = list_changes(DataHistory(facts), 100)
    assert [(c.action, c.id, c.from_status, c.to_status, c.successor, c.reason) for c in changes] == [
        ("status-changed", other.id, "maintained", "deprecated", None, reason),
        ("status-changed", tool.id, "maintained", "renamed", other.id, reason),
    ]


def test_the_entries_of_an_entity_renamed_since_are_listed_under_its_id_of_today(kb: KnowledgeBase) -> None:
    # Every kind the changes page lists, each entity added, changed, then renamed (as make rename does):
    # its earlier entries name (and link) the entity it is now, not an id no page has.
    facts: list[Fact] = []
    expected: list[tuple[str, str, str]] = []
    for folder, entity in ((k.folder, next(iter(kb.entities(k.folder).values()), None)) for k in KINDS.values()):
        if entity is None or not (KINDS[folder].history and KINDS[folder].renamable):
            continue
        new = dataclasses.replace(entity, id=f"{entity.id}-renamed", former_ids=(*entity.former_ids, entity.id))
        facts += [
            _fact(folder, entity.id, "added", None, entity),
            _fact(folder, new.id, "renamed", entity, new, old_id=entity.id),
        ]
        expected += [("added", folder, new.id), ("renamed", folder, new.id)]
    system = next((s for s in kb.systems.values() if s.in_place), None)
    if system is not None:
        whole = dataclasses.replace(
            system, in_place=tuple(dataclasses.replace(e, state="in-place") for e in system.in_place)
        )
        fewer = dataclasses.replace(whole, in_place=whole.in_place[1:])
        renamed = dataclasses.replace(whole, id=f"{system.id}-renamed", former_ids=(*system.former_ids, system.id))
        facts += [
            _fact("systems", system.id, "changed", fewer, whole),
            _fact("systems", renamed.id, "renamed", whole, renamed, old_id=system.id),
        ]
        expected += [("in-place-added", "systems", renamed.id), ("renamed", "systems", renamed.id)]
    facts.sort(key=lambda f: f.action == "renamed")  # every rename after every earlier change
    changes = list_changes(DataHistory(tuple(facts)), 1000)
    assert sorted((c.action, c.kind, c.id) for c in changes) == sorted(expected)
    assert all(c.old_id in (None, c.id.removesuffix("-renamed")) for c in changes)


def test_a_rename_is_one_entry_that_links_the_page_of_today(tmp_path: Path, kb: KnowledgeBase) -> None:
    # On a real history: a capability renamed twice with `make rename`, and a tool carried on by another
    # (status renamed + successor), the successor then renamed too. Each is one entry, linking today's page.
    data = copy_data(tmp_path)
    repo = data.parent
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "import", date="2026-01-01T12:00:00+00:00")
    capability = max(kb.capabilities.values(), key=lambda c: len(kb.recommendations_for(c.id))).id
    middle = rename(data, "capabilities", capability)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "rename", date="2026-02-01T12:00:00+00:00")
    final = rename(data, "capabilities", middle)
    carried, successor = sorted(t.id for t in kb.tools.values() if t.status == "maintained")[:2]
    set_tool_status(data, carried, "renamed", successor=successor)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "rename again, a tool carried on", date="2026-03-01T12:00:00+00:00")
    successor_now = rename(data, "tools", successor)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "the successor renamed", date="2026-04-01T12:00:00+00:00")

    changes = [c for c in list_changes(read_history(data), 1000) if c.date[:10] > "2026-01-01"]
    assert sorted((c.action, c.kind, c.old_id or "", c.id) for c in changes) == sorted(
        [
            ("renamed", "capabilities", capability, final),
            ("renamed", "capabilities", middle, final),
            ("status-changed", "tools", "", carried),
            ("renamed", "tools", successor, successor_now),
        ]
    )
    after = load(data)
    page = render_changes_pages(after, "en", changes, lambda commit: None)[0].markdown
    entries = [html.unescape(line) for line in page.splitlines() if line.startswith("- ")]
    assert len(entries) == len(changes), entries
    capability_page = f"]({src_uri_of(after.capabilities[final])})"
    successor_page = f"]({src_uri_of(after.tools[successor_now])})"
    renames = [line for line in entries if f"<code>{capability}</code>" in line]
    assert len(renames) == 1 and renames[0].endswith(capability_page), entries
    again = [line for line in entries if f"<code>{middle}</code>" in line]
    assert len(again) == 1 and again[0].endswith(capability_page), entries
    carried_on = [line for line in entries if f"]({src_uri_of(after.tools[carried])})" in line]
    assert len(carried_on) == 1 and successor_page in carried_on[0], entries


def test_an_entity_without_a_page_is_named_not_given_by_id(kb: KnowledgeBase) -> None:
    # A source added (it has no page of its own) read "Added: retention-team-notes"; its title, unlinked.
    source = next(iter(kb.sources.values()))
    changes = list_changes(DataHistory((_fact("sources", source.id, "added", None, source),)), 10)
    for lang in LANGUAGES:
        page = render_changes_pages(kb, lang, changes, lambda commit: None)[0].markdown
        entry = html.unescape(next(line for line in page.splitlines() if line.startswith("- ")))
        assert source.title[lang] in entry and f"<code>{source.id}</code>" not in entry and "](" not in entry
