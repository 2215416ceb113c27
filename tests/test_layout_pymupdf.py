"""Texts extracted from the official PDFs: the layout rules, and the tricky spots of each text."""

# The inline texts below keep the trailing spaces and space-only lines of PDF extraction.
# ruff: noqa: W291, W293

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_scripts.model import FootnoteRef, plain_text
from build_scripts.parse.layout_pymupdf import normalise
from build_scripts.parse.resolution import parse_resolution
from build_scripts.parse.sources import Sidecar, SourceText

# --- the layout rules, on small inline texts ------------------------------------------

MASTHEAD = """United Nations 
A/RES/79/136
 
General Assembly 
Distr.: General 
12 December 2024 
24-23454 (E) 
*2423454* 
 
Seventy-ninth session 
Agenda item 125 (y) 
Cooperation between the United Nations and regional 
and other organizations 
 
 Resolution adopted by the General Assembly 
on 6 December 2024 
 
[without reference to a Main Committee (A/79/L.17)] 
 
 79/136. Cooperation between the United Nations and the International 
Criminal Police Organization (INTERPOL) 
 
The General Assembly, 
 
"""

RUNNING_HEADER = """

A/RES/79/136 
Cooperation between the United Nations and the International 
Criminal Police Organization (INTERPOL)
 
24-23454
2/9 
 
"""


def parse(body: str):
    text = MASTHEAD + body
    # A fragment: the end-of-text rule is tested on whole texts (tests/test_reader.py).
    fragment = Sidecar(unusual_ending=True)
    return parse_resolution(SourceText("source_texts/a-res-79-136.txt", "a-res-79-136", text, fragment))


def calls(content) -> list[int]:
    return [i.number for i in content if isinstance(i, FootnoteRef)]


def test_masthead_artefacts_are_dropped_and_metadata_read():
    r = parse("Recalling its resolution 51/1, \n \n1. \nDecides to act. \n")
    assert r.layout == "pdf"
    assert r.artefacts == {"barcodes": 1, "job numbers": 1}
    assert r.meta.masthead_extra == ["United Nations"]  # the job number and barcode lines are gone
    assert r.meta.symbol == "A/RES/79/136"
    assert (
        r.meta.title == "Cooperation between the United Nations and the International Criminal Police "
        "Organization (INTERPOL)"
    )
    assert r.meta.agenda_title == "Cooperation between the United Nations and regional and other organizations"
    assert r.meta.distribution_date.isoformat() == "2024-12-12"
    assert r.operative[0].action_phrase == "Decides"


def test_marker_after_a_comma_and_glued_to_a_word():
    body = (
        "Recalling the agreement between the United Nations and INTERPOL1 and the Protocol, 2  the "
        "Convention of 1971, 3 the Convention, \n \n1. \nDecides to act. \n__________________ \n \n"
        "1  United Nations, Treaty Series, vol. 1996. \n \n2  Ibid., vol. 976. \n \n3  Ibid., vol. 1019. \n"
    )
    r = parse(body)
    assert calls(r.preamble[0].content) == [1, 2, 3]
    assert "Protocol, the Convention of 1971, the Convention," in plain_text(r.preamble[0].content)
    assert [f.number for f in r.footnotes] == [1, 2, 3]


def test_marker_glued_to_or_spaced_from_a_year():
    body = (
        "Welcoming resolution 27/5 of 18 May 20181 and resolution 10/6 of 16 October 2020 2  and "
        "resolution 8/12 of 20 December 2019 3 of the Conference, \n \n1. \nDecides. \n"
        "__________________ \n \n1  See A. \n \n2  See B. \n \n3  See C. \n"
    )
    r = parse(body)
    text = plain_text(r.preamble[0].content)
    assert "18 May 2018 and" in text and "16 October 2020 and" in text and "20 December 2019 of" in text
    assert calls(r.preamble[0].content) == [1, 2, 3]


