"""The contributions CONTRIBUTING.md describes, done to a copy of the data as a contributor does them:
`make new` and its placeholders filled, `git mv` and `former_ids`, each place `make check` names fixed.

Every id is picked from the data at hand or made free in it, so the same steps apply to any valid data.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import re
from pathlib import Path

import yaml

from macros.commands.new import build_new_entity
from macros.commands.rename import main as rename_command
from macros.kb.kinds import KINDS
from macros.kb.load import build_knowledge_base
from macros.kb.model import KnowledgeBase
from macros.kb.problems import errors_in
from macros.kb.renaming import documents_of, references_to, rewrite_ids
from tests.datafixture import add_to_list, copy_data, set_ring, unrate_every_tool
from tests.samplepages import CAPABILITY_ID
from tests.sourcefacts import combined_example_case
from tests.unusedids import unused_id


def load(data: Path) -> KnowledgeBase:
    """The knowledge base of a data folder that must be valid."""
    result = build_knowledge_base(data)
    assert result.knowledge_base is not None, "\n".join(map(str, errors_in(result.problems)))
    return result.knowledge_base


def real_ids(kb: KnowledgeBase) -> dict[str, str]:
    """A real id of the data to put in place of each id placeholder of the scaffolds."""
    capability = next(iter(kb.capabilities.values()))
    return {
        "todo-tag-id": next(iter(kb.tags)),
        "todo-source-id": next(iter(kb.sources)),
        "todo-characteristic-id": next(iter(kb.characteristics)),
        "todo-capability-id": capability.id,
        "todo-case-study-id": next(iter(kb.case_studies)),
        "todo-capability-function-id": capability.functions[0].id,
        "todo-function-id": "flag-rollout",
    }


def fill_placeholders(text: str, ids: dict[str, str], label: str = "Written") -> str:
    """What a contributor does to a new file: text in each language, a date and addresses where the
    TODOs were, real ids for the todo- ids."""
    text = re.sub(r'(en|ja): "TODO: the date[^"]*"', r'\1: "2024-01-31"', text)
    text = re.sub(r'(checked|reviewed): "TODO[^"]*"', r'\1: "2026-01-31"', text)
    text = re.sub(r'"TODO: the https://[^"]*"', '"https://example.com/paper"', text)
    text = re.sub(r'licence: "TODO[^"]*"', 'licence: "Apache-2.0"', text)
    lines, japanese_block, reason = [], False, False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if "TODO" in line:
            words = f"{label}の説明" if japanese_block or stripped.startswith("ja:") else f"{label} text"
            # A reason is a sentence: it ends with its language's full stop (make check warns otherwise).
            if reason:
                words += "。" if words.endswith("の説明") else "."
            line = re.sub(r"TODO:.*", words, re.sub(r'"TODO:[^"]*"', f'"{words}"', line))
        japanese_block = stripped.startswith("ja:") and stripped.endswith(">-")
        reason = stripped in ("why:", "stronger:") or (reason and stripped.startswith(("en:", "ja:", "why:")))
        lines.append(line)
    text = "".join(lines)
    for placeholder, real in ids.items():
        text = text.replace(placeholder, real)
    return text


def add_entity(data: Path, kind: str, wanted: str, ids: dict[str, str]) -> str:
    """`make new KIND=kind ID=...`, then every TODO filled; returns the id (free in the data)."""
    id = unused_id(data, wanted)
    path = build_new_entity(kind, id, data)
    path.write_text(fill_placeholders(path.read_text(encoding="utf-8"), ids, label=id), encoding="utf-8")
    return id


def add_recommendation(data: Path, characteristic: str, capability: str) -> None:
    """A characteristic calls for one more capability: one more entry in its `recommendations`."""
    path = data / "characteristics" / f"{characteristic}.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index("recommendations:\n") + 1
    lines[at:at] = [
        f"  - capability: {capability}\n",
        "    level: core\n",
        "    strength: needed\n",
        "    why:\n",
        f"      en: Why {capability} is needed.\n",
        f"      ja: {capability} が必要な理由。\n",
        "    source: section\n",
    ]
    path.write_text("".join(lines), encoding="utf-8")


# "Adding knowledge of our own" (CONTRIBUTING.md): what the platform team writes in place of a source.
OUR_DECISION = """by: platform-team
rationale:
  en: Our audits asked for it in {what}.
  ja: {what} について監査で求められたためです。
decided: "2026-02-03"
link: https://example.com/decisions/{what}
"""


def our_decision(what: str, indent: str) -> str:
    """The platform team's provenance block, indented under a `source:` key."""
    return "".join(indent + line + "\n" for line in OUR_DECISION.format(what=what).splitlines())


