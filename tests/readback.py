"""Reads the built site back into plain data, and the knowledge base into the same shape.

If the two are equal, nothing in data/ was lost, cut or changed on its way to the HTML. The
reader relies on the page structure our templates make (the order of their sections) and on a
few class hooks: kb-summary, kb-alias, kb-level--*, kb-condition, kb-strength, kb-why, kb-origin, kb-source and its parts,
and for knowledge not of the source data-said-by, kb-decided, kb-decision__rationale, kb-decision__link, kb-cited__section.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from macros.kb.model import Function, KnowledgeBase, Provenance, Recommendation
from macros.kb.spacing import aside_opening
from macros.site.plan import SAID_BY_MARKS
from macros.site.render import format_date, load_strings
from tests.htmlread import Element, article_of, is_redirect

_ENTITY_HREF = re.compile(r"(capabilities|characteristics|case-studies)/([a-z0-9-]+)/$")
_TAG_HREF = re.compile(r"tags/#([a-z0-9-]+)$")
_SIBLING_HREF = re.compile(r"^(?:\.\./\.\./capabilities/|\.\./)([a-z0-9-]+)/$")  # from a capability page


def fold(text: str) -> str:
    """Text as a page shows it: whitespace folded to single spaces."""
    return " ".join(text.split())


def paragraphs_of(text: str) -> list[str]:
    return [fold(p) for p in text.split("\n\n") if p.strip()]


# --- the knowledge base, in the shape the pages are read into ------------------------------------


# A recommendation as pages show it: each place it is said (level, condition, strength, reason, where the
# source says it, who says it, and the platform team's decision or the other source's section).
Statement = tuple[str, str | None, str, str, str, str, tuple[str, ...]]
Reason = tuple[Statement, ...]


def _who(kb: KnowledgeBase, provenance: Provenance, lang: str) -> tuple[str, tuple[str, ...]]:
    """Who says it (KnowledgeBase.said_by), with the platform team's date and rationale or the other source's section."""
    by = kb.said_by(provenance)
    if by == "platform-team" and provenance.rationale and provenance.decided:
        return by, (provenance.decided, fold(provenance.rationale[lang]))
    if by == "other-source" and provenance.citation:
        return by, (fold(provenance.citation.section[lang]),)
    return by, ()


def _rec(kb: KnowledgeBase, rec: Recommendation, lang: str) -> Reason:
    return tuple(
        (
            s.level,
            fold(s.condition[lang]) if s.condition else None,
            s.strength,
            fold(s.why[lang]),
            "combined-example" if s.origin == "combined-example" else "section",
        )
        + _who(kb, s.provenance, lang)
        for s in rec.statements
    )


def _function_note(kb: KnowledgeBase, function: Function, lang: str) -> str:
    """The note after a key function's description: who says it where not the source, or where the guide does not list it."""
    ui = load_strings(lang)
    p, by = function.provenance, kb.said_by(function.provenance)
    if by == "platform-team" and p.rationale and p.decided:
        record = f"{aside_opening(lang, p.rationale[lang])}{ui['decision_record']})" if p.link else ""
        return (
            f"{ui['sentence_separator']}{ui['said_by_platform-team']}{SAID_BY_MARKS[by]}{ui['list_separator']}"
            f"{ui['decided_on'].format(date=format_date(p.decided, ui))}{ui['full_stop']}{ui['sentence_separator']}"
            f"{ui['decision_rationale']}: {p.rationale[lang]}{record}"
        )
    if by == "other-source" and p.citation:
        source = kb.sources[p.citation.source]
        return (
            f"{ui['sentence_separator']}{ui['said_by_other-source']}{SAID_BY_MARKS[by]}: {source.title[lang]}"
            f"{ui['list_separator']}{ui['source_section']}: {p.citation.section[lang]}"
        )
    if function.basis == "key-functions":
        return ""
    return f"{aside_opening(lang, function.description[lang])}{ui['function_basis_' + function.basis]})"


def _provenance(kb: KnowledgeBase, provenance: Provenance, lang: str) -> dict[str, str]:
    """Where a characteristic comes from, as its page shows it: the citation, or the platform team's decision."""
    if provenance.ours and provenance.rationale and provenance.decided:
        return {
            "decided": provenance.decided,
            "rationale": fold(provenance.rationale[lang]),
            "link": provenance.link or "",
        }
    assert provenance.citation is not None
    return _citation(kb, provenance.citation, lang)


