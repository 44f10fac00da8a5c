"""Renders the knowledge base to Markdown and HTML through the Jinja templates in templates/.

Data text reaches a page only as escaped text: HTML and Markdown punctuation become character
references, so nothing typed in a YAML file can become markup, a link or a Jinja expression.
"""

from __future__ import annotations

import datetime
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import yaml
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from macros.kb.kinds import KINDS, kind_of
from macros.kb.model import (
    BASE_LANGUAGE,
    LANGUAGES,
    NOT_RATED,
    RATED_RINGS,
    TOOL_KINDS,
    KnowledgeBase,
    PartialDate,
    System,
    Tool,
    declared_order,
)
from macros.kb.patterns import is_id
from macros.kb.spacing import aside_opening, spelling_key, word_space
from macros.paths import STRINGS_DIR, TEMPLATE_DIR
from macros.site.kept_pages import KeptPages
from macros.site.page_markup import HeadingStyle, PageMarkup, TocEntry
from macros.site.phrases import phrase_breaks
from macros.site.plan import SAID_BY_MARKS, tools_to_use

# How many back-links an entity page shows: pages stay the same size however large the data grows.
BACKLINK_LIMIT = 12

# Characters that mean something to HTML, Markdown, its extensions or Jinja.
_ESCAPES = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!<>&|~^=:\"'$%@/"}
# One regex pass is 2-3 times faster than str.translate with this table (which pays for every
# character it does not map, such as all Japanese text).
_SPECIAL = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class GeneratedPage:
    """A page to add to the site: where it goes, its Markdown and its metadata."""

    src_uri: str
    markdown: str
    # Handed to the site engine as an object (the adapter sets page.meta), never written as front
    # matter: a serialised header is one more language that data text could break out of.
    meta: Mapping[str, str] = field(default_factory=dict)
    # The data file an entity's page shows ('capabilities/model-registry.yml', in data/): its
    # edit link and provenance line point there. None for the other pages.
    data_file: str | None = None
    # The table of contents when `markdown` is already the page's HTML (render_entity_pages(html=True));
    # None when it is Markdown for the site engine to convert.
    toc: list[TocEntry] | None = None


def page_meta(title: str, kind: str, description: str | None = None) -> dict[str, str]:
    """A generated page's metadata: its title and description as the escaped HTML the theme prints, and its kind."""
    meta = {"title": str(escape(str(title))), "kb_kind": kind}
    # The page's own summary for search engines and link previews (overrides/main.html), one line.
    if description:
        meta["description"] = str(escape(" ".join(str(description).split())))
    return meta


def one_line(text: str) -> str:
    """Text as the pages print it: each run of whitespace one space (escape_text folds it so). Data a
    page's script compares with what the page prints (a filter's choice) is folded the same way."""
    return _WHITESPACE.sub(" ", text)


def escape_text(value: Any) -> Markup:
    """Plain text as inert Markdown/HTML; one line, whitespace folded. Markup passes as it is."""
    if isinstance(value, Markup):
        return value
    return _escaped(str(value))


# Names, reasons and UI strings recur on thousands of pages: each is escaped once. Bounded, so
# a long `make serve` session does not keep every text it ever rendered.
@lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> Markup:
    # Runs of whitespace fold to one space, kept at the ends: a separator (", ") keeps its space.
    return Markup(_SPECIAL.sub(lambda match: _ESCAPES[match[0]], one_line(text)))


# The forms a count's sentence may take in strings/<lang>.yml, each chosen by the number it counts:
# a language writes "none", "one" and "all" its own way (0 件です is not how Japanese says none).
COUNT_FORMS = ("zero", "one", "all", "other")


def counted(text: str | Mapping[str, str], count: int, total: int | None = None, **values: Any) -> str:
    """A sentence about a count: one string for every number, or its forms (zero, one, all of total; other is
    required), formatted with count, total and values."""
    if isinstance(text, str):
        form = text
    else:
        # "all" includes one of one: its forms are written to read for any number (every system that needs it).
        wanted = "zero" if count == 0 else "all" if count == total else "one" if count == 1 else "other"
        form = text.get(wanted) or text["other"]
    return form.format(count=count, total=total, **values)


def phrased(value: Any) -> Markup:
    """Text escaped as escape_text does, a Japanese name breakable between its words (Markup passes as it is)."""
    return value if isinstance(value, Markup) else phrase_breaks(escape_text(value))


def safe_id(value: str) -> Markup:
    """A validated id, kept as it is for anchors and attributes."""
    if not is_id(value):
        raise ValueError(f"not an id: {value!r}")
    return Markup(value)