def test_a_marker_line_that_looks_like_a_footnote_text():
    body = (
        "Welcoming the implementation of the Global Counter-Terrorism Strategy,\n"
        "1  including through information-sharing, \n \n1. \nDecides. \n"
        "__________________ \n \n1  Resolution 60/288. \n"
    )
    r = parse(body)
    assert len(r.preamble) == 1
    assert plain_text(r.preamble[0].content).endswith("Strategy, including through information-sharing,")
    assert calls(r.preamble[0].content) == [1]
    assert plain_text(r.footnotes[0].content) == "Resolution 60/288."


def test_a_number_is_a_marker_only_where_its_footnote_is_and_in_order():
    body = (
        "Recognizing the Group of 2 in countering corruption, \n \n"
        "Recalling the Strategy,1 and the Declaration, 2  and its reviews, \n \n1. \nDecides. \n"
        "__________________ \n \n1  See A. \n \n2  See B. \n"
    )
    r = parse(body)
    assert calls(r.preamble[0].content) == []
    assert "Group of 2 in" in plain_text(r.preamble[0].content)
    assert calls(r.preamble[1].content) == [1, 2]


def test_markers_glued_to_symbols_and_numbers_and_set_between_a_comma_and_a_capital():
    body = (
        "Having considered the report pursuant to its resolution 59/3001 and decision 1/CP.272 and "
        "1/CMA.4, the Rio Declaration on Environment and Development, 3 Agenda 21,4 the Programme "
        "(Johannesburg Plan) 5 and Agenda 216 and the note (A/78/459/Add.1, para. 25), \n \n"
        "1. \nDecides. \n__________________ \n \n1  See A/60/980. \n \n2  See FCCC/CP. \n \n"
        "3  Report. \n \n4  Ibid. \n \n5  Report. \n \n6  Ibid. \n"
    )
    r = parse(body)
    text = plain_text(r.preamble[0].content)
    assert "resolution 59/300 and decision 1/CP.27 and" in text
    assert "Development, Agenda 21, the Programme (Johannesburg Plan) and Agenda 21 and" in text
    assert "A/78/459/Add.1, para. 25" in text  # "Add.1" is no marker
    assert calls(r.preamble[0].content) == [1, 2, 3, 4, 5, 6]


def test_markers_after_a_year_and_its_full_stop_or_a_semicolon_and_a_range_is_no_label():
    body = (
        "Noting the list, to be submitted no later than February 2025.1 Recalling the Covenant "
        "on Civil and Political Rights; 2 expresses concern, and the Youth4Disarmament,3 platform, \n \n"
        "1. \nDecides. \n__________________ \n \n1  The list. \n \n2  Report, Rio de Janeiro, \n"
        "3 – 14 June 1992, vol. I. \n \n3  Ibid. \n"
    )
    r = parse(body)
    text = plain_text(r.preamble[0].content)
    assert "February 2025. Recalling" in text and "Rights; expresses" in text
    assert "Youth4Disarmament, platform" in text  # the 4 of a name is no marker when ",3" follows
    assert calls(r.preamble[0].content) == [1, 2, 3]
    assert plain_text(r.footnotes[1].content) == "Report, Rio de Janeiro, 3 – 14 June 1992, vol. I."


def test_a_count_after_a_word_is_no_marker_where_a_marker_after_punctuation_follows():
    body = (
        "Noting that 185 submissions and 1 questionnaire response were received, and the allegations "
        "referred to in paragraphs 1 and 2 above, 1 and requests a report, \n \n1. \nDecides. \n"
        "__________________ \n \n1  A/78/275. \n"
    )
    r = parse(body)
    text = plain_text(r.preamble[0].content)
    assert "185 submissions and 1 questionnaire response" in text and "paragraphs 1 and 2 above, and requests" in text
    assert calls(r.preamble[0].content) == [1]


