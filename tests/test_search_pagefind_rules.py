"""Pagefind's rules in process (``site/search_pagefind.py``): when the search switches to
it and back, how the texts' pages fall into the index's parts, the corpus pages, and the
index made in parts (with a stand-in for the ``pagefind`` binary). The sites searched by Pagefind
are tested in tests/test_search_pagefind.py and tests/test_build_rules.py."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from build_scripts.settings import SettingsError, load_settings
from build_scripts.site.search_pagefind import MATERIAL_INDEX_LIMIT, SearchError, engine_for, part_count, part_of

# Material's own search workers, as the theme ships them.
THEME_WORKERS = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"


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
    with pytest.raises(SearchError, match=r"^SEARCH_ENGINE='AUTO': expected one of auto, lunr, pagefind$"):
        engine_for(1, "AUTO")


def test_parts_are_powers_of_two_and_a_text_keeps_its_part():
    assert [part_count(n, 8) for n in (0, 1, 8, 9, 16, 17, 33, 10_000)] == [1, 1, 1, 2, 2, 4, 8, 16]
    texts = [f"resolutions/a-res-77-{n}/" for n in range(1, 400)]
    # A text's pages are in one part; the collection's pages in theirs.
    for text in texts:
        assert part_of(text + "index.html", 4) == part_of(text + "changes/index.html", 4) != "collection"
    for page in ("index.html", "resolutions/index.html", "indexes/themes/index.html", "glossary/index.html"):
        assert part_of(page, 4) == "collection"
    # A document's pages are a text's too.
    statement = "documents/interpol-statement-uncops-2022/"
    assert part_of(statement + "index.html", 4) == part_of(statement + "changes/index.html", 4) != "collection"
    assert part_of("documents/index.html", 4) == "collection"
    # The split is the one the index format names ("parts by the sha256 of the address"): an
    # index in place is kept while its format is the same, so the same address must fall in
    # the same part from release to release.
    assert [part_of(f"{text}index.html", 16) for text in ("resolutions/a-res-77-20/", statement)] == [
        "texts-12",
        "texts-8",
    ]

    # Doubling the parts moves a text only from part k to part k or k + parts: never elsewhere.
    def number(text: str, parts: int) -> int:
        return int(part_of(text + "index.html", parts).removeprefix("texts-"))

    for text in texts:
        assert number(text, 8) in (number(text, 4), number(text, 4) + 4)
    # Parts are filled evenly.
    sizes = [sum(number(text, 4) == k for text in texts) for k in range(4)]
    assert min(sizes) > len(texts) // 4 * 2 // 3, sizes


def test_each_page_of_the_corpus_is_a_heading_per_entry_under_the_pages_title():
    """Pagefind makes a sub-result of each heading: a page's corpus page is titled by its
    own entry (the one without an anchor, else its first), then each entry's title as a
    heading with its anchor, its text, and the tools it names; nothing else is indexed."""
    from bs4 import BeautifulSoup

    from build_scripts.site.search_pagefind import corpus_pages

    entries = [
        {"location": "resolutions/a-res-77-20/index.html#op1", "title": "A/RES/77/20, para. 1", "text": "1. Decides"},
        {"location": "resolutions/a-res-77-20/index.html", "title": "A/RES/77/20", "text": ""},
        {
            "location": "resolutions/a-res-77-20/index.html#op2",
            "title": "A/RES/77/20, para. 2",
            "text": "2. <em>Urges</em> &amp; notes",
            "named": "Stolen and Lost Travel Documents SLTD",
        },
        {"location": "glossary/index.html#sltd", "title": "SLTD", "text": "The database."},
        {"location": "index.html", "title": "Home", "text": "Welcome"},
    ]
    pages = dict(corpus_pages(entries))
    assert list(pages) == ["resolutions/a-res-77-20/index.html", "glossary/index.html", "index.html"]
    for html in pages.values():
        assert html.startswith('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">') and html.endswith("\n")
    page = BeautifulSoup(pages["resolutions/a-res-77-20/index.html"], "lxml")
    assert page.title.text == page.h1.text == "A/RES/77/20" and page.h1["data-pagefind-meta"] == "title"
    assert [(h.get("id"), h.text) for h in page.select("h2")] == [
        ("op1", "A/RES/77/20, para. 1"),
        ("op2", "A/RES/77/20, para. 2"),
    ]
    body = page.select_one("main[data-pagefind-body]")
    assert [c.text for c in body.children] == [
        "A/RES/77/20",
        "A/RES/77/20, para. 1",
        "1. Decides",
        "",  # the page's own entry: its text is dropped (complete_entries)
        "A/RES/77/20, para. 2",
        "2. Urges & notes",
        "Stolen and Lost Travel Documents SLTD",
    ]
    assert page.select_one("em").text == "Urges"  # Material's entry text is HTML already
    # A page without an entry of its own is titled by its first.
    glossary = BeautifulSoup(pages["glossary/index.html"], "lxml")
    assert glossary.title.text == "SLTD" and [h["id"] for h in glossary.select("h2")] == ["sltd"]
    assert BeautifulSoup(pages["index.html"], "lxml").select("h2") == []


def test_a_failing_pagefind_is_an_error_with_what_it_said_and_its_own_interfaces_go(
    tmp_path, monkeypatch: pytest.MonkeyPatch
):
    import sys

    from build_scripts.site import search_pagefind

    def fake(said: str, status: int):
        script = (
            "import pathlib, sys; out = pathlib.Path(sys.argv[1]); out.mkdir(parents=True);"
            " (out / 'pagefind-entry.json').write_text('{}'); (out / 'pagefind-ui.js').write_text('');"
            " (out / 'pagefind-component-ui.css').write_text('');"
            f" print('indexed'); sys.stderr.write({said!r}); sys.exit({status})"
        )
        return lambda corpus, output: [sys.executable, "-c", script, str(output)]

    monkeypatch.setattr(search_pagefind, "_pagefind_command", fake("Error: no pages", 1))
    with pytest.raises(SearchError, match=r"^pagefind failed: indexed\nError: no pages$"):
        search_pagefind._index_part(tmp_path / "corpus", tmp_path / "out")
    monkeypatch.setattr(search_pagefind, "_pagefind_command", fake("", 0))
    (tmp_path / "part").mkdir()
    (tmp_path / "part" / "stale.pf_index").write_text("an older index")
    search_pagefind._index_part(tmp_path / "corpus", tmp_path / "part")
    assert sorted(p.name for p in (tmp_path / "part").iterdir()) == ["pagefind-entry.json"]


def test_the_index_is_made_of_parts_and_only_the_parts_whose_pages_changed_are_indexed_again(
    tmp_path, monkeypatch: pytest.MonkeyPatch
):
    """``build_pagefind`` with a stand-in for Pagefind that writes, as a part's index, the
    pages of its corpus: the texts' pages fall into their parts, the collection's apart;
    the parts are listed in order with what each was made from; built again, only the parts
    whose pages changed are indexed again; what is not a part goes; Material's search
    worker is replaced by the edition's, its map removed."""
    import json
    import sys

    from build_scripts.site import search_pagefind
    from build_scripts.site.search_pagefind import WORKER, build_pagefind, index_format

    indexed: list[str] = []
    script = (
        "import json, pathlib, sys; corpus, out = map(pathlib.Path, sys.argv[1:]); out.mkdir(parents=True);"
        " pages = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob('*.html'));"
        " (out / 'pagefind-entry.json').write_text(json.dumps(pages))"
    )

    def pagefind(corpus, output):
        indexed.append(output.name)
        return [sys.executable, "-c", script, str(corpus), str(output)]

    monkeypatch.setattr(search_pagefind, "_pagefind_command", pagefind)
    site = tmp_path / "site"
    workers = site / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.1234.min.js").write_text("Material's worker", encoding="utf-8")
    (workers / "search.1234.min.js.map").write_text("its map", encoding="utf-8")
    (site / "pagefind" / "an-older-layout").mkdir(parents=True)
    (site / "pagefind" / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    texts = [f"resolutions/a-res-77-{n}/" for n in range(1, 9)]
    entries = [{"location": f"{t}index.html#op1", "title": f"{t}, para. 1", "text": "Decides"} for t in texts]
    entries += [{"location": "index.html", "title": "Home", "text": "Welcome"}]
    entries += [{"location": f"{texts[0]}changes/index.html", "title": "Changes", "text": "New"}]

    assert build_pagefind(site, entries, part_texts=2)[0] == 10  # pages indexed
    by_part: dict[str, list[str]] = {}
    for text in texts:  # eight texts, two a part: four parts, those some text falls in listed
        by_part.setdefault(part_of(f"{text}index.html", 4), []).append(f"{text}index.html")
    by_part[part_of(f"{texts[0]}index.html", 4)].append(f"{texts[0]}changes/index.html")
    names = ["collection", *sorted(by_part)]
    listed = json.loads((site / "pagefind" / "parts.json").read_text(encoding="utf-8"))
    assert listed["format"] == index_format() and [p["path"] for p in listed["parts"]] == [f"{n}/" for n in names]
    assert sorted(indexed) == sorted(names)
    assert json.loads((site / "pagefind" / "collection" / "pagefind-entry.json").read_text()) == ["index.html"]
    for part, pages in by_part.items():
        assert json.loads((site / "pagefind" / part / "pagefind-entry.json").read_text()) == sorted(pages)
    assert sorted(p.name for p in (site / "pagefind").iterdir()) == sorted([*names, "parts.json"])
    assert (workers / "search.1234.min.js").read_bytes() == WORKER.read_bytes()
    assert not (workers / "search.1234.min.js.map").exists()

    indexed.clear()
    assert build_pagefind(site, entries, part_texts=2) == (10, 0) and indexed == []  # nothing changed
    entries[0]["text"] = "Decides again"  # one text's paragraph
    assert build_pagefind(site, entries, part_texts=2) == (10, 1)
    assert indexed == [part_of(f"{texts[0]}index.html", 4)]
    indexed.clear()
    (site / "pagefind" / "collection" / "pagefind-entry.json").unlink()  # a part left unfinished
    assert build_pagefind(site, entries, part_texts=2) == (10, 1) and indexed == ["collection"]
    # A list of parts that says nothing of them (or is not a list at all): every part anew.
    for listed_text in (json.dumps({"format": index_format()}), "[]", "{not json"):
        (site / "pagefind" / "parts.json").write_text(listed_text, encoding="utf-8")
        indexed.clear()
        assert build_pagefind(site, entries, part_texts=2) == (10, len(names)) and sorted(indexed) == sorted(names)
    for worker in workers.iterdir():
        worker.unlink()
    with pytest.raises(SearchError, match="Material's search worker was not found"):
        build_pagefind(site, entries, part_texts=2)


def test_going_back_to_materials_search_puts_its_worker_and_map_back_and_drops_pagefinds_index(tmp_path):
    """An incremental build after a Pagefind one, with the index now small: Material's own
    worker (and its map) is put back, byte for byte, and the chunked index removed."""
    from build_scripts.site.search_pagefind import WORKER, _restore_material_worker

    (original,) = THEME_WORKERS.glob("search.*.min.js")
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / original.name).write_bytes(WORKER.read_bytes())  # the edition's worker, in its place
    (workers / "search.00000000.min.js").write_text("another version's", encoding="utf-8")  # not Material's now
    (tmp_path / "pagefind" / "collection").mkdir(parents=True)
    _restore_material_worker(tmp_path)
    assert (workers / "search.00000000.min.js").read_text(encoding="utf-8") == "another version's"
    assert (workers / original.name).read_bytes() == original.read_bytes()
    assert (workers / f"{original.name}.map").read_bytes() == (THEME_WORKERS / f"{original.name}.map").read_bytes()
    assert not (tmp_path / "pagefind").exists()
    _restore_material_worker(tmp_path)  # nothing to do: nothing changes
    assert (workers / original.name).read_bytes() == original.read_bytes()


