"""A static server for page-weight measurements that behaves like GitHub Pages, where the site is
published: gzip for text files, `Cache-Control: max-age=600`, ETag and Last-Modified, and
304 Not Modified on revalidation. Python's http.server does none of these, so transfer sizes
measured against it would say nothing about what a citizen's phone downloads.

    python benchmarks/serve.py SITE_DIR [--port 8765] [--max-age 600]
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import mimetypes
import threading
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".map")
TYPES = {".js": "application/javascript", ".json": "application/json", ".csv": "text/csv",
         ".xml": "application/xml", ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json"}


@cache
def read(path: Path) -> tuple[bytes, bytes, str, str]:
    """(body, gzipped body, ETag, Last-Modified) of a file; gzip at level 6 like most servers."""
    body = path.read_bytes()
    packed = gzip.compress(body, compresslevel=6, mtime=0) if path.suffix in COMPRESSIBLE else b""
    etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
    modified = email.utils.formatdate(path.stat().st_mtime, usegmt=True)
    return body, packed, etag, modified


def make_handler(root: Path, max_age: int) -> type[BaseHTTPRequestHandler]:
    root = root.resolve()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet: the benchmark prints figures
            pass

        def do_HEAD(self) -> None:
            self.respond(head=True)

        def do_GET(self) -> None:
            self.respond(head=False)

        def locate(self) -> Path | None:
            relative = unquote(urlsplit(self.path).path).lstrip("/")
            path = (root / relative).resolve()
            if root not in path.parents and path != root:
                return None
            if path.is_dir():
                path = path / "index.html"
            return path if path.is_file() else None

        def respond(self, head: bool) -> None:
            path = self.locate()
            status = 200
            if path is None:
                status, path = 404, root / "404.html"
            body, packed, etag, modified = read(path)
            if status == 200 and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Cache-Control", f"max-age={max_age}")
                self.end_headers()
                return
            gzipped = bool(packed) and "gzip" in self.headers.get("Accept-Encoding", "")
            payload = packed if gzipped else body
            self.send_response(status)
            kind = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") or kind in TYPES.values() else ""))
            self.send_header("Content-Length", str(len(payload)))
            if gzipped:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Cache-Control", f"max-age={max_age}")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", modified)
            self.end_headers()
            if not head:
                self.wfile.write(payload)

    return Handler


def start(root: Path, port: int = 0, max_age: int = 600) -> tuple[ThreadingHTTPServer, str]:
    """Serve `root` from a daemon thread on 127.0.0.1; return the server and its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(Path(root), max_age))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve a built site with gzip and cache headers, like GitHub Pages.")
    parser.add_argument("site", type=Path)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--max-age", type=int, default=600)
    options = parser.parse_args(argv)
    server, url = start(options.site, options.port, options.max_age)
    print(f"Serving {options.site} on {url} (Ctrl+C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
