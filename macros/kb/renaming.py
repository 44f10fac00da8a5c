"""Renaming an entity: its file moved, its old id kept in `former_ids`, every reference to it rewritten.

References are found by parsing each data file (the kind registry says which fields name which
kind) and rewritten at the place the parser gives, so comments, quoting and layout stay as they were;
nothing is replaced by searching the text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from macros.kb.documents import Document, format_trail, is_ignored, load_document
from macros.kb.kinds import KINDS
from macros.kb.patterns import is_id
from macros.kb.problems import shown
from macros.kb.validation import values_at

# Both spellings name a kind: the schema's singular (capability) and the data folder (capabilities).
FOLDERS = {**{folder: folder for folder in KINDS}, **{kind.schema: folder for folder, kind in KINDS.items()}}


class RenameError(Exception):
    """Why nothing was renamed."""


@dataclass(frozen=True)
class Reference:
    """One place a data file names the renamed entity."""

    path: str  # data/<folder>/<id>.yml, as messages show it
    line: int
    column: int
    field: str  # the field's trail, e.g. recommendations[2].capability


@dataclass(frozen=True)
class Renamed:
    """What a rename did: the file moved, the former id added (or not: a kind that keeps none), each reference."""

    moved: tuple[str, str]
    former_id_added: bool
    references: tuple[Reference, ...]


def rename_entity(data_dir: Path, kind: str, old: str, new: str) -> Renamed:
    """Rename `old` to `new` in the data folder; refuses, changing nothing, when the rename cannot be done whole."""
    folder = FOLDERS.get(kind)
    if folder is None:
        raise RenameError(f"unknown kind {shown(kind)} (expected one of {', '.join(k.schema for k in KINDS.values())})")
    for id in (old, new):
        if not is_id(id):
            raise RenameError(f"{shown(id)} is not a valid id: lowercase letters and digits in words joined by hyphens")
    source, target = data_dir / folder / f"{old}.yml", data_dir / folder / f"{new}.yml"
    shown_source, shown_target = (_shown_path(data_dir, p) for p in (source, target))
    # Moved by hand already (git mv): the rest is still to do.
    moved_by_hand = not os.path.lexists(source) and os.path.isfile(target) and not target.is_symlink()
    if not moved_by_hand:
        if not source.is_file() or source.is_symlink():
            raise RenameError(f"{shown_source} does not exist (FROM is the id of a file in data/{folder}/)")
        if os.path.lexists(target):
            raise RenameError(f"{shown_target} already exists (choose another id)")
    documents = documents_of(data_dir)
    entity = next((d for d in documents if d.kind == folder and d.id == (new if moved_by_hand else old)), None)
    if entity is None or not isinstance(entity.data, dict):
        raise RenameError(f"{shown_target if moved_by_hand else shown_source} cannot be read: run make check")
    for doc in documents:
        if doc.kind == folder and new in (doc.data.get("former_ids") or [] if isinstance(doc.data, dict) else []):
            raise RenameError(f"'{new}' is a former id of {doc.path} (a new id must be free; choose another)")
    edits = {doc.path: (doc, list(references_to(doc, folder, old))) for doc in documents}
    texts = {path: rewrite_ids(doc, places, old, new) for path, (doc, places) in edits.items() if places}
    keeps_former = KINDS[folder].renamable and old not in (entity.data.get("former_ids") or [])
    entity_text = texts.get(entity.path, entity.text)
    if keeps_former:
        texts[entity.path] = add_former_id(entity_text, entity, old)
    for path, text in texts.items():
        (data_dir.parent / path).write_text(text, encoding="utf-8")
    if not moved_by_hand:
        source.rename(target)
    references = tuple(
        Reference(doc.path if doc.path != entity.path else shown_target, *doc.value_marks[trail], format_trail(trail))
        for doc, places in edits.values()
        for trail in places
    )
    return Renamed((shown_source, shown_target), keeps_former, references)


def _shown_path(data_dir: Path, path: Path) -> str:
    return path.relative_to(data_dir.parent).as_posix()


def documents_of(data_dir: Path) -> list[Document]:
    """Every readable data file of a known kind, parsed with the place of each value."""
    documents = []
    for folder in KINDS:
        if not (data_dir / folder).is_dir():
            continue
        for path in sorted((data_dir / folder).glob("*.yml")):
            if is_ignored(path.name) or path.is_symlink() or not path.is_file():
                continue
            doc, _problems = load_document(path, data_dir)
            if doc.data is not None:
                documents.append(doc)
    return documents


def references_to(doc: Document, folder: str, old: str) -> list[tuple[str | int, ...]]:
    """The trails of the fields of one file that name `old` of the kind `folder`."""
    kind = KINDS.get(doc.kind)
    if kind is None:
        return []
    return [
        trail
        for pattern, target in kind.references
        if target == folder
        for trail, value in values_at(doc.data, pattern, ())
        if value == old
    ]


def _offsets(text: str) -> list[int]:
    """Where each line starts (the loader accepts only \\n and \\r\\n as line breaks)."""
    starts, at = [0], 0
    for line in text.split("\n")[:-1]:
        at += len(line) + 1
        starts.append(at)
    return starts


def rewrite_ids(doc: Document, trails: list[tuple[str | int, ...]], old: str, new: str) -> str:
    """The file's text with the id at each trail replaced, latest place first so earlier offsets hold."""
    text, starts = doc.text, _offsets(doc.text)
    places = sorted(
        (starts[line - 1] + column - 1 for line, column in (doc.value_marks[t] for t in trails)), reverse=True
    )
    for at in places:
        quote = text[at] if text[at] in "'\"" else ""
        written = f"{quote}{old}{quote}"
        if not text.startswith(written, at):
            raise RenameError(f"{doc.path}: the id '{old}' is not written plainly where the parser found it")
        text = text[:at] + f"{quote}{new}{quote}" + text[at + len(written) :]
    return text


def add_former_id(text: str, doc: Document, old: str) -> str:
    """The file's text with `old` last in `former_ids` (oldest first): into a [flow list], a block list, or a new line."""
    former = doc.data.get("former_ids") if isinstance(doc.data, dict) else None
    lines = text.split("\n")
    if former is not None and ("former_ids",) in doc.key_marks:
        key_line = doc.key_marks[("former_ids",)][0] - 1
        if former and (("former_ids", len(former) - 1)) in doc.value_marks:
            last_line, last_column = doc.value_marks[("former_ids", len(former) - 1)]
            row = lines[last_line - 1]
            end = last_column - 1 + len(former[-1])
            end += 1 if row[last_column - 1 : last_column] in ("'", '"') else 0
            end += 1 if row[end : end + 1] in ("'", '"') else 0
            if last_line - 1 == key_line and "[" in row[: last_column - 1]:
                lines[last_line - 1] = row[:end] + f", {old}" + row[end:]
            else:  # a block list: the new item under the last, with the same "  - " before it
                lines.insert(last_line, row[: last_column - 1] + old)
            return "\n".join(lines)
        row = lines[key_line]
        lines[key_line] = row[: row.index(":") + 1] + f" [{old}]"
        return "\n".join(lines)
    ending = "" if text.endswith("\n") or not text else "\n"
    return f"{text}{ending}former_ids: [{old}]\n"
