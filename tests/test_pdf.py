"""The PDFs: opened with pypdf and checked against the document model and the source."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from conftest import pdf_pages
from pypdf import PdfReader

from build_scripts.model import (
    FootnoteRef,
    OperativeParagraph,
    PreambularParagraph,
    Resolution,
    ResolutionMetadata,
    Text,
    plain_text,
)
from build_scripts.render.pdf import PdfError, PdfMaker

SITE_URL = "https://texts.example.net/"  # a public address, as SITE_URL names one
PLACEHOLDER = "police-cooperation.example.org"  # mkdocs.yml's default: never printed


def normalised(text: str) -> str:
    """Extracted text with line breaks and line-end hyphen splits undone."""
    text = text.replace("\u00ad", "")
    return re.sub(r"\s+", " ", text)


def pages_of(pdf: Path) -> list[str]:
    return [normalised(text) for text in pdf_pages(pdf)]


def pdf_path(site: Path, document) -> Path:
    return site / document.url_path / f"{document.slug}.pdf"


def test_every_document_has_a_pdf_linked_from_its_page_and_its_listing(site: Path, collection):
    for document in collection.all():
        pdf = pdf_path(site, document)
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF-"), pdf
        page = (site / document.url_path / "index.html").read_text(encoding="utf-8")
        assert f'href="{document.slug}.pdf"' in page
        listing = (site / document.url_path).parent / "index.html"
        href = f"{document.slug}/{document.slug}.pdf"
        if document.slug.startswith("s-res-"):  # the Council's have a listing of their own
            listing, href = listing.parent / "security-council" / "index.html", f"../{href}"
        assert f'href="{href}"' in listing.read_text(encoding="utf-8")


@pytest.mark.parametrize("slug", ["a-res-77-20", "a-res-77-237", "a-res-79-136", "a-res-78-229"])
def test_resolution_pdf_content(site: Path, collection, slug: str):
    r = next(x for x in collection.resolutions if x.slug == slug)
    pages = pages_of(pdf_path(site, r))
    whole = " ".join(pages)
    # The title block.
    # The site fixture is built without SITE_URL: the PDF gives no address of its own.
    for expected in [r.meta.symbol, r.meta.title, "General Assembly", "Unofficial reproduction"]:
        assert expected in whole, expected
    assert PLACEHOLDER not in whole and "This edition" not in whole
    # Every operative paragraph number and action phrase, in order.
    position = 0
    for op in r.operative:
        found = whole.find(f"{op.number}. {op.action_phrase}", position)
        assert found != -1, op.number
        position = found
    # Every footnote text, on the page that calls it.
    for note in r.footnotes:
        start = f"{note.number} " + " ".join(plain_text(note.content).split())
        on = [i for i, page in enumerate(pages) if start in page]
        assert on, f"footnote {note.number} text missing"
        before = _words_before_call(r, note.number)
        assert before in pages[on[0]] or before in (pages[on[0] - 1] if on[0] else ""), (
            f"footnote {note.number} is not at the foot of the page that calls it"
        )
    # The running header carries the symbol on every page.
    assert all(r.meta.symbol in page for page in pages)
    # The glossary entries of the INTERPOL tools it names close it (no tooltips on paper).
    if slug == "a-res-77-20":
        assert "INTERPOL tools named in this text" in whole
        assert "Stolen and Lost Travel Document Database (SLTD):" in whole
    # No navigation or search text from the web page.
    for chrome in ["Skip to content", "Search", "Table of contents", "Cite"]:
        assert chrome not in whole


def _words_before_call(r: Resolution, number: int) -> str:
    runs = [p.content for p in r.preamble] + [op.content for op in r.operative]
    runs += [s.content for op in r.operative for s in op.subparagraphs]
    runs += [c for op in r.operative for c in op.continuation] + [n.content for n in r.footnotes]
    for content in runs:
        for index, item in enumerate(content):
            if item == FootnoteRef(number):
                words = plain_text(content[:index]).split()
                return " ".join(words[-2:])
    raise AssertionError(f"no call of footnote {number}")


def test_outline_has_the_preamble_and_one_entry_per_operative_paragraph(site: Path, collection):
    for r in collection.resolutions:
        reader = PdfReader(pdf_path(site, r))

        def titles(items) -> list[str]:
            out = []
            for item in items:
                out.extend(titles(item) if isinstance(item, list) else [item.title])
            return out

        entries = titles(reader.outline)
        assert "Preamble" in entries
        assert [e for e in entries if e.startswith("Paragraph ")] == [f"Paragraph {op.number}" for op in r.operative]


def uris_of(reader: PdfReader) -> set[str]:
    return {
        annot.get_object()["/A"].get("/URI")
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/A", {}).get("/URI")
    }


def test_without_a_public_address_no_link_points_at_a_placeholder(site: Path, collection):
    for r in collection.resolutions:
        uris = uris_of(PdfReader(pdf_path(site, r)))
        assert not [u for u in uris if PLACEHOLDER in u or not u.startswith("https://")], r.slug
        assert not [u for u in uris if "/resolutions/" in u], r.slug  # no address to link to


def test_pdf_metadata_and_links(tmp_path: Path, collection):
    """Built with a public address (SITE_URL): paragraph numbers link to their anchors."""
    r = next(x for x in collection.resolutions if x.slug == "a-res-77-20")
    target = tmp_path / "77-20.pdf"
    cache = tmp_path / "cache" / "pdf"  # its folders made
    PdfMaker(cache, SITE_URL, "UN texts on international police cooperation").make(r, target)
    assert len(list(cache.glob("*.pdf"))) == 1
    reader = PdfReader(target)
    info = reader.metadata
    # Tagged for accessibility (PDF/UA-1), and dated nowhere: the same inputs, the same bytes.
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and "Date>" not in xmp
    assert "/CreationDate" not in info and "/ModDate" not in info
    assert info.title.startswith("A/RES/77/20: Cooperation between")
    assert info.author == "UN texts on international police cooperation"  # the edition's reproduction
    assert "A/RES/77/20" in (info.get("/Keywords") or "")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    uris = uris_of(reader)
    assert SITE_URL in " ".join(p.extract_text() for p in reader.pages)  # "This edition"
    assert SITE_URL + "resolutions/a-res-77-20/#op17" in uris  # the paragraph number links to its anchor
    assert "https://docs.un.org/en/A/RES/70/1" in uris
    # Footnote calls are internal links to the footnote.
    internal = [
        annot
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/Dest") is not None or annot.get_object().get("/A", {}).get("/S") == "/GoTo"
    ]
    assert len(internal) >= 2 * len(r.footnotes)  # call -> note and note -> call


def _tiny_resolution(text: str) -> Resolution:
    meta = ResolutionMetadata("A/RES/99/1", 99, "1", "A test", dt.date(2030, 1, 2), meeting="1st plenary meeting")
    return Resolution(
        "a-res-99-1",
        "source_texts/a-res-99-1.txt",
        meta,
        "The General Assembly,",
        [PreambularParagraph(1, [Text(text)], 1)],
        [OperativeParagraph(1, "Decides", [Text(text)], 2)],
        [],
        summary="A test.",
    )


def test_typst_syntax_in_a_text_comes_out_literally(tmp_path: Path):
    tricky = "Costs in $ and € #set page(width: 1cm) *bold* _it_ @ref <label> ] [ \\ end"
    maker = PdfMaker(tmp_path / "cache", SITE_URL, "Test")
    target = tmp_path / "out.pdf"
    maker.make(_tiny_resolution(tricky), target)
    text = normalised(" ".join(p.extract_text() for p in PdfReader(target).pages))
    assert tricky in text


def test_pdfs_are_byte_identical_from_build_to_build_and_cached(tmp_path: Path, collection):
    r = next(x for x in collection.resolutions if x.slug == "a-res-77-241")
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    assert PdfMaker(tmp_path / "cache1", SITE_URL, "Test").make(r, first) is True
    assert PdfMaker(tmp_path / "cache2", SITE_URL, "Test").make(r, second) is True
    assert first.read_bytes() == second.read_bytes()
    assert PdfMaker(tmp_path / "cache1", SITE_URL, "Test").make(r, tmp_path / "3.pdf") is False  # cached


def test_paper_size_option(tmp_path: Path, collection):
    r = next(x for x in collection.resolutions if x.slug == "a-res-77-241")
    PdfMaker(tmp_path / "c", SITE_URL, "Test", paper="us-letter").make(r, tmp_path / "letter.pdf")
    box = PdfReader(tmp_path / "letter.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    with pytest.raises(PdfError, match=r"^unknown paper size 'a5'; choose one of a4, us-letter$"):
        PdfMaker(tmp_path / "c", SITE_URL, "Test", paper="a5")


def test_a_related_documents_pdf_is_set_by_the_documents_template(tmp_path: Path, collection):
    """A document that is no resolution (an INTERPOL statement) has a template of its own:
    its publisher, its kind and its title head the first page."""
    document = next(d for d in collection.documents if d.slug == "interpol-statement-uncops-2022")
    maker = PdfMaker(tmp_path / "c", SITE_URL, "Test")
    assert maker._job(document, [])[0] == "document.typ"
    assert maker.make(document, tmp_path / "statement.pdf")
    first = " ".join(PdfReader(tmp_path / "statement.pdf").pages[0].extract_text().split())
    assert first.startswith(f"{document.publisher} · {document.kind}"), first[:200]
    assert " ".join(document.title.split()) in first


def test_pdf_ua_conformance_is_declared(site: Path, collection):
    data = pdf_path(site, collection.resolutions[0]).read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert bool(reader.trailer["/Root"].get("/MarkInfo", {}).get("/Marked"))
    assert b"pdfuaid:part" in data or b"pdfuaid" in data


def test_a_pdfs_cache_file_is_remembered_by_the_digest_of_its_document(collection, tmp_path: Path):
    from build_scripts.memo import Memo

    maker = PdfMaker(tmp_path, "https://example.org/", "Site")
    first, second = collection.all()[:2]
    terms = [collection.glossary.used_in(d) for d in (first, second)]
    named = [maker.cache_file(d, t) for d, t in zip((first, second), terms, strict=True)]
    assert named[0] != named[1]
    memo = Memo(tmp_path / "pdfs.pickle")
    assert maker.cache_file(first, terms[0], memo, collection.digests[first.slug]) == named[0]
    assert maker.cache_file(second, terms[1], memo, collection.digests[second.slug]) == named[1]
    memo.save()
    # Remembered: asked again under the first document's digest, the memo answers with its
    # file without making the inputs (so the digest must say everything the inputs are made of).
    again = Memo(tmp_path / "pdfs.pickle")
    assert maker.cache_file(second, terms[0], again, collection.digests[first.slug]) == named[0]
    assert maker.cache_file(first, terms[0], again, collection.digests[second.slug] + b"?") == named[0]


def test_a_process_forked_after_typst_started_sets_its_pdfs_in_a_spawned_one(tmp_path: Path, collection):
    """A process forked once Typst's threads run (a test runner's child, a server's) would
    wait for ever for threads it does not have: it sets its PDFs in a spawned process, the
    same bytes."""
    import os
    import signal
    import time

    from build_scripts.render.pdf import make_many

    r = next(x for x in collection.resolutions if x.slug == "a-res-77-241")
    assert make_many([r], tmp_path / "here", tmp_path / "cache-here", SITE_URL, "Test") == [
        tmp_path / "here" / f"{r.slug}.pdf"
    ]
    child = os.fork()
    if child == 0:  # pragma: no cover (the child's outcome is its exit status)
        try:
            steps: list[int] = []  # the progress: none from the cache, then the one set
            made = make_many(
                [r], tmp_path / "forked", tmp_path / "cache-forked", SITE_URL, "Test", on_done=steps.append
            )
            os._exit(0 if made == [tmp_path / "forked" / f"{r.slug}.pdf"] and steps == [0, 1] else 3)
        except BaseException:
            os._exit(4)
    deadline = time.monotonic() + 120
    while (done := os.waitpid(child, os.WNOHANG)) == (0, 0) and time.monotonic() < deadline:
        time.sleep(0.2)
    if done == (0, 0):
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        pytest.fail("the forked process never set its PDF")
    assert os.waitstatus_to_exitcode(done[1]) == 0
    assert (tmp_path / "forked" / f"{r.slug}.pdf").read_bytes() == (tmp_path / "here" / f"{r.slug}.pdf").read_bytes()


# --- the PDF's data, in process --------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "short"),
    [
        ("x" * 70, "x" * 70),  # at the limit: whole
        ("x" * 71, "x" * 70 + "…"),  # one past it: cut (no space to cut at)
        ("Cooperation " * 6 + "between", "Cooperation " * 4 + "Cooperation…"),  # 79: cut at a word
        ("word, " * 13, "word, " * 10 + "word…"),  # no comma before the ellipsis
        ("a; b: c; " * 10, "a; b: c; " * 7 + "a; b…"),  # nor a semicolon or a colon
    ],
)
def test_a_long_title_is_cut_at_a_word_before_its_running_head_would_overflow(title: str, short: str):
    from build_scripts.render.pdf import short_title

    assert short_title(title) == short and len(short_title(title)) <= 71


def test_a_footnote_called_again_refers_to_its_first_call_and_its_body_is_not_a_call():
    from build_scripts.render.pdf import _mark_repeated_footnotes

    def call(number: int) -> dict[str, object]:
        return {"type": "footnote", "number": number}

    data = {
        "preamble": [{"content": [call(1), {"type": "text"}, call(2)]}],
        "operative": [{"content": [call(1)], "items": [{"content": [call(2), call(3)]}]}],
        "footnotes": [{"number": 1, "content": [call(3)]}],  # a note's body: never a call
    }
    _mark_repeated_footnotes(data, set())
    firsts = [
        data["preamble"][0]["content"][0],
        data["preamble"][0]["content"][2],
        data["operative"][0]["items"][0]["content"][1],
    ]
    again = [data["operative"][0]["content"][0], data["operative"][0]["items"][0]["content"][0]]
    assert [c["first"] for c in firsts] == [True, True, True] and [c["first"] for c in again] == [False, False]
    assert "first" not in data["footnotes"][0]["content"][0]


def test_the_terms_a_pdf_names_close_it_linked_to_the_glossary_only_at_a_public_address():
    from build_scripts.annotate.glossary import Term
    from build_scripts.render.pdf import pdf_data

    term = Term(
        "sltd", "Stolen and Lost Travel Documents", (), "database", "The database.", "", "https://x.int/", "SLTD"
    )
    resolution = _tiny_resolution("x")
    public = pdf_data(resolution, SITE_URL, [term])["glossary"]
    assert public == [
        {
            "label": "Stolen and Lost Travel Documents (SLTD)",
            "definition": "The database.",
            "url": "https://x.int/",
            "href": SITE_URL + "glossary/#sltd",
        }
    ]
    assert pdf_data(resolution, "", [term])["glossary"][0]["href"] == ""
    assert pdf_data(resolution, SITE_URL)["glossary"] == []
    assert pdf_data(resolution, SITE_URL)["short_title"] == "A test"


def test_a_template_typst_refuses_is_an_error_naming_the_text_typsts_message_and_hints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Typst's own error reaches the editor as a PdfError naming the text, with Typst's
    message and its hints; no PDF is written, none cached."""
    from build_scripts.render import pdf

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "resolution.typ").write_text("$foo$\n", encoding="utf-8")  # an unknown variable
    monkeypatch.setattr(pdf, "TEMPLATES", templates)
    maker = PdfMaker(tmp_path / "cache", SITE_URL, "Test")
    with pytest.raises(PdfError) as caught:
        maker.make(_tiny_resolution("x"), tmp_path / "out.pdf")
    assert str(caught.value).startswith(
        "source_texts/a-res-99-1.txt: the PDF could not be set: unknown variable: foo "
        "(if you meant to display multiple letters as is, try adding spaces between each letter: `f o o`; "
        "or if you meant"
    )
    assert not (tmp_path / "out.pdf").exists() and not list((tmp_path / "cache").glob("*"))
    # An error without hints is said without them.
    (templates / "resolution.typ").write_text('#panic("stop")\n', encoding="utf-8")
    with pytest.raises(PdfError) as caught:
        PdfMaker(tmp_path / "cache", SITE_URL, "Test").make(_tiny_resolution("x"), tmp_path / "out.pdf")
    assert str(caught.value) == "source_texts/a-res-99-1.txt: the PDF could not be set: panicked with: stop"