def _citation(kb: KnowledgeBase, citation: Any, lang: str) -> dict[str, str]:
    source = kb.sources[citation.source]
    return {
        "title": fold(source.title[lang]),
        "url": source.url[lang],
        "publisher": fold(source.publisher),
        "published": source.published[lang].iso,
        "section": fold(citation.section[lang]),
    }


def expected_site(kb: KnowledgeBase, lang: str = "en") -> dict[str, Any]:
    """Everything the site must show of the knowledge base."""
    capabilities = {
        cap.id: {
            "name": fold(cap.name[lang]),
            "summary": fold(cap.summary[lang]),
            "aliases": [fold(a) for a in cap.aliases[lang]],
            "tags": list(cap.tags),
            "description": paragraphs_of(cap.description[lang]),
            "functions": [
                (f.id, fold(f.name[lang]), fold(fold(f.description[lang]) + _function_note(kb, f, lang)))
                for f in cap.functions
            ],
            "related": list(cap.related),
            "citation": _citation(kb, cap.citation, lang),
        }
        for cap in kb.capabilities.values()
    }
    characteristics = {
        char.id: {
            "name": fold(char.name[lang]),
            "summary": fold(char.summary[lang]),
            "aliases": [fold(a) for a in char.aliases[lang]],
            "description": paragraphs_of(char.description[lang]),
            "example": char.example,
            "recommendations": {r.capability: _rec(kb, r, lang) for r in char.recommendations},
            "notes": [(fold(n.title[lang]), fold(n.text[lang])) for n in char.notes],
            "citation": _provenance(kb, char.provenance, lang),
            "said_by": kb.said_by(char.provenance),
        }
        for char in kb.characteristics.values()
    }
    case_studies = {
        case.id: {
            "title": fold(case.title[lang]),
            "summary": fold(case.summary[lang]),
            "characteristics": list(case.characteristics),
            "source_example": fold(case.source_example[lang]),
            "situation": paragraphs_of(case.story.situation[lang]),
            "stakes": paragraphs_of(case.story.stakes[lang]),
            "first_steps": paragraphs_of(case.story.first_steps[lang]),
            "checklist": {
                item.capability.id: sorted((r.characteristic, _rec(kb, r, lang)) for r in item.reasons)
                for item in kb.checklist(case)
            },
            "citation": _citation(kb, case.citation, lang),
        }
        for case in kb.case_studies.values()
    }
    tags = {
        tag.id: {"name": fold(tag.name[lang]), "group": tag.group, "description": fold(tag.description[lang])}
        for tag in kb.tags.values()
    }
    matrix = {
        f"{r.characteristic} × {r.capability}": (
            r.strength,
            r.strength_origin,
            kb.said_by(r.strength_provenance),
            _rec(kb, r, lang),
        )
        for char in kb.characteristics.values()
        for r in char.recommendations
    }
    matrix_rows = {char.id: kb.said_by(char.provenance) for char in kb.characteristics.values()}
    return {
        "capabilities": capabilities,
        "characteristics": characteristics,
        "case-studies": case_studies,
        "tags": tags,
        "matrix": matrix,
        "matrix_rows": matrix_rows,
    }


# --- the site, read back -----------------------------------------------------------------------


def _sections(article: Element) -> list[list[Element]]:
    """The article's top-level elements, split at each <h2>: [before the first h2, first section, ...]."""
    sections: list[list[Element]] = [[]]
    for element in article.elements():
        if element.tag == "h2":
            sections.append([])
        else:
            sections[-1].append(element)
    return sections


def _subsections(section: list[Element]) -> list[list[Element]]:
    """A section's elements split at each <h3>, without what comes before the first."""
    parts: list[list[Element]] = []
    for element in section:
        if element.tag == "h3":
            parts.append([])
        elif parts:
            parts[-1].append(element)
    return parts


def _ids(elements: list[Element], pattern: re.Pattern[str] = _ENTITY_HREF) -> list[str]:
    hrefs = [a.attrs.get("href", "") for e in elements for a in e.find_all("a")]
    return [m.group(m.lastindex or 0) for m in map(pattern.search, hrefs) if m]


def _text_after(element: Element, first: Element) -> str:
    """The text of an element's children after one of them, without the ' — ' that separates them."""
    rest = element.children[element.children.index(first) + 1 :]
    return fold("".join(c if isinstance(c, str) else c.text() for c in rest)).removeprefix("— ").strip()


