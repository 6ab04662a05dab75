"""The ingestion flow: plan (hash inputs, reuse unchanged documents), extract in batches, commit.

Task runs an engineer sees in the Prefect UI:
- `plan <paths>`: which files are new or changed, reused, skipped or removed;
- `extract batch k/K: N files first … last` (small documents) or `extract <file>` (a PDF or a large
  file): parse + extract + validate + write that batch's part files;
- `reuse N unchanged documents`: copy their rows from the previous snapshot;
- `commit snapshot <run-id>`: the atomic switch to the new tables, and the review page.
Tasks wrap the library (`extract.batch`, `extract.workers`); validation happens inside the batch
task because pandera's failure cases do not survive pickling.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from prefect import flow, get_run_logger, task
from prefect.artifacts import (create_link_artifact, create_markdown_artifact, create_progress_artifact,
                               create_table_artifact, update_progress_artifact)
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from extract.batch import (BatchSummary, Plan, PlannedDoc, RunSummary, batch_label, batches, carry_over,
                           empty_file_ids, manifest, merge, plan_run, review_page, write_batch)
from extract.errors import OutputError
from extract.output import RunLock, SnapshotWriter
from extract.settings import Settings
from flows import prefetch

if TYPE_CHECKING:
    from flows.server import EmbeddedServer

# The worker-process pool of the default runner, per flow run (tasks find it here; it is not a
# task parameter because it cannot be serialised); usually the one `flows.prefetch` started before
# the flow, adopted. Absent on Dask workers: each batch task there starts a one-process pool of its
# own (or, on a daemonic worker, extracts in-process).
_POOLS: dict[str, object] = {}


def _transient_io(task, task_run, state) -> bool:
    """Retry a batch only for transient I/O errors while writing (documents' errors are rows)."""
    try:
        state.result()
    except OutputError as e:
        return isinstance(e.__cause__, OSError) and getattr(e.__cause__, "errno", None) in _TRANSIENT
    except Exception:  # noqa: BLE001
        return False
    return False


_TRANSIENT = {4, 5, 11, 16, 110, 116}  # EINTR, EIO, EAGAIN, EBUSY, ETIMEDOUT, ESTALE


@task(name="plan", task_run_name="plan {out}", cache_policy=NO_CACHE)
def plan_task(paths: list[str], out: str, settings: Settings) -> Plan:
    log = get_run_logger()
    plan = plan_run([Path(p) for p in paths], Path(out), settings)
    log.info("%d files: %d to extract (new or changed), %d unchanged and reused, %d skipped, %d removed since "
             "the last run", plan.documents, len(plan.to_extract), len(plan.reused), len(plan.skipped), plan.removed)
    for r in plan.skipped:
        log.warning("skipped %s: %s", r.source_uri, r.error)
    return plan


@task(name="extract-batch", task_run_name="{label}", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2,
      retry_condition_fn=_transient_io)
def extract_batch(docs: list[PlannedDoc], out: str, run_id: str, part: str, label: str, settings: Settings,
                  pool_key: str | None, isolate: bool = True) -> BatchSummary:
    """Parse and extract a batch of documents, validate and write its rows; never raises for a bad document."""
    from extract.workers import extract_in_process

    log = get_run_logger()
    pool = _POOLS.get(pool_key) if pool_key else None
    log.info("extracting %d file(s): %s", len(docs), ", ".join(d.name for d in docs[:5]) + (" …" if len(docs) > 5 else ""))
    if pool is not None:
        futures = [pool.submit(d) for d in docs]
        results = [pool.result(d, f) for d, f in zip(docs, futures)]
    elif isolate and _may_have_children():
        # on a Dask worker: a one-process pool of this task's own, with the same per-document time
        # and memory limits (forked from the worker's fork server, so only the first one is slow);
        # it is closed when the batch is done, so nothing outlives the task
        from extract.workers import DocumentPool

        with DocumentPool(1, settings) as own:
            futures = [own.submit(d) for d in docs]
            results = [own.result(d, f) for d, f in zip(docs, futures)]
    else:
        results = extract_in_process(docs, settings)
    results = empty_file_ids(docs, results)
    for r in results:
        if r.status != "ok":
            log.warning("%s: %s: %s", r.source_uri, r.status, r.error)
    writer = SnapshotWriter(Path(out), run_id)
    summary = write_batch(results, writer, part)
    log.info("%s: %s", label, ", ".join(f"{t} {n}" for t, n in summary.rows.items() if n))
    return summary


@task(name="reuse-unchanged", task_run_name="reuse {n} unchanged documents", cache_policy=NO_CACHE)
def reuse_task(plan: Plan, out: str, run_id: str, n: int) -> dict[str, int]:
    return carry_over(plan.previous, set(plan.reused), SnapshotWriter(Path(out), run_id))


@task(name="commit", task_run_name="commit snapshot {run_id}", cache_policy=NO_CACHE)
def commit_task(summary: RunSummary, plan: Plan, settings: Settings, inputs: list[str], out: str,
                run_id: str) -> str:
    writer = SnapshotWriter(Path(out), run_id)
    log = get_run_logger()
    written: list[bool] = []
    final = writer.commit(manifest(summary, plan, settings, inputs),
                          before_publish=lambda folder: written.append(review_page(folder, log)))
    log.info("committed snapshot %s: %s", final.name, summary.rows)
    return str(Path(out).resolve() / "report.html") if any(written) else ""


def _status_rows(summaries: list[BatchSummary], plan: Plan) -> list[dict]:
    rows = [dict(file=d["file"], status=d["status"], type=d["type"], arms=d["arms"], endpoints=d["endpoints"],
                 statistics=d["statistics"], measurements=d["measurements"], error=d["error"], run="extracted")
            for b in summaries for d in b.docs]
    rows += [dict(file=Path(d["source_uri"]).name, status=d["status"], type=d["document_type"] or "", arms=None,
                  endpoints=None, statistics=None, measurements=None, error=d["error"] or "", run="reused (unchanged)")
             for d in plan.reused_docs]
    return sorted(rows, key=lambda r: r["file"])


def _validation_markdown(summary: RunSummary) -> str:
    lines = ["# Validation report", "", f"Output: `{summary.out}` (snapshot `{summary.snapshot}`)", "",
             f"Documents: {summary.documents} ({summary.extracted} extracted, {summary.reused} reused unchanged, "
             f"{summary.removed} removed since the last run); by status: "
             + ", ".join(f"{k} {v}" for k, v in summary.by_status.items()), "",
             "| table | rows written | rows quarantined |", "|---|---|---|"]
    for t, n in summary.rows.items():
        if t != "quarantine":
            lines.append(f"| {t} | {n} | {summary.quarantined.get(t, 0)} |")
    lines += ["", "## Quarantined rows by check (this run's extractions)", ""]
    if not summary.validation:
        lines.append("No row failed validation.")
    else:
        lines += ["| table | check | rows | example |", "|---|---|---|---|"]
        for v in summary.validation:
            ex = v["example"].replace("|", "\\|")
            lines.append(f"| {v['table']} | {v['check']} | {v['count']} | `{ex[:160]}` |")
    if summary.problems:
        lines += ["", "## Documents not ok", "", "| file | status | error |", "|---|---|---|"]
        for p in summary.problems[:200]:
            lines.append(f"| {Path(p['source_uri']).name} | {p['status']} | {(p['error'] or '').replace('|', '/')} |")
    return "\n".join(lines)


@flow(name="trialx-ingest", log_prints=True, task_runner=ThreadPoolTaskRunner(max_workers=Settings().workers))
def ingest(paths: list[str] | None = None, out: str = "out", workers: int | None = None,
           batch_docs: int | None = None, max_file_bytes: int | None = None, max_pages: int | None = None,
           doc_time_limit: float | None = None, worker_memory_mb: int | None = None,
           follow_symlinks: bool | None = None, isolate: bool = True) -> dict:
    """Ingest trial documents from files and folders into validated Parquet tables under `out`.

    Only new or changed files are extracted; unchanged ones keep their rows. Settings left empty take
    their TRIALX_* environment value or default. `isolate` runs extraction in worker processes with
    the per-document time and memory limits (the default; a daemonic Dask worker extracts in-process).
    """
    log = get_run_logger()
    overrides = dict(workers=workers, batch_docs=batch_docs, max_file_bytes=max_file_bytes, max_pages=max_pages,
                     doc_time_limit=doc_time_limit, worker_memory_mb=worker_memory_mb, follow_symlinks=follow_symlinks)
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    paths = paths or ["corpus"]
    outp = Path(out)
    with RunLock(outp):
        plan = plan_task(paths, out, settings)
        writer = SnapshotWriter(outp).start()
        pool_key = None
        try:
            groups = batches(plan.to_extract, settings.batch_docs)
            early = prefetch.take(outp)
            if isolate and groups and _local_runner():
                from extract.workers import DocumentPool

                pool_key = writer.run_id
                n = min(settings.workers, len(plan.to_extract))
                if early is not None and early.settings == settings and early.workers == n:
                    _POOLS[pool_key], early = early, None
                else:
                    _POOLS[pool_key] = DocumentPool(n, settings)
            if early is not None:
                early.close()
            progress = create_progress_artifact(progress=0.0, description="Documents extracted")
            futures = [extract_batch.submit(g, out, writer.run_id, f"{k:05d}", batch_label(g, k, len(groups)),
                                            settings, pool_key, isolate) for k, g in enumerate(groups, 1)]
            reused = reuse_task.submit(plan, out, writer.run_id, len(plan.reused)) if plan.reused else None
            summaries: list[BatchSummary] = []
            if plan.skipped:
                summaries.append(write_batch(plan.skipped, writer, "skipped"))
            done, total = 0, len(plan.to_extract)
            for fut in as_completed(futures):
                b = fut.result()
                summaries.append(b)
                done += len(b.docs)
                update_progress_artifact(progress, progress=100.0 * done / max(1, total))
            if not futures:
                update_progress_artifact(progress, progress=100.0)
            summary = merge(outp, summaries, plan, len(plan.to_extract))
            if reused is not None:
                for t, n in reused.result().items():
                    summary.rows[t] += n
            summary.snapshot = writer.run_id
            report = commit_task(summary, plan, settings, list(paths), out, writer.run_id)
        except BaseException:
            writer.abort()
            raise
        finally:
            pool = _POOLS.pop(pool_key, None) if pool_key else None
            if pool is not None:
                pool.close()
    create_table_artifact(key="trialx-documents", table=_status_rows(summaries, plan),
                          description=f"Per-document status of this run ({summary.documents} documents)")
    create_markdown_artifact(key="trialx-validation", markdown=_validation_markdown(summary),
                             description="Rows written and quarantined, by table and check")
    if report:
        create_link_artifact(key="trialx-report", link=Path(report).as_uri(), link_text="Review page (report.html)",
                             description="Curators' review page of this run's tables, with evidence highlighted")
    log.info("%d documents: %s; %d extracted, %d reused, %d removed", summary.documents, summary.by_status,
             summary.extracted, summary.reused, summary.removed)
    return summary.as_dict()


def _may_have_children() -> bool:
    """A daemonic process (Dask's default for worker processes) may not start processes."""
    import multiprocessing

    return not multiprocessing.current_process().daemon


def _local_runner() -> bool:
    from prefect.context import FlowRunContext

    ctx = FlowRunContext.get()
    return ctx is None or isinstance(ctx.task_runner, ThreadPoolTaskRunner)


def task_runner_for(name: str, workers: int, dask_address: str | None = None):
    """`threads` (default): a bounded thread pool whose tasks feed the worker processes; `dask`:
    prefect-dask's DaskTaskRunner on the cluster at `dask_address`, or a local cluster of `workers`
    single-threaded worker processes."""
    if name == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs=dict(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=None))
    if name != "threads":
        raise ValueError(f"unknown task runner '{name}' (use threads or dask)")
    return ThreadPoolTaskRunner(max_workers=workers)


