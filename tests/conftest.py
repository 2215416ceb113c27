"""Shared fixtures: the site is built once per test session, with the real MkDocs build."""

from __future__ import annotations

import contextlib
import fcntl
import fnmatch
import functools
import io
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import settings
from playwright.sync_api import Browser, Page, sync_playwright

from build_scripts import model

ROOT = Path(__file__).resolve().parent.parent

# A packed document changed outside ``model.changing`` fails the test that changed it.
model.CHECK_UNCHANGED = True

# No test is timed (timings are the benchmarks'): Hypothesis's deadline per example, a
# timing, failed a property on a loaded machine (354 ms for one example, 200 allowed).
settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")


@contextlib.contextmanager
def exclusive(lock_file: Path) -> Iterator[None]:
    """Held by one process at a time: the test processes of a parallel run (pytest-xdist) wait
    for each other here."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def project_docs() -> contextlib.AbstractContextManager[None]:
    """Held while a build writes the project's own docs/: two builds writing it at once (a
    preview and a published one, whose exports print different addresses) would mix their
    files. Builds into a docs folder of their own run in parallel freely."""
    return exclusive(ROOT / ".cache" / "tests" / "docs.lock")


def build_into(site_dir: Path, *options: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m build_scripts build` into ``site_dir`` with more options and variables."""
    own_docs = "--docs-dir" in options
    with contextlib.nullcontext() if own_docs else project_docs():
        return subprocess.run(
            [sys.executable, "-m", "build_scripts", "build", "--site-dir", str(site_dir), *options],
            cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
            capture_output=True,
            text=True,
            check=False,
        )


def built_once(name: str, factory: pytest.TempPathFactory, make: Callable[[Path], None]) -> Path:
    """A folder ``name`` that ``make(folder)`` fills once per test run, shared by every test
    process of a parallel run (they share the parent of their temporary folders), so that a
    site is built once however many processes read it."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        folder = factory.mktemp(name)
        make(folder)
        return folder
    shared = factory.getbasetemp().parent
    folder, done = shared / name, shared / f"{name}.done"
    with exclusive(shared / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a process that failed to make it
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def index_parts(site: Path, index: str, section: str | None = None) -> list[tuple[Path, object]]:
    """The pages of an index's parts, as its top page (``indexes/{index}/``) lists them, in
    order (only those under the heading ``#section`` if given): (path, parsed page)."""
    from bs4 import BeautifulSoup

    folder = site / "indexes" / index
    top = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "lxml")
    scope = top.select_one(f"h2#{section}").find_next("ul") if section else top.select_one("article")
    parts = []
    for a in scope.select("li a[href]"):
        href = a["href"]
        if href.startswith(("http", "../")) or "#" in href:
            continue  # a document, or a cited document's entry (not a part)
        path = (folder / href).resolve()
        parts.append((path, BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")))
    return parts


def check(*files: str | Path) -> subprocess.CompletedProcess[str]:
    """`python -m build_scripts check FILE...`, run in this process (its exit status and
    what it printed), the files named from the project's folder."""
    from build_scripts.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["check", *(str(f if Path(f).is_absolute() else ROOT / f) for f in files)])
    return subprocess.CompletedProcess(["check", *map(str, files)], status, out.getvalue(), err.getvalue())


@functools.cache
def pdf_pages(pdf: Path) -> tuple[str, ...]:
    """The text of each page of a PDF of a site built once per run (pypdf's extraction,
    slow: done once per test process, whatever the tests that read it)."""
    from pypdf import PdfReader

    return tuple(page.extract_text() or "" for page in PdfReader(pdf).pages)


def tracked_docs(target: Path) -> Path:
    """docs/ as a fresh checkout has it, under ``target``: the hand-written pages and assets."""
    listed = subprocess.run(["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True, check=False)
    names = listed.stdout.split()
    if not names:  # not a checkout (the mutation runs' copies): docs/ less what .gitignore says is generated
        ignored = [line.strip() for line in (ROOT / ".gitignore").read_text().splitlines() if line.startswith("docs/")]
        names = [
            rel
            for rel in (p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "docs").rglob("*")) if p.is_file())
            if not any(rel.startswith(g) if g.endswith("/") else fnmatch.fnmatch(rel, g) for g in ignored)
        ]
    for rel in names:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, target / rel)
    return target / "docs"


# A small collection of real texts, for the tests of a build's mechanics (what an edit makes
# again, a build killed, the swap, search in parts, warnings) in half the whole
# collection's time or less: two texts of a series (71/19, 77/20), a text of none (77/241) that a
# text can come to cite (77/237), texts whose repairs ask the vocabulary (51/1, 71/19, the
# Council's 2322), a Council resolution with its sidecar and a document that is no
# resolution. The whole collection is built by the ``site`` and ``public_site`` fixtures.
WORKING_SET = (
    *("a-res-51-1", "a-res-71-19", "a-res-77-20", "a-res-77-237", "a-res-77-241", "s-res-2322-2016"),
    "interpol-international-day-of-police-cooperation",
)


