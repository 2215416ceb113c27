"""Stages in forked worker processes or in one: the index's findings, and every document's
pages and exports."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import ROOT

from build_scripts.annotate.crossindex import build_index
from build_scripts.parse.sources import discover
from build_scripts.render.citations import document_citations
from build_scripts.site import pipeline
from build_scripts.site.pipeline import DocumentRender, PageWriter, load_edition, write_documents
from build_scripts.workers import forked_pool, forked_runs


@pytest.fixture(scope="module")
def render(tmp_path_factory: pytest.TempPathFactory) -> DocumentRender:
    edition = load_edition(discover(ROOT / "source_texts"), ROOT)
    assert len(edition.all()) >= pipeline.PARALLEL_FROM  # enough texts for workers
    citations = document_citations(edition.all(), "", tmp_path_factory.mktemp("citations"))
    return DocumentRender(edition, citations, "", Path())


def _written(render: DocumentRender, docs: Path, jobs: int) -> tuple[dict[str, bytes], pipeline.GenerateReport]:
    writer = PageWriter(docs)
    write_documents(DocumentRender(render.edition, render.citations, "", docs), writer, jobs)
    files = {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}
    return files, writer.report


def test_documents_rendered_by_two_processes_are_those_of_one(render: DocumentRender, tmp_path: Path):
    one, one_report = _written(render, tmp_path / "one", 1)
    two, two_report = _written(render, tmp_path / "two", 2)
    assert two == one  # every file, byte for byte
    assert sorted(two_report.written) == sorted(one_report.written) == sorted(one)
    for document in render.edition.all():  # a page and a JSON export for each document at least
        assert f"{document.url_path}index.md" in one and f"{document.url_path}{document.slug}.json" in one
    # Written again over the same files: the workers compare, and write nothing.
    again, again_report = _written(render, tmp_path / "two", 2)
    assert again == one and again_report.written == [] and sorted(again_report.unchanged) == sorted(one)


def test_workers_are_forked_only_while_this_process_runs_one_thread():
    pool = forked_pool(2)
    assert pool is not None
    pool.shutdown()
    assert forked_pool(1) is None
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert forked_pool(2) is None  # under `mkdocs serve`, for one
    finally:
        stop.set()
        other.join()


def test_the_index_found_by_two_processes_is_that_of_one(render: DocumentRender):
    edition = render.edition
    themes, bodies = edition.index.themes, edition.index.bodies
    one = build_index(edition.collection, themes, bodies, jobs=1)
    two = build_index(edition.collection, themes, bodies, jobs=2)
    assert two == one
    # Not empty: every kind of finding is there, so the comparison compares something.
    assert one.cited and one.events and one.mandates and one.paragraph_themes
    assert all(one.theme_places.values()) and any(one.body_places.values())
    # The places name the parent's documents, not copies sent back by the workers.
    documents = {id(d) for d in edition.all()}
    assert all(id(place.document) in documents for cited in two.cited.values() for place in cited.places)


def _squares(shared: list[int], first: int, last: int) -> tuple[int, list[int]]:
    import os

    return os.getpid(), [n * n for n in shared[first:last]]


@pytest.mark.parametrize("count", [16, 17, 100, 1001])
def test_runs_in_forked_workers_cover_every_item_once_in_order(count: int):
    numbers = list(range(count))
    runs = forked_runs(_squares, numbers, count, 2)
    assert runs is not None
    results = list(runs)
    assert [n for _, _, (_, squares) in results for n in squares] == [n * n for n in numbers]
    assert [first for first, _, _ in results] == sorted({first for first, _, _ in results})
    assert all(last - first >= 2 for first, last, _ in results[:-1])  # runs, not single items
    import os

    assert os.getpid() not in {pid for _, _, (pid, _) in results}  # done by the workers
    assert forked_runs(_squares, numbers[:15], 15, 2) is None  # too few to be worth a worker
