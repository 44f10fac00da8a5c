"""`make lighthouse`: Lighthouse's four scores for every kind of page, as a reader's phone gets them.

Both editions are built with their published address set to the local host they are then served
from, compressed with gzip as any static host serves them (benchmarks/gzip_host.py). Lighthouse
(pinned in benchmarks/lighthouse/, installed with `npm ci` on the first run) drives Debian's
Chromium with its mobile preset: a mid-range phone on a slow 4G network, simulated. Pages: the
home page, the matrix, the profiler without and with a selection in its address, the tools
landscape, and one page of each kind of entity (whatever data/ holds). The network is closed, so
Chromium is told not to reach for updates, sync or anything else.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.gzip_host import serve_gzipped

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_DIR = ROOT / "benchmarks" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 0.95
# The metrics behind the performance score, as Lighthouse names its audits.
METRICS = (("LCP", "largest-contentful-paint"), ("CLS", "cumulative-layout-shift"), ("TBT", "total-blocking-time"))


@dataclass
class Score:
    """One page's median scores and metrics over its runs, and the audits that cost it points."""

    label: str
    url: str
    categories: dict[str, float]
    metrics: dict[str, str]
    failing: list[str]
    benchmark_index: float


def pages(site: Path, edition: str) -> list[tuple[str, str]]:
    """(label, path from the site's root) of every page scored in one edition."""
    prefix = "" if edition == "en" else edition + "/"
    # api/v1/ is the site's, written once at its root for every edition.
    characteristics = json.loads((site / "api/v1/characteristics.json").read_text(encoding="utf-8"))
    selection = "+".join(entry["id"] for entry in characteristics["characteristics"][:2])
    chosen = [
        ("home", ""),
        ("matrix", "matrix/"),
        ("profiler", "profiler/"),
        ("profiler with a selection", f"profiler/#{selection}"),
        ("tools landscape", "tools/"),
    ]
    # One page of each kind of entity: each data folder whose entities have pages of their own.
    data = Path(os.environ.get("KB_DATA_DIR") or ROOT / "data")
    for kind in sorted(path.name for path in data.iterdir() if path.is_dir()):
        ids = sorted(path.stem for path in (data / kind).glob("*.yml"))
        page = next(
            (entity_id for entity_id in ids if (site / prefix / kind / entity_id / "index.html").is_file()), None
        )
        if page:
            chosen.append((f"{kind} page", f"{kind}/{page}/"))
    return [(f"{label} ({edition})", prefix + path) for label, path in chosen]


def install_lighthouse() -> None:
    """The pinned Lighthouse from benchmarks/lighthouse/package-lock.json, once."""
    if LIGHTHOUSE.is_file():
        return
    print(
        "Installing the pinned Lighthouse into benchmarks/lighthouse/node_modules/ (first run only)...", file=sys.stderr
    )
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_DIR, check=True)


def build(site: Path, address: str) -> None:
    """Both editions into site/, published at `address` (so canonical and hreflang links are real)."""
    env = {**os.environ, "KB_SITE_URL": address, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "macros.commands.publish", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def run_lighthouse(url: str, report: Path) -> dict:
    """One Lighthouse run of one page with the mobile preset; its JSON report."""
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROMIUM_FLAGS}",
    ]
    subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True)
    return json.loads(report.read_text(encoding="utf-8"))


def failing_audits(result: dict) -> list[str]:
    """The weighted audits that did not pass, as `category: audit id (score)`."""
    found = []
    for category in CATEGORIES:
        for ref in result["categories"][category]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1 and ref.get("group") != "metrics":
                found.append(f"{category}: {ref['id']} ({audit['score']:.2f})")
    return found


def score_page(label: str, url: str, runs: int, work: Path) -> Score:
    """The median of `runs` Lighthouse runs of one page."""
    results = [run_lighthouse(url, work / f"report-{n}.json") for n in range(runs)]
    categories = {
        name: statistics.median(result["categories"][name]["score"] for result in results) for name in CATEGORIES
    }
    middle = sorted(results, key=lambda result: result["categories"]["performance"]["score"])[len(results) // 2]
    metrics = {short: middle["audits"][audit]["displayValue"] for short, audit in METRICS}
    failing = sorted({line for result in results for line in failing_audits(result)})
    return Score(label, url, categories, metrics, failing, middle["environment"]["benchmarkIndex"])


def render_table(scores: list[Score], load: tuple[float, float]) -> str:
    """The Markdown table of every page's scores and metrics, what cost points, and how busy the machine was."""
    head = ["page", *CATEGORIES, *(short for short, _ in METRICS), f"all ≥ {TARGET}"]
    lines = ["| " + " | ".join(head) + " |", "| --- |" + " ---: |" * (len(head) - 2) + " :---: |"]
    for score in scores:
        values = [f"{score.categories[name]:.2f}" for name in CATEGORIES]
        holds = "yes" if min(score.categories.values()) >= TARGET else "**no**"
        lines.append("| " + " | ".join([score.label, *values, *score.metrics.values(), holds]) + " |")
    lost = [f"- {score.label}: {line}" for score in scores for line in score.failing]
    if lost:
        lines += ["", "Audits that did not pass (any run):", *lost]
    # Lighthouse slows the CPU 4 times to stand for a mid-range phone, which assumes a fast desktop
    # (benchmark index over 1,000): on a slower or busier machine, the phone it stands for is slower.
    index = statistics.median(score.benchmark_index for score in scores)
    lines += [
        "",
        f"Lighthouse's CPU benchmark index: median {index:.0f} (it expects over 1,000); "
        f"load average {load[0]:.2f} before, {load[1]:.2f} after.",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Build, serve, score every page and print the table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.page_scores", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000, help="the local port to serve the site on")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (the median is shown)")
    parser.add_argument("--editions", default="en,ja", help="which editions' pages to score")
    parser.add_argument("--only", default="", help="score only pages whose label holds this text")
    parser.add_argument("--site", type=Path, help="score this built site instead of building one")
    args = parser.parse_args(argv)
    install_lighthouse()
    work = Path(tempfile.mkdtemp(prefix="kb-lighthouse-"))
    try:
        address = f"http://127.0.0.1:{args.port}/"
        site = args.site.resolve() if args.site else work / "site"
        if not args.site:
            build(site, address)
        server = serve_gzipped(site, args.port)
        load_before = os.getloadavg()[0]
        try:
            scores = []
            for edition in args.editions.split(","):
                for label, path in pages(site, edition):
                    if args.only not in label:
                        continue
                    print(f"Lighthouse: {label} ...", file=sys.stderr, flush=True)
                    scores.append(score_page(label, address + path, args.runs, work))
        finally:
            server.shutdown()
        print(render_table(scores, (load_before, os.getloadavg()[0])))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
