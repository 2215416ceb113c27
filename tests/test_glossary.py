"""The glossary: YAML validation, mentions in the texts, tooltips, and the glossary page."""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.annotate.glossary import (
    Glossary,
    Term,
    TermMarker,
    annotate_collection,
    load_glossary,
    mark_terms,
    variant_pattern,
)
from build_scripts.errors import SourceError

GLOSSARY = ROOT / "source_texts" / "glossary.yml"
RESOLUTIONS = ["a-res-77-20", "a-res-77-237", "a-res-77-241", "a-res-79-136", "a-res-78-229", "a-res-78-223"]
DOCUMENTS = ["interpol-international-day-of-police-cooperation", "interpol-statement-uncops-2022"]


def soup_of(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def entries() -> list[dict]:
    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))


def independent_counts(slug: str) -> Counter[str]:
    """Mentions per term counted on the raw text: variants, longest first, whole words.

    Only the running text counts: the heading of a resolution (up to "The General
    Assembly,"), Markdown headings of the other documents, link texts and artefact lines
    of PDF extractions are left out, as the page leaves them out.
    """
    text = (ROOT / "source_texts" / f"{slug}.txt").read_text(encoding="utf-8")
    if slug.startswith("a-res"):
        text = text.split("The General Assembly,", 1)[1]
    text = re.sub(r"\[[^\]]*\]\(#?\)", " ", text)  # link texts (document symbols)
    text = re.sub(r"^#+ .*$", " ", text, flags=re.M)  # headings
    sidecar = ROOT / "source_texts" / f"{slug}.yml"
    if sidecar.exists():  # headings that a web page lost, listed by the sidecar
        for heading in yaml.safe_load(sidecar.read_text(encoding="utf-8")).get("headings", []):
            text = text.replace(heading, " ")
    text = re.sub(r"(?<=[^\W\d_])(?=\d)", " ", text)  # "Database1": a footnote marker after a word
    text = re.sub(r"(?<=[^\W\d_])-\n(?=[^\W\d_])", "-", text)  # a line-end hyphen in a PDF text
    text = re.sub(r"\s+", " ", text.replace("*", ""))
    return count_whole_words(text, [(v, e["id"]) for e in entries() for v in e["variants"]])


def count_whole_words(text: str, variants: list[tuple[str, str]]) -> Counter[str]:
    """A plain left-to-right scan, written apart from the annotator's regular expression: at
    each word start, the longest variant that ends at a word end is a mention of its term."""
    longest_first = sorted(variants, key=lambda x: -len(x[0]))

    def inside_word(char: str) -> bool:
        return char.isalnum() or char in "_-"

    counts: Counter[str] = Counter()
    i = 0
    while i < len(text):
        if i == 0 or not inside_word(text[i - 1]):
            for variant, term in longest_first:
                end = i + len(variant)
                if text.startswith(variant, i) and (end == len(text) or not inside_word(text[end])):
                    counts[term] += 1
                    i = end
                    break
            else:
                i += 1
        else:
            i += 1
    return counts


def test_the_independent_count_counts_whole_words_longest_first():
    variants = [("I-24/7", "i247"), ("SLTD", "sltd"), ("SLTD database", "sltd-db")]
    text = "SLTD database, SLTDs, I-24/7 and non-SLTD; SLTD."
    assert count_whole_words(text, variants) == Counter({"sltd-db": 1, "i247": 1, "sltd": 1})


def page_counts(site: Path, path: str) -> Counter[str]:
    article = soup_of(site, path).select_one("article")
    for appendix in article.select(".glossary-appendix, .references-panel, .cited-by-panel"):
        appendix.decompose()
    return Counter(a["href"].split("#")[1] for a in article.select("a.term"))


@pytest.mark.parametrize("slug", RESOLUTIONS + DOCUMENTS)
def test_mentions_per_term_match_an_independent_count(site: Path, slug: str):
    path = f"resolutions/{slug}" if slug.startswith("a-res") else f"documents/{slug}"
    assert page_counts(site, path) == independent_counts(slug)


def test_tooltips_carry_the_definition_and_link_to_the_entry(site: Path):
    soup = soup_of(site, "resolutions/a-res-77-20")
    mention = soup.select_one("#op2 a.term[href$='#sltd']")
    assert mention.get_text() == "Stolen and Lost Travel Document Database"
    definition = next(e["definition"] for e in entries() if e["id"] == "sltd")
    assert mention["title"] == " ".join(definition.split())
    assert mention["href"] == "../../glossary/index.html#sltd"


