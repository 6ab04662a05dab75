"""Statistics from running text: p-values and effect estimates, each linked to what it is about
(comparison, arms, timepoint, endpoint) from the words before it in its sentence."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Arm, Document, Endpoint, Evidence
from .common import Segment, norm_key, timepoints_in
from .effects import find_cis
from .pvalues import PMention, find_pvalues, is_threshold

# how far back in its sentence a statistic's subject, arms, comparison and timepoint are looked for
WINDOW = 3000

WITHIN_RE = re.compile(r"\bwithin\b|\bfrom baseline\b|\bunchanged\b|\balter(?:ed)?\b|\bpre-?\s*(?:to|and)\s*post|\bbefore and after\b", re.I)
BETWEEN_RE = re.compile(r"\bbetween\b|\bvs\.?(?=\s)|\bversus\b|\bcompared (?:with|to)\b|\bdifferences?\b|\brelative to\b", re.I)
ALL_ARMS_RE = re.compile(r"\b(?:two|both|all|each|the) (?:treatment )?(?:groups|arms)\b", re.I)


@dataclass
class TextStat:
    start: int
    end: int
    p: PMention | None
    estimate: float | None = None
    estimate_type: str | None = None
    ci_level: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    comparison: str = "unknown"
    arm_ids: tuple[str, ...] = ()
    timepoint: str | None = None
    endpoint_id: str | None = None
    variable: str | None = None
    is_threshold: bool = False


def _nearest(patterns: list[tuple[str, re.Pattern[str]]], s: str) -> str | None:
    best, pos = None, -1
    for name, pat in patterns:
        for m in pat.finditer(s):
            if m.start() >= pos:
                best, pos = name, m.start()
    return best


@lru_cache(maxsize=4096)
def _alias_re(alias: str) -> re.Pattern[str]:
    """One pattern per alias, cached: built per document they thrashed re's own 512-entry cache
    (1,683 calls, ~1,400 real compiles per 800 abstracts)."""
    words = [re.escape(w) for w in norm_key(alias).split()]
    return re.compile(r"(?<![\w-])" + r"[\s\-/]+".join(words) + r"s?(?![\w-])", re.I)


@lru_cache(maxsize=4096)
def _alias_words(alias: str) -> tuple[str, ...] | None:
    """The alias's words (lower case) when all are ASCII, else None (no pre-check)."""
    words = tuple(norm_key(alias).split())
    return words if all(w.isascii() for w in words) else None


# characters that re.IGNORECASE matches to an ASCII letter but str.lower() does not map to it
# (dotted capital I, dotless i, long s): a text holding one gets no containment pre-check
_ODD_CASE_RE = re.compile("[\u0130\u0131\u017f]")


def _nearest_alias(items: list[tuple[str, str]], s: str) -> str | None:
    """_nearest over the aliases' patterns. An alias with a word that the lower-cased text lacks
    cannot match there: it is skipped without building its pattern (a compile, as aliases are
    mostly new to the cache). The result is _nearest's, as only patterns without a match are left out."""
    low = s.lower() if not _ODD_CASE_RE.search(s) else None
    pats = []
    for name, al in items:
        words = _alias_words(al)
        if low is not None and words is not None and not all(w in low for w in words):
            continue
        pats.append((name, _alias_re(al)))
    return _nearest(pats, s)


