"""The curator review page: one static HTML file from an output folder's Parquet tables.

`write_report(out_dir)` reads DIR/<table>/*.parquet and writes DIR/report.html (or `dest`):
a header with counts and every failed/partial/skipped document with its error, a filter, then
one collapsible section per document with its trial, arms, endpoints, statistics, measurements
and quarantined rows, next to the document's text in which every value's evidence is marked.

Evidence links: the value of row R of table T in document D points at `#ev-T-D-R` (R is the
arm, endpoint or statistic id, `m<k>` for the k-th measurement of the document, `q<k>` for a
quarantined row; a trial's fragment is `#ev-trials-D`; a p-value lying outside its statistic's
span has `#ev-statistics-D-s<k>-p`). That id is an anchor at the start of the evidence in the
text; the page's small script opens the document, adds the class `hl` to every marked piece of
that evidence and scrolls to it, on load and on every hash change. Without script the first
piece is still highlighted by CSS `:target`.

Security: every piece of document text and every value is passed through html.escape; evidence
spans are highlighted by escaping the text before, inside and after each span separately (the
offsets refer to the unescaped text). The page loads nothing: inline CSS and script only.

No Prefect here: the flow calls `write_report` after a run.
"""

from __future__ import annotations

import base64
import glob
import hashlib
import json
import math
import os
import re
import time
import uuid
from collections import defaultdict
from html import escape
from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from .errors import TrialxError

TABLES = ["documents", "texts", "trials", "arms", "endpoints", "statistics", "measurements", "quarantine"]
STATUS_ORDER = {"failed": 0, "partial": 1, "skipped": 2, "ok": 3}
# A text longer than this is shown as excerpts around its evidence (the rest is left out, said so).
MAX_TEXT_CHARS = 200_000
EXCERPT_CONTEXT = 400


class ReportError(TrialxError):
    """The output folder holds no tables to report on."""


# --------------------------------------------------------------------------- reading


def _files(out_dir: Path, name: str) -> list[str]:
    return sorted(glob.glob(os.path.join(glob.escape(str(out_dir / name)), "*.parquet")))


def _read_table(out_dir: Path, name: str, doc_ids: list[str] | None = None) -> list[dict] | None:
    """Rows of DIR/<name>/*.parquet (through the path: DIR/<name> may be a symlink); None if absent.
    With `doc_ids`, only those documents' rows."""
    files = _files(out_dir, name)
    if not files:
        return None
    flt = [("doc_id", "in", doc_ids)] if doc_ids is not None else None
    parts = [pq.read_table(f, filters=flt) for f in files]
    table = parts[0] if len(parts) == 1 else pa.concat_tables(parts, promote_options="default")
    return table.to_pylist()


def read_tables(out_dir: Path) -> dict[str, list[dict]]:
    if not out_dir.is_dir():
        raise ReportError(f"{out_dir}: no such folder (give the output folder of `trialx run --out DIR`)")
    tables = {name: _read_table(out_dir, name) for name in TABLES}
    if tables["documents"] is None:
        found = [n for n, rows in tables.items() if rows is not None]
        extra = f" (found only: {', '.join(found)})" if found else ""
        raise ReportError(f"{out_dir}: no trialx tables found (expected {out_dir}/documents/*.parquet){extra}; "
                          "run `trialx run ... --out DIR` first")
    return {name: rows or [] for name, rows in tables.items()}


# --------------------------------------------------------------------------- formatting


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, (list, tuple)) and not v)


def fmt(v: Any) -> str:
    """A value as plain text (not yet escaped)."""
    if _missing(v):
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else f"{v:.6g}"
    if isinstance(v, (list, tuple)):
        return ", ".join(fmt(x) for x in v)
    return str(v)


def _safe_id(s: Any) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", str(s))


class _Span:
    __slots__ = ("key", "frag", "start", "end", "ok", "note")

    def __init__(self, key: str, frag: str, start: Any, end: Any, n: int, expected: str | None, text: str):
        self.key, self.frag = key, frag
        self.note = ""
        self.ok = isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= n
        if not self.ok:
            self.note = f"evidence offsets {start}-{end} lie outside the text ({n} characters)"
            start = end = 0
        elif expected is not None and text[start:end] != expected:
            self.note = "evidence_text differs from the text at these offsets"
        self.start, self.end = start, end


