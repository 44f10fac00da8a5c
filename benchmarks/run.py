"""`make bench`: times our builds against MkDocs' own floors and writes BENCHMARKS.md.

Every build runs as its own `mkdocs build` process, its wall time read from a monotonic clock
around it, its user time, system time and peak RSS from the kernel (os.wait4). The runs are interleaved round by round, and the builds a ratio compares run
back to back, so drift in the machine's speed lands on both; each time is the median of the
runs, and each ratio the median of the ratios of runs made side by side.

A child's peak RSS starts at its parent's (Linux carries the high-water mark across fork and
exec), so this process stays small: data and static floors are written by child processes too.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from benchmarks import portfolio
from benchmarks.generate import PRESETS
from benchmarks.report import Measure, render_report
from benchmarks.search import measure_sites, render_section
from macros.commands import publish

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Job:
    """One command to time, and where its site lands when it builds one."""

    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    site_dir: Path | None = None
    times: list[float] = field(default_factory=list)
    user_times: list[float] = field(default_factory=list)
    system_times: list[float] = field(default_factory=list)
    peak_rss: list[int] = field(default_factory=list)


@dataclass
class Group:
    """Jobs that run back to back, `repeats` times a round: the builds one target compares."""

    jobs: list[Job]
    repeats: int = 1


# Builds of a second or two and the checks run this many times a round: three runs of them would
# leave their medians and ratios to chance on a shared machine, and more cost little.
QUICK_REPEATS = 3


def build_command(site_dir: Path, config: Path) -> list[str]:
    """The build `make build` runs, quiet, of one config into one folder."""
    return publish.build_command(config, site_dir, quiet=True)


def check_command(data_dir: Path | None) -> list[str]:
    """`make check`, on one data folder."""
    return [sys.executable, "-m", "macros.commands.check", *([str(data_dir)] if data_dir else [])]


def prepare_jobs(work: Path, presets: list[str]) -> list[Group]:
    """Write every data folder and static floor, and group the commands to time."""
    config = ROOT / "mkdocs.yml"
    _prepare("benchmarks.static_floor", "--empty", work / "empty")
    _prepare("benchmarks.static_floor", ROOT / "data", work / "static-real")
    groups = [
        Group(
            [
                Job("real site", build_command(work / "site-real", config), site_dir=work / "site-real"),
                Job(
                    "static floor real",
                    build_command(work / "site-static-real", work / "static-real" / "mkdocs.yml"),
                    site_dir=work / "site-static-real",
                ),
                Job(
                    "empty site",
                    build_command(work / "site-empty", work / "empty" / "mkdocs.yml"),
                    site_dir=work / "site-empty",
                ),
            ],
            QUICK_REPEATS,
        ),
        Group([Job("check real data", check_command(None))], QUICK_REPEATS),
    ]
    for preset in presets:
        data_dir = work / f"data-{preset}"
        static = work / f"static-{preset}"
        _prepare("benchmarks.generate", preset, data_dir)
        _prepare("benchmarks.static_floor", data_dir, static)
        repeats = QUICK_REPEATS if preset == "s" else 1
        groups += [
            Group(
                [
                    Job(
                        f"generator {preset}",
                        build_command(work / f"site-{preset}", config),
                        {"KB_DATA_DIR": str(data_dir)},
                        work / f"site-{preset}",
                    ),
                    Job(
                        f"static floor {preset}",
                        build_command(work / f"site-static-{preset}", static / "mkdocs.yml"),
                        site_dir=work / f"site-static-{preset}",
                    ),
                ],
                repeats,
            ),
            Group([Job(f"check {preset}", check_command(data_dir))], QUICK_REPEATS),
        ]
    return groups


def _prepare(module: str, *args: object) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", module, *map(str, args)], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def time_job(job: Job) -> None:
    """Run a job once, recording its wall time, its user and system CPU time and its peak resident memory."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **job.env}
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(job.argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{job.name} failed ({' '.join(job.argv)}):\n{errors.read().decode(errors='replace')}")
    job.times.append(elapsed)
    job.user_times.append(usage.ru_utime)
    job.system_times.append(usage.ru_stime)
    job.peak_rss.append(usage.ru_maxrss * 1024)  # kilobytes on Linux


def run_rounds(groups: list[Group], rounds: int) -> None:
    """Every job once per round (quick ones more). A group's builds run back to back, first and
    last in turns, so a change in the machine's speed lands on the builds a ratio compares; each
    round starts one group later, so no group always runs first."""
    for round_ in range(rounds):
        shift = round_ % len(groups)
        for group in groups[shift:] + groups[:shift]:
            for repeat in range(group.repeats):
                for job in group.jobs if (round_ + repeat) % 2 == 0 else reversed(group.jobs):
                    time_job(job)
                    print(
                        f"  round {round_ + 1}/{rounds}  {job.name:<18} {job.times[-1]:6.2f} s"
                        f"  (user {job.user_times[-1]:6.2f} s, system {job.system_times[-1]:5.2f} s)",
                        file=sys.stderr,
                        flush=True,
                    )


def measure(job: Job) -> Measure:
    """The figures of one job: its timings, round by round, and for builds what the site weighs."""
    return Measure(
        name=job.name,
        times=job.times,
        cpu_times=[user + system for user, system in zip(job.user_times, job.system_times, strict=True)],
        peak_rss=max(job.peak_rss),
        site=job.site_dir,
        user_times=job.user_times,
        system_times=job.system_times,
    )


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": str(os.cpu_count()),
        "load": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "material": version("mkdocs-material"),
        "macros": version("mkdocs-macros-plugin"),
    }


def main(argv: list[str]) -> int:
    """Prepare, time, report; the table goes to stdout and to BENCHMARKS.md."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help=f"rounds (default 3); quick builds and checks run {QUICK_REPEATS} times a round",
    )
    parser.add_argument("--presets", default=",".join(PRESETS), help="comma-separated presets (default s,m,l)")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md", help="where to write the report")
    args = parser.parse_args(argv)
    presets = [p for p in args.presets.split(",") if p]
    started = time.perf_counter()
    load_before = machine()["load"]
    work = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    try:
        print(f"preparing data and static floors in {work}", file=sys.stderr)
        groups = prepare_jobs(work, presets)
        run_rounds(groups, args.rounds)
        info = machine()
        info["load"] = f"{load_before} before, {info['load']} after"
        info["duration"] = f"{time.perf_counter() - started:.0f} s"
        report = render_report([measure(job) for group in groups for job in group.jobs], presets, info)
        # Search as readers pay for it, on the sites just built (the real one, and m and l).
        sites = {"real": work / "site-real", **{p: work / f"site-{p}" for p in presets if p in ("m", "l")}}
        report = report.rstrip("\n") + "\n\n" + render_section(measure_sites(sites))
        # The portfolio of our systems at m and l: its size, its paint and its sort in Chromium.
        report = report.rstrip("\n") + "\n\n" + portfolio.render_section(portfolio.measure_sites(sites))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.output.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
