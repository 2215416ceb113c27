"""Treaties annexed in articles: the conventions and protocols the General Assembly adopted
read as treaties (preamble, chapters, articles, numbered paragraphs, items, final clauses),
with anchors that follow the articles, on the page and in every export.

The counts are those of ../shared/convention_texts/SOURCES.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_scripts.conventions import citation, eid_for_anchor, label
from build_scripts.model import Annex, Article, plain_text, provisions
from build_scripts.parse.resolution import parse_resolution
from build_scripts.parse.sources import load_source
from build_scripts.render.citations import csl_locator, document_citations

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "source_texts"


@pytest.fixture(scope="module")
def palermo():
    return parse_resolution(load_source(SOURCES / "a-res-55-25.txt"))


@pytest.fixture(scope="module")
def cybercrime():
    return parse_resolution(load_source(SOURCES / "a-res-79-243.txt"))


def article(annex: Annex, number: int) -> Article:
    assert annex.treaty is not None
    return next(a for a in annex.treaty.articles if a.number == number)


def recitals(annex: Annex) -> list[str]:
    """The preamble's paragraphs between the formula and "Have agreed as follows:"."""
    words = [plain_text(p.content) for p in annex.paragraphs()]
    assert words[0].startswith("The States Parties to") and words[-1] == "Have agreed as follows:"
    return words[1:-1]


def test_the_palermo_resolution_and_its_three_treaties_read_as_sources_counts_them(palermo):
    r = palermo
    assert (len(r.preamble), len(r.operative), r.subparagraph_count(), len(r.footnotes)) == (10, 12, 0, 5)
    assert r.operative[-1].opening.endswith("pursuant to paragraph 10 above.")
    assert r.meta.meeting == "62nd plenary meeting" and r.meta.adoption_date.isoformat() == "2000-11-15"
    convention, trafficking, smuggling = r.annexes
    assert [a.label for a in r.annexes] == ["Annex I", "Annex II", "Annex III"]
    assert convention.title == "United Nations Convention against Transnational Organized Crime"
    assert trafficking.title.startswith("Protocol to Prevent, Suppress and Punish Trafficking in Persons")
    assert smuggling.title.startswith("Protocol against the Smuggling of Migrants by Land, Sea and Air")
    # Annex I: articles 1-41, no preamble, no chapters, each article with its title.
    assert [a.number for a in convention.treaty.articles] == list(range(1, 42))
    assert convention.items == [] and convention.treaty.chapters == []
    assert all(a.title for a in convention.treaty.articles)
    # The Protocols: a preamble of 5 and 8 recitals, chapters I-IV, articles 1-20 and 1-25.
    assert len(recitals(trafficking)) == 5 and len(recitals(smuggling)) == 8
    for protocol, count in [(trafficking, 20), (smuggling, 25)]:
        assert [c.label for c in protocol.treaty.chapters] == ["I", "II", "III", "IV"]
        assert [a.number for a in protocol.treaty.articles] == list(range(1, count + 1))
        assert protocol.treaty.chapters[0].title == "General provisions"
        assert protocol.treaty.chapters[-1].title == "Final provisions"
    # Each ends with its final clause, IN WITNESS WHEREOF.
    for annex in r.annexes:
        assert plain_text(annex.treaty.final[0].content).startswith("IN WITNESS WHEREOF, the undersigned")


