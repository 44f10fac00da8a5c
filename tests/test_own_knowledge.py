"""Knowledge of our own, with honest provenance: a characteristic, a recommendation, a key function or a
term the platform team says (or another registered source) is shown as theirs wherever it is shown, in
both editions, and never as the source's; bad provenance is refused at its place with a hint.

The data is a copy of data/ with the contributions CONTRIBUTING.md's "Adding knowledge of our own"
describes (tests/contributions.py), plus another registered source cited by a recommendation and a
key function. Expectations come from that data, never from today's ids.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from macros.kb.load import build_knowledge_base
from macros.kb.model import LANGUAGES, KnowledgeBase
from macros.kb.problems import errors_in
from macros.site.api import API_DIR, build_api_files, render_matrix_csv
from macros.site.page_markup import HeadingStyle
from macros.site.plan import SAID_BY_MARKS, build_plan_document
from macros.site.profiler_page import build_profiler_texts, render_matrix
from macros.site.render import load_strings, render_entity_pages, src_uri_of
from tests.contributions import add_knowledge_of_our_own, add_recommendation, load, real_ids
from tests.datafixture import copy_data, edit, knowledge_base
from tests.htmlread import Element, parse_html

OTHER_SOURCE = "team-handbook"
OTHER_SOURCE_FILE = """title: {en: "Our MLOps handbook", ja: "MLOps ハンドブック"}
publisher: Example
published: {en: "2025-03", ja: "2025-03"}
url: {en: "https://example.com/handbook", ja: "https://example.com/ja/handbook"}
"""


@pytest.fixture(scope="module")
def ours(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, KnowledgeBase]:
    """A copy of the data with knowledge of our own, and another source cited by a recommendation and a key function."""
    data = copy_data(tmp_path_factory.mktemp("ours"))
    kb = load(data)
    capability = next(iter(kb.capabilities.values()))
    characteristic = next(c for c in kb.characteristics.values() if c.id)
    unrecommended = next(c for c in kb.capabilities if kb.recommendation(characteristic.id, c) is None)
    add_knowledge_of_our_own(data, real_ids(kb), next(iter(kb.case_studies)), capability.id)
    (data / "sources" / f"{OTHER_SOURCE}.yml").write_text(OTHER_SOURCE_FILE, encoding="utf-8")
    add_recommendation(data, characteristic.id, unrecommended)
    edit(
        data / "characteristics" / f"{characteristic.id}.yml",
        "    source: section\n",
        f"    source:\n      ref: {OTHER_SOURCE}\n      section: {{en: Chapter 2, ja: 第 2 章}}\n",
    )
    edit(
        data / "capabilities" / f"{capability.id}.yml",
        "functions:\n",
        "functions:\n  - id: cited-function\n    name: {en: Cited function, ja: 引用した役割}\n"
        "    description: {en: Said by the handbook., ja: ハンドブックによる役割です。}\n"
        f"    source: {{ref: {OTHER_SOURCE}, section: {{en: Chapter 3, ja: 第 3 章}}}}\n",
    )
    return data, knowledge_base(data)


def _kb(ours: tuple[Path, KnowledgeBase]) -> KnowledgeBase:
    return ours[1]


def test_the_model_says_who_says_each_piece(ours: tuple[Path, KnowledgeBase]) -> None:
    kb = _kb(ours)
    said = {kb.said_by(c.provenance) for c in kb.characteristics.values()}
    # At least what the fixture wrote (a contributor may add more of any kind: never "nothing else").
    assert said >= {"source", "platform-team"}
    recs = [r for c in kb.characteristics.values() for r in c.recommendations]
    assert {kb.said_by(r.provenance) for r in recs} >= {"source", "platform-team", "other-source"}
    # A recommendation from a characteristic's own section is said by whoever the characteristic cites.
    for char in kb.characteristics.values():
        for rec in char.recommendations:
            if rec.origin == "section":
                assert kb.said_by(rec.provenance) == kb.said_by(char.provenance)
    functions = [f for cap in kb.capabilities.values() for f in cap.functions]
    assert {kb.said_by(f.provenance) for f in functions} >= {"source", "other-source"}
    terms = {kb.said_by(t.provenance) for t in kb.terms.values()}
    assert terms >= {"source", "platform-team"}


def _cells(html: str) -> list[Element]:
    return [td for td in parse_html(html).find_all("td") if "kb-cell" in td.classes]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_matrix_marks_what_is_not_the_sources_and_its_legend_says_so(
    ours: tuple[Path, KnowledgeBase], kb: KnowledgeBase, lang: str
) -> None:
    ui = load_strings(lang)
    for data_kb in (_kb(ours), kb):
        page = parse_html(render_matrix(data_kb, lang, "matrix.md"))
        shown: set[str] = set()
        for td in (td for td in page.find_all("td") if "kb-cell" in td.classes):
            a = td.find("a")
            assert a is not None
            char_id, cap_id = a.attrs["href"].split("/")[-2], a.attrs["href"].split("#why-")[-1]
            rec = data_kb.recommendation(char_id, cap_id)
            assert rec is not None
            by = data_kb.said_by(rec.strength_provenance)
            assert td.attrs["data-said-by"] == by
            marks = [s.text() for s in td.find_all("sup", "kb-mark-said-by")]
            # The mark on the cell's shape, and again beside the strength in its reason.
            assert marks == ([] if by == "source" else [SAID_BY_MARKS[by]] * 2), (char_id, cap_id)
            if by == "platform-team":
                provenance = rec.strength_provenance
                assert provenance.rationale and provenance.rationale[lang] in td.text()
                assert [t.attrs["datetime"] for t in td.find_all("time", "kb-decided")] == [provenance.decided]
                assert td.find("a", "kb-decision__link") is None, "no link inside the mark's link"
            shown.add(by)
        for th in page.find_all("th"):
            char = data_kb.characteristics.get(th.attrs.get("id", "").removeprefix("char-"))
            if char is not None:
                row_by = data_kb.said_by(char.provenance)
                marks = [s.text() for s in th.find_all("sup", "kb-mark-said-by")]
                assert marks == ([] if row_by == "source" else [SAID_BY_MARKS[row_by]]), char.id
                words = th.find("span", "kb-said-by-words")
                assert (words is None) is (row_by == "source")
                assert words is None or ui[f"said_by_{row_by}"] in words.text()
                shown.add(row_by)
        # The phone's list of the same marks says it in words beside the level.
        for li in (li for li in page.find_all("li") if "data-capability" in li.attrs and "data-said-by" in li.attrs):
            listed = li.attrs["data-said-by"]
            summary = li.find("summary")
            assert summary is not None
            marks = [s.text() for s in summary.find_all("sup", "kb-mark-said-by")]
            if listed == "source":
                assert marks == []
            else:
                assert marks == [SAID_BY_MARKS[listed]] and ui[f"matrix_list_{listed}"] in summary.text()
        legend = page.find("p", "kb-matrix-legend")
        assert legend is not None
        entries = [s.attrs["data-said-by"] for s in legend.find_all("span", "kb-legend-said-by")]
        assert entries == [by for by in SAID_BY_MARKS if by in shown], "a legend entry for each mark shown, no other"
        for entry in entries:
            assert (
                ui[f"matrix_legend_{entry}"] in legend.text() and SAID_BY_MARKS[entry] in ui[f"matrix_legend_{entry}"]
            )


@pytest.fixture(scope="module")
def pages(ours: tuple[Path, KnowledgeBase]) -> dict[tuple[str, str], str]:
    """Every generated page of the data with knowledge of our own, as HTML, by language and source path (rendered once)."""
    return {
        (lang, page.src_uri): page.markdown
        for lang in LANGUAGES
        for page in render_entity_pages(_kb(ours), lang, html=HeadingStyle())
    }


def _page(pages: dict[tuple[str, str], str], lang: str, src: str) -> Element:
    return parse_html(pages[lang, src])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_characteristic_of_our_own_says_so_under_its_name_and_gives_the_decision(
    ours: tuple[Path, KnowledgeBase], pages: dict[tuple[str, str], str], lang: str
) -> None:
    kb, ui = _kb(ours), load_strings(lang)
    char = next(c for c in kb.characteristics.values() if c.provenance.ours)
    page = _page(pages, lang, src_uri_of(char))
    assert [p.text() for p in page.find_all("p", "kb-said-by-note")] == [ui["said_by_platform-team"] + "‡"]
    [source] = page.find_all("p", "kb-source")
    assert "kb-source--platform-team" in source.classes
    assert char.provenance.rationale and char.provenance.rationale[lang] in source.text()
    assert [a.attrs["href"] for a in source.find_all("a")] == [char.provenance.link]
    for rec in char.recommendations:
        strength = next(s for s in page.find_all("span", "kb-strength") if s.attrs.get("data-said-by"))
        assert strength.text() == ui[f"strength_{rec.strength}_platform-team"]
        assert ui[f"strength_{rec.strength}"] not in page.text(), "never worded as the source's"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_term_of_ours_is_defined_by_the_platform_team_not_cited_from_the_post(
    ours: tuple[Path, KnowledgeBase], pages: dict[tuple[str, str], str], lang: str
) -> None:
    kb, ui = _kb(ours), load_strings(lang)
    glossary = _page(pages, lang, "glossary.md")
    for term in kb.terms.values():
        entry = next(e for e in glossary.find_all("div", "kb-glossary__entry") if e.attrs["id"] == term.id)
        said = entry.find("dd", "kb-glossary__said-by")
        if term.provenance.ours:
            assert said is not None and ui["term_defined_by_platform-team"] in said.text()
            assert entry.find("dd", "kb-glossary__source") is None and ui["glossary_in_source"] not in entry.text()
        else:
            assert said is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_key_function_from_another_source_names_it(
    ours: tuple[Path, KnowledgeBase], pages: dict[tuple[str, str], str], lang: str
) -> None:
    kb, ui = _kb(ours), load_strings(lang)
    for cap in kb.capabilities.values():
        cited = [f for f in cap.functions if kb.said_by(f.provenance) == "other-source"]
        if not cited:
            continue
        page = _page(pages, lang, src_uri_of(cap))
        for function in cited:
            strong = next(s for s in page.find_all("strong") if s.attrs.get("id") == f"function-{function.id}")
            item = next(li for li in page.find_all("li") if strong in li.iter())
            assert ui["said_by_other-source"] in item.text() and "§" in item.text()
            assert function.provenance.citation
            assert kb.sources[function.provenance.citation.source].title[lang] in item.text()


def test_the_api_publishes_who_says_it_and_validates(ours: tuple[Path, KnowledgeBase]) -> None:
    kb = _kb(ours)
    files = build_api_files(kb, lambda e: src_uri_of(e).removesuffix(".md") + "/")
    for kind in ("characteristics", "capabilities"):
        schema = json.loads(files[f"{API_DIR}/schemas/{kind}.schema.json"])
        assert list(Draft202012Validator(schema).iter_errors(json.loads(files[f"{API_DIR}/{kind}.json"]))) == []
    entries = json.loads(files[f"{API_DIR}/characteristics.json"])["characteristics"]
    ours_entry = next(e for e in entries if kb.characteristics[e["id"]].provenance.ours)
    assert ours_entry["source"]["by"] == "platform-team" and ours_entry["source"]["decided"]
    rows = list(csv.DictReader(io.StringIO(render_matrix_csv(kb))))
    for row in rows:
        rec = kb.recommendation(row["characteristic"], row["capability"])
        assert rec is not None and row["said_by"] == kb.said_by(rec.provenance)
        assert row["decided"] == (rec.provenance.decided or "")
    plan = build_plan_document(kb)
    assert set(plan["other_sources"]) == {s.id for s in kb.sources.values() if not s.foundation}
    assert OTHER_SOURCE in plan["other_sources"]


def test_the_profiler_has_the_words_and_marks_the_pages_use() -> None:
    for lang in LANGUAGES:
        texts = build_profiler_texts(lang)
        for by in SAID_BY_MARKS:
            assert texts[f"said_by_{by}"] and texts["said_by_marks"][by] == SAID_BY_MARKS[by]
            for strength in ("needed", "helps"):
                assert texts[f"strength_{strength}_{by}"]
        assert len(texts["month_names"]) == 12 and "{date}" in texts["decided_on"]


# --- bad provenance, refused at its place -------------------------------------------------------


def _problems(data: Path) -> list[str]:
    return [str(p) for p in errors_in(build_knowledge_base(data).problems)]


def _at(path: Path, needle: str) -> tuple[int, int]:
    """The line and column where needle starts in a file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.fixture
