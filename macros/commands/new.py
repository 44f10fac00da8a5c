"""`python -m macros.commands.new KIND ID` (or `make new KIND=... ID=...`): start a data file from its scaffold.

The new file has every required field, both languages and the schema comment for editors; its
only errors are the TODO placeholders left to replace.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from macros.kb.kinds import KINDS
from macros.kb.patterns import is_id
from macros.kb.problems import shown
from macros.paths import DEFAULT_DATA_DIR, SCAFFOLD_DIR

USAGE = "usage: make new KIND=<kind> ID=<id>   (e.g. make new KIND=capability ID=feature-flags)"

# Both spellings work: the schema's singular (capability) and the data folder (capabilities).
_FOLDERS = {**{folder: folder for folder in KINDS}, **{kind.schema: folder for folder, kind in KINDS.items()}}


class ScaffoldError(Exception):
    """Why no file was created."""


def build_new_entity(kind: str, id: str, data_dir: Path) -> Path:
    """Write data/<kind>/<id>.yml from the scaffold of its kind; refuses bad kinds, bad ids and existing files."""
    folder = _FOLDERS.get(kind)
    if folder is None:
        raise ScaffoldError(
            f"unknown kind '{kind}' (expected one of {', '.join(kind.schema for kind in KINDS.values())})"
        )
    if not is_id(id):
        raise ScaffoldError(
            f"{shown(id)} is not a valid id: use lowercase letters and digits in words joined by single hyphens (e.g. feature-flags)"
        )
    target = data_dir / folder / f"{id}.yml"
    shown_target = target.relative_to(data_dir.parent).as_posix()
    if os.path.lexists(target):
        if target.is_symlink():
            raise ScaffoldError(
                f"{shown_target} is a link (links are refused in data/; remove it, then run make new again)"
            )
        raise ScaffoldError(f"{shown_target} already exists (edit it, or choose another id)")
    # Written only inside the repository's data/ folder, never through a link to elsewhere.
    repository = data_dir.parent.resolve()
    for part in (data_dir, data_dir / folder):
        if part.is_symlink() or (part.exists() and part.resolve() != repository / part.relative_to(data_dir.parent)):
            raise ScaffoldError(
                f"{part.relative_to(data_dir.parent).as_posix()}/ is a link (data files are written only into the repository's data/ folder)"
            )
    target.parent.mkdir(parents=True, exist_ok=True)
    scaffold = (SCAFFOLD_DIR / f"{KINDS[folder].schema}.yml").read_bytes()
    # O_EXCL: a file or link that appeared since the checks above is never opened, let alone followed.
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    with os.fdopen(descriptor, "wb") as file:
        file.write(scaffold)
    return target


def main(argv: list[str]) -> int:
    """Create the file and say what to do next; exit 2 with the reason when refused."""
    if len(argv) != 2 or not all(argv):
        print(USAGE, file=sys.stderr)
        return 2
    try:
        target = build_new_entity(argv[0], argv[1], DEFAULT_DATA_DIR)
    except ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"created {target.relative_to(DEFAULT_DATA_DIR.parent).as_posix()}: replace each TODO, then run `make check`")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
