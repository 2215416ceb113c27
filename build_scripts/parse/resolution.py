"""Parse a General Assembly resolution in the usual UN layout into the model.

Stages, each a small function:
  split_header     the masthead and title, up to the formula "The General Assembly,"
  parse_header     masthead lines -> ResolutionMetadata
  classify         body blocks -> footnote texts, operative starts, subparagraphs, text
  assemble         page-break repair: blocks -> preambular / operative paragraphs
  check_footnotes  every call has a text and every text is called
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from ..conventions import (
    COUNCIL_SYMBOL,
    DATE,
    DOCUMENT_SYMBOL,
    GENERAL_ASSEMBLY,
    RESOLUTION_SYMBOL,
    SECURITY_COUNCIL,
    annex_anchor,
    council_symbol,
    eid_for_anchor,
    long_date,
    operative_anchor,
    parse_date,
    part_prefix,
    preamble_anchor,
    roman_value,
    subparagraph_anchor,
    treaty_prefix,
)
from ..errors import SourceError
from ..model import (
    Annex,
    AnnexHeading,
    AnnexParagraph,
    Division,
    Footnote,
    FootnoteRef,
    Inline,
    OperativeParagraph,
    PreambularParagraph,
    Resolution,
    ResolutionMetadata,
    Subparagraph,
    Text,
    first_words,
    plain_text,
    runs,
)
from .blocks import Block, split_blocks
from .inline import SUPERSCRIPT_RUN, italic_opening, merge_text, parse_inline, strip_inlines, superscript_value
from .layout_pdftotext import looks_like_pdftotext
from .layout_pdftotext import read as read_pdftotext
from .layout_pymupdf import normalise
from .repair import join_split
from .sources import SourceText
from .treaty import FINAL, is_treaty, parse_treaty, starts_treaty_body

# "The General Assembly," or "The Security Council," opens the preamble and says whose the
# text is; budget texts print it without the comma.
ORGANS = rf"{GENERAL_ASSEMBLY}|{SECURITY_COUNCIL}"
FORMULA = re.compile(rf"^\W*The (?P<organ>{ORGANS}),?\W*$")
FORMULA_IN_LINE = re.compile(rf"The (?:{ORGANS}),\**\s*$|^\s*The (?:{ORGANS})\s*$")
# The opening words of a preambular paragraph: "Recalling", "Reaffirming also", "Deeply concerned".
PREAMBLE_START = re.compile(r"^\*?(?:[A-Z][a-z]+ing|Deeply|Convinced|Concerned|Aware|Mindful|Bearing)\b[ *]")
# "77/20. Cooperation between ..." or "77/20." alone, the title on the lines after it.
TITLE_LINE = re.compile(r"^(?P<session>S-\d+|ES-\d+|\d+)/(?P<number>\d+(?: [A-Z])?)\.(?:\s+(?P<title>.+))?$")
# Older mastheads set it in capitals and without a date: "RESOLUTION ADOPTED BY THE GENERAL ASSEMBLY".
ADOPTION = re.compile(r"^Resolution adopted by the (?P<body>.+?)(?: on " + DATE + r")?$", re.I)
# The Council's masthead: "Resolution 2322 (2016)", then "Adopted by the Security Council at
# its 7831st meeting, on" and the date on the next line.
COUNCIL_TITLE = re.compile(r"^Resolution (?P<number>\d{1,4}) \((?P<year>\d{4})\)$")
COUNCIL_ADOPTION = re.compile(
    rf"^Adopted by the (?P<body>{SECURITY_COUNCIL}) at its (?P<meeting>\d+(?:st|nd|rd|th) meeting),? on(?: {DATE})?$"
)
# What the Council acts under, between its preamble and its decisions: the legal basis.
BASIS = re.compile(r"^Acting under (?:Chapter [IVX]+|Articles? \d+)\b.*,$", re.S)
PROCEDURE = re.compile(r"^\[(?P<procedure>.+)\]$")
AGENDA = re.compile(r"^Agenda items? (?P<items>.+)$")
SESSION = re.compile(r"^(?P<name>[A-Z][\w -]* session)$")
DISTRIBUTION = re.compile(r"^Distr\.:? ?(?P<kind>\w+)?(?: (?P<date>" + DATE + r"))?$")
ORIGINAL = re.compile(r"^Original: ?(?P<language>\w+)$")
SYMBOL_LINE = re.compile(r"^A/RES/\S+$|^S/RES/\d+ \(\d{4}\)$")
BODY_LINE = re.compile(rf"^(?:{ORGANS})$")
DATE_LINE = re.compile(r"^" + DATE + r"$")
CLOSING = re.compile(r"^\W*(?P<meeting>\d+(?:st|nd|rd|th) (?:\(resumed\) )?plenary meeting)\W*(?:" + DATE + r")?\W*$")

OPERATIVE_START = re.compile(r"^(?P<number>\d+)\.\s+(?P<text>\S.*)$", re.S)
# "(a )" with a stray space is how one extractor gives "(a)".
# Some Council resolutions letter their items "a.", "b." (printed so on their pages).
SUBPARAGRAPH_START = re.compile(r"^(?:\( ?(?P<label>[a-z]{1,4}) ?\)|(?P<letter>[a-z])\.)\s+(?P<text>\S.*)$", re.S)
FOOTNOTE_TEXT = re.compile(rf"^(?P<marker>{SUPERSCRIPT_RUN})\s*(?P<text>\S.*)$", re.S)
ITALIC_ACTION = re.compile(r"^\*(?P<phrase>[^*]+)\*\s*(?P<rest>.*)$", re.S)
# Without italics (older web texts, PDF extractions): the words before the verb's object or
# the first comma: adverbs, a verb in the third person ("Re-emphasizes" too) and the few
# particles that belong to the phrase ("Calls upon", "Takes note with appreciation").
PLAIN_ACTION = re.compile(
    r"^(?P<phrase>(?:In this (?:regard|context|respect), )?"  # "In this regard, requests"
    r"(?:(?:[A-Za-z]+ly|[Aa]lso|[Ff]urther|[Oo]nce again|[Aa]gain|[Ss]till|[Hh]ereby|[Nn]ow) )*"
    r"[A-Z]?[a-z]+(?:-[a-z]+)*s(?: (?:upon|for|on|note|its (?:invitation|call|request)"
    r"|(?:its )?(?:deep |grave )?(?:concern|appreciation|gratitude)))?"
    r"(?: with (?:deep |grave )?(?:appreciation|satisfaction|concern))?)"
    r"(?P<rest>(?:[\s,:;].*)?)$",
    re.S,
)
# The opening of an unnumbered operative paragraph: an action phrase whose verb is in the
# present ("Approves", "Takes note", "Decides:"); "Conscious of" and "Having" open recitals.
SOLE_OPERATIVE = re.compile(r"^(?:(?:[A-Z][a-z]+ly|Also|Further) )?[A-Z][a-z]+(?:-[a-z]+)*(?<!ou)(?<!s)s(?=[\s,:])")
# Roman numerals from (i) to (xxxix): a long list under one subparagraph runs past (xii).
ROMAN = re.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$")
PREAMBLE_CLOSERS = (",", ";", ":", ".")
# A page break may fall right after a comma inside an operative paragraph.
OPERATIVE_CLOSERS = (";", ":", ".")


def plain(text: str) -> str:
    """Header text without Markdown links or emphasis."""
    text = re.sub(r"\[([^\[\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"\s+", " ", text.replace("*", " ")).strip()


# --- header ---------------------------------------------------------------------------


def split_header(source: SourceText) -> tuple[list[tuple[int, str]], int]:
    """Return the header lines (number, text) and the line number after the formula.

    Broken emphasis runs ("**", "***") glue header elements together in some copies;
    in the header they only ever separate elements, so they become line breaks.
    """
    lines = source.text.split("\n")
    for index, line in enumerate(lines):
        if FORMULA_IN_LINE.search(line):
            header: list[tuple[int, str]] = []
            for number, raw in enumerate(lines[: index + 1], 1):
                for piece in re.split(r"\*+", raw):
                    if piece.strip():
                        header.append((number, plain(piece)))
            return header, index + 2
    # Say where it was expected: before the first line that reads like a preambular paragraph.
    first = next((n for n, line in enumerate(lines, 1) if PREAMBLE_START.match(line)), None)
    title = next((n for n, line in enumerate(lines, 1) if TITLE_LINE.match(plain(line))), None)
    if first is not None and title is not None and title < first:
        # Some extractions drop the formula's line: the masthead and the title ("78/225. ...")
        # then run straight into the first recital, where the preamble begins.
        header = [
            (number, plain(piece))
            for number, raw in enumerate(lines[: first - 1], 1)
            for piece in re.split(r"\*+", raw)
            if piece.strip()
        ]
        return header, first
    if first is not None:
        found = " ".join(lines[first - 1].split()[:4])
        raise SourceError(
            source.path,
            first,
            f"expected the line 'The General Assembly,' before the preamble; found {found!r}… with none before it",
        )
    raise SourceError(
        source.path,
        None,
        "expected the line 'The General Assembly,' that opens the preamble; none found",
    )


def parse_header(source: SourceText, header: list[tuple[int, str]]) -> ResolutionMetadata:
    """The masthead, element by element: each line is recognised by its own pattern, and
    lines that are none of them continue the element before (the title, the agenda item's
    title) or are kept verbatim (``masthead_extra``), so that no word of it is lost."""
    fields: dict[str, object] = {"agenda_items": [], "masthead_extra": [], "draft_symbols": []}
    symbol = ""
    title_parts: list[str] = []
    agenda_title: list[str] = []
    state = ""
    for text in masthead_elements(header):
        if FORMULA.match(text):
            break
        if m := TITLE_LINE.match(text):
            fields["session"] = int(m["session"]) if m["session"].isdigit() else 0
            fields["number"] = m["number"]
            session_part = m["session"]
            symbol = symbol or f"A/RES/{session_part}/{m['number']}"
            title_parts = [m["title"]] if m["title"] else []
            state = "title"
        elif m := COUNCIL_TITLE.match(text):
            fields["number"], fields["year"], fields["session"] = m["number"], int(m["year"]), 0
            symbol = symbol or council_symbol(m["number"], m["year"])
            state = ""
        elif m := COUNCIL_ADOPTION.match(text):
            fields["adoption_line"] = text
            fields["body"] = m["body"]
            fields["meeting"] = m["meeting"]
            if m[3]:
                fields["adoption_date"] = parse_date(m[3], m[4], m[5])
            state = ""
        elif m := ADOPTION.match(text):
            fields["adoption_line"] = text
            fields["body"] = "General Assembly" if m["body"].isupper() else m["body"]
            if m[2]:
                fields["adoption_date"] = parse_date(m[2], m[3], m[4])
            state = ""
        elif m := PROCEDURE.match(text):
            fields["procedure"] = m["procedure"]
            fields.update(procedure_references(m["procedure"]))
            state = ""
        elif m := AGENDA.match(text):
            fields["agenda_items"] = [item.strip() for item in re.split(r",\s*|\s+and\s+", m["items"]) if item.strip()]
            state = "agenda"
        elif m := DISTRIBUTION.match(text):
            if m["kind"]:
                fields["distribution"] = m["kind"]
            if m["date"]:
                fields["distribution_date"] = parse_date(m[3], m[4], m[5])
            state = "distribution"
        elif state == "distribution" and "distribution" not in fields and text.isalpha():
            fields["distribution"] = text.capitalize()  # "Distr." / "GENERAL"
        elif state == "distribution" and (m := DATE_LINE.match(text)):
            fields["distribution_date"] = parse_date(m[1], m[2], m[3])
            state = ""
        elif m := ORIGINAL.match(text):
            fields["original_language"] = m["language"]
        elif m := SESSION.match(text):
            fields["session_name"] = m["name"]
            state = ""
        elif SYMBOL_LINE.match(text):
            symbol = text
        elif BODY_LINE.match(text):
            fields["body"] = text
        elif state == "title":
            title_parts.append(text)
        elif state == "agenda":
            agenda_title.append(text)
        else:
            extra = fields["masthead_extra"]
            assert isinstance(extra, list)
            # The organisation's name in an older masthead's capitals, in the case of the text.
            extra.append("United Nations" if text == "UNITED NATIONS" else text)
    if fields.get("body") == SECURITY_COUNCIL:
        # The Council's resolutions have no title: the page shows the subject the edition
        # gives it (the sidecar's 'title'), marked as the edition's.
        # Without one (``find_warnings`` asks for it), the page is named by its number.
        given = source.sidecar.title
        title_parts = [given or f"Resolution {fields.get('number', '')} ({fields.get('year', '')})"]
        fields["title_is_editorial"] = bool(given)
    if not title_parts:
        raise SourceError(
            source.path,
            header[-1][0] if header else None,
            "expected the resolution's number and title before 'The General Assembly,' "
            "(a line such as '77/20. Cooperation between ...')",
        )
    fields["title"] = " ".join(title_parts)
    fields["agenda_title"] = " ".join(agenda_title)
    fields.setdefault("adoption_date", None)
    return ResolutionMetadata(symbol=symbol, **fields)  # type: ignore[arg-type]


def masthead_elements(header: list[tuple[int, str]]) -> list[str]:
    """The header's lines with the elements wrapped over several lines joined back:
    "Resolution adopted by the General Assembly" / "on 26 November 2018", and a bracketed
    procedure over two lines."""
    elements: list[str] = []
    i = 0
    while i < len(header):
        text = header[i][1]
        i += 1
        if (ADOPTION.match(text) or COUNCIL_ADOPTION.match(text)) and not re.search(DATE + "$", text):
            while i < len(header) and (re.match(r"^(?:on|by|Assembly)\b", header[i][1]) or text.endswith(" on")):
                text += " " + header[i][1]
                i += 1
        if text == "UNITED" and i < len(header) and header[i][1] == "NATIONS":  # an older masthead's logo
            text += " " + header[i][1]
            i += 1
        if text.startswith("[") and "]" not in text:
            while i < len(header) and "]" not in text:
                text += " " + header[i][1]
                i += 1
        elements.append(text)
    return elements


def procedure_references(procedure: str) -> dict[str, object]:
    """The draft symbols and report paragraph named by "[without reference to a Main
    Committee (A/71/L.17 and Add.1)]" or "[on the report of the Third Committee (A/77/464,
    para. 31)]"; "Add.1" after a symbol is an addendum to it."""
    found: dict[str, object] = {}
    inner = re.search(r"\(([^()]*)\)\s*$", procedure)
    if not inner:
        return found
    parts = [p.strip() for p in re.split(r",|\band\b", inner.group(1))]
    drafts: list[str] = []
    for part in parts:
        if re.match(r"^(?:Add|Corr|Rev)\.\d+$", part) and drafts:
            drafts.append(f"{drafts[-1]}/{part}")
        elif "/" in part:
            drafts.append(part)
    found["draft_symbols"] = drafts
    para = [p for p in parts if p.startswith("para")]
    if para:
        found["report_paragraph"] = para[0].split(maxsplit=1)[-1]
    return found


