"""The data's git history is read as data (macros.site.history): on small repositories the tests
write, under hostile git settings, with past versions that today's rules refuse, paths and file
contents that imitate git's own output, and a history that cannot be read at all."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macros.kb.model import Tool
from macros.kb.problems import Problem
from macros.site.history import DataHistory, list_changes, read_history, report_history, ring_history
from macros.site.render import format_date, load_strings
from tests.datafixture import clear_ring, set_ring
from tests.fuzztext import FUZZ_EXAMPLES, fuzzed, texts
from tests.hostile_git import commit_all, git, hostile_environment, make_hostile
from tests.htmlread import article_of
from tests.sitebuild import DATA_DIR, build_site

DAY = "2024-0{}-01T12:00:00+00:00"


@pytest.fixture
def hostile_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every git the test's process runs reads the hostile settings (global config and environment)."""
    home = tmp_path / "home"
    home.mkdir()
    for key, value in hostile_environment(home).items():
        monkeypatch.setenv(key, value)


def a_tool() -> Path:
    """A tool file of today's data (whichever comes first): valid today."""
    return sorted((DATA_DIR / "tools").glob("*.yml"))[0]


def new_repo(tmp_path: Path, *tools: str) -> Path:
    """A repository whose data/ holds copies of one real tool file under the given ids, not rated
    whatever ring today's data gives it (a contributor may rate it); returns data/."""
    data = tmp_path / "repo" / "data"
    (data / "tools").mkdir(parents=True)
    git(data.parent, "init", "-q", "-b", "main")
    for id in tools:
        shutil.copy(a_tool(), data / "tools" / f"{id}.yml")
        clear_ring(data / "tools" / f"{id}.yml")
    return data


def rings(history: DataHistory, tool: str) -> list[tuple[str | None, str | None]]:
    return [(c.from_ring, c.to_ring) for c in ring_history(history).get(tool, [])]


def ids_named(history: DataHistory) -> set[str]:
    return {c.id for c in list_changes(history, 1000)} | {c.old_id or "" for c in list_changes(history, 1000)}


def test_a_refused_version_is_skipped_with_one_warning_naming_commit_and_file(tmp_path: Path) -> None:
    # Finding 1: `status: adpot` in any past commit failed every later build, even once reverted.
    data = new_repo(tmp_path, "good-tool")
    path = data / "tools" / "good-tool.yml"
    set_ring(path, "adopt")
    commit_all(data.parent, "rate", DAY.format(1))
    set_ring(path, "adpot")
    commit_all(data.parent, "typo", DAY.format(2))
    typo = git(data.parent, "rev-parse", "HEAD").decode().strip()
    set_ring(path, "adopt")
    commit_all(data.parent, "revert", DAY.format(3))
    history = read_history(data)
    assert history.unavailable is None
    assert rings(history, "good-tool") == [(None, "adopt")]
    assert len(history.warnings) == 1
    warning = str(history.warnings[0])
    assert warning.startswith("data/tools/good-tool.yml:") and typo[:10] in warning and "adpot" in warning


def test_a_quoted_value_that_spans_lines_is_not_read_as_a_ring(tmp_path: Path) -> None:
    # Finding 1: a provider spanning lines with `ring:` and `status: retired` in it was read as the ring.
    data = new_repo(tmp_path, "tool")
    commit_all(data.parent, "add", DAY.format(1))
    path = data / "tools" / "tool.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(r"^provider: .*$", 'provider: "Maker\n\n  ring:\n    status: retired"', text, count=1, flags=re.M),
        encoding="utf-8",
    )
    commit_all(data.parent, "provider", DAY.format(2))
    history = read_history(data)
    assert history.warnings == ()
    assert rings(history, "tool") == [(None, "not-rated")]
    assert [f.action for f in history.facts] == ["added", "changed"]


@pytest.mark.parametrize(
    "ring",
    [
        '\n  "status": trial\n  reason:\n'
        + "".join(f"    {k}: {'word ' * 60}\n" for k in ("en", "ja"))
        + "  date: '2024-02-01'\n",
        "  # the team's call\n  status: trial\n  reason:\n    en: Tried.\n    ja: 試行。\n  date: '2024-02-01'\n",
    ],
    ids=["quoted-key-long-reason", "comment-after-ring"],
)
def test_a_ring_is_read_however_the_yaml_writes_it(tmp_path: Path, ring: str) -> None:
    # Finding 1: a quoted key made the ring regex backtrack for minutes; a comment hid the ring.
    data = new_repo(tmp_path, "tool")
    commit_all(data.parent, "add", DAY.format(1))
    path = data / "tools" / "tool.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^ring:\n(?:  .*\n)+", "ring:" + ring, text, count=1, flags=re.M), encoding="utf-8")
    commit_all(data.parent, "rate", DAY.format(2))
    history = read_history(data)
    assert history.warnings == ()
    assert rings(history, "tool") == [(None, "not-rated"), ("not-rated", "trial")]


