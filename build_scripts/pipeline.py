"""The stages wired together: sources -> model -> links -> Markdown under docs/.

Both the CLI (``python -m build_scripts``) and the MkDocs hooks call ``generate``;
nothing here depends on MkDocs, so any renderer that reads docs/ can take over.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SourceError, SourceErrors
from .links import link_collection
from .model import Collection, RelatedDocument, Resolution
from .parse_document import parse_document
from .parse_resolution import parse_resolution
from .render import render_collection
from .sources import discover, load_source

ROOT = Path(__file__).resolve().parent.parent
# SOURCE_TEXTS_DIR lets a test or an editor build from another folder of texts.
SOURCE_DIR = Path(os.environ.get("SOURCE_TEXTS_DIR", ROOT / "source_texts"))
DOCS_DIR = ROOT / "docs"
# Folders and files under docs/ that the build owns; everything else there is hand-written.
GENERATED_DIRS = ("resolutions", "documents")
GENERATED_FILES = ("index.md",)


@dataclass
class GenerateReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def parse_source(path: Path, root: Path | None = ROOT) -> Resolution | RelatedDocument:
    source = load_source(path, root)
    if source.sidecar.kind == "resolution":
        return parse_resolution(source)
    return parse_document(source)


def load_collection(paths: list[Path], root: Path | None = ROOT) -> Collection:
    """Parse every text; collect all errors before failing so an editor sees them at once."""
    resolutions: list[Resolution] = []
    documents: list[RelatedDocument] = []
    errors: list[SourceError] = []
    for path in paths:
        try:
            parsed = parse_source(path, root)
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
    if errors:
        raise SourceErrors(errors)
    collection = Collection(resolutions, documents)
    link_collection(collection)
    return collection


def write_pages(pages: dict[str, str], docs_dir: Path) -> GenerateReport:
    """Write pages that changed (so `mkdocs serve` does not loop) and remove stale ones."""
    report = GenerateReport()
    for rel, text in sorted(pages.items()):
        target = docs_dir / rel
        if target.exists() and target.read_text(encoding="utf-8") == text:
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


def generate(source_dir: Path = SOURCE_DIR, docs_dir: Path = DOCS_DIR) -> tuple[Collection, GenerateReport]:
    """Parse every source text and write the generated Markdown. Nothing is written on error."""
    collection = load_collection(discover(source_dir))
    pages = render_collection(collection)
    return collection, write_pages(pages, docs_dir)
