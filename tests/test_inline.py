"""parse/inline.py: one run of source text -> model inlines."""

from __future__ import annotations

import pytest

from build_scripts.model import DocumentLink, FootnoteRef, Text
from build_scripts.parse.inline import italic_opening, merge_text, parse_inline, strip_inlines, superscript_value


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


# --- the details a mutation run showed untested ---------------------------------------------


def test_merging_keeps_the_emphasis_and_skips_empty_runs_anywhere():
    assert merge_text([Text("a", True), Text("b", True)]) == [Text("ab", True)]
    assert merge_text([Text(""), Text("a"), Text(""), Text("b")]) == [Text("ab")]
    assert merge_text([Text("a"), Text("b", True)]) == [Text("a"), Text("b", True)]


def test_stripping_keeps_the_emphasis_of_both_ends():
    assert strip_inlines([Text(" a ", True)]) == [Text("a", True)]
    assert strip_inlines([Text(" a", True), FootnoteRef(1), Text("b ", True)]) == [
        Text("a", True),
        FootnoteRef(1),
        Text("b", True),
    ]


def test_an_unpaired_strong_marker_is_literal_and_a_paired_one_closes():
    assert parse_inline("**bold** and ** alone") == [Text("bold", True), Text(" and ** alone")]
    assert parse_inline("** alone") == [Text("** alone")]


def test_a_literal_marker_does_not_stop_what_follows_from_being_read():
    assert parse_inline("*a* b * c¹ [70/1](#)") == [
        Text("a", True),
        Text(" b * c"),
        FootnoteRef(1),
        Text(" "),
        DocumentLink("70/1", "", "", False),
    ]


def test_links_with_an_empty_target_of_either_form_and_their_emphasis():
    assert parse_inline("[70/1]()") == [DocumentLink("70/1", "", "", False)]
    assert parse_inline("*see [70/1](#)*") == [Text("see ", True), DocumentLink("70/1", "", "", True)]


def test_paired_strong_markers_are_all_read():
    assert parse_inline("**a** b") == [Text("a", True), Text(" b")]
    assert parse_inline("**a** b **c**") == [Text("a", True), Text(" b "), Text("c", True)]


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("Recalling its resolution 51/1", "Recalling"),
        ("Recalling also the cooperation agreement", "Recalling also"),
        ("Noting with deep concern that", "Noting with deep concern"),
        ("Deeply concerned about the", "Deeply concerned"),
        ("Mindful of the", "Mindful"),
        ("Convinced that", "Convinced"),
        ("Bearing in mind that", "Bearing in mind"),
        ("Taking into account the", "Taking into account"),
        ("Taking note with appreciation of the report", "Taking note with appreciation"),
        ("Expressing its appreciation to", "Expressing its appreciation"),
        ("Having considered the report", "Having considered"),
        ("Further recalling", "Further recalling"),
        ("Guided by the purposes", "Guided by"),
        ("Recognizing, in this regard, that", "Recognizing"),
    ],
)
def test_a_recital_opens_with_its_phrase_in_italics_and_nothing_more(text: str, opening: str):
    first, *rest = italic_opening([Text(text)])
    assert first == Text(opening, italic=True)
    assert "".join(i.text for i in rest) == text[len(opening) :]


@pytest.mark.parametrize(
    "text",
    ["During the period", "United Nations peacekeeping", "We, Heads of State and Government", "The States Parties"],
)
def test_words_that_open_no_recital_stay_roman(text: str):
    assert italic_opening([Text(text)]) == [Text(text)]


def test_italics_of_the_source_are_kept_as_given():
    given = [Text("Recalling", italic=True), Text(" its resolution")]
    assert italic_opening(given) == given