# --- body -----------------------------------------------------------------------------


@dataclass
class Unit:
    """A paragraph being assembled from one or more blocks (page-break repair)."""

    kind: str  # "pp", "op", "sub"
    line: int
    parts: list[str]  # joined with a space: the pieces of one paragraph cut by page breaks
    number: int = 0
    label: str = ""
    extra: list[list[str]] = field(default_factory=list)  # later paragraphs inside the unit
    subs: list[Unit] = field(default_factory=list)  # subparagraphs, in order
    list_numbers: list[int] = field(default_factory=list)  # a numbered list inside the paragraph
    in_list: bool = False  # a preambular paragraph whose lettered list has begun
    numbered: bool = True  # False: the one operative paragraph, printed without "1."
    division: int = -1  # the index of the part or heading it stands under, -1 for none
    printed: str = ""  # a subparagraph's label as printed when not "(a)": "a."

    def last_text(self) -> str:
        return (self.extra[-1] if self.extra else self.parts)[-1]

    def add(self, text: str) -> None:
        (self.extra[-1] if self.extra else self.parts).append(text)

    def is_closed(self) -> bool:
        """True when the text so far ends a paragraph (footnote calls aside)."""
        tail = re.sub(rf"({SUPERSCRIPT_RUN}|\*|\s)+$", "", self.last_text())
        return tail.endswith(PREAMBLE_CLOSERS if self.kind == "pp" else OPERATIVE_CLOSERS)

    def opens_list(self) -> bool:
        """True when the text so far ends with a colon: a list follows."""
        return re.sub(rf"({SUPERSCRIPT_RUN}|\*|\s)+$", "", self.last_text()).endswith(":")


