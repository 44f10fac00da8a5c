"""`make serve` previews both editions: the language switch leads from a page to the same page in
the other edition while editing, and stopping the command stops each edition's server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from macros.kb.model import BASE_LANGUAGE, LANGUAGES
from tests.sitebuild import ROOT

pytestmark = pytest.mark.site


def _free_ports(count: int) -> int:
    """The first of `count` consecutive free loopback ports (serve takes PORT, PORT+1, ...)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        if first + count > 65535:
            continue
        try:
            for port in range(first, first + count):
                with socket.socket() as check:
                    check.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise AssertionError("no consecutive free ports")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[subprocess.Popen[bytes], list[str]]]:
    """`make serve`'s command on free ports, and each edition's address in the languages' order."""
    port = _free_ports(len(LANGUAGES))
    env = {k: v for k, v in os.environ.items() if k != "KB_DATA_DIR"} | {"NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "macros.commands.serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    addresses = [f"http://127.0.0.1:{port + place}/" for place in range(len(LANGUAGES))]
    try:
        deadline = time.monotonic() + 240  # a wait for the first builds, never a timing assertion
        while not all(_answers(address) for address in addresses):
            assert server.poll() is None, "make serve stopped"
            assert time.monotonic() < deadline, "waited 240 s for both editions"
            time.sleep(1)
        yield server, addresses
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


def test_the_language_switch_works_while_serving(page, served) -> None:
    _server, addresses = served
    base, other = addresses[0], addresses[1]
    page.goto(base + "matrix/")
    assert page.locator("html").get_attribute("lang") == BASE_LANGUAGE
    link = page.locator(f"a.md-select__link[hreflang='{LANGUAGES[1]}']")
    assert link.evaluate("a => a.href") == other + "matrix/"
    page.goto(link.evaluate("a => a.href"))
    assert page.locator("html").get_attribute("lang") == LANGUAGES[1]
    back = page.locator(f"a.md-select__link[hreflang='{BASE_LANGUAGE}']").evaluate("a => a.href")
    assert back == base + "matrix/"


def test_stopping_serve_stops_both_editions(served) -> None:
    server, addresses = served
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    deadline = time.monotonic() + 60
    while any(_answers(address) for address in addresses):
        assert time.monotonic() < deadline, "an edition's server outlived make serve"
        time.sleep(1)
