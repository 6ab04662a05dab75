"""Document type: trial-report | registry-record | review | other (rules over the text)."""

from __future__ import annotations

import re

REGISTRY_FIELDS = ("Enrollment", "Allocation", "Interventional model", "Masking", "Primary purpose",
                   "Inclusion criteria", "Exclusion criteria", "Study type", "Phase", "Conditions")
REVIEW_RE = re.compile(r"\b(?:systematic review|meta-analys[ie]s|pooled\s+(?:subject|patient|participant)-level|pooled\s+analysis\s+of\s+(?:individual|\d+|data)|the present review|this review|narrative review|"
                       r"scoping review|we reviewed)\b|^\s*(?:[•●-]\s*)?Review\s*$", re.I | re.M)
from .common import cue_text, lacks_cues
from .numbers import PEOPLE

OWN_TRIAL_RE = re.compile(
    r"\b" + PEOPLE + r"\s+(?:[\w-]+\s+){0,6}?(?:were|was) (?:randomly |then |subsequently )?(?:randomi[sz]ed|enrolled|included|allocated|assigned)\b|"
    r"\b(?:were|was) (?:randomly |then |subsequently )?(?:randomi[sz]ed)\b|"
    r"\brandomly\s+(?!selected|chosen|sampled|drawn)(?:assigned|allocated|divided|administered|distributed|received|given|treated|split)\b|"
    r"\bin\s+(?:a\s+)?random(?:i[sz]ed)?\s+order\b|\bcross-?over\s+(?:design|trial|study)\b|"
    r"\bsingle[- ]arm\b[^.]{0,60}?\b(?:study|trial)\b|\brandomi[sz]ed,?\s+(?:[\w-]+,?\s+){0,3}?(?:design|intervention)\b|"
    r"\bwe (?:randomly )?(?:randomi[sz]ed|assigned|allocated|enrolled|recruited)\b|"
    r"\b(?:this|a|the present|our)\s+(?:[\w-]+\s+){0,4}?(?:randomi[sz]ed|controlled|placebo-controlled|double-blind|open-label|crossover|cross-over)\s+(?:[\w-]+\s+){0,3}?(?:trial|study)\b|"
    r"\brandomi[sz]ed,?\s+(?:[\w-]+,?\s+){0,7}?(?:trial|study)\b|"
    r"\b(?:double|single|triple)[- ](?:blind(?:ed)?|mask(?:ed)?)\b[^.]{0,80}?\b(?:trial|study)\b|\bplacebo[- ]controlled\b[^.]{0,60}?\b(?:trial|study)\b|"
    r"\b(?:two|double|three|multi|parallel)[- ]arm(?:ed)?\s+(?:[\w-]+\s+){0,2}?(?:study|trial)\b|\brandomi[sz]ed\s+\d[\d,]*\s+|"
    r"\bphase\s+(?:I{1,3}V?|IV|[1-4])[ab]?(?:/(?:I{1,3}|[1-4]))?\s+(?:[\w-]+\s+){0,3}?(?:trial|study)\b|"
    r"\bparticipants in \d+ patient groups?\b|\bTotal number of enrollees\b|"
    # 'This clinical trial was carried out on 94 patients', '... were divided into two groups of 100 each'
    r"\b(?:this|the present|our)\s+(?:[\w-]+\s+){0,2}?trial\s+(?:was|is)\s+(?:carried\s+out|conducted|performed|undertaken)\b|"
    r"\b(?:were|was)\s+(?:then\s+)?(?:divided|assigned|allocated)\s+(?:in)?to\s+(?:two|three|four|2|3|4)\s+(?:equal\s+)?groups\b(?!\s*(?:according|based|by\b|depending|consisting|on\s+the\s+basis))", re.I)


TITLE_REVIEW_RE = re.compile(r"\b(?:systematic\s+review|meta-?analys[ie]s|review\s+of\s+(?:the\s+)?literature|scoping\s+review|narrative\s+review|"
                             r"umbrella\s+review)\b", re.I)
OBSERVATIONAL_RE = re.compile(r"\b(?:retrospective(?:ly)?|observational|cohort\s+study|case-control|cross-sectional|situational\s+analysis|"
                              r"qualitative\s+study|registry-based|database\s+study)\b", re.I)
RANDOM_ALLOC_RE = re.compile(r"\brandomi[sz](?:ed|ation)\b|\brandomly\s+(?:assigned|allocated|divided)\b", re.I)


# words one of which every match of REVIEW_RE / OBSERVATIONAL_RE holds (cheap checks first)
REVIEW_CUES = ("review", "meta-analys", "pooled")
OBSERVATIONAL_CUES = ("retrospective", "observational", "cohort", "case-control", "cross-sectional", "situational",
                      "qualitative", "registry-based", "database")


def classify(text: str) -> str:
    lines = {ln.strip() for ln in text.splitlines()}
    if sum(f in lines for f in REGISTRY_FIELDS) >= 4 or re.search(r"Data sourced from clinicaltrials\.gov", text, re.I):
        return "registry-record"
    head = text[:4000]
    if TITLE_REVIEW_RE.search(text[:600]):
        return "review"  # the title says so, whatever the included trials did
    low = cue_text(text)
    own_trial = None
    if not lacks_cues(low, REVIEW_CUES) and REVIEW_RE.search(head):
        own_trial = OWN_TRIAL_RE.search(text)
        if not own_trial:
            return "review"
    if not lacks_cues(low, OBSERVATIONAL_CUES) and OBSERVATIONAL_RE.search(text[:3000]) and not RANDOM_ALLOC_RE.search(text[:6000]):
        return "other"  # a cohort, case-control or situational study, not a trial
    if own_trial or OWN_TRIAL_RE.search(text):
        return "trial-report"
    return "other"
