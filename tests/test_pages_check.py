"""The publishing workflow's check: a private repository's site never goes to GitHub Pages that
everyone can read unless it is declared public; what GitHub's API cannot tell counts as public."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from macros.commands.pages_check import pages_verdict
from tests.sitebuild import ROOT

# Finding 6: the workflow deployed to GitHub Pages without looking at who could read the result.
CASES = [
    # (repository visibility, Pages' "public", declared public, may deploy)
    ("private", True, False, False),
    ("internal", True, False, False),
    ("private", None, False, False),  # Pages' visibility unknown
    (None, True, False, False),  # the repository could not be read
    ("private", False, False, True),  # private Pages (GitHub Enterprise Cloud)
    ("public", True, False, True),
    ("private", True, True, True),  # declared public
]


@pytest.mark.parametrize(("visibility", "public_pages", "declared", "deploys"), CASES)
def test_a_private_repository_deploys_only_to_private_pages_unless_declared_public(
    visibility: str | None, public_pages: bool | None, declared: bool, deploys: bool
) -> None:
    repository = {} if visibility is None else {"visibility": visibility}
    pages = {} if public_pages is None else {"public": public_pages}
    verdict = pages_verdict(repository, pages, declared=declared)
    assert (verdict is None) is deploys
    if verdict:
        assert "Visibility > Private" in verdict and "HARDENING.md" in verdict and "KB_PUBLIC=1" in verdict


def _check(tmp_path: Path, repository: object, pages: str, **environment: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "repository.json").write_text(json.dumps(repository), encoding="utf-8")
    (tmp_path / "pages.json").write_text(pages, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", **environment}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "macros.commands.pages_check",
            str(tmp_path / "repository.json"),
            str(tmp_path / "pages.json"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_the_command_refuses_on_what_github_reports_and_reads_kb_public(tmp_path: Path) -> None:
    refused = _check(tmp_path, {"visibility": "private"}, '{"public": true, "html_url": "https://o.github.io/r/"}')
    assert refused.returncode == 1 and refused.stderr.startswith("Not deployed: the repository is private")
    assert _check(tmp_path, {"visibility": "private"}, '{"public": true}', KB_PUBLIC="1").returncode == 0
    # An error page or nothing at all in place of an answer: who may read it is unknown.
    assert _check(tmp_path, {"visibility": "private"}, '{"message": "Not Found"}').returncode == 1
    assert _check(tmp_path, ["not", "an", "object"], "not json").returncode == 1


def test_the_workflow_runs_the_check_before_it_builds_and_uploads() -> None:
    steps = (ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    assert steps.index("macros.commands.pages_check") < steps.index("make build") < steps.index("upload-pages-artifact")
