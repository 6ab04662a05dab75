"""Effect estimates with confidence intervals in running text (plain regex functions)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .common import NUM, cue_text, lacks_cues

# numbers with thousands separators ('205,618') as well as plain ones
# thousands grouped by spaces ('€16 956 (95% CI 14 647 to 19 162)') only before a bracket, separator or 'to';
# a decimal broken by a space ('−2.8 to −0. 3)') only for a leading zero before a bracket or separator
TNUM = (r"(?:\d{1,3}(?:[ \u2009\u202f\xa0]\d{3})+(?![\d.,])(?=\s?(?:[)\]\[(;,–—-]|to\s|and\s|%))|\d{1,3}(?:,\d{3})+(?:\.\d+)?|"
        r"0\.\s\d{1,2}(?![\d.])(?=\s*[)\];,])|" + NUM + r")")
# a bound as written: sign (hyphen, en dash or minus used as minus), currency, number, percent
SIGNED = r"(?:[-–−+]\s?)?[£$€]?\s?" + TNUM + r"(?:\s?%)?"
_UNIT = (r"(?:\s?(?:%|(?!(?:to|and|or|at|CI)\b)[A-Za-zµμ/]{1,8}\d?(?:\s?(?!(?:to|and|or|at|CI)\b)[A-Za-z]{1,4}\d?)?))?")  # never 'to'/'and'

# also 'CIs', '95% IC' (French/Spanish order), '95% Cl' (a lower-case L for I), 'confidential interval', 'posterior credible interval'
CI_LABEL = (r"(?:CIs?\b|C\.I\.|CrI|(?-i:IC|Cl)\b|confiden(?:ce|tial)\s+intervals?|(?:posterior\s+)?credible\s+intervals?|"
            r"confidence\s+limits?(?:\s*\(CL\))?)")
# '95% CI −9.1 to 9.0', '95% confidence interval (CI): 0.48–4.63', '(95 % confidence interval (CI); 29.0–46.2 %)'
CI_RE = re.compile(
    r"(?:(?P<level>\d{2}(?:\.\d+)?)\s*(?:%|per\s?cent)\s*-?\s*" + CI_LABEL + r"|\b(?:CI|C\.I\.)\s*(?P<level2>\d{2}(?:\.\d+)?)\s*%)"
    r"(?:\s*[\(\[]\s*(?:CI|C\.I\.)\s*[\)\]])?(?:\s+CI\b|\s*,\s*CI\b)?"
    r"(?:\s+(?:for|of)\s+(?:the\s+)?[^:=;,()\[\]\d]{0,60}?)?\s*(?:[:,;=]\s*|of\s+|was\s+|from\s+)*[\[(]?\s*"
    # '−2.6 - (−0.21)': an upper bound in parentheses; '-75.47, to –2.305'
    r"(?P<lo>" + SIGNED + r")" + _UNIT + r"\s*\.?\s*(?:,?\s*to|–|—|-|,|;|and)\s*(?P<hp>\()?(?P<hi>" + SIGNED + r")(?(hp)\))(?![\d,]*\d)",
    re.I,
)
# the estimate after a '(95% CI)' label: 'HR (95% CI): 1.41 (1.002, 1.996)', 'Hazard Ratio[95%CI] = 2.171 [1.545–3.051]'
CI_AFTER_RE = re.compile(
    r"[\(\[]\s*(?P<level>\d{2}(?:\.\d+)?)\s*%\s*" + CI_LABEL + r"\s*[\)\]]\s*(?::|=|was|were|of|,)?\s*"
    r"(?P<est>" + SIGNED + r")" + _UNIT + r"\s*[\(\[]\s*(?P<lo>" + SIGNED + r")\s*(?:–|-|to|,|;)\s*(?P<hi>" + SIGNED + r")\s*[\)\]]",
    re.I,
)
# 'Odds ratio, 95% confidence interval: 1.85 (0.91 to 3.77)': the label, a colon, then estimate and interval
CI_COLON_RE = re.compile(
    r"(?P<level>\d{2}(?:\.\d+)?)\s*%\s*" + CI_LABEL + r"\s*[:=]\s*(?P<est>" + SIGNED + r")" + _UNIT
    + r"\s*[\(\[]\s*(?P<lo>" + SIGNED + r")\s*(?:–|-|to|,|;)\s*(?P<hi>" + SIGNED + r")\s*[\)\]]", re.I)
# a ratio with a bare interval, no 'CI' label: 'HR 1.2 [1.1–1.4]', 'relative risk 0.41 (0.19–0.85)'
BARE_RATIO_RE = re.compile(
    r"\b(?P<type>a?OR|a?HR|RR|IRR|odds\s+ratio|hazard\s+ratio|relative\s+risk|risk\s+ratio|rate\s+ratio)\s*(?:\[[^\]]{0,20}\]|\([A-Za-z]{1,4}\))?\s*[=:,]?\s*"
    r"(?P<est>" + SIGNED + r")\s*[\(\[]\s*(?P<lo>" + SIGNED + r")\s*(?:–|-|to|,)\s*(?P<hi>" + SIGNED + r")\s*[\)\]]")
# a ratio with an unlevelled 'CI' label: 'OR=1.81, CI 1.51-2.16'
RATIO_CI_RE = re.compile(
    r"\b(?P<type>a?OR|a?HR|RR|IRR|odds\s+ratio|hazard\s+ratio|relative\s+risk|risk\s+ratio|rate\s+ratio)\s*(?:\[[^\]]{0,20}\]|\([A-Za-z]{1,4}\))?\s*[=:,]?\s*"
    r"(?P<est>" + SIGNED + r")\s*[,;]\s*(?:CI|C\.I\.)\s*[:=,]?\s*(?P<lo>" + SIGNED + r")\s*(?:–|-|to)\s*(?P<hi>" + SIGNED + r")(?![\d,]*\d)")
# an unlevelled 'CI' label after an estimate: 'AdjDiff -8.67, CI -16.2 to -1.15', 'OR: 0.407, confidence interval: 0.179–0.926',
# '(9.6% [CI 0.9 to 18.3%])', 'relative risk 1.51, confidence interval 95% 1.03–2.22' (the level after the label)
UNLEVELLED_RE = re.compile(
    r"(?=[Cc])(?:\bCI\b|\bC\.I\.|\b[Cc]onfidence\s+[Ii]nterval)(?:\s*[\(\[]\s*CI\s*[\)\]])?(?:\s+(?P<level>\d{2})\s*%)?\s*[:=,]?\s*[\[(]?\s*"
    r"(?P<lo>" + SIGNED + r")" + _UNIT + r"\s*(?:,?\s*to|–|—|-|,|;)\s*(?P<hp>\()?(?P<hi>" + SIGNED + r")(?(hp)\))(?![\d,]*\d)")
# a label in brackets that names the interval of the numbers that follow: 'Median (95% CI) difference between groups was
# 0.75 (–1.6 to 2.3)', 'mean difference between treatment arms (95% confidence interval [CI]) was 1.9 (0.7 to 3.2), 6.5 (2.5 to 10.5)'
LABEL_FIRST_RE = re.compile(
    r"[\(\[]\s*(?:[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3}\s*[;,]\s*)?(?P<level>\d{2}(?:\.\d+)?)\s*%\s*" + CI_LABEL
    + r"(?:\s*[,(\[]\s*CI\s*[\)\]]?)?\s*[\)\]]", re.I)
LABELLED_VALUE_RE = re.compile(
    r"(?<![\w.,/−–-])(?P<est>" + SIGNED + r")(?:\s?(?:%|[A-Za-zµμ][\w/*·^−-]{0,12})){0,2}\s*[\(\[]\s*(?P<lo>" + SIGNED + r")\s*(?:to|–|—|-|,|;)\s*"
    r"(?P<hi>" + SIGNED + r")\s*(?:%|[A-Za-zµμ][\w/*·^-]{0,12})?\s*[\)\]]")
LABEL_SCOPE_END_RE = re.compile(r"\s(?:[A-Z][A-Za-z]+(?: [A-Za-z]+){0,3}|[A-Z]{3,}(?: [A-Z]+){0,3}):\s|\d\s*%\s*(?:CI|C\.I\.|confidence)|\bCI\b")
# an estimate a few words before its interval: '5.3% higher percentage of patients meeting recommendations [95% CI: 2.1% to 8.8%]'
EST_FAR_RE = re.compile(r"(?<![\d.])(?P<est>(?:[-–−]\s?)?" + TNUM + r")\s*%?\s*(?:[\w/*]+\s+)?(?:higher|lower|greater|more|fewer|less|larger|smaller|"
                        r"increase|decrease|reduction|improvement)\b[^\d;()\[\]]{0,80}?[\[(]?\s*$")
# a list of 'label: estimate; low to high' items under one 'ratio; 95% CI' header: 'HR; 95% CI R2.5: 0.87; 0.64 to 1.17; R5: 0.79;
# 0.58 to 1.07', '(HR; 95% CI MACE R2.5: 0.73; 0.47 to 1.15; ...)'
LIST_HEAD_RE = re.compile(
    r"\b(?P<type>a?ORs?|a?HRs?|RRs?|IRRs?|(?i:odds\s+ratios?|hazard\s+ratios?|relative\s+risks?|risk\s+ratios?|rate\s+ratios?|"
    r"(?:mean\s+)?differences?))\s*[;,/(]\s*(?P<level>\d{2}(?:\.\d+)?)\s*%\s*" + CI_LABEL + r"\s*\)?(?=\s*[:,]?\s*[A-Za-z][^;:()]{0,30}:)")
LIST_ITEM_RE = re.compile(r"(?<=:)\s*(?P<est>" + SIGNED + r")\s*[;,]\s*(?P<lo>" + SIGNED + r")\s*(?:to|–|—|-)\s*(?P<hi>" + SIGNED + r")(?![\d,]*\d)")
# measures of accuracy or a proportion's own interval are not effect estimates
NOT_EFFECT_BEFORE_RE = re.compile(r"\b(?:AUC|AUROC|area\s+under|c-statistic|sensitivity|specificity|accuracy|kappa|ICC)\b[^;]{0,60}$", re.I)
PROPORTION_BEFORE_RE = re.compile(r"\d\s*/\s*\d[\d,]*\s*[,;]\s*[\[(]?\s*$")
EST_BEFORE_RE = re.compile(
    r"(?<![\d.])(?<!\d,)(?<![A-Za-zµμ·^])(?P<est>(?:[-–−]\s?)?[£$€]?" + TNUM + r")\s*(?P<unit>(?:%|[A-Za-zµμ/][A-Za-zµμ/0-9*·^.−-]*)"
    r"(?:\s?[·.]?\s?(?=[A-Za-zµμ/]*[\d/−-])[A-Za-zµμ/][A-Za-zµμ/0-9*^.−-]*){0,3}(?:\s[A-Za-z]+)?)?\s*[,;:]?\s*[\[(]?\s*$"
)
# a number that is an SD, a denominator, a p-value or a standard error is not the estimate
DURATION_UNIT_RE = re.compile(r"(?:years?|months?|weeks?|days?|hours?|yrs?|wks?)$")
DURATION_BEFORE_RE = re.compile(r"\b(?:over|after|within|during|for|at|first|past|next)\s*$")
NOT_EST_BEFORE_RE = re.compile(r"(?:\bper\s|±|\+/-|/|\b[Pp]\s*[=<>≤≥]|\b[Pp](?:-value)?\s|\bSE\s*|\bSD\s*|\b(?:vs|v)\.?\s|\bversus\s)\s*$")
TYPES = [
    # abbreviations are matched case-sensitively: 'or' is not an odds ratio
    (r"(?i:\bodds ratios?\b)|\bORs?\b|\baORs?\b", "odds ratio"),
    (r"(?i:\bhazard ratios?\b)|\bHRs?\b|\baHRs?\b", "hazard ratio"),
    (r"(?i:\brelative risks?\b|\brisk ratios?\b)|\bRRs?\b", "risk ratio"),
    (r"(?i:\brate ratios?\b)|\bIRRs?\b", "rate ratio"),
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
    level: float | None  # None when the interval's level is not stated ('HR 1.2 [1.1–1.4]')
    low: float
    high: float


def _etype(ctx: str) -> str | None:
    """The estimate type named nearest before the estimate."""
    etype, best = None, -1
    for pat, name in TYPES:
        for tm in re.finditer(pat, ctx):
            if tm.start() > best:
                best, etype = tm.start(), name
    return etype


def _bounds(m: re.Match[str]) -> tuple[float, float]:
    """The interval's bounds in order ('CI = 10.53–1.33', '95% CI: −5.8 to −8.8')."""
    lo, hi = _f(m.group("lo")), _f(m.group("hi"))
    return (lo, hi) if lo <= hi else (hi, lo)