def paragraphs(value: str) -> Markup:
    """Text with blank lines between paragraphs as HTML paragraphs."""
    parts = [p for p in str(value).split("\n\n") if p.strip()]
    return Markup("\n\n".join(f"<p>{escape_text(p)}</p>" for p in parts))


def reason_anchor(capability_id: str) -> Markup:
    """The anchor of a recommendation's reason on its characteristic's page; the matrix's marks link to it."""
    return Markup("why-") + safe_id(capability_id)


def distinct_spellings(names: Any, name: str, lang: str) -> list[str]:
    """Other names to print, once per spelling (macros.kb.spacing.spelling_key: モデル レジストリ and
    モデルレジストリ, モデル管理 and モデルの管理), as the house style spaces it (the variant with the most
    spaces), else the first written, at the place of its first variant; none spelled like the name."""
    spelled = spelling_key(lang, name)
    shown: dict[str, str] = {}
    for other in names:
        key = spelling_key(lang, other)
        if key != spelled and (key not in shown or len(other.split()) > len(shown[key].split())):
            shown[key] = other
    return list(shown.values())


def in_declared_order(entities: Any) -> list[Any]:
    """Capabilities or characteristics in the order their files declare, the same in every edition."""
    return sorted(entities, key=declared_order)


def src_uri_of(entity: Any) -> str:
    """The Markdown source path of an entity's page; its URL is the same without .md."""
    return f"{kind_of(entity).folder}/{entity.id}.md"


def format_date(value: PartialDate | str, ui: dict[str, Any]) -> str:
    """A date written the way one language writes dates, at its own precision (May 2021, not 1 May 2021).

    A plain YYYY-MM-DD text (a tool's check or ring date) is a date known to the day."""
    date = value if isinstance(value, PartialDate) else PartialDate(value)
    parts = date.parts
    month_name = ui["month_names"][parts["month"] - 1] if "month" in parts else ""
    pattern: str = ui[f"date_{date.precision}"]
    return pattern.format(**parts, month_name=month_name)


@pass_context
def _link(context: Any, entity: Any, anchor: str = "", label: Any = None) -> Markup:
    # An entity without a page of its own (a tag) is linked at its anchor on the page that lists its kind.
    listed_on = kind_of(entity).listed_on
    target = listed_on or src_uri_of(entity)
    anchor = anchor or (entity.id if listed_on else "")
    text = entity.name[context["lang"]] if label is None else label
    if not context["markdown"]:
        return _html_link_markup(text, target, anchor, context["page_src"])
    return _link_markup(text, target, anchor, posixpath.dirname(context["page_src"]) or ".")


# Keyed by page, so bounded as _escaped is.
@lru_cache(maxsize=1 << 16)
def _html_link_markup(name: str, target: str, anchor: str, page_src: str) -> Markup:
    return Markup(f'<a href="{relative_url(page_src, target)}{"#" + anchor if anchor else ""}">{escape_text(name)}</a>')


@pass_context
def _page_link(context: Any, label: Any, target: str) -> Markup:
    """A link to a page given by its source path relative to this page ("../matrix.md#x"), in the page's markup."""
    if context["markdown"]:
        return Markup(f"[{escape_text(label)}]({target})")
    path, _, anchor = target.partition("#")
    page_src = context["page_src"]
    src = posixpath.normpath(posixpath.join(posixpath.dirname(page_src), path))
    return _html_link_markup(label, src, anchor, page_src)


def _plain(value: Any) -> str:
    """The text of a value as a reader sees it (a link's words, not its markup)."""
    return value.striptags() if isinstance(value, Markup) else str(value)


@pass_context
def _aside_open(context: Any, before: Any) -> Markup:
    """The opening of a parenthesised aside after `before`, in the page's language (macros.kb.spacing);
    as it is (escape_text would take "(" for Markdown's)."""
    return Markup(aside_opening(context["lang"], _plain(before)))


@pass_context
def _word_space(context: Any, before: Any) -> Markup:
    """The space, or none, between `before` and a following word of the page's language (macros.kb.spacing)."""
    return Markup(word_space(context["lang"], _plain(before)))


@pass_context
def _heading(context: Any, level: int, text: Any, anchor: str = "") -> Markup:
    """A heading (with an explicit id when anchor is given), with its permalink once converted."""
    if anchor:
        safe_id(anchor)
    # A name breaks between its words on a phone (phrase_breaks), never inside one.
    inner = phrased(text)
    if context["markdown"]:
        return Markup(f"{'#' * level} {inner}{' { #' + anchor + ' }' if anchor else ''}")
    markup: PageMarkup = context["page_markup"]
    return markup.heading(level, inner, anchor)


