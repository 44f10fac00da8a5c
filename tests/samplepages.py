"""One page of each kind for the browser tests to visit, picked from the data when the tests are collected.

A capability and a characteristic the source post names (followed through former_ids); the first
case study and tool of the data. So a contribution that adds, renames or removes entities never
leaves a test visiting a page that is gone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.datafixture import knowledge_base
from tests.sourcefacts import COMBINED_EXAMPLE_CHARACTERISTICS, current

if TYPE_CHECKING:
    from playwright.sync_api import Page

KB = knowledge_base()
assert KB is not None, "data/ has problems: `make check` lists them"

# Batch serving recommends the model registry, in the source post.
CAPABILITY_ID = current(KB.capabilities, "model-registry")
CHARACTERISTIC_ID = current(KB.characteristics, "batch-serving")
CAPABILITY = f"capabilities/{CAPABILITY_ID}/"
CHARACTERISTIC = f"characteristics/{CHARACTERISTIC_ID}/"
CASE_STUDY = f"case-studies/{next(iter(KB.case_studies))}/"
TOOL = f"tools/{next(iter(KB.tools))}/"
# Systems may all be removed (the samples are meant to be): then no system page is visited.
SYSTEM = next((f"systems/{id}/" for id in KB.systems), None)
PLAN = "profiler/#" + "+".join(current(KB.characteristics, c) for c in COMBINED_EXAMPLE_CHARACTERISTICS)

# The pages whose scripts fetch what they show once loaded: profiler.js's data (the profiler, and the
# matrix's plan in place). Elsewhere all that is shown is in by "load" (a 404 page's tests wait for its own).
_FETCHING = ("profiler/", "matrix/")


def wait_until_shown(page: Page, path: str) -> None:
    """Wait until the page at `path` (a site path, any edition) shows what it shows: until "load", and
    until the network is quiet on a page that fetches after loading (networkidle costs half a second)."""
    fetches = path.partition("#")[0].partition("?")[0].endswith(_FETCHING)
    page.wait_for_load_state("networkidle" if fetches else "load")
