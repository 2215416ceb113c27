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
