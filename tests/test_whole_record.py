"""The whole record: every resolution of a session reads, and every word of it reaches the model.

The corpus is every General Assembly resolution of the seventy-eighth session as PyMuPDF
extracts it (``../shared/pymupdf_corpus``, or ``CORPUS_DIR``): not texts to publish, but the
variety a year of the Assembly brings. The rules it needs are tested below on small inline
texts; the corpus tests check that they hold on real texts, every one of them.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from build_scripts.conventions import long_date
from build_scripts.errors import SourceError
from build_scripts.model import AnnexHeading, Resolution, plain_text, subparagraphs
from build_scripts.parse.resolution import parse_resolution, read_layout
from build_scripts.parse.sources import Sidecar, SourceText, load_source
from build_scripts.site.pipeline import parse_source

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("CORPUS_DIR", ROOT.parent / "shared" / "pymupdf_corpus"))
# The texts the reader cannot read yet, and why (the README lists them too). A text that
# reads, or one more that does not, fails the test: the list stays true. None today.
NOT_READ_YET: dict[str, str] = {}

corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")


def corpus_texts() -> list[Path]:
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


# --- the corpus -----------------------------------------------------------------------------


@pytest.mark.slow
@corpus
def test_every_resolution_of_the_session_reads_without_error_or_warning():
    refused: dict[str, str] = {}
    warned: dict[str, list[str]] = {}
    for path in corpus_texts():
        try:
            document = parse_source(path, ROOT)
        except SourceError as error:
            refused[path.name] = str(error)
            continue
        if document.warnings:
            warned[path.name] = document.warnings
    assert len(corpus_texts()) == 328
    assert warned == {}
    assert {name: next((m for m in NOT_READ_YET.values() if m in e), e) for name, e in refused.items()} == NOT_READ_YET


SUPERSCRIPT = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def words(text: str) -> list[str]:
    """The words of a text: footnote markers and emphasis are not words."""
    return re.findall(r"\w+", SUPERSCRIPT.sub(" ", text.replace("*", " ")))


def source_words(source: SourceText) -> list[str]:
    """Every word of the text's body as the layout stage gives it (page artefacts dropped),
    a footnote text's label counted as its number."""
    _layout, blocks, *_ = read_layout(source)
    out: list[str] = []
    for block in blocks:
        if label := re.match(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+", block.text):
            out.append(str(int(label.group().translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")))))
        out += words(block.text)
    return out


def model_words(r: Resolution) -> list[str]:
    """Every word the model holds of the body, in reading order: parts and headings, each
    paragraph with its number and its items, text after its items, the closing lines, the
    annexes, the footnotes."""
    out: list[str] = []
    for division, preamble, operative in r.sections():
        if division:
            out += words(f"{division.label} {division.title} {division.formula}")
        for paragraph in [*preamble, *operative]:
            for heading in r.headings_before(paragraph.anchor):
                out += words(f"{heading.label} {heading.title}")
            if paragraph in operative:
                out += [str(paragraph.number)] if paragraph.numbered else []
                out += words(paragraph.action_phrase)
            out += words(plain_text(paragraph.content))
            if paragraph in operative:
                for sub in subparagraphs(paragraph.subparagraphs):
                    out += [sub.label, *words(plain_text(sub.content))]
                for text in paragraph.continuation:
                    out += words(plain_text(text))
        if division:
            out += words(division.closing)
    out += words(r.meta.meeting) + words(long_date(r.meta.meeting_date))
    for annex in r.annexes:
        out += words(f"{annex.label} {annex.title}")
        for item in annex.items:
            if isinstance(item, AnnexHeading):
                out += words(item.text)
            else:
                out += [str(item.number)] if item.number is not None else []
                out += words(plain_text(item.content))
    for note in r.footnotes:
        out += [str(note.number), *words(plain_text(note.content))]
    return out


@pytest.mark.slow
@corpus
def test_every_word_of_every_text_reaches_the_model():
    """Word for word, as many times as the text has it: a paragraph left out, a heading
    dropped, two words glued where a marker stood, would each show here."""
    differ = {}
    for path in corpus_texts():
        if path.name in NOT_READ_YET:
            continue
        source = load_source(path, ROOT)
        given, kept = Counter(source_words(source)), Counter(model_words(parse_resolution(source)))
        if given != kept:
            differ[path.name] = {"lost": dict(given - kept), "added": dict(kept - given)}
    assert differ == {}


def test_the_word_walk_sees_a_lost_paragraph_and_glued_words():
    """The corpus test can fail: a paragraph dropped from the model, or two words glued."""
    text = (ROOT / "source_texts" / "a-res-78-229.txt").read_text(encoding="utf-8")
    source = SourceText("source_texts/a-res-78-229.txt", "a-res-78-229", text, Sidecar())
    r = parse_resolution(source)
    assert Counter(source_words(source)) == Counter(model_words(r))
    r.operative.pop(3)
    assert Counter(source_words(source)) != Counter(model_words(r))
    r = parse_resolution(source)
    first = r.preamble[0]
    first.content = [type(first.content[0])(plain_text(first.content).replace(" ", "", 1))]
    assert Counter(source_words(source)) != Counter(model_words(r))


# --- the rules, on small inline texts -----------------------------------------------------------

HEADER = """General Assembly

Distr.: General
25 November 2022

Seventy-seventh session

Agenda item 127 (y)

Resolution adopted by the General Assembly on 21 November 2022

[without reference to a Main Committee (A/77/L.20)]

77/20. {title}

"""
CLOSING = "\n39th plenary meeting\n21 November 2022\n"


def parse(body: str, title: str = "Questions relating to information", formula: bool = True) -> Resolution:
    text = HEADER.format(title=title) + ("The General Assembly,\n\n" if formula else "") + body
    return parse_resolution(SourceText("source_texts/a-res-77-20.txt", "a-res-77-20", text, Sidecar()))


def test_a_resolution_in_parts_a_and_b_each_with_its_formula_paragraphs_and_closing():
    r = parse(
        "Noting the report,\n\n1. *Urges* all countries to act;\n\n2. *Requests* a report.\n"
        + CLOSING
        + "\nB\nUnited Nations public information policies\n\nThe General Assembly,\n\n"
        "Reaffirming its resolution 13 (I),\n\n1. *Decides* to act;\n\n2. *Also decides* to report.\n" + CLOSING,
        title="Questions relating to information\n\nA\nInformation in the service of humanity",
        formula=True,
    )
    assert r.meta.title == "Questions relating to information"
    assert [(d.label, d.title, d.anchor, d.first) for d in r.divisions] == [
        ("A", "Information in the service of humanity", "part-a", "a-pp1"),
        ("B", "United Nations public information policies", "part-b", "b-pp1"),
    ]
    assert [d.formula for d in r.divisions] == ["The General Assembly,"] * 2 and r.formula == ""
    assert (
        r.divisions[0].closing == "39th plenary meeting 21 November 2022" and r.meta.meeting == "39th plenary meeting"
    )
    assert [p.anchor for p in r.preamble] == ["a-pp1", "b-pp1"]
    assert [op.anchor for op in r.operative] == ["a-op1", "a-op2", "b-op1", "b-op2"]
    assert r.citation("b-op2") == "A/RES/77/20 B, para. 2"
    assert r.citation("a-pp1") == "A/RES/77/20 A, preambular para. 1"
    assert [(d.label if d else None, len(p), len(o)) for d, p, o in r.sections()] == [("A", 1, 2), ("B", 1, 2)]


def test_sections_numbered_apart_and_headings_numbered_on():
    sections = parse(
        "I\nActivities of the Office\n\nRecalling its resolution 48/218 B,\n\n1. *Reaffirms* its role;\n\n"
        "2. *Requests* a report;\n\nII\nActivities of the Committee\n\nRecalling its resolution 61/275,\n\n"
        "1. *Notes* the work of the Committee." + CLOSING
    )
    assert [op.anchor for op in sections.operative] == ["sec1-op1", "sec1-op2", "sec2-op1"]
    assert [p.anchor for p in sections.preamble] == ["sec1-pp1", "sec2-pp1"]
    assert sections.citation("sec2-op1") == "A/RES/77/20, section II, para. 1"
    headings = parse(
        "Recalling its resolution 48/218 B,\n\nI\nAchieving sustainable fisheries\n\n1. *Reaffirms* its role;\n\n"
        "Scope\n\n2. *Requests* a report;\n\nII\nCapacity-building\n\n3. *Notes* the work." + CLOSING
    )
    assert [op.anchor for op in headings.operative] == ["op1", "op2", "op3"]
    assert [(d.label, d.title, d.first, d.numbered_apart) for d in headings.divisions] == [
        ("I", "Achieving sustainable fisheries", "op1", False),
        ("", "Scope", "op2", False),
        ("II", "Capacity-building", "op3", False),
    ]
    assert [d.title for d in headings.headings_before("op2")] == ["Scope"] and headings.sections()[0][0] is None


def test_a_chapeau_over_numbered_paragraphs_and_a_sole_unnumbered_paragraph():
    r = parse("Resolves that:\n\n1. The Fund shall be established;\n\n2. Member States shall pay." + CLOSING)
    assert [(d.title, d.first) for d in r.divisions] == [("Resolves that:", "op1")]
    assert [op.action_phrase for op in r.operative] == ["", ""] and r.warnings == []
    sole = parse("Having considered the report,\n\nApproves the report of the Committee." + CLOSING)
    assert [(op.number, op.numbered, op.action_phrase) for op in sole.operative] == [(1, False, "Approves")]


def test_long_lists_a_list_in_the_preamble_and_labels_on_lines_of_their_own():
    letters = "".join(f"({chr(97 + i)}) Item;\n\n" for i in range(26))
    romans = "".join(f"({n}) Sub-item;\n\n" for n in "i ii iii iv v vi vii viii ix x xi xii xiii".split())
    r = parse(
        "Reaffirming that the Plan was developed:\n\n(a) To promote ratification,\n\n(b) To help States,\n\n"
        "Noting the report,\n\n1.\nDecides:\n\n"
        + letters
        + "(aa) Item;\n\n(bb) Item:\n\n"
        + romans
        + "2. *Requests* it."
        "\n3. *Decides* to continue." + CLOSING
    )
    assert len(r.preamble) == 2
    assert plain_text(r.preamble[0].content).endswith("developed: (a) To promote ratification, (b) To help States,")
    labels = [s.label for s in r.operative[0].subparagraphs]
    assert labels[-3:] == ["z", "aa", "bb"] and len(labels) == 28
    assert [s.label for s in r.operative[0].subparagraphs[-1].subparagraphs][-2:] == ["xii", "xiii"]
    assert [op.number for op in r.operative] == [1, 2, 3]  # "3." opens a line after a sentence


def test_footnotes_after_the_closing_lines_and_a_closing_line_right_under_the_text():
    r = parse("Noting the report,¹\n\n1. *Decides* to act.\n39th plenary meeting\n21 November 2022\n\n¹ A/77/1.\n")
    assert r.meta.meeting == "39th plenary meeting" and [n.number for n in r.footnotes] == [1]


def test_annexes_in_sections_numbered_again_and_a_second_annex():
    r = parse(
        "Noting the report,\n\n1. *Adopts* the annexed texts." + CLOSING + "\nAnnex I\n\nPolitical declaration\n\n"
        "I. Our commitment\n\n1. We commit to act.\n\n2. We reaffirm the Agenda.\n\nII. Call to action\n\n"
        "1. We call for action.\n\nA. Build resilient economies\n\n2. We underscore the need.\n\n"
        "Annex II\n\nRules of procedure\n\nRule 1\nComposition\n\n1. The Conference shall meet.\n\n"
        "2. It shall elect a President.\n\nRule 2\nAlternates\n\n1. A head of delegation may designate.\n"
    )
    first, second = r.annexes
    assert (first.label, first.title, second.label, second.title) == (
        "Annex I",
        "Political declaration",
        "Annex II",
        "Rules of procedure",
    )
    assert [p.anchor for p in first.paragraphs()] == [
        "annex-i-sec1-para1",
        "annex-i-sec1-para2",
        "annex-i-sec2-para1",
        "annex-i-sec2-para2",
    ]
    assert [p.anchor for p in second.paragraphs()] == [
        "annex-ii-rule1-para1",
        "annex-ii-rule1-para2",
        "annex-ii-rule2-para1",
    ]
    assert r.citation("annex-ii-rule2-para1") == "A/RES/77/20, annex II, rule 2, para. 1"
    assert r.citation("annex-i-sec2-para1") == "A/RES/77/20, annex I, section II, para. 1"


# --- built pages of texts in sections, with headings and with annexes ----------------------------

SHAPES = ["a-res-78-247", "a-res-78-253", "a-res-78-1", "a-res-78-317"]


@pytest.fixture(scope="module")
def shapes_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of four texts of the corpus: two in sections (I, II, each numbered from 1; the
    second with lettered headings over a table), two with annexes in headed sections."""
    from conftest import build_into, built_once

    def make(folder: Path) -> None:
        texts = folder / "texts"
        texts.mkdir()
        for name in ["themes.yml", "bodies.yml", "glossary.yml"]:
            (texts / name).write_bytes((ROOT / "source_texts" / name).read_bytes())
        for slug in SHAPES:
            (texts / f"{slug}.txt").write_bytes((CORPUS / f"{slug}.txt").read_bytes())
        result = build_into(folder / "site", "--docs-dir", str(folder / "docs"), SOURCE_TEXTS_DIR=str(texts))
        assert result.returncode == 0, result.stdout + result.stderr

    return built_once("shapes", tmp_path_factory, make) / "site"


def page_of(site: Path, slug: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup((site / "resolutions" / slug / "index.html").read_text(encoding="utf-8"), "lxml")


@corpus
def test_a_resolution_in_sections_is_published_section_by_section(shapes_site: Path):
    import json

    from lxml import etree
    from pypdf import PdfReader

    soup = page_of(shapes_site, "a-res-78-247")
    heading = soup.select_one("h2#part-sec2")
    assert " ".join(heading.get_text(" ").split()).startswith("II Activities of the Independent Audit Advisory")
    paragraph = soup.select_one("#sec2-op1")
    assert paragraph["data-cite"] == "A/RES/78/247, section II, para. 1"
    assert "Notes with appreciation the work of the Independent Audit Advisory" in " ".join(
        paragraph.get_text().split()
    )
    # Section II's own preamble comes after section I's paragraphs, under its heading.
    order = [e.get("id") for e in soup.select("h2.part-heading, p.para")]
    assert order.index("part-sec2") < order.index("sec2-pp1") < order.index("sec2-op1")
    assert order.index("sec1-op1") < order.index("part-sec2")
    ids = [e["id"] for e in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    data = json.loads((shapes_site / "resolutions/a-res-78-247/a-res-78-247.json").read_text(encoding="utf-8"))
    assert [(d["label"], d["anchor"], d["numbered_apart"]) for d in data["divisions"]] == [
        ("I", "part-sec1", True),
        ("II", "part-sec2", True),
    ]
    xml = etree.parse(str(shapes_site / "resolutions/a-res-78-247/a-res-78-247.xml"))
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    section = xml.find(".//a:mainBody/a:section[@eId='sec_2']", ns)
    assert section.findtext("a:num", namespaces=ns) == "II"
    assert section.find("a:paragraph", ns).get("eId") == "sec_2__para_1"

    def titles(items) -> list[str]:
        return [t for item in items for t in (titles(item) if isinstance(item, list) else [item.title])]

    outline = titles(PdfReader(shapes_site / "resolutions/a-res-78-247/a-res-78-247.pdf").outline)
    assert any(title.startswith("II Activities of the Independent Audit") for title in outline)
    assert outline.index("I Activities of the Office of Internal Oversight Services") < outline.index("Paragraph 1")


@corpus
def test_headings_over_a_table_and_headings_over_paragraphs_numbered_on(shapes_site: Path):
    soup = page_of(shapes_site, "a-res-78-253")
    headings = [" ".join(h.get_text(" ").split()).removesuffix(" ¶") for h in soup.select("h3.division-heading")]
    assert any(h.startswith("A ") for h in headings) and any(h.startswith("B Office of Investment") for h in headings)
    assert soup.select_one("h2#part-sec26") is not None
    assert soup.select_one("#sec7-op7")["data-cite"] == "A/RES/78/253, section VII, para. 7"
    ids = [e["id"] for e in soup.select("[id]")]
    assert len(ids) == len(set(ids))


@corpus
def test_annexes_in_headed_sections(shapes_site: Path):
    declaration = page_of(shapes_site, "a-res-78-1")
    headings = [" ".join(h.get_text(" ").split()).removesuffix(" ¶") for h in declaration.select("h3")]
    assert headings[:3] == [
        "I. Our shared commitment",
        "II. Our changed world – Progress and remaining gaps and challenges",
        "III. Call to action – turning our world towards 2030",
    ]
    assert [p["id"] for p in declaration.select("p.annex-para")][:3] == ["annex-para1", "annex-para2", "annex-para3"]
    assert len(declaration.select("p.annex-para")) == 43
    agenda = page_of(shapes_site, "a-res-78-317")
    titles = [" ".join(h.get_text(" ").split()).removesuffix(" ¶") for h in agenda.select("h3")]
    assert "B. Scale up climate action and support, including climate finance, in line with existing commitments" in (
        " ".join(titles)
    )
    assert agenda.select_one("#annex-para17")["data-cite"] == "A/RES/78/317, annex, para. 17"


def test_a_heading_of_an_annex_calls_its_footnote():
    r = parse(
        "Noting the report,\n\n1. *Adopts* the rules annexed." + CLOSING + "\nAnnex\n\nRules of procedure\n\n"
        "1. The Conference shall meet.\n\n"
        "Intergovernmental organizations and other entities¹ having received an invitation\n\n"
        "2. They may participate.\n\n¹ For the purpose of the present rules.\n"
    )
    heading = r.annexes[0].items[1]
    assert isinstance(heading, AnnexHeading)
    assert heading.text == "Intergovernmental organizations and other entities having received an invitation"
    assert heading.anchor.startswith("annex-intergovernmental-organizations-and-other-entities")
    assert [type(item).__name__ for item in heading.content] == ["Text", "FootnoteRef", "Text"]
    assert [n.number for n in r.footnotes] == [1]


def test_a_paragraph_number_printed_after_the_first_line_of_its_paragraph():
    r = parse(
        "Noting the report,\n\nTakes note of the report of the\n1.\nSecretary-General on the matter;\n\n"
        "2. *Decides* to act." + CLOSING
    )
    assert [op.number for op in r.operative] == [1, 2]
    assert r.operative[0].opening == "Takes note of the report of the Secretary-General on the matter;"
    r = parse(
        "Noting the report,\n\nTakes note of the report\n1.\nof the Secretary-General;\n\n2. *Decides* to act."
        + CLOSING
    )
    assert r.operative[0].opening == "Takes note of the report of the Secretary-General;"
    # A heading over a paragraph is no such case: the paragraph after it starts with a capital.
    r = parse(
        "Noting the report,\n\nFinal report\n1.\nWelcomes the work of the Panel;\n\n2. *Decides* to act." + CLOSING
    )
    assert r.operative[0].opening == "Welcomes the work of the Panel;" and r.divisions[0].title == "Final report"