EDITORS_FILES = {"glossary", "themes", "bodies", "series"}


def working_texts(folder: Path, slugs: tuple[str, ...] = WORKING_SET) -> Path:
    """The texts ``slugs`` (with their sidecars) and the editors' files, in a new ``folder``."""
    folder.mkdir(parents=True)
    for path in sorted((ROOT / "source_texts").iterdir()):
        if path.stem in slugs or (path.suffix == ".yml" and path.stem in EDITORS_FILES):
            shutil.copyfile(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(folder: Path) -> None:
        # Two processes whatever the machine, so that the one-process build of
        # test_two_builds_give_byte_identical_pages is compared with a parallel one.
        result = build_into(folder / "site", BUILD_JOBS="2")
        assert result.returncode == 0, result.stdout + result.stderr

    return built_once("build", tmp_path_factory, make) / "site"


@pytest.fixture(scope="session")
def collection():
    """The collection as the build reads it, read once for every module that asks: a test
    that changes a packed document fails (``model.CHECK_UNCHANGED``), so none leaks into another."""
    from build_scripts.parse.sources import discover
    from build_scripts.site.pipeline import load_edition

    return load_edition(discover(ROOT / "source_texts"))


# The public address of the published build (SITE_URL): canonical links, sitemaps and the
# addresses exports and PDFs print. The ``site`` fixture is a preview, built without one.
PUBLIC_URL = "https://texts.example.net/"


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as published (SITE_URL set): what the browser suites read, since Material's
    instant navigation follows the sitemap only a public build has."""

    def make(folder: Path) -> None:
        docs = tracked_docs(folder / "checkout")  # its own docs/: built beside the preview
        result = build_into(folder / "site", "--docs-dir", str(docs), SITE_URL=PUBLIC_URL)
        assert result.returncode == 0, result.stdout + result.stderr

    return built_once("public", tmp_path_factory, make) / "site"


# The fast loop (`make check`, `pytest -m "not slow"`) leaves out what builds a whole site or
# drives a browser: tests that take one of these fixtures, and the modules that build sites
# of their own in each test.
SLOW_FIXTURES = {
    "site",
    "public_site",
    "browser",
    "page",
    "server",
    "pagefind_site",
    "shapes_site",
    "mkdocs_site",
    "shards",
}
SLOW_MODULES = {
    "test_incremental",
    "test_swap",
    "test_renderers",
    "test_memo",
    "test_search_pagefind",
    "test_workers",
    "test_build_rules",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__ if item.module else ""
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or module in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


# --- the browser (shared by every browser test of the session) ---------------------------

CHROMIUM = "/usr/bin/chromium"
# Flags that keep chromium from calling home on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site; the sitemap is rewritten to this server's address, since
    Material's instant navigation only takes over links listed in the sitemap."""

    site_url = ""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        # A page closed or left while a file of it was still coming (the search index a
        # test did not wait for): the browser hangs up, which is no error of the site's.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()

    def do_GET(self) -> None:
        if self.path.split("?")[0] == "/sitemap.xml":
            body = (Path(self.directory) / "sitemap.xml").read_text(encoding="utf-8")
            host = f"http://127.0.0.1:{self.server.server_address[1]}/"
            data = body.replace(self.site_url, host).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        super().do_GET()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make setup`"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def search_box(page: Page, query: str) -> list[str]:
    """Type a query in Material's search box; return the result links (path + anchor)."""
    box = page.locator("input.md-search__input")
    if urlsplit(page.url).path == "/" and box.is_visible():
        # The home page of the last search, its index loaded: the box emptied (Material
        # clears its results), then the next query typed, with no page loaded again.
        box.fill("")
        box.press("Backspace")
        page.wait_for_selector(".md-search-result__item", state="detached")
    else:
        page.goto("/")
        box.click()
    # Material searches when a key is released: the query is filled but for its last key,
    # which is typed, so that the box asks a single query, the whole one (typed key by key,
    # each prefix would be asked and answered in turn, and a late answer could be read).
    box.fill(query[:-1])
    box.press_sequentially(query[-1])
    page.wait_for_selector(".md-search-result__item")
    script = "els => els.map(e => e.pathname.replace(/index.html$/, '') + e.hash)"
    # Read once the list has stopped changing (two equal readings, 250 ms apart).
    readings: list[list[str]] = []
    for _ in range(60):
        page.wait_for_timeout(250)
        readings.append(page.eval_on_selector_all(".md-search-result__link", script))
        if len(readings) >= 2 and readings[-1] and readings[-1] == readings[-2]:
            return readings[-1]
    return readings[-1]


# --- the site served on 127.0.0.1, and a page of it (shared by the browser suites) --------


@pytest.fixture(scope="session")
def server(public_site: Path) -> Iterator[str]:
    SiteHandler.site_url = PUBLIC_URL
    handler = functools.partial(SiteHandler, directory=str(public_site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=server, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()
