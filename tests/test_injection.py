"""Data is text, never code: hostile strings in every text field come out as the same visible text.

The site is built from tests/hostile.py's data set. Read back, every field equals the data
character for character (so nothing was interpreted as HTML, Markdown, Jinja or a directive), and
no page holds an element, attribute or address that the strings could have smuggled in.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from benchmarks.generate import write_synthetic_data
from macros.kb.kinds import KINDS
from macros.kb.load import build_knowledge_base
from macros.kb.model import KnowledgeBase
from macros.kb.problems import errors_in
from macros.kb.schemas import load_schema
from macros.site.api import FORMULA_START
from tests.hostile import EVIL_HOST, HOSTILE
from tests.htmlread import read_page
from tests.readback import fold
from tests.searchindex import whole_search_index
from tests.siteinvariants import readback_differences

# Elements a text field could smuggle in. Material's chrome has some (icons are <svg>); the article none
# (its only <input>s are the disabled checkboxes of the case-study checklist).
_ACTIVE = {
    "script",
    "style",
    "img",
    "svg",
    "iframe",
    "object",
    "embed",
    "link",
    "form",
    "video",
    "audio",
    "base",
    "meta",
}
_URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "data", "poster", "xlink:href"}
# Every kind with a page per entity (a new kind's too): its pages hold data and no widget of ours.
_PAGED_FOLDERS = tuple(kind.folder for kind in KINDS.values() if kind.template)


def test_every_hostile_field_reads_back_as_the_text_written(hostile_site: tuple[Path, KnowledgeBase]) -> None:
    assert readback_differences(*hostile_site) == []


def test_hostile_text_is_shown_literally(hostile_site: tuple[Path, KnowledgeBase]) -> None:
    site, _kb = hostile_site
    article = read_page(site / "capabilities/cap-0/index.html").find("article")
    assert article is not None
    text = article.text()
    for hostile in HOSTILE:
        assert " ".join(hostile.split()) in text
    # {{ 7 * 7 }} and the {% for %} were not run (short fields end in a number of their own, "(149)").
    unnumbered = re.sub(r"\(\d+\)", "", text)
    assert "49" not in unnumbered and "looploop" not in unnumbered


def test_no_page_holds_smuggled_elements_attributes_or_addresses(hostile_site: tuple[Path, KnowledgeBase]) -> None:
    site, _kb = hostile_site
    found = []
    for path in sorted(site.rglob("*.html")):
        page = read_page(path)
        name = path.relative_to(site).as_posix()
        for element in page.iter():
            for attribute, value in element.attrs.items():
                if attribute.startswith("on"):
                    found.append(f"{name}: <{element.tag} {attribute}>")
                if attribute in _URL_ATTRIBUTES and (
                    EVIL_HOST in value or value.strip().lower().startswith(("javascript:", "data:text"))
                ):
                    found.append(f"{name}: <{element.tag} {attribute}={value!r}>")
            if element.tag == "script" and element.attrs.get("type") == "application/json":
                # Data for a script (the portfolio's rows): hostile text inside is data, but none of it may
                # end the element or open another (tojson writes <, > and & as \u escapes).
                if re.search(r"[<>&]", "".join(c for c in element.children if isinstance(c, str))):
                    found.append(f"{name}: <, > or & written raw in a JSON script")
            elif element.tag == "script" and "alert(" in element.text():
                found.append(f"{name}: a script that alerts")
        article = page.find("article")
        # Entity pages hold data and no widget of ours (the profiler's and the landscape's forms are).
        if article is not None and re.match(rf"({'|'.join(_PAGED_FOLDERS)})/[a-z0-9-]+/index\.html$", name):
            found += [f"{name}: <{e.tag}> in the article" for e in article.iter() if e.tag in _ACTIVE]
    assert found == []


def test_every_generated_page_keeps_its_metadata(hostile_site: tuple[Path, KnowledgeBase]) -> None:
    """Each entity page's title is its name, and no page shows a front matter in its body."""
    site, kb = hostile_site
    expected = {
        f"{folder}/{e.id}/index.html": (e.title if hasattr(e, "title") else e.name).en
        for folder in _PAGED_FOLDERS
        for e in kb.entities(folder).values()
    }
    assert any(name.startswith("systems/") for name in expected), "the hostile data holds a system"
    site_name = read_page(site / "index.html").one("title").text()  # the home page's title is the site's name
    wrong = []
    for name, title in expected.items():
        page = read_page(site / name)
        shown = page.one("title").text()
        if shown != f"{' '.join(title.split())} - {site_name}":
            wrong.append(f"{name}: <title> {shown[:80]!r}")
        body = page.one("article").text()
        if "kb_kind" in body or re.search(r"(^|\s)title: ", body):
            wrong.append(f"{name}: front matter in the body")
    assert wrong == []


