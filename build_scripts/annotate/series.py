"""Resolution series and what changed from one resolution to the next.

A series is the resolutions that share a title (normalised), ordered by adoption date;
it forms by itself when a text with the same title is added. ``source_texts/series.yml``
may group or separate texts explicitly.

Each paragraph of the newer text is matched with the paragraph of the older one that it
continues, by the similarity of their words (difflib's SequenceMatcher), whatever their
numbers: renumbering is not a change. A pair is "unchanged" when the words are the same,
"changed" otherwise (with a word-level diff); paragraphs left over are "new" or "dropped".

Words are compared, not typography: hyphen and dash variants, straight and curly quotes,
spaces and emphasis are the same word. A pair that differs only so is "unchanged", noted
as a change of typography only.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Literal

from ..editorial import load_editorial
from ..memo import Memo, digest, remembered
from ..model import (
    Collection,
    DocumentLink,
    FootnoteRef,
    Inline,
    OperativeParagraph,
    PreambularParagraph,
    Resolution,
    Subparagraph,
    TermMention,
    Text,
    first_words,
)

# Below this share of common words, two paragraphs are different paragraphs wherever they are.
MATCH_THRESHOLD = 0.6
# In its place among the others (a global alignment keeps the order of both texts), a
# paragraph rewritten this far is still the same paragraph: 73/11's op1 continues 71/19's
# op1 with items added; the common words are counted against the shorter paragraph.
ALIGNED_THRESHOLD = 0.4
OPENING = 20  # words that open a paragraph


def _typography() -> dict[int, str]:
    """Typography that does not change a word, by Unicode's own classes rather than a list
    of the variants met so far: every dash (and the minus sign) is a hyphen, every quotation
    mark, apostrophe and prime one quote, every space a space."""
    table: dict[int, str] = {}
    for code in range(0x10000):
        char = chr(code)
        name = unicodedata.name(char, "")
        if unicodedata.category(char) == "Pd" or name == "MINUS SIGN":
            table[code] = "-"
        elif "QUOTATION MARK" in name or name in {"APOSTROPHE", "PRIME", "DOUBLE PRIME", "MODIFIER LETTER APOSTROPHE"}:
            table[code] = "'"
        elif unicodedata.category(char) == "Zs":
            table[code] = " "
    return table


TYPOGRAPHY = _typography()


def same_word(word: str) -> str:
    """A word as compared: its typography made uniform."""
    return word.translate(TYPOGRAPHY)


ChangeKind = Literal["unchanged", "changed", "new", "dropped"]


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a paragraph, or a footnote call, with the inline it came from."""

    text: str  # what is compared ("" for a footnote call)
    inline: Inline
    space: bool = True  # whether a space came before it in the text


@dataclass(slots=True)
class ParagraphChange:
    """A paragraph of the newer text and the one of the older that it continues, by their
    places in the two texts: a comparison holds neither text's words, so that the texts can
    stay packed (``model.Packable``); the paragraphs and their word diff are read when
    asked for."""

    kind: ChangeKind
    newer: Resolution
    older: Resolution
    part: Literal["preamble", "operative"]
    new_at: int | None  # the paragraph's index in the newer text's part
    old_at: int | None
    new_anchor: str | None  # the paragraphs' anchors: what the histories and exports need of them
    old_anchor: str | None
    similarity: float
    typography_only: bool = False  # "unchanged", though hyphens, quotes or emphasis differ
    moved: bool = False  # out of the order of the others: moved from elsewhere in the text

    @property
    def new(self) -> PreambularParagraph | OperativeParagraph | None:
        return None if self.new_at is None else getattr(self.newer, self.part)[self.new_at]  # type: ignore[no-any-return]

    @property
    def old(self) -> PreambularParagraph | OperativeParagraph | None:
        return None if self.old_at is None else getattr(self.older, self.part)[self.old_at]  # type: ignore[no-any-return]

    @property
    def diff(self) -> list[tuple[str, list[Token]]]:
        """For "changed": the newer text as (op, tokens) runs, op in equal/insert/delete."""
        new, old = self.new, self.old
        return word_diff(old, new) if self.kind == "changed" and old is not None and new is not None else []


