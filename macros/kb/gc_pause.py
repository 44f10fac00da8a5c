"""Python's cycle collector held off while a step allocates much and leaves no cycles behind."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Loading thousands of data files allocates millions of objects that stay alive; the collector
    would scan the growing heap again and again for cycles that loading does not make."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