def add_knowledge_of_our_own(data: Path, ids: dict[str, str], case_study: str, capability: str) -> dict[str, str]:
    """ "Adding knowledge of our own": a characteristic of our own (make new, then its `source:` and its
    recommendation's `source:` replaced by the platform team's decision) and a term of ours (make new,
    `in_source` replaced by the decision). Returns the ids made."""
    char = add_entity(
        data,
        "characteristic",
        "regulated-audits",
        ids | {"todo-case-study-id": case_study, "todo-capability-id": capability},
    )
    path = data / "characteristics" / f"{char}.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\nsource:\n(  .*\n)+", "\nsource:\n" + our_decision(char, "  "), text)
    assert text.count("    source: section\n") == 1, f"{path}: one recommendation, from its section"
    text = text.replace("    source: section\n", "    source:\n" + our_decision(f"{char}-{capability}", "      "))
    path.write_text(text, encoding="utf-8")
    add_to_list(data / "case-studies" / f"{case_study}.yml", "characteristics", char)
    term = add_entity(data, "term", "audit-trail", ids)
    path = data / "terms" / f"{term}.yml"
    text = re.sub(
        r"\nin_source:\n(  .*\n)+", "\nsource:\n" + our_decision(term, "  "), path.read_text(encoding="utf-8")
    )
    path.write_text(text, encoding="utf-8")
    return {"characteristic of our own": char, "term of ours": term}


def rename(data: Path, folder: str, old: str) -> str:
    """ "Renaming an entity": `make rename KIND=... FROM=old TO=new`, which moves the file, keeps the old id in
    `former_ids` and rewrites every reference. Returns the new id."""
    new = unused_id(data, old + "-renamed")
    with contextlib.redirect_stdout(io.StringIO()):
        assert rename_command([folder, old, new], data) == 0, f"make rename {folder} {old} {new}"
    return new


def remove_case_study(data: Path, kb: KnowledgeBase, keep: set[str], fallback: str) -> str:
    """Delete a case study, and do what `make check` then asks: each characteristic it exemplified
    takes another case study that has it as example, and one that no case study has any more is
    added to `fallback` (a case study of the data)."""
    case = next(c for c in kb.case_studies.values() if c.id not in keep)
    (data / "case-studies" / f"{case.id}.yml").unlink()
    others = [c for c in kb.case_studies.values() if c.id != case.id]
    for char_id in case.characteristics:
        having = [c.id for c in others if char_id in c.characteristics]
        fallback_file = data / "case-studies" / f"{fallback}.yml"
        if not having and char_id not in yaml.safe_load(fallback_file.read_text(encoding="utf-8"))["characteristics"]:
            add_to_list(fallback_file, "characteristics", char_id)
        if kb.characteristics[char_id].example == case.id:
            path = data / "characteristics" / f"{char_id}.yml"
            path.write_text(
                path.read_text(encoding="utf-8").replace(
                    f"\nexample: {case.id}\n", f"\nexample: {(having or [fallback])[0]}\n"
                ),
                encoding="utf-8",
            )
    # A system that resembled it no longer names it (`like` is optional).
    for path in sorted((data / "systems").glob("*.yml")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if line.strip() != f"like: {case.id}"]
        if kept != lines:
            path.write_text("".join(kept), encoding="utf-8")
    # Any other field that still names it (found through the kind registry) now names the fallback.
    for doc in documents_of(data):
        if places := references_to(doc, "case-studies", case.id):
            (data.parent / doc.path).write_text(rewrite_ids(doc, places, case.id, fallback), encoding="utf-8")
    return case.id


def bring_into_place(data: Path, system: str, capability: str) -> None:
    """ "Bring a capability into place": one more entry in the system's `in_place`, as CONTRIBUTING.md
    shows it, indented as the file's own entries are."""
    path = data / "systems" / f"{system}.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("in_place:"))
    following = lines[at + 1] if at + 1 < len(lines) else ""
    indent = following[: len(following) - len(following.lstrip(" "))] if following.lstrip().startswith("- ") else "  "
    lines[at : at + 1] = ["in_place:\n", f"{indent}- capability: {capability}\n", f"{indent}  state: in-place\n"]
    path.write_text("".join(lines), encoding="utf-8")


def retire_system(data: Path, system: str) -> None:
    """ "Retire a system": its status set to retired."""
    path = data / "systems" / f"{system}.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        "".join("status: retired\n" if line.startswith("status:") else line for line in lines), encoding="utf-8"
    )