def _one(elements: list[Element], tag: str, cls: str | None = None) -> Element:
    found = [f for e in elements for f in e.find_all(tag, cls)]
    assert found, f"no <{tag} class={cls}>"
    return found[0]


def _plain_paragraphs(section: list[Element]) -> list[str]:
    return [p.text() for p in section if p.tag == "p" and not p.classes]


def _read_citation(section: list[Element]) -> dict[str, str]:
    source = _one(section, "p", "kb-source")
    if "kb-source--platform-team" in source.classes:
        link = source.find("a", "kb-decision__link")
        return {
            "decided": _one([source], "time", "kb-decided").attrs["datetime"],
            "rationale": _one([source], "span", "kb-decision__rationale").text(),
            "link": link.attrs["href"] if link else "",
        }
    link = _one([source], "a")
    return {
        "title": link.text(),
        "url": link.attrs["href"],
        "publisher": _one([source], "span", "kb-publisher").text(),
        "published": _one([_one([source], "span", "kb-published")], "time").attrs["datetime"],
        "section": _one([source], "span", "kb-section").text(),
    }


def _read_rec(element: Element) -> Reason:
    """Each statement as shown: its level and condition, strength, reason, origin mark, who says it and their
    decision or section, in the order shown (a level starts a statement)."""
    said: list[list[Any]] = []
    for e in element.iter():
        if "kb-level" in e.classes:
            level = "core" if "kb-level--core" in e.classes else "situational"
            said.append([level, None, "", "", "section", "source", ()])
        elif "kb-condition" in e.classes:
            said[-1][1] = e.text()
        elif "kb-strength" in e.classes:
            said[-1][2], said[-1][5] = e.attrs["data-strength"], e.attrs.get("data-said-by", "source")
        elif "kb-why" in e.classes:
            said[-1][3] = e.text()
        elif "kb-origin" in e.classes:
            said[-1][4] = "combined-example"
        elif "kb-decided" in e.classes:
            said[-1][6] += (e.attrs["datetime"],)
        elif "kb-decision__rationale" in e.classes or "kb-cited__section" in e.classes:
            said[-1][6] += (e.text(),)
    return tuple(
        (level, condition, strength, why, origin, by, detail)
        for level, condition, strength, why, origin, by, detail in said
    )


def _head(article: Element) -> dict[str, Any]:
    top = _sections(article)[0]
    summary = _one(top, "p", "kb-summary")
    aliases = [a.text() for e in top for a in e.find_all("span", "kb-alias")]
    return {"name": _one(top, "h1").text(), "summary": summary.text(), "aliases": aliases, "top": top}


def read_capability(path: Path) -> dict[str, Any]:
    article = article_of(path)
    head = _head(article)
    # Related capabilities close the page; the sections between (recommended for, needed by, our systems, tools) vary.
    _, definition, functions, *_between, related = _sections(article)
    items = [li for e in functions for li in e.find_all("li")]
    return {
        "name": head["name"],
        "summary": head["summary"],
        "aliases": head["aliases"],
        "tags": _ids(head["top"], _TAG_HREF),
        "description": _plain_paragraphs(definition),
        "functions": [
            (s.attrs["id"].removeprefix("function-"), s.text(), _text_after(li, s))
            for li in items
            for s in [_one([li], "strong")]
        ],
        "related": _ids(related, _SIBLING_HREF),
        "citation": _read_citation(definition),
    }


def read_characteristic(path: Path) -> dict[str, Any]:
    article = article_of(path)
    head = _head(article)
    sections = _sections(article)
    meaning, example, recommended = sections[1:4]
    notes = sections[4] if len(sections) == 6 else []
    recommendations = {}
    for li in (li for e in recommended for li in e.find_all("li")):
        recommendations[_ids([li])[0]] = _read_rec(li)
    return {
        "name": head["name"],
        "summary": head["summary"],
        "aliases": head["aliases"],
        "description": _plain_paragraphs(meaning),
        "example": _ids(example)[0],
        "recommendations": recommendations,
        "notes": [
            (s.text(), _text_after(li, s)) for e in notes for li in e.find_all("li") for s in [_one([li], "strong")]
        ],
        "citation": _read_citation(meaning),
        # Said under its name, before anything is read as the source's.
        "said_by": next((p.attrs["data-said-by"] for p in head["top"] if "kb-said-by-note" in p.classes), "source"),
    }


