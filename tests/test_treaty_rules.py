"""The grammar of a treaty annexed in articles (``parse/treaty.py``), each rule on a small
annex made for it: no whole convention, the fast loop. The conventions themselves are read in
tests/test_treaties.py."""

from __future__ import annotations

import pytest

from build_scripts.errors import SourceError
from build_scripts.model import AnnexHeading, Provision, Treaty, plain_text
from build_scripts.parse.blocks import split_blocks
from build_scripts.parse.sources import Sidecar, SourceText
from build_scripts.parse.treaty import _closes, _item_kind, is_treaty, parse_treaty, starts_treaty_body

SOURCE = SourceText(path="source_texts/a-res-55-25.txt", slug="a-res-55-25", text="", sidecar=Sidecar())


def read(text: str, prefix: str = "annex"):
    """The annex's blocks as they stand from line 100 of the text."""
    return parse_treaty(SOURCE, split_blocks(text, 100), prefix)


def outline(preamble, treaty: Treaty) -> list[tuple]:
    rows: list[tuple] = []
    for item in preamble:
        words = item.text if isinstance(item, AnnexHeading) else plain_text(item.content)
        rows.append(("preamble", type(item).__name__, item.anchor, item.line, words))
    for c in treaty.chapters:
        rows.append(("chapter", c.label, c.title, c.anchor, c.line, c.heading))

    def provision(p: Provision, depth: int) -> None:
        rows.append((depth, p.num, p.anchor, p.line, plain_text(p.content), [plain_text(c) for c in p.continuation]))
        for item in p.items:
            provision(item, depth + 1)

    for a in treaty.articles:
        rows.append(("article", a.number, a.title, a.anchor, a.line, a.chapter, a.heading))
        for p in a.provisions:
            provision(p, 1)
    for f in treaty.final:
        rows.append(("final", f.number, f.anchor, f.line, plain_text(f.content)))
    return rows


CONVENTION = """\
Preamble

The States Parties to this Convention,

Concerned by the seriousness of problems posed by crime, which undermines the

rule of law,

Convinced that the United Nations Convention against Transnational Organized Crime would be a tool,

Have agreed as follows:

Chapter I

General provisions

Article 1

Statement of purpose

The purpose of this Convention is to promote cooperation.

Article 2

Use of terms

For the purposes of this Convention:

(a) \"Structured group\" shall mean a group;

(b) \"Property\" shall mean assets of every kind; and

(c) \"Proceeds\" shall mean property derived from:

(i) An offence; or

(ii) Another offence;

II. Criminalization

Article 3

Criminalization of participation

1. Each State Party shall adopt measures:

(a) Either or both of the following:

(i) Agreeing with one or more other persons;

(ii) Conduct by a person who:

a. Takes part; and

b. Any other activities;

(b) Organizing the commission of serious crime.

2. The knowledge referred to in paragraph 1 may be inferred.

A further sentence of paragraph 2.

4. A number out of its place.

Article 4

1. Each State Party shall cooperate:

(a) To enhance channels; and (b) To cooperate in conducting inquiries;

(c) Another item
that goes on and on;

(c) repeated label here;

Words after the items.

IN WITNESS WHEREOF, the undersigned plenipotentiaries have signed this Convention.

Done at New York.
"""


