"""Property-based tests (hypothesis): arbitrary text and numbers thrown at the parsers.

No exception escapes; every offset slices the text to its evidence; numbers written in realistic
phrasing ('P = 0.034', 'OR 1.2 (95% CI 0.8 to 1.9)', '(n = 120)') are read back exactly.
Kept small (about 100-150 examples each, no deadline) so `make test` stays fast.
"""

import math
import sys
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings, strategies as st

sys.path.insert(0, str(Path(__file__).parent))

from extract.errors import InputError  # noqa: E402
from extract.extractors import arms as arms_x  # noqa: E402
from extract.extractors.effects import find_cis  # noqa: E402
from extract.extractors.numbers import to_int  # noqa: E402
from extract.extractors.pvalues import find_pvalues  # noqa: E402
from extract.extractors.tables import find_tables  # noqa: E402
from extract.model import Document  # noqa: E402
from extract.parse.html import html_to_text  # noqa: E402
from extract.parse.normalize import canonical_text, match_text  # noqa: E402
from extract.parse.reader import decode_with_warnings  # noqa: E402
from extract.pipeline import extract_document  # noqa: E402

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text that looks a little like a results section: the characters the parsers care about, often
NUMBERISH = st.text(alphabet=st.sampled_from(list("0123456789.,;:()[]=<>≤≥±−–-% \n\tpPnNCIORHRvsto95·\u00a0\ufffdab")),
                    max_size=300)
ANY_TEXT = st.text(max_size=300)
TEXTS = st.one_of(NUMBERISH, ANY_TEXT)
WORDS = st.sampled_from(["The difference", "Mortality", "At 6 months the outcome", "In the drug group, the effect",
                         "Pain scores", "Overall"])


def _dec(x: float, places: int) -> str:
    return f"{x:.{places}f}"


# ---------------------------------------------------------------- normalisation

@FAST
@given(TEXTS)
def test_match_text_keeps_every_offset(s):
    m = match_text(s)
    assert len(m) == len(s)
    assert match_text(m) == m or len(match_text(m)) == len(m)


@FAST
@given(st.text(max_size=300))
def test_canonical_text_has_only_newlines(s):
    c = canonical_text(s)
    assert "\r" not in c and not c.startswith("\ufeff")


# ---------------------------------------------------------------- p-values

@FAST
@given(TEXTS)
def test_pvalues_never_raise_and_slice_the_text(s):
    mt = match_text(s)
    for p in find_pvalues(mt, s):
        assert 0 <= p.start <= p.end <= len(s)
        assert p.text == s[p.start:p.end]
        assert p.value is None or 0 <= p.value <= 1


@FAST
@given(st.floats(min_value=0.0001, max_value=0.99), st.integers(2, 4), st.sampled_from(["P", "p", "P value", "p-value"]),
       st.sampled_from([("=", "="), ("<", "<"), ("≤", "<="), (">", ">"), ("<=", "<=")]), WORDS)
def test_pvalues_round_trip(x, places, label, op, words):
    s = _dec(x, places)
    assume(float(s) > 0)
    text = f"{words} was significant ({label} {op[0]} {s})."
    found = find_pvalues(match_text(text), text)
    assert [(p.op, p.value) for p in found] == [(op[1], float(s))], (text, found)
    (p,) = found
    assert text[p.start:p.end] == p.text and s in p.text


# ---------------------------------------------------------------- confidence intervals and effects

@FAST
@given(TEXTS)
def test_cis_never_raise_and_stay_in_the_text(s):
    mt = match_text(s)
    for c in find_cis(mt):
        assert 0 <= c.start <= c.end <= len(s)
        assert all(math.isfinite(v) for v in (c.low, c.high)), c


@FAST
@given(st.floats(min_value=0.01, max_value=50), st.floats(min_value=0.01, max_value=50), st.floats(min_value=0.01, max_value=50),
       st.integers(1, 3), st.sampled_from(["OR", "HR", "RR", "odds ratio", "hazard ratio"]),
       st.sampled_from(["(95% CI {a} to {b})", "(95% CI {a}–{b})", "(95% CI, {a}-{b})", "[95% CI {a}, {b}]"]),
       st.sampled_from([90, 95, 99]))
def test_cis_round_trip(x, y, z, places, etype, pattern, level):
    lo, est, hi = (_dec(v, places) for v in sorted((x, y, z)))
    ci = pattern.replace("95", str(level)).format(a=lo, b=hi)
    text = f"The {etype} was {est} {ci} in favour of the drug."
    found = find_cis(match_text(text))
    assert len(found) == 1, (text, found)
    (c,) = found
    assert (c.low, c.high, c.level) == (float(lo), float(hi), float(level)), (text, c)
    assert c.estimate == float(est), (text, c)
    assert text[c.start:c.end].startswith(est) and text[c.start:c.end].rstrip(")]").endswith(hi), (text, c)


# ---------------------------------------------------------------- counts

