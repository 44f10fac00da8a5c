"""`python -m macros.commands.publish [SITE_DIR]` (`make build`): both editions, published together or not at all.

Each edition is built strictly into one temporary folder beside SITE_DIR (English at its root,
Japanese in ja/); only when both succeed does that folder take SITE_DIR's place. A failed build
leaves the previous site as it was, never one edition new and the other missing. The swap is one
exchange of folders, so SITE_DIR is never missing; what a killed build left beside it (its
temporary folders) is removed by the next, which holds a lock so that no other build still uses them.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from macros.adapter.readers import merge_headers
from macros.kb.model import LANGUAGES
from macros.paths import REPO_ROOT

ROOT = REPO_ROOT
# (configuration, folder inside the site), one per language: the base edition first, at the root
# (its build empties the folder), then each other one from mkdocs.<code>.yml into <code>/.
EDITIONS = (("mkdocs.yml", ""), *((f"mkdocs.{lang}.yml", lang) for lang in LANGUAGES[1:]))


def build_command(config: str | Path, site_dir: Path, *, quiet: bool = False) -> list[str]:
    """`mkdocs build --strict` of one configuration (relative to the repository, or absolute) into
    site_dir: how every full build runs, and what the benchmarks time."""
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        *(["--quiet"] if quiet else []),
        "--config-file",
        str(ROOT / config),
        "--site-dir",
        str(site_dir),
    ]


def publish(site_dir: Path) -> int:
    """Build every edition into a staging folder and swap it in; the exit code of the first failure, else 0."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)  # as `mkdocs build --site-dir` would
    with _one_build_at_a_time(site_dir.parent):
        _remove_leftovers(site_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
        try:
            for config, folder in EDITIONS:
                returncode = subprocess.run(build_command(config, staging / folder), cwd=ROOT).returncode
                if returncode:
                    shown = site_dir.name + "/"
                    print(
                        f"The {config} build failed (above): nothing was published; {shown} is as it was.",
                        file=sys.stderr,
                    )
                    return returncode
            merge_headers(staging)  # one set of response headers, for every edition's pages
            swap_in(staging, site_dir)
            return 0
        finally:
            shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def _one_build_at_a_time(folder: Path) -> Iterator[None]:
    """Hold a lock on the folder the site is in while building: another `make build` waits, and the
    folders left by a build that was killed are no one's. The system drops the lock with the process."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _remove_leftovers(site_dir: Path) -> None:
    """The staging and old folders an interrupted build left beside the site (it was killed mid-way)."""
    for prefix in ("building", "old"):
        for leftover in site_dir.parent.glob(f".{site_dir.name}-{prefix}-*"):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)


def swap_in(staging: Path, site_dir: Path) -> None:
    """Put the staged site in site_dir's place; the old one ends in staging (which the caller removes).

    One exchange of the two folders (Linux's renameat2 RENAME_EXCHANGE), so site_dir is at every
    moment the old site or the new one, never absent. Where the system has no exchange, two renames.
    """
    if not site_dir.exists():
        staging.rename(site_dir)
        return
    if _exchange(staging, site_dir):
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
    site_dir.rename(old / site_dir.name)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def _exchange(one: Path, other: Path) -> bool:
    """Swap two paths in one step; False where the system cannot (not Linux, or a file system without it)."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None) if sys.platform == "linux" else None
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(one), _AT_FDCWD, os.fsencode(other), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(other))


def main(argv: list[str]) -> int:
    """Publish into argv[0] (site/ by default); a folder that cannot be written is said in one line."""
    site_dir = Path(argv[0]) if argv else ROOT / "site"
    try:
        return publish(site_dir)
    except OSError as error:
        print(
            f"{site_dir}: cannot publish there: {error.strerror or error} (choose a folder you can write)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
