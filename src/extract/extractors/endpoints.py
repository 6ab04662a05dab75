"""Endpoints: primary, secondary and safety outcomes with their timepoints."""

from __future__ import annotations

import re
from typing import Callable

from ..model import Document, Endpoint
from ..parse.normalize import clean_phrase
from .common import Segment, cue_text, evidence, lacks_cues, norm_key, timepoints_in

_EP = (r"(?:efficacy\s+)?(?:end[- ]?points?|outcomes?(?:\s+(?:measures?|measurements?|variables?|parameters?|assessments?|criteri(?:on|a)))?|objectives?|"
       r"(?:efficacy\s+)?(?:variables?|parameters?|measurements?|measures?|criteri(?:on|a)))")
_PRIMARY = r"(?:co-?primary|primary|main)"
PRIMARY_APPOS_RE = re.compile(rf"\b{_PRIMARY}\s+(?:(?:study|trial|effect|efficacy|immunogenicity)\s+)?{_EP}(?:\s+of\s+the\s+(?:study|trial))?,\s+(?P<name>[^.;]+?),\s+"
                              r"(?:was|were|is|did|does|showed|differed|improved|decreased|increased|favou?red|reached)\b|"
                              # 'The primary end point, the proportion of patients with new lesions was equal in both groups'
                              rf"\b{_PRIMARY}\s+{_EP},\s+(?P<name2>the\s+[^.;,]+?)\s+(?:was|were)\s+(?:similar|equal|significantly|not|higher|lower|"
                              r"greater|reduced|increased|decreased|comparable|improved|achieved|met)\b", re.I)
# 'The primary study endpoint was', 'The primary outcome measure over six weeks study period was', 'Our primary
# outcome measure of quality of care is', 'The primary readout was'
_MOD = r"(?:(?:study|trial|efficacy|effectiveness|safety|clinical|comparison|composite|combined|analysis|effect|immunogenicity|pharmacokinetic|(?:health[- ])?economic)\s+)?"
# one or two other words before the noun: 'Primary antiemetic efficacy variables were', 'The primary evaluation criterion was',
# 'Primary ocular end points included' (not 'primary care outcomes', 'primary and secondary outcomes', 'main secondary outcome')
_FREE_MOD = (r"(?:(?!(?:care|health|healthcare|school|schools|prevention|and|or|the|of|in|to|for|with|on|at|by|was|were|is|are|"
             r"secondary|tertiary|exploratory|other|outcomes?|end[- ]?points?)\b)[a-z][\w-]*\s+){1,2}?")
# where a name after 'The primary outcome was' ends: before 'from baseline' (not after 'change': 'the 15-month change from baseline in
# the UPDRS score'), 'over/during/at ...', a full stop or semicolon (not a decimal point: 'in target range (3.9-10.0 mmol/L)', nor
# the point of 'S. aureus'), or a timepoint ('12 months after') that does not belong to the measure ('in the past 24 hours',
# '≥ 13', 'in 1 second')
_NAME_STOP = (r"(?<!change)(?<!changes)(?<!difference)(?<!reduction)(?<!increase)(?<!decrease)(?<!improvement)\s+from\s+baseline\b|"
              r"\s+(?:over|during|at|measured|assessed|evaluated)\b|;|(?<!\bvs)\.(?!\d|\s+(?-i:[a-z]))|"
              r"(?<![=<>≥≤])(?<!\bin)(?<!\bof)(?<!\bthan)(?<!\bpast)(?<!\bfirst)(?<!\blast)(?<!\bprevious)(?<!\bpreceding)"
              r"\s+\d+(?:\.\d+)?(?:\s*(?:,|and|or|to|-|–)\s*\d+)*\s*[- ]?(?:h|hrs?|hours?|d|days?|weeks?|wks?|months?|mo|years?|yrs?|y)\b")
PRIMARY_COPULA_RE = re.compile(
    rf"\b{_PRIMARY}\s+(?:{_MOD}|{_FREE_MOD})(?:{_EP}|readouts?|aims?|purposes?|goals?|hypothes[ie]s)(?:\s+(?:for|of|in)\s+(?:the|this)\s+(?:study|trial)|"
    # 'The main pharmacokinetic parameters estimated were', 'The major parameter monitored in this study was'
    r"\s+(?:assessed|measured|used|evaluated|estimated|determined|calculated|studied|investigated|monitored|chosen|selected|examined|analy[sz]ed)(?:\s+in\s+(?:the|this)\s+[\w-]+)?|"
    # 'The primary end-point of this randomized prospective multicentre trial was', 'The co-primary end-points in both studies were'
    r"\s+(?:of|in|for)\s+(?:the|this|these|both|all|each|our)\s+(?:[\w-]+,?\s+){0,6}?(?:study|studies|trials?)|"
    # 'The main outcomes recorded during 24 hours after surgery were', 'The primary outcomes being compared at baseline and ... were'
    r"\s+(?:being\s+)?(?:assessed|measured|used|evaluated|recorded|compared|examined|analy[sz]ed)\s+(?:in|at|during|over|after|for|on)\s+[^.;:]{1,80}?(?=\s+(?:was|were)\s)|"
    r"\s+(?:over|during|of|for)\s+(?![^.;,]{0,40}?\b(?:was|were|is)\s+(?:assessed|measured|evaluated|defined|used)\b)[^.;,()]{1,40}?)?(?:,?\s+(?:which\s+)?(?P<cop>"
    # 'Two co-primary endpoints were assessed: (i) ...'
    r"(?:were|was)\s+(?:assessed|measured|evaluated|defined|examined|used)(?=\s*:)|"
    r"was|were|is|are|included|includes|include|comprised|concerned|consisted\s+of)|\s*(?P<colon>:))\s*:?\s+(?:(?:defined|measured|expressed|calculated)\s+as\s+)?(?:to\s+(?:assess|evaluate|determine|compare|investigate|examine)\s+)?(?:the\s+)?"
    r"(?P<name>(?:[^.;]|\.(?=\d|\s+(?-i:[a-z]))|(?<=\bvs)\.)+?)(?=" + _NAME_STOP + ")",
    re.I,
)
# an appositive that ends the sentence: 'Non-inferiority was based on the primary endpoint, the change from baseline to week 18 in
# the UPDRS total score.', 'assessed by the primary outcome measure, Mobilization-Observation-Behaviour-Intensity-Dementia-2 (MOBID-2) Pain Scale.'
PRIMARY_APPOS_END_RE = re.compile(
    rf"\b(?:on|to|by|with|of|using)\s+(?:the|their|our|its)\s+(?:two\s+)?{_PRIMARY}\s+{_MOD}{_EP},\s+(?P<name>(?:[^.;:]|\.\d){{3,200}}?)(?=\.(?:\s|$)|$)", re.I)
# 'HbA1c at 12 weeks was the primary outcome parameter.', 'X and Y were the main outcome measures.'
PRIMARY_INVERTED_RE = re.compile(
    rf"(?:^|(?<=[.:;]\s)|(?<=\n))(?P<name>[A-Z](?:[^.;:]|\.(?=\s[a-z]|\d)){{2,150}}?)\s+(?:was|were)\s+(?:the\s+|our\s+)?(?:(?:measured|used|chosen|examined|assessed|evaluated|defined|selected|considered)\s+as\s+|"
    # 'A PRTEE Questionnaire and a 10-point Likert scale were used to assess primary outcome.'
    rf"used\s+to\s+(?:assess|measure|evaluate|determine)\s+)?"
    rf"(?:the\s+)?{_PRIMARY}\s+{_MOD}(?:efficacy\s+)?(?:end[- ]?points?|outcomes?(?:\s+(?:measures?|variables?|parameters?))?|variables?|parameters?|measures?|objectives?)\b")
# 'birth weight (primary outcome)', 'Overall response rate, the primary end point, was 27%'
_MARKED_NAME = r"(?:[^,;:().]|\.\d|\([^()]{1,60}\)(?=\s+[\w(]))"
PRIMARY_MARKED_RE = (
    rf"(?:(?<=[,;:(])|(?<=\band\s)|(?<=\bfor\s)|(?<=\bof\s)|(?<=\bin\s)|(?:^|(?<=[.\n]\s)))\s*(?P<name>[A-Za-z]{_MARKED_NAME}{{2,@LEN@}}?)\s*"
    # '(primary outcome)', '(PCS, primary outcome)', '(primary)', '(primary outcome; median [IQR] ...)', '(HRQoL; the primary outcome)'
    rf"(?:\(\s*(?:[A-Za-z][\w-]{{1,15}}\s*[,;]\s*)?(?:the\s+)?{_PRIMARY}(?:\s+(?:efficacy\s+)?(?:end[- ]?point|outcome(?:\s+measure)?|variable|parameter)s?)?"
    rf"\s*(?:[;,][^()]{{0,80}})?\)|\[\s*the\s+{_PRIMARY}\s+(?:end[- ]?point|outcome)\s*\]|,\s+the\s+{_PRIMARY}\s+(?:efficacy\s+)?(?:end[- ]?point|outcome)(?:\s+measured|\s+(?:in|of|for)\s+(?:all|both|each|these|the)\s+(?:[\w-]+\s+){{0,2}}?(?:studies|study|trials?))?,)")
