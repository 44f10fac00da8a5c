"""The MLOps capability knowledge base: YAML data in, validated model, Markdown pages out.

mkdocs-macros imports this package and calls define_env (the macros hand-written pages use);
MkDocs runs adapter.py as a hook to add the generated entity pages.
"""


def define_env(env) -> None:
    """mkdocs-macros entry point: register the macros of macros_entry."""
    from macros.macros_entry import register_macros

    register_macros(env)