def test_a_convention_reads_into_preamble_chapters_articles_paragraphs_items_and_final_clauses():
    """Every block where the grammar puts it, with its anchor and the line it starts on: a
    recital cut by a page break joined, chapters by label ("Chapter I" and its title below
    it) or by number ("II. Criminalization"), an article's title, items of three levels
    (letters, roman numbers, "a."), items run on in one line cut apart, a number out of its
    place kept in the words it stands in, a label repeated left in the item before, words
    after the items, and what follows "IN WITNESS WHEREOF"."""
    assert outline(*read(CONVENTION)) == [
        ("preamble", "AnnexHeading", "annex-preamble", 100, "Preamble"),
        ("preamble", "AnnexParagraph", "annex-pp1", 102, "The States Parties to this Convention,"),
        (
            "preamble",
            "AnnexParagraph",
            "annex-pp2",
            104,
            "Concerned by the seriousness of problems posed by crime, which undermines the rule of law,",
        ),
        (
            "preamble",
            "AnnexParagraph",
            "annex-pp3",
            108,
            "Convinced that the United Nations Convention against Transnational Organized Crime would be a tool,",
        ),
        ("preamble", "AnnexParagraph", "annex-pp4", 110, "Have agreed as follows:"),
        ("chapter", "I", "General provisions", "annex-chp1", 112, "Chapter I"),
        ("chapter", "II", "Criminalization", "annex-chp2", 138, "II."),
        ("article", 1, "Statement of purpose", "annex-art1", 116, "annex-chp1", "Article 1"),
        (1, "", "annex-art1-p1", 120, "The purpose of this Convention is to promote cooperation.", []),
        ("article", 2, "Use of terms", "annex-art2", 122, "annex-chp1", "Article 2"),
        (1, "", "annex-art2-p1", 126, "For the purposes of this Convention:", []),
        (2, "(a)", "annex-art2-a", 128, '"Structured group" shall mean a group;', []),
        (2, "(b)", "annex-art2-b", 130, '"Property" shall mean assets of every kind; and', []),
        (2, "(c)", "annex-art2-c", 132, '"Proceeds" shall mean property derived from:', []),
        (3, "(i)", "annex-art2-c-i", 134, "An offence; or", []),
        (3, "(ii)", "annex-art2-c-ii", 136, "Another offence;", []),
        ("article", 3, "Criminalization of participation", "annex-art3", 140, "annex-chp2", "Article 3"),
        (1, "1.", "annex-art3-1", 144, "Each State Party shall adopt measures:", []),
        (2, "(a)", "annex-art3-1-a", 146, "Either or both of the following:", []),
        (3, "(i)", "annex-art3-1-a-i", 148, "Agreeing with one or more other persons;", []),
        (3, "(ii)", "annex-art3-1-a-ii", 150, "Conduct by a person who:", []),
        (4, "a.", "annex-art3-1-a-ii-a", 152, "Takes part; and", []),
        (4, "b.", "annex-art3-1-a-ii-b", 154, "Any other activities;", []),
        (2, "(b)", "annex-art3-1-b", 156, "Organizing the commission of serious crime.", []),
        (
            1,
            "2.",
            "annex-art3-2",
            158,
            "The knowledge referred to in paragraph 1 may be inferred. A further sentence of paragraph 2."
            " 4. A number out of its place.",
            [],
        ),
        ("article", 4, "", "annex-art4", 164, "annex-chp2", "Article 4"),
        (1, "1.", "annex-art4-1", 166, "Each State Party shall cooperate:", ["Words after the items."]),
        (2, "(a)", "annex-art4-1-a", 168, "To enhance channels; and", []),
        (2, "(b)", "annex-art4-1-b", 168, "To cooperate in conducting inquiries;", []),
        (2, "(c)", "annex-art4-1-c", 170, "Another item that goes on and on; (c) repeated label here;", []),
        (
            "final",
            None,
            "annex-final1",
            177,
            "IN WITNESS WHEREOF, the undersigned plenipotentiaries have signed this Convention.",
        ),
        ("final", None, "annex-final2", 179, "Done at New York."),
    ]


TRAPS = """\
Article 1

l. The first paragraph, its one read as a lower-case L.

2. A paragraph cut by a page break, which goes on

on the next page.

3. Mutual legal assistance:

(a) The first item, which goes on

over the page break
(b) The second item, its label inside the block;

(h) Party;

Facilitating the voluntary appearance of persons in the requesting State

(i) The ninth item, a letter after (h);

(j) The tenth;

Article 2.

Its first words close a sentence: no title.

1. The first paragraph.

2.

(a) article;

Mutual legal assistance may be refused:

(b) If the request is not made;

Article 3

1. (a) (i) The conversion of property;

(ii) The concealment;

(b) The acquisition;

2.

(a) article;

Mutual legal assistance may be refused:
If the request is not made

V. Final provisions

Article 4

III.
"""


