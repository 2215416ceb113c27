"""What a build remembers of the last one (``build_scripts/memo.py``): the index's findings,
the series' pairings and each document's files, by the digests of what made them.

The rule they must keep: a build that remembers gives the files of a build from nothing,
byte for byte, after an edit of any kind. And the point of them: after an edit to one
text, only the documents whose files depend on it are rendered again."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, tracked_docs, working_texts
from hypothesis import HealthCheck, assume, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from build_scripts.memo import Memo, digest, remembered
from build_scripts.render import markdown
from build_scripts.render.markdown import Page
from build_scripts.settings import load_settings
from build_scripts.site import pipeline

sys.path.insert(0, str(ROOT / "benchmarks"))
from scale import synthetic_text

# Four later resolutions in the series of 77/241, each recalling the one before.
SERIES = ["a-res-78-301", "a-res-79-302", "a-res-80-303", "a-res-81-304"]


def make_texts(folder: Path, series: list[str] = SERIES) -> Path:
    """The working set (77/241, the texts the edits touch or name, 75/10 left out so that a
    text can come to publish it), with 77/241's series after it."""
    working_texts(folder)
    base = (ROOT / "source_texts" / "a-res-77-241.txt").read_text(encoding="utf-8")
    previous = "77/241"
    for i, slug in enumerate(series):
        session, number = 78 + i, 301 + i
        (folder / f"{slug}.txt").write_text(synthetic_text(base, session, number, 300 + i, previous), encoding="utf-8")
        previous = f"{session}/{number}"
    return folder


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def tree(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def generate(texts: Path, docs: Path, cache: Path, made: set[str] | None = None) -> set[str]:
    """Generate docs/ (no PDFs) in one process; the slugs whose files were rendered (and in
    ``made``, the index pages with a key that were made)."""
    settings = load_settings(source_dir=texts, docs_dir=docs, site_dir=docs.parent / "site", cache_dir=cache)
    rendered: set[str] = set()
    made = set() if made is None else made
    document_pages, index_pages = pipeline.document_pages, pipeline.index_pages

    def recording(env, edition, document, *args):  # type: ignore[no-untyped-def]
        rendered.add(document.slug)
        return document_pages(env, edition, document, *args)

    def recorded(page: Page) -> Page:
        def make() -> str:
            made.add(page.path)
            return page.make()

        return page._replace(make=make) if page.key is not None else page

    pipeline.document_pages = recording  # type: ignore[assignment]
    pipeline.index_pages = lambda env, edition, *args: map(recorded, index_pages(env, edition, *args))  # type: ignore[assignment]
    try:
        pipeline.generate(settings.with_(jobs=1), pdfs=False)
    finally:
        pipeline.document_pages, pipeline.index_pages = document_pages, index_pages  # type: ignore[assignment]
    return rendered


def edit_a_paragraph(texts: Path) -> None:
    replace_in(texts / f"{SERIES[1]}.txt", "to designate 7 September", "to designate solemnly 7 September")


def cite_another_text(texts: Path) -> None:
    recalling = "The General Assembly,\n\nRecalling its resolution 77/237,"
    replace_in(texts / f"{SERIES[2]}.txt", "The General Assembly,", recalling)


def title_a_citation_elsewhere(texts: Path) -> None:
    # Another text, outside the series, cites 78/301 with its title and date: the references
    # of the texts that cite it bare show them now, though those texts did not change.
    recalling = "Recalling its resolution 78/301 of 12 March 2024, entitled “A title given elsewhere”,"
    replace_in(texts / "a-res-77-20.txt", "The General Assembly,", f"The General Assembly,\n\n{recalling}")


def redefine_a_term(texts: Path) -> None:
    glossary = texts / "glossary.yml"
    definition = re.search(r"definition: (.+)", glossary.read_text(encoding="utf-8"))
    assert definition
    replace_in(glossary, definition[0], f"definition: {definition[1].strip()} It was redefined.")


def rename_a_theme(texts: Path) -> None:
    themes = texts / "themes.yml"
    name = re.search(r"name: *(.+)", themes.read_text(encoding="utf-8"))
    assert name
    replace_in(themes, name[0], f"name: {name[1].strip()} renamed")


def widen_a_theme(texts: Path) -> None:
    replace_in(texts / "themes.yml", "phrases: [terrorism,", "phrases: [police cooperation, terrorism,")


def move_a_date(texts: Path) -> None:
    # The first of the four adopted after the last: the series' order changes.
    text = (texts / f"{SERIES[0]}.txt").read_text(encoding="utf-8")
    date = re.search(r"(Resolution adopted by the General Assembly\s+on) (\d+ \w+ \d{4})", text)
    assert date
    replace_in(texts / f"{SERIES[0]}.txt", date[0], f"{date[1]} 1 December 2040")


def add_a_text_that_another_cites(texts: Path) -> None:
    # 77/20 recalls 75/10 in its first preambular paragraph: a link to the official record
    # until 75/10 is published, then to its page, though 77/20's text did not change.
    source = (texts / "a-res-77-241.txt").read_text(encoding="utf-8")
    source = source.replace("16 December 2022", "23 November 2020").replace("77/241.", "75/10.")
    (texts / "a-res-75-10.txt").write_text(source.replace("Seventy-seventh session", "Seventy-fifth session"), "utf-8")


def name_a_term_otherwise(texts: Path) -> None:
    # A new variant of a term: texts that did not change name it now.
    replace_in(texts / "glossary.yml", "  variants:\n", "  variants:\n    - Secretary-General\n")


def title_a_citation_elsewhere_without_a_date(texts: Path) -> None:
    # 80/303 cites 79/302 bare; 77/20 now gives 79/302 a title (and no date): 80/303's
    # references name it by that title, though 80/303's text did not change.
    recalling = "Recalling its resolution 79/302, entitled “A title given to 79/302 elsewhere”,"
    replace_in(texts / "a-res-77-20.txt", "The General Assembly,", f"The General Assembly,\n\n{recalling}")


def remove_a_text(texts: Path) -> None:
    # The last text recalls this one: its link goes to the official record now, though the
    # last text did not change.
    (texts / f"{SERIES[2]}.txt").unlink()


EDITS: list[Callable[[Path], None]] = [
    edit_a_paragraph,
    cite_another_text,
    title_a_citation_elsewhere,
    redefine_a_term,
    rename_a_theme,
    widen_a_theme,
    move_a_date,
    add_a_text_that_another_cites,
    name_a_term_otherwise,
    title_a_citation_elsewhere_without_a_date,
    remove_a_text,
]


def test_a_build_that_remembers_gives_the_files_of_a_build_from_nothing_after_edits_of_every_kind(tmp_path: Path):
    texts = make_texts(tmp_path / "texts")
    docs = tracked_docs(tmp_path / "checkout")
    cache = tmp_path / "cache"
    first = generate(texts, docs, cache)
    assert len(first) == len(list(texts.glob("*.txt"))) and (cache / "memo" / "files.sqlite").is_file()
    assert generate(texts, docs, cache) == set()  # nothing changed: nothing rendered
    for number, edit in enumerate(EDITS):
        edit(texts)
        rendered = generate(texts, docs, cache)
        fresh = tracked_docs(tmp_path / f"fresh{number}")
        generate(texts, fresh, tmp_path / f"cache{number}")
        assert tree(docs) == tree(fresh), edit.__name__
        assert rendered, edit.__name__
        if edit is edit_a_paragraph:
            # The series' members (the paragraph's history, the changes of the next one) and
            # no other document.
            assert rendered == {"a-res-77-241", *SERIES}, rendered
        if edit is cite_another_text:
            # The citing text (and its series, whose pages it is part of) and the text cited.
            assert rendered == {"a-res-77-241", *SERIES, "a-res-77-237"}, rendered


def test_an_edit_in_a_long_series_renders_again_the_texts_whose_history_lines_name_it(tmp_path: Path):
    from build_scripts.render.markdown import HISTORY_STEPS, shown_steps

    # 77/241 and ten later texts: a history line names 7 of its 11 steps.
    later = [f"a-res-{78 + i}-{301 + i}" for i in range(10)]
    series = ["a-res-77-241", *later]
    texts = make_texts(tmp_path / "texts", later)
    docs = tracked_docs(tmp_path / "checkout")
    generate(texts, docs, tmp_path / "cache")
    edited = 6
    replace_in(texts / f"{series[edited]}.txt", "to designate 7 September", "to designate solemnly 7 September")
    rendered = generate(texts, docs, tmp_path / "cache")
    # The paragraph changed in the edited text, and changed back in the next one: the texts
    # whose history lines name either step, and the next one (its page of changes).
    changed = {edited, edited + 1}
    naming = {series[h] for h in range(len(series)) if changed & set(shown_steps(len(series), h))}
    assert len(series) > HISTORY_STEPS and len(naming) < len(series)
    assert rendered == naming | {series[edited + 1]}, sorted(rendered)
    fresh = tracked_docs(tmp_path / "fresh")
    generate(texts, fresh, tmp_path / "fresh-cache")
    assert tree(docs) == tree(fresh)


def test_an_edit_to_one_text_makes_only_the_index_pages_that_list_it(tmp_path: Path):
    texts = make_texts(tmp_path / "texts")
    docs = tracked_docs(tmp_path / "checkout")
    every: set[str] = set()
    generate(texts, docs, tmp_path / "cache", every)
    assert len(every) > 100  # the parts of every index: themes and bodies by session, ...
    edit_a_paragraph(texts)
    made: set[str] = set()
    generate(texts, docs, tmp_path / "cache", made)
    edited = SERIES[1]
    # Made again: pages that list the edited text (its theme and body parts, the documents
    # it cites with its excerpts), and no other.
    assert made and len(made) < len(every) / 4, sorted(made)
    for rel in sorted(made):
        assert f"/resolutions/{edited}/" in (docs / rel).read_text(encoding="utf-8"), rel
    assert any("/session-79/" in rel for rel in made)


@pytest.fixture()
def linked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The slugs of the documents linked (and so marked) by the builds of a test, in order."""
    slugs: list[str] = []
    link_document = pipeline.link_document

    def recording(document, symbols):  # type: ignore[no-untyped-def]
        slugs.append(document.slug)
        link_document(document, symbols)

    monkeypatch.setattr(pipeline, "link_document", recording)
    return slugs


def test_an_edit_to_one_text_links_and_marks_that_text_alone(tmp_path: Path, linked: list[str]):
    texts = make_texts(tmp_path / "texts")
    docs = tracked_docs(tmp_path / "checkout")
    generate(texts, docs, tmp_path / "cache")
    assert len(linked) == len(list(texts.glob("*.txt")))
    linked.clear()
    generate(texts, docs, tmp_path / "cache")
    assert linked == []  # every document read as the last build annotated it
    edit_a_paragraph(texts)
    generate(texts, docs, tmp_path / "cache")
    assert linked == [SERIES[1]]
    # A term named otherwise: every text is marked again.
    linked.clear()
    name_a_term_otherwise(texts)
    generate(texts, docs, tmp_path / "cache")
    assert len(linked) == len(list(texts.glob("*.txt")))


def test_the_index_pages_made_after_an_edit_make_the_excerpts_of_the_edited_text_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The index pages that list an edited text name paragraphs of many others: their
    excerpts are remembered by document, and kept through a build that makes no index page."""
    excerpted: list[str] = []
    paragraph_excerpts = markdown.paragraph_excerpts

    def recording(document, words=18):  # type: ignore[no-untyped-def]
        excerpted.append(document.slug)
        return paragraph_excerpts(document, words)

    monkeypatch.setattr(markdown, "paragraph_excerpts", recording)
    texts = make_texts(tmp_path / "texts")
    docs = tracked_docs(tmp_path / "checkout")
    generate(texts, docs, tmp_path / "cache")
    assert len(set(excerpted)) > len(SERIES)  # the indexes name paragraphs of many texts
    excerpted.clear()
    generate(texts, docs, tmp_path / "cache")  # nothing changed: no index page made
    assert excerpted == []
    edit_a_paragraph(texts)
    made: set[str] = set()
    generate(texts, docs, tmp_path / "cache", made)
    assert made  # index pages were made, naming other texts too
    assert excerpted == [SERIES[1]]


def test_a_damaged_text_is_repaired_again_when_an_answer_its_repair_read_changes(tmp_path: Path, linked: list[str]):
    texts = make_texts(tmp_path / "texts")
    docs = tracked_docs(tmp_path / "checkout")
    cache = tmp_path / "cache"
    generate(texts, docs, cache)
    kept = [pickle.loads(p.read_bytes()) for p in sorted((cache / "memo" / "annotated").glob("*.pickle"))]
    damaged = [a for a in kept if a.words is not None]
    assert damaged and all(a.lookups for a in damaged)
    # A word some repair looked for in vain, used now by a clean text: the vocabulary
    # answers otherwise, and the texts whose repairs asked for it are repaired again.
    word = min(w for a in damaged for w, found in a.lookups.items() if not found and w.isalpha() and len(w) > 4)
    asking = {a.document.slug for a in damaged if word in a.lookups}
    replace_in(texts / "a-res-77-20.txt", "The General Assembly,", f"The General Assembly,\n\nNoting the {word},")
    linked.clear()
    generate(texts, docs, cache)
    assert set(linked) == {"a-res-77-20", *asking}, (word, sorted(linked))
    fresh = tracked_docs(tmp_path / "fresh")
    generate(texts, fresh, tmp_path / "fresh-cache")
    assert tree(docs) == tree(fresh)


def test_a_file_changed_by_hand_is_written_again(tmp_path: Path):
    texts = make_texts(tmp_path / "texts")
    docs = tracked_docs(tmp_path / "checkout")
    generate(texts, docs, tmp_path / "cache")
    before = tree(docs)
    (docs / "resolutions" / "a-res-77-20" / "a-res-77-20.json").write_text("{}", encoding="utf-8")
    (docs / "resolutions" / "a-res-77-237" / "index.md").unlink()
    assert generate(texts, docs, tmp_path / "cache") == {"a-res-77-20", "a-res-77-237"}
    assert tree(docs) == before


def test_remembered_computes_only_what_the_memo_lacks_and_keeps_only_what_was_asked(tmp_path: Path):
    path = tmp_path / "memo.pickle"
    computed: list[int] = []

    def square(i: int) -> int:
        computed.append(i)
        return i * i

    keys = [digest("square", i) for i in range(5)]
    memo = Memo(path)
    assert list(remembered(memo, keys, square)) == [0, 1, 4, 9, 16] and computed == [0, 1, 2, 3, 4]
    memo.save()
    computed.clear()
    memo = Memo(path)
    assert list(remembered(memo, [*keys[3:], digest("square", 5)], lambda i: square(i + 3))) == [9, 16, 25]
    assert computed == [5]  # the third key was new
    memo.save()
    assert Memo(path).keys() == sorted([*keys[3:], digest("square", 5)])  # 0, 1 and 2 forgotten
    path.write_bytes(b"not a memo")
    assert Memo(path).keys() == []


def test_a_digest_is_of_the_content_not_of_how_it_is_shared():
    word = "police"
    shared = [word, word]
    apart = ["".join(["pol", "ice"]), "".join(["poli", "ce"])]
    assert shared == apart and shared[0] is shared[1] and apart[0] is not apart[1]
    assert digest(shared) == digest(apart)
    assert digest(shared) != digest(["police", "polices"])
    assert digest("a", "b") != digest("ab")


@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__ for e in EDITS])
def test_every_edit_applies(edit: Callable[[Path], None], tmp_path: Path):
    texts = make_texts(tmp_path / "texts")
    before = {p.name: p.read_bytes() for p in texts.iterdir()}
    edit(texts)
    assert {p.name: p.read_bytes() for p in texts.iterdir()} != before


