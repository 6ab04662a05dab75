"""p-values in running text: every form as written, as plain regex functions over match text.

`find_pvalues(mt)` returns mentions with the operator, the number (None for 'not significant'),
and offsets. A p-value needs a 'p' that is a word of its own (`NT-pro-BNP > 300` has none) and a
number in [0, 1]; thresholds ("P-value of <0.05 was considered significant") are marked by
`is_threshold(sentence)`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .common import NUM

_SCI = rf"{NUM}(?:\s*[×x]\s*10\s*\^?\s*-\s*\d+|\s*[eE]\s*-\s*\d+)?"
P_RE = re.compile(
    r"(?<![A-Za-z0-9\-])(?P<label>[Pp](?:\s*-?\s*values?)?(?:\s*(?:for|of)\s+(?:trend|interaction|heterogeneity|difference))?"
    r"(?:\s*\((?:two|one)[- ]sided\))?)"
    r"(?:"
    r"\s*(?:of|was|were|is|:)?\s*(?P<op>[<>]\s*=|=\s*[<>]|<<|>>|[<>=≤≥⩽⩾]|(?:less|lower|smaller)\s+than|(?:greater|higher|more)\s+than)\s*(?P<val>" + _SCI + r")"
    r"(?:\s*(?:–|-|to)\s*(?P<val2>" + _SCI + r"))?"
    r"|\s*(?:=|:|was|were|is)?\s*(?P<ns>NS\b|n\.\s?s\.|not\s+significant|non-?significant)"
    r")",
)
_OPS = {"=": "=", "<": "<", ">": ">", "≤": "<=", "⩽": "<=", "≥": ">=", "⩾": ">=", "<=": "<=", ">=": ">=",
        "=<": "<=", "=>": ">=", "<<": "<", ">>": ">", "lessthan": "<", "lowerthan": "<", "smallerthan": "<", "greaterthan": ">",
        "higherthan": ">", "morethan": ">"}
# 'p = 0.025, 0.007, and 0.009': further values after one 'p ='
LIST_TAIL_RE = re.compile(r"\s*,\s*(?:and\s+)?(?P<v>0?\.\d+|1\.0+)(?![\d.])")
THRESHOLD_RE = re.compile(
    r"considered\s+(?:to\s+be\s+)?(?:statistically\s+)?significan|regarded\s+as\s+(?:statistically\s+)?significan|"
    r"deemed\s+(?:statistically\s+)?significan|significance\s+(?:level|threshold|was\s+set|was\s+defined)|"
    r"level\s+of\s+(?:statistical\s+)?significance|statistical\s+significance\s+was\s+(?:set|defined|accepted)|"
    r"\balpha\b|α\s*=|significant\s+(?:if|when)\b|set\s+at\b|was\s+used\s+to\s+(?:indicate|denote)|"
    r"were\s+(?:included|entered|retained|selected)\s+(?:in|into|for)\s+(?:the\s+)?(?:multivariate|multivariable|regression|final|logistic|multiple|model)",
    re.I,
)


@dataclass(frozen=True)
class PMention:
    start: int
    end: int
    op: str | None
    value: float | None
    text: str


def _num(s: str) -> float | None:
    s = re.sub(r"\s+", "", s)
    m = re.fullmatch(r"(\d*\.?\d+)(?:[×x]10\^?(-\d+)|[eE](-\d+))?", s)
    if not m:
        return None
    base = float(m.group(1))
    exp = m.group(2) or m.group(3)
    return base * 10 ** int(exp) if exp else base


def find_pvalues(mt: str, text: str | None = None) -> list[PMention]:
    out = []
    for m in P_RE.finditer(mt):
        if m.group("ns"):
            out.append(PMention(m.start(), m.end(), None, None, (text or mt)[m.start():m.end()]))
            continue
        op = _OPS.get(re.sub(r"\s+", "", m.group("op")))
        v = _num(m.group("val"))
        if v is None or op is None or v > 1:
            continue
        if m.group("val2"):
            v2 = _num(m.group("val2"))
            if v2 is None or v2 > 1:
                continue
            # a range of p-values ('P < 0.0001–0.0107'): the bound that holds for all of them
            v, op = max(v, v2), "<="
        out.append(PMention(m.start(), m.end(), op, v, (text or mt)[m.start():m.end()]))
        if op == "=" and not m.group("val2"):
            pos = m.end()
            while (t := LIST_TAIL_RE.match(mt, pos)) is not None:
                out.append(PMention(t.start("v"), t.end("v"), "=", float(t.group("v")), (text or mt)[t.start("v"):t.end("v")]))
                pos = t.end()
    return out


@functools.lru_cache(maxsize=256)  # called once per p-value with its sentence: search each sentence once
def is_threshold(sentence: str) -> bool:
    return bool(THRESHOLD_RE.search(sentence))
