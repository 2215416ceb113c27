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


# Abbreviations after which a number is a number, never a marker: "A/78/459/Add.1", "Rev.2".
_NOT_AFTER = r"(?<![A-Z0-9]\.)(?<!Add\.)(?<!Rev\.)(?<!Corr\.)(?<!Suppl\.)(?<!No\.)(?<!para\.)(?<!paras\.)(?<!art\.)"
# How sure a form is: a digit glued to a word is almost always a marker, a number set off
# by spaces before a capital or a digit rarely is. The placement maximises the number of
# markers found, then the sum of these.
SPACED_FORMS = {"spaced", "before word", "loose"}
STRENGTH = {
    "glued": 5,
    "glued inside a word": 4,
    "line start": 4,
    "spaced": 4,
    "year": 3,
    "before word": 2,
    "loose": 2,
    "glued to number": 1,
    "glued to any number": 0,
}
# A document symbol alone on a line (the masthead's "A/RES/78/151") carries no marker.
SYMBOL_ALONE = re.compile(r"^\s*[A-Z]+/\S+\s*$")


def _candidates(line: str, number: int, text: str = "") -> list[tuple[int, int, str]]:
    """(start, end, form) of each place in a line where marker ``number`` may stand;
    ``text`` is the whole document, to tell "Agenda 216" (Agenda 21, marker 6)."""
    n = str(number)
    found: list[tuple[int, int, str]] = []
    # Glued to a word or after punctuation: "INTERPOL1", "security,3", "Justice26".
    for m in re.finditer(rf"(?<=[^\W\d_]|[)\]”’',;:.]){_NOT_AFTER}{n}(?!\d)", line):
        # Between two letters ("Youth4Disarmament") a digit is more often part of a name.
        inside = line[m.start() - 1].isalpha() and line[m.end() : m.end() + 1].isalpha()
        found.append((m.start(), m.end(), "glued inside a word" if inside else "glued"))
    # Glued to a year, or to the full stop after one: "18 May 201834" is 2018 and marker 34,
    # "no later than February 2025.14" is 2025 and marker 14.
    for m in re.finditer(rf"\b(?:19|20)\d\d\.?({n})(?!\d)", line):
        found.append((m.start(1), m.end(1), "year"))
    # Set off by one space and followed by two spaces or the line end: "2006, 20  and".
    for m in re.finditer(rf"(?<=[^\W_]|[)\]”’',;:.]) ({n})(?=\s{{2,}}|\s*$)", line):
        found.append((m.start(), m.end(1), "spaced"))
    # After a word, a comma or a bracket and one space, before a word in lower case:
    # "Persons, 5 in which", "the Child 27 and", "(Johannesburg Plan) 4 and", "Rights; 7 expresses".
    for m in re.finditer(rf"(?:(?<=[^\W\d_])|(?<=[,;)”’])|(?<=\b(?:19|20)\d\d)) ({n})(?= [a-z])", line):
        found.append((m.start(), m.end(1), "before word"))
    # After a comma or a year and one space, before a capital or a date: "Development, 1
    # Agenda 21", "the 2000 and the 2010 8 Review Conferences".
    for m in re.finditer(rf"(?:(?<=[,)”])|(?<=\b(?:19|20)\d\d)) ({n})(?= [A-Z0-9])", line):
        found.append((m.start(), m.end(1), "loose"))
    # Glued to a number: to a symbol's ("59/3009" is 59/300 and marker 9; "1/CP.2731"), to
    # one the text writes elsewhere without it ("Agenda 216" where "Agenda 21," is), or, the
    # weakest form, to any number ("Agenda 216" alone), when nothing surer is in its place.
    if not SYMBOL_ALONE.match(line):
        for m in re.finditer(rf"(?<=\d)({n})(?!\d)", line):
            stem = re.search(r"(?:[/.\-][A-Z]*|\b[A-Z][a-z]+ )\d+$", line[: m.start()])
            if stem is None or re.search(r"(?<![/.\d])(?<![^\W\d_]-)(?:19|20)\d\d$", line[: m.end()]):
                continue  # a plain number, or a year ("2016" is no year 201 and marker 6)
            attested = stem.group().startswith(("/", ".")) or re.search(
                re.escape(stem.group()) + r"(?!\d)", text.replace(line, "")
            )
            found.append((m.start(), m.end(), "glued to number" if attested else "glued to any number"))
    # Alone at the start of a line, followed by two spaces: "3  including through".
    for m in re.finditer(rf"^({n})(?=\s{{2,}}\S)", line):
        found.append((m.start(1), m.end(1) + 2, "line start"))
    return sorted(set(found))


def _mark_footnote_calls(out: list[str], pages: list[_Page]) -> None:
    """Place each footnote's marker: the sequence of places, in reading order, each on the
    page of its footnote or the page before, that finds the most markers, then the surest
    forms. A greedy choice let an earlier, weaker look-alike ("paragraph 13 above") take
    a number and lose the real marker after it."""
    page_of_note = {n: index for index, page in enumerate(pages) for n in page.footnotes}
    text = "\n".join(out)
    # Pareto front of partial placements: (position, score, chosen places), positions rising.
    front: list[tuple[tuple[int, int], int, tuple]] = [((0, -1), 0, ())]
    for number in sorted(page_of_note):
        index = page_of_note[number]
        window = [p for p in (pages[index - 1] if index else None, pages[index]) if p is not None]
        places = [
            (i, start, end, form)
            for page in window
            for i in range(page.start, page.body_end)
            if out[i].strip()
            for start, end, form in _candidates(out[i], number, text)
        ]
        options = list(front)  # the marker not found: the parser reports it at the footnote
        for position, score, chosen in front:
            for i, start, end, form in places:
                if (i, start) > position:
                    options.append(((i, start), score + 100 + STRENGTH[form], (*chosen, (number, i, start, end, form))))
        options.sort(key=lambda option: (option[0], -option[1]))
        front = []
        for option in options:  # keep a placement only if no earlier one scores as much
            if not front or option[1] > front[-1][1]:
                front.append(option)
    best = max(front, key=lambda option: option[1])
    # Apply from the last to the first so that earlier columns stay valid on a shared line.
    for number, i, start, end, form in sorted(best[2], key=lambda place: (place[1], place[2]), reverse=True):
        mark = to_superscript(number)
        if form == "line start":
            # The marker belongs to the end of the previous line of text.
            page_start = max(page.start for page in pages if page.start <= i)
            previous = [j for j in range(page_start, i) if out[j].strip()]
            if previous:
                out[previous[-1]] = out[previous[-1]].rstrip() + mark
                out[i] = out[i][end:].lstrip()
                continue
        line = out[i]
        before = line[:start].rstrip() if form in SPACED_FORMS else line[:start]
        # "Agreement4and": the marker stood where the extraction lost a space.
        after = " " + line[end:] if form == "glued inside a word" else line[end:]
        out[i] = before + mark + after
