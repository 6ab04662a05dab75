"""PDF -> Document: canonical text in reading order, page starts, tables with cell offsets.

    read_pdf(path, data, doc_id, settings) -> Document

Text comes from pypdfium2 (fast, one ctypes call per character), laid out by `pdflayout`
(columns, reading order, superscripts). pdfplumber is opened only for pages that may hold a table
(a 'Table N' caption or lines of several aligned segments, or a table running on from the
previous page), and only for its ruling geometry (`pdftables.page_rules`); each page is closed
as soon as it has been read, so a long PDF never holds more than one parsed page.

Assembly over the whole document: running headers and footers (lines in the top or bottom
margin that repeat on several pages, and bare page numbers) are dropped, line-end hyphenation is
repaired (a word that also occurs hyphenated elsewhere keeps its hyphen), ligatures and minus
signs are normalised, and each table is rendered as a block of lines (caption, header, one line
per row with tab-separated cells, notes) whose cells become `Cell`s with offsets, so the pipeline
masks the table out of the running text and turns its cells into rows.

pdfium is not thread-safe (not even across documents): every pdfium call holds `PDFIUM_LOCK`.
"""

from __future__ import annotations

import io
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import Cell, Column, Document, Table, TableRow
from ..settings import Settings
from . import pdflayout as L
from . import pdftables as T

PDFIUM_LOCK = threading.RLock()

MARGIN = 0.09  # share of the page height where running headers and footers live
PAGE_NO_RE = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I)
_DASHES = str.maketrans({"\u2212": "-", "\u2012": "-", "\ufe63": "-", "\uff0d": "-"})
EN_DASH_MINUS_RE = re.compile(r"(?:(?<=^)|(?<=[\s(\[=,;:/]))\u2013(?=\.?\d)", re.M)
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
MARKS = "*†‡§¶#‖"
TRAIL_MARK_RE = re.compile(r"[\s" + MARKS + r"ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ⁰¹²³⁴⁵⁶⁷⁸⁹]+$")


@dataclass
class TextUnit:
    """One line of running text, a paragraph break, or a rendered table, in reading order."""

    kind: str  # line | para | table
    text: str = ""
    page: int = 0
    table: T.PTable | None = None
    margin: bool = False  # a line in the top or bottom margin


@dataclass
class PageOut:
    units: list[TextUnit] = field(default_factory=list)
    n_glyphs: int = 0
    n_images: int = 0
    tables: list[T.PTable] = field(default_factory=list)
    warning: str | None = None
    title: str | None = None  # the largest type on the upper half of the page


# ---------------------------------------------------------------- entry point

