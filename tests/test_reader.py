"""The reader of real resolutions: the rules of each extraction on small texts, variants of
the real texts that change only what the rules allow (the model must not change), texts
cut off before their end, and mutated texts (clean errors, never a traceback)."""

# The inline texts keep their lines whole, as the extractor gives them.
# ruff: noqa: E501

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from build_scripts.errors import SourceError
from build_scripts.model import AnnexHeading, FootnoteRef, Resolution, Text, plain_text
from build_scripts.parse.inline import parse_inline
from build_scripts.parse.layout_pdftotext import looks_like_pdftotext
from build_scripts.parse.repair import repair_text
from build_scripts.parse.resolution import parse_resolution
from build_scripts.parse.sources import Sidecar, SourceText, load_source
from build_scripts.site.pipeline import parse_source

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "source_texts"
PDFTOTEXT = sorted(p.name for p in SOURCES.glob("*.txt") if looks_like_pdftotext(p.read_text(encoding="utf-8")))


def parse_text(text: str, name: str = "a-res-73-11.txt", **sidecar: object) -> Resolution:
    document = parse_resolution(SourceText(f"source_texts/{name}", name[:-4], text, Sidecar(**sidecar)))  # type: ignore[arg-type]
    return document


def digest(r: Resolution) -> list[tuple[str, str]]:
    """What a reader sees under each anchor: the words, with footnote calls as [n]."""

    def show(content) -> str:
        return "".join(f"[{i.number}]" if isinstance(i, FootnoteRef) else i.text for i in content)

    out = [(p.anchor, show(p.content)) for p in r.preamble]
    for op in r.operative:
        out.append((op.anchor, op.action_phrase + " " + show(op.content)))
        out += [(s.anchor, show(s.content)) for s in op.subparagraphs]
    for annex in r.annexes:
        out += [(i.anchor, i.text if isinstance(i, AnnexHeading) else show(i.content)) for i in annex.items]
    out += [(f"fn:{n.number}", show(n.content)) for n in r.footnotes]
    out.append(("meta", f"{r.meta.symbol} {r.meta.title} {r.meta.adoption_date} {r.meta.meeting}"))
    return out


def test_the_collection_holds_texts_of_every_layout():
    layouts = {parse_source(p, ROOT).layout for p in SOURCES.glob("a-res-*.txt")}  # type: ignore[union-attr]
    assert layouts == {"clean", "pdf", "pdftotext"}
    assert len(PDFTOTEXT) == 17  # 10 of the General Assembly, 7 of the Security Council


# --- the pdftotext rules on small texts -------------------------------------------------

MASTHEAD = """A/RES/73/11

United Nations

General Assembly

Distr.: General
4 December 2018

Seventy-third session
Agenda item 128 (y)

Resolution adopted by the General Assembly
on 26 November 2018
[without reference to a Main Committee (A/73/L.21)]

73/11.

Cooperation between the United Nations and the International
Criminal Police Organization (INTERPOL)
The General Assembly,
"""
HEADER = "\fCooperation between the United Nations and the International\nCriminal Police Organization (INTERPOL)\n\nA/RES/73/11\n\n"
END = "39th plenary meeting\n26 November 2018\n"


def test_labels_apart_from_their_texts_pair_by_order():
    text = (
        MASTHEAD + "Recalling the agreement of 1997 between the United Nations\n"
        "and INTERPOL 1 and all other agreements,\n"
        "Noting the 2030 Agenda for Sustainable Development, 2 and the Strategy, 3\n"
        "__________________\n\nResolution 60/288.\nSee resolution 72/284.\n\n2\n\n3\n\n1\n\n2/3\n\n18-20444\n\n"
        + HEADER
        + "Recognizing the work,\n1.\nDecides to continue.\n"
        + END
    )
    # Label 1 stands with no text of its own on this page: the texts are 1 and 2, label 3
    # has none. So pdftotext never gives that; the usual case is labels = texts, below.
    text = text.replace("\n\n2\n\n3\n\n1\n\n", "\n\n3\n\n1\n\n2\n\n").replace(
        "Resolution 60/288.\nSee resolution 72/284.\n",
        "Treaty Series, vol. 1996.\nResolution 70/1.\nResolution 60/288.\n",
    )
    r = parse_text(text)
    assert [plain_text(n.content) for n in r.footnotes] == [
        "Treaty Series, vol. 1996.",
        "Resolution 70/1.",
        "Resolution 60/288.",
    ]
    assert [i.number for i in r.preamble[0].content if isinstance(i, FootnoteRef)] == [1]
    assert [i.number for i in r.preamble[1].content if isinstance(i, FootnoteRef)] == [2, 3]
    # The marker sits right after its word, its digit gone from the words.
    assert plain_text(r.preamble[1].content).endswith("Development, and the Strategy,")
    assert r.layout == "pdftotext" and r.artefacts["footnote labels"] == 3


def test_a_footnote_text_over_two_lines_and_a_label_between_texts():
    text = (
        MASTHEAD + "Recalling the report of the Commission, 1 and its resolution 75/10, 2\n"
        "__________________\n\nSee Official Records of the Economic and Social Council, 2016, Supplement\n"
        "No. 10 (E/2016/30), chap. I, sect. D.\n2\nResolution 75/10.\n\n1\n\n2/2\n\n"
        + HEADER
        + "1.\nDecides to continue.\n"
        + END
    )
    r = parse_text(text)
    assert [plain_text(n.content) for n in r.footnotes] == [
        "See Official Records of the Economic and Social Council, 2016, Supplement No. 10 (E/2016/30), chap. I, sect. D.",
        "Resolution 75/10.",
    ]


