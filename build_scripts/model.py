"""The document model: the one source of truth between parsing and rendering.

Parsing fills these dataclasses; the annotation stages (links) refine their inline
content; every output (Markdown pages, the home page, later PDFs and exports) is
rendered from them and never from the raw text.

Running text is a flat list of inline segments rather than a tree: emphasis is a
flag on each segment, which keeps splitting a segment (to insert a link) trivial.
"""

from __future__ import annotations

import datetime as dt
import gc
import pickle
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Literal, TypeVar

from .conventions import (
    SECURITY_COUNCIL,
    citation,
    eid_for_anchor,
    footnote_anchor,
    label,
    operative_anchor,
    preamble_anchor,
)

Model = TypeVar("Model", bound=type)


def pickled_by_fields(cls: Model) -> Model:
    """Pickle instances as a call with their fields' values. A slotted dataclass's own
    pickling reads ``fields()`` again for every object: a collection's documents, read back
    from the build's cache, loaded in twice the time. A packed document (``Packable``) is
    pickled packed: its other fields and its body's bytes, which stay packed when read
    back. ``__reduce_whole__`` is the pickle of its every field, packed or not (a digest's:
    the same document has the same digest, packed or not)."""
    names = tuple(f.name for f in fields(cls) if f.init)

    def __reduce__(self: Any) -> tuple[Any, tuple[Any, ...]]:
        return cls, tuple([getattr(self, name) for name in names])

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    body = getattr(cls, "BODY", ())
    if not body:  # not a document that may be packed
        return cls
    head = tuple(name for name in names if name not in body)

    def __reduce_packed__(self: Any) -> tuple[Any, tuple[Any, ...]]:
        if self._packed is None:
            return __reduce__(self)
        values = tuple([getattr(self, name) for name in head])
        return _read_packed, (cls, head, values, self._packed, self._sizes)

    cls.__reduce__ = __reduce_packed__  # type: ignore[method-assign,assignment]
    cls.__reduce_whole__ = __reduce__  # type: ignore[attr-defined]
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Repair:
    """Extraction damage undone: at ``line`` of the source, ``found`` became ``made``."""

    line: int
    found: str
    made: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Text:
    """Plain running text; ``italic`` marks emphasis from the source."""

    text: str
    italic: bool = False


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FootnoteRef:
    """A footnote call (a superscript marker in the source)."""

    number: int


@pickled_by_fields
@dataclass(frozen=True, slots=True)
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


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class TermMention:
    """A mention of a glossary term: ``text`` as the source writes it, ``term`` its id."""

    text: str
    term: str
    italic: bool = False


Inline = Text | FootnoteRef | DocumentLink | TermMention


def first_words(text: str, words: int) -> str:
    """The first ``words`` words of a text, for summaries and excerpts: "… developing…"."""
    cut = text.split()
    return " ".join(cut[:words]).rstrip(",;:") + ("…" if len(cut) > words else "")


def plain_text(inlines: list[Inline]) -> str:
    """The words of a run of inlines, without footnote calls."""
    return "".join(i.text for i in inlines if not isinstance(i, FootnoteRef))


@pickled_by_fields
@dataclass(slots=True)
class Footnote:
    number: int
    content: list[Inline]
    line: int  # where its text starts in the source file


@pickled_by_fields
@dataclass(slots=True)
class Subparagraph:
    """A lettered (a), (b)... or roman (i), (ii)... subparagraph."""

    label: str  # "a", "ii"
    anchor: str  # "op17-a", "op17-a-i"
    akn_eid: str  # "para_17__list_1__point_a"
    content: list[Inline]
    line: int
    subparagraphs: list[Subparagraph] = field(default_factory=list)
    printed: str = ""  # the label as printed when it is not "(a)": "a." in some Council texts

    @property
    def num(self) -> str:
        """The label as the page prints it: "(a)", "a."."""
        return self.printed or f"({self.label})"


@pickled_by_fields
@dataclass(slots=True)
class PreambularParagraph:
    number: int  # position in the preamble, 1-based (preambular paragraphs are unnumbered)
    content: list[Inline]
    line: int
    part: str = ""  # the anchor prefix of its part ("a", "sec2") in a resolution in parts

    @property
    def anchor(self) -> str:
        return preamble_anchor(self.number, self.part)


