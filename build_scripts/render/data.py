"""Serialise the document model to plain JSON-ready dicts.

The PDF templates read exactly this (through ``sys.inputs``), so no text is ever pasted
into Typst markup. Links inside the collection are made absolute against the site's
address, since a PDF lives outside the site.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..conventions import official_url
from ..model import (
    AnnexHeading,
    BulletList,
    DocumentLink,
    FootnoteRef,
    Heading,
    Inline,
    Paragraph,
    Provision,
    RelatedDocument,
    Resolution,
    Subparagraph,
    TermMention,
    Text,
    Treaty,
    plain_text,
    runs,
)


def absolute(href: str, site_url: str) -> str:
    """An href of the model as an absolute address: "resolutions/x/index.md#op5" -> URL; with
    no public address known (no SITE_URL), relative to the edition's root."""
    if href.startswith(("http://", "https://")):
        return href
    path, _, fragment = href.partition("#")
    path = path.removesuffix("index.md")
    base = site_url.rstrip("/") + "/" if site_url else ""
    return base + path + (f"#{fragment}" if fragment else "")


def inline_to_dict(item: Inline, site_url: str) -> dict[str, Any]:
    if isinstance(item, Text):
        return {"type": "text", "text": item.text, "italic": item.italic}
    if isinstance(item, FootnoteRef):
        return {"type": "footnote", "number": item.number}
    if isinstance(item, TermMention):
        return {"type": "term", "text": item.text, "term": item.term, "italic": item.italic}
    assert isinstance(item, DocumentLink)
    return {
        "type": "link",
        "text": item.text,
        "symbol": item.symbol,
        "href": absolute(item.href, site_url),
        "internal": item.internal,
        "italic": item.italic,
    }


def inlines(runs: list[Inline], site_url: str) -> list[dict[str, Any]]:
    return [inline_to_dict(i, site_url) for i in runs]


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _subparagraph(sub: Subparagraph, site_url: str) -> dict[str, Any]:
    return {
        "label": sub.label,
        "num": sub.num,
        "anchor": sub.anchor,
        "akn_eid": sub.akn_eid,
        "text": plain_text(sub.content),
        "content": inlines(sub.content, site_url),
        "subparagraphs": [_subparagraph(s, site_url) for s in sub.subparagraphs],
    }


def _annotations(document: Resolution | RelatedDocument, site_url: str) -> dict[str, Any]:
    """The references and glossary mentions of a document, each with its paragraph."""
    references: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    for run in runs(document):
        anchor = run.anchor
        for item in run.inlines:
            if isinstance(item, DocumentLink):
                references.append(
                    {
                        "symbol": item.symbol,
                        "text": item.text,
                        "href": absolute(item.href, site_url),
                        "anchor": anchor,
                    }
                )
            elif isinstance(item, TermMention):
                mentions.append({"term": item.term, "text": item.text, "anchor": anchor})
    return {"references": references, "mentions": mentions}


def series_to_dict(r: Resolution, edition: Any) -> dict[str, Any] | None:
    """The resolution's place in its series and the alignment with the one before it."""
    series = edition.series_of(r) if edition is not None else None
    if series is None:
        return None
    previous, following = series.neighbours(r)
    comparison = edition.comparisons.get(r.slug)
    alignment = []
    if comparison is not None:
        for change in [*comparison.preamble, *comparison.operative]:
            alignment.append(
                {
                    "anchor": change.new_anchor,
                    "previous_anchor": change.old_anchor,
                    "change": change.kind,
                    "similarity": round(change.similarity, 3),
                }
            )
    return {
        "id": series.id,
        "title": series.title,
        "previous": previous.meta.symbol if previous else None,
        "next": following.meta.symbol if following else None,
        "alignment": alignment,
    }