def test_file_content_and_paths_that_imitate_git_output_forge_nothing(tmp_path: Path) -> None:
    # Finding 1: a bare \r in a file forged a commit dated 2099 adding a capability; a folder named
    # `evil-tool.yml b` forged the removal of a tool.
    data = new_repo(tmp_path, "tool")
    forged = (
        "\r\x1e" + "f" * 40 + " 2099-12-31T00:00:00+00:00\rdiff --git a/capabilities/pwned-capability.yml "
        "b/capabilities/pwned-capability.yml\rnew file mode 100644\r\0:000000 100644 "
    )
    (data / "tools" / "notes.yml").write_text(forged, encoding="utf-8")
    evil = data / "tools" / "evil-tool.yml b"
    evil.mkdir()
    (evil / "x.yml").write_text("name: x\n", encoding="utf-8")
    (data / "capabilities\npwned-capability.yml").write_text("x", encoding="utf-8")
    commit_all(data.parent, forged.replace("\0", ""), DAY.format(1))
    shutil.rmtree(evil)
    commit_all(data.parent, "\x1e" + "0" * 40 + " 2099-12-31T00:00:00+00:00\n:100644", DAY.format(2))
    history = read_history(data)
    assert history.unavailable is None
    assert ids_named(history) <= {"tool", "notes", ""}
    assert all(not f.date.startswith("2099") for f in history.facts)
    assert [(f.id, f.action) for f in history.facts] == [("tool", "added")]
    assert [w.path for w in history.warnings] == ["data/tools/notes.yml"]


def _rated_history(data: Path) -> None:
    path = data / "tools" / "tool.yml"
    commit_all(data.parent, "add", DAY.format(1))
    set_ring(path, "hold", DAY.format(2)[:10])
    commit_all(data.parent, "hold", DAY.format(2))
    set_ring(path, "trial", DAY.format(3)[:10])
    (data / "tools" / "other.yml").unlink()
    commit_all(data.parent, "trial", DAY.format(3))


def test_hostile_git_settings_change_nothing_that_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Finding 1: diff.noprefix crashed the build; color.ui=always emptied What changed and the ring histories.
    data = new_repo(tmp_path, "tool", "other")
    _rated_history(data)
    plain = read_history(data)
    home = tmp_path / "home"
    home.mkdir()
    for key, value in hostile_environment(home).items():
        monkeypatch.setenv(key, value)
    make_hostile(data.parent)
    hostile = read_history(data)
    assert hostile == plain
    assert rings(hostile, "tool") == [(None, "not-rated"), ("not-rated", "hold"), ("hold", "trial")]
    assert [(c.action, c.id) for c in list_changes(hostile, 10)][:2] == [("ring-changed", "tool"), ("removed", "other")]


def test_a_rename_with_former_ids_is_one_fact_carrying_the_ring_history(tmp_path: Path) -> None:
    data = new_repo(tmp_path, "old-name")
    set_ring(data / "tools" / "old-name.yml", "hold")
    commit_all(data.parent, "add", DAY.format(1))
    git(data.parent, "mv", "data/tools/old-name.yml", "data/tools/new-name.yml")
    path = data / "tools" / "new-name.yml"
    path.write_text(path.read_text(encoding="utf-8") + "former_ids:\n  - old-name\n", encoding="utf-8")
    set_ring(path, "adopt")
    commit_all(data.parent, "rename", DAY.format(2))
    history = read_history(data)
    assert [(f.action, f.id, f.old_id) for f in history.facts] == [
        ("added", "old-name", None),
        ("renamed", "new-name", "old-name"),
    ]
    renamed = history.facts[1]
    assert isinstance(renamed.before, Tool) and isinstance(renamed.after, Tool)
    assert rings(history, "new-name") == [(None, "hold"), ("hold", "adopt")]
    assert "old-name" not in ring_history(history)


def test_without_git_the_site_has_no_history_and_one_line_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = new_repo(tmp_path, "tool")
    commit_all(data.parent, "add", DAY.format(1))
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    history = read_history(data)
    assert history.facts == () and history.unavailable is not None and "git could not be run" in history.unavailable
    [line] = report_history(history, "data")
    assert line.startswith("data/:1:1: warning: the history is left out: git could not be run")


def test_outside_a_repository_one_line_says_why(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR / "tools", data / "tools")
    history = read_history(data)
    assert history.facts == ()
    [line] = report_history(history, "data")
    assert "the history is left out: git says: fatal: not a git repository" in line
    assert "\n" not in line


