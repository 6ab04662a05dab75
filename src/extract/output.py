"""Parquet output with snapshots: readers always see one complete, consistent set of tables.

Layout of an output folder OUT:

    OUT/_snapshots/<run-id>/<table>/part-*.parquet   one complete snapshot per committed run
    OUT/_snapshots/<run-id>/_manifest.json           what the run did (counts, settings, version)
    OUT/_snapshots/<run-id>/report.html              the curators' review page of that snapshot
    OUT/current -> _snapshots/<run-id>               symlink, replaced atomically on commit
    OUT/<table> -> current/<table>                   fixed symlinks: readers use OUT/<table>/*.parquet
    OUT/_manifest.json, OUT/report.html -> current/...

A run writes its snapshot under `_snapshots/.tmp-<run-id>/` (batch by batch, so the corpus is never
held in memory), renames it to `_snapshots/<run-id>/` when complete, and then swaps the single
`current` symlink with `os.replace` (an atomic rename on POSIX). Every table switches at that one
instant, so a reader never mixes two runs, and a run killed at any moment (kill -9) leaves the
previous `current` untouched; the next run removes the leftover temporary folder. The previous
snapshots are kept (`keep` most recent) so that readers that resolved `current` (or a snapshot
path) keep working. Plain Parquet readers (pyarrow, DuckDB, Polars, pandas, Spark) read
OUT/<table>/*.parquet as usual; part files carry the run id in their names, so a plain reader whose
file listing straddles a commit gets a file-not-found error (and retries), never rows of two runs.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pds
import pyarrow.parquet as pq

import schemas

from .errors import OutputError

SNAPSHOTS = "_snapshots"
CURRENT = "current"
LINKED_FILES = ("_manifest.json", "report.html")


def check_writable(out: Path) -> None:
    """Fail early, with a clear message, when the output folder cannot be written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".trialx-write-test-{uuid.uuid4().hex}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise OutputError(f"{out}: the output folder cannot be written ({e.strerror or e})") from e


def to_arrow(table: str, df: pd.DataFrame) -> pa.Table:
    schema = schemas.arrow_schema(table)
    arrays = []
    for f in schema:
        col = df[f.name] if f.name in df else pd.Series([None] * len(df))
        vals = [None if (v is None or v is pd.NA or (isinstance(v, float) and v != v)) else v for v in col.tolist()]
        if pa.types.is_list(f.type):
            vals = [list(v) if v is not None else [] for v in vals]
        arrays.append(pa.array(vals, type=f.type))
    return pa.Table.from_arrays(arrays, schema=schema)


class RunLock:
    """One writer per output folder: a second run into the same folder fails with a clear message.

    An OS-level lock (flock) is released by the kernel when the process dies, even by kill -9.
    """

    def __init__(self, out: Path):
        self.path = out / ".trialx.lock"
        self.fd: int | None = None

    def __enter__(self) -> "RunLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self.fd)
            self.fd = None
            raise OutputError(f"{self.path.parent}: another trialx run is writing to this output folder; "
                              "wait for it to finish") from None
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def current_snapshot(out: Path) -> Path | None:
    """The folder of the committed snapshot, or None before the first run."""
    cur = out / CURRENT
    if cur.is_symlink() or cur.is_dir():
        target = cur.resolve()
        if target.is_dir():
            return target
    # the layout before snapshots: table folders directly under OUT
    if (out / "documents").is_dir() and not (out / "documents").is_symlink():
        return out
    return None


def read_table(folder: Path, table: str, columns: list[str] | None = None, doc_ids: set[str] | None = None) -> pa.Table:
    """One table of a snapshot folder (optionally only some documents' rows), with the contract schema."""
    schema = schemas.arrow_schema(table)
    d = folder / table
    files = sorted(d.glob("*.parquet")) if d.is_dir() else []
    if not files:
        t = schema.empty_table()
        return t.select(columns) if columns else t
    flt = pc.field("doc_id").isin(sorted(doc_ids)) if doc_ids is not None else None
    return pds.dataset([str(f) for f in files], schema=schema, format="parquet").to_table(columns=columns, filter=flt)


def read_rows(folder: Path, table: str, columns: list[str] | None = None) -> pa.Table:
    """A snapshot's table as its part files store it, without building the contract schema (which
    costs a pandera model build, ~0.6 s in a fresh process): for planning, where only a few plain
    columns of `documents` are read. Part files of one snapshot share one schema (one writer)."""
    d = folder / table
    files = sorted(d.glob("*.parquet")) if d.is_dir() else []
    if not files:
        return read_table(folder, table, columns)
    return pds.dataset([str(f) for f in files], format="parquet").to_table(columns=columns)


