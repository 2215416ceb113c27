"""Series of resolutions and the changes from one to the next."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.annotate.series import find_series
from build_scripts.parse.sources import discover
from build_scripts.site.pipeline import load_edition


def soup_of(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def test_the_interpol_series_links_both_ways(site: Path, collection):
    series = next(s for s in collection.series if "International Criminal Police" in s.title)
    expected = ["A/RES/71/19", "A/RES/73/11", "A/RES/75/10", "A/RES/77/20", "A/RES/79/136"]
    assert [r.meta.symbol for r in series.members] == expected
    older = soup_of(site, "resolutions/a-res-77-20").select_one(".doc-meta")
    newer = soup_of(site, "resolutions/a-res-79-136").select_one(".doc-meta")
    assert older.select_one("a[href='../a-res-79-136/index.html']").get_text() == "A/RES/79/136"
    assert newer.select_one("a[href='../a-res-77-20/index.html']").get_text() == "A/RES/77/20"
    assert newer.select_one("a[href='changes/index.html']")
    page = soup_of(site, f"series/{series.id}")
    rows = page.select("article table tbody tr")
    assert [r.select_one("a").get_text() for r in rows] == expected
    assert "25" in rows[-1].get_text() and "29" in rows[-1].get_text()


def test_series_form_by_title_alone_or_by_series_yml(collection):
    members = {tuple(r.meta.symbol for r in s.members) for s in collection.series}
    # Same title, a year apart: the crime programme, 2019 to 2023.
    assert ("A/RES/74/177", "A/RES/75/196", "A/RES/76/187", "A/RES/77/237", "A/RES/78/229") in members
    # 76/181 has another title: grouped with its follow-ups by source_texts/series.yml.
    assert ("A/RES/76/181", "A/RES/77/231", "A/RES/78/223") in members


def test_every_step_of_every_series_has_its_changes_page(site: Path, collection):
    steps = [(s, newer) for s in collection.series for newer in s.members[1:]]
    assert len(steps) == 4 + 4 + 2
    for series, newer in steps:
        changes = soup_of(site, f"resolutions/{newer.slug}/changes")
        previous = series.members[series.members.index(newer) - 1]
        assert previous.meta.symbol in changes.select_one("h1").get_text(), newer.slug


def test_every_paragraph_is_classified_and_the_counts_add_up(collection):
    for comparison in collection.comparisons.values():
        for part, new, old in [
            ("preamble", comparison.newer.preamble, comparison.older.preamble),
            ("operative", comparison.newer.operative, comparison.older.operative),
        ]:
            counts = comparison.counts(part)
            assert counts["new"] + counts["changed"] + counts["unchanged"] == len(new)
            assert counts["dropped"] + counts["changed"] + counts["unchanged"] == len(old)
        for p in [*comparison.newer.preamble, *comparison.newer.operative]:
            assert comparison.change_for(p.anchor) is not None, p.anchor


def test_a_paragraph_that_only_moved_is_not_changed(collection):
    comparison = collection.comparisons["a-res-79-136"]
    change = comparison.change_for("op5")  # 77/20 OP3 (Department of Peace Operations), renumbered
    assert (change.kind, change.old.anchor) == ("unchanged", "op3")
    change = comparison.change_for("op17")  # 77/20 OP13 (BioTracker)
    assert (change.kind, change.old.anchor) == ("unchanged", "op13")
    assert comparison.counts("operative") == {"unchanged": 13, "changed": 6, "new": 6, "dropped": 1}


def test_known_changes_show_the_right_words(site: Path):
    page = soup_of(site, "resolutions/a-res-79-136/changes")
    # Screen readers hear what changed; it is not marked by colour alone.
    assert page.select_one("#op2 ins .visually-hidden").get_text() == "[inserted:] "

    def words(selector: str) -> list[str]:
        out = []
        for element in page.select(selector):
            for hidden in element.select(".visually-hidden"):
                hidden.decompose()
            out.append(" ".join(element.get_text(" ").split()))
        return out

    # OP2 (77/20 OP2): the analysis file was renamed.
    assert words("#op2 del") == ["Foreign Terrorist Fighter Criminal Analysis File"]
    assert words("#op2 ins") == ["Counter-Terrorism Criminal Analysis File"]
    # OP19 (77/20 OP15): I-GRIP named, "calls on" -> "calls upon", access extended to more databases.
    assert "INTERPOL global stop-payment mechanism" in words("#op19 del")
    assert "INTERPOL Global Rapid Intervention of Payments mechanism" in words("#op19 ins")
    assert "on" in words("#op19 del") and "upon" in words("#op19 ins")
    assert "I-24/7" in words("#op19 del")
    assert "the Stolen and Lost Travel Document Database and the Nominal Database" in words("#op19 ins")
    # The dropped paragraph (77/20 OP12, COVID-19) is shown as deleted, linked to the old text.
    dropped = page.select_one("#dropped-op12")
    assert "COVID-19" in dropped.get_text()
    assert dropped.select_one("a[href='../../a-res-77-20/index.html#op12']")


def test_changes_page_links_both_versions_and_keeps_footnotes(site: Path):
    page = soup_of(site, "resolutions/a-res-79-136/changes")
    head = page.select_one("#op19 .change-head")
    hrefs = [a["href"] for a in head.select("a")]
    assert hrefs == ["../index.html#op19", "../../a-res-77-20/index.html#op15"]
    refs = page.select("sup[id^='fnref'] a")
    assert len(refs) >= 5  # the changes page of 79/136 keeps the footnote calls of its paragraphs
    for ref in refs:
        assert page.find(id=ref["href"][1:]) is not None
    assert page.select("div.footnote li")
    summary = page.select_one(".changes-summary").get_text(" ")
    assert "6 new, 6 changed, 1 dropped, 13 unchanged" in " ".join(summary.split())


def test_paragraph_markers_link_to_the_changes(site: Path):
    page = soup_of(site, "resolutions/a-res-79-136")
    mark = page.select_one("#op3 .change-mark")
    assert (mark.get_text(), mark["href"]) == ("new in 79/136", "changes/index.html#op3")
    mark = page.select_one("#op2 .change-mark")
    assert (mark.get_text(), mark["href"]) == ("changed since 77/20", "changes/index.html#op2")
    assert page.select_one("#op5 .change-mark") is None  # unchanged, only renumbered
    assert soup_of(site, "resolutions/a-res-71-19").select_one(".change-mark") is None  # first of its series


def test_the_alignment_is_in_the_json(site: Path):
    data = json.loads((site / "resolutions/a-res-79-136/a-res-79-136.json").read_text())
    alignment = data["series"]["alignment"]
    assert {"anchor": "op5", "previous_anchor": "op3", "change": "unchanged"}.items() <= alignment[
        [a["anchor"] for a in alignment].index("op5")
    ].items()
    assert data["series"]["previous"] == "A/RES/77/20"


def test_a_yaml_override_can_group_texts_with_different_titles(collection):
    override = [{"id": "crime", "title": "Crime", "members": ["a-res-78-223", "a-res-78-229"]}]
    series = find_series(collection.resolutions, override)
    crime = next(s for s in series if s.id == "crime")
    assert [r.slug for r in crime.members] == ["a-res-78-223", "a-res-78-229"]
    assert not any(s.id != "crime" and any(r.slug == "a-res-78-229" for r in s.members) for s in series)


@pytest.mark.parametrize(
    ("slug", "anchor"),
    [("a-res-79-136", "pp24"), ("a-res-79-136", "pp27"), ("a-res-78-229", "op80")],
)
def test_typography_is_not_a_change(site: Path, collection, slug: str, anchor: str):
    """79/136 pp24 differs from 77/20 pp20 by the hyphen character only (non-State with
    U+2011), pp27 by italics only, 78/229 op80 by straight against curly quotes."""
    change = collection.comparisons[slug].change_for(anchor)
    assert (change.kind, change.typography_only) == ("unchanged", True)
    head = soup_of(site, f"resolutions/{slug}/changes").select_one(f"#{anchor} .change-head").get_text(" ")
    assert "unchanged (typography only)" in " ".join(head.split())
    assert soup_of(site, f"resolutions/{slug}").select_one(f"#{anchor} .change-mark") is None


def test_a_real_change_of_words_is_still_a_change(collection):
    from build_scripts.annotate.series import same_word

    assert same_word("non\u2011State") == same_word("non-State") and same_word("“x”") == same_word('"x"')
    assert same_word("State") != same_word("States")
    changed = [c for comp in collection.comparisons.values() for c in comp.operative if c.kind == "changed"]
    assert changed and all(not c.typography_only for c in changed)


def test_every_paragraph_of_a_series_says_where_it_comes_from_and_where_it_goes(site: Path, collection):
    ids_of: dict[Path, set[str]] = {}
    checked = 0
    for series in collection.series:
        order = [f"{r.meta.session}/{r.meta.number}" for r in series.members]
        for member in series.members:
            page = soup_of(site, f"resolutions/{member.slug}")
            for p in [*member.preamble, *member.operative]:
                history = page.select_one(f"#{p.anchor} .history, [data-notes-for='{p.anchor}'] .history")
                assert history is not None, f"{member.slug}#{p.anchor}"
                steps = [" ".join(x.get_text(" ").split()) for x in history.select("a, strong")]
                numbers = [s.split(" in ")[-1] for s in steps]
                assert numbers == sorted(numbers, key=order.index), steps  # in the order of the series
                current = history.select("strong[aria-current=location]")
                assert len(current) == 1 and current[0].get_text().endswith(
                    f"{member.meta.session}/{member.meta.number}"
                )
                assert steps[0].startswith("first in")
                # The step of this text agrees with the comparison with the text before.
                comparison = collection.comparisons.get(member.slug)
                if comparison is not None:
                    change = comparison.change_for(p.anchor)
                    kind = "first" if change.kind == "new" else change.kind
                    kind = "moved" if kind == "unchanged" and change.moved else kind  # unchanged, elsewhere
                    assert current[0].get_text().startswith(kind)
                for a in history.select("a"):
                    target_path, _, anchor = a["href"].partition("#")
                    target = (site / f"resolutions/{member.slug}" / target_path).resolve()
                    if target not in ids_of:
                        html = BeautifulSoup(target.read_text(encoding="utf-8"), "lxml")
                        ids_of[target] = {e["id"] for e in html.select("[id]")}
                    assert anchor in ids_of[target], a["href"]
                checked += 1
    assert checked > 500


@given(st.integers(min_value=1, max_value=60), st.data())
def test_a_long_history_names_the_first_the_last_and_the_steps_around_the_text(count: int, data):
    """A paragraph of a long series (decades of a recurring resolution) names at most
    HISTORY_STEPS steps: the first, the last, the text on the page and its neighbours;
    the others are counted ("… 12 more")."""
    from build_scripts.render.markdown import HISTORY_STEPS, shown_steps

    here = data.draw(st.integers(min_value=0, max_value=count - 1))
    shown = shown_steps(count, here)
    if count <= HISTORY_STEPS:
        assert shown == list(range(count))
        return
    assert len(shown) == HISTORY_STEPS and shown == sorted(set(shown))
    assert {0, count - 1, here} <= set(shown)
    middle = shown[1:-1]
    assert middle == list(range(middle[0], middle[-1] + 1))  # one run around the text
    assert min(abs(i - here) for i in middle) == 0 or here in (0, count - 1)


def test_a_paragraph_of_a_series_of_twelve_names_seven_steps_and_counts_the_rest(tmp_path: Path):
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from scale import synthetic_text

    from build_scripts.render.pages import render_pages

    base = (ROOT / "source_texts" / "a-res-77-20.txt").read_text(encoding="utf-8")
    for name in ("glossary.yml", "themes.yml", "bodies.yml"):
        (tmp_path / name).write_text((ROOT / "source_texts" / name).read_text(encoding="utf-8"), encoding="utf-8")
    previous = None
    for i in range(12):
        text = synthetic_text(base, 60 + i, 10 + i, i, previous)
        (tmp_path / f"a-res-{60 + i}-{10 + i}.txt").write_text(text, encoding="utf-8")
        previous = f"{60 + i}/{10 + i}"
    edition = load_edition(discover(tmp_path), tmp_path)
    assert [len(s.members) for s in edition.series] == [12]
    pages = render_pages(edition, {}, "")
    page = pages["resolutions/a-res-66-16/index.md"]
    history = next(line for line in page.split('<span class="history">')[1:] if "op17" in line.split("</span>")[0])
    line = history.split("</span>")[0]
    assert line.count("](") == 6 and 'aria-current="location"' in line  # six links and the text itself
    assert "first in 60/10" in line and "unchanged in 71/21" in line  # the first and the last
    assert all(f"in {session}/{session - 50}" in line for session in range(64, 69))  # 66/16 and two each side
    assert "first in 60/10](../a-res-60-10/index.md#op17) · … 3 more · [" in line  # 61/11 to 63/13
    assert "68/18](../a-res-68-18/index.md#op17) · … 2 more · [" in line  # 69/19 and 70/20


def test_a_rewritten_paragraph_in_its_place_is_the_same_paragraph_and_a_move_is_marked(collection):
    """The two texts are aligned in their order: a paragraph rewritten in its place (items
    added, dates and themes updated) continues the one before, so its history does not start
    again; a paragraph that opens otherwise is another paragraph; one out of the order of the
    others is marked moved."""

    def change(slug: str, anchor: str):
        return collection.comparisons[slug].change_for(anchor)

    rewritten = {
        ("a-res-73-11", "op1"): "op1",  # 71/19 op1 with items added
        ("a-res-77-237", "op23"): "op23",  # 76/187 op23, the high-level debate of another year
        ("a-res-78-229", "op26"): "op23",
        ("a-res-77-231", "op3"): "op3",  # 76/181 op3, "Welcomes (with appreciation) the initiative of Japan"
        ("a-res-75-196", "op19"): "op19",  # 74/177 op19, rewritten at 0.62 of its words
    }
    for (slug, anchor), old in rewritten.items():
        found = change(slug, anchor)
        assert (found.kind, found.old_anchor) == ("changed", old), (slug, anchor)
        assert found.diff  # shown with its word diff
    # Openings that differ: two paragraphs, however many words they share.
    assert change("a-res-78-223", "op4").kind == "new"  # "Notes the progress", not 77/231's "Takes note of the report"
    assert change("a-res-77-231", "op8").old_anchor != "op10"  # not 76/181's "Requests the Commission to review"
    # The history of 77/20 op1 starts with 71/19, not with 73/11.
    steps = collection.histories[("a-res-77-20", "op1")]
    assert steps[0].resolution.slug == "a-res-71-19"
    moved = change("a-res-78-229", "op58")
    assert (moved.kind, moved.old_anchor, moved.moved) == ("unchanged", "op29", True)
    assert not change("a-res-78-229", "op1").moved


# Every variant Unicode has of a dash, a quotation mark and a space (the UN's texts use
# several of each, extractors others): found by the characters' own names and classes.
def _variants() -> dict[str, list[str]]:
    import unicodedata

    chars = [chr(c) for c in range(0x10000)]
    return {
        "-": [c for c in chars if unicodedata.category(c) == "Pd" or unicodedata.name(c, "") == "MINUS SIGN"],
        "'": [c for c in chars if "QUOTATION MARK" in unicodedata.name(c, "")] + ["'", "\u2019"],
        " ": [c for c in chars if unicodedata.category(c) == "Zs"],
    }


VARIANTS = _variants()
HEADER_77_20 = (ROOT / "source_texts" / "a-res-77-20.txt").read_text(encoding="utf-8").split("The General Assembly,")[0]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["non", "State", "actors", "cross", "border", "the", "Member", "States"]),
        min_size=4,
        max_size=8,
    ),
    st.data(),
)
def test_every_dash_quote_and_space_variant_is_the_same_word(words: list[str], data: st.DataObject):
    """Two texts whose paragraph differs only in which dash, quotation mark or space it
    uses: the paragraph is unchanged (typography only), never changed."""
    from build_scripts.annotate.series import compare
    from build_scripts.parse.resolution import parse_resolution
    from build_scripts.parse.sources import Sidecar, SourceText

    def paragraph(joins: list[str], quote: tuple[str, str]) -> str:
        text = words[0] + "".join(j + w for j, w in zip(joins, words[1:], strict=True))
        return f"1. *Decides* that {quote[0]}{text}{quote[1]} is to be kept under review.\n"

    plain = [data.draw(st.sampled_from(["-", " "])) for _ in words[1:]]
    varied = [data.draw(st.sampled_from(VARIANTS[j])) for j in plain]
    quotes = (data.draw(st.sampled_from(VARIANTS["'"])), data.draw(st.sampled_from(VARIANTS["'"])))

    def read(body: str):
        text = HEADER_77_20 + "The General Assembly,\n\nRecalling its resolution 51/1,\n\n" + body
        source = SourceText("source_texts/a-res-77-20.txt", "a-res-77-20", text, Sidecar(unusual_ending=True))
        return parse_resolution(source)

    older, newer = read(paragraph(plain, ("“", "”"))), read(paragraph(varied, quotes))
    (change,) = compare(older, newer).operative
    assert change.kind == "unchanged", (plain, varied, quotes)


def test_a_paragraphs_history_comes_after_its_last_item(site: Path, collection):
    """A paragraph with items: its change mark by its opening words, its themes and history
    after its last item (a note on the whole paragraph, never between chapeau and items)."""
    checked = 0
    for r in collection.resolutions:
        page = None
        for op in r.operative:
            if not op.subparagraphs or (r.slug, op.anchor) not in collection.histories:
                continue
            page = page or soup_of(site, f"resolutions/{r.slug}")
            assert page.select_one(f"#{op.anchor} .history") is None, (r.slug, op.anchor)
            notes = page.select_one(f"[data-notes-for='{op.anchor}']")
            assert notes is not None and notes.select_one(".history"), (r.slug, op.anchor)
            last = op.subparagraphs[-1]
            while last.subparagraphs:
                last = last.subparagraphs[-1]
            after = page.find(id=last.anchor).find_next(attrs={"data-notes-for": op.anchor})
            assert after is notes, (r.slug, op.anchor)
            checked += 1
    assert checked >= 5
