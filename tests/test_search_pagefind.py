"""Search at scale: past a size, Pagefind's chunked index answers Material's search box.

The real site is small, so these tests force the switch (SEARCH_ENGINE=pagefind) and
small parts of the index (SEARCH_PART_TEXTS), so that every search is answered from
parts merged, and run the same searches as the browser tests of Material's own
index."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import PUBLIC_URL, ROOT, SiteHandler, build_into, built_once, search_box, tracked_docs, working_texts
from playwright.sync_api import Browser, Page

from build_scripts.site.search_pagefind import part_count, part_of

# Parts of at most 9 texts: the real site's index comes in several parts (the collection's pages,
# then the texts'; 28 texts: four). Each part ranks its pages by its own statistics (a rare word weighs more
# in a part that has it in fewer pages): parts far smaller than the real ones (256 texts)
# would rank by chance.
MERGED_PARTS = {"SEARCH_ENGINE": "pagefind", "SEARCH_PART_TEXTS": "9"}
# Parts of at most 2 texts (4 parts for the working set's 7 texts): to see which parts an
# edit indexes anew.
SMALL_PARTS = {"SEARCH_ENGINE": "pagefind", "SEARCH_PART_TEXTS": "2"}


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:

    def make(folder: Path) -> None:
        docs = str(tracked_docs(folder / "checkout"))
        result = build_into(folder / "site", "--docs-dir", docs, **MERGED_PARTS, SITE_URL=PUBLIC_URL)  # published
        assert result.returncode == 0, result.stdout + result.stderr
        assert "search by pagefind" in result.stdout

    return built_once("pagefind", tmp_path_factory, make) / "site"


def test_the_site_carries_a_chunked_index_and_no_full_text_index(pagefind_site: Path):
    listed = json.loads((pagefind_site / "pagefind" / "parts.json").read_text(encoding="utf-8"))
    parts = [pagefind_site / "pagefind" / part["path"] for part in listed["parts"]]
    texts = [p for folder in ("resolutions", "documents") for p in (pagefind_site / folder).glob("*/index.html")]
    count = part_count(len(texts), 9)
    assert len(texts) > 9 and count >= 2 and len(parts) == 1 + count
    assert [part.name for part in parts] == ["collection", *(f"texts-{i}" for i in range(count))]
    made = sorted(p.name for p in (pagefind_site / "pagefind").iterdir())
    assert made == sorted(["parts.json", *(p.name for p in parts)])
    for part in parts:
        assert (part / "pagefind.js").exists() and (part / "pagefind-entry.json").exists()
        assert not list(part.glob("pagefind-*ui*"))  # Material's search box, not Pagefind's
    # Every page is in one part: the parts' pages add up to the site's.
    pages = [len(list((part / "fragment").iterdir())) for part in parts]
    assert all(pages) and sum(pages) > len(texts)
    index = json.loads((pagefind_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [] and "separator" in index["config"]
    worker = next((pagefind_site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert worker.read_bytes() == (ROOT / "build_scripts" / "site" / "search_worker.js").read_bytes()


@pytest.fixture(scope="module")
def pagefind_server(pagefind_site: Path) -> Iterator[str]:
    SiteHandler.site_url = PUBLIC_URL
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(pagefind_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def page(browser: Browser, pagefind_server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=pagefind_server)
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(pagefind_server) else outside.append(r.url))
    yield page
    context.close()
    assert not outside, f"requests outside the site: {outside}"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("77/20", ("/resolutions/a-res-77-20/",)),
        ("A/RES/77/20", ("/resolutions/a-res-77-20/",)),
        ("I-24/7", ("/glossary/",)),
        ("ID-Art", ("/glossary/",)),
        # Cited in a footnote of each (every text of the collection that cites it).
        ("S-32/1", ("/resolutions/a-res-76-187/", "/resolutions/a-res-77-237/", "/resolutions/a-res-78-229/")),
    ],
)
def test_the_right_document_comes_first(page: Page, query: str, first: tuple[str, ...]):
    links = search_box(page, query)
    assert links[0] in first, links[:5]


def test_a_result_opens_the_paragraph_highlighted(page: Page):
    links = search_box(page, "BioTracker")
    assert "/glossary/#biotracker" in links
    assert "/resolutions/a-res-77-20/#op13" in links
    result = page.locator(".md-search-result__link[href*='a-res-77-20/index.html'][href*='#op13']")
    if not result.is_visible():
        page.locator(".md-search-result__item", has=result).locator("summary").click()
    result.click()
    page.wait_for_function("location.hash === '#op13'")
    page.wait_for_function("document.querySelector('#op13')?.classList.contains('is-target')")


# Records the pages of each answer the search worker sends to Material's search box.
RECORD_ANSWERS = """
window.answers = []
const Original = window.Worker
window.Worker = class extends Original {
  constructor(...args) {
    super(...args)
    this.addEventListener("message", event => {
      if (event.data.type === 3) window.answers.push(event.data.data.items.map(item => item[0].location))
    })
  }
}
"""


def test_the_best_pages_are_shown_first_and_the_others_follow(page: Page):
    """The three best pages are sent as soon as their details are in; then the whole list,
    which begins with them (the early answer is never contradicted, only completed)."""
    page.add_init_script(RECORD_ANSWERS)
    search_box(page, "police")
    # The box may settle on the early answer before the whole list comes: wait for the list.
    page.wait_for_function(
        "window.answers.length >= 2 && window.answers.at(-1).length > 3"
        " && document.querySelectorAll('.md-search-result__link').length > 3"
    )
    links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    answers = page.evaluate("window.answers")
    final = answers[-1]
    assert len(final) > 3 and len(links) >= len(final)
    early = answers[-2]
    assert len(early) == 3 and early == final[:3], answers[-3:]


def test_an_abbreviation_finds_paragraphs_that_never_write_it(page: Page):
    links = search_box(page, "SLTD")
    assert "/glossary/#sltd" in links
    assert any(link.startswith("/resolutions/a-res-77-20/#op") for link in links)
    assert "No matching" not in page.inner_text(".md-search-result__meta")


def test_an_edit_indexes_again_only_the_parts_of_the_pages_it_changes(tmp_path: Path):
    """The parts of the pages whose entries changed are indexed anew; every other part is
    the site in place's, linked; the result is a full build's, byte for byte."""
    from test_incremental import edit_one_text, manifest

    texts = working_texts(tmp_path / "texts")
    docs = tracked_docs(tmp_path / "checkout")

    def build(site: Path, *options: str) -> dict[str, str]:
        result = build_into(site, "--docs-dir", str(docs), *options, SOURCE_TEXTS_DIR=str(texts), **SMALL_PARTS)
        assert result.returncode == 0, result.stdout + result.stderr
        listed = json.loads((site / "pagefind" / "parts.json").read_text(encoding="utf-8"))
        return {part["path"]: part["digest"] for part in listed["parts"]}

    site = tmp_path / "site"
    before = build(site)
    inodes = {p: p.stat().st_ino for p in (site / "pagefind").rglob("*") if p.is_file()}
    edit_one_text(texts)
    after = build(site)
    assert before.keys() == after.keys()
    changed = {path for path in before if before[path] != after[path]}
    pages = [
        f"{'resolutions' if p.stem.startswith(('a-res-', 's-res-')) else 'documents'}/{p.stem}/index.html"
        for p in texts.glob("*.txt")
    ]
    count = part_count(len(pages), int(SMALL_PARTS["SEARCH_PART_TEXTS"]))
    edited = part_of("resolutions/a-res-77-241/index.html", count) + "/"
    # The collection's part and every part a text falls in; a part no text falls in is not made.
    assert set(after) == {"collection/", *(part_of(page, count) + "/" for page in pages)}
    assert count > 2 and edited in changed and changed <= {edited, "collection/"}, changed
    for path, inode in inodes.items():
        part = path.relative_to(site / "pagefind").parts[0] + "/"
        if part in changed:
            assert not path.exists() or path.stat().st_ino != inode, path  # indexed anew
        elif part in after:
            assert path.stat().st_ino == inode, path  # kept: the same file
    full = tmp_path / "full"
    build(full, "--full")
    assert manifest(full / "pagefind") == manifest(site / "pagefind")


def test_an_incremental_build_goes_back_to_materials_index_cleanly(tmp_path: Path, site: Path):
    from test_incremental import manifest, witness

    target = tmp_path / "site"
    docs = str(tracked_docs(tmp_path / "checkout"))
    for engine, expected in (("pagefind", "full build"), ("lunr", "incremental")):
        if target.exists():
            before = manifest(target)
            old_site = witness(target, tmp_path / "witness")
        result = build_into(target, "--docs-dir", docs, SEARCH_ENGINE=engine)
        assert result.returncode == 0, result.stderr
        assert expected in result.stdout and f"search by {engine}" in result.stdout
    # Putting Material's worker back replaced the file; it did not write into the old site's.
    assert manifest(old_site) == before
    assert not (target / "pagefind").exists()
    assert manifest(target) == manifest(site)  # the session's site: a full build with Material's index
