"""The built editions served as a static host serves them: at a mount path ("/" or "/kb/"), and a
missing address answered with its edition's 404.html, or with the site's one 404.html whatever
the folder (one_not_found: as most hosts do)."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _SiteUnder(SimpleHTTPRequestHandler):
    def __init__(self, *args, site: Path, mount: str, one_not_found: bool, **kwargs) -> None:
        self.site, self.mount, self.one_not_found = site, mount, one_not_found
        super().__init__(*args, directory=str(site), **kwargs)

    def translate_path(self, path: str) -> str:
        return (
            super().translate_path("/" + path.removeprefix(self.mount))
            if path.startswith(self.mount)
            else "/nonexistent"
        )

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        edition = "ja/" if self.path.startswith(self.mount + "ja/") and not self.one_not_found else ""
        body = (self.site / edition / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_mounted(site: Path, mount: str = "/", *, one_not_found: bool = False) -> tuple[ThreadingHTTPServer, str]:
    """Serve both editions at a mount path on a free loopback port; returns the server and the site's URL."""
    handler = functools.partial(_SiteUnder, site=site, mount=mount, one_not_found=one_not_found)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{mount}"