@pass_context
def _strong_with_id(context: Any, text: Any, anchor: str) -> Markup:
    """Bold text that links can point at (a key function on its capability's page)."""
    safe_id(anchor)
    if context["markdown"]:
        return Markup(f"**{escape_text(text)}**{{: #{anchor} }}")
    context["page_markup"].explicit_ids.add(anchor)
    return Markup(f'<strong id="{anchor}">{escape_text(text)}</strong>')


# The same links recur on thousands of pages (an entity's name, its page, the linking folder).
@cache
def _link_markup(name: str, target: str, anchor: str, start: str) -> Markup:
    return Markup(f"[{escape_text(name)}]({_relative(target, start)}{'#' + anchor if anchor else ''})")


@pass_context
def _url(context: Any, entity: Any) -> Markup:
    """A directory URL relative to the current page, for links inside HTML blocks."""
    page_dir = posixpath.dirname(context["page_src"].removesuffix("index.md").removesuffix(".md") + "/")
    target = src_uri_of(entity).removesuffix(".md") + "/"
    return Markup(_relative(target, page_dir or ".") + "/")


# Pages link to the same few thousand targets from a handful of folders; relpath is slow (it
# asks the OS for the working directory), so each answer is kept.
@cache
def _relative(target: str, start: str) -> str:
    return posixpath.relpath(target, start)


def _url_dir(src: str) -> str:
    """'profiler.md' -> 'profiler', 'capabilities/index.md' -> 'capabilities', 'index.md' -> '.'"""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    return stem.strip("/") or "."


def relative_url(page_src: str, target: str) -> str:
    """The directory URL of a page ("profiler.md") or site folder ("api/v1"), relative to page_src's page."""
    url = posixpath.relpath(_url_dir(target), _url_dir(page_src))
    return "./" if url == "." else url + "/"


@pass_context
def _page_url(context: Any, target: str) -> Markup:
    """relative_url from the page being rendered, for links to hand-written pages inside HTML."""
    return Markup(relative_url(context["page_src"], target))


@cache
def load_strings(lang: str) -> dict[str, Any]:
    """The UI strings of one language."""
    # libyaml's safe loader when the wheel has it: ten times faster, the same values.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    strings: dict[str, Any] = yaml.load((STRINGS_DIR / f"{lang}.yml").read_text(encoding="utf-8"), Loader=loader)
    return strings


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        # Compiled templates are kept in the temp folder between builds, keyed by their source, so
        # a build (and every `make serve` rebuild) skips compiling them again.
        bytecode_cache=FileSystemBytecodeCache(),
        undefined=StrictUndefined,
        finalize=escape_text,
        autoescape=True,  # macro output stays Markup; finalize escapes every value
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["paragraphs"] = paragraphs
    env.filters["safe_id"] = safe_id
    env.filters["format_date"] = format_date
    env.filters["in_declared_order"] = in_declared_order
    env.filters["distinct_spellings"] = distinct_spellings
    env.filters["phrased"] = phrased
    env.globals.update(link=_link, url=_url, counted=counted, BACKLINK_LIMIT=BACKLINK_LIMIT)
    env.globals.update(page_url=_page_url, reason_anchor=reason_anchor, tools_to_use_for=tools_to_use)
    env.globals.update(aside_open=_aside_open, word_space=_word_space)
    env.globals.update(heading=_heading, strong_with_id=_strong_with_id, page_link=_page_link)
    env.tests["tagged"] = lambda capability, tag_id: tag_id in capability.tags
    env.globals.update(RINGS=RATED_RINGS, NOT_RATED=NOT_RATED, TOOL_KINDS=TOOL_KINDS)
    env.globals.update(LANGUAGES=LANGUAGES, BASE_LANGUAGE=BASE_LANGUAGE)
    env.globals.update(SAID_BY_MARKS=SAID_BY_MARKS)
    env.globals.update(contact_href=contact_href, review_overdue=review_overdue, in_place_ids=in_place_ids)
    return env


def contact_href(contact: str) -> str:
    """A system's contact as a link: an https:// address as it is, a mail address as a mailto: link (both validated)."""
    return contact if contact.startswith("https://") else "mailto:" + contact


def review_overdue(system: System) -> bool:
    """Its owner last checked the file more than six months before this build."""
    return system.review_overdue(datetime.date.today())


def in_place_ids(system: System) -> list[str]:
    """The capabilities a system has whole (a partial one is still a gap): the profiler's "we already have this"."""
    return [entry.capability for entry in system.in_place if entry.state == "in-place"]


