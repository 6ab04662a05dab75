"""Effect estimates with confidence intervals in running text (plain regex functions)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from .common import NUM, cue_text, lacks_cues

# numbers with thousands separators ('205,618') as well as plain ones
# thousands grouped by spaces ('€16 956 (95% CI 14 647 to 19 162)') only before a bracket, separator or 'to';
# a decimal broken by a space ('−2.8 to −0. 3)') only for a leading zero before a bracket or separator
TNUM = (r"(?:\d{1,3}(?:[ \u2009\u202f\xa0]\d{3})+(?![\d.,])(?=\s?(?:[)\]\[(;,–—-]|to\s|and\s|%))|\d{1,3}(?:,\d{3})+(?:\.\d+)?|"
        r"0\.\s\d{1,2}(?![\d.])(?=\s*[)\];,])|" + NUM + r")")
# a bound as written: sign (hyphen, en dash or minus used as minus), currency, number, percent
# ('€-975': the currency before the sign)
SIGNED = r"(?:[-–−+]\s?)?[£$€]?\s?(?:(?<=[£$€])[-–−])?" + TNUM + r"(?:\s?%)?"
_UNIT = (r"(?:\s?(?:%|(?!(?:to|and|or|at|CI)\b)[A-Za-zµμ/]{1,8}\d?(?:\s?(?!(?:to|and|or|at|CI)\b)[A-Za-z]{1,4}\d?)?))?")  # never 'to'/'and'

# also 'CIs', '95% IC' (French/Spanish order), '95% Cl' (a lower-case L for I), 'confidential interval', 'posterior credible interval'
CI_LABEL = (r"(?:CIs?\b|C\.I\.|CrI|(?-i:IC|Cl)\b|confiden(?:ce|tial)\s+intervals?|(?:posterior\s+)?credible\s+intervals?|"
            r"confidence\s+limits?(?:\s*\(CL\))?)")
# '95% CI −9.1 to 9.0', '95% confidence interval (CI): 0.48–4.63', '(95 % confidence interval (CI); 29.0–46.2 %)'
CI_RE = re.compile(
    r"(?:(?P<level>\d{2}(?:\.\d+)?)\s*(?:%|per\s?cent)\s*-?\s*" + CI_LABEL + r"|\b(?:CI|C\.I\.)\s*(?P<level2>\d{2}(?:\.\d+)?)\s*%)"
    r"(?:\s*[\(\[]\s*(?:CI|C\.I\.)\s*[\)\]])?(?:\s+CI\b|\s*,\s*CI\b)?"
    # 'OR 3.9 (95% CI) 1.7, 8.7': the label's bracket closed before the bounds; '95% CI diff: -1.2 min, +4.5'
    r"(?:\s*[\)\]](?=\s*[-–−]?\d))?(?:\s+diff(?:erence)?\b)?"
    # 'confidence intervals at 1.5% to 24.1%', '95% CI. (−14324, −13213)'
    r"(?:\s+(?:for|of)\s+(?:the\s+)?[^:=;,()\[\]\d]{0,60}?)?\s*(?:[:,;=]\s*|of\s+|was\s+|from\s+|at\s+|\.\s*(?=[\[(]))*[\[(]?\s*"
    # '−2.6 - (−0.21)': an upper bound in parentheses; '-75.47, to –2.305'; '95 % CI: −15.33 at −23.87 mg/dl' (Spanish
    # 'a'), not 'at 12 weeks'
    r"(?P<lo>" + SIGNED + r")" + _UNIT + r"(?:\s*\.?\s*(?:,?\s*to|–|—|-|,|;|and)|\s+(?P<at>(?-i:at))(?=\s))\s*(?P<hp>\()?(?P<hi>" + SIGNED
    + r")(?(hp)\))(?![\d,]*\d)(?(at)(?!\s*(?:weeks?|months?|years?|days?|hours?|h\b|min)))",
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
# also after a verb, past a few words: 'RR of 1.80 (0.99-3.28)', 'the corresponding OR was 0.83 (0.36–1.92)', 'The relative
# risk of hospital admission for EDGE was 0.83 (0.56-1.24, P=.37)' (then the estimate must lie in its interval)
BARE_RATIO_RE = re.compile(
    r"\b(?P<type>a?OR|a?HR|RR|IRR|MRR|odds\s+ratio|hazard\s+ratio|relative\s+risk|risk\s+ratio|rate\s+ratio)\s*(?:\[[^\]]{0,20}\]|\([A-Za-z]{1,4}\))?"
    r"(?:(?P<gap>\s+(?:of|for|in|with|among)\s+[^\d()\[\];.=]{1,50}?\s(?:was|were|is|of|=|:))|\s*[=:,]|\s+(?:was|were|is|of)\b)?\s*"
    r"(?P<est>" + SIGNED + r")\s*[\(\[]\s*(?P<lo>" + SIGNED + r")\s*(?:–|-|to|,)\s*(?P<hi>" + SIGNED + r")\s*(?:[\)\]]|[,;]\s*[Pp]\s*[=<>])")
# a ratio with an unlevelled 'CI' label: 'OR=1.81, CI 1.51-2.16'
RATIO_CI_RE = re.compile(
    r"\b(?P<type>a?OR|a?HR|RR|IRR|MRR|odds\s+ratio|hazard\s+ratio|relative\s+risk|risk\s+ratio|rate\s+ratio)\s*(?:\[[^\]]{0,20}\]|\([A-Za-z]{1,4}\))?\s*[=:,]?\s*"
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
# '(difference Control-RAL; 95%CI) in haemoglobin (−2.9; −5.7, −1.1)': estimate; low, high in one bracket
LABELLED_SEMI_RE = re.compile(r"[\(\[]\s*(?P<est>" + SIGNED + r")\s*;\s*(?P<lo>" + SIGNED + r")\s*(?:,|to|–|—|-)\s*(?P<hi>" + SIGNED + r")\s*[\)\]]")
# the estimate after the label, then '; low–high': '(HR; 95% CI: 1.19; 0.94–1.50)', '[HR; 95 % CI 1.9; 1.2, 3.1; p = 0.011]'
# (CI_RE reads 'est; low' as the bounds: this is the true upper bound after them)
SEMI_TAIL_RE = re.compile(r"\s*(?:–|—|-|to|,)\s*(?P<hi>" + SIGNED + r")(?![\d,]*\d)")
# the values that follow an estimate with its interval in the same sentence, written the same way without the
# label: '(adjusted hazard ratio 2.34 [95% CI 1.32–4.15]) and lifestyle (2.48 [1.45–4.22]) arms',
# '−229 pmol/L (95% CI −316 to −142) for the treatment group and −253 pmol/L (−383 to −123) for the placebo group'
SIBLING_RE = re.compile(
    r"(?<![\w.,/−–-])(?P<est>" + SIGNED + r")(?:\s?(?:%|[A-Za-zµμ][\w/*·^−-]{0,12})){0,2}\s*[\(\[]\s*(?P<lo>" + SIGNED
    + r")\s*%?\s*(?P<sep>,?\s*to|–|—|-|,|;)\s*(?P<hi>" + SIGNED + r")\s*(?:%|[A-Za-zµμ][\w/*·^-]{0,12})?\s*(?:[\)\]]|[,;]\s*[Pp]\b)")
# where the siblings end: the sentence, another label, or words that make a bracketed range a spread or a range
SIBLING_STOP_RE = re.compile(
    r"\.\s+(?=[A-Z(])|\n|\b(?:CI|C\.I\.|IQR|SD|SE|SEM|CrI)\b|[Cc]onfiden|[Ii]nterquartile|\b[Rr]anges?\b|[Qq]uartile|[Pp]ercentile|±|"
    r"\b(?:[Mm]edian|[Mm]ean)\s*[\(\[]|\b[A-Z]{4,}:")
SEP_OF_SPAN_RE = re.compile(r"[\d%]\s*(,?\s*to|–|—|-|,|;|at)\s*\(?[-–−+]?\s*[£$€]?\s*\d[\d.,\s]*%?\s*[\)\]]?\s*$")
# an estimate also given in another unit, and its interval in that unit after the first: '−0.61% (−6.7 mmol/mol) in favor
# of linagliptin (95% CI −0.88 to −0.34% [−9.6 to −3.7 mmol/mol]'
ALT_EST_RE = re.compile(r"\s*%?\s*[\(\[]\s*(?P<est>" + SIGNED + r")\s*(?P<unit>[A-Za-zµμ][\w/]{1,12})\s*[\)\]]")
ALT_CI_RE = re.compile(r"\s*%?\s*[\[(]\s*(?P<lo>" + SIGNED + r")\s*(?:,|to|–|—|-|;)\s*(?P<hi>" + SIGNED + r")\s*(?P<unit>[A-Za-zµμ][\w/]{1,12})\s*[\])]")
# a stated magnitude: 'lost 7.3 kg [95% CI −5.8 to −8.8 kg]', 'reduced by 32% (95% CI −42 to −21)', '11.2 mg/dL (95% CI −19.2 to
# −3.3; p=0.006) lower'
DECREASE_RE = re.compile(r"\b(?:reduc\w*|decreas\w*|declin\w*|lower\w*|lost|loss|los(?:e|ing)|fell|fall\w*|drop\w*|fewer|less|"
                         r"shorter|smaller|improv\w*|diminish\w*)\b", re.I)
DECREASE_AFTER_RE = re.compile(r"(?:[^.()\[\]]|\.(?=\d)){0,20}?[)\]]?\s*(?:lower|less|fewer|smaller|shorter|reduction|decrease)\b", re.I)
LABEL_SCOPE_END_RE = re.compile(r"\s(?:[A-Z][A-Za-z]+(?: [A-Za-z]+){0,3}|[A-Z]{3,}(?: [A-Z]+){0,3}):\s|\d\s*%\s*(?:CI|C\.I\.|confidence)|\bCI\b")
# an estimate a few words before its interval: '5.3% higher percentage of patients meeting recommendations [95% CI: 2.1% to 8.8%]'
# '10·5 percentage points higher (95% CI', '4.1% absolute risk reduction (95% CI'; the estimate in favour of an arm:
# '44.5% in favour of budesonide; 95% CI (', '−0.61% (−6.7 mmol/mol) in favor of linagliptin (95% CI' (its value in another unit between)
EST_FAR_RE = re.compile(r"(?<![\d.])(?P<est>(?:[-–−]\s?)?[£$€]?" + TNUM + r")\s*%?\s*(?:(?:[\w/*]+\s+){0,2}(?:higher|lower|greater|more|fewer|less|larger|smaller|"
                        r"increase|decrease|reduction|improvement)\b|(?:\([^()\d]{0,3}\d[^()]{0,25}\)\s*|(?:[\w/*]+\s+){0,2})in\s+favou?r\s+of\b)"
                        # the arms' values compared in the interval's bracket: '... in favour of the Sensor On arm (8.04% vs 8.47%; 95% CI'
                        r"[^\d;()\[\]]{0,80}?(?:(?P<cmp>\([^()]{0,80}?\b(?:vs|versus)\.?\s[^()]{0,60}?;)|[;,])?\s*[\[(]?\s*$")
# a list of 'label: estimate; low to high' items under one 'ratio; 95% CI' header: 'HR; 95% CI R2.5: 0.87; 0.64 to 1.17; R5: 0.79;
# 0.58 to 1.07', '(HR; 95% CI MACE R2.5: 0.73; 0.47 to 1.15; ...)'
LIST_HEAD_RE = re.compile(
    r"\b(?P<type>a?ORs?|a?HRs?|RRs?|IRRs?|(?i:odds\s+ratios?|hazard\s+ratios?|relative\s+risks?|risk\s+ratios?|rate\s+ratios?|"
    r"(?:mean\s+)?differences?))\s*[;,/(]\s*(?P<level>\d{2}(?:\.\d+)?)\s*%\s*" + CI_LABEL + r"\s*\)?(?=\s*[:,]?\s*[A-Za-z][^;:()]{0,30}:)")
LIST_ITEM_RE = re.compile(r"(?<=:)\s*(?P<est>" + SIGNED + r")\s*[;,]\s*(?P<lo>" + SIGNED + r")\s*(?:to|–|—|-)\s*(?P<hi>" + SIGNED + r")(?![\d,]*\d)")
# measures of accuracy or a proportion's own interval are not effect estimates
NOT_EFFECT_BEFORE_RE = re.compile(r"\b(?:AUC|AUROC|area\s+under|c-statistic|sensitivity|specificity|accuracy|kappa|ICC)\b[^;]{0,60}$", re.I)
# ('35/36, 97.2% (95% CI 85.5–99.9)': the count before the percentage)
PROPORTION_BEFORE_RE = re.compile(r"\d\s*/\s*\d[\d,]*\s*(?:[,;]|[,;]?\s*\d+(?:\.\d+)?\s*%)\s*[\[(]?\s*$")
EST_BEFORE_RE = re.compile(
    r"(?<![\d.])(?<!\d,)(?<![A-Za-zµμ·^])(?P<est>(?:[-–−]\s?)?[£$€]?" + TNUM + r")\s*(?P<unit>(?:%|°|€|-fold\b|[A-Za-zµμ/][A-Za-zµμ/0-9*·^.−-]*)"
    r"(?:\s?[·.]?\s?(?=[A-Za-zµμ/]*[\d/−-])[A-Za-zµμ/][A-Za-zµμ/0-9*^.−-]*){0,3}(?:\s[A-Za-z]+)?(?:\sper\s[A-Za-zµμ][\w/]*)?)?\s*[,;:]?\s*[\[(]{0,2}\s*$"
)
# ('0.15 in the efalizumab group (95% CI', '1.12 episodes in the group of control participants (95% CI')
GAP_BEFORE_LABEL_RE = re.compile(r"(?P<time>\b(?:at|after|over)\s+\d+\s*(?:weeks?|months?|years?|days?|hours?)\s*,?\s*)?"
                                 r"(?:\b(?:in|for|among)\s+the\s+[A-Za-z][A-Za-z -]{0,40}?\s*)?"
                                 r"(?:(?:\b(?:with|for)\s+)?\b(?:a|an|the)\s+)?(?:\b(?:2|two|1|one)[- ]sided\s+)?[\[(]?\s*$", re.I)
# a mean ± SD (or an SD in brackets) before the interval: '1.7 ± 1.6 %-units (95% CI', '−3.4±0.5 mm Hg; P<0.0001; 95% CI',
# '0.60 [SD 0.40] [95% CI', '1.05% (SD = 2.0; CI95%:'
_SHORT_UNIT = r"(?:\s?(?:%|[A-Za-zµμ/%][\w/^.·−%-]{0,12})){0,2}"
SPREAD_BEFORE_RE = re.compile(
    r"(?<![\d.])(?P<est>(?:[-–−]\s?)?" + TNUM + r")" + _SHORT_UNIT + r"\s*(?:(?:±|\+/-)\s*" + NUM + _SHORT_UNIT
    + r"|[\[(]\s*(?:SD|SE|SEM|s\.d\.)\s*[=:]?\s*" + NUM + _SHORT_UNIT + r"\s*(?:[\])]|(?=[;,])))"
    r"\s*[,;]?\s*(?:[Pp]\s*[=<>≤]\s*" + NUM + r"\s*[,;]\s*)?[\[(]?\s*$")
# 'reduced from 4.7% to 0.7% (95% CI 3.37 to 4.64': the number before is an arm's value, not the change's estimate
FROM_TO_BEFORE_RE = re.compile(r"\bfrom\s+[-–−]?\d[\d.,]*\s*%?\s*(?:[A-Za-z/]+\s*)?(?:\([^()]{0,30}\)\s*)?to\s*$")
# a number that is an SD, a denominator, a p-value or a standard error is not the estimate
DURATION_UNIT_RE = re.compile(r"(?:years?|months?|weeks?|days?|hours?|yrs?|wks?)(?P<after>\s+(?:later|after|old))?$")
DURATION_BEFORE_RE = re.compile(r"\b(?:over|after|within|during|for|at|first|past|next)\s*$")
NOT_EST_BEFORE_RE = re.compile(r"(?:\bper\s|±|\+/-|/|\b[Pp]\s*[=<>≤≥]|\b[Pp](?:-value)?\s|\b(?:SE|SD|SEM)\s*[=:]?\s*|\b(?:vs|v)\.?\s|\bversus\s)\s*$")
TYPES = [
    # abbreviations are matched case-sensitively: 'or' is not an odds ratio
    (r"(?i:\bodds ratios?\b)|\bORs?\b|\baORs?\b", "odds ratio"),
    (r"(?i:\bhazard ratios?\b)|\bHRs?\b|\baHRs?\b", "hazard ratio"),
    (r"(?i:\brelative risks?\b|\brisk ratios?\b)|\bRRs?\b", "risk ratio"),
    (r"(?i:\brate ratios?\b)|\bIRRs?\b|\bMRRs?\b", "rate ratio"),
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

    def last_end_before(self, x: int, width: int) -> int | None:
        """The largest end of a span ending in [x - width, x], or None."""
        ends = [b for a, b in self._from(x - width - self.longest, x + 1) if x - width <= b <= x]
        return max(ends) if ends else None


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
        if m.group("gap") and not _fits(_f(m.group("est")), *_bounds(m)):
            continue
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
        tail = SEMI_TAIL_RE.match(mt, m.end()) if ";" in mt[m.end("lo"):m.start("hi")] else None
        if tail:
            est, (lo, hi) = _f(m.group("lo")), sorted((_f(m.group("hi")), _f(tail.group("hi"))))
            if lo <= est <= hi:
                out.append(CIMention(m.start(), tail.end(), est, _etype(mt[max(floor, m.start() - 80):m.start()]),
                                     float(m.group("level") or m.group("level2")), lo, hi))
                taken.add((m.start(), tail.end()))
                continue
        c = _estimate_before(mt, m, floor, float(m.group("level") or m.group("level2")), need_estimate=False, taken=taken)
        if c:
            out.append(c)
            taken.add((c.start, c.end))
    for m in (LABEL_FIRST_RE.finditer(mt) if has_label and "%" in mt else ()):
        # the values after a bracketed label, up to the next heading ('CONCLUSIONS:') or CI label: in a results
        # paragraph the label sets how the later sentences report ('peer support 0.5 (0.1 to 0.9) p=0.03')
        stop = LABEL_SCOPE_END_RE.search(mt, m.end(), m.end() + 400)
        seg_end = stop.start() if stop else min(len(mt), m.end() + 400)
        etype_ctx = mt[max(floor, m.start() - 80):m.start()]
        semi = [v for v in LABELLED_SEMI_RE.finditer(mt, m.end(), seg_end) if _fits(_f(v.group("est")), *sorted((_f(v.group("lo")), _f(v.group("hi")))))] \
            if ";" in mt[m.end():seg_end] else []
        for v in sorted((*LABELLED_VALUE_RE.finditer(mt, m.end(), seg_end), *semi), key=lambda v: v.start()):
            if taken.overlaps(v.start(), v.end()):
                continue
            if NOT_EST_BEFORE_RE.search(mt[max(0, v.start() - 6):v.start()]) and not _vs_after_interval(
                    mt, v.start(), mt[max(0, v.start() - 12):v.start()], taken):
                continue  # '± 1.2 (0.5 to 2.0)'; not '5.5 (3.8–14.0) months vs 5.5 (3.5–10.7) months'
            lo, hi = sorted((_f(v.group("lo")), _f(v.group("hi"))))
            out.append(CIMention(v.start(), v.end(), _f(v.group("est")), _etype(etype_ctx + " " + mt[m.end():v.start()]),
                                 float(m.group("level")), lo, hi))
            taken.add((v.start(), v.end()))
    for m in (UNLEVELLED_RE.finditer(mt) if has_label and ("CI" in mt or "C.I." in mt or "onfidence" in mt) else ()):
        if taken.contains(m.start()) or taken.starts_within(m.start(), m.end()):
            continue
        if re.search(r"\d{2}(?:\.\d+)?\s*%\s*-?\s*$", mt[max(0, m.start() - 8):m.start()]):
            continue  # a levelled label: CI_RE's
        c = _estimate_before(mt, m, floor, float(m.group("level")) if m.group("level") else None, need_estimate=True, taken=taken)
        if c:
            out.append(c)
            taken.add((c.start, c.end))
    out.sort(key=lambda c: c.start)
    out = _siblings(mt, _other_units(mt, out, taken), taken)
    return [_signed(mt, c, floor) for c in out]


def _other_units(mt: str, found: list[CIMention], taken: _Spans) -> list[CIMention]:
    """The same estimate and interval in a second unit, each in brackets after the first: '−0.61% (−6.7 mmol/mol) ... (95% CI
    −0.88 to −0.34% [−9.6 to −3.7 mmol/mol])' also gives −6.7 (−9.6 to −3.7). The units must agree and the estimate fit."""
    more = []
    for c in found:
        if c.estimate is None or "[" not in mt[c.end:c.end + 4] and "(" not in mt[c.end:c.end + 4]:
            continue
        ci = ALT_CI_RE.match(mt, c.end)
        m = ALT_EST_RE.match(mt, _num_end(mt, c.start)) if ci else None
        if m is None or m.group("unit") != ci.group("unit") or taken.overlaps(ci.start(), ci.end()):
            continue
        est, (lo, hi) = _f(m.group("est")), sorted((_f(ci.group("lo")), _f(ci.group("hi"))))
        if lo <= est <= hi:
            more.append(CIMention(m.start("est"), ci.end(), est, c.estimate_type, c.level, lo, hi))
            taken.add((m.start("est"), ci.end()))
    return sorted((*found, *more), key=lambda c: c.start) if more else found


