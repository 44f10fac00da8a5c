"""The Content Security Policy of every page, computed from the page as built.

Only the site's own files may be loaded (scripts, styles, images, fonts, workers, fetches); an
inline script runs only if its hash is in the policy. The hashes are those of the inline scripts
the theme's templates write around a page (Material's and ours), read from the built HTML, so a
template that changes its scripts changes the policy with them. A page's own content (its
Markdown or generated body, where data text lands) is never hashed: a script that slipped into it
would not run. The policy is written at the top of each page's head (`<meta http-equiv>`, for a
static host) and for a proxy as response headers (HARDENING.md: who may read the site).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser

# Every kind of request a page makes, each allowed from the site itself only. Material's
# stylesheets draw their icons as data: images; nothing else comes from outside a file of the site.
_DIRECTIVES = (
    ("default-src", "'none'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("object-src", "'none'"),
)
# Only a response header can say who may frame the page (a <meta> policy ignores it).
_HEADER_ONLY = (("frame-ancestors", "'none'"),)


def build_policy(hashes: Iterable[str], *, header: bool = False) -> str:
    """The policy allowing the inline scripts of these hashes ('sha256-…'), as a <meta> or a header holds it."""
    sources = " ".join(f"'{h}'" for h in sorted(set(hashes)))
    directives = [*_DIRECTIVES, *(_HEADER_ONLY if header else ())]
    return "; ".join(
        f"{name} {value} {sources}" if name == "script-src" and sources else f"{name} {value}"
        for name, value in directives
    )


def script_hash(script: str) -> str:
    """The CSP source of one inline script's text: sha256 of its UTF-8 bytes, in base64."""
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def with_policy(html: str, content: str = "") -> tuple[str, set[str]]:
    """The page with its policy at the top of its head (after the charset), and the hashes it allows.

    content: the page's own body as it stands in `html`; its scripts are not allowed."""
    around = html.replace(content, "", 1) if content else html
    hashes = {script_hash(script) for script in inline_scripts(around)}
    tag = f'{_META}{build_policy(hashes)}">'
    at = _after_charset(html)
    return html[:at] + tag + html[at:], hashes


_META = '<meta http-equiv="Content-Security-Policy" content="'


def allow_more(html: str, hashes: Iterable[str]) -> str:
    """A page built by with_policy, its policy now also allowing these inline scripts (a page that
    writes another page in its place: the first edition's 404 page shows another edition's)."""
    start = html.index(_META) + len(_META)
    end = html.index('"', start)
    known = {token.strip("';") for token in html[start:end].split() if token.strip("';").startswith("sha256-")}
    return html[:start] + build_policy(known | set(hashes)) + html[end:]


def _after_charset(html: str) -> int:
    """Where the policy goes: right after the charset declaration, before any script or address."""
    finder = _CharsetEnd()
    for start in range(0, len(html), _CHUNK):  # the charset comes first: the rest is not read
        finder.feed(html[start : start + _CHUNK])
        if finder.end is not None:
            return finder.end
    raise ValueError("a page without <meta charset> in its head")


_CHUNK = 2048


# A script's start tag, its attributes quoted or not, and the end of its text. Only the theme's
# templates write the page around its content, and there data text is escaped (no literal "<"), so
# every "<script" there is one of the templates' scripts. Found by search rather than by parsing
# the whole page (a pure-Python parser over the navigation of every page was a sixth of a build).
_SCRIPT_START = re.compile(
    r"""<script(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>""", re.IGNORECASE
)
_SCRIPT_END = re.compile(r"</script[\s/>]", re.IGNORECASE)
_RUNS = ("", "text/javascript", "module", "application/javascript")


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script that runs (no src; a JavaScript type, or none), in order."""
    scripts = []
    at = 0
    while (start := _SCRIPT_START.search(html, at)) is not None:
        end = _SCRIPT_END.search(html, start.end())
        if end is None:  # never closed: the browser runs nothing
            break
        if _runs(start[0]):
            scripts.append(html[start.end() : end.start()])
        at = end.end()
    return scripts


def _runs(start_tag: str) -> bool:
    """Whether a script of this start tag runs inline: no src, and a JavaScript type or none."""
    reader = _StartTag()
    reader.feed(start_tag)
    reader.close()
    attributes = reader.attributes
    return "src" not in attributes and (attributes.get("type") or "").strip().lower() in _RUNS


class _StartTag(HTMLParser):
    """The attributes of the one start tag fed (names lowercased, values unescaped, as a browser reads them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes = dict(attrs)


class _CharsetEnd(HTMLParser):
    """The offset just after the first <meta charset=…> tag of the text fed so far."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.end: int | None = None
        self._line_starts = [0]  # offsets where each line begins (HTMLParser counts lines by \n)
        self._fed = 0

    def feed(self, data: str) -> None:
        self._line_starts += [self._fed + i + 1 for i, char in enumerate(data) if char == "\n"]
        self._fed += len(data)
        super().feed(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.end is None and tag == "meta" and any(name == "charset" for name, _ in attrs):
            line, column = self.getpos()
            self.end = self._line_starts[line - 1] + column + len(self.get_starttag_text() or "")