def render_template(name: str, kb: KnowledgeBase | None, lang: str, page_src: str, **values: Any) -> str:
    """One template rendered for one page, its blocks as Markdown (for pages the site engine converts)."""
    template = _environment().get_template(name)
    return template.render(kb=kb, lang=lang, ui=load_strings(lang), page_src=page_src, markdown=True, **values)


def render_page(
    name: str,
    kb: KnowledgeBase,
    lang: str,
    page_src: str,
    meta: Mapping[str, str],
    html: HeadingStyle | None,
    data_file: str | None = None,
    **values: Any,
) -> GeneratedPage:
    """A generated page from its template: as HTML with its table of contents (headings in the style
    given), or as Markdown (html=None). data_file: the entity's data file, for entity pages."""
    if html is None:
        return GeneratedPage(page_src, render_template(name, kb, lang, page_src, **values), meta, data_file=data_file)
    markup = PageMarkup(html)
    template = _environment().get_template(name)
    text = template.render(
        kb=kb, lang=lang, ui=load_strings(lang), page_src=page_src, markdown=False, page_markup=markup, **values
    )
    text, toc = markup.finish(text)
    return GeneratedPage(page_src, text, meta, data_file=data_file, toc=toc)


def render_entity_pages(
    kb: KnowledgeBase,
    lang: str,
    ring_history: dict[str, list[Any]] | None = None,
    *,
    html: HeadingStyle | None = None,
    kept: KeptPages | None = None,
) -> list[GeneratedPage]:
    """A page for every entity of a kind with pages of their own, then each page that lists a whole kind (tags, glossary).

    ring_history: each tool's ring changes from git (macros.site.history), shown on its page when known.
    html: each page as HTML with its table of contents, headings in this style; None: as Markdown.
    kept: the pages of the last render, each reused when nothing it read changed (`make serve`; started with kb).
    """
    ring_history = ring_history or {}
    pages = []

    def one_page(template: str, src: str, meta: dict[str, str], data_file: str | None, **values: Any) -> GeneratedPage:
        def render(kb_view: Any) -> GeneratedPage:
            return render_page(template, kb_view, lang, src, meta, html, data_file=data_file, **values)

        if kept is None:
            return render(kb)
        inputs = (template, lang, meta, html, data_file, tuple(sorted(values.items())))
        page: GeneratedPage = kept.page(src, inputs, render)
        return page

    for kind in KINDS.values():
        if kind.template is None:
            continue
        for entity in kb.entities(kind.folder).values():
            extra = {"ring_history": ring_history.get(entity.id, [])[::-1]} if isinstance(entity, Tool) else {}
            meta = page_meta(entity.name[lang], kind.schema, _summary(entity, lang))
            data_file = f"{kind.folder}/{entity.id}.yml"
            pages.append(one_page(kind.template, src_uri_of(entity), meta, data_file, entity=entity, **extra))
    for kind in KINDS.values():
        if kind.listed_on is None:
            continue
        # The page's template, title (a strings key) and kind are all named after it: tags.md, tags.md.j2, ui.tags.
        name = kind.listed_on.removesuffix(".md")
        pages.append(one_page(f"{kind.listed_on}.j2", kind.listed_on, page_meta(load_strings(lang)[name], name), None))
    return pages


def _summary(entity: Any, lang: str) -> str | None:
    """An entity's one-line summary in this language, if its kind has one (tools and terms do not)."""
    summary = getattr(entity, "summary", None)
    return summary[lang] if summary is not None else None


def render_cited_source(kb: KnowledgeBase, kind: str, lang: str, page_src: str, title_lang: str | None = None) -> str:
    """The source the entities of a kind cite (most cited first, if several), its title linked to its address,
    for a hand-written page. title_lang: the title's language, the page's by default."""
    counts: dict[str, int] = {}
    for entity in kb.entities(kind).values():
        citation = getattr(entity, "citation", None)
        if citation is not None and citation.source in kb.sources:
            counts[citation.source] = counts.get(citation.source, 0) + 1
    if not counts:
        raise ValueError(f"no {kind} cite a source")
    cited = sorted(counts, key=lambda source_id: (-counts[source_id], source_id))
    ui = load_strings(lang)
    links = [
        render_template(
            "source-link.html.j2", kb, lang, page_src, source=kb.sources[s], title_lang=title_lang or lang
        ).strip()
        for s in cited
    ]
    return str(ui["list_separator"]).join(links)


def render_index(kb: KnowledgeBase, kind: str, lang: str, page_src: str) -> str:
    """The list of every entity of one kind, for its index page."""
    return render_template("index.md.j2", kb, lang, page_src, kind=kind)