def _f(s: str) -> float:
    """'−9.1' / '–460' / '−£100' / '2.5%' / '26,600' -> float."""
    t = re.sub(r"[\s,£$€%+]", "", s).replace("–", "-").replace("−", "-")
    return float(t)


class _Spans:
    """The spans already read, as (start, end) sorted by start: membership and overlap tests look
    only at spans that start within the longest span's length (a list scanned per candidate was
    quadratic in a text with thousands of intervals)."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.longest = 0

    def add(self, span: tuple[int, int]) -> None:
        bisect.insort(self.spans, span)
        self.longest = max(self.longest, span[1] - span[0])

    def _from(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Spans with lo <= start < hi."""
        i = bisect.bisect_left(self.spans, (lo, -1))
        j = bisect.bisect_left(self.spans, (hi, -1))
        return self.spans[i:j]

    def contains(self, x: int) -> bool:
        return any(x < b for a, b in self._from(x - self.longest, x + 1))

    def starts_within(self, s: int, e: int) -> bool:
        return bool(self._from(s, e))

    def overlaps(self, s: int, e: int) -> bool:
        return any(s < b for a, b in self._from(s - self.longest, e))


def find_cis(mt: str, floor: int = 0) -> list[CIMention]:
    """CI mentions; `floor` bounds how far back an estimate or its type may be looked for."""
    out: list[CIMention] = []
    taken = _Spans()
    low = cue_text(mt)
    colon = "%" in mt and (low is None or any(c in low for c in ("ci:", "ci :", "ci=", "ci =", "interval:", "interval =", "interval=",
                                                                  "limit:", "limits:", "c.i.:", "cri:")))
    for m in (*CI_AFTER_RE.finditer(mt), *(CI_COLON_RE.finditer(mt) if colon else ())):
        if taken.contains(m.start()):
            continue
        ctx = mt[max(floor, m.start() - 80):m.start("est")]
        out.append(CIMention(m.start(), m.end(), _f(m.group("est")), _etype(ctx), float(m.group("level")),
                             *_bounds(m)))
        taken.add((m.start(), m.end()))
    # both ratio patterns are case-sensitive: one of these is in the raw text if either matches
    ratios = any(c in mt for c in ("OR", "HR", "RR", "ratio", "relative"))
    for m in (BARE_RATIO_RE.finditer(mt) if ratios else ()):
        if taken.contains(m.start("est")) or taken.starts_within(m.start(), m.end()):
            continue
        if re.search(r"\d{2}\s*%\s*(?:CI|C\.I\.|confidence)", mt[m.start():m.end()], re.I):
            continue  # labelled: CI_RE reads it
        out.append(CIMention(m.start("est"), m.end(), _f(m.group("est")), _etype(m.group("type")), None,
                             *_bounds(m)))
        taken.add((m.start(), m.end()))
    for m in (RATIO_CI_RE.finditer(mt) if ratios else ()):
        if taken.contains(m.start("est")) or taken.starts_within(m.start(), m.end()):
            continue
        out.append(CIMention(m.start("est"), m.end(), _f(m.group("est")), _etype(m.group("type")), None,
                             *_bounds(m)))
        taken.add((m.start(), m.end()))
    for h in (LIST_HEAD_RE.finditer(mt) if "%" in mt and ";" in mt else ()):
        end = re.compile(r"\)|\.\s|$").search(mt, h.end()).start()
        for v in LIST_ITEM_RE.finditer(mt, h.end(), end):
            if taken.overlaps(v.start(), v.end()):
                continue
            out.append(CIMention(v.start(), v.end(), _f(v.group("est")), _etype(h.group("type")), float(h.group("level")), *_bounds(v)))
            taken.add((v.start(), v.end()))
    has_label = not lacks_cues(low, ("ci", "c.i.", "cri", "confidence", "credible", "confidential", "% ic", "%ic", "% cl", "%cl"))
    for m in (CI_RE.finditer(mt) if has_label and ("%" in mt or "per cent" in mt) else ()):
        if taken.contains(m.start()):
            continue
        c = _estimate_before(mt, m, floor, float(m.group("level") or m.group("level2")), need_estimate=False)
        if c:
            out.append(c)
            taken.add((c.start, c.end))
    for m in (LABEL_FIRST_RE.finditer(mt) if has_label and "%" in mt else ()):
        # the values after a bracketed label, up to the next heading ('CONCLUSIONS:') or CI label: in a results
        # paragraph the label sets how the later sentences report ('peer support 0.5 (0.1 to 0.9) p=0.03')
        stop = LABEL_SCOPE_END_RE.search(mt, m.end(), m.end() + 400)
        seg_end = stop.start() if stop else min(len(mt), m.end() + 400)
        etype_ctx = mt[max(floor, m.start() - 80):m.start()]
        for v in LABELLED_VALUE_RE.finditer(mt, m.end(), seg_end):
            if taken.overlaps(v.start(), v.end()):
                continue
            if NOT_EST_BEFORE_RE.search(mt[max(0, v.start() - 6):v.start()]):
                continue  # '± 1.2 (0.5 to 2.0)'
            lo, hi = sorted((_f(v.group("lo")), _f(v.group("hi"))))
            out.append(CIMention(v.start(), v.end(), _f(v.group("est")), _etype(etype_ctx + " " + mt[m.end():v.start()]),
                                 float(m.group("level")), lo, hi))
            taken.add((v.start(), v.end()))
    for m in (UNLEVELLED_RE.finditer(mt) if has_label and ("CI" in mt or "C.I." in mt or "onfidence" in mt) else ()):
        if taken.contains(m.start()) or taken.starts_within(m.start(), m.end()):
            continue
        if re.search(r"\d{2}(?:\.\d+)?\s*%\s*-?\s*$", mt[max(0, m.start() - 8):m.start()]):
            continue  # a levelled label: CI_RE's
        c = _estimate_before(mt, m, floor, float(m.group("level")) if m.group("level") else None, need_estimate=True)
        if c:
            out.append(c)
            taken.add((c.start, c.end))
    out.sort(key=lambda c: c.start)
    return out


