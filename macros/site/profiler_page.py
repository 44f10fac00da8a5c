"""The profiler page's frame: the markup profiler.js fills from api/v1/, and the text it prints."""

from __future__ import annotations

from typing import Any

from macros.kb.characters import FORMAT_CATEGORY
from macros.kb.kinds import KINDS, folder_of
from macros.kb.model import (
    BASE_LANGUAGE,
    LANGUAGE_DETAILS,
    LANGUAGES,
    RETIRED_STATUSES,
    SYSTEM_STATUSES,
    KnowledgeBase,
    System,
)
from macros.kb.placeholders import PLACEHOLDER
from macros.kb.schemas import load_schema
from macros.kb.textrules import FORBIDDEN_RANGES
from macros.site.api import API_DIR
from macros.site.plan import SAID_BY_MARKS
from macros.site.render import load_strings, relative_url, render_template

# strings/<lang>.yml keys with this prefix are the text profiler.js prints (without the prefix).
TEXT_PREFIX = "profiler_"


def build_profiler_texts(lang: str) -> dict[str, Any]:
    """The UI text profiler.js needs, in one language."""
    ui = load_strings(lang)
    texts: dict[str, Any] = {
        key.removeprefix(TEXT_PREFIX): value for key, value in ui.items() if key.startswith(TEXT_PREFIX)
    }
    texts.update(
        level_core=ui["level_core"],
        level_situational=ui["level_situational"],
        strength_needed=ui["strength_needed"],
        strength_helps=ui["strength_helps"],
        from_combined_example=ui["from_combined_example"],
        statement_separator=ui["statement_separator"],
    )
    # An aside opens as the pages open it (macros.kb.spacing): profiler.js applies the rule with the language's script.
    script = LANGUAGE_DETAILS[lang].script
    texts.update(aside_script="" if LANGUAGE_DETAILS[lang].spaced or not script else script)
    # The tools line of each capability says what the case-study checklists say (_tools.j2).
    texts.update(
        {
            key: ui[key]
            for key in [
                "tools",
                "tools_adopted",
                "tools_none_adopted_trial",
                "tools_none_adopted",
                "shown_of",
                "list_separator",
                "checklist_tools_not_rated",
                "checklist_tools_not_rated_all",
                "checklist_see_options",
                "sentence_separator",
                "full_stop",
            ]
        }
    )
    # Knowledge not of the source says who says it, as the pages do (shared.reason), with its mark.
    texts.update({key: ui[key] for key in ui if key.startswith(("strength_", "said_by_"))})
    texts.update({key: ui[key] for key in ("decided_on", "decision_rationale", "decision_record", "source_section")})
    texts.update(date_day=ui["date_day"], month_names=ui["month_names"], said_by_marks=SAID_BY_MARKS)
    # A deprecated, archived or renamed tool is marked wherever it is named, the plan included.
    texts.update({f"status_{status}": ui[f"tool_status_{status}"] for status in sorted(RETIRED_STATUSES)})
    return texts


def plan_frame_values(lang: str, page_src: str, api_folder: str = API_DIR) -> dict[str, Any]:
    """What a plan's frame (_plan.j2) needs on the page at page_src: where api/v1/ (api_folder, from
    the edition's root) and the site's root are, and its text."""
    return {
        "api": relative_url(page_src, api_folder),
        "frame_script": relative_url(page_src, "assets/javascripts") + "profiler-frame.js",
        "root": relative_url(page_src, "."),
        "texts": build_profiler_texts(lang),
    }


def build_system_file_rules() -> dict[str, Any]:
    """What a system file's values must be, from the schemas and the text rules: profiler.js writes
    the file the reader saves within them, so it passes `make check` as written."""
    system = load_schema(KINDS[folder_of(System)].schema)
    common = load_schema("common")["$defs"]
    return {
        "folder": folder_of(System),
        "languages": list(LANGUAGES),
        "schema": KINDS[folder_of(System)].schema,
        "forbidden": FORBIDDEN_RANGES,
        "format_category": FORMAT_CATEGORY,
        "placeholder": PLACEHOLDER.pattern,
        "id": common["id"]["pattern"],
        "id_max": common["id"]["maxLength"],
        "short_max": common["short_text"]["properties"][BASE_LANGUAGE]["maxLength"],
        "text_max": common["text"]["properties"][BASE_LANGUAGE]["maxLength"],
        "contact": system["properties"]["contact"]["pattern"],
        "contact_max": system["properties"]["contact"]["maxLength"],
    }


def render_profiler(
    kb: KnowledgeBase, lang: str, page_src: str, new_file: str | None = None, api_folder: str = API_DIR
) -> str:
    """The profiler's form, plan and fallback note as an HTML block for the page at page_src.

    new_file: the repository's page for a new system file (repository_links.build_new_file_link), if set;
    api_folder: where api/v1/ is from the edition's root (api.edition_api_folder)."""
    return render_template(
        "profiler.html.j2",
        kb,
        lang,
        page_src,
        **plan_frame_values(lang, page_src, api_folder),
        rules=build_system_file_rules(),
        new_file=new_file or "",
        STATUSES=SYSTEM_STATUSES,
    )


def render_matrix(kb: KnowledgeBase, lang: str, page_src: str, api_folder: str = API_DIR) -> str:
    """The characteristics × capabilities table as an HTML block, with the frame of the plan its ticked rows make."""
    return render_template(
        "matrix.html.j2",
        kb,
        lang,
        page_src,
        **plan_frame_values(lang, page_src, api_folder),
        rules=build_system_file_rules(),
        new_file="",
        STATUSES=SYSTEM_STATUSES,
    )
