"""`python -m macros.commands.pages_check REPOSITORY_JSON PAGES_JSON` (the publishing workflow):
may this site be deployed to this GitHub Pages site? Exit 1, saying why and what to do, if not.

The two files are what GitHub's API reports (`gh api repos/OWNER/REPO` and `.../pages`; the second
empty when it could not be read). A repository that is not public may deploy only to a Pages site
that is not public either (private Pages, on GitHub Enterprise Cloud), unless the site is declared
public (KB_PUBLIC=1, or extra.public in mkdocs.yml). What cannot be read counts as public.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from macros.adapter.readers import declared_public
from macros.paths import REPO_ROOT

HOW_TO = (
    "Make the Pages site private (GitHub Enterprise Cloud: Settings > Pages > Visibility > Private; "
    "https://docs.github.com/en/enterprise-cloud@latest/pages/getting-started-with-github-pages/"
    "changing-the-visibility-of-your-github-pages-site), or publish site/ on a host behind your "
    "organisation's sign-in (HARDENING.md: Who may read the site), or, if anyone may read it, declare "
    "the site public (repository variable KB_PUBLIC=1, or extra.public: true in mkdocs.yml)."
)


def pages_verdict(repository: dict[str, Any], pages: dict[str, Any], *, declared: bool) -> str | None:
    """None when the site may be deployed there; else why not, and what to do, in one paragraph."""
    if declared:
        return None
    visibility = repository.get("visibility")
    if visibility == "public":
        return None  # its data is readable by all already
    if pages.get("public") is False:
        return None  # private Pages: only those who can read the repository
    who = "anyone" if pages.get("public") is True else "possibly anyone (GitHub did not say who may read it)"
    shown = visibility if isinstance(visibility, str) else "of unknown visibility"
    return (
        f"Not deployed: the repository is {shown}, but {who} could read its GitHub Pages site, "
        f"and the site is not declared public. {HOW_TO}"
    )


def _read(path: str) -> dict[str, Any]:
    try:
        value = json.loads(Path(path).read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def main(argv: list[str]) -> int:
    """Check the two API answers given by path; 0: deploy, 1: do not (the reason on stderr)."""
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        declared = declared_public(load_config(str(REPO_ROOT / "mkdocs.yml")))
    except Abort as error:
        print(error, file=sys.stderr)
        return 1
    verdict = pages_verdict(_read(argv[0]), _read(argv[1]), declared=declared)
    if verdict:
        print(verdict, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
