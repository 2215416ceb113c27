"""Print the weight of each page of the built site.

For each page: the HTML size, and what a first visit (empty cache) loads: every file the
browser fetches (HTML, CSS, JavaScript, the search index), both as bytes on the wire
from a host that compresses text with gzip (as static hosts and CDNs do) and as raw
bytes. Also the size of the search index, which every page view loads.

    make site && .venv/bin/python benchmarks/page_weight.py [site/]

Figures only: nothing is asserted here.
"""

from __future__ import annotations

import functools
import gzip
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TEXT_TYPES = (".html", ".css", ".js", ".json", ".xml", ".svg")


class GzipHandler(SimpleHTTPRequestHandler):
    """A static host that compresses text, as production hosts do."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in TEXT_TYPES and path.exists() and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = gzip.compress(path.read_bytes(), mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        super().do_GET()


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    index = (site / "search" / "search_index.js").read_bytes()
    print(f"search index: {len(index) / 1024:.0f} KB, {len(gzip.compress(index)) / 1024:.0f} KB gzipped")
    print(f"{'page':<58} {'HTML KB':>8} {'1st visit KB (gzip)':>20} {'(raw)':>8} {'files':>6}")
    heaviest = ("", 0.0, 0.0)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for path in pages:
            context = browser.new_context()  # a first visit: empty cache
            page = context.new_page()
            fetched: list[tuple[str, int]] = []

            def finished(request, fetched=fetched) -> None:
                fetched.append((request.url, request.sizes()["responseBodySize"]))

            page.on("requestfinished", finished)
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            context.close()
            wire = sum(size for _, size in fetched) / 1024
            raw = 0.0
            for url, _ in fetched:
                local = site / url.removeprefix(base).split("?")[0].split("#")[0]
                local = local / "index.html" if local.is_dir() else local
                raw += local.stat().st_size / 1024 if local.exists() else 0
            html = (site / path).stat().st_size / 1024
            if path.startswith("resolutions/a-res") and wire > heaviest[1]:
                heaviest = (path, wire, raw)
            print(f"{path[:58]:<58} {html:>8.1f} {wire:>20.1f} {raw:>8.1f} {len(fetched):>6}")
        browser.close()
    httpd.shutdown()
    name, wire, raw = heaviest
    print(f"heaviest resolution page: {name}, first visit {wire:.0f} KB gzipped, {raw:.0f} KB raw")


if __name__ == "__main__":
    main()
