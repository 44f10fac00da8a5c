"""Property-based: whatever a data file holds, the build ends in a valid model or clean problems.

Hypothesis writes arbitrary bytes, arbitrary text and arbitrary YAML-shaped values (valid files of
each kind with one field replaced, removed or added) into a valid synthetic data set, and the
whole of build_knowledge_base runs on it. It may report problems; it may never raise, and every
problem reads `data/<kind>/<file>:line:col: message` on one line.

Text is drawn from the whole of Unicode and the syntax of every language data text meets
(tests/fuzztext.py). The budget (KB_FUZZ_EXAMPLES examples per kind and strategy) and the seed
(KB_FUZZ_SEED) are fixed, so `make test` is repeatable and bounded; the session header prints the
command that replays a run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.generate import write_synthetic_data
from macros.kb.kinds import KINDS
from macros.kb.load import build_knowledge_base
from tests.fuzztext import EVERY_CHARACTER, FUZZ_EXAMPLES, fuzzed, texts

FUZZ_SETTINGS = fuzzed(FUZZ_EXAMPLES)

# One file of each kind in the synthetic set: the fuzzed content replaces it.
TARGETS = {
    "capabilities": "cap-0",
    "characteristics": "char-0",
    "case-studies": "case-0",
    "tags": "tag-stage",
    "sources": "source-a",
    "tools": "tool-0",
    "terms": "term-0",
    "systems": "sys-0",
}
PROBLEM_LINE = re.compile(r"^data/[a-z-]+/[a-z0-9-]+\.yml:[1-9][0-9]*:[1-9][0-9]*: [^\n]+$")

# YAML-shaped values: what a contributor could write, including the wrong shapes.
SCALARS = st.one_of(
    st.text(max_size=40),
    texts(),
    st.sampled_from(
        [
            "",
            "no",
            "on",
            "null",
            "~",
            "1e3",
            "2021-06-25",
            "core",
            "situational",
            "model-registry",
            "cap-1",
            "char-1",
            "case-1",
            "tag-process",
            "source-a",
            "https://example.com",
            "javascript:alert(1)",
        ]
    ),
)
VALUES = st.recursive(
    st.one_of(st.none(), SCALARS),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(SCALARS, inner, max_size=4)),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_data(
        tmp_path_factory.mktemp("fuzz") / "data", seed=3, capabilities=3, characteristics=2, case_studies=2
    )


def check_outcome(data_dir: Path, kind: str, content: bytes) -> None:
    """Put content in the kind's target file, build, and restore the file."""
    path = data_dir / kind / f"{TARGETS[kind]}.yml"
    original = path.read_bytes()
    path.write_bytes(content)
    try:
        result = build_knowledge_base(data_dir)
    finally:
        path.write_bytes(original)
    lines = [str(p) for p in result.problems]
    assert all(PROBLEM_LINE.match(line) for line in lines), lines
    if result.ok:
        assert result.knowledge_base is not None
    else:
        assert result.knowledge_base is None and lines


def paths_in(value: Any, trail: tuple = ()) -> Iterator[tuple]:
    """Every place in a nested value: mapping keys and list indexes."""
    yield trail
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths_in(item, trail + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths_in(item, trail + (index,))


def mutated(document: Any, trail: tuple, how: str, value: Any) -> Any:
    """The document with the value at trail replaced, removed, or given a sibling field."""
    if not trail:
        return value
    parent = document
    for part in trail[:-1]:
        parent = parent[part]
    last = trail[-1]
    if how == "replace":
        parent[last] = value
    elif how == "remove":
        del parent[last]
    elif isinstance(parent, dict):
        parent[f"extra-{len(parent)}"] = value
    else:
        parent.insert(last, value)
    return document


@pytest.mark.parametrize("kind", KINDS)
@FUZZ_SETTINGS
@given(content=st.binary(max_size=400))
def test_arbitrary_bytes(data_dir: Path, kind: str, content: bytes) -> None:
    check_outcome(data_dir, kind, content)


@pytest.mark.parametrize("kind", KINDS)
@FUZZ_SETTINGS
@given(text=st.text(EVERY_CHARACTER, max_size=400))
def test_arbitrary_text(data_dir: Path, kind: str, text: str) -> None:
    check_outcome(data_dir, kind, text.encode("utf-8", "surrogatepass"))  # a lone surrogate is not UTF-8


@pytest.mark.parametrize("kind", KINDS)
@FUZZ_SETTINGS
@given(value=VALUES)
def test_arbitrary_yaml_structure(data_dir: Path, kind: str, value: Any) -> None:
    check_outcome(data_dir, kind, yaml.safe_dump(value, allow_unicode=True).encode("utf-8"))


@pytest.mark.parametrize("kind", KINDS)
@FUZZ_SETTINGS
@given(data=st.data(), how=st.sampled_from(["replace", "remove", "add"]), value=VALUES)
def test_one_field_changed(data_dir: Path, kind: str, data: st.DataObject, how: str, value: Any) -> None:
    original = yaml.safe_load((data_dir / kind / f"{TARGETS[kind]}.yml").read_text(encoding="utf-8"))
    trail = data.draw(st.sampled_from(list(paths_in(original))), label="trail")
    document = mutated(original, trail, how if trail else "replace", value)
    check_outcome(data_dir, kind, yaml.safe_dump(document, allow_unicode=True, sort_keys=False).encode("utf-8"))


def text_leaves(value: Any, trail: tuple = ()) -> Iterator[tuple]:
    """The places of every text in a document (ids, names, reasons, addresses ...)."""
    if isinstance(value, str):
        yield trail
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_leaves(item, trail + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_leaves(item, trail + (index,))


@pytest.mark.parametrize("kind", KINDS)
@FUZZ_SETTINGS
@given(data=st.data(), text=texts())
def test_any_text_in_any_field_is_kept_or_refused_by_the_text_rules(
    data_dir: Path, kind: str, data: st.DataObject, text: str
) -> None:
    """Text the rules forbid (controls, bidi overrides, only spaces ...) is always refused; text kept is kept as written."""
    original = yaml.safe_load((data_dir / kind / f"{TARGETS[kind]}.yml").read_text(encoding="utf-8"))
    trail = data.draw(st.sampled_from(list(text_leaves(original))), label="field")
    document = mutated(original, trail, "replace", text)
    path = data_dir / kind / f"{TARGETS[kind]}.yml"
    before = path.read_bytes()
    path.write_text(
        yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8", errors="surrogatepass"
    )
    try:
        result = build_knowledge_base(data_dir)
    finally:
        path.write_bytes(before)
    lines = [str(p) for p in result.problems]
    assert all(PROBLEM_LINE.match(line) for line in lines), lines
    if breaks_the_text_rules(text):
        assert not result.ok, f"{text!r} at {trail} was accepted"


def breaks_the_text_rules(text: str) -> bool:
    """The rules of CONTRIBUTING.md, told in Unicode's terms: a control other than newline and tab, a
    bidi embedding, override or isolate, a byte-order mark, a separator, a surrogate; or nothing visible."""

    def forbidden(c: str) -> bool:
        category = unicodedata.category(c)
        return (
            (category == "Cc" and c not in "\n\t")
            or category in {"Zl", "Zp", "Cs"}
            or c == "\ufeff"
            or (unicodedata.bidirectional(c) in {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"})
        )

    def invisible(c: str) -> bool:
        return c.isspace() or unicodedata.category(c) in {"Cf", "Cc", "Zs", "Zl", "Zp"}

    return any(map(forbidden, text)) or all(map(invisible, text))
