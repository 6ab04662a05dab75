"""Document type: trial-report | registry-record | review | other (rules over the text)."""

from __future__ import annotations

import re

from .common import cue_text, lacks_cues
from .numbers import PEOPLE

REGISTRY_FIELDS = ("Enrollment", "Allocation", "Interventional model", "Masking", "Primary purpose",
                   "Inclusion criteria", "Exclusion criteria", "Study type", "Phase", "Conditions")
REVIEW_RE = re.compile(r"\b(?:systematic review|meta-analys[ie]s|pooled\s+(?:subject|patient|participant)-level|pooled\s+analysis\s+of\s+(?:individual|\d+|data|two|three|four|five|six|seven|eight|nine|ten)|the present review|this review|narrative review|"
                       r"scoping review|we reviewed)\b|^\s*(?:[•●-]\s*)?Review\s*$", re.I | re.M)

# the study itself ('clinical-trial'), singular: 'randomized controlled trials' in a background is other studies
_TRIAL_1 = r"(?:[a-z]+-)?(?:trial|study|RCT|experiment)(?!s)"
# plural only after a number: 'Two randomised, double blind, placebo-controlled, crossover studies were performed'
_TRIAL_N = r"(?:[a-z]+-)?(?:trials?|stud(?:y|ies)|RCTs?|experiments?)"
_COUNTED = r"\b(?:two|three|four|five|six|both|replicate|identical|\d)\s+(?:[\w-]+,?\s+){0,8}?"
_GROUPS = r"(?:two|three|four|five|six|2|3|4|5|6)\s+(?:equal\s+|parallel\s+|treatment\s+|study\s+|different\s+|separate\s+|experimental\s+|intervention\s+)?groups"
_I = re.I | re.M
# Phrases by which a document reports its own trial, as (cues, pattern): a pattern is tried only when
# the lower-cased text holds one of its cues (every match holds one), most frequent first.
OWN_TRIAL_RES: list[tuple[tuple[str, ...], re.Pattern[str]]] = [
    (("randomi",), re.compile(
        # ('were prospectively randomized', 'animals were anesthetized and randomized to', 'and randomized into three groups')
        r"\b(?:were|was) (?:randomly |then |subsequently |[a-z]+ly |[a-z]+ed and (?:then )?)?randomi[sz]ed\b|\bwe (?:randomly )?randomi[sz]ed\b|"
        r"\brandomi[sz]ed\s+\d[\d,]*\s+|\band\s+(?:then\s+)?(?:pseudo-?)?randomi[sz]ed\s+(?:to|into)\b|\bpseudo-?randomi[sz]ed\s+(?:to|into)\b|"
        r"\brandomi[sz]ed,?\s+(?:[\w-]+,?\s+){0,7}?" + _TRIAL_1 + r"\b|"
        r"\brandomi[sz]ed,?\s+(?:[\w-]+,?\s+){0,3}?(?-i:design|intervention|protocol|fashion|manner|comparison|evaluation|pilot)\b", _I)),
    # 'randomly placed into', 'randomly subdivided into' (not random sampling: 'randomly selected')
    (("randomly", "arbitrarily", "alternately"), re.compile(
        r"\b(?:arbitrarily|alternately)\s+(?:assigned|allocated|divided)\b|"
        r"\brandomly\s+(?:and\s+[\w-]+\s+)?(?:re-?)?(?:assigned|allocated|divided|subdivided|administered|distributed|received|given|treated|split|placed|"
        r"categori[sz]ed|grouped|separated|enrolled|put|exposed|attributed|sorted|stratified|designated|scheduled|ordered)\b", _I)),
    (("random",), re.compile(
        r"\b(?:allocated|assigned|divided|distributed|split)\s+(?:[\w-]+\s+){0,4}?(?:at\s+)?random(?:ly)?\b(?!\s+(?:sampl|select|from\b))|"
        r"\bin\s+(?:a\s+)?random(?:i[sz]ed)?,?\s+(?:[\w-]+,?\s+){0,3}?(?:order|fashion|manner|sequence)\b", _I)),
    (("blind", "mask", "controlled", "open"), re.compile(
        r"\b(?:double|single|triple)[- ]?(?:blind(?:ed)?|mask(?:ed)?)\b|\b(?:placebo|sham|vehicle)[- ]controlled\b|\bopen[- ]label\b|"
        r"(?<!case-)\b(?:uncontrolled|controlled)\s+(?:clinical\s+|pilot\s+|field\s+|intervention\s+|before-after\s+)?(?:trial|study)\b", _I)),
    (("placebo", "sham"), re.compile(
        # placebo or sham given to participants: 'received placebo', 'or matching placebo', 'the sham group'
        # ('with isocaloric placebo supplements', 'either 5 g/day CIT or glycine placebo')
        r"\b(?:received?|receiving|given|administered|versus|vs\.?|or|with|to)\s+(?:a\s+|an\s+|the\s+|matching\s+|identical\s+|oral\s+)?"
        r"(?:(?!(?:and|or|with|of|in|the)\b)[a-z][\w-]*\s+)?(?:placebo|sham)\b(?![- ]controlled)|"
        r"\b(?:placebo|sham)[- ](?:groups?|arms?|treatment|condition|tablets?|capsules?|gel|injections?|stimulation|session|procedure|acupuncture|"
        r"intervention|comparator|control|supplements?|pills?|drinks?|beverages?|solution|powder|sachets?|cream|patch(?:es)?|spray|surgery)\b", _I)),
    (("trial", "stud", "rct", "experiment"), re.compile(
        r"\b(?:this|a|an|the present|our)\s+(?:[\w-]+,?\s+){0,4}?(?:randomi[sz]ed|controlled|placebo-controlled|double-blind|"
        r"open-label|crossover|cross-over|clinical|intervention|pilot|feasibility)\s+(?:[\w-]+\s+){0,3}?" + _TRIAL_1 + r"\b|"
        r"\b(?:two|three|four|both|\d)\s+(?:[\w-]+,?\s+){0,4}?(?:randomi[sz]ed|controlled|placebo-controlled|double-blind|"
        r"open-label|crossover|cross-over|intervention|pilot)\s+(?:[\w-]+\s+){0,3}?" + _TRIAL_N + r"\b|"
        r"\bphase\s+(?:I{1,3}V?|IV|[1-4])[ab]?(?:/(?:I{1,3}|[1-4]))?\s+(?:[\w-]+\s+){0,3}?" + _TRIAL_N + r"\b|"
        # 'This clinical trial was carried out on 94 patients'
        r"\b(?:this|the present|our)\s+(?:[\w-]+\s+){0,2}?trial\s+(?:was|is)\s+(?:carried\s+out|conducted|performed|undertaken)\b", _I)),
    (("cross", "split-mouth", "quasi", "random", "arm", "group"), re.compile(
        r"(?<!case-)\bcross-?\s?over,?\s+(?:[\w-]+,?\s+){0,3}?(?:design|" + _TRIAL_N + r"|manner|fashion|comparison|protocol)\b|"
        r"\bsplit-mouth\b|\bquasi-?(?:experimental|randomi[sz]ed)\b|\bnon-?randomi[sz]ed,?\s+(?:[\w-]+,?\s+){0,3}?(?:" + _TRIAL_N + r"|intervention)\b|"
        r"\b(?:single|one|two|three|double|multi|parallel)[- ](?:arm(?:ed)?|group)\b[^.]{0,60}?\b" + _TRIAL_N + r"\b", _I)),
    (("group", "one of"), re.compile(
        # '... were (selected and) divided into two groups of 100 each' (not 'according to their response')
        r"\b(?:were|was)\s+(?:[\w-]+\s+and\s+|then\s+|equally\s+|consecutively\s+)?(?:divided|assigned|allocated|categori[sz]ed|distributed|split)\s+(?:in|into|to)\s+(?:"
        + _GROUPS + r"|the\s+following\s+(?:\w+\s+)?groups)\b(?!\s*(?:according|based|by\b|depending|consisting|on\s+the\s+basis))|"
        r"\b(?:assigned|allocated|randomi[sz]ed)\s+to\s+one\s+of\s+(?:two|three|four|five|six|seven|eight|\d+|the\s+following)\b|"
        # 'Group A received propofol', 'group I (n = 30) was given'
        r"\bgroups?\s+(?:A|I|1|one)\b[^.;]{0,80}?\b(?:received|was\s+given|were\s+given|was\s+treated|were\s+treated|underwent)\b", _I)),
    (("either",), re.compile(  # 'received either X or Y'
        r"\b(?:received?|receiving|given|administered|treated\s+with|underwent|assigned\s+to|allocated\s+to)\s+either\b", _I)),
    (("randomi",), re.compile(  # plural designs only after a count or as a heading's first words (rarer: tried late)
        _COUNTED + r"randomi[sz]ed,?\s+(?:[\w-]+,?\s+){0,7}?" + _TRIAL_N + r"\b|"
        # a title or a heading's first words: 'Randomised multicentre trials of CHART ...', 'METHODS: Randomised clinical trials in ...'
        r"(?:^\s*|:\s+)Randomi[sz]ed\s+(?:[\w-]+\s+){0,3}?" + _TRIAL_N + r"\b", _I)),
    (("analys", "trial", "rct"), re.compile(
        # secondary analyses of a trial: 'a post hoc analysis of the GREACE trial', 'data from two randomized controlled trials'
        r"\b(?:(?:secondary|post[- ]?hoc|ancillary|exploratory|sub-?group|retrospective)\s+(?:[\w-]+\s+){0,2}?analys[ie]s|sub-?analys[ie]s)\s+(?:of|from|using|in|within)\s+"
        r"(?:[^.;]{0,120}?)\b(?:trials?|RCTs?|randomi[sz]ed)\b|"
        r"\b(?:data|participants|patients|subjects|women|children|samples)\s+(?:were\s+)?(?:from|in|of|drawn\s+from|enrolled\s+in|obtained\s+from|derived\s+from)\s+"
        r"(?:the|a|two|three|\d)\s+(?:[\w-]+\s+){0,6}?(?:trials?|RCTs?)\b|"
        r"^\s*(?:TRIAL|Trial|CLINICAL\s+TRIAL|Clinical\s+[Tt]rial)\s+(?:REGISTRATION|[Rr]egistration)\b", _I)),
    (("enrolled", "included", "allocated", "assigned", "recruited", "randomi", "participants in", "enrollees"), re.compile(
        r"\b" + PEOPLE + r"\s+(?:[\w-]+\s+|\([^()]{0,40}\)\s+){0,6}?(?:were|was) (?:randomly |then |subsequently )?(?:enrolled|included|allocated|assigned)\b|"
        r"\b" + PEOPLE + r"\s+randomi[sz]ed\s+(?:to|in|into|at)\b|"
        r"\bwe (?:randomly )?(?:assigned|allocated|enrolled|recruited)\b|"
        r"\bparticipants in \d+ patient groups?\b|\bTotal number of enrollees\b", _I)),
    # what an intervention or control group got: 'The control group received 40 mg/day of lovastatin and intervention group
    # received ...', 'The experimental group (n = 30) received active core rewarming', 'the control group underwent ...'
    (("group",), re.compile(
        r"\b(?:intervention|experimental|treatment|study|control|placebo|sham|case|exercise|training)\s+groups?\s+(?:\([^()]{0,30}\)\s+)?"
        r"(?:received|was\s+given|were\s+given|was\s+treated|were\s+treated|underwent|took|consumed)\b", _I)),
]


