"""Time each stage on a synthetic corpus of N resolutions made from the real ones.

    .venv/bin/python benchmarks/scale.py 10 100 1000
    .venv/bin/python benchmarks/scale.py --generate-only 5000
    .venv/bin/python benchmarks/scale.py --large 5000

Each N runs in a process of its own (so that its peak memory is its own), in a temporary
folder with an empty cache, and prints:

- parse + render: our stages, from the texts to the Markdown, JSON and XML under docs/;
- PDFs: Typst, 2 processes, cold cache;
- MkDocs + hooks: the site build as `make site` runs it (hooks included: paragraph search
  entries, the search engine switch; in shards, by as many processes as jobs, from 150
  pages), and a plain single-process `mkdocs build` of the same Markdown without our hooks:
  the ratio of the whole build to it is what our stages add, less what parallelism saves;
- search: the size of Material's index (every entry), the engine the build chose, the
  time to build Pagefind's chunked index, and, in chromium, the time to the first result of
  a query from opening the home page, from the page loaded (the search perhaps still
  loading) and from the query in the box, and the bytes loaded for it, with Material's
  index and with Pagefind's;
- incremental: a second build with nothing changed, then one after an edit to one text;
- peak memory of the build (parse to site, before the plain MkDocs build and chromium):
  its main process, and the largest of its workers (parsing, rendering, PDFs, MkDocs shards).

`--large` builds the site once as `make site` does (the engine the size calls for) and leaves
out the two measures that take hours at 5,000 texts and say nothing of our build: the plain
MkDocs build (so no ratio) and Material's own index in chromium.

Figures only; nothing is asserted.
"""

from __future__ import annotations

import gc
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
SOURCES = ROOT / "source_texts"
CLEAN = ["a-res-77-20.txt", "a-res-77-237.txt", "a-res-77-241.txt"]
MONTHS = "January February March April May June July August September October November December".split()


def synthetic_text(base: str, session: int, number: int, day: int, previous: str | None) -> str:
    """A real resolution under another symbol and date, citing the previous one."""
    text = re.sub(r"^(\*?)\d+/\d+\. ", rf"\g<1>{session}/{number}. ", base, count=1, flags=re.M)
    text = re.sub(r"(?<=\*\*\*)\d+/\d+\. ", f"{session}/{number}. ", text, count=1)
    text = re.sub(r"A/RES/\d+/\d+", f"A/RES/{session}/{number}", text, count=1)
    date = f"{day % 28 + 1} {MONTHS[day % 12]} {1945 + session}"
    text = re.sub(r"(Resolution adopted by the General Assembly\s+on) \d+ \w+ \d{4}", rf"\1 {date}", text)
    if previous:
        text = text.replace(
            "The General Assembly,", f"The General Assembly,\n\nRecalling its resolution {previous},", 1
        )
    return text


def make_corpus(n: int, folder: Path) -> None:
    folder.mkdir(parents=True)
    for name in ("glossary.yml", "themes.yml", "bodies.yml"):
        shutil.copy(SOURCES / name, folder / name)
    bases = [(SOURCES / name).read_text(encoding="utf-8") for name in CLEAN]
    previous = None
    for i in range(n):
        session, number = 40 + i % 40, 1000 + i
        (folder / f"a-res-{session}-{number}.txt").write_text(
            synthetic_text(bases[i % len(bases)], session, number, i, previous), encoding="utf-8"
        )
        previous = f"{session}/{number}"


