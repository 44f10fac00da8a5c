"""A temporary git repository holding a copy of data/, with a history of known dates.

Three commits: the import, a case study renamed (with its former id), then a capability edited
and a recommendation withdrawn. Tests compare the site against `git log` in this repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.sitebuild import ROOT

REPO_URL = "https://github.com/example/mlops-kb"
OLD_CASE, NEW_CASE = "daily-fraud-detection", "daily-fraud-scoring"


def git(repo: Path, *args: str, date: str | None = None) -> str:
    """Run git in the repository (with a fixed author and, when given, a fixed date)."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True, text=True).stdout


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_history_repo(repo: Path) -> Path:
    """Create the repository and return its data folder."""
    data = repo / "data"
    shutil.copytree(ROOT / "data", data)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Import the data", date="2024-01-02T03:04:05+00:00")

    git(repo, "mv", f"data/case-studies/{OLD_CASE}.yml", f"data/case-studies/{NEW_CASE}.yml")
    _edit(data / "case-studies" / f"{NEW_CASE}.yml", "source:\n", f"former_ids: [{OLD_CASE}]\nsource:\n")
    _edit(data / "characteristics" / "frequent-retraining.yml", f"example: {OLD_CASE}", f"example: {NEW_CASE}")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Rename a case study", date="2024-03-04T10:00:00+00:00")

    _edit(data / "capabilities" / "model-registry.yml", "Central catalog", "The central catalog")
    batch = data / "characteristics" / "batch-serving.yml"
    text = batch.read_text(encoding="utf-8")
    start = text.index("  - capability: model-registry\n")
    end = text.index("  - capability:", start + 1)
    batch.write_text(text[:start] + text[end:], encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Edit the model registry; batch serving no longer calls for it",
        date="2024-05-06T07:08:09+00:00")
    return data
