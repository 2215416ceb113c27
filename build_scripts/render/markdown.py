"""Render stage: document model -> Markdown pages (Jinja2 templates).

Only this module knows Markdown syntax. Text from the sources is escaped, so a ``*``,
``_``, ``[`` or ``<`` in a source text shows literally and never becomes markup.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..annotate.crossindex import Place
from ..annotate.glossary import CATEGORIES, Glossary, Term
from ..annotate.series import Comparison, ParagraphChange, Step, Token, paragraph_inlines
from ..conventions import (
    COUNCIL_LISTING,
    GENERAL_ASSEMBLY,
    LANGUAGES,
    SECURITY_COUNCIL,
    footnote_anchor,
    is_line_anchor,
    label,
    long_date,
    official_url,
)
from ..edition import Edition
from ..memo import Memo, digest
from ..model import (
    Article,
    BulletList,
    Document,
    DocumentLink,
    FootnoteRef,
    Heading,
    Inline,
    OperativeParagraph,
    Paragraph,
    Provision,
    RelatedDocument,
    Resolution,
    Subparagraph,
    TermMention,
    Text,
    first_words,
    has_paragraph_entries,
    paragraphs,
    plain_text,
)
from .citations import STYLES, citation_meta

TEMPLATES = Path(__file__).parent.parent / "templates"

# Characters Python-Markdown would read as markup: "<", ">" and "&" become entities (so
# raw HTML shows as text), the others get a backslash. str.translate does it in one pass.
_ESCAPES = str.maketrans({c: "\\" + c for c in "\\`*_{}[]|"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"})
_LINE_START_MARK = re.compile(r"^(\s*)([#+\-])")
_LINE_START_NUMBER = re.compile(r"^(\s*\d+)\.")


def escape(text: str) -> str:
    """Escape text so that Python-Markdown shows it literally."""
    escaped = text.translate(_ESCAPES)
    # A "#" or a list marker at the start of a line would make a heading or a list.
    escaped = _LINE_START_MARK.sub(r"\1\\\2", escaped)
    return _LINE_START_NUMBER.sub(r"\1\\.", escaped)


def attribute(text: str) -> str:
    """A value for an attr_list or HTML attribute (double-quoted)."""
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def relative(href: str, page: str) -> str:
    """A site-internal href ("resolutions/x/index.md#op5") relative to the page's folder."""
    target, _, fragment = href.partition("#")
    rel = _relative_path(target, page.rpartition("/")[0])
    return rel + (f"#{fragment}" if fragment else "")


@lru_cache(maxsize=4096)
def _relative_path(target: str, folder: str) -> str:
    # posixpath.relpath, without its calls to the file system (getcwd): both paths are
    # relative to docs/ and free of "..", and the same few pairs recur on every page.
    base = folder.split("/") if folder else []
    parts = target.split("/")
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:])


def _piece(item: Inline, page: str, definitions: dict[str, str]) -> str:
    if isinstance(item, Text):
        return escape(item.text)
    if isinstance(item, FootnoteRef):
        return f"[^{item.number}]"
    if isinstance(item, TermMention):
        # One focusable element per mention: a link whose title Material shows as a tooltip.
        href = relative(f"glossary/index.md#{item.term}", page)
        return f'[{escape(item.text)}]({href} "{attribute(definitions.get(item.term, ""))}"){{ .term }}'

    href = item.href if not item.internal else relative(item.href, page)
    title = item.symbol if item.internal else f"{item.symbol} (UN Official Document System)"
    # Outside the edition: printed with its address ("ext"); inside, never.
    return f'[{escape(item.text)}]({href} "{attribute(title)}")' + ("" if item.internal else "{ .ext }")


def render_inlines(inlines: list[Inline], page: str, definitions: dict[str, str] | None = None) -> str:
    """Markdown for a run of inlines; neighbouring italic segments share one emphasis."""
    out: list[str] = []
    group: list[Inline] = []

    def flush() -> None:
        if not group:
            return
        inner = "".join(_piece(i, page, definitions or {}) for i in group)
        stripped = inner.strip()
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        out.append(f"{lead}*{stripped}*{trail}" if stripped else inner)
        group.clear()

    for item in inlines:
        italic = isinstance(item, (Text, DocumentLink, TermMention)) and item.italic
        if italic:
            group.append(item)
            continue
        flush()
        out.append(_piece(item, page, definitions or {}))
    flush()
    return "".join(out)


