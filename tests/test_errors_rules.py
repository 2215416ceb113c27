"""How a bad input is reported (``errors.py``): the file, the line when known, the problem,
and what was found, cut to a line; one error or several at once; across processes."""

from __future__ import annotations

import pickle

from build_scripts.errors import SourceError, SourceErrors


def test_an_error_names_its_file_line_and_problem_and_shows_what_was_found_cut_to_a_line():
    assert (
        str(SourceError("source_texts/a.txt", 12, "expected a heading")) == "source_texts/a.txt:12: expected a heading"
    )
    assert str(SourceError("source_texts/a.yml", None, "no title")) == "source_texts/a.yml: no title"
    assert str(SourceError("a.txt", 0, "x")) == "a.txt: x"  # line 0: no line to name
    found = "w" * 80
    assert str(SourceError("a.txt", 3, "bad", found)) == f"a.txt:3: bad\n    found: {found!r}"
    assert str(SourceError("a.txt", 3, "bad", found + "x")) == f"a.txt:3: bad\n    found: {'w' * 77 + '...'!r}"
    assert str(SourceError("a.txt", 3, "bad", "")) == "a.txt:3: bad\n    found: ''"
    error = SourceError("a.txt", 3, "bad", "it")
    assert (error.path, error.line, error.message, error.found, error.args) == ("a.txt", 3, "bad", "it", (str(error),))


def test_an_error_crosses_processes_whole_and_several_are_said_together():
    error = SourceError("a.txt", 3, "bad", "it")
    again = pickle.loads(pickle.dumps(error))
    assert (again.path, again.line, again.message, again.found, str(again)) == ("a.txt", 3, "bad", "it", str(error))
    both = SourceErrors([error, SourceError("b.txt", None, "worse")])
    assert str(both) == "a.txt:3: bad\n    found: 'it'\nb.txt: worse"
    assert [e.path for e in both.errors] == ["a.txt", "b.txt"]
