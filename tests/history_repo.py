"""A temporary git repository holding a copy of data/, with a history of known dates.

Three commits: the import, a case study renamed (with its former id), then a capability edited
and a recommendation withdrawn. The entities they touch are picked from the data at run time, so
any data that passes `make check` makes this history. Tests compare the site against `git log`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from macros.kb.load import build_knowledge_base
from tests.datafixture import add_former_id
from tests.sitebuild import DATA_DIR
from tests.unusedids import unused_id

REPO_URL = "https://github.com/example/mlops-kb"
IMPORT_DATE = "2024-01-02T03:04:05+00:00"
RENAME_DATE = "2024-03-04T10:00:00+00:00"
EDIT_DATE = "2024-05-06T07:08:09+00:00"


@dataclass(frozen=True)
class History:
    """What the history did, by id: the tests' expectations."""

    data: Path
    old_case: str  # renamed in the second commit to new_case, the example of `characteristic_of_case`
    new_case: str
    case_title: str
    characteristic_of_case: str
    edited_capability: str  # edited in the third commit, not a change the changes page lists
    withdrawn_from: str  # a characteristic that no longer recommends `withdrawn` after the third commit
    withdrawn_from_name: str
    withdrawn: str
    withdrawn_name: str


def git(repo: Path, *args: str, date: str | None = None) -> str:
    """Run git in the repository (with a fixed author and, when given, a fixed date)."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True, text=True).stdout


def _replace_line(path: Path, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines, (path, old)
    lines[lines.index(old)] = new
    path.write_text("".join(lines), encoding="utf-8")


def _without_recommendation(text: str, capability: str) -> str:
    """A characteristic file's text without its recommendation of one capability (the entry's lines)."""
    lines = text.splitlines(keepends=True)
    start = lines.index(f"  - capability: {capability}\n")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    return "".join(lines[:start] + lines[end:])


def build_history_repo(repo: Path) -> History:
    """Create the repository and return what its history did."""
    data = repo / "data"
    shutil.copytree(DATA_DIR, data)
    kb = build_knowledge_base(data).knowledge_base
    assert kb is not None
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Import the data", date=IMPORT_DATE)

    characteristic = next(iter(kb.characteristics.values()))
    old_case = characteristic.example
    new_case = unused_id(data, old_case + "-renamed")
    git(repo, "mv", f"data/case-studies/{old_case}.yml", f"data/case-studies/{new_case}.yml")
    add_former_id(data / "case-studies" / f"{new_case}.yml", old_case)
    for char in kb.characteristics.values():
        if char.example == old_case:
            _replace_line(
                data / "characteristics" / f"{char.id}.yml", f"example: {old_case}\n", f"example: {new_case}\n"
            )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Rename a case study", date=RENAME_DATE)

    capability = next(iter(kb.capabilities))
    with (data / "capabilities" / f"{capability}.yml").open("a", encoding="utf-8") as file:
        file.write("# edited\n")
    withdrawn_from = next(c for c in kb.characteristics.values() if len(c.recommendations) > 1)
    withdrawn = withdrawn_from.recommendations[0].capability
    path = data / "characteristics" / f"{withdrawn_from.id}.yml"
    path.write_text(_without_recommendation(path.read_text(encoding="utf-8"), withdrawn), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Edit a capability; a characteristic no longer calls for another", date=EDIT_DATE)
    return History(
        data,
        old_case,
        new_case,
        kb.case_studies[old_case].title.en,
        characteristic.id,
        capability,
        withdrawn_from.id,
        withdrawn_from.name.en,
        withdrawn,
        kb.capabilities[withdrawn].name.en,
    )
