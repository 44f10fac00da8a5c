"""`python -m macros.commands.check_schemas [FILE ...]`: data files against their JSON Schema, schemas against theirs.

The pre-commit JSON Schema hook: for the files given (all of data/ and macros/schemas/ when
none), each problem on its own line, as `make check` prints it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator

from macros.kb.documents import load_document
from macros.kb.kinds import KINDS
from macros.kb.problems import Problem, format_report
from macros.kb.schemas import check_schema
from macros.paths import DEFAULT_DATA_DIR, SCHEMA_DIR


def check_files(paths: list[Path]) -> list[Problem]:
    """Schema problems of the given data files and schema files."""
    problems: list[Problem] = []
    for path in paths:
        path = path.resolve()
        if path.suffix == ".json":
            schema = json.loads(path.read_text(encoding="utf-8"))
            problems += [
                Problem(path.name, 1, 1, f"not a valid JSON Schema: {error.message}")
                for error in Draft202012Validator(Draft202012Validator.META_SCHEMA).iter_errors(schema)
            ]
        elif path.parent.name in KINDS:
            doc, read_problems = load_document(path, path.parent.parent)
            problems += read_problems or check_schema(doc)
    return problems


def main(argv: list[str]) -> int:
    """Exit 1 when any file departs from its schema."""
    paths = [Path(a) for a in argv] or [*DEFAULT_DATA_DIR.glob("*/*.yml"), *SCHEMA_DIR.glob("*.json")]
    problems = check_files(paths)
    if problems:
        print(format_report(problems, len(paths)), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
