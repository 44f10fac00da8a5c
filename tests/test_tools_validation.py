"""Bad tool files are reported at their place, with a hint, as every other kind of file is."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from macros.kb.load import build_knowledge_base
from tests.conftest import DATA_DIR

GOOD = """\
name: {en: Example, ja: Example}
kind: open-source
provider: Example project
homepage: https://example.org/
licence: MIT
provides:
  - capability: model-serving
    functions: [serving-runtimes]
ring:
  status: assess
  reason: {en: Not rated yet., ja: 未評価です。}
  date: 2026-11-26
sources:
  - https://example.org/docs/
status: maintained
checked: '2026-11-26'
"""

# A ring decided tomorrow: not yet decided.
TOMORROW = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data without its tools (nor the systems, which name them), so each test adds exactly one tool file."""
    data = tmp_path_factory.mktemp("kb") / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("tools", "systems"))
    (data / "tools").mkdir()
    return data


def problems_for(data: Path, text: str) -> list[str]:
    path = data / "tools" / "example.yml"
    path.write_text(text, encoding="utf-8")
    try:
        return [str(p) for p in build_knowledge_base(data).problems if p.severity == "error"]
    finally:
        path.unlink()


def test_a_good_tool_file_passes(data_copy: Path) -> None:
    assert problems_for(data_copy, GOOD) == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "capability: model-serving",
            "capability: model-servng",
            "data/tools/example.yml:7:17: provides[0].capability: unknown capability 'model-servng' (did you mean 'model-serving' or 'model-training'?)",
        ),
        (
            "[serving-runtimes]",
            "[serving-runtimes, request-loging]",
            "data/tools/example.yml:8:35: provides[0].functions[1]: capability 'model-serving' has no function 'request-loging' (did you mean 'request-logging'?)",
        ),
        (
            "date: 2026-11-26",
            "date: 2026-02-30",
            "data/tools/example.yml:12:9: ring.date: '2026-02-30' is not a calendar date (write it as YYYY-MM-DD)",
        ),
        (
            "status: assess",
            "status: adopted",
            "data/tools/example.yml:10:11: ring.status: 'adopted' is not allowed (did you mean 'adopt'?)",
        ),
        (
            "homepage: https://example.org/",
            "homepage: http://example.org/",
            "data/tools/example.yml:4:11: homepage: 'http://example.org/' is not valid (An https:// address, as a link holds it: { } [ ] | ^ and a lone % written %-escaped (%7B))",
        ),
        (
            "licence: MIT\n",
            "",
            "data/tools/example.yml:1:1: missing field 'licence' (an open-source or source-available tool names its licence by SPDX identifier, e.g. licence: Apache-2.0)",
        ),
        (
            "kind: open-source",
            "kind: managed-service",
            "data/tools/example.yml:5:1: licence: field 'licence' is not allowed here (only an open-source or source-available tool has a licence here; remove it, or set kind: open-source or kind: source-available)",
        ),
        (
            "kind: open-source\nprovider: Example project\nhomepage: https://example.org/\nlicence: MIT\n",
            "kind: source-available\nprovider: Example project\nhomepage: https://example.org/\n",
            "data/tools/example.yml:1:1: missing field 'licence' (an open-source or source-available tool names its licence by SPDX identifier, e.g. licence: Apache-2.0)",
        ),
        (
            "sources:\n  - https://example.org/docs/\n",
            "",
            "data/tools/example.yml:1:1: missing field 'sources' (The pages of the tool's own documentation that the mapping was checked against)",
        ),
        (
            "kind: open-source",
            "kind: saas",
            "data/tools/example.yml:2:7: kind: 'saas' is not allowed (expected one of 'commercial', 'managed-service', 'open-source', 'source-available')",
        ),
        (
            "  reason: {en: Not rated yet., ja: 未評価です。}\n",
            "",
            "data/tools/example.yml:10:3: ring: missing field 'reason' (a ring set by the platform team says why, in en and ja)",
        ),
        (
            "  date: 2026-11-26\n",
            "",
            "data/tools/example.yml:10:3: ring: missing field 'date' (a ring set by the platform team says when it was set, YYYY-MM-DD)",
        ),
        (
            "status: assess\n  reason: {en: Not rated yet., ja: 未評価です。}\n",
            "status: not-rated\n",
            "data/tools/example.yml:11:3: ring.date: field 'date' is not allowed here (a tool that is not rated has no date; set a ring to give one)",
        ),
        (
            "date: 2026-11-26",
            f"date: {TOMORROW}",
            f"data/tools/example.yml:12:9: ring.date: '{TOMORROW}' is in the future (the day the platform team decided the ring, at the latest today)",
        ),
    ],
    ids=[
        "unknown-capability",
        "unknown-function",
        "impossible-date",
        "unknown-ring",
        "http-homepage",
        "open-source-without-licence",
        "licence-on-managed-service",
        "source-available-without-licence",
        "no-sources",
        "unknown-kind",
        "ring-without-reason",
        "ring-without-date",
        "not-rated-with-a-date",
        "ring-in-the-future",
    ],
)
def test_each_rule_reports_its_exact_message(data_copy: Path, old: str, new: str, message: str) -> None:
    assert old in GOOD
    assert problems_for(data_copy, GOOD.replace(old, new)) == [message]


def test_a_source_available_tool_names_its_licence_as_open_source_does(data_copy: Path) -> None:
    source_available = GOOD.replace("kind: open-source", "kind: source-available").replace("MIT", "Elastic-2.0")
    assert problems_for(data_copy, source_available) == []


def test_a_capability_listed_twice_is_reported_at_the_second(data_copy: Path) -> None:
    twice = GOOD.replace("ring:", "  - capability: model-serving\n    functions: [request-logging]\nring:")
    assert problems_for(data_copy, twice) == [
        "data/tools/example.yml:9:17: provides[1].capability: 'model-serving' is already listed in provides[0] (merge the two)"
    ]
