"""The series module's rules in process, on small texts made for them: how texts group into
series, how a paragraph's words are compared, and what each later text did to each
paragraph (the fast loop; the built pages are tested in tests/test_series.py)."""

from __future__ import annotations

import dataclasses

import pytest
from test_parse_resolution import HEADER, source

from build_scripts.annotate.series import (
    ALIGNED_THRESHOLD,
    OPENING,
    Series,
    Token,
    _aligned,
    _similarity,
    _words,
    compare,
    find_series,
    histories,
    normalise_title,
    pairings,
    series_and_comparisons,
    series_id,
    summaries,
    tokens,
    word_diff,
)
from build_scripts.memo import Memo, digest
from build_scripts.model import Collection, DocumentLink, FootnoteRef, PreambularParagraph, TermMention, Text
from build_scripts.parse.resolution import parse_resolution
from build_scripts.parse.sources import Sidecar

TITLE = "Cooperation between the United Nations and INTERPOL"


def resolution(number: int, body: str, title: str = TITLE, date: str = "21 November 2022", summary: str = ""):
    text = HEADER.replace(f"77/20. {TITLE}", f"77/{number}. {title}").replace("on 21 November 2022", f"on {date}")
    made = source(text + body, f"a-res-77-{number}.txt")
    if summary:
        made = dataclasses.replace(made, sidecar=Sidecar(unusual_ending=True, summary=summary))
    return parse_resolution(made)


def test_a_title_is_compared_by_its_letters_and_digits_alone():
    assert (
        normalise_title("Crime prevention — and: criminal justice (2030)!")
        == "crime prevention and criminal justice 2030"
    )
    assert normalise_title("  Cooperation between the United Nations and INTERPOL ") == TITLE.lower()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # 9, 19, 29, 39, 49 characters, then a word that makes exactly 60: kept; then no more.
        (["abcdefghi"] * 5 + ["abcdefghij", "x"], "-".join(["abcdefghi"] * 5 + ["abcdefghij"])),
        # A word that would make 61 stops the id, though a shorter one follows.
        (["abcdefghi"] * 5 + ["abcdefghijk", "x"], "-".join(["abcdefghi"] * 5)),
        (["Cooperation", "of", "Police"], "cooperation-of-police"),
    ],
)
def test_a_series_id_is_the_titles_words_up_to_sixty_characters(words: list[str], expected: str):
    assert series_id(" ".join(words)) == expected
    assert len(series_id(" ".join(words))) <= 60


BODY = "Noting the work,\n\n1. *Decides* to act.\n"


def test_texts_group_by_title_or_by_the_editors_list_each_series_in_order_of_date():
    first = resolution(11, BODY, date="1 December 2021")
    second = resolution(12, BODY, title=TITLE.upper() + ".", date="2 December 2022")
    third = resolution(13, BODY, date="2 December 2022")  # the same day: by symbol, after 77/12
    alone = resolution(14, BODY, title="Another subject")
    renamed_a = resolution(21, BODY, title="Old name of a subject", date="3 March 2023")
    renamed_b = resolution(22, BODY, title="New name of a subject", date="1 March 2023")
    listed_alone = resolution(23, BODY, title="Listed alone")
    listed_alone_too = resolution(24, BODY, title="Listed alone")
    texts = [third, alone, second, renamed_a, first, renamed_b, listed_alone, listed_alone_too]
    overrides = [
        {"members": ["a-res-77-21", "a-res-77-22", "a-res-99-1"]},  # no id, no title; one not in the edition
        {"id": "given", "title": "A title given", "members": ["a-res-77-23", "a-res-77-99"]},  # one text only
    ]
    found = find_series(texts, overrides)
    assert [(s.id, s.title, [m.slug for m in s.members]) for s in found] == [
        ("cooperation-between-the-united-nations-and-interpol", TITLE, ["a-res-77-11", "a-res-77-12", "a-res-77-13"]),
        ("old-name-of-a-subject", "Old name of a subject", ["a-res-77-22", "a-res-77-21"]),
    ]
    # 77/23 is listed by the editors (a series of one: none), so it is not grouped with 77/24.
    assert all("a-res-77-24" not in [m.slug for m in s.members] for s in found)
    given = find_series(texts, [{"id": "given", "title": "A title given", "members": ["a-res-77-21", "a-res-77-22"]}])
    assert [(s.id, s.title) for s in given] == [
        ("cooperation-between-the-united-nations-and-interpol", TITLE),
        ("given", "A title given"),
        ("listed-alone", "Listed alone"),
    ]
    untitled = find_series(texts, [{"id": "by-id", "members": ["a-res-77-22", "a-res-77-21"]}])
    assert ("by-id", "Old name of a subject") in [(s.id, s.title) for s in untitled]  # the latest member's title
    titled = find_series(texts, [{"title": "Police work", "members": ["a-res-77-22", "a-res-77-21"]}])
    assert ("police-work", "Police work") in [(s.id, s.title) for s in titled]  # an id from the title given


