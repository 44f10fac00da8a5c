"""Faithful to the source: dates at their precision, per-language editions, and the check that keeps to it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from macros.kb.kinds import folder_of
from macros.kb.load import build_knowledge_base
from macros.kb.model import LANGUAGES, PRECISIONS, CaseStudy, Characteristic, KnowledgeBase, PartialDate
from macros.kb.problems import errors_in
from macros.paths import SOURCE_TEXT_DIR
from macros.site.render import format_date, load_strings
from tests.conftest import DATA_DIR
from tests.htmlread import read_page
from tests.sourcefacts import (
    CAPABILITIES,
    COMBINED_EXAMPLE_SAYS,
    DOUBLE_STRENGTHS,
    HEADINGS,
    STATED_HELPS,
    current,
    recommendation,
    the_sources,
)

SOURCES = sorted(p.stem for p in (DATA_DIR / "sources").glob("*.yml"))


@pytest.mark.parametrize("source_id", SOURCES)
def test_every_source_has_a_title_url_and_date_per_language(kb: KnowledgeBase, source_id: str) -> None:
    source = kb.sources[source_id]
    for lang in LANGUAGES:
        assert source.title[lang].strip() and source.url[lang].startswith("https://")
        assert source.published[lang].precision in PRECISIONS
    assert set(source.translated_titles) < set(LANGUAGES), "at least one title is the source's own"


@pytest.mark.parametrize("source_id", SOURCES)
def test_every_date_renders_at_its_own_precision(kb: KnowledgeBase, source_id: str) -> None:
    for lang in LANGUAGES:
        date = kb.sources[source_id].published[lang]
        shown = format_date(date, load_strings(lang))
        for part, value in date.parts.items():
            if part != "month" or lang == "ja":
                assert str(value) in shown
        assert len(date.parts) == {"day": 3, "month": 2, "year": 1}[date.precision]


@pytest.mark.parametrize(
    ("iso", "en", "ja"),
    [
        ("2021-06-25", "25 June 2021", "2021年6月25日"),
        ("2021-05", "May 2021", "2021年5月"),
        ("2021", "2021", "2021年"),
    ],
)
def test_a_date_says_no_more_than_it_knows(iso: str, en: str, ja: str) -> None:
    date = PartialDate(iso)
    assert (format_date(date, load_strings("en")), format_date(date, load_strings("ja"))) == (en, ja)


def test_the_source_post_is_dated_per_edition(kb: KnowledgeBase) -> None:
    """The source's README: the original on 2021-06-25, the Japanese edition on 2021-07-06."""
    post = kb.sources[current(kb.sources, "mlops-capabilities-by-use-case")]
    assert (post.published.en.iso, post.published.ja.iso) == ("2021-06-25", "2021-07-06")


def test_the_post_and_the_guide_are_the_source_and_what_cites_them_is_the_sources(kb: KnowledgeBase) -> None:
    """Knowledge of our own is never counted as the source's: the source's capabilities, characteristics
    and their key functions are said by the source, whatever else the data holds."""
    for first_id in ("mlops-capabilities-by-use-case", "practitioners-guide-to-mlops"):
        assert kb.sources[current(kb.sources, first_id)].foundation
    for first_id in HEADINGS:
        assert kb.said_by(kb.characteristics[current(kb.characteristics, first_id)].provenance) == "source"
    for first_id in CAPABILITIES:
        capability = kb.capabilities[current(kb.capabilities, first_id)]
        assert the_sources(kb, capability.functions), f"{first_id}: the guide's key functions are the source's"