class _Doc:
    """Builds one document's section: value tables with links, and the marked text."""

    def __init__(self, doc: dict, text: str | None):
        self.doc = doc
        self.id = _safe_id(doc["doc_id"])
        self.text = text
        self.spans: list[_Span] = []
        self.keys: set[str] = set()

    def span(self, table: str, key: str, start: Any, end: Any, expected: str | None = None) -> _Span | None:
        if self.text is None:
            return None
        key = _safe_id(key)
        base, i = key, 1
        while key in self.keys:  # never two anchors with one id
            i += 1
            key = f"{base}_{i}"
        self.keys.add(key)
        frag = f"ev-{table}-{self.id}" if table == "trials" else f"ev-{table}-{self.id}-{key}"
        sp = _Span(key, frag, start, end, len(self.text), expected, self.text)
        self.spans.append(sp)
        return sp

    # ---- text with marks

    def marked_text(self) -> str:
        text = self.text or ""
        spans = [s for s in self.spans if s.ok]
        if len(text) > MAX_TEXT_CHARS:
            windows = _merge((max(0, s.start - EXCERPT_CONTEXT), min(len(text), s.end + EXCERPT_CONTEXT)) for s in spans)
            if not windows:
                windows = [(0, min(len(text), EXCERPT_CONTEXT * 5))]
        else:
            windows = [(0, len(text))]
        out: list[str] = []
        pos = 0
        for ws, we in windows:
            if ws > pos:
                out.append(f'<span class="gap">[… {ws - pos:,} characters not shown …]</span>\n')
            out.append(self._mark(text, ws, we, spans))
            pos = we
        if pos < len(text):
            out.append(f'\n<span class="gap">[… {len(text) - pos:,} characters not shown …]</span>')
        return "".join(out)

    def _mark(self, text: str, lo: int, hi: int, spans: list[_Span]) -> str:
        """text[lo:hi] escaped, each evidence piece in <mark data-ev="keys">, anchors at span starts."""
        inside = [s for s in spans if s.start < hi and s.end > lo or (s.start == s.end and lo <= s.start <= hi)]
        bounds = {lo, hi}
        starts: dict[int, list[_Span]] = defaultdict(list)
        for s in inside:
            a, b = max(s.start, lo), min(s.end, hi)
            bounds.update((a, b))
            starts[a].append(s)
        cuts = sorted(bounds)
        # sweep: spans active over each piece [cuts[i], cuts[i+1])
        by_start = sorted((s for s in inside if s.end > s.start), key=lambda s: s.start)
        active: list[_Span] = []
        j = 0
        out: list[str] = []
        for i, a in enumerate(cuts):
            for s in starts.get(a, ()):
                out.append(f'<a class="ea" id="{s.frag}" data-k="{s.key}"></a>')
            if i + 1 == len(cuts):
                break
            b = cuts[i + 1]
            while j < len(by_start) and by_start[j].start <= a:
                active.append(by_start[j])
                j += 1
            active = [s for s in active if s.end > a]
            piece = escape(text[a:b])
            if active:
                out.append(f'<mark data-ev="{" ".join(s.key for s in active)}">{piece}</mark>')
            else:
                out.append(piece)
        return "".join(out)


def _merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _link(frag: str | None, value: Any, title: str | None = None) -> str:
    s = escape(fmt(value))
    if not s:
        return ""
    if frag is None:
        return s
    t = f' title="{escape(title)}"' if title else ""
    return f'<a href="#{frag}"{t}>{s}</a>'


def _ev_cell(sp: _Span | None, row: dict) -> str:
    """The evidence column: the evidence text (escaped, shortened) linking to the span, and any problem."""
    ev = " ".join(str(row.get("evidence_text") or "").split())
    if len(ev) > 70:
        ev = ev[:67] + "…"
    page = f' <span class="pg">p.{escape(fmt(row.get("page")))}</span>' if not _missing(row.get("page")) else ""
    if sp is None:
        return f"<td class=\"ev\">{escape(ev)}{page}</td>"
    warn = f' <span class="warn" title="{escape(sp.note)}">⚠ {escape(sp.note)}</span>' if sp.note else ""
    href = sp.frag if sp.ok else None
    return f'<td class="ev">{_link(href, ev or "(empty)")}{page}{warn}</td>'


