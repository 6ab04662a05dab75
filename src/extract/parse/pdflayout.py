"""PDF page layout: glyphs from pypdfium2, words, segments, reading order, lines.

Plain functions over small slot classes, no pdfium objects past `page_glyphs`. Coordinates are
display coordinates in PDF points with the origin at the top left of the (rotated) page, the same
system pdfplumber uses, so table geometry from pdfplumber and text from pdfium line up.

The pipeline for one page:

    page_glyphs(page)      pdfium characters with loose boxes (the font's ascent/descent box, so
                           every glyph of one font size has the same height), bold flag; generated
                           line breaks dropped, spaces kept as word breaks, rotated text dropped
    build_words(glyphs)    runs of glyphs in content order that touch on one line
    build_segments(words)  runs of words on one line with word-sized gaps (a column gutter or a
                           table gap ends a segment)
    reading_order(items)   recursive XY-cut: full-height vertical gutters first (columns read
                           left to right), else horizontal whitespace cuts, with consecutive
                           horizontal strips that share a gutter merged back into one column band
    block_lines(block)     text lines of one block, superscripts marked from the line's own
                           dominant glyph height
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

# soft hyphens as PDF text layers deliver them: pdfium's hyphen marker (0x02), U+FFFE, U+00AD
SOFT_HYPHENS = "\x02\ufffe\u00ad"
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
SUP_DIGITS = str.maketrans("0123456789+-−=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾")


@dataclass(slots=True)
class Glyph:
    c: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool = False
    h: float = 0.0  # bottom - top

    def __post_init__(self) -> None:
        self.h = self.bottom - self.top


@dataclass(slots=True)
class Word:
    glyphs: list[Glyph]
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def h(self) -> float:
        return self.bottom - self.top

    @property
    def raw(self) -> str:
        return "".join(g.c for g in self.glyphs)

    @property
    def bold(self) -> bool:
        return sum(g.bold for g in self.glyphs) * 2 > len(self.glyphs)


@dataclass(slots=True)
class Segment:
    """Words on one line, close together: the unit of layout analysis."""

    words: list[Word]
    x0: float
    x1: float
    top: float
    bottom: float
    kind: str = "text"  # text | table (a placeholder for a table region)
    ref: object = None  # the table a placeholder stands for

    @property
    def h(self) -> float:
        return self.bottom - self.top

    @property
    def raw(self) -> str:
        return " ".join(w.raw for w in self.words)


@dataclass(slots=True)
class Line:
    segments: list[Segment]
    x0: float
    x1: float
    top: float
    bottom: float
    text: str = ""
    height: float = 0.0  # dominant glyph height (font size proxy)
    bold: bool = False
    flags: set[str] = field(default_factory=set)


# ---------------------------------------------------------------- glyphs (pypdfium2)

def page_transform(page) -> tuple[float, float, float, float, int]:
    """(x0, y0, x1, y1, rotation) of a pdfium page: its media box (the box pdfplumber measures
    from, so both libraries agree) and /Rotate in degrees."""
    cx0, cy0, cx1, cy1 = page.get_mediabox()
    return cx0, cy0, cx1, cy1, page.get_rotation() % 360


def to_display(box: tuple[float, float, float, float], tf: tuple[float, float, float, float, int]):
    """A box (left, bottom, right, top) in PDF user space -> (x0, x1, top, bottom) on the displayed
    page (origin top left, y down), honouring the crop box and the page's /Rotate."""
    left, bottom, right, top = box
    cx0, cy0, cx1, cy1, rot = tf
    if rot == 90:
        return bottom - cy0, top - cy0, left - cx0, right - cx0
    if rot == 180:
        return cx1 - right, cx1 - left, bottom - cy0, top - cy0
    if rot == 270:
        return cy1 - top, cy1 - bottom, cx1 - right, cx1 - left
    return left - cx0, right - cx0, cy1 - top, cy1 - bottom


def display_size(tf) -> tuple[float, float]:
    cx0, cy0, cx1, cy1, rot = tf
    w, h = cx1 - cx0, cy1 - cy0
    return (h, w) if rot in (90, 270) else (w, h)