@dataclass
class Comparison:
    older: Resolution
    newer: Resolution
    preamble: list[ParagraphChange]
    operative: list[ParagraphChange]
    _by_anchor: dict[str, ParagraphChange] | None = field(default=None, init=False, repr=False, compare=False)

    def counts(self, part: str) -> dict[str, int]:
        changes = self.preamble if part == "preamble" else self.operative
        return {k: sum(1 for c in changes if c.kind == k) for k in ("unchanged", "changed", "new", "dropped")}

    def change_for(self, anchor: str) -> ParagraphChange | None:
        if self._by_anchor is None:  # asked once per paragraph: index the changes once
            self._by_anchor = {c.new_anchor: c for c in [*self.preamble, *self.operative] if c.new_anchor is not None}
        return self._by_anchor.get(anchor)


@dataclass
class Series:
    id: str
    title: str
    members: list[Resolution]  # by adoption date
    _positions: dict[str, int] | None = field(default=None, init=False, repr=False, compare=False)

    def neighbours(self, r: Resolution) -> tuple[Resolution | None, Resolution | None]:
        if self._positions is None:  # asked for every member: not a scan of the members each time
            self._positions = {m.slug: i for i, m in enumerate(self.members)}
        i = self._positions[r.slug]
        return (
            self.members[i - 1] if i else None,
            self.members[i + 1] if i + 1 < len(self.members) else None,
        )


