"""Translations that are not translations yet: base-language text pasted into another language's field, or a note such as TBD.

Warnings, not errors: the page builds, and `make check` says which texts still wait for a translation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from macros.kb.documents import Document, Trail
from macros.kb.model import BASE_LANGUAGE, LANGUAGE_DETAILS
from macros.kb.problems import Problem

# The languages translated from the base one, each with the characters its sentences hold (if declared).
_TRANSLATED = {
    lang: re.compile(language.script) if language.script else None
    for lang, language in LANGUAGE_DETAILS.items()
    if lang != BASE_LANGUAGE
}
# A sentence, not a name: product names (MLflow, Vertex AI Model Registry) stay in Latin letters in Japanese.
_SENTENCE_WORDS = 5
# What people write when the translation is still to come.
_NOT_YET = {"tbd", "tba", "tbc", "todo", "fixme", "xxx", "wip", "n/a", "-", "?", "...", "…", "未翻訳", "翻訳中", "未定"}


def check_translations(doc: Document) -> list[Problem]:
    """A warning for each translated text (`ja`) that is a to-do note, or a sentence without its language's script."""
    problems = []
    for trail, text in _translated_texts(doc.data, ()):
        language, script = LANGUAGE_DETAILS[str(trail[-1])], _TRANSLATED[str(trail[-1])]
        words = text.strip().rstrip(".:!").strip().casefold()
        if words in _NOT_YET:
            problems.append(
                doc.problem(
                    trail,
                    f"{text.strip()!r} is not a translation yet (write the {language.name} text)",
                    severity="warning",
                )
            )
        elif script and not script.search(text) and len(text.split()) >= _SENTENCE_WORDS:
            problems.append(
                doc.problem(
                    trail,
                    f"the {language.name} text is in {LANGUAGE_DETAILS[BASE_LANGUAGE].name} "
                    "(translate it, or ask for a translation in your pull request)",
                    severity="warning",
                )
            )
    return problems


def _translated_texts(value: Any, trail: Trail) -> Iterator[tuple[Trail, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _TRANSLATED and isinstance(item, str):
                yield trail + (key,), item
            else:
                yield from _translated_texts(item, trail + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _translated_texts(item, trail + (i,))
