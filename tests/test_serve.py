"""`make serve` and invalid data: every address shows the problems, each with its place, instead of
a request that waits for a build that never comes; fixing the file brings the site back, no restart.

MkDocs watches the folders beside mkdocs.yml, so the project is copied to a temporary folder and
served from there on a free port (the repository's data/ is never touched).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.sitebuild import ROOT

pytestmark = pytest.mark.site

PROJECT = ["mkdocs.yml", "mkdocs.ja.yml", "docs", "macros", "overrides", "data"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return 0, ""


def _wait_for(what: str, condition: Callable[[], bool], limit: float = 120) -> None:
    """Poll until the condition holds (a wait for the server, never a timing assertion)."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"waited {limit:.0f} s for {what}"
        time.sleep(0.5)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """(a copy of the project, the address `mkdocs serve` serves it at)."""
    project = tmp_path_factory.mktemp("served")
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    url = f"http://127.0.0.1:{_free_port()}/"
    env = {k: v for k, v in os.environ.items() if k != "KB_DATA_DIR"} | {"NO_MKDOCS_2_WARNING": "1"}
    # As `make serve` runs it: --dirty rebuilds only what a change touched (macros/adapter/incremental.py).
    log = (project / "serve.log").open("w", encoding="utf-8")  # what the contributor's terminal shows
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", url.removeprefix("http://").rstrip("/")],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        _wait_for("the first build", lambda: _get(url)[0] == 200)
        yield project, url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_invalid_data_shows_its_problems_at_every_address_then_recovers(served: tuple[Path, str]) -> None:
    project, url = served
    capability = next(iter(sorted((project / "data" / "capabilities").glob("*.yml"))))
    good = capability.read_text(encoding="utf-8")
    capability.write_text(good.replace("\nname:\n", "\nname: [unclosed\n", 1), encoding="utf-8")
    problem = re.compile(rf"data/capabilities/{re.escape(capability.name)}:\d+:\d+: YAML syntax: ")
    log = project / "serve.log"
    before = len(log.read_text(encoding="utf-8"))
    _wait_for("the error page", lambda: "The data has errors" in _get(url)[1])
    # The terminal shows the report, not a warning per nav entry after it (the error site has no pages).
    terminal = log.read_text(encoding="utf-8")[before:]
    assert problem.search(terminal) and "in the 'nav' configuration" not in terminal, terminal
    for address in ["", f"capabilities/{capability.stem}/", "no/such/page/"]:
        _status, page = _get(url + address)
        assert "The data has errors" in page and problem.search(html.unescape(page)), address
    capability.write_text(good, encoding="utf-8")
    _wait_for("the site again", lambda: "The data has errors" not in _get(url + f"capabilities/{capability.stem}/")[1])
    status, page = _get(url + f"capabilities/{capability.stem}/")
    assert status == 200 and "<article" in page
