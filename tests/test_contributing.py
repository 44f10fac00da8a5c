"""The contributor's tooling: the generated field reference, the CI workflows, pre-commit and yamllint."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from macros.commands.fields import CONTRIBUTING, END, START, render_reference, splice
from macros.kb.kinds import KINDS
from macros.kb.schemas import load_schema
from tests.sitebuild import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def test_field_reference_in_contributing_equals_the_schemas() -> None:
    current = CONTRIBUTING.read_text(encoding="utf-8")
    assert splice(current, render_reference()) == current, (
        "CONTRIBUTING.md's field reference is stale: run `make fields`"
    )


def test_field_reference_names_every_field_of_every_schema() -> None:
    section = CONTRIBUTING.read_text(encoding="utf-8").partition(START)[2].partition(END)[0]
    for folder, kind in KINDS.items():
        assert f"`data/{folder}/<id>.yml`" in section
        for field in load_schema(kind.schema)["properties"]:
            assert f"| `{field}` |" in section, (folder, field)


def test_field_reference_calls_every_list_a_list() -> None:
    # A list of addresses shown as "text" sent contributors to write one address, not a list.
    section = CONTRIBUTING.read_text(encoding="utf-8").partition(START)[2].partition(END)[0]
    for folder, kind in KINDS.items():
        table = section.partition(f"`data/{folder}/<id>.yml`")[2].partition("\n### ")[0]
        shapes = {
            cells[0]: cells[2]
            for line in table.splitlines()
            if line.startswith("| `")
            for cells in [[c.strip() for c in line.strip("|").split("|")]]
        }
        for field, prop in load_schema(kind.schema)["properties"].items():
            if prop.get("type") == "array":
                assert shapes[f"`{field}`"].startswith("a list"), (folder, field, shapes[f"`{field}`"])


def test_workflow_files_pass_actionlint() -> None:
    assert WORKFLOWS
    result = subprocess.run(
        [str(BIN / "actionlint"), "-no-color", "-oneline", *map(str, WORKFLOWS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text((ROOT / ".github/workflows/pull-request.yml").read_text().replace("fetch-depth", "fetch-dept"))
    result = subprocess.run(
        [str(BIN / "actionlint"), "-no-color", "-oneline", str(broken)], capture_output=True, text=True
    )
    assert result.returncode == 1 and 'input "fetch-dept" is not defined' in result.stdout


def _steps(workflow: str) -> list[dict]:
    jobs = yaml.safe_load((ROOT / ".github/workflows" / workflow).read_text())["jobs"]
    return [step for job in jobs.values() for step in job["steps"]]


def test_pull_requests_check_test_build_and_attach_the_site() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text())
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as True
    steps = _steps("pull-request.yml")
    runs = [step.get("run") for step in steps]
    assert runs.index("make check") < runs.index("make test") < runs.index("make build")
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # history for "last updated" and the changes page


def test_main_is_deployed_to_github_pages() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text())
    assert workflow[True]["push"]["branches"] == ["main"]
    uses = [step.get("uses", "") for step in _steps("publish.yml")]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert "make build" in [step.get("run") for step in _steps("publish.yml")]


def test_data_passes_yamllint_with_the_project_config() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "yamllint",
            "-f",
            "parsable",
            "-c",
            ".yamllint.yml",
            "data",
            "macros/commands/scaffolds",
            ".github",
            ".pre-commit-config.yaml",
            ".yamllint.yml",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_yamllint_reports_a_tab(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("name:\n\ten: x\n")
    result = subprocess.run(
        [sys.executable, "-m", "yamllint", "-f", "parsable", "-c", str(ROOT / ".yamllint.yml"), str(bad)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "syntax error" in result.stdout


def test_pre_commit_runs_every_hook_locally_from_the_pinned_virtualenv() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    # Nothing fetched from the network: every hook is local and runs a make target (which makes .venv).
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {id: hook["entry"] for id, hook in hooks.items()} == {
        "data-check": "make check",
        "json-schema": "make schemas",
        "field-reference": "make fields-check",
        "yamllint": "make yamllint",
        "lint": "make lint",
    }
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(), re.M))
    assert {hook["entry"].split()[1] for hook in hooks.values()} <= targets


def test_make_lint_runs_only_pinned_linters_and_make_test_runs_it_first() -> None:
    lint = subprocess.run(["make", "-s", "-n", "lint"], cwd=ROOT, capture_output=True, text=True)
    tools = set(re.findall(r"^\.venv/bin/([a-z]+)\b", lint.stdout, re.M)) - {"python"}  # python: the pip install
    assert {"ruff", "mypy", "oxlint"} <= tools, lint.stdout + lint.stderr
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", (ROOT / "requirements-test.txt").read_text(), re.M))
    assert tools <= set(pins), f"unpinned linters: {sorted(tools - set(pins))}"
    test = subprocess.run(["make", "-s", "-n", "test"], cwd=ROOT, capture_output=True, text=True).stdout
    assert test.index("ruff check") < test.index("-m pytest"), test


def test_the_linters_apply_the_project_rules(tmp_path: Path) -> None:
    # A zip() that does not say whether its lengths must match (bugbear), and a loose comparison.
    (tmp_path / "pairs.py").write_text("def pairs(a: list[int], b: list[int]) -> object:\n    return list(zip(a, b))\n")
    tools = Path(sys.executable).parent  # the linters are installed beside the interpreter running the tests
    ruff = subprocess.run(
        [
            str(tools / "ruff"),
            "check",
            "--config",
            str(ROOT / "pyproject.toml"),
            "--no-cache",
            "--output-format",
            "concise",
            str(tmp_path / "pairs.py"),
        ],
        capture_output=True,
        text=True,
    )
    assert ruff.returncode == 1 and "B905" in ruff.stdout, ruff.stdout + ruff.stderr
    (tmp_path / "loose.js").write_text("export function same(a, b) { return a == b; }\n")
    oxlint = subprocess.run(
        [str(tools / "oxlint"), "-c", str(ROOT / ".oxlintrc.json"), "--deny-warnings", str(tmp_path / "loose.js")],
        capture_output=True,
        text=True,
    )
    assert oxlint.returncode == 1 and "eqeqeq" in oxlint.stdout, oxlint.stdout + oxlint.stderr


def test_make_yamllint_uses_the_project_config() -> None:
    result = subprocess.run(["make", "-s", "-n", "yamllint"], cwd=ROOT, capture_output=True, text=True)
    assert "yamllint -c .yamllint.yml" in result.stdout, result.stdout + result.stderr


def test_schema_check_passes_and_names_a_bad_file(tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "macros.commands.check_schemas"], cwd=ROOT, capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stderr
    bad = tmp_path / "data" / "tags" / "broken.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("name: {en: A}\ngroup: stage\ndescription: {en: B, ja: C}\n")
    result = subprocess.run(
        [sys.executable, "-m", "macros.commands.check_schemas", str(bad)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "data/tags/broken.yml:1:7: name.ja: missing Japanese text (add 'ja: ...')" in result.stderr
