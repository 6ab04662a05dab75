"""Table cells to records: per-arm `measurements` and p-value `statistics`.

Layouts: `columns-are-arms` (a column per arm, p-value and effect columns beside them),
`rows-are-arms` (a row per arm, timepoint columns), and `columns-are-values` (parser-built tables
whose columns are measures rather than arms). Effect columns (`role="effect"`: '1.21 (0.70 to
2.10)') become statistics with estimate and CI, and take the row's p-value when there is one.
"""

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


# 'x (y)' is a mean (SD) or a median in brackets when the row, the column or the caption says so
MEAN_PAREN_RE = re.compile(rf"^(?P<m>-?{NUM})\s*\(\s*(?P<sd>{NUM})\s*\)$")
# a count before the value: '391, 210 (125-350)', 'n=354, 3132.4 (581.7)', 'n=74'
N_PREFIX_RE = re.compile(r"^(?:[nN]\s*=\s*)?(?P<n>\d+)\s*[,;]\s*(?P<rest>\S.*)$")
NUMERIC_CELL_RE = re.compile(r"^\s*(?:[<>≤≥~]\s*)?[-−]?\s*\.?\d")
N_ONLY_RE = re.compile(r"^[nN]\s*=\s*(?P<n>\d+)$")
PLAIN_RE = re.compile(rf"^(?P<v>-?{NUM})\s*(?P<pct>%)?$")
EFFECT_RE = re.compile(
    rf"^(?:(?:a?OR|a?HR|RR|IRR|MD|β)\s*=?\s*)?(?P<est>-?{NUM})\s*[\[(]\s*(?:95%\s*CI[:,]?\s*)?(?P<lo>-?{NUM})\s*"
    rf"(?:to|–|—|-|,|;)\s*(?P<hi>-?{NUM})\s*[\])]$")
HINT_MEAN_RE = re.compile(r"\bmeans?\b[^()]*\((?:sd|s\.d\.|standard deviations?|se)\)|\bmean\s*±\s*sd\b|"
                          r"\bmeans?\s*\((?:standard deviations?|sd)\)", re.I)
HINT_MEDIAN_RE = re.compile(r"\bmedians?\b[^()]*\((?:iqr|interquartile range|range|q1[-–, ]+q3)\)", re.I)
HINT_COUNT_RE = re.compile(r"\b(?:numbers?|no\.?|n)\s*\((?:%|percentages?)\)", re.I)


def value_hint(*texts: str | None) -> str | None:
    """What an 'x (y)' cell holds, from the first text that says: 'mean' | 'median' | 'count'."""
    for t in texts:
        if not t:
            continue
        mean, median, count = HINT_MEAN_RE.search(t), HINT_MEDIAN_RE.search(t), HINT_COUNT_RE.search(t)
        found = [(m.start(), k) for m, k in ((mean, "mean"), (median, "median"), (count, "count")) if m]
        if found:
            return min(found)[1]
    return None


def parse_value(cell: str, hint: str | None = None, unit: str | None = None) -> dict:
    """Numbers of one measurement cell: mean ± SD, n (%), n/N (%), median [IQR]; with a `hint`
    ('mean' from a 'Mean (SD)' label) 'x (y)' is a mean and SD; a count before the value
    ('391, 210 (125-350)', 'n=354, 3132.4 (581.7)') fills `count`; a plain number is a percent
    when the unit is '%'."""
    t = cell.replace("−", "-").strip()
    out: dict = dict(mean=None, sd=None, median=None, q1=None, q3=None, count=None, percent=None)
    if hint is not None or unit is not None:
        if m := N_ONLY_RE.match(t):
            out.update(count=int(m["n"]))
            return out
        if (m := N_PREFIX_RE.match(t)) and not FRAC_RE.match(t):
            inner = parse_value(m["rest"], hint, unit)
            if any(v is not None for v in inner.values()):
                inner["count"] = int(m["n"]) if inner["count"] is None else inner["count"]
                return inner
        if hint == "mean" and (m := MEAN_PAREN_RE.match(t)):
            out.update(mean=float(m["m"]), sd=float(m["sd"]))
            return out
        if (m := PLAIN_RE.match(t)) and (m["pct"] or unit == "%"):
            out.update(percent=float(m["v"]))
            return out
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


