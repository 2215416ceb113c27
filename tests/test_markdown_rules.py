"""The Markdown pages (``render/markdown.py`` and its templates) of the example documents
(tests/test_data_rules.py: a resolution in parts with items, words after items, links of
both kinds, a footnote called twice, glossary terms, a theme, an annexed treaty; and a web
page with a list), whole, as tests/golden/page_resolution.md and page_document.md state them
(reviewed when written; no test writes them: a change to a page is made by hand and read in
its diff). In the fast loop; the built site is tested in tests/test_site.py."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from test_data_rules import example, page_example

from build_scripts.annotate.crossindex import Body, Theme, build_index
from build_scripts.annotate.glossary import Glossary, Term
from build_scripts.edition import Edition
from build_scripts.model import Collection
from build_scripts.render.markdown import document_pages, environment

GOLDEN = Path(__file__).parent / "golden"


def example_glossary() -> Glossary:
    return Glossary(
        [
            Term(
                *("sltd", "Stolen and Lost Travel Documents database", ("SLTD",), "database", "A database."),
                *("Checked at borders.", "https://www.interpol.int/sltd", "SLTD"),
            ),
            Term(
                "i-24-7", "I-24/7", ("I-24/7",), "communication system", "A network.", "", "https://www.interpol.int/i"
            ),
        ]
    )


def example_edition() -> Edition:
    resolution, page = example(), page_example()
    collection = Collection([resolution], [page])
    index = build_index(collection, [Theme("drugs", "Drugs", ("item",))], [Body("sg", "Secretary-General", ("SG",))])
    return Edition(collection, example_glossary(), [], {}, index, digests={resolution.slug: b"r", page.slug: b"p"})


def test_a_resolutions_page_and_a_documents_page_are_as_reviewed():
    edition = example_edition()
    resolution, page = edition.all()
    assert list(document_pages(environment(), edition, resolution, {}, "")) == [
        ("resolutions/a-res-77-20/index.md", (GOLDEN / "page_resolution.md").read_text(encoding="utf-8"))
    ]
    assert list(document_pages(environment(), edition, page, {}, "")) == [
        ("documents/interpol-day/index.md", (GOLDEN / "page_document.md").read_text(encoding="utf-8"))
    ]


def collection_edition() -> Edition:
    """The example documents, a later resolution that cites the first, addresses the
    Secretary-General and asks for a report at a session, and one that follows it under the
    same title, a paragraph changed and one added: annotated as the build annotates (links,
    glossary, series and their changes, index), so that every page has something to show."""
    from build_scripts.site.pipeline import annotate

    return annotate(*collection_inputs())


def collection_inputs() -> tuple[Collection, Glossary, list, list[Theme], list[Body]]:
    """What ``collection_edition`` annotates (made anew at each call: annotating marks the
    documents): the collection, the glossary, the editors' series, themes and bodies."""
    from test_series_rules import resolution

    first, page = example(), page_example()
    body = (
        "Recalling its resolution 77/20 of 21 November 2022 and the meeting held in 2019,\n\n"
        "1. *Requests* the SG to report on drugs to the General Assembly at its eightieth session;\n"
    )
    later = resolution(30, body, title="Countering drugs", date="5 December 2022")
    changed = body.replace("held in 2019", "held in 2020") + "\n2. *Decides* to remain seized of the matter.\n"
    latest = resolution(40, changed, title="Countering drugs", date="8 December 2022")
    # A text of the next session: the indexes' pages by session and decade have neighbours;
    # it cites the first text as the earlier ones do.
    next_session = resolution(
        5,
        "Recalling its resolution 77/20 of 21 November 2022,\n\n"
        "1. *Requests* the SG to act on drugs at its eightieth session;\n",
        date="4 December 2023",
    )
    meta = dataclasses.replace(next_session.meta, symbol="A/RES/78/5", session=78, number="5")
    next_session = dataclasses.replace(next_session, slug="a-res-78-5", meta=meta)
    collection = Collection([first, later, latest, next_session], [page])
    themes = [Theme("drugs", "Drugs", ("item", "drugs"))]
    return collection, example_glossary(), [], themes, [Body("sg", "Secretary-General", ("SG",))]


def collection_pages_text(edition: Edition) -> str:
    from build_scripts.render.index_pages import index_pages
    from build_scripts.render.markdown import collection_pages, glossary_page

    env = environment()
    pages = list(collection_pages(env, edition))
    glossary = glossary_page(env, edition)
    pages += [(glossary.path, glossary.make())] if glossary else []
    pages += [(page.path, page.make()) for page in index_pages(env, edition)]
    return "".join(f"===== {path}\n{markdown}" for path, markdown in pages)


def test_the_collections_pages_home_listings_glossary_and_indexes_are_as_reviewed():
    assert collection_pages_text(collection_edition()) == (GOLDEN / "collection_pages.md").read_text(encoding="utf-8")


def test_a_resolution_that_follows_another_has_its_changes_and_history_as_reviewed():
    edition = collection_edition()
    latest = next(r for r in edition.resolutions if r.slug == "a-res-77-40")
    # The citations in the other styles (the build's come from citeproc-js), with characters
    # the page must escape; and a public address.
    places = {"": {"oscola": "UNGA Res 77/40 (8 December 2022)"}, "op1": {"oscola": "UNGA Res 77/40 para 1 “&” <x>"}}
    pages = list(document_pages(environment(), edition, latest, {"a-res-77-40": places}, "https://e.example/"))
    assert [path for path, _ in pages] == [
        "resolutions/a-res-77-40/index.md",
        "resolutions/a-res-77-40/changes/index.md",
    ]
    text = "".join(f"===== {path}\n{markdown}" for path, markdown in pages)
    assert text == (GOLDEN / "series_pages.md").read_text(encoding="utf-8")
