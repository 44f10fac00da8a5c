"""Japanese text that is not Japanese yet: English pasted into a `ja:` field, or a note such as TBD.

Warnings, not errors: the page builds, and `make check` says which texts still wait for a translation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from macros.kb.documents import Document, Trail
from macros.kb.problems import Problem

# Kana, kanji and full-width forms: a Japanese text holds at least one.
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
# A sentence, not a name: product names (MLflow, Vertex AI Model Registry) stay in Latin letters in Japanese.
_SENTENCE_WORDS = 5
# What people write when the translation is still to come.
_NOT_YET = {"tbd", "tba", "tbc", "todo", "fixme", "xxx", "wip", "n/a", "-", "?", "...", "…", "未翻訳", "翻訳中", "未定"}


def check_japanese_text(doc: Document) -> list[Problem]:
    """A warning for each `ja` text that is a to-do note, or an English sentence."""
    problems = []
    for trail, text in _japanese_texts(doc.data, ()):
        words = text.strip().rstrip(".:!").strip().casefold()
        if words in _NOT_YET:
            problems.append(doc.problem(trail, f"{text.strip()!r} is not a translation yet (write the Japanese text)",
                                        severity="warning"))
        elif not _JAPANESE.search(text) and len(text.split()) >= _SENTENCE_WORDS:
            problems.append(doc.problem(trail, "the Japanese text is in English (translate it, or ask for a translation in "
                                               "your pull request)", severity="warning"))
    return problems


def _japanese_texts(value: Any, trail: Trail) -> Iterator[tuple[Trail, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "ja" and isinstance(item, str):
                yield trail + (key,), item
            else:
                yield from _japanese_texts(item, trail + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _japanese_texts(item, trail + (i,))
