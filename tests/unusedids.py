"""Ids for tests that add or rename entities: free in the data at hand, whatever it holds."""

from __future__ import annotations

from pathlib import Path

import yaml


def used_ids(data: Path) -> set[str]:
    """Every id in a data folder: file names and the former ids they list."""
    used = {path.stem for path in data.glob("*/*.yml")}
    for path in data.glob("*/*.yml"):
        if "former_ids:" in (text := path.read_text(encoding="utf-8")):
            used |= set((yaml.safe_load(text) or {}).get("former_ids") or ())
    return used


def unused_id(data: Path, wanted: str) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`... : the first that no file or former id of the data uses."""
    used = used_ids(data)
    candidates = (wanted if n == 1 else f"{wanted}-{n}" for n in range(1, len(used) + 2))
    return next(c for c in candidates if c not in used)
