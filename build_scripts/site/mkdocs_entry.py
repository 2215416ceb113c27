"""The file mkdocs.yml's ``hooks`` names.

MkDocs loads a hook file by its path, as a module of no package. This one hands it the hooks
of ``build_scripts.site.mkdocs_hooks`` imported as the package's module, so that a process
holds one copy of that module whatever started the build (``mkdocs build``, the CLI, a test
in process), and tools that follow calls by module name (the mutation runs) see the hooks'.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:  # loaded by path: the project's folder may not be on the path
    sys.path.insert(0, str(ROOT))

from build_scripts.site.mkdocs_hooks import (  # noqa: E402
    on_files,
    on_page_content,
    on_page_context,
    on_post_build,
    on_pre_build,
    on_serve,
)

__all__ = ["on_files", "on_page_content", "on_page_context", "on_post_build", "on_pre_build", "on_serve"]