def move_ring(data: Path, tool: str, status: str, date: str = "2026-02-03") -> None:
    """The platform team moves a tool to another ring: its status, with the reason and the date it was set."""
    set_ring(data / "tools" / f"{tool}.yml", status, date)


def apply_every_contribution(data: Path) -> dict[str, str]:
    """Each contribution CONTRIBUTING.md describes, applied to one data folder; returns what was done, by name."""
    kb = load(data)
    ids = real_ids(kb)
    done: dict[str, str] = {}
    # The ids CONTRIBUTING.md's own examples use where it gives one: tests must not collide with them.
    done["source"] = add_entity(data, "source", "drill-source", ids)
    done["tag"] = add_entity(data, "tag", "drill-tag", ids)
    done["capability"] = add_entity(
        data, "capability", "feature-flags", ids | {"todo-tag-id": done["tag"], "todo-source-id": done["source"]}
    )
    add_recommendation(data, next(iter(kb.characteristics)), done["capability"])
    done["tool"] = add_entity(
        data,
        "tool",
        "feature-server",
        ids | {"todo-capability-id": done["capability"], "todo-capability-function-id": "flag-rollout"},
    )
    done["case study"] = add_entity(data, "case-study", "churn-prediction", ids | {"todo-source-id": done["source"]})
    done["characteristic"] = add_entity(
        data,
        "characteristic",
        "regulated-domain",
        ids | {"todo-case-study-id": done["case study"], "todo-capability-id": done["capability"]},
    )
    add_to_list(data / "case-studies" / f"{done['case study']}.yml", "characteristics", done["characteristic"])
    # Knowledge of our own: a characteristic, its recommendation and a term of the platform team's.
    done |= add_knowledge_of_our_own(data, ids, done["case study"], done["capability"])

    # The source's combined example first: a case study holding one of the source's examples may go too.
    example = combined_example_case(kb)
    keep = set(kb.case_studies) - {example} if example else set()
    done["removed case study"] = remove_case_study(data, kb, keep=keep, fallback=done["case study"])
    # Our systems: one recorded, a capability of its gaps brought into place, another system retired.
    done["system"] = add_entity(data, "system", "churn-scoring", ids)
    added = load(data)
    gap = added.system_plan(added.systems[done["system"]]).gap_ids[0]
    bring_into_place(data, done["system"], gap)
    done["brought into place"] = f"{done['system']}: {gap}"
    retired = next((s.id for s in added.systems.values() if s.id != done["system"] and not s.retired), None)
    if retired:
        retire_system(data, retired)
        done["retired system"] = retired
    done["term"] = add_entity(data, "term", "drill-term", ids)
    done["function edited"] = next(iter(sorted(kb.capabilities)))
    edit_function_text(data, done["function edited"])

    # The platform team's first decisions, three tools in each ring; then one tool moved to another.
    for ring, tools in rate_tools(data, kb).items():
        done[f"rated {ring}"] = ", ".join(tools)
    *_, successor, renamed, deprecated, moved = sorted(kb.tools)
    move_ring(data, moved, "trial" if kb.tools[moved].ring.status != "trial" else "adopt")
    done["ring moved"] = moved
    # Its makers deprecate one tool, and carry another on under a tool the data already has.
    set_tool_status(data, deprecated, "deprecated")
    done["deprecated tool"] = deprecated
    set_tool_status(data, renamed, "renamed", successor=successor)
    done["tool carried on"] = f"{renamed} -> {successor}"
    for folder in KINDS:
        old = next(id for id in sorted(kb.entities(folder)) if id != done["removed case study"])
        new = rename_tool(data, old) if folder == "tools" else rename(data, folder, old)
        done[f"renamed {folder}"] = f"{old} -> {new}"
    return done


# The first ring decisions: three tools in each ring the platform team can set.
DECIDED_RINGS = ("adopt", "trial", "assess", "hold")


def rate_tools(data: Path, kb: KnowledgeBase, per_ring: int = 3, date: str = "2026-02-03") -> dict[str, list[str]]:
    """The platform team's first decisions: `per_ring` tools set to each ring, with a reason and a date."""
    tools = sorted(kb.tools)
    rated: dict[str, list[str]] = {}
    for i, ring in enumerate(DECIDED_RINGS):
        rated[ring] = tools[i * per_ring : (i + 1) * per_ring]
        for tool in rated[ring]:
            move_ring(data, tool, ring, date)
    return rated


# Where a tool's makers announce its status, in the drill: among its sources, as CONTRIBUTING.md asks.
ANNOUNCEMENT = "https://example.com/announcement"


