"""Read a resolution as poppler's ``pdftotext`` extracts it from the official PDF.

pdftotext keeps no blank line between paragraphs, starts every page after the first with
a form feed, and puts each page's foot in reading order: footnote labels as bare numbers
on lines of their own (before, after or between the footnote texts), the page counter
``n/N``, the job number, the print date, the barcode. Markers in the text are bare numbers
set off by a space (``INTERPOL 1 and``), sometimes glued (``providers,9``, ``201931``).

This module states what is invariant in that layout and returns blocks (paragraphs of the
body, one block per footnote text) with the line numbers of the source file:

- a page starts at a form feed; its running header is what stands at its start and is the
  symbol, ``Page n``, a line of the title, or a line that starts several pages;
- job numbers, print dates, barcodes, ``Please recycle``, page counters ``n/N`` and ``/...``
  are artefacts wherever they stand in the page;
- a footnote separator is a run of underscores, possibly glued to the text before it; what
  follows it on the page is the footnote zone;
- footnote labels are consecutive numbers across the document; the labels of a page pair
  with its footnote texts by order; a text starts after a label that stands between texts,
  otherwise where a line ends a sentence (the shortest such lines first);
- marker N is a number that footnote N explains, on footnote N's page or the one before,
  after marker N-1: found by footnote evidence, never by digits alone;
- a paragraph starts with an operative number (the next one), a subparagraph label after a
  closed line, the closing meeting line, or, after a line that closes a paragraph, a line
  opening with a preambular word (``Recalling``, ``Deeply concerned``) or any capital when
  the line before is short (the last line of a paragraph in the PDF).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from . import markers
from .blocks import Block
from .inline import to_superscript

FORM_FEED = "\f"
PAGE_COUNTER = re.compile(r"^\d{1,3}/\d{1,3}$")
JOB_NUMBER = re.compile(r"^\d{2}[- ]\d{5}(?: ?\([A-Z]\))?$")  # "14-61606 (E)"; older texts "00 56089"
PRINT_DATE = re.compile(r"^\d{6}$")
BARCODE = re.compile(r"^\*\d{6,}\*$")
FOOT_ARTEFACT = re.compile(r"^(?:Please recycle|/\.\.\.)$")
SYMBOL_LINE = re.compile(r"^[A-Z]+/RES/\S+(?: \(\d{4}\))?$")  # "S/RES/2322 (2016)": the Council's
PAGE_LINE = re.compile(r"^Page \d+$")
SEPARATOR = re.compile(r"_{5,}")
BARE_LABEL = re.compile(r"^\d{1,3}$")
GLUED_LABEL = re.compile(r"^(?P<number>\d{1,3})\s+(?P<text>\S.*)$")
OPERATIVE_NUMBER = re.compile(r"^(?P<number>\d{1,3})\.(?:\s+\S|$)")
# "(a)", or "a." as some Council resolutions letter their items.
SUBPARAGRAPH = re.compile(r"^(?:\( ?(?P<label>[a-z]{1,4}) ?\)|(?P<letter>[a-z])\.)(?:\s+\S|$)")
# A list item's last line may end its sentence on a line of its own: "...financing;" / "and".
LIST_JOINER = re.compile(r"(?:^|[;,] ?)(?:and|or)$")
CLOSING = re.compile(r"^\d+(?:st|nd|rd|th) plenary meeting$")
ANNEX = re.compile(r"^Annex(?: [IVX]+)?$")
CHAPTER_LABEL = re.compile(r"^[IVXL]+\.$")  # "II." alone: a chapter of a treaty (its title follows)
ARTICLE_LINE = re.compile(r"^Article \d+$")  # "Article 27" alone: a treaty's article (its title follows)
TREATY_LINE = re.compile(r"^(?:Preamble|Chapter [IVXL]+|Article \d+\.)$")  # a treaty's other headings
FORMULA = re.compile(r"^The General Assembly,$")
# The first word of a preambular paragraph: a participle ("Recalling", "Convinced",
# "Assembled") or one of the adjectives and phrases the UN style guide lists.
PREAMBLE_OPENER = re.compile(
    r"^(?!United\b)(?:[A-Z][a-z]+(?:ing|ed)|Aware|Mindful|Conscious|Desirous|Cognizant|Deeply|Gravely|Seriously"
    r"|Fully|Bearing|Further|Also|Keen|Eager|Anxious|Confident|Sure|Firmly|Strongly|Emphasizing)\b"
)
CLOSERS = ",;:."
NOTE_END = re.compile(r"[.!?][”’)\]]*$")
HEADER_MAX_LINES = 8
SHORT_LINE = 0.8  # of the usual line width: the last line of a paragraph


@dataclass
class Footnote:
    label: int
    lines: list[tuple[int, str]]  # (index, text)


@dataclass
class Extraction:
    blocks: list[Block]  # body paragraphs, then one block per footnote (label as superscript)
    artefacts: Counter[str] = field(default_factory=Counter)
    repairs: list[str] = field(default_factory=list)


def looks_like_pdftotext(text: str) -> bool:
    """Form feeds between pages, no trailing spaces (PyMuPDF ends lines with one)."""
    lines = text.split("\n")
    trailing = sum(1 for line in lines if line.endswith(" "))
    extracted = FORM_FEED in text or any(JOB_NUMBER.match(line) or BARCODE.match(line) for line in lines)
    return extracted and trailing < len(lines) / 10


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass
class _Page:
    lines: list[int] = field(default_factory=list)  # indexes into the file's lines
    body: list[int] = field(default_factory=list)
    zone: list[int] = field(default_factory=list)  # footnote zone, after the separator
    labels: list[int] = field(default_factory=list)


def read(text: str, body_start: int, title: str, symbol: str) -> Extraction:
    """Blocks of the body from line index ``body_start`` on (after the formula)."""
    raw = text.split("\n")
    lines = [line.replace(FORM_FEED, "").strip() for line in raw]
    artefacts: Counter[str] = Counter()
    starts = _page_starts(raw, lines, title, symbol)
    pages: list[_Page] = [_Page()]
    for index in range(len(raw)):
        if index in starts:
            pages.append(_Page())
        pages[-1].lines.append(index)

    line_of: dict[int, int] = {}  # lines split off a source line: where they stand in the file
    header_lines = _running_header_lines(lines, pages, title, symbol)
    next_label = 1  # the next footnote's label, counted over the pages' zones
    for position, page in enumerate(pages, 1):
        in_zone = False
        ruled = any(SEPARATOR.search(lines[i]) for i in page.lines)
        zone_start, page_number = (
            (None, None) if ruled else _unruled_zone(lines, page, next_label, position, body_start)
        )
        for index in page.lines:
            line = lines[index]
            if index in header_lines:
                artefacts["running header lines"] += 1
                continue
            kind = "page numbers" if index == page_number else _artefact(line)
            if kind:
                artefacts[kind] += 1
                continue
            if not line:
                continue
            if index == zone_start:
                in_zone = True  # a footnote zone that no rule opens
            if in_zone and BARE_LABEL.match(line) and int(line) == next_label:
                next_label += 1
            if not in_zone and (m := SEPARATOR.search(line)):
                artefacts["footnote separators"] += 1
                in_zone = True
                before, after = line[: m.start()].rstrip(), line[m.end() :].strip()
                lines[index] = before
                if before and index >= body_start:
                    page.body.append(index)
                if after:
                    # Text glued after the separator: the zone's first line, counted at this line.
                    lines.append(after)
                    line_of[len(lines) - 1] = index
                    page.zone.append(len(lines) - 1)
                continue
            if in_zone:
                page.zone.append(index)
            elif index >= body_start:
                page.body.append(index)

    footnotes, orphans = _read_footnotes(lines, pages, artefacts)
    _mark_calls(lines, pages, footnotes)
    _regather_justified_lines(lines, pages)
    starts = _paragraph_starts(lines, [i for page in pages for i in page.body])
    blocks: list[Block] = []
    for index in (i for page in pages for i in page.body):
        if index in starts or not blocks:
            blocks.append(Block([], index + 1))
        blocks[-1].lines.append(lines[index])
    if orphans:
        blocks.append(Block([t for _, t in orphans], line_of.get(orphans[0][0], orphans[0][0]) + 1))
    for note in footnotes:
        first = f"{to_superscript(note.label)} {note.lines[0][1]}"
        start = note.lines[0][0]
        blocks.append(Block([first, *(t for _, t in note.lines[1:])], line_of.get(start, start) + 1))
    return Extraction(blocks, artefacts)


def _page_starts(raw: list[str], lines: list[str], title: str, symbol: str = "") -> set[int]:
    """Where pages start: at a form feed; in a copy that lost its form feeds, at a line of
    the running header (the symbol, a line of the title) after a blank line that ends a
    page's foot (a counter, a job number or a barcode, or footnote texts)."""
    feeds = {i for i, line in enumerate(raw) if line.startswith(FORM_FEED) and i}
    if feeds or FORM_FEED in "".join(raw[:1]):
        return feeds
    title_text = _normal(title)
    starts: set[int] = set()
    masthead = next((i for i, line in enumerate(lines) if line == symbol), len(lines))
    in_foot = False  # a footnote separator since the last page start: the page's foot
    for i in range(2, len(lines)):
        if SEPARATOR.search(lines[i]):
            in_foot = True
        header = SYMBOL_LINE.match(lines[i]) or (len(lines[i]) > 3 and _normal(lines[i]) in title_text)
        if not header or lines[i - 1]:
            continue
        before = next((lines[j] for j in range(i - 1, -1, -1) if lines[j]), "")
        # After a page's foot (a counter, a bare page number, footnotes), or the text's own
        # symbol alone after a blank line: the running header.
        own_symbol = symbol and lines[i] == symbol and i > masthead  # not the masthead's own line
        if _artefact(before) or BARE_LABEL.match(before) or in_foot or own_symbol:
            starts.add(i)
            in_foot = False
    return starts