def _blank(c: Cell) -> bool:
    """An empty cell or a dash / 'not calculated' placeholder (parser-built tables have them)."""
    t = c.text.strip()
    return not t or bool(re.fullmatch(r"[—–-]+|NA|N/A|NR|n/a|NE|not (?:calculated|estimable|applicable)", t, re.I))


def parse_effect(cell: str) -> tuple[float, float, float] | None:
    """'1.21 (0.70 to 2.10)', 'OR 0.8 (0.6–1.1)', '-0.11 (-2.27 to 2.49)' -> (estimate, low, high)."""
    m = EFFECT_RE.match(cell.replace("−", "-").strip())
    if not m:
        return None
    return float(m["est"]), float(m["lo"]), float(m["hi"])


def effect_type(header: str) -> str | None:
    from .effects import TYPES

    best, pos = None, -1
    for pat, name in TYPES:
        for m in re.finditer(pat, header):
            if m.start() > pos:
                best, pos = name, m.start()
    if best is None:
        if re.search(r"relative change", header, re.I):
            return "relative change"
        if re.search(r"β|\bbeta\b|coefficient", header, re.I):
            return "regression coefficient"
    return best


def _ci_level(header: str) -> float:
    m = re.search(r"(\d{2}(?:\.\d+)?)\s*%\s*(?:CI|confidence)", header, re.I)
    return float(m.group(1)) if m else 95.0


TIME_LABEL_RE = re.compile(r"^(?:baseline|end of (?:pregnancy|treatment|study|follow[- ]up)|screening|"
                           r"\d+\s*(?:-\s*)?(?:days?|weeks?|months?|years?)(?:\s+(?:follow[- ]up|post[- ]\w+))?|"
                           r"(?:day|week|month|year|visit)\s*\d+)$", re.I)


def _row_timepoint(r) -> str | None:
    """A row whose label is a timepoint ('Baseline', '6 month follow-up') under a variable named
    elsewhere (the section above it, a header spanning the arm columns) gives that timepoint."""
    label = re.sub(r"[*†‡§¶]+$", "", r.label.strip())
    if r.category is None and r.variable and TIME_LABEL_RE.match(label) and norm_key(r.variable) != norm_key(label):
        return label
    return None


