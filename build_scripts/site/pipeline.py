"""The stages wired together: sources -> model -> links -> Markdown under docs/.

Both the CLI (``python -m build_scripts``) and the MkDocs hooks call ``generate``;
nothing here depends on MkDocs, so any renderer that reads docs/ can take over.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..annotate.crossindex import Body, Theme, build_index, load_bodies, load_themes
from ..annotate.glossary import Glossary, TermMarker, index_mentions, load_glossary
from ..annotate.links import link_document
from ..annotate.series import histories, load_overrides, series_and_comparisons, summaries
from ..edition import Edition
from ..errors import SourceError, SourceErrors
from ..files import files_under, folders_under
from ..memo import Memo, code_version, digest, digests_of
from ..model import Collection, Document, RelatedDocument, Repair, Resolution, changing, collector_spared
from ..parse.document import parse_document
from ..parse.repair import DAMAGED_LAYOUTS, Lookups, damaged_words, repair_document, vocabulary
from ..parse.resolution import parse_resolution
from ..parse.sources import display_path, load_source, texts_to_publish
from ..render.archive import ARCHIVE, write_archive
from ..render.citations import document_citations
from ..render.dependencies import render_key
from ..render.exports import IsNew, collection_exports, document_exports, new_check
from ..render.feeds import render_feeds
from ..render.index_pages import index_pages
from ..render.markdown import (
    Page,
    collection_pages,
    document_pages,
    environment,
    glossary_page,
    ordered_documents,
    render_data_page,
)
from ..render.pdf import make_many, pdf_name
from ..settings import ROOT, Settings
from ..workers import PARALLEL_FROM, forked_runs, process_pool
from .annotated import Annotated, AnnotatedStore, Head, context_of
from .progress import QUIET, BuildProgress

# Folders and files under docs/ that the build owns; everything else there is hand-written.
GENERATED_DIRS = ("resolutions", "documents", "glossary", "series", "indexes", "feeds", "javascripts/generated")
PUBLIC_URL_SCRIPT = "javascripts/generated/edition.js"
GLOSSARY_FILE = "glossary.yml"  # beside the source texts
SERIES_FILE = "series.yml"  # optional: series grouped by hand
THEMES_FILE = "themes.yml"  # the editorial taxonomy of themes
BODIES_FILE = "bodies.yml"  # the bodies that operative paragraphs address


@dataclass
class GenerateReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    pdfs_made: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_source(path: Path, root: Path | None = ROOT) -> Resolution | RelatedDocument:
    """One text parsed into the model (paths in messages relative to ``root``)."""
    source = load_source(path, root)
    if source.sidecar.kind == "resolution":
        return parse_resolution(source)
    return parse_document(source)


def source_key(path: Path, root: Path | None) -> str:
    """A text's key: the digest of its bytes, its sidecar's and the parser's code."""
    sidecar = path.with_suffix(".yml")
    key = hashlib.sha256(code_version(".py") + code_version(".tsv"))  # the parser: its modules and word counts
    key.update(display_path(path, root).encode() + b"\0" + path.read_bytes() + b"\0")
    if sidecar.exists():
        key.update(sidecar.read_bytes())
    return key.hexdigest()[:32]


def _cache_file(path: Path, root: Path | None, cache: Path) -> Path:
    return cache / f"{source_key(path, root)}.pickle"


def _from_cache(cached: Path) -> Resolution | RelatedDocument | None:
    if cached.exists():
        try:
            document: Resolution | RelatedDocument = pickle.loads(cached.read_bytes())
            return document
        except Exception:
            pass
    return None


def parse_cached(path: Path, root: Path | None = ROOT, cache: Path | None = None) -> Resolution | RelatedDocument:
    """parse_source, remembered by the bytes of the text and its sidecar (.cache/parsed/):
    a build after an edit to one text parses that text only."""
    if cache is None:
        return parse_source(path, root)
    cached = _cache_file(path, root, cache)
    document = _from_cache(cached)
    if document is not None:
        return document
    document = parse_source(path, root)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(cached)
    return document


