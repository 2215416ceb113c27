"""The export files (``render/exports.py``) of the small collection of
tests/test_markdown_rules.py, in process: the collection's listing, glossary and citations
whole, as tests/golden/collection_exports.txt states them (reviewed when written; no test
writes it); which files each document has; which are validated again; where an export that
does not validate is reported. Each document's JSON and XML are compared whole in
tests/test_data_rules.py and tests/test_akn_rules.py; the built site's in tests/test_exports.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_markdown_rules import collection_edition

from build_scripts.model import DocumentLink, Paragraph, Text
from build_scripts.render import exports
from build_scripts.render.exports import (
    ExportError,
    collection_exports,
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
    assert source_line(note, ("blocks",)) is None and source_line(note, ("blocks", 9)) is None
    assert source_line(note, ("title", 0)) is None and source_line(note, ("blocks", 0)) == 3