def test_each_member_knows_the_texts_before_and_after_it():
    members = [resolution(n, BODY) for n in (11, 12, 13)]
    series = Series("s", "S", members)
    assert series.neighbours(members[0]) == (None, members[1])
    assert series.neighbours(members[1]) == (members[0], members[2])
    assert series.neighbours(members[2]) == (members[1], None)
    assert Series("t", "T", members[:1]).neighbours(members[0]) == (None, None)


def test_a_paragraph_is_compared_word_by_word_with_its_calls_links_and_terms():
    link = DocumentLink("77/20", "A/RES/77/20", "resolutions/a-res-77-20/index.md")
    term = TermMention("I-24/7", "i-24-7")
    inlines = [Text("Calls  upon", True), FootnoteRef(1), Text(" States "), link, term, Text("now.")]
    assert tokens(inlines) == [
        Token("Calls", Text("Calls", True), False),
        Token("upon", Text("upon", True), True),
        Token("", FootnoteRef(1), False),
        Token("States", Text("States"), True),
        Token("77/20", link, True),
        Token("I-24/7", term, False),
        Token("now.", Text("now."), False),
    ]


def test_a_word_diff_keeps_the_new_words_and_marks_what_went_and_came():
    old = resolution(11, "Noting,\n\n1. *Calls upon* States’ police to act.\n").operative[0]
    new = resolution(12, "Noting,\n\n1. *Calls upon* all States' police to act now.\n").operative[0]
    diff = [(op, [t.text for t in run]) for op, run in word_diff(old, new)]
    assert diff == [
        ("equal", ["Calls", "upon"]),
        ("insert", ["all"]),
        ("equal", ["States'", "police", "to"]),  # the apostrophe's typography is not a change
        ("delete", ["act."]),
        ("insert", ["act", "now."]),
    ]
    equal = word_diff(old, new)[0][1]
    assert all(t.inline.italic for t in equal)  # the new text's own words, emphasis and all


SERIES_BODIES = [
    "Noting the work of the police,\n\n"
    "1. *Decides* to hold a day of police cooperation each year;\n\n"
    "2. *Invites* States to share data on stolen travel documents with one another;\n\n"
    "3. *Requests* a report on the day at its next session.\n",
    "Noting the work of the police,\n\n"
    "1. *Decides* to hold a day of police cooperation each year;\n\n"
    "2. *Invites* States to share data on stolen travel documents with one another quickly;\n\n"
    "3. *Encourages* the training of officers in the use of secure networks;\n",
    "Noting the work of the police,\n\n"
    "1. *Invites* States to share data on stolen travel documents with one another quickly and safely;\n\n"
    "2. *Decides* to hold a day of police cooperation each year;\n",
]


def series_of_three(summary: str = ""):
    texts = [
        resolution(11, SERIES_BODIES[0], date="1 December 2020"),
        resolution(12, SERIES_BODIES[1], date="1 December 2021"),
        resolution(13, SERIES_BODIES[2], date="1 December 2022", summary=summary),
    ]
    series, comparisons = series_and_comparisons(Collection(texts, []), [])
    return texts, series, comparisons


