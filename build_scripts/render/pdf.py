"""PDFs set by Typst from the model serialised as JSON.

One ``typst.Compiler`` serves a whole build, so the fonts load once. Each PDF is cached
under ``.cache/pdf/`` by a hash of everything it is made from (JSON, template, Typst
version, paper size): a rebuild remakes only the PDFs whose inputs changed. Only the
fonts embedded in the Typst wheel are used, so the output does not depend on the fonts
a machine happens to have, and a fixed timestamp (the adoption date) makes it
byte-identical from build to build. PDF/UA-1 conformance is checked by Typst at export.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typst

from ..annotate.glossary import Term
from ..memo import Memo, digest
from ..model import Document, Resolution
from ..workers import process_pool
from .data import document_to_dict, resolution_to_dict

TEMPLATES = Path(__file__).parent.parent / "templates"
PAPERS = ("a4", "us-letter")


class PdfError(Exception):
    pass


def short_title(title: str, limit: int = 70) -> str:
    if len(title) <= limit:
        return title
    cut = title[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _mark_repeated_footnotes(node: Any, seen: set[int]) -> None:
    """Flag the second and later calls of a footnote, which must refer to the first."""
    if isinstance(node, dict):
        if node.get("type") == "footnote":
            node["first"] = node["number"] not in seen
            seen.add(node["number"])
        for key, value in node.items():
            if key != "footnotes":  # footnote bodies are placed at their first call
                _mark_repeated_footnotes(value, seen)
    elif isinstance(node, list):
        for value in node:
            _mark_repeated_footnotes(value, seen)


def pdf_data(document: Document, site_url: str, terms: list[Term] | None = None) -> dict[str, Any]:
    if isinstance(document, Resolution):
        data = resolution_to_dict(document, site_url)
        data["short_title"] = short_title(document.title)
    else:
        data = document_to_dict(document, site_url)
    _mark_repeated_footnotes(data, set())
    # Tooltips do not exist on paper: the terms the text names close the PDF.
    data["glossary"] = [
        {
            "label": t.label,
            "definition": t.definition,
            "url": t.url,
            "href": f"{site_url}glossary/#{t.id}" if site_url else "",
        }
        for t in terms or []
    ]
    return data


def pdf_name(document: Document) -> str:
    return f"{document.slug}.pdf"


# Typst sets PDFs with threads of its own, started with its first compiler. A process forked
# after that (a test runner's child, a server's) holds the threads' state but not the
# threads, and setting a PDF there waits for them for ever: such a process sets its PDFs in
# a process spawned for them (``make_many``).
_typst_started = False
_typst_inherited = False


def _after_fork_in_child() -> None:
    global _typst_inherited
    _typst_inherited = _typst_started


os.register_at_fork(after_in_child=_after_fork_in_child)


class PdfMaker:
    """Makes the PDFs of one build with one compiler and a content-addressed cache."""

    def __init__(self, cache_dir: Path, site_url: str, site_name: str, paper: str = "a4"):
        if paper not in PAPERS:
            raise PdfError(f"unknown paper size {paper!r}; choose one of {', '.join(PAPERS)}")
        self.cache_dir = cache_dir
        self.site_url = site_url
        self.site_name = site_name
        self.paper = paper
        self._compiler: typst.Compiler | None = None
        # Every template file counts in the cache key: the entry points import common.typ.
        self._template_bytes = b"\0".join(p.read_bytes() for p in sorted(TEMPLATES.glob("*.typ")))

    @property
    def compiler(self) -> typst.Compiler:
        if self._compiler is None:  # created on first use: a fully cached build loads no fonts
            global _typst_started
            _typst_started = True
            fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True)
            self._compiler = typst.Compiler(root=TEMPLATES, font_paths=fonts, ignore_system_fonts=True)
        return self._compiler

    def _job(self, document: Document, terms: list[Term] | None) -> tuple[str, dict[str, str], Path]:
        """The template, the inputs and the cache file of a document's PDF."""
        template = "resolution.typ" if isinstance(document, Resolution) else "document.typ"
        data = json.dumps(pdf_data(document, self.site_url, terms), ensure_ascii=False, sort_keys=True)
        inputs = {"data": data, "site_name": self.site_name, "paper": self.paper}
        key = hashlib.sha256(
            b"\0".join(
                [
                    template.encode(),
                    self._template_bytes,
                    json.dumps(inputs, sort_keys=True).encode(),
                    typst.__version__.encode(),
                ]
            )
        ).hexdigest()[:32]
        return template, inputs, self.cache_dir / f"{key}.pdf"

    def cache_file(
        self, document: Document, terms: list[Term] | None, memo: Memo | None = None, known: bytes | None = None
    ) -> Path:
        """The cache file of a document's PDF, named by its inputs. Making the inputs costs
        as much as rendering a page, so the name is remembered (``memo``) by the digest of
        the document as annotated (``known``) and of everything else the inputs are made of."""
        if memo is None or known is None:
            return self._job(document, terms)[2]
        key = digest("pdf", known, terms, self.site_url, self.site_name, self.paper, typst.__version__)
        name = memo.get(key)
        if name is None:
            name = self._job(document, terms)[2].name
            memo.put(key, name)
        return self.cache_dir / name

    def from_cache(
        self,
        document: Document,
        target: Path,
        terms: list[Term] | None = None,
        memo: Memo | None = None,
        known: bytes | None = None,
    ) -> bool:
        """Copy the cached PDF to ``target`` if there is one; True when it was found."""
        cached = self.cache_file(document, terms, memo, known)
        if not cached.exists():
            return False
        _place(cached, target)
        return True

    def make(self, document: Document, target: Path, terms: list[Term] | None = None) -> bool:
        """Write the document's PDF to ``target``; True when it had to be set anew."""
        template, inputs, cached = self._job(document, terms)
        made = False
        if not cached.exists():
            try:
                pdf = self.compiler.compile(
                    input=TEMPLATES / template,
                    format="pdf",
                    sys_inputs=inputs,
                    pdf_standards=["ua-1"],
                    # No timestamp: the templates date nothing (``date: none``), so that the
                    # same inputs give the same bytes whenever they are set.
                )
            except typst.TypstError as exc:
                hints = "; ".join(getattr(exc, "hints", []) or [])
                raise PdfError(
                    f"{document.source_path}: the PDF could not be set: {exc.message}"
                    + (f" ({hints})" if hints else "")
                ) from None
            assert isinstance(pdf, bytes)
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".tmp")
            tmp.write_bytes(pdf)
            tmp.replace(cached)
            made = True
        _place(cached, target)
        return made


