"""Git's record of a folder, asked for as machine output and read as data.

Git is asked for what it prints for programs: `-z` output, split only at the NUL bytes git puts
between fields, raw diff entries (modes, object ids, a status letter, the path) and blobs by
object id (`git cat-file --batch`: the bytes `git show <rev>:<path>` prints, for every version
in one process, never through a textconv or filter). Every setting that changes what git prints
is pinned on the command line, which overrides the repository's and the user's configuration.
Every call is bounded in time; whatever git prints that is not in the expected shape makes the
whole answer unreadable (GitUnreadable, with one line saying why), never half read.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# What a contributor's git settings could change in what we read, set back to git's defaults.
# (color.diff and color.ui both: the narrower one wins; log.showRoot: the first commit's files.)
_PINNED = (
    "color.ui=never",
    "color.diff=never",
    "diff.noprefix=false",
    "diff.mnemonicPrefix=false",
    "diff.relative=false",
    "diff.renames=false",
    "diff.external=",
    "core.quotePath=false",
    "log.showRoot=true",
    "log.showSignature=false",
    "log.follow=false",
    "log.decorate=false",
    "i18n.logOutputEncoding=UTF-8",
)
# The environment's ways of changing the same (GIT_CONFIG_PARAMETERS carries `git -c` settings).
_DROPPED_ENVIRONMENT = ("GIT_EXTERNAL_DIFF", "GIT_DIFF_OPTS", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT")
_SET_ENVIRONMENT = {
    "GIT_NO_REPLACE_OBJECTS": "1",  # `git replace` could show another commit in place of the real one
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_OPTIONAL_LOCKS": "0",
    "LC_ALL": "C",  # git's messages in one language: the line saying why the history is left out
}

_OBJECT_ID = "(?:[0-9a-f]{40}|[0-9a-f]{64})"  # SHA-1 or SHA-256
_HEADER = re.compile(rf"\n?({_OBJECT_ID}) (\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d))")
_RAW_ENTRY = re.compile(rf"\n?:([0-7]{{6}}) ([0-7]{{6}}) ({_OBJECT_ID}) ({_OBJECT_ID}) ([ACDMRTUX])")
_NO_OBJECT = re.compile("0+")
REGULAR_FILE_MODES = frozenset({"100644", "100755"})


class GitUnreadable(Exception):
    """The history cannot be read; the message says why, in one line."""


@dataclass(frozen=True)
class FileChange:
    """One file's change in one commit, as git's raw diff states it (`blob` None: no file on that side)."""

    path: str  # relative to the folder asked about, exactly as git stores it
    status: str  # A added, D deleted, M modified, T type changed
    old_blob: str | None
    new_blob: str | None
    new_mode: str


@dataclass(frozen=True)
class Commit:
    """One commit of the folder's first-parent history, with the files it changed there."""

    hash: str
    date: str  # committer date, strict ISO 8601
    files: tuple[FileChange, ...]


@dataclass(frozen=True)
class Deadline:
    """The moment by which every git call of one reading must be done."""

    at: float

    @staticmethod
    def after(seconds: float) -> Deadline:
        return Deadline(time.monotonic() + seconds)

    def left(self) -> float:
        left = self.at - time.monotonic()
        if left <= 0:
            raise GitUnreadable("reading it took too long")
        return left


def read_commits(folder: Path, deadline: Deadline) -> list[Commit]:
    """The folder's commits on the first-parent line, oldest first, each with its changes inside the folder.

    A merge counts as one commit with every change it brought (against its first parent), so the
    history is one line of states, as the branch saw them.
    """
    shallow = run_git(folder, deadline, "rev-parse", "--is-shallow-repository").strip()
    if shallow == b"true":
        raise GitUnreadable("the clone is shallow (fetch the whole history: fetch-depth: 0)")
    output = run_git(
        folder,
        deadline,
        "log",
        "-z",
        "--reverse",
        "--first-parent",
        "--diff-merges=first-parent",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--no-notes",
        "--no-decorate",
        "--no-show-signature",
        "--relative",
        "--format=%H %cI",
        "--",
        ".",
    )
    return parse_log(output)