def test_the_extractions_traps_are_read_by_rule():
    """A one read as "l", an item's next label inside a block (cut there, its line counted),
    an item's last words printed before its first line ("(h) Party;" then the line they end),
    "(i)" after "(h)" a letter, a paragraph's words printed after its first item, a number
    alone before its items, an item opening with its own first item ("1. (a) (i) ..."), a
    title too long to be one, a chapter numbered "V." and a roman number that closes no
    chapter."""
    assert outline(*read(TRAPS)) == [
        ("chapter", "V", "Final provisions", "annex-chp5", 152, "V."),
        ("article", 1, "", "annex-art1", 100, "", "Article 1"),
        (1, "1.", "annex-art1-1", 102, "The first paragraph, its one read as a lower-case L.", []),
        (1, "2.", "annex-art1-2", 104, "A paragraph cut by a page break, which goes on on the next page.", []),
        (1, "3.", "annex-art1-3", 108, "Mutual legal assistance:", []),
        (2, "(a)", "annex-art1-3-a", 110, "The first item, which goes on over the page break", []),
        (2, "(b)", "annex-art1-3-b", 113, "The second item, its label inside the block;", []),
        (
            2,
            "(h)",
            "annex-art1-3-h",
            115,
            "Facilitating the voluntary appearance of persons in the requesting State Party;",
            [],
        ),
        (2, "(i)", "annex-art1-3-i", 119, "The ninth item, a letter after (h);", []),
        (2, "(j)", "annex-art1-3-j", 121, "The tenth;", []),
        ("article", 2, "", "annex-art2", 123, "", "Article 2."),
        (
            1,
            "",
            "annex-art2-p1",
            125,
            "Its first words close a sentence: no title.",
            [],
        ),
        (1, "1.", "annex-art2-1", 127, "The first paragraph.", []),
        (1, "2.", "annex-art2-2", 129, "Mutual legal assistance may be refused:", []),
        (2, "(a)", "annex-art2-2-a", 131, "article;", []),
        (2, "(b)", "annex-art2-2-b", 135, "If the request is not made;", []),
        ("article", 3, "", "annex-art3", 137, "", "Article 3"),
        (1, "1.", "annex-art3-1", 139, "", []),
        (2, "(a)", "annex-art3-1-a", 139, "", []),
        (3, "(i)", "annex-art3-1-a-i", 139, "The conversion of property;", []),
        (3, "(ii)", "annex-art3-1-a-ii", 141, "The concealment;", []),
        (2, "(b)", "annex-art3-1-b", 143, "The acquisition;", []),
        (1, "2.", "annex-art3-2", 145, "Mutual legal assistance may be refused:", []),
        (2, "(a)", "annex-art3-2-a", 147, "If the request is not made article;", []),
        ("article", 4, "", "annex-art4", 154, "annex-chp5", "Article 4"),
        (1, "", "annex-art4-p1", 156, "III.", []),
    ]


NOTES = """\
Article 2

1. A note on article 2.

2. A second note.

Articles 23 and 35, with regard to the words of both

3. A note on two articles.

Article 15

4. A note on article 15.

5. Another.
"""


def test_interpretative_notes_number_their_paragraphs_on_through_the_annex():
    """The notes on a treaty's articles (the treaty's own annex): articles in any order, a
    note on two articles headed by its line, paragraphs numbered on from the last note's."""
    assert outline(*read(NOTES, "annex-annex")) == [
        ("article", 2, "", "annex-annex-art2", 100, "", "Article 2"),
        (1, "1.", "annex-annex-art2-1", 102, "A note on article 2.", []),
        (1, "2.", "annex-annex-art2-2", 104, "A second note.", []),
        ("article", 23, "", "annex-annex-art23", 106, "", "Articles 23 and 35, with regard to the words of both"),
        (1, "3.", "annex-annex-art23-3", 108, "A note on two articles.", []),
        ("article", 15, "", "annex-annex-art15", 110, "", "Article 15"),
        (1, "4.", "annex-annex-art15-4", 112, "A note on article 15.", []),
        (1, "5.", "annex-annex-art15-5", 114, "Another.", []),
    ]


def test_an_article_twice_or_out_of_order_is_refused_naming_the_file_and_line():
    with pytest.raises(SourceError) as raised:
        read("Article 1\n\n1. Words.\n\nArticle 2\n\n1. Words.\n\nArticle 2\n\n1. Words.\n")
    assert str(raised.value) == "source_texts/a-res-55-25.txt:108: article 2 appears twice in the annex"
    with pytest.raises(SourceError) as raised:
        read("Article 1\n\n1. Words.\n\nArticle 3\n\n1. Words.\n\nArticle 2\n\n1. Words.\n")
    assert str(raised.value) == "source_texts/a-res-55-25.txt:104: article 3 is out of order: expected article 2"
    with pytest.raises(SourceError) as raised:
        read("Article 2\n\n1. Words.\n")
    assert str(raised.value) == "source_texts/a-res-55-25.txt:100: article 2 is out of order: expected article 1"
    # Notes on articles follow the articles they note, in any order.
    assert [row[1] for row in outline(*read("Article 3\n\n1. Words.\n\nArticle 2\n\n2. Words.\n", "annex-annex"))] == [
        3,
        "1.",
        2,
        "2.",
    ]