def permalink(anchor: str, citation: str) -> str:
    """The ¶ link and the copy-citation button that close every citable paragraph."""
    label = attribute(citation)
    return (
        f' <span class="para-controls">[¶](#{anchor} "Link to {label}"){{ .para-link }}'
        f' <button class="cite-copy" type="button" data-cite="{label}"'
        f' aria-label="Copy citation: {label}" title="Copy citation">Cite</button></span>'
    )


def cite_button(citation: str, in_heading: bool = False) -> str:
    """A Cite button alone (a footnote's: footnotes have their own back-links, no ¶; an
    article's, in its heading, where the search leaves it out of the heading's words)."""
    label = attribute(citation)
    excluded = " data-search-exclude" if in_heading else ""
    return (
        f' <span class="para-controls"{excluded}><button class="cite-copy" type="button" data-cite="{label}"'
        f' aria-label="Copy citation: {label}" title="Copy citation">Cite</button></span>'
    )


def citation_block(places: dict[str, dict[str, str]] | None) -> str:
    """The page's citations in every style, for the Cite buttons' style switch: JSON in an
    attribute of a hidden element, which the script reads (no request, so it works offline
    from a folder too). Not a ``<script type="application/json">``: Material's instant
    navigation runs again every script of the content it loads, as JavaScript and without
    its attributes, so such a block would raise an error and lose its id."""
    if not places:
        return ""
    data = {"styles": STYLES, "places": places}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'<div id="edition-citations" hidden data-citations="{html.escape(text, quote=True)}"></div>\n'


@cache
def environment() -> Environment:
    """The templates' environment, one per process: its templates are compiled once, at
    their first use, and a forked worker inherits them compiled."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # Markdown, not HTML: text goes through the escape filter
    )
    env.filters["esc"] = escape
    env.filters["attr"] = attribute
    env.filters["official_url"] = official_url
    env.filters["long_date"] = long_date
    env.tests["heading"] = lambda b: isinstance(b, Heading)
    env.tests["paragraph"] = lambda b: isinstance(b, Paragraph)
    env.tests["line_anchor"] = is_line_anchor
    env.tests["bullet_list"] = lambda b: isinstance(b, BulletList)
    return env


def page_path(document: Document) -> str:
    return f"{document.url_path}index.md"


def _definitions(edition: Edition) -> dict[str, str]:
    glossary = edition.glossary
    return {t.id: t.definition for t in glossary.terms} if glossary else {}


def _terms_used(edition: Edition, document: Document) -> list[Term]:
    return edition.glossary.used_in(document) if edition.glossary else []


# Long texts are outlined in groups of paragraphs, so that the table of contents stays short.
OUTLINE_GROUP = 10


def _resolution_page(
    env: Environment,
    resolution: Resolution,
    edition: Edition,
    citations: dict[str, dict[str, str]] | None,
    public_url: str,
) -> str:
    page = page_path(resolution)
    definitions = _definitions(edition)

    def md(inlines: list[Inline]) -> str:
        return render_inlines(inlines, page, definitions)

    def subparagraph_lines(op: OperativeParagraph) -> list[tuple[Subparagraph, int]]:
        flat: list[tuple[Subparagraph, int]] = []

        def walk(subs: list[Subparagraph], depth: int) -> None:
            for sub in subs:
                flat.append((sub, depth))
                walk(sub.subparagraphs, depth + 1)

        walk(op.subparagraphs, 1)
        return flat

    def provision_lines(article: Article) -> list[tuple[Provision, int, bool]]:
        """An article's paragraphs (depth 0) and their items (1, 2, ...), in reading order,
        each once for its words and once, after its items, for the words that follow them."""
        flat: list[tuple[Provision, int, bool]] = []

        def walk(items: list[Provision], depth: int) -> None:
            for item in items:
                flat.append((item, depth, False))
                walk(item.items, depth + 1)
                flat.append((item, depth, True))

        walk(article.provisions, 0)
        return flat

    return env.get_template("resolution.md.j2").render(
        provisions=provision_lines,
        paragraph_entries=has_paragraph_entries(resolution),
        languages=list(LANGUAGES.items()),
        group=OUTLINE_GROUP,
        summary=edition.summary_of(resolution),
        r=resolution,
        m=resolution.meta,
        md=md,
        permalink=permalink,
        cite_button=cite_button,
        citation_meta=citation_meta(resolution, public_url),
        fn_anchor=footnote_anchor,
        cite_styles=STYLES,
        citations=citation_block(citations),
        subparagraphs=subparagraph_lines,
        terms=_terms_used(edition, resolution),
        glossary_href=relative("glossary/index.md", page),
        data_href=relative("data/index.md", page),
        series=_series_context(edition, resolution, page),
        annotations=_annotations(edition, resolution, page),
        references=edition.index.references_of(resolution) if edition.index else [],
        cited_by=edition.index.cited_by(resolution) if edition.index else [],
        href=lambda place: place_href(place, page),
        doc_href=lambda d: relative(page_path(d), page),
    )


def _document_page(
    env: Environment,
    document: RelatedDocument,
    edition: Edition,
    citations: dict[str, dict[str, str]] | None,
    public_url: str,
) -> str:
    page = page_path(document)
    definitions = _definitions(edition)
    return env.get_template("document.md.j2").render(
        paragraph_entries=has_paragraph_entries(document),
        d=document,
        md=lambda inlines: render_inlines(inlines, page, definitions),
        terms=_terms_used(edition, document),
        glossary_href=relative("glossary/index.md", page),
        data_href=relative("data/index.md", page),
        annotations=_annotations(edition, document, page),
        references=edition.index.references_of(document) if edition.index else [],
        href=lambda place: place_href(place, page),
        doc_href=lambda d: relative(page_path(d), page),
        permalink=permalink,
        cite_styles=STYLES,
        citations=citation_block(citations),
        citation_meta=citation_meta(document, public_url),
        cite=lambda anchor: f"{document.publisher}, {document.title}, {label(anchor)}",
    )


def _listed(edition: Edition) -> tuple[list[Resolution], list[RelatedDocument]]:
    """The resolutions by date, the related documents by title: the order of the listings."""
    resolutions = sorted(edition.resolutions, key=lambda r: (r.date, r.meta.symbol))
    return resolutions, sorted(edition.documents, key=lambda d: (d.title,))


def ordered_documents(edition: Edition) -> list[Document]:
    """The documents in the order their pages are made: the order of the listings."""
    resolutions, documents = _listed(edition)
    return [*resolutions, *documents]


def document_pages(
    env: Environment,
    edition: Edition,
    document: Document,
    citations: Mapping[str, dict[str, dict[str, str]]],
    public_url: str,
) -> Iterator[tuple[str, str]]:
    """The pages of one document: its own and, for a resolution that follows another of its
    series, the page of its changes. Each depends on this document and on what the edition
    says of it, never on another document's pages: so documents can be rendered apart."""
    places = citations.get(document.slug)
    if isinstance(document, Resolution):
        yield page_path(document), _resolution_page(env, document, edition, places, public_url)
        if (comparison := edition.comparisons.get(document.slug)) is not None:
            yield f"{document.url_path}changes/index.md", _changes_page(env, edition, comparison)
    else:
        assert isinstance(document, RelatedDocument)
        yield page_path(document), _document_page(env, document, edition, places, public_url)


