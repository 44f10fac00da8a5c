"""Reads data files: which entries of data/ are data files, and their YAML text to plain values,
keeping where each value stands.

Every scalar stays a string (YAML 1.1 would turn `no` into False and `2021-06-25`
into a date); the schema decides what a value means, not the YAML parser.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from macros.kb.characters import describe, is_invisible
from macros.kb.kinds import KINDS
from macros.kb.patterns import is_id
from macros.kb.problems import Problem, shown

# libyaml's parser when the wheel has it: the same nodes and marks, several times faster.
_YAML_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

MAX_FILE_BYTES = 1_000_000
# Data files nest four levels and hold a few hundred values at most; far more is a mistake or an attack.
MAX_DEPTH = 20
MAX_VALUES = 10_000

Trail = tuple[str | int, ...]


@dataclass
class Document:
    """One data file's values, with the line and column of every value and key."""

    path: str
    kind: str
    id: str
    data: Any = None
    text: str = ""  # as read, for checks that a quick look at the text can settle
    value_marks: dict[Trail, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Trail, tuple[int, int]] = field(default_factory=dict)
    texts: list[tuple[Trail, str]] = field(default_factory=list)  # every text value, where it stands

    def where(self, trail: Trail, *, key: bool = False) -> tuple[int, int]:
        """The place of a value (or of its nearest key), falling back to its nearest parent."""
        prefixes = [trail[:end] for end in range(len(trail), -1, -1)]
        if key:
            place = next((self.key_marks[p] for p in prefixes if p in self.key_marks), None)
            if place:
                return place
        return next((self.value_marks[p] for p in prefixes if p in self.value_marks), (1, 1))

    def problem(self, trail: Trail, message: str, *, key: bool = False, severity: str = "error") -> Problem:
        """A problem at a field, its message led by the field's dotted trail."""
        line, column = self.where(trail, key=key)
        prefix = f"{format_trail(trail)}: " if trail else ""
        return Problem(self.path, line, column, prefix + message, severity)  # type: ignore[arg-type]


def format_trail(trail: Trail) -> str:
    """('recommendations', 2, 'why') -> 'recommendations[2].why'."""
    text = ""
    for part in trail:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def load_document(path: Path, root: Path, raw: bytes | None = None) -> tuple[Document, list[Problem]]:
    """Read one data file (raw: its bytes, already read by read_data_file); the problems say why its values could not be read."""
    relative = path.relative_to(root.parent).as_posix()
    doc = Document(path=relative, kind=path.parent.name, id=path.stem)
    text, problem = _read_text(path, relative) if raw is None else _decode(raw, relative)
    if problem:
        return doc, [problem]
    doc.text = text
    hidden_break = _HIDDEN_BREAK.search(text)
    if hidden_break:
        return doc, [_hidden_break_problem(relative, text, hidden_break.start())]
    try:
        too_big = _check_shape(text, relative)
        if too_big:
            return doc, [too_big]
        node = yaml.compose(text, Loader=_YAML_LOADER)
    except yaml.MarkedYAMLError as error:
        return doc, [_syntax_problem(relative, error, text)]
    except yaml.reader.ReaderError as error:
        return doc, [_character_problem(relative, error, text)]
    if node is None:
        return doc, [Problem(relative, 1, 1, "the file is empty (expected fields such as 'name: ...')")]
    problems: list[Problem] = []
    doc.data = _to_value(node, (), doc, problems, set())
    return doc, problems


def _read_text(path: Path, relative: str) -> tuple[str, Problem | None]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return "", Problem(
                relative,
                1,
                1,
                f"the file is {size / 1e6:.1f} MB; a data file may be at most {MAX_FILE_BYTES / 1e6:.0f} MB",
            )
        raw = path.read_bytes()
    except OSError as error:
        return "", Problem(relative, 1, 1, f"the file cannot be read ({error.strerror or error})")
    return _decode(raw, relative)


def read_data_file(path: Path) -> bytes | None:
    """A data file's bytes, or None when load_document would refuse to read it (too big, unreadable)."""
    try:
        with path.open("rb") as file:
            if os.fstat(file.fileno()).st_size > MAX_FILE_BYTES:
                return None
            raw = file.read()
    except OSError:
        return None
    return raw if len(raw) <= MAX_FILE_BYTES else None