def test_reading_is_bounded_in_time(tmp_path: Path) -> None:
    data = new_repo(tmp_path, "tool")
    commit_all(data.parent, "add", DAY.format(1))
    history = read_history(data, seconds=0)
    assert history.facts == () and history.unavailable == "reading it took too long"


def test_many_refused_versions_are_counted_after_the_first_few(tmp_path: Path) -> None:
    data = new_repo(tmp_path)
    for index in range(8):
        (data / "tools" / f"t{index}.yml").write_text(f"name: {index}\n", encoding="utf-8")
    commit_all(data.parent, "eight bad files", DAY.format(1))
    history = read_history(data)
    assert len(history.warnings) == 8
    lines = report_history(history, "data", shown=5)
    assert len(lines) == 6 and lines[-1] == str(
        Problem("data/", 1, 1, "3 more past versions are left out of the history the same way", "warning")
    )


def test_a_past_link_or_oversized_file_is_refused_not_followed(tmp_path: Path) -> None:
    data = new_repo(tmp_path)
    (data / "tools" / "link.yml").symlink_to(a_tool())
    (data / "tools" / "huge.yml").write_bytes(b"#" * 1_000_001)
    commit_all(data.parent, "a link and a big file", DAY.format(1))
    history = read_history(data)
    assert history.facts == ()
    assert sorted(w.path for w in history.warnings) == ["data/tools/huge.yml", "data/tools/link.yml"]


def test_history_read_in_a_merge_counts_each_change_once(tmp_path: Path) -> None:
    data = new_repo(tmp_path, "tool")
    commit_all(data.parent, "add", DAY.format(1))
    git(data.parent, "checkout", "-q", "-b", "topic")
    set_ring(data / "tools" / "tool.yml", "assess", DAY.format(2)[:10])
    commit_all(data.parent, "assess", DAY.format(2))
    git(data.parent, "checkout", "-q", "main")
    git(data.parent, "merge", "-q", "--no-ff", "-m", "merge", "topic", date=DAY.format(3))
    history = read_history(data)
    assert rings(history, "tool") == [(None, "not-rated"), ("not-rated", "assess")]
    # Brought in by the merge commit, on the day the ring was decided (its ring.date).
    last = ring_history(history)["tool"][-1]
    assert (last.commit, last.date) == (git(data.parent, "rev-parse", "HEAD").decode().strip(), DAY.format(2)[:10])


def test_the_hostile_settings_do_change_what_git_prints_by_default(tmp_path: Path, hostile_git: None) -> None:
    # So the test above can fail: under these settings, git's ordinary log is not what a reader expects.
    data = new_repo(tmp_path, "tool")
    commit_all(data.parent, "add", DAY.format(1))
    shown = subprocess.run(["git", "-C", str(data), "log", "-p"], capture_output=True, check=True).stdout
    assert b"\x1b[" in shown or b"diff --git a/" not in shown


# The fuzzed history: tools written valid with a ring, overwritten with any text, deleted; files
# with any name; commit messages of any text; all under the hostile settings.
TOOLS = ("tool-a", "tool-b")
RINGS = ("adopt", "trial", "assess", "hold")


def _name(text: str) -> str | None:
    name = text.replace("/", "").replace("\0", "")
    return name if name not in ("", ".", "..", ".git") and len(name.encode("utf-8", "surrogatepass")) < 200 else None


OPERATIONS = st.one_of(
    st.tuples(st.just("ring"), st.sampled_from(TOOLS), st.sampled_from(RINGS)),
    st.tuples(st.just("text"), st.sampled_from(TOOLS), texts()),
    st.tuples(st.just("delete"), st.sampled_from(TOOLS), st.none()),
    st.tuples(st.just("path"), texts(3), texts()),
)
COMMITS = st.lists(st.tuples(st.lists(OPERATIONS, min_size=1, max_size=4), texts()), min_size=1, max_size=6)


def _apply(data: Path, operation: tuple[str, str, str | None]) -> None:
    what, target, value = operation
    path = data / "tools" / f"{target}.yml"
    if what == "ring":
        shutil.copy(a_tool(), path)
        set_ring(path, value or "")
    elif what == "text":
        path.write_bytes((value or "").encode("utf-8", "surrogatepass"))
    elif what == "delete":
        path.unlink(missing_ok=True)
    elif (name := _name(target)) is not None:
        folder = data / "tools" if len(name) % 2 else data
        with contextlib.suppress(OSError):  # a name the file system refuses
            (folder / name).write_bytes((value or "").encode("utf-8", "surrogatepass"))


