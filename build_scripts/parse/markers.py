"""Footnote markers in text extracted from a PDF: where footnote N is called.

Extractors give a marker as a plain digit: glued to a word ("INTERPOL1"), after
punctuation ("security,3"), glued to a year ("201834") or a symbol ("59/3009"), set off by
spaces ("Development, 1 Agenda 21"; pdftotext sets them all so), or alone at a line start.
A number is a marker only where footnote N exists: on its page or the page before, after
marker N-1. Of the places every footnote could take, the placement keeps the sequence, in
reading order, that finds the most markers and then the surest forms (``STRENGTH``): a
greedy choice let an earlier, weaker look-alike ("paragraph 13 above") take a number and
lose the real marker after it. Both layouts (``layout_pymupdf``, ``layout_pdftotext``) place
their markers here, by the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .inline import to_superscript

# Words after which a number set off by a space is a reference, not a footnote marker.
REFERENCE_WORDS = re.compile(
    r"(?:\b(?:paragraphs?|paras?\.|[Aa]rticles?|Chapter|Rule|arts?\.|resolutions?|decisions?|No\.|Nos\.|vols?\.|chap\.|chapters?"
    r"|sections?|sect\.|annex|items?|Goals?|targets?|rules?|principles?|of|Group|January|February|March|April"
    r"|May|June|July|August|September|October|November|December|and|to|from|the|at|its|some|over|about"
    r"|than|p\.|pp\.|Supplement|Protocol|Part|session|meeting|Agenda)|(?<![\d/])\d{1,3}[,.]?|\d{5,}) $"
)
# Words after which a number before a word in lower case counts or refers ("and 18
# questionnaire responses", "paragraphs 18 and 19"): no marker there.
COUNTING_WORDS = re.compile(
    r"\b(?:and|or|of|to|from|the|than|over|about|some|at|its|by|with|paragraphs?|articles?|rules?|items?"
    r"|sections?|chapters?|principles?|January|February|March|April|May|June|July|August"
    r"|September|October|November|December) $"
)
Place = tuple[int, int, int, int, str]  # (footnote number, line, start, end, form)


# Abbreviations after which a number is a number, never a marker: "A/78/459/Add.1", "Rev.2".
_NOT_AFTER = r"(?<![A-Z0-9]\.)(?<!Add\.)(?<!Rev\.)(?<!Corr\.)(?<!Suppl\.)(?<!No\.)(?<!para\.)(?<!paras\.)(?<!art\.)"
# How sure a form is: a digit glued to a word is almost always a marker, a number set off
# by spaces before a capital or a digit rarely is. The placement maximises the number of
# markers found, then the sum of these.
SPACED_FORMS = {"spaced", "before word", "after punctuation", "loose", "set off"}
STRENGTH = {
    "glued": 5,
    "glued inside a word": 4,
    "line start": 4,
    "spaced": 4,
    "set off": 4,
    "year": 3,
    "after punctuation": 3,
    "before word": 2,
    "loose": 2,
    "glued to a long number": 3,
    "glued to number": 1,
    "glued to any number": 0,
}
# A document symbol alone on a line (the masthead's "A/RES/78/151") carries no marker.
SYMBOL_ALONE = re.compile(r"^\s*[A-Z]+/\S+\s*$")


def candidates(line: str, number: int, text: str = "", set_off: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, form) of each place in a line where marker ``number`` may stand;
    ``text`` is the whole document, to tell "Agenda 216" (Agenda 21, marker 6).
    ``set_off``: the extractor sets markers off by a space ("INTERPOL 1 and", pdftotext)."""
    n = str(number)
    if n not in line:
        return []  # most lines: no need to try every form
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
        # After punctuation a number is a marker more often than after a word ("and 18
        # questionnaire responses" is a count), and never after "paragraphs", "of", "and"...
        if line[m.start() - 1] in ",;)”’":
            found.append((m.start(), m.end(1), "after punctuation"))
        elif not COUNTING_WORDS.search(line[: m.start() + 1]):
            found.append((m.start(), m.end(1), "before word"))
    # After a comma or a year and one space, before a capital or a date: "Development, 1
    # Agenda 21", "the 2000 and the 2010 8 Review Conferences".
    for m in re.finditer(rf"(?:(?<=[,)”])|(?<=\b(?:19|20)\d\d)) ({n})(?= [A-Z0-9])", line):
        found.append((m.start(), m.end(1), "loose"))
    # Glued to a number: to a symbol's ("59/3009" is 59/300 and marker 9; "1/CP.2731"), to
    # one the text writes elsewhere without it ("Agenda 216" where "Agenda 21," is), or, the
    # weakest form, to any number ("Agenda 216" alone), when nothing surer is in its place.
    # A symbol's number of four digits or more is none the Assembly or a conference gives
    # ("59/3009"); one of two or three may be the symbol itself ("61/29": no marker 9).
    if not SYMBOL_ALONE.match(line):
        for m in re.finditer(rf"(?<=\d)({n})(?!\d)", line):
            stem = re.search(r"(?:[/.\-][A-Z]*|\b[A-Z][a-z]+ )\d+$", line[: m.start()])
            if stem is None or re.search(r"(?<![/.\d])(?<![^\W\d_]-)(?:19|20)\d\d$", line[: m.end()]):
                continue  # a plain number, or a year ("2016" is no year 201 and marker 6)
            digits = re.search(r"\d+$", stem.group()).group() + n  # type: ignore[union-attr]
            # A symbol's number: after a slash or after letters and a dot ("CP.27"), never
            # a decimal ("0.8758 Swiss francs").
            symbol = stem.group().startswith("/") or re.search(r"[A-Z]\.\d+$", line[: m.start()])
            if symbol and len(digits) >= 4:
                found.append((m.start(), m.end(), "glued to a long number"))
            elif re.search(re.escape(stem.group()) + r"(?!\d)", text.replace(line, "")):
                found.append((m.start(), m.end(), "glued to number"))
            else:
                found.append((m.start(), m.end(), "glued to any number"))
    # Set off by a space after a word or punctuation, as pdftotext sets every marker:
    # "INTERPOL 1 and", "Development, 2" (never after "paragraph", "of", a month...).
    if set_off:
        for m in re.finditer(rf"(?<=\S) ({n})(?=$|\s|[,;.:)])", line):
            if not REFERENCE_WORDS.search(line[: m.start() + 1]):
                found.append((m.start(), m.end(), "set off"))
    # Alone at the start of a line, followed by two spaces: "3  including through".
    for m in re.finditer(rf"^({n})(?=\s{{2,}}\S)", line):
        found.append((m.start(1), m.end(1) + 2, "line start"))
    return sorted(set(found))


