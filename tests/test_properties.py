"""Property-based tests (Hypothesis) of the rules that claim generality: examples the
samples never show are tried on every run, within a fixed budget (derandomized: the same
examples each run, so a failure can be reproduced)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from test_layout_pymupdf import MASTHEAD as PDF_MASTHEAD  # a PyMuPDF masthead, trailing spaces and all

from build_scripts import conventions
from build_scripts.annotate.links import LinkContext, link_inlines
from build_scripts.annotate.series import word_diff
from build_scripts.model import DocumentLink, FootnoteRef, OperativeParagraph, Text
from build_scripts.parse.resolution import parse_resolution
from build_scripts.parse.sources import Sidecar, SourceText

BUDGET = settings(max_examples=60, deadline=None, derandomize=True)
MONTHS = conventions.MONTHS
dates = st.dates(min_value=dt.date(1946, 1, 1), max_value=dt.date(2040, 12, 31))


def linked(text: str, session: int = 80) -> list[str]:
    return [i.href for i in link_inlines([Text(text)], LinkContext(session, {})) if isinstance(i, DocumentLink)]


@BUDGET
@given(
    session=st.integers(1, 95),
    number=st.integers(1, 350),
    offset=st.integers(-1, 2),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
)
def test_a_resolution_of_a_session_is_linked_only_with_a_date_of_its_two_years(session, number, offset, month, day):
    """ "resolution 71/291 of 15 June 2017": a session opens in September 1945 + n and its
    resolutions are adopted up to the next September, so years 1945 + n and 1946 + n
    qualify (stated here, not taken from the code)."""
    year = 1945 + session + offset
    text = f"Recalling its resolution {session}/{number} of {day} {MONTHS[month - 1]} {year},"
    expected = [f"https://docs.un.org/en/A/RES/{session}/{number}"] if offset in (0, 1) else []
    assert linked(text) == expected


@BUDGET
@given(year=st.integers(1946, 2040), number=st.integers(1, 60), date=dates)
def test_an_economic_and_social_council_resolution_is_linked_only_with_its_own_year(year, number, date):
    text = f"Economic and Social Council resolution {year}/{number} of {date.day} {MONTHS[date.month - 1]} {date.year},"
    expected = [f"https://docs.un.org/en/E/RES/{year}/{number}"] if date.year == year else []
    assert linked(text) == expected


@BUDGET
@given(
    organ=st.sampled_from(["A", "E", "S", "A/RES", "CTOC/COP", "E/CN.15"]),
    session=st.integers(1, 99),
    number=st.integers(1, 999),
    suffix=st.sampled_from(["", "/Add.1", "/Corr.2", "/Rev.1"]),
)
def test_a_full_symbol_is_linked_verbatim(organ, session, number, suffix):
    symbol = f"{organ}/{session}/{number}{suffix}"
    assert linked(f"See the report ({symbol}), chap. I.") == [f"https://docs.un.org/en/{symbol}"]


@BUDGET
@given(
    number=st.integers(1, 150),
    labels=st.lists(st.sampled_from("abcdefgh"), max_size=1),
    romans=st.lists(st.sampled_from(["i", "ii", "iii", "iv", "v"]), max_size=1),
)
def test_anchors_and_akoma_ntoso_ids_go_both_ways(number, labels, romans):
    anchor = "op" + str(number) + "".join(f"-{x}" for x in labels + (romans if labels else []))
    eid = conventions.eid_for_anchor(anchor)
    assert conventions.anchor_for_eid(eid) == anchor
    assert eid.startswith(f"para_{number}") and eid.count("__list_1__point_") == anchor.count("-")


VOCABULARY = "the United Nations INTERPOL cooperation of and in crime police, data;".split()
words = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=30)


@BUDGET
@given(old=words, new=words)
def test_a_word_diff_applied_to_the_old_text_gives_the_new_one(old, new):
    older = OperativeParagraph(1, "", [Text(" ".join(old))], 1)
    newer = OperativeParagraph(1, "", [Text(" ".join(new))], 1)
    diff = word_diff(older, newer)
    assert [t.text for op, tokens in diff if op != "delete" for t in tokens] == new
    assert [t.text for op, tokens in diff if op != "insert" for t in tokens] == old


HEADER = "77/20. A title\n\nThe General Assembly,\n\n"
END = "\n\n*39th plenary meeting*\n*21 November 2022*\n"
sentence = st.lists(
    st.sampled_from("States agencies Member information the cooperation police".split()), min_size=3, max_size=12
)


@BUDGET
@given(before=sentence, after=sentence, capital=st.booleans())
def test_a_page_break_after_a_comma_inside_an_operative_paragraph_is_joined(before, after, capital):
    """An operative paragraph closes with ";", ":" or ".": a block that ends with a comma
    continues in the next one, whatever its first letter (a capital is the case that no
    other rule joins)."""
    tail = " ".join(after)
    tail = tail[0].upper() + tail[1:] if capital else tail[0].lower() + tail[1:]
    text = HEADER + "Noting,\n\n1. *Decides* " + " ".join(before) + ",\n\n" + tail + ";\n\n2. *Requests* more." + END
    r = parse_resolution(SourceText("source_texts/x.txt", "x", text, Sidecar()))
    assert len(r.operative) == 2
    assert r.operative[0].content[0].text.endswith(tail + ";")  # type: ignore[union-attr]


# --- footnote markers in a PDF extraction: the call goes right after its word ---------------

plain_words = st.lists(
    st.sampled_from("agencies information the cooperation police networks training databases".split()),
    min_size=2,
    max_size=8,
)


@BUDGET
@given(
    before=plain_words,
    after=plain_words,
    punctuation=st.sampled_from(["", ","]),
    form=st.sampled_from(["glued", "spaced", "line start", "next line"]),
)
def test_a_footnote_marker_is_called_right_after_its_word(before, after, punctuation, form):
    """Wherever PyMuPDF left the marker (glued to the word, set off by spaces, alone at the
    start of the next line), the call follows the word it belongs to, and the text goes on
    after it with a space."""
    word = before[-1] + punctuation
    head = " ".join([*before[:-1], word])
    rest = " ".join(after)
    line = {
        "glued": f"{head}1 {rest}, \n",
        "spaced": f"{head} 1  {rest}, \n",
        "line start": f"{head}\n1  {rest}, \n",
        "next line": f"{head} \n1  {rest}, \n",
    }[form]
    body = f"Recalling the {line} \n1. \nDecides to act. \n__________________ \n \n1  See A/RES/60/288. \n"
    text = PDF_MASTHEAD + body
    r = parse_resolution(
        SourceText("source_texts/a-res-79-136.txt", "a-res-79-136", text, Sidecar(unusual_ending=True))
    )
    content = r.preamble[0].content
    calls = [i for i, item in enumerate(content) if isinstance(item, FootnoteRef)]
    assert len(calls) == 1
    before_call, after_call = content[calls[0] - 1], content[calls[0] + 1]
    assert isinstance(before_call, Text) and before_call.text.endswith(" " + word)
    assert isinstance(after_call, Text) and after_call.text.startswith(" " + rest)