def normalise_title(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


def series_id(title: str) -> str:
    words = normalise_title(title).split()
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 60:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


def load_overrides(path: Path, shown: str) -> list[dict[str, object]]:
    """series.yml: a list of {id, title, members: [slugs]} that replace the automatic grouping."""
    if not path.exists():
        return []
    return list(load_editorial(path, shown, "series").data or [])


def find_series(resolutions: list[Resolution], overrides: list[dict[str, object]]) -> list[Series]:
    by_slug = {r.slug: r for r in resolutions}
    assigned: set[str] = set()
    series: list[Series] = []
    for entry in overrides:
        members = [by_slug[s] for s in entry["members"] if s in by_slug]  # type: ignore[union-attr]
        assigned.update(r.slug for r in members)
        if len(members) > 1:
            # Untitled, a series is named after its latest member, as one found by title is.
            members.sort(key=lambda r: (r.date, r.meta.symbol))
            title = str(entry.get("title") or members[-1].title)
            series.append(Series(str(entry.get("id") or series_id(title)), title, members))
    groups: dict[str, list[Resolution]] = {}
    for r in resolutions:
        if r.slug not in assigned:
            groups.setdefault(normalise_title(r.title), []).append(r)
    for members in groups.values():
        if len(members) > 1:
            members.sort(key=lambda r: (r.date, r.meta.symbol))
            series.append(Series(series_id(members[-1].title), members[-1].title, members))
    for s in series:
        s.members.sort(key=lambda r: (r.date, r.meta.symbol))
    return sorted(series, key=lambda s: s.id)


# --- comparison ---------------------------------------------------------------------------


def tokens(inlines: list[Inline]) -> list[Token]:
    out: list[Token] = []
    space = False  # was there a space before the next token?
    for item in inlines:
        if isinstance(item, FootnoteRef):
            out.append(Token("", item, False))
        elif isinstance(item, (DocumentLink, TermMention)):
            out.append(Token(item.text, item, space))
            space = False
        else:
            assert isinstance(item, Text)
            for word in re.findall(r"\S+|\s+", item.text):
                if word.isspace():
                    space = True
                else:
                    out.append(Token(word, Text(word, item.italic), space))
                    space = False
    return out


def paragraph_inlines(p: PreambularParagraph | OperativeParagraph) -> list[Inline]:
    """A paragraph's words as one run: the action phrase, the text, its subparagraphs."""
    if isinstance(p, PreambularParagraph):
        return list(p.content)
    run: list[Inline] = []
    if p.action_phrase:
        run += [Text(p.action_phrase, italic=True), Text(p.phrase_gap)]
    run += p.content

    def walk(subs: list[Subparagraph]) -> None:
        for sub in subs:
            run.extend([Text(f" ({sub.label}) "), *sub.content])
            walk(sub.subparagraphs)

    walk(p.subparagraphs)
    for extra in p.continuation:
        run.extend([Text(" "), *extra])
    return run


def _words(p: PreambularParagraph | OperativeParagraph) -> list[str]:
    """The words of a paragraph as compared: emphasis and typography left out (a word
    half in italics is one word)."""
    text = "".join(item.text for item in paragraph_inlines(p) if isinstance(item, (Text, DocumentLink, TermMention)))
    return same_word(text).split()


def _raw_words(p: PreambularParagraph | OperativeParagraph) -> list[tuple[str, bool]]:
    """The words with their typography and emphasis: what "typography only" is measured on."""
    words: list[tuple[str, bool]] = []
    for item in paragraph_inlines(p):
        if isinstance(item, (Text, DocumentLink, TermMention)):
            words += [(w, item.italic) for w in item.text.split()]
    return words


# A paragraph change by positions: (kind, index in the newer text or None, index in the
# older or None, similarity, typography only, the two paragraphs' anchors). Found apart
# from the model's objects, so that a worker process can find it and send it back small.
Pairing = tuple[ChangeKind, int | None, int | None, float, bool, str | None, str | None, bool]


def changes_of(
    older: Resolution, newer: Resolution, part: Literal["preamble", "operative"], found: list[Pairing]
) -> list[ParagraphChange]:
    """The changes that pairings name, in one part of the two texts."""
    return [
        ParagraphChange(
            sys.intern(kind),  # type: ignore[arg-type]
            newer,
            older,
            part,
            i,
            j,
            sys.intern(new) if new is not None else None,
            sys.intern(old) if old is not None else None,
            similarity,
            typography,
            moved,
        )
        for kind, i, j, similarity, typography, new, old, moved in found
    ]


def pairings(
    newer: list[PreambularParagraph] | list[OperativeParagraph],
    older: list[PreambularParagraph] | list[OperativeParagraph],
) -> list[Pairing]:
    """Which paragraph of the newer text continues which of the older: the same words first
    (wherever they are), then a global alignment of the rest that keeps the order of both
    texts (a rewritten paragraph in its place is the same paragraph), then the likeliest of
    what is left, out of order. A pair out of the order of the others has moved."""
    new_words = [_words(p) for p in newer]
    old_words = [_words(p) for p in older]
    new_to_old: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    # Unchanged paragraphs first, by their exact words: most of a re-adopted text, and cheap.
    unused: dict[tuple[str, ...], list[int]] = {}
    for j, words in enumerate(old_words):
        unused.setdefault(tuple(words), []).append(j)
    for i, words in enumerate(new_words):
        same = unused.get(tuple(words))
        if same:
            j = min(same, key=lambda k: abs(k - i))
            same.remove(j)
            new_to_old[i] = (j, 1.0)
            taken.add(j)
    for i, j, ratio in _aligned(new_words, old_words, new_to_old, taken):
        new_to_old[i] = (j, ratio)
        taken.add(j)
    candidates: list[tuple[float, int, int, int]] = []
    for i, a in enumerate(new_words):
        if i in new_to_old:
            continue
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(a)
        for j, b in enumerate(old_words):
            if j in taken:
                continue
            matcher.set_seq1(b)
            if matcher.real_quick_ratio() < ALIGNED_THRESHOLD or matcher.quick_ratio() < ALIGNED_THRESHOLD:
                continue
            ratio = matcher.ratio()
            # Out of order: the same words, or a paragraph that opens as it did.
            if ratio < MATCH_THRESHOLD:
                ratio = _similarity(a, b) if ratio >= ALIGNED_THRESHOLD else 0.0
            if ratio >= ALIGNED_THRESHOLD:
                # Ties go to the pair whose positions are closest: the likeliest continuation.
                candidates.append((ratio, -abs(i - j), i, j))
    candidates.sort(reverse=True)
    for ratio, _, i, j in candidates:
        if i in new_to_old or j in taken:
            continue
        new_to_old[i] = (j, ratio)
        taken.add(j)
    in_order = _in_order(sorted((i, j) for i, (j, _) in new_to_old.items()))
    found: list[Pairing] = []
    for i, p in enumerate(newer):
        if i not in new_to_old:
            found.append(("new", i, None, 0.0, False, p.anchor, None, False))
            continue
        j, ratio = new_to_old[i]
        moved = (i, j) not in in_order
        if new_words[i] == old_words[j]:
            typography = _raw_words(p) != _raw_words(older[j])
            found.append(("unchanged", i, j, 1.0, typography, p.anchor, older[j].anchor, moved))
        else:
            found.append(("changed", i, j, ratio, False, p.anchor, older[j].anchor, moved))
    found.extend(
        ("dropped", None, j, 0.0, False, None, older[j].anchor, False) for j in range(len(older)) if j not in taken
    )
    return found


def _similarity(a: list[str], b: list[str]) -> float:
    """The share of words two paragraphs have in common, in order, counted against the
    shorter one (a paragraph that gained items keeps its words): 0 when one is less than a
    quarter of the other, which no rewriting makes of a paragraph, or when they open with
    other words."""
    if not a or not b or min(len(a), len(b)) * 4 < max(len(a), len(b)):
        return 0.0
    # A paragraph rewritten keeps its opening ("Calls for the strengthening of cooperation
    # between ..."): two that open otherwise are two paragraphs, whatever words they share.
    if SequenceMatcher(None, a[:OPENING], b[:OPENING], autojunk=False).ratio() < 0.75:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    common = sum(block.size for block in matcher.get_matching_blocks())
    return max(matcher.ratio(), common / min(len(a), len(b)) * 0.9)


def _aligned(
    new_words: list[list[str]], old_words: list[list[str]], paired: dict[int, tuple[int, float]], taken: set[int]
) -> list[tuple[int, int, float]]:
    """A global alignment (in the manner of Needleman and Wunsch) of the paragraphs not yet
    paired: the pairs of similar paragraphs, in the order of both texts, whose similarity
    above ``ALIGNED_THRESHOLD`` adds up most."""
    rows = [i for i in range(len(new_words)) if i not in paired]
    cols = [j for j in range(len(old_words)) if j not in taken]
    if not rows or not cols:
        return []
    score = {
        (r, c): _similarity(new_words[rows[r]], old_words[cols[c]]) for r in range(len(rows)) for c in range(len(cols))
    }
    best = [[0.0] * (len(cols) + 1) for _ in range(len(rows) + 1)]
    for r in range(1, len(rows) + 1):
        for c in range(1, len(cols) + 1):
            gain = score[(r - 1, c - 1)] - ALIGNED_THRESHOLD
            best[r][c] = max(best[r - 1][c], best[r][c - 1], best[r - 1][c - 1] + gain if gain > 0 else -1.0)
    out: list[tuple[int, int, float]] = []
    r, c = len(rows), len(cols)
    while r and c:
        gain = score[(r - 1, c - 1)] - ALIGNED_THRESHOLD
        if gain > 0 and best[r][c] == best[r - 1][c - 1] + gain:
            out.append((rows[r - 1], cols[c - 1], score[(r - 1, c - 1)]))
            r, c = r - 1, c - 1
        elif best[r][c] == best[r - 1][c]:
            r -= 1
        else:
            c -= 1
    return out


def _in_order(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest chain of pairs in the order of both texts (``pairs`` sorted by the newer
    text): the others have moved."""
    if not pairs:
        return set()
    length = [1] * len(pairs)
    before = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        for m in range(k):
            if pairs[m][1] < j and length[m] + 1 > length[k]:
                length[k], before[k] = length[m] + 1, m
    k = max(range(len(pairs)), key=lambda n: (length[n], -n))
    chain = set()
    while k != -1:
        chain.add(pairs[k])
        k = before[k]
    return chain


def word_diff(
    old: PreambularParagraph | OperativeParagraph, new: PreambularParagraph | OperativeParagraph
) -> list[tuple[str, list[Token]]]:
    a = tokens(paragraph_inlines(old))
    b = tokens(paragraph_inlines(new))
    matcher = SequenceMatcher(None, [same_word(t.text) for t in a], [same_word(t.text) for t in b], autojunk=False)
    out: list[tuple[str, list[Token]]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("equal", b[j1:j2]))
        elif op == "insert":
            out.append(("insert", b[j1:j2]))
        elif op == "delete":
            out.append(("delete", a[i1:i2]))
        else:
            out.append(("delete", a[i1:i2]))
            out.append(("insert", b[j1:j2]))
    return out


@dataclass(frozen=True, slots=True)
class Step:
    """One text of a series and what it did to a paragraph: "first", "changed", "unchanged"
    or "moved" (unchanged, elsewhere in the text; the paragraph is there, as ``anchor``), or
    "dropped" (``anchor`` is then the paragraph's anchor in the text before)."""

    resolution: Resolution
    anchor: str
    kind: str


def histories(series: list[Series], comparisons: dict[str, Comparison]) -> dict[tuple[str, str], list[Step]]:
    """For every paragraph of every series member, its history across the series: where
    it first appears, and what each later text did to it. Keyed by (slug, anchor); the
    paragraphs of one chain share one list. (Anchors are interned: read from the texts, which
    are packed, each would be a string of its own, for every paragraph of every series.)"""
    out: dict[tuple[str, str], list[Step]] = {}
    for s in series:
        first = s.members[0]
        for p in [*first.preamble, *first.operative]:
            anchor = sys.intern(p.anchor)
            out[(first.slug, anchor)] = [Step(first, anchor, "first")]
        for newer in s.members[1:]:
            comparison = comparisons[newer.slug]
            for change in [*comparison.preamble, *comparison.operative]:
                if change.kind == "dropped":
                    assert change.old_anchor is not None
                    chain = out.get((comparison.older.slug, change.old_anchor))
                    if chain is not None:
                        chain.append(Step(newer, change.old_anchor, "dropped"))
                    continue
                assert change.new_anchor is not None
                older = comparison.older.slug
                chain = [] if change.kind == "new" else out.get((older, change.old_anchor), [])  # type: ignore[arg-type]
                kind = "first" if change.kind == "new" else change.kind
                chain.append(Step(newer, change.new_anchor, "moved" if kind == "unchanged" and change.moved else kind))
                out[(newer.slug, change.new_anchor)] = chain
    return out


def summaries(resolutions: list[Resolution], comparisons: dict[str, Comparison], words: int = 20) -> dict[str, str]:
    """A one-line summary that tells texts of a series apart: what is new in a later text
    (its first new operative paragraph, else its first changed one). Texts that begin a
    series, stand alone or have an editorial summary (sidecar) keep their own."""
    out: dict[str, str] = {}
    for r in resolutions:
        comparison = comparisons.get(r.slug)
        if comparison is None or r.summary_is_editorial:
            continue
        ops = comparison.operative
        change = next((c for c in ops if c.kind == "new"), None) or next((c for c in ops if c.kind == "changed"), None)
        if change is None or not isinstance(change.new, OperativeParagraph):
            continue
        short = first_words(change.new.opening, words)
        what = "New" if change.kind == "new" else "Changed"
        out[r.slug] = f"{what} in {r.meta.session}/{r.meta.number} (para. {change.new.number}): {short}"
    return out


def compare(older: Resolution, newer: Resolution) -> Comparison:
    return _comparison(older, newer, _pairings_of(older, newer))


def _pairings_of(older: Resolution, newer: Resolution) -> tuple[list[Pairing], list[Pairing]]:
    return pairings(newer.preamble, older.preamble), pairings(newer.operative, older.operative)


def _comparison(older: Resolution, newer: Resolution, found: tuple[list[Pairing], list[Pairing]]) -> Comparison:
    preamble, operative = found
    return Comparison(
        older,
        newer,
        changes_of(older, newer, "preamble", preamble),
        changes_of(older, newer, "operative", operative),
    )


def series_and_comparisons(
    collection: Collection,
    overrides: list[dict[str, object]],
    jobs: int = 1,
    memo: Memo | None = None,
    digests: dict[str, bytes] | None = None,
) -> tuple[list[Series], dict[str, Comparison]]:
    """The series of the collection, and each later member compared with the one before.
    The pairings depend on the two texts alone: remembered by their digests (``memo``,
    ``digests`` by slug), found anew (by ``jobs`` forked processes when there are many)
    only for a pair of which one text changed."""
    series = find_series(collection.resolutions, overrides)
    pairs = [(older, newer) for s in series for older, newer in zip(s.members, s.members[1:], strict=False)]
    if memo is None or digests is None:
        memo, keys = Memo(None), [newer.slug.encode() for _, newer in pairs]  # nothing remembered
    else:
        keys = [digest("pairings", digests[older.slug], digests[newer.slug]) for older, newer in pairs]
    found = remembered(memo, keys, lambda i: _pairings_of(*pairs[i]), jobs)
    comparisons = {newer.slug: _comparison(older, newer, f) for (older, newer), f in zip(pairs, found, strict=True)}
    return series, comparisons
