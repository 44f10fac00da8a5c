"""Who may read the site: internal by default (noindex on every page, no sitemap) unless declared
public; a Content Security Policy in every page's head, computed from the built pages; and the
response headers a proxy sets, for every edition at once."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.adapter.readers import HEADERS_FILE
from macros.site.content_policy import allow_more, inline_scripts, script_hash, with_policy
from tests.htmlread import read_page
from tests.test_site_url import published  # noqa: F401  (the public site, built once for both modules)

HEAD = '<!doctype html>\n<html>\n<head>\n  <meta charset="utf-8">\n  <script>theme()</script>\n</head>\n'


def test_scripts_around_the_content_are_allowed_by_hash_and_those_in_it_are_not() -> None:
    content = "<article><script>alert(1)</script><p>text</p></article>"
    html, hashes = with_policy(HEAD + f"<body>{content}<script>footer()</script></body></html>", content)
    assert hashes == {script_hash("theme()"), script_hash("footer()")}
    assert script_hash("alert(1)") not in html
    # The policy comes right after the charset, before any script.
    assert html.index('http-equiv="Content-Security-Policy"') < html.index("<script>")
    assert html.index('<meta charset="utf-8">') < html.index('http-equiv="Content-Security-Policy"')


def test_a_script_that_does_not_run_needs_no_hash() -> None:
    _, hashes = with_policy(HEAD.replace("theme()", "") + '<script type="application/json">{"a": 1}</script>')
    assert hashes == {script_hash("")}


class _ParsedScripts(HTMLParser):
    """The reference: every inline script that runs, as a whole-page HTML parser finds them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            attributes = dict(attrs)
            kind = (attributes.get("type") or "").strip().lower()
            runs = kind in ("", "text/javascript", "module", "application/javascript") and "src" not in attributes
            self._current = [] if runs else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def _parsed(html: str) -> list[str]:
    parser = _ParsedScripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


@pytest.mark.parametrize(
    "html",
    [
        '<SCRIPT TYPE="Module">a()</SCRIPT>',
        "<script data-x=\"a>b\" type='text/javascript'>b()</script >",
        "<script async>c()</script\n>",
        '<script src="x.js"></script><script>d()</script>',
        '<script type="application/ld+json">{"e": 1}</script><script type="">f()</script>',
        "<script>if (a < b) g('</scr' + 'ipt>')</script>",
        "<p>no script</p><scripts>h</scripts>",
        "<script>never closed",
    ],
)
def test_the_scripts_found_by_search_are_those_a_parser_finds(html: str) -> None:
    assert inline_scripts(html) == _parsed(html)


def test_a_script_ends_where_a_browser_ends_it() -> None:
    # "</script/>" ends a script in a browser (the tokeniser reads "/" as a self-closing tag), which
    # Python's parser does not see: the search follows the browser.
    assert inline_scripts("<script async>c()</script/><script>d()</script>") == ["c()", "d()"]


def test_every_page_s_scripts_found_by_search_are_those_a_parser_finds(
    editions_dir: Path, hostile_site: tuple[Path, object]
) -> None:
    # The policy's hashes come from a search for script tags, not a parse of each whole page (the
    # cost of a build): on every page as built, of both editions and of hostile data, they agree.
    pages = [*_html_pages(editions_dir), *_html_pages(hostile_site[0])]
    assert pages
    assert [page for page in pages if inline_scripts(text := page.read_text(encoding="utf-8")) != _parsed(text)] == []


def _html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _meta(page: Path, attribute: str, value: str) -> str | None:
    """The content of a page's <meta> whose attribute has this value, if it has one."""
    return next(
        (m.attrs.get("content") for m in read_page(page).find_all("meta") if m.attrs.get(attribute) == value), None
    )


def _policy(page: Path) -> str | None:
    return _meta(page, "http-equiv", "Content-Security-Policy")


def test_every_page_of_both_editions_has_its_policy_first_in_its_head(editions_dir: Path) -> None:
    missing = [str(p.relative_to(editions_dir)) for p in _html_pages(editions_dir) if not _policy(p)]
    assert missing == []
    for page in _html_pages(editions_dir):
        text = page.read_text(encoding="utf-8")
        assert text.index("Content-Security-Policy") < text.find("<script") or "<script" not in text, page


def test_an_internal_site_asks_not_to_be_indexed_and_has_no_sitemap(editions_dir: Path) -> None:
    assert not list(editions_dir.rglob("sitemap.xml*"))
    pages = _html_pages(editions_dir)  # a former address's redirect page carries noindex too
    unmarked = [str(p.relative_to(editions_dir)) for p in pages if "noindex" not in (_meta(p, "name", "robots") or "")]
    assert pages and unmarked == []


@pytest.mark.site
def test_a_public_site_is_indexed_and_has_its_sitemap(published: Path) -> None:  # noqa: F811
    assert (published / "sitemap.xml").is_file() and (published / "ja" / "sitemap.xml").is_file()
    assert _meta(published / "index.html", "name", "robots") is None
    assert "X-Robots-Tag" not in (published / HEADERS_FILE).read_text(encoding="utf-8")


@pytest.mark.site
def test_one_headers_file_holds_every_editions_inline_scripts(published: Path) -> None:  # noqa: F811
    headers = (published / HEADERS_FILE).read_text(encoding="utf-8")
    assert not (published / "ja" / HEADERS_FILE).exists()
    policies = {_policy(p) for p in _html_pages(published)}
    hashes = {t.rstrip(";") for policy in policies if policy for t in policy.split() if t.startswith("'sha256-")}
    assert hashes and all(h in headers for h in hashes)
    assert "frame-ancestors 'none'" in headers


def test_a_page_that_writes_another_in_its_place_allows_that_pages_scripts_too() -> None:
    html, hashes = with_policy(HEAD + "<body></body></html>")
    more = allow_more(html, {script_hash("other()")})
    assert hashes < {script_hash("theme()"), script_hash("other()")}
    assert script_hash("theme()") in more and script_hash("other()") in more
    assert more.count("Content-Security-Policy") == 1
