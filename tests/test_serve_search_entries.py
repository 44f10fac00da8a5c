"""`make serve` keeps each page's search entries from the build that last rendered it. In a dirty
build Material's search plugin writes what it kept from the builds before, then this build's
entries, page by page (material/plugins/search/plugin.py, generate_search_index): a rebuilt page's
own entries are its last run."""

from __future__ import annotations

from macros.adapter.incremental import _last_runs


def entries(page: str, *sections: str, text: str = "") -> list[dict[str, str]]:
    return [{"location": page + (f"#{s}" if s else ""), "text": text} for s in ("", *sections)]


def test_a_rebuilt_pages_entries_are_its_last_run() -> None:
    kept = entries("a/", "x", text="old") + entries("b/", text="old") + entries("c/", text="old")
    this_build = entries("b/", "new", text="new") + entries("c/", text="new")
    runs = _last_runs(kept + this_build, {"b/", "c/"})
    assert runs == {"b/": entries("b/", "new", text="new"), "c/": entries("c/", text="new")}


def test_pages_not_rebuilt_are_left_to_the_last_build() -> None:
    docs = entries("a/", text="old") + entries("", "intro", text="new")
    assert _last_runs(docs, {""}) == {"": entries("", "intro", text="new")}
    assert _last_runs(docs, set()) == {}