def page_glyphs(page, textpage) -> list[Glyph]:
    """Characters of a pdfium page in content order. Spaces (real or generated) become Glyph(' ')
    word breaks; line breaks are dropped (lines are rebuilt from geometry); glyphs that are not
    upright on the displayed page (margin stamps, rotated labels) are dropped. Two ctypes calls
    per character; the angle and the weight are read once per word (they change with the text
    object, not within a word)."""
    import ctypes

    import pypdfium2.raw as R

    tf = page_transform(page)
    cx0, cy0, cx1, cy1, rot = tf
    raw = textpage.raw
    n = R.FPDFText_CountChars(raw)
    rect = R.FS_RECTF()
    pr = ctypes.byref(rect)
    matrix = R.FS_MATRIX()
    pm = ctypes.byref(matrix)
    get_u, get_box, get_angle, get_weight = (R.FPDFText_GetUnicode, R.FPDFText_GetLooseCharBox,
                                             R.FPDFText_GetCharAngle, R.FPDFText_GetFontWeight)
    out: list[Glyph] = []
    space = Glyph(" ", 0, 0, 0, 0)
    word_start = True
    upright = True
    bold = False
    for i in range(n):
        u = get_u(raw, i)
        if u == 10 or u == 13:
            continue  # pdfium's line breaks: lines are rebuilt from geometry (a raised '¹' is no break)
        if u <= 32 and u != 2 or u in (0xA0, 0x3000) or 0x2000 <= u <= 0x200B or u in (0x2028, 0x2029, 0x202F, 0x205F):
            if not word_start:
                out.append(space)
                word_start = True
            continue
        if word_start:
            ang = (math.degrees(get_angle(raw, i)) + rot) % 360
            upright = min(ang, 360 - ang) <= 5
            if not upright:
                # pdfium reports slanted (synthetic italic) glyphs as rotated: take the baseline
                # direction from the text matrix instead
                R.FPDFText_GetMatrix(raw, i, pm)
                ang = (math.degrees(math.atan2(-matrix.b, matrix.a)) + rot) % 360
                upright = min(ang, 360 - ang) <= 5
            bold = get_weight(raw, i) >= 600
            word_start = False
        if not upright:
            continue
        get_box(raw, i, pr)
        left, bottom, right, top = rect.left, rect.bottom, rect.right, rect.top
        if right - left <= 0 and top - bottom <= 0:
            continue
        if rot == 0:
            g = Glyph(chr(u), left - cx0, right - cx0, cy1 - top, cy1 - bottom, bold)
        else:
            x0, x1, t, b = to_display((left, bottom, right, top), tf)
            g = Glyph(chr(u), x0, x1, t, b, bold)
        out.append(g)
    return out


