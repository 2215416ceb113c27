"""Reading it right, in chromium: a paragraph's selection holds only its words, the switch
to the text alone, going to a paragraph, the edition's preambular numbers, printing from the
browser, tables and glossary terms on a phone."""

from __future__ import annotations

import io
from pathlib import Path

from playwright.sync_api import Browser, Page
from pypdf import PdfReader


def own_words(page: Page, selector: str) -> str:
    """The paragraph's words without what the edition adds, as the page shows them."""
    return page.eval_on_selector(
        selector,
        """el => { const c = el.cloneNode(true);
                   c.querySelectorAll('.annotations, .para-controls, .pp-num').forEach(x => x.remove());
                   return c.textContent.replace(/\\s+/g, ' ').trim(); }""",
    )


def test_a_paragraph_copied_holds_only_the_words_adopted(page: Page):
    page.goto("/resolutions/a-res-77-20/")
    assert page.locator("#op10 .annotations .theme-tag").count() >= 1  # the paragraph has tags
    # Triple-click stops at the line of notes; a reader dragging over the whole paragraph
    # selects all of it: select its contents whole, then copy.
    page.click("#op10", click_count=3)
    page.eval_on_selector(
        "#op10",
        "el => { const r = document.createRange(); r.selectNodeContents(el); "
        "const s = getSelection(); s.removeAllRanges(); s.addRange(r); }",
    )
    page.keyboard.press("Control+C")
    copied = " ".join(page.evaluate("navigator.clipboard.readText()").split())
    words = own_words(page, "#op10")
    assert copied.startswith("10. Encourages further cooperation")
    assert copied == words, (copied, words)
    for tag in page.eval_on_selector_all("#op10 .theme-tag", "els => els.map(e => e.textContent)"):
        assert tag not in copied
    assert "Cite" not in copied and "¶" not in copied


def test_annotations_are_announced_as_notes_on_a_line_of_their_own(page: Page):
    page.goto("/resolutions/a-res-79-136/")
    note = page.locator("#op3 .annotations")
    assert note.get_attribute("role") == "note"
    assert "edition" in (note.get_attribute("aria-label") or "")
    text_bottom = page.eval_on_selector("#op3", "el => el.firstChild.parentElement.getBoundingClientRect().top")
    assert note.bounding_box()["y"] > text_bottom  # under the text, not after its last word
    assert page.eval_on_selector("#op3 .annotations", "el => getComputedStyle(el).userSelect") == "none"


