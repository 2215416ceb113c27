"""Stage 1 of parsing: raw text -> blocks of lines, each knowing where it starts.

A block is what a blank line delimits. Texts copied from older UN web pages mark
paragraphs by indenting their first line rather than by blank lines, so a line
indented deeper than the one before it also starts a block.
"""

from __future__ import annotations

from dataclasses import dataclass

INDENT_STEP = 3  # columns of extra indentation that mark a new paragraph


@dataclass
class Block:
    lines: list[str]  # stripped, non-empty
    line: int  # 1-based number of the first line in the source file

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t\u00a0"))


def split_blocks(text: str, first_line: int = 1) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    previous_indent = 0
    for offset, raw in enumerate(text.split("\n")):
        number = first_line + offset
        if not raw.strip():
            current = None
            continue
        indent = _indent(raw)
        if current is not None and indent >= previous_indent + INDENT_STEP:
            current = None
        if current is None:
            current = Block([], number)
            blocks.append(current)
        current.lines.append(raw.strip())
        previous_indent = indent
    return blocks
