"""The index pages under /indexes/, rendered from the cross-index.

Each index has a top page that keeps every anchor readers link to (a theme, a body, a cited
document: ``/indexes/themes/#cybercrime``) with counts, and its entries on pages of bounded
size: a theme's or a body's paragraphs by session (``/indexes/themes/cybercrime/session-77/``),
the cited documents by the start of their symbol (``/indexes/citations/a-res-60/``), the
dated events by decade (``/indexes/timeline/1990s/``). So no page grows with the whole
collection, and an edit to one text changes only the pages that list its paragraphs: each
page carries a key, the digest of everything it shows, and a build makes only the pages
whose key is not the last build's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from jinja2 import Environment

from ..annotate.crossindex import KINDS, Body, CitedDocument, CrossIndex, Event, Place, Theme, theme_excerpt
from ..conventions import SECURITY_COUNCIL, session_label, symbol_key
from ..edition import Edition
from ..memo import Memo, digest
from ..model import Document, Resolution, paragraphs, plain_text
from .markdown import Page, excerpt_finder, page_path, place_href, relative


@dataclass(frozen=True, order=True)
class Part:
    """A part of an index: the paragraphs of one session's resolutions, say."""

    order: tuple[int, int]
    id: str  # its folder: "session-77"
    name: str  # "77th session (2022–2023)"


SPECIAL_SESSIONS = Part((1, 0), "special-sessions", "Special and emergency special sessions")
COUNCIL = Part((1, 1), "security-council", "Security Council resolutions")
OTHER_TEXTS = Part((2, 0), "other-texts", "Other texts")


def part_of(document: Document) -> Part:
    """Where an index lists a document's paragraphs: under its session for a resolution of
    a regular session, else with the special sessions', the Council's or the other texts."""
    if isinstance(document, Resolution):
        if document.meta.body == SECURITY_COUNCIL:
            return COUNCIL
        session = document.meta.session
        return Part((0, session), f"session-{session}", session_label(session)) if session else SPECIAL_SESSIONS
    return OTHER_TEXTS


def _by_part(places: list[Place], parts: dict[str, Part]) -> list[tuple[Part, list[Place]]]:
    """Places grouped by part (``parts``: each document's, by slug), the parts in order,
    each part's places in the index's order."""
    groups: dict[str, list[Place]] = {}
    for place in places:
        groups.setdefault(place.document.slug, []).append(place)
    by_part: dict[Part, list[Place]] = {}
    for slug, here in groups.items():
        by_part.setdefault(parts[slug], []).extend(here)
    return sorted(by_part.items())


def _shown(place: Place) -> tuple[str, str, str, str]:
    """What an entry shows of its paragraph besides the excerpt: its name, label and link."""
    return (place.document.slug, place.name, place.anchor, place.label)


def citation_anchor(symbol: str) -> str:
    """A cited document's anchor on the citations' pages: "A/RES/70/1" -> "a-res-70-1",
    "S/RES/1373 (2001)" -> "s-res-1373-2001"."""
    symbol = re.sub(r" \((\d{4})\)$", r"-\1", symbol)
    return re.sub(r"[^a-z0-9]+", "-", symbol.lower()).strip("-")


def citation_group(symbol: str) -> str:
    """The page of the citations index that lists a cited document: its symbol up to the
    first number followed by a slash ("A/RES/60/1" -> "a-res-60", "A/CONF.187/15" ->
    "a-conf-187"), or its kind's page when it has none."""
    if symbol.startswith("S/RES/"):
        return "s-res"  # the Council numbers its resolutions on, across the years
    m = re.match(r"^(.*?\d+)/", symbol)
    return re.sub(r"[^a-z0-9]+", "-", m[1].lower()).strip("-") if m else "other"


def decade_of(event: Event) -> str:
    return f"{event.date.year // 10 * 10}s"


