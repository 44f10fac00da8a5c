"""The static floor: our site's pages written out as plain Markdown, built by MkDocs alone.

MkDocs itself runs our hook and macros once (the same calls a build makes), and every page they
produce is saved as a file: generated entity pages in their Markdown form (KB_PAGES_AS_MARKDOWN;
our build hands them over as HTML), hand-written pages with their macros already expanded. A config without our hook and the macros plugin then builds the same
pages with the same theme, extensions and nav, so the difference in build time is what our
generator costs.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import File, get_files
from mkdocs.structure.pages import Page
from mkdocs.utils.yaml import yaml_load

from macros.site.render import load_strings

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"


def write_static_docs(dest: Path, data_dir: Path) -> int:
    """Every page of the site built from data_dir, as files under dest; returns how many files."""
    with _data_dir(data_dir):
        config = load_config(str(CONFIG), site_dir=str(dest.parent / "unused-site"))
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        shutil.copytree(config.docs_dir, dest, dirs_exist_ok=True)
        for file in files:
            if file.generated_by and not file.is_documentation_page():
                _write_bytes(dest / file.src_uri, file.content_bytes)
            elif file.is_documentation_page():  # generated pages too: the hook gives their metadata as it reads them
                _write(dest / file.src_uri, _expand_macros(file, config, files))
    return sum(1 for path in dest.rglob("*") if path.is_file())


def write_static_config(dest: Path, docs_dir: Path) -> Path:
    """Our mkdocs.yml without our hook and the macros plugin, building docs_dir; returns its path."""
    return _write_config(dest, docs_dir, _static_settings)


def write_empty_site(dest: Path) -> Path:
    """An empty site (one page) with our theme settings: MkDocs and Material's start-up cost."""
    docs = dest / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Empty\n", encoding="utf-8")
    return _write_config(dest / "mkdocs.yml", docs, _empty_settings)


@contextmanager
def _data_dir(data_dir: Path) -> Iterator[None]:
    # The hook and macros read KB_DATA_DIR, as in every build the benchmark times; the generated
    # pages are asked for as Markdown, which the floor's MkDocs converts.
    settings = {"KB_DATA_DIR": str(data_dir.resolve()), "KB_PAGES_AS_MARKDOWN": "1"}
    before = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value


def _expand_macros(file: File, config: Any, files: Any) -> str:
    """A hand-written page with its macros expanded, its front matter kept."""
    page = Page(None, file, config)
    page.read_source(config)
    body = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    front = f"---\n{yaml.safe_dump(page.meta, allow_unicode=True, sort_keys=False)}---\n\n" if page.meta else ""
    return front + body


def _load_settings() -> dict[str, Any]:
    # MkDocs' own loader: mkdocs.yml uses its !ENV tag.
    with open(CONFIG, encoding="utf-8") as config:
        return yaml_load(config)


def _static_settings(settings: dict[str, Any]) -> dict[str, Any]:
    settings.pop("hooks", None)
    # What our hook sets on the config, the theme's partials read: the UI strings.
    settings.setdefault("extra", {})["ui"] = load_strings(settings["theme"].get("language", "en"))
    # Without a repository our hook drops edit_uri; without the hook, the config must.
    if not settings.get("repo_url"):
        settings.pop("repo_url", None)
        settings.pop("edit_uri", None)
    settings.pop("watch", None)
    settings["plugins"] = [p for p in settings["plugins"] if p != "kb" and not (isinstance(p, dict) and "macros" in p)]
    return settings


def _empty_settings(settings: dict[str, Any]) -> dict[str, Any]:
    settings = _static_settings(settings)
    settings.pop("nav", None)
    return settings


def _write_config(dest: Path, docs_dir: Path, adjust: Any) -> Path:
    settings = adjust(_load_settings())
    settings["docs_dir"] = str(docs_dir.resolve())
    settings["theme"]["custom_dir"] = str((ROOT / settings["theme"]["custom_dir"]).resolve())
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def _write(path: Path, text: str) -> None:
    _write_bytes(path, text.encode("utf-8"))


def _write_bytes(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def main(argv: list[str]) -> int:
    """`python -m benchmarks.static_floor DATA_DIR DEST`: DEST/docs and DEST/mkdocs.yml;
    `python -m benchmarks.static_floor --empty DEST`: the empty site's."""
    if len(argv) == 2 and argv[0] == "--empty":
        print(write_empty_site(Path(argv[1])))
        return 0
    if len(argv) != 2:
        print(main.__doc__, file=sys.stderr)
        return 2
    data_dir, dest = Path(argv[0]), Path(argv[1])
    count = write_static_docs(dest / "docs", data_dir)
    print(f"{count} files; config {write_static_config(dest / 'mkdocs.yml', dest / 'docs')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
