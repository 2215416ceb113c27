"""Documents kept packed (``model.Packable``): a document not in use keeps its body
compressed, and opens it when read. The rule: a packed document reads as the document it
was, and what the build writes does not depend on how many documents stay open."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from conftest import ROOT, tracked_docs
from test_memo import make_texts, tree

from build_scripts import model
from build_scripts.memo import digest
from build_scripts.model import Resolution, Text, changing, open_documents
from build_scripts.settings import load_settings
from build_scripts.site import pipeline


def parsed(slug: str) -> Resolution:
    document = pipeline.parse_source(ROOT / "source_texts" / f"{slug}.txt")
    assert isinstance(document, Resolution)
    return document


def is_open(document: Resolution) -> bool:
    return all(model._has(document, name) for name in document.BODY)


def test_a_packed_document_reads_as_the_document_it_was():
    document, copy = parsed("a-res-77-20"), parsed("a-res-77-20")
    document.pack()
    assert document.packed and not is_open(document)
    # A list of texts gives each one's counts without opening it.
    assert [document.size_of(name) for name in document.BODY] == [len(getattr(copy, name)) for name in copy.BODY]
    assert not is_open(document) and copy.size_of("preamble") == len(copy.preamble)
    assert document == copy  # every field, the body opened to compare
    assert is_open(document)
    assert digest(document) == digest(copy)  # a digest is of the content, packed or not
    # Pickled (to the build's cache, to a worker), it stays packed, and reads as it was.
    document.pack()
    again = pickle.loads(pickle.dumps(document))
    assert again.packed and not is_open(again) and len(pickle.dumps(document)) < len(pickle.dumps(copy)) / 2
    assert again.size_of("operative") == len(copy.operative)
    assert again == copy and pickle.dumps(again) == pickle.dumps(document)


def test_only_the_last_documents_opened_stay_open():
    documents = [parsed(slug) for slug in ("a-res-77-20", "a-res-77-237", "a-res-77-241")]
    for document in documents:
        document.pack()
    with open_documents(2):
        for document in documents:
            assert document.operative  # read: opened
        assert [is_open(d) for d in documents] == [False, True, True]
        assert documents[0].preamble[0].anchor == "pp1"  # opened again, from its bytes
        assert [is_open(d) for d in documents] == [True, False, True]


def test_a_change_made_while_changing_is_kept_though_other_documents_open_meanwhile():
    document, other = parsed("a-res-77-20"), parsed("a-res-77-237")
    document.pack()
    other.pack()
    count = document.size_of("preamble")
    with open_documents(1):
        with changing(document):
            document.preamble[0].content = [Text("Changed.")]
            document.preamble.pop()
            assert other.operative  # opening another does not let this one go
            assert is_open(document)
        assert not is_open(document) and document.size_of("preamble") == count - 1  # packed again, as changed
        assert document.preamble[0].content == [Text("Changed.")]  # opened again, changed


def _generate(texts: Path, docs: Path, cache: Path) -> dict[str, bytes]:
    settings = load_settings(source_dir=texts, docs_dir=docs, site_dir=docs.parent / "site", cache_dir=cache)
    pipeline.generate(settings.with_(jobs=1), pdfs=False)
    return tree(docs)


@pytest.mark.slow
def test_the_pages_are_the_same_whether_documents_stay_open_or_are_opened_at_every_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """One open document at a time: each read of another opens it anew from its bytes, so
    a change made to a packed document outside ``changing`` (lost when it is let go) or a
    paragraph held from an earlier opening would show here."""
    texts = make_texts(tmp_path / "texts")
    with open_documents(1):
        packed = _generate(texts, tracked_docs(tmp_path / "a"), tmp_path / "cache-a")
    monkeypatch.setattr(model.Packable, "pack", lambda self: None)
    never = _generate(texts, tracked_docs(tmp_path / "b"), tmp_path / "cache-b")
    assert packed.keys() == never.keys()
    assert [rel for rel in packed if packed[rel] != never[rel]] == []
