"""The rules of split-word repair in process, on usages and texts made for them (the fast
loop): how the UN's usage is counted and asked, where in a text a word cut in two is found,
and what vocabulary the collection attests. The real texts are in tests/test_split_words.py."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

from test_parse_resolution import parse
from wordfreq import zipf_frequency

from build_scripts.parse import repair
from build_scripts.parse.usage import ATTESTED, ENGLISH, FREQUENT, Usage, join_split_words, split_words


def test_a_word_is_counted_with_its_lower_case_form_and_a_pair_likewise():
    usage = Usage(
        Counter({"Police": 2, "police": 3, "POLICE": 7}), Counter({("The", "police"): 1, ("the", "police"): 4})
    )
    assert usage.count("Police") == 5 and usage.count("police") == 3 and usage.count("POLICE") == 10
    assert usage.pair("The", "police") == 5 and usage.pair("the", "police") == 4
    assert usage.pair("THE", "police") == 4 and usage.pair("police", "The") == 0


def usage_of(words: dict[str, int], pairs: dict[tuple[str, str], int] | None = None) -> Usage:
    return Usage(Counter(words), Counter(pairs or {}))


def test_a_joined_word_must_be_attested_by_both_authorities_from_their_thresholds():
    assert usage_of({"convention": ATTESTED}).is_split("conve", "ntion")
    assert not usage_of({"convention": ATTESTED - 1}).is_split("conve", "ntion")
    # wordfreq's Zipf scale: a word exactly at the threshold is English; below, not.
    at = "abattoir"
    assert zipf_frequency(at, "en") == ENGLISH
    assert usage_of({at: ATTESTED}).is_split("abat", "toir")
    assert not usage_of({"abattoirx": ATTESTED}).is_split("abat", "toirx")


def test_a_letter_beside_a_word_is_a_part_or_an_annex_not_a_piece():
    usage = usage_of({"Land": 5, "and": 50, "Plan": 9, "PlanB": 3, "ID": 4, "IDand": 3})
    assert not usage.is_split("L", "and")  # "48/75 L and"
    assert not usage.is_split("Plan", "B")
    # "A" and "I" are words, not labels; and a label is one capital letter only.
    assert usage_of({"Aand": 3, "and": 50}).is_split("A", "and") is False  # two words, never paired
    assert usage_of({"Ahead": 3, "head": 9}).is_split("A", "head") is False
    assert usage_of({"Land": 5, "and": 50}).is_split("L", "and", "of", "the") is False
    assert usage_of({"IDand": 3}).is_split("ID", "and") is False  # "ID" no word, "and" not either here
    assert usage_of({"Band": 5, "and": 50}).is_split("B", "and") is False


def test_two_real_words_are_joined_only_between_the_neighbours_the_un_writes_them_with():
    words = {"to": 9, "up": 9, "hold": 9, "the": 9, "uphold": FREQUENT}
    both = usage_of(words, {("to", "uphold"): 1, ("uphold", "the"): 1})
    assert both.is_split("up", "hold", "to", "the")
    assert not usage_of(words, {("to", "uphold"): 1}).is_split("up", "hold", "to", "the")
    assert not usage_of(words, {("uphold", "the"): 1}).is_split("up", "hold", "to", "the")
    assert not both.is_split("up", "hold", None, "the") and not both.is_split("up", "hold", "to", None)


USAGE = usage_of({"Convention": 9, "against": 9, "Crime": 9, "welcome": 9, "the": 99, "Organized": 9})


def test_words_cut_in_two_are_found_anywhere_in_a_text_and_each_once():
    assert split_words("Conve ntion against", USAGE) == ["Conve ntion"]  # at the start
    assert split_words("the Conve ntion", USAGE) == ["Conve ntion"]  # at the end
    assert split_words("aga inst Cri me", USAGE) == ["aga inst", "Cri me"]  # one after the other
    assert split_words("w elcome the Conve ntion aga inst", USAGE) == ["w elcome", "Conve ntion", "aga inst"]
    assert split_words("Conve ntion", USAGE) == ["Conve ntion"]
    assert split_words("Convention", USAGE) == [] and split_words("", USAGE) == []
    # A piece joins one neighbour only: "Conve ntion ntion" is one word and a stray piece.
    assert split_words("Conve ntion ntion", USAGE) == ["Conve ntion"]


def test_joined_words_keep_the_text_around_them():
    assert join_split_words("(the Conve ntion, aga inst Organized Cri me).", USAGE) == (
        "(the Convention, against Organized Crime)."
    )
    assert join_split_words("nothing to join here", USAGE) == "nothing to join here"


def test_the_usage_counted_keeps_the_pairs_the_rule_asks_about():
    texts = ["to uphold the law", "to uphold the law", "up hold", "up hold", "a drive way", "uphold uphold uphold"]
    usage = Usage.counted(texts)
    assert usage.words == Counter(
        {"uphold": 5, "to": 2, "the": 2, "law": 2, "up": 2, "hold": 2, "a": 1, "drive": 1, "way": 1}
    )
    # "up hold": its joined form is a word. "to uphold" and "uphold the": beside "uphold",
    # written FREQUENT times and made of two words of the usage. "the law", "a drive",
    # "drive way" ("driveway" is not written, and "drive" once is no word): none.
    assert usage.pairs == Counter(
        {("to", "uphold"): 2, ("uphold", "the"): 2, ("up", "hold"): 2, ("uphold", "uphold"): 2}
    )
    dumped = usage.dump("five texts")
    assert dumped.splitlines()[:3] == ["# five texts", "# kind\tword(s)\tcount", "word\ta\t1"]
    assert "pair\tto uphold\t2" in dumped and dumped.endswith("pair\tuphold uphold\t2\n")


def test_the_vocabulary_is_the_clean_texts_words_and_what_damaged_texts_say_often():
    clean = parse("Noting the money-laundering and money laundering of A and I,\n\n1. *Decides* to act.\n")
    damaged = SimpleNamespace(layout="pdftotext", slug="a-res-1-1")
    words_of = {"a-res-1-1": Counter({"moneylaundering": 9, "Counterfeiting": repair.FREQUENT, "Rare": 1, "x": 9})}
    found = repair.vocabulary([clean, damaged], words_of)  # type: ignore[list-item]
    assert {"Noting", "money-laundering", "laundering", "act", "A", "I", "Counterfeiting"} <= found
    assert "moneylaundering" not in found  # a hyphenated word of a clean text, damaged
    assert "Rare" not in found and "x" not in found  # met once; a letter that is no word
    assert "money laundering" in found and "the money-laundering" in found  # clean texts' phrases
    assert not any(" " in w for w in found if "Counterfeiting" in w)  # damaged texts give no phrases
    # A damaged text not yet counted is counted from its words as parsed.
    damaged_parsed = parse("Noting Counterfeiting Counterfeiting Counterfeiting,\n\n1. *Decides* to act.\n")
    damaged_parsed.layout = "pdftotext"
    assert "Counterfeiting" in repair.vocabulary([damaged_parsed])
    assert "Counterfeiting" not in repair.vocabulary([damaged_parsed], {damaged_parsed.slug: Counter()})
    assert "Noting Counterfeiting" not in repair.vocabulary([damaged_parsed])


def test_the_usage_counts_a_compound_only_if_it_is_frequent_and_made_of_two_words():
    texts = ["apart"] * FREQUENT + ["is apart"] * 2 + ["part part", "a"]  # "a" + "part": split at the first letter
    texts += ["lawful lawful"] + ["lawful"] * (FREQUENT - 2) + ["law law"]  # "law" + "ful": "ful" is no word
    texts += ["the update", "date date", "up up"]  # "up" + "date", written once: not frequent
    usage = Usage.counted(texts)
    assert usage.pairs[("is", "apart")] == 2
    assert ("lawful", "lawful") not in usage.pairs and ("the", "update") not in usage.pairs


def test_a_repair_joins_pieces_anywhere_in_a_text_and_keeps_its_spacing():
    words = {"nations", "Operations", "United", "of"}
    assert repair.repair_text("N ations of", words) == "Nations of"  # at the start; by its lower case
    assert repair.repair_text("United N ations of the Operation s", words) == "United Nations of the Operations"
    assert repair.repair_text("United  N ations", words) == "United  Nations"  # two spaces stay two
    assert repair.repair_text("(“N ations ,", words) == "(“Nations,"


def test_a_lost_hyphen_is_restored_between_two_letters_at_least_on_each_side():
    assert repair.repair_text("reexamine", {"re-examine"}) == "re-examine"  # two letters before
    assert repair.repair_text("abcdef", {"abcd-ef"}) == "abcd-ef"  # two letters after
    assert repair.repair_text("emailing", {"e-mailing"}) == "emailing"  # one letter: never
    assert repair.repair_text("abcdef", {"abcde-f"}) == "abcdef"
    assert repair.repair_text("Counterterrorism", {"Counterterrorism", "Counter-terrorism"}) == "Counterterrorism"


def test_a_lookup_remembers_each_answer_it_gave():
    lookups = repair.Lookups({"Nations"})
    assert "Nations" in lookups and "nations" not in lookups
    assert lookups.asked == {"Nations": True, "nations": False}


def test_a_repair_is_recorded_with_its_line_and_the_words_around_it():
    from build_scripts.model import Repair

    assert repair._differences(7, "the  United N ations of", "the  United Nations of") == [
        Repair(7, "United N ations of", "United Nations of")
    ]
    # A long run of one word ("the" 250 times) is matched like any other words (difflib's
    # "autojunk" would ignore it, and the whole text would be one repair).
    long_before = " ".join(["Recalling", *["the"] * 250, "N", "ations"])
    long_after = " ".join(["Noting", *["the"] * 250, "Nations"])
    assert repair._differences(1, long_before, long_after) == [
        Repair(1, "Recalling the", "Noting the"),
        Repair(1, "the N ations", "the Nations"),
    ]


def test_the_vocabulary_takes_the_non_breaking_hyphen_and_two_letter_words_and_a_pages_headings():
    from conftest import ROOT

    from build_scripts.site.pipeline import parse_source

    clean = parse("Noting the money\u2011laundering of us,\n\n1. *Decides* to act.\n")
    damaged = SimpleNamespace(layout="pdftotext", slug="a-res-1-1")
    found = repair.vocabulary([clean, damaged], {"a-res-1-1": Counter({"moneylaundering": 9})})  # type: ignore[list-item]
    assert "money\u2011laundering" in found and "moneylaundering" not in found
    assert {"of", "us", "to"} <= found
    page = parse_source(ROOT / "source_texts" / "interpol-international-day-of-police-cooperation.txt", ROOT)
    found = repair.vocabulary([page])
    # "Why a UN International Day?", "The need for global collaboration": words of its
    # headings alone, and words of its paragraphs.
    assert {"Why", "collaboration"} <= found and {"INTERPOL", "police"} <= found


def test_a_pair_the_un_writes_apart_stays_apart_when_both_are_english_from_the_threshold():
    # "achiever" is exactly at the threshold of English: with "s", a pair written apart.
    assert zipf_frequency("achiever", "en") == ENGLISH
    assert usage_of({"achievers": ATTESTED}).is_split("achiever", "s")
    assert not usage_of({"achievers": ATTESTED}, {("achiever", "s"): 1}).is_split("achiever", "s")
    # A word beside a letter after it: "Lan D" is a part's letter, not "LanD".
    assert not usage_of({"land": 9, "Lan": ATTESTED}).is_split("Lan", "D")


def test_two_real_words_need_both_neighbours_at_a_texts_edges():
    words = {"to": 9, "up": 9, "hold": 9, "the": 9, "uphold": FREQUENT}
    usage = usage_of(words, {("to", "uphold"): 1, ("uphold", "the"): 1})
    assert split_words("to up hold the", usage) == ["up hold"]  # one word after: enough
    assert split_words("up hold the to", usage) == []  # nothing before: not joined
    assert split_words("the to up hold", usage) == []  # nothing after


def test_a_hyphen_restored_does_not_stop_the_repairs_after_it():
    words = {"money-laundering", "Nations", "and"}
    assert repair.repair_text("money laundering and N ations", words) == "money-laundering and Nations"


def test_a_repaired_text_keeps_its_emphasis():
    from build_scripts.model import Text, runs

    document = parse("Noting the *Convention against* Transnational Organized Crime,\n\n1. *Decides* to act.\n")
    inlines = next(iter(runs(document))).inlines
    inlines[2:4] = [Text("Conve ntion against", True), Text(" Transnational Organized Cri me,", False)]  # damaged
    repairs = repair.join_split(document)
    found = [(r.found, r.made) for r in repairs]
    assert found == [("Conve ntion against", "Convention against"), ("Organized Cri me,", "Organized Crime,")]
    assert inlines[2:] == [Text("Convention against", True), Text(" Transnational Organized Crime,", False)]
    assert inlines[3].italic is False