def test_a_note_on_two_articles_is_an_article_only_among_notes():
    rows = outline(*read("Article 1\n\n1. The words of the paragraph.\n\nArticles 23 and 35, with regard to both\n"))
    assert [r[0] for r in rows] == ["article", 1]
    assert rows[1][4] == "The words of the paragraph. Articles 23 and 35, with regard to both"


@pytest.mark.parametrize(
    ("first_lines", "expected"),
    [
        (["Article 1"], True),
        (["Article 2", "Article 1."], True),
        (["Article 2"], False),
        (["Article 11"], False),
        (["1. Article 1"], False),
        (["Annex", "Preamble"], False),
    ],
)
def test_an_annex_is_a_treaty_when_an_article_1_opens_a_block(first_lines: list[str], expected: bool):
    blocks = split_blocks("\n\n".join(f"{line}\nits words" for line in first_lines))
    assert is_treaty(blocks) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Preamble", True),
        ("Article 1\nStatement of purpose", True),
        ("Chapter I\nGeneral provisions", True),
        ("The States Parties to this Protocol,", True),
        ("Chapter one", False),
        ("CHAPTER I", False),
        ("the States Parties", False),
        ("Recalling the Convention", False),
        ("Preamble to the Convention", False),
        ("Annex\nArticle 1", False),
    ],
)
def test_a_treaty_body_starts_with_its_preamble_a_chapter_an_article_or_its_formula(text: str, expected: bool):
    assert starts_treaty_body(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shall apply.", True),
        ("the following:", True),
        ("the offence;", True),
        ("in particular,", True),
        ("the offence;¹²", True),  # a footnote call after the closing mark
        ("“Property”;” ", True),
        ("the offence;’", True),
        ("the requesting State", False),
        ("the “Convention”", False),
        ("", False),
    ],
)
def test_words_close_on_a_full_stop_semicolon_colon_or_comma_before_calls_and_quotes(text: str, expected: bool):
    assert _closes(text) is expected


@pytest.mark.parametrize(
    ("label", "dot", "last_letter", "kind"),
    [
        ("a", True, "", "dot"),
        ("i", True, "h", "dot"),
        ("i", False, "h", "letter"),  # "(i)" after "(h)": the ninth letter
        ("i", False, "c", "roman"),
        ("i", False, "", "roman"),
        ("ii", False, "h", "roman"),
        ("v", False, "u", "roman"),
        ("x", False, "c", "roman"),
        ("xiv", False, "", "roman"),
        ("a", False, "", "letter"),
        ("iiii", False, "", "letter"),
        ("vv", False, "", "letter"),
    ],
)
def test_an_items_kind_is_told_by_its_label_and_the_letter_before(label: str, dot: bool, last_letter: str, kind: str):
    assert _item_kind(label, dot, last_letter) == kind


def test_no_label_follows_z():
    """After "(z)" no next label is looked for inside a block: a line "({) ..." opens nothing."""
    text = "Article 1\n\n1. Words:\n\n(z) The last;\n\n(a) A new list\nof items;\n"
    rows = outline(*read(text))
    assert [r[1] for r in rows] == [1, "1.", "(z)", "(a)"]
    assert rows[-1][3:5] == (106, "A new list of items;")


@pytest.mark.parametrize(("words", "title"), [(20, True), (21, False)])
def test_an_articles_title_is_a_short_line_of_twenty_words_at_most(words: int, title: bool):
    line = " ".join(["word"] * words)
    rows = outline(*read(f"Article 1\n\n{line}\n\n1. The words.\n"))
    assert rows[0][2] == (line if title else "")
    # Not a title, the line is the article's first words (which close no sentence: the
    # number after them is read as their words, see the extraction's traps).
    assert rows[1][1:5] == (
        ("1.", "annex-art1-1", 104, "The words.") if title else ("", "annex-art1-p1", 102, f"{line} 1. The words.")
    )


