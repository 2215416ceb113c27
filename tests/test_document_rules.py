"""The related-document reader's rules (``parse/document.py``), each on a small page made for
it: the fast loop. The INTERPOL texts themselves are read in tests/test_parse_document.py."""

from __future__ import annotations

import pytest

from build_scripts.errors import SourceError
from build_scripts.model import BulletList, Heading, plain_text
from build_scripts.parse.document import is_paragraph, parse_document, slugify, split_lost_headings
from build_scripts.parse.sources import Sidecar, SourceText


def outline(text: str, *headings: str, title: str = "A page") -> list[tuple]:
    side = Sidecar(kind="web page", title=title, publisher="INTERPOL", headings=list(headings))
    document = parse_document(SourceText("source_texts/page.txt", "page", text, side))
    rows: list[tuple] = []
    for b in document.blocks:
        if isinstance(b, Heading):
            rows.append(("heading", b.level, b.text, b.anchor))
        elif isinstance(b, BulletList):
            rows.append(("list", b.anchor, b.line, [plain_text(i) for i in b.items]))
        else:
            rows.append(("paragraph", b.anchor, b.line, plain_text(b.content)))
    return rows


PAGE = (
    "# The **International** Day\n\n"
    "Subtitle of the page\n\n"
    "1 /\n10\n\n"
    "---\n\n"
    "Lost headingThe work goes on in 2023.This day recognizes the work. Target 16.A stays whole. The UN"
    " (development).SDG focuses on peace. He said “Yes.”Then he left.\n\n"
    "Lost heading again, and more words: the end.\n\n"
    "Your Excellences, dear colleagues,\n\n"
    "**Bold throughout.**\n\n"
    "It includes:\u00a0SDG 5 (gender);\u00a0 SDG 16 (peace);\u00a0SDG 17\n\n"
    "## Lost heading\n\n"
    "### Why it’s a “Day”?\n\n"
    "#### ’’’\n\n"
    "   Lost heading   \n\n"
    "A last paragraph…\n"
)


def test_a_page_reads_into_headings_numbered_paragraphs_lines_and_lists():
    """Markdown headings one level below the page's title; a slide counter and a rule
    dropped; the sidecar's lost headings cut out of the words they ran into, the longer of
    two that start at one place first; sentences run together cut apart (not "16.A"); what
    ends no sentence, or is bold throughout, a line of the page (``line1``...), not a
    numbered paragraph; a list after no-break spaces; anchors made unique by a number."""
    assert outline(PAGE, "Lost heading", "Lost heading again") == [
        ("heading", 2, "The International Day", "the-international-day"),
        ("paragraph", "line1", 3, "Subtitle of the page"),
        ("heading", 2, "Lost heading", "lost-heading"),
        ("paragraph", "p1", 9, "The work goes on in 2023."),
        ("paragraph", "p2", 9, "This day recognizes the work. Target 16.A stays whole. The UN (development)."),
        ("paragraph", "p3", 9, "SDG focuses on peace. He said “Yes.”"),
        ("paragraph", "p4", 9, "Then he left."),
        ("heading", 2, "Lost heading again", "lost-heading-again"),
        ("paragraph", "p5", 11, ", and more words: the end."),
        ("paragraph", "line2", 13, "Your Excellences, dear colleagues,"),
        ("paragraph", "line3", 15, "Bold throughout."),
        ("paragraph", "p6", 17, "It includes:"),
        ("list", "p7", 17, ["SDG 5 (gender);", "SDG 16 (peace);", "SDG 17"]),
        ("heading", 3, "Lost heading", "lost-heading-2"),
        ("heading", 4, "Why it’s a “Day”?", "why-its-a-day"),
        ("heading", 5, "’’’", "section"),
        ("heading", 2, "Lost heading", "lost-heading-3"),
        ("paragraph", "p8", 27, "A last paragraph…"),
    ]


