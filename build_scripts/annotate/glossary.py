"""The editorial glossary: load and validate the YAML, find mentions, index them.

Matching is case-sensitive on the variants the editors list, whole words only, the
longest variant first ("INTERPOL Virtual Academy" is one mention). Only running text is
annotated: link texts, headings and the metadata block are never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import SourceError
from ..model import (
    Collection,
    Document,
    Inline,
    TermMention,
    Text,
    runs,
)

CATEGORIES = (
    "database",
    "communication system",
    "notice system",
    "analytical file",
    "network",
    "programme or unit",
    "application",
)
REQUIRED = ("id", "name", "variants", "category", "definition", "note", "url")
OPTIONAL = ("abbreviation",)


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


def _entry_lines(text: str) -> list[int]:
    """Line number of each "- id:" entry, for messages."""
    return [n for n, line in enumerate(text.splitlines(), 1) if re.match(r"^-\s", line)]


def load_glossary(path: Path, shown: str | None = None) -> Glossary:
    shown = shown or str(path)
    if not path.exists():
        return Glossary([])
    text = path.read_text(encoding="utf-8-sig")
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SourceError(shown, mark.line + 1 if mark else None, f"invalid YAML: {exc}") from None
    if not isinstance(raw, list):
        raise SourceError(shown, 1, "expected a list of glossary entries")
    lines = _entry_lines(text)
    terms: list[Term] = []
    variant_owner: dict[str, str] = {}
    for index, entry in enumerate(raw):
        line = lines[index] if index < len(lines) else None
        if not isinstance(entry, dict):
            raise SourceError(shown, line, "expected an entry with id, name, variants, ...")
        name = entry.get("id", f"entry {index + 1}")
        for key in REQUIRED:
            value = entry.get(key)
            if value is None or (isinstance(value, (str, list)) and not value):
                raise SourceError(shown, line, f"glossary entry {name!r} has no {key!r}")
        for key in entry:
            if key not in REQUIRED + OPTIONAL:
                raise SourceError(shown, line, f"glossary entry {name!r} has an unknown key {key!r}")
        if entry["category"] not in CATEGORIES:
            raise SourceError(
                shown,
                line,
                f"glossary entry {name!r} has category {entry['category']!r}; expected one of: {', '.join(CATEGORIES)}",
            )
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", str(entry["id"])):
            raise SourceError(shown, line, f"glossary id {name!r} must be lower case words joined by '-'")
        if not all(isinstance(v, str) and v.strip() for v in entry["variants"]):
            raise SourceError(shown, line, f"glossary entry {name!r}: every variant must be a non-empty string")
        for variant in entry["variants"]:
            if variant in variant_owner:
                raise SourceError(
                    shown,
                    line,
                    f"the variant {variant!r} of {name!r} is already a variant of {variant_owner[variant]!r}",
                )
            variant_owner[variant] = name
        if any(t.id == entry["id"] for t in terms):
            raise SourceError(shown, line, f"glossary id {name!r} is used twice")
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
    pattern = variant_pattern(glossary.terms)
    owner = {v: t.id for t in glossary.terms for v in t.variants}
    mentions: dict[str, list[Mention]] = {t.id: [] for t in glossary.terms}
    glossary.terms_by_document = {}
    for document in collection.all():
        for run in runs(document):
            anchor, label = run.anchor, run.label
            marked = mark_terms(run.inlines, pattern, owner)
            run.replace(marked)
            counts: dict[str, int] = {}
            for item in marked:
                if isinstance(item, TermMention):
                    counts[item.term] = counts.get(item.term, 0) + 1
            for term, count in counts.items():
                glossary.terms_by_document.setdefault(document.slug, set()).add(term)
                previous = mentions[term][-1] if mentions[term] else None
                if previous and previous.document is document and previous.anchor == anchor:
                    mentions[term][-1] = Mention(document, anchor, label, previous.count + count)
                else:
                    mentions[term].append(Mention(document, anchor, label, count))
    glossary.mentions = mentions
