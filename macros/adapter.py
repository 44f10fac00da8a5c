"""MkDocs hook: validates data/ before anything is built and adds a generated page per entity.

This is the only module (with mkdocs-macros' entry point) that knows the site engine.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

# MkDocs loads hooks by file path, outside any package; make the `macros` package importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from macros.build import LoadResult, load_knowledge_base  # noqa: E402
from macros.macros_entry import data_dir_of  # noqa: E402
from macros.problems import format_report  # noqa: E402
from macros.render import render_entity_pages  # noqa: E402
from macros.schema import KINDS, SCHEMA_DIR  # noqa: E402


def _load(config: MkDocsConfig) -> LoadResult:
    return load_knowledge_base(data_dir_of(config.config_file_path))


def _no_git_info() -> dict:
    return {"status": False, "date": None}


# Before every other plugin: invalid data stops the build before anything is written.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # mkdocs-macros runs 13 `git` commands on every build and rebuild to offer {{ git.* }}, which
    # no page uses; on a small site they cost as much as our whole generator.
    import mkdocs_macros.context

    mkdocs_macros.context.get_git_info = _no_git_info
    result = _load(config)
    if not result.ok:
        print(format_report(result.problems, result.file_count), file=sys.stderr)
        raise Abort("The data has errors (listed above); nothing was built.")
    for problem in result.problems:
        print(problem, file=sys.stderr)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    kb = _load(config).knowledge_base
    assert kb is not None  # on_config stopped the build otherwise
    lang = config.theme.get("language", "en")
    for page in render_entity_pages(kb, lang):
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    # The schemas, published so editors and other tools can check data files.
    for name in ["common", *KINDS.values()]:
        path = SCHEMA_DIR / f"{name}.schema.json"
        files.append(File.generated(config, f"schemas/{path.name}", abs_src_path=str(path)))
    # The knowledge base and the rendered pages live until the build ends: frozen, Python's cycle
    # collector stops scanning them again at every collection while MkDocs builds the pages.
    gc.freeze()
    return files


def on_post_build(config: MkDocsConfig) -> None:
    gc.unfreeze()  # `make serve` builds again in this process; let the last build's objects go


def on_build_error(error: Exception) -> None:
    gc.unfreeze()
