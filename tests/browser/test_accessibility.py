"""Accessibility in Chromium: axe-core on every page type in both palettes, the matrix as a table a
screen reader can navigate, and every control reachable by Tab with a visible focus indicator.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from macros.kb.model import KnowledgeBase
from tests.samplepages import CAPABILITY, CASE_STUDY, CHARACTERISTIC, PLAN, SYSTEM, TOOL, wait_until_shown

PAGES = {
    "home": "",
    "matrix": "matrix/",
    "characteristics index": "characteristics/",
    "capability": CAPABILITY,
    "characteristic": CHARACTERISTIC,
    "case study": CASE_STUDY,
    "tags": "tags/",
    "about": "about/",
    "profiler with a plan": PLAN,
    "tools landscape": "tools/",
    "tool": TOOL,
    "what changed": "changes/",
    "systems index": "systems/",
    "portfolio": "portfolio/",
} | ({"system": SYSTEM} if SYSTEM else {})
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture(scope="module", params=["light", "dark"])
def scheme_tab(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """A tab in a browser that prefers the light or the dark scheme (Material follows it), one per scheme."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=request.param)
    yield context.new_page()
    context.close()


@pytest.fixture
def scheme_page(scheme_tab: Page) -> Page:
    """The scheme's tab, on a blank page: each test loads its own (as `tab` does, tests/browser/conftest.py)."""
    scheme_tab.goto("about:blank")
    return scheme_tab


def blocking_violations(axe: Axe, page: Page) -> list[str]:
    response = axe.run(page).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:5]]}"
        for v in response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_serious_or_critical_axe_violations(scheme_page, site_url: str, axe: Axe, path: str) -> None:
    scheme_page.goto(site_url + path)
    wait_until_shown(scheme_page, path)
    assert blocking_violations(axe, scheme_page) == []


def test_no_serious_or_critical_axe_violations_with_search_results_open(scheme_page, site_url: str, axe: Axe) -> None:
    open_search(scheme_page, site_url, "registry")
    assert blocking_violations(axe, scheme_page) == []


def open_search(page: Page, site_url: str, query: str) -> None:
    """Open Material's search from the keyboard, type, and wait for the results list."""
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    # axe judges colours as they end, not half-way through Material's .25 s colour transitions.
    # A constructed style sheet: the pages' Content Security Policy lets no <style> element in.
    page.evaluate(
        """() => {
          const sheet = new CSSStyleSheet();
          sheet.replaceSync("*, *::before, *::after { transition: none !important; animation: none !important; }");
          document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        }"""
    )
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(state="visible")


def test_matrix_is_a_table_with_row_and_column_headers(tab, site_url: str, kb: KnowledgeBase) -> None:
    tab.goto(site_url + "matrix/")
    table = tab.get_by_role("table", name="MLOps capabilities by use-case characteristic")
    tree = table.aria_snapshot()  # what Chromium exposes to screen readers
    missing = [
        f'columnheader "{c.name.en}"' for c in kb.capabilities.values() if f'columnheader "{c.name.en}"' not in tree
    ]
    missing += [
        f'rowheader "{c.name.en}"' for c in kb.characteristics.values() if f'rowheader "{c.name.en}"' not in tree
    ]
    assert missing == []
    scopes = table.evaluate("""t => ({
        head: [...t.tHead.querySelectorAll('th')].map(th => th.scope),
        rows: [...t.tBodies[0].rows].map(r => r.cells[0].tagName + ':' + r.cells[0].scope)})""")
    assert set(scopes["head"]) == {"col"}
    assert set(scopes["rows"]) == {"TH:row"}


# Every element a keyboard user could need to reach: visible, enabled, not taken out of the tab order.
# Of a radio group (Material's palette switch) only the checked radio, or the first, is in the tab order.
_CONTROLS = """() => {
  const all = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [tabindex]')];
  const controls = all.filter(e => e.tabIndex >= 0 && !e.disabled && !e.closest('[inert], [hidden]')
      && e.checkVisibility({visibilityProperty: true})
      && !(e.type === 'radio' && e !== (document.querySelector(`input[name="${e.name}"]:checked`)
                                         || document.querySelector(`input[name="${e.name}"]`))));
  controls.forEach((e, i) => e.dataset.kbControl = i);
  return controls.map(e => e.outerHTML.slice(0, 120));
}"""

# The focused element's indicator: its outline or shadow, or (for Material's hidden radio inputs) its label's.
_FOCUS_SHOWN = """() => {
  const e = document.activeElement;
  const shown = el => { const s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; };
  const next = e.nextElementSibling;  // Material draws a hidden radio's focus on the label after it
  const label = next && next.tagName === 'LABEL' ? next : e.id && document.querySelector(`label[for="${e.id}"]`);
  return [e.dataset.kbControl ?? null, shown(e) || Boolean(label && shown(label))];
}"""


@pytest.mark.parametrize(
    "path", ["", "matrix/", CAPABILITY, CASE_STUDY], ids=["home", "matrix", "capability", "case study"]
)
def test_every_control_is_reached_by_tab_and_shows_focus(tab, site_url: str, path: str) -> None:
    tab.goto(site_url + path)
    wait_until_shown(tab, path)
    controls = tab.evaluate(_CONTROLS)
    reached: dict[str, bool] = {}
    for _ in range(len(controls) + 20):
        tab.keyboard.press("Tab")
        index, shown = tab.evaluate(_FOCUS_SHOWN)
        if index is not None:
            reached.setdefault(index, shown)
    assert [c for i, c in enumerate(controls) if str(i) not in reached] == [], "not reachable by Tab"
    assert [controls[int(i)] for i, shown in reached.items() if not shown] == [], "no visible focus indicator"
