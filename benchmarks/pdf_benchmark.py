"""Print how fast the PDFs are set: cold, warm, from the cache, and at scale.

    .venv/bin/python benchmarks/pdf_benchmark.py [--synthetic 1000] [--jobs 2]

Figures only; nothing here is asserted. The machine is shared and noisy: compare
figures from one run with each other, not with another day's.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_scripts.model import Resolution  # noqa: E402
from build_scripts.parse.sources import discover  # noqa: E402
from build_scripts.render.pdf import PdfMaker, make_many  # noqa: E402
from build_scripts.settings import load_settings  # noqa: E402
from build_scripts.site.pipeline import load_edition  # noqa: E402


def synthetic(resolutions: list[Resolution], n: int) -> list[Resolution]:
    """N resolutions made from the real ones, each with its own symbol and slug."""
    out = []
    for i in range(n):
        base = copy.deepcopy(resolutions[i % len(resolutions)])
        base.meta.number = str(1000 + i)
        base.meta.symbol = f"A/RES/{base.meta.session}/{1000 + i}"
        base.slug = f"a-res-{base.meta.session}-{1000 + i}"
        base.preamble = base.preamble[i % 3 :] or base.preamble
        out.append(base)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--synthetic", type=int, default=0, help="also set N synthetic resolutions")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    settings = load_settings()
    site_url, site_name = settings.site_url, settings.site_name
    collection = load_edition(discover(ROOT / "source_texts"))
    work = Path(tempfile.mkdtemp(prefix="pdf-bench-"))
    try:
        maker = PdfMaker(work / "cache-cold", site_url, site_name)
        print("document                         pages  cold s  warm s  pages/s (warm)")
        for document in collection.all():
            target = work / f"{document.slug}.pdf"
            t = time.perf_counter()
            maker.make(document, target)
            cold = time.perf_counter() - t
            # Warm: the same compiler (fonts loaded), a fresh cache, inputs it has not seen.
            maker.cache_dir = work / f"cache-warm-{document.slug}"
            maker.site_name = site_name + " "
            t = time.perf_counter()
            maker.make(document, target)
            warm = time.perf_counter() - t
            maker.site_name = site_name
            maker.cache_dir = work / "cache-cold"
            pages = len(PdfReader(target).pages)
            print(f"{document.slug:<32} {pages:>5} {cold:>7.3f} {warm:>7.3f} {pages / warm:>10.0f}")
        t = time.perf_counter()
        cached = PdfMaker(work / "cache-cold", site_url, site_name)
        for document in collection.all():
            cached.make(document, work / f"{document.slug}.pdf")
        print(f"rebuild with every PDF cached: {time.perf_counter() - t:.3f} s for {len(collection.all())} PDFs")
        if args.synthetic:
            corpus = synthetic(collection.resolutions, args.synthetic)
            out = work / "synthetic"
            t = time.perf_counter()
            made = make_many(corpus, out, work / "cache-synthetic", site_url, site_name, jobs=args.jobs)
            elapsed = time.perf_counter() - t
            print(
                f"synthetic corpus: {len(made)} PDFs in {elapsed:.1f} s with {args.jobs} processes "
                f"({elapsed / len(corpus) * 1000:.0f} ms per PDF)"
            )
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