def set_tool_status(data: Path, tool: str, status: str, successor: str | None = None) -> None:
    """A tool's makers deprecate, archive or rename it ("A tool's lifecycle"): its `status`, their reason
    (and, when another tool carries it on, its `successor`), their announcement among its `sources`, and
    `checked` set to the day of that check."""
    path = data / "tools" / f"{tool}.yml"
    text = path.read_text(encoding="utf-8")
    # A status set before gives way: its reason (a block) and its successor.
    text = re.sub(r"^(status_reason:\n(?:  .*\n)+|successor: .*\n)", "", text, flags=re.MULTILINE)
    text = re.sub(r"^status: .*$", f"status: {status}", text, count=1, flags=re.MULTILINE)
    reason = "status_reason:\n  en: Its makers say so in their announcement.\n  ja: 開発元の告知による。\n"
    text = re.sub(r"^(status: .*\n)", lambda m: m.group(1) + reason, text, count=1, flags=re.MULTILINE)
    if successor is not None:
        text = re.sub(r"^(status: .*\n)", rf"\1successor: {successor}\n", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^checked: .*$", f"checked: '{datetime.date.today()}'", text, count=1, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    if ANNOUNCEMENT not in yaml.safe_load(text)["sources"]:
        add_to_list(path, "sources", ANNOUNCEMENT)


def rename_tool(data: Path, old: str) -> str:
    """Its makers renamed a tool ("A tool's lifecycle"): `make rename`, then the new `name`, the old one kept
    among `aliases`. Returns the new id."""
    new = rename(data, "tools", old)
    path = data / "tools" / f"{new}.yml"
    former = yaml.safe_load(path.read_text(encoding="utf-8"))["name"]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index("name:\n")
    for i in (at + 1, at + 2):
        lang = lines[i].strip().split(":", 1)[0]
        lines[i] = f"  {lang}: {json.dumps(former[lang] + ' Next', ensure_ascii=False)}\n"
    path.write_text("".join(lines), encoding="utf-8")
    for lang in ("en", "ja"):
        add_alias(path, lang, former[lang])
    return new


def add_alias(path: Path, lang: str, alias: str) -> None:
    """One more name in a file's `aliases` of one language (a block or a flow list, or none yet)."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    aliases = document.get("aliases") or {}
    if alias in (aliases.get(lang) or []):
        return
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    item = json.dumps(alias, ensure_ascii=False)
    if "aliases:\n" not in lines:
        at = lines.index("name:\n") + 3
        lines[at:at] = ["aliases:\n", f"  {lang}:\n", f"    - {item}\n"]
    else:
        start = lines.index("aliases:\n") + 1
        end = next((i for i in range(start, len(lines)) if not lines[i].startswith(" ")), len(lines))
        found = next((i for i in range(start, end) if lines[i].startswith(f"  {lang}:")), None)
        if found is None:
            lines[end:end] = [f"  {lang}:\n", f"    - {item}\n"]
        elif lines[found].strip() == f"{lang}: []":
            lines[found : found + 1] = [f"  {lang}:\n", f"    - {item}\n"]
        else:
            lines[found + 1 : found + 1] = [f"    - {item}\n"]
    path.write_text("".join(lines), encoding="utf-8")


def edit_function_text(data: Path, capability: str) -> None:
    """A key function's description reworded: the first function's English text."""
    path = data / "capabilities" / f"{capability}.yml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    words = document["functions"][0]["description"]["en"].split(" ")
    text = path.read_text(encoding="utf-8")
    start = " ".join(words[:4])
    assert text.count(start) == 1, f"{start!r} is not once in {path}"
    path.write_text(text.replace(start, " ".join(["In other words,", *words[:4]]), 1), encoding="utf-8")


# The shared build (tests/sitebuild.py) of the data with no tool rated and every capability renamed: the
# contribution drill checks the site's invariants on it, the radar its empty state.
UNRATED_AND_RENAMED = "contribution-drill-unrated"


def write_unrated_and_renamed(folder: Path) -> Path:
    """The other everyday state: no tool rated yet, and every capability renamed (so whichever one a
    contributor renames, the tests follow it; the one the tests name most first)."""
    data = copy_data(folder)
    unrate_every_tool(data)
    capabilities = sorted(load(data).capabilities, key=lambda id: id != CAPABILITY_ID)
    renamed = {old: rename(data, "capabilities", old) for old in capabilities}
    (folder / "done.json").write_text(json.dumps({"renamed capabilities": renamed}), encoding="utf-8")
    return data
