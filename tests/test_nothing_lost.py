"""Nothing lost: the built HTML, read back into data, equals the knowledge base, field by field.

For the real data and for a seeded synthetic data set. And a file that fails to load fails the
whole build: no "skip it and publish the rest".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import write_synthetic_data
from macros.kb.load import build_knowledge_base
from macros.kb.model import KnowledgeBase
from tests.readback import read_site
from tests.sitebuild import build_site
from tests.siteinvariants import readback_differences

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, KnowledgeBase]:
    """A site built from 15 capabilities, 10 characteristics and 12 case studies of random text."""
    root = tmp_path_factory.mktemp("synthetic")
    data = write_synthetic_data(root / "data", seed=7, capabilities=15, characteristics=10, case_studies=12)
    result = build_site(root / "site", data_dir=data)
    assert result.returncode == 0, result.stderr
    kb = build_knowledge_base(data).knowledge_base
    assert kb is not None
    return root / "site", kb


def test_real_site_shows_every_entity_field_and_recommendation(site_dir: Path, kb: KnowledgeBase) -> None:
    assert readback_differences(site_dir, kb) == []


def test_synthetic_site_shows_every_entity_field_and_recommendation(synthetic: tuple[Path, KnowledgeBase]) -> None:
    assert readback_differences(*synthetic) == []


def test_readback_counts_match_the_data(site_dir: Path, kb: KnowledgeBase) -> None:
    # Guards the reader itself: it found every page and every matrix mark, not an empty site.
    got: dict[str, Any] = read_site(site_dir)
    assert len(got["capabilities"]) == len(kb.capabilities) > 0
    assert len(got["characteristics"]) == len(kb.characteristics) > 0
    assert len(got["case-studies"]) == len(kb.case_studies) > 0
    assert len(got["matrix"]) == sum(len(c.recommendations) for c in kb.characteristics.values()) > 0


def test_a_file_that_fails_to_load_fails_the_build(tmp_path: Path) -> None:
    data = write_synthetic_data(tmp_path / "data", seed=1)
    (data / "capabilities/cap-2.yml").write_bytes(b"name: \xff\n")
    site = tmp_path / "site"
    result = build_site(site, data_dir=data)
    assert result.returncode != 0
    assert "data/capabilities/cap-2.yml:1:7: the file is not UTF-8 text (save it as UTF-8)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "index.html").exists()
