"""CPU time per test file, the figure that stays honest while other work shares the machine.

`.venv/bin/python -m pytest -p tests.cputime [files]` prints, after the run, the user + system time
each test file cost: pytest's own, its site builds' and Chromium's, the setup of a shared build or
browser counted to the file that first asked for it. Linux only (read from /proc).

Chromium's tabs are processes that nobody under pytest waits for, so their time never reaches
pytest's own account (nor `/usr/bin/time`'s): a thread reads every process under pytest ten times
a second and keeps each one's latest own time, so a tab closed in a test still counts. A process
loses what it spent after the last look (0.05 s on average); one shorter than a tenth of a second
may go unseen. KB_CPU_LOG=FILE also writes each test's figures as it ends.
"""

from __future__ import annotations

import os
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

_TICKS = os.sysconf("SC_CLK_TCK")
_SAMPLE_SECONDS = 0.1


def _stat(pid: int) -> tuple[str, list[int]] | None:
    """(start time, [utime, stime, cutime, cstime] in ticks) of a process, None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # After the name: state (0), ppid (1), ... utime (11) to cstime (14), start time (19).
    return fields[19], [int(f) for f in fields[11:15]]


def _children(pid: int) -> list[int]:
    """The processes a process started and has not waited for (each of its threads' children)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(child) for child in task.read_text().split()]
        except OSError:
            continue
    return found


class CpuTimes:
    """pytest's own time, and the latest own time of every process that ran under it, alive or not
    (not what a process's account holds of the children it waited for: each is counted itself)."""

    def __init__(self) -> None:
        self.root = os.getpid()
        self.latest: dict[tuple[int, str], float] = {}  # (pid, start time) -> its own seconds, dead ones too
        self.lock = threading.Lock()
        self.per_file: dict[str, float] = defaultdict(float)
        self.log = os.environ.get("KB_CPU_LOG")
        self.done = threading.Event()
        threading.Thread(target=self._sample_until_done, daemon=True).start()

    def _sample_until_done(self) -> None:
        while not self.done.wait(_SAMPLE_SECONDS):
            self.total()

    def total(self) -> float:
        """CPU seconds of pytest and everything under it so far."""
        with self.lock:
            # Walked from pytest down: reading only its own processes keeps the sampling cheap.
            waiting = _children(self.root)
            while waiting:
                pid = waiting.pop()
                stat = _stat(pid)
                if stat is not None:
                    started, ticks = stat
                    self.latest[pid, started] = (ticks[0] + ticks[1]) / _TICKS
                    waiting += _children(pid)
            own = _stat(self.root)
            assert own is not None
            return (own[1][0] + own[1][1]) / _TICKS + sum(self.latest.values())

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Iterator[None]:
        before, started = self.total(), time.monotonic()
        yield
        spent = self.total() - before
        self.per_file[item.nodeid.split("::")[0]] += spent
        if self.log:
            with open(self.log, "a", encoding="utf-8") as log:
                log.write(f"{spent:.2f}\t{time.monotonic() - started:.2f}\t{item.nodeid}\n")

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        self.done.set()
        write = terminalreporter.write_line
        terminalreporter.section("CPU time (user + system) per test file")
        for path, seconds in sorted(self.per_file.items(), key=lambda kv: -kv[1]):
            write(f"{seconds:8.1f} s  {path}")
        write(f"{sum(self.per_file.values()):8.1f} s  in all the tests (collection left out)")


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(CpuTimes(), "kb-cputime")