@FAST
@given(st.integers(0, 10_000_000))
def test_to_int_round_trip(n):
    assert to_int(str(n)) == n
    assert to_int(f"{n:,}") == n


@FAST
@given(TEXTS)
def test_to_int_never_raises(s):
    v = to_int(s)
    assert v is None or isinstance(v, int)


@FAST
@given(st.integers(1, 99_999), st.sampled_from(["(n = {n})", "(n={n})", "(n = {n},", "({n} patients)", "(N = {n};"]),
       st.sampled_from(["the drug group", "placebo", "Group A"]))
def test_arm_size_round_trip(n, pattern, label):
    size = f"{n:,}" if n >= 1000 and "patients" in pattern else str(n)
    text = f"Patients were assigned to {label} " + pattern.format(n=size) + " and followed up."
    m = arms_x.N_RE.search(text)
    assert m is not None, text
    got = next(m.group(g) for g in arms_x.N_RE.groupindex if g.startswith("n") and m.group(g))
    assert to_int(got) == n, (text, got)


# ---------------------------------------------------------------- flattened tables

CELL = st.one_of(st.integers(0, 999).map(str), st.floats(0, 99, allow_nan=False).map(lambda v: f"{v:.1f}"),
                 st.tuples(st.integers(0, 99), st.floats(0, 100, allow_nan=False)).map(lambda t: f"{t[0]} ({t[1]:.1f})"),
                 st.sampled_from(["NA", "—", "<0.001", "0.04"]), st.text(alphabet="abc xyz±()", max_size=8))


@st.composite
def flattened_table(draw):
    ncol = draw(st.integers(2, 4))
    header = "\t".join(["Characteristic"] + [f"Group {chr(65 + k)} (n = {draw(st.integers(1, 500))})" for k in range(ncol - 1)])
    rows = ["\t".join([draw(st.sampled_from(["Age, years", "Male sex", "BMI", "Pain score", "Death"]))]
                      + [draw(CELL) for _ in range(ncol - 1)]) for _ in range(draw(st.integers(1, 6)))]
    return "Table 1. Baseline characteristics\n" + header + "\n" + "\n".join(rows) + "\n"


@FAST
@given(st.one_of(TEXTS, flattened_table(), st.tuples(TEXTS, flattened_table()).map("\n".join)))
def test_tables_never_raise_and_cells_slice_the_text(s):
    for t in find_tables(s, match_text(s)):
        assert 0 <= t.start <= t.end <= len(s)
        for row in t.rows:
            assert 0 <= row.label_start <= row.label_end <= len(s)
            for c in row.cells:
                assert s[c.start:c.end] == c.text, (c, s[c.start:c.end])


# ---------------------------------------------------------------- decoding and HTML

@FAST
@given(st.binary(max_size=400))
def test_decode_arbitrary_bytes_gives_text_or_a_clear_error(b):
    try:
        text, warnings = decode_with_warnings(b, "x.txt")
    except InputError as e:
        assert e.problem and "Traceback" not in e.problem
        return
    assert isinstance(text, str) and all(isinstance(w, str) for w in warnings)


@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_unicode_round_trips(s, enc):
    text, warnings = decode_with_warnings(s.encode(enc), "x.txt")
    assert text.lstrip("\ufeff") == s.lstrip("\ufeff") and not warnings


@FAST
@given(st.text(alphabet=st.sampled_from(list("abcdefghij ABC.,;:0123456789\n()=<>") + ["±", "µ", "°", "é"]), min_size=20,
               max_size=200).filter(lambda s: sum(c.isascii() for c in s) / len(s) > 0.92 and s.strip()))
def test_legacy_8_bit_round_trips(s):
    text, warnings = decode_with_warnings(s.encode("cp1252"), "x.txt")
    assert text == s and not warnings


@FAST
@given(st.text(max_size=300))
def test_html_never_raises_and_never_shows_script(s):
    text, title = html_to_text(f"<html><body><p>{s}</p><script>var secretScript = 1;</script></body></html>")
    assert "secretScript" not in text


# ---------------------------------------------------------------- a whole document

@SLOW
@given(st.one_of(TEXTS, st.tuples(st.sampled_from(["A randomised controlled trial.\n", "Results\n"]), TEXTS,
                                  flattened_table(), TEXTS).map("".join)))
def test_whole_document_never_raises_and_evidence_slices_the_text(s):
    text = canonical_text(s)
    assume(text.strip())
    doc = Document(doc_id="x", source_uri="/x.txt", source_format="text", text=text)
    r = extract_document(doc)
    assert r.status in ("ok", "partial")
    for rec in (*r.trials, *r.arms, *r.endpoints, *r.statistics, *r.measurements):
        ev = rec.evidence
        assert 0 <= ev.char_start <= ev.char_end <= len(text)
        assert text[ev.char_start:ev.char_end] == ev.evidence_text
    for a, b in r.meta["p_spans"].values():
        assert a is None or 0 <= a <= b <= len(text)
