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
_MOD = r"(?:(?:study|trial|efficacy|effectiveness|safety|clinical|comparison|composite|combined|analysis|effect|immunogenicity|pharmacokinetic)\s+)?"
# one or two other words before the noun: 'Primary antiemetic efficacy variables were', 'The primary evaluation criterion was',
# 'Primary ocular end points included' (not 'primary care outcomes', 'primary and secondary outcomes', 'main secondary outcome')
_FREE_MOD = (r"(?:(?!(?:care|health|healthcare|school|schools|prevention|and|or|the|of|in|to|for|with|on|at|by|was|were|is|are|"
             r"secondary|tertiary|exploratory|other|outcomes?|end[- ]?points?)\b)[a-z][\w-]*\s+){1,2}?")
PRIMARY_COPULA_RE = re.compile(
    rf"\b{_PRIMARY}\s+(?:{_MOD}|{_FREE_MOD})(?:{_EP}|readouts?)(?:\s+(?:for|of|in)\s+(?:the|this)\s+(?:study|trial)|\s+(?:assessed|measured|used|evaluated)(?:\s+in\s+(?:the|this)\s+[\w-]+)?|"
    # 'The primary end-point of this randomized prospective multicentre trial was', 'The co-primary end-points in both studies were'
    r"\s+(?:of|in|for)\s+(?:this|these|both|all|each|our)\s+(?:[\w-]+\s+){0,6}?(?:study|studies|trials?)|"
    # 'The main outcomes recorded during 24 hours after surgery were', 'The primary outcomes being compared at baseline and ... were'
    r"\s+(?:being\s+)?(?:assessed|measured|used|evaluated|recorded|compared|examined|analy[sz]ed)\s+(?:in|at|during|over|after|for|on)\s+[^.;:]{1,80}?(?=\s+(?:was|were)\s)|"
    r"\s+(?:over|during|of|for)\s+(?![^.;,]{0,40}?\b(?:was|were|is)\s+(?:assessed|measured|evaluated|defined|used)\b)[^.;,()]{1,40}?)?(?:\s+(?P<cop>was|were|is|are|included|includes|include|comprised|concerned|consisted\s+of)|\s*(?P<colon>:))\s*:?\s+(?:(?:defined|measured|expressed|calculated)\s+as\s+)?(?:to\s+(?:assess|evaluate|determine|compare|investigate|examine)\s+)?(?:the\s+)?"
    r"(?P<name>[^.;]+?)(?=\s+(?:from\s+baseline|over|during|at|measured|assessed|evaluated)\b|[.;]|\s+\d)",
    re.I,
)
# an appositive that ends the sentence: 'Non-inferiority was based on the primary endpoint, the change from baseline to week 18 in
# the UPDRS total score.', 'assessed by the primary outcome measure, Mobilization-Observation-Behaviour-Intensity-Dementia-2 (MOBID-2) Pain Scale.'
PRIMARY_APPOS_END_RE = re.compile(
    rf"\b(?:on|to|by|with|of|using)\s+(?:the|their|our|its)\s+(?:two\s+)?{_PRIMARY}\s+{_MOD}{_EP},\s+(?P<name>(?:[^.;:]|\.\d){{3,200}}?)(?=\.(?:\s|$)|$)", re.I)
# 'HbA1c at 12 weeks was the primary outcome parameter.', 'X and Y were the main outcome measures.'
PRIMARY_INVERTED_RE = re.compile(
    rf"(?:^|(?<=[.:;]\s)|(?<=\n))(?P<name>[A-Z](?:[^.;:]|\.(?=\s[a-z])){{2,150}}?)\s+(?:was|were)\s+(?:the\s+|our\s+)?(?:(?:measured|used|chosen|examined|assessed|evaluated|defined|selected|considered)\s+as\s+)?"
    rf"(?:the\s+)?{_PRIMARY}\s+{_MOD}(?:efficacy\s+)?(?:end[- ]?points?|outcomes?(?:\s+(?:measures?|variables?|parameters?))?|variables?|parameters?|measures?|objectives?)\b")
