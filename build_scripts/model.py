"""The document model: the one source of truth between parsing and rendering.

Parsing fills these dataclasses; the annotation stages (links) refine their inline
content; every output (Markdown pages, the home page, later PDFs and exports) is
rendered from them and never from the raw text.

Running text is a flat list of inline segments rather than a tree: emphasis is a
flag on each segment, which keeps splitting a segment (to insert a link) trivial.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .annotate.crossindex import CrossIndex
    from .annotate.glossary import Glossary
    from .annotate.series import Comparison, Series


@dataclass(frozen=True)
class Text:
    """Plain running text; ``italic`` marks emphasis from the source."""

    text: str
    italic: bool = False


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote call (a superscript marker in the source)."""

    number: int


@dataclass(frozen=True)
class DocumentLink:
    """A reference to another document, with the words the text uses for it.

    ``href`` is either an absolute URL (official document system) or a path
    inside the site ("resolutions/a-res-77-20/index.md#op5"), relative to docs/.
    """

    text: str
    symbol: str
    href: str
    italic: bool = False

    @property
    def internal(self) -> bool:
        return not self.href.startswith(("http://", "https://"))


@dataclass(frozen=True)
class TermMention:
    """A mention of a glossary term: ``text`` as the source writes it, ``term`` its id."""

    text: str
    term: str
    italic: bool = False


Inline = Text | FootnoteRef | DocumentLink | TermMention


def plain_text(inlines: list[Inline]) -> str:
    """The words of a run of inlines, without footnote calls."""
    return "".join(i.text for i in inlines if not isinstance(i, FootnoteRef))


@dataclass
class Footnote:
    number: int
    content: list[Inline]
    line: int  # where its text starts in the source file


@dataclass
class Subparagraph:
    """A lettered (a), (b)... or roman (i), (ii)... subparagraph."""

    label: str  # "a", "ii"
    anchor: str  # "op17-a", "op17-a-i"
    akn_eid: str  # "para_17__list_1__point_a"
    content: list[Inline]
    line: int
    subparagraphs: list[Subparagraph] = field(default_factory=list)


@dataclass
class PreambularParagraph:
    number: int  # position in the preamble, 1-based (preambular paragraphs are unnumbered)
    content: list[Inline]
    line: int

    @property
    def anchor(self) -> str:
        return f"pp{self.number}"


@dataclass
class OperativeParagraph:
    number: int
    action_phrase: str  # "Calls for"; "" when the paragraph has none
    content: list[Inline]  # the words after the action phrase
    line: int
    subparagraphs: list[Subparagraph] = field(default_factory=list)
    # Text that follows the subparagraphs inside the same paragraph, if any.
    continuation: list[list[Inline]] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"op{self.number}"

    @property
    def akn_eid(self) -> str:
        return f"para_{self.number}"


@dataclass
class AnnexParagraph:
    """A paragraph of an annex: numbered ("97.") or not (an opening, a preambular clause)."""

    number: int | None
    anchor: str  # "annex-para97", "annex-p3"
    content: list[Inline]
    line: int


@dataclass
class AnnexHeading:
    text: str
    anchor: str  # "annex-advancing-crime-prevention"
    line: int


@dataclass
class Annex:
    """A text the resolution annexes (a declaration, a plan of action): its own anchors,
    never mixed with the resolution's paragraphs."""

    label: str  # "Annex", "Annex II"
    title: str  # "Kyoto Declaration on ..."
    anchor: str  # "annex", "annex-ii"
    items: list[AnnexHeading | AnnexParagraph]
    line: int

    def paragraphs(self) -> list[AnnexParagraph]:
        return [item for item in self.items if isinstance(item, AnnexParagraph)]