def index_pages(env: Environment, edition: Edition, excerpts: Memo | None = None) -> Iterator[Page]:
    """Every page under /indexes/: the top pages (made at every build: they are small) and
    the parts, each with its key. ``excerpts``: the paragraphs' excerpts of the last build,
    by document (see ``excerpt_finder``)."""
    index = edition.index
    if index is None:
        return
    yield Page("indexes/index.md", None, lambda: env.get_template("indexes.md.j2").render())
    excerpt = excerpt_finder(edition.digests, excerpts)
    parts = {d.slug: part_of(d) for d in edition.all()}
    yield from _theme_pages(env, edition, index, parts, excerpts)
    yield from _body_pages(env, edition, index, parts, excerpt)
    yield from _citation_pages(env, edition, index, excerpt)
    yield from _timeline_pages(env, index)
    page = "indexes/mandates/index.md"
    yield Page(
        page,
        None,
        lambda: env.get_template("index_mandates.md.j2").render(ix=index, href=lambda place: place_href(place, page)),
    )


def _neighbours(parts: list[Part], i: int, page: str, folder: str) -> dict[str, object]:
    """The parts before and after the ``i``-th, with their links from ``page``."""

    def link(part: Part) -> tuple[str, str]:
        return (part.name, relative(f"{folder}/{part.id}/index.md", page))

    return {
        "previous": link(parts[i - 1]) if i > 0 else None,
        "next": link(parts[i + 1]) if i + 1 < len(parts) else None,
    }


def _theme_pages(
    env: Environment, edition: Edition, index: CrossIndex, parts_of: dict[str, Part], known: Memo | None
) -> Iterator[Page]:
    listed = []
    texts = _paragraph_texts(edition.digests, known)
    for theme in index.themes:
        spans = {place: (start, end) for place, start, end in index.theme_places[theme.id]}

        def excerpt(place: Place, spans: dict[Place, tuple[int, int]] = spans) -> str:
            """The words around the theme's phrase."""
            return theme_excerpt(texts(place.document).get(place.anchor, ""), *spans[place])

        def excerpt_key(place: Place, spans: dict[Place, tuple[int, int]] = spans) -> object:
            # The text the excerpt is cut from: the document's digest stands for it.
            return (edition.digests[place.document.slug], spans[place])

        parts, pages = _entry_pages(env, "themes", theme, list(spans), parts_of, excerpt, excerpt_key)
        listed.append((theme, parts, len(spans)))
        yield from pages
    yield Page("indexes/themes/index.md", None, lambda: env.get_template("index_themes.md.j2").render(themes=listed))


def _paragraph_texts(digests: dict[str, bytes], known: Memo | None) -> Callable[[Document], dict[str, str]]:
    """``document -> {anchor: the paragraph's words}``, of the last document asked for: a
    page lists its places a document after the other. With ``known``, remembered by the
    document's digest: each theme's pages read every document again, and a document made
    its texts once, not once a theme (it is opened to make them: see ``model.Packable``)."""
    last: list[tuple[str, dict[str, str]]] = []

    def texts(document: Document) -> dict[str, str]:
        if not last or last[0][0] != document.slug:
            key = digest("paragraph texts", digests[document.slug]) if known is not None else None
            found: dict[str, str] | None = known.get(key) if known is not None and key is not None else None
            if found is None:
                found = {anchor: plain_text(inlines) for anchor, _, inlines in paragraphs(document)}
                if known is not None and key is not None:
                    known.put(key, found)
            last[:] = [(document.slug, found)]
        return last[0][1]

    return texts


def _body_pages(
    env: Environment,
    edition: Edition,
    index: CrossIndex,
    parts_of: dict[str, Part],
    excerpt: Callable[[Place], str],
) -> Iterator[Page]:
    listed = []
    for body in index.bodies:
        places = index.body_places[body.id]
        # The excerpts are the paragraphs' first words: the documents' digests stand for them.
        parts, pages = _entry_pages(
            env, "bodies", body, places, parts_of, excerpt, lambda p: edition.digests[p.document.slug]
        )
        listed.append((body, parts, len(places)))
        yield from pages
    yield Page("indexes/bodies/index.md", None, lambda: env.get_template("index_bodies.md.j2").render(bodies=listed))


