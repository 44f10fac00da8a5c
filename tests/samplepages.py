"""One page of each kind for the browser tests to visit, picked from the data when the tests are collected.

A capability and a characteristic the source post names (followed through former_ids); the first
case study and tool of the data. So a contribution that adds, renames or removes entities never
leaves a test visiting a page that is gone.
"""

from __future__ import annotations

from tests.datafixture import knowledge_base
from tests.sourcefacts import COMBINED_EXAMPLE_CHARACTERISTICS, current

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
