"""Many documents -> validated tables on disk. Shared by the Prefect flow and plain-library use.

A run is planned first (`plan_run`): every input file is hashed; files whose content, path, code
version and settings match a committed row of the previous snapshot are reused as they are, the rest
are extracted in batches (`process_batch` + `write_batch`, each batch written as its own part files),
and the reused rows are copied over (`carry_over`). The snapshot is then committed atomically
(see `output.py`). Nothing holds the whole corpus in memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

import schemas

from . import PIPELINE_VERSION
from .assemble import arrow_tables, frame_of, frames, rows_for
from .discover import discover
from .model import DocumentResult, StageError
from .output import SnapshotWriter, current_snapshot, read_rows, read_table, to_arrow, write_tables
from .parse.reader import source_format
from .settings import Settings
from .validate import check_tables, validate_tables

# Settings that change what extraction produces; a change re-extracts every document.
EXTRACTION_SETTINGS = ("max_file_bytes", "max_pages", "follow_symlinks", "suffixes_text", "suffixes_html",
                       "suffixes_pdf")
REUSABLE = ("ok", "partial")


def settings_fingerprint(settings: Settings) -> str:
    d = {k: getattr(settings, k) for k in EXTRACTION_SETTINGS}
    return hashlib.sha256(json.dumps(d, sort_keys=True, default=list).encode()).hexdigest()[:12]


def cache_key(settings: Settings) -> str:
    """What a reused row must have been produced with: the code version and the extraction settings."""
    return f"{PIPELINE_VERSION}/{settings_fingerprint(settings)}"


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
    extracted: int = 0  # documents extracted by this run
    reused: int = 0  # documents whose rows were kept from the previous snapshot (unchanged files)
    removed: int = 0  # documents of the previous snapshot that are no longer among the inputs
    snapshot: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class BatchSummary:
    """What one batch wrote: small, picklable, merged into the RunSummary by the flow."""

    docs: list[dict]  # per document: file, uri, status, type, counts, error
    rows: dict[str, int]
    quarantined: dict[str, int]
    validation: list[dict]

    def as_dict(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------------------------------------
# planning


@dataclass(frozen=True)
class PlannedDoc:
    path: str
    doc_id: str | None  # sha256 of the bytes (16 hex digits), None when the file could not be read
    size: int
    fmt: str | None

    @property
    def name(self) -> str:
        return Path(self.path).name


@dataclass
class Plan:
    to_extract: list[PlannedDoc]
    skipped: list[DocumentResult]  # symlinks not followed, duplicate files: rows made at planning
    reused: dict[str, str]  # doc_id -> source_uri, rows copied from the previous snapshot
    reused_docs: list[dict]  # their documents rows (file, status, ...) for the run's status table
    removed: int
    previous: Path | None
    key: str

    @property
    def documents(self) -> int:
        return len(self.to_extract) + len(self.skipped) + len(self.reused)


# (path, device, inode, size, mtime, ctime) -> content hash: `trialx run` plans once to start the
# first documents early and the flow's plan task plans again in the same process; an unchanged file
# is not read twice (any write changes its mtime/ctime, and then it is hashed again)
_HASHED: dict[tuple, tuple[str, int]] = {}


def _hash_file(path: Path) -> tuple[str | None, int]:
    try:
        st = os.stat(path)
        key = (str(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    except OSError:
        key = None
    if key is not None and key in _HASHED:
        return _HASHED[key]
    h = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
                size += len(chunk)
    except OSError:
        return None, 0
    # racy files (written in the last 2 s, possibly within one timestamp tick of this read) are
    # never cached: their next write could keep the same size and timestamps. (The ctime in the key
    # catches contents replaced with an old mtime restored, e.g. by rsync -t.)
    recent = time.time_ns() - 2_000_000_000
    if key is not None and size == key[3] and key[4] < recent:
        if len(_HASHED) > 1_000_000:
            _HASHED.clear()
        _HASHED[key] = (h.hexdigest()[:16], size)
    return h.hexdigest()[:16], size


def plan_run(paths: list[Path], out: Path, settings: Settings) -> Plan:
    """Decide, per input file, whether it is extracted, reused from the previous snapshot or skipped."""
    from .model import skipped_result

    key = cache_key(settings)
    previous = current_snapshot(out)
    prev: dict[str, tuple[str, str]] = {}  # source_uri -> (doc_id, status)
    prev_docs: dict[str, dict] = {}
    prev_uris = _previous_uris(previous)
    if previous is not None and _previous_key(previous) == key:
        docs = read_rows(previous, "documents").to_pylist()
        for d in docs:
            prev[d["source_uri"]] = (d["doc_id"], d["status"])
            prev_docs[d["doc_id"]] = d
    seen: set[str] = set()

    to_extract: list[PlannedDoc] = []
    skipped: list[DocumentResult] = []
    reused: dict[str, str] = {}
    first_by_hash: dict[str, str] = {}
    for f in discover(paths, settings):
        seen.add(str(f.path.resolve()) if not f.path.is_symlink() else str(f.path.absolute()))
        if f.skip_reason:
            skipped.append(skipped_result(f.path, f.skip_reason))
            continue
        uri = str(f.path.resolve())
        doc_id, size = _hash_file(f.path)
        fmt = source_format(f.path, settings)
        if fmt is None:
            skipped.append(skipped_result(f.path, f"unsupported file type '{f.path.suffix or '(none)'}'"))
            continue
        if doc_id is not None and size > 0:  # empty files are failed on their own, not duplicates
            if doc_id in first_by_hash:
                skipped.append(skipped_result(f.path, f"duplicate file: same content as {first_by_hash[doc_id]}"))
                continue
            first_by_hash[doc_id] = uri
        p = prev.get(uri)
        if p is not None and doc_id is not None and p[0] == doc_id and p[1] in REUSABLE:
            reused[doc_id] = uri
            continue
        to_extract.append(PlannedDoc(str(f.path), doc_id, size, fmt))
    reused_docs = [prev_docs[i] for i in reused]
    return Plan(to_extract, skipped, reused, reused_docs, len(prev_uris - seen), previous, key)


def _previous_key(folder: Path) -> str | None:
    try:
        return json.loads((folder / "_manifest.json").read_text()).get("cache_key")
    except (OSError, ValueError):
        return None


def _previous_uris(folder: Path | None) -> set[str]:
    if folder is None:
        return set()
    try:
        return set(read_rows(folder, "documents", columns=["source_uri"]).column("source_uri").to_pylist())
    except Exception:  # noqa: BLE001 - an unreadable old snapshot is simply not reused
        return set()


def batches(docs: list[PlannedDoc], batch_docs: int, big_bytes: int = 1_000_000) -> list[list[PlannedDoc]]:
    """Small documents in batches of `batch_docs`; every PDF or large file is a batch of its own."""
    out: list[list[PlannedDoc]] = []
    small: list[PlannedDoc] = []
    for d in docs:
        if d.fmt == "pdf" or d.size >= big_bytes:
            out.append([d])
        else:
            small.append(d)
            if len(small) >= batch_docs:
                out.append(small)
                small = []
    if small:
        out.append(small)
    return out


def batch_label(batch: list[PlannedDoc], k: int, total: int) -> str:
    if len(batch) == 1:
        return f"extract {batch[0].name}"
    return f"extract batch {k}/{total}: {len(batch)} files {batch[0].name} … {batch[-1].name}"


# ---------------------------------------------------------------------------------------------
# extraction and writing


def failed_result(doc: PlannedDoc, stage: str, message: str) -> DocumentResult:
    from .pipeline import _fallback_id

    p = Path(doc.path)
    return DocumentResult(doc.doc_id or _fallback_id(p), str(p.resolve()), doc.fmt or (p.suffix.lstrip(".").lower() or "unknown"),
                          "failed", errors=(StageError(stage, message),))


def empty_file_ids(docs: list[PlannedDoc], results: list[DocumentResult]) -> list[DocumentResult]:
    """Every empty file has the same content hash; give each one's row an id from its path so that
    several empty files are several rows (documents.doc_id is unique)."""
    import dataclasses

    out = []
    for d, r in zip(docs, results):
        if d.size == 0 and r.status != "ok":
            r = dataclasses.replace(r, doc_id="path-" + hashlib.sha256(r.source_uri.encode()).hexdigest()[:11])
        out.append(r)
    return out


def _rows(results: list[DocumentResult], processed_at: datetime | None = None) -> dict[str, list[dict]]:
    processed_at = processed_at or datetime.now(timezone.utc)
    merged: dict[str, list[dict]] = {t: [] for t in schemas.TABLE_ORDER}
    for r in results:
        for t, rows in rows_for(r, processed_at).items():
            merged[t].extend(rows)
    return merged


def build_tables(results: list[DocumentResult], processed_at: datetime | None = None) -> dict[str, pd.DataFrame]:
    return frames(_rows(results, processed_at))


def doc_line(r: DocumentResult) -> dict:
    return dict(file=Path(r.source_uri).name, source_uri=r.source_uri, status=r.status, type=r.document_type or "",
                arms=len(r.arms), endpoints=len(r.endpoints), statistics=len(r.statistics),
                measurements=len(r.measurements), error=r.error or "")


def write_batch(results: list[DocumentResult], writer: SnapshotWriter, part: str, sections: bool = True) -> BatchSummary:
    """Frame and validate one batch (failing rows to quarantine), write its part files; with
    `sections`, also its documents' sections of the review page (for `review_page`)."""
    arrow = arrow_tables(_rows(results))  # what is written, less the failing rows
    bad, quarantine, report = check_tables({t: frame_of(t, a) for t, a in arrow.items()})
    valid: dict = {t: _drop_rows(arrow[t], rows) for t, rows in bad.items()}
    valid["quarantine"] = to_arrow("quarantine", quarantine)
    rows = writer.write_part(part, valid)
    if sections:
        _save_sections(writer.staging, part, valid)
    q = {t: int((quarantine["table"] == t).sum()) for t in schemas.TABLE_ORDER if t != "quarantine"}
    return BatchSummary([doc_line(r) for r in results], rows, q, report)