def _place(cached: Path, target: Path) -> None:
    # An identical target is left alone: its unchanged time tells the site build to skip it.
    if not target.exists() or target.read_bytes() != cached.read_bytes():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)


_worker: PdfMaker | None = None


def _init_worker(cache_dir: Path, site_url: str, site_name: str, paper: str) -> None:
    global _worker
    _worker = PdfMaker(cache_dir, site_url, site_name, paper)


def _make_in_worker(job: tuple[Document, Path, list[Term]]) -> bool:
    assert _worker is not None
    return _worker.make(*job)


def make_many(
    documents: list[Document],
    out_dir: Path | None,
    cache_dir: Path,
    site_url: str,
    site_name: str,
    paper: str = "a4",
    jobs: int = 1,
    targets: list[Path] | None = None,
    terms: list[list[Term]] | None = None,
    on_done: Callable[[int], None] | None = None,
    memo: Memo | None = None,
    digests: list[bytes] | None = None,
) -> list[Path]:
    """Set many PDFs, in ``jobs`` processes (one compiler each); return those set anew.
    ``on_done(n)`` is told as PDFs are placed (a progress display); ``memo`` remembers the
    cache files by the documents' ``digests`` (see ``PdfMaker.cache_file``).

    Output does not depend on the number of processes: each PDF is a function of its inputs.
    """
    if targets is None:
        assert out_dir is not None
        targets = [out_dir / pdf_name(d) for d in documents]
    if terms is None:
        terms = [[] for _ in documents]
    maker = PdfMaker(cache_dir, site_url, site_name, paper)
    # Cached PDFs are placed here; only the others go to the compiler (and its processes).
    done = on_done or (lambda steps: None)
    known: list[bytes | None] = list(digests) if digests is not None else [None] * len(documents)
    pairs = [
        (document, target, used)
        for document, target, used, digest_of in zip(documents, targets, terms, known, strict=True)
        if not maker.from_cache(document, target, used, memo, digest_of)
    ]
    done(len(documents) - len(pairs))
    if (jobs <= 1 or len(pairs) < 8) and not _typst_inherited:
        made_here = []
        for document, target, used in pairs:
            if maker.make(document, target, used):
                made_here.append(target)
            done(1)
        return made_here
    with process_pool(max(1, min(jobs, len(pairs))), _init_worker, (cache_dir, site_url, site_name, paper)) as pool:
        made = []
        for was_made in pool.map(_make_in_worker, pairs, chunksize=8):
            made.append(was_made)
            done(1)
    return [target for (_, target, _), was_made in zip(pairs, made, strict=True) if was_made]


__all__ = ["PAPERS", "PdfError", "PdfMaker", "make_many", "pdf_name"]
