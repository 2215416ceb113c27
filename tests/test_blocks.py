"""parse/blocks.py: raw text -> blocks of lines that know where they start."""

from __future__ import annotations

from build_scripts.parse.blocks import INDENT_STEP, Block, split_blocks, uses_first_line_indents


def test_blank_lines_delimit_blocks_and_line_numbers_point_into_the_file():
    blocks = split_blocks("Recalling,\nits work,\n\n\nNoting,\n", first_line=10)
    assert [(b.line, b.lines) for b in blocks] == [(10, ["Recalling,", "its work,"]), (14, ["Noting,"])]


def test_a_line_end_hyphen_is_a_real_hyphen_and_other_lines_join_with_a_space():
    assert Block(["Counter-", "Terrorism Strategy"], 1).text == "Counter-Terrorism Strategy"
    assert Block(["the United", "Nations"], 1).text == "the United Nations"
    assert Block(["in 2019 -", "2020"], 1).text == "in 2019 - 2020"  # not a word broken at the line end


def test_indented_first_lines_start_paragraphs_in_older_web_texts():
    text = "    Recalling its resolution,\nand its work,\n    Noting the report,\nof the Secretary-General,\n"
    assert uses_first_line_indents(text.split("\n"))
    assert [b.line for b in split_blocks(text)] == [1, 3]


def test_without_indents_one_block_stays_one():
    text = "Recalling its resolution,\nand its work,\n"
    assert not uses_first_line_indents(text.split("\n"))
    assert len(split_blocks(text)) == 1


# --- the boundaries of the indentation rules ---------------------------------------------------


def test_a_line_indented_exactly_one_step_deeper_starts_a_block_and_less_does_not():
    step = " " * INDENT_STEP
    assert [b.lines for b in split_blocks(f"one\n{step}two")] == [["one"], ["two"]]
    assert [b.lines for b in split_blocks(f"one\n{step[:-1]}two")] == [["one", "two"]]


def test_first_line_indents_need_two_paragraphs_laid_out_that_way():
    step = " " * INDENT_STEP
    assert uses_first_line_indents([f"{step}one", "two", f"{step}three", "four"])
    assert not uses_first_line_indents([f"{step}one", "two", "three"])  # one indented first line
    assert not uses_first_line_indents(["one", "two", "three", "four"])  # nothing indented
    assert not uses_first_line_indents([f"{step[:-1]}one", "two", f"{step[:-1]}three", "four"])  # too shallow


def test_in_a_first_line_layout_a_line_indented_exactly_one_step_starts_a_block():
    step = " " * INDENT_STEP
    text = f"{step}One starts\nand goes on.\n{step}Two, one line.\n{step}Three starts\nand goes on."
    assert [b.lines[0] for b in split_blocks(text)] == ["One starts", "Two, one line.", "Three starts"]
