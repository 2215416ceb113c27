"""One loader for the YAML that editors maintain: glossary, themes, bodies, series, sidecars.

Each file is checked against its JSON Schema in ``schemas/`` (beside the schemas of the
exports), and every problem is reported in one format, at the line of the YAML node at
fault: ``source_texts/glossary.yml:12: entry 'sltd' has no 'definition'``.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .errors import SourceError

# libyaml's parser where PyYAML was built with it (some five times faster); its nodes carry
# the same marks. A file it refuses is read again by the pure-Python parser for the error.
FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(text: str, loader_class: Any) -> tuple[yaml.Node | None, Any]:
    """The document's node (for its lines) and its data."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


SCHEMAS = Path(__file__).parent / "schemas"
Location = tuple[str | int, ...]


@cache
def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _lines(node: yaml.Node, path: Location, out: dict[Location, int]) -> None:
    """The line of every node, by its path in the data; a key's line for its value."""
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out[(*path, key.value)] = key.start_mark.line + 1
            _lines(value, (*path, key.value), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, (*path, index), out)


def _json_ready(value: Any) -> Any:
    """Dates as YAML gives them (date objects) become ISO strings, as the schemas expect."""
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class EditorialFile:
    """A YAML file read with the line of each of its nodes."""

    def __init__(self, path: Path, shown: str):
        self.path, self.shown = path, shown
        text = path.read_text(encoding="utf-8-sig")
        try:
            node, self.data = _parse(text, FastLoader)
        except yaml.YAMLError:
            try:  # read again by PyYAML's own parser, whose messages say more
                node, self.data = _parse(text, yaml.SafeLoader)
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 1 if mark is not None else None
                raise SourceError(shown, line, f"invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
        self.lines: dict[Location, int] = {}
        if node is not None:
            _lines(node, (), self.lines)

    def line(self, path: Location) -> int | None:
        """The line of the node at ``path``, or of its nearest ancestor."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path)

    def error(self, path: Location, message: str) -> SourceError:
        return SourceError(self.shown, self.line(path), message)

    def entry_name(self, path: Location) -> str:
        """ "entry 'sltd'" for a path inside a list of entries with ids."""
        if path and isinstance(path[0], int) and isinstance(self.data, list) and path[0] < len(self.data):
            entry = self.data[path[0]]
            ident = entry.get("id") if isinstance(entry, dict) else None
            return f"entry {ident!r}" if ident else f"entry {path[0] + 1}"
        return ""

    def validate(self, schema: str) -> None:
        errors = sorted(_validator(schema).iter_errors(_json_ready(self.data)), key=lambda e: list(e.absolute_path))
        if errors:
            raise self._explain(min(errors, key=lambda e: self.line(tuple(e.absolute_path)) or 0))

    def subject(self, path: Location) -> str:
        """What is at ``path``, as a message names it: "entry 'sltd' 'url'", "item 2 of
        'headings'", "entry 'x' item 1 of 'treaties'", "entry 3"; "" for the file itself."""
        entry = self.entry_name(path)
        inside = path[1:] if entry else path
        keys = [p for p in inside if isinstance(p, str)]
        named = repr(keys[-1]) if keys else ""
        if named and isinstance(inside[-1], int):
            named = f"item {inside[-1] + 1} of {named}"
        return " ".join(part for part in (entry, named) if part)

    def _explain(self, error: ValidationError) -> SourceError:
        path: Location = tuple(error.absolute_path)
        entry = self.entry_name(path)
        field = next((p for p in reversed(path) if isinstance(p, str)), None)
        named = self.subject(path)
        subject = named or "the file"
        validator = error.validator
        if validator == "additionalProperties":
            known = ", ".join(error.schema.get("properties", {}))
            unknown = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            key = unknown[0] if unknown else "?"
            message = f"{named} has an unknown key {key!r}" if named else f"unknown key {key!r}"
            return self.error((*path, key), f"{message}; known keys: {known}")
        if validator == "required":
            missing = next(k for k in error.validator_value if k not in error.instance)
            return self.error(path, f"{subject} has no {missing!r}")
        if validator == "minItems" and error.instance:
            return self.error(path, f"{subject} needs at least {error.validator_value} items")
        if validator in ("minLength", "minItems"):
            return self.error(path, f"{entry} has no {field!r}" if entry else f"{field!r} is empty")
        if validator == "enum":
            expected = ", ".join(map(str, error.validator_value))
            found = f"{subject} is {error.instance!r}"
            return self.error(path, f"{found}; expected one of: {expected}")
        if validator in ("type", "pattern", "format"):
            # A field's description says what it must be ("a date (YYYY-MM-DD)"); the file's
            # own describes the file, and a type is said in words.
            described = error.schema.get("description") if path else None
            wanted = described or " or ".join(TYPE_WORDS.get(t, t) for t in _listed(error.schema.get("type", "")))
            return self.error(path, f"{subject} must be {wanted}")
        return self.error(path, f"{subject}: {error.message}")  # a rule no schema here uses yet


# JSON Schema's types as an editor reads them.
TYPE_WORDS = {
    "object": "a mapping of keys to values",
    "array": "a list",
    "string": "a text",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "empty",
}


def _listed(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def load_editorial(path: Path, shown: str, schema: str) -> EditorialFile:
    """Read and validate an editorial file; raise a SourceError at the line at fault."""
    file = EditorialFile(path, shown)
    file.validate(schema)
    return file


def check_unique(file: EditorialFile, key: str = "id") -> None:
    """Every entry's ``key`` differs from the others'."""
    first: dict[object, int] = {}
    for index, entry in enumerate(file.data or []):
        value = entry[key]
        if value in first:
            raise file.error((index, key), f"{key} {value!r} is used twice (first at line {first[value]})")
        first[value] = file.line((index, key)) or 0
