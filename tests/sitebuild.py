"""Builds the real site with MkDocs, in a subprocess, as `make build` does; and shares each build
between the tests of a session (SharedBuilds: ask it for a site rather than building one)."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
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
    site_dir: Path, *, data_dir: Path | None = None, config: str = "mkdocs.yml", env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` into site_dir, optionally on another data folder and with more variables set."""
    refuse_under_make_unit()
    env = {**os.environ, **(env or {})}
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


# Writes a data folder into the folder it is given and returns the data folder.
DataWriter = Callable[[Path], Path]


@dataclass(frozen=True)
class BuiltSite:
    """One shared build: the site (English at its root; Japanese in ja/ when built with editions) and its data."""

    site: Path
    data: Path
    kb_data: Path | None  # None: the real data/ (KB_DATA_DIR when set)


@dataclass
class SharedBuilds:
    """Every distinct site of a test session built once, keyed by the name of its data variant.

    A variant is what a site is built from: its data (written by a DataWriter, or the real data)
    and the environment that changes its pages. Two tests that ask for the same variant get the
    same folders; a test must not change them (copy the site first if it does). The tests' worker
    processes (`make test` runs pytest-xdist) share `root`: the first to ask builds, holding the
    variant's lock, and the others wait for it and read the same folders.
    """

    root: Path
    _writers: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = field(default_factory=dict)
    _built: dict[tuple[str, bool], BuiltSite] = field(default_factory=dict)

    def site(
        self,
        variant: str,
        write_data: DataWriter | None = None,
        *,
        editions: bool = False,
        env: Mapping[str, str] | None = None,
    ) -> BuiltSite:
        """The site of `variant` (English only, or with editions=True both as `make build` lays them out)."""
        identity = (_name_of(write_data), tuple(sorted((env or {}).items())))
        if self._writers.setdefault(variant, identity) != identity:
            raise AssertionError(
                f"shared build {variant!r} asked for with other data or settings: name the variant anew"
            )
        if (variant, editions) not in self._built:
            self._built[variant, editions] = self._build_once(variant, write_data, editions, env or {})
        return self._built[variant, editions]

    def _build_once(
        self, variant: str, write_data: DataWriter | None, editions: bool, env: Mapping[str, str]
    ) -> BuiltSite:
        """Build under the variant's lock unless another worker has; what was built is kept in a stamp."""
        name = f"{variant}.{'editions' if editions else 'site'}"
        stamp = self.root / f"{name}.built.json"
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / f"{name}.lock", "w") as lock:
            # Held until the build is done; an editions build takes its English build's lock inside
            # its own, never the other way round, so no two workers wait for each other.
            fcntl.flock(lock, fcntl.LOCK_EX)
            if stamp.exists():
                return _read_stamp(stamp)
            built = self._build(variant, write_data, editions, env)
            stamp.write_text(json.dumps({key: str(path) for key, path in asdict(built).items() if path}))
            return built

    def _build(self, variant: str, write_data: DataWriter | None, editions: bool, env: Mapping[str, str]) -> BuiltSite:
        folder = self.root / variant
        if editions:
            # The English edition is the one already built (or built now), copied: built once.
            english = self.site(variant, write_data, env=env)
            shutil.rmtree(folder / "editions", ignore_errors=True)  # what a failed attempt left
            shutil.copytree(english.site, folder / "editions")
            result = build_site(folder / "editions" / "ja", data_dir=english.kb_data, config="mkdocs.ja.yml", env=env)
            assert result.returncode == 0, result.stderr
            return BuiltSite(folder / "editions", english.data, english.kb_data)
        shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
        folder.mkdir()
        kb_data = write_data(folder) if write_data else None
        result = build_site(folder / "site", data_dir=kb_data, env=env)
        assert result.returncode == 0, result.stderr
        return BuiltSite(folder / "site", kb_data or DATA_DIR, kb_data)


def _read_stamp(stamp: Path) -> BuiltSite:
    paths = json.loads(stamp.read_text())
    return BuiltSite(Path(paths["site"]), Path(paths["data"]), Path(paths["kb_data"]) if "kb_data" in paths else None)


def _name_of(write_data: DataWriter | None) -> str:
    if write_data is None:
        return ""
    return f"{getattr(write_data, '__module__', '')}.{getattr(write_data, '__qualname__', repr(write_data))}"
