"""Worker processes for extraction: the machine's cores, a time limit and a memory limit per document.

Extraction is CPU-bound pure Python, so threads do not add throughput (the GIL); the default runner
sends documents to a pool of worker processes (pebble's ProcessPool). A worker that exceeds the
per-document time limit is killed and replaced, and the document is recorded as `failed`; a worker
that dies (out of memory, a crash in a C library) costs only the document it was processing.
Workers start from a fork server that has already imported the extraction code, so replacing one
takes milliseconds, and they never inherit the flow's threads (fork with threads can deadlock).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import time
from concurrent.futures import TimeoutError as FutureTimeout

from .batch import PlannedDoc, failed_result
from .model import DocumentResult
from .settings import Settings

_PRELOAD = ["extract._preload"]  # the extraction code and the spaCy pipeline, built once in the fork server


def _init_worker(memory_mb: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the parent
    from .nlp import get_nlp

    get_nlp()  # built in the fork server already (inherited); built here only if that preload failed
    # Private writable memory (heap, anonymous maps) may grow by memory_mb beyond the worker's
    # start-up footprint (whose virtual reservations, e.g. BLAS buffers, are large but mostly
    # untouched); a runaway document then gets MemoryError or kills only its worker.
    limit = _vm_data_bytes() + memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    except (ValueError, OSError):
        pass


def _vm_data_bytes() -> int:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _inject_fault(path: str, spec: str) -> None:
    """Fault injection for tests (TRIALX_FAULT_INJECTION): crash, hang or exhaust memory on one file."""
    kind, _, name = spec.partition(":")
    if not name or not path.endswith(name):
        return
    if kind == "crash":
        os._exit(70)
    if kind == "hang":
        while True:
            time.sleep(1)
    if kind == "oom":
        hog = []
        while True:
            hog.append(bytearray(64 * 1024 * 1024))


def _extract(path: str, settings: Settings) -> DocumentResult:
    from .pipeline import process_document

    if settings.fault_injection:
        _inject_fault(path, settings.fault_injection)
    return process_document(path, settings)


class DocumentPool:
    """`submit(doc)` -> future; `result(doc, future)` -> DocumentResult (never raises for a document)."""

    def __init__(self, workers: int, settings: Settings):
        from pebble import ProcessPool

        self.settings = settings
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        self.pool = ProcessPool(max_workers=workers, initializer=_init_worker,
                                initargs=(settings.worker_memory_mb,), context=ctx)
        self.workers = workers
        self.pending: dict[tuple[str, str | None], object] = {}

    def submit(self, doc: PlannedDoc):
        fut = self.pending.pop((doc.path, doc.doc_id), None)
        if fut is not None:
            return fut
        return self.pool.schedule(_extract, args=(doc.path, self.settings), timeout=self.settings.doc_time_limit)

    def prefetch(self, docs: list[PlannedDoc]) -> None:
        """Start on these documents now (e.g. while Prefect starts up); `submit` hands their futures over."""
        for d in docs:
            self.pending[(d.path, d.doc_id)] = self.pool.schedule(_extract, args=(d.path, self.settings),
                                                                  timeout=self.settings.doc_time_limit)

    def result(self, doc: PlannedDoc, future) -> DocumentResult:
        from pebble import ProcessExpired

        s = self.settings
        try:
            return future.result()
        except FutureTimeout:
            return failed_result(doc, "limit", f"stopped after {s.doc_time_limit:g} s: the document took longer than "
                                               "the per-document time limit (TRIALX_DOC_TIME_LIMIT)")
        except ProcessExpired as e:
            return failed_result(doc, "worker", f"the extraction worker stopped unexpectedly while reading this "
                                                f"document (exit code {e.exitcode}); it may have run out of memory "
                                                f"(limit {s.worker_memory_mb} MB, TRIALX_WORKER_MEMORY_MB) or hit a "
                                                "crash in a parser library")
        except MemoryError:
            return failed_result(doc, "limit", f"ran out of memory (limit {s.worker_memory_mb} MB, "
                                               "TRIALX_WORKER_MEMORY_MB)")
        except Exception as e:  # noqa: BLE001 - one document's internal error never stops a run
            return failed_result(doc, "internal", f"internal error: {type(e).__name__}: {e}")

    def close(self) -> None:
        for fut in self.pending.values():  # prefetched documents nobody asked for
            fut.cancel()
        self.pending.clear()
        self.pool.close()
        self.pool.join(timeout=30)
        if self.pool.active:
            self.pool.stop()
            self.pool.join()

    def __enter__(self) -> "DocumentPool":
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is not None:
            self.pool.stop()
            self.pool.join()
        else:
            self.close()


def extract_in_process(docs: list[PlannedDoc], settings: Settings) -> list[DocumentResult]:
    """The same results without worker processes (daemonic Dask workers, tests): no time or memory limit."""
    out = []
    for d in docs:
        try:
            out.append(_extract(d.path, settings))
        except Exception as e:  # noqa: BLE001
            out.append(failed_result(d, "internal", f"internal error: {type(e).__name__}: {e}"))
    return out
