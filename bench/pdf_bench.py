"""PDF stage benchmark: trialx's reader against naive pdfplumber, side by side in one run.

    .venv/bin/python bench/pdf_bench.py [PDF ...] [--repeat N]

Naive pdfplumber: open the PDF, and on every page `extract_text()` plus `find_tables()`, closing
each page after use. trialx: `read_document` on the same file, i.e. the whole PDF stage up to a
Document (file read, pypdfium2 text and layout, pdfplumber ruling geometry on the pages that may
hold a table, table parsing, canonical text with offsets). Both run in the same process, in
alternating order, after one warm-up of each; each figure is the median of `--repeat` runs.
Prints one line per file and the totals. Default files: tests/fixtures/pdf/*.pdf.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def naive(path: Path) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            n += len(page.find_tables())
            page.close()
    return n


def trialx(path: Path) -> int:
    from extract.parse.reader import read_document
    from extract.settings import Settings

    return len(read_document(path, Settings()).tables)


def timed(fn, path: Path) -> tuple[float, int]:
    t = time.perf_counter()
    n = fn(path)
    return time.perf_counter() - t, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    files = args.pdfs or sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf"))
    warnings.filterwarnings("ignore")
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    import pypdfium2 as pdfium

    # warm-up (imports, font caches) for both sides
    naive(files[0])
    trialx(files[0])
    rows = []
    for f in files:
        with open(f, "rb") as fh:
            n_pages = len(pdfium.PdfDocument(fh.read()))
        a_runs, b_runs = [], []
        for k in range(args.repeat):
            order = [(naive, a_runs), (trialx, b_runs)]
            if k % 2:
                order.reverse()
            for fn, runs in order:
                dt, n = timed(fn, f)
                runs.append((dt, n))
        a = statistics.median(d for d, _ in a_runs)
        b = statistics.median(d for d, _ in b_runs)
        rows.append((f.name, n_pages, a, b, a_runs[0][1], b_runs[0][1]))
    w = max(len(r[0]) for r in rows)
    print(f"{'file':<{w}}  pages  naive pdfplumber (s)  trialx (s)  speed-up  tables naive/trialx")
    for name, p, a, b, ta, tb in rows:
        print(f"{name:<{w}}  {p:5d}  {a:20.3f}  {b:10.3f}  {a / b:7.2f}x  {ta:6d} / {tb}")
    ta, tb = sum(r[2] for r in rows), sum(r[3] for r in rows)
    pages = sum(r[1] for r in rows)
    print(f"{'TOTAL':<{w}}  {pages:5d}  {ta:20.3f}  {tb:10.3f}  {ta / tb:7.2f}x")
    print(f"(median of {args.repeat} runs per file, alternating order, Python {sys.version.split()[0]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
