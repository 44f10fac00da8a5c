"""CPU time per test file, the figure that stays honest while other work shares the machine.

`.venv/bin/python -m pytest -p tests.cputime [files]` prints, after the run, the user + system time
each test file cost: pytest's own, its site builds' and Chromium's (every process under pytest,
read from /proc, Linux only), the setup of a shared build counted to the file that first asked for it.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from pathlib import Path

import pytest

_TICKS = os.sysconf("SC_CLK_TCK")


def _tree_cpu() -> float:
    """User + system seconds of this process and every process under it, living or reaped."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the name: state, ppid, ... utime (12), stime, cutime, cstime (15), counted from state at 0.
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = sum(int(f) for f in fields[11:15]) / _TICKS
    root = os.getpid()
    total = 0.0
    for pid, cpu in times.items():
        ancestor = pid
        while ancestor not in (root, 0, 1) and ancestor in parents:
            ancestor = parents[ancestor]
        if ancestor == root:
            total += cpu
    return total


class CpuTimes:
    def __init__(self) -> None:
        self.per_file: dict[str, float] = defaultdict(float)
        self.start = _tree_cpu()
        self.log = os.environ.get("KB_CPU_LOG")

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> object:
        before, started = _tree_cpu(), time.monotonic()
        yield
        spent = _tree_cpu() - before
        self.per_file[item.nodeid.split("::")[0]] += spent
        if self.log:  # KB_CPU_LOG: each test's figures as it ends, to read while a long run goes on
            with open(self.log, "a", encoding="utf-8") as log:
                log.write(f"{spent:.2f}\t{time.monotonic() - started:.2f}\t{item.nodeid}\n")

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        write = terminalreporter.write_line
        terminalreporter.section("CPU time (user + system) per test file")
        for path, seconds in sorted(self.per_file.items(), key=lambda kv: -kv[1]):
            write(f"{seconds:8.1f} s  {path}")
        write(f"{_tree_cpu() - self.start:8.1f} s  in all (collection and teardown included)")


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(CpuTimes(), "kb-cputime")