def test_the_text_alone_switch_hides_every_annotation_and_is_remembered(page: Page):
    page.goto("/resolutions/a-res-79-136/")
    toggle = page.locator("button.text-only-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    assert page.locator("#op3 .annotations").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    for selector in ["#op3 .annotations", "#pp3 .pp-num", ".references-panel", ".cited-by-panel"]:
        assert not page.locator(selector).first.is_visible(), selector
    page.emulate_media(media="print")
    assert not page.locator("#op3 .annotations").is_visible()
    page.emulate_media(media="screen")
    page.goto("/resolutions/a-res-77-20/")  # remembered on the next page
    assert page.locator("button.text-only-toggle").get_attribute("aria-pressed") == "true"
    assert not page.locator("#op10 .annotations").is_visible()
    page.locator("button.text-only-toggle").press("Enter")  # and by keyboard
    assert page.locator("#op10 .annotations").is_visible()


def test_go_to_a_paragraph_by_its_number(page: Page):
    page.goto("/resolutions/a-res-78-229/")
    field = page.locator("form.goto-paragraph input")
    for typed, anchor in [("62", "op62"), ("pp 3", "pp3"), ("op 88", "op88")]:
        field.fill(typed)
        field.press("Enter")
        page.wait_for_function(f"location.hash === '#{anchor}'")
        box = page.locator(f"#{anchor}").bounding_box()
        assert 0 <= box["y"] < page.viewport_size["height"], anchor
    field.fill("999")
    field.press("Enter")
    assert "No paragraph 999" in page.locator("form.goto-paragraph output").inner_text()
    page.goto("/resolutions/a-res-77-20/")
    page.fill("form.goto-paragraph input", "17 (a)")
    page.click("form.goto-paragraph button")
    page.wait_for_function("location.hash === '#op17-a'")


def test_preambular_numbers_are_the_editions_and_say_so(page: Page):
    page.goto("/resolutions/a-res-77-20/")
    number = page.locator("#pp3 .pp-num")
    assert number.is_visible() and number.inner_text() == "3"
    assert "edition's number" in number.get_attribute("title")
    assert number.get_attribute("aria-hidden") == "true"


def test_printing_fits_the_pdf_and_prints_no_address_of_the_sites_own_links(page: Page, server: str, site: Path):
    page.goto("/resolutions/a-res-78-229/")
    page.click("a[href$='a-res-77-237/index.html']")  # instant navigation makes links absolute
    page.wait_for_url("**/a-res-77-237/**")
    page.goto("/resolutions/a-res-78-229/")
    page.emulate_media(media="print")
    printed = PdfReader(io.BytesIO(page.pdf(format="A4")))
    ours = PdfReader(site / "resolutions/a-res-78-229/a-res-78-229.pdf")
    assert len(printed.pages) <= 1.3 * len(ours.pages), (len(printed.pages), len(ours.pages))
    text = " ".join(p.extract_text() for p in printed.pages)
    assert "78/229" in printed.pages[0].extract_text()  # it starts on page 1
    assert server not in text and "<http://127.0.0.1" not in text
    assert "<https://docs.un.org/" in text.replace("\n", "")  # links that leave the edition do
    # A readable measure: the text's lines hold some 60 to 100 characters, not 150.
    lines = sorted(len(line) for page in printed.pages[1:3] for line in page.extract_text().split("\n") if line)
    assert 60 <= lines[len(lines) * 3 // 4] <= 100, lines[len(lines) * 3 // 4]
    # No control and no note of the edition on paper: no Cite button, no History line.
    assert "Cite the whole text" not in text and "Citation style" not in text and "History:" not in text
    assert text.split().count("Cite") <= 1  # the metadata's row of citation files, no button


def test_the_notes_are_printed_only_when_asked(page: Page):
    page.goto("/resolutions/a-res-79-136/")

    def printed_history() -> bool:
        return page.eval_on_selector("#pp1 .history", "el => el.getClientRects().length > 0")

    page.emulate_media(media="print")
    assert not printed_history()
    page.emulate_media(media="screen")
    page.click("button.print-notes-toggle")
    assert page.get_attribute("button.print-notes-toggle", "aria-pressed") == "true"
    page.emulate_media(media="print")
    assert printed_history()
    page.emulate_media(media="screen")
    page.click("button.print-notes-toggle")  # remembered: set it back for the other tests
    page.emulate_media(media="print")
    assert not printed_history()


def test_on_a_phone_tables_keep_their_links_on_screen(browser: Browser, server: str):
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 844})
    phone = context.new_page()
    for path in ["/", "/series/cooperation-between-the-united-nations-and-the-international/"]:
        phone.goto(path)
        links = phone.locator("article table a")
        assert links.count() > 3
        for i in range(links.count()):
            box = links.nth(i).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1, (path, i)
    context.close()