def _decode(raw: bytes, relative: str) -> tuple[str, Problem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return "", Problem(relative, line, column, "the file is not UTF-8 text (save it as UTF-8)")


# YAML reads these as line breaks, where editors and diffs show none: a key could hide behind one.
_HIDDEN_BREAK = re.compile("[\x85\u2028\u2029]")


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    """The 1-based line and column of a position in a file's text."""
    return text.count("\n", 0, position) + 1, position - (text.rfind("\n", 0, position) + 1) + 1


def _hidden_break_problem(relative: str, text: str, position: int) -> Problem:
    line, column = _line_and_column(text, position)
    return Problem(
        relative,
        line,
        column,
        f"the file holds {describe(text[position])}, which YAML reads as a line break "
        "but editors may not show (remove it)",
    )


_SYNTAX_HINTS = {
    "mapping values are not allowed": "a value holding ': ' needs quotes",
    "could not find expected ':'": "each field is 'name: value'; a value on several lines is indented under its name",
    "found duplicate anchor": "anchors and aliases are not supported; write the value out",
    "found another document": "a data file holds one entity; remove the second '---'",
}


def _syntax_problem(relative: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = error.problem or error.context or "invalid YAML"
    hint = _indentation_hint(text, line, what) or next((h for key, h in _SYNTAX_HINTS.items() if key in what), None)
    # An invisible character (a byte-order mark pasted mid-file, a no-break space) is the cause the
    # reader cannot see: name it, when the parser stopped at it or after it (one later on the line,
    # inside a quoted value, is text, not the cause).
    invisible = next((c for c in _line_at(text, line)[:column] if c not in " \t\r\n" and is_invisible(c)), None)
    if invisible:
        hint = f"the line holds the invisible character {describe(invisible)}; remove it"
    # libyaml does not name the character it stopped at; a tab is the usual culprit.
    if not hint and ("\t" in what or "tab" in what or _char_at(text, line, column) == "\t"):
        hint = "indent with spaces, not tabs"
    return Problem(relative, line, column, f"YAML syntax: {what}" + (f" ({hint})" if hint else ""))


def _line_at(text: str, line: int) -> str:
    lines = text.split("\n", line)
    return lines[line - 1] if len(lines) >= line else ""


_KEY_LINE = re.compile(r"^( *)([A-Za-z_][\w-]*):(?: |$)")


def _indentation_hint(text: str, line: int, what: str) -> str | None:
    """The hint for a key indented more, or less, than the keys it belongs with (libyaml's own words
    for it are about ': ' in values and missing keys)."""
    lines = text.split("\n")
    here = _KEY_LINE.match(lines[line - 1]) if line <= len(lines) else None
    above = next(
        (
            _KEY_LINE.match(row) or row
            for row in reversed(lines[: line - 1])
            if row.strip() and not row.lstrip().startswith("#")
        ),
        None,
    )
    if not here or not isinstance(above, re.Match):
        return None
    indent, above_indent = len(here[1]), len(above[1])
    above_value = above.string[above.end() :].strip()  # a key with a value of its own opens no nested mapping
    if "mapping values are not allowed" in what and indent > above_indent and above_value[:1] not in ("", ">", "|"):
        return f"indentation: '{here[2]}' is indented more than '{above[2]}' above it; line it up with the keys it belongs with"
    if "did not find expected key" in what:
        spaces = "1 space" if indent == 1 else f"{indent} spaces"
        return f"indentation: '{here[2]}' is indented {spaces}, which matches no key above it; line it up with the keys it belongs with"
    return None


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line)
    return lines[line - 1][column - 1 : column] if len(lines) >= line else ""


def _character_problem(relative: str, error: yaml.reader.ReaderError, text: str) -> Problem:
    # The reader stops at the first character it refuses (libyaml counts bytes, so find it in the text).
    position = text.find(chr(error.character))
    line, column = _line_and_column(text, position)
    return Problem(
        relative,
        line,
        column,
        f"the file holds the control character U+{error.character:04X}, which YAML does not allow (remove it)",
    )


_TOO_DEEP = (
    f"nested more than {MAX_DEPTH} levels deep (data files nest a few levels; check the brackets and indentation)"
)


def _check_shape(text: str, relative: str) -> Problem | None:
    # Deep nesting overflows the YAML composer's C stack (a crash, not an error), and tens of
    # thousands of values take seconds to compose: count both on the parser's events first.
    # A text shorter than MAX_VALUES characters can do neither (a value takes about a character at
    # the least), so it skips the scan: _to_value stops its nesting instead, with the same message.
    if len(text) < MAX_VALUES:
        return None
    depth = values = 0
    for event in yaml.parse(text, Loader=_YAML_LOADER):
        mark = event.start_mark
        assert mark is not None  # the parser marks every event it makes
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent, yaml.AliasEvent)):
            values += 1
            if values > MAX_VALUES:
                return Problem(
                    relative,
                    mark.line + 1,
                    mark.column + 1,
                    f"holds more than {MAX_VALUES:,} values (a data file describes one entity; split it)",
                )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return Problem(relative, mark.line + 1, mark.column + 1, _TOO_DEEP)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