def place(lines: list[str], windows: dict[int, list[int]], set_off: bool = False) -> list[Place]:
    """The places of the markers: for each footnote number, the lines it may be called on
    (``windows``), in reading order. A footnote with no place is left out (the parser
    reports it as never called, at its text)."""
    text = "\n".join(lines)
    # Pareto front of partial placements: (position, score, chosen places), positions rising.
    front: list[tuple[tuple[int, int], int, tuple[Place, ...]]] = [((0, -1), 0, ())]
    for number in sorted(windows):
        places = [
            (i, start, end, form)
            for i in windows[number]
            if lines[i].strip()
            for start, end, form in candidates(lines[i], number, text, set_off)
        ]
        options = list(front)  # the marker not found
        for position, score, chosen in front:
            for i, start, end, form in places:
                if (i, start) > position:
                    options.append(((i, start), score + 100 + STRENGTH[form], (*chosen, (number, i, start, end, form))))
        options.sort(key=lambda option: (option[0], -option[1]))
        front = []
        for option in options:  # keep a placement only if no earlier one scores as much
            if not front or option[1] > front[-1][1]:
                front.append(option)
    return list(max(front, key=lambda option: option[1])[2])


def mark(lines: list[str], places: list[Place], previous_line: Callable[[int], int | None]) -> None:
    """Set each marker as a superscript at its place. A marker alone at a line start goes
    to the end of the line before it (``previous_line``: that line on the same page)."""
    # From the last to the first, so that earlier columns stay valid on a shared line.
    for number, i, start, end, form in sorted(places, key=lambda place: (place[1], place[2]), reverse=True):
        sign = to_superscript(number)
        if form == "line start" and (previous := previous_line(i)) is not None:
            lines[previous] = lines[previous].rstrip() + sign
            lines[i] = lines[i][end:].lstrip()
            continue
        line = lines[i]
        before = line[:start].rstrip() if form in SPACED_FORMS else line[:start]
        # "Agreement4and": the marker stood where the extraction lost a space.
        after = " " + line[end:] if form == "glued inside a word" else line[end:]
        lines[i] = before + sign + after