@pickled_by_fields
@dataclass(slots=True)
class OperativeParagraph:
    number: int
    action_phrase: str  # "Calls for"; "" when the paragraph has none
    content: list[Inline]  # the words after the action phrase
    line: int
    subparagraphs: list[Subparagraph] = field(default_factory=list)
    # Text that follows the subparagraphs inside the same paragraph, if any.
    continuation: list[list[Inline]] = field(default_factory=list)
    # False for a resolution's one operative paragraph, which the UN prints without "1.".
    numbered: bool = True
    part: str = ""  # the anchor prefix of its part ("a", "sec2") in a resolution in parts

    @property
    def anchor(self) -> str:
        return operative_anchor(self.number, self.part)

    @property
    def akn_eid(self) -> str:
        return eid_for_anchor(self.anchor)

    @property
    def phrase_gap(self) -> str:
        """What stands between the action phrase and the words after it: a space, or
        nothing before a comma or a colon ("*Decides*, in order to ...", "*Decides*:")."""
        return "" if plain_text(self.content)[:1] in (",", ";", ":", ".") else " "

    @property
    def opening(self) -> str:
        """The action phrase and the words after it, as plain text."""
        if not self.action_phrase:
            return plain_text(self.content)
        return f"{self.action_phrase}{self.phrase_gap}{plain_text(self.content)}"


@pickled_by_fields
@dataclass(slots=True)
class Division:
    """A heading of the resolution's own text: a part ("A", "II": its own preamble and
    paragraphs, numbered apart, its anchors prefixed "a-", "sec2-") or a heading over
    operative paragraphs numbered on from the ones before it."""

    label: str  # "A", "II"; "" for a heading without one
    title: str  # "Activities of the Office of Internal Oversight Services"
    anchor: str  # "part-a", "part-sec2"; "heading-<words>" for a heading
    first: str  # the anchor of the paragraph it opens: "sec2-pp1", "op17"
    line: int
    numbered_apart: bool  # a part (True) or a heading in one run of numbers (False)
    formula: str = ""  # a part's own "The General Assembly," when each part has one
    closing: str = ""  # "45th plenary meeting 7 December 2023", when each part closes apart

    @property
    def prefix(self) -> str:
        """A part's anchor prefix, that its paragraphs carry ("a", "sec2"); "" for a heading."""
        return self.first.split("-", 1)[0] if self.numbered_apart else ""


@pickled_by_fields
@dataclass(slots=True)
class AnnexParagraph:
    """A paragraph of an annex: numbered ("97.") or not (an opening, a preambular clause)."""

    number: int | None
    anchor: str  # "annex-para97", "annex-p3"
    content: list[Inline]
    line: int


@pickled_by_fields
@dataclass(slots=True)
class AnnexHeading:
    text: str  # its words, without footnote calls
    anchor: str  # "annex-advancing-crime-prevention"
    line: int
    # Its words with the footnotes it calls ("other entities¹⁶ having received ..."), when
    # it calls any: empty otherwise, and ``text`` says it all.
    content: list[Inline] = field(default_factory=list)


@pickled_by_fields
@dataclass(slots=True)
class Provision:
    """A paragraph of a treaty's article, numbered ("1.") or not, or an item of one
    ("(a)", "(i)", "a."), with the items under it and the words after them."""

    num: str  # "1.", "(a)", "a."; "" for an unnumbered paragraph
    anchor: str  # "annex1-art27-1", "annex1-art27-1-a", "annex-art1-p1"
    content: list[Inline]
    line: int
    items: list[Provision] = field(default_factory=list)
    continuation: list[list[Inline]] = field(default_factory=list)  # words after its items

    @property
    def akn_eid(self) -> str:
        return eid_for_anchor(self.anchor)


@pickled_by_fields
@dataclass(slots=True)
class Article:
    number: int
    title: str  # "Law enforcement cooperation"; "" where the text gives none
    anchor: str  # "annex1-art27"
    line: int
    chapter: str  # the anchor of the chapter it stands in, "" for none
    provisions: list[Provision] = field(default_factory=list)
    heading: str = ""  # its line as printed: "Article 27" ("Article 13." once)

    @property
    def akn_eid(self) -> str:
        return eid_for_anchor(self.anchor)