# a sentence about trials still to be done: 'further research using a randomised controlled trial is recommendable'
FUTURE_RE = re.compile(r"\b(?:further\s+(?:research|studies|trials|investigation)|future\s+(?:research|studies|trials)|should\s+be|"
                       r"(?:is|are)\s+(?:needed|warranted|required|recommended)|would\s+be\s+(?:useful|needed|valuable|of\s+interest))\b", re.I)
# families that name the document's own design; the others (a placebo mentioned, 'received either') also
# turn up in reviews, so they do not outweigh a review's own wording
WEAK = {4, 8, 10}  # indices in OWN_TRIAL_RES: placebo/sham, 'received either', secondary analyses and registrations


def own_trial(text: str, low: str | None, strong_only: bool = False) -> re.Match[str] | None:
    """The first phrase found by which the text reports its own trial (None when there is none)."""
    for k, (cues, rx) in enumerate(OWN_TRIAL_RES):
        if (strong_only and k in WEAK) or lacks_cues(low, cues):
            continue
        for m in rx.finditer(text):
            a = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            b = min((x for x in (text.find(". ", m.end()), text.find("\n", m.end())) if x >= 0), default=len(text))
            if FUTURE_RE.search(text, a, b):
                continue
            return m
    return None


# a WHO-registry trial id names a registered trial (ethics and grant numbers do not look like these)
TRIAL_ID_RE = re.compile(r"\b(?:NCT\s?\d{8}|ISRCTN\s?\d{8}|ACTRN\s?\d{14}|ChiCTR[-A-Za-z]*\d{6,}|IRCT\d{6,}N\d*|CTRI/\d{4}/|DRKS\s?\d{8}|"
                         r"UMIN\d{9}|NTR\s?\d{3,5}|PACTR\d{12,}|TCTR\d{11}|KCT\d{7}|jRCT\d+|JapicCTI-\d{6}|RBR-\d\w{5}|SLCTR/\d{4})\b")

