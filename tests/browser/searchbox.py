"""Drives Material's search box as a reader does: type a query, read the results it renders.

Material sends one query to its search worker per keystroke that changes the box and renders
each answer as it arrives. An init script counts the queries posted to the worker and the
answers received, so a search is read only once the answer to its last keystroke has landed:
no sleeps, no guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

SEARCH_INPUT = "input.md-search__input"
RESULT_ITEM = ".md-search-result__item"

# Counts the worker's query and result messages (Material's SearchMessageType QUERY=2, RESULT=3).
COUNT_WORKER_MESSAGES = """
(() => {
  const counts = window.__kbSearch = { sent: 0, received: 0 };
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", event => {
        if (event.data && event.data.type === 3) counts.received += 1;
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) counts.sent += 1;
      return super.postMessage(message, ...rest);
    }
  };
})();
"""


@dataclass(frozen=True)
class SearchResult:
    """One result as rendered: the page's path in the site, its title and its type label."""

    path: str
    title: str
    kind: str


def open_site_for_search(page, site_url: str) -> None:
    """Load the home page with the message counter installed, and wait until search is ready."""
    page.add_init_script(COUNT_WORKER_MESSAGES)
    page.goto(site_url)
    page.keyboard.press("/")
    # The worker answers an empty query once its index is built. (Predicates are functions: the pages'
    # Content Security Policy refuses the eval Playwright uses for a bare expression.)
    page.wait_for_function(
        "() => window.__kbSearch.received > 0 && window.__kbSearch.received === window.__kbSearch.sent"
    )


def type_query(page, query: str, *, key_by_key: bool = True) -> None:
    """Empty the search box, then type the query key by key, as a reader does.

    With key_by_key=False the query lands in the box at once, as a paste does, and Material
    searches once instead of once per key: the same search, for long runs of queries.
    """
    box = page.locator(SEARCH_INPUT)
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    if key_by_key:
        page.keyboard.type(query)
    else:
        page.keyboard.insert_text(query)
        page.keyboard.press("End")  # Material reads the box on keyup
    page.wait_for_function("() => window.__kbSearch.received === window.__kbSearch.sent")


def read_results(page, site_url: str) -> list[SearchResult]:
    """The results on screen, best first: one per page, as Material groups them."""
    rows = page.eval_on_selector_all(
        RESULT_ITEM,
        """items => items.map(item => {
             const link = item.querySelector("a.md-search-result__link");
             const kind = item.querySelector("article .md-tag");
             return [link.href, link.querySelector("h1").innerText, kind ? kind.innerText : ""];
           })""",
    )
    base = urlsplit(site_url).path
    return [SearchResult(urlsplit(href).path.removeprefix(base), title, kind) for href, title, kind in rows]


def search(page, site_url: str, query: str, *, key_by_key: bool = True) -> list[SearchResult]:
    """Type a query and return the rendered results."""
    type_query(page, query, key_by_key=key_by_key)
    return read_results(page, site_url)
