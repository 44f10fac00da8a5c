"""The built editions served as a static host serves them: at a mount path ("/" or "/kb/"), and a
missing address answered with its edition's 404.html, or with the site's one 404.html whatever
the folder (one_not_found: as most hosts do, and as `make preview` does)."""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from macros.commands.preview import SiteHandler


class _SiteUnder(SiteHandler):
    def __init__(self, *args, site: Path, mount: str, one_not_found: bool, **kwargs) -> None:
        self.site, self.mount, self.one_not_found = site, mount, one_not_found
        super().__init__(*args, directory=str(site), **kwargs)

    def translate_path(self, path: str) -> str:
        return (
            super().translate_path("/" + path.removeprefix(self.mount))
            if path.startswith(self.mount)
            else "/nonexistent"
        )

    def not_found_page(self) -> Path:
        edition = "ja/" if self.path.startswith(self.mount + "ja/") and not self.one_not_found else ""
        return self.site / edition / "404.html"

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_mounted(site: Path, mount: str = "/", *, one_not_found: bool = False) -> tuple[ThreadingHTTPServer, str]:
    """Serve both editions at a mount path on a free loopback port; returns the server and the site's URL."""
    handler = functools.partial(_SiteUnder, site=site, mount=mount, one_not_found=one_not_found)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{mount}"