# 'birth weight (primary outcome)', 'Overall response rate, the primary end point, was 27%'
_MARKED_NAME = r"(?:[^,;:().]|\.\d|\([^()]{1,30}\)(?=\s+\w))"
PRIMARY_MARKED_RE = (
    rf"(?:(?<=[,;:(])|(?<=\band\s)|(?<=\bfor\s)|(?<=\bof\s)|(?<=\bin\s)|(?:^|(?<=[.\n]\s)))\s*(?P<name>[A-Za-z]{_MARKED_NAME}{{2,@LEN@}}?)\s*"
    # '(primary outcome)', '(PCS, primary outcome)', '(primary)', '(primary outcome; median [IQR] ...)', '(HRQoL; the primary outcome)'
    rf"(?:\(\s*(?:[A-Za-z][\w-]{{1,15}}\s*[,;]\s*)?(?:the\s+)?{_PRIMARY}(?:\s+(?:efficacy\s+)?(?:end[- ]?point|outcome(?:\s+measure)?|variable|parameter)s?)?"
    rf"\s*(?:[;,][^()]{{0,80}})?\)|\[\s*the\s+{_PRIMARY}\s+(?:end[- ]?point|outcome)\s*\]|,\s+the\s+{_PRIMARY}\s+(?:efficacy\s+)?(?:end[- ]?point|outcome)(?:\s+measured)?,)")
# names up to 80 characters first (the earliest boundary word within them starts the name); a longer name only for a
# marker that the short pattern left without one ('Attention-Deficit/Hyperactivity Disorder Rating Scale IV (ADHD-RS-IV) total
# score changes from baseline (primary endpoint)')
PRIMARY_MARKED_LONG_RE = re.compile(PRIMARY_MARKED_RE.replace("@LEN@", "150"), re.I)
PRIMARY_MARKED_RE = re.compile(PRIMARY_MARKED_RE.replace("@LEN@", "80"), re.I)
# 'For the primary outcome of X', 'the primary efficacy outcome (death or recurrent MI)'
PRIMARY_OF_RE = re.compile(
    rf"\b{_PRIMARY}\s+(?:efficacy\s+)?(?:outcome|end[- ]?point)s?\s+(?:of\s+(?P<name>[^,;()]{{3,120}}?)(?=\s*[,;(]|\s+(?:was|were)\b)|"
    # 'on primary outcomes (infant HIV status at 6 weeks ...)', 'The primary endpoint [change from baseline in PEF]'
    rf"\((?P<name2>[^()]{{3,120}})\)|\[(?P<name3>[^\[\]]{{3,160}})\])", re.I)
# 'with body mass index (BMI) as the primary outcome'
# 'Postoperative pain as the primary outcome was assessed', '... recorded as the primary end point', 'the number of sickness
# absence days as the primary outcome', 'DSST-number of correct symbols as the prespecified primary end point'
PRIMARY_WITH_AS_RE = re.compile(
    rf"(?:\bwith\s+|(?<=\bincluded\s)|(?<=\bincluding\s)|(?<=\busing\s)|(?<=\bwere\s)|(?<=[.:;]\s)|^)(?P<name>[A-Za-z][^,;:().]{{1,80}}?(?:\s*\([^()]{{1,30}}\)(?:[^,;:().]{{1,40}}?)?)?)"
    rf"\s+(?:(?:was|were)\s+(?:recorded|chosen|used|selected|defined|designated|taken|compared\s+between\s+groups)\s+)?as\s+(?:the\s+|its\s+|a\s+)?"
    rf"(?:pre-?specified\s+)?{_PRIMARY}\s+(?:efficacy\s+)?(?:end[- ]?point|outcome|objective)s?\b", re.I | re.M)
