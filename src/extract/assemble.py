"""Many DocumentResults -> one DataFrame per output table (columns as in `schemas`)."""

from __future__ import annotations

import dataclasses
import functools
from datetime import datetime, timezone

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

import schemas

from . import PIPELINE_VERSION
from .model import DocumentResult


def _evidence(ev) -> dict:
    return dict(evidence_text=ev.evidence_text, char_start=ev.char_start, char_end=ev.char_end, page=ev.page)


@functools.lru_cache(maxsize=None)
def _field_names(cls: type, drop: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in drop)


def _record(rec, doc_id: str, drop: tuple[str, ...] = ("evidence", "aliases")) -> dict:
    d = {name: getattr(rec, name) for name in _field_names(type(rec), drop)}
    for k, v in d.items():
        if isinstance(v, tuple):
            d[k] = list(v)
    d["doc_id"] = doc_id
    d.update(_evidence(rec.evidence))
    return d


def rows_for(result: DocumentResult, processed_at: datetime | None = None) -> dict[str, list[dict]]:
    """The rows one document contributes to each table."""
    processed_at = processed_at or datetime.now(timezone.utc)
    doc = dict(doc_id=result.doc_id, source_uri=result.source_uri, source_format=result.source_format,
               document_type=result.document_type, title=result.title, n_pages=result.n_pages,
               n_chars=result.n_chars, status=result.status, error=result.error,
               pipeline_version=PIPELINE_VERSION, processed_at=processed_at)
    out: dict[str, list[dict]] = {t: [] for t in schemas.TABLE_ORDER}
    out["documents"].append(doc)
    if result.text is not None:
        out["texts"].append(dict(doc_id=result.doc_id, text=result.text))
    out["trials"] = [_record(t, result.doc_id) for t in result.trials]
    out["arms"] = [_record(a, result.doc_id) for a in result.arms]
    out["endpoints"] = [_record(e, result.doc_id) for e in result.endpoints]
    spans = result.meta.get("p_spans", {})
    for s in result.statistics:
        d = _record(s, result.doc_id)
        d["p_char_start"], d["p_char_end"] = spans.get(s.stat_id, (None, None))
        out["statistics"].append(d)
    out["measurements"] = [_record(m, result.doc_id) for m in result.measurements]
    return out


def frames(rows: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    """Rows -> DataFrames with the contract's columns and dtypes (nullable where allowed)."""
    return {t: frame_of(t, a) for t, a in arrow_tables(rows).items()}


def frames_by_coercion(rows: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    """The same DataFrames built value by value with pandas (the reference `frames` is checked
    against, and the fallback for rows Arrow does not take as they are)."""
    out = {}
    for table in schemas.TABLE_ORDER:
        cols = schemas.tables.columns(table)
        df = pd.DataFrame(rows.get(table, []), columns=cols)
        out[table] = coerce(table, df)
    return out


_PANDAS_TYPES = {pa.string(): pd.StringDtype(), pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}


def arrow_tables(rows: dict[str, list[dict]]) -> dict[str, pa.Table]:
    """Rows -> one Arrow table per output table, in the Parquet schema (what is written).

    Built column-wise by Arrow in C; NaN floats become nulls, as the writer always stored them.
    Rows that Arrow does not take as they are (e.g. a float in an integer column) go through
    pandas' value-by-value coercion instead, which gives the same table."""
    out = {}
    for table in schemas.TABLE_ORDER:
        schema = schemas.arrow_schema(table)
        recs = rows.get(table, [])
        try:
            t = pa.Table.from_pylist(recs, schema=schema)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
            from .output import to_arrow

            t = to_arrow(table, coerce(table, pd.DataFrame(recs, columns=schemas.tables.columns(table))))
        for i, f in enumerate(schema):
            if pa.types.is_floating(f.type) and t.num_rows and pc.any(pc.is_nan(t.column(i))).as_py():
                col = t.column(i)
                t = t.set_column(i, f, pc.if_else(pc.is_nan(col), pa.scalar(None, f.type), col))
        out[table] = t
    return out


def frame_of(table: str, t: pa.Table) -> pd.DataFrame:
    """An Arrow table of `arrow_tables` -> the DataFrame pandera validates (nullable dtypes)."""
    df = t.to_pandas(types_mapper=_PANDAS_TYPES.get)
    for f in t.schema:
        if pa.types.is_list(f.type):
            df[f.name] = pd.Series(t.column(f.name).to_pylist(), dtype=object)
    for c in _plain_bool(table):
        df[c] = df[c].astype(bool)
    return df


@functools.lru_cache(maxsize=None)
def _plain_bool(table: str) -> tuple[str, ...]:
    """Columns the model declares as non-nullable `bool` (not pandas' nullable `boolean`)."""
    sch = schemas.MODELS[table].to_schema()
    return tuple(c for c in schemas.tables.columns(table) if str(sch.columns[c].dtype) == "bool")


def coerce(table: str, df: pd.DataFrame) -> pd.DataFrame:
    sch = schemas.MODELS[table].to_schema()
    df = df.copy()
    for c in df.columns:
        d = str(sch.columns[c].dtype)
        if d == "Int64":
            df[c] = pd.array([None if v is None or (isinstance(v, float) and v != v) else int(v) for v in df[c]], dtype="Int64")
        elif d == "boolean":
            df[c] = pd.array([None if v is None else bool(v) for v in df[c]], dtype="boolean")
        elif d == "bool":
            df[c] = df[c].astype(bool)
        elif d.startswith("float"):
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
        elif d.startswith("datetime"):
            df[c] = pd.to_datetime(df[c], utc=True).astype("datetime64[us, UTC]")
        elif d.startswith("string") or d == "str":
            df[c] = df[c].astype("object").where(df[c].notna(), None)
            df[c] = df[c].astype("string")
    return df
