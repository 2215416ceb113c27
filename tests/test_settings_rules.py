"""The build's settings (``settings.py``): where each comes from, in which order, and what is
refused, in the words the command prints. In the fast loop."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_scripts.settings import ROOT, SEARCH_PART_TEXTS, Settings, SettingsError, load_settings


def config(tmp_path: Path, text: str = "site_name: The Edition\nsite_url: https://example.org/edition\n") -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_come_from_mkdocs_yml_and_the_projects_folders(tmp_path: Path):
    path = config(tmp_path)
    settings = load_settings(path, env={})
    assert settings == Settings(
        site_url="https://example.org/edition/",
        public_url="",
        site_name="The Edition",
        paper="a4",
        search_engine="auto",
        source_dir=ROOT / "source_texts",
        docs_dir=ROOT / "docs",
        site_dir=ROOT / "site",
        cache_dir=ROOT / ".cache",
        jobs=os.cpu_count() or 1,
        search_part_texts=SEARCH_PART_TEXTS,
        config_file=path,
    )
    assert (settings.parse_cache, settings.pdf_cache, settings.citation_cache, settings.memo_cache) == (
        ROOT / ".cache" / "parsed",
        ROOT / ".cache" / "pdf",
        ROOT / ".cache" / "citations",
        ROOT / ".cache" / "memo",
    )


def test_the_environment_then_the_command_line_override_the_file(tmp_path: Path):
    path = config(tmp_path, "site_name: E\nsite_url: https://example.org/x/\ndocs_dir: pages\nsite_dir: public\n")
    env = {
        "SITE_URL": "https://edition.example",
        "PDF_PAPER": "us-letter",
        "SEARCH_ENGINE": "pagefind",
        "SOURCE_TEXTS_DIR": str(tmp_path / "texts"),
        "BUILD_CACHE_DIR": str(tmp_path / "cache"),
        "BUILD_JOBS": "3",
        "SEARCH_PART_TEXTS": "16",
    }
    settings = load_settings(path, env=env)
    assert (settings.site_url, settings.public_url) == ("https://example.org/x/", "https://edition.example/")
    assert (settings.paper, settings.search_engine, settings.jobs, settings.search_part_texts) == (
        "us-letter",
        "pagefind",
        3,
        16,
    )
    assert (settings.source_dir, settings.cache_dir) == (tmp_path / "texts", tmp_path / "cache")
    assert (settings.docs_dir, settings.site_dir) == (ROOT / "pages", ROOT / "public")
    overridden = load_settings(path, env=env, paper="a4", jobs=None, site_dir=tmp_path / "out")
    assert (overridden.paper, overridden.jobs, overridden.site_dir) == ("a4", 3, tmp_path / "out")


def test_an_address_is_given_its_final_slash_and_an_empty_one_stays_empty(tmp_path: Path):
    settings = load_settings(config(tmp_path, "site_name: E\n"), env={"SITE_URL": ""})
    assert (settings.site_url, settings.public_url, settings.site_name) == ("", "", "E")
    settings = load_settings(config(tmp_path, ""), env={"SITE_URL": "https://a.example/b/"})
    assert (settings.site_url, settings.public_url, settings.site_name) == ("", "https://a.example/b/", "")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"BUILD_JOBS": "0"}, "BUILD_JOBS='0': expected a number of processes, 1 or more"),
        ({"BUILD_JOBS": "two"}, "BUILD_JOBS='two': expected a number of processes, 1 or more"),
        ({"BUILD_JOBS": "-1"}, "BUILD_JOBS='-1': expected a number of processes, 1 or more"),
        ({"SEARCH_PART_TEXTS": "0"}, "SEARCH_PART_TEXTS='0': expected a number, 1 or more"),
        ({"PDF_PAPER": "A4"}, "unknown paper size 'A4'; choose one of a4, us-letter"),
        ({"SEARCH_ENGINE": "solr"}, "unknown search engine 'solr'; choose one of auto, lunr, pagefind"),
    ],
)
def test_a_setting_out_of_its_range_is_refused_in_words(tmp_path: Path, env: dict[str, str], message: str):
    with pytest.raises(SettingsError) as raised:
        load_settings(config(tmp_path), env=env)
    assert str(raised.value) == message


@pytest.mark.parametrize(("engine", "paper"), [("lunr", "a4"), ("auto", "us-letter"), ("pagefind", "a4")])
def test_every_named_choice_is_accepted(tmp_path: Path, engine: str, paper: str):
    settings = load_settings(config(tmp_path), env={"SEARCH_ENGINE": engine, "PDF_PAPER": paper, "BUILD_JOBS": "1"})
    assert (settings.search_engine, settings.paper, settings.jobs) == (engine, paper, 1)


def test_the_environment_of_the_process_is_read_when_none_is_given(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PDF_PAPER", "us-letter")
    assert load_settings(config(tmp_path)).paper == "us-letter"
    assert load_settings(config(tmp_path), env={}).paper == "a4"