def test_titles_over_two_lines_or_given_with_their_heading_and_what_is_no_title():
    text = (
        "Chapter I\nGeneral provisions\n\n"
        "Article 1\nStatement of\npurpose\n\n"
        "The words of the article\n\n"  # the title is given: these are its words
        "Article 2\n\n"
        "(a) An item, no title\n\n"
        "Article 3\n\n"
        "1. The words of the\n\n"
        "paragraph go on\n\n"
        "Article 4\n\n"
        "Chapter II\n\n"  # an article without a title, then a chapter
        "Crime\n\n"
        "Article 5\n\n"
        "Words.\n"
    )
    assert outline(*read(text)) == [
        ("chapter", "I", "General provisions", "annex-chp1", 100, "Chapter I"),
        ("chapter", "II", "Crime", "annex-chp2", 121, "Chapter II"),
        ("article", 1, "Statement of purpose", "annex-art1", 103, "annex-chp1", "Article 1"),
        (1, "", "annex-art1-p1", 107, "The words of the article", []),
        ("article", 2, "", "annex-art2", 109, "annex-chp1", "Article 2"),
        (1, "", "annex-art2-p1", 111, "", []),
        (2, "(a)", "annex-art2-a", 111, "An item, no title", []),
        ("article", 3, "", "annex-art3", 113, "annex-chp1", "Article 3"),
        (1, "1.", "annex-art3-1", 115, "The words of the paragraph go on", []),
        ("article", 4, "", "annex-art4", 119, "annex-chp1", "Article 4"),
        ("article", 5, "", "annex-art5", 125, "annex-chp2", "Article 5"),
        (1, "", "annex-art5-p1", 127, "Words.", []),
    ]


def test_items_straight_under_an_articles_title_and_words_after_them():
    text = "Article 1\n\nUse of terms\n\n(a) First;\n\n(b) Second.\n\nWords after the items.\n"
    assert outline(*read(text)) == [
        ("article", 1, "Use of terms", "annex-art1", 100, "", "Article 1"),
        (1, "", "annex-art1-p1", 104, "", ["Words after the items."]),
        (2, "(a)", "annex-art1-a", 104, "First;", []),
        (2, "(b)", "annex-art1-b", 106, "Second.", []),
    ]


def test_a_paragraphs_words_printed_after_its_first_items_last_words():
    """A chapeau of two lines before the item's words; an item's last words before lines
    that end in no colon (the paragraph keeps no words)."""
    text = (
        "Article 1\n\n"
        "1.\n\n(a) article;\n\nMutual legal assistance\nmay be refused:\nIf the request is not made\n\n"
        "2.\n\n(a) Party;\n\nFacilitating the voluntary\nappearance of persons in the requesting State\n"
    )
    rows = outline(*read(text))
    assert rows[1:] == [
        (1, "1.", "annex-art1-1", 102, "Mutual legal assistance may be refused:", []),
        (2, "(a)", "annex-art1-1-a", 104, "If the request is not made article;", []),
        (1, "2.", "annex-art1-2", 110, "", []),
        (
            2,
            "(a)",
            "annex-art1-2-a",
            112,
            "Facilitating the voluntary appearance of persons in the requesting State Party;",
            [],
        ),
    ]


def test_a_number_out_of_its_place_stays_in_the_words_in_articles_and_in_notes():
    assert outline(*read("Article 1\n\n5. Words.\n"))[1] == (1, "", "annex-art1-p1", 102, "5. Words.", [])
    notes = outline(*read("Article 2\n\n1. A note.\n\n3. Another.\n\nArticle 5\n\n3. A third.\n", "annex-annex"))
    assert [r[1:5] for r in notes if r[0] == 1] == [
        ("1.", "annex-annex-art2-1", 102, "A note. 3. Another."),
        ("", "annex-annex-art5-p1", 108, "3. A third."),
    ]
    first = outline(*read("Article 5\n\n2. A note.\n", "annex-annex"))
    assert first[1][1:3] == ("", "annex-annex-art5-p1")


def test_a_treaty_without_a_preamble_heading_opens_with_its_formula():
    preamble, _treaty = read("The States Parties to this Protocol,\n\nHave agreed as follows:\n\nArticle 1\n\nWords.\n")
    assert [(p.anchor, plain_text(p.content)) for p in preamble] == [
        ("annex-pp1", "The States Parties to this Protocol,"),
        ("annex-pp2", "Have agreed as follows:"),
    ]


def test_a_chapter_and_its_title_in_one_block_and_a_sentence_that_names_a_chapter():
    text = "Chapter V\nInternational cooperation\n\nArticle 1\n\nChapter IV of the Convention shall apply.\n"
    assert outline(*read(text)) == [
        ("chapter", "V", "International cooperation", "annex-chp5", 100, "Chapter V"),
        ("article", 1, "", "annex-art1", 103, "annex-chp5", "Article 1"),
        (1, "", "annex-art1-p1", 105, "Chapter IV of the Convention shall apply.", []),
    ]
