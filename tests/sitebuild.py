"""Builds the real site with MkDocs, in a subprocess, as `make build` does."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from macros.commands.publish import build_command
from macros.paths import REPO_ROOT

ROOT = REPO_ROOT
# The data the tests check: data/, or another folder (KB_DATA_DIR, as the build reads it), which is
# how the contribution drill runs the data's own tests on the data it changed.
DATA_DIR = Path(os.environ.get("KB_DATA_DIR") or ROOT / "data")
# The site already built from that data, when the caller has one (the contribution drill does).
BUILT_SITE_DIR = Path(os.environ["KB_SITE_DIR"]) if os.environ.get("KB_SITE_DIR") else None
# Set by `make unit`, which runs the tests not marked `site`: a build there is a test that lacks the mark.
NO_BUILDS = "KB_NO_SITE_BUILDS"


def refuse_under_make_unit() -> None:
    """Fail a test that builds a site under `make unit`, naming the mark it lacks."""
    if os.environ.get(NO_BUILDS):
        raise AssertionError(
            "this test builds a site: mark it @pytest.mark.site (make unit runs only tests that build none)"
        )


def build_site(
    site_dir: Path, *, data_dir: Path | None = None, config: str = "mkdocs.yml"
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` into site_dir, optionally on another data folder."""
    refuse_under_make_unit()
    env = dict(os.environ)
    if data_dir is not None:
        env["KB_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        build_command(config, site_dir),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def build_editions(site_dir: Path, *, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Both editions laid out as `make build` does: English in site_dir, Japanese in site_dir/ja."""
    english = build_site(site_dir, data_dir=data_dir)
    if english.returncode != 0:
        return english
    return build_site(site_dir / "ja", data_dir=data_dir, config="mkdocs.ja.yml")
