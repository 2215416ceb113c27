"""What a long build shows (``site/progress.py``): a line per stage on a terminal, counted
as the stage goes; nothing anywhere else."""

from __future__ import annotations

import io
import sys

from build_scripts.site.progress import QUIET, BuildProgress, _nothing


def test_without_a_terminal_no_stage_is_drawn(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # a log, a pipe: no terminal
    with BuildProgress() as progress:
        assert progress.enabled is False
        assert progress.stage("Parsing", 10) is _nothing
    assert QUIET.enabled is False and QUIET.stage("Parsing", 3) is _nothing
    _nothing(5)  # counts nothing, fails at nothing


def test_on_a_terminal_each_stage_counts_its_steps_and_the_display_goes_at_the_end(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with BuildProgress(enabled=True) as progress:
        advance = progress.stage("Parsing", 3)
        advance()
        advance(2)
        tasks = progress._progress.tasks
        assert [(t.description, t.total, t.completed) for t in tasks] == [("Parsing", 3, 3)]
        assert progress.stage("Nothing to do", 0) is _nothing
    assert progress._progress is None
    with BuildProgress(enabled=True):
        pass  # a build with no stage: started and stopped cleanly


def test_a_stage_is_drawn_on_standard_error_with_its_count_time_and_time_left_then_cleared(monkeypatch):
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    with BuildProgress(enabled=True) as progress:
        drawn = progress._progress
        columns = [(type(c).__name__, getattr(c, "text_format", None)) for c in drawn.columns]
        assert columns == [
            ("TextColumn", "{task.description:<16}"),
            ("BarColumn", None),
            ("MofNCompleteColumn", None),
            ("TimeElapsedColumn", None),
            ("TextColumn", "left"),
            ("TimeRemainingColumn", None),
        ]
        assert drawn.console.file is stderr
        # Cleared at the end; drawn at each step by this thread (no refresh thread: workers fork).
        assert (drawn.live.transient, drawn.live.auto_refresh) == (True, False)
        assert progress.stage("One step", 1) is not _nothing