# names up to 80 characters first (the earliest boundary word within them starts the name); a longer name only for a
# marker that the short pattern left without one ('Attention-Deficit/Hyperactivity Disorder Rating Scale IV (ADHD-RS-IV) total
# score changes from baseline (primary endpoint)')
PRIMARY_MARKED_LONG_RE = re.compile(PRIMARY_MARKED_RE.replace("@LEN@", "150"), re.I)
PRIMARY_MARKED_RE = re.compile(PRIMARY_MARKED_RE.replace("@LEN@", "80"), re.I)
# 'For the primary outcome of X', 'the primary efficacy outcome (death or recurrent MI)'
PRIMARY_OF_RE = re.compile(
    rf"\b{_PRIMARY}\s+(?:efficacy\s+)?(?:outcome|end[- ]?point)s?\s+(?:of\s+(?P<name>(?:[^,;().]|\.(?=\d)){{3,120}}?)(?=\s*[,;(]|\s+(?:was|were)\b|\.(?!\d)|\s+and\s+(?:the\s+)?secondary\b|"
    r"\s+(?:compared|versus|vs\.?|among|in\s+(?:patients|participants|subjects|women|men|children))\b)|"
    # 'on primary outcomes (infant HIV status at 6 weeks ...)', 'The primary endpoint [change from baseline in PEF]'
    rf"\((?P<name2>[^()]{{3,120}})\)|\[(?P<name3>[^\[\]]{{3,160}})\])", re.I)
# 'with body mass index (BMI) as the primary outcome'
# 'Postoperative pain as the primary outcome was assessed', '... recorded as the primary end point', 'the number of sickness
# absence days as the primary outcome', 'DSST-number of correct symbols as the prespecified primary end point'
PRIMARY_WITH_AS_RE = re.compile(
    rf"(?:\bwith\s+|(?<=\bincluded\s)|(?<=\bincluding\s)|(?<=\busing\s)|(?<=\bwere\s)|(?<=[.:;,]\s)|^)(?P<name>[A-Za-z][^,;:().]{{1,100}}?(?:\s*\([^()]{{1,40}}\)(?:[^,;:().]{{1,60}}?)??){{0,3}}?)"
    # 'Depression (BDI-II) was assessed as a primary outcome', 'NRS scores ... were compared via repeated-measures ANOVA as the primary outcome'
    rf"\s+(?:(?:was|were)\s+(?:recorded|chosen|used|selected|defined|designated|taken|assessed|measured|evaluated|analy[sz]ed|examined|included|considered|"
    rf"compared\s+between\s+groups|compared\s+(?:via|using|by|with)\s+[^,;.]{{1,80}}?)\s+)?(?<!\bwell\s)as\s+(?:the\s+|its\s+|a\s+)?"
    rf"(?:pre-?specified\s+)?{_PRIMARY}\s+(?:efficacy\s+)?(?:end[- ]?point|outcome|objective)s?\b", re.I | re.M)
# 'The primary and the secondary outcomes of this study were physical activity level and physical fitness, respectively'
PRIMARY_RESPECTIVELY_RE = re.compile(
    r"\b(?:primary|main)\s+and\s+(?:the\s+)?secondary\s+(?:[\w-]+\s+)?(?:outcomes?|end[- ]?points?|measures?|variables?)"
    r"(?:\s+(?:of|for|in)\s+(?:the|this|our)\s+(?:study|trial))?\s+(?:were|was)\s+(?:the\s+)?"
    r"(?P<name>(?:[^.;,(\[]|\([^()]*\)|\[[^\[\]]*\])+?)\s*,?\s+and\s+(?:the\s+)?[^.;]+?,?\s+respectively\b", re.I)
# a name set beside the noun without a verb: 'The primary outcome empowerment (EPAS) and the secondary outcomes ...', 'on the primary
# outcome PTSS, with large effect sizes'; the instrument: 'Primary efficacy was measured using ADAS-cog and CIBIC-Plus'; 'The main
# outcomes including area, mineral content, and color of WSLs were measured at enrolment'
_NOT_APPOS_WORD = (r"(?!(?:was|were|is|are|of|in|for|at|on|with|to|by|and|or|measures?|measurements?|variables?|parameters?|data|analysis|"
                   r"assessments?|events?|criteri(?:on|a)|scores?|results?)\b)")
PRIMARY_BESIDE_RE = re.compile(
    rf"\b{_PRIMARY}\s+(?:efficacy\s+)?(?:outcome|end[- ]?point)s?\s+(?:"
    rf"{_NOT_APPOS_WORD}(?P<n1>(?-i:[a-z])[\w-]*(?:\s+[\w-]+){{0,3}}?\s*\((?-i:[A-Z])[\w-]{{1,12}}\))|"
    r"(?!(?-i:HR|OR|RR|CI|SD|SE|ITT|PP|MD|NS)\b)(?P<n2>(?-i:[A-Z][A-Z0-9-]{1,10}))(?=[\s,.;)])|"
    r"(?:including|included|such\s+as)\s+(?P<n4>[^.;]{3,150}?)\s+(?:were|was)\s+(?:measured|assessed|evaluated|recorded|determined)\b)|"
    rf"\b{_PRIMARY}\s+(?:efficacy|outcomes?|end[- ]?points?)\s+(?:was|were)\s+(?:measured|assessed|evaluated|determined)\s+(?:using|with)\s+(?:the\s+|a\s+)?"
    r"(?P<n3>[^.;]{3,200}?(?:scales?|questionnaires?|scores?|index|inventory|tests?|instruments?|assessments?|\([A-Z][\w-]{1,12}\)|(?-i:[A-Z]{2,}[\w-]*)))"
    r"(?=\s*[.;,]|\s+(?:at|over|during|in\s+(?:all|both|each))\b)", re.I)
# structured abstracts: 'MAIN OUTCOME MEASURES: X.' / 'Primary endpoint: X.'
PRIMARY_HEADING_RE = re.compile(
    r"(?:^|(?<=[.:\n]\s)|(?<=\.\s\s)|(?<=\n))(?:MAIN|PRIMARY|Main|Primary)\s+(?:OUTCOME|Outcome|outcome|END\s?POINT|End\s?point|end\s?point)S?s?"
    r"(?:\s+(?:MEASURES?|[Mm]easures?))?\s*:\s*(?!\s*(?:We\b|The\s+(?:co-?primary|primary|main)\b))(?P<name>[^.\n]{3,300})|"
    r"(?:^|(?<=[.:\n]\s)|(?<=\n))(?:MAIN|Main)\s+(?:MEASURES?|[Mm]easures?)\s*:\s*(?!\s*(?:We\b|The\s+(?:co-?primary|primary|main)\b))(?P<name2>[^.\n]{3,200})|"
    r"(?:^|(?<=[.:\n]\s)|(?<=\.\s\s)|(?<=\n))Main\s+outcome\s+measures?\s+(?=[A-Z])(?!\s*(?:We\b|The\s+(?:co-?primary|primary|main)\b))(?P<name3>[^.\n]{3,200})|"
    # 'Main outcome measures. Metabolic syndrome (MetS) as defined by ...' (a heading ending in a full stop)
    r"(?:^|(?<=[.:\n]\s)|(?<=\n))(?:MAIN|Main)\s+(?:OUTCOME|[Oo]utcome)\s+(?:MEASURES?|[Mm]easures?)\.\s+(?=[A-Z])(?!We\b|The\b|Results?\b)(?P<name4>[^.\n]{3,200})", re.M)
RESULT_SENTENCE_RE = re.compile(r"\b(?:was|were|did|showed|improved|reduced|increased|decreased)\b[^.]{0,60}?\b(?:significantly|greater|lower|higher|"
                                r"not|no|less|more|better|worse)\b|\b[Pp]\s*[=<>≤]\s*\.?\d")
