"""The stages wired together: sources -> model -> links -> Markdown under docs/.

Both the CLI (``python -m build_scripts``) and the MkDocs hooks call ``generate``;
nothing here depends on MkDocs, so any renderer that reads docs/ can take over.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from ..annotate.crossindex import Body, Theme, build_index, load_bodies, load_themes
from ..errors import SourceError, SourceErrors
from ..render.exports import render_exports
from ..annotate.glossary import Glossary, annotate_collection, load_glossary
from ..annotate.links import link_collection
from ..edition import Edition
from ..model import Collection, RelatedDocument, Resolution
from ..parse.document import parse_document
from ..parse.resolution import parse_resolution
from ..render.pdf import make_many, pdf_name
from ..render.markdown import render_pages
from ..parse.repair import repair_collection
from ..annotate.series import load_overrides, series_and_comparisons
from ..parse.sources import discover, display_path, load_source

ROOT = Path(__file__).resolve().parent.parent.parent
# SOURCE_TEXTS_DIR lets a test or an editor build from another folder of texts.
SOURCE_DIR = Path(os.environ.get("SOURCE_TEXTS_DIR", ROOT / "source_texts"))
DOCS_DIR = ROOT / "docs"
# Folders and files under docs/ that the build owns; everything else there is hand-written.
GENERATED_DIRS = ("resolutions", "documents", "glossary", "series", "indexes")
GLOSSARY_FILE = "glossary.yml"  # beside the source texts
SERIES_FILE = "series.yml"  # optional: series grouped by hand
THEMES_FILE = "themes.yml"  # the editorial taxonomy of themes
BODIES_FILE = "bodies.yml"  # the bodies that operative paragraphs address
GENERATED_FILES = ("index.md",)
# Parsed texts, PDFs and the state of the last site build; BUILD_CACHE_DIR moves it
# (the scale benchmark measures cold builds with an empty one).
CACHE_DIR = Path(os.environ.get("BUILD_CACHE_DIR", ROOT / ".cache"))


def site_settings(config_file: Path = ROOT / "mkdocs.yml") -> tuple[str, str]:
    """(site_url, site_name) from mkdocs.yml, honouring SITE_URL as MkDocs does."""

    class Loader(yaml.SafeLoader):
        pass

    def env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> object:
        names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [node.value]
        *variables, default = names
        return next((os.environ[v] for v in variables if v in os.environ), default)

    Loader.add_constructor("!ENV", env_tag)
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=Loader)
    return str(config["site_url"]), str(config["site_name"])


@dataclass
class GenerateReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    pdfs_made: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_source(path: Path, root: Path | None = ROOT) -> Resolution | RelatedDocument:
    source = load_source(path, root)
    if source.sidecar.kind == "resolution":
        return parse_resolution(source)
    return parse_document(source)


PARSE_CACHE_DIR = CACHE_DIR / "parsed"


@cache
def _code_version() -> bytes:
    """The parser's code: a cached parse is only as good as the code that made it."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.digest()


def parse_cached(path: Path, root: Path | None = ROOT) -> Resolution | RelatedDocument:
    """parse_source, remembered by the bytes of the text and its sidecar (.cache/parsed/):
    a build after an edit to one text parses that text only."""
    sidecar = path.with_suffix(".yml")
    digest = hashlib.sha256(_code_version())
    digest.update(display_path(path, root).encode() + b"\0" + path.read_bytes() + b"\0")
    if sidecar.exists():
        digest.update(sidecar.read_bytes())
    cached = PARSE_CACHE_DIR / f"{digest.hexdigest()[:32]}.pickle"
    if cached.exists():
        try:
            document: Resolution | RelatedDocument = pickle.loads(cached.read_bytes())
            return document
        except Exception:
            pass
    document = parse_source(path, root)
    PARSE_CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(cached)
    return document


def load_edition(paths: list[Path], root: Path | None = ROOT) -> Edition:
    """Parse every text; collect all errors before failing so an editor sees them at once."""
    resolutions: list[Resolution] = []
    documents: list[RelatedDocument] = []
    errors: list[SourceError] = []
    for path in paths:
        try:
            parsed = parse_cached(path, root)
        except SourceError as exc:
            errors.append(exc)
            continue
        (resolutions if isinstance(parsed, Resolution) else documents).append(parsed)  # type: ignore[arg-type]
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
    glossary_path = (paths[0].parent if paths else SOURCE_DIR) / GLOSSARY_FILE
    glossary = None
    try:
        glossary = load_glossary(glossary_path, display_path(glossary_path, root))
    except SourceError as exc:
        errors.append(exc)
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
    )


