"""The MkDocs hooks' own rules, in process: the file mkdocs.yml names hands MkDocs every hook
of ``build_scripts.site.mkdocs_hooks``, and ``mkdocs serve`` watches the source texts and
the templates (a page is built again when a text, a sidecar or a template changes)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, tracked_docs

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


def test_the_offline_copy_of_the_index_is_wanted_only_while_the_offline_plugin_is_on():
    """A shard says whether the merge must write the index as a script too (Material's
    offline plugin): only when the plugin is configured and enabled."""

    class Plugin:
        def __init__(self, enabled: bool) -> None:
            self.config = type("Config", (), {"enabled": enabled})()

    wanted = [mkdocs_hooks._offline({"plugins": plugins}) for plugins in ({}, {"material/offline": Plugin(False)})]
    assert wanted == [False, False]
    assert mkdocs_hooks._offline({"plugins": {"material/offline": Plugin(True)}}) is True


# --- MkDocs alone (`mkdocs build`): the hooks make the edition themselves --------------------


@pytest.mark.small_builds
@pytest.mark.slow
def test_mkdocs_alone_builds_the_site_the_cli_builds_and_stops_at_an_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
):
    """`mkdocs build`, in this process, on the working set in a copy of the project: the
    hooks generate the edition (the CLI hands them one), so the site is the CLI's, file by
    file; a text with an error stops it with the file and line."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort
    from test_incremental import manifest
    from test_renderers import project_copy

    from build_scripts.__main__ import main

    project, env = project_copy(tmp_path / "alone")
    for name, value in {**env, "BUILD_JOBS": "1", "NO_MKDOCS_2_WARNING": "1"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SITE_URL", raising=False)
    alone = tmp_path / "alone-site"
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(alone)))
    by_cli = tmp_path / "cli-site"
    docs = tracked_docs(tmp_path / "cli")
    assert main(["build", "--docs-dir", str(docs), "--site-dir", str(by_cli)]) == 0
    assert manifest(alone) == manifest(by_cli)
    assert (alone / "resolutions" / "a-res-77-20" / "a-res-77-20.pdf").is_file()

    text = Path(env["SOURCE_TEXTS_DIR"]) / "a-res-77-241.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("\n1. ", "\n3. ", 1), encoding="utf-8")
    with pytest.raises(Abort, match=r"(?s)Cannot build: the source texts have errors:\n.*a-res-77-241\.txt:\d+: "):
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "never")))
    # A suspicious text: a warning, which strict mode (mkdocs.yml's) makes an error.
    shutil.copy(ROOT / "tests" / "bad_inputs" / "warning-no-action-phrase.txt", text)
    with pytest.raises(Abort, match="strict"):
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "never")))
    assert "operative paragraph 4 has no action phrase" in caplog.text
    capsys.readouterr()
