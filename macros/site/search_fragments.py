"""The search index in fragments, so that a query fetches only what it needs.

Material's search fetches the whole `search/search_index.json` on every page and builds a lunr
index from it in the reader's browser: at a few thousand pages that is megabytes before the first
result. This module cuts the same index into files under `search/kb/`, which the site's search
worker (`overrides/assets/javascripts/workers/kb-search.js`) fetches as a query needs them, and
leaves at `search/search_index.json` only what Material's page script reads of an index (its
`config`, no documents) and the build's version in `config.kb`: every page fetches that, and it
does not grow with the site. Under `search/kb/`:

- `index.json`: the table the worker fetches at the first query, in `config.kb`: the number of
  entries, where each page's entries start, the entries' boosts other than 1, the stop words,
  the CJK ranges, the fragments there are and the build's version;
- `t/<key>.json`: the terms whose first code points are `key` (three, or the whole term if
  shorter; one for CJK terms), each with its postings (below);
- `p/<n>.json`: page n's entries as the index has them (title, text, names...), for the results
  shown; `titles.json`: every page's address, title and type, for results below those;
- `w/<n>.json`: the words of n letters and how many entries hold each, for typo correction.

A term's postings are, for each field holding it (in the order of `config.fields`), the field's
number, then for each entry holding it there (in order) the distance from the previous entry's
number and the term's frequency. From them the worker computes lunr's scores exactly as lunr.js
computes them when it builds its index: Material builds lunr with `b(0)`, so a term's score in a
field of an entry is idf × (k1 + 1)·tf / (k1 + tf) × the field's boost × the entry's boost, which
does not depend on the entry's length, and idf depends only on how many fields of how many
entries hold the term. Terms are Material's: the text outside tags, lower-cased, split at the
configured separator, stop words dropped when the configured pipeline has the stop-word filter;
so English queries score exactly as they did with lunr. Runs of CJK characters, which Japanese
writes without spaces, also give their overlapping pairs of characters, so that a query finds a
word inside a longer one (ストア in 特徴量ストア); a word wholly in CJK is indexed by its pairs alone.

File names are hexadecimal code points, never data text.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from lunr.stop_word_filter import WORDS as STOP_WORDS

FOLDER = "kb"  # under search/
KEY_LENGTH = 3  # code points of a term that name its fragment; shorter query words match whole terms only
# Japanese and Chinese script: kana, CJK ideographs (with the astral extensions), iteration marks.
CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x3005, 0x3007),
    (0x3041, 0x30FF),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9F),
    (0x20000, 0x3134F),
)
_CJK = re.compile("([" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in CJK_RANGES) + "]+)")
_TAG = re.compile(r"<[^>]*>")
_LATIN_WORD = re.compile(r"(?<!\w)[a-z0-9]{3,}(?!\w)")


# JavaScript's \s, which the browser's search reads in the configured separator: Python's \s also
# holds U+001C-U+001F and U+0085, and lacks U+FEFF (found by tests/browser/test_search_tokeniser.py).
_JS_SPACE = r"\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def separator_of(source: str) -> re.Pattern[str]:
    r"""The configured word separator (a JavaScript pattern) as the browser reads it: its \s is JavaScript's."""
    pieces, in_class, at = [], False, 0
    while at < len(source):
        pair = source[at : at + 2]
        if pair == r"\s":
            pieces.append(_JS_SPACE if in_class else f"[{_JS_SPACE}]")
        elif pair[:1] == "\\":
            pieces.append(pair)
        else:
            in_class = (pair[:1] == "[" and not in_class) or (in_class and pair[:1] != "]")
            pieces.append(pair[:1])
            at += 1
            continue
        at += 2
    return re.compile("".join(pieces))


def terms_of(text: str, separator: re.Pattern[str], stop_words: frozenset[str]) -> list[str]:
    """The terms of an index text (HTML), in order: Material's words, and the pairs of characters of their CJK runs."""
    pieces = [piece for piece in separator.split(_TAG.sub(" ", text).lower()) if piece and piece not in stop_words]
    if not _CJK.search(text):
        return pieces
    terms = []
    for piece in pieces:
        runs = [part for part in _CJK.split(piece) if part and _CJK.fullmatch(part)]
        if "".join(runs) != piece:  # words wholly in CJK are found by their pairs alone
            terms.append(piece)
        for run in runs:
            terms += (run[i : i + 2] for i in range(max(1, len(run) - 1)))
    return terms


def words_of(text: str) -> set[str]:
    """The plain Latin words of an index text (runs of three letters or digits or more): typo correction's vocabulary."""
    return set(_LATIN_WORD.findall(html.unescape(_TAG.sub(" ", text)).lower()))


def fragment_key(term: str) -> str:
    """The fragment a term is in: its first code points, as a file name."""
    head = term[:1] if _CJK.match(term) else term[:KEY_LENGTH]
    return "-".join(f"{ord(char):x}" for char in head)