def test_markers_glued_to_a_year_or_to_punctuation_and_a_note_called_again():
    text = (
        MASTHEAD + "Recalling the Convention of 24 May 201931 and the providers,2 in which,\n"
        "__________________\n1\n2\n\nUnited Nations, Treaty Series, vol. 2225.\nSee A/74/125.\n\n"
        + HEADER
        + "Noting the Convention against Corruption, 1 in which,\n1.\nDecides to continue.\n"
        + END
    ).replace("201931", "20191")
    r = parse_text(text)
    assert plain_text(r.preamble[0].content).startswith("Recalling the Convention of 24 May 2019 and the providers,")
    assert [i.number for i in r.preamble[0].content if isinstance(i, FootnoteRef)] == [1, 2]
    # Note 1 was given on the page before: "Corruption, 1 in" calls it again.
    assert [i.number for i in r.preamble[1].content if isinstance(i, FootnoteRef)] == [1]


def test_a_number_is_not_a_marker_after_a_reference_word():
    text = (
        MASTHEAD + "Recalling paragraph 1 of its resolution 70/1, the Group of 20 and the Convention, 1 and\n"
        "its work,\n__________________\n1\n\nResolution 70/1.\n\n" + HEADER + "1.\nDecides to continue.\n" + END
    )
    r = parse_text(text)
    words = plain_text(r.preamble[0].content)
    assert "paragraph 1 of its resolution 70/1, the Group of 20 and the Convention, and" in words
    assert [i.number for i in r.preamble[0].content if isinstance(i, FootnoteRef)] == [1]


def test_paragraphs_without_blank_lines_and_numbers_alone_on_their_line():
    text = (
        MASTHEAD + "Recalling its resolution 51/1 of 15 October 1996, in which it invited the\n"
        "International Criminal Police Organization (INTERPOL) to participate as an observer\n"
        "in its sessions and work,\n"
        "Deeply concerned about crime,\n"
        "1.\nEncourages cooperation through the following:\n"
        "(a ) The I-24/7 system;\n(b) The databases;\n"
        "10. Requests a report.\n" + END + "\n18-20444 (E)\n\n*1820444*\n"
    ).replace("10. Requests", "2. Requests")
    r = parse_text(text)
    assert [p.anchor for p in r.preamble] == ["pp1", "pp2"]
    assert [op.anchor for op in r.operative] == ["op1", "op2"]
    assert [s.anchor for s in r.operative[0].subparagraphs] == ["op1-a", "op1-b"]
    assert r.operative[0].action_phrase == "Encourages"


def test_running_headers_in_either_order_and_page_feet_are_dropped():
    symbol_first = "\fA/RES/73/11\n\nCooperation between the United Nations and the International\nCriminal Police Organization (INTERPOL)\n\n"
    body = (
        MASTHEAD
        + "Recalling the work of the United Nations and the International\n\n18-20444 (E)\n\n061218\n\n*1820444*\n\n"
        + HEADER
        + "Criminal Police Organization (INTERPOL) in the field,\n\n18-20444\n\n2/3\n\n"
        + symbol_first
        + "1.\nDecides to continue.\n"
        + END
        + "\n3/3"
    )
    r = parse_text(body)
    assert plain_text(r.preamble[0].content) == (
        "Recalling the work of the United Nations and the International Criminal Police Organization (INTERPOL) in the field,"
    )
    assert r.artefacts["running header lines"] == 6
    assert r.artefacts["page numbers"] == 2 and r.artefacts["barcodes"] == 1 and r.artefacts["print dates"] == 1


def two_pages_of_notes(
    zone_two: str, zone_one: str = "See Official Records of the Economic and Social Council, 2016, Supplement\n\n1\n\n"
) -> str:
    """A text whose note 1 is given on page 1 and note 2 on page 2, with the zones given."""
    return (
        MASTHEAD + "Recalling the report of the Commission, 1\n"
        "__________________\n\n" + zone_one + "2/3\n\n18-20444\n\n" + HEADER + "Recognizing its resolution 75/10, 2\n"
        "__________________\n\n" + zone_two + "3/3\n\n18-20444\n\n" + HEADER + "1.\nDecides to continue.\n" + END
    )


NOTE_1 = (
    "See Official Records of the Economic and Social Council, 2016, Supplement No. 10 (E/2016/30), chap. I, sect. D."
)


@pytest.mark.parametrize(
    "zone",
    [
        "No. 10 (E/2016/30), chap. I, sect. D.\n\n2\n\nResolution 75/10.\n\n",  # the label before its text
        "No. 10 (E/2016/30), chap. I, sect. D.\nResolution 75/10.\n\n2\n\n",  # the labels after the texts
        "2\n\nNo. 10 (E/2016/30), chap. I, sect. D.\nResolution 75/10.\n\n",  # the labels first
    ],
)
def test_a_footnote_text_without_its_full_stop_runs_over_to_the_next_pages_zone(zone: str):
    """Every footnote text ends with a full stop: the top of the next zone continues one that
    does not, before that page's own texts, wherever pdftotext put the labels."""
    r = parse_text(two_pages_of_notes(zone))
    assert [plain_text(n.content) for n in r.footnotes] == [NOTE_1, "Resolution 75/10."]


