"""The site's search index read back whole: Material's config and every entry, in page order, put
together from the fragments the site publishes (search/kb/): what Material's whole index held."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any


def whole_search_index(site: Path) -> dict[str, Any]:
    """The whole index of a built site (its search/ folder read from disk)."""
    return whole_index_from(lambda path: (site / "search" / path).read_bytes())


def whole_index_from(read: Callable[[str], bytes]) -> dict[str, Any]:
    """The whole index, from read(path under search/) -> that file's bytes (from disk or a server)."""
    table = json.loads(read("kb/index.json"))
    config = {key: value for key, value in table["config"].items() if key != "kb"}
    pages = len(table["config"]["kb"]["starts"])
    docs = [doc for number in range(pages) for doc in json.loads(read(f"kb/p/{number}.json"))]
    return {"config": config, "docs": docs}