def _table(head: list[str], rows: list[str], cls: str) -> str:
    h = "".join(f"<th>{escape(c)}</th>" for c in head)
    return f'<table class="{cls}"><thead><tr>{h}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _row(sp: _Span | None, cells: list[str], row: dict) -> str:
    k = f' data-k="{sp.key}"' if sp is not None and sp.ok else ""
    return f"<tr{k}>" + "".join(f"<td>{c}</td>" for c in cells) + _ev_cell(sp, row) + "</tr>"


# --------------------------------------------------------------------------- sections


TRIAL_FIELDS = [
    ("registry_ids", "registry ids"), ("acronym", "acronym"), ("randomized", "randomised"), ("blinding", "blinding"),
    ("placebo_controlled", "placebo-controlled"), ("single_arm", "single arm"), ("crossover", "crossover"),
    ("cluster_randomized", "cluster-randomised"), ("phase", "phase"), ("multicentre", "multicentre"),
    ("allocation_ratio", "allocation ratio"), ("total_enrolled", "total enrolled"),
    ("planned_enrolment", "planned enrolment"), ("follow_up", "follow-up"), ("condition", "condition"),
]


def _trial_html(d: _Doc, trial: dict | None) -> str:
    if trial is None:
        return '<h4>Trial</h4><p class="none">no trial extracted</p>'
    sp = d.span("trials", "t", trial.get("char_start"), trial.get("char_end"), trial.get("evidence_text"))
    href = sp.frag if sp is not None and sp.ok else None
    items = []
    for col, label in TRIAL_FIELDS:
        v = trial.get(col)
        if _missing(v):
            continue
        items.append(f"<dt>{escape(label)}</dt><dd>{_link(href, v)}</dd>")
    ev = _table(["evidence"], [f"<tr>{_ev_cell(sp, trial)}</tr>"], "vals trial-ev")
    dl = f'<dl class="trial">{"".join(items)}</dl>' if items else '<p class="none">no design facts stated</p>'
    return f"<h4>Trial</h4>{dl}{ev}"


def _arms_html(d: _Doc, rows: list[dict]) -> str:
    if not rows:
        return ""
    out = []
    for r in rows:
        sp = d.span("arms", r.get("arm_id") or "a", r.get("char_start"), r.get("char_end"), r.get("evidence_text"))
        f = sp.frag if sp and sp.ok else None
        out.append(_row(sp, [_link(f, r.get("arm_id")), _link(f, r.get("label")), escape(fmt(r.get("role"))),
                             _link(f, r.get("n")), escape(fmt(r.get("intervention"))), escape(fmt(r.get("dose"))),
                             escape(fmt(r.get("route")))], r))
    return f"<h4>Arms ({len(rows)})</h4>" + _table(["id", "label", "role", "n", "intervention", "dose", "route", "evidence"], out, "vals")


def _endpoints_html(d: _Doc, rows: list[dict]) -> str:
    if not rows:
        return ""
    out = []
    for r in rows:
        sp = d.span("endpoints", r.get("endpoint_id") or "e", r.get("char_start"), r.get("char_end"), r.get("evidence_text"))
        f = sp.frag if sp and sp.ok else None
        out.append(_row(sp, [_link(f, r.get("endpoint_id")), escape(fmt(r.get("kind"))), _link(f, r.get("name")),
                             escape(fmt(r.get("timepoint")))], r))
    return f"<h4>Endpoints ({len(rows)})</h4>" + _table(["id", "kind", "name", "timepoint", "evidence"], out, "vals")


def _effect(r: dict) -> str:
    est = fmt(r.get("estimate"))
    parts = []
    if est:
        parts.append(f"{fmt(r.get('estimate_type')) + ' ' if r.get('estimate_type') else ''}{est}")
    if not _missing(r.get("ci_low")) or not _missing(r.get("ci_high")):
        lvl = fmt(r.get("ci_level"))
        parts.append(f"({lvl + '% ' if lvl else ''}CI {fmt(r.get('ci_low'))} to {fmt(r.get('ci_high'))})")
    return " ".join(parts)