def test_zone_text_that_no_label_claims_is_kept_and_named_at_its_line():
    """Nothing under a separator is dropped: a text no label claims (an unnumbered note on
    page 1, or more texts than labels) stops the parser at its line."""
    no_label = two_pages_of_notes(
        "No. 10 (E/2016/30), chap. I, sect. D.\n\n2\n\nResolution 75/10.\n\n",
        "A note without a number.\n\n",
    ).replace("Recalling the report of the Commission, 1\n", "Recalling the report of the Commission,\n")
    with pytest.raises(SourceError, match=r"a-res-73-11.txt:25: .*\n +found: 'A note without a number\.") as caught:
        parse_text(no_label.replace("Recognizing its resolution 75/10, 2", "Recognizing its resolution 75/10, 1"))
    assert "A note without a number." in str(caught.value)
    extra = two_pages_of_notes(
        "2\n\nResolution 75/10.\n\n", "* Reissued for technical reasons.\n\n1\n\n" + NOTE_1 + "\n\n"
    )
    with pytest.raises(SourceError, match=r"a-res-73-11.txt:\d+: .*\n +found: 'See Official Records"):
        parse_text(extra)


def test_a_footnote_that_is_never_called_is_named_at_its_text():
    text = two_pages_of_notes("2\n\nResolution 75/10.\n\n").replace("resolution 75/10, 2\n", "resolution 75/10,\n")
    with pytest.raises(SourceError, match=r"a-res-73-11.txt:\d+: footnote 2 is never called in the text"):
        parse_text(text)


def test_a_number_after_a_reference_word_on_a_later_page_is_not_a_note_called_again():
    text = two_pages_of_notes("2\n\nResolution 75/10.\n\n").replace(
        "Recognizing its resolution 75/10, 2\n",
        "Recognizing its resolution 75/10, 2 and Additional Protocol 1 to it,\n",
    )
    r = parse_text(text)
    assert [i.number for i in r.preamble[1].content if isinstance(i, FootnoteRef)] == [2]
    assert plain_text(r.preamble[1].content).endswith("75/10, and Additional Protocol 1 to it,")


def test_a_zone_without_labels_continues_the_last_note_and_the_reading_goes_on():
    """Page 2's zone has no label: it continues note 3 (the last, although it ended a
    sentence), not another; page 3's notes are read after it."""
    text = (
        MASTHEAD + "Recalling the report, 1 the Convention, 2 and the Protocol, 3\n"
        "__________________\n\n1\n\nResolution 60/288.\n\n2\n\nResolution 70/1.\n\n3\n\nSee A/73/123.\n\n"
        "2/4\n\n18-20444\n\n"
        + HEADER
        + "Noting the work,\n__________________\n\nSee also A/73/456.\n\n3/4\n\n18-20444\n\n"
        + HEADER
        + "Noting also the plan, 4\n__________________\n\n4\n\nResolution 72/284.\n\n4/4\n\n18-20444\n\n"
        + HEADER
        + "1.\nDecides to continue.\n"
        + END
    )
    r = parse_text(text)
    assert [plain_text(n.content) for n in r.footnotes] == [
        "Resolution 60/288.",
        "Resolution 70/1.",
        "See A/73/123. See also A/73/456.",
        "Resolution 72/284.",
    ]


def test_text_glued_after_the_separator_is_the_zones_first_line_at_its_own_line():
    text = (
        two_pages_of_notes("2\n\nResolution 75/10.\n\n", "1\n\n" + NOTE_1 + "\n\n")
        .replace(
            "Recognizing its resolution 75/10, 2\n__________________\n\n2\n\n",
            "Recognizing its resolution 75/10, 2\n__________________ 2 Resolution 75/10.\n\n",
        )
        .replace("\n\nResolution 75/10.\n\n3/3", "\n\n3/3")
    )
    r = parse_text(text)
    assert [plain_text(n.content) for n in r.footnotes] == [NOTE_1, "Resolution 75/10."]
    lines = text.split("\n")
    assert r.footnotes[1].line == lines.index("__________________ 2 Resolution 75/10.") + 1
    assert r.footnotes[0].line == lines.index(NOTE_1) + 1


def test_a_marker_set_off_by_a_space_is_glued_to_its_word():
    r = parse_text(two_pages_of_notes("2\n\nResolution 75/10.\n\n", "1\n\n" + NOTE_1 + "\n\n"))
    for paragraph in r.preamble:
        before = paragraph.content[
            paragraph.content.index(next(i for i in paragraph.content if isinstance(i, FootnoteRef))) - 1
        ]
        assert isinstance(before, Text) and before.text.endswith(",") and not before.text.endswith(" ")


def test_a_note_called_again_after_a_title_or_punctuation_but_not_on_its_own_page():
    text = two_pages_of_notes("2\n\nResolution 75/10.\n\n", "1\n\n" + NOTE_1 + "\n\n").replace(
        "Recognizing its resolution 75/10, 2\n",
        "Recognizing its resolution 75/10, 2 the plan; 1 in which (the strategy) 1 and its work 1 and\n"
        "the Convention 1 and the Commission 2 and\n",
    )
    r = parse_text(text)
    calls = [i.number for i in r.preamble[1].content if isinstance(i, FootnoteRef)]
    # "plan; 1", "strategy) 1" and "Convention 1" call note 1 again (given on page 1);
    # "work 1" is a number (a lower-case word); "Commission 2" is on note 2's own page.
    assert calls == [2, 1, 1, 1]
    words = plain_text(r.preamble[1].content)
    assert "its work 1 and the Convention and the Commission 2 and" in words


def test_a_page_foot_line_is_counted_by_its_name():
    text = two_pages_of_notes("2\n\nResolution 75/10.\n\n", "1\n\n" + NOTE_1 + "\n\n").replace(
        "2/3\n\n18-20444\n\n", "2/3\n\n18-20444\n\nPlease recycle\n\n", 1
    )
    r = parse_text(text)
    assert r.artefacts["page foot lines"] == 1
    assert "Please recycle" not in " ".join(t for _, t in digest(r))


