"""Worker processes started on the first documents before the flow exists (no Prefect import here).

`trialx run` plans, then calls `start` before it imports Prefect or starts Prefect's embedded
server: the fork server loads the extraction code and the workers begin on the first batches while
the parent process imports Prefect and the server boots (on two cores the parent's imports and the
workers' first documents then run side by side). The flow adopts the pool (`take`); a pool nobody
adopted is closed by `close`.
"""

from __future__ import annotations

from pathlib import Path

from extract.batch import Plan, batches, plan_run
from extract.errors import OutputError
from extract.output import RunLock
from extract.settings import Settings

# output folder -> the DocumentPool started for it
_POOLS: dict[str, object] = {}


def flow_settings(opts: dict, workers: int | None) -> tuple[Settings, int]:
    """The settings the flow will run with (explicit options, then TRIALX_* / defaults) and its worker count."""
    n = workers or Settings().workers
    return Settings(**{k: v for k, v in dict(opts, workers=n).items() if v is not None}), n


def start(paths: list[str], out: Path, settings: Settings, plan: Plan | None = None) -> None:
    """Start the worker processes on the first documents (at most two batches per worker ahead, so
    results never pile up in memory). Read-only until the flow takes over. Does nothing when a pool
    was started for `out` already, when another run holds `out`, or when nothing is to be extracted."""
    from extract.workers import DocumentPool

    key = str(out.resolve())
    if key in _POOLS:
        return
    if plan is None:
        try:
            with RunLock(out):  # only when no other run holds the folder
                plan = plan_run([Path(p) for p in paths], out, settings)
        except (OutputError, OSError):
            return
    if not plan.to_extract:
        return
    pool = DocumentPool(min(settings.workers, len(plan.to_extract)), settings)
    pool.prefetch([d for g in batches(plan.to_extract, settings.batch_docs)[: 2 * settings.workers] for d in g])
    _POOLS[key] = pool


def take(out: Path):
    """The pool started for `out` (the caller owns it from now on), or None."""
    return _POOLS.pop(str(Path(out).resolve()), None)


def close(out: Path) -> None:
    pool = take(out)
    if pool is not None:
        pool.close()
