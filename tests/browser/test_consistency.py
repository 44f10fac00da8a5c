"""One way of writing each thing, in both editions: dates in each language's own format, and lists of
capabilities, characteristics and lifecycle stages in the order the data declares (the matrix's)."""

from __future__ import annotations

import re

import pytest

from macros.kb.model import KnowledgeBase, declared_order
from macros.site.render import load_strings

EDITIONS = {"en": "", "ja": "ja/"}


def _date_pattern(lang: str) -> re.Pattern[str]:
    """A date as the language's strings write it, at any precision (built from date_day, date_month, date_year)."""
    ui = load_strings(lang)
    months = "|".join(map(re.escape, ui["month_names"]))
    fields = {"day": r"\d{1,2}", "month": r"\d{1,2}", "year": r"\d{4}", "month_name": f"(?:{months})"}
    forms = [
        re.escape(ui[f"date_{p}"]).replace(r"\{", "{").replace(r"\}", "}").format(**fields)
        for p in ("day", "month", "year")
    ]
    return re.compile("|".join(f"(?:{form})" for form in forms))


def _pages(kb: KnowledgeBase) -> list[str]:
    tool = next(iter(sorted(kb.tools)))
    capability = next(iter(sorted(kb.capabilities)))
    return [f"tools/{tool}/", f"capabilities/{capability}/", "changes/"]


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_date_is_written_in_the_language_s_one_format(
    tab, editions_url: str, kb: KnowledgeBase, lang: str
) -> None:
    pattern = _date_pattern(lang)
    seen = 0
    for path in _pages(kb):
        response = tab.goto(f"{editions_url}{EDITIONS[lang]}{path}")
        if response is None or response.status != 200:
            continue
        for text in tab.locator("article time").all_inner_texts():
            seen += 1
            assert pattern.fullmatch(text.strip()), (path, text)
        # No date anywhere in the article in another format (2026-11-30).
        assert re.findall(r"\b\d{4}-\d{2}-\d{2}\b", tab.locator("article").inner_text()) == [], path
    assert seen


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("kind", ["capabilities", "characteristics"])
def test_an_index_lists_its_kind_in_the_matrix_s_order(tab, editions_url: str, lang: str, kind: str) -> None:
    base = f"{editions_url}{EDITIONS[lang]}"
    tab.goto(f"{base}matrix/")
    headings = "thead th[id^=cap-]" if kind == "capabilities" else "tbody th[id^=char-]"
    matrix = [tab.evaluate("a => a.href", a) for a in tab.locator(f".kb-matrix {headings} a").element_handles()]
    tab.goto(f"{base}{kind}/")
    listed = tab.locator("article li > a:first-child").evaluate_all("links => links.map(a => a.href)")
    assert [href for href in listed if href in matrix] == matrix


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_lifecycle_stages_are_listed_in_the_lifecycle_s_order(
    tab, editions_url: str, kb: KnowledgeBase, lang: str
) -> None:
    stages = sorted((t for t in kb.tags.values() if t.group == "stage"), key=declared_order)
    tab.goto(f"{editions_url}{EDITIONS[lang]}tags/")
    shown = tab.locator("article h3[id]").evaluate_all("headings => headings.map(h => h.id)")
    assert [s for s in shown if s in {t.id for t in stages}] == [t.id for t in stages]
    # Each stage lists its capabilities in the matrix's order too.
    for stage in stages:
        listed = tab.locator(f"article h3[id='{stage.id}']").evaluate(
            """heading => { const hrefs = [];
                for (let node = heading.nextElementSibling; node && node.tagName !== 'H3' && node.tagName !== 'H2'; node = node.nextElementSibling)
                    node.querySelectorAll('li a').forEach(a => hrefs.push(a.getAttribute('href')));
                return hrefs; }"""
        )
        tagged = [c for c in sorted(kb.capabilities.values(), key=declared_order) if stage.id in c.tags]
        assert [href.rstrip("/").split("/")[-1] for href in listed] == [c.id for c in tagged]