# necessary conditions (anchor phrases) of the costliest patterns, each a quick scan: the pattern runs only when it is found
MARKED_CUE_RE = re.compile(r"[\[(](?:[^()]{0,20}[,;]\s*)?(?:the\s+)?(?:co-?primary|primary|main)\b|,\s+the\s+(?:co-?primary|primary|main)\s", re.I)
APPOS_END_CUE_RE = re.compile(r"\b(?:co-?primary|primary|main)\s+(?:[\w-]+\s+){0,2}?(?:end[- ]?points?|outcomes?|objectives?|variables?|parameters?|measurements?|measures?|criteri(?:on|a)),\s", re.I)
PATTERN_CUES = {
    PRIMARY_WITH_AS_RE: re.compile(r"\bas\s+(?:the\s+|its\s+|a\s+)?(?:pre-?specified\s+)?(?:co-?primary|primary|main)\s", re.I),
    PRIMARY_HEADING_RE: re.compile(r"(?:MAIN|PRIMARY|Main|Primary)\s+(?:OUTCOME|Outcome|outcome|END|End|end|MEASURE|[Mm]easure)"),
}
# a necessary condition of every PRIMARY_* match (each has _PRIMARY at a word start, then \s)
PRIMARY_CUE_RE = re.compile(r"\b(?:co-?primary|primary|main)\b", re.I)
SECONDARY_RE = re.compile(rf"\bsecondary\s+{_EP}\s+(?:were|was|included|include|are|comprised)\s+(?P<list>[^.;]+)", re.I)
SAFETY_RE = re.compile(
    r"\b(?:long-term\s+)?safety(?:\s+outcomes?|\s+end\s?points?)?(?:\s+of\s+[^.]{0,60}?)?\s+(?:was|were)\s+"
    r"(?:registered|assessed|measured|evaluated|defined|recorded)\s+(?:as|by)\s+(?:an?\s+|the\s+)?"
    r"(?P<name>[^.;]+?)(?=\s+(?:at|during|after|over)\s+\d|\s+\d+(?:,\s*\d+)*,?\s*(?:and\s+\d+\s*)?[- ]?(?:months?|years?|weeks?|days?)|[.;])",
    re.I,
)
BULLET_HEAD_RE = re.compile(r"^\s*(?P<kind>Primary|Secondary|Safety)\s+(?:outcomes?|end\s?points?)(?:\s+measures?)?:?\s*$", re.I | re.M)
BULLET_RE = re.compile(r"^\s*[•●▪◦*-]\s+(?P<name>[^:\n]+?)\s*:", re.M)
TP_TAIL_RE = re.compile(r"\s+(?:at|during|over|after)\s+(?:\d|the\b).*$|\s+\d+(?:\s*,\s*\d+)*,?\s*(?:and\s+\d+)?\s*[- ]?(?:months?|years?|weeks?|days?)\b.*$", re.S)


def _split_semicolons(s: str) -> list[tuple[str, int]]:
    out, pos = [], 0
    for m in re.finditer(r";", s):
        out.append((s[pos:m.start()], pos))
        pos = m.end()
    out.append((s[pos:], pos))
    return out


def _split_list(s: str, base: int) -> list[tuple[str, int, int]]:
    """Split an enumeration on commas outside parentheses; the last item on ' and ' when the
    list had commas and the item did not already start with 'and'."""
    items, depth, cur = [], 0, 0
    for k, ch in enumerate(s):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            items.append((cur, k))
            cur = k + 1
    items.append((cur, len(s)))
    out = []
    for idx, (a, b) in enumerate(items):
        seg = s[a:b]
        lead = len(seg) - len(seg.lstrip())
        a += lead
        seg = s[a:b].rstrip()
        m = re.match(r"(?:and|or)\s+", seg)
        if m:
            a += m.end()
            seg = s[a:b].rstrip()
        elif idx == len(items) - 1 and len(items) > 1 and " and " in seg and "(" not in seg:
            left, right = seg.split(" and ", 1)
            out.append((left, base + a, base + a + len(left)))
            ra = a + len(left) + 5
            out.append((right, base + ra, base + ra + len(right)))
            continue
        if seg:
            out.append((seg, base + a, base + a + len(seg)))
    return out


def _timepoint(sentence: str) -> str | None:
    tps: list[str] = []
    for _, lst in timepoints_in(sentence):
        for tp in lst:
            if tp not in tps:
                tps.append(tp)
    return ", ".join(tps) or None


# 'MAIN OUTCOME MEASURES: Primary outcome was X', 'Main outcome measure: A successful outcome was X', 'Main outcome measures: Primary
# outcomes; X; secondary measures included Y': the words before X are not part of it
HEADING_LEAD_RE = re.compile(r"^(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,3}?(?:outcomes?|end\s?-?points?|measures?|variables?|parameters?)(?:\s+measures?)?"
                             r"\s*(?:(?:was|were|is|are|included|include)\s+|[;:]\s*)", re.I)
HEADING_OTHER_RE = re.compile(r"(?:the\s+)?(?:key\s+)?(?:secondary|tertiary|exploratory|other)\b", re.I)
# a heading that holds a sentence: 'MAIN OUTCOME MEASURES: The PK parameters ... were determined, and ...' (the subject is the measure),
# 'Participants completed a questionnaire', 'Baseline data ... were collected' (no measure named)
HEADING_VERB_RE = re.compile(r"\s(?:was|were)\s+(?:\w+ly\s+)?(?:[a-z]+ed|[a-z]+en|done|made|drawn)\b")
HEADING_NO_SUBJECT_RE = re.compile(r"(?:we|participants|patients|subjects|children|women|men|baseline|data|information|blood\s+samples?|samples?)\b", re.I)


def _heading_parts(name: str, off: int) -> list[tuple[str, int]]:
    """The measures a 'Main outcome measures:' heading names: its ';'-separated parts, up to one that names the secondary
    outcomes; a lead-in ('Primary outcome was') dropped; of a part that is a passive sentence, its subject."""
    lead = HEADING_LEAD_RE.match(name)
    if lead and len(name) - lead.end() >= 3:
        name, off = name[lead.end():], off + lead.end()
    out = []
    for part, k in _split_semicolons(name):
        st = part.strip()
        if HEADING_OTHER_RE.match(st):
            break
        if re.search(r"\b(?:was|were)\s+[-−–]?\d", part):
            continue  # 'Primary endpoint: the hazard ratio for EDSS deterioration ... was 0.61': a result
        verb = HEADING_VERB_RE.search(part)
        if verb:
            subj = part[:verb.start()]
            if HEADING_NO_SUBJECT_RE.match(subj.strip()) or re.search(r"\b(?:completed|received|underwent|used|compared|had|we)\b", subj):
                continue
            part = subj
        out.append((part, off + k))
    return out


AIM_WORD_RE = re.compile(r"\b(?:objectives?|aims?|purposes?|goals?|hypothes[ie]s)\b", re.I)
# the infinitive of an aim: verbs of measuring name what is measured after them; aims to design, develop or explore name no outcome
_AIM_VERB_RE = re.compile(
    r"\s*:?\s*(?:to\s+)?(?:(?:assess|evaluate|compare|determine|investigate|examine|measure|analy[sz]e|study|test|establish|demonstrate|"
    r"quantify|estimate|detect|show|confirm|verify|document|characteri[sz]e|ascertain|observe|monitor|record|prove)"
    r"(?:\s+and\s+(?:to\s+)?(?:assess|evaluate|compare|determine|investigate|examine|measure|analy[sz]e|study|test|establish|"
    r"demonstrate|quantify|estimate|detect|show|confirm|verify|document|characteri[sz]e|ascertain|observe|monitor|record|prove))?)\s+", re.I)
_AIM_OTHER_RE = re.compile(r"\s*:?\s*to\s+\w+", re.I)
# 'to evaluate whether the use of a patient navigator altered adherence to follow-up eye care appointments'; 'The primary
# hypothesis was that ertugliflozin was non-inferior to glimepiride on HbA1c'
_EFFECT_OBJ_RE = re.compile(
    r"\b(?:(?:would|will|could|can|may|might|does|do|did|to)\s+)?(?:significantly\s+)?(?:reduce[sd]?|improve[sd]?|decrease[sd]?|"
    r"increase[sd]?|affect(?:s|ed)?|alter(?:s|ed)?|change[sd]?|modulate[sd]?|influence[sd]?|prevent(?:s|ed)?|lower(?:s|ed)?|"
    r"shorten(?:s|ed)?|prolong(?:s|ed)?|enhance[sd]?|be\s+associated\s+with|result(?:s|ed)?\s+in|lead(?:s)?\s+to|"
    r"(?:was|is|be|were|are)\s+(?:non-?inferior|superior|equivalent|similar)\s+(?:to\s+[^,;.]{1,60}?\s+)?(?:on|in|for|regarding))\s+"
    r"(?:the\s+)?(?!(?:by|with|to|than)\b)(?P<obj>[^,;.(]{3,150}?)(?=\s+(?:in|among|compared|versus|vs\.?|than|when|by|independently|relative|after|at|over|during)\b|\s*[,;(]|\.(?!\d)|$)",
    re.I)
