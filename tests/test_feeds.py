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
    published = render_feeds(collection, PUBLIC_URL, PUBLIC_URL)
    assert "feeds/sitemap.xml" in published
    assert feeds_sitemap(PUBLIC_URL).count("<loc>") == 2