def test_a_list_opens_after_a_colon_and_a_no_break_space():
    assert outline("Members\u00a0 Alpha;\u00a0Beta\n") == [("paragraph", "line1", 1, "Members Alpha; Beta")]
    assert outline("The members:\u00a0Alpha;\u00a0Beta\n") == [
        ("paragraph", "p1", 1, "The members:"),
        ("list", "p2", 1, ["Alpha;", "Beta"]),
    ]
    assert outline("The members are:\u00a0Alpha\n\nNext line\n") == [
        ("paragraph", "p1", 1, "The members are:"),
        ("list", "p2", 1, ["Alpha"]),
        ("paragraph", "line1", 3, "Next line"),
    ]


def test_a_page_without_a_title_or_with_a_heading_it_lacks_is_refused_naming_its_sidecar():
    with pytest.raises(SourceError) as raised:
        outline("Words.\n", title="")
    assert str(raised.value) == (
        "source_texts/page.yml: a document that is not a resolution needs a sidecar with its 'title' and 'kind'"
    )
    with pytest.raises(SourceError) as raised:
        outline("Words.\n", "Missing", "Also missing")
    assert str(raised.value) == (
        "source_texts/page.yml: the sidecar lists headings that the text does not contain: Also missing, Missing"
    )


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Why a Day?", "why-a-day"),
        ("INTERPOL’s role", "interpols-role"),
        ("Member's  work -- today", "members-work-today"),
        ("—", "section"),
        ("“Quoted”", "quoted"),
        ("Día 2023", "día-2023"),
    ],
)
def test_an_anchor_is_the_headings_words_in_lower_case_joined_by_hyphens(text: str, slug: str):
    assert slugify(text) == slug


@pytest.mark.parametrize(
    ("chunk", "paragraph"),
    [
        ("A sentence.", True),
        ("A question?", True),
        ("An exclamation!", True),
        ("A list follows:", True),
        ("An item;", True),
        ("Trails off…", True),
        ("He said “Yes.”", True),
        ("(A sentence.)", True),
        ("A sentence.**", True),  # emphasis closed after the stop
        ("**Bold throughout.**", False),
        ("A dateline, 7 September 2022", False),
        ("Dear colleagues,", False),
        ("A subtitle\nover two lines", False),
    ],
)
def test_a_paragraph_ends_as_a_sentence_does_and_is_not_bold_throughout(chunk: str, paragraph: bool):
    assert is_paragraph(chunk) is paragraph


def test_lost_headings_are_cut_out_where_they_stand_first():
    assert split_lost_headings("Intro  words\nBHeading one A rest", ["A", "B"]) == [
        ("text", "Intro words"),
        ("heading", "B"),
        ("text", "Heading one"),
        ("heading", "A"),
        ("text", "rest"),
    ]
    assert split_lost_headings("No heading here", ["Absent"]) == [("text", "No heading here")]
    assert split_lost_headings("A\u00a0B", []) == [("text", "A\u00a0B")]


def test_a_document_carries_what_its_sidecar_says_of_it():
    import datetime as dt

    side = Sidecar(
        kind="statement",
        title="A statement",
        publisher="INTERPOL",
        date=dt.date(2022, 11, 1),
        source_url="https://www.interpol.int/statement",
        retrieved=dt.date(2023, 1, 2),
        summary="What it says.",
    )
    document = parse_document(SourceText("source_texts/statement.txt", "statement", "Words.\n", side))
    assert (
        document.slug,
        document.source_path,
        document.title,
        document.kind,
        document.publisher,
        document.date,
        document.source_url,
        document.retrieved,
        document.summary,
    ) == (
        "statement",
        "source_texts/statement.txt",
        "A statement",
        "statement",
        "INTERPOL",
        dt.date(2022, 11, 1),
        "https://www.interpol.int/statement",
        dt.date(2023, 1, 2),
        "What it says.",
    )