_ALIAS_REPORTED = -1  # never the id() of a node
# The tags the parser gives untagged values (and `!!str`, `!!seq`, `!!map`, which mean the same).
_PLAIN_TAGS = {
    yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
}
_STANDARD_TAGS = "tag:yaml.org,2002:"  # what `!!` stands for


def _to_value(node: yaml.Node, trail: Trail, doc: Document, problems: list[Problem], seen: set[int]) -> Any:
    doc.value_marks[trail] = (node.start_mark.line + 1, node.start_mark.column + 1)
    # An alias is the same node object met twice; refusing it also defuses alias bombs.
    if id(node) in seen:
        # Said once per file: an alias bomb would otherwise print thousands of lines.
        if _ALIAS_REPORTED not in seen:
            seen.add(_ALIAS_REPORTED)
            problems.append(
                doc.problem(trail, "anchors and aliases (& and *) are not supported (write the value out)", key=True)
            )
        return None
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:  # !!binary, !ENV, !!python/...: never constructed, never silently dropped
        tag = "!!" + node.tag.removeprefix(_STANDARD_TAGS) if node.tag.startswith(_STANDARD_TAGS) else node.tag
        problems.append(
            doc.problem(trail, f"the YAML tag {shown(tag)} is not supported: data is plain text (remove the tag)")
        )
        return None
    if isinstance(node, yaml.ScalarNode):
        doc.texts.append((trail, node.value))
        return node.value
    if len(trail) >= MAX_DEPTH:  # as _check_shape says of longer texts
        problems.append(Problem(doc.path, *doc.value_marks[trail], _TOO_DEEP))
        return None
    if isinstance(node, yaml.SequenceNode):
        return [_to_value(item, trail + (i,), doc, problems, seen) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.MappingNode)  # the parser makes no fourth kind of node
    return _to_mapping(node, trail, doc, problems, seen)


def _to_mapping(
    node: yaml.MappingNode, trail: Trail, doc: Document, problems: list[Problem], seen: set[int]
) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_place = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(
                Problem(doc.path, *key_place, f"{format_trail(trail) or 'file'}: a key must be a plain name")
            )
            continue
        key = key_node.value
        if key in mapping:
            first = doc.key_marks[trail + (key,)]
            problems.append(
                Problem(
                    doc.path,
                    *key_place,
                    f"{format_trail(trail + (key,))}: duplicate key (first set on line {first[0]}; keep one)",
                )
            )
            continue
        doc.key_marks[trail + (key,)] = key_place
        mapping[key] = _to_value(value_node, trail + (key,), doc, problems, seen)
    return mapping


def is_ignored(name: str) -> bool:
    """Hidden and editor files and folders (.#x.yml, x.yml~, .x.swp, #x.yml#, .git): never data."""
    return name.startswith((".", "#")) or name.endswith("~")


def iter_data_files(data_dir: Path) -> Iterator[Path]:
    """Every entry below the data folder but ignored ones: files, and links of any kind (never followed), in a stable order.

    The one listing of data/: the check, the build, `make serve` and its change detection all see these.
    """
    yield from sorted(_entries(data_dir))


def _entries(folder: Path) -> Iterator[Path]:
    try:
        listing = os.scandir(folder)
    except OSError:  # missing, not a folder, not readable: the folder itself is judged (check_placement)
        yield folder
        return
    with listing as entries:
        for entry in entries:
            if is_ignored(entry.name):
                continue
            if entry.is_dir(follow_symlinks=False):
                yield from _entries(Path(entry.path))
            else:  # a file, a link (to anything, or nothing) or something stranger: each is judged
                yield Path(entry.path)


def check_placement(path: Path, data_dir: Path) -> Problem | None:
    """Why an entry of data/ is no data file (where it is, what it is, its name), or None."""
    relative_path = path.relative_to(data_dir.parent)
    relative, parts = relative_path.as_posix(), relative_path.parts[1:]
    if path == data_dir:  # listed only when it could not be read (a KB_DATA_DIR naming no folder)
        return Problem(
            str(path), 1, 1, f"the data folder cannot be read ({_unlistable(path)}; name a folder of data files)"
        )
    if path.is_symlink():
        return _check_link(path, relative, data_dir)
    if path.is_dir():  # listed only when it could not be read
        return Problem(
            relative, 1, 1, f"a folder that cannot be read ({_unlistable(path)}; make it readable, or remove it)"
        )
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


def _unlistable(folder: Path) -> str:
    """Why a folder cannot be listed, as the system says it."""
    try:
        os.scandir(folder).close()
    except OSError as error:
        return error.strerror or type(error).__name__
    return "it could not be listed"


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
