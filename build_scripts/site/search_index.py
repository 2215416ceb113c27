"""Paragraph-level entries for Material's search index.

Material splits a page into search entries only at headings, so a query would land on
the top of a resolution. Each paragraph gets an entry of its own (location with its
anchor, title with its citation), and the entry also carries the name and abbreviation
of every glossary term the paragraph mentions, so "SLTD" finds the paragraphs that name
the Stolen and Lost Travel Document Database although the texts never write "SLTD".
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from html import escape
from pathlib import Path
from typing import Any, BinaryIO

from ..annotate.glossary import Term
from ..edition import Edition
from ..model import Document, Resolution, TermMention, collector_spared, paragraphs, plain_text
from .linked import replace_file_with

PARAGRAPH_ENTRIES = "paragraph-entries.tsv"  # in the build's cache, between its two stages: a page a line
OUTLINE_ANCHOR = re.compile(r"#(?:part-\w+|(?:pp|op)-\d+)$")
HEADING = re.compile(r"<h[1-6][\s>].*?</h[1-6]>", re.S)


Entry = dict[str, Any]
# The field of a paragraph's entry that holds the names and abbreviations of the INTERPOL
# tools it mentions ("SLTD" finds the paragraphs that name the database): indexed by
# Material's worker as a field of its own (``search_config``), shown nowhere.
NAMED_FIELD = "named"


def search_config(config: dict[str, Any]) -> dict[str, Any]:
    """Material's index configuration with the tools' field added (a word there weighs as
    one of the text)."""
    fields = {**config.get("fields", {}), NAMED_FIELD: {"boost": 1.0}}
    return {**config, "fields": fields}


class ParagraphEntries:
    """Every paragraph's search entry, page by page (a document's page has its paragraphs'
    entries), in the edition's order: all the site stage needs of the edition. Kept in the
    file that ``write_paragraph_entries`` wrote, a line a page, and each page's read when
    its turn comes, so that the site stage never holds them all (250 MB of JSON at 5,000
    texts); or ``held`` by page (a merge's, from the shards). Their locations are in the
    form ``directory_urls`` says (folder addresses, or each page its index.html: see
    ``in_url_form``), whatever the form they are kept in."""

    def __init__(
        self, path: Path | None = None, held: dict[str, list[Entry]] | None = None, directory_urls: bool = True
    ) -> None:
        self.held = held
        self.kept_form = self.directory_urls = directory_urls
        self._lines: dict[str, tuple[int, int]] = {}  # page -> where its entries are in the file
        self._count = 0
        self._fd: int | None = None
        if path is not None:
            # Open while the entries live: a build that replaces the file meanwhile does not change them.
            self._fd = os.open(path, os.O_RDONLY)
            offset = 0
            with os.fdopen(os.dup(self._fd), "rb") as lines:
                for line in lines:
                    page, count, entries = line.split(b"\t", 2)
                    self._lines[page.decode()] = (offset + len(line) - len(entries), len(entries))
                    self._count += int(count)
                    offset += len(line)
        elif held is not None:
            self._count = sum(map(len, held.values()))

    def _kept_pages(self) -> list[str]:
        return list(self.held) if self.held is not None else list(self._lines)

    def pages(self) -> list[str]:
        """The pages that have entries, in order, in the form asked for."""
        return [self._page_in(page, self.directory_urls) for page in self._kept_pages()]

    def of_page(self, page: str) -> list[Entry]:
        """The entries of a page (in the form asked for): read from the file when kept there."""
        kept = self._page_in(page, self.kept_form)
        if self.held is not None:
            entries = [dict(entry) for entry in self.held.get(kept, [])]
        elif kept in self._lines and self._fd is not None:
            offset, length = self._lines[kept]
            entries = json.loads(os.pread(self._fd, length, offset))
        else:
            entries = []
        if self.directory_urls != self.kept_form:
            old, new = ("#", "index.html#") if not self.directory_urls else ("index.html#", "#")
            for entry in entries:
                entry["location"] = entry["location"].replace(old, new, 1)
        return entries

    def _page_in(self, page: str, directory_urls: bool) -> str:
        if directory_urls:
            return page.removesuffix("index.html")
        return page if page.endswith("index.html") else f"{page}index.html"

    def __iter__(self) -> Iterator[Entry]:
        for page in self.pages():
            yield from self.of_page(page)

    def __len__(self) -> int:
        return self._count

    def __del__(self) -> None:
        if self._fd is not None:
            os.close(self._fd)


def paragraph_entries(edition: Edition, directory_urls: bool = True) -> list[Entry]:
    """One entry per paragraph of every document, in the edition's order, made at once (see
    ``write_paragraph_entries`` for a big edition). (``directory_urls=False``, for a
    renderer without folder addresses, is ``in_url_form``'s other form: the two are tested
    equal.)"""
    terms = edition.glossary.by_id()
    return [entry for document in edition.all() for entry in document_entries(document, terms, directory_urls)]


def document_entries(document: Document, terms: dict[str, Term], directory_urls: bool = True) -> list[dict[str, Any]]:
    """The entries of one document's paragraphs, in order (``terms``: the glossary's, by id)."""
    name = document.meta.symbol if isinstance(document, Resolution) else document.title
    operative = {op.anchor: op for op in document.operative} if isinstance(document, Resolution) else {}
    entries = []
    for anchor, label, inlines in paragraphs(document):
        text = plain_text(inlines)
        if anchor in operative:
            op = operative[anchor]
            text = f"{op.number}. {op.action_phrase}{op.phrase_gap}{text}"
        named = []
        for item in inlines:
            if isinstance(item, TermMention) and item.term in terms:
                term = terms[item.term]
                # Space-separated: the search tokenizer keeps punctuation with words.
                words = f"{term.name} {term.abbreviation}".strip()
                if words not in named:
                    named.append(words)
        entry = {
            "location": f"{document.url_path}{'' if directory_urls else 'index.html'}#{anchor}",
            "title": f"{name}, {label}",
            "text": escape(text, quote=False),
        }
        if named:
            # The edition's words, in a field of their own (NAMED_FIELD): searched, never
            # shown as the paragraph's text.
            entry[NAMED_FIELD] = escape(" ".join(named), quote=False)
        entries.append(entry)
    return entries


def write_paragraph_entries(edition: Edition, path: Path) -> None:
    """``paragraph_entries(edition)`` into a file, made and written one document at a time,
    a line a page: its address, its number of entries and its entries in JSON, apart by
    tabs. The build writes them before it lets the documents go, and reads them page by
    page after (``read_paragraph_entries``), so that no moment holds them all."""
    terms = edition.glossary.by_id()

    def write(out: BinaryIO) -> None:
        for document in edition.all():
            entries = document_entries(document, terms)
            if entries:
                line = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))  # no tab, no new line
                out.write(f"{document.url_path}\t{len(entries)}\t{line}\n".encode())

    with collector_spared():  # each document opened, and let go
        replace_file_with(path, write)


def read_paragraph_entries(path: Path) -> ParagraphEntries:
    """The entries ``write_paragraph_entries`` wrote, as ``paragraph_entries`` makes them,
    read page by page when asked for."""
    return ParagraphEntries(path)


def in_url_form(entries: ParagraphEntries, directory_urls: bool) -> ParagraphEntries:
    """The entries as ``paragraph_entries(edition, directory_urls)`` makes them (without
    folder addresses, each page is its index.html): the form is known only once MkDocs has
    loaded its plugins (the offline plugin turns folder addresses off)."""
    entries.directory_urls = directory_urls
    return entries


class SearchEntries:
    """A search index's entries: Material's (every page's, in page order: a few MB, held)
    then the paragraphs' (read page by page)."""

    def __init__(self, material: list[Entry], paragraphs: ParagraphEntries) -> None:
        self.material = material
        self.paragraphs = paragraphs

    def __iter__(self) -> Iterator[Entry]:
        yield from self.material
        yield from self.paragraphs

    def __len__(self) -> int:
        return len(self.material) + len(self.paragraphs)

    def by_page(self) -> Iterator[tuple[str, list[Entry]]]:
        """``entries_by_page`` of the entries, the paragraphs' read a page at a time."""
        material = entries_by_page(self.material)
        pages = set(self.paragraphs.pages())
        for page, group in material.items():
            yield page, (group + self.paragraphs.of_page(page)) if page in pages else group
        for page in self.paragraphs.pages():
            if page not in material:
                yield page, self.paragraphs.of_page(page)


def entries_by_page(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    """Entries grouped by the page their location points to, pages and entries in their
    order."""
    grouped: dict[str, list[Entry]] = {}
    for entry in entries:
        grouped.setdefault(entry["location"].split("#")[0], []).append(entry)
    return grouped


def complete_entries(docs: list[Entry], entries: ParagraphEntries) -> SearchEntries:
    """Material's entries (every page's, in page order) completed with the paragraph
    entries: one home for the rule, whether the site was rendered in one process or in
    shards."""
    # Material's own entries for these pages carry the whole text again: keep their titles
    # (so the page itself is found and groups its paragraphs), drop their text. The index
    # is loaded on every page view, so its size is page weight.
    covered = set(entries.pages())
    for doc in docs:
        if doc["location"].split("#")[0] in covered:
            doc["text"] = ""
    # The outline's headings (parts, groups of ten paragraphs) are for the table of
    # contents: as search results they would only stand before the paragraphs.
    return SearchEntries([doc for doc in docs if not OUTLINE_ANCHOR.search(doc["location"])], entries)


def headings_only(html: str) -> str:
    """What Material's indexer is given of a page whose paragraphs have entries of their own
    (``paragraph_entries`` in its front matter): its headings, each of which makes an entry
    (title, anchor). It would make the same entries of the whole page, with the text that
    ``complete_entries`` drops: parsing the text of the longest pages for nothing took a
    tenth of the site build."""
    return "\n".join(HEADING.findall(html))


def write_index(index_path: Path, index: dict[str, Any]) -> None:
    """The index as ``json.dumps`` writes it, written entry by entry: a big site's index as
    one string (and its UTF-8 bytes) would hold several times its size in memory at once."""
    index_path.parent.mkdir(parents=True, exist_ok=True)

    def dumps(value: Any) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()

    def write(out: BinaryIO) -> None:
        for i, (key, value) in enumerate(index.items()):
            out.write((b"{" if i == 0 else b",") + dumps(key) + b":")
            if key == "docs":
                for j, doc in enumerate(value):
                    out.write((b"[" if j == 0 else b",") + dumps(doc))
                out.write(b"]" if value else b"[]")
            else:
                out.write(dumps(value))
        out.write(b"}" if index else b"{}")

    replace_file_with(index_path, write)


def extend_search_index(
    site_dir: Path,
    paragraphs: ParagraphEntries,
    directory_urls: bool = True,
    merge: Callable[[list[dict[str, Any]]], list[dict[str, Any]]] | None = None,
) -> tuple[int, dict[str, Any] | None]:
    """Add the paragraph entries (``paragraph_entries(edition)``) to
    site/search/search_index.json; return how many, and the index as written (the search
    switch reads it from there, not from the file again).

    ``merge`` completes Material's own entries first (an incremental build indexes only
    the pages it rendered)."""
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return 0, None
    index = json.loads(index_path.read_text(encoding="utf-8"))
    if merge is not None:
        index["docs"] = merge(index["docs"])
    entries = in_url_form(paragraphs, directory_urls)
    index["config"] = search_config(index["config"])
    index["docs"] = complete_entries(index["docs"], entries)
    write_index(index_path, index)
    return len(entries), index


def extend_zensical_index(site_dir: Path, edition: Edition) -> int:
    """The same paragraph entries in Zensical's own index (search.json, its items)."""
    index_path = site_dir / "search.json"
    if not index_path.exists():
        return 0
    index = json.loads(index_path.read_text(encoding="utf-8"))
    known = {item["location"] for item in index["items"]}
    entries = [e for e in paragraph_entries(edition, directory_urls=False) if e["location"] not in known]
    index["items"].extend({**e, "level": 2, "path": [], "tags": []} for e in entries)
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(entries)
