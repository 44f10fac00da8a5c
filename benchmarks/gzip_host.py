"""A built site served as a static host serves it: text compressed with gzip when the browser
accepts it, a missing address answered with its edition's 404.html."""

from __future__ import annotations

import functools
import gzip
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# What hosts compress (GitHub Pages, Netlify, nginx's usual gzip_types): text, not images.
COMPRESSED_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt", ".map"})


class _GzipHandler(SimpleHTTPRequestHandler):
    def __init__(self, *args, site: Path, cache: dict[Path, bytes], **kwargs) -> None:
        self.site, self.cache = site, cache
        super().__init__(*args, directory=str(site), **kwargs)

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()  # the redirect to the folder's address with a slash
            path = path / "index.html"
        if not path.is_file():
            return self._send(self._not_found(), "text/html; charset=utf-8", status=404, suffix=".html")
        self._send(path.read_bytes(), self.guess_type(str(path)), suffix=path.suffix, key=path)

    def _not_found(self) -> bytes:
        edition = "ja/" if self.path.startswith("/ja/") else ""
        return (self.site / edition / "404.html").read_bytes()

    def _send(self, body: bytes, content_type: str, *, status: int = 200, suffix: str, key: Path | None = None) -> None:
        compress = suffix in COMPRESSED_SUFFIXES and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            body = self._gzip(body, key)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _gzip(self, body: bytes, key: Path | None) -> bytes:
        # Each file is compressed once per run, as a host's cache would.
        if key is None:
            return gzip.compress(body, mtime=0)
        if key not in self.cache:
            self.cache[key] = gzip.compress(body, mtime=0)
        return self.cache[key]

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_gzipped(site: Path, port: int) -> ThreadingHTTPServer:
    """Serve the site at the root of 127.0.0.1:port in a background thread; returns the server."""
    handler = functools.partial(_GzipHandler, site=site, cache={})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
