"""`python -m macros.commands.publish [SITE_DIR]` (`make build`): both editions, published together or not at all.

Each edition is built strictly into one temporary folder beside SITE_DIR (English at its root,
Japanese in ja/); only when both succeed does that folder take SITE_DIR's place. A failed build
leaves the previous site as it was, never one edition new and the other missing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from macros.kb.model import LANGUAGES
from macros.paths import REPO_ROOT

ROOT = REPO_ROOT
# (configuration, folder inside the site), one per language: the base edition first, at the root
# (its build empties the folder), then each other one from mkdocs.<code>.yml into <code>/.
EDITIONS = (("mkdocs.yml", ""), *((f"mkdocs.{lang}.yml", lang) for lang in LANGUAGES[1:]))


def build_command(config: str, site_dir: Path) -> list[str]:
    """`mkdocs build --strict` of one edition's configuration into site_dir: how every full build runs."""
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(ROOT / config),
        "--site-dir",
        str(site_dir),
    ]


def publish(site_dir: Path) -> int:
    """Build every edition into a staging folder and swap it in; the exit code of the first failure, else 0."""
    site_dir = site_dir.resolve()
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    try:
        for config, folder in EDITIONS:
            returncode = subprocess.run(build_command(config, staging / folder), cwd=ROOT).returncode
            if returncode:
                shown = site_dir.name + "/"
                print(
                    f"The {config} build failed (above): nothing was published; {shown} is as it was.", file=sys.stderr
                )
                return returncode
        _swap_in(staging, site_dir)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(staging: Path, site_dir: Path) -> None:
    # Two renames on one file system: site_dir is at every moment the old site, absent, or the new one.
    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
    if site_dir.exists():
        site_dir.rename(old / site_dir.name)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str]) -> int:
    """Publish into argv[0] (site/ by default)."""
    return publish(Path(argv[0]) if argv else ROOT / "site")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