@dataclass
class DivisionUnit:
    """A part or heading as read: its label ("A", "II"), its title, and what it opens."""

    label: str
    title: list[str]
    line: int
    apart: bool = False  # its paragraphs are numbered from 1 again: a part, not a heading
    top: bool = True  # of the first label's kind (roman or letter), not a heading inside a part
    formula: str = ""  # a part's own "The General Assembly,"
    closing: str = ""  # the meeting line that closes a part, when each part has its own


def _same_kind(label: str, first: str) -> bool:
    """A label numbered as the text's first one: roman after "I" ("II", "XIV"), else a letter."""
    if first == "I" or len(first) > 1:
        return re.fullmatch(r"[IVXL]+", label) is not None and roman_value(label) is not None
    return len(label) == 1


def classify(block: Block) -> str:
    text = block.text
    if FOOTNOTE_TEXT.match(text):
        return "footnote"
    if CLOSING.match(text):
        return "closing"
    if OPERATIVE_START.match(text):
        return "op"
    if SUBPARAGRAPH_START.match(text):
        return "sub"
    return "text"


@dataclass
class Body:
    """The body as read block by block: paragraphs being assembled, footnotes, the closing
    lines, and the blocks of an annex (read apart, after the closing lines)."""

    source: SourceText
    preamble: list[Unit] = field(default_factory=list)
    operative: list[Unit] = field(default_factory=list)
    footnotes: dict[int, Footnote] = field(default_factory=dict)
    closing: tuple[str, dt.date | None] | None = None
    annex: list[Block] = field(default_factory=list)
    current: Unit | None = None  # the paragraph that a continuation would continue
    divisions: list[DivisionUnit] = field(default_factory=list)
    division_open: bool = False  # a part or heading began since the last operative paragraph
    titling: bool = False  # the block read next is the title of a bare label ("II" alone)
    run_start: int = 0  # where the current run of operative numbers starts in ``operative``
    following: Block | None = None  # the next block of text (footnote texts skipped)
    basis: tuple[str, int] | None = None  # "Acting under Chapter VII of the Charter ...," and its line

    @property
    def part(self) -> int:
        """The index of the part (a division of the first label's kind) read now, or -1."""
        return max((i for i, d in enumerate(self.divisions) if d.top), default=-1)

    def error(self, block: Block, message: str) -> SourceError:
        return SourceError(self.source.path, block.line, message, block.text)

    def read(self, block: Block) -> None:
        kind, text = classify(block), block.text
        if kind != "footnote" and (self.annex or (self.closing is not None and ANNEX_LINE.match(text))):
            self.annex.append(block)
        elif kind == "footnote":
            self.footnote(block)
        elif self.titling and kind == "text" and not _closes(text):
            self.divisions[-1].title.append(text)
            self.titling = False
        elif DIVISION_LABEL.match(block.lines[0]) and (self.closing is None or self.divisions):
            self.division(block)
        elif FORMULA.match(text) and self.divisions and not self.divisions[-1].formula:
            self.divisions[-1].formula = text  # a part's own formula
        elif self.closing is not None:
            self.after_closing(block)
        elif kind == "text" and self.is_heading(block):
            # A heading without a label ("Final report", "Scope") over the paragraphs after it.
            self.divisions.append(DivisionUnit("", [text], block.line, top=False))
            self.current = None
        elif kind == "closing":
            m = CLOSING.match(text)
            assert m is not None
            self.closing = (m["meeting"], parse_date(m[2], m[3], m[4]) if m[2] else None)
        elif kind == "op":
            self.operative_paragraph(block)
        elif kind == "sub":
            self.subparagraph(block)
        else:
            self.text(block)

    def footnote(self, block: Block) -> None:
        m = FOOTNOTE_TEXT.match(block.text)
        assert m is not None
        number = superscript_value(m["marker"])
        if number in self.footnotes:
            first = self.footnotes[number].line
            raise self.error(block, f"footnote {number} has two texts (the first at line {first})")
        self.footnotes[number] = Footnote(number, parse_inline(m["text"]), block.line)

    def introduces_numbered(self, text: str) -> bool:
        """The text ends with a colon and paragraph 1 follows."""
        following = OPERATIVE_START.match(self.following.text) if self.following else None
        return text.rstrip().endswith(":") and following is not None and following["number"] == "1"

    def is_heading(self, block: Block) -> bool:
        """A short line that ends no sentence, after a paragraph that is complete, before a
        numbered paragraph or a recital: a heading, not the start of a paragraph cut by a
        page break (whose next block would continue it)."""
        text, current, following = block.text, self.current, self.following
        if (current is not None and not current.is_closed()) or _closes(text) or not text[:1].isupper():
            return False
        if len(text.split()) > HEADING_WORDS or following is None or following.text[:1].islower():
            return False
        if OPERATIVE_START.match(following.text) and self.operative and not SOLE_OPERATIVE.match(text):
            # Between operative paragraphs ("Countering Violent Extremism ..." before 15.),
            # a participle opens no recital.
            return True
        if PREAMBLE_START.match(text) or SOLE_OPERATIVE.match(text):
            return False  # a recital or a paragraph whose closing comma the extraction lost
        return bool(OPERATIVE_START.match(following.text) or PREAMBLE_START.match(following.text))

    def division(self, block: Block) -> None:
        """A part ("A" or "II", then its title) or a heading over operative paragraphs."""
        label = DIVISION_LABEL.match(block.lines[0])["label"]  # type: ignore[index]
        if self.closing is not None and self.divisions:
            # Each part closes with its own meeting line: it belongs to the part before.
            meeting, date = self.closing
            self.divisions[-1].closing = f"{meeting} {long_date(date)}".strip()
            self.closing = None
        # Labels of another kind than the first ("A." under "II") are headings inside a part.
        first = next((d.label for d in self.divisions if d.label), None)  # headings have none
        top = first is None or _same_kind(label, first)
        self.divisions.append(DivisionUnit(label, list(block.lines[1:]), block.line, top=top))
        self.titling = len(block.lines) == 1
        self.division_open = top
        if top:
            self.current = None

    def after_closing(self, block: Block) -> None:
        assert self.closing is not None
        if self.closing[1] is None and (m := DATE_LINE.match(block.text)):
            self.closing = (self.closing[0], parse_date(m[1], m[2], m[3]))  # the date on its own line
            return
        raise self.error(block, "expected nothing but footnote texts after the closing meeting line")

    def operative_paragraph(self, block: Block) -> None:
        m = OPERATIVE_START.match(block.text)
        assert m is not None
        number = int(m["number"])
        run = self.operative[self.run_start :]
        if number == 1 and run and self.division_open:
            # A part numbered from 1 again ("II", its preamble, "1. ..."): every part is one.
            self.divisions[self.part].apart = True
            self.run_start, run = len(self.operative), []
        expected = run[-1].number + 1 if run else 1
        current = self.current
        if number != expected and current is not None and current.kind == "op":
            # "1." to "7." of a provisional agenda inside an operative paragraph.
            listed = current.list_numbers
            # A list, or a numbered text quoted after a colon ("Article 9, new paragraph 4:"
            # then "4. In hearing ..."): a number lower than the next paragraph's is no paragraph.
            opens = not listed and current.opens_list() and (number == 1 or number < expected)
            if opens or (listed and number == listed[-1] + 1):
                listed.append(number)
                current.extra.append([block.text])
                return
        if number != expected:
            problem = "repeated" if any(u.number == number for u in self.operative) else "out of order"
            raise self.error(block, f"operative paragraph {number} is {problem}: expected paragraph {expected}")
        self.current = Unit("op", block.line, [m["text"]], number=number, division=self.part)
        self.division_open = False
        self.operative.append(self.current)

    def subparagraph(self, block: Block) -> None:
        m = SUBPARAGRAPH_START.match(block.text)
        assert m is not None
        if not self.operative:
            current = self.current
            if current is not None and current.kind == "pp" and (current.opens_list() or current.in_list):
                # A list inside a preambular paragraph ("Reaffirming that the Plan was
                # developed:" then "(a) To promote ...,"): its items stay in the paragraph's
                # words, labels and all, so that its number and its citation do not move.
                current.in_list = True
                current.add(block.text)
                return
            raise self.error(block, f"subparagraph ({m['label'] or m['letter']}) outside any operative paragraph")
        label = m["label"] or m["letter"]
        self.current = Unit("sub", block.line, [m["text"]], label=label, printed="" if m["label"] else f"{label}.")
        self.operative[-1].subs.append(self.current)

    def text(self, block: Block) -> None:
        """A new preambular paragraph, or the continuation of a paragraph cut by a page
        break: a block that does not end a paragraph continues, whatever its first letter."""
        text, current = block.text, self.current
        continues = current is not None and (text[:1].islower() or not current.is_closed())
        if continues:
            assert current is not None
            current.add(text)
        elif not self.operative and SOLE_OPERATIVE.match(text) and self.introduces_numbered(text):
            # "Resolves that:" over paragraphs "1. The Fund shall ...": a chapeau whose
            # sentence each numbered paragraph continues (they have no action phrase).
            self.divisions.append(DivisionUnit("", [text], block.line, top=False))
            self.current = None
        elif not self.operative and SOLE_OPERATIVE.match(text) and _closes(text):
            # A resolution with one operative paragraph prints it without a number
            # ("Takes note of the report ..."): a verb in the present, not a participle.
            self.current = Unit("op", block.line, [text], number=1, numbered=False)
            self.operative.append(self.current)
        elif not self.operative and not self.basis and BASIS.match(unmarked := " ".join(text.replace("*", "").split())):
            self.basis = (unmarked, block.line)  # its emphasis is the page's to set
            self.current = None
        elif not self.operative or self.division_open:
            if self.operative:  # a preamble after operative paragraphs: the text is in parts
                self.divisions[self.part].apart = True
                self.run_start = len(self.operative)
            division = self.part
            number = sum(1 for u in self.preamble if u.division == division) + 1
            self.current = Unit("pp", block.line, [text], number=number, division=division)
            self.preamble.append(self.current)
        else:
            # Text after the subparagraphs, in the same operative paragraph.
            paragraph = self.operative[-1]
            paragraph.extra.append([text])
            self.current = paragraph