def test_every_paragraph_has_the_history_of_what_each_text_did_to_it():
    _, series, comparisons = series_of_three()
    assert [m.slug for m in series[0].members] == ["a-res-77-11", "a-res-77-12", "a-res-77-13"]
    assert sorted(comparisons) == ["a-res-77-12", "a-res-77-13"]
    found = histories(series, comparisons)

    def steps(slug: str, anchor: str) -> list[tuple[str, str, str]]:
        return [(s.resolution.slug[-2:], s.anchor, s.kind) for s in found[(slug, anchor)]]

    assert steps("a-res-77-11", "op1") == [("11", "op1", "first"), ("12", "op1", "unchanged"), ("13", "op2", "moved")]
    assert steps("a-res-77-13", "op1") == [("11", "op2", "first"), ("12", "op2", "changed"), ("13", "op1", "changed")]
    assert steps("a-res-77-11", "op3") == [("11", "op3", "first"), ("12", "op3", "dropped")]
    assert steps("a-res-77-12", "op3") == [("12", "op3", "first"), ("13", "op3", "dropped")]
    assert steps("a-res-77-13", "pp1") == [
        ("11", "pp1", "first"),
        ("12", "pp1", "unchanged"),
        ("13", "pp1", "unchanged"),
    ]
    # The paragraphs of one chain share one history.
    assert found[("a-res-77-11", "op2")] is found[("a-res-77-13", "op1")]


def test_a_later_text_is_summed_up_by_its_first_new_paragraph_else_its_first_changed_one():
    texts, _, comparisons = series_of_three()
    assert summaries(texts, comparisons, words=6) == {
        "a-res-77-12": "New in 77/12 (para. 3): Encourages the training of officers in…",
        "a-res-77-13": "Changed in 77/13 (para. 1): Invites States to share data on…",
    }
    texts, _, comparisons = series_of_three(summary="The editors' own summary.")
    assert "a-res-77-13" not in summaries(texts, comparisons)  # an editorial summary stays


