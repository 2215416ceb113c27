"""Browser tests: Debian's chromium driven by Playwright against the built site on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PUBLIC_URL, search_box
from playwright.sync_api import Browser, Page

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(autouse=True)
def screenshots_on_failure(request: pytest.FixtureRequest, browser: Browser, server: str) -> Iterator[None]:
    """When a browser test fails, keep screenshots of a resolution page (light and dark,
    desktop and mobile) in test-artifacts/ for whoever reads the CI log."""
    yield
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    name = request.node.name.replace("/", "_").replace("[", "-").replace("]", "")
    for scheme in ("light", "dark"):
        for label, viewport in (
            ("desktop", {"width": 1280, "height": 900}),
            ("mobile", {"width": 375, "height": 812}),
        ):
            context = browser.new_context(base_url=server, color_scheme=scheme, viewport=viewport)
            shot = context.new_page()
            shot.goto("/resolutions/a-res-77-20/#op17")
            shot.screenshot(path=str(ARTIFACTS / f"{name}-{scheme}-{label}.png"))
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
    page.wait_for_function("document.querySelector('#pp3 .cite-copy')?.textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("A/RES/77/20, preambular para. 3 ")
    # Built with SITE_URL: the public address, wherever the page is served from.
    assert copied == f"A/RES/77/20, preambular para. 3 {PUBLIC_URL}resolutions/a-res-77-20/#pp3"


def test_cite_by_mouse_copies_the_subparagraph_citation(page: Page):
    page.goto("/resolutions/a-res-77-20/")
    page.hover("#op17-a")
    page.click("#op17-a .cite-copy")
    page.wait_for_function("document.querySelector('#op17-a .cite-copy')?.textContent === 'Copied'")
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
    link, after = page.eval_on_selector(
        "p.para a[href^='https://docs.un.org']", "el => [el.href, getComputedStyle(el, '::after').content]"
    )
    assert link.startswith("https://docs.un.org/en/A/RES/") and link in after


def test_search_for_an_abbreviation_finds_the_glossary_entry_and_the_paragraphs(page: Page):
    links = search_box(page, "SLTD")
    assert "/glossary/#sltd" in links
    assert "/resolutions/a-res-77-20/#op2" in links


# --- search -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("77/20", "/resolutions/a-res-77-20/"),
        ("A/RES/77/20", "/resolutions/a-res-77-20/"),
        ("I-24/7", "/glossary/"),
        ("ID-Art", "/glossary/"),
        ("S-32/1", "a resolution that cites S-32/1"),
    ],
)
def test_search_finds_the_right_document_first(page: Page, site: Path, query: str, first: str):
    links = search_box(page, query)
    if first.startswith("a resolution"):
        # Several texts cite the special session's resolution: any of them, never another page.
        html = (site / links[0].split("#")[0].strip("/") / "index.html").read_text(encoding="utf-8")
        assert links[0].startswith("/resolutions/") and query in html
        return
    assert links[0] == first
    if first == "/glossary/":
        assert links[1] in ("/glossary/#i-24-7", "/glossary/#id-art")


# Thirty queries as researchers type them, with the result that must come first (the page
# of the paragraph that answers, or the glossary entry): phrases, abbreviations, typos,
# words that are stop words or short, hyphenated names. (Before the query rewriting of
# docs/javascripts/search-query.js, 10 of them came first wrong or found nothing.)
QUERY_SET = {
    "trafficking in persons": "/resolutions/a-res-78-228/",
    "red notices": "/glossary/#notices",
    "foreign terrorist fighters": "/resolutions/s-res-2178-2014/",
    "interpool": "/resolutions/a-res-51-1/",
    "SLTD": "/glossary/#sltd",
    "I-24/7": "/glossary/#i-24-7",
    "stolen and lost travel documents": "/glossary/#sltd",
    "money laundering": "/resolutions/a-res-55-25/#annex1-art7",
    "cybercrime convention": "/resolutions/a-res-79-243/",
    "smuggling of migrants": "/resolutions/a-res-55-25/",
    "International Day of Police Cooperation": "/resolutions/a-res-77-241/",
    "Kyoto Declaration": "/resolutions/a-res-76-181/",
    "unmanned aerial systems": "/resolutions/a-res-77-20/#op16",
    "cultural property": "/glossary/#stolen-works-of-art",
    "illicit trade in small arms": "/resolutions/a-res-73-11/#op7",
    "Global Complex for Innovation": "/glossary/#igci",
    "national central bureaux": "/glossary/#ncb",
    "biometric data": "/glossary/#biometric-hub",
    "COVID-19 pandemic": "/resolutions/a-res-75-196/",
    "trafficking in persons in armed conflict": "/resolutions/s-res-2331-2016/",
    "crimes that affect the environment": "/resolutions/a-res-76-187/#op61",
    "joint investigation": "/resolutions/a-res-55-25/#annex1-art19",
    "extradition": "/resolutions/a-res-55-25/#annex1-art16",
    "mutual legal assistance": "/resolutions/a-res-55-25/#annex1-art18",
    "UNCOPS": "/documents/interpol-statement-uncops-2022/",
    "observer status": "/resolutions/a-res-51-1/",
    "counter-terrorism committee": "/resolutions/a-res-78-226/#op23",
    "human rights": "/resolutions/a-res-78-210/",
    "passenger name records": "/resolutions/a-res-73-11/#op9",
    "wildlife trafficking": "/resolutions/a-res-77-237/#pp39",
}


def test_thirty_researchers_queries_find_their_answer_first(page: Page):
    """The expected result heads the list: a page's group, or its first entry when the
    expectation names an anchor (a group's head is its page). No index or listing page
    ever comes first."""
    found = {}
    for query, expected in QUERY_SET.items():
        links = search_box(page, query)
        found[query] = links[1] if "#" in expected and len(links) > 1 else links[0]
        assert not links[0].startswith(("/indexes/", "/resolutions/security-council/")), (query, links[:2])
    assert found == QUERY_SET


def test_search_for_a_phrase_lands_on_a_paragraph_that_says_it(page: Page, site: Path):
    """The first place found (a paragraph, or a heading of the text) says the phrase, in the
    singular or the plural (a search forgives one letter in a long word)."""
    links = search_box(page, "foreign terrorist fighters")
    page_path, paragraph = next(link for link in links if "#" in link).split("#")
    html = (site / page_path.strip("/") / "index.html").read_text(encoding="utf-8")
    from bs4 import BeautifulSoup

    text = BeautifulSoup(html, "lxml").find(id=paragraph).get_text(" ")
    assert re.search(r"foreign terrorist fighters?\b", " ".join(text.split()), re.I), text


def test_a_search_result_opens_the_paragraph_highlighted(page: Page):
    links = search_box(page, "BioTracker")
    assert "/resolutions/a-res-77-20/#op13" in links
    result = page.locator(".md-search-result__link[href*='a-res-77-20/index.html'][href$='#op13']")
    if not result.is_visible():  # inside the "more on this page" of the 77/20 result
        page.locator(".md-search-result__item", has=result).locator("summary").click()
    result.click()
    page.wait_for_function("location.hash === '#op13'")
    page.wait_for_function("document.querySelector('#op13')?.classList.contains('is-target')")
    box = page.locator("#op13").bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    # The words are marked, and the address is the paragraph's own, with no "?h=".
    page.wait_for_function("!location.search")
    assert page.url.endswith("/resolutions/a-res-77-20/index.html#op13") or page.url.endswith("a-res-77-20/#op13")
    assert page.locator("#op13 mark").count() >= 1


# --- anchors after instant navigation --------------------------------------------------


def test_paragraph_link_after_instant_navigation_scrolls_and_highlights(page: Page):
    page.goto("/glossary/")
    # Instant navigation takes over only the links of the sitemap it has read: a click
    # before the sitemap has come (a busy machine) is an ordinary page load.
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__same_document = true")  # survives only an instant navigation
    page.click("h3#biotracker ~ .term-meta a[href*='a-res-77-20/index.html#op13']")
    page.wait_for_function("location.pathname.endsWith('/resolutions/a-res-77-20/index.html')")
    page.wait_for_function(
        "document.querySelector('#op13') && document.querySelector('#op13').classList.contains('is-target')"
    )
    assert page.evaluate("window.__same_document === true"), "instant navigation did not take over the link"
    # Material scrolls once the new page is in place: wait for the paragraph to be in view.
    page.wait_for_function(
        "(() => { const r = document.querySelector('#op13').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; })()"
    )


# --- tooltips, palette, privacy, mobile, offline -------------------------------------


def test_tooltip_appears_on_hover_and_on_keyboard_focus(page: Page):
    page.goto("/resolutions/a-res-77-20/")
    page.hover("#op13 a.term")
    tooltip = page.locator("[role=tooltip].md-tooltip2--active")
    tooltip.wait_for()
    assert "biological incidents" in tooltip.inner_text()
    page.mouse.move(0, 0)
    page.wait_for_selector("[role=tooltip].md-tooltip2--active", state="detached")
    page.focus("#op2 a.term[href$='#sltd']")
    tooltip.wait_for()
    assert "travel documents" in tooltip.inner_text() or "passports" in tooltip.inner_text()


def test_dark_palette_switch(page: Page):
    page.goto("/resolutions/a-res-77-20/")
    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.click("form[data-md-component=palette] label:visible")
    page.wait_for_function(f"document.body.dataset.mdColorScheme !== '{before}'")
    after = page.evaluate("document.body.dataset.mdColorScheme")
    assert {before, after} == {"default", "slate"}
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)" if after == "slate" else background == "rgb(255, 255, 255)"


def test_no_request_leaves_the_site(page: Page, server: str):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path in [
        "/",
        "/resolutions/a-res-77-20/",
        "/glossary/",
        "/documents/interpol-statement-uncops-2022/",
    ]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    page.click("input.md-search__input")
    page.locator("input.md-search__input").press_sequentially("INTERPOL", delay=20)
    page.wait_for_selector(".md-search-result__item")
    outside = [url for url in requests if not url.startswith((server, "data:", "blob:"))]
    assert requests and not outside


def test_pages_load_without_a_failed_request_or_a_console_error(page: Page):
    """Every request a page makes is answered, on a first view and after instant navigation
    (Material asks for a sitemap beside every ``link[rel=alternate]``, the Atom feeds' too)."""
    failed: list[str] = []
    errors: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in ["/glossary/", "/resolutions/a-res-77-20/", "/"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    # The newest text is on the home page at any size of the collection.
    page.locator(".md-content a[href$='a-res-79-136/index.html']").first.click()  # instant navigation
    page.wait_for_url("**/a-res-79-136/index.html")
    page.wait_for_load_state("networkidle")
    assert not failed and not errors, (failed, errors)
    # The page's citations in every style came with it (the Cite buttons' style switch); the
    # address changes as instant navigation starts, the new content comes a moment later.
    page.wait_for_selector("#edition-citations", state="attached")
    styles = page.evaluate(
        "Object.keys(JSON.parse(document.getElementById('edition-citations').dataset.citations).styles)"
    )
    assert "oscola" in styles


@pytest.mark.parametrize(
    "path", ["/", "/resolutions/a-res-77-237/", "/glossary/", "/resolutions/a-res-79-136/changes/"]
)
def test_mobile_viewport_has_no_horizontal_scrolling(browser: Browser, server: str, path: str):
    context = browser.new_context(base_url=server, viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 375


def test_the_site_works_from_a_local_folder_search_included(browser: Browser, site: Path):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((site / "index.html").as_uri())
    page.click("a[href='resolutions/index.html']")
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.endswith("/resolutions/index.html")
    page.click("input.md-search__input")
    page.locator("input.md-search__input").press_sequentially("BioTracker", delay=30)
    page.wait_for_selector(".md-search-result__item")
    context.close()
    assert not errors


# --- accessibility ----------------------------------------------------------------------

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/resolutions/a-res-77-20/",
        "/resolutions/a-res-79-136/changes/",
        "/glossary/",
        "/documents/interpol-international-day-of-police-cooperation/",
        "/data/",
    ],
)
def test_axe_finds_no_wcag_violation(browser: Browser, server: str, path: str, scheme: str):
    assert AXE.exists(), "axe-core is missing: run `make setup` (npm ci)"
    context = browser.new_context(base_url=server, color_scheme=scheme)
    page = context.new_page()
    page.goto(path)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(
                v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }""",
        WCAG,
    )
    context.close()
    assert violations == []


# --- the README's picture -----------------------------------------------------------------

README_SCREENSHOT = Path(__file__).parent / "screenshots" / "resolution-page.png"


def test_the_readmes_screenshot_is_a_resolution_page_as_built_now(browser: Browser, server: str):
    """The README shows a resolution page as this build draws it: the test takes the picture
    (and rewrites it when the page changed), so it never shows an old page."""
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 800}, color_scheme="light")
    page = context.new_page()
    page.goto("/resolutions/a-res-77-20/#op17")  # paragraph 17 and its items, highlighted
    page.wait_for_selector("#op17-a")
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(500)
    shot = page.screenshot()
    context.close()
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 20_000  # a picture of a page, not a blank
    README_SCREENSHOT.parent.mkdir(exist_ok=True)
    if not README_SCREENSHOT.exists() or README_SCREENSHOT.read_bytes() != shot:
        README_SCREENSHOT.write_bytes(shot)
    assert "tests/screenshots/resolution-page.png" in (Path(__file__).parent.parent / "README.md").read_text()


# --- layout: nothing wider than its column, from a phone to a wide screen ---------------------

PAGE_KINDS = [
    "/",
    "/resolutions/a-res-77-20/",
    "/resolutions/a-res-51-1/",
    "/resolutions/s-res-2322-2016/",
    "/resolutions/a-res-55-25/",
    "/resolutions/a-res-79-136/changes/",
    "/documents/interpol-statement-uncops-2022/",
    "/glossary/",
    "/indexes/citations/",
    "/data/",
]
OVERFLOW = """() => {
  const column = document.querySelector("article.md-content__inner") || document.querySelector("article");
  // 6 px: the padding of inline code that wraps at the column's edge (Material's), no more.
  const edge = column.getBoundingClientRect().right + 6;
  const wide = [];
  for (const el of column.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (!box.width || box.right <= edge) continue;
    if (el.closest(".md-typeset__scrollwrap, pre, .md-typeset__table")) continue;  // scroll within themselves
    let hidden = false;  // inside a visually hidden heading (a 1 px box that clips what it holds)
    for (let up = el; up && up !== column; up = up.parentElement) {
      if (up.getBoundingClientRect().width <= 1 && getComputedStyle(up).overflow === "hidden") hidden = true;
    }
    if (!hidden) wide.push(el.tagName + (el.id ? "#" + el.id : "") + "." + el.className);
  }
  return {page: document.documentElement.scrollWidth - window.innerWidth, wide: wide.slice(0, 5)};
}"""


WIDTHS = [320, 375, 768, 1024, 1280, 1440, 1920, 2560]


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_no_element_is_wider_than_its_column(browser: Browser, server: str, path: str):
    """At every width from a phone's to a wide screen's: the page loaded at the narrowest,
    then the window widened (the layout follows the window, as Material's does when a
    reader turns a tablet or resizes a window)."""
    context = browser.new_context(base_url=server, viewport={"width": WIDTHS[0], "height": 900})
    page = context.new_page()
    page.goto(path)
    # The layout as it settles at each width, not a step of the theme's transitions (the
    # drawer's slide overflows for a quarter of a second).
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important }")
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        result = page.evaluate(OVERFLOW)
        if result["page"] > 0 or result["wide"]:
            found[width] = result
    context.close()
    assert found == {}
