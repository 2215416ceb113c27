"""Parse a related document (a web page, a statement) into headings, paragraphs and lists.

These texts come as light Markdown (``# Heading``, ``**bold**``, ``---``) or as the text
of a web page whose block structure was lost when it was copied: headings run into the
next sentence ("collaborationToday's crimes"), paragraphs into each other ("2023.This"),
and slide counters ("1 /" over "10") left behind. The sidecar lists the lost headings;
everything else is recognised by rule.
"""

from __future__ import annotations

import re

from ..conventions import line_anchor
from ..errors import SourceError
from ..model import Block, BulletList, Heading, Paragraph, RelatedDocument
from .blocks import split_blocks
from .inline import normalise_spaces, parse_inline, strip_inlines
from .sources import SourceText

SLIDE_COUNTER = re.compile(r"^[ \t]*\d+ /[ \t]*\n[ \t]*\d+[ \t]*$", re.M)
MARKDOWN_HEADING = re.compile(r"^(?P<hashes>#{1,5})\s+(?P<text>.+)$")
THEMATIC_BREAK = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
# A sentence that ends and the next that starts with no space between them: "2023.This".
# The next word must be a capitalised word ("This", "The") or an acronym before a lower-case
# word ("development).SDG focuses"), so "16.A" stays whole.
RUN_TOGETHER = re.compile(r"(?<=[a-z0-9)][.?!])(?=[A-Z‘“][a-z’']|[A-Z]{2,} [a-z])|(?<=[a-z)][.?!][’”])(?=[A-Z‘“])")
# Items of a list that lost its markup, each after a no-break space: "including:\xa0SDG 5 (...);\xa0SDG 16".
LIST_START = re.compile(r":\s*\u00a0\s*")
LIST_SEPARATOR = re.compile(r"(?<=;)\s*\u00a0\s*")
# Prose ends as a sentence does; a block that does not (a subtitle, a dateline, a salutation
# "Your Excellences, dear colleagues,") or that is bold throughout is a line of the page, not
# a paragraph: it is kept, but not numbered.
SENTENCE_END = re.compile(r"[.!?:;…][\"”’')\]]*$")
BOLD_THROUGHOUT = re.compile(r"^\*\*[^*]+\*\*$")


def is_paragraph(chunk: str) -> bool:
    text = " ".join(chunk.split())
    return not BOLD_THROUGHOUT.match(text) and bool(SENTENCE_END.search(text.replace("*", "")))


def slugify(text: str) -> str:
    slug = re.sub(r"[^\w]+", "-", text.lower().replace("’", "").replace("'", "")).strip("-")
    return slug or "section"


def remove_artefacts(text: str) -> str:
    return SLIDE_COUNTER.sub("", text)


def split_lost_headings(text: str, headings: list[str]) -> list[tuple[str, str]]:
    """Cut a run-together block into ("heading", text) and ("text", text) pieces."""
    pieces: list[tuple[str, str]] = []
    rest = re.sub(r"[ \t\n]+", " ", text).strip()  # no-break spaces still mark list items
    while rest:
        found = None
        for heading in headings:
            position = rest.find(heading)
            # The first heading in the text; of two that start at one place, the longer
            # ("Lost heading again" over "Lost heading").
            if position != -1 and (found is None or (position, -len(heading)) < (found[0], -len(found[1]))):
                found = (position, heading)
        if found is None:
            pieces.append(("text", rest))
            break
        position, heading = found
        if rest[:position].strip():
            pieces.append(("text", rest[:position].strip()))
        pieces.append(("heading", heading))
        rest = rest[position + len(heading) :].strip()
    return pieces


def parse_document(source: SourceText) -> RelatedDocument:
    sidecar = source.sidecar
    if not sidecar.title:
        raise SourceError(
            source.path.removesuffix(".txt") + ".yml",
            None,
            "a document that is not a resolution needs a sidecar with its 'title' and 'kind'",
        )
    text = remove_artefacts(source.text)
    # Blank-line blocks only: web-page indentation is markup debris, not paragraph structure.
    raw_blocks = split_blocks("\n".join(line.strip() for line in text.split("\n")))
    headings = [normalise_spaces(h).strip() for h in sidecar.headings]
    unused = set(headings)
    blocks: list[Block] = []
    used_anchors: set[str] = set()
    paragraph_count = 0
    line_count = 0

    def anchor_for(heading: str) -> str:
        base = slugify(heading)
        anchor, n = base, 1
        while anchor in used_anchors:
            n += 1
            anchor = f"{base}-{n}"
        used_anchors.add(anchor)
        return anchor

    def add_paragraph(chunk: str, line: int) -> None:
        nonlocal paragraph_count, line_count
        listed = ""
        if start := LIST_START.search(chunk):
            chunk, listed = chunk[: start.start() + 1], chunk[start.end() :]
        if chunk.strip() and not is_paragraph(chunk) and not listed:
            line_count += 1
            blocks.append(Paragraph(strip_inlines(parse_inline(chunk)), line_anchor(line_count), line))
        elif chunk.strip():
            paragraph_count += 1
            blocks.append(Paragraph(strip_inlines(parse_inline(chunk)), f"p{paragraph_count}", line))
        if listed:
            items = [strip_inlines(parse_inline(i)) for i in LIST_SEPARATOR.split(listed) if i.strip()]
            paragraph_count += 1
            blocks.append(BulletList(items, f"p{paragraph_count}", line))

    for block in raw_blocks:
        joined = "\n".join(block.lines)
        if THEMATIC_BREAK.match(joined):
            continue  # a rule between sections: layout, not text
        if m := MARKDOWN_HEADING.match(joined):
            title = normalise_spaces(m["text"].replace("**", "")).strip()
            blocks.append(Heading(len(m["hashes"]) + 1, title, anchor_for(title)))
            continue
        for kind, piece in split_lost_headings(block.text, headings):
            if kind == "heading":
                unused.discard(piece)
                blocks.append(Heading(2, piece, anchor_for(piece)))
                continue
            for sentence_group in RUN_TOGETHER.split(piece):
                if sentence_group.strip():
                    add_paragraph(sentence_group.strip(), block.line)
    if unused:
        raise SourceError(
            source.path.removesuffix(".txt") + ".yml",
            None,
            "the sidecar lists headings that the text does not contain: " + ", ".join(sorted(unused)),
        )
    return RelatedDocument(
        slug=source.slug,
        source_path=source.path,
        title=sidecar.title,
        kind=sidecar.kind,
        publisher=sidecar.publisher,
        date=sidecar.date,
        source_url=sidecar.source_url,
        retrieved=sidecar.retrieved,
        blocks=blocks,
        summary=sidecar.summary,
    )