def run_ingest(paths: list[str], out: str, workers: int | None = None, task_runner: str = "threads",
               dask_address: str | None = None, server: "EmbeddedServer | None" = None,
               early_plan: Plan | None = None, **settings) -> dict:
    """Run the flow with the chosen task runner (default: bounded threads feeding worker processes).

    `server`: Prefect's embedded server started early (`flows.server`), waited for before the flow
    starts and used for the run through PREFECT_API_URL; `early_plan`:
    a plan made just before (by the CLI), used to start the first documents early."""
    early_settings, n = prefetch.flow_settings(settings, workers)
    runner = task_runner_for(task_runner, n, dask_address)
    if task_runner == "threads":
        prefetch.start(paths, Path(out), early_settings, early_plan)  # (unless `trialx run` did already)
    try:
        if task_runner == "dask" and not dask_address:
            import dask

            # the local cluster's worker processes are not daemonic, so that each batch task can
            # run its documents in a worker process of its own with the per-document limits
            with dask.config.set({"distributed.worker.daemon": False}):
                return _run_flow(runner, server, paths, out, n, settings)
        return _run_flow(runner, server, paths, out, n, settings)
    finally:
        prefetch.close(Path(out))  # a pool the flow did not adopt


def _run_flow(runner, server: "EmbeddedServer | None", paths: list[str], out: str, n: int, settings: dict) -> dict:
    if server is not None:
        from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL, temporary_settings

        # no 'View at <url>' line: the temporary server serves no UI and stops with the command
        with temporary_settings(updates={PREFECT_API_URL: server.wait(), PREFECT_UI_URL: ""}):
            return ingest.with_options(task_runner=runner)(paths=paths, out=out, workers=n, **settings)
    return ingest.with_options(task_runner=runner)(paths=paths, out=out, workers=n, **settings)
