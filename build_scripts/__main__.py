"""The edition's build, from the texts to the site, and its other commands.

build     generate the Markdown, render the site with MkDocs into site/ (built aside
          and swapped into place only when complete, so a failed or killed build leaves
          the last good site untouched; only pages whose Markdown changed are rendered
          again, unless --full); with --shard k/n, only that share of the site, for merge
merge     make one site of the shards built by `build --shard k/n` (checks that they are
          all there and were built from the same inputs)
generate  only write the generated Markdown under docs/
check     parse texts without building and say what was found, or what is wrong
          (the layout, the counts, every repair of extraction damage, the artefacts)
finish    after another renderer (Zensical): what the MkDocs hooks do after rendering
usage     count anew the words the joiner of split words reads, from a folder of texts
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

from .annotate.links import link_context, link_inlines
from .errors import SourceError, SourceErrors
from .model import BulletList, DocumentLink, Paragraph, RelatedDocument, Resolution, runs
from .parse.repair import DAMAGED_LAYOUTS, repair_document, vocabulary
from .parse.sources import discover, texts_to_publish
from .parse.usage import USAGE_FILE, Usage
from .render.exports import ExportError
from .render.pdf import PdfError
from .settings import PAPERS, SEARCH_ENGINES, SettingsError, load_settings
from .site.build import build_shard, build_site, merge_into_site, up_to_date
from .site.pipeline import generate, load_edition, parse_cached, parse_source
from .site.progress import BuildProgress
from .site.search_index import PARAGRAPH_ENTRIES, read_paragraph_entries, write_paragraph_entries
from .site.shards import ShardError, Share
from .site.swap import SwapFaults, remove_leftovers


def _links(document: Resolution | RelatedDocument) -> int:
    """The references of a text checked alone that become links (to the UN's documents)."""
    symbols = {document.meta.symbol: document} if isinstance(document, Resolution) else {}
    context = link_context(document, symbols)
    return sum(
        1
        for run in runs(document)
        for i in link_inlines(run.inlines, context)
        if isinstance(i, DocumentLink) and i.href
    )


def _vocabulary_beside(path: Path) -> set[str]:
    """The words of the texts beside ``path`` (and of the project's texts): what a repair
    of extraction damage may rely on."""
    settings = load_settings()
    documents = []
    for folder in dict.fromkeys([path.parent.resolve(), settings.source_dir.resolve()]):
        for other in discover(folder):
            try:
                documents.append(parse_cached(other, settings.root, settings.parse_cache))
            except SourceError:
                continue
    return vocabulary(documents)


def cmd_check(args: argparse.Namespace) -> int:
    failed = 0
    words_beside: dict[Path, set[str]] = {}  # a folder's vocabulary, read once for its texts
    for name in args.files:
        path = Path(name)
        try:
            if not path.exists():
                raise SourceError(name, None, "no such file")
            document = parse_source(path, Path.cwd())
        except SourceError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        if isinstance(document, Resolution):
            m = document.meta
            layout = {
                "clean": "clean text (superscript footnote markers)",
                "pdf": "text extracted from the official PDF by PyMuPDF (labels glued to footnote texts)",
                "pdftotext": "text extracted from the official PDF by pdftotext (form feeds, labels apart)",
            }[document.layout]
            print(f"{path}: {m.symbol}, resolution")
            print(f"  layout:       {layout}")
            print(f"  title:        {m.title}")
            print(f"  adopted:      {m.adoption_date.isoformat()}" + (f" ({m.meeting})" if m.meeting else ""))
            print(f"  agenda:       {', '.join(m.agenda_items) or '-'}")
            print(f"  draft:        {', '.join(m.draft_symbols) or '-'}")
            print(f"  preambular:   {len(document.preamble)}")
            print(f"  operative:    {len(document.operative)}")
            print(f"  subparagraphs:{document.subparagraph_count():>3}")
            print(f"  footnotes:    {len(document.footnotes)}")
            for annex in document.annexes:
                numbered = sum(1 for p in annex.paragraphs() if p.number is not None)
                headings = len(annex.items) - len(annex.paragraphs())
                print(
                    f"  {annex.label.lower()}:{'':<{12 - len(annex.label)}}{annex.title[:50]}… "
                    f"({numbered} numbered paragraphs, {len(annex.paragraphs()) - numbered} others, "
                    f"{headings} headings)"
                )
            print(f"  links:        {_links(document)}")
            repairs = list(document.repairs)
            if document.layout in DAMAGED_LAYOUTS:
                folder = path.parent.resolve()
                if folder not in words_beside:
                    words_beside[folder] = _vocabulary_beside(path)
                repairs += repair_document(document, words_beside[folder])
            print(f"  repairs:      {len(repairs)} (extraction damage: words cut in two, stray spaces)")
            for repair in repairs:
                print(f"    {path}:{repair.line}: {repair.found!r} -> {repair.made!r}")
            for warning in document.warnings:
                print(f"  warning:      {warning}")
            if document.artefacts:
                # The kinds are named in the plural ("page numbers"): one is said in the singular.
                dropped = ", ".join(
                    f"{n} {kind.removesuffix('s') if n == 1 else kind}" for kind, n in document.artefacts.items()
                )
                print(f"  artefacts:    {dropped}")
        else:
            print(f"{path}: {document.kind}, {document.title}")
            headings = sum(1 for b in document.blocks if not isinstance(b, (Paragraph, BulletList)))
            paragraphs = sum(1 for b in document.blocks if isinstance(b, (Paragraph, BulletList)))
            print(f"  headings:     {headings}")
            print(f"  paragraphs:   {paragraphs}")
            print(f"  links:        {_links(document)}")
            read = f" (read on {document.retrieved.isoformat()})" if document.retrieved else ""
            source = document.source_url + read if document.source_url else "not recorded: add 'source_url' and "
            print(f"  source:       {source}" + ("'retrieved' to the sidecar" if not document.source_url else ""))
    if failed:
        print(f"{failed} of {len(args.files)} file(s) have errors", file=sys.stderr)
    return 1 if failed else 0


def cmd_generate(args: argparse.Namespace) -> int:
    try:
        collection, report = generate(load_settings(docs_dir=args.docs_dir))
    except (SourceErrors, SourceError, PdfError, ExportError, SettingsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(
        f"{len(collection.resolutions)} resolutions, {len(collection.documents)} other documents: "
        f"{len(report.written)} pages written, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed"
    )
    return 0


def cmd_finish(args: argparse.Namespace) -> int:
    """What the MkDocs hooks do after rendering, for a site built by another renderer."""
    from .site.html import finish_pages
    from .site.search_index import extend_zensical_index

    try:
        settings = load_settings()
        edition = load_edition(texts_to_publish(settings.source_dir), settings.root, settings.parse_cache)
    except (SourceErrors, SourceError, SettingsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    site = args.site_dir
    pages = finish_pages(site)
    entries = extend_zensical_index(site, edition)  # MkDocs and ProperDocs run the hooks instead
    print(f"{site}: footnote calls labelled on {pages} pages; {entries} paragraph entries added to the search index")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        share = Share.parse(args.shard) if args.shard else None
        settings = load_settings(
            docs_dir=args.docs_dir, site_dir=args.site_dir, paper=args.paper, search_engine=args.search_engine
        )
        # What builds killed before left beside the site goes first, even if nothing changed.
        remove_leftovers(settings.site_dir.resolve())
        if share is None and not args.full and up_to_date(settings, args.strict):
            print(
                f"nothing changed since the last build (inputs checked in {time.perf_counter() - started:.1f} s); "
                f"site in {settings.site_dir}"
            )
            return 0
        with BuildProgress() as progress:
            collection, report = generate(settings, progress=progress)
    except (SourceErrors, SourceError, PdfError, ExportError, SettingsError, ShardError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    documents = len(collection.all())
    resolutions, others = len(collection.resolutions), len(collection.documents)
    # All the site stage needs of the edition: the documents are let go before it renders,
    # and their search entries read back after (a big collection's would not fit beside them).
    entries_file = settings.cache_dir / PARAGRAPH_ENTRIES
    write_paragraph_entries(collection, entries_file)
    del collection
    gc.collect()
    paragraphs = read_paragraph_entries(entries_file)
    print(
        f"parsed {resolutions} resolutions and {others} "
        f"other documents; {len(report.written)} pages written, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed; {len(report.pdfs_made)} PDFs set, "
        f"{documents - len(report.pdfs_made)} from the cache ({time.perf_counter() - started:.1f} s)"
    )
    if report.warnings and args.strict:
        _list_warnings(report.warnings)
        print(
            f"error: {len(report.warnings)} warning(s); the site was not built "
            "(strict by default: fix the text, or build with --no-strict)",
            file=sys.stderr,
        )
        return 1
    from mkdocs.exceptions import MkDocsException

    rendering = time.perf_counter()
    faults = SwapFaults(args.swap_pause, args.swap_announce, exchange=not args.no_renameat2)
    if share is not None:
        try:
            rendered = build_shard(settings, paragraphs, args.strict, share, faults)
        except MkDocsException as exc:
            print(f"error: shard {share} was not built: {exc}", file=sys.stderr)
            return 1
        print(
            f"shard {share}: rendered {rendered} pages in {time.perf_counter() - rendering:.1f} s into "
            f"{settings.site_dir}; merge every shard with `python -m build_scripts merge`; "
            f"{time.perf_counter() - started:.1f} s in all"
        )
        return 0
    try:
        with BuildProgress() as progress:
            result = build_site(
                settings,
                paragraphs,
                strict=args.strict,
                incremental=not args.full,
                faults=faults,
                progress=progress,
                shards=args.shards,
            )
    except MkDocsException as exc:
        print(f"error: the site was not built: {exc}", file=sys.stderr)
        return 1
    how = "incremental: only pages whose Markdown changed" if result.incremental else "full build"
    how += f", {result.shards} MkDocs processes" if result.shards > 1 else ""
    print(
        f"rendered {result.pages_rendered} of {result.pages_total} pages ({how}) in "
        f"{time.perf_counter() - rendering:.1f} s; search by {result.search_engine}; site in {settings.site_dir}; "
        f"{time.perf_counter() - started:.1f} s in all"
    )
    _list_warnings(report.warnings)
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        settings = load_settings(site_dir=args.site_dir)
        result = merge_into_site(settings, args.shards)
    except (ShardError, SettingsError) as exc:
        print(f"error: {exc}; the site was not changed", file=sys.stderr)
        return 1
    print(
        f"merged {result.shards} shards: {result.pages} pages; search by {result.search_engine}; "
        f"site in {settings.site_dir} ({time.perf_counter() - started:.1f} s)"
    )
    return 0


def _list_warnings(warnings: list[str]) -> None:
    """At the end of the output, where they are seen."""
    if warnings:
        print(f"{len(warnings)} warning(s):", file=sys.stderr)
        for warning in warnings:
            print(f"  warning: {warning}", file=sys.stderr)


def cmd_usage(args: argparse.Namespace) -> int:
    """The words the joiner of split words reads (``parse/usage.py``), counted from texts."""
    paths = sorted(args.folder.glob("*.txt"))
    if not paths:
        print(f"{args.folder}: no *.txt texts", file=sys.stderr)
        return 1
    usage = Usage.counted([p.read_text(encoding="utf-8") for p in paths])
    source = f"counted by `python -m build_scripts usage` from {len(paths)} texts of {args.folder.name}/"
    USAGE_FILE.write_text(usage.dump(source), encoding="utf-8")
    print(f"{USAGE_FILE}: {len(usage.words)} words, {len(usage.pairs)} pairs, from {len(paths)} texts")
    return 0


def _processes(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: expected a number of processes, 1 or more")
    return int(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="generate the pages and build the site")
    p_build.add_argument("--site-dir", type=Path, help="where the site is published (default: site/)")
    p_build.add_argument(
        "--docs-dir", type=Path, help="the Markdown folder, hand-written pages and all (default: docs/)"
    )
    p_build.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="fail on warnings (the default; --no-strict lists them and builds)",
    )
    p_build.add_argument("--full", action="store_true", help="render every page, even if its Markdown is unchanged")
    p_build.add_argument(
        "--shards",
        type=_processes,
        metavar="N",
        help="shards of a full build, rendered by BUILD_JOBS MkDocs processes "
        "(default: from 150 pages, one per job or per 40 MB of Markdown; else one)",
    )
    p_build.add_argument(
        "--shard",
        metavar="K/N",
        help="build only the K-th of N shares of the site into --site-dir, for `merge` (e.g. 2/8)",
    )
    p_build.add_argument("--paper", choices=PAPERS, help="the PDFs' paper size (default: PDF_PAPER or a4)")
    p_build.add_argument(
        "--search-engine", choices=SEARCH_ENGINES, help="search index (default: SEARCH_ENGINE or auto, by size)"
    )
    # Fault injection for the tests of the atomic swap (not for editors).
    p_build.add_argument("--swap-pause", type=float, default=0.0, help=argparse.SUPPRESS)
    p_build.add_argument("--swap-announce", type=Path, help=argparse.SUPPRESS)
    p_build.add_argument("--no-renameat2", action="store_true", help=argparse.SUPPRESS)
    p_build.set_defaults(func=cmd_build)
    p_merge = sub.add_parser("merge", help="make one site of the shards built by `build --shard k/n`")
    p_merge.add_argument("shards", nargs="+", type=Path, help="the shards' folders, every share once")
    p_merge.add_argument("--site-dir", type=Path, help="where the site is published (default: site/)")
    p_merge.set_defaults(func=cmd_merge)
    p_gen = sub.add_parser("generate", help="write the generated Markdown under docs/")
    p_gen.add_argument("--docs-dir", type=Path, help="the Markdown folder (default: docs/)")
    p_gen.set_defaults(func=cmd_generate)
    p_finish = sub.add_parser(
        "finish", help="after another renderer (Zensical): label footnote calls, add paragraph search entries"
    )
    p_finish.add_argument("site_dir", type=Path, help="the site the other renderer built")
    p_finish.set_defaults(func=cmd_finish)
    p_check = sub.add_parser("check", help="parse source texts and report what was found")
    p_check.add_argument("files", nargs="+", help="source texts (*.txt), their sidecars beside them")
    p_check.set_defaults(func=cmd_check)
    p_usage = sub.add_parser("usage", help="count the UN's usage of words anew from a folder of texts")
    p_usage.add_argument("folder", type=Path, help="extracted resolutions (*.txt), e.g. a whole session")
    p_usage.set_defaults(func=cmd_usage)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
