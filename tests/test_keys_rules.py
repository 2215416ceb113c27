"""The keys under which a build remembers what it made: a document's files (its pages and
exports: ``render/dependencies.render_key``) and each page of the glossary and the indexes
(``Page.key``). A build makes again only what has a key the last build did not leave, so
a key must change whenever what it stands for changes, or a page keeps what it showed
before (the incremental build would differ from a build from nothing).

Checked in process on the small collection of tests/test_markdown_rules.py and on variants
of it, each an edit of one kind (a title, a date, a paragraph's words, a footnote, a text
added or removed, a term's definition, a theme's or a body's name, a series broken): for
every document and every keyed page, a text that differs from the unedited collection's
has a key that differs. The built sites' incremental tests (tests/test_incremental.py)
check the same end to end; these run in the fast loop."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from test_markdown_rules import collection_inputs, in_session
from test_series_rules import resolution

from build_scripts.annotate.crossindex import Body, Theme
from build_scripts.edition import Edition
from build_scripts.memo import Memo
from build_scripts.model import Collection, Resolution, Text
from build_scripts.render.dependencies import render_key
from build_scripts.render.exports import document_exports
from build_scripts.render.index_pages import index_pages
from build_scripts.render.markdown import document_pages, environment, glossary_page
from build_scripts.site.pipeline import annotate

Inputs = tuple[Collection, object, list, list[Theme], list[Body]]


def edition_of(edit: Callable[[Inputs], Inputs] | None = None) -> Edition:
    inputs = collection_inputs()
    return annotate(*(edit(inputs) if edit else inputs))


def remembered(edition: Edition, public_url: str = "", places: dict | None = None) -> dict[str, tuple[object, str]]:
    """{what: (its key, its text)}: each document's files, each keyed page."""
    env = environment()
    out: dict[str, tuple[object, str]] = {}
    citations = places or {}
    for document in edition.all():
        key = render_key(edition, document, citations.get(document.slug), public_url)
        files = [
            *document_pages(env, edition, document, citations, public_url),
            # Not validated again (tests/test_exports.py does): the text is what counts here.
            *document_exports(edition, document, public_url, lambda path, text: False),
        ]
        out[f"files of {document.slug}"] = (key, "".join(f"===== {p}\n{t}" for p, t in files))
    pages = [glossary_page(env, edition), *index_pages(env, edition)]
    for page in pages:
        if page is not None and page.key is not None:
            out[page.path] = (page.key, page.make())
    return out


def _documents(inputs: Inputs) -> dict[str, object]:
    return {d.slug: d for d in inputs[0].all()}


def _retitled(inputs: Inputs) -> Inputs:
    return _retitle(inputs, "a-res-77-20", "Cooperation renamed")


def _retitle(inputs: Inputs, slug: str, title: str) -> Inputs:
    document = _documents(inputs)[slug]
    document.meta = dataclasses.replace(document.meta, title=title)
    return inputs


def _redated(inputs: Inputs) -> Inputs:
    return _redate(inputs, "a-res-77-30", dt.date(2022, 12, 6))


def _redate(inputs: Inputs, slug: str, date: dt.date) -> Inputs:
    document = _documents(inputs)[slug]
    document.meta = dataclasses.replace(document.meta, adoption_date=date)
    return inputs


def _reworded(inputs: Inputs) -> Inputs:
    later = _documents(inputs)["a-res-77-30"]
    later.operative[0].content = [Text("the SG to report on drugs and on crime to the General Assembly;")]
    return inputs


def _titled_by_another(inputs: Inputs) -> Inputs:
    # The references of a text show a cited document's title as the first text to cite it
    # gives it: here the text before, so the later one's page changes with the earlier's words.
    later = _documents(inputs)["a-res-77-30"]
    later.preamble[0].content = [
        Text("Recalling its resolution 77/20 of 21 November 2022, entitled “Cooperation of police”, and 2019,")
    ]
    return inputs


def _footnote(inputs: Inputs) -> Inputs:
    first = _documents(inputs)["a-res-77-20"]
    first.footnotes[0].content = [Text("Another note.")]
    return inputs


def _without_the_next_session(inputs: Inputs) -> Inputs:
    collection, *rest = inputs
    return (Collection([r for r in collection.resolutions if r.slug != "a-res-78-5"], collection.documents), *rest)