def own(tmp_path: Path) -> tuple[Path, str, str]:
    """A copy of the data with a characteristic and a term of our own; their ids."""
    data = copy_data(tmp_path)
    kb = load(data)
    done = add_knowledge_of_our_own(data, real_ids(kb), next(iter(kb.case_studies)), next(iter(kb.capabilities)))
    assert _problems(data) == []
    return data, done["characteristic of our own"], done["term of ours"]


def test_a_decision_without_its_date_is_refused_with_a_hint(own: tuple[Path, str, str]) -> None:
    data, char, _ = own
    path = data / "characteristics" / f"{char}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'\n  decided: "[^"]*"', "", text), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    line = lines.index("  by: platform-team") + 1  # the characteristic's own source, not its recommendation's
    assert _problems(data) == [
        f"data/characteristics/{char}.yml:{line}:3: source: missing field 'decided' "
        "(the date of the platform team's decision, YYYY-MM-DD)"
    ]


def test_a_decision_date_that_is_no_day_and_a_link_not_https_are_refused(own: tuple[Path, str, str]) -> None:
    data, char, term = own
    path = data / "characteristics" / f"{char}.yml"
    edit(path, 'decided: "2026-02-03"', 'decided: "2026-02-30"')
    line, column = _at(path, '"2026-02-30"')
    assert _problems(data) == [
        f"data/characteristics/{char}.yml:{line}:{column}: recommendations[0].source.decided: "
        "'2026-02-30' is not a calendar date (write it as YYYY-MM-DD)"
    ]
    term_path = data / "terms" / f"{term}.yml"
    edit(term_path, "link: https://", "link: http://")
    line, column = _at(term_path, "http://")
    assert f"data/terms/{term}.yml:{line}:{column}: source.link: " in "\n".join(_problems(data))
    assert "is not valid (An https:// address" in "\n".join(_problems(data))


def test_a_decision_dated_after_today_is_refused(own: tuple[Path, str, str]) -> None:
    data, _, term = own
    path = data / "terms" / f"{term}.yml"
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    decided = re.search(r'decided: "([^"]*)"', path.read_text(encoding="utf-8"))
    assert decided, "the term of ours has a decision date"
    edit(path, decided[0], f'decided: "{tomorrow}"')
    line, column = _at(path, f'"{tomorrow}"')
    assert _problems(data) == [
        f"data/terms/{term}.yml:{line}:{column}: source.decided: '{tomorrow}' is in the future "
        "(the day the platform team decided, at the latest today)"
    ]


def test_an_unknown_source_is_refused_with_the_known_ones(own: tuple[Path, str, str]) -> None:
    data, _, term = own
    path = data / "terms" / f"{term}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(r"\nsource:\n(  .*\n)+", "\nsource:\n  ref: no-such-source\n  section: {en: A, ja: あ}\n", text)
        + "in_source: {en: Audit trail}\n",
        encoding="utf-8",
    )
    line, column = _at(path, "no-such-source")
    [problem] = _problems(data)
    assert problem.startswith(f"data/terms/{term}.yml:{line}:{column}: source.ref: unknown source 'no-such-source' (")


