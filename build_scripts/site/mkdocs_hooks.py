"""Thin MkDocs hooks: they call the same stages as the CLI and hold no logic of their own.

``mkdocs build`` and ``mkdocs serve`` therefore need no other step, and ``serve``
reloads when a source text or its YAML sidecar changes.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from build_scripts.errors import SourceError, SourceErrors
from build_scripts.render.exports import ExportError
from build_scripts.render.pdf import PdfError
from build_scripts.settings import SettingsError, load_settings
from build_scripts.site import pipeline
from build_scripts.site.build import BUILD_KEY, SiteBuild, merge_search_entries
from build_scripts.site.html import label_footnote_calls
from build_scripts.site.linked import judge_against, link_unchanged
from build_scripts.site.search_index import (
    PARAGRAPH_ENTRIES,
    extend_search_index,
    headings_only,
    in_url_form,
    read_paragraph_entries,
    write_paragraph_entries,
)
from build_scripts.site.search_pagefind import SearchError, switch_if_needed
from build_scripts.site.shards import keep_share, write_share

log = logging.getLogger("mkdocs.hooks.build_scripts")
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")


def _build(config: Any) -> SiteBuild:
    build: SiteBuild = config[BUILD_KEY]
    return build


def on_pre_build(config: Any, **kwargs: Any) -> None:
    """The CLI hands over the edition it made; on its own, MkDocs makes it here."""
    if config.get(BUILD_KEY) is not None:
        return
    from mkdocs.exceptions import Abort

    try:
        settings = load_settings(
            Path(config["config_file_path"]), docs_dir=Path(config["docs_dir"]), site_dir=Path(config["site_dir"])
        )
        edition, report = pipeline.generate(settings)
    except (SourceErrors, SourceError, PdfError, ExportError, SettingsError) as exc:
        raise Abort(f"Cannot build: the source texts have errors:\n{exc}") from None
    entries_file = settings.cache_dir / PARAGRAPH_ENTRIES
    write_paragraph_entries(edition, entries_file)
    config[BUILD_KEY] = SiteBuild(settings, read_paragraph_entries(entries_file))
    # Suspicious input: a warning, which MkDocs's strict mode (our default) makes an error.
    for warning in report.warnings:
        log.warning(warning)


def on_serve(server: Any, config: Any, builder: Any, **kwargs: Any) -> Any:
    settings = load_settings(Path(config["config_file_path"]))
    server.watch(str(settings.source_dir))
    server.watch(str(Path(pipeline.__file__).parent.parent / "templates"))  # Markdown and Typst
    return server


def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    build = _build(config)
    build.page_order = [f.url for f in files.documentation_pages()]
    build.pages_total = len(build.page_order)
    if build.live_site is not None:
        judge_against(files, build.live_site)  # what changed since the site in place was built
    if build.share is not None:
        # A shard: MkDocs renders and copies only its share (its dirty mode skips the rest).
        build.share_files, build.share_pages = keep_share(files, build.share)
        build.pages_total = len(build.share_pages)
    build.on_page = build.progress.stage("rendering pages", build.pages_total)
    return files


def on_page_content(html: str, config: Any, page: Any, **kwargs: Any) -> str:
    """Give each footnote call a name a screen reader can say ("Footnote 3", not "3").

    A page whose paragraphs have search entries of their own shows the search plugin only
    its headings (``headings_only``); ``on_page_context`` gives it its content back before
    its template is rendered."""
    build = _build(config)
    build.pages_rendered += 1
    build.on_page(1)
    html = label_footnote_calls(html)
    if page.meta.get("paragraph_entries"):
        build.held_content[page.file.src_uri] = html
        return headings_only(html)
    return html


@event_priority(-50)  # after the search plugin has indexed the page
def on_page_context(context: Any, page: Any, config: Any, **kwargs: Any) -> Any:
    held = _build(config).held_content.pop(page.file.src_uri, None)
    if held is not None:
        page.content = held
    return context


def _offline(config: Any) -> bool:
    """Material's offline plugin is on: the search index is wanted as a script too."""
    plugin = config["plugins"].get("material/offline")
    return plugin is not None and bool(plugin.config.enabled)


@event_priority(-50)  # after the search plugin writes the index, before offline copies it
def on_post_build(config: Any, **kwargs: Any) -> None:
    build = _build(config)
    site_dir = Path(config["site_dir"])
    if build.live_site is not None:
        link_unchanged(build.live_site, site_dir)  # first: everything after replaces files
    if not config["site_url"]:
        # A preview (no SITE_URL): a sitemap of addresses relative to nowhere helps no
        # crawler, and Material's instant navigation needs absolute ones: none is published.
        for name in SITEMAPS:
            (site_dir / name).unlink(missing_ok=True)
    if build.share is not None:
        # The search index of a share is a part: the merge writes the whole one.
        directory_urls = bool(config["use_directory_urls"])
        write_share(
            site_dir,
            build.share,
            build.inputs,
            build.page_order,
            build.share_files,
            build.share_pages,
            in_url_form(build.paragraphs, directory_urls) if build.paragraphs is not None else None,
            _offline(config),
            directory_urls,
            build.settings.search_engine,
        )
        return
    assert build.paragraphs is not None
    # The offline plugin turns directory URLs off: entries must use the same form.
    _, index = extend_search_index(
        site_dir,
        build.paragraphs,
        bool(config["use_directory_urls"]),
        merge=lambda fresh: merge_search_entries(fresh, build),
    )
    try:
        engine, size = switch_if_needed(
            site_dir, build.settings.search_engine, index, build.settings.search_part_texts, build.settings.jobs
        )
    except SearchError as exc:
        from mkdocs.exceptions import Abort

        raise Abort(f"Cannot build the search index: {exc}") from None
    build.search_engine = engine
    build.search_bytes = size
    log.info(f"search: {engine} ({size / 1e6:.1f} MB of entries)")
