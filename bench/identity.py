"""Identity check + per-document speed of the library (issue 6: optimise without changing outputs).

    PYTHONPATH=src:. python bench/identity.py --abstracts /tmp/perf_abs --out /tmp/out.jsonl
    diff /tmp/perf_baseline.jsonl /tmp/out.jsonl

Runs `process_document` over every .txt file in --abstracts, the seed corpus (corpus/) and the PDF
fixtures (tests/fixtures/pdf), turns each result into its table rows (`assemble.rows_for`), drops
the run-dependent fields (processed_at, pipeline_version) and writes one canonical JSON line per
document (sorted keys). Prints documents/s for the abstracts (only the process_document loop is
timed, after one warm-up document) and, separately, for the PDFs.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DROP = {"processed_at", "pipeline_version"}


def _clean(v):
    if isinstance(v, float) and math.isnan(v):
        return "NaN"
    if isinstance(v, dict):
        return {k: _clean(x) for k, x in v.items() if k not in DROP}
    if isinstance(v, (list, tuple)):
        return [_clean(x) for x in v]
    return v


def canonical(result) -> str:
    from extract.assemble import rows_for

    rows = rows_for(result)
    return json.dumps(_clean(rows), sort_keys=True, ensure_ascii=False, default=repr)


def run(paths: list[Path], settings) -> tuple[list, float]:
    from extract.pipeline import process_document

    t0 = time.perf_counter()
    results = [process_document(p, settings) for p in paths]
    return results, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--abstracts", type=Path, default=Path("/tmp/perf_abs"))
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--limit", type=int, default=0, help="only the first N abstracts (quick runs)")
    ap.add_argument("--no-pdf", action="store_true")
    a = ap.parse_args()

    import extract
    from extract.settings import Settings

    print(f"extract from {Path(extract.__file__).parent}", file=sys.stderr)
    settings = Settings()
    abstracts = sorted(a.abstracts.glob("*.txt"))
    if a.limit:
        abstracts = abstracts[:a.limit]
    seeds = sorted((ROOT / "corpus").glob("*.txt"))
    pdfs = [] if a.no_pdf else sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf"))

    from extract.nlp import get_nlp

    get_nlp()  # warm-up: the spaCy pipeline (loaded on first use, which need not be the first document)
    run(abstracts[:1], settings)  # warm-up: imports, regex compilation
    res_abs, t_abs = run(abstracts, settings)
    res_seed, _ = run(seeds, settings)
    res_pdf, t_pdf = run(pdfs, settings)

    with a.out.open("w", encoding="utf-8") as f:
        for r in res_abs + res_seed + res_pdf:
            f.write(canonical(r) + "\n")
    print(f"abstracts: {len(abstracts)} docs in {t_abs:.2f} s = {len(abstracts) / t_abs:.1f} docs/s")
    if pdfs:
        print(f"pdfs: {len(pdfs)} docs in {t_pdf:.2f} s = {len(pdfs) / t_pdf:.2f} docs/s")


if __name__ == "__main__":
    main()
