"""What a page shows is the text as adopted, and what the edition adds says it is the edition's.

Typography (the italic openings of recitals), nothing but the text and the edition's notes on
a page (no template or Markdown leftovers, older mastheads in the case of the text), every
export saying what the page says, and provenance that cannot mislead (the PDF is the
edition's reproduction; a build without a public address points at no placeholder).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import PUBLIC_URL, pdf_pages
from pypdf import PdfReader

ORDINARY_PLACEHOLDER = "police-cooperation.example.org"
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def soup_of(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def letters(text: str) -> list[str]:
    """The words of a text as runs of letters (ligatures undone): digits of footnote calls
    glued to a word in one format and not in another do not count."""
    return re.findall(r"[^\W\d_]+", unicodedata.normalize("NFKC", text))


# --- typography -------------------------------------------------------------------------------

# A recital opens with a participle, an adjective of state or "Having ...": the UN prints it
# in italics. (The first word alone is checked here, by its own simple rule.)
OPENING_WORD = re.compile(
    r"^(?:[A-Z][a-z]+ly |Also |Further )?([A-Z]?[a-z]+(?:ing|ed)|Mindful|Aware|Conscious|Having)\b"
)


def test_recitals_open_in_italics_on_the_page_in_json_and_in_akoma_ntoso(site: Path, collection):
    recitals = opened = 0
    plain = []
    for r in collection.resolutions:
        page = soup_of(site, r.url_path)
        data = json.loads((site / r.url_path / f"{r.slug}.json").read_text(encoding="utf-8"))
        for p, given in zip(page.select("p.para[id^=pp], p.para[id*=-pp]"), data["preamble"], strict=False):
            for number in p.select(".pp-num"):  # the edition's number, not the text's
                number.decompose()
            text = " ".join(p.get_text(" ").split())
            m = OPENING_WORD.match(given["text"])
            if not m or m[1] in ("United", "During", "Following", "Regarding", "Concerning", "Including"):
                continue
            recitals += 1
            first = p.find("em")
            if first is not None and text.startswith(first.get_text().strip()) and m[1] in first.get_text():
                opened += 1
            else:
                plain.append(f"{r.meta.symbol} {p['id']}: {text[:40]}")
            assert given["content"][0]["italic"] is True, (r.slug, given["anchor"])
        xml = ElementTree.parse(site / r.url_path / f"{r.slug}.xml")
        for recital in xml.getroot().iter(f"{AKN}recital"):
            p = recital.find(f"{AKN}p")
            head = "".join(p.itertext()).strip() if p is not None else ""
            if (m := OPENING_WORD.match(head)) and m[1] not in ("United", "During", "Following"):
                assert p is not None and p.find(f"{AKN}i") is not None and not (p.text or "").strip(), (r.slug, head)
    assert recitals > 500
    assert plain == []
    assert opened == recitals


def test_recitals_open_in_italics_in_the_pdf(site: Path, collection):
    """In the PDF, as on the page: each recital's opening phrase is set in the italic face,
    the words after it in the regular one."""
    r = next(x for x in collection.resolutions if x.slug == "a-res-77-20")
    runs: list[tuple[str, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((text.strip(), str((font or {}).get("/BaseFont", ""))))

    for page in PdfReader(site / r.url_path / f"{r.slug}.pdf").pages[:2]:
        page.extract_text(visitor_text=visit)
    faces = dict(runs)
    for opening in ["Recalling", "Recalling also", "Recalling further", "Acknowledging"]:
        assert "Italic" in faces[opening], (opening, faces.get(opening))
    after = next(face for text, face in runs if text.startswith("its resolution"))  # what follows "Recalling"
    assert "Regular" in after


def test_a_declarations_opening_recitals_are_in_italics_and_its_paragraphs_are_not(site: Path):
    page = soup_of(site, "resolutions/a-res-76-181")
    assembled = page.select_one("#annex-p2")
    assert assembled.find("em").get_text() == "Assembled"
    assert page.select_one("#annex-p3 em").get_text() == "Taking stock"
    assert page.select_one("#annex-para1").find("em") is None  # "We express deep concern ..."


# --- nothing but the text and the edition's marked notes ------------------------------------

LEFTOVERS = re.compile(r"///Footnotes Go Here///|\{\{|\{%|%\}|\{ ?[#:.][\w-]|\]\(#\)|\[\^\d+\]|^\s*:\s{3}", re.M)


def test_no_page_shows_a_template_or_markdown_leftover(site: Path):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    found = {}
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for element in soup(["script", "style", "code", "pre"]):
            element.decompose()
        text = soup.get_text("\n")
        if m := LEFTOVERS.search(text):
            found[str(path.relative_to(site))] = m[0]
    assert found == {}


def test_the_leftover_check_sees_a_placeholder(tmp_path: Path):
    """The check can fail: the footnotes' place marker, left in a page, is found."""
    page = "<html><body><article><p>Text</p><p>///Footnotes Go Here///</p></article></body></html>"
    assert LEFTOVERS.search(BeautifulSoup(page, "lxml").get_text("\n"))
    assert not LEFTOVERS.search("A/RES/77/20, para. 17 (a): {the text}")