def page_graphics(page, tf) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, x1, top, bottom) of the page's top-level paths, images and shadings: where
    figures are drawn. Boxes covering most of the page (backgrounds) are left out."""
    import pypdfium2.raw as R

    W, H = display_size(tf)
    out = []
    for o in page.get_objects(filter=[R.FPDF_PAGEOBJ_PATH, R.FPDF_PAGEOBJ_IMAGE, R.FPDF_PAGEOBJ_SHADING], max_depth=1):
        left, bottom, right, top = o.get_bounds()
        x0, x1, t, b = to_display((left, bottom, right, top), tf)
        if (x1 - x0) * (b - t) > 0.8 * W * H:
            continue
        out.append((x0, x1, t, b))
    return out


# ---------------------------------------------------------------- words and segments

def _same_line(a: Glyph | Word, b: Glyph | Word) -> bool:
    ov = min(a.bottom, b.bottom) - max(a.top, b.top)
    return ov >= 0.5 * min(a.bottom - a.top, b.bottom - b.top)


# spacing accents that LaTeX fonts draw as a glyph of their own over the letter ('Fa¨rber')
ACCENTS = {"¨": "\u0308", "´": "\u0301", "`": "\u0300", "ˆ": "\u0302", "˜": "\u0303", "¸": "\u0327",
           "˘": "\u0306", "ˇ": "\u030c", "˚": "\u030a", "˙": "\u0307", "˝": "\u030b", "¯": "\u0304"}


def attach_accents(glyphs: list[Glyph]) -> list[Glyph]:
    """Compose a spacing accent drawn over (or under) a letter with that letter: 'a' + '¨' -> 'ä'."""
    import unicodedata

    if not any(g.c in ACCENTS for g in glyphs):
        return glyphs
    out: list[Glyph] = []
    for k, g in enumerate(glyphs):
        if g.c not in ACCENTS:
            out.append(g)
            continue
        cx = (g.x0 + g.x1) / 2
        base = None
        for j in list(range(max(0, k - 12), k)) + list(range(k + 1, min(len(glyphs), k + 3))):
            b = glyphs[j]
            if b.c.isalpha() and b.x0 - 0.5 <= cx <= b.x1 + 0.5 and abs(b.top - g.top) < 1.5 * max(b.h, 1):
                base = b
                break
        if base is None:
            out.append(g)
            continue
        base.c = unicodedata.normalize("NFC", base.c + ACCENTS[g.c])
    return out


def build_words(glyphs: list[Glyph]) -> list[Word]:
    glyphs = attach_accents(glyphs)
    words: list[Word] = []
    cur: list[Glyph] = []

    def close():
        if cur:
            words.append(Word(list(cur), min(g.x0 for g in cur), max(g.x1 for g in cur),
                              min(g.top for g in cur), max(g.bottom for g in cur)))
            cur.clear()

    for g in glyphs:
        if g.c == " ":
            close()
            continue
        if cur:
            last = cur[-1]
            gap = g.x0 - last.x1
            h = min(g.h, last.h) or 1.0
            # ligature parts share one box (x0 equal), kerning overlaps a little
            if not (_same_line(last, g) and g.x0 >= last.x0 - 0.1 * h and gap <= 0.18 * max(g.h, last.h)):
                close()
        cur.append(g)
    close()
    return words


def build_segments(words: list[Word], gap_factor: float = 0.6) -> list[Segment]:
    """Runs of words in content order on one line whose gaps are word gaps, not gutters."""
    segs: list[Segment] = []
    cur: list[Word] = []

    def close():
        if cur:
            segs.append(Segment(list(cur), min(w.x0 for w in cur), max(w.x1 for w in cur),
                                min(w.top for w in cur), max(w.bottom for w in cur)))
            cur.clear()

    for w in words:
        if cur:
            last = cur[-1]
            gap = w.x0 - last.x1
            h = cur[0].h
            if not (_same_line(last, w) and -0.2 * h <= gap <= gap_factor * h):
                close()
        cur.append(w)
    close()
    return segs


def merge_justified(segs: list[Segment]) -> list[Segment]:
    """Join the pieces of a justified line that its wide spaces split into segments: two pieces
    on one line, less than three line heights apart, whose gap the lines just above and below
    run across (a column gutter is a gap that they leave open too)."""
    import bisect

    text = sorted((s for s in segs if s.kind == "text"), key=lambda s: s.top)
    if len(text) < 3:
        return segs
    tops = [s.top for s in text]
    rows: list[list[Segment]] = []
    for s in sorted(text, key=lambda s: ((s.top + s.bottom) / 2, s.x0)):
        if rows and abs((s.top + s.bottom) / 2 - (rows[-1][0].top + rows[-1][0].bottom) / 2) < 0.35 * max(s.h, 1):
            rows[-1].append(s)
        else:
            rows.append([s])
    out: list[Segment] = [s for s in segs if s.kind != "text"]
    for row in rows:
        row.sort(key=lambda s: s.x0)
        cur = row[0]
        for nxt in row[1:]:
            h = max(min(cur.h, nxt.h), 1.0)
            gap = nxt.x0 - cur.x1
            merged = False
            if 0 <= gap <= 3 * h and abs(cur.h - nxt.h) < 0.3 * h:
                lo = bisect.bisect_left(tops, cur.top - 3 * h)
                hi = bisect.bisect_right(tops, cur.bottom + 3 * h)
                across = sum(1 for o in text[lo:hi] if o is not cur and o is not nxt
                             and abs(o.top - cur.top) > 0.5 * h and o.x0 <= cur.x1 + 1 and o.x1 >= nxt.x0 - 1)
                if across >= 2:
                    cur = Segment(cur.words + nxt.words, cur.x0, max(cur.x1, nxt.x1), min(cur.top, nxt.top),
                                  max(cur.bottom, nxt.bottom))
                    merged = True
            if not merged:
                out.append(cur)
                cur = nxt
        out.append(cur)
    return out


def _core_height(words: list[Word]) -> float:
    hs = sorted(g.h for w in words for g in w.glyphs)
    return hs[len(hs) // 2] if hs else 1.0


# ---------------------------------------------------------------- reading order

def _gaps(spans: list[tuple[float, float]], lo: float, hi: float, min_gap: float) -> list[tuple[float, float]]:
    """Interior gaps of at least `min_gap` in the union of 1-D spans."""
    out = []
    spans = sorted(spans)
    reach = spans[0][1]
    for a, b in spans[1:]:
        if a - reach >= min_gap:
            out.append((reach, a))
        reach = max(reach, b)
    return [(a, b) for a, b in out if a > lo and b < hi]


def _x_gaps(items, min_gap):
    lo = min(i.x0 for i in items)
    hi = max(i.x1 for i in items)
    return _gaps([(i.x0, i.x1) for i in items], lo, hi, min_gap)


def _median(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[len(xs) // 2] if xs else 0.0


@dataclass(slots=True)
class Block:
    segs: list[Segment]
    x0: float
    x1: float
    top: float
    bottom: float
    last_top: float  # top of its last line

    def add(self, s: Segment) -> None:
        self.segs.append(s)
        self.x0, self.x1 = min(self.x0, s.x0), max(self.x1, s.x1)
        self.last_top = max(self.last_top, s.top) if s.top > self.bottom - 0.5 * s.h else self.last_top
        self.top, self.bottom = min(self.top, s.top), max(self.bottom, s.bottom)


def build_blocks(items: list[Segment]) -> list[Block]:
    """Segments -> blocks: runs of lines of one column, close together. A line joins a block when
    it starts just below it (or on its last line) and lies within its width, or when the block
    is a single short line above it (a heading over its paragraph); never when another segment
    on the same line also lies within that width (the line then belongs to a band of columns)."""
    segs = sorted(items, key=lambda s: (s.top, s.x0))
    blocks: list[Block] = []
    by_line: list[Segment] = [s for s in segs if s.kind == "text"]
    for s in segs:
        if s.kind != "text":
            blocks.append(Block([s], s.x0, s.x1, s.top, s.bottom, s.top))
            continue
        h = max(s.h, 1.0)
        best: Block | None = None
        best_gap = 1e9
        for bl in reversed(blocks[-40:]):
            if bl.segs[0].kind != "text":
                continue
            gap = s.top - bl.bottom
            if gap > 0.8 * h or s.top < bl.last_top - 0.3 * h:
                continue
            inside = s.x0 >= bl.x0 - 1.5 * h and s.x1 <= bl.x1 + 1.5 * h
            heading = len(bl.segs) == 1 and abs(s.x0 - bl.x0) <= 2 * h and bl.x1 <= s.x1 + 1.5 * h
            if not (inside or heading):
                continue
            lo, hi = min(bl.x0, s.x0), max(bl.x1, s.x1)
            same_line_rival = any(t is not s and min(t.bottom, s.bottom) - max(t.top, s.top) > 0.5 * min(t.h, s.h)
                                  and (t.x1 < s.x0 or t.x0 > s.x1) and t.x0 >= lo - 1 and t.x1 <= hi + 1
                                  and not (t in bl.segs) for t in by_line if abs(t.top - s.top) < 2 * h)
            if same_line_rival and gap > -0.5 * h:
                continue
            if gap < best_gap:
                best, best_gap = bl, gap
        if best is None:
            blocks.append(Block([s], s.x0, s.x1, s.top, s.bottom, s.top))
        else:
            best.add(s)
    return blocks


def reading_order(items: list[Segment], min_vgap: float = 0.0) -> list[list[Segment]]:
    """Blocks (lists of segments) in reading order, by Breuel's rules for column layouts: a block
    comes before another if they overlap horizontally and it is above; or if it lies entirely to
    the left and no third block between them vertically overlaps both horizontally (a full-width
    title or table separates the column bands above it from those below). Ties go to the block
    that starts higher. Works for layouts that no recursive cut separates (a sidebar beside the
    abstract, a box across two of three columns)."""
    blocks = build_blocks(items)
    n = len(blocks)
    if n <= 1:
        return [b.segs for b in blocks]
    before: list[set[int]] = [set() for _ in range(n)]  # before[j]: blocks that must precede j
    line_h = _median([s.h for s in items if s.kind == "text"]) or 10.0

    def xov(a: Block, b: Block) -> bool:
        return min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5

    for i, a in enumerate(blocks):
        for j, b in enumerate(blocks):
            if i == j:
                continue
            if xov(a, b):
                if a.bottom <= b.top + 0.5 * min(a.bottom - a.top, b.bottom - b.top, 6.0) and a.top < b.top:
                    before[j].add(i)
            elif a.x1 <= b.x0:
                if b.top < a.top - 3 * line_h:
                    continue  # b starts well above a (a box low in the left columns): no order
                lo, hi = min(a.top, b.top), max(a.bottom, b.bottom)
                blocked = any(k != i and k != j and xov(c, a) and xov(c, b) and
                              ((a.bottom <= c.top + 1 and c.bottom <= b.top + 1) or (b.bottom <= c.top + 1 and c.bottom <= a.top + 1))
                              for k, c in enumerate(blocks) if lo <= c.top <= hi)
                if not blocked:
                    before[j].add(i)
    order: list[int] = []
    done: set[int] = set()
    remaining = set(range(n))
    last_text = ""
    while remaining:
        ready = [j for j in remaining if before[j] <= done]
        if not ready:  # a cycle (overlapping blocks): take the highest, leftmost
            ready = list(remaining)
        # a sentence left open at the end of a column goes on in the block that starts in lower case
        cont = [k for k in ready if blocks[k].segs[0].kind == "text" and _first_char(blocks[k]).islower()]
        if cont and last_text and last_text[-1] not in ".!?:;" and len(cont) < len(ready):
            ready = cont
        j = min(ready, key=lambda k: (round(blocks[k].x0 / 10), blocks[k].top))
        order.append(j)
        done.add(j)
        remaining.discard(j)
        if blocks[j].segs[0].kind == "text":
            last = max(blocks[j].segs, key=lambda s: (round(s.top), s.x1))
            last_text = last.words[-1].raw if last.words else ""
        else:
            last_text = ""
    return [blocks[j].segs for j in order]


def _first_char(b: Block) -> str:
    first = min(b.segs, key=lambda s: (round(s.top), s.x0))
    return first.words[0].raw[:1] if first.words else ""


# ---------------------------------------------------------------- lines of a block

def block_lines(block: list[Segment]) -> list[Line]:
    """Group a block's segments into lines (by vertical centre), left to right."""
    segs = sorted(block, key=lambda s: ((s.top + s.bottom) / 2, s.x0))
    lines: list[Line] = []
    for s in segs:
        c = (s.top + s.bottom) / 2
        if lines:
            ln = lines[-1]
            lc = (ln.top + ln.bottom) / 2
            if abs(c - lc) <= 0.35 * max(min(s.h, ln.bottom - ln.top), 1):
                ln.segments.append(s)
                ln.x0, ln.x1 = min(ln.x0, s.x0), max(ln.x1, s.x1)
                ln.top, ln.bottom = min(ln.top, s.top), max(ln.bottom, s.bottom)
                continue
        lines.append(Line([s], s.x0, s.x1, s.top, s.bottom))
    for ln in lines:
        ln.segments.sort(key=lambda s: s.x0)
        render_line(ln)
    return lines


