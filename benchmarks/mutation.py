"""Mutation testing as a measure (slow, not part of CI): how many small deliberate bugs in the
reader, the link rules, the anchor scheme and the site swap the tests catch.

    .venv/bin/python benchmarks/mutation.py                 # every group
    .venv/bin/python benchmarks/mutation.py links anchors   # some groups

Each group runs `mutmut` (3.x, installed on first use from requirements-mutation.txt) in a
copy of the project under the cache folder, mutating only that group's modules and running
only the in-process tests that exercise them (mutmut picks, per mutant, the tests that call
the mutated function). It prints, per module, killed / surviving mutants and the score, the
surviving mutants' diffs (review them: a mutant that changes nothing observable is
equivalent, one that changes behaviour needs a test), and the time taken.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
MUTMUT = ROOT / ".venv" / "bin" / "mutmut"
REQUIREMENTS = ROOT / "requirements-mutation.txt"

# group: (modules mutated, tests run). Tests that build a whole site in a subprocess are left
# out: mutmut cannot see which functions they call, and they take minutes.
PARSER_TESTS = [
    "tests/test_inline.py",
    "tests/test_blocks.py",
    "tests/test_parse_resolution.py",
    "tests/test_layout_pymupdf.py",
    "tests/test_reader.py",
    "tests/test_properties.py",
    "tests/test_whole_record.py",
]
PARSER_MODULES = ["inline", "blocks", "markers", "layout_pymupdf", "layout_pdftotext", "resolution"]
# The tests of the build's modules: the small builds in process and the rules of each part.
BUILD_TESTS = [
    "tests/test_build_rules.py",
    "tests/test_search_index.py",
    "tests/test_pdf.py",
    "tests/test_cli.py",
    "tests/test_search_pagefind_rules.py",
    "tests/test_hooks_rules.py",
    "tests/test_linked_rules.py",
    "tests/test_shards_rules.py",
    "tests/test_pipeline_rules.py",
    "tests/test_site_build_rules.py",
    "tests/test_bad_inputs.py",
]
GROUPS: dict[str, tuple[list[str], list[str]]] = {
    # The reader, a group per module (each a run of its own, so that a partial run still
    # gives whole figures); "parser" names them all.
    **{f"parser-{m}": ([f"build_scripts/parse/{m}.py"], PARSER_TESTS) for m in PARSER_MODULES},
    "links": (
        ["build_scripts/annotate/links.py"],
        ["tests/test_links.py", "tests/test_properties.py"],
    ),
    "anchors": (
        ["build_scripts/conventions.py"],
        ["tests/test_conventions.py", "tests/test_properties.py", "tests/test_links.py"],
    ),
    "swap": (
        ["build_scripts/site/swap.py"],
        ["tests/test_swap.py"],
    ),
    # The stages after the reader, with their fast tests (the built-site ones left out: see
    # FAST below).
    "feeds": (["build_scripts/render/feeds.py"], ["tests/test_feeds.py"]),
    "citations": (["build_scripts/render/citations.py"], ["tests/test_citations.py"]),
    "glossary": (["build_scripts/annotate/glossary.py"], ["tests/test_glossary.py"]),
    "series": (["build_scripts/annotate/series.py"], ["tests/test_series.py", "tests/test_series_rules.py"]),
    "usage": (["build_scripts/parse/usage.py", "build_scripts/parse/repair.py"], ["tests/"]),
    "shards": (["build_scripts/site/shards.py"], ["tests/test_shards.py", "tests/test_shards_rules.py"]),
    # The index's rules on small collections made for each (the whole collection's tests
    # parse and annotate it again for each mutant: 5 s).
    "crossindex": (["build_scripts/annotate/crossindex.py"], ["tests/test_crossindex_rules.py"]),
    # The JSON and Akoma Ntoso exports, whole, of a document made to hold every kind of thing.
    "data": (
        ["build_scripts/render/data.py", "build_scripts/render/akn.py"],
        ["tests/test_data_rules.py", "tests/test_akn_rules.py"],
    ),
    # The pages, whole, of the example documents and of small collections; the keys that
    # make a build render a document's files or a page again, on edits of every kind.
    "pages": (
        [f"build_scripts/render/{m}.py" for m in ("markdown", "index_pages", "dependencies", "pages")],
        ["tests/test_markdown_rules.py", "tests/test_keys_rules.py"],
    ),
    # Small modules with their own rules files.
    "small": (
        [f"build_scripts/{m}.py" for m in ("errors", "site/html", "site/linked", "site/progress")],
        [f"tests/test_{m}_rules.py" for m in ("errors", "html", "linked", "progress")],
    ),
    # The reader's other modules and the core, with their in-process tests.
    "parse-rest": (
        [f"build_scripts/parse/{m}.py" for m in ("document", "treaty", "sources")],
        [
            *("tests/test_treaties.py", "tests/test_parse_document.py", "tests/test_sources.py"),
            *("tests/test_council.py", "tests/test_bad_inputs.py", "tests/test_whole_record.py"),
            *("tests/test_treaty_rules.py", "tests/test_document_rules.py", "tests/test_sources_rules.py"),
        ],
    ),
    # The modules no group above holds, by stage, against the whole fast loop: mutmut runs,
    # for each mutant, only the tests that call the function it is in.
    "render-rest": (
        [f"build_scripts/render/{m}.py" for m in ("exports", "archive")],
        [
            "tests/test_exports_rules.py",
            "tests/test_archive_rules.py",
            "tests/test_exports.py",
            "tests/test_citations.py",
        ],
    ),
    # The build as a whole, in process, on small collections (tests/test_build_rules.py, a few
    # seconds a build: run a sample), and the search entries' own tests.
    "build": (
        [
            *(f"build_scripts/site/{m}.py" for m in ("search_index", "search_pagefind", "pipeline", "mkdocs_hooks")),
            "build_scripts/site/build.py",
            *("build_scripts/render/pdf.py", "build_scripts/site/annotated.py", "build_scripts/__main__.py"),
            "build_scripts/edition.py",
        ],
        [
            "tests/test_build_rules.py",
            "tests/test_search_index.py",
            "tests/test_pdf.py",
            "tests/test_cli.py",
            "tests/test_search_pagefind_rules.py",
        ],
    ),
    # The smaller of the build's modules, measured whole (the group above is sampled).
    "build-parts": (
        [*(f"build_scripts/site/{m}.py" for m in ("mkdocs_hooks", "annotated")), "build_scripts/edition.py"],
        [
            "tests/test_annotated_rules.py",
            "tests/test_hooks_rules.py",
            "tests/test_build_rules.py",
            "tests/test_search_index.py",
            "tests/test_pdf.py",
            "tests/test_cli.py",
            "tests/test_search_pagefind_rules.py",
        ],
    ),
    # The build's big modules, each measured whole in a run of its own (a partial run still
    # gives whole figures): the search entries and Pagefind against the build's tests...
    **{
        group: ([f"build_scripts/{module}"], BUILD_TESTS)
        for group, module in {
            "build-search-index": "site/search_index.py",
            "build-pagefind": "site/search_pagefind.py",
        }.items()
    },
    # ... the pipeline, the site's build and the CLI against every test of the fast loop and
    # the small builds (the collection's fixtures, the reader's and the annotators' tests call
    # them too): mutmut's statistics give each mutant the tests that call its function.
    **{
        group: ([f"build_scripts/{module}"], ["tests/"])
        for group, module in {
            "build-site": "site/build.py",
            "build-pipeline": "site/pipeline.py",
            "build-cli": "__main__.py",
        }.items()
    },
    # The PDFs against their own tests (every function of the module has one in process; the
    # small builds, which set PDFs too, would make each surviving mutant a minute long).
    "build-pdf": (["build_scripts/render/pdf.py"], ["tests/test_pdf.py"]),
    "core": (
        [f"build_scripts/{m}.py" for m in ("model", "memo", "editorial", "settings", "files", "workers")],
        [
            *("tests/test_editorial.py", "tests/test_files.py", "tests/test_workers.py", "tests/test_memo.py"),
            *("tests/test_packed.py", "tests/test_settings_rules.py", "tests/test_parse_resolution.py"),
            *("tests/test_crossindex_rules.py", "tests/test_series_rules.py", "tests/test_treaty_rules.py"),
            *("tests/test_document_rules.py", "tests/test_sources_rules.py", "tests/test_links.py"),
            *("tests/test_inline.py", "tests/test_conventions.py", "tests/test_citations.py"),
            *("tests/test_model_rules.py", "tests/test_data_rules.py", "tests/test_akn_rules.py"),
            *("tests/test_editorial_rules.py", "tests/test_workers_rules.py", "tests/test_memo_rules.py"),
        ],
    ),
}
# Groups whose tests run in the fast loop only (`-m "not slow"`): the others build sites.
FAST = {
    "build-pdf",
    "feeds",
    "citations",
    "glossary",
    "series",
    "usage",
    "shards",
    "crossindex",
    "data",
    "pages",
    "small",
    "parse-rest",
    "render-rest",
    "core",
}
# Groups whose tests run in the fast loop and the small in-process builds.
MARKS = {g: "not slow or small_builds" for g in GROUPS if g.startswith("build")}
# Groups whose mutants may hang: mutmut runs each mutant in a process forked from one that
# has run the tests once, with whatever threads they started, and a mutant (of the PDF
# stage, say) may wait for one that is not there. A watchdog stops a mutant that used no CPU
# for IDLE seconds (SIGXCPU: mutmut records a timeout); such a mutant is "hung", neither
# killed nor survived, and left out of the score.
HANGS_UNCOUNTED = {g for g in GROUPS if g.startswith("build")}
IDLE = 75
# Groups whose mutants each run in a fresh pytest process (mutmut's switch,
# MUTANT_UNDER_TEST, in mutmut's mutated copy) rather than in mutmut's forks: the PDFs' tests
# start Typst's threads, and a process forked after that takes the pool's branch or waits for
# a thread that is not there. Slower per mutant (a pytest start each), but every mutant is run.
FRESH = {"build-pdf", "build-site", "build-pipeline", "build-cli"}
FRESH_RESULTS = "fresh-results.json"  # in the group's folder: {mutant: status}, kept across runs
FRESH_TIMEOUT = 600


def watchdog(stop: threading.Event) -> None:
    """Stop the mutants that used no CPU between two looks, IDLE seconds apart."""
    seen: dict[int, int] = {}
    while not stop.wait(IDLE):
        now: dict[int, int] = {}
        for proc in Path("/proc").glob("[0-9]*"):
            try:
                if not (proc / "cmdline").read_bytes().startswith(b"mutmut: "):
                    continue
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid, used = int(proc.name), int(fields[11]) + int(fields[12])  # utime + stime
            if seen.get(pid) == used:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGXCPU)
            now[pid] = used
        seen = now


# The swap's subprocess tests (a build killed inside the swap) take a minute each and mutmut
# cannot attribute them; the in-process tests of tests/test_swap.py cover the module.
# The parser's tests on a built site are left out the same way (they build in a subprocess).
# The 300 mutated texts (17 s; they check that errors are clean, not what is read) too.
PARSER_DESELECT = "not tricky_spots and not reaches_the_page and not linked_from_its_calls and not mutated_texts"
DESELECT = {"swap": "not killed_inside_the_swap", **{f"parser-{m}": PARSER_DESELECT for m in PARSER_MODULES}}
ALIASES = {"parser": [f"parser-{m}" for m in PARSER_MODULES]}


def ensure_mutmut() -> None:
    if not MUTMUT.exists():
        subprocess.run([str(VENV_PYTHON), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)], check=True)


def project_copy(workdir: Path) -> None:
    """The tracked files (and the generated browser assets the tests need), fresh."""
    if workdir.exists():
        shutil.rmtree(workdir)
    listing = ["git", "ls-files", "--cached", "--others", "--exclude-standard"]
    files = subprocess.run(listing, cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        target = workdir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, target)
    (workdir / "node_modules").symlink_to(ROOT / "node_modules")


def write_config(workdir: Path, modules: list[str], tests: list[str], deselect: str | None, marks: str = "") -> None:
    lines = ["[mutmut]", "source_paths = build_scripts/", "only_mutate ="]
    lines += [f"    {m}" for m in modules]
    lines += ["pytest_add_cli_args_test_selection ="] + [f"    {t}" for t in tests]
    # Everything the tests read besides the code: the texts, the site's sources, the guides
    # and the setup files (the tests of the README's commands and of a shard's inputs).
    copied = (
        *("source_texts/", "docs/", "mkdocs.yml", "overrides/", "benchmarks/", "node_modules/", ".ci/"),
        *("README.md", "ARCHITECTURE.md", "EDITING.md", "PUBLISHING.md", "Makefile", ".gitignore"),
        *("requirements.txt", "requirements-mutation.txt", "package.json", "package-lock.json"),
    )
    lines += ["also_copy ="] + [f"    {p}" for p in copied]
    lines += ["use_git_change_detection = false"]
    (workdir / "setup.cfg").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # pytest's options in the copy: no cache written, the subprocess tests left out.
    options = "-ra -p no:cacheprovider"
    options += (f" -k '{deselect}'" if deselect else "") + (f" -m '{marks}'" if marks else "")
    pyproject = (workdir / "pyproject.toml").read_text(encoding="utf-8")
    pyproject = re.sub(r"^addopts = .*$", f'addopts = "{options}"', pyproject, count=1, flags=re.M)
    (workdir / "pyproject.toml").write_text(pyproject, encoding="utf-8")


def module_of(mutant: str) -> str:
    """'build_scripts.parse.inline.x_parse_inline__mutmut_3' -> 'build_scripts/parse/inline.py'."""
    dotted = mutant.split("__mutmut_")[0].rsplit(".", 1)[0]
    parts = dotted.split(".")
    while parts and parts[-1].startswith(("x_", "xǁ")):
        parts.pop()
    return "/".join(parts) + ".py"


def mutmut(workdir: Path, group: str, *names: str, check: bool = True) -> None:
    run = subprocess.run([str(MUTMUT), "run", *names], cwd=workdir, capture_output=True, text=True)
    if check and run.returncode != 0:
        print(run.stdout[-3000:], run.stderr[-3000:], sep="\n")
        raise SystemExit(f"{group}: mutmut failed (exit {run.returncode})")


def results(workdir: Path) -> dict[str, str]:
    """{mutant: status} of every mutant generated ("not checked" for those not run): mutmut's
    own, updated by those run in fresh processes."""
    listing = subprocess.run([str(MUTMUT), "results", "--all", "true"], cwd=workdir, capture_output=True, text=True)
    status: dict[str, str] = {}
    for line in listing.stdout.splitlines():
        mutant, _, state = line.strip().rpartition(": ")
        if "__mutmut_" in mutant:
            status[mutant] = state
    fresh = workdir / FRESH_RESULTS
    if fresh.exists():
        status.update(json.loads(fresh.read_text(encoding="utf-8")))
    return status


def run_fresh(workdir: Path, names: list[str], whole_files: list[str] | None, jobs: int = 2) -> None:
    """Run each mutant in a pytest process of its own, two at a time: against the tests that
    call its function (mutmut's statistics), or against ``whole_files`` (tests written since
    those statistics). Results are saved as each ends, so a run stopped keeps what it did."""
    mutants = workdir / "mutants"
    stats = json.loads((mutants / "mutmut-stats.json").read_text(encoding="utf-8"))
    tests_of = stats["tests_by_mangled_function_name"]
    duration = stats["duration_by_test"]
    saved = workdir / FRESH_RESULTS
    done: dict[str, str] = json.loads(saved.read_text(encoding="utf-8")) if saved.exists() else {}
    lock = threading.Lock()

    def pytest(mutant: str, tests: list[str]) -> int | None:
        command = [str(VENV_PYTHON), "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests]
        env = {**os.environ, "MUTANT_UNDER_TEST": mutant}
        try:
            return subprocess.run(command, cwd=mutants, env=env, capture_output=True, timeout=FRESH_TIMEOUT).returncode
        except subprocess.TimeoutExpired:
            return None

    baseline = sorted({t for tests in tests_of.values() for t in tests}) if whole_files is None else whole_files
    if pytest("none", baseline) != 0:  # no mutant: the tests must pass, or every mutant would be "killed"
        raise SystemExit(f"{workdir.name}: the tests fail with no mutant in {mutants}")

    def one(mutant: str) -> None:
        # The quickest tests first, as mutmut orders them: a killed mutant stops at its first failure.
        called = tests_of.get(mutant.split("__mutmut_")[0], ())
        tests = whole_files if whole_files is not None else sorted(called, key=lambda t: (duration.get(t, 0), t))
        code = pytest(mutant, tests) if tests else 5
        state = {0: "survived", 5: "no tests", None: "timeout"}.get(code, "killed")
        with lock:
            done[mutant] = state
            saved.write_text(json.dumps(done, indent=0, sort_keys=True), encoding="utf-8")

    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, [m for m in names if m not in done or whole_files is not None]))


def sample_of(names: list[str], sample: int) -> list[str]:
    """A deterministic sample of ``sample`` mutants (none: all): every k-th name in name order."""
    return names[:: max(1, len(names) // sample)][:sample] if sample else []


def copy_tests(workdir: Path, files: list[Path]) -> None:
    """The project's test files ``files``, as they are now, into a run's mutated copy."""
    for test in files:
        target = workdir / "mutants" / test.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(test, target)


def run_fresh_group(name: str, workdir: Path, sample: int, show: int, started: float) -> dict[str, Counter[str]]:
    """The mutants of a FRESH group (its sample's, if ``sample``) without a result, each in a
    fresh process; the report of them all."""
    names = sorted(results(workdir))
    chosen = sample_of(names, sample)
    run_fresh(workdir, chosen or names, None)
    status = results(workdir)
    status = {m: status[m] for m in chosen} if chosen else status
    return report(name, workdir, status, chosen, time.monotonic() - started, show)


def run_again(name: str, workdir: Path, tests: list[str], show: int) -> dict[str, Counter[str]]:
    """The mutants of the last run of ``name``, run again in fresh processes against the
    ``tests`` as they are now (written since, for its survivors): all but those it killed."""
    started = time.monotonic()
    if not (workdir / "mutants").exists():
        raise SystemExit(f"{name}: no earlier run in {workdir} to run again")
    paths = [p for t in tests for p in ((ROOT / t).rglob("test_*.py") if (ROOT / t).is_dir() else [ROOT / t])]
    files = sorted({str(p.relative_to(ROOT)) for p in paths} | {"tests/conftest.py"})
    copy_tests(workdir, [ROOT / test for test in files])
    # The mutants the last run ran (those of its sample, if it ran one).
    fresh = workdir / FRESH_RESULTS
    ran = set(json.loads(fresh.read_text(encoding="utf-8"))) if name in FRESH and fresh.exists() else None
    last = {m: s for m, s in results(workdir).items() if ran is None or m in ran}
    left = sorted(
        m for m, s in last.items() if s not in ("killed", "timeout") or (name in HANGS_UNCOUNTED and s == "timeout")
    )
    run_fresh(workdir, left, [t for t in files if t != "tests/conftest.py"])
    status = {m: s for m, s in results(workdir).items() if m in last}
    return report(name, workdir, status, [], time.monotonic() - started, show)


def run_resumed(name: str, workdir: Path, modules: list[str], sample: int, show: int) -> dict[str, Counter[str]]:
    """A stopped run of a FRESH group taken up where it stopped: the mutants it has no result
    for are run (against its tests, copied in as they are now), the others kept. Refused if
    the mutated modules changed since: the mutants would no longer be theirs."""
    started = time.monotonic()
    if name not in FRESH or not (workdir / "mutants" / "mutmut-stats.json").exists():
        raise SystemExit(f"{name}: no run of a group run in fresh processes to resume in {workdir}")
    changed = [m for m in modules if (workdir / m).read_bytes() != (ROOT / m).read_bytes()]
    if changed:
        raise SystemExit(f"{name}: {', '.join(changed)} changed since the run began: run it anew")
    copy_tests(
        workdir, [t for t in sorted((ROOT / "tests").rglob("*")) if t.is_file() and "__pycache__" not in t.parts]
    )
    return run_fresh_group(name, workdir, sample, show, started)


def run_group(
    name: str,
    cache: Path,
    show: int,
    sample: int = 0,
    again: bool = False,
    again_tests: list[str] | None = None,
    resume: bool = False,
) -> dict[str, Counter[str]]:
    modules, tests = GROUPS[name]
    workdir = cache / name
    started = time.monotonic()
    if again:
        return run_again(name, workdir, again_tests or tests, show)
    if resume:
        return run_resumed(name, workdir, modules, sample, show)
    project_copy(workdir)
    write_config(workdir, modules, tests, DESELECT.get(name), "not slow" if name in FAST else MARKS.get(name, ""))
    chosen: list[str] = []
    if name in FRESH:
        mutmut(workdir, name, "no-such-mutant", check=False)  # the mutants and statistics only
        return run_fresh_group(name, workdir, sample, show, started)
    if sample:
        # Generate the mutants and the test statistics only (a name that matches none), then
        # run a deterministic sample of them: every k-th name in name order.
        mutmut(workdir, name, "no-such-mutant", check=False)  # mutmut then says no mutant matched
        chosen = sample_of(sorted(results(workdir)), sample)
    stop = threading.Event()
    if name in HANGS_UNCOUNTED:
        threading.Thread(target=watchdog, args=(stop,), daemon=True).start()
    try:
        mutmut(workdir, name, *chosen)
    finally:
        stop.set()
    status = results(workdir)
    if chosen:
        status = {m: status[m] for m in chosen}
    return report(name, workdir, status, chosen, time.monotonic() - started, show)


def report(
    name: str, workdir: Path, status: dict[str, str], chosen: list[str], elapsed: float, show: int
) -> dict[str, Counter[str]]:
    per_module: dict[str, Counter[str]] = defaultdict(Counter)
    for mutant, state in status.items():
        hung = state == "timeout" and name in HANGS_UNCOUNTED
        per_module[module_of(mutant)]["hung" if hung else state] += 1
    total = len(results(workdir))
    sampled = f" (a sample of {len(status)} of {total})" if chosen else ""
    print(f"\n== {name}: {len(status)} mutants{sampled} in {elapsed:.0f} s")
    for module, counts in sorted(per_module.items()):
        print(f"   {module:45} {score_line(counts)}")
    survivors = sorted(m for m, s in status.items() if s in ("survived", "no tests"))
    for mutant in survivors[:show]:
        diff = subprocess.run([str(MUTMUT), "show", mutant], cwd=workdir, capture_output=True, text=True).stdout
        changed = [d for d in diff.splitlines() if d[:1] in "+-" and not d.startswith(("+++", "---"))]
        print(f"   {status[mutant]:9} {mutant}")
        for d in changed[:6]:
            print(f"             {d.strip()[:110]}")
    if len(survivors) > show:
        print(f"   ... {len(survivors) - show} more: `mutmut results` in {workdir}")
    return per_module


def score_line(counts: Counter[str]) -> str:
    # A mutant that no selected test runs ("no tests") is a bug nothing would catch: it counts
    # against the score, as a survivor does.
    counted = ("killed", "survived", "timeout", "no tests")
    tested = sum(counts[k] for k in counted)
    killed = counts["killed"] + counts["timeout"]  # a mutant that hangs the tests is caught
    score = 100 * killed / tested if tested else 0.0
    others = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()) if k not in counted)
    return f"killed {killed:4} / {tested:4}  score {score:5.1f} %" + (f"  ({others})" if others else "")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("groups", nargs="*", help=f"some of: {', '.join([*ALIASES, *GROUPS])} (default: all)")
    parser.add_argument("--show", type=int, default=60, help="surviving mutants shown per group")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "mutation")
    parser.add_argument(
        "--sample",
        type=int,
        default=0,
        help="run a deterministic sample of N mutants per group (the score is then an estimate)",
    )
    parser.add_argument(
        "--again",
        action="store_true",
        help="run the last run's mutants but those it killed again, each in a fresh process, "
        "against the tests as they are now",
    )
    parser.add_argument(
        "--tests", nargs="+", metavar="FILE", help="with --again: these test files only (the new tests' files)"
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="take up a stopped run of a group run in fresh processes: only its mutants without a result",
    )
    args = parser.parse_args(argv)
    args.groups = [g for name in args.groups for g in ALIASES.get(name, [name])]
    unknown = [g for g in args.groups if g not in GROUPS]
    if unknown:
        parser.error(f"unknown group {unknown[0]!r}; the groups are: {', '.join(GROUPS)}")
    ensure_mutmut()
    started = time.monotonic()
    total: Counter[str] = Counter()
    for name in args.groups or list(GROUPS):
        for counts in run_group(name, args.cache, args.show, args.sample, args.again, args.tests, args.resume).values():
            total.update(counts)
    print(f"\nall groups: {score_line(total)}; {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
