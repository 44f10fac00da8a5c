"""The Japanese edition: built from the same data and settings, and Japanese throughout."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from macros.kb.model import Capability, Characteristic, KnowledgeBase
from macros.paths import STRINGS_DIR
from macros.site.render import escape_text, load_strings, render_entity_pages
from tests.samplepages import CAPABILITY, CAPABILITY_ID, KB
from tests.sitebuild import DATA_DIR, ROOT


class _ConfigLoader(yaml.SafeLoader):
    """Reads the configs' tags (!ENV, a Python callable) as their text: the settings, not their effect."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)


def _load_config(name: str) -> dict:
    return yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader=_ConfigLoader)


def test_every_language_has_every_string() -> None:
    english = load_strings("en")
    for path in sorted(STRINGS_DIR.glob("*.yml")):
        strings = load_strings(path.stem)
        assert sorted(strings) == sorted(english), f"{path.name}: keys differ from en.yml"
        assert strings["lang"] == path.stem


def test_japanese_config_keeps_the_english_macros_settings() -> None:
    # INHERIT replaces lists whole, so mkdocs.ja.yml restates the plugins list.
    def macros_of(config: dict) -> dict:
        return next(p["macros"] for p in config["plugins"] if isinstance(p, dict) and "macros" in p)

    english, japanese = _load_config("mkdocs.yml"), _load_config("mkdocs.ja.yml")
    assert japanese["INHERIT"] == "mkdocs.yml"
    assert macros_of(japanese) == macros_of(english)
    assert japanese["theme"]["language"] == "ja"

    # The same Markdown extensions, only the heading links' title translated and their anchors
    # made from Japanese words.
    def without_permalink_title(extensions: list) -> list:
        return [
            {"toc": {k: v for k, v in e["toc"].items() if k not in ("permalink_title", "slugify")}}
            if isinstance(e, dict) and "toc" in e
            else e
            for e in extensions
        ]

    assert without_permalink_title(japanese["markdown_extensions"]) == without_permalink_title(
        english["markdown_extensions"]
    )


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.ja.yml"])
def test_each_editions_repository_links_lead_to_the_file_in_the_same_branch(config: str) -> None:
    """edit_uri joined to a path from docs_dir (a hand-written page, a data file) names that file in
    the repository, in the branch mkdocs.yml names: an edition in a subfolder of docs/ states its own."""
    from urllib.parse import urljoin

    from macros.site.repository_links import build_file_links, build_new_file_link

    english, edition = _load_config("mkdocs.yml"), _load_config(config)
    settings = {**english, **edition}
    repo = "https://github.com/o/r"
    branch = english["edit_uri"].removesuffix("docs/")  # edit/<branch>/
    docs = settings.get("docs_dir", "docs").rstrip("/")
    data_from_docs = "../" * len(docs.split("/")) + "data"
    links = build_file_links(repo, settings["edit_uri"], f"{data_from_docs}/systems/x.yml")
    assert links is not None
    assert links.edit == f"{repo}/{branch}data/systems/x.yml"
    assert links.view == f"{repo}/{branch.replace('edit/', 'blob/')}data/systems/x.yml"
    assert build_new_file_link(repo, settings["edit_uri"], f"{data_from_docs}/systems") == (
        f"{repo}/{branch.replace('edit/', 'new/')}data/systems"
    )
    # MkDocs' own edit button on a page of docs_dir: repo_url, edit_uri and the page's path.
    assert urljoin(repo + "/", settings["edit_uri"] + "about.md") == f"{repo}/{branch}{docs}/about.md"


def test_japanese_config_restates_every_english_list_item() -> None:
    # Lists that mkdocs.ja.yml restates must keep up when mkdocs.yml gains a plugin, style or script.
    english, japanese = _load_config("mkdocs.yml"), _load_config("mkdocs.ja.yml")

    def names(plugins: list) -> list[str]:
        return [p if isinstance(p, str) else next(iter(p)) for p in plugins]

    def without_names(palette: list) -> list:
        return [{**scheme, "toggle": {**scheme["toggle"], "name": None}} for scheme in palette]

    assert names(japanese["plugins"]) == names(english["plugins"])
    for key in ("extra_css", "extra_javascript"):
        assert set(english.get(key, [])) <= set(japanese.get(key, [])), key
    assert without_names(japanese["theme"]["palette"]) == without_names(english["theme"]["palette"])


