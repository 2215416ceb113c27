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
from ..model import Document, Resolution, paragraphs
from .markdown import history_shown


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
            previous, following = series.neighbours(document)
            parts.append((series.id, series.title, _neighbour(following)))
            # Its changes since the one before (marks, its page of changes): the two texts.
            parts.append((_neighbour(previous), edition.digests[previous.slug] if previous else None))
            parts.append(_histories(edition, document))
    return digest("document files", *parts)


def _neighbour(resolution: Resolution | None) -> tuple[str, str, object] | None:
    return (resolution.slug, resolution.meta.symbol, resolution.date) if resolution else None


def _histories(edition: Edition, document: Resolution) -> list[object]:
    """The steps each paragraph's history line names, and how many it leaves out: a text of
    a long series depends on its neighbours' steps, not on every text of the series."""
    out: list[object] = []
    for anchor, _, _ in paragraphs(document):
        steps = edition.histories.get((document.slug, anchor))
        if steps:
            named = []
            for i in history_shown(steps, document, anchor):
                step, meta = steps[i], steps[i].resolution.meta
                named.append((i, step.resolution.slug, meta.session, meta.number, step.anchor, step.kind))
            out.append((anchor, len(steps), named))
    return out