def test_a_marker_glued_to_a_symbol_whose_number_is_too_long_and_not_to_a_plausible_one():
    body = (
        "Recalling its resolution 61/21 of 4 December 2006, and the report pursuant to its resolution "
        "59/3001 and the rates of 0.872 francs, of exchange and inflation 2 and the report, \n \n1. \nDecides. \n"
        "__________________ \n \n1  See A/60/980. \n \n2  A/78/614. \n"
    )
    r = parse(body)
    text = plain_text(r.preamble[0].content)
    assert "resolution 61/21 of" in text and "resolution 59/300 and" in text and "0.872 francs" in text
    assert "inflation and the report" in text and calls(r.preamble[0].content) == [1, 2]


def test_a_weaker_look_alike_does_not_take_a_marker_from_a_surer_place_after_it():
    body = (
        "Recalling the conferences listed in paragraph 1 above, and the Declaration,1 \n \n"
        "1. \nDecides. \n__________________ \n \n1  See A. \n"
    )
    r = parse(body)
    assert "listed in paragraph 1 above, and the Declaration," in plain_text(r.preamble[0].content)
    assert plain_text(r.preamble[0].content).endswith("Declaration,")
    assert calls(r.preamble[0].content) == [1]
    # A number after "Add." is part of a symbol, however surely glued it looks.
    r = parse(body.replace("paragraph 1 above, and the Declaration,1", "note A/78/459/Add.1 and the Convention, 1 of"))
    assert "note A/78/459/Add.1 and the Convention, of" in plain_text(r.preamble[0].content)


def test_running_header_and_page_number_are_removed_and_a_cut_after_a_comma_is_joined():
    body = (
        "Noting, \n \n1. \nEncourages Member States to disseminate existing manuals,"
        + RUNNING_HEADER
        + "handbooks and material; \n \n2. \nRequests a report. \n"
    )
    r = parse(body)
    assert r.artefacts["page numbers"] == 1
    assert r.artefacts["running header lines"] == 3
    assert len(r.operative) == 2
    assert plain_text(r.operative[0].content).endswith("existing manuals, handbooks and material;")


def test_line_end_hyphens_are_real_hyphens():
    r = parse("Welcoming the Counter-\nTerrorism Centre and money-\nlaundering, \n \n1. \nDecides. \n")
    assert "Counter-Terrorism Centre and money-laundering," in plain_text(r.preamble[0].content)


def test_a_numbered_list_inside_an_operative_paragraph_stays_inside_it():
    body = (
        "Noting, \n \n1. \nDecides; \n \n2. \nApproves the following provisional agenda: \n \n \n"
        "1. \nOpening of the Congress. \n \n \n2. \nAdoption of the report. \n \n3. Requests a report. \n"
    )
    r = parse(body)
    assert [op.number for op in r.operative] == [1, 2, 3]
    assert [plain_text(c) for c in r.operative[1].continuation] == [
        "1. Opening of the Congress.",
        "2. Adoption of the report.",
    ]


def test_crlf_and_bom_parse_the_same(tmp_path: Path):
    body = "Noting,1 \n \n1. \nDecides. \n__________________ \n \n1  See A. \n"
    plain = parse(body)
    text = "\ufeff" + (MASTHEAD + body).replace("\n", "\r\n")
    from build_scripts.parse.sources import read_text

    path = tmp_path / "crlf.txt"
    path.write_text(text, encoding="utf-8", newline="")
    again = parse_resolution(SourceText("x", "x", read_text(path, "x"), Sidecar(unusual_ending=True)))
    assert plain_text(again.preamble[0].content) == plain_text(plain.preamble[0].content)
    assert calls(again.preamble[0].content) == [1]


def test_a_page_that_starts_with_a_counter_but_no_job_number_keeps_its_lines():
    """A running header has both a page counter and a job number; a page whose first lines
    have only one of them is text (here a line "24/7" alone)."""
    body = "Noting the network, \n \n1. \nDecides that the system works \n\n24/7 \nand all year; \n"
    r = parse(body)
    assert "works 24/7 and all year;" in plain_text(r.operative[0].content)
    assert r.artefacts.get("page numbers", 0) == 0


