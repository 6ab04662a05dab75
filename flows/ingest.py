"""The ingestion flow: one task per document, then one task that validates and writes tables.

Tasks wrap the library's functions (`extract.pipeline.process_document`,
`extract.batch.validate_and_write`); validation happens inside the writing task because pandera's
failure cases do not survive pickling.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_progress_artifact, create_table_artifact, update_progress_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from extract.batch import RunSummary, validate_and_write
from extract.discover import discover
from extract.model import DocumentResult
from extract.pipeline import process_document, skipped_result
from extract.settings import Settings


@task(name="extract-document", task_run_name="extract {name}", cache_policy=NO_CACHE)
def extract_document(path: str, name: str, skip_reason: str | None = None) -> DocumentResult:
    """Parse and extract one document; never raises for a bad document (it becomes a row)."""
    log = get_run_logger()
    if skip_reason:
        log.warning("skipped %s: %s", path, skip_reason)
        return skipped_result(path, skip_reason)
    log.info("extracting %s", path)
    result = process_document(path, Settings())
    if result.status == "ok":
        log.info("%s: ok (%d statistics, %d measurements)", name, len(result.statistics), len(result.measurements))
    else:
        log.warning("%s: %s: %s", name, result.status, result.error)
    return result


@task(name="validate-and-write", task_run_name="validate and write {out}", cache_policy=NO_CACHE)
def write_outputs(results: list[DocumentResult], out: str) -> RunSummary:
    summary, _ = validate_and_write(results, Path(out))
    get_run_logger().info("wrote %s: %s", out, summary.rows)
    return summary


def _status_table(results: list[DocumentResult]) -> list[dict]:
    return [dict(file=Path(r.source_uri).name, status=r.status, type=r.document_type or "", arms=len(r.arms),
                 statistics=len(r.statistics), measurements=len(r.measurements), error=r.error or "")
            for r in results]


def _validation_markdown(summary: RunSummary) -> str:
    lines = ["# Validation report", "", f"Output: `{summary.out}`", "",
             "| table | rows written | rows quarantined |", "|---|---|---|"]
    for t, n in summary.rows.items():
        if t != "quarantine":
            lines.append(f"| {t} | {n} | {summary.quarantined.get(t, 0)} |")
    lines += ["", "## Quarantined rows by check", ""]
    if not summary.validation:
        lines.append("No row failed validation.")
    else:
        lines += ["| table | check | rows | example |", "|---|---|---|---|"]
        for v in summary.validation:
            ex = v["example"].replace("|", "\\|")
            lines.append(f"| {v['table']} | {v['check']} | {v['count']} | `{ex[:160]}` |")
    return "\n".join(lines)


@flow(name="trialx-ingest", log_prints=True)
def ingest(paths: list[str] | None = None, out: str = "out", workers: int | None = None) -> dict:
    """Ingest trial documents from files and folders into validated Parquet tables under `out`."""
    log = get_run_logger()
    settings = Settings()
    found = discover([Path(p) for p in (paths or ["corpus"])], settings)
    log.info("%d files to process, output to %s", len(found), out)
    progress = create_progress_artifact(progress=0.0, description="Documents extracted")
    futures = [extract_document.submit(str(f.path), f.path.name, f.skip_reason) for f in found]
    results: list[DocumentResult] = []
    for k, fut in enumerate(futures, 1):
        results.append(fut.result())
        if k % max(1, len(futures) // 20) == 0 or k == len(futures):
            update_progress_artifact(progress, progress=100.0 * k / len(futures))
    summary = write_outputs(results, out)
    create_table_artifact(key="trialx-documents", table=_status_table(results),
                          description=f"Per-document status of this run ({len(results)} documents)")
    create_markdown_artifact(key="trialx-validation", markdown=_validation_markdown(summary),
                             description="Rows written and quarantined, by table and check")
    return summary.as_dict()


def run_ingest(paths: list[str], out: str, workers: int | None = None) -> dict:
    """Run the flow with a bounded thread pool (`workers`, default: the machine's cores)."""
    n = workers or Settings().workers
    return ingest.with_options(task_runner=ThreadPoolTaskRunner(max_workers=n))(paths=paths, out=out, workers=n)
