"""The `trialx` command line: `run` (the Prefect flow) and `extract` (one file, no Prefect)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True, help="trialx: clinical-trial documents to validated Parquet tables.")
console = Console(soft_wrap=True)
err = Console(stderr=True)


RUNNERS = ("threads", "dask")


def _check_paths_and_out(paths: list[Path], out: Path) -> None:
    from extract.errors import OutputError
    from extract.output import check_writable

    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        err.print(f"[red]error:[/red] no such file or folder: {', '.join(map(str, missing))}")
        raise typer.Exit(2)
    try:
        check_writable(out)
    except OutputError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)


def _settings_options(batch_docs, max_file_bytes, max_pages, doc_time_limit, worker_memory_mb, follow_symlinks) -> dict:
    d = dict(batch_docs=batch_docs, max_file_bytes=max_file_bytes, max_pages=max_pages, doc_time_limit=doc_time_limit,
             worker_memory_mb=worker_memory_mb, follow_symlinks=follow_symlinks)
    return {k: v for k, v in d.items() if v is not None}


@app.command()
def run(
    paths: Optional[List[Path]] = typer.Argument(None, help="Files and folders (recursive); default: corpus"),
    out: Path = typer.Option(Path("out"), "--out", help="Output folder for the tables"),
    workers: Optional[int] = typer.Option(None, help="Worker processes / Dask workers (default: CPU cores)"),
    task_runner: str = typer.Option("threads", "--task-runner", help="threads (default: worker processes fed by a "
                                    "bounded thread pool) or dask (prefect-dask)"),
    dask_address: Optional[str] = typer.Option(None, "--dask-address", help="tcp://HOST:PORT of a Dask scheduler "
                                               "(default with --task-runner dask: a local cluster)"),
    batch_docs: Optional[int] = typer.Option(None, help="Small documents per task (TRIALX_BATCH_DOCS, 1000)"),
    max_file_bytes: Optional[int] = typer.Option(None, help="Larger files fail (TRIALX_MAX_FILE_BYTES)"),
    max_pages: Optional[int] = typer.Option(None, help="PDF pages read per document (TRIALX_MAX_PAGES)"),
    doc_time_limit: Optional[float] = typer.Option(None, help="Seconds per document (TRIALX_DOC_TIME_LIMIT)"),
    worker_memory_mb: Optional[int] = typer.Option(None, help="Memory per worker process (TRIALX_WORKER_MEMORY_MB)"),
    follow_symlinks: Optional[bool] = typer.Option(None, "--follow-symlinks/--no-follow-symlinks",
                                                   help="Read files reached through symlinks (TRIALX_FOLLOW_SYMLINKS)"),
    force: bool = typer.Option(False, "--force", help="Start a flow run even when nothing changed"),
) -> None:
    """Run the ingestion flow (Prefect) over files and folders; write tables to OUT.

    Only new or changed files are extracted; unchanged files keep their rows from the last run."""
    from extract.errors import OutputError

    paths = paths or [Path("corpus")]
    if task_runner not in RUNNERS:
        err.print(f"[red]error:[/red] --task-runner must be one of {', '.join(RUNNERS)}, not '{task_runner}'")
        raise typer.Exit(2)
    _check_paths_and_out(paths, out)
    opts = _settings_options(batch_docs, max_file_bytes, max_pages, doc_time_limit, worker_memory_mb, follow_symlinks)
    plan = _plan(paths, out, opts)
    if plan is not None and not force and _up_to_date(plan, out):
        return
    from flows import prefetch

    try:
        if task_runner == "threads" and plan is not None:
            # the workers start on the first documents now, while Prefect is imported and its server boots
            prefetch.start([str(p) for p in paths], out, prefetch.flow_settings(opts, workers)[0], plan)
        from flows import server as embedded

        # Prefect's temporary server boots (several seconds) while the flow code is imported and the
        # first documents are extracted
        server = embedded.EmbeddedServer().start() if embedded.wanted() else None
        from flows.ingest import run_ingest

        summary = run_ingest([str(p) for p in paths], str(out), workers, task_runner=task_runner,
                             dask_address=dask_address, server=server, early_plan=plan, **opts)
    except OutputError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)
    except RuntimeError as e:
        if "Failed to reach API" not in str(e):
            raise
        err.print(f"[red]error:[/red] {e} Is the Prefect server running? PREFECT_API_URL points the run at it; "
                  "unset it to run on Prefect's embedded server.")
        raise typer.Exit(2)
    finally:
        prefetch.close(out)  # a pool the flow did not adopt (the flow failed to start)
    _print_summary(summary)  # the server stops at exit, after Prefect has sent the run's last logs and events


@app.command()
def serve(
    paths: Optional[List[Path]] = typer.Argument(None, help="Files and folders to ingest on each run; default: corpus"),
    out: Path = typer.Option(Path("out"), "--out", help="Output folder for the tables"),
    cron: Optional[str] = typer.Option(None, "--cron", help="Cron expression, e.g. '0 2 * * *' (daily at 02:00)"),
    interval: Optional[float] = typer.Option(None, "--interval", help="Seconds between runs"),
    name: str = typer.Option("trialx-serve", "--name", help="Deployment name shown in the Prefect UI"),
    workers: Optional[int] = typer.Option(None, help="Worker processes (default: CPU cores)"),
    batch_docs: Optional[int] = typer.Option(None, help="Small documents per task (TRIALX_BATCH_DOCS, 1000)"),
    doc_time_limit: Optional[float] = typer.Option(None, help="Seconds per document (TRIALX_DOC_TIME_LIMIT)"),
) -> None:
    """Register a scheduled deployment of the ingestion flow on the configured Prefect server and
    serve it until stopped (Ctrl-C). Each scheduled run extracts only new or changed files."""
    if (cron is None) == (interval is None):
        err.print("[red]error:[/red] give exactly one of --cron EXPR or --interval SECONDS")
        raise typer.Exit(2)
    if interval is not None and interval <= 0:
        err.print("[red]error:[/red] --interval must be a positive number of seconds")
        raise typer.Exit(2)
    if cron is not None:
        from prefect.client.schemas.schedules import CronSchedule

        try:
            CronSchedule(cron=cron)
        except ValueError:
            err.print(f"[red]error:[/red] --cron '{cron}' is not a valid cron expression")
            raise typer.Exit(2)
    paths = paths or [Path("corpus")]
    _check_paths_and_out(paths, out)
    from flows.ingest import ingest

    params = dict(paths=[str(p.resolve()) for p in paths], out=str(out.resolve()))
    params.update(_settings_options(batch_docs, None, None, doc_time_limit, None, None))
    if workers:
        params["workers"] = workers
    when = f"cron '{cron}'" if cron else f"every {interval:g} s"
    console.print(f"Serving deployment trialx-ingest/{name} ({when}): {', '.join(params['paths'])} -> {params['out']}")
    ingest.serve(name=name, cron=cron, interval=interval, parameters=params, limit=1,
                 description="Scheduled trialx ingestion: new or changed documents to Parquet tables",
                 tags=["trialx"])


def _plan(paths: list[Path], out: Path, opts: dict):
    """Plan the run without Prefect (hash the inputs, compare with OUT); None when another run holds OUT."""
    from extract.batch import plan_run
    from extract.errors import OutputError
    from extract.output import RunLock
    from extract.settings import Settings

    try:
        with RunLock(out):
            return plan_run(paths, out, Settings(**opts))
    except OutputError:
        return None  # another run is writing: the flow reports it


def _up_to_date(plan, out: Path) -> bool:
    from extract.batch import up_to_date

    if not up_to_date(plan):
        return False
    console.print(f"trialx: {out} is up to date: {plan.documents} documents, none new, changed or removed since "
                  f"snapshot {plan.previous.name}; no flow run started (--force starts one anyway)")
    return True


def _shown(path: str) -> str:
    """A path as the user would type it: relative when it lies under the current folder."""
    import os

    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _print_summary(s: dict) -> None:
    st = ", ".join(f"{k} {v}" for k, v in s["by_status"].items())
    console.print(f"\n[bold]trialx[/bold]: {s['documents']} documents ({st}); {s['extracted']} extracted, "
                  f"{s['reused']} unchanged and reused, {s['removed']} removed since the last run")
    t = Table("table", "rows", "quarantined", "files")
    for name, n in s["rows"].items():
        t.add_row(name, str(n), str(s["quarantined"].get(name, "")) if name != "quarantine" else "",
                  f"{_shown(s['out'])}/{name}/*.parquet")
    console.print(t)
    for p in s["problems"]:
        console.print(f"  [yellow]{p['status']}[/yellow] {p['source_uri']}: {p['error']}")
    console.print(f"Tables written to {_shown(s['out'])}")


@app.command()
def extract(
    file: Path = typer.Argument(..., help="One document"),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (one object, a list of rows per table)"),
) -> None:
    """Extract one document without Prefect and print every extracted row."""
    from extract.batch import build_tables
    from extract.pipeline import process_document

    if not file.exists():
        err.print(f"[red]error:[/red] {file}: no such file")
        raise typer.Exit(2)
    result = process_document(file)
    tables = build_tables([result])
    if as_json:
        out = {}
        for name, df in tables.items():
            if name == "quarantine":
                continue
            out[name] = json.loads(df.to_json(orient="records", date_format="iso"))
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        return
    console.print(f"[bold]{file}[/bold]: {result.status} ({result.document_type})" + (f" — {result.error}" if result.error else ""))
    hidden = {"doc_id", "char_start", "char_end", "p_char_start", "p_char_end", "evidence_text"}
    for name, df in tables.items():
        if name in ("texts", "quarantine") or df.empty:
            continue
        console.print(f"\n[bold]{name}[/bold] ({len(df)} rows)")
        for rec in json.loads(df.to_json(orient="records", date_format="iso")):
            fields = [f"{k}={v}" for k, v in rec.items() if k not in hidden and v not in (None, [], "")]
            ev = rec.get("evidence_text")
            line = "  " + ", ".join(fields)
            if ev is not None:
                line += f"  [dim]«{' '.join(str(ev).split())[:100]}» @{rec['char_start']}-{rec['char_end']}[/dim]"
            console.print(line, highlight=False, soft_wrap=True)


@app.command("eval")
def eval_(
    gold_dir: Path = typer.Argument(..., help="Folder of NAME.gold.json files (documents next to them)"),
    paths: Optional[List[Path]] = typer.Argument(None, help="Documents or folders to score (default: those next to the gold files)"),
    show: int = typer.Option(40, help="How many misses and false positives to list"),
    as_json: bool = typer.Option(False, "--json", help="Print the scores and all errors as JSON"),
) -> None:
    """Score extraction against gold files: per-field precision, recall and F1, then the errors."""
    from extract.evaluate import evaluate, find_pairs

    if not gold_dir.is_dir():
        err.print(f"[red]error:[/red] {gold_dir}: not a folder")
        raise typer.Exit(2)
    pairs = find_pairs(gold_dir, paths)
    if not pairs:
        err.print(f"[red]error:[/red] no document with a gold file found under {gold_dir}")
        raise typer.Exit(2)
    report = evaluate(pairs)
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    t = Table("field", "tp", "fp", "fn", "precision", "recall", "F1", title=f"{report.documents} documents, gold {gold_dir}")
    for name, s in report.scores.items():
        t.add_row(name, str(s.tp), str(s.fp), str(s.fn), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
    console.print(t)
    if report.errors:
        console.print(f"\n[bold]errors[/bold] ({len(report.errors)}; first {min(show, len(report.errors))}):")
        for e in report.errors[:show]:
            console.print(f"  {e['doc']}  {e['field']}  {e['kind']}: {e['detail']}", highlight=False)


@app.command()
def report(
    out_dir: Path = typer.Argument(..., metavar="DIR", help="Output folder of a run (DIR/<table>/*.parquet)"),
    html: Optional[Path] = typer.Option(None, "--html", help="Page to write (default: DIR/report.html)"),
) -> None:
    """Write the curator review page: every document's values, each linked to its evidence in the text."""
    import time

    from extract.report import ReportError, write_report

    t0 = time.perf_counter()
    try:
        dest = write_report(out_dir, html)
    except ReportError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)
    console.print(f"Review page written to {_shown(str(dest))} ({dest.stat().st_size / 1e6:.1f} MB, "
                  f"{time.perf_counter() - t0:.1f} s); open it in a browser: file://{dest.resolve()}", highlight=False)


if __name__ == "__main__":
    app()
