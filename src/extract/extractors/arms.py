"""Arms and their sizes: `label (n = N)` mentions in text, arm columns of table headers, and
single-arm designs. Mentions in one sentence are distinct arms; later mentions attach to the
arm with the same n and a compatible role. Report what the text says (arm sizes need not sum to
the enrolment total)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..model import Arm, Document, Table
from ..parse.normalize import clean_phrase, flatten_exponent
from .common import Segment, cue_text, evidence, lacks_cues

from .numbers import ARM_PEOPLE, COUNT, COUNT_AHEAD, NUMBER_WORDS, to_int

PEOPLE = ARM_PEOPLE  # people and, since arms are read only in trial reports, the animals of an animal trial
# thousands grouped by a space ('n = 17 135', '53 456 women'): taken only where the size must end ('17 135)')
_SP = r"\d{1,3}(?:[ \u00a0\u2000-\u200a\u202f]\d{3})+(?!\d)"


def _int(s: str) -> int:
    return int(re.sub(r"\D", "", s))

# an arm size after its label: '(n = 54)', '(n=54; 67%)', '(102 patients)', ', n = 27'
_N = r"(?:\d{1,3}(?:,\d{3})+|" + _SP + r"(?=\s*[;,)])|\d+)(?!,?\d)"  # '1,665' whole, never '1' before a thousands comma
N_RE = re.compile(
    # an abbreviation may come first: '(Dex; 58 patients)', '(control, n=40)', '(SF; n = 18)'
    r"\(\s*(?:(?!(?:both|each|all)\b)[A-Za-z][\w-]{0,15}\s*[;,:]\s*)?n\s*=\s*(?P<n>" + _N + r")(?:\s+" + PEOPLE + r")?(?:\s+randomi[sz]ed)?\s*[;,):]|"
    r"\(\s*(?:(?!planned|target|expected|estimated|anticipated|sample|total|enrol)[A-Za-z][\w-]{0,15}(?:\s+[A-Za-z][\w-]{0,15}){0,2}\s*[;,:]\s*)?"
    # ('ES (38 subjects, median age of 51, 65.8% male)': a description after the size, in an allocation sentence)
    r"(?P<n2>" + _N + r")\s+" + PEOPLE + r"\s*(?:\)|(?P<desc2>[,;])(?=[^()]{1,80}\)))|(?<=[,;])\s*n\s*=\s*(?P<n3>" + _N + r")(?=\s*[;,)])|(?:(?<=group)|(?<=arm))\s+n\s*=\s*(?P<n5>" + _N + r")(?=\s*[;,)])|"
    # '(group L, 40 patients)': a group name and its size in one parenthesis
    r"\(\s*(?:group|arm)\s+[\w-]{1,12},\s*(?P<n6>" + _N + r")\s+" + PEOPLE + r"\s*\)",
    re.I,
)
# size then label: 'n = 9 intervention group', '17 Intervention Group and 22 Control Group participants'
# 'experimental condition (collaborative: n = 72; individualistic: n = 74)'
COLON_N_RE = re.compile(r"(?<=[(;,])\s*(?P<label>[A-Za-z][\w /+-]{1,40}?)\s*:\s*n\s*=\s*(?P<n>" + _N + r")\b", re.I)
N_LABEL_RE = re.compile(
    r"(?:(?P<eq>\bn\s*=\s*)|(?<![\w.,])(?=\d))(?P<n>" + _N + r")\s+(?P<label>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2}?\s+(?:group|arm))\b"
    r"(?P<people>\s+" + PEOPLE + r")?", re.I)
# labels that name the population, not an arm: 'Patients (n = 14)', 'eligible participants ... (N = 176)'
POPULATION_LABEL_RE = re.compile(r"^(?:(?:all|eligible|the|total|included|enrolled|randomi[sz]ed)\s+)*(?:[\w/-]+\s+){0,5}?" + PEOPLE + r"$", re.I)
# a bare size in an allocation sentence: 'allocated either to the early (53) or to the late (52) group'
BARE_N_RE = re.compile(r"(?<=[A-Za-z])\s*\((?P<n>\d{1,5})\)(?=\s*(?:,|or\b|and\b|vs\.?|versus\b|to\b|[\w\s-]{0,40}?group))")
# the last of a list of bare sizes: 'assigned to receive vitamin D (40) or placebo (40) supplements for 6 weeks'
BARE_LAST_RE = re.compile(r"(?<=[A-Za-z])\s*\((?P<n>\d{1,5})\)")
ALLOCATION_RE = re.compile(r"randomi[sz]|random|allocat|assign|divided", re.I)
# sizes with labels in one parenthesis: 'Forty-five subjects (30 CPA and 15 placebo)'
# a breakdown by sex, not arms: '(70 male and 90 female)', '(15 men, 25 women)', '(6 boys, 7 girls)'
SEX_LABEL_RE = re.compile(r"(?:(?:fe)?males?|(?:wo)?men|boys|girls|[MF])(?:\s+[a-z][\w-]*)?", re.I)
PAIR_RE = re.compile(r"\(\s*(?P<a>\d[\d,]*)\s+(?P<la>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2}?)\s*(?:,|\band\b|\bvs\.?)\s*(?P<b>\d[\d,]*|(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en))\s+(?P<lb>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2}?)\s*\)")
# an arm size before its label: '205 patients in the Charité group', '66 patients were treated with tape'
NUM_FIRST_RE = re.compile(
    COUNT_AHEAD + r"(?<![\w.,])(?<!\d[ \u00a0\u2000-\u200a\u202f])(?P<n>" + _SP + r"(?=\s+" + PEOPLE + r")|" + COUNT + r")\s+(?:" + PEOPLE + r"\s+)?"
    r"(?P<conn>(?:were\s+|had\s+been\s+|have\s+been\s+)?(?:randomly\s+|initially\s+|then\s+)?(?:randomi[sz]ed|allocated|assigned)\s+(?:to|into)|"
    r"were\s+(?:included|enrolled|placed)\s+in(?:to)?|(?:were\s+)?(?:in|into)|(?:were\s+)?(?:treated|managed)\s+with|received|receiving|"
    r"(?:were\s+)?given|(?:served\s+)?as|to|on|with|from)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?P<label>[^,;:.()]{2,80}?)(?=\s*(?:,|;|:|\.|\(|\)|\band\b|\bor\b|\bvs\.?|\bversus\b|\bwhile\b|\bwhereas\b|$))",
    re.I,
)
_RESP_NUMS = r"(?P<nums>\d+(?:\s*,\s*\d+)*,?\s*and\s+\d+)"
_RESP_HEAD = (r"(?<![\w.,])" + _RESP_NUMS + r"\s+(?:" + PEOPLE + r"\s+)?"
              r"(?:were\s+)?(?:randomi[sz]ed\s+to|allocated\s+to|assigned\s+to|received|receiving|in|to)\s+")
RESPECTIVELY_RE = re.compile(_RESP_HEAD + r"(?:the\s+)?(?P<labels>[^.;]{3,160}?),?\s+respectively", re.I)
# labels first: 'trained group (TG) and control group (CG), which included 19 and 18 women, respectively'
_RESP_AFTER_TAIL = (r"(?:which\s+|who\s+)?(?:included|comprised|consisted\s+of|contained|had|with)\s+" + _RESP_NUMS
                    + r"(?:\s+" + PEOPLE + r")?,?\s*respectively")
RESPECTIVELY_AFTER_RE = re.compile(r"(?P<labels>[A-Za-z][^.;:\d]{1,158}?[^\s.;:\d]),?\s+" + _RESP_AFTER_TAIL, re.I)
_RESP_PAREN_TAIL = r"\(\s*(?:n\s*=\s*)?" + _RESP_NUMS + r"(?:\s+" + PEOPLE + r")?,?\s*respectively\s*\)"
RESPECTIVELY_PAREN_RE = re.compile(r"(?P<labels>[A-Za-z][^.;()\d]{1,158}?[^\s.;()\d])\s*" + _RESP_PAREN_TAIL, re.I)
# the part of each pattern without its lazy label scan, itself part of every match: a window
# without it cannot hold a match, and the costly scan of that window is skipped
RESPECTIVELY_NEEDS = ((RESPECTIVELY_RE, re.compile(_RESP_HEAD, re.I)),
                      (RESPECTIVELY_PAREN_RE, re.compile(_RESP_PAREN_TAIL, re.I)),
                      (RESPECTIVELY_AFTER_RE, re.compile(_RESP_AFTER_TAIL, re.I)))
# two sizes in one parenthesis after two labels: 'drug and placebo groups (n = 12 vs 14)'
PAIR_N_RE = re.compile(
    r"(?P<labels>[A-Za-z][^.;()\d]{1,118}?[^\s.;()\d])\s*\(\s*n\s*=\s*(?P<a>\d[\d,]*)\s*(?:vs\.?|versus|and|/)\s*(?:n\s*=\s*)?(?P<b>\d[\d,]*)\s*\)", re.I)
EACH_RE = re.compile(
    r"\b(?P<k>two|three|four|five|six|[2-6])(?:\s+(?:equal\s+|parallel\s+|treatment\s+|study\s+|intervention\s+)?(?:groups|arms)|-(?:group|arm))\b"
    r"(?:\s*(?=\(\s*(?:n\s*=|each\b))|[^.;]{0,80}?)"
    r"(?:\(\s*(?:n\s*=\s*)?(?P<n>\d+)\s*(?:" + PEOPLE + r"\s*)?(?:(?:in|for)\s+)?each(?:\s+group|\s+arm)?\s*\)|(?P<n2>" + COUNT + r")\s+" + PEOPLE + r"\s+(?:in\s+)?each\b|"
    r"\bof\s+(?P<n3>\d+)\s+each\b|\s*\(\s*n\s*=\s*(?P<n4>\d+)\s*\)|\s+of\s+(?P<n5>" + COUNT + r")\s+" + PEOPLE + r"\b|"
    # 'four groups (each n=20)', 'three groups of twenty.'
    r"\s*\(\s*each\s*[:,]?\s*n\s*=\s*(?P<n7>\d+)\s*\)|"
    r"\bwith\s+(?P<n6>" + COUNT + r")\s+(?:" + PEOPLE + r"\s+)?(?:per|in\s+each)\s+(?:group|arm)\b)",
    re.I,
)
# 'divided into two (n = 30) groups', 'randomly assigned to three groups of twenty.'
K_N_GROUPS_RE = re.compile(r"\b(?P<k>two|three|four|five|six|[2-6])\s*(?:\(\s*n\s*=\s*(?P<n>\d+)\s*\)\s*(?:equal\s+)?(?:groups|arms)\b|"
                           r"\s(?:equal\s+)?(?:groups|arms)\s+of\s+(?P<n8>" + COUNT + r")(?=\s*[.;,](?!\d)|\s+each\b))", re.I)
_K = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# 'allocated to control group (CG), myopic defocus group (MDG) and hyperopic defocus group (HDG) (n = 17 per group)'
PER_GROUP_RE = re.compile(r"\(\s*n\s*=\s*(?P<n>\d+)\s*(?:" + PEOPLE + r"\s+)?(?:per|(?:in|for)\s+each|each)(?:\s+(?:group|arm))?\s*\)|"
                          r"\(\s*(?P<both>both|each)\s*[:,]?\s*n\s*=\s*(?P<nb>\d+)\s*\)", re.I)
BOUNDARY_RE = re.compile(
    r"(?:\b(?:randomi[sz]ed|assigned|allocated)\s+(?:\d\s?:\s?\d\s+)?to\s+(?:either\s+)?|(?<!addition\s)\bto\s+(?:either\s+)?|"
    r"\bversus\b|\bvs\.?|\bor\b|\band\b|\beither\b|[,:;(]|\bof\b|\breceiv(?:ed|ing)\b|\bwith\b|\bin\b(?!\s+addition\b)|\bthe\b|"
    r"\binto\b(?:\s+(?:an?|one\s+of)\b)?)\s*",  # 'divided into an exercise group (n = 14)' after '(40–60 y)'
    re.I,
)
# where the name before a parenthesised generic label starts (not inside it: 'methylprednisolone diluted in normal saline
# (Group MP, n = 55)' is no saline arm)
DESC_BOUNDARY_RE = re.compile(r"[,:;(]\s*|\b(?:or|and|either|versus|vs\.?|(?:randomi[sz]ed|assigned|allocated|divided|randomly\s+\w+)\s+(?:in)?to(?:\s+(?:either|an?|one\s+of))?|"
                              r"to(?=\s+(?:the|an?|either)\b))\s+", re.I)
QTY_PREFIX_RE = re.compile(r"^(?:\d+(?:\.\d+)?\s*(?:mL|ml|mg|µg|μg|mcg|g|IU)\s+|\d+(?:\.\d+)?\s*[×x]\s*10\s*\^?\d{1,2}\s+)")
DOSE_RE = re.compile(r"\d+(?:\.\d+)?\s*[×x]\s*10\s*\^?[⁰¹²³⁴⁵⁶⁷⁸⁹\d]{1,2}\s*[A-Za-z][\w-]*|"
                     r"\d+(?:\.\d+)?\s*(?:mg|µg|μg|mcg|g|IU|units?)(?:/kg|/m2|/day)?\b")
ROUTES = {
    "intracoronary": r"intra-?coronary", "intramyocardial": r"intra-?myocardial", "intravenous": r"intra-?venous(?:ly)?|\bi\.v\.",
    "oral": r"\boral(?:ly)?\b", "subcutaneous": r"sub-?cutaneous(?:ly)?", "intramuscular": r"intra-?muscular(?:ly)?",
    "transendocardial": r"trans-?endocardial", "intrathecal": r"intra-?thecal", "topical": r"\btopical(?:ly)?\b",
    "inhaled": r"\binhaled\b|\binhalation\b", "intranasal": r"intra-?nasal",
}
PLACEBO_RE = re.compile(r"placebo|saline|sham|vehicle|dummy", re.I)
# ('conventional care alone', 'routine care'; 'no supplementation', 'without sedation': an arm that gets nothing)
CONTROL_RE = re.compile(r"\bcontrols?\b|(?:usual|conventional|routine|regular)\s+care|standard (?:of )?care|no treatment|observation", re.I)
NOTHING_RE = re.compile(r"\s*(?:no|without)\s+(?!(?:[\w-]+\s+)?(?:plus|and|with)\b)[a-z]", re.I)
# 'X alone', 'X only': the base treatment of an add-on comparison ('chemotherapy alone' beside 'chemotherapy plus
# bevacizumab'; 'EAP alone' beside 'tCBT+EAP')
ALONE_RE = re.compile(r"\b(?:alone|only)$", re.I)
# a role word in the parenthesis right after an arm's name: 'patient education only (control group) (n = 38)'
ROLE_NOTE_RE = re.compile(r"(?:the\s+)?(?:controls?|control\s+(?:group|arm|condition)|usual[- ]care(?:\s+group)?|"
                          r"(?:wait(?:ing)?[- ]?list)(?:\s+control)?(?:\s+group)?|placebo(?:\s+group)?|sham(?:\s+group)?)", re.I)
INTERVENTION_RE = re.compile(
    r"\b(?:administration|infusion|injection|transplantation|implantation|treatment)s?\s+of\s+"
    r"(?P<x>[^.;,]+?(?:\([^()]*\))?)(?=\s+(?:as|in|into|to|for|via|during|at|on)\b|[.;,])",
    re.I,
)


@dataclass
class Mention:
    label: str  # cleaned label as written
    n: int
    start: int
    end: int
    source: str  # text | table
    sentence: int
    dose: str | None = None
    route: str | None = None
    context: str = ""  # the words around the mention (for the arm's role)
    note: str = ""  # a role word in a parenthesis right after the label ('control group')
    desc: str = ""  # the name a generic label is given for ('the control group (group C, n = 16)' -> 'control group')


_ROUTE_RES = {name: re.compile(pat, re.I) for name, pat in ROUTES.items()}


def _route(s: str) -> str | None:
    for name, pat in _ROUTE_RES.items():
        if pat.search(s):
            return name
    return None


# a lower-case word each route's pattern needs (so a text without it is not scanned for that route)
_ROUTE_CUES = {"intracoronary": ("coronary",), "intramyocardial": ("myocardial",), "intravenous": ("venous", "i.v."),
               "oral": ("oral",), "subcutaneous": ("cutaneous",), "intramuscular": ("muscular",),
               "transendocardial": ("endocardial",), "intrathecal": ("thecal",), "topical": ("topical",),
               "inhaled": ("inhal",), "intranasal": ("nasal",)}


def doc_routes(mt: str) -> set[str]:
    low = cue_text(mt)
    return {name for name, pat in _ROUTE_RES.items() if not lacks_cues(low, _ROUTE_CUES[name]) and pat.search(mt)}


# 'traditional' of a healing tradition ('Thai traditional massage', 'traditional Chinese medicine') is the experiment
ACTIVE_CONTROL_RE = re.compile(r"\b(?:standard|conventional|usual|routine|current|(?<!Thai\s)(?<!Chinese\s)(?<!Korean\s)traditional"
                               r"(?!\s+(?:Chinese|Korean|Thai|Persian|Japanese|Indian|herbal|medicine|massage|acupuncture)))\b(?!\s+care)", re.I)
COMPARATOR_RE = re.compile(r"\b(?:compared\s+(?:with|to)|comparison\s+with|versus|vs\.?|than)\s+(?:(?:the|an?)\s+)?(?P<x>[A-Za-z][\w-]+)", re.I)


ANALYSIS_SET_RE = re.compile(r"\b(?:analysis\s+(?:set|population|sample)|(?:ITT|intention[- ]to[- ]treat|per[- ]protocol|safety|"
                             r"efficacy|evaluable|completers?)\s+(?:set|population|analysis|sample|cohort)|completers|tertiles?|quartiles?|"
                             r"quintiles?|subgroups?|subsets?|sub-?cohorts?|data)\b", re.I)
# a group and its size in words: 'group I included 100 patients', 'group 1, with 20 patients who underwent ...',
# 'The first group of thirty patients was given ...', 'Group A: This group of 15 patients was treated with ...'
GROUP_SIZE_RE = re.compile(
    r"\b(?P<label>(?:[Gg]roup|GROUP|[Aa]rm)\s+(?:[A-Z]{1,3}|[IVX]{1,4}|\d)\b|(?:[Tt]he\s+)?(?:first|second|third|fourth)\s+group)"
    r"(?:\s*\([^()]{1,20}\))?\s*(?:,\s*|:\s*(?:[Tt]his\s+group\s+)?)?(?:included|includes|comprised|consisted\s+of|contained|with|of|had)\s+"
    r"(?P<n>" + COUNT + r")\s+(?:[\w-]+\s+)?" + PEOPLE + r"\b")
ADD_ON_RE = re.compile(r"\b(?:in\s+addition\s+to|added\s+to|on\s+top\s+of|plus)\s+(?:the\s+)?(?:usual|standard|routine|conventional)\b", re.I)


# a generic label inside a parenthesis that follows what the arm got: 'or saline (CON group, n = 30)'
PAREN_OF_PLACEBO_RE = re.compile(r"(?<!\bof\s)(?<!\bin\s)(?<!\binto\s)(?<!\bwith\s)\b(?:saline|vehicle|sham|placebo)\s*\([^()]*$", re.I)
PAREN_OF_STANDARD_RE = re.compile(r"\b(?:standard|usual|conventional|routine)\b(?:\s+[\w-]+){0,3}\s*\([^()]*$", re.I)
GENERIC_LABEL_RE = re.compile(r"(?:group|arm)\s*[-\w]{1,4}|[-\w]{1,6}[- ]?(?:group|arm)|(?:first|second|third|fourth|last)\s+(?:group|arm)", re.I)
# what a generically named group got: 'Group C received placebo', 'the second group was given 5% dextrose water'
GOT_RE = r"\s*(?:\([^()]{0,30}\)\s*)?[,:]?\s*(?:\w+\s+)?(?:received|receiving|was\s+given|were\s+given|got|was\s+treated\s+with|were\s+treated\s+with|took|underwent)\s+(?:(?:the|a|an|same|equal|equivalent|identical|matching|volume|amount|dose|of|normal|isotonic|\d[\w%.,/]*|cc|ml|mL)\s+){0,6}?"
# 'Group N (n = 45) with normal saline' ('with' right after the name and its size: not 'compared with the placebo')
GOT_WITH_RE = r"\s*(?:\([^()]{0,30}\)\s*)?,?\s*with\s+(?:(?:the|a|an|same|equal|equivalent|identical|matching|volume|amount|dose|of|\d[\w%.,/]*|cc|ml|mL)\s+){0,6}?"
GOT_AFTER_RE = re.compile(r"(?:" + GOT_RE + r"|" + GOT_WITH_RE + r")(?P<cue>[A-Za-z][\w-]*(?:\s+[\w-]+)?)", re.I)
TREATED_IN_AFTER_RE = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:was|were)\s+treated\s+in\s+(?:the\s+|a\s+)?(?P<cue>[\w-]+\s+(?:way|manner))", re.I)
IN_GROUP_AFTER_RE = re.compile(r"\b\s*,\s*(?P<cue>[A-Za-z][\w-]*(?:\s+[\w-]+)?)")
IN_BEFORE_RE = re.compile(r"\bIn\s+(?:the\s+)?$", re.I)
GOT_OBJECT_AFTER_RE = re.compile(GOT_RE + r"(?:[\d.,]+\s*(?:mg|µg|μg|mcg|g|ml|mL|IU|units?)(?:/kg)?\s+(?:of\s+)?)?(?P<x>[A-Za-z][\w-]{2,})", re.I)


def _key_re(label: str) -> re.Pattern[str]:
    """A generic label as a pattern: 'group C' also as 'Group-C', 'groupC'."""
    return re.compile(r"\b" + r"\s*".join(re.escape(w) for w in re.split(r"[\s-]+", label.strip())) + r"\b", re.I)


GOT_CUE_RE = re.compile(r"(?P<p>placebo|saline|NaCl|sham|dextrose|vehicle|distilled\s+water)|(?P<c>no\s+(?:treatment|intervention|drug)|nothing|only\s+(?:the\s+)?(?:usual|standard|routine)|"
                        r"(?:normal|usual|routine|standard)\s+(?:way|manner|care|practice))|"
                        r"(?P<a>standard|usual|conventional|routine)", re.I)


def role_from_text(label: str, flow: str) -> str | None:
    """The role a generic label ('group 2', 'CON group') gets from what the text says that group received."""
    if not GENERIC_LABEL_RE.fullmatch(label.strip()):
        return None
    keys = list(_key_re(label).finditer(flow))
    # (the label's own small pattern finds it; what follows is read by patterns compiled once: a pattern per label and
    # document would be compiled anew each time and crowd the re module's cache)
    m = next((x for x in (GOT_AFTER_RE.match(flow, k.end()) for k in keys) if x), None) \
        or next((x for x in (TREATED_IN_AFTER_RE.match(flow, k.end()) for k in keys) if x), None) \
        or next((x for x in (IN_GROUP_AFTER_RE.match(flow, k.end()) for k in keys
                             if IN_BEFORE_RE.search(flow, max(0, k.start() - 12), k.start())) if x), None)
    if not m:
        return None  # ('Group II was treated in normal way'; 'In Group B, conventional pulpectomy was performed')
    c = GOT_CUE_RE.search(m.group("cue"))
    if not c:
        return None
    return "placebo" if c.group("p") else "control" if c.group("c") else "active-control"


# what an inert comparator is made of: '1 and 2 ml of 0.9% NaCl', 'the same volume of normal saline', '5% dextrose water'
INERT_CORE = {"saline", "nacl", "placebo", "sham", "dextrose", "vehicle"}
INERT_WORDS = INERT_CORE | {"normal", "isotonic", "physiological", "physiologic", "sodium", "chloride", "solution", "water", "distilled",
                            "sterile", "of", "and", "the", "a", "an", "same", "volume", "equal", "equivalent", "amount", "identical",
                            "matching", "ml", "mL", "cc", "l", "iv", "intravenous", "intravenously", "infusion", "injection", "bolus", "only"}


def _got_only_inert(label: str, flow: str) -> bool:
    """Whether the text gives a generically named group only an inert substance, written before its name in a
    parenthesis: 'treated intravenously with 1 and 2 ml of 0.9% NaCl (group C); or 2 ml of ramosetron ... (group R)'."""
    if not GENERIC_LABEL_RE.fullmatch(label.strip()) or lacks_cues(cue_text(flow), ("saline", "nacl", "placebo", "sham", "dextrose", "vehicle")):
        return False
    key = r"\s*".join(re.escape(w) for w in re.split(r"[\s-]+", label.strip()))
    for m in re.finditer(r"\(\s*" + key + r"\s*\)", flow, re.I):
        back = flow[max(0, m.start() - 120):m.start()]
        cuts = [b.end() for b in re.finditer(r"[;:(),]|\b(?:or|with|received|receiving|given|versus|vs)\b", back, re.I)]
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", back[cuts[-1] if cuts else 0:])]
        return bool(words) and set(words) <= {w.lower() for w in INERT_WORDS} and bool(set(words) & INERT_CORE)
    return False


def role_from_abbreviation(label: str, flow: str) -> str | None:
    """The role of an arm named by an abbreviation from the words the text defines it with:
    'C-ARM' after 'conventional schedule (C-ARM)', 'CG' after 'usual care group (CG)'."""
    ab = next((w for w in re.findall(r"[A-Za-z][\w-]*", label) if sum(c.isupper() for c in w) >= 2 and len(w) <= 10), None)
    if ab is None:
        return None
    d = re.search(r"\(\s*" + re.escape(ab) + r"\s*[),;]", flow)  # the parenthesis first, then the words before it
    if not d:
        return None
    words = re.findall(r"[A-Za-z][\w-]*", flow[max(0, d.start() - 60):d.start()].split(")")[-1])
    if not words:
        return None
    x = " ".join(words[-3:])
    x = re.sub(r"^(?:no|without)\s+", "", x, flags=re.I)  # 'but no single-pill combination (SPC)' defines the SPC
    role = role_of([x])
    return role if role != "experimental" else None


# saline or dextrose as the diluent of a drug: 'methylprednisolone 125 mg diluted into 2 ml of normal saline (Group MP, n = 55)'
DILUENT_RE = re.compile(r"\b(?:dilut|dissolv|mixed|reconstitut|made\s+up)\w*\b[^()]{0,40}?\b(?:saline|dextrose|water)\b", re.I)


def role_of(labels: list[str], context: str = "") -> str:
    joined = " ".join(labels)
    if PLACEBO_RE.search(joined) or (re.search(r"\b(?:normal\s+saline|dextrose|sham|placebo)\b", context, re.I)
                                     or PAREN_OF_PLACEBO_RE.search(context)) and not DILUENT_RE.search(context):
        return "placebo"
    if ADD_ON_RE.search(joined):
        return "experimental"  # 'reiki sessions in addition to usual care': the added treatment is the experiment
    if CONTROL_RE.search(joined) or any(NOTHING_RE.match(x) for x in labels) or re.search(r"\(\s*(?:controls?|usual\s+care|no\s+treatment)\s*[;,:]\s*n\s*=", context, re.I):
        return "control"  # 'standard of care (controls, n=5)'
    if ACTIVE_CONTROL_RE.search(joined) or PAREN_OF_STANDARD_RE.search(context) or any(ALONE_RE.search(x.strip()) for x in labels):
        return "active-control"
    return "experimental"


# a label that names a study ('the initial BBIC study', 'Experiment 2'), and a size followed by what the study was
STUDY_NAME_RE = re.compile(r"\b(?!(?:the|this|our|a|an)\b)[\w-]+\s+(?:stud(?:y|ies)|trials?)$|^(?:experiment|study|trial)\s+(?:\d+|[IVX]+|[A-Z])$", re.I)
STUDY_AFTER_RE = re.compile(r"\)?\s*(?:was|is)\s+(?:an?|the)\s+[^.;]{0,120}?\b(?:trial|study)\b", re.I)
# a note that opens a parenthesis, not an arm's name: '3x/wk', 'mean age 54 years', '20 mg escitalopram/day'
THRESHOLD_LABEL_RE = re.compile(r"[<>≤≥]\s*\d")
# a label that is a clause (a finite 'was'/'were') or a distributive ('each resident's ...'), not an arm's name
CLAUSE_LABEL_RE = re.compile(r"\b(?:was|were)\b|^(?:each|every)\b", re.I)
# ... unless the clause allocates: 'women were studied as oestradiol (N = 47)', 'were randomised to budesonide (n = 92)'
ALLOCATED_AS_RE = re.compile(r"\b(?:was|were)\s+(?!(?:classified|categori[sz]ed|stratified|grouped)\b)(?:[\w-]+\s+){0,2}?(?:as|to|into|with|for)\s+(?!(?:be|have|eligibility|inclusion)\b)", re.I)
# (a result is no note: '(38.6%, n = 88)', '(≥ 50 ml/min; n = 10)' stay unread)
NOTE_RE = re.compile(r"^(?![^%=<>≤≥\[\]]*[%=<>≤≥\[\]])(?:\d|(?:mean|median|aged?|range)\b|.*\d\s*(?:x|×|times)\s*/\s*(?:wk|week|day|d)\b)", re.I)


def _label_ok(label: str) -> bool:
    """A name the text gives an arm, not a result fragment, a population or a group count."""
    if not label or re.search(r"%|=|\b[Pp]\s*[<>=]", label) or re.match(r"[+±-]?\d", label) or not re.search(r"[A-Za-z]{2}", label):
        return False
    if POPULATION_LABEL_RE.match(label) and not re.search(r"group|arm|placebo|control", label, re.I):
        return False
    return not re.search(r"\b(?:groups|arms)$", label, re.I) and not ANALYSIS_SET_RE.search(label)


_DEPTH = {")": 1, "(": -1}


def text_mentions(flow: str, sents: list[Segment]) -> list[Mention]:
    out: list[Mention] = []
    prev_end = 0
    for m in N_RE.finditer(flow):
        si = _sentence_of(sents, m.start())
        if m.group("desc2") and (not ALLOCATION_RE.search(flow, sents[si].start if si >= 0 else max(0, m.start() - 300), m.start())
                                 or re.search(r"\b(?:(?:fe)?males?|(?:wo)?men|boys|girls)\s*[,;]$", m.group(0), re.I)
                                 or re.match(r"\s*\d+(?:\.\d+)?\s*%", flow[m.end():])):
            # '(38 subjects, median age ...)' outside an allocation sentence (a described subgroup or an outcome count), a
            # breakdown by sex ('(18 males, 57 females)') or a share ('(740 women, 94.0%)')
            continue
        lo = max(prev_end, sents[si].start if si >= 0 else 0, m.start() - 160)
        window = flow[lo:m.start()].rstrip().rstrip(",;").rstrip()
        parens: list[str] = []
        while window.endswith(")"):
            depth, k = 0, len(window) - 1
            while k >= 0:
                depth += _DEPTH.get(window[k], 0)
                if depth == 0:
                    break
                k -= 1
            if k < 0:
                break
            parens.append(window[k + 1:-1])
            window = window[:k].rstrip()
        cut = 0
        for b in BOUNDARY_RE.finditer(window):
            cut = b.end()
        raw = window[cut:].strip()
        lm = re.match(r"(?:\(?\d\)|[a-e]\))\s+(?=[A-Za-z])", raw)
        if lm:  # an enumerated list: '(1) hypocaloric diet enriched with legumes (HDEL) (n = 17) and (2) ...'
            cut += window[cut:].index(raw) + lm.end()
            raw = raw[lm.end():]
        prev_end = m.end()
        if m.group("n3") and NOTE_RE.search(raw) and re.search(r"\(\s*$", window[:cut]):
            # a note opens the parenthesis: 'resistance training (3x/wk, n=13)', 'SSRI (20 mg escitalopram/day, n = 21)':
            # the arm is named before it (kept only when that name is a label)
            w2 = window[:cut].rstrip()[:-1].rstrip()
            cut2 = 0
            for b in BOUNDARY_RE.finditer(w2):
                cut2 = b.end()
            raw2 = w2[cut2:].strip()
            if raw2 and len(raw2.split()) <= 10 and _label_ok(clean_phrase(raw2)):
                parens.append(raw)
                window, cut, raw = w2, cut2, raw2
            elif not re.match(r"\d+(?:\.\d+)?\s*(?:mg|µg|μg|mcg|g|IU|ml|mL|units?)\b", raw):
                prev_end = m.end()
                continue  # 'postmenopausal women (mean age 54 years; n = 20)': a described population, no arm
        if not raw or len(raw.split()) > 10:
            continue
        desc = ""
        if GENERIC_LABEL_RE.fullmatch(raw) and re.search(r"\(\s*$", window[:cut]):
            # a generic label inside the parenthesis after the arm's name: 'randomized either to a control group (group C,
            # n = 16) or to an intervention group (group I, n = 17)', 'dexamethasone 8 mg (Group D, n = 57)'
            w2 = window[:cut].rstrip()[:-1].rstrip()
            cut2 = 0
            for b in DESC_BOUNDARY_RE.finditer(w2):
                cut2 = b.end()
            d = re.sub(r"^(?:not\s+)?(?:to\s+)?(?:receive|receiving|be\s+given|undergo|undergoing)\b\s*", "", _clean_label(w2[cut2:]), flags=re.I)
            if d and len(d.split()) <= 8 and _label_ok(d) and not GENERIC_LABEL_RE.fullmatch(d) and not re.match(r"[\d.]", d):
                desc = d
                dstart = lo + cut2 + len(w2[cut2:]) - len(w2[cut2:].lstrip())
        dose = None
        q = QTY_PREFIX_RE.match(raw)
        label = raw[q.end():] if q else raw
        if q and re.search(r"[×x]\s*10", q.group(0)):
            dose = flatten_exponent(raw)
        for p in parens:
            dm = DOSE_RE.search(p)
            if dm and dose is None:
                dose = flatten_exponent(dm.group(0))
        label = clean_phrase(label)
        dose_label = re.match(r"\d+(?:\.\d+)?\s*(?:mg|µg|μg|mcg|g|IU|ml|mL|units?)(?:/kg|/day|/m2)?\b", label)
        if re.search(r"%|=|\b[Pp]\s*[<>=]", label) or (re.match(r"[+±-]?\d", label) and not dose_label and not re.fullmatch(r"\d+(?:\.\d+)?-[A-Za-z][\w-]*", label)) \
                or not re.search(r"[A-Za-z]{2}", label):  # ('the 30-Hz (n=11) and 50-Hz (n=11) groups' are names)
            continue  # a result fragment ('+5.3% p = 0.04; n = 10'), not an arm label
        if CLAUSE_LABEL_RE.search(label):
            # a clause runs up to the parenthesis: 'Participants were classified ... as low (n = 31)', 'Patients were
            # randomized (N = 260)', 'each resident's clinical performance (n = 26)': an arm only when the parenthesis
            # names it itself ('Fifty-seven subjects were assessed for CTT (placebo, n = 28; ...)') or the clause
            # allocates ('outcomes were analyzed for laparotomy (n = 49)')
            own = re.match(r"\(\s*(?P<x>[A-Za-z][\w-]{0,15})\s*[;,:]", m.group(0))
            if own and not re.fullmatch(r"(?:n|total|mean|median|age|range|all)", own.group("x"), re.I):
                label = own.group("x")
            elif not ALLOCATED_AS_RE.search(label):
                continue
        if not label or POPULATION_LABEL_RE.match(label) and not re.search(r"group|arm|placebo|control", label, re.I):
            continue
        if (re.search(PEOPLE, label, re.I) and re.search(r"\b(?:aged?|years?|yrs?|yr|old)\b|[<>≤≥]", label)
                or re.search(r"\b(?:year|month|week)-olds?\b", label, re.I)) and not re.search(r"group|arm", label, re.I):
            continue  # 'Normo-ovulatory women age <39 yr (n=213)', '17-year-olds (N = 699)': the population
        if STUDY_NAME_RE.search(label) or STUDY_AFTER_RE.match(flow, m.end()):
            continue  # 'TIOSPIR (n=17 135) was an international, randomised trial', 'the initial BBIC study': a study, not an arm
        if re.fullmatch(NUMBER_WORDS, label, re.I) and re.match(r"\s*(?:groups|arms)\b", flow[m.end():], re.I):
            continue  # 'divided into two (n = 30) groups': sizes per group, handled by _each
        if re.search(r"\b(?:groups|arms)$", label, re.I):
            continue  # 'divided into three groups (n = 30)': sizes per group, handled by _each
        if ANALYSIS_SET_RE.search(label):
            continue  # 'full analysis set (n = 130)', 'per-protocol population (n = 98)': an analysed population
        start = dstart if desc else lo + window.index(raw, cut) if raw else m.start()
        n = _int(m.group("n") or m.group("n2") or m.group("n3") or m.group("n5") or m.group("n6"))
        label = re.sub(r"^(?:an?|the)\s+(?=[A-Za-z])", "", label, flags=re.I)  # ('a control group (n = 40)')
        out.append(Mention(label, n, start, m.end(), "text", si, dose, _route(raw + " " + " ".join(parens)),
                           context=window + " " + " ".join(parens) + " " + m.group(0),
                           note=next((p.strip() for p in parens if ROLE_NOTE_RE.fullmatch(p.strip())), ""), desc=desc))
    out += _respectively(flow, sents, out)  # before _num_first: '19 and 13 patients received X or Y, respectively'
    out += _colon_n(flow, sents, out)
    out += _n_label(flow, sents, out)
    out += _bare_and_pairs(flow, sents, out)
    out += _group_size(flow, sents, out)
    out += _num_first(flow, sents, out)
    out += _each(flow, sents, out)
    # an arm of one or two is a count of events or reasons ('headache (n = 2)', 'lactic acidosis, n = 1',
    # 'two individuals in the control group') or a number that names something ('levamisole 2.5 mg kg-1 day-1 given for');
    # a label with a threshold is a subgroup ('MELD < 28 (n = 120)', 'RHI ≤ 1.67; n = 14', '<15 weeks (n = 353)'), unless it
    # names a dose ('clopidogrel 600 mg >6 h before CAG; n = 513')
    for m in out:
        m.label = re.sub(r"^(?:(?:while|whereas|or|and)\s+)?(?:(?:an?|the)\s+(?=[A-Za-z]))?", "", m.label, flags=re.I) or m.label  # ('while group KM')
    return [m for m in out if m.n >= 3 and not (THRESHOLD_LABEL_RE.search(m.label) and not DOSE_RE.search(m.label))]


def _colon_n(flow: str, sents: list[Segment], have: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in COLON_N_RE.finditer(flow):
        if _overlaps(have + out, m.start(), m.end()):
            continue
        label = _clean_label(m.group("label"))
        if label and not POPULATION_LABEL_RE.match(label) and not re.search(r"\b(?:total|mean|age|median)\b|^(?:both|each|all)$", label, re.I):
            out.append(Mention(label, _int(m.group("n")), m.start("label"), m.end(), "text", _sentence_of(sents, m.start())))
    return out


def _n_label(flow: str, sents: list[Segment], have: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in (() if lacks_cues(cue_text(flow), ("group", "arm")) else N_LABEL_RE.finditer(flow)):
        if _overlaps(have + out, m.start(), m.end()):
            continue
        label = _clean_label(m.group("label"))
        if re.match(r"(?:each|both|all|the|two|three|four|per)\b", label, re.I) or re.search(
                r"\b(?:in|for|of|per|at|on|with|min|minutes?|hours?|days?|weeks?|months?|years?|events?|SAEs?|AEs?)\b", label, re.I):
            continue
        if not m.group("eq") and not m.group("people") and not label[0].isupper():
            continue
        if re.match(r"(?:IU|mg|µg|μg|mcg|g|ml|mL|units?|mmol|Gy|cGy|kcal)\b", label):
            continue  # '800 IU group' names a dose, the number is not the arm's size
        out.append(Mention(label, _int(m.group("n")), m.start(), m.end(), "text", _sentence_of(sents, m.start())))
    return out


def _bare_and_pairs(flow: str, sents: list[Segment], have: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in PAIR_RE.finditer(flow):
        if _overlaps(have + out, m.start(), m.end()) or SEX_LABEL_RE.fullmatch(m.group("la")) or SEX_LABEL_RE.fullmatch(m.group("lb")):
            continue
        si = _sentence_of(sents, m.start())
        for n, lab in ((m.group("a"), m.group("la")), (m.group("b"), m.group("lb"))):
            # ('Nineteen children (16 on nevirapine and three not on ART)')
            if not re.search(r"%|\b(?:years?|months?|weeks?|days?|mg|ml|kg|IU)\b", lab, re.I) and to_int(n):
                out.append(Mention(_clean_label(lab), to_int(n), m.start(), m.end(), "text", si))
    for m in BARE_N_RE.finditer(flow):
        si = _sentence_of(sents, m.start())
        sent = flow[sents[si].start:sents[si].end] if si >= 0 else ""
        if not ALLOCATION_RE.search(sent) or _overlaps(have + out, m.start(), m.end()):
            continue
        lo = max(sents[si].start if si >= 0 else 0, m.start() - 80, max((x.end for x in out + have if x.end <= m.start()), default=0))
        window = flow[lo:m.start()]
        cut = 0
        for b in BOUNDARY_RE.finditer(window):
            cut = b.end()
        label = _clean_label(window[cut:])
        if label and len(label.split()) <= 6:
            out.append(Mention(label, int(m.group("n")), lo + cut, m.end(), "text", si))
            # the next bare size after 'or'/'and'/'versus' closes the list
            nxt = BARE_LAST_RE.search(flow, m.end(), min(len(flow), m.end() + 90, sents[si].end if si >= 0 else len(flow)))
            if nxt and not _overlaps(have + out, nxt.start(), nxt.end()):
                between = flow[m.end():nxt.start()]
                if re.match(r"\s*(?:,\s*)?(?:or|and|versus|vs\.?)\s+(?:to\s+)?(?:the\s+)?[A-Za-z][^()\d.;,]{0,60}$", between, re.I):
                    lab2 = _clean_label(re.sub(r"^\s*(?:,\s*)?(?:or|and|versus|vs\.?)\s+(?:to\s+)?", "", between, flags=re.I))
                    if lab2 and len(lab2.split()) <= 6:
                        out.append(Mention(lab2, int(nxt.group("n")), m.end() + len(between) - len(between.lstrip()), nxt.end(), "text", si))
    return out


def _group_size(flow: str, sents: list[Segment], have: list[Mention]) -> list[Mention]:
    """'group I included 100 patients ... and group II included 100 patients': kept when two or more
    groups are sized so (or the sentence allocates), not a single 'group of 30 patients' aside."""
    found = [m for m in (() if lacks_cues(cue_text(flow), ("group", "arm")) else GROUP_SIZE_RE.finditer(flow))
             if not _overlaps(have, m.start(), m.end()) and to_int(m.group("n"))]
    out: list[Mention] = []
    for m in found:
        si = _sentence_of(sents, m.start())
        sent = flow[sents[si].start:sents[si].end] if si >= 0 else ""
        if len(found) >= 2 or ALLOCATION_RE.search(sent):
            out.append(Mention(_clean_label(m.group("label")), to_int(m.group("n")), m.start(), m.end(), "text", si))
    return out


def _definition(label: str, flow: str) -> str:
    """What a generic label is defined as in the text: 'group B (irinotecan, leucovorin, ...; FOLFIRI-bevacizumab)'."""
    if not GENERIC_LABEL_RE.fullmatch(label.strip()):
        return ""
    key = r"\s*".join(re.escape(w) for w in re.split(r"[\s-]+", label.strip()))
    d = re.search(r"\b" + key + r"\s*\((?P<d>[^()]{1,160})\)", flow, re.I)
    return d.group("d") if d else ""


def _core(label: str) -> str:
    """An arm label without articles, 'group'/'arm' and plural: 'a control group' ~ 'controls' ~ 'the control arm'."""
    w = re.sub(r"^(?:the|a|an)\s+|\s+(?:group|arm|condition|cohort)s?$", "", label.strip().lower())
    return re.sub(r"s$", "", w.strip())


def _siblings(g: list[Mention], m: Mention) -> bool:
    """Whether a group holds a mention read from the same words as m (arms sized together)."""
    return m.source == "text" and any(x.source == "text" and (x.start, x.end) == (m.start, m.end) for x in g)


_STARTS: list = [None, []]  # the last sentence list looked up in (held, so `is` is safe) and its starts


def _sentence_of(sents: list[Segment], pos: int) -> int:
    """The index of the sentence holding pos, else -1 (sentences are sorted and disjoint)."""
    if _STARTS[0] is not sents:
        _STARTS[0], _STARTS[1] = sents, [s.start for s in sents]
    k = bisect.bisect_right(_STARTS[1], pos) - 1
    return k if k >= 0 and pos < sents[k].end else -1


def _overlaps(out: list[Mention], a: int, b: int) -> bool:
    return any(m.start < b and a < m.end for m in out)


def _clean_label(raw: str) -> str:
    label = clean_phrase(raw).strip('"“”\'')
    label = re.sub(r"^(?:the|a|an)\s+", "", label, flags=re.I)
    return label.strip(" ,:")


def _num_first(flow: str, sents: list[Segment], have: list[Mention]) -> list[Mention]:
    """'205 patients in the Charité group and 99 patients in the control group'. A number followed
    by 'were randomised to X or Y' is a total, not an arm, unless another arm size follows it."""
    out: list[Mention] = []
    for m in NUM_FIRST_RE.finditer(flow):
        n = to_int(m.group("n"))
        label = re.sub(r"^(?:receive|receiving|be\s+given|be\s+treated\s+with|undergo)\s+", "", _clean_label(m.group("label")), flags=re.I)
        label = re.split(r"\s+(?:for|during|over|daily|once|twice|consumed|took|underwent|who|which)\b", label)[0].strip()
        if n is None or not label or len(label.split()) > 8 or _overlaps(have + out, m.start(), m.end()) or STUDY_NAME_RE.search(label):
            continue
        if re.search(r"\b(?:groups|arms|one of|either|each|both|receive)\b", label, re.I) or re.match(r"\d", label) \
                or re.fullmatch(r"(?:(?:this|the|our|a|an)\s+(?:[\w-]+\s+){0,4}?)?(?:study|trial|research|project|analysis)", label, re.I) \
                or GENERIC_TREATMENT_RE.fullmatch(label):
            continue  # '98 patients received assigned treatment': adherence, not an arm
        if NUMBERED_BEFORE_RE.search(flow, max(0, m.start() - 12), m.start()):
            continue  # 'All year 9 students in intervention schools', 'day 7', 'phase 2': the number names something
        si = _sentence_of(sents, m.start())
        conn = m.group("conn").lower()
        if conn.endswith("in") and OUTCOME_VERB_RE.search(flow[m.start():sents[si].end if si >= 0 else m.end() + 200]):
            continue  # 'Twelve patients in the placebo group and 14 in the drug group had nausea': outcome counts
        if re.search(r"randomi|allocat|assign", conn) and not (out and out[-1].sentence == si):
            # only an arm when a second arm size follows in the same sentence (or it continues a list)
            # ('..., while 27 were initially allocated to the control period'; or the next sentence:
            # '12 participants randomized to a treatment arm consumed X. 13 individuals randomized to the control arm ...')
            end = sents[si + 1].end if 0 <= si < len(sents) - 1 else sents[si].end if si >= 0 else m.end() + 200
            if not NEXT_ARM_RE.match(flow, m.end(), end):
                continue
        has_people = re.search(PEOPLE, m.group(0)[len(m.group("n")):m.start("conn") - m.start()], re.I) is not None
        continuing = bool(out) and out[-1].sentence == si
        verb_before = re.search(r"(?:randomi[sz]ed|randomly\s+\w+|assigned|allocated)\s+(?:a\s+total\s+of\s+)?$", flow[max(0, m.start() - 40):m.start()], re.I)
        if conn == "to" and verb_before:
            continuing = True  # 'We randomly assigned 162 patients to the salbutamol group and 164 to the placebo group'
        head = flow[max(0, m.start() - 80):m.start()].rstrip()
        if head.endswith((":", ",")) and re.search(r"\b(?:two|three|four|five|[2-5])\s+(?:[\w-]+\s+)?(?:groups|arms)\s*[:,]$", head, re.I):
            continuing = True  # 'were assigned to two groups: 65 to receive X and 66 to receive Y'
        elif head.endswith(":") and re.search(r"\b(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|assigned|allocated)\s*:$", head, re.I):
            continuing = True  # '36 met the criteria and were randomised: 18 to the intervention and 18 to usual care'
        if conn == "to" and not continuing and re.search(
                r"\b(?:randomi[sz]ed|assigned|allocated)\b[^.;()]{0,40}\(\s*$", flow[max(0, m.start() - 80):m.start()], re.I) \
                and re.match(r"[^();.]{0,60}?\band\s+(?:" + COUNT + r")\s+(?:" + PEOPLE + r"\s+)?to\b", flow[m.end():m.end() + 120], re.I):
            continuing = True  # 'were randomly assigned to conditions (31 to ECT, 30 to CBT, and 29 to IP)'
        if conn in ("to", "on", "with", "as", "served as") and not continuing:
            continue  # bare connectors only continue a list ('..., 58 patients with a semi-rigid brace')
        # a total first: '40 patients, 20 in ...'; '217 patients with prostate cancer, 112 in H-ARM and 105 in C-ARM arm'
        # ('The remaining 171 patients were analyzed; 86 were in the study group and 85 in the control group')
        # (searched only when needed and when a ',', ';' or ':' comes right before)
        def after_total() -> bool:
            head_ = flow[max(0, m.start() - 130):m.start()]
            return head_.rstrip()[-1:] in (",", ";", ":") and AFTER_TOTAL_RE.search(head_) is not None
        # a breakdown in parentheses after an allocation: 'were randomly assigned, and treated (501 in the BLTR group and 499 ...)'
        # ('889 patients (455 from the alert group and 434 from the control group) were eligible': 'from' only so)
        breakdown = conn.endswith(("in", "from")) and re.search(r"\(\s*$", flow[max(0, m.start() - 5):m.start()]) and re.search(
            r"randomi|assign|allocat|enrol|includ|recruit|eligible", flow[sents[si].start if si >= 0 else max(0, m.start() - 300):m.start()], re.I) \
            and re.match(r"[^();.]{0,60}?\band\s+(?:" + COUNT + r")\s+(?:" + PEOPLE + r"\s+)?(?:in|from)\b", flow[m.end():m.end() + 120], re.I)
        if not breakdown and not continuing and conn.endswith("in") and flow[max(0, m.start() - 3):m.start()].rstrip()[-1:] in ("(", ":", ",") \
                and _parts_of_total(
                flow, m.start(), sents[si].start if si >= 0 else max(0, m.start() - 200), sents[si].end if si >= 0 else m.end() + 200):
            breakdown = True  # '579 trial participants (291 in the prophylaxis group and 288 in the placebo group)'
        if breakdown:
            continuing = True
        elif conn == "from" and not (continuing and re.search(r"\(", flow[sents[si].start if si >= 0 else 0:m.start()])):
            continue
        if not has_people and not continuing and not re.search(r"randomi|allocat|assign|receiv|given|treated", conn) and not after_total():
            continue  # '12 in the placebo group' is an outcome count, not an arm size
        out.append(Mention(label, n, m.start(), m.end(), "text", si, None, _route(m.group(0))))
        # an elided verb continues the list: '32 receiving PCR and 33 PCR-B'
        e = re.match(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?P<n>\d[\d,]*)\s+(?P<label>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3}?)\s*(?=[.;,)]|$)",
                     flow[m.end():])
        if e and not re.match(r"(?:" + PEOPLE + r"|to|in|with|on)\b", e.group("label"), re.I):
            a = m.end() + e.start()
            out.append(Mention(_clean_label(re.sub(r"^from\s+", "", e.group("label"))), _int(e.group("n")), a, m.end() + e.end(), "text", si))
    return out


NEXT_ARM_RE = re.compile(
    r"(?:[^.;]{0,60}?(?:,|;|\band\b|\bwhile\b|\bwhereas\b)|[^.;]{0,160}?\.\s+)\s*(?:another\s+|the\s+(?:other|remaining)\s+)?(?:" + COUNT + r")\s+(?:"
    + PEOPLE + r"\s+)?(?:(?:were\s+|had\s+been\s+)?(?:randomly\s+|initially\s+|then\s+)?(?:randomi[sz]ed|assigned|allocated)\s+)?(?:to|into|in)\b", re.I)
AFTER_TOTAL_RE = re.compile(COUNT_AHEAD + r"(?:" + COUNT + r")\s+(?:[\w-]+\s+){0,3}?" + PEOPLE + r"(?:\s+(?:with|who|undergoing|aged|from)\b[^,;.()]{1,60})?"
                            r"(?:\s+were\s+(?:analy[sz]ed|included|enrolled|randomi[sz]ed|evaluated))?\s*[,;:]\s*$", re.I)
# a count of people and the parts it splits into right after it, which add up to it: '579 trial participants (291 in the
# prophylaxis group and 288 in the placebo group)', 'A total of 63 patients completed the study: 23 in the forest group, 19 in
# the hospital group, and 21 in the control group'
TOTAL_BEFORE_PARTS_RE = re.compile(r"(?<![\w.,])(?P<t>" + COUNT + r")\s+(?:[\w-]+\s+){0,3}?" + PEOPLE + r"\b(?P<mid>[^.;()]{0,60}?)\s*(?:\(|:|,)\s*$", re.I)
PART_IN_RE = re.compile(r"(?<![\w.,])(?P<n>" + COUNT + r")\s+(?:" + PEOPLE + r"\s+)?(?:were\s+)?in\s+(?:the\s+)?[^,;()]{1,60}?(?=\s*(?:,|;|\)|\band\b|$))", re.I)
# what a count of people had, not what they were allocated to ('adverse events occurred in 40 patients (22 in group A ...)')
OUTCOME_WORDS_RE = re.compile(r"\b(?:occur|record|observ|develop|experienc|event|death|died|complication|infect|relaps|respon|reported|"
                              r"detected|found|showed|suffered|toxicit|anemia|anaemia|grade)\w*", re.I)


PARTICIPATION_RE = re.compile(r"\b(?:particip|completed\b|enrol|randomi[sz]|includ|recruit|allocat|assign|analy[sz]|available|remain|leaving|"
                              r"traced|studied|study|trial)\w*", re.I)


def _parts_of_total(flow: str, start: int, sent_start: int, end: int) -> bool:
    """Whether the 'N in the X group' at start opens a list of parts that add up to the count of people right before it."""
    t = TOTAL_BEFORE_PARTS_RE.search(flow, max(0, start - 120), start)
    if t is None or OUTCOME_WORDS_RE.search(t.group("mid")) or OUTCOME_WORDS_RE.search(flow, max(0, t.start() - 80), t.start()) \
            or not PARTICIPATION_RE.search(flow, max(sent_start, t.start() - 80), t.end()):
        return False  # ('24 patients discharged themselves from hospital (4 in ECT, 10 in CBT, and 10 in IP)': no participation)
    close = flow.find(")", start, end) if flow[t.end() - 1:t.end()] == "(" or flow[:start].rstrip().endswith("(") else end
    parts = [to_int(p.group("n")) for p in PART_IN_RE.finditer(flow, start, close if close > 0 else end)]
    return len(parts) >= 2 and None not in parts and sum(parts) == to_int(t.group("t"))


GENERIC_TREATMENT_RE = re.compile(r"(?:the\s+)?(?:(?:their|all|any|assigned|allocated|study|trial|randomi[sz]ed|intended|protocol|"
                                  r"allocation)\s+)+(?:treatments?|interventions?|therap(?:y|ies)|drugs?|medications?|doses?)", re.I)
NUMBERED_BEFORE_RE = re.compile(r"\b(?:year|grade|class|day|week|month|visit|phase|step|level|stage|type|part|cycle|session|"
                                r"experiment|figure|table|groups?|arms?)\s*$|[-‐–]$", re.I)  # 'Group 1 received', 'day-1 given
OUTCOME_VERB_RE = re.compile(r"\b(?:had|has|experienced|developed|reported|showed|died|suffered|required|achieved|presented|"
                             r"complained|needed|relapsed|responded)\b", re.I)


def _split_labels(s: str) -> list[tuple[str, int]]:
    parts, pos = [], 0
    for m in re.finditer(r"\s*(?:,\s*(?:and|or)\s+|,\s*|\s+and\s+|\s+or\s+|\s+vs\.?\s+|\s+versus\s+)", s):
        parts.append((s[pos:m.start()], pos))
        pos = m.end()
    parts.append((s[pos:], pos))
    return [(p, off) for p, off in parts if p.strip()]


def _anchored(rx: re.Pattern[str], flow: str, anchors: list[re.Match[str]], back: int = 170,
              need: re.Pattern[str] | None = None):
    """rx's matches that end at an anchor, searched only in a window before each anchor: the lazy
    label scans of these patterns would otherwise run from every position of the document.
    `anchors`: the anchor pattern's matches in flow (found once for the patterns sharing them);
    `need`: a pattern every match of rx contains (a window without it is not searched)."""
    seen = set()
    for a in anchors:
        lo, hi = max(0, a.start() - back), min(len(flow), a.end() + 40)
        if need is not None and need.search(flow, lo, hi) is None:
            continue
        for m in rx.finditer(flow, lo, hi):
            if m.span() not in seen:
                seen.add(m.span())
                yield m


_RESP_ANCHOR = re.compile(r"respectively", re.I)
_PAIR_ANCHOR = re.compile(r"\(\s*n\s*=\s*\d[\d,]*\s*(?:vs\.?|versus|and|/)", re.I)


def _respectively(flow: str, sents: list[Segment], have: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in _anchored(PAIR_N_RE, flow, list(_PAIR_ANCHOR.finditer(flow))):
        if _overlaps(have, m.start(), m.end()):
            continue
        labels_s = re.split(r"\b(?:to|into|between|in|of)\s+(?:the\s+)?", m.group("labels"))[-1]
        labels_s = re.sub(r"\s+(?:groups|arms)\s*$", "", labels_s)
        labels = _split_labels(labels_s)
        if len(labels) == 2:
            si = _sentence_of(sents, m.start())
            for (lab, _), n in zip(labels, (m.group("a"), m.group("b"))):
                out.append(Mention(_clean_label(lab), _int(n), m.start(), m.end(), "text", si))
    resp = list(_RESP_ANCHOR.finditer(flow))
    for rx, need in (RESPECTIVELY_NEEDS if resp else ()):
        for m in _anchored(rx, flow, resp, back=330, need=need):
            if _overlaps(have + out, m.start(), m.end()):
                continue
            nums = [_int(x) for x in re.findall(r"\d[\d,]*", m.group("nums"))]
            labels_s = m.group("labels")
            if rx is not RESPECTIVELY_RE:
                labels_s = re.sub(r"\s*\([^()]*\)", "", labels_s)
                # labels end right before the parenthesis: take the last clause
                labels_s = re.split(r"\b(?:to|into|between|in|of)\s+(?:the\s+)?", labels_s)[-1]
                labels_s = re.sub(r"\s+(?:groups|arms)\s*$", "", labels_s)
            labels = _split_labels(labels_s)
            if len(labels) != len(nums):
                continue
            si = _sentence_of(sents, m.start())
            for (lab, _), n in zip(labels, nums):
                label = _clean_label(lab)
                if label:
                    out.append(Mention(label, n, m.start(), m.end(), "text", si, None, _route(lab)))
    return out


TOTAL_EACH_RE = re.compile(r"(?P<total>\d[\d,]*)\s+(?:[\w-]+\s+){0,3}?" + PEOPLE + r"\s*\(\s*(?P<n>\d+)\s+(?:" + PEOPLE
                           + r"\s+)?(?:in|per)\s+each\s+(?:group|arm)\s*\)", re.I)


def _each(flow: str, sents: list[Segment], have: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    low = cue_text(flow)
    for m in (() if lacks_cues(low, ("each",)) else TOTAL_EACH_RE.finditer(flow)):
        total, n = _int(m.group("total")), int(m.group("n"))
        k = total // n if n else 0
        if 2 <= k <= 4 and k * n == total and not _overlaps(have + out, m.start(), m.end()):
            si = _sentence_of(sents, m.start())
            out += [Mention(f"group {j + 1}", n, m.start(), m.end(), "text", si) for j in range(k)]
    for m in (() if lacks_cues(low, ("groups", "arms", "o-group", "e-group", "r-group", "o-arm", "e-arm", "r-arm", "2-group",
                                      "3-group", "4-group", "2-arm", "3-arm", "4-arm")) else EACH_RE.finditer(flow)):
        if _overlaps(have + out, m.start(), m.end()):
            continue
        k = _K.get(m.group("k").lower()) or int(m.group("k"))
        n = to_int(m.group("n") or m.group("n2") or m.group("n3") or m.group("n4") or m.group("n5") or m.group("n6")
                   or m.group("n7"))
        if not n or m.group("n2") and SEX_BREAKDOWN_BEFORE_RE.search(flow, max(0, m.start("n2") - 40), m.start("n2")) \
                or re.match(r"\s*(?:,|and)\s*(?:" + COUNT + r")\s+(?:(?:fe)?males?|(?:wo)?men|boys|girls)\b", flow[m.end():m.end() + 40], re.I):
            continue  # ('four groups consisting of 10 males and 10 females in each group': 20 each, not stated)
        si = _sentence_of(sents, m.start())
        for j in range(k):
            out.append(Mention(f"group {j + 1}", n, m.start(), m.end(), "text", si))
    for m in (() if lacks_cues(low, ("groups of", "arms of", ") groups", ") arms", ") equal")) else K_N_GROUPS_RE.finditer(flow)):  # 'divided into two (n = 30) groups'
        if not _overlaps(have + out, m.start(), m.end()):
            k = _K.get(m.group("k").lower()) or int(m.group("k"))
            n = to_int(m.group("n") or m.group("n8"))
            if n:
                out += [Mention(f"group {j + 1}", n, m.start(), m.end(), "text", _sentence_of(sents, m.start())) for j in range(k)]
    for m in PER_GROUP_RE.finditer(flow):
        if _overlaps(have + out, m.start(), m.end()):
            continue
        si = _sentence_of(sents, m.start())
        before = flow[sents[si].start if si >= 0 else max(0, m.start() - 300):m.start()]
        k = len(re.findall(r"\b(?:group|arm)\b", before, re.I))  # one singular 'group' per named arm
        names: list[str] = []
        if k < 2:
            # labels listed before one plural or shared noun: 'the high-dose and low-dose groups (n=30 per group)',
            # 'assigned to either the intervention or control group (both: n = 57)'
            clause = re.split(r"\b(?:to|into|between)\s+(?:either\s+)?(?:the\s+)?", before)[-1]
            clause = re.sub(r"\s+(?:groups?|arms?)\s*$", "", clause.strip())
            names = [_clean_label(x) for x, _ in _split_labels(clause)] if 0 < len(clause) <= 80 and not re.search(r"[.;()]", clause) else []
            k = len(names)
        if m.group("both"):
            k = 2 if m.group("both").lower() == "both" else k
        if 2 <= k <= 6 and ALLOCATION_RE.search(before):
            n = int(m.group("n") or m.group("nb"))
            out += [Mention(names[j] if len(names) == k and all(names) else f"group {j + 1}", n, m.start(), m.end(), "text", si)
                    for j in range(k)]
    return _name_groups(flow, sents, out)


_GROUP_ID = r"(?:[A-Z]{1,3}|[IVX]{1,4}|[1-9])"
# ('group D/E received duloxetine and etoricoxib': a combination's name)
GROUP_NAME_RE = re.compile(r"\b(?:[Gg]roup|GROUP)\s+(?P<x>" + _GROUP_ID + r"(?:[/+]" + _GROUP_ID + r")?)\b(?![\w/+-])")
GROUP_LIST_RE = re.compile(r"\b(?:[Gg]roups|GROUPS)\s*,?\s*\(?(?P<xs>" + _GROUP_ID + r"(?:\s*(?:,|,?\s*and|&)\s*" + _GROUP_ID + r")+)\b(?![\w-])")


def _name_groups(flow: str, sents: list[Segment], ms: list[Mention]) -> list[Mention]:
    """'divided into three groups (n = 30) ... Group C received placebo, Group E received esmolol and Group D ...':
    the k groups sized together take the names the text then gives k groups ('Group C', 'group II'), in order
    of first mention, so that what a named group received sets its role. Left as 'group 1..k' unless exactly
    k names are found."""
    batches: dict[tuple[int, int], list[Mention]] = {}
    for m in ms:
        if re.fullmatch(r"group \d", m.label):
            batches.setdefault((m.start, m.end), []).append(m)
    for (a, _), batch in batches.items():
        si = batch[0].sentence
        lo = sents[si].start if si >= 0 else a
        names: list[str] = []
        for gm in GROUP_LIST_RE.finditer(flow, lo, min(len(flow), lo + 400)):
            names += [x for x in re.findall(_GROUP_ID, gm.group("xs")) if x not in names]
        for gm in GROUP_NAME_RE.finditer(flow, lo, min(len(flow), lo + 1500)):
            if gm.group("x") not in names:
                names.append(gm.group("x"))
        if len(names) == len(batch):
            # in order of first mention of what each group got ('Group D received 1.0 μg/kg of dexmedetomidine'
            # and dexmedetomidine is in the title): the arms' order in the text
            got = {x: _got_object(f"Group {x}", flow) for x in names}
            first = {x: (flow.lower().find(got[x].lower()) if got[x] else -1) for x in names}
            names.sort(key=lambda x: first[x] if first[x] >= 0 else len(flow))
            for m, x in zip(batch, names):
                m.label = f"Group {x}"
                m.context = got[x] or ""
    return ms


def _got_object(label: str, flow: str) -> str | None:
    """The first word of what a generically named group received: 'Group E received 2.0 mg/kg of esmolol' -> 'esmolol'."""
    m = next((x for x in (GOT_OBJECT_AFTER_RE.match(flow, k.end()) for k in _key_re(label).finditer(flow)) if x), None)
    return m.group("x") if m else None


COMPARED_WITH_RE = re.compile(r"\b(?:(?:compared|comparison|comparing)\s+(?:with|to)|than)\s+(?:(?:the|an?|with|in|those\s+(?:in|of|receiving|treated\s+with|using))\s+)?"
                              r"(?P<x>[A-Za-z][\w/+-]*(?:\s+[A-Za-z][\w/+-]*){0,2})", re.I)
# a results section, whose comparisons state directions of effects, not which arm is the comparator ('more depressed in
# Thiopental-group compared with those in Propofol-group')
RESULTS_HEAD_RE = re.compile(r"\b(?:RESULTS?|Results?|FINDINGS|Findings)\s*:")
AFTER_RESULTS_HEAD_RE = re.compile(r"\b(?:CONCLUSIONS?|Conclusions?|DISCUSSION|Discussion|INTERPRETATION|Interpretation|"
                                   r"TRIAL\s+REGISTRATION|Trial\s+registration|CLINICAL\s+RELEVANCE|IMPLICATIONS?)\b\s*(?:[&\w ]{0,30})?:")
_NAME_STOP = {"the", "and", "with", "for", "group", "groups", "arm", "arms", "receive", "received", "receiving", "patients", "plus",
              "day", "daily", "dose", "doses", "given", "treatment", "therapy", "alone", "only", "who", "were", "was"}


def _name_words(label: str) -> set[str]:
    # ('GOT+IOT' is one name: 'compared with GOT alone' names the other arm)
    return {w for w in re.findall(r"[a-z][a-z0-9+/-]+", re.sub(r"\([^()]*\)", " ", label.lower())) if len(w) > 2 and w not in _NAME_STOP}


def _compared_with(active: list[Arm], groups: dict[str, list[Mention]], flow: str) -> Arm | None:
    """Of two arms, the one every 'compared with/to X' names (by a word of its name the other's lacks); None when none
    or both are named so."""
    words = {}
    for a in active:
        ws = set().union(*(_name_words(x.label + " " + x.desc) for x in groups[a.arm_id]))
        got = _got_object(a.label, flow) if GENERIC_LABEL_RE.fullmatch(a.label.strip()) else None
        words[a.arm_id] = ws | ({got.lower()} if got else set())
    a, b = active
    own = {a.arm_id: words[a.arm_id] - words[b.arm_id], b.arm_id: words[b.arm_id] - words[a.arm_id]}
    if not own[a.arm_id] or not own[b.arm_id]:
        return None
    named = set()
    res = RESULTS_HEAD_RE.search(flow)
    end = AFTER_RESULTS_HEAD_RE.search(flow, res.end()) if res else None
    for m in COMPARED_WITH_RE.finditer(flow):
        if res and res.start() <= m.start() < (end.start() if end else len(flow)):
            continue
        x = set(re.findall(r"[a-z][a-z0-9+/-]+", m.group("x").lower()))
        named |= {k for k, ws in own.items() if ws & x}
    return next((c for c in active if c.arm_id in named), None) if len(named) == 1 else None


# words of arm names too common to tell two arms apart in a title ('diet', 'training', 'care')
_GENERIC_NAME_WORDS = {"diet", "care", "program", "programme", "training", "intervention", "injection", "injections", "screening",
                       "technique", "techniques", "management", "procedure", "exercise", "control", "standard", "usual",
                       "conventional", "group", "arm", "patients", "children", "women", "men", "high", "low", "dose"}


def _not_in_title(active: list[Arm], groups: dict[str, list[Mention]], mt: str) -> Arm | None:
    """Of two arms, the one the title does not name when it names the other ('The Efficacy of Mirodenafil for Chronic
    Prostatitis': levofloxacin, beside levofloxacin and mirodenafil, is the comparator). The title is the first line when
    it is no sentence."""
    title = mt.split("\n", 1)[0].strip()
    if not title or len(title) > 250 or title.endswith(".") or len(mt) == len(title):
        return None
    norm = " " + " ".join(re.findall(r"[a-z0-9+/]+", title.lower())) + " "
    named = []
    for a in active:
        ws = set().union(*(_name_words(x.label + " " + x.desc) for x in groups[a.arm_id]))
        named.append({w for w in ws if w not in _GENERIC_NAME_WORDS and len(w) > 2})
    own = [named[0] - named[1], named[1] - named[0]]
    hit = [any(" " + " ".join(re.findall(r"[a-z0-9+/]+", w)) + " " in norm for w in o) for o in own]
    if hit[0] != hit[1] and own[0] and own[1]:
        return active[1] if hit[0] else active[0]
    return None


# the size of each of equal groups, their number told by a total: 'A total of 200 residents completed the study, with 100 in
# each group', 'Seventy patients were enrolled 35 in each group', 'randomly assigned (20 per group) to receive either X or
# placebo' (a trial total of 40), 'on 40 patients in two 20-subject groups'
EQUAL_GROUPS_RE = re.compile(r"(?<![\w.,])(?P<n>" + COUNT + r")\s+(?:[\w-]+\s+)?(?:" + PEOPLE + r"\s+)?(?:(?:were\s+)?(?:in|for)\s+each|per)\s+"
                             r"(?:group|arm)\b|\b(?P<k>two|three|four|2|3|4)\s+(?P<n2>\d+)-(?:subject|patient|participant|person|member)\s+groups\b",
                             re.I)
SEX_BREAKDOWN_BEFORE_RE = re.compile(r"(?:" + COUNT + r")\s+(?:(?:fe)?males?|(?:wo)?men|boys|girls)\s*(?:,|\band)\s*$", re.I)
EQUAL_GROUPS_BAD_RE = re.compile(r"sample\s+size|calculat|power|simulat|focus\s+groups?|required|needed|planned|would\s+be|will\s+be|target", re.I)


def _equal_groups(flow: str, sents: list[Segment], total: tuple[int, int, int] | None) -> list[Mention]:
    """Arms of equal size where the text gives only the size of each ('N in each group') and the number of groups follows
    from a total in the same sentence or the trial's enrolment (2 to 6 groups); nothing when unsure."""
    if lacks_cues(cue_text(flow), ("each group", "per group", "each arm", "per arm", "-subject groups", "-patient groups",
                                  "-participant groups", "-person groups", "-member groups")):
        return []
    for m in EQUAL_GROUPS_RE.finditer(flow):
        si = _sentence_of(sents, m.start())
        sent = flow[sents[si].start:sents[si].end] if si >= 0 else flow[max(0, m.start() - 200):m.end() + 100]
        if EQUAL_GROUPS_BAD_RE.search(sent) or re.search(r"\b(?:eyes|teeth)\b", m.group(0), re.I) \
                or NUMBERED_BEFORE_RE.search(flow, max(0, m.start() - 12), m.start()) \
                or SEX_BREAKDOWN_BEFORE_RE.search(flow, max(0, m.start() - 40), m.start()):
            continue  # a planned size, eyes, 'day 7 for each arm', '10 males and 10 females in each group' (a breakdown)
        if m.group("k"):
            k, n = _K.get(m.group("k").lower()) or int(m.group("k")), int(m.group("n2"))
        else:
            n = to_int(m.group("n"))
            if not n:
                continue
            lo = sents[si].start if si >= 0 else max(0, m.start() - 200)
            totals = [to_int(t.group(0)) for t in re.finditer(r"(?<![\w.,])(?:" + COUNT + r")(?![\d,])", flow[lo:m.start()], re.I)]
            ks = [t // n for t in totals if t and t % n == 0 and 2 <= t // n <= 6]
            k = ks[-1] if ks else (total[0] // n if total and total[0] % n == 0 and 2 <= total[0] // n <= 6 else 0)
        if n >= 3 and 2 <= k <= 6:
            names = [f"group {j + 1}" for j in range(k)]
            e = EITHER_OR_RE.search(sent)
            if k == 2 and e:  # '(20 per group) to receive either lornoxicam (8 mg ...) or placebo'
                ab = [_clean_label(e.group("a")), _clean_label(e.group("b"))]
                if all(ab) and all(len(x.split()) <= 6 for x in ab):
                    names = ab
            ms = [Mention(names[j], n, m.start(), m.end(), "text", si) for j in range(k)]
            return _name_groups(flow, sents, ms) if names[0] == "group 1" else ms
    return []


EITHER_OR_RE = re.compile(r"\beither\s+(?:the\s+|a\s+|an\s+)?(?P<a>[A-Za-z][^,;()]*?)(?:\s*\([^()]*\))?\s+or\s+(?:the\s+|a\s+|an\s+)?"
                          r"(?P<b>[A-Za-z][^,;()]*?)(?=\s*[(,;.]|\s+(?:for|in|at|during|on|daily|twice|once)\b|$)", re.I)


def table_mentions(tables: list[Table]) -> list[Mention]:
    out = []
    for t in tables:
        for c in t.columns:
            if c.role == "arm" and c.arm_n is not None and c.arm_label:
                out.append(Mention(c.arm_label, c.arm_n, c.start, c.end, "table", -1))
    return out


def extract_arms(doc: Document, mt: str, flow: str, sents: list[Segment], tables: list[Table],
                 single_arm: bool | None, total: tuple[int, int, int] | None, from_text: bool = True) -> list[Arm]:
    """Arms of a trial; with from_text=False only the groups that tables name with their n
    (the comparison groups of a non-randomised study)."""
    mentions = (text_mentions(flow, sents) if from_text else []) + table_mentions(tables)
    if not mentions and from_text and not single_arm:
        mentions = _equal_groups(flow, sents, total)
    only_route_cache: list[str | None] = []

    def only_route() -> str | None:
        """The document's route when it names exactly one (scanned for on first need only)."""
        if not only_route_cache:
            routes = doc_routes(flow)
            only_route_cache.append(next(iter(routes)) if len(routes) == 1 else None)
        return only_route_cache[0]

    if not mentions:
        if single_arm and total:
            n, s, e = total
            im = INTERVENTION_RE.search(mt)
            label = clean_phrase(doc.text[im.start("x"):im.end("x")]) if im else "single arm"
            dm = DOSE_RE.search(mt)
            route = _route(mt[max(0, im.start() - 40):im.end()]) if im else None
            return [Arm("a1", label, "single", n, label if im else None,
                        flatten_exponent(doc.text[dm.start():dm.end()]) if dm else None,
                        route or only_route(), evidence(doc, s, e), aliases=(label,))]
        return []
    # the first sentence with two or more mentions defines the arms; else each distinct n
    text_ms = [m for m in mentions if m.source == "text"]
    by_sent: dict[int, list[Mention]] = {}
    for m in text_ms:
        by_sent.setdefault(m.sentence, []).append(m)
    listing = [ms for _, ms in sorted(by_sent.items(), key=lambda kv: kv[1][0].start) if len(ms) >= 2]
    defining = listing[0] if listing else None
    if total and defining and sum(m.n for m in defining) < total[0]:
        # the first list adds up to fewer than the enrolment, as it counts clusters or another unit ('56 GPs were randomly assigned to intervention (29) or
        # standard care (27)'): a later list whose sizes add up to the enrolment ('4317 individuals (2248
        # intervention and 2069 control)') names the trial's arms
        later = next((ms for ms in listing[1:] if sum(m.n for m in ms) == total[0]
                      and not any(POPULATION_LABEL_RE.match(m.label) for m in ms)), None)  # not '(90 mothers and 90 infants)'
        if later is not None:
            other_units = {id(m) for ms in listing[:listing.index(later)] for m in ms}
            mentions = [m for m in mentions if id(m) not in other_units]
            defining = later
    groups: list[list[Mention]] = [[m] for m in defining] if defining else []
    defined_cores = {_core(m.label) for m in defining} if defining else set()
    for m in sorted(mentions, key=lambda m: (m.source != "text", m.start)):
        if defining and m in defining:
            continue
        role = role_of([m.label])
        home = next((g for g in groups if g[0].n == m.n and (role_of([x.label for x in g]) == role or m.source == "table")), None)
        if home is None and defining and m.source == "text" and role != "experimental" \
                and not any(role_of([x.label for x in g]) == role for g in groups):
            # a later 'control group (n = 3)' names the role of a defined arm of that size that had no role cue (when
            # no arm has that role yet)
            # ('Nineteen children (16 on nevirapine and three not on ART)')
            # (never into a sibling read from the same words: 'allocated to intervention or control groups (N = 381 for each group)')
            home = next((g for g in groups if g[0].n == m.n and role_of([x.label for x in g]) == "experimental" and not _siblings(g, m)), None)
        if home is not None:
            home.append(m)
        elif defining and m.source == "text" and m.start > defining[-1].end and _core(m.label) in defined_cores:
            continue  # a defined arm again with another number: completers, analysed or an outcome count ('yoga group (n = 3)')
        elif not defining or m.source == "text" and m.sentence not in by_sent.get(defining[0].sentence, []):
            groups.append([m])
    arms = []
    groups_by_id: dict[str, list[Mention]] = {}
    for k, g in enumerate(sorted(groups, key=lambda g: min(x.start for x in g if x.source == "text") if any(x.source == "text" for x in g) else g[0].start), 1):
        texts = [x for x in g if x.source == "text"]
        tables_ = [x for x in g if x.source == "table"]
        first = texts[0] if texts else g[0]
        desc = next((x.desc for x in texts if x.desc), "")
        label = tables_[0].label if tables_ else f"{desc} ({first.label})" if desc else first.label
        role = role_of([x.label for x in g] + [x.note for x in g if x.note] + ([desc] if desc else []), " ".join(x.context for x in texts))
        if role == "experimental":
            role = next((r for r in (role_from_text(x.label, flow) for x in g) if r), role)
        if role == "experimental":
            role = next((r for r in (role_from_abbreviation(x.label, flow) for x in g) if r), role)
        if role in ("experimental", "control") and any(_got_only_inert(x.label, flow) for x in g):
            role = "placebo"  # 'The patients were treated intravenously with 1 and 2 ml of 0.9% NaCl (group C)': an inert comparator
        intervention = texts[0].label if texts else None
        dose = next((x.dose for x in texts if x.dose), None) if role == "experimental" else None
        route = next((x.route for x in texts if x.route), None) or only_route()
        aliases = {x.label for x in g} | ({desc} if desc else set())
        for a in list(aliases):
            w = a.split()
            if len(w) >= 2 and w[-1].lower() in ("group", "arm", "injections", "injection"):
                aliases.add(" ".join(w[:-1]))
            if len(w) >= 2:
                aliases.add(" ".join(w[-2:]).rstrip("s"))
        if role == "placebo":
            aliases.add("placebo")
        groups_by_id[f"a{k}"] = g
        arms.append(Arm(f"a{k}", label, role, first.n, intervention, dose, route,
                        evidence(doc, first.start, first.end), aliases=tuple(sorted(aliases))))
    # two active arms (besides any placebo or control arm): the comparator named in the title or first
    # sentences is the active control ('Dexmedetomidine versus esmolol ...': the esmolol group)
    active = [a for a in arms if a.role == "experimental"]
    if len(active) >= 2:
        head = mt[:600]
        comps = {m.group("x").lower() for m in COMPARATOR_RE.finditer(head)}
        ctx = {a.arm_id: " ".join(x.context + " " + x.label for x in groups_by_id[a.arm_id]).lower() for a in active}
        for a in active:  # what a generic label stands for: 'group B (irinotecan, ...; FOLFIRI-bevacizumab)'
            ctx[a.arm_id] += " " + _definition(a.label, flow).lower()
        # (a whole name: 'GLY' is not the comparator in 'IND/GLY')
        hits = [a for a in active if any(re.search(rf"(?<![/+-])\b{re.escape(c)}\b(?![/+-])", ctx[a.arm_id]) for c in comps)]
        if hits and len(hits) < len(active):
            arms = [Arm(a.arm_id, a.label, "active-control", a.n, a.intervention, a.dose, a.route, a.evidence, a.aliases)
                    if a in hits else a for a in arms]
    active = [a for a in arms if a.role == "experimental"]
    if len(active) == 2:
        # an add-on design: the base treatment is the active control ('PCR' and 'PCR-B', 'X alone' and 'X plus Y'); beside
        # other arms only when the text calls the base 'alone' ('the ramosetron group (group R)' and 'the ramosetron plus
        # dexamethasone group (group RD)' beside a control group, in 'Ramosetron Plus Dexamethasone with Ramosetron Alone')
        def name(a: Arm) -> str:
            return re.sub(r"\s+(?:group|arm)$", "", re.sub(r"\s*\([^()]*\)", "", a.label.strip().lower()))
        a, b = sorted(active, key=lambda a: len(name(a)))
        base = re.sub(r"\s+(?:alone|only|monotherapy)$", "", name(a))
        if len(base) >= 2 and re.match(re.escape(base) + r"\s*(?:\+|\bplus\b|\band\b|\bwith\b|-(?=[A-Za-z])|/)", name(b)) and (
                len(arms) == 2 or re.search(r"\b" + re.escape(base) + r"\s+(?:alone|only)\b", flow, re.I)):
            arms = [Arm(x.arm_id, x.label, "active-control", x.n, x.intervention, x.dose, x.route, x.evidence, x.aliases)
                    if x is a else x for x in arms]
    active = [a for a in arms if a.role == "experimental"]
    if len(active) == 2 == len(arms):
        # two active arms and nothing else: the one the text compares the other with, and only that one, is the active
        # control ('greater reductions ... in the rosuvastatin group as compared to the atorvastatin group', 'a greater
        # improvement ... compared with conventional balance training'); else the one a title does not name
        comp = None if lacks_cues(cue_text(flow), ("compar", "than")) else _compared_with(active, groups_by_id, flow)
        if comp is None:
            comp = _not_in_title(active, groups_by_id, mt)
        if comp is not None:
            arms = [Arm(a.arm_id, a.label, "active-control", a.n, a.intervention, a.dose, a.route, a.evidence, a.aliases)
                    if a is comp else a for a in arms]
    if total and len(arms) >= 3:
        # the whole sample named like an arm ('type 2 diabetes mellitus (n=2495)' before 'AQIP (n=1577)' and 'UQIP
        # (n=918)'): its size is the enrolment and the other arms add up to it
        whole = [a for a in arms if a.n == total[0] and sum(b.n or 0 for b in arms if b is not a) == total[0]]
        if len(whole) == 1:
            arms = [Arm(f"a{k}", a.label, a.role, a.n, a.intervention, a.dose, a.route, a.evidence, a.aliases)
                    for k, a in enumerate((a for a in arms if a is not whole[0]), 1)]
    if len(arms) == 1 and single_arm:
        a = arms[0]
        arms[0] = Arm(a.arm_id, a.label, "single", a.n, a.intervention, a.dose, a.route, a.evidence, a.aliases)
    return arms