def test_a_place_in_the_post_is_refused_in_a_characteristic_of_our_own(own: tuple[Path, str, str]) -> None:
    data, char, _ = own
    path = data / "characteristics" / f"{char}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"\n    source:\n(      .*\n)+", "\n    source: combined-example\n", text), encoding="utf-8")
    line, column = _at(path, "source: combined-example")
    assert _problems(data) == [
        f"data/characteristics/{char}.yml:{line}:{column + len('source: ')}: recommendations[0].source: "
        "'combined-example' is a place in the post, and this characteristic is the platform team's own "
        "(write source: {by: platform-team, rationale: ..., decided: YYYY-MM-DD}, "
        "or ref: and section: of the source that says it)"
    ]


def test_a_term_of_ours_with_a_sources_form_and_a_rationale_without_by_are_refused(own: tuple[Path, str, str]) -> None:
    data, _, term = own
    path = data / "terms" / f"{term}.yml"
    path.write_text(path.read_text(encoding="utf-8") + "in_source: {en: Audit trail}\n", encoding="utf-8")
    line, column = _at(path, "in_source:")
    assert _problems(data) == [
        f"data/terms/{term}.yml:{line}:{column}: in_source: field 'in_source' is not allowed here "
        "(a term the platform team defines has no source's form: remove in_source)"
    ]
    edit(path, "  by: platform-team\n", "")
    problems = "\n".join(_problems(data))
    assert (
        "source.rationale: field 'rationale' is not allowed here (only the platform team's own knowledge has a rationale: add by: platform-team, or remove it)"
        in problems
    )