def _estimate_before(mt: str, m: re.Match[str], floor: int, level: float | None, need_estimate: bool) -> CIMention | None:
    """A CI match with the estimate written just before it (looked for past a p-value), or None when it
    is an accuracy measure or a proportion's own interval (or has no estimate and one is needed)."""
    if PROPORTION_BEFORE_RE.search(mt[max(floor, m.start() - 40):m.start()]):
        return None  # '21.0% (445/2,111, 95% CI 19.3–22.7%)': a proportion's interval, not an effect
    lo, hi = _bounds(m)  # '95% CI −0.32%, −0.55%': the bounds in order
    lo_s = max(floor, m.start() - 40)
    before = mt[lo_s:m.start()]
    if not m.group(0)[0].isdigit():
        # 'RR 1.12, 95% CI 95% 0.76 to 1.66', 'CI 95%: ...': the '95%' before the label is its level, not the estimate
        lvl = re.search(r"\b\d{2}(?:\.\d)?\s*%\s*-?\s*$", before)
        before = before[: lvl.start()] if lvl else before
    # '−0.00, 95% CI (95% CI −0.37 to 0.37)': a label written twice
    dup = re.search(r"\b\d{2}(?:\.\d)?\s*%\s*(?:CI|C\.I\.|confidence\s+interval)\s*[(\[]\s*$", before)
    before = before[: dup.start()] if dup else before
    em = EST_BEFORE_RE.search(before)
    if em and NOT_EST_BEFORE_RE.search(before[: em.start("est")]):
        # the number just before is a p-value ('HR, 0.76; P = .002; 95% CI ...'): look past it
        pm = re.search(r"[;,]?\s*\b[Pp]\s*[=<>≤≥]\s*" + NUM + r"\s*[;,]?\s*$", before)
        em = EST_BEFORE_RE.search(before[: pm.start()] + " ") if pm else None
        if em and NOT_EST_BEFORE_RE.search(before[: em.start("est")]):
            em = None
    est, start, unit = None, m.start(), None
    if em:
        est, start, unit = _f(em.group("est")), lo_s + em.start("est"), em.group("unit")
    else:
        far_s = max(floor, m.start() - 120)
        fm = EST_FAR_RE.search(mt[far_s:m.start()])
        if fm and not NOT_EST_BEFORE_RE.search(mt[max(0, far_s + fm.start("est") - 6):far_s + fm.start("est")]):
            est, start, unit = _f(fm.group("est")), far_s + fm.start("est"), "far"
    if est is not None and unit and DURATION_UNIT_RE.match(unit) and (
            DURATION_BEFORE_RE.search(mt[max(floor, start - 12):start]) or re.match(r"\s*(?:later|after|old)\b", mt[start:m.start()].split(unit, 1)[-1])):
        est, start = None, m.start()  # 'an extra 1 kg over 2 years (99% CI', '12 months later (95% CI': a duration, not the estimate
    if est is None and need_estimate:
        return None
    etype = _etype(mt[max(floor, start - 80):start])
    if etype is None and NOT_EFFECT_BEFORE_RE.search(mt[max(floor, start - 80):start]):
        return None  # 'ROC AUC ... was 0.71 (95% CI 0.54–0.89)': accuracy, not an effect
    if etype is None and est is not None and unit and unit != "far":
        etype = "mean difference"
    return CIMention(start, m.end(), est, etype, level, lo, hi)
