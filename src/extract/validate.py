"""Validate tables with their pandera models before writing; failing rows go to quarantine.

Validation runs lazily (every failure collected) in the process that ran it: pandera's failure
cases do not survive pickling, so callers pass DataFrames in and get DataFrames back.
Cross-table checks that one model cannot express live here too: evidence slices the document's
text exactly, offsets lie inside it, and an arm's n does not exceed the trial's total.
"""

from __future__ import annotations

import json

import pandas as pd
import pandera.pandas as pa

import schemas

from .assemble import coerce


def _row_json(row: pd.Series) -> str:
    def conv(v):
        if isinstance(v, (list, tuple)):
            return list(v)
        if v is None or (isinstance(v, float) and v != v) or v is pd.NA:
            return None
        if hasattr(v, "isoformat"):
            return v.isoformat()
        if hasattr(v, "item"):
            return v.item()
        return v

    return json.dumps({k: conv(v) for k, v in row.items()}, ensure_ascii=False, sort_keys=True, default=str)


def _cross_table_failures(tables: dict[str, pd.DataFrame]) -> dict[str, dict[int, list[str]]]:
    texts = dict(zip(tables["texts"]["doc_id"], tables["texts"]["text"]))
    fails: dict[str, dict[int, list[str]]] = {}
    for t in ("trials", "arms", "endpoints", "statistics", "measurements"):
        df = tables[t]
        cols = (df.index, df["doc_id"], df["char_start"], df["char_end"], df["evidence_text"])
        for idx, doc_id, s, e, ev in zip(*cols):
            text = texts.get(doc_id)
            if text is None:
                bad = "document_has_text"
            elif s is pd.NA or e is pd.NA or e > len(text):
                bad = "offsets_inside_text"
            elif text[s:e] != ev:
                bad = "evidence_matches_text"
            else:
                continue
            fails.setdefault(t, {}).setdefault(idx, []).append(bad)
    totals = {d: tot for d, tot in zip(tables["trials"]["doc_id"], tables["trials"]["total_enrolled"])
              if tot is not None and tot is not pd.NA}
    arms = tables["arms"]
    for idx, doc_id, n in zip(arms.index, arms["doc_id"], arms["n"]):
        tot = totals.get(doc_id)
        if tot is not None and n is not pd.NA and n is not None and n > tot:
            fails.setdefault("arms", {}).setdefault(idx, []).append("arm_n_le_total_enrolled")
    return fails


def validate_tables(tables: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, list[dict]]:
    """Returns (valid tables, quarantine table, report items: table, check, count, example)."""
    tables = {t: df.reset_index(drop=True) for t, df in tables.items()}
    bad, q, report = check_tables(tables)
    valid = {t: tables[t].drop(index=bad[t]).reset_index(drop=True) for t in bad}
    return valid, q, report


def check_tables(tables: dict[str, pd.DataFrame]) -> tuple[dict[str, list[int]], pd.DataFrame, list[dict]]:
    """Validate DataFrames with a RangeIndex. Returns (positions of failing rows per table,
    quarantine table, report items: table, check, count, example)."""
    quarantine: list[dict] = []
    bad_rows: dict[str, list[int]] = {}
    cross = _cross_table_failures(tables)
    for name in schemas.TABLE_ORDER:
        if name == "quarantine":
            continue
        df = tables[name]
        failed: dict[int, list[tuple[str, str | None]]] = {}
        for idx, checks in cross.get(name, {}).items():
            for c in checks:
                failed.setdefault(idx, []).append((c, None))
        try:
            schemas.MODELS[name].validate(df, lazy=True)
        except pa.errors.SchemaErrors as err:
            fc = err.failure_cases
            for _, f in fc.iterrows():
                idx = f["index"]
                col = f["column"] if isinstance(f["column"], str) and f["column"] != name else None
                if idx is None or (isinstance(idx, float) and idx != idx):
                    # a whole-table failure (e.g. a missing column or wrong dtype): every row fails
                    for i in range(len(df)):
                        failed.setdefault(i, []).append((str(f["check"]), col))
                else:
                    failed.setdefault(int(idx), []).append((str(f["check"]), col))
        bad = sorted(failed)
        for i in bad:
            checks = failed[i]
            quarantine.append(dict(table=name, doc_id=df.at[i, "doc_id"] if "doc_id" in df else None,
                                   row=_row_json(df.loc[i]), check="; ".join(sorted({c for c, _ in checks})),
                                   column=next((c for _, c in checks if c), None)))
        bad_rows[name] = bad
    q = coerce("quarantine", pd.DataFrame(quarantine, columns=schemas.tables.columns("quarantine")))
    report: dict[tuple[str, str], dict] = {}
    for r in quarantine:
        key = (r["table"], r["check"])
        item = report.setdefault(key, dict(table=r["table"], check=r["check"], count=0, example=r["row"][:300]))
        item["count"] += 1
    return bad_rows, q, list(report.values())