def text_statistics(doc: Document, flow: str, sents: list[Segment], arms: list[Arm],
                    endpoints: list[Endpoint]) -> list[TextStat]:
    ps = find_pvalues(flow, doc.text)
    cis = find_cis(flow)
    stats: list[TextStat] = []
    used: set[int] = set()
    p_starts = [p.start for p in ps]
    for ci in cis:
        st = TextStat(ci.start, ci.end, None, ci.estimate, ci.estimate_type, ci.level, ci.low, ci.high)
        # the p-values after the interval, in order, while the text between stays short (the
        # stripped gap only grows from one p-value to the next, so the first longer one ends the search)
        for k in range(bisect.bisect_left(p_starts, ci.end), len(ps)):
            p = ps[k]
            gap = flow[ci.end:p.start]
            if len(gap.strip()) > 12:
                break
            if k not in used and re.fullmatch(r"[\sA-Za-z%/µμ.]*[,;]?\s*", gap):
                st.p = p
                used.add(k)
                # one contiguous span only when nothing (a table, a caption) sits between them
                if len(doc.text[ci.end:p.start].strip()) <= 12:
                    st.end = p.end
                break
        stats.append(st)
    for k, p in enumerate(ps):
        if k not in used:
            stats.append(TextStat(p.start, p.end, p))
    stats.sort(key=lambda s: s.start)

    # (id, alias): each alias's pattern is compiled when a window may hold it (see _nearest_alias)
    arm_als = [(a.arm_id, al) for a in arms for al in a.aliases if len(al) >= 3]
    ep_als = [(e.endpoint_id, al) for e in endpoints for al in e.aliases if len(al) >= 3]
    ep_by_id = {e.endpoint_id: e for e in endpoints}
    all_arms = tuple(a.arm_id for a in arms)

    prev: TextStat | None = None
    prev_sent: int = -1
    sent_starts = [s.start for s in sents]
    for st in stats:
        si = _sentence_of(sents, sent_starts, st.start)
        sent = sents[si] if si >= 0 else Segment(max(0, st.start - 200), st.end)
        same = prev is not None and si == prev_sent
        # what precedes the statistic in its sentence, at most WINDOW characters of it (a run-on
        # 'sentence' of megabytes would otherwise be copied and searched once per statistic)
        reach = max(sent.start, st.start - WINDOW)
        lo = max(reach, prev.end) if same else reach
        window = flow[lo:st.start]
        prefix = flow[reach:st.start]
        if st.p is not None and st.estimate is None and is_threshold(flow[reach:min(sent.end, st.end + WINDOW)]):
            st.is_threshold = True
            prev, prev_sent = st, si
            continue
        cue = _nearest([("within-group", WITHIN_RE), ("between-groups", BETWEEN_RE)], window)
        st.comparison = cue or (prev.comparison if same else "unknown")
        if st.comparison == "between-groups":
            st.arm_ids = all_arms if len(all_arms) >= 2 else ()
        elif st.comparison == "within-group":
            if ALL_ARMS_RE.search(window):
                st.arm_ids = all_arms
            else:
                a = _nearest_alias(arm_als, window)
                st.arm_ids = (a,) if a else (prev.arm_ids if same else ())
        tps = timepoints_in(window)
        if tps:
            st.timepoint = tps[-1][1][-1]
        elif same:
            st.timepoint = prev.timepoint
        e = _nearest_alias(ep_als, prefix)
        st.endpoint_id = e
        st.variable = ep_by_id[e].name if e else None
        prev, prev_sent = st, si
    _respectively(flow, sents, stats)
    return stats


def _sentence_of(sents: list[Segment], starts: list[int], pos: int) -> int:
    """Index of the sentence holding `pos` (sentences partition the text, in order), or -1."""
    k = bisect.bisect_right(starts, pos) - 1
    return k if k >= 0 and sents[k].start <= pos < sents[k].end else -1


def _respectively(flow: str, sents: list[Segment], stats: list[TextStat]) -> None:
    """'from baseline to 1 and 3 months ... (P = 0.004 and P = 0.019, respectively)': hand the
    listed timepoints out in order to the run of statistics that ends in 'respectively'."""
    starts = [s.start for s in sents]
    by_sent: dict[int, list[TextStat]] = {}
    for st in stats:  # stats are in text order
        si = _sentence_of(sents, starts, st.start)
        if si >= 0 and not st.is_threshold:
            by_sent.setdefault(si, []).append(st)
    for si, seg in by_sent.items():
        s = sents[si]
        k = 0
        while k < len(seg):
            j = k
            while j + 1 < len(seg) and len(flow[seg[j].end:seg[j + 1].start].strip(" ,;and")) == 0:
                j += 1
            run = seg[k:j + 1]
            if len(run) >= 2 and re.match(r"\W{0,3}\s*respectively", flow[run[-1].end:run[-1].end + 20]):
                lists = [lst for _, lst in timepoints_in(flow[s.start:run[0].start]) if len(lst) == len(run)]
                if lists:
                    for st, tp in zip(run, lists[-1]):
                        st.timepoint = tp
            k = j + 1


def as_evidence(doc: Document, st: TextStat) -> Evidence:
    return Evidence(doc.text[st.start:st.end], st.start, st.end, doc.page_of(st.start))
