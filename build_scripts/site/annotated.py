"""Annotated documents kept between builds, so that a build after an edit to one text links
and marks that text alone.

A document as the annotators leave it depends on its text and on what annotating reads of
the collection: the symbols and addresses of its resolutions (the links) and the glossary's
terms (the mentions); ``context`` is the digest of those two. A document is kept with its
glossary mentions and its digest, under the digest of its text's key (the parse cache's)
and the context: a changed text, a resolution added or removed, a term named otherwise,
or changed code, and it is annotated anew. A damaged text is repaired with the words of
the whole collection: it is kept with the answers its repair had of them (``lookups``),
and repaired anew when one of them changed.
"""

from __future__ import annotations

import os
import pickle
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..annotate.glossary import Glossary, Mention
from ..memo import digest
from ..model import RelatedDocument, Repair, Resolution


@dataclass(frozen=True, slots=True)
class Head:
    """What the collection's context reads of a text, remembered by the text's key: so that
    the context is known before any document is read."""

    symbol: str | None  # a resolution's symbol
    url_path: str


@dataclass(slots=True)
class Annotated:
    document: Resolution | RelatedDocument
    mentions: list[tuple[str, Mention]]  # (term, mention), in order
    digest: bytes
    context: bytes
    # A damaged text: its words as parsed, its repairs, and what they asked of the vocabulary.
    words: Counter[str] | None = None
    repairs: list[Repair] = field(default_factory=list)
    lookups: dict[str, bool] = field(default_factory=dict)


def context_of(addresses: dict[str, str], glossary: Glossary) -> bytes:
    """The digest of what annotating reads of the collection: each resolution's symbol and
    address (``addresses``), and the glossary's terms."""
    return digest("annotation context", sorted(addresses.items()), glossary.terms)


class AnnotatedStore:
    """One file per annotated document, under ``folder``; a build keeps only the files it
    read or wrote (``prune``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def _path(self, context: bytes, source_key: str) -> Path:
        return self.folder / f"{digest(context, source_key).hex()[:32]}.pickle"

    def load(self, context: bytes, source_key: str) -> Annotated | None:
        path = self._path(context, source_key)
        try:
            annotated: Annotated = pickle.loads(path.read_bytes())
        except Exception:  # missing, or unreadable: annotated anew
            return None
        self.used.add(path.name)
        return annotated if annotated.context == context else None

    def save(self, source_key: str, annotated: Annotated) -> None:
        path = self._path(annotated.context, source_key)
        self.used.add(path.name)
        if path.exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(annotated, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)

    def prune(self) -> None:
        if self.folder.is_dir():
            for path in self.folder.glob("*.pickle"):
                if path.name not in self.used:
                    path.unlink(missing_ok=True)