_AIM_BY_RE = re.compile(r"(?:,\s*)?(?:as\s+)?(?:assessed|measured|evaluated|determined|quantified)\s+(?:by|with|using|as)\s+(?:the\s+|a\s+|an\s+)?"
                        r"(?P<w>[^,;.]{3,120}?)(?=\s+(?:in|among|at|after|over|during)\b|[,;]|\.(?!\d)|$)|"
                        r"\bin\s+terms\s+of\s+(?:the\s+)?(?P<w2>[^,;.]{3,120}?)(?=[,;]|\.(?!\d)|$)", re.I)
_AIM_POP_TAIL_RE = re.compile(r"\s+(?:in|among)\s+(?:[\w-]+,?\s+){0,4}?(?:patients|participants|subjects|adults|children|women|men|individuals|"
                              r"people|volunteers|infants|adolescents|students|smokers|population|users|mothers|neonates)\b.*$", re.I | re.S)


def _aim_span(flow: str, pos: int) -> tuple[int, int] | None:
    """What a primary aim, objective or hypothesis says is to be measured, as a span of flow: after 'to assess/compare/...'
    the object ('the effect of X on Y' kept whole), after 'whether'/'that' the object of the effect verb ('whether X reduced
    the total number of antenatal visits'), after 'as assessed by'/'in terms of' the measure; None for an aim that names
    no measured outcome ('to identify predictors', 'to design and test a questionnaire', 'to relieve the pain')."""
    end = pos
    while end < len(flow) and end - pos < 400:
        ch = flow[end]
        if ch == ";" or ch == "\n" and flow[end + 1:end + 2] == "\n" or ch == "." and not re.match(r"\.(?:\d|\s+[a-z]|[a-z])", flow[end:end + 3]) \
                and flow[end - 3:end] not in (" vs", "(vs"):
            break
        end += 1
    text = flow[pos:end]
    verb = _AIM_VERB_RE.match(text)
    if verb:
        k = verb.end()
    elif _AIM_OTHER_RE.match(text) or re.match(r"\s*:?\s*to\b", text):
        return None  # 'to identify predictors of ...', 'to design and test ...', 'were to: (a) to shed light on ...'
    else:
        k = len(text) - len(text.lstrip(" :"))
        if not re.match(r"that\b", text[k:], re.I):
            # 'The primary objective was safety', 'The primary objective of the study was the evaluation of X'
            stop = re.search(r"\s+(?:over|during|at)\s+\d|[,;]|\.(?!\d)|$", text[k:])
            return (pos + k, pos + k + stop.start()) if stop and stop.start() >= 2 else None
    rest = text[k:]
    if re.match(r"(?:whether|if|that)\b", rest, re.I):
        obj = _EFFECT_OBJ_RE.search(rest)
        if obj is None:
            # 'to confirm that the proportion of patients who experienced MAE was not higher in the active group'
            compared = re.match(r"that\s+(?:the\s+)?(?P<s>[^,;.]{3,120}?)\s+(?:was|were|is|are|would\s+be|will\s+be)\s+(?:not\s+)?(?:significantly\s+)?"
                                r"(?:higher|lower|greater|less|smaller|larger|reduced|increased|improved|non-?inferior|superior|equivalent)\b", rest, re.I)
            if compared:
                return (pos + k + compared.start("s"), pos + k + compared.end("s"))
            passive = re.match(r"(?:whether|if|that)\s+(?:the\s+)?(?P<s>[^,;.]{3,80}?)\s+(?:can|could|would|will|is|are|was|were)?\s*be\s+"
                               r"(?:influenced|affected|altered|improved|reduced|changed|increased|decreased)\b", rest, re.I)
            return (pos + k + passive.start("s"), pos + k + passive.end("s")) if passive else None
        return (pos + k + obj.start("obj"), pos + k + obj.end("obj"))
    by = _AIM_BY_RE.search(rest)
    if by:
        g = "w" if by.group("w") else "w2"
        return (pos + k + by.start(g), pos + k + by.end(g))
    rest = re.split(r",\s+(?:so|and\s+the|which|while|whereas|but|thus|hence)\b", rest)[0]
    rest_s = re.sub(r"^(?:the\s+)", "", rest)
    k += len(rest) - len(rest_s)
    tail = _AIM_POP_TAIL_RE.search(rest_s)
    n = tail.start() if tail and tail.start() >= 3 else len(rest_s)
    when = re.search(r"\s+(?:over|during|at|within|after)\s+(?:the\s+)?(?:first\s+|last\s+)?(?:\d|one|two|three|six|twelve)\b|"
                     r"(?<!first)(?<!past)(?<!last)(?<!\bof)(?<!\bin)(?<!\bthan)\s+\d+(?:\.\d+)?\s*[- ]?(?:h|hours?|days?|weeks?|months?|years?)\b|"
                     r"\s+in\s+(?:a|this|the\s+present)\s+(?:[\w-]+\s+){0,3}?(?:study|trial)\b",
                     rest_s[:n])
    n = when.start() if when and when.start() >= 3 else n
    if re.match(r"(?:(?:potential|possible|combined|long-term|short-term|clinical)\s+)?(?:effects?|impact|influence)\s+of\b(?![^.;]*\bon\b)", rest_s[:n], re.I):
        return None  # 'to investigate the effects of a 12-week exercise training program for men with prostate cancer': no outcome named
    n = min(n, 200)
    return (pos + k, pos + k + len(rest_s[:n].rstrip(" ,:"))) if n >= 3 else None


def _primary_starts(low: str | None) -> list[int] | None:
    """Where 'primary', 'co-primary', 'coprimary' or 'main' starts a word in the lower-cased text (found by str.find): every
    pattern that opens with them can only match there. None when the text could not be lower-cased safely."""
    if low is None:
        return None
    out = set()
    for w in ("primary", "main"):
        k = low.find(w)
        while k >= 0:
            start = k - 2 if w == "primary" and low[max(0, k - 2):k] == "co" else k
            if start == 0 or not (low[start - 1].isalnum() or low[start - 1] == "_"):
                out.add(start)
            k = low.find(w, k + 1)
    return sorted(out)


def _scan(rx: re.Pattern[str], flow: str, starts: list[int] | None = None):
    """rx.finditer for a pattern that opens with 'primary'/'main' (tried only where they start a word, see `_primary_starts`),
    except that after a 'primary outcome measure: X' match (which the caller may drop as a heading) the scan goes on inside it:
    'Main outcome measures: The co-primary efficacy variables were X and Y', and after 'was'/'were': 'The main aim was to
    assess safety, so the primary outcomes were adverse events'."""
    pos = 0
    cands = iter(starts) if starts is not None else None
    while True:
        if cands is None:
            m = rx.search(flow, pos)
        else:
            m = None
            for k in cands:
                if k >= pos and (m := rx.match(flow, k)) is not None:
                    break
        if m is None:
            return
        yield m
        colon = "colon" in rx.groupindex and m.group("colon")
        cop = "cop" in rx.groupindex and m.group("cop")
        pos = m.start("colon") + 1 if colon else m.end("cop") if cop else max(m.end(), m.start() + 1)


