"""Browser tests: Debian's chromium driven by Playwright against the built site on 127.0.0.1."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

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


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make setup`"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=server, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


def opacity(page: Page, selector: str) -> float:
    return float(page.eval_on_selector(selector, "el => getComputedStyle(el).opacity"))


def test_permalink_and_cite_appear_on_hover(page: Page):
    page.goto("/resolutions/a-res-77-20/")
    assert opacity(page, "#op13 .para-link") == 0
    page.hover("#op13")
    page.wait_for_function("getComputedStyle(document.querySelector('#op13 .para-link')).opacity === '1'")
    assert opacity(page, "#op13 .cite-copy") == 1


def test_permalink_and_cite_by_keyboard(page: Page):
    page.goto("/resolutions/a-res-77-20/")
    page.focus("#pp3 .para-link")
    page.wait_for_function("getComputedStyle(document.querySelector('#pp3 .para-link')).opacity === '1'")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.cite") == "A/RES/77/20, preambular para. 3"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#pp3 .cite-copy').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("A/RES/77/20, preambular para. 3 ")
    assert copied.endswith("/resolutions/a-res-77-20/#pp3")


def test_cite_by_mouse_copies_the_subparagraph_citation(page: Page):
    page.goto("/resolutions/a-res-77-20/")
    page.hover("#op17-a")
    page.click("#op17-a .cite-copy")
    page.wait_for_function("document.querySelector('#op17-a .cite-copy').textContent === 'Copied'")
    assert page.evaluate("navigator.clipboard.readText()").startswith("A/RES/77/20, para. 17 (a) http")


def test_paragraph_address_scrolls_to_it_and_highlights_it(page: Page):
    page.goto("/resolutions/a-res-77-237/#op42")
    page.wait_for_timeout(200)
    box = page.locator("#op42").bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert 0 <= box["y"] < viewport["height"]
    outline = page.eval_on_selector("#op42", "el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"


def test_printing_shows_the_text_and_hides_the_site_chrome(page: Page):
    page.goto("/resolutions/a-res-77-20/")
    page.emulate_media(media="print")

    def displayed(selector: str) -> bool:
        return page.eval_on_selector(
            selector, "el => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0"
        )

    for hidden in [".md-header", ".md-sidebar--primary", ".md-search", ".md-footer", "#op17 .cite-copy"]:
        assert not displayed(hidden), hidden
    for shown in [".doc-meta", "#pp1", "#op17", "#op17-a", "div.footnote", "#op17 .para-num"]:
        assert displayed(shown), shown
    after = page.eval_on_selector(
        "#pp1 a[href^='https://docs.un.org']", "el => getComputedStyle(el, '::after').content"
    )
    assert "https://docs.un.org/en/A/RES/51/1" in after


def test_search_for_an_abbreviation_finds_the_glossary_entry_and_the_paragraphs(page: Page):
    page.goto("/")
    page.click("input.md-search__input")
    page.locator("input.md-search__input").press_sequentially("SLTD", delay=50)
    page.wait_for_selector(".md-search-result__item")
    links = page.eval_on_selector_all(
        ".md-search-result__link", "els => els.map(e => e.pathname.replace(/index.html$/, '') + e.hash)"
    )  # without the ?h= highlight query
    assert "/glossary/#sltd" in links
    assert "/resolutions/a-res-77-20/#op2" in links