def _statistics_html(d: _Doc, rows: list[dict]) -> str:
    if not rows:
        return ""
    out = []
    for r in rows:
        key = r.get("stat_id") or "s"
        sp = d.span("statistics", key, r.get("char_start"), r.get("char_end"), r.get("evidence_text"))
        f = sp.frag if sp and sp.ok else None
        pf = f
        ps, pe = r.get("p_char_start"), r.get("p_char_end")
        if sp is not None and isinstance(ps, int) and isinstance(pe, int) and not (sp.ok and sp.start <= ps and pe <= sp.end):
            psp = d.span("statistics", f"{key}-p", ps, pe)  # the p-value lies outside the statistic's span
            if psp is not None and psp.ok:
                pf = psp.frag
        p = _link(pf, r.get("p_text"), title=f"p {fmt(r.get('p_operator'))} {fmt(r.get('p_value'))}" if not _missing(r.get("p_value")) else None)
        if r.get("is_threshold"):
            p += ' <span class="tag">threshold</span>'
        src = escape(fmt(r.get("table_id")) if r.get("source") == "table" else fmt(r.get("source")))
        what = " · ".join(escape(fmt(r.get(c))) for c in ("variable", "row_group", "category") if not _missing(r.get(c)))
        cmp = escape(fmt(r.get("arm_ids"))) + (f' <span class="dim">{escape(fmt(r.get("comparison")))}</span>' if r.get("comparison") else "")
        out.append(_row(sp, [_link(f, key), escape(fmt(r.get("endpoint_id"))), cmp, what, escape(fmt(r.get("timepoint"))),
                             _link(f, _effect(r)), p, src], r))
    return f"<h4>Statistics ({len(rows)})</h4>" + _table(
        ["id", "endpoint", "arms", "variable", "timepoint", "effect (CI)", "p", "source", "evidence"], out, "vals")


def _parsed(r: dict) -> str:
    bits = []
    if not _missing(r.get("mean")):
        bits.append(f"mean {fmt(r['mean'])}" + (f" ± {fmt(r['sd'])}" if not _missing(r.get("sd")) else ""))
    if not _missing(r.get("median")):
        bits.append(f"median {fmt(r['median'])}")
    if not _missing(r.get("q1")) or not _missing(r.get("q3")):
        bits.append(f"[{fmt(r.get('q1'))}, {fmt(r.get('q3'))}]")
    if not _missing(r.get("count")):
        bits.append(f"n {fmt(r['count'])}")
    if not _missing(r.get("percent")):
        bits.append(f"{fmt(r['percent'])}%")
    if r.get("unit"):
        bits.append(fmt(r["unit"]))
    return escape(" ".join(bits))


def _measurements_html(d: _Doc, rows: list[dict]) -> str:
    if not rows:
        return ""
    out = []
    for k, r in enumerate(rows, 1):
        sp = d.span("measurements", f"m{k}", r.get("char_start"), r.get("char_end"), r.get("evidence_text"))
        f = sp.frag if sp and sp.ok else None
        table = escape(fmt(r.get("table_id")))
        if r.get("table_caption"):
            table = f'<span title="{escape(fmt(r["table_caption"]))}">{table or "caption"}</span>'
        what = " · ".join(escape(fmt(r.get(c))) for c in ("row_group", "variable", "category") if not _missing(r.get(c)))
        arm = escape(fmt(r.get("arm_label"))) + (f' <span class="dim">({escape(fmt(r["arm_id"]))})</span>' if r.get("arm_id") else "")
        out.append(_row(sp, [_link(f, f"m{k}"), table, escape(fmt(r.get("section"))), what, arm,
                             escape(fmt(r.get("timepoint"))), _link(f, r.get("value_text")), _parsed(r)], r))
    return f"<h4>Measurements ({len(rows)})</h4>" + _table(
        ["#", "table", "section", "variable", "arm", "timepoint", "value", "parsed", "evidence"], out, "vals")


