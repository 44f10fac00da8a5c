"""The real site, built by MkDocs from the real data: pages, titles, the matrix, cross-links."""

from __future__ import annotations

from pathlib import Path

from macros.model import KnowledgeBase
from tests.sitehtml import article, content_links, page_path, soup_of


def _entity_urls(kb: KnowledgeBase) -> list[str]:
    return ([f"capabilities/{i}/" for i in kb.capabilities] + [f"characteristics/{i}/" for i in kb.characteristics]
            + [f"case-studies/{i}/" for i in kb.case_studies])


def test_every_entity_has_a_page_at_its_stable_url(site_dir: Path, kb: KnowledgeBase) -> None:
    for url in _entity_urls(kb):
        assert page_path(site_dir, url).exists(), url
    for url in ["matrix/", "characteristics/", "capabilities/", "case-studies/", "tags/", "schemas/capability.schema.json"]:
        assert (site_dir / url).exists(), url


def test_entity_page_titles(site_dir: Path, kb: KnowledgeBase) -> None:
    for cap in kb.capabilities.values():
        assert article(site_dir, f"capabilities/{cap.id}/").h1.get_text(strip=True).rstrip("¶") == cap.name.en
        assert soup_of(page_path(site_dir, f"capabilities/{cap.id}/")).title.get_text().startswith(cap.name.en + " - ")


def test_matrix_equals_the_data_cell_for_cell(site_dir: Path, kb: KnowledgeBase) -> None:
    table = article(site_dir, "matrix/").select_one("table.kb-matrix")
    columns = [a["href"].split("/")[-2] for a in table.select("thead th a")]
    assert sorted(columns) == sorted(kb.capabilities)
    seen_rows = []
    for row in table.select("tbody tr"):
        char_id = row.th.a["href"].split("/")[-2]
        seen_rows.append(char_id)
        cells = row.select("td")[:-1]
        for cap_id, cell in zip(columns, cells, strict=True):
            rec = kb.recommendation(char_id, cap_id)
            assert cell.get("data-level") == (rec.level if rec else None), (char_id, cap_id)
            if rec:
                tip = cell.select_one(".kb-tip").get_text()
                assert rec.why.en in tip
                assert (rec.condition is None) or rec.condition.en in tip
        assert row.select("td")[-1].get_text() == str(len(kb.characteristics[char_id].recommendations))
    assert sorted(seen_rows) == sorted(kb.characteristics)
    totals = [td.get_text() for td in table.select("tfoot td")][:-1]
    assert totals == [str(len(kb.recommendations_for(cap_id))) for cap_id in columns]


def test_matrix_marks_differ_in_shape_and_words(site_dir: Path) -> None:
    table = article(site_dir, "matrix/").select_one("table.kb-matrix")
    core = table.select_one("td.kb-cell--core")
    situational = table.select_one("td.kb-cell--situational")
    assert core.select_one("[aria-hidden]").get_text() != situational.select_one("[aria-hidden]").get_text()
    assert core.select_one(".kb-tip").get_text().startswith("Core")
    assert situational.select_one(".kb-tip").get_text().startswith("Situational")
    assert all(th.get("scope") in {"col", "row"} for th in table.select("th"))


def test_cross_links_resolve_both_ways(site_dir: Path, kb: KnowledgeBase) -> None:
    for char in kb.characteristics.values():
        char_url = f"characteristics/{char.id}/"
        for rec in char.recommendations:
            cap_url = f"capabilities/{rec.capability}/"
            assert cap_url in content_links(site_dir, char_url), (char.id, rec.capability)
            assert char_url in content_links(site_dir, cap_url), (rec.capability, char.id)
        assert f"case-studies/{char.example}/" in content_links(site_dir, char_url)
    for case in kb.case_studies.values():
        case_url = f"case-studies/{case.id}/"
        for char_id in case.characteristics:
            assert f"characteristics/{char_id}/" in content_links(site_dir, case_url)
            assert case_url in content_links(site_dir, f"characteristics/{char_id}/")
        for item in kb.checklist(case):
            assert f"capabilities/{item.capability.id}/" in content_links(site_dir, case_url)


def test_nav_does_not_list_every_entity(site_dir: Path, kb: KnowledgeBase) -> None:
    nav = soup_of(page_path(site_dir, "capabilities/model-registry/")).select_one("nav.md-nav--primary")
    links = {a["href"] for a in nav.select("a[href]")}
    assert not any("model-training" in href for href in links)


def test_the_combined_example_checklist_in_the_html(site_dir: Path) -> None:
    checklist = article(site_dir, "case-studies/retrained-batch-recommender/").select(".kb-checklist > ul > li")
    names = {li.a.get_text() for li in checklist}
    assert names == {"Data processing", "Model training", "Model evaluation", "ML pipelines", "Model registry",
                     "ML metadata and artifact tracking", "Model serving"}
