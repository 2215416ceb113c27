"""Stages in forked worker processes or in one: the index's findings, and every document's
pages and exports.

Workers are forked only by a process that runs one thread, and pytest's runs others (the
browser tests' server): each check runs in a fresh spawned process of its own."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from build_scripts.annotate.crossindex import build_index
from build_scripts.annotate.series import load_overrides, series_and_comparisons
from build_scripts.edition import Edition
from build_scripts.parse.sources import discover
from build_scripts.render.citations import document_citations
from build_scripts.site.pipeline import DocumentRender, GenerateReport, PageWriter, load_edition, write_documents
from build_scripts.workers import PARALLEL_FROM, forked_pool, forked_runs


def in_a_fresh_process(function: Callable[..., Any], *args: Any) -> Any:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def _edition() -> Edition:
    edition = load_edition(discover(ROOT / "source_texts"), ROOT)
    assert len(edition.all()) >= PARALLEL_FROM  # enough texts for workers
    assert forked_pool(2) is not None  # and this process may fork them
    return edition


def _written(render: DocumentRender, docs: Path, jobs: int) -> tuple[dict[str, bytes], GenerateReport]:
    writer = PageWriter(docs)
    write_documents(DocumentRender(render.edition, render.citations, "", docs), writer, jobs)
    files = {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}
    return files, writer.report


def _render_by_one_and_two(folder: Path) -> dict[str, Any]:
    edition = _edition()
    render = DocumentRender(edition, document_citations(edition.all(), "", folder / "citations"), "", Path())
    one, one_report = _written(render, folder / "one", 1)
    two, two_report = _written(render, folder / "two", 2)
    again, again_report = _written(render, folder / "two", 2)  # over the same files
    expected = [(f"{d.url_path}index.md", f"{d.url_path}{d.slug}.json") for d in edition.all()]
    return {
        "one": one,
        "two": two,
        "again": again,
        "reports": [sorted(r.written) for r in (one_report, two_report, again_report)],
        "again_unchanged": sorted(again_report.unchanged),
        "expected": expected,
    }


def test_documents_rendered_by_two_processes_are_those_of_one(tmp_path: Path):
    made = in_a_fresh_process(_render_by_one_and_two, tmp_path)
    one = made["one"]
    assert made["two"] == one  # every file, byte for byte
    assert made["reports"][0] == made["reports"][1] == sorted(one)
    for page, export in made["expected"]:  # a page and a JSON export for each document at least
        assert page in one and export in one
    # Written again over the same files: the workers compare, and write nothing.
    assert made["again"] == one and made["reports"][2] == [] and made["again_unchanged"] == sorted(one)


def _index_by_one_and_two() -> tuple[bool, bool, bool]:
    edition = _edition()
    themes, bodies = edition.index.themes, edition.index.bodies
    one = build_index(edition.collection, themes, bodies, jobs=1)
    two = build_index(edition.collection, themes, bodies, jobs=2)
    # Not empty: every kind of finding is there, so the comparison compares something.
    assert one.cited and one.events and one.mandates and one.paragraph_themes
    assert all(one.theme_places.values()) and any(one.body_places.values())
    # The places name this process's documents, not copies sent back by the workers.
    documents = {id(d) for d in edition.all()}
    own = all(id(place.document) in documents for cited in two.cited.values() for place in cited.places)
    return two == one, own, one != build_index(edition.collection, themes[1:], bodies, jobs=2)


def test_the_index_found_by_two_processes_is_that_of_one():
    same, own_documents, compares = in_a_fresh_process(_index_by_one_and_two)
    assert same and own_documents
    assert compares  # an index of other themes is not equal: equality compares the findings


def _series_by_one_and_two(folder: Path) -> tuple[bool, list[str], int]:
    """Eighteen texts made from the three real resolutions, two by two in turn, under new
    symbols, put in one series by hand: each text is compared with a copy of its own text or
    with another text."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from scale import synthetic_text

    bases = [(ROOT / "source_texts" / f"a-res-77-{n}.txt").read_text(encoding="utf-8") for n in (20, 237, 241)]
    for name in ("glossary.yml", "themes.yml", "bodies.yml"):
        (folder / name).write_text((ROOT / "source_texts" / name).read_text(encoding="utf-8"), encoding="utf-8")
    previous, slugs = None, []
    for i in range(18):
        (folder / f"a-res-{60 + i}-{10 + i}.txt").write_text(
            synthetic_text(bases[i // 2 % 3], 60 + i, 10 + i, i, previous), encoding="utf-8"
        )
        previous = f"{60 + i}/{10 + i}"
        slugs.append(f"a-res-{60 + i}-{10 + i}")
    (folder / "series.yml").write_text("- id: all\n  members: [" + ", ".join(slugs) + "]\n", encoding="utf-8")
    edition = load_edition(discover(folder), folder)
    assert forked_pool(2) is not None
    overrides = load_overrides(folder / "series.yml", "series.yml")
    one = series_and_comparisons(edition.collection, overrides, jobs=1)
    two = series_and_comparisons(edition.collection, overrides, jobs=2)
    kinds = sorted({c.kind for comparison in one[1].values() for c in [*comparison.preamble, *comparison.operative]})
    return two == one, kinds, len(one[1])


def test_the_series_compared_by_two_processes_are_those_of_one(tmp_path: Path):
    same, kinds, comparisons = in_a_fresh_process(_series_by_one_and_two, tmp_path)
    assert comparisons == 17 >= PARALLEL_FROM
    assert kinds == ["changed", "dropped", "new", "unchanged"]  # every kind of change compared
    assert same


def test_workers_are_forked_only_while_this_process_runs_one_thread():
    assert forked_pool(1) is None
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert forked_pool(2) is None  # under `mkdocs serve`, for one
    finally:
        stop.set()
        other.join()


def _squares(shared: list[int], first: int, last: int) -> tuple[int, list[int]]:
    return os.getpid(), [n * n for n in shared[first:last]]


def _runs_of(count: int) -> tuple[int, list[tuple[int, int, tuple[int, list[int]]]], bool]:
    runs = forked_runs(_squares, list(range(count)), count, 2)
    assert runs is not None
    return os.getpid(), list(runs), forked_runs(_squares, list(range(15)), 15, 2) is None


@pytest.mark.parametrize("count", [16, 17, 100, 1001])
def test_runs_in_forked_workers_cover_every_item_once_in_order(count: int):
    here, results, too_few = in_a_fresh_process(_runs_of, count)
    assert [n for _, _, (_, squares) in results for n in squares] == [n * n for n in range(count)]
    assert [first for first, _, _ in results] == sorted({first for first, _, _ in results})
    assert all(last - first >= 2 for first, last, _ in results[:-1])  # runs, not single items
    assert here not in {pid for _, _, (pid, _) in results}  # done by the workers
    assert too_few  # 15 items: not worth a worker
