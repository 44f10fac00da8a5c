"""Compares two built sites: the same files, the same bytes, HTML compared as a browser renders it.

`python -m tests.sitecompare OLD NEW` lists every file that differs between two builds byte for
byte (and which of those still render the same), to show that a change moved only what it meant
to: build the site before and after (`make build`, or `python -m macros.commands.publish DIR` in
a worktree of each commit), then compare.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

# Whitespace beside the tags of block-level elements, which HTML never renders (it separates
# block boxes, or opens or closes a line box). Python-Markdown writes a newline between blocks
# and a blank line after raw HTML; the pages we write as HTML set those lines differently.
_BLOCK_TAG_SPACE = re.compile(r"\s*(</?(?:p|ul|ol|li|div|h[1-6]|table|thead|tbody|tr|th|td|caption)\b[^>]*>)\s*")


def rendered_html(text: str) -> str:
    """HTML with the whitespace a browser ignores beside block-level tags taken out."""
    return _BLOCK_TAG_SPACE.sub(r"\1", text)


def byte_differences(one: Path, other: Path) -> list[str]:
    """Each file one site has and the other lacks, or whose bytes differ ('path: why'); [] when the same."""
    files = {p.relative_to(one) for p in one.rglob("*") if p.is_file()}
    others = {p.relative_to(other) for p in other.rglob("*") if p.is_file()}
    problems = [f"{p}: only in {one}" for p in sorted(files - others)]
    problems += [f"{p}: only in {other}" for p in sorted(others - files)]
    return problems + [
        f"{p}: differs" for p in sorted(files & others) if (one / p).read_bytes() != (other / p).read_bytes()
    ]


def site_differences(one: Path, other: Path) -> list[str]:
    """Each file that one site has and the other lacks, or that differs ('path: why'); [] when the same."""
    files = {p.relative_to(one) for p in one.rglob("*") if p.is_file()}
    others = {p.relative_to(other) for p in other.rglob("*") if p.is_file()}
    problems = [f"{p}: only in {one}" for p in sorted(files - others)] + [
        f"{p}: only in {other}" for p in sorted(others - files)
    ]
    for path in sorted(files & others):
        a, b = (one / path).read_bytes(), (other / path).read_bytes()
        if a == b:
            continue
        if path.suffix == ".html" and rendered_html(a.decode()) == rendered_html(b.decode()):
            continue
        if path.name == "search_index.json" and _search_entries(a) == _search_entries(b):
            continue
        if path.parts[:2] == ("search", "kb") and _search_fragment(path, a) == _search_fragment(path, b):
            continue
        problems.append(f"{path}: differs")
    return problems


# What only a published build adds once its pages are written: each page's Content Security Policy
# (hashed from the built page) and _headers, the same policy for a proxy. `make serve` adds neither.
_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def differences_but_policy(published: Path, other: Path) -> list[str]:
    """site_differences, leaving out the policy that `published` holds and `other` lacks."""
    differences = [d for d in site_differences(published, other) if not d.startswith("_headers:")]
    return [d for d in differences if not _same_without_policy(published, other, d)]


def _same_without_policy(published: Path, other: Path, difference: str) -> bool:
    path = difference.removesuffix(": differs")
    if path == difference or not path.endswith(".html"):
        return False
    page = _POLICY.sub("", (published / path).read_text(encoding="utf-8"), count=1)
    return rendered_html(page) == rendered_html((other / path).read_text(encoding="utf-8"))


def _search_fragment(path: Path, content: bytes) -> object:
    """A fragment of the search index (search/kb/), page entries' text as rendered, without the
    build's version (a hash of the fragments' bytes)."""
    data = json.loads(content)
    if path.parent.name == "p":
        for doc in data:
            doc["text"] = rendered_html(doc.get("text", ""))
    if path.name == "index.json" and len(path.parts) == 3:
        data["config"]["kb"].pop("version")
    return data


def _search_entries(index: bytes) -> object:
    """The search index's entries, their text as rendered (the index keeps each section's HTML), without
    the build's version (a hash of the fragments' bytes)."""
    data = json.loads(index)
    data.get("config", {}).get("kb", {}).pop("version", None)
    for doc in data.get("docs", []):
        doc["text"] = rendered_html(doc.get("text", ""))
    return data


def main(argv: list[str]) -> int:
    """Print the byte differences of two built sites, then which of them render differently; 1 if any."""
    one, other = (Path(arg) for arg in argv)
    exact, rendered = byte_differences(one, other), set(site_differences(one, other))
    for line in exact:
        print(line + ("" if line in rendered else " (renders the same)"))
    print(f"{len(exact)} files differ byte for byte, {len(rendered)} as rendered")
    return 1 if exact else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