def test_the_guide_is_dated_by_month_and_its_japanese_title_is_ours(kb: KnowledgeBase) -> None:
    guide = kb.sources[current(kb.sources, "practitioners-guide-to-mlops")]
    assert guide.published.en.iso == guide.published.ja.iso == "2021-05"
    assert "ja" in guide.translated_titles


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the real data to plant mistakes in (never the repository's own data/)."""
    shutil.copytree(DATA_DIR, tmp_path / "data")
    return tmp_path / "data"


def test_an_impossible_date_is_reported_at_its_place(data: Path, kb: KnowledgeBase) -> None:
    guide = current(kb.sources, "practitioners-guide-to-mlops")
    path = data / "sources" / f"{guide}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('ja: "2021-05"', 'ja: "2021-13"'), encoding="utf-8")
    problems = [str(p) for p in errors_in(build_knowledge_base(data).problems)]
    line = next(i for i, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "2021-13" in row)
    assert problems == [
        f"data/sources/{guide}.yml:{line}:7: published.ja: '2021-13' is not a calendar date "
        "(write YYYY-MM-DD, YYYY-MM or YYYY)"
    ]


@pytest.mark.parametrize(("characteristic", "capability"), STATED_HELPS)
def test_what_the_source_says_only_helps_is_not_called_needed(
    kb: KnowledgeBase, characteristic: str, capability: str
) -> None:
    assert recommendation(kb, characteristic, capability).stated_strength == "helps"


def test_the_source_facts_are_the_japanese_edition_s_own_words() -> None:
    """The facts above quote the Japanese edition: each heading is a line of it, each quotation (… for what is left
    out) is in it. Run where the team's copy of the post is at hand (../shared/source/), not in a clean clone."""
    texts = sorted(SOURCE_TEXT_DIR.glob("*.ja.txt")) if SOURCE_TEXT_DIR.is_dir() else []
    if not texts:
        pytest.skip(f"the Japanese edition's text is not at hand in {SOURCE_TEXT_DIR}")
    post = "\n".join(path.read_text(encoding="utf-8") for path in texts)
    lines = {line.strip() for line in post.splitlines()}
    missing = [heading["ja"] for heading in HEADINGS.values() if heading["ja"] not in lines]
    for quotation in [*STATED_HELPS.values(), COMBINED_EXAMPLE_SAYS["ja"]]:
        missing += [part for part in quotation.split("…") if part and part not in post]
    assert missing == []


@pytest.mark.parametrize("first_id", HEADINGS)
def test_each_characteristic_cites_its_section_by_the_heading_of_each_edition(kb: KnowledgeBase, first_id: str) -> None:
    char = kb.characteristics[current(kb.characteristics, first_id)]
    assert kb.said_by(char.provenance) == "source" and char.citation, "a characteristic of the post cites the post"
    assert {lang: char.citation.section[lang] for lang in LANGUAGES} == HEADINGS[first_id]


def test_whatever_cites_a_section_of_the_post_names_it_as_both_editions_head_it(kb: KnowledgeBase) -> None:
    """A case study or characteristic citing a characteristic's section gives that section's heading in every edition."""
    by_language = {lang: {h[lang]: h for h in HEADINGS.values()} for lang in LANGUAGES}
    wrong = []
    entities: list[Characteristic | CaseStudy] = [*kb.characteristics.values(), *kb.case_studies.values()]
    for entity in entities:
        if entity.citation is None:  # a characteristic of the platform team's own cites no section
            continue
        section = entity.citation.section
        for lang in LANGUAGES:
            heading = by_language[lang].get(section[lang])
            if heading and {other: section[other] for other in LANGUAGES} != heading:
                wrong.append(
                    f"{folder_of(type(entity))}/{entity.id}.yml: source.section: the post heads this section "
                    + ", ".join(f"{other}: {heading[other]!r}" for other in LANGUAGES)
                    + " (write it as the post heads it in each edition)"
                )
    assert wrong == [], "\n".join(dict.fromkeys(wrong))


def test_the_glossary_gives_the_post_s_own_headings(kb: KnowledgeBase) -> None:
    """A term the Japanese post uses as a heading is given, in English, as the English post heads that section."""
    wrong = []
    for term in the_sources(kb, kb.terms.values()):
        for heading in HEADINGS.values():
            if (
                term.in_source.get("ja") == heading["ja"]
                and term.in_source["en"].casefold() != heading["en"].casefold()
            ):
                wrong.append((term.id, term.in_source["en"], heading["en"]))
    assert wrong == []


@pytest.mark.parametrize(("characteristic", "capability"), DOUBLE_STRENGTHS)
def test_where_the_source_says_it_twice_both_strengths_are_kept_and_the_stronger_is_used(
    kb: KnowledgeBase, characteristic: str, capability: str
) -> None:
    (strong, strong_origin), (weak, weak_origin) = DOUBLE_STRENGTHS[characteristic, capability]
    rec = recommendation(kb, characteristic, capability)
    assert (rec.strength, rec.strength_origin) == (strong, strong_origin), (
        "the matrix, profiler and plans use the stronger"
    )
    said = [(s.strength, s.origin) for s in rec.statements]
    assert said[0] == (strong, strong_origin) and (weak, weak_origin) in said, "the reasons show both"


def test_frequent_retraining_tracking_is_conditional_as_the_source_says(kb: KnowledgeBase) -> None:
    for capability in ("model-registry", "ml-metadata-and-artifact-tracking"):
        rec = recommendation(kb, "frequent-retraining", capability)
        section = next(s for s in rec.statements if s.origin == "section")
        assert section.level == "situational" and section.condition is not None


@pytest.mark.parametrize(("characteristic", "capability"), DOUBLE_STRENGTHS)
def test_the_combined_example_names_no_condition_so_its_statement_is_core(
    kb: KnowledgeBase, characteristic: str, capability: str
) -> None:
    # The section's "when ..." belongs to the section's statement, not to the combined example's "needed".
    rec = recommendation(kb, characteristic, capability)
    for said in rec.statements:
        if said.origin == "combined-example":
            assert (said.level, said.condition) == ("core", None)
    assert (rec.level, rec.condition) == (rec.statements[0].level, rec.statements[0].condition), (
        "the matrix, profiler and plans use the stronger statement's level with its strength"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_core_label_does_not_claim_always_needed(lang: str) -> None:
    strings = load_strings(lang)
    assert "always" not in strings["level_core_long"] and "常に" not in strings["level_core_long"]
    for key in ("strength_needed", "strength_helps", "from_combined_example"):
        assert strings[key].strip()


CASE_STUDIES = sorted(p.stem for p in (DATA_DIR / "case-studies").glob("*.yml"))


@pytest.mark.parametrize("case_id", CASE_STUDIES)
def test_every_case_study_says_what_is_the_sources_and_what_is_illustrative(kb: KnowledgeBase, case_id: str) -> None:
    case = kb.case_studies[case_id]
    for lang in LANGUAGES:
        assert case.source_example[lang].strip(), "the source's own example"
        assert all(part[lang].strip() for part in (case.story.situation, case.story.stakes, case.story.first_steps))
        strings = load_strings(lang)
        assert strings["source_example"] and strings["illustrative_scenario"] and strings["illustrative_scenario_note"]


def test_data_processing_has_the_guides_key_functions(kb: KnowledgeBase) -> None:
    """The guide lists interactive and long-running execution under data processing; validation belongs to continuous training."""
    functions = {f.id: f for f in kb.capabilities[current(kb.capabilities, "data-processing")].functions}
    assert functions["interactive-execution"].basis == "key-functions"
    assert "data-validation" not in functions


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_function_outside_the_guides_list_says_where_it_comes_from(kb: KnowledgeBase, lang: str) -> None:
    strings = load_strings(lang)
    for capability in kb.capabilities.values():
        for function in capability.functions:
            if function.basis != "key-functions":
                assert strings[f"function_basis_{function.basis}"].strip()


# --- the glossary ------------------------------------------------------------------------------


def _plant(data: Path, relative: str, old: str, new: str) -> tuple[int, int]:
    """Replace old with new in a data file of the copy; the line and column where new starts."""
    path = data / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relative} no longer holds {old!r}: pick another place to plant the mistake"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    offset = text.index(new)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _a_japanese_text(kb: KnowledgeBase) -> tuple[str, str]:
    """A characteristic file and a word of its Japanese description (whatever today's data holds)."""
    char = next(iter(kb.characteristics.values()))
    return f"characteristics/{char.id}.yml", char.description.ja.split("。")[0][-6:]


def test_the_glossary_check_warns_at_a_planted_rejected_form(kb: KnowledgeBase, data: Path) -> None:
    term = next(t for t in kb.terms.values() if "再学習" in t.rejected.ja)
    relative, word = _a_japanese_text(kb)
    line, column = _plant(data, relative, word, word + "再学習")
    column += len(word)
    result = build_knowledge_base(data)
    assert result.ok, "a rejected form is a warning, not an error"
    assert [str(p) for p in result.problems] == [
        f"data/{relative}:{line}:{column}: warning: description.ja: '再学習' is a form the glossary does not use "
        f"(write '{term.term.ja}'; see data/terms/{term.id}.yml)"
    ]


def test_a_rejected_form_among_aliases_is_not_flagged(kb: KnowledgeBase, data: Path) -> None:
    char = next(c for c in kb.characteristics.values() if c.aliases.ja)
    _plant(data, f"characteristics/{char.id}.yml", char.aliases.ja[0], char.aliases.ja[0] + "再学習")
    assert [str(p) for p in build_knowledge_base(data).problems] == []


def test_a_rejected_form_in_english_text_is_not_flagged_as_japanese(kb: KnowledgeBase, data: Path) -> None:
    char = next(iter(kb.characteristics.values()))
    word = char.description.en.split()[0]
    _plant(data, f"characteristics/{char.id}.yml", word, word + " 再学習")
    assert [str(p) for p in build_knowledge_base(data).problems] == []


def test_a_term_that_differs_from_the_source_must_say_why(data: Path) -> None:
    (data / "terms/planted.yml").write_text(
        "term: {en: Relearning, ja: 再々学習}\nin_source: {en: retraining, ja: 再トレーニング}\n", encoding="utf-8"
    )
    assert [str(p) for p in build_knowledge_base(data).problems] == [
        "data/terms/planted.yml:1:12: term.en: differs from the source's form 'retraining' "
        "(add note: {en: ..., ja: ...} saying why we write it otherwise)",
        "data/terms/planted.yml:1:28: term.ja: differs from the source's form '再トレーニング' "
        "(add note: {en: ..., ja: ...} saying why we write it otherwise)",
    ]


def test_a_term_cannot_reject_its_own_form(data: Path) -> None:
    (data / "terms/planted.yml").write_text(
        "term: {en: Zebra, ja: ゼブラ}\nin_source: {en: zebra}\nrejected: {ja: [ゼブラ]}\n", encoding="utf-8"
    )
    problems = [str(p) for p in build_knowledge_base(data).problems]
    assert problems == [
        "data/terms/planted.yml:3:17: rejected.ja[0]: 'ゼブラ' is part of the form term 'planted' writes "
        "(a rejected form must not occur in the glossary's own forms)"
    ]


@pytest.mark.parametrize(("lang", "form"), [("ja", "の"), ("en", "a")])
def test_a_single_character_cannot_be_a_rejected_form(data: Path, lang: str, form: str) -> None:
    (data / "terms/planted.yml").write_text(
        f'term: {{en: Zebra, ja: ゼブラ}}\nin_source: {{en: zebra}}\nrejected: {{{lang}: ["{form}"]}}\n',
        encoding="utf-8",
    )
    problems = [str(p) for p in build_knowledge_base(data).problems]
    assert problems == [
        f"data/terms/planted.yml:3:17: rejected.{lang}[0]: '{form}' is a single character: "
        "make check would flag it in almost every text (reject the whole wrong word instead)"
    ]


def test_a_glossary_form_has_a_length_limit_and_messages_quote_it_cut(data: Path) -> None:
    long = "ab" * 150
    (data / "terms/planted.yml").write_text(
        f"term: {{en: Zebra, ja: ゼブラ}}\nin_source: {{en: {long}}}\nrejected: {{en: [{long}]}}\n", encoding="utf-8"
    )
    problems = [str(p) for p in build_knowledge_base(data).problems]
    assert problems == [
        "data/terms/planted.yml:2:17: in_source.en: is 300 characters long; at most 200 (shorten it)",
        "data/terms/planted.yml:3:17: rejected.en[0]: is 300 characters long; at most 200 (shorten it)",
    ]
    (data / "terms/planted.yml").write_text(
        f"term: {{en: Zebra, ja: ゼブラ}}\nin_source: {{en: {long[:180]}}}\n", encoding="utf-8"
    )
    [problem] = [str(p) for p in build_knowledge_base(data).problems]
    assert f"differs from the source's form '{long[:60]}…' (add note" in problem


def _glossary_entries(editions_dir: Path, lang: str) -> dict[str, Any]:
    """Each glossary entry of an edition's page, by its term's id."""
    page = read_page((editions_dir if lang == "en" else editions_dir / "ja") / "glossary/index.html")
    return {e.attrs["id"]: e for e in page.find_all("div", "kb-glossary__entry")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossary_page_lists_every_term_in_both_editions(kb: KnowledgeBase, editions_dir: Path, lang: str) -> None:
    root = editions_dir if lang == "en" else editions_dir / "ja"
    assert set(_glossary_entries(editions_dir, lang)) == set(kb.terms)
    home = (root / "index.html").read_text(encoding="utf-8")
    assert 'href="glossary/"' in home, "the navigation links the glossary"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossary_shows_the_sources_form_only_where_it_differs(
    kb: KnowledgeBase, editions_dir: Path, lang: str
) -> None:
    # The differences are what a translator looks for: a form the source shares with us is not repeated.
    entries = _glossary_entries(editions_dir, lang)
    for term in kb.terms.values():
        line = entries[term.id].find("dd", "kb-glossary__source")
        if term.provenance.ours:  # a term the platform team defines has no source's form, and says who defined it
            said = entries[term.id].find("dd", "kb-glossary__said-by")
            assert line is None and said is not None and said.attrs["data-said-by"] == "platform-team", term.id
            continue
        differs = (
            term.in_source["en"].lower() != term.term.en.lower()
            or term.in_source.get("ja", term.term.ja) != term.term.ja
        )
        also = [form for form_lang in LANGUAGES for form in term.also_in_source[form_lang]]
        assert (line is not None) is (differs or bool(also)), term.id
        if line is not None:
            text = line.text()
            assert all(form in text for form in also), term.id
            assert all(
                form in text
                for form_lang, form in term.in_source.items()
                if form.lower() != term.term[form_lang].lower()
            ), term.id
