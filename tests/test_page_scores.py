"""`make lighthouse`'s inputs, without Lighthouse: the pages it scores exist, one of each kind of
entity among them, and the host it scores them on compresses text as a static host does."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import pytest

from benchmarks.gzip_host import serve_gzipped
from benchmarks.page_scores import pages
from tests.sitebuild import DATA_DIR


@pytest.mark.parametrize("edition", ["en", "ja"])
def test_every_scored_page_exists_with_one_page_of_each_kind(editions_dir: Path, edition: str) -> None:
    scored = pages(editions_dir, edition)
    paths = [path.split("#")[0] for _, path in scored]
    assert [p for p in paths if not (editions_dir / p / "index.html").is_file()] == []
    kinds = {path.parent.name for path in DATA_DIR.glob("*/*.yml")}
    with_pages = {
        kind for kind in kinds if (editions_dir / kind).is_dir() and any((editions_dir / kind).glob("*/index.html"))
    }
    prefix = "" if edition == "en" else edition + "/"
    assert {p.removeprefix(prefix).split("/")[0] for p in paths if p.count("/") - prefix.count("/") == 2} == with_pages
    assert any("profiler/#" in path for _, path in scored), "the profiler with a selection"


def test_the_host_compresses_text_and_answers_a_missing_page_with_404(editions_dir: Path) -> None:
    server = serve_gzipped(editions_dir, 0)
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        request = urllib.request.Request(root + "matrix/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()) == (editions_dir / "matrix/index.html").read_bytes()
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(root + "ja/no-such-page/")
        assert missing.value.code == 404
        assert missing.value.read() == (editions_dir / "ja/404.html").read_bytes()
    finally:
        server.shutdown()