def _quarantine_html(d: _Doc, rows: list[dict]) -> str:
    if not rows:
        return ""
    out = []
    for k, r in enumerate(rows, 1):
        try:
            row = json.loads(r.get("row") or "{}")
        except ValueError:
            row = {}
        if not isinstance(row, dict):
            row = {}
        sp = None
        if "char_start" in row:
            sp = d.span("quarantine", f"q{k}", row.get("char_start"), row.get("char_end"), row.get("evidence_text"))
        shown = {c: v for c, v in row.items() if c not in ("doc_id", "evidence_text", "char_start", "char_end", "page") and not _missing(v)}
        out.append(_row(sp, [escape(fmt(r.get("table"))), escape(fmt(r.get("check"))), escape(fmt(r.get("column"))),
                             f'<code>{escape(json.dumps(shown, ensure_ascii=False, default=str))}</code>'], row))
    return f'<h4 class="bad">Quarantined rows ({len(rows)})</h4>' + _table(["table", "check", "column", "row", "evidence"], out, "vals quar")


# --------------------------------------------------------------------------- page

CSS = """
*{box-sizing:border-box}
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
header{background:#fff;border-bottom:1px solid #d0d7de;padding:12px 20px}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:16px;margin:16px 0 6px}
h4{margin:12px 0 4px;font-size:13px;text-transform:uppercase;letter-spacing:.03em;color:#444}
main{padding:8px 20px 40px}
.counts span{display:inline-block;margin-right:14px}
.st{display:inline-block;min-width:54px;text-align:center;border-radius:3px;padding:0 5px;font-size:12px;font-weight:600;color:#fff}
.st-ok{background:#2da44e}.st-partial{background:#bf8700}.st-failed{background:#cf222e}.st-skipped{background:#6e7781}
#problems{background:#fff5f5;border:2px solid #cf222e;border-radius:6px;padding:8px 14px;margin:12px 0}
#problems h2{color:#a40e26;margin-top:4px}
#problems li{margin:3px 0}
.err{color:#a40e26;font-weight:600;white-space:pre-wrap}
.errbox{background:#fff5f5;border:2px solid #cf222e;border-radius:4px;padding:6px 10px;margin:8px 0}
.filter{margin:10px 0;display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.filter input[type=search]{width:340px;padding:4px 6px}
details.doc{background:#fff;border:1px solid #d0d7de;border-radius:4px;margin:3px 0}
details.doc.nok{border-left:6px solid #cf222e}
details.doc.partial{border-left-color:#bf8700}
details.doc.skipped{border-left-color:#6e7781}
summary{cursor:pointer;padding:4px 8px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
summary .fn{font-weight:600}
summary .dim,.dim{color:#656d76}
summary .err{font-weight:400}
.body{display:grid;grid-template-columns:minmax(0,1.4fr) minmax(0,1fr);gap:14px;padding:6px 10px 12px;border-top:1px solid #eaeef2}
.valcol{overflow-x:auto}
.meta{color:#656d76;font-size:12px;word-break:break-all}
dl.trial{display:grid;grid-template-columns:max-content 1fr;gap:1px 12px;margin:4px 0}
dl.trial dt{color:#656d76}dl.trial dd{margin:0}
table.vals{border-collapse:collapse;width:100%;font-size:12.5px;margin-bottom:4px}
table.vals th,table.vals td{border:1px solid #eaeef2;padding:2px 5px;vertical-align:top;text-align:left}
table.vals th{background:#f6f8fa;font-weight:600}
table.vals tr[data-k]{cursor:pointer}
table.vals tr.cur td{background:#fff8c5}
td.ev{color:#57606a;font-size:12px}
table.vals a,dl.trial a{color:#0550ae;text-decoration:none}table.vals a:hover,dl.trial a:hover{text-decoration:underline}
.warn{color:#9a6700}
.tag{background:#eaeef2;border-radius:3px;padding:0 4px;font-size:11px}
.none{color:#8c959f;margin:2px 0}
h4.bad{color:#a40e26}
.textcol{position:relative}
pre.text{position:sticky;top:6px;max-height:85vh;overflow:auto;white-space:pre-wrap;word-wrap:break-word;
  font:12.5px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#fbfbfc;border:1px solid #d0d7de;border-radius:4px;padding:8px;margin:4px 0}
pre.text mark{background:#ddf4ff;color:inherit;border-bottom:1px solid #54aeff}
pre.text mark.hl,a.ea:target+mark{background:#ffd33d;outline:2px solid #bf8700;border-bottom:0}
.gap{color:#8c959f;font-style:italic}
@media (max-width:900px){.body{grid-template-columns:1fr}pre.text{position:static}}
"""

