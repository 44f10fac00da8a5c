"""The only code that knows MkDocs: the site's plugin (plugin.py, `kb` in the configs) and the macros hand-written pages call."""