# the title only (the first line): 'Background: In a recent meta-analysis ...' does not make a review
TITLE_REVIEW_RE = re.compile(r"\b(?:systematic\s+review|meta-?analys[ie]s|review\s+of\s+(?:the\s+)?literature|scoping\s+review|narrative\s+review|"
                             r"umbrella\s+review|pooled\s+analysis\s+of\s+(?:two|three|four|five|\d+|several|multiple)\s)", re.I)
TITLE_TRIAL_RE = re.compile(r"\b(?:randomi[sz]ed|controlled|blind(?:ed)?|cross-?over|placebo)\b[^.]{0,40}?\b(?:trial|study|RCT)\b", re.I)
# the document's own design: 'a retrospective cohort study', 'this prospective observational study' - not
# 'retrospectively registered' or 'evidence from observational studies' (another study, in the background)
OBSERVATIONAL_RE = re.compile(r"\b(?:retrospective(?:ly)?(?!\s+registered)|observational(?!\s+(?:studies|data|evidence|research|trials))|cohort\s+study|"
                              r"case-control(?:led)?\s+(?:study|design|analysis)|cross-sectional\s+(?:study|survey|design|analysis|data)|"
                              r"situational\s+analysis|qualitative\s+study|registry-based|database\s+study)\b", re.I)