HOME_LATEST = 10  # texts of each kind on the home page, the latest first


def collection_pages(env: Environment, edition: Edition) -> Iterator[tuple[str, str]]:
    """The pages about the whole collection: home, listings, series (the glossary is
    ``glossary_page``, the indexes ``index_pages.index_pages``)."""
    resolutions, documents = _listed(edition)
    assembly = [r for r in resolutions if r.meta.body != SECURITY_COUNCIL]
    council = [r for r in resolutions if r.meta.body == SECURITY_COUNCIL]
    listing = {"resolutions": assembly, "council": council, "documents": documents, "summary": edition.summary_of}
    # The home page is every reader's first visit: it shows the latest texts, so its weight
    # stays the same however large the collection (the listings have them all).
    latest = {
        "latest_resolutions": assembly[::-1][:HOME_LATEST],
        "latest_council": council[::-1][:HOME_LATEST],
        # By date, the latest first (undated last); equal dates keep the listing's order.
        "latest_documents": sorted(documents, key=lambda d: d.date or dt.date.min, reverse=True)[:HOME_LATEST],
    }
    yield "index.md", env.get_template("home.md.j2").render(**listing, **latest)
    listings = env.get_template("resolutions.md.j2")
    yield "resolutions/index.md", listings.render(organ=GENERAL_ASSEMBLY, listed=assembly, here="", **listing)
    yield (
        f"{COUNCIL_LISTING}index.md",
        listings.render(organ=SECURITY_COUNCIL, listed=council, here="../", **listing),
    )
    yield "documents/index.md", env.get_template("documents.md.j2").render(**listing)
    yield from _series_pages(env, edition).items()


