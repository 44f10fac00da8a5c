"""`make build` publishes both editions or nothing: a failed build leaves the previous site/ as it was.

Runs the real `make build` in a copy of the site's sources (so a page can be broken without
touching the repository), on a small synthetic data set.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from benchmarks.generate import write_synthetic_data
from macros.commands.publish import swap_in
from tests.sitebuild import ROOT

pytestmark = pytest.mark.site

SOURCES = (
    "Makefile",
    "requirements.txt",
    "pyproject.toml",
    "mkdocs.yml",
    "mkdocs.ja.yml",
    "docs",
    "macros",
    "overrides",
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of what `make build` reads, with an old site/ in place."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    (tmp_path / "installed").touch()  # stands for .venv/.installed: make installs nothing
    (copy / "site/ja").mkdir(parents=True)
    (copy / "site/index.html").write_text("the previous English site", encoding="utf-8")
    (copy / "site/ja/index.html").write_text("the previous Japanese site", encoding="utf-8")
    write_synthetic_data(copy / "data", seed=5, capabilities=3, characteristics=2, case_studies=2)
    return copy


def make_build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {name: value for name, value in os.environ.items() if name != "KB_DATA_DIR"}
    # The test run's Python, taken as installed.
    command = [
        "make",
        "--no-print-directory",
        "build",
        f"PY={sys.executable}",
        f"INSTALLED={project.parent / 'installed'}",
    ]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))


def test_a_failed_edition_leaves_the_previous_site_untouched(project: Path) -> None:
    # A broken link: a strict warning in the Japanese build only, after the English one succeeded.
    with (project / "docs/ja/about.md").open("a", encoding="utf-8") as page:
        page.write("\n[壊れたリンク](nowhere.md)\n")
    result = make_build(project)
    assert result.returncode != 0
    assert "nowhere.md" in result.stderr and "The mkdocs.ja.yml build failed" in result.stderr
    assert "nothing was published; site/ is as it was" in result.stderr
    assert (project / "site/index.html").read_text(encoding="utf-8") == "the previous English site"
    assert (project / "site/ja/index.html").read_text(encoding="utf-8") == "the previous Japanese site"
    assert sorted(p.relative_to(project).as_posix() for p in (project / "site").rglob("*")) == [
        "site/index.html",
        "site/ja",
        "site/ja/index.html",
    ]
    assert leftovers(project) == []


def test_a_folder_that_cannot_hold_the_site_is_said_in_one_line(project: Path) -> None:
    (project / "a-file").write_text("not a folder", encoding="utf-8")
    command = [sys.executable, "-m", "macros.commands.publish", "a-file/site"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=600)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("a-file/site: cannot publish there: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("data_dir", ["", "nowhere", "x" * 5000, "\udcff\udcfedata"])
def test_a_data_folder_from_the_environment_that_is_no_folder_is_reported_and_publishes_nothing(
    project: Path, data_dir: str
) -> None:
    # An environment variable is input: empty means unset; anything else that names no folder is one
    # problem at its place (an escaped surrogate stands for a byte that is not UTF-8).
    env = os.environ | {"KB_DATA_DIR": data_dir, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "macros.commands.publish", "site"]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert "Traceback" not in result.stderr
    if not data_dir:
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode == 1
    assert "the data folder cannot be read" in result.stderr and "1 error in 1 file" in result.stderr
    assert (project / "site/index.html").read_text(encoding="utf-8") == "the previous English site"


def test_a_successful_build_replaces_both_editions(project: Path) -> None:
    result = make_build(project)
    assert result.returncode == 0, result.stderr
    assert "the previous" not in (project / "site/index.html").read_text(encoding="utf-8")
    assert 'lang="ja"' in (project / "site/ja/index.html").read_text(encoding="utf-8")
    assert (project / "site/ja/capabilities/cap-0/index.html").exists()
    assert leftovers(project) == []


def test_a_killed_build_leaves_the_site_whole_and_the_next_removes_its_leftovers(project: Path) -> None:
    # Finding 5: kill -9 during make build kept site/ whole, but its temporary folders stayed forever.
    env = {name: value for name, value in os.environ.items() if name != "KB_DATA_DIR"}
    build = subprocess.Popen(
        [sys.executable, "-m", "macros.commands.publish", str(project / "site")],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while not any((staging / "index.html").exists() for staging in project.glob(".site-building-*")):
            assert build.poll() is None, "the build ended before it could be interrupted"
            time.sleep(0.05)
    finally:
        os.killpg(build.pid, signal.SIGKILL)
        build.wait()
    assert (project / "site/index.html").read_text(encoding="utf-8") == "the previous English site"
    assert leftovers(project) != []
    result = make_build(project)
    assert result.returncode == 0, result.stderr
    assert leftovers(project) == []
    assert 'lang="ja"' in (project / "site/ja/index.html").read_text(encoding="utf-8")


def test_the_swap_is_one_exchange_so_the_site_is_never_missing(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / ".site-building-x"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    seen_missing = threading.Event()
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if not site.is_dir():
                seen_missing.set()

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for round in range(200):
            staging.mkdir()
            (staging / "index.html").write_text(str(round), encoding="utf-8")
            swap_in(staging, site)
            assert (site / "index.html").read_text(encoding="utf-8") == str(round)
            shutil.rmtree(staging)  # the old site, which the exchange left in staging's place
    finally:
        done.set()
        watcher.join()
    assert not seen_missing.is_set()