def _with_a_later_session(inputs: Inputs) -> Inputs:
    added = resolution(7, "1. *Requests* the SG to act on drugs;\n", title="Another", date="1 December 2024")
    return _with(inputs, in_session(added, 79))


def _with_a_later_decade(inputs: Inputs) -> Inputs:
    # A text of the 2030s: the 2020s' page of the timeline gets a neighbour, its events none.
    return _with(inputs, in_session(resolution(1, "1. *Decides* to act.\n", title="Later", date="1 December 2035"), 90))


def _with(inputs: Inputs, added: Resolution) -> Inputs:
    collection, *rest = inputs
    return (Collection([*collection.resolutions, added], collection.documents), *rest)


def _defined_otherwise(inputs: Inputs) -> Inputs:
    collection, glossary, *rest = inputs
    glossary.terms[0] = dataclasses.replace(glossary.terms[0], definition="Another definition.")
    return (collection, glossary, *rest)


def _theme_renamed(inputs: Inputs) -> Inputs:
    collection, glossary, series, themes, bodies = inputs
    return collection, glossary, series, [dataclasses.replace(t, name="Narcotics") for t in themes], bodies


def _body_renamed(inputs: Inputs) -> Inputs:
    collection, glossary, series, themes, bodies = inputs
    return collection, glossary, series, themes, [dataclasses.replace(b, name="Secretary General") for b in bodies]


def _later_reworded(inputs: Inputs) -> Inputs:
    # The later text of the series alone: the earlier text's history line names its step.
    latest = _documents(inputs)["a-res-77-40"]
    latest.operative[0].content = [Text("the SG to report on crime to the General Assembly at its eightieth session;")]
    return inputs


def _earlier_reworded_as_changed(inputs: Inputs) -> Inputs:
    # A paragraph the later text changed, changed otherwise in the earlier one: the later
    # text's page of changes shows other words, its history the same steps.
    later = _documents(inputs)["a-res-77-30"]
    later.preamble[0].content = [
        Text("Recalling its resolution 77/20 of 21 November 2022 and the meeting held in 2018,")
    ]
    return inputs


def _later_redated(inputs: Inputs) -> Inputs:
    # The next text of the series a year later: the earlier text's link to it names the year.
    return _redate(inputs, "a-res-77-40", dt.date(2023, 1, 9))


def _series_named(inputs: Inputs) -> Inputs:
    collection, glossary, _, themes, bodies = inputs
    named = [{"id": "countering-drugs", "title": "Drugs, by the editors", "members": ["a-res-77-30", "a-res-77-40"]}]
    return collection, glossary, named, themes, bodies


def _series_broken(inputs: Inputs) -> Inputs:
    return _retitle(inputs, "a-res-77-40", "Countering drugs and crime")


EDITS = {
    "a cited text's title": _retitled,
    "a text's date": _redated,
    "a paragraph's words": _reworded,
    "a cited text's title in another": _titled_by_another,
    "a footnote": _footnote,
    "a text removed": _without_the_next_session,
    "a text added": _with_a_later_session,
    "a text of a later decade": _with_a_later_decade,
    "a term's definition": _defined_otherwise,
    "a theme's name": _theme_renamed,
    "a body's name": _body_renamed,
    "a series broken": _series_broken,
    "a later text's words": _later_reworded,
    "an earlier text's changed words": _earlier_reworded_as_changed,
    "a later text's year": _later_redated,
    "a series named by the editors": _series_named,
}


@pytest.fixture(scope="module")
def unedited() -> dict[str, tuple[object, str]]:
    return remembered(edition_of())


def index_texts(edition: Edition, known: Memo | None = None) -> dict[str, str]:
    return {page.path: page.make() for page in index_pages(environment(), edition, known)}