def test_many_pdfs_are_set_once_then_placed_from_the_cache_counted_and_left_alone_when_the_same(
    tmp_path: Path, collection
):
    import os

    from build_scripts.memo import Memo
    from build_scripts.render.pdf import make_many

    documents = [x for x in collection.resolutions if x.slug in ("a-res-71-19", "a-res-77-241")]
    terms = [collection.glossary.used_in(d) for d in documents]  # the glossary closing a PDF
    assert terms[0]
    steps: list[int] = []
    made = make_many(
        documents,
        tmp_path / "out",
        tmp_path / "cache",
        SITE_URL,
        "Test",
        "us-letter",
        terms=terms,
        on_done=steps.append,
    )
    assert made == [tmp_path / "out" / f"{d.slug}.pdf" for d in documents] and steps == [0, 1, 1]
    box = PdfReader(made[1]).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # the paper asked for
    # Elsewhere (a folder whose folders are made too), from the cache: none set anew, every
    # one counted at once, the same bytes; the cache files remembered by the documents' digests.
    steps.clear()
    targets = [tmp_path / "elsewhere" / "pdf" / f"{d.slug}.pdf" for d in documents]
    memo = Memo(tmp_path / "pdfs.sqlite")
    digests = [collection.digests[d.slug] for d in documents]
    again = make_many(
        documents,
        None,
        tmp_path / "cache",
        SITE_URL,
        "Test",
        "us-letter",
        targets=targets,
        terms=terms,
        on_done=steps.append,
        memo=memo,
        digests=digests,
    )
    assert again == [] and len(memo.used) == 2
    assert steps == [2] and all(t.read_bytes() == (tmp_path / "out" / t.name).read_bytes() for t in targets)
    # A target that is already the PDF is not written again: its unchanged time tells the
    # site build to skip it.
    os.utime(targets[0], ns=(1, 1))
    make_many(documents, None, tmp_path / "cache", SITE_URL, "Test", "us-letter", targets=targets, terms=terms)
    assert targets[0].stat().st_mtime_ns == 1


