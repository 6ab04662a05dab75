"""Many DocumentResults -> one DataFrame per output table (columns as in `schemas`)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

import pandas as pd

import schemas

from . import PIPELINE_VERSION
from .model import DocumentResult


def _evidence(ev) -> dict:
    return dict(evidence_text=ev.evidence_text, char_start=ev.char_start, char_end=ev.char_end, page=ev.page)


def _record(rec, doc_id: str, drop: tuple[str, ...] = ("evidence", "aliases")) -> dict:
    d = {f.name: getattr(rec, f.name) for f in dataclasses.fields(rec) if f.name not in drop}
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
    out = {}
    for table in schemas.TABLE_ORDER:
        cols = schemas.tables.columns(table)
        df = pd.DataFrame(rows.get(table, []), columns=cols)
        out[table] = coerce(table, df)
    return out


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
