"""Every generated page of the edition, for callers that want them all (tests, checks); the
build writes them as they come (``site.pipeline``), remembering the index pages by key."""

from __future__ import annotations

from collections.abc import Iterator

from ..edition import Edition
from .index_pages import index_pages
from .markdown import collection_pages, document_pages, environment, glossary_page, ordered_documents


def iter_pages(
    edition: Edition, citations: dict[str, dict[str, dict[str, str]]] | None = None, public_url: str = ""
) -> Iterator[tuple[str, str]]:
    """Every generated page, one at a time: (path relative to docs/, Markdown), so that a
    caller can write each before the next is made (a big collection's pages would not fit
    in memory at once). ``citations`` (from ``citations.document_citations``) gives the
    Cite buttons their other styles."""
    citations = citations or {}
    env = environment()
    for document in ordered_documents(edition):
        yield from document_pages(env, edition, document, citations, public_url)
    yield from collection_pages(env, edition)
    for page in [glossary_page(env, edition), *index_pages(env, edition)]:
        if page is None:
            continue
        yield page.path, page.make()


def render_pages(
    edition: Edition, citations: dict[str, dict[str, dict[str, str]]] | None = None, public_url: str = ""
) -> dict[str, str]:
    """Every generated page at once: path relative to docs/ -> Markdown."""
    return dict(iter_pages(edition, citations, public_url))
