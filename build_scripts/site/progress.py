"""What a long build shows while it runs.

On a terminal: a line per stage (texts parsed, PDFs set, pages rendered) with its count,
its rate and the time left, drawn by ``rich`` on standard error and cleared at the end.
Anywhere else (CI, logs, a pipe): nothing but the summary lines the CLI prints, so logs stay
short and stable.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

Advance = Callable[[int], None]


def _nothing(steps: int = 1) -> None:
    pass


class BuildProgress:
    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._progress: Any = None

    def __enter__(self) -> BuildProgress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("{task.description:<16}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
                # Drawn at each step, by no thread of its own: the render stage forks
                # workers, which is safe only while this process runs one thread.
                auto_refresh=False,
            )
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def stage(self, description: str, total: int) -> Advance:
        """A stage of ``total`` steps; returns the function that counts steps done."""
        if self._progress is None or total <= 0:
            return _nothing
        task = self._progress.add_task(description, total=total)

        def advance(steps: int = 1) -> None:
            self._progress.advance(task, steps)
            self._progress.refresh()

        return advance


QUIET = BuildProgress(enabled=False)
