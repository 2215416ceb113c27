"""The cross-resolution index's rules, each on a small collection made for it (no built site,
no whole collection: the fast loop). The whole collection's index is tested in
tests/test_crossindex.py."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from test_series_rules import resolution

from build_scripts.annotate.crossindex import (
    KINDS,
    Body,
    CitedDocument,
    Finder,
    Mandate,
    Place,
    Theme,
    build_index,
    kind_of,
    load_bodies,
    load_themes,
    theme_excerpt,
)
from build_scripts.annotate.links import link_collection
from build_scripts.errors import SourceError
from build_scripts.memo import Memo
from build_scripts.model import Collection

SG = Body("secretary-general", "Secretary-General", ("Secretary-General",))
STATES = Body("member-states", "Member States", ("Member States", "States"))
UNODC = Body("unodc", "United Nations Office on Drugs and Crime", ("United Nations Office on Drugs and Crime", "UNODC"))
UN = Body("united-nations", "United Nations and its system", ("the United Nations",))
BODIES = [SG, STATES, UNODC, UN]
SEIZED = "1. *Decides* to remain seized of the matter.\n"
DRUGS = Theme("drugs", "Drugs", ("drugs", "narcotic drugs"))
CYBER = Theme("cyber", "Cybercrime", ("cybercrime", "Cyber"))
THEMES = [DRUGS, CYBER]


def index_of(*resolutions, themes=THEMES, bodies=BODIES):
    collection = Collection(list(resolutions), [])
    link_collection(collection)
    return build_index(collection, themes, bodies)


def places(listed) -> list[tuple[str, str]]:
    return [(p.document.slug, p.anchor) for p in listed]


# --- kinds and addresses ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("symbol", "kind"),
    [
        ("A/RES/77/20", KINDS[0]),  # in the collection, whatever its series
        ("A/RES/51/1", KINDS[1]),
        ("E/RES/2019/23", KINDS[2]),
        ("S/RES/2322 (2016)", KINDS[3]),
        ("A/77/L.20", KINDS[4]),
        ("E/CN.15/2022/L.3", KINDS[5]),
        ("CTOC/COP/2020/10", KINDS[6]),
        ("General Assembly decision 74/550 A", KINDS[7]),
        ("Commission on Narcotic Drugs resolution 65/2", KINDS[8]),
        ("Human Rights Council decision 2/102", KINDS[8]),
    ],
)
def test_a_cited_document_is_of_the_kind_its_symbol_or_name_says(symbol: str, kind: str):
    assert kind_of(symbol, {"A/RES/77/20"}) == kind


def test_a_document_named_without_an_address_links_to_none_and_a_symbol_to_its_official_text():
    assert CitedDocument("A/RES/51/1", KINDS[1]).url == "https://docs.un.org/en/A/RES/51/1"
    assert CitedDocument("Human Rights Council decision 2/102", KINDS[8]).url == ""
    decision = CitedDocument("General Assembly decision 74/550 A", KINDS[7]).url
    assert decision == "" or "74/550" in decision
    # A symbol of a named kind is not sent to the document system under its name.
    assert "docs.un.org/en/General" not in CitedDocument("General Assembly decision 1/1", KINDS[7]).url


def test_a_mandate_is_dated_by_its_bodys_calendar_or_not_at_all():
    place = Place(resolution(20, "1. *Decides* to remain seized of the matter.\n"), "op1", "para. 1")
    assembly = Mandate(place, "the Secretary-General", "a report", 79, "seventy-ninth session")
    assert assembly.years == "2024–2025"
    assert dataclasses.replace(assembly, year=2024, organ="Commission on Narcotic Drugs").years == "2024"
    assert dataclasses.replace(assembly, organ="Human Rights Council").years == ""


# --- the words around a place ---------------------------------------------------------------


def test_an_excerpt_keeps_twelve_words_each_side_and_says_where_it_cut():
    before = " ".join(f"b{i}" for i in range(20))
    after = " ".join(f"a{i}" for i in range(20))
    text = f"{before} PHRASE {after}"
    start = text.index("PHRASE")
    excerpt = theme_excerpt(text, start, start + len("PHRASE"))
    assert (
        excerpt
        == "… " + " ".join(f"b{i}" for i in range(8, 20)) + " PHRASE " + " ".join(f"a{i}" for i in range(12)) + " …"
    )
    # Exactly twelve words each side: the whole text, and no mark of a cut.
    text = " ".join(f"b{i}" for i in range(12)) + " PHRASE " + " ".join(f"a{i}" for i in range(12))
    start = text.index("PHRASE")
    assert theme_excerpt(text, start, start + 6) == text
    # Thirteen: one word cut on each side.
    text = "b " + text + " a"
    start = text.index("PHRASE")
    assert theme_excerpt(text, start, start + 6) == "… " + text[2:-2] + " …"


# --- citations ---------------------------------------------------------------------------------

CITING = (
    "Recalling its resolution 51/1 of 15 October 1996, entitled “Observer status for the"
    " International Criminal Police Organization”, and its resolution 76/5 of 2 December 2021,\n\n"
    "Recalling also its resolution 51/1, and General Assembly decision 74/550 A and Commission on"
    " Narcotic Drugs resolution 65/2,\n\n"
    "1. *Recalls* its resolution 76/5 and its resolution 76/5 again, and its resolution 51/1;\n"
)


def test_a_citation_takes_the_title_and_date_that_follow_it_and_lists_each_citing_paragraph_once():
    index = index_of(resolution(20, CITING))
    cited = index.cited["A/RES/51/1"]
    assert (cited.kind, cited.title, cited.date) == (
        KINDS[1],
        "Observer status for the International Criminal Police Organization",
        "15 October 1996",
    )
    assert places(cited.places) == [("a-res-77-20", "pp1"), ("a-res-77-20", "pp2"), ("a-res-77-20", "op1")]
    assert [p.label for p in cited.places] == ["preambular para. 1", "preambular para. 2", "para. 1"]
    assert cited.internal is None
    again = index.cited["A/RES/76/5"]
    assert (again.title, again.date) == ("", "2 December 2021")
    assert places(again.places) == [("a-res-77-20", "pp1"), ("a-res-77-20", "op1")]  # op1 once
    # Documents named without a symbol of their own, listed by their names.
    assert places(index.cited["General Assembly decision 74/550 A"].places) == [("a-res-77-20", "pp2")]
    assert index.cited["Commission on Narcotic Drugs resolution 65/2"].kind == KINDS[8]
    assert set(index.cited) == {
        "A/RES/51/1",
        "A/RES/76/5",
        "General Assembly decision 74/550 A",
        "Commission on Narcotic Drugs resolution 65/2",
    }


def test_a_citation_keeps_the_first_title_and_date_stated_and_a_later_one_fills_a_gap():
    first = resolution(20, "Recalling its resolution 51/1,\n\n1. *Recalls* its resolution 76/5;\n")
    second = resolution(
        30,
        "Recalling its resolution 51/1 of 15 October 1996, entitled “Observer status”,\n\n"
        "Recalling also its resolution 51/1 of 16 October 1996, entitled “Another title”,\n\n"
        "1. *Recalls* its resolution 76/5;\n",
    )
    cited = index_of(first, second).cited["A/RES/51/1"]
    assert (cited.title, cited.date) == ("Observer status", "15 October 1996")
    assert places(cited.places) == [("a-res-77-20", "pp1"), ("a-res-77-30", "pp1"), ("a-res-77-30", "pp2")]


def test_a_resolution_of_the_collection_cited_is_its_own_and_knows_who_cites_it():
    cited = resolution(20, "1. *Decides* to remain seized of the matter.\n", date="5 December 2022")
    citing = resolution(
        30, "Recalling its resolution 77/20 of 5 December 2022,\n\n1. *Recalls* its resolution 77/20;\n"
    )
    index = index_of(cited, citing)
    entry = index.cited["A/RES/77/20"]
    assert entry.kind == KINDS[0] and entry.internal is cited
    assert places(index.cited_by(cited)) == [("a-res-77-30", "pp1"), ("a-res-77-30", "op1")]
    assert index.cited_by(citing) == []


def test_a_text_citing_itself_is_not_among_those_that_cite_it():
    own = resolution(20, "1. *Decides* that the present resolution 77/20 shall apply;\n")
    index = index_of(own)
    if "A/RES/77/20" in index.cited:
        assert index.cited_by(own) == []


def test_a_resolution_of_the_collection_named_by_its_title_and_date_is_cited():
    named = resolution(
        20, "1. *Decides* to remain seized of the matter.\n", title="Countering drugs", date="5 December 2022"
    )
    citing = resolution(
        30,
        "Recalling the resolution on countering drugs of 5 December 2022,\n\n"
        "Noting the decision of 5 December 2022 on other questions,\n\n"
        "1. *Recalls* the resolution entitled “Countering drugs”, adopted on 5 December 2022, and its"
        " resolution 77/20 on countering drugs of 5 December 2022;\n",
    )
    index = index_of(named, citing)
    entry = index.cited["A/RES/77/20"]
    # pp1 by title and date; pp2 states the date without the title; op1 links it by number
    # (listed once).
    assert places(entry.places) == [("a-res-77-30", "pp1"), ("a-res-77-30", "op1")]
    # A text is not cited by its own title and date.
    assert places(index.cited_by(named)) == [("a-res-77-30", "pp1"), ("a-res-77-30", "op1")]
    alone = index_of(
        resolution(
            40,
            "Recalling the resolution on countering drugs of 5 December 2022,\n\n" + SEIZED,
            title="Countering drugs",
            date="5 December 2022",
        )
    )
    assert "A/RES/77/40" not in alone.cited


def test_what_a_text_cites_is_grouped_by_kind_in_the_kinds_order_and_by_symbol_within():
    cited = resolution(9, "1. *Decides* to remain seized of the matter.\n", date="5 December 2022")
    citing = resolution(
        30,
        "Recalling Security Council resolution 2322 (2016), its resolution 46/152 and its resolution"
        " 9/8, and its resolution 77/9,\n\n1. *Recalls* its resolution 46/152;\n",
    )
    index = index_of(cited, citing)
    groups = index.references_of(citing)
    assert [kind for kind, _ in groups] == [KINDS[0], KINDS[1], KINDS[3]]
    assert [c.symbol for c, _ in groups[1][1]] == ["A/RES/9/8", "A/RES/46/152"]
    assert places(groups[1][1][1][1]) == [("a-res-77-30", "pp1"), ("a-res-77-30", "op1")]
    assert index.references_of(cited) == []
    # Asked again, the same answer (the grouping is made once).
    assert index.references_of(citing) == groups


def test_places_are_grouped_by_the_document_they_are_in_in_the_order_found():
    a = resolution(20, "1. *Recalls* its resolution 51/1;\n\n2. *Recalls* its resolution 51/1;\n")
    b = resolution(30, "1. *Recalls* its resolution 51/1;\n")
    index = index_of(a, b)
    grouped = index.cited["A/RES/51/1"].places_by_document()
    assert [(d.slug, [p.anchor for p in ps]) for d, ps in grouped] == [
        ("a-res-77-20", ["op1", "op2"]),
        ("a-res-77-30", ["op1"]),
    ]


def test_two_places_are_equal_when_they_name_the_same_paragraph():
    a = resolution(20, "1. *Recalls* its resolution 51/1;\n")
    b = resolution(30, "1. *Recalls* its resolution 51/1;\n")
    assert Place(a, "op1", "para. 1") == Place(a, "op1", "para. 1")
    assert hash(Place(a, "op1", "para. 1")) == hash(Place(a, "op1", "para. 1"))
    assert Place(a, "op1", "para. 1") != Place(b, "op1", "para. 1")
    assert Place(a, "op1", "para. 1") != Place(a, "op2", "para. 1")
    assert Place(a, "op1", "para. 1") != Place(a, "op1", "para. 2")
    assert Place(a, "op1", "para. 1") != ("a-res-77-20", "op1", "para. 1")
    assert Place(a, "op1", "para. 1").name == "A/RES/77/20"


# --- the timeline --------------------------------------------------------------------------------


def test_the_timeline_has_each_adoption_each_date_stated_and_each_year_in_date_order():
    text = resolution(
        20,
        "Recalling its resolution 51/1 of 15 October 1996,\n\n"
        "Noting the meeting held on 3 March 2020 and the plan adopted in 2015,\n\n"
        "Noting also the plan of 2015,\n\n"
        "Welcoming the conference since 2019 and the meeting in 2021 March, and the year 2018, in 1799 and in 2100,\n\n"
        "1. *Decides* to meet in 2023;\n",
        date="5 December 2022",
    )
    events = index_of(text).events
    rows = [(e.date.isoformat(), e.year_only, e.text, [p.anchor for p in e.places]) for e in events]
    assert rows == [
        ("1996-10-15", False, "A/RES/51/1 adopted", ["pp1"]),
        ("2015-01-01", True, "Noting also the plan of 2015,", ["pp3"]),
        ("2015-01-01", True, "… on 3 March 2020 and the plan adopted in 2015,", ["pp2"]),
        ("2019-01-01", True, "Welcoming the conference since 2019 and the meeting in 2021 March, and the …", ["pp4"]),
        ("2020-03-03", False, "Noting the meeting held on 3 March 2020 and the plan adopted in 2015,", ["pp2"]),
        ("2022-12-05", False, "A/RES/77/20 adopted: Cooperation between the United Nations and INTERPOL", [""]),
        ("2023-01-01", True, "to meet in 2023;", ["op1"]),
    ]


def test_a_full_dates_year_is_not_an_event_of_its_own_and_an_event_is_listed_once_per_paragraph():
    text = resolution(
        20,
        "Noting the meeting of 3 March 2020, in 2021,\n\n"
        "Recalling its resolution 51/1 of 15 October 1996 and its resolution 51/1 of 15 October 1996,\n\n"
        "Recalling also its resolution 51/1 of 15 October 1996,\n\n" + SEIZED,
        date="5 December 2022",
    )
    events = index_of(text).events
    rows = [(e.date.isoformat(), e.year_only, e.text, [p.anchor for p in e.places]) for e in events]
    assert rows == [
        ("1996-10-15", False, "A/RES/51/1 adopted", ["pp2", "pp3"]),
        ("2020-03-03", False, "Noting the meeting of 3 March 2020, in 2021,", ["pp1"]),
        ("2021-01-01", True, "Noting the meeting of 3 March 2020, in 2021,", ["pp1"]),
        ("2022-12-05", False, "A/RES/77/20 adopted: Cooperation between the United Nations and INTERPOL", [""]),
    ]


# --- themes --------------------------------------------------------------------------------------


def test_a_theme_is_found_in_the_paragraphs_own_words_only():
    text = resolution(
        20,
        "Concerned about the trade in narcotic drugs and cybercrime,\n\n"
        "Recalling the United Nations Office on Drugs and Crime and the Convention entitled “Drugs and cybercrime”,\n\n"
        "Noting the Cyber Office and the cyber attacks,\n\n"
        "Noting the Cyber Office,\n\n"
        "1. *Urges* action on drugs;\n",
    )
    index = index_of(text)
    found = {t: [(p.anchor, start, end) for p, start, end in index.theme_places[t]] for t in ("drugs", "cyber")}
    pp1 = "Concerned about the trade in narcotic drugs and cybercrime,"
    assert found["drugs"] == [("pp1", pp1.index("narcotic"), pp1.index(" and")), ("op1", 10, 15)]
    assert found["cyber"] == [("pp1", pp1.index("cybercrime"), len(pp1) - 1), ("pp3", 11, 16), ("pp4", 11, 16)]
    # Each paragraph's themes, in the editors' order; paragraphs with the same themes share them.
    themes = index.paragraph_themes
    assert themes[("a-res-77-20", "pp1")] == (DRUGS, CYBER)
    assert themes[("a-res-77-20", "pp3")] == (CYBER,)
    assert themes[("a-res-77-20", "pp3")] is themes[("a-res-77-20", "pp4")]
    assert ("a-res-77-20", "pp2") not in themes
    assert set(themes) == {("a-res-77-20", a) for a in ("pp1", "pp3", "pp4", "op1")}


def test_a_lower_case_phrase_in_capitals_is_a_name_and_not_the_theme():
    text = resolution(
        20, "Noting the Narcotic Drugs Board and the DRUGS unit,\n\nNoting the narcotic Drugs,\n\n" + SEIZED
    )
    index = index_of(text)
    assert index.theme_places["drugs"] == []
    assert index.paragraph_themes == {}


def test_a_theme_phrase_inside_a_citations_link_text_is_not_the_theme():
    text = resolution(20, "Recalling its resolution 77/19 on drugs,\n\n" + SEIZED)
    index = index_of(text, themes=[Theme("number", "Numbers", ("77/19",))])
    assert index.theme_places["number"] == []


# --- bodies --------------------------------------------------------------------------------------


def test_the_bodies_a_paragraph_addresses_are_those_before_its_request_longest_name_first():
    text = resolution(
        20,
        "1. *Requests* the United Nations Office on Drugs and Crime and the Secretary-General to report;\n\n"
        "2. *Invites* States that wish to do so to help the Secretary-General;\n\n"
        "3. *Encourages* Member States: the Secretary-General will help;\n\n"
        "4. *Calls upon* the United Nations; the Secretary-General to act;\n\n"
        "5. *Requests* the Secretary-General and the Secretary-General again to act;\n\n"
        "6. *Encourages* " + "many " * 30 + "States to act;\n",
    )
    index = index_of(text)
    assert places(index.body_places["unodc"]) == [("a-res-77-20", "op1")]
    assert places(index.body_places["secretary-general"]) == [("a-res-77-20", "op1"), ("a-res-77-20", "op5")]
    assert places(index.body_places["member-states"]) == [("a-res-77-20", "op2"), ("a-res-77-20", "op3")]
    # "the United Nations" inside the Office's name is the Office alone.
    assert places(index.body_places["united-nations"]) == [("a-res-77-20", "op4")]


# --- mandates -----------------------------------------------------------------------------------


def mandates_of(*operative: str):
    body = "\n\n".join(f"{n}. {text}" for n, text in enumerate(operative, 1)) + "\n"
    index = index_of(resolution(20, body))
    return [(m.place.anchor, m.who, m.what, m.session, m.session_name, m.years, m.organ) for m in index.mandates]


def test_a_request_for_a_report_at_two_sessions_is_two_mandates():
    assert mandates_of(
        "*Requests* the Secretary-General to submit to the General Assembly at its seventy-ninth and eightieth"
        " sessions a report on the implementation of the present resolution;"
    ) == [
        (
            "op1",
            "the Secretary-General",
            "a report on the implementation of the present resolution",
            79,
            "seventy-ninth session",
            "2024–2025",
            "General Assembly",
        ),
        (
            "op1",
            "the Secretary-General",
            "a report on the implementation of the present resolution",
            80,
            "eightieth session",
            "2025–2026",
            "General Assembly",
        ),
    ]


def test_a_session_of_a_body_that_meets_once_a_year_is_dated_by_its_year():
    rows = mandates_of(
        "*Invites* Member States to cooperate, and requests the United Nations Office on Drugs and Crime to report"
        " to the Commission on Crime Prevention and Criminal Justice at its thirty-third session;",
        "*Requests* the Secretary-General to inform the Commission on Narcotic Drugs at its sixty-fifth session;",
        "*Requests* the Secretary-General to report to the Human Rights Council at its fiftieth session;",
    )
    commission = "Commission on Crime Prevention and Criminal Justice"
    assert rows == [
        (
            "op1",
            "the United Nations Office on Drugs and Crime",
            f"report to the {commission} at its thirty-third session",
            33,
            f"thirty-third session of the {commission}",
            "2024",
            commission,
        ),
        (
            "op2",
            "the Secretary-General",
            "inform the Commission on Narcotic Drugs at its sixty-fifth session",
            65,
            "sixty-fifth session of the Commission on Narcotic Drugs",
            "2022",
            "Commission on Narcotic Drugs",
        ),
        (
            "op3",
            "the Secretary-General",
            "report to the Human Rights Council at its fiftieth session",
            50,
            "fiftieth session of the Human Rights Council",
            "",
            "Human Rights Council",
        ),
    ]


def test_the_body_named_last_before_the_session_is_the_one_whose_session_it_is():
    rows = mandates_of(
        "*Requests* the Commission on Narcotic Drugs to inform the Commission on Crime Prevention and Criminal"
        " Justice at its thirty-first session;"
    )
    assert [(r[3], r[5], r[6]) for r in rows] == [(31, "2022", "Commission on Crime Prevention and Criminal Justice")]


def test_a_decision_to_include_an_item_or_to_consider_a_question_is_the_assemblys_mandate():
    rows = mandates_of(
        "*Decides* to include in the provisional agenda of its seventy-eighth session the item entitled"
        " “Crime prevention and criminal justice”;",
        "*Decides* to include in the provisional agenda of its seventy-ninth session, under the item entitled"
        " “Social development”, the sub-item entitled “Crime prevention”;",
        "*Decides* to include in the provisional agenda of its eightieth session an item on the question;",
        "*Decides* to consider the question of crime prevention, and of criminal justice, at its eighty-first session;",
        "*Also decides* to continue its consideration at its eighty-second session;",
    )
    assert rows == [
        (
            "op1",
            "General Assembly",
            "Include an item in the provisional agenda: “Crime prevention and criminal justice”",
            78,
            "seventy-eighth session",
            "2023–2024",
            "General Assembly",
        ),
        (
            "op2",
            "General Assembly",
            "Include an item in the provisional agenda: “Crime prevention”",
            79,
            "seventy-ninth session",
            "2024–2025",
            "General Assembly",
        ),
        (
            "op3",
            "General Assembly",
            "Include an item in the provisional agenda",
            80,
            "eightieth session",
            "2025–2026",
            "General Assembly",
        ),
        (
            "op4",
            "General Assembly",
            "consider the question of crime prevention, and of criminal justice",
            81,
            "eighty-first session",
            "2026–2027",
            "General Assembly",
        ),
        (
            "op5",
            "General Assembly",
            "continue its consideration",
            82,
            "eighty-second session",
            "2027–2028",
            "General Assembly",
        ),
    ]


def test_what_is_asked_is_the_report_or_the_words_after_the_addressee():
    rows = mandates_of(
        "*Invites* Member States to share their views with the Secretary-General for the General Assembly at its"
        " seventy-ninth session;",
        "*Invites* Member States to act, and also requests the Secretary-General to present the report of the"
        " expert group; and to do so at its eightieth session;",
        "*Requests* the Secretary-General in consultation with States to brief the Assembly at its eightieth session;",
        "*Notes* the report of the Secretary-General to be considered at its eightieth session;",
        "*Requests* the Secretary-General to brief the Assembly at its unheard-of session;",
    )
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (
            "op1",
            "Member States",
            "share their views with the Secretary-General for the General Assembly at its seventy-ninth session",
        ),
        ("op2", "the Secretary-General", "the report of the expert group"),
        ("op3", "the Secretary-General", "in consultation with States to brief the Assembly at its eightieth session"),
    ]


def test_the_words_asked_are_cut_at_twenty_four():
    words = " ".join(f"w{i}" for i in range(30))
    rows = mandates_of(f"*Requests* the Secretary-General to {words} at its eightieth session;")
    assert rows[0][2] == " ".join(f"w{i}" for i in range(24))
    rows = mandates_of(f"*Decides* to {words} at its eightieth session;")
    assert rows[0][2] == " ".join(f"w{i}" for i in range(24))


# --- what the index reads and remembers -----------------------------------------------------------


def test_a_document_that_is_no_resolution_has_no_adoption_bodies_or_mandates():
    from test_citations import parsed

    page = parsed("interpol-international-day-of-police-cooperation")
    found = Finder.of(Collection([], []), THEMES, BODIES).find(page)
    assert {f.kind for f in found} <= {"cite", "event", "theme", "themes"}
    assert not [f for f in found if f.label == "adopted"]


def test_a_council_texts_decision_is_not_the_assemblys():
    council = resolution(20, "Recalling its decision 74/550,\n\n" + SEIZED)
    council = dataclasses.replace(council, meta=dataclasses.replace(council.meta, body="Security Council"))
    assert "General Assembly decision 74/550" not in index_of(council).cited
    assert (
        "General Assembly decision 74/550"
        in index_of(resolution(20, "Recalling its decision 74/550,\n\n" + SEIZED)).cited
    )


def test_the_index_remembered_is_the_index_found(tmp_path: Path):
    texts = [
        resolution(20, CITING, date="5 December 2022"),
        resolution(
            30,
            "Recalling its resolution 77/20 of 5 December 2022 on cybercrime,\n\n1. *Requests* the"
            " Secretary-General to report at its seventy-ninth session;\n",
        ),
    ]
    collection = Collection(texts, [])
    link_collection(collection)
    digests = {t.slug: t.slug.encode() * 4 for t in texts}
    fresh = build_index(collection, THEMES, BODIES)
    memo = Memo(tmp_path / "memo.sqlite")
    first = build_index(collection, THEMES, BODIES, memo=memo, digests=digests)
    memo.save()
    again = build_index(collection, THEMES, BODIES, memo=Memo(tmp_path / "memo.sqlite"), digests=digests)
    for index in (first, again):
        assert summary(index) == summary(fresh)
    # Other themes make other findings: nothing remembered under the old ones is read.
    other = build_index(collection, [DRUGS], BODIES, memo=Memo(tmp_path / "memo.sqlite"), digests=digests)
    assert other.paragraph_themes == {}


def summary(index) -> tuple:
    return (
        {s: (c.kind, c.title, c.date, places(c.places)) for s, c in index.cited.items()},
        {t: [(p.anchor, s, e) for p, s, e in v] for t, v in index.theme_places.items()},
        {k: [t.id for t in v] for k, v in index.paragraph_themes.items()},
        {b: places(v) for b, v in index.body_places.items()},
        [(m.place.anchor, m.who, m.what, m.session) for m in index.mandates],
        [(e.date, e.year_only, e.text, places(e.places)) for e in index.events],
    )


# --- the editors' lists -------------------------------------------------------------------------


def test_the_editors_lists_are_read_and_an_absent_list_is_empty(tmp_path: Path):
    themes = tmp_path / "themes.yml"
    themes.write_text("- id: drugs\n  name: Drugs\n  phrases: [drugs, '2030']\n", encoding="utf-8")
    assert load_themes(themes, "source_texts/themes.yml") == [Theme("drugs", "Drugs", ("drugs", "2030"))]
    bodies = tmp_path / "bodies.yml"
    bodies.write_text(
        "- id: sg\n  name: Secretary-General\n  variants: [Secretary-General]\n"
        "- id: unodc\n  name: Office\n  abbreviation: UNODC\n  variants: [UNODC]\n",
        encoding="utf-8",
    )
    assert load_bodies(bodies, "source_texts/bodies.yml") == [
        Body("sg", "Secretary-General", ("Secretary-General",), ""),
        Body("unodc", "Office", ("UNODC",), "UNODC"),
    ]
    assert load_themes(tmp_path / "none.yml", "none.yml") == []
    assert load_bodies(tmp_path / "none.yml", "none.yml") == []


def test_a_list_with_an_id_twice_is_refused_naming_the_file(tmp_path: Path):
    themes = tmp_path / "themes.yml"
    themes.write_text(
        "- id: drugs\n  name: Drugs\n  phrases: [drugs]\n- id: drugs\n  name: More\n  phrases: [more]\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as raised:
        load_themes(themes, "source_texts/themes.yml")
    assert "source_texts/themes.yml" in str(raised.value)
    bodies = tmp_path / "bodies.yml"
    bodies.write_text(
        "- id: sg\n  name: SG\n  variants: [SG]\n- id: sg\n  name: SG\n  variants: [SG]\n", encoding="utf-8"
    )
    with pytest.raises(SourceError) as raised:
        load_bodies(bodies, "source_texts/bodies.yml")
    assert "source_texts/bodies.yml" in str(raised.value)


# --- what the mutation run found unguarded ----------------------------------------------------


def test_a_themes_place_is_where_its_phrase_stands_after_quoted_titles_names_and_citations():
    """What is not running text (a quoted title, a body's name, a citation, a footnote call)
    is blanked at the same positions, so the place found is the phrase's own in the text."""
    body = (
        "Recalling the Convention entitled “Drugs”, its resolution 77/19, the United Nations Office on Drugs and"
        " Crime and its resolution 76/5 on drugs and crime,\n\n" + SEIZED
    )
    text = resolution(20, body)
    index = index_of(text, themes=[Theme("crime", "Crime", ("Crime",))])
    paragraph = body.split("\n")[0]
    assert [(p.anchor, start, end) for p, start, end in index.theme_places["crime"]] == [
        ("pp1", paragraph.rindex("crime"), paragraph.rindex("crime") + 5)
    ]


def test_a_body_named_by_a_longer_variant_hides_the_theme_in_its_shorter_ones_name():
    # "the Commission on Narcotic Drugs" is a name, whole: its "Narcotic Drugs" is no theme,
    # though "the Commission" alone is a name too.
    bodies = [
        Body("commission", "Commission", ("the Commission",)),
        Body("cnd", "CND", ("the Commission on Narcotic Drugs",)),
    ]
    text = resolution(20, "Noting the work of the Commission on Narcotic Drugs,\n\n" + SEIZED)
    index = index_of(text, themes=[Theme("drugs", "Drugs", ("Narcotic Drugs",))], bodies=bodies)
    assert index.theme_places["drugs"] == []


def test_a_phrase_the_editors_capitalised_is_found_in_any_case():
    text = resolution(20, "Noting the cyber attacks,\n\n" + SEIZED)
    assert [(p.anchor, s, e) for p, s, e in index_of(text).theme_places["cyber"]] == [("pp1", 11, 16)]


def test_a_body_named_again_after_a_longer_name_that_held_it_is_found():
    text = resolution(20, "1. *Requests* the United Nations Office on Drugs and Crime and the United Nations to act;\n")
    index = index_of(text)
    assert places(index.body_places["united-nations"]) == [("a-res-77-20", "op1")]
    assert places(index.body_places["unodc"]) == [("a-res-77-20", "op1")]


def test_of_two_bodies_the_longer_variant_wins_whatever_the_alphabet_says():
    bodies = [
        Body("commission", "Commission", ("Commission",)),
        Body("cnd", "CND", ("Commission on Narcotic Drugs",)),
        Body("board", "Board", ("Board",)),
        Body("panel", "Panel", ("Panel",)),  # as long as "Board": an order of names, not of bodies
    ]
    text = resolution(20, "1. *Requests* the Commission on Narcotic Drugs, the Panel and the Board to act;\n")
    index = index_of(text, bodies=bodies)
    assert {b: places(v) for b, v in index.body_places.items()} == {
        "commission": [],
        "cnd": [("a-res-77-20", "op1")],
        "board": [("a-res-77-20", "op1")],
        "panel": [("a-res-77-20", "op1")],
    }


def test_an_addressee_is_among_the_first_twenty_five_words():
    words = " ".join(f"w{i}" for i in range(24))
    index = index_of(
        resolution(20, f"1. *Encourages* {words} States to act;\n\n2. *Encourages* {words} w24 States to act;\n")
    )
    assert places(index.body_places["member-states"]) == [("a-res-77-20", "op1")]


def test_a_session_the_edition_cannot_number_is_skipped_and_the_others_kept():
    rows = mandates_of("*Requests* the Secretary-General to report at its unheard-of and eightieth sessions;")
    assert [(r[3], r[4]) for r in rows] == [(80, "eightieth session")]


def test_a_report_asked_for_is_named_in_twenty_four_words():
    words = " ".join(f"w{i}" for i in range(30))
    rows = mandates_of(f"*Requests* the Secretary-General to submit a report on {words} at its eightieth session;")
    assert rows[0][2] == "a report on " + " ".join(f"w{i}" for i in range(21))


def test_a_document_named_without_a_symbol_or_by_its_title_has_no_title_of_its_own():
    named = resolution(20, SEIZED, title="Countering drugs", date="5 December 2022")
    citing = resolution(
        30,
        "Recalling the resolution on countering drugs of 5 December 2022 and General Assembly decision 74/550,\n\n"
        + SEIZED,
    )
    index = index_of(named, citing)
    assert index.cited["A/RES/77/20"].title == ""
    assert index.cited["General Assembly decision 74/550"].title == ""


def test_a_part_letters_adoption_date_is_the_citations_and_a_later_date_an_event():
    text = resolution(
        20,
        "Recalling its resolution 51/1 B of 15 October 1996 and the meeting held on 3 March 2020,\n\n" + SEIZED,
        date="5 December 2022",
    )
    rows = [(e.date.isoformat(), e.text) for e in index_of(text).events]
    assert rows[0][0] == "1996-10-15" and rows[0][1].endswith("adopted")
    assert [r for r in rows if r[0] == "1996-10-15"] == [rows[0]]
    assert rows[1] == ("2020-03-03", "… 15 October 1996 and the meeting held on 3 March 2020,")


def test_a_stated_dates_excerpt_is_eight_words_each_side():
    before = " ".join(f"b{i}" for i in range(10))
    after = " ".join(f"a{i}" for i in range(10))
    text = resolution(20, f"Noting {before} on 3 March 2020 {after},\n\n" + SEIZED, date="5 December 2022")
    event = next(e for e in index_of(text).events if e.date.isoformat() == "2020-03-03")
    assert event.text == "… b3 b4 b5 b6 b7 b8 b9 on 3 March 2020 a0 a1 a2 a3 a4 a5 a6 a7 …"


def test_a_resolutions_adoption_is_an_event_at_the_text_itself():
    index = index_of(resolution(20, SEIZED, date="5 December 2022"))
    (event,) = index.events
    assert [(p.anchor, p.label) for p in event.places] == [("", "adopted")]
    assert index.themes == THEMES and index.bodies == BODIES


def test_findings_remembered_are_read_and_found_again_when_what_they_depend_on_changes(tmp_path: Path, monkeypatch):
    texts = [resolution(20, CITING, date="5 December 2022"), resolution(30, "Noting the cyber attacks,\n\n" + SEIZED)]
    collection = Collection(texts, [])
    link_collection(collection)
    digests = {t.slug: t.slug.encode() * 4 for t in texts}
    memo = Memo(tmp_path / "memo.sqlite")
    fresh = build_index(collection, THEMES, BODIES, memo=memo, digests=digests)
    memo.save()

    def found_again(self, document):
        raise AssertionError(f"{document.slug} found again")

    monkeypatch.setattr(Finder, "find", found_again)
    again = build_index(collection, THEMES, BODIES, memo=Memo(tmp_path / "memo.sqlite"), digests=digests)
    assert summary(again) == summary(fresh)
    # Other bodies, other themes, another adoption date: each finds anew.
    later = resolution(30, "Noting the cyber attacks,\n\n" + SEIZED, date="1 January 2023")
    moved = Collection([texts[0], later], [])
    for changed in (
        lambda: build_index(collection, THEMES, BODIES[:1], memo=Memo(tmp_path / "memo.sqlite"), digests=digests),
        lambda: build_index(collection, THEMES[:1], BODIES, memo=Memo(tmp_path / "memo.sqlite"), digests=digests),
        lambda: build_index(moved, THEMES, BODIES, memo=Memo(tmp_path / "memo.sqlite"), digests=digests),
        lambda: build_index(collection, THEMES, BODIES, memo=Memo(tmp_path / "memo.sqlite")),
    ):
        with pytest.raises(AssertionError, match="found again"):
            changed()


def test_a_citation_is_blanked_where_it_stands_after_footnote_calls():
    from build_scripts.annotate.crossindex import _name_pattern, _running_words
    from build_scripts.model import DocumentLink, FootnoteRef, Text, plain_text

    inlines = [
        DocumentLink("77/19", "A/RES/77/19", "https://docs.un.org/en/A/RES/77/19"),
        Text(" and"),
        FootnoteRef(1),
        Text(" resolution "),
        DocumentLink("76/5", "A/RES/76/5", "https://docs.un.org/en/A/RES/76/5"),
        Text(" on 76/5"),
    ]
    text = plain_text(inlines)
    assert _running_words(inlines, text, _name_pattern(BODIES)) == "      and resolution      on 76/5"


def test_the_organ_named_last_before_the_session_is_the_one_even_if_named_earlier_too():
    rows = mandates_of(
        "*Requests* the Commission on Crime Prevention and Criminal Justice to consult the Commission on Narcotic"
        " Drugs and to report to the Commission on Crime Prevention and Criminal Justice at its thirty-first session;"
    )
    assert [(r[5], r[6]) for r in rows] == [("2022", "Commission on Crime Prevention and Criminal Justice")]
