"""A treaty annexed in articles: the grammar of a convention or protocol over the annex's
blocks (the same stream of blocks every layout gives).

    annex    = title, [preamble], {chapter | article}, [final clauses]
    preamble = "Preamble", "The States Parties to ...,", recitals, "Have agreed as follows:"
    chapter  = "Chapter V" and its title, or "V. International cooperation"
    article  = "Article 27", [its title], {paragraph}
    paragraph= "1. ..." (numbered from 1 in each article) or unnumbered words, {item}
    item     = "(a)", "(i)" under a letter, "a." under a roman item, {item}
    final    = "IN WITNESS WHEREOF ..." and what follows it

Anchors follow the articles ("annex1-art27-1-a", see ``conventions.TREATY_ANCHOR``);
nothing is renumbered: a number out of its place stays in the words where it stands.
"""

from __future__ import annotations

import re

from ..conventions import roman_value, treaty_anchor
from ..errors import SourceError
from ..model import AnnexHeading, AnnexParagraph, Article, Chapter, Inline, Provision, Text, Treaty, plain_text
from .blocks import Block
from .inline import italic_opening, merge_text, parse_inline, strip_inlines
from .sources import SourceText

ARTICLE = re.compile(r"^Article (?P<number>\d+)\.?$")  # "Article 13." is printed so once
# A note on two articles at once (interpretative notes): "Articles 23 and 35, with regard to ...".
ARTICLES = re.compile(r"^Articles (?P<number>\d+) and \d+\b[^.;:]*$")
# "Chapter V" (its title on the next line or in the next block) or "V. International cooperation".
CHAPTER = re.compile(
    r"^(?:Chapter (?P<label>[IVXL]+)(?:\s+(?P<named>[A-Z].*))?|(?P<numbered>[IVXL]+)\.(?:\s+(?P<title>\S.*))?)$", re.S
)
# "1." and, as the extraction may give a one, "l." (a lower-case L).
PARAGRAPH = re.compile(r"^(?P<number>\d{1,3}|l)\.(?:\s+(?P<text>\S.*))?$", re.S)  # its words may follow apart
ITEM = re.compile(r"^(?:\((?P<paren>[a-z]{1,4})\)|(?P<dot>[a-z])\.)\s+(?P<text>\S.*)$", re.S)
PREAMBLE_HEADING = re.compile(r"^Preamble$")
AGREED = re.compile(r"^Have agreed as follows:$")
FINAL = re.compile(r"^IN WITNESS WHEREOF\b")
ROMAN_ITEM = re.compile(r"^(?=[ivxl])x{0,3}(?:ix|iv|v?i{0,3})$")
TITLE_WORDS = 20  # an article's title is a short line that closes no sentence
CLOSERS = (".", ";", ":", ",")


def is_treaty(blocks: list[Block]) -> bool:
    """An annex in articles: "Article 1" opens its first article."""
    return any(ARTICLE.match(b.lines[0]) and ARTICLE.match(b.lines[0])["number"] == "1" for b in blocks)  # type: ignore[index]


def starts_treaty_body(text: str) -> bool:
    """The block after a treaty's title: its preamble, a chapter, an article or the formula."""
    first = text.split("\n")[0]
    return bool(
        PREAMBLE_HEADING.match(first)
        or ARTICLE.match(first)
        or re.match(r"^Chapter [IVXL]+$", first)
        or first.startswith("The States Parties")
    )


def _inline(text: str) -> list[Inline]:
    return strip_inlines(parse_inline(text))


def _closes(text: str) -> bool:
    return re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹”’\s]+$", "", text).endswith(CLOSERS)


def _item_kind(label: str, dot: bool, last_letter: str) -> str:
    """ "letter", "roman" or "dot": "(i)" is a letter after "(h)", else a roman item."""
    if dot:
        return "dot"
    if ROMAN_ITEM.match(label) and not (label == "i" and last_letter == "h"):
        return "roman"
    return "letter"


