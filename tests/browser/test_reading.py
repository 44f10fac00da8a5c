"""Small things a reader sees on entity pages, in both editions: separators keep their space, and
other names that differ only in spaces are printed once."""

from __future__ import annotations

import re

import pytest

from macros.model import KnowledgeBase

PAGES = ["capabilities/model-registry/", "characteristics/batch-serving/", "case-studies/daily-fraud-detection/"]


@pytest.mark.parametrize("path", PAGES)
def test_english_separators_keep_their_space(page, editions_url: str, path: str) -> None:
    page.goto(editions_url + path)
    lines = page.locator(".kb-aliases, .kb-source").all_inner_texts()
    assert lines
    assert [line for line in lines if re.search(r"[,;](?=\S)", line)] == []


@pytest.mark.parametrize("edition", ["", "ja/"], ids=["en", "ja"])
def test_other_names_are_printed_once_whatever_their_spacing(page, editions_url: str, kb: KnowledgeBase, edition: str) -> None:
    repeated = {}
    for cap in kb.capabilities.values():
        page.goto(f"{editions_url}{edition}capabilities/{cap.id}/")
        line = page.locator(".kb-aliases").first
        if not line.count():
            continue
        names = [page.locator("h1").inner_text(), *line.locator(".kb-alias").all_inner_texts()]
        squeezed = ["".join(name.split()) for name in names]
        if len(set(squeezed)) != len(squeezed):
            repeated[cap.id] = names
    assert repeated == {}
