"""site/search_index.py: one search entry per paragraph, titled by its citation."""

from __future__ import annotations

import gc
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_scripts.model import paragraphs
from build_scripts.site.search_index import (
    ParagraphEntries,
    complete_entries,
    entries_by_page,
    extend_search_index,
    extend_zensical_index,
    headings_only,
    in_url_form,
    paragraph_entries,
    read_paragraph_entries,
    write_index,
    write_paragraph_entries,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def edition(collection):
    return collection  # read once for the session (conftest)


def test_one_entry_per_paragraph_with_its_citation(edition):
    entries = paragraph_entries(edition)
    assert len(entries) == sum(len(paragraphs(d)) for d in edition.all())
    by_location = {e["location"]: e for e in entries}
    entry = by_location["resolutions/a-res-77-20/#op17-a"]
    assert entry["title"] == "A/RES/77/20, para. 17 (a)"
    assert entry["text"].startswith("The INTERPOL I-24/7 global police secure communications system")
    assert by_location["resolutions/a-res-76-181/#annex-para97"]["title"] == "A/RES/76/181, annex, para. 97"
    assert "resolutions/a-res-77-20/index.html#op17-a" in {e["location"] for e in paragraph_entries(edition, False)}


def test_a_paragraphs_words_after_its_items_and_a_lists_items_are_words_apart(edition):
    """A paragraph's words after its items (an agenda under "the following provisional
    agenda:") and a list's items are blocks of their own on the page: in the paragraph's
    text they stand apart, never run together ("session:1.", "girls);SDG")."""
    by_location = {e["location"]: e for e in paragraph_entries(edition)}
    agenda = by_location["resolutions/a-res-78-223/#op11"]["text"]
    assert "session: 1. Opening of the Congress. 2. Organizational matters. 3. " in agenda
    listed = by_location["documents/interpol-international-day-of-police-cooperation/#p11"]["text"]
    assert "girls); SDG 16 (Peace, Justi" in listed


def entries_file(edition, folder: Path) -> ParagraphEntries:
    write_paragraph_entries(edition, folder / "entries.tsv")
    return read_paragraph_entries(folder / "entries.tsv")


def test_the_entries_written_apart_read_back_as_made_in_either_url_form(edition, tmp_path: Path):
    """The build writes the entries to a file before it lets the documents go, and reads
    them back page by page after: the same entries, in the same order, in either URL form
    (known only once MkDocs has loaded its plugins), as often as asked."""
    entries = entries_file(edition, tmp_path)
    folders, pages = paragraph_entries(edition), paragraph_entries(edition, False)
    assert folders != pages
    # A line a document with paragraphs, read a page at a time.
    assert len((tmp_path / "entries.tsv").read_bytes().splitlines()) == len(entries.pages()) == len(edition.all())
    assert len(entries) == len(folders)
    for _ in range(2):
        assert in_url_form(entries, True) is entries and list(entries) == folders
        assert entries.pages() == list(entries_by_page(folders))
        assert in_url_form(entries, False) is entries and list(entries) == pages
        assert entries.pages() == list(entries_by_page(pages))
        assert all(entries.of_page(page) == group for page, group in entries_by_page(pages).items())
    # Held by page (a merge's, from shards' manifests) in either form, read in the other.
    held = ParagraphEntries(held=entries_by_page(pages), directory_urls=False)
    assert list(in_url_form(held, True)) == folders and list(in_url_form(held, False)) == pages


def test_a_page_without_entries_has_none_and_the_entries_file_is_let_go(edition, tmp_path: Path):
    """Asked for a page with no paragraphs (the home page, a listing), both kinds of entries
    give an empty list; held entries are counted as those of the file; the file, held open
    while its entries live, is closed when they go (a long serve would run out of files)."""
    entries = entries_file(edition, tmp_path)
    held = ParagraphEntries(held=entries_by_page(paragraph_entries(edition)))
    for kept in (entries, held):
        assert kept.of_page("") == [] and kept.of_page("no/such/page/") == []
    assert len(held) == len(entries) == len(paragraph_entries(edition))
    fd = entries._fd
    assert fd is not None and os.fstat(fd)
    del entries
    gc.collect()
    with pytest.raises(OSError):
        os.fstat(fd)


def test_the_index_read_page_by_page_groups_its_entries_as_the_whole_list_would(edition, tmp_path: Path):
    """The Pagefind corpus is made page by page from Material's entries and the paragraphs'
    read a page at a time: the same pages, in the same order, with the same entries, as
    grouping the whole index would give."""
    material = []
    for document in edition.all()[::2]:  # some documents' pages, with a page of another kind between
        material.append({"location": document.url_path, "title": document.title, "text": "whole page"})
        material.append({"location": f"{document.url_path}#part-1", "title": "Part", "text": ""})
        material.append({"location": "indexes/themes/", "title": "Themes", "text": "a theme"})
    index = complete_entries(material, entries_file(edition, tmp_path))
    whole = list(index)
    assert len(index) == len(whole) and len(whole) > len(paragraph_entries(edition))
    assert list(index.by_page()) == list(entries_by_page(whole).items())


def test_operative_entries_carry_number_and_action_phrase_and_the_tools_named_apart(edition):
    """The tools' names are searched in a field of their own, never shown as the text."""
    from build_scripts.site.search_index import NAMED_FIELD, search_config

    entries = paragraph_entries(edition)
    entry = next(e for e in entries if e["location"] == "resolutions/a-res-77-20/#op2")
    assert entry["text"].startswith("2. ")
    assert "SLTD" in entry[NAMED_FIELD] and "SLTD" not in entry["text"]
    assert not [e for e in entries if "tools named" in e["text"]]
    fields = search_config({"fields": {"title": {"boost": 1000}, "text": {"boost": 1}}})["fields"]
    assert fields[NAMED_FIELD] == {"boost": 1.0} and fields["title"] == {"boost": 1000}


def test_materials_own_entries_of_those_pages_keep_their_title_but_lose_their_text(edition, tmp_path: Path):
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    page = {"location": "resolutions/a-res-77-20/", "title": "A/RES/77/20", "text": "the whole page"}
    other = {"location": "data/", "title": "Data", "text": "formats"}
    index.write_text(json.dumps({"config": {}, "docs": [page, other]}), encoding="utf-8")
    added, written = extend_search_index(tmp_path, entries_file(edition, tmp_path))
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    assert written is not None and list(written["docs"]) == docs
    assert added == len(docs) - 2
    assert docs[0] == {**page, "text": ""} and docs[1] == other


def test_a_site_without_materials_index_is_given_none(edition, tmp_path: Path):
    """A renderer without Material's search (Zensical) writes no search_index.json: no
    entry is added and no index made."""
    assert extend_search_index(tmp_path, entries_file(edition, tmp_path)) == (0, None)
    assert not (tmp_path / "search").exists()


def test_zensicals_index_gains_the_entry_of_every_paragraph_it_lacks(edition, tmp_path: Path):
    """Zensical (the other renderer) indexes a page as items of its own: each paragraph
    gets one, in the edition's order, after Zensical's, addressed as Zensical addresses
    pages (each its index.html); a paragraph Zensical already indexed keeps its item."""
    index_path = tmp_path / "search.json"
    assert extend_zensical_index(tmp_path, edition) == 0 and not index_path.exists()  # no index, nothing made
    entries = paragraph_entries(edition, directory_urls=False)
    own = {
        "location": entries[0]["location"],
        "title": "Zensical's",
        "text": "its own",
        "level": 1,
        "path": [],
        "tags": [],
    }
    page = {"location": "data/index.html", "title": "Data", "text": "formats", "level": 1, "path": [], "tags": []}
    index_path.write_text(json.dumps({"config": {"lang": ["en"]}, "items": [own, page]}), encoding="utf-8")
    added = extend_zensical_index(tmp_path, edition)
    written = index_path.read_text(encoding="utf-8")
    index = json.loads(written)
    assert index["config"] == {"lang": ["en"]} and index["items"][:2] == [own, page]
    assert added == len(entries) - 1 == len(index["items"]) - 2
    assert index["items"][2:] == [{**entry, "level": 2, "path": [], "tags": []} for entry in entries[1:]]
    # Loaded on every page view: written compact, its words as they are (no \u escapes).
    assert written == json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    assert "\\u2019" not in written and "’" in written


ENTRY = st.dictionaries(st.sampled_from(["location", "title", "text"]), st.text(max_size=20))


@given(
    st.one_of(
        st.fixed_dictionaries(
            {"config": st.dictionaries(st.text(max_size=5), st.one_of(st.integers(), st.text(max_size=5)))},
            optional={"docs": st.lists(ENTRY, max_size=5)},
        ),
        st.just({}),  # no key at all
    )
)
def test_the_index_written_entry_by_entry_is_the_one_json_dumps_writes(index: dict):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "search" / "search_index.json"
        write_index(path, index)
        assert path.read_bytes() == json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode()
        assert [p.name for p in path.parent.iterdir()] == ["search_index.json"]  # no temporary file left


def material_entries(html: str) -> list[dict[str, object]]:
    """The entries Material's indexer makes of a page's content, their text aside."""
    from types import SimpleNamespace

    from material.plugins.search.plugin import SearchIndex

    index = SearchIndex()
    page = SimpleNamespace(meta={"search": {"boost": 2}}, content=html, toc=[], url="p/", title="T")
    index.add_entry_from_context(page)
    return [{**entry, "text": ""} for entry in index.entries]


def test_material_makes_the_same_entries_of_a_covered_page_from_its_headings_alone(site: Path):
    """A page whose paragraphs have entries of their own gives Material's indexer only its
    headings: the entries it makes of them are the ones it makes of the whole page, less
    the text that ``complete_entries`` drops."""
    pages = sorted(
        p
        for p in [*site.glob("resolutions/*/index.html"), *site.glob("documents/*/index.html")]
        if p.parent.name != "security-council"  # a listing, not a text
    )
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        # The page's content as MkDocs holds it: from its title (the theme's buttons before it
        # are not the page's) to the end of the article.
        article = html.index('<article class="md-content__inner md-typeset">')
        content = html[html.index("<h1", article) : html.rindex("</article>")]
        whole = material_entries(content)
        assert len(whole) > 2, page  # the title, the parts, the references...
        assert material_entries(headings_only(content)) == whole, page


def test_the_query_is_rewritten_as_a_researcher_means_it():
    """docs/javascripts/search-query.js, run in node: stop words go, other words are required
    and whole, long ones also one letter off, the last a prefix; lunr syntax is left alone."""
    import subprocess

    script = """
    global.window = {Worker: function () {}};
    eval(require('fs').readFileSync(process.argv[1], 'utf8'));
    const queries = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    process.stdout.write(JSON.stringify(queries.map(q => window.editionSearchQuery(q))));
    """
    cases = {
        "trafficking in persons": "+trafficking~1 persons* persons~1",
        "red notices": "+red notices* notices~1",
        "interpool": "interpool* interpool~1",
        '"trafficking in persons"': "+trafficking~1 persons* persons~1",
        "COVID-19 pandemic": "+COVID +19 pandemic* pandemic~1",
        "SLTD": "+SLTD*",
        "I-24/7": "I-24/7",
        "the": "the",
        "terror*": "terror*",
        "+red -blue": "+red -blue",
    }
    done = subprocess.run(
        ["node", "-e", script, str(ROOT / "docs" / "javascripts" / "search-query.js")],
        input=json.dumps(list(cases)),
        capture_output=True,
        text=True,
        check=True,
    )
    assert dict(zip(cases, json.loads(done.stdout), strict=True)) == cases


def test_an_entrys_text_is_escaped_only_where_html_needs_it_and_each_tool_named_once_apart():
    """The entries' text is HTML (Material shows it as such): ``<`` and ``&`` escaped, but
    not quotation marks (``&quot;`` would be indexed as a word, "quot"); the tools a
    paragraph names are listed once each, a space apart."""
    import datetime as dt

    from build_scripts.annotate.glossary import Term
    from build_scripts.model import OperativeParagraph, Resolution, ResolutionMetadata, TermMention, Text
    from build_scripts.site.search_index import NAMED_FIELD, document_entries

    meta = ResolutionMetadata("A/RES/99/1", 99, "1", "A test", dt.date(2030, 1, 2))
    words = [
        Text('the "Notices" & <rules> of '),
        TermMention("SLTD", "sltd"),
        Text(" and "),
        TermMention("NCBs", "ncb"),
    ]
    again = [Text("the "), TermMention("database", "sltd"), Text(" it's")]
    operative = [OperativeParagraph(1, "Decides", words, 2), OperativeParagraph(2, "Notes", again, 3)]
    resolution = Resolution("a-res-99-1", "a-res-99-1.txt", meta, "The General Assembly,", [], operative, [])
    terms = {
        "sltd": Term("sltd", "Stolen and Lost Travel Documents", (), "database", "", "", "", "SLTD"),
        "ncb": Term("ncb", 'National "Central" Bureaus', (), "office", "", "", "", "NCB"),
    }
    first, second = document_entries(resolution, terms)
    assert first["text"] == '1. Decides the "Notices" &amp; &lt;rules&gt; of SLTD and NCBs'
    assert first[NAMED_FIELD] == 'Stolen and Lost Travel Documents SLTD National "Central" Bureaus NCB'
    assert (
        second["text"] == "2. Notes the database it's"
        and second[NAMED_FIELD] == "Stolen and Lost Travel Documents SLTD"
    )
