"""The MkDocs hooks' own rules, in process: the file mkdocs.yml names hands MkDocs every hook
of ``build_scripts.site.mkdocs_hooks``, and ``mkdocs serve`` watches the source texts and
the templates (a page is built again when a text, a sidecar or a template changes)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from build_scripts.site import mkdocs_hooks


def test_the_file_mkdocs_loads_holds_every_hook_of_the_package_module():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    (entry,) = config["hooks"]
    # As MkDocs loads a hook file: by its path, as a module of no package.
    spec = importlib.util.spec_from_file_location("hooks_as_mkdocs_loads_them", ROOT / entry)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    loaded = {name: getattr(module, name) for name in dir(module) if name.startswith("on_")}
    hooks = {name: getattr(mkdocs_hooks, name) for name in dir(mkdocs_hooks) if name.startswith("on_")}
    assert loaded == hooks and len(hooks) >= 6  # the same functions, not copies


def test_serve_watches_the_source_texts_and_the_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_TEXTS_DIR", str(tmp_path / "texts"))
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    server = Server()
    config = {"config_file_path": str(ROOT / "mkdocs.yml")}
    assert mkdocs_hooks.on_serve(server, config, builder=None) is server
    assert watched == [str(tmp_path / "texts"), str(ROOT / "build_scripts" / "templates")]
