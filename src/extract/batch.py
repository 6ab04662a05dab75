"""Many documents -> validated tables on disk. Shared by the Prefect flow and plain-library use."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

import schemas

from . import PIPELINE_VERSION
from .assemble import frames, rows_for
from .model import DocumentResult
from .output import write_tables
from .validate import validate_tables


@dataclass
class RunSummary:
    out: str
    documents: int
    by_status: dict[str, int]
    rows: dict[str, int]
    quarantined: dict[str, int]
    problems: list[dict] = field(default_factory=list)  # documents not ok: uri, status, error
    validation: list[dict] = field(default_factory=list)  # table, check, count, example
    pipeline_version: str = PIPELINE_VERSION

    def as_dict(self) -> dict:
        return asdict(self)


def build_tables(results: list[DocumentResult], processed_at: datetime | None = None) -> dict[str, pd.DataFrame]:
    processed_at = processed_at or datetime.now(timezone.utc)
    merged: dict[str, list[dict]] = {t: [] for t in schemas.TABLE_ORDER}
    for r in results:
        for t, rows in rows_for(r, processed_at).items():
            merged[t].extend(rows)
    return frames(merged)


def validate_and_write(results: list[DocumentResult], out: Path) -> tuple[RunSummary, dict[str, pd.DataFrame]]:
    """Frame, validate (quarantining failing rows), write atomically; return the summary."""
    tables = build_tables(results)
    valid, quarantine, report = validate_tables(tables)
    valid["quarantine"] = quarantine
    by_status: dict[str, int] = {}
    for r in results:
        by_status[r.status] = by_status.get(r.status, 0) + 1
    summary = RunSummary(
        out=str(out.resolve()),
        documents=len(results),
        by_status=dict(sorted(by_status.items())),
        rows={t: len(valid[t]) for t in schemas.TABLE_ORDER},
        quarantined={t: int((quarantine["table"] == t).sum()) for t in schemas.TABLE_ORDER if t != "quarantine"},
        problems=[dict(source_uri=r.source_uri, status=r.status, error=r.error) for r in results if r.status != "ok"],
        validation=report,
    )
    write_tables(out, valid, manifest=dict(summary.as_dict(), written_at=datetime.now(timezone.utc).isoformat()))
    return summary, valid
