"""From validated documents to the knowledge base: the one place that reads data/ as a whole."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.kb.documents import Document, check_placement, iter_data_files, load_document, read_data_file
from macros.kb.editorial_checks import check_reasons_end_sentences, check_sentence_length, check_spacing
from macros.kb.gc_pause import cycle_collector_paused
from macros.kb.kinds import KINDS
from macros.kb.model import KnowledgeBase
from macros.kb.page_addresses import Taken, check_page_addresses, taken_addresses
from macros.kb.placeholders import check_placeholders, with_valid_ids, without_masked
from macros.kb.problems import Problem, errors_in
from macros.kb.schemas import check_schema
from macros.kb.textrules import check_texts
from macros.kb.translation import check_translations
from macros.kb.validation import check_knowledge_base, check_references, renamed_ids


@dataclass(frozen=True)
class LoadResult:
    """The knowledge base (None when any error stops it) and every problem found."""

    knowledge_base: KnowledgeBase | None
    problems: list[Problem]
    file_count: int

    @property
    def ok(self) -> bool:
        return not errors_in(self.problems)


@dataclass(frozen=True)
class _CheckedFile:
    """One data file as read and checked on its own: the same bytes always give the same result."""

    raw: bytes | None  # None: not kept (unreadable or too big; read again each time)
    document: Document
    problems: list[Problem]  # why it could not be read, or where it departs from its schema and text rules
    placeholders: list[Problem]
    warnings: list[Problem]  # kept apart: a file with warnings is still valid


# The files' own checks by path, for a data folder loaded again (`make serve`).
_Checked = dict[Path, _CheckedFile]
# Each valid file's entity by path, with the document it was built from.
_Built = dict[Path, tuple[Document, Any]]


def build_knowledge_base(data_dir: Path) -> LoadResult:
    """Read, check and assemble everything in data/, reporting all problems at once."""
    with cycle_collector_paused():
        return _assemble_checked(_check_files(data_dir, {}), {})


def _check_files(data_dir: Path, last: _Checked) -> dict[Path, Problem | _CheckedFile]:
    """Each file's placement problem or own checks; a file with the same bytes as in `last` is not checked again."""
    checked: dict[Path, Problem | _CheckedFile] = {}
    taken = taken_addresses()
    for path in iter_data_files(data_dir):
        placement = check_placement(path, data_dir)
        if placement:
            checked[path] = placement
            continue
        raw = read_data_file(path)
        kept = last.get(path)
        if kept is None or raw is None or kept.raw != raw:
            kept = _check_file(path, data_dir, raw, taken)
        checked[path] = kept
    return checked


def build_entity_alone(kind: str, id: str, raw: bytes, taken: Taken | None = None) -> tuple[Any | None, list[Problem]]:
    """One version of data/<kind>/<id>.yml from its bytes (a past one, from git), checked on its own
    with today's rules: the entity, or None and the errors that refuse it. No other data file is read.

    taken: the site's own page addresses (page_addresses.taken_addresses), when the caller has them."""
    checked = _check_file(Path("data", kind, f"{id}.yml"), Path("data"), raw, taken or taken_addresses())
    errors = errors_in(checked.problems + checked.placeholders)
    if errors:
        return None, errors
    return KINDS[kind].build(id, checked.document.data), []


def _check_file(path: Path, data_dir: Path, raw: bytes | None, taken: Taken) -> _CheckedFile:
    doc, read_problems = load_document(path, data_dir, raw)
    if read_problems:
        return _CheckedFile(raw, doc, read_problems, [], [])
    problems = [*check_schema(doc), *check_texts(doc), *check_page_addresses(doc, taken)]
    return _CheckedFile(
        raw,
        doc,
        problems,
        check_placeholders(doc),
        [*check_translations(doc), *check_spacing(doc), *check_sentence_length(doc), *check_reasons_end_sentences(doc)],
    )


def _assemble_checked(checked: dict[Path, Problem | _CheckedFile], built: _Built) -> LoadResult:
    """The checks across files, and the knowledge base of the valid ones (built: entities to reuse, updated)."""
    problems: list[Problem] = []
    placeholders: list[Problem] = []
    warnings: list[Problem] = []
    documents: list[Document] = []
    for item in checked.values():
        if isinstance(item, Problem):
            problems.append(item)
            continue
        problems += item.problems
        placeholders += item.placeholders
        warnings += item.warnings
        documents.append(item.document)
    # A scaffolded file fails on its placeholders alone, and is otherwise checked like any other.
    problems = without_masked(problems, placeholders)
    broken = {p.path for p in problems + placeholders}  # a placeholder may mask the file's other problems
    valid = [d for d in documents if d.path not in broken]
    kb = _assemble(valid, built)
    # Ids of every file, valid or not, so one broken file does not make its ids "unknown" elsewhere.
    known = {kind: {d.id for d in documents if d.kind == kind} for kind in KINDS}
    problems += check_knowledge_base(kb, {(d.kind, d.id): d for d in valid}, complete=not broken)
    renamed = renamed_ids(kb)
    for doc in documents:
        if doc.data is not None:
            problems += check_references(doc, known, renamed)
    problems = without_masked(problems, placeholders) + with_valid_ids(placeholders, known) + warnings
    return LoadResult(kb if not errors_in(problems) else None, problems, len(checked))


def _assemble(documents: list[Document], built: _Built) -> KnowledgeBase:
    """The knowledge base of valid documents; an entity whose document is in `built` is reused, and `built` becomes this one's."""
    entities: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    records: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    reused = dict(built)
    built.clear()
    for doc in sorted(documents, key=lambda d: (d.kind, d.id)):
        path = Path(doc.path)
        kept = reused.get(path)
        entity = kept[1] if kept is not None and kept[0] is doc else KINDS[doc.kind].build(doc.id, doc.data)
        built[path] = (doc, entity)
        entities[doc.kind][doc.id] = entity
        records[doc.kind][doc.id] = doc.data
    return KnowledgeBase(entities, records)


@dataclass
class _Loaded:
    """What the last load of a data folder left: each file's own checks, the entities, the result."""

    checked: _Checked
    built: _Built
    files: dict[Path, Problem | _CheckedFile]
    result: LoadResult


class KnowledgeBaseLoader:
    """Loads data folders again and again (each `make serve` rebuild), keeping what the last load of each left."""

    def __init__(self) -> None:
        self._last: dict[Path, _Loaded] = {}

    def load(self, data_dir: Path) -> LoadResult:
        """build_knowledge_base, for a folder loaded again: a file whose bytes did not change is not
        parsed and checked again, its entity is reused, and when no file changed the result is the
        last one. Bytes, not modification times, decide: an edit that keeps a file's time and size
        is still seen."""
        data_dir = data_dir.resolve()
        last = self._last.get(data_dir)
        with cycle_collector_paused():
            files = _check_files(data_dir, last.checked if last else {})
            if (
                last is not None
                and files.keys() == last.files.keys()
                and all(map(_same, files.values(), last.files.values()))
            ):
                return last.result
            built = last.built if last else {}
            result = _assemble_checked(files, built)
        checked = {path: item for path, item in files.items() if isinstance(item, _CheckedFile)}
        self._last[data_dir] = _Loaded(checked, built, files, result)
        return result


def _same(one: Problem | _CheckedFile, other: Problem | _CheckedFile) -> bool:
    # A file checked again is a new object; a placement problem is made again each time, equal if the same.
    return one is other or (isinstance(one, Problem) and one == other)
