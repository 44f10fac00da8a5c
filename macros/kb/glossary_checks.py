"""The glossary's checks: each term is coherent, and no text uses a form the glossary rejects.

A rejected form is only a warning: the text still builds, and the contributor sees where to
write the glossary's form instead. Returns problems; does no I/O.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from macros.kb.documents import Document, Trail, format_trail
from macros.kb.kinds import folder_of
from macros.kb.model import LANGUAGE_DETAILS, LANGUAGES, KnowledgeBase, Term
from macros.kb.problems import Problem, shown

# Fields whose values are other names people search for: a rejected form belongs there.
_EXEMPT_FIELDS = {"aliases"}
# A one-character form (の, a) occurs in nearly every text: its warnings would bury the real ones.
_SHORTEST_REJECTED = 2


def check_terms(kb: KnowledgeBase, docs: dict[tuple[str, str], Document]) -> Iterator[Problem]:
    """A term that differs from the source says why; a rejected form is rejected once and is no term's own form."""
    own_forms = {lang: {term.term[lang]: term.id for term in kb.terms.values()} for lang in LANGUAGES}
    rejected_by: dict[tuple[str, str], str] = {}
    for term in kb.terms.values():
        doc = docs[folder_of(Term), term.id]
        for lang, source_form in term.differing_source_forms():
            if term.note is None:
                yield doc.problem(
                    ("term", lang),
                    f"differs from the source's form {shown(source_form)} "
                    "(add note: {en: ..., ja: ...} saying why we write it otherwise)",
                )
        for lang in LANGUAGES:
            for i, form in enumerate(term.rejected[lang]):
                if len(form.strip()) < _SHORTEST_REJECTED:
                    yield doc.problem(
                        ("rejected", lang, i),
                        f"{shown(form)} is a single character: make check would flag "
                        "it in almost every text (reject the whole wrong word instead)",
                    )
                    continue
                owner = next((owner for own, owner in own_forms[lang].items() if _occurs(form, own, lang)), None)
                if owner:
                    yield doc.problem(
                        ("rejected", lang, i),
                        f"{shown(form)} is part of the form term '{owner}' writes "
                        "(a rejected form must not occur in the glossary's own forms)",
                    )
                first = rejected_by.setdefault((lang, form), term.id)
                if first != term.id:
                    yield doc.problem(
                        ("rejected", lang, i), f"{shown(form)} is already rejected by term '{first}' (keep it on one)"
                    )


def check_rejected_forms(terms: Iterable[Term], documents: Iterable[Document]) -> Iterator[Problem]:
    """Warnings: each place a text of one language uses a form the glossary rejects for that language."""
    # A too-short form is an error of its term (check_terms), not a warning at every text.
    forms = {
        lang: {form: term for term in terms for form in term.rejected[lang] if len(form.strip()) >= _SHORTEST_REJECTED}
        for lang in LANGUAGES
    }
    patterns = {lang: _pattern(list(found), lang) for lang, found in forms.items() if found}
    if not patterns:
        return
    for doc in documents:
        if doc.kind == folder_of(Term) or not doc.text:
            continue
        starts = sorted((place, trail) for trail, place in doc.value_marks.items())
        places = [place for place, _ in starts]
        for number, line in enumerate(doc.text.split("\n"), 1):
            if line.lstrip().startswith("#"):
                continue
            for lang, pattern in patterns.items():
                for match in pattern.finditer(line):
                    column = match.start() + 1
                    trail = _value_at(starts, places, (number, column))
                    if trail is None or lang not in trail or _EXEMPT_FIELDS & set(map(str, trail)):
                        continue
                    term = forms[lang][_key(match[0], forms[lang], lang)]
                    yield Problem(
                        doc.path,
                        number,
                        column,
                        f"{format_trail(trail)}: {shown(match[0])} is a form the glossary does not use "
                        f"(write {shown(term.term[lang])}; see data/{folder_of(Term)}/{term.id}.yml)",
                        "warning",
                    )


def _value_at(
    starts: list[tuple[tuple[int, int], Trail]], places: list[tuple[int, int]], place: tuple[int, int]
) -> Trail | None:
    """The value a place in the file belongs to: the last one that starts at or before it."""
    index = bisect.bisect_right(places, place) - 1
    return starts[index][1] if index >= 0 else None


def _pattern(forms: list[str], lang: str) -> re.Pattern[str]:
    # Longest first, so a longer rejected form is reported rather than a shorter one inside it.
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    # Japanese has no spaces between words; English forms match whole words, in any case.
    return (
        re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)
        if LANGUAGE_DETAILS[lang].spaced
        else re.compile(alternatives)
    )


def _key(found: str, forms: dict[str, Term], lang: str) -> str:
    return next(f for f in forms if f.casefold() == found.casefold()) if LANGUAGE_DETAILS[lang].spaced else found


def _occurs(form: str, text: str, lang: str) -> bool:
    return bool(_pattern([form], lang).search(text))
