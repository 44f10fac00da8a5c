"""Seconds from saving a data file to `make serve` having rebuilt the site with the change.

`python -m benchmarks.serve_latency m l` copies the project with a preset's data into a temporary
folder, serves it as `make serve` does (`mkdocs serve --dirty`) and, for comparison, as MkDocs
rebuilds by default (every page), then saves edits one at a time: a case study's summary (its
page, the capabilities and characteristics that list it, the index) and a capability's name (every
page that links to it: many case-study checklists). Each figure runs from the write to the moment
the server logs the end of the rebuild (when the browser reloads), the edited page served with the
change; beside it, the CPU time the server spent, which other processes' load disturbs less.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.generate import generate

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ["mkdocs.yml", "mkdocs.ja.yml", "docs", "macros", "overrides"]
MODES = {"incremental": ["--dirty"], "full rebuild": []}
EDITS = 3  # of each kind, per mode
_BUILT = re.compile(r"Documentation built in")
_SERVING = re.compile(r"Serving on http")
# The ports the servers take, first free one first.
PORTS = range(8600, 8700)


@dataclass
class Latency:
    """The figures of one preset, mode and kind of edit."""

    preset: str
    mode: str
    edit: str
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)


class _Server:
    """`mkdocs serve` in a child process, with the time of each 'Documentation built' line it logs."""

    def __init__(self, project: Path, options: list[str]) -> None:
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}/"
        env = {k: v for k, v in os.environ.items() if k != "KB_DATA_DIR"} | {"NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *options, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.builds: list[float] = []
        self.serving = False
        self.log: list[str] = []
        threading.Thread(target=self._read_log, daemon=True).start()

    def _read_log(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log = [*self.log[-40:], line]
            if _BUILT.search(line):
                self.builds.append(time.perf_counter())
            elif _SERVING.search(line):
                self.serving = True  # and watching: MkDocs starts its watcher after the first build

    def cpu(self) -> float:
        """CPU seconds the server has used so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wait_built(self, count: int, limit: float = 900) -> None:
        deadline = time.perf_counter() + limit
        while len(self.builds) < count or not self.serving:
            self._check(deadline, f"build {count}")
            time.sleep(0.02)

    def wait_change(self, path: str, marker: str, saved: float, limit: float = 1800) -> float:
        """When the first build after the save (which wrote the page with the marker) ended."""
        deadline = time.perf_counter() + limit
        while marker not in self.page(path) or not any(end >= saved for end in self.builds):
            self._check(deadline, f"{marker} in {path}")
            time.sleep(0.05)
        return min(end for end in self.builds if end >= saved)

    def _check(self, deadline: float, what: str) -> None:
        if time.perf_counter() > deadline or self.process.poll() is not None:
            raise SystemExit(f"mkdocs serve: no {what}; its log ends:\n{''.join(self.log)}")

    def page(self, path: str) -> str:
        """The page as served now; empty while a full rebuild has it missing."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=60) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def _edit(path: Path, field_name: str, marker: str) -> None:
    """Append a marker to the English text of a top-level field (`summary:` / `name:` with `en:` below)."""
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^{field_name}:\n  en: (.*)$", text, flags=re.MULTILINE)
    assert match, f"{path}: no {field_name}.en"
    path.write_text(text[: match.end(1)] + f" {marker}" + text[match.end(1) :], encoding="utf-8")


def measure(preset: str, work: Path, modes: list[str], edits: int = EDITS) -> list[Latency]:
    """Each mode and kind of edit at one preset, `edits` saves of each."""
    project = work / f"serve-{preset}"
    project.mkdir(parents=True)
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    generate(preset, project / "data")
    cases = sorted((project / "data" / "case-studies").glob("*.yml"))
    capabilities = sorted((project / "data" / "capabilities").glob("*.yml"))
    results = []
    for mode in modes:
        options = MODES[mode]
        server = _Server(project, options)
        try:
            server.wait_built(1)
            time.sleep(2)  # the watcher's first look at the folders
            for kind, files, field_name in (
                ("case-study summary", cases, "summary"),
                ("capability name", capabilities, "name"),
            ):
                latency = Latency(preset, mode, kind)
                for attempt in range(edits):
                    path = files[(attempt * 7) % len(files)]
                    marker = f"Edited{mode.replace(' ', '')}{attempt}x"
                    cpu = server.cpu()
                    start = time.perf_counter()
                    _edit(path, field_name, marker)
                    end = server.wait_change(f"{path.parent.name}/{path.stem}/", marker, start)
                    latency.seconds.append(end - start)
                    latency.cpu_seconds.append(server.cpu() - cpu)
                    time.sleep(2)  # let the watcher settle before the next save
                results.append(latency)
        finally:
            server.stop()
    return results


def render(results: list[Latency]) -> str:
    """The Markdown table of the figures."""
    lines = [
        "| preset | `make serve` rebuild | edit | save to rebuilt (median, runs) | server CPU (median) |",
        "| --- | --- | --- | ---: | ---: |",
    ]
    for r in results:
        runs = ", ".join(f"{s:.1f}" for s in r.seconds)
        lines.append(
            f"| `{r.preset}` | {r.mode} | {r.edit} | {statistics.median(r.seconds):.2f} s ({runs}) | {statistics.median(r.cpu_seconds):.2f} s |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Measure the presets named (default m, l) and print the table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve_latency", description=__doc__)
    parser.add_argument("presets", nargs="*", default=["m", "l"])
    parser.add_argument("--edits", type=int, default=EDITS, help=f"saves of each kind (default {EDITS})")
    parser.add_argument("--incremental-only", action="store_true", help="skip the full-rebuild comparison")
    args = parser.parse_args(argv)
    modes = ["incremental"] if args.incremental_only else list(MODES)
    work = Path(tempfile.mkdtemp(prefix="kb-serve-"))
    try:
        results = [latency for preset in args.presets for latency in measure(preset, work, modes, args.edits)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
