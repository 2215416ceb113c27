"""The document model's own rules (``model.py``): what its properties state, the one walker
over a document's running text, and its pickling. In the fast loop; the packed documents
have their tests in tests/test_packed.py."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from build_scripts.model import (
    Annex,
    AnnexHeading,
    AnnexParagraph,
    Article,
    BulletList,
    Chapter,
    Collection,
    Division,
    DocumentLink,
    Footnote,
    FootnoteRef,
    Heading,
    OperativeParagraph,
    Paragraph,
    PreambularParagraph,
    Provision,
    RelatedDocument,
    Resolution,
    ResolutionMetadata,
    Subparagraph,
    TermMention,
    Text,
    Treaty,
    _opened,
    first_words,
    has_paragraph_entries,
    paragraphs,
    plain_text,
    provisions,
    runs,
    subparagraphs,
)

DAY = dt.date(2022, 11, 21)


def meta(**changes) -> ResolutionMetadata:
    return ResolutionMetadata(
        **{"symbol": "A/RES/77/20", "session": 77, "number": "20", "title": "T", "adoption_date": DAY, **changes}
    )


@pytest.mark.parametrize(
    ("changes", "statement"),
    [
        ({}, "Adopted on 21 November 2022"),
        ({"meeting": "39th plenary meeting"}, "Adopted on 21 November 2022, 39th plenary meeting"),
        (
            {"adoption_line": "Resolution adopted by the General Assembly on 21 November 2022"},
            "Resolution adopted by the General Assembly on 21 November 2022",
        ),
        (
            {"adoption_line": "Resolution adopted by the General Assembly", "meeting": "39th plenary meeting"},
            "Resolution adopted by the General Assembly on 21 November 2022, 39th plenary meeting",
        ),
        (
            {"adoption_line": "RESOLUTION ADOPTED BY THE GENERAL ASSEMBLY"},
            "Resolution adopted by the General Assembly on 21 November 2022",
        ),
        (
            {
                "adoption_line": "Adopted by the Security Council at its 7882nd meeting, on 21 November 2022",
                "body": "Security Council",
                "meeting": "7882nd meeting",
            },
            "Adopted by the Security Council at its 7882nd meeting, on 21 November 2022",
        ),
        ({"adoption_date": dt.date(2022, 11, 1)}, "Adopted on 1 November 2022"),
    ],
)
def test_the_adoption_is_stated_with_the_date_and_meeting_the_line_does_not_give(changes: dict, statement: str):
    assert meta(**changes).adoption_statement == statement


def test_a_texts_closing_meeting_and_how_the_texts_name_it():
    assembly = meta(meeting="39th plenary meeting", number="270 B", session=57)
    assert (assembly.closing, assembly.designation) == ("39th plenary meeting", "57/270 B")
    council = meta(body="Security Council", meeting="7882nd meeting", number="2322", year=2016)
    assert (council.closing, council.designation) == ("", "2322 (2016)")


@pytest.mark.parametrize(
    ("content", "opening"),
    [
        ("to remain seized of the matter;", "Decides to remain seized of the matter;"),
        (", in order to act,", "Decides, in order to act,"),
        (": (a) To act;", "Decides: (a) To act;"),
        ("; and", "Decides; and"),
        (". Then", "Decides. Then"),
        ("", "Decides "),
    ],
)
def test_an_operative_paragraph_opens_with_its_action_phrase_and_no_space_before_punctuation(
    content: str, opening: str
):
    op = OperativeParagraph(3, "Decides", [Text(content)], 10, part="a")
    assert op.opening == opening
    assert (op.anchor, op.akn_eid) == ("a-op3", "part_a__para_3")
    assert OperativeParagraph(3, "", [Text("Words.")], 10).opening == "Words."


def test_first_words_cut_after_a_count_and_say_so():
    assert first_words("One two three, four", 3) == "One two three…"
    assert first_words("One two three", 3) == "One two three"
    assert first_words("One two;", 5) == "One two"
    assert first_words("  One   two  ", 1) == "One…"
    assert first_words("Chapter IX, on crime", 2) == "Chapter IX…"  # only the punctuation goes


def test_plain_text_leaves_out_footnote_calls_only():
    inlines = [Text("A "), DocumentLink("77/20", "A/RES/77/20", "resolutions/a-res-77-20/index.md"), FootnoteRef(3)]
    inlines += [TermMention(" I-24/7", "i-24-7")]
    assert plain_text(inlines) == "A 77/20 I-24/7"
    assert DocumentLink("x", "s", "resolutions/a/index.md").internal
    assert not DocumentLink("x", "s", "https://docs.un.org/en/s").internal
    assert not DocumentLink("x", "s", "http://example.org").internal


def test_a_labels_print_and_a_parts_prefix():
    assert Subparagraph("a", "op1-a", "para_1__list_1__point_a", [], 1).num == "(a)"
    assert Subparagraph("a", "op1-a", "para_1__list_1__point_a", [], 1, printed="a.").num == "a."
    part = Division("II", "Title", "part-sec2", "sec2-pp1", 5, True)
    heading = Division("", "Heading", "heading-x", "op17", 5, False)
    assert (part.prefix, heading.prefix) == ("sec2", "")


def resolution_in_parts() -> Resolution:
    eid = "part_a__para_1__list_1__point_a"
    item_i = Subparagraph("i", "a-op1-a-i", f"{eid}__list_1__point_i", [Text("item i")], 8)
    sub = Subparagraph("a", "a-op1-a", eid, [Text("item a")], 7, [item_i])
    return Resolution(
        slug="a-res-77-20",
        source_path="source_texts/a-res-77-20.txt",
        meta=meta(),
        formula="The General Assembly,",
        preamble=[
            PreambularParagraph(1, [Text("before")], 3),
            PreambularParagraph(1, [Text("pp a")], 5, part="a"),
            PreambularParagraph(1, [Text("pp b")], 20, part="b"),
        ],
        operative=[
            OperativeParagraph(1, "Decides", [Text("op a")], 6, [sub], [[Text("after a")]], part="a"),
            OperativeParagraph(2, "Notes", [Text("op a2")], 9, part="a"),
            OperativeParagraph(1, "Requests", [Text("op b")], 21, part="b"),
        ],
        footnotes=[Footnote(1, [Text("a note")], 30)],
        annexes=[
            Annex(
                "Annex",
                "A treaty",
                "annex",
                [
                    AnnexHeading("Preamble", "annex-preamble", 40),
                    AnnexParagraph(None, "annex-pp1", [Text("recital")], 41),
                ],
                39,
                Treaty(
                    [Chapter("I", "General", "annex-chp1", 42)],
                    [
                        Article(
                            1,
                            "Purpose",
                            "annex-art1",
                            43,
                            "annex-chp1",
                            [
                                Provision(
                                    "1.",
                                    "annex-art1-1",
                                    [Text("para")],
                                    44,
                                    [Provision("(a)", "annex-art1-1-a", [Text("item")], 45)],
                                    [[Text("after items")]],
                                )
                            ],
                        ),
                        Article(2, "", "annex-art2", 47, ""),
                    ],
                    [AnnexParagraph(None, "annex-final1", [Text("IN WITNESS WHEREOF")], 50)],
                ),
            )
        ],
        divisions=[
            Division("A", "First", "part-a", "a-pp1", 4, True),
            Division("", "A heading", "heading-h", "a-op2", 8, False),
            Division("", "A second heading", "heading-h2", "a-op2", 8, False),
            Division("B", "Second", "part-b", "b-pp1", 19, True),
            Division("C", "Empty", "part-c", "c-pp1", 25, True),
        ],
    )


def test_the_one_walker_reads_every_run_of_running_text_in_reading_order():
    r = resolution_in_parts()
    assert [(run.anchor, run.line, plain_text(run.inlines)) for run in runs(r)] == [
        ("pp1", 3, "before"),
        ("a-pp1", 5, "pp a"),
        ("b-pp1", 20, "pp b"),
        ("a-op1", 6, "op a"),
        ("a-op1-a", 7, "item a"),
        ("a-op1-a-i", 8, "item i"),
        ("a-op1", 6, "after a"),
        ("a-op2", 9, "op a2"),
        ("b-op1", 21, "op b"),
        ("annex-pp1", 41, "recital"),
        ("annex-art1-1", 44, "para"),
        ("annex-art1-1-a", 45, "item"),
        ("annex-art1-1", 44, "after items"),
        ("annex-final1", 50, "IN WITNESS WHEREOF"),
        ("fn:1", 30, "a note"),
    ]
    assert [label for _, label, _ in paragraphs(r)][:3] == [
        "preambular para. 1",
        "A, preambular para. 1",
        "B, preambular para. 1",
    ]
    # A paragraph's runs joined by a space: its words (its items have their own anchors),
    # then its words after them, never run together.
    joined = {anchor: plain_text(inlines) for anchor, _, inlines in paragraphs(r)}
    assert (joined["a-op1"], joined["annex-art1-1"]) == ("op a after a", "para after items")
    assert has_paragraph_entries(r)
    assert r.subparagraph_count() == 2
    assert [s.anchor for s in subparagraphs(r.operative[0].subparagraphs)] == ["a-op1-a", "a-op1-a-i"]
    treaty = r.annexes[0].treaty
    assert [p.anchor for p in provisions(treaty.articles[0].provisions)] == ["annex-art1-1", "annex-art1-1-a"]
    assert treaty.prefix == "annex"
    assert [a.number for a in treaty.articles_in(treaty.chapters[0])] == [1]
    assert [a.number for a in treaty.articles_in(None)] == [2]
    assert Treaty([], []).prefix == ""
    assert [p.anchor for p in r.annexes[0].paragraphs()] == ["annex-pp1"]


def test_a_run_replaced_is_replaced_where_its_words_are_held():
    r = resolution_in_parts()
    for run in runs(r):
        run.replace([Text(run.anchor.upper())])
    assert plain_text(r.operative[0].continuation[0]) == "A-OP1"
    assert plain_text(r.operative[0].content) == "A-OP1"
    assert plain_text(r.annexes[0].treaty.articles[0].provisions[0].continuation[0]) == "ANNEX-ART1-1"
    assert plain_text(r.footnotes[0].content) == "FN:1"
    page = RelatedDocument(
        "page",
        "p.txt",
        "T",
        "web page",
        "I",
        None,
        "",
        None,
        [Heading(2, "H", "h"), Paragraph([Text("p")], "p1", 3), BulletList([[Text("x")], [Text("y")]], "p2", 5)],
    )
    assert [(run.anchor, run.line, plain_text(run.inlines)) for run in runs(page)] == [
        ("p1", 3, "p"),
        ("p2", 5, "x"),
        ("p2", 5, "y"),
    ]
    for run in runs(page):
        run.replace([Text("z")])
    assert [plain_text(i) for i in page.blocks[2].items] == ["z", "z"]
    assert not has_paragraph_entries(
        RelatedDocument("e", "e.txt", "E", "web page", "I", None, "", None, [Heading(2, "H", "h")])
    )


def test_a_resolutions_sections_are_its_parts_and_headings_stand_before_their_paragraph():
    r = resolution_in_parts()
    sections = [
        (d.label if d else None, [p.anchor for p in pre], [o.anchor for o in ops]) for d, pre, ops in r.sections()
    ]
    assert sections == [
        (None, ["pp1"], []),
        ("A", ["a-pp1"], ["a-op1", "a-op2"]),
        ("B", ["b-pp1"], ["b-op1"]),
        ("C", [], []),
    ]
    assert [d.title for d in r.headings_before("a-op2")] == ["A heading", "A second heading"]
    assert r.headings_before("a-pp1") == []
    whole = Resolution("s", "s.txt", meta(), "F", r.preamble[:1], [], [], divisions=[r.divisions[1]])
    assert [(d, [p.anchor for p in pre], ops) for d, pre, ops in whole.sections()] == [(None, ["pp1"], [])]
    assert (r.title, r.date, r.url_path, r.citation("a-op1")) == (
        "T",
        DAY,
        "resolutions/a-res-77-20/",
        "A/RES/77/20 A, para. 1",
    )
    assert RelatedDocument("page", "p.txt", "T", "web page", "I", None, "", None, []).url_path == "documents/page/"


def test_a_collection_lists_resolutions_then_documents_and_finds_a_resolution_by_symbol():
    r = resolution_in_parts()
    page = RelatedDocument("page", "p.txt", "T", "web page", "I", None, "", None, [])
    collection = Collection([r], [page])
    assert collection.all() == [r, page]
    assert collection.by_symbol() == {"A/RES/77/20": r}


def test_a_document_pickles_to_itself_whole_and_packed():
    r = resolution_in_parts()
    assert pickle.loads(pickle.dumps(r)) == r
    r.pack()
    again = pickle.loads(pickle.dumps(r))
    assert again.packed and again == resolution_in_parts()
    assert again.size_of("operative") == 3 and again.size_of("footnotes") == 1
    # Packed anew, it is closed: no other test finds it open.
    again.pack()
    assert again.packed and id(again) not in _opened
    link = DocumentLink("77/20", "A/RES/77/20", "h", italic=True)
    assert pickle.loads(pickle.dumps(link)) == link


def test_a_packed_document_changed_outside_changing_is_caught_when_let_go():
    from build_scripts import model

    r = resolution_in_parts()
    r.pack()
    r.operative[0].action_phrase = "Changed"  # opened, then changed in place: not allowed
    with pytest.raises(AssertionError) as raised:
        model._close(r)
    assert str(raised.value) == "a-res-77-20: changed while packed, outside `changing`"
    r = resolution_in_parts()
    r.pack()
    assert r.operative[0].action_phrase == "Decides"
    model._close(r)  # read only: let go quietly
    assert id(r) not in _opened


def test_an_attribute_a_document_lacks_is_named_in_the_error():
    r = resolution_in_parts()
    r.pack()
    with pytest.raises(AttributeError) as raised:
        r.nonsense  # noqa: B018
    assert str(raised.value) == "'Resolution' object has no attribute 'nonsense'"
    assert id(r) not in _opened  # asking for what no body holds opens nothing


def test_a_part_with_operative_paragraphs_and_no_preamble_is_a_section():
    r = Resolution(
        "s",
        "s.txt",
        meta(),
        "F",
        [],
        [OperativeParagraph(1, "Decides", [Text("x")], 3, part="a")],
        [],
        divisions=[Division("A", "First", "part-a", "a-op1", 2, True)],
    )
    assert [(d.label, pre, [o.anchor for o in ops]) for d, pre, ops in r.sections()] == [("A", [], ["a-op1"])]


def test_a_run_replaced_holds_its_new_words():
    r = resolution_in_parts()
    run = runs(r)[0]
    run.replace([Text("new")])
    assert plain_text(run.inlines) == "new"


def test_a_class_made_pickled_by_fields_reduces_to_its_fields_and_a_document_to_its_packed_body():
    """Called here, not at import: the decorator's rules as any model class gets them."""
    import dataclasses as dc

    from build_scripts import model

    @model.pickled_by_fields
    @dc.dataclass(slots=True)
    class Point:
        x: int
        ys: list[int]
        cached: int = dc.field(default=0, init=False)

    point = Point(1, [2])
    assert point.__reduce__() == (Point, (1, [2]))

    @model.pickled_by_fields
    @dc.dataclass(slots=True)
    class Page(model.Packable):
        slug: str
        blocks: list[str]
        _packed: bytes | None = dc.field(default=None, init=False, repr=False, compare=False)
        _sizes: tuple[int, ...] = dc.field(default=(), init=False, repr=False, compare=False)
        BODY = ("blocks",)

    page = Page("p", ["a", "b"])
    assert page.__reduce__() == (Page, ("p", ["a", "b"]))
    assert page.__reduce_whole__() == (Page, ("p", ["a", "b"]))
    page.pack()
    function, (cls, head, values, packed, sizes) = page.__reduce__()
    assert (function, cls, head, values, packed, sizes) == (
        model._read_packed,
        Page,
        ("slug",),
        ("p",),
        page._packed,
        (2,),
    )
    assert page.__reduce_whole__() == (Page, ("p", ["a", "b"]))
    page.pack()
    assert id(page) not in _opened
