"""process_document(path) -> DocumentResult: parse + extract one file. No Prefect here.

Each stage is guarded: an exception in one extractor is recorded (stage, message) and the
document is `partial`; a file that cannot be read is `failed`; an unsupported type is `skipped`.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Callable, TypeVar

from .errors import InputError, UnsupportedFormat
from .extractors import arms as arms_x
from .extractors import design, doctype, endpoints as endpoints_x, statistics as stats_x, tables as tables_x
from .extractors.common import evidence, sentences
from .extractors.tablerecords import table_records
from .extractors.textmeasures import text_measurements
from .model import Document, DocumentResult, Measurement, StageError, Statistic, Trial, skipped_result  # noqa: F401 (re-exported)
from .nlp import abbreviations
from .parse.normalize import match_text
from .parse.reader import read_document, safe_uri
from .settings import Settings

T = TypeVar("T")
FIGURE_START_RE = re.compile(r"^\s*(?:Figure|Fig\.)\s+\d+[A-Za-z]?\b")
GENERIC_FIRST_LINES = {"abstract", "status and phase", "summary", "introduction", "background", "conditions",
                       "methods", "results", "about"}


def figure_captions(mt: str) -> list[tuple[int, int]]:
    """Spans of figure captions: from a line starting 'Figure N' to the first line that ends a
    sentence or precedes a blank line (converted papers often run a caption into the body text)."""
    spans, pos, lines = [], 0, mt.split("\n")
    offs = []
    for ln in lines:
        offs.append(pos)
        pos += len(ln) + 1
    k = 0
    while k < len(lines):
        if FIGURE_START_RE.match(lines[k]):
            j = k
            while j + 1 < len(lines) and not lines[j].rstrip().endswith(".") and lines[j + 1].strip() and j - k < 8:
                j += 1
            spans.append((offs[k], offs[j] + len(lines[j])))
            k = j + 1
        else:
            k += 1
    return spans


CITATION_RE = re.compile(r"\b(?:19|20)\d{2}\s*[;:]\s*\d+|\bet al\b|\bdoi:\s*10\.|\b(?:19|20)\d{2}\)?\.\s*\d+\s*[:(]|"
                         r"\b[A-Z][a-z]+ [A-Z]{1,3}(?:, [A-Z][a-z]+ [A-Z]{1,3})+[.,]")
REFERENCES_HEAD_RE = re.compile(r"^\s*(?:References|REFERENCES|Bibliography|Literature [Cc]ited)\s*$", re.M)


def reference_spans(mt: str) -> list[tuple[int, int]]:
    """The reference list: from a 'References' heading, or the densest final run of citation-shaped
    lines (PDF text layers often lose the heading). Its cited trials' designs ('Double-blind placebo
    controlled trial of ...') must not be read as the document's own."""
    h = None
    for h in REFERENCES_HEAD_RE.finditer(mt):
        pass
    if h is not None and h.start() > len(mt) // 3:
        return [(h.start(), len(mt))]
    lines, pos = [], 0
    for ln in mt.split("\n"):
        lines.append((pos, pos + len(ln), bool(CITATION_RE.search(ln))))
        pos += len(ln) + 1
    spans, k = [], 0
    while k < len(lines):
        if not lines[k][2]:
            k += 1
            continue
        j, hits, last = k, 0, k
        while j < len(lines) and j - last <= 3:  # a run tolerates short gaps (wrapped citations)
            if lines[j][2]:
                hits, last = hits + 1, j
            j += 1
        if hits >= 6:
            spans.append((lines[k][0], lines[last][1]))
        k = last + 1
    return spans


def _fallback_id(path: Path) -> str:
    """The content id of a file that could not be read (hashed in chunks: it may be huge), else
    an id from its path."""
    try:
        h = hashlib.sha256()
        if not os.path.isfile(path):  # a named pipe would block
            raise OSError("not a regular file")
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
        return h.hexdigest()[:16]
    except (OSError, RuntimeError):
        return "path-" + hashlib.sha256(str(path.absolute()).encode()).hexdigest()[:11]


def process_document(path: str | Path, settings: Settings | None = None) -> DocumentResult:
    settings = settings or Settings()
    path = Path(path)
    uri = safe_uri(path)
    fmt = {".pdf": "pdf", ".html": "html", ".htm": "html"}.get(path.suffix.lower(), "text")
    try:
        doc = read_document(path, settings, uri)
    except UnsupportedFormat as e:
        return DocumentResult(_fallback_id(path), uri, fmt, "skipped", errors=(StageError("read", e.problem),))
    except InputError as e:
        return DocumentResult(_fallback_id(path), uri, fmt, "failed", errors=(StageError("read", e.problem),))
    except OSError as e:
        return DocumentResult(_fallback_id(path), uri, fmt, "failed",
                              errors=(StageError("read", f"cannot read the file: {e.strerror or e}"),))
    except (MemoryError, RecursionError) as e:
        return DocumentResult(_fallback_id(path), uri, fmt, "failed", errors=(StageError(
            "read", f"the file is too large or too deeply nested to read ({type(e).__name__})"),))
    except Exception as e:  # noqa: BLE001 - process_document never raises: the run goes on
        return DocumentResult(_fallback_id(path), uri, fmt, "failed", errors=(StageError(
            "read", f"the file could not be read: unexpected error ({type(e).__name__}: {e})"),))
    try:
        return extract_document(doc)
    except Exception as e:  # noqa: BLE001 - a failure outside the guarded stages
        return DocumentResult(doc.doc_id, doc.source_uri, doc.source_format, "failed", n_pages=doc.n_pages,
                              n_chars=len(doc.text), text=doc.text, errors=(StageError(
                                  "extract", f"extraction stopped: unexpected error ({type(e).__name__}: {e})"),))


def _title(doc: Document) -> str | None:
    t = doc.title
    if not t or t.strip().lower() in GENERIC_FIRST_LINES or len(t) > 300 or t.rstrip().endswith("."):
        return None
    return t.strip()


def extract_document(doc: Document) -> DocumentResult:
    """All extractors over one Document."""
    errors: list[StageError] = []
    # problems the parser met but read past (PDF pages without a text layer): the document is partial
    errors.extend(StageError("parse", w) for w in doc.warnings)

    def stage(name: str, fn: Callable[[], T], default: T) -> T:
        try:
            return fn()
        except Exception as e:  # noqa: BLE001 - recorded as data, the run goes on
            errors.append(StageError(name, f"{type(e).__name__}: {e}"))
            return default

    text = doc.text
    mt = match_text(text)
    title = _title(doc)
    dtype = stage("doctype", lambda: doctype.classify(text), "other")
    # tables the parser recognised (PDF) plus flattened text tables outside them
    parsed = list(doc.tables)
    tables = parsed + [t for t in stage("tables", lambda: tables_x.find_tables(text, mt), [])
                       if not any(p.start < t.end and t.start < p.end for p in parsed)]
    # body flow: tables and figure captions masked out (same length), so running-text extractors
    # neither see table numbers twice nor lose sentences that a table interrupts
    masked = list(mt)
    for t in tables:
        masked[t.start:t.end] = " " * (t.end - t.start)
    for a, b in figure_captions(mt) + reference_spans(mt):
        masked[a:b] = " " * (b - a)
    flow = "".join(masked)
    # the same text with line breaks as spaces (1:1, offsets unchanged) for phrase patterns that
    # must match across wrapped lines ('from\nbaseline'); `flow` keeps lines for headings/bullets
    flat = flow.replace("\n", " ")
    sents = stage("sentences", lambda: sentences(flow), [])
    # the spaCy step (a third of a document's time) is run only when its result is read: for the
    # aliases of the endpoints a trial report names (about one document in five)
    abbrevs_cache: list[dict[str, str]] = []

    def abbrevs(names: list[str] | None = None) -> dict[str, str]:
        if not abbrevs_cache:
            abbrevs_cache.append(stage("nlp", lambda: abbreviations(text, names), {}))
        return abbrevs_cache[0]

    is_trial = dtype in ("trial-report", "registry-record")
    trials: list[Trial] = []
    arms: list = []
    endpoints: list = []
    if is_trial:
        tot = stage("design", lambda: design.total_enrolled(flat), None)

        def _trial() -> Trial:
            sa = design.single_arm(flat)
            found = dict(
                acronym=design.acronym(mt, title), randomized=design.randomized(flat, sa.value if sa else None),
                blinding=design.blinding(flat), placebo_controlled=design.placebo(flat), phase=design.phase(flat),
                multicentre=design.multicentre(flat), allocation_ratio=design.allocation_ratio(flat),
                total_enrolled=tot, follow_up=design.follow_up(flat), condition=design.condition(flat),
            )
            vals = {k: (f.value if f else None) for k, f in found.items()}
            rnd = vals["randomized"]
            vals["crossover"] = True if design.crossover(flat) else (False if rnd else None)
            vals["cluster_randomized"] = True if design.cluster(flat) else (False if rnd else None)
            planned = design.planned_enrolment(flat)
            vals["planned_enrolment"] = planned.value if planned else None
            single = bool(sa)
            if single and vals["placebo_controlled"] is None:
                vals["placebo_controlled"] = False
            ev_src = tot or next((f for f in found.values() if f), None)
            ev = evidence(doc, ev_src.start, ev_src.end) if ev_src else evidence(doc, 0, 0)
            return Trial(registry_ids=tuple(f.value for f in design.registry_ids(flat)), single_arm=single, evidence=ev, **vals)

        trial = stage("design", _trial, None)
        trials = [trial] if trial else []
        arms = stage("arms", lambda: arms_x.extract_arms(
            doc, mt, flat, sents, tables, trials[0].single_arm if trials else None,
            (tot.value, tot.start, tot.end) if tot else None), [])
        endpoints = stage("endpoints", lambda: endpoints_x.extract_endpoints(doc, flow, sents, abbrevs), [])

    elif dtype == "other":
        # a non-randomised comparison (cohort): its groups as its tables name them, no trial row;
        # the outcomes it names as primary/secondary are its endpoints all the same (and when the
        # document is in fact a trial the classifier missed, they are not lost with the trial row)
        arms = stage("arms", lambda: arms_x.extract_arms(doc, mt, flat, sents, tables, None, None, from_text=False), [])
        endpoints = stage("endpoints", lambda: endpoints_x.extract_endpoints(doc, flow, sents, abbrevs), [])

    text_stats = stage("statistics", lambda: stats_x.text_statistics(doc, flat, sents, arms, endpoints), [])
    meas_d, tstat_d = stage("table-records", lambda: table_records(doc, tables, arms), ([], []))

    rows: list[tuple[int, Statistic]] = []
    for st in text_stats:
        p = st.p
        rows.append((st.start, dict(
            endpoint_id=st.endpoint_id, arm_ids=st.arm_ids, comparison=st.comparison, variable=st.variable,
            timepoint=st.timepoint, estimate=st.estimate, estimate_type=st.estimate_type, ci_level=st.ci_level,
            ci_low=st.ci_low, ci_high=st.ci_high, p_value=p.value if p else None, p_operator=p.op if p else None,
            p_text=p.text if p else None, is_threshold=st.is_threshold, source="text",
            evidence=stats_x.as_evidence(doc, st), p_start=p.start if p else None, p_end=p.end if p else None)))
    for d in tstat_d:
        # defaults first: a table row may carry its own estimate/CI (effect columns) and p span
        rows.append((d["evidence"].char_start, {**dict(
            endpoint_id=None, estimate=None, estimate_type=None, ci_level=None, ci_low=None, ci_high=None,
            is_threshold=False, source="table", p_start=d["evidence"].char_start, p_end=d["evidence"].char_end), **d}))
    rows.sort(key=lambda r: r[0])
    statistics = tuple(Statistic(stat_id=f"s{k}", **{kk: vv for kk, vv in d.items() if kk not in ("p_start", "p_end")})
                       for k, (_, d) in enumerate(rows, 1))
    p_spans = {f"s{k}": (d["p_start"], d["p_end"]) for k, (_, d) in enumerate(rows, 1)}
    text_meas = stage("text-measurements", lambda: text_measurements(doc, flat, sents, arms, endpoints), [])
    measurements = tuple(Measurement(**d) for d in meas_d) + tuple(text_meas)

    status = "partial" if errors else "ok"
    return DocumentResult(
        doc_id=doc.doc_id, source_uri=doc.source_uri, source_format=doc.source_format, status=status,
        document_type=dtype, title=title, n_pages=doc.n_pages, n_chars=len(text), text=text,
        errors=tuple(errors), trials=tuple(trials), arms=tuple(arms), endpoints=tuple(endpoints),
        statistics=statistics, measurements=measurements, meta={"p_spans": p_spans},
    )
