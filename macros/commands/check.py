"""`python -m macros.commands.check [DATA_DIR]`: validate the data alone, as CI and pre-commit do."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from macros.kb.documents import Document, iter_data_files, load_document
from macros.kb.editorial_checks import SourceRuns, check_copying, names_not_compared
from macros.kb.load import build_knowledge_base
from macros.kb.model import LANGUAGES, KnowledgeBase
from macros.kb.problems import Problem, format_report
from macros.paths import DEFAULT_DATA_DIR, SOURCE_TEXT_DIR


def read_sources(source_dir: Path, kb: KnowledgeBase) -> tuple[dict[str, SourceRuns], list[Problem]]:
    """The source's text per language (<name>.<lang>.txt in source_dir); a file that cannot be read is skipped with a warning."""
    texts: dict[str, list[str]] = {}
    problems = []
    paths = sorted(source_dir.glob("*.txt")) if source_dir.is_dir() else []
    for path in paths:
        lang = path.suffixes[-2].removeprefix(".") if len(path.suffixes) >= 2 else ""
        if lang not in LANGUAGES:
            continue
        try:
            texts.setdefault(lang, []).append(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            reason = "not UTF-8 text" if isinstance(error, UnicodeDecodeError) else error.strerror or "unreadable"
            problems.append(
                Problem(str(path), 1, 1, f"the source's text could not be read ({reason}); not compared", "warning")
            )
    runs = {lang: SourceRuns("\n".join(found), names_not_compared(kb, lang)) for lang, found in texts.items()}
    return runs, problems


def copy_warnings(data_dir: Path, kb: KnowledgeBase, source_dir: Path = SOURCE_TEXT_DIR) -> list[Problem]:
    """Warnings for data text that copies long runs of the source (when the source's text is at hand)."""
    sources, problems = read_sources(source_dir, kb)
    if not sources:
        return problems
    documents: list[Document] = []
    for path in iter_data_files(data_dir):
        doc, read_problems = load_document(path, data_dir)
        if not read_problems and not path.is_symlink():
            documents.append(doc)
    return problems + list(check_copying(documents, sources))


def main(argv: list[str]) -> int:
    """Print every problem and a count; exit 1 when any is an error."""
    # A terminal whose encoding cannot show a text the messages quote (LANG=en_US.ISO-8859-1) gets it
    # escaped, as Python already does on stderr, never a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    data_dir = Path(argv[0]) if argv else DEFAULT_DATA_DIR
    if not data_dir.is_dir():
        print(f"{data_dir}: no such data folder", file=sys.stderr)
        return 2
    result = build_knowledge_base(data_dir)
    problems = result.problems
    if result.knowledge_base is not None:
        problems = problems + copy_warnings(data_dir, result.knowledge_base)
    print(format_report(problems, result.file_count), file=sys.stderr if not result.ok else sys.stdout)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
