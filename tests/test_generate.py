"""The one synthetic-data generator (benchmarks/generate.py), in both its styles: every kind of the
registry, every language, valid data, and the guarantees its users rely on (the tests' fixed ids,
the benchmarks' entities that read the same at every size).

The realistic style's shape is checked with the benchmarks (tests/test_benchmarks.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import (
    LENGTHS,
    REALISTIC,
    WORDS,
    Sizes,
    Style,
    any_text,
    build_dataset,
    word_text,
    write_dataset,
    write_synthetic_data,
)
from macros.kb.kinds import KINDS
from macros.kb.load import build_knowledge_base
from macros.kb.model import BASE_LANGUAGE, LANGUAGES

# Two of every kind, three characteristics for two case studies (more than can each have their own).
EVERY_KIND = Sizes(capabilities=3, characteristics=3, case_studies=2, tags=2, sources=2, tools=3, terms=2, systems=2)
STYLES = {"realistic": REALISTIC, "any text": any_text(word_text(0))}


@pytest.mark.parametrize("style", STYLES.values(), ids=STYLES)
def test_every_kind_is_generated_and_valid(style: Style, tmp_path: Path) -> None:
    dataset = build_dataset(EVERY_KIND, seed=2, style=style)
    assert list(dataset) == list(KINDS)
    count = write_dataset(dataset, tmp_path / "data", schema_header=style.schema_header)
    result = build_knowledge_base(tmp_path / "data")
    # Warnings are allowed: a few tools do not provide every function (the presets have none).
    assert [str(p) for p in result.problems if p.severity == "error"] == []
    assert count == EVERY_KIND.total == result.file_count


def test_every_text_is_written_in_every_language() -> None:
    dataset = build_dataset(EVERY_KIND, seed=2)
    for kind, entities in dataset.items():
        for entity_id, values in entities.items():
            name = values.get("name") or values.get("title") or values["term"]
            assert set(name) == set(LANGUAGES), f"{kind}/{entity_id}"
    assert all(set(lengths) <= set(LANGUAGES) and BASE_LANGUAGE in lengths for lengths in LENGTHS.values())
    assert set(WORDS) <= set(LANGUAGES) and BASE_LANGUAGE in WORDS
    base = WORDS[BASE_LANGUAGE]
    for words in WORDS.values():
        assert [len(words.qualifiers), len(words.nouns), len(words.domains), len(words.tasks)] == [
            len(base.qualifiers),
            len(base.nouns),
            len(base.domains),
            len(base.tasks),
        ]


def test_sizes_name_every_kind() -> None:
    assert [name.replace("_", "-") for name in Sizes.__dataclass_fields__] == list(KINDS)


def test_the_tests_data_has_its_fixed_ids(tmp_path: Path) -> None:
    data = write_synthetic_data(tmp_path / "data", seed=0)
    for path in ("capabilities/cap-0", "characteristics/char-0", "case-studies/case-0", "tags/tag-stage"):
        assert (data / f"{path}.yml").is_file(), path
    for path in ("tags/tag-process", "sources/source-a", "tools/tool-0", "terms/term-0"):
        assert (data / f"{path}.yml").is_file(), path
    assert (data / "capabilities/cap-0.yml").read_text(encoding="utf-8").startswith("name:\n")


def test_every_text_field_of_the_tests_data_is_the_text_makers() -> None:
    trails: list[str] = []

    def text(trail: str) -> str:
        trails.append(trail)
        return f"<{trail}>"

    dataset = build_dataset(EVERY_KIND, seed=2, style=any_text(text))
    written = [leaf for entities in dataset.values() for values in entities.values() for leaf in _strings(values)]
    made = {f"<{trail}>" for trail in trails}
    assert len(made) == len(trails), "each field's trail names it alone"
    # Ids, enums, dates and addresses are the generator's; every other string the maker's.
    own = [s for s in written if s not in made and not s.startswith("https://")]
    assert all(" " not in s for s in own), [s for s in own if " " in s]
    capability = dataset["capabilities"]["cap-0"]
    assert all("\n\n" in capability["description"][lang] for lang in LANGUAGES)
    assert all("notes" in c for c in dataset["characteristics"].values())


@pytest.mark.parametrize("style", STYLES.values(), ids=STYLES)
def test_the_first_entities_read_the_same_at_every_size(style: Style) -> None:
    small = build_dataset(EVERY_KIND, seed=2, style=style)
    sizes = {name: 3 * EVERY_KIND.of(name.replace("_", "-")) for name in Sizes.__dataclass_fields__}
    large = build_dataset(Sizes(**sizes), seed=2, style=any_text(word_text(0)) if style.text else style)
    for kind, entities in small.items():
        first = next(iter(entities))
        assert first in large[kind]
        if not style.text:  # a text maker is called in order: only the realistic text is the entity's own
            # Its text; whom it names is drawn from lists that grow with the size.
            for field in ("name", "title", "term", "summary", "description"):
                assert entities[first].get(field) == large[kind][first].get(field), (kind, field)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []
