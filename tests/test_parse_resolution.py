"""Unit tests of the resolution parser on small inline texts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from build_scripts.errors import SourceError
from build_scripts.model import DocumentLink, FootnoteRef, Text, plain_text
from build_scripts.parse.resolution import parse_resolution
from build_scripts.parse.sources import Sidecar, SourceText, load_source

HEADER = """General Assembly

Distr.: General
25 November 2022

Seventy-seventh session

Agenda item 127 (y)

Cooperation between the United Nations and regional and other organizations

Resolution adopted by the General Assembly on 21 November 2022

[without reference to a Main Committee (A/77/L.20)]

77/20. Cooperation between the United Nations and INTERPOL

The General Assembly,

"""


def source(text: str, name: str = "a-res-77-20.txt") -> SourceText:
    # Fragments, not whole resolutions: the rule that a text must not stop early has its own
    # tests (tests/test_reader.py), with sidecars that do not confirm an unusual ending.
    return SourceText(path=f"source_texts/{name}", slug=name[:-4], text=text, sidecar=Sidecar(unusual_ending=True))


def parse(body: str):
    return parse_resolution(source(HEADER + body))


def test_header_metadata():
    r = parse("Recalling its resolution 51/1,\n\n1. *Decides* to remain seized of the matter.\n")
    m = r.meta
    assert m.symbol == "A/RES/77/20"
    assert m.session == 77 and m.number == "20"
    assert m.title == "Cooperation between the United Nations and INTERPOL"
    assert m.adoption_date.isoformat() == "2022-11-21"
    assert m.distribution_date.isoformat() == "2022-11-25"
    assert m.session_name == "Seventy-seventh session"
    assert m.agenda_items == ["127 (y)"]
    assert m.agenda_title.startswith("Cooperation between the United Nations and regional")
    assert m.draft_symbols == ["A/77/L.20"]
    assert m.procedure == "without reference to a Main Committee (A/77/L.20)"


def test_committee_report_reference():
    text = HEADER.replace(
        "[without reference to a Main Committee (A/77/L.20)]",
        "[on the report of the Third Committee ([A/77/464](#), para. 31)]",
    )
    r = parse_resolution(source(text + "Noting,\n\n1. *Decides* to act.\n"))
    assert r.meta.draft_symbols == ["A/77/464"]
    assert r.meta.report_paragraph == "31"


def test_paragraph_cut_by_page_break_with_footnotes_between_is_joined():
    body = (
        "Welcoming the results of the Congress,¹ including the Kyoto Declaration on Advancing Crime "
        "Prevention, Criminal\n\n¹ See A/CONF.234/16.\n\n\n\nJustice and the Rule of Law,\n\n"
        "Noting the report,\n\n"
        "1. *Calls for* cooperation in preventing terrorism, while respecting human rights and "
        "fundamental\n\nfreedoms, and in countering crime;\n\n"
        "2. *Requests* a report.\n"
    )
    r = parse(body)
    assert len(r.preamble) == 2
    assert plain_text(r.preamble[0].content).endswith("Criminal Justice and the Rule of Law,")
    assert len(r.operative) == 2
    assert "fundamental freedoms, and in countering crime;" in plain_text(r.operative[0].content)
    assert [f.number for f in r.footnotes] == [1]
    assert FootnoteRef(1) in r.preamble[0].content


def test_preambular_continuation_starting_with_lower_case_is_joined():
    body = (
        "Welcoming the work of the Conference of the States Parties to the Convention against "
        "Corruption,\n\nthe Conference of the Parties and the Commission,\n\nNoting,\n\n1. *Decides*.\n"
    )
    r = parse(body)
    assert len(r.preamble) == 2


def test_action_phrases_and_subparagraphs():
    body = (
        "Noting,\n\n"
        "1. *Strongly condemns* the flow of arms;\n\n"
        "2. *Encourages* Member States to use:\n\n"
        "(a) The I-24/7 system;\n\n(b) INTERPOL databases;\n\n"
        "3. *Reiterates its invitation* to States.\n\n"
        "*39th plenary meeting\n21 November 2022*\n"
    )
    r = parse(body)
    phrases = [op.action_phrase for op in r.operative]
    assert phrases == ["Strongly condemns", "Encourages", "Reiterates its invitation"]
    subs = r.operative[1].subparagraphs
    assert [(s.label, s.anchor, s.akn_eid) for s in subs] == [
        ("a", "op2-a", "para_2__list_1__point_a"),
        ("b", "op2-b", "para_2__list_1__point_b"),
    ]
    assert r.meta.meeting == "39th plenary meeting"
    assert r.meta.meeting_date.isoformat() == "2022-11-21"
    assert r.citation("op2-b") == "A/RES/77/20, para. 2 (b)"
    assert r.citation("pp1") == "A/RES/77/20, preambular para. 1"


def test_roman_subparagraphs_nest_under_letters():
    body = (
        "Noting,\n\n1. *Decides*:\n\n(a) To act:\n\n(i) first;\n\n(ii) second;\n\n(b) To report;\n\n"
        "(c) x;\n\n(d) x;\n\n(e) x;\n\n(f) x;\n\n(g) x;\n\n(h) x;\n\n(i) the ninth letter.\n"
    )
    r = parse(body)
    subs = r.operative[0].subparagraphs
    assert [s.label for s in subs] == list("abcdefghi")
    assert [s.anchor for s in subs[0].subparagraphs] == ["op1-a-i", "op1-a-ii"]


def test_broken_emphasis_in_the_header_is_repaired():
    text = (
        "\n\nSeventy-seventh session\n\nAgenda item 109\n\n"
        "Crime prevention and criminal justice**Resolution adopted by the General Assembly\n"
        "on 16 December 2022***[without reference to a Main Committee (A/77/L.29)]***"
        "77/241. International Day of Police Cooperation***The General Assembly,*\n\n"
        "Reaffirming its resolution [70/1](#),\n\n1. *Decides* to designate 7 September.\n\n"
        "*55th plenary meeting\n16 December 2022*"
    )
    r = parse_resolution(source(text, "a-res-77-241.txt"))
    assert r.meta.symbol == "A/RES/77/241"
    assert r.meta.title == "International Day of Police Cooperation"
    assert r.meta.agenda_title == "Crime prevention and criminal justice"
    assert r.meta.adoption_date.isoformat() == "2022-12-16"
    assert r.meta.draft_symbols == ["A/77/L.29"]
    assert len(r.preamble) == 1 and len(r.operative) == 1


OLD_WEB_LAYOUT = """                                                   A/RES/54/128
                         General Assembly

Fifty-fourth session
Agenda item 106

     Resolution adopted by the General Assembly on 17 December 1999

        [on the report of the Third Committee (A/54/597)]

     54/128.  Action against corruption and the illicit transfer of funds
              of illicit origin

     The General Assembly,

     Recalling its resolution 53/176 of 15 December 1998 on action against
corruption,
     Convinced that corruption is a serious problem for all countries,
     1.  Requests the Secretary-General to examine the
question;
     2.  Takes note with appreciation of the report of the
Commission;
     3.  Calls upon Member States to act.

                                                  83rd plenary meeting
                                                  17 December 1999
"""


def test_older_web_layout_without_blank_lines_or_italics():
    r = parse_resolution(source(OLD_WEB_LAYOUT, "a-res-54-128.txt"))
    assert r.meta.symbol == "A/RES/54/128"
    assert r.meta.title == "Action against corruption and the illicit transfer of funds of illicit origin"
    assert len(r.preamble) == 2
    assert [op.action_phrase for op in r.operative] == [
        "Requests",
        "Takes note with appreciation",
        "Calls upon",
    ]
    assert plain_text(r.operative[0].content) == "the Secretary-General to examine the question;"
    assert r.meta.meeting == "83rd plenary meeting"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("Noting,\n\n1. *Decides*;\n\n3. *Requests*.\n", 24, "operative paragraph 3 is out of order"),
        ("Noting,\n\n1. *Decides*;\n\n2. *Notes*;\n\n2. *Requests*.\n", 26, "paragraph 2 is repeated"),
        ("Noting the work,²\n\n1. *Decides*.\n", 20, "footnote marker 2 has no footnote text"),
        ("Noting,\n\n¹ Orphan note.\n\n1. *Decides*.\n", 22, "footnote 1 is never called"),
        ("(a) Stray;\n\nNoting,\n\n1. *Decides*.\n", 20, "subparagraph (a) outside any operative"),
        ("Noting,\n\n1. *Decides*:\n\n(b) x.\n", 24, "subparagraph (b) of operative paragraph 1"),
        ("Noting,\n\nRecalling.\n", 22, "expected operative paragraphs"),
    ],
)
def test_errors_name_file_line_and_expectation(body, line, message):
    with pytest.raises(SourceError) as info:
        parse(body)
    error = info.value
    assert error.path == "source_texts/a-res-77-20.txt"
    assert error.line == line, str(error)
    assert message in str(error)


def test_missing_formula_is_an_error_unless_the_title_line_leads_into_the_preamble():
    with pytest.raises(SourceError, match="The General Assembly,"):
        parse_resolution(source("Title\n\nRecalling,\n\n1. *Decides*.\n"))
    # An extraction that lost the formula's line: the title leads into the first recital,
    # and the page shows no formula the text does not have.
    masthead = HEADER.replace("The General Assembly,\n\n", "")
    r = parse_resolution(source(masthead + "Recalling its resolution 51/1,\n\n1. *Decides*.\n"))
    assert (r.formula, len(r.preamble), len(r.operative)) == ("", 1, 1)
    assert r.meta.title == "Cooperation between the United Nations and INTERPOL"
    # Budget texts print the formula without its comma; one operative paragraph, unnumbered.
    r = parse_resolution(source(masthead + "The General Assembly\n\nApproves the report of the Committee.\n"))
    assert (r.formula, r.preamble, r.operative[0].action_phrase) == ("The General Assembly", [], "Approves")
    assert not r.operative[0].numbered


def test_inline_markup_is_parsed_not_kept():
    r = parse("Noting,¹\n\n¹ United Nations, *Treaty Series*, vol. 1996.\n\n1. *Decides* [70/1](#).\n")
    note = r.footnotes[0].content
    assert Text("Treaty Series", italic=True) in note
    assert any(isinstance(i, DocumentLink) and i.text == "70/1" for i in r.operative[0].content)


def test_windows_line_ends_and_bom_are_accepted(tmp_path: Path):
    path = tmp_path / "a-res-77-20.txt"
    text = HEADER + "Noting,\n\n1. *Decides*.\n\n*39th plenary meeting*\n*21 November 2022*\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    r = parse_resolution(load_source(path))
    assert r.meta.symbol == "A/RES/77/20" and len(r.operative) == 1


# --- every error the resolution parser raises, with its line and whole message ---------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            HEADER.replace("The General Assembly,\n\n", "").replace("77/20. Cooperation", "Cooperation")
            + "*Noting* the work of the UN,\n\n1. *Decides*.\n",
            18,
            "expected the line 'The General Assembly,' before the preamble; found '*Noting* the work of'… with none",
        ),
        (HEADER, 19, "expected preambular and operative paragraphs after the formula"),
        (
            HEADER.replace("77/20. Cooperation between the United Nations and INTERPOL\n\n", "")
            + "Noting,\n\n1. *Decides*.\n",
            16,
            "expected the resolution's number and title before 'The General Assembly,' (a line such as",
        ),
        (
            HEADER + "Noting,\n\n1. *Decides*.\n\n39th plenary meeting\n21 November 2022\n\nMore text.\n",
            27,
            "expected nothing but footnote texts after the closing meeting line",
        ),
        (
            HEADER + "Noting,¹\n\n¹ One text.\n\n¹ Another text.\n\n1. *Decides*.\n",
            24,
            "footnote 1 has two texts (the first at line 22)",
        ),
        (
            HEADER + "Noting,\n\n1. *Decides* to adopt the annex.\n\n39th plenary meeting\n21 November 2022\n\nAnnex\n",
            27,
            "expected the title of the annex after 'Annex'",
        ),
    ],
)
def test_every_error_names_its_line_and_says_what_was_expected(text: str, line: int, message: str):
    with pytest.raises(SourceError) as info:
        parse_resolution(source(text))
    assert (info.value.path, info.value.line) == ("source_texts/a-res-77-20.txt", line), str(info.value)
    assert str(info.value).startswith(f"source_texts/a-res-77-20.txt:{line}: {message}")


def test_the_header_gives_the_distribution_its_date_and_the_formula_its_words():
    r = parse("Noting,\n\n1. *Decides*.\n")
    assert r.meta.distribution == "General"
    assert r.meta.distribution_date is not None and r.meta.distribution_date.isoformat() == "2022-11-25"
    assert r.meta.session == 77 and r.meta.session_name == "Seventy-seventh session"
    assert r.formula == "The General Assembly,"


# --- warnings, the end of a text, and small helpers (from the mutation run) --------------------


def test_warnings_name_the_paragraph_and_find_malformed_citations_in_footnotes_too():
    from build_scripts.parse.resolution import LONG_PARAGRAPH_WORDS, find_warnings

    long_words = " ".join(["word"] * (LONG_PARAGRAPH_WORDS - 1))
    text = (
        f"Noting {long_words},\n\nRecalling {long_words} more,¹\n\n¹ See resolution 7O/20.\n\n"
        "1. *Decides*.\n\n2. that nothing else;\n\n3. *Requests* resolution 77/2O.\n"
    )
    r = parse(text)
    warnings = find_warnings(source(HEADER + text), r)
    assert any("preambular paragraph 2 has 601 words" in w for w in warnings)
    assert not any("preambular paragraph 1 has" in w for w in warnings)  # exactly the limit: no warning
    assert any(
        ":28: operative paragraph 2 has no action phrase (expected a verb such as *Requests*" in w for w in warnings
    )
    assert any(":24: the cited symbol '7O/20' looks malformed" in w for w in warnings)  # in the footnote
    assert any("the cited symbol '77/2O' looks malformed" in w for w in warnings)


def test_a_text_that_ends_with_subparagraphs_and_its_meeting_line_is_complete():
    ending = "(b) To report.\n\n39th plenary meeting\n21 November 2022\n"
    text = HEADER + "Noting,\n\n1. *Decides*:\n\n(a) To act;\n\n" + ending
    complete = SourceText("source_texts/a-res-77-20.txt", "a-res-77-20", text, Sidecar())
    r = parse_resolution(complete)
    assert [s.label for s in r.operative[0].subparagraphs] == ["a", "b"]


def test_a_committee_bracket_over_two_lines_is_read_whole():
    text = HEADER.replace(
        "[without reference to a Main Committee (A/77/L.20)]",
        "[on the report of the Third Committee\n(A/77/464, para. 31)]",
    )
    r = parse_resolution(source(text + "Noting,\n\n1. *Decides*.\n"))
    assert r.meta.procedure == "on the report of the Third Committee (A/77/464, para. 31)"
    assert r.meta.draft_symbols == ["A/77/464"] and r.meta.report_paragraph == "31"


def test_a_slug_cut_at_sixty_characters_never_ends_with_a_hyphen():
    from build_scripts.parse.resolution import _slug

    assert _slug("*International* cooperation") == "international-cooperation"
    assert _slug("a" * 59 + " b c") == "a" * 59


@pytest.mark.parametrize("count", [8, 9, 22, 24])
def test_letters_that_are_roman_numerals_are_letters_in_their_run(count: int):
    """(i) after (h), (v) after (u), (x) after (w) are letters, not sub-subparagraphs."""
    letters = [chr(ord("a") + k) for k in range(count)]
    subs = "".join(f"({letter}) To act;\n\n" for letter in letters)
    r = parse(f"Noting,\n\n1. *Decides*:\n\n{subs}2. *Requests* a report.\n")
    assert [s.anchor for s in r.operative[0].subparagraphs] == [f"op1-{letter}" for letter in letters]
    assert all(not s.subparagraphs for s in r.operative[0].subparagraphs)


def test_a_bracket_left_open_in_the_masthead_is_an_error_at_a_line():
    text = HEADER.replace("(A/77/L.20)]", "(A/77/L.20)")
    with pytest.raises(SourceError) as info:
        parse_resolution(source(text + "Noting,\n\n1. *Decides*.\n"))
    assert info.value.line is not None


def test_the_distribution_and_its_date_on_one_line_or_in_capitals_on_their_own():
    one_line = HEADER.replace("Distr.: General\n25 November 2022\n", "Distr.: General 25 November 2022\n")
    r = parse_resolution(source(one_line + "Noting,\n\n1. *Decides*.\n"))
    assert r.meta.distribution == "General" and str(r.meta.distribution_date) == "2022-11-25"
    capitals = HEADER.replace("Distr.: General\n", "Distr.\n\nGENERAL\n\n")
    r = parse_resolution(source(capitals + "Noting,\n\n1. *Decides*.\n"))
    assert r.meta.distribution == "General" and str(r.meta.distribution_date) == "2022-11-25"


def test_a_long_operative_paragraph_is_named_as_operative():
    from build_scripts.parse.resolution import LONG_PARAGRAPH_WORDS, find_warnings

    text = f"Noting,\n\n1. *Decides* {' '.join(['word'] * (LONG_PARAGRAPH_WORDS + 1))}.\n"
    warnings = find_warnings(source(HEADER + text), parse(text))
    assert any(f"operative paragraph 1 has {LONG_PARAGRAPH_WORDS + 1} words" in w for w in warnings)


def test_emphasis_and_runs_of_spaces_in_the_masthead_leave_single_spaces():
    text = HEADER.replace("77/20. Cooperation between", "77/20.  *Cooperation*  between").replace(
        "Cooperation between the United Nations and regional", "Cooperation  between the United  Nations and *regional*"
    )
    r = parse_resolution(source(text + "Noting,\n\n1. *Decides*.\n"))
    assert r.meta.title == "Cooperation between the United Nations and INTERPOL"
    assert r.meta.agenda_title == "Cooperation between the United Nations and regional and other organizations"


def test_without_an_adoption_date_anywhere_the_error_points_at_the_masthead():
    text = HEADER.replace("Resolution adopted by the General Assembly on 21 November 2022\n", "")
    with pytest.raises(SourceError) as info:
        parse_resolution(source(text + "Noting,\n\n1. *Decides*.\n"))
    assert info.value.line == 1 and "expected the adoption date" in str(info.value)


def test_the_masthead_fields_of_the_real_texts():
    """Every field of the masthead, in three layouts: capitals (51/1), a committee report
    with a paragraph (77/237), and an addendum to a draft."""
    from build_scripts.site.pipeline import parse_source

    root = Path(__file__).resolve().parent.parent
    old = parse_source(root / "source_texts" / "a-res-51-1.txt", root).meta  # type: ignore[union-attr]
    assert old.body == "General Assembly" and old.adoption_line == "RESOLUTION ADOPTED BY THE GENERAL ASSEMBLY"
    assert old.draft_symbols == ["A/51/L.1", "A/51/L.1/Add.1"] and old.agenda_items == ["156"]
    report = parse_source(root / "source_texts" / "a-res-77-237.txt", root).meta  # type: ignore[union-attr]
    assert report.original_language == "English" and report.report_paragraph == "31"
    assert report.adoption_line == "Resolution adopted by the General Assembly on 15 December 2022"
    several = HEADER.replace("Agenda item 127 (y)", "Agenda items 105 and 127 (y)").replace(
        "(A/77/L.20)]", "(A/77/L.20 and Add.1)]"
    )
    r = parse_resolution(source(several + "Noting,\n\n1. *Decides*.\n"))
    assert r.meta.agenda_items == ["105", "127 (y)"]
    assert r.meta.draft_symbols == ["A/77/L.20", "A/77/L.20/Add.1"]
    committee = HEADER.replace(
        "[without reference to a Main Committee (A/77/L.20)]",
        "[on the report of the Sixth Committee (A/77/9, para. 12)]",
    )
    r = parse_resolution(source(committee + "Noting,\n\n1. *Decides*.\n"))
    assert r.meta.draft_symbols == ["A/77/9"] and r.meta.report_paragraph == "12"


def test_a_closing_meeting_line_under_the_last_paragraph_or_resumed_closes_it():
    whole = Sidecar()  # the end-of-text rule applies
    for closing in ("42nd plenary meeting\n4 December 2023\n", "50th (resumed) plenary meeting\n22 December 2023\n"):
        text = HEADER + "Recalling its resolution 51/1,\n\n1. *Decides* to include the item “Outer space”.\n" + closing
        r = parse_resolution(SourceText("source_texts/a-res-77-20.txt", "a-res-77-20", text, whole))
        assert plain_text(r.operative[0].content) == "to include the item “Outer space”."
        assert r.meta.meeting == closing.split("\n")[0] and r.meta.meeting_date.isoformat().startswith("2023-12")


def test_an_action_phrase_ends_at_its_verb_before_a_comma_a_colon_or_an_object():
    r = parse(
        "Recalling its resolution 51/1,\n\n1. Decides, in order to ensure participation, to act;\n\n"
        "2. Re-emphasizes that protection is the responsibility of States;\n\n"
        "3. Also strongly condemns all violations;\n\n4. Further decides:\n\n(a) To act;\n\n(b) To report.\n"
    )
    assert [op.action_phrase for op in r.operative] == [
        "Decides",
        "Re-emphasizes",
        "Also strongly condemns",
        "Further decides",
    ]
    assert r.operative[0].opening == "Decides, in order to ensure participation, to act;"
    assert r.operative[3].opening == "Further decides:" and r.operative[1].phrase_gap == " "
    assert r.warnings == []


def test_symbols_of_other_organs_are_not_taken_for_mistyped_assembly_symbols():
    r = parse(
        "Recalling resolution GC(67)/RES/10 of the General Conference, resolution CM/Res.2 and "
        "resolution EC-75/2, and its resolution 7O/20,\n\n1. *Decides* to act.\n"
    )
    assert len(r.warnings) == 1 and "the cited symbol '7O/20' looks malformed" in r.warnings[0]


def test_the_adoption_line_is_stated_in_the_case_of_the_text_with_the_date_it_lacks():
    from build_scripts.model import ResolutionMetadata

    old = ResolutionMetadata(
        "A/RES/51/1",
        51,
        "1",
        "Observer status",
        dt.date(1996, 10, 15),
        adoption_line="RESOLUTION ADOPTED BY THE GENERAL ASSEMBLY",
        meeting="35th plenary meeting",
    )
    assert (
        old.adoption_statement == "Resolution adopted by the General Assembly on 15 October 1996, 35th plenary meeting"
    )
    modern = ResolutionMetadata(
        "A/RES/77/20",
        77,
        "20",
        "Cooperation",
        dt.date(2022, 11, 21),
        adoption_line="Resolution adopted by the General Assembly on 21 November 2022",
    )
    assert modern.adoption_statement == "Resolution adopted by the General Assembly on 21 November 2022"
    bare = ResolutionMetadata("A/RES/77/20", 77, "20", "Cooperation", dt.date(2022, 11, 21))
    assert bare.adoption_statement == "Adopted on 21 November 2022"


def test_an_older_mastheads_logo_reads_united_nations():
    r = parse_resolution(load_source(Path(__file__).parent.parent / "source_texts" / "a-res-51-1.txt"))
    assert r.meta.masthead_extra == ["A", "United Nations"]


def test_two_annex_headings_with_the_same_words_keep_distinct_anchors():
    closing = "39th plenary meeting\n21 November 2022\n\n"
    annex = (
        "Annex\n\nPlan of action against trafficking\n\nA. Measures\n\n1. States should act.\n\n"
        "Follow-up\n\n2. States should report.\n\nB. Measures\n\n3. States should act again.\n\n"
        "Follow-up\n\n4. States should report again.\n"
    )
    r = parse("Noting,\n\n1. *Decides* to adopt the annex.\n\n" + closing + annex)
    (annexed,) = r.annexes
    anchors = [item.anchor for item in annexed.items]
    headings = [item.anchor for item in annexed.items if type(item).__name__ == "AnnexHeading"]
    assert len(headings) == 4 and len(set(headings)) == 4, headings
    assert len(set(anchors)) == len(anchors), anchors
    # The first keeps the plain form, so that an address made before a second one came stays.
    assert headings[1] == "annex-follow-up" and headings[3].startswith("annex-follow-up-")


def test_a_sidecars_adoption_date_overrides_the_date_the_heading_states():
    """The editor's correction wins over the text's own (a heading misprinted, a date
    the record corrected): the sidecar's date, not the heading's 21 November."""
    text = HEADER + "Noting,\n\n1. *Decides*.\n"
    corrected = Sidecar(unusual_ending=True, adoption_date=dt.date(2022, 11, 22))
    r = parse_resolution(SourceText("source_texts/a-res-77-20.txt", "a-res-77-20", text, corrected))
    assert r.meta.adoption_date == dt.date(2022, 11, 22)
    assert parse_resolution(source(text)).meta.adoption_date == dt.date(2022, 11, 21)
