"""Trial-level design facts: randomisation, masking, control, phase, registry ids, enrolment."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .common import cue_text, lacks_cues, timepoint_text
from .numbers import COUNT, COUNT_AHEAD, NUMBER_WORDS, PEOPLE, to_int

# random allocation, not random sampling ('randomly selected', 'simple random sampling')
RANDOM_RE = re.compile(
    r"\brandomi[sz](?:ed|ation|ing)\b|\brandomly\s+(?!selected|chosen|sampled|drawn)\w+|\brandomly\s+selected\s+to\s+(?:receive|undergo|be\s+treated)\b|"
    r"\brandomly-(?:assigned|allocated)\b|"
    # 'in random sequence', 'in a random, cross-over design', 'in a random, double blind fashion'
    r"\bin\s+(?:a\s+)?random(?:i[sz]ed)?,?\s+(?:[\w-]+,?\s+){0,3}?(?:order|sequence|fashion|manner|design)\b|"
    r"\brandom\s+(?:allocation|assignment|allotment)\b|"
    # 'assigned randomly', 'divided into three equal groups randomly', 'intervention and control groups, randomly'
    r"\b(?:assigned|allocated|divided|distributed)\s+randomly\b|\b(?:groups?|arms?)(?:\s+\([^()]{0,40}\))?,?\s+randomly\b",
    re.I,
)
NOT_RANDOM_RE = re.compile(r"\bnon-?randomi[sz]ed\b|\bnot randomi[sz]ed\b|\bno (?:allocation or )?randomi[sz]ation\b", re.I)
SINGLE_ARM_RE = re.compile(r"\bsingle[- ]arm\b|\bone[- ]arm\b|\buncontrolled\s+(?:pilot\s+|open\s+|clinical\s+)?(?:trial|study)\b|"
                           r"\bparticipants in 1 patient group\b|"
                           # 'a single-group, open-label study', 'one-group pretest-posttest design', 'a non-comparative trial'
                           r"\b(?:single|one)[- ]group,?\s+(?:[\w-]+,?\s+){0,3}?(?:study|trial|design|pre-?test|pre-?post|before)|"
                           r"\bnon-?comparative,?\s+(?:[\w-]+,?\s+){0,2}?(?:study|trial)\b", re.I)
BLIND_RES = [
    ("triple", re.compile(r"\btriple[-– ](?:blind|mask)", re.I)),
    ("double", re.compile(r"\bdouble[-– ]?\s?(?:blind|mask|dummy)", re.I)),
    ("single", re.compile(r"\bsingle[-– ](?:blind|mask)", re.I)),
    # 'open-label', 'Open-Labelled', 'open label' (any case)
    ("open", re.compile(r"\b(?i:open)[- ]?(?i:label)(?:l?ed)?\b|\b[Uu]nblinded\b|\b[Nn]on-?blind(?:ed)?\b|\b[Uu]nmasked\b|\bMasking:?\s*None\b|"
                        r"\b[Oo]pen,?\s+(?:[\w-]+,?\s+){0,2}?(?:randomi[sz]ed|controlled)\b[^.]{0,30}?\b(?:trial|study)\b")),
    ("blinded", re.compile(r"\bblinded\b|\bmasked\b|\bblind\s+to\b|"
                           r"\b(?:observer|assessor|evaluator|rater|investigator|examiner|patient|participant|outcome)s?[- ]blind\b|"
                           # 'evaluated by a blind dermatologist', 'blind video assessment' (not 'blind manipulation', 'the blind flamingo test')
                           r"\bblind\s+(?:[\w-]+\s+)?(?:assessors?|observers?|evaluators?|raters?|examiners?|investigators?|dermatologists?|"
                           r"radiologists?|pathologists?|readers?|assessments?|evaluations?|ratings?)\b|"
                           r"(?<!colour[- ])(?<!color[- ])\bblind,?\s+(?:[\w-]+,?\s+){0,3}?(?:study|trial|design|fashion|manner)\b", re.I)),
]
# words one of which every match holds (checked in the lower-cased text before the pattern runs)
BLIND_CUES = ("blind", "mask", "dummy", "open")  # BLIND_RES
CLUSTER_CUES = ("cluster", "practices", "schools", "villages", "communities", "parishes", "wards", "households")
SINGLE_ARM_CUES = ("single", "one", "uncontrolled")
FOLLOW_CUES = ("follow", "during")
CROSSOVER_RE = re.compile(r"\bcross-?\s?over\b", re.I)
CLUSTER_RE = re.compile(r"\bcluster[- ](?:randomi[sz]ed|randomi[sz]ation|trial|RCT)\b|\b(?:clusters|practices|schools|villages|communities|parishes|"
                        r"wards|households)\s+(?:[\w-]+\s+){0,3}?(?:were|was)\s+(?:randomly\s+)?(?:randomi[sz]ed|allocated|assigned)\b", re.I)
# placebo, sham, or a vehicle given as control ('vehicle-controlled', 'vehicle control solution'; not 'vehicle emissions')
PLACEBO_RE = re.compile(r"\bplacebo(?:\b|(?=controlled))|\bsham\b", re.I)
VEHICLE_RE = re.compile(r"\bvehicle(?:[- ]controlled\b|\s+(?:control|cream|gel|solution|ointment|foam|lotion|group|arm|alone)\b)|"
                        r"\b(?:or|versus|vs\.?|received|receiving)\s+(?:the\s+|a\s+)?vehicle\b", re.I)
# a trial phase, not a phase of a programme ('after an initial six-month Phase I weight loss program')
PHASE_RE = re.compile(r"\bphase\s+(?P<p>(?:IV|I{1,3}|[1-4])(?:[abAB])?(?:\s*/\s*(?:IV|I{1,3}|[1-4])[abAB]?)?)\b", re.I)
# ('phase 2/3 clinical development program' is a trial phase)
PROGRAMME_PHASE_RE = re.compile(r"\s+(?:of\s+the\s+(?:study|program|programme|intervention)\b|"
                                r"(?!(?:[\w-]+\s+){0,2}?(?:clinical|development|drug|trials?)\b)(?:[\w-]+\s+){0,2}?(?:program(?:me)?|period)\b)", re.I)
MULTI_RE = re.compile(r"\bmulti-?\s?cent(?:re|er|ric)\b|\bmulti-?site\b|\bmulticent(?:re|er)\b", re.I)
SINGLE_CENTRE_RE = re.compile(r"\bsingle[- ]cent(?:re|er)\b|\bsingle[- ]site\b", re.I)
RATIO_RE = re.compile(r"\b(?:randomi[sz](?:ed|ation)|allocat\w*|ratio)\b[^.\n]{0,25}?\b(?P<a>\d)\s?:\s?(?P<b>\d)\b|"
                      r"\b(?P<c>\d)\s?:\s?(?P<d>\d)\s+randomi[sz]ation\b", re.I)
_W = r"(?:[\w/()'’,–-]+\s+)"  # one word of a noun phrase ('ASA I–II', 'adult,')
_ENTER = r"(?:randomi[sz]ed|randomly\s+(?!selected|chosen|sampled)\w+|enrolled|included|recruited|allocated|assigned|divided|studied|entered)"
# a stretch of one sentence: no ';', no '.' except a decimal point ('HbA1c 7.0 %', 'aged 34.9 years')
_GAP = r"(?:[^.;]|\.(?=\d))"
# the same, skipping whole parentheses ('385 patients (mean age 61.2 years; FEV1 53% predicted) were randomized')
_PGAP = r"(?:\([^()]{0,150}\)|[^.;]|\.(?=\d))"
CLUSTER_UNITS_RE = re.compile(r"\b(?:practices|schools|villages|communities|parishes|agencies|households|wards|centres|centers|sites)\b", re.I)
# in order of preference; a number followed by a second arm size ('874 ... to X and 1,410 to Y') is not a total
ENROLLED_RES = [
    re.compile(r"Total number of enrollees:\s*(?P<n>\d+)", re.I),
    re.compile(r"\b(?P<n>\d+)\s+participants in \d+ patient groups?\b", re.I),
    # structured-abstract heading: 'Participants 789 pregnant smokers, aged 16-50 years'
    re.compile(r"(?=[PS])\b(?:Participants|Subjects|Patients|PARTICIPANTS|SUBJECTS|PATIENTS)\s*:?\s+(?P<n>\d{1,3}(?:,\d{3})+|\d+|(?i:" + NUMBER_WORDS + r"))\s+"
               + _W + r"{0,4}?(?i:" + PEOPLE + r")\b"),
    # ('A total number of one hundred and sixty (160) patients were randomized')
    re.compile(r"\bA total (?:number )?of (?P<n>" + COUNT + r")\s+(?:\(\d+\)\s+)?" + _W + r"{0,8}?" + PEOPLE + r"\b", re.I),
    # (a one-letter lookahead first: the letters these words start with; ~40% of the scan time)
    re.compile(r"(?=[wreis])\b(?:we\s+)?(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|enrolled|recruited|included|studied)\s+(?:[\w-]+,\s+)?(?:a total of\s+)?(?P<n>" + COUNT + r")\s*,?\s+"
               + _W + r"{0,10}?" + PEOPLE + r"\b", re.I),
    re.compile(r"\b(?:study|trial),\s+(?P<n>" + COUNT + r")\s+" + _W + r"{0,4}?" + PEOPLE + r"\b", re.I),
    re.compile(COUNT_AHEAD + r"(?<![\w.,])(?P<n>" + COUNT + r")\s+" + _W + r"{0,4}?" + PEOPLE + r"\s+(?:[\w-]+\s+){0,4}?(?:participated|took part|agreed to participate)\b", re.I),
    re.compile(COUNT_AHEAD + r"(?<![\w.,/])(?P<n>" + COUNT + r")\s+(?:took part|participated|agreed to participate)\b", re.I),
    re.compile(r"\b(?:study|trial)\s+(?:consisted\s+of|comprised|comprising|included|including|involved|involving|enrolled)\s+(?P<n>" + COUNT + r")\s+"
               + _W + r"{0,4}?" + PEOPLE + r"\b", re.I),
    re.compile(COUNT_AHEAD + r"(?<![\w.,])(?P<n>" + COUNT + r")\s+" + _W + r"{0,5}?" + PEOPLE + r"\s*(?:" + _PGAP + r"{0,200}?\s)??(?:were|was|had\s+been)\s+"
               r"(?:then\s+|subsequently\s+|prospectively\s+|initially\s+|consecutively\s+|successfully\s+|eventually\s+|finally\s+|ultimately\s+|"
               r"(?:[\w-]+\s+){1,2}?and\s+(?:then\s+)?)?" + _ENTER + r"\b", re.I),
    re.compile(r"\b(?:Of|Among)\s+(?:the\s+)?(?P<n>" + COUNT + r")\s+" + _W + r"{0,4}?" + PEOPLE + r"\s+(?:who\s+were\s+|were\s+)?(?:randomi[sz]ed|enrolled|recruited|included)\b", re.I),
    re.compile(COUNT_AHEAD + r"(?<![\w.,])(?P<n>" + COUNT + r")\s+" + _W + r"{0,4}?(?:" + PEOPLE + r"|dyads|couples|families|pairs)\s+(?:were\s+)?(?:enrolled|randomi[sz]ed)\s+in\b", re.I),
    re.compile(r"\b(?:trial|study)(?:\s+(?:on|of|for)\s+[^.;,]{1,60}?)?,?\s+(?:was\s+)?(?:(?:performed|conducted|carried out|undertaken)\s*|(?:compar|evaluat|assess|investigat|examin)\w*\s+(?:[\w-]+\s+){0,3}?)?"
               r"(?:of|in|on|among|involving|including|enrolling|with)\s+(?P<n>" + COUNT + r")\s+" + _W + r"{0,4}?" + PEOPLE + r"\b", re.I),
    re.compile(COUNT_AHEAD + r"(?<![\w.,])(?P<n>" + COUNT + r")\s+" + _W + r"{0,5}?" + PEOPLE + r"\s+(?:[^.;]{0,120}?\s)?(?:receiv\w*|consumed|were\s+given|were\s+treated\s+with|were\s+exposed\s+to)\s+[^.;]{1,120}?\s(?:or|versus|vs\.?|and\s+(?:a\s+)?(?:placebo|sham))\s", re.I),
    re.compile(r"\bThe study included (?P<n>" + COUNT + r")\b", re.I),
    re.compile(COUNT_AHEAD + r"(?<![\w.,])(?P<n>(?i:" + COUNT + r"))\s+(?P<who>[A-Z][A-Za-z]*s)\s+participated\s+in\s+the\s+(?:study|trial)\b"),
    re.compile(r"\bA total (?:number )?of (?P<n>" + COUNT + r")\s+(?P<who>(?:[A-Za-z][\w-]*\s+){0,2}?[A-Za-z][\w-]*s)\b(?<!weeks)(?<!months)(?<!days)(?<!years)"
               r"(?<!samples)(?<!specimens)(?<!visits)(?<!cycles)(?<!episodes)(?<!sessions)(?<!procedures)(?<!alerts)"
               r"[^.;]{0,160}?\b(?:were|had\s+been)\s+(?:recruited|enrolled|randomi[sz]ed|randomly\s+(?:assigned|allocated)|included|allocated|assigned)\b", re.I),
    re.compile(r"\b(?:all\s+|eligible\s+)?" + PEOPLE + r"(?:\s+with\s+[^.;()]{1,40}?(?=\s*\(\s*n\s*=\s*\d[\d,]*\s*\)(?![^.;]{0,60}\bn\s*=)))?\s*\(\s*n\s*=\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?P<who>)\s*[;,)]", re.I),
]
# Necessary conditions (a phrase each match must contain) of the costliest ENROLLED_RES patterns,
# which start with a number and so are tried at every position: without its cue a pattern is
# skipped (it could not match). Keyed by pattern; the indices name ENROLLED_RES entries above.
_PARTICIPATED_CUE = re.compile(r"participated|took part|agreed to participate", re.I)
ENROLLED_CUES = {
    ENROLLED_RES[6]: _PARTICIPATED_CUE,
    ENROLLED_RES[7]: _PARTICIPATED_CUE,
    ENROLLED_RES[9]: re.compile(r"(?:were|was|had\s+been)\s+(?:[\w-]+\s+){0,3}?" + _ENTER + r"\b", re.I),
    ENROLLED_RES[11]: re.compile(r"(?:enrolled|randomi[sz]ed)\s+in\b", re.I),
    ENROLLED_RES[13]: re.compile(r"receiv|consumed|were\s+given|were\s+treated\s+with|were\s+exposed\s+to", re.I),
    ENROLLED_RES[15]: _PARTICIPATED_CUE,
    ENROLLED_RES[17]: re.compile(r"\(\s*n\s*=", re.I),
}
# the same as plain phrases (checked in the lower-cased text: cheaper than a case-insensitive scan)
ENROLLED_WORDS = {
    ENROLLED_RES[0]: ("total number of enrollees",),
    ENROLLED_RES[1]: ("participants in ",),
    ENROLLED_RES[3]: ("a total of ", "a total number of "),
    ENROLLED_RES[5]: ("study,", "trial,"),
    ENROLLED_RES[14]: ("the study included ",),
    ENROLLED_RES[16]: ("a total of ", "a total number of "),
    # before the regex cues above
    ENROLLED_RES[6]: ("participated", "took part", "agreed to participate"),
    ENROLLED_RES[7]: ("participated", "took part", "agreed to participate"),
    ENROLLED_RES[11]: ("enrolled", "randomi"),
    ENROLLED_RES[13]: ("receiv", "consumed", "given", "treated", "exposed"),
    ENROLLED_RES[15]: ("participated",),
    ENROLLED_RES[17]: ("=",),
}
_VERB_IN = (r"(?:randomi[sz]ed|randomly\s+(?:assigned|allocated|divided)|enrolled|included|recruited|entered|allocated|assigned|"
            r"consented\s+and\s+(?:were\s+)?randomi[sz]ed|met\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?criteria\s+and\s+(?:were\s+)?randomi[sz]ed)")
# the number randomised among those screened/eligible: 'Of 1780 eligible RCT participants, 1319 enrolled',
# 'Of the 3089 patients screened, 797 were randomized', 'Among 285 eligible, 143 were randomized'
OF_AMONG_RE = re.compile(
    r"\b(?-i:Of|Among|From|OF|AMONG)\s+(?:the\s+|these\s+|all\s+)?(?:" + COUNT + r")(?![\d,])\b[^.;,]{0,80},\s*(?P<n>" + COUNT + r")\s+(?:(?:[\w-]+\s+){0,3}?"
    + PEOPLE + r"\s+)?(?:(?:were|was|had\s+been)\s+)?(?:subsequently\s+|then\s+|eventually\s+|finally\s+|successfully\s+)?" + _VERB_IN + r"\b", re.I)
# a size in parentheses with the enrolment verb: 'Outpatients with schizophrenia (n=136) were randomly assigned',
# 'Patients were randomised (n = 416, mean age 63 years)', 'randomized controlled trial (n=533)'
PAREN_N_RE = re.compile(
    r"\(\s*[Nn]\s*=\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*\)\s*(?:were|was)\s+(?:then\s+|subsequently\s+)?" + _VERB_IN + r"|"
    r"\b(?:[Rr]andomi[sz]ed|[Ee]nrolled|[Rr]ecruited)\s*\(\s*[Nn]\s*=\s*(?P<n2>\d{1,3}(?:,\d{3})+|\d+)\s*[,;)]|"
    r"\b(?:[Rr]andomi[sz]ed|[Cc]ontrolled|[Bb]linded|[Bb]lind|[Cc]ross-?over)\s+(?:[\w-]+\s+){0,3}?(?:trial|study|RCT)\s*[(,]\s*[Nn]\s*=\s*"
    r"(?P<n3>\d{1,3}(?:,\d{3})+|\d+)\s*[),;]")
# the people a design sentence names: 'a randomised controlled trial, comparing singing classes to usual care,
# in 28 COPD patients', 'Randomization was carried out in 390 patients', 'randomly allocated to 492 newborn infants'
DESIGN_IN_RE = re.compile(
    r"\b(?:(?:randomi[sz]ed|controlled|blind(?:ed)?|masked|cross-?over)\s+(?:[\w-]+,?\s+){0,4}?(?:trial|study|RCT|design)\b|"
    r"[Rr]andomi[sz]ation\s+was\s+(?:carried\s+out|performed|done)\b)"
    r"(?P<gap>" + _GAP + r"{0,200}?)\b(?:in|among|involving|including|enrolling|of|on|with)\s+(?:a\s+(?:total|sample|group|cohort)\s+of\s+)?"
    r"(?P<n>" + COUNT + r")\s+" + _W + r"{0,4}?" + PEOPLE + r"\b(?!\s*\(\s*\d+(?:\.\d+)?\s*%)", re.I)
# DESIGN_IN_RE's start, lower case (searched in the lower-cased text: no case-insensitive scan); the
# pattern itself is then only tried at these anchors
DESIGN_ANCHOR_RE = re.compile(r"\b(?:(?:randomi[sz]ed|controlled|blind(?:ed)?|masked|cross-?over)\s+(?:[\w-]+,?\s+){0,4}?(?:trial|study|rct|design)\b|"
                              r"randomi[sz]ation\s+was\s+(?:carried\s+out|performed|done)\b)")
OF_AMONG_ANCHOR_RE = re.compile(r"\b(?:Of|Among|From|OF|AMONG)\s")
PAREN_N_ANCHOR_RE = re.compile(r"[(,]\s*[Nn]\s*=")
DESIGN_IN_BAD_GAP_RE = re.compile(r"\s\s|occur|event|observ|report|develop|die[ds]?\b|death|found|seen|detect|%|\bp\s*[<=>]|\bgroups?\b|\barms?\b|"
                                  r"\bprevious|\bpreceding|\bprior\b|\bearlier\b|\bsubset\b|\bsubgroup", re.I)
# 'Newfactan or Surfacten was randomly allocated to 492 newborn infants'
ALLOCATED_TO_RE = re.compile(r"\brandomly\s+(?:allocated|assigned)\s+to\s+(?P<n>" + COUNT + r")\s+" + _W + r"{0,4}?" + PEOPLE + r"\b", re.I)
# 'We conducted a randomized clinical trial with a sample of 80 adolescents', 'The study sample consisted of 20 patients'
# 'The study population consisted of 90 patients'
SAMPLE_RE = re.compile(r"\b(?:(?:with|in|on)\s+a\s+sample\s+of|(?:(?:study|trial)\s+)?sample\s+(?:consisted\s+of|comprised|included)|"
                       r"(?:study|trial)\s+(?:population|cohort)\s+(?:consisted\s+of|comprised|included|was))\s+(?P<n>" + COUNT
                       + r")\s+" + _W + r"{0,4}?" + PEOPLE + r"\b", re.I)
# 'Nineteen children (16 on nevirapine and three not on ART) enrolled'
PAREN_ENROLLED_RE = re.compile(COUNT_AHEAD + r"(?<![\w.,])(?P<n>" + COUNT + r")\s+" + _W + r"{0,4}?" + PEOPLE + r"\s*\([^()]{1,150}\)\s*(?:randomi[sz]ed|enrolled)\b", re.I)
# 'PATIENTS: Subjects were 1262 Japanese patients with osteoporosis' (not 'were 18 years or older')
SUBJECTS_WERE_RE = re.compile(r"\b(?:Subjects|Participants|Patients)\s+were\s+(?P<n>" + COUNT + r")\s+(?!(?:years?|yrs?)\b)" + _W + r"{0,4}?" + PEOPLE + r"\b")
# the people a study, an intervention or a measurement was done in (methods, not results): 'small intestinal permeability
# was assessed in 33 healthy human volunteers', 'a 16-week dietary intervention was undertaken in 60 patients', 'This study
# was conducted in 2015 on 170 pregnant women'
STUDIED_IN_RE = re.compile(r"\b(?:was|were)\s+(?:assessed|studied|investigated|examined|evaluated|tested|measured|undertaken|conducted|performed|"
                           r"carried\s+out|done)\s+(?:in\s+(?:19|20)\d\d\s+)?(?:in|on|among)\s+(?:a\s+(?:total|sample|group)\s+of\s+)?(?P<n>" + COUNT
                           + r")\s+" + _W + r"{0,4}?" + PEOPLE + r"\b", re.I)
# STUDIED_IN_RE's start, lower case (found in the lower-cased text; the pattern is then tried only there)
# (a literal first character, no '\b': the engine skips to the next 'w' instead of trying every position)
STUDIED_ANCHOR_RE = re.compile(r"w(?:as|ere)\s+(?:assessed|studied|investigated|examined|evaluated|tested|measured|undertaken|conducted|"
                               r"performed|carried\s+out|done)\s")
# what was done in them, when it is not the study population: an analysis or a count of procedures ('58 TAP blocks were
# performed among 29 patients', 'analyses were conducted on 411 children')
STUDIED_BAD_SUBJECT_RE = re.compile(r"(?:\banalys[ie]s|\bsub-?group\s+analys[ie]s|\d[\w,.]*\s+(?:[\w-]+\s+){0,2}[\w-]+)\s+$", re.I)
_BASE_RES = ENROLLED_RES
ENROLLED_RES = (_BASE_RES[:4] + [OF_AMONG_RE, PAREN_N_RE] + _BASE_RES[4:10] + [PAREN_ENROLLED_RE] + _BASE_RES[10:]
                + [SAMPLE_RE, SUBJECTS_WERE_RE, ALLOCATED_TO_RE, DESIGN_IN_RE, STUDIED_IN_RE])
ENROLLED_CUES.update({
    PAREN_ENROLLED_RE: re.compile(r"\)\s*(?:randomi[sz]ed|enrolled)", re.I),
})
ENROLLED_WORDS.update({
    OF_AMONG_RE: ("of ", "among ", "from "),
    PAREN_N_RE: ("=",),
    PAREN_ENROLLED_RE: ("randomi", "enrolled"),
    SAMPLE_RE: ("sample ", "population ", "cohort "),
    SUBJECTS_WERE_RE: ("ts were",),
    ALLOCATED_TO_RE: ("randomly ",),
    DESIGN_IN_RE: ("random", "controlled", "blind", "masked", "cross"),
    STUDIED_IN_RE: ("assessed", "studied", "investigated", "examined", "evaluated", "tested", "measured", "undertaken",
                    "conducted", "performed", "carried out", "done"),
})
PLANNED_RE = re.compile(r"\bwill\s+be\b|\bplanned\s+(?:to\b|sample|enrol|recruit|number|total|size)|\b(?:was|were|is|are)\s+planned\b|\btarget(?:ed)?\b|\bto\s+recruit\b|\bsample size\b|\bpowered\b|\baim(?:s|ed)?\s+to\b", re.I)
FOLLOW_RE = re.compile(r"\b(?P<n>\d+)[- ](?P<u>months?|years?|weeks?|days?)[- ]follow[- ]up\b|"
                       r"\bfollow[- ]up(?:\s+period)?(?:\s+of|:)\s*(?P<n2>\d+)\s*(?P<u2>months?|years?|weeks?|days?)\b|"
                       r"\bduring (?:a|the) (?P<n3>\d+)[- ](?P<u3>months?|years?|weeks?)\b", re.I)
ACRONYM_TITLE_RE = re.compile(r"\s[-–—:]\s*(?P<a>[A-Z][A-Z0-9-]{2,15})\s*$")
ACRONYM_TRIAL_RE = re.compile(r"\b[Tt]he (?P<a>[A-Z][A-Z0-9-]{2,15}) (?:trial|study)\b")
CONDITION_RE = re.compile(
    r"\b(?:patients|participants|subjects|adults|children|women|men)\s+(?:suffering from|with|who had|diagnosed with)\s+"
    r"(?P<c>[^.;,\n]*?(?:\([^()]*\))?)(?=\s+(?:have|has|were|was|who|is|are|in|after|to|as|and\s+(?:no|optimal|standard))\b|[.;,]|\s*$)",
    re.I,
)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


@dataclass(frozen=True)
class Found:
    value: object
    start: int
    end: int


def randomized(mt: str, single_arm: bool | None) -> Found | None:
    m = NOT_RANDOM_RE.search(mt)
    if m:
        return Found(False, m.start(), m.end())
    if single_arm:
        m2 = None if lacks_cues(cue_text(mt), SINGLE_ARM_CUES) else SINGLE_ARM_RE.search(mt)
        return Found(False, m2.start(), m2.end()) if m2 else None
    m = RANDOM_RE.search(mt)
    return Found(True, m.start(), m.end()) if m else None


NEGATED_BLIND_RE = re.compile(r"\b(?:not|no|cannot|could\s+not|were\s+not|was\s+not|impossible\s+to)\s+(?:be\s+)?(?:[\w-]+\s+){0,2}?$", re.I)


def blinding(mt: str) -> Found | None:
    """Masking as stated; 'Participants could not be blinded' is a statement of no blinding."""
    if lacks_cues(cue_text(mt), BLIND_CUES):
        return None  # no pattern of BLIND_RES can match (2 documents in 3)
    negated: Found | None = None
    for name, pat in BLIND_RES:
        for m in pat.finditer(mt):
            if name in ("blinded", "single", "double", "triple") and NEGATED_BLIND_RE.search(mt[max(0, m.start() - 40):m.start()]):
                negated = negated or Found("open", m.start(), m.end())
                continue
            return Found(name, m.start(), m.end())
    return negated


def single_arm(mt: str) -> Found | None:
    m = None if lacks_cues(cue_text(mt), SINGLE_ARM_CUES) else SINGLE_ARM_RE.search(mt)
    return Found(True, m.start(), m.end()) if m else None


def crossover(mt: str) -> Found | None:
    m = CROSSOVER_RE.search(mt)
    return Found(True, m.start(), m.end()) if m else None


def cluster(mt: str) -> Found | None:
    m = None if lacks_cues(cue_text(mt), CLUSTER_CUES) else CLUSTER_RE.search(mt)
    return Found(True, m.start(), m.end()) if m else None


def placebo(mt: str) -> Found | None:
    m = PLACEBO_RE.search(mt)
    if m is None and not lacks_cues(cue_text(mt), ("vehicle",)):
        m = VEHICLE_RE.search(mt)
    return Found(True, m.start(), m.end()) if m else None


def phase(mt: str) -> Found | None:
    """The trial phase; a label the text also uses for a phase of a programme ('an initial six-month Phase I weight
    loss program ... the amount of Phase I change') is not one."""
    found = [(m, m.group("p").upper().replace(" ", "")) for m in PHASE_RE.finditer(mt)]
    programme = {v for m, v in found if PROGRAMME_PHASE_RE.match(mt, m.end())}
    m, v = next(((m, v) for m, v in found if v not in programme), (None, None))
    return Found(v, m.start(), m.end()) if m else None


def multicentre(mt: str) -> Found | None:
    low = cue_text(mt)
    m = None if lacks_cues(low, ("multi",)) else MULTI_RE.search(mt)
    if m:
        return Found(True, m.start(), m.end())
    m = None if lacks_cues(low, ("single",)) else SINGLE_CENTRE_RE.search(mt)
    return Found(False, m.start(), m.end()) if m else None


def allocation_ratio(mt: str) -> Found | None:
    m = RATIO_RE.search(mt)
    if not m:
        return None
    a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
    return Found(f"{a}:{b}", m.start(), m.end())


# WHO primary registries and a few others, each id as written (a space or hyphen between prefix and
# number kept: 'ISRCTN 83091970', 'NCT 00011193'); the number must end there (no longer digit run)
_SEP = r"[ \u2010\u2011-]?"
REGISTRY_RE = re.compile(
    r"(?=[ACDEIJKLNPRSTUcj])(?<!\w)(?:"  # the lookahead first: a cheap test before the lookbehind at every position
    r"NCT" + _SEP + r"\d{7,8}|"                                   # ClinicalTrials.gov (7 digits: as written)
    r"IS(?:RC|CR)TN" + _SEP + r"\d{8}|"                           # ISRCTN (also the 'ISCRTN' misspelling)
    r"A(?:NZ)?CTRN" + _SEP + r"\d{14,15}|"                        # ANZCTR ('ACTRN12605000567628', 'ANZCTRN0126...')
    r"ChiCTR-?(?:[A-Za-z]{2,4}-)?\d{8,10}|chictr-[a-z]{2,4}-\d{8}|"  # Chinese registry ('ChiCTR-TRC-08000231', 'ChiCTR1800015420')
    r"KCT\d{7}|DRKS" + _SEP + r"\d{8}|UMIN\d{8,9}|"
    r"IRCT\d{6,}N\d*|"                                            # Iranian registry ('IRCT201501...N5', 'IRCT138804272200N')
    r"NTR" + _SEP + r"\d{3,5}|NL-OMON\d{4,6}|"                    # Netherlands Trial Register (not the ethics 'NL12345.078.15')
    r"PACTR\d{12,16}|ATMR\d{15,16}|"                              # Pan African registry (and its old 'ATMR' prefix)
    r"CTRI/\d{4}/\d{2,3}/\d{6}|SLCTR/\d{4}/\d{3}|TCTR\d{11}|"     # India, Sri Lanka, Thailand
    r"RBR-\d[0-9a-zA-Z]{5}|"                                      # Brazil (ReBEC)
    r"jRCT[s]?\d{9,10}|JPRN-[A-Z]+-?\d+|JapicCTI-\d{6}|JAPICCTI-\d{6}|JMA-IIA\d{5}|"  # Japan
    r"RPCEC\d{8}|LBCTR\d{10}|HKUCTR-\d{3,5}|ITMCTR\d{10}|AEARCTR-\d{7}|NMRR-\d{2}-\d{2,4}-\d{3,5}|"
    r"U1111-\d{4}-\d{4}|EUCTR\d{4}-\d{6}-\d{2}"                   # WHO universal trial number; EU register
    r")(?!\w)"
)
# ids written with a colon, 'no.' or the registry's name between prefix and number: prefix + number
# ('NCT: 02053779', 'NTR: 1786', 'International Standard Randomised Controlled Trial Number (ISRCTN): 28632626')
SPLIT_ID_RE = re.compile(
    r"\b(?P<p>NCT|ISRCTN|NTR|DRKS|ACTRN)\)?[^\w\n]{0,4}(?:(?:[Tt]rial\s+)?(?:[Nn]o\.?|[Nn]umber|[Rr]egist(?:ry|er)|ID)[^\w\n]{0,4})?(?P<n>\d{3,15})(?![\w/])")
_SPLIT_LEN = {"NCT": (8, 8), "ISRCTN": (8, 8), "NTR": (3, 5), "DRKS": (8, 8), "ACTRN": (14, 14)}
# EudraCT numbers ('2011-001883-23') named as such nearby ('EudraCT number:', 'clinicaltrialsregister.eu')
EUDRACT_NEAR_RE = re.compile(r"(?i:EudraCT|clinicaltrialsregister\.eu)[^0-9\n]{0,30}?(?P<id>\d{4}\s?[-–]\s?\d{6}\s?[-–]\s?\d{2})(?!\d)")
# a UMIN id given as its number only: 'UMIN Clinical Trials Registry 000012012', 'UMIN-CTR C000000289'
UMIN_NUM_RE = re.compile(r"\bUMIN(?:-CTR)?\b[^;\d\n]{0,50}?(?P<id>[CR]?\d{9})(?![\w/])")
# case-sensitive substrings one of which every id match holds ('NTR' is checked apart: it is in 'INTRODUCTION')
REGISTRY_HINTS = ("NCT", "ISRCTN", "ISCRTN", "CTRN", "ChiCTR", "chictr", "KCT", "DRKS", "UMIN", "IRCT", "NL-OMON", "PACTR", "ATMR",
                  "CTRI/", "SLCTR/", "TCTR", "RBR-", "jRCT", "JPRN", "JapicCTI", "JAPICCTI", "JMA-", "RPCEC", "LBCTR", "HKUCTR", "ITMCTR",
                  "AEARCTR", "NMRR", "U1111", "EUCTR", "EudraCT", "EUDRACT", "eudract", "Eudract", "linicaltrialsregister")


def registry_ids(mt: str) -> list[Found]:
    """Trial registration ids as written; EudraCT numbers only where named as such (not grant or
    ethics numbers)."""
    if not any(h in mt for h in REGISTRY_HINTS) and mt.count("NTR") <= mt.count("INTRODUCTION") + mt.count("CONTR") + mt.count("ENTR"):
        return []  # no prefix of any id form in the text (a plain substring scan; 'NTR' also in 'INTRODUCTION', 'CONTROL')
    seen: dict[str, Found] = {}
    for m in REGISTRY_RE.finditer(mt):
        seen.setdefault(m.group(0), Found(m.group(0), m.start(), m.end()))
    for m in (SPLIT_ID_RE.finditer(mt) if any(h in mt for h in ("NCT", "ISRCTN", "NTR", "DRKS", "ACTRN")) else ()):
        lo, hi = _SPLIT_LEN[m.group("p")]
        if lo <= len(m.group("n")) <= hi:
            v = m.group("p") + m.group("n")
            if not any(f.start < m.end() and m.start() < f.end for f in seen.values()):
                seen.setdefault(v, Found(v, m.start(), m.end()))
    for rx, hints in ((EUDRACT_NEAR_RE, ("udra", "UDRA", "linicaltrialsregister")), (UMIN_NUM_RE, ("UMIN",))):
        for m in (rx.finditer(mt) if any(h in mt for h in hints) else ()):
            if not any(f.start <= m.start("id") < f.end for f in seen.values()):
                v = m.group("id")
                v = "UMIN" + v if rx is UMIN_NUM_RE and v.isdigit() else v  # 'UMIN ... Registry 000012012'
                seen.setdefault(v, Found(v, m.start("id"), m.end("id")))
    return sorted(seen.values(), key=lambda f: f.start)


# the phrases of PLANNED_N_RE's alternatives (one of them is in every match)
_PLAN_WILL = r"will\s+be\s+(?:randomi[sz]ed|enrolled|recruited|included|allocated)"
_PLAN_TARGET = r"(?:planned|target(?:ed)?|anticipated)\s+(?:sample\s+size|enrol+ment|recruitment)"
_PLAN_SIZE = r"sample\s+size\s+of\s+"
_PLAN_AIM = r"(?:aim|plan)s?\s+to\s+(?:recruit|enrol?l|randomi[sz]e)\s+"
PLANNED_N_RE = re.compile(
    r"(?:\b(?P<n>" + COUNT + r")\s+" + _W + r"{0,5}?" + PEOPLE + r"\s+(?:[^.;]{0,80}?\s)?" + _PLAN_WILL + "|"
    r"\b" + _PLAN_TARGET + r"(?:\s+(?:is|was|of))?\s*:?\s*(?P<n2>" + COUNT + r")|"
    r"\b" + _PLAN_SIZE + r"(?P<n3>" + COUNT + r")|\b" + _PLAN_AIM + r"(?P<n4>" + COUNT + r"))", re.I)

# a necessary condition of a PLANNED_N_RE match: each alternative holds one of these words, and
# one of its phrases (most documents hold none: the costly search is skipped)
PLANNED_CUES = ("will", "target", "anticipated", "sample", "aim", "plan")
PLANNED_CUE_RE = re.compile("|".join((_PLAN_WILL, _PLAN_TARGET, _PLAN_SIZE, _PLAN_AIM)), re.I)


def planned_enrolment(mt: str) -> Found | None:
    """A planned/target number ('120 patients will be enrolled', 'planned enrollment: 700')."""
    may = not lacks_cues(cue_text(mt), PLANNED_CUES) and PLANNED_CUE_RE.search(mt)
    m = PLANNED_N_RE.search(mt) if may else None
    if not m:
        return None
    g = next(k for k in ("n", "n2", "n3", "n4") if m.group(k))
    n = to_int(m.group(g))
    return Found(n, m.start(), m.end()) if n else None


def _next_match(pat: re.Pattern[str], mt: str, pos: int, anchors: list[tuple[int, int]] | None) -> re.Match[str] | None:
    """pat.search(mt, pos), or with anchors: the first match that starts at an anchor (lo, 0) at or
    after pos, or that lies in a window (lo, hi)."""
    if anchors is None:
        return pat.search(mt, pos)
    for lo, hi in anchors:
        if hi and hi > pos:
            m = pat.search(mt, max(lo, pos), hi)
        elif not hi and lo >= pos:
            m = pat.match(mt, lo)
        else:
            continue
        if m is not None:
            return m
    return None


RESULTS_HEAD_RE = re.compile(r"\b(?:RESULTS?|Results?|FINDINGS|Findings)\s*:")
CONCLUSIONS_HEAD_RE = re.compile(r"\b(?:CONCLUSIONS?|Conclusions?|DISCUSSION|Discussion|INTERPRETATION|Interpretation)\s*(?:[&\w ]{0,30})?:")


def _in_results(mt: str, pos: int) -> bool:
    """Whether pos lies in a results section (between a 'RESULTS:' heading and the conclusions)."""
    r = RESULTS_HEAD_RE.search(mt, 0, pos)
    if r is None:
        return False
    c = CONCLUSIONS_HEAD_RE.search(mt, r.end())
    return c is None or pos < c.start()


# a number that is one end of a range or an age: 'status 1 or 2 adult patients', 'below the age of 13'
BEFORE_NAMES_RE = re.compile(r"\d\s*(?:or|to|-|–)\s*$|\b(?:age|aged|ages)\s+(?:of\s+)?$", re.I)
# a duration or a dose right after the number: '2 h of monotonous highway driving, subjects', '10 mg olopatadine, patients'
UNIT_AFTER_RE = re.compile(r"\s*(?:h|hrs?|hours?|min|minutes?|years?|yrs?|mg|kg|ml|times)\b", re.I)
# the second of a pair: 'Thirty pregnant and 10 nonpregnant women', '40 males and 40 females'
SECOND_OF_PAIR_RE = re.compile(r"(?<![\w.,])(?:" + COUNT + r")[;,]?\s+(?:[\w-]*[^\W\ds]\s+){0,2}?(?:and|or)\s+$", re.I)  # ('38 GPs and 227 patients': two units)
# an allocation to one arm right after the number: 'were randomized to the epidural group.' (not '... to the study group (n=60)
# and the control group')
ONE_ARM_AFTER_RE = re.compile(r"\s*(?:(?:were\s+)?(?:randomly\s+)?(?:randomi[sz]ed|allocated|assigned)\s+)?(?:in)?to\s+(?:the|a|an)\s+"
                              r"(?:(?!or\b|and\b|versus\b|vs\b)[\w-]+\s+){0,4}?(?:group|arm)\s*(?:\([^()]*\)\s*)?\.", re.I)


def _after_parenthesis(mt: str, m: re.Match[str]) -> str:
    """The 80 characters after a match; after the close of the parenthesis the match ends inside ('women (n = 37;
    age = 27.1 ± 4.2; ...) completed')."""
    if m.group(0).rstrip().endswith((";", ",")) and "(" in m.group(0):
        close = mt.find(")", m.end(), m.end() + 200)
        if close > 0 and "(" not in mt[m.end():close]:
            return mt[close + 1:close + 81]
    return mt[m.end():m.end() + 80]


# each pattern with its cue words and cue pattern, looked up once (a compiled pattern's hash is
# computed from its whole program on every dict lookup: ~5 µs for these large patterns)
_ENROLLED = [(pat, ENROLLED_WORDS.get(pat, ()), ENROLLED_CUES.get(pat)) for pat in ENROLLED_RES]


def total_enrolled(mt: str) -> Found | None:
    """The stated total randomised/enrolled: not a planned number, not one arm of a list."""
    low = cue_text(mt)
    cluster_units: Found | None = None  # 'A total of 34 general practices': kept only when no people are counted
    for pat, words, cue in _ENROLLED:
        if lacks_cues(low, words):
            continue
        if cue is not None and not cue.search(mt):
            continue
        pos = 0
        anchors = None  # the patterns below are tried only at (or near) their cheaply found anchors
        if pat is DESIGN_IN_RE and low is not None:
            anchors = [(a.start(), 0) for a in DESIGN_ANCHOR_RE.finditer(low)]
        elif pat is OF_AMONG_RE:
            anchors = [(a.start(), 0) for a in OF_AMONG_ANCHOR_RE.finditer(mt)]
        elif pat is STUDIED_IN_RE and low is not None:
            anchors = [(a.start(), 0) for a in STUDIED_ANCHOR_RE.finditer(low) if not low[a.start() - 1:a.start()].isalnum()]
        elif pat is PAREN_N_RE:  # every alternative holds '(n =' or ', n =' at most ~80 characters after its start
            anchors = [(max(0, a.start() - 80), a.end() + 60) for a in PAREN_N_ANCHOR_RE.finditer(mt)]
        while (m := _next_match(pat, mt, pos, anchors)) is not None:
            g = next(k for k in ("n", "n2", "n3") if k in pat.groupindex and m.group(k))  # the group that holds the number
            # a rejected candidate must not hide a later one inside its span ('73 screened and 59 enrolled')
            pos = m.end(g)
            n = to_int(m.group(g))
            if n is None or n < 2 or (1900 <= n <= 2100 and re.fullmatch(r"\d{4}", m.group(g)) and not re.search(
                    r"\b(?:total|sample|cohort)\s+of\s+$", mt[max(0, m.start(g) - 20):m.start(g)], re.I)):
                continue  # a year ('In 2010 patients were randomized'), unless 'a total of 2061 patients'
            if re.search(r"\b(?:phase|day|week|visit|type|grade|stage|step|level|part|cycle|experiment|figure|table)\s*$",
                         mt[max(0, m.start(g) - 12):m.start(g)], re.I):
                continue  # a number that names something ('phase 3 trial, subjects (N = 269) received ...')
            before = mt[max(0, m.start(g) - 20):m.start(g)]
            if before[-1:] in ("-", "\u2010", "\u2011", "\u2013") or BEFORE_NAMES_RE.search(before):
                continue  # 'HCV-2 patients', 'Three-hundred-and-six', 'ASA physical status 1 or 2 adult patients', 'below the age of 13'
            if m.start() == m.start(g) and mt[max(0, m.start() - 5):m.start()].rstrip().endswith(("and", "or")) \
                    and SECOND_OF_PAIR_RE.search(mt, max(0, m.start() - 50), m.start()):
                continue  # 'Thirty pregnant and 10 nonpregnant women were included': the second part of a breakdown
            if "=" in before and re.search(r"\(\s*[Nn]\s*=\s*$", before) and re.search(
                    r"\(\s*[Nn]\s*=\s*\d[\d,]*\s*\)\s*(?:,|\bor\b|\band\b)[^.;]{0,80}$", mt[max(0, m.start(g) - 150):m.start(g)]):
                continue  # 'coronary bypass surgery (n = 32) or aortic valve replacement (n = 8) were enrolled': one of two
            if pat is STUDIED_IN_RE and (STUDIED_BAD_SUBJECT_RE.search(mt[max(0, m.start() - 40):m.start()])
                                         or _in_results(mt, m.start()) or CLUSTER_UNITS_RE.search(m.group(0))):
                continue  # ('was conducted in three public primary schools': places, not the people enrolled)
            if pat is DESIGN_IN_RE and DESIGN_IN_BAD_GAP_RE.search(m.group("gap")):
                continue  # 'in this randomized trial, adverse events occurred in 12 patients': not the enrolment
            phrase = mt[m.end(g):m.end("who")] if "who" in pat.groupindex else "" if pat is PAREN_N_RE else mt[m.end(g):m.end()]
            if not m.group(g)[0].isdigit():
                phrase = re.sub(r"^\s*\(\d+\)", "", phrase)  # a number in words, then in digits: 'one hundred and sixty (160)
            if re.search(r"(?<![\w.-])(?<!type\s)\d[\d.,]*(?![\w-])|[()\[\]]|\b(?:groups?|arms?|each|per|cycles?|sessions?|centres?|centers?|sites?|classes|weeks?|months?|days?|doses?|"
                         r"programs?|programmes?|interventions?|strategies|regimens?|techniques?|methods?|versions?|hospitals?|clinics?|wards?)\b",
                         phrase[: re.search(PEOPLE, phrase, re.I).start() if re.search(PEOPLE, phrase, re.I) else len(phrase)], re.I) \
                    or UNIT_AFTER_RE.match(phrase):
                continue  # 'two groups (41 patients ...)', '6 cycles and patients ...': not a count of people
            if re.match(r"[^.;(\d]{0,25}?\b(?:(?:in|to|into)\s+each|per\s+(?:group|arm)|in\s+the\s+[\w-]+(?:\s+[\w-]+)?\s+(?:group|arm))\b", mt[m.end():] if not re.search(r"(?:group|arm)\b", phrase) else phrase, re.I):
                continue  # 'Seventeen patients in each group', '15 patients in the control group': one arm, not the total
            if m.start() == m.start(g) and re.search(r"\([^()]*$", mt[max(0, m.start() - 80):m.start()]) and not re.search(
                    PEOPLE + r"\s*\(\s*$", mt[max(0, m.start() - 40):m.start()], re.I):
                continue  # '(n = 92, 49 males, ...)', '504 (328 women, 126 men)': a part inside a parenthesis
            if re.search(r"(?:" + COUNT + r")\s+(?:" + PEOPLE + r"\s+)?(?:were\s+)?(?:randomly\s+)?(?:randomi[sz]ed|allocated|assigned)\s+(?:to|into)\b[^.;]{1,80}?\band\s+$",
                         mt[max(0, m.start() - 120):m.start()], re.I):
                continue  # '30 patients were allocated to X and 40 patients were allocated to Y': the second arm
            if re.search(r"\bin\s+the\s+[\w-]+(?:\s+[\w-]+)?\s+(?:group|arm)\b", m.group(0), re.I):
                continue  # 'children with ASD in the intervention group (N = 15)': one arm
            if re.search(r"\b(?:excluded|withdr[ae]w|lost|discontinued|screened|assessed\s+for\s+(?:eligibility|the\s+(?:trial|study))|approached|invited|contacted)\b",
                         mt[m.start(g):m.end()] if pat is OF_AMONG_RE else m.group(0), re.I):
                continue
            if re.match(r"\s*(?:[\w-]+\s+){0,4}?(?:were|was)\s+(?:initially\s+)?(?:screened|assessed\s+for\s+eligibility|approached|invited|contacted)\b",
                        mt[m.end():m.end() + 80], re.I):
                continue  # '73 patients were screened ...'
            if m.start() == m.start(g) and re.search(r"\b(?:" + COUNT + r")\s+(?:[\w-]+\s+){0,2}?" + PEOPLE + r"\s+and\s+$", mt[max(0, m.start() - 60):m.start()], re.I):
                continue  # 'A total of 40 males and 40 females were ...': the second part of a breakdown
            if re.match(r"\s+of\s+(?:these|them|whom|those)\b", mt[m.end(g):], re.I):
                continue  # 'Sixty-one of these patients': a subset
            if re.match(r"\s+(?:[\w-]+\s+){0,2}?" + PEOPLE + r"(?:\s+(?:from|in|at)\s+[A-Z][\w-]*)?\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:" + COUNT + r")\s+(?:[\w-]+\s+){0,2}?" + PEOPLE + r"\b",
                        mt[m.end(g):], re.I):
                pos = m.end()  # skip the whole breakdown, not only its first number
                continue  # '28 men and 43 women enrolled', '14 males, 7 females': a breakdown, not the total
            if re.search(r"\b(?:Of|Among|From)\s+(?:the\s+|all\s+)?$", mt[max(0, m.start() - 12):m.start()]):
                sub = re.search(r",\s*(?P<r>" + COUNT + r")\s+(?:[\w-]+\s+){0,2}?" + PEOPLE + r"\b", mt[m.end(g):m.end()], re.I)
                if sub and to_int(sub.group("r")) and re.search(r"randomi|allocat|assign|enrol", mt[m.end(g) + sub.end():m.end()], re.I):
                    # 'Of 1228 persons who attended lectures, 226 subjects aged 18-71 years ... were randomly allocated'
                    return Found(to_int(sub.group("r")), m.end(g) + sub.start("r"), m.end())
            inner = re.search(r"(?<![\w.,])(?P<r>" + COUNT + r")\s+(?:" + PEOPLE + r"\s+)?(?:were|was)\s+(?:randomly\s+)?"
                              r"(?:randomi[sz]ed|assigned|allocated|enrolled)$", mt[m.end(g):m.end()], re.I)
            if inner and to_int(inner.group("r")):
                before = mt[max(m.end(g), m.end(g) + inner.start() - 60):m.end(g) + inner.start()]
                if re.search(r"(?<![\w.,])(?<!between\s)(?<!aged\s)(?<!from\s)(?:" + COUNT + r")\s*(?:,|\band\b)\s*$", before, re.I):
                    continue  # '487 patients enrolled, 128 and 130 were randomised': arm sizes, no stated total
                if re.search(r"(?:\bbut|,|;|\bof\s+(?:whom|these|them)|\b(?:were|was)\s+[\w-]+(?:\s+[\w-]+)?\s+and)\s+(?:only\s+)?$", before, re.I) \
                        and not re.search(r"(?:" + COUNT + r")\s+(?:[\w-]+\s+)?" + PEOPLE + r"\s*,?\s*(?:and\s+)?$", before, re.I):
                    # '31 subjects (...) met the criteria but only 24 were randomized', 'Of 2400 women, 880 were enrolled',
                    # '256 patients were registered and 236 were randomly assigned': the later number is the randomised one
                    return Found(to_int(inner.group("r")), m.end(g) + inner.start("r"), m.end())
            later = re.match(r"[^.;]{0,40}?\band\s+(?P<r>" + COUNT + r")\s+(?:" + PEOPLE + r"\s+)?(?:were\s+)?(?:randomi[sz]ed|randomly\s+(?:assigned|allocated))",
                             mt[m.end():], re.I)
            if later and to_int(later.group("r")):
                # '256 patients were registered and 236 were randomly assigned': the randomised number
                a = m.end() + later.start("r")
                return Found(to_int(later.group("r")), a, m.end() + later.end())
            sent_start = max(mt.rfind(". ", 0, m.start()), mt.rfind("; ", 0, m.start()), mt.rfind("\n", 0, m.start())) + 1
            sent_end = mt.find(". ", m.end())
            if PLANNED_RE.search(mt[sent_start:m.end()]) or re.search(r"\bwill\s+be\b", mt[m.end():sent_end if sent_end > 0 else len(mt)]):
                continue
            if pat is OF_AMONG_RE:
                pv = re.search(r"randomi|enrol|allocat|assign", mt[m.start():m.start(g)], re.I)
                if pv and (pv.group(0).lower() == "randomi" or not re.search(r"randomi|allocat|assign", mt[m.end(g):m.end()], re.I)):
                    # 'Of 2,793 women randomised, 2,021 were included', 'Of the 101 patients enrolled, 93 were included':
                    # the first number is the enrolment
                    first = re.search(r"(?<![\w.,])(?:" + COUNT + r")(?![\d,])", mt[m.start():m.start(g)], re.I)
                    if first and to_int(first.group(0)):
                        return Found(to_int(first.group(0)), m.start() + first.start(), m.start() + first.end())
                    continue
            after = mt[m.end():]
            if ONE_ARM_AFTER_RE.match(after):
                continue  # '197 women were randomized to the epidural group.': one arm (the other follows in the next sentence)
            if not re.search(r"randomi|allocat|assign|divided|enrolled|included", mt[m.start():m.end()], re.I):
                # the verb after the match: 'A total of 55 patients were assigned to arm A and 45 to arm B'
                v = re.match(r"\s*(?:\([^()]*\)\s*)?(?:were|was|had\s+been)\s+(?:randomly\s+)?(?:randomi[sz]ed|allocated|assigned|divided|included|enrolled)\b", after, re.I)
                after = after[v.end():] if v else ""
            split = None if re.match(r"\s*[,;:(]", after) else re.match(
                r"(?:\([^()]*\)|[^.;(]){0,60}?(?:,|\band\b)\s*(?:another\s+|the\s+other\s+|the\s+remaining\s+)?(?P<b>(?!(?:19|20)\d\d\b)" + COUNT + r")\s+(?:" + PEOPLE + r"\s+)?(?:(?:were\s+)?(?:randomly\s+)?(?:randomi[sz]ed|allocated|assigned)\s+)?"
                r"(?:to|into|in)\b", after, re.I) if after else None
            if split:
                whole = re.match(r"(?:" + COUNT + r")", mt[m.start():]) if pat is OF_AMONG_RE else None
                if whole is None:
                    whole = re.search(r"(?<![\w.,])(?:" + COUNT + r")(?![\d,])", mt[m.start():m.start(g)])
                # 'Among 285 eligible patients, 143 were randomized to group A and 142 to group B': all of them
                if whole and pat is OF_AMONG_RE and to_int(whole.group(0)) == n + (to_int(split.group("b")) or 0):
                    a = m.start() + whole.start()
                    return Found(to_int(whole.group(0)), a, m.start() + whole.end())
                continue  # '874 participants were allocated to the intervention and 1,410 to usual care'
            if re.match(r"\s*(?:[\w-]+\s+){0,3}?\(\s*\d+(?:\.\d+)?\s*%\s*\)", mt[m.end(g):], re.I) or re.match(
                    r"\s*(?:were\s+)?included\s+in\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?analys[ie]s", after or mt[m.end():], re.I):
                continue  # '3691 patients (85%) were included in the analysis': a share of the enrolled
            if not re.search(r"\b(?:were|was)\s+(?:[\w-]+\s+){0,2}?(?:randomi|allocat|assign|enrol|recruit|includ|entered)\w*$", m.group(0), re.I) and re.match(
                    r"\s*(?:[\w-]+\s+){0,3}?(?:completed|were\s+analy[sz]ed|finished|were\s+lost|dropped\s+out|withdrew|were\s+excluded|were\s+evaluable)\b",
                    _after_parenthesis(mt, m), re.I):
                # 'A total of 571 participants completed the follow-up', 'Thirty-seven women (n = 37; age = 27.1 ± 4.2; ...)
                # completed one of the following interventions': completers, not enrolment
                continue
            if CLUSTER_UNITS_RE.search(phrase):
                if (low is None or "cluster" in low) or re.search(r"randomi|allocat|assign|enrol|recruit|includ|particip|divided|selected|studied|entered",
                                                                 mt[max(0, m.start(g) - 30):m.start(g)] + mt[m.end(g):m.end()], re.I):
                    # (not places the trial was done in: 'a trial that was conducted in six outpatient obstetrical practices')
                    cluster_units = cluster_units or Found(n, m.start(), m.end())
                continue  # look on for a count of people
            return Found(n, m.start(), m.end())
    return cluster_units


def follow_up(mt: str) -> Found | None:
    best: tuple[int, Found] | None = None
    for m in (() if lacks_cues(cue_text(mt), FOLLOW_CUES) else FOLLOW_RE.finditer(mt)):
        n = m.group("n") or m.group("n2") or m.group("n3")
        u = m.group("u") or m.group("u2") or m.group("u3")
        days = int(n) * _UNIT_DAYS[u.lower().rstrip("s")]
        if best is None or days > best[0]:
            best = (days, Found(timepoint_text(n, u), m.start(), m.end()))
    return best[1] if best else None


def acronym(mt: str, title: str | None) -> Found | None:
    if title:
        m = ACRONYM_TITLE_RE.search(title)
        if m and mt.startswith(title):
            return Found(m.group("a"), m.start("a"), m.end("a"))
    head = mt[:2500]
    m = ACRONYM_TRIAL_RE.search(head)
    return Found(m.group("a"), m.start("a"), m.end("a")) if m else None


def condition(mt: str) -> Found | None:
    m = CONDITION_RE.search(mt)
    if not m:
        return None
    c = m.group("c").strip()
    if not c or len(c) > 150:
        return None
    return Found(c, m.start("c"), m.start("c") + len(c))