def _num_end(mt: str, pos: int) -> int:
    """The end of the number (with its sign, currency and percent) at pos."""
    m = re.compile(SIGNED).match(mt, pos)
    return m.end() if m else pos


def _sep_kind(sep: str) -> str:
    sep = sep.strip(" ,") or ","
    return "-" if sep in "–—-" else sep


def _siblings(mt: str, found: list[CIMention], taken: _Spans) -> list[CIMention]:
    """Values after an estimate with its interval, in the same sentence, written with the same separator and a
    bracketed interval but no label ('OR 2.34 [95% CI 1.32–4.15] in A and 2.48 [1.45–4.22] in B'); each must lie in its
    interval, and a spread, a range or another label ends the run (their intervals are no confidence intervals)."""
    more: list[CIMention] = []
    for c in found:
        if c.estimate is None:
            continue
        sk = SEP_OF_SPAN_RE.search(mt, c.start, c.end)
        if sk is None:
            continue
        # whole numbers after decimals are another kind of figure
        decimals = bool(re.search(r"\d\.\d", mt[c.start:c.end]))
        stop = SIBLING_STOP_RE.search(mt, c.end, c.end + 300)
        end = stop.start() if stop else min(len(mt), c.end + 300)
        for v in SIBLING_RE.finditer(mt, c.end, end):
            if taken.overlaps(v.start(), v.end()) or _sep_kind(v.group("sep")) != _sep_kind(sk.group(1)):
                continue
            est, (lo, hi) = _f(v.group("est")), sorted((_f(v.group("lo")), _f(v.group("hi"))))
            if not lo <= est <= hi or lo == hi or all(x.is_integer() and 1900 <= x <= 2100 for x in (est, lo, hi)):
                continue  # not an interval around its estimate; years ('in 2010 (2005–2012)')
            if NOT_EST_BEFORE_RE.search(mt[max(0, v.start() - 6):v.start()]) and not _vs_after_interval(
                    mt, v.start(), mt[max(0, v.start() - 12):v.start()], taken):
                continue
            if re.search(r"\b(?:aged?|ages)\s*$|\d\s*/\s*\d+\s*[,;]?\s*$", mt[max(0, v.start() - 12):v.start()]):
                continue  # an age; a proportion after its count ('32/32, 100% (89.1–100)')
            if decimals and not re.search(r"\d\.\d", v.group(0)):
                continue  # 'HR 0.49 [95% CI 0.29-0.84], and time to feeds (11 [7-21] vs. 14 [8-36] days': medians (IQR)
            more.append(CIMention(v.start(), v.end(), est, _etype(mt[c.end:v.start()]) or c.estimate_type, c.level, lo, hi))
            taken.add((v.start(), v.end()))
    return sorted((*found, *more), key=lambda c: c.start) if more else found