class Page(NamedTuple):
    """A generated page: its path under docs/, the digest of everything it shows (None: made
    at every build), and the function that makes its Markdown. A build makes a page with a
    key only if the last build left another key or its file is not as that build left it."""

    path: str
    key: bytes | None
    make: Callable[[], str]


def glossary_page(env: Environment, edition: Edition) -> Page | None:
    """The glossary: every term, and every paragraph that names it (a big collection's
    mentions make it long: it is remembered by its key)."""
    glossary = edition.glossary
    if not glossary or not glossary.terms:
        return None
    shown = {
        term: [(m.document.slug, _name(m.document), m.anchor, m.label, m.count) for m in mentions]
        for term, mentions in glossary.mentions.items()
    }
    key = digest("glossary page", glossary.terms, shown)
    return Page("glossary/index.md", key, lambda: _glossary_page(env, glossary))


def _name(document: Document) -> str:
    return document.meta.symbol if isinstance(document, Resolution) else document.title


def _series_context(edition: Edition, r: Resolution, page: str) -> dict[str, object] | None:
    series = edition.series_of(r)
    if series is None:
        return None
    previous, following = series.neighbours(r)

    def ref(other: Resolution | None) -> dict[str, str] | None:
        if other is None:
            return None
        return {
            "symbol": other.meta.symbol,
            "year": str(other.date.year),
            "href": relative(page_path(other), page),
        }

    return {
        "title": series.title,
        "href": relative(f"series/{series.id}/index.md", page),
        "previous": ref(previous),
        "next": ref(following),
        "changes_href": relative(f"{r.url_path}changes/index.md", page) if previous else None,
    }


def _change_marker(edition: Edition, r: Resolution):
    comparison = edition.comparisons.get(r.slug)

    def mark(anchor: str) -> str:
        if comparison is None:
            return ""
        change = comparison.change_for(anchor)
        if change is None or change.kind == "unchanged":
            return ""
        older = comparison.older.meta.symbol.removeprefix("A/RES/")
        newer = r.meta.symbol.removeprefix("A/RES/")
        label = f"new in {newer}" if change.kind == "new" else f"changed since {older}"
        return f" [{label}](changes/index.md#{anchor}){{ .change-mark .change-{change.kind} }}"

    return mark


def _tokens_markdown(tokens: list[Token], page: str, definitions: dict[str, str], calls: bool) -> str:
    """Tokens back to Markdown, spaced as in the text (no space before "," or a footnote call)."""
    out = ""
    for token in tokens:
        item = token.inline
        if isinstance(item, FootnoteRef):
            if calls:
                out += f"[^{item.number}]"
            continue
        piece = _piece(item, page, definitions)
        if getattr(item, "italic", False):
            piece = f"*{piece}*"
        out += (" " if out and token.space else "") + piece
    return out


def _diff_markdown(change: ParagraphChange, page: str, definitions: dict[str, str]) -> str:
    out = ""
    for op, tokens in change.diff:
        calls = op != "delete"  # the calls of deleted words point at the older text's notes
        text = _tokens_markdown(tokens, page, definitions, calls=calls)
        if not text:
            continue
        if op == "insert":
            text = f'<ins><span class="visually-hidden">[inserted:] </span>{text}</ins>'
        elif op == "delete":
            text = f'<del><span class="visually-hidden">[deleted:] </span>{text}</del>'
        out += (" " if out and tokens[0].space else "") + text
    return out


def _changes_page(env: Environment, edition: Edition, comparison: Comparison) -> str:
    newer, older = comparison.newer, comparison.older
    page = f"{newer.url_path}changes/index.md"
    definitions = _definitions(edition)

    def whole(p: object) -> str:
        return render_inlines(paragraph_inlines(p), page, definitions)  # type: ignore[arg-type]

    def label(p: object, r: Resolution) -> str:
        return r.citation(p.anchor)  # type: ignore[attr-defined]

    return env.get_template("changes.md.j2").render(
        c=comparison,
        newer=newer,
        older=older,
        newer_href=relative(page_path(newer), page),
        older_href=relative(page_path(older), page),
        diff=lambda change: _diff_markdown(change, page, definitions),
        whole=whole,
        label=label,
        counts=comparison.counts,
        footnotes=[(n.number, render_inlines(n.content, page, definitions)) for n in newer.footnotes],
    )


