"""Putting a built site in place of the old one in one step, and cleaning up after builds
that were killed.

The site is rendered into a staging folder beside it (named ``STAGING_PREFIX`` + the
builder's pid); only a complete build is swapped in. On Linux the two folders are exchanged
by one ``renameat2(RENAME_EXCHANGE)``, so no moment shows half a site or none. Elsewhere it
takes two renames (site -> site.old, staging -> site); a build killed between them leaves
``site.old`` alone, and the next build renames it back before anything else.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

STAGING_PREFIX = ".site-build-"


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


@dataclass(frozen=True)
class SwapFaults:
    """Fault injection for the tests of the swap (hidden CLI options): a pause inside the
    swap, announced by a file, so that a test can kill the build there; and the path taken
    on systems without renameat2."""

    pause: float = 0.0
    announce: Path | None = None
    exchange: bool = True

    def point(self, name: str) -> None:
        if self.pause and self.announce is not None:
            self.announce.write_text(name, encoding="utf-8")
            time.sleep(self.pause)


NO_FAULTS = SwapFaults()  # a normal build


def swap_into_place(staging: Path, site_dir: Path, faults: SwapFaults = NO_FAULTS) -> None:
    if not site_dir.exists():
        staging.rename(site_dir)
        return
    if faults.exchange and exchange(staging, site_dir):
        faults.point("exchanged")
        shutil.rmtree(staging)  # now the old site
        return
    # Elsewhere: two renames; a build killed between them is repaired by the next one.
    old = site_dir.with_name(site_dir.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    site_dir.rename(old)
    faults.point("between the renames")
    staging.rename(site_dir)
    shutil.rmtree(old)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        pass
    return True


def remove_leftovers(site_dir: Path) -> list[Path]:
    """Staging folders of builds that were killed; a site lost between two renames."""
    removed = []
    old = site_dir.with_name(site_dir.name + ".old")
    if old.is_dir() and not site_dir.exists():
        old.rename(site_dir)
    for path in site_dir.parent.glob(f"{STAGING_PREFIX}*"):
        pid = path.name.removeprefix(STAGING_PREFIX).split("-")[0]
        if path.is_dir() and pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