def parse_body(source: SourceText, blocks: list[Block]) -> Body:
    body = Body(source)
    pieces = [piece for block in blocks for piece in split_at_closing(block)]
    for index, piece in enumerate(pieces):
        body.following = next((p for p in pieces[index + 1 :] if not FOOTNOTE_TEXT.match(p.text)), None)
        body.read(piece)
    return body


def split_at_closing(block: Block) -> list[Block]:
    """A closing meeting line set right under the last paragraph, with no blank line
    between them, still closes it: the block is cut before that line."""
    for index, line in enumerate(block.lines[1:], 1):
        if CLOSING.match(line):
            return [Block(block.lines[:index], block.line), Block(block.lines[index:], block.line + index)]
    return [block]


HEADING_WORDS = 12  # a heading without a label is a short line
# The label of a part or of a heading of the resolution's own text, alone on its line: "A",
# "II", "B." (its title follows, on the next lines or in the next block).
DIVISION_LABEL = re.compile(r"^(?P<label>[A-Z]|[IVXL]+)\.?$")
ANNEX_LINE = re.compile(r"^Annex(?: (?P<number>[IVX]+))?$")
ANNEX_HEADING_WORDS = 25  # a heading is short and does not close like a paragraph
LABELLED_HEADING_WORDS = 40  # "B. Scale up climate action ... and the Paris Agreement" runs longer


