"""Words as adopted: a word an extractor cut in two is joined, a real pair of words is not.

The rule (``parse/usage.py``) reads the UN's own usage (``un_usage.tsv``, counted from a
whole session) and the English word list of ``wordfreq``. The detector is the same rule run
over what readers get: every published page of the collection, and every text of the corpus
as read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_scripts.model import plain_text, runs
from build_scripts.parse.usage import USAGE_FILE, Usage, close_ranges, join_split_words, split_words, un_usage
from build_scripts.site.pipeline import parse_source

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("CORPUS_DIR", ROOT.parent / "shared" / "pymupdf_corpus"))

# Each as the collection's texts print it (76/181, 75/196, 76/187, 74/177).
CUT = {
    "to up hold the Charter": "to uphold the Charter",
    "coercive measures be ing used": "coercive measures being used",
    "continue to w elcome the": "continue to welcome the",
    "on reasonable g rounds to": "on reasonable grounds to",
    "United Nations Convention aga inst Corruption": "United Nations Convention against Corruption",
    "the United Nations Conve ntion against Corruption": "the United Nations Convention against Corruption",
    "in all forms, a nd calls upon": "in all forms, and calls upon",
    "querying the m, as": "querying them, as",
    "United N ations Global": "United Nations Global",
}
# Real pairs of words, labels and symbols: left as printed.
KEPT = [
    "to give effect in to the law",  # "in to": the UN writes it so
    "a gain in money or other property",  # "a again" is never written: the neighbours say two words
    "resolution 48/75 L and, in",  # a part letter beside a word
    "the link between fresh water, the",  # written so by the UN
    "See resolution S-10/2.",  # a symbol, not a word
    "Plan B and",
    "the 42nd plenary meeting",
]


@pytest.mark.parametrize("printed", CUT)
def test_a_word_cut_in_two_is_joined_and_named_by_the_detector(printed: str):
    assert join_split_words(printed) == CUT[printed]
    assert len(split_words(printed)) == 1
    assert split_words(CUT[printed]) == []


@pytest.mark.parametrize("printed", KEPT)
def test_a_real_pair_of_words_stays_two_words(printed: str):
    assert join_split_words(printed) == printed
    assert split_words(printed) == []


def test_ranges_lose_a_stray_space_on_one_side_of_the_dash_only():
    assert close_ranges("Beijing, 4 –15 September 1995") == "Beijing, 4–15 September 1995"
    assert close_ranges("Rio de Janeiro, 3– 14 June") == "Rio de Janeiro, 3–14 June"
    assert close_ranges("the period 2014 - 2023 and") == "the period 2014 - 2023 and"  # spaced on purpose


def test_both_authorities_must_attest_the_joined_word():
    """A joined form the UN does not write, or English does not know, is no word."""
    usage = Usage.counted(["the Convention against Corruption " * 3])
    assert usage.is_split("Conve", "ntion")
    assert not Usage.counted(["the Treaty " * 3]).is_split("Conve", "ntion")  # not the UN's
    assert not Usage.counted(["Zorblax " * 3]).is_split("Zorb", "lax")  # not English


def test_the_usage_file_is_the_count_of_its_source():
    """The file says where it was counted from; its counts load as written."""
    head = USAGE_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("# counted by `python -m build_scripts usage` from 328 texts")
    usage = un_usage()
    assert usage.count("Convention") > 100 and usage.pair("in", "to") > 0


def test_check_lists_every_repair_with_its_line():
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "check", "source_texts/a-res-76-181.txt"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "source_texts/a-res-76-181.txt:323: 'to up hold the' -> 'to uphold the'" in result.stdout
    assert "'Beijing, 4 –15 September' -> 'Beijing, 4–15 September'" in result.stdout


def test_no_page_of_the_collection_shows_a_word_cut_in_two(site: Path):
    """The detector over every published text, as readers get it (links, tooltips and
    footnote calls in between)."""
    found = {}
    pages = sorted((site / "resolutions").rglob("index.html")) + sorted((site / "documents").rglob("index.html"))
    assert len(pages) > 30
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for aside in soup.select(".annotations, .edition-note, .md-typeset .admonition"):
            aside.decompose()
        for block in soup.select("article p, article li"):
            if cut := split_words(" ".join(block.get_text(" ").split())):
                found.setdefault(str(path.relative_to(site)), []).extend(cut)
    assert found == {}


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")
def test_no_text_of_the_corpus_keeps_a_word_cut_in_two():
    found = {}
    for path in sorted(CORPUS.glob("*.txt")):
        document = parse_source(path, ROOT)
        for run in runs(document):
            if cut := split_words(plain_text(run.inlines)):
                found.setdefault(path.name, []).extend(cut)
    assert found == {}


def test_a_word_attested_exactly_as_often_as_each_threshold_counts_and_one_less_does_not():
    """The thresholds are counts reached, not exceeded: ATTESTED uses of a joined form make it
    a word of the UN's, FREQUENT make two real words joinable; in a damaged text, a word met
    FREQUENT times is a word of the collection."""
    from collections import Counter
    from types import SimpleNamespace

    from build_scripts.parse import repair, usage

    def made(count: int) -> Usage:
        return Usage(Counter({"against": count, "aga": 0}), Counter())

    assert made(usage.ATTESTED).is_word("against") and not made(usage.ATTESTED - 1).is_word("against")
    # Two real words ("to up hold the"): joined only when the joined word is frequent.
    words = Counter({"to": 9, "up": 9, "hold": 9, "the": 9})
    pairs = Counter({("to", "uphold"): 1, ("uphold", "the"): 1})
    for count, joined in [(usage.FREQUENT, True), (usage.FREQUENT - 1, False)]:
        u = Usage(words | Counter({"uphold": count}), pairs)
        assert u.is_split("up", "hold", "to", "the") is joined, count
    damaged = SimpleNamespace(layout="pdftotext", slug="a-res-1-1")
    for count, known in [(repair.FREQUENT, True), (repair.FREQUENT - 1, False)]:
        found = repair.vocabulary([damaged], {"a-res-1-1": Counter({"Counterfeiting": count})})  # type: ignore[list-item]
        assert ("Counterfeiting" in found) is known, count
