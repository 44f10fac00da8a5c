"""Renders the systems list and the portfolio (heatmap, platform priorities, tools in practice) for their hand-written pages."""

from __future__ import annotations

from macros.kb.model import CELL_STATES, SYSTEM_STATUSES, KnowledgeBase, System
from macros.site.api import API_DIR
from macros.site.render import relative_url, render_template


def owners_of(systems: list[System], lang: str) -> list[str]:
    """The owning teams named by the systems, each once, in the edition's order of names."""
    return sorted({system.owner[lang] for system in systems}, key=str.casefold)


def render_systems_index(kb: KnowledgeBase, lang: str, page_src: str) -> str:
    """Every system with its owner, status and number of gaps, filterable by owner and status."""
    systems = sorted(kb.systems.values(), key=lambda s: (s.name[lang].casefold(), s.id))
    return render_template(
        "systems-index.html.j2",
        kb,
        lang,
        page_src,
        systems=systems,
        owners=owners_of(systems, lang),
        STATUSES=SYSTEM_STATUSES,
    )


def render_portfolio(kb: KnowledgeBase, lang: str, page_src: str) -> str:
    """The heatmap of systems x capabilities, the capabilities' counts, the platform's priorities and the tools in practice."""
    systems = sorted(kb.systems.values(), key=lambda s: (s.name[lang].casefold(), s.id))
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
        priorities=priorities,
        active=kb.active_systems(),
        in_practice=kb.tools_in_practice(),
        api=relative_url(page_src, API_DIR),
    )