def test_a_copy_without_form_feeds_may_begin_with_blank_lines():
    text = two_pages_of_notes("2\n\nResolution 75/10.\n\n", "1\n\n" + NOTE_1 + "\n\n").replace("\f", "")
    assert digest(parse_text("\n\n\n" + text)) == digest(parse_text(text))


def test_runs_of_spaces_in_a_running_header_do_not_hide_it():
    text = two_pages_of_notes("2\n\nResolution 75/10.\n\n", "1\n\n" + NOTE_1 + "\n\n").replace(
        "\fCooperation between the United Nations and the International\n",
        "\fCooperation  between the United Nations and  the International\n",
        1,
    )
    r = parse_text(text)
    assert "Cooperation" not in " ".join(plain_text(p.content) for p in r.preamble)


def test_a_sentence_closed_by_a_comma_inside_quotes_does_not_end():
    from build_scripts.parse.layout_pdftotext import _ends_sentence

    assert not _ends_sentence("entitled “Programme of Action,”")
    assert not _ends_sentence("the Convention,¹²")
    assert _ends_sentence("entitled “Programme of Action.”") and _ends_sentence("the Convention.¹")


def test_without_form_feeds_a_line_of_the_title_in_the_text_does_not_start_a_page():
    """In a copy that lost its form feeds a page starts at a header line after the foot of
    the page before, not at any line of the title after a blank line."""
    text = (
        MASTHEAD + "Recalling the agreement on cooperation between\n\nthe United Nations and the International\n"
        "in the field of crime,\n\n18-20444\n\n2/3\n\n"
        + HEADER.replace("\f", "")
        + "Noting the work of the United Nations\n\nand the International\nin the field,\n"
        "1.\nDecides to continue.\n" + END
    )
    r = parse_text(text)
    assert [plain_text(p.content) for p in r.preamble] == [
        "Recalling the agreement on cooperation between the United Nations and the International in the field of crime,",
        "Noting the work of the United Nations and the International in the field,",
    ]


def test_a_running_header_line_is_a_line_that_starts_two_pages_and_the_text_after_it_stays():
    header = "\fA/RES/73/11\n\nPolice cooperation\n\n"  # not the title: a line that starts pages 2 and 3
    text = (
        MASTHEAD
        + "Recalling the work,\n\n2/3\n\n18-20444\n\n"
        + header
        + "Noting the work of\nthe International\n\n3/3\n\n"
        + header
        + "1.\nDecides to continue.\n"
        + END
    )
    r = parse_text(text)
    words = " ".join(t for _, t in digest(r))
    assert "Police cooperation" not in words
    assert plain_text(r.preamble[1].content) == "Noting the work of the International"
    assert r.artefacts["running header lines"] == 4


def test_an_older_masthead_in_capitals_without_adoption_date():
    text = (SOURCES / "a-res-51-1.txt").read_text(encoding="utf-8")
    r = parse_text(text, "a-res-51-1.txt")
    assert (r.meta.symbol, r.meta.title) == (
        "A/RES/51/1",
        "Observer status for the International Criminal Police Organization (Interpol) in the General Assembly",
    )
    assert str(r.meta.adoption_date) == "1996-10-15" and r.meta.meeting == "35th plenary meeting"
    assert r.warnings == []  # the closing meeting's date is the adoption date: nothing to confirm
    # Page 2's running header misprints the symbol (A/RES/50/1): dropped, not read as text.
    assert "50/1" not in " ".join(t for _, t in digest(r))


# --- 76/181's annex ---------------------------------------------------------------------


def test_the_annex_of_76_181_has_its_own_anchors():
    r = parse_source(SOURCES / "a-res-76-181.txt", ROOT)
    assert isinstance(r, Resolution)
    assert len(r.operative) == 13 and len(r.annexes) == 1
    annex = r.annexes[0]
    assert annex.title.startswith("Kyoto Declaration on Advancing Crime Prevention, Criminal Justice")
    numbered = [p for p in annex.paragraphs() if p.number is not None]
    assert [p.anchor for p in numbered] == [f"annex-para{n}" for n in range(1, 98)]
    opening = [p for p in annex.paragraphs() if p.number is None]
    assert plain_text(opening[0].content).startswith("We, Heads of State and Government")
    assert [plain_text(p.content).split()[0] for p in opening[1:5]] == [
        "Assembled",
        "Taking",
        "Recalling",
        "Recognizing",
    ]
    assert plain_text(opening[5].content) == "Declare the following:"
    headings = [i for i in annex.items if isinstance(i, AnnexHeading)]
    assert len(headings) >= 25 and headings[0].text == "Advancing crime prevention"
    # Footnotes 1-2 are the resolution's, 3-20 the annex's.
    in_annex = {i.number for p in annex.paragraphs() for i in p.content if isinstance(i, FootnoteRef)}
    assert in_annex == set(range(3, 21))
    assert r.citation("annex-para97") == "A/RES/76/181, annex, para. 97"
    assert [p.anchor for p in opening] == [f"annex-p{n}" for n in range(1, len(opening) + 1)]
    anchors = [a for a, _ in digest(r)]
    assert len(anchors) == len(set(anchors))


