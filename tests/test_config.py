"""The MkDocs configs themselves: YAML that MkDocs reads without complaint can still be wrong."""

from __future__ import annotations

import pytest
import yaml

from tests.sitebuild import ROOT


class _DuplicateKeyLoader(yaml.SafeLoader):
    """Fails on a key set twice in one mapping (PyYAML, and so MkDocs, keep the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        keys = [self.construct_object(key, deep=deep) for key, _value in node.value]
        twice = {k for k in keys if keys.count(k) > 1}
        if twice:
            raise AssertionError(f"line {node.start_mark.line + 1}: keys set twice: {sorted(twice)}")
        return super().construct_mapping(node, deep=deep)


_DuplicateKeyLoader.add_constructor("!ENV", lambda loader, node: None)
_DuplicateKeyLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@pytest.mark.parametrize("name", ["mkdocs.yml", "mkdocs.ja.yml"])
def test_config_sets_each_key_once(name: str) -> None:
    yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader=_DuplicateKeyLoader)