def _in_a_fork(read: Callable[[], object]) -> object:
    """``read()`` in a forked child (as the build's workers are), its result sent back."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            os.write(writer, pickle.dumps(read()))
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        sent = pipe.read()
    os.waitpid(pid, 0)
    return pickle.loads(sent)


def test_forked_workers_read_the_memo_while_its_process_writes_to_it(tmp_path: Path):
    memo = Memo(tmp_path / "memo.sqlite")
    for i in range(20):
        memo.put(digest("square", i), i * i)
    memo.save()
    memo = Memo(tmp_path / "memo.sqlite")
    assert memo.get(digest("square", 0)) == 0  # this process's connection is open before the fork
    memo.put(digest("cube", 2), 8)  # and writing, not yet saved
    # A worker reads the memo through a connection of its own (no connection crosses a
    # fork): what this process put before the fork was committed for it, as was saved.
    read = _in_a_fork(lambda: (memo.get(digest("cube", 2)), [memo.get(digest("square", i)) for i in range(20)]))
    assert read == (8, [i * i for i in range(20)])
    assert memo.get(digest("cube", 2)) == 8 and memo.pending == 0
    memo.save()
    assert len(Memo(tmp_path / "memo.sqlite").keys()) == 2  # the two asked for here; the worker's reads are its own


def test_a_build_cut_short_keeps_what_it_made_and_forgets_nothing(tmp_path: Path):
    memo = Memo(tmp_path / "memo.sqlite")
    memo.put(digest("kept"), "from the last build")
    memo.save()
    memo = Memo(tmp_path / "memo.sqlite")
    for i in range(Memo.COMMIT_EVERY):
        memo.put(digest("square", i), i * i)
    del memo  # never saved: the build failed
    again = Memo(tmp_path / "memo.sqlite")
    assert again.get(digest("kept")) == "from the last build"
    assert again.get(digest("square", Memo.COMMIT_EVERY - 1)) == (Memo.COMMIT_EVERY - 1) ** 2


# --- random edits to a small collection: a stateful property -----------------------------------

SMALL = ("a-res-51-1", "a-res-71-19", "a-res-73-11", "a-res-75-10", "a-res-77-20", "a-res-77-241")
ALONE = ["a-res-51-1", "a-res-77-241"]  # in no series: a new title changes no series


class IncrementalBuilds(RuleBasedStateMachine):
    """Edits of every kind, to random texts of a small collection (the INTERPOL series and a
    text outside it): after each, the build that remembers gives the files of a build from
    nothing, file by file."""

    def __init__(self) -> None:
        super().__init__()
        import tempfile

        self.root = Path(tempfile.mkdtemp(prefix="incremental-"))
        self.texts = working_texts(self.root / "texts", SMALL)
        self.docs = tracked_docs(self.root / "checkout")
        self.builds = 0
        generate(self.texts, self.docs, self.root / "cache")

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def edit(self, slug: str, pattern: str, replacement: str) -> None:
        path = self.texts / f"{slug}.txt"
        text = path.read_text(encoding="utf-8")
        changed = re.sub(pattern, replacement, text, count=1, flags=re.M)
        assume(changed != text)
        path.write_text(changed, encoding="utf-8")

    @rule(slug=st.sampled_from(ALONE), word=st.sampled_from(["Renewed", "Further", "Strengthened"]))
    def retitle(self, slug: str, word: str) -> None:
        self.edit(slug, r"^(\d+/\d+\.[ \n]+)(?=[A-Z])", rf"\g<1>{word} ")

    # 51/1 and 71/19 are cited bare by the others: a title given one of them anywhere shows
    # in the references of every text that cites it.
    @rule(
        slug=st.sampled_from(SMALL),
        cited=st.sampled_from(["a-res-51-1", "a-res-71-19"]),
        title=st.sampled_from(["A title", "Another"]),
    )
    def title_a_citation(self, slug: str, cited: str, title: str) -> None:
        symbol = cited.removeprefix("a-res-").replace("-", "/")
        recalling = f"Recalling its resolution {symbol}, entitled “{title} given in {slug}”,"
        self.edit(slug, r"^(The General Assembly,)$", rf"\g<1>\n\n{recalling}")

    @rule(slug=st.sampled_from(SMALL), day=st.integers(1, 28))
    def redate(self, slug: str, day: int) -> None:
        self.edit(slug, r"(Resolution adopted by the General Assembly\s+on )\d+ ", rf"\g<1>{day} ")

    @rule(slug=st.sampled_from(SMALL), word=st.sampled_from(["also", "further", "with appreciation"]))
    def reword_a_paragraph(self, slug: str, word: str) -> None:
        self.edit(slug, r"^(\*?Recalling\*?) (?!also|further|with)", rf"\g<1> {word} ")

    @rule(slug=st.sampled_from(SMALL), number=st.integers(1201, 1299))
    def change_a_footnote(self, slug: str, number: int) -> None:
        self.edit(slug, r"(vol\. 1996, No\. )\d+", rf"\g<1>{number}")

    @rule(slug=st.sampled_from(SMALL), cited=st.sampled_from(SMALL))
    def cite_another_symbol(self, slug: str, cited: str) -> None:
        symbol = cited.removeprefix("a-res-").replace("-", "/")
        self.edit(slug, r"(Recalling[^\n]*? resolutions? )\d+/\d+", rf"\g<1>{symbol}")

    @rule(words=st.sampled_from(["It was redefined.", "See also the manual."]))
    def redefine_a_term(self, words: str) -> None:
        glossary = self.texts / "glossary.yml"
        text = glossary.read_text(encoding="utf-8")
        glossary.write_text(re.sub(r"(definition: .+)", rf"\g<1> {words}", text, count=1), encoding="utf-8")

    @rule(phrase=st.sampled_from(["police cooperation", "capacity-building", "data"]))
    def widen_a_theme(self, phrase: str) -> None:
        themes = self.texts / "themes.yml"
        text = themes.read_text(encoding="utf-8")
        assume(f"[{phrase}," not in text)
        themes.write_text(text.replace("phrases: [", f"phrases: [{phrase}, ", 1), encoding="utf-8")

    @rule(members=st.lists(st.sampled_from(SMALL), min_size=2, max_size=3, unique=True))
    def group_a_series(self, members: list[str]) -> None:
        series = self.texts / "series.yml"
        entry = f"- id: grouped\n  title: A series grouped by hand\n  members: [{', '.join(sorted(members))}]\n"
        kept = re.sub(r"- id: grouped\n(?:  .*\n)*", "", series.read_text(encoding="utf-8"))
        series.write_text(kept + entry, encoding="utf-8")

    @invariant()
    def remembering_builds_as_from_nothing(self) -> None:
        self.builds += 1
        generate(self.texts, self.docs, self.root / "cache")
        fresh = tracked_docs(self.root / f"fresh{self.builds}")
        generate(self.texts, fresh, self.root / f"cache{self.builds}")
        want, got = tree(fresh), tree(self.docs)
        assert sorted(got) == sorted(want)
        assert [p for p in want if got[p] != want[p]] == []
        shutil.rmtree(fresh.parent)
        shutil.rmtree(self.root / f"cache{self.builds}")


IncrementalBuilds.TestCase.settings = settings(
    max_examples=5, stateful_step_count=4, deadline=None, suppress_health_check=list(HealthCheck)
)
test_random_edits_build_as_from_nothing = IncrementalBuilds.TestCase
