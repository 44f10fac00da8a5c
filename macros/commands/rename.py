"""`python -m macros.commands.rename KIND FROM TO` (or `make rename KIND=... FROM=... TO=...`): rename an entity.

Moves data/<kind>/FROM.yml to TO.yml, adds FROM to its `former_ids` (so its old address forwards),
rewrites every field of data/ that names FROM, and prints each change.
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.kb.renaming import RenameError, rename_entity
from macros.paths import DEFAULT_DATA_DIR

USAGE = "usage: make rename KIND=<kind> FROM=<old id> TO=<new id>   (e.g. make rename KIND=capability FROM=model-registry TO=model-catalog)"


def main(argv: list[str], data_dir: Path = DEFAULT_DATA_DIR) -> int:
    """Rename, then print what changed; exit 2 with the reason (nothing changed) when it cannot."""
    if len(argv) != 3 or not all(argv):
        print(USAGE, file=sys.stderr)
        return 2
    kind, old, new = argv
    try:
        renamed = rename_entity(data_dir, kind, old, new)
    except RenameError as error:
        print(f"make rename: {error}; nothing was changed", file=sys.stderr)
        return 2
    source, target = renamed.moved
    print(f"moved {source} -> {target}")
    if renamed.former_id_added:
        print(f"{target}: former_ids: added '{old}' (its old address forwards to the new page)")
    for ref in renamed.references:
        print(f"{ref.path}:{ref.line}:{ref.column}: {ref.field}: '{old}' -> '{new}'")
    print(f"{len(renamed.references)} references rewritten; run make check, then commit (git add -A data/)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