def test_two_paragraphs_are_alike_by_their_words_in_order_and_only_if_they_open_alike():
    from build_scripts.annotate.series import OPENING, _similarity, _typography

    words = [f"w{i}" for i in range(80)]
    assert _similarity([], words) == 0.0 and _similarity(words, []) == 0.0
    assert _similarity(words, words) == 1.0
    # A paragraph that gained words keeps its own: 0.9 of the shorter's words, in order.
    assert _similarity(words[:60], words) == pytest.approx(0.9)
    assert _similarity(words, words[:60]) == pytest.approx(0.9)
    # Less than a quarter of the other: never the same paragraph; a quarter exactly may be.
    assert _similarity(words[:20], words) == pytest.approx(0.9)
    assert _similarity(words[:19], words[:77]) == 0.0
    # Other opening words (a quarter of the first OPENING changed): two paragraphs.
    reopened = [f"x{i}" if i < OPENING // 4 + 1 else w for i, w in enumerate(words)]
    assert _similarity(reopened, words) == 0.0
    kept = [f"x{i}" if i < 2 else w for i, w in enumerate(words)]
    assert _similarity(kept, words) == pytest.approx(max(156 / 160, 78 / 80 * 0.9))
    # Typography's table from Unicode's classes: dashes and the minus sign, quotes, spaces.
    table = _typography()
    assert {chr(c) for c, v in table.items() if v == "-"} >= {"-", "\u2010", "\u2013", "\u2014", "\u2212"}
    quotes = {"'", '"', "\u2018", "\u2019", "\u201c", "\u2032", "\u02bc"}
    assert {chr(c) for c, v in table.items() if v == "'"} >= quotes
    assert {chr(c) for c, v in table.items() if v == " "} >= {" ", "\u00a0", "\u2009", "\u202f", "\u3000"}
    assert not {"a", "1", ".", "_", "\u00ad"} & {chr(c) for c in table}
    assert set(table.values()) == {"-", "'", " "}


def test_paragraphs_left_unpaired_are_aligned_in_the_order_of_both_texts():
    """The global alignment pairs rewritten paragraphs in their places; of two that cross,
    it keeps one; paragraphs already paired, and paragraphs alike in nothing, stay out. The
    pairs come last first (read back from the end of both texts)."""
    from build_scripts.annotate.series import _aligned, _similarity

    def paragraph(tag: str) -> list[str]:
        return [f"{tag}{i}" for i in range(30)]

    def rewritten(words: list[str]) -> list[str]:
        return words[:-6] + [f"new{i}" for i in range(6)]

    a, b, c = paragraph("a"), paragraph("b"), paragraph("c")
    old = [a, b, c]
    new = [rewritten(a), paragraph("x"), rewritten(c)]
    alike = _similarity(new[0], a)
    assert alike == pytest.approx(0.8)
    assert _aligned(new, old, {}, set()) == [(2, 2, alike), (0, 0, alike)]
    assert _aligned(new, old, {0: (0, 1.0)}, {0}) == [(2, 2, alike)]
    assert _aligned(new, old, {0: (1, 1.0)}, {2}) == []
    assert _aligned(new, old, {0: (0, 1.0), 1: (1, 1.0), 2: (2, 1.0)}, {0, 1, 2}) == []
    assert _aligned([rewritten(c), rewritten(a)], [a, c], {}, set()) == [(0, 1, alike)]
    assert _aligned([paragraph("x"), paragraph("y")], [a, b], {}, set()) == []
    # Two alignments as good: the one that keeps the newer text's earlier paragraph.
    assert _aligned([rewritten(b), rewritten(a), rewritten(c)], [a, b, c], {}, set()) == [
        (2, 2, alike),
        (0, 1, alike),
    ]


# --- pairings on paragraphs made of word lists ---------------------------------------------


def preamble(*paragraphs: list[str]) -> list[PreambularParagraph]:
    return [PreambularParagraph(n, [Text(" ".join(words))], n) for n, words in enumerate(paragraphs, 1)]


def words_of(tag: str, n: int = 30) -> list[str]:
    return [f"{tag}{i}" for i in range(n)]


def test_a_paragraph_found_word_for_word_pairs_with_the_nearest_of_its_copies():
    a, b, c = words_of("a"), words_of("b"), words_of("c")
    found = pairings(preamble(b, c, a), preamble(a, b, a))
    assert found == [
        ("unchanged", 0, 1, 1.0, False, "pp1", "pp2", False),
        ("new", 1, None, 0.0, False, "pp2", None, False),
        ("unchanged", 2, 2, 1.0, False, "pp3", "pp3", False),  # pp3, not the farther pp1
        ("dropped", None, 0, 0.0, False, None, "pp1", False),
    ]


def test_paragraphs_that_cross_are_both_paired_and_the_one_out_of_order_has_moved():
    a, c = words_of("a"), words_of("c")
    rewritten_a, rewritten_c = a[:-6] + words_of("new", 6), c[:-6] + words_of("new", 6)
    found = pairings(preamble(rewritten_c, rewritten_a), preamble(a, c))
    assert found == [
        ("changed", 0, 1, pytest.approx(0.8), False, "pp1", "pp2", False),
        ("changed", 1, 0, pytest.approx(0.8), False, "pp2", "pp1", True),
    ]


# Two paragraphs of 50 words that share their first 20: alike exactly at the threshold
# (0.4), which the alignment leaves (it pairs above it) and the last pass takes.
OPENING_20 = words_of("o", 20)
AT_THRESHOLD_OLD = OPENING_20 + words_of("p", 30)
AT_THRESHOLD_NEW = OPENING_20 + words_of("q", 30)


def test_paragraphs_alike_exactly_at_the_threshold_are_paired_by_the_last_pass():
    assert _similarity(AT_THRESHOLD_NEW, AT_THRESHOLD_OLD) == ALIGNED_THRESHOLD
    assert _aligned([AT_THRESHOLD_NEW], [AT_THRESHOLD_OLD], {}, set()) == []
    assert pairings(preamble(AT_THRESHOLD_NEW), preamble(AT_THRESHOLD_OLD)) == [
        ("changed", 0, 0, ALIGNED_THRESHOLD, False, "pp1", "pp1", False)
    ]
    # Two candidates for one paragraph, as alike: the nearer one has it.
    other = OPENING_20 + words_of("r", 30)
    assert pairings(preamble(AT_THRESHOLD_NEW, other), preamble(AT_THRESHOLD_OLD)) == [
        ("changed", 0, 0, ALIGNED_THRESHOLD, False, "pp1", "pp1", False),
        ("new", 1, None, 0.0, False, "pp2", None, False),
    ]
    assert pairings(preamble(other, AT_THRESHOLD_NEW), preamble(words_of("z"), AT_THRESHOLD_OLD)) == [
        ("new", 0, None, 0.0, False, "pp1", None, False),
        ("changed", 1, 1, ALIGNED_THRESHOLD, False, "pp2", "pp2", False),
        ("dropped", None, 0, 0.0, False, None, "pp1", False),
    ]


def test_a_word_repeated_in_a_long_paragraph_counts_like_any_other():
    """difflib's "autojunk" would ignore a word that fills more than 1 % of a paragraph of
    200 words or more: a long paragraph of repeated words would look rewritten."""
    old = OPENING_20 + ["p"] + ["the"] * 200
    new = OPENING_20 + ["q"] + ["the"] * 200
    alike = 2 * 220 / 442
    assert _similarity(new, old) == pytest.approx(alike)
    # Crossing two pairs that the alignment prefers, so that the last pass pairs them.
    a, b = words_of("a"), words_of("b")
    rewritten_a, rewritten_b = a[:-6] + words_of("new", 6), b[:-6] + words_of("new", 6)
    found = pairings(preamble(new, rewritten_a, rewritten_b), preamble(a, b, old))
    assert [(kind, i, j, moved) for kind, i, j, _, _, _, _, moved in found] == [
        ("changed", 0, 2, True),
        ("changed", 1, 0, False),
        ("changed", 2, 1, False),
    ]
    assert found[0][3] == pytest.approx(alike)


def test_an_opening_three_quarters_alike_is_the_same_opening():
    words = words_of("w", 80)
    reopened = [f"x{i}" if i < OPENING // 4 else w for i, w in enumerate(words)]  # 5 of 20 changed
    assert _similarity(reopened, words) == pytest.approx(max(150 / 160, 75 / 80 * 0.9))


def test_the_alignment_takes_consecutive_pairs_on_the_diagonal():
    a, b = words_of("a"), words_of("b")
    rewritten = [w[:-6] + words_of("new", 6) for w in (a, b)]
    assert _aligned(rewritten, [a, b], {}, set()) == [(1, 1, pytest.approx(0.8)), (0, 0, pytest.approx(0.8))]
    # Alike exactly at the threshold: not aligned.
    assert _aligned([AT_THRESHOLD_NEW, rewritten[1]], [AT_THRESHOLD_OLD, b], {}, set()) == [(1, 1, pytest.approx(0.8))]


def test_changes_name_both_paragraphs_their_places_and_their_likeness():
    older = resolution(11, SERIES_BODIES[0])
    newer = resolution(12, SERIES_BODIES[1])
    comparison = compare(older, newer)
    assert comparison.older is older and comparison.newer is newer
    op2 = comparison.operative[1]
    assert (op2.kind, op2.new_at, op2.old_at, op2.new_anchor, op2.old_anchor) == ("changed", 1, 1, "op2", "op2")
    assert op2.newer is newer and op2.older is older and op2.part == "operative"
    assert op2.similarity == pytest.approx(_similarity(_words(newer.operative[1]), _words(older.operative[1])))
    assert op2.similarity == pytest.approx(2 * 11 / 25)  # "another;" became "another quickly;"
    assert [(c.kind, c.new_at, c.old_at, c.similarity) for c in comparison.preamble] == [("unchanged", 0, 0, 1.0)]


def test_the_pairings_of_two_texts_are_remembered_by_the_digests_of_both():
    texts = [resolution(11, SERIES_BODIES[0], date="1 December 2020"), resolution(12, SERIES_BODIES[1])]
    digests = {"a-res-77-11": b"eleven", "a-res-77-12": b"twelve"}
    memo = Memo(None)
    _, comparisons = series_and_comparisons(Collection(texts, []), [], memo=memo, digests=digests)
    key = digest("pairings", b"eleven", b"twelve")
    assert memo.keys() == [key]
    assert memo.get(key) == (
        pairings(texts[1].preamble, texts[0].preamble),
        pairings(texts[1].operative, texts[0].operative),
    )
    # What is remembered is read, not found again.
    remembered_pairings = ([("new", 0, None, 0.0, False, "pp1", None, False)], [])
    memo.put(key, remembered_pairings)
    _, again = series_and_comparisons(Collection(texts, []), [], memo=memo, digests=digests)
    assert [(c.kind, c.new_anchor) for c in again["a-res-77-12"].preamble] == [("new", "pp1")]
    assert again["a-res-77-12"].operative == []
    assert comparisons["a-res-77-12"].operative != []


def test_a_summary_opens_with_twenty_words_and_skips_a_text_with_nothing_new():
    long = " ".join(f"word{i}" for i in range(30))
    bodies = [
        "Noting the work,\n\n1. *Decides* to act.\n",
        "Noting the work,\n\n1. *Decides* to act.\n",  # nothing new or changed
        f"Noting the work,\n\n1. *Decides* to act.\n\n2. *Invites* {long}.\n",
    ]
    dates = ["1 December 2020", "1 December 2021", "1 December 2022"]
    texts = [resolution(11 + n, body, date=date) for n, (body, date) in enumerate(zip(bodies, dates, strict=True))]
    _, comparisons = series_and_comparisons(Collection(texts, []), [])
    expected = " ".join(["Invites", *long.split()[:19]])
    assert summaries(texts, comparisons) == {"a-res-77-13": f"New in 77/13 (para. 2): {expected}…"}


def test_a_paragraphs_words_run_across_its_inlines_and_its_continuation():
    from build_scripts.model import OperativeParagraph, Subparagraph

    half_italic = PreambularParagraph(1, [Text("Noting the co", True), Text("operation of States")], 1)
    assert _words(half_italic) == ["Noting", "the", "cooperation", "of", "States"]
    sub = Subparagraph("a", "op1-a", "para_1__list_1__point_a", [Text("to share data;")], 2)
    op = OperativeParagraph(1, "Decides", [Text("to act:")], 1, [sub], [[Text("all within a year.")]])
    assert _words(op) == ["Decides", "to", "act:", "(a)", "to", "share", "data;", "all", "within", "a", "year."]


def test_a_double_prime_is_a_quote_and_a_series_takes_its_latest_members_title():
    from build_scripts.annotate.series import same_word

    assert same_word("\u2033Police\u2033") == same_word('"Police"') == "'Police'"
    texts = [
        resolution(31, BODY, title="Police cooperation", date="1 March 2021"),
        resolution(32, BODY, title="Police Cooperation", date="1 March 2022"),
        resolution(33, BODY, title="POLICE COOPERATION!", date="1 March 2023"),
    ]
    (found,) = find_series(texts, [])
    assert (found.id, found.title) == ("police-cooperation", "POLICE COOPERATION!")
    (listed,) = find_series(texts, [{"members": ["a-res-77-31", "a-res-77-33", "a-res-77-32"]}])
    assert listed.title == "POLICE COOPERATION!"


def test_the_editors_series_file_is_read_and_its_errors_name_it_as_shown(tmp_path):
    from build_scripts.annotate.series import load_overrides
    from build_scripts.errors import SourceError

    path = tmp_path / "series.yml"
    assert load_overrides(path, "source_texts/series.yml") == []  # no file: no list
    path.write_text("- id: police\n  members: [a-res-77-11, a-res-77-12]\n", encoding="utf-8")
    assert load_overrides(path, "source_texts/series.yml") == [
        {"id": "police", "members": ["a-res-77-11", "a-res-77-12"]}
    ]
    path.write_text("- id: police\n  members: 12\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_overrides(path, "source_texts/series.yml")
    assert str(raised.value).startswith("source_texts/series.yml:2")
