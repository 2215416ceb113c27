"""The export files (``render/exports.py``) of the small collection of
tests/test_markdown_rules.py, in process: the collection's listing, glossary and citations
whole, as tests/golden/collection_exports.txt states them (reviewed when written; no test
writes it); which files each document has; which are validated again; where an export that
does not validate is reported. Each document's JSON and XML are compared whole in
tests/test_data_rules.py and tests/test_akn_rules.py; the built site's in tests/test_exports.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_markdown_rules import collection_edition

from build_scripts.model import DocumentLink, Paragraph, Text
from build_scripts.render import exports
from build_scripts.render.akn import resolution_to_akn
from build_scripts.render.data import resolution_to_dict
from build_scripts.render.exports import (
    ExportError,
    check_json,
    citation_files,
    collection_exports,
    document_data,
    document_exports,
    iter_exports,
    new_check,
    published_schemas,
    render_exports,
    source_line,
)

GOLDEN = Path(__file__).parent / "golden" / "collection_exports.txt"
URL = "https://e.example/"


def collection_files_text(files: dict[str, str]) -> str:
    return "".join(f"===== {path}\n{text}" for path, text in files.items() if not path.endswith("schema.json"))


def test_the_collections_listing_glossary_and_citations_are_as_reviewed():
    files = dict(collection_exports(collection_edition(), URL, new_check(None)))
    assert list(files) == [
        "data/collection.json",
        "data/collection.schema.json",
        "data/document.schema.json",
        "data/collection.csl.json",
        "data/collection.bib",
        "data/collection.ris",
    ]
    assert collection_files_text(files) == GOLDEN.read_text(encoding="utf-8")
    schemas = Path(exports.__file__).parent.parent / "schemas"
    for name in ("collection.schema.json", "document.schema.json"):
        assert files[f"data/{name}"] == (schemas / name).read_text(encoding="utf-8")


def test_each_document_has_its_json_its_xml_if_a_resolution_and_its_citations_in_three_formats():
    edition = collection_edition()
    everything = render_exports(edition, URL)
    assert list(everything) == [path for path, _ in iter_exports(edition, URL)]
    for document in edition.all():
        base = f"{document.url_path}{document.slug}"
        formats = [".json", ".xml", ".csl.json", ".bib", ".ris"] if document.kind == "resolution" else [".json"]
        formats += [] if document.kind == "resolution" else [".csl.json", ".bib", ".ris"]
        files = dict(document_exports(edition, document, URL, new_check(None)))
        assert list(files) == [base + suffix for suffix in formats]
        assert all(everything[path] == text for path, text in files.items())
        # What each says: the document's data (with what the edition says of it), as UTF-8
        # JSON indented by one, its keys in the model's order; its Akoma Ntoso with the
        # glossary's terms; its citations.
        data = document_data(document, URL, edition)
        assert files[f"{base}.json"] == json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        assert data["url"] == f"{URL}{document.url_path}"  # the public address reaches the data
        if document.kind == "resolution":
            assert files[f"{base}.xml"] == resolution_to_akn(document, edition.glossary).decode("utf-8")
        assert {p: t for p, t in files.items() if p.endswith((".bib", ".ris", ".csl.json"))} == citation_files(
            base, [document], URL
        )
    # The edition's part: a text's series, a glossary's terms, the note's own characters.
    latest = json.loads(everything["resolutions/a-res-77-40/a-res-77-40.json"])
    assert latest != resolution_to_dict(edition.resolutions[2], URL) and latest["series"]
    assert b"<TLCConcept" in resolution_to_akn(edition.resolutions[0], edition.glossary)
    assert "more — as “recalled”" in everything["documents/a-note/a-note.json"]
    assert len(everything) == sum(5 if d.kind == "resolution" else 4 for d in edition.all()) + 6


def test_only_what_no_earlier_build_published_is_validated(monkeypatch: pytest.MonkeyPatch):
    edition = collection_edition()
    checked: list[str] = []
    monkeypatch.setattr(exports, "check_json", lambda data, schema, name: checked.append(name))
    monkeypatch.setattr(exports, "validate", lambda xml, name: checked.append(name))
    everything = render_exports(edition, URL)
    # Each document's JSON and CSL-JSON, each resolution's XML, the collection's two.
    assert len(checked) == 2 * len(edition.all()) + len(edition.resolutions) + 2 == len(set(checked))
    checked.clear()
    assert render_exports(edition, URL, lambda path, text: everything.get(path) == text) == everything
    assert checked == []
    changed = dict(everything, **{"data/collection.json": "{}", "documents/a-note/a-note.csl.json": "[]"})
    render_exports(edition, URL, lambda path, text: changed.get(path) == text)
    assert checked == ["documents/a-note/a-note.csl.json", "data/collection.json"]
    checked.clear()
    for schema in published_schemas():
        render_exports(edition, URL, lambda path, text, schema=schema: path != schema and everything.get(path) == text)
        assert len(checked) == 2 * len(edition.all()) + len(edition.resolutions) + 2  # a new schema: all again
        checked.clear()


def test_an_export_that_does_not_validate_names_the_source_file_and_line():
    edition = collection_edition()
    note = edition.documents[1]
    note.blocks.append(Paragraph([Text("See "), DocumentLink("x", "", "https://docs.un.org/en/x")], "p2", 7))
    with pytest.raises(ExportError) as error:
        list(document_exports(edition, note, URL, new_check(None)))
    assert str(error.value).startswith("source_texts/a-note.txt:7: this text cannot be exported as it was read (")
    assert error.value.path[:2] == ("blocks", 1)
    # A place with no line of its own is reported at the file.
    assert source_line(note, ("blocks",)) is None and source_line(note, ("blocks", len(note.blocks))) is None
    assert source_line(note, ("title", 0)) is None and source_line(note, ("blocks", 0)) == 3
    assert source_line(note, ("references", 0)) is None  # a field of the export, not of the model


def test_an_xml_export_that_does_not_validate_names_the_source_file(monkeypatch: pytest.MonkeyPatch):
    from build_scripts.render.akn import AknError

    edition = collection_edition()

    def invalid(xml: bytes, name: str) -> None:
        raise AknError(f"{name}: element 'p' not expected")

    monkeypatch.setattr(exports, "validate", invalid)
    with pytest.raises(ExportError) as error:
        list(document_exports(edition, edition.resolutions[1], URL, new_check(None)))
    assert str(error.value) == (
        "source_texts/a-res-77-30.txt: this text cannot be exported as it was read "
        "(resolutions/a-res-77-30/a-res-77-30.xml: element 'p' not expected)"
    )


def test_data_that_does_not_match_its_schema_is_named_with_the_place():
    with pytest.raises(ExportError) as error:
        check_json({}, "collection.schema.json", "data/collection.json")
    assert str(error.value).startswith("data/collection.json: does not match collection.schema.json at (top): ")
    assert error.value.path == ()
    with pytest.raises(ExportError) as error:
        check_json({"name": "x", "url": "", "documents": [{}], "glossary": []}, "collection.schema.json", "c.json")
    assert str(error.value).startswith("c.json: does not match collection.schema.json at documents/0: ")
    assert error.value.path == ("documents", 0)
