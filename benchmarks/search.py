"""Search as readers pay for it, ours beside Material's stock search and Pagefind on the same pages.

Each built site is served gzip-compressed, as any static host serves it, and driven in Debian's
Chromium. Per engine: the bytes a page view transfers for search before any search; then a first
and a second query typed into the page, each with the bytes it transferred and the time from its
last keystroke to its results on screen; and the index on disk. *Stock* is the same page without
our script that names the site's worker, with Material's whole index (put back together from the
fragments) at search/search_index.json: Material as shipped.
*Pagefind* indexes the same built pages (their articles) with its own CLI; its query loads
pagefind.js on demand and the first five results' fragments, as its UI shows them.

`python -m benchmarks.search` builds the real site and the `m` and `l` presets, measures and
replaces the search section of BENCHMARKS.md; `make bench` runs the same measures on its builds.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.browser.searchbox import COUNT_WORKER_MESSAGES
from tests.searchindex import whole_index_from, whole_search_index

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PORTS = range(8100, 8200)
QUERIES = ("feature store", "drift detection")
TYPING_DELAY_MS = 100  # a brisk typist: ten keys a second
PAGE = "capabilities/"  # the first capability page under it is the page read
# Our script that names the site's worker in Material's configuration; without it Material runs its own worker.
OUR_SCRIPTS = re.compile(r'<script src="[^"]*kb-search-config\.js"></script>')
COMPRESSED = {".html", ".js", ".json", ".css", ".svg", ".wasm"}
BEFORE_LIMIT_KB = 4  # what a page view may spend on search before any search
SECTION_START, SECTION_END = "<!-- search bench -->", "<!-- /search bench -->"


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it (Pagefind's files are gzipped already)."""

    stock = False

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = path.read_bytes()
        if self.stock and path.suffix == ".html":
            body = OUR_SCRIPTS.sub("", body.decode("utf-8")).encode("utf-8")
        if self.stock and path.name == "search_index.json":
            body = json.dumps(whole_index_from(lambda name: (path.parent / name).read_bytes())).encode("utf-8")
        body = gzip.compress(body, 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path, *, stock: bool) -> tuple[ThreadingHTTPServer, str]:
    """The site on the first free port of the range this benchmark may use."""
    handler = partial(type("Handler", (_GzipHandler,), {"stock": stock}), directory=str(site))
    for port in PORTS:
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError:
            continue
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server, f"http://127.0.0.1:{port}/"
    raise SystemExit(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


@dataclass
class Figures:
    """What one engine cost on one site."""

    engine: str
    before: int = 0  # search bytes of a page view before any search
    page: int = 0  # all bytes of that page view
    first_bytes: int = 0
    first_ms: float = 0.0
    second_bytes: int = 0
    second_ms: float = 0.0
    first_results: str = ""  # as the engine counts them (Material writes 3k for 2,950 and more)
    disk: int = 0


# Times the last keystroke (keyup) and the last change of the results list after it.
TIMER = """
(() => {
  const t = window.__kbTimes = { key: 0, render: 0 };
  document.addEventListener("keyup", () => { t.key = performance.now(); }, true);
  new MutationObserver(() => { t.render = performance.now(); })
    .observe(document, { childList: true, subtree: true, characterData: true });
})();
"""
PAGEFIND_QUERY = """
async (query) => {
  const start = performance.now();
  window.__pagefind = window.__pagefind || await import(location.origin + "/pagefind/pagefind.js");
  const search = await window.__pagefind.search(query);
  await Promise.all(search.results.slice(0, 5).map(result => result.data()));
  return [performance.now() - start, search.results.length];
}
"""


def is_search(url: str) -> bool:
    """A request made for search: the index or its fragments, the workers, Pagefind's files."""
    path = url.split("?")[0]
    return "/search/" in path or "/javascripts/workers/" in path or "/pagefind/" in path


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


class Recorder:
    """Every finished request's transferred bytes (body as sent, plus headers), in order."""

    def __init__(self, context) -> None:
        self.rows: list[tuple[str, int]] = []
        context.on("requestfinished", self._finished)

    def _finished(self, request) -> None:
        sizes = request.sizes()
        self.rows.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    def mark(self) -> int:
        return len(self.rows)

    def search_bytes(self, since: int = 0) -> int:
        return sum(size for url, size in self.rows[since:] if is_search(url))

    def all_bytes(self, since: int = 0) -> int:
        return sum(size for _, size in self.rows[since:])


def _material_query(page, query: str) -> tuple[float, str]:
    """Type a query into Material's box; ms from the last keyup to the last render of its results."""
    page.locator("input.md-search__input").focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.evaluate("window.__kbTimes.key = 0")
    page.keyboard.type(query, delay=TYPING_DELAY_MS)
    # Material answers every keystroke's query in turn: the results are final once all are answered.
    # (A function, not an expression: the pages' Content Security Policy refuses eval.)
    page.wait_for_function(
        "() => window.__kbSearch.sent > 0 && window.__kbSearch.received === window.__kbSearch.sent",
        timeout=600_000,
    )
    page.wait_for_timeout(300)  # the last answer rendered
    key, render = page.evaluate("[window.__kbTimes.key, window.__kbTimes.render]")
    count = page.locator(".md-search-result__meta").inner_text()
    return max(0.0, render - key), re.sub(r"[^\dk.,]", "", count) or "0"


def measure_material(browser, site: Path, page_path: str, *, stock: bool) -> Figures:
    """Ours (stock=False) or Material's stock search, on one page of the site."""
    server, url = serve(site, stock=stock)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        recorder = Recorder(context)
        page = context.new_page()
        page.add_init_script(TIMER)
        page.add_init_script(COUNT_WORKER_MESSAGES)
        page.goto(url + page_path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        figures = Figures(
            "Material stock" if stock else "ours", before=recorder.search_bytes(), page=recorder.all_bytes()
        )
        mark = recorder.mark()
        figures.first_ms, figures.first_results = _material_query(page, QUERIES[0])
        figures.first_bytes = recorder.search_bytes(mark)
        mark = recorder.mark()
        figures.second_ms, _ = _material_query(page, QUERIES[1])
        figures.second_bytes = recorder.search_bytes(mark)
        # Ours reads only the fragments (search/kb/); Material's stock search the whole index.
        figures.disk = (
            len(json.dumps(whole_search_index(site)).encode("utf-8")) if stock else folder_size(site / "search" / "kb")
        )
        return figures
    finally:
        context.close()
        server.shutdown()


def index_with_pagefind(site: Path) -> int:
    """Pagefind's index of the site's articles, written into site/pagefind/; its size on disk."""
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind_bin",
            "--site",
            str(site),
            "--root-selector",
            "article",
            "--exclude-selectors",
            ".headerlink",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())


def measure_pagefind(browser, site: Path, page_path: str, disk: int) -> Figures:
    """Pagefind's JS API on the same page: nothing before the query; each query and its top five."""
    server, url = serve(site, stock=False)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        recorder = Recorder(context)
        page = context.new_page()
        page.goto(url + page_path)
        page.wait_for_load_state("networkidle")
        figures = Figures("Pagefind", before=0, page=recorder.all_bytes(), disk=disk)
        for n, query in enumerate(QUERIES):
            mark = recorder.mark()
            ms, count = page.evaluate(PAGEFIND_QUERY, query)
            page.wait_for_load_state("networkidle")
            if n == 0:
                figures.first_ms, figures.first_results, figures.first_bytes = (
                    ms,
                    str(count),
                    recorder.search_bytes(mark),
                )
            else:
                figures.second_ms, figures.second_bytes = ms, recorder.search_bytes(mark)
        return figures
    finally:
        context.close()
        server.shutdown()


def first_capability_page(site: Path) -> str:
    """The first capability page of the site, by address."""
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "capabilities").glob("*/index.html"))[0]