def test_longest_variant_wins(site: Path):
    soup = soup_of(site, "resolutions/a-res-77-20")
    texts = [a.get_text() for a in soup.select("#op17-a a.term")]
    assert texts == ["INTERPOL I-24/7 global police secure communications system"]
    assert [a.get_text() for a in soup.select("#pp8 a.term")] == ["national central bureaux of INTERPOL"]
    assert "Foreign Terrorist Fighter Criminal Analysis File" in [a.get_text() for a in soup.select("#op2 a.term")]
    assert "INTERPOL Virtual Academy" in [a.get_text() for a in soup.select("a.term")]


def test_no_tooltip_in_headings_links_or_the_metadata_block(site: Path):
    for path in [f"resolutions/{s}" for s in RESOLUTIONS] + [f"documents/{s}" for s in DOCUMENTS]:
        soup = soup_of(site, path)
        assert not soup.select("h1 a.term, h2 a.term, h3 a.term, h4 a.term, .doc-meta a.term")
        assert not soup.select("a a.term, a.term a")


def test_footnotes_are_annotated_too():
    from test_parse_resolution import parse

    from build_scripts.model import Collection, TermMention

    r = parse("Noting,¹\n\n¹ Messages travel over I-24/7.\n\n1. *Decides*.\n")
    term = Term("i-24-7", "I-24/7", ("I-24/7",), "communication system", "A network.", "Note.", "u")
    glossary = Glossary([term])
    annotate_collection(Collection([r], []), glossary)
    assert TermMention("I-24/7", "i-24-7") in r.footnotes[0].content
    assert [m.anchor for m in glossary.mentions["i-24-7"]] == ["fn:1"]


def test_glossary_page_lists_every_mention_with_working_anchors(site: Path):
    glossary = soup_of(site, "glossary")
    for entry in entries():
        heading = glossary.select_one(f"h3#{entry['id']}")
        assert heading is not None, entry["id"]
    checked = 0
    for a in glossary.select(".term-meta a[href*='#']"):
        target, anchor = a["href"].split("#")
        page = (site / "glossary" / target).resolve()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        assert soup.find(id=anchor) is not None, a["href"]
        checked += 1
    assert checked > 50
    # "A/RES/77/20, para. 2, 6, 7 ..." for the SLTD database.
    sltd = glossary.select_one("h3#sltd").find_next("div", class_="term-meta").get_text(" ")
    assert "A/RES/77/20" in sltd and "para. 2" in sltd and "para. 7" in sltd


def test_every_entry_is_mentioned_somewhere(site: Path):
    total: Counter[str] = Counter()
    for slug in RESOLUTIONS:
        total += page_counts(site, f"resolutions/{slug}")
    for slug in DOCUMENTS:
        total += page_counts(site, f"documents/{slug}")
    dead = [e["id"] for e in entries() if total[e["id"]] == 0]
    assert not dead


def test_every_capitalised_tool_name_in_77_20_paragraphs_2_to_18_is_covered(site: Path):
    soup = soup_of(site, "resolutions/a-res-77-20")
    tool = re.compile(
        r"(?:INTERPOL |the )?(?:[A-Z][\w/-]*(?: (?:and|of|with|for|[A-Z][\w/-]*))*) "
        r"(?:Database|System|system|Network|Table|File|Files|Group|Diffusions|database|application)\b"
        r"|I-24/7|BioTracker|ID-Art|I-Familia"
    )
    for n in range(2, 19):
        for el in soup.select(f"#op{n}, [id^='op{n}-']"):
            if el["id"] != f"op{n}" and not el["id"].startswith(f"op{n}-"):
                continue
            text = " ".join(el.get_text(" ").split())
            covered = " | ".join(a.get_text() for a in el.select("a.term"))
            for m in tool.finditer(text):
                name = m.group(0).removeprefix("the ").removeprefix("INTERPOL ")
                if name.startswith(("United Nations", "Member States", "Inter-Agency")):
                    continue  # bodies of the United Nations, not INTERPOL's tools
                assert name in covered, f"op{n}: {name!r} has no glossary entry"


ENTRY = "- id: x\n  name: X\n  variants: [X]\n  category: database\n  definition: d\n  note: n\n  url: https://x\n"


@pytest.mark.parametrize(
    ("yaml_text", "line", "message"),
    [
        (ENTRY.replace("  definition: d\n", ""), 1, "entry 'x' has no 'definition'"),
        (
            ENTRY + ENTRY.replace("id: x", "id: y").replace("[X]", "[Y, X]"),
            10,
            "the variant 'X' of 'y' is already a variant of 'x'",
        ),
        (ENTRY.replace("database", "gadget"), 4, "entry 'x' 'category' is 'gadget'; expected one of: database"),
        (ENTRY.replace("  note: n\n", "  note: n\n  colour: red\n"), 7, "entry 'x' has an unknown key 'colour'"),
        (ENTRY + ENTRY.replace("[X]", "[Z]"), 8, "id 'x' is used twice (first at line 1)"),
        (ENTRY.replace("https://x", "x.org"), 7, "entry 'x' 'url' must be an address"),
        (ENTRY + "- id: y\n  name: [", 9, "invalid YAML"),
    ],
)
def test_bad_glossary_entries_are_rejected_at_their_file_and_line(
    tmp_path: Path, yaml_text: str, line: int, message: str
):
    path = tmp_path / "glossary.yml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_glossary(path, "source_texts/glossary.yml")
    assert message in str(info.value)
    assert str(info.value).startswith(f"source_texts/glossary.yml:{line}: ")