def _parse_in_worker(path: Path, root: Path | None, cache: Path | None) -> Resolution | RelatedDocument | SourceError:
    # A SourceError is returned, not raised, so that one bad text does not stop the others:
    # every error is reported at once. A document is sent back packed: a quarter of its bytes.
    try:
        return _packed(parse_cached(path, root, cache))
    except SourceError as exc:
        return exc


# Texts a parsing worker sends back at once.
PARSED_AT_ONCE = 16


def _packed(result: Resolution | RelatedDocument | SourceError) -> Resolution | RelatedDocument | SourceError:
    if not isinstance(result, SourceError):
        result.pack()
    return result


def parse_all(
    paths: list[Path],
    root: Path | None = ROOT,
    cache: Path | None = None,
    jobs: int = 1,
    progress: BuildProgress = QUIET,
) -> list[Resolution | RelatedDocument | SourceError]:
    """Every text parsed (or its error), in the order of ``paths``: texts in the cache are
    read from it; the others are parsed in ``jobs`` worker processes when there are many.
    Each document is packed as it comes (``model.Packable``): a big collection's would not
    fit in memory at once. The result does not depend on the number of processes."""
    results: list[Resolution | RelatedDocument | SourceError | None] = [None] * len(paths)
    advance = progress.stage("parsing texts", len(paths))
    todo = []
    for i, path in enumerate(paths):
        cached = _from_cache(_cache_file(path, root, cache)) if cache is not None else None
        if cached is not None:
            results[i] = _packed(cached)
            advance(1)
        else:
            todo.append(i)
    if jobs > 1 and len(todo) >= PARALLEL_FROM:
        with process_pool(jobs) as pool:
            # Small chunks: a chunk's documents come back all at once.
            chunk = max(1, min(PARSED_AT_ONCE, len(todo) // (jobs * 4)))
            jobs_paths = [paths[i] for i in todo]
            parsed = pool.map(_parse_in_worker, jobs_paths, [root] * len(todo), [cache] * len(todo), chunksize=chunk)
            for i, result in zip(todo, parsed, strict=True):
                results[i] = result  # packed by the worker
                advance(1)
    else:
        for i in todo:
            results[i] = _parse_in_worker(paths[i], root, cache)
            advance(1)
    return [r for r in results if r is not None]


def load_edition(
    paths: list[Path],
    root: Path | None = ROOT,
    cache: Path | None = None,
    jobs: int = 1,
    progress: BuildProgress = QUIET,
    memo_dir: Path | None = None,
) -> Edition:
    """Parse every text; collect all errors before failing so an editor sees them at once.
    (``cache``: the parsed texts; ``memo_dir``: the annotators' results, see ``annotate``,
    and the annotated documents of the last build, read instead of the parsed texts when
    neither the text nor what annotating reads of the collection changed.)"""
    glossary_path = (paths[0].parent if paths else ROOT / "source_texts") / GLOSSARY_FILE
    glossary = None
    glossary_error = None
    try:
        glossary = load_glossary(glossary_path, display_path(glossary_path, root))
    except SourceError as exc:
        glossary_error = exc
    store = AnnotatedStore(memo_dir / "annotated") if memo_dir is not None and cache is not None else None
    heads = Memo(memo_dir / "heads.sqlite" if store else None)
    keys = [source_key(path, root) for path in paths] if store else []
    known: list[Head | None] = [heads.get(key.encode()) for key in keys]
    # Texts not seen before (an edited one) are parsed first: then the collection's context
    # is known, and every other text can be read as the last build annotated it.
    parsed: dict[int, Resolution | RelatedDocument | SourceError] = {}
    new = [i for i, head in enumerate(known) if head is None]
    if new:
        parsed.update(zip(new, parse_all([paths[i] for i in new], root, cache, jobs, progress), strict=True))
    for i in new:
        document = parsed[i]
        if not isinstance(document, SourceError):
            known[i] = Head(document.meta.symbol if isinstance(document, Resolution) else None, document.url_path)
            heads.put(keys[i].encode(), known[i])
    heads.save()
    kept: dict[int, Annotated] = {}
    if store is not None and glossary is not None and all(head is not None for head in known):
        context = context_of({h.symbol: h.url_path for h in known if h is not None and h.symbol}, glossary)
        for i in range(len(paths)):
            found = store.load(context, keys[i]) if i not in parsed else None
            if found is not None:
                found.document.pack()
                kept[i] = found
    rest = [i for i in range(len(paths)) if i not in kept and i not in parsed]
    if rest:
        parsed.update(zip(rest, parse_all([paths[i] for i in rest], root, cache, jobs, progress), strict=True))
    resolutions: list[Resolution] = []
    documents: list[RelatedDocument] = []
    errors: list[SourceError] = []
    index_of: dict[str, int] = {}  # slug -> position in ``paths``
    for i in range(len(paths)):
        document = kept[i].document if i in kept else parsed[i]
        if isinstance(document, SourceError):
            errors.append(document)
            continue
        index_of[document.slug] = i
        (resolutions if isinstance(document, Resolution) else documents).append(document)  # type: ignore[arg-type]
    seen: dict[str, Resolution] = {}
    for resolution in resolutions:
        first = seen.setdefault(resolution.meta.symbol, resolution)
        if first is not resolution:
            errors.append(
                SourceError(
                    resolution.source_path,
                    None,
                    f"{resolution.meta.symbol} is already published from {first.source_path}",
                )
            )
    if glossary_error is not None:
        errors.append(glossary_error)
    if errors:
        raise SourceErrors(errors)
    assert glossary is not None
    series_path = glossary_path.with_name(SERIES_FILE)
    themes_path = glossary_path.with_name(THEMES_FILE)
    bodies_path = glossary_path.with_name(BODIES_FILE)
    return annotate(
        Collection(resolutions, documents),
        glossary,
        load_overrides(series_path, display_path(series_path, root)),
        load_themes(themes_path, display_path(themes_path, root)),
        load_bodies(bodies_path, display_path(bodies_path, root)),
        jobs,
        memo_dir,
        {kept[i].document.slug: kept[i] for i in kept},
        {slug: keys[i] for slug, i in index_of.items()} if store else None,
        store,
        lambda slug: parse_cached(paths[index_of[slug]], root, cache),  # type: ignore[return-value]
    )


def annotate(
    collection: Collection,
    glossary: Glossary,
    series_overrides: list[dict[str, object]],
    themes: list[Theme],
    bodies: list[Body],
    jobs: int = 1,
    memo_dir: Path | None = None,
    kept: dict[str, Annotated] | None = None,
    source_keys: dict[str, str] | None = None,
    store: AnnotatedStore | None = None,
    reparse: Callable[[str], Resolution] | None = None,
) -> Edition:
    """The annotators, in order, each returning what it found; the model keeps the documents.
    Documents in ``kept`` (by slug) are already annotated, in the collection as it is: the
    others are annotated here, and kept in ``store`` by their texts' ``source_keys``; a kept
    damaged text whose repair would read the collection's words otherwise is read again as
    parsed (``reparse``, by slug) and repaired anew. The
    series' pairings and the index's findings are made by ``jobs`` processes, and
    remembered under ``memo_dir`` by the digests of the documents as annotated."""
    kept = dict(kept or {})
    symbols = collection.by_symbol()
    context = context_of({s: r.url_path for s, r in symbols.items()}, glossary)
    stale = [slug for slug, annotated in kept.items() if annotated.context != context]
    assert not stale, stale  # the caller reads kept documents in this very context
    repairs, lookups, words_of = _repair(collection, kept, reparse)
    documents = collection.all()
    fresh = [d for d in documents if d.slug not in kept]
    marker = TermMarker.of(glossary)
    mentions = {}
    for document in fresh:
        with changing(document):
            link_document(document, symbols)
            mentions[document.slug] = marker.mark(document)
    index_mentions(glossary, [(d, kept[d.slug].mentions if d.slug in kept else mentions[d.slug]) for d in documents])
    digests = {d.slug: kept[d.slug].digest for d in documents if d.slug in kept}
    digests.update(zip((d.slug for d in fresh), digests_of(fresh, jobs), strict=True))
    digests = {d.slug: digests[d.slug] for d in documents}  # in the collection's order
    if store is not None and source_keys is not None:
        for document in fresh:
            if document.slug in source_keys:
                annotated = Annotated(
                    document,
                    mentions[document.slug],
                    digests[document.slug],
                    context,
                    words_of.get(document.slug),
                    repairs.get(document.slug, []),
                    lookups.get(document.slug, {}),
                )
                store.save(source_keys[document.slug], annotated)
        store.prune()
    pairings = Memo(memo_dir / "pairings.sqlite" if memo_dir else None)
    series, comparisons = series_and_comparisons(collection, series_overrides, jobs, pairings, digests)
    findings = Memo(memo_dir / "findings.sqlite" if memo_dir else None)
    index = build_index(collection, themes, bodies, jobs, findings, digests)
    pairings.save()
    findings.save()
    return Edition(
        collection,
        glossary,
        series,
        comparisons,
        index,
        repairs,
        summaries(collection.resolutions, comparisons),
        histories(series, comparisons),
        digests,
    )


def _repair(
    collection: Collection, kept: dict[str, Annotated], reparse: Callable[[str], Resolution] | None
) -> tuple[dict[str, list[Repair]], dict[str, dict[str, bool]], dict[str, Counter[str]]]:
    """Repair the damaged texts in place: the repairs by slug, what each repair asked of the
    vocabulary, and each damaged text's words as parsed. A kept text keeps its repairs if
    the vocabulary answers as before; else (and ``kept`` loses it) it is read again."""
    damaged = [r for r in collection.resolutions if r.layout in DAMAGED_LAYOUTS]
    if not damaged:
        return {}, {}, {}  # the vocabulary reads every word of the collection: only for damage to repair
    words_of: dict[str, Counter[str]] = {}
    for resolution in damaged:
        remembered = kept[resolution.slug].words if resolution.slug in kept else None
        words_of[resolution.slug] = remembered if remembered is not None else damaged_words(resolution)
    words = vocabulary(collection.all(), words_of)
    repairs: dict[str, list[Repair]] = {}
    lookups: dict[str, dict[str, bool]] = {}
    for resolution in damaged:
        if resolution.slug in kept:
            before = kept[resolution.slug]
            if all((word in words) == found for word, found in before.lookups.items()):
                repairs[resolution.slug] = before.repairs
                continue
            assert reparse is not None  # kept documents come with the means to read them again
            del kept[resolution.slug]
            fresh = reparse(resolution.slug)
            if resolution.packed:
                fresh.pack()
            at = next(i for i, r in enumerate(collection.resolutions) if r is resolution)  # not ==: it opens both
            collection.resolutions[at] = fresh
            resolution = fresh
        asked = Lookups(words)
        with changing(resolution):
            repairs[resolution.slug] = repair_document(resolution, asked)
        lookups[resolution.slug] = asked.asked
    return repairs, lookups, words_of


class PageWriter:
    """Writes generated files under docs/ as they come, each only if its content changed
    (so that `mkdocs serve` does not loop and MkDocs renders only what changed), then
    removes the generated files that no longer come (``finish``)."""

    def __init__(self, docs_dir: Path) -> None:
        self.docs_dir = docs_dir
        self.report = GenerateReport()
        self.names: set[str] = set()
        self.same: set[str] = set()  # already compared with the file on disk and found equal

    def on_disk(self, rel: str, text: str) -> bool:
        """This very text is the file on disk (remembered, so it is not compared again)."""
        path = self.docs_dir / rel
        if rel not in self.same and path.is_file() and path.read_text(encoding="utf-8") == text:
            self.same.add(rel)
        return rel in self.same

    def write(self, rel: str, text: str) -> None:
        self.names.add(rel)
        if self.on_disk(rel, text):
            self.report.unchanged.append(rel)
            return
        target = self.docs_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
        self.report.written.append(rel)

    def still_there(self, files: Files) -> bool:
        """These files, as an earlier build left them, are still there unchanged (counted
        as written unchanged), or not (and nothing is counted)."""
        for rel, size, mtime in files:
            try:
                stat = (self.docs_dir / rel).stat()
            except OSError:
                return False
            if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
                return False
        for rel, _, _ in files:
            self.names.add(rel)
            self.report.unchanged.append(rel)
        return True

    def as_left(self, written: list[str]) -> Files:
        """The files just written (or found the same), as they are now on disk."""
        stats = [(rel, (self.docs_dir / rel).stat()) for rel in written]
        return [(rel, stat.st_size, stat.st_mtime_ns) for rel, stat in stats]

    def keep(self, rel: str) -> None:
        """A file another stage writes (a PDF): listed so that it is not removed."""
        self.names.add(rel)

    def absorb(self, other: GenerateReport) -> None:
        """What another writer (a worker process's) wrote and found unchanged."""
        self.names.update(other.written, other.unchanged)
        self.report.written += other.written
        self.report.unchanged += other.unchanged

    def finish(self) -> GenerateReport:
        for folder in GENERATED_DIRS:
            for name, entry in files_under(self.docs_dir / folder):
                rel = f"{folder}/{name}"
                if rel not in self.names:
                    os.unlink(entry.path)
                    self.report.removed.append(rel)
            for name in folders_under(self.docs_dir / folder):
                path = self.docs_dir / folder / name
                if not any(path.iterdir()):
                    path.rmdir()
        self.report.written.sort()
        self.report.unchanged.sort()
        return self.report


# A document's files as the last build left them: (path under docs/, size, modification time).
Files = list[tuple[str, int, int]]


@dataclass
class DocumentRender:
    """What the render of each document reads: the edition, the citations' other styles, and
    the files each document's render left in the last build, by ``render_key`` (a document
    whose key and files are the same is not rendered again)."""

    edition: Edition
    citations: Mapping[str, dict[str, dict[str, str]]]
    public_url: str
    docs_dir: Path
    memo: Memo = field(default_factory=lambda: Memo(None))

    def write(
        self,
        documents: list[Document],
        writer: PageWriter,
        is_new: IsNew,
        advance: Callable[[int], None] | None = None,
    ) -> dict[bytes, Files]:
        """Write the documents' files; what each left, by its key (to be remembered)."""
        env = environment()
        left: dict[bytes, Files] = {}
        for document in documents:
            places = self.citations.get(document.slug)
            key = render_key(self.edition, document, places, self.public_url)
            files: Files | None = self.memo.get(key)
            if files is None or not writer.still_there(files):
                written = []
                for rel, text in document_pages(env, self.edition, document, self.citations, self.public_url):
                    writer.write(rel, text)
                    written.append(rel)
                for rel, text in document_exports(self.edition, document, self.public_url, is_new):
                    writer.write(rel, text)
                    written.append(rel)
                files = writer.as_left(written)
            left[key] = files
            if advance is not None:
                advance(1)
        return left


def write_page(page: Page, writer: PageWriter, memo: Memo) -> None:
    """A page with a key is made only if the last build left another key, or its file is
    not as that build left it."""
    files: Files | None = memo.get(page.key) if page.key is not None else None
    if files is not None and writer.still_there(files):
        return
    writer.write(page.path, page.make())
    if page.key is not None:
        memo.put(page.key, writer.as_left([page.path]))


def _write_run(render: DocumentRender, first: int, last: int) -> tuple[GenerateReport, dict[bytes, Files]]:
    """In a worker: the documents ``first`` to ``last`` (in page order), written."""
    writer = PageWriter(render.docs_dir)
    left = render.write(ordered_documents(render.edition)[first:last], writer, new_check(writer.on_disk))
    return writer.report, left


def write_documents(
    render: DocumentRender,
    writer: PageWriter,
    jobs: int,
    progress: BuildProgress = QUIET,
    meanwhile: Callable[[], None] = lambda: None,
) -> None:
    """Every document's pages and exports, written as they are made: by ``jobs`` forked
    processes in runs of documents when there are many, else here; ``meanwhile`` runs here
    while the workers render. Each file depends on one document and the edition, so the
    files do not depend on who wrote them. What each document left is remembered in
    ``render.memo`` (saved by the caller once the build's files are all written).

    The workers read ``render.memo``, so nothing is written to it here until they are
    done (``meanwhile`` must not write to it either): a write transaction held here while
    waiting for them would keep a worker that needs the memo's write lock (a reader takes
    it to rebuild the log's index) waiting for it, as this process waits for the worker."""
    documents = ordered_documents(render.edition)
    advance = progress.stage("writing Markdown", len(documents))
    runs = forked_runs(_write_run, render, len(documents), jobs, meanwhile)
    if runs is not None:
        left: dict[bytes, Files] = {}
        for first, last, (report, run_left) in runs:
            writer.absorb(report)
            left.update(run_left)
            advance(last - first)
        for key, files in left.items():
            render.memo.put(key, files)
        return
    for key, files in render.write(documents, writer, new_check(writer.on_disk), advance).items():
        render.memo.put(key, files)
    meanwhile()


# Browser assets installed by the set-up (npm), copied into docs/ for the site.
VENDORED = {
    "javascripts/vendor/iframe-worker-shim.js": Path("node_modules") / "iframe-worker" / "shim" / "index.js",
}


def vendor_assets(docs_dir: Path, root: Path) -> None:
    for rel, installed in VENDORED.items():
        source = root / installed
        target = docs_dir / rel
        if source.exists():
            if not target.exists() or target.read_bytes() != source.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        elif not target.exists():
            raise SourceError(str(source), None, "missing browser asset: run `make setup` (npm ci) first")


class Citations(Mapping[str, dict[str, dict[str, str]]]):
    """Every document's citations in every style (``document_citations``), by slug, read
    from their memo when a document's files are made: a big collection's would not fit in
    memory at once."""

    def __init__(self, memo: Memo, keys: dict[str, bytes]) -> None:
        self.memo = memo
        self.memo_keys = keys  # slug -> the memo's key

    def __getitem__(self, slug: str) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] | None = self.memo.get(self.memo_keys[slug])
        if found is None:
            raise KeyError(slug)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.memo_keys)

    def __len__(self) -> int:
        return len(self.memo_keys)


