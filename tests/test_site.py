"""End-to-end tests on the built site: the HTML that readers get, parsed with a real parser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_into, index_parts, tracked_docs
from golden import GOLDEN, anchors_of, without_controls, words

from build_scripts.parse.usage import join_split_words

SOURCES = ROOT / "source_texts"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

# (preambular, operative, subparagraphs, footnotes), counted from the official texts.
EXPECTED_COUNTS = {
    "a-res-77-241": (6, 5, 0, 1),
    "a-res-77-20": (25, 20, 5, 8),
    "a-res-77-237": (77, 85, 0, 48),
    # Texts extracted from the official PDFs (counts from ../shared/pdf_texts/SOURCES.md).
    "a-res-79-136": (29, 25, 5, 9),
    "a-res-78-229": (84, 93, 0, 53),
    "a-res-78-223": (16, 24, 4, 2),
    # Texts extracted by pdftotext (counts from ../shared/pdftotext_texts/SOURCES.md).
    "a-res-51-1": (5, 2, 0, 0),
    "a-res-71-19": (13, 6, 5, 3),
    "a-res-73-11": (17, 11, 5, 7),
    "a-res-75-10": (21, 16, 5, 7),
    "a-res-74-177": (72, 65, 0, 36),
    "a-res-75-196": (77, 66, 0, 39),
    "a-res-76-187": (74, 77, 0, 46),
    "a-res-76-181": (6, 13, 0, 20),
    "a-res-77-231": (8, 9, 0, 2),
    # The session's texts on crime, terrorism, drugs, justice and police (PyMuPDF, from
    # ../shared/pymupdf_corpus/): recitals, the last paragraph number, items, footnote labels
    # as counted in each text.
    "a-res-78-43": (18, 6, 0, 7),
    "a-res-78-102": (24, 33, 4, 18),
    "a-res-78-115": (35, 26, 0, 17),
    "a-res-78-210": (20, 38, 0, 10),
    "a-res-78-225": (8, 15, 0, 2),
    "a-res-78-226": (20, 36, 0, 11),
    "a-res-78-227": (21, 17, 0, 22),
    "a-res-78-228": (48, 33, 0, 34),
    "a-res-78-267": (13, 5, 0, 3),
    "a-res-78-284": (22, 15, 0, 9),
    "a-res-78-292": (2, 7, 0, 2),
    # Resolutions whose annexes are treaties in articles (../shared/convention_texts/SOURCES.md).
    "a-res-55-25": (10, 12, 0, 5),
    "a-res-79-243": (5, 12, 0, 1),
    # Security Council resolutions, extracted by pdftotext (counts from ../shared/sc_texts/SOURCES.md).
    "s-res-1373-2001": (9, 9, 18, 0),
    "s-res-2178-2014": (22, 27, 5, 0),
    "s-res-2462-2019": (19, 38, 12, 0),
    "s-res-2482-2019": (19, 26, 8, 0),
    "s-res-2185-2014": (34, 33, 11, 0),
    "s-res-2331-2016": (14, 24, 6, 0),
    "s-res-2322-2016": (20, 22, 16, 0),
}
COUNCIL_TEXTS = sorted(slug for slug in EXPECTED_COUNTS if slug.startswith("s-res-"))
ASSEMBLY_TEXTS = sorted(slug for slug in EXPECTED_COUNTS if slug not in COUNCIL_TEXTS)
SESSION_TEXTS = [f"a-res-78-{n}" for n in (43, 102, 115, 210, 225, 226, 227, 228, 267, 284, 292)]
PDF_TEXTS = ["a-res-79-136", "a-res-78-229", "a-res-78-223", "a-res-79-243", *SESSION_TEXTS]
PDFTOTEXT_TEXTS = [
    "a-res-51-1",
    "a-res-71-19",
    "a-res-73-11",
    "a-res-75-10",
    "a-res-74-177",
    "a-res-75-196",
    "a-res-76-187",
    "a-res-76-181",
    "a-res-77-231",
    "a-res-55-25",
    *COUNCIL_TEXTS,
]
RELATED = ["interpol-international-day-of-police-cooperation", "interpol-statement-uncops-2022"]


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


# --- the source, read independently of the parser -------------------------------------


def source_words(slug: str) -> tuple[list[str], list[str], list[str]]:
    """(heading words, body words, footnote words) of a resolution's raw text.

    Only what the design lists as artefacts is removed: link brackets with empty targets,
    emphasis markers, superscript markers, blank lines.
    """
    text = (SOURCES / f"{slug}.txt").read_text(encoding="utf-8")
    text = re.sub(r"\[([^\[\]]*)\]\(#?\)", r"\1", text).replace("*", " ")
    head, _, body = text.partition("The General Assembly,")
    notes = [line for line in body.split("\n") if line[:1] in SUPERSCRIPTS]
    body_lines = [line for line in body.split("\n") if line[:1] not in SUPERSCRIPTS]
    strip = str.maketrans({c: " " for c in SUPERSCRIPTS})
    head_words = words(head.translate(strip))
    body_words = ["The", "General", "Assembly", *words("\n".join(body_lines).translate(strip))]
    note_words = words("\n".join(re.sub(rf"^[{SUPERSCRIPTS}]+", " ", n) for n in notes))
    return head_words, body_words, note_words


# --- tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(EXPECTED_COUNTS))
def test_paragraph_and_footnote_counts(site: Path, slug: str):
    soup = page(site, f"resolutions/{slug}")
    counts = (
        len(soup.select("p.para.pp")),
        len(soup.select("p.para.op")),
        len(soup.select("p.para.sub")),
        len(soup.select("div.footnote li[id^='fn:']")),
    )
    assert counts == EXPECTED_COUNTS[slug]
    numbers = [p["id"] for p in soup.select("p.para.op")]
    assert numbers == [f"op{n}" for n in range(1, len(numbers) + 1)]


def test_subparagraphs_of_77_20_paragraph_17(site: Path):
    soup = page(site, "resolutions/a-res-77-20")
    assert [p["id"] for p in soup.select("p.para.sub")] == [f"op17-{x}" for x in "abcde"]
    assert soup.select_one("#op17-a")["data-cite"] == "A/RES/77/20, para. 17 (a)"
    assert soup.select_one("#para_17__list_1__point_a") is not None  # the Akoma Ntoso alias


def pdf_source_words(slug: str) -> tuple[list[str], list[str], list[str]]:
    """(heading words, body words, footnote words) of a text extracted from a PDF.

    Artefact lines are found here by their own simple rules: page numbers "2/9", job
    numbers, barcodes, "____" lines, and the running header that opens each page after
    an empty line (up to its page number and job number).
    """
    counter = re.compile(r"^\s*\d+/\d+\s*$")
    job = re.compile(r"^\s*\d\d-\d{5}( \(E\))?(\s+\d{6})?\s*$")
    barcode = re.compile(r"^\s*\*\d+\*\s*$")
    lines = (SOURCES / f"{slug}.txt").read_text(encoding="utf-8").split("\n")
    kept: list[tuple[str, str]] = []  # (where, line)
    where, in_header, seen, titled = "head", False, set(), False
    for line in lines:
        if line == "":
            in_header, seen, where = True, set(), "body" if where != "head" else where
            continue
        if in_header:
            seen |= {"counter"} if counter.match(line) else {"job"} if job.match(line) else set()
            in_header = seen != {"counter", "job"}
            continue
        if job.match(line) or barcode.match(line):
            continue
        if re.match(r"^\s*_{5,}\s*$", line):
            where = "notes"
            continue
        titled = titled or bool(re.match(r"^\s*\d+/\d+\.\s", line))
        # The body opens at the formula, or, where the extraction lost it (78/225), at the
        # first recital after the title.
        if where == "head" and (
            line.strip() == "The General Assembly," or (titled and re.match(r"^[A-Z][a-z]+ing ", line))
        ):
            where = "body"
        kept.append((where, line))

    def letters(part: str) -> list[str]:
        # Marker digits are glued to words in these texts: compare the words' letters; a
        # word cut in two is one word on the page (the rule is tested in test_split_words).
        return re.findall(r"[^\W\d_]+", "\n".join(join_split_words(line) for w, line in kept if w == part))

    return letters("head"), letters("body"), letters("notes")


def pdftotext_source_words(slug: str) -> tuple[list[str], list[str], list[str]]:
    """(heading words, body words, footnote words) of a text extracted by pdftotext.

    Artefacts found by their own simple rules: a page starts at a form feed with a running
    header (the lines up to and including the symbol, or the title lines after it, or
    "Page n"); page counters, job numbers, print dates, barcodes, "Please recycle" and "/..."
    lines; the footnote zone runs from the "____" line to the page end, its bare numbers
    being labels. Footnote texts keep their order. Marker digits are compared as letters."""
    text = (SOURCES / f"{slug}.txt").read_text(encoding="utf-8")
    artefact = re.compile(r"^(\d+/\d+|\d\d[- ]\d{5}( \(E\))?|\d{6}|\*\d+\*|Please recycle|/\.\.\.|Page \d+)$")
    next_label = 1
    pages = text.split("\f")
    formula = "The Security Council," if slug.startswith("s-res-") else "The General Assembly,"
    head_part, _, first_body = pages[0].partition(formula)
    head_lines = head_part.split("\n")
    # The Council's resolutions have no title: their running header is the symbol alone.
    title_start = next((i for i, line in enumerate(head_lines) if re.match(r"^\d+/\d+\.", line)), len(head_lines))
    title = " ".join(head_lines[title_start:])
    body, notes = [], []
    for number, page_text in enumerate([first_body, *pages[1:]]):
        lines = [line.strip() for line in page_text.split("\n")]
        if number:
            # The running header: the symbol and the lines of the title, in either order.
            while lines and (not lines[0] or lines[0].startswith(("A/RES/", "S/RES/")) or lines[0] in title):
                lines.pop(0)
        zone = False
        # Without a rule, the notes start at the page foot with the next note's label, after
        # which the page holds only short lines (the labels, the notes, the page number).
        unruled = next(
            (
                k
                for k, line in enumerate(lines)
                if "_____" not in page_text
                and line == str(next_label)
                and all(len(rest) < 60 for rest in lines[k + 1 :])
                and any(rest and not rest.isdigit() and not artefact.match(rest) for rest in lines[k + 1 :])
            ),
            None,
        )
        page_number_seen = False
        for k, line in enumerate(lines):
            zone = zone or k == unruled
            if zone and line == str(next_label):
                next_label += 1
                continue
            # Older texts number their pages with the bare number at the foot ("3").
            if "_____" not in page_text and line == str(number + 1) and not page_number_seen:
                page_number_seen = True
                continue
            if artefact.match(line):
                continue
            if "_____" in line:
                body.append(line.split("_")[0])
                zone = True
                continue
            if zone and re.fullmatch(r"\d{1,3}", line):
                next_label = max(next_label, int(line) + 1)
                continue
            (notes if zone else body).append(line)

    def letters(lines: list[str]) -> list[str]:
        return re.findall(r"[^\W\d_]+", "\n".join(lines))

    body_letters = letters(body)
    if slug == "s-res-2185-2014":
        # Paragraph 9 (a), printed as one justified line, comes out in pieces: its first words,
        # the next line, then the words after each gap, two before (b), two after (e). The text
        # as printed (SOURCES.md): "operational policing, including community-oriented
        # policing and information-based policing;". The pieces go back where they were printed.
        joined = " ".join(body_letters)
        joined = joined.replace(
            "operational policing information based policing including community oriented b",
            "operational policing including community oriented policing and information based policing b",
        ).replace("coordination with partners policing and Emphasizes", "coordination with partners Emphasizes")
        body_letters = joined.split()
    if slug == "a-res-55-25":
        # Article 18, 3 (h): its last words ("Party;") come out before its first line.
        joined = " ".join(body_letters).replace(
            "h Party Facilitating the voluntary appearance of persons in the requesting State i",
            "h Facilitating the voluntary appearance of persons in the requesting State Party i",
        )
        # Article 35: "l." for "1." (a lower-case L, SOURCES.md): the page numbers it 1.
        joined = joined.replace("Settlement of disputes l States Parties", "Settlement of disputes States Parties")
        # Article 18, 21: its number, "(a)" and the item's last word, then its words and the item's.
        joined = joined.replace(
            "a article Mutual legal assistance may be refused If the request is not made in conformity with "
            "the provisions of this b",
            "Mutual legal assistance may be refused a If the request is not made in conformity with "
            "the provisions of this article b",
        )
        body_letters = joined.split()
    return letters([head_part]), [*formula.rstrip(",").split(), *body_letters], letters(notes)


@pytest.mark.parametrize("slug", sorted(EXPECTED_COUNTS))
def test_every_word_of_a_resolution_reaches_its_page_in_order(site: Path, slug: str):
    if slug in PDFTOTEXT_TEXTS:
        head, body, notes = pdftotext_source_words(slug)
    else:
        head, body, notes = pdf_source_words(slug) if slug in PDF_TEXTS else source_words(slug)
    soup = page(site, f"resolutions/{slug}")
    article = soup.select_one("article")
    footnotes = article.select_one("div.footnote")
    note_words = []
    if footnotes is not None:  # 51/1 has none
        note_words = [w for li in footnotes.select("li") for w in words(without_controls(li))]
        footnotes.decompose()
    body_elements = article.select(
        ".formula, h2.part-heading[id^=part-]:not(#part-preamble):not(#part-operative), h3.division-heading, "
        "p.para, .basis, .closing, h2.annex-label, p.annex-title, h3[id^=annex], h4[id^=annex]"
    )
    page_body = [w for el in body_elements for w in words(without_controls(el))]
    if slug in PDF_TEXTS:
        page_body = re.findall(r"[^\W\d_]+", " ".join(page_body))
        note_words = re.findall(r"[^\W\d_]+", " ".join(note_words))
        # Footnotes sit at page feet in the PDF, in order: the same sequence of letters.
    if slug in PDFTOTEXT_TEXTS:
        # Words split by a stray space are joined on the page: compare the letters in order.
        page_body, body = ["".join(re.findall(r"[^\W\d_]+", " ".join(page_body)))], ["".join(body)]
        note_words, notes = ["".join(re.findall(r"[^\W\d_]+", " ".join(note_words)))], ["".join(notes)]
    assert page_body == body
    assert note_words == notes
    # The heading of an extracted text is compared as runs of letters ("4385th" gives "th").
    # An older masthead's capitals are shown in the case of the text: compared without case.
    page_words = set(words(article.get_text(" "))) | set(re.findall(r"[^\W\d_]+", article.get_text(" ")))
    page_words = {w.lower() for w in page_words}
    missing = [w for w in head if w.lower() not in page_words]
    assert not missing, f"heading words missing from the page: {missing}"


@pytest.mark.parametrize("slug", RELATED)
def test_every_word_of_a_related_document_reaches_its_page_in_order(site: Path, slug: str):
    text = (SOURCES / f"{slug}.txt").read_text(encoding="utf-8")
    text = re.sub(r"^[ \t]*\d+ /[ \t]*\n[ \t]*\d+[ \t]*$", " ", text, flags=re.M)  # slide counters
    text = re.sub(r"^#+ |^-{3,}$|\*\*", " ", text, flags=re.M)
    expected = words(text)
    article = page(site, f"documents/{slug}").select_one("article")
    article.select_one("h1").decompose()
    article.select_one(".doc-meta").decompose()
    for appendix in article.select(".glossary-appendix, .references-panel, .cited-by-panel"):
        appendix.decompose()  # the edition's own panels, not the document's words
    # Run-together words of the source ("collaborationToday") are two words on the page,
    # so compare the letters in order rather than the word boundaries.
    assert "".join(words(without_controls(article))) == "".join(expected)


@pytest.mark.parametrize("slug", sorted(EXPECTED_COUNTS))
def test_every_footnote_call_sits_right_after_its_word(site: Path, slug: str):
    """On the page, a footnote call is glued to the word (or punctuation) before it and the
    text goes on after it; in the texts with superscript markers, it follows the same word as
    in the source."""
    soup = page(site, f"resolutions/{slug}")
    calls = soup.select("article sup[id^='fnref']")
    assert calls or EXPECTED_COUNTS[slug][3] == 0
    word_before: dict[int, str] = {}
    for call in calls:
        before, after = call.previous_sibling, call.next_sibling
        # The word before may be a link: "its resolution [59/300]⁹".
        before = before if isinstance(before, str) or before is None else before.get_text()
        assert isinstance(before, str) and before and not before[-1].isspace(), (call["id"], before)
        assert after is None or not isinstance(after, str) or not after[:1].isalnum(), (call["id"], after)
        text_before = "".join(reversed(call.find_all_previous(string=True, limit=6)))
        word_before.setdefault(int(call.get_text()), text_before.split()[-1])
    source = (SOURCES / f"{slug}.txt").read_text(encoding="utf-8")
    if slug in PDF_TEXTS or slug in PDFTOTEXT_TEXTS:
        return  # markers there are plain digits: the reader's rules are tested in test_properties
    digits = str.maketrans(SUPERSCRIPTS, "0123456789")
    source = re.sub(r"\[([^\[\]]*)\]\(#?\)", r"\1", source).replace("*", "")
    in_source: dict[int, str] = {}
    for m in re.finditer(rf"(\S*?[^\s{SUPERSCRIPTS}])([{SUPERSCRIPTS}]+)", source.split("The General Assembly,", 1)[1]):
        in_source.setdefault(int(m.group(2).translate(digits)), m.group(1))
    assert word_before == in_source


def test_no_empty_or_hash_link_anywhere(site: Path):
    bad = []
    pages = links = 0
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        pages += 1
        for a in soup.select("a[href]"):
            links += 1
            if a["href"].strip() in ("", "#"):
                bad.append((html.relative_to(site), str(a)[:80]))
    assert pages > 40 and links > 5000  # every page and link of the site was looked at
    assert not bad


def test_references_are_linked_to_the_official_document_system(site: Path):
    hrefs = {
        a["href"]
        for slug in EXPECTED_COUNTS
        for a in page(site, f"resolutions/{slug}").select("article a[href^='https://docs.un.org/']")
    }
    for symbol in [
        "A/RES/70/1",
        "A/RES/74/175",
        "A/RES/S-32/1",
        "A/60/88/Corr.2",
        "E/2016/30",
        "CTOC/COP/2020/10",
        "E/RES/2019/19",
        "E/RES/1980/67",
        "A/77/464",
        "A/77/L.20",
    ]:
        assert f"https://docs.un.org/en/{symbol}" in hrefs, symbol


def test_anchors_match_the_golden_file(site: Path):
    """No anchor may disappear or move to another paragraph (new anchors are fine). The file is
    written only by `tests/golden.py`, run by hand: the test never compares with itself."""
    current = anchors_of(site)
    assert set(current) >= {*EXPECTED_COUNTS, *(f"documents/{slug}" for slug in RELATED)}
    assert all(len(current[f"documents/{slug}"]) > 10 for slug in RELATED)
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert set(golden) == set(current), "a page with anchors appeared or disappeared: run tests/golden.py"
    for slug, anchors in golden.items():
        for anchor, start in anchors.items():
            assert anchor in current[slug], f"{slug}#{anchor} disappeared"
            assert current[slug][anchor] == start, f"{slug}#{anchor} moved to another paragraph"


def test_metadata_block(site: Path):
    meta = page(site, "resolutions/a-res-77-237").select_one(".doc-meta")
    text = meta.get_text(" ")
    for expected in [
        "A/RES/77/237",
        "Resolution adopted by the General Assembly on 15 December 2022",
        "54th plenary meeting",
        "Seventy-seventh session",
        "109",
        "Crime prevention and criminal justice",
        "on the report of the Third Committee (A/77/464, para. 31)",
        "10 January 2023",
    ]:
        assert expected in " ".join(text.split()), expected
    assert meta.select_one("a[href='https://docs.un.org/en/A/RES/77/237']")


def test_home_page_lists_the_latest_texts_and_the_listings_every_one(site: Path, collection):
    """The home page is every reader's first visit: it shows the ten latest resolutions
    (the latest first) and related documents, however large the collection; the listings
    show every text, with its date, summary and PDF."""
    from build_scripts.render.markdown import HOME_LATEST

    home = page(site, "")
    tables = home.select("article table")
    shown = [a["href"] for a in tables[0].select("tbody tr td:first-child a")]
    assembly = [r for r in collection.resolutions if r.slug in ASSEMBLY_TEXTS]
    latest = sorted(assembly, key=lambda r: (r.date, r.meta.symbol), reverse=True)
    assert len(ASSEMBLY_TEXTS) > HOME_LATEST  # the real collection already has more
    assert shown == [f"{r.url_path.lstrip('/')}index.html" for r in latest[:HOME_LATEST]]
    by_date = sorted(collection.documents, key=lambda d: (d.date is not None, d.date), reverse=True)
    assert len(collection.documents) == len(RELATED) and len({d.date for d in by_date}) == len(by_date)
    council = sorted(
        (r for r in collection.resolutions if r.slug in COUNCIL_TEXTS), key=lambda r: (r.date, r.meta.symbol)
    )
    assert [a["href"] for a in tables[1].select("tbody tr td:first-child a")] == [
        f"{r.url_path.lstrip('/')}index.html" for r in council[::-1]
    ]
    assert [a["href"] for a in tables[2].select("tbody tr td:first-child a")] == [
        f"{d.url_path.lstrip('/')}index.html" for d in by_date
    ]
    more = {a.get_text(" ", strip=True): a["href"] for a in home.select("article p > a")}
    assert more[f"All {len(ASSEMBLY_TEXTS)} General Assembly resolutions, by date"] == "resolutions/index.html"
    assert more[f"All {len(COUNCIL_TEXTS)} Security Council resolutions, by date"] == (
        "resolutions/security-council/index.html"
    )
    assert more[f"All {len(RELATED)} related documents"] == "documents/index.html"

    listing = page(site, "resolutions")
    rows = listing.select("article table tbody tr")
    assert [r.select_one("a")["href"] for r in rows] == [
        f"{r.slug}/index.html" for r in sorted(assembly, key=lambda r: (r.date, r.meta.symbol))
    ]
    assert len(rows) == len(ASSEMBLY_TEXTS) and "16 December 2022" in listing.get_text()
    council_rows = page(site, "resolutions/security-council").select("article table tbody tr")
    assert [r.select_one("a")["href"] for r in council_rows] == [f"../{r.slug}/index.html" for r in council]
    documents = [a["href"] for a in page(site, "documents").select("article table tbody tr td:first-child a")]
    assert sorted(documents) == sorted(f"{slug}/index.html" for slug in RELATED)


def test_site_config_no_font_download_and_a_sitemap_only_with_an_address(site: Path, public_site: Path):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
    assert not (site / "sitemap.xml").exists() and (public_site / "sitemap.xml").exists()
    soup = BeautifulSoup(html, "lxml")
    external = [
        tag.get("src") or tag.get("href")
        for tag in soup.select("script[src], link[href], img[src]")
        if (tag.get("src") or tag.get("href", "")).startswith(("http:", "https:", "//"))
        and tag.get("rel") != ["canonical"]
    ]
    assert external == []


def test_two_builds_give_byte_identical_pages(site: Path, tmp_path: Path):
    """Every file of the site (pages, PDFs, exports, search index), from a second build
    with a cache of its own (nothing of the first build is reused) and one process."""
    second = tmp_path / "site"
    docs = str(tracked_docs(tmp_path / "checkout"))  # and a docs/ of its own
    result = build_into(second, "--docs-dir", docs, BUILD_CACHE_DIR=str(tmp_path / "cache"), BUILD_JOBS="1")
    assert result.returncode == 0, result.stderr
    assert " 0 from the cache" in result.stdout  # every PDF set again
    first_files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert first_files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert any(rel.suffix == ".pdf" for rel in first_files) and any(rel.suffix == ".xml" for rel in first_files)
    for rel in first_files:
        assert (site / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_footnote_calls_are_labelled(site: Path):
    soup = page(site, "resolutions/a-res-77-20")
    calls = soup.select("a.footnote-ref")
    assert calls and all(a["aria-label"] == f"Footnote {a['href'].split(':')[1]}" for a in calls)


def test_no_markup_of_the_edition_leaks_into_the_text(site: Path):
    """Attribute lists and Markdown of the generated pages never show as characters."""
    leaks = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    for html in pages:
        article = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").select_one("article")
        text = article.get_text(" ") if article else ""
        for pattern in (r"\{ ?[.#:][\w-]", r"\]\((?:\.\./|https?:|#)", r"\[\^\d+\]"):
            if m := re.search(pattern, text):
                leaks.append(f"{html.relative_to(site)}: {text[max(0, m.start() - 40) : m.end() + 20]!r}")
    assert not leaks, leaks[:5]


@pytest.mark.parametrize("slug", sorted(EXPECTED_COUNTS))
def test_the_uns_footnotes_come_right_after_the_text_before_the_editions_lists(site: Path, slug: str):
    article = page(site, f"resolutions/{slug}").select_one("article")
    order = [el for el in article.find_all(recursive=False) if el.name in ("div", "p", "h2")]
    classes = [" ".join(el.get("class", [])) for el in order]
    added = [i for i, c in enumerate(classes) if c in ("references-panel", "cited-by-panel", "glossary-appendix")]
    notes = [i for i, c in enumerate(classes) if c == "footnote"]
    if notes:
        assert all(notes[0] < i for i in added), classes
    text = [i for i, el in enumerate(order) if "para" in el.get("class", []) or el.get("id", "").startswith("annex")]
    assert all(i < (notes or added or [len(order)])[0] for i in text)


def test_the_official_text_is_linked_in_the_six_languages(site: Path):
    for slug in sorted(EXPECTED_COUNTS):
        meta = page(site, f"resolutions/{slug}").select_one(".doc-meta")
        symbol = meta.select_one("dd").get_text(strip=True)
        links = {a["hreflang"]: a["href"] for a in meta.select("a[hreflang]")}
        # The Official Document System writes a Council symbol without its space: S/RES/2322(2016).
        official = symbol.replace(" (", "(")
        assert links == {
            code: f"https://docs.un.org/{code}/{official}" for code in ["ar", "zh", "en", "fr", "ru", "es"]
        }
        assert all(a["lang"] == a["hreflang"] for a in meta.select("a[hreflang]"))
        assert "Reproduced as adopted" in meta.get_text(" ")


def test_every_text_has_its_own_summary(site: Path):
    listing = page(site, "resolutions")
    rows = {
        r.select_one("a").get_text(): r.select("td")[3].get_text(" ", strip=True)
        for r in listing.select("table")[0].select("tbody tr")
    }
    assert len(rows) == len(ASSEMBLY_TEXTS)
    assert len(set(rows.values())) == len(rows), rows
    for pair in [("A/RES/77/20", "A/RES/79/136"), ("A/RES/77/237", "A/RES/78/229")]:
        assert rows[pair[0]] != rows[pair[1]]
    assert rows["A/RES/79/136"].startswith("New in 79/136 (para. ")


def test_index_entries_show_what_the_paragraph_says(site: Path):
    bodies = [li for _, part in index_parts(site, "bodies") for li in part.select("article li")]
    assert bodies and all(": " in li.get_text() and len(li.get_text().split()) > 8 for li in bodies)
    entry = next(li for li in bodies if "A/RES/77/20, para. 2" in li.get_text())
    assert "Emphasizes the importance of optimal coordination" in entry.get_text()  # its own words


def test_every_related_document_says_it_is_reproduced_as_published(site: Path):
    for slug in RELATED:
        meta = page(site, f"documents/{slug}").select_one(".doc-meta").get_text(" ")
        assert "Reproduced as published by INTERPOL" in " ".join(meta.split())


def test_citing_paragraphs_in_the_citations_index_show_what_they_say(site: Path):
    groups = sorted((site / "indexes" / "citations").glob("*/index.html"))
    links = [a for g in groups for a in page(site, g.parent.relative_to(site).as_posix()).select("article li a[title]")]
    excerpts = [a["title"] for a in links if "para." in a.get_text()]
    assert len(excerpts) > 100 and all(len(t.split()) > 5 for t in excerpts)


def test_no_page_shows_the_footnotes_placeholder(site: Path):
    """A text without footnotes (51/1) gives Python-Markdown no footnotes to put in place
    of its placeholder: the placeholder must not be there to be shown."""
    shown = [p for p in site.rglob("*.html") if "Footnotes Go Here" in p.read_text(encoding="utf-8")]
    assert shown == []
