"""Score extraction against hand-made gold files (format: eval/README.md).

Pure functions over a DocumentResult's tables and a gold dict; `trialx eval` prints the result.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

TRIAL_FIELDS = ["randomized", "blinding", "placebo_controlled", "single_arm", "phase", "total_enrolled"]
FIELDS = (["document_type"] + TRIAL_FIELDS + ["registry_ids", "arm_n", "arm_role", "primary_endpoint",
                                              "pvalues", "effects"])


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    errors: list[dict] = field(default_factory=list)  # doc, field, kind (miss|false-positive), detail
    documents: int = 0

    def add(self, other: "Report") -> None:
        for f, s in other.scores.items():
            t = self.scores[f]
            t.tp, t.fp, t.fn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn
        self.errors += other.errors
        self.documents += other.documents

    def as_dict(self) -> dict:
        return dict(documents=self.documents, fields={
            f: dict(tp=s.tp, fp=s.fp, fn=s.fn, precision=round(s.precision, 4), recall=round(s.recall, 4),
                    f1=round(s.f1, 4)) for f, s in self.scores.items()}, errors=self.errors)


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
        return math.isclose(float(a), float(b), abs_tol=1e-9)
    return a == b


_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}


def phase_key(p: str | None) -> str | None:
    """A phase as written ('III', '3', 'IIb', 'I/II') in one spelling: Arabic numerals, upper case.
    Abstracts often write one phase both ways ('phase 3' in the title, 'phase III' in the methods)."""
    if p is None:
        return None
    return "/".join(re.sub(r"^(IV|I{1,3})(?=[AB]?$)", lambda m: _ROMAN[m.group(1)], part.strip())
                    for part in str(p).upper().split("/"))


def _tokens(s: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", s.lower().replace("-", " "))) - {"the", "of", "a", "an", "in", "and", "at", "to"}


def names_match(a: str, b: str) -> bool:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    return len(ta & tb) / len(ta | tb) >= 0.5 or ta <= tb or tb <= ta


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0 and needle:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def score_document(name: str, text: str, tables: dict[str, list[dict]], gold: dict) -> Report:
    """tables: the document's rows per output table (as dicts); gold: a parsed gold file."""
    rep = Report(documents=1)
    s = rep.scores

    def err(fld: str, kind: str, detail: str) -> None:
        rep.errors.append(dict(doc=name, field=fld, kind=kind, detail=" ".join(str(detail).split())[:220]))

    def compare(fld: str, got, want) -> None:
        if want is None and got is None:
            return
        if want is not None and got is not None and _same(got, want):
            s[fld].tp += 1
            return
        if got is not None:
            s[fld].fp += 1
            err(fld, "false-positive", f"extracted {got!r}, gold {want!r}")
        if want is not None:
            s[fld].fn += 1
            if got is None:
                err(fld, "miss", f"gold {want!r}, nothing extracted")

    doc = tables["documents"][0]
    compare("document_type", doc.get("document_type"), gold.get("document_type"))
    trial = (tables.get("trials") or [None])[0] or {}
    gtrial = gold.get("trial") or {}
    for f in TRIAL_FIELDS:
        if f == "phase":
            compare(f, phase_key(trial.get(f)), phase_key(gtrial.get(f)))
        else:
            compare(f, trial.get(f), gtrial.get(f))
    got_ids, want_ids = set(trial.get("registry_ids") or []), set(gtrial.get("registry_ids") or [])
    s["registry_ids"].tp += len(got_ids & want_ids)
    for i in got_ids - want_ids:
        s["registry_ids"].fp += 1
        err("registry_ids", "false-positive", i)
    for i in want_ids - got_ids:
        s["registry_ids"].fn += 1
        err("registry_ids", "miss", i)

    # arms: sizes as multisets; roles on arms matched by n
    arms = tables.get("arms") or []
    got_n = [a for a in arms if a.get("n") is not None]
    want_n = [a for a in gold.get("arms") or [] if a.get("n") is not None]
    left = list(got_n)
    for w in want_n:
        # among arms of the same n (equal groups) the one with the gold role, if any: which of two
        # arms of 30 is matched to which gold arm must not decide whether roles count as right
        hit = next((a for a in left if a["n"] == w["n"] and a.get("role") == w.get("role")), None) \
            or next((a for a in left if a["n"] == w["n"]), None)
        if hit is None:
            s["arm_n"].fn += 1
            err("arm_n", "miss", f"{w.get('label')} n={w['n']}")
            continue
        left.remove(hit)
        s["arm_n"].tp += 1
        if hit.get("role") == w.get("role"):
            s["arm_role"].tp += 1
        else:
            s["arm_role"].fp += 1
            s["arm_role"].fn += 1
            err("arm_role", "false-positive", f"{hit.get('label')} n={hit['n']}: {hit.get('role')} (gold {w.get('role')})")
    for a in left:
        s["arm_n"].fp += 1
        err("arm_n", "false-positive", f"{a.get('label')} n={a['n']}  «{a.get('evidence_text')}»")

    # primary endpoints
    prim = [e["name"] for e in tables.get("endpoints") or [] if e.get("kind") == "primary"]
    left_p = list(prim)
    for w in gold.get("primary_endpoints") or []:
        hit = next((p for p in left_p if names_match(p, w)), None)
        if hit is None:
            s["primary_endpoint"].fn += 1
            err("primary_endpoint", "miss", w)
        else:
            left_p.remove(hit)
            s["primary_endpoint"].tp += 1
    for p in left_p:
        s["primary_endpoint"].fp += 1
        err("primary_endpoint", "false-positive", p)

    stats = tables.get("statistics") or []

    def match_mentions(fld: str, gold_items: list[dict], got: list[dict], span, agrees, describe_gold, describe_got) -> None:
        """Greedy one-to-one matching in document order: a gold mention is found by an unused
        extracted row whose span overlaps one of the gold text's occurrences and whose values agree."""
        used: set[int] = set()
        for w in gold_items:
            occ = _occurrences(text, w["text"])
            hit = next((k for k, r in enumerate(got) if k not in used and agrees(r, w)
                        and any(span(r)[0] < e and st < span(r)[1] for st, e in occ)), None)
            if hit is None:
                s[fld].fn += 1
                err(fld, "miss", describe_gold(w))
            else:
                used.add(hit)
                s[fld].tp += 1
        for k, r in enumerate(got):
            if k not in used:
                s[fld].fp += 1
                err(fld, "false-positive", describe_got(r))

    # p-values at mention level (the p-value's own span), effects by estimate and bounds
    match_mentions(
        "pvalues", gold.get("pvalues") or [],
        [r for r in stats if r.get("p_text") is not None and r.get("p_char_start") is not None],
        span=lambda r: (r["p_char_start"], r["p_char_end"]),
        agrees=lambda r, w: (_same(r.get("p_value"), w.get("value")) and r.get("p_operator") == w.get("operator")
                             and bool(r.get("is_threshold")) == bool(w.get("threshold"))),
        describe_gold=lambda w: f"{w['text']!r} (value {w.get('value')}, {w.get('operator')}, threshold={w.get('threshold')})",
        describe_got=lambda r: (f"{r.get('p_text')!r} -> {r.get('p_operator')} {r.get('p_value')} threshold={r.get('is_threshold')}  "
                                f"«{text[max(0, r['p_char_start'] - 40):r['p_char_end'] + 10]}»"))
    match_mentions(
        "effects", gold.get("effects") or [], [r for r in stats if r.get("ci_low") is not None],
        span=lambda r: (r["char_start"], r["char_end"]),
        agrees=lambda r, w: all(_same(r.get(a), w.get(b)) for a, b in (("estimate", "estimate"), ("ci_low", "ci_low"), ("ci_high", "ci_high"))),
        describe_gold=lambda w: f"{w['text']!r} -> {w.get('estimate')} ({w.get('ci_low')}, {w.get('ci_high')})",
        describe_got=lambda r: f"{r.get('estimate')} ({r.get('ci_low')}, {r.get('ci_high')})  «{r.get('evidence_text')}»")
    return rep