def resolution_to_dict(r: Resolution, site_url: str, edition: Any = None) -> dict[str, Any]:
    m = r.meta
    return {
        "kind": "resolution",
        "slug": r.slug,
        "url": absolute(r.url_path, site_url),
        "meta": {
            "symbol": m.symbol,
            "session": m.session,
            "number": m.number,
            "year": m.year,
            "title": m.title,
            "title_is_editorial": m.title_is_editorial,
            "adoption_date": _date(m.adoption_date),
            "session_name": m.session_name,
            "agenda_items": m.agenda_items,
            "agenda_title": m.agenda_title,
            "body": m.body,
            "distribution": m.distribution,
            "distribution_date": _date(m.distribution_date),
            "adoption_line": m.adoption_line,
            "procedure": m.procedure,
            "draft_symbols": m.draft_symbols,
            "report_paragraph": m.report_paragraph,
            "meeting": m.meeting,
            "meeting_date": _date(m.meeting_date),
            "official_url": official_url(m.symbol),
        },
        "summary": r.summary,
        "formula": r.formula,
        "basis": r.basis,
        "divisions": [
            {
                "label": d.label,
                "title": d.title,
                "anchor": d.anchor,
                "first": d.first,
                "numbered_apart": d.numbered_apart,
                "formula": d.formula,
                "closing": d.closing,
            }
            for d in r.divisions
        ],
        "preamble": [
            {
                "number": p.number,
                "part": p.part,
                "anchor": p.anchor,
                "text": plain_text(p.content),
                "content": inlines(p.content, site_url),
            }
            for p in r.preamble
        ],
        "operative": [
            {
                "number": op.number,
                "numbered": op.numbered,
                "part": op.part,
                "anchor": op.anchor,
                "akn_eid": op.akn_eid,
                "action_phrase": op.action_phrase,
                "text": plain_text(op.content),
                "content": inlines(op.content, site_url),
                "subparagraphs": [_subparagraph(s, site_url) for s in op.subparagraphs],
                "continuation": [inlines(c, site_url) for c in op.continuation],
            }
            for op in r.operative
        ],
        "footnotes": [
            {
                "number": n.number,
                "anchor": f"fn:{n.number}",
                "text": plain_text(n.content),
                "content": inlines(n.content, site_url),
            }
            for n in r.footnotes
        ],
        "annexes": [
            {
                "label": annex.label,
                "title": annex.title,
                "anchor": annex.anchor,
                "items": [
                    {"type": "heading", "text": item.text, "anchor": item.anchor}
                    | ({"content": inlines(item.content, site_url)} if item.content else {})
                    if isinstance(item, AnnexHeading)
                    else {
                        "type": "paragraph",
                        "number": item.number,
                        "anchor": item.anchor,
                        "citation": r.citation(item.anchor),
                        "text": plain_text(item.content),
                        "content": inlines(item.content, site_url),
                    }
                    for item in annex.items
                ],
            }
            | ({"treaty": _treaty(r, annex.treaty, site_url)} if annex.treaty else {})
            for annex in r.annexes
        ],
        **_annotations(r, site_url),
        "series": series_to_dict(r, edition),
    }


def _provision(r: Resolution, p: Provision, site_url: str) -> dict[str, Any]:
    return {
        "num": p.num,
        "anchor": p.anchor,
        "akn_eid": p.akn_eid,
        "citation": r.citation(p.anchor),
        "text": plain_text(p.content),
        "content": inlines(p.content, site_url),
        "items": [_provision(r, item, site_url) for item in p.items],
        "continuation": [inlines(c, site_url) for c in p.continuation],
    }


def _treaty(r: Resolution, treaty: Treaty, site_url: str) -> dict[str, Any]:
    """A treaty annexed in articles: its chapters, its articles and their paragraphs and
    items (each with its anchor, eId and citation), its final clauses."""
    return {
        "short_title": treaty.short_title,
        "unts": treaty.unts,
        "chapters": [
            {"label": c.label, "heading": c.heading, "title": c.title, "anchor": c.anchor} for c in treaty.chapters
        ],
        "articles": [
            {
                "number": a.number,
                "heading": a.heading,
                "title": a.title,
                "anchor": a.anchor,
                "akn_eid": a.akn_eid,
                "citation": r.citation(a.anchor),
                "chapter": a.chapter,
                "provisions": [_provision(r, p, site_url) for p in a.provisions],
            }
            for a in treaty.articles
        ],
        "final": [
            {
                "anchor": p.anchor,
                "citation": r.citation(p.anchor),
                "text": plain_text(p.content),
                "content": inlines(p.content, site_url),
            }
            for p in treaty.final
        ],
    }


def document_to_dict(d: RelatedDocument, site_url: str) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = []
    for block in d.blocks:
        if isinstance(block, Heading):
            blocks.append({"type": "heading", "level": block.level, "text": block.text, "anchor": block.anchor})
        elif isinstance(block, Paragraph):
            blocks.append(
                {
                    "type": "paragraph",
                    "anchor": block.anchor,
                    "text": plain_text(block.content),
                    "content": inlines(block.content, site_url),
                }
            )
        elif isinstance(block, BulletList):
            blocks.append(
                {
                    "type": "list",
                    "anchor": block.anchor,
                    "items": [inlines(i, site_url) for i in block.items],
                }
            )
    return {
        "kind": d.kind,
        "slug": d.slug,
        "url": absolute(d.url_path, site_url),
        "title": d.title,
        "publisher": d.publisher,
        "date": _date(d.date),
        "source_url": d.source_url,
        "retrieved": _date(d.retrieved),
        "summary": d.summary,
        "blocks": blocks,
        **_annotations(d, site_url),
    }
