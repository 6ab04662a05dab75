"""Per-arm values stated in running text: '7.8% for stem cell group vs. 11.4% for placebo group'.

Each value becomes a `measurements` row (section 'outcome', no table) with the arm it names.
"""

from __future__ import annotations

import re

from ..model import Arm, Document, Endpoint, Evidence, Measurement
from .common import Segment, norm_key

PCT = r"(?P<{v}>\d+(?:\.\d+)?)\s?%"
LABEL = r"(?:for|in)\s+(?:the\s+)?(?P<{l}>[A-Za-z][^,;()%]{{1,40}}?)"
PCT_PAIR_RE = re.compile(
    PCT.format(v="a") + r"\s+" + LABEL.format(l="la") + r"\s+(?:vs\.?|versus|compared\s+with|and)\s+"
    + PCT.format(v="b") + r"\s+" + LABEL.format(l="lb") + r"(?=\s*(?:[(),;.]|$))",
    re.I,
)


def _arm_for(label: str, arms: list[Arm]) -> str | None:
    key = norm_key(label)
    hits = [a.arm_id for a in arms if any(len(al) >= 3 and norm_key(al) in key for al in (a.label, *a.aliases))]
    return hits[0] if len(set(hits)) == 1 else None


def text_measurements(doc: Document, flow: str, sents: list[Segment], arms: list[Arm],
                      endpoints: list[Endpoint]) -> list[Measurement]:
    out: list[Measurement] = []
    for m in PCT_PAIR_RE.finditer(flow):
        sent = next((s for s in sents if s.start <= m.start() < s.end), None)
        prefix = flow[sent.start:m.start()] if sent else ""
        head = re.match(r"\s*(?:[•●▪◦*-]\s*)?(?P<v>[^:]{3,80}):\s*$", prefix)
        variable = head.group("v").strip() if head else None
        if variable is None:
            ep = next((e for e in endpoints if any(norm_key(al) in norm_key(prefix) for al in e.aliases if len(al) >= 3)), None)
            variable = ep.name if ep else None
        if not variable:
            continue
        for v, lab in (("a", "la"), ("b", "lb")):
            a, b = m.start(v), flow.index("%", m.end(v)) + 1
            label = " ".join(m.group(lab).split())
            out.append(Measurement(
                table_id=None, section="outcome", row_group=None, variable=variable, category=None, arm_label=label,
                arm_id=_arm_for(label, arms), timepoint=None, value_text=doc.text[a:b], mean=None, sd=None, median=None,
                q1=None, q3=None, count=None, percent=float(m.group(v)), unit=None,
                evidence=Evidence(doc.text[a:b], a, b, doc.page_of(a))))
    return out
