"""Where the repository's folders are, declared once for every package of the generator."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
DEFAULT_DATA_DIR = REPO_ROOT / "data"
# The hand-written pages of every edition (mkdocs.yml's docs_dir; each other edition's is a folder in it).
DOCS_DIR = REPO_ROOT / "docs"
# The JSON Schemas stay at the top of macros/: data files name them in their first line.
SCHEMA_DIR = PACKAGE_DIR / "schemas"
TEMPLATE_DIR = PACKAGE_DIR / "site" / "templates"
STRINGS_DIR = PACKAGE_DIR / "site" / "strings"
SCAFFOLD_DIR = PACKAGE_DIR / "commands" / "scaffolds"
# The source post's text, one file per edition (<name>.<language>.txt), beside the repository when the
# team has it: make check compares the data's text with it. Not part of the repository.
SOURCE_TEXT_DIR = REPO_ROOT.parent / "shared" / "source"


def data_dir_of(config_file_path: str) -> Path:
    """A site's data folder: KB_DATA_DIR when set (tests, benchmarks), else data/ beside its mkdocs.yml."""
    import os

    return Path(os.environ.get("KB_DATA_DIR") or Path(config_file_path).parent / "data")
