"""The edition: the collection of documents and what the annotators found in it.

The model (``model.Collection``) holds documents only. Each annotator returns its
results (the glossary's mentions, the series and their comparisons, the cross-resolution
index, the repairs of extraction damage); they are gathered here, and every renderer
takes an ``Edition``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .annotate.crossindex import CrossIndex
from .annotate.glossary import Glossary
from .annotate.series import Comparison, Series, Step
from .model import Collection, Document, RelatedDocument, Repair, Resolution


@dataclass
class Edition:
    collection: Collection
    glossary: Glossary
    series: list[Series]
    comparisons: dict[str, Comparison]  # newer slug -> its comparison with the one before
    index: CrossIndex
    repairs: dict[str, list[Repair]] = field(default_factory=dict)  # slug -> repairs made
    summaries: dict[str, str] = field(default_factory=dict)  # slug -> a summary by a rule of the series
    histories: dict[tuple[str, str], list[Step]] = field(default_factory=dict)  # (slug, anchor) -> steps
    digests: dict[str, bytes] = field(default_factory=dict)  # slug -> digest of the document as annotated
    _series_by_slug: dict[str, Series] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def resolutions(self) -> list[Resolution]:
        return self.collection.resolutions

    @property
    def documents(self) -> list[RelatedDocument]:
        return self.collection.documents

    def all(self) -> list[Document]:
        return self.collection.all()

    def by_symbol(self) -> dict[str, Resolution]:
        return self.collection.by_symbol()

    def summary_of(self, document: Document) -> str:
        return self.summaries.get(document.slug, document.summary)

    def series_of(self, resolution: Resolution) -> Series | None:
        # Asked for every resolution's pages and data: a scan of every series each time
        # would be quadratic in the collection.
        if self._series_by_slug is None:
            self._series_by_slug = {r.slug: s for s in self.series for r in s.members}
        return self._series_by_slug.get(resolution.slug)  # slugs are unique in a collection
