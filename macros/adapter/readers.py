"""Who may read the site: internal unless declared public, and the response headers that say so.

The site is internal by default: every page asks search engines not to index it and no sitemap is
published. It is declared public by KB_PUBLIC=1 (or `extra.public: true` in mkdocs.yml, which
reads KB_PUBLIC). The headers file (`_headers`, the format several static hosts read) holds the
headers a proxy in front of the site sets, the Content Security Policy of every page included.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from macros.kb.problems import shown
from macros.site.content_policy import build_policy

HEADERS_FILE = "_headers"
_HASH = re.compile(r"'(sha256-[A-Za-z0-9+/]+=*)'")


def declared_public(config: MkDocsConfig) -> bool:
    """Whether the site is declared public (extra.public, from KB_PUBLIC); any other value stops the build."""
    value: Any = config.extra.get("public", False)
    if value in (True, False, 0, 1, "", None):
        return bool(value)
    raise Abort(
        f"KB_PUBLIC (extra.public in mkdocs.yml): {shown(value)} is neither 1 nor 0 "
        "(set KB_PUBLIC=1 to declare the site public; leave it unset for an internal site)"
    )


def render_headers(hashes: Iterable[str], *, public: bool) -> str:
    """The headers file: every address of the site gets the policy and, unless public, noindex."""
    headers = [
        ("Content-Security-Policy", build_policy(hashes, header=True)),
        *([] if public else [("X-Robots-Tag", "noindex, nofollow")]),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
    ]
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers)


def merge_headers(site: Path) -> None:
    """One headers file at the site's root for every edition: the root's, with each edition's hashes added."""
    root = site / HEADERS_FILE
    if not root.is_file():
        return
    text = root.read_text(encoding="utf-8")
    hashes = set(_HASH.findall(text))
    for edition in sorted(site.glob(f"*/{HEADERS_FILE}")):
        hashes |= set(_HASH.findall(edition.read_text(encoding="utf-8")))
        edition.unlink()
    root.write_text(render_headers(hashes, public="X-Robots-Tag" not in text), encoding="utf-8")