def extract_endpoints(doc: Document, flow: str, sents: list[Segment],
                      abbrevs: dict[str, str] | Callable[[], dict[str, str]]) -> list[Endpoint]:
    """`abbrevs` (short form -> long form) may be given as a function: it is then called only when
    an endpoint is found (the abbreviation step is the costliest part of a document)."""
    found: list[tuple[int, int, str, str, str | None]] = []  # start, end, name, kind, timepoint

    def sentence_at(pos: int) -> str:
        s = next((s for s in sents if s.start <= pos < s.end), None)
        return flow[s.start:s.end] if s else ""

    # every PRIMARY_* pattern holds 'primary'/'main' as a word followed by a space: without one
    # (seven documents in ten) none can match, and their scans (a third of this function) are skipped
    low = cue_text(flow)
    has_primary = not lacks_cues(low, ("primary", "main")) and PRIMARY_CUE_RE.search(flow) is not None
    starts = _primary_starts(low) if has_primary else None
    for rx in ((PRIMARY_APPOS_RE, PRIMARY_COPULA_RE) if has_primary else ()):
        for m in _scan(rx, flow, starts):
            if rx is PRIMARY_COPULA_RE and m.group("colon") and (
                    re.search(r"(?:^|[.:;\n])\s*$", flow[max(0, m.start() - 30):m.start()]) or RESULT_SENTENCE_RE.search(m.group("name"))
                    or re.match(r"\s*\d+(?:\.\d+)?\s*[\[(]|\.\d", flow[m.end("name"):])):
                continue  # 'Primary outcome: X' at a sentence start is a heading (PRIMARY_HEADING_RE reads it); results ('endpoints: plaque 1.23 [')
            sent = sentence_at(m.start())
            gname = "name" if m.group("name") is not None else "name2"
            a, b = m.start(gname), m.end(gname)
            if rx is PRIMARY_COPULA_RE and AIM_WORD_RE.search(flow, m.start(), m.start("cop") if m.group("cop") else m.start("colon")):
                # 'The primary aim was to compare postoperative analgesic consumption ...': what is to be measured, kept
                # only when the text names no primary outcome (not '... resected primary lung cancer\n\nPURPOSE: We ...')
                span = _aim_span(flow, m.end("cop")) if m.group("cop") and "\n" not in m.group(0) else None
                if span is not None:
                    a, b = span
                    found.append((a, b, clean_phrase(doc.text[a:b]), "aim", _timepoint(sent[sent.find(m.group(0)[:20]):] if sent else flow[a:b])))
                continue
            if rx is PRIMARY_COPULA_RE and len(m.group("name").split()) == 1:
                # 'The primary outcome was time during which ...': the name runs on to the clause end
                tail = re.match(r"(?:[^.;]|\.(?=\d))*?(?=\s*(?:;|\.(?!\d)|,\s+(?:and|which|as|with)\b|$))", flow[a:])
                b = a + len(tail.group(0)) if tail and len(tail.group(0)) <= 160 else b
            found.append((a, b, clean_phrase(doc.text[a:b]),
                          "primary", _timepoint(sent[sent.find(m.group(0)[:20]):] if sent else m.group(0))))
            if gname != "name":
                continue
            if rx is PRIMARY_COPULA_RE and re.match(r"(?:[a-z][\w-]*\s+(?:of\s+)?)?\(?\s*(?:1|a|i)\s*\)", flow[m.start("name"):]):
                # 'Primary end points were (1) ejection fraction ... and (2) myocardial vascularization'
                found.pop()
                end = flow.find(".", m.start("name"))
                seg = flow[m.start("name"):end if end > 0 else len(flow)]
                # also '1) functional disability, measured by ..., and 2) global pain'
                for it in re.finditer(r"(?:^|(?<=[\s,;]))\(?\s*(?:\d|[a-z]|ii|iii|iv)\s*\)\s*(?P<x>(?:[^()]|\([^()]*\))+?)"
                                      r"(?=\s*(?:[,;]\s*)?(?:and\s+)?(?:\(\s*(?:\d|[a-z]|ii|iii|iv)\s*\)|(?<![\w(])(?:\d|[a-z]|ii|iii|iv)\))|$)", seg):
                    a = m.start("name") + it.start("x")
                    x = it.group("x").rstrip(" ,;")
                    x = re.split(r",?\s+(?:as\s+)?(?:(?:assessed|determined|measured)\s+(?:by|with|using)|at\s+\d)", x)[0]
                    found.append((a, a + len(x), clean_phrase(doc.text[a:a + len(x)]), "primary", _timepoint(it.group("x"))))
                continue
            if rx is PRIMARY_COPULA_RE and m.group("cop") == "were":
                # 'The primary outcomes were X ... and the proportion of Y at week 16'
                end = flow.find(".", m.end())
                rest = flow[m.end():end if end > 0 else len(flow)]
                for a in re.finditer(r",?\s+and\s+the\s+(?=\w)", rest):
                    tail = rest[a.end():]
                    cut = re.search(r"\s+(?:at|over|during|after)\s+(?:week|month|day|year|\d)|[.;]|$", tail)
                    nm = tail[: cut.start()].strip()
                    if nm and len(nm.split()) >= 2:
                        s0 = m.end() + a.end()
                        found.append((s0, s0 + len(nm), clean_phrase(doc.text[s0:s0 + len(nm)]), "primary", _timepoint(tail)))
                    break
    for m in (_scan(PRIMARY_BESIDE_RE, flow, starts) if has_primary else ()):
        g = next(k for k in ("n1", "n2", "n3", "n4") if m.group(k))
        a, b = m.start(g), m.end(g)
        found.append((a, b, clean_phrase(doc.text[a:b]), "primary", _timepoint(m.group(g))))
    for m in (_scan(PRIMARY_RESPECTIVELY_RE, flow, starts) if has_primary and not lacks_cues(low, ("respectively",)) else ()):
        a, b = m.start("name"), m.end("name")
        found.append((a, b, clean_phrase(doc.text[a:b]), "primary", _timepoint(m.group("name"))))
    appos_end = has_primary and APPOS_END_CUE_RE.search(flow) is not None
    for m in (PRIMARY_APPOS_END_RE.finditer(flow) if appos_end else ()):
        name = m.group("name").strip()
        if (re.search(r"\b(?:was|were|is|are|had|has|have|did|does|showed|revealed|reached|remained|differed|found)\b", name, re.I)
                or RESULT_SENTENCE_RE.search(name) or re.match(r"(?:we|this|these|it|they|there|our)\b", name, re.I)):
            continue  # 'For the primary endpoint, the adjusted mean changes ... were -13.81': a result
        a = m.start("name")
        found.append((a, a + len(name), clean_phrase(doc.text[a:a + len(name)]), "primary", _timepoint(name)))
    for m in (_scan(PRIMARY_OF_RE, flow, starts) if has_primary else ()):
        g = next(k for k in ("name", "name2", "name3") if m.group(k))
        name = m.group(g).strip()
        if len(name.split()) >= 2 and not re.match(r"(?:the\s+)?(?:study|trial|analysis)\b", name, re.I):
            a = m.start(g)
            found.append((a, a + len(name), clean_phrase(doc.text[a:a + len(name)]), "primary", _timepoint(name)))
    marked = has_primary and MARKED_CUE_RE.search(flow) is not None
    named_ends: set[int] = set()
    for m in (m for rx in ((PRIMARY_MARKED_RE, PRIMARY_MARKED_LONG_RE) if marked else ()) for m in rx.finditer(flow)):
        if m.end() in named_ends:
            continue
        name = m.group("name").strip()
        # 'Quality-of-life measures included the Physical Component Summary (PCS, primary outcome)': the measure only
        lead = re.search(r"^.*\b(?:included|includes|including|were|was|are|is|comprised|measured|assessed|recorded|using|compared|observed|found|seen|noted)\s+(?:by\s+|as\s+|for\s+|in\s+|on\s+)?", name)
        if lead and len(name) - lead.end() >= 3:
            name = name[lead.end():]
        name = re.sub(r"^(?:the|a|an|for|of|on|and)\s+", "", name, flags=re.I)
        if re.search(r"\b(?:showed|shows|found|was|were|had|reported|observed|demonstrated)\b", name):
            # 'The analysis showed no difference in Epworth sleepiness score, the primary endpoint': the measure only
            parts = re.split(r"\b(?:differences?|changes?|improvements?|reductions?|increases?|decreases?)\s+in\s+", name)
            if len(parts) < 2:
                continue
            name = parts[-1]
        if 2 <= len(name) <= 120 and _words(name) <= 16 and not re.match(r"(?:we|this|these|it|they)\b", name, re.I):
            a = m.start("name") + m.group("name").index(name)
            found.append((a, a + len(name), clean_phrase(doc.text[a:a + len(name)]), "primary", _timepoint(name)))
            named_ends.add(m.end())
    for rx in ((PRIMARY_INVERTED_RE, PRIMARY_HEADING_RE, PRIMARY_WITH_AS_RE) if has_primary else ()):
        cue_rx = PATTERN_CUES.get(rx)
        if cue_rx is not None and not cue_rx.search(flow):
            continue  # the pattern's anchor phrase is not in the text
        for m in rx.finditer(flow):
            g = next((k for k in ("name", "name2", "name3", "name4") if k in rx.groupindex and m.group(k)), "name")
            name = m.group(g)
            if rx is PRIMARY_INVERTED_RE and re.search(r"\b(?:analysis|results?|effect|difference)\b", name, re.I) and len(name.split()) > 8:
                continue
            if rx is PRIMARY_INVERTED_RE and re.search(r",\s+(?:which|that)$", name):
                continue  # '... assessed SAEs before and after treatment failure, which was the primary outcome': not the sentence's subject
            if rx is PRIMARY_WITH_AS_RE and flow[max(0, m.start("name") - 2):m.start("name")] == ", ":
                # after a comma only when it ends an opening phrase: 'After TKA, NRS scores ... were compared ... as the primary
                # outcome' (not 'leak pressure in maximum flexion, maximum extension and the neutral position was taken as')
                opening = flow[max(flow.rfind(". ", 0, m.start()) + 2, flow.rfind("\n", 0, m.start()) + 1, 0):m.start("name") - 2]
                if "," in opening or len(opening.split()) > 8 or not re.match(
                        r"(?:After|Before|In|For|At|During|Thus|Therefore|Here|Then|Finally|Additionally|Moreover|Also|Overall|Subsequently)\b", opening):
                    continue
            if rx is PRIMARY_WITH_AS_RE and (re.search(r"\b(?:should|could|may|might|would|will|can)\s+be\b", m.group(0))
                                             or re.match(r"\s+(?:\w+\s+){0,2}?(?:for|in)\s+(?:future|further|subsequent|larger)\b", flow[m.end():])):
                continue  # 'should be considered as the primary endpoint for future studies': a recommendation
            if rx is PRIMARY_HEADING_RE and RESULT_SENTENCE_RE.search(name):
                continue  # 'RESULTS: Primary outcome: Improvements in WMFT-FAS were significantly greater ...': a result
            parts = [(name, m.start(g))]
            if rx is PRIMARY_WITH_AS_RE:
                # 'These data included the number of sickness absence days as the primary outcome': the measure only
                lead = re.search(r"^.*\b(?:included|includes|including|were|was|are|is|comprised|recorded|using)\s+", name)
                if lead and len(name) - lead.end() >= 3:
                    parts = [(name[lead.end():], m.start(g) + lead.end())]
                # 'using ANCOVA for the change from baseline to week 8 in the DSST score as the primary end point': the measure
                method = re.match(r"(?-i:[A-Z]{3,})[\w-]*\s+(?:for|of|on)\s+(?:the\s+)?", parts[0][0])
                if method and len(parts[0][0]) - method.end() >= 3:
                    parts = [(parts[0][0][method.end():], parts[0][1] + method.end())]
            if rx is PRIMARY_HEADING_RE:
                parts = _heading_parts(name, m.start(g))
            for part, off in parts:
                part_s = part.strip()
                if rx is PRIMARY_WITH_AS_RE and re.fullmatch(r"[a-z]+ed", part_s):
                    continue  # 'The frequency, duration and severity of exacerbations were combined as primary outcome measures'
                if len(part_s) >= 3:
                    a = off + (len(part) - len(part.lstrip()))
                    found.append((a, a + len(part_s), clean_phrase(doc.text[a:a + len(part_s)]), "primary", _timepoint(part_s)))
    for m in (() if lacks_cues(low, ("secondary",)) else SECONDARY_RE.finditer(flow)):
        lst = m.group("list")
        tail = TP_TAIL_RE.search(lst)
        tp = _timepoint(lst[tail.start():]) if tail else None
        body = lst[: tail.start()] if tail else lst
        for item, a, b in _split_list(body, m.start("list")):
            found.append((a, b, clean_phrase(doc.text[a:b]), "secondary", tp))
    for m in (() if lacks_cues(low, ("safety",)) else SAFETY_RE.finditer(flow)):
        sent = sentence_at(m.start())
        found.append((m.start("name"), m.end("name"), clean_phrase(doc.text[m.start("name"):m.end("name")]),
                      "safety", _timepoint(flow[m.end("name"):m.end("name") + 80].split(".")[0])))
    for h in BULLET_HEAD_RE.finditer(flow):
        pos = h.end()
        for b in BULLET_RE.finditer(flow, pos):
            between = flow[pos:b.start()]
            if between.strip():
                break
            found.append((b.start("name"), b.end("name"), clean_phrase(b.group("name")), h.group("kind").lower(), None))
            pos = flow.find("\n", b.end())
            if pos < 0:
                break
    # each primary candidate split into the outcomes it lists, each trimmed; the untrimmed text is kept to tell
    # one outcome named twice ('change in depressive symptoms measured by the BDI-IA total score', 'reduction in total BDI-IA score')
    kept: list[tuple] = []
    for k, f in enumerate(found):
        if f[3] not in ("primary", "aim"):
            kept.append(f + (f[2], k))
            continue
        whole = _trim_primary(f)  # a result or a method as a whole ('HR 0.86 vs. 0.85, interaction P = 0.93') is not split
        items = _split_primary(doc.text, whole) if whole is not None else []
        for g in items:
            t = _trim_primary(g, item=len(items) > 1)
            if t is not None:
                kept.append(t + (g[2] if len(items) > 1 else f[2], k))
    # a study's primary aim stands for its primary outcome only when no primary outcome is named
    has_named = any(f[3] == "primary" for f in kept)
    kept = sorted((f[:3] + ("primary",) + f[4:]) if f[3] == "aim" else f for f in kept if not (has_named and f[3] == "aim"))
    if kept and callable(abbrevs):
        abbrevs = abbrevs([re.sub(r"^(?:the|a|an)\s+", "", f[2], flags=re.I) for f in kept])
    endpoints: list[Endpoint] = []
    raws: list[tuple[str, int]] = []
    for start, end, name, kind, tp, raw, group in kept:
        name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
        if not name:
            continue
        aliases = _aliases(name, kind, abbrevs)
        # the same endpoint found twice: its name (or its own short forms) among the other's aliases; two endpoints
        # that share an abbreviation ('malarial parasitaemia at week 4' and 'RT PCR positive malarial parasitaemia') are not
        core = set(map(norm_key, _aliases(name, kind, {}))) - GENERIC_ALIASES
        # (items of one list are not one outcome named twice: 'uncorrected distance visual acuity (UDVA), corrected distance visual acuity')
        dup = next((e for e, (r, grp) in zip(endpoints, raws) if e.kind == kind and (
            norm_key(e.name) == norm_key(name) if kind == "primary" and grp == group else
            core & set(map(norm_key, e.aliases)) or norm_key(e.name) in set(map(norm_key, aliases))
            or (kind == "primary" and (_same_outcome(name, e.name) or _same_outcome(raw, r))))), None)
        if dup:
            continue
        endpoints.append(Endpoint(f"e{len(endpoints) + 1}", name, kind, tp, evidence(doc, start, end), aliases=tuple(aliases)))
        raws.append((raw, group))
    return endpoints


