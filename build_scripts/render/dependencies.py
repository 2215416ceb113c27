"""What a document's files (its pages and exports) read of the edition besides the document.

A document's files are remembered between builds under ``render_key``: a digest of the
document as annotated and of every value of the edition that its pages and exports show or
follow. Kept beside the renderers it describes: a renderer that reads something new of the
edition must name it here, or a page would keep what it showed before (the incremental
tests build after edits of every kind and compare with a build from nothing).
"""

from __future__ import annotations

from ..edition import Edition
from ..memo import digest
from ..model import Document, Resolution


def render_key(edition: Edition, document: Document, places: object, public_url: str) -> bytes:
    """The key of a document's files: the same only if they would be the same."""
    index = edition.index
    references = [
        (
            kind,
            [
                (
                    c.symbol,
                    c.kind,
                    c.title,
                    c.date,
                    c.internal.slug if c.internal else None,
                    [(p.anchor, p.label) for p in here],
                )
                for c, here in cited
            ],
        )
        for kind, cited in (index.references_of(document) if index else [])
    ]
    parts: list[object] = [
        edition.digests[document.slug],
        public_url,
        places,  # the citations in the other styles
        edition.summary_of(document),
        edition.glossary.terms if edition.glossary else None,  # definitions, names, links
        index.themes if index else None,  # the names of the paragraphs' themes
        references,
    ]
    if isinstance(document, Resolution):
        cited_by = index.cited_by(document) if index else []
        parts.append([(p.document.slug, p.name, p.anchor, p.label) for p in cited_by])
        series = edition.series_of(document)
        if series is not None:
            # Its neighbours, its changes since the one before, every paragraph's history
            # through the series: all made of the members, in their order.
            members = [(r.slug, edition.digests[r.slug]) for r in series.members]
            parts.append((series.id, series.title, members))
    return digest("document files", *parts)
