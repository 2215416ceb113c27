"""The build's settings, made once and passed to every stage.

They come from three places, in this order of precedence: the command line, the
environment (``SITE_URL`` through ``mkdocs.yml``'s ``!ENV`` tag, ``SOURCE_TEXTS_DIR``,
``BUILD_CACHE_DIR``, ``PDF_PAPER``, ``SEARCH_ENGINE``, ``SEARCH_PART_TEXTS``,
``BUILD_JOBS``), and ``mkdocs.yml`` as MkDocs's own YAML loader reads it. No stage reads
the environment or the configuration itself.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAPERS = ("a4", "us-letter")
SEARCH_ENGINES = ("auto", "lunr", "pagefind")
# Texts per part of Pagefind's index: a smaller part is indexed again sooner after an edit,
# more parts make each query slower (a query searches every part).
SEARCH_PART_TEXTS = 256


class SettingsError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    site_url: str  # the address MkDocs builds with (mkdocs.yml's, a placeholder unless SITE_URL is set)
    public_url: str  # the public address when the build names one (SITE_URL), else "": unknown
    site_name: str
    paper: str  # "a4" or "us-letter": the PDFs' paper size
    search_engine: str  # "auto", "lunr" or "pagefind"
    source_dir: Path  # the raw texts and the editorial YAML
    docs_dir: Path  # the Markdown folder MkDocs renders (hand-written pages and all)
    site_dir: Path  # where the site is published
    cache_dir: Path  # parsed texts, PDFs, the state of the last build
    jobs: int = 1  # worker processes for parsing (BUILD_JOBS; every core by default)
    search_part_texts: int = SEARCH_PART_TEXTS  # texts per part of Pagefind's index
    config_file: Path = ROOT / "mkdocs.yml"
    root: Path = ROOT

    @property
    def parse_cache(self) -> Path:
        return self.cache_dir / "parsed"

    @property
    def pdf_cache(self) -> Path:
        return self.cache_dir / "pdf"

    @property
    def citation_cache(self) -> Path:
        return self.cache_dir / "citations"

    @property
    def memo_cache(self) -> Path:
        return self.cache_dir / "memo"

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def _jobs(value: str) -> int:
    return _count("BUILD_JOBS", value, os.cpu_count() or 1, "a number of processes")


def _count(name: str, value: str, default: int, what: str = "a number") -> int:
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise SettingsError(f"{name}={value!r}: expected {what}, 1 or more")
    return int(value)


def load_settings(
    config_file: Path = ROOT / "mkdocs.yml",
    env: Mapping[str, str] | None = None,
    **overrides: object,
) -> Settings:
    """Settings from ``mkdocs.yml`` (MkDocs's own loader resolves ``!ENV``), the environment,
    and ``overrides`` (the command line; ``None`` values are ignored)."""
    from mkdocs.utils import yaml_load

    env = os.environ if env is None else env
    with open(config_file, encoding="utf-8") as handle:
        config = yaml_load(handle) or {}  # MkDocs's own loader: !ENV reads SITE_URL as MkDocs does
    site_url = str(config.get("site_url") or "")
    public = env.get("SITE_URL", "")
    settings = Settings(
        site_url=site_url if not site_url or site_url.endswith("/") else site_url + "/",
        public_url=public if not public or public.endswith("/") else public + "/",
        site_name=str(config.get("site_name") or ""),
        paper=env.get("PDF_PAPER", "a4"),
        search_engine=env.get("SEARCH_ENGINE", "auto"),
        source_dir=Path(env.get("SOURCE_TEXTS_DIR", ROOT / "source_texts")),
        docs_dir=ROOT / str(config.get("docs_dir", "docs")),
        site_dir=ROOT / str(config.get("site_dir", "site")),
        cache_dir=Path(env.get("BUILD_CACHE_DIR", ROOT / ".cache")),
        jobs=_jobs(env.get("BUILD_JOBS", "")),
        search_part_texts=_count("SEARCH_PART_TEXTS", env.get("SEARCH_PART_TEXTS", ""), SEARCH_PART_TEXTS),
        config_file=config_file,
    )
    settings = settings.with_(**{k: v for k, v in overrides.items() if v is not None})
    if settings.paper not in PAPERS:
        raise SettingsError(f"unknown paper size {settings.paper!r}; choose one of {', '.join(PAPERS)}")
    if settings.search_engine not in SEARCH_ENGINES:
        raise SettingsError(
            f"unknown search engine {settings.search_engine!r}; choose one of {', '.join(SEARCH_ENGINES)}"
        )
    return settings