def _dominant_height(glyphs: list[Glyph]) -> float:
    buckets: dict[float, int] = {}
    for g in glyphs:
        k = round(g.h * 2) / 2
        buckets[k] = buckets.get(k, 0) + 1
    return max(buckets.items(), key=lambda kv: (kv[1], kv[0]))[0] if buckets else 1.0


def render_line(ln: Line) -> None:
    """The text of a line: words joined by spaces, ligatures expanded, superscripts marked
    (exponents after '× 10' as '^6', other superscript digits as Unicode superscripts)."""
    glyphs = [g for s in ln.segments for w in s.words for g in w.glyphs]
    h = _dominant_height(glyphs)
    base = sorted(g.bottom for g in glyphs if abs(g.h - h) < 0.6)
    baseline = base[len(base) // 2] if base else ln.bottom
    ln.height = h
    ln.bold = sum(g.bold for g in glyphs) * 2 > len(glyphs)
    words = [w for s in ln.segments for w in s.words]
    parts = []
    for w in words:
        parts.append(render_word(w, h, baseline))
    ln.text = " ".join(p for p in parts if p)


def _is_sup(g: Glyph, h: float, baseline: float) -> bool:
    return g.h < 0.85 * h and g.bottom < baseline - 0.18 * h


def render_word(w: Word, h: float, baseline: float) -> str:
    out: list[str] = []
    sup_run: list[str] = []

    def flush():
        if not sup_run:
            return
        s = "".join(sup_run)
        prev = "".join(out)
        if re.fullmatch(r"[-−–]?\d{1,3}", s) and re.search(r"(?:^|[×x·*]\s?)10$", prev) and (
                re.search(r"\d\s?[×x·*]\s?10$", prev) or prev == "10" or s[0] in "-−–"):
            out.append("^" + s.replace("−", "-").replace("–", "-"))
        elif re.fullmatch(r"[0-9+\-−=()]+", s):
            out.append(s.translate(SUP_DIGITS))
        else:
            out.append(s)
        sup_run.clear()

    for g in w.glyphs:
        c = LIGATURES.get(g.c, g.c)
        if _is_sup(g, h, baseline):
            sup_run.append(c)
            continue
        flush()
        out.append(c)
    flush()
    return "".join(out)
