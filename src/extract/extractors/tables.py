"""Flattened text tables: recognise them in running text and parse their rows and cells.

Papers converted to text keep a table as lines such as

    Table 1 Baseline characteristics
    Parameter ASC group (n = 54) Placebo group (n = 27) P-value
    Patient profile
    Age (years) 67.0 ± 9.0 66.6 ± 8.1 0.834

This module finds such blocks (caption + header, or a header made only of timepoint / p-value
column names), reads value cells from the right end of each line (so labels ending in numbers are
safe: at most as many cells as the header has columns are taken), joins wrapped row labels, and
resolves each row's place in the hierarchy (section heading, parent variable and category).
All functions are pure; offsets are into the document text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Cell, Column, Table, TableRow
from .common import NUM

_PM = r"(?:±|\+/-|\+-)"
# One value cell, matched at the end of a string (in match text).
CELL_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("mean_sd", re.compile(rf"(?:^|\s)(-?{NUM}\s*{_PM}\s*{NUM})\s*$")),
    ("median_iqr", re.compile(rf"(?:^|\s)(-?{NUM}\s*[\[(]\s*-?{NUM}\s*(?:–|-|to|,|;)\s*-?{NUM}\s*[\])])\s*$")),
    ("count_pct", re.compile(rf"(?:^|\s)(\d+\s*\(\s*{NUM}\s*%?\s*\))\s*$")),
    ("frac_pct", re.compile(rf"(?:^|\s)(\d+\s*/\s*\d+(?:\s*\(\s*{NUM}\s*%?\s*\))?)\s*$")),
    ("ineq", re.compile(rf"(?:^|\s)([<>≤≥]\s*{NUM})\s*$")),
    ("number", re.compile(rf"(?:^|\s)(-?{NUM}%?)\s*$")),
]

CAPTION_RE = re.compile(r"^\s*Table\s+(?P<id>[A-Z]?\d+[A-Za-z]?)\b\.?\s*(?P<rest>.*)$")
ARM_HEADER_RE = re.compile(r"(?P<label>[^()]*?)\s*\(\s*n\s*=\s*(?P<n>\d+)\s*\)")
TIME_COL_RE = re.compile(r"Baseline|\d+\s*(?:months?|weeks?|days?|years?)|(?:Week|Month|Day)\s*\d+", re.I)
P_COL_RE = re.compile(r"P[- ]?values?(?:\s+overall)?|P\b", re.I)
P_HEADER_RE = re.compile(r"P[- ]?values?(?:\s+overall)?", re.I)
END_RE = re.compile(r"^\s*(?:Note[s]?:|Abbreviations?:|\(Continues\)|\(Continued\)|Figure\s+\d|Fig\.\s*\d|Values are\b|Data are\b)")
FOOTER_RE = re.compile(r"^\s*(?:Notes?:|Abbreviations?:|Values are\b|Data are\b|[*†‡§]\s)")
SECTION_WORDS = re.compile(r"profile|history|endpoints|medications?|biochemical|hospitali[sz]ations?|characteristics|demographics|laboratory", re.I)
UNIT_RE = re.compile(
    r"^(?:years?|y|months?|days?|kg/m2|kg/m²|kg|cm|mm|m|mmHg|mm Hg|b\.?p\.?m\.?|bpm|mL|ml|L|%|g/dL|mg/dL|"
    r"[pnµμm]?mol/L|[pnµμm]?g/L|[pnµμm]?g/mL|mL/min(?:/1\.73 ?m2)?|mL/min/1\.73 m2|U/L|IU/L|points?|score|s|min|h|"
    r"mg|g|μg|µg|cells/μL|cells/µL|×10\^?9/L)$",
    re.I,
)
STUB_WORDS = ("parameter", "characteristic", "characteristics", "variable", "variables", "outcome",
              "outcomes", "serious adverse event", "adverse event", "adverse events", "event", "events")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str  # match text of the line (same length as the canonical line)

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def split_lines(mt: str) -> list[Line]:
    out, pos = [], 0
    for raw in mt.split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def split_cells(line: str, max_cells: int) -> tuple[str, list[tuple[str, int, int]]]:
    """Split `label v1 v2 ...`: returns (label, [(kind, start, end), ...]) with cells left to right.

    At most `max_cells` cells are taken from the right; offsets are relative to `line`.
    """
    cells: list[tuple[str, int, int]] = []
    rest = line.rstrip()
    while len(cells) < max_cells:
        for kind, pat in CELL_PATTERNS:
            m = pat.search(rest)
            if m:
                cells.append((kind, m.start(1), m.end(1)))
                rest = rest[: m.start(1)].rstrip()
                break
        else:
            break
    cells.reverse()
    return rest.strip(), cells


def parse_header(line: Line) -> list[Column] | None:
    """Columns of a header line, or None when the line is not a header."""
    t = line.text
    if len(t) > 300 or not t.strip():
        return None  # a paragraph, not a header row
    cols: list[Column] = []
    arms = list(ARM_HEADER_RE.finditer(t)) if re.search(r"\(\s*n\s*=", t) else []
    if len(arms) >= 2:
        prev = 0
        for m in arms:
            label = _arm_label(t[prev:m.start("n")].rsplit("(", 1)[0])
            cols.append(Column(header=f"{label} (n = {m.group('n')})", role="arm", arm_label=label,
                               arm_n=int(m.group("n")), start=line.start + m.start(), end=line.start + m.end()))
            prev = m.end()
        tail = t[prev:].strip()
        if tail and P_COL_RE.fullmatch(tail):
            off = t.index(tail, prev)
            cols.append(Column(header=tail, role="pvalue", start=line.start + off, end=line.start + off + len(tail)))
        return cols
    # a header made only of timepoint and p-value column names
    pos = 0
    s = t
    while pos < len(s):
        while pos < len(s) and s[pos].isspace():
            pos += 1
        if pos >= len(s):
            break
        m = TIME_COL_RE.match(s, pos)
        if m:
            cols.append(Column(header=m.group(0), role="timepoint", timepoint=m.group(0),
                               start=line.start + m.start(), end=line.start + m.end()))
            pos = m.end()
            continue
        m = P_HEADER_RE.match(s, pos)
        if m:
            cols.append(Column(header=m.group(0), role="pvalue", start=line.start + m.start(), end=line.start + m.end()))
            pos = m.end()
            continue
        return None
    if sum(c.role == "timepoint" for c in cols) >= 2:
        return cols
    return None


def _arm_label(segment: str) -> str:
    s = " ".join(segment.split())
    low = s.lower()
    for stub in sorted(STUB_WORDS, key=len, reverse=True):
        if low.startswith(stub + " "):
            s = s[len(stub) + 1:]
            break
    words = s.split()
    if len(words) > 2 and words[-1].lower() in ("group", "arm", "cohort"):
        s = " ".join(words[-2:])
    return s


def table_section(caption: str | None) -> str:
    c = (caption or "").lower()
    if re.search(r"adverse|safety|side[- ]effect|complication|toxicit", c):
        return "adverse-event"
    if re.search(r"baseline characteristics|demographic|characteristics", c):
        return "baseline"
    if re.search(r"outcome|endpoint|end point|follow[- ]up|result|efficacy|questionnaire|change|score", c):
        return "outcome"
    if "baseline" in c:
        return "baseline"
    return "other"


def _split_label_unit(label: str) -> tuple[str, str | None, str | None]:
    """'Age (years)' -> ('Age', None, 'years'); 'Gender (male)' -> ('Gender', 'male', None)."""
    m = re.match(r"^(?P<base>.*?)\s*\((?P<par>[^()]*)\)\s*$", label)
    if not m or not m.group("base"):
        return label, None, None
    par = m.group("par").strip()
    if UNIT_RE.match(par):
        return m.group("base"), None, par
    return m.group("base"), par, None


def _is_heading(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(t) <= 80 and not t.endswith(".") and len(t.split()) <= 10


def find_tables(text: str, mt: str) -> list[Table]:
    """All flattened tables in a document (text: canonical, mt: its match text)."""
    lines = split_lines(mt)
    tables: list[Table] = []
    i = 0
    pending_caption: tuple[str, str, int] | None = None
    while i < len(lines):
        ln = lines[i]
        cap = CAPTION_RE.match(ln.text)
        if cap:
            j = i + 1
            while j < len(lines) and lines[j].blank:
                j += 1
            cols = parse_header(lines[j]) if j < len(lines) else None
            if cols:
                caption = " ".join(text[ln.start:ln.end].split())
                t, i = _read_table(text, lines, j, cols, f"Table {cap.group('id')}", caption, ln.start)
                if t:
                    tables.append(t)
                continue
        cols = parse_header(ln) if not ln.blank else None
        if cols and any(c.role == "timepoint" for c in cols):
            # an uncaptioned table: its caption may follow a '(Continues)' marker
            t, i = _read_table(text, lines, i, cols, None, None, ln.start)
            if t:
                tables.append(t)
            continue
        i += 1
    return _resolve_continued(text, lines, tables)


def _resolve_continued(text: str, lines: list[Line], tables: list[Table]) -> list[Table]:
    out = []
    for k, t in enumerate(tables):
        if t.table_id.startswith("?"):
            nxt = tables[k + 1] if k + 1 < len(tables) else None
            if nxt is not None and nxt.caption and not nxt.table_id.startswith("?") and nxt.start - t.end < 400:
                t = Table(nxt.table_id, nxt.caption, nxt.section, t.start, t.end, t.columns, t.rows, t.layout)
            else:
                t = Table(f"Table ?{k + 1}", None, table_section(None), t.start, t.end, t.columns, t.rows, t.layout)
        out.append(t)
    return out


def _read_table(text: str, lines: list[Line], hdr: int, cols: list[Column], table_id: str | None,
                caption: str | None, start: int) -> tuple[Table | None, int]:
    """Read rows after header line `hdr`; return the table and the index of the next line."""
    n_cols = len(cols)
    rows_are_arms = not any(c.role == "arm" for c in cols)
    n_time = sum(c.role == "timepoint" for c in cols)
    rows: list[TableRow] = []
    section: str | None = None  # section heading in scope
    parent: str | None = None  # parent-variable heading in scope
    parent_has_rows = False
    pending_label: list[tuple[int, int, str]] = []  # label-only lines waiting for their values
    variable_heading: str | None = None  # rows-are-arms: the variable above the arm rows
    in_p_rows = False
    i = hdr + 1
    end = lines[hdr].end
    while i < len(lines):
        ln = lines[i]
        if ln.blank:
            if parent and parent_has_rows:
                parent, parent_has_rows = None, False
            i += 1
            continue
        if END_RE.match(ln.text) or CAPTION_RE.match(ln.text) or parse_header(ln):
            if re.match(r"^\s*\((?:Continues|Continued)\)", ln.text):
                end = ln.end
                i += 1
            # the table's footer (notes, abbreviations) belongs to the table, not the running text
            while i < len(lines) and FOOTER_RE.match(lines[i].text):
                while i < len(lines) and not lines[i].blank:
                    end = lines[i].end
                    i += 1
                while i < len(lines) and lines[i].blank:
                    i += 1
            break
        label, cells = split_cells(ln.text, n_cols)
        if not cells:
            if not _is_heading(ln.text):
                break
            pending_label.append((ln.start + (len(ln.text) - len(ln.text.lstrip())), ln.end, ln.text.strip()))
            i += 1
            continue
        # a line with values: resolve the pending label-only lines
        label_start = ln.start + (len(ln.text) - len(ln.text.lstrip()))
        label_end = label_start + len(label)
        if not label and pending_label:
            # wrapped label: the label-only lines since the last data row are its parts
            parts = [p[2] for p in pending_label]
            label = parts[0]
            for p in parts[1:]:
                label = label + p if label.endswith("/") else f"{label} {p}"
            label_start, label_end = pending_label[0][0], pending_label[-1][1]
            pending_label = []
        for ps, pe, ptxt in pending_label:
            head = ptxt.rstrip(":").strip()
            if rows_are_arms:
                variable_heading = head
                in_p_rows = False
            elif ptxt.endswith(":") or SECTION_WORDS.search(ptxt):
                section, parent, parent_has_rows = head, None, False
            else:
                parent, parent_has_rows = head, False
        pending_label = []
        cell_objs = tuple(Cell(text[ln.start + a: ln.start + b], ln.start + a, ln.start + b) for _, a, b in cells)
        if rows_are_arms:
            is_p_label = bool(re.match(r"^P[- ]?values?\b", label, re.I))
            if is_p_label:
                in_p_rows = True
                arm = re.sub(r"^P[- ]?values?\b.*(?:follow[- ]up|baseline)\s*", "", label, flags=re.I).strip() or None
            else:
                arm = label
            kind = "pvalues" if (is_p_label or (in_p_rows and len(cell_objs) < n_time)) else "values"
            if kind == "values":
                in_p_rows = False
            rows.append(TableRow(label=label, label_start=label_start, label_end=label_end, cells=cell_objs,
                                 variable=variable_heading, arm_label=arm, kind=kind))
        else:
            base, category, unit = _split_label_unit(label)
            if parent:
                variable, category2 = parent, base if category is None else f"{base} ({category})"
                rows.append(TableRow(label, label_start, label_end, cell_objs, row_group=section,
                                     variable=variable, category=category2, unit=unit))
                parent_has_rows = True
            else:
                rows.append(TableRow(label, label_start, label_end, cell_objs, row_group=section,
                                     variable=base, category=category, unit=unit))
        end = ln.end
        i += 1
    if not rows:
        return None, i
    tid = table_id or f"?{start}"
    return Table(tid, caption, table_section(caption), start, end, tuple(cols), tuple(rows),
                 "rows-are-arms" if rows_are_arms else "columns-are-arms"), i