# --- term boundaries, generated around each term (no built site: the fast loop) -------------


@functools.cache
def marker():
    return TermMarker.of(load_glossary(GLOSSARY))


BEFORE = ["", "non-", "pre-", "anti-", "x", "the ", "(", "“"]
AFTER = ["", "-based", "-like", "s", "’s", "'s", ".", ",", ")", "”", "x", " and"]
CASES = [str, str.lower, str.upper, str.capitalize]


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_term_is_marked_where_it_stands_as_a_word_and_never_inside_another(data: st.DataObject):
    """A variant is marked where it stands alone (before a possessive or punctuation too),
    never inside a hyphenated compound (``non-BioTracker``, ``BioTracker-based``) or a longer
    word (a plural the glossary does not list), in the case the glossary writes it."""
    from build_scripts.model import TermMention, Text

    m = marker()
    variant = data.draw(st.sampled_from(sorted(m.owner)))
    form = data.draw(st.sampled_from(CASES))(variant)
    before, after = data.draw(st.sampled_from(BEFORE)), data.draw(st.sampled_from(AFTER))
    sentence = f"Recalls that {before}{form}{after} was used."
    marked = mark_terms([Text(sentence)], m.pattern, m.owner)
    assert "".join(i.text for i in marked) == sentence  # nothing lost, nothing added
    position, spans = 0, []
    for item in marked:
        if isinstance(item, TermMention):
            spans.append((position, position + len(item.text)))
            assert item.text in m.owner and item.term == m.owner[item.text]
        position += len(item.text)
    for start, end in spans:  # each mention a whole word: no letter, digit or hyphen beside it
        assert not re.match(r"[\w-]", sentence[start - 1 : start]) and not re.match(r"[\w-]", sentence[end : end + 1])
    start = len("Recalls that ") + len(before)
    glued_before, glued_after = bool(re.search(r"[\w-]$", before)), bool(re.match(r"[\w-]", after))
    if not glued_before and not glued_after and form in m.owner:
        assert any(s <= start and start + len(form) <= e for s, e in spans), sentence
    if glued_before:  # "non-BioTracker": nothing marked from the glued prefix on
        assert not any(s == start for s, e in spans), sentence
    if glued_after:  # "BioTracker-based": the whole form is not marked
        assert not any(e == start + len(form) for s, e in spans), sentence


# --- the module in process: what each function gives, exactly (the fast loop) --------------


def test_an_entry_is_read_field_by_field_with_its_prose_on_one_line(tmp_path: Path):
    path = tmp_path / "glossary.yml"
    path.write_text(
        "- id: sltd\n  name: Stolen and Lost Travel Documents\n  abbreviation: SLTD\n"
        "  variants: [Stolen and Lost Travel Documents database, SLTD]\n  category: database\n"
        "  definition: |\n    Passports   reported\n    stolen.\n  note: >\n    Checked  at\n    borders.\n"
        "  url: https://www.interpol.int/sltd\n" + ENTRY,
        encoding="utf-8",
    )
    glossary = load_glossary(path)
    assert glossary.terms == [
        Term(
            id="sltd",
            name="Stolen and Lost Travel Documents",
            variants=("Stolen and Lost Travel Documents database", "SLTD"),
            category="database",
            definition="Passports reported stolen.",
            note="Checked at borders.",
            url="https://www.interpol.int/sltd",
            abbreviation="SLTD",
        ),
        Term("x", "X", ("X",), "database", "d", "n", "https://x", ""),
    ]
    assert [t.label for t in glossary.terms] == ["Stolen and Lost Travel Documents (SLTD)", "X"]
    assert glossary.mentions == {} and glossary.terms_by_document == {}


