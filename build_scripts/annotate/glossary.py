"""The editorial glossary: load and validate the YAML, find mentions, index them.

Matching is case-sensitive on the variants the editors list, whole words only, the
longest variant first ("INTERPOL Virtual Academy" is one mention). Only running text is
annotated: link texts, headings and the metadata block are never touched.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..editorial import SCHEMAS, check_unique, load_editorial
from ..model import (
    Collection,
    Document,
    Inline,
    TermMention,
    Text,
    runs,
)

# The categories, in the order the glossary page lists them: the schema's own list.
CATEGORIES: tuple[str, ...] = tuple(
    json.loads((SCHEMAS / "glossary.schema.json").read_text(encoding="utf-8"))["items"]["properties"]["category"][
        "enum"
    ]
)


@dataclass(frozen=True)
class Term:
    id: str
    name: str
    variants: tuple[str, ...]
    category: str
    definition: str
    note: str
    url: str
    abbreviation: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name


@dataclass(frozen=True)
class Mention:
    """Where a term is named: a paragraph of a document, and how often."""

    document: Document
    anchor: str
    label: str  # "para. 17 (a)", "preambular para. 3", "footnote 5", "para. 3"
    count: int


@dataclass
class Glossary:
    terms: list[Term]
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    terms_by_document: dict[str, set[str]] = field(default_factory=dict)  # slug -> term ids, with mentions

    def by_id(self) -> dict[str, Term]:
        return {t.id: t for t in self.terms}

    def used_in(self, document: Document) -> list[Term]:
        """The terms a document names, in glossary order."""
        named = self.terms_by_document.get(document.slug, set())
        return [t for t in self.terms if t.id in named]


def load_glossary(path: Path, shown: str | None = None) -> Glossary:
    """source_texts/glossary.yml, checked against schemas/glossary.schema.json."""
    shown = shown or str(path)
    if not path.exists():
        return Glossary([])
    file = load_editorial(path, shown, "glossary")
    check_unique(file)
    variant_owner: dict[str, str] = {}
    terms: list[Term] = []
    for index, entry in enumerate(file.data or []):
        for position, variant in enumerate(entry["variants"]):
            if variant in variant_owner:
                raise file.error(
                    (index, "variants", position),
                    f"the variant {variant!r} of {entry['id']!r} is already a variant of {variant_owner[variant]!r}",
                )
            variant_owner[variant] = entry["id"]
        terms.append(
            Term(
                id=entry["id"],
                name=str(entry["name"]),
                variants=tuple(entry["variants"]),
                category=entry["category"],
                definition=" ".join(str(entry["definition"]).split()),
                note=" ".join(str(entry["note"]).split()),
                url=str(entry["url"]),
                abbreviation=str(entry.get("abbreviation", "")),
            )
        )
    return Glossary(terms)


def variant_pattern(terms: list[Term]) -> re.Pattern[str] | None:
    variants = sorted(((v, t.id) for t in terms for v in t.variants), key=lambda x: (-len(x[0]), x[0]))
    if not variants:
        return None
    alternation = "|".join(re.escape(v) for v, _ in variants)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


def mark_terms(inlines: list[Inline], pattern: re.Pattern[str] | None, owner: dict[str, str]) -> list[Inline]:
    """Split text segments at mentions; other inlines (links, footnote calls) stay as they are."""
    if pattern is None:
        return inlines
    out: list[Inline] = []
    for item in inlines:
        if not isinstance(item, Text):
            out.append(item)
            continue
        pos = 0
        for m in pattern.finditer(item.text):
            if m.start() > pos:
                out.append(Text(item.text[pos : m.start()], item.italic))
            out.append(TermMention(m.group(0), owner[m.group(0)], item.italic))
            pos = m.end()
        if pos < len(item.text):
            out.append(Text(item.text[pos:], item.italic))
    return out


def annotate_collection(collection: Collection, glossary: Glossary) -> None:
    """Mark every mention in every document, and index the mentions by term."""
    marker = TermMarker.of(glossary)
    index_mentions(glossary, [(document, marker.mark(document)) for document in collection.all()])


@dataclass
class TermMarker:
    """What marking needs of the glossary (compiled once)."""

    pattern: re.Pattern[str] | None
    owner: dict[str, str]  # variant -> term id

    @classmethod
    def of(cls, glossary: Glossary) -> TermMarker:
        return cls(variant_pattern(glossary.terms), {v: t.id for t in glossary.terms for v in t.variants})

    def mark(self, document: Document) -> list[tuple[str, Mention]]:
        """Mark the mentions in one document, in place; its mentions with their terms, in
        order (a term named twice in one paragraph is one mention, counted twice)."""
        mentions: list[tuple[str, Mention]] = []
        last: dict[str, int] = {}  # term -> index of its last mention in ``mentions``
        for run in runs(document):
            anchor, label = run.anchor, run.label
            marked = mark_terms(run.inlines, self.pattern, self.owner)
            run.replace(marked)
            counts: dict[str, int] = {}
            for item in marked:
                if isinstance(item, TermMention):
                    counts[item.term] = counts.get(item.term, 0) + 1
            for term, count in counts.items():
                previous = mentions[last[term]][1] if term in last else None
                if previous and previous.anchor == anchor:
                    mentions[last[term]] = (term, Mention(document, anchor, label, previous.count + count))
                else:
                    last[term] = len(mentions)
                    mentions.append((term, Mention(document, anchor, label, count)))
        return mentions


def index_mentions(glossary: Glossary, marked: list[tuple[Document, list[tuple[str, Mention]]]]) -> None:
    """The glossary's mentions by term and terms by document, from each document's mentions
    (in the collection's order)."""
    mentions: dict[str, list[Mention]] = {t.id: [] for t in glossary.terms}
    glossary.terms_by_document = {}
    for document, found in marked:
        for term, mention in found:
            mentions[term].append(mention)
            glossary.terms_by_document.setdefault(document.slug, set()).add(term)
    glossary.mentions = mentions