def _effect_stats(doc, t: Table, r, cells: list[Cell], cols, base: dict, arm_ids: tuple[str, ...],
                  comparison: str) -> list[dict]:
    """Statistics rows for the effect columns of one row; a p-value cell of the same row goes to
    the row's single effect (and is then not a row of its own)."""
    out = []
    eff = [(c, col) for c, col in zip(cells, cols) if col.role == "effect" and not _blank(c) and parse_effect(c.text)]
    ps = [(c, col) for c, col in zip(cells, cols) if col.role == "pvalue" and parse_p_cell(c.text)]
    for c, col in eff:
        est, lo, hi = parse_effect(c.text)
        etype = effect_type(col.header)
        if etype and "ratio" in etype and min(est, lo) <= 0:
            # a ratio is positive: the column also holds differences ('Odds ratios and mean
            # differences'), and a row of means ('Mean (SD) birth weight') has a mean difference
            etype = "mean difference" if value_hint(r.label, r.row_group) == "mean" else "difference"
        d = dict(base, comparison=comparison, arm_ids=arm_ids, timepoint=base.get("timepoint"), estimate=est,
                 estimate_type=etype, ci_level=_ci_level(col.header), ci_low=lo, ci_high=hi,
                 p_operator=None, p_value=None, p_text=None, evidence=_ev(doc, c), p_start=None, p_end=None)
        if len(eff) == 1 and len(ps) == 1:
            pc = ps[0][0]
            pv = parse_p_cell(pc.text)
            d.update(p_operator=pv[0], p_value=pv[1], p_text=pc.text, p_start=pc.start, p_end=pc.end)
        out.append(d)
    return out


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
                base = dict(table_id=t.table_id, table_caption=t.caption, row_group=r.row_group, variable=r.variable, category=r.category)
                tp = _row_timepoint(r)
                effects = _effect_stats(doc, t, r, cells, mapping, dict(base, timepoint=tp), all_ids, "between-groups")
                stats.extend(effects)
                p_used = any(d["p_value"] is not None for d in effects)
                for c, col in zip(cells, mapping):
                    if col.role == "arm":
                        if _blank(c):
                            continue
                        hint = value_hint(r.label, r.row_group, col.header, t.caption)
                        meas.append(dict(base, section=t.section, arm_label=col.arm_label,
                                         arm_id=_arm_for(col.arm_label, col.arm_n, arms), timepoint=tp,
                                         value_text=c.text, unit=r.unit, evidence=_ev(doc, c),
                                         **parse_value(c.text, hint, r.unit)))
                    elif col.role == "pvalue" and not p_used and (pv := parse_p_cell(c.text)):
                        stats.append(dict(base, comparison="between-groups", arm_ids=all_ids, timepoint=tp,
                                          p_operator=pv[0], p_value=pv[1], p_text=c.text, evidence=_ev(doc, c)))
        elif t.layout == "columns-are-values":
            # a table whose columns are measures, not arms (results tables of methods papers):
            # every numeric cell is a measurement of the row, the column header as its category
            for r in t.rows:
                cells = list(r.cells)
                # a row without a label (its label is a cell spanning rows) is named by its first word cell
                name = r.variable or r.label or next((c.text for c, col in zip(cells, cols) if col.role == "other"
                                                      and c.text and not NUMERIC_CELL_RE.match(c.text)), None)
                base = dict(table_id=t.table_id, table_caption=t.caption, row_group=r.row_group, variable=name)
                effects = _effect_stats(doc, t, r, cells, cols, dict(base, category=r.category, timepoint=None), (), "unknown")
                stats.extend(effects)
                p_used = any(d["p_value"] is not None for d in effects)
                for c, col in zip(cells, cols):
                    if _blank(c) or not NUMERIC_CELL_RE.match(c.text) or len(re.findall(r"[A-Za-z]", c.text)) > 3:
                        continue  # words ('Severe preeclampsia N=32') are not measurements
                    if col.role in ("other", "timepoint"):
                        if not base["variable"]:
                            continue
                        category = " / ".join(x for x in (r.category, col.header if col.role == "other" else None) if x) or None
                        hint = value_hint(r.label, r.row_group, col.header, t.caption)
                        unit = r.unit or ("%" if re.search(r"\(%\)|%$", col.header) else None)
                        meas.append(dict(base, category=category, section=t.section, arm_label=None, arm_id=None,
                                         timepoint=col.timepoint, value_text=c.text, unit=unit, evidence=_ev(doc, c),
                                         **parse_value(c.text, hint, unit)))
                    elif col.role == "pvalue" and not p_used and (pv := parse_p_cell(c.text)):
                        stats.append(dict(base, category=r.category, comparison="unknown", arm_ids=(), timepoint=None,
                                          p_operator=pv[0], p_value=pv[1], p_text=c.text, evidence=_ev(doc, c)))
        else:
            time_cols = [c for c in cols if c.role == "timepoint"]
            for r in t.rows:
                arm_id = _arm_for(r.arm_label, None, arms)
                base = dict(table_id=t.table_id, table_caption=t.caption, row_group=r.row_group, variable=r.variable, category=r.category)
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
