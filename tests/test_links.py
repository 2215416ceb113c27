"""Unit tests of reference recognition: what is linked, where to, and what is left alone."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.annotate.links import LinkContext, address_of, link_collection, link_inlines, named_references
from build_scripts.model import (
    Collection,
    DocumentLink,
    OperativeParagraph,
    Resolution,
    ResolutionMetadata,
    Text,
    plain_text,
)


def links(text: str, session: int = 77, collection: dict | None = None) -> list[tuple[str, str]]:
    inlines = link_inlines([Text(text)], LinkContext(session, collection or {}))
    return [(i.text, i.href) for i in inlines if isinstance(i, DocumentLink)]


def resolution_77_20() -> Resolution:
    """77/20 as a member of the collection (its paragraphs do not matter to linking)."""
    meta = ResolutionMetadata("A/RES/77/20", 77, "20", "Cooperation", dt.date(2022, 11, 21))
    return Resolution("a-res-77-20", "source_texts/a-res-77-20.txt", meta, "", [], [], [])


def url(symbol: str) -> str:
    return f"https://docs.un.org/en/{symbol}"


def test_lists_of_general_assembly_resolutions():
    text = (
        "its resolutions 71/19 of 21 November 2016, 73/11 of 26 November 2018 and 75/10 of "
        "23 November 2020 concerning the cooperation"
    )
    assert links(text) == [
        ("71/19", url("A/RES/71/19")),
        ("73/11", url("A/RES/73/11")),
        ("75/10", url("A/RES/75/10")),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Resolution 70/1.", [("70/1", url("A/RES/70/1"))]),
        (
            "in this respect recalling its resolution 74/175 of 18 December 2019",
            [("74/175", url("A/RES/74/175"))],
        ),
        ("Resolution S-32/1, annex.", [("S-32/1", url("A/RES/S-32/1"))]),
        ("pursuant to resolution 76/187;", [("76/187", url("A/RES/76/187"))]),
        (
            "Economic and Social Council resolutions 2019/19 and 2019/20 of 23 July 2019",
            [("2019/19", url("E/RES/2019/19")), ("2019/20", url("E/RES/2019/20"))],
        ),
        (
            "See decision 60/519 and A/60/88 and A/60/88/Corr.2, annex.",
            [
                ("A/60/88", url("A/60/88")),
                ("A/60/88/Corr.2", url("A/60/88/Corr.2")),
            ],
        ),
        ("Supplement No. 10 (E/2016/30), chap. I", [("E/2016/30", url("E/2016/30"))]),
        ("See CTOC/COP/2020/10, sect. I.A.", [("CTOC/COP/2020/10", url("CTOC/COP/2020/10"))]),
        ("See E/CN.15/2015/16.", [("E/CN.15/2015/16", url("E/CN.15/2015/16"))]),
    ],
)
def test_certain_references_are_linked(text, expected):
    assert links(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Conference of the States Parties to the Convention against Corruption of resolution 9/8 "
        "of 17 December 2021",  # a 2021 date cannot belong to the ninth session
        "Commission on Narcotic Drugs resolution 65/2 of 2022",
        "Commission on Crime Prevention and Criminal Justice resolution 25/2 of 27 May 2016",
        "following resolution 10/1 of 16 October 2020 of the Conference of the Parties",
        "the INTERPOL I-24/7 global police secure communications system",
        "available 24/7 to all",
        "decision 60/519",
    ],
)
def test_uncertain_references_stay_unlinked(text):
    assert links(text) == []


def test_reference_to_a_document_in_the_collection_links_to_its_page_and_paragraph():
    here = resolution_77_20()
    found = links("its resolution 77/20, para. 5, and its resolution 77/20", 79, {"A/RES/77/20": here})
    assert found == [
        ("77/20", "resolutions/a-res-77-20/index.md#op5"),
        ("77/20", "resolutions/a-res-77-20/index.md"),
    ]


def test_empty_links_of_the_sources_are_resolved_from_their_context():
    inlines = [
        Text("Reaffirming its resolution "),
        DocumentLink("70/1", "", ""),
        Text(" of 25 September 2015,"),
    ]
    out = link_inlines(inlines, LinkContext(77, {}))
    assert out[1] == DocumentLink("70/1", "A/RES/70/1", url("A/RES/70/1"))


# --- what linking must never do: change the text ----------------------------------------------


pieces = st.sampled_from(
    [
        "its resolution 71/19",
        "its resolutions 71/19 of 21 November 2016 and 73/11",
        " A/77/464, ",
        "CTOC/COP/2020/10.",
        "Commission resolution 65/2",
        "Economic and Social Council resolution 2019/19",
        "77/20, para. 5",
        " and ",
        " 24/7 ",
        "I-24/7",
        ", ",
        "Reaffirming",
        "(A/60/88/Corr.2)",
    ]
)


@settings(max_examples=80, deadline=None, derandomize=True)
@given(parts=st.lists(st.tuples(pieces, st.booleans()), min_size=1, max_size=8))
def test_linking_keeps_every_character_and_the_emphasis_of_the_text(parts):
    """Whatever the references, the linked runs spell the same text with the same emphasis;
    each link names the symbol it points to; no empty run is left."""
    here = resolution_77_20()
    inlines = [Text(text, italic) for text, italic in parts]
    out = link_inlines(inlines, LinkContext(79, {"A/RES/77/20": here}))
    assert plain_text(out) == plain_text(inlines)
    emphasis = [italic for text, italic in parts for _ in text]
    assert [i.italic for i in out for _ in i.text] == emphasis  # type: ignore[union-attr]
    assert all(i.text for i in out)  # type: ignore[union-attr]
    for link in (i for i in out if isinstance(i, DocumentLink)):
        assert link.symbol in (link.text, f"A/RES/{link.text}", f"E/RES/{link.text}")
        if link.symbol == "A/RES/77/20":
            assert link.href.startswith("resolutions/a-res-77-20/index.md")
        else:
            assert link.href == url(link.symbol)


def test_a_number_inside_a_full_symbol_is_not_linked_again():
    assert links("See A/RES/77/20 and E/RES/2019/19.") == [
        ("A/RES/77/20", url("A/RES/77/20")),
        ("E/RES/2019/19", url("E/RES/2019/19")),
    ]
    assert links("See A/77/20.") == [("A/77/20", url("A/77/20"))]


def test_a_link_to_a_paragraph_also_after_the_word_paragraph():
    here = resolution_77_20()
    found = links("its resolution 77/20, paragraph 12, and resolution 77/20 para 3", 79, {"A/RES/77/20": here})
    assert found == [
        ("77/20", "resolutions/a-res-77-20/index.md#op12"),
        ("77/20", "resolutions/a-res-77-20/index.md#op3"),
    ]


def test_an_empty_link_that_is_no_symbol_becomes_its_text():
    inlines = [Text("the "), DocumentLink("Group of 20", "", "", italic=True), Text(" met")]
    assert link_inlines(inlines, LinkContext(77, {})) == [Text("the "), Text("Group of 20", True), Text(" met")]


def test_an_empty_link_with_a_full_symbol_and_one_with_a_paragraph_in_the_collection():
    here = resolution_77_20()
    inlines = [
        Text("See "),
        DocumentLink(" A/77/464 ", "", ""),
        Text(" and its resolution "),
        DocumentLink("77/20", "", ""),
    ]
    inlines += [Text(", para. 7.")]
    out = link_inlines(inlines, LinkContext(79, {"A/RES/77/20": here}))
    found = [(i.symbol, i.href) for i in out if isinstance(i, DocumentLink)]
    assert found == [("A/77/464", url("A/77/464")), ("A/RES/77/20", "resolutions/a-res-77-20/index.md#op7")]


def test_link_collection_resolves_every_run_of_every_document_with_its_own_session():
    def resolution(session: int, number: str, text: str) -> Resolution:
        meta = ResolutionMetadata(
            f"A/RES/{session}/{number}", session, number, "T", dt.date(2000 + session - 55, 12, 1)
        )
        op = OperativeParagraph(1, "Decides", [Text(text)], 1)
        return Resolution(f"a-res-{session}-{number}", "x.txt", meta, "", [], [op], [])

    # "resolution 62/1" with no issuer named: a GA resolution if at most 15 sessions back.
    older = resolution(77, "20", "to act under resolution 62/1;")  # 15 sessions back: linked
    newer = resolution(79, "136", "to recall its resolution 77/20, para. 1, and resolution 62/1;")  # 17: not
    link_collection(Collection([older, newer], []))
    found = [(i.symbol, i.href) for r in (older, newer) for i in r.operative[0].content if isinstance(i, DocumentLink)]
    assert found == [("A/RES/62/1", url("A/RES/62/1")), ("A/RES/77/20", "resolutions/a-res-77-20/index.md#op1")]


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        # With no session to count back from (a web page citing), the words before decide.
        ("recalling its resolution 40/1", "A/RES/40/1"),
        ("General Assembly resolution 40/1", "A/RES/40/1"),
        ("See resolution 40/1", "A/RES/40/1"),
        ("as noted, see resolution 40/1", "A/RES/40/1"),
        ("Resolution 40/1.", "A/RES/40/1"),
        ("and resolution 40/1", None),
        ("resolution 40/1", None),
        ("Council resolution 40/1", None),
        ("Security Council resolution 40/1", None),
        ("the resolutions ES-10/1 and S-32/1", "A/RES/ES-10/1 A/RES/S-32/1"),  # special sessions: the GA's
        ("its resolutions ES-10/1 and S-32/1", "A/RES/ES-10/1 A/RES/S-32/1"),
        ("its resolution 100/1", None),  # no session of three digits yet
    ],
)
def test_without_a_citing_session_the_issuer_words_decide(text: str, symbol: str | None):
    found = [i.symbol for i in link_inlines([Text(text)], LinkContext(0, {})) if isinstance(i, DocumentLink)]
    assert found == (symbol.split() if symbol else [])


def test_an_unqualified_number_is_a_general_assembly_resolution_up_to_fifteen_sessions_back():
    assert links("and resolution 64/1", 79) == [("64/1", url("A/RES/64/1"))]
    assert links("and resolution 63/1", 79) == []
    assert links("and resolution 79/1", 79) == []  # its own session: not a resolution it can cite so


def test_empty_links_read_their_context_across_runs_and_other_inlines_pass_through():
    from build_scripts.model import FootnoteRef

    inlines = [
        Text("Recalling its resolutions "),
        DocumentLink("70/1", "", ""),
        FootnoteRef(3),
        Text(" and "),
        DocumentLink("71/1", "", ""),
        Text(", and resolution "),
        DocumentLink("65/1", "", ""),
    ]
    out = link_inlines(inlines, LinkContext(77, {}))
    assert [i.symbol for i in out if isinstance(i, DocumentLink)] == ["A/RES/70/1", "A/RES/71/1", "A/RES/65/1"]
    assert FootnoteRef(3) in out


def test_a_number_after_a_full_symbol_in_the_same_run_is_still_read():
    assert links("See A/RES/77/20 and its resolution 71/19") == [
        ("A/RES/77/20", url("A/RES/77/20")),
        ("71/19", url("A/RES/71/19")),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A part of a resolution adopted in parts is its own document.
        ("Recalling its resolution 57/270 B of 23 June 2003,", [("57/270 B", url("A/RES/57/270B"))]),
        ("its resolutions 71/19 A and 72/3", [("71/19 A", url("A/RES/71/19A")), ("72/3", url("A/RES/72/3"))]),
        # The numbering of the first thirty sessions, the session in roman numerals.
        ("General Assembly resolution 415 (V) of 1 December 1950", [("415 (V)", url("A/RES/415(V)"))]),
        (
            "Economic and Social Council resolution 155 C (VII) of 13 August 1948",
            [("155 C (VII)", url("E/RES/155(VII)"))],
        ),
        ("its resolution 2200 A (XXI) of 16 December 1966", [("2200 A (XXI)", url("A/RES/2200(XXI)"))]),
    ],
)
def test_parts_and_the_first_sessions_numbering_link_to_the_right_document(text, expected):
    assert links(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "resolution 70/1 A new agenda",  # an article, not a part letter
        "Commission on Narcotic Drugs resolution 12 (XXI)",  # not the Assembly's numbering
        "in 2015 (V) and",
    ],
)
def test_a_letter_or_a_roman_number_that_is_no_part_or_session_stays_as_it_is(text):
    assert all(href != url("A/RES/70/1A") for _, href in links(text))
    assert not [t for t, _ in links(text) if "(" in t]


@pytest.mark.parametrize(
    ("text", "assembly", "names"),
    [
        (
            "Recalling further its decisions 74/550 A of 13 April 2020 and 74/550 B of 12 August 2020,",
            True,
            ["General Assembly decision 74/550 A", "General Assembly decision 74/550 B"],
        ),
        ("See decision 60/519 and A/60/88", True, ["General Assembly decision 60/519"]),
        ("its decision 49/426 of 9 December 1994", False, []),  # the Council's own decision: not the Assembly's
        (
            "Taking note of Commission on Crime Prevention and Criminal Justice resolution 25/2 of 27 May 2016 on",
            True,
            ["Commission on Crime Prevention and Criminal Justice resolution 25/2"],
        ),
        (
            "Welcoming resolution 27/5 of 18 May 2018 of the Commission on Crime Prevention and Criminal Justice, so",
            True,
            ["Commission on Crime Prevention and Criminal Justice resolution 27/5"],
        ),
        (
            "Commission on Narcotic Drugs resolution 65/2, entitled",
            True,
            ["Commission on Narcotic Drugs resolution 65/2"],
        ),
    ],
)
def test_documents_named_without_an_address_are_found_by_name(text: str, assembly: bool, names: list[str]):
    assert [name for _, name in named_references(text, assembly)] == names


def test_a_human_rights_council_resolution_has_its_address_and_a_commissions_none():
    assert address_of("Human Rights Council resolution 35/29") == url("A/HRC/RES/35/29")
    assert address_of("Commission on Narcotic Drugs resolution 65/2") == ""