def test_a_numbered_annex_prefixes_its_anchors_with_its_number():
    text = (SOURCES / "a-res-76-181.txt").read_text(encoding="utf-8").replace("\nAnnex\n", "\nAnnex II\n", 1)
    r = parse_text(text, "a-res-76-181.txt")
    annex = r.annexes[0]
    assert (annex.label, annex.anchor) == ("Annex II", "annex-ii")
    assert annex.paragraphs()[0].anchor == "annex-ii-p1" and annex.paragraphs()[-1].anchor == "annex-ii-para97"


# --- extraction damage --------------------------------------------------------------------

WORDS = {"Operations", "Nations", "United", "of", "the", "law", "Counter-Terrorism", "up", "hold", "uphold", "them"}


@pytest.mark.parametrize(
    ("found", "made"),
    [
        ("Department of Peacekeeping Operation s of the", "Department of Peacekeeping Operations of the"),
        ("the United N ations", "the United Nations"),
        ("querying the m", "querying them"),
        ("Global Counter Terrorism Strategy", "Global Counter-Terrorism Strategy"),
        ("Global CounterTerrorism Strategy", "Global Counter-Terrorism Strategy"),
        ("by non -State actors , in ( COVID-19)", "by non-State actors, in (COVID-19)"),
        # Both pieces are words: left as extracted.
        ("to up hold the Charter", "to up hold the Charter"),
        # Not attested: left as extracted.
        ("the Qx yz", "the Qx yz"),
    ],
)
def test_repairs_only_where_the_collection_attests_the_word(found: str, made: str):
    assert repair_text(found, WORDS) == made


def test_the_real_texts_are_repaired_and_check_lists_it(capsys):
    from build_scripts.__main__ import main

    assert main(["check", str(SOURCES / "a-res-71-19.txt")]) == 0
    out = capsys.readouterr().out
    assert "layout:       text extracted from the official PDF by pdftotext" in out
    assert "a-res-71-19.txt:75: 'Peacekeeping Operation s of' -> 'Peacekeeping Operations of'" in out
    assert "'Global Counter Terrorism Strategy,' -> 'Global Counter-Terrorism Strategy,'" in out
    assert "warning" not in out


# --- variants: what the rules allow to change must not change the model -------------------


def _pages(text: str) -> list[str]:
    return text.split("\f")


def swap_headers(text: str) -> str:
    """Running headers in the other order: symbol first <-> title first."""
    head = text[: re.search(r"The (?:General Assembly|Security Council),", text).start()]  # type: ignore[union-attr]
    if not (number := re.search(r"(?m)^\d+/\d+\.", head)):
        return text  # a Council resolution has no title: its running header is the symbol alone
    title = " ".join(head[number.start() :].split())
    pages = _pages(text)
    for n in range(1, len(pages)):
        lines = pages[n].split("\n")
        symbol: list[str] = []
        title_lines: list[str] = []
        while lines and (not lines[0] or lines[0].startswith("A/RES/") or lines[0] in title):
            line = lines.pop(0)
            (symbol if line.startswith("A/RES/") else title_lines if line else []).append(line)
        if symbol and title_lines:
            first_is_symbol = pages[n].lstrip("\n").startswith("A/RES/")
            order = [*title_lines, "", *symbol] if first_is_symbol else [*symbol, "", *title_lines]
            pages[n] = "\n".join([*order, "", *lines])
    return "\f".join(pages)


def move_labels(text: str, where: str) -> str:
    """Every bare label of a footnote zone moved before (or after) the texts of its page."""
    pages = _pages(text)
    for n, page in enumerate(pages):
        lines = page.split("\n")
        sep = next((i for i, line in enumerate(lines) if re.search(r"_{5,}", line)), None)
        if sep is None:
            continue
        zone = lines[sep + 1 :]
        labels = [line for line in zone if re.fullmatch(r"\d{1,3}", line)]
        rest = [line for line in zone if not re.fullmatch(r"\d{1,3}", line)]
        labels.sort(key=int)
        trailing = len(rest) - len("\n".join(rest).rstrip("\n").split("\n"))  # the page's last blank lines
        body, tail = rest[: len(rest) - trailing], rest[len(rest) - trailing :]
        zone = [*labels, *body, *tail] if where == "before" else [*body, *labels, *tail]
        pages[n] = "\n".join([*lines[: sep + 1], *zone])
    return "\f".join(pages)


VARIANTS = {
    "separator of 10 underscores": lambda t: re.sub(r"_{5,}", "_" * 10, t),
    "separator of 30 underscores": lambda t: re.sub(r"_{5,}", "_" * 30, t),
    "headers in the other order": swap_headers,
    "labels before their texts": lambda t: move_labels(t, "before"),
    "labels after their texts": lambda t: move_labels(t, "after"),
    "job numbers without print date": lambda t: re.sub(r"(?m)^\d{6}\n", "", t),
    "Windows line ends": lambda t: t.replace("\n", "\r\n"),
    "no blank lines around the page foot": lambda t: re.sub(r"\n\n(?=\d+/\d+\n)", "\n", t),
    "no form feeds": lambda t: t.replace("\f", ""),
}


@pytest.mark.parametrize("name", PDFTOTEXT)
def test_variants_the_rules_allow_give_the_same_model(name: str, tmp_path: Path):
    original = (SOURCES / name).read_text(encoding="utf-8")
    sidecar = SOURCES / name.replace(".txt", ".yml")
    expected = digest(parse_source(SOURCES / name, ROOT))  # type: ignore[arg-type]
    for variant, change in VARIANTS.items():
        changed = change(original)
        path = tmp_path / name
        path.write_bytes(changed.encode("utf-8"))
        if sidecar.exists():
            path.with_suffix(".yml").write_bytes(sidecar.read_bytes())
        got = digest(parse_resolution(load_source(path)))
        assert got == expected, f"{name}: {variant} changed the model"