def test_article_27_law_enforcement_cooperation_has_its_paragraphs_and_items(palermo):
    art = article(palermo.annexes[0], 27)
    assert (art.heading, art.title, art.anchor) == ("Article 27", "Law enforcement cooperation", "annex1-art27")
    anchors = [p.anchor for p in provisions(art.provisions)]
    assert anchors == [
        "annex1-art27-1",
        *(f"annex1-art27-1-{x}" for x in "ab"),
        *(f"annex1-art27-1-b-{x}" for x in ["i", "ii", "iii"]),
        *(f"annex1-art27-1-{x}" for x in "cdef"),
        "annex1-art27-2",
        "annex1-art27-3",
    ]
    first = art.provisions[0]
    assert plain_text(first.content).startswith("States Parties shall cooperate closely with one another")
    assert first.items[0].num == "(a)" and plain_text(first.items[0].content).startswith("To enhance and")
    assert label("annex1-art27-1-a") == "annex I, art. 27, para. 1 (a)"
    assert citation("A/RES/55/25", "annex1-art27-1-a") == "A/RES/55/25, annex I, art. 27, para. 1 (a)"
    # Its eId names its annex, where the resolution annexes several (eIds are unique in a file).
    assert eid_for_anchor("annex1-art27-1-a") == "annex_1__art_27__para_1__point_a"
    assert eid_for_anchor("annex-art27-1-a") == "art_27__para_1__point_a"


def test_the_layout_traps_of_the_palermo_text(palermo):
    convention = palermo.annexes[0]
    # Article 5: "a." and "b." under 1 (a) (ii).
    five = [(p.anchor, p.num) for p in provisions(article(convention, 5).provisions)]
    assert ("annex1-art5-1-a-ii-a", "a.") in five and ("annex1-art5-1-a-ii-b", "b.") in five
    # Article 6: "(a) (i) The conversion ...": an item opening with its first item.
    six = article(convention, 6).provisions[0]
    assert six.items[0].anchor == "annex1-art6-1-a" and plain_text(six.items[0].content) == ""
    assert plain_text(six.items[0].items[0].content).startswith("The conversion or transfer of property")
    # Article 29: items (e) and (f) printed after the page number of the page they belong to.
    twenty_nine = article(convention, 29).provisions[0]
    assert [i.num for i in twenty_nine.items] == [f"({x})" for x in "abcdefghi"]
    assert plain_text(twenty_nine.items[4].content) == "Collection of evidence;"
    # Article 35: "l." for "1." (a lower-case L).
    thirty_five = article(convention, 35)
    assert thirty_five.title == "Settlement of disputes" and thirty_five.provisions[0].num == "1."
    assert plain_text(thirty_five.provisions[0].content).startswith("States Parties shall endeavour to settle")
    # The footnotes set at page feet with no rule above them are footnotes, not text.
    assert [plain_text(n.content) for n in palermo.footnotes][:2] == ["A/C.3/51/7, annex.", "A/AC.254/34."]
    assert all("A/AC.254/34" not in plain_text(op.content) for op in palermo.operative)
    # The Trafficking Protocol's article 10, "Information exchange and training".
    ten = article(palermo.annexes[1], 10)
    assert ten.title == "Information exchange and training" and ten.chapter == "annex2-chp3"
    assert [p.anchor for p in ten.provisions[0].items] == [f"annex2-art10-1-{x}" for x in "abc"]


def test_the_cybercrime_convention_in_chapters_with_an_annex_of_its_own(cybercrime):
    r = cybercrime
    assert r.meta.meeting == "55th (resumed) plenary meeting"
    convention, notes = r.annexes
    assert convention.title.startswith("United Nations Convention against Cybercrime; Strengthening International")
    assert [c.label for c in convention.treaty.chapters] == "I II III IV V VI VII VIII IX".split()
    chapter_v = convention.treaty.chapters[4]
    assert (chapter_v.heading, chapter_v.title, chapter_v.anchor) == (
        "Chapter V",
        "International cooperation",
        "annex-chp5",
    )
    in_v = convention.treaty.articles_in(chapter_v)
    assert (in_v[0].number, in_v[0].title) == (35, "General principles of international cooperation")
    # The text numbers its articles 1 to 68 (SOURCES.md's "1-71" counts the three notes' lines too).
    assert [a.number for a in convention.treaty.articles] == list(range(1, 69))
    assert article(convention, 13).heading == "Article 13."  # printed so
    assert plain_text(convention.treaty.final[0].content).startswith("IN WITNESS WHEREOF")
    # The Convention's own annex: interpretative notes on articles 2, 17, 23 and 35.
    assert notes.of_treaty and notes.anchor == "annex-annex" and notes.title.startswith("Interpretative notes")
    assert [a.number for a in notes.treaty.articles] == [2, 17, 23, 35]
    assert article(notes, 23).heading.startswith("Articles 23 and 35, with regard to the term")
    assert article(notes, 23).provisions[0].anchor == "annex-annex-art23-4"
    # An item run on after the one before it ("...users; and (ii) Does not ...") is its own.
    three = article(convention, 23).provisions[2]
    assert [i.anchor for i in three.items[1].items] == ["annex-art23-3-b-i", "annex-art23-3-b-ii"]