def annotate(
    collection: Collection,
    glossary: Glossary,
    series_overrides: list[dict[str, object]],
    themes: list[Theme],
    bodies: list[Body],
) -> Edition:
    """The annotators, in order, each returning what it found; the model keeps the documents."""
    repairs = repair_collection(collection)
    link_collection(collection)
    annotate_collection(collection, glossary)
    series, comparisons = series_and_comparisons(collection, series_overrides)
    index = build_index(collection, themes, bodies)
    return Edition(collection, glossary, series, comparisons, index, repairs)


def write_pages(pages: dict[str, str], docs_dir: Path, known_same: frozenset[str] = frozenset()) -> GenerateReport:
    """Write pages that changed (so `mkdocs serve` does not loop) and remove stale ones.

    ``known_same``: pages already compared with the file on disk and found equal."""
    report = GenerateReport()
    for rel, text in sorted(pages.items()):
        if rel.endswith(".pdf"):
            continue  # written by the PDF stage; listed so that it is not removed
        target = docs_dir / rel
        if rel in known_same or (target.exists() and target.read_text(encoding="utf-8") == text):
            report.unchanged.append(rel)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
        report.written.append(rel)
    for folder in GENERATED_DIRS:
        for path in sorted((docs_dir / folder).rglob("*")) if (docs_dir / folder).exists() else []:
            rel = path.relative_to(docs_dir).as_posix()
            if path.is_file() and rel not in pages:
                path.unlink()
                report.removed.append(rel)
        for path in sorted((docs_dir / folder).rglob("*"), reverse=True):
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return report


# Browser assets installed by the set-up (npm), copied into docs/ for the site.
VENDORED = {
    "javascripts/vendor/iframe-worker-shim.js": ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js",
}


def vendor_assets(docs_dir: Path) -> None:
    for rel, source in VENDORED.items():
        target = docs_dir / rel
        if source.exists():
            if not target.exists() or target.read_bytes() != source.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        elif not target.exists():
            raise SourceError(str(source), None, "missing browser asset: run `make setup` (npm ci) first")


def make_pdfs(collection: Edition, docs_dir: Path, paper: str) -> list[str]:
    """Set every document's PDF beside its page; return the ones that were set anew."""
    site_url, site_name = site_settings()
    documents = collection.all()
    targets = [docs_dir / d.url_path / pdf_name(d) for d in documents]
    jobs = min(os.cpu_count() or 1, 4)
    terms = [collection.glossary.used_in(d) for d in documents]
    made = make_many(documents, None, CACHE_DIR / "pdf", site_url, site_name, paper, jobs, targets, terms)
    return [target.relative_to(docs_dir).as_posix() for target in made]


def generate(
    source_dir: Path = SOURCE_DIR,
    docs_dir: Path = DOCS_DIR,
    pdfs: bool = True,
    paper: str | None = None,
) -> tuple[Edition, GenerateReport]:
    """Parse every source text and write the generated Markdown and PDFs.

    Everything is parsed and checked before anything is written. Called twice in one
    process with nothing changed in between (the CLI, then the MkDocs hook that it
    starts), the second call returns the first one's result.
    """
    global _last_generate
    templates = Path(__file__).parent.parent / "templates"  # `mkdocs serve` reloads on their change
    key = (_inputs_state(source_dir), _inputs_state(templates), str(docs_dir), pdfs, paper)
    if _last_generate is not None and _last_generate[0] == key:
        return _last_generate[1], _last_generate[2]
    collection = load_edition(discover(source_dir))
    pages = render_pages(collection)

    same: set[str] = set()  # exports equal to the file on disk: not validated nor compared again

    def published(rel: str, text: str) -> bool:
        path = docs_dir / rel
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            same.add(rel)
        return rel in same

    pages.update(render_exports(collection, site_settings()[0], published))
    for document in collection.all():
        pages[f"{document.url_path}{pdf_name(document)}"] = ""
    report = write_pages(pages, docs_dir, frozenset(same))
    report.warnings = [w for r in collection.resolutions for w in r.warnings]
    vendor_assets(docs_dir)
    if pdfs:
        report.pdfs_made = make_pdfs(collection, docs_dir, paper or os.environ.get("PDF_PAPER", "a4"))
    _last_generate = (key, collection, report)
    return collection, report


_last_generate: tuple[object, Edition, GenerateReport] | None = None


def _inputs_state(source_dir: Path) -> list[tuple[str, int, int]]:
    """Name, size and time of every input file: enough to see that nothing changed."""
    return [
        (p.name, st.st_size, st.st_mtime_ns) for p in sorted(source_dir.iterdir()) if (st := p.stat()) and p.is_file()
    ]