# how an item of a list of primary outcomes starts when it only continues the item before it: a definition or an appositive
# ('X, defined as Y, Z and W', 'X, a composite measure of A, B and C', 'X, specifically Y'), after which no new item starts; or a
# timepoint or a prepositional part ('at 1, 3 and 6 months', 'in both studies')
_DEF_ITEM_RE = re.compile(r"(?:(?!(?:need|speed|feed|bleed|seed|breed)\b)[a-z]{2,}ed\s+(?:in|by|as|at|with|from|using|to|for|on)|as|which|that|who|where|when|whereas|while|including|included|such|defined|measured|assessed|evaluated|"
                          r"analy[sz]ed|calculated|estimated|determined|expressed|based|using|i\.?e|e\.?g|namely|a|an|respectively|"
                          r"\w+ly(?:\s+\w+ed)?)\b", re.I)
_CONT_ITEM_RE = re.compile(r"(?:with|without|in|at|during|from|after|before|by|for|to|of|on|over|within|between|among|both|either|than|"
                           r"compared|versus|vs)\b|\d[\d.,\s]*(?:(?:and|or)\s+\d+\s*)?(?:%|h|hrs?|hours?|d|days?|weeks?|wks?|months?|mo|years?|yrs?)?\s*$", re.I)
# an item that is a clause, not a measure: 'target cancer-specific mortality, the unbiased determination of UCD is crucial'
_CLAUSE_ITEM_RE = re.compile(r"^(?:(?!\b(?:who|that|which|whom|whose|where|when)\b).)*?\b(?:is|are|was|were|has|have|had|included|includes|showed|"
                             r"revealed|suggested)\b", re.I)
# the words that start a measure of its own after 'and': 'duration of diarrhoea and time to change in consistency of stools'
_HEAD_ITEM_RE = re.compile(r"(?:(?:the|a|an)\s+)?(?:time|rates?|numbers?|proportions?|percentages?|incidences?|durations?|changes?|levels?|"
                           r"scores?|risks?|frequency|occurrence|quality|costs?|length|mean|median|total|overall|need|use|amount|degree|"
                           r"prevalence|presence|concentrations?)\b", re.I)