def test_a_worker_process_sets_pdfs_with_a_maker_of_its_own_and_knows_typst_started_before_it(
    tmp_path: Path, collection, monkeypatch: pytest.MonkeyPatch
):
    """What a PDF worker process runs, run here: it makes its own maker from the build's
    settings once, then sets each PDF it is sent as the parent would; a process forked once
    Typst has started knows it (and sets its PDFs in a spawned process instead)."""
    from build_scripts.render import pdf

    r = next(x for x in collection.resolutions if x.slug == "a-res-77-241")
    monkeypatch.setattr(pdf, "_worker", None)
    pdf._init_worker(tmp_path / "cache", SITE_URL, "Test", "us-letter")
    worker = pdf._worker
    assert worker is not None and (worker.cache_dir, worker.site_url, worker.site_name, worker.paper) == (
        tmp_path / "cache",
        SITE_URL,
        "Test",
        "us-letter",
    )
    assert pdf._make_in_worker((r, tmp_path / "w.pdf", [])) is True
    box = PdfReader(tmp_path / "w.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert pdf._make_in_worker((r, tmp_path / "again.pdf", [])) is False  # cached
    monkeypatch.setattr(pdf, "_typst_inherited", False)
    monkeypatch.setattr(pdf, "_typst_started", True)
    pdf._after_fork_in_child()
    assert pdf._typst_inherited is True
    monkeypatch.setattr(pdf, "_typst_started", False)
    pdf._after_fork_in_child()
    assert pdf._typst_inherited is False


def test_the_remembered_name_of_a_pdf_is_asked_by_everything_its_inputs_are_made_of(
    collection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The memo answers with a cache file only when the document, its terms, the site's
    address and name, the paper and Typst are those it was made for; without a digest of
    the document (or without a memo) the name is made from the inputs themselves."""
    from build_scripts.memo import Memo
    from build_scripts.render import pdf

    document = next(x for x in collection.resolutions if x.slug == "a-res-77-20")
    terms = collection.glossary.used_in(document)
    known = collection.digests[document.slug]
    memo = Memo(tmp_path / "pdfs.pickle")
    maker = PdfMaker(tmp_path, SITE_URL, "Site")
    own = maker.cache_file(document, terms, memo, known)
    assert own == maker._job(document, terms)[2] == maker.cache_file(document, terms)
    assert maker.cache_file(document, []) != own  # the terms are inputs
    assert maker.cache_file(document, terms, memo, None) == own  # no digest: made from the inputs
    other = next(x for x in collection.resolutions if x.slug == "a-res-77-241")  # the same terms, asked alike
    assert maker.cache_file(other, terms, memo, None) == maker._job(other, terms)[2] != own
    others = [
        maker.cache_file(document, [], memo, known),
        PdfMaker(tmp_path, "https://other.example/", "Site").cache_file(document, terms, memo, known),
        PdfMaker(tmp_path, SITE_URL, "Another site").cache_file(document, terms, memo, known),
        PdfMaker(tmp_path, SITE_URL, "Site", "us-letter").cache_file(document, terms, memo, known),
    ]
    monkeypatch.setattr(pdf.typst, "__version__", "0.0.1")
    others.append(maker.cache_file(document, terms, memo, known))
    assert len({own, *others}) == 6


def test_a_related_documents_pdf_data_are_its_own_and_a_title_cut_keeps_its_last_letter():
    from build_scripts.model import Heading, Paragraph, RelatedDocument
    from build_scripts.render.data import document_to_dict
    from build_scripts.render.pdf import pdf_data, short_title

    page = RelatedDocument(
        "p",
        "source_texts/p.txt",
        "A page",
        "web page",
        "INTERPOL",
        None,
        "",
        None,
        [Heading(2, "About", "about"), Paragraph([Text("Words.")], "p1", 2)],
    )
    data = pdf_data(page, SITE_URL)
    assert data == {**document_to_dict(page, SITE_URL), "glossary": []} and "short_title" not in data
    assert short_title("ab X " * 15) == "ab X " * 13 + "ab X…"


def test_a_pdfs_cache_file_is_named_by_every_template_so_an_edited_one_sets_it_anew(
    collection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The resolution's template imports the common one: an edit to any template file
    gives the PDF another cache file; the same templates elsewhere, the same name."""
    import shutil

    from build_scripts.render import pdf

    document = next(x for x in collection.resolutions if x.slug == "a-res-77-241")
    named = PdfMaker(tmp_path, SITE_URL, "Site").cache_file(document, [])
    copy = tmp_path / "templates"
    shutil.copytree(pdf.TEMPLATES, copy)
    monkeypatch.setattr(pdf, "TEMPLATES", copy)
    assert PdfMaker(tmp_path, SITE_URL, "Site").cache_file(document, []) == named
    assert (copy / "common.typ").is_file() and (copy / "resolution.typ").is_file()
    with (copy / "common.typ").open("a", encoding="utf-8") as common:
        common.write("// edited\n")
    assert PdfMaker(tmp_path, SITE_URL, "Site").cache_file(document, []) != named