def test_the_variants_do_change_the_texts():
    """The variants above are not no-ops: each changes most of the texts it runs on."""
    # The Assembly's texts: the Council's have no footnotes and no title in their headers.
    originals = [(SOURCES / name).read_text(encoding="utf-8") for name in PDFTOTEXT if name.startswith("a-res-")]
    for variant, change in VARIANTS.items():
        changed = sum(1 for text in originals if change(text) != text)
        assert changed >= len(originals) // 2, (variant, changed)


PYMUPDF = sorted(
    p.name
    for p in SOURCES.glob("a-res-*.txt")
    if parse_source(p, ROOT).layout == "pdf"  # type: ignore[union-attr]
)


def respace_labels(text: str, spaces: int) -> str:
    """Footnote labels of a PyMuPDF text followed by ``spaces`` spaces (the zone only: from
    the separator to the page end, an empty line)."""
    lines, in_zone = text.split("\n"), False
    for i, line in enumerate(lines):
        if re.search(r"_{5,}", line):
            in_zone = True
        elif line == "":
            in_zone = False
        elif in_zone:
            lines[i] = re.sub(r"^(\d{1,3}) +(?=\S)", lambda m: m[1] + " " * spaces, line)
    return "\n".join(lines)


def glue_separator(text: str) -> str:
    """The separator glued to the end of the line above it."""
    return re.sub(r"(?m)(\S) *\n(_{5,}) *$", r"\1 \2", text)


PYMUPDF_VARIANTS = {
    "separator of 10 underscores": lambda t: re.sub(r"_{5,}", "_" * 10, t),
    "separator of 30 underscores": lambda t: re.sub(r"_{5,}", "_" * 30, t),
    "separator glued to the text above": glue_separator,
    "one space after a label": lambda t: respace_labels(t, 1),
    "two spaces after a label": lambda t: respace_labels(t, 2),
    "three spaces after a label": lambda t: respace_labels(t, 3),
    "Windows line ends": lambda t: t.replace("\n", "\r\n"),
}


@pytest.mark.parametrize("name", PYMUPDF)
def test_pymupdf_variants_the_rules_allow_give_the_same_model(name: str, tmp_path: Path):
    original = (SOURCES / name).read_text(encoding="utf-8")
    expected = digest(parse_source(SOURCES / name, ROOT))  # type: ignore[arg-type]
    changed = 0
    for variant, change in PYMUPDF_VARIANTS.items():
        text = change(original)
        changed += text != original
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        assert digest(parse_resolution(load_source(path))) == expected, f"{name}: {variant} changed the model"
    assert changed >= len(PYMUPDF_VARIANTS) - 1


# --- the same resolution from two extractors --------------------------------------------


def as_pdftotext(text: str) -> str:
    """The same pages as pdftotext lays them out: no trailing spaces, no blank line between
    paragraphs, a form feed before each page, footnote labels apart from their texts, a
    marker set off after the word before it, and lines broken after a hyphen joined."""
    pages: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line == "":
            pages.append([])  # PyMuPDF's page boundary: a truly empty line
        elif line.strip():
            pages[-1].append(line.rstrip())
    out = []
    expected = 1  # the next footnote label: "28 June ..." continuing a text is none
    for page in pages:
        joined: list[str] = []
        for line in page:
            if joined and re.search(r"[^\W\d_]-$", joined[-1]) and line[:1].isalpha():
                joined[-1] += line
            else:
                joined.append(line)
        separator = next((i for i, line in enumerate(joined) if re.fullmatch(r"_{5,}", line)), len(joined))
        for i in range(1, separator):
            if m := re.match(r"^(\d{1,3})  +(\S.*)$", joined[i]):  # "3  including" at a line start
                joined[i - 1] += " " + m[1]
                joined[i] = m[2]
        labels, texts = [], []
        for line in joined[separator + 1 :]:
            if (m := re.match(r"^(\d{1,3}) +(\S.*)$", line)) and int(m[1]) == expected:
                expected += 1
                labels.append(m[1])
                texts.append(m[2])
            else:
                texts.append(line)
        out.append("\n".join(joined[: separator + 1] + labels + texts))
    return "\n\n\f".join(out) + "\n"


@pytest.mark.parametrize("name", PYMUPDF)
def test_the_same_resolution_from_two_extractors_gives_the_same_page(name: str, tmp_path: Path):
    """A PyMuPDF text laid out as pdftotext lays out the same PDF is read by the other
    reader into the same model: the same anchors and the same words under each."""
    original = (SOURCES / name).read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_text(as_pdftotext(original), encoding="utf-8")
    other = parse_resolution(load_source(path))
    assert other.layout == "pdftotext"
    assert digest(other) == digest(parse_source(SOURCES / name, ROOT))  # type: ignore[arg-type]


# --- texts cut off, bad input, mutations ---------------------------------------------------


def test_a_text_cut_after_an_operative_paragraph_is_refused_where_it_stops():
    text = (SOURCES / "a-res-77-20.txt").read_text(encoding="utf-8")
    cut = text[: text.index("\n16. ")]
    with pytest.raises(SourceError) as caught:
        parse_text(cut, "a-res-77-20.txt")
    assert (
        "the text stops in operative paragraph 15, which does not end with a full stop: is the rest of the "
        "resolution missing? (a sidecar with 'unusual_ending: true' accepts it)\n"
    ) in str(caught.value)
    assert caught.value.line == text[: text.index("\n15. ")].count("\n") + 2
    # Whole paragraphs but no closing meeting line: refused too.
    whole = text[: text.index("*39th plenary")]
    with pytest.raises(SourceError, match="without the closing meeting line"):
        parse_text(whole, "a-res-77-20.txt")
    # A sidecar may confirm an unusual ending.
    assert len(parse_text(cut, "a-res-77-20.txt", unusual_ending=True).operative) == 15


