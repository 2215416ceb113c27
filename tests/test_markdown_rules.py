"""The Markdown pages (``render/markdown.py`` and its templates) of the example documents
(tests/test_data_rules.py: a resolution in parts with items, words after items, links of
both kinds, a footnote called twice, glossary terms, a theme, an annexed treaty; and a web
page with a list), whole, as tests/golden/page_resolution.md and page_document.md state them
(reviewed when written; no test writes them: a change to a page is made by hand and read in
its diff). In the fast loop; the built site is tested in tests/test_site.py."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from test_data_rules import example, page_example

from build_scripts.annotate.crossindex import Body, Theme
from build_scripts.annotate.glossary import Glossary, Term
from build_scripts.edition import Edition
from build_scripts.model import Collection, Paragraph, RelatedDocument, Resolution, Text
from build_scripts.render.markdown import collection_pages, document_pages, environment

GOLDEN = Path(__file__).parent / "golden"


def example_glossary() -> Glossary:
    return Glossary(
        [
            Term(
                *(
                    "sltd",
                    "Stolen and Lost Travel Documents database",
                    ("SLTD",),
                    "database",
                    'A "database" of <documents> & more.',
                ),
                *("Checked at borders.", "https://www.interpol.int/sltd", "SLTD"),
            ),
            Term(
                "i-24-7", "I-24/7", ("I-24/7",), "communication system", "A network.", "", "https://www.interpol.int/i"
            ),
            # A tool no text names: in the glossary, with no mentions.
            Term("notices", "Notices", ("Red Notice",), "notice system", "Alerts.", "", "https://www.interpol.int/n"),
        ]
    )


def test_a_resolutions_page_and_a_documents_page_are_as_reviewed():
    """The example resolution and web page as the collection annotates them: their terms,
    themes, references and the texts that cite them."""
    edition = collection_edition()
    resolution = next(r for r in edition.resolutions if r.slug == "a-res-77-20")
    page = next(d for d in edition.documents if d.slug == "interpol-day")
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


def in_session(r: Resolution, session: int) -> Resolution:
    """A text made in the example's session (``test_series_rules.resolution``), moved to
    another: its symbol, session and slug."""
    number = r.meta.number
    meta = dataclasses.replace(r.meta, symbol=f"A/RES/{session}/{number}", session=session)
    return dataclasses.replace(r, slug=f"a-res-{session}-{number}", meta=meta)


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
    next_session = in_session(next_session, 78)
    # A Council text (its own listing), and an undated note that recalls the first text on
    # drugs and names a term (a related document's page with every panel; the home page's
    # latest documents, the dated first).
    from test_akn_rules import council_example

    council = dataclasses.replace(council_example(), slug="s-res-2322-2016")
    note = RelatedDocument(
        *("a-note", "source_texts/a-note.txt", "A note", "statement", "INTERPOL", None, "", None),
        [
            Paragraph(
                [
                    Text("It recalls General Assembly resolution 77/20 on drugs and the meeting held in 1999, "),
                    Text("Security Council resolution 2322 (2016) and the 2030 Agenda for Sustainable "),
                    Text("Development, with the SLTD & more — as “recalled”."),
                ],
                "p1",
                3,
            )
        ],
    )
    collection = Collection([first, later, latest, next_session, council], [page, note])
    themes = [Theme("drugs", "Drugs", ("item", "drugs"))]
    return collection, example_glossary(), [], themes, [Body("sg", "Secretary-General", ("SG",))]


def collection_pages_text(edition: Edition) -> str:
    from build_scripts.render.index_pages import index_pages
    from build_scripts.render.markdown import glossary_page

    env = environment()
    pages = list(collection_pages(env, edition))
    # The related documents' pages, one with its citations in the other styles.
    places = {"a-note": {"p1": {"oscola": "INTERPOL, ‘A note’ para 1"}}}
    for document in edition.documents:
        pages += document_pages(env, edition, document, places, "https://e.example/")
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


def long_series_edition(edit: Callable[[list], None] | None = None) -> Edition:
    """Ten texts of one series, a day apart: a paragraph with items whose item changes at
    the fifth (with its footnote: the next footnote is renumbered), a paragraph reworded at
    the third (it names a term, and calls a footnote that names one), one dropped at the
    seventh (it names a term), two that change places at the ninth; so that a paragraph's
    history has more steps than its line names, and every kind of step."""
    from test_series_rules import resolution

    from build_scripts.site.pipeline import annotate

    def body(i: int) -> str:
        # From the fifth text, item (b) loses its words and its footnote: the next is renumbered.
        item = "firearms,² explosives and arms;\n\n² Including ammunition." if i < 4 else "arms;"
        call = "³" if i < 4 else "²"
        ops = [
            f"*Requests* the SG to report on crime:\n\n(a) on drugs;\n\n(b) on {item}",
            "*Encourages* States to cooperate"
            + (" closely" if i >= 2 else "")
            + f" through I-24/7 with one another;{call}\n\n{call} See the *SLTD* too.",
            "*Invites* INTERPOL to share notices through the SLTD;",
            "*Decides* to remain seized of the matter.",
        ]
        if i >= 6:
            ops.pop(2)
        if i >= 8:
            ops[1], ops[2] = ops[2], ops[1]
        opening = "Noting the work,¹\n\n¹ See the report.\n\n"
        return opening + "\n\n".join(f"{n}. {text}" for n, text in enumerate(ops, 1)) + "\n"

    texts = [resolution(50 + i, body(i), title="Countering crime", date=f"{i + 1} December 2022") for i in range(10)]
    if edit is not None:
        edit(texts)
    return annotate(Collection(texts, []), example_glossary(), [], [], [])


def test_a_long_series_histories_and_changes_are_as_reviewed():
    edition = long_series_edition()
    env = environment()
    shown = {"a-res-77-52", "a-res-77-54", "a-res-77-56", "a-res-77-58", "a-res-77-59"}
    pages = [p for r in edition.resolutions if r.slug in shown for p in document_pages(env, edition, r, {}, "")]
    pages += [(path, text) for path, text in collection_pages(env, edition) if path.startswith("series/")]
    text = "".join(f"===== {path}\n{markdown}" for path, markdown in pages)
    assert text == (GOLDEN / "long_series_pages.md").read_text(encoding="utf-8")


def test_every_page_of_the_edition_once_the_documents_first_in_the_listings_order():
    from build_scripts.render.pages import iter_pages, render_pages

    edition = collection_edition()
    pages = list(iter_pages(edition))
    assert [path for path, _ in pages] == [
        *("resolutions/s-res-2322-2016/index.md", "resolutions/a-res-77-20/index.md"),
        *("resolutions/a-res-77-30/index.md", "resolutions/a-res-77-40/index.md"),
        *("resolutions/a-res-77-40/changes/index.md", "resolutions/a-res-78-5/index.md"),
        *("documents/interpol-day/index.md", "documents/a-note/index.md"),
        *("index.md", "resolutions/index.md", "resolutions/security-council/index.md", "documents/index.md"),
        *("series/index.md", "series/countering-drugs/index.md", "glossary/index.md", "indexes/index.md"),
        *("indexes/themes/drugs/session-77/index.md", "indexes/themes/drugs/session-78/index.md"),
        *("indexes/themes/drugs/security-council/index.md", "indexes/themes/drugs/other-texts/index.md"),
        *("indexes/themes/index.md", "indexes/bodies/sg/session-77/index.md", "indexes/bodies/sg/session-78/index.md"),
        *("indexes/bodies/index.md", "indexes/citations/a-res-76/index.md", "indexes/citations/a-res-77/index.md"),
        *("indexes/citations/s-res/index.md", "indexes/citations/index.md", "indexes/timeline/1990s/index.md"),
        *("indexes/timeline/2010s/index.md", "indexes/timeline/2020s/index.md"),
        *("indexes/timeline/index.md", "indexes/mandates/index.md"),
    ]
    assert render_pages(edition) == dict(pages)
    # The collection's pages are those reviewed (its documents' pages there have citations).
    golden = (GOLDEN / "collection_pages.md").read_text(encoding="utf-8").split("===== ")[1:]
    reviewed = dict(section.split("\n", 1) for section in golden)
    reviewed = {
        path: text for path, text in reviewed.items() if not path.startswith("documents/") or "/" not in path[10:]
    }
    assert {path: text for path, text in pages if path in reviewed} == reviewed
    places = {"a-note": {"p1": {"oscola": "A note, para 1"}}}
    assert render_pages(edition, places, "https://e.example/") == dict(
        iter_pages(edition, places, "https://e.example/")
    )
    assert render_pages(edition, places, "https://e.example/") != render_pages(edition)
    # Without a glossary: no glossary page, the indexes' pages all the same.
    bare = dataclasses.replace(edition, glossary=Glossary([]))
    assert [p for p, _ in iter_pages(bare)] == [p for p, _ in pages if p != "glossary/index.md"]
    assert dict(iter_pages(edition, places, "https://e.example/"))["documents/a-note/index.md"] == next(
        text
        for path, text in document_pages(environment(), edition, edition.documents[1], places, "https://e.example/")
    )


@pytest.mark.parametrize(
    ("size", "shown"),
    [(99_499, "99 kB"), (99_999, "100 kB"), (100_000, "0.1 MB"), (1_250_001, "1.3 MB"), (0, "0 kB"), (1_501, "2 kB")],
)
def test_the_data_page_gives_the_archives_size_in_kilobytes_or_megabytes_and_the_documents_count(size: int, shown: str):
    from build_scripts.render.markdown import render_data_page

    edition = collection_edition()
    page = render_data_page(edition, size)
    assert f"(edition-data.zip) ({shown}) holds every JSON" in page
    assert f"of the edition ({len(edition.all())} documents)" in page


@pytest.mark.parametrize(
    ("symbol", "group", "anchor"),
    [
        ("A/RES/70/1", "a-res-70", "a-res-70-1"),
        ("A/RES/ES-10/19", "a-res-es-10", "a-res-es-10-19"),
        ("S/RES/1373 (2001)", "s-res", "s-res-1373-2001"),
        ("A/CONF.187/15", "a-conf-187", "a-conf-187-15"),
        ("E/RES/2019/23", "e-res-2019", "e-res-2019-23"),
        ("the 2030 Agenda", "other", "the-2030-agenda"),
        ("/Odd (1999)/", "other", "odd-1999"),
    ],
)
def test_a_cited_document_is_listed_on_the_page_of_its_symbols_start_at_its_anchor(
    symbol: str, group: str, anchor: str
):
    from build_scripts.render.index_pages import citation_anchor, citation_group

    assert citation_group(symbol) == group
    assert citation_anchor(symbol) == anchor


def test_an_excerpt_is_a_paragraphs_first_words_with_what_a_short_one_needs_to_be_read():
    """An operative paragraph with its action phrase (and, when short, its first item); a
    treaty's short item after the end of the words it continues."""
    from test_data_rules import example

    from build_scripts.render.markdown import SHORT_ITEM_WORDS, paragraph_excerpts

    r = example()
    excerpts = paragraph_excerpts(r)
    assert excerpts == {
        **{"pp1": "before", "a-pp1": "pp a", "b-pp1": "pp b", "a-op1": "Decides op a after a (a) item a"},
        **{"a-op1-a": "item a", "a-op1-a-i": "item i", "a-op2": "Notes op a2 76/5 I-24/7 and 77/19"},
        **{"b-op1": "Requests op b", "annex-pp1": "recital", "annex-art1-1": "para after items"},
        **{"annex-art1-1-a": "…para (a) item", "annex-final1": "IN WITNESS WHEREOF", "fn:1": "See SLTD"},
    }
    assert paragraph_excerpts(r, words=2)["a-op1"] == "Decides op…"
    # 17 words and an item (its action phrase, its words, its words after its items): the
    # item is shown; 18 words: enough alone.
    op = r.operative[0]
    for count, shown in ((17, True), (18, False)):
        op.content = [Text(" ".join(["word"] * (count - 3)))]
        assert ("after a (a)" in paragraph_excerpts(r)["a-op1"]) is shown
    assert paragraph_excerpts(r)["a-op1"] == " ".join(["Decides", *["word"] * 15, "after", "a"])  # whole, no "…"
    # A treaty's item of six words or more is read alone; of five, after the twelve last
    # words of the words it continues.
    provision = r.annexes[0].treaty.articles[0].provisions[0]
    provision.content = [Text(" ".join(f"w{n}" for n in range(20)))]
    item = provision.items[0]
    item.content = [Text(" ".join(["x"] * (SHORT_ITEM_WORDS - 1)))]
    assert paragraph_excerpts(r)["annex-art1-1-a"] == "…" + " ".join(
        [*(f"w{n}" for n in range(8, 20)), "(a)", *["x"] * 5]
    )
    item.content = [Text(" ".join(["x"] * SHORT_ITEM_WORDS))]
    assert paragraph_excerpts(r)["annex-art1-1-a"] == " ".join(["x"] * SHORT_ITEM_WORDS)
