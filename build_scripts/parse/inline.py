"""Inline parsing: one cleaned run of source text -> a list of model inlines.

The sources carry light Markdown: ``*italic*``, ``**bold**``, ``[70/1](#)`` links with
empty targets, and superscript digits as footnote calls. Anything else is text.
"""

from __future__ import annotations

import re

from ..model import DocumentLink, FootnoteRef, Inline, Text

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPERSCRIPT_RUN = f"[{SUPERSCRIPT_DIGITS}]+"
_SUPERSCRIPT_VALUE = {c: str(i) for i, c in enumerate(SUPERSCRIPT_DIGITS)}

_TOKEN = re.compile(
    rf"(?P<link>\[(?P<link_text>[^\[\]\n]*)\]\((?P<target>[^)\s]*)\))"
    rf"|(?P<strong>\*\*)"
    rf"|(?P<em>\*)"
    rf"|(?P<sup>{SUPERSCRIPT_RUN})"
)


def to_superscript(number: int) -> str:
    """12 -> "¹²": how the clean layout writes a footnote call or label."""
    return "".join(SUPERSCRIPT_DIGITS[int(d)] for d in str(number))


def superscript_value(run: str) -> int:
    return int("".join(_SUPERSCRIPT_VALUE[c] for c in run))


def normalise_spaces(text: str) -> str:
    """Collapse runs of whitespace (no-break spaces included) to one space."""
    return re.sub(r"[ \t\u00a0\n]+", " ", text)


def parse_inline(text: str) -> list[Inline]:
    """Parse one paragraph's text. Emphasis markers that are never closed are dropped."""
    text = normalise_spaces(text).strip()
    out: list[Inline] = []
    italic = False
    strong = False
    pos = 0
    # An emphasis marker without a partner in the paragraph is a literal character.
    tokens = list(_TOKEN.finditer(text))
    singles = [m.start() for m in tokens if m.group("em") is not None]
    doubles = [m.start() for m in tokens if m.group("strong") is not None]
    literal = set(singles[-1:] if len(singles) % 2 else []) | set(doubles[-1:] if len(doubles) % 2 else [])

    def emit(chunk: str) -> None:
        if chunk:
            out.append(Text(chunk, italic=italic or strong))

    for match in tokens:
        if match.start() in literal:
            continue  # left in the text, emitted with what follows
        emit(text[pos : match.start()])
        pos = match.end()
        if match.group("link") is not None:
            target = match.group("target")
            link_text = match.group("link_text")
            if target in ("", "#"):
                # An empty link in the source: a reference still to be resolved.
                out.append(DocumentLink(link_text, symbol="", href="", italic=italic))
            else:
                # A link with an address is not how the texts cite: keep its characters as text.
                emit(match.group("link"))
        elif match.group("strong") is not None:
            strong = not strong
        elif match.group("em") is not None:
            italic = not italic
        else:
            out.append(FootnoteRef(superscript_value(match.group("sup"))))
    emit(text[pos:])
    return merge_text(out)


def merge_text(inlines: list[Inline]) -> list[Inline]:
    """Join neighbouring text segments of the same style; drop empty ones."""
    merged: list[Inline] = []
    for item in inlines:
        if isinstance(item, Text):
            if not item.text:
                continue
            last = merged[-1] if merged else None
            if isinstance(last, Text) and last.italic == item.italic:
                merged[-1] = Text(last.text + item.text, italic=item.italic)
                continue
        merged.append(item)
    return merged


def strip_inlines(inlines: list[Inline]) -> list[Inline]:
    """Trim whitespace at both ends of a run of inlines."""
    items = list(inlines)
    while items and isinstance(items[0], Text) and not items[0].text.strip():
        items.pop(0)
    while items and isinstance(items[-1], Text) and not items[-1].text.strip():
        items.pop()
    if items and isinstance(items[0], Text):
        items[0] = Text(items[0].text.lstrip(), items[0].italic)
    if items and isinstance(items[-1], Text):
        items[-1] = Text(items[-1].text.rstrip(), items[-1].italic)
    return items


# The opening of a recital, which the UN sets in italics: adverbs, the participle or adjective
# ("Recalling", "Deeply concerned", "Mindful", "Having considered") and the words that belong
# to it ("also", "in mind", "into account", "note", "with deep concern"), never its object.
# Words in -ing or -ed that are prepositions or names open no recital of that kind.
RECITAL_HEAD = (
    r"(?!(?:during|notwithstanding|regarding|concerning|including|following|pending|according|united)\b)"
    r"(?:having [a-z]+|[a-z]+(?:ing|ed)|mindful|aware|conscious|cognizant|desirous|confident)"
)
RECITAL_TAIL = (
    r"also|further|again|once again|in mind|into (?:full )?account|note|stock|by|in particular"
    r"|(?:with )?(?:its )?(?:deep |grave |great |serious |profound |particular )?"
    r"(?:concern|appreciation|satisfaction|gratitude|alarm|regret|interest)"
)
RECITAL_OPENING = re.compile(
    rf"^(?P<phrase>(?:[a-z]+ly |also |further )?{RECITAL_HEAD}(?:(?: [a-z]+ly)? (?:{RECITAL_TAIL}))*)(?=[\s,:;]|$)",
    re.I,
)


def italic_opening(content: list[Inline]) -> list[Inline]:
    """A recital's content with its opening phrase in italics, as the UN prints it (kept
    as given where the source has italics of its own)."""
    first = content[0] if content else None
    m = RECITAL_OPENING.match(first.text) if isinstance(first, Text) and not first.italic else None
    if m and m["phrase"][0].isupper():  # the paragraph's first word: "Recalling", not "in"
        rest = first.text[m.end() :]
        return [Text(m["phrase"], italic=True), *([Text(rest)] if rest else []), *content[1:]]
    return content
