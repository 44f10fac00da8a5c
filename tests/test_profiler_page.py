"""The profiler's page: the boxes to tick are in it, the plan's data is not; the text its script prints
exists in every language; its links resolve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.kb.model import KnowledgeBase, declared_order
from macros.paths import STRINGS_DIR
from macros.site.profiler_page import build_profiler_texts
from macros.site.render import relative_url
from tests.htmlread import article_of
from tests.sitebuild import ROOT

SCRIPT = ROOT / "overrides/assets/javascripts/profiler.js"
LANGUAGES = sorted(path.stem for path in STRINGS_DIR.glob("*.yml"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_the_script_prints_is_in_the_strings(lang: str) -> None:
    used = set(re.findall(r"\btext\.(\w+)", SCRIPT.read_text(encoding="utf-8")))
    missing = sorted(used - set(build_profiler_texts(lang)))
    assert missing == [], f"add profiler_{missing[0]} (and the others) to macros/site/strings/{lang}.yml"


@pytest.mark.parametrize(
    ("page", "target", "url"),
    [
        ("profiler.md", "api/v1", "../api/v1/"),
        ("profiler.md", "../api/v1", "../../api/v1/"),
        ("index.md", "../api/v1", "../api/v1/"),
        ("profiler.md", ".", "../"),
        ("case-studies/daily-fraud-detection.md", "profiler.md", "../../profiler/"),
        ("index.md", "profiler.md", "profiler/"),
        ("index.md", ".", "./"),
        ("characteristics/index.md", "profiler.md", "../profiler/"),
    ],
)
def test_relative_url(page: str, target: str, url: str) -> None:
    assert relative_url(page, target) == url


def test_profiler_page_holds_the_choices_not_the_plan(site_dir: Path, kb: KnowledgeBase) -> None:
    html = (site_dir / "profiler/index.html").read_text(encoding="utf-8")
    assert 'data-api="../api/v1/"' in html and 'data-root="../"' in html
    # The boxes to tick are in the page, in the matrix's order, so it is whole at its first paint.
    boxes = re.findall(r'<input type="checkbox" id="kb-choice-([^"]+)" value="\1"', html)
    assert boxes == [c.id for c in sorted(kb.characteristics.values(), key=declared_order)]
    # The plan (each recommendation's reason) comes from api/v1/ at run time; the page repeats none.
    text = " ".join(article_of(site_dir / "profiler/index.html").text().split())
    reasons = [rec.why.en for c in kb.characteristics.values() for rec in c.recommendations]
    assert [why for why in reasons if " ".join(why.split()) in text] == []
    assert 'src="../assets/javascripts/profiler.js"' in html