def test_a_markdown_link_with_an_address_stays_literal():
    assert parse_inline("see [link](http://example.org) here") == [Text("see [link](http://example.org) here")]


MUTATIONS = ["delete", "double", "swap", "cut", "join", "split", "junk", "control"]


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    kind = rng.choice(MUTATIONS)
    i = rng.randrange(len(lines))
    j = rng.randrange(len(lines))
    if kind == "delete":
        del lines[i : i + rng.randint(1, 5)]
    elif kind == "double":
        lines[i:i] = lines[i : i + rng.randint(1, 3)]
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "cut":
        lines = lines[: max(i, 1)]
    elif kind == "join" and i + 1 < len(lines):
        lines[i : i + 2] = [lines[i] + " " + lines[i + 1]]
    elif kind == "split" and lines[i]:
        k = rng.randrange(len(lines[i]))
        lines[i : i + 1] = [lines[i][:k], lines[i][k:]]
    elif kind == "junk":
        lines.insert(i, rng.choice(["12", "(a)", "____", "1.", "*", "A/RES/1/1", "¹²", "[x](#)", "3/7"]))
    else:
        lines[i] = (
            lines[i][: len(lines[i]) // 2]
            + rng.choice(["\x07", "\x0b", "\u200b", "\x1b[0m"])
            + lines[i][len(lines[i]) // 2 :]
        )
    return "\n".join(lines)


@pytest.mark.slow
def test_mutated_texts_give_clean_errors_and_never_a_traceback(tmp_path: Path):
    rng = random.Random(20261127)
    texts = sorted(SOURCES.glob("a-res-*.txt"))
    outcomes = {"parsed": 0, "refused": 0}
    for n in range(300):
        source = texts[n % len(texts)]
        text = source.read_text(encoding="utf-8")
        for _ in range(rng.randint(1, 3)):
            text = mutate(text, rng)
        path = tmp_path / source.name
        path.write_text(text, encoding="utf-8")
        try:
            parse_resolution(load_source(path, tmp_path))
            outcomes["parsed"] += 1
        except SourceError as exc:
            assert exc.path.endswith(source.name)
            outcomes["refused"] += 1
    # Both outcomes occur: the mutations are not all harmless, nor all fatal.
    assert outcomes["parsed"] > 20 and outcomes["refused"] > 20, outcomes


def test_the_tests_over_every_text_of_a_layout_have_every_text():
    """The parametrised tests above run once per text of a layout: an empty list (the texts
    not found) would pass without testing anything."""
    assert len(PDFTOTEXT) == 17
    assert len(PYMUPDF) == 15


@pytest.mark.parametrize("name", PDFTOTEXT)
def test_pdftotext_artefacts_are_counted_as_a_plain_count_of_the_source_finds_them(name: str):
    """What `check` reports as removed from a pdftotext text equals a plain count of its
    lines: job numbers, page counters, print dates, barcodes, separators; a label for every
    footnote; running header lines on every page after the first (a form feed each)."""
    text = (SOURCES / name).read_text(encoding="utf-8")
    lines = [line.strip("\f ").strip() for line in text.split("\n")]

    def count(pattern: str) -> int:
        return sum(1 for line in lines if re.fullmatch(pattern, line))

    pages = text.split("\f")
    # Older texts number their pages with a bare number at the foot of pages without notes.
    bare_numbers = sum(
        1
        for n, page in enumerate(pages, 1)
        # never on the first page, whose foot has the job number and barcode
        if n > 1 and "_____" not in page and str(n) in (line.strip() for line in page.split("\n"))
    )
    counted = {
        "job numbers": count(r"\d{2}[- ]\d{5}(?: ?\(E\))?"),  # older texts: "00 56089"
        "page numbers": count(r"\d{1,3}/\d{1,3}") + bare_numbers,
        "print dates": count(r"\d{6}"),
        "barcodes": count(r"\*\d{6,}\*"),
        "footnote separators": sum(1 for line in lines if "_____" in line),
    }
    r = parse_source(SOURCES / name, ROOT)
    artefacts = {k: v for k, v in r.artefacts.items() if v}  # type: ignore[union-attr]
    assert {k: artefacts.get(k, 0) for k in counted} == counted
    assert artefacts.get("footnote labels", 0) == len(r.footnotes)  # type: ignore[union-attr]
    pages_after_the_first = text.count("\f")
    assert artefacts["running header lines"] % pages_after_the_first == 0
    # The symbol and a line of the title on each page; the Council's, and 55/25's (its
    # SOURCES.md: "running header `A/RES/55/25` alone"), the symbol alone.
    lines_per_page = 1 if name.startswith("s-res-") or name == "a-res-55-25.txt" else 2
    assert artefacts["running header lines"] >= lines_per_page * pages_after_the_first


# --- cutting a page's footnote zone into its texts (the pdftotext reader) -------------------


def segment(lines: dict[int, str], kinds: list[tuple[str, int]], count: int) -> list[list[str]]:
    from build_scripts.parse.layout_pdftotext import _segment_texts

    source = [lines.get(i, "") for i in range(max(lines) + 1)]
    texts = _segment_texts(source, [(kind, index, 0) for kind, index in kinds], count)
    return [[t for _, t in text] for text in texts]


def test_a_label_between_texts_cuts_there_whatever_the_sentences_say():
    lines = {0: "First text that ends a sentence.", 1: "Continues without a stop", 2: "2", 3: "second text"}
    cut = segment(lines, [("text", 0), ("text", 1), ("label", 2), ("text", 3)], 2)
    assert cut == [["First text that ends a sentence.", "Continues without a stop"], ["second text"]]


def test_a_label_glued_to_its_text_cuts_there():
    lines = {0: "First text that ends a sentence.", 1: "Continues without a stop", 2: "second text"}
    cut = segment(lines, [("text", 0), ("text", 1), ("glued", 2)], 2)
    assert cut == [["First text that ends a sentence.", "Continues without a stop"], ["second text"]]


def test_without_labels_between_a_sentence_end_wins_even_after_a_parenthesis():
    lines = {0: "Short one", 1: "and here it ends in a rather longer line (2019)", 2: "Second text."}
    cut = segment(lines, [("text", 0), ("text", 1), ("text", 2)], 2)
    assert cut == [["Short one", "and here it ends in a rather longer line (2019)"], ["Second text."]]


def test_without_a_sentence_end_a_gap_between_lines_comes_before_the_shortest_line():
    lines = {10: "Short one", 11: "and a rather longer line that runs on", 13: "then the second text"}
    cut = segment(lines, [("text", 10), ("text", 11), ("text", 13)], 2)
    assert cut == [["Short one", "and a rather longer line that runs on"], ["then the second text"]]


def test_the_annex_items_of_76_181_point_at_their_lines_in_the_source():
    from build_scripts.model import AnnexHeading

    path = SOURCES / "a-res-76-181.txt"
    lines = [line.strip("\f ").strip() for line in path.read_text(encoding="utf-8").split("\n")]
    annex = parse_source(path, ROOT).annexes[0]  # type: ignore[union-attr]
    assert lines[annex.line - 1] == "Annex"
    numbered = [p for p in annex.paragraphs() if p.number is not None]
    assert len(numbered) == 97
    for p in numbered:
        assert lines[p.line - 1].startswith(f"{p.number}."), (p.number, p.line)
    headings = [h for h in annex.items if isinstance(h, AnnexHeading)]
    assert len(headings) > 20
    for h in headings:
        assert h.text.startswith(lines[h.line - 1]), (h.text, h.line)


def test_labels_glued_to_their_texts_and_a_text_that_runs_over_to_the_next_page():
    """pdftotext may keep a label on its text's line ("1 Resolution 60/288."); and a page
    whose foot has text but no label continues the last footnote of the page before."""
    text = (
        MASTHEAD + "Recalling the Strategy, 1 and the Agenda, 2\n"
        "__________________\n1 Resolution 60/288.\n2 See resolution 70/1, which the Assembly adopted at\n\n2/2\n\n"
        + HEADER
        + "Noting the work,\n1.\nDecides to continue.\n"
        + END
        + "__________________\nits seventieth session.\n"
    )
    r = parse_text(text)
    assert [plain_text(n.content) for n in r.footnotes] == [
        "Resolution 60/288.",
        "See resolution 70/1, which the Assembly adopted at its seventieth session.",
    ]
    assert [i.number for i in r.preamble[0].content if isinstance(i, FootnoteRef)] == [1, 2]
    assert r.artefacts.get("footnote labels", 0) == 0  # glued labels are part of their texts' lines


def test_a_full_line_that_ends_with_a_comma_does_not_end_its_paragraph_before_a_capital():
    """A line of full width is not a paragraph's last line, even when it ends with a comma and
    the next begins with a capital ("United Nations"): only a preambular word, or a short
    line before it, starts a new paragraph."""
    text = (
        MASTHEAD + "Recalling the agreement of 1997 between the United Nations and the International Criminal,\n"
        "United Nations entities and the organizations of the system in the field of police,\n"
        "Noting the work,\n" + HEADER + "1.\nDecides to continue.\n" + END
    )
    r = parse_text(text)
    assert len(r.preamble) == 2
    assert plain_text(r.preamble[0].content).endswith(
        "Criminal, United Nations entities and the organizations of the system in the field of police,"
    )


@pytest.mark.slow
def test_parsing_in_worker_processes_gives_the_same_documents_in_the_same_order(tmp_path: Path):
    from build_scripts.site.pipeline import PARALLEL_FROM, parse_all

    paths = sorted(SOURCES.glob("*.txt"))
    assert len(paths) >= PARALLEL_FROM  # enough texts for the workers to be used
    alone = parse_all(paths, ROOT, None, jobs=1)
    together = parse_all(paths, ROOT, tmp_path / "cache", jobs=2)
    assert together == alone
    assert parse_all(paths, ROOT, tmp_path / "cache", jobs=2) == alone  # and from the cache they wrote
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == len(paths)


@pytest.mark.slow
def test_an_error_in_a_worker_process_comes_back_with_its_file_and_line(tmp_path: Path):
    from build_scripts.errors import SourceError
    from build_scripts.site.pipeline import parse_all

    paths = sorted(SOURCES.glob("*.txt"))
    bad = tmp_path / "a-res-77-99.txt"
    bad.write_text((SOURCES / "a-res-77-241.txt").read_text(encoding="utf-8").replace("The General Assembly,", "X"))
    results = parse_all([*paths[:8], bad, *paths[8:]], ROOT, None, jobs=2)
    errors = [r for r in results if isinstance(r, SourceError)]
    assert len(results) == len(paths) + 1 and results[8] is errors[0]
    assert errors[0].path.endswith("a-res-77-99.txt") and "The General Assembly," in str(errors[0])
