"""The real site, built by MkDocs from the real data: pages, titles, the matrix, cross-links."""

from __future__ import annotations

from pathlib import Path

from macros.kb.model import KnowledgeBase
from macros.site.render import load_strings
from tests.htmlread import Element, article_of, page_path, read_built_page
from tests.siteinvariants import cross_link_problems


def _entity_urls(kb: KnowledgeBase) -> list[str]:
    return (
        [f"capabilities/{i}/" for i in kb.capabilities]
        + [f"characteristics/{i}/" for i in kb.characteristics]
        + [f"case-studies/{i}/" for i in kb.case_studies]
    )


def _article(site: Path, url_path: str) -> Element:
    return article_of(page_path(site, url_path))


def _children(element: Element, tag: str) -> list[Element]:
    return [child for child in element.elements() if child.tag == tag]


def test_every_entity_has_a_page_at_its_stable_url(site_dir: Path, kb: KnowledgeBase) -> None:
    for url in _entity_urls(kb):
        assert page_path(site_dir, url).exists(), url
    for url in [
        "matrix/",
        "characteristics/",
        "capabilities/",
        "case-studies/",
        "tags/",
        "schemas/capability.schema.json",
    ]:
        assert (site_dir / url).exists(), url


def test_entity_page_titles(site_dir: Path, kb: KnowledgeBase) -> None:
    for cap in kb.capabilities.values():
        assert _article(site_dir, f"capabilities/{cap.id}/").one("h1").text() == cap.name.en
        assert (
            read_built_page(page_path(site_dir, f"capabilities/{cap.id}/"))
            .one("title")
            .text()
            .startswith(cap.name.en + " - ")
        )


def test_matrix_equals_the_data_cell_for_cell(site_dir: Path, kb: KnowledgeBase) -> None:
    table = _article(site_dir, "matrix/").one("table", "kb-matrix")
    columns = [a.attrs["href"].split("/")[-2] for a in table.one("thead").find_all("a")]
    assert sorted(columns) == sorted(kb.capabilities)
    seen_rows = []
    for row in _children(table.one("tbody"), "tr"):
        char_id = row.one("th").one("a").attrs["href"].split("/")[-2]
        seen_rows.append(char_id)
        cells = _children(row, "td")
        for cap_id, cell in zip(columns, cells[:-1], strict=True):
            rec = kb.recommendation(char_id, cap_id)
            assert cell.attrs.get("data-level") == (rec.level if rec else None), (char_id, cap_id)
            if rec:
                tip = cell.one(cls="kb-tip").text()
                assert rec.why.en in tip
                assert (rec.condition is None) or rec.condition.en in tip
        assert cells[-1].text() == str(len(kb.characteristics[char_id].recommendations))
    assert sorted(seen_rows) == sorted(kb.characteristics)
    totals = [td.text() for td in table.one("tfoot").find_all("td")][:-1]
    assert totals == [str(len(kb.recommendations_for(cap_id))) for cap_id in columns]


def test_matrix_marks_differ_in_shape_and_words(site_dir: Path) -> None:
    table = _article(site_dir, "matrix/").one("table", "kb-matrix")
    core = table.one("td", "kb-cell--core")
    situational = table.one("td", "kb-cell--situational")

    def mark(cell: Element) -> str:
        return next(e for e in cell.iter() if "aria-hidden" in e.attrs).text()

    def reason(cell: Element) -> str:
        """The pop-up's words after the cell it names (characteristic × capability)."""
        tip = cell.one(cls="kb-tip")
        named = tip.one(cls="kb-tip__cell").text()
        assert " × " in named
        return tip.text().removeprefix(named).removeprefix(load_strings("en")["clause_separator"])

    assert mark(core) != mark(situational)
    assert reason(core).startswith("Core")
    assert reason(situational).startswith("Situational")
    assert all(th.attrs.get("scope") in {"col", "row"} for th in table.find_all("th"))


def test_cross_links_resolve_both_ways(site_dir: Path, kb: KnowledgeBase) -> None:
    assert cross_link_problems(site_dir, kb) == []


def test_nav_does_not_list_every_entity(site_dir: Path, kb: KnowledgeBase) -> None:
    first, *others = kb.capabilities
    nav = read_built_page(page_path(site_dir, f"capabilities/{first}/")).one("nav", "md-nav--primary")
    links = {a.attrs["href"] for a in nav.find_all("a") if "href" in a.attrs}
    assert not any(f"/{other}/" in href for other in others for href in links)


def test_every_case_studys_checklist_in_the_html(site_dir: Path, kb: KnowledgeBase) -> None:
    # The source's combined example among them while it is in the data (tests/sourcefacts.py).
    for case in kb.case_studies.values():
        checklist = _article(site_dir, f"case-studies/{case.id}/").one("div", "kb-checklist")
        names = {li.one("a").text() for li in _children(checklist.one("ul"), "li")}
        assert names == {item.capability.name.en for item in kb.checklist(case)}, case.id