def test_each_edition_holds_only_its_own_pages(editions_dir: Path, site_dir_ja: Path) -> None:
    english = [p for p in editions_dir.rglob("*.html") if p.relative_to(editions_dir).parts[0] != "ja"]
    japanese = list(site_dir_ja.rglob("*.html"))
    assert english and japanese
    assert not (site_dir_ja / "ja").exists(), "the Japanese edition holds a ja/ folder of its own"
    wrong = [str(p) for p in english if '<html lang="en"' not in p.read_text(encoding="utf-8")]
    wrong += [str(p) for p in japanese if '<html lang="ja"' not in p.read_text(encoding="utf-8")]
    assert wrong == []
    # The same paths in both editions, so the language switch always lands on a page.
    relative = {str(p.relative_to(editions_dir)) for p in english}
    assert relative == {str(p.relative_to(site_dir_ja)) for p in japanese}


class _VisibleText(HTMLParser):
    """The text a reader sees or hears, leaving out code and anything marked as English."""

    SKIPPED = frozenset({"script", "style", "svg", "code", "pre"})
    ATTRIBUTES = frozenset({"title", "aria-label", "placeholder", "alt"})
    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []  # whether each open element is skipped
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        skipped = bool(self.stack and self.stack[-1]) or tag in self.SKIPPED or values.get("lang") == "en"
        if not skipped:
            self.texts += [v for k, v in attrs if k in self.ATTRIBUTES and v]
        if tag not in self.VOID:
            self.stack.append(skipped)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.texts.append(data)


LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


def _allowed_words(kb: KnowledgeBase) -> set[str]:
    """Latin words the Japanese edition may show: those of the data's Japanese text (product
    names and acronyms such as ETL, PoC), the English names of entities, sources and publishers."""
    texts: list[str] = []
    for path in DATA_DIR.rglob("*.yml"):
        texts += _japanese_values(yaml.safe_load(path.read_text(encoding="utf-8")))
    entities: list[Capability | Characteristic] = [*kb.capabilities.values(), *kb.characteristics.values()]
    for entity in entities:
        texts += [entity.name.en, *entity.aliases.en]
    for source in kb.sources.values():
        texts += [source.title.en, source.publisher]
    # Tools are products: their names, other names, makers, licences and documentation addresses.
    for tool in kb.tools.values():
        texts += [tool.name.en, *tool.aliases.en, tool.provider, tool.licence or "", tool.homepage, *tool.sources]
    return {w.lower() for text in texts for w in LATIN_WORD.findall(text)}


def _japanese_values(value: object, japanese: bool = False) -> Iterator[str]:
    """Every string under a `ja` key (texts, and lists such as aliases.ja)."""
    if isinstance(value, str):
        if japanese:
            yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _japanese_values(item, japanese or key == "ja")
    elif isinstance(value, list):
        for item in value:
            yield from _japanese_values(item, japanese)


# The theme's name in its credit line, and the file formats and languages the pages name.
THEME_AND_FORMATS = {"material", "for", "mkdocs", "yaml", "json", "schema", "csv", "markdown", "javascript"}


def test_japanese_edition_has_no_english_ui_text(site_dir_ja: Path, kb: KnowledgeBase) -> None:
    allowed = _allowed_words(kb) | THEME_AND_FORMATS
    leftovers: dict[str, set[str]] = {}
    for page in sorted(site_dir_ja.rglob("*.html")):
        parser = _VisibleText()
        parser.feed(page.read_text(encoding="utf-8"))
        for text in parser.texts:
            for word in LATIN_WORD.findall(text):
                if word.lower() not in allowed:
                    leftovers.setdefault(str(page.relative_to(site_dir_ja)), set()).add(word)
    assert leftovers == {}


@pytest.mark.parametrize("path", [CAPABILITY + "index.html", "matrix/index.html"])
def test_japanese_pages_are_in_japanese(site_dir_ja: Path, path: str) -> None:
    html = (site_dir_ja / path).read_text(encoding="utf-8")
    assert KB.capabilities[CAPABILITY_ID].name.ja in html
    assert "年" in html or path.startswith("matrix")  # dates in Japanese form


