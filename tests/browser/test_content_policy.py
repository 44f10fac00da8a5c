"""The Content Security Policy in Chromium: every page type of both editions, in both palettes,
runs and loads with no violation, search included; a script injected into a page does not run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.test_accessibility import PAGES
from tests.samplepages import KB

# Every violation the page reports, from before its first script runs.
RECORD_VIOLATIONS = """
window.kbViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.kbViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""
EDITIONS = {"en": "", "ja": "ja/"}
FETCHING = {"profiler with a plan", "not found", "tools landscape"}
MORE_PAGES = {"glossary": "glossary/", "not found": "no-such-page/", "search": ""}


def _former_address() -> str | None:
    """An entity's former address (a redirect page), if the data renamed anything."""
    for kind in ("capabilities", "characteristics", "case-studies", "tools"):
        for entity in KB.entities(kind).values():
            if entity.former_ids:
                return f"{kind}/{entity.former_ids[0]}/"
    return None


@pytest.fixture(params=["light", "dark"])
def scheme_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=request.param)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.console_errors = errors  # type: ignore[attr-defined]
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_type_runs_with_no_policy_violation(scheme_page: Page, editions_url: str, edition: str) -> None:
    paths = {**PAGES, **MORE_PAGES}
    former = _former_address()
    if former:
        paths["former address"] = former
    found: dict[str, list[str]] = {}
    for name, path in paths.items():
        scheme_page.goto(editions_url + EDITIONS[edition] + path)
        # The pages that fetch after loading (the profiler's data, the 404 page's names) are waited for.
        scheme_page.wait_for_load_state("networkidle" if name in FETCHING else "load")
        if name == "search":  # the search worker and its fragments
            scheme_page.keyboard.press("/")
            scheme_page.keyboard.type(next(iter(KB.tools.values())).name[edition].split()[0])
            scheme_page.wait_for_selector(".md-search-result__item")
        violations = scheme_page.evaluate("window.kbViolations")
        if violations:
            found[name] = violations
    console = [m for m in scheme_page.console_errors if "Content Security Policy" in m]  # type: ignore[attr-defined]
    assert found == {} and console == []


def test_an_injected_inline_script_is_blocked(scheme_page: Page, editions_url: str) -> None:
    scheme_page.goto(editions_url)
    scheme_page.wait_for_load_state("networkidle")
    ran = scheme_page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.kbInjected = true";
          document.body.append(script);
          return window.kbInjected === true;
        }"""
    )
    assert ran is False
    assert any(v.startswith("script-src") for v in scheme_page.evaluate("window.kbViolations"))
