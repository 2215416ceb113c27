"""JSON and Akoma Ntoso XML: validated, round-tripped, and mapped one to one to the anchors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from lxml import etree

from build_scripts.model import FootnoteRef, plain_text, runs
from build_scripts.render.akn import AKN_NS, anchor_for_eid, eid_for_anchor, schema

NS = {"a": AKN_NS}
SCHEMAS = ROOT / "build_scripts" / "schemas"


def test_every_json_file_validates_against_its_schema(site: Path, collection):
    document_schema = json.loads((SCHEMAS / "document.schema.json").read_text())
    for document in collection.all():
        data = json.loads((site / document.url_path / f"{document.slug}.json").read_text())
        jsonschema.validate(data, document_schema)
    collection_schema = json.loads((SCHEMAS / "collection.schema.json").read_text())
    listing = json.loads((site / "data" / "collection.json").read_text())
    jsonschema.validate(listing, collection_schema)
    assert len(listing["documents"]) == len(collection.all())
    assert (site / "data" / "document.schema.json").exists()


def test_the_schema_rejects_a_broken_file(site: Path):
    document_schema = json.loads((SCHEMAS / "document.schema.json").read_text())
    data = json.loads((site / "resolutions/a-res-77-20/a-res-77-20.json").read_text())
    del data["operative"][0]["anchor"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, document_schema)


def test_the_build_names_the_file_and_the_place_of_an_invalid_export(site: Path):
    from build_scripts.render.exports import ExportError, check_json

    data = json.loads((site / "resolutions/a-res-77-20/a-res-77-20.json").read_text())
    data["preamble"][0]["content"][0]["italic"] = "yes"
    with pytest.raises(ExportError) as error:
        check_json(data, "document.schema.json", "resolutions/a-res-77-20/a-res-77-20.json")
    assert str(error.value) == (
        "resolutions/a-res-77-20/a-res-77-20.json: does not match document.schema.json "
        'at preamble/0/content/0/italic: "yes" is not of type "boolean"'
    )


def test_json_content(site: Path):
    data = json.loads((site / "resolutions/a-res-77-20/a-res-77-20.json").read_text())
    assert data["meta"]["symbol"] == "A/RES/77/20"
    op17 = data["operative"][16]
    assert (op17["number"], op17["anchor"], op17["akn_eid"], op17["action_phrase"]) == (
        17,
        "op17",
        "para_17",
        "Encourages",
    )
    assert [s["anchor"] for s in op17["subparagraphs"]] == [f"op17-{x}" for x in "abcde"]
    assert {"symbol": "A/RES/70/1", "anchor": "fn:5"}.items() <= next(
        r for r in data["references"] if r["symbol"] == "A/RES/70/1"
    ).items()
    assert {"term": "sltd", "anchor": "op2"}.items() <= next(m for m in data["mentions"] if m["term"] == "sltd").items()


def test_every_xml_file_validates_against_akoma_ntoso_3(site: Path, collection):
    for r in collection.resolutions:
        tree = etree.parse(str(site / r.url_path / f"{r.slug}.xml"))
        assert schema().validate(tree), schema().error_log.last_error
        frbr = tree.find(".//a:FRBRWork/a:FRBRthis", NS).get("value")
        date, session, number = r.date.isoformat(), r.meta.session, r.meta.number
        if r.slug.startswith("s-res-"):  # the Council's: its number and year, "2322-2016"
            assert frbr == f"/akn/un/statement/deliberation/un-sc/{date}/{number}-{r.meta.year}/!main"
        else:
            assert frbr == f"/akn/un/statement/deliberation/un-ga/{date}/{session}-{number}/!main"


def test_an_invalid_document_is_rejected(site: Path):
    tree = etree.parse(str(site / "resolutions/a-res-77-241/a-res-77-241.xml"))
    body = tree.find(".//a:mainBody", NS)
    body.insert(0, etree.Element(f"{{{AKN_NS}}}recital"))
    assert not schema().validate(tree)


@pytest.mark.parametrize("slug", ["a-res-77-20", "a-res-77-237", "a-res-77-241", "a-res-78-223"])
def test_round_trip_recovers_paragraphs_numbers_and_footnotes(site: Path, collection, slug: str):
    r = next(x for x in collection.resolutions if x.slug == slug)
    tree = etree.parse(str(site / r.url_path / f"{slug}.xml"))

    def text(element) -> str:
        """The words of an element, without the footnotes set inside it (their tails stay)."""
        import copy

        element = copy.deepcopy(element)
        for note in element.findall(".//a:authorialNote", NS):
            parent, tail = note.getparent(), note.tail or ""
            previous = note.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
            parent.remove(note)  # lxml removes the tail with the element: kept above
        return " ".join("".join(element.itertext()).split())

    def note_text(note) -> str:
        return " ".join("".join(note.itertext()).split())

    recitals = tree.findall(".//a:recital", NS)
    assert [anchor_for_eid(e.get("eId")) for e in recitals] == [p.anchor for p in r.preamble]
    assert [text(e) for e in recitals] == [" ".join(plain_text(p.content).split()) for p in r.preamble]
    paragraphs = tree.findall(".//a:mainBody/a:paragraph", NS)
    assert [p.findtext("a:num", namespaces=NS) for p in paragraphs] == [f"{op.number}." for op in r.operative]
    for element, op in zip(paragraphs, r.operative, strict=True):
        first = element.find("a:content/a:p", NS)
        if first is None:
            first = element.find("a:intro/a:p", NS)
        expected = " ".join(f"{op.action_phrase} {plain_text(op.content)}".split())
        assert text(first) == expected, op.number
        points = element.findall(".//a:point", NS)
        assert [p.findtext("a:num", namespaces=NS) for p in points] == [f"({s.label})" for s in op.subparagraphs]
    notes = tree.findall(".//a:authorialNote", NS)
    assert [int(n.get("marker")) for n in notes] == sorted(f.number for f in r.footnotes)
    for note in notes:
        footnote = next(f for f in r.footnotes if f.number == int(note.get("marker")))
        assert note_text(note) == " ".join(plain_text(footnote.content).split())
    # Each note sits in the paragraph or subparagraph that calls it (every call, no exception).
    calls = {
        item.number: run.anchor
        for run in runs(r)
        if not run.anchor.startswith("fn")
        for item in run.inlines
        if isinstance(item, FootnoteRef)
    }
    assert sorted(calls) == [int(n.get("marker")) for n in notes]
    for note in notes:
        holder = next(a for a in note.iterancestors() if a.get("eId") and not a.get("eId").startswith("fn_"))
        assert anchor_for_eid(holder.get("eId")) == calls[int(note.get("marker"))], note.get("marker")


@pytest.mark.parametrize("slug", ["a-res-77-20", "a-res-77-237", "a-res-77-241"])
def test_every_eid_maps_to_a_page_anchor_and_back(site: Path, slug: str):
    tree = etree.parse(str(site / "resolutions" / slug / f"{slug}.xml"))
    page = BeautifulSoup((site / "resolutions" / slug / "index.html").read_text(), "lxml")
    eids = [
        e.get("eId")
        for e in tree.iter()
        if e.get("eId") and e.tag.split("}")[1] in ("recital", "paragraph", "point", "authorialNote")
    ]
    assert eids
    for eid in eids:
        anchor = anchor_for_eid(eid)
        assert eid_for_anchor(anchor) == eid
        assert page.find(id=anchor) is not None, f"{slug}: {eid} -> #{anchor} missing"
        if eid.startswith("para_"):
            assert page.find(id=eid) is not None, f"{slug}: alias #{eid} missing"
    anchors = {p["id"] for p in page.select("article p.para[id]")}
    assert anchors == {anchor_for_eid(e) for e in eids if not e.startswith("fn_")}


def test_pages_offer_the_downloads(site: Path):
    page = BeautifulSoup((site / "resolutions/a-res-77-20/index.html").read_text(), "lxml")
    meta = page.select_one(".doc-meta")
    hrefs = [a["href"] for a in meta.select("a")]
    assert {"a-res-77-20.pdf", "a-res-77-20.json", "a-res-77-20.xml", "../../data/index.html"} <= set(hrefs)
    data_page = (site / "data" / "index.html").read_text()
    assert "para_17__list_1__point_a" in data_page and "Licence" in data_page


def test_only_new_exports_are_validated_again(collection, monkeypatch: pytest.MonkeyPatch):
    import build_scripts.render.exports as exports

    checked: list[str] = []
    monkeypatch.setattr(exports, "check_json", lambda data, schema, name: checked.append(name))
    monkeypatch.setattr(exports, "validate", lambda xml, name: checked.append(name))
    everything = exports.render_exports(collection, "https://example.org/")
    # JSON of each document, AKN of each resolution, the collection; CSL-JSON of each and of all
    every_check = len(collection.all()) + len(collection.resolutions) + 1 + len(collection.all()) + 1
    assert len(checked) == every_check
    checked.clear()
    exports.render_exports(collection, "https://example.org/", lambda path, text: everything.get(path) == text)
    assert checked == []  # an earlier build wrote (and checked) these very texts
    checked.clear()
    stale = dict(everything, **{"resolutions/a-res-77-20/a-res-77-20.json": "{}"})
    exports.render_exports(collection, "https://example.org/", lambda path, text: stale.get(path) == text)
    assert checked == ["resolutions/a-res-77-20/a-res-77-20.json"]
    checked.clear()
    old_schema = dict(everything, **{"data/document.schema.json": "{}"})
    exports.render_exports(collection, "https://example.org/", lambda path, text: old_schema.get(path) == text)
    assert len(checked) == every_check  # a new schema: everything again


def test_without_a_public_address_exports_are_relative_never_a_placeholder(site: Path):
    """Built without SITE_URL: every address of the exports is relative to the edition's
    root; with SITE_URL, absolute (tested through render_exports above)."""
    exports = [p for folder in ("resolutions", "documents", "data") for p in (site / folder).rglob("*.[jx][sm][ol]*")]
    assert len(exports) > 30
    for path in exports:
        assert "police-cooperation.example.org" not in path.read_text(encoding="utf-8"), path
    data = json.loads((site / "resolutions/a-res-79-136/a-res-79-136.json").read_text(encoding="utf-8"))
    assert data["url"] == "resolutions/a-res-79-136/"
    hrefs = [r["href"] for r in data["references"]]
    assert "resolutions/a-res-77-20/" in hrefs and "https://docs.un.org/en/A/RES/70/1" in hrefs


def test_an_export_that_does_not_validate_is_reported_at_the_source_file_and_line(collection):
    """No internal validation message reaches an editor without the source file and line."""
    from build_scripts.model import DocumentLink, changing
    from build_scripts.render.exports import ExportError, render_exports

    r = next(x for x in collection.resolutions if x.slug == "a-res-77-20")
    with changing(r):  # the edition's documents are packed: changed only so
        r.preamble[1].content.append(DocumentLink("x", symbol="", href="https://docs.un.org/en/x"))
    try:
        with pytest.raises(ExportError) as error:
            render_exports(collection, "")
    finally:
        with changing(r):
            r.preamble[1].content.pop()
    assert str(error.value).startswith(f"source_texts/a-res-77-20.txt:{r.preamble[1].line}: ")
    assert "preamble/1/content" in str(error.value)