def test_japanese_headings_are_anchored_by_their_words(site_dir_ja: Path) -> None:
    # A section's address names it (#定義) and stays the same when a heading is added above it.
    html = (site_dir_ja / CAPABILITY / "index.html").read_text(encoding="utf-8")
    anchors = re.findall(r'<h2 id="([^"]+)"', html)
    assert "定義" in anchors
    assert [a for a in anchors if re.fullmatch(r"_\d*", a)] == []


def test_a_reason_stands_alone_wherever_it_is_shown(kb: KnowledgeBase) -> None:
    """A reason is shown alone (a capability's page, a checklist, the matrix's tip): it never points back at
    another with 同じ… / The same …, which its neighbour on that page may not be."""
    back = {"en": "The same ", "ja": "同じ"}
    pointing = [
        (char.id, rec.capability, lang)
        for char in kb.characteristics.values()
        for rec in char.recommendations
        for said in rec.statements
        for lang, start in back.items()
        if said.why[lang].lstrip().startswith(start)
    ]
    assert pointing == []


def test_a_reasons_origin_does_not_say_again_whose_it_is() -> None:
    """出典が必要としている(冒頭の組み合わせ例による), not (出典冒頭の…): the strength beside it names the source."""
    for path in sorted(STRINGS_DIR.glob("*.yml")):
        ui = load_strings(path.stem)
        assert ui["source"].casefold() not in ui["from_combined_example"].casefold(), path.name


# "2 of 2": Japanese says all (すべて), and so does English (every one of): counted() picks the form.
N_OF_N = {
    "ja": re.compile(r"(\d+) (?:個|件|つ)の[^、。 ]*のうち \1 (?:個|件|つ)"),
    "en": re.compile(r"\b(\d+) of (?:your|its|the) \1\b"),
}


@pytest.mark.parametrize("lang", sorted(N_OF_N))
def test_no_page_counts_n_of_n(kb: KnowledgeBase, lang: str) -> None:
    pages = {page.src_uri: page.markdown for page in render_entity_pages(kb, lang)}
    found = {src: m[0] for src, text in pages.items() if (m := N_OF_N[lang].search(text))}
    assert found == {}


# Counters (the head of ja.yml): 個 for capabilities and characteristics, 件 for systems, tools and records.
_WRONG_COUNTER = re.compile(r"(?:\d+|\{\w+\}) 件(?:の|目)?(?:機能|性質)|(?:機能|性質)が (?:\d+|\{\w+\}) 件")


def test_japanese_counts_capabilities_and_characteristics_with_ko(kb: KnowledgeBase) -> None:
    strings = yaml.safe_dump(load_strings("ja"), allow_unicode=True).splitlines()
    pages = [page.markdown for page in render_entity_pages(kb, "ja")]
    pages += [path.read_text(encoding="utf-8") for path in (ROOT / "docs" / "ja").rglob("*.md")]
    found = [m[0] for text in strings + pages for m in _WRONG_COUNTER.finditer(text)]
    assert found == []


def test_a_sources_reason_does_not_open_by_naming_the_source(kb: KnowledgeBase) -> None:
    """Its label says so (出典が必要としている: …): a reason opening 出典によれば… says 出典 twice in one line."""
    ui = load_strings("ja")
    opening = [
        (char.id, rec.capability)
        for char in kb.characteristics.values()
        for rec in char.recommendations
        for said in rec.statements
        if kb.said_by(said.provenance) == "source" and said.why["ja"].lstrip().startswith(ui["source"])
    ]
    assert opening == []


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_names_after_a_label_are_listed_as_the_language_lists_them(kb: KnowledgeBase, lang: str) -> None:
    """ユースケースの性質: 頻繁な再トレーニング、バッチ サービング (a half-width · reads as a 中黒 in Japanese)."""
    ui = load_strings(lang)
    pages = {page.src_uri: page.markdown for page in render_entity_pages(kb, lang)}
    listed = 0
    for case in kb.case_studies.values():
        if len(case.characteristics) < 2:
            continue
        first, second = case.characteristics[:2]
        names = [escape_text(kb.characteristics[c].name[lang]) for c in (first, second)]
        joined = f"[{names[0]}](../characteristics/{first}.md){ui['names_separator']}[{names[1]}]"
        assert joined in pages[f"case-studies/{case.id}.md"], case.id
        listed += 1
    assert listed or all(len(case.characteristics) < 2 for case in kb.case_studies.values())