class _Reader:
    """Reads an annex's blocks after its title into a preamble, articles and final clauses."""

    def __init__(self, source: SourceText, prefix: str) -> None:
        self.source, self.prefix = source, prefix
        self.preamble: list[AnnexHeading | AnnexParagraph] = []
        self.chapters: list[Chapter] = []
        self.articles: list[Article] = []
        self.final: list[AnnexParagraph] = []  # once it has begun, every block is of it
        self.titling: Chapter | Article | None = None  # what the next short block names
        self.stack: list[tuple[str, Provision]] = []  # the open items: (kind, item)
        self.numbered_so_far = 0  # the last paragraph number read in the annex
        self.last_letter = ""

    # --- the article being read ---------------------------------------------------------

    @property
    def article(self) -> Article:
        return self.articles[-1]

    def paragraph(self) -> Provision | None:
        return self.article.provisions[-1] if self.article.provisions else None

    def deepest(self) -> Provision | None:
        return self.stack[-1][1] if self.stack else self.paragraph()

    def read(self, block: Block) -> None:
        following = chr(ord(self.last_letter) + 1) if self.last_letter and self.last_letter < "z" else ""
        cut = next((k for k, line in enumerate(block.lines) if k and line.startswith(f"({following}) ")), 0)
        if following and cut:
            # The next item's label inside the block ("... State" / "(i) Any other type ..."):
            # the item starts there, whatever the line before it ends with.
            self.read(Block(block.lines[:cut], block.line))
            self.read(Block(block.lines[cut:], block.line + cut))
            return
        text, first = block.text, block.lines[0]
        if FINAL.match(text) or self.final:
            n = len(self.final) + 1
            self.final.append(AnnexParagraph(None, f"{self.prefix}-final{n}", _inline(text), block.line))
            return
        if m := ARTICLE.match(first) or (self.prefix == "annex-annex" and ARTICLES.match(" ".join(text.split()))):
            number = int(m["number"])
            chapter = self.chapters[-1].anchor if self.chapters else ""
            anchor = f"{self.prefix}-art{number}"
            if any(a.anchor == anchor for a in self.articles):
                raise SourceError(self.source.path, block.line, f"article {number} appears twice in the annex")
            title = " ".join(block.lines[1:])
            if ARTICLES.match(" ".join(text.split())):
                first, title = " ".join(text.split()), ""  # the note's heading is its line
            self.articles.append(Article(number, title, anchor, block.line, chapter, heading=first.strip()))
            self.titling = None if title else self.articles[-1]
            self.stack, self.last_letter = [], ""
            return
        short = not _closes(text) and len(text.split()) <= TITLE_WORDS
        if (m := CHAPTER.match(text)) and (short or not (m["title"] or m["named"])):
            label = m["label"] or m["numbered"]
            if roman_value(label) is not None and (m["label"] or not self.articles or self.titling is None):
                anchor = f"{self.prefix}-chp{roman_value(label)}"
                printed = f"Chapter {label}" if m["label"] else f"{label}."
                title = " ".join((m["title"] or m["named"] or "").split())
                chapter = Chapter(label, title, anchor, block.line, printed)
                self.chapters.append(chapter)
                self.titling = None if chapter.title else chapter
                return
        if self.titling is not None and short and not (PARAGRAPH.match(text) or ITEM.match(text)):
            self.titling.title = " ".join(text.split())
            self.titling = None
            return
        self.titling = None
        if not self.articles:
            self.preamble_block(block)
        else:
            self.article_block(block)

    def preamble_block(self, block: Block) -> None:
        text = block.text
        if PREAMBLE_HEADING.match(text):
            self.preamble.append(AnnexHeading(text, f"{self.prefix}-preamble", block.line))
            return
        previous = self.preamble[-1] if self.preamble else None
        if isinstance(previous, AnnexParagraph) and (text[:1].islower() or not _closes(plain_text(previous.content))):
            previous.content = merge_text([*previous.content, Text(" "), *_inline(text)])  # cut by a page break
            return
        n = sum(1 for item in self.preamble if isinstance(item, AnnexParagraph)) + 1
        self.preamble.append(AnnexParagraph(None, f"{self.prefix}-pp{n}", italic_opening(_inline(text)), block.line))

    def article_block(self, block: Block) -> None:
        text = block.text
        paragraph = self.paragraph()
        numbered = [p for p in self.article.provisions if p.num]
        if m := PARAGRAPH.match(text):
            number = 1 if m["number"] == "l" else int(m["number"])
            expected = int(numbered[-1].num.rstrip(".")) + 1 if numbered else 1
            # Notes on articles number their paragraphs on through the annex: "4." opens a note.
            onward = not numbered and number == self.numbered_so_far + 1 and self.prefix == "annex-annex"
            closed = numbered or paragraph is None or _closes(plain_text(paragraph.content))
            if (number == expected or onward) and closed:
                self.numbered_so_far = number
                anchor = treaty_anchor(self.article.anchor, [str(number)])
                self.article.provisions.append(Provision(f"{number}.", anchor, [], block.line))
                self.stack, self.last_letter = [], ""
                self.item_or_words(m["text"] or "", block.line)
                return
        if (m := ITEM.match(text)) and paragraph is None:
            # Items straight under the article's title: its unnumbered words are empty.
            self.article.provisions.append(Provision("", f"{self.article.anchor}-p1", [], block.line))
            paragraph = self.paragraph()
        if m:
            self.item(m, block.line)
            return
        deepest = self.deepest()
        ending = plain_text(deepest.content) if deepest is not None else ""
        fragment = len(ending.split()) <= 2 and _closes(ending)
        if (
            paragraph is not None
            and not paragraph.content
            and paragraph.items
            and deepest is paragraph.items[0]
            and fragment
            and text.endswith(":")
        ):
            # "21." "(a)" "article;" / "Mutual legal assistance may be refused:": the words
            # of a paragraph that came out after its first item's last words.
            paragraph.content = _inline(text)
            return
        if deepest is not None and deepest.num and len(ending.split()) <= 2 and _closes(ending) and not _closes(text):
            # "(h)" / "Party;" / "Facilitating the voluntary appearance ... State": the item's
            # last words came out before its first line, which they end. Where its paragraph
            # has no words yet, the lines up to one ending in ":" are the paragraph's chapeau
            # ("21." "(a)" "article;" / "Mutual legal assistance may be refused:" "If the ...").
            lines = block.lines
            chapeau = next((k + 1 for k, line in enumerate(lines[:-1]) if line.endswith(":")), 0)
            holder = self.paragraph()
            if chapeau and holder is not None and not holder.content and holder is not deepest:
                holder.content = _inline(" ".join(lines[:chapeau]))
                text = " ".join(lines[chapeau:])
            deepest.content = merge_text([*_inline(text), Text(" "), *deepest.content])
            return
        if deepest is not None and (text[:1].islower() or not _closes(plain_text(deepest.content))):
            deepest.content = merge_text([*deepest.content, Text(" "), *_inline(text)])  # cut by a page break
            return
        if paragraph is not None and numbered and not paragraph.items:
            # A further sentence of a numbered paragraph's words, set on a line of its own.
            paragraph.content = merge_text([*paragraph.content, Text(" "), *_inline(text)])
            return
        if paragraph is not None and (numbered or paragraph.items):
            # Words after a paragraph's items.
            paragraph.continuation.append(_inline(text))
            self.stack = []
            return
        n = len(self.article.provisions) + 1
        self.article.provisions.append(Provision("", f"{self.article.anchor}-p{n}", _inline(text), block.line))
        self.stack, self.last_letter = [], ""

    def item_or_words(self, text: str, line: int) -> None:
        """The words after a paragraph's number: its own, or straight away an item ("1. (a) ...")."""
        if not text:
            return  # "3." alone: its words or its first item come next
        if m := ITEM.match(text):
            self.item(m, line)
        else:
            self.paragraph().content = _inline(text)  # type: ignore[union-attr]

    def item(self, m: re.Match[str], line: int) -> None:
        label = m["paren"] or m["dot"]
        kinds = [kind for kind, _ in self.stack]
        kind = _item_kind(label, bool(m["dot"]), self.last_letter)
        open_items = self.stack[: kinds.index(kind)] if kind in kinds else self.stack
        parent = open_items[-1][1] if open_items else self.paragraph()
        assert parent is not None
        # Items of the article's first unnumbered words are the article's: "annex-art2-a".
        first_words = not open_items and not parent.num and parent.anchor == f"{self.article.anchor}-p1"
        anchor = treaty_anchor(self.article.anchor if first_words else parent.anchor, [label])
        if any(i.anchor == anchor for i in parent.items):
            # A label repeated: no item of its own, its words stay in the item before.
            before = self.deepest()
            assert before is not None
            before.content = merge_text([*before.content, Text(" "), *_inline(m.group(0))])
            return
        self.stack = list(open_items)
        num = f"({label})" if m["paren"] else f"{label}."
        item = Provision(num, anchor, [], line)
        parent.items.append(item)
        self.stack.append((kind, item))
        if kind == "letter":
            self.last_letter = label
        rest = m["text"]
        if nested := ITEM.match(rest):  # "(a) (i) The conversion ...": an item opening with its first item
            self.item(nested, line)
        else:
            item.content = _inline(rest)