def _series_pages(env: Environment, edition: Edition) -> dict[str, str]:
    pages = {
        "series/index.md": env.get_template("series_index.md.j2").render(
            series=edition.series, href=lambda s: f"{s.id}/index.md"
        )
    }
    for s in edition.series:
        page = f"series/{s.id}/index.md"
        pages[page] = env.get_template("series.md.j2").render(
            s=s,
            href=lambda r, page=page: relative(page_path(r), page),
            changes_href=lambda r, page=page: relative(f"{r.url_path}changes/index.md", page),
            comparisons=edition.comparisons,
        )
    return pages


def place_href(place: Place, page: str) -> str:
    target = page_path(place.document) + (f"#{place.anchor}" if place.anchor else "")
    return relative(target, page)


def _theme_tags(edition: Edition, document: Document, page: str):
    index = edition.index

    def tags(anchor: str) -> str:
        themes = index.paragraph_themes.get((document.slug, anchor), ()) if index else ()
        if not themes:
            return ""
        links = " ".join(
            f"[{escape(t.name)}]({relative('indexes/themes/index.md', page)}#{t.id}){{ .theme-tag }}" for t in themes
        )
        return f'<span class="theme-tags">Themes: {links}</span>'

    return tags


# A paragraph's history names at most this many steps: the first, the last, and those
# around the text on the page (a series of decades would otherwise fill the line).
HISTORY_STEPS = 7


