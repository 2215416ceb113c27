"""conventions.py: dates, sessions, symbols, anchors, eIds and citations."""

from __future__ import annotations

import datetime as dt

import pytest

from build_scripts import conventions as c


def test_dates_as_the_texts_write_them():
    assert c.parse_date("21", "November", "2022") == dt.date(2022, 11, 21)
    assert c.long_date(dt.date(2022, 11, 1)) == "1 November 2022"


@pytest.mark.parametrize(("session", "years"), [(1, (1946, 1947)), (71, (2016, 2017)), (79, (2024, 2025))])
def test_a_session_spans_two_calendar_years(session: int, years: tuple[int, int]):
    assert c.ga_session_years(session) == years


@pytest.mark.parametrize(("words", "value"), [("first", 1), ("seventy-ninth", 79), ("eightieth", 80), ("zeroth", None)])
def test_ordinals(words: str, value: int | None):
    assert c.ordinal_value(words) == value


@pytest.mark.parametrize(
    ("anchor", "eid", "cited"),
    [
        ("pp3", "recital_3", "A/RES/77/20, preambular para. 3"),
        ("op17", "para_17", "A/RES/77/20, para. 17"),
        ("op17-a", "para_17__list_1__point_a", "A/RES/77/20, para. 17 (a)"),
        ("op17-a-ii", "para_17__list_1__point_a__list_1__point_ii", "A/RES/77/20, para. 17 (a) (ii)"),
        ("fn:8", "fn_8", "A/RES/77/20, footnote 8"),
    ],
)
def test_anchor_eid_and_citation_of_every_level(anchor: str, eid: str, cited: str):
    assert c.eid_for_anchor(anchor) == eid
    assert c.anchor_for_eid(eid) == anchor
    assert c.citation("A/RES/77/20", anchor) == cited


def test_annex_anchors_and_their_citations():
    assert c.annex_anchor("annex", 97, 0) == "annex-para97"
    assert c.annex_anchor("annex", None, 3) == "annex-p3"
    assert c.citation("A/RES/76/181", "annex-para97") == "A/RES/76/181, annex, para. 97"
    assert c.label("annex-ii-p2") == "annex II, second paragraph"
    # Numbers that start again in each section: the section names the paragraph too.
    assert c.annex_anchor("annex-ii", 3, 0, "sec2") == "annex-ii-sec2-para3"
    assert c.citation("A/RES/78/128", "annex-iii-rule8-para2") == "A/RES/78/128, annex III, rule 8, para. 2"
    assert c.label("annex-sec2-b-para1") == "annex, section II.B, para. 1"
    assert c.citation("A/RES/78/1", "annex-ii-sec2-para3") == "A/RES/78/1, annex II, section II, para. 3"


@pytest.mark.parametrize(
    ("anchor", "eid", "cited"),
    [
        ("a-op3", "part_a__para_3", "A/RES/78/9 A, para. 3"),
        ("b-pp2", "part_b__recital_2", "A/RES/78/9 B, preambular para. 2"),
        (
            "sec2-op1-a-ii",
            "sec_2__para_1__list_1__point_a__list_1__point_ii",
            "A/RES/78/9, section II, para. 1 (a) (ii)",
        ),
        ("sec14-pp4", "sec_14__recital_4", "A/RES/78/9, section XIV, preambular para. 4"),
    ],
)
def test_the_anchors_of_a_resolution_in_parts(anchor: str, eid: str, cited: str):
    assert c.eid_for_anchor(anchor) == eid
    assert c.anchor_for_eid(eid) == anchor
    assert c.citation("A/RES/78/9", anchor) == cited


def test_part_prefixes_and_roman_numerals():
    assert [c.part_prefix(label, sections) for label, sections in [("A", False), ("I", False), ("II", True)]] == [
        "a",
        "i",
        "sec2",
    ]
    assert [c.roman(n) for n in (1, 4, 9, 14, 39, 40)] == ["I", "IV", "IX", "XIV", "XXXIX", "XL"]
    assert [c.roman_value(s) for s in ("XIV", "IIII", "IC", "")] == [14, None, None, None]


def test_symbols_and_the_official_text():
    assert c.RESOLUTION_SYMBOL.match("A/RES/S-32/1") and not c.RESOLUTION_SYMBOL.match("A/RES/7O/20")
    assert c.official_url("A/RES/77/20") == "https://docs.un.org/en/A/RES/77/20"
    assert c.official_url("A/RES/77/20", "fr") == "https://docs.un.org/fr/A/RES/77/20"
    assert sorted(["46/152", "9/8", "S-32/1"], key=c.symbol_key) == ["9/8", "46/152", "S-32/1"]


def test_a_related_documents_paragraph_and_no_date():
    assert c.label("p3") == "para. 3" and c.label("p12") == "para. 12"
    assert c.citation("INTERPOL, A statement", "p12") == "INTERPOL, A statement, para. 12"
    assert c.long_date(None) == ""


def test_compound_ordinals_take_a_unit_below_ten_after_a_tens_word():
    assert c.ordinal_value("Seventy-ninth") == 79
    assert c.ordinal_value("seventy-tenth") is None
    assert c.ordinal_value("fifty-first") == 51
    assert c.ordinal_value("first-first") is None
    assert c.ordinal_value("eightieth") == 80
