"""Table cells to records: per-arm `measurements` and p-value `statistics`."""

from __future__ import annotations

import re

from ..model import Arm, Cell, Document, Evidence, Table
from .common import NUM, norm_key

MEAN_SD_RE = re.compile(rf"^(?P<m>-?{NUM})\s*(?:±|\+/-|\+-)\s*(?P<sd>{NUM})$")
COUNT_PCT_RE = re.compile(rf"^(?P<c>\d+)\s*\(\s*(?P<p>{NUM})\s*%?\s*\)$")
FRAC_RE = re.compile(rf"^(?P<c>\d+)\s*/\s*(?P<t>\d+)(?:\s*\(\s*(?P<p>{NUM})\s*%?\s*\))?$")
MED_IQR_RE = re.compile(rf"^(?P<m>-?{NUM})\s*[\[(]\s*(?P<a>-?{NUM})\s*(?:–|-|to|,|;)\s*(?P<b>-?{NUM})\s*[\])]$")
P_CELL_RE = re.compile(rf"^(?P<op>[<>≤≥]|<=|>=)?\s*(?P<v>{NUM})$")
_OPS = {None: "=", "<": "<", ">": ">", "≤": "<=", "≥": ">=", "<=": "<=", ">=": ">="}


def parse_value(cell: str) -> dict:
    """Numbers of one measurement cell: mean ± SD, n (%), n/N (%), median [IQR]."""
    t = cell.replace("−", "-").strip()
    out: dict = dict(mean=None, sd=None, median=None, q1=None, q3=None, count=None, percent=None)
    if m := MEAN_SD_RE.match(t):
        out.update(mean=float(m["m"]), sd=float(m["sd"]))
    elif m := COUNT_PCT_RE.match(t):
        out.update(count=int(m["c"]), percent=float(m["p"]))
    elif m := FRAC_RE.match(t):
        out.update(count=int(m["c"]), percent=float(m["p"]) if m["p"] else None)
    elif m := MED_IQR_RE.match(t):
        out.update(median=float(m["m"]), q1=float(m["a"]), q3=float(m["b"]))
    return out


def parse_p_cell(cell: str) -> tuple[str, float] | None:
    m = P_CELL_RE.match(cell.strip())
    if not m:
        return None
    v = float(m["v"])
    if v > 1:
        return None
    return _OPS[m["op"]], v


def _arm_for(label: str | None, n: int | None, arms: list[Arm]) -> str | None:
    if n is not None:
        hits = [a for a in arms if a.n == n]
        if len(hits) == 1:
            return hits[0].arm_id
    if label:
        k = norm_key(label)
        for a in arms:
            if k in {norm_key(x) for x in (a.label, *a.aliases)}:
                return a.arm_id
    return None


def _ev(doc: Document, c: Cell) -> Evidence:
    return Evidence(c.text, c.start, c.end, doc.page_of(c.start))


def table_records(doc: Document, tables: list[Table], arms: list[Arm]) -> tuple[list[dict], list[dict]]:
    """Returns (measurements, statistics) as field dicts (ids are assigned by the caller)."""
    meas: list[dict] = []
    stats: list[dict] = []
    for t in tables:
        cols = list(t.columns)
        if t.layout == "columns-are-arms":
            arm_cols = [(k, c, _arm_for(c.arm_label, c.arm_n, arms)) for k, c in enumerate(cols) if c.role == "arm"]
            all_ids = tuple(a for _, _, a in arm_cols if a)
            for r in t.rows:
                cells = list(r.cells)
                mapping = cols if len(cells) == len(cols) else [c for c in cols if c.role == "arm"][: len(cells)]
                base = dict(table_id=t.table_id, row_group=r.row_group, variable=r.variable, category=r.category)
                for c, col in zip(cells, mapping):
                    if col.role == "arm":
                        meas.append(dict(base, section=t.section, arm_label=col.arm_label,
                                         arm_id=_arm_for(col.arm_label, col.arm_n, arms), timepoint=None,
                                         value_text=c.text, unit=r.unit, evidence=_ev(doc, c), **parse_value(c.text)))
                    elif col.role == "pvalue" and (pv := parse_p_cell(c.text)):
                        stats.append(dict(base, comparison="between-groups", arm_ids=all_ids, timepoint=None,
                                          p_operator=pv[0], p_value=pv[1], p_text=c.text, evidence=_ev(doc, c)))
        else:
            time_cols = [c for c in cols if c.role == "timepoint"]
            for r in t.rows:
                arm_id = _arm_for(r.arm_label, None, arms)
                base = dict(table_id=t.table_id, row_group=r.row_group, variable=r.variable, category=r.category)
                cells = list(r.cells)
                if r.kind == "pvalues":
                    for c, col in zip(cells, time_cols[len(time_cols) - len(cells):]):
                        if pv := parse_p_cell(c.text):
                            stats.append(dict(base, comparison="within-group", arm_ids=(arm_id,) if arm_id else (),
                                              timepoint=col.timepoint, p_operator=pv[0], p_value=pv[1],
                                              p_text=c.text, evidence=_ev(doc, c)))
                    continue
                for c, col in zip(cells, cols):
                    if col.role == "timepoint":
                        meas.append(dict(base, section=t.section, arm_label=r.arm_label, arm_id=arm_id,
                                         timepoint=col.timepoint, value_text=c.text, unit=r.unit,
                                         evidence=_ev(doc, c), **parse_value(c.text)))
                    elif col.role == "pvalue" and (pv := parse_p_cell(c.text)):
                        stats.append(dict(base, comparison="within-group", arm_ids=(arm_id,) if arm_id else (),
                                          timepoint=None, p_operator=pv[0], p_value=pv[1], p_text=c.text,
                                          evidence=_ev(doc, c)))
    return meas, stats
