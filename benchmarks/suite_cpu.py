"""Print where the test suite's time goes, in processor seconds.

Runs the suite as `make test` does (a pytest process per core) and measures, for each test,
the processor time of its test process and of every process under it: the builds it runs
(`python -m build_scripts build`, Typst, Pagefind) and the browser (chromium and Playwright's
driver). Then prints, beside the run's wall time, what the machine's cores did meanwhile
(busy, idle), the suite's processor seconds by module and by kind of work, and the slowest
tests by processor time.

On a machine whose cores are busy all through the run, the wall time cannot fall below
processor seconds / cores whatever the order of the tests: a suite of 700 processor seconds
takes 6 minutes on 2 cores. (The session's fixtures torn down after the last test of
a process, the browser closed, are not counted.)

    .venv/bin/python benchmarks/suite_cpu.py [PYTEST ARGS...]    # e.g. tests/test_browser.py

Figures only: nothing is asserted here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")
OUT_DIR = "SUITE_CPU_DIR"  # where each test process writes its figures

# --- the plugin, loaded in each test process (-p suite_cpu) ------------------------------------


def process_tree(top: int) -> dict[int, tuple[int, float]]:
    """Process ``top`` and its living descendants: pid -> (parent pid, processor seconds with
    those of the children it has waited for)."""
    parents: dict[int, list[int]] = defaultdict(list)
    stats: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        pid, parent = int(entry), int(fields[1])
        parents[parent].append(pid)
        stats[pid] = (parent, sum(int(f) for f in fields[11:15]) / TICKS)  # utime, stime, cutime, cstime
    tree, stack = {}, [top]
    while stack:
        pid = stack.pop()
        if pid in stats:
            tree[pid] = stats[pid]
            stack.extend(parents.get(pid, ()))
    return tree


def seconds_between(before: dict[int, tuple[int, float]], after: dict[int, tuple[int, float]]) -> float:
    """Processor seconds the tree spent between two readings. A process that ended was waited
    for by its parent, which then counts its whole time (so its earlier share comes off), unless
    that parent ended too (chromium's processes, reparented as the browser closes): then the
    time it had is kept as it was."""
    spent = sum(seconds for _, seconds in after.values()) - sum(seconds for _, seconds in before.values())
    for pid, (parent, seconds) in before.items():
        if pid not in after and parent not in after:
            spent += seconds
    return spent


@dataclass(frozen=True)
class Measured:
    test: str  # pytest's node id
    wall: float  # seconds
    cpu: float  # processor seconds of the test's process and of every process under it
    browser: bool  # the test drives chromium


RECORDS: list[Measured] = []
# The reading after a test, taken before the teardown of the session's fixtures when it is
# the last test of its process: closing the browser hands the time of all its processes to
# their parents at once, which would count it twice.
LAST_READING: dict[str, dict[int, tuple[int, float]]] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    before, start = process_tree(os.getpid()), time.monotonic()
    yield
    after = LAST_READING.pop(item.nodeid, None) or process_tree(os.getpid())
    browser = "browser" in getattr(item, "fixturenames", ())
    RECORDS.append(Measured(item.nodeid, time.monotonic() - start, seconds_between(before, after), browser))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    if nextitem is None:
        LAST_READING[item.nodeid] = process_tree(os.getpid())
    yield


def pytest_sessionfinish(session: pytest.Session) -> None:
    folder = os.environ.get(OUT_DIR)
    if folder:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        Path(folder, f"{worker}.json").write_text(json.dumps([asdict(r) for r in RECORDS]), encoding="utf-8")


# --- the benchmark -----------------------------------------------------------------------------


def machine_seconds() -> tuple[float, float]:
    """Busy and idle seconds of all the machine's cores since it started (time stolen by the
    host of a virtual machine is neither)."""
    fields = [int(f) / TICKS for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq = fields[:7]
    return user + nice + system + irq + softirq, idle + iowait


def main(args: list[str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            OUT_DIR: folder,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "benchmarks"), os.environ.get("PYTHONPATH")])),
            "NO_MKDOCS_2_WARNING": "1",
        }
        command = [sys.executable, "-m", "pytest", "-p", "suite_cpu", "-n", "auto", "--dist", "worksteal", "-q", *args]
        busy, idle = machine_seconds()
        start = time.monotonic()
        status = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=False).returncode
        wall = time.monotonic() - start
        busy_after, idle_after = machine_seconds()
        records = [
            Measured(**r)
            for f in sorted(Path(folder).glob("*.json"))
            for r in json.loads(f.read_text(encoding="utf-8"))
        ]
    cores = os.cpu_count() or 1
    total = sum(r.cpu for r in records)
    print(f"pytest exit status {status}; {len(records)} tests in {wall:.0f} s on {cores} cores")
    print(
        f"the machine meanwhile: {busy_after - busy:.0f} s busy, {idle_after - idle:.0f} s idle "
        f"(of {wall * cores:.0f} core-seconds)"
    )
    print(
        f"the tests and their processes: {total:.0f} processor seconds; {total / cores:.0f} s on {cores} cores at best"
    )
    browser = sum(r.cpu for r in records if r.browser)
    print(f"  of which tests driving a browser: {browser:.0f} s; the others: {total - browser:.0f} s")
    by_module: dict[str, list[Measured]] = defaultdict(list)
    for r in records:
        by_module[r.test.split("::")[0]].append(r)
    print(f"\n{'module':<44} {'tests':>6} {'cpu s':>8} {'wall s':>8}")
    for module, tests in sorted(by_module.items(), key=lambda kv: -sum(r.cpu for r in kv[1]))[:25]:
        print(f"{module:<44} {len(tests):>6} {sum(r.cpu for r in tests):>8.1f} {sum(r.wall for r in tests):>8.1f}")
    print(f"\n{'slowest tests by processor time':<100} {'cpu s':>7} {'wall s':>7}")
    for r in sorted(records, key=lambda r: -r.cpu)[:15]:
        print(f"{r.test[:100]:<100} {r.cpu:>7.1f} {r.wall:>7.1f}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
