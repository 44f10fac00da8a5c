"""The benchmark's inputs are sound: generated data is valid and real-shaped at every size, the
small preset builds, and the static floor builds exactly the pages our generator builds.

No timings here: `make bench` measures; these tests only make its comparison fair.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from benchmarks.generate import LENGTHS, PRESETS, build_dataset, generate
from benchmarks.report import Measure, render_report
from macros.kb.load import build_knowledge_base
from tests.sitebuild import ROOT, build_site
from tests.sitecompare import differences_but_policy


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[int, Path]]:
    """Each preset's data, generated once for the module: (files written, its data folder)."""
    made: dict[str, tuple[int, Path]] = {}

    def preset_data(preset: str) -> tuple[int, Path]:
        if preset not in made:
            data_dir = tmp_path_factory.mktemp(f"bench-{preset}") / "data"
            made[preset] = generate(preset, data_dir), data_dir
        return made[preset]

    return preset_data


@pytest.fixture(scope="module")
def small_data(generated: Callable[[str], tuple[int, Path]]) -> Path:
    return generated("s")[1]


@pytest.fixture(scope="module")
def small_site(small_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site-s")
    result = build_site(site, data_dir=small_data)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def static_site(small_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The static floor of the small preset, written and built as `make bench` does."""
    static = tmp_path_factory.mktemp("static-s")
    subprocess.run(
        [sys.executable, "-m", "benchmarks.static_floor", str(small_data), str(static)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    site = tmp_path_factory.mktemp("site-static-s")
    result = build_site(site, config=str(static / "mkdocs.yml"))
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.parametrize("preset", PRESETS)
def test_every_preset_is_valid_without_a_warning(preset: str, generated: Callable[[str], tuple[int, Path]]) -> None:
    count, data_dir = generated(preset)
    result = build_knowledge_base(data_dir)
    assert count == PRESETS[preset].total == result.file_count
    assert [str(p) for p in result.problems] == []


def test_the_generator_is_deterministic() -> None:
    assert build_dataset(PRESETS["s"]) == build_dataset(PRESETS["s"])
    assert build_dataset(PRESETS["s"], seed=1) != build_dataset(PRESETS["s"])


def test_the_first_entities_read_the_same_at_every_size(generated: Callable[[str], tuple[int, Path]]) -> None:
    # The files the presets wrote (the large one's are those the preset test loaded): the small
    # preset's entities are the large one's first, reading the same.
    small, large = generated("s")[1], generated("l")[1]
    for kind in ("capabilities", "case-studies"):
        files = sorted((small / kind).glob("*.yml"))
        assert files
        assert [_summary(path) for path in files] == [_summary(large / kind / path.name) for path in files]


def _summary(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["summary"]


def test_generated_data_has_the_shape_of_the_real_data() -> None:
    dataset = build_dataset(PRESETS["m"])
    assert all(2 <= len(c["recommendations"]) <= 6 for c in dataset["characteristics"].values())
    assert all(1 <= len(c["characteristics"]) <= 3 for c in dataset["case-studies"].values())
    for case in dataset["case-studies"].values():
        text = case["story"]["first_steps"]
        for lang, (low, high) in LENGTHS["case.first_steps"].items():
            assert low - 1 <= len(text[lang]) <= high + 20, lang  # words fill the length give or take one
    levels = [r["level"] for c in dataset["characteristics"].values() for r in c["recommendations"]]
    assert {"core", "situational"} == set(levels)


@pytest.mark.site
def test_the_small_preset_builds_every_entity_page(small_site: Path, small_data: Path) -> None:
    for kind in ("capabilities", "characteristics", "case-studies"):
        for path in (small_data / kind).glob("*.yml"):
            assert (small_site / kind / path.stem / "index.html").is_file()


@pytest.mark.site
def test_the_static_floor_builds_the_same_pages(small_site: Path, static_site: Path) -> None:
    # Our generated pages are HTML, the floor's Markdown: the same pages, as tests/sitecompare.py compares them.
    # Without our plugin, the floor lacks what it adds after the pages are written: the names in the search
    # index, each page's Content Security Policy (hashed from the built page) with _headers, and an internal
    # site's missing sitemap.
    differences = differences_but_policy(small_site, static_site)
    assert [path for path in differences if not path.startswith(("search/", "sitemap.xml"))] == []


def test_the_static_floor_has_no_hook_and_no_macros(small_data: Path, tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "benchmarks.static_floor", str(small_data), str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks" not in config and "macros" not in config
    assert not re.search(r"^\s*- kb\s*$", config, re.MULTILINE), "the site's plugin is in the static floor's config"
    assert "{{" not in (tmp_path / "docs" / "matrix.md").read_text(encoding="utf-8")


@pytest.mark.site
def test_the_report_tabulates_every_run(small_site: Path, static_site: Path) -> None:
    measures = [
        Measure("real site", [1.0, 2.0, 1.1], [1.0, 2.0, 1.1], 50_000_000),
        Measure("static floor real", [0.9, 1.8, 1.0], [0.9, 1.8, 1.0], 45_000_000),
        Measure("empty site", [0.5, 1.0, 1.0], [0.5, 1.0, 1.0], 40_000_000),
        Measure("check real data", [0.2] * 3, [0.2] * 3, 20_000_000),
        Measure(
            "generator s",
            [2.0] * 3,
            [2.0] * 3,
            60_000_000,
            site=small_site,
            user_times=[1.5] * 3,
            system_times=[0.5] * 3,
        ),
        Measure(
            "static floor s",
            [1.9] * 3,
            [1.9] * 3,
            50_000_000,
            site=static_site,
            user_times=[1.6] * 3,
            system_times=[0.3] * 3,
        ),
        Measure("check s", [0.3] * 3, [0.3] * 3, 20_000_000),
        # Under the target in wall time, over it in CPU time: the target is missed.
        Measure("generator m", [0.8] * 3, [0.9] * 3, 60_000_000),
        Measure("static floor m", [1.0] * 3, [1.0] * 3, 60_000_000),
        Measure("check m", [0.3] * 3, [0.3] * 3, 20_000_000),
    ]
    report = render_report(
        measures,
        ["s", "m"],
        {"date": "today", "cpus": "2", "load": "0", "python": "3", "mkdocs": "1", "material": "9", "macros": "1"},
    )
    # User and system time apart, and their sum.
    assert "| generator s | 3 | 2.00 s | 1.50 s | 0.50 s | 2.00 s | 60.0 MB |" in report
    assert (
        "| generator / static floor at `s` (no target) | 1.05 (CPU 1.05: user 0.94, system 1.67; pairs 1.05–1.05) |"
        in report
    )
    assert "| generator / static floor at `m` ≤ 0.85 | 0.80 (CPU 0.90; pairs 0.80–0.80) | **no** |" in report
    # Runs made side by side compare pair by pair (2.0, 2.0, 1.1), not by their medians (1.1).
    assert (
        "| real site / empty site (no target: withdrawn, see the floor below) | 2.00 (CPU 2.00; pairs 1.10–2.00) |  |"
        in report
    )
    assert (
        "| static floor real / empty site (no target: MkDocs and Material alone) | 1.80 (CPU 1.80; pairs 1.00–1.80) |  |"
        in report
    )


def test_the_search_bench_takes_out_exactly_our_search_script(site_dir: Path) -> None:
    # "Material stock" in the search benchmark is our page without the script that names the site's
    # worker: if it were renamed, the benchmark would compare ours with ours.
    from benchmarks.search import OUR_SCRIPTS

    for page in [
        site_dir / "index.html",
        site_dir / "404.html",
        *sorted(site_dir.glob("capabilities/*/index.html"))[:3],
    ]:
        html = page.read_text(encoding="utf-8")
        assert len(OUR_SCRIPTS.findall(html)) == 1, page
        stock = OUR_SCRIPTS.sub("", html)
        # No other script of our search left (the page's other kb-search elements are no scripts).
        assert not re.search(r"kb-search[\w-]*\.js", stock), page


def test_the_search_section_replaces_its_former_self() -> None:
    from benchmarks.search import Figures, render_section, replace_section

    section = render_section(
        {
            "l": [
                Figures("ours", first_ms=120, first_bytes=500 * 1024),
                Figures("Material stock", before=9000),
                Figures("Pagefind"),
            ]
        }
    )
    assert "| first query at `l` under 400 KB transferred | 500.0 KB | **no** |" in section
    assert "| first results at `l` within 300 ms of the last keystroke | 120 ms | yes |" in section
    report = replace_section("# Benchmarks\n\ntable\n", section)
    assert replace_section(report, section) == report and report.count("## Search") == 1