def test_an_older_masthead_is_shown_as_it_states_in_the_case_of_the_text_with_its_date(site: Path):
    meta = soup_of(site, "resolutions/a-res-51-1").select_one(".doc-meta")
    rows = {dt.get_text(): " ".join(dt.find_next("dd").get_text().split()) for dt in meta.select("dt")}
    assert rows["Adopted"] == "Resolution adopted by the General Assembly on 15 October 1996, 35th plenary meeting"
    assert rows["Masthead"] == "A · United Nations"
    modern = soup_of(site, "resolutions/a-res-77-20").select_one(".doc-meta")
    rows = {dt.get_text(): " ".join(dt.find_next("dd").get_text().split()) for dt in modern.select("dt")}
    assert rows["Adopted"] == "Resolution adopted by the General Assembly on 21 November 2022, 39th plenary meeting"


def test_a_statement_numbers_its_paragraphs_not_its_datelines_or_salutations(site: Path):
    page = soup_of(site, "documents/interpol-statement-uncops-2022")
    assert page.select_one("#p1").get_text(" ").strip().startswith("On behalf of INTERPOL")
    salutation = page.find(lambda tag: tag.name == "p" and tag.get_text().strip().startswith("Your Excellences"))
    assert salutation["id"].startswith("line")
    assert "para." not in salutation.get("data-cite", "")
    assert page.select_one("#p16").get_text(" ").strip().startswith("Thank you.")


def test_a_web_page_keeps_its_sentences_apart(site: Path):
    text = " ".join(soup_of(site, "documents/interpol-international-day-of-police-cooperation").get_text(" ").split())
    assert "development).SDG" not in text
    assert "SDG focuses on building inclusive societies" in text


# --- every export says what the page says ---------------------------------------------------


def json_words(data: dict) -> list[str]:
    """Every paragraph's words in the JSON (each object with an anchor and a text; an
    operative paragraph's action phrase), its formula, annex labels and titles."""
    out: list[str] = letters(data.get("formula", ""))

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "anchor" in node and isinstance(node.get("text"), str):
                out.extend(letters(node.get("action_phrase", "") + " " + node["text"]))
            if "label" in node and "title" in node and "items" in node:  # an annex
                out.extend(letters(f"{node['label']} {node['title']}"))
            for key, value in node.items():
                if key not in ("references", "mentions", "series", "meta"):
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: v for k, v in data.items() if k != "formula"})
    return out


def pdf_words(path: Path) -> list[str]:
    return letters(" ".join(pdf_pages(path)))


@pytest.mark.parametrize("folder", ["resolutions", "documents"])
def test_page_akoma_ntoso_and_pdf_hold_every_word_of_the_json(site: Path, collection, folder: str):
    """The JSON is the model; each other format holds every one of its words as many times
    (the page and the PDF say more: the edition's notes, the metadata)."""
    documents = [d for d in collection.all() if d.url_path.startswith(folder)]
    assert documents
    short = {}
    for d in documents:
        base = site / d.url_path / d.slug
        wanted = Counter(json_words(json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))))
        page = soup_of(site, d.url_path).select_one("article")
        formats = {"page": Counter(letters(page.get_text(" "))), "pdf": Counter(pdf_words(base.with_suffix(".pdf")))}
        if folder == "resolutions":
            xml = ElementTree.parse(base.with_suffix(".xml")).getroot()
            formats["akn"] = Counter(letters(" ".join(xml.itertext())))
        for name, held in formats.items():
            if missing := wanted - held:
                short[f"{d.slug} {name}"] = dict(missing.most_common(5))
    assert short == {}