# "II. Our changed world", "A. Build resilient economies": a labelled heading of an annex.
SECTION_HEADING = re.compile(r"^(?P<label>[IVXL]+|[A-Z])\.\s+(?P<title>\S.*)$", re.S)
# "Rule 8 Acting President", "Article 27 Law enforcement cooperation": a numbered division.
NUMBERED_HEADING = re.compile(r"^(?P<kind>Rule|Article)\s+(?P<number>\d+)\b")


def parse_annexes(source: SourceText, blocks: list[Block]) -> list[Annex]:
    """The annexes after the closing lines, each from its "Annex" or "Annex II" line. An
    annex in articles is a treaty (``treaty.parse_treaty``); an "Annex" after a treaty's
    final clauses, when the resolution's own annex was "Annex" too, is the treaty's annex."""
    starts = [i for i, block in enumerate(blocks) if ANNEX_LINE.match(block.text)]
    pieces = [blocks[a:b] for a, b in itertools.pairwise([*starts, len(blocks)])]
    treaties = sum(1 for p in pieces if is_treaty(p[1:]))
    annexes: list[Annex] = []
    for piece in pieces:
        own = bool(annexes) and annexes[-1].treaty is not None and piece[0].text == annexes[-1].label == "Annex"
        own = own and any(FINAL.match(b.text) for b in pieces[len(annexes) - 1])
        if own or is_treaty(piece[1:]):
            number = ANNEX_LINE.match(piece[0].text)["number"]  # type: ignore[index]
            annexes.append(parse_treaty_annex(source, piece, treaty_prefix(number, treaties, own), own))
        else:
            annexes.append(parse_annex(source, piece))
    found = {a.label.removeprefix("Annex").strip() for a in annexes if a.treaty is not None and not a.of_treaty}
    for named in source.sidecar.treaties:
        if named["annex"] not in found:
            where = f"'Annex {named['annex']}'" if named["annex"] else "an annex"
            raise SourceError(
                source.path.removesuffix(".txt") + ".yml",
                None,
                f"the sidecar names the treaty {named['short_title']!r} in {where}, which is no treaty in articles "
                f"(treaties found in: {', '.join(repr(f or 'Annex') for f in sorted(found)) or 'none'})",
            )
    return annexes


def parse_treaty_annex(source: SourceText, blocks: list[Block], prefix: str, own: bool) -> Annex:
    """An annex that is a convention or protocol: its title, then the treaty's grammar."""
    label = blocks[0].text
    number = ANNEX_LINE.match(label)["number"]  # type: ignore[index]
    rest = blocks[1:]
    title: list[str] = []
    # Its title runs to its preamble or first article: "United Nations Convention against
    # Cybercrime;" and its subtitle are one title.
    while rest and not starts_treaty_body(rest[0].text) and len(rest[0].text.split()) <= LABELLED_HEADING_WORDS:
        title.append(" ".join(rest.pop(0).text.split()))
    if not title:
        raise SourceError(source.path, blocks[0].line, f"expected the title of the annex after '{label}'")
    items, treaty = parse_treaty(source, rest, prefix)
    named = next((t for t in source.sidecar.treaties if t["annex"] == (number or "") and not own), None)
    if named:
        treaty.short_title, treaty.unts = named["short_title"], named.get("unts", "")
    anchor = "annex-annex" if own else "annex" + (f"-{number.lower()}" if number else "")
    return Annex(label, " ".join(title), anchor, items, blocks[0].line, treaty, own)


