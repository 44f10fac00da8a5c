"""Editorial warnings on data text: a reason that does not end as a sentence; and in a language
written without spaces (Japanese), spacing around punctuation and long runs copied from the source.

Warnings only: the text still builds. Returns problems; the caller reads the source's text. No I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from macros.kb.documents import Document, Trail
from macros.kb.kinds import folder_of
from macros.kb.model import LANGUAGE_DETAILS, KnowledgeBase, Source
from macros.kb.problems import Problem, shown
from macros.kb.spacing import needs_space

# Languages written without spaces between words, each with the characters of its script.
_UNSPACED = {
    lang: re.compile(details.script)
    for lang, details in LANGUAGE_DETAILS.items()
    if not details.spaced and details.script
}
# A half-width "(" after a letter or digit, and a word of the language after ")", spaced as the pages space
# them (macros.kb.spacing): 試験運用(パイロット), as the source writes it, but Weights & Biases (商用).
_OPEN_PAREN = re.compile(r"(?<=\w)[ \u3000]*\(")
_CLOSE_PAREN = re.compile(r"\)[ \u3000]*")
# 。 and 、 end a sentence or a clause: a space after them is a typing slip (or a line break in the YAML).
_SPACE_AFTER_MARK = re.compile(r"[。、][ \u3000]+")
# A label is followed by a half-width colon and a space in every language, as the source writes it
# (MLOps の利用を開始: …) and as the pages print their labels; a full-width ： is the other convention.
_FULL_WIDTH_COLON = "："
# A question or exclamation mark closing Japanese text is full-width (機能は？), as the language writes it.
_HALF_WIDTH_END_MARK = re.compile(r"[?!](?![\w/=&])")

# A sentence in a language written without spaces longer than this many characters carries more than one
# claim, and its subject shifts on the way (issue 27, point 19): 150 is about three lines of a page at 1280.
LONGEST_SENTENCE = 150
_SENTENCE = re.compile(r"[^。！？]+[。！？]?")

# A reason (`why`) is a sentence: a page joins two reasons of one recommendation, each ending as one.
_SENTENCE_END = re.compile("[.!?。！？][)）」』”’\"']*\\s*$")
_FULL_STOP = {lang: "。" if not details.spaced else "." for lang, details in LANGUAGE_DETAILS.items()}

# A run of this many characters (spaces and punctuation included) shared with the source is a copy,
# not a paraphrase. The glossary's forms and the names of capabilities and characteristics are masked
# first (a list of capability names is the source's by necessity); so is a quotation marked 「…」.
COPY_THRESHOLD = 20
_QUOTATION = re.compile("「[^「」]*」")
_MASK = "\0"
# A source's own entry (data/sources/) holds its title as published: the source's words by definition.
_NOT_COMPARED = frozenset({folder_of(Source)})


def _language_of(trail: Trail) -> str | None:
    """The unspaced language a text is in, from the language key in its trail, or None."""
    return next((part for part in trail if isinstance(part, str) and part in _UNSPACED), None)


def check_spacing(doc: Document) -> Iterator[Problem]:
    """Warnings: a half-width parenthesis spaced otherwise than the pages space one (a space next to a Latin
    word, none in Japanese text), a full-width colon, a half-width ? or ! after Japanese, and a space after 。 or 、."""
    for trail, text in doc.texts:
        lang = _language_of(trail)
        if lang is not None:
            for message in spacing_slips(lang, text):
                yield doc.problem(trail, message, severity="warning")


def spacing_slips(lang: str, text: str) -> Iterator[str]:
    """What is spaced wrong in a text of a language written without spaces, each as a message."""
    script = _UNSPACED[lang]
    for found in _OPEN_PAREN.finditer(text):
        yield from _paren_slip(text, found, needs_space(lang, text[: found.start()]))
    for found in _CLOSE_PAREN.finditer(text):
        if found.end() < len(text) and script.match(text[found.end()]):
            yield from _paren_slip(text, found, needs_space(lang, text[: found.start() + 1]))
    if _FULL_WIDTH_COLON in text:
        at = text.index(_FULL_WIDTH_COLON)
        yield f"a full-width colon in {shown(text[max(0, at - 8) : at + 8])} (write ': ', a half-width colon and a space, as the pages write labels)"
    for found in _HALF_WIDTH_END_MARK.finditer(text):
        if found.start() and script.match(text[found.start() - 1]):
            context = text[max(0, found.start() - 8) : found.end() + 8]
            yield f"a half-width '{found[0]}' after Japanese text in {shown(context)} (write the full-width {chr(ord(found[0]) + 0xFEE0)})"
    for found in _SPACE_AFTER_MARK.finditer(text):
        if found.end() < len(text):
            context = text[max(0, found.start() - 8) : found.end() + 8]
            yield (
                f"a space after '{found[0][0]}' in {shown(context)} (remove it; in a folded YAML text (>-), "
                "keep a Japanese paragraph on one line)"
            )


def _paren_slip(text: str, found: re.Match[str], wanted: bool) -> Iterator[str]:
    """A message where the space at a parenthesis (found) is not the one the pages write (wanted: one space)."""
    space = found[0].strip("()")
    if space == (" " if wanted else ""):
        return
    context = text[max(0, found.start() - 8) : found.end() + 8]
    paren = found[0].strip()
    if wanted:
        yield (
            f"no space at '{paren}' next to a word of another script in {shown(context)} "
            "(write one space, as in Weights & Biases (商用) and ML Metadata (MLMD) の状態)"
        )
    else:
        yield f"a space at '{paren}' in Japanese text in {shown(context)} (remove it, as in 試験運用(パイロット)の段階)"


def check_sentence_length(doc: Document) -> Iterator[Problem]:
    """Warnings: a sentence of a language written without spaces longer than LONGEST_SENTENCE characters."""
    for trail, text in doc.texts:
        if _language_of(trail) is None:
            continue
        for found in _SENTENCE.finditer(text):
            sentence = found[0].strip()
            if len(sentence) > LONGEST_SENTENCE:
                yield doc.problem(
                    trail,
                    f"a sentence of {len(sentence)} characters: {shown(sentence[:24])}… (split it in two or more; "
                    f"{LONGEST_SENTENCE} at most, one subject and one claim each)",
                    severity="warning",
                )


def check_reasons_end_sentences(doc: Document) -> Iterator[Problem]:
    """Warnings: a reason's text in any language that does not end with a sentence's final mark."""
    for trail, text in doc.texts:
        if "why" in trail and trail[-1] in _FULL_STOP and text.strip() and not _SENTENCE_END.search(text):
            yield doc.problem(
                trail,
                f"a reason ends without a full stop: {shown(text.strip()[-24:])} (end it with "
                f"'{_FULL_STOP[str(trail[-1])]}': a page may follow it with another reason of the same recommendation)",
                severity="warning",
            )


def names_not_compared(kb: KnowledgeBase, lang: str) -> set[str]:
    """Words any text may share with the source: the glossary's forms and the names of capabilities and characteristics."""
    forms: set[str] = set()
    for term in kb.terms.values():
        forms.update([term.term[lang], *term.also_in_source[lang]])
        if lang in term.in_source:
            forms.add(term.in_source[lang])
    forms.update(cap.name[lang] for cap in kb.capabilities.values())
    forms.update(char.name[lang] for char in kb.characteristics.values())
    return forms


