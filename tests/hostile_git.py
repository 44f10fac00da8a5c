"""Git repositories whose history and settings work against whoever reads them.

Settings a contributor may have (or an attacker may plant in a repository's own config) that change
what git prints: colour, diff prefixes, an external diff, relative paths, renames, the first
commit's diff left out, another log format and encoding. `hostile_environment` sets them for every
git the tests run, through a global config file and the environment's own `git -c` variables;
`make_hostile` also writes them into the repository's config.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

HOSTILE_SETTINGS = {
    "color.ui": "always",
    "color.diff": "always",
    "diff.noprefix": "true",
    "diff.mnemonicPrefix": "true",
    "diff.relative": "true",
    "diff.renames": "copies",
    "log.showRoot": "false",
    "log.decorate": "full",
    "log.abbrevCommit": "true",
    "log.date": "relative",
    "log.follow": "true",
    "core.quotePath": "true",
    "core.abbrev": "7",
    "format.pretty": "format:%s%x00forged",
    "i18n.logOutputEncoding": "UTF-16",
}


def hostile_environment(home: Path) -> dict[str, str]:
    """Environment variables under which every git the process runs reads the hostile settings."""
    external_diff = home / "external-diff"
    external_diff.write_text("#!/bin/sh\necho 'diff --git a/capabilities/forged.yml b/capabilities/forged.yml'\n")
    external_diff.chmod(0o755)
    global_config = home / "gitconfig"
    settings = {**HOSTILE_SETTINGS, "diff.external": str(external_diff)}
    global_config.write_text(_config_text(settings))
    environment = {"GIT_CONFIG_GLOBAL": str(global_config), "GIT_EXTERNAL_DIFF": str(external_diff), "GIT_PAGER": "cat"}
    environment["GIT_CONFIG_COUNT"] = str(len(settings))
    for index, (key, value) in enumerate(settings.items()):
        environment[f"GIT_CONFIG_KEY_{index}"] = key
        environment[f"GIT_CONFIG_VALUE_{index}"] = value
    return environment


def git(repo: Path, *args: str, date: str = "2024-01-02T03:04:05+00:00", input: bytes | None = None) -> bytes:
    """Run git in the repository with a fixed author and date, under git's default settings."""
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("GIT_CONFIG", "GIT_EXTERNAL")) and k != "GIT_PAGER"
    }
    environment |= {
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    return subprocess.run(
        ["git", "-C", str(repo), *args], env=environment, input=input, check=True, capture_output=True
    ).stdout


def commit_all(repo: Path, message: str | bytes, date: str) -> None:
    """Commit every change in the work tree, with a message of any bytes."""
    git(repo, "add", "-A")
    raw = message.encode("utf-8", "surrogatepass") if isinstance(message, str) else message
    git(
        repo,
        "commit",
        "-q",
        "--allow-empty",
        "--allow-empty-message",
        "--cleanup=verbatim",
        "--no-verify",
        "-F",
        "-",
        date=date,
        input=raw or b"-",
    )


def make_hostile(repo: Path) -> None:
    """Write the hostile settings into the repository's own config."""
    with (repo / ".git" / "config").open("a", encoding="utf-8") as config:
        config.write(_config_text(HOSTILE_SETTINGS))


def _config_text(settings: dict[str, str]) -> str:
    return "".join(f"[{k.rsplit('.', 1)[0]}]\n\t{k.rsplit('.', 1)[1]} = {v}\n" for k, v in settings.items())