def read_pdf(path: Path, data: bytes, doc_id: str, settings: Settings | None = None) -> Document:
    import pypdfium2 as pdfium

    from .reader import safe_uri

    uri = safe_uri(Path(path))
    if not data.lstrip()[:5].startswith(b"%PDF"):
        head = data[:1024]
        if b"%PDF" not in head:
            raise InputError(uri, "not a PDF file (no %PDF header); the file may be corrupt or mislabelled")
    settings = settings or Settings()
    # a download cut short has no end-of-file marker: say so rather than 'damaged'
    truncated = b"%%EOF" not in data[-2048:]
    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            msg = str(e)
            if "password" in msg.lower():
                raise InputError(uri, "the PDF is encrypted and needs a password to open; file not read") from None
            if truncated:
                raise InputError(uri, f"the PDF is incomplete (it ends after {len(data)} bytes without the end-of-file "
                                      "marker: an interrupted download?) and cannot be opened") from None
            raise InputError(uri, f"the PDF cannot be opened, it is damaged or not a PDF ({msg})") from None
        except (MemoryError, RecursionError) as e:
            raise InputError(uri, f"the PDF cannot be opened: its structure is too large or too deeply nested "
                                  f"({type(e).__name__})") from None
        n_pages = len(pdf)
    pages: list[PageOut] = []
    plumber = None
    warnings: list[str] = []
    if truncated:
        warnings.append(f"the PDF is incomplete (no end-of-file marker after {len(data)} bytes: an interrupted "
                        "download?); its pages were read as far as possible")
    n_read = min(n_pages, settings.max_pages)
    if n_read < n_pages:
        # pages beyond the limit are never loaded
        warnings.append(f"only the first {n_read} of {n_pages} pages were read (TRIALX_MAX_PAGES)")
    try:
        if n_pages == 0:
            raise InputError(uri, "the PDF has no pages")
        prev_table: T.PTable | None = None
        prev_bottom_open = False
        for i in range(n_read):
            try:
                po, prev_table, prev_bottom_open, plumber = _read_page(pdf, i, data, plumber, prev_table,
                                                                       prev_bottom_open)
            except InputError:
                raise
            except (MemoryError, RecursionError) as e:
                raise InputError(uri, f"page {i + 1} of the PDF is too large or too deeply nested to read "
                                      f"({type(e).__name__})") from None
            except Exception as e:  # noqa: BLE001 - a page that cannot be read fails the document, not the run
                raise InputError(uri, f"page {i + 1} of the PDF cannot be read ({type(e).__name__}: {e})") from e
            pages.append(po)
            if po.warning:
                warnings.append(po.warning)
    finally:
        with PDFIUM_LOCK:
            pdf.close()
        if plumber is not None:
            plumber.close()
    if not any(p.n_glyphs for p in pages):
        raise InputError(uri, f"the PDF has no text layer on any of its {n_read} pages"
                              f"{f' read (of {n_pages})' if n_read < n_pages else ''} (scanned images?); "
                              "OCR is not supported, so no text can be read")
    scanned = [k + 1 for k, p in enumerate(pages) if not p.n_glyphs and p.n_images]
    if scanned:
        warnings.insert(0, f"{len(scanned)} of {n_read} pages have no text layer (scanned images?): "
                           f"page{'s' if len(scanned) > 1 else ''} {_ranges(scanned)}; their text is missing (no OCR)")
    _drop_running_lines(pages)
    text, page_starts, tables = assemble(pages, doc_id)
    if not text.strip():
        raise InputError(uri, "the PDF has no extractable text")
    title = pages[0].title or _title(text)
    return Document(doc_id=doc_id, source_uri=uri, source_format="pdf", text=text, title=title,
                    page_starts=tuple(page_starts), tables=tuple(tables), warnings=tuple(warnings))


def _ranges(nums: list[int]) -> str:
    out, start, prev = [], nums[0], nums[0]
    for n in nums[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)


def _title(text: str) -> str | None:
    for ln in text.splitlines():
        s = ln.strip()
        if s:
            return s
    return None


# ---------------------------------------------------------------- one page