_PREP_RE = re.compile(r"\b(?:of|in|with|for|to|from|between|among|on|by|who|that|which|whose|than|per|under|after|before|during|within)\b", re.I)
# a list that is one outcome: 'a composite of death, MI or stroke', 'the number of ...', 'any of ...'
_ONE_OUTCOME_RE = re.compile(r"(?:(?:the|a|an)\s+)?(?:composite|combined|combination|sum|any|either|all|both|each|number\s+of|total\s+of|"
                             r"occurrence\s+of\s+(?:any|one|either))\b", re.I)
_NUMBERED_RE = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[,;:]))\(?(?P<k>[1-9]|i{1,3}|iv|[a-d])\)\s*(?=\S)")
# 'Knee injury and Osteoarthritis Outcome Score', 'Psoriasis Area and Severity Index': one name
_TITLE_AND_RE = re.compile(r"\b[A-Z][a-z]+(?:'s|’s)?\s+and\s+[A-Z][a-z]")


def _one_abbreviated_name(left: str, right: str) -> bool:
    """'Knee injury and Osteoarthritis Outcome Score (KOOS)': the abbreviation after the right part spells words of the left part too."""
    m = re.search(r"\(([A-Z][A-Za-z-]{1,12})(?:\s+\d+)?\)\s*$", right)
    if not m:
        return False
    caps = re.sub(r"[^A-Z]", "", m.group(1))
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", right[:m.start()]) if w.lower() not in ("and", "of", "the", "for", "in", "on")]
    first = re.findall(r"[A-Za-z]", left)
    return len(caps) > len(words) and bool(first) and caps[0] == first[0].upper()


def _words(s: str) -> int:
    """Words outside brackets, a bracketed abbreviation counting as one ('(0-4 h)' as none)."""
    return len(re.sub(r"[(\[][A-Za-z][^()\[\]]*[)\]]", " X ", re.sub(r"[(\[][^A-Za-z()\[\]][^()\[\]]*[)\]]", " ", s)).split())