def _signed(mt: str, c: CIMention, floor: int) -> CIMention:
    """A magnitude stated with a signed interval gets the interval's sign: 'lost 7.3 kg [95% CI −5.8 to −8.8 kg]' is an
    estimate of −7.3 (−8.8 to −5.8).

    The representation chosen: an estimate is the signed value of the effect its interval bounds, so that the interval
    brackets it (the statistics contract's ci_brackets_estimate check); a text that states the size of a decrease and
    gives the interval of the signed difference ('a reduction in glycaemic load (33 points, 95% CI −47 to −20)') has the
    estimate −33. Only when the number as written lies outside its interval, its negation inside, and the sentence
    states a decrease ('reduced by', 'lower', 'lost', 'declined', 'improvement of', ...) before the estimate or just
    after the interval. Otherwise the estimate stays as written (such a row is quarantined as inconsistent, as the
    text is: 'reduced with EUR 12 (95% CI −32 to −18)')."""
    est = c.estimate
    if est is None or est <= 0 or c.low <= est <= c.high or not c.low <= -est <= c.high:
        return c
    head = mt[max(floor, c.start - 150):c.start]
    head = head[max((e.end() for e in re.finditer(r"\.\s+(?=[A-Z])", head)), default=0):]
    if DECREASE_RE.search(head) or DECREASE_RE.search(mt, c.start, c.end) or DECREASE_AFTER_RE.match(mt, c.end):
        return replace(c, estimate=-est)
    return c