def _read_page(pdf, i: int, data: bytes, plumber, prev_table, prev_bottom_open):
    import pypdfium2.raw as R

    po = PageOut()
    with PDFIUM_LOCK:
        page = pdf[i]
        try:
            tp = page.get_textpage()
            try:
                glyphs = L.page_glyphs(page, tp)
            finally:
                tp.close()
            tf = L.page_transform(page)
            graphics = L.page_graphics(page, tf) if glyphs else []
            if not glyphs:
                po.n_images = sum(1 for _ in page.get_objects(filter=[R.FPDF_PAGEOBJ_IMAGE], max_depth=2))
        finally:
            page.close()
    W, H = L.display_size(tf)
    po.n_glyphs = len(glyphs)
    if not glyphs:
        return po, None, False, plumber
    words = L.build_words(glyphs)
    del glyphs
    segs = L.merge_justified(L.build_segments(words))
    segs = _drop_line_numbers(segs)
    tables: list[T.PTable] = []
    if _may_have_table(segs, prev_bottom_open):
        try:
            if plumber is None:
                import pdfplumber

                plumber = pdfplumber.open(io.BytesIO(data))
            pp = plumber.pages[i]
            try:
                rules = T.page_rules(pp)
            finally:
                pp.close()
            tables = T.page_tables(words, segs, rules, W, H, prev_table if prev_bottom_open else None)
        except Exception as e:  # noqa: BLE001 - a page whose geometry pdfplumber cannot read keeps its text
            po.warning = f"page {i + 1}: tables not read ({type(e).__name__}: {e})"
            tables = []
    po.tables = tables
    # table regions leave the running text (a placeholder takes their place in the reading
    # order); the text drawn inside figures (axis labels, flow-chart boxes) is dropped
    figures = _figure_regions(segs, graphics, [t.bbox for t in tables], H)
    body = []
    for s in segs:
        cx, cy = (s.x0 + s.x1) / 2, (s.top + s.bottom) / 2
        if any(t.bbox[0] <= cx <= t.bbox[2] and t.bbox[1] <= cy <= t.bbox[3] for t in tables):
            continue
        if any(f[0] <= cx <= f[1] and f[2] <= cy <= f[3] for f in figures):
            continue
        body.append(s)
    for t in tables:
        body.append(L.Segment([], t.bbox[0], t.bbox[2], t.bbox[1], t.bbox[3], kind="table", ref=t))
    hs = sorted(s.h for s in body if s.kind == "text")
    min_vgap = 0.45 * (hs[len(hs) // 2] if hs else 10.0)
    blocks = L.reading_order(body, min_vgap)
    all_lines: list[L.Line] = []
    for b in blocks:
        if len(b) == 1 and b[0].kind == "table":
            po.units.append(TextUnit("table", page=i, table=b[0].ref))
            continue
        text_segs = [s for s in b if s.kind == "text"]
        for s in b:
            if s.kind == "table":  # a table that shares a block (should not happen): keep it
                po.units.append(TextUnit("table", page=i, table=s.ref))
        lines = L.block_lines(text_segs)
        all_lines += lines
        prev_ln = None
        for ln in lines:
            if prev_ln is not None and _para_break(prev_ln, ln):
                po.units.append(TextUnit("para", page=i))
            margin = ln.top < MARGIN * H or ln.bottom > (1 - MARGIN) * H
            po.units.append(TextUnit("line", ln.text, page=i, margin=margin))
            prev_ln = ln
        po.units.append(TextUnit("para", page=i))
    po.title = _page_title(all_lines, H)
    last = tables[-1] if tables else None
    open_ = last is not None and last.bbox[3] > 0.75 * H
    return po, (last if last is not None else prev_table), open_, plumber


FIG_CAPTION_RE = re.compile(r"^(?:Figure|FIGURE|Fig\.?|FIG\.?)\s*\d+[A-Za-z]?(?:\b|$)")


def _figure_regions(segs: list[L.Segment], graphics, table_boxes, page_h: float) -> list[tuple[float, float, float, float]]:
    """Regions (x0, x1, top, bottom) of figures: the drawing next to a 'Fig N' caption (above it,
    else below it), grown from the caption over touching graphics, plus a margin for tick labels
    and legends. The caption itself stays outside."""
    gs = [g for g in graphics if not any(tb[0] - 2 <= g[0] and g[1] <= tb[2] + 2 and tb[1] - 2 <= g[2] and g[3] <= tb[3] + 2
                                         for tb in table_boxes)]
    if not gs:
        return []
    out = []
    line_h = L._median([s.h for s in segs]) or 10.0
    for s in segs:
        if not s.words or not FIG_CAPTION_RE.match(T.seg_text(s)):
            continue
        lo, hi = s.x0 - 30, s.x1 + 30
        for direction in ("up", "down"):
            if direction == "up":
                region = [g for g in gs if g[3] <= s.top + 4 and g[3] >= s.top - 6 * line_h and g[1] > lo and g[0] < hi]
            else:
                region = [g for g in gs if g[2] >= s.bottom - 4 and g[2] <= s.bottom + 6 * line_h and g[1] > lo and g[0] < hi]
            if not region:
                continue
            x0, x1 = min(g[0] for g in region), max(g[1] for g in region)
            top, bottom = min(g[2] for g in region), max(g[3] for g in region)
            grown = True
            while grown:
                grown = False
                for g in gs:
                    if g[1] > x0 and g[0] < x1 and g[2] < bottom + 25 and g[3] > top - 25 and \
                            (direction == "up" and g[3] <= s.top + 4 or direction == "down" and g[2] >= s.bottom - 4) and \
                            not (x0 <= g[0] and g[1] <= x1 and top <= g[2] and g[3] <= bottom):
                        x0, x1 = min(x0, g[0]), max(x1, g[1])
                        top, bottom = min(top, g[2]), max(bottom, g[3])
                        grown = True
            m = min(16.0, 1.4 * line_h)
            if direction == "up":
                out.append((x0 - m, x1 + m, top - m, s.top - 0.5))
            else:
                out.append((x0 - m, x1 + m, s.bottom + 0.5, bottom + m))
            break
    return out


def _page_title(lines: list[L.Line], page_h: float) -> str | None:
    """The lines set in the largest type on the upper half of the page (a paper's title)."""
    cand = [ln for ln in lines if ln.top < 0.5 * page_h and len(ln.text.split()) >= 2]
    if not cand:
        return None
    body = L._median([ln.height for ln in lines])
    hmax = max(ln.height for ln in cand)
    if hmax < 1.25 * body:
        return None
    top = sorted((ln for ln in lines if ln.top < 0.6 * page_h and abs(ln.height - hmax) < 0.6), key=lambda ln: ln.top)
    parts = [top[0].text]
    for a, b in zip(top, top[1:]):
        if b.top - a.bottom > 1.6 * hmax:  # double-spaced title pages too
            break
        parts.append(b.text)
    t = T._join_wrapped(parts)
    if top[0].top < MARGIN * page_h:
        t = re.sub(r"\s+\d{1,4}$", "", t)  # a running head with its page number
    return t if 3 <= len(t) <= 300 else None


def _may_have_table(segs: list[L.Segment], prev_open: bool) -> bool:
    """A cheap test on the pdfium segments, so pdfplumber parses only the pages that need it: a
    segment that starts with 'Table N', or a table running on from the bottom of the previous
    page. (Tables with no caption anywhere are not looked for.)"""
    if prev_open:
        return True
    words = [w for s in segs for w in s.words]
    for k, w in enumerate(words[:-1]):
        if w.raw in ("Table", "TABLE") and re.match(r"^[A-Z]?\d|^[IVX]+\b", words[k + 1].raw):
            return True
    return False


def _drop_line_numbers(segs: list[L.Segment]) -> list[L.Segment]:
    """Line-number gutters: a column of small integers, increasing down the page, beside the text."""
    nums = [s for s in segs if len(s.words) == 1 and re.fullmatch(r"\d{1,4}", s.words[0].raw)]
    if len(nums) < 8:
        return segs
    drop: set[int] = set()
    by_x: dict[int, list[L.Segment]] = {}
    for s in nums:
        by_x.setdefault(int(round(s.x1 / 6)), []).append(s)
    for group in by_x.values():
        if len(group) < 8:
            continue
        group.sort(key=lambda s: s.top)
        vals = [int(s.words[0].raw) for s in group]
        rising = sum(b > a for a, b in zip(vals, vals[1:]))
        if rising >= 0.8 * (len(vals) - 1):
            drop |= {id(s) for s in group}
    return [s for s in segs if id(s) not in drop] if drop else segs


def _para_break(a: L.Line, b: L.Line) -> bool:
    gap = b.top - a.bottom
    h = max(a.height, b.height, 1.0)
    if gap > 0.55 * h:
        return True
    if abs(a.height - b.height) > 1.2 and (a.bold or b.bold):
        return True  # a heading in another type size
    return False


# ---------------------------------------------------------------- running headers and footers

def _key(s: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", s.lower())).strip()


def _drop_running_lines(pages: list[PageOut]) -> None:
    counts: Counter[str] = Counter()
    for p in pages:
        for k in {_key(u.text) for u in p.units if u.kind == "line" and u.margin}:
            counts[k] += 1
    n = len(pages)
    need = 2 if n <= 4 else max(3, round(0.25 * n))
    for p in pages:
        for u in p.units:
            if u.kind != "line" or not u.margin:
                continue
            t = u.text.strip()
            if PAGE_NO_RE.match(t) or (n >= 2 and counts[_key(t)] >= need and len(t) < 200):
                u.kind = "dropped"


# ---------------------------------------------------------------- assembly

def _normalise(s: str) -> str:
    s = s.translate(_DASHES)
    return EN_DASH_MINUS_RE.sub("-", s)


def assemble(pages: list[PageOut], doc_id: str) -> tuple[str, list[int], list[Table]]:
    # words seen whole and hyphenated, for deciding line-end hyphens
    vocab: set[str] = set()
    for p in pages:
        for u in p.units:
            if u.kind == "line":
                vocab.update(w.lower() for w in WORD_RE.findall(u.text))
    units = [u for p in pages for u in p.units if u.kind != "dropped"]
    _dehyphenate(units, vocab)
    out: list[str] = []
    pos = 0
    tables: list[Table] = []
    seen_ids: Counter[str] = Counter()
    pending_break = False

    def emit(s: str) -> None:
        nonlocal pos
        out.append(s)
        pos += len(s)

    page_starts = [-1] * len(pages)
    for u in units:
        if u.kind == "para":
            pending_break = True
            continue
        if page_starts[u.page] < 0:
            if out:
                emit("\n\n" if pending_break else "\n")
                pending_break = False
            page_starts[u.page] = pos
        elif out:
            emit("\n\n" if (pending_break or u.kind == "table") else "\n")
            pending_break = False
        if u.kind == "line":
            emit(_normalise(u.text.replace("\x02", "-").replace("\ufffe", "-").replace("\u00ad", "")))
        elif u.kind == "table":
            t = u.table
            text, table = render_table(t, pos, seen_ids)
            emit(text)
            tables.append(table)
            pending_break = True
    # pages with no text start where the next page starts
    nxt = pos
    for k in range(len(page_starts) - 1, -1, -1):
        if page_starts[k] < 0:
            page_starts[k] = nxt
        else:
            nxt = page_starts[k]
    page_starts[0] = 0
    text = "".join(out) + "\n"
    return text, page_starts, _arm_sizes(tables)


def _arm_sizes(tables: list[Table]) -> list[Table]:
    """An arm's size is the first one the document's tables state ('Physical activity group
    (n=391)' in the baseline table). A later header that gives the same arm another n (an
    analysis set: '(n=392)', '(n=384)'), or gives an n already stated for another arm ('Control
    group (n=391)'), keeps its n in the header text but not in `arm_n`, so that n cannot merge
    or split arms; the column still names its arm by label."""
    from dataclasses import replace

    from ..extractors.common import norm_key

    first_n: dict[str, int] = {}
    owner: dict[int, str] = {}
    out = []
    for t in tables:
        cols = []
        for c in t.columns:
            if c.role == "arm" and c.arm_n is not None and c.arm_label:
                k = norm_key(c.arm_label)
                if first_n.get(k, c.arm_n) != c.arm_n or owner.get(c.arm_n, k) != k:
                    c = replace(c, arm_n=None)
                else:
                    first_n[k], owner[c.arm_n] = c.arm_n, k
            cols.append(c)
        out.append(replace(t, columns=tuple(cols)))
    return out


HYPHENS = ("-", "\x02", "\ufffe", "\u00ad")


def _dehyphenate(units: list[TextUnit], vocab: set[str]) -> None:
    """Join a word broken at a line end ('abnormali-' + 'ties,') onto the first line. The hyphen
    goes unless the joined word is unknown elsewhere in the document while its hyphenated form is
    known ('non-' + 'pregnant' -> 'non-pregnant' when the text also writes 'non-pregnant'), or the
    part before it is a single letter ('T-' + 'cell')."""
    lines = [u for u in units if u.kind in ("line", "table", "para")]
    for a, b in zip(lines, lines[1:]):
        if a.kind != "line" or b.kind != "line" or not a.text.endswith(HYPHENS):
            continue
        m = re.match(r"(\S+)(\s*)", b.text)
        if not m or not m.group(1)[:1].islower():
            continue
        head_m = re.search(r"(\S+)$", a.text)
        head = head_m.group(1).rstrip("".join(HYPHENS))
        first = m.group(1)
        stem = re.sub(r"^[^\w]+", "", head)
        tail_word = re.match(r"[\w’']+", first)
        tail_w = tail_word.group(0) if tail_word else first
        joined = (stem + tail_w).lower()
        hyph = (stem + "-" + tail_w).lower()
        keep = (len(stem) == 1) or (hyph in vocab and joined not in vocab) or \
            (stem.lower() in vocab and tail_w.lower() in vocab and joined not in vocab and a.text.endswith("-")
             and len(stem) > 3 and len(tail_w) > 3)
        a.text = a.text[: len(a.text) - 1] + ("-" if keep else "") + first
        b.text = b.text[m.end():]
        if not b.text:
            b.kind = "dropped"


# ---------------------------------------------------------------- tables into text and model

P_HDR_RE = re.compile(r"^(?:p|p[- ]?val(?:ue)?s?|p[- ]?value\s*\(.*\)|p for (?:trend|interaction|difference|heterogeneity)|"
                      r"significance|sig\.?)$", re.I)
EFFECT_HDR_RE = re.compile(r"odds ratio|hazard ratio|risk ratio|relative risk|rate ratio|difference|relative change|"
                           r"β|\bbeta\b|\b(?:a?OR|a?HR|RR|IRR|MD|SMD|RD)\b|\bCI\b|confidence interval|effect", re.I)
ARM_N_RE = re.compile(r"\(?\s*\b[nN]\s*=\s*(?P<n>\d[\d,]*)\s*\)?")
ARM_WORD_RE = re.compile(r"\b(?:group|arm|cohort)s?\b", re.I)
EFFECT_CELL_RE = re.compile(r"^-?\s?\d*\.?\d+\s*[\[(]\s*-?\s?\d*\.?\d+\s*(?:to|–|-|,|;)\s*-?\s?\d*\.?\d+\s*[\])]$")
TIME_ROW_RE = re.compile(r"^(?:baseline|end of (?:pregnancy|treatment|study|follow[- ]up)|screening|"
                         r"\d+\s*(?:-\s*)?(?:days?|weeks?|months?|years?)(?:\s+(?:follow[- ]up|post[- ]\w+))?|"
                         r"(?:day|week|month|year|visit)\s*\d+|follow[- ]up(?:\s+\d+.*)?)$", re.I)
STUB_TIME_RE = re.compile(r"\b(?:visit|time\s*point|assessment time|time|follow[- ]up)\b", re.I)
STAT_PREFIX_RE = re.compile(r"^(?:(?:no|n|number|mean|median|mean|geometric mean)\s*(?:,\s*(?:mean|median)\s*)?"
                            r"\((?:sd|s\.d\.|se|iqr|interquartile range|range|%|95% ci)\)\s*,?\s*)+", re.I)


EXTRA_UNIT_RE = re.compile(r"^(?:weeks?|hours?|hrs?|mins?|minutes?|seconds?|secs?|ppm|g|kg|%|cm|mm|bpm|"
                           r"mg/kg|µg|μg|ng/mL|pg/mL|mmol/mol|IU|U|points|score)$", re.I)


STAT_SUFFIX_RE = re.compile(r",\s*(?:mean|median|no\.?|n|number)\s*(?:\([^()]*\))?\s*$", re.I)


def _comma_unit(label: str, unit: str | None) -> tuple[str, str | None]:
    """'Age, years' -> ('Age', 'years'); 'Age, mean (SD), years' -> ('Age', 'years');
    'Women, n (%)' -> ('Women', None)."""
    from ..extractors.tables import UNIT_RE

    for _ in range(2):
        if unit is None and "," in label:
            head, tail = label.rsplit(",", 1)
            if head.strip() and (UNIT_RE.match(tail.strip()) or EXTRA_UNIT_RE.match(tail.strip())):
                label, unit = head.strip(), tail.strip()
                continue
        m = STAT_SUFFIX_RE.search(label)
        if m and m.start() > 0:
            label = label[: m.start()].strip()
    return label, unit


def _clean(s: str) -> str:
    """A name from a label: footnote marks and a closing ':' removed."""
    s = s.strip()
    for _ in range(3):
        s = TRAIL_MARK_RE.sub("", s).rstrip(":").strip()
    return re.sub(r"(?<=\w)[†‡§¶‖]+|(?<=[\w)])\*+(?=\s|$)", "", s).strip()


def _cell_span(text: str) -> tuple[int, int]:
    """The value inside a cell: footnote marks around it stay outside the span."""
    a, b = 0, len(text)
    m = TRAIL_MARK_RE.search(text)
    if m and m.start() > 0:
        b = m.start()
    while a < b and text[a] in MARKS + " ":
        a += 1
    return a, b


def _col_role(pc: T.PCol, cells: list[str]) -> tuple[str, str | None, int | None, str | None]:
    """(role, arm_label, arm_n, timepoint) of a value column from its header and its cells."""
    h = _clean(pc.header)
    full = f"{pc.group or ''} {h}".strip()
    filled = [c for c in cells if c and not T.DASH_CELL_RE.match(c.strip())]
    if P_HDR_RE.match(re.sub(r"[*†‡§¶]", "", h).strip()):
        return "pvalue", None, None, None
    eff = sum(bool(EFFECT_CELL_RE.match(_clean(_normalise(c)))) for c in filled)
    if EFFECT_HDR_RE.search(h) and filled and eff >= 0.5 * len(filled):
        return "effect", None, None, None
    m = ARM_N_RE.search(h)
    if m or ARM_WORD_RE.search(h):
        label = _clean(ARM_N_RE.sub("", h)) or h
        n = int(m.group("n").replace(",", "")) if m else None
        return "arm", label, n, None
    from ..extractors.tables import TIME_COL_RE

    if TIME_COL_RE.fullmatch(h.strip()):
        return "timepoint", None, None, h
    return "other", None, None, None


def render_table(t: T.PTable, base: int, seen: Counter[str]) -> tuple[str, Table]:
    """The table as lines of canonical text starting at offset `base`, and its model object."""
    from ..extractors.tables import _split_label_unit, table_section

    parts: list[str] = []
    pos = base

    def put(s: str) -> tuple[int, int]:
        nonlocal pos
        s = _normalise(s)
        a = pos
        parts.append(s)
        pos += len(s)
        return a, pos

    start = base
    if t.caption:
        put(t.caption.replace("\n", " "))
        put("\n")
    ncol = len(t.columns)
    roles = [_col_role(c, [r.cells[k] for r in t.rows]) for k, c in enumerate(t.columns)]
    if any(c.group for c in t.columns):
        groups = []
        last = None
        for c in t.columns:
            groups.append(c.group if c.group and c.group != last else "")
            last = c.group
        put("\t" + "\t".join(_normalise(g) for g in groups))
        put("\n")
    columns: list[Column] = []
    put(t.stub or "")
    for k, c in enumerate(t.columns):
        put("\t")
        a, b = put(c.header)
        role, arm_label, arm_n, tp = roles[k]
        header = f"{c.group}: {c.header}" if c.group else c.header
        columns.append(Column(header=_normalise(header), role=role, arm_label=arm_label, arm_n=arm_n,
                              timepoint=tp, start=a, end=b))
    rows: list[TableRow] = []
    # hierarchy: indentation levels and label-only headings
    indents = sorted({round(r.indent / 3) for r in t.rows if r.label})  # 3pt steps: 0.7 and 0.1 are level 0
    level = {v: k for k, v in enumerate(indents)}
    hier = _hierarchy(t)
    time_rows = t.stub is not None and STUB_TIME_RE.search(t.stub) is not None
    for r, (row_group, parent) in zip(t.rows, hier):
        put("\n")
        put("  " * level.get(round(r.indent / 3), 0))
        la, lb = put(r.label)
        cells: list[Cell] = []
        for k in range(ncol):
            put("\t")
            v = r.cells[k] if k < len(r.cells) else ""
            a, b = put(v)
            v2 = _normalise(v)
            ca, cb = _cell_span(v2)
            cells.append(Cell(v2[ca:cb], a + ca, a + cb))
        if not any(c.text for c in cells) and not r.label:
            continue
        if not any(c.text for c in cells):
            continue  # a heading row: it lives on as row_group / variable of the rows under it
        label = _normalise(r.label)
        base_lbl, category, unit = _split_label_unit(_clean(label))
        if category and unit is None and EXTRA_UNIT_RE.match(category):
            category, unit = None, category
        base_lbl, unit = _comma_unit(base_lbl, unit)
        variable = STAT_PREFIX_RE.sub("", base_lbl).strip() or base_lbl
        variable = variable[:1].upper() + variable[1:] if variable else variable
        group = _clean(_normalise(row_group)) if row_group else None
        if parent:
            pv, pc, pu = _split_label_unit(_clean(_normalise(parent)))
            if pc and pu is None and EXTRA_UNIT_RE.match(pc):
                pu = pc
            variable = STAT_PREFIX_RE.sub("", pv).strip() or pv
            category = _clean(label)
            unit = unit or pu
        elif TIME_ROW_RE.match(_clean(label)) and (time_rows or group or any(c.group for c in t.columns)):
            # rows that are timepoints ('Baseline', '6 month follow-up'): the variable is the
            # section above them or the header spanning the arm columns
            src = group or next((c.group for c in t.columns if c.group), None)
            if src:
                gv, _, gu = _split_label_unit(src)
                variable = STAT_PREFIX_RE.sub("", gv).strip() or gv
                unit = unit or gu
                category = None
        rows.append(TableRow(label=label, label_start=la, label_end=lb, cells=tuple(cells), row_group=group,
                             variable=variable, category=category, unit=unit))
    for n in t.notes:
        put("\n")
        put(n)
    text = "".join(parts)
    tid = t.table_id or "Table ?"
    seen[tid] += 1
    layout = "columns-are-arms" if any(c.role == "arm" for c in columns) else "columns-are-values"
    caption = _normalise(t.caption) if t.caption else None
    if t.continued and caption and tid != "Table ?" and not CONTINUED_CAPTION_RE.search(caption):
        caption = f"{caption} (continued)"
    table = Table(tid, caption, table_section(caption), start, pos, tuple(columns), tuple(rows), layout)
    return text, table


CONTINUED_CAPTION_RE = re.compile(r"continued", re.I)


def _hierarchy(t: T.PTable) -> list[tuple[str | None, str | None]]:
    """(row_group, parent) per row. A label-only row is the parent variable of the rows indented
    under it when they are short category labels ('Parity:' over '0-1', '2-3'), else a section
    heading for the rows after it ('Primary:', 'No, median (IQR) weekly MVPA'); a row with values
    and indented rows under it is their parent ('Gestational weight change: n=74')."""
    out: list[tuple[str | None, str | None]] = []
    rows = t.rows
    group: str | None = None
    group_indent = -1.0
    parent: str | None = None
    parent_indent = -1.0
    for k, r in enumerate(rows):
        empty = not any(c.strip() for c in r.cells)
        if parent is not None and r.indent <= parent_indent + 1:
            parent = None
        if empty and r.label:
            kids = []
            for r2 in rows[k + 1:]:
                if r2.indent <= r.indent + 1:
                    break
                kids.append(r2)
            if kids and all(len(r2.label.split()) <= 4 for r2 in kids):
                parent, parent_indent = r.label, r.indent
            else:
                group, group_indent = r.label, r.indent
            out.append((group, None))
            continue
        out.append((group, parent))
        if not empty and k + 1 < len(rows) and rows[k + 1].indent > r.indent + 1 and parent is None:
            parent, parent_indent = r.label, r.indent
    return out