def test_a_call_at_the_foot_of_a_page_whose_footnote_text_is_on_the_next_page():
    """The footnote's text may follow on the next page: its call is looked for on the
    page before its text, too."""
    body = (
        "Noting the Convention,1 \n \nRecalling the Protocol,2 \n__________________ \n \n1  See A. "
        + RUNNING_HEADER
        + "Welcoming the report, \n \n1. \nDecides. \n__________________ \n \n2  See B. \n"
    )
    r = parse(body)
    assert [calls(p.content) for p in r.preamble] == [[1], [2], []]
    assert [plain_text(f.content) for f in r.footnotes] == ["See A.", "See B."]
    assert "Protocol, Welcoming" not in plain_text(r.preamble[1].content)


def test_clean_texts_are_left_alone():
    assert normalise("The General Assembly,\n\nNoting,\n").layout == "clean"


# --- the tricky spots of SOURCES.md, on the built site ------------------------------------


def page(site: Path, slug: str) -> BeautifulSoup:
    return BeautifulSoup((site / "resolutions" / slug / "index.html").read_text(encoding="utf-8"), "lxml")


def text_of(soup: BeautifulSoup, anchor: str) -> str:
    element = soup.select_one(f"#{anchor}")
    assert element is not None, anchor
    words = [
        t
        for t in element.find_all(string=True)
        if not t.find_parent(class_=["para-controls", "theme-tags", "change-mark"])
    ]
    return " ".join(" ".join(words).split())


def test_79_136_tricky_spots(site: Path):
    soup = page(site, "a-res-79-136")
    assert "Strategy, 3 including through" in text_of(soup, "pp9")  # the marker line
    assert soup.select_one("#pp9 sup#fnref\\:3")
    assert "(b) preventing and countering terrorism" in text_of(soup, "op1")
    assert soup.select_one("#op1-b") is None
    pp14 = text_of(soup, "pp14")
    assert "agreement of 5 October 1999" in pp14 and soup.select_one("#pp14 sup#fnref\\:5")
    assert "; and welcoming also" in text_of(soup, "pp17")
    assert "non\u2011State" in text_of(soup, "pp24")
    assert soup.select_one("#pp1 a[href='../a-res-77-20/index.html']").get_text() == "77/20"


def test_78_229_tricky_spots(site: Path):
    soup = page(site, "a-res-78-229")
    assert "existing manuals, handbooks" in text_of(soup, "op88")
    assert "rehabilitative environment in correctional facilities and multi-stakeholder" in text_of(soup, "op46")
    pp29 = soup.select_one("#pp29")
    assert text_of(soup, "pp29").count("Group of 20") == 4 and not pp29.select("sup")
    assert "celebrating 20 years" in text_of(soup, "pp28")
    assert "article 30 of" in text_of(soup, "op8") and "article 6 of" in text_of(soup, "op51")
    assert "18 May 2018 34" in text_of(soup, "pp68")  # 201834: the year, then marker 34
    assert soup.select_one("#pp68 sup#fnref\\:34")
    for n in (36, 37, 38):  # "16 October 2020 36  and 11/3 of 21 October 2022 37  of the"
        assert soup.select_one(f"#pp72 sup#fnref\\:{n}"), n
    assert "24 May 2019 39 and" in text_of(soup, "pp77")
    assert soup.select_one("#pp77 sup#fnref\\:39")
    assert soup.select_one("#pp1 a[href='../a-res-77-237/index.html']")
    assert soup.select_one("#op1 a[href='../a-res-77-237/index.html']")
    assert soup.select_one("#pp5 a[href='../a-res-78-223/index.html']")