def measure_sites(sites: dict[str, Path]) -> dict[str, list[Figures]]:
    """Each site's figures for ours, Material's stock search and Pagefind."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for name, site in sites.items():
            print(f"  search bench: {name}", file=sys.stderr, flush=True)
            page_path = first_capability_page(site)
            disk = index_with_pagefind(site)
            results[name] = [
                measure_material(browser, site, page_path, stock=False),
                measure_material(browser, site, page_path, stock=True),
                measure_pagefind(browser, site, page_path, disk),
            ]
            shutil.rmtree(site / "pagefind", ignore_errors=True)
        browser.close()
    return results


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def _holds(ok: bool) -> str:
    return "yes" if ok else "**no**"


def render_section(results: dict[str, list[Figures]]) -> str:
    """The search section of BENCHMARKS.md."""
    lines = [
        SECTION_START,
        "## Search",
        "",
        "Written by `make bench` (`benchmarks/search.py`; alone: `python -m benchmarks.search`). Each",
        "site served gzip-compressed on 127.0.0.1 and driven in Chromium; bytes are those transferred",
        "(compressed bodies and headers). *before*: search bytes of a page view (a capability page)",
        f'before any search; *1st* and *2nd*: the queries "{QUERIES[0]}" then "{QUERIES[1]}", typed',
        f"key by key ({1000 // TYPING_DELAY_MS} keys a second) once the box has the focus, each timed from its last keystroke to",
        "its results on screen (Pagefind: from the call of its API, on the same page without Material's",
        "search, to its first five results' data), with *results* the number of results of the first.",
        "*index*: on disk, uncompressed.",
        "*ours* and *Material stock* are the same pages; stock without our script naming the site's worker,",
        "with Material's whole index where Material fetches it.",
        f"Load average when measured: {' / '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs).",
        "",
        "| site | engine | before | page view | 1st query | 1st time | results | 2nd query | 2nd time | index |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, figures in results.items():
        for f in figures:
            lines.append(
                f"| {name} | {f.engine} | {_kb(f.before)} | {_kb(f.page)} | {_kb(f.first_bytes)} | {f.first_ms:.0f} ms "
                f"| {f.first_results} | {_kb(f.second_bytes)} | {f.second_ms:.0f} ms | {_kb(f.disk)} |"
            )
    lines += ["", "| target (ours) | measured | holds |", "| --- | ---: | :---: |"]
    for name, figures in results.items():
        ours = figures[0]
        # Material fetches its index and starts its worker with every page, with no public way to wait:
        # ours are the search configuration and the worker's first script, the same whatever the site's size.
        lines.append(
            f"| under {BEFORE_LIMIT_KB} KB of search before the search box has the focus, {name} | {_kb(ours.before)} "
            f"| {_holds(ours.before < BEFORE_LIMIT_KB * 1024)} |"
        )
    if "l" in results:
        ours = results["l"][0]
        lines.append(
            f"| first results at `l` within 300 ms of the last keystroke | {ours.first_ms:.0f} ms | {_holds(ours.first_ms <= 300)} |"
        )
        lines.append(
            f"| first query at `l` under 400 KB transferred | {_kb(ours.first_bytes)} | {_holds(ours.first_bytes < 400 * 1024)} |"
        )
    lines += ["", SECTION_END]
    return "\n".join(lines) + "\n"


def replace_section(report: str, section: str) -> str:
    """The report with its search section replaced, or added at its end."""
    pattern = re.compile(re.escape(SECTION_START) + ".*?" + re.escape(SECTION_END) + "\n?", re.DOTALL)
    return pattern.sub(lambda _: section, report) if pattern.search(report) else report.rstrip("\n") + "\n\n" + section


def main(argv: list[str]) -> int:
    """Build the real site and the presets given (default m,l), measure, update BENCHMARKS.md."""
    from benchmarks.generate import generate

    presets = [p for p in argv[0].split(",") if p] if argv else ["m", "l"]
    work = Path(tempfile.mkdtemp(prefix="kb-search-bench-"))
    try:
        sites = {"real": work / "site-real"}
        for preset in presets:
            generate(preset, work / f"data-{preset}")
            sites[preset] = work / f"site-{preset}"
        for name, site in sites.items():
            env = {
                **os.environ,
                "NO_MKDOCS_2_WARNING": "1",
                **({"KB_DATA_DIR": str(work / f"data-{name}")} if name != "real" else {}),
            }
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
                cwd=ROOT,
                env=env,
                check=True,
            )
        section = render_section(measure_sites(sites))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    path = ROOT / "BENCHMARKS.md"
    path.write_text(replace_section(path.read_text(encoding="utf-8"), section), encoding="utf-8")
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