def read_case_study(path: Path) -> dict[str, Any]:
    article = article_of(path)
    head = _head(article)
    _, in_source, scenario, checklist = _sections(article)
    assert _one(scenario, "p", "kb-illustrative").text(), "the scenario is marked as illustrative"
    situation, stakes, first_steps = _subsections(scenario)
    items: dict[str, list[tuple]] = {}
    items_list = _one(checklist, "div", "kb-checklist").find("ul")
    assert items_list is not None, "a checklist without its list"
    for item in (li for li in items_list.elements() if li.tag == "li"):
        capability = _ids([_one([item], "a")])[0]
        # The reasons, each led by its characteristic's link; the last line names tools, not a reason.
        reasons = [li for li in _one([item], "ul").find_all("li") if _ids([li])]
        items[capability] = sorted((_ids([li])[0], _read_rec(li)) for li in reasons)
    return {
        "title": head["name"],
        "summary": head["summary"],
        "characteristics": _ids(head["top"]),
        "source_example": _one(in_source, "p", "kb-source-example").text(),
        "situation": _plain_paragraphs(situation),
        "stakes": _plain_paragraphs(stakes),
        "first_steps": _plain_paragraphs(first_steps),
        "checklist": items,
        "citation": _read_citation(in_source),
    }


def read_tags(path: Path) -> dict[str, dict[str, str]]:
    tags: dict[str, dict[str, str]] = {}
    groups = iter(["stage", "process"])  # the order of the tags page's two sections
    group = ""
    elements = article_of(path).elements()
    for i, element in enumerate(elements):
        if element.tag == "h2":
            group = next(groups)
        elif element.tag == "h3":
            tags[element.attrs["id"]] = {"name": element.text(), "group": group, "description": elements[i + 1].text()}
    return tags


def read_matrix(path: Path) -> dict[str, tuple[str, str, str, Reason]]:
    """Each mark: the strength it shows, where the source says it so and who says it, then the reason in its tip."""
    table = _one([article_of(path)], "table", "kb-matrix")
    columns = [th.attrs.get("id", "").removeprefix("cap-") for th in _one([table], "thead").find_all("th")]
    cells = {}
    for row in _one([table], "tbody").find_all("tr"):
        char = _one([row], "th").attrs["id"].removeprefix("char-")
        for column, td in zip(columns[1:], row.find_all("td"), strict=True):
            if "kb-cell" in td.classes:
                level = td.attrs["data-level"]
                assert f"kb-cell--{level}" in td.classes, f"{char} × {column}: class and data-level disagree"
                assert _read_rec(td)[0][0] == level, f"{char} × {column}: the tip and data-level disagree"
                said_by = td.attrs["data-said-by"]
                marks = [
                    sup.attrs["data-said-by"]
                    for sup in _one([td], "span", "kb-mark__shape").find_all("sup", "kb-mark-said-by")
                ]
                assert marks == ([] if said_by == "source" else [said_by]), (
                    f"{char} × {column}: its mark and data-said-by disagree"
                )
                cells[f"{char} × {column}"] = (
                    td.attrs["data-strength"],
                    td.attrs["data-origin"],
                    said_by,
                    _read_rec(td),
                )
    return cells


def read_matrix_rows(path: Path) -> dict[str, str]:
    """Who says each row's characteristic: the mark beside its name (none: the source)."""
    table = _one([article_of(path)], "table", "kb-matrix")
    rows = {}
    for row in _one([table], "tbody").find_all("tr"):
        th = _one([row], "th")
        mark = th.find("sup", "kb-mark-said-by")
        rows[th.attrs["id"].removeprefix("char-")] = mark.attrs["data-said-by"] if mark else "source"
    return rows


def read_site(site: Path) -> dict[str, Any]:
    """Everything the built site shows of the knowledge base."""

    def pages(kind: str) -> dict[str, Path]:
        # Former addresses forward to the pages that are read; they hold nothing to read themselves.
        return {p.parent.name: p for p in sorted((site / kind).glob("*/index.html")) if not is_redirect(p)}

    return {
        "capabilities": {id: read_capability(p) for id, p in pages("capabilities").items()},
        "characteristics": {id: read_characteristic(p) for id, p in pages("characteristics").items()},
        "case-studies": {id: read_case_study(p) for id, p in pages("case-studies").items()},
        "tags": read_tags(site / "tags/index.html"),
        "matrix": read_matrix(site / "matrix/index.html"),
        "matrix_rows": read_matrix_rows(site / "matrix/index.html"),
    }
