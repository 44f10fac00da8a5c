"""Renders the tools landscape and the adoption radar for the hand-written tools page."""

from __future__ import annotations

from macros.kb.model import KnowledgeBase
from macros.site.history import RingChange
from macros.site.radar import OTHER_STAGE, RECENT_DAYS, build_kb_radar
from macros.site.render import render_template


def render_landscape(kb: KnowledgeBase, lang: str, page_src: str) -> str:
    """Every capability as a section, with a card for each tool that provides it."""
    return render_template("landscape.md.j2", kb, lang, page_src)


def render_radar(
    kb: KnowledgeBase, lang: str, page_src: str, history: dict[str, list[RingChange]] | None = None
) -> str:
    """The adoption radar as an inline SVG, with a numbered list per sector; new and moved blips from the ring history."""
    return render_template(
        "radar.html.j2",
        kb,
        lang,
        page_src,
        radar=build_kb_radar(kb, history),
        RECENT_DAYS=RECENT_DAYS,
        OTHER_STAGE=OTHER_STAGE,
    )