def test_no_glossary_file_is_an_empty_glossary_and_an_error_names_the_file_as_given(tmp_path: Path):
    empty = load_glossary(tmp_path / "glossary.yml")
    assert empty.terms == [] and empty.by_id() == {}
    path = tmp_path / "glossary.yml"
    path.write_text(ENTRY + ENTRY.replace("id: x", "id: y"), encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_glossary(path)  # shown as its path when no other name is given
    assert str(info.value).startswith(f"{path}:10: ")


def test_the_pattern_tries_the_longest_variant_first_and_is_none_without_terms():
    assert variant_pattern([]) is None
    terms = [
        Term("a", "A", ("I-24/7", "BioTracker", "SLTD", "IARM"), "database", "d", "n", "u"),
        Term("b", "B", ("I-24/7 network", "Bio"), "database", "d", "n", "u"),
    ]
    pattern = variant_pattern(terms)
    assert pattern is not None
    assert [m.group(0) for m in pattern.finditer("the I-24/7 network and BioTracker, Bio and I-24/7.")] == [
        "I-24/7 network",
        "BioTracker",
        "Bio",
        "I-24/7",
    ]
    # Equal lengths in the order of the words: the same pattern whatever the file's order.
    assert pattern.pattern == variant_pattern(terms[::-1]).pattern  # type: ignore[union-attr]


def test_marking_splits_text_at_mentions_keeps_italics_and_leaves_other_inlines():
    from build_scripts.model import FootnoteRef, TermMention, Text

    m = marker()
    call = FootnoteRef(1)
    inlines = [Text("Notes I-24/7 and I-24/7 here", italic=True), call, Text("BioTracker"), Text("none here")]
    assert mark_terms(inlines, m.pattern, m.owner) == [
        Text("Notes ", True),
        TermMention("I-24/7", "i-24-7", True),
        Text(" and ", True),
        TermMention("I-24/7", "i-24-7", True),
        Text(" here", True),
        call,
        TermMention("BioTracker", "biotracker", False),
        Text("none here"),
    ]
    assert mark_terms(inlines, None, {}) is inlines


def doc_without_terms():
    from test_parse_resolution import parse

    unnamed = parse("Noting the work,\n\n1. *Decides* to act.\n")
    object.__setattr__(unnamed, "slug", "unnamed")
    return unnamed


def test_a_documents_mentions_are_one_per_paragraph_counted_and_indexed_by_term():
    from test_parse_resolution import parse

    from build_scripts.model import Collection

    text = (
        "Noting I-24/7,¹\n\n¹ I-24/7 and SLTD.\n\n"
        "1. *Decides* that I-24/7 and I-24/7 and SLTD;\n\n2. *Notes* SLTD;\n\n3. *Notes* SLTD.\n"
    )
    first, second = parse(text), parse(text.replace("I-24/7", "the network"))
    object.__setattr__(second, "slug", "other")  # two documents of one collection
    i247 = Term("i-24-7", "I-24/7", ("I-24/7",), "communication system", "A network.", "Note.", "u")
    sltd = Term("sltd", "SLTD", ("SLTD",), "database", "A database.", "Note.", "u")
    unused = Term("unused", "Unused", ("Unused",), "database", "d", "n", "u")
    glossary = Glossary([sltd, i247, unused])
    marked = TermMarker.of(glossary).mark(parse(text))
    assert [(term, m.anchor, m.label, m.count) for term, m in marked] == [
        ("i-24-7", "pp1", "preambular para. 1", 1),
        ("i-24-7", "op1", "para. 1", 2),
        ("sltd", "op1", "para. 1", 1),
        ("sltd", "op2", "para. 2", 1),
        ("sltd", "op3", "para. 3", 1),
        ("i-24-7", "fn:1", "footnote 1", 1),
        ("sltd", "fn:1", "footnote 1", 1),
    ]
    annotate_collection(Collection([first, second], []), glossary)
    assert {t: [(m.document.slug, m.anchor, m.count) for m in ms] for t, ms in glossary.mentions.items()} == {
        "sltd": [(first.slug, a, 1) for a in ("op1", "op2", "op3", "fn:1")]
        + [("other", a, 1) for a in ("op1", "op2", "op3", "fn:1")],
        "i-24-7": [(first.slug, "pp1", 1), (first.slug, "op1", 2), (first.slug, "fn:1", 1)],
        "unused": [],
    }
    assert glossary.terms_by_document == {first.slug: {"sltd", "i-24-7"}, "other": {"sltd"}}
    assert glossary.used_in(first) == [sltd, i247] and glossary.used_in(second) == [sltd]
    assert glossary.used_in(doc_without_terms()) == []
    assert glossary.by_id() == {"sltd": sltd, "i-24-7": i247, "unused": unused}


def test_a_term_in_two_items_of_one_list_is_one_mention_counted_twice_and_keeps_its_label():
    from test_parse_document import doc

    page = doc("Tools used, including:\u00a0SLTD checks;\u00a0SLTD alerts;\u00a0other work.\n\nThen SLTD.")
    sltd = Term("sltd", "SLTD", ("SLTD",), "database", "A database.", "Note.", "u")
    marked = TermMarker.of(Glossary([sltd])).mark(page)
    assert [(term, m.anchor, m.label, m.count) for term, m in marked] == [
        ("sltd", "p2", "para. 2", 2),
        ("sltd", "p3", "para. 3", 1),
    ]
    assert all(m.document is page for _, m in marked)