def test_78_223_tricky_spots(site: Path):
    soup = page(site, "a-res-78-223")
    op11 = soup.select_one("#op11")
    items = [" ".join(p.get_text(" ").split()) for p in op11.find_next_siblings("p", limit=7)]
    assert items[0] == "1. Opening of the Congress." and items[6] == "7. Adoption of the report of the Congress."
    assert text_of(soup, "op1").startswith("1. Reiterates its invitation to Governments")
    assert [p["id"] for p in soup.select("p.sub")] == ["op12-a", "op12-b", "op12-c", "op12-d"]
    assert text_of(soup, "op12-d").endswith("criminal justice.")
    assert "Sustainable Development 2 when" in text_of(soup, "op1")
    assert soup.select_one("#op1 sup#fnref\\:2")
    assert "155 C (VII)" in text_of(soup, "pp1") and "415 (V)" in text_of(soup, "pp1")
    assert "74/550 A" in text_of(soup, "pp11")


@pytest.mark.parametrize("slug", ["a-res-79-136", "a-res-78-229", "a-res-78-223"])
def test_no_artefact_line_reaches_the_page(site: Path, slug: str):
    text = page(site, slug).select_one("article").get_text(" ")
    source = (Path(__file__).parent.parent / "source_texts" / f"{slug}.txt").read_text(encoding="utf-8")
    pages = len(re.findall(r"^\s*\d+/\d+\s*$", source, re.M)) + 1
    assert not re.search(rf"\b\d{{1,2}}/{pages}\b", text)  # page numbers "2/9"
    assert not re.search(r"\d\d-\d{5}", text)  # job numbers
    assert not re.search(r"\*\d{6,}\*", text)  # barcodes
    assert "____" not in text
    # The title of the running header is gone from the text: what remains are the
    # mentions of the title in the text itself (the source's count less one per page).
    title_start = " ".join(page(site, slug).select_one("h1").find(string=True).split(". ", 1)[1].split())
    body = " ".join(" ".join(p.get_text(" ") for p in page(site, slug).select("article p.para")).split())
    assert body.count(title_start) == " ".join(source.split()).count(title_start) - pages


@pytest.mark.parametrize("slug", ["a-res-79-136", "a-res-78-229", "a-res-78-223"])
def test_every_footnote_is_linked_from_its_calls(site: Path, slug: str):
    soup = page(site, slug)
    notes = [li["id"].split(":")[1] for li in soup.select("div.footnote li[id^='fn:']")]
    refs = {a["href"].split(":")[1] for a in soup.select("article sup[id^='fnref'] a")}
    assert set(notes) == refs
    assert notes == [str(n) for n in range(1, len(notes) + 1)]


@pytest.mark.parametrize("slug", ["a-res-79-136", "a-res-78-229", "a-res-78-223"])
def test_the_artefacts_removed_are_counted_as_the_source_has_them(slug: str):
    """What `check` reports as removed equals what a plain count of the source finds: one
    barcode, a job number on every page, a page number on every page but the first, the
    footnote separators, and the running header's lines on every page but the first."""
    from build_scripts.site.pipeline import parse_source

    path = Path(__file__).resolve().parent.parent / "source_texts" / f"{slug}.txt"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    pages = sum(1 for line in lines if re.fullmatch(r"\d{2}-\d{5}.*", line.strip()))
    counted = {
        "barcodes": sum(1 for line in lines if re.fullmatch(r"\*\d{7,}\*", line.strip())),
        "job numbers": pages,
        "page numbers": sum(1 for line in lines if re.fullmatch(r"\d+/\d+", line.strip())),
        "footnote separators": sum(1 for line in lines if re.fullmatch(r"_{5,}", line.strip())),
    }
    artefacts = parse_source(path).artefacts  # type: ignore[union-attr]
    assert {k: artefacts[k] for k in counted} == counted
    assert counted["page numbers"] == pages - 1
    header = sum(1 for line in lines if line.strip() == f"A/RES/{slug[6:].replace('-', '/')}") - 1  # once per page
    assert header == pages - 1
    assert artefacts["running header lines"] % header == 0 and artefacts["running header lines"] >= 2 * header