def first_result(site: Path, query: str) -> tuple[float, float, float, int]:
    """Seconds to the first search result in chromium from opening the home page (empty
    browser cache), from the page loaded (its search perhaps still loading), and from the
    query in the box; and the bytes the server sent by then (the workers' requests
    included)."""
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from conftest import CHROMIUM, CHROMIUM_ARGS, SiteHandler
    from playwright.sync_api import sync_playwright

    from build_scripts.settings import load_settings

    loaded = [0]

    class CountingHandler(SiteHandler):
        def copyfile(self, source, outputfile):  # type: ignore[no-untyped-def]
            data = source.read()
            loaded[0] += len(data)
            outputfile.write(data)

    CountingHandler.site_url = load_settings().site_url
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(CountingHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/")
            loaded_at = time.perf_counter()
            page.click("input.md-search__input")
            # The whole query at once (Material searches at each key): the first result
            # shown answers it, not a prefix of it.
            page.fill("input.md-search__input", query)
            page.press("input.md-search__input", "End")
            typed = time.perf_counter()
            page.wait_for_selector(".md-search-result__item", timeout=600_000)
            seconds = time.perf_counter() - started
            after_load = time.perf_counter() - loaded_at
            after_query = time.perf_counter() - typed
            browser.close()
    finally:
        httpd.shutdown()
    return seconds, after_load, after_query, loaded[0]


def run_one(n: int, large: bool = False) -> None:
    work = Path(tempfile.mkdtemp(prefix=f"scale-{n}-"))
    # Material's index first; Pagefind's is made from it below (unless large: the engine
    # the size calls for, once).
    engine = "auto" if large else "lunr"
    os.environ.update(
        SOURCE_TEXTS_DIR=str(work / "texts"),
        BUILD_CACHE_DIR=str(work / "cache"),
        NO_MKDOCS_2_WARNING="1",
        SEARCH_ENGINE=engine,
    )
    from conftest import tracked_docs

    from build_scripts.settings import load_settings
    from build_scripts.site import pipeline
    from build_scripts.site.build import build_site, up_to_date
    from build_scripts.site.search_index import (
        PARAGRAPH_ENTRIES,
        read_paragraph_entries,
        write_paragraph_entries,
    )
    from build_scripts.site.search_pagefind import build_pagefind, index_path, stub_index

    pdf_seconds = [0.0]
    make_pdfs = pipeline.make_pdfs

    def timed_pdfs(*args: object, **kwargs: object) -> list[str]:
        t = time.perf_counter()
        made = make_pdfs(*args, **kwargs)  # type: ignore[arg-type]
        pdf_seconds[0] += time.perf_counter() - t
        return made

    pipeline.make_pdfs = timed_pdfs  # type: ignore[assignment]
    try:
        texts = work / "texts"
        make_corpus(n, texts)
        docs = tracked_docs(work / "checkout")
        site = work / "site"
        settings = load_settings(source_dir=texts, docs_dir=docs, site_dir=site, search_engine=engine)

        t = time.perf_counter()
        edition, _ = pipeline.generate(settings)
        ours = time.perf_counter() - t - pdf_seconds[0]
        pdfs = pdf_seconds[0]
        t = time.perf_counter()
        # As the CLI does: the paragraphs' search entries are written, the documents let go
        # and the entries read back before MkDocs renders.
        entries_file = settings.cache_dir / PARAGRAPH_ENTRIES
        write_paragraph_entries(edition, entries_file)
        del edition
        gc.collect()
        paragraphs = read_paragraph_entries(entries_file)
        result = build_site(settings, paragraphs, strict=False, incremental=True)
        with_hooks = time.perf_counter() - t
        entries = result.search_bytes
        # The build's own peaks, before the plain MkDocs build and chromium run as children.
        peak_main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak_worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss

        if large:
            plain = plain_index = lunr_seconds = lunr_load = lunr_query = lunr_bytes = 0.0
            chunked = site
            pagefind_build = float("nan")  # inside MkDocs+hooks
            parts = site / "pagefind" / "parts.json"  # none when the size calls for Material's index
            pagefind_parts = len(json.loads(parts.read_text(encoding="utf-8"))["parts"]) if parts.exists() else 0
        else:
            plain, plain_index = plain_mkdocs(work, docs)
            # Search, before (Material's index) and after (Pagefind's, from the same entries).
            lunr_seconds, lunr_load, lunr_query, lunr_bytes = first_result(site, "BioTracker")
            chunked = work / "site-pagefind"
            shutil.copytree(site, chunked)
            index = json.loads(index_path(chunked).read_text(encoding="utf-8"))
            t = time.perf_counter()
            _, pagefind_parts = build_pagefind(chunked, index["docs"])
            index_path(chunked).write_text(json.dumps(stub_index(index)), encoding="utf-8")
            pagefind_build = time.perf_counter() - t
        bundle = sum(p.stat().st_size for p in (chunked / "pagefind").glob("**/*") if p.is_file())
        pf_seconds, pf_load, pf_query, pf_bytes = first_result(chunked, "BioTracker")

        # Incremental: nothing changed, then one text edited.
        settings = settings.with_(search_engine="auto")
        if not large:
            # the site as `make site` leaves it
            build_site(settings, paragraphs, strict=False, incremental=False)
        t = time.perf_counter()
        if up_to_date(settings, False):  # what `build` does first: check the inputs, and stop
            again_said = "inputs checked: nothing to do"
        else:
            edition, _ = pipeline.generate(settings)
            write_paragraph_entries(edition, entries_file)
            again = build_site(settings, read_paragraph_entries(entries_file), strict=False, incremental=True)
            again_said = f"{again.pages_rendered} of {again.pages_total} pages rendered"
        unchanged = time.perf_counter() - t
        one = sorted(texts.glob("a-res-*.txt"))[n // 2]
        edit = one.read_text(encoding="utf-8").replace("Recalling its resolution", "Recalling also its resolution", 1)
        one.write_text(edit, encoding="utf-8")
        t = time.perf_counter()
        edition, _ = pipeline.generate(settings)
        write_paragraph_entries(edition, entries_file)
        edited = build_site(settings, read_paragraph_entries(entries_file), strict=False, incremental=True)
        one_changed = time.perf_counter() - t

        total = ours + pdfs + with_hooks
        ratio = f"{total / plain:4.2f}x" if plain else "(not built)"
        search_line = (
            f"         search entries {entries / 1e6:5.1f} MB, engine at this N: {edited.search_engine} "
            f"({pagefind_parts} Pagefind parts, bundle {bundle / 1e6:5.1f} MB): first result {pf_seconds:5.1f} s "
            f"({pf_load:4.1f} s from the page loaded, {pf_query:4.1f} s from the query), "
            f"{pf_bytes / 1e6:5.2f} MB loaded"
            if large
            else f"         search entries {entries / 1e6:5.1f} MB (plain Material {plain_index / 1e6:5.1f} MB), "
            f"engine at this N: {edited.search_engine}; Material's index: first result {lunr_seconds:5.1f} s "
            f"({lunr_load:4.1f} s from the page loaded, {lunr_query:4.1f} s from the query), "
            f"{lunr_bytes / 1e6:5.1f} MB loaded; Pagefind: index built in {pagefind_build:4.1f} s "
            f"({pagefind_parts} parts), "
            f"bundle {bundle / 1e6:5.1f} MB, first result {pf_seconds:5.1f} s "
            f"({pf_load:4.1f} s from the page loaded, {pf_query:4.1f} s from the query), "
            f"{pf_bytes / 1e6:5.2f} MB loaded"
        )
        print(
            f"N={n:>5}  parse+render {ours:6.1f} s ({ours / n * 1000:4.0f} ms/doc)  PDFs {pdfs:6.1f} s  "
            f"MkDocs+hooks {with_hooks:6.1f} s ({result.shards} shards)  plain MkDocs {plain:6.1f} s  "
            f"whole build {total:6.1f} s ({total / n * 1000:4.0f} ms/text) / plain MkDocs {ratio}\n"
            f"         peak memory of the build: main process {peak_main / 1024:5.0f} MB, "
            f"largest worker {peak_worker / 1024:5.0f} MB\n"
            f"{search_line}\n"
            f"         rebuild, nothing changed: {unchanged:6.1f} s ({again_said}); "
            f"one text changed: {one_changed:6.1f} s "
            f"({edited.pages_rendered} of {edited.pages_total} pages rendered)",
            flush=True,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def plain_mkdocs(work: Path, docs: Path) -> tuple[float, int]:
    """Seconds of a plain single-process `mkdocs build` of the same Markdown without our
    hooks, and the size of Material's index it makes."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs", f"docs_dir: {docs}")
    config = config.replace("site_dir: site", f"site_dir: {work / 'plain'}")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = re.sub(r"\nhooks:\n  - .*\n", "\n", config)
    (work / "mkdocs-plain.yml").write_text(config, encoding="utf-8")
    from build_scripts.site.search_pagefind import index_path

    t = time.perf_counter()
    plain_command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs-plain.yml")]
    subprocess.run(plain_command, check=True)
    return time.perf_counter() - t, index_path(work / "plain").stat().st_size


def generate_only(n: int) -> None:
    """Our stages alone (parse to docs/, no PDFs, no site): cold, then again with the
    parse cache, then after one text edited; and the peak memory."""
    work = Path(tempfile.mkdtemp(prefix=f"scale-{n}-"))
    os.environ.update(SOURCE_TEXTS_DIR=str(work / "texts"), BUILD_CACHE_DIR=str(work / "cache"))
    from conftest import tracked_docs

    from build_scripts.settings import load_settings
    from build_scripts.site import pipeline

    try:
        texts = work / "texts"
        make_corpus(n, texts)
        settings = load_settings(source_dir=texts, docs_dir=tracked_docs(work / "checkout"), site_dir=work / "site")
        t = time.perf_counter()
        pipeline.generate(settings, pdfs=False)
        cold = time.perf_counter() - t
        t = time.perf_counter()
        pipeline.generate(settings, pdfs=False)
        cached = time.perf_counter() - t
        one = sorted(texts.glob("a-res-*.txt"))[n // 2]
        edit = one.read_text(encoding="utf-8").replace("Recalling its resolution", "Recalling also its resolution", 1)
        one.write_text(edit, encoding="utf-8")
        t = time.perf_counter()
        pipeline.generate(settings, pdfs=False)
        edited = time.perf_counter() - t
        peak_main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak_worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(
            f"N={n:>5}  parse+render only: cold {cold:6.1f} s ({cold / n * 1000:4.0f} ms/doc), "
            f"parse cached {cached:6.1f} s ({cached / n * 1000:4.0f} ms/doc), one text edited {edited:6.1f} s\n"
            f"         peak memory: main process {peak_main / 1024:5.0f} MB, "
            f"largest worker {peak_worker / 1024:5.0f} MB",
            flush=True,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        run_one(int(sys.argv[2]))
    elif sys.argv[1:2] == ["--large-one"]:
        run_one(int(sys.argv[2]), large=True)
    elif sys.argv[1:2] == ["--generate-only-one"]:
        generate_only(int(sys.argv[2]))
    else:
        jobs = os.environ.get("BUILD_JOBS") or os.cpu_count()
        print(f"{os.cpu_count()} cores; parsing in {jobs} processes, PDFs in {min(int(jobs or 1), 4)}", flush=True)
        mode = {"--generate-only": "--generate-only-one", "--large": "--large-one"}.get(sys.argv[1], "--one")
        for arg in sys.argv[1 + (mode != "--one") :] or ["10", "100"]:
            subprocess.run([sys.executable, __file__, mode, arg], check=True)