# structured abstracts: 'MAIN OUTCOME MEASURES: X.' / 'Primary endpoint: X.'
PRIMARY_HEADING_RE = re.compile(
    r"(?:^|(?<=[.:\n]\s)|(?<=\n))(?:MAIN|PRIMARY|Main|Primary)\s+(?:OUTCOME|Outcome|outcome|END\s?POINT|End\s?point|end\s?point)S?s?"
    r"(?:\s+(?:MEASURES?|[Mm]easures?))?\s*:\s*(?!\s*(?:We\b|The\s+(?:co-?primary|primary|main)\b))(?P<name>[^.\n]{3,200})|"
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


def _scan(rx: re.Pattern[str], flow: str):
    """rx.finditer, except that after a 'primary outcome measure: X' match (which the caller may drop as a heading) the
    scan goes on inside it: 'Main outcome measures: The co-primary efficacy variables were X and Y'."""
    pos = 0
    while (m := rx.search(flow, pos)) is not None:
        yield m
        colon = "colon" in rx.groupindex and m.group("colon")
        pos = m.start("colon") + 1 if colon else max(m.end(), m.start() + 1)


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
    for rx in ((PRIMARY_APPOS_RE, PRIMARY_COPULA_RE) if has_primary else ()):
        for m in _scan(rx, flow):
            if rx is PRIMARY_COPULA_RE and m.group("colon") and (
                    re.search(r"(?:^|[.:;\n])\s*$", flow[max(0, m.start() - 30):m.start()]) or RESULT_SENTENCE_RE.search(m.group("name"))
                    or re.match(r"\s*\d+(?:\.\d+)?\s*[\[(]|\.\d", flow[m.end("name"):])):
                continue  # 'Primary outcome: X' at a sentence start is a heading (PRIMARY_HEADING_RE reads it); results ('endpoints: plaque 1.23 [')
            sent = sentence_at(m.start())
            gname = "name" if m.group("name") is not None else "name2"
            a, b = m.start(gname), m.end(gname)
            if rx is PRIMARY_COPULA_RE and len(m.group("name").split()) == 1:
                # 'The primary outcome was time during which ...': the name runs on to the clause end
                tail = re.match(r"[^.;]*?(?=\s*(?:[.;]|,\s+(?:and|which|as|with)\b|$))", flow[a:])
                b = a + len(tail.group(0)) if tail and len(tail.group(0)) <= 160 else b
            found.append((a, b, clean_phrase(doc.text[a:b]),
                          "primary", _timepoint(sent[sent.find(m.group(0)[:20]):] if sent else m.group(0))))
            if gname != "name":
                continue
            if rx is PRIMARY_COPULA_RE and re.match(r"\(?\s*[1a]\s*\)", flow[m.start("name"):]):
                # 'Primary end points were (1) ejection fraction ... and (2) myocardial vascularization'
                found.pop()
                end = flow.find(".", m.start("name"))
                seg = flow[m.start("name"):end if end > 0 else len(flow)]
                # also '1) functional disability, measured by ..., and 2) global pain'
                for it in re.finditer(r"(?:^|(?<=[\s,;]))\(?\s*(?:\d|[a-z])\s*\)\s*(?P<x>(?:[^()]|\([^()]*\))+?)"
                                      r"(?=\s*(?:[,;]\s*)?(?:and\s+)?(?:\(\s*(?:\d|[a-z])\s*\)|(?<![\w(])(?:\d|[a-z])\))|$)", seg):
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
    appos_end = has_primary and APPOS_END_CUE_RE.search(flow) is not None
    for m in (PRIMARY_APPOS_END_RE.finditer(flow) if appos_end else ()):
        name = m.group("name").strip()
        if (re.search(r"\b(?:was|were|is|are|had|has|have|did|does|showed|revealed|reached|remained|differed|found)\b", name, re.I)
                or RESULT_SENTENCE_RE.search(name) or re.match(r"(?:we|this|these|it|they|there|our)\b", name, re.I)):
            continue  # 'For the primary endpoint, the adjusted mean changes ... were -13.81': a result
        a = m.start("name")
        found.append((a, a + len(name), clean_phrase(doc.text[a:a + len(name)]), "primary", _timepoint(name)))
    for m in (PRIMARY_OF_RE.finditer(flow) if has_primary else ()):
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
        if 2 <= len(name) <= 120 and len(name.split()) <= 16 and not re.match(r"(?:we|this|these|it|they)\b", name, re.I):
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
            if rx is PRIMARY_HEADING_RE and RESULT_SENTENCE_RE.search(name):
                continue  # 'RESULTS: Primary outcome: Improvements in WMFT-FAS were significantly greater ...': a result
            parts = [(name, m.start(g))]
            if rx is PRIMARY_WITH_AS_RE:
                # 'These data included the number of sickness absence days as the primary outcome': the measure only
                lead = re.search(r"^.*\b(?:included|includes|including|were|was|are|is|comprised|recorded|using)\s+", name)
                if lead and len(name) - lead.end() >= 3:
                    parts = [(name[lead.end():], m.start(g) + lead.end())]
            if rx is PRIMARY_HEADING_RE:
                parts = [(p, m.start(g) + off) for p, off in _split_semicolons(name)]
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
    found = [f for f in (_trim_primary(f) if f[3] == "primary" else f for f in found) if f is not None]
    found.sort()
    if found and callable(abbrevs):
        abbrevs = abbrevs([re.sub(r"^(?:the|a|an)\s+", "", f[2], flags=re.I) for f in found])
    endpoints: list[Endpoint] = []
    for start, end, name, kind, tp in found:
        name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
        if not name:
            continue
        aliases = _aliases(name, kind, abbrevs)
        # the same endpoint found twice: its name (or its own short forms) among the other's aliases; two endpoints
        # that share an abbreviation ('malarial parasitaemia at week 4' and 'RT PCR positive malarial parasitaemia') are not
        core = set(map(norm_key, _aliases(name, kind, {}))) - GENERIC_ALIASES
        dup = next((e for e in endpoints if e.kind == kind and (core & set(map(norm_key, e.aliases))
                                                                or norm_key(e.name) in set(map(norm_key, aliases))
                                                                or (kind == "primary" and _same_outcome(name, e.name)))), None)
        if dup:
            continue
        endpoints.append(Endpoint(f"e{len(endpoints) + 1}", name, kind, tp, evidence(doc, start, end), aliases=tuple(aliases)))
    return endpoints


# what follows 'The primary outcome was' when it is a result or a method, not a name: 'was met by more patients',
# 'was significantly higher in ...', 'was analyzed using mixed models', 'was evaluated among ...'
NOT_A_NAME_RE = re.compile(
    r"^(?:met|achieved|reached|attained|not|no|significantly|statistically|analy[sz]ed|evaluated|assessed|measured|defined|compared|"
    r"similar|higher|lower(?!\s+(?:extremity|extremities|limbs?|back|urinary|respiratory|gastrointestinal|body|leg))|greater|better|worse|reduced|improved|increased|decreased|observed|seen|found|twice|available|different|"
    r"comparable|relevant|noted|associated|obtained|calculated|performed|determined|used|estimated|done|recorded|reported|positive|"
    r"negative|superior|inferior|non-?inferior|after|before|during|in|at|for|by|this|these|that|which|also|likely|unchanged|changed|"
    r"study|trial|analysis|shown|demonstrated|identical|equal|based|expressed|tested|presented|given|examined|investigated|studied|"
    r"explored|considered|taken|chosen|selected|as|the\s+same)(?![\w-])", re.I)
NOT_A_NAME_IN_RE = re.compile(r"\b[Pp]\s*[=<>≤]|\b\d+\s*%?\s*(?:CI|C\.I\.)\b|%\s*CI\b|\(\d+\s*(?:of|/)|^\W*[\d.,%\s]+\W*$|"
                             r"^\d[\d.,]*\s*(?:%|\(|(?:and|vs|of|to|patients|participants|subjects)\b)")
TRAILING_WORD_RE = re.compile(r"(?:\s+(?:of|the|for|with|to|in|by|and|or|through|among|from|at|a|an|as|=|was|were|is|within|after|during|over|until))+\W*$", re.I)
# 'Physical activity assessed at baseline and 12 and 24 months': the measure only
HOW_TAIL_RE = re.compile(r"\s+(?:assessed|measured|evaluated|recorded)\s+(?:at|using|with|on|in|every|before|after)\b.*$", re.I | re.S)


def _trim_primary(f: tuple) -> tuple | None:
    """A primary-endpoint candidate with a dangling word cut ('death through' 90-day ...), or None when the
    words after 'The primary outcome was' are a result or a method rather than an outcome's name."""
    start, end, name, kind, tp = f
    how = HOW_TAIL_RE.search(name)
    if how and how.start() >= 3:
        name = name[:how.start()].rstrip(" ,;:")
        end = start + len(name) if end - start >= len(name) else end
    # 'the difference in the sum score calculated from this questionnaire, which was evaluated by ...': the clause ends the name
    # 'ICU length of stay, and secondary outcomes were lactates': the secondary ones are not part of it
    rel = re.search(r"\s*,\s+(?:which|that|where|whereas|while)\b.*$|,?\s+(?:and|while|whereas)\s+(?:the\s+)?secondary\s+(?:\w+\s+)?(?:outcomes?|end\s?-?points?|measures?|variables?)\b.*$|[\s,;:]+$", name, re.S)
    if rel and rel.start() >= 3:
        name = name[:rel.start()]
        end = start + len(name) if end - start >= len(name) else end
    cut = TRAILING_WORD_RE.search(name)
    if cut:
        name = name[:cut.start()].rstrip(" ,;:")
        end = start + len(name) if end - start >= len(name) else end
    if len(name) < 2 or NOT_A_NAME_RE.search(name) or NOT_A_NAME_IN_RE.search(re.sub(r"^(?:a|an|the)\s+", "", name, flags=re.I)):
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
        if norm_key(long) in key or short in name and re.search(rf"\b{re.escape(short)}\b", name):
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