def _values(value: Any) -> tuple[str, ...]:
    """A field's texts: Material's fields are a text or a list of texts."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(item for item in value if isinstance(item, str))


class _TextCache:
    """Each field value's term frequencies and words, kept between the builds of one `make serve`."""

    def __init__(self) -> None:
        self.terms: dict[tuple[Any, ...], list[tuple[str, int]]] = {}
        self.words: dict[str, set[str]] = {}

    def frequencies(
        self, texts: tuple[str, ...], separator: re.Pattern[str], stop_words: frozenset[str]
    ) -> list[tuple[str, int]]:
        """A field's terms and how often each occurs in it."""
        key = (texts, separator.pattern, stop_words)
        found = self.terms.get(key)
        if found is None:
            terms = terms_of(texts[0], separator, stop_words)
            for text in texts[1:]:
                terms += terms_of(text, separator, stop_words)
            found = self.terms[key] = list(Counter(terms).items())
        return found

    def vocabulary(self, text: str) -> set[str]:
        found = self.words.get(text)
        if found is None:
            found = self.words[text] = words_of(text)
        return found


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def build_fragments(index: dict[str, Any], cache: _TextCache | None = None) -> dict[str, bytes]:
    """Every file of the fragmented index (path under search/kb/ -> content) from Material's index;
    cache: the field values' terms from the builds before (FragmentWriter keeps one)."""
    if cache is None:
        cache = _TextCache()
    config = index["config"]
    separator = separator_of(config["separator"])
    stop_words = frozenset(STOP_WORDS) if "stopWordFilter" in config.get("pipeline", ()) else frozenset()
    fields = list(config["fields"])

    # Entries grouped by page, as Material's results group them: a page's first entry is the page.
    pages: dict[str, list[dict[str, Any]]] = {}
    for doc in index["docs"]:
        pages.setdefault(doc["location"].split("#")[0], []).append(doc)
    docs = [doc for entries in pages.values() for doc in entries]
    starts, position = [], 0
    for entries in pages.values():
        starts.append(position)
        position += len(entries)

    # Each term's postings in each field, as the worker reads them (the module's docstring).
    flats: list[dict[str, list[int]]] = [{} for _ in fields]
    lasts: list[dict[str, int]] = [{} for _ in fields]
    vocabulary: Counter[str] = Counter()
    for number, doc in enumerate(docs):
        for bit, field in enumerate(fields):
            texts = _values(doc.get(field))
            if not texts:
                continue
            flat_of, last = flats[bit], lasts[bit]
            for term, tf in cache.frequencies(texts, separator, stop_words):
                flat = flat_of.get(term)
                if flat is None:
                    flat_of[term] = [bit, number, tf]
                else:
                    flat += (number - last[term], tf)
                last[term] = number
        words: set[str] = set()
        for field in ("title", "text", "names"):
            for text in _values(doc.get(field)):
                words |= cache.vocabulary(text)
        vocabulary.update(words)

    chunks: dict[str, dict[str, list[list[int]]]] = {}
    for term in sorted(set().union(*flats)):
        chunks.setdefault(fragment_key(term), {})[term] = [flat[term] for flat in flats if term in flat]

    files: dict[str, bytes] = {f"t/{key}.json": _dump(chunk) for key, chunk in chunks.items()}
    for number, entries in enumerate(pages.values()):
        files[f"p/{number}.json"] = _dump(entries)
    files["titles.json"] = _dump(
        [[page[0]["location"], page[0].get("title", ""), page[0].get("kind", "")] for page in pages.values()]
    )
    by_length: dict[int, dict[str, int]] = {}
    for word in sorted(vocabulary):
        by_length.setdefault(len(word), {})[word] = vocabulary[word]
    files.update({f"w/{length}.json": _dump(words) for length, words in by_length.items()})

    version = hashlib.blake2b(digest_size=8)
    for name in sorted(files):
        version.update(name.encode() + b"\0" + files[name])
    kb = {
        "version": version.hexdigest(),
        "entries": len(docs),
        "starts": starts,
        "boosts": {number: doc["boost"] for number, doc in enumerate(docs) if doc.get("boost") and doc["boost"] != 1},
        "stopWords": sorted(stop_words),
        "cjk": [list(pair) for pair in CJK_RANGES],
        "keyLength": KEY_LENGTH,
        "lengths": sorted(by_length),
        "keys": sorted(chunks),
    }
    files["index.json"] = _dump({"config": {**config, "kb": kb}, "docs": []})
    return files


def page_index(fragments: dict[str, bytes]) -> bytes:
    """What every page fetches at search/search_index.json: Material's config, no documents, and the
    fragments' version, by which the worker asks for the table of this build (index.json)."""
    table = json.loads(fragments["index.json"])
    config = table["config"]
    return _dump({"config": {**config, "kb": {"version": config["kb"]["version"]}}, "docs": []})


class FragmentWriter:
    """Writes the fragmented index, and the page's index in place of Material's whole one; keeps between
    the builds of one `make serve` each field value's terms and the files last written (only the
    files that changed are written again)."""

    def __init__(self) -> None:
        self._cache = _TextCache()
        self._written: dict[Path, dict[str, bytes]] = {}  # site folder -> the fragments last written there

    def write(self, index: dict[str, Any], search_dir: Path) -> None:
        """index: the whole index, with our fields; search_dir: the site's search/ folder."""
        folder = search_dir / FOLDER
        files = build_fragments(index, self._cache)
        (search_dir / "search_index.json").write_bytes(page_index(files))
        last = self._written.get(folder) if folder.is_dir() else None
        for name in sorted(set(last or ()) - set(files)):
            (folder / name).unlink(missing_ok=True)
        for name, content in files.items():
            if last is not None and last.get(name) == content:
                continue
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        self._written[folder] = files