def _save_sections(folder: Path, part: str, tables: dict) -> None:
    """Render this batch's sections of the review page now, while other batches are extracted
    (the rows as written); a problem only leaves them to be rendered at the commit."""
    from .report import render_sections, save_sections

    try:
        save_sections(folder, part, render_sections({t: tables[t].to_pylist() for t in schemas.TABLE_ORDER if t in tables}))
    except Exception as e:  # noqa: BLE001 - the review page never blocks the tables
        import logging

        logging.getLogger(__name__).warning("the review page's sections of part %s could not be rendered ahead: %s", part, e)


def _drop_rows(table, positions: list[int]):
    if not positions:
        return table
    import pyarrow as pa

    keep = [True] * table.num_rows
    for i in positions:
        keep[i] = False
    return table.filter(pa.array(keep))


def carry_over(previous: Path, doc_ids: set[str], writer: SnapshotWriter) -> dict[str, int]:
    """Copy the rows of reused (unchanged) documents from the previous snapshot into this one."""
    if not doc_ids:
        return {}
    tables = {t: read_table(previous, t, doc_ids=doc_ids) for t in schemas.TABLE_ORDER}
    return writer.write_part("reused", tables)


def merge(out: Path, batches_: list[BatchSummary], plan: Plan, extracted: int) -> RunSummary:
    by_status: dict[str, int] = {}
    rows = {t: 0 for t in schemas.TABLE_ORDER}
    quarantined = {t: 0 for t in schemas.TABLE_ORDER if t != "quarantine"}
    problems, validation = [], {}
    docs = [d for b in batches_ for d in b.docs] + [
        dict(status=d["status"], source_uri=d["source_uri"], error=d["error"]) for d in plan.reused_docs]
    for d in docs:
        by_status[d["status"]] = by_status.get(d["status"], 0) + 1
        if d["status"] != "ok":
            problems.append(dict(source_uri=d["source_uri"], status=d["status"], error=d["error"] or None))
    for b in batches_:
        for t, n in b.rows.items():
            rows[t] += n
        for t, n in b.quarantined.items():
            quarantined[t] += n
        for v in b.validation:
            k = (v["table"], v["check"])
            if k in validation:
                validation[k]["count"] += v["count"]
            else:
                validation[k] = dict(v)
    return RunSummary(out=str(out.resolve()), documents=len(docs), by_status=dict(sorted(by_status.items())),
                      rows=rows, quarantined=quarantined,
                      problems=sorted(problems, key=lambda p: p["source_uri"]),
                      validation=list(validation.values()), extracted=extracted, reused=len(plan.reused),
                      removed=plan.removed)


