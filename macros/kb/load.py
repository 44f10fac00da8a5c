"""From validated documents to the knowledge base: the one place that reads data/ as a whole."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.kb.documents import Document, iter_data_files, load_document
from macros.kb.gc_pause import cycle_collector_paused
from macros.kb.kinds import KINDS
from macros.kb.model import KnowledgeBase
from macros.kb.patterns import is_id
from macros.kb.placeholders import check_placeholders, with_valid_ids, without_masked
from macros.kb.problems import Problem, errors_in, shown
from macros.kb.schemas import check_schema
from macros.kb.textrules import check_texts
from macros.kb.translation import check_translations
from macros.kb.validation import _renamed, check_knowledge_base, check_references


@dataclass(frozen=True)
class LoadResult:
    """The knowledge base (None when any error stops it) and every problem found."""

    knowledge_base: KnowledgeBase | None
    problems: list[Problem]
    file_count: int

    @property
    def ok(self) -> bool:
        return not errors_in(self.problems)


def build_knowledge_base(data_dir: Path) -> LoadResult:
    """Read, check and assemble everything in data/, reporting all problems at once."""
    with cycle_collector_paused():
        return _build_knowledge_base(data_dir)


def _build_knowledge_base(data_dir: Path) -> LoadResult:
    problems: list[Problem] = []
    placeholders: list[Problem] = []
    warnings: list[Problem] = []  # kept apart: a file with warnings is still valid
    documents: list[Document] = []
    files = list(iter_data_files(data_dir))
    for path in files:
        placement = _check_placement(path, data_dir)
        if placement:
            problems.append(placement)
            continue
        doc, read_problems = load_document(path, data_dir)
        if not read_problems:
            placeholders += check_placeholders(doc)
            warnings += check_translations(doc)
        problems += read_problems or [*check_schema(doc), *check_texts(doc)]
        documents.append(doc)
    # A scaffolded file fails on its placeholders alone, and is otherwise checked like any other.
    problems = without_masked(problems, placeholders)
    broken = {p.path for p in problems + placeholders}  # a placeholder may mask the file's other problems
    valid = [d for d in documents if d.path not in broken]
    kb = _assemble(valid)
    # Ids of every file, valid or not, so one broken file does not make its ids "unknown" elsewhere.
    known = {kind: {d.id for d in documents if d.kind == kind} for kind in KINDS}
    problems += check_knowledge_base(kb, {(d.kind, d.id): d for d in valid}, complete=not broken)
    renamed = _renamed(kb)
    for doc in documents:
        if doc.data is not None:
            problems += check_references(doc, known, renamed)
    problems = without_masked(problems, placeholders) + with_valid_ids(placeholders, known) + warnings
    return LoadResult(kb if not errors_in(problems) else None, problems, len(files))


def _check_placement(path: Path, data_dir: Path) -> Problem | None:
    relative_path = path.relative_to(data_dir.parent)
    relative, parts = relative_path.as_posix(), relative_path.parts[1:]
    if path.is_symlink():
        return _check_link(path, relative, data_dir)
    if not path.is_file():
        return Problem(relative, 1, 1, "not a regular file (data files are plain text files; remove it)")
    if len(parts) != 2 or parts[0] not in KINDS:
        folders = ", ".join(f"data/{k}/" for k in KINDS)
        return Problem(relative, 1, 1, f"not in a data folder (data files go in {folders})")
    if path.suffix != ".yml":
        return Problem(relative, 1, 1, f"data files end in .yml (rename it to {path.stem}.yml)")
    if not is_id(path.stem):
        return Problem(
            relative,
            1,
            1,
            f"{shown(path.stem)} is not a valid id: the file name is the id, in kebab-case (e.g. model-registry.yml)",
        )
    return None


def _check_link(path: Path, relative: str, data_dir: Path) -> Problem:
    """Links are refused: each is one file read twice, or one from outside, or nothing at all."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 and 3.12 raise it for a loop; 3.13 an OSError
        return Problem(relative, 1, 1, "a link that leads back to itself (a loop; remove it)")
    except OSError as error:
        if error.errno == errno.ELOOP:
            return Problem(relative, 1, 1, "a link that leads back to itself (a loop; remove it)")
        return Problem(relative, 1, 1, "a link to nothing (its target does not exist; remove it)")
    inside = data_dir.resolve()
    if target != inside and inside not in target.parents:
        if target.is_dir():
            return Problem(relative, 1, 1, "a folder in data/ may not link outside data/ (copy its files in instead)")
        return Problem(relative, 1, 1, "a data file may not link outside data/ (copy the file in instead)")
    if target.is_dir():
        return Problem(relative, 1, 1, "a folder in data/ may not be a link (move its files in instead)")
    return Problem(
        relative,
        1,
        1,
        f"a data file may not be a link (this one shows {target.relative_to(data_dir.parent).as_posix()} a second time; remove it)",
    )


def _assemble(documents: list[Document]) -> KnowledgeBase:
    entities: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    records: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    for doc in sorted(documents, key=lambda d: (d.kind, d.id)):
        entities[doc.kind][doc.id] = KINDS[doc.kind].build(doc.id, doc.data)
        records[doc.kind][doc.id] = doc.data
    return KnowledgeBase(entities, records)


_cache: dict[Path, tuple[tuple[object, ...], LoadResult]] = {}


def load_knowledge_base(data_dir: Path) -> LoadResult:
    """build_knowledge_base, reused while no data file has changed (each `make serve` rebuild)."""
    data_dir = data_dir.resolve()
    stamp = _fingerprint(data_dir)
    cached = _cache.get(data_dir)
    if cached and cached[0] == stamp:
        return cached[1]
    result = build_knowledge_base(data_dir)
    _cache[data_dir] = (stamp, result)
    return result


def current_knowledge_base(data_dir: Path) -> LoadResult:
    """What load_knowledge_base last returned for data_dir, without looking at the files again.

    For the later steps of a build that loaded the data in its first step: a build asks about
    fifteen times, and at `l` each look at the 3,000 files' dates takes about 14 ms.
    """
    cached = _cache.get(data_dir.resolve())
    return cached[1] if cached else load_knowledge_base(data_dir)


def _fingerprint(data_dir: Path) -> tuple[object, ...]:
    # The files the build reads, as it lists them, each looked at without following a link: an
    # editor's lock file (a link to nothing) or a loop is ignored or reported, never a crash.
    entries = []
    for path in iter_data_files(data_dir):
        info = path.lstat()
        entries.append((path, info.st_mtime_ns, info.st_size))
    return tuple(entries)
