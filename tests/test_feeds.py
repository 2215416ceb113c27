"""The Atom feeds (``build_scripts/render/feeds.py``), each on its own rule: every text and
every comparison an entry, newest first, the feed's ``updated`` its newest entry's. Made from
the collection as read (no built site: the fast loop)."""

from __future__ import annotations

import calendar

import feedparser
from conftest import PUBLIC_URL

from build_scripts.conventions import official_url
from build_scripts.render.feeds import changes_feed, feeds_sitemap, render_feeds, texts_feed


def stamp(parsed) -> int:  # type: ignore[no-untyped-def]
    return calendar.timegm(parsed)


def test_the_texts_feed_lists_every_resolution_newest_adoption_first(collection):
    feed = feedparser.parse(texts_feed(collection, PUBLIC_URL))
    assert feed.bozo == 0
    ids = [e.id for e in feed.entries]
    assert sorted(ids) == sorted(official_url(r.meta.symbol) for r in collection.resolutions)
    assert len(set(ids)) == len(ids)
    dates = [stamp(e.updated_parsed) for e in feed.entries]
    assert dates == sorted(dates, reverse=True) and dates[0] > dates[-1]
    assert stamp(feed.feed.updated_parsed) == max(dates)
    # Each entry is its text's: its date and its page.
    by_id = {official_url(r.meta.symbol): r for r in collection.resolutions}
    for entry in feed.entries:
        r = by_id[entry.id]
        assert entry.updated.startswith(r.date.isoformat()) and entry.published == entry.updated
        assert entry.link == f"{PUBLIC_URL}{r.url_path}"


def test_the_changes_feed_lists_every_comparison_newest_first(collection):
    feed = feedparser.parse(changes_feed(collection, PUBLIC_URL))
    assert feed.bozo == 0
    comparisons = list(collection.comparisons.values())
    assert len(feed.entries) == len(comparisons) > 1
    assert {e.link for e in feed.entries} == {f"{PUBLIC_URL}{c.newer.url_path}changes/" for c in comparisons}
    dates = [stamp(e.updated_parsed) for e in feed.entries]
    assert dates == sorted(dates, reverse=True) and dates[0] > dates[-1]
    assert stamp(feed.feed.updated_parsed) == max(dates)
    for entry in feed.entries:
        newer = next(c.newer for c in comparisons if entry.link.endswith(f"{c.newer.url_path}changes/"))
        assert entry.updated.startswith(newer.date.isoformat())
        assert entry.title.startswith(f"{newer.meta.symbol}: what changed since ")


def test_without_a_public_address_links_are_relative_and_there_is_no_sitemap(collection):
    feeds = render_feeds(collection, "", "")
    assert set(feeds) == {"feeds/texts.atom", "feeds/changes.atom"}
    texts = feedparser.parse(feeds["feeds/texts.atom"])
    assert all(not e.link.startswith("http") for e in texts.entries)
    # Relative to the feed: "../resolutions/...", the feed itself "texts.atom".
    assert '<link rel="self" href="texts.atom" />' in feeds["feeds/texts.atom"]
    assert '<link rel="alternate" type="text/html" href="../" />' in feeds["feeds/texts.atom"]
    first = next(r for r in collection.resolutions if official_url(r.meta.symbol) == texts.entries[0].id)
    assert texts.entries[0].link == f"../{first.url_path}"
    published = render_feeds(collection, PUBLIC_URL, PUBLIC_URL)
    assert "feeds/sitemap.xml" in published
    assert feeds_sitemap(PUBLIC_URL).count("<loc>") == 2


ATOM = "{http://www.w3.org/2005/Atom}"


