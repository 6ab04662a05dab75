"""Effect estimates with confidence intervals in running text (plain regex functions)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .common import NUM, cue_text, lacks_cues

# numbers with thousands separators ('205,618') as well as plain ones
TNUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|" + NUM + r")"
# a bound as written: sign (hyphen, en dash or minus used as minus), currency, number, percent
SIGNED = r"(?:[-–−+]\s?)?[£$€]?\s?" + TNUM + r"(?:\s?%)?"
_UNIT = r"(?:\s?(?:%|(?!(?:to|and|or)\b)[A-Za-zµμ/]{1,8}(?:\s?(?!(?:to|and|or)\b)[A-Za-z]{1,4})?))?"  # never 'to'/'and'

CI_LABEL = r"(?:CI|C\.I\.|CrI|confidence\s+intervals?|credible\s+intervals?|confidence\s+limits?(?:\s*\(CL\))?)"
# '95% CI −9.1 to 9.0', '95% confidence interval (CI): 0.48–4.63', '(95 % confidence interval (CI); 29.0–46.2 %)'
CI_RE = re.compile(
    r"(?:(?P<level>\d{2}(?:\.\d+)?)\s*%\s*-?\s*" + CI_LABEL + r"|\b(?:CI|C\.I\.)\s*(?P<level2>\d{2}(?:\.\d+)?)\s*%)"
    r"(?:\s*[\(\[]\s*(?:CI|C\.I\.)\s*[\)\]])?(?:\s+CI\b)?"
    r"(?:\s+for\s+(?:the\s+)?[^:=;,()\[\]\d]{0,60}?)?\s*(?:[:,;=]\s*|of\s+|was\s+|from\s+)*[\[(]?\s*"
    r"(?P<lo>" + SIGNED + r")" + _UNIT + r"\s*\.?\s*(?:to|–|—|-|,|;|and)\s*(?P<hi>" + SIGNED + r")(?![\d,]*\d)",
    re.I,
)
# the estimate after a '(95% CI)' label: 'HR (95% CI): 1.41 (1.002, 1.996)', 'Hazard Ratio[95%CI] = 2.171 [1.545–3.051]'
CI_AFTER_RE = re.compile(
    r"[\(\[]\s*(?P<level>\d{2}(?:\.\d+)?)\s*%\s*" + CI_LABEL + r"\s*[\)\]]\s*(?::|=|was|were|of|,)?\s*"
    r"(?P<est>" + SIGNED + r")" + _UNIT + r"\s*[\(\[]\s*(?P<lo>" + SIGNED + r")\s*(?:–|-|to|,|;)\s*(?P<hi>" + SIGNED + r")\s*[\)\]]",
    re.I,
)
# a ratio with a bare interval, no 'CI' label: 'HR 1.2 [1.1–1.4]', 'relative risk 0.41 (0.19–0.85)'
BARE_RATIO_RE = re.compile(
    r"\b(?P<type>a?OR|a?HR|RR|IRR|odds\s+ratio|hazard\s+ratio|relative\s+risk|risk\s+ratio|rate\s+ratio)\s*(?:\[[^\]]{0,20}\]|\([A-Za-z]{1,4}\))?\s*[=:,]?\s*"
    r"(?P<est>" + SIGNED + r")\s*[\(\[]\s*(?P<lo>" + SIGNED + r")\s*(?:–|-|to|,)\s*(?P<hi>" + SIGNED + r")\s*[\)\]]")
# a ratio with an unlevelled 'CI' label: 'OR=1.81, CI 1.51-2.16'
RATIO_CI_RE = re.compile(
    r"\b(?P<type>a?OR|a?HR|RR|IRR|odds\s+ratio|hazard\s+ratio|relative\s+risk|risk\s+ratio|rate\s+ratio)\s*(?:\[[^\]]{0,20}\]|\([A-Za-z]{1,4}\))?\s*[=:,]?\s*"
    r"(?P<est>" + SIGNED + r")\s*[,;]\s*(?:CI|C\.I\.)\s*[:=,]?\s*(?P<lo>" + SIGNED + r")\s*(?:–|-|to)\s*(?P<hi>" + SIGNED + r")(?![\d,]*\d)")
# measures of accuracy or a proportion's own interval are not effect estimates
NOT_EFFECT_BEFORE_RE = re.compile(r"\b(?:AUC|AUROC|area\s+under|c-statistic|sensitivity|specificity|accuracy|kappa|ICC)\b[^;]{0,60}$", re.I)
PROPORTION_BEFORE_RE = re.compile(r"\d\s*/\s*\d[\d,]*\s*,\s*[\[(]?\s*$")
EST_BEFORE_RE = re.compile(
    r"(?<![\d.])(?<!\d,)(?P<est>(?:[-–−]\s?)?[£$€]?" + TNUM + r")\s*(?P<unit>(?:%|[A-Za-zµμ/][A-Za-zµμ/0-9]*)(?:\s[A-Za-z]+)?)?\s*[,;:]?\s*[\[(]?\s*$"
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


def _f(s: str) -> float:
    """'−9.1' / '–460' / '−£100' / '2.5%' / '26,600' -> float."""
    t = re.sub(r"[\s,£$€%+]", "", s).replace("–", "-").replace("−", "-")
    return float(t)


def find_cis(mt: str, floor: int = 0) -> list[CIMention]:
    """CI mentions; `floor` bounds how far back an estimate or its type may be looked for."""
    out: list[CIMention] = []
    taken: list[tuple[int, int]] = []
    for m in CI_AFTER_RE.finditer(mt):
        ctx = mt[max(floor, m.start() - 80):m.start("est")]
        out.append(CIMention(m.start(), m.end(), _f(m.group("est")), _etype(ctx), float(m.group("level")),
                             _f(m.group("lo")), _f(m.group("hi"))))
        taken.append((m.start(), m.end()))
    # both ratio patterns are case-sensitive: one of these is in the raw text if either matches
    ratios = any(c in mt for c in ("OR", "HR", "RR", "ratio", "relative"))
    for m in (BARE_RATIO_RE.finditer(mt) if ratios else ()):
        if any(a <= m.start("est") < b or m.start() <= a < m.end() for a, b in taken):
            continue
        if re.search(r"\d{2}\s*%\s*(?:CI|C\.I\.|confidence)", mt[m.start():m.end()], re.I):
            continue  # labelled: CI_RE reads it
        out.append(CIMention(m.start("est"), m.end(), _f(m.group("est")), _etype(m.group("type")), None,
                             _f(m.group("lo")), _f(m.group("hi"))))
        taken.append((m.start(), m.end()))
    for m in (RATIO_CI_RE.finditer(mt) if ratios else ()):
        if any(a <= m.start("est") < b or m.start() <= a < m.end() for a, b in taken):
            continue
        out.append(CIMention(m.start("est"), m.end(), _f(m.group("est")), _etype(m.group("type")), None,
                             _f(m.group("lo")), _f(m.group("hi"))))
        taken.append((m.start(), m.end()))
    ci = "%" in mt and not lacks_cues(cue_text(mt), ("ci", "c.i.", "cri", "confidence", "credible"))
    for m in (CI_RE.finditer(mt) if ci else ()):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if PROPORTION_BEFORE_RE.search(mt[max(floor, m.start() - 40):m.start()]):
            continue  # '21.0% (445/2,111, 95% CI 19.3–22.7%)': a proportion's interval, not an effect
        lo, hi = _f(m.group("lo")), _f(m.group("hi"))
        lo_s = max(floor, m.start() - 40)
        before = mt[lo_s:m.start()]
        em = EST_BEFORE_RE.search(before)
        if em and NOT_EST_BEFORE_RE.search(before[: em.start("est")]):
            # the number just before is a p-value ('HR, 0.76; P = .002; 95% CI ...'): look past it
            pm = re.search(r"[;,]?\s*\b[Pp]\s*[=<>≤≥]\s*" + NUM + r"\s*[;,]?\s*$", before)
            em = EST_BEFORE_RE.search(before[: pm.start()] + " ") if pm else None
            if em and NOT_EST_BEFORE_RE.search(before[: em.start("est")]):
                em = None
        est, start = None, m.start()
        if em:
            est = _f(em.group("est"))
            start = lo_s + em.start("est")
        etype = _etype(mt[max(floor, start - 80):start])
        if etype is None and NOT_EFFECT_BEFORE_RE.search(mt[max(floor, start - 80):start]):
            continue  # 'ROC AUC ... was 0.71 (95% CI 0.54–0.89)': accuracy, not an effect
        if etype is None and est is not None and em and em.group("unit"):
            etype = "mean difference"
        out.append(CIMention(start, m.end(), est, etype, float(m.group("level") or m.group("level2")), lo, hi))
    out.sort(key=lambda c: c.start)
    return out