def _entry_pages(
    env: Environment,
    name: str,
    entry: Theme | Body,
    places: list[Place],
    parts_of: dict[str, Part],
    excerpt: Callable[[Place], str],
    excerpt_key: Callable[[Place], object],
) -> tuple[list[tuple[Part, int, str]], list[Page]]:
    """The pages of one entry of an index (a theme, a body): its places by part, each part a
    page keyed by what it shows (``excerpt_key``: what a place's excerpt depends on); and
    the parts as its top page lists them (part, places, link)."""
    top = f"indexes/{name}/index.md"
    folder = f"indexes/{name}/{entry.id}"
    parts = _by_part(places, parts_of)
    order = [part for part, _ in parts]
    pages = []
    for i, (part, here) in enumerate(parts):
        page = f"{folder}/{part.id}/index.md"
        around = _neighbours(order, i, page, folder)
        key = digest(f"{name} part", entry, part, around, [(*_shown(p), excerpt_key(p)) for p in here])

        def make(page: str = page, part: Part = part, here: list[Place] = here, around: dict = around) -> str:
            return env.get_template(f"index_{name}_part.md.j2").render(
                entry=entry,
                part=part,
                places=here,
                excerpt=excerpt,
                top=relative(top, page) + f"#{entry.id}",
                href=lambda place: place_href(place, page),
                **around,
            )

        pages.append(Page(page, key, make))
    return [(part, len(here), f"{entry.id}/{part.id}/index.md") for part, here in parts], pages


def _citation_pages(
    env: Environment, edition: Edition, index: CrossIndex, excerpt: Callable[[Place], str]
) -> Iterator[Page]:
    top = "indexes/citations/index.md"
    ordered = sorted(index.cited.values(), key=lambda c: symbol_key(c.symbol))
    groups: dict[str, list[CitedDocument]] = {}
    for cited in ordered:
        groups.setdefault(citation_group(cited.symbol), []).append(cited)

    def doc_href(cited: CitedDocument, page: str) -> str:
        return relative(page_path(cited.internal), page) if cited.internal else cited.url

    for group, members in sorted(groups.items(), key=lambda g: symbol_key(g[1][0].symbol)):
        page = f"indexes/citations/{group}/index.md"
        shown = [
            (
                c.symbol,
                c.kind,
                c.title,
                c.date,
                c.internal.slug if c.internal else None,
                [(*_shown(p), edition.digests[p.document.slug]) for p in c.places],
            )
            for c in members
        ]
        yield Page(
            page,
            digest("citation group", group, shown),
            lambda page=page, members=members: env.get_template("index_citation_group.md.j2").render(
                cited=members,
                heading=members[0].symbol if len(members) == 1 else f"{members[0].symbol} to {members[-1].symbol}",
                anchor=citation_anchor,
                top=relative(top, page),
                doc_href=lambda cited: doc_href(cited, page),
                href=lambda place: place_href(place, page),
                excerpt=excerpt,
            ),
        )
    yield Page(
        top,
        None,
        lambda: env.get_template("index_citations.md.j2").render(
            kinds=[(kind, [c for c in ordered if c.kind == kind]) for kind in KINDS],
            anchor=citation_anchor,
            doc_href=lambda cited: doc_href(cited, top),
            group_href=lambda c: f"{citation_group(c.symbol)}/index.md#{citation_anchor(c.symbol)}",
        ),
    )


def _timeline_pages(env: Environment, index: CrossIndex) -> Iterator[Page]:
    top = "indexes/timeline/index.md"
    decades: dict[str, list[Event]] = {}
    for event in index.events:  # in date order
        decades.setdefault(decade_of(event), []).append(event)
    names = list(decades)
    for i, (decade, events) in enumerate(decades.items()):
        page = f"indexes/timeline/{decade}/index.md"
        around = {
            "previous": (names[i - 1], f"../{names[i - 1]}/index.md") if i > 0 else None,
            "next": (names[i + 1], f"../{names[i + 1]}/index.md") if i + 1 < len(names) else None,
        }
        shown = [(e.date, e.year_only, e.text, [_shown(p) for p in e.places]) for e in events]
        yield Page(
            page,
            digest("timeline decade", decade, around, shown),
            lambda page=page, decade=decade, events=events, around=around: env.get_template(
                "index_timeline_decade.md.j2"
            ).render(
                decade=decade,
                events=events,
                top=relative(top, page),
                href=lambda place: place_href(place, page),
                **around,
            ),
        )
    yield Page(
        top,
        None,
        lambda: env.get_template("index_timeline.md.j2").render(
            decades=[(d, len(events), events[0].date.year, events[-1].date.year) for d, events in decades.items()]
        ),
    )