def test_every_element_of_the_feeds_says_what_the_texts_say(collection):
    """Each element of both feeds, read as XML: the feed's own (title, subtitle, id, updated,
    links, author) and each entry's (title, id, dates, links with their types and titles,
    summary), against the model."""
    from xml.etree import ElementTree as ET

    from build_scripts.render.feeds import FEEDS

    texts = ET.fromstring(texts_feed(collection, PUBLIC_URL).split("\n", 1)[1])
    assert texts.findtext(f"{ATOM}title") == "UN texts on international police cooperation: the texts"
    assert texts.findtext(f"{ATOM}subtitle").startswith("Resolutions of the edition, newest adoption first")
    assert texts.findtext(f"{ATOM}id") == "urn:x-edition-feed:feeds/texts.atom"
    links = {link.get("rel"): link for link in texts.findall(f"{ATOM}link")}
    assert links["self"].get("href") == PUBLIC_URL + FEEDS["texts"]
    assert (links["alternate"].get("href"), links["alternate"].get("type")) == (PUBLIC_URL, "text/html")
    assert (
        texts.findtext(f"{ATOM}author/{ATOM}name") == "UN texts on international police cooperation (annotated edition)"
    )
    newest = max(r.date for r in collection.resolutions)
    assert texts.findtext(f"{ATOM}updated") == f"{newest.isoformat()}T00:00:00Z"
    by_id = {official_url(r.meta.symbol): r for r in collection.resolutions}
    for entry in texts.findall(f"{ATOM}entry"):
        r = by_id[entry.findtext(f"{ATOM}id")]
        assert entry.findtext(f"{ATOM}title") == f"{r.meta.symbol}: {r.meta.title}"
        stamp_ = f"{r.date.isoformat()}T00:00:00Z"
        assert entry.findtext(f"{ATOM}updated") == entry.findtext(f"{ATOM}published") == stamp_
        links = {link.get("rel"): link for link in entry.findall(f"{ATOM}link")}
        assert (links["alternate"].get("href"), links["alternate"].get("type")) == (
            PUBLIC_URL + r.url_path,
            "text/html",
        )
        enclosure = links["enclosure"]
        assert enclosure.get("href") == f"{PUBLIC_URL}{r.url_path}{r.slug}.pdf"
        assert (enclosure.get("type"), enclosure.get("title")) == ("application/pdf", f"{r.meta.symbol} (PDF)")
        if r.slug in collection.comparisons:
            assert links["related"].get("href") == f"{PUBLIC_URL}{r.url_path}changes/"
            assert (links["related"].get("type"), links["related"].get("title")) == ("text/html", "What changed")
        else:
            assert "related" not in links
        assert entry.findtext(f"{ATOM}summary") == collection.summary_of(r)

    changes = ET.fromstring(changes_feed(collection, PUBLIC_URL).split("\n", 1)[1])
    assert changes.findtext(f"{ATOM}title") == "UN texts on international police cooperation: changes in the series"
    assert changes.findtext(f"{ATOM}id") == "urn:x-edition-feed:feeds/changes.atom"
    assert changes.findtext(f"{ATOM}subtitle").startswith("What each resolution of a series changed")
    for entry in changes.findall(f"{ATOM}entry"):
        title = entry.findtext(f"{ATOM}title")
        c = next(c for c in collection.comparisons.values() if title.startswith(f"{c.newer.meta.symbol}: "))
        assert title == f"{c.newer.meta.symbol}: what changed since {c.older.meta.symbol}"
        assert (
            entry.findtext(f"{ATOM}id") == official_url(c.newer.meta.symbol) + "#changes-since-" + c.older.meta.symbol
        )
        links = {link.get("rel"): link.get("href") for link in entry.findall(f"{ATOM}link")}
        assert links == {
            "alternate": f"{PUBLIC_URL}{c.newer.url_path}changes/",
            "related": f"{PUBLIC_URL}{c.newer.url_path}",
        }
        counts = "; ".join(
            f"{name} paragraphs {n['new']} new, {n['changed']} changed, {n['dropped']} dropped"
            for part, name in [("preamble", "preambular"), ("operative", "operative")]
            for n in [c.counts(part)]
        )
        assert (
            entry.findtext(f"{ATOM}summary") == f"{c.newer.meta.symbol} compared with {c.older.meta.symbol}: {counts}."
        )


def test_the_feeds_sitemap_lists_both_feeds_at_the_sites_address():
    from build_scripts.render.feeds import feeds_sitemap

    published = feeds_sitemap(PUBLIC_URL)
    assert published.startswith('<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/')
    assert f"<loc>{PUBLIC_URL}feeds/texts.atom</loc>" in published
    assert f"<loc>{PUBLIC_URL}feeds/changes.atom</loc>" in published
    relative = feeds_sitemap("")
    assert "<loc>texts.atom</loc>" in relative and "<loc>changes.atom</loc>" in relative
