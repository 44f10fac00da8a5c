"""`python -m macros.commands.preview [--port N] SITE_DIR` (`make preview`): the built site served as a host serves it.

Python's own server answers a missing address with its bare error page; hosts (GitHub Pages,
Netlify, S3) answer with the site's one 404.html, whatever the folder. So does this, with the
status 404, and the page picks its edition from the address (overrides/404.html).
"""

from __future__ import annotations

import argparse
import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

NOT_FOUND_PAGE = "404.html"


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves a folder; a missing address gets the folder's 404.html."""

    def not_found_page(self) -> Path:
        """The page a missing address is answered with (a subclass may pick it by the address)."""
        return Path(self.directory) / NOT_FOUND_PAGE

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.not_found_page()
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(site_dir: Path, port: int) -> ThreadingHTTPServer:
    """A server for site_dir on 127.0.0.1:port (0: any free port), not yet started."""
    handler = functools.partial(SiteHandler, directory=str(site_dir))
    return ThreadingHTTPServer(("127.0.0.1", port), handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir}: no built site here (run `make build` first)", file=sys.stderr)
        return 1
    server = serve(args.site_dir, args.port)
    print(f"Serving {args.site_dir}/ at http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