class SnapshotWriter:
    """Writes one run's tables as part files into a temporary snapshot, then commits it atomically."""

    def __init__(self, out: Path, run_id: str | None = None, keep: int = 3):
        self.out = out
        self.run_id = run_id or datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        self.keep = keep
        self.root = out / SNAPSHOTS
        self.staging = self.root / f".tmp-{self.run_id}"

    def start(self) -> "SnapshotWriter":
        check_writable(self.out)
        self.cleanup_interrupted()
        try:
            for name in schemas.TABLE_ORDER:
                (self.staging / name).mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OutputError(f"{self.out}: cannot create the run's snapshot folder ({e.strerror or e})") from e
        return self

    def cleanup_interrupted(self) -> list[Path]:
        """Remove temporary snapshots of runs that were killed before committing."""
        removed = []
        if self.root.is_dir():
            for d in self.root.glob(".tmp-*"):
                if d != self.staging:
                    shutil.rmtree(d, ignore_errors=True)
                    removed.append(d)
        return removed

    def write_part(self, part: str, tables: dict[str, pa.Table | pd.DataFrame]) -> dict[str, int]:
        """Write one batch's rows of every table (file names are unique per part, so a retried
        batch overwrites its own files and never duplicates rows). Returns rows per table."""
        rows = {}
        for name in schemas.TABLE_ORDER:
            t = tables.get(name)
            if t is None:
                continue
            if isinstance(t, pd.DataFrame):
                t = to_arrow(name, t)
            if t.num_rows == 0:
                rows[name] = 0
                continue
            # the run id in every file name: a reader that listed OUT/<table>/ just before a commit and
            # opens the files after it (the path now leads into the new snapshot) gets "not found"
            # and can retry, instead of silently reading a same-named file of another run
            dest = self.staging / name / f"part-{self.run_id}-{part}.parquet"
            tmp = dest.with_name(f".{dest.name}.tmp")
            try:
                pq.write_table(t, tmp, compression="zstd")
                os.replace(tmp, dest)
            except OSError as e:
                raise OutputError(f"{self.out}: writing table {name} failed ({e.strerror or e})") from e
            rows[name] = t.num_rows
        return rows

    def commit(self, manifest: dict, before_publish=None) -> Path:
        """Make the staged snapshot the current one: a rename of the folder and one atomic symlink swap.

        `before_publish(folder)` runs on the complete staged snapshot (tables and manifest) just
        before it is published, e.g. to write its review page."""
        try:
            for name in schemas.TABLE_ORDER:  # every table folder holds at least an empty, typed file
                d = self.staging / name
                if not any(d.glob("*.parquet")):
                    pq.write_table(schemas.arrow_schema(name).empty_table(), d / f"part-{self.run_id}-empty.parquet")
            (self.staging / "_manifest.json").write_text(
                json.dumps(dict(manifest, run_id=self.run_id), indent=2, sort_keys=True, default=str))
            if before_publish is not None:
                before_publish(self.staging)
            final = self.root / self.run_id
            os.replace(self.staging, final)
            self._fsync_dir(self.root)
            tmp_link = self.out / f".{CURRENT}-{self.run_id}"
            os.symlink(os.path.join(SNAPSHOTS, self.run_id), tmp_link)
            os.replace(tmp_link, self.out / CURRENT)  # the commit point
            self._fsync_dir(self.out)
            self._ensure_links()
            self._prune()
        except OSError as e:
            raise OutputError(f"{self.out}: committing the run's tables failed ({e.strerror or e}); "
                              "the previous tables are still in place") from e
        return final

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _ensure_links(self) -> None:
        """OUT/<table> -> current/<table> (created once; migrates plain folders of the old layout)."""
        for name in list(schemas.TABLE_ORDER) + list(LINKED_FILES):
            p = self.out / name
            target = os.path.join(CURRENT, name)
            if p.is_symlink() and os.readlink(p) == target:
                continue
            tmp = self.out / f".link-{name}-{self.run_id}"
            os.symlink(target, tmp)
            if p.is_dir() and not p.is_symlink():
                old = self.out / f".old-{name}-{self.run_id}"
                os.replace(p, old)
                os.replace(tmp, p)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(tmp, p)

    def _prune(self) -> None:
        snaps = sorted((d for d in self.root.iterdir() if d.is_dir() and not d.name.startswith(".")),
                       key=lambda d: d.name)
        current = (self.out / CURRENT).resolve()
        for d in snaps[:-self.keep]:
            if d.resolve() != current:
                shutil.rmtree(d, ignore_errors=True)

    @staticmethod
    def _fsync_dir(d: Path) -> None:
        try:
            fd = os.open(d, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError:
            pass


def write_tables(out: Path, tables: dict[str, pd.DataFrame], manifest: dict) -> dict[str, Path]:
    """Write complete tables as a new snapshot in one go (library use without the flow)."""
    with RunLock(out):
        w = SnapshotWriter(out).start()
        try:
            w.write_part("00000", tables)
            w.commit(manifest)
        except BaseException:
            w.abort()
            raise
    return {name: out / name for name in schemas.TABLE_ORDER}
