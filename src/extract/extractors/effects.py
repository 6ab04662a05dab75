"""Effect estimates with confidence intervals in running text (plain regex functions)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .common import NUM

# numbers with thousands separators ('205,618') as well as plain ones
TNUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|" + NUM + r")"
CI_RE = re.compile(
    r"(?P<level>\d{2}(?:\.\d+)?)\s*%\s*(?:CI|C\.I\.|CrI|confidence\s+intervals?|credible\s+intervals?)\s*"
    r"(?:[:,=]\s*|of\s+|was\s+|from\s+)?[\[(]?\s*"
    r"(?P<lo>-?\s?" + TNUM + r")\s*\.?\s*(?:to|–|—|-|,|;|and)\s*(?P<hi>-?\s?" + TNUM + r")(?![\d,]*\d)",
    re.I,
)
EST_BEFORE_RE = re.compile(
    r"(?<![\d.,])(?P<est>-?" + TNUM + r")\s*(?P<unit>%|[A-Za-zµμ/][A-Za-zµμ/0-9]*(?:\s[A-Za-z]+)?)?\s*[,;:]?\s*[\[(]?\s*$"
)
# a number that is an SD, a denominator, a p-value or a standard error is not the estimate
NOT_EST_BEFORE_RE = re.compile(r"(?:±|\+/-|/|\b[Pp]\s*[=<>≤≥]|\bSE\s*|\bSD\s*)\s*$")
TYPES = [
    # abbreviations are matched case-sensitively: 'or' is not an odds ratio
    (r"(?i:\bodds ratios?\b)|\bOR\b|\baOR\b", "odds ratio"),
    (r"(?i:\bhazard ratios?\b)|\bHR\b|\baHR\b", "hazard ratio"),
    (r"(?i:\brelative risks?\b|\brisk ratios?\b)|\bRR\b", "risk ratio"),
    (r"(?i:\brate ratios?\b)|\bIRR\b", "rate ratio"),
    (r"(?i:\brisk differences?\b)|\bRD\b", "risk difference"),
    (r"(?i:\bstandardi[sz]ed mean differences?\b)|\bSMD\b", "standardised mean difference"),
    (r"(?i:\bmean differences?\b|\bdifferences?\b)|\bMD\b", "mean difference"),
]


@dataclass(frozen=True)
class CIMention:
    start: int  # start of the estimate, or of the CI when there is no estimate
    end: int
    estimate: float | None
    estimate_type: str | None
    level: float
    low: float
    high: float


def _f(s: str) -> float:
    return float(s.replace(" ", "").replace(",", ""))


def find_cis(mt: str, floor: int = 0) -> list[CIMention]:
    """CI mentions; `floor` bounds how far back an estimate or its type may be looked for."""
    out = []
    for m in CI_RE.finditer(mt):
        lo, hi = _f(m.group("lo")), _f(m.group("hi"))
        lo_s = max(floor, m.start() - 40)
        before = mt[lo_s:m.start()]
        em = EST_BEFORE_RE.search(before)
        est, start = None, m.start()
        if em and NOT_EST_BEFORE_RE.search(before[: em.start("est")]):
            em = None
        if em:
            est = _f(em.group("est"))
            start = lo_s + em.start("est")
        ctx = mt[max(floor, start - 80):start]
        etype = None
        best = -1
        for pat, name in TYPES:
            for tm in re.finditer(pat, ctx):
                if tm.start() > best:
                    best, etype = tm.start(), name
        if etype is None and est is not None and em and em.group("unit"):
            etype = "mean difference"
        out.append(CIMention(start, m.end(), est, etype, float(m.group("level")), lo, hi))
    return out
