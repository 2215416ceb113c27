"""Errors that name the file and line of the bad input."""

from __future__ import annotations


class SourceError(Exception):
    """A source text or sidecar that cannot be published as it is."""

    def __init__(self, path: str, line: int | None, message: str, found: str | None = None):
        self.path = path
        self.line = line
        self.message = message
        self.found = found
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type, tuple[str, int | None, str, str | None]]:
        # Rebuilt from its fields when it crosses processes (parsing in worker processes).
        return (type(self), (self.path, self.line, self.message, self.found))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        if self.found is not None:
            shown = self.found if len(self.found) <= 80 else self.found[:77] + "..."
            text += f"\n    found: {shown!r}"
        return text


class SourceErrors(Exception):
    """Several source errors at once, so an editor sees them all in one run."""

    def __init__(self, errors: list[SourceError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