def test_the_switch_chooses_by_the_size_of_materials_index_and_leaves_it_only_its_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import json
    import sys

    from build_scripts.site import search_pagefind
    from build_scripts.site.search_pagefind import WORKER, switch_if_needed

    script = (
        "import pathlib, sys; out = pathlib.Path(sys.argv[1]); out.mkdir(parents=True);"
        " (out / 'pagefind-entry.json').write_text('{}')"
    )
    monkeypatch.setattr(
        search_pagefind, "_pagefind_command", lambda corpus, output: [sys.executable, "-c", script, str(output)]
    )
    assert switch_if_needed(tmp_path) == ("lunr", 0)  # no index (another renderer): nothing done
    (original,) = THEME_WORKERS.glob("search.*.min.js")
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / original.name).write_bytes(original.read_bytes())
    index = {
        "config": {"lang": ["en"]},
        "docs": [{"location": "resolutions/a-res-77-20/index.html#op1", "title": "A/RES/77/20, para. 1", "text": "x"}],
    }
    path = tmp_path / "search" / "search_index.json"
    path.parent.mkdir()
    path.write_text(json.dumps(index), encoding="utf-8")
    size = path.stat().st_size
    assert switch_if_needed(tmp_path) == ("lunr", size) and json.loads(path.read_text(encoding="utf-8")) == index
    assert switch_if_needed(tmp_path, "pagefind") == ("pagefind", size)  # the index read from its file
    assert path.read_text(encoding="utf-8") == '{"config":{"lang":["en"]},"docs":[]}'
    assert (workers / original.name).read_bytes() == WORKER.read_bytes()
    assert (tmp_path / "pagefind" / "parts.json").exists()
    # Given the index the build holds, it is not read again; back to Material's: its worker.
    path.write_text(json.dumps(index), encoding="utf-8")
    assert switch_if_needed(tmp_path, "pagefind", {"config": {"lang": ["fr"]}, "docs": []}) == ("pagefind", size)
    assert json.loads(path.read_text(encoding="utf-8")) == {"config": {"lang": ["fr"]}, "docs": []}
    assert switch_if_needed(tmp_path, "lunr")[0] == "lunr" and not (tmp_path / "pagefind").exists()
    assert (workers / original.name).read_bytes() == original.read_bytes()
