"""Data is text, never code: hostile strings in every text field come out as the same visible text.

The site is built from tests/hostile.py's data set. Read back, every field equals the data
character for character (so nothing was interpreted as HTML, Markdown, Jinja or a directive), and
no page holds an element, attribute or address that the strings could have smuggled in.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks.generate import write_synthetic_data
from macros.kb.kinds import kind_of
from macros.kb.load import build_knowledge_base
from macros.kb.model import Capability, Characteristic, KnowledgeBase, Tool
from macros.kb.problems import errors_in
from tests.hostile import EVIL_HOST, HOSTILE
from tests.htmlread import read_page
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
            if element.tag == "script" and "alert(" in element.text():
                found.append(f"{name}: a script that alerts")
        article = page.find("article")
        # Entity pages hold data and no widget of ours (the profiler's and the landscape's forms are).
        if article is not None and re.match(
            r"(capabilities|characteristics|case-studies|tools)/[a-z0-9-]+/index\.html$", name
        ):
            found += [f"{name}: <{e.tag}> in the article" for e in article.iter() if e.tag in _ACTIVE]
    assert found == []


def section_of(entity: object) -> str:
    return kind_of(entity).folder


def test_every_generated_page_keeps_its_metadata(hostile_site: tuple[Path, KnowledgeBase]) -> None:
    """Each entity page's title is its name, and no page shows a front matter in its body."""
    site, kb = hostile_site
    entities: list[Capability | Characteristic | Tool] = [
        *kb.capabilities.values(),
        *kb.characteristics.values(),
        *kb.tools.values(),
    ]
    expected = {f"{section_of(e)}/{e.id}/index.html": e.name.en for e in entities}
    expected |= {f"case-studies/{c.id}/index.html": c.title.en for c in kb.case_studies.values()}
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
    assert problems == [f"data/sources/source-a.yml:9:7: url.en: '{url}' is not valid (An https:// address)"]