# An item that the extraction ran on after the one before it: "...closed group of users; and
# (ii) Does not ...". An item ends on "; and" or "; or"; the next label opens a capital.
RUN_ON_ITEM = re.compile(r"(?:(?<=[;,] and)|(?<=[;,] or)) (?=\((?:[a-z]{1,4})\) [A-Z“])")


def _pieces(block: Block) -> list[Block]:
    """A block cut where an item runs on after the one before it (same first line)."""
    parts = RUN_ON_ITEM.split(block.text)
    return [Block([part], block.line) for part in parts] if len(parts) > 1 else [block]


def parse_treaty(
    source: SourceText, blocks: list[Block], prefix: str
) -> tuple[list[AnnexHeading | AnnexParagraph], Treaty]:
    """The preamble (as the annex's items) and the treaty read from the blocks after the
    annex's title."""
    reader = _Reader(source, prefix)
    for block in blocks:
        for piece in _pieces(block):
            reader.read(piece)
    numbers = [a.number for a in reader.articles]
    if numbers != list(range(1, len(numbers) + 1)) and prefix != "annex-annex":
        expected = next(n for n, got in enumerate(numbers, 1) if got != n)
        where = reader.articles[expected - 1].line
        raise SourceError(
            source.path, where, f"article {numbers[expected - 1]} is out of order: expected article {expected}"
        )
    return reader.preamble, Treaty(reader.chapters, reader.articles, reader.final)