def test_a_tap_on_a_glossary_term_shows_its_definition_then_opens_the_glossary(browser: Browser, server: str):
    context = browser.new_context(
        base_url=server, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    phone = context.new_page()
    phone.goto("/resolutions/a-res-77-20/")
    term = phone.locator("#op13 a.term").first
    term.scroll_into_view_if_needed()
    term.tap()
    tooltip = phone.locator("[role=tooltip].md-tooltip2--active")
    tooltip.wait_for()
    assert "/resolutions/a-res-77-20/" in phone.url and "glossary" not in phone.url
    term.tap()
    phone.wait_for_url("**/glossary/**")
    context.close()


def test_search_understands_citations_and_lands_on_the_paragraph(page: Page):
    from conftest import search_box

    for query, first in [
        ("77/20 para 17", "/resolutions/a-res-77-20/#op17"),
        ("77/20 17(a)", "/resolutions/a-res-77-20/#op17-a"),
        ("A/RES/77/20 op17", "/resolutions/a-res-77-20/#op17"),
        ("78/229 para 62", "/resolutions/a-res-78-229/#op62"),
        ("79/136 pp3", "/resolutions/a-res-79-136/#pp3"),
    ]:
        assert search_box(page, query)[0] == first, query
    page.click(".citation-result a")
    page.wait_for_url("**/a-res-79-136/**#pp3")
    page.wait_for_function("document.getElementById('pp3').classList.contains('is-target')")
    # On a resolution's page, a paragraph number alone is one of its paragraphs.
    page.goto("/resolutions/a-res-78-223/")
    page.click("input.md-search__input")
    page.locator("input.md-search__input").press_sequentially("pp 5", delay=30)
    page.wait_for_selector(
        ".citation-result a[href$='a-res-78-223/index.html#pp5'], .citation-result a[href$='a-res-78-223/#pp5']"
    )
    # Not a citation: Material's own results, untouched.
    assert search_box(page, "BioTracker")[0] != "" and page.locator(".citation-result").count() == 0


def test_every_citation_the_site_prints_lands_on_its_paragraph(page: Page):
    """Each style's form of a place, as its Cite button copies it, typed in the search box,
    gives that place as the first result; the page's citation reader (the one the search box
    asks) reads back every form of every kind of place."""
    from conftest import search_box

    places = {
        "a-res-77-20": ["", "op17", "op17-a", "pp3", "pp12", "fn:1", "fn:5"],
        "a-res-76-181": ["annex-para97", "annex-p3", "op12"],
        "a-res-55-25": ["annex1-art27", "annex1-art27-1-b-i"],
        "a-res-79-243": ["annex-art27-a"],
        "s-res-2322-2016": ["op13-a", "pp4"],
    }
    read_back = "q => window.editionCitationOf(q)"
    for slug, anchors in places.items():
        page.goto(f"/resolutions/{slug}/")
        forms = page.evaluate("JSON.parse(document.getElementById('edition-citations').dataset.citations).places")
        for anchor in anchors:
            if not anchor:
                continue  # the whole text: no paragraph to land on
            for style, text in forms[anchor].items():
                assert page.evaluate(read_back, text) == f"resolutions/{slug}/#{anchor}", (style, text)
    # Typed in the box, one place in each style.
    page.goto("/resolutions/a-res-77-20/")
    forms = page.evaluate("JSON.parse(document.getElementById('edition-citations').dataset.citations).places")
    for style, text in forms["op17-a"].items():
        assert search_box(page, text)[0] == "/resolutions/a-res-77-20/#op17-a", (style, text)


# Citations as readers type them: commas, spaces and full stops where they please.
TYPED = {
    "A/RES/77/20, para 17": "a-res-77-20/#op17",
    "A/RES/77/20 , para. 17": "a-res-77-20/#op17",
    "A/RES/77/20, para. 17 (a)": "a-res-77-20/#op17-a",
    "A/RES/77/20,para.17(a)": "a-res-77-20/#op17-a",
    "77/20, 17 (a)": "a-res-77-20/#op17-a",
    "77/20 para 17(a).": "a-res-77-20/#op17-a",
    "A/RES/77/20, preambular para. 3": "a-res-77-20/#pp3",
    "A/RES/77/20, pp 3": "a-res-77-20/#pp3",
    "A/RES/77/20, footnote 5": "a-res-77-20/#fn:5",
    "A/RES/77/20, fn 5": "a-res-77-20/#fn:5",
    "A/RES/76/181, annex, para. 97": "a-res-76-181/#annex-para97",
    "76/181, annex, para 97": "a-res-76-181/#annex-para97",
    "A/RES/76/181, annex, third paragraph": "a-res-76-181/#annex-p3",
    "UNGA Res 77/20, para 17(a)": "a-res-77-20/#op17-a",
    "G.A. Res. 77/20, ¶ 17(a)": "a-res-77-20/#op17-a",
    "General Assembly resolution 77/20, third preambular paragraph": "a-res-77-20/#pp3",
    "S/RES/2322 (2016), para. 13 (a)": "s-res-2322-2016/#op13-a",
    "2322 (2016), para 13(a)": "s-res-2322-2016/#op13-a",
}


def test_a_citation_typed_with_commas_spaces_or_stops_is_read_as_the_same_place(page: Page):
    page.goto("/")
    page.wait_for_function("typeof window.editionCitationOf === 'function'")
    read = {query: page.evaluate("q => window.editionCitationOf(q)", query) for query in TYPED}
    assert read == {query: f"resolutions/{place}" for query, place in TYPED.items()}
    # Words that cite nothing are no citation.
    for query in ["BioTracker", "red notices", "trafficking in persons", "2030 Agenda"]:
        assert page.evaluate("q => window.editionCitationOf(q)", query) is None, query


def test_a_changes_page_can_hide_its_unchanged_paragraphs(page: Page):
    page.goto("/resolutions/a-res-79-136/changes/")
    unchanged = page.locator(".change-unchanged").first
    changed = page.locator(".change-changed").first
    assert unchanged.is_visible() and changed.is_visible()
    page.click("button.unchanged-toggle")
    assert not unchanged.is_visible() and changed.is_visible()
    assert page.locator("button.unchanged-toggle").get_attribute("aria-pressed") == "true"
    page.reload()
    assert not page.locator(".change-unchanged").first.is_visible()  # remembered
    page.click("button.unchanged-toggle")
    assert page.locator(".change-unchanged").first.is_visible()


def test_the_history_line_links_each_step_of_the_series(page: Page):
    page.goto("/resolutions/a-res-77-20/")
    history = page.locator("#pp1 .history")
    assert "first in 71/19" in history.inner_text() and "77/20" in history.inner_text()
    history.locator("a", has_text="first in 71/19").click()
    page.wait_for_url("**/a-res-71-19/**#pp1")


def test_a_phrase_ranks_its_paragraphs_above_the_index_pages(page: Page):
    from conftest import search_box

    links = search_box(page, "trafficking in persons")
    first_paragraph = next(i for i, link in enumerate(links) if "#" in link and link.startswith("/resolutions/"))
    assert not [link for link in links[:first_paragraph] if link.startswith("/indexes/")], links[:first_paragraph]


def test_a_citation_style_is_chosen_copied_in_each_style_and_remembered(page: Page):
    """The style switch on a resolution page: each style's citation is what the Cite button
    copies (the page's own CSL rendering), by mouse and by keyboard, and the choice holds on
    the next page."""
    page.goto("/resolutions/a-res-77-20/")
    forms = page.evaluate("JSON.parse(document.getElementById('edition-citations').dataset.citations).places")

    def copied(selector: str) -> str:
        page.click(selector)
        page.wait_for_function(f"document.querySelector({selector!r}).hasAttribute('data-copied')")
        text = page.get_attribute(selector, "data-copied")
        page.evaluate(f"document.querySelector({selector!r}).removeAttribute('data-copied')")
        return text

    assert copied("#op17-a .cite-copy").startswith("A/RES/77/20, para. 17 (a) http")  # the default
    for style in ["un-long", "oscola", "bluebook"]:
        page.select_option("select.cite-style", style)
        assert copied("#op17-a .cite-copy") == forms["op17-a"][style]
        assert copied("li[id='fn:5'] .cite-copy") == forms["fn:5"][style]
        assert copied("button.cite-document") == forms[""][style]
    assert copied("#op17-a .cite-copy") == "G.A. Res. 77/20, ¶ 17(a) (Nov. 21, 2022)."
    page.goto("/resolutions/a-res-79-136/")  # remembered on the next page
    assert page.locator("select.cite-style").input_value() == "bluebook"
    assert copied("#op19 .cite-copy").startswith("G.A. Res. 79/136, ¶ 19")
    select = page.locator("select.cite-style")  # by keyboard: focus the switch, move up to OSCOLA
    select.focus()
    page.keyboard.press("ArrowUp")
    assert select.input_value() == "oscola"
    page.locator("#op19 .cite-copy").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#op19 .cite-copy')?.hasAttribute('data-copied')")
    assert page.get_attribute("#op19 .cite-copy", "data-copied").startswith("UNGA Res 79/136 (6 December 2024)")