def find_pairs(gold_dir: Path, paths: list[Path] | None = None) -> list[tuple[Path, Path]]:
    """(document, gold file) pairs: documents named on the command line, or found next to gold files."""
    suffixes = (".txt", ".md", ".html", ".htm", ".pdf")
    pairs = []
    if paths:
        for p in paths:
            docs = [p] if p.is_file() else sorted(q for q in p.rglob("*") if q.suffix.lower() in suffixes)
            for d in docs:
                g = d.with_name(d.stem + ".gold.json")
                if not g.exists():
                    g = gold_dir / (d.stem + ".gold.json")
                if g.exists():
                    pairs.append((d, g))
        return pairs
    for g in sorted(gold_dir.rglob("*.gold.json")):
        stem = g.name[: -len(".gold.json")]
        doc = next((g.with_name(stem + s) for s in suffixes if g.with_name(stem + s).exists()), None)
        if doc is not None:
            pairs.append((doc, g))
    return pairs


def evaluate(pairs: list[tuple[Path, Path]]) -> Report:
    from .batch import build_tables
    from .pipeline import process_document

    total = Report()
    for doc_path, gold_path in pairs:
        result = process_document(doc_path)
        tables = {t: json.loads(df.to_json(orient="records")) for t, df in build_tables([result]).items()}
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        total.add(score_document(doc_path.stem, result.text or "", tables, gold))
    return total
