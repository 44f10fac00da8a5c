"""Renders the systems list and the portfolio (heatmap, platform priorities, tools in practice) for their hand-written pages."""

from __future__ import annotations

from markupsafe import Markup

from macros.kb.model import CELL_STATES, SYSTEM_STATUSES, Capability, KnowledgeBase, System, SystemPlan, declared_order
from macros.site.api import API_DIR
from macros.site.render import one_line, relative_url, render_template, src_uri_of

# The heatmap's first columns: every capability up to this many, else the ones most lacked (the
# platform's priorities); a reader picks the others in runs of as many (portfolio.js, from the data),
# and every system's page and portfolio.csv hold them all.
HEATMAP_COLUMNS = 24

# The heatmap's rows a page shows (portfolio.js pages through the rest): a thousand rows in the
# browser's table cost seconds to lay out, a hundred a tenth of that. The page ships the first ones
# as HTML (what a reader without JavaScript sees) and every row as data, sorted and filtered there.
PAGE_ROWS = 100

# Each state's cell, written once: one short element, its mark, and its class (c0 ... c3; none for not needed).
_MARKS = {"in-place": "●", "partial": "◐", "missing-needed": "✕", "missing-helps": "○", "not-needed": ""}
CELLS = {
    state: Markup("<td></td>" if not _MARKS[state] else f"<td class=c{i}>{_MARKS[state]}</td>")
    for i, state in enumerate(CELL_STATES)
}


def heatmap_capabilities(kb: KnowledgeBase) -> list[Capability]:
    """The heatmap's columns, in the matrix's order: all capabilities, or the HEATMAP_COLUMNS most lacked."""
    capabilities = sorted(kb.capabilities.values(), key=declared_order)
    if len(capabilities) <= HEATMAP_COLUMNS:
        return capabilities
    chosen = {p.capability.id for p in kb.platform_priorities()[:HEATMAP_COLUMNS]}
    return [cap for cap in capabilities if cap.id in chosen]


def heatmap_data(kb: KnowledgeBase, lang: str, page_src: str, systems: list[System]) -> dict[str, object]:
    """Every row and column of the heatmap as portfolio.js reads it (the page holds it as JSON):
    each capability (id, name, page, need, lack) in the matrix's order, the columns shown first (by
    their places in it), each state's mark, and each system (name, page, owner, status, number of
    gaps, example?, retired?, and its states as one digit per capability, the index in CELL_STATES)."""
    capabilities = sorted(kb.capabilities.values(), key=declared_order)
    counts = {p.capability.id: p for p in kb.platform_priorities()}
    shown = {cap.id for cap in heatmap_capabilities(kb)}
    rows = []
    for system in systems:
        plan = kb.system_plan(system)
        states = "".join(str(CELL_STATES.index(plan.state(cap.id))) for cap in capabilities)
        rows.append(
            [
                # As the page prints them, so the owner filter's choices (printed) match the rows' owners.
                one_line(system.name[lang]),
                relative_url(page_src, src_uri_of(system)),
                one_line(system.owner[lang]),
                system.status,
                len(plan.gaps),
                int(system.sample),
                int(system.retired),
                states,
            ]
        )
    return {
        "columns": [
            [
                cap.id,
                cap.name[lang],
                relative_url(page_src, src_uri_of(cap)),
                len(counts[cap.id].needing),
                len(counts[cap.id].lacking),
            ]
            for cap in capabilities
        ],
        "shown": [place for place, cap in enumerate(capabilities) if cap.id in shown],
        "marks": [_MARKS[state] for state in CELL_STATES],
        "rows": rows,
    }


def row_cells(plan: SystemPlan, capabilities: list[Capability]) -> Markup:
    """One system's cells of the heatmap, one per column."""
    return Markup("").join(CELLS[plan.state(cap.id)] for cap in capabilities)


def systems_by_name(kb: KnowledgeBase, lang: str) -> list[System]:
    """Every system in the edition's order of names (the id parts two of one name), as both pages list them."""
    return sorted(kb.systems.values(), key=lambda s: (s.name[lang].casefold(), s.id))


def owners_of(systems: list[System], lang: str) -> list[str]:
    """The owning teams named by the systems, each once, in the edition's order of names."""
    return sorted({one_line(system.owner[lang]) for system in systems}, key=str.casefold)


def render_systems_index(kb: KnowledgeBase, lang: str, page_src: str) -> str:
    """Every system with its owner, status and number of gaps, filterable by owner and status."""
    systems = systems_by_name(kb, lang)
    return render_template(
        "systems-index.html.j2",
        kb,
        lang,
        page_src,
        systems=systems,
        owners=owners_of(systems, lang),
        STATUSES=SYSTEM_STATUSES,
    )


def render_portfolio(kb: KnowledgeBase, lang: str, page_src: str, api_folder: str = API_DIR) -> str:
    """The heatmap of systems x capabilities, the capabilities' counts, the platform's priorities and
    the tools in practice; api_folder: where api/v1/ is from the edition's root (api.edition_api_folder)."""
    systems = systems_by_name(kb, lang)
    priorities = kb.platform_priorities()
    return render_template(
        "portfolio.html.j2",
        kb,
        lang,
        page_src,
        systems=systems,
        owners=owners_of(systems, lang),
        STATUSES=SYSTEM_STATUSES,
        CELL_STATES=CELL_STATES,
        counts={p.capability.id: p for p in priorities},
        columns=heatmap_capabilities(kb),
        page_rows=PAGE_ROWS,
        data=heatmap_data(kb, lang, page_src, systems),
        row_cells=row_cells,
        marks=_MARKS,
        priorities=priorities,
        active=kb.active_systems(),
        in_practice=kb.tools_in_practice(),
        api=relative_url(page_src, api_folder),
    )