@pickled_by_fields
@dataclass(slots=True)
class Chapter:
    label: str  # "V"
    title: str  # "International cooperation"
    anchor: str  # "annex-chp5"
    line: int
    heading: str = ""  # its label as printed: "Chapter V", "I."


@pickled_by_fields
@dataclass(slots=True)
class Treaty:
    """A convention or protocol annexed in articles: the annex's items hold its preamble;
    its chapters and articles, then its final clauses ("IN WITNESS WHEREOF ...")."""

    chapters: list[Chapter]
    articles: list[Article]
    final: list[AnnexParagraph] = field(default_factory=list)
    short_title: str = ""  # the edition's (sidecar): "UNTOC", understood by search and "Go to"
    unts: str = ""  # its United Nations Treaty Series reference (sidecar): "2225 UNTS 209"

    @property
    def prefix(self) -> str:
        """Its articles' anchor prefix: "annex1", "annex"."""
        return self.articles[0].anchor.rsplit("-art", 1)[0] if self.articles else ""

    def articles_in(self, chapter: Chapter | None) -> list[Article]:
        return [a for a in self.articles if a.chapter == (chapter.anchor if chapter else "")]


def provisions(items: list[Provision]) -> list[Provision]:
    """Every provision, nested items after their parent, in reading order."""
    return [p for item in items for p in (item, *provisions(item.items))]


@pickled_by_fields
@dataclass(slots=True)
class Annex:
    """A text the resolution annexes (a declaration, a plan of action, a convention in
    articles): its own anchors, never mixed with the resolution's paragraphs."""

    label: str  # "Annex", "Annex II"
    title: str  # "Kyoto Declaration on ..."
    anchor: str  # "annex", "annex-ii"
    items: list[AnnexHeading | AnnexParagraph]  # a treaty's: its preamble
    line: int
    treaty: Treaty | None = None
    of_treaty: bool = False  # the annex of the annexed treaty (after its final clauses)

    def paragraphs(self) -> list[AnnexParagraph]:
        return [item for item in self.items if isinstance(item, AnnexParagraph)]


# --- documents kept packed -----------------------------------------------------------------