def parse_log(output: bytes) -> list[Commit]:
    """Commits from `git log -z --raw --format='%H %cI'`: a header, then raw entries each followed by its path."""
    fields = output.split(b"\0")
    if fields and fields[-1] in (b"", b"\n"):
        fields.pop()
    commits: list[Commit] = []
    files: list[FileChange] = []
    header: re.Match[str] | None = None
    index = 0
    while index < len(fields):
        text = _ascii(fields[index])
        entry = _RAW_ENTRY.fullmatch(text) if header else None
        if entry and index + 1 < len(fields):
            _, new_mode, old_blob, new_blob, status = entry.groups()
            path = fields[index + 1].decode("utf-8", "surrogateescape")
            files.append(FileChange(path, status, _blob(old_blob), _blob(new_blob), new_mode))
            index += 2
            continue
        next_header = _HEADER.fullmatch(text)
        if next_header is None:
            raise GitUnreadable("git printed its log in a form this build does not know")
        if header:
            commits.append(Commit(header[1], header[2], tuple(files)))
        header, files = next_header, []
        index += 1
    if header:
        commits.append(Commit(header[1], header[2], tuple(files)))
    return commits


def _ascii(field: bytes) -> str:
    """A field git writes in ASCII (a header or a raw entry); anything else matches neither."""
    return field.decode("ascii", "replace")


def _blob(object_id: str) -> str | None:
    return None if _NO_OBJECT.fullmatch(object_id) else object_id


def read_blobs(folder: Path, blobs: Iterable[str], deadline: Deadline, max_bytes: int) -> dict[str, bytes | None]:
    """Each blob's bytes by object id (None: larger than max_bytes), in one `git cat-file --batch`."""
    wanted = list(dict.fromkeys(blobs))
    if not wanted:
        return {}
    output = run_git(folder, deadline, "cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in wanted).encode())
    found: dict[str, bytes | None] = {}
    position = 0
    for blob in wanted:
        end = output.find(b"\n", position)
        header = output[position:end].decode("ascii", "replace").split(" ")
        if end < 0 or len(header) != 3 or header[0] != blob or header[1] != "blob" or not header[2].isdigit():
            raise GitUnreadable("git printed a file of its history in a form this build does not know")
        size = int(header[2])
        start = end + 1
        position = start + size + 1  # each object's bytes are followed by a line break
        if position > len(output):
            raise GitUnreadable("git printed a file of its history cut short")
        found[blob] = output[start : start + size] if size <= max_bytes else None
    return found


def run_git(folder: Path, deadline: Deadline, *args: str, stdin: bytes | None = None) -> bytes:
    """Git's output for one command in the folder, with output settings pinned, within the deadline."""
    pins = [option for setting in _PINNED for option in ("-c", setting)]
    environment = {k: v for k, v in os.environ.items() if not _dropped(k)} | _SET_ENVIRONMENT
    try:
        result = subprocess.run(
            ["git", "--no-pager", *pins, "-C", str(folder), *args],
            input=stdin,
            capture_output=True,
            env=environment,
            timeout=deadline.left(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GitUnreadable("reading it took too long") from None
    except OSError as error:
        raise GitUnreadable(f"git could not be run ({error.strerror or error})") from None
    if result.returncode != 0:
        first_line = next(iter(result.stderr.decode("utf-8", "replace").strip().splitlines()), "")
        raise GitUnreadable(f"git says: {first_line[:200]}" if first_line else f"git failed ({result.returncode})")
    return result.stdout


def _dropped(name: str) -> bool:
    return name in _DROPPED_ENVIRONMENT or name.startswith(("GIT_CONFIG_KEY_", "GIT_CONFIG_VALUE_"))