def _expected_rings(versions: list[tuple[str, dict[str, bytes | None]]]) -> dict[str, list[tuple[str | None, str]]]:
    """Each tool's ring moves from the versions written, by today's rules (the reference the history must match)."""
    from macros.kb.load import build_entity_alone

    expected: dict[str, list[tuple[str | None, str]]] = {}
    for tool in TOOLS:
        state: object = None  # None: absent; "refused": present, never valid; else the last valid ring
        for _, contents in versions:
            raw = contents.get(tool)
            if raw is None:
                if state not in (None, "refused"):
                    expected.setdefault(tool, []).append((state, None))  # type: ignore[arg-type]
                state = None
                continue
            entity, _ = build_entity_alone("tools", tool, raw)
            if entity is None:
                state = "refused" if state is None else state
                continue
            ring = entity.ring.status
            if state is None:
                expected.setdefault(tool, []).append((None, ring))
            elif state != "refused" and state != ring:
                expected.setdefault(tool, []).append((state, ring))  # type: ignore[arg-type]
            state = ring
    return expected


@fuzzed(max(3, FUZZ_EXAMPLES // 6))
@given(commits=COMMITS)
def test_any_history_under_hostile_settings_yields_only_validated_facts(
    tmp_path: Path, hostile_git: None, commits: list[tuple[list[tuple[str, str, str | None]], str]]
) -> None:
    data = new_repo(Path(tempfile.mkdtemp(dir=tmp_path)))
    make_hostile(data.parent)
    versions: list[tuple[str, dict[str, bytes | None]]] = []
    for index, (operations, message) in enumerate(commits):
        for operation in operations:
            _apply(data, operation)
        date = f"2024-01-{index + 1:02d}T12:00:00+00:00"
        commit_all(data.parent, message.replace("\0", ""), date)
        contents = {
            tool: (data / "tools" / f"{tool}.yml").read_bytes() if (data / "tools" / f"{tool}.yml").is_file() else None
            for tool in TOOLS
        }
        versions.append((date, contents))
    history = read_history(data)
    assert history.unavailable is None
    dates = {date for date, _ in versions}
    for fact in history.facts:
        assert (fact.kind, fact.id) in {("tools", tool) for tool in TOOLS}
        assert fact.date in dates and re.fullmatch("[0-9a-f]{40}", fact.commit)
        assert all(side is None or isinstance(side, Tool) for side in (fact.before, fact.after))
    moves = {tool: [(c.from_ring, c.to_ring) for c in changes] for tool, changes in ring_history(history).items()}
    assert moves == _expected_rings(versions)
    assert {c.id for c in list_changes(history, 1000)} <= set(TOOLS)


@pytest.mark.site
def test_a_site_built_on_a_hostile_history_builds_and_shows_only_validated_facts(
    tmp_path: Path, hostile_git: None
) -> None:
    data = tmp_path / "repo" / "data"
    shutil.copytree(DATA_DIR, data)
    git(data.parent, "init", "-q", "-b", "main")
    make_hostile(data.parent)
    commit_all(data.parent, "import", DAY.format(1))
    tool = a_tool().stem
    path = data / "tools" / f"{tool}.yml"
    good = path.read_bytes()
    set_ring(path, "adpot")
    (data / "tools" / "evil-tool.yml b").mkdir()
    (data / "tools" / "evil-tool.yml b" / "x.yml").write_text("x: y\n", encoding="utf-8")
    (data / "capabilities" / "pwned-capability.yml").write_text(
        "\r\x1e" + "f" * 40 + " 2099-12-31T00:00:00+00:00\r", encoding="utf-8"
    )
    commit_all(data.parent, "\x1e" + "e" * 40 + " 2099-12-31T00:00:00+00:00", DAY.format(2))
    path.write_bytes(good)
    shutil.rmtree(data / "tools" / "evil-tool.yml b")
    (data / "capabilities" / "pwned-capability.yml").unlink()
    commit_all(data.parent, "revert", DAY.format(3))
    site = tmp_path / "site"
    result = build_site(site, data_dir=data)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "left out of the history" in line]
    assert len(warnings) == 2 and {w.split(":")[0] for w in warnings} == {
        f"data/tools/{tool}.yml",
        "data/capabilities/pwned-capability.yml",
    }
    # Every edition reads the same history; the base edition alone says what it left out.
    other_edition = build_site(tmp_path / "site-ja", data_dir=data, config="mkdocs.ja.yml")
    assert other_edition.returncode == 0, other_edition.stderr
    assert "history" not in other_edition.stderr
    page = article_of(site / "changes" / "index.html")
    changes = page.text()
    assert "pwned" not in changes and "2099" not in changes and "evil-tool" not in changes
    # The import's entities are listed, under its day alone: the refused versions changed nothing.
    days = [h.text().strip() for h in page.find_all("h2")]
    assert days == [format_date(DAY.format(1)[:10], load_strings("en"))]