def changed_without_a_new_key(before: dict, after: dict) -> list[str]:
    return [
        what
        for what in before.keys() & after.keys()
        if before[what][1] != after[what][1] and before[what][0] == after[what][0]
    ]


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_what_an_edit_changes_has_a_new_key(unedited, edit: str):
    edited = remembered(edition_of(EDITS[edit]))
    assert changed_without_a_new_key(unedited, edited) == []
    # The edit shows (else the test would prove nothing).
    # The index pages made with what the last build remembered (the excerpts and the
    # paragraphs' words, by the documents' digests) are the pages made from nothing.
    known = Memo(None)
    made_before = index_texts(edition_of(), known)
    edition = edition_of(EDITS[edit])
    assert index_texts(edition, known) == index_texts(edition)
    assert made_before == index_texts(edition_of(), known)
    shown = {w: text for w, (_, text) in edited.items()}
    assert shown != {w: text for w, (_, text) in unedited.items()}


def test_the_same_collection_gives_the_same_keys(unedited):
    again = remembered(edition_of())
    assert {w: k for w, (k, _) in again.items()} == {w: k for w, (k, _) in unedited.items()}
    assert again == unedited


def test_a_public_address_and_the_citations_styles_have_their_keys(unedited):
    addressed = remembered(edition_of(), public_url="https://e.example/")
    assert changed_without_a_new_key(unedited, addressed) == []
    places = {"a-res-77-30": {"": {"oscola": "UNGA Res 77/30 (5 December 2022)"}}}
    cited = remembered(edition_of(), places=places)
    assert cited["files of a-res-77-30"][0] != unedited["files of a-res-77-30"][0]
    assert cited["files of a-res-77-20"] == unedited["files of a-res-77-20"]


def test_the_index_pages_are_the_same_with_one_documents_excerpts_at_hand(monkeypatch):
    """The excerpts are held for a few hundred documents at a time (a big collection's would
    not fit): the pages do not depend on how many."""
    import build_scripts.render.markdown as markdown

    edition = edition_of()
    pages = index_texts(edition)
    monkeypatch.setattr(markdown, "EXCERPTS_AT_HAND", 1)
    assert index_texts(edition) == pages
    assert index_texts(edition, Memo(None)) == pages


class Counting(Memo):
    """A memo held in memory that counts what is put in it: what was made anew."""

    def __init__(self) -> None:
        super().__init__(None)
        self.made = 0

    def put(self, key: bytes, value: object) -> None:
        self.made += 1
        super().put(key, value)


def test_the_index_pages_make_again_only_the_excerpts_of_the_documents_that_changed():
    known = Counting()
    index_texts(edition_of(), known)
    # Each document's excerpts and its paragraphs' words (of those the indexes list), once.
    assert 7 < known.made <= 2 * 7
    known.made = 0
    index_texts(edition_of(), known)
    assert known.made == 0
    index_texts(edition_of(_reworded), known)
    assert known.made == 2  # the edited text's


def test_each_part_of_an_index_has_a_key_of_its_own_and_the_top_pages_are_made_each_time():
    pages = list(index_pages(environment(), edition_of()))
    keyed = [page for page in pages if page.key is not None]
    # A part (a theme's session, a decade, a group of cited documents) is remembered; a
    # top page, small and naming every part, is made at each build.
    assert {page.path for page in pages if page.key is None} == {
        *("indexes/index.md", "indexes/themes/index.md", "indexes/bodies/index.md"),
        *("indexes/citations/index.md", "indexes/timeline/index.md", "indexes/mandates/index.md"),
    }
    assert len({page.key for page in keyed}) == len(keyed) > 10
    glossary = glossary_page(environment(), edition_of())
    assert glossary is not None and glossary.key is not None and glossary.key not in {p.key for p in keyed}


def test_a_text_of_a_long_series_has_a_new_key_when_a_step_that_its_history_names_changes():
    """A history names the steps around the text (see ``markdown.shown_steps``): the last of
    ten texts names the seventh, which an edit to the seventh text alone changes."""
    from test_markdown_rules import long_series_edition

    def reword(texts: list) -> None:
        seventh = next(t for t in texts if t.slug == "a-res-77-56")
        # One word more: the paragraph changed at this step (and at the next), the steps as many.
        content = seventh.operative[1].content
        content[0] = Text(content[0].text.replace("cooperate closely", "cooperate very closely"))

    before, after = remembered(long_series_edition()), remembered(long_series_edition(reword))
    assert before["files of a-res-77-59"][1] != after["files of a-res-77-59"][1]
    assert "changed in 77/56" in after["files of a-res-77-59"][1]
    assert changed_without_a_new_key(before, after) == []
