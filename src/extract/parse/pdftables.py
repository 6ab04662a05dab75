"""PDF tables: found from ruling geometry (pdfplumber) and captions, read from word geometry.

Why not pdfplumber's own `find_tables`: its default `lines` strategy needs vertical rules, which
most journal tables do not draw, and its `text` strategy cuts columns wherever words happen to
align, splitting wrapped labels and multi-word cells. Here pdfplumber supplies the ruling geometry
(lines, thin rectangles, straight curves, shaded cells) and the words come from the same pypdfium2
layer as the running text, so the table text is normalised exactly like the body text:

1. `page_rules(page)`: horizontal and vertical rules (collinear pieces merged; the points where a
   rule is split are kept as column hints) and shaded boxes.
2. `find_frames`: horizontal rules of the same extent, stacked, form a frame (top rule, header
   rule, row rules, bottom rule); a caption ('Table 2 | ...') inside its top, above it or below it
   gives it an id. A frame without a caption is kept only when its text is clearly tabular (a
   table continued from the previous page). A caption with no rules at all takes the aligned
   lines under it (`_ruleless`), when no column of text runs beside it.
3. `parse_region`: the words inside a frame are grouped into lines and chunks; columns come from
   vertical rules, else from the split points of row rules and shaded cells, else from the
   whitespace rivers between the chunks of the body lines; the header is what lies above the
   header rule (or above the first line with values); rows are the bands between row rules, or
   single lines, with wrapped labels joined and indentation kept; footnotes are set apart.

All functions are plain functions over small classes; offsets are assigned later, when the table
is rendered into the canonical text (`render`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .pdflayout import Glyph, Segment, Word, _dominant_height, _median, render_word

CAPTION_RE = re.compile(r"^(?:Table|TABLE)\s+(?P<id>[A-Z]?\d{1,3}[A-Za-z]?|[IVX]{1,5})(?=$|[\s.:|,])\s*[.:|]?")
FIGURE_RE = re.compile(r"^(?:Figure|FIGURE|Fig\.?|FIG\.?)\s+\d")
CONTINUED_RE = re.compile(r"\((?:continued|cont(?:inued|'d)?\.?)\)|\bcontinued\b", re.I)
NOTE_START_RE = re.compile(r"^(?:[*†‡§¶#‖]|\*\*|[a-z]\s|[a-z]$|Abbreviations?\b|Notes?\b|Values are\b|Data are\b|"
                           r"Source\b|[A-Z][A-Za-z]{1,10}\s?=\s?\S)")
VALUE_RE = re.compile(r"^(?:[<>≤≥~±]|[-−–]\s?(?=[\d.]))?\s*\.?\d")
DASH_CELL_RE = re.compile(r"^(?:[—–-]+|NA|N/A|NR|n/a|NE|-)$")


@dataclass(slots=True)
class HRule:
    y: float
    x0: float
    x1: float
    splits: list[float] = field(default_factory=list)
    soft: bool = False  # only the edge of a shaded box, not a drawn rule


@dataclass(slots=True)
class VRule:
    x: float
    top: float
    bottom: float


@dataclass(slots=True)
class Rules:
    h: list[HRule]
    v: list[VRule]
    fills: list[tuple[float, float, float, float]]  # x0, x1, top, bottom


@dataclass(slots=True)
class Chunk:
    words: list[Word]
    text: str
    x0: float
    x1: float


@dataclass(slots=True)
class TLine:
    words: list[Word]
    top: float
    bottom: float
    x0: float
    x1: float
    h: float
    baseline: float
    text: str = ""
    chunks: list[Chunk] = field(default_factory=list)

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class PCol:
    header: str  # leaf header as written (wrapped lines joined)
    group: str | None  # spanning header above it
    x0: float
    x1: float


@dataclass
class PRow:
    label: str
    indent: float
    cells: list[str]  # one per value column ('' when empty)
    bold: bool = False


@dataclass
class PTable:
    """A table read from a page, before it has offsets in the canonical text."""

    table_id: str | None
    caption: str | None
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom
    stub: str | None
    columns: list[PCol]
    rows: list[PRow]
    notes: list[str]
    group_line: list[str] = field(default_factory=list)  # spanning headers, rendered above the header
    continued: bool = False


# ---------------------------------------------------------------- rules from pdfplumber

def _graphics_only_layout(page) -> None:
    """Lay the pdfplumber page out without its text: pdfplumber's own interpreter and device, with
    text rendering skipped (the text comes from pypdfium2), so `page.lines/rects/curves` cost a
    fraction of a full parse (no char objects are built)."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent
    from pdfplumber.utils.exceptions import PdfminerException

    class _NoText(PDFPageAggregatorWithMarkedContent):
        def render_string(self, textstate, seq, ncs, graphicstate):  # noqa: ANN001
            return None

    device = _NoText(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    interpreter = PDFPageInterpreter(page.pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except Exception as e:
        raise PdfminerException(e) from e
    page._layout = device.get_result()


def page_rules(page) -> Rules:
    """Rules and shaded boxes of a pdfplumber page, in the page's display coordinates."""
    if not hasattr(page, "_layout"):
        _graphics_only_layout(page)
    bx0, btop = page.bbox[0], page.bbox[1]
    hp: list[tuple[float, float, float, bool]] = []
    vp: list[tuple[float, float, float]] = []
    fills: list[tuple[float, float, float, float]] = []
    objs = list(page.lines) + list(page.rects) + list(page.curves)
    for o in objs:
        x0, x1, top, bottom = o["x0"] - bx0, o["x1"] - bx0, o["top"] - btop, o["bottom"] - btop
        w, h = x1 - x0, bottom - top
        kind = o.get("object_type")
        if h <= 2.0 and w >= 3:
            hp.append(((top + bottom) / 2, x0, x1, False))
        elif w <= 2.0 and h >= 3:
            vp.append(((x0 + x1) / 2, top, bottom))
        elif kind == "rect" and w >= 3 and h >= 3:
            if o.get("fill"):
                fills.append((x0, x1, top, bottom))
                hp += [(top, x0, x1, True), (bottom, x0, x1, True)]
            if o.get("stroke") and not o.get("fill"):
                hp += [(top, x0, x1, False), (bottom, x0, x1, False)]
                vp += [(x0, top, bottom), (x1, top, bottom)]
    return Rules(_merge_h(hp), _merge_v(vp), fills)


def _merge_h(pieces: list[tuple[float, float, float, bool]]) -> list[HRule]:
    """Collinear pieces (one height within 1pt, touching on x) -> rules; the inner ends of the
    pieces are kept as `splits` (column hints: some tables rule each cell separately)."""
    pieces.sort()
    rows: list[list[tuple[float, float, float, bool]]] = []
    for p in pieces:
        if rows and abs(p[0] - rows[-1][0][0]) <= 1.0:
            rows[-1].append(p)
        else:
            rows.append([p])
    out: list[HRule] = []
    for row in rows:
        y = sum(p[0] for p in row) / len(row)
        cur: HRule | None = None
        for _, x0, x1, soft in sorted(row, key=lambda p: (p[1], p[2])):
            if cur is not None and x0 <= cur.x1 + 2.0:
                if x0 > cur.x0 + 1:
                    cur.splits.append(x0)
                if x1 > cur.x1:
                    if cur.x1 > cur.x0 + 1:
                        cur.splits.append(cur.x1)
                    cur.x1 = x1
                cur.soft = cur.soft and soft
                continue
            cur = HRule(y, x0, x1, soft=soft)
            out.append(cur)
    for r in out:
        r.splits = sorted({round(x, 1) for x in r.splits if r.x0 + 1 < x < r.x1 - 1})
    # near-duplicates (a rectangle's top edge next to a line) collapse into one rule
    out.sort(key=lambda r: r.y)
    ded: list[HRule] = []
    for r in out:
        d = next((q for q in reversed(ded[-6:]) if abs(q.y - r.y) < 2.5 and
                  min(q.x1, r.x1) - max(q.x0, r.x0) >= 0.8 * min(q.x1 - q.x0, r.x1 - r.x0)), None)
        if d is not None:
            d.soft = d.soft and r.soft
            d.splits = sorted(set(d.splits) | set(r.splits))
            d.x0, d.x1 = min(d.x0, r.x0), max(d.x1, r.x1)
            continue
        ded.append(r)
    return ded


def _merge_v(pieces: list[tuple[float, float, float]]) -> list[VRule]:
    pieces.sort()
    out: list[VRule] = []
    for x, top, bottom in pieces:
        r = next((q for q in reversed(out[-8:]) if abs(q.x - x) <= 1.5 and top <= q.bottom + 3), None)
        if r is not None:
            r.bottom = max(r.bottom, bottom)
            r.top = min(r.top, top)
            continue
        out.append(VRule(x, top, bottom))
    return out


# ---------------------------------------------------------------- text lines of a region

def line_metrics(words: list[Word]) -> tuple[float, float]:
    glyphs: list[Glyph] = [g for w in words for g in w.glyphs]
    h = _dominant_height(glyphs)
    base = sorted(g.bottom for g in glyphs if abs(g.h - h) < 0.6)
    return h, (base[len(base) // 2] if base else max(g.bottom for g in glyphs))


def text_lines(words: list[Word]) -> list[TLine]:
    """Words grouped into lines by vertical centre (superscripts stay on their line)."""
    ws = sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0))
    groups: list[list[Word]] = []
    for w in ws:
        c = (w.top + w.bottom) / 2
        if groups:
            g = groups[-1]
            gm = _median([(x.top + x.bottom) / 2 for x in g])
            gh = _median([x.h for x in g])
            if abs(c - gm) <= 0.4 * max(gh, 1) or (w.h < 0.85 * gh and w.top >= min(x.top for x in g) - 1
                                                     and w.bottom <= max(x.bottom for x in g) + 1):
                g.append(w)
                continue
        groups.append([w])
    lines = []
    for g in groups:
        g.sort(key=lambda w: w.x0)
        h, base = line_metrics(g)
        main = [w for w in g if w.h >= 0.85 * h] or g
        lines.append(TLine(g, min(w.top for w in main), max(w.bottom for w in main), g[0].x0,
                           max(w.x1 for w in g), h, base))
    for ln in lines:
        ln.text = " ".join(render_word(w, ln.h, ln.baseline) for w in ln.words)
    return lines


def chunk_line(ln: TLine, gap: float) -> list[Chunk]:
    chunks: list[list[Word]] = []
    for w in ln.words:
        if chunks and w.x0 - chunks[-1][-1].x1 <= gap:
            chunks[-1].append(w)
        else:
            chunks.append([w])
    return [Chunk(ws, " ".join(render_word(w, ln.h, ln.baseline) for w in ws), ws[0].x0, max(w.x1 for w in ws))
            for ws in chunks]


# ---------------------------------------------------------------- frames and captions

@dataclass
class Caption:
    segs: list[Segment]
    text: str
    table_id: str
    x0: float
    x1: float
    top: float
    bottom: float
    h: float


@dataclass
class Frame:
    x0: float
    x1: float
    rules: list[HRule]
    closed: bool = False
    caption: Caption | None = None
    where: str = ""  # inside | above | below

    @property
    def top(self) -> float:
        return self.rules[0].y

    @property
    def bottom(self) -> float:
        return self.rules[-1].y


def seg_text(s: Segment) -> str:
    h, base = line_metrics(s.words)
    return " ".join(render_word(w, h, base) for w in s.words)


def find_captions(segments: list[Segment]) -> list[Caption]:
    """'Table N ...' at the start of a segment: the first line of a caption (extended to its
    paragraph by `extend_caption` once the table's width is known)."""
    segs = sorted(segments, key=lambda s: (s.top, s.x0))
    out = []
    for k, s in enumerate(segs):
        t = seg_text(s)
        if not t.startswith(("Table", "TABLE")):
            continue
        if len(t.split()) <= 2:
            # a justified caption line falls apart at its wide spaces: 'Table' '1.' 'HPO ...'
            mid = (s.top + s.bottom) / 2
            right = sorted((o for o in segs[max(0, k - 20):k + 20] if o is not s and o.x0 > s.x1
                            and abs((o.top + o.bottom) / 2 - mid) < 0.3 * s.h), key=lambda o: o.x0)
            x_end = s.x1
            words = list(s.words)
            for o in right:
                if o.x0 - x_end > 1.5 * s.h:
                    break
                words += o.words
                x_end = o.x1
            if len(words) > len(s.words):
                s = Segment(words, s.x0, x_end, min(w.top for w in words), max(w.bottom for w in words))
                t = seg_text(s)
        m = CAPTION_RE.match(t)
        if not m:
            continue
        h = _median([g.h for w in s.words for g in w.glyphs])
        out.append(Caption([s], t, m.group("id"), s.x0, s.x1, s.top, s.bottom, h))
    return out


def extend_caption(c: Caption, segments: list[Segment], x0: float, x1: float, hr: list[HRule]) -> Caption:
    """The caption paragraph: the lines from its first line down, within [x0, x1], up to a gap,
    a change of type size, a rule, another caption or figure caption."""
    first = c.segs[0]
    inside = [o for o in segments if o.x0 >= x0 - 3 and o.x1 <= x1 + 3 and o.top > first.top - 0.3 * first.h]
    lines: list[list[Segment]] = []
    for o in sorted(inside, key=lambda o: ((o.top + o.bottom) / 2, o.x0)):
        if lines and abs((o.top + o.bottom) / 2 - (lines[-1][0].top + lines[-1][0].bottom) / 2) < 0.4 * first.h:
            lines[-1].append(o)
        else:
            lines.append([o])
    ids = {id(w) for w in first.words}
    block = [first]
    texts = [c.text]
    bottom, right = first.bottom, first.x1
    pitch = c.h
    for k, ln in enumerate(lines):
        ln = [o for o in ln if not (ids & {id(w) for w in o.words})]
        if not ln:
            continue
        top = min(o.top for o in ln)
        if k == 0 or top < first.top + 0.3 * first.h:
            # the rest of the first line (justified pieces)
            block += ln
            texts[0] = " ".join([texts[0]] + [seg_text(o) for o in sorted(ln, key=lambda o: o.x0)])
            right = max(right, max(o.x1 for o in ln))
            continue
        # the caption's own line spacing (double-spaced documents) bounds the gap to the next line
        if top > bottom + (1.8 * c.h if len(texts) == 1 else min(1.8 * c.h, 1.3 * pitch + 1)):
            break
        pitch = top - bottom
        t = " ".join(seg_text(o) for o in sorted(ln, key=lambda o: o.x0))
        hh = _median([o.h for o in ln])
        if abs(hh - first.h) > 0.08 * first.h or CAPTION_RE.match(t) or FIGURE_RE.match(t):
            break
        if any(bottom - 1 <= r.y <= top + 1 and r.x0 < max(o.x1 for o in ln) and r.x1 > min(o.x0 for o in ln) for r in hr):
            break
        if min(o.x0 for o in ln) > first.x0 + max(40.0, 0.25 * (right - first.x0)):
            break
        ordered = sorted(ln, key=lambda o: o.x0)
        if any(b.x0 - a.x1 > 1.5 * c.h for a, b in zip(ordered, ordered[1:])):
            break  # a line of cells (the table's header) is not caption text
        block += ln
        texts.append(t)
        bottom = max(bottom, max(o.bottom for o in ln))
        right = max(right, max(o.x1 for o in ln))
    return Caption(block, _join_wrapped(texts), c.table_id, c.x0, right, c.top, bottom, c.h)


def _join_wrapped(parts: list[str]) -> str:
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if not out:
            out = p
        elif out.endswith(("-", "\x02", "\ufffe", "\u00ad")) and p[:1].isupper():
            out = out.rstrip("\x02\ufffe\u00ad-") + "-" + p  # 'Arias-' + 'Hernandez'
        elif out.endswith(("-", "\x02", "\ufffe", "\u00ad")) and p[:1].islower():
            stem = out.rstrip("-\x02\ufffe\u00ad")
            # 'p-' + 'value' keeps its hyphen (a one-letter prefix); 'Depres-' + 'sion' loses it
            keep = re.search(r"(?:^|[\s(/-])\w$", stem)
            out = stem + ("-" if keep else "") + p
        elif out.endswith(("/", "–", "—", "−")):
            out += p
        else:
            out += " " + p
    return re.sub("[\x02\ufffe\u00ad]", "-", out)


def find_frames(rules: Rules, captions: list[Caption], page_w: float, words: list[Word] | None = None) -> list[Frame]:
    """Stacks of horizontal rules of one extent; a caption between two rules ends a stack
    (unless it is the table's own caption, inside its top), and so does an empty band taller
    than a couple of lines (a page header bar above a table is not part of it)."""
    hs = sorted((r for r in rules.h if r.x1 - r.x0 >= max(60.0, 0.12 * page_w)), key=lambda r: r.y)
    ws = sorted(words or [], key=lambda w: w.top)
    line_h = _median([w.h for w in ws]) or 10.0

    def empty_between(a: float, b: float, x0: float, x1: float) -> bool:
        return b - a > 2.2 * line_h and not any(a < (w.top + w.bottom) / 2 < b and x0 <= w.x0 and w.x1 <= x1 for w in ws)

    frames: list[Frame] = []
    for r in hs:
        f = next((f for f in reversed(frames) if not f.closed and (
            (abs(f.x0 - r.x0) <= 10 and abs(f.x1 - r.x1) <= 10)
            # rules under some columns only (a first column without rules) join the frame
            or (len(f.rules) >= 2 and r.x0 >= f.x0 - 3 and r.x1 <= f.x1 + 3 and r.x1 - r.x0 >= 0.6 * (f.x1 - f.x0)))), None)
        if f is not None:
            between = [c for c in captions if f.rules[-1].y < c.top < r.y and c.x1 > f.x0 and c.x0 < f.x1]
            if (between and len(f.rules) >= 2) or (ws and empty_between(f.rules[-1].y, r.y, f.x0, f.x1)):
                f.closed = True
                f = None
        # a wider rule across an open frame closes it
        for g in frames:
            if g is not f and not g.closed and r.x0 < g.x0 - 10 and r.x1 > g.x1 + 10:
                g.closed = True
        if f is None:
            frames.append(Frame(r.x0, r.x1, [r]))
        else:
            f.rules.append(r)
            f.x0, f.x1 = min(f.x0, r.x0), max(f.x1, r.x1)
    return [f for f in frames if len(f.rules) >= 2 and f.bottom - f.top > 8]


def frame_is_soft(f: Frame) -> bool:
    return all(r.soft for r in f.rules)


def attach_captions(frames: list[Frame], captions: list[Caption], segments: list[Segment], rules: Rules) -> list[Caption]:
    """Give each frame its caption (inside its top, just above, or just below it), extended to
    its paragraph within the frame's width; returns the captions left without a frame."""
    hr = [r for r in rules.h if r.x1 - r.x0 >= 60]
    pairs = []
    for f in frames:
        for c0 in captions:
            ov = min(f.x1, c0.x1) - max(f.x0, c0.x0)
            if not (f.x0 - 8 <= c0.x0 <= f.x0 + 0.6 * (f.x1 - f.x0)) and ov < 0.5 * min(f.x1 - f.x0, c0.x1 - c0.x0):
                continue
            c = extend_caption(c0, segments, min(f.x0, c0.x0), max(f.x1, c0.x1), hr)
            if f.top - 3 <= c.top and c.bottom <= f.rules[1].y + 2:
                pairs.append((0.0, f, c, c0, "inside"))
            elif -3 <= f.top - c.bottom <= 3.0 * c.h:
                pairs.append((f.top - c.bottom, f, c, c0, "above"))
            elif -3 <= c.top - f.bottom <= 3.0 * c.h:
                pairs.append((c.top - f.bottom + 0.5, f, c, c0, "below"))
    used_f, used_c = set(), set()
    for _, f, c, c0, where in sorted(pairs, key=lambda p: p[0]):
        if id(f) in used_f or id(c0) in used_c:
            continue
        f.caption, f.where = c, where
        used_f.add(id(f))
        used_c.add(id(c0))
    return [c for c in captions if id(c) not in used_c]


# ---------------------------------------------------------------- structure of a region

def is_value(text: str) -> bool:
    t = text.strip().rstrip("*†‡§¶#‖ᵃᵇᶜᵈᵉ")
    if DASH_CELL_RE.match(t) or t.lower() in ("not calculated", "not estimable", "ns", "n.s."):
        return True
    if re.fullmatch(r"\(\s*[nN]\s*=\s*\d+\s*\)", t):
        return False  # '(n=391)' under an arm name is a header
    if re.match(r"[nN]\s?=\s?\d", t):
        return True  # 'n=74', 'n=354, 3132.4 (581.7)': a count in a body cell
    if not VALUE_RE.match(t):
        return False
    letters = len(re.findall(r"[A-Za-z]", re.sub(r"\b(?:to|vs|n|NA|[kKMB]|e|x)\b", "", t)))
    return letters <= 2 or letters <= 0.25 * len(t)


def parse_region(words: list[Word], frame: Frame | None, rules: Rules, region: tuple[float, float, float, float],
                 caption: Caption | None, table_id: str | None, body_h: float,
                 continues: PTable | None = None) -> PTable | None:
    """The structure of the table in `region`; `continues` is the table this one continues (from
    the previous page, without a caption): when the column count matches and the first line is
    not a repeat of that table's header, the table has no header of its own and takes its
    columns."""
    x0, top, x1, bottom = region
    cap_ids = {id(w) for s in (caption.segs if caption else []) for w in s.words}
    ws = [w for w in words if id(w) not in cap_ids]
    if not ws:
        return None
    lines = text_lines(ws)
    if not lines:
        return None
    h_med = _median([ln.h for ln in lines])
    gap = 0.55 * h_med
    for ln in lines:
        ln.chunks = chunk_line(ln, gap)
    # notes: from the first small-type line or footnote-looking single line after a row line
    row_h = _median([ln.h for ln in lines if len(ln.chunks) >= 2] or [h_med])
    notes: list[str] = []
    cut = len(lines)
    seen_multi = False
    for k, ln in enumerate(lines):
        if len(ln.chunks) >= 2:
            seen_multi = True
        small = ln.h < 0.93 * row_h
        if seen_multi and k > 0 and len(ln.chunks) <= 2 and (
                (small and (ln.x1 - ln.x0) > 0.45 * (x1 - x0)) or (small and NOTE_START_RE.match(ln.text))
                or (NOTE_START_RE.match(ln.text) and (ln.x1 - ln.x0) > 0.6 * (x1 - x0) and len(ln.chunks) == 1)):
            cut = k
            break
    notes = [ln.text for ln in lines[cut:]]
    lines = lines[:cut]
    if not lines:
        return None
    inner_h = [r for r in rules.h if x0 - 3 <= r.x0 and r.x1 <= x1 + 3 and top - 2 <= r.y <= bottom + 2]
    full = sorted((r for r in inner_h if r.x1 - r.x0 >= 0.6 * (x1 - x0) and not r.soft), key=lambda r: r.y)
    bounds = _column_bounds(lines, rules, inner_h, (x0, top, x1, bottom), h_med)
    if not bounds:
        return None
    ncol = len(bounds) + 1
    edges = [x0 - 5] + bounds + [x1 + 5]
    # cells of each line
    cells_by_line: list[tuple[list[str], list[bool], str | None]] = []
    for ln in lines:
        cells = [""] * ncol
        spanning: str | None = None
        for ch in ln.chunks:
            cols = _cols_of(ch, edges, h_med)
            if len(cols) > 1 and cols[0] == 0 and len(ln.chunks) == 1:
                spanning = ch.text
                cells[0] = ch.text
                continue
            if len(cols) > 1:
                # split at word level when the words fall apart at a boundary
                for w in ch.words:
                    c = _col_at((w.x0 + w.x1) / 2, edges)
                    cells[c] = (cells[c] + " " + render_word(w, ln.h, ln.baseline)).strip()
                continue
            c = cols[0]
            cells[c] = (cells[c] + " " + ch.text).strip()
        filled = [bool(c) for c in cells]
        cells_by_line.append((cells, filled, spanning))
    # header: above the first full-width rule below the first line, or above the first line
    # with values in a value column
    first_val = next((k for k, (cells, _, sp) in enumerate(cells_by_line)
                      if sp is None and any(is_value(c) for c in cells[1:] if c)), None)
    hdr_rule = next((r for r in full if r.y > lines[0].mid and any(ln.mid > r.y for ln in lines)), None)
    if hdr_rule is not None and (first_val is None or lines[first_val].mid > hdr_rule.y) and \
            sum(ln.mid < hdr_rule.y for ln in lines) <= 6:
        n_hdr = sum(ln.mid < hdr_rule.y for ln in lines)
    elif first_val is not None and first_val <= 6:
        n_hdr = first_val
    else:
        # a table of words: the bold lines at its top, else its first line (none when it is
        # continued from the previous page and starts with a plain line)
        n_bold = next((k for k, ln in enumerate(lines) if sum(w.bold for w in ln.words) * 2 <= len(ln.words)), len(lines))
        continued = caption is None or bool(CONTINUED_RE.search(caption.text))
        n_hdr = n_bold if 0 < n_bold <= 6 else (0 if continued else min(1, len(lines) - 1))
    # a section row under the header ('Primary:') belongs to the body
    while n_hdr > 1 and (cells_by_line[n_hdr - 1][2] is not None or not any(cells_by_line[n_hdr - 1][1][1:])):
        n_hdr -= 1
    inherited = False
    if continues is not None and len(continues.columns) == ncol - 1:
        prev_hdr = {_norm(c.header) for c in continues.columns} | {_norm(continues.stub or "")}
        first_cells = {_norm(c) for c in cells_by_line[0][0] if c}
        if not (first_cells & prev_hdr - {""}):
            n_hdr, inherited = 0, True
    header_lines = lines[:n_hdr]
    partial = [r for r in inner_h if r.x1 - r.x0 < 0.6 * (x1 - x0) and not r.soft]
    stub, columns, group_line = _header(header_lines, edges, h_med, partial)
    if inherited and continues is not None:
        stub = continues.stub
        columns = [PCol(pc.header, pc.group, c.x0, c.x1) for pc, c in zip(continues.columns, columns)]
        group_line = []
    # body rows
    body = list(range(n_hdr, len(lines)))
    row_rules = [r.y for r in full if r.y > (lines[n_hdr - 1].bottom if n_hdr else top)]
    rows = _rows(lines, cells_by_line, body, row_rules, h_med, edges)
    if not rows:
        return None
    # drop empty trailing columns (nothing in header or body)
    keep = [k for k in range(1, ncol) if columns[k - 1].header or any(r.cells[k - 1] for r in rows)]
    columns = [columns[k - 1] for k in keep]
    for r in rows:
        r.cells = [r.cells[k - 1] for k in keep]
    if not columns:
        return None
    cap_text = caption.text if caption else None
    return PTable(table_id, cap_text, region, stub, columns, rows, notes, group_line,
                  continued=bool(cap_text and CONTINUED_RE.search(cap_text)))


def _norm(s: str) -> str:
    return re.sub(r"\W+", "", s.lower())


def _col_at(x: float, edges: list[float]) -> int:
    for k in range(len(edges) - 1):
        if x < edges[k + 1]:
            return k
    return len(edges) - 2


def _cols_of(ch: Chunk, edges: list[float], h: float) -> list[int]:
    out = []
    for k in range(len(edges) - 1):
        a, b = edges[k], edges[k + 1]
        ov = min(b, ch.x1) - max(a, ch.x0)
        if ov > min(0.4 * h, 0.5 * (ch.x1 - ch.x0)):
            out.append(k)
    return out or [_col_at((ch.x0 + ch.x1) / 2, edges)]


def _column_bounds(lines: list[TLine], rules: Rules, inner_h: list[HRule], region, h: float) -> list[float]:
    x0, top, x1, bottom = region
    height = bottom - top
    # 1. vertical rules inside the region
    vs = [v for v in rules.v if x0 + 4 < v.x < x1 - 4 and min(v.bottom, bottom) - max(v.top, top) > 0.25 * height]
    if vs:
        xs = _cluster(sorted(v.x for v in vs), 2.0)
        if xs:
            return xs
    # 2. points where row rules are split, and edges of shaded cells, seen at least twice
    pts = [s for r in inner_h for s in r.splits if x0 + 4 < s < x1 - 4]
    pts += [fx for (fa, fb, ft, fbm) in rules.fills if ft >= top - 2 and fbm <= bottom + 2 and fb - fa < 0.95 * (x1 - x0)
            for fx in (fa, fb) if x0 + 4 < fx < x1 - 4]
    if pts:
        xs = _cluster(sorted(pts), 2.0, min_count=2)
        # a hint counts only where no chunk of a multi-chunk line crosses it
        multi = [c for ln in lines if len(ln.chunks) >= 2 for c in ln.chunks]
        xs = [x for x in xs if sum(c.x0 + 1 < x < c.x1 - 1 for c in multi) <= max(1, len(multi) // 20)]
        if xs:
            return xs
    # 3. whitespace rivers between the chunks of lines that have several chunks
    multi_lines = [ln for ln in lines if len(ln.chunks) >= 2]
    if len(multi_lines) < 2:
        return []
    spans = sorted((c.x0, c.x1) for ln in multi_lines for c in ln.chunks)
    gaps = []
    reach = spans[0][1]
    for a, b in spans[1:]:
        if a - reach >= 0.3 * h:
            gaps.append((reach, a))
        reach = max(reach, b)
    return [(a + b) / 2 for a, b in gaps]


def _cluster(xs: list[float], tol: float, min_count: int = 1) -> list[float]:
    out: list[list[float]] = []
    for x in xs:
        if out and x - out[-1][-1] <= tol:
            out[-1].append(x)
        else:
            out.append([x])
    return [sum(g) / len(g) for g in out if len(g) >= min_count]


def _header(lines: list[TLine], edges: list[float], h: float, partial: list[HRule]) -> tuple[str | None, list[PCol], list[str]]:
    ncol = len(edges) - 1
    parts: list[list[str]] = [[] for _ in range(ncol)]
    groups: list[tuple[int, int, str]] = []
    for ln in lines:
        for ch in ln.chunks:
            cols = _cols_of(ch, edges, h)
            # a header underlined by a partial rule spans the columns under the rule
            if ln is not lines[-1]:
                r = next((r for r in partial if ln.bottom - 2 <= r.y <= ln.bottom + 1.5 * h
                          and r.x0 <= ch.x0 + 3 and r.x1 >= ch.x1 - 3), None)
                if r is not None:
                    under = [k for k in range(ncol) if r.x0 - 3 <= (edges[k] + edges[k + 1]) / 2 <= r.x1 + 3
                             or (k and r.x0 - 3 <= edges[k] + 1 and edges[k + 1] - 1 <= r.x1 + 3)]
                    if len(under) > 1:
                        groups.append((under[0], under[-1], ch.text))
                        continue
            if len(cols) > 1 and not (cols[0] == 0 and len(ln.chunks) == 1 and len(lines) == 1):
                # a spanning header ('EPDS score' over two arm columns): group label
                if ln is lines[-1] and len(lines) > 1:
                    for w in ch.words:
                        c = _col_at((w.x0 + w.x1) / 2, edges)
                        parts[c].append(render_word(w, ln.h, ln.baseline))
                    continue
                groups.append((cols[0], cols[-1], ch.text))
                continue
            parts[cols[0]].append(ch.text)
    cols = []
    for k in range(1, ncol):
        g = next((t for a, b, t in groups if a <= k <= b and b > a), None)
        cols.append(PCol(_join_wrapped(parts[k]), g, edges[k], edges[k + 1]))
    stub = _join_wrapped(parts[0]) or None
    return stub, cols, [t for _, _, t in groups]


def _rows(lines: list[TLine], cells_by_line, body: list[int], row_rules: list[float], h: float,
          edges: list[float]) -> list[PRow]:
    # bands between row rules
    bands: list[list[int]] = []
    for k in body:
        mid = lines[k].mid
        band = sum(y < mid for y in row_rules)
        if bands and bands[-1] and sum(y < lines[bands[-1][0]].mid for y in row_rules) == band:
            bands[-1].append(k)
        else:
            bands.append([k])
    rows: list[PRow] = []
    stub_x = min((lines[k].x0 for k in body), default=edges[0])

    def row_lines(band):
        return [k for k in band if cells_by_line[k][0][0] and any(is_value(c) for c in cells_by_line[k][0][1:] if c)]

    # rules under every row (most bands hold one row): then a band is one row even when its
    # wrapped cells put a label and a number on several lines
    row_ruled = len(bands) >= 3 and sum(len(row_lines(b)) <= 1 for b in bands) >= 0.6 * len(bands)
    for band in bands:
        nfill = {k: sum(bool(c) for c in cells_by_line[k][0][1:]) for k in band}
        # lines that hold a row of values each (two or more value cells)
        value_lines = [k for k in band if sum(is_value(c) for c in cells_by_line[k][0][1:] if c) >= 2]
        # a band between row rules is one row, unless several of its lines are rows of their own
        # (a label and a value each: a booktabs body between its midrule and bottom rule)
        single = len(row_rules) >= 2 and len(value_lines) <= 1 and (row_ruled or len(row_lines(band)) <= 1)
        # a band with several rows and cells that span them (multirow): those cells sit on lines
        # of their own between the rows; they are copied into every row of the band
        shared: dict[int, str] = {}
        if len(row_rules) >= 2 and len(value_lines) >= 2:
            top_n = max(nfill.values())
            anchors = [k for k in band if nfill[k] >= max(2, top_n - 1)]
            for k in (band if anchors else []):
                if k in anchors:
                    continue
                cells = cells_by_line[k][0]
                filled = [j for j, c in enumerate(cells) if c]
                if filled and all(not cells_by_line[a][0][j] for a in anchors for j in filled) and \
                        lines[anchors[0]].mid < lines[k].mid < lines[anchors[-1]].mid:
                    for j in filled:
                        shared[j] = cells[j]
            band = [k for k in band if k in anchors or not any(j in shared for j, c in enumerate(cells_by_line[k][0]) if c)]
        cur: PRow | None = None
        for k in band:
            cells = list(cells_by_line[k][0])
            for j, v in shared.items():
                if not cells[j]:
                    cells[j] = v
            ln = lines[k]
            label = cells[0]
            vals = cells[1:]
            has_vals = any(vals)
            indent = max(0.0, ln.chunks[0].x0 - stub_x) if cells_by_line[k][0][0] and ln.chunks else 0.0
            if cur is not None and (single or _continues(cur, label, has_vals, vals, ln, lines[k - 1], h)):
                if label:
                    cur.label = _join_wrapped([cur.label, label])
                for j, v in enumerate(vals):
                    if v:
                        cur.cells[j] = _join_wrapped([cur.cells[j], v]) if cur.cells[j] else v
                continue
            cur = PRow(label, round(indent, 1), list(vals), bold=sum(w.bold for w in ln.words) * 2 > len(ln.words))
            rows.append(cur)
    return rows


def _continues(cur: PRow, label: str, has_vals: bool, vals: list[str], ln: TLine, prev: TLine, h: float) -> bool:
    """Is this line the continuation of the current row (a wrapped label or cell)?"""
    if ln.top - prev.bottom > 0.6 * h:
        return False
    if label and not has_vals:
        return bool(re.search(r"[-/,(]$|\b(?:and|or|of|with|in|to|for|the|at)$", cur.label) or label[:1].islower())
    if not label and has_vals:
        # wrapped text cells: every value goes into a cell the row already has, and is words
        return all((not v) or (cur.cells[j] and not is_value(v)) for j, v in enumerate(vals))
    return False


# ---------------------------------------------------------------- tables of a page

def tabular_score(segments: list[Segment]) -> int:
    """Lines with three or more separate segments: a cheap sign of a table on the page."""
    rows: dict[int, int] = {}
    for s in segments:
        k = int((s.top + s.bottom) / 2 // 4)
        rows[k] = rows.get(k, 0) + 1
    return sum(1 for v in rows.values() if v >= 3)


def page_tables(words: list[Word], segments: list[Segment], rules: Rules, page_w: float, page_h: float,
                prev: PTable | None) -> list[PTable]:
    """Tables of one page, top to bottom."""
    captions = find_captions(segments)
    frames = find_frames(rules, captions, page_w, words)
    left = attach_captions(frames, captions, segments, rules)
    body_h = _median([s.h for s in segments]) or 10.0
    out: list[PTable] = []
    for f in sorted(frames, key=lambda f: f.top):
        c = f.caption
        x0, x1 = f.x0, f.x1
        top, bottom = f.top, f.bottom
        if c is not None:
            x0, x1 = min(x0, c.x0), max(x1, c.x1)
            top, bottom = min(top, c.top), max(bottom, c.bottom)
        # footnotes right under the frame
        if c is None or f.where != "below":
            bottom = _notes_below(segments, x0, x1, f.bottom, body_h, bottom)
        region = (x0 - 1, top - 1, x1 + 1, bottom + 1)
        inside = [w for w in words if x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1 and top - 1 <= (w.top + w.bottom) / 2 <= bottom + 1]
        cont = prev if c is None and prev is not None and f.top < 0.3 * page_h else None
        tid = f"Table {c.table_id}" if c is not None else (cont.table_id if cont is not None else None)
        t = parse_region(inside, f, rules, region, c, tid, body_h, cont)
        if t is None:
            continue
        # a frame without a caption is a table only when it is clearly tabular
        if c is None:
            nval = sum(1 for r in t.rows if sum(bool(v) for v in r.cells) >= 2)
            if len(t.columns) < 2 or nval < 3 or frame_is_soft(f):
                continue
            if tid is not None:
                t.continued = True
        out.append(t)
        prev = t
    # captions without any rules: the aligned lines under the caption
    for c0 in left:
        if any(t.bbox[1] - 2 <= c0.top <= t.bbox[3] + 2 and t.bbox[0] - 2 <= c0.x0 <= t.bbox[2] for t in out):
            continue
        found = _ruleless(c0, segments, words, rules, page_w, body_h)
        if found is not None:
            out.append(found)
    out.sort(key=lambda t: t.bbox[1])
    return out


def _ruleless(c0: Caption, segments: list[Segment], words: list[Word], rules: Rules, page_w: float,
              body_h: float) -> PTable | None:
    """A captioned table drawn without any rule: the lines under the caption paragraph that are
    made of several separate segments (cells), up to a paragraph line, a wide gap or another
    caption. Only where the caption has no column of text beside it (a neighbouring column's
    lines would look like cells)."""
    mid = (c0.top + c0.bottom) / 2
    if any(s.x0 > c0.x1 + 4 and abs((s.top + s.bottom) / 2 - mid) < 2 * c0.h for s in segments):
        return None
    c = extend_caption(c0, segments, c0.x0 - 3, page_w, [])
    lines: list[list[Segment]] = []
    for s in sorted((s for s in segments if s.top > c.bottom - 1 and s.x0 >= c.x0 - 10), key=lambda s: ((s.top + s.bottom) / 2, s.x0)):
        if lines and abs((s.top + s.bottom) / 2 - (lines[-1][0].top + lines[-1][0].bottom) / 2) < 0.4 * s.h:
            lines[-1].append(s)
        else:
            lines.append([s])
    kept: list[list[Segment]] = []
    bottom = c.bottom
    for ln in lines:
        top = min(s.top for s in ln)
        h = _median([s.h for s in ln]) or body_h
        if top - bottom > 2.5 * h:
            break
        t = " ".join(seg_text(s) for s in sorted(ln, key=lambda s: s.x0))
        if CAPTION_RE.match(t) or FIGURE_RE.match(t):
            break
        if len(ln) == 1 and len(t.split()) >= 8 and not re.search(r"\d", t[-12:]):
            break  # a line of running text
        kept.append(ln)
        bottom = max(s.bottom for s in ln)
    while kept and len(kept[-1]) == 1:
        kept.pop()  # trailing label-only lines are not rows of this table
    if sum(len(ln) >= 2 for ln in kept) < 3:
        return None
    x0 = min(c.x0, min(s.x0 for ln in kept for s in ln))
    x1 = max(c.x1, max(s.x1 for ln in kept for s in ln))
    bottom = _notes_below(segments, x0, x1, max(s.bottom for s in kept[-1]), body_h, max(s.bottom for s in kept[-1]))
    region = (x0 - 1, c.top - 1, x1 + 1, bottom + 1)
    inside = [w for w in words if x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1 and c.top - 1 <= (w.top + w.bottom) / 2 <= bottom + 1]
    t = parse_region(inside, None, Rules([], [], []), region, c, f"Table {c.table_id}", body_h)
    if t is None or len(t.columns) < 1 or sum(1 for r in t.rows if any(r.cells)) < 2:
        return None
    return t


def _notes_below(segments: list[Segment], x0: float, x1: float, y: float, body_h: float, bottom: float) -> float:
    below = sorted((s for s in segments if s.top >= y - 1 and x0 - 2 <= s.x0 and s.x1 <= x1 + 2), key=lambda s: s.top)
    cur = y
    first = True
    h0 = None
    for s in below:
        if s.top - cur > (1.0 if first else 0.8) * max(s.h, 1):
            break
        t = seg_text(s)
        if first:
            if not (s.h < 0.95 * body_h or NOTE_START_RE.match(t)):
                break
            h0 = s.h
        elif h0 is not None and abs(s.h - h0) > 0.2 * h0:
            break
        if CAPTION_RE.match(t) or FIGURE_RE.match(t):
            break
        cur = max(cur, s.bottom)
        bottom = max(bottom, s.bottom)
        first = False
    return bottom
