"""The fragmented search index (macros/site/search_fragments.py): lunr's scores, Material's terms,
file names that are never data text, and every entry reachable from its fragments."""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pytest
from hypothesis import given
from lunr.builder import Builder
from lunr.stop_word_filter import WORDS as STOP_WORDS
from lunr.stop_word_filter import stop_word_filter

from macros.site.search_fragments import CJK_RANGES, build_fragments, fragment_key, separator_of, terms_of
from tests.fuzztext import FUZZ_EXAMPLES, fuzzed, texts

CONFIG: dict[str, Any] = {
    "lang": ["en"],
    "separator": r"[\s\-]+",
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "names": {"boost": 1000.0}},
}
DOCS: list[dict[str, Any]] = [
    {
        "location": "a/",
        "title": "Feature store",
        "text": "<p>A store of features, and of <code>feature</code> views.</p>",
    },
    {"location": "a/#use", "title": "Use", "text": "<p>Serve features online and offline.</p>", "boost": 2},
    {
        "location": "b/",
        "title": "Model registry",
        "text": "<p>Models and their versions.</p>",
        "names": ["Model catalog"],
    },
    {"location": "c/", "title": "特徴量ストア", "text": "<p>Mission-criticalミッション クリティカル</p>"},
]
SEPARATOR = separator_of(CONFIG["separator"])  # as the build reads it


def fragments(docs: list[dict[str, Any]] = DOCS, config: dict[str, Any] = CONFIG) -> dict[str, Any]:
    return {name: json.loads(content) for name, content in build_fragments({"config": config, "docs": docs}).items()}


def postings(files: dict[str, Any]) -> dict[str, dict[int, dict[int, int]]]:
    """Every term's postings, from the term fragments: term -> entry -> field number -> frequency."""
    found: dict[str, dict[int, dict[int, int]]] = {}
    for name, chunk in files.items():
        if not name.startswith("t/"):
            continue
        for term, lists in chunk.items():
            entries: dict[int, dict[int, int]] = {}
            for bit, *flat in lists:
                entry = 0
                for delta, tf in zip(flat[::2], flat[1::2], strict=True):
                    entry += delta
                    entries.setdefault(entry, {})[bit] = tf
            found[term] = entries
    return found


def lunr_score(
    files: dict[str, Any], found: dict[str, dict[int, dict[int, int]]], term: str, entry: int, field: int
) -> float:
    """The score kb-search.js computes from the postings: lunr.js's field-vector value (b = 0)."""
    held = sum(len(fields) for fields in found[term].values())
    kb = files["index.json"]["config"]["kb"]
    idf = math.log(1 + abs((kb["entries"] - held + 0.5) / (held + 0.5)))
    tf = found[term][entry][field]
    boost = list(CONFIG["fields"].values())[field]["boost"] * kb["boosts"].get(str(entry), 1)
    return round(idf * ((1.2 + 1) * tf) / (1.2 * 1 + tf) * boost, 3)


def test_scores_are_those_of_lunr() -> None:
    # lunr.py builds lunr.js's index; with Material's settings (b = 0, the fields' boosts, each
    # entry's boost, the stop-word filter) a term's score in an entry is the sum of its values in
    # the entry's field vectors.
    builder = Builder()
    builder.pipeline.add(stop_word_filter)
    builder.b(0)
    builder.ref("location")
    for field, spec in CONFIG["fields"].items():
        builder.field(field, boost=spec["boost"])
    for doc in DOCS:
        # Material's words, which lunr.py's tokenizer leaves whole when joined by spaces.
        fields = {
            field: " ".join(t for value in _texts(doc, field) for t in terms_of(value, SEPARATOR, frozenset()))
            for field in CONFIG["fields"]
        }
        builder.add({"location": doc["location"], **fields}, {"boost": doc.get("boost", 1)})
    index = builder.build()
    term_at = {posting["_index"]: term for term, posting in index.inverted_index.items()}
    files = fragments()
    found = postings(files)
    locations = [doc["location"] for doc in DOCS]
    expected, ours = {}, {}
    for field_ref, vector in index.field_vectors.items():
        field, location = str(field_ref).split("/", 1)
        bit = list(CONFIG["fields"]).index(field)
        for position, value in zip(vector.elements[::2], vector.elements[1::2], strict=True):
            key = (term_at[position], locations.index(location), bit)
            expected[key] = value
            ours[key] = lunr_score(files, found, *key)
    assert ours == pytest.approx(expected, abs=0.0011)
    # Every term the build indexed, in every field of every entry holding it, and nothing more.
    indexed = {
        (term, entry, bit) for term, entries in found.items() for entry, fields in entries.items() for bit in fields
    }
    assert indexed == set(expected)