def manifest(summary: RunSummary, plan: Plan, settings: Settings, inputs: list[str]) -> dict:
    return dict(summary.as_dict(), cache_key=plan.key, inputs=inputs,
                settings=json.loads(settings.model_dump_json()),
                written_at=datetime.now(timezone.utc).isoformat())


def run_library(paths: list[Path], out: Path, settings: Settings | None = None, workers: int = 1,
                report: bool = True) -> RunSummary:
    """The whole run without Prefect: plan, extract (in this process, or in `workers` worker
    processes with the time and memory limits), write, commit; with `report`, the snapshot gets its
    review page (report.html) as a flow run's does."""
    from .output import RunLock
    from .workers import DocumentPool, extract_in_process

    settings = settings or Settings()
    with RunLock(out):
        plan = plan_run(paths, out, settings)
        writer = SnapshotWriter(out).start()
        pool = DocumentPool(workers, settings) if workers > 1 and plan.to_extract else None
        try:
            parts = []
            groups = batches(plan.to_extract, settings.batch_docs)
            if pool is not None:  # submit everything first so the workers never wait for the writer
                futures = [[pool.submit(d) for d in g] for g in groups]
            for k, g in enumerate(groups):
                results = empty_file_ids(g, [pool.result(d, f) for d, f in zip(g, futures[k])] if pool is not None
                                         else extract_in_process(g, settings))
                parts.append(write_batch(results, writer, f"{k:05d}", sections=report))
            if plan.skipped:
                parts.append(write_batch(plan.skipped, writer, "skipped", sections=report))
            reused_rows = carry_over(plan.previous, set(plan.reused), writer) if plan.reused else {}
            summary = merge(out, parts, plan, len(plan.to_extract))
            for t, n in reused_rows.items():
                summary.rows[t] += n
            summary.snapshot = writer.run_id
            writer.commit(manifest(summary, plan, settings, [str(p) for p in paths]),
                          before_publish=review_page if report else None)
        except BaseException:
            writer.abort()
            raise
        finally:
            if pool is not None:
                pool.close()
    return summary


