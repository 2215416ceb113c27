"""The cross-resolution index: citations and cited-by, themes, mandates, bodies, timeline."""

from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import ROOT, index_parts
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.annotate.crossindex import symbol_key
from build_scripts.model import DocumentLink
from build_scripts.parse.sources import discover
from build_scripts.site.pipeline import load_edition


def soup_of(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def test_70_1_is_cited_by_all_three_2022_resolutions_with_the_exact_paragraphs(site: Path, collection):
    cited = collection.index.cited["A/RES/70/1"]
    places = {(p.document.slug, p.anchor) for p in cited.places}
    expected = {
        ("a-res-77-20", "fn:5"),
        ("a-res-77-241", "pp1"),
        ("a-res-77-237", "pp58"),
        ("a-res-77-237", "op2"),
        ("a-res-77-237", "op20"),
        ("a-res-77-237", "fn:8"),
    }
    assert expected <= places
    assert cited.title == "Transforming our world: the 2030 Agenda for Sustainable Development"
    assert cited.date == "25 September 2015"
    top = soup_of(site, "indexes/citations").select_one("#a-res-70-1").find_parent("li")
    citing = {p.document.slug for p in cited.places}
    assert len(citing) >= 6  # the 2022 texts and the later texts of the collection
    assert f"cited by {len(citing)} texts" in " ".join(top.get_text(" ").split())
    assert f"cited in {len(cited.places)} paragraphs" in top.get_text(" ")
    # The citing paragraphs are on the page of the A/RES/70/... documents, at the same anchor.
    assert top.select("a")[-1]["href"] == "a-res-70/index.html#a-res-70-1"
    entry = soup_of(site, "indexes/citations/a-res-70").select_one("#a-res-70-1").find_parent("li")
    assert f"cited by {len(citing)} texts" in " ".join(entry.get_text(" ").split())
    hrefs = {a["href"] for a in entry.select("a")}
    for slug, anchor in expected:
        assert f"../../../resolutions/{slug}/index.html#{anchor}" in hrefs


def test_cited_by_of_77_241_includes_the_interpol_web_page(site: Path):
    panel = soup_of(site, "resolutions/a-res-77-241").select_one(".cited-by-panel")
    links = {a["href"] for a in panel.select("a")}
    assert "../../documents/interpol-international-day-of-police-cooperation/index.html#p2" in links


def test_a_new_text_that_older_texts_cite_is_linked_and_indexed_with_no_code_change(tmp_path: Path):
    texts = tmp_path / "texts"
    texts.mkdir()
    for name in ["a-res-77-20.txt", "glossary.yml", "themes.yml", "bodies.yml"]:
        shutil.copy(ROOT / "source_texts" / name, texts / name)
    # Resolution 75/10, which 77/20 recalls in its first preambular paragraph.
    source = (ROOT / "source_texts" / "a-res-77-241.txt").read_text(encoding="utf-8")
    source = source.replace("16 December 2022", "23 November 2020").replace("77/241.", "75/10.")
    source = source.replace("Seventy-seventh session", "Seventy-fifth session")
    (texts / "a-res-75-10.txt").write_text(source, encoding="utf-8")
    collection = load_edition(discover(texts), root=None)
    r77 = next(r for r in collection.resolutions if r.slug == "a-res-77-20")
    links = [i for i in r77.preamble[0].content if isinstance(i, DocumentLink) and i.symbol == "A/RES/75/10"]
    assert links and links[0].href == "resolutions/a-res-75-10/index.md"
    r75 = next(r for r in collection.resolutions if r.slug == "a-res-75-10")
    cited_by = collection.index.cited_by(r75)
    assert [(p.document.slug, p.anchor) for p in cited_by] == [("a-res-77-20", "pp1")]


def test_every_link_in_every_index_page_resolves(site: Path):
    checked = 0
    ids: dict[Path, set[str]] = {}
    pages = sorted((site / "indexes").rglob("index.html"))
    assert len(pages) > 100  # the top pages and their parts
    for page_path in pages:
        page = BeautifulSoup(page_path.read_text(encoding="utf-8"), "lxml")
        for a in page.select("article a[href]"):
            if a["href"].startswith("http"):
                continue
            target, _, anchor = a["href"].partition("#")
            path = (page_path.parent / target).resolve() if target else page_path
            assert path.is_file(), f"{page_path}: {a['href']}"
            if anchor:
                if path not in ids:  # each target page parsed once
                    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
                    ids[path] = {element["id"] for element in soup.select("[id]")}
                assert anchor in ids[path], f"{page_path}: {a['href']}"
            checked += 1
    assert checked > 1000


def test_mandates_table_has_the_reporting_requests(site: Path):
    rows = [" ".join(tr.get_text(" ").split()) for tr in soup_of(site, "indexes/mandates").select("tbody tr")]
    assert any("A/RES/77/20, para. 19" in r and "Secretary-General" in r and "seventy-ninth session" in r for r in rows)
    assert any("A/RES/77/20, para. 20" in r and "provisional agenda" in r and "2024–2025" in r for r in rows)
    assert any("A/RES/77/237, para. 85" in r and "seventy-eighth session" in r and "2023–2024" in r for r in rows)


def test_cited_documents_sort_by_session_and_number_not_as_strings(site: Path):
    page = soup_of(site, "indexes/citations")
    heading = next(h for h in page.select("h2") if h.get_text(strip=True).startswith("General Assembly resolutions"))
    symbols = [a.get_text() for a in heading.find_next("ul").select("li > a:first-child")]
    assert symbols == sorted(symbols, key=symbol_key)
    assert symbols != sorted(symbols)  # plain string order would differ (e.g. 46/152 vs 5x/...)
    assert symbols.index("A/RES/60/1") < symbols.index("A/RES/60/288") < symbols.index("A/RES/70/1")


def test_themes_index_and_tags(site: Path):
    parts = index_parts(site, "themes", "cybercrime")
    names = [path.parent.name for path, _ in parts]
    sessions = [int(n.removeprefix("session-")) for n in names if n.startswith("session-")]
    assert sessions == sorted(sessions) and sessions[-1] == 79  # sessions in order, then the others
    assert names[len(sessions) :] == ["security-council", "other-texts"]
    texts = " ".join(li.get_text(" ") for _, part in parts for li in part.select("article li"))
    assert "A/RES/77/20" in texts and "A/RES/77/237" in texts
    # Each part's page lists the paragraphs of its session alone.
    for path, part in parts:
        if path.parent.name.startswith("session-"):
            session = path.parent.name.removeprefix("session-")
            names = [li.select_one("a").get_text() for li in part.select("article li")]
            assert names and all(n.startswith(f"A/RES/{session}/") for n in names), (path, names)
    tags = soup_of(site, "resolutions/a-res-77-20").select("#op10 .theme-tag")
    assert "Cybercrime" in [t.get_text() for t in tags]
    assert all(t["href"].startswith("../../indexes/themes/index.html#") for t in tags)


def test_timeline_has_the_dated_events(site: Path):
    parts = index_parts(site, "timeline")
    assert [path.parent.name for path, _ in parts][:2] == ["1920s", "1940s"]
    rows = [" ".join(tr.get_text(" ").split()) for _, part in parts for tr in part.select("tbody tr")]
    assert any(r.startswith("7 September 1923") and "International Criminal Police Commission" in r for r in rows)
    assert any(r.startswith("15 October 1996") and "A/RES/51/1" in r for r in rows)
    assert any(r.startswith("1997 ") and "cooperation agreement" in r for r in rows)
    assert any(r.startswith("21 November 2022") and "A/RES/77/20 adopted" in r for r in rows)
    dates = [r.split(" | ")[0] for r in rows]
    assert dates  # the table is in date order
    years = [int(re.search(r"\d{4}", d).group(0)) for d in dates]
    assert years == sorted(years)


def test_bodies_index(site: Path):
    parts = index_parts(site, "bodies", "secretary-general")
    items = [" ".join(li.get_text(" ").split()) for _, part in parts for li in part.select("article li")]
    assert any(item.startswith("A/RES/77/20, para. 19 :") for item in items)
    # Each entry shows the paragraph's first words, which name the body it addresses.
    assert items and all("Secretary-General" in item for item in items), items


def test_references_panel_groups_by_kind(site: Path):
    panel = soup_of(site, "resolutions/a-res-78-229").select_one(".references-panel")
    text = panel.get_text(" ")
    assert "Resolutions in this collection" in text and "General Assembly resolutions" in text
    assert panel.select_one("a[href='../a-res-77-237/index.html']")


def test_the_longest_body_name_wins(collection):
    # "Requests the United Nations Office on Drugs and Crime to ..." addresses UNODC.
    places = {(p.document.slug, p.anchor) for p in collection.index.body_places["unodc"]}
    assert ("a-res-77-237", "op17") in places
    assert ("a-res-77-237", "op17") not in {
        (p.document.slug, p.anchor) for p in collection.index.body_places["united-nations"]
    }


def test_every_paragraph_a_theme_lists_names_it_in_its_own_running_words(collection):
    """Theme precision over the whole collection: each listed paragraph states one of the
    theme's phrases outside citations, quoted titles and the names of bodies and documents
    (capitalised: "the United Nations Office on Drugs and Crime" is not about drugs)."""
    from build_scripts.model import DocumentLink, paragraphs

    texts = {(d.slug, anchor): inlines for d in collection.all() for anchor, _, inlines in paragraphs(d)}
    checked = 0
    for theme in collection.index.themes:
        places = collection.index.theme_places[theme.id]
        assert places, theme.id
        for place, _start, _end in places:
            inlines = texts[(place.document.slug, place.anchor)]
            own = "".join(" " if isinstance(i, DocumentLink) else getattr(i, "text", "") for i in inlines)
            own = re.sub(r"“[^”]*”", " ", own)
            # Case-sensitive: a phrase the editors wrote in lower case, in lower case.
            said = [p for p in theme.phrases if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", own)]
            assert said, f"{theme.id}: {place.document.slug}#{place.anchor} does not say it"
            checked += 1
    assert checked > 500


def test_the_office_on_drugs_and_crime_is_not_the_theme_drugs(collection):
    drugs = {(p.document.slug, p.anchor) for p, _, _ in collection.index.theme_places["drugs"]}
    # 77/20 operative paragraph 13 names UNODC and no drug: not listed.
    from build_scripts.model import paragraphs, plain_text

    for document in collection.all():
        for anchor, _, inlines in paragraphs(document):
            text = plain_text(inlines)
            if "Office on Drugs and Crime" in text and not re.search(
                r"\bdrugs?\b", text.replace("Office on Drugs", "")
            ):
                assert (document.slug, anchor) not in drugs, (document.slug, anchor)


def test_the_environment_theme_lists_crime_against_it_not_a_safe_or_rehabilitative_environment(collection):
    """A common word needs its context: "a rehabilitative environment in correctional
    facilities" and "a safe environment for victims" are no crime against the environment;
    "crimes that affect the environment" is."""
    from build_scripts.model import paragraphs, plain_text

    tagged = {(p.document.slug, p.anchor) for p, _, _ in collection.index.theme_places["environment"]}
    crime = re.compile(r"(?:crimes? that affect|impact on|crimes against) the\s+environment|wildlife|timber", re.I)
    wrong, missed = [], []
    for document in collection.all():
        for anchor, _, inlines in paragraphs(document):
            text = " ".join(plain_text(inlines).split())
            place = (document.slug, anchor)
            if re.search(r"(?:rehabilitative|safe(?: and humane)?|enabling|protective) environment", text) and not (
                crime.search(text)
            ):
                wrong += [place] if place in tagged else []
            elif re.search(r"crimes? that affect the environment", text):
                missed += [] if place in tagged else [place]
    assert wrong == [] and missed == []
    assert len(tagged) >= 10


def test_a_theme_page_shows_each_paragraph_with_the_words_around_its_phrase(collection):
    """The excerpt of a theme's place is cut from its paragraph when the page is made (the
    index holds where the phrase is, not the words): each shows the phrase, in context."""
    from html import unescape

    from build_scripts.render.index_pages import index_pages
    from build_scripts.render.markdown import environment

    pages = {page.path: page for page in index_pages(environment(), collection)}
    shown = 0
    for theme in collection.index.themes:
        phrases = [p.lower() for p in theme.phrases]
        for path in sorted(p for p in pages if p.startswith(f"indexes/themes/{theme.id}/")):
            for line in pages[path].make().splitlines():
                if line.startswith("- ["):
                    excerpt = unescape(line.split("): ", 1)[1]).replace("\\", "").lower()
                    # A few words around the phrase, or a treaty's short item whole ("(a) The
                    # smuggling of migrants;"): an excerpt cut short would begin or end with "…".
                    whole = "…" not in excerpt
                    assert (len(excerpt.split()) > 5 or whole) and any(p in excerpt for p in phrases), (path, excerpt)
                    shown += 1
    assert shown == sum(len(places) for places in collection.index.theme_places.values()) > 500


def test_mandates_are_dated_by_the_calendar_of_the_body_whose_session_it_is(collection):
    """The Commission's thirty-first session is in 2022 (it meets yearly since 1992), not
    the Assembly's thirty-first (1976-1977); every session named is listed, a decision to
    consider a question too; the addressee is that of the clause that names the session."""
    rows = {
        (m.place.document.slug, m.place.anchor, m.session_name): (m.who, m.years) for m in collection.index.mandates
    }
    commission = "Commission on Crime Prevention and Criminal Justice"
    assert rows[("a-res-76-181", "op12", f"thirty-first session of the {commission}")] == (
        "the Secretary-General",
        "2022",
    )
    assert rows[("a-res-78-229", "op92", "seventy-ninth session")] == ("the Secretary-General", "2024–2025")
    assert rows[("a-res-78-229", "op92", "eightieth session")] == ("the Secretary-General", "2025–2026")
    assert rows[("a-res-78-229", "op93", "eightieth session")] == ("General Assembly", "2025–2026")
    assert rows[("a-res-77-231", "op8", f"thirty-second session of the {commission}")][1] == "2023"
    assert rows[("a-res-77-231", "op6", f"thirty-second session of the {commission}")][0] == "the Secretary-General"
    assert not [r for r in rows if "session" in r[2] and r[2].startswith("thirty") and rows[r][1] == "1976–1977"]


# --- theme boundaries, generated around each phrase (no built site: the fast loop) ----------


@functools.cache
def theme_finder():
    from build_scripts.annotate.crossindex import Finder, load_themes
    from build_scripts.model import Collection

    themes = load_themes(ROOT / "source_texts" / "themes.yml", "source_texts/themes.yml")
    return Finder.of(Collection([], []), themes, [])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_theme_phrase_counts_where_it_stands_as_words_and_never_inside_another(data: st.DataObject):
    """A phrase is the theme's where it stands whole in running words, before punctuation or
    a possessive; never glued into a hyphenated compound or a longer word (``non-terrorism``,
    ``cyberspace`` for ``cyber``); a lower-case phrase never in capitals (a name)."""
    from build_scripts.annotate.crossindex import _theme_match

    theme, _phrases, pattern = data.draw(st.sampled_from(theme_finder().themes))
    phrase = data.draw(st.sampled_from(sorted(theme.phrases)))
    before = data.draw(st.sampled_from(["", "non-", "anti-", "x", "the ", "(", "“"]))
    after = data.draw(st.sampled_from(["", "-related", "x", "’s", ".", ",", ")", " and"]))
    sentence = f"Concerned about {before}{phrase}{after} in all its forms,"
    found = _theme_match(pattern, sentence, theme)
    start = len("Concerned about ") + len(before)
    glued_before, glued_after = bool(re.search(r"[\w-]$", before)), bool(re.match(r"[\w-]", after))
    if not glued_before and not glued_after:
        assert found is not None and found.start() <= start < found.end(), sentence
    if found is not None:
        assert not re.match(r"[\w-]", sentence[found.start() - 1]) and not re.match(r"[\w-]", sentence[found.end()])
    if glued_before:
        assert found is None or found.start() != start, sentence
    if glued_after:
        assert found is None or found.end() != start + len(phrase), sentence
    if phrase == phrase.lower() and phrase.upper() != phrase:
        shouted = _theme_match(pattern, f"Concerned about The {phrase.title()} Office,", theme)
        assert shouted is None or shouted[0] == shouted[0].lower(), phrase


def test_the_themes_precision_on_a_hand_judged_sample_is_the_one_the_readme_states(collection):
    """tests/theme_sample.yml: five paragraphs of each theme, each judged by reading it whole.
    Every sampled place must still be listed by its theme (else the sample is stale: draw and
    judge it again); each theme keeps at least 4 in 5, and the README states the whole."""
    import yaml

    sample = yaml.safe_load((ROOT / "tests" / "theme_sample.yml").read_text(encoding="utf-8"))
    assert set(sample) == {t.id for t in collection.index.themes}
    judged = relevant = 0
    for theme, places in sample.items():
        listed = {f"{p.document.slug}#{p.anchor}" for p, _, _ in collection.index.theme_places[theme]}
        assert len(places) == 5 and set(places) <= listed, (theme, set(places) - listed)
        assert sum(places.values()) >= 4, theme
        judged, relevant = judged + len(places), relevant + sum(places.values())
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"judged by hand on a sample of {judged} paragraphs: {round(100 * relevant / judged)}%" in readme