def parse_annex(source: SourceText, blocks: list[Block]) -> Annex:
    """An annex: its title, then headings and paragraphs, numbered ("97. We express ...")
    or not (an opening, preambular clauses, "Declare the following:"). Its anchors are its
    own ("annex-para97", "annex-p3"), never the resolution's; where the numbers start again
    in each section, a paragraph's anchor names its section too ("annex-sec2-para3")."""
    label = blocks[0].text
    number = ANNEX_LINE.match(label)["number"]  # type: ignore[index]
    prefix = "annex" + (f"-{number.lower()}" if number else "")
    rest = blocks[1:]
    title: list[str] = []
    while rest and _is_annex_title(rest[0].text):
        title.append(rest.pop(0).text)
    items: list[AnnexHeading | AnnexParagraph] = []
    sections: list[str] = []  # the key of the division each numbered paragraph stands in
    expected, unnumbered, top_kind, last_letter = 1, 0, "", ""
    top, where, unlabelled = "", "", 0  # the keys of the section and of the innermost division
    run_key = ""
    heading_since = False  # a heading came after the last numbered paragraph
    restarts = False
    for block in rest:
        text = block.text
        previous = items[-1] if items else None
        m = OPERATIVE_START.match(text)
        heading = SECTION_HEADING.match(text)
        if heading and (_closes(text) or len(text.split()) > LABELLED_HEADING_WORDS):
            heading = None
        if m and (int(m["number"]) == expected or (int(m["number"]) == 1 and heading_since)):
            restarts = restarts or int(m["number"]) != expected
            if int(m["number"]) == 1:
                run_key = where  # a run of numbers is named for the division it starts in
            expected = int(m["number"]) + 1
            items.append(AnnexParagraph(int(m["number"]), "", _inline(m["text"]), block.line))
            sections.append(run_key)
            heading_since = False
        elif (
            not heading
            and isinstance(previous, AnnexParagraph)
            and (text[:1].islower() or not _closes(plain_text(previous.content)) or SUBPARAGRAPH_START.match(text))
        ):
            # A paragraph cut by a page break, or an item of its list ("(a) ..."): its words.
            previous.content = merge_text([*previous.content, Text(" "), *_inline(text)])
        elif heading:
            # "I" after "H" is a letter; otherwise roman labels are "I", "II", "IV" ...
            roman_label = _same_kind(heading["label"], "I") and not (heading["label"] == "I" and last_letter == "H")
            kind = "roman" if roman_label else "letter"
            last_letter = heading["label"] if kind == "letter" else ""
            top_kind = top_kind or kind
            if kind == "roman":
                top = where = f"sec{roman_value(heading['label'])}"
            else:
                where = f"{top}-{heading['label'].lower()}" if top else heading["label"].lower()
            items.append(_annex_heading(text, prefix, block.line))
            heading_since = True
        elif not _closes(text) and len(text.split()) <= ANNEX_HEADING_WORDS:
            # "Rule 8 Acting President", "Article 27 Law enforcement cooperation", or words.
            numbered_heading = NUMBERED_HEADING.match(text)
            unlabelled += 1
            if numbered_heading:
                where = ("rule" if numbered_heading["kind"] == "Rule" else "art") + numbered_heading["number"]
            else:
                where = f"h{unlabelled}"
            items.append(_annex_heading(text, prefix, block.line))
            heading_since = True
        else:
            unnumbered += 1
            content = _inline(text)
            if not any(isinstance(i, AnnexParagraph) and i.number is not None for i in items):
                content = italic_opening(content)  # a declaration's preamble: its recitals
            items.append(AnnexParagraph(None, annex_anchor(prefix, None, unnumbered), content, block.line))
    numbered = [item for item in items if isinstance(item, AnnexParagraph) and item.number is not None]
    for item, in_section in zip(numbered, sections, strict=True):
        assert item.number is not None
        item.anchor = annex_anchor(prefix, item.number, 0, (in_section or None) if restarts else None)
    seen: set[str] = set()
    for item in items:  # two headings with the same words keep distinct anchors
        base, n = item.anchor, 1
        while item.anchor in seen:
            n += 1
            item.anchor = f"{base}-{n}"
        seen.add(item.anchor)
    if not title:
        raise SourceError(source.path, blocks[0].line, f"expected the title of the annex after '{label}'")
    return Annex(label, " ".join(title), prefix, items, blocks[0].line)


def _annex_heading(text: str, prefix: str, line: int) -> AnnexHeading:
    """A heading of an annex; the footnotes it calls are kept with their places in it."""
    content = _inline(text)
    words = plain_text(content)
    calls = content if any(isinstance(item, FootnoteRef) for item in content) else []
    return AnnexHeading(words, f"{prefix}-{_slug(words)}", line, calls)


def _is_annex_title(text: str) -> bool:
    """A line of an annex's title: short, ending no sentence, and no heading or paragraph."""
    if _closes(text) or OPERATIVE_START.match(text) or SUBPARAGRAPH_START.match(text):
        return False
    if len(text.split()) > LABELLED_HEADING_WORDS:
        return False  # a paragraph whose first page ends without a full stop
    first_line = text.split("\n")[0]
    return not (SECTION_HEADING.match(text) or DIVISION_LABEL.match(first_line) or NUMBERED_HEADING.match(text))


def _closes(text: str) -> bool:
    return re.sub(rf"({SUPERSCRIPT_RUN}|\*|\s|[”’])+$", "", text).endswith(PREAMBLE_CLOSERS)


def _inline(text: str) -> list[Inline]:
    return strip_inlines(parse_inline(text))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", plain(text).lower()).strip("-")[:60].rstrip("-")


def _build_subparagraphs(source: SourceText, op: Unit, part: str = "") -> list[Subparagraph]:
    result: list[Subparagraph] = []
    for unit in op.subs:
        label = unit.label
        content = _content(unit)
        previous = result[-1] if result else None
        # "(i)" is a letter after "(h)", otherwise the first roman sub-subparagraph.
        is_child = (
            bool(ROMAN.match(label))
            and previous is not None
            and ((label == "i" and previous.label != "h") or (label != "i" and bool(previous.subparagraphs)))
        )
        if is_child:
            assert previous is not None
            anchor = subparagraph_anchor(previous.anchor, label)
            child = Subparagraph(label, anchor, eid_for_anchor(anchor), content, unit.line, printed=unit.printed)
            previous.subparagraphs.append(child)
            continue
        expected = _next_letter(result[-1].label) if result else "a"
        if label != expected:
            raise SourceError(
                source.path,
                unit.line,
                f"subparagraph ({label}) of operative paragraph {op.number} is out of order: expected ({expected})",
            )
        anchor = subparagraph_anchor(operative_anchor(op.number, part), label)
        result.append(Subparagraph(label, anchor, eid_for_anchor(anchor), content, unit.line, printed=unit.printed))
    return result


def _next_letter(label: str) -> str:
    """The label after ``label``: (b) after (a), (aa) after (z), (bb) after (aa)."""
    if label == "z":
        return "aa"
    following = chr(ord(label[-1]) + 1)
    return following * len(label) if len(set(label)) == 1 else label


def _content(unit: Unit) -> list[Inline]:
    return strip_inlines(parse_inline(" ".join(unit.parts)))