# Documents whose citations one run of citeproc-js makes: a cold build of a big collection
# holds one batch of them at a time (every style of every paragraph's citation: a batch
# of 1,000 took 180 MB; a run of citeproc-js costs about a second).
CITATION_BATCH = 250


def citations_of(edition: Edition, public_url: str, cache_dir: Path, memo_dir: Path) -> Citations:
    """Every document's citations in every style, remembered by the digest of the document:
    a document's citations depend on it alone."""
    memo = Memo(memo_dir / "citations.sqlite")
    documents = edition.all()
    keys = {d.slug: digest("citations", public_url, edition.digests[d.slug]) for d in documents}
    memo.keep(keys.values())
    missing = [d for d in documents if keys[d.slug] not in memo.used]
    for start in range(0, len(missing), CITATION_BATCH):
        batch = missing[start : start + CITATION_BATCH]
        for slug, places in document_citations(batch, public_url, cache_dir).items():
            memo.put(keys[slug], places)
    memo.save()
    return Citations(memo, keys)


def make_pdfs(edition: Edition, settings: Settings, progress: BuildProgress = QUIET) -> list[str]:
    """Set every document's PDF beside its page; return the ones that were set anew."""
    documents = edition.all()
    docs_dir = settings.docs_dir
    targets = [docs_dir / d.url_path / pdf_name(d) for d in documents]
    jobs = min(settings.jobs, 4)
    terms = [edition.glossary.used_in(d) for d in documents]
    made = make_many(
        documents,
        None,
        settings.pdf_cache,
        settings.public_url,
        settings.site_name,
        settings.paper,
        jobs,
        targets,
        terms,
        on_done=progress.stage("setting PDFs", len(documents)),
        memo=(memo := Memo(settings.memo_cache / "pdfs.sqlite")),
        digests=[edition.digests[d.slug] for d in documents],
    )
    memo.save()
    return [target.relative_to(docs_dir).as_posix() for target in made]