def _unruled_zone(
    lines: list[str], page: _Page, label: int, position: int, body_start: int
) -> tuple[int | None, int | None]:
    """On a page without a footnote rule: where a footnote zone starts, if one does, and
    which line is the bare page number the older texts print at the foot ("3").

    A zone starts at the label of the next footnote, a bare number, after which the page
    holds only labels, the page number, artefacts and the notes' texts, the last ending with
    a full stop (as every footnote text does). The page number is a bare number equal to
    the page's place (never on the first page); where it equals a label too, one of the two
    lines is the label."""
    shown = [i for i in page.lines if lines[i] and i >= body_start]
    numbers = [i for i in shown if lines[i] == str(position)] if position > 1 else []
    zone = None
    for k, index in enumerate(shown):
        if lines[index] != str(label):
            continue
        rest = [i for i in shown[k + 1 :] if not _artefact(lines[i])]
        texts = [i for i in rest if not BARE_LABEL.match(lines[i])]
        labels = len(rest) - len(texts) + 1
        if texts and NOTE_END.search(lines[texts[-1]]) and len(texts) <= 3 * labels:
            zone = index
            break
    if zone in numbers and len(numbers) == 1:
        numbers = []  # the one such line is the label that opens the zone
    return zone, (numbers[-1] if numbers else None)


