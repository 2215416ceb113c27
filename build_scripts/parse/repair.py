"""Repair the damage an extractor did, only where the collection makes it certain.

pdftotext breaks words with stray spaces (``Operation s``, ``United N ations``), puts spaces
before punctuation (``non -State``, ``Council ,``) and loses the hyphen of a word broken at
a line end (``CounterTerrorism``, ``money laundering``). The rules:

- a space before ``, ; : . ) ”`` or after ``( “``, and a space before a hyphen glued to the
  next word (``non -State``), is never the text's: it goes;
- two pieces are joined when the joined word is attested and one piece is not a word;
- a hyphen is restored when the hyphenated form is attested and the form as extracted is not.

"Attested" means found in the texts of the collection that the extractor did not damage
(clean texts, PyMuPDF extractions, related documents), or three times or more in the others;
anything else stays as extracted. Each repair is recorded (``check`` lists them).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Container

from ..model import Document, FootnoteRef, Heading, Repair, Resolution, Text, runs
from .usage import SINGLE_LETTER_WORDS, close_ranges, join_split_words

DAMAGED_LAYOUTS = ("pdftotext",)
WORD = re.compile(r"[^\W\d_]+(?:[-‑][^\W\d_]+)*")
FREQUENT = 3  # occurrences that make a word of a damaged text a word


def _texts(document: Document) -> list[str]:
    """The running text of each run, whole, and the headings of other documents. A run is
    read whole: the annotators split its text into links and mentions, whose words are
    still the text's, so a document reads the same parsed or annotated (a build may take
    annotated documents from an earlier build)."""
    out = ["".join(i.text for i in run.inlines if not isinstance(i, FootnoteRef)) for run in runs(document)]
    if not isinstance(document, Resolution):
        out += [block.text for block in document.blocks if isinstance(block, Heading)]
    return out


def damaged_words(document: Document) -> Counter[str]:
    """The words of a damaged text as parsed, counted: what it adds to the vocabulary."""
    return Counter(w for text in _texts(document) for w in WORD.findall(text))


def vocabulary(documents: list[Document], words_of: dict[str, Counter[str]] | None = None) -> set[str]:
    """The words of the collection (``words_of``: the words of damaged texts already
    repaired, as they were parsed, by slug)."""
    clean: set[str] = set()
    damaged: Counter[str] = Counter()
    for document in documents:
        if getattr(document, "layout", "") in DAMAGED_LAYOUTS:
            known = (words_of or {}).get(document.slug)
            damaged.update(known if known is not None else damaged_words(document))
        else:
            clean.update(w for text in _texts(document) for w in WORD.findall(text))
    hyphenated = {w.replace("-", "").replace("‑", "") for w in clean if "-" in w or "‑" in w}
    # A frequent word of a damaged text is a word, unless it is a hyphenated word that lost
    # its hyphen ("CounterTerrorism", three times in one text, is still damage).
    words = clean | {w for w, n in damaged.items() if n >= FREQUENT and w not in hyphenated}
    words = {w for w in words if len(w) > 1 or w in SINGLE_LETTER_WORDS}
    # Two-word phrases of the undamaged texts: "money laundering" written so is not a lost hyphen.
    for document in documents:
        if getattr(document, "layout", "") not in DAMAGED_LAYOUTS:
            for text in _texts(document):
                tokens = WORD.findall(text)
                words.update(f"{a} {b}" for a, b in itertools.pairwise(tokens))
    return words


class Lookups:
    """The vocabulary, recording what a repair asks of it: the same answers, the same repair."""

    def __init__(self, words: set[str]) -> None:
        self.words = words
        self.asked: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        found = word in self.words
        self.asked[str(word)] = found
        return found


def _is_word(piece: str, words: Container[str]) -> bool:
    return piece in words or piece.lower() in words


# Compiled once: the repair runs on every text of every damaged document.
SPACE_BEFORE_CLOSER = re.compile(r"(?<=\S) +(?=[,;:.)”])")
SPACE_AFTER_OPENER = re.compile(r"(?<=[(“]) +")
SPACE_BEFORE_HYPHEN = re.compile(r"(?<=[^\W\d_]) -(?=[^\W_])")
LEFT_PIECE = re.compile(r"(?P<before>[(“‘\"']*)(?P<word>[^\W\d_]+(?:[-‑][^\W\d_]+)*)")
RIGHT_PIECE = re.compile(r"(?P<word>[^\W\d_]+)(?P<after>[.,;:)”’\"']*)")
GLUED = re.compile(r"(?<![\w-])[^\W\d_]{5,}(?![\w-])")


def repair_text(text: str, words: Container[str]) -> str:
    # Spaces the typography never has.
    text = SPACE_BEFORE_CLOSER.sub("", text)
    text = SPACE_AFTER_OPENER.sub("", text)
    text = SPACE_BEFORE_HYPHEN.sub("-", text)

    # Pieces split by a stray space, left to right: "United N ations", "Operation s", and
    # with punctuation outside the word: "proper ty," is "property,".
    pieces = text.split(" ")
    i = 0
    while i + 1 < len(pieces):
        left = LEFT_PIECE.fullmatch(pieces[i])
        right = RIGHT_PIECE.fullmatch(pieces[i + 1])
        if left and right:
            a, b = left["word"], right["word"]
            joined = a + b
            both_words = _is_word(a, words) and _is_word(b, words)
            if _is_word(joined, words) and not both_words:
                pieces[i : i + 2] = [left["before"] + joined + right["after"]]
                continue
            hyphenated = f"{a}-{b}"
            if hyphenated in words and f"{a} {b}" not in words and not _is_word(joined, words):
                # "money laundering" where the texts write "money-laundering"
                pieces[i : i + 2] = [left["before"] + hyphenated + right["after"]]
                continue
        i += 1
    text = " ".join(pieces)

    def hyphen(m: re.Match[str]) -> str:
        # "CounterTerrorism", "matchfixing": two attested words glued where a hyphen was.
        word = m[0]
        if word in words:
            return word
        for cut in range(2, len(word) - 1):
            candidate = f"{word[:cut]}-{word[cut:]}"
            if candidate in words:
                return candidate
        return word

    return GLUED.sub(hyphen, text)


def repair_document(document: Resolution, words: Container[str]) -> list[Repair]:
    """Damage the collection's words attest (see the module's rules), repaired in place."""
    return _repair_runs(document, lambda text: repair_text(text, words))


def join_split(document: Document) -> list[Repair]:
    """Words cut in two and ranges with a stray space, in any text (``parse/usage.py``)."""
    return _repair_runs(document, lambda text: close_ranges(join_split_words(text)))


def _repair_runs(document: Document, fix: Callable[[str], str]) -> list[Repair]:
    """``fix`` applied to every plain text of the document's runs, in place: what it changed."""
    repairs: list[Repair] = []
    for run in runs(document):
        for position, item in enumerate(run.inlines):
            if isinstance(item, Text):
                fixed = fix(item.text)
                if fixed != item.text:
                    repairs.extend(_differences(run.line, item.text, fixed))
                    run.inlines[position] = Text(fixed, item.italic)
    return repairs


def _differences(line: int, before: str, after: str) -> list[Repair]:
    import difflib

    a, b = before.split(" "), after.split(" ")
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append(Repair(line, " ".join(a[max(0, i1 - 1) : i2 + 1]), " ".join(b[max(0, j1 - 1) : j2 + 1])))
    return out