def test_the_word_comparison_sees_an_export_that_lost_an_annex(site: Path):
    """The comparison can fail: the JSON's annex words are not all in a text without them."""
    data = json.loads((site / "resolutions/a-res-76-181/a-res-76-181.json").read_text(encoding="utf-8"))
    without = dict(data, annexes=[])
    assert Counter(json_words(data)) - Counter(json_words(without))


# --- provenance -------------------------------------------------------------------------------


def test_a_pdf_is_the_editions_reproduction_and_says_so(site: Path, collection):
    for d in collection.all():
        reader = PdfReader(site / d.url_path / f"{d.slug}.pdf")
        info = reader.metadata
        assert info.author == "UN texts on international police cooperation", d.slug
        assert "/CreationDate" not in info, d.slug  # no date that passes for the text's own
        text = pdf_pages(site / d.url_path / f"{d.slug}.pdf")
        first = " ".join(text[0].split())
        assert "Unofficial reproduction of a text of" in first, d.slug
        if d.kind == "resolution":
            assert "not an official record. Source: https://docs.un.org/en/" in first, d.slug
        whole = " ".join(text)
        assert "SITE_URL" not in whole and "address not known" not in whole, d.slug


def test_a_preview_build_points_at_no_placeholder(site: Path):
    """Built without SITE_URL: no canonical link, no sitemap, no placeholder address."""
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    assert not (site / "feeds" / "sitemap.xml").exists()
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".atom", ".bib", ".ris", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert ORDINARY_PLACEHOLDER not in text, path
            if path.suffix == ".html":
                assert 'rel="canonical"' not in text, path


def test_a_published_build_gives_canonical_links_and_sitemaps_at_its_address(public_site: Path):
    page = soup_of(public_site, "resolutions/a-res-77-20")
    assert page.select_one("link[rel=canonical]")["href"] == f"{PUBLIC_URL}resolutions/a-res-77-20/index.html"
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [e.text for e in ElementTree.parse(public_site / "sitemap.xml").getroot().iter(f"{ns}loc")]
    assert locs and all(loc.startswith(PUBLIC_URL) for loc in locs)
    reader = PdfReader(public_site / "resolutions/a-res-77-20/a-res-77-20.pdf")
    assert f"{PUBLIC_URL}resolutions/a-res-77-20/" in " ".join(reader.pages[0].extract_text().split())


# --- every cited document linked right, or said to have no address ---------------------------


def references(site: Path, path: str) -> dict[str, str]:
    """The References panel of a page: each entry's first words -> its link ("" for none)."""
    panel = soup_of(site, path).select_one(".references-panel")
    out = {}
    for li in panel.select("li"):
        a = li.find("a")
        first = a if a is not None and li.get_text().startswith(a.get_text()) else None
        name = first.get_text() if first is not None else li.get_text().split(" (no address")[0]
        out[name] = first["href"] if first is not None else ""
    return out


def test_references_link_parts_and_the_first_sessions_and_name_what_has_no_address(site: Path):
    cited = references(site, "resolutions/a-res-76-181")
    assert cited["A/RES/57/270 B"] == "https://docs.un.org/en/A/RES/57/270B"
    assert cited["A/RES/415 (V)"] == "https://docs.un.org/en/A/RES/415(V)"
    assert cited["E/RES/155 C (VII)"] == "https://docs.un.org/en/E/RES/155(VII)"
    assert cited["General Assembly decision 74/550 A"] == ""
    assert cited["General Assembly decision 74/550 B"] == ""
    page = soup_of(site, "resolutions/a-res-76-181").select_one(".references-panel").get_text(" ")
    assert "General Assembly decision 74/550 A (no address of its own known to the edition)" in " ".join(page.split())
    text = " ".join(soup_of(site, "resolutions/a-res-75-196").select_one("article").get_text(" ").split())
    assert "Commission on Crime Prevention and Criminal Justice resolution 25/2 (no address" in text
    # In the text itself the name stays plain words: nothing is linked that has no address.
    assert not soup_of(site, "resolutions/a-res-76-181").select("p.para a[href*='DEC']")