@dataclass
class ResolutionMetadata:
    symbol: str  # "A/RES/77/20"
    session: int  # 77
    number: str  # "20" (may carry a letter, "57/270 B")
    title: str
    adoption_date: dt.date
    session_name: str = ""  # "Seventy-seventh session"
    agenda_items: list[str] = field(default_factory=list)  # ["127 (y)"]
    agenda_title: str = ""
    body: str = "General Assembly"
    distribution: str = ""  # "General"
    distribution_date: dt.date | None = None
    original_language: str = ""
    adoption_line: str = ""  # "Resolution adopted by the General Assembly on 21 November 2022"
    procedure: str = ""  # "without reference to a Main Committee (A/77/L.20)"
    draft_symbols: list[str] = field(default_factory=list)  # ["A/77/L.20"] or ["A/77/464"]
    report_paragraph: str = ""  # "31" when adopted on a committee report
    meeting: str = ""  # "39th plenary meeting"
    meeting_date: dt.date | None = None
    masthead_extra: list[str] = field(default_factory=list)  # header lines kept verbatim


@dataclass
class Resolution:
    slug: str  # "a-res-77-20"
    source_path: str  # relative to the project root
    meta: ResolutionMetadata
    formula: str  # "The General Assembly,"
    preamble: list[PreambularParagraph]
    operative: list[OperativeParagraph]
    footnotes: list[Footnote]
    summary: str = ""
    layout: str = "clean"  # how the source was laid out: "clean" or "pdf" (extracted text)
    artefacts: dict[str, int] = field(default_factory=dict)  # what the parser dropped, by kind
    warnings: list[str] = field(default_factory=list)  # suspicious but legal: "file:line: message"
    annexes: list[Annex] = field(default_factory=list)
    kind: Literal["resolution"] = "resolution"

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def url_path(self) -> str:
        return f"resolutions/{self.slug}/"

    @property
    def date(self) -> dt.date:
        return self.meta.adoption_date

    def subparagraph_count(self) -> int:
        def count(subs: list[Subparagraph]) -> int:
            return sum(1 + count(s.subparagraphs) for s in subs)

        return sum(count(p.subparagraphs) for p in self.operative)

    def citation(self, anchor: str) -> str:
        """The citation text for one of this resolution's anchors."""
        if m := re.match(r"^(annex(?:-[ivx]+)?)-(para|p)(\d+)$", anchor):
            label = m[1].replace("-", " ").upper().replace("ANNEX", "annex")
            if m[2] == "para":
                return f"{self.meta.symbol}, {label}, para. {m[3]}"
            return f"{self.meta.symbol}, {label}, unnumbered para. {m[3]}"
        if anchor.startswith("pp"):
            return f"{self.meta.symbol}, preambular para. {anchor[2:]}"
        parts = anchor[2:].split("-")
        return f"{self.meta.symbol}, para. {parts[0]}" + "".join(f" ({p})" for p in parts[1:])


@dataclass
class Heading:
    level: int  # 2..6 on the page (the page title is level 1)
    text: str
    anchor: str


@dataclass
class Paragraph:
    content: list[Inline]
    anchor: str  # "p3"
    line: int


@dataclass
class BulletList:
    items: list[list[Inline]]
    anchor: str
    line: int


Block = Heading | Paragraph | BulletList


@dataclass
class RelatedDocument:
    """A document that is not a resolution: a web page, a statement."""

    slug: str
    source_path: str
    title: str
    kind: str  # "web page", "statement"
    publisher: str
    date: dt.date | None
    source_url: str
    retrieved: dt.date | None
    blocks: list[Block]
    summary: str = ""

    @property
    def url_path(self) -> str:
        return f"documents/{self.slug}/"


Document = Resolution | RelatedDocument


@dataclass
class Collection:
    resolutions: list[Resolution]
    documents: list[RelatedDocument]
    glossary: Glossary | None = None
    series: list[Series] = field(default_factory=list)
    comparisons: dict[str, Comparison] = field(default_factory=dict)  # newer slug -> comparison
    index: CrossIndex | None = None

    def series_of(self, resolution: Resolution) -> Series | None:
        return next((s for s in self.series if resolution in s.members), None)

    def all(self) -> list[Document]:
        return [*self.resolutions, *self.documents]

    def by_symbol(self) -> dict[str, Resolution]:
        return {r.meta.symbol: r for r in self.resolutions}
