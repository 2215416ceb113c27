"""Time each stage on a synthetic corpus of N resolutions made from the real ones.

    .venv/bin/python benchmarks/scale.py 10 100 1000

For each N: parse + link + index + render (our stages, to Markdown), the MkDocs build with
our hooks, a plain MkDocs build of the same generated Markdown (no hooks: the renderer's
own cost), the PDFs (fresh cache, 2 processes), the search index size and the peak memory.
Figures only; nothing is asserted. Everything happens in a temporary folder.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SOURCES = ROOT / "source_texts"
CLEAN = ["a-res-77-20.txt", "a-res-77-237.txt", "a-res-77-241.txt"]
MONTHS = "January February March April May June July August September October November December".split()


def synthetic_text(base: str, session: int, number: int, day: int, previous: str | None) -> str:
    """A real resolution under another symbol and date, citing the previous one."""
    text = re.sub(r"^(\*?)\d+/\d+\. ", rf"\g<1>{session}/{number}. ", base, count=1, flags=re.M)
    text = re.sub(r"(?<=\*\*\*)\d+/\d+\. ", f"{session}/{number}. ", text, count=1)
    date = f"{day % 28 + 1} {MONTHS[day % 12]} {1945 + session}"
    text = re.sub(r"(Resolution adopted by the General Assembly\s+on) \d+ \w+ \d{4}", rf"\1 {date}", text)
    if previous:
        text = text.replace(
            "The General Assembly,", f"The General Assembly,\n\nRecalling its resolution {previous},", 1
        )
    return text


def make_corpus(n: int, folder: Path) -> None:
    folder.mkdir(parents=True)
    for name in ("glossary.yml", "themes.yml", "bodies.yml"):
        shutil.copy(SOURCES / name, folder / name)
    bases = [(SOURCES / name).read_text(encoding="utf-8") for name in CLEAN]
    previous = None
    for i in range(n):
        session, number = 40 + i % 40, 1000 + i
        (folder / f"a-res-{session}-{number}.txt").write_text(
            synthetic_text(bases[i % len(bases)], session, number, i, previous), encoding="utf-8"
        )
        previous = f"{session}/{number}"


def prepare_docs(work: Path) -> Path:
    docs = work / "docs"
    shutil.copytree(
        ROOT / "docs", docs, ignore=shutil.ignore_patterns("resolutions", "documents", "glossary", "series", "indexes")
    )
    return docs


def write_config(work: Path, docs: Path, hooks: bool) -> Path:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs", f"docs_dir: {docs}").replace(
        "site_dir: site", f"site_dir: {work / 'site'}"
    )
    config = config.replace("build_scripts/mkdocs_hooks.py", str(ROOT / "build_scripts" / "mkdocs_hooks.py"))
    if not hooks:
        config = re.sub(r"\nhooks:\n  - .*\n", "\n", config)
    path = work / ("mkdocs.yml" if hooks else "mkdocs-plain.yml")
    path.write_text(config, encoding="utf-8")
    return path


def run(n: int) -> None:
    from build_scripts.pdf import make_many, pdf_name
    from build_scripts.pipeline import generate, site_settings

    work = Path(tempfile.mkdtemp(prefix=f"scale-{n}-"))
    try:
        texts = work / "texts"
        make_corpus(n, texts)
        docs = prepare_docs(work)
        os.environ["SOURCE_TEXTS_DIR"] = str(texts)
        os.environ["NO_MKDOCS_2_WARNING"] = "1"
        t = time.perf_counter()
        collection, _ = generate(texts, docs, pdfs=False)
        ours = time.perf_counter() - t
        env = {**os.environ}
        hooks_config = write_config(work, docs, hooks=True)
        plain_config = write_config(work, docs, hooks=False)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(hooks_config)], env=env, check=True)
        with_hooks = time.perf_counter() - t
        index = work / "site" / "search" / "search_index.json"
        index_size = index.stat().st_size
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_config)], env=env, check=True)
        plain = time.perf_counter() - t
        site_url, site_name = site_settings()
        documents = collection.all()
        targets = [work / "pdf" / pdf_name(d) for d in documents]
        t = time.perf_counter()
        make_many(documents, None, work / "pdf-cache", site_url, site_name, jobs=2, targets=targets)
        pdfs = time.perf_counter() - t
        peak = max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        )
        total = ours + with_hooks + pdfs
        print(
            f"N={n:>5}  parse+render {ours:6.1f} s ({ours / n * 1000:5.0f} ms/doc)  "
            f"mkdocs+hooks {with_hooks:6.1f} s  plain mkdocs {plain:6.1f} s  PDFs {pdfs:6.1f} s  "
            f"search index {index_size / 1e6:5.1f} MB  peak memory {peak / 1024:5.0f} MB  "
            f"whole build / plain mkdocs {total / plain:4.1f}x",
            flush=True,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["10", "100"]:
        run(int(arg))
