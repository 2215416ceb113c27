"""Unit tests of the related-document parser (web pages and statements)."""

from __future__ import annotations

import pytest

from build_scripts.errors import SourceError
from build_scripts.model import BulletList, Heading, Paragraph, plain_text
from build_scripts.parse.document import parse_document
from build_scripts.parse.sources import Sidecar, SourceText


def doc(text: str, **sidecar):
    side = Sidecar(kind="web page", title="A page", publisher="INTERPOL", **sidecar)
    return parse_document(SourceText("source_texts/page.txt", "page", text, side))


def test_lost_headings_and_run_together_paragraphs_are_separated():
    d = doc(
        "Why a Day?The Day is marked in 2023.This day recognizes the work. Target 16.A stays whole.",
        headings=["Why a Day?"],
    )
    kinds = [(type(b).__name__, getattr(b, "text", None)) for b in d.blocks]
    assert kinds[0] == ("Heading", "Why a Day?")
    texts = [plain_text(b.content) for b in d.blocks if isinstance(b, Paragraph)]
    assert texts == ["The Day is marked in 2023.", "This day recognizes the work. Target 16.A stays whole."]


def test_slide_counters_and_rules_are_dropped_markdown_headings_kept():
    d = doc("# Title\n\n---\n\nSome text.\n            1 /\n            10\n\n## **Sub**\n\nMore.")
    assert [(type(b).__name__) for b in d.blocks] == ["Heading", "Paragraph", "Heading", "Paragraph"]
    assert isinstance(d.blocks[2], Heading) and d.blocks[2].text == "Sub" and d.blocks[2].level == 3
    assert plain_text(d.blocks[1].content) == "Some text."


def test_items_after_no_break_spaces_form_a_list():
    d = doc("They align with goals, including:\u00a0SDG 5 (gender);\u00a0SDG 16 (peace).")
    assert isinstance(d.blocks[1], BulletList)
    assert [plain_text(i) for i in d.blocks[1].items] == ["SDG 5 (gender);", "SDG 16 (peace)."]


def test_a_sidecar_heading_missing_from_the_text_is_an_error():
    with pytest.raises(SourceError, match="Lost heading"):
        doc("Text.", headings=["Lost heading"])


def test_datelines_and_salutations_are_lines_not_numbered_paragraphs():
    d = doc(
        "**Statement by INTERPOL**\n\nSession 3: Bridging the gap\n\nYour Excellences, dear colleagues,\n\n"
        "On behalf of INTERPOL, I am pleased to address you.\n\nThank you."
    )
    anchors = [(b.anchor, plain_text(b.content)) for b in d.blocks if isinstance(b, Paragraph)]
    assert anchors == [
        ("line1", "Statement by INTERPOL"),
        ("line2", "Session 3: Bridging the gap"),
        ("line3", "Your Excellences, dear colleagues,"),
        ("p1", "On behalf of INTERPOL, I am pleased to address you."),
        ("p2", "Thank you."),
    ]


def test_an_acronym_after_a_full_stop_starts_a_new_sentence():
    d = doc("(Revitalize the global partnership).SDG focuses on inclusive societies.")
    texts = [plain_text(b.content) for b in d.blocks if isinstance(b, Paragraph)]
    assert texts == ["(Revitalize the global partnership).", "SDG focuses on inclusive societies."]
