"""The annotated documents a build keeps for the next (``build_scripts/site/annotated.py``):
found again by their text's key and the collection's context, and by nothing else; a
context that changes with what annotating reads; the store pruned to what the last build
read or wrote. And the edition's summaries (``Edition.summary_of``)."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

from test_series_rules import BODY, resolution

from build_scripts.annotate.glossary import Glossary, Term
from build_scripts.edition import Edition
from build_scripts.site.annotated import Annotated, AnnotatedStore, context_of

TERM = Term("i-24-7", "I-24/7", ("I-24/7",), "network", "The network.", "", "https://example.org/")
ADDRESSES = {"A/RES/77/20": "resolutions/a-res-77-20/"}


def annotated(context: bytes, number: int = 20) -> Annotated:
    return Annotated(resolution(number, BODY), [], b"digest", context)


def test_the_context_changes_with_each_thing_annotating_reads_and_with_nothing_else():
    glossary = Glossary([TERM])
    context = context_of(ADDRESSES, glossary)
    assert context == context_of(dict(ADDRESSES), Glossary([dataclasses.replace(TERM)]))
    assert context == context_of(ADDRESSES, Glossary([TERM], mentions={"i-24-7": []}))  # found, not read
    added = {**ADDRESSES, "A/RES/77/241": "resolutions/a-res-77-241/"}
    moved = {"A/RES/77/20": "resolutions/elsewhere/"}
    renamed = Glossary([dataclasses.replace(TERM, variants=("I-24/7", "I 24/7"))])
    others = [context_of(added, glossary), context_of(moved, glossary), context_of(ADDRESSES, renamed)]
    others.append(context_of(ADDRESSES, Glossary([])))
    assert len({context, *others}) == 5
    # The same addresses given in another order: the same context.
    assert context_of(dict(reversed(list(added.items()))), glossary) == others[0]


def test_a_document_is_found_again_by_its_key_and_context_alone(tmp_path: Path):
    store = AnnotatedStore(tmp_path / "memo" / "annotated")  # its folder made on the first save
    context = context_of(ADDRESSES, Glossary([TERM]))
    kept = annotated(context)
    assert store.load(context, "key-20") is None
    store.save("key-20", kept)
    again = AnnotatedStore(store.folder)
    found = again.load(context, "key-20")
    assert found is not None and found.document.slug == "a-res-77-20" and found.context == context
    assert again.load(context, "key-241") is None  # another text
    assert again.load(context_of({}, Glossary([TERM])), "key-20") is None  # another collection
    assert len(list(store.folder.glob("*.pickle"))) == 1
    # The collection changed: the text annotated in its new context is kept beside the old.
    changed = context_of({}, Glossary([TERM]))
    again.save("key-20", annotated(changed))
    assert AnnotatedStore(store.folder).load(changed, "key-20") is not None
    assert AnnotatedStore(store.folder).load(context, "key-20") is not None


def test_a_file_that_holds_another_context_is_not_taken_for_this_one(tmp_path: Path):
    """The file's name is a digest cut short: the context kept inside it decides."""
    store = AnnotatedStore(tmp_path)
    context, other = context_of(ADDRESSES, Glossary([TERM])), context_of({}, Glossary([]))
    store.save("key-20", annotated(context))
    (path,) = tmp_path.glob("*.pickle")
    path.write_bytes(pickle.dumps(annotated(other)))
    assert AnnotatedStore(tmp_path).load(context, "key-20") is None
    path.write_bytes(b"not a pickle")
    assert AnnotatedStore(tmp_path).load(context, "key-20") is None


def test_a_build_keeps_what_it_read_or_wrote_and_prunes_the_rest(tmp_path: Path):
    context = context_of(ADDRESSES, Glossary([TERM]))
    first = AnnotatedStore(tmp_path)
    for key, number in [("key-20", 20), ("key-241", 241), ("key-237", 237)]:
        first.save(key, annotated(context, number))
    (tmp_path / "notes.txt").write_text("not the store's", encoding="utf-8")
    second = AnnotatedStore(tmp_path)
    assert second.load(context, "key-20") is not None  # read
    second.save("key-241", annotated(context, 241))  # already there: written by the last build
    second.save("key-225", annotated(context, 225))  # new
    second.prune()
    kept = {pickle.loads(p.read_bytes()).document.slug for p in tmp_path.glob("*.pickle")}
    assert kept == {"a-res-77-20", "a-res-77-241", "a-res-77-225"}
    assert (tmp_path / "notes.txt").exists()
    AnnotatedStore(tmp_path / "never-made").prune()  # a store with no folder yet: nothing to do


def test_a_summary_by_a_rule_of_the_series_stands_for_the_texts_own():
    own, ruled = resolution(20, BODY, summary="Its own words."), resolution(241, BODY, summary="Its own words too.")
    edition = Edition(None, Glossary([]), [], {}, None, summaries={ruled.slug: "By the series' rule."})  # type: ignore[arg-type]
    assert edition.summary_of(own) == "Its own words."
    assert edition.summary_of(ruled) == "By the series' rule."
