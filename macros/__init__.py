"""The MLOps capability knowledge base: YAML data in, validated model, pages out.

kb/ reads and checks data/, site/ renders the model, adapter/ is the only code that knows MkDocs,
commands/ are the contributor commands. mkdocs-macros imports this package and calls define_env
(the macros hand-written pages use); the site's plugin (adapter/plugin.py, `kb` in mkdocs.yml)
adds the generated pages.
"""

from typing import Any


def define_env(env: Any) -> None:
    """mkdocs-macros entry point: register the macros of adapter/page_macros.py, which read the
    knowledge base that the site's plugin loaded for this build."""
    from macros.adapter.page_macros import register_macros
    from macros.adapter.plugin import KnowledgeBasePlugin

    plugin = env.conf.plugins.get("kb")
    if not isinstance(plugin, KnowledgeBasePlugin):
        raise RuntimeError("mkdocs.yml's plugins must list kb (the site's plugin) with macros")
    register_macros(env, plugin.page_view, plugin.ring_history, lambda: plugin.api_folder)