class Packable:
    """A document whose body (its paragraphs, footnotes, annexes: most of its memory) can be
    kept packed, compressed, while it is not in use: a big collection's documents would not
    fit in memory at once. Reading a field of a packed body opens it, transparently; the
    ``OPEN_DOCUMENTS`` last opened stay open, and the one opened before them is let go.

    A packed document is read-only: packing again drops the open body and keeps the bytes
    it was packed from. Whatever changes a packed document does so inside ``changing``,
    which keeps it open and packs it anew, as changed, at the end."""

    __slots__ = ()
    BODY: ClassVar[tuple[str, ...]] = ()
    _packed: bytes | None
    _sizes: tuple[int, ...]  # the body's lists' lengths, packed or not

    def pack(self) -> None:
        """Keep the body as it is now, compressed, and let the open one go."""
        if self._packed is not None and not _is_open(self):
            return
        values = tuple(getattr(self, name) for name in self.BODY)
        self._packed = zlib.compress(pickle.dumps(values, protocol=5), PACK_LEVEL)
        self._sizes = tuple(len(value) for value in values)
        _close(self)

    def size_of(self, name: str) -> int:
        """How many items a field of the body holds (paragraphs, footnotes...), without
        opening it: a list of a collection's texts gives each text's counts."""
        if self._packed is None:
            return len(getattr(self, name))
        return self._sizes[self.BODY.index(name)]

    @property
    def packed(self) -> bool:
        return self._packed is not None

    def __getattr__(self, name: str) -> Any:
        # Called only when a field is not set: a packed body's field, read while packed.
        if name in type(self).BODY and object.__getattribute__(self, "_packed") is not None:
            _open(self)
            return object.__getattribute__(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


PACK_LEVEL = 6  # zlib's: a document's body packs to a quarter of its pickle, and opens in half a millisecond
OPEN_DOCUMENTS = 16  # bodies kept open: a page reads its document and the one before it in its series
_opened: OrderedDict[int, Packable] = OrderedDict()  # open packed documents, by id, oldest first
_changing: set[int] = set()  # documents being changed: never packed meanwhile
# The tests' guard: a document let go is checked to be as it was packed (a change made
# outside ``changing`` would be lost; checked, it is an error).
CHECK_UNCHANGED = False


def _read_packed(
    cls: type[Packable], names: tuple[str, ...], values: tuple[Any, ...], packed: bytes, sizes: tuple[int, ...]
) -> Packable:
    """A packed document read back from its pickle: its body stays packed."""
    document = object.__new__(cls)
    for name, value in zip(names, values, strict=True):
        object.__setattr__(document, name, value)
    object.__setattr__(document, "_packed", packed)
    object.__setattr__(document, "_sizes", sizes)
    return document


def _is_open(document: Packable) -> bool:
    return id(document) in _opened


def _open(document: Packable) -> None:
    assert document._packed is not None
    values = pickle.loads(zlib.decompress(document._packed))
    for name, value in zip(document.BODY, values, strict=True):
        object.__setattr__(document, name, value)
    _opened[id(document)] = document
    while len(_opened) > OPEN_DOCUMENTS:
        oldest = next((key for key in _opened if key not in _changing and key != id(document)), None)
        if oldest is None:
            break
        _close(_opened[oldest])


def _close(document: Packable) -> None:
    _opened.pop(id(document), None)
    if CHECK_UNCHANGED and document._packed is not None and all(_has(document, n) for n in document.BODY):
        body = tuple(getattr(document, name) for name in document.BODY)
        # Compared as values: bytes would differ where only the sharing of equal strings does.
        if pickle.loads(zlib.decompress(document._packed)) != body:
            raise AssertionError(f"{getattr(document, 'slug', document)}: changed while packed, outside `changing`")
    for name in document.BODY:
        if _has(document, name):
            object.__delattr__(document, name)


def _has(document: Packable, name: str) -> bool:
    try:
        object.__getattribute__(document, name)
    except AttributeError:
        return False
    return True


@contextmanager
def changing(document: Packable) -> Iterator[None]:
    """Change a document, packed or not: once opened, it stays open meanwhile, and is
    packed again as changed at the end (a document not packed before stays as it is)."""
    key = id(document)
    _changing.add(key)
    try:
        yield
    finally:
        _changing.discard(key)
    if document._packed is not None:
        document.pack()


_spared = 0  # depth of ``collector_spared``


@contextmanager
def collector_spared() -> Iterator[None]:
    """While documents are opened and let go by the thousand: the objects there are now
    (the collection, its index and series) are left out of the cyclic garbage collector's
    walks (``gc.freeze``), and handed back at the end. Opening a packed document makes a
    thousand objects, and the collections they start walked the whole edition again and
    again: two thirds of the time to list a thousand documents' paragraph counts."""
    global _spared
    gc.freeze()
    _spared += 1
    try:
        yield
    finally:
        _spared -= 1
        if not _spared:
            gc.unfreeze()


@contextmanager
def open_documents(count: int) -> Iterator[None]:
    """How many packed documents stay open, for a while (a test's: one, to open every
    document again at each read)."""
    global OPEN_DOCUMENTS
    before, OPEN_DOCUMENTS = OPEN_DOCUMENTS, count
    try:
        yield
    finally:
        OPEN_DOCUMENTS = before


@pickled_by_fields
@dataclass(slots=True)
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
    year: int = 0  # a Security Council resolution's year, part of its symbol: "S/RES/2322 (2016)"
    title_is_editorial: bool = False  # the edition's subject (sidecar): a Council text has no title

    @property
    def adoption_statement(self) -> str:
        """The adoption line as the page states it: an older masthead's capitals ("RESOLUTION
        ADOPTED BY THE GENERAL ASSEMBLY") in the case of the text, with the date and the
        meeting the line itself does not give ("Adopted on 21 November 2022" without one)."""
        line = self.adoption_line
        if line.isupper():
            line = line.capitalize().replace(self.body.lower(), self.body)
        date = f"{self.adoption_date.day} {self.adoption_date:%B %Y}"
        if not line:
            line = f"Adopted on {date}"
        elif date not in line:
            line += f" on {date}"
        if self.meeting and self.meeting not in line:
            line += f", {self.meeting}"
        return line

    @property
    def closing(self) -> str:
        """The meeting line that closes the text ("39th plenary meeting"): the Assembly's
        texts end with it; the Council's state their meeting in the heading only."""
        return "" if self.body == SECURITY_COUNCIL else self.meeting

    @property
    def designation(self) -> str:
        """How the texts name it after "resolution": "77/20", "57/270 B", "2322 (2016)"."""
        if self.body == SECURITY_COUNCIL:
            return f"{self.number} ({self.year})"
        return f"{self.session}/{self.number}"


@pickled_by_fields
@dataclass(slots=True)
class Resolution(Packable):
    slug: str  # "a-res-77-20"
    source_path: str  # relative to the project root
    meta: ResolutionMetadata
    formula: str  # "The General Assembly,", "The Security Council,"
    preamble: list[PreambularParagraph]
    operative: list[OperativeParagraph]
    footnotes: list[Footnote]
    summary: str = ""
    summary_is_editorial: bool = False  # from the sidecar: no rule replaces it
    layout: str = "clean"  # how the source was laid out: "clean" or "pdf" (extracted text)
    artefacts: dict[str, int] = field(default_factory=dict)  # what the parser dropped, by kind
    warnings: list[str] = field(default_factory=list)  # suspicious but legal: "file:line: message"
    # Words the extractor cut in two, joined again by the UN's usage (``parse/usage.py``).
    repairs: list[Repair] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    divisions: list[Division] = field(default_factory=list)  # parts or headings, in order
    # The Council's legal basis between preamble and operative part, kept as what it is, no
    # preambular paragraph: "Acting under Chapter VII of the Charter of the United Nations,".
    basis: str = ""
    kind: Literal["resolution"] = "resolution"
    _packed: bytes | None = field(default=None, init=False, repr=False, compare=False)
    _sizes: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)
    BODY: ClassVar[tuple[str, ...]] = ("preamble", "operative", "footnotes", "annexes", "divisions")

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
        return sum(len(subparagraphs(op.subparagraphs)) for op in self.operative)

    def citation(self, anchor: str) -> str:
        """The citation text for one of this resolution's anchors."""
        return citation(self.meta.symbol, anchor)

    def sections(self) -> list[tuple[Division | None, list[PreambularParagraph], list[OperativeParagraph]]]:
        """The text as the page shows it: one section (no part) with the whole preamble and
        operative part, or one per part, each with its own preambular and operative
        paragraphs. Headings inside one run of numbers do not make sections."""
        parts = [d for d in self.divisions if d.numbered_apart]
        if not parts:
            return [(None, self.preamble, self.operative)]
        by_part: dict[str, tuple[list[PreambularParagraph], list[OperativeParagraph]]] = {}
        for p in self.preamble:
            by_part.setdefault(p.part, ([], []))[0].append(p)
        for op in self.operative:
            by_part.setdefault(op.part, ([], []))[1].append(op)
        out: list[tuple[Division | None, list[PreambularParagraph], list[OperativeParagraph]]] = []
        if "" in by_part:  # paragraphs before the first part
            out.append((None, *by_part[""]))
        for division in parts:
            out.append((division, *by_part.get(division.prefix, ([], []))))
        return out

    def headings_before(self, anchor: str) -> list[Division]:
        """The headings (not parts) that open the paragraph ``anchor``: one, as a rule; more
        when a heading stands over a table and the next over the paragraph after it."""
        return [d for d in self.divisions if not d.numbered_apart and d.first == anchor]


