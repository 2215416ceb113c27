"""Search at scale: Pagefind's chunked index behind Material's own search box.

Material's search loads its whole index on the first visit (about 54 KB a resolution,
so some 50 MB at a thousand). Past a limit the build switches to Pagefind, which splits
its index into chunks and loads only those a query needs. Nothing changes for the reader:

- the entries are the same (Material's, completed with one per paragraph by
  ``search_index``); each page's entries become one small HTML page of a corpus that
  Pagefind indexes, a heading per entry, so that results point to paragraphs;
- Material's search worker is replaced by ``search_worker.js``, which answers Material's
  worker messages (set-up, query, result) from Pagefind, so the search box, the result
  list, keyboard navigation and highlighting stay Material's;
- ``search/search_index.json`` keeps only its configuration (a few hundred bytes).

Pagefind needs a server: from ``file://`` browsers refuse the modules it loads.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path
from typing import Any

from ..conventions import COUNCIL_LISTING
from ..settings import SEARCH_PART_TEXTS
from .linked import replace_file
from .search_index import NAMED_FIELD, Entry, SearchEntries, entries_by_page

ENGINES = ("auto", "lunr", "pagefind")
# Above this the first visit downloads too much: switch to the chunked index.
MATERIAL_INDEX_LIMIT = 5_000_000
WORKER = Path(__file__).parent / "search_worker.js"
# The texts' pages come in parts of at most SEARCH_PART_TEXTS texts (a power of two of
# them, at most MAX_PARTS): Pagefind's time and memory grow with a part, a query's with
# the count.
MAX_PARTS = 16
PARTS = "parts.json"  # the list of parts the worker merges, with what each was made from
COLLECTION = "collection"  # the part of the pages that are not a text's


class SearchError(Exception):
    pass


def engine_for(index_bytes: int, setting: str | None = None) -> str:
    """ "lunr" (Material's own) or "pagefind"; SEARCH_ENGINE overrides "auto"."""
    choice = setting or "auto"
    if choice not in ENGINES:
        raise SearchError(f"SEARCH_ENGINE={choice!r}: expected one of {', '.join(ENGINES)}")
    if choice == "auto":
        return "pagefind" if index_bytes > MATERIAL_INDEX_LIMIT else "lunr"
    return choice


def corpus_pages(entries: SearchEntries | list[Entry]) -> Iterator[tuple[str, str]]:
    """One HTML page per site page: its title, then a heading with the entry's anchor and
    the entry's text for every entry. Pagefind makes a sub-result of each heading. One at
    a time: a big site's corpus would hold its whole text again (and its paragraph entries
    are read a page at a time)."""
    by_page = entries.by_page() if isinstance(entries, SearchEntries) else entries_by_page(entries).items()
    for page, group in by_page:
        top = next((e for e in group if "#" not in e["location"]), group[0])
        parts = [
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
            f"<title>{escape(top['title'])}</title></head><body><main data-pagefind-body>",
            # Titles weigh most, as in Material's index (x1000 there): a paragraph titled
            # "A/RES/77/20, para. 5" outranks an index page that cites 77/20 in passing.
            f'<h1 data-pagefind-meta="title" data-pagefind-weight="10">{escape(top["title"])}</h1>',
        ]
        for entry in group:
            anchor = entry["location"].partition("#")[2]
            if anchor:
                parts.append(f'<h2 id="{escape(anchor)}" data-pagefind-weight="10">{escape(entry["title"])}</h2>')
            # Material's entry text is HTML already (escaped text, inline tags).
            parts.append(f"<div>{entry['text']}</div>")
            if entry.get(NAMED_FIELD):  # the tools named: found, in a line apart from the text
                parts.append(f"<p>{entry[NAMED_FIELD]}</p>")
        parts.append("</main></body></html>\n")
        # Locations end in index.html (the offline plugin turns directory URLs off).
        yield page or "index.html", "".join(parts)


def index_format() -> str:
    """Named in the list of parts: an index made by another Pagefind, or split another
    way, is made again."""
    from importlib.metadata import version

    return f"pagefind {version('pagefind-bin')} {' '.join(PAGEFIND_OPTIONS)}; parts by the sha256 of the address"


def part_count(texts: int, part_texts: int = SEARCH_PART_TEXTS) -> int:
    """How many parts the texts' pages are split into: a power of two, so that a text keeps
    its part while the collection grows, until the count doubles; at most ``MAX_PARTS``,
    as a query searches every part."""
    count = 1
    while count < MAX_PARTS and count * part_texts < texts:
        count *= 2
    return count


def text_of(page: str) -> str | None:
    """The text a page belongs to (``resolutions/a-res-77-20``), or None for a page of the
    collection (home, lists, indexes, glossary)."""
    if page.startswith(COUNCIL_LISTING):
        return None  # the Council's listing, a page of the collection beside the texts
    folder, _, rest = page.partition("/")
    if folder in ("resolutions", "documents") and "/" in rest:
        return f"{folder}/{rest.split('/')[0]}"
    return None


def part_of(page: str, text_parts: int) -> str:
    """The part a page's entries are indexed in: a text's pages by a digest of the text's
    address (``texts-K``), the collection's pages apart (``collection``), as they change
    with any text. An edit to one text indexes again its part and the collection's."""
    text = text_of(page)
    if text is None:
        return COLLECTION
    return f"texts-{int.from_bytes(hashlib.sha256(text.encode('utf-8')).digest()[:4], 'big') % text_parts}"


PAGEFIND_OPTIONS = (
    "--keep-index-url",  # the site's own URLs end in index.html (offline plugin)
    "--force-language",
    "en",
    "--include-characters",
    "/",  # "77/20", "A/RES/77/20" and "24/7" stay whole, as in Material's index
    "--quiet",
)


def _pagefind_command(corpus: Path, output: Path) -> list[str]:
    from pagefind_bin import get_executable

    return [str(get_executable()), "--site", str(corpus), "--output-path", str(output), *PAGEFIND_OPTIONS]


def _index_part(corpus: Path, output: Path) -> None:
    if output.exists():
        shutil.rmtree(output)  # perhaps linked to the site in place: unlinked, never written into
    result = subprocess.run(_pagefind_command(corpus, output), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchError(f"pagefind failed: {result.stdout}{result.stderr}")
    # Pagefind's own interfaces are not used: Material's search box is.
    for name in output.glob("pagefind-*ui*"):
        name.unlink()


def build_pagefind(
    site_dir: Path, entries: SearchEntries | list[Entry], part_texts: int = SEARCH_PART_TEXTS, jobs: int | None = None
) -> tuple[int, int]:
    """Index the entries into site/pagefind/ and put the worker in place; return the number
    of pages indexed and of parts indexed anew.

    The index is made of parts (``part_of``), each a Pagefind index of its own that the
    worker merges at query time (``PARTS``, listed with the digest of what each indexes).
    A part whose corpus is the one the site in place was indexed from is kept: after an
    edit to one text, Pagefind reads that text's part and the collection's, not every text.
    Parts are indexed side by side, one Pagefind process per core; none holds the whole
    corpus."""
    output = site_dir / "pagefind"
    pages = 0
    with tempfile.TemporaryDirectory(prefix="search-corpus-") as corpus:
        texts = {text_of(entry["location"].split("#")[0]) for entry in entries} - {None}
        count = part_count(len(texts), part_texts)
        names = [COLLECTION, *(f"texts-{k}" for k in range(count))]
        digests = {name: hashlib.sha256(index_format().encode()) for name in names}
        for name in names:
            (Path(corpus) / name).mkdir()
        filled: set[str] = set()
        for rel, html in corpus_pages(entries):
            part = part_of(rel, count)
            target = Path(corpus) / part / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
            digests[part].update(f"{len(rel)}:{rel}{len(html)}:".encode() + html.encode("utf-8"))
            filled.add(part)
            pages += 1
        # A part that no text's address falls in (parts far smaller than the collection's
        # texts: more parts than texts) has no page: Pagefind makes no index of nothing, and
        # the worker merges only the parts listed.
        names = [name for name in names if name in filled or name == COLLECTION]
        listed = [{"path": f"{name}/", "digest": digests[name].hexdigest()} for name in names]
        before = _listed_parts(output)
        stale = [
            name
            for name in names
            if before.get(f"{name}/") != digests[name].hexdigest()
            or not (output / name / "pagefind-entry.json").is_file()
        ]
        output.mkdir(parents=True, exist_ok=True)
        # What is not a part of this index (an index of another layout, a part no longer
        # made) goes.
        for child in sorted(output.iterdir()):
            if child.name not in {PARTS, *names}:
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        with ThreadPoolExecutor(max_workers=max(1, min(len(stale), jobs or os.cpu_count() or 1))) as pool:
            list(pool.map(lambda name: _index_part(Path(corpus) / name, output / name), stale))
    replace_file(output / PARTS, json.dumps({"format": index_format(), "parts": listed}, indent=1).encode() + b"\n")
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not workers:
        raise SearchError("Material's search worker was not found under assets/javascripts/workers/")
    for worker in workers:
        replace_file(worker, WORKER.read_bytes())  # perhaps linked to the site in place
        map_file = worker.with_name(worker.name + ".map")
        if map_file.exists():
            map_file.unlink()  # the map of the replaced worker would mislead
    return pages, len(stale)


def _listed_parts(output: Path) -> dict[str, str]:
    """The parts of the index in ``output`` and their digests, as its list gives them."""
    try:
        listed = json.loads((output / PARTS).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(listed, dict) or listed.get("format") != index_format():
        return {}
    return {part["path"]: part["digest"] for part in listed.get("parts", [])}


def stub_index(index: dict[str, Any]) -> dict[str, Any]:
    """Material's index without its documents: the search box still starts its worker."""
    return {"config": index["config"], "docs": []}


def index_path(site_dir: Path) -> Path:
    return site_dir / "search" / "search_index.json"


def switch_if_needed(
    site_dir: Path,
    setting: str = "auto",
    index: dict[str, Any] | None = None,
    part_texts: int = SEARCH_PART_TEXTS,
    jobs: int | None = None,
) -> tuple[str, int]:
    """Choose the engine by the size of Material's finished index; return it and that size.
    ``index``: that index, when the caller holds it (a big one is not read again)."""
    path = index_path(site_dir)
    if not path.exists():
        return "lunr", 0
    size = path.stat().st_size
    engine = engine_for(size, setting)
    if engine == "pagefind":
        if index is None:
            index = json.loads(path.read_bytes())
        build_pagefind(site_dir, index["docs"], part_texts, jobs)
        replace_file(path, json.dumps(stub_index(index), separators=(",", ":")).encode())
    else:
        _restore_material_worker(site_dir)
    return engine, size


def _restore_material_worker(site_dir: Path) -> None:
    """An incremental build keeps the files of the last one: if that one used Pagefind,
    put Material's worker back and drop the chunked index."""
    import material

    theme_workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    for worker in (site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"):
        original = theme_workers / worker.name
        if original.exists() and worker.read_bytes() != original.read_bytes():
            replace_file(worker, original.read_bytes())  # perhaps linked to the site in place
            if (theme_workers / (worker.name + ".map")).exists():
                replace_file(
                    worker.with_name(worker.name + ".map"), (theme_workers / (worker.name + ".map")).read_bytes()
                )
    if (site_dir / "pagefind").exists():
        shutil.rmtree(site_dir / "pagefind")
