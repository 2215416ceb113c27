"""Machine-readable editions: JSON for every document, Akoma Ntoso XML for every resolution.

Rendered from the model, validated before anything is written: every JSON file against
the committed JSON Schemas (``build_scripts/schemas/``), every XML file against the
official Akoma Ntoso 3.0 schema. A file that does not validate fails the build.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

from ..edition import Edition
from ..model import Document, Resolution
from .akn import AknError, resolution_to_akn, validate
from .citations import bibtex, csl_json, ris
from .data import document_to_dict, resolution_to_dict

SCHEMAS = Path(__file__).parent.parent / "schemas"
# The schemas of what the edition publishes (the editorial files' schemas stay at home).
PUBLISHED_SCHEMAS = ("collection.schema.json", "document.schema.json")


class ExportError(Exception):
    def __init__(self, message: str, path: tuple[str | int, ...] = ()):
        super().__init__(message)
        self.path = path  # where in the exported data, when known


@cache
def validator(name: str) -> Any:
    # jsonschema-rs: about 100 times faster than the pure-Python validator, which cost
    # more than parsing and rendering together at a few hundred texts. The tests check
    # the same files with the pure-Python one as well.
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def check_json(data: Any, schema: str, name: str) -> None:
    error = next(validator(schema).iter_errors(data), None)
    if error is not None:
        where = "/".join(str(p) for p in error.instance_path) or "(top)"
        raise ExportError(f"{name}: does not match {schema} at {where}: {error.message}", tuple(error.instance_path))


def source_line(document: Document, path: tuple[str | int, ...]) -> int | None:
    """The line of the source text behind a place in a document's exported data."""
    if len(path) >= 2 and isinstance(path[1], int):
        items = getattr(document, str(path[0]), None)
        if isinstance(items, list) and path[1] < len(items):
            return getattr(items[path[1]], "line", None)
    return None


def _from_source(document: Document, exc: ExportError) -> ExportError:
    """An export that does not validate is reported at the source text that made it: an
    editor sees the file and line, and the export's own message after it."""
    line = source_line(document, exc.path)
    where = f"{document.source_path}:{line}" if line else document.source_path
    return ExportError(f"{where}: this text cannot be exported as it was read ({exc})", exc.path)


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def document_data(document: Document, site_url: str, edition: Edition | None = None) -> dict[str, Any]:
    if isinstance(document, Resolution):
        return resolution_to_dict(document, site_url, edition)
    return document_to_dict(document, site_url)


def published_schemas() -> dict[str, str]:
    """The schemas published beside the data: path relative to docs/ -> text."""
    return {f"data/{name}": (SCHEMAS / name).read_text(encoding="utf-8") for name in PUBLISHED_SCHEMAS}


IsNew = Callable[[str, str], bool]


def new_check(published: Callable[[str, str], bool] | None) -> IsNew:
    """``is_new(path, text)``: this text must be validated, as no earlier build wrote (so
    validated) it against the same schemas. ``published(path, text)`` tells that this very
    text was written by an earlier build; if the schemas changed, everything is new."""
    if published is not None and not all(published(path, text) for path, text in published_schemas().items()):
        published = None  # the schemas changed: check everything against the new ones

    def is_new(path: str, text: str) -> bool:
        return published is None or not published(path, text)

    return is_new


def document_exports(edition: Edition, document: Document, site_url: str, is_new: IsNew) -> Iterator[tuple[str, str]]:
    """The export files of one document: JSON, Akoma Ntoso XML (a resolution), CSL-JSON,
    BibTeX and RIS. Raises ExportError if one does not validate."""
    base = f"{document.url_path}{document.slug}"
    data = document_data(document, site_url, edition)
    text = dumps(data)
    if is_new(f"{base}.json", text):
        try:
            check_json(data, "document.schema.json", f"{base}.json")
        except ExportError as exc:
            raise _from_source(document, exc) from None
    yield f"{base}.json", text
    if isinstance(document, Resolution):
        xml = resolution_to_akn(document, edition.glossary)
        text = xml.decode("utf-8")
        if is_new(f"{base}.xml", text):
            try:
                validate(xml, f"{base}.xml")
            except AknError as exc:
                raise _from_source(document, ExportError(str(exc))) from None
        yield f"{base}.xml", text
    yield from citation_files(base, [document], site_url, is_new).items()


def collection_exports(edition: Edition, site_url: str, is_new: IsNew) -> Iterator[tuple[str, str]]:
    """The export files of the whole collection: its listing and glossary, the schemas,
    and the collection's citations."""
    listing = []
    for document in edition.all():
        base = f"{document.url_path}{document.slug}"
        listing.append(
            {
                "kind": document.kind,
                "slug": document.slug,
                "title": document.title,
                "symbol": document.meta.symbol if isinstance(document, Resolution) else None,
                "date": document.date.isoformat() if document.date else None,
                "url": f"{site_url}{document.url_path}",
                "pdf": f"{site_url}{base}.pdf",
                "json": f"{site_url}{base}.json",
                "akn": f"{site_url}{base}.xml" if isinstance(document, Resolution) else None,
            }
        )
    glossary = edition.glossary
    collection_data = {
        "name": "UN texts on international police cooperation",
        "url": site_url,
        "documents": listing,
        "glossary": [
            {
                "id": t.id,
                "name": t.name,
                "abbreviation": t.abbreviation,
                "category": t.category,
                "definition": t.definition,
                "url": t.url,
                "mentions": [
                    {"document": m.document.slug, "anchor": m.anchor, "count": m.count}
                    for m in glossary.mentions.get(t.id, [])
                ],
            }
            for t in (glossary.terms if glossary else [])
        ],
    }
    text = dumps(collection_data)
    if is_new("data/collection.json", text):
        check_json(collection_data, "collection.schema.json", "data/collection.json")
    yield "data/collection.json", text
    yield from published_schemas().items()
    yield from citation_files("data/collection", citation_order(edition.all()), site_url, is_new).items()


def iter_exports(
    edition: Edition, site_url: str, published: Callable[[str, str], bool] | None = None
) -> Iterator[tuple[str, str]]:
    """Every export file, one document at a time: (path relative to docs/, text). Raises
    ExportError if one does not validate (see ``new_check`` for ``published``)."""
    is_new = new_check(published)
    for document in edition.all():
        yield from document_exports(edition, document, site_url, is_new)
    yield from collection_exports(edition, site_url, is_new)


def render_exports(
    edition: Edition, site_url: str, published: Callable[[str, str], bool] | None = None
) -> dict[str, str]:
    """Every export file at once: path relative to docs/ -> text (see ``iter_exports``)."""
    return dict(iter_exports(edition, site_url, published))


def citation_order(documents: list[Document]) -> list[Document]:
    """The order of a collection's citations: resolutions, then related documents, by slug."""
    return sorted(documents, key=lambda d: (d.url_path.startswith("documents/"), d.slug))


def citation_files(
    base: str, group: list[Document], site_url: str, is_new: IsNew = lambda path, text: True
) -> dict[str, str]:
    """CSL-JSON (checked against the CSL data schema unless this very text was published
    before), BibTeX and RIS of a document or the collection, at ``base`` + their suffixes."""
    files = {f"{base}.csl.json": csl_json(group, site_url)}
    if is_new(f"{base}.csl.json", files[f"{base}.csl.json"]):
        check_json(json.loads(files[f"{base}.csl.json"]), "csl-data.schema.json", f"{base}.csl.json")
    files[f"{base}.bib"] = bibtex(group, site_url)
    files[f"{base}.ris"] = ris(group, site_url)
    return files
