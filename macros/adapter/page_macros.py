"""The macros that hand-written pages in docs/ call (mkdocs-macros' define_env lands here)."""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from macros.kb.load import current_knowledge_base
from macros.kb.model import KnowledgeBase
from macros.site.profiler_page import render_profiler
from macros.site.render import render_index, render_matrix
from macros.site.landscape import render_landscape, render_radar


def data_dir_of(config_file_path: str) -> Path:
    """The data folder: KB_DATA_DIR when set (tests, benchmarks), else data/ beside mkdocs.yml."""
    import os

    return Path(os.environ.get("KB_DATA_DIR") or Path(config_file_path).parent / "data")


_Macro = TypeVar("_Macro", bound=Callable[..., object])


def register_macros(env: Any) -> None:
    """Register matrix(), entity_index(), profiler() and count() for the pages that opt in to macros."""

    def knowledge_base() -> KnowledgeBase:
        # The hook's on_config has loaded and checked the data at the start of this build.
        result = current_knowledge_base(data_dir_of(env.conf.config_file_path))
        if result.knowledge_base is None:  # the adapter has already stopped the build with the report
            raise RuntimeError("the data has errors; run `make check`")
        return result.knowledge_base

    def lang() -> str:
        language: str = env.conf.theme.get("language", "en")
        return language

    def macro(function: _Macro) -> _Macro:
        # mkdocs-macros' own decorator is untyped: this one keeps each macro's signature.
        env.macro(function)
        return function

    @macro
    def matrix() -> str:
        """The characteristics × capabilities matrix."""
        return render_matrix(knowledge_base(), lang(), env.page.file.src_uri)

    @macro
    def entity_index(kind: str) -> str:
        """Every entity of a kind ('capabilities', 'characteristics', 'case-studies'), linked."""
        return render_index(knowledge_base(), kind, lang(), env.page.file.src_uri)

    @macro
    def profiler() -> str:
        """The use-case profiler: its form and plan, filled in the browser from api/v1/."""
        return render_profiler(knowledge_base(), lang(), env.page.file.src_uri)

    @macro
    def count(kind: str) -> int:
        """How many entities of a kind there are."""
        kb = knowledge_base()
        entities: dict[str, Mapping[str, object]] = {"capabilities": kb.capabilities, "characteristics": kb.characteristics,
                                                     "case-studies": kb.case_studies, "tools": kb.tools}
        return len(entities[kind])

    @macro
    def tools_landscape() -> str:
        """Every capability with the tools that provide it, filterable by kind and ring."""
        return render_landscape(knowledge_base(), lang(), env.page.file.src_uri)

    @macro
    def tools_radar() -> str:
        """The adoption radar of every tool."""
        return render_radar(knowledge_base(), lang(), env.page.file.src_uri, data_dir_of(env.conf.config_file_path))
