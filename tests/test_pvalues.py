"""p-values in the forms real papers write them (pure functions, hand-built strings)."""

import pytest

from extract.extractors.pvalues import find_pvalues, is_threshold
from extract.parse.normalize import match_text


def one(s):
    found = find_pvalues(match_text(s), s)
    assert len(found) == 1, (s, found)
    return found[0]


@pytest.mark.parametrize("text, op, value", [
    ("(P = 0.63)", "=", 0.63),
    ("p<.001", "<", 0.001),
    ("P < 0.0001", "<", 0.0001),
    ("p=0·55", "=", 0.55),  # Lancet middle dot
    ("P-value of<0.05", "<", 0.05),
    ("P > 0.05", ">", 0.05),
    ("p ≤ 0.01", "<=", 0.01),
    ("p ≥ 0.2", ">=", 0.2),
    ("P\u2009=\u20090.021", "=", 0.021),  # thin spaces
    ("P\u00a0<\u00a00.05", "<", 0.05),  # non-breaking spaces
    ("p-value = 0.4", "=", 0.4),
    ("P for trend = 0.03", "=", 0.03),
    ("P = 2.3 × 10-5", "=", 2.3e-5),
    ("P < 0.0001–0.0107", "<=", 0.0107),  # a range: the bound that holds for all
])
def test_forms(text, op, value):
    p = one(text)
    assert p.op == op
    assert p.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["(p = NS)", "p = not significant", "P = non-significant", "p = n.s."])
def test_not_significant(text):
    p = one(text)
    assert p.value is None and p.op is None
    assert p.text == text.strip("()")


@pytest.mark.parametrize("text", [
    "Plasma NT-pro-BNP > 300 pg/mL",  # a lab limit in inclusion criteria
    "LVEF ≤ 45%",
    "PAD 6 (11.1) 1 (3.7)",
    "Pulmonary disease 8 (14.8)",
    "P = 300",  # not in [0, 1]
    "CRP (mg/L) 4.5",
    "aged 30–85 years",
    "Figure 3A",
])
def test_not_pvalues(text):
    assert find_pvalues(match_text(text), text) == []


def test_offsets_and_text_as_written():
    s = "groups (0.0 mL, P\u00a0=\u00a00.992) and"
    (p,) = find_pvalues(match_text(s), s)
    assert s[p.start:p.end] == p.text == "P\u00a0=\u00a00.992"


@pytest.mark.parametrize("sentence, expected", [
    ("Two-sided P-value of<0.05 was considered statistically significant.", True),
    ("A P value < 0.05 was regarded as significant.", True),
    ("The level of significance was set at p < 0.05.", True),
    ("LVESV was unchanged in the ASC group (P = 0.827).", False),
    ("NYHA classification did not alter significantly in the two groups (P > 0.05).", False),
])
def test_threshold(sentence, expected):
    assert is_threshold(sentence) is expected
