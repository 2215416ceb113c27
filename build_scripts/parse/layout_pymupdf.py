"""Normalise text extracted from an official UN PDF into the layout the parser reads.

A PDF text extractor gives running headers on every page (symbol, title lines, job
number, page number ``2/6``, in two orders), the masthead's job number and barcode, a
``______`` line over each page's footnotes, footnote texts as ``1  Text`` and footnote
markers as plain digits glued to words, after commas, at a line start or glued to a year.

This stage is a line-for-line transformation: artefact lines become empty lines (page
breaks, which the parser already repairs), footnote texts get superscript labels and
markers become superscript digits. Line numbers therefore still point into the source
file. A marker is told from an ordinary number by the footnote texts that exist: marker
N must sit on the page of footnote N or the page before, after marker N-1.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import markers
from .inline import to_superscript

PAGE_COUNTER = re.compile(r"^\s*\d{1,3}/\d{1,3}\s*$")
JOB_NUMBER = re.compile(r"^\s*\d{2}-\d{5}(?:\s*\(E\))?(?:\s+\d{6})?\s*$")
BARCODE = re.compile(r"^\s*\*\d{6,}\*\s*$")
SEPARATOR = re.compile(r"_{5,}\s*$")
FOOTNOTE_TEXT = re.compile(r"^\s*(?P<number>\d{1,3})\s+(?P<text>[^\s–—-].*)$")  # "3 – 14 June": a range, no label
HEADER_MAX_LINES = 14


@dataclass
class Normalised:
    text: str
    layout: str  # "clean" (superscript markers, one block per paragraph) or "pdf"
    artefacts: Counter[str] = field(default_factory=Counter)


def looks_like_pdf_extraction(lines: list[str]) -> bool:
    head = lines[:40]
    return any(JOB_NUMBER.match(line) or BARCODE.match(line) for line in head)


@dataclass
class _Page:
    start: int  # index of its first line
    end: int  # index after its last line
    body_end: int  # index of its footnote separator, or end
    footnotes: list[int] = field(default_factory=list)


def normalise(text: str) -> Normalised:
    lines = text.split("\n")
    if not looks_like_pdf_extraction(lines):
        return Normalised(text, "clean")
    artefacts: Counter[str] = Counter()
    out = [line.rstrip() for line in lines]

    pages = _split_pages(lines)
    # The masthead, on the first page: job number and barcode.
    for i, line in enumerate(out[: pages[0].end]):
        if JOB_NUMBER.match(line):
            out[i] = ""
            artefacts["job numbers"] += 1
        elif BARCODE.match(line):
            out[i] = ""
            artefacts["barcodes"] += 1

    for page in pages[1:]:
        _remove_running_header(out, page, artefacts)
    next_label = 1
    for page in pages:
        next_label = _label_footnotes(out, page, artefacts, next_label)
    _mark_footnote_calls(out, pages)
    return Normalised("\n".join(out), "pdf", artefacts)


def _split_pages(lines: list[str]) -> list[_Page]:
    """Pages end at a truly empty line (blank lines within a page hold a space)."""
    starts = [0] + [i + 1 for i, line in enumerate(lines) if line == "" and i + 1 < len(lines)]
    pages = []
    for n, start in enumerate(starts):
        end = starts[n + 1] - 1 if n + 1 < len(starts) else len(lines)
        pages.append(_Page(start, end, end))
    return pages


def _remove_running_header(out: list[str], page: _Page, artefacts: Counter[str]) -> None:
    seen_counter = seen_job = False
    header: list[int] = []
    for i in range(page.start, min(page.start + HEADER_MAX_LINES, page.end)):
        line = out[i]
        header.append(i)
        if PAGE_COUNTER.match(line):
            seen_counter = True
        elif JOB_NUMBER.match(line):
            seen_job = True
        if seen_counter and seen_job:
            break
    if not (seen_counter and seen_job):
        return  # not a running header: leave the text alone
    for i in header:
        line = out[i]
        if PAGE_COUNTER.match(line):
            artefacts["page numbers"] += 1
        elif JOB_NUMBER.match(line):
            artefacts["job numbers"] += 1
        elif line.strip():
            artefacts["running header lines"] += 1
        out[i] = ""


def _label_footnotes(out: list[str], page: _Page, artefacts: Counter[str], next_label: int) -> int:
    """Find the page's footnote zone and label its texts; return the next label expected.

    The separator is a run of underscores of any length at a line end (possibly after text);
    a footnote text starts with its label, the next number of the document's sequence,
    followed by any spacing."""
    for i in range(page.start, page.end):
        if m := SEPARATOR.search(out[i]):
            before = out[i][: m.start()].rstrip()
            out[i] = before
            page.body_end = i + 1 if before.strip() else i
            artefacts["footnote separators"] += 1
            break
    else:
        return next_label
    for i in range(page.body_end, page.end):
        m = FOOTNOTE_TEXT.match(out[i])
        if m and int(m["number"]) == next_label:
            page.footnotes.append(next_label)
            out[i] = f"{to_superscript(next_label)} {m['text']}"
            next_label += 1
    return next_label


def _mark_footnote_calls(out: list[str], pages: list[_Page]) -> None:
    """Each footnote's marker, on its footnote's page or the page before (``markers``)."""
    page_of_note = {n: index for index, page in enumerate(pages) for n in page.footnotes}
    windows = {
        number: [i for page in pages[max(0, index - 1) : index + 1] for i in range(page.start, page.body_end)]
        for number, index in page_of_note.items()
    }

    def previous_line(i: int) -> int | None:
        page_start = max(page.start for page in pages if page.start <= i)
        previous = [j for j in range(page_start, i) if out[j].strip()]
        return previous[-1] if previous else None

    markers.mark(out, markers.place(out, windows), previous_line)
