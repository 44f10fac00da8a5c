"""Addresses in the source repository: a data file's edit, view and history pages, and commits.

Everything derives from MkDocs' `repo_url` and `edit_uri` (the branch is part of edit_uri), so
the repository is set in one place. GitHub and GitLab share the layout assumed here:
<repo>/<action>/<branch>/<path>, with action `edit`, `blob` or `commits`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin


@dataclass(frozen=True)
class FileLinks:
    """Where one file of the repository can be edited, read and its history followed."""

    edit: str
    view: str
    history: str | None


def build_file_links(repo_url: str | None, edit_uri: str | None, path_from_docs: str) -> FileLinks | None:
    """The links of a file given by its path from docs/ (e.g. '../data/capabilities/x.yml'); None with no repository."""
    if not repo_url or not edit_uri:
        return None
    edit = urljoin(repo_url.rstrip("/") + "/", edit_uri + path_from_docs)
    return FileLinks(
        edit=edit, view=_with_action(repo_url, edit, "blob") or edit, history=_with_action(repo_url, edit, "commits")
    )


def build_commit_link(repo_url: str | None, edit_uri: str | None, commit: str) -> str | None:
    """The page of one commit (<repo>/commit/<hash>, or <repo>/-/commit/<hash> on GitLab)."""
    if not repo_url or not edit_uri:
        return None
    parts = edit_uri.strip("/").split("/")
    action = next((i for i, part in enumerate(parts) if part in ("edit", "blob")), None)
    if action is None:
        return None
    return urljoin(repo_url.rstrip("/") + "/", "/".join([*parts[:action], "commit", commit]))


def build_new_file_link(repo_url: str | None, edit_uri: str | None, folder_from_docs: str) -> str | None:
    """The repository's page for a new file in a folder given from docs/ ('../data/systems'), or None:
    <repo>/new/<branch>/<folder>, to which ?filename=...&value=... adds the file."""
    links = build_file_links(repo_url, edit_uri, folder_from_docs)
    return _with_action(repo_url, links.edit, "new") if links and repo_url else None


def _with_action(repo_url: str, edit_url: str, action: str) -> str | None:
    base = repo_url.rstrip("/") + "/"
    if not edit_url.startswith(base):
        return None
    parts = edit_url[len(base) :].split("/")
    for i, part in enumerate(parts):
        if part in ("edit", "blob"):
            return base + "/".join([*parts[:i], action, *parts[i + 1 :]])
    return None
