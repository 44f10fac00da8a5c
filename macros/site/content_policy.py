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
    reader = _InlineScripts()
    reader.feed(around)
    reader.close()
    hashes = {script_hash(script) for script in reader.scripts}
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


class _InlineScripts(HTMLParser):
    """The text of every inline script that runs (no src; a JavaScript type, or none)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        attributes = dict(attrs)
        kind = (attributes.get("type") or "").strip().lower()
        runs = kind in ("", "text/javascript", "module", "application/javascript")
        self._current = [] if runs and "src" not in attributes else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


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