JS = r"""
(function(){
  function clear(){
    document.querySelectorAll('.hl').forEach(function(e){e.classList.remove('hl')});
    document.querySelectorAll('tr.cur').forEach(function(e){e.classList.remove('cur')});
  }
  function go(){
    var id=location.hash.slice(1);
    try{id=decodeURIComponent(id)}catch(e){}
    if(!id)return;
    var t=document.getElementById(id);
    if(!t)return;
    var d=t.closest('details');
    if(d)d.open=true;
    if(t.tagName==='DETAILS'){t.open=true;t.scrollIntoView({block:'start'});return}
    var k=t.getAttribute('data-k');
    if(!k||!d)return;
    clear();
    var ms=d.querySelectorAll('mark[data-ev~="'+k+'"]');
    ms.forEach(function(m){m.classList.add('hl')});
    var rows=d.querySelectorAll('tr[data-k="'+k+'"]');
    rows.forEach(function(r){r.classList.add('cur')});
    var first=ms[0]||t,pre=first.closest('pre');
    (rows[0]||pre||first).scrollIntoView({block:rows[0]?'center':'start'});
    if(pre)pre.scrollTop+=first.getBoundingClientRect().top-pre.getBoundingClientRect().top-pre.clientHeight/3;
    document.documentElement.setAttribute('data-target',id);
  }
  document.addEventListener('click',function(e){
    var a=e.target.closest('a');
    if(a){if(a.getAttribute('href')===location.hash)go();return}
    var r=e.target.closest('tr[data-k]');
    if(!r)return;
    var link=r.querySelector('a[href^="#ev-"]');
    if(link)location.hash=link.getAttribute('href').slice(1);
  });
  var q=document.getElementById('q'),s=document.getElementById('fs');
  function filt(){
    var v=q.value.toLowerCase(),st=s.value,n=0;
    document.querySelectorAll('details.doc').forEach(function(d){
      var show=(!st||d.getAttribute('data-status')===st)&&(!v||(d.id+' '+d.firstElementChild.textContent).toLowerCase().indexOf(v)>=0);
      d.hidden=!show;if(show)n++;
    });
    document.getElementById('nshown').textContent=n;
  }
  if(q){q.addEventListener('input',filt);s.addEventListener('change',filt)}
  window.addEventListener('hashchange',go);
  go();
  // the browser's own jump to the fragment comes after this script: place the evidence again
  window.addEventListener('load',function(){setTimeout(go,0)});
})();
"""

SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(JS.encode("utf-8")).digest()).decode("ascii")


def _doc_section(doc: dict, text: str | None, by: dict[str, list[dict]]) -> str:
    d = _Doc(doc, text)
    status = str(doc.get("status") or "")
    name = Path(str(doc.get("source_uri") or doc["doc_id"])).name
    trials = by["trials"]
    body = [
        f'<div class="meta">{escape(str(doc.get("source_uri") or ""))} · doc_id {escape(str(doc["doc_id"]))} · '
        f'{escape(fmt(doc.get("source_format")))}'
        + (f" · {escape(fmt(doc.get('n_pages')))} pages" if not _missing(doc.get("n_pages")) else "")
        + (f" · {escape(fmt(doc.get('n_chars')))} characters" if not _missing(doc.get("n_chars")) else "")
        + f' · {escape(fmt(doc.get("pipeline_version")))}</div>'
    ]
    if doc.get("title"):
        body.append(f'<div><b>{escape(str(doc["title"]))}</b></div>')
    if status != "ok" or doc.get("error"):
        body.append(f'<div class="errbox"><span class="st st-{escape(status)}">{escape(status)}</span> '
                    f'<span class="err">{escape(str(doc.get("error") or "(no message)"))}</span></div>')
    body.append(_trial_html(d, trials[0] if trials else None))
    body += [_arms_html(d, by["arms"]), _endpoints_html(d, by["endpoints"]), _statistics_html(d, by["statistics"]),
             _measurements_html(d, by["measurements"]), _quarantine_html(d, by["quarantine"])]
    if text is None:
        textcol = '<p class="none">no text (the document was not read)</p>'
    else:
        textcol = f'<h4>Text</h4><pre class="text">{d.marked_text()}</pre>'
    counts = []
    for t, label in (("arms", "arms"), ("endpoints", "endpoints"), ("statistics", "stats"), ("measurements", "meas.")):
        if by[t]:
            counts.append(f"{len(by[t])} {label}")
    if by["quarantine"]:
        counts.append(f"{len(by['quarantine'])} quarantined")
    summary = (f'<span class="st st-{escape(status)}">{escape(status)}</span> <span class="fn">{escape(name)}</span>'
               f' <span class="dim">{escape(fmt(doc.get("document_type")) or "–")} · {escape(", ".join(counts) or "no values")}'
               + (f" · {escape(str(doc['title'])[:120])}" if doc.get("title") else "") + "</span>"
               + (f' <span class="err">{escape(str(doc["error"])[:200])}</span>' if doc.get("error") else ""))
    cls = "doc" + ("" if status == "ok" else f" nok {escape(status)}")
    return (f'<details class="{cls}" id="doc-{d.id}" data-status="{escape(status)}">'
            f'<summary>{summary}</summary><div class="body"><div class="valcol">{"".join(body)}</div>'
            f'<div class="textcol">{textcol}</div></div></details>\n')