def _artefact(line: str) -> str:
    if PAGE_COUNTER.match(line):
        return "page numbers"
    if JOB_NUMBER.match(line):
        return "job numbers"
    if PRINT_DATE.match(line):
        return "print dates"
    if BARCODE.match(line):
        return "barcodes"
    if FOOT_ARTEFACT.match(line):
        return "page foot lines"
    return ""


def _running_header_lines(lines: list[str], pages: list[_Page], title: str, symbol: str) -> set[int]:
    """The lines at the start of pages 2-N that form the running header.

    A header line is the symbol (any A/RES/ symbol: 51/1's page 2 misprints its own),
    ``Page n``, a line found in the title, or a line that starts two or more pages and a
    third of them (in a long text, a line of the text may start two pages: "Article 1")."""
    starts: Counter[str] = Counter()
    for page in pages[1:]:
        for index in [i for i in page.lines if lines[i]][:HEADER_MAX_LINES]:
            starts[_normal(lines[index])] += 1
    title_text = _normal(title)
    repeated = max(2, (len(pages) - 1) // 3)
    found: set[int] = set()
    for page in pages[1:]:
        left = title_text  # the title's words not yet found in this page's header: each once
        for index in [i for i in page.lines if lines[i]][:HEADER_MAX_LINES]:
            line = lines[index]
            text = _normal(line)
            in_title = len(text) > 3 and text in left
            if in_title:
                left = left.replace(text, "", 1)
            if (
                SYMBOL_LINE.match(line)
                or PAGE_LINE.match(line)
                or in_title
                or (starts[text] >= repeated and not _artefact(line) and not LABEL_ALONE.match(line))
            ):
                found.add(index)
            elif not _artefact(line):
                break
    return found


def _read_footnotes(
    lines: list[str], pages: list[_Page], artefacts: Counter[str]
) -> tuple[list[Footnote], list[tuple[int, str]]]:
    """The footnotes, and the zone text that belongs to none (no label before it)."""
    notes: list[Footnote] = []
    orphans: list[tuple[int, str]] = []
    next_label = 1
    for page in pages:
        if not page.zone:
            continue
        # Labels: the consecutive numbers from the next one, bare or glued to their text,
        # in any order on the page (pdftotext may put the first ones after the texts).
        offered: dict[int, tuple[str, int]] = {}
        for index in page.zone:
            line = lines[index]
            if BARE_LABEL.match(line):
                offered.setdefault(int(line), ("label", index))
            elif m := GLUED_LABEL.match(line):
                offered.setdefault(int(m["number"]), ("glued", index))
        expected = next_label
        chosen: dict[int, tuple[str, int]] = {}
        while expected in offered:
            chosen[offered[expected][1]] = (offered[expected][0], expected)
            expected += 1
        items: list[tuple[str, int, int]] = []  # (kind, index, label)
        for index in page.zone:
            kind, label = chosen.get(index, ("text", 0))
            if kind == "glued":
                m = GLUED_LABEL.match(lines[index])
                assert m is not None
                lines[index] = m["text"]
            items.append((kind, index, label))
        labels = sorted(label for kind, _, label in items if kind != "text")
        # Every footnote text ends with a full stop (all 505 of the samples): one that does
        # not runs over to the top of the next page's zone, before that page's own texts.
        runover = bool(notes) and not NOTE_END.search(notes[-1].lines[-1][1])
        texts = _segment_texts(lines, items, len(labels) + runover)
        if runover and len(texts) > len(labels):
            notes[-1].lines.extend(texts.pop(0))
        if not labels:
            # The whole zone continues the previous page's last text; with no text before
            # it, the zone is kept as a block of its own (the parser then names its line).
            if notes:
                notes[-1].lines.extend(line for text in texts for line in text)
            else:
                orphans.extend(line for text in texts for line in text)
            continue
        artefacts["footnote labels"] += sum(1 for kind, _, _ in items if kind == "label")
        page.labels = labels
        for label, text in zip(labels, texts, strict=False):
            notes.append(Footnote(label, text))
        # More texts than labels: what is left over is kept (the parser then names its line).
        orphans.extend(line for text in texts[len(labels) :] for line in text)
        next_label = expected
    return notes, orphans


def _segment_texts(lines: list[str], items: list[tuple[str, int, int]], count: int) -> list[list[tuple[int, str]]]:
    """Cut the zone's text lines into ``count`` footnote texts, in order."""
    text_lines = [(index, lines[index]) for kind, index, _ in items if kind != "label"]
    if count == 0 or not text_lines:
        return [text_lines] if text_lines else []
    forced: set[int] = set()  # positions in text_lines where a text must start
    seen_text = False
    pending_label = False
    position = 0
    for kind, _index, _ in items:
        if kind == "label":
            pending_label = seen_text
            continue
        if kind == "glued" or (pending_label and kind == "text"):
            forced.add(position)
        pending_label = False
        seen_text = True
        position += 1
    forced.discard(0)
    needed = count - 1 - len(forced)
    if needed > 0:
        width = max(len(t) for _, t in text_lines)
        candidates = []
        for position in range(1, len(text_lines)):
            if position in forced:
                continue
            previous = text_lines[position - 1][1]
            gap = text_lines[position][0] - text_lines[position - 1][0] > 1
            sentence = previous.endswith((".", ")", "”")) and text_lines[position][1][:1].isupper()
            score = (not sentence, not gap, len(previous) / width)
            candidates.append((score, position))
        forced |= {position for _, position in sorted(candidates)[:needed]}
    cuts = [0, *sorted(forced), len(text_lines)]
    return [text_lines[a:b] for a, b in itertools.pairwise(cuts) if a < b]


def _mark_calls(lines: list[str], pages: list[_Page], notes: list[Footnote]) -> None:
    """Each footnote's marker, on its page or the page before (``markers``: the rules both
    layouts share; pdftotext sets markers off by a space), then the notes called again."""
    page_of = {label: n for n, page in enumerate(pages) for label in page.labels}
    windows = {
        note.label: [i for page in pages[max(0, page_of[note.label] - 1) : page_of[note.label] + 1] for i in page.body]
        for note in notes
    }
    markers.mark(lines, markers.place(lines, windows, set_off=True), lambda _index: None)
    _mark_repeated_calls(lines, pages, notes)


def _mark_repeated_calls(lines: list[str], pages: list[_Page], notes: list[Footnote]) -> None:
    """A note called again pages later ("combat cybercrime, 12 in which" when note 12 was
    given before): a known label of an earlier page, after punctuation or after a word with
    a capital (the end of a title: "Convention against Corruption 5 and"), before a word in
    lower case, punctuation or the line end."""
    page_of = {label: n for n, page in enumerate(pages) for label in page.labels}
    for n, page in enumerate(pages):
        for index in page.body:
            line = lines[index]
            for m in reversed(list(re.finditer(r"(?P<word>\S+) (?P<number>\d{1,3})(?=$| [a-z]|[,;.])", line))):
                label = int(m["number"])
                after_title = m["word"][:1].isupper() or m["word"].endswith((",", ";", ")"))
                start = m.start("number") - 1
                if (
                    after_title
                    and label in page_of
                    and page_of[label] < n
                    and not markers.REFERENCE_WORDS.search(line[: start + 1])
                ):
                    line = line[:start] + to_superscript(label) + line[m.end() :]
            lines[index] = line


FRAGMENT_WORDS = 2


def _regather_justified_lines(lines: list[str], pages: list[_Page]) -> None:
    """A justified line of a list item set with wide gaps comes out in pieces: its first
    words stay in place ("operational policing,") and the words after each gap become lines
    of their own, between blank lines, further down ("including", "community-oriented", ...
    "policing", "and"). Such a piece is a line of one or two words that closes nothing,
    alone between blank lines; the line they were cut from is the item's first line that is
    short although the item goes on after it. The pieces go back to it, in order."""
    body = [i for page in pages for i in page.body]
    width = sorted(len(lines[i]) for i in body)[int(len(body) * 0.9)] if body else 0

    def alone(index: int) -> bool:
        line = lines[index]
        return (
            not lines[index - 1]
            and lines[index + 1 : index + 2] == [""]
            and len(line.split()) <= FRAGMENT_WORDS
            and line[:1].islower()
            and not _closed(line)
            and not LABEL_ALONE.match(line)
        )

    def regather(cut: int | None, pieces: list[int]) -> None:
        if cut is None or not pieces:
            return
        lines[cut] = " ".join([lines[cut], *(lines[i] for i in pieces)])
        for page in pages:
            page.body = [i for i in page.body if i not in pieces]

    cut: int | None = None  # the short first line of an item that goes on
    pieces: list[int] = []
    for n, index in enumerate(body):
        line = lines[index]
        if OPERATIVE_NUMBER.match(line):  # the list, if any, ends with its paragraph
            regather(cut, pieces)
            cut, pieces = None, []
        elif alone(index):
            pieces.append(index)
        elif (
            cut is None
            and 0 < n < len(body) - 1
            and LABEL_ALONE.match(lines[body[n - 1]])
            and line.endswith(",")
            and len(line) < width / 2
            and not LABEL_ALONE.match(lines[body[n + 1]])
        ):
            cut = index
    regather(cut, pieces)


def _closed(line: str) -> bool:
    return re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹”’\s]+$", "", line).endswith(tuple(CLOSERS))


