"""Parquet output: each table is a folder DIR/<table>/ of Parquet files (read as one table by
pyarrow.dataset, DuckDB's read_parquet('DIR/<table>/*.parquet') and Polars).

Writes go to a staging folder inside DIR first; each table folder is then swapped in with
renames, so a reader sees either the old or the new complete folder, never a half-written file.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import schemas

from .errors import OutputError


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


def write_tables(out: Path, tables: dict[str, pd.DataFrame], manifest: dict) -> dict[str, Path]:
    """Write every table and swap it into place; returns table -> folder."""
    check_writable(out)
    run = uuid.uuid4().hex[:12]
    staging = out / f".staging-{run}"
    staging.mkdir()
    paths = {}
    try:
        for name in schemas.TABLE_ORDER:
            folder = staging / name
            folder.mkdir()
            pq.write_table(to_arrow(name, tables[name]), folder / "part-00000.parquet", compression="zstd")
        (staging / "_manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True, default=str))
        for name in schemas.TABLE_ORDER:
            dest = out / name
            old = out / f".old-{run}-{name}"
            if dest.exists():
                os.replace(dest, old)
            os.replace(staging / name, dest)
            if old.exists():
                shutil.rmtree(old, ignore_errors=True)
            paths[name] = dest
        os.replace(staging / "_manifest.json", out / "_manifest.json")
    except OSError as e:
        raise OutputError(f"{out}: writing the output tables failed ({e.strerror or e})") from e
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return paths