def render_sections(tables: dict[str, list[dict]]) -> dict[str, str]:
    """doc_id -> the document's section of the page, for every row of tables["documents"] (the
    other tables hold the rows of those documents, e.g. one batch's)."""
    texts = {r["doc_id"]: r.get("text") for r in tables.get("texts") or []}
    grouped: dict[str, dict[str, list[dict]]] = defaultdict(lambda: {t: [] for t in TABLES})
    for t in ("trials", "arms", "endpoints", "statistics", "measurements", "quarantine"):
        for r in tables.get(t) or []:
            grouped[r.get("doc_id")][t].append(r)
    return {r["doc_id"]: _doc_section(r, texts.get(r["doc_id"]), grouped[r["doc_id"]]) for r in tables["documents"]}


def render(out_dir: Path, tables: dict[str, list[dict]], manifest: dict | None = None) -> str:
    return page(out_dir, tables["documents"], {t: len(tables[t]) for t in TABLES}, render_sections(tables), manifest)


def page(out_dir: Path, documents: list[dict], counts: dict[str, int], sections: dict[str, str],
         manifest: dict | None = None) -> str:
    """The page around the documents' sections: header counts, the documents that are not ok, filter."""
    docs = sorted(documents, key=lambda r: (str(r.get("source_uri") or ""), str(r["doc_id"])))
    by_status: dict[str, int] = defaultdict(int)
    for r in docs:
        by_status[str(r.get("status"))] += 1
    problems = sorted((r for r in docs if r.get("status") != "ok"), key=lambda r: (STATUS_ORDER.get(str(r.get("status")), 9), str(r.get("source_uri"))))

    parts = ['<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width,initial-scale=1">',
             # nothing may load (no network, no plug-ins), and the only script that may run is the page's
             # own (by its hash): even a piece of document text that escaped escaping could not execute
             f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
             f"script-src '{SCRIPT_HASH}'\">",
             f"<title>trialx review — {escape(str(out_dir))}</title><style>{CSS}</style></head><body>",
             f"<header><h1>trialx review: {escape(str(out_dir))}</h1><div class=\"counts\">"]
    parts.append(f"<span><b>{len(docs)}</b> documents</span>")
    for st in ("ok", "partial", "failed", "skipped"):
        if by_status.get(st):
            parts.append(f'<span><span class="st st-{st}">{st}</span> {by_status[st]}</span>')
    for t in ("trials", "arms", "endpoints", "statistics", "measurements", "quarantine"):
        parts.append(f"<span>{counts[t]} {t}</span>")
    parts.append("</div>")
    if manifest:
        bits = [f"{k} {manifest[k]}" for k in ("pipeline_version", "written_at") if manifest.get(k)]
        if bits:
            parts.append(f'<div class="meta">{escape(" · ".join(map(str, bits)))}</div>')
    parts.append("</header><main>")
    if problems:
        parts.append(f'<section id="problems"><h2>{len(problems)} document{"s" if len(problems) != 1 else ""} not ok</h2><ul>')
        for r in problems:
            st = escape(str(r.get("status")))
            parts.append(f'<li><span class="st st-{st}">{st}</span> <a href="#doc-{_safe_id(r["doc_id"])}">'
                         f'{escape(Path(str(r.get("source_uri") or r["doc_id"])).name)}</a>: '
                         f'<span class="err">{escape(str(r.get("error") or "(no message)"))}</span></li>')
        parts.append("</ul></section>")
    parts.append('<div class="filter"><input type="search" id="q" placeholder="filter: file name, title, error…">'
                 '<select id="fs"><option value="">all statuses</option>'
                 + "".join(f'<option value="{st}">{st}</option>' for st in ("ok", "partial", "failed", "skipped"))
                 + f'</select><span class="dim"><span id="nshown">{len(docs)}</span> shown · click a document to open it;'
                 " click a value to highlight its evidence in the text</span></div>")
    parts.append('<section id="docs">')
    parts += [sections[r["doc_id"]] for r in docs]
    parts.append(f"</section></main><script>{JS}</script></body></html>\n")
    return "".join(parts)