def test_treaty_citations_in_every_style(palermo):
    assert csl_locator("annex1-art27-1-a", "oscola") == {"locator": "annex I, art 27(1)(a)"}
    assert csl_locator("annex1-art27-1-a", "bluebook") == {"locator": "annex I, art. 27(1)(a)"}
    places = document_citations([palermo], "")[palermo.slug]
    cited = places["annex1-art27-1-a"]
    assert cited["un"] == "A/RES/55/25, annex I, art. 27, para. 1 (a)"
    assert cited["un-long"].endswith("of 15 November 2000, annex I, art. 27, para. 1 (a)")
    # A treaty the sidecar gives a Treaty Series reference is cited as a treaty (by rule).
    untoc = "United Nations Convention against Transnational Organized Crime"
    assert cited["oscola"] == f"{untoc} (adopted 15 November 2000) 2225 UNTS 209, art 27(1)(a)."
    assert cited["bluebook"] == f"{untoc} art. 27(1)(a), Nov. 15, 2000, 2225 U.N.T.S. 209."
    assert places["annex1-art27"]["un"] == "A/RES/55/25, annex I, art. 27"
    assert places["annex2-art10"]["oscola"].endswith("2237 UNTS 319, art 10.")


def test_a_treaty_without_a_treaty_series_reference_is_cited_in_its_resolution(cybercrime):
    places = document_citations([cybercrime], "")[cybercrime.slug]
    cited = places["annex-art35-1-a"]
    assert cited["un"] == "A/RES/79/243, annex, art. 35, para. 1 (a)"
    assert "UN Doc A/RES/79/243" in cited["oscola"] and "annex, art 35(1)(a)" in cited["oscola"]
    assert "annex, art. 35(1)(a)" in cited["bluebook"]


# --- the built site -------------------------------------------------------------------------


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def test_article_27_and_article_10_at_their_anchors(site: Path):
    soup = page(site, "resolutions/a-res-55-25")
    heading = soup.select_one("#annex1-art27")
    assert heading.name in ("h3", "h4") and "Law enforcement cooperation" in heading.get_text()
    item = soup.select_one("#annex1-art27-1-a")
    assert item["data-cite"] == "A/RES/55/25, annex I, art. 27, para. 1 (a)"
    assert item.select_one(".para-num").get_text() == "(a)" and item.select_one("button.cite-copy")
    assert soup.select_one("#annex2-art10").get_text(" ", strip=True).startswith("Article 10 Information exchange")
    assert soup.select_one("#annex2-chp3").name == "h3" and soup.select_one("#annex2-art10").name == "h4"
    # The outline goes annex -> chapter -> article.
    toc = [a.get_text(" ", strip=True) for a in soup.select(".md-sidebar--secondary .md-nav__link")]
    assert "Article 27 Law enforcement cooperation" in toc
    assert len(soup.select("p.para[id^=annex1-art]")) > 150


def test_the_cybercrime_conventions_chapter_v(site: Path):
    soup = page(site, "resolutions/a-res-79-243")
    chapter = soup.select_one("#annex-chp5")
    assert chapter.get_text(" ", strip=True).startswith("Chapter V International cooperation")
    assert soup.select_one("#annex-art35-1-a")["data-cite"] == "A/RES/79/243, annex, art. 35, para. 1 (a)"
    assert soup.select_one("#annex-annex-art2-1") is not None


