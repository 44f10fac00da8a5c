"""The site's own addresses (repo_url, site_url, edit_uri), from mkdocs.yml or the environment,
held to the rule data URLs follow: an https:// address with no space, quote, angle bracket or
invisible format character (a zero-width space copied with it would publish another address).

MkDocs asks only for a scheme and a host, so `javascript://x` or `https://x/">…` would pass and be
printed in every page's head and header. A value that breaks the rule stops the build, named by
where it was set (the environment variable, else the mkdocs.yml setting).
"""

from __future__ import annotations

import os
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig

from macros.kb.patterns import is_https_url
from macros.kb.problems import shown

# Each address setting, and the environment variable mkdocs.yml reads it from (!ENV).
FROM_ENVIRONMENT = {"repo_url": "KB_REPO_URL", "site_url": "KB_SITE_URL"}
_RULE = "is not an https:// address with no space, quote, angle bracket or invisible character"


def check_site_addresses(config: MkDocsConfig, *, serving: bool) -> list[str]:
    """One message per address setting that breaks the rule (empty: all may be printed in pages)."""
    problems = []
    for setting, variable in FROM_ENVIRONMENT.items():
        from_environment = os.environ.get(variable, "")
        # `mkdocs serve` puts its own http:// address in site_url: the variable is what would be published.
        value = from_environment if serving and setting == "site_url" else config[setting] or from_environment
        name = variable if from_environment else f"{setting} (mkdocs.yml)"
        if value and not is_https_url(value):
            problems.append(f"{name}: {shown(value)} {_RULE} (set the site's https:// address, or leave it empty)")
    if config.repo_url and config.edit_uri and is_https_url(config.repo_url):
        edit = urljoin(config.repo_url, config.edit_uri)
        if not is_https_url(edit):
            problems.append(
                f"edit_uri (mkdocs.yml): {shown(config.edit_uri)} makes the edit address {shown(edit)}, which {_RULE} "
                "(write the path of the docs folder in the repository, such as edit/main/docs/)"
            )
    return problems