def _fits(est: float, lo: float, hi: float) -> bool:
    """The estimate, or its negation (a magnitude: 'reduced by 7.3 (95% CI −8.8 to −5.8)'), lies in the interval."""
    return lo <= est <= hi or lo <= -est <= hi


def _vs_after_interval(mt: str, head_end: int, head: str, taken: _Spans | None) -> bool:
    """`head` (the text before a value, ending at `head_end`) ends in 'vs'/'versus' right after an interval
    already read: 'A (95% CI a to b) vs B (95% CI c to d)' — B is an estimate with its own interval, unlike
    '1.35 v/s 1.82 (95% CI ...)', where the interval is the difference's."""
    vs = re.search(r"\b(?:vs|v|versus)\.?\s*$", head)
    if vs is None or taken is None:
        return False
    vpos = head_end - (len(head) - vs.start())
    end = taken.last_end_before(vpos, 45)
    return end is not None and not re.search(r"\d", mt[end:vpos])


def _estimate_before(mt: str, m: re.Match[str], floor: int, level: float | None, need_estimate: bool,
                     taken: _Spans | None = None) -> CIMention | None:
    """A CI match with the estimate written just before it (looked for past a p-value), or None when it
    is an accuracy measure or a proportion's own interval (or has no estimate and one is needed)."""
    if PROPORTION_BEFORE_RE.search(mt[max(floor, m.start() - 40):m.start()]):
        return None  # '21.0% (445/2,111, 95% CI 19.3–22.7%)': a proportion's interval, not an effect
    lo, hi = _bounds(m)  # '95% CI −0.32%, −0.55%': the bounds in order
    lo_s = max(floor, m.start() - 90)
    before = mt[lo_s:m.start()]
    if not m.group(0)[0].isdigit():
        # 'RR 1.12, 95% CI 95% 0.76 to 1.66', 'CI 95%: ...': the '95%' before the label is its level, not the estimate
        lvl = re.search(r"\b\d{2}(?:\.\d)?\s*%\s*-?\s*$", before)
        before = before[: lvl.start()] if lvl else before
    # '−0.00, 95% CI (95% CI −0.37 to 0.37)': a label written twice
    dup = re.search(r"\b\d{2}(?:\.\d)?\s*%\s*(?:CI|C\.I\.|confidence\s+interval)\s*[(\[]\s*$", before)
    before = before[: dup.start()] if dup else before
    em = EST_BEFORE_RE.search(before)
    g = GAP_BEFORE_LABEL_RE.search(before)
    if (em is None or g.group("time")) and g.start() < len(before):
        # words between the estimate and the label ('−1.7 with a 95% CI of', '0.8 for the 2-sided 95% CI', '14.7% at
        # 12 months (95% CI'): the number before them is the estimate only when it fits the interval
        em2 = EST_BEFORE_RE.search(before[: g.start()])
        if em2 and _fits(_f(em2.group("est")), lo, hi):
            em = em2
    if em and NOT_EST_BEFORE_RE.search(before[: em.start("est")]) and not _vs_after_interval(
            mt, lo_s + em.start("est"), before[: em.start("est")], taken):
        # the number just before is a p-value ('HR, 0.76; P = .002; 95% CI ...'): look past it
        pm = re.search(r"[;,]?\s*\b[Pp]\s*[=<>≤≥]\s*" + NUM + r"\s*[;,]?\s*$", before)
        em = EST_BEFORE_RE.search(before[: pm.start()] + " ") if pm else None
        if em and NOT_EST_BEFORE_RE.search(before[: em.start("est")]):
            em = None
    est, start, unit = None, m.start(), None
    if em:
        est, start, unit = _f(em.group("est")), lo_s + em.start("est"), em.group("unit")
    else:
        # a mean ± SD, or an SD in brackets, before the interval: the mean, when it fits the interval
        sm = SPREAD_BEFORE_RE.search(before)
        if sm and _fits(_f(sm.group("est")), lo, hi) and not NOT_EST_BEFORE_RE.search(before[: sm.start("est")]):
            est, start, unit = _f(sm.group("est")), lo_s + sm.start("est"), "spread"
    if est is None:
        far_s = max(floor, m.start() - 120)
        fm = EST_FAR_RE.search(mt[far_s:m.start()])
        if fm and not NOT_EST_BEFORE_RE.search(mt[max(0, far_s + fm.start("est") - 6):far_s + fm.start("est")]) and (
                not fm.group("cmp") or _fits(_f(fm.group("est")), lo, hi)):
            est, start, unit = _f(fm.group("est")), far_s + fm.start("est"), "far"
    du = DURATION_UNIT_RE.match(unit) if est is not None and unit else None
    if du and (du.group("after") or DURATION_BEFORE_RE.search(mt[max(floor, start - 12):start])
               or re.match(r"\s*(?:later|after|old)\b", mt[start:m.start()].split(unit, 1)[-1])):
        est, start = None, m.start()  # 'an extra 1 kg over 2 years (99% CI', '12 months later (95% CI': a duration, not the estimate
    if est is not None and not lo <= est <= hi and FROM_TO_BEFORE_RE.search(mt[max(floor, start - 50):start]):
        est, start = None, m.start()  # 'reduced from 4.7% to 0.7% (95% CI 3.37 to 4.64)': the interval of the change
    if est is None and need_estimate:
        return None
    etype = _etype(mt[max(floor, start - 80):start])
    ne = NOT_EFFECT_BEFORE_RE.search(mt[max(floor, start - 80):start]) if etype is None else None
    if ne and (0 <= lo and hi <= 1 or not re.match(r"(?i)AUC|area", ne.group(0))):
        # 'ROC AUC ... was 0.71 (95% CI 0.54–0.89)': accuracy, not an effect; an area under a curve of values over 1 is
        # an outcome ('C-peptide area under curve was −229 pmol/L (95% CI −316 to −142)', 'AUC ... 23% (95% CI: 5–37%) lower')
        return None
    if etype is None and est is not None and unit and unit != "far":
        etype = "mean difference"
    return CIMention(start, m.end(), est, etype, level, lo, hi)
