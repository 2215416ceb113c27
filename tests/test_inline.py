"""parse/inline.py: one run of source text -> model inlines."""

from __future__ import annotations

from build_scripts.model import DocumentLink, FootnoteRef, Text
from build_scripts.parse.inline import merge_text, parse_inline, strip_inlines, superscript_value


def test_emphasis_links_and_footnote_calls():
    assert parse_inline("*Recalling* its resolution [70/1](#),¹² and") == [
        Text("Recalling", italic=True),
        Text(" its resolution "),
        DocumentLink("70/1", symbol="", href=""),
        Text(","),
        FootnoteRef(12),
        Text(" and"),
    ]


def test_an_unpaired_emphasis_marker_is_a_literal_character():
    assert parse_inline("a 5* rating") == [Text("a 5* rating")]
    assert parse_inline("*Noting* the 5* rating") == [Text("Noting", italic=True), Text(" the 5* rating")]


def test_spaces_collapse_and_no_break_spaces_too():
    assert parse_inline("the\u00a0United  \n Nations") == [Text("the United Nations")]


def test_superscripts_neighbours_and_trimming():
    assert superscript_value("³⁴") == 34
    assert merge_text([Text("a"), Text("b"), Text("c", italic=True), Text("")]) == [Text("ab"), Text("c", italic=True)]
    assert strip_inlines([Text("  "), Text(" a "), FootnoteRef(1), Text(" ")]) == [Text("a "), FootnoteRef(1)]
