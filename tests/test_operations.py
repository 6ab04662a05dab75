"""Incremental, idempotent and atomic runs; Dask parity; fault injection; a real kill -9.

Flows run under Prefect's test harness (tasks in this process, so faults can be injected with
monkeypatch); the kill -9 test runs the real `trialx run` in a subprocess against the harness's server.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.dataset as ds
import pytest

import schemas
from conftest import CORPUS, ROOT

pytestmark = pytest.mark.usefixtures("prefect_harness")
DEV = ROOT / "eval" / "dev"
TRIALX = str(Path(sys.executable).parent / "trialx")


def rows(out: Path, table: str) -> list[dict]:
    t = ds.dataset(out / table).to_table()
    if table == "documents":
        t = t.drop_columns(["processed_at"])
    return sorted(t.to_pylist(), key=lambda r: json.dumps(r, sort_keys=True, default=str))


def all_rows(out: Path) -> dict[str, list[dict]]:
    return {t: rows(out, t) for t in schemas.TABLE_ORDER}


def snapshot_id(out: Path) -> str:
    return os.readlink(out / "current")


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "corpus"
    shutil.copytree(CORPUS, d)
    for f in sorted(DEV.glob("PMC*.txt"))[:8]:
        shutil.copy(f, d / f.name)
    return d


def test_incremental_changed_new_deleted_files(corpus, tmp_path):
    from flows.ingest import run_ingest

    out = tmp_path / "out"
    first = run_ingest([str(corpus)], str(out), workers=2)
    assert (first["extracted"], first["reused"], first["documents"]) == (12, 0, 12)
    before = all_rows(out)
    old_ids = {r["source_uri"]: r["doc_id"] for r in before["documents"]}

    changed = sorted(corpus.glob("PMC*.txt"))[0]
    changed.write_text(changed.read_text() + "\nIn a post hoc analysis the difference was larger (P = 0.012).\n")
    deleted = sorted(corpus.glob("PMC*.txt"))[1]
    deleted.unlink()
    new = corpus / "new.txt"
    new.write_text("Patients were randomly assigned to drug A (n = 30) or placebo (n = 31); pain fell (P = 0.04).\n")

    second = run_ingest([str(corpus)], str(out), workers=2)
    assert (second["extracted"], second["reused"], second["removed"], second["documents"]) == (2, 10, 1, 12)
    after = all_rows(out)
    docs = {r["source_uri"]: r for r in after["documents"]}
    assert str(deleted.resolve()) not in docs
    assert str(new.resolve()) in docs
    new_id = docs[str(changed.resolve())]["doc_id"]
    gone = {old_ids[str(changed.resolve())], old_ids[str(deleted.resolve())]}
    assert new_id not in gone
    for t in schemas.TABLE_ORDER:  # the changed and deleted files' old rows are gone from every table
        assert not [r for r in after[t] if r.get("doc_id") in gone], t
        assert len({json.dumps(r, sort_keys=True, default=str) for r in after[t]}) == len(after[t]), t  # no duplicates
    assert any(r["doc_id"] == new_id and r["p_value"] == 0.012 for r in after["statistics"])
    # unchanged documents' rows are exactly as before (processed_at included: they were not re-extracted)
    keep = {r["doc_id"] for r in before["documents"]} - gone
    raw_before = ds.dataset(out.parent / "out" / "documents").to_table().to_pylist()
    assert {r["doc_id"] for r in raw_before} >= keep
    for t in ("arms", "statistics", "measurements"):
        assert [r for r in after[t] if r["doc_id"] in keep] == [r for r in before[t] if r["doc_id"] in keep]


def test_new_code_version_reextracts_everything(corpus, tmp_path, monkeypatch):
    import extract.batch
    from extract.batch import plan_run
    from extract.settings import Settings
    from flows.ingest import run_ingest

    out = tmp_path / "out"
    run_ingest([str(corpus)], str(out), workers=2)
    assert len(plan_run([corpus], out, Settings()).to_extract) == 0
    monkeypatch.setattr(extract.batch, "PIPELINE_VERSION", "trialx-9.9.9+other")
    assert len(plan_run([corpus], out, Settings()).to_extract) == 12
    monkeypatch.undo()
    assert len(plan_run([corpus], out, Settings(max_pages=3)).to_extract) == 12  # extraction settings count too


def test_duplicate_files_under_two_names(corpus, tmp_path):
    from flows.ingest import run_ingest

    seed = sorted(corpus.glob("0*.txt"))[0]
    shutil.copy(seed, corpus / "copy-of-seed.txt")
    (corpus / "a-empty.txt").write_bytes(b"")  # empty files share a hash but are not duplicates
    (corpus / "b-empty.md").write_bytes(b"")
    out = tmp_path / "out"
    s = run_ingest([str(corpus)], str(out), workers=2)
    docs = {Path(r["source_uri"]).name: r for r in rows(out, "documents")}
    dup = docs["copy-of-seed.txt"]
    assert dup["status"] == "skipped" and f"duplicate file: same content as {seed.resolve()}" in dup["error"]
    assert docs[seed.name]["status"] == "ok"
    assert s["by_status"] == {"failed": 2, "ok": 12, "skipped": 1} and sum(s["quarantined"].values()) == 0
    assert docs["a-empty.txt"]["status"] == docs["b-empty.md"]["status"] == "failed"
    assert "empty" in docs["a-empty.txt"]["error"] and docs["a-empty.txt"]["doc_id"] != docs["b-empty.md"]["doc_id"]


def test_dask_runner_matches_default_runner_row_for_row(tmp_path):
    from flows.ingest import run_ingest

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    shutil.copy(ROOT / "tests" / "fixtures" / "pdf" / "bmj2015_h2145_LEAP_physical-activity-smoking-pregnancy_RCT.pdf",
                corpus)
    (corpus / "empty.txt").write_bytes(b"")
    a = run_ingest([str(corpus)], str(tmp_path / "threads"), workers=2)
    b = run_ingest([str(corpus)], str(tmp_path / "dask"), workers=2, task_runner="dask")
    assert a["rows"] == b["rows"] and a["by_status"] == b["by_status"]
    for t in schemas.TABLE_ORDER:
        assert rows(tmp_path / "dask", t) == rows(tmp_path / "threads", t), t


def test_library_run_matches_flow_run_row_for_row(corpus, tmp_path):
    """`run_library` (no Prefect; what the benchmark's library stage runs) writes the same tables and
    a review page, as one process and with worker processes, and reuses unchanged files the same way."""
    from extract.batch import run_library
    from flows.ingest import run_ingest

    (corpus / "empty.txt").write_bytes(b"")
    run_ingest([str(corpus)], str(tmp_path / "flow"), workers=2)
    for workers in (1, 2):
        out = tmp_path / f"lib{workers}"
        s = run_library([corpus], out, workers=workers)
        assert s.by_status == {"failed": 1, "ok": 12} and s.extracted == 13
        for t in schemas.TABLE_ORDER:
            assert rows(out, t) == rows(tmp_path / "flow", t), (workers, t)
        assert "<!DOCTYPE html>" in (out / "current" / "report.html").read_text(encoding="utf-8")[:100]
    again = run_library([corpus], tmp_path / "lib2", workers=2)
    assert (again.extracted, again.reused) == (1, 12)  # the failed (empty) file is retried, the rest reused


def test_worker_crash_and_hang_in_a_batch_cost_only_that_document(corpus, tmp_path, monkeypatch):
    from flows.ingest import run_ingest

    victim = sorted(corpus.glob("PMC*.txt"))[2].name
    out = tmp_path / "out"
    monkeypatch.setenv("TRIALX_FAULT_INJECTION", f"crash:{victim}")
    s = run_ingest([str(corpus)], str(out), workers=2)
    docs = {Path(r["source_uri"]).name: r for r in rows(out, "documents")}
    assert docs[victim]["status"] == "failed"
    assert "the extraction worker stopped unexpectedly while reading this document" in docs[victim]["error"]
    assert s["by_status"] == {"failed": 1, "ok": 11}  # the rest of the batch is complete
    # the next run retries the failed document (no fault now) and keeps the others
    monkeypatch.delenv("TRIALX_FAULT_INJECTION")
    s2 = run_ingest([str(corpus)], str(out), workers=2)
    assert (s2["extracted"], s2["reused"], s2["by_status"]) == (1, 11, {"ok": 12})

    out2 = tmp_path / "out2"
    t0 = time.monotonic()
    monkeypatch.setenv("TRIALX_FAULT_INJECTION", f"hang:{victim}")
    s3 = run_ingest([str(corpus)], str(out2), workers=2, doc_time_limit=3)
    assert time.monotonic() - t0 < 60
    docs = {Path(r["source_uri"]).name: r for r in rows(out2, "documents")}
    assert "stopped after 3 s" in docs[victim]["error"] and s3["by_status"] == {"failed": 1, "ok": 11}


def test_dask_runner_has_the_per_document_limits_and_its_workers_exit(corpus, tmp_path, monkeypatch):
    """On the Dask runner's local cluster a crashing and a hanging document cost only themselves
    (each batch task runs its documents in a worker process of its own, with the time limit), and
    the run ends promptly: no process outlives the cluster."""
    import multiprocessing

    import psutil

    from flows.ingest import run_ingest

    victim = sorted(corpus.glob("PMC*.txt"))[2].name
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    monkeypatch.setenv("TRIALX_FAULT_INJECTION", f"hang:{victim}")
    t0 = time.monotonic()
    s = run_ingest([str(corpus)], str(tmp_path / "out"), workers=2, task_runner="dask", doc_time_limit=3)
    assert time.monotonic() - t0 < 90
    docs = {Path(r["source_uri"]).name: r for r in rows(tmp_path / "out", "documents")}
    assert "stopped after 3 s" in docs[victim]["error"] and s["by_status"] == {"failed": 1, "ok": 11}

    monkeypatch.setenv("TRIALX_FAULT_INJECTION", f"crash:{victim}")
    s = run_ingest([str(corpus)], str(tmp_path / "out2"), workers=2, task_runner="dask")
    docs = {Path(r["source_uri"]).name: r for r in rows(tmp_path / "out2", "documents")}
    assert "the extraction worker stopped unexpectedly" in docs[victim]["error"]
    assert s["by_status"] == {"failed": 1, "ok": 11}
    # the cluster's processes (and the extraction processes they started) are gone; this test
    # process's own multiprocessing helpers (fork server, resource tracker) are the only children
    # that may stay
    own = {p.pid for p in psutil.Process().children() if any(k in " ".join(p.cmdline()) for k in ("forkserver", "resource_tracker"))}
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        left = [p for p in psutil.Process().children(recursive=True) if p.pid not in before | own and p.is_running()
                and p.status() != psutil.STATUS_ZOMBIE]
        if not left:
            break
        time.sleep(0.5)
    assert not left, [p.cmdline() for p in left]
    assert not multiprocessing.current_process().daemon


def test_transient_write_error_is_retried(corpus, tmp_path, monkeypatch):
    import errno

    from extract.output import SnapshotWriter
    from flows.ingest import run_ingest

    real = SnapshotWriter.write_part
    calls = {"n": 0}

    def flaky(self, part, tables):
        calls["n"] += 1
        if calls["n"] == 1 and part != "skipped":
            raise OSError(errno.EIO, "Input/output error")  # wrapped as OutputError by the real writer
        return real(self, part, tables)

    def wrapped(self, part, tables):
        from extract.errors import OutputError

        try:
            return flaky(self, part, tables)
        except OSError as e:
            raise OutputError(f"{self.out}: writing failed ({e.strerror})") from e

    monkeypatch.setattr(SnapshotWriter, "write_part", wrapped)
    s = run_ingest([str(corpus)], str(tmp_path / "out"), workers=2)
    assert calls["n"] >= 2 and s["by_status"] == {"ok": 12}
    assert len(rows(tmp_path / "out", "documents")) == 12  # the retried batch wrote its rows once


def test_persistent_write_error_fails_the_run_and_keeps_the_previous_tables(corpus, tmp_path, monkeypatch):
    import errno

    from extract.errors import OutputError
    from extract.output import SnapshotWriter
    from flows.ingest import run_ingest

    out = tmp_path / "out"
    run_ingest([str(corpus)], str(out), workers=2)
    before, snap = all_rows(out), snapshot_id(out)
    (corpus / "new.txt").write_text("A randomised trial of X (n = 10) versus Y (n = 12); P = 0.5.\n")

    def disk_full(self, part, tables):
        raise OutputError(f"{self.out}: writing table documents failed ({os.strerror(errno.ENOSPC)})")

    monkeypatch.setattr(SnapshotWriter, "write_part", disk_full)
    with pytest.raises(Exception) as ei:
        run_ingest([str(corpus)], str(out), workers=2)
    assert "No space left on device" in str(ei.value)
    assert snapshot_id(out) == snap and all_rows(out) == before  # previous state intact and readable
    assert not list((out / "_snapshots").glob(".tmp-*"))  # the failed run's temporary snapshot is removed


def test_readers_never_see_a_half_written_table(corpus, tmp_path):
    """A reader polls the tables while runs commit: every read succeeds and sees one complete snapshot."""
    from flows.ingest import run_ingest

    out = tmp_path / "out"
    run_ingest([str(corpus)], str(out), workers=2)
    stop, seen, errors = threading.Event(), [], []

    retried = []

    def reader():
        while not stop.is_set():
            try:
                snap = (out / "current").resolve()  # resolve once: all tables from the same snapshot
                docs = ds.dataset(snap / "documents").to_table(columns=["doc_id"]).column("doc_id").to_pylist()
                stats = ds.dataset(snap / "statistics").to_table(columns=["doc_id"]).column("doc_id").to_pylist()
            except Exception as e:  # noqa: BLE001
                errors.append(repr(e))
                continue
            try:  # a plain OUT/<table> reader: a listing that straddles a commit fails loudly, never mixes runs
                plain = ds.dataset(out / "statistics").to_table(columns=["doc_id"]).num_rows
            except (FileNotFoundError, OSError) as e:
                retried.append(repr(e))
                plain = None
            seen.append((snap.name, len(docs), len(stats), set(stats) <= set(docs), plain))

    committed = {snapshot_id(out).rsplit("/", 1)[-1]: (len(rows(out, "documents")), len(rows(out, "statistics")))}
    extra = corpus / "extra.txt"
    th = threading.Thread(target=reader, daemon=True)
    th.start()
    try:
        for k in range(3):
            extra.write_text(f"Trial {k}: X (n = {10 + k}) versus Y (n = 12); "
                             + "; ".join(f"P = 0.0{j + 1}" for j in range(k + 1)) + ".\n")
            run_ingest([str(corpus)], str(out), workers=2)
            committed[snapshot_id(out).rsplit("/", 1)[-1]] = (len(rows(out, "documents")), len(rows(out, "statistics")))
    finally:
        stop.set()
        th.join(timeout=30)
    assert not errors, errors[:3]
    assert len(seen) > 5 and len({s[0] for s in seen}) >= 2  # the reader saw several commits happen
    stat_counts = {c[1] for c in committed.values()}
    for name, n_docs, n_stats, consistent, plain in seen:
        assert consistent and (n_docs, n_stats) == committed[name], (name, n_docs, n_stats)
        assert plain is None or plain in stat_counts, plain  # a complete committed table, or a retry
    assert len(retried) < len(seen) / 2, retried[:3]


def _harness_env(tmp_path) -> dict:
    from prefect.settings import get_current_settings

    return dict(os.environ, PREFECT_API_URL=str(get_current_settings().api.url), PREFECT_HOME=str(tmp_path / "ph"),
                PREFECT_SERVER_ANALYTICS_ENABLED="false")


@pytest.mark.parametrize("moment", ["early", "late"])
def test_kill_9_keeps_previous_tables_and_next_run_completes(tmp_path, moment):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "out"
    env = _harness_env(tmp_path)
    cmd = [TRIALX, "run", str(corpus), "--out", str(out), "--batch-docs", "2"]
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    before, snap = all_rows(out), snapshot_id(out)

    for f in sorted(DEV.glob("PMC*.txt"))[:30]:  # new work for the run that will be killed
        shutil.copy(f, corpus / f.name)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    staging = out / "_snapshots"

    def parts_written() -> int:
        return sum(1 for _ in staging.glob(".tmp-*/documents/part-*.parquet"))

    target = 1 if moment == "early" else 12  # of 16 part files (15 batches of 2 new files + the reused seeds)
    deadline = time.monotonic() + 240
    while parts_written() < target and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the CLI, its worker processes and the fork server
    proc.wait(timeout=30)

    assert snapshot_id(out) == snap  # the previous snapshot is still the current one ...
    assert all_rows(out) == before  # ... complete and readable
    assert list(staging.glob(".tmp-*"))  # the killed run left only a temporary folder

    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    assert not list(staging.glob(".tmp-*"))  # cleaned up by the next run
    docs = rows(out, "documents")
    uris = [d["source_uri"] for d in docs]
    assert len(uris) == len(set(uris)) == 34 and all(d["status"] == "ok" for d in docs)  # exactly once each
    manifest = json.loads((out / "_manifest.json").read_text())
    assert (manifest["extracted"], manifest["reused"]) == (30, 4)


def test_planning_twice_reads_unchanged_files_once_and_changed_files_again(tmp_path, monkeypatch):
    """`trialx run` plans, then the flow plans again in the same process: unchanged files are not
    hashed twice, a file changed in between is (and a file changed moments ago is never cached)."""
    import builtins

    import extract.batch as batch
    from extract.settings import Settings

    d = tmp_path / "in"
    d.mkdir()
    old = time.time() - 60
    for k in range(3):
        f = d / f"doc{k}.txt"
        f.write_text(f"A randomised trial {k} (n = 1{k}). P = 0.0{k + 1}.\n")
        os.utime(f, (old, old))
    fresh = d / "fresh.txt"
    fresh.write_text("Just written. P = 0.5.\n")
    monkeypatch.setattr(batch, "_HASHED", {})
    opened: list[str] = []
    real_open = builtins.open

    def spy(file, *a, **k):
        if str(file).startswith(str(d)):
            opened.append(Path(file).name)
        return real_open(file, *a, **k)

    monkeypatch.setattr(builtins, "open", spy)
    first = batch.plan_run([d], tmp_path / "out", Settings())
    assert sorted(opened) == ["doc0.txt", "doc1.txt", "doc2.txt", "fresh.txt"]
    opened.clear()
    (d / "doc1.txt").write_text("Changed: A randomised trial (n = 99). P = 0.09.\n")
    second = batch.plan_run([d], tmp_path / "out", Settings())
    assert sorted(opened) == ["doc1.txt", "fresh.txt"]
    ids = lambda p: {Path(x.path).name: x.doc_id for x in p.to_extract}  # noqa: E731
    assert ids(first)["doc0.txt"] == ids(second)["doc0.txt"] and ids(first)["doc1.txt"] != ids(second)["doc1.txt"]