@pickled_by_fields
@dataclass(slots=True)
class Heading:
    level: int  # 2..6 on the page (the page title is level 1)
    text: str
    anchor: str


@pickled_by_fields
@dataclass(slots=True)
class Paragraph:
    content: list[Inline]
    anchor: str  # "p3"
    line: int


@pickled_by_fields
@dataclass(slots=True)
class BulletList:
    items: list[list[Inline]]
    anchor: str
    line: int


Block = Heading | Paragraph | BulletList


@pickled_by_fields
@dataclass(slots=True)
class RelatedDocument(Packable):
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
    _packed: bytes | None = field(default=None, init=False, repr=False, compare=False)
    _sizes: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)
    BODY: ClassVar[tuple[str, ...]] = ("blocks",)

    @property
    def url_path(self) -> str:
        return f"documents/{self.slug}/"


Document = Resolution | RelatedDocument


# --- one walker over a document's running text ------------------------------------------


@pickled_by_fields
@dataclass(slots=True)
class Run:
    """One run of a document's running text: the paragraph it belongs to (its anchor and
    its line in the source) and its inlines, which an annotator may replace."""

    anchor: str
    line: int
    inlines: list[Inline]
    holder: object  # the object or list that holds the inlines
    key: str | int  # its attribute name or list index

    @property
    def label(self) -> str:
        """ "para. 17 (a)", "preambular para. 3", "footnote 5": how a citation names it."""
        return label(self.anchor)

    def replace(self, inlines: list[Inline]) -> None:
        if isinstance(self.key, int):
            self.holder[self.key] = inlines  # type: ignore[index]
        else:
            setattr(self.holder, self.key, inlines)
        self.inlines = inlines