def test_every_system_field_reads_back_as_written(hostile_site: tuple[Path, KnowledgeBase]) -> None:
    """A system's name, summary, owner, contact and notes: its page shows them as text, and the systems
    list's and the portfolio's rows carry name and owner in their data attributes, character for character."""
    site, kb = hostile_site
    assert kb.systems, "the hostile data holds a system"
    wrong: list[str] = []
    rows = {
        page: {
            row.attrs["data-name"]: row.attrs["data-owner"]
            for row in read_page(site / page).find_all("tr")
            if "data-name" in row.attrs
        }
        for page in ("systems/index.html", "portfolio/index.html")
    }
    # The portfolio's rows as data, from which portfolio.js builds every page of rows and each sort.
    portfolio = read_page(site / "portfolio/index.html").one("script", "kb-heatmap-data")
    raw = "".join(child for child in portfolio.children if isinstance(child, str))  # as written, not folded
    heatmap = {row[0]: row[2] for row in json.loads(raw)["rows"]}
    for system in kb.systems.values():
        if heatmap.get(system.name.en) != system.owner.en:
            wrong.append(f"portfolio data: row of {system.id}: {heatmap.get(system.name.en)!r} != {system.owner.en!r}")
        article = read_page(site / f"systems/{system.id}/index.html").one("article")
        shown = {
            "name": article.one("h1").text(),
            "summary": article.one(cls="kb-summary").text(),
            "owner": article.one(cls="kb-owner").text(),
            "contact": article.one(cls="kb-contact").text() if system.contact else "",
            "notes": [n.text() for n in article.one(cls="kb-in-place").find_all(cls="kb-note")],
        }
        data = {
            "name": fold(system.name.en),
            "summary": fold(system.summary.en),
            "owner": fold(system.owner.en),
            "contact": system.contact or "",
            "notes": [fold(e.note.en) for e in system.in_place if e.note and e.capability in kb.capabilities],
        }
        wrong += [
            f"systems/{system.id}: {field}: {shown[field]!r} != {data[field]!r}"
            for field in data
            if shown[field] != data[field]
        ]
        wrong += [
            f"{page}: row of {system.id}: {got.get(system.name.en)!r} != {system.owner.en!r}"
            for page, got in rows.items()
            if got.get(system.name.en) != system.owner.en
        ]
    assert wrong == []


def test_the_portfolio_csv_and_systems_json_hold_the_texts_and_no_formula(
    hostile_site: tuple[Path, KnowledgeBase],
) -> None:
    site, kb = hostile_site
    rows = list(csv.DictReader(io.StringIO((site / "api/v1/portfolio.csv").read_text(encoding="utf-8"), newline="")))
    assert [cell for row in rows for cell in row.values() if cell.startswith(tuple(FORMULA_START))] == []
    # A cell that would start a formula is kept whole behind a ' (the spreadsheet shows it as text).
    for system in kb.systems.values():
        row = next(r for r in rows if r["system"] == system.id)
        for column, text in (("name_en", system.name.en), ("owner_ja", system.owner.ja)):
            assert row[column] in (text, "'" + text), (column, row[column], text)
    published = {s["id"]: s for s in json.loads((site / "api/v1/systems.json").read_text(encoding="utf-8"))["systems"]}
    for system in kb.systems.values():
        entry = published[system.id]
        assert (entry["name"], entry["owner"], entry["contact"]) == (
            {"en": system.name.en, "ja": system.name.ja},
            {"en": system.owner.en, "ja": system.owner.ja},
            system.contact or "",
        )


def test_search_index_holds_the_text_escaped(hostile_site: tuple[Path, KnowledgeBase]) -> None:
    site, _kb = hostile_site
    index = whole_search_index(site)
    # Material shows index titles and text as HTML: a raw tag there would run in the results list.
    raw_tags = [
        (doc["location"], tag)
        for doc in index["docs"]
        for field in ("title", "text")
        for tag in re.findall(r"<(?:script|img|svg|iframe|style|a )[^>]*>", doc[field])
    ]
    assert raw_tags == []


# --- URL fields take https:// addresses only --------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "http://example.com",
        "//example.com/page",
        "data:text/html,<script>alert(1)</script>",
        "https://example.com/a b",
        'https://example.com/"onmouseover="alert(1)',
        "ftp://example.com",
        "/relative/page",
        # What no link may hold raw (the HTML checker refuses it): written %-escaped, it is accepted.
        "https://example.com/{{ 7 * 7 }}",
        "https://example.com/{x}",
        "https://example.com/a#x)](javascript:alert(1))",
        "https://example.com/a|b^c",
        "https://example.com/100%",
    ],
)
def test_source_url_must_be_https(tmp_path: Path, url: str) -> None:
    data = write_synthetic_data(tmp_path / "data", seed=0)
    path = data / "sources/source-a.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("en: https://example.com/en/source-a", f"en: {json.dumps(url)}"),
        encoding="utf-8",
    )
    problems = [str(p) for p in errors_in(build_knowledge_base(data).problems)]
    hint = load_schema("common")["$defs"]["https_url"]["description"]
    assert problems == [f"data/sources/source-a.yml:9:7: url.en: '{url}' is not valid ({hint})"]


@pytest.mark.parametrize("contact", ["https://example.com/{x}", "team{x}@example.com", "https://example.com/100%"])
def test_a_contact_no_link_may_hold_is_refused_and_its_escaped_form_accepted(tmp_path: Path, contact: str) -> None:
    data = write_synthetic_data(tmp_path / "data", seed=0)
    path = next(iter(sorted((data / "systems").glob("*.yml"))))
    original = path.read_text(encoding="utf-8")
    escaped = contact.replace("{", "%7B").replace("}", "%7D").replace("100%", "100%25")
    problems = []
    for value in (contact, escaped):
        path.write_text(
            re.sub(r"^contact: .*$", f"contact: {json.dumps(value)}", original, flags=re.M), encoding="utf-8"
        )
        problems.append([str(p) for p in errors_in(build_knowledge_base(data).problems)])
    assert len(problems[0]) == 1 and f": contact: '{contact}' is not valid" in problems[0][0], problems[0]
    assert problems[1] == [] or "@" in contact, problems[1]
