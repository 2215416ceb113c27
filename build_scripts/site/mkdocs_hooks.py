"""Thin MkDocs hooks: they call the same stages as the CLI and hold no logic of their own.

``mkdocs build`` and ``mkdocs serve`` therefore need no other step, and ``serve``
reloads when a source text or its YAML sidecar changes.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads hooks by path, not as a package
    sys.path.insert(0, str(ROOT))

from build_scripts.site import build as sitebuild, pipeline  # noqa: E402
from build_scripts.errors import SourceError, SourceErrors  # noqa: E402
from build_scripts.render.exports import ExportError  # noqa: E402
from build_scripts.edition import Edition  # noqa: E402
from build_scripts.render.pdf import PdfError  # noqa: E402
from build_scripts.site.search_index import extend_search_index  # noqa: E402
from build_scripts.site.search_pagefind import SearchError, switch_if_needed  # noqa: E402

log = logging.getLogger("mkdocs.hooks.build_scripts")
_edition: Edition | None = None  # this build's edition, from pre-build to post-build
_page_order: list[str] = []  # the pages' URLs, in the order MkDocs builds them


def on_pre_build(config: Any, **kwargs: Any) -> None:
    global _collection
    try:
        _collection, report = pipeline.generate(pipeline.SOURCE_DIR, Path(config["docs_dir"]))
    except (SourceErrors, SourceError, PdfError, ExportError) as exc:
        from mkdocs.exceptions import Abort

        raise Abort(f"Cannot build: the source texts have errors:\n{exc}") from None
    # Suspicious input: a warning, which MkDocs's strict mode (our default) makes an error.
    for warning in report.warnings:
        log.warning(warning)


def on_serve(server: Any, config: Any, builder: Any, **kwargs: Any) -> Any:
    server.watch(str(pipeline.SOURCE_DIR))
    server.watch(str(Path(pipeline.__file__).parent.parent / "templates"))  # Markdown and Typst
    return server


FOOTNOTE_CALL = re.compile(r'<a class="footnote-ref" href="#fn:([^"]+)">')


def on_files(files: Any, **kwargs: Any) -> Any:
    global _page_order
    _page_order = [f.url for f in files.documentation_pages()]
    if sitebuild.current is not None:
        sitebuild.current.pages_total = len(_page_order)
    return files


def on_page_content(html: str, **kwargs: Any) -> str:
    """Give each footnote call a name a screen reader can say ("Footnote 3", not "3")."""
    if sitebuild.current is not None:
        sitebuild.current.pages_rendered += 1
    return FOOTNOTE_CALL.sub(r'<a class="footnote-ref" href="#fn:\1" aria-label="Footnote \1">', html)


@event_priority(-50)  # after the search plugin writes the index, before offline copies it
def on_post_build(config: Any, **kwargs: Any) -> None:
    if _collection is None:
        return
    site_dir = Path(config["site_dir"])
    # The offline plugin turns directory URLs off: entries must use the same form.
    extend_search_index(
        site_dir,
        _collection,
        bool(config["use_directory_urls"]),
        merge=lambda fresh: sitebuild.merge_search_entries(fresh, _page_order, sitebuild.current),
    )
    try:
        engine, size = switch_if_needed(site_dir)
    except SearchError as exc:
        from mkdocs.exceptions import Abort

        raise Abort(f"Cannot build the search index: {exc}") from None
    if sitebuild.current is not None:
        sitebuild.current.search_engine = engine
        sitebuild.current.search_bytes = size
    log.info(f"search: {engine} ({size / 1e6:.1f} MB of entries)")