def _paragraph_starts(lines: list[str], body: list[int]) -> set[int]:
    if not body:
        return set()
    lengths = sorted(len(lines[i]) for i in body)
    width = lengths[int(len(lengths) * 0.9)]
    starts = {body[0]}
    operative = 1
    listed = 0  # a numbered list inside an operative paragraph ("1. Opening of the Congress.")
    in_annex = False
    last_item = ""  # the label of the last item started: "(c)" follows "(b)" after "...; and"
    for position, (previous, index) in enumerate(itertools.pairwise(body), 1):
        line, before = lines[index], lines[previous]
        following = lines[body[position + 1]] if position + 1 < len(body) else ""
        # "...financing;" / "and" / "(b) ...", "...matters; and" / "f.": an item ends on "and"
        # (a line of its own, or before a label alone on its line: a list of printed items).
        label = SUBPARAGRAPH.match(line)
        next_label = bool(label and last_item and (label["label"] or label["letter"]) == _next_label(last_item))
        joined = bool(
            LIST_JOINER.fullmatch(before) or (LIST_JOINER.search(before) and (LABEL_ALONE.match(line) or next_label))
        )
        closed = _closed(before) or joined
        short = len(before) < SHORT_LINE * width
        if LABEL_ALONE.match(before):
            continue  # "1." or "a." alone: its text is on the next line
        number = int(m["number"]) if (m := OPERATIVE_NUMBER.match(line)) else None
        if in_annex and (ARTICLE_LINE.match(line) or CHAPTER_LABEL.match(line) or TREATY_LINE.match(line)):
            # A treaty's article: its title on the next line, its paragraphs numbered from 1.
            starts.add(index)
            operative, listed = 1, 0
            continue
        if (
            in_annex
            and (number == 1 or line == "l.")
            and operative == 1
            and ARTICLE_LINE.match(lines[body[position - 2]] if position > 1 else "")
        ):
            starts.add(index)  # "1." after the article's title line ("l.", a lower-case L, once)
            operative = 2
            continue
        if number is not None and number == operative and _label_printed_late(line, before, following):
            # "Notes with concern the close connection ..." / "4." / "and transnational ...":
            # the number printed after its paragraph's first line, which it opens.
            lines[previous], lines[index] = line, before
            starts.discard(index)
            starts.add(previous)
            operative, listed = number + 1, 0
        elif number is not None and number == operative:
            starts.add(index)
            operative, listed = number + 1, 0
        elif operative > 1 and closed and _is_heading(line) and OPERATIVE_NUMBER.match(following):
            starts.add(index)  # a heading over the next operative paragraph
        elif number is not None and ((closed and number == 1 and operative > 1) or (listed and number == listed + 1)):
            starts.add(index)  # an item of the list: the parser keeps it inside its paragraph
            listed = number
        elif SUBPARAGRAPH.match(line) and closed:
            starts.add(index)
            last_item = SUBPARAGRAPH.match(line)["label"] or SUBPARAGRAPH.match(line)["letter"]  # type: ignore[index]
        elif CLOSING.match(line) or (CLOSING.match(before)) or ANNEX.match(line):
            starts.add(index)
            in_annex = in_annex or bool(ANNEX.match(line))
            if ANNEX.match(line):
                operative = 1
        elif closed and (PREAMBLE_OPENER.match(line) or (short and line[:1].isupper())):
            starts.add(index)
        elif in_annex and line[:1].isupper() and not _closed(line) and (_ends_sentence(before) or ANNEX.match(before)):
            starts.add(index)  # a heading of the annex, or its title, after a paragraph
        elif in_annex and not closed and short and line[:1].isupper():
            starts.add(index)  # a heading after a heading (or a title line)
    return starts


def _next_label(label: str) -> str:
    """ "a" -> "b"; "" for a roman or longer label."""
    return chr(ord(label) + 1) if len(label) == 1 and label < "z" else ""


LABEL_ALONE = re.compile(r"^(?:\d{1,3}\.|[a-z]\.|\( ?[a-z]{1,4} ?\))$")
HEADING_WORDS = 12


def _label_printed_late(label: str, before: str, following: str) -> bool:
    """A number alone between a line that does not close and one that goes on in lower case:
    the number of the paragraph whose first line is the line before it."""
    return bool(re.fullmatch(r"\d{1,3}\.", label)) and not _closed(before) and following[:1].islower()


def _is_heading(line: str) -> bool:
    """A heading inside the operative part: a short line with a capital and no closing mark."""
    return line[:1].isupper() and not _closed(line) and len(line.split()) <= HEADING_WORDS


def _ends_sentence(line: str) -> bool:
    """Closed by ';', ':' or '.': what ends a paragraph before a heading (not ',')."""
    return _closed(line) and not re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹”’\s]+$", "", line).endswith(",")