# the document's own random allocation (not 'calls for randomized controlled trials' in a background)
RANDOM_ALLOC_RE = re.compile(r"\b(?:were|was|been|being)\s+(?:\w+\s+){0,2}?randomi[sz]ed\b|\brandomly\s+(?:assigned|allocated|divided)\b|"
                             r"\brandomi[sz]ation\b|\brandomi[sz]ed\b(?:,?\s+[\w-]+){0,6}?\s+(?:trial|study|RCT)\b|"
                             r"\b(?:two|three|four|\d)\s+(?:[\w-]+,?\s+){0,3}?randomi[sz]ed\b", re.I)
# a laboratory study of specimens, not of people: 'In this ex vivo study, 45 extracted human molars ...'
# ('in-vitro performance testing', 'Forty human premolars were double-sectioned', 'shear bond strength', 'a universal testing machine')
IN_VITRO_RE = re.compile(r"\b(?:in[\s-]+vitro|ex[\s-]+vivo|(?:extracted|human|bovine|porcine|sound|intact|caries-free|non-carious)\s+(?:[\w,-]+\s+){0,4}?"
                         r"(?:teeth|molars|premolars|incisors|canines|roots)|(?:shear|push-out|tensile|micro-?tensile|flexural)\s+bond\s+strength|"
                         r"universal\s+testing\s+machine|(?:laboratory|cadaveric|bench)\s+(?:study|experiment))\b", re.I)
IN_VITRO_CUES = ("vitro", "vivo", "teeth", "molars", "incisors", "canines", "roots", "bond strength", "testing machine", "laboratory",
                 "cadaver", "bench")
HUMAN_RE = re.compile(r"\b(?:patients|participants|volunteers|outpatients|inpatients|subjects|individuals|persons|people|women|men|"
                      r"children|adolescents|infants|adults|smokers|workers|athletes|fighters|students|healthy)\b", re.I)


# words one of which every match of REVIEW_RE / OBSERVATIONAL_RE holds (cheap checks first)
REVIEW_CUES = ("review", "meta-analys", "pooled")
OBSERVATIONAL_CUES = ("retrospective", "observational", "cohort", "case-control", "cross-sectional", "situational",
                      "qualitative", "registry-based", "database")


_HYPHENS = "\u2010\u2011\u2012\u2013\u2212"
_HYPHEN_TRANS = str.maketrans({h: "-" for h in _HYPHENS})


def _title(text: str) -> str:
    for ln in text.splitlines():
        if ln.strip():
            return ln[:400]
    return ""


def classify(text: str) -> str:
    if any(h in text for h in _HYPHENS):
        text = text.translate(_HYPHEN_TRANS)  # Unicode hyphens as ASCII ('cross‐over', '2‐way'); same length
    lines = {ln.strip() for ln in text.splitlines()}
    if sum(f in lines for f in REGISTRY_FIELDS) >= 4 or re.search(r"Data sourced from clinicaltrials\.gov", text, re.I):
        return "registry-record"
    head = text[:4000]
    title = _title(text)
    if TITLE_REVIEW_RE.search(title) and not TITLE_TRIAL_RE.search(title):
        return "review"  # the title says so, whatever the included trials did
    low = cue_text(text)
    found = None
    if not lacks_cues(low, REVIEW_CUES) and REVIEW_RE.search(head):
        found = own_trial(text, low, strong_only=True)
        if not found:
            return "review"
    if not lacks_cues(low, OBSERVATIONAL_CUES) and OBSERVATIONAL_RE.search(text[:3000]) and not RANDOM_ALLOC_RE.search(text[:6000]):
        return "other"  # a cohort, case-control or situational study, not a trial
    if not lacks_cues(low, IN_VITRO_CUES) and not HUMAN_RE.search(text) and IN_VITRO_RE.search(text[:3000]):
        return "other"  # specimens (extracted teeth, cell cultures), whatever their random allocation
    if found or own_trial(text, low) or TRIAL_ID_RE.search(text):
        return "trial-report"
    return "other"
