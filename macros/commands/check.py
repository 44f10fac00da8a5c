"""`python -m macros.commands.check [DATA_DIR]`: validate the data alone, as CI and pre-commit do."""

from __future__ import annotations

import sys
from pathlib import Path

from macros.kb.load import build_knowledge_base
from macros.kb.problems import format_report
from macros.paths import DEFAULT_DATA_DIR


def main(argv: list[str]) -> int:
    """Print every problem and a count; exit 1 when any is an error."""
    data_dir = Path(argv[0]) if argv else DEFAULT_DATA_DIR
    if not data_dir.is_dir():
        print(f"{data_dir}: no such data folder", file=sys.stderr)
        return 2
    result = build_knowledge_base(data_dir)
    print(format_report(result.problems, result.file_count), file=sys.stderr if not result.ok else sys.stdout)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
