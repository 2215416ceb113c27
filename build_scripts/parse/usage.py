"""Words split by a stray space, found by the UN's own usage and an English word list.

An extractor sometimes cuts a word in two (``Conve ntion``, ``aga inst``, ``w elcome``,
``to up hold the Charter``). Two neighbouring pieces ``a b`` are one word when:

- the joined word is attested by both authorities: the UN's usage (the words of a whole
  session of General Assembly resolutions, ``un_usage.tsv``), twice, and the English word
  list of ``wordfreq``;
- and either a piece is no word of the UN's (``ntion``, ``elcome``, ``nd``), or both are
  words, the UN never writes them so as two words (``in to`` and ``a part`` occur, so they
  stay as printed), and the joined word is frequent and fits its neighbours as the UN writes
  them (``to uphold`` and ``uphold the``, where ``a gain in money`` stays two words: "a
  again" is never written).

The rule reads only the pieces, their neighbours and the two authorities, so a text of any
kind, layout or session gets the same treatment; ``python -m build_scripts usage`` counts
the usage file anew from a folder of texts.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import cache
from pathlib import Path

from wordfreq import zipf_frequency

USAGE_FILE = Path(__file__).with_name("un_usage.tsv")
# A word: letters, with inner hyphens or apostrophes, glued to no digit, hyphen or slash
# ("42nd" holds no "nd", "S-10/2" no "S").
TOKEN = re.compile(r"(?<![\w/‑-])[^\W\d_]+(?:[-‑'’][^\W\d_]+)*(?![\w/‑-])")
SINGLE_LETTER_WORDS = frozenset("aAI")
ATTESTED = 2  # occurrences in the UN's usage that make a joined form a word
FREQUENT = 5  # ... that make it a word that two real words may have been cut from
ENGLISH = 2.5  # wordfreq's Zipf scale: about 3 in 10 million words of English text


class Usage:
    """How often the UN writes each word, and each pair of words that matters here."""

    def __init__(self, words: Counter[str], pairs: Counter[tuple[str, str]]) -> None:
        self.words = words
        self.pairs = pairs

    def count(self, word: str) -> int:
        get = self.words.get  # not the Counter's own lookup: a missing word costs a call there
        lower = word.lower()
        return get(word, 0) + get(lower, 0) if lower != word else get(word, 0)

    def is_word(self, piece: str) -> bool:
        """A word the UN writes: a single letter only if ``a``, ``A`` or ``I``; else written
        twice (a piece written once may be the same damage elsewhere)."""
        if len(piece) == 1:
            return piece in SINGLE_LETTER_WORDS
        return self.count(piece) >= ATTESTED

    def pair(self, a: str, b: str) -> int:
        return self.pairs[(a, b)] + (self.pairs[(a.lower(), b)] if a.lower() != a else 0)

    def is_split(self, a: str, b: str, before: str | None = None, after: str | None = None) -> bool:
        """Whether ``a b`` (between ``before`` and ``after``) is one word cut in two."""
        joined = a + b
        if self.count(joined) < ATTESTED or zipf_frequency(joined, "en") < ENGLISH:
            return False
        if self.pair(a, b) and _english(a) and _english(b):
            return False  # the UN writes them as two words ("in to", "fresh water")
        if (_label(a) and self.is_word(b)) or (_label(b) and self.is_word(a)):
            return False  # a part or annex letter beside a word: "48/75 L and", "Plan B"
        if not (self.is_word(a) and self.is_word(b)):
            return True
        # Two words: join only a frequent word written beside the same neighbours.
        if self.count(joined) < FREQUENT or before is None or after is None:
            return False
        return bool(self.pair(before, joined)) and bool(self.pair(joined, after))

    @staticmethod
    def counted(texts: list[str]) -> Usage:
        """The usage of ``texts``: every word, and the pairs the rule asks about (a pair whose
        joined form is a word, and the neighbours of a word made of two words)."""
        words: Counter[str] = Counter()
        pairs: Counter[tuple[str, str]] = Counter()
        for text in texts:
            tokens = TOKEN.findall(text)
            words.update(tokens)
            pairs.update(itertools.pairwise(tokens))
        usage = Usage(words, Counter())

        def compound(word: str) -> bool:
            return any(usage.is_word(word[:i]) and usage.is_word(word[i:]) for i in range(1, len(word)))

        compounds = {w for w, n in words.items() if n >= FREQUENT and compound(w)}
        usage.pairs = Counter(
            {(a, b): n for (a, b), n in pairs.items() if a + b in words or a in compounds or b in compounds}
        )
        return usage

    def dump(self, source: str) -> str:
        lines = [f"# {source}", "# kind\tword(s)\tcount"]
        lines += [f"word\t{w}\t{n}" for w, n in sorted(self.words.items())]
        lines += [f"pair\t{a} {b}\t{n}" for (a, b), n in sorted(self.pairs.items())]
        return "\n".join(lines) + "\n"


def _english(word: str) -> bool:
    return zipf_frequency(word, "en") >= ENGLISH


def _label(piece: str) -> bool:
    return len(piece) == 1 and piece.isupper() and piece not in SINGLE_LETTER_WORDS


@cache
def un_usage() -> Usage:
    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for line in USAGE_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        kind, text, count = line.split("\t")
        if kind == "word":
            words[text] = int(count)
        else:
            a, b = text.split(" ")
            pairs[(a, b)] = int(count)
    return Usage(words, pairs)


def _splits(text: str, usage: Usage | None) -> list[tuple[re.Match[str], re.Match[str]]]:
    """The neighbouring pieces of ``text`` that are one word cut in two, left to right."""
    usage = usage or un_usage()
    tokens = list(TOKEN.finditer(text))
    pieces = [token[0] for token in tokens]
    known = usage.words
    # Most neighbours joined are no word the UN writes, which ``is_split`` would say first:
    # they are set aside in one pass.
    joined = [a + b for a, b in itertools.pairwise(pieces)]
    candidates = [i for i, word in enumerate(joined) if word in known or word.lower() in known]
    found = []
    free = 0  # the first piece not yet joined to the one before it
    for i in candidates:
        left, right = tokens[i], tokens[i + 1]
        if i < free or left.end() + 1 != right.start() or text[left.end()] != " ":
            continue
        before = pieces[i - 1] if i > 0 else None
        after = pieces[i + 2] if i + 2 < len(pieces) else None
        if usage.is_split(pieces[i], pieces[i + 1], before, after):
            found.append((left, right))
            free = i + 2
    return found


def split_words(text: str, usage: Usage | None = None) -> list[str]:
    """The words cut in two in ``text``, as printed ("Conve ntion"): the detector."""
    return [f"{left[0]} {right[0]}" for left, right in _splits(text, usage)]


def join_split_words(text: str, usage: Usage | None = None) -> str:
    """``text`` with every word cut in two joined again (punctuation around it kept)."""
    out: list[str] = []
    position = 0
    for left, right in _splits(text, usage):
        out.append(text[position : left.end()])
        position = right.start()
    return "".join(out) + text[position:]


# A range printed with a stray space on one side of its dash: "4 –15 September", "2016- 2020"
# (a space on both sides may be the text's own spacing).
SPACED_RANGE = re.compile(r"(?<=\d)(?: ([–-])|([–-]) )(?=\d)")


def close_ranges(text: str) -> str:
    return SPACED_RANGE.sub(lambda m: m[1] or m[2], text)
