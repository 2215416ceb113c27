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
from dataclasses import dataclass

from ..model import Collection, Document, Resolution, Text, runs

DAMAGED_LAYOUTS = ("pdftotext",)
WORD = re.compile(r"[^\W\d_]+(?:[-‑][^\W\d_]+)*")
SINGLE_LETTER_WORDS = {"a", "A", "I"}
FREQUENT = 3  # occurrences that make a word of a damaged text a word


@dataclass(frozen=True)
class Repair:
    line: int
    found: str
    made: str


def _texts(document: Document) -> list[str]:
    if isinstance(document, Resolution):
        return [i.text for run in runs(document) for i in run.inlines if isinstance(i, Text)]
    out: list[str] = []
    for block in document.blocks:
        for run in getattr(block, "items", None) or [getattr(block, "content", [])]:
            out.extend(i.text for i in run if isinstance(i, Text))
        if hasattr(block, "text"):
            out.append(block.text)  # type: ignore[union-attr]
    return out


def vocabulary(documents: list[Document]) -> set[str]:
    clean: set[str] = set()
    damaged: Counter[str] = Counter()
    for document in documents:
        words = [w for text in _texts(document) for w in WORD.findall(text)]
        if getattr(document, "layout", "") in DAMAGED_LAYOUTS:
            damaged.update(words)
        else:
            clean.update(words)
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


def _is_word(piece: str, words: set[str]) -> bool:
    return piece in words or piece.lower() in words


def repair_text(text: str, words: set[str]) -> str:
    # Spaces the typography never has.
    text = re.sub(r"(?<=\S) +(?=[,;:.)”])", "", text)
    text = re.sub(r"(?<=[(“]) +", "", text)
    text = re.sub(r"(?<=[^\W\d_]) -(?=[^\W_])", "-", text)

    # Pieces split by a stray space, left to right: "United N ations", "Operation s", and
    # with punctuation outside the word: "proper ty," is "property,".
    pieces = re.split(r"( )", text)
    i = 0
    while i + 2 < len(pieces):
        left = re.fullmatch(r"(?P<before>[(“‘\"']*)(?P<word>[^\W\d_]+(?:[-‑][^\W\d_]+)*)", pieces[i])
        right = re.fullmatch(r"(?P<word>[^\W\d_]+)(?P<after>[.,;:)”’\"']*)", pieces[i + 2])
        if left and right:
            a, b = left["word"], right["word"]
            joined = a + b
            both_words = _is_word(a, words) and _is_word(b, words)
            if _is_word(joined, words) and not both_words:
                pieces[i : i + 3] = [left["before"] + joined + right["after"]]
                continue
            hyphenated = f"{a}-{b}"
            if hyphenated in words and f"{a} {b}" not in words and not _is_word(joined, words):
                # "money laundering" where the texts write "money-laundering"
                pieces[i : i + 3] = [left["before"] + hyphenated + right["after"]]
                continue
        i += 2
    text = "".join(pieces)

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

    return re.sub(r"(?<![\w-])[^\W\d_]{5,}(?![\w-])", hyphen, text)


def repair_document(document: Resolution, words: set[str]) -> list[Repair]:
    repairs: list[Repair] = []
    for run in runs(document):
        for position, item in enumerate(run.inlines):
            if isinstance(item, Text):
                fixed = repair_text(item.text, words)
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


def repair_collection(collection: Collection) -> dict[str, list[Repair]]:
    """Repair every damaged text in place; the repairs made, by document slug."""
    damaged = [r for r in collection.resolutions if r.layout in DAMAGED_LAYOUTS]
    if not damaged:
        return {}  # the vocabulary reads every word of the collection: only for damage to repair
    words = vocabulary(collection.all())
    return {r.slug: repair_document(r, words) for r in damaged}
