"""The site's own addresses (KB_REPO_URL, KB_SITE_URL, repo_url, site_url, edit_uri) follow the
https:// rule of data URLs, or the build stops naming the setting; templates escape them anyway."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.config import load_config

from macros.adapter.site_addresses import check_site_addresses
from tests.sitebuild import ROOT, build_site

# Finding 3: each passed MkDocs' own check and landed unescaped in every page (or ran as a link).
HOSTILE = (
    'https://example.org/x"><script>alert(1)</script>',
    "javascript://example.org/%0aalert(1)",
    "https://example.org/a b",
    "http://example.org/",
    "https://example.org/x'onmouseover='alert(1)",
    "https://example.org/\u200bdocs/",  # copied with a zero-width space: another address than the one seen
)


def _problems(monkeypatch: pytest.MonkeyPatch, *, serving: bool = False, **environment: str) -> list[str]:
    for name in ("KB_REPO_URL", "KB_SITE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    config = load_config(str(ROOT / "mkdocs.yml"))
    return check_site_addresses(config, serving=serving)


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("variable", ["KB_REPO_URL", "KB_SITE_URL"])
def test_an_address_from_the_environment_must_be_https_and_plain(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    [problem] = _problems(monkeypatch, serving=False, **{variable: value})
    assert problem.startswith(f"{variable}: '")
    assert "is not an https:// address with no space, quote, angle bracket or invisible character" in problem
    assert "\n" not in problem


def test_the_published_address_is_checked_under_make_serve_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # mkdocs serve puts its own http:// address in site_url: the variable is still what is published.
    assert _problems(monkeypatch, serving=True, KB_SITE_URL="javascript://x/") != []


def test_https_addresses_and_unset_ones_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _problems(monkeypatch) == []
    assert _problems(monkeypatch, KB_REPO_URL="https://github.com/o/r", KB_SITE_URL="https://o.github.io/r") == []


def test_an_edit_uri_that_leaves_https_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_REPO_URL", "https://github.com/o/r")
    config = load_config(str(ROOT / "mkdocs.yml"), edit_uri="javascript:alert(1)//")
    [problem] = check_site_addresses(config, serving=False)
    assert problem.startswith("edit_uri (mkdocs.yml): 'javascript:alert(1)//' makes the edit address")


@pytest.mark.site
def test_a_build_with_an_unsafe_address_stops_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_REPO_URL", HOSTILE[0])
    site = tmp_path / "site"
    result = build_site(site)
    assert result.returncode != 0
    assert (
        "KB_REPO_URL: 'https://example.org/x\"><script>alert(1)</script>' is not an https:// address" in result.stderr
    )
    assert "Traceback" not in result.stderr and not site.exists()


# Every place our theme templates print an address prints it escaped (MkDocs' templates do not escape).
ADDRESSES = re.compile(
    r"\{\{\s*(config\.repo_url|config\.site_url|page\.canonical_url|page\.edit_url|alt\.url)\b[^}]*\}\}"
)


@pytest.mark.parametrize("template", sorted((ROOT / "overrides").rglob("*.html")), ids=lambda p: p.name)
def test_templates_escape_the_addresses_they_print(template: Path) -> None:
    for match in ADDRESSES.finditer(template.read_text(encoding="utf-8")):
        assert re.search(r"\|\s*e\s*\}\}$", match[0]), f"{template.name}: {match[0]} is printed unescaped"