def generate(settings: Settings, pdfs: bool = True, progress: BuildProgress = QUIET) -> tuple[Edition, GenerateReport]:
    """Parse every source text and write the generated Markdown, exports and PDFs.

    Every text is parsed and checked before anything is written; then each page and
    export is written as it is made (an export only once it validates), so that the
    collection's pages are never all in memory at once."""
    edition = load_edition(
        texts_to_publish(settings.source_dir),
        settings.root,
        settings.parse_cache,
        settings.jobs,
        progress,
        settings.memo_cache,
    )
    with collector_spared():  # the edition lives as long as the build; its documents open by the thousand
        return edition, write_edition(edition, settings, pdfs, progress)


def write_edition(edition: Edition, settings: Settings, pdfs: bool, progress: BuildProgress) -> GenerateReport:
    """The generated Markdown, exports and PDFs of an edition, each written as it is made."""
    docs_dir = settings.docs_dir
    citations = citations_of(edition, settings.public_url, settings.citation_cache, settings.memo_cache)
    # Each file is written as it is made: a big collection's pages and exports would not
    # fit in memory at once.
    writer = PageWriter(docs_dir)
    render = DocumentRender(
        edition, citations, settings.public_url, docs_dir, Memo(settings.memo_cache / "files.sqlite")
    )
    # The collection's pages apart from the documents' files, which workers read meanwhile.
    pages = Memo(settings.memo_cache / "pages.sqlite")

    def collection_files() -> None:
        env = environment()
        for rel, text in collection_pages(env, edition):
            writer.write(rel, text)
        excerpts = Memo(settings.memo_cache / "excerpts.sqlite")
        for page in [glossary_page(env, edition), *index_pages(env, edition, excerpts)]:
            if page is not None:
                write_page(page, writer, pages)
        # The excerpts of every text are kept, whether or not an index page asked this time.
        excerpts.keep(edition.digests.values())
        excerpts.save()
        for rel, text in collection_exports(edition, settings.public_url, new_check(writer.on_disk)):
            writer.write(rel, text)
        for rel, text in render_feeds(edition, settings.public_url, settings.site_url).items():
            writer.write(rel, text)

    write_documents(render, writer, settings.jobs, progress, meanwhile=collection_files)
    for document in edition.all():
        writer.keep(f"{document.url_path}{pdf_name(document)}")
    # The public address for the pages' scripts: citations copy it, or the page's own address.
    # The symbols of the collection: the search box jumps to a paragraph cited by them.
    resolutions = {r.meta.symbol: r.url_path for r in edition.resolutions}
    # The treaties by their short titles (sidecars) and their titles: "UNTOC art 27" in the
    # search box, and the guides' forms, which name a treaty in full.
    treaties = {
        name.lower(): {
            "path": r.url_path,
            "prefix": annex.treaty.prefix,
        }
        for r in edition.resolutions
        for annex in r.annexes
        if annex.treaty is not None and annex.treaty.short_title and annex.treaty.articles
        for name in (annex.treaty.short_title, annex.title)
    }
    script = {
        "publicUrl": settings.public_url,
        "resolutions": dict(sorted(resolutions.items())),
        "treaties": dict(sorted(treaties.items())),
    }
    writer.write(PUBLIC_URL_SCRIPT, f"window.edition = {json.dumps(script, ensure_ascii=False)};\n")
    report = writer.finish()
    render.memo.save()
    pages.save()
    report.warnings = [w for r in edition.resolutions for w in r.warnings]
    vendor_assets(docs_dir, settings.root)
    if pdfs:
        report.pdfs_made = make_pdfs(edition, settings, progress)
    # Last, as it holds every other file: the bulk archive, then the data page that lists it.
    written, size = write_archive(docs_dir, known := Memo(settings.memo_cache / "manifest.sqlite"))
    known.save()
    data_page = docs_dir / "data" / "index.md"
    text = render_data_page(edition, size)
    same_page = data_page.is_file() and data_page.read_text(encoding="utf-8") == text
    if not same_page:
        data_page.write_text(text, encoding="utf-8")
    # Counted as every other file is, written or unchanged: a build's counts add up.
    (report.unchanged if same_page else report.written).append("data/index.md")
    (report.written if written else report.unchanged).append(ARCHIVE)
    return report
