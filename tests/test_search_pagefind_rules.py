"""Pagefind's rules in process (``site/search_pagefind.py``): when the search switches to
it, and how the texts' pages fall into the index's parts. The sites searched by Pagefind
are tested in tests/test_search_pagefind.py and tests/test_build_rules.py."""

from __future__ import annotations

import pytest

from build_scripts.settings import SettingsError, load_settings
from build_scripts.site.search_pagefind import MATERIAL_INDEX_LIMIT, SearchError, engine_for, part_count, part_of


def test_the_engine_switches_past_the_limit(monkeypatch: pytest.MonkeyPatch):
    assert engine_for(MATERIAL_INDEX_LIMIT) == "lunr"
    assert engine_for(MATERIAL_INDEX_LIMIT + 1) == "pagefind"
    assert engine_for(1000, "pagefind") == "pagefind"
    assert engine_for(10 * MATERIAL_INDEX_LIMIT, "lunr") == "lunr"
    # The setting comes from the CLI or SEARCH_ENGINE, through the build's settings.
    monkeypatch.setenv("SEARCH_ENGINE", "pagefind")
    assert load_settings().search_engine == "pagefind"
    assert load_settings(search_engine="lunr").search_engine == "lunr"
    monkeypatch.setenv("SEARCH_ENGINE", "elastic")
    with pytest.raises(SettingsError, match="unknown search engine 'elastic'; choose one of auto, lunr, pagefind"):
        load_settings()
    # No setting is "auto"; an engine the edition does not know is named.
    assert engine_for(MATERIAL_INDEX_LIMIT + 1, None) == engine_for(MATERIAL_INDEX_LIMIT + 1, "") == "pagefind"
    assert engine_for(MATERIAL_INDEX_LIMIT, None) == "lunr"
    with pytest.raises(SearchError, match=r"^SEARCH_ENGINE='AUTO': expected one of "):
        engine_for(1, "AUTO")


def test_parts_are_powers_of_two_and_a_text_keeps_its_part():
    assert [part_count(n, 8) for n in (0, 1, 8, 9, 16, 17, 33, 10_000)] == [1, 1, 1, 2, 2, 4, 8, 16]
    texts = [f"resolutions/a-res-77-{n}/" for n in range(1, 400)]
    # A text's pages are in one part; the collection's pages in theirs.
    for text in texts:
        assert part_of(text + "index.html", 4) == part_of(text + "changes/index.html", 4) != "collection"
    for page in ("index.html", "resolutions/index.html", "indexes/themes/index.html", "glossary/index.html"):
        assert part_of(page, 4) == "collection"

    # Doubling the parts moves a text only from part k to part k or k + parts: never elsewhere.
    def number(text: str, parts: int) -> int:
        return int(part_of(text + "index.html", parts).removeprefix("texts-"))

    for text in texts:
        assert number(text, 8) in (number(text, 4), number(text, 4) + 4)
    # Parts are filled evenly.
    sizes = [sum(number(text, 4) == k for text in texts) for k in range(4)]
    assert min(sizes) > len(texts) // 4 * 2 // 3, sizes
