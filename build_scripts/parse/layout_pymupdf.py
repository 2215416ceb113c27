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

from .inline import to_superscript

PAGE_COUNTER = re.compile(r"^\s*\d{1,3}/\d{1,3}\s*$")
JOB_NUMBER = re.compile(r"^\s*\d{2}-\d{5}(?:\s*\(E\))?(?:\s+\d{6})?\s*$")
BARCODE = re.compile(r"^\s*\*\d{6,}\*\s*$")
SEPARATOR = re.compile(r"_{5,}\s*$")
FOOTNOTE_TEXT = re.compile(r"^\s*(?P<number>\d{1,3})\s+(?P<text>\S.*)$")
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


def _candidates(line: str, number: int) -> list[tuple[int, int, str]]:
    """(start, end, form) of each place in a line where marker ``number`` may stand."""
    n = str(number)
    found: list[tuple[int, int, str]] = []
    # Glued to a word or after punctuation: "INTERPOL1", "security,3", "Justice26".
    for m in re.finditer(rf"(?<=[^\W\d_]|[)\]”’',;:.])(?<![A-Z0-9]\.){n}(?!\d)", line):
        found.append((m.start(), m.end(), "glued"))
    # Glued to a year: "18 May 201834" is 2018 and marker 34.
    for m in re.finditer(rf"\b(?:19|20)\d\d({n})(?!\d)", line):
        found.append((m.start(1), m.end(1), "year"))
    # Set off by one space and followed by two spaces or the line end: "2006, 20  and".
    for m in re.finditer(rf"(?<=[^\W_]|[)\]”’',;:.]) ({n})(?=\s{{2,}}|\s*$)", line):
        found.append((m.start(), m.end(1), "spaced"))
    # After a word or a comma and one space, before a word in lower case: "Persons, 5 in
    # which", "the Child 27 and". ("Group of 20 in" is ruled out by the order of markers.)
    for m in re.finditer(rf"(?:(?<=[^\W\d_])|(?<=,)|(?<=\b(?:19|20)\d\d)) ({n})(?= [a-z])", line):
        found.append((m.start(), m.end(1), "spaced"))
    # Alone at the start of a line, followed by two spaces: "3  including through".
    for m in re.finditer(rf"^({n})(?=\s{{2,}}\S)", line):
        found.append((m.start(1), m.end(1) + 2, "line start"))
    return sorted(found)


def _mark_footnote_calls(out: list[str], pages: list[_Page]) -> None:
    page_of_note = {n: index for index, page in enumerate(pages) for n in page.footnotes}
    position = (0, -1)  # (line, column) of the previous marker: markers come in order
    for number in sorted(page_of_note):
        index = page_of_note[number]
        window = [p for p in (pages[index - 1] if index else None, pages[index]) if p is not None]
        chosen = None
        for page in window:
            for i in range(page.start, page.body_end):
                if i < position[0] or not out[i].strip():
                    continue
                for start, end, form in _candidates(out[i], number):
                    if (i, start) > position:
                        chosen = (i, start, end, form)
                        break
                if chosen:
                    break
            if chosen:
                break
        if chosen is None:
            continue  # the parser reports "footnote N is never called" at the footnote
        i, start, end, form = chosen
        mark = to_superscript(number)
        if form == "line start":
            # The marker belongs to the end of the previous line of text.
            previous = max(j for j in range(page.start, i) if out[j].strip()) if i > page.start else i
            if previous != i:
                out[previous] = out[previous].rstrip() + mark
                out[i] = out[i][end:].lstrip()
                position = (previous, len(out[previous]) - 1)
                continue
        line = out[i]
        before = line[:start].rstrip() if form == "spaced" else line[:start]
        out[i] = before + mark + line[end:]
        position = (i, len(before) + len(mark) - 1)
