"""The profiler's frame: the text its script prints exists in every language, its links resolve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.site.profiler_page import build_profiler_texts
from macros.paths import STRINGS_DIR
from macros.site.render import relative_url
from tests.sitebuild import ROOT

SCRIPT = ROOT / "overrides/assets/javascripts/profiler.js"
LANGUAGES = sorted(path.stem for path in STRINGS_DIR.glob("*.yml"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_the_script_prints_is_in_the_strings(lang: str) -> None:
    used = set(re.findall(r"\btext\.(\w+)", SCRIPT.read_text(encoding="utf-8")))
    missing = sorted(used - set(build_profiler_texts(lang)))
    assert missing == [], f"add profiler_{missing[0]} (and the others) to macros/site/strings/{lang}.yml"


@pytest.mark.parametrize(("page", "target", "url"), [
    ("profiler.md", "api/v1", "../api/v1/"),
    ("profiler.md", ".", "../"),
    ("case-studies/daily-fraud-detection.md", "profiler.md", "../../profiler/"),
    ("index.md", "profiler.md", "profiler/"),
    ("index.md", ".", "./"),
    ("characteristics/index.md", "profiler.md", "../profiler/"),
])
def test_relative_url(page: str, target: str, url: str) -> None:
    assert relative_url(page, target) == url


def test_profiler_page_holds_a_frame_not_the_data(site_dir: Path) -> None:
    html = (site_dir / "profiler/index.html").read_text(encoding="utf-8")
    assert 'data-api="../api/v1/"' in html and 'data-root="../"' in html
    # The choices and the plan come from api/v1/ at run time; the page repeats none of them.
    assert "Frequent retraining" not in html
    assert 'src="../assets/javascripts/profiler.js"' in html