def split_action_phrase(text: str) -> tuple[str, str]:
    if m := ITALIC_ACTION.match(text):
        return m["phrase"].strip(), m["rest"]
    if m := PLAIN_ACTION.match(text):
        return m["phrase"], m["rest"].lstrip()
    return "", text


def check_footnotes(source: SourceText, units: list[tuple[int, list[Inline]]], footnotes: dict[int, Footnote]) -> None:
    called: set[int] = set()
    for line, content in units:
        for item in content:
            if isinstance(item, FootnoteRef):
                if item.number not in footnotes:
                    raise SourceError(
                        source.path,
                        line,
                        f"footnote marker {item.number} has no footnote text "
                        f"(expected a line starting with the marker at a page foot)",
                    )
                called.add(item.number)
    for number, note in sorted(footnotes.items()):
        if number not in called:
            raise SourceError(source.path, note.line, f"footnote {number} is never called in the text")


def check_complete(
    source: SourceText, operative: list[Unit], closing: tuple[str, dt.date | None] | None, closes: bool = True
) -> None:
    """A text cut off before its end must not pass for the whole resolution: the last
    operative paragraph closes with a full stop and the closing meeting line follows."""
    last = operative[-1]
    unit = last.subs[-1] if last.subs and not last.extra else last
    tail = re.sub(rf"({SUPERSCRIPT_RUN}|\*|\s|[”’\"'])+$", "", unit.last_text())
    if not tail.endswith("."):
        raise SourceError(
            source.path,
            unit.line,
            f"the text stops in operative paragraph {last.number}, which does not end with a full stop: "
            "is the rest of the resolution missing? (a sidecar with 'unusual_ending: true' accepts it)",
            unit.last_text()[-60:],
        )
    if closing is None and closes:
        raise SourceError(
            source.path,
            unit.line,
            f"the text stops after operative paragraph {last.number} without the closing meeting line "
            "('39th plenary meeting' and its date): is the end missing? "
            "(a sidecar with 'unusual_ending: true' accepts it)",
        )


def derive_summary(operative: list[OperativeParagraph], words: int = 24) -> str:
    if not operative:
        return ""
    first = operative[0]
    return first_words(first.opening.strip(), words)


# Twice the longest paragraph of the texts so far: longer suggests two paragraphs joined.
LONG_PARAGRAPH_WORDS = 600
# The word after "resolution(s)" when it is a number: "77/20", "S-32/1", "2019/19",
# "A/RES/77/20"; Security Council numbers ("1373 (2001)") have no slash and pass.
CITED_TOKEN = re.compile(r"\b[Rr]esolutions?\s+([\dA-Z][^\s,;:]*)")
CITED_SHAPE = re.compile(r"^(?:[A-Z]+/)*(?:S-|ES-)?\d{1,4}/\d{1,4}$|^\d+$")
# A General Assembly symbol as cited, possibly mistyped ("7O/20"); other organs' symbols
# ("GC(67)/RES/10", "CM/Res.2", "EC-75/2") have shapes of their own and are not checked.
GA_CITED = re.compile(r"^(?:A/RES/)?(?:S-|ES-)?[\dOIl]+/[\dOIl]+$")


def find_warnings(source: SourceText, r: Resolution) -> list[str]:
    """Suspicious but legal input, reported at the end of the build (errors with --strict)."""
    warnings = []
    where = source.path
    paragraphs = [("preambular", p) for p in r.preamble] + [("operative", op) for op in r.operative]
    for kind, p in paragraphs:
        words = len(plain_text(p.content).split())
        if words > LONG_PARAGRAPH_WORDS:
            warnings.append(
                f"{where}:{p.line}: {kind} paragraph {p.number} has {words} words; "
                "two paragraphs may have been joined (a lost ',' or ';' at a page break?)"
            )
    chapeaux = {d.first for d in r.divisions if d.title.endswith(":")}
    under_chapeau = False
    for op in r.operative:
        under_chapeau = op.anchor in chapeaux or (under_chapeau and not r.headings_before(op.anchor))
        if not op.action_phrase and not under_chapeau:
            warnings.append(
                f"{where}:{op.line}: operative paragraph {op.number} has no action phrase "
                "(expected a verb such as *Requests* or *Calls upon*)"
            )
    if not (RESOLUTION_SYMBOL.match(r.meta.symbol) or COUNCIL_SYMBOL.match(r.meta.symbol)):
        warnings.append(
            f"{where}: the symbol {r.meta.symbol!r} does not look like A/RES/<session>/<number> "
            "or S/RES/<number> (<year>)"
        )
    if r.meta.body == SECURITY_COUNCIL and not r.meta.title_is_editorial:
        warnings.append(
            f"{where}: a Security Council resolution has no title: give {r.meta.symbol} its subject in the "
            "sidecar's 'title' (such as 'Threats to international peace and security caused by terrorist acts')"
        )
    title_number = f"{r.meta.session}/{r.meta.number}"
    if r.meta.session and not r.meta.symbol.endswith(title_number):
        warnings.append(f"{where}: the masthead symbol {r.meta.symbol} does not match the title number {title_number}")
    for symbol in r.meta.draft_symbols:
        if not DOCUMENT_SYMBOL.match(symbol):
            warnings.append(f"{where}: the draft symbol {symbol!r} looks malformed")
    runs = [(p.line, p.content) for p in r.preamble] + [(op.line, op.content) for op in r.operative]
    runs += [(note.line, note.content) for note in r.footnotes]
    for line, content in runs:
        for m in CITED_TOKEN.finditer(plain_text(content)):
            token = m.group(1).rstrip(".,;:)")
            if GA_CITED.match(token) and not CITED_SHAPE.match(token):
                warnings.append(
                    f"{where}:{line}: the cited symbol {token!r} looks malformed "
                    "(expected <session>/<number>, such as 77/20; a letter O or l for a digit?)"
                )
    return warnings


def read_layout(
    source: SourceText,
) -> tuple[str, list[Block], Counter[str], list[tuple[int, str]], ResolutionMetadata, int]:
    """Recognise how the text was made and read it into header lines and body blocks.

    Layouts: clean text (superscript markers, a blank line between paragraphs), text
    extracted by PyMuPDF (lines ending in a space, footnote labels glued to their texts)
    and text extracted by pdftotext (form feeds, no blank line between paragraphs)."""
    if looks_like_pdftotext(source.text):
        header, body_start = split_header(source)
        header, lead = split_part_lead(header)
        meta = parse_header(source, header)
        extraction = read_pdftotext(source.text, body_start - 1, meta.title, meta.symbol)
        return "pdftotext", lead + extraction.blocks, extraction.artefacts, header, meta, body_start
    normalised = normalise(source.text)
    source = SourceText(source.path, source.slug, normalised.text, source.sidecar)
    header, body_start = split_header(source)
    header, lead = split_part_lead(header)
    meta = parse_header(source, header)
    body_text = "\n".join(source.text.split("\n")[body_start - 1 :])
    blocks = split_blocks(body_text, first_line=body_start)
    return normalised.layout, lead + blocks, normalised.artefacts, header, meta, body_start


