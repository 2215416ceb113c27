"""Atom feeds (RFC 4287): the texts of the edition, newest adoption first, and the changes
from one resolution of a series to the next.

The feeds are made from the documents alone (no clock), so the same collection gives the
same bytes. An entry's id is the official document's address at the UN (permanent, and
the same whatever address the edition is published at); links are absolute when the public
address is known, else relative to the feed, as Atom allows.
"""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from ..annotate.series import Comparison
from ..conventions import official_url
from ..edition import Edition

ATOM = "http://www.w3.org/2005/Atom"
FEEDS = {"texts": "feeds/texts.atom", "changes": "feeds/changes.atom"}
SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Material's instant navigation asks for a sitemap beside every ``link[rel=alternate]`` of a
# page (it maps a page to its other language versions); the feeds' autodiscovery links are
# such links, so it asks for feeds/sitemap.xml on every first view. This one answers, and
# lists the feeds.
FEEDS_SITEMAP = "feeds/sitemap.xml"


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _href(path: str, public_url: str) -> str:
    """An address of the site as seen from feeds/ (or absolute)."""
    return f"{public_url.rstrip('/')}/{path}" if public_url else f"../{path}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _feed(title: str, path: str, public_url: str, updated: dt.date, subtitle: str) -> ET.Element:
    feed = ET.Element("feed", {"xmlns": ATOM})
    _sub(feed, "title", title)
    _sub(feed, "subtitle", subtitle)
    _sub(feed, "id", f"urn:x-edition-feed:{path}")
    _sub(feed, "updated", _stamp(updated))
    _sub(feed, "link", rel="self", href=_href(path, public_url) if public_url else path.split("/")[-1])
    _sub(feed, "link", rel="alternate", type="text/html", href=_href("", public_url))
    author = _sub(feed, "author")
    _sub(author, "name", "UN texts on international police cooperation (annotated edition)")
    return feed


def _text(feed: ET.Element) -> str:
    ET.indent(feed, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def texts_feed(edition: Edition, public_url: str) -> str:
    resolutions = sorted(edition.resolutions, key=lambda r: (r.date, r.meta.symbol), reverse=True)
    latest = resolutions[0].date if resolutions else dt.date(1945, 10, 24)
    feed = _feed(
        "UN texts on international police cooperation: the texts",
        FEEDS["texts"],
        public_url,
        latest,
        "Resolutions of the edition, newest adoption first, with their page, PDF and changes.",
    )
    for r in resolutions:
        entry = _sub(feed, "entry")
        _sub(entry, "title", f"{r.meta.symbol}: {r.meta.title}")
        _sub(entry, "id", official_url(r.meta.symbol))
        _sub(entry, "updated", _stamp(r.date))
        _sub(entry, "published", _stamp(r.date))
        _sub(entry, "link", rel="alternate", type="text/html", href=_href(r.url_path, public_url))
        pdf = _href(f"{r.url_path}{r.slug}.pdf", public_url)
        _sub(entry, "link", rel="enclosure", type="application/pdf", href=pdf, title=f"{r.meta.symbol} (PDF)")
        if r.slug in edition.comparisons:
            changes = _href(f"{r.url_path}changes/", public_url)
            _sub(entry, "link", rel="related", type="text/html", href=changes, title="What changed")
        _sub(entry, "summary", edition.summary_of(r))
    return _text(feed)


def changes_feed(edition: Edition, public_url: str) -> str:
    comparisons = sorted(edition.comparisons.values(), key=lambda c: (c.newer.date, c.newer.meta.symbol), reverse=True)
    latest = comparisons[0].newer.date if comparisons else dt.date(1945, 10, 24)
    feed = _feed(
        "UN texts on international police cooperation: changes in the series",
        FEEDS["changes"],
        public_url,
        latest,
        "What each resolution of a series changed from the one before, paragraph by paragraph.",
    )
    for c in comparisons:
        newer, older = c.newer, c.older
        entry = _sub(feed, "entry")
        _sub(entry, "title", f"{newer.meta.symbol}: what changed since {older.meta.symbol}")
        _sub(entry, "id", official_url(newer.meta.symbol) + "#changes-since-" + older.meta.symbol)
        _sub(entry, "updated", _stamp(newer.date))
        _sub(entry, "link", rel="alternate", type="text/html", href=_href(f"{newer.url_path}changes/", public_url))
        _sub(entry, "link", rel="related", type="text/html", href=_href(newer.url_path, public_url))
        counts = _counts(c)
        _sub(entry, "summary", f"{newer.meta.symbol} compared with {older.meta.symbol}: {counts}.")
    return _text(feed)


def _counts(comparison: Comparison) -> str:
    parts = []
    for part, name in [("preamble", "preambular"), ("operative", "operative")]:
        n = comparison.counts(part)
        parts.append(f"{name} paragraphs {n['new']} new, {n['changed']} changed, {n['dropped']} dropped")
    return "; ".join(parts)


def feeds_sitemap(site_url: str) -> str:
    """The sitemap of feeds/: its feeds, at the address the site's own sitemap gives
    (MkDocs's ``site_url``; relative to this sitemap without one)."""
    urlset = ET.Element("urlset", {"xmlns": SITEMAPS})
    for path in FEEDS.values():
        url = _sub(urlset, "url")
        _sub(url, "loc", _href(path, site_url) if site_url else path.split("/")[-1])
    return _text(urlset)


def render_feeds(edition: Edition, public_url: str, site_url: str) -> dict[str, str]:
    """The feeds, and their sitemap where the site has an address (no sitemap without one)."""
    feeds = {
        FEEDS["texts"]: texts_feed(edition, public_url),
        FEEDS["changes"]: changes_feed(edition, public_url),
    }
    return feeds | ({FEEDS_SITEMAP: feeds_sitemap(site_url)} if site_url else {})