def _texts(doc: dict, field: str) -> list[str]:
    value = doc.get(field, "")
    return value if isinstance(value, list) else [value]


def test_postings_give_each_fields_frequency() -> None:
    found = postings(fragments())
    title, text, names = (list(CONFIG["fields"]).index(field) for field in ("title", "text", "names"))
    assert found["feature"][0] == {title: 1, text: 1}
    assert found["features"][1] == {text: 1}
    assert found["catalog"][2] == {names: 1}
    assert found["model"][2] == {title: 1, names: 1}


def test_terms_are_materials_words_and_the_pairs_of_cjk_runs() -> None:
    terms = list(terms_of("<p>Mission-criticalミッション クリティカル, <b>A</b>&amp;B</p>", SEPARATOR, frozenset()))
    # Material's words as they are (punctuation and character references included), tags dropped.
    assert {"mission", "criticalミッション", "クリティカル,", "&amp;b", "a"} <= set(terms)
    # The pairs of the CJK runs; a word wholly in CJK is indexed by its pairs alone.
    assert {"ミッ", "ッシ", "ショ", "ョン", "クリ", "ティ", "カル"} <= set(terms)
    assert "ミッション" not in list(terms_of("ミッション", SEPARATOR, frozenset()))


def test_stop_words_are_dropped_only_when_the_pipeline_has_the_filter() -> None:
    assert "of" not in postings(fragments())
    without = {**CONFIG, "pipeline": []}
    assert "of" in postings(fragments(config=without))


def test_every_entry_is_in_its_page_fragment_in_order() -> None:
    files = fragments()
    kb = files["index.json"]["config"]["kb"]
    entries = [entry for n in range(len(kb["starts"])) for entry in files[f"p/{n}.json"]]
    assert [entry["location"] for entry in entries] == [doc["location"] for doc in DOCS]
    assert kb["entries"] == len(DOCS)
    assert [files[f"p/{n}.json"][0]["location"] for n in range(len(kb["starts"]))] == [
        location for location, _, _ in files["titles.json"]
    ]


def test_the_index_lists_every_term_fragment() -> None:
    files = fragments()
    keys = files["index.json"]["config"]["kb"]["keys"]
    assert sorted(f"t/{key}.json" for key in keys) == sorted(name for name in files if name.startswith("t/"))


# Lone surrogates never reach the index: the loader refuses them (tests/test_fuzz_loader.py).
WHOLE_CHARACTERS = texts().map(lambda text: re.sub("[\ud800-\udfff]", "", text))


@fuzzed(FUZZ_EXAMPLES)
@given(WHOLE_CHARACTERS)
def test_file_names_are_hexadecimal_whatever_the_text(text: str) -> None:
    doc = {"location": "x/", "title": text, "text": f"<p>{text}</p>"}
    files = build_fragments({"config": CONFIG, "docs": [doc]})
    for name in files:
        assert re.fullmatch(r"(index|titles)\.json|t/[0-9a-f]+(-[0-9a-f]+)*\.json|p/\d+\.json|w/\d+\.json", name), name
    for term in terms_of(text, SEPARATOR, frozenset(STOP_WORDS)):
        assert f"t/{fragment_key(term)}.json" in files


def test_cjk_terms_are_keyed_by_their_first_character() -> None:
    low = CJK_RANGES[-1][0]  # an astral range: a code point, not a UTF-16 unit, names the file
    astral = chr(low) + chr(low + 1)
    assert fragment_key(astral) == f"{low:x}"
    assert fragment_key("特徴") == f"{ord('特'):x}"
    assert fragment_key("feature") == "66-65-61"


def test_the_separators_white_space_is_the_browsers() -> None:
    # The worker splits typed words with the configured separator as JavaScript reads it: so does the build.
    separator = separator_of(CONFIG["separator"])
    assert separator.split("a\ufeffb\u3000c-d") == ["a", "b", "c", "d"]
    assert separator.split("a\x1cb\x85c") == ["a\x1cb\x85c"]
    assert separator_of(r"[^\s]+").findall("ab cd") == ["ab", "cd"]