def split_part_lead(header: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[Block]]:
    """A resolution in parts names its first part between its title and the formula ("A",
    "Part A title", "The General Assembly,"): those lines open the body, as a part's block
    and the part's formula, and are not the resolution's title."""
    title = next((i for i, (_, text) in enumerate(header) if TITLE_LINE.match(text)), None)
    if title is None:
        return header, []
    label = next((i for i in range(title + 1, len(header)) if DIVISION_LABEL.match(header[i][1])), None)
    if label is None:
        return header, []
    formula = next((i for i in range(label, len(header)) if FORMULA.match(header[i][1])), len(header))
    part = Block([text for _, text in header[label:formula]], header[label][0])
    lead = [part] + [Block([text], number) for number, text in header[formula:]]
    return header[:label], lead


def build_divisions(body: Body) -> tuple[list[Division], dict[int, str]]:
    """The parts or headings read, and each one's anchor prefix by index (-1: none). When
    one part is numbered apart, all are parts: "A"/"B" (prefixes "a", "b") or, numbered in
    roman, sections "I"/"II" ("sec1", "sec2"). Otherwise they are headings over paragraphs
    numbered on, and anchors keep no prefix."""
    apart = any(d.apart for d in body.divisions)
    sections = bool(body.divisions) and body.divisions[0].label == "I"
    prefixes = {-1: ""}
    divisions: list[Division] = []
    seen: set[str] = set()
    for index, unit in enumerate(body.divisions):
        is_part = apart and unit.top
        prefix = part_prefix(unit.label, sections) if is_part else ""
        prefixes[index] = prefix
        # What it opens: the first paragraph after it (a heading over a table opens the next).
        first = min(
            (u for u in [*body.preamble, *body.operative] if u.line > unit.line), key=lambda u: u.line, default=None
        )
        if first is None:
            raise SourceError(
                body.source.path, unit.line, f"the part or heading '{unit.label}' has no paragraph after it"
            )
        kind = preamble_anchor if first.kind == "pp" else operative_anchor
        first_anchor = kind(first.number, prefixes.get(first.division, prefix))
        anchor = f"part-{prefix}" if is_part else f"heading-{_slug(' '.join(unit.title) or unit.label)}"
        base, n = anchor, 1
        while anchor in seen:  # two headings with the same words keep distinct anchors
            n += 1
            anchor = f"{base}-{n}"
        seen.add(anchor)
        title = " ".join(plain(t) for t in unit.title)
        divisions.append(
            Division(unit.label, title, anchor, first_anchor, unit.line, is_part, unit.formula, unit.closing)
        )
    return divisions, prefixes


def parse_resolution(source: SourceText) -> Resolution:
    layout, blocks, artefacts, header, meta, body_start = read_layout(source)
    body = parse_body(source, blocks)
    preamble_units, operative_units, footnotes, closing = body.preamble, body.operative, body.footnotes, body.closing
    annex_blocks = body.annex
    if not preamble_units and not operative_units:
        raise SourceError(source.path, body_start, "expected preambular and operative paragraphs after the formula")
    if not operative_units:
        raise SourceError(
            source.path,
            preamble_units[-1].line,
            "expected operative paragraphs ('1. *Decides* ...') after the preamble; found none",
        )

    divisions, prefixes = build_divisions(body)
    if not any(d.numbered_apart for d in divisions):  # headings only: one preamble, numbered on
        for number, unit in enumerate(preamble_units, 1):
            unit.number = number
    preamble = [
        PreambularParagraph(u.number, italic_opening(_content(u)), u.line, prefixes[u.division]) for u in preamble_units
    ]
    operative: list[OperativeParagraph] = []
    for unit in operative_units:
        phrase, rest = split_action_phrase(" ".join(unit.parts))
        operative.append(
            OperativeParagraph(
                number=unit.number,
                action_phrase=phrase,
                content=strip_inlines(parse_inline(rest)),
                line=unit.line,
                subparagraphs=_build_subparagraphs(source, unit, prefixes[unit.division]),
                continuation=[strip_inlines(parse_inline(" ".join(p))) for p in unit.extra],
                numbered=unit.numbered,
                part=prefixes[unit.division],
            )
        )
    if closing is not None:
        meta.meeting, meta.meeting_date = closing
    if source.sidecar.adoption_date is not None:
        meta.adoption_date = source.sidecar.adoption_date
    elif meta.adoption_date is None:
        if meta.meeting_date is None:
            raise SourceError(
                source.path,
                header[0][0] if header else None,
                "expected the adoption date: 'Resolution adopted by the General Assembly on <date>' in the "
                "heading, or a date under the closing meeting line, or 'adoption_date' in the sidecar",
            )
        # A resolution is adopted at the plenary meeting whose date closes it.
        meta.adoption_date = meta.meeting_date
    annexes = parse_annexes(source, annex_blocks) if annex_blocks else []

    summary = source.sidecar.summary or derive_summary(operative)
    resolution = Resolution(
        slug=source.slug,
        source_path=source.path,
        meta=meta,
        # Only as the text gives it: an extraction that lost it shows none.
        formula=next((text for _, text in header if FORMULA.match(text)), ""),
        preamble=preamble,
        operative=operative,
        footnotes=[footnotes[n] for n in sorted(footnotes)],
        summary=summary,
        summary_is_editorial=bool(source.sidecar.summary),
        layout=layout,
        artefacts=dict(sorted(artefacts.items())),
        annexes=annexes,
        divisions=divisions,
        basis=" ".join(body.basis[0].split()) if body.basis else "",
    )
    resolution.repairs = join_split(resolution)
    headings = [(i.line, i.content) for annex in annexes for i in annex.items if isinstance(i, AnnexHeading)]
    check_footnotes(source, [(run.line, run.inlines) for run in runs(resolution)] + headings, footnotes)
    if not source.sidecar.unusual_ending:
        # The Council's resolutions end with their last paragraph: no meeting line follows.
        check_complete(source, operative_units, closing, closes=meta.body != SECURITY_COUNCIL)
    resolution.warnings = find_warnings(source, resolution)
    return resolution
