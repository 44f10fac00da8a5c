"""Fuzzed sites: every text field of every kind filled with text drawn from the whole of Unicode and
the syntax of every language data text meets (tests/fuzztext.py), both editions built, then read.

Each example is one site: each text field of each entity gets its own drawn text, reduced to what the
loader accepts (tests/test_fuzz_loader.py proves the rest is refused) and kept within its field's
length limit; names get a number so none repeats. On the built pages:
- no element or attribute the templates do not write (the pairs of a site built from plain words),
  no event handler, no address of another host;
- every generated page's metadata intact (its <title> is its name; no front matter in its body);
- every field reads back as written (English edition);
- in Chromium, on every entity page of both editions, the matrix and the profiler with every
  characteristic ticked: no dialog, no script error, no request off the site.

Budget: KB_FUZZ_EXAMPLES // 30 sites (2 by default), from seed KB_FUZZ_SEED; the session header
prints the replay command.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, note
from hypothesis import strategies as st
from playwright.sync_api import Dialog

from benchmarks.generate import TextMaker, word_text, write_synthetic_data
from macros.kb.characters import is_invisible
from macros.kb.kinds import KINDS, kind_of
from macros.kb.load import build_knowledge_base
from macros.kb.model import KnowledgeBase
from macros.kb.textrules import forbidden_character
from tests.browser.conftest import serve
from tests.fuzztext import FUZZ_SITES, REPLAY, SYNTAX, TROUBLE, fuzzed, texts
from tests.hostile import EVIL_HOST, SHORT_FIELDS
from tests.htmlread import read_page
from tests.readback import fold
from tests.sitebuild import build_editions
from tests.siteinvariants import readback_differences as differences

SHAPE = {"seed": 11, "capabilities": 4, "characteristics": 3, "case_studies": 3}
LIMITS = {"short": 200, "long": 5000}
_URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "data", "poster", "xlink:href"}


def accepted(text: str, limit: int, number: int) -> str:
    """The drawn text as the loader accepts it: no forbidden character, something visible, within the limit, numbered."""
    kept = "".join(c for c in text if forbidden_character(c) is None)[: limit - 12]
    if all(is_invisible(c) for c in kept):
        kept = "x" + kept
    return f"{kept} ({number})"


def drawn_text(data: st.DataObject) -> TextMaker:
    """A drawn text for each field, led by the next trouble character and syntax fragment in turn, so
    that every site (Hypothesis' first, simplest one too) holds each of them in some field."""
    count = 0

    def text(trail: str) -> str:
        nonlocal count
        count += 1
        short = trail.removesuffix(".en").removesuffix(".ja").endswith(SHORT_FIELDS)
        lead = TROUBLE[count % len(TROUBLE)] + SYNTAX[count * 7 % len(SYNTAX)]
        return accepted(lead + data.draw(texts(), label=trail), LIMITS["short" if short else "long"], count)

    return text


def tag_attribute_pairs(site: Path) -> set[tuple[str, str]]:
    """Every (element, attribute) pair on every page of a built site ('' for an element's own presence)."""
    pairs = set()
    for path in site.rglob("*.html"):
        for element in read_page(path).iter():
            pairs.add((element.tag, ""))
            pairs.update((element.tag, attribute) for attribute in element.attrs)
    return pairs


@pytest.fixture(scope="module")
def template_pairs(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    """What the templates write: the pairs of a site of the same shape built from plain words."""
    root = tmp_path_factory.mktemp("fuzz-baseline")
    data = write_synthetic_data(root / "data", text=word_text(3), **SHAPE)
    result = build_editions(root / "site", data_dir=data)
    assert result.returncode == 0, result.stderr
    return tag_attribute_pairs(root / "site")


def entity_pages(site: Path, kb: KnowledgeBase, lang: str) -> Iterator[tuple[Path, str]]:
    """(built page, the name its title must show) for every generated entity page of one edition."""
    edition = site if lang == "en" else site / lang
    for entity in [entity for kind in KINDS.values() if kind.template for entity in kb.entities(kind.folder).values()]:
        yield edition / kind_of(entity).folder / entity.id / "index.html", entity.name[lang]


def check_pages(site: Path, kb: KnowledgeBase, allowed: set[tuple[str, str]]) -> list[str]:
    """Everything wrong in the built HTML of both editions."""
    found = []
    for path in site.rglob("*.html"):
        for element in read_page(path).iter():
            if (element.tag, "") not in allowed:
                found.append(f"{path.relative_to(site)}: <{element.tag}>")
            for attribute, value in element.attrs.items():
                if (element.tag, attribute) not in allowed:
                    found.append(f"{path.relative_to(site)}: <{element.tag} {attribute}>")
                if attribute in _URL_ATTRIBUTES and (
                    EVIL_HOST in value or value.strip().lower().startswith(("javascript:", "data:"))
                ):
                    found.append(f"{path.relative_to(site)}: <{element.tag} {attribute}={value!r}>")
    for lang in ("en", "ja"):
        site_name = read_page((site if lang == "en" else site / lang) / "index.html").one("title").text()
        for path, name in entity_pages(site, kb, lang):
            page = read_page(path)
            if page.one("title").text() != f"{fold(name)} - {site_name}":
                found.append(f"{path.relative_to(site)}: title {page.one('title').text()[:60]!r}")
            if "kb_kind" in page.one("article").text():
                found.append(f"{path.relative_to(site)}: front matter in the body")
    return found + differences(site, kb)


def check_in_chromium(browser: object, site: Path, kb: KnowledgeBase) -> list[str]:
    """Dialogs, script errors and requests off the site, on every entity page of both editions."""
    server, url = serve(site)
    context = browser.new_context()  # type: ignore[attr-defined]
    found: list[str] = []
    context.on(
        "request", lambda request: None if request.url.startswith(url) else found.append(f"request {request.url}")
    )
    context.route(lambda address: not address.startswith(url), lambda route: route.abort())
    page = context.new_page()

    def dismiss(dialog: Dialog) -> None:
        found.append(f"dialog {dialog.message!r}")
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.on("pageerror", lambda error: found.append(f"script error {error}"))
    try:
        for lang in ("en", "ja"):
            for path, _name in entity_pages(site, kb, lang):
                page.goto(url + path.parent.relative_to(site).as_posix() + "/")
                page.wait_for_load_state("load")
        page.goto(url + "matrix/")
        page.wait_for_load_state("load")
        # The profiler writes data text from api/v1/ into the page: every characteristic ticked.
        page.goto(url + "profiler/#" + "+".join(kb.characteristics))
        page.locator(".kb-profiler").first.wait_for(state="visible")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
        server.shutdown()
    return found


@fuzzed(FUZZ_SITES)
@given(data=st.data())
def test_fuzzed_sites_hold_only_what_the_templates_write(
    browser: object, template_pairs: set[tuple[str, str]], tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    note(f"replay: {REPLAY}")
    root = tmp_path_factory.mktemp("fuzz-site")
    data_dir = write_synthetic_data(root / "data", text=drawn_text(data), **SHAPE)
    result = build_knowledge_base(data_dir)
    assert result.ok and result.knowledge_base is not None, [str(p) for p in result.problems]
    build = build_editions(root / "site", data_dir=data_dir)
    assert build.returncode == 0, build.stderr[-3000:]
    assert check_pages(root / "site", result.knowledge_base, template_pairs) == []
    assert check_in_chromium(browser, root / "site", result.knowledge_base) == []
