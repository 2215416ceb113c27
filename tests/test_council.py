"""Security Council resolutions: the same reader, the Council's grammar (its masthead and
formula, the legal basis, headings and "a." items, no closing line), and every output.

The counts are those of ../shared/sc_texts/SOURCES.md, read paragraph by paragraph."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_scripts.annotate.links import LinkContext, link_inlines
from build_scripts.conventions import SECURITY_COUNCIL, official_url
from build_scripts.model import DocumentLink, Text, plain_text
from build_scripts.parse.resolution import parse_resolution
from build_scripts.parse.sources import SourceText, load_source
from build_scripts.render.citations import document_citations

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "source_texts"

# symbol: (adopted, meeting, preambular, operative, {paragraph: item labels}, the legal basis?)
COUNCIL = {
    "s-res-1373-2001": ("2001-09-28", "4385th meeting", 9, 9, {1: "abcd", 2: "abcdefg", 3: "abcdefg"}, True),
    "s-res-2178-2014": ("2014-09-24", "7272nd meeting", 22, 27, {6: "abc", 23: "ab"}, True),
    "s-res-2462-2019": ("2019-03-28", "8496th meeting", 19, 38, {19: "abcd", 20: "abcd", 28: "abcd"}, True),
    "s-res-2482-2019": ("2019-07-19", "8582nd meeting", 19, 26, {10: "ab", 15: "abcdef"}, False),
    "s-res-2185-2014": ("2014-11-20", "7317th meeting", 34, 33, {4: "abcdef", 9: "abcde"}, False),
    "s-res-2331-2016": ("2016-12-20", "7847th meeting", 14, 24, {2: "abcd", 3: "ab"}, False),
    "s-res-2322-2016": ("2016-12-12", "7831st meeting", 20, 22, {9: "abcd", 13: "abcdefgh", 19: "abcd"}, False),
}
# The first and last words of each text's preamble and of its last paragraph (SOURCES.md).
FIRST_LAST = {
    "s-res-1373-2001": (
        "Reaffirming its resolutions 1269 (1999)",
        "Reaffirming the principle established by the General Assembly",
        "Decides to remain seized of this matter.",
    ),
    "s-res-2178-2014": ("Reaffirming that terrorism in all forms", "Noting the continued threat", "of the matter."),
    "s-res-2462-2019": (
        "Recalling its resolutions 1267 (1999)",
        "Recognizing the significant need",
        "Decides to remain seized of this matter.",
    ),
    "s-res-2482-2019": (
        "Recalling its resolutions 1267 (1999)",
        "Noting recent developments and initiatives",
        "Decides to remain seized of this matter.",
    ),
    "s-res-2185-2014": (
        "Recalling its primary responsibility",
        "Reaffirming that the primary responsibility for the security",
        "achievement of mission mandates.",
    ),
    "s-res-2331-2016": (
        "Recalling Presidential Statement 2015/25,",
        "Noting with concern the criminal misuse",
        "Decides to remain actively seized of this matter.",
    ),
    "s-res-2322-2016": (
        "Recalling its resolutions 1267 (1999)",
        "Recalling that the obligation in paragraph 1(d)",
        "on the implementation of this resolution.",
    ),
}


@pytest.fixture(scope="module")
def council() -> dict[str, object]:
    return {slug: parse_resolution(load_source(SOURCES / f"{slug}.txt")) for slug in COUNCIL}


@pytest.mark.parametrize("slug", sorted(COUNCIL))
def test_each_council_text_reads_as_its_sources_count_it(council, slug: str):
    r = council[slug]
    adopted, meeting, preambular, operative, items, basis = COUNCIL[slug]
    number, year = slug.split("-")[2:]
    assert r.meta.symbol == f"S/RES/{number} ({year})" and r.meta.designation == f"{number} ({year})"
    assert r.meta.body == SECURITY_COUNCIL and r.formula == "The Security Council,"
    assert r.meta.adoption_date.isoformat() == adopted and r.meta.meeting == meeting
    assert r.meta.title_is_editorial and r.meta.title and not r.warnings
    assert (len(r.preamble), len(r.operative)) == (preambular, operative)
    assert {op.number: "".join(s.label for s in op.subparagraphs) for op in r.operative if op.subparagraphs} == items
    assert [op.number for op in r.operative] == list(range(1, operative + 1))
    assert r.footnotes == [] and r.annexes == []
    assert r.basis == ("Acting under Chapter VII of the Charter of the United Nations," if basis else "")
    first, last, end = FIRST_LAST[slug]
    assert plain_text(r.preamble[0].content).startswith(first)
    assert plain_text(r.preamble[-1].content).startswith(last)
    assert r.operative[-1].opening.endswith(end)
    # No closing meeting line: the Council's texts end with their last paragraph.
    assert r.meta.closing == ""


def test_the_headings_of_2178_stand_over_the_paragraphs_they_open(council):
    r = council["s-res-2178-2014"]
    assert [(d.title, d.first, d.numbered_apart) for d in r.divisions] == [
        ("International Cooperation", "op11", False),
        ("Countering Violent Extremism in Order to Prevent Terrorism", "op15", False),
        ("United Nations Engagement on the Foreign Terrorist Fighter Threat", "op20", False),
    ]
    # Each heading is its own: the paragraph before it does not end with its words.
    assert plain_text(r.operative[9].content).endswith("paragraph 6 above;")


def test_a_number_printed_after_its_paragraphs_first_line_opens_that_paragraph(council):
    """1373: "Notes with concern the close connection ..." / "4." / "and transnational ..."."""
    r = council["s-res-1373-2001"]
    assert r.operative[3].opening.startswith(
        "Notes with concern the close connection between international terrorism and"
    )
    assert plain_text(r.operative[2].subparagraphs[-1].content).endswith("extradition of alleged terrorists;")
    assert r.operative[5].opening.startswith("Decides to establish, in accordance with rule 28")
    assert r.operative[6].opening.startswith(
        "Directs the Committee to delineate its tasks, submit a work programme within"
    )
    # The bare page numbers ("3", "4") are the page's, not the text's.
    assert r.operative[8].opening == "Decides to remain seized of this matter."
    assert r.artefacts["page numbers"] == 3


def test_items_lettered_a_dot_keep_their_print_and_a_justified_line_its_words(council):
    r = council["s-res-2185-2014"]
    nine = r.operative[8]
    assert nine.action_phrase == "In this regard, requests"
    assert [s.num for s in nine.subparagraphs] == ["a.", "b.", "c.", "d.", "e."]
    texts = [plain_text(s.content) for s in nine.subparagraphs]
    assert texts[0] == "operational policing, including community-oriented policing and information-based policing;"
    assert texts[4] == "coordination with partners;"
    assert plain_text(r.operative[3].subparagraphs[5].content).startswith("the coordination of work")
    assert [s.num for s in council["s-res-2322-2016"].operative[12].subparagraphs][:2] == ["(a)", "(b)"]


def test_an_assembly_text_links_the_council_resolutions_it_cites():
    collection = {"S/RES/1373 (2001)": parse_resolution(load_source(SOURCES / "s-res-1373-2001.txt"))}
    context = LinkContext(78, collection)
    text = "in accordance with Security Council resolution 1373 (2001) and Council resolution 2178 (2014),"
    links = [i for i in link_inlines([Text(text)], context) if isinstance(i, DocumentLink)]
    assert [(i.text, i.symbol, i.href) for i in links] == [
        ("1373 (2001)", "S/RES/1373 (2001)", "resolutions/s-res-1373-2001/index.md"),
        ("2178 (2014)", "S/RES/2178 (2014)", "https://docs.un.org/en/S/RES/2178(2014)"),
    ]
    listed = "Security Council resolutions 1368 (2001) of 12 September 2001, 1373 (2001) of 28 September 2001"
    found = [i.symbol for i in link_inlines([Text(listed)], context) if isinstance(i, DocumentLink)]
    assert found == ["S/RES/1368 (2001)", "S/RES/1373 (2001)"]
    # Another organ's, or a number with a year that no Council cites: plain text.
    for other in ["Commission resolution 1373 (2001)", "its resolution 1373 (2001)", "Table 12 (2001)"]:
        assert not [i for i in link_inlines([Text(other)], context) if isinstance(i, DocumentLink)], other


def test_the_councils_own_its_resolutions_are_its_own():
    context = LinkContext(0, {}, SECURITY_COUNCIL)
    found = [
        i.symbol
        for i in link_inlines([Text("Recalling its resolutions 1267 (1999), 1333 (2000) and 2309 (2016),")], context)
        if isinstance(i, DocumentLink)
    ]
    assert found == ["S/RES/1267 (1999)", "S/RES/1333 (2000)", "S/RES/2309 (2016)"]
    assert official_url("S/RES/1267 (1999)") == "https://docs.un.org/en/S/RES/1267(1999)"


def test_a_council_text_without_a_subject_is_named_by_its_number_and_asks_for_one():
    source = load_source(SOURCES / "s-res-2322-2016.txt")
    bare = SourceText(source.path, source.slug, source.text, type(source.sidecar)())
    r = parse_resolution(bare)
    assert r.meta.title == "Resolution 2322 (2016)" and not r.meta.title_is_editorial
    assert any("give S/RES/2322 (2016) its subject" in w for w in r.warnings)


def test_council_citations_in_every_style(council):
    r = council["s-res-2322-2016"]
    places = document_citations([r], "")[r.slug]
    assert places["op13-a"]["un"] == "S/RES/2322 (2016), para. 13 (a)"
    assert places["op13-a"]["un-long"] == "Security Council resolution 2322 (2016), para. 13 (a)"
    # OSCOLA and Bluebook as the guides print them (by rule: see ``resolution_forms``).
    assert places[""]["oscola"] == "UNSC Res 2322 (12 December 2016) UN Doc S/RES/2322."
    assert places["op13-a"]["oscola"] == "UNSC Res 2322 (12 December 2016) UN Doc S/RES/2322, para 13(a)."
    assert places["op13-a"]["bluebook"] == "S.C. Res. 2322, ¶ 13(a) (Dec. 12, 2016)."
    assert places[""]["bluebook"] == "S.C. Res. 2322 (Dec. 12, 2016)."
    assert places["pp3"]["un"] == "S/RES/2322 (2016), preambular para. 3"


# --- the built site -------------------------------------------------------------------------


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def test_a_council_page_has_its_heading_subject_anchors_and_tooltips(site: Path):
    soup = page(site, "resolutions/s-res-2322-2016")
    assert soup.select_one("article h1").get_text(" ", strip=True).rstrip(" ¶") == "Resolution 2322 (2016)"
    meta = " ".join(soup.select_one(".doc-meta").get_text(" ").split())
    assert "Adopted by the Security Council at its 7831st meeting, on 12 December 2016" in meta
    assert "7831st meeting, on 12 December 2016, 7831st meeting" not in meta
    assert "the edition's words: the Security Council gives its resolutions no title" in meta
    item = soup.select_one("#op13-a")
    assert item["data-cite"] == "S/RES/2322 (2016), para. 13 (a)"
    assert item.select_one(".para-num").get_text() == "(a)"
    term = soup.select_one("#op16 a.term")
    assert term.get_text() == "I-24/7" and "secure global police communications network" in term["title"]
    assert soup.select_one("#closing") is None  # no meeting line closes a Council text
    assert soup.select_one("article .formula").get_text(strip=True) == "The Security Council,"


def test_the_legal_basis_stands_between_preamble_and_operative_part(site: Path):
    soup = page(site, "resolutions/s-res-1373-2001")
    basis = soup.select_one("#basis")
    assert basis.get_text(strip=True) == "Acting under Chapter VII of the Charter of the United Nations,"
    order = [el.get("id") for el in soup.select("article #pp9, article #basis, article #op1")]
    assert order == ["pp9", "basis", "op1"]
    assert "pp" not in basis.get("class", []) and len(soup.select("p.para.pp")) == 9


def test_council_exports_carry_the_same_text(site: Path):
    folder = site / "resolutions" / "s-res-2185-2014"
    data = json.loads((folder / "s-res-2185-2014.json").read_text(encoding="utf-8"))
    assert data["meta"]["symbol"] == "S/RES/2185 (2014)" and data["meta"]["year"] == 2014
    assert data["meta"]["title_is_editorial"] is True
    nine = data["operative"][8]
    assert [s["num"] for s in nine["subparagraphs"]] == ["a.", "b.", "c.", "d.", "e."]
    xml = (folder / "s-res-2185-2014.xml").read_text(encoding="utf-8")
    assert "/akn/un/statement/deliberation/un-sc/2014-11-20/2185-2014" in xml
    assert 'showAs="United Nations Security Council"' in xml and "<conclusions>" not in xml
    assert re.search(r'eId="para_9__list_1__point_a">\s*<num>a\.</num>', xml)
    basis = (site / "resolutions" / "s-res-2462-2019" / "s-res-2462-2019.xml").read_text(encoding="utf-8")
    assert 'name="legalBasis"' in basis and "Acting under Chapter VII" in basis


def test_the_council_listing_and_a_link_from_an_assembly_text(site: Path):
    listing = page(site, "resolutions/security-council")
    assert listing.select_one("h1").get_text(strip=True).rstrip("¶") == "Security Council resolutions"
    assert len(listing.select("article table tbody tr")) == len(COUNCIL)
    citing = page(site, "resolutions/a-res-78-115")
    hrefs = {a["href"] for a in citing.select("article a[href]")}
    assert "../s-res-1373-2001/index.html" in hrefs


def test_search_and_go_to_understand_a_council_citation(page):
    from conftest import search_box

    assert search_box(page, "S/RES/2322 (2016), para. 13 (a)")[0] == "/resolutions/s-res-2322-2016/#op13-a"
    assert search_box(page, "2322 (2016) 16")[0] == "/resolutions/s-res-2322-2016/#op16"
    assert page.locator(".citation-result h1").inner_text() == "S/RES/2322 (2016), para. 16"
    page.goto("/resolutions/s-res-2185-2014/")
    page.fill("form.goto-paragraph input", "9 (a)")
    page.click("form.goto-paragraph button")
    page.wait_for_function("location.hash === '#op9-a'")


def test_a_council_resolution_in_the_clean_layout_reads_by_the_same_rules(tmp_path: Path):
    """The kind is read from the text, whatever its layout: a Council resolution set as
    clean text (emphasis marked, a blank line between paragraphs)."""
    text = "\n\n".join(
        [
            "S/RES/9999 (2030)",
            "Security Council",
            "Resolution 9999 (2030)",
            "Adopted by the Security Council at its 9999th meeting, on 2 January 2030",
            "The Security Council,",
            "*Recalling* its resolutions 2322 (2016) and 2462 (2019),",
            "*Acting under Chapter VII of the Charter of the United Nations*,",
            "1. *Calls upon* all States to:",
            "(a) Share information through INTERPOL's I-24/7 network;",
            "(b) Designate points of contact;",
            "2. *Decides* to remain seized of the matter.",
        ]
    )
    path = tmp_path / "s-res-9999-2030.txt"
    path.write_text(text + "\n", encoding="utf-8")
    r = parse_resolution(load_source(path))
    assert (r.meta.symbol, r.meta.meeting, r.meta.adoption_date.isoformat()) == (
        "S/RES/9999 (2030)",
        "9999th meeting",
        "2030-01-02",
    )
    assert len(r.preamble) == 1 and r.basis == "Acting under Chapter VII of the Charter of the United Nations,"
    assert [s.num for s in r.operative[0].subparagraphs] == ["(a)", "(b)"]
    assert r.operative[1].action_phrase == "Decides" and r.meta.closing == ""