class SourceRuns:
    """One language's source text, indexed by its runs of COPY_THRESHOLD characters."""

    def __init__(self, source: str, names: Iterable[str]) -> None:
        self.source = source
        self.runs = {source[i : i + COPY_THRESHOLD] for i in range(len(source) - COPY_THRESHOLD + 1)}
        ordered = sorted({n for n in names if n}, key=len, reverse=True)
        self.names = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def shared(self, text: str) -> Iterator[str]:
        """Each longest run of at least COPY_THRESHOLD characters the text shares with the source, outside quotations and names."""
        masked = _QUOTATION.sub(lambda m: _MASK * len(m[0]), text)
        if self.names:
            masked = self.names.sub(lambda m: _MASK * len(m[0]), masked)
        i = 0
        while i <= len(masked) - COPY_THRESHOLD:
            if masked[i : i + COPY_THRESHOLD] not in self.runs:
                i += 1
                continue
            end = i + COPY_THRESHOLD
            while end < len(masked) and masked[i : end + 1] in self.source:
                end += 1
            yield masked[i:end]
            i = end


def check_copying(documents: Iterable[Document], sources: Mapping[str, SourceRuns]) -> Iterator[Problem]:
    """Warnings: each text that shares a long run of characters with the source of its language."""
    for doc in documents:
        if doc.kind in _NOT_COMPARED:
            continue
        for trail, text in doc.texts:
            lang = _language_of(trail)
            if lang is None or lang not in sources:
                continue
            for run in sources[lang].shared(text):
                yield doc.problem(
                    trail,
                    f"shares {len(run)} characters in a row with the source: {shown(run, 40)} "
                    "(say it in your own words, or mark a quotation with 「」)",
                    severity="warning",
                )
