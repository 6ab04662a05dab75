"""Shared patterns and small helpers for extractors (plain functions, no spaCy)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Document, Evidence

NUM = r"(?:\d+(?:\.\d+)?|\.\d+)"

_WORDNUM = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24,
}
TIMEPOINT_RE = re.compile(
    r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four)"
    r"(?:\s*(?:and|or|,)\s*\d+)*\s*[- ]\s*(?P<u>days?|weeks?|months?|years?)\b",
    re.I,
)
TIMEPOINT_LIST_RE = re.compile(
    r"\b(?P<nums>\d+(?:\s*,\s*\d+)*(?:,?\s*(?:and|or)\s*\d+)?)\s*[- ]\s*(?P<u>days?|weeks?|months?|years?)\b",
    re.I,
)


def norm_unit(u: str, n: int) -> str:
    u = u.lower().rstrip("s")
    return f"{u}s" if n != 1 else u


def timepoint_text(n: str | int, unit: str) -> str:
    k = int(n) if str(n).isdigit() else _WORDNUM.get(str(n).lower(), 0)
    return f"{k} {norm_unit(unit, k)}"


def timepoints_in(s: str) -> list[tuple[int, list[str]]]:
    """Timepoint phrases in s: (end offset, list of normalised timepoints), '1 and 3 months' -> two."""
    out = []
    for m in TIMEPOINT_LIST_RE.finditer(s):
        nums = re.findall(r"\d+", m.group("nums"))
        out.append((m.end(), [timepoint_text(n, m.group("u")) for n in nums]))
    for m in TIMEPOINT_RE.finditer(s):
        if not m.group("n").isdigit():
            out.append((m.end(), [timepoint_text(m.group("n"), m.group("u"))]))
    out.sort()
    return out


# characters that re.IGNORECASE matches to an ASCII letter but str.lower() does not turn into it
# (dotted capital I lowers to two characters, dotless i and long s stay as they are)
_ODD_CASE_RE = re.compile("[\u0130\u0131\u017f]")


@lru_cache(maxsize=8)  # the same text is checked by several extractors
def cue_text(text: str) -> str | None:
    """The text lower-cased for cheap cue checks (`"review" in low`) before costly patterns: a
    case-insensitive match of an ASCII phrase implies that phrase in lower case is in this string.
    None when the text holds a character for which that does not hold (then check nothing)."""
    return None if _ODD_CASE_RE.search(text) else text.lower()


def lacks_cues(low: str | None, cues: tuple[str, ...]) -> bool:
    """True when none of the (lower-case ASCII) cues is in `low`, so a pattern that needs one of
    them cannot match; False when unsure (low is None) or when there are no cues to check."""
    return low is not None and bool(cues) and not any(c in low for c in cues)


def evidence(doc: Document, start: int, end: int) -> Evidence:
    start, end = max(0, start), min(len(doc.text), end)
    return Evidence(doc.text[start:end], start, end, doc.page_of(start))


def norm_key(s: str) -> str:
    """Comparison key for names: lower case, hyphens and line breaks as spaces, folded spaces."""
    s = re.sub(r"(?<=[a-z])-\s*\n\s*(?=[a-z])", "", s)
    return " ".join(re.sub(r"[-‐/]", " ", s.lower()).split())


@dataclass(frozen=True)
class Segment:
    start: int
    end: int


# a sentence end: '.', '!' or '?' (not after 'vs', 'e.g', 'i.e', 'Fig', 'al', 'et') before a
# capital. The character class comes first and the lookbehinds (shifted by that one character)
# after it, so the engine tests them only at punctuation, not at every position of the text.
SENT_END_RE = re.compile(r"[.!?](?<!\bvs[.!?])(?<!\be\.g[.!?])(?<!\bi\.e[.!?])(?<!\bFig[.!?])(?<!\bal[.!?])(?<!\bet[.!?])"
                         r"(?=\s+[\"(]?[A-Z•])")
BULLET_LINE_RE = re.compile(r"\n[ \t]*(?=[•●▪◦*-]\s)")
BLANK_LINE_RE = re.compile(r"\n\s*\n")


def sentences(flow: str) -> list[Segment]:
    """Sentence-like segments of body text (tables masked out as spaces).

    Boundaries: '. ' + capital (not after common abbreviations), bullet lines, and blank lines that
    end a sentence or a heading. A blank line inside a sentence (page/column breaks in converted
    papers) is not a boundary when the text before it has no closing punctuation and the text
    after it starts in lower case, or when the line before it ends with a comma.
    """
    cuts = {0, len(flow)}
    for m in SENT_END_RE.finditer(flow):
        cuts.add(m.end())
    for m in BULLET_LINE_RE.finditer(flow):
        cuts.add(m.start())
    n = len(flow)
    for m in BLANK_LINE_RE.finditer(flow):
        # the last non-space character before the blank line and the first after it (found by
        # scanning, not by stripping copies of the text before and after: quadratic on long PDFs)
        b = m.start() - 1
        while b >= 0 and flow[b].isspace():
            b -= 1
        a = m.end()
        while a < n and flow[a].isspace():
            a += 1
        if b < 0 or a >= n:
            continue
        if flow[a].islower() or flow[b] in ",;(-–":
            continue
        last_line = flow[flow.rfind("\n", 0, b + 1) + 1:b + 1].strip()
        if flow[b] in ".!?:)" or len(last_line) < 60 or flow[a] in "•●▪◦*":
            cuts.add(m.start())
    pts = sorted(cuts)
    segs = []
    for a, b in zip(pts, pts[1:]):
        # trim whitespace
        while a < b and flow[a].isspace():
            a += 1
        while b > a and flow[b - 1].isspace():
            b -= 1
        if b > a:
            segs.append(Segment(a, b))
    return segs
