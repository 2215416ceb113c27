"""The one loader of editorial YAML: every file is checked against its schema and every
problem is reported in one format, at the line of the node at fault."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_scripts.annotate.crossindex import load_bodies, load_themes
from build_scripts.annotate.series import load_overrides
from build_scripts.editorial import SCHEMAS
from build_scripts.errors import SourceError
from build_scripts.parse.sources import load_sidecar

ROOT = Path(__file__).resolve().parent.parent

CASES = [
    (
        load_themes,
        "- id: drugs\n  name: Drugs\n  phrases: [drug]\n- id: drugs\n  name: D\n  phrases: [x]\n",
        4,
        "id 'drugs' is used twice (first at line 1)",
    ),
    (load_themes, "- id: drugs\n  name: Drugs\n", 1, "entry 'drugs' has no 'phrases'"),
    (load_themes, "- id: Drugs!\n  name: Drugs\n  phrases: [drug]\n", 1, "'id' must be lower case words joined by '-'"),
    (load_bodies, "- id: unodc\n  name: UNODC\n  variants: []\n", 3, "entry 'unodc' has no 'variants'"),
    (load_bodies, "- id: unodc\n  name: UNODC\n  variants: [UNODC]\n  acronym: x\n", 4, "unknown key 'acronym'"),
    (load_overrides, "- id: s\n  members: [a-res-1-1]\n", 2, "entry 's' 'members' needs at least 2 items"),
    (load_overrides, "- id: s\n  title: S\n", 1, "entry 's' has no 'members'"),
    (load_sidecar, "kind: web page\ntitle: A\nsource_url: example.org\n", 3, "'source_url' must be an address"),
    (load_sidecar, "kind: leaflet\n", 1, "'kind' is 'leaflet'; expected one of: resolution, web page, statement"),
    (load_sidecar, "unusual_ending: yes please\n", 1, "'unusual_ending' must be true or false"),
    (load_sidecar, "adoption_date: 15 October 1996\n", 1, "'adoption_date' must be a date (YYYY-MM-DD)"),
]


@pytest.mark.parametrize(("load", "text", "line", "message"), CASES)
def test_problems_are_reported_at_their_line(tmp_path: Path, load, text: str, line: int, message: str):
    path = tmp_path / "file.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load(path, "source_texts/file.yml")
    assert str(info.value).startswith(f"source_texts/file.yml:{line}: "), str(info.value)
    assert message in str(info.value)


def test_the_projects_own_files_are_valid_and_read():
    texts = ROOT / "source_texts"
    assert len(load_themes(texts / "themes.yml", "themes.yml")) >= 10
    assert len(load_bodies(texts / "bodies.yml", "bodies.yml")) >= 10
    assert [o["id"] for o in load_overrides(texts / "series.yml", "series.yml")] == ["crime-congress"]
    assert str(load_sidecar(texts / "a-res-51-1.yml", "a-res-51-1.yml").adoption_date) == "1996-10-15"


def test_every_editorial_file_has_a_schema_beside_the_exports():
    for name in ["glossary", "themes", "bodies", "series", "sidecar"]:
        schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert schema["$schema"].startswith("https://json-schema.org/draft/2020-12")