# Sections rendered ahead: a run renders each batch's document sections while the next batches are
# still being extracted (`save_sections` into the staged snapshot), so that writing the page at the
# commit only puts them in order. The folder is removed once the page is written.
SECTIONS = "_review"


def save_sections(folder: Path, part: str, sections: dict[str, str]) -> None:
    """Store one part's pre-rendered sections in a staged snapshot: the HTML one after the other,
    and an index of (doc_id, first byte, end byte). A retried part overwrites its own files."""
    d = Path(folder) / SECTIONS
    d.mkdir(exist_ok=True)
    blobs, index, pos = [], [], 0
    for doc_id, html in sections.items():
        b = html.encode("utf-8")
        index.append([doc_id, pos, pos + len(b)])
        blobs.append(b)
        pos += len(b)
    for name, data in ((f"{part}.html", b"".join(blobs)), (f"{part}.json", json.dumps(index).encode())):
        tmp = d / f".{name}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, d / name)


def load_sections(folder: Path) -> dict[str, str]:
    """The pre-rendered sections of a staged snapshot (empty when there are none)."""
    d = Path(folder) / SECTIONS
    out: dict[str, str] = {}
    for idx in sorted(d.glob("*.json")) if d.is_dir() else ():
        html = idx.with_suffix(".html").read_bytes()
        for doc_id, a, b in json.loads(idx.read_text()):
            out[doc_id] = html[a:b].decode("utf-8")
    return out


def _row_count(out_dir: Path, name: str) -> int:
    return sum(pq.ParquetFile(f).metadata.num_rows for f in _files(out_dir, name))


def write_report(out_dir: Path, dest: Path | None = None, name: Path | None = None) -> Path:
    """Write the review page for the tables in `out_dir` (default dest: out_dir/report.html); returns its path.

    Raises ReportError when out_dir holds no tables. The file is written to a temporary name and
    renamed, so a browser never opens a half-written page. A staged snapshot's pre-rendered
    sections (`save_sections`) are used as they are; only the documents without one are rendered
    from the tables (e.g. rows carried over from the previous snapshot). `name`: the folder the
    page names (a staged snapshot's page names the folder it is published as).
    """
    out_dir = Path(out_dir)
    manifest = None
    try:
        manifest = json.loads((out_dir / "_manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    manifest = manifest if isinstance(manifest, dict) else None
    ready = load_sections(out_dir) if out_dir.is_dir() else {}
    if not ready:
        html = render(name or out_dir, read_tables(out_dir), manifest)
    else:
        documents = _read_table(out_dir, "documents") or []
        missing = [r["doc_id"] for r in documents if r["doc_id"] not in ready]
        if missing:
            rest = {t: _read_table(out_dir, t, doc_ids=missing) or [] for t in TABLES}
            ready.update(render_sections(rest))
        html = page(name or out_dir, documents, {t: _row_count(out_dir, t) for t in TABLES}, ready, manifest)
    dest = Path(dest) if dest is not None else out_dir / "report.html"
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, dest)
    finally:
        if tmp.exists():
            tmp.unlink()
    return dest


if __name__ == "__main__":  # pragma: no cover
    import sys

    t0 = time.perf_counter()
    p = write_report(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
    print(f"{p}: {p.stat().st_size:,} bytes in {time.perf_counter() - t0:.2f}s")
