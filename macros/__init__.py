"""The MLOps capability knowledge base: YAML data in, validated model, pages out.

kb/ reads and checks data/, site/ renders the model, adapter/ is the only code that knows MkDocs,
commands/ are the contributor commands. mkdocs-macros imports this package and calls define_env
(the macros hand-written pages use); MkDocs runs adapter/hooks.py to add the generated pages.
"""

from typing import Any


def define_env(env: Any) -> None:
    """mkdocs-macros entry point: register the macros of adapter/page_macros.py."""
    from macros.adapter.page_macros import register_macros

    register_macros(env)