def subparagraphs(subs: list[Subparagraph]) -> list[Subparagraph]:
    """Every subparagraph, nested ones after their parent, in reading order."""
    return [item for sub in subs for item in (sub, *subparagraphs(sub.subparagraphs))]


def _provision_runs(p: Provision) -> list[Run]:
    """A provision's words, its items', then its words after them, as they are read."""
    out = [Run(p.anchor, p.line, p.content, p, "content")]
    for item in p.items:
        out += _provision_runs(item)
    return out + [Run(p.anchor, p.line, c, p.continuation, i) for i, c in enumerate(p.continuation)]


def runs(document: Document) -> list[Run]:
    """Every run of running text, in reading order: preamble, operative paragraphs (their
    subparagraphs, then any text after them), annexes, footnotes; for other documents their
    paragraphs and list items. Headings, titles and metadata are not running text."""
    out: list[Run] = []
    if isinstance(document, Resolution):
        out += [Run(p.anchor, p.line, p.content, p, "content") for p in document.preamble]
        for op in document.operative:
            out.append(Run(op.anchor, op.line, op.content, op, "content"))
            out += [Run(s.anchor, s.line, s.content, s, "content") for s in subparagraphs(op.subparagraphs)]
            out += [Run(op.anchor, op.line, c, op.continuation, i) for i, c in enumerate(op.continuation)]
        for annex in document.annexes:
            out += [Run(p.anchor, p.line, p.content, p, "content") for p in annex.paragraphs()]
            if annex.treaty is not None:
                for article in annex.treaty.articles:
                    for provision in article.provisions:
                        out += _provision_runs(provision)
                out += [Run(p.anchor, p.line, p.content, p, "content") for p in annex.treaty.final]
        out += [Run(footnote_anchor(n.number), n.line, n.content, n, "content") for n in document.footnotes]
    else:
        for block in document.blocks:
            if isinstance(block, Paragraph):
                out.append(Run(block.anchor, block.line, block.content, block, "content"))
            elif isinstance(block, BulletList):
                out += [Run(block.anchor, block.line, item, block.items, i) for i, item in enumerate(block.items)]
    return out


def paragraphs(document: Document) -> list[tuple[str, str, list[Inline]]]:
    """(anchor, label, inlines) per paragraph: the runs that share an anchor, joined by a
    space (a paragraph's words after its items, a list's items: each a block of its own on
    the page, words apart in the paragraph's text)."""
    merged: dict[str, tuple[str, str, list[Inline]]] = {}
    for run in runs(document):
        if run.anchor in merged:
            merged[run.anchor][2].extend([Text(" "), *run.inlines])
        else:
            merged[run.anchor] = (run.anchor, run.label, list(run.inlines))
    return list(merged.values())


def has_paragraph_entries(document: Document) -> bool:
    """The document has paragraphs, each with a search entry of its own (see
    ``site/search_index.py``): its page gives the search only its title and headings."""
    return bool(runs(document))


@pickled_by_fields
@dataclass(slots=True)
class Collection:
    """The documents of the edition; what the annotators find is in ``edition.Edition``."""

    resolutions: list[Resolution]
    documents: list[RelatedDocument]

    def all(self) -> list[Document]:
        return [*self.resolutions, *self.documents]

    def by_symbol(self) -> dict[str, Resolution]:
        return {r.meta.symbol: r for r in self.resolutions}