def _top_level(s: str, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    """Spans of s between the matches of `sep` that lie outside brackets."""
    depth, cuts = 0, []
    marks = {m.start(): m.end() for m in sep.finditer(s)}
    k = 0
    while k < len(s):
        ch = s[k]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and k in marks:
            cuts.append((k, marks[k]))
            k = marks[k]
            continue
        k += 1
    spans, pos = [], 0
    for a, b in cuts:
        spans.append((pos, a))
        pos = b
    spans.append((pos, len(s)))
    return spans


def _list_items(s: str) -> list[tuple[int, int]]:
    """The outcomes a primary-endpoint name lists, as spans of s; [(0, len(s))] when it names one outcome.

    'Primary outcomes were duration of diarrhoea and time to change in consistency of stools', 'HbA1c, diet, and physical
    activity', '(1) ejection fraction and (2) myocardial vascularization' are lists; 'incidence and severity of nausea', 'change
    in callus hydration, elasticity, texture, and size', 'a composite of death, MI or stroke', 'death or MI', 'Knee injury and
    Osteoarthritis Outcome Score' are not."""
    whole = [(0, len(s))]
    nums = list(_NUMBERED_RE.finditer(s))
    if len(nums) >= 2 and nums[0].group("k") in ("1", "i", "a") and nums[1].group("k") in ("2", "ii", "b"):
        out = []
        for k, m in enumerate(nums):
            b = nums[k + 1].start() if k + 1 < len(nums) else len(s)
            item = s[m.end():b]
            item = re.sub(r"[\s,;]*(?:and|or)?[\s,;]*$", "", item)
            if item.strip():
                out.append((m.end(), m.end() + len(item)))
        return out or whole
    if _ONE_OUTCOME_RE.match(s) or len(_top_level(s, re.compile(r"\s(?:or|and/or)\s"))) > 1:
        return whole  # alternatives are one outcome ('loss of HBeAg, or presence of anti-HBe antibody')
    spans = [(a, b) for a, b in _top_level(s, re.compile(r",\s*")) if s[a:b].strip()]
    # the last item: 'and X' after a comma, or 'X and Y' (the conjunction outside brackets, not inside a title-case name
    # or 'between X and Y')
    last_a, last_b = spans[-1]
    last = s[last_a:last_b]
    conj = re.match(r"and\s+", last)
    if conj:
        spans[-1] = (last_a + conj.end(), last_b)
    else:
        inner = _top_level(last, re.compile(r"\s+and\s+"))
        left, right = last[inner[0][0]:inner[0][1]], last[inner[1][0]:inner[1][1]] if len(inner) == 2 else ""
        if len(inner) == 2 and not _TITLE_AND_RE.search(last) and not re.search(r"\bbetween\b", left) \
                and not re.match(r"\d", right) and not re.search(r"\d[\w-]*$", left) \
                and not _one_abbreviated_name(last[inner[0][0]:inner[0][1]], last[inner[1][0]:inner[1][1]]):
            det = re.match(r"(?:a|an|the)\s+", right)
            spans[-1:] = [(last_a + inner[0][0], last_a + inner[0][1]), (last_a + inner[1][0] + (det.end() if det else 0), last_a + inner[1][1])]
        elif len(inner) > 2:
            return whole
    if len(spans) < 2:
        return whole
    merged: list[list[int]] = []
    defining = False
    for a, b in spans:
        item = s[a:b].strip()
        if merged and (defining or _DEF_ITEM_RE.match(item) or re.search(r"\b(?:i\.?e|e\.?g|namely)\.?$", s[merged[-1][0]:merged[-1][1]])):
            merged[-1][1] = b  # 'X, defined as Y, Z and W': the rest defines X
            defining = True
        elif merged and _CONT_ITEM_RE.match(item):
            merged[-1][1] = b
        else:
            lead = re.match(r"(?:and\s+)", item)
            merged.append([a + (s[a:b].index(item) + lead.end() if lead else 0), b])
    items = [s[a:b].strip() for a, b in merged]
    if len(items) < 2:
        return whole
    first, rest = items[0], items[1:]
    # shared complement: 'nature, incidence, and severity of adverse events'
    if all(_words(x) <= 2 and not _PREP_RE.search(x) for x in items[:-1]) and _PREP_RE.search(items[-1]):
        return whole
    # shared head: 'change from baseline in callus hydration, elasticity, texture, and size' (a later item of one word that
    # does not start a measure of its own)
    if _PREP_RE.search(first) and any(_words(x) < 2 and not _HEAD_ITEM_RE.match(x) for x in rest):
        return whole
    if len(items) == 2 and (_words(first) < 2 or _words(rest[0]) < 2 or (_PREP_RE.search(first) and not _HEAD_ITEM_RE.match(rest[0]))):
        return whole  # 'anxiety and pain perception', 'use of the HHF and the wristband'
    return [(a, b) for a, b in merged]


def _split_primary(text: str, f: tuple) -> list[tuple]:
    """A primary-endpoint candidate split into the outcomes it lists (same kind and timepoint)."""
    start, end, name, kind, tp = f
    raw = text[start:end]
    if clean_phrase(raw) != name:
        return [f]
    items = _list_items(raw)
    if len(items) < 2:
        return [f]
    out = []
    for a, b in items:
        piece = raw[a:b]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if HEADING_OTHER_RE.match(piece) and re.match(r"(?:the\s+)?(?:key\s+)?secondary", piece, re.I):
            break  # 'X, secondary outcomes were Y'
        if re.search(r"\(\s*secondary\b|\bsecondary\s*\)", piece, re.I) or _CLAUSE_ITEM_RE.match(piece):
            continue  # 'X (primary) and FGF23 reduction (secondary)'; 'X, the determination of Y is crucial'
        if len(piece) >= 2:
            out.append((start + a + lead, start + a + lead + len(piece), clean_phrase(piece), kind, tp))
    return out or [f]


# what follows 'The primary outcome was' when it is a result or a method, not a name: 'was met by more patients',
# 'was significantly higher in ...', 'was analyzed using mixed models', 'was evaluated among ...'
NOT_A_NAME_RE = re.compile(
    r"^(?:met|achieved|reached|attained|not|no|significantly|statistically|analy[sz]ed|evaluated|assessed|measured|defined|compared|"
    r"similar|higher|lower(?!\s+(?:extremity|extremities|limbs?|back|urinary|respiratory|gastrointestinal|body|leg))|greater|better|worse|reduced|improved|increased|decreased|observed|seen|found|twice|available|different|"
    r"comparable|relevant|noted|associated|obtained|calculated|performed|determined|used|estimated|done|recorded|reported|positive|"
    r"(?:positive|negative)(?=\s*(?:$|[,;.]|for\b|in\b|and\b|results?\b|trial\b|study\b|findings?\b))|superior|inferior|non-?inferior|"
    r"after|before|during|in|at|for|by|this|these|that|which|also|likely|unchanged|changed|"
    r"study|trial|analysis|shown|demonstrated|identical|equal|based|expressed|tested|presented|given|examined|investigated|studied|"
    r"explored|considered|taken|chosen|selected|as|the\s+same|revealed|detected|identified|documented|discussed|"
    # 'patients were asked to assign preference to one of the treatments (primary endpoint)': what they did, not an outcome
    r"(?:asked|required|instructed|told|invited|encouraged|allowed)\s+to)(?![\w-])", re.I)
NOT_A_NAME_IN_RE = re.compile(r"^(?:\d+|one|two|three|four|six|twelve)[\s-]*(?:hours?|days?|weeks?|months?|years?)\W*$|\d\s*[\[(]\s*[-−–]?\d+(?:\.\d+)?\s*(?:,|to\b|[-−–])|\b[Pp]\s*[=<>≤]|\b\d+\s*%?\s*(?:CI|C\.I\.)\b|%\s*CI\b|\(\d+\s*(?:of|/)|^\W*[\d.,%\s]+\W*$|"
                             r"^\d[\d.,]*\s*(?:%|\(|(?:and|vs|of|to|patients|participants|subjects)\b)")
TRAILING_WORD_RE = re.compile(r"(?:\s+(?:of|the|for|with|to|in|by|and|or|through|among|from|at|a|an|as|=|was|were|is|within|after|during|over|until))+\W*$", re.I)
# 'Physical activity assessed at baseline and 12 and 24 months': the measure only
HOW_TAIL_RE = re.compile(r"\s+(?:assessed|measured|evaluated|recorded)\s+(?:at|using|with|on|in|every|before|after|by|over|during)\b.*$|\s+expressed\s+as\b.*$|"
                         r"\s+(?:calculated|derived|estimated|obtained)\s+(?:from|using|with|by)\b.*$", re.I | re.S)
# what follows a name and says how it was defined, measured or analysed, or what it is: 'overall survival, defined as time from
# randomisation until death, analysed by modified intention-to-treat', 'time-to-parasitaemia, assessed by TBS', 'PIVC failure, a
# composite measure of occlusion, ...', 'sFlt-1, an anti-angiogenic factor linked with ...', 'progressive intracranial haemorrhage
# (PIH) which was defined as ...', '... in the per-protocol population'
DEF_TAIL_RE = re.compile(
    r",\s+(?:as\s+)?(?:defined|measured|assessed|evaluated|analy[sz]ed|calculated|estimated|determined|expressed|derived|obtained|quantified|"
    r"confirmed|documented|adjusted|unadjusted|either|whether|reflecting|according|based|using|with|among|by|in\s+(?:both|all|the|each))\b.*$|"
    r",\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:composite|measure|marker|surrogate|indicator|factor|index|proxy|reflection)\b.*$|"
    r",\s+(?!(?:need|speed|feed|bleed|seed|breed)\b)[a-z]{2,}ed\s+(?:in|by|as|from|using)\b.*$|"
    r"\s+(?:which|that)\s+(?:was|were|is|are)\s+(?:defined|measured|assessed|evaluated|calculated|determined)\b.*$|"
    r"\s+(?:in|for|among)\s+(?:the|all)\s+(?:[\w-]+\s+){0,3}?(?:population|analysis\s+set)\b.*$", re.I | re.S)


def _cut_unbalanced(name: str) -> str:
    """'complete response (CR' -> 'complete response': a name that ended inside brackets loses the open bracket and what follows."""
    depth: list[int] = []
    for k, ch in enumerate(name):
        if ch in "([":
            depth.append(k)
        elif ch in ")]" and depth:
            depth.pop()
    return name[:depth[0]].rstrip(" ,;:") if depth else name


def _trim_primary(f: tuple, item: bool = False) -> tuple | None:
    """A primary-endpoint candidate with a dangling word cut ('death through' 90-day ...), or None when the
    words after 'The primary outcome was' are a result or a method rather than an outcome's name."""
    start, end, name, kind, tp = f
    # 'such as hospital stay', 'analysis of the time to viral rebound', '12 months for functional ability (primary outcome)'
    lead = re.match(r"(?:such\s+as|including|namely|analysis\s+of(?:\s+the)?|(?:\d+|one|two|three|six|twelve)[\s-]*(?:hours?|days?|weeks?|months?|years?)\s+(?:for|of|in))\s+",
                    name, re.I)
    if lead and len(name) - lead.end() >= 3:
        name, start = name[lead.end():], start + lead.end()
    how = HOW_TAIL_RE.search(name)
    if how and how.start() >= 3:
        name = name[:how.start()].rstrip(" ,;:")
        end = start + len(name) if end - start >= len(name) else end
    # 'the difference in the sum score calculated from this questionnaire, which was evaluated by ...': the clause ends the name
    # 'ICU length of stay, and secondary outcomes were lactates': the secondary ones are not part of it
    # 'progression-free survival and the method of analysis was intention-to-treat': a new clause ends the name
    rel = re.search(r"\s*,\s+(?:which|that|where|whereas|while)\b.*$|(?:,?\s+(?:and|while|whereas)|,)\s+(?:the\s+)?(?:key\s+)?secondary\s+(?:\w+\s+)?(?:outcomes?|end\s?-?points?|measures?|variables?)\b.*$|"
                    r",?\s+(?:and|but)\s+(?:the|a|an|its|their|our)\s+(?:[\w-]+\s+){0,5}?(?:was|were|is|are)\s.*$|[\s,;:]+$", name, re.S)
    if rel and rel.start() >= 3:
        name = name[:rel.start()]
        end = start + len(name) if end - start >= len(name) else end
    tail = DEF_TAIL_RE.search(name)
    if tail and tail.start() >= 3:
        name = name[:tail.start()]
        end = start + len(name) if end - start >= len(name) else end
    if (cut_name := _cut_unbalanced(name)) != name and len(cut_name) >= 3:
        name = cut_name
        end = start + len(name) if end - start >= len(name) else end
    cut = TRAILING_WORD_RE.search(name)
    if cut:
        name = name[:cut.start()].rstrip(" ,;:")
        end = start + len(name) if end - start >= len(name) else end
    # (an item of a list whose whole was read as a name may start with a participle: 'pain relief and improved physical function')
    if len(name) < 2 or (not item and NOT_A_NAME_RE.search(name)) or NOT_A_NAME_IN_RE.search(re.sub(r"^(?:a|an|the)\s+", "", name, flags=re.I)):
        return None
    return (start, end, name, kind, tp)


_STOP = {"the", "of", "a", "an", "and", "or", "in", "at", "to", "from", "for", "with", "by", "on", "between", "until", "as", "was",
         "were", "is", "be", "who", "that", "which", "than", "this", "its", "their", "self", "reported", "rate", "rates", "number",
         "proportion", "change", "changes", "patients", "participants"}


def _same_outcome(a: str, b: str) -> bool:
    """One primary outcome named twice ('continuous smoking abstinence from the target quit date until end of pregnancy' and
    'self reported continuous abstinence from smoking between quit date and end of pregnancy'): most content words shared."""
    wa = {w for w in re.findall(r"[a-z0-9]+", a.lower()) if w not in _STOP}
    wb = {w for w in re.findall(r"[a-z0-9]+", b.lower()) if w not in _STOP}
    small = min(len(wa), len(wb))
    return small >= 2 and len(wa & wb) / small >= 0.6


GENERIC_ALIASES = {"primary endpoint", "primary outcome", "primary end point"}


def _aliases(name: str, kind: str, abbrevs: dict[str, str]) -> list[str]:
    al = [name]
    m = re.match(r"^(?P<base>.*?)\s*\((?P<abbr>[A-Za-z][\w-]{1,12})\)\s*$", name)
    if m:
        al += [m.group("base"), m.group("abbr")]
    key = norm_key(name)
    for short, long in abbrevs.items():
        lk = norm_key(long)
        if lk in key and re.search(rf"(?<![\w-]){re.escape(lk)}(?![\w-])", key) or short in name and re.search(rf"\b{re.escape(short)}\b", name):
            al += [short, long]
    h = re.match(r"^(?:(?:a|an|the)\s+)?(?P<h>[\w-]+\s+[\w-]+)\s+(?:end\s?points?|outcomes?|events?)\b", name, re.I)
    if h:
        al.append(h.group("h"))
    if kind == "primary":
        al += ["primary endpoint", "primary outcome", "primary end point", "primary end-point"]
    out = []
    for a in al:
        a = clean_phrase(a)
        if a and a not in out:
            out.append(a)
    return out
