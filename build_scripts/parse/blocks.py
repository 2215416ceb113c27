"""Stage 1 of parsing: raw text -> blocks of lines, each knowing where it starts.

A block is what a blank line delimits. Texts copied from older UN web pages mark
paragraphs by indenting their first line rather than by blank lines: a line
indented deeper than the one before it starts a block, and in a text laid out that
way (first lines indented, the lines after them flush left) so does every indented line.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

INDENT_STEP = 3  # columns of extra indentation that mark a new paragraph
# A paragraph's number or a list item's label alone on its line ("3.", "(b)"): PDF extractors
# set it apart from its text, sometimes with no blank line before it. No sentence has such a line.
LABEL_LINE = re.compile(r"^(?:\d{1,3}\.|\( ?[a-z]{1,4} ?\))$")
# The same label before its text, after a line that ends a sentence: "...generations." then
# "10. We will devote ...".
LABELLED_LINE = re.compile(r"^(?:\d{1,3}\.|\( ?[a-z]{1,4} ?\))\s+[A-Z“‘\"(*]")
# A line that ends on one of these words is cut in mid-sentence.
CUT_AFTER = re.compile(r"\b(?:the|of|and|or|to|in|on|for|by|with|a|an|its|their|that)$")
ENDS_SENTENCE = re.compile(r"[.;:][\s\u00b9\u00b2\u00b3\u2070-\u2079”’*]*$")
# A letter and a hyphen, the end of a line cut after a hyphen ("Counter-").
LETTER_HYPHEN = re.compile(r"[^\W\d_]-")


@dataclass
class Block:
    lines: list[str]  # stripped, non-empty
    line: int  # 1-based number of the first line in the source file

    @property
    def text(self) -> str:
        """The lines joined; a line-end hyphen ("Counter-" / "Terrorism") is a real hyphen."""
        text = self.lines[0]
        for line in self.lines[1:]:
            # The last two characters only: searching the whole text joined so far would
            # make a long block quadratic.
            glue = "" if LETTER_HYPHEN.fullmatch(text[-2:]) and line[:1].isalpha() else " "
            text += glue + line
        return text


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t\u00a0"))


def uses_first_line_indents(lines: list[str]) -> bool:
    """True when paragraphs are marked by an indented first line over flush-left lines."""
    hanging = 0
    for line, following in itertools.pairwise(lines):
        if line.strip() and following.strip() and _indent(line) >= INDENT_STEP and _indent(following) == 0:
            hanging += 1
    return hanging >= 2


def _printed_late(current: Block, line: str, rest: list[str]) -> bool:
    """``line`` is the number of the paragraph ``current`` started, printed after its first
    line: one line cut in mid-sentence before it (it ends on "the", "of"..., or the sentence
    goes on in lower case after the number)."""
    if not LABEL_LINE.match(line) or not line[0].isdigit() or len(current.lines) != 1:
        return False
    first = current.lines[0]
    following = next((r.strip() for r in rest if r.strip()), "")
    return not ENDS_SENTENCE.search(first) and (bool(CUT_AFTER.search(first)) or following[:1].islower())


def split_blocks(text: str, first_line: int = 1) -> list[Block]:
    lines = text.split("\n")
    indented_layout = uses_first_line_indents(lines)
    blocks: list[Block] = []
    current: Block | None = None
    previous_indent = 0
    for offset, raw in enumerate(lines):
        number = first_line + offset
        if not raw.strip():
            current = None
            continue
        indent = _indent(raw)
        if current is not None and _printed_late(current, raw.strip(), lines[offset + 1 :]):
            # "Takes note of the report of the" / "1." / "implementation of ...": the number
            # of a paragraph printed after its first line opens it.
            current.lines.insert(0, raw.strip())
            continue
        if current is not None and (
            indent >= previous_indent + INDENT_STEP
            or (indented_layout and indent >= INDENT_STEP)
            or LABEL_LINE.match(raw.strip())
            or (LABELLED_LINE.match(raw.strip()) and ENDS_SENTENCE.search(current.lines[-1]))
        ):
            current = None
        if current is None:
            current = Block([], number)
            blocks.append(current)
        current.lines.append(raw.strip())
        previous_indent = indent
    return blocks