def test_the_exports_carry_the_articles(site: Path):
    folder = site / "resolutions" / "a-res-55-25"
    data = json.loads((folder / "a-res-55-25.json").read_text(encoding="utf-8"))
    treaty = data["annexes"][0]["treaty"]
    art27 = next(a for a in treaty["articles"] if a["number"] == 27)
    item = art27["provisions"][0]["items"][0]
    assert art27["akn_eid"] == "annex_1__art_27" and item["akn_eid"] == "annex_1__art_27__para_1__point_a"
    assert art27["provisions"][0]["items"][0]["citation"] == "A/RES/55/25, annex I, art. 27, para. 1 (a)"
    from lxml import etree

    from build_scripts.render.akn import schema

    xml = etree.parse(str(folder / "a-res-55-25.xml"))
    assert schema().validate(xml), schema().error_log.last_error
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    acts = xml.findall(".//a:attachment/a:act", ns)
    assert [a.findtext(".//a:docTitle", namespaces=ns)[:41] for a in acts] == [
        "United Nations Convention against Transna",
        "Protocol to Prevent, Suppress and Punish ",
        "Protocol against the Smuggling of Migrant",
    ]
    point = xml.find(".//a:point[@eId='annex_1__art_27__para_1__point_a']", ns)
    assert point.findtext("a:num", namespaces=ns) == "(a)"
    assert "To enhance and, where necessary" in "".join(point.itertext())
    chapter = xml.find(".//a:chapter[@eId='annex_2__chp_3']", ns)
    assert chapter.findtext("a:heading", namespaces=ns) == "Prevention, cooperation and other measures"
    assert chapter.find("a:article[@eId='annex_2__art_10']", ns) is not None
    assert len(xml.findall(".//a:act//a:recital", ns)) == 5 + 8  # the Protocols' preambles
    from pypdf import PdfReader

    def titles(outline: list, depth: int = 0) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        for entry in outline:
            out += titles(entry, depth + 1) if isinstance(entry, list) else [(depth, entry.title)]
        return out

    outline = titles(PdfReader(folder / "a-res-55-25.pdf").outline)
    assert (1, "Annex I") in outline and (2, "Article 27 Law enforcement cooperation") in outline
    assert (2, "I. General provisions") in outline and (3, "Article 10 Information exchange and training") in outline


# --- in the browser -------------------------------------------------------------------------


def test_go_to_an_article_and_its_items(page):
    page.goto("/resolutions/a-res-55-25/")
    field = page.locator("form.goto-paragraph input")
    for typed, anchor in [
        ("art 27(1)(a)", "annex1-art27-1-a"),
        ("article 27 paragraph 1", "annex1-art27-1"),
        ("art. 27, para. 1 (b) (ii)", "annex1-art27-1-b-ii"),
        ("annex II art 10", "annex2-art10"),
        ("annex III, art 6(1)(a)", "annex3-art6-1-a"),
    ]:
        field.fill(typed)
        field.press("Enter")
        page.wait_for_function(f"location.hash === '#{anchor}'")
    field.fill("art 99")
    field.press("Enter")
    assert "No paragraph art 99" in page.locator("form.goto-paragraph output").inner_text()


def test_search_understands_a_treaty_by_its_short_title_and_an_article(page):
    from conftest import search_box

    assert search_box(page, "UNTOC art 27")[0] == "/resolutions/a-res-55-25/#annex1-art27"
    assert search_box(page, "UNTOC art 27(1)(a)")[0] == "/resolutions/a-res-55-25/#annex1-art27-1-a"
    assert search_box(page, "Cybercrime Convention art 35")[0] == "/resolutions/a-res-79-243/#annex-art35"
    first = page.locator(".citation-result h1").inner_text()
    assert first == "Cybercrime Convention · A/RES/79/243, annex, art. 35"
    # On the treaty's page, the article alone.
    page.goto("/resolutions/a-res-55-25/")
    page.click("input.md-search__input")
    page.locator("input.md-search__input").press_sequentially("article 27 paragraph 1", delay=20)
    page.wait_for_selector(".citation-result a[href*='#annex1-art27-1']")