def review_page(folder: Path, log=None) -> bool:
    """Write a staged snapshot's review page (report.html); the `before_publish` step of a commit.
    A problem is logged (to `log`, else this module's logger), never raised: it never blocks the
    tables. Returns whether the page was written."""
    import shutil

    from .report import SECTIONS, write_report

    try:
        # the page names the snapshot as it is published (the staged folder's name loses '.tmp-')
        write_report(folder, folder / "report.html", name=folder.with_name(folder.name.removeprefix(".tmp-")))
        return True
    except Exception as e:  # noqa: BLE001 - a report problem never blocks the tables
        import logging

        (log or logging.getLogger(__name__)).warning("the review page could not be written: %s", e)
        return False
    finally:
        shutil.rmtree(folder / SECTIONS, ignore_errors=True)  # the pre-rendered sections are not published


def up_to_date(plan: Plan) -> bool:
    """True when a run would change nothing: no new, changed, removed or newly skipped file."""
    if plan.previous is None or plan.to_extract or plan.removed:
        return False
    prev = {d["source_uri"]: (d["status"], d["error"]) for d in read_rows(plan.previous, "documents").to_pylist()}
    now = {r.source_uri: (r.status, r.error) for r in plan.skipped}
    now.update({d["source_uri"]: (d["status"], d["error"]) for d in plan.reused_docs})
    return prev == now


def validate_and_write(results: list[DocumentResult], out: Path) -> tuple[RunSummary, dict[str, pd.DataFrame]]:
    """Frame, validate (quarantining failing rows) and write complete tables as one snapshot."""
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
        extracted=len(results),
    )
    write_tables(out, valid, manifest=dict(summary.as_dict(), written_at=datetime.now(timezone.utc).isoformat()))
    return summary, valid
