"""`make bench`: speed and memory of trialx at corpus scale, side by side, in one run.

Stages (each in its own child process; peak memory is the PSS summed over that process tree):
 1. floor      spaCy's bare tokenizer (spacy.blank("en"), nlp.pipe) over the abstracts' texts
 2. library    parse + extract + validate + write Parquet, no Prefect: one process, and the same with
               the worker pool (the default runner's processes, still no Prefect)
 3. flow       `trialx run` end to end (Prefect embedded server start-up, tasks, Parquet, report)
 4. pdfs       the PDF stage versus naive pdfplumber text + find_tables on every page
 5. flow 3x    the corpus replicated three times (each copy made distinct, so nothing is a duplicate)
 6. rerun      `trialx run` again on the unchanged corpus (and `--force`: a flow run that reuses all)
Prints a table of times, documents/s, words/s, peak memory and the ratios against the goals, and
appends it, with the date and machine, to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def tree_rss(proc: psutil.Process) -> int:
    """Memory of a process tree: the sum of PSS (proportional set size: a page shared by k processes,
    e.g. the worker processes' copy-on-write pages from the fork server, counts 1/k in each), which
    is what the tree really occupies; summing RSS would count shared pages once per process."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_full_info().pss
        except psutil.Error:
            pass
    return total


def measure(cmd: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """Run a command; wall time, peak memory (PSS) of its whole process tree (sampled every 100 ms), stdout."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    ps = psutil.Process(proc.pid)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            try:
                peak[0] = max(peak[0], tree_rss(ps))
            except psutil.Error:
                pass
            time.sleep(0.1)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    th.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return wall, peak[0], out


# ---- stages run in child processes: `python bench/bench.py --stage NAME ARGS` -----------------------

def stage_floor(folder: Path) -> dict:
    import spacy

    files = sorted(folder.glob("*.txt"))
    t0 = time.perf_counter()
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    nlp = spacy.blank("en")
    words = sum(len(d) for d in nlp.pipe(texts, batch_size=256))
    return dict(docs=len(files), words=words, seconds=time.perf_counter() - t0)


def stage_library(folder: Path, out: Path, workers: int) -> dict:
    from extract.batch import run_library

    t0 = time.perf_counter()
    s = run_library([folder], out, workers=workers)
    return dict(docs=s.documents, seconds=time.perf_counter() - t0, by_status=s.by_status)


def stage_pdfs(folder: Path) -> dict:
    sys.path.insert(0, str(ROOT / "bench"))
    import pdf_bench

    files = sorted(folder.glob("*.pdf"))
    for f in files:  # warm-up
        pdf_bench.timed(pdf_bench.naive, f)
        pdf_bench.timed(pdf_bench.trialx, f)
    naive = sum(pdf_bench.timed(pdf_bench.naive, f)[0] for f in files)
    ours = sum(pdf_bench.timed(pdf_bench.trialx, f)[0] for f in files)
    import pypdfium2 as pdfium

    pages = sum(len(pdfium.PdfDocument(str(f))) for f in files)
    return dict(docs=len(files), pages=pages, naive=naive, seconds=ours)


# ---- the driver --------------------------------------------------------------------------------

def child(stage: str, *args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--stage", stage, *args]


def replicate(src: Path, dest: Path, times: int) -> None:
    dest.mkdir(parents=True)
    for f in sorted(src.glob("*.txt")):
        data = f.read_bytes()
        for k in range(times):
            # a distinct copy (a trailing blank line per copy) so the content hash differs
            (dest / f"{f.stem}-{k}.txt").write_bytes(data + b"\n" * k)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--abstracts", type=Path, default=ROOT.parent / "shared" / "bench-abstracts")
    ap.add_argument("--pdfs", type=Path, default=ROOT.parent / "shared" / "corpus-pdf")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--no-append", action="store_true", help="Do not append the result to BENCHMARKS.md")
    ap.add_argument("--stage", help=argparse.SUPPRESS)
    ap.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.stage:
        fn = {"floor": lambda: stage_floor(Path(a.rest[0])),
              "library": lambda: stage_library(Path(a.rest[0]), Path(a.rest[1]), int(a.rest[2])),
              "pdfs": lambda: stage_pdfs(Path(a.rest[0]))}[a.stage]
        print(json.dumps(fn()))
        return 0

    for p in (a.abstracts, a.pdfs):
        if not p.is_dir():
            raise SystemExit(f"{p}: not a folder (pass --abstracts / --pdfs)")
    work = Path(tempfile.mkdtemp(prefix="trialx-bench-"))
    corpus = work / "abstracts"  # only the .txt abstracts (the folder also holds an index file)
    corpus.mkdir()
    for f in sorted(a.abstracts.glob("*.txt")):
        shutil.copy(f, corpus / f.name)
    env = dict(os.environ, PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_HOME=str(work / "prefect-home"))
    trialx = str(BIN / "trialx")
    # warm the Prefect home once (database created and migrated), as on any machine after its first run
    warm = work / "warm"
    warm.mkdir()
    shutil.copy(next(corpus.glob("*.txt")), warm / "one.txt")
    measure([trialx, "run", str(warm), "--out", str(work / "warm-out")], env)

    rows: dict[str, dict] = {}
    print("1/6 floor: spaCy tokenizer", flush=True)
    t, rss, out = measure(child("floor", str(corpus)), env)
    f = json.loads(out)
    words, n = f["words"], f["docs"]
    rows["floor: spaCy blank tokenizer (nlp.pipe)"] = dict(docs=n, seconds=f["seconds"], rss=rss)
    print("2/6 library alone", flush=True)
    t, rss, out = measure(child("library", str(corpus), str(work / "lib1"), "1"), env)
    rows["library, 1 process (no Prefect)"] = dict(docs=n, seconds=json.loads(out)["seconds"], rss=rss)
    t, rss, out = measure(child("library", str(corpus), str(work / "libN"), str(a.workers)), env)
    rows[f"library, {a.workers} worker processes (no Prefect)"] = dict(docs=n, seconds=json.loads(out)["seconds"], rss=rss)
    print("3/6 full flow", flush=True)
    t, rss, _ = measure([trialx, "run", str(corpus), "--out", str(work / "flow"), "--workers", str(a.workers)], env)
    rows["full flow: trialx run (Prefect start-up included)"] = dict(docs=n, seconds=t, rss=rss)
    flow_t, flow_rss = t, rss
    print("4/6 PDFs", flush=True)
    _, rss, out = measure(child("pdfs", str(a.pdfs)), env)
    p = json.loads(out)
    print("5/6 corpus x3", flush=True)
    replicate(corpus, work / "x3", 3)
    t, rss, _ = measure([trialx, "run", str(work / "x3"), "--out", str(work / "flow3"), "--workers", str(a.workers)], env)
    rows["full flow, corpus x3"] = dict(docs=3 * n, seconds=t, rss=rss)
    x3_t, x3_rss = t, rss
    print("6/6 rerun on the unchanged corpus", flush=True)
    t, rss, _ = measure([trialx, "run", str(corpus), "--out", str(work / "flow"), "--workers", str(a.workers)], env)
    rows["rerun, unchanged corpus (trialx run)"] = dict(docs=n, seconds=t, rss=rss)
    rerun_t = t
    t, rss, _ = measure([trialx, "run", str(corpus), "--out", str(work / "flow"), "--force"], env)
    rows["rerun, unchanged corpus, --force (a flow run reusing every row)"] = dict(docs=n, seconds=t, rss=rss)
    force_t = t

    floor_t = rows["floor: spaCy blank tokenizer (nlp.pipe)"]["seconds"]
    lib1 = rows["library, 1 process (no Prefect)"]["seconds"]
    libn = rows[f"library, {a.workers} worker processes (no Prefect)"]["seconds"]
    lines = ["| stage | documents | time (s) | documents/s | words/s | peak memory, PSS (MB) | x floor |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name, r in rows.items():
        wps = words * r["docs"] / n / r["seconds"]
        lines.append(f"| {name} | {r['docs']} | {r['seconds']:.2f} | {r['docs'] / r['seconds']:.0f} | {wps:,.0f} | "
                     f"{r['rss'] / 2**20:.0f} | {r['seconds'] / floor_t:.2f} |")
    lines.append(f"| PDFs: naive pdfplumber, {p['docs']} files / {p['pages']} pages | {p['docs']} | {p['naive']:.2f} | "
                 f"{p['docs'] / p['naive']:.1f} | | | |")
    lines.append(f"| PDFs: trialx PDF stage | {p['docs']} | {p['seconds']:.2f} | {p['docs'] / p['seconds']:.1f} | | | |")

    def goal(label, value, limit, fmt="{:.2f}x", le=True):
        ok = value <= limit if le else value >= limit
        return f"| {label} | {fmt.format(value)} | {'<=' if le else '>='} {fmt.format(limit)} | {'met' if ok else 'NOT met'} |"

    goals = ["| ratio | measured | goal | |", "|---|---:|---:|---|",
             goal("full flow / floor", flow_t / floor_t, 4.0),
             goal(f"library ({a.workers} processes) / floor", libn / floor_t, 2.5),
             goal("library (1 process) / floor (for reference)", lib1 / floor_t, 2.5),
             goal(f"Prefect's share: full flow / library ({a.workers} processes)", flow_t / libn, 1.3),
             goal("corpus x3: time / x1 time", x3_t / flow_t, 3.3),
             goal("corpus x3: peak memory / x1 peak memory", x3_rss / flow_rss, 1.3),
             goal("peak memory (PSS) of the x3 flow (MB)", x3_rss / 2**20, 1536, fmt="{:.0f}"),
             goal("PDF speed-up over naive pdfplumber", p["naive"] / p["seconds"], 2.0, le=False),
             goal("unchanged rerun / first run", rerun_t / flow_t, 0.10),
             goal("unchanged rerun with --force (a flow run) / first run", force_t / flow_t, 0.10)]
    machine = (f"{platform.node()}: {psutil.cpu_count()} cores ({platform.processor() or platform.machine()}), "
               f"{psutil.virtual_memory().total / 2**30:.0f} GB, Python {platform.python_version()}, "
               f"load average before the run {os.getloadavg()[0]:.2f}")
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    text = "\n".join([f"### make bench, {when}", "", f"Machine: {machine}. Words = spaCy tokens ({words:,} in {n} abstracts).", "",
                      *lines, "", *goals, ""])
    print("\n" + text)
    if not a.no_append:
        with open(ROOT / "BENCHMARKS.md", "a", encoding="utf-8") as fh:
            fh.write("\n" + text)
        print(f"appended to {ROOT / 'BENCHMARKS.md'}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