def shown_steps(count: int, here: int, most: int = HISTORY_STEPS) -> list[int]:
    """The steps of a history to name, in order: all of them when there are at most
    ``most``; else the first, the last, and ``here`` with its neighbours, ``most`` in all."""
    if count <= most:
        return list(range(count))
    around = most - 2  # besides the first and the last
    start = min(max(1, here - around // 2), count - 1 - around)
    return [0, *range(start, start + around), count - 1]


def history_shown(steps: list[Step], document: Document, anchor: str) -> list[int]:
    """The steps of a paragraph's history that its line names (see ``shown_steps``)."""
    here = next((i for i, s in enumerate(steps) if s.resolution is document and s.anchor == anchor), 0)
    return shown_steps(len(steps), here)


def _annotations(edition: Edition, document: Document, page: str):
    """What the edition says of a paragraph (a change mark, its themes), apart from the
    text: a line of its own under it, announced as a note, never part of a selection of
    the paragraph, hidden with every annotation by the page's "text alone" switch."""
    change = _change_marker(edition, document) if isinstance(document, Resolution) else (lambda anchor: "")
    themes = _theme_tags(edition, document, page)

    def history(anchor: str) -> str:
        """ "first in 71/19 · changed in 73/11 · unchanged in 75/10", each step linked."""
        steps = edition.histories.get((document.slug, anchor), [])
        if not steps:
            return ""
        words = {
            "first": "first in",
            "changed": "changed in",
            "unchanged": "unchanged in",
            "moved": "moved in",
            "dropped": "dropped in",
        }
        links = []
        previous = -1
        for shown in history_shown(steps, document, anchor):
            if shown > previous + 1:
                links.append(f"… {shown - previous - 1} more")  # the series page has them all
            previous = shown
            step = steps[shown]
            number = f"{step.resolution.meta.session}/{step.resolution.meta.number}"
            label = f"{words[step.kind]} {number}"
            if step.resolution is document and step.anchor == anchor:
                links.append(f'<strong aria-current="location">{label}</strong>')
            elif step.kind == "dropped":
                target = relative(f"{step.resolution.url_path}changes/index.md", page)
                links.append(f"[{label}]({target}#dropped-{step.anchor})")
            else:
                links.append(f"[{label}]({relative(page_path(step.resolution), page)}#{step.anchor})")
        return '<span class="history">History: ' + " · ".join(links) + "</span>"

    def annotations(anchor: str, part: str = "all") -> str:
        """The notes on a paragraph; a paragraph with items has its change mark by its
        opening words (``part="mark"``) and its themes and history after its last item
        (``part="notes"``): a note on the whole paragraph, after the whole of it."""
        mark, notes = part in ("all", "mark"), part in ("all", "notes")
        made = (
            change(anchor).strip() if mark else "",
            themes(anchor) if notes else "",
            history(anchor) if notes else "",
        )
        parts = [p for p in made if p]
        if not parts:
            return ""
        return (
            '<span class="annotations" role="note" aria-label="The edition\'s notes on this paragraph">'
            + " ".join(parts)
            + "</span>"
        )

    return annotations


def paragraph_excerpts(document: Document, words: int = 18) -> dict[str, str]:
    """The first words of every paragraph of a document (an operative one with its action
    phrase), by anchor: for index entries that show what a paragraph says, not a bare link.
    Made once per document, not once per entry: the indexes name thousands of paragraphs."""
    operative = {o.anchor: o for o in document.operative} if isinstance(document, Resolution) else {}
    excerpts = {}
    for anchor, _label, inlines in paragraphs(document):
        text = plain_text(inlines)
        op = operative.get(anchor)
        text = f"{op.action_phrase}{op.phrase_gap}{text}" if op and op.action_phrase else text
        if op and op.subparagraphs and len(text.split()) < words:
            # "Encourages all States:" says little alone: its first item says what to.
            first = op.subparagraphs[0]
            text = f"{text} ({first.label}) {plain_text(first.content)}"
        excerpts[anchor] = first_words(text, words)
    # A treaty's short item ("(c) the smuggling of migrants;") says little alone: the end of
    # the words it continues comes first.
    for parent, item in _treaty_items(document):
        text = plain_text(item.content)
        if len(text.split()) < SHORT_ITEM_WORDS:
            before = plain_text(parent.content).split()[-SHORT_ITEM_WORDS * 2 :]
            excerpts[item.anchor] = "…" + " ".join([*before, item.num, text]).strip()
    return excerpts


SHORT_ITEM_WORDS = 6


def _treaty_items(document: Document) -> Iterator[tuple[Provision, Provision]]:
    """(parent, item) for every item of every treaty a resolution annexes."""
    if not isinstance(document, Resolution):
        return

    def walk(parent: Provision) -> Iterator[tuple[Provision, Provision]]:
        for item in parent.items:
            yield parent, item
            yield from walk(item)

    for annex in document.annexes:
        for article in annex.treaty.articles if annex.treaty else []:
            for paragraph in article.provisions:
                yield from walk(paragraph)


# Documents whose excerpts ``excerpt_finder`` keeps at hand: the index pages list a
# document's places together, so a few hundred suffice, and a big collection's excerpts
# are not all held at once.
EXCERPTS_AT_HAND = 256


def excerpt_finder(digests: dict[str, bytes] | None = None, known: Memo | None = None) -> Callable[[Place], str]:
    """``place -> excerpt``, each document's excerpts made on first use; with ``known``,
    remembered between builds by the document's digest (``digests``, by slug: the digest
    of the document as annotated), so that the index pages that list an edited text do
    not make again the excerpts of every text they name."""
    made: OrderedDict[str, dict[str, str]] = OrderedDict()  # by slug, the last used last

    def excerpt(place: Place) -> str:
        slug = place.document.slug
        if slug in made:
            made.move_to_end(slug)
        else:
            document_digest = digests.get(slug) if digests is not None else None
            found = known.get(document_digest) if known is not None and document_digest is not None else None
            if found is None:
                found = paragraph_excerpts(place.document)
                if known is not None and document_digest is not None:
                    known.put(document_digest, found)
            made[slug] = found
            if len(made) > EXCERPTS_AT_HAND:
                made.popitem(last=False)
        return made[slug].get(place.anchor, "")

    return excerpt


def _glossary_page(env: Environment, glossary: Glossary) -> str:
    page = "glossary/index.md"
    by_category = [(c, [t for t in glossary.terms if t.category == c]) for c in CATEGORIES]

    def mentions(term: Term) -> list[tuple[Document, list[tuple[str, str, int]]]]:
        """Per document, the (label, href, count) of each paragraph naming the term."""
        grouped: list[tuple[Document, list[tuple[str, str, int]]]] = []
        for m in glossary.mentions.get(term.id, []):
            href = relative(f"{page_path(m.document)}#{m.anchor}", page)
            if grouped and grouped[-1][0] is m.document:
                grouped[-1][1].append((m.label, href, m.count))
            else:
                grouped.append((m.document, [(m.label, href, m.count)]))
        return grouped

    return env.get_template("glossary.md.j2").render(
        categories=[(c, terms) for c, terms in by_category if terms],
        mentions=mentions,
        doc_href=lambda d: relative(page_path(d), page),
        doc_name=_name,
    )


def render_data_page(edition: Edition, archive_size: int) -> str:
    """The data page: the formats, and the bulk archive with its size."""
    size = f"{archive_size / 1_000_000:.1f} MB" if archive_size >= 100_000 else f"{archive_size / 1000:.0f} kB"
    return environment().get_template("data.md.j2").render(archive_size=size, documents=len(edition.all()))
